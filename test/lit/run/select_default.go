// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// select with a default case never blocks: it takes a ready case if there
// is one, else the default; with one case it is a non-blocking send or
// receive.
package main

func main() {
	c := make(chan int, 1)
	select {
	case v := <-c:
		println("received", v)
	default:
		println("empty: default")
	}
	select {
	case c <- 5:
		println("sent 5")
	default:
		println("full: default")
	}
	select {
	case c <- 6:
		println("sent 6")
	default:
		println("full: default")
	}
	select {
	case v, ok := <-c:
		println("received", v, ok)
	default:
		println("default")
	}

	// Several cases and a default.
	a := make(chan int)
	b := make(chan string)
	select {
	case v := <-a:
		println(v)
	case s := <-b:
		println(s)
	case a <- 1:
		println("sent")
	default:
		println("nothing ready")
	}

	// Unbuffered with a waiting receiver: the non-blocking send succeeds.
	u := make(chan int)
	done := make(chan bool)
	go func() {
		println("got", <-u)
		done <- true
	}()
	sent := false
	for !sent {
		select {
		case u <- 42:
			sent = true
		default:
		}
	}
	<-done

	// Closed channel: a receive is always ready.
	close(c)
	select {
	case v, ok := <-c:
		println("closed", v, ok)
	default:
		println("default")
	}

	// Only a default.
	select {
	default:
		println("only default")
	}
}

// CHECK: empty: default
// CHECK-NEXT: sent 5
// CHECK-NEXT: full: default
// CHECK-NEXT: received 5 true
// CHECK-NEXT: nothing ready
// CHECK-NEXT: got 42
// CHECK-NEXT: closed 0 false
// CHECK-NEXT: only default
