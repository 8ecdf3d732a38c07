// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Method values and method expressions for methods promoted through
// embedded values, embedded pointers and embedded interfaces.
package main

type Inner struct{ n int }

func (i Inner) Val() int  { return i.n }
func (i *Inner) Bump()    { i.n += 10 }
func (i *Inner) Ptr() int { return i.n * 2 }

type ByValue struct{ Inner }
type ByPtr struct{ *Inner }

type Namer interface{ Name() string }
type dog struct{}

func (dog) Name() string { return "dog" }

type WithIface struct {
	Namer
	tag string
}

func main() {
	v := ByValue{Inner{1}}
	val := v.Val // copies v.Inner now
	bump := v.Bump
	bump()
	println(val(), v.n, v.Ptr())
	p := ByPtr{&Inner{2}}
	pval := p.Val // *p.Inner is copied now
	p.Bump()
	println(pval(), p.n, p.Ptr())
	e1 := ByValue.Val
	e2 := (*ByValue).Bump
	e3 := ByPtr.Bump // pointer method in the method set of ByPtr
	e4 := ByPtr.Ptr
	e2(&v)
	e3(p)
	println(e1(v), e4(p), p.n)
	w := WithIface{dog{}, "t"}
	name := w.Name
	println(name(), WithIface.Name(w), w.Namer.Name())
	iexpr := Namer.Name
	println(iexpr(dog{}))
	fs := []func() int{v.Val, p.Val, p.Ptr}
	v.n = 1000
	p.n = 2000
	for _, f := range fs {
		print(f(), " ")
	}
	println()
}

// CHECK: 1 11 22
// CHECK-NEXT: 2 12 24
// CHECK-NEXT: 21 44 22
// CHECK-NEXT: dog dog dog
// CHECK-NEXT: dog
// CHECK-NEXT: 21 22 4000 
