// RUN: %gortc-bin build -verify %s
// Composite literal errors: unknown, blank and duplicate field names,
// mixed keyed and positional elements, too few or too many values, array
// index errors and literals of non-composite types. (go.dev/issue/19482)
package main

type T struct {
	a int
	_ string
	b string
}

type U struct{ x, y int }

func main() {
	_ = T{c: 1} // ERROR "unknown field 'c' in struct literal of type T"
	_ = T{_: "x"} // ERROR "unknown field '_' in struct literal of type T"
	_ = T{a: 1, a: 2} // ERROR "duplicate field name a in struct literal"
	_ = T{a: 1, "b"} // ERROR "mixture of field:value and value elements in struct literal"
	_ = U{1} // ERROR "too few values in U\{…\}"
	_ = U{1, 2, 3} // ERROR "too many values in U\{…\}"
	_ = U{x: "s"} // ERROR "cannot use .s. \(untyped string constant\) as int value in struct literal"
	_ = [2]int{1, 2, 3} // ERROR "index 2 is out of bounds \(>= 2\)"
	_ = [2]int{5: 1} // ERROR "invalid argument: index 5 out of bounds \[0:2\]"
	_ = [...]int{1, 1: 2}
	_ = []int{-1: 1} // ERROR "invalid argument: index -1 \(constant of type int\) must not be negative"
	_ = int{1} // ERROR "invalid composite literal type int"
	_ = struct{ f int }{g: 1} // ERROR "unknown field 'g' in struct literal of type struct\{f int\}"
	_ = []U{{1, 2}, {x: 1}, {3}} // ERROR "too few values in struct\{x int; y int\}\{…\}"
	_ = map[string]int{"a": 1, "a": 2} // ERROR "duplicate key .a. in map literal"
}
