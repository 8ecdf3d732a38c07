// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// A million small pointerful objects, all live at once: a list built by
// prepending, walked twice, with a collection between the walks.
// Under gcstress a cycle every N allocations marks the list built so far,
// so the cost is quadratic (10^10 marks for N = 50): alloc_heap.go checks
// a 20 000-object list under that stress instead.
// UNSUPPORTED: gcstress
package main

import "runtime"

type Node struct {
	Val  int
	Next *Node
}

func walk(head *Node) (cnt, sum int) {
	for p := head; p != nil; p = p.Next {
		sum += p.Val
		cnt++
	}
	return
}

func main() {
	var head *Node
	for i := 0; i < 1000000; i++ {
		head = &Node{Val: i, Next: head}
	}
	cnt, sum := walk(head)
	// CHECK: list 1000000 499999500000
	println("list", cnt, sum)
	runtime.GC()
	cnt, sum = walk(head)
	// CHECK-NEXT: after GC 1000000 499999500000
	println("after GC", cnt, sum)
}
