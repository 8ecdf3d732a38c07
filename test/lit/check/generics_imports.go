// RUN: %gortc-bin build -verify %s
// An import used only inside a generic function is used, whether or not
// the function is instantiated (gortc checks generic bodies per instance).
package main

import "runtime"

func Procs[T any](x T) int {
	_ = x
	return runtime.NumCPU()
}

func Unused[T any]() int { return runtime.NumGoroutine() }

func main() {
	_ = Procs(1)
}
