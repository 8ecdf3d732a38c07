// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Interfaces: dynamic dispatch, embedding, the empty interface, values and
// pointers in interfaces, method sets deciding satisfaction, nil interfaces.
package main

type Shape interface {
	Area() float64
	Name() string
}

type Named interface{ Name() string }

type Solid interface {
	Shape
	Volume(h float64) float64
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }

func (r Rect) Area() float64   { return r.W * r.H }
func (r Rect) Name() string    { return "rect" }
func (c *Circle) Area() float64 { return 3 * c.R * c.R }
func (c *Circle) Name() string  { return "circle" }
func (c *Circle) Volume(h float64) float64 { return c.Area() * h }

type Stringer interface{ String() string }
type Str string

func (s Str) String() string { return "Str(" + string(s) + ")" }

func describe(s Shape) { println(s.Name(), s.Area()) }

func main() {
	shapes := []Shape{Rect{2, 3}, &Circle{1}, &Rect{1, 1}}
	for _, s := range shapes {
		describe(s)
	}
	var n Named = shapes[1] // interface to smaller interface
	println(n.Name())
	var so Solid = &Circle{2}
	println(so.Volume(2), so.Name())
	var sh Shape = so
	println(sh.Area())
	var e interface{} = 42
	println(e != nil)
	e = "hello"
	e = Rect{1, 2}
	e = nil
	println(e == nil)
	var s Shape
	println(s == nil)
	var cp *Circle
	s = cp // non-nil interface holding a nil pointer
	println(s == nil, s != nil)
	var st Stringer = Str("x")
	println(st.String())
	f := st.String // method value through an interface
	st = Str("y")
	println(f(), st.String())
	g := Stringer.String // method expression on an interface type
	println(g(Str("z")))
	h := Shape.Area
	println(h(Rect{4, 5}))
	var any interface{} = Str("q")
	if s2, ok := any.(Stringer); ok {
		println(s2.String())
	}
}

// CHECK: rect +6.000000e+000
// CHECK-NEXT: circle +3.000000e+000
// CHECK-NEXT: rect +1.000000e+000
// CHECK-NEXT: circle
// CHECK-NEXT: +2.400000e+001 circle
// CHECK-NEXT: +1.200000e+001
// CHECK-NEXT: true
// CHECK-NEXT: true
// CHECK-NEXT: true
// CHECK-NEXT: false true
// CHECK-NEXT: Str(x)
// CHECK-NEXT: Str(x) Str(y)
// CHECK-NEXT: Str(z)
// CHECK-NEXT: +2.000000e+001
// CHECK-NEXT: Str(q)
