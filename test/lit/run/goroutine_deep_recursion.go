// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// RUN: %gortc -o %t %s && env GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s
// RUN: %gortc -o %t %s && env GOMAXPROCS=4 %run %t 2>&1 | FileCheck %s
// Recursion a million frames deep works on the main goroutine and on
// several other goroutines at once: their stacks grow independently, and
// goroutines that block (or are preempted) deep in their stacks resume
// there, on any thread.
package main

func depth(n int) int {
	if n == 0 {
		return 0
	}
	return depth(n-1) + 1
}

func sum(n int, acc [4]int) int {
	if n == 0 {
		return acc[0] + acc[1] + acc[2] + acc[3]
	}
	acc[n%4]++
	return sum(n-1, acc)
}

func main() {
	println(depth(1000000))
	c := make(chan int)
	for i := 0; i < 4; i++ {
		go func(i int) {
			if i%2 == 0 {
				c <- depth(1000000)
			} else {
				c <- sum(1000000, [4]int{})
			}
		}(i)
	}
	t := 0
	for i := 0; i < 4; i++ {
		t += <-c
	}
	println(t)
	// Again: cached segments are reused.
	go func() { c <- depth(1000000) }()
	println(<-c)

	// Ping-pong between the bottoms of two deep recursions.
	a := make(chan int)
	b := make(chan int)
	go func() { c <- relay(100000, a, b) }()
	go func() { c <- relay(100000, b, a) }()
	a <- 1
	println(<-c + <-c)
}

// relay recurses n deep, then passes a counter back and forth 1000 times.
func relay(n int, in <-chan int, out chan<- int) int {
	if n > 0 {
		return relay(n-1, in, out) + 1
	}
	last := 0
	for v := range in {
		last = v
		if v >= 1000 {
			close(out)
			break
		}
		out <- v + 1
	}
	return last
}

// CHECK: 1000000
// CHECK-NEXT: 4000000
// CHECK-NEXT: 1000000
// CHECK-NEXT: 201999
