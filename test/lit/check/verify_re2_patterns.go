// RUN: %gortc-bin build -verify %s
// -verify reads ERROR patterns as Go's test/run.go does: RE2 syntax (\n \t
// \xHH \d \s, empty alternatives) matched against the whole message with
// its tab-indented continuation lines.
package main

import "runtime" // ERROR "imported and not used: \x22runtime\x22$"

func two() (int, int) {
	return 1 // ERROR "not enough return values\n\thave \(number\)\n\twant \(int, int\)"
}

func main() {
	x := 1 // ERROR "x\s+declared\x20but not used|"
	var y [3]int
	_ = y[5] // ERROR "invalid argument: index \d+ out of bounds \[0:3\]|(|never)"
}
