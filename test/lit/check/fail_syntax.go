// RUN: %gortc-bin build -verify %s
// Syntax errors: at most one per line, and recovery at statement and
// declaration boundaries so that later lines report their own errors.
package main

func f1() {
	x := 1 +
	y := 2 // ERROR "syntax error: unexpected := at end of statement"
}

func f2() {
	z := ) // ERROR "syntax error: unexpected \), expecting expression"
	var 1a int // ERROR "syntax error: unexpected literal 1, expecting name"
	if { // ERROR "syntax error: missing condition in if statement"
	}
	for i := 0; i < 3 { // ERROR "syntax error: unexpected \{, expecting semicolon or newline"
	} // ERROR "syntax error: unexpected \}, expecting expression"
	a, b := 1, 2,
} // ERROR "syntax error: unexpected \}, expecting expression"

func f3() {
	return 1 2 // ERROR "syntax error: unexpected literal 2 at end of statement"
}

func f4( { // ERROR "syntax error: unexpected \{, expecting \)"
}

func f5() {
	x := [3]int{1, 2, 3 // ERROR "syntax error: unexpected newline in composite literal; possibly missing comma or \}"
	y := 1
}

type T struct {
	a int, // ERROR "syntax error: unexpected comma in struct type; possibly missing semicolon or newline or \}"
	b string
}

func f6() { // ERROR "syntax error: unexpected f6, expecting \("
	switch x { // ERROR "syntax error: unexpected switch at end of statement"
	case 1 // ERROR "syntax error: unexpected newline, expecting :"
	}
	if x := 1; x > 0 {
	} else y := 2 // ERROR "syntax error: else must be followed by if or statement block"
	go func() {} // ERROR "expression in go must be function call"
	defer (f1()) // ERROR "expression in defer must not be parenthesized"
}

var v = 1 +

func main() { // ERROR "syntax error: unexpected main, expecting \("
	else {} // ERROR "syntax error: unexpected \} after top level declaration"
}
