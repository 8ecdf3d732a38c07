// RUN: %gortc -O0 --emit=llvm -o - %s | FileCheck %s
// string(b) as a map lookup's key or a comparison's operand shares b's
// bytes (FuncLowerer::emitTempString); a map assignment's key is copied.
package main

// CHECK-LABEL: define {{.*}} @main.lookup(
// CHECK-NOT: @gort_slicebytetostring
// CHECK: call {{.*}} @gort_mapaccess1_faststr(
// CHECK-NOT: @gort_slicebytetostring
// CHECK: call {{.*}} @gort_mapaccess2_faststr(
// CHECK-NOT: @gort_slicebytetostring
// CHECK: ret
func lookup(m map[string]int, b []byte) (int, bool) {
	v := m[string(b)]
	w, ok := m[string(b)]
	return v + w, ok
}

// CHECK-LABEL: define {{.*}} @main.compare(
// CHECK-NOT: @gort_slicebytetostring
// CHECK: call {{.*}} @gort_memequal(
// CHECK-NOT: @gort_slicebytetostring
// CHECK: call {{.*}} @gort_cmpstring(
// CHECK-NOT: @gort_slicebytetostring
// CHECK: ret
func compare(b []byte, s string) bool {
	return string(b) == s || string(b) < s
}

// CHECK-LABEL: define {{.*}} @main.assign(
// CHECK: call {{.*}} @gort_slicebytetostring(
// CHECK: call {{.*}} @gort_mapassign_faststr(
func assign(m map[string]int, b []byte) {
	m[string(b)] = 1
}

func main() {
	m := map[string]int{}
	assign(m, []byte("x"))
	v, _ := lookup(m, []byte("x"))
	println(v, compare([]byte("x"), "x"))
}
