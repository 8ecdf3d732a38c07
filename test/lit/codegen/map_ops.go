// RUN: %gortc -O0 --emit=llvm -o - %s | FileCheck %s
// Map operations pick gc's runtime variants by key type: 8-byte and 4-byte
// plain-memory keys and string keys pass the key by value (_fast64,
// _fast32, _faststr); other keys go through a temporary's address. Map
// type descriptors carry the key's hasher as a func value.
package main

// The descriptors (module globals, first in the output) carry the hashers:
// runtime ones for plain memory and strings.
// CHECK-DAG: @"type:map[int]int" = {{.*}}ptr @gort_memhash64_f,
// CHECK-DAG: @"type:map[string]bool" = {{.*}}ptr @gort_strhash_f,

type P struct{ X, Y int }

// CHECK-LABEL: define internal i64 @main.get64(
// CHECK: call ptr addrspace(1) @gort_mapaccess1_fast64(ptr @"type:map[int]int", ptr addrspace(1) %{{.*}}, i64 %{{.*}})
func get64(m map[int]int, k int) int { return m[k] }

// CHECK-LABEL: define internal i32 @main.get32(
// CHECK: call ptr addrspace(1) @gort_mapaccess1_fast32(
func get32(m map[int32]int32, k int32) int32 { return m[k] }

// CHECK-LABEL: define internal void @main.setstr(
// CHECK: call ptr addrspace(1) @gort_mapassign_faststr(ptr @"type:map[string]bool", ptr addrspace(1) %{{.*}}, ptr addrspace(1) %{{.*}}, i64 %{{.*}})
func setstr(m map[string]bool, k string) { m[k] = true }

// A struct key travels by address; comma-ok uses mapaccess2 (null when
// absent).
// CHECK-LABEL: define internal { i64, i1 } @main.lookup(
// CHECK: %mapkey = alloca {{.*}}
// CHECK: call ptr addrspace(1) @gort_mapaccess2(ptr @"type:map[main.P]int", ptr addrspace(1) %{{.*}}, ptr %mapkey)
// CHECK: icmp ne ptr addrspace(1) %{{.*}}, null
func lookup(m map[P]int, k P) (int, bool) {
	v, ok := m[k]
	return v, ok
}

// CHECK-LABEL: define internal void @main.del(
// CHECK: call void @gort_mapdelete_faststr(
func del(m map[string]int, k string) { delete(m, k) }

// len(m) reads hmap.count after a nil check.
// CHECK-LABEL: define internal i64 @main.size(
// CHECK: icmp eq ptr addrspace(1) %{{.*}}, null
// CHECK: load i64, ptr addrspace(1)
func size(m map[P]int) int { return len(m) }

// range: an iterator in the frame, mapiterinit then mapiternext.
// CHECK-LABEL: define internal i64 @main.sum(
// CHECK: %range.iter = alloca [12 x i64], align 8
// CHECK: call void @gort_mapiterinit(ptr @"type:map[int]int", ptr addrspace(1) %{{.*}}, ptr %range.iter)
// CHECK: call void @gort_mapiternext(ptr %range.iter)
func sum(m map[int]int) (s int) {
	for k, v := range m {
		s += k + v
	}
	return
}

func main() {
	m := map[int]int{1: 2}
	println(get64(m, 1), get32(nil, 0), sum(m))
	setstr(map[string]bool{}, "x")
	lookup(nil, P{})
	del(nil, "")
	println(size(nil))
}

