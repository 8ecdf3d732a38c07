// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// RUN: %gortc -O0 -o %t0 %s && %run %t0 2>&1 | FileCheck %s --match-full-lines
// Generic functions, one instance per list of type arguments: inference
// from typed arguments, from untyped constants (their default types), from
// defined types through their underlying types, partial explicit type
// arguments, constraint type inference through core types (S ~[]E), method
// constraints called directly, closures and recursion inside instances,
// instances as func values, and generic code whose substitution would be
// an error in plain code (a type switch case T that equals another case, an
// assertion to a T that cannot implement the interface).
package main

type Number interface {
	~int | ~int64 | ~float64
}

func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Map[T, U any](xs []T, f func(T) U) []U {
	r := make([]U, 0, len(xs))
	for _, x := range xs {
		r = append(r, f(x))
	}
	return r
}

func Filter[S ~[]E, E any](s S, keep func(E) bool) S {
	var r S
	for _, x := range s {
		if keep(x) {
			r = append(r, x)
		}
	}
	return r
}

func Convert[To, From Number](x From) To { return To(x) }

type Stringer interface{ String() string }

type Celsius float64

func (c Celsius) String() string { return "C" }

type Point struct{ X, Y int }

func (p Point) String() string { return "P" }

func Join[T Stringer](xs []T) string {
	s := ""
	for _, x := range xs {
		s += x.String()
	}
	return s
}

type Ints []int

func Fact[T Number](n T) T {
	if n <= 1 {
		return 1
	}
	return n * Fact(n-1)
}

func Counter[T Number](step T) func() T {
	var c T
	return func() T {
		c += step
		return c
	}
}

func Kind[T any](x T) string {
	switch any(x).(type) {
	case int:
		return "int"
	case T:
		return "T"
	}
	return "?"
}

func Is[T any](x any) bool {
	_, ok := x.(T)
	return ok
}

func Keys[K comparable, V any](m map[K]V) int {
	n := 0
	for range m {
		n++
	}
	return n
}

func main() {
	println(Sum(1, 2, 3), Sum(1.5, 2.0), Sum[int64](4, 5), Sum[float64](1, 2.5))
	println(Sum(Ints{1, 2}...))
	strs := Map([]int{1, 22, 333}, func(i int) string { return string(rune('a' + i%26)) })
	println(len(strs), strs[0], strs[1], strs[2])
	evens := Filter(Ints{1, 2, 3, 4}, func(x int) bool { return x%2 == 0 })
	var _ Ints = evens // S is Ints, not []int
	println(len(evens), evens[0], evens[1])
	println(Convert[int](3.75), Convert[float64, int64](7))
	println(Join([]Celsius{1, 2}), Join([]Point{{}}))
	println(Fact(10), Fact(5.0))
	next := Counter(int64(2))
	next()
	println(next())
	println(Kind(1), Kind("s"), Kind(2.5))
	println(Is[int](1), Is[string](1), Is[Stringer](Point{}), Is[Stringer](1))
	println(Keys(map[string]bool{"a": true, "b": false}))
	f := Sum[float64]
	g := Map[int, int]
	println(f(0.5, 0.25), g([]int{7}, func(x int) int { return -x })[0])
}

// CHECK: 6 +3.500000e+000 9 +3.500000e+000
// CHECK-NEXT: 3
// CHECK-NEXT: 3 b w v
// CHECK-NEXT: 2 2 4
// CHECK-NEXT: 3 +7.000000e+000
// CHECK-NEXT: CC P
// CHECK-NEXT: 3628800 +1.200000e+002
// CHECK-NEXT: 4
// CHECK-NEXT: int T T
// CHECK-NEXT: true false true false
// CHECK-NEXT: 2
// CHECK-NEXT: +7.500000e-001 -7
