//===- runtime/stubs.h - getg, systemstack and other primitives -*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Primitives that every runtime file uses (gc: stubs.go). See asm_amd64.S
// for the stack-switching routines themselves.
//
// The current g:
//   x86-64:  the thread-local variable gort_tls_g (local-exec TLS), read as
//            `movq %fs:gort_tls_g@TPOFF, %reg`. getg() reads it with inline
//            asm each time: the compiler never sees a TLS address it could
//            keep across a call (a goroutine may resume on another M).
//   AArch64: register x28 at all times. The runtime is built with
//            -ffixed-x28 and compiled code with +reserve-x28, so nothing but
//            setg and the assembly in asm_arm64.S writes it.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_STUBS_H
#define GORT_RUNTIME_STUBS_H

#include "runtime/runtime2.h"

#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__)
/// The current g of this thread (x86-64 only; see above). Defined in
/// proc.cpp; accessed only through getg/setg and assembly.
extern "C"
    __attribute__((tls_model("local-exec"))) thread_local gort::G *gort_tls_g;
#endif

extern "C" {
// Stack switching (asm_<goarch>.S).
void gort_systemstack(void (*Fn)(void *), void *Arg);
[[noreturn]] void gort_gogo(gort::Gobuf *Buf);

// Memory primitives (memmove.cpp); LLVM also emits calls to these.
void *memcpy(void *Dst, const void *Src, size_t N);
void *memmove(void *Dst, const void *Src, size_t N);
void *memset(void *Dst, int C, size_t N);
int memcmp(const void *A, const void *B, size_t N);
int bcmp(const void *A, const void *B, size_t N);
}

namespace gort {

/// Returns the current g: the running goroutine, or the M's g0 while on the
/// system stack; null before rt0 has set up g0.
__attribute__((always_inline)) inline G *getg() {
  G *Gp;
#if defined(__x86_64__)
  __asm__ volatile("movq %%fs:gort_tls_g@TPOFF, %0" : "=r"(Gp));
#else
  __asm__ volatile("mov %0, x28" : "=r"(Gp));
#endif
  return Gp;
}

/// True once rt0 has installed the thread pointer and set g to g0 (proc.cpp).
/// Until then getg() must not run on x86-64: %fs is not set up yet.
extern bool GReady;

/// getg() for code that may run before start-up has set g (printing, locks,
/// fatal): null until GReady.
__attribute__((always_inline)) inline G *getgOrNull() {
  return GReady ? getg() : nullptr;
}

/// Sets the current g. Only for code that also switches stacks (or for
/// start-up); everything else calls getg.
__attribute__((always_inline)) inline void setg(G *Gp) {
#if defined(__x86_64__)
  __asm__ volatile("movq %0, %%fs:gort_tls_g@TPOFF" : : "r"(Gp) : "memory");
#else
  __asm__ volatile("mov x28, %0" : : "r"(Gp) : "memory");
#endif
}

/// Runs Fn(Arg) on the current M's g0 (system) stack and returns, as gc's
/// systemstack. If already on g0, calls Fn directly. Use it from any code
/// that may run on a goroutine segment and needs more than a few hundred
/// bytes of stack. Precondition: getg() is not null.
inline void systemstack(void (*Fn)(void *), void *Arg) {
  gort_systemstack(Fn, Arg);
}

/// Return address of the calling function (gc: getcallerpc). Must be used in
/// a function that is not inlined into its caller.
#define GORT_CALLERPC() (uintptr_t(__builtin_return_address(0)))

/// Rounds X up to a multiple of the power of two A.
constexpr uintptr_t alignUp(uintptr_t X, uintptr_t A) {
  return (X + A - 1) & ~(A - 1);
}
constexpr uintptr_t alignDown(uintptr_t X, uintptr_t A) { return X & ~(A - 1); }

/// Length of a NUL-terminated string (gc: findnull).
inline uintptr_t findnull(const char *S) {
  uintptr_t N = 0;
  while (S[N])
    N++;
  return N;
}

} // namespace gort

#endif // GORT_RUNTIME_STUBS_H
