// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Structs are values: assignment copies, == compares field by field
// (including nested arrays and strings), nested composite literals may elide
// types, and arrays/slices of structs.
package main

type Point struct{ X, Y int }

type Rect struct {
	Min, Max Point
	Label    string
	Tags     [2]string
}

type Node struct {
	Val   int
	Left  *Node
	Right *Node
}

func (n *Node) Sum() int {
	if n == nil {
		return 0
	}
	return n.Val + n.Left.Sum() + n.Right.Sum()
}

type Empty struct{}

func main() {
	a := Rect{Point{0, 0}, Point{2, 3}, "r", [2]string{"x", "y"}}
	b := a
	b.Max.X = 10
	b.Tags[0] = "z"
	println(a.Max.X, b.Max.X, a.Tags[0], b.Tags[0])
	println(a == b, a == Rect{Min: Point{}, Max: Point{2, 3}, Label: "r", Tags: [2]string{"x", "y"}})
	pts := []Point{{1, 2}, {3, 4}, {X: 5}}
	println(len(pts), pts[2].X, pts[2].Y)
	arr := [...]Point{{1, 1}, 2: {2, 2}}
	println(len(arr), arr[1].X, arr[2].Y)
	pps := []*Point{{7, 8}, nil}
	println(pps[0].Y, pps[1] == nil)
	nested := [][]Point{{{1, 1}}, {{2, 2}, {3, 3}}}
	println(len(nested[1]), nested[1][1].X)
	tree := &Node{1, &Node{2, nil, nil}, &Node{3, &Node{4, nil, nil}, nil}}
	println(tree.Sum())
	p := Point{1, 2}
	q := p
	q.X = 100
	println(p.X, q.X, p == Point{1, 2}, p != q)
	for i := range pts {
		pts[i].X *= 10
	}
	for _, pt := range pts {
		pt.Y = -1 // a copy
	}
	println(pts[0].X, pts[0].Y)
	var e1, e2 Empty
	println(e1 == e2)
	anon := struct {
		A int
		B string
	}{1, "b"}
	anon2 := anon
	anon2.B = "c"
	println(anon.B, anon2.B, anon == anon2)
	type inner struct{ f float64 }
	x, y := inner{0.0}, inner{-0.0}
	println(x == y)
}

// CHECK: 2 10 x z
// CHECK-NEXT: false true
// CHECK-NEXT: 3 5 0
// CHECK-NEXT: 3 0 2
// CHECK-NEXT: 8 true
// CHECK-NEXT: 2 3
// CHECK-NEXT: 10
// CHECK-NEXT: 1 100 true true
// CHECK-NEXT: 10 2
// CHECK-NEXT: true
// CHECK-NEXT: b c false
// CHECK-NEXT: true
