// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// Builtins applied to one multi-valued call, as gc accepts them (Go issue
// 5793): append(f()), copy(f()), complex(f()), delete(f()), print(f()),
// unsafe.Add(f()) and unsafe.Slice(f()).
// Results are converted to the parameter types (here, to interfaces).
package main

import "unsafe"

type P struct{ x, y int }
type K struct{ a, b int }

var gm = map[K]int{{1, 2}: 3, {4, 5}: 6}
var im = map[interface{}]int{1: 1, "two": 2}
var arr = [4]int32{1, 2, 3, 4}

func complexArgs() (float64, float64)         { return 5, 7 }
func complex32() (float32, float32)           { return 1.5, -2 }
func appendArgs() ([]string, string)          { return []string{"foo"}, "bar" }
func appendIface() ([]interface{}, int, P)    { return nil, 1, P{2, 3} }
func appendBytes() ([]byte, string)           { return []byte("a"), "bc" }
func copyArgs() ([]int, []int)                { return make([]int, 2), []int{7, 8, 9} }
func copyStr() ([]byte, string)               { return make([]byte, 3), "xyz" }
func delStruct() (map[K]int, K)               { return gm, K{1, 2} }
func delIface() (map[interface{}]int, string) { return im, "two" }
func two() (int, string)                      { return 42, "s" }
func addArgs() (unsafe.Pointer, int)          { return unsafe.Pointer(&arr[0]), 4 }
func sliceArgs() (*int32, int)                { return &arr[0], 3 }

func main() {
	println(complex(complexArgs()), complex(complex32()))
	// CHECK: (+5.000000e+000+7.000000e+000i) (+1.500000e+000-2.000000e+000i)
	s := append(appendArgs())
	println(len(s), s[0], s[1])
	// CHECK-NEXT: 2 foo bar
	a := append(appendIface())
	println(len(a), a[0].(int), a[1].(P).y)
	// CHECK-NEXT: 2 1 3
	println(string(append(appendBytes()...)))
	// CHECK-NEXT: abc
	println(copy(copyArgs()), copy(copyStr()))
	// CHECK-NEXT: 2 3
	delete(delStruct())
	delete(delIface())
	_, ok1 := gm[K{1, 2}]
	_, ok2 := im["two"]
	println(len(gm), ok1, len(im), ok2)
	// CHECK-NEXT: 1 false 1 false
	println(two())
	// CHECK-NEXT: 42 s
	u := unsafe.Slice(sliceArgs())
	println(*(*int32)(unsafe.Add(addArgs())), len(u), cap(u), u[2])
	// CHECK-NEXT: 2 3 3 3
}
