// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// A goroutine blocked sending wakes up and panics when the channel is
// closed; the panic names that goroutine, not main.
package main

func sender(c chan int, started chan bool) {
	started <- true
	c <- 1
}

func main() {
	c := make(chan int)
	started := make(chan bool)
	go sender(c, started)
	<-started
	// Let the sender block (receiving on a channel nobody sends to would
	// deadlock, so spin through the scheduler with a non-blocking select).
	for i := 0; i < 1000; i++ {
		select {
		case <-started:
		default:
		}
	}
	close(c)
	<-started // blocks until the panic ends the program
}

// CHECK: panic: send on closed channel
// CHECK-EMPTY:
// CHECK-NEXT: goroutine {{[0-9]+}} [running]:
// CHECK-NOT: goroutine 1 [running]
// CHECK: exit=2
