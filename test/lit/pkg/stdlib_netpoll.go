// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// RUN: env GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s --match-full-lines
// The network poller (runtime/netpoll.cpp) through package os's pipes:
// goroutines blocked reading pipes park in the poller instead of holding a
// thread each; read and write deadlines expire with os.ErrDeadlineExceeded
// and can be cleared; closing a pipe wakes its blocked reader; and a
// reader whose pipe becomes ready while every P is busy is found by
// sysmon's poll.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// threads reports the process's thread count from /proc/self/status.
func threads() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "Threads:") {
			v := strings.TrimPrefix(line, "Threads:")
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	return -1
}

func manyReaders() {
	const n = 64
	var wg sync.WaitGroup
	ws := make([]*os.File, n)
	got := make([]string, n)
	for i := 0; i < n; i++ {
		r, w, err := os.Pipe()
		if err != nil {
			fmt.Println("pipe:", err)
			return
		}
		ws[i] = w
		wg.Add(1)
		go func(i int, r *os.File) {
			defer wg.Done()
			b, err := io.ReadAll(r)
			if err != nil {
				got[i] = err.Error()
			} else {
				got[i] = string(b)
			}
			r.Close()
		}(i, r)
	}
	// Every reader blocks in the poller; none holds a thread.
	time.Sleep(100 * time.Millisecond)
	if t := threads(); t >= 16 {
		fmt.Println("threads with", n, "blocked readers:", t)
	} else {
		fmt.Println("blocked readers hold no threads")
	}
	for i, w := range ws {
		fmt.Fprintf(w, "pipe %d", i)
		w.Close()
	}
	wg.Wait()
	ok := 0
	for i, s := range got {
		if s == "pipe "+strconv.Itoa(i) {
			ok++
		}
	}
	fmt.Println("readers done:", ok)
}

func deadlines() {
	r, w, err := os.Pipe()
	if err != nil {
		fmt.Println("pipe:", err)
		return
	}
	defer r.Close()
	defer w.Close()
	buf := make([]byte, 16)

	// The deadline is absolute: the read may end 50 ms after the time
	// the deadline was computed from, not after a later time.Now().
	start := time.Now()
	r.SetReadDeadline(start.Add(50 * time.Millisecond))
	_, err = r.Read(buf)
	fmt.Println("read deadline:", errors.Is(err, os.ErrDeadlineExceeded),
		time.Since(start) >= 50*time.Millisecond)

	r.SetReadDeadline(time.Now().Add(-time.Second))
	_, err = r.Read(buf)
	fmt.Println("past deadline:", errors.Is(err, os.ErrDeadlineExceeded))

	r.SetReadDeadline(time.Time{})
	go func() {
		time.Sleep(20 * time.Millisecond)
		w.Write([]byte("late"))
	}()
	n, err := r.Read(buf)
	fmt.Println("cleared deadline:", string(buf[:n]), err)

	// Moving a deadline later while a reader waits keeps it waiting.
	r.SetReadDeadline(time.Now().Add(30 * time.Millisecond))
	go func() {
		time.Sleep(10 * time.Millisecond)
		r.SetReadDeadline(time.Now().Add(time.Hour))
		time.Sleep(50 * time.Millisecond)
		w.Write([]byte("moved"))
	}()
	n, err = r.Read(buf)
	fmt.Println("moved deadline:", string(buf[:n]), err)

	// A writer blocks once the pipe is full, until its deadline.
	w.SetWriteDeadline(time.Now().Add(50 * time.Millisecond))
	big := make([]byte, 4<<20)
	n, err = w.Write(big)
	fmt.Println("write deadline:", errors.Is(err, os.ErrDeadlineExceeded),
		n > 0 && n < len(big))
}

func closeWakesReader() {
	r, w, err := os.Pipe()
	if err != nil {
		fmt.Println("pipe:", err)
		return
	}
	defer w.Close()
	done := make(chan error)
	go func() {
		_, err := r.Read(make([]byte, 8))
		done <- err
	}()
	time.Sleep(20 * time.Millisecond)
	r.Close()
	err = <-done
	fmt.Println("close wakes reader:", errors.Is(err, os.ErrClosed))
}

func busyPs() {
	r, w, err := os.Pipe()
	if err != nil {
		fmt.Println("pipe:", err)
		return
	}
	defer r.Close()
	defer w.Close()
	got := make(chan string)
	go func() {
		b := make([]byte, 8)
		n, _ := r.Read(b)
		got <- string(b[:n])
	}()
	time.Sleep(10 * time.Millisecond)
	w.Write([]byte("busy"))
	// Keep every P busy: nobody is idle to block in the poller.
	var spin sync.WaitGroup
	stop := make(chan struct{})
	for i := 1; i < runtime.GOMAXPROCS(0); i++ {
		spin.Add(1)
		go func() {
			defer spin.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
			}
		}()
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case s := <-got:
			close(stop)
			spin.Wait()
			fmt.Println("ready while busy:", s)
			return
		default:
		}
		if time.Now().After(deadline) {
			fmt.Println("reader never woke")
			os.Exit(1)
		}
	}
}

func main() {
	manyReaders()
	deadlines()
	closeWakesReader()
	busyPs()
}

// CHECK: blocked readers hold no threads
// CHECK-NEXT: readers done: 64
// CHECK-NEXT: read deadline: true true
// CHECK-NEXT: past deadline: true
// CHECK-NEXT: cleared deadline: late <nil>
// CHECK-NEXT: moved deadline: moved <nil>
// CHECK-NEXT: write deadline: true true
// CHECK-NEXT: close wakes reader: true
// CHECK-NEXT: ready while busy: busy
