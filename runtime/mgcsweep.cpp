//===- runtime/mgcsweep.cpp - The garbage collector: sweeping -------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Sweeping (gc: mgcsweep.go) runs while the program does, after each
// cycle's mark termination, in the background and on allocation, as in gc
// since Go 1.5. See mgc.cpp for the cycle.
//
// A sweep generation (gc's sweepgen; mcentral.cpp has the protocol): the
// mark termination, with the world stopped and every MCache flushed,
// adds 2 to Heap.SweepGen (gcSweepStart). Every span of the heap is then
// on one of its MCentral's lists (large objects' spans too, in their
// class's full list), and each swept list has become an unswept one
// without a span being touched. Sweeping a span takes it off an unswept
// list under its MCentral's lock, which makes the sweeper its only owner
// (SweepGen - 1 while it sweeps), and then:
//   - A large span whose object is unmarked goes back to the page heap
//     (MHeap::freeSpan); a marked one has its mark bit cleared.
//   - A small span with no marked object goes back to the page heap.
//   - Otherwise gc's trick frees the dead objects without touching them:
//     the mark bits become the allocation bits (marked = allocated,
//     everything else free), the old allocation bits are cleared to serve
//     as the next cycle's mark bits, FreeIndex restarts at 0 and
//     AllocCount is the number marked. If anything was freed the span's
//     free slots may hold old data (NeedZero).
// A kept span goes to its MCentral's swept full or partial list, or to
// the MCache that asked for one.
//
// Who sweeps:
//   - In the background (gc: bgsweep): the mark helper that finished the
//     concurrent mark, a thread without a P, is awake when the mark
//     terminates and sweeps the classes in order (gcBackgroundSweep,
//     sweepone; gc's sweep.centralIndex) on the CPU it already has, until
//     the sweep is done or the next mark needs it. (A thread of its own,
//     woken after each cycle, made binarytrees 10% slower: the wake-up
//     takes the waker's CPU.)
//   - MCentral::cacheSpan, when its class has no swept span with room:
//     it sweeps its own class's unswept spans until one has a free slot
//     (at most SpanBudget of them), before it grows (gc does the same).
//   - An allocation that needs new pages from the page heap while the
//     sweep is not done first sweeps until as many pages were freed
//     (gcReclaim; gc: mheap.reclaim), so that the heap does not grow
//     with garbage not yet swept.
//   - The next cycle's start finishes the sweep (gcFinishSweep; gc:
//     finishsweep_m): on the allocating goroutine before the world
//     stops, then in the pause whatever the background sweeper still
//     holds. A mark needs clear mark bits. runtime.GC() finishes the
//     sweep of its own cycle before it returns, as gc's does.
// The helper has no P, so a stop of the world does not stop it: the
// mark termination waits for a sweep in progress before it begins the
// next generation (SweepBlocked and SweepActive, below).
//
// Freed pages are not returned to the OS while a sweep runs: the
// scavenger (mheap.cpp) runs once when the sweep is done, against the
// heap goal of the cycle that began it.
//
// GORTDEBUG=gcpoison=1 fills every freed object with 0xdb bytes (gc's
// debug.clobberfree does the same with 0xdeadbeef) so that a use after
// free reads garbage at once instead of stale data.
//
//===----------------------------------------------------------------------===//

#include "runtime/mgc.h"

#include "runtime/lock.h"
#include "runtime/mcentral.h"
#include "runtime/mheap.h"
#include "runtime/os_linux.h"
#include "runtime/panic.h"
#include "runtime/proc.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"

namespace gort {

namespace {

constexpr uint8_t PoisonByte = 0xdb;

/// sweepone's result when no span is left to sweep.
constexpr uintptr_t NoneLeft = ~uintptr_t(0);

/// How many unswept spans cacheSpan sweeps before it grows the class
/// instead (gc: spanBudget).
constexpr int SpanBudget = 100;

/// The span class sweepone empties next (atomic; gc: sweep.centralIndex).
uint32_t SweepClass;
/// Sweeps in progress (atomic), and the mark termination's request that
/// no new one begin (atomic). A sweeper adds itself to SweepActive and
/// then reads SweepBlocked; gcSweepStart sets SweepBlocked and then waits
/// for SweepActive to drain. With sequentially consistent atomics one of
/// the two sees the other, so no sweeper reads the old generation's
/// number while the new one begins.
uint32_t SweepActive;
uint32_t SweepBlocked;
/// Every span of the current generation is swept (atomic).
uint32_t SweepDone = 1;

enum class SweepResult { Freed, Full, Partial };

/// Fills the objects of S that are allocated but unmarked with PoisonByte.
void poisonDead(MSpan *S) {
  for (uintptr_t I = 0; I < S->NElems; I++)
    if (!S->isFree(I) && !S->isMarked(I))
      memset(reinterpret_cast<void *>(S->base() + I * S->ElemSize), PoisonByte,
             S->ElemSize);
}

/// Sweeps S (see above), which the caller took off its unswept list.
/// Leaves a kept span on no list.
SweepResult sweepSpan(MSpan *S) {
  if (spanClassSizeClass(S->Class) == 0) {
    if (S->isMarked(0)) {
      S->GCMarkBits[0] = 0;
      return SweepResult::Full;
    }
    atomic::xadd(&GCStat.FreesByClass[0], uint64_t(1));
    atomic::xadd(&GCStat.SweptBytes, uint64_t(S->ElemSize));
    if (Debug.GCPoison)
      memset(reinterpret_cast<void *>(S->base()), PoisonByte,
             S->Limit - S->base());
    Heap.freeSpan(S);
    return SweepResult::Freed;
  }
  uintptr_t Words = spanBitWords(S->NElems);
  auto *Mark = reinterpret_cast<uint64_t *>(S->GCMarkBits);
  uintptr_t NMarked = 0;
  for (uintptr_t W = 0; W < Words; W++)
    NMarked += uintptr_t(__builtin_popcountll(Mark[W]));
  // No MCache holds S: AllocCount counts the allocated objects.
  GORT_ASSERT(NMarked <= S->AllocCount);
  bool Freed = NMarked < S->AllocCount;
  if (Freed) {
    atomic::xadd(&GCStat.FreesByClass[spanClassSizeClass(S->Class)],
                 uint64_t(S->AllocCount - NMarked));
    atomic::xadd(&GCStat.SweptBytes,
                 uint64_t(S->AllocCount - NMarked) * S->ElemSize);
  }
  if (Debug.GCPoison && Freed)
    poisonDead(S);
  if (NMarked == 0) {
    Heap.freeSpan(S);
    return SweepResult::Freed;
  }
  uint8_t *Old = S->AllocBits;
  S->AllocBits = S->GCMarkBits;
  S->GCMarkBits = Old;
  memset(Old, 0, Words * 8);
  S->FreeIndex = 0;
  S->AllocCount = uint16_t(NMarked);
  if (Freed)
    S->NeedZero = 1;
  return NMarked == S->NElems ? SweepResult::Full : SweepResult::Partial;
}

/// Takes an unswept span of class C off its list, marked as being swept
/// (SG - 1), or null.
MSpan *takeUnswept(MCentral &C, uint32_t SG) {
  lock(&C.Lock);
  MSpan *S = C.partialUnswept(SG)->pop();
  if (!S)
    S = C.fullUnswept(SG)->pop();
  unlock(&C.Lock);
  if (S) {
    GORT_ASSERT(S->SweepGen == SG - 2);
    atomic::store(&S->SweepGen, SG - 1);
  }
  return S;
}

/// Puts a swept span that was kept on its MCentral's swept list.
void placeSwept(MSpan *S, SweepResult R, uint32_t SG) {
  if (R == SweepResult::Freed)
    return;
  MCentral &C = Heap.Central[S->Class];
  lock(&C.Lock);
  atomic::store(&S->SweepGen, SG);
  (R == SweepResult::Full ? C.fullSwept(SG) : C.partialSwept(SG))->push(S);
  unlock(&C.Lock);
}

/// Declares the sweep of this generation done, once, and lets the
/// scavenger run.
void setSweepDone() {
  if (!atomic::load(&SweepDone) && atomic::cas(&SweepDone, 0u, 1u))
    heapScavengeOff(false);
}

/// Ends a sweeper's turn; the last one to leave after every list was
/// found empty declares the sweep done.
void sweepEnd(bool Drained) {
  uint32_t Left = atomic::xadd(&SweepActive, ~0u);
  if (Drained && Left == 0 && atomic::load(&SweepClass) >= NumSpanClasses)
    setSweepDone();
}

/// Sweeps one unswept span (gc: sweepone). Returns the pages it gave back
/// to the page heap, or NoneLeft if no span was left to sweep.
uintptr_t sweepone() {
  atomic::xadd(&SweepActive, 1u);
  if (atomic::load(&SweepBlocked)) {
    sweepEnd(false);
    return NoneLeft;
  }
  uint32_t SG = atomic::load(&Heap.SweepGen);
  MSpan *S = nullptr;
  for (uint32_t I; !S && (I = atomic::load(&SweepClass)) < NumSpanClasses;)
    if (!(S = takeUnswept(Heap.Central[I], SG)))
      atomic::cas(&SweepClass, I, I + 1);
  if (!S) {
    sweepEnd(true);
    return NoneLeft;
  }
  uintptr_t NPages = S->NPages;
  SweepResult R = sweepSpan(S);
  placeSwept(S, R, SG);
  sweepEnd(false);
  return R == SweepResult::Freed ? NPages : 0;
}

} // namespace

void gcSweepStart() {
  atomic::store(&SweepBlocked, 1u);
  while (atomic::load(&SweepActive) != 0)
    osyield();
  // The mark's start finished the last generation.
  GORT_ASSERT(atomic::load(&SweepDone));
  heapScavengeOff(true);
  atomic::store(&SweepClass, 0u);
  atomic::store(&SweepDone, 0u);
  atomic::store(&Heap.SweepGen, Heap.SweepGen + 2);
  atomic::store(&SweepBlocked, 0u);
}

void gcBackgroundSweep(const uint32_t *Stop, uint32_t Seen) {
  while (atomic::load(Stop) == Seen && sweepone() != NoneLeft)
    ;
}

void gcFinishSweep() {
  while (sweepone() != NoneLeft)
    ;
  // The background sweeper may still hold a span.
  while (atomic::load(&SweepActive) != 0)
    osyield();
  setSweepDone();
}

bool gcSweepDone() { return atomic::load(&SweepDone) != 0; }

void gcReclaim(uintptr_t NPages) {
  for (uintptr_t Got = 0; Got < NPages && !atomic::load(&SweepDone);) {
    uintptr_t N = sweepone();
    if (N == NoneLeft)
      return;
    Got += N;
  }
}

MSpan *gcSweepForCache(MCentral &C) {
  atomic::xadd(&SweepActive, 1u);
  uint32_t SG = atomic::load(&Heap.SweepGen);
  MSpan *Got = nullptr;
  for (int I = 0; I < SpanBudget && !Got; I++) {
    MSpan *S = takeUnswept(C, SG);
    if (!S)
      break;
    SweepResult R = sweepSpan(S);
    if (R == SweepResult::Partial)
      Got = S; // the caller's MCache sets its SweepGen
    else
      placeSwept(S, R, SG);
  }
  sweepEnd(false);
  return Got;
}

void gcSweep() {
  gcSweepStart();
  gcFinishSweep();
}

} // namespace gort
