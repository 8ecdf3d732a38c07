// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// if/else chains with init statements, for forms, switch (with and without
// tag, fallthrough, no-op cases), labeled break and continue, goto.
package main

func grade(n int) string {
	switch {
	case n >= 90:
		return "A"
	case n >= 80:
		return "B"
	}
	return "C"
}

func fall(n int) {
	switch n {
	case 0:
		print("zero ")
		fallthrough
	case 1:
		print("one ")
		fallthrough
	case 2, 3:
		print("two-three ")
	case 4:
	default:
		print("default ")
	}
	println()
}

func main() {
	if x := 5; x > 3 {
		println("big", x)
	} else if x > 1 {
		println("medium")
	} else {
		println("small")
	}
	println(grade(95), grade(85), grade(10))
	fall(0)
	fall(2)
	fall(4)
	fall(9)
	i := 0
	for i < 3 {
		i++
	}
	println(i)
	for {
		i++
		if i == 10 {
			break
		}
	}
	println(i)
	sum := 0
	for j := 0; j < 10; j++ {
		if j%2 == 0 {
			continue
		}
		sum += j
	}
	println(sum)
outer:
	for a := 0; a < 3; a++ {
		for b := 0; b < 3; b++ {
			if b == 2 {
				continue outer
			}
			if a == 2 {
				break outer
			}
			print(a, b, " ")
		}
	}
	println()
	n := 0
loop:
	if n < 5 {
		n++
		goto loop
	}
	println(n)
	goto skip
skip:
	println("after goto")
sw:
	switch {
	case true:
		for {
			break sw
		}
	}
	println("after labeled switch")
	switch x := 3; x {
	case 1 + 2:
		println("three")
	}
	k := 0
	for k = 0; k < 100; k += 7 {
	}
	println(k)
}

// CHECK: big 5
// CHECK-NEXT: A B C
// CHECK-NEXT: zero one two-three 
// CHECK-NEXT: two-three 
// CHECK-EMPTY:
// CHECK-NEXT: default 
// CHECK-NEXT: 3
// CHECK-NEXT: 10
// CHECK-NEXT: 25
// CHECK-NEXT: 00 01 10 11 
// CHECK-NEXT: 5
// CHECK-NEXT: after goto
// CHECK-NEXT: after labeled switch
// CHECK-NEXT: three
// CHECK-NEXT: 105
