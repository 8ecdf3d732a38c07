// Open: gortc builds crash with "fatal error: runtime: assertion failed:
// Cur && SP >= Cur->Lo" (or silently overwrite memory below the stack
// segment): the stack check (codegen/stack_check.cpp) runs after LLVM has
// allocated the static frame, and assumes that frame fits in the
// abi::StackGuard margin (2 KB). Small allocas (< BigAlloca each) add up,
// and -O0 spills add more. gc prints 55650. Found by gosmith.

package main

// Eight local 480-byte arrays: each is below codegen's BigAlloca (512
// bytes), so all stay in the static frame (~4 KB), which LLVM allocates
// before the stack check runs; the check assumes a static frame fits in
// the 2 KB StackGuard margin.
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
