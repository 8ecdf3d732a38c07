// RUN: %gortc -O0 --partitions 4 -o %t0 %s && %exitcode %run %t0 2>&1 | FileCheck %s
// RUN: %gortc -O2 --partitions 4 -o %t2 %s && %exitcode %run %t2 2>&1 | FileCheck %s
// A program cut into partitions that are compiled separately
// (codegen/partition.cpp) links and runs as one: methods reached only
// through type descriptors and itabs that several partitions copy,
// closures, maps, goroutines and channels, and a traceback whose frames
// come from different partitions' objects and line tables.
package main

type Shape interface {
	Area() int
	Name() string
}

type Rect struct{ w, h int }
type Square struct{ s int }

func (r Rect) Area() int      { return r.w * r.h }
func (r Rect) Name() string   { return "rect" }
func (s *Square) Area() int   { return s.s * s.s }
func (s *Square) Name() string { return "square" }

// Used from one function only: the partitions that do not use it must not
// keep its type descriptors, which refer to its methods.
type Lonely struct{ x int }

func (l *Lonely) Get() int { return l.x }

type Getter interface{ Get() int }

func lonely() int {
	var g Getter = &Lonely{7}
	return g.Get()
}

type Counter struct {
	n    int
	hits map[string]int
}

func (c *Counter) Add(s Shape) {
	c.n += s.Area()
	c.hits[s.Name()]++
}

func build(n int) []Shape {
	var out []Shape
	for i := 0; i < n; i++ {
		if i%2 == 0 {
			out = append(out, Rect{i, i + 1})
		} else {
			out = append(out, &Square{i})
		}
	}
	return out
}

func sum(shapes []Shape) (total int) {
	defer func() { total++ }()
	for _, s := range shapes {
		total += s.Area()
	}
	return
}

func worker(id int, in <-chan Shape, out chan<- int) {
	acc := 0
	for s := range in {
		acc += s.Area() * id
	}
	out <- acc
}

//go:noinline
func deep(n int) int {
	if n == 0 {
		var s []int
		return s[n+5]
	}
	return deep(n-1) + 1
}

func main() {
	shapes := build(10)
	c := &Counter{hits: map[string]int{}}
	for _, s := range shapes {
		c.Add(s)
	}
	println(c.n, c.hits["rect"], c.hits["square"], sum(shapes))
	in := make(chan Shape)
	out := make(chan int)
	for id := 1; id <= 3; id++ {
		go worker(id, in, out)
	}
	for _, s := range shapes {
		in <- s
	}
	close(in)
	t := 0
	for i := 0; i < 3; i++ {
		t += <-out
	}
	println(t > 0, lonely())
	println(deep(3))
}

// CHECK: 305 5 5 306
// CHECK-NEXT: true 7
// CHECK-NEXT: panic: runtime error: index out of range [5] with length 0
// CHECK: goroutine 1 [running]:
// CHECK-NEXT: main.deep(...)
// CHECK-NEXT: {{^[[:space:]]/.*partitions.go:78 [+]0x[0-9a-f]+$}}
// CHECK-NEXT: main.deep(...)
// CHECK-NEXT: {{^[[:space:]]/.*partitions.go:80 [+]0x[0-9a-f]+$}}
// CHECK-NEXT: main.deep(...)
// CHECK-NEXT: {{^[[:space:]]/.*partitions.go:80 [+]0x[0-9a-f]+$}}
// CHECK-NEXT: main.deep(...)
// CHECK-NEXT: {{^[[:space:]]/.*partitions.go:80 [+]0x[0-9a-f]+$}}
// CHECK-NEXT: main.main()
// CHECK-NEXT: {{^[[:space:]]/.*partitions.go:104 [+]0x[0-9a-f]+$}}
// CHECK: exit=2
