//===- runtime/mcache.cpp - Per-P allocation cache ------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Each P has an MCache (gc: mcache.go): for every span class one span that
// only this P allocates from, so the allocation fast path (nextFreeFast,
// mspan.h) takes no lock and touches no shared cache line. See malloc.cpp
// for the overview.
//
// Data structures: MCache::Alloc[spc], the cached span per class, or
// &EmptyMSpan (no free objects) so that the first allocation of a class
// refills; Tiny/TinyOffset, the tiny allocator's current 16-byte block.
//
// nextFree(spc), when nextFreeFast finds nothing:
//   1. Search the cached span's bitmap past its AllocCache (nextFreeIndex).
//   2. If the span is full, refill on the system stack: give the span back
//      to its MCentral (uncacheSpan) and take one with free objects
//      (cacheSpan), which may grow the heap.
//   3. Take the free object.
//
// releaseAll gives every cached span back; freemcache releases and frees
// the MCache (a P that goes away; a test thread). The collector flushes
// every P's cache before a sweep begins (gc: prepareForSweep, mgc.cpp), so
// that no span cached before it is swept, and drops the tiny block.
//
// Heap-live accounting for the pacer (gc's): when a span is cached, its
// free bytes count as allocated (gcNoteHeapLive); releaseAll gives back the
// part left unused. Crossing the heap goal marks a collection due.
//
// Invariants: a span cached here has SweepGen == Heap.SweepGen + 3 and is
// on no MCentral list; AllocCountBeforeCache is its AllocCount when it was
// cached. Only the M holding the owning P touches an MCache (the no-P cache
// is guarded by NoPCacheLock, malloc.cpp). No lock is held across the
// fast path; refill takes MCentral::Lock, then Heap.Lock inside grow.
//
// Entry points: mallocgc (malloc.cpp); allocmcache (procinit in proc.cpp,
// malloc.cpp for the no-P cache, tests); freemcache.
//
// Rejected: a global free list per class with atomic pops (every
// allocation would contend on one cache line; gc abandoned it early).
//
//===----------------------------------------------------------------------===//

#include "runtime/mcache.h"

#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/mgc.h"
#include "runtime/mheap.h"
#include "runtime/panic.h"

namespace gort {

MSpan EmptyMSpan;

namespace {

struct RefillArgs {
  MCache *C;
  SpanClass Spc;
};

void refillM(void *Arg) {
  RefillArgs *A = static_cast<RefillArgs *>(Arg);
  A->C->refill(A->Spc);
}

/// Bytes of S's objects not allocated (yet): what the collector's heap-live
/// count gains when S is cached and gives back when S is returned.
int64_t freeBytes(const MSpan *S) {
  return int64_t((S->NElems - S->AllocCount) * S->ElemSize);
}

/// Records the objects allocated from S while it was cached.
void accountSpan(MSpan *S) {
  noteSmallAllocs(spanClassSizeClass(S->Class),
                  uint64_t(S->AllocCount - S->AllocCountBeforeCache));
}

} // namespace

MCache *allocmcache() {
  lock(&Heap.Lock);
  MCache *C = static_cast<MCache *>(Heap.CacheAlloc.alloc());
  unlock(&Heap.Lock);
  for (unsigned I = 0; I < NumSpanClasses; I++)
    C->Alloc[I] = &EmptyMSpan;
  return C;
}

void freemcache(MCache *C) {
  C->releaseAll();
  lock(&Heap.Lock);
  Heap.CacheAlloc.free(C);
  unlock(&Heap.Lock);
}

uintptr_t MCache::nextFree(SpanClass Spc, MSpan **SpanOut) {
  MSpan *S = Alloc[Spc];
  uintptr_t FreeIndex = S->nextFreeIndex();
  if (FreeIndex == S->NElems) {
    if (S->AllocCount != S->NElems)
      fatal("runtime: s.allocCount != s.nelems && freeIndex == s.nelems");
    RefillArgs A = {this, Spc};
    onSystemStack(refillM, &A);
    S = Alloc[Spc];
    FreeIndex = S->nextFreeIndex();
  }
  if (FreeIndex >= S->NElems)
    fatal("runtime: freeIndex is not valid");
  S->AllocCount++;
  *SpanOut = S;
  return FreeIndex * S->ElemSize + S->base();
}

void MCache::refill(SpanClass Spc) {
  MSpan *S = Alloc[Spc];
  if (S->AllocCount != S->NElems)
    fatal("runtime: refill of span with free space remaining");
  if (S != &EmptyMSpan) {
    accountSpan(S);
    Heap.Central[Spc].uncacheSpan(S);
  }
  S = Heap.Central[Spc].cacheSpan();
  if (!S)
    outOfMemory(ClassToSize[spanClassSizeClass(Spc)]);
  if (S->AllocCount == S->NElems)
    fatal("runtime: span has no free space");
  S->SweepGen = atomic::load(&Heap.SweepGen) + 3;
  S->AllocCountBeforeCache = S->AllocCount;
  Alloc[Spc] = S;
  // The span's free space counts as allocated from now on (gc's
  // accounting: releaseAll gives back what was not used).
  gcNoteHeapLive(freeBytes(S));
}

void MCache::releaseAll() {
  for (unsigned I = 0; I < NumSpanClasses; I++) {
    MSpan *S = Alloc[I];
    if (S == &EmptyMSpan)
      continue;
    accountSpan(S);
    gcNoteHeapLive(-freeBytes(S));
    Heap.Central[I].uncacheSpan(S);
    Alloc[I] = &EmptyMSpan;
  }
  Tiny = 0;
  TinyOffset = 0;
  noteTinyAllocs(TinyAllocs);
  TinyAllocs = 0;
}

} // namespace gort
