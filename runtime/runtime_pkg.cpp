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
//   GC()             runs a full collection and sweep (mgc.cpp), yielding
//                    before and after it
//   GOMAXPROCS(n)    the previous setting; n < 1 only reads it (proc.cpp)
//   Gosched()        yields the processor (proc.cpp)
//   KeepAlive(x)     keeps x reachable until here: the call uses x, so x
//                    is live in the caller's frame up to it
//   NumCPU()         CPUs usable by the process at start-up
//   NumGoroutine()   goroutines that exist now
//   SetBlockProfileRate, SetMutexProfileFraction and the profiles
//                    are in mprof.cpp, SetCPUProfileRate in cpuprof.cpp
//   SetFinalizer(obj, f) is in mfinal_fing.cpp, with the goroutine that
//                    runs finalizers
//
// And the primitives package runtime's Go side builds on
// (runtime/go/syscall.go, reflect.go): argc, argv, gostringnocopy,
// walltime, nanotime, throw, typelinksBase/Offsets/Count.
//
// Like the abi.def entry points, these run on goroutine stacks without a
// prologue check: they stay small and switch stacks in the callee when
// deep.
//
//===----------------------------------------------------------------------===//

#include "runtime/runtime_pkg.h"

#include "runtime/atomic.h"
#include "runtime/mgc.h"
#include "runtime/os_linux.h"
#include "runtime/panic.h"
#include "runtime/proc.h"
#include "runtime/stack.h"
#include "runtime/sys_linux.h"
#include "runtime/type.h"

#include <stdint.h>

namespace {
/// The program's typelinks (runtime/type.cpp).
struct Typelinks {
  const void *Base;
  const int32_t *Offsets;
  intptr_t N;
};
Typelinks typelinks() {
  Typelinks T;
  gort::typelinks(&T.Base, &T.Offsets, &T.N);
  return T;
}
} // namespace

extern "C" {
void gort_runtime_GC(void *) {
  // gc's runtime.GC parks its caller while the mark runs, and other
  // goroutines run meanwhile. This one runs the cycle itself, and yields
  // around it instead: before, so that a goroutine readied just before
  // runs, and one that then exits leaves no frame to scan; after, so that
  // the finalizer goroutine the cycle woke runs before it returns.
  gort_gosched();
  gort::stackScrub(2048);
  gort::gcForce();
  gort_gosched();
}

int64_t runtime_GOMAXPROCS(void *, int64_t N) { return gort_gomaxprocs(N); }

void runtime_Gosched(void *) { gort_gosched(); }

void runtime_KeepAlive(void *, const void *Typ, const void *Data) {
  // An empty asm that uses the value: the optimizer cannot drop it.
  __asm__ volatile("" : : "r"(Typ), "r"(Data) : "memory");
}

int64_t runtime_NumCPU(void *) { return gort::Ncpu; }

int64_t runtime_NumGoroutine(void *) { return gort_numgoroutine(); }

} // extern "C"

extern "C" {

int64_t runtime_argc(void *) { return gort::Argc; }

void *runtime_argv(void *) { return gort::Argv; }

gort::abi::String runtime_gostringnocopy(void *, const uint8_t *P) {
  intptr_t N = 0;
  while (P[N])
    N++;
  return {P, N};
}

const void *runtime_typelinksBase(void *) { return typelinks().Base; }

const void *runtime_typelinksOffsets(void *) { return typelinks().Offsets; }

int64_t runtime_typelinksCount(void *) { return typelinks().N; }

int64_t runtime_walltime(void *) { return gort::walltime(); }

int64_t runtime_nanotime(void *) { return gort::nanotime(); }

void runtime_throw(void *, const uint8_t *P, int64_t N) {
  char Buf[256];
  int64_t K = N < int64_t(sizeof(Buf)) - 1 ? N : int64_t(sizeof(Buf)) - 1;
  for (int64_t I = 0; I < K; I++)
    Buf[I] = char(P[I]);
  Buf[K] = 0;
  gort::fatal(Buf);
}
} // extern "C"
