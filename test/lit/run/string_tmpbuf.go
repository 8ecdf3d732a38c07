// RUN: %gortc -O0 -o %t0 %s && %run %t0 2>&1 | FileCheck %s --check-prefixes=CHECK,O0
// RUN: %gortc -o %t2 %s && %run %t2 2>&1 | FileCheck %s --check-prefixes=CHECK,OPT
// Strings and slices built in frame buffers (gc's tmpBuf; escape analysis
// in codegen/stack_alloc.cpp, runtime/string.cpp) behave as heap ones: a
// buffered string that a concatenation returns alone is copied when the
// result escapes, each loop iteration's string stays distinct from the one
// kept from the previous iteration, strings made in frames deep in a
// recursion (across stack segments) stay valid after a collection, and
// []byte(s) and []rune(s) have gc's capacities: the buffer's (32) when
// the slice stays in its frame, the size class's on the heap (the spec
// leaves the capacity to the implementation; at -O0 nothing is in a
// frame). The expected output is gc's.
package main

import "runtime"

var sink string

// A single non-empty operand in a frame buffer, returned: must be copied.
//go:noinline
func single(b []byte) string {
	s := string(b)
	return "" + s
}

//go:noinline
func singleMany(b []byte, e1, e2 string) string {
	s := string(b)
	return e1 + s + e2
}

// Each iteration's string stays distinct from the one kept in prev.
//go:noinline
func loopPrev(words [][]byte) string {
	out := ""
	prev := ""
	for _, w := range words {
		cur := string(w)
		if prev != "" {
			out += prev[:1] + cur[:1] + ","
		}
		prev = cur
	}
	return out
}

// A non-escaping string built in a loop, merged by an if.
//go:noinline
func loopWord(n int) (int, int) {
	total, hash := 0, 0
	for i := 0; i < n; i++ {
		word := "w" + string(rune('a'+i%26)) + "-" + string([]byte{byte('0' + i%10)})
		if i%3 == 0 {
			word += "!"
		}
		total += len(word)
		for j := 0; j < len(word); j++ {
			hash = hash*31 + int(word[j])
		}
	}
	return total, hash
}

//go:noinline
func caps(s string) (int, int, int, int) {
	b := []byte(s)
	r := []rune(s)
	b = append(b, 'x')
	return len(b), cap(b), len(r), cap(r)
}

//go:noinline
func capsEscape(s string) []byte {
	return []byte(s)
}

//go:noinline
func recurse(n int, b []byte) int {
	s := string(b)
	t := s + "."
	if n == 0 {
		runtime.GC()
		return len(t)
	}
	r := recurse(n-1, append(b, byte('a'+n%26)))
	if t[:len(s)] != s || t[len(t)-1] != '.' {
		println("recurse: bad string at", n)
	}
	return r + len(t)
}

func main() {
	// A second call's frame buffer is where the first call's was.
	a, a2 := single([]byte("hello")), single([]byte("world"))
	c, c2 := singleMany([]byte("one"), "", ""), singleMany([]byte("two"), "", "")
	println(a, a2, c, c2)
	println(loopPrev([][]byte{[]byte("ab"), []byte("cd"), []byte("ef"), []byte("gh")}))
	println(loopWord(1000))
	println(caps("héllo"))
	e := capsEscape("abc")
	println(len(e), cap(e))
	e2 := capsEscape("abcdefghijklmnopqrstuvwxyz0123456789")
	println(len(e2), cap(e2))
	println(recurse(300, nil))
	// string(rune) in a comparison and a concatenation.
	n := 0
	for r := rune(0x60); r < 0x800; r += 7 {
		if string(r) < "b" {
			n++
		}
		sink = "<" + string(r) + ">"
	}
	println(n, sink)
}

// CHECK-NOT: bad
// CHECK: hello world one two
// CHECK-NEXT: ac,ce,eg,
// CHECK-NEXT: 4334 -8840951775199174934
// O0-NEXT: 7 8 5 6
// OPT-NEXT: 7 32 5 32
// CHECK-NEXT: 3 8
// CHECK-NEXT: 36 48
// CHECK-NEXT: 45451
// CHECK-NEXT: 1 <ߺ>
