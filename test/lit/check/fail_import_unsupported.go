// RUN: %gortc-bin build -verify %s
// Packages other than unsafe cannot be compiled yet: a used import, a blank
// import and a dot import say so (once, at the import); an unused import is
// just unused, as in gc.
package main

import (
	"fmt" // ERROR "could not import fmt \(gortc cannot compile imported packages yet\)"
	_ "os" // ERROR "could not import os \(gortc cannot compile imported packages yet\)"
	. "strings" // ERROR "could not import strings \(gortc cannot compile imported packages yet\)"
	"sort" // ERROR "imported and not used: .sort."
	str "strconv" // ERROR "imported and not used: .strconv. as str"
)

func main() {
	fmt.Println("a")
	fmt.Printf("%d\n", 1)
	_ = fmt.Sprint
}
