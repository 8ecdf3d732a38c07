// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Function values and closures: capture by reference, per-iteration copies,
// closures returned from functions, recursion through a variable, nil funcs.
package main

func counter() (func() int, func()) {
	n := 0
	return func() int { n++; return n }, func() { n = 100 }
}

func compose(f, g func(int) int) func(int) int {
	return func(x int) int { return f(g(x)) }
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func apply(fs []func(int) int, v int) int {
	for _, f := range fs {
		v = f(v)
	}
	return v
}

func main() {
	next, reset := counter()
	println(next(), next(), next())
	reset()
	println(next())
	x := 1
	addX := func(y int) int { return x + y }
	x = 10
	println(addX(1))
	func() { x *= 2 }()
	println(x)
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i }) // one i for the whole loop
	}
	for _, f := range fs {
		print(f(), " ")
	}
	println()
	fs = nil
	for i := 0; i < 3; i++ {
		i := i
		fs = append(fs, func() int { return i * 10 })
	}
	for _, f := range fs {
		print(f(), " ")
	}
	println()
	inc := func(v int) int { return v + 1 }
	dbl := func(v int) int { return v * 2 }
	println(compose(inc, dbl)(5), compose(dbl, inc)(5))
	println(apply([]func(int) int{inc, dbl, inc}, 3))
	var fact func(int) int
	fact = func(n int) int {
		if n <= 1 {
			return 1
		}
		return n * fact(n-1)
	}
	println(fact(10), fib(20))
	var nf func()
	println(nf == nil, fact != nil)
	acc := 0
	add := func(vs ...int) {
		for _, v := range vs {
			acc += v
		}
	}
	add(1, 2, 3)
	add()
	println(acc)
	s := "str"
	arr := [2]int{1, 2}
	mod := func() { s += "!"; arr[0] = 9 }
	mod()
	println(s, arr[0])
	nested := func() func() int {
		z := 5
		return func() int { z++; return z + x }
	}()
	println(nested(), nested())
}

// CHECK: 1 2 3
// CHECK-NEXT: 101
// CHECK-NEXT: 11
// CHECK-NEXT: 20
// CHECK-NEXT: 3 3 3 
// CHECK-NEXT: 0 10 20 
// CHECK-NEXT: 11 12
// CHECK-NEXT: 9
// CHECK-NEXT: 3628800 6765
// CHECK-NEXT: true true
// CHECK-NEXT: 6
// CHECK-NEXT: str! 9
// CHECK-NEXT: 26 27
