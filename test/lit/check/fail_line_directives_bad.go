// RUN: not %gortc-bin build -o %t %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
// Malformed line directives are errors with gc's messages and positions
// (a comment without a colon is no directive).
package main

func main() {
//line gen.y:10:5
//line a:b:c: 40
//line foo.go:bad
//line foo.go:0
//line foo.go:1:0
//line nocolon
	/*line x.go:7:7*/ _ = /*line y.go:
	8*/ 0
}

// CHECK:gen.y:10:18: invalid line number:  40
// CHECK-NEXT:gen.y:11:15: invalid line number: bad
// CHECK-NEXT:gen.y:12:15: invalid line number: 0
// CHECK-NEXT:gen.y:13:17: invalid column number: 0
// CHECK-NEXT:x.go:7:24: invalid line number: 
// CHECK-NEXT:	8
// CHECK-EMPTY:
