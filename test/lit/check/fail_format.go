// RUN: not %gortc-bin build -o %t %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
// Diagnostics are file:line:col (1-based byte columns, where types2 puts
// them: the start of the offending expression), sorted by position, with
// gc's continuation lines indented by tabs.
package main

type I interface{ M(int) string }

type T struct{}

func (T) m(int) string { return "" }

type U struct{}

func (*U) M(int) string { return "" }

func one(x int) int { return x }

func main() {
	var i I = T{}
	i = U{}
	_ = one()
	_ = one(1, "x")
	x := 1
	x := 2
	_ = i
}

func (T) m(int) string { return "" }

type PT *T

func (p PT) bad() {}

func shadowed() (r int, err error) {
	{
		r := "s"
		_ = r
		return
	}
}

// CHECK:{{.*}}fail_format.go:20:12: cannot use T{} (value of type T) as type I in variable declaration:
// CHECK-NEXT:	T does not implement I (missing M method)
// CHECK-NEXT:		have m(int) string
// CHECK-NEXT:		want M(int) string
// CHECK-NEXT:{{.*}}fail_format.go:21:6: cannot use U{} (value of type U) as type I in assignment:
// CHECK-NEXT:	U does not implement I (M method has pointer receiver)
// CHECK-NEXT:{{.*}}fail_format.go:22:6: not enough arguments in call to one
// CHECK-NEXT:	have ()
// CHECK-NEXT:	want (int)
// CHECK-NEXT:{{.*}}fail_format.go:23:13: too many arguments in call to one
// CHECK-NEXT:	have (number, string)
// CHECK-NEXT:	want (int)
// CHECK-NEXT:{{.*}}fail_format.go:24:2: x declared but not used
// CHECK-NEXT:{{.*}}fail_format.go:25:4: no new variables on left side of :=
// CHECK-NEXT:{{.*}}fail_format.go:29:10: T.m redeclared in this block
// CHECK-NEXT:	{{.*}}fail_format.go:11:10: other declaration of m
// CHECK-NEXT:{{.*}}fail_format.go:33:7: invalid receiver type PT (pointer or interface type)
// CHECK-NEXT:{{.*}}fail_format.go:39:3: result parameter r not in scope at return
// CHECK-NEXT:	{{.*}}fail_format.go:37:3: inner declaration of var r int
// CHECK-NOT:{{.}}
