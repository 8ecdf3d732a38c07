// RUN: %gortc-bin build -verify %s
// Generics are not supported yet: each generic declaration is rejected once,
// without follow-on errors at its uses or in methods of generic types.
package main

func Map[T any](s []T, f func(T) T) []T { // ERROR "generic function Map not supported yet"
	var r []T
	for _, v := range s {
		r = append(r, f(v))
	}
	return r
}

type List[T any] struct{ v T } // ERROR "generic type List not supported yet"

func (l *List[T]) Get() T { return l.v }

type Pair[K comparable, V any] struct { // ERROR "generic type Pair not supported yet"
	k K
	v V
}

func (p Pair[K, V]) Key() K { return p.k }

type Num interface{ ~int | ~float64 }

func Sum[N Num](xs ...N) (s N) { // ERROR "generic function Sum not supported yet"
	for _, x := range xs {
		s += x
	}
	return
}

func main() {
	_ = Map[int]([]int{1}, func(x int) int { return x })
	_ = Map([]int{1}, func(x int) int { return x })
	_ = Sum(1, 2)
	var l List[int]
	_ = l.Get()
	_ = Pair[string, int]{}.Key()
}
