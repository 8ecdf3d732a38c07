// RUN: %gortc -O0 --emit=llvm -o - %s | FileCheck %s
// A sum of strings is one runtime call: concatstring2 for two operands,
// concatstrings for more, nested sums flattened (gc's OADDSTR).
package main

// CHECK-LABEL: define {{.*}} @main.sum(
// CHECK-NOT: @gort_concatstring2(
// CHECK: call {{.*}} @gort_concatstrings(ptr {{.*}}, i64 5)
// CHECK-NOT: @gort_concatstring
// CHECK: ret
func sum(a, b, c string) string {
	return a + "-" + (b + c) + a
}

// CHECK-LABEL: define {{.*}} @main.appendTo(
// CHECK: call {{.*}} @gort_concatstrings(ptr {{.*}}, i64 3)
// CHECK-NOT: @gort_concatstring
// CHECK: ret
func appendTo(s *string, w string) {
	*s += w + " "
}

// CHECK-LABEL: define {{.*}} @main.two(
// CHECK: call {{.*}} @gort_concatstring2(
// CHECK-NOT: @gort_concatstring
// CHECK: ret
func two(a, b string) string {
	return a + b
}

func main() {
	s := sum("a", "b", "c")
	appendTo(&s, "d")
	println(two(s, "e"))
}
