//===- runtime/runtime2.h - G, M and friends --------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The runtime's core structures, named and laid out as gc's runtime2.go so a
// reader can hold the two side by side. Glossary (docs/runtime/HACKING.md):
//
//   G      a goroutine: its stack (a chain of StackSegs), the saved context
//          used to switch to it (Sched), its id and status.
//   M      an OS thread ("machine"). Each M has a g0 whose stack is the
//          thread's own system stack; runtime code that must not run on a
//          small goroutine segment switches to it (systemstack).
//   P      a scheduling context (later, with the scheduler).
//   g0/m0  the first G and M: m0 is the process's initial thread, and m0's
//          g0 runs on the stack the kernel gave the process.
//
// Invariants:
//   - G begins with StackLo, StackHi, StackGuard0 at the offsets in
//     libgort/abi.h: compiled code reads StackGuard0 in every prologue.
//   - getg()->Mp->CurG is the user goroutine this M runs; getg() is either
//     that G or the M's g0 (inside systemstack/morestack).
//   - For now there is one M (m0) and one user G (the main goroutine); the
//     structures already carry the fields the scheduler will need.
//
// The field offsets that assembly uses are in asm_offsets.h and checked at
// the end of this file.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_RUNTIME2_H
#define GORT_RUNTIME_RUNTIME2_H

#include "libgort/abi.h"
#include "runtime/asm_offsets.h"

#include <stddef.h>
#include <stdint.h>

namespace gort {

struct G;
struct M;
struct StackSeg;

/// A saved execution context (gc: gobuf). Callee-saved registers other than
/// the frame pointer are not here: every switch is a call from the C ABI's
/// point of view, so they are either dead or saved on the stack being left.
struct Gobuf {
  uintptr_t SP;
  uintptr_t PC;
  uintptr_t BP;   ///< frame pointer (rbp / x29)
  void *Ctxt;     ///< passed as the first argument register to PC by gogo
  G *Gp;          ///< the G this context belongs to
};

/// A goroutine's status (gc: _Gidle, _Grunnable...). Accessed atomically
/// once there is more than one M.
constexpr uint32_t GIdle = 0;
constexpr uint32_t GRunnable = 1;
constexpr uint32_t GRunning = 2;
constexpr uint32_t GSyscall = 3;
constexpr uint32_t GWaiting = 4;
constexpr uint32_t GDead = 6;

/// An active panic (gc: _panic). Lives in gopanic's frame; G::Panics is the
/// innermost one, Link the one it interrupted.
struct Panic {
  abi::Eface Arg; ///< the panic value
  Panic *Link;
  bool Recovered;
  bool Aborted;
  bool Goexit;
};

struct G {
  // --- Read by compiled code; offsets fixed by libgort/abi.h. ---
  /// Bounds of the current stack segment: [StackLo, StackHi). For g0 the
  /// part of the OS stack the runtime may use.
  uintptr_t StackLo;
  uintptr_t StackHi;
  /// StackLo + abi::StackGuard, or abi::StackPreempt to make the next
  /// prologue check call gort_morestack. Written by the owning M; written by
  /// other Ms only to request preemption.
  uintptr_t StackGuard0;
  // --- Runtime only from here on. ---
  /// gc's stackguard1: StackLo + StackGuard on g0 stacks, ~0 on goroutine
  /// stacks. Unused until runtime code gets checks of its own.
  uintptr_t StackGuard1;
  M *Mp;         ///< the M running this G, or null
  Gobuf Sched;   ///< context to resume; for g0, Sched.SP is where
                 ///< systemstack calls start (top of the usable OS stack)
  StackSeg *Seg; ///< current stack segment; null for g0
  Panic *Panics; ///< innermost active panic, or null
  int64_t Goid;
  uint32_t Status; ///< GIdle, GRunning... (atomic)
  bool Preempt;    ///< preemption requested; StackGuard0 == StackPreempt
                   ///< until the G next enters gort_morestack
  // Signal that caused the current panic (gc: sig, sigcode0/1, sigpc).
  // Set by sigpanic-style entry points such as gort_panicmem.
  uint32_t Sig;
  uintptr_t SigCode0;
  uintptr_t SigCode1;
  uintptr_t SigPC;
  void (*StartFn)(void *); ///< entry function of a new goroutine
  void *StartArg;
  G *SchedLink; ///< next on a run queue
  G *AllLink;   ///< on allgs
};

/// Size of an M's print buffer (see print.cpp).
constexpr uint32_t PrintBufSize = 512;

struct M {
  G *G0;   ///< goroutine with the scheduling (system) stack
  G *CurG; ///< the user goroutine running on this M, or null
  int64_t ID;
  void *TLS; ///< this thread's thread pointer (static TLS block)
  int32_t Locks; ///< runtime locks held (gc: locks)
  int32_t PrintLock; ///< printlock nesting depth (gc: printlock)
  int32_t Dying;     ///< crashing: 1 while printing a fatal panic/throw
  uint32_t PrintLen; ///< bytes in PrintBuf; valid while PrintLock > 0
  char PrintBuf[PrintBufSize];
  M *AllLink; ///< on allm
};

static_assert(offsetof(G, StackLo) == abi::GStackLoOffset);
static_assert(offsetof(G, StackHi) == abi::GStackHiOffset);
static_assert(offsetof(G, StackGuard0) == abi::GStackGuard0Offset);
static_assert(offsetof(G, StackLo) == G_STACKLO);
static_assert(offsetof(G, StackHi) == G_STACKHI);
static_assert(offsetof(G, StackGuard0) == G_STACKGUARD0);
static_assert(offsetof(G, StackGuard1) == G_STACKGUARD1);
static_assert(offsetof(G, Mp) == G_M);
static_assert(offsetof(G, Sched) == G_SCHED);
static_assert(offsetof(Gobuf, SP) == GOBUF_SP);
static_assert(offsetof(Gobuf, PC) == GOBUF_PC);
static_assert(offsetof(Gobuf, BP) == GOBUF_BP);
static_assert(offsetof(Gobuf, Ctxt) == GOBUF_CTXT);
static_assert(offsetof(Gobuf, Gp) == GOBUF_G);
static_assert(offsetof(M, G0) == M_G0);
static_assert(offsetof(M, CurG) == M_CURG);

/// m0 and its g0 (proc.cpp).
extern M M0;
extern G G0;

} // namespace gort

#endif // GORT_RUNTIME_RUNTIME2_H
