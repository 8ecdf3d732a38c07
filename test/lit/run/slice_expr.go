// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// copy, 2- and 3-index slicing of slices, arrays, array pointers and
// strings; slices share their backing array.
package main

func main() {
	arr := [8]int{0, 1, 2, 3, 4, 5, 6, 7}
	s := arr[2:5]
	println(len(s), cap(s), s[0], s[2])
	s[0] = 20
	println(arr[2])
	t := s[1:6] // reslicing up to cap
	println(len(t), cap(t), t[4])
	u := arr[1:3:4]
	println(len(u), cap(u))
	u = append(u, 30) // fits in cap: overwrites arr[3]
	println(arr[3])
	u = append(u, 40) // exceeds cap: new array
	u[0] = -1
	println(arr[1], arr[4], u[3])
	p := &arr
	w := p[:2]
	println(len(w), cap(w), w[1], len(p[5:]), len(arr[:]))
	v := s[:0]
	println(len(v), cap(v))
	f := s[:cap(s)]
	println(len(f), f[len(f)-1])
	str := "hello, world"
	println(str[7:], str[:5], str[3:8], len(str[12:]))
	dst := make([]int, 3)
	n := copy(dst, arr[5:])
	println(n, dst[0], dst[1], dst[2])
	n = copy(dst, []int{9})
	println(n, dst[0], dst[1])
	ov := []int{1, 2, 3, 4, 5}
	n = copy(ov[1:], ov)
	println(n, ov[0], ov[1], ov[2], ov[3], ov[4])
	bs := make([]byte, 5)
	n = copy(bs, "héllo")
	println(n, string(bs))
	var nilS []int
	println(len(nilS[:]), len(nilS[0:0]), nilS[:] == nil)
	x := ov[2:3:3]
	x = append(x, 7)
	println(ov[3], x[1])
}

// CHECK: 3 6 2 4
// CHECK-NEXT: 20
// CHECK-NEXT: 5 5 7
// CHECK-NEXT: 2 3
// CHECK-NEXT: 30
// CHECK-NEXT: 1 4 40
// CHECK-NEXT: 2 8 1 3 8
// CHECK-NEXT: 0 6
// CHECK-NEXT: 6 7
// CHECK-NEXT: world hello lo, w 0
// CHECK-NEXT: 3 5 6 7
// CHECK-NEXT: 1 9 6
// CHECK-NEXT: 4 1 1 2 3 4
// CHECK-NEXT: 5 héll
// CHECK-NEXT: 0 0 true
// CHECK-NEXT: 3 7
