// RUN: %gortc -o %t %s && %exitcode %run %t 2>&1 | FileCheck %s --match-full-lines
// Packages os, syscall, io/fs, bufio and time's clocks from Go 1.19's
// sources: files are opened, written, read back, listed and removed
// through libgort's raw system calls (syscall.RawSyscall6); os.Args and
// the environment come from the process; os.Exit ends the program with
// its status.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	dir, err := os.MkdirTemp("", "gortc-os")
	if err != nil {
		fmt.Println("mkdirtemp:", err)
		return
	}
	defer os.RemoveAll(dir)
	name := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(name, []byte("line one\nline two\n"), 0o644); err != nil {
		fmt.Println("write:", err)
	}
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	fmt.Println(err)
	fmt.Fprintf(f, "line %d\n", 3)
	f.Close()
	data, err := os.ReadFile(name)
	fmt.Printf("%q %v\n", data, err)
	st, err := os.Stat(name)
	fmt.Println(st.Name(), st.Size(), st.IsDir(), st.Mode().Perm(), err)
	r, _ := os.Open(name)
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
	}
	r.Close()
	fmt.Println("lines", n)
	_, err = os.Stat(filepath.Join(dir, "missing"))
	fmt.Println(os.IsNotExist(err), strings.Contains(err.Error(), "no such file or directory"))
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		fmt.Println(e.Name(), e.IsDir())
	}
	pr, pw, _ := os.Pipe()
	go func() {
		io.WriteString(pw, "through a pipe")
		pw.Close()
	}()
	b, _ := io.ReadAll(pr)
	fmt.Println(string(b))
	os.Setenv("GORTC_TEST_VAR", "v1")
	fmt.Println(os.Getenv("GORTC_TEST_VAR"), len(os.Args))
	wd, err := os.Getwd()
	fmt.Println(wd != "", err)
	fmt.Fprintln(os.Stderr, "bye")
	os.Exit(3)
}

// CHECK: <nil>
// CHECK-NEXT: "line one\nline two\nline 3\n" <nil>
// CHECK-NEXT: a.txt 25 false -rw-r--r-- <nil>
// CHECK-NEXT: lines 3
// CHECK-NEXT: true true
// CHECK-NEXT: a.txt false
// CHECK-NEXT: sub true
// CHECK-NEXT: through a pipe
// CHECK-NEXT: v1 1
// CHECK-NEXT: true <nil>
// CHECK-NEXT: bye
// CHECK-NEXT: exit=3
