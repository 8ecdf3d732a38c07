// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// recover stops a panic only when called directly by a deferred call (the
// cases of Go's test/recover.go), and named results survive a recovery.
package main

func mustRecover(want interface{}) {
	v := recover()
	if v != want {
		println("recover", v, "want", want)
		panic("fail")
	}
	println("recovered", v.(int))
}

func mustNotRecover() {
	if v := recover(); v != nil {
		println("spurious recover", v)
		panic("fail")
	}
}

func helper() interface{} { return recover() }

func test1() {
	defer mustNotRecover()
	defer mustRecover(1)
	panic(1)
}

func test2() {
	// recover called from a function called by the deferred function: nil.
	defer func() {
		if helper() != nil {
			println("helper recovered")
		}
		println("recovered directly", recover().(int))
	}()
	panic(2)
}

func test3() {
	// Deferring recover itself is a no-op while panicking.
	defer mustRecover(3)
	defer recover()
	panic(3)
}

func test4() {
	// A deferred recover in a deferred call stops the panic.
	defer mustNotRecover()
	defer func() {
		defer recover()
	}()
	panic(4)
}

func test5() (r int) {
	// Named results survive the recovery.
	defer func() {
		recover()
		r += 10
	}()
	r = 5
	panic(5)
}

func test6() {
	// Recovering a re-panic in a deferred call.
	defer mustRecover(61)
	defer func() {
		panic(61)
	}()
	panic(60)
}

func main() {
	test1()
	test2()
	test3()
	test4()
	println("test5", test5())
	test6()
	mustNotRecover()
	println("done")
}

// CHECK: recovered 1
// CHECK-NEXT: recovered directly 2
// CHECK-NEXT: recovered 3
// CHECK-NEXT: test5 15
// CHECK-NEXT: recovered 61
// CHECK-NEXT: done
// CHECK: exit=0
