// RUN: %gortc -O0 -o %t0 %s && %run %t0 2>&1 | FileCheck %s
// RUN: %gortc -O2 -o %t2 %s && %run %t2 2>&1 | FileCheck %s
// Found by gosmith: a function with a big frame is split into a checking
// wrapper and its body (codegen/stack_check.cpp); when its results do not
// fit in the return registers (five words here, nine words on AArch64) the
// wrapper cannot tail-call the body and calls it. Recursion makes every
// frame cross segment boundaries.
package main

type R struct{ a, b, c, d, e, f, g, h, i int }

func five(d int) ([]int, interface{}) {
	var big [600]int
	big[d%600] = d
	if d > 0 {
		s, _ := five(d - 1)
		s = append(s, big[d%600])
		return s, len(s)
	}
	return []int{big[0]}, 0
}

func nine(d int) R {
	var big [600]int
	big[d%600] = d
	if d > 0 {
		r := nine(d - 1)
		r.a += big[d%600]
		r.i++
		return r
	}
	return R{b: 2, h: 8}
}

func floats(d int) (float64, float64, float64) {
	var big [600]float64
	big[d%600] = float64(d)
	if d > 0 {
		x, y, z := floats(d - 1)
		return x + big[d%600], y * 1, z + 1
	}
	return 0, 1, 0
}

func main() {
	s, n := five(200)
	println(len(s), s[200], n.(int))
	// CHECK: 201 200 201
	r := nine(200)
	println(r.a, r.b, r.h, r.i)
	// CHECK-NEXT: 20100 2 8 200
	x, y, z := floats(200)
	println(int(x), int(y), int(z))
	// CHECK-NEXT: 20100 1 200
}
