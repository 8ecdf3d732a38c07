// RUN: %gortc-bin build -verify %s
// RUN: not %gortc-bin build -o %t %s 2>&1 | FileCheck %s --check-prefix=POS
// Switch statements: duplicate constant cases (by value and type, also when
// switching on an interface), duplicate type-switch cases, cases that
// cannot be compared with the tag, and comparisons with converted nils,
// which are not the nil literal. (go.dev/issue/24159, go.dev/issue/13480)
package main

type intAlias = int
type S []int

type I interface{ M() }
type T struct{}

func (*T) M() {}

const k = 2

func main() {
	x := 1
	switch x {
	case 1, 2:
	case 1 + 1: // ERROR "duplicate case 1 \+ 1 \(constant 2 of type int\) in expression switch"
	case k: // ERROR "duplicate case k \(constant 2 of type int\) in expression switch"
	case 3, 3: // ERROR "duplicate case 3 \(constant of type int\) in expression switch"
	case "s": // ERROR "cannot convert .s. \(untyped string constant\) to int"
	}
	switch interface{}(nil) {
	case uint8(0):
	case byte(0): // ERROR "duplicate case byte\(0\) \(constant 0 of type byte\) in expression switch"
	case int32(0):
	case rune(0): // ERROR "duplicate case rune\(0\) \(constant 0 of type rune\) in expression switch"
	case int(0):
	case intAlias(0): // ERROR "duplicate case intAlias\(0\) \(constant 0 of type int\) in expression switch"
	}
	var i I
	switch i.(type) {
	case *T, nil:
	case *T: // ERROR "duplicate case \*T in type switch"
	case nil: // ERROR "duplicate case nil in type switch"
	case T: // ERROR "impossible type switch case: T"
	}
	var s S
	_ = s == S(nil) // ERROR "invalid operation: s == S\(nil\) \(slice can only be compared to nil\)"
	_ = s == nil
	switch s {
	case S(nil): // ERROR "invalid case S\(nil\) in switch on s \(slice can only be compared to nil\)"
	}
	var f func()
	_ = f == (func())(nil) // ERROR "invalid operation: f == \(func\(\)\)\(nil\) \(func can only be compared to nil\)"
	var e interface{}
	_ = e == error(nil)
}

// "previous case" is at the position of the earlier case expression itself
// (for a conversion, its left parenthesis), as gc reports it.
// POS: fail_switch.go:29:12: previous case
// POS: fail_switch.go:31:12: previous case
// POS: fail_switch.go:33:10: previous case
