// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// RUN: %gortc -o %t %s && env GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s
// close: range stops after the buffered values are drained, receives from
// a closed channel give the zero value at once, and close wakes every
// goroutine blocked receiving on it.
package main

func main() {
	c := make(chan int, 5)
	for i := 1; i <= 3; i++ {
		c <- i * 10
	}
	close(c)
	for v := range c {
		println("v", v)
	}
	println("after range", <-c, len(c))

	s := make(chan string)
	close(s)
	println("string zero:", "["+<-s+"]")

	// Close wakes every waiting receiver.
	w := make(chan int)
	done := make(chan int)
	for i := 0; i < 10; i++ {
		go func(i int) {
			v, ok := <-w
			if !ok && v == 0 {
				done <- i
			}
		}(i)
	}
	close(w)
	sum := 0
	for i := 0; i < 10; i++ {
		sum += <-done
	}
	println("woken", sum)

	// Producer closes, consumer ranges.
	p := make(chan int)
	go func() {
		for i := 0; i < 100; i++ {
			p <- i
		}
		close(p)
	}()
	n, t := 0, 0
	for v := range p {
		n++
		t += v
	}
	println("range got", n, t)

	// Range over a struct channel, value ignored.
	e := make(chan struct{}, 3)
	e <- struct{}{}
	e <- struct{}{}
	close(e)
	k := 0
	for range e {
		k++
	}
	println("empty structs", k)
}

// CHECK: v 10
// CHECK-NEXT: v 20
// CHECK-NEXT: v 30
// CHECK-NEXT: after range 0 0
// CHECK-NEXT: string zero: []
// CHECK-NEXT: woken 45
// CHECK-NEXT: range got 100 4950
// CHECK-NEXT: empty structs 2
