// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Variadic functions: zero or more arguments, passing a slice with ...
// (which aliases it), variadic interfaces and methods, multi-value calls.
package main

func sum(base int, nums ...int) int {
	for _, n := range nums {
		base += n
	}
	return base
}

func info(vs ...interface{}) int { return len(vs) }

func isNil(vs ...int) bool { return vs == nil }

func zero(vs ...int) {
	for i := range vs {
		vs[i] = 0
	}
}

func pair() (int, int) { return 3, 4 }

type Acc struct{ total int }

func (a *Acc) Add(vs ...int) *Acc {
	a.total += sum(0, vs...)
	return a
}

func join(sep string, parts ...string) string {
	r := ""
	for i, p := range parts {
		if i > 0 {
			r += sep
		}
		r += p
	}
	return r
}

func main() {
	println(sum(1), sum(1, 2), sum(1, 2, 3, 4))
	s := []int{10, 20}
	println(sum(0, s...), sum(0, s[:1]...))
	println(info(), info(1, "a", nil), info([]interface{}{1, 2}...))
	println(isNil(), isNil(1), isNil(nil...), isNil([]int{}...))
	zero(s...)
	println(s[0], s[1])
	println(sum(pair()))
	var a Acc
	println(a.Add(1, 2).Add().Add(3).total)
	println(join(", ", "a", "b", "c"), join("-"))
	f := sum
	println(f(5, 5))
	g := func(prefix string, xs ...float64) int { return len(prefix) + len(xs) }
	println(g("ab", 1, 2, 3))
}

// CHECK: 1 3 10
// CHECK-NEXT: 30 10
// CHECK-NEXT: 0 3 2
// CHECK-NEXT: true false true false
// CHECK-NEXT: 0 0
// CHECK-NEXT: 7
// CHECK-NEXT: 6
// CHECK-NEXT: a, b, c 
// CHECK-NEXT: 10
// CHECK-NEXT: 5
