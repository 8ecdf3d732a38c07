// RUN: %gortc -O0 --emit=llvm -o - %s | FileCheck %s --check-prefix=IR
// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// Types that compare as their bytes (integers, pointers, channels, and
// arrays and structs of them without padding) share the runtime's equality
// code (gc's memequal0..128 and memequal_varlen): their descriptors name
// gort_memequal*_f or a gort.memequal.<size> closure, and comparisons of
// them are inline loads. Other comparable types have generated equality
// code, which compares their runs of plain memory inline. Interfaces,
// map keys and == all agree, at every size.
package main

type pair struct{ a, b int32 }    // 8 bytes
type tri [3]uint8                 // 3 bytes, no wider loads than the value
type wide struct{ x, y, z int64 } // 24 bytes: memequal_varlen
type big [40]int64                // 320 bytes: gort_memequal
type padded struct {              // padding: generated
	a int8
	b int64
}
type mixed struct { // a string between two runs of plain memory
	a, b int32
	s    string
	c    [2]int16
}
type blank struct { // a blank field is not compared
	a int32
	_ int32
}

// IR-DAG: @"type:main.pair" = {{.*}}ptr @gort_memequal64_f,
// IR-DAG: @"type:main.tri" = {{.*}}ptr @gort.memequal.3,
// IR-DAG: @gort.memequal.3 = linkonce_odr constant { ptr, i64 } { ptr @gort_memequal_varlen, i64 3 }
// IR-DAG: @"type:main.wide" = {{.*}}ptr @gort.memequal.24,
// IR-DAG: @"type:main.padded" = {{.*}}ptr @"type:main.padded.eqfunc",
// IR-DAG: @"type:main.blank" = {{.*}}ptr @"type:main.blank.eqfunc",
// IR-DAG: @"type:[16]uint8" = {{.*}}ptr @gort_memequal128_f,
// IR-NOT: define {{.*}} @"type:main.pair.eq"
// IR-NOT: define {{.*}} @"type:main.wide.eq"

//go:noinline
func eqWide(x, y wide) bool { return x == y }

// IR-LABEL: define {{.*}} @main.eqWide(
// IR-NOT: call {{.*}}memequal
// IR-NOT: call {{.*}}.eq"(
// IR: load i64
// IR-NOT: call {{.*}}memequal
// IR-NOT: call {{.*}}.eq"(
// IR: ret i1

//go:noinline
func eqBig(x, y *big) bool { return *x == *y }

// IR-LABEL: define {{.*}} @main.eqBig(
// IR: call {{.*}} @gort_memequal(ptr addrspace(1) {{.*}}, ptr addrspace(1) {{.*}}, i64 320)

func check(name string, got, want bool) {
	if got != want {
		println("FAIL", name, got, want)
		return
	}
	println(name, got)
}

func main() {
	var ifs []any
	ifs = append(ifs, pair{1, 2}, tri{1, 2, 3}, wide{1, 2, 3}, padded{1, 2},
		mixed{1, 2, "s", [2]int16{3, 4}}, blank{a: 5}, [16]uint8{9})
	same := []any{pair{1, 2}, tri{1, 2, 3}, wide{1, 2, 3}, padded{1, 2},
		mixed{1, 2, "s", [2]int16{3, 4}}, blank{a: 5}, [16]uint8{9}}
	other := []any{pair{1, 3}, tri{1, 2, 4}, wide{1, 2, 4}, padded{2, 2},
		mixed{1, 2, "t", [2]int16{3, 4}}, blank{a: 6}, [16]uint8{15: 1}}
	for i := range ifs {
		check("same", ifs[i] == same[i], true)
	}
	for i := range ifs {
		check("other", ifs[i] == other[i], false)
	}
	// CHECK-COUNT-7: same true
	// CHECK-COUNT-7: other false

	check("wide==", eqWide(wide{1, 2, 3}, wide{1, 2, 3}), true)
	check("wide!=", eqWide(wide{1, 2, 3}, wide{0, 2, 3}), false)
	var b1, b2 big
	b2[39] = 1
	check("big!=", eqBig(&b1, &b2), false)
	b1[39] = 1
	check("big==", eqBig(&b1, &b2), true)
	// CHECK: wide== true
	// CHECK: wide!= false
	// CHECK: big!= false
	// CHECK: big== true

	m := map[tri]int{}
	for i := 0; i < 1000; i++ {
		m[tri{uint8(i), uint8(i >> 8), 7}]++
		m[tri{uint8(i), uint8(i >> 8), 7}]++
	}
	n := map[wide]int{{1, 2, 3}: 1}
	n[wide{1, 2, 3}]++
	k := map[any]int{}
	k[pair{1, 2}]++
	k[pair{1, 2}]++
	k[mixed{1, 2, "s", [2]int16{}}]++
	k[mixed{1, 2, "s", [2]int16{}}]++
	println(len(m), m[tri{5, 0, 7}], n[wide{1, 2, 3}], len(k), k[pair{1, 2}])
	// CHECK: 1000 2 2 2 2
}
