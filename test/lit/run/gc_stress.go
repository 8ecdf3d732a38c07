// RUN: %gortc -o %t %s
// RUN: env GOGC=1 GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s
// RUN: env GOGC=1 GOMAXPROCS=2 %run %t 2>&1 | FileCheck %s
// RUN: env GOGC=1 GOMAXPROCS=4 %run %t 2>&1 | FileCheck %s
// RUN: env GORTDEBUG=gcstress=25,gcpoison=1 GOMAXPROCS=2 %run %t 2>&1 | FileCheck %s
// The same with every cycle stopping the world (no concurrent mark):
// RUN: env GORTDEBUG=gcstress=25,gcpoison=1,gcstw=1 GOMAXPROCS=2 %run %t 2>&1 | FileCheck %s
// Every one of some 500 cycles checked by a second, serial mark
// (gccheckmark): the parallel mark must have missed nothing.
// RUN: env GORTDEBUG=gcstress=25,gccheckmark=1,gcpoison=1 GOMAXPROCS=4 %run %t 2>&1 | FileCheck %s
// Many goroutines mutate pointer graphs, maps, slices, strings, closures
// and interfaces, and pass pointers through channels, while the collector
// runs often (GOGC=1, and a cycle every 25 allocations with freed memory
// poisoned), with GOMAXPROCS 1, 2 and 4. A freed-while-live object shows
// up as a wrong checksum or a crash.
package main

import "runtime"

type node struct {
	kids  []*node
	name  string
	val   int
	attrs map[string]*node
	fn    func() int
	any   interface{}
}

// link keeps the nodes the workers send; the workers still use them, so
// the receiver must not write to them.
type link struct {
	n    *node
	next *link
}

type shape interface{ area() int }

type rect struct{ w, h int }

func (r *rect) area() int { return r.w * r.h }

func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	var b []byte
	for v > 0 {
		b = append([]byte{byte('0' + v%10)}, b...)
		v /= 10
	}
	return string(b)
}

func build(id, depth int) *node {
	n := &node{name: "n" + itoa(id) + "." + itoa(depth), val: id*7 + depth}
	n.attrs = map[string]*node{}
	v := n.val
	n.fn = func() int { return v * 3 }
	n.any = &rect{w: depth + 1, h: id%5 + 1}
	if depth > 0 {
		for k := 0; k < 3; k++ {
			c := build(id*3+k, depth-1)
			n.kids = append(n.kids, c)
			n.attrs[c.name] = c
		}
	}
	return n
}

func sum(n *node) int {
	if n == nil {
		return 0
	}
	s := n.val + len(n.name) + n.fn() + n.any.(shape).area()
	for _, k := range n.kids {
		s += sum(k)
	}
	for name, k := range n.attrs {
		if k.name != name {
			panic("map value lost its key")
		}
	}
	return s
}

// worker rebuilds parts of its own graph many times, keeping a rolling
// list of survivors, and sends some nodes to the collector goroutine.
func worker(id int, out chan<- *node, done chan<- int) {
	root := build(id, 3)
	var keep []*node
	total := 0
	for round := 0; round < 10; round++ {
		fresh := build(id*100+round, 2)
		root.kids[round%3] = fresh
		root.attrs[fresh.name] = fresh
		keep = append(keep, fresh)
		if len(keep) > 8 {
			delete(root.attrs, keep[0].name)
			keep = keep[1:]
		}
		if round%10 == 0 {
			out <- fresh
		}
		total += sum(root)
		s := ""
		for i := 0; i < 20; i++ {
			s += itoa(i + round)
		}
		total += len(s)
	}
	for _, k := range keep {
		total += sum(k)
	}
	done <- total
}

func main() {
	const workers = 4
	out := make(chan *node, 4)
	done := make(chan int)
	collected := make(chan int)
	go func() {
		var list *link
		n := 0
		for x := range out {
			list = &link{x, list}
			n++
			if n%5 == 0 {
				runtime.GC()
			}
		}
		s := 0
		for l := list; l != nil; l = l.next {
			s += sum(l.n)
		}
		collected <- s
	}()
	for w := 0; w < workers; w++ {
		go worker(w, out, done)
	}
	total := 0
	for w := 0; w < workers; w++ {
		total += <-done
	}
	close(out)
	c := <-collected
	runtime.GC()
	println(total, c)
}

// The sums as go 1.19 prints them.
// CHECK: 55448947 1533712
