// RUN: %gortc -O0 -o %t0 %s && %run %t0 2>&1 | FileCheck %s
// RUN: %gortc -o %t2 %s && %run %t2 2>&1 | FileCheck %s
// copy and string building through the runtime's memmove, memcpy and
// memset (runtime/memmove.cpp) at every length up to 200 bytes, from and to
// every alignment, with the blocks overlapping in both directions. Each
// result is checked against a byte-by-byte copy, so a wrong length class in
// the small-block paths shows up as the first failing length.
package main

var pool [512]byte

func fill() {
	for i := range pool {
		pool[i] = byte(i*7 + 3)
	}
}

// want is what copy(pool[dst:dst+n], pool[src:src+n]) must leave.
func want(dst, src, n int) [512]byte {
	w := pool
	var tmp [256]byte
	for i := 0; i < n; i++ {
		tmp[i] = w[src+i]
	}
	for i := 0; i < n; i++ {
		w[dst+i] = tmp[i]
	}
	return w
}

func main() {
	bad := 0
	for n := 0; n <= 200; n++ {
		for src := 100; src < 108; src++ {
			for _, d := range []int{-70, -33, -17, -9, -8, -5, -1, 0, 1, 3, 8, 15, 16, 31, 64, 90} {
				dst := src + d
				fill()
				w := want(dst, src, n)
				if got := copy(pool[dst:dst+n], pool[src:src+n]); got != n {
					bad++
				}
				if pool != w {
					if bad < 5 {
						println("copy wrong: n", n, "src", src, "dst", dst)
					}
					bad++
				}
			}
		}
		// memset: clearing a sub-slice.
		fill()
		w := pool
		for i := 0; i < n; i++ {
			w[101+i] = 0
		}
		s := pool[101 : 101+n]
		for i := range s {
			s[i] = 0
		}
		if pool != w {
			println("clear wrong: n", n)
			bad++
		}
		// Strings: concatenation and conversion copy through memmove.
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('a' + i%26)
		}
		str := string(b)
		cat := str + "|" + str
		if len(cat) != 2*n+1 || cat[:n] != str || cat[n+1:] != str || cat[n] != '|' {
			println("concat wrong: n", n)
			bad++
		}
		for i := 0; i < n; i++ {
			if str[i] != byte('a'+i%26) {
				println("string wrong: n", n)
				bad++
				break
			}
		}
	}
	println("bad:", bad)
}

// CHECK-NOT: wrong
// CHECK: bad: 0
