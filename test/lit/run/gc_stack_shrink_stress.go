// RUN: %gortc -o %t %s
// RUN: env GOMAXPROCS=1 GORTDEBUG=stackcheck=1 %run %t 2>&1 | FileCheck %s
// RUN: env GOMAXPROCS=2 GORTDEBUG=stackcheck=1 %run %t 2>&1 | FileCheck %s
// RUN: env GOMAXPROCS=4 %run %t 2>&1 | FileCheck %s
// Stacks shrinking under goroutines that keep growing and leaving them:
// workers recurse to random depths across segment boundaries, park and
// yield at the bottom, while another goroutine collects over and over
// (each cycle frees segments, stacks of dead goroutines and pool chunks,
// runtime/stack.cpp shrinkStacks). The sum is go 1.19's.
package main

import "runtime"

//go:noinline
func deep(n int, ch chan int) int {
	var pad [100]byte
	pad[n%100] = byte(n)
	if n == 0 {
		runtime.Gosched()
		return int(pad[0])
	}
	if n%500 == 0 && ch != nil {
		select {
		case ch <- n:
		default:
		}
	}
	x := deep(n-1, ch)
	return x ^ (x >> 3) + int(pad[n%100])
}

func main() {
	const workers = 24
	stop := make(chan bool)
	done := make(chan int)
	ch := make(chan int, 16)
	go func() {
		for {
			select {
			case <-stop:
				return
			case <-ch:
			default:
				runtime.GC()
				runtime.Gosched()
			}
		}
	}()
	for w := 0; w < workers; w++ {
		go func(w int) {
			seed := uint32(w*7919 + 1)
			sum := 0
			for i := 0; i < 300; i++ {
				seed = seed*1664525 + 1013904223
				d := int(seed>>20) % 3000
				sum += deep(d, ch) + deep(d%37, nil)
				if i%50 == 49 {
					// A short-lived goroutine: its stack is freed or reused.
					c := make(chan int)
					go func() { c <- deep(d/2, nil) }()
					sum += <-c
				}
			}
			done <- sum
		}(w)
	}
	total := 0
	for w := 0; w < workers; w++ {
		total += <-done
	}
	close(stop)
	println(total)
	// CHECK: 1504037831
}
