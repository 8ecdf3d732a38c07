// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// Recursion a million frames deep works on the main goroutine and on
// several other goroutines at once: their stacks grow independently.
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
}

// CHECK: 1000000
// CHECK-NEXT: 4000000
// CHECK-NEXT: 1000000
