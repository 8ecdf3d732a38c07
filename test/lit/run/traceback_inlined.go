// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// Functions inlined at a crash site get their own traceback lines, as gc
// prints them: name, then the line without an offset; the function they
// were inlined into follows with the call's line and its offset.
package main

func f(a []int, i int) int {
	return a[i]
}

//go:noinline
func g() int {
	return f([]int{1, 2}, 5) + 1
}

func main() {
	println(g())
}

// CHECK: panic: runtime error: index out of range [5] with length 2
// CHECK: goroutine 1 [running]:
// CHECK-NEXT: main.f(...)
// CHECK-NEXT: {{^[[:space:]]/.*traceback_inlined.go:8$}}
// CHECK-NEXT: main.g()
// CHECK-NEXT: {{^[[:space:]]/.*traceback_inlined.go:13 [+]0x[0-9a-f]+$}}
// CHECK-NEXT: main.main()
// CHECK-NEXT: {{^[[:space:]]/.*traceback_inlined.go:17 [+]0x[0-9a-f]+$}}
// CHECK: exit=2
