// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// An interface whose method returns an unnamed interface embedding it
// (Go test/fixedbugs/bug398.go): its type descriptor is recursive.
package main

type J interface {
	F() interface{ J }
}

type U struct{}

func (U) F() interface{ J } { return nil }

func main() {
	var j J = U{}
	println(j != nil, j.F() == nil)
}

// CHECK: true true
