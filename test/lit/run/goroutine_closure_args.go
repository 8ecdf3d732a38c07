// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// go statements: arguments are evaluated at the go statement, closures see
// their captured variables, and method values, variadic calls and
// function values all start goroutines.
package main

type T struct{ n int }

func (t T) show(done chan<- string) { done <- "method " + itoa(t.n) }

func (t *T) bump(done chan<- string) {
	t.n++
	done <- "pointer method " + itoa(t.n)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	if neg {
		s = "-" + s
	}
	return s
}

func sum(done chan<- string, xs ...int) {
	t := 0
	for _, x := range xs {
		t += x
	}
	done <- "sum " + itoa(t)
}

func main() {
	done := make(chan string)

	// Arguments are evaluated now, not when the goroutine runs.
	x := 1
	go func(v int) { done <- "arg " + itoa(v) }(x)
	x = 2
	println(<-done)

	// A closure shares the variable.
	y := 10
	ready := make(chan bool)
	go func() {
		<-ready
		done <- "captured " + itoa(y)
	}()
	y = 20
	ready <- true
	println(<-done)

	t := T{5}
	go t.show(done)
	println(<-done)
	go (&t).bump(done)
	println(<-done)
	println(t.n)

	go sum(done, 1, 2, 3, 4)
	println(<-done)

	f := func(a, b string) { done <- a + b }
	go f("func ", "value")
	println(<-done)

	// Many goroutines, each with its own argument.
	results := make(chan int, 100)
	for i := 0; i < 100; i++ {
		go func(i int) { results <- i * i }(i)
	}
	total := 0
	for i := 0; i < 100; i++ {
		total += <-results
	}
	println("squares", total)
}

// CHECK: arg 1
// CHECK-NEXT: captured 20
// CHECK-NEXT: method 5
// CHECK-NEXT: pointer method 6
// CHECK-NEXT: 6
// CHECK-NEXT: sum 10
// CHECK-NEXT: func value
// CHECK-NEXT: squares 328350
