// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// select {} blocks forever; with nothing else to run that is gc's deadlock
// error, with the main goroutine's wait reason.
package main

func main() {
	println("blocking")
	select {}
}

// CHECK: blocking
// CHECK-NEXT: fatal error: all goroutines are asleep - deadlock!
// CHECK-EMPTY:
// CHECK-NEXT: goroutine 1 [select (no cases)]:
// CHECK-NEXT: main.main
// CHECK: exit=2
