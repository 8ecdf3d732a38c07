// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// make and append: gc's growth sequence for cap, aliasing of the backing
// array until append reallocates, appending slices and strings.
package main

func main() {
	var s []int
	println(s == nil, len(s), cap(s))
	prev := -1
	for i := 0; i < 2000; i++ {
		s = append(s, i)
		if cap(s) != prev {
			print(cap(s), " ")
			prev = cap(s)
		}
	}
	println()
	var bs []byte
	prev = -1
	for i := 0; i < 3000; i++ {
		bs = append(bs, byte(i))
		if cap(bs) != prev {
			print(cap(bs), " ")
			prev = cap(bs)
		}
	}
	println()
	m := make([]int, 3, 10)
	println(len(m), cap(m), m[0])
	n := append(m, 4)
	n[0] = 42 // shares m's backing array
	println(m[0], len(n), cap(n))
	full := []int{1, 2, 3}
	grown := append(full, 4)
	grown[0] = 99 // reallocated: full is unchanged
	println(full[0], grown[0], len(grown), cap(grown))
	x := append([]int{1}, []int{2, 3, 4}...)
	println(len(x), cap(x), x[3])
	b := append([]byte("ab"), "cde"...)
	println(string(b), len(b), cap(b))
	var e []int
	println(e == nil, len(append(e, 5, 6, 7)), cap(append(e, 5, 6, 7)))
	type pt struct{ x, y int64 }
	var ps []pt
	prev = -1
	for i := 0; i < 100; i++ {
		ps = append(ps, pt{int64(i), 0})
		if cap(ps) != prev {
			print(cap(ps), " ")
			prev = cap(ps)
		}
	}
	println()
	z := make([]string, 0)
	println(z == nil, len(z))
	many := append(make([]int, 5), make([]int, 20)...)
	println(len(many), cap(many))
}

// CHECK: true 0 0
// CHECK-NEXT: 1 2 4 8 16 32 64 128 256 512 848 1280 1792 2560 
// CHECK-NEXT: 8 16 32 64 128 256 512 896 1408 2048 3072 
// CHECK-NEXT: 3 10 0
// CHECK-NEXT: 42 4 10
// CHECK-NEXT: 1 99 4 6
// CHECK-NEXT: 4 4 4
// CHECK-NEXT: abcde 5 8
// CHECK-NEXT: true 3 3
// CHECK-NEXT: 1 2 4 8 16 32 64 128 
// CHECK-NEXT: false 0
// CHECK-NEXT: 25 26
