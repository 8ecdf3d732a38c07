//===- runtime/runtime_pkg.cpp - Functions of Go's package runtime --------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The functions of package runtime's API whose bodies are libgort's. The
// list is libgort/runtime_pkg.def: runtime/go/extern.go declares them
// without bodies, runtime_pkg.h declares them here, and abi_check.cpp
// static_asserts the two against each other. Each function is defined here
// under its Go symbol name
// ("runtime.Gosched") with the Go calling convention of libgort/abi.h -- a
// closure context first, then the parameters, interfaces as two words -- so
// compiled code calls it like any Go function of another package.
// runtime.Goexit is in panic.cpp, next to the deferred calls it runs.
//
//   GC()             runs a full collection and sweep (mgc.cpp)
//   GOMAXPROCS(n)    the previous setting; n < 1 only reads it (proc.cpp)
//   Gosched()        yields the processor (proc.cpp)
//   KeepAlive(x)     keeps x reachable until here: the call uses x, so x
//                    is live in the caller's frame up to it
//   NumCPU()         CPUs usable by the process at start-up
//   NumGoroutine()   goroutines that exist now
//
// Like the abi.def entry points, these run on goroutine stacks without a
// prologue check: they stay small and switch stacks in the callee when
// deep.
//
//===----------------------------------------------------------------------===//

#include "runtime/runtime_pkg.h"

#include "runtime/mgc.h"
#include "runtime/os_linux.h"
#include "runtime/proc.h"

#include <stdint.h>

extern "C" {
void runtime_GC(void *) { gort::gcForce(); }

int64_t runtime_GOMAXPROCS(void *, int64_t N) { return gort_gomaxprocs(N); }

void runtime_Gosched(void *) { gort_gosched(); }

void runtime_KeepAlive(void *, const void *Typ, const void *Data) {
  // An empty asm that uses the value: the optimizer cannot drop it.
  __asm__ volatile("" : : "r"(Typ), "r"(Data) : "memory");
}

int64_t runtime_NumCPU(void *) { return gort::Ncpu; }

int64_t runtime_NumGoroutine(void *) { return gort_numgoroutine(); }
} // extern "C"
