// RUN: %gortc -o %t %s
// RUN: %run %t | FileCheck %s
// RUN: llvm-nm %t > %t.syms
// RUN: FileCheck %s --check-prefix=SYMS < %t.syms
// RUN: not grep -E ' main\.greeter\.whisper·i$' %t.syms
// Reflect's method lookup (Value.Method, MethodByName, Type.Method) can
// call any exported method of any kept type, so once it is reachable every
// exported method is kept (gc's ReflectMethod); unexported ones are still
// pruned when nothing calls them dynamically.
package main

import (
	"fmt"
	"reflect"
)

type greeter struct{ name string }

func (g greeter) Hello(n int) string { return fmt.Sprintf("hello %s x%d", g.name, n) }
func (g greeter) Bye() string        { return "bye " + g.name }
func (g greeter) whisper() string    { return "psst" }

func main() {
	v := reflect.ValueOf(greeter{"gopher"})
	m := v.MethodByName("Hello")
	fmt.Println(m.Call([]reflect.Value{reflect.ValueOf(3)})[0])
	t := v.Type()
	for i := 0; i < t.NumMethod(); i++ {
		fmt.Println(t.Method(i).Name, v.Method(i).Type())
	}
	fmt.Println(v.Method(0).Call(nil)[0])
}

// CHECK: hello gopher x3
// CHECK-NEXT: Bye func() string
// CHECK-NEXT: Hello func(int) string
// CHECK-NEXT: bye gopher

// SYMS: main.greeter.Bye·i{{$}}
