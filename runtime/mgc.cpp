//===- runtime/mgc.cpp - The garbage collector: the cycle -----------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A non-moving mark-sweep collector (gc: mgc.go) whose marking runs
// concurrently with the program, as gc's does since Go 1.5: two short
// stops of the world, at the mark start and at the mark termination; roots
// are scanned conservatively, heap objects by type; the heap goal follows
// GOGC and GOMEMLIMIT. docs/runtime/gc.md tells the story; this note maps
// it to the code.
//
// When a cycle starts (gc: gcTrigger, gcStart):
//   - HeapLive, the bytes allocated since the last cycle plus the bytes it
//     left live, reaches Trigger, a share (TriggerRatio) of the way from
//     the marked heap to the goal NextGC, so that the mark has runway.
//     HeapLive grows when an MCache caches a span (by the span's free
//     bytes, gc's accounting) and when a large object is allocated: a
//     cost on the slow paths only. Crossing the trigger sets Pending;
//     mallocgc tests that flag on entry and calls gcTrigger.
//   - runtime.GC() (gcForce): a whole cycle with the world stopped, after
//     terminating the concurrent mark if one runs.
//   - GORTDEBUG=gcstress=N: every N allocations (a debugging aid). Pending
//     then stays set, so that gcTrigger sees and counts every allocation;
//     the fast path keeps its single test.
// A cycle's phases start only on a user goroutine that holds no runtime
// lock, is not inside mallocgc, has a P and is not crashing -- gc's
// gcStart refuses in the same states. Otherwise Pending stays set and a
// later allocation starts it. One phase at a time: the starter takes the
// world semaphore (proc.cpp), and a goroutine that waited for it skips its
// request if another phase ran meanwhile (GCState::Phases).
//
// The mark start (gcStart, then gcCycle on the system stack):
//   1. Save every callee-saved register on the goroutine's stack and note
//      its stack pointer: the goroutine's frames may keep pointers in
//      those registers, and the marker reads only memory. Finish the last
//      cycle's sweep (gcFinishSweep, mgcsweep.cpp): a mark needs every
//      span swept.
//   2. Stop the world (stopTheWorldWithSema): every other goroutine is
//      parked at a safepoint with its context on its own stack. Wait for
//      the background sweeper's last span.
//   3. Flush every MCache (gc: prepareForSweep): cached spans go back to
//      their MCentral, and the tiny blocks are dropped, so that every
//      object allocated from here on is allocated black. Stacks shrink
//      (shrinkStacks, stack.cpp), and the sudog and defer pools are
//      emptied (clearpools, proc.cpp; gc does the same).
//   4. Turn on the write barrier (gort_writeBarrier) and allocate-black,
//      and scan every root into grey work for the mark workers
//      (gcMarkStart, mgcmark.cpp): the writable segments, the Ms, g0s and
//      Ps, every goroutine's stack and its runtime records, the timers,
//      the finalizers. Start the world, and only then wake the helpers: a
//      thread woken inside the pause can take the waker's CPU for a
//      scheduler tick.
// The concurrent mark: helper threads (a quarter of the CPUs, at least
// one) blacken the grey objects while the program runs. The program's
// stores into the heap go through the write barrier (mgcmark.cpp:
// gort_wb, gort_wbmove; codegen/write_barrier.cpp emits the calls, mgc.h's
// wbMove/wbClear/wbStore serve the runtime's own stores), which greys
// both the pointer overwritten and the one stored: gc's hybrid barrier.
// mallocgc marks each new object (gcMarkNewIn, gcMarkNew). When the heap
// reaches NextGC before the mark is done, the allocating goroutine assists
// (gcAssist: it scans grey objects the workers share with it); while it
// finds none to take it waits for the workers, spinning for up to 1 ms
// and then parked (gc: gcParkAssist), rather than allocate on or end the
// mark in a pause -- unless gc's CPU limiter is on (mgclimit.cpp: the
// collector took over half of the CPU lately), when it allocates on.
// When the workers run out of work, the last one sets MarkDone and
// readies the parked assists; a spinning assist, or the next
// allocation, terminates the mark on its own thread. Only if no
// allocation has done so 0.2 ms later does the helper wake the terminator
// goroutine: that hands it a P, and a stop of the world waits for that P
// until the OS runs the thread, which took milliseconds on a 2-CPU VM.
// The mark termination (gcCycle again, Marking set): stop the world,
// flush the MCaches, take the write barriers' buffers and finish the
// mark on every thread (gcMarkTerminate), run the checkmark pass and the
// finalizers' step, turn the barrier off, then, as a stop-the-world cycle
// does:
//   5. Pace: NextGC = marked x (1 + GOGC/100), at least 4 MiB x GOGC/100
//      (gc: heapminimum) and, after an automatic cycle, at least 1 MiB
//      above the marked heap (gc: sweepMinHeapDistance); the trigger moves
//      with it, and tuneTrigger moves TriggerRatio down after a mark that
//      let the heap pass its goal and up after one that ended far below.
//      The scavenger keeps free memory up to twice the goal, so that the
//      next cycle's allocations reuse pages instead of faulting them in
//      again. With GOMEMLIMIT (gc 1.19's soft limit, parsed as gc does)
//      the goal is also at most what the limit leaves after the runtime's
//      other memory (stacks, metadata), less 5%, but never within 1/16 of
//      the live heap; the scavenger then keeps no more than the limit
//      allows. GOGC=off with a limit collects only near the limit, as in
//      gc. Pacing comes before the sweep so that the sweep's scavenging
//      uses the new bound.
//   6. Begin the sweep (gcSweepStart, mgcsweep.cpp): every span becomes
//      unswept; the background sweeper and allocations sweep them while
//      the program runs (a span's mark bits become its allocation bits;
//      spans left empty go back to the page heap).
//   7. Start the world (the pause ends when the Ps are handed back, as
//      gc measures it); count the cycle's CPU time (mgclimit.cpp);
//      GODEBUG=gctrace=1 prints gc 1.19's line for the cycle (printTrace).
// A whole cycle with the world stopped (runtime.GC, GORTDEBUG=gcstw=1,
// a machine with one CPU, GORTDEBUG=gcserial=1) runs steps 1-7 with the
// mark of mgcmark.cpp's gcMark in between.
//
// Conservative roots, precise objects, and why that is safe: the collector
// never moves an object, so treating a word that merely looks like a
// pointer as one can only keep garbage alive, never corrupt the heap. Every
// word of goroutine stacks (all segments), of the Ms and Ps, and of the
// program's writable segments outside the variables of compiled code is a
// candidate; those variables are scanned by their pointer bitmaps (the
// root table, mgcmark.cpp). A heap object is scanned by its type: only the
// words its type's pointer bitmap marks are candidates (the heap bitmap and
// large spans' types, mbitmap.cpp); an object allocated without a type (the
// runtime's G, sudog, defer records) has every word scanned. A candidate counts
// if it points into an allocated object, at any offset (Go has interior
// pointers). Objects of types without pointers live in noscan spans and are
// never scanned. A Go frame stopped in a call with a stack map
// (codegen/stack_maps.cpp) is scanned by it instead, precisely: what the
// maps buy is less retention, not correctness.
//
// Why the concurrent mark is correct: the mark start greys everything the
// roots reference, with the world stopped; from then on, whatever the
// program stores into or removes from the heap passes the barrier, which
// greys the object removed (so everything reachable at the start stays
// found: a snapshot at the beginning) and the one stored; and objects
// allocated since are black. Frames, globals, Ms, Ps, G structures and
// their defer records, the timer heap and the finalizer table need no
// barrier: the start scanned them with the world stopped. The runtime's
// stores into heap objects it shares with the program (maps, channels,
// select, reflect, sync/atomic) use wbMove, wbClear and wbStore.
//
// What the conservative scan relies on: every pointer the program still
// uses is in memory the marker reads, or in a callee-saved register that
// step 1 (or gort_mcall, for a parked goroutine) stored on the stack. An
// optimizer may in principle keep only a pointer past the end of an
// object live across a call; LLVM does not do that for the loops gortc
// emits, and a frame with a map keeps the base of every pointer it uses
// across a call in a slot, which rules it out there.
//
// Finalizers (mfinal.cpp) take part in the mark: an object with one is
// marked through its finalizer's record rather than freed when nothing
// else reaches it, and its finalizer is queued; step 7 wakes the
// finalizer goroutine.
//
// Not yet (issue 10): mark workers that take a P rather than a thread of
// their own; assists in proportion to allocation (gc's assist ratio; here
// only past the goal).
//
// Entry points: gcTrigger (mallocgc), gcForce (runtime.GC), gcinit
// (schedinit), gcNoteHeapLive (mcache.cpp, malloc.cpp), gcWakeAssists and
// gcWakeTerminator (mgcmark.cpp's helpers).
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
#include "runtime/stkmap.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"

/// The root table codegen emits (libgort/abi.h GCRoot), bracketed by
/// libgort/gort.ld.
extern "C" const gort::abi::GCRoot __gort_gcroots_start[]
    __attribute__((visibility("hidden")));
extern "C" const gort::abi::GCRoot __gort_gcroots_end[]
    __attribute__((visibility("hidden")));

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

/// The bounds and the first value of GCState::TriggerRatio, in 1/1024ths
/// of the runway.
constexpr uint32_t MinTriggerRatio = 256;
constexpr uint32_t MaxTriggerRatio = 960;
constexpr uint32_t InitialTriggerRatio = 768;

uint64_t StressCount; ///< atomic: allocations, for gcstress

/// How long an assist without work spins for the helpers to finish
/// before it parks.
constexpr int64_t AssistSpinNs = 1000000;
/// Assists spinning for the helpers to finish (atomic).
uint32_t AssistSpinning;

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
  // Free pages up to twice the goal stay mapped: a concurrent mark lets
  // the heap pass its goal by what the program allocates meanwhile, and
  // returning those pages at each sweep only to fault them in again made
  // a program of many short cycles (run-bench's generics) 30% slower than
  // with the world stopped; at 1.1 x the goal, as before, or 1.5 x, it
  // still was.
  uint64_t Retain = Goal == None ? 0 : Goal * 2;
  if (GCStat.MemoryLimit != None) {
    // gc's memoryLimitHeapGoal: what the limit leaves for the heap, less
    // a 5% margin; never so close to the live heap that every allocation
    // collects (gc has no such floor; both have the CPU limiter,
    // mgclimit.cpp).
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
  // The trigger: a share of the runway from the marked heap to the goal.
  uint64_t Space = Goal > Marked ? Goal - Marked : 0;
  GCStat.Trigger = Goal == None ? None
                                : Marked + Space / 1024 * GCStat.TriggerRatio +
                                      Space % 1024 * GCStat.TriggerRatio / 1024;
  heapSetRetain(Retain);
}

/// Parses GOMEMLIMIT as gc does (runtime/debug.SetMemoryLimit's syntax): a
/// byte count with an optional B, KiB, MiB, GiB or TiB suffix, or "off";
/// set but empty is unset (gc's gogetenv returns "" for both). Throws on
/// anything else, as gc does.
uint64_t parseMemoryLimit(const char *S) {
  const char *Text = S;
  if (*S == 0 || isOff(S))
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

/// Prints Ns as milliseconds as gc's gctrace does (fmtNSAsMS): whole
/// milliseconds from 10 ms up, else two significant digits with at most
/// three decimals ("0.053", "0.96", "4.2").
void printMs(int64_t Ns) {
  uint64_t N = Ns > 0 ? uint64_t(Ns) : 0;
  if (N >= 10000000) {
    printuint(N / 1000000);
    return;
  }
  uint64_t X = N / 1000;
  if (X == 0) {
    printstring("0");
    return;
  }
  unsigned Dec = 3;
  while (X >= 100) {
    X /= 10;
    Dec--;
  }
  uint64_t Scale = Dec == 3 ? 1000 : Dec == 2 ? 100 : 10;
  printuint(X / Scale);
  printstring(".");
  for (uint64_t D = Scale / 10; D; D /= 10)
    printuint(X / D % 10);
}

/// The bytes of the program's writable segments the mark scans (gc:
/// globalsScan): their sum, less the page heap's state, which it skips.
uint64_t GlobalsBytes;
void addGlobals(uintptr_t Lo, uintptr_t Hi) {
  uintptr_t HLo = uintptr_t(&Heap), HHi = HLo + sizeof(Heap);
  GlobalsBytes += Hi - Lo;
  if (Lo <= HLo && HHi <= Hi)
    GlobalsBytes -= sizeof(Heap);
}

/// A cycle's times for gctrace: when it began, then in clock time the
/// mark start's pause, the mark and the termination's pause, and in CPU
/// time the start's pause, the assists, the helpers and the termination.
struct TraceTimes {
  int64_t Begin;
  int64_t Clock[3];
  int64_t CPU[4];
};

/// Prints gc's gctrace line for a cycle (mgc.go, gcMarkTermination):
///   gc N @S.s P%: clock ms clock, cpu ms cpu, H0->H1->H2 MB, G MB goal,
///   S MB stacks, G MB globals, P P
/// P% is MemStats.GCCPUFraction; the heap at the start, at the termination
/// and marked. "cpu" is start+assists/workers/idle workers+termination;
/// the helpers are gc's dedicated and fractional workers, and there are
/// no idle-priority workers.
void printTrace(const TraceTimes &T, uint64_t HeapStart, uint64_t HeapEnd,
                uint64_t Marked, bool Forced) {
  int64_t Since = T.Begin - GCStat.StartTime;
  uint64_t Goal = GCStat.NextGC;
  MemStats S;
  readMemStats(&S);
  if (!GlobalsBytes)
    forEachWritableSegment(addGlobals);
  printlock();
  printstring("gc ");
  printuint(GCStat.NumGC);
  printstring(" @");
  printThousandths(uint64_t(Since > 0 ? Since : 0) / 1000000);
  printstring("s ");
  printuint(uint64_t(gcCPUFraction() * 100));
  printstring("%: ");
  for (int I = 0; I < 3; I++) {
    if (I)
      printstring("+");
    printMs(T.Clock[I]);
  }
  printstring(" ms clock, ");
  printMs(T.CPU[0]);
  printstring("+");
  printMs(T.CPU[1]);
  printstring("/");
  printMs(T.CPU[2]);
  printstring("/0+");
  printMs(T.CPU[3]);
  printstring(" ms cpu, ");
  printuint(HeapStart >> 20);
  printstring("->");
  printuint(HeapEnd >> 20);
  printstring("->");
  printuint(Marked >> 20);
  printstring(" MB, ");
  printuint(Goal == ~uint64_t(0) ? 0 : Goal >> 20);
  printstring(" MB goal, ");
  printuint(S.StackInUse >> 20);
  printstring(" MB stacks, ");
  printuint(GlobalsBytes >> 20);
  printstring(" MB globals, ");
  printint(atomic::load(&Gomaxprocs));
  printstring(" P");
  if (Forced)
    printstring(" (forced)");
  printstring("\n");
  printunlock();
}

/// The pacer's feedback (gc: the trigger's controller, in a simple form):
/// a concurrent mark that let the heap pass its goal, or that had to be
/// finished in the termination's pause, starts earlier next time; one
/// that ended well short of the goal starts later.
void tuneTrigger(uint64_t HeapEnd, uint64_t Goal, uint64_t Trigger,
                 bool WorkersDone) {
  uint32_t R = GCStat.TriggerRatio;
  if (HeapEnd > Goal || !WorkersDone)
    R = R > MinTriggerRatio + 64 ? R - 64 : MinTriggerRatio;
  else if (Goal - HeapEnd > (Goal - Trigger) / 2)
    R = R + 16 < MaxTriggerRatio ? R + 16 : MaxTriggerRatio;
  GCStat.TriggerRatio = R;
}

/// Goroutines that allocated past the goal and found no mark work to
/// assist with (gc: work.assistQueue), parked until the helpers are done.
Mutex AssistQLock;
GQueue AssistQ; ///< (AssistQLock)

/// Parks the current goroutine until the concurrent mark's helpers are
/// done (gc: gcParkAssist); returns at once if they are already.
void parkAssist() {
  lock(&AssistQLock);
  if (atomic::load(&GCStat.MarkDone) || !atomic::load(&GCStat.Marking)) {
    unlock(&AssistQLock);
    return;
  }
  AssistQ.pushBack(getg());
  goparkunlock(&AssistQLock, WaitReason::GCAssistWait);
}

/// The end of every cycle, with the world stopped and the marking done:
/// pace, sweep, account, restart the world, record the pause (Start is
/// when this stop began; StartPause the mark start's, 0 for a
/// stop-the-world cycle), trace.
void endCycle(uint64_t Marked, bool Forced, int64_t Start, int64_t Stopped,
              int64_t MarkDone, uint64_t HeapStart, uint64_t StartPause,
              int64_t MarkStart, bool WorkersDone = true) {
  uint64_t HeapEnd = atomic::load(&GCStat.HeapLive);
  GCStat.AllocatedPast += HeapEnd - GCStat.MarkedLast;
  if (StartPause)
    tuneTrigger(HeapEnd, GCStat.NextGC, GCStat.Trigger, WorkersDone);
  setGoal(Marked, !Forced); // step 5
  GCStat.DeadAtSweep = HeapEnd > Marked ? HeapEnd - Marked : 0;
  atomic::store(&GCStat.SweptBytes, uint64_t(0));
  gcSweepStart();
  unlockNoPCache();
  atomic::store(&GCStat.HeapLive, Marked);
  GCStat.MarkedLast = Marked;
  atomic::store(&GCStat.StressDue, 0u);
  atomic::store(&GCStat.Pending, Debug.GCStress ? 1u : 0u);
  GCStat.NumGC++;
  atomic::xadd(&GCStat.Phases, 1u); // read by the mark helpers

  int64_t End = startTheWorldTimed();
  gcWakeAssists(); // after a termination that runtime.GC began
  wakefing();      // finalizers this cycle queued
  int64_t PauseCPU = gcCPUPause(End, End - Start);
  GCCycleCPU CPU =
      gcCPUCycleEnd(PauseCPU + (StartPause ? GCStat.StartPauseCPUNs : 0));
  uint64_t Pause = uint64_t(End - Start) + StartPause;
  GCStat.PauseTotalNs += uint64_t(End - Start);
  uint32_t Slot = (GCStat.NumGC + 255) % 256; // NumGC counts this cycle
  GCStat.PauseNs[Slot] = Pause;
  GCStat.LastGC = GCStat.PauseEnd[Slot] = uint64_t(walltime());
  if (Forced)
    GCStat.NumForcedGC++;
  if (Debug.GCTrace <= 0)
    return;
  // gc's times: the start's pause, the mark, the termination's pause, in
  // clock and in CPU time. A cycle with the world stopped: the stop, the
  // mark and the rest, each on every CPU.
  TraceTimes T;
  if (StartPause) {
    T = {MarkStart - int64_t(StartPause),
         {int64_t(StartPause), Start - MarkStart, End - Start},
         {GCStat.StartPauseCPUNs, CPU.AssistNs, CPU.MarkNs, PauseCPU}};
  } else {
    int64_t Procs = gcSTWProcs();
    T = {Start,
         {Stopped - Start, MarkDone - Stopped, End - MarkDone},
         {(Stopped - Start) * Procs, 0, (MarkDone - Stopped) * Procs,
          (End - MarkDone) * Procs}};
  }
  printTrace(T, HeapStart, HeapEnd, Marked, Forced);
}

/// Steps 2-7, on the system stack: a mark start (the world restarts while
/// the workers mark), a mark termination, or a whole cycle with the world
/// stopped (runtime.GC, GORTDEBUG=gcstw=1, or no CPU for a worker).
void gcCycle(void *Arg) {
  CycleArgs &A = *static_cast<CycleArgs *>(Arg);
  int64_t Start = nanotime();
  stopTheWorldWithSema(nullptr);
  int64_t Stopped = nanotime();

  if (GCStat.Marking) {
    // Mark termination (gc: gcMarkDone, gcMarkTermination).
    bool WorkersDone = atomic::load(&GCStat.MarkDone) != 0;
    flushMCaches();
    uint64_t Marked = gcMarkTerminate(A.Self, A.SP);
    atomic::store(&gort_writeBarrier, 0u);
    GCStat.Marking = 0;
    atomic::store(&GCStat.MarkDone, 0u);
    int64_t MarkDone = nanotime();
    endCycle(Marked, false, Start, Stopped, MarkDone, GCStat.HeapAtStart,
             GCStat.StartPauseNs, GCStat.StartNs + int64_t(GCStat.StartPauseNs),
             WorkersDone);
    return;
  }

  uint64_t HeapBefore = atomic::load(&GCStat.HeapLive);
  gcCPUCycleStart();
  // What the background sweeper still holds: gcStart swept the rest.
  gcFinishSweep();
  // Step 3, and the stacks' share of it: segments no goroutine uses go
  // back before marking, so they are not scanned either.
  flushMCaches();
  bool Concurrent = !A.Forced && !Debug.GCStw;
  shrinkStacks(/*EachG=*/!Concurrent);
  clearpools();

  if (Concurrent) {
    // The mark start (gc: gcStart): the roots are grey, the barrier is
    // on, and the workers mark while the program runs. The state is set
    // before the workers start: they may be done before the world is.
    GCStat.Marking = 1;
    atomic::store(&GCStat.MarkDone, 0u);
    // Pending again once the heap reaches its goal (an assist) or the
    // workers are done.
    atomic::store(&GCStat.Pending, Debug.GCStress ? 1u : 0u);
    atomic::store(&gort_writeBarrier, 1u);
    GCStat.HeapAtStart = HeapBefore;
    GCStat.StartNs = Start;
    if (gcMarkStart(A.Self, A.SP)) {
      atomic::xadd(&GCStat.Phases, 1u); // read by the mark helpers
      unlockNoPCache();
      int64_t End = startTheWorldTimed();
      GCStat.StartPauseNs = uint64_t(End - Start);
      GCStat.StartPauseCPUNs = gcCPUPause(End, End - Start);
      GCStat.PauseTotalNs += uint64_t(End - Start);
      gcMarkStartWorkers();
      if (atomic::load(&GCStat.HeapLive) >= GCStat.NextGC)
        atomic::store(&GCStat.Pending, 1u);
      return;
    }
    // No worker to mark concurrently: this cycle stops the world.
    shrinkStacks(/*EachG=*/true);
    GCStat.Marking = 0;
    atomic::store(&gort_writeBarrier, 0u);
    atomic::store(&GCStat.Pending, 1u);
  }

  uint64_t Marked = gcMark(A.Self, A.SP);
  int64_t MarkDone = nanotime();
  endCycle(Marked, A.Forced, Start, Stopped, MarkDone, HeapBefore, 0, 0);
}

void finishSweepM(void *) { gcFinishSweep(); }

/// Step 1, then the cycle's next phase. Force runs a whole cycle even if
/// another goroutine collected while this one waited for the world
/// semaphore.
__attribute__((noinline)) void gcStart(bool Force) {
  // Every callee-saved register into this frame, below the caller's.
  __builtin_unwind_init();
  uintptr_t SP;
#if defined(__aarch64__)
  __asm__ volatile("mov %0, sp" : "=r"(SP));
#else
  __asm__ volatile("movq %%rsp, %0" : "=r"(SP));
#endif
  uint32_t Seen = atomic::load(&GCStat.Phases);
  // A mark needs the last cycle's sweep done: finish it before the
  // world stops rather than in the pause.
  if (!atomic::load(&GCStat.Marking) && !gcSweepDone())
    systemstack(finishSweepM, nullptr);
  acquireWorldSema();
  if (!Force && (GCStat.Phases != Seen || !atomic::load(&GCStat.Pending))) {
    releaseWorldSema();
    return;
  }
  CycleArgs A = {getg(), SP, Force};
  if (Force && GCStat.Marking) {
    // runtime.GC during a concurrent mark: end that cycle first.
    A.Forced = false;
    systemstack(gcCycle, &A);
    A.Forced = true;
  }
  systemstack(gcCycle, &A);
  releaseWorldSema();
  // Keep SP's frame (and its saved registers) alive to here.
  __asm__ volatile("" : : "r"(SP) : "memory");
}

/// The mark terminator (gc: the background mark worker that runs
/// gcMarkDone): a runtime goroutine, parked until the mark helpers of a
/// concurrent mark are done, that then terminates the mark. Allocations
/// would too, but a program that stops allocating would otherwise run
/// with the write barrier on until it allocates again.
Mutex TerminatorLock;
G *Terminator;           ///< the goroutine, while parked (TerminatorLock)
bool TerminatorParked;   ///< (TerminatorLock)
uint32_t TerminatorMade; ///< atomic

void terminator(void *) {
  for (;;) {
    lock(&TerminatorLock);
    if (!atomic::load(&GCStat.MarkDone)) {
      Terminator = getg();
      TerminatorParked = true;
      goparkunlock(&TerminatorLock, WaitReason::GCWorkerIdle);
      continue;
    }
    unlock(&TerminatorLock);
    gcStart(false);
  }
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

void gcWakeAssists() {
  // A mark helper (no P) counts as a running M from before it takes the
  // assists off the queue until they are runnable: a goroutine may end
  // the mark meanwhile and the last M go idle, and checkdead would find
  // them parked with no mark running (incidlelocked).
  bool NoP = !getg()->Mp->Pp;
  if (NoP)
    incidlelocked(-1);
  lock(&AssistQLock);
  GQueue Q = AssistQ;
  AssistQ = GQueue{};
  unlock(&AssistQLock);
  while (G *Gp = Q.Head) {
    Q.Head = Gp->SchedLink;
    readyFromAnyM(Gp);
  }
  if (NoP)
    incidlelocked(1);
}

void gcWakeTerminator() {
  // A spinning assist sees MarkDone and terminates the mark itself, on
  // a thread that is running: waking another can take the OS longer
  // than the whole pause.
  if (atomic::load(&AssistSpinning))
    return;
  lock(&TerminatorLock);
  G *Gp = TerminatorParked ? Terminator : nullptr;
  TerminatorParked = false;
  unlock(&TerminatorLock);
  if (Gp)
    readyFromAnyM(Gp);
}

void gcSetGoal(uint64_t Marked, bool Runway) { setGoal(Marked, Runway); }

void gcTuneTrigger(uint64_t HeapEnd, bool WorkersDone) {
  tuneTrigger(HeapEnd, GCStat.NextGC, GCStat.Trigger, WorkersDone);
}

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
  initGCRoots(__gort_gcroots_start, __gort_gcroots_end);
  initStackMaps(__gort_stackmap_start, __gort_stackmap_end);
  GCStat.StartTime = nanotime();
  gcCPUInit(GCStat.StartTime);
  GCStat.Percent = 100;
  GCStat.TriggerRatio = InitialTriggerRatio;
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
  if (atomic::load(&GCStat.Marking)) {
    // A concurrent mark runs: terminate it once its workers are done;
    // while the heap is past its goal, assist.
    if (!mayCollect())
      return;
    if (atomic::load(&GCStat.MarkDone)) {
      gcStart(false);
      return;
    }
    uint64_t Live = atomic::load(&GCStat.HeapLive);
    uint64_t Goal = GCStat.NextGC;
    if (Live < Goal) {
      if (Debug.GCStress)
        return;
      // Nothing to do: drop the flag, unless the workers set it meanwhile.
      atomic::store(&GCStat.Pending, 0u);
      if (atomic::load(&GCStat.MarkDone) ||
          atomic::load(&GCStat.HeapLive) >= Goal)
        atomic::store(&GCStat.Pending, 1u);
      return;
    }
    int64_t Now = nanotime();
    gcCPUMaybeUpdate(Now);
    if (gcCPULimiting()) {
      // The collector has taken half the CPU lately (mgclimit.cpp): no
      // assist, the heap grows past its goal. The next span an MCache
      // takes sets the flag again (gcNoteHeapLive), as do the helpers
      // when they are done.
      if (!Debug.GCStress) {
        atomic::store(&GCStat.Pending, 0u);
        if (atomic::load(&GCStat.MarkDone))
          atomic::store(&GCStat.Pending, 1u);
      }
      return;
    }
    // Assist; while there is no work to take (the helpers hold the rest
    // of the mark), wait for them rather than allocate on or finish
    // their mark in a pause: spin a while, then park (waking a parked
    // thread can take the OS milliseconds).
    atomic::xadd(&AssistSpinning, 1u);
    bool Park = false;
    int64_t Until = Now + AssistSpinNs;
    while (!atomic::load(&GCStat.MarkDone) && atomic::load(&GCStat.Marking)) {
      if (gcAssist())
        break;
      if (nanotime() > Until) {
        Park = true;
        break;
      }
      osyield();
    }
    atomic::xadd(&AssistSpinning, ~0u);
    int64_t Spun = nanotime();
    gcCPUAdd(GCCPUKind::Assist, Spun - Now);
    if (Park) {
      parkAssist();
      gcCPUAdd(GCCPUKind::AssistWait, nanotime() - Spun);
    }
    // A helper that finished while this goroutine spun left the
    // termination to it (gcWakeTerminator).
    if (atomic::load(&GCStat.MarkDone))
      gcStart(false);
    return;
  }
  if (Debug.GCStress) {
    // Pending stays set: count this allocation, and collect only if N have
    // been counted or the heap reached its goal.
    if (atomic::xadd(&StressCount, uint64_t(1)) % uint64_t(Debug.GCStress) == 0)
      atomic::store(&GCStat.StressDue, 1u);
    if (!atomic::load(&GCStat.StressDue) &&
        atomic::load(&GCStat.HeapLive) < GCStat.NextGC)
      return;
  }
  if (!mayCollect())
    return;
  if (!atomic::load(&TerminatorMade) && atomic::cas(&TerminatorMade, 0u, 1u))
    newSystemGoroutine(terminator, nullptr);
  gcStart(false);
}

void gcForce() {
  GORT_ASSERT(mayCollect());
  gcStart(true);
  // runtime.GC returns with its cycle's sweep done, as gc's does.
  systemstack(finishSweepM, nullptr);
}

void gcNoteHeapLive(int64_t N) {
  uint64_t Live = atomic::xadd(&GCStat.HeapLive, uint64_t(N));
  // Before a mark, the trigger starts one; during one, the goal calls
  // for assists.
  uint64_t Bound =
      atomic::loadRelaxed(&GCStat.Marking) ? GCStat.NextGC : GCStat.Trigger;
  if (Live >= Bound && !atomic::load(&GCStat.Pending))
    atomic::store(&GCStat.Pending, 1u);
}

} // namespace gort
