// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// hash/crc32 (its assembly-bound files replaced by overlays,
// runtime/overlay/hash/crc32) and compress/gzip: the checksums and the
// round trip match go 1.19's output.
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
)

func main() {
	data := []byte(strings.Repeat("gortc compiles Go. ", 1000))
	fmt.Printf("ieee %08x\n", crc32.ChecksumIEEE(data))
	fmt.Printf("castagnoli %08x\n", crc32.Checksum(data, crc32.MakeTable(crc32.Castagnoli)))
	fmt.Printf("koopman %08x\n", crc32.Checksum(data[:77], crc32.MakeTable(crc32.Koopman)))
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Name = "a.txt"
	zw.Write(data)
	zw.Close()
	fmt.Println("compressed", len(data), "to", buf.Len())
	zr, err := gzip.NewReader(&buf)
	if err != nil {
		fmt.Println(err)
		return
	}
	out, err := io.ReadAll(zr)
	fmt.Println(zr.Name, bytes.Equal(out, data), err)
}

// CHECK: ieee cfecca8e
// CHECK-NEXT: castagnoli 51ace0a0
// CHECK-NEXT: koopman b687f157
// CHECK-NEXT: compressed 19000 to 115
// CHECK-NEXT: a.txt true <nil>
