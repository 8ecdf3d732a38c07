// RUN: %gortc -o %t %s
// RUN: %run %t 2>&1 | FileCheck %s
// Results whose scalar pieces do not fit in the return registers (x86-64:
// three integer, four floating-point; AArch64: eight of each) all come
// back through out pointers (codegen getABI), as struct results do. Every
// way of calling such a function: direct, method, interface, func value,
// closure, method value and expression, g(f()) and return f(), go and
// defer, a deferred closure changing the named results after a recover,
// and named results a closure captures.
package main

import "errors"

type T struct{ name string }

//go:noinline
func pair(a, b string) (string, string) { return b, a }

//go:noinline
func five(n int) ([]byte, error) {
	if n < 0 {
		return nil, errors.New("negative")
	}
	return make([]byte, n), nil
}

//go:noinline
func floats() (float64, float64, float64, float64, float64, float32) {
	return 1.5, 2.5, 3.5, 4.5, 5.5, 6.5
}

//go:noinline
func nine() (a, b, c, d, e, f, g, h, i int) { return 1, 2, 3, 4, 5, 6, 7, 8, 9 }

func (t T) names(x string) (string, string, int) { return t.name, x, len(x) }

type Namer interface {
	names(x string) (string, string, int)
}

func join(a, b string) string { return a + "+" + b }

func forward(a, b string) (string, string) { return pair(a, b) }

// A deferred closure sets the named results after a panic.
func recovered() (s string, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = "recovered", errors.New(r.(string))
		}
	}()
	s = "before"
	panic("boom")
}

// The named results live in a cell a closure shares.
func captured() (a, b string) {
	set := func() { a, b = "cap", "tured" }
	set()
	return
}

func main() {
	x, y := pair("a", "b")
	println(x, y)
	buf, err := five(3)
	println(len(buf), err == nil)
	_, err = five(-1)
	println(err.Error())
	f1, f2, f3, f4, f5, f6 := floats()
	println(int(f1+f2+f3+f4+f5), int(f6*2))
	_, _, _, _, e, _, _, _, i := nine()
	println(e, i)

	t := T{"t"}
	n1, n2, n3 := t.names("xyz")
	println(n1, n2, n3)
	var nm Namer = t
	n1, n2, n3 = nm.names("ab")
	println(n1, n2, n3)
	mv := t.names
	n1, n2, n3 = mv("c")
	println(n1, n2, n3)
	me := T.names
	n1, n2, n3 = me(T{"u"}, "dd")
	println(n1, n2, n3)
	fv := pair
	x, y = fv("c", "d")
	println(x, y)
	cl := func(s string) (string, string) { return s + "1", s + "2" }
	x, y = cl("e")
	println(x, y)

	println(join(pair("f", "g")))
	x, y = forward("h", "i")
	println(x, y)

	done := make(chan bool)
	go func() {
		pair("go", "stmt")
		done <- true
	}()
	<-done
	go five(1)
	func() {
		defer pair("defer", "stmt")
	}()

	s, err := recovered()
	println(s, err.Error())
	x, y = captured()
	println(x, y)
}

// CHECK: b a
// CHECK-NEXT: 3 true
// CHECK-NEXT: negative
// CHECK-NEXT: 17 13
// CHECK-NEXT: 5 9
// CHECK-NEXT: t xyz 3
// CHECK-NEXT: t ab 2
// CHECK-NEXT: t c 1
// CHECK-NEXT: u dd 2
// CHECK-NEXT: d c
// CHECK-NEXT: e1 e2
// CHECK-NEXT: g+f
// CHECK-NEXT: i h
// CHECK-NEXT: recovered boom
// CHECK-NEXT: cap tured
