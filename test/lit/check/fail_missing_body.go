// RUN: %gortc-bin build -verify %s
// A function declared without a body is an error; gc reports it after type
// checking, so only when there is no other error (fail_missing_body_late.go).
package main

func external(x int) int // ERROR "missing function body"

type T int

func (T) method() // ERROR "missing function body"

func main() {
	_ = external(1)
}
