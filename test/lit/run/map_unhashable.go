// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// Hashing an interface key whose dynamic type is not comparable panics with
// gc's runtime error, recoverable, also on lookups.
package main

func main() {
	m := map[interface{}]int{}
	m[1] = 1
	defer func() {
		r := recover()
		println("recovered:", r.(error).Error())
		var k interface{} = []int{1}
		m[k] = 2
	}()
	var k interface{} = map[int]int{}
	println(m[k])
}

// CHECK: recovered: runtime error: hash of unhashable type map[int]int
// CHECK-NEXT: panic: runtime error: hash of unhashable type map[int]int [recovered]
// CHECK-NEXT: {{^[[:space:]]}}panic: runtime error: hash of unhashable type []int
// CHECK: goroutine 1 [running]:
// CHECK: exit=2
