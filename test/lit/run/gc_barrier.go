// RUN: %gortc -o %t %s
// RUN: env GORTDEBUG=gcstress=20,gcpoison=1 GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s
// RUN: env GORTDEBUG=gcstress=20,gcpoison=1,gccheckmark=1 GOMAXPROCS=2 %run %t 2>&1 | FileCheck %s
// RUN: env GOGC=1 GOMAXPROCS=4 %run %t 2>&1 | FileCheck %s
// The write barrier keeps a concurrent mark correct (mgc.cpp,
// codegen/write_barrier.cpp). Goroutines keep moving payloads between the
// slots of shared tables: each move loads a pointer from one slot into a
// local, clears that slot, and stores the pointer into another slot, the
// pattern that hides an object from a mark that has not scanned its new
// slot yet and has scanned the old one too late. Values held in frames,
// maps, channels (between the goroutines), interfaces and string fields
// take part too. A payload
// freed while live is poisoned (gcpoison) and fails its check; a mark
// that missed a reachable object fails the checkmark pass.
package main

type payload struct {
	id    int
	magic int
	next  *payload
	name  string
}

type table struct {
	slots []*payload
	m     map[int]*payload
	any   []interface{}
}

const magic = 0x5eed

func check(p *payload, where string) {
	if p.magic != magic+p.id {
		println("corrupt payload", p.id, p.magic, where)
		panic("payload freed while live")
	}
	if p.next != nil && p.next.magic != magic+p.next.id {
		println("corrupt next", p.id, where)
		panic("payload freed while live")
	}
	if len(p.name) != 4 || p.name[0] != 'p' {
		println("corrupt name", p.id, where)
		panic("payload freed while live")
	}
}

func newPayload(id int, next *payload) *payload {
	b := []byte("p000")
	b[1] = byte('0' + id%10)
	return &payload{id: id, magic: magic + id, next: next, name: string(b)}
}

func worker(t *table, seed int, rounds int, ch chan *payload, done chan int) {
	x := uint32(seed*2654435761 + 1)
	rnd := func(n int) int {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		return int(x % uint32(n))
	}
	moved := 0
	for r := 0; r < rounds; r++ {
		i, j := rnd(len(t.slots)), rnd(len(t.slots))
		// Move a payload: load, clear the source, store elsewhere.
		p := t.slots[i]
		t.slots[i] = nil
		if p == nil {
			p = newPayload(r, t.slots[j])
		}
		check(p, "slots")
		if q := t.slots[j]; q != nil {
			check(q, "dest")
			t.slots[i] = q
		}
		t.slots[j] = p
		moved++
		// Through a map: delete one key, reinsert the value under another.
		k := rnd(64)
		if v, ok := t.m[k]; ok {
			delete(t.m, k)
			check(v, "map")
			t.m[rnd(64)] = v
		} else {
			t.m[k] = newPayload(k, nil)
		}
		// Through interfaces.
		a := rnd(len(t.any))
		if v, ok := t.any[a].(*payload); ok {
			t.any[a] = nil
			check(v, "iface")
			t.any[rnd(len(t.any))] = v
		} else {
			t.any[a] = newPayload(a, nil)
		}
		// Through a channel: the buffer slot is cleared on receive.
		select {
		case ch <- t.slots[rnd(len(t.slots))]:
		default:
		}
		select {
		case v := <-ch:
			if v != nil {
				check(v, "chan")
				t.slots[rnd(len(t.slots))] = v
			}
		default:
		}
		// Garbage, so that cycles run.
		_ = make([]byte, 64+rnd(256))
	}
	done <- moved
}

func main() {
	const workers = 4
	tables := make([]*table, workers) // one each: maps are not for sharing
	for i := range tables {
		t := &table{slots: make([]*payload, 128), m: map[int]*payload{}, any: make([]interface{}, 32)}
		for k := range t.slots {
			t.slots[k] = newPayload(k, nil)
		}
		tables[i] = t
	}
	ch := make(chan *payload, 8)
	done := make(chan int)
	for w := 0; w < workers; w++ {
		go worker(tables[w], w, 20000, ch, done)
	}
	total := 0
	for w := 0; w < workers; w++ {
		total += <-done
	}
	n := 0
	for _, t := range tables {
		for _, p := range t.slots {
			if p != nil {
				check(p, "final")
				n++
			}
		}
	}
	println("moved", total, n > 0)
}

// CHECK: moved 80000 true
