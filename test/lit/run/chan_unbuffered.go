// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// RUN: %gortc -o %t %s && env GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s
// Unbuffered channels hand each value from one goroutine to another
// directly: a send completes only when a receiver takes it, in order,
// for scalars and for aggregates copied between goroutine stacks.
package main

type big struct {
	a, b, c int
	s       string
	arr     [8]int
}

func producer(c chan<- int, n int) {
	for i := 0; i < n; i++ {
		c <- i
	}
	close(c)
}

func main() {
	c := make(chan int)
	go producer(c, 5)
	for v := range c {
		println("got", v)
	}

	// The sender is blocked until the receive happens.
	sync := make(chan int)
	state := 0
	go func() {
		state = 1
		sync <- 42
		state = 2
	}()
	v := <-sync
	println("received", v, "state at least", state >= 1)

	// Aggregates.
	bc := make(chan big)
	go func() {
		var b big
		b.a, b.b, b.c = 1, 2, 3
		b.s = "hello"
		for i := range b.arr {
			b.arr[i] = i * 10
		}
		bc <- b
	}()
	b := <-bc
	println(b.a, b.b, b.c, b.s, b.arr[7])

	// Receiver waiting first, then the sender.
	rc := make(chan string)
	done := make(chan bool)
	go func() {
		println("waiting got", <-rc)
		done <- true
	}()
	rc <- "late sender"
	<-done

	// Many senders, one receiver: every value arrives exactly once.
	m := make(chan int)
	for i := 1; i <= 50; i++ {
		go func(i int) { m <- i }(i)
	}
	s := 0
	for i := 0; i < 50; i++ {
		s += <-m
	}
	println("sum", s)
}

// CHECK: got 0
// CHECK-NEXT: got 1
// CHECK-NEXT: got 2
// CHECK-NEXT: got 3
// CHECK-NEXT: got 4
// CHECK-NEXT: received 42 state at least true
// CHECK-NEXT: 1 2 3 hello 70
// CHECK-NEXT: waiting got late sender
// CHECK-NEXT: sum 1275
