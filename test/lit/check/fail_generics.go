// RUN: %gortc-bin build -verify %s
// Instantiation errors in types2's words: type arguments that do not
// satisfy their constraints (type sets, methods, comparable), arguments
// that cannot be inferred, untyped constants with different default types
// (Go 1.19), generic functions and types used without instantiation, and
// wrong numbers of type arguments.
package main

type Number interface{ ~int | ~float64 }

func Sum[T Number](xs ...T) T {
	var s T
	return s
}

type Lesser[T any] interface{ Less(T) bool }

func Min[T Lesser[T]](a, b T) T { return a }

type Key[K comparable] struct{ k K }

type Pair[K comparable, V any] struct{}

type myint int

func Two[A, B any](a A) {}

func main() {
	_ = Sum("a", "b")   // ERROR "string does not implement Number \(string missing in ~int \| ~float64\)"
	_ = Sum[int8](1)    // ERROR "int8 does not implement Number \(int8 missing in ~int \| ~float64\)"
	_ = Sum(myint(1))
	_ = Min(1, 2)       // ERROR "int does not implement Lesser\[int\] \(missing Less method\)"
	var _ Key[[]int]    // ERROR "\[\]int does not implement comparable"
	Two(1)              // ERROR "cannot infer B"
	_ = Sum             // ERROR "cannot use generic function Sum without instantiation"
	var _ Key           // ERROR "cannot use generic type Key\[K comparable\] without instantiation"
	var _ Pair[int]     // ERROR "got 1 arguments but 2 type parameters"
	var _ myint[int]    // ERROR "myint is not a generic type"
	_ = Sum(1.5, 2)     // ERROR "default type int of 2 does not match inferred type float64 for T"
}

// A generic body is checked even if nothing instantiates it: errors that
// do not involve its type parameters are reported as in plain code.
func Unchecked[T any](x T) T {
	y := x         // ERROR "y declared but not used"
	undefinedName() // ERROR "undefined: undefinedName"
	a, b := 1      // ERROR "assignment mismatch: 2 variables but 1 value"
	return x
}

func (p Pair[K, V]) Method() {
	var unused int // ERROR "unused declared but not used"
}

// Instances that need ever deeper instances.
func Deeper[T any](x T) { // ERROR "instantiation cycle"
	Deeper([]T{x})
}

func useDeeper() { Deeper(1) }

func LocalTypes[T any]() {
	type L []T // ERROR "type declarations inside generic functions are not currently supported"
}
