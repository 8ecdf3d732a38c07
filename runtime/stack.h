//===- runtime/stack.h - Goroutine stack segments ---------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See stack.cpp for the overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_STACK_H
#define GORT_RUNTIME_STACK_H

#include "runtime/runtime2.h"

#include <stdint.h>

namespace gort {

/// Size of a goroutine's first segment, header included (gc: _StackMin is
/// 2048 too). Compiled code may use its top StackMin - sizeof(StackSeg) -
/// abi::StackGuard bytes (968) before the first check fails; a blocked
/// goroutine that used less costs 2 KiB of stack, half an OS page.
constexpr uintptr_t StackMin = 2 << 10;
/// Size of the main goroutine's first segment. There is one main goroutine
/// and most programs do their work on it: a first segment this size keeps
/// that work away from the segment boundary a loop's calls would otherwise
/// cross on every iteration (a "hot split": two stack switches per call,
/// about 35 ns; proc.cpp runtime startup).
constexpr uintptr_t MainStackMin = 64 << 10;
/// Largest total stack of one goroutine, all segments in use counted
/// (gc: maxstacksize on 64-bit systems).
extern uintptr_t MaxStackSize; ///< runtime/debug.SetMaxStack changes it

/// A block of stack memory [Lo, Hi) (gc: stack).
struct Stack {
  uintptr_t Lo;
  uintptr_t Hi;
};

/// Header of one segment of a goroutine's stack, stored at the segment's
/// top (the stack grows down away from it). Segments of one G form a doubly
/// linked chain; Next is kept after returning from it, as a cache.
struct StackSeg {
  StackSeg *Prev;  ///< segment this one was entered from; null for the first
  StackSeg *Next;  ///< cached next segment, or null
  uintptr_t Lo;    ///< start of the block
  uintptr_t Size;  ///< size of the block, header included
  uintptr_t Total; ///< Size plus the Sizes of all Prev segments
  /// The stack pointer in gort_morestack when Next was entered (below the
  /// callee-saved registers it pushed): while Next or a later segment is
  /// current, this segment's live part is [SavedSP, this header), which
  /// the collector scans (mgcmark.cpp).
  uintptr_t SavedSP;
  /// Next was entered since the last collection; shrinkStacks keeps it
  /// cached for a goroutine still crossing into it.
  bool NextUsed;
};

void stackinit();
/// Returns a block of N bytes (a power of two >= StackMin). Must run on the
/// system stack (gc: stackalloc).
Stack stackalloc(uintptr_t N);
/// Returns a block from stackalloc. Must run on the system stack
/// (gc: stackfree).
void stackfree(Stack S);

/// Gives Gp its first segment of Size bytes (a power of two) and sets its
/// stack bounds. Must run on the system stack.
void stackinitg(G *Gp, uintptr_t Size = StackMin);
/// Frees every segment of Gp's chain. Gp must not be running. System
/// stack.
void stackfreeg(G *Gp);
/// Frees every segment of Gp's chain but the first and makes that one
/// current, for a dead G kept for reuse (gc: gfput's stack handling). Gp
/// must not be running. System stack.
void stackresetg(G *Gp);

/// Called by the collector with the world stopped (gc: shrinkstack and
/// markrootFreeGStacks, freeStackSpans): if EachG, shrinkStack for every
/// G (a concurrent mark shrinks each stack when it scans it instead);
/// frees the stacks of the dead Gs on the global free list (gfget gives
/// them a new one); and returns the pool chunks no block of which is in
/// use to the page heap. System stack.
void shrinkStacks(bool EachG);
/// Frees the segments cached beyond Gp's current one unless it entered
/// them since the last collection, so a goroutine that returned from a
/// deep recursion keeps only what it uses (gc: shrinkstack). Gp is not
/// running. System stack.
void shrinkStack(G *Gp);

/// GORTDEBUG=gccheckmark=1 with a concurrent mark: zeroes the part of
/// Gp's stack below SP and every segment cached after the current one, at
/// the mark start. Words left there by calls that returned before the
/// mark started would otherwise turn up in frames the checkmark pass
/// scans conservatively at termination, as references the mark "missed".
/// Also done to every segment handed out, in that mode (newSeg,
/// stackresetg).
void stackClearBelow(G *Gp, uintptr_t SP);

/// Zeroes up to Bytes of the running goroutine's segment just below its
/// stack pointer (Boehm's GC_clear_stack): the runtime frames a caller
/// then builds there, which the collector scans conservatively, find
/// zeros in their unwritten words instead of pointers that calls which
/// returned left behind. runtime.GC does it first, so that an object a
/// program expects collected is not kept by such a word.
void stackScrub(uintptr_t Bytes);

/// Calls Fn(Arg) with at least Need bytes of the current segment above
/// stackguard0, on the goroutine's next segment if this one is short
/// (stack.cpp's protocol, as a compiled function's prologue would). For
/// runtime code that recurses or calls Go code deep below an entry point:
/// Fn then starts with the whole abi::StackGuard margin below it, as an
/// entry point does (utils/stack_budget.py checks Fn as one). On g0 or
/// without a g, calls Fn directly.
void callWithRoom(void (*Fn)(void *), void *Arg, uintptr_t Need);

/// GORTDEBUG=stackcheck=1 (Debug.StackCheck): fails fatally unless SP lies
/// in Gp's current segment. Called at every gort_morestack and every
/// preemption.
void stackcheckg(G *Gp, uintptr_t SP);

/// Counters for tests and debugging (updated under the stack lock).
struct StackStats {
  uint64_t Allocs;      ///< stackalloc calls
  uint64_t Frees;       ///< stackfree calls
  uint64_t SegSwitches; ///< gort_morestack calls that moved to a new segment
  uint64_t SegReuses;   ///< ... that reused a cached segment
};
extern StackStats StackStat;

} // namespace gort

// Called only from gort_morestack (asm_<goarch>.S); see stack.cpp.
extern "C" uintptr_t gort_newstack(gort::G *Gp, uintptr_t SP, uintptr_t Block);
extern "C" void gort_oldstack(gort::G *Gp);

#endif // GORT_RUNTIME_STACK_H
