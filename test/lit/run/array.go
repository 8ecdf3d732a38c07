// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Arrays are values: assignment and passing copy them; len is constant;
// indexed and [...] literals; multi-dimensional arrays; comparison.
package main

func modify(a [3]int) [3]int {
	a[0] = 100
	return a
}

func modifyPtr(a *[3]int) { a[1] = 200 }

func main() {
	var a [3]int
	b := [3]int{1, 2, 3}
	c := [...]string{2: "c", 0: "a"}
	d := [5]int{1, 3: 4, 5}
	println(len(a), len(b), len(c), len(d), cap(d))
	println(c[0], c[1] == "", c[2], d[0], d[1], d[3], d[4])
	a = b
	a[0] = 9
	println(a[0], b[0])
	e := modify(b)
	println(b[0], e[0])
	modifyPtr(&b)
	println(b[1])
	p := &b
	println(p[2], len(p))
	var grid [3][4]int
	for i := 0; i < 3; i++ {
		for j := 0; j < 4; j++ {
			grid[i][j] = i * j
		}
	}
	println(grid[2][3], len(grid), len(grid[0]))
	row := grid[1]
	row[1] = -1
	println(grid[1][1], row[1])
	println(b == [3]int{1, 200, 3}, a != b, [2]string{"x", "y"} == [2]string{"x", "y"})
	sum := 0
	for i, v := range d {
		sum += i * v
	}
	println(sum)
	var z [0]int
	println(len(z))
	const n = len(b)
	var f [n * 2]float64
	f[5] = 1.5
	println(len(f), f[5])
}

// CHECK: 3 3 3 5 5
// CHECK-NEXT: a true c 1 0 4 5
// CHECK-NEXT: 9 1
// CHECK-NEXT: 1 100
// CHECK-NEXT: 200
// CHECK-NEXT: 3 3
// CHECK-NEXT: 6 3 4
// CHECK-NEXT: 1 -1
// CHECK-NEXT: true true true
// CHECK-NEXT: 32
// CHECK-NEXT: 0
// CHECK-NEXT: 6 +1.500000e+000
