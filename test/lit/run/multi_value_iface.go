// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// f(g()) and return g() where g's aggregate results become interface
// arguments or results: the aggregate is boxed from where g left it
// (Go's test/fixedbugs/issue28390.go without fmt).
package main

type A struct {
	K int
	S string
	M map[string]string
}

func newA(k int, s string) (a A) {
	a.K = k
	a.S = s
	a.M = map[string]string{s: s}
	return
}

func proxy() (x int, a A) { return 1, newA(2, "3") }

func consume(x int, a interface{}) {
	b := a.(A)
	println(x, b.K, b.S, len(b.M))
}

func variadic(x int, rest ...interface{}) {
	println(x, len(rest), rest[0].(A).S)
}

func pass() (int, interface{}) { return proxy() }

func main() {
	consume(proxy())
	variadic(proxy())
	x, a := pass()
	println(x, a.(A).K)
}

// CHECK: 1 2 3 1
// CHECK-NEXT: 1 1 3
// CHECK-NEXT: 1 2
