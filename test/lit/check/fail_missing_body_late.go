// RUN: %gortc-bin build -verify %s
// gc reports missing function bodies (like other back-end errors) only when
// type checking found no error; an init function must have a body, which
// the type checker itself reports.
package main

func external(x int) int

func init() // ERROR "missing function body"

func main() {
	_ = external("x") // ERROR "cannot use .x. \(untyped string constant\) as int value in argument to external"
}
