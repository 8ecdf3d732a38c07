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

struct MCentral;
struct MSpan;

/// The collector's state. Written with the world stopped, except HeapLive,
/// Pending, StressDue and MarkDone (atomic).
struct alignas(64) GCState {
  /// Bytes of the heap allocated or cached for allocation: objects marked
  /// by the last cycle, plus the free space of every span cached since,
  /// plus large objects allocated since (gc: gcController.heapLive).
  uint64_t HeapLive;
  /// The heap goal (gc: heapGoal): a concurrent mark should end before
  /// HeapLive reaches it; past it, allocations assist the mark.
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
  /// The bytes of the objects the last mark left unmarked (the heap at
  /// its termination less the marked bytes), and the bytes the sweepers
  /// have freed since (atomic): until the sweep is done, the difference
  /// is garbage not yet freed, which MemStats.HeapAlloc counts, as gc's.
  uint64_t DeadAtSweep;
  uint64_t SweptBytes;
  /// HeapLive at which the next cycle starts (gc: the trigger), between the
  /// marked heap and NextGC: a concurrent mark needs runway, as the
  /// program allocates while it runs. TriggerRatio is the share of the
  /// runway (NextGC - marked) used before the start, in 1/1024ths, tuned
  /// after each cycle by how far the heap went past or stayed under its
  /// goal (mgc.cpp: the pacer).
  uint64_t Trigger;
  uint32_t TriggerRatio;
  /// A concurrent mark is running: between mark start and mark
  /// termination (gc: gcphase == _GCmark). Written with the world stopped.
  uint32_t Marking;
  /// The mark workers found no more work (atomic): the next allocation
  /// that may stop the world terminates the mark.
  uint32_t MarkDone;
  int64_t StartNs;      ///< nanotime at this cycle's mark start
  uint32_t Phases;      ///< mark starts and ends so far, to skip stale requests
  uint64_t HeapAtStart; ///< HeapLive at mark start, for gctrace
  uint64_t StartPauseNs;   ///< the mark start's stop-the-world
  int64_t StartPauseCPUNs; ///< its CPU time (mgclimit.cpp)
  bool StartForced;
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

/// The write barrier's switch (gc: writeBarrier.enabled), on while a
/// concurrent mark runs: compiled code tests it before every store of a
/// pointer into memory that is not its own frame or a global
/// (codegen/write_barrier.cpp) and then calls gort_wb or gort_wbmove.
/// While it is on, mallocgc allocates black (gcMarkNew).
extern "C" uint32_t gort_writeBarrier;

/// gc's hybrid write barrier for a store of New into the pointer slot
/// Slot: shades the pointer Slot holds and New. Call only while
/// gort_writeBarrier is set, before the store.
extern "C" void gort_wb(void *Slot, void *New);
/// The bulk barrier for a copy of N bytes from Src to Dst (Src null for
/// clearing): shades every pointer Dst holds and every one Src holds
/// (gc: bulkBarrierPreWrite). Before the copy.
extern "C" void gort_wbmove(void *Dst, const void *Src, uint64_t N);

/// The runtime's own stores of pointers into heap memory: typedmemmove,
/// memclrHasPointers and pointer stores, with the barrier when it is on.
inline void wbMove(void *Dst, const void *Src, uintptr_t N) {
  if (__builtin_expect(atomic::load(&gort_writeBarrier) != 0, 0))
    gort_wbmove(Dst, Src, N);
  __builtin_memmove(Dst, Src, N);
}
inline void wbClear(void *Dst, uintptr_t N) {
  if (__builtin_expect(atomic::load(&gort_writeBarrier) != 0, 0))
    gort_wbmove(Dst, nullptr, N);
  __builtin_memset(Dst, 0, N);
}
inline void wbStore(void **Slot, void *New) {
  if (__builtin_expect(atomic::load(&gort_writeBarrier) != 0, 0))
    gort_wb(Slot, New);
  *Slot = New;
}

/// Marks a new object allocated while the mark runs (gc: allocate black,
/// gcmarknewobject). mallocgc, for large objects.
void gcMarkNew(void *X);
/// The same for a new small object at V in span S (no span lookup).
void gcMarkNewIn(MSpan *S, uintptr_t V);

/// The pacer's arithmetic (mgc.cpp), for the unit tests: step 5 after a
/// cycle that marked Marked bytes (NextGC, Trigger and the scavenger's
/// bound; Runway: an automatic cycle), and the trigger's tuning after a
/// concurrent mark that ended with HeapEnd bytes of heap, its workers done
/// or not.
void gcSetGoal(uint64_t Marked, bool Runway);
void gcTuneTrigger(uint64_t HeapEnd, bool WorkersDone);

/// The CPU limiter's leaky bucket (mgclimit.cpp; gc: gcCPULimiterState's
/// bucket), in CPU-nanoseconds: the collector's time fills it, the
/// program's drains it, and the limiter is on while it is full.
struct CPULimiterBucket {
  uint64_t Fill = 0, Capacity = 0;
  /// The collector's time that found the bucket full.
  uint64_t Overflow = 0;
  bool Enabled = false;
  /// Adds a window's time; returns whether the limiter is on.
  bool accumulate(int64_t MutatorNs, int64_t GCNs);
  void setCapacity(uint64_t C);
};

/// What the collector's time is spent on (mgclimit.cpp): an assist marking
/// or spinning, an assist parked until the helpers are done (counted by
/// the limiter only), a helper marking concurrently.
enum class GCCPUKind { Assist, AssistWait, Mark };
/// Adds Ns of the collector's time; any thread.
void gcCPUAdd(GCCPUKind K, int64_t Ns);
/// The CPUs a pause keeps from the program: min(GOMAXPROCS, CPUs) (gc:
/// work.stwprocs).
int64_t gcSTWProcs();
/// Counts a stop-the-world pause of Ns that ended at Now and updates the
/// limiter; returns the pause's CPU time (Ns x the CPUs it stopped).
int64_t gcCPUPause(int64_t Now, int64_t Ns);
/// Updates the limiter with the time since the last update; at most
/// every 10 ms for the Maybe form. Any thread.
void gcCPUUpdate(int64_t Now);
void gcCPUMaybeUpdate(int64_t Now);
/// The limiter is on: allocations do not assist (gc: limiting).
bool gcCPULimiting();
/// A cycle's mark time, its assists' and helpers' (gctrace's "ms cpu").
struct GCCycleCPU {
  int64_t AssistNs = 0, MarkNs = 0;
};
/// Starts and ends a cycle's account; the end adds PausesNs (its pauses'
/// CPU time) and the mark time to the total that MemStats.GCCPUFraction
/// divides. The cycle's thread: the start with the world stopped, the end
/// after the last pause's gcCPUPause.
void gcCPUCycleStart();
GCCycleCPU gcCPUCycleEnd(int64_t PausesNs);
/// MemStats.GCCPUFraction, as of the last cycle's end.
double gcCPUFraction();
void gcCPUInit(int64_t Now);

//===--- Internal to mgc*.cpp --------------------------------------------===//

/// Installs the root table [Begin, End) (abi::GCRoot: the variables of
/// compiled code and their pointer bitmaps), sorted by address; throws if
/// two entries overlap. gcinit installs the executable's.
void initGCRoots(const abi::GCRoot *Begin, const abi::GCRoot *End);

/// Marks everything reachable from the roots (mgcmark.cpp). The world is
/// stopped and every MCache flushed. Self is the goroutine that started
/// the cycle, SelfSP its stack pointer with every callee-saved register
/// saved above it. Returns the bytes marked.
uint64_t gcMark(G *Self, uintptr_t SelfSP);
/// A concurrent mark's start, with the world stopped and the caches
/// flushed: scans every root into shared work for the mark workers
/// (the writable segments, Ms, Ps, every G with its stack, defer and
/// panic records, the timers and the finalizers), which mark on while
/// the world runs, once gcMarkStartWorkers wakes them. False if there is
/// no worker to mark concurrently (one CPU, GORTDEBUG=gcserial=1); then
/// nothing was done.
bool gcMarkStart(G *Self, uintptr_t SelfSP);
/// Wakes the helpers of the mark gcMarkStart began, after the world
/// restarted: a thread woken inside the pause may take the waker's CPU
/// for a scheduler tick (measured: 3-4 ms of a start's pause).
void gcMarkStartWorkers();
/// A concurrent mark's termination, with the world stopped: takes what the
/// write barriers shaded, finishes marking on every marker, runs the
/// checkmark pass and the finalizers' step 2. Returns the bytes marked,
/// those allocated black included.
uint64_t gcMarkTerminate(G *Self, uintptr_t SelfSP);
/// Wakes the goroutine that terminates a concurrent mark whose workers
/// are done (mgc.cpp); any thread, a mark helper's too.
void gcWakeTerminator();
/// Readies the goroutines parked in an assist until the workers are
/// done (mgc.cpp; gc: gcWakeAllAssists); any thread.
void gcWakeAssists();
/// A mark assist (gc: gcAssistAlloc): the allocating goroutine scans
/// shared grey objects while the heap is past its goal. False if there
/// was no work to take.
bool gcAssist();

/// A concurrent mark scans each goroutine's stack once, before it runs
/// again: called by execute (proc.cpp) on g0 before Gp resumes. Scans
/// Gp's stack and records unless a helper has (or waits for the helper
/// scanning them). System stack, with a P.
void gcScanBeforeResume(G *Gp);
/// A new G (malg), before it joins allgs: the current or last mark has
/// nothing to scan on its stack. System stack.
void gcNewG(G *Gp);
/// newproc1, once Gp's start function and argument are set: while a
/// concurrent mark runs, Gp's stack needs no scan (a dead G revived) and
/// its start argument is shaded. System stack, with a P.
void gcNewGoroutine(G *Gp);
/// GORTDEBUG=gccheckmark=1's check (gc: GODEBUG=gccheckmark=1), which
/// gcMark runs after marking: marks again from the same roots with
/// separate bits, on one thread, and throws if it reaches an object
/// without its mark bit.
void gcCheckmark(G *Self, uintptr_t SelfSP);

/// Begins sweeping after a mark (mgcsweep.cpp): every span becomes
/// unswept. World stopped, caches flushed. Freeing pages does not
/// scavenge until the sweep is done; the scavenger then runs once against
/// the bound the pacer set for this cycle (heapSetRetain).
void gcSweepStart();
/// Sweeps in the background, on a thread without a P (a mark helper's),
/// until nothing is left or *Stop no longer equals Seen.
void gcBackgroundSweep(const uint32_t *Stop, uint32_t Seen);
/// Sweeps every span not yet swept, and waits for sweeps in progress
/// (gc: finishsweep_m). System stack.
void gcFinishSweep();
/// Whether every span of the current generation is swept.
bool gcSweepDone();
/// Sweeps until NPages pages went back to the page heap or nothing is
/// left to sweep (gc: mheap.reclaim): before the heap grows. System stack.
void gcReclaim(uintptr_t NPages);
/// Sweeps unswept spans of C until one has a free slot, which it returns
/// (on no list), or null (MCentral::cacheSpan's step 2). System stack.
MSpan *gcSweepForCache(MCentral &C);
/// gcSweepStart and gcFinishSweep: the whole sweep at once (tests).
void gcSweep();
/// Returns every P's MCache and the no-P cache's spans to their MCentrals,
/// with the world stopped; leaves the no-P cache locked (the caller
/// unlocks it with unlockNoPCache()). Afterwards HeapLive counts exactly
/// the bytes of objects allocated and not yet freed.
void flushMCaches();

} // namespace gort

#endif // GORT_RUNTIME_MGC_H
