package main

import "unsafe"

func f() (int, string) { return 1 }

func main() {
	var x int = "s"
	y := undefined + 1
	for {
		break L
	}
	if x := 1; x {
	}
	z := []int{1, 2,
	3}[5]
	var p *int = &z
	_ = unsafe.Sizeof(p)
}
