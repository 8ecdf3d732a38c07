// RUN: %gortc -o %t %s && %run %t 2>&1 | FileCheck %s --check-prefix=%target
// runtime.GOOS and runtime.GOARCH are typed string constants of the target
// (gc: runtime/extern.go), usable in constant expressions.
package main

import "runtime"

const is64 = runtime.GOARCH == "amd64" || runtime.GOARCH == "arm64"

func main() {
	var arch string = runtime.GOARCH
	println(runtime.GOOS, arch, is64, len(runtime.GOARCH))
}

// x86_64: linux amd64 true 5
// aarch64: linux arm64 true 5
