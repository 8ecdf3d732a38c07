//===- runtime/mcentral.h - Central free lists per span class ---*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See mcentral.cpp for the overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_MCENTRAL_H
#define GORT_RUNTIME_MCENTRAL_H

#include "runtime/lock.h"
#include "runtime/mspan.h"

#include <stdint.h>

namespace gort {

/// The spans of one span class that no MCache holds (gc: mcentral). Padded
/// to a cache line so that the locks of neighbouring classes do not share
/// one. Partial spans have free objects; full ones have none. Each kind has
/// two lists, swept and unswept, selected by the heap's SweepGen as in gc.
struct alignas(64) MCentral {
  Mutex Lock; ///< guards the lists and the spans on them
  SpanClass Class;
  SpanList Partial[2];
  SpanList Full[2];
  uint64_t NGrow; ///< spans obtained from the heap (atomic)

  SpanList *partialSwept(uint32_t SG) { return &Partial[SG / 2 % 2]; }
  SpanList *partialUnswept(uint32_t SG) { return &Partial[1 - SG / 2 % 2]; }
  SpanList *fullSwept(uint32_t SG) { return &Full[SG / 2 % 2]; }
  SpanList *fullUnswept(uint32_t SG) { return &Full[1 - SG / 2 % 2]; }

  void init(SpanClass Spc);
  /// Returns a span with at least one free object for an MCache to own,
  /// its AllocCache loaded. Must run on the system stack.
  MSpan *cacheSpan();
  /// Takes back a span from an MCache (gc: uncacheSpan).
  void uncacheSpan(MSpan *S);
  /// Allocates a fresh span of this class from the heap. System stack.
  MSpan *grow();
  /// Puts a new large object's span on the swept full list, where the
  /// sweeper will find it. Its class is 0 (large).
  void addLarge(MSpan *S);
};

} // namespace gort

#endif // GORT_RUNTIME_MCENTRAL_H
