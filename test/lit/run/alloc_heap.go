// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// The heap allocator end to end: a list of small pointerful objects, tiny
// pointer-free ones, objects of every size up to large ones that span
// several 64 MiB arenas, all zeroed and distinct; strings built by
// concatenation. A list of a million objects is alloc_heap_million.go.
package main

type Node struct {
	Val  int
	Next *Node
}

type Big struct {
	A [300]int
	P *Big
}

func main() {
	var head *Node
	for i := 0; i < 20000; i++ {
		head = &Node{Val: i, Next: head}
	}
	sum, cnt := 0, 0
	for p := head; p != nil; p = p.Next {
		sum += p.Val
		cnt++
	}
	// CHECK: list 20000 199990000
	println("list", cnt, sum)

	bs := make([]*byte, 0, 100000)
	for i := 0; i < 100000; i++ {
		x := new(byte)
		*x = byte(i)
		bs = append(bs, x)
	}
	ok := true
	for i, x := range bs {
		if *x != byte(i) {
			ok = false
		}
	}
	// CHECK-NEXT: tiny true
	println("tiny", ok)

	zero := true
	var keep []*Big
	for i := 0; i < 300; i++ {
		b := new(Big)
		for j := range b.A {
			if b.A[j] != 0 {
				zero = false
			}
			b.A[j] = i
		}
		b.P = b
		keep = append(keep, b)
		m := make([]byte, 1+i*997)
		for j := range m {
			if m[j] != 0 {
				zero = false
			}
			m[j] = 0xff
		}
	}
	distinct := true
	for i, b := range keep {
		if b.A[0] != i || b.A[299] != i || b.P != b {
			distinct = false
		}
	}
	// CHECK-NEXT: sizes true true
	println("sizes", zero, distinct)

	huge := make([]int64, 150<<20/8)
	huge[0], huge[len(huge)-1] = 1, 2
	// CHECK-NEXT: huge 19660800 1 0 2
	println("huge", len(huge), huge[0], huge[len(huge)/2], huge[len(huge)-1])

	s := ""
	for i := 0; i < 3000; i++ {
		s += "xy"
	}
	// CHECK-NEXT: concat 6000 yxyx
	println("concat", len(s), s[1001:1005])
}
