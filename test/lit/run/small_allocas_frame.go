// RUN: %gortc -O0 -o %t0 %s && %run %t0 2>&1 | FileCheck %s
// RUN: %gortc -O2 -o %t2 %s && %run %t2 2>&1 | FileCheck %s
// Found by gosmith: eight 480-byte local arrays, each too small to be moved
// behind the stack check on its own, make a 4 KB static frame; called at
// every depth of a recursion, the frame must be checked as a whole
// (codegen/stack_check.cpp) or it lands below the stack segment.
package main

func big(n int) int {
	var a0, a1, a2, a3, a4, a5, a6, a7 [60]int
	a0[n%60], a1[(n+1)%60], a2[(n+2)%60], a3[(n+3)%60] = 1, 2, 3, 4
	a4[n%60], a5[(n+1)%60], a6[(n+2)%60], a7[(n+3)%60] = 5, 6, 7, 8
	s := 0
	for i := 0; i < 60; i++ {
		s += a0[i] + a1[i] + a2[i] + a3[i] + a4[i] + a5[i] + a6[i] + a7[i]
	}
	return s
}

func rec(d, n int) int {
	if d == 0 {
		return big(n)
	}
	return rec(d-1, n) + 1
}

func main() {
	t := 0
	for d := 0; d < 300; d++ {
		t += rec(d, d)
	}
	println(t)
}

// CHECK: 55650
// CHECK-NOT: fatal error
