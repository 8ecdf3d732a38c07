// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// A struct embedding an interface has the interface's methods in its method
// set and so satisfies it (the itab entry forwards to the embedded value).
package main

type Namer interface{ Name() string }
type dog struct{}

func (dog) Name() string { return "dog" }

type Wrapped struct {
	Namer
	tag string
}

type PtrWrapped struct {
	*Wrapped
}

func main() {
	w := Wrapped{dog{}, "t"}
	var n Namer = w
	println(n.Name())
	n = &w
	println(n.Name())
	n = PtrWrapped{&w}
	println(n.Name())
	w2 := Wrapped{n, "outer"} // embeds a Namer holding a PtrWrapped
	n = w2
	println(n.Name(), w2.tag)
}

// CHECK: dog
// CHECK-NEXT: dog
// CHECK-NEXT: dog
// CHECK-NEXT: dog outer
