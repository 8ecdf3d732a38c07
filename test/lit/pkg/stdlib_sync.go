// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// RUN: env GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s --match-full-lines
// RUN: env GOMAXPROCS=4 %run %t 2>&1 | FileCheck %s --match-full-lines
// Package sync from Go 1.19's sources over libgort's semaphores and notify
// lists (runtime/sema.cpp): Mutex under contention long enough to hand off
// (starvation mode), RWMutex, WaitGroup, Cond with Signal (a queue) and
// Broadcast, Once, Pool, Map.
package main

import (
	"sync"
	"sync/atomic"
)

type queue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
	done  bool
}

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	n := 0
	for g := 0; g < 50; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 1000; k++ {
				mu.Lock()
				n++
				x := 0
				for j := 0; j < 50; j++ {
					x += j
				}
				_ = x
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	// CHECK: mutex 50000
	println("mutex", n)

	q := &queue{}
	q.cond = sync.NewCond(&q.mu)
	var sum int64
	var cw sync.WaitGroup
	for c := 0; c < 8; c++ {
		cw.Add(1)
		go func() {
			defer cw.Done()
			for {
				q.mu.Lock()
				for len(q.items) == 0 && !q.done {
					q.cond.Wait()
				}
				if len(q.items) == 0 && q.done {
					q.mu.Unlock()
					return
				}
				v := q.items[0]
				q.items = q.items[1:]
				q.mu.Unlock()
				atomic.AddInt64(&sum, int64(v))
			}
		}()
	}
	for i := 1; i <= 20000; i++ {
		q.mu.Lock()
		q.items = append(q.items, i)
		q.mu.Unlock()
		q.cond.Signal()
	}
	q.mu.Lock()
	q.done = true
	q.mu.Unlock()
	q.cond.Broadcast()
	cw.Wait()
	// CHECK-NEXT: queue 200010000
	println("queue", sum)

	var rw sync.RWMutex
	val := 0
	var rwg sync.WaitGroup
	for g := 0; g < 20; g++ {
		rwg.Add(1)
		go func(g int) {
			defer rwg.Done()
			for k := 0; k < 500; k++ {
				if k%10 == g%10 {
					rw.Lock()
					val++
					rw.Unlock()
				} else {
					rw.RLock()
					_ = val
					rw.RUnlock()
				}
			}
		}(g)
	}
	rwg.Wait()
	// CHECK-NEXT: rwmutex 1000
	println("rwmutex", val)

	var once sync.Once
	cnt := 0
	for i := 0; i < 3; i++ {
		once.Do(func() { cnt++ })
	}
	// CHECK-NEXT: once 1
	println("once", cnt)

	p := sync.Pool{New: func() any { return new(int) }}
	x := p.Get().(*int)
	*x = 7
	p.Put(x)
	// CHECK-NEXT: pool true
	println("pool", p.Get().(*int) != nil)

	var m sync.Map
	m.Store("a", 1)
	v, ok := m.Load("a")
	_, loaded := m.LoadOrStore("b", 2)
	// CHECK-NEXT: map 1 true false
	println("map", v.(int), ok, loaded)
}
