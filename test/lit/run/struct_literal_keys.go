// RUN: %gortc -O0 -o %t0 %s && %run %t0 2>&1 | FileCheck %s
// RUN: %gortc -o %t2 %s && %run %t2 2>&1 | FileCheck %s
// Found by gosmith: a keyed literal of an unnamed struct type, stored into a
// variable whose type is an identical struct type spelt again, sets the
// fields the keys name (the keys belong to the literal's type, not to the
// destination's).
package main

type P struct{ x, y int }

func named() (r struct{ a uint8; b uint32 }) {
	r = struct{ a uint8; b uint32 }{b: 390205076, a: 176}
	return
}

func main() {
	var x struct{ a, b int }
	x = struct{ a, b int }{b: 4, a: 3}
	println(x.a, x.b)
	// CHECK: 3 4

	r := named()
	println(r.a, r.b)
	// CHECK-NEXT: 176 390205076

	var arr [2]struct{ p P; n string }
	arr[1] = struct{ p P; n string }{n: "n", p: P{y: 2}}
	println(arr[1].p.x, arr[1].p.y, arr[1].n)
	// CHECK-NEXT: 0 2 n

	m := map[int]struct{ a, b int }{}
	m[1] = struct{ a, b int }{b: 9}
	println(m[1].a, m[1].b)
	// CHECK-NEXT: 0 9

	s := []struct{ a, b int }{{b: 1}, {a: 2}}
	s[0] = struct{ a, b int }{a: 5}
	println(s[0].a, s[0].b, s[1].a, s[1].b)
	// CHECK-NEXT: 5 0 2 0

	ps := []*P{{y: 1}, {x: 2}}
	mp := map[P]*P{{y: 1}: {x: 9}}
	println(ps[0].x, ps[0].y, ps[1].x, mp[P{0, 1}].x)
	// CHECK-NEXT: 0 1 2 9
}
