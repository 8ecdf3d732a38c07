// RUN: %gortc-bin build -verify %s
// As in gc, a function body with a scanner error (like any syntax error) is
// not checked for label and branch errors, which could be spurious.
package main

func f() {
L:
	_ = 09 // ERROR "invalid digit '9' in octal literal"
}

func g() {
M: // ERROR "label M defined and not used"
	_ = 1
}

func main() {}
