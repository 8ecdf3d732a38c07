// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Embedded structs: promoted fields and methods through embedded values and
// embedded pointers, shadowing by depth, and explicit qualification.
package main

type Base struct {
	ID   int
	Name string
}

func (b Base) Describe() string { return "base " + b.Name }
func (b *Base) Rename(n string) { b.Name = n }

type Logger struct{ Prefix string }

func (l *Logger) Log(s string) { println(l.Prefix + s) }

type Derived struct {
	Base
	*Logger
	Name string // shadows Base.Name
}

type Deep struct {
	Derived
	Extra int
}

func main() {
	d := Derived{Base: Base{1, "inner"}, Logger: &Logger{"> "}, Name: "outer"}
	println(d.ID, d.Name, d.Base.Name, d.Prefix)
	println(d.Describe())
	d.Rename("renamed") // promoted pointer method on an addressable value
	println(d.Base.Name, d.Name)
	d.Log("hello") // promoted through an embedded pointer
	d.Prefix = "# "
	d.Logger.Log("via field")
	dp := &d
	dp.ID = 7
	dp.Rename("ptr")
	println(d.ID, dp.Describe())
	deep := Deep{Derived: d, Extra: 3}
	println(deep.ID, deep.Name, deep.Base.Name, deep.Describe(), deep.Extra)
	deep.Log("deep")
	deep.ID = 99
	println(deep.ID, d.ID) // Deep holds a copy of d
	l2 := d.Logger
	l2.Prefix = "shared "
	deep.Log("after") // the embedded pointer is shared
	var anon struct {
		Base
		N int
	}
	anon.ID = 5
	anon.Name = "anon"
	println(anon.Describe(), anon.N)
}

// CHECK: 1 outer inner > 
// CHECK-NEXT: base inner
// CHECK-NEXT: renamed outer
// CHECK-NEXT: > hello
// CHECK-NEXT: # via field
// CHECK-NEXT: 7 base ptr
// CHECK-NEXT: 7 outer ptr base ptr 3
// CHECK-NEXT: # deep
// CHECK-NEXT: 99 7
// CHECK-NEXT: shared after
// CHECK-NEXT: base anon 0
