//===- test/unit/runtime/gc_test.cpp - Marking and sweeping ---------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The collector's mark and sweep phases (mgcmark.cpp, mgcsweep.cpp) on the
// host heap: objects reachable from a global survive, the rest are freed,
// noscan objects are not scanned, typed objects are scanned by their
// pointer bitmaps, and so are variables of the root table, dead large
// objects give their pages back,
// freed slots are reused zeroed, and unreachable objects with finalizers
// are queued rather than freed; the pacer's goal, trigger and the
// trigger's tuning follow their formulas. The host has no goroutines, so the
// roots are the test binary's writable segments, M0 and P 0; the tests
// call gcMark and gcSweep directly, as gcCycle does with the world stopped.
//
//===----------------------------------------------------------------------===//

#include "test/unit/runtime/runtime_test_support.h"

#include "runtime/malloc.h"
#include "runtime/mcache.h"
#include "runtime/mfinal.h"
#include "runtime/mgc.h"
#include "runtime/mheap.h"
#include "runtime/mprof.h"
#include "runtime/os_linux.h"
#include "runtime/runtime_pkg.h"
#include "runtime/stack.h"

#include <gtest/gtest.h>

#include <vector>

using namespace gort;

namespace {

/// The tests' root: scanned as part of the binary's writable segments.
volatile uintptr_t Root;

struct Node {
  Node *Next;
  uintptr_t Value;
  uintptr_t Pad[4];
};

/// Whether the object at P is allocated (not free in its span).
bool allocated(uintptr_t P) {
  MSpan *S = spanOfHeap(P);
  if (!S)
    return false;
  return !S->isFree(S->objIndex(P));
}

/// One cycle's mark and sweep, with the caches flushed first (gcCycle's
/// steps 3-5).
uint64_t collect() {
  AllP[0]->Cache->releaseAll();
  lockNoPCache();
  releaseNoPCacheLocked();
  uint64_t Marked = gcMark(nullptr, 0);
  gcSweep();
  unlockNoPCache();
  return Marked;
}

/// How many of the hidden addresses in V are still allocated. The roots
/// are scanned conservatively, and a few runtime globals hold heap
/// addresses of their own (the first arena's base, the page allocator's
/// search address), so a dead object may be kept by one of them: the
/// tests allow MaxRetained such objects.
constexpr size_t MaxRetained = 2;
size_t countAllocated(const std::vector<uintptr_t> &V);

/// Hides an address from the collector (the tests keep these in glibc's
/// heap, which is not scanned anyway, but be explicit).
uintptr_t hide(uintptr_t P) { return ~P; }

size_t countAllocated(const std::vector<uintptr_t> &V) {
  size_t N = 0;
  for (uintptr_t H : V)
    N += allocated(hide(H)) ? 1 : 0;
  return N;
}

/// Restores the pacer's state a test changed.
struct PacerState {
  GCState Saved = GCStat;
  ~PacerState() {
    GCStat.Percent = Saved.Percent;
    GCStat.MemoryLimit = Saved.MemoryLimit;
    GCStat.TriggerRatio = Saved.TriggerRatio;
    gcSetGoal(Saved.MarkedLast, false);
    GCStat.NextGC = Saved.NextGC;
    GCStat.Trigger = Saved.Trigger;
  }
};

constexpr uint64_t MiB = 1 << 20;

TEST(Pacer, GoalIsMarkedTimesOnePlusGOGC) {
  PacerState Keep;
  GCStat.MemoryLimit = ~uint64_t(0);
  GCStat.TriggerRatio = 768;
  GCStat.Percent = 100;
  gcSetGoal(10 * MiB, true);
  EXPECT_EQ(GCStat.NextGC, 20 * MiB);
  // The trigger: 768/1024 of the way from the marked heap to the goal.
  EXPECT_EQ(GCStat.Trigger, 10 * MiB + 10 * MiB / 1024 * 768);
  GCStat.Percent = 50;
  gcSetGoal(10 * MiB, true);
  EXPECT_EQ(GCStat.NextGC, 15 * MiB);
  // gc's heapminimum: 4 MiB x GOGC/100, whatever was marked.
  GCStat.Percent = 100;
  gcSetGoal(1 * MiB, false);
  EXPECT_EQ(GCStat.NextGC, 4 * MiB);
  GCStat.Percent = 200;
  gcSetGoal(0, false);
  EXPECT_EQ(GCStat.NextGC, 8 * MiB);
  // After an automatic cycle, at least 1 MiB of runway (gc's
  // sweepMinHeapDistance): GOGC=10 would leave 0.35 MiB.
  GCStat.Percent = 10;
  gcSetGoal(uint64_t(3.5 * MiB), true);
  EXPECT_EQ(GCStat.NextGC, uint64_t(4.5 * MiB));
  gcSetGoal(uint64_t(3.5 * MiB), false);
  EXPECT_EQ(GCStat.NextGC, uint64_t(3.5 * MiB) + uint64_t(3.5 * MiB) / 10);
  // GOGC=off: no goal, no trigger.
  GCStat.Percent = -1;
  gcSetGoal(10 * MiB, true);
  EXPECT_EQ(GCStat.NextGC, ~uint64_t(0));
  EXPECT_EQ(GCStat.Trigger, ~uint64_t(0));
}

TEST(Pacer, MemoryLimitCapsTheGoal) {
  PacerState Keep;
  GCStat.TriggerRatio = 768;
  GCStat.Percent = 100;
  GCStat.MemoryLimit = 64 * MiB;
  gcSetGoal(40 * MiB, true);
  // At most the limit less the runtime's other memory, less 5%; never
  // within 1/16 of the marked heap.
  EXPECT_LT(GCStat.NextGC, 64 * MiB - 64 * MiB / 20 + 1);
  EXPECT_GE(GCStat.NextGC, 40 * MiB + 40 * MiB / 16);
  EXPECT_LE(GCStat.Trigger, GCStat.NextGC);
  EXPECT_GE(GCStat.Trigger, 40 * MiB);
  GCStat.MemoryLimit = 16 * MiB; // below the live heap
  gcSetGoal(40 * MiB, true);
  EXPECT_EQ(GCStat.NextGC, 40 * MiB + 40 * MiB / 16 + (256 << 10));
}

TEST(Pacer, TriggerMovesWithHowTheMarkEnded) {
  PacerState Keep;
  GCStat.MemoryLimit = ~uint64_t(0);
  GCStat.Percent = 100;
  GCStat.TriggerRatio = 768;
  gcSetGoal(10 * MiB, true); // goal 20 MiB, trigger 17.5 MiB
  // Past the goal, or finished in the termination's pause: earlier.
  gcTuneTrigger(21 * MiB, true);
  EXPECT_EQ(GCStat.TriggerRatio, 768u - 64);
  gcTuneTrigger(19 * MiB, false);
  EXPECT_EQ(GCStat.TriggerRatio, 768u - 128);
  // Ended with more than half the runway left: later.
  gcSetGoal(10 * MiB, true);
  gcTuneTrigger(11 * MiB, true);
  EXPECT_EQ(GCStat.TriggerRatio, 768u - 128 + 16);
  // In between: unchanged.
  gcSetGoal(10 * MiB, true);
  gcTuneTrigger(19 * MiB, true);
  EXPECT_EQ(GCStat.TriggerRatio, 768u - 128 + 16);
  // Bounded: 1/4 and 15/16 of the runway.
  for (int I = 0; I < 40; I++)
    gcTuneTrigger(30 * MiB, false);
  EXPECT_EQ(GCStat.TriggerRatio, 256u);
  for (int I = 0; I < 100; I++) {
    gcSetGoal(10 * MiB, true);
    gcTuneTrigger(10 * MiB, true);
  }
  EXPECT_EQ(GCStat.TriggerRatio, 960u);
}

// gc's TestGCCPULimiter, on the bucket alone.
TEST(CPULimiter, BucketFillsWithTheCollectorAndDrainsWithTheProgram) {
  CPULimiterBucket B;
  B.setCapacity(1000);
  EXPECT_FALSE(B.accumulate(0, 400)); // the collector alone: fills
  EXPECT_EQ(B.Fill, 400u);
  EXPECT_FALSE(B.accumulate(100, 300)); // by the difference
  EXPECT_EQ(B.Fill, 600u);
  EXPECT_TRUE(B.accumulate(0, 500)); // full: on; the excess overflows
  EXPECT_EQ(B.Fill, 1000u);
  EXPECT_EQ(B.Overflow, 100u);
  EXPECT_TRUE(B.accumulate(250, 250)); // half and half: stays on
  EXPECT_TRUE(B.accumulate(0, 0));
  EXPECT_FALSE(B.accumulate(300, 200)); // the program ahead: off
  EXPECT_EQ(B.Fill, 900u);
  EXPECT_FALSE(B.accumulate(5000, 0)); // never below empty
  EXPECT_EQ(B.Fill, 0u);
  EXPECT_FALSE(B.accumulate(0, 999));
  B.setCapacity(500); // fewer Ps: the fill is cut to the new capacity
  EXPECT_EQ(B.Fill, 500u);
  EXPECT_TRUE(B.accumulate(0, 1));
}

// The limiter's windows: the pools since the last update against the
// available CPU time (Gomaxprocs x the window; 1 P here).
TEST(CPULimiter, TurnsOnWhenTheCollectorTakesOverHalfTheCPU) {
  int32_t SavedCap = Debug.GCLimitCap;
  Debug.GCLimitCap = 1000; // 1 ms per P
  constexpr int64_t Ms = 1000 * 1000;
  int64_t T = 1000 * Ms;
  gcCPUInit(T);
  gcCPUUpdate(T + 10 * Ms); // the program alone: empty
  EXPECT_FALSE(gcCPULimiting());
  T += 10 * Ms;
  // 10 ms: a helper marked 6 and an assist spun 1 and waited 1; the
  // program had 2. 6 ms more than the program: past the 1 ms capacity.
  gcCPUAdd(GCCPUKind::Mark, 6 * Ms);
  gcCPUAdd(GCCPUKind::Assist, 1 * Ms);
  gcCPUAdd(GCCPUKind::AssistWait, 1 * Ms);
  gcCPUUpdate(T + 10 * Ms);
  EXPECT_TRUE(gcCPULimiting());
  T += 10 * Ms;
  gcCPUUpdate(T + 10 * Ms); // the program alone: off
  EXPECT_FALSE(gcCPULimiting());
  T += 10 * Ms;
  // A pause of 8 ms in a 10 ms window: the world stopped costs the
  // collector every CPU of the pause.
  EXPECT_EQ(gcCPUPause(T + 10 * Ms, 8 * Ms), 8 * Ms * gcSTWProcs());
  EXPECT_TRUE(gcCPULimiting());
  T += 10 * Ms;
  // A window shorter than 10 ms waits for a later update.
  gcCPUAdd(GCCPUKind::Mark, 5 * Ms);
  gcCPUMaybeUpdate(T + 5 * Ms);
  EXPECT_TRUE(gcCPULimiting());
  gcCPUMaybeUpdate(T + 11 * Ms); // 5 of 11 ms: the program ahead
  EXPECT_FALSE(gcCPULimiting());
  gcCPUCycleEnd(0); // this test's time out of the cycle's account
  Debug.GCLimitCap = SavedCap;
  gcCPUInit(nanotime());
}

TEST(GC, ReachableObjectsSurviveAndGarbageIsFreed) {
  gort::abi::Type Ty = test::makeTestType(sizeof(Node), /*HasPointers=*/true);
  Node *Head = nullptr;
  std::vector<uintptr_t> Live, Dead;
  for (int I = 0; I < 200; I++) {
    auto *N = static_cast<Node *>(mallocgc(sizeof(Node), &Ty, true));
    if (I % 2) {
      N->Next = Head;
      N->Value = uintptr_t(I);
      Head = N;
      Live.push_back(hide(uintptr_t(N)));
    } else {
      Dead.push_back(hide(uintptr_t(N)));
    }
  }
  Root = uintptr_t(Head);
  Head = nullptr;
  uint64_t Marked = collect();
  EXPECT_GE(Marked, 100 * sizeof(Node));
  EXPECT_EQ(countAllocated(Live), Live.size());
  EXPECT_LE(countAllocated(Dead), MaxRetained);
  // The list is intact and the mark bits are clear for the next cycle.
  int Count = 0;
  for (Node *N = reinterpret_cast<Node *>(Root); N; N = N->Next) {
    EXPECT_EQ(N->Value % 2, 1u);
    MSpan *S = spanOfHeap(uintptr_t(N));
    EXPECT_FALSE(S->isMarked(S->objIndex(uintptr_t(N))));
    Count++;
  }
  EXPECT_EQ(Count, 100);
  // Dropping the root frees the whole list.
  Root = 0;
  collect();
  EXPECT_LE(countAllocated(Live), MaxRetained);
}

// Sweeping runs after the world restarts (mgcsweep.cpp): until a sweeper
// takes a span, its objects stay as they were; an allocation of a class
// sweeps that class's spans (and, before the heap grows, others) first;
// gcFinishSweep sweeps the rest, large objects' spans too.
TEST(GC, SweepIsLazyAndFinishes) {
  gort::abi::Type Ty = test::makeTestType(sizeof(Node), /*HasPointers=*/true);
  gort::abi::Type Big = test::makeTestType(64 << 10, /*HasPointers=*/false);
  std::vector<uintptr_t> Dead;
  for (int I = 0; I < 2000; I++)
    Dead.push_back(hide(uintptr_t(mallocgc(sizeof(Node), &Ty, true))));
  uintptr_t BigH = hide(uintptr_t(mallocgc(64 << 10, &Big, true)));
  Root = 0;
  AllP[0]->Cache->releaseAll();
  lockNoPCache();
  releaseNoPCacheLocked();
  gcMark(nullptr, 0);
  gcSweepStart();
  unlockNoPCache();
  EXPECT_FALSE(gcSweepDone());
  EXPECT_EQ(countAllocated(Dead), Dead.size());
  EXPECT_TRUE(allocated(hide(BigH)));
  // The cache's refill sweeps the class: its dead spans go to the heap.
  void *X = mallocgc(sizeof(Node), &Ty, true);
  EXPECT_LT(countAllocated(Dead), Dead.size() / 2);
  gcFinishSweep();
  EXPECT_TRUE(gcSweepDone());
  // X may have taken a dead object's slot.
  EXPECT_LE(countAllocated(Dead), MaxRetained + 1);
  EXPECT_FALSE(allocated(hide(BigH)));
  EXPECT_TRUE(allocated(uintptr_t(X)));
}

TEST(GC, InteriorPointersKeepObjectsAlive) {
  gort::abi::Type Ty = test::makeTestType(sizeof(Node), /*HasPointers=*/true);
  auto *N = static_cast<Node *>(mallocgc(sizeof(Node), &Ty, true));
  uintptr_t H = hide(uintptr_t(N));
  Root = uintptr_t(&N->Pad[2]);
  N = nullptr;
  collect();
  EXPECT_TRUE(allocated(hide(H)));
  Root = 0;
  collect();
  EXPECT_FALSE(allocated(hide(H)));
}

TEST(GC, NoscanObjectsAreNotScanned) {
  gort::abi::Type Scan = test::makeTestType(64, /*HasPointers=*/true);
  gort::abi::Type Noscan = test::makeTestType(64, /*HasPointers=*/false);
  auto *Holder = static_cast<uintptr_t *>(mallocgc(64, &Noscan, true));
  void *Target = mallocgc(64, &Scan, true);
  uintptr_t H = hide(uintptr_t(Target));
  Holder[0] = uintptr_t(Target); // invisible: Holder's span is noscan
  Target = nullptr;
  Root = uintptr_t(Holder);
  collect();
  EXPECT_TRUE(allocated(uintptr_t(Holder)));
  EXPECT_FALSE(allocated(hide(H)));
  Root = 0;
}

TEST(GC, DeadLargeObjectsReturnTheirPages) {
  gort::abi::Type Ty = test::makeTestType(1 << 20, /*HasPointers=*/true);
  void *Big = mallocgc(1 << 20, &Ty, true);
  void *Kept = mallocgc(1 << 20, &Ty, true);
  uintptr_t H = hide(uintptr_t(Big));
  Big = nullptr;
  Root = uintptr_t(Kept);
  MemStats Before;
  readMemStats(&Before);
  collect();
  MemStats After;
  readMemStats(&After);
  EXPECT_EQ(spanOfHeap(hide(H)), nullptr);
  EXPECT_TRUE(allocated(uintptr_t(Kept)));
  EXPECT_LE(After.HeapInUse + (1 << 20), Before.HeapInUse);
  Root = 0;
  collect();
  EXPECT_EQ(spanOfHeap(uintptr_t(Kept)), nullptr);
}

TEST(GC, FreedSlotsAreReusedZeroed) {
  gort::abi::Type Ty = test::makeTestType(sizeof(Node), /*HasPointers=*/true);
  SpanClass Spc = makeSpanClass(sizeToClass(sizeof(Node)), false);
  // Fill the cached span; keep the objects of even index, written.
  mallocgc(sizeof(Node), &Ty, true);
  MSpan *S = AllP[0]->Cache->Alloc[Spc];
  Node *Head = nullptr;
  std::vector<uintptr_t> Dropped;
  while (S->AllocCount < S->NElems) {
    auto *N = static_cast<Node *>(mallocgc(sizeof(Node), &Ty, true));
    N->Value = 0xfeed;
    if (S->objIndex(uintptr_t(N)) % 2 == 0) {
      N->Next = Head;
      Head = N;
    } else {
      Dropped.push_back(hide(uintptr_t(N)));
    }
  }
  Root = uintptr_t(Head);
  Head = nullptr;
  collect();
  EXPECT_TRUE(S->NeedZero);
  size_t Retained = countAllocated(Dropped);
  EXPECT_LE(Retained, MaxRetained);
  for (Node *N = reinterpret_cast<Node *>(Root); N; N = N->Next)
    EXPECT_FALSE(S->isFree(S->objIndex(uintptr_t(N))));
  // The freed slots come back zeroed when S is cached again (an MCentral
  // hands out its partial spans before growing).
  size_t Reused = 0;
  for (int I = 0; I < 4096 && Reused < Dropped.size() - Retained; I++) {
    auto *N = static_cast<Node *>(mallocgc(sizeof(Node), &Ty, true));
    if (spanOfHeap(uintptr_t(N)) != S)
      continue;
    Reused++;
    EXPECT_EQ(N->Value, 0u);
    EXPECT_EQ(N->Next, nullptr);
  }
  EXPECT_EQ(Reused, Dropped.size() - Retained);
  Root = 0;
  collect();
}

/// A type of Words words whose pointer words are the set bits of Mask
/// (its GCData).
gort::abi::Type maskedType(uintptr_t Words, const uint8_t *Mask,
                           uintptr_t PtrWords) {
  gort::abi::Type T = test::makeTestType(Words * 8, /*HasPointers=*/true);
  T.PtrData = PtrWords * 8;
  T.GCData = Mask;
  T.Kind = gort::abi::KindStruct;
  return T;
}

// {p *X; n uintptr}: word 0 is a pointer, word 1 is not.
const uint8_t PairMask[] = {0x01};

// With a pointer bitmap, only pointer words keep objects alive: a scalar
// word holding an object's address does not (mbitmap.cpp, mgcmark.cpp).
TEST(GC, TypedObjectsAreScannedByTheirPointerBitmap) {
  gort::abi::Type Pair = maskedType(2, PairMask, 1);
  gort::abi::Type Ty = test::makeTestType(sizeof(Node), /*HasPointers=*/true);
  auto *Holder = static_cast<uintptr_t *>(mallocgc(16, &Pair, true));
  void *ByPtr = mallocgc(sizeof(Node), &Ty, true);
  void *ByInt = mallocgc(sizeof(Node), &Ty, true);
  Holder[0] = uintptr_t(ByPtr);
  Holder[1] = uintptr_t(ByInt);
  uintptr_t HPtr = hide(uintptr_t(ByPtr)), HInt = hide(uintptr_t(ByInt));
  ByPtr = ByInt = nullptr;
  Root = uintptr_t(Holder);
  collect();
  EXPECT_TRUE(allocated(hide(HPtr)));
  EXPECT_FALSE(allocated(hide(HInt)));
  Root = 0;
  collect();
}

// A variable of compiled code is scanned by its root table entry's bitmap
// (mgcmark.cpp scanDataSegment): an address in a word the bitmap leaves
// out keeps nothing alive. The same word without the table is scanned
// conservatively, as every word of the writable segments is that the
// table does not describe.
struct Described {
  uintptr_t Scalar;
  void *Ptr;
  uintptr_t Pad[3];
};
Described Var;

TEST(GC, RootTableVariablesAreScannedByTheirBitmap) {
  gort::abi::Type Ty = test::makeTestType(sizeof(Node), /*HasPointers=*/true);
  static const uint8_t Bits[] = {0x2}; // word 1
  const gort::abi::GCRoot Table[] = {{uintptr_t(&Var), sizeof(Var), 16, Bits}};
  for (bool WithTable : {false, true}) {
    if (WithTable)
      initGCRoots(Table, Table + 1);
    void *ByPtr = mallocgc(sizeof(Node), &Ty, true);
    void *ByInt = mallocgc(sizeof(Node), &Ty, true);
    Var.Ptr = ByPtr;
    Var.Scalar = uintptr_t(ByInt);
    uintptr_t HPtr = hide(uintptr_t(ByPtr)), HInt = hide(uintptr_t(ByInt));
    ByPtr = ByInt = nullptr;
    collect();
    EXPECT_TRUE(allocated(hide(HPtr))) << WithTable;
    EXPECT_EQ(allocated(hide(HInt)), !WithTable);
    Var = {};
    collect();
  }
  initGCRoots(nullptr, nullptr);
}

// An object allocated for N elements repeats the element's bitmap, in a
// small object and in a large one (whose span keeps the type); the slot
// of a typed object reused by an object of unknown type is scanned whole.
TEST(GC, ArraysRepeatTheElementBitmap) {
  gort::abi::Type Pair = maskedType(2, PairMask, 1);
  gort::abi::Type Ty = test::makeTestType(sizeof(Node), /*HasPointers=*/true);
  for (uintptr_t N : {uintptr_t(5), uintptr_t(4000)}) {
    auto *Arr = static_cast<uintptr_t *>(mallocgc(N * 16, &Pair, true));
    void *ByPtr = mallocgc(sizeof(Node), &Ty, true);
    void *ByInt = mallocgc(sizeof(Node), &Ty, true);
    Arr[2 * (N - 1)] = uintptr_t(ByPtr); // the last element's pointer
    Arr[2 * (N - 2) + 1] = uintptr_t(ByInt);
    uintptr_t HPtr = hide(uintptr_t(ByPtr)), HInt = hide(uintptr_t(ByInt));
    ByPtr = ByInt = nullptr;
    Root = uintptr_t(Arr);
    collect();
    EXPECT_TRUE(allocated(hide(HPtr))) << N;
    EXPECT_FALSE(allocated(hide(HInt))) << N;
    Root = 0;
    collect();
  }
}

// A span whose objects have all been of one type keeps that type's mask
// instead of writing the heap bitmap; the first object of another type in
// it writes the bitmap for every slot. Either way, a Pair's scalar word
// keeps nothing alive, and every word of an object of unknown type does.
TEST(GC, MixedSpansKeepEachObjectsBits) {
  gort::abi::Type Pair = maskedType(2, PairMask, 1);
  gort::abi::Type Unknown = test::makeTestType(16, /*HasPointers=*/true);
  gort::abi::Type Ty = test::makeTestType(sizeof(Node), /*HasPointers=*/true);
  auto *P1 = static_cast<uintptr_t *>(mallocgc(16, &Pair, true));
  MSpan *S = spanOfHeap(uintptr_t(P1));
  EXPECT_EQ(S->UniformType, &Pair);
  auto *U = static_cast<uintptr_t *>(mallocgc(16, &Unknown, true));
  auto *P2 = static_cast<uintptr_t *>(mallocgc(16, &Pair, true));
  ASSERT_EQ(spanOfHeap(uintptr_t(U)), S);
  ASSERT_EQ(spanOfHeap(uintptr_t(P2)), S);
  EXPECT_EQ(S->UniformType, &MixedSpan);
  std::vector<uintptr_t> Kept, Freed;
  for (uintptr_t *Holder : {P1, U, P2}) {
    void *A = mallocgc(sizeof(Node), &Ty, true);
    void *B = mallocgc(sizeof(Node), &Ty, true);
    Holder[0] = uintptr_t(A);
    Holder[1] = uintptr_t(B);
    Kept.push_back(hide(uintptr_t(A)));
    (Holder == U ? Kept : Freed).push_back(hide(uintptr_t(B)));
  }
  static uintptr_t *Roots[3];
  Roots[0] = P1;
  Roots[1] = U;
  Roots[2] = P2;
  Root = uintptr_t(Roots);
  P1 = U = P2 = nullptr;
  collect();
  EXPECT_EQ(countAllocated(Kept), Kept.size());
  EXPECT_EQ(countAllocated(Freed), 0u);
  Roots[0] = Roots[1] = Roots[2] = nullptr;
  Root = 0;
  collect();
}

// The checkmark pass (GORTDEBUG=gccheckmark=1) finds nothing wrong after
// a correct mark, and throws when an object reachable from the roots has
// lost its mark bit, as a missed object of a parallel or concurrent mark
// would have.
TEST(GCDeathTest, CheckmarkFindsUnmarkedObjects) {
  gort::abi::Type Ty = test::makeTestType(sizeof(Node), /*HasPointers=*/true);
  Node *Head = nullptr;
  for (int I = 0; I < 50; I++) {
    auto *N = static_cast<Node *>(mallocgc(sizeof(Node), &Ty, true));
    N->Next = Head;
    Head = N;
  }
  Root = uintptr_t(Head);
  AllP[0]->Cache->releaseAll();
  lockNoPCache();
  releaseNoPCacheLocked();
  gcMark(nullptr, 0);
  gcCheckmark(nullptr, 0); // everything reachable is marked: no throw
  Node *Mid = Head->Next->Next;
  MSpan *S = spanOfHeap(uintptr_t(Mid));
  uintptr_t Idx = S->objIndex(uintptr_t(Mid));
  S->GCMarkBits[Idx / 8] &= uint8_t(~(1u << (Idx % 8)));
  EXPECT_DEATH(gcCheckmark(nullptr, 0),
               "checkmarks found unexpected unmarked object");
  S->setMarked(Idx);
  gcSweep();
  unlockNoPCache();
  Root = 0;
  collect();
}

// After a concurrent mark the checkmark pass scans stacks as the
// termination finds them, where a frame of the runtime's own code can
// hold a word the mark never saw as a pointer (a byte stored into a word
// that held one makes a new address). An unmarked object reached from a
// runtime frame is passed over; reached from a frame of Go code it is
// reported. The frames are told apart by the return address in each
// frame record. A parked goroutine's stack, built by hand:
//   Stk[0..3]    the innermost, runtime, frame (gort_mcall's pushes)
//   Stk[4..5]    its record: caller's record Stk[12], RA into runtime code
//   Stk[6..13]   that runtime function's words, and its record at Stk[12],
//                whose RA is in Go code
//   Stk[14..25]  the Go function's words, its record at Stk[24] (the last)
TEST(GCDeathTest, CheckmarkPassesOverRuntimeFrames) {
  gort::abi::Type Ty = test::makeTestType(sizeof(Node), /*HasPointers=*/true);
  // Not the heap's first object: globals hold the arena's base address.
  mallocgc(sizeof(Node), &Ty, true);
  auto *Lost = static_cast<Node *>(mallocgc(sizeof(Node), &Ty, true));
  alignas(16) uintptr_t Stk[40] = {};
  auto *Seg = reinterpret_cast<StackSeg *>(&Stk[26]);
  static_assert(sizeof(StackSeg) <= 14 * sizeof(uintptr_t));
  Seg->Lo = uintptr_t(&Stk[0]);
  constexpr uintptr_t RuntimePC = 0x1800, GoPC = 0x3000;
  test::RuntimeTextLo = 0x1000;
  test::RuntimeTextHi = 0x2000;
  Stk[4] = uintptr_t(&Stk[12]);
  Stk[5] = RuntimePC + 1;
  Stk[12] = uintptr_t(&Stk[24]);
  Stk[13] = GoPC + 1;
  G Parked = {};
  Parked.Status = GWaiting;
  Parked.Seg = Seg;
  Parked.Sched.SP = uintptr_t(&Stk[0]);
  Parked.Sched.BP = uintptr_t(&Stk[4]);

  AllP[0]->Cache->releaseAll();
  lockNoPCache();
  releaseNoPCacheLocked();
  gcMark(nullptr, 0); // Lost is unreachable: left unmarked
  MSpan *S = spanOfHeap(uintptr_t(Lost));
  ASSERT_FALSE(S->isMarked(S->objIndex(uintptr_t(Lost))));
  Stk[1] = uintptr_t(Lost); // the innermost runtime frame
  Stk[8] = uintptr_t(Lost); // the runtime function's frame
  test::AllGs = &Parked;
  gcCheckmark(nullptr, 0);   // no throw
  Stk[16] = uintptr_t(Lost); // the Go function's frame
  EXPECT_DEATH(gcCheckmark(nullptr, 0),
               "checkmarks found unexpected unmarked object");
  Stk[16] = 0;
  Stk[1] = Stk[8] = 0;
  Stk[20] = uintptr_t(Lost) + 8; // an interior pointer, still Go's frame
  EXPECT_DEATH(gcCheckmark(nullptr, 0),
               "checkmarks found unexpected unmarked object");
  test::AllGs = nullptr;
  test::RuntimeTextLo = test::RuntimeTextHi = 0;
  gcSweep();
  unlockNoPCache();
  collect();
}

} // namespace

// Finalizers (mfinal.cpp): an unreachable object with a finalizer is
// queued, not freed, and what it references survives with it; once its
// record is gone (its finalizer ran), the next cycle frees both. A
// reachable object's finalizer stays registered.
TEST(GC, FinalizersQueueUnreachableObjects) {
  gort::abi::Type Ty = test::makeTestType(sizeof(Node), /*HasPointers=*/true);
  auto *Obj = static_cast<Node *>(mallocgc(sizeof(Node), &Ty, true));
  auto *Ref = static_cast<Node *>(mallocgc(sizeof(Node), &Ty, true));
  auto *Kept = static_cast<Node *>(mallocgc(sizeof(Node), &Ty, true));
  Obj->Next = Ref;
  Root = uintptr_t(Kept);
  uintptr_t HObj = hide(uintptr_t(Obj)), HRef = hide(uintptr_t(Ref)),
            HKept = hide(uintptr_t(Kept));
  Obj = Ref = Kept = nullptr;
  uintptr_t Before = numFinalizers();
  Finalizer R = {};
  R.Obj = hide(HObj);
  ASSERT_TRUE(addFinalizer(R));
  EXPECT_FALSE(addFinalizer(R)); // already set
  R.Obj = hide(HKept);
  ASSERT_TRUE(addFinalizer(R));
  EXPECT_EQ(numFinalizers(), Before + 2);

  collect();
  EXPECT_TRUE(allocated(hide(HObj)));
  EXPECT_TRUE(allocated(hide(HRef)));
  EXPECT_EQ(numFinalizers(), Before + 1); // Kept's is still registered
  ASSERT_EQ(numQueuedFinalizers(), 1u);

  // Queued, the object is a root: another cycle keeps it.
  collect();
  EXPECT_TRUE(allocated(hide(HObj)));
  Finalizer Q;
  ASSERT_TRUE(nextFinalizer(&Q));
  EXPECT_EQ(Q.Obj, hide(HObj));
  EXPECT_FALSE(nextFinalizer(&Q));
  Q.Obj = 0;

  collect();
  EXPECT_FALSE(allocated(hide(HObj)));
  EXPECT_FALSE(allocated(hide(HRef)));
  EXPECT_TRUE(allocated(hide(HKept)));
  removeFinalizer(hide(HKept));
  EXPECT_EQ(numFinalizers(), Before);
  Root = 0;
}

// The memory profile (mprof.cpp): with MemProfileRate 1 every allocation
// is sampled; the counts appear only once a cycle has published them, and
// the cycle counts the sampled objects it found dead as freed. (On the
// host there are no Go frames, so every sample has the empty stack and
// one bucket per size; the test reads the 48-byte one before and after.)
struct MemCounts {
  int64_t AllocObjects = 0, FreeObjects = 0;
};
MemCounts memProfile48() {
  struct Record {
    int64_t AllocBytes, FreeBytes, AllocObjects, FreeObjects;
    uintptr_t Stack0[32];
  };
  std::vector<Record> Buf(256);
  int64_t N = runtime_memProfile(nullptr, Buf.data(), int64_t(Buf.size()),
                                 int64_t(Buf.size()), /*InuseZero=*/1);
  EXPECT_LE(N, int64_t(Buf.size()));
  MemCounts C;
  for (int64_t I = 0; I < N; I++) {
    if (Buf[I].AllocObjects && Buf[I].AllocBytes / Buf[I].AllocObjects == 48) {
      C.AllocObjects += Buf[I].AllocObjects;
      C.FreeObjects += Buf[I].FreeObjects;
    }
  }
  return C;
}

TEST(MemProfile, CyclesPublishAllocationsAndCountFrees) {
  static_assert(sizeof(Node) == 48);
  gort::abi::Type Ty = test::makeTestType(sizeof(Node), /*HasPointers=*/true);
  collect();
  MemCounts Before = memProfile48();
  int64_t Rate = MemProfileRate;
  MemProfileRate = 1;
  Node *Head = nullptr;
  for (int I = 0; I < 30; I++) {
    auto *N = static_cast<Node *>(mallocgc(sizeof(Node), &Ty, true));
    if (I % 3 == 0) {
      N->Next = Head;
      Head = N;
    }
  }
  MemProfileRate = Rate;
  Root = uintptr_t(Head);
  Head = nullptr;
  // Not published until a cycle ends.
  MemCounts Pending = memProfile48();
  EXPECT_EQ(Pending.AllocObjects, Before.AllocObjects);
  collect();
  MemCounts After = memProfile48();
  EXPECT_EQ(After.AllocObjects - Before.AllocObjects, 30);
  int64_t Freed = After.FreeObjects - Before.FreeObjects;
  EXPECT_LE(Freed, 20);
  EXPECT_GE(Freed, 20 - int64_t(MaxRetained));
  Root = 0;
  collect();
  MemCounts Last = memProfile48();
  EXPECT_GE(Last.FreeObjects - Before.FreeObjects, 30 - int64_t(MaxRetained));
}
