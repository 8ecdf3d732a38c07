// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// The traceback lists each Go frame with its file and line, innermost first.
package main

//go:noinline
func inner(a []int, i int) int {
	return a[i]
}

//go:noinline
func outer() int {
	return inner([]int{1, 2}, 5) + 1
}

func main() {
	println(outer())
}

// CHECK: panic: runtime error: index out of range [5] with length 2
// CHECK: goroutine 1 [running]:
// CHECK-NEXT: main.inner(...)
// CHECK-NEXT: {{^[[:space:]]/.*traceback.go:7 [+]0x[0-9a-f]+$}}
// CHECK-NEXT: main.outer()
// CHECK-NEXT: {{^[[:space:]]/.*traceback.go:12 [+]0x[0-9a-f]+$}}
// CHECK-NEXT: main.main()
// CHECK-NEXT: {{^[[:space:]]/.*traceback.go:16 [+]0x[0-9a-f]+$}}
// CHECK: exit=2
