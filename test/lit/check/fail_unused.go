// RUN: %gortc-bin build -verify %s
// Unused local variables (including ones only assigned to) and unused
// imports are errors; a used blank import or an underscore are not.
package main

import (
	"container/list" // ERROR "imported and not used: .container/list."
	"unsafe" // ERROR "imported and not used: .unsafe."
	str "unicode/utf8" // ERROR "imported and not used: .unicode/utf8. as str"
)

func f() (int, error) { return 0, nil }

func main() {
	a := 1 // ERROR "a declared but not used"
	var b int // ERROR "b declared but not used"
	c, d := f() // ERROR "c declared but not used"
	_ = d
	var e, g = 1, 2 // ERROR "e declared but not used"
	_ = g
	for i := 0; i < 3; i++ {
	}
	for k, v := range []int{} { // ERROR "v declared but not used"
		_ = k
	}
	func() {
		inner := 2 // ERROR "inner declared but not used"
	}()
	var used int // ERROR "used declared but not used"
	used = 3
	h := 1 // ERROR "h declared but not used"
	h = 2
	var p *int
	*p = 1
	switch x := interface{}(1).(type) { // ERROR "x declared but not used"
	case int:
	}
	var _ = 5
}
