// RUN: not %gortc-bin build -o %t %s 2>&1 | FileCheck %s
// gc allows //go:linkname only in files that import unsafe, and reports the
// directive after its slashes.
package main

//go:linkname f runtime.g
func f() {}

func main() { f() }

// CHECK: fail_linkname_unsafe.go:6:3: //go:linkname only allowed in Go files that import "unsafe"
