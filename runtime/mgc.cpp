//===- runtime/mgc.cpp - The garbage collector: the cycle -----------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A non-moving mark-sweep collector (gc: mgc.go), in its first form: the
// whole cycle runs with the world stopped, roots and objects are scanned
// conservatively, and the heap goal follows GOGC. docs/runtime/gc.md tells
// the story; this note maps it to the code.
//
// When a cycle runs (gc: gcTrigger, gcStart):
//   - HeapLive, the bytes allocated since the last cycle plus the bytes it
//     left live, reaches NextGC. HeapLive grows when an MCache caches a
//     span (by the span's free bytes, gc's accounting) and when a large
//     object is allocated: a cost on the slow paths only. Crossing the goal
//     sets Pending; mallocgc tests that flag on entry and calls gcTrigger.
//   - runtime.GC() (gcForce), whatever the heap size.
//   - GORTDEBUG=gcstress=N: every N allocations (a debugging aid). Pending
//     then stays set, so that gcTrigger sees and counts every allocation;
//     the fast path keeps its single test.
// A cycle starts only on a user goroutine that holds no runtime lock, is
// not inside mallocgc, has a P and is not crashing -- gc's gcStart refuses
// in the same states. Otherwise Pending stays set and a later allocation
// starts it. One cycle at a time: the starter takes the world semaphore
// (proc.cpp), and a goroutine that waited for it skips its cycle if
// another one ran meanwhile.
//
// The cycle (gcStart, then gcCycle on the system stack):
//   1. Save every callee-saved register on the goroutine's stack and note
//      its stack pointer: the goroutine's frames may keep pointers in
//      those registers, and the marker reads only memory.
//   2. Stop the world (stopTheWorldWithSema): every other goroutine is
//      parked at a safepoint with its context on its own stack.
//   3. Flush every MCache (gc: prepareForSweep): cached spans go back to
//      their MCentral so that no span is being allocated from, and the
//      tiny blocks are dropped. The no-P cache's lock is held to the end.
//      Stacks shrink (shrinkStacks, stack.cpp): the segments cached beyond
//      each goroutine's current one, the stacks of the dead Gs on the
//      global free list, and pool chunks left unused go back to the heap.
//   4. Mark (mgcmark.cpp): from the roots, set the mark bit of every
//      reachable object and scan those that may hold pointers, on as many
//      threads as GOMAXPROCS and the CPUs allow.
//   5. Pace: NextGC = marked x (1 + GOGC/100), at least 4 MiB x GOGC/100
//      (gc: heapminimum) and, after an automatic cycle, at least 1 MiB
//      above the marked heap (gc: sweepMinHeapDistance); the scavenger keeps
//      free memory up to 10% above the goal, so that the next cycle's
//      allocations reuse pages instead of faulting them in again. With
//      GOMEMLIMIT (gc 1.19's soft limit, parsed as gc does) the goal is also at
//      most what the limit leaves after the runtime's other memory (stacks,
//      metadata), less 5%, but never within 1/16 of the live heap; the
//      scavenger then keeps no more than the limit allows. GOGC=off with a
//      limit collects only near the limit, as in gc. Pacing comes before the
//      sweep so that the sweep's scavenging uses the new bound.
//   6. Sweep (mgcsweep.cpp): every span's mark bits become its allocation
//      bits; spans left empty go back to the page heap.
//   7. Start the world; GODEBUG=gctrace=1 prints gc's line for the cycle.
//
// Conservative roots, precise objects, and why that is safe: the collector
// never moves an object, so treating a word that merely looks like a
// pointer as one can only keep garbage alive, never corrupt the heap. Every
// word of goroutine stacks (all segments), of the program's writable
// segments and of the Ms and Ps is a candidate. A heap object is scanned
// by its type: only the words its type's pointer bitmap marks are
// candidates (the heap bitmap and large spans' types, mbitmap.cpp); an
// object allocated without a type (the runtime's G, sudog, defer records)
// has every word scanned. A candidate counts if it points into an
// allocated object, at any offset (Go has interior pointers). Objects of
// types without pointers live in noscan spans and are never scanned. The
// precise stack maps of design.md (statepoints) replace the guesses on
// stacks later; what they buy is less retention and the write barriers of
// a concurrent collector, not correctness.
//
// What the conservative scan relies on: every pointer the program still
// uses is in memory the marker reads, or in a callee-saved register that
// step 1 (or gort_mcall, for a parked goroutine) stored on the stack. An
// optimizer may in principle keep only a pointer past the end of an
// object live across a call; LLVM does not do that for the loops gortc
// emits, and the statepoint work (issue 10, part 1) will make it
// impossible by construction.
//
// Finalizers (mfinal.cpp) take part in step 4: an object with one is
// marked through its finalizer's record rather than freed when nothing
// else reaches it, and its finalizer is queued; step 7 wakes the
// finalizer goroutine.
//
// Not yet (issue 10): concurrent marking with write barriers, background
// and lazy sweeping, mark assists, precise stacks and globals; gc's
// cap on the collector's CPU share when the limit is below the live heap.
//
// Entry points: gcTrigger (mallocgc), gcForce (runtime.GC), gcinit
// (schedinit), gcNoteHeapLive (mcache.cpp, malloc.cpp).
//
//===----------------------------------------------------------------------===//

#include "runtime/mgc.h"

#include "runtime/malloc.h"
#include "runtime/mcache.h"
#include "runtime/mfinal.h"
#include "runtime/mheap.h"
#include "runtime/os_linux.h"
#include "runtime/panic.h"
#include "runtime/print.h"
#include "runtime/proc.h"
#include "runtime/stack.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"

namespace gort {

GCState GCStat;

namespace {

/// gc: heapminimum at GOGC=100.
constexpr uint64_t HeapMinimum = 4 << 20;
/// gc: sweepMinHeapDistance. After an automatic cycle gc keeps the goal at
/// least this far above the heap, as runway for its concurrent sweeper;
/// gortc sweeps with the world stopped but keeps the same floor. Without
/// it a goal of a few kilobytes (GOGC=1 sets 40 KB) is reached by the
/// span or two an MCache takes, and every few allocations collect.
constexpr uint64_t SweepMinHeapDistance = 1 << 20;

uint64_t StressCount; ///< atomic: allocations, for gcstress

/// GOGC and GOMEMLIMIT's word for "none".
bool isOff(const char *S) {
  return S[0] == 'o' && S[1] == 'f' && S[2] == 'f' && S[3] == 0;
}

struct CycleArgs {
  G *Self;
  uintptr_t SP;
  bool Forced;
};

/// Prints V thousandths as "V/1000.V%1000" (gctrace's seconds and
/// milliseconds).
void printThousandths(uint64_t V) {
  printuint(V / 1000);
  printstring(".");
  uint64_t Frac = V % 1000;
  if (Frac < 100)
    printstring("0");
  if (Frac < 10)
    printstring("0");
  printuint(Frac);
}

/// Memory the runtime holds besides the heap's spans: stack segments,
/// persistentalloc metadata, the arenas' own metadata (gc: the non-heap
/// part of mappedReady).
uint64_t nonHeapBytes() {
  MemStats S;
  readMemStats(&S);
  return S.StackInUse + S.PersistentSys + S.NumArenas * sizeof(HeapArena);
}

/// Step 5: the heap goal after a cycle that marked Marked bytes, and the
/// memory the scavenger may keep (heapSetRetain; 0 for no bound). After an
/// automatic cycle (Runway) the goal is at least SweepMinHeapDistance
/// above the live heap.
void setGoal(uint64_t Marked, bool Runway = false) {
  uint64_t None = ~uint64_t(0);
  uint64_t Goal = None;
  if (GCStat.Percent >= 0) {
    uint64_t Pct = uint64_t(GCStat.Percent);
    Goal = Marked + Marked / 100 * Pct + Marked % 100 * Pct / 100;
    uint64_t Min = HeapMinimum * Pct / 100;
    if (Goal < Min)
      Goal = Min;
    if (Runway && Goal < Marked + SweepMinHeapDistance)
      Goal = Marked + SweepMinHeapDistance;
  }
  uint64_t Retain = Goal == None ? 0 : Goal + Goal / 10;
  if (GCStat.MemoryLimit != None) {
    // gc's memoryLimitHeapGoal: what the limit leaves for the heap, less
    // a 5% margin; never so close to the live heap that every allocation
    // collects (gc bounds that case by limiting the collector's CPU share).
    uint64_t NonHeap = nonHeapBytes();
    uint64_t ForHeap =
        GCStat.MemoryLimit > NonHeap ? GCStat.MemoryLimit - NonHeap : 0;
    uint64_t LimitGoal = ForHeap - ForHeap / 20;
    uint64_t Floor = Marked + Marked / 16 + (256 << 10);
    if (LimitGoal < Floor)
      LimitGoal = Floor;
    if (LimitGoal < Goal)
      Goal = LimitGoal;
    if (Retain == 0 || Retain > ForHeap)
      Retain = ForHeap > Goal ? ForHeap : Goal;
  }
  GCStat.NextGC = Goal;
  heapSetRetain(Retain);
}

/// Parses GOMEMLIMIT as gc does (runtime/debug.SetMemoryLimit's syntax): a
/// byte count with an optional B, KiB, MiB, GiB or TiB suffix, or "off".
/// Throws on anything else, as gc does.
uint64_t parseMemoryLimit(const char *S) {
  const char *Text = S;
  if (isOff(S))
    return ~uint64_t(0);
  uint64_t N = 0;
  S = readDecimal(S, ~uint64_t(0) >> 1, &N);
  struct Suffix {
    const char *Name;
    unsigned Shift;
  };
  const Suffix Suffixes[] = {{"", 0},     {"B", 0},    {"KiB", 10},
                             {"MiB", 20}, {"GiB", 30}, {"TiB", 40}};
  for (const Suffix &X : Suffixes) {
    if (!S)
      break;
    const char *P = S;
    const char *Q = X.Name;
    while (*Q && *P == *Q) {
      P++;
      Q++;
    }
    if (*Q == 0 && *P == 0 && N <= (~uint64_t(0) >> 1) >> X.Shift)
      return N << X.Shift;
  }
  printlock();
  printstring("GOMEMLIMIT=");
  printstring(Text);
  printstring("\n");
  printunlock();
  fatal("malformed GOMEMLIMIT; see `go doc runtime/debug.SetMemoryLimit`");
}

/// Steps 2-7, on the system stack.
void gcCycle(void *Arg) {
  CycleArgs &A = *static_cast<CycleArgs *>(Arg);
  int64_t Start = nanotime();
  stopTheWorldWithSema(nullptr);
  int64_t Stopped = nanotime();
  uint64_t HeapBefore = atomic::load(&GCStat.HeapLive);

  // Step 3, and the stacks' share of it: segments no goroutine uses go
  // back before marking, so they are not scanned either.
  flushMCaches();
  shrinkStacks();
  uint64_t Live = atomic::load(&GCStat.HeapLive);
  GCStat.AllocatedPast += Live - GCStat.MarkedLast;

  uint64_t Marked = gcMark(A.Self, A.SP);
  int64_t MarkDone = nanotime();
  setGoal(Marked, !A.Forced); // step 5

  gcSweep();
  unlockNoPCache();
  atomic::store(&GCStat.HeapLive, Marked);
  GCStat.MarkedLast = Marked;
  atomic::store(&GCStat.StressDue, 0u);
  atomic::store(&GCStat.Pending, Debug.GCStress ? 1u : 0u);
  GCStat.NumGC++;
  uint64_t Goal = GCStat.NextGC;

  startTheWorldWithSema(nullptr);
  wakefing(); // finalizers this cycle queued
  int64_t End = nanotime();
  GCStat.PauseTotalNs += uint64_t(End - Start);
  uint32_t Slot = (GCStat.NumGC + 255) % 256; // NumGC counts this cycle
  GCStat.PauseNs[Slot] = uint64_t(End - Start);
  GCStat.LastGC = GCStat.PauseEnd[Slot] = uint64_t(walltime());
  if (A.Forced)
    GCStat.NumForcedGC++;

  if (Debug.GCTrace > 0) {
    // gc's format (mgc.go, gcMarkTermination); the phases of a
    // stop-the-world cycle are the stop, the mark and the sweep.
    int64_t Since = End - GCStat.StartTime;
    uint64_t Pct = Since > 0 ? GCStat.PauseTotalNs * 100 / uint64_t(Since) : 0;
    printlock();
    printstring("gc ");
    printuint(GCStat.NumGC);
    printstring(" @");
    printThousandths(uint64_t(Since) / 1000000);
    printstring("s ");
    printuint(Pct);
    printstring("%: ");
    printThousandths(uint64_t(Stopped - Start) / 1000);
    printstring("+");
    printThousandths(uint64_t(MarkDone - Stopped) / 1000);
    printstring("+");
    printThousandths(uint64_t(End - MarkDone) / 1000);
    printstring(" ms clock, ");
    printuint(HeapBefore >> 20);
    printstring("->");
    printuint(HeapBefore >> 20);
    printstring("->");
    printuint(Marked >> 20);
    printstring(" MB, ");
    printuint(Goal == ~uint64_t(0) ? 0 : Goal >> 20);
    printstring(" MB goal, ");
    printint(atomic::load(&Gomaxprocs));
    printstring(" P");
    if (A.Forced)
      printstring(" (forced)");
    printstring("\n");
    printunlock();
  }
}

/// Step 1, then the cycle. Force runs it even if another goroutine
/// collected while this one waited for the world semaphore.
__attribute__((noinline)) void gcStart(bool Force) {
  // Every callee-saved register into this frame, below the caller's.
  __builtin_unwind_init();
  uintptr_t SP;
#if defined(__aarch64__)
  __asm__ volatile("mov %0, sp" : "=r"(SP));
#else
  __asm__ volatile("movq %%rsp, %0" : "=r"(SP));
#endif
  uint32_t Seen = atomic::load(&GCStat.NumGC);
  acquireWorldSema();
  if (!Force && (GCStat.NumGC != Seen || !atomic::load(&GCStat.Pending))) {
    releaseWorldSema();
    return;
  }
  CycleArgs A = {getg(), SP, Force};
  systemstack(gcCycle, &A);
  releaseWorldSema();
  // Keep SP's frame (and its saved registers) alive to here.
  __asm__ volatile("" : : "r"(SP) : "memory");
}

/// Whether the current thread may start a cycle now (gc: the checks at
/// the top of gcStart).
bool mayCollect() {
  G *Gp = getgOrNull();
  if (!Gp)
    return false;
  M *Mp = Gp->Mp;
  // CurG is never a g0: this also refuses the system stack.
  return Mp && Gp == Mp->CurG && Mp->Locks == 0 && Mp->Mallocing == 0 &&
         Mp->Dying == 0 && Mp->Pp && readgstatus(Gp) == GRunning;
}

} // namespace

int32_t gcSetPercent(int32_t In) {
  acquireWorldSema(); // no cycle is setting the goal meanwhile
  int32_t Out = GCStat.Percent;
  GCStat.Percent = In < 0 ? -1 : In;
  setGoal(GCStat.MarkedLast);
  releaseWorldSema();
  return Out;
}

int64_t gcSetMemoryLimit(int64_t In) {
  // gc's "no limit" is math.MaxInt64; the pacer's is ~0.
  constexpr int64_t NoLimit = INT64_MAX;
  acquireWorldSema();
  int64_t Out = GCStat.MemoryLimit >= uint64_t(NoLimit)
                    ? NoLimit
                    : int64_t(GCStat.MemoryLimit);
  if (In >= 0) {
    GCStat.MemoryLimit = In == NoLimit ? ~uint64_t(0) : uint64_t(In);
    setGoal(GCStat.MarkedLast);
  }
  releaseWorldSema();
  return Out;
}

void flushMCaches() {
  lockNoPCache();
  for (int32_t I = 0; I < MaxGomaxprocs; I++)
    if (P *Pp = AllP[I]; Pp && Pp->Cache)
      Pp->Cache->releaseAll();
  releaseNoPCacheLocked();
}

void gcinit() {
  GCStat.StartTime = nanotime();
  GCStat.Percent = 100;
  if (const char *S = gogetenv("GOGC")) {
    uint64_t N;
    if (isOff(S))
      GCStat.Percent = -1;
    else if (const char *E = readDecimal(S, INT32_MAX, &N); E && *E == 0)
      GCStat.Percent = int32_t(N);
  }
  GCStat.MemoryLimit = ~uint64_t(0);
  if (const char *S = gogetenv("GOMEMLIMIT"))
    GCStat.MemoryLimit = parseMemoryLimit(S);
  if (Debug.GCStress)
    GCStat.Pending = 1;
  setGoal(0);
}

void gcTrigger() {
  if (Debug.GCStress) {
    // Pending stays set: count this allocation, and collect only if N have
    // been counted or the heap reached its goal.
    if (atomic::xadd(&StressCount, uint64_t(1)) % uint64_t(Debug.GCStress) == 0)
      atomic::store(&GCStat.StressDue, 1u);
    if (!atomic::load(&GCStat.StressDue) &&
        atomic::load(&GCStat.HeapLive) < GCStat.NextGC)
      return;
  }
  if (mayCollect())
    gcStart(false);
}

void gcForce() {
  GORT_ASSERT(mayCollect());
  gcStart(true);
}

void gcNoteHeapLive(int64_t N) {
  uint64_t Live = atomic::xadd(&GCStat.HeapLive, uint64_t(N));
  if (Live >= GCStat.NextGC && !atomic::load(&GCStat.Pending))
    atomic::store(&GCStat.Pending, 1u);
}

} // namespace gort
