// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// When main returns the program exits at once with status 0, abandoning
// goroutines that are blocked, runnable or spinning.
package main

//go:noinline
func work(n int) int { return n + 1 }

func main() {
	c := make(chan int)
	for i := 0; i < 100; i++ {
		go func() { <-c }()
	}
	go func() {
		n := 0
		for {
			n = work(n)
		}
	}()
	go func() { select {} }()
	println("main returns")
}

// CHECK: main returns
// CHECK-NEXT: exit=0
