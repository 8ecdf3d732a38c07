//===- test/unit/runtime/mcache_test.cpp - MCache, MCentral, bitmaps ------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// MCache refill from the MCentral, giving spans back, the no-P paths, and
// the free-slot search over a span's allocation bitmap.
//
//===----------------------------------------------------------------------===//

#include "test/unit/runtime/runtime_test_support.h"

#include "runtime/malloc.h"
#include "runtime/mcache.h"
#include "runtime/mheap.h"
#include "runtime/stubs.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

using namespace gort;

namespace {

TEST(MCache, RefillTakesANewSpanWhenFull) {
  test::RuntimeThread T(/*WithP=*/true);
  MCache *C = T.p()->Cache;
  for (unsigned I = 0; I < NumSpanClasses; I++)
    ASSERT_EQ(C->Alloc[I], &EmptyMSpan);
  gort::abi::Type Ty = test::makeTestType(48, /*HasPointers=*/true);
  SpanClass Spc = makeSpanClass(sizeToClass(48), false);

  void *P = mallocgc(48, &Ty, true);
  MSpan *S = C->Alloc[Spc];
  ASSERT_NE(S, &EmptyMSpan);
  EXPECT_EQ(spanOf(uintptr_t(P)), S);
  EXPECT_EQ(S->SweepGen, Heap.SweepGen + 3); // cached
  EXPECT_EQ(S->List, nullptr);
  while (S->AllocCount < S->NElems)
    mallocgc(48, &Ty, true);
  EXPECT_EQ(C->Alloc[Spc], S); // a full span stays until the next refill

  void *Q = mallocgc(48, &Ty, true);
  MSpan *S2 = C->Alloc[Spc];
  EXPECT_NE(S2, S);
  EXPECT_EQ(spanOf(uintptr_t(Q)), S2);
  // The full span went back to its MCentral, swept and full.
  EXPECT_EQ(S->List, Heap.Central[Spc].fullSwept(Heap.SweepGen));
  EXPECT_EQ(S->SweepGen, Heap.SweepGen);
  EXPECT_EQ(S->AllocCount, S->NElems);
}

TEST(MCache, ReleasedPartialSpanIsReusedWhereItStopped) {
  gort::abi::Type Ty = test::makeTestType(80, /*HasPointers=*/true);
  SpanClass Spc = makeSpanClass(sizeToClass(80), false);
  MSpan *S;
  uintptr_t Next;
  {
    test::RuntimeThread T(/*WithP=*/true);
    uintptr_t P = 0;
    for (int I = 0; I < 3; I++)
      P = uintptr_t(mallocgc(80, &Ty, true));
    S = spanOf(P);
    ASSERT_GT(S->NElems - S->AllocCount, 1u);
    Next = P + 80;
  } // freemcache: releaseAll
  EXPECT_EQ(S->List, Heap.Central[Spc].partialSwept(Heap.SweepGen));
  {
    test::RuntimeThread T(/*WithP=*/true);
    void *P = mallocgc(80, &Ty, true);
    EXPECT_EQ(uintptr_t(P), Next);
    EXPECT_EQ(T.p()->Cache->Alloc[Spc], S);
  }
}

TEST(MCache, AllocateWithoutP) {
  test::RuntimeThread T(/*WithP=*/false);
  EXPECT_EQ(T.m()->Pp, nullptr);
  std::vector<uintptr_t> Ps;
  for (int I = 0; I < 5000; I++) {
    auto *P = static_cast<uint64_t *>(mallocgc(64, nullptr, true));
    ASSERT_EQ(P[0] | P[7], 0u);
    P[0] = P[7] = ~uint64_t(0);
    ASSERT_NE(spanOfHeap(uintptr_t(P)), nullptr);
    Ps.push_back(uintptr_t(P));
  }
  EXPECT_EQ(T.m()->Locks, 0);
  EXPECT_EQ(T.m()->Mallocing, 0);
}

TEST(MCache, AllocateWithoutG) {
  bool Ok = true;
  std::thread Th([&Ok] {
    Ok = Ok && getgOrNull() == nullptr;
    for (int I = 0; I < 5000 && Ok; I++) {
      auto *P =
          static_cast<uint64_t *>(mallocgc(I % 2 ? 24 : 40000, nullptr, true));
      Ok = P[0] == 0 && spanOfHeap(uintptr_t(P)) != nullptr;
      P[0] = 1;
    }
  });
  Th.join();
  EXPECT_TRUE(Ok);
}

// A span whose bitmap says some objects survived (as after a sweep): the
// search hands out exactly the others, in order, across 64-object words.
TEST(SpanBitmap, NextFreeSkipsAllocatedObjects) {
  alignas(8) uint64_t Bits[4] = {};
  constexpr uintptr_t N = 200;
  auto SetBit = [&Bits](uintptr_t I) { Bits[I / 64] |= uint64_t(1) << I % 64; };
  for (uintptr_t I = 0; I < 10; I++)
    SetBit(I);
  for (uintptr_t I = 64; I < 128; I++)
    SetBit(I);
  SetBit(130);
  SetBit(191);
  SetBit(199);

  MSpan S = {};
  S.StartAddr = 0x100000;
  S.NElems = N;
  S.ElemSize = 16;
  S.AllocBits = reinterpret_cast<uint8_t *>(Bits);
  S.FreeIndex = 0;
  S.refillAllocCache(0);

  std::vector<uintptr_t> Got;
  for (;;) {
    uintptr_t V = nextFreeFast(&S);
    if (V == 0) {
      uintptr_t Idx = S.nextFreeIndex();
      if (Idx == N)
        break;
      V = S.StartAddr + Idx * S.ElemSize;
    }
    Got.push_back((V - S.StartAddr) / S.ElemSize);
  }
  std::vector<uintptr_t> Want;
  for (uintptr_t I = 0; I < N; I++)
    if (!(Bits[I / 64] & (uint64_t(1) << I % 64)))
      Want.push_back(I);
  EXPECT_EQ(Got, Want);
  EXPECT_EQ(S.FreeIndex, N);
  EXPECT_EQ(S.nextFreeIndex(), N);
  for (uintptr_t I = 0; I < N; I++)
    EXPECT_FALSE(S.isFree(I));
}

TEST(SpanBitmap, FreshSpanIsHandedOutInOrder) {
  alignas(8) uint64_t Bits[16] = {};
  MSpan S = {};
  S.StartAddr = 0x200000;
  S.NElems = 1024;
  S.ElemSize = 8;
  S.AllocBits = reinterpret_cast<uint8_t *>(Bits);
  S.AllocCache = ~uint64_t(0);
  for (uintptr_t I = 0; I < 1024; I++) {
    EXPECT_TRUE(S.isFree(I));
    uintptr_t V = nextFreeFast(&S);
    if (V == 0)
      V = S.StartAddr + S.nextFreeIndex() * 8;
    ASSERT_EQ(V, S.StartAddr + I * 8);
    EXPECT_FALSE(S.isFree(I));
  }
  EXPECT_EQ(nextFreeFast(&S), 0u);
  EXPECT_EQ(S.nextFreeIndex(), 1024u);
}

TEST(MCentral, GrowCountsSpans) {
  test::RuntimeThread T(/*WithP=*/true);
  // 32 KiB objects: one per span, so every allocation refills.
  SpanClass Spc = makeSpanClass(NumSizeClasses - 1, false);
  uint64_t Before = __atomic_load_n(&Heap.Central[Spc].NGrow, __ATOMIC_SEQ_CST);
  for (int I = 0; I < 10; I++)
    mallocgc(32768, nullptr, false);
  uint64_t After = __atomic_load_n(&Heap.Central[Spc].NGrow, __ATOMIC_SEQ_CST);
  EXPECT_EQ(After - Before, 10u);
}

} // namespace
