// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// complex64 and complex128: complex/real/imag, arithmetic, comparison and
// conversion between the two sizes.
package main

//go:noinline
func div(a, b complex128) complex128 { return a / b }

func main() {
	var c128 complex128 = complex(1.5, -2)
	var c64 complex64 = complex(float32(0.1), 3)
	println(c128, c64)
	println(real(c128), imag(c128), real(c64), imag(c64))
	x := 3 + 4i
	y := 1 - 2i
	println(x+y, x-y, x*y, x/y)
	println(x == complex(3, 4), x != y, -x)
	c64 = complex64(x)
	c128 = complex128(c64) * 2
	println(c64, c128)
	var re, im float64 = 2, 0.5
	z := complex(re, im)
	println(z, real(z)*imag(z))
	var f32a, f32b float32 = 1, 2
	w := complex(f32a, f32b)
	println(w*w, real(w*w))
	const k = complex(0, 1)
	println(k*k, real(k*k), imag(k))
	println(div(1, 0), div(0, 0))
	z += 1i
	z *= 2
	println(z)
}

// CHECK: (+1.500000e+000-2.000000e+000i) (+1.000000e-001+3.000000e+000i)
// CHECK-NEXT: +1.500000e+000 -2.000000e+000 +1.000000e-001 +3.000000e+000
// CHECK-NEXT: (+4.000000e+000+2.000000e+000i) (+2.000000e+000+6.000000e+000i) (+1.100000e+001-2.000000e+000i) (-1.000000e+000+2.000000e+000i)
// CHECK-NEXT: true true (-3.000000e+000-4.000000e+000i)
// CHECK-NEXT: (+3.000000e+000+4.000000e+000i) (+6.000000e+000+8.000000e+000i)
// CHECK-NEXT: (+2.000000e+000+5.000000e-001i) +1.000000e+000
// CHECK-NEXT: (-3.000000e+000+4.000000e+000i) -3.000000e+000
// CHECK-NEXT: (-1.000000e+000+0.000000e+000i) -1.000000e+000 +1.000000e+000
// CHECK-NEXT: (+InfNaNi) (NaNNaNi)
// CHECK-NEXT: (+4.000000e+000+3.000000e+000i)
