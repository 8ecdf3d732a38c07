// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Standard-library packages compiled from Go 1.19's own sources (the ones
// whose imports gortc can compile so far): unicode/utf8, container/list and
// container/ring (dot-imported), with their exported functions, types,
// methods and constants; a blank import compiles and initialises a package.
package main

import (
	"container/list"
	. "container/ring"
	_ "math/bits"
	"unicode/utf8"
)

func main() {
	s := "héllo, 世界\xff"
	// CHECK: 10 false 3 2
	println(utf8.RuneCountInString(s), utf8.ValidString(s), utf8.RuneLen('世'), utf8.RuneLen('é'))
	// CHECK-NEXT: 19990 3 true
	r, size := utf8.DecodeRuneInString("世界")
	println(r, size, utf8.FullRune([]byte{0xe4, 0xb8, 0x96}))
	buf := make([]byte, 0, 8)
	buf = utf8.AppendRune(buf, 0x1F600)
	// CHECK-NEXT: 4 65533 1114111
	println(len(buf), utf8.RuneError, utf8.MaxRune)
	for i, r := range []rune{'a', -1, 0xD800} {
		// CHECK-NEXT: 0 true
		// CHECK-NEXT: 1 false
		// CHECK-NEXT: 2 false
		println(i, utf8.ValidRune(r))
	}

	l := list.New()
	for i := 1; i <= 4; i++ {
		l.PushBack(i * i)
	}
	l.PushFront(0)
	l.MoveToBack(l.Front())
	l.Remove(l.Front().Next())
	sum := 0
	for e := l.Front(); e != nil; e = e.Next() {
		sum = sum*100 + e.Value.(int)
	}
	// CHECK-NEXT: 4 1091600
	println(l.Len(), sum)

	rg := New(5)
	for i := 0; i < rg.Len(); i++ {
		rg.Value = i
		rg = rg.Next()
	}
	total := 0
	rg.Do(func(v any) { total += v.(int) })
	// CHECK-NEXT: 5 10 4
	println(rg.Len(), total, rg.Prev().Value.(int))
}
