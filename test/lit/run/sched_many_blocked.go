// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// A collection every few allocations would scan 100 000 stacks each time:
// UNSUPPORTED: gcstress
// 100 000 goroutines blocked at once (each keeps only a small first stack
// segment), then released by one close; dead goroutines are reused.
package main

func main() {
	const n = 100000
	start := make(chan struct{})
	done := make(chan int, 100)
	for i := 0; i < n; i++ {
		go func(i int) {
			<-start
			done <- i
		}(i)
	}
	close(start)
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-done
	}
	println(sum)
	// A second wave reuses the dead goroutines.
	for i := 0; i < n; i++ {
		go func(i int) { done <- 1 }(i)
	}
	k := 0
	for i := 0; i < n; i++ {
		k += <-done
	}
	println(k)
}

// CHECK: 4999950000
// CHECK-NEXT: 100000
