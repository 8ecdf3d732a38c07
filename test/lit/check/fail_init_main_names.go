// RUN: %gortc-bin build -verify %s
// init and main must be functions (and main and init funcs take no
// arguments and return nothing); init functions cannot be referred to.
package main

var init = 1 // ERROR "cannot declare init - must be func"

var main, x = 1, 2 // ERROR "cannot declare main - must be func"

const init = 2 // ERROR "cannot declare init - must be func"

type main struct{} // ERROR "cannot declare main - must be func"

func init(x int) {} // ERROR "func init must have no arguments and no return values"

func main() int { return init() } // ERROR "func main must have no arguments and no return values" "undefined: init"
