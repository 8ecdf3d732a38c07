// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// Run-time errors are recoverable values implementing runtime.Error with
// gc's Error() text.
package main

type runtimeError interface {
	error
	RuntimeError()
}

func try(name string, f func()) {
	defer func() {
		r := recover()
		re, ok := r.(runtimeError)
		println(name, ok, re.Error())
	}()
	f()
}

func main() {
	var a []int
	var p *struct{ x int }
	zero := 0
	var e interface{} = "s"
	var m map[string]int
	try("index", func() { _ = a[3] })
	try("slice", func() { _ = a[1:zero] })
	try("nil", func() { _ = p.x })
	try("div", func() { _ = 1 / zero })
	try("assert", func() { _ = e.(int) })
	try("nilmap", func() { m["x"] = 1 })
}

// CHECK: index true runtime error: index out of range [3] with length 0
// CHECK-NEXT: slice true runtime error: slice bounds out of range [1:0]
// CHECK-NEXT: nil true runtime error: invalid memory address or nil pointer dereference
// CHECK-NEXT: div true runtime error: integer divide by zero
// CHECK-NEXT: assert true interface conversion: interface {} is string, not int
// CHECK-NEXT: nilmap true assignment to entry in nil map
// CHECK: exit=0
