// RUN: %gortc -O0 -o %t0 %s && %run %t0 2>&1 | FileCheck %s
// RUN: %gortc -o %t2 %s && %run %t2 2>&1 | FileCheck %s
// m[k] op= y and m[k]++ update the slot one mapassign returns, with gc's
// order: the map and key, then y, then the insert. A division or remainder
// by zero panics before the key is inserted; a negative shift count panics
// after it, as in gc. y may itself grow the map.
package main

type pair struct{ a, b int }

func try(name string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			println(name, "panic:", r.(error).Error())
		}
	}()
	f()
}

var trace []string

func key(s string) string {
	trace = append(trace, "key "+s)
	return s
}

func val(m map[string]int, v int) int {
	trace = append(trace, "val")
	// Grow the map while its slot for the key is not taken yet.
	for i := 0; i < 100; i++ {
		m[string(rune('A'+i%26))+string(rune('a'+i/26))] = i
	}
	return v
}

func main() {
	m := map[string]int{}
	m["x"]++
	m["x"]++
	m["y"]--
	m["z"] += 5
	m["z"] *= 3
	m["z"] -= 1
	m["z"] |= 64
	m["z"] &^= 1
	m["z"] ^= 2
	m["z"] <<= 2
	m["z"] >>= 1
	println(len(m), m["x"], m["y"], m["z"])
	// CHECK: 3 2 -1 152

	s := map[int]string{}
	s[1] += "a"
	s[1] += "b"
	s[2] += s[1] + "c"
	println(len(s), s[1], s[2])
	// CHECK-NEXT: 2 ab abc

	f := map[pair]float64{}
	f[pair{1, 2}] += 1.5
	f[pair{1, 2}] /= 2
	f[pair{3, 4}] /= 2
	println(len(f), f[pair{1, 2}] == 0.75, f[pair{3, 4}] == 0)
	// CHECK-NEXT: 2 true true

	c := map[string]complex128{}
	c["i"] += 1i
	c["i"] *= 1i
	println(real(c["i"]), imag(c["i"]))
	// CHECK-NEXT: -1.000000e+000 +0.000000e+000

	zero := 0
	d := map[string]int{}
	try("div", func() { d["a"] /= zero })
	try("rem", func() { d["b"] %= zero })
	println("after div/rem:", len(d))
	// CHECK-NEXT: div panic: runtime error: integer divide by zero
	// CHECK-NEXT: rem panic: runtime error: integer divide by zero
	// CHECK-NEXT: after div/rem: 0
	neg := -1
	try("shift", func() { d["c"] <<= neg })
	println("after shift:", len(d))
	// CHECK-NEXT: shift panic: runtime error: negative shift amount
	// CHECK-NEXT: after shift: 1

	var nilmap map[string]int
	try("nil", func() { nilmap["a"]++ })
	// CHECK-NEXT: nil panic: assignment to entry in nil map

	g := map[string]int{}
	g[key("k")] += val(g, 7)
	g[key("k")]++
	println(len(g), g["k"], len(trace), trace[0], trace[1], trace[2])
	// CHECK-NEXT: 101 8 3 key k val key k

	// Many keys through growth: every count lands in the right slot.
	h := map[int]int{}
	for i := 0; i < 100000; i++ {
		h[i%5003]++
		h[i%5003] += 2
	}
	sum := 0
	for k, v := range h {
		sum += k * v
	}
	println(len(h), sum)
	// CHECK-NEXT: 5003 749855130
}
