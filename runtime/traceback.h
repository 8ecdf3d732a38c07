//===- runtime/traceback.h - Stack traces -----------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See traceback.cpp for the overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_TRACEBACK_H
#define GORT_RUNTIME_TRACEBACK_H

#include "runtime/runtime2.h"

#include <stdint.h>

namespace gort {

/// False when GOTRACEBACK=none: crash reports then omit the goroutine
/// header and frames (gc).
bool tracebackEnabled();
/// runtime/debug.SetTraceback: "none" turns the goroutine part of crash
/// reports off, any other level on (gortc prints one level of detail).
void setTraceback(const uint8_t *Level, intptr_t N);

/// Prints the Go frames of goroutine Gp's stack, innermost first, walking
/// frame records from FP (the frame pointer of a runtime function running
/// on Gp's stack, e.g. gopanic's). Caller holds printlock; any stack.
void traceback(G *Gp, uintptr_t FP);

/// Whether PC is in compiled Go code: neither in the runtime's text nor in
/// a wrapper (libgort/gort.ld's brackets). Any context, signal handlers
/// included.
bool inGoCode(uintptr_t PC);

/// Whether PC is in the runtime's own text (libgort's code; the wrappers
/// are not). Any context.
bool inRuntimeCode(uintptr_t PC);

/// Stores in Buf, innermost first, the return addresses of the frames of
/// compiled Go code on Gp's stack, walking frame records from FP (as
/// traceback), at most Max of them; returns how many. The runtime's own
/// frames and the wrappers are left out. Needs no symbols and takes no
/// lock: the profiles record stacks with it (mprof.cpp, cpuprof.cpp).
unsigned profileStack(G *Gp, uintptr_t FP, uintptr_t *Buf, unsigned Max);

} // namespace gort

#endif // GORT_RUNTIME_TRACEBACK_H
