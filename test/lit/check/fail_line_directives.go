// RUN: not %gortc-bin build -o %t %s 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
// Diagnostics follow line directives as gc's do: the file, line and
// column they set; a directive without a column leaves the column out
// until the next one; ":line:col" keeps the file name.
package main

func main() {
//line gen.y:10:5
	_ = undefined1
	/*line gen.y:20*/ _ = undefined2
	_ = undefined3
//line :30:2
	_ = undefined4
}

// CHECK:gen.y:10:10: undefined: undefined1
// CHECK-NEXT:gen.y:20: undefined: undefined2
// CHECK-NEXT:gen.y:21: undefined: undefined3
// CHECK-NEXT:gen.y:30:7: undefined: undefined4
// CHECK-EMPTY:
