// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// The comma-ok receive reports whether the value came from a send (true)
// or is the zero value of a closed, drained channel (false), in every
// assignment form.
package main

type pair struct {
	a int
	b string
}

func main() {
	c := make(chan int, 2)
	c <- 7
	c <- 0
	close(c)
	v, ok := <-c
	println(v, ok)
	v, ok = <-c
	println(v, ok) // a real zero: ok is true
	v, ok = <-c
	println(v, ok)

	var x int
	var got bool
	d := make(chan int)
	go func() { d <- 99 }()
	x, got = <-d
	println(x, got)

	_, ok2 := <-c
	println(ok2)

	pc := make(chan pair, 1)
	pc <- pair{1, "one"}
	close(pc)
	p, ok3 := <-pc
	println(p.a, p.b, ok3)
	p, ok3 = <-pc
	println(p.a, p.b == "", ok3)

	// In a goroutine blocked before the close.
	w := make(chan float64)
	res := make(chan bool)
	go func() {
		f, ok := <-w
		res <- f == 0 && !ok
	}()
	close(w)
	println(<-res)
}

// CHECK: 7 true
// CHECK-NEXT: 0 true
// CHECK-NEXT: 0 false
// CHECK-NEXT: 99 true
// CHECK-NEXT: false
// CHECK-NEXT: 1 one true
// CHECK-NEXT: 0 true false
// CHECK-NEXT: true
