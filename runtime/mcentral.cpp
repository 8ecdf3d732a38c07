//===- runtime/mcentral.cpp - Central free lists per span class -----------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// An MCentral holds the spans of one span class that no MCache is using
// (gc: mcentral.go). MCaches take spans from it when theirs fill up and give
// them back when they are flushed. See malloc.cpp for the overview.
//
// Data structures: Heap.Central[spc], one per span class, each padded to a
// cache line. Partial[2] holds spans with free objects, Full[2] spans
// without; of each pair, index SweepGen/2%2 holds swept spans and the
// other unswept ones (gc's partialSwept/partialUnswept...), so that a new
// GC cycle turns every swept list into an unswept one by adding 2 to
// Heap.SweepGen, without touching a span.
//
// cacheSpan (on the system stack):
//   1. Pop a swept partial span.
//   2. While the sweep of the last cycle is not done, sweep this class's
//      unswept spans, partial ones first, until one has a free object
//      (gcSweepForCache, mgcsweep.cpp; at most 100, gc's spanBudget).
//   3. Otherwise grow: a fresh span of ClassToAllocNPages pages from the
//      heap (no lock of ours held meanwhile), after sweeping until as many
//      pages were freed if the sweep is not done (gcReclaim).
//   4. Load its AllocCache from the word holding FreeIndex.
// uncacheSpan: put the span on the swept full or partial list by whether
// it has free objects left.
//
// Sweep generations, as gc (mspan.SweepGen relative to Heap.SweepGen):
// SG-2 needs sweeping, SG-1 is being swept, SG is swept, SG+1 was cached
// before sweeping began (sweep it when uncached), SG+3 was swept and then
// cached. Every MCache is flushed before a mark terminates, so SG+1 never
// occurs here. The mark termination adds 2 to SG (mgcsweep.cpp): every
// listed span is then SG-2, unswept, and the swept lists are empty.
// Sweepers take spans off the unswept lists, sweep them (SG-1) and move
// each to the swept list that fits (SG), or return it to the heap
// (freeSpan) if all its objects died. Large objects' spans are listed
// too, on the full lists of class 0, so that the sweeper finds them.
//
// Invariants: a span is on at most one list, and only while no MCache
// holds it; spans on the lists belong to this class. Locking: Lock guards
// the lists and the allocation state of spans on them; it is taken before
// Heap.Lock, never while holding it, and never across grow.
//
// Rejected: gc's lock-free spanSet (concurrent push/pop without a lock):
// an MCentral is visited once per span refill, not per object, so a short
// lock costs little; the list-per-sweep-state layout is kept so the
// sweeper fits in unchanged. Rejected too: one global lock for all classes
// (gc before 1.5); every P refilling at once would serialize.
//
//===----------------------------------------------------------------------===//

#include "runtime/mcentral.h"

#include "runtime/atomic.h"
#include "runtime/lock.h"
#include "runtime/mgc.h"
#include "runtime/mheap.h"
#include "runtime/panic.h"

namespace gort {

void MCentral::init(SpanClass Spc) {
  Class = Spc;
  for (unsigned I = 0; I < 2; I++) {
    Partial[I] = SpanList{nullptr, nullptr};
    Full[I] = SpanList{nullptr, nullptr};
  }
  NGrow = 0;
}

MSpan *MCentral::cacheSpan() {
  uint32_t SG = atomic::load(&Heap.SweepGen);
  lock(&Lock);
  MSpan *S = partialSwept(SG)->pop();
  unlock(&Lock);
  if (!S && !gcSweepDone())
    S = gcSweepForCache(*this); // step 2
  if (!S) {
    S = grow();
    if (!S)
      return nullptr;
  }
  // Step 4.
  if (S->AllocCount == S->NElems || S->FreeIndex == S->NElems)
    fatal("runtime: span has no free objects");
  uintptr_t FreeByteBase = S->FreeIndex & ~uintptr_t(63);
  S->refillAllocCache(FreeByteBase / 8);
  S->AllocCache >>= S->FreeIndex % 64;
  return S;
}

void MCentral::uncacheSpan(MSpan *S) {
  uint32_t SG = atomic::load(&Heap.SweepGen);
  // A span cached before the current sweep began (SweepGen == SG + 1)
  // would have to be swept here first; every MCache is flushed before a
  // sweep begins, so that never happens.
  GORT_ASSERT(S->SweepGen == SG + 3);
  S->SweepGen = SG;
  lock(&Lock);
  if (S->AllocCount == S->NElems)
    fullSwept(SG)->push(S);
  else
    partialSwept(SG)->push(S);
  unlock(&Lock);
}

MSpan *MCentral::grow() {
  unsigned SC = spanClassSizeClass(Class);
  gcReclaim(ClassToAllocNPages[SC]);
  MSpan *S = Heap.alloc(ClassToAllocNPages[SC], Class);
  if (!S)
    return nullptr;
  GORT_ASSERT(S->NElems == (uintptr_t(ClassToAllocNPages[SC]) << PageShift) /
                               ClassToSize[SC]);
  atomic::xadd(&NGrow, uint64_t(1));
  return S;
}

void MCentral::addLarge(MSpan *S) {
  GORT_ASSERT(spanClassSizeClass(Class) == 0);
  lock(&Lock);
  fullSwept(atomic::load(&Heap.SweepGen))->push(S);
  unlock(&Lock);
}

} // namespace gort
