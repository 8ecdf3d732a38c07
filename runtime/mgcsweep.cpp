//===- runtime/mgcsweep.cpp - The garbage collector: sweeping -------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Sweeping (gc: mgcsweep.go), all of it with the world stopped, right
// after marking. See mgc.cpp for the cycle.
//
// Every heap span is visited once, through its arena's PageInUse bitmap
// (one bit on each InUse span's first page):
//   - A large span whose object is unmarked goes back to the page heap
//     (MHeap::freeSpan); a marked one has its mark bit cleared.
//   - A small span with no marked object leaves its MCentral list and goes
//     back to the page heap.
//   - Otherwise gc's trick frees the dead objects without touching them:
//     the mark bits become the allocation bits (marked = allocated,
//     everything else free), the old allocation bits are cleared to serve
//     as the next cycle's mark bits, FreeIndex restarts at 0 and
//     AllocCount is the number marked. If anything was freed the span's
//     free slots may hold old data (NeedZero). The span moves to its
//     MCentral's swept full or partial list.
// Pages freed here are not returned to the OS during the sweep: the
// scavenger (mheap.cpp) runs once afterwards, against the new heap goal.
//
// GORTDEBUG=gcpoison=1 fills every freed object with 0xdb bytes (gc's
// debug.clobberfree does the same with 0xdeadbeef) so that a use after
// free reads garbage at once instead of stale data.
//
// With the world stopped and every MCache flushed, no span is cached and
// nobody allocates (the no-P cache's lock is held), so the sweep owns
// every span; it still takes MCentral and heap locks around their lists,
// as their invariants say.
//
//===----------------------------------------------------------------------===//

#include "runtime/mgc.h"

#include "runtime/lock.h"
#include "runtime/mcentral.h"
#include "runtime/mheap.h"
#include "runtime/os_linux.h"
#include "runtime/panic.h"
#include "runtime/stubs.h"

namespace gort {

namespace {

constexpr uint8_t PoisonByte = 0xdb;

/// Fills the objects of S that are allocated but unmarked with PoisonByte.
void poisonDead(MSpan *S) {
  for (uintptr_t I = 0; I < S->NElems; I++)
    if (!S->isFree(I) && !S->isMarked(I))
      memset(reinterpret_cast<void *>(S->base() + I * S->ElemSize), PoisonByte,
             S->ElemSize);
}

/// Sweeps S (see above). SG is the heap's sweep generation.
void sweepSpan(MSpan *S, uint32_t SG) {
  if (spanClassSizeClass(S->Class) == 0) {
    if (S->isMarked(0)) {
      S->GCMarkBits[0] = 0;
      return;
    }
    GCStat.FreesByClass[0]++;
    if (Debug.GCPoison)
      memset(reinterpret_cast<void *>(S->base()), PoisonByte,
             S->Limit - S->base());
    Heap.freeSpan(S);
    return;
  }
  uintptr_t Words = spanBitWords(S->NElems);
  auto *Mark = reinterpret_cast<uint64_t *>(S->GCMarkBits);
  uintptr_t NMarked = 0;
  for (uintptr_t W = 0; W < Words; W++)
    NMarked += uintptr_t(__builtin_popcountll(Mark[W]));
  // Every MCache is flushed: AllocCount counts the allocated objects.
  GORT_ASSERT(NMarked <= S->AllocCount);
  bool Freed = NMarked < S->AllocCount;
  GCStat.FreesByClass[spanClassSizeClass(S->Class)] += S->AllocCount - NMarked;
  if (Debug.GCPoison && Freed)
    poisonDead(S);

  MCentral &C = Heap.Central[S->Class];
  lock(&C.Lock);
  // An uncached span is on exactly one of its MCentral's lists.
  GORT_ASSERT(S->List);
  S->List->remove(S);
  if (NMarked != 0) {
    uint8_t *Old = S->AllocBits;
    S->AllocBits = S->GCMarkBits;
    S->GCMarkBits = Old;
    memset(Old, 0, Words * 8);
    S->FreeIndex = 0;
    S->AllocCount = uint16_t(NMarked);
    if (Freed)
      S->NeedZero = 1;
    if (NMarked == S->NElems)
      C.fullSwept(SG)->push(S);
    else
      C.partialSwept(SG)->push(S);
  }
  unlock(&C.Lock);
  if (NMarked == 0)
    Heap.freeSpan(S);
}

} // namespace

void gcSweep() {
  uint32_t SG = atomic::load(&Heap.SweepGen);
  heapScavengeOff(true);
  for (HeapArena *A = Heap.ArenaFirst; A; A = A->Next) {
    for (uintptr_t W = 0; W < ArenaBitmapWords; W++) {
      uint64_t Bits = A->PageInUse[W];
      while (Bits) {
        unsigned B = unsigned(__builtin_ctzll(Bits));
        Bits &= Bits - 1;
        MSpan *S = A->Spans[W * 64 + B];
        GORT_ASSERT(S && S->State == MSpanState::InUse);
        sweepSpan(S, SG);
      }
    }
  }
  heapScavengeOff(false);
}

} // namespace gort
