// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --match-full-lines
// Packages errors, io, sort, strconv, strings, bytes and bufio from Go
// 1.19's sources: they reach type descriptors through internal/reflectlite
// (errors.As, sort.Slice's Swapper), whose runtime hooks are libgort's.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"
)

type codeErr struct {
	code int
	err  error
}

func (e *codeErr) Error() string { return "code " + strconv.Itoa(e.code) + ": " + e.err.Error() }
func (e *codeErr) Unwrap() error { return e.err }

type upper struct{ w io.Writer }

func (u upper) Write(p []byte) (int, error) {
	return u.w.Write(bytes.ToUpper(p))
}

type byLen []string

func (s byLen) Len() int           { return len(s) }
func (s byLen) Less(i, j int) bool { return len(s[i]) < len(s[j]) }
func (s byLen) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

func main() {
	base := errors.New("not found")
	var err error = &codeErr{404, base}
	var ce *codeErr
	println(errors.Is(err, base), errors.As(err, &ce), ce.code, err.Error())
	println(errors.Unwrap(err) == base, errors.Is(err, io.EOF))
	var ne *strconv.NumError
	_, perr := strconv.ParseInt("99999999999999999999", 10, 64)
	println(errors.As(perr, &ne), ne.Func, ne.Num, errors.Is(perr, strconv.ErrRange))

	println(strings.Split("a,b,,c", ",")[3], len(strings.Split("a,b,,c", ",")))
	println(strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace("<a>"))
	println(strings.EqualFold("Go", "GO"), strings.TrimSpace("  x  "), strings.Count("cheese", "e"))
	println(strings.Map(func(r rune) rune { return r + 1 }, "HAL"), strings.Title("hello world"))
	println(strings.LastIndex("go gopher", "go"), strings.ContainsRune("abc", 'b'), strings.TrimLeft("xxhixx", "x"))

	println(strconv.FormatInt(-255, 16), strconv.FormatUint(255, 2), strconv.Quote("é\t\"x\""))
	f, _ := strconv.ParseFloat("3.14159", 64)
	println(strconv.FormatFloat(f, 'e', 3, 64), strconv.FormatFloat(1e21, 'g', -1, 64))
	u, uerr := strconv.Unquote(`"a\u00e9b"`)
	b, _ := strconv.ParseBool("true")
	println(u, uerr == nil, b, string(strconv.AppendInt([]byte("n="), 42, 10)))

	words := []string{"banana", "kiwi", "apple", "fig", "cherry"}
	sort.Sort(byLen(words))
	println(strings.Join(words, " "))
	sort.Strings(words)
	println(strings.Join(words, " "), sort.SearchStrings(words, "fig"))
	people := []struct {
		name string
		age  int
	}{{"ann", 30}, {"bob", 25}, {"cid", 30}, {"dee", 25}}
	sort.SliceStable(people, func(i, j int) bool { return people[i].age < people[j].age })
	for _, p := range people {
		print(p.name, " ")
	}
	println()
	fl := []float64{2.5, -1, 3}
	sort.Float64s(fl)
	println(fl[0], sort.IsSorted(sort.Float64Slice(fl)))

	var buf bytes.Buffer
	n, _ := io.Copy(upper{&buf}, io.LimitReader(strings.NewReader("hello, world"), 5))
	println(n, buf.String())
	mr := io.MultiReader(strings.NewReader("ab"), strings.NewReader("cd"))
	all, _ := io.ReadAll(mr)
	println(string(all))
	sc := bufio.NewScanner(strings.NewReader("one two\nthree"))
	sc.Split(bufio.ScanWords)
	count := 0
	for sc.Scan() {
		count++
		print(sc.Text(), ";")
	}
	println(count)
	w := bufio.NewWriter(&buf)
	w.WriteString("+tail")
	w.Flush()
	println(buf.String(), bytes.Contains(buf.Bytes(), []byte("tail")))
}

// CHECK: true true 404 code 404: not found
// CHECK-NEXT: true false
// CHECK-NEXT: true ParseInt 99999999999999999999 true
// CHECK-NEXT: c 4
// CHECK-NEXT: &lt;a&gt;
// CHECK-NEXT: true x 3
// CHECK-NEXT: IBM Hello World
// CHECK-NEXT: 3 true hixx
// CHECK-NEXT: -ff 11111111 "é\t\"x\""
// CHECK-NEXT: 3.142e+00 1e+21
// CHECK-NEXT: aéb true true n=42
// CHECK-NEXT: fig kiwi apple banana cherry
// CHECK-NEXT: apple banana cherry fig kiwi 3
// CHECK-NEXT: bob dee ann cid
// CHECK-NEXT: -1.000000e+000 true
// CHECK-NEXT: 5 HELLO
// CHECK-NEXT: abcd
// CHECK-NEXT: one;two;three;3
// CHECK-NEXT: HELLO+tail true
