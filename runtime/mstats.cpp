//===- runtime/mstats.cpp - runtime.ReadMemStats --------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// runtime.ReadMemStats (gc: mstats.go, readmemstats_m). GoMemStats mirrors
// the layout of runtime.MemStats as runtime/go/mstats.go declares it (gc's
// fields, in gc's order); the function stops the world, returns every
// MCache's spans (so that the allocation counts and HeapLive are exact),
// and fills it:
//
//   Alloc, HeapAlloc  GCStat.HeapLive: the last cycle's marked bytes plus
//                     the bytes allocated since; plus, until the sweep is
//                     done, the dead bytes not yet swept, as gc counts them
//                     (GCStat.DeadAtSweep - SweptBytes)
//   TotalAlloc        bytes allocated before the last cycle plus since
//   Mallocs, Frees    objects: the MCaches' counts when spans leave them and
//                     large allocations; the sweeper's frees; BySize from
//                     the same counts per size class. Objects placed in a
//                     tiny block after its first count in both, as in gc
//                     (their block is allocated and freed as one object)
//   HeapObjects       Mallocs - Frees
//   HeapSys ...       the page heap's accounting, stacks (manual spans in
//                     the same arenas) moved to StackInuse/StackSys
//   Sys               arenas plus persistentalloc memory (OtherSys; the
//                     span and cache structures and the collector's bitmaps
//                     come from it: MSpanInuse and MCacheInuse are their
//                     counts times their sizes, GCSys is in OtherSys)
//   NextGC, NumGC, NumForcedGC, PauseTotalNs, PauseNs, PauseEnd, LastGC
//                     GCStat; GCCPUFraction the collector's share of the CPU
//                     time since start-up as of the last cycle
//                     (mgclimit.cpp)
//   Lookups, BuckHashSys 0 (gc: also 0 / no profiler); EnableGC true.
//
//===----------------------------------------------------------------------===//

#include "runtime/malloc.h"
#include "runtime/mcache.h"
#include "runtime/mgc.h"
#include "runtime/mspan.h"
#include "runtime/proc.h"
#include "runtime/runtime_pkg.h"
#include "runtime/sizeclasses.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"

#include <stddef.h>
#include <stdint.h>

namespace gort {
namespace {

/// runtime.MemStats as runtime/go/mstats.go declares it.
struct GoMemStats {
  uint64_t Alloc, TotalAlloc, Sys, Lookups, Mallocs, Frees;
  uint64_t HeapAlloc, HeapSys, HeapIdle, HeapInuse, HeapReleased, HeapObjects;
  uint64_t StackInuse, StackSys;
  uint64_t MSpanInuse, MSpanSys, MCacheInuse, MCacheSys, BuckHashSys, GCSys,
      OtherSys;
  uint64_t NextGC, LastGC, PauseTotalNs;
  uint64_t PauseNs[256];
  uint64_t PauseEnd[256];
  uint32_t NumGC, NumForcedGC;
  double GCCPUFraction;
  bool EnableGC, DebugGC;
  struct {
    uint32_t Size;
    uint64_t Mallocs, Frees;
  } BySize[61];
};
// gc's sizeof(runtime.MemStats) and two offsets, checked against go 1.19
// (test/lit/run/runtime_memstats.go prints them from the Go side).
static_assert(sizeof(GoMemStats) == 5776);
static_assert(offsetof(GoMemStats, NumGC) == 4288);
static_assert(offsetof(GoMemStats, BySize) == 4312);
static_assert(NumSizeClasses >= 61);

void readMemStatsM(void *Arg) {
  GoMemStats &Out = *static_cast<GoMemStats *>(Arg);
  stopTheWorldWithSema(nullptr);
  flushMCaches();
  unlockNoPCache();

  MemStats S;
  readMemStats(&S);
  uint64_t Live = atomic::load(&GCStat.HeapLive);
  uint64_t Swept = atomic::load(&GCStat.SweptBytes);
  uint64_t Unswept = gcSweepDone() || Swept >= GCStat.DeadAtSweep
                         ? 0
                         : GCStat.DeadAtSweep - Swept;
  Out.Alloc = Out.HeapAlloc = Live + Unswept;
  Out.TotalAlloc = GCStat.AllocatedPast + (Live - GCStat.MarkedLast);
  Out.Lookups = 0;
  // Objects that shared a tiny block count as allocated and, since their
  // block is what is freed, as freed at once (gc: tinyAllocCount).
  Out.Mallocs = S.SmallAllocs + S.LargeAllocs + S.TinyAllocs;
  Out.Frees = S.TinyAllocs;
  for (unsigned C = 0; C < NumSizeClasses; C++)
    Out.Frees += GCStat.FreesByClass[C];
  Out.HeapObjects = Out.Mallocs - Out.Frees;
  Out.HeapSys = S.HeapSys - S.StackInUse;
  Out.HeapIdle = S.HeapIdle;
  Out.HeapInuse = S.HeapInUse;
  Out.HeapReleased = S.HeapReleased;
  Out.StackInuse = Out.StackSys = S.StackInUse;
  Out.MSpanInuse = Out.MSpanSys = S.NumSpans * sizeof(MSpan);
  Out.MCacheInuse = Out.MCacheSys =
      uint64_t(atomic::load(&Gomaxprocs)) * sizeof(MCache);
  Out.BuckHashSys = 0;
  Out.GCSys = 0;
  Out.OtherSys = S.PersistentSys;
  Out.Sys = S.HeapSys + S.PersistentSys;

  Out.NextGC = GCStat.NextGC;
  Out.LastGC = GCStat.LastGC;
  Out.PauseTotalNs = GCStat.PauseTotalNs;
  for (unsigned I = 0; I < 256; I++) {
    Out.PauseNs[I] = GCStat.PauseNs[I];
    Out.PauseEnd[I] = GCStat.PauseEnd[I];
  }
  Out.NumGC = GCStat.NumGC;
  Out.NumForcedGC = GCStat.NumForcedGC;
  Out.GCCPUFraction = gcCPUFraction();
  Out.EnableGC = true;
  Out.DebugGC = false;
  for (unsigned C = 0; C < 61; C++) {
    Out.BySize[C].Size = ClassToSize[C];
    Out.BySize[C].Mallocs = C == 0 ? 0 : smallAllocsOfClass(C);
    Out.BySize[C].Frees = C == 0 ? 0 : GCStat.FreesByClass[C];
  }
  startTheWorldWithSema(nullptr);
}

} // namespace
} // namespace gort

using namespace gort;

void runtime_ReadMemStats(void *, void *M) {
  acquireWorldSema();
  systemstack(readMemStatsM, M);
  releaseWorldSema();
}
