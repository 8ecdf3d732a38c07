// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// The smallest program: println writes to standard error.
package main

func main() {
	println("hello, world")
}

// CHECK: hello, world
