// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// Operations on nil channels block forever; blocked select statements
// report "select" (all of their channels nil included).
package main

func main() {
	var c chan int
	go func() {
		var n chan bool
		select {
		case <-n:
		case n <- true:
		}
	}()
	go func() { <-c }()
	c <- 1
}

// CHECK: fatal error: all goroutines are asleep - deadlock!
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [chan send (nil chan)]:
// CHECK-DAG: goroutine {{[0-9]+}} [select]:
// CHECK-DAG: goroutine {{[0-9]+}} [chan receive (nil chan)]:
// CHECK: exit=2
