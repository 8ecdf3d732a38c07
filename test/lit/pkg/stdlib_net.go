// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// RUN: env GOMAXPROCS=1 %run %t 2>&1 | FileCheck %s --match-full-lines
// Package net from Go 1.19's sources over loopback TCP, on the network
// poller (runtime/netpoll.cpp): a server goroutine per connection answers
// ten concurrent clients; a read deadline on a connection expires as a
// timeout error; dialing a closed port is refused.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		return
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) {
				defer c.Close()
				s := bufio.NewScanner(c)
				for s.Scan() {
					if s.Text() == "silence" {
						continue
					}
					fmt.Fprintln(c, strings.ToUpper(s.Text()))
				}
			}(c)
		}
	}()

	var wg sync.WaitGroup
	ok := make([]bool, 10)
	for i := range ok {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				fmt.Println("dial:", err)
				return
			}
			defer c.Close()
			r := bufio.NewReader(c)
			for j := 0; j < 3; j++ {
				fmt.Fprintf(c, "hello %d.%d\n", i, j)
				line, err := r.ReadString('\n')
				if line != fmt.Sprintf("HELLO %d.%d\n", i, j) || err != nil {
					fmt.Printf("client %d: %q %v\n", i, line, err)
					return
				}
			}
			ok[i] = true
		}(i)
	}
	wg.Wait()
	n := 0
	for _, b := range ok {
		if b {
			n++
		}
	}
	fmt.Println("clients answered:", n)

	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		fmt.Println("dial:", err)
		return
	}
	fmt.Fprintln(c, "silence")
	c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	_, err = c.Read(make([]byte, 8))
	var ne net.Error
	fmt.Println("read timeout:", errors.As(err, &ne) && ne.Timeout())
	c.Close()

	addr := ln.Addr().String()
	ln.Close()
	_, err = net.Dial("tcp", addr)
	fmt.Println("refused:", errors.Is(err, syscall.ECONNREFUSED))
}

// CHECK: clients answered: 10
// CHECK-NEXT: read timeout: true
// CHECK-NEXT: refused: true
