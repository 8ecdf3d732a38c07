// RUN: %gortc -O0 --emit=llvm -o - %s | FileCheck %s
// m[k]++ and m[k] op= y look the key up once, in mapassign, and update its
// slot (gc's walkAssign); / and % look it up first, so that a division by
// zero panics before the key is inserted (gc's order.go).
package main

// CHECK-LABEL: define {{.*}} @main.incr(
// CHECK-NOT: @gort_mapaccess
// CHECK: call {{.*}} @gort_mapassign_faststr(
// CHECK-NOT: @gort_mapaccess
// CHECK: call {{.*}} @gort_mapassign_fast64(
// CHECK-NOT: @gort_mapaccess
// CHECK: ret
func incr(m map[string]int, n map[int]string, k string) {
	m[k]++
	n[len(k)] += k
}

// CHECK-LABEL: define {{.*}} @main.div(
// CHECK: call {{.*}} @gort_mapaccess1_faststr(
// CHECK: call {{.*}} @gort_mapassign_faststr(
// CHECK: call {{.*}} @gort_mapaccess1_faststr(
// CHECK: call {{.*}} @gort_mapassign_faststr(
// CHECK: ret
func div(m map[string]int, k string, y int) {
	m[k] /= y
	m[k] %= y
}

func main() {
	m := map[string]int{"a": 6}
	incr(m, map[int]string{}, "a")
	div(m, "a", 4)
	println(m["a"])
}
