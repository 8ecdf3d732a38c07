// RUN: %gortc -O0 -o %t0 %s && %run %t0 2>&1 | FileCheck %s
// RUN: %gortc -o %t2 %s && %run %t2 2>&1 | FileCheck %s
// Package-level variables initialised statically (codegen/staticinit.cpp,
// gc's staticinit) hold the values their initialisers give, stay writable,
// keep the heap pointers later stored in them across collections, and mix
// with variables initialised by code in the spec's order.
package main

import "runtime"

type Range struct {
	Lo, Hi uint16
	Stride uint16
}

type Table struct {
	R16         []Range
	LatinOffset int
	Name        string
	Next        *Table
}

type d [3]rune

type CaseRange struct {
	Lo, Hi uint32
	Delta  d
}

type Shape interface{ Area() float64 }

type Sq struct{ S float64 }

func (s *Sq) Area() float64 { return s.S * s.S }

type Celsius float32

type Named interface {
	Area() float64
	Name() string
}

type Namer interface{ Name() string }

func (s *Sq) Name() string { return "square" }

func twice(x int) int { return 2 * x }

var (
	upper = &Table{
		R16:         []Range{{0x41, 0x5a, 1}, {0xc0, 0xd6, 1}, {Lo: 0xd8, Hi: 0xde, Stride: 1}},
		LatinOffset: 3,
		Name:        "Lu",
	}
	Upper   = upper // a copy of a static pointer: the same table
	chain   = &Table{Name: "head", Next: &Table{Name: "tail"}}
	cases   = []CaseRange{{0x41, 0x5a, d{0, 32, 0}}, {Lo: 0x61, Hi: 0x7a, Delta: d{-32, 0, -32}}}
	pows    = [...]float64{1e0, 1e1, 1e2, 1e22}
	keyed   = [6]string{2: "two", 5: "five"}
	empty   = []int{}
	nilS    []int
	flags   = [3]bool{true, false, true}
	z       = complex(1.5, -2)
	temp    = Celsius(36.6)
	f       = twice
	fs      = []func(int) int{twice, nil}
	n       int
	np      = &n
	shape   Shape = &Sq{3}
	any1    interface{} = 42
	any2    interface{} = "forty-two"
	any3    interface{} = Range{1, 2, 3}
	noShape Shape       = nil
	named   Named       = &Sq{2}
	asShape Shape       = named // another interface: its itab is found by code
	asNamer Namer       = named
	asAny   interface{} = named
	msg     = "static " + "string"
	bytes   = []byte{'h', 'i'}
	// Initialised by code: a call, a map, a closure over a variable.
	computed = twice(21)
	byName   = map[string]*Table{"Lu": upper}
	counter  = func() func() int { c := 0; return func() int { c++; return c } }()
	// A static variable that depends on one initialised by code.
	after = [2]int{1, 2}
)

func main() {
	println(upper.Name, len(upper.R16), cap(upper.R16), upper.R16[2].Lo, upper.LatinOffset, Upper == upper)
	// CHECK: Lu 3 3 216 3 true
	println(chain.Name, chain.Next.Name, chain.Next.Next == nil)
	// CHECK-NEXT: head tail true
	println(len(cases), cases[1].Lo, cases[1].Delta[0], cases[0].Delta[1])
	// CHECK-NEXT: 2 97 -32 32
	println(len(pows), pows[3] == 1e22, keyed[2], keyed[5], keyed[0] == "")
	// CHECK-NEXT: 4 true two five true
	println(empty == nil, len(empty), nilS == nil, flags[0], flags[1], flags[2])
	// CHECK-NEXT: false 0 true true false true
	println(real(z) == 1.5, imag(z) == -2, temp > 36.5, temp < 36.7, f(4), fs[0](5), fs[1] == nil)
	// CHECK-NEXT: true true true true 8 10 true
	*np = 7
	println(n, shape.Area() == 9, any1.(int), any2.(string), any3.(Range).Hi, noShape == nil)
	// CHECK-NEXT: 7 true 42 forty-two 2 true
	println(msg, string(bytes), computed, byName["Lu"] == upper, counter(), counter(), after[1])
	// CHECK-NEXT: static string hi 42 true 1 2 2
	println(asShape.Area() == 4, asAny.(Named).Name(), asShape.(Named) == named, asNamer.Name())
	// CHECK-NEXT: true square true square

	// Static data is writable; heap pointers stored in it survive
	// collections (the writable segments are roots).
	upper.R16[0].Hi = 0x5b
	bytes[0] = 'H'
	for i := 0; i < 100; i++ {
		chain.Next = &Table{Name: "heap", R16: make([]Range, 1000)}
		upper.R16 = append(upper.R16, Range{uint16(i), uint16(i), 1})
		runtime.GC()
	}
	cases = append(cases, CaseRange{Lo: 1})
	println(upper.R16[0].Hi, string(bytes), chain.Next.Name, len(chain.Next.R16), len(upper.R16), upper.R16[102].Lo, len(cases))
	// CHECK-NEXT: 91 Hi heap 1000 103 99 3
}
