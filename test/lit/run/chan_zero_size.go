// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// Channels of zero-size elements (struct{}, [0]int) as signals, buffered
// and unbuffered, and channels of channels.
package main

func main() {
	done := make(chan struct{})
	go func() {
		println("worker ran")
		done <- struct{}{}
	}()
	<-done

	sem := make(chan struct{}, 3)
	for i := 0; i < 3; i++ {
		sem <- struct{}{}
	}
	println(len(sem), cap(sem))
	<-sem
	println(len(sem))

	z := make(chan [0]int, 1)
	z <- [0]int{}
	a, ok := <-z
	println(len(a), ok)

	// A channel of channels: request/response.
	reqs := make(chan chan int)
	go func() {
		for r := range reqs {
			r <- 5
		}
	}()
	for i := 0; i < 3; i++ {
		r := make(chan int)
		reqs <- r
		println("reply", <-r)
	}
	close(reqs)
}

// CHECK: worker ran
// CHECK-NEXT: 3 3
// CHECK-NEXT: 2
// CHECK-NEXT: 0 true
// CHECK-NEXT: reply 5
// CHECK-NEXT: reply 5
// CHECK-NEXT: reply 5
