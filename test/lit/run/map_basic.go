// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// Map operations: make, literals with composite keys, index, comma-ok, delete, len,
// op-assign, nil maps, maps of maps, growth and range, float and interface keys.
package main

type P struct{ X, Y int }

type S struct {
	name string
	n    int
}

func main() {
	m := make(map[string]int)
	m["a"] = 1
	m["b"] += 2
	m["a"]++
	m["c"] -= 5
	println(len(m), m["a"], m["b"], m["c"], m["zz"])
	v, ok := m["b"]
	println(v, ok)
	v, ok = m["nope"]
	println(v, ok)
	delete(m, "a")
	delete(m, "never")
	_, ok = m["a"]
	println(ok, len(m))

	// Literals with composite keys and values, elided types.
	pm := map[P]S{{1, 2}: {"x", 1}, {3, 4}: {"y", 2}}
	println(pm[P{1, 2}].name, pm[P{3, 4}].n, len(pm), pm[P{5, 6}].name == "")
	s := pm[P{1, 2}]
	s.n = 100
	println(pm[P{1, 2}].n)

	// Maps of maps.
	mm := map[string]map[int]bool{}
	mm["x"] = map[int]bool{1: true}
	mm["x"][2] = true
	println(len(mm["x"]), mm["x"][2], mm["y"][1])

	// Nil maps read as empty.
	var nm map[int]string
	println(nm[3] == "", len(nm))
	for range nm {
		println("unreachable")
	}
	delete(nm, 1)

	// Growth and a full range.
	im := make(map[int]int, 4)
	for i := 0; i < 10000; i++ {
		im[i] = i * 2
	}
	sum, cnt := 0, 0
	for k, v := range im {
		if v != 2*k {
			println("bad", k, v)
		}
		sum += k
		cnt++
	}
	println(len(im), cnt, sum)
	for k := range im {
		if k%2 == 0 {
			delete(im, k)
		}
	}
	println(len(im))

	// Float keys: +0 and -0 are the same key; NaN never matches.
	fm := map[float64]int{}
	zero := 0.0
	fm[zero] = 1
	fm[-zero] = 2
	nan := zero / zero
	fm[nan] = 3
	fm[nan] = 4
	_, found := fm[nan]
	println(len(fm), fm[0], found)

	// Interface keys with dynamic types.
	var e interface{} = 3
	em := map[interface{}]string{e: "int", "s": "string", P{1, 1}: "P", 3.5: "float"}
	println(em[3], em["s"], em[P{1, 1}], em[3.5], em[int8(3)] == "")

	// Array keys and byte-slice conversions to string keys.
	am := map[[2]string]int{{"a", "b"}: 7}
	println(am[[2]string{"a", "b"}])
	bs := []byte("key")
	sm := map[string]int{"key": 9}
	println(sm[string(bs)])
}

// CHECK: 3 2 2 -5 0
// CHECK-NEXT: 2 true
// CHECK-NEXT: 0 false
// CHECK-NEXT: false 2
// CHECK-NEXT: x 2 2 true
// CHECK-NEXT: 1
// CHECK-NEXT: 2 true false
// CHECK-NEXT: true 0
// CHECK-NEXT: 10000 10000 49995000
// CHECK-NEXT: 5000
// CHECK-NEXT: 3 2 false
// CHECK-NEXT: int string P float true
// CHECK-NEXT: 7
// CHECK-NEXT: 9
// CHECK: exit=0
