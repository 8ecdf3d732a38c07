// RUN: %gortc-bin build -verify %s
// Diagnostics for the common errors, in gc 1.19's wording.
package main

import "unsafe" // ERROR "imported and not used"

func main() {
	var a int            // ERROR "a declared but not used"
	undefinedFunc()      // ERROR "undefined: undefinedFunc"
	var s string = 1     // ERROR "cannot use 1 \(untyped int constant\) as string value in variable declaration"
	var b bool = "x" + 1 // ERROR "mismatched types|cannot convert"
	_, _ = s, b
}
