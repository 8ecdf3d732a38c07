// RUN: %gortc-bin build -verify %s
// An import used only inside a rejected generic declaration is not reported
// as unused (the generic body is not checked, so its uses are not seen).
package main

import "runtime"

func Procs[T any](x T) int { // ERROR "generic function Procs not supported yet"
	_ = x
	return runtime.NumCPU()
}

func main() {
	_ = Procs(1)
}
