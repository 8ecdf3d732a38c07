// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// Calls through reflect in every direction -- reflect.Value.Call of
// compiled functions and methods, functions made by reflect.MakeFunc and
// method values taken through reflect, called from compiled code and
// through reflect again -- with arguments and results of every shape:
// integers of every size, bools, floats, complex numbers, strings, slices,
// interfaces, structs and arrays (passed by pointer), enough arguments to
// spill to the stack and split a string between a register and the
// stack, and result lists that come back in registers, in x87 registers
// (three or four floats on x86-64) or through a hidden buffer ((string,
// error), nine ints).
package main

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
)

type Pair struct {
	A int16
	B string
}

type Big struct {
	X [5]int
	F float32
}

type T struct{ n int }

func (t T) Get(k int) int            { return t.n * k }
func (t *T) Add(k int8, s string) int { t.n += int(k); return t.n + len(s) }
func (t T) Multi() (string, error)    { return fmt.Sprint("t", t.n), nil }

type Getter interface{ Get(int) int }

func small(a int8, b uint16, c int32, d bool, e uint8, f bool) (int8, uint16, int32, bool) {
	return a + 1, b * 2, c - 3, !d && f && e == 7
}

func floats(a float32, b float64, c complex64, d complex128) (float32, float64, complex64, complex128) {
	return a * 2, b / 2, c * c, d + complex(1, -1)
}

func three() (float64, float64, float64) { return 1.5, 2.5, 3.5 }

func four32() (float32, float32, float32, float32) { return 1, 2, 3, 4 }

func five() (float64, float64, float64, float64, float64) { return 1, 2, 3, 4, 5 }

func nine() (int, int, int, int, int, int, int, int, int) {
	return 1, 2, 3, 4, 5, 6, 7, 8, 9
}

func strerr(s string, fail bool) (string, error) {
	if fail {
		return "", errors.New("failed: " + s)
	}
	return strings.ToUpper(s), nil
}

func many(a, b, c, d, e int, s string, f float64, g, h, i int, x []int, y any, z Pair, w [3]int8) string {
	return fmt.Sprint(a, b, c, d, e, s, f, g, h, i, x, y, z, w)
}

func aggr(p Pair, b Big, q *Pair) (Big, Pair, int) {
	b.X[4] += int(p.A)
	b.F *= 2
	return b, Pair{p.A + 1, p.B + q.B}, len(b.X)
}

func variadic(prefix string, xs ...int) (string, int) {
	sum := 0
	for _, x := range xs {
		sum += x
	}
	return fmt.Sprint(prefix, xs), sum
}

func call(f any, args ...any) []any {
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		in[i] = reflect.ValueOf(a)
	}
	out := reflect.ValueOf(f).Call(in)
	res := make([]any, len(out))
	for i, o := range out {
		res[i] = o.Interface()
	}
	return res
}

// made returns a function made by reflect.MakeFunc that calls impl
// through reflect.
func made[F any](impl F) F {
	v := reflect.ValueOf(impl)
	return reflect.MakeFunc(v.Type(), func(args []reflect.Value) []reflect.Value {
		if v.Type().IsVariadic() {
			return v.CallSlice(args)
		}
		return v.Call(args)
	}).Interface().(F)
}

func main() {
	fmt.Println(call(small, int8(-5), uint16(300), int32(10), false, uint8(7), true))
	fmt.Println(call(floats, float32(1.25), 3.0, complex64(complex(1, 2)), complex(2, 3)))
	fmt.Println(call(three))
	fmt.Println(call(four32))
	fmt.Println(call(five))
	fmt.Println(call(nine))
	fmt.Println(call(strerr, "hi", false))
	fmt.Println(call(strerr, "hi", true))
	fmt.Println(call(many, 1, 2, 3, 4, 5, "str", 6.5, 7, 8, 9, []int{10, 11}, any("y"), Pair{12, "z"}, [3]int8{1, 2, 3}))
	q := &Pair{0, "!"}
	fmt.Println(call(aggr, Pair{3, "p"}, Big{X: [5]int{1, 2, 3, 4, 5}, F: 1.5}, q))
	fmt.Println(call(variadic, "v", 1, 2, 3))
	fmt.Println(reflect.ValueOf(variadic).CallSlice([]reflect.Value{reflect.ValueOf("s"), reflect.ValueOf([]int{4, 5})})[0])

	// Methods: by value, by pointer, through an interface.
	t := &T{10}
	fmt.Println(reflect.ValueOf(*t).MethodByName("Get").Call([]reflect.Value{reflect.ValueOf(3)})[0])
	fmt.Println(reflect.ValueOf(t).MethodByName("Add").Call([]reflect.Value{reflect.ValueOf(int8(5)), reflect.ValueOf("abc")})[0], t.n)
	var g Getter = T{7}
	fmt.Println(reflect.ValueOf(&g).Elem().Method(0).Call([]reflect.Value{reflect.ValueOf(6)})[0])
	fmt.Println(call(reflect.ValueOf(T{4}).MethodByName("Multi").Interface()))
	fmt.Println(call(T.Get, T{2}, 21), call((*T).Add, t, int8(1), ""))

	// Method values taken through reflect, called from compiled code.
	get := reflect.ValueOf(T{9}).MethodByName("Get").Interface().(func(int) int)
	add := reflect.ValueOf(t).MethodByName("Add").Interface().(func(int8, string) int)
	multi := reflect.ValueOf(T{5}).MethodByName("Multi").Interface().(func() (string, error))
	fmt.Println(get(2), add(2, "xy"), t.n)
	fmt.Println(multi())

	// Functions made by MakeFunc, called from compiled code.
	fmt.Println(made(small)(1, 2, 3, true, 7, true))
	fmt.Println(made(floats)(0.5, 8, complex(0, 1), complex(1, 1)))
	fmt.Println(made(three)())
	fmt.Println(made(four32)())
	fmt.Println(made(five)())
	fmt.Println(made(nine)())
	fmt.Println(made(strerr)("ok", false))
	fmt.Println(made(strerr)("bad", true))
	fmt.Println(made(many)(1, 2, 3, 4, 5, "s", 0.25, 7, 8, 9, []int{1}, nil, Pair{1, "a"}, [3]int8{7, 8, 9}))
	fmt.Println(made(aggr)(Pair{1, "a"}, Big{F: 2}, &Pair{B: "?"}))
	fmt.Println(made(variadic)("m", 4, 5, 6))

	// And made functions called through reflect.
	fmt.Println(call(made(strerr), "again", false))
	fmt.Println(call(made(aggr), Pair{2, "b"}, Big{X: [5]int{9}}, &Pair{B: "+"}))

	// A typed MakeFunc: swap for two types.
	swap := func(in []reflect.Value) []reflect.Value { return []reflect.Value{in[1], in[0]} }
	var intSwap func(int, int) (int, int)
	var strSwap func(string, string) (string, string)
	for _, fp := range []any{&intSwap, &strSwap} {
		fn := reflect.ValueOf(fp).Elem()
		fn.Set(reflect.MakeFunc(fn.Type(), swap))
	}
	fmt.Println(intSwap(1, 2))
	fmt.Println(strSwap("a", "b"))

	// A panic in a made function reaches the compiled caller's recover.
	boom := reflect.MakeFunc(reflect.TypeOf(func(int) int { return 0 }),
		func(in []reflect.Value) []reflect.Value { panic(fmt.Sprint("boom ", in[0].Int())) }).Interface().(func(int) int)
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		boom(42)
	}()

	// Wrong results from a made function are reflect's panic.
	bad := reflect.MakeFunc(reflect.TypeOf(func() int { return 0 }),
		func([]reflect.Value) []reflect.Value { return nil }).Interface().(func() int)
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		bad()
	}()
}

// CHECK: [-4 600 7 true]
// CHECK-NEXT: [2.5 1.5 (-3+4i) (3+2i)]
// CHECK-NEXT: [1.5 2.5 3.5]
// CHECK-NEXT: [1 2 3 4]
// CHECK-NEXT: [1 2 3 4 5]
// CHECK-NEXT: [1 2 3 4 5 6 7 8 9]
// CHECK-NEXT: [HI <nil>]
// CHECK-NEXT: [ failed: hi]
// CHECK-NEXT: [1 2 3 4 5str6.5 7 8 9 [10 11]y{12 z} [1 2 3]]
// CHECK-NEXT: [{[1 2 3 4 8] 3} {4 p!} 5]
// CHECK-NEXT: [v[1 2 3] 6]
// CHECK-NEXT: s[4 5]
// CHECK-NEXT: 30
// CHECK-NEXT: 18 15
// CHECK-NEXT: 42
// CHECK-NEXT: [t4 <nil>]
// CHECK-NEXT: [42] [16]
// CHECK-NEXT: 18 20 18
// CHECK-NEXT: t5 <nil>
// CHECK-NEXT: 2 4 0 false
// CHECK-NEXT: 1 4 (-1+0i) (2+0i)
// CHECK-NEXT: 1.5 2.5 3.5
// CHECK-NEXT: 1 2 3 4
// CHECK-NEXT: 1 2 3 4 5
// CHECK-NEXT: 1 2 3 4 5 6 7 8 9
// CHECK-NEXT: OK <nil>
// CHECK-NEXT:  failed: bad
// CHECK-NEXT: 1 2 3 4 5s0.25 7 8 9 [1] <nil> {1 a} [7 8 9]
// CHECK-NEXT: {[0 0 0 0 1] 4} {2 a?} 5
// CHECK-NEXT: m[4 5 6] 15
// CHECK-NEXT: [AGAIN <nil>]
// CHECK-NEXT: [{[9 0 0 0 2] 0} {3 b+} 5]
// CHECK-NEXT: 2 1
// CHECK-NEXT: b a
// CHECK-NEXT: recovered: boom 42
// CHECK-NEXT: recovered: reflect: wrong return count from function created by MakeFunc
