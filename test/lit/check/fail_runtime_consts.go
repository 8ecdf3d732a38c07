// RUN: %gortc-bin build -verify %s
// runtime.GOOS and runtime.GOARCH are typed string constants, as in gc.
package main

import "runtime"

type OS string

var _ OS = runtime.GOOS   // ERROR "cannot use runtime.GOOS \(constant .linux. of type string\) as type OS in variable declaration"
var _ OS = runtime.GOARCH // ERROR "cannot use runtime.GOARCH \(constant .(amd64|arm64). of type string\) as type OS in variable declaration"

func main() {}
