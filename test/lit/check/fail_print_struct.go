// RUN: %gortc-bin build -verify %s
// print and println accept only basic types, pointers, slices, maps, chans,
// funcs and interfaces; gc rejects structs and arrays after type checking.
package main

type S struct{ a int }

func main() {
	var s S
	var a [2]int
	println(s) // ERROR "illegal types for operand: print"
	print(1, a) // ERROR "illegal types for operand: print"
	println(struct{}{}, [0]int{}) // ERROR "illegal types for operand: print" "illegal types for operand: print"
	var p *S
	var sl []S
	var f func()
	var e interface{} = s
	println(p, sl, f, e)
}
