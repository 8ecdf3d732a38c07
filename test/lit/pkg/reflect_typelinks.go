// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// reflect finds the program's own descriptors of unnamed composite types
// through typelinks (section .gort_typelink, sorted by the runtime): the
// types FuncOf, SliceOf, MapOf, ChanOf, ArrayOf and PtrTo return are the
// ones the program uses, so values made through them assert to those
// types; Method.Func calls the method through its tfn.
package main

import (
	"fmt"
	"reflect"
)

type M int

func (m M) Double() int { return int(m) * 2 }

func main() {
	var f func(int) string
	ft := reflect.FuncOf([]reflect.Type{reflect.TypeOf(0)}, []reflect.Type{reflect.TypeOf("")}, false)
	fmt.Println(ft == reflect.TypeOf(f), ft)
	st := reflect.SliceOf(reflect.TypeOf(M(0)))
	fmt.Println(st == reflect.TypeOf([]M{}), st)
	mt := reflect.MapOf(reflect.TypeOf(""), reflect.TypeOf(0))
	fmt.Println(mt == reflect.TypeOf(map[string]int{}), mt)
	ct := reflect.ChanOf(reflect.BothDir, reflect.TypeOf(0))
	fmt.Println(ct == reflect.TypeOf(make(chan int)), ct)
	at := reflect.ArrayOf(3, reflect.TypeOf(byte(0)))
	fmt.Println(at == reflect.TypeOf([3]byte{}), at)
	pt := reflect.PtrTo(reflect.TypeOf(M(0)))
	fmt.Println(pt == reflect.TypeOf(new(M)), pt)
	s := reflect.MakeSlice(st, 2, 2).Interface().([]M)
	s[1] = 21
	fmt.Println(s, len(s))
	m, _ := reflect.TypeOf(M(0)).MethodByName("Double")
	fmt.Println(m.Func.Interface().(func(M) int)(s[1]), m.Type)
}

// CHECK: true func(int) string
// CHECK-NEXT: true []main.M
// CHECK-NEXT: true map[string]int
// CHECK-NEXT: true chan int
// CHECK-NEXT: true [3]uint8
// CHECK-NEXT: true *main.M
// CHECK-NEXT: [0 21] 2
// CHECK-NEXT: 42 func(main.M) int
