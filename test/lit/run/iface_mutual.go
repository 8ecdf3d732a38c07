// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Interfaces may refer to each other through method signatures and
// embedding (Go test/fixedbugs/bug250.go): I2 embeds I1, whose method
// returns I2; both have the same method set.
package main

type I1 interface {
	m() I2
}

type I2 interface {
	I1
}

type T struct{}

func (T) m() I2 { return T{} }

func main() {
	var i1 I1 = T{}
	var i2 I2 = i1
	i1 = i2
	println(i1.m() != nil, i2 != nil)
}

// CHECK: true true
