// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s
// RUN: %gortc -o %t %s && env GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s
// RUN: %gortc -o %t %s && env GOMAXPROCS=4 %run %t 2>&1 | FileCheck %s
// Stress: producers and consumers meet only through selects over the same
// four channels (unbuffered and buffered), some with a default case; every
// value is delivered exactly once.
package main

const producers = 8
const consumers = 8
const perProducer = 2000

func producer(id int, cs [4]chan int, done chan<- bool) {
	seed := uint32(id*7919 + 1)
	for i := 0; i < perProducer; i++ {
		v := id*perProducer + i
		for {
			seed = seed*1664525 + 1013904223
			if seed>>28 == 0 {
				select {
				case cs[0] <- v:
				case cs[1] <- v:
				default:
					continue
				}
				break
			}
			select {
			case cs[0] <- v:
			case cs[1] <- v:
			case cs[2] <- v:
			case cs[3] <- v:
			}
			break
		}
	}
	done <- true
}

func consumer(cs [4]chan int, quit <-chan bool, sums chan<- [2]int) {
	sum, n := 0, 0
	for {
		select {
		case v := <-cs[0]:
			sum += v
			n++
		case v := <-cs[1]:
			sum += v
			n++
		case v := <-cs[2]:
			sum += v
			n++
		case v := <-cs[3]:
			sum += v
			n++
		case <-quit:
			// Drain what is buffered.
			for {
				select {
				case v := <-cs[2]:
					sum += v
					n++
				case v := <-cs[3]:
					sum += v
					n++
				default:
					sums <- [2]int{sum, n}
					return
				}
			}
		}
	}
}

func main() {
	var cs [4]chan int
	cs[0] = make(chan int)
	cs[1] = make(chan int)
	cs[2] = make(chan int, 3)
	cs[3] = make(chan int, 64)
	done := make(chan bool)
	quit := make(chan bool)
	sums := make(chan [2]int)
	for c := 0; c < consumers; c++ {
		go consumer(cs, quit, sums)
	}
	for p := 0; p < producers; p++ {
		go producer(p, cs, done)
	}
	for p := 0; p < producers; p++ {
		<-done
	}
	close(quit)
	total, count := 0, 0
	for c := 0; c < consumers; c++ {
		s := <-sums
		total += s[0]
		count += s[1]
	}
	n := producers * perProducer
	println(count, total == n*(n-1)/2)
}

// CHECK: 16000 true
