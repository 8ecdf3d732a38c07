// RUN: %gortc-bin build -verify %s
// Generic bodies are checked on their own: an import used only inside a
// generic function that nobody instantiates is used, and one used nowhere
// is reported as in plain code.
package main

import (
	"os" // ERROR "imported and not used"
	"runtime"
)

func Procs[T any](x T) int {
	_ = x
	return runtime.NumCPU()
}

func Unused[T any]() int { return runtime.NumGoroutine() }

func main() {
	_ = Procs(1)
}
