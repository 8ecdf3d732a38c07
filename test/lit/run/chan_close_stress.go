// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// RUN: %gortc -o %t %s && env GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s
// Stress: channels closed while many goroutines wait on them in receives
// and in selects over several channels; every waiter wakes exactly once
// with ok == false, and no value is lost or duplicated.
package main

func main() {
	const rounds = 200
	const waiters = 50
	woke := make(chan int, waiters)
	total := 0
	for r := 0; r < rounds; r++ {
		c := make(chan int)
		other := make(chan int)
		for w := 0; w < waiters; w++ {
			if w%2 == 0 {
				go func() {
					_, ok := <-c
					if !ok {
						woke <- 1
					}
				}()
			} else {
				go func() {
					select {
					case _, ok := <-c:
						if !ok {
							woke <- 1
						}
					case <-other:
						woke <- 100
					}
				}()
			}
		}
		close(c)
		for w := 0; w < waiters; w++ {
			total += <-woke
		}
	}
	println("woken", total)

	// Values in flight while a consumer closes its input: every sent value
	// is received once.
	data := make(chan int, 16)
	res := make(chan int)
	for p := 0; p < 8; p++ {
		go func(p int) {
			for i := 0; i < 1000; i++ {
				data <- 1
			}
			res <- 0
		}(p)
	}
	got := 0
	finished := 0
	for finished < 8 {
		select {
		case v := <-data:
			got += v
		case <-res:
			finished++
		}
	}
	close(data)
	for v := range data {
		got += v
	}
	println("values", got)
}

// CHECK: woken 10000
// CHECK-NEXT: values 8000
