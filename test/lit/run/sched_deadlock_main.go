// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// RUN: %gortc -o %t %s && env GOMAXPROCS=1 %exitcode %run %t 2>&1 | FileCheck %s
// When every goroutine is blocked the program dies with gc's deadlock
// error, listing each goroutine with its wait reason, main first.
package main

func helper(c chan int) {
	c <- 1
	c <- 2 // nobody receives the second value
}

func main() {
	c := make(chan int)
	d := make(chan int)
	go helper(c)
	println("got", <-c)
	<-d
}

// CHECK: got 1
// CHECK-NEXT: fatal error: all goroutines are asleep - deadlock!
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [chan receive]:
// CHECK-NEXT: main.main
// CHECK: goroutine {{[0-9]+}} [chan send]:
// CHECK: exit=2
