// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// Nil channels in a select are never ready: their cases are skipped, which
// is how a loop turns cases off.
package main

func main() {
	var nilc chan int
	c := make(chan int, 1)
	c <- 1
	select {
	case v := <-nilc:
		println("nil recv", v)
	case nilc <- 2:
		println("nil send")
	case v := <-c:
		println("real", v)
	}

	select {
	case <-nilc:
		println("nil")
	default:
		println("default with nil")
	}

	// Merge two producers, nilling each channel when it closes.
	a := make(chan int)
	b := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			a <- 1
		}
		close(a)
	}()
	go func() {
		for i := 0; i < 4; i++ {
			b <- 10
		}
		close(b)
	}()
	sum := 0
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			sum += v
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			sum += v
		}
	}
	println("merged", sum)
}

// CHECK: real 1
// CHECK-NEXT: default with nil
// CHECK-NEXT: merged 43
