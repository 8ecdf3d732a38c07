// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// Runaway recursion in a goroutine ends in gc's stack overflow error, not a
// crash: the stack grows to the 1 GB limit, then the runtime throws.
package main

func f(n int) int { return f(n+1) + 1 }

func main() {
	c := make(chan int)
	go func() { c <- f(0) }()
	println(<-c)
}

// CHECK: runtime: goroutine stack exceeds 1000000000-byte limit
// CHECK-NEXT: runtime: sp={{0x[0-9a-f]+}} stack=[{{0x[0-9a-f]+}}, {{0x[0-9a-f]+}}]
// CHECK-NEXT: fatal error: stack overflow
// CHECK: exit=2
