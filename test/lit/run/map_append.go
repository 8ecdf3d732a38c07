// RUN: %gortc -O0 -o %t0 %s && %run %t0 2>&1 | FileCheck %s
// RUN: %gortc -o %t2 %s && %run %t2 2>&1 | FileCheck %s
// m[k] = append(m[k], ...) takes one mapassign slot after evaluating the
// elements, and appends to what the slot holds then (gc's walkAssign): an
// element that changes m[k] or grows the map is seen; a nil map panics
// after the elements; other shapes keep the general order.
package main

type S struct {
	m map[string][]int
	k string
}

var log []string

func elem(m map[string][]int, v int) int {
	log = append(log, "elem")
	m["x"] = append(m["x"], 100+v)
	for i := 0; i < 50; i++ {
		m[string(rune('a'+i%26))+string(rune('A'+i/26))] = nil
	}
	return v
}

func try(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			println(name, "panic:", r.(error).Error())
		}
	}()
	f()
}

func main() {
	groups := map[int][]int{}
	for i := 0; i < 20; i++ {
		groups[i%3] = append(groups[i%3], i)
	}
	println(len(groups), len(groups[0]), len(groups[1]), len(groups[2]), groups[2][5])
	// CHECK: 3 7 7 6 17

	m := map[string][]int{}
	m["x"] = append(m["x"], elem(m, 1), elem(m, 2))
	println(len(m), len(m["x"]), m["x"][0], m["x"][1], m["x"][2], m["x"][3], len(log))
	// CHECK-NEXT: 51 4 101 102 1 2 2

	m["y"] = append(m["y"], 1, 2, 3)
	m["y"] = append(m["y"], m["y"]...)
	m["y"] = append(m["y"])
	println(len(m["y"]), m["y"][5])
	// CHECK-NEXT: 6 3

	s := &S{m: map[string][]int{}, k: "k"}
	s.m[s.k] = append(s.m[s.k], 7)
	s.m[s.k] = append(s.m[s.k], 8)
	println(len(s.m[s.k]), s.m[s.k][1])
	// CHECK-NEXT: 2 8

	b := map[string][]byte{}
	b["s"] = append(b["s"], "hello"...)
	b["s"] = append(b["s"], ", world"...)
	println(string(b["s"]))
	// CHECK-NEXT: hello, world

	// Not the same place: the general path.
	m["z"] = append(m["y"], 9)
	println(len(m["z"]), len(m["y"]))
	// CHECK-NEXT: 7 6

	var nilmap map[string][]int
	try("nil", func() { nilmap["a"] = append(nilmap["a"], elem(m, 3)) })
	println(len(log))
	// CHECK-NEXT: nil panic: assignment to entry in nil map
	// CHECK-NEXT: 3

	a := []int{0, 1}
	i := 5
	try("index", func() { groups[a[i]] = append(groups[a[i]], 1) })
	try("elem", func() { groups[0] = append(groups[0], a[i]) })
	println(len(groups))
	// CHECK-NEXT: index panic: runtime error: index out of range [5] with length 2
	// CHECK-NEXT: elem panic: runtime error: index out of range [5] with length 2
	// CHECK-NEXT: 3
}
