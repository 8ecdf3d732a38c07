// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s
// Stress: many goroutines at once run defers in loops (recycled records),
// open-coded defers, panics recovered at various depths and runtime errors,
// so defer records, panics and recoveries interleave across threads.
package main

type result struct{ sum, recovered int }

func leaf(n int) int {
	if n%7 == 3 {
		var a []int
		return a[n] // runtime error
	}
	if n%5 == 4 {
		panic(n)
	}
	return n
}

func middle(n int, out *int) (r int) {
	defer func() {
		if e := recover(); e != nil {
			r = -1
		}
	}()
	for i := 0; i < n%4; i++ {
		defer func(k int) { *out += k }(i)
	}
	return leaf(n)
}

func worker(id int, ch chan<- result) {
	var res result
	for n := 0; n < 2000; n++ {
		extra := 0
		v := middle(n+id, &extra)
		if v < 0 {
			res.recovered++
		} else {
			res.sum += v
		}
		res.sum += extra
	}
	ch <- res
}

func main() {
	const workers = 50
	ch := make(chan result)
	for id := 0; id < workers; id++ {
		go worker(id, ch)
	}
	total := result{}
	for i := 0; i < workers; i++ {
		r := <-ch
		total.sum += r.sum
		total.recovered += r.recovered
	}
	println(total.sum, total.recovered)
}

// CHECK: 70312234 31431
// CHECK: exit=0
