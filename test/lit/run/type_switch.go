// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Type switches: single and multiple types per case (the variable then has
// the interface type), nil cases, default anywhere, interface cases,
// shadowed switch variables and switching on non-empty interfaces.
package main

type I interface{ M() string }
type A struct{}
type B int

func (A) M() string { return "A.M" }
func (B) M() string { return "B.M" }

type err struct{}

func (err) Error() string { return "err" }

func classify(x interface{}) {
	switch v := x.(type) {
	case nil:
		println("nil", v == nil)
	case int, int64:
		println("int-ish", v != nil)
	case string:
		println("string", len(v))
	default:
		println("default")
	case bool:
		println("bool", !v)
	case I:
		println("I", v.M())
	case error:
		println("error", v.Error())
	case []int:
		println("slice", len(v))
	case func() int:
		println("func", v())
	case *int:
		println("ptr", *v)
	}
}

func kind(i I) string {
	switch i.(type) {
	case A:
		return "A"
	case B, nil:
		return "B or nil"
	}
	return "?"
}

func main() {
	classify(nil)
	classify(1)
	classify(int64(2))
	classify("abc")
	classify(true)
	classify(A{})
	classify(B(3))
	classify(err{})
	classify([]int{1, 2})
	classify(func() int { return 9 })
	n := 5
	classify(&n)
	classify(3.5)
	println(kind(A{}), kind(B(1)), kind(nil))
	var x interface{} = 1
	switch x := x.(type) {
	case int:
		x++
		println(x)
	}
	switch y := x.(type) {
	case string:
		println("unreachable", y)
	}
	switch x.(type) {
	}
	println("done")
}

// CHECK: nil true
// CHECK-NEXT: int-ish true
// CHECK-NEXT: int-ish true
// CHECK-NEXT: string 3
// CHECK-NEXT: bool false
// CHECK-NEXT: I A.M
// CHECK-NEXT: I B.M
// CHECK-NEXT: error err
// CHECK-NEXT: slice 2
// CHECK-NEXT: func 9
// CHECK-NEXT: ptr 5
// CHECK-NEXT: default
// CHECK-NEXT: A B or nil B or nil
// CHECK-NEXT: 2
// CHECK-NEXT: done
