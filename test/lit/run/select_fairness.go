// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// When several cases are ready, select picks one uniformly at random:
// over many rounds each of three always-ready cases wins roughly a third.
package main

func main() {
	a := make(chan int, 1)
	b := make(chan int, 1)
	c := make(chan int, 1)
	var n [3]int
	const rounds = 30000
	for i := 0; i < rounds; i++ {
		a <- 1
		b <- 1
		c <- 1
		select {
		case <-a:
			n[0]++
			<-b
			<-c
		case <-b:
			n[1]++
			<-a
			<-c
		case <-c:
			n[2]++
			<-a
			<-b
		}
	}
	for i, k := range n {
		println(i, k > rounds/3-1500 && k < rounds/3+1500)
	}

	// Sends too.
	s1 := make(chan int, 1)
	s2 := make(chan int, 1)
	m := 0
	for i := 0; i < 10000; i++ {
		select {
		case s1 <- 1:
			<-s1
			m++
		case s2 <- 2:
			<-s2
		}
	}
	println("send", m > 4000 && m < 6000)
}

// CHECK: 0 true
// CHECK-NEXT: 1 true
// CHECK-NEXT: 2 true
// CHECK-NEXT: send true
