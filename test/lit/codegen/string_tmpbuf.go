// RUN: %gortc -O2 --emit=llvm -o - %s | FileCheck %s
// RUN: %gortc -O0 --emit=llvm -o - %s | FileCheck %s --check-prefix=O0
// The runtime's string functions take a frame buffer first (gc's tmpBuf):
// escape analysis (codegen/stack_alloc.cpp) passes one when the result
// does not outlive the call, and null otherwise. At -O0 every call gets
// null.
package main

var sink string

//go:noinline
func use(s string) int { return len(s) }

// Only compared and measured: built in the frame.
// CHECK-LABEL: define {{.*}} @main.compare(
// CHECK: call {{.*}} @gort_slicebytetostring(ptr nonnull %tmpbuf
// CHECK: call {{.*}} @gort_concatstring2(ptr nonnull %tmpbuf
// CHECK: ret
//
// O0-LABEL: define {{.*}} @main.compare(
// O0: call {{.*}} @gort_slicebytetostring(ptr null
// O0: call {{.*}} @gort_concatstring2(ptr null
//go:noinline
func compare(b []byte, s string) bool {
	t := string(b)
	return t+"x" == s
}

// Stored in a global: on the heap.
// CHECK-LABEL: define {{.*}} @main.kept(
// CHECK: call {{.*}} @gort_slicebytetostring(ptr null
// CHECK: ret
//go:noinline
func kept(b []byte) {
	sink = string(b)
}

// Returned: on the heap; the operands of the concatenation, which are
// only read by it, are in the frame.
// CHECK-LABEL: define {{.*}} @main.returned(
// CHECK-DAG: call {{.*}} @gort_intstring(ptr nonnull %tmpbuf
// CHECK-DAG: call {{.*}} @gort_slicebytetostring(ptr nonnull %tmpbuf
// CHECK: call {{.*}} @gort_concatstrings(ptr null
// CHECK: ret
//go:noinline
func returned(b []byte, r rune) string {
	return "<" + string(r) + "|" + string(b) + ">"
}

// The previous iteration's string is read through a loop phi: a buffer
// would be overwritten while it is in use.
// CHECK-LABEL: define {{.*}} @main.carried(
// CHECK: call {{.*}} @gort_slicebytetostring(ptr null
// CHECK: ret
//go:noinline
func carried(bs [][]byte) int {
	n := 0
	prev := ""
	for _, b := range bs {
		cur := string(b)
		n += use(prev + cur)
		prev = cur
	}
	return n
}

// Merged by an if within one iteration: the buffers serve every
// iteration.
// CHECK-LABEL: define {{.*}} @main.merged(
// CHECK: call {{.*}} @gort_concatstrings(ptr nonnull %tmpbuf
// CHECK: call {{.*}} @gort_concatstring2(ptr nonnull %tmpbuf
// CHECK: ret
//go:noinline
func merged(n int) int {
	total := 0
	for i := 0; i < n; i++ {
		w := "w" + string(rune('a'+i%26)) + "-"
		if i%3 == 0 {
			w += "!"
		}
		total += use(w)
	}
	return total
}

// []byte and []rune conversions that only this frame sees.
// CHECK-LABEL: define {{.*}} @main.slices(
// CHECK: call void @gort_stringtoslicebyte(ptr nonnull %tmpbuf
// CHECK: call void @gort_stringtoslicerune(ptr nonnull %tmpbuf
// CHECK: ret
//go:noinline
func slices(s string) int {
	b := []byte(s)
	r := []rune(s)
	return int(b[0]) + int(r[0]) + cap(b) + cap(r)
}

func main() {
	kept([]byte("k"))
	println(compare([]byte("a"), "ax"), sink, returned([]byte("b"), 'c'),
		carried([][]byte{[]byte("1"), []byte("2")}), merged(5), slices("z"))
}
