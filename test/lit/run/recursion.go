// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Recursion: direct, mutual, deep (grows the goroutine stack well past its
// initial size), and recursive types.
package main

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func isEven(n int) bool {
	if n == 0 {
		return true
	}
	return isOdd(n - 1)
}

func isOdd(n int) bool {
	if n == 0 {
		return false
	}
	return isEven(n - 1)
}

func depth(n int) int {
	var pad [16]int // a large frame
	pad[n%16] = n
	if n == 0 {
		return 0
	}
	return depth(n-1) + 1 + pad[n%16] - n
}

type List struct {
	Val  int
	Next *List
}

func (l *List) Len() int {
	if l == nil {
		return 0
	}
	return 1 + l.Next.Len()
}

func build(n int) *List {
	if n == 0 {
		return nil
	}
	return &List{n, build(n - 1)}
}

type Tree struct{ Kids []Tree }

func count(t Tree) int {
	c := 1
	for _, k := range t.Kids {
		c += count(k)
	}
	return c
}

func ackermann(m, n int) int {
	switch {
	case m == 0:
		return n + 1
	case n == 0:
		return ackermann(m-1, 1)
	}
	return ackermann(m-1, ackermann(m, n-1))
}

func main() {
	println(fib(25), isEven(1000), isOdd(7))
	println(depth(100000))
	println(build(5000).Len())
	t := Tree{[]Tree{{}, {[]Tree{{}, {}}}, {}}}
	println(count(t))
	println(ackermann(2, 3))
}

// CHECK: 75025 true true
// CHECK-NEXT: 100000
// CHECK-NEXT: 5000
// CHECK-NEXT: 6
// CHECK-NEXT: 9
