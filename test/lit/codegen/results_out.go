// RUN: %gortc-bin build --target x86_64-linux -O0 --emit=llvm -o - %s | FileCheck %s
// RUN: %gortc-bin build --target aarch64-linux -O0 --emit=llvm -o - %s | FileCheck %s --check-prefix=A64
// Scalar results that do not fit in the return registers come back
// through out pointers, one per result (codegen getABI), never in LLVM's
// hidden buffer; the out pointers carry "gort-result-out" and stores
// through them get no write barrier. x86-64 returns three integer pieces:
// (string, string) is four. AArch64 returns eight.
package main

var sink string

//go:noinline
func pair(a, b string) (string, string) { return b + a, a }

//go:noinline
func three(a string, n int) (string, int) { return a, n }

func main() {
	x, y := pair("a", "b")
	s, n := three(x, 1)
	sink = x + y + s
	println(n)
}

// CHECK-LABEL: define {{.*}}void @main.pair(ptr {{.*}}%ctx, ptr {{.*}}"gort-result-out" %0, ptr {{.*}}"gort-result-out" %1, { ptr addrspace(1), i64 } %a, { ptr addrspace(1), i64 } %b)
// CHECK-NOT: gort_wb
// CHECK: ret void
// CHECK-LABEL: define {{.*}}{ { ptr addrspace(1), i64 }, i64 } @main.three(
// A64-LABEL: define {{.*}}{ { ptr addrspace(1), i64 }, { ptr addrspace(1), i64 } } @main.pair(
