// RUN: %gortc -o %t %s
// RUN: %run %t | FileCheck %s --check-prefix=OUT
// RUN: not %run %t crash 2>&1 | FileCheck %s --check-prefix=TRACE
// RUN: llvm-nm %t > %t.syms
// RUN: FileCheck %s --check-prefix=SYMS < %t.syms
// RUN: not grep -E ' (main\.unused|syscall\.Mount|syscall\.forkExec)$' %t.syms
// RUN: grep -c -a '\[\]main\.point' %t
// RUN: not grep -c -a '\[\]complex64' %t
// RUN: not grep -E '\.\.morestack$|\.\.stmp|go:noargs' %t.syms
// Every function and global gets a section of its own (codegen/target.cpp),
// so --gc-sections drops what nothing reaches: main.unused, the type
// descriptor only it uses, and the parts of syscall that os and fmt never
// call. Thunks and internal variables have no symbols at all (private:
// codegen/pipeline.cpp, stack_check.cpp), nor, in the executable, have type
// descriptors (tools/gortc/link.cpp, as in gc): a descriptor's name string
// ("[]main.point") shows whether it was kept. A morestack thunk or defer wrapper has a section of its own too
// (codegen/stack_check.cpp, placeInWrapperSection): in one shared section,
// each thunk kept every function it calls back. The lists that tables
// point into follow what is kept: a typelinks entry lives in its
// descriptor's comdat, and a .gort_noargs entry is linked to its
// function's section (SHF_LINK_ORDER), so neither keeps anything alive,
// and both still work for what is kept.
package main

import (
	"fmt"
	"os"
	"reflect"
)

type point struct{ x, y int }

//go:noinline
func unused() any { return []complex64{1} }

//go:noinline
func crash() {
	var p *point
	fmt.Println(p.x)
}

func main() {
	s := reflect.SliceOf(reflect.TypeOf(point{}))
	fmt.Println(s == reflect.TypeOf([]point(nil)), s)
	if len(os.Args) > 1 {
		crash()
	}
}

// OUT: true []main.point

// TRACE: main.crash()
// TRACE: main.main()

// SYMS: {{[tT]}} main.crash{{$}}
// SYMS: T main.main{{$}}
