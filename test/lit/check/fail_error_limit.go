// RUN: %exitcode %gortc-bin build -o %t %s 2>&1 | FileCheck %s --match-full-lines
// RUN: %exitcode %gortc-bin build -e -o %t %s 2>&1 | FileCheck %s --match-full-lines --check-prefix=ALL
// RUN: not test -e %t
// After 10 errors gc stops with "too many errors" at the position of the
// 10th; -e reports them all. Either way the exit status is 2 and no output
// is written.
package main

func main() {
	var a int = "1"
	var b int = "2"
	var c int = "3"
	var d int = "4"
	var e int = "5"
	var f int = "6"
	var g int = "7"
	var h int = "8"
	var i int = "9"
	var j int = "10"
	var k int = "11"
	var l int = "12"
	_, _, _, _, _, _, _, _, _, _, _, _ = a, b, c, d, e, f, g, h, i, j, k, l
}

// CHECK:{{.*}}fail_error_limit.go:10:14: cannot use "1" (untyped string constant) as int value in variable declaration
// CHECK:{{.*}}fail_error_limit.go:19:14: cannot use "10" (untyped string constant) as int value in variable declaration
// CHECK-NEXT:{{.*}}fail_error_limit.go:19:14: too many errors
// CHECK-NEXT:exit=2

// ALL:{{.*}}fail_error_limit.go:19:14: cannot use "10" (untyped string constant) as int value in variable declaration
// ALL-NEXT:{{.*}}fail_error_limit.go:20:14: cannot use "11" (untyped string constant) as int value in variable declaration
// ALL-NEXT:{{.*}}fail_error_limit.go:21:14: cannot use "12" (untyped string constant) as int value in variable declaration
// ALL-NEXT:exit=2
