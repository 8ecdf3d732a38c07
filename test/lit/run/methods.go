// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Methods with value and pointer receivers: automatic & and * on calls,
// method values bound at evaluation time, method expressions T.M and (*T).M,
// methods on non-struct named types.
package main

type Counter struct{ n int }

func (c Counter) Get() int { return c.n }
func (c *Counter) Inc()    { c.n++ }
func (c Counter) Add(d int) Counter {
	c.n += d
	return c
}

type Celsius float64

func (c Celsius) String() string {
	if c < 0 {
		return "cold"
	}
	return "warm"
}

type List []int

func (l List) Len() int    { return len(l) }
func (l *List) Push(v int) { *l = append(*l, v) }

func main() {
	var c Counter
	c.Inc() // (&c).Inc()
	c.Inc()
	println(c.Get(), c.Add(10).Get(), c.n)
	p := &c
	p.Inc()
	println(p.Get(), (*p).Get())
	get := c.Get // binds a copy of c now
	inc := p.Inc
	inc()
	inc()
	println(get(), c.n)
	fget := Counter.Get
	finc := (*Counter).Inc
	fpget := (*Counter).Get
	finc(&c)
	println(fget(c), fpget(&c))
	add := Counter.Add
	println(add(c, 100).n)
	println(Celsius(-5).String(), Celsius(20).String())
	var l List
	l.Push(1)
	l.Push(2)
	lp := l.Push
	lp(3)
	println(l.Len(), List.Len(l), l[2])
	cs := []Counter{{1}, {2}}
	cs[0].Inc() // slice elements are addressable
	println(cs[0].n, cs[1].Get())
	m := Counter{5}.Add(1) // value method on a non-addressable value
	println(m.n)
}

// CHECK: 2 12 2
// CHECK-NEXT: 3 3
// CHECK-NEXT: 3 5
// CHECK-NEXT: 6 6
// CHECK-NEXT: 106
// CHECK-NEXT: cold warm
// CHECK-NEXT: 3 3 3
// CHECK-NEXT: 2 2
// CHECK-NEXT: 6
