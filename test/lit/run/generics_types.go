// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// RUN: %gortc -O0 -o %t0 %s && %run %t0 2>&1 | FileCheck %s --match-full-lines
// Generic types: each instance is a defined type of its own with gc's name
// (main.Pair[main.Job,string]), its methods (receiver type parameters
// renamed or blank), recursive and mutually referring instances, a generic
// interface as a constraint and as a type, instances satisfying interfaces
// through itabs, embedded instances with promoted methods, method values
// and expressions, and instances as map keys.
package main

type List[T any] struct {
	next *List[T]
	val  T
}

func (l *List[T]) Push(v T) *List[T] { return &List[T]{l, v} }

func (l *List[U]) Len() int { // another name for the type parameter
	n := 0
	for ; l != nil; l = l.next {
		n++
	}
	return n
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func (Pair[_, _]) Kind() string { return "pair" }

func (p Pair[K, V]) Swap() Pair[V2, K] { return Pair[V2, K]{V2(0), p.Key} }

type V2 int

type Tree[T interface{ Less(T) bool }] struct {
	root *node[T]
}

type node[T interface{ Less(T) bool }] struct {
	left, right *node[T]
	val         T
}

func (t *Tree[T]) Insert(v T) {
	p := &t.root
	for *p != nil {
		if v.Less((*p).val) {
			p = &(*p).left
		} else {
			p = &(*p).right
		}
	}
	*p = &node[T]{val: v}
}

func (t *Tree[T]) Walk(f func(T)) { walk(t.root, f) }

func walk[T interface{ Less(T) bool }](n *node[T], f func(T)) {
	if n != nil {
		walk(n.left, f)
		f(n.val)
		walk(n.right, f)
	}
}

type Job struct{ prio int }

func (a Job) Less(b Job) bool { return a.prio < b.prio }

type Getter[T any] interface{ Get() T }

type Box[T any] struct{ v T }

func (b Box[T]) Get() T { return b.v }

type Named struct {
	Box[string]
	n int
}

func typeName(x any) (s string) {
	defer func() { s = recover().(error).Error() }()
	_ = x.(struct{ nope int })
	return
}

func main() {
	var l *List[string]
	l = l.Push("a").Push("b")
	println(l.Len(), l.val, l.next.val)

	p := Pair[Job, string]{Job{1}, "x"}
	println(p.Kind(), p.Swap().Val.prio)

	var t Tree[Job]
	for _, v := range []int{5, 1, 4, 2} {
		t.Insert(Job{v})
	}
	t.Walk(func(j Job) { print(j.prio, " ") })
	println()

	var g Getter[int] = Box[int]{7}
	println(g.Get())
	n := Named{Box[string]{"promoted"}, 1}
	var gs Getter[string] = n
	println(gs.Get(), n.Get())
	get := n.Box.Get
	getE := Box[string].Get
	println(get(), getE(Box[string]{"expr"}))

	m := map[Pair[int, string]]int{{1, "a"}: 1}
	m[Pair[int, string]{1, "a"}]++
	println(m[Pair[int, string]{1, "a"}], len(m))

	println(typeName(p))
	println(typeName(&t))
	println(typeName(Pair[List[int], map[string]Job]{}))
	println(typeName(g))
}

// CHECK: 2 b a
// CHECK-NEXT: pair 1
// CHECK-NEXT: 1 2 4 5
// CHECK-NEXT: 7
// CHECK-NEXT: promoted promoted
// CHECK-NEXT: promoted expr
// CHECK-NEXT: 2 1
// CHECK-NEXT: interface conversion: interface {} is main.Pair[main.Job,string], not struct { nope int }
// CHECK-NEXT: interface conversion: interface {} is *main.Tree[main.Job], not struct { nope int }
// CHECK-NEXT: interface conversion: interface {} is main.Pair[main.List[int],map[string]main.Job], not struct { nope int }
// CHECK-NEXT: interface conversion: interface {} is main.Box[int], not struct { nope int }
