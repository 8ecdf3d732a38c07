// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// RUN: %gortc -o %t %s && env GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s
// RUN: %gortc -o %t %s && env GOMAXPROCS=2 %run %t 2>&1 | FileCheck %s
// Stress: 10 000 goroutines in pairs ping-pong a counter over unbuffered
// channels while a ring of 1000 goroutines passes a token around, with
// the work spread over however many Ps there are.
package main

func player(in <-chan int, out chan<- int, rounds int, done chan<- int) {
	last := 0
	for i := 0; i < rounds; i++ {
		v := <-in
		last = v
		out <- v + 1
	}
	done <- last
}

func member(in <-chan int, out chan<- int) {
	for t := range in {
		out <- t + 1
	}
	close(out)
}

func main() {
	const pairs = 5000
	const rounds = 20
	done := make(chan int, 2*pairs)
	for p := 0; p < pairs; p++ {
		a := make(chan int)
		b := make(chan int)
		go player(a, b, rounds, done)
		go func(a chan<- int, b <-chan int) {
			a <- 0
			last := 0
			for i := 0; i < rounds; i++ {
				v := <-b
				last = v
				if i < rounds-1 {
					a <- v + 1
				}
			}
			done <- last
		}(a, b)
	}

	// Meanwhile a ring.
	first := make(chan int)
	in := first
	for i := 0; i < 1000; i++ {
		out := make(chan int)
		go member(in, out)
		in = out
	}
	first <- 0
	println("ring", <-in)
	close(first)
	_, ok := <-in
	println("ring closed", !ok)

	sum := 0
	for i := 0; i < 2*pairs; i++ {
		sum += <-done
	}
	println("pingpong", sum)
}

// CHECK: ring 1000
// CHECK-NEXT: ring closed true
// CHECK-NEXT: pingpong 385000
