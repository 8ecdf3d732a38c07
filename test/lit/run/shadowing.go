// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Scopes: shadowing in blocks, if/for/switch scopes, := redeclaring with
// at least one new variable, shadowing predeclared identifiers and types.
package main

var x = "package"

func f() (x int) {
	x = 1
	{
		x := 2
		x++
	}
	return
}

func main() {
	println(x)
	x := "local"
	println(x)
	{
		x := 3
		println(x)
	}
	println(x)
	if x := 4.5; x > 0 {
		println(x)
	}
	for x := 0; x < 1; x++ {
		println(x)
	}
	println(f())
	a, b := 1, 2
	a, c := 3, 4 // a is reused, c is new
	println(a, b, c)
	true := false
	println(true)
	len := func(s string) int { return 42 }
	println(len("abc"))
	{
		type int string
		var v int = "typed"
		println(v)
	}
	var int = 7
	println(int)
	nil := 5
	println(nil)
	switch x := 10; {
	case x > 5:
		x := "inner"
		println(x)
	}
	err := "outer"
	if true {
		err := "inner"
		_ = err
	}
	println(err)
}

// CHECK: package
// CHECK-NEXT: local
// CHECK-NEXT: 3
// CHECK-NEXT: local
// CHECK-NEXT: +4.500000e+000
// CHECK-NEXT: 0
// CHECK-NEXT: 1
// CHECK-NEXT: 3 2 4
// CHECK-NEXT: false
// CHECK-NEXT: 42
// CHECK-NEXT: typed
// CHECK-NEXT: 7
// CHECK-NEXT: 5
// CHECK-NEXT: inner
// CHECK-NEXT: outer
