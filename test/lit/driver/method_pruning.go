// RUN: %gortc -o %t %s
// RUN: %run %t | FileCheck %s --check-prefix=OUT
// RUN: not %run %t panic 2>&1 | FileCheck %s --check-prefix=PANIC
// RUN: llvm-nm %t > %t.syms
// RUN: FileCheck %s --check-prefix=SYMS < %t.syms
// RUN: not grep -E ' (\*?main\.shape\.(Unused|unusedToo)·i|main\.\(\*counter\)\.Reset·i|os\.\(\*File\)\.ReadDir|time\.Time\.MarshalJSON)$' %t.syms
// RUN: not grep 'gort\.mref' %t.syms
// A method table entry keeps its code only if some kept code can call the
// method dynamically: an interface call of that name and signature
// (codegen/linkinfo.cpp, tools/gortc/deadcode.cpp; gc's deadcode). The
// other entries point to gort_unreachableMethod. Every way of calling a
// method through an interface still works: compile-time itabs, itabs the
// runtime builds for assertions and interface conversions, method values
// and expressions of interface methods, embedded interfaces, and the
// runtime's own Error() call for a panic value. A type assertion checks
// names and signatures, which pruning leaves alone. No reflect method
// lookup is reachable here, so exported methods are pruned too (see
// method_pruning_reflect.go).
package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
)

type shape struct{ side int }

func (s shape) Area() int         { return s.side * s.side }
func (s shape) Perimeter() int    { return 4 * s.side }
func (s shape) Unused() string    { return "unused" }
func (s shape) unusedToo() string { return "unused too" }

type areaer interface{ Area() int }
type perimeterer interface{ Perimeter() int }

type counter struct{ n int }

func (c *counter) Add(k int) { c.n += k }
func (c *counter) Reset()    { c.n = 0 }

type adder interface{ Add(int) }

// Forwards to an embedded interface: the wrapper calls Add dynamically.
type loud struct{ adder }

type failure struct{ code int }

func (f *failure) Error() string { return fmt.Sprintf("failure %d", f.code) }

type byLen []string

func (b byLen) Len() int           { return len(b) }
func (b byLen) Less(i, j int) bool { return len(b[i]) < len(b[j]) }
func (b byLen) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

//go:noinline
func box(v any) any { return v }

func main() {
	var a areaer = shape{3} // compile-time itab
	fmt.Println("area", a.Area())
	// An assertion to an interface whose method some code calls: the
	// runtime builds the itab from shape's method table.
	if p, ok := box(shape{2}).(perimeterer); ok {
		fmt.Println("perimeter", p.Perimeter())
	}
	// Assertions check the method set, called or not.
	_, ok := box(shape{1}).(interface{ Unused() string })
	fmt.Println("has Unused", ok)
	c := &counter{}
	var ad adder = c
	f := ad.Add // method value of an interface method
	f(2)
	adder.Add(ad, 3) // method expression
	loud{ad}.Add(4)
	fmt.Println("count", c.n)
	w := byLen{"ccc", "a", "bb"}
	sort.Sort(w)
	fmt.Println(strings.Join(w, " "))
	fmt.Println(time.Duration(90) * time.Second)
	if len(os.Args) > 1 {
		panic(&failure{7})
	}
}

// OUT: area 9
// OUT-NEXT: perimeter 8
// OUT-NEXT: has Unused true
// OUT-NEXT: count 9
// OUT-NEXT: a bb ccc
// OUT-NEXT: 1m30s

// PANIC: panic: failure 7

// SYMS-DAG: main.shape.Area·i{{$}}
// SYMS-DAG: main.shape.Perimeter·i{{$}}
// SYMS-DAG: main.(*failure).Error{{$}}
