// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// RUN: %gortc -O0 -o %t0 %s && %run %t0 2>&1 | FileCheck %s --match-full-lines
// Package fmt from Go 1.19's sources with what it imports (os, reflect,
// strconv, time, sync ...): verbs, flags, widths, Stringer and error
// methods, %v/%+v/%#v/%T of structs, maps printed sorted (internal/fmtsort
// through reflect), %w wrapping; time's Durations, formatting, Sleep,
// Timers, Tickers and AfterFunc over libgort's timers. At -O0 too, where
// dead branches (sync.Pool's race-detector calls) keep their references.
package main

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
)

type point struct{ X, Y int }

func (p point) String() string { return fmt.Sprintf("(%d,%d)", p.X, p.Y) }

type shape interface{ Area() float64 }
type rect struct {
	W, H float64
	name string
}

func (r rect) Area() float64 { return r.W * r.H }

type myErr struct{ code int }

func (e *myErr) Error() string { return fmt.Sprintf("code %d", e.code) }

func main() {
	fmt.Println("hello, world")
	fmt.Printf("%d %5d %-5d| %x %X %o %b %c %q %U\n", 42, 42, 42, 255, 255, 8, 5, 'A', 'B', 0x1F600)
	fmt.Printf("%f %.2f %e %g %8.3f %v\n", 3.14159, 3.14159, 12345.678, 0.000012, 2.5, 1e21)
	fmt.Printf("%s %q %v %10s|%-10s|\n", "str", "quo\"ted", "v", "right", "left")
	fmt.Printf("%t %v %p\n", true, nil, nil)
	p := point{1, 2}
	fmt.Println(p, &p)
	fmt.Printf("%v %+v %#v %T\n", p, p, p, p)
	r := rect{2, 3, "r"}
	fmt.Printf("%v %+v %#v %T\n", r, r, r, r)
	var s shape = r
	fmt.Printf("%v %.1f %T\n", s, s.Area(), s)
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	fmt.Println(m, len(m))
	fmt.Printf("%v %d\n", []string{"x", "y"}, []int{1, 2, 3})
	fmt.Printf("%v %v\n", [2]bool{true, false}, struct {
		A int
		B string
	}{1, "z"})
	var ip *int
	fmt.Println(ip == nil, fmt.Sprint("a", 1, 2, "b"), fmt.Sprintln("x", 3))
	err := fmt.Errorf("wrap: %w", &myErr{7})
	var me *myErr
	fmt.Println(err, errors.As(err, &me), me.code, errors.Unwrap(err) == error(me))
	fmt.Fprintf(os.Stdout, "%08.3f|%+d|%x\n", 3.5, 5, "hi")
	keys := make([]string, 0)
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println(strings.Join(keys, ","))
	var sb strings.Builder
	fmt.Fprintf(&sb, "%d-%d", 1, 2)
	fmt.Println(sb.String())
	d := 1500 * time.Millisecond
	fmt.Println(d, time.Duration(0), 90*time.Second)
	start := time.Now()
	time.Sleep(10 * time.Millisecond)
	fmt.Println(time.Since(start) >= 10*time.Millisecond)
	t := time.Date(2009, time.November, 10, 23, 0, 0, 0, time.UTC)
	fmt.Println(t.Format(time.RFC3339), t.Weekday(), t.Add(36*time.Hour).Format("2006-01-02 15:04"))
	timer := time.NewTimer(5 * time.Millisecond)
	<-timer.C
	fmt.Println("timer fired")
	select {
	case <-time.After(5 * time.Millisecond):
		fmt.Println("after")
	}
	tk := time.NewTicker(2 * time.Millisecond)
	n := 0
	for range tk.C {
		n++
		if n == 3 {
			tk.Stop()
			break
		}
	}
	fmt.Println("ticks", n)
	done := make(chan bool)
	time.AfterFunc(time.Millisecond, func() { done <- true })
	fmt.Println(<-done, timer.Stop())
	fmt.Fprintln(os.Stderr, "to stderr")
	fmt.Println(len(os.Args) > 0, os.Getenv("NOPE_NOT_SET") == "")
	if len(os.Args) > 5 {
		os.Exit(3)
	}
	var e2 error
	fmt.Printf("%v %d%%\n", e2, 50)
	fmt.Printf("%!d %d\n", 1)
}

// CHECK: hello, world
// CHECK-NEXT: 42    42 42   | ff FF 10 101 A 'B' U+1F600
// CHECK-NEXT: 3.141590 3.14 1.234568e+04 1.2e-05    2.500 1e+21
// CHECK-NEXT: str "quo\"ted" v      right|left      |
// CHECK-NEXT: true <nil> %!p(<nil>)
// CHECK-NEXT: (1,2) (1,2)
// CHECK-NEXT: (1,2) (1,2) main.point{X:1, Y:2} main.point
// CHECK-NEXT: {2 3 r} {W:2 H:3 name:r} main.rect{W:2, H:3, name:"r"} main.rect
// CHECK-NEXT: {2 3 r} 6.0 main.rect
// CHECK-NEXT: map[a:1 b:2 c:3] 3
// CHECK-NEXT: [x y] [1 2 3]
// CHECK-NEXT: [true false] {1 z}
// CHECK-NEXT: true a1 2b x 3
// CHECK-EMPTY:
// CHECK-NEXT: wrap: code 7 true 7 true
// CHECK-NEXT: 0003.500|+5|6869
// CHECK-NEXT: a,b,c
// CHECK-NEXT: 1-2
// CHECK-NEXT: 1.5s 0s 1m30s
// CHECK-NEXT: true
// CHECK-NEXT: 2009-11-10T23:00:00Z Tuesday 2009-11-12 11:00
// CHECK-NEXT: timer fired
// CHECK-NEXT: after
// CHECK-NEXT: ticks 3
// CHECK-NEXT: true false
// CHECK-NEXT: to stderr
// CHECK-NEXT: true true
// CHECK-NEXT: <nil> 50%
// CHECK-NEXT: %!!(int=1)d %!d(MISSING)
