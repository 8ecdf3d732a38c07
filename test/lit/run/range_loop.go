// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// range over slices, arrays, array pointers, strings (decoding UTF-8, with
// RuneError for invalid bytes) and integers of a copied array.
package main

func main() {
	s := []string{"a", "b", "c"}
	for i, v := range s {
		print(i, v, " ")
	}
	println()
	for i := range s {
		print(i)
	}
	println()
	n := 0
	for range s {
		n++
	}
	println(n)
	arr := [3]int{1, 2, 3}
	for i, v := range arr { // ranges over a copy of arr
		arr[2] = 100
		if i == 2 {
			println(v)
		}
	}
	for i, v := range &arr { // no copy through a pointer
		arr[2] = 200
		if i == 2 {
			println(v)
		}
	}
	sl := []int{1, 2, 3}
	for i, v := range sl { // the length is evaluated once
		if i == 0 {
			sl = append(sl, 4)
		}
		print(v, " ")
	}
	println(len(sl))
	for i, r := range "aé世\xffz\xe4\xb8" {
		println(i, r, string(r))
	}
	var nilS []int
	for range nilS {
		println("unreachable")
	}
	var idx, val int
	for idx, val = range []int{7, 8, 9} {
	}
	println(idx, val)
	var ptrs []*int
	for _, v := range []int{1, 2} {
		v := v
		ptrs = append(ptrs, &v)
	}
	println(*ptrs[0], *ptrs[1])
}

// CHECK: 0a 1b 2c 
// CHECK-NEXT: 012
// CHECK-NEXT: 3
// CHECK-NEXT: 3
// CHECK-NEXT: 200
// CHECK-NEXT: 1 2 3 4
// CHECK-NEXT: 0 97 a
// CHECK-NEXT: 1 233 é
// CHECK-NEXT: 3 19990 世
// CHECK-NEXT: 6 65533 �
// CHECK-NEXT: 7 122 z
// CHECK-NEXT: 8 65533 �
// CHECK-NEXT: 9 65533 �
// CHECK-NEXT: 2 9
// CHECK-NEXT: 1 2
