// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// RUN: %gortc -o %t %s && env GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s
// Blocking selects over sends and receives: the select parks on every
// channel and the first partner wins; the other cases are withdrawn.
package main

func main() {
	in := make(chan int)
	out := make(chan int)
	quit := make(chan bool)
	go func() {
		for i := 0; i < 5; i++ {
			in <- i
		}
		for i := 0; i < 5; i++ {
			println("echo", <-out)
		}
		quit <- true
	}()
	pending := []int{}
	total := 0
loop:
	for {
		var sendc chan int
		next := 0
		if len(pending) > 0 {
			sendc = out
			next = pending[0]
		}
		select {
		case v := <-in:
			pending = append(pending, v*100)
		case sendc <- next:
			total += next
			pending = pending[1:]
		case <-quit:
			break loop
		}
	}
	println("total", total)

	// Two selects blocked on the same channels in opposite roles.
	x := make(chan int)
	y := make(chan int)
	res := make(chan int)
	go func() {
		select {
		case v := <-x:
			res <- v
		case y <- 7:
			res <- -1
		}
	}()
	select {
	case x <- 3:
		println("main sent on x")
	case v := <-y:
		println("main got", v, "from y")
	}
	println("other", <-res)

	// A select whose losing cases were withdrawn does not steal later
	// values.
	p := make(chan int)
	q := make(chan int)
	go func() { p <- 1 }()
	select {
	case v := <-p:
		println("p", v)
	case v := <-q:
		println("q", v)
	}
	go func() { q <- 2 }()
	println("q later", <-q)

	// The same channel in two cases.
	d := make(chan int, 1)
	d <- 9
	select {
	case v := <-d:
		println("dup a", v)
	case v := <-d:
		println("dup b", v)
	}
}

// CHECK: echo 0
// CHECK-NEXT: echo 100
// CHECK-NEXT: echo 200
// CHECK-NEXT: echo 300
// CHECK-NEXT: echo 400
// CHECK-NEXT: total 1000
// CHECK-NEXT: main {{sent on x|got 7 from y}}
// CHECK-NEXT: other {{3|-1}}
// CHECK-NEXT: p 1
// CHECK-NEXT: q later 2
// CHECK-NEXT: dup {{a|b}} 9
