// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Expression switches: cases are compared in order with ==; on an interface
// tag a constant case matches only a dynamic value of the same type; cases
// may be non-constant; a missing tag means true.
package main

type MyInt int

func kind(v interface{}) string {
	switch v {
	case uint8(1):
		return "uint8 1"
	case 1:
		return "int 1"
	case MyInt(1):
		return "MyInt 1"
	case "1":
		return "string 1"
	case nil:
		return "nil"
	}
	return "other"
}

var calls string

func f(s string, v int) int {
	calls += s
	return v
}

func main() {
	println(kind(uint8(1)), kind(1), kind(MyInt(1)), kind("1"), kind(nil), kind(int64(1)))
	switch x := 5; x {
	case f("a", 1), f("b", 5), f("c", 5):
		println("matched", calls)
	}
	switch {
	case calls == "":
		println("no")
	case len(calls) == 2:
		println("two calls")
	}
	s := "go"
	switch s + "!" {
	case "go":
	case "go!":
		println("concat")
	}
	var f64 = 0.5
	switch f64 * 2 {
	case 1:
		println("float one")
	}
}

// CHECK: uint8 1 int 1 MyInt 1 string 1 nil other
// CHECK-NEXT: matched ab
// CHECK-NEXT: two calls
// CHECK-NEXT: concat
// CHECK-NEXT: float one
