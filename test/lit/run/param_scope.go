// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// A parameter's scope is the function body (Go spec, "Declarations and
// scope"): a receiver, parameter or result named like an imported package
// does not hide the package from the types in the rest of the signature,
// as in net/http's `func (c *Client) PostForm(url string, data url.Values)`.
package main

import "strings"

type T struct{}

func f(strings string, b strings.Builder) string { return strings + b.String() }

func (strings T) g(n int) (r strings.Builder) {
	_ = strings
	r.WriteString("g")
	return
}

func h(a int) (strings int, r *strings.Reader) { return a, nil }

func main() {
	var b strings.Builder
	b.WriteString("!")
	println(f("f", b))
	fn := func(strings string, n strings.Reader) string { return strings }
	println(fn("closure", strings.Reader{}))
	r := T{}.g(1)
	println(r.String())
	n, p := h(3)
	println(n, p == nil)
}

// CHECK: f!
// CHECK-NEXT: closure
// CHECK-NEXT: g
// CHECK-NEXT: 3 true
