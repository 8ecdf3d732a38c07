//===- runtime/mgclimit.cpp - The collector's CPU time and its limiter ----===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// How much CPU time the collector takes, and gc 1.19's cap on it (gc:
// mgclimit.go, and the accounting in mgc.go's gcMarkTermination). See
// mgc.cpp for the cycle.
//
// The collector's time, in CPU-nanoseconds:
//   - a stop-the-world pause: its length times min(GOMAXPROCS, CPUs); no
//     P runs the program meanwhile (gc: sweepTermCpu, markTermCpu);
//   - a mark helper's time in a concurrent mark, from its wake-up until it
//     finds no more work (gc: the dedicated and fractional workers' time;
//     here the helpers are threads of their own, mgcmark.cpp);
//   - an assist's: a goroutine's time in gcTrigger's assist, marking or
//     spinning for the helpers (gc: assistTime). For the limiter only, also
//     its time parked until the helpers are done: a goroutine the collector
//     holds does no work, and in a program of few goroutines its P idles
//     meanwhile (gc takes idle Ps' time out of the total instead).
// gctrace prints a cycle's share as gc does ("ms cpu": the start's pause,
// assists / workers / idle workers (none here), the termination's pause),
// and MemStats.GCCPUFraction is the sum over the cycles so far over the CPU
// time available since start-up (GOMAXPROCS times the time, integrated as
// GOMAXPROCS changes), as of the last cycle's end, as in gc.
//
// The limiter (gc: gcCPULimiter). Under GOMEMLIMIT, a live heap near or
// over the limit leaves each cycle little runway: the next cycle starts at
// once and allocations assist its mark or wait for it, so that the program
// spends most of its time in the collector (a death spiral). A leaky bucket
// measures that: it fills with the collector's time and drains with the
// program's (the rest of GOMAXPROCS x the time), window by window: at each
// pause's end, and from assists when 10 ms have passed (gcCPUUpdate). Its
// capacity, one CPU-second per P, is the leeway for bursts. While it is
// full the limiter is on: allocations past the goal do not assist
// (gcTrigger), so the heap passes its goal, and the limit, instead of the
// program stalling; the helpers go on marking. Filling and draining by the
// same measure caps the collector at half of the CPU over time, as gc's.
// GORTDEBUG=gclimitcap=N sets the capacity to N microseconds per P (a
// debugging aid: a test sees the limiter act without running for seconds).
//
// Invariants: Fill <= Capacity. The pools are atomic, added to from any
// thread. An update holds Lock, taken with a compare-and-swap; one that
// finds it taken leaves the pools to the next.
//
// Entry points: gcCPUAdd (mgc.cpp's gcTrigger, mgcmark.cpp's helpers),
// gcCPUPause and gcCPUCycleEnd (mgc.cpp, at each pause's end),
// gcCPUMaybeUpdate, gcCPULimiting (gcTrigger), gcCPUInit (gcinit).
//
//===----------------------------------------------------------------------===//

#include "runtime/mgc.h"

#include "runtime/os_linux.h"
#include "runtime/runtime2.h"
#include "runtime/stubs.h"

namespace gort {

bool CPULimiterBucket::accumulate(int64_t MutatorNs, int64_t GCNs) {
  uint64_t Headroom = Capacity - Fill;
  int64_t Change = GCNs - MutatorNs;
  if (Change > 0 && Headroom <= uint64_t(Change)) {
    Overflow += uint64_t(Change) - Headroom;
    Fill = Capacity;
    Enabled = true;
    return true;
  }
  if (Change < 0)
    Fill = Fill <= uint64_t(-Change) ? 0 : Fill - uint64_t(-Change);
  else
    Fill += uint64_t(Change);
  // Balanced time leaves a full bucket full, and the limiter on.
  if (Change != 0)
    Enabled = false;
  return Enabled;
}

void CPULimiterBucket::setCapacity(uint64_t C) {
  Capacity = C;
  if (Fill > C)
    Fill = C;
}

namespace {

/// The longest window between updates while assists run (gc:
/// gcCPULimiterUpdatePeriod).
constexpr int64_t UpdatePeriodNs = 10 * 1000 * 1000;
/// The bucket's capacity per P (gc: capacityPerProc).
constexpr uint64_t CapacityPerProcNs = 1000 * 1000 * 1000;

struct CPUState {
  uint32_t Lock;           ///< held by an update (atomic)
  uint32_t Enabled;        ///< the bucket's state, for gcCPULimiting (atomic)
  CPULimiterBucket Bucket; ///< (Lock)
  /// nanotime of the last update (written under Lock; gcCPUMaybeUpdate
  /// reads it without).
  int64_t LastUpdate;
  /// The collector's time since the last update, by GCCPUKind, and the
  /// pauses' (atomic).
  int64_t Pool[3];
  int64_t PausePool;
  /// This cycle's assists and helpers, for gctrace and the fraction
  /// (atomic; taken at the cycle's end).
  int64_t CycleAssist, CycleMark;
  /// CPU time available since start-up (written under Lock; read by
  /// gcCPUCycleEnd without).
  uint64_t TotalNs;
  /// The completed cycles' CPU time, and GCTotalNs / TotalNs at the last
  /// cycle's end (the cycle's thread, holding the world semaphore).
  uint64_t GCTotalNs;
  double Fraction;
};
constinit CPUState CPU{};

} // namespace

int64_t gcSTWProcs() {
  int32_t Procs = atomic::load(&Gomaxprocs);
  return Procs < Ncpu ? Procs : Ncpu;
}

void gcCPUInit(int64_t Now) { atomic::storeRelaxed(&CPU.LastUpdate, Now); }

void gcCPUAdd(GCCPUKind K, int64_t Ns) {
  if (Ns <= 0)
    return;
  atomic::xadd(&CPU.Pool[int(K)], Ns);
  if (K == GCCPUKind::Assist)
    atomic::xadd(&CPU.CycleAssist, Ns);
  else if (K == GCCPUKind::Mark)
    atomic::xadd(&CPU.CycleMark, Ns);
}

void gcCPUUpdate(int64_t Now) {
  if (!atomic::cas(&CPU.Lock, 0u, 1u))
    return;
  int64_t Last = CPU.LastUpdate;
  if (Now > Last) {
    int32_t Procs = atomic::load(&Gomaxprocs);
    int64_t Window = (Now - Last) * Procs;
    atomic::storeRelaxed(&CPU.TotalNs, CPU.TotalNs + uint64_t(Window));
    int64_t GC = atomic::xchg(&CPU.PausePool, int64_t(0));
    for (int64_t &P : CPU.Pool)
      GC += atomic::xchg(&P, int64_t(0));
    uint64_t Cap = Debug.GCLimitCap > 0 ? uint64_t(Debug.GCLimitCap) * 1000
                                        : CapacityPerProcNs;
    CPU.Bucket.setCapacity(Cap * uint64_t(Procs));
    bool On = CPU.Bucket.accumulate(Window - GC, GC);
    atomic::store(&CPU.Enabled, On ? 1u : 0u);
    atomic::storeRelaxed(&CPU.LastUpdate, Now);
  }
  atomic::store(&CPU.Lock, 0u);
}

void gcCPUMaybeUpdate(int64_t Now) {
  if (Now - atomic::loadRelaxed(&CPU.LastUpdate) > UpdatePeriodNs)
    gcCPUUpdate(Now);
}

bool gcCPULimiting() { return atomic::loadRelaxed(&CPU.Enabled) != 0; }

int64_t gcCPUPause(int64_t Now, int64_t Ns) {
  int64_t CPUNs = Ns * gcSTWProcs();
  atomic::xadd(&CPU.PausePool, CPUNs);
  gcCPUUpdate(Now);
  return CPUNs;
}

void gcCPUCycleStart() {
  atomic::store(&CPU.CycleAssist, int64_t(0));
  atomic::store(&CPU.CycleMark, int64_t(0));
}

GCCycleCPU gcCPUCycleEnd(int64_t PausesNs) {
  GCCycleCPU C;
  C.AssistNs = atomic::xchg(&CPU.CycleAssist, int64_t(0));
  C.MarkNs = atomic::xchg(&CPU.CycleMark, int64_t(0));
  CPU.GCTotalNs += uint64_t(PausesNs + C.AssistNs + C.MarkNs);
  // TotalNs is as of the update the pause's end made (or a later one).
  uint64_t Total = atomic::loadRelaxed(&CPU.TotalNs);
  // The helpers are threads beside the Ps: their time can exceed what
  // GOMAXPROCS leaves the collector.
  CPU.Fraction = Total ? double(CPU.GCTotalNs) / double(Total) : 0;
  if (CPU.Fraction > 1)
    CPU.Fraction = 1;
  return C;
}

double gcCPUFraction() { return CPU.Fraction; }

} // namespace gort
