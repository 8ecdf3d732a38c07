// RUN: %gortc -O0 --emit=llvm -o - %s | FileCheck %s
// m[k] = append(m[k], ...) looks the key up once, in mapassign, after the
// elements (gc's walkAssign); with another place on the left it does not.
package main

type S struct{ m map[string][]int }

// At -O0 group's frame is over abi::StackFrameMax: its body is main.group..body.
// CHECK-LABEL: define {{.*}} @main.group{{(\.\.body)?}}(
// CHECK-NOT: @gort_mapaccess
// CHECK: call {{.*}} @main.elem(
// CHECK-NOT: @gort_mapaccess
// CHECK: call {{.*}} @gort_mapassign_fast64(
// CHECK-NOT: @gort_mapaccess
// CHECK: call {{.*}} @gort_mapassign_faststr(
// CHECK-NOT: @gort_mapaccess
// CHECK: ret
func group(m map[int][]int, s *S, k string, i int) {
	m[i%3] = append(m[i%3], elem(i))
	s.m[k] = append(s.m[k], i)
}

// CHECK-LABEL: define {{.*}} @main.other(
// CHECK: call {{.*}} @gort_mapaccess1_fast64(
// CHECK: call {{.*}} @gort_mapassign_fast64(
func other(m map[int][]int, i int) {
	m[i] = append(m[i+1], i)
}

//go:noinline
func elem(i int) int { return i }

func main() {
	m := map[int][]int{}
	s := &S{m: map[string][]int{}}
	group(m, s, "a", 4)
	other(m, 4)
	println(len(m[1]), len(m[4]), len(s.m["a"]))
}
