// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// RUN: %gortc -o %t %s && env GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s
// Buffered channels: FIFO order, len and cap (0 for nil channels), sends
// that block when the buffer is full until a receiver makes room, and a
// full buffer with a waiting sender handing its value to the ring's tail.
package main

func main() {
	c := make(chan int, 3)
	println(len(c), cap(c))
	c <- 1
	c <- 2
	println(len(c), cap(c))
	println(<-c)
	c <- 3
	c <- 4
	println(len(c))
	println(<-c, <-c, <-c)
	println(len(c))

	var n chan int
	println(len(n), cap(n))

	// A sender blocks on the full buffer until main receives.
	f := make(chan string, 2)
	done := make(chan bool)
	go func() {
		for _, s := range []string{"a", "b", "c", "d", "e"} {
			f <- s
		}
		done <- true
	}()
	out := ""
	for i := 0; i < 5; i++ {
		out += <-f
	}
	<-done
	println(out)

	// Wrap-around of the ring many times.
	r := make(chan int, 7)
	sum := 0
	for i := 0; i < 1000; i++ {
		r <- i
		if len(r) == cap(r) {
			for j := 0; j < 4; j++ {
				sum += <-r
			}
		}
	}
	for len(r) > 0 {
		sum += <-r
	}
	println("sum", sum)

	// Buffered channel of structs.
	type pt struct{ x, y int }
	pc := make(chan pt, 4)
	pc <- pt{1, 2}
	pc <- pt{3, 4}
	p := <-pc
	q := <-pc
	println(p.x, p.y, q.x, q.y)
}

// CHECK: 0 3
// CHECK-NEXT: 2 3
// CHECK-NEXT: 1
// CHECK-NEXT: 3
// CHECK-NEXT: 2 3 4
// CHECK-NEXT: 0
// CHECK-NEXT: 0 0
// CHECK-NEXT: abcde
// CHECK-NEXT: sum 499500
// CHECK-NEXT: 1 2 3 4
