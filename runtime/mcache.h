//===- runtime/mcache.h - Per-P allocation cache ----------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See mcache.cpp for the overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_MCACHE_H
#define GORT_RUNTIME_MCACHE_H

#include "runtime/mspan.h"

#include <stdint.h>

namespace gort {

/// A P's private cache of spans (gc: mcache): one span per span class to
/// allocate from without any lock, and the tiny allocator's block. Owned by
/// the M holding the P (or by whoever holds NoPCacheLock for the shared
/// no-P cache, malloc.cpp). Allocated by allocmcache from Heap.CacheAlloc.
struct MCache {
  /// The tiny allocator (gc: tiny, tinyoffset): the current 16-byte block
  /// and the offset of its free part; Tiny == 0 when there is none.
  uintptr_t Tiny;
  uintptr_t TinyOffset;
  uint64_t
      TinyAllocs; ///< allocations served from a tiny block, until releaseAll
  /// The span to allocate from, per span class; &EmptyMSpan when none.
  MSpan *Alloc[NumSpanClasses];

  /// Returns the next free object of class Spc, refilling from the
  /// MCentral when the cached span is full, and sets *SpanOut to the span
  /// it came from (gc: nextFree). Runs on any stack: the refill is done on
  /// the system stack.
  uintptr_t nextFree(SpanClass Spc, MSpan **SpanOut);
  /// Replaces the full span of class Spc by one with free objects (gc:
  /// refill). Must run on the system stack.
  void refill(SpanClass Spc);
  /// Gives every cached span back to its MCentral and drops the tiny
  /// block (gc: releaseAll).
  void releaseAll();
};

/// The span that empty MCache slots point to: no free objects, so the
/// first allocation refills (gc: emptymspan).
extern MSpan EmptyMSpan;

/// A new, empty MCache (gc: allocmcache).
MCache *allocmcache();
/// Releases C's spans and frees it (gc: freemcache).
void freemcache(MCache *C);

} // namespace gort

#endif // GORT_RUNTIME_MCACHE_H
