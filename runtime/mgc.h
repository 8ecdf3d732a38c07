//===- runtime/mgc.h - The garbage collector --------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See mgc.cpp for the overview, mgcmark.cpp for marking and mgcsweep.cpp
// for sweeping.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_MGC_H
#define GORT_RUNTIME_MGC_H

#include "runtime/atomic.h"
#include "runtime/runtime2.h"
#include "runtime/sizeclasses.h"

#include <stdint.h>

namespace gort {

/// The collector's state. Written with the world stopped, except HeapLive,
/// Pending and StressDue (atomic).
struct alignas(64) GCState {
  /// Bytes of the heap allocated or cached for allocation: objects marked
  /// by the last cycle, plus the free space of every span cached since,
  /// plus large objects allocated since (gc: gcController.heapLive).
  uint64_t HeapLive;
  /// The heap goal: the next cycle starts when HeapLive reaches it (gc:
  /// heapGoal; a stop-the-world collector triggers at the goal).
  uint64_t NextGC;
  /// A cycle is due: the next mallocgc that may collect does (atomic).
  /// Every mallocgc reads it, and every span refill writes HeapLive: they
  /// live on separate cache lines so that the refills of one P do not
  /// evict the flag from the others' caches. Under GORTDEBUG=gcstress it
  /// stays set, so that every allocation reaches gcTrigger to be counted.
  alignas(64) uint32_t Pending;
  /// gcstress counted its N allocations since the last cycle (atomic).
  uint32_t StressDue;
  /// GOGC as a percentage; negative for "off".
  int32_t Percent;
  /// GOMEMLIMIT in bytes, ~0 for none (gc: memoryLimit): the heap goal
  /// keeps the heap plus the runtime's other memory under it.
  uint64_t MemoryLimit;
  uint32_t NumGC;        ///< completed cycles
  uint32_t NumForcedGC;  ///< cycles runtime.GC asked for
  uint64_t PauseTotalNs; ///< sum of the stop-the-world pauses (gctrace's %)
  int64_t StartTime;     ///< nanotime at gcinit, for gctrace's @time
  /// The last 256 pauses and when they ended (wall clock), at
  /// [NumGC % 256] before the cycle's NumGC++ (gc: MemStats.PauseNs).
  uint64_t PauseNs[256];
  uint64_t PauseEnd[256];
  uint64_t LastGC; ///< wall clock at the end of the last cycle, ns
  /// HeapLive after the last cycle (its marked bytes), and the bytes
  /// allocated before that cycle: TotalAlloc is their sum plus what HeapLive
  /// has gained since (runtime/mstats.cpp).
  uint64_t MarkedLast;
  uint64_t AllocatedPast;
  /// Objects freed by the sweeper, by size class ([0]: large objects).
  uint64_t FreesByClass[NumSizeClasses];
};
extern GCState GCStat;

/// Reads GOGC and GOMEMLIMIT and sets the first heap goal. Called by schedinit
/// after parsedebugvars.
void gcinit();

/// Runs a cycle if one is due and this goroutine may start it (mallocgc
/// calls it when GCStat.Pending is set; with GORTDEBUG=gcstress=N it also
/// counts the allocation and makes a cycle due every N). Out of line: the
/// fast path of mallocgc tests only the flag.
void gcTrigger();

/// Runs a full cycle now, whatever the heap size (runtime.GC). Must run on
/// a user goroutine that holds no runtime locks.
void gcForce();
/// runtime/debug.SetGCPercent and SetMemoryLimit (a negative In only
/// reads): set GOGC or GOMEMLIMIT, recompute the heap goal, return the
/// old value. User goroutine.
int32_t gcSetPercent(int32_t In);
int64_t gcSetMemoryLimit(int64_t In);

/// Adds N bytes to HeapLive and marks a cycle due when the goal is
/// reached (mcache.cpp when a span is cached, malloc.cpp for large
/// objects); N may be negative when a cached span is given back with free
/// space.
void gcNoteHeapLive(int64_t N);

//===--- Internal to mgc*.cpp --------------------------------------------===//

/// Marks everything reachable from the roots (mgcmark.cpp). The world is
/// stopped and every MCache flushed. Self is the goroutine that started
/// the cycle, SelfSP its stack pointer with every callee-saved register
/// saved above it. Returns the bytes marked.
uint64_t gcMark(G *Self, uintptr_t SelfSP);
/// GORTDEBUG=gccheckmark=1's check (gc: GODEBUG=gccheckmark=1), which
/// gcMark runs after marking: marks again from the same roots with
/// separate bits, on one thread, and throws if it reaches an object
/// without its mark bit.
void gcCheckmark(G *Self, uintptr_t SelfSP);

/// Frees every unmarked object and clears the mark bits (mgcsweep.cpp).
/// World stopped, caches flushed. The scavenger then runs once against the
/// bound the pacer set for this cycle (heapSetRetain).
void gcSweep();
/// Returns every P's MCache and the no-P cache's spans to their MCentrals,
/// with the world stopped; leaves the no-P cache locked (the caller
/// unlocks it with unlockNoPCache()). Afterwards HeapLive counts exactly
/// the bytes of objects allocated and not yet freed.
void flushMCaches();

} // namespace gort

#endif // GORT_RUNTIME_MGC_H
