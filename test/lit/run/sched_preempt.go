// RUN: %gortc -o %t %s && env GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s
// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// A goroutine that never blocks but calls functions cannot starve the
// others, even with one P: after 10 ms sysmon asks it to yield, and its
// next function prologue does.
package main

var sink int

//go:noinline
func work(n int) int { return n*7 + 3 }

func spinner(stop <-chan bool, done chan<- int) {
	n := 0
	for {
		select {
		case <-stop:
			done <- 1
			return
		default:
		}
		for i := 0; i < 1000; i++ {
			n = work(n)
		}
		sink = n
	}
}

func main() {
	stop := make(chan bool)
	done := make(chan int)
	// The spinners start first and never block; main can only get the
	// processor back through preemption.
	go spinner(stop, done)
	go spinner(stop, done)
	ticks := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			ticks <- i
		}
	}()
	for i := 0; i < 3; i++ {
		println("tick", <-ticks)
	}
	close(stop)
	println("stopped", <-done+<-done)
}

// CHECK: tick 0
// CHECK-NEXT: tick 1
// CHECK-NEXT: tick 2
// CHECK-NEXT: stopped 2
