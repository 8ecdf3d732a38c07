// RUN: %gortc-bin build -verify %s
// Calls: argument counts (with gc's have/want lines), argument types,
// variadic calls, calling non-functions and using ... wrongly.
package main

func one(x int) int               { return x }
func noret()                      {}
func vari(a int, rest ...string)  {}
func two() (int, int)             { return 1, 2 }
func pair(a, b int)               {}
func takesString(s string)        {}

type T struct{}

func (T) M(x int) {}

func main() {
	one() // ERROR "not enough arguments in call to one"
	one(1, 2) // ERROR "too many arguments in call to one"
	one("s") // ERROR "cannot use .s. \(untyped string constant\) as int value in argument to one"
	noret(1) // ERROR "too many arguments in call to noret"
	vari() // ERROR "not enough arguments in call to vari"
	vari(1, 2) // ERROR "cannot use 2 \(untyped int constant\) as string value in argument to vari"
	vari(1, "a", "b")
	vari(1, []string{}...)
	vari(1, "a", []string{}...) // ERROR "too many arguments in call to vari"
	one([]int{1}...) // ERROR "cannot use \.\.\. in call to non-variadic one"
	pair(two())
	one(two()) // ERROR "too many arguments in call to one"
	takesString(two()) // ERROR "too many arguments in call to takesString"
	var t T
	t.M() // ERROR "not enough arguments in call to t\.M"
	t.M(1, 2) // ERROR "too many arguments in call to t\.M"
	T.M(t) // ERROR "not enough arguments in call to T\.M"
	x := 1
	x() // ERROR "invalid operation: cannot call non-function x \(variable of type int\)"
	"str"() // ERROR "invalid operation: cannot call non-function .str. \(untyped string constant\)"
	_ = len() // ERROR "invalid operation: not enough arguments for len\(\) \(expected 1, found 0\)"
	_ = len(1, 2) // ERROR "invalid operation: too many arguments for len\(1, 2\) \(expected 1, found 2\)"
	_ = make([]int) // ERROR "invalid operation: make\(\[\]int\) expects 2 or 3 arguments; found 1"
	_ = make([]int, 1, 2, 3) // ERROR "invalid operation: make\(\[\]int, 1, 2, 3\) expects 2 or 3 arguments; found 4"
	_ = append() // ERROR "invalid operation: not enough arguments for append\(\) \(expected 1, found 0\)"
	_ = copy([]int{}) // ERROR "invalid operation: not enough arguments for copy\(\[\]int\{\}\) \(expected 2, found 1\)"
	_ = new(int, 1) // ERROR "invalid operation: too many arguments for new\(int, 1\) \(expected 1, found 2\)"
	panic() // ERROR "invalid operation: not enough arguments for panic\(\) \(expected 1, found 0\)"
	var f func(int)
	f("x") // ERROR "cannot use .x. \(untyped string constant\) as int value in argument to f"
}
