// RUN: %gortc -o %t %s
// RUN: not %run %t 2>&1 | FileCheck %s --check-prefix=TRACE
// RUN: llvm-dwarfdump --verify %t | FileCheck %s --check-prefix=VERIFY
// RUN: llvm-dwarfdump --debug-line %t | FileCheck %s --check-prefix=LINE
// RUN: llvm-dwarfdump --debug-info %t | FileCheck %s --check-prefix=INFO
// The link drops functions, not their DWARF; tools/gortc/debuginfo.cpp
// then removes the line sequences, range list entries and subprogram DIEs
// of the dropped ones (their addresses are LLD's tombstones, 0 or 1), and
// the tracebacks that read those tables still find files, lines and
// inlined frames. llvm-dwarfdump --verify complained about the dead DIEs
// before (their ranges are outside their unit's).
package main

import (
	"fmt"
	"os"
)

type point struct{ x, y int }

//go:noinline
func unused(p *point) int { return p.x * p.y } // dropped by the link

func inner(p *point) int { return p.x } // inlined into outer

//go:noinline
func outer(p *point) int { return inner(p) + 1 }

func main() {
	fmt.Println(outer(&point{1, 2}))
	if len(os.Args) > 5 {
		fmt.Println(unused(nil))
	}
	outer(nil)
}

// TRACE: 2
// TRACE: panic: runtime error: invalid memory address or nil pointer dereference
// TRACE: main.inner(...)
// TRACE-NEXT: 	{{.*}}debug_info_gc.go:24
// TRACE-NEXT: main.outer(
// TRACE-NEXT: 	{{.*}}debug_info_gc.go:27
// TRACE-NEXT: main.main()
// TRACE-NEXT: 	{{.*}}debug_info_gc.go:34

// VERIFY: No errors.

// LINE-NOT: {{^}}0x0000000000000000 {{ *[0-9]}}
// LINE: debug_info_gc.go

// INFO-NOT: [0x0000000000000001, 0x0000000000000001)
// INFO: DW_AT_name ("main.outer")
// INFO-NOT: [0x0000000000000001, 0x0000000000000001)
