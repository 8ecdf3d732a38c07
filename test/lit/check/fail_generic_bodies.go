// RUN: %gortc-bin build -verify %s
// Generic bodies are checked on their own, with the operations of their
// type parameters' type sets, and report errors as gc 1.19 does: operators
// every type must allow, len and indexing over every type, make, send,
// receive and append through a core type, conversions and assignments for
// every type, comparison with nil; a type parameter list that refers to
// its own generic type is an invalid recursive type. The valid operations
// below must check without errors.
package main

type Num interface{ ~int | ~float64 }

func add[T any](x T) T { return x + x } // ERROR "invalid operation: operator \+ not defined on x \(variable of type T constrained by any\)"

func ln[T ~int | ~[]int](x T) int { return len(x) } // ERROR "invalid argument: x \(variable of type T constrained by ~int\|~\[\]int\) for len"

func mk[T ~[]int | ~map[int]int]() T { return make(T) } // ERROR "invalid argument: cannot make T: no core type"

func conv[T ~string | ~int](x T) []byte { return []byte(x) } // ERROR "cannot convert x \(variable of type T constrained by ~string\|~int\) to type \[\]byte"

func nilcmp[T ~int | ~*int](x T) bool { return x == nil } // ERROR "invalid operation: x == nil \(mismatched types T and untyped nil\)"

func idx[T ~[]int | ~string](x T) int { return int(x[0]) } // ERROR "invalid operation: cannot index x \(variable of type T constrained by ~\[\]int\|~string\)"

func snd[T ~chan int | ~chan string](c T) { c <- 1 } // ERROR "invalid operation: cannot send to c \(variable of type T constrained by ~chan int\|~chan string\): no core type"

func rcv[T ~chan int | ~chan string](c T) { <-c } // ERROR "invalid operation: cannot receive from c \(variable of type T constrained by ~chan int\|~chan string\): no core type"

func asg[T Num](x T) int { var y int = x; return y } // ERROR "cannot use x \(variable of type T constrained by Num\) as type int in variable declaration"

func app[T ~[]int | ~[]string](s T) { _ = append(s, 1) } // ERROR "first argument to append must be a slice; s \(variable of type T constrained by ~\[\]int\|~\[\]string\) has no core type"

type R[U interface{ M() R[U] }] int // ERROR "invalid recursive type R"

// Valid: each type of the set allows the operation.
func sum[T Num](xs []T) (s T) {
	for _, x := range xs {
		s += x * 2
	}
	return s / T(len(xs))
}

func lens[T ~string | ~[]byte | ~[4]byte](x T) int { return len(x) + int(x[1]) }

func keys[M ~map[K]V, K comparable, V any](m M) []K {
	ks := make([]K, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	delete(m, ks[0])
	return ks
}

func send[C ~chan int | chan<- int](c C) { c <- 1; close(c) }

func bytes[S ~string | ~[]byte](buf []byte, s S) []byte { return append(buf, s...) }

func toInt[T ~int8 | ~uint16 | ~float32](x T) int { return int(x) + int(T(3)) }

func isNil[T ~*int | ~[]int | ~map[int]int](x T) bool { return x == nil }

func call[F ~func(int) int](f F) int { return f(1) }

func deref[P ~*int](p P) int { return *p }

type Node[T any] struct{ v T }

func lit[P ~*Node[int]]() []P { return []P{{v: 1}} }

func assert[T any, U any](x any) (T, bool) { t, ok := x.(T); return t, ok }

func main() {}
