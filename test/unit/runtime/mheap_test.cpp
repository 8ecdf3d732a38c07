//===- test/unit/runtime/mheap_test.cpp - Pages, reuse, scavenging --------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The page heap: address-ordered reuse of freed pages, needzero for reused
// memory, the scavenger, and FixAlloc.
//
//===----------------------------------------------------------------------===//

#include "test/unit/runtime/runtime_test_support.h"

#include "runtime/malloc.h"
#include "runtime/mfixalloc.h"
#include "runtime/mheap.h"
#include "runtime/stubs.h"

#include <gtest/gtest.h>

#include <string.h>

using namespace gort;

namespace {

struct ManualArgs {
  uintptr_t NPages;
  MSpan *S;
};

MSpan *allocManual(uintptr_t NPages) {
  ManualArgs A = {NPages, nullptr};
  systemstack(
      [](void *Arg) {
        auto *A = static_cast<ManualArgs *>(Arg);
        A->S = Heap.allocManual(A->NPages);
      },
      &A);
  return A.S;
}

void freeManual(MSpan *S) {
  systemstack([](void *Arg) { Heap.freeManual(static_cast<MSpan *>(Arg)); }, S);
}

TEST(MHeap, FreedPagesAreReusedAndZeroedForObjects) {
  // 40 pages: bigger than any small-object span, so nothing else lands in
  // the hole before the large object below.
  constexpr uintptr_t NPages = 40;
  MSpan *M = allocManual(NPages);
  ASSERT_NE(M, nullptr);
  uintptr_t Base = M->base();
  EXPECT_EQ(M->State, MSpanState::Manual);
  EXPECT_EQ(spanOf(Base + 5 * PageSize), M);
  memset(reinterpret_cast<void *>(Base), 0xcd, NPages * PageSize);
  freeManual(M);
  EXPECT_EQ(spanOf(Base), nullptr);

  // Address-ordered first fit: the hole is reused once every lower hole
  // that fits (left by earlier tests) is taken.
  uintptr_t Size = NPages * PageSize - 100;
  uint8_t *P = nullptr;
  for (int I = 0; I < 100; I++) {
    P = static_cast<uint8_t *>(mallocgc(Size, nullptr, true));
    if (uintptr_t(P) >= Base)
      break;
  }
  ASSERT_EQ(uintptr_t(P), Base);
  MSpan *S = spanOf(uintptr_t(P));
  EXPECT_EQ(S->NeedZero, 1); // the pages were handed out before
  for (uintptr_t I = 0; I < Size; I += 61)
    ASSERT_EQ(P[I], 0) << I;
  ASSERT_EQ(P[Size - 1], 0);
}

TEST(MHeap, FreshSpansNeedNoZeroing) {
  // A fresh arena's pages were never handed out.
  uint64_t Size = HeapArenaBytes + PageSize;
  void *P = mallocgc(Size, nullptr, false);
  MSpan *S = spanOf(uintptr_t(P));
  EXPECT_EQ(S->NeedZero, 0);
}

TEST(MHeap, ScavengerReturnsFreePagesToTheOS) {
  constexpr uintptr_t NPages = 512; // 4 MiB
  MSpan *M = allocManual(NPages);
  ASSERT_NE(M, nullptr);
  memset(reinterpret_cast<void *>(M->base()), 1, NPages * PageSize);
  MemStats Before;
  readMemStats(&Before);
  freeManual(M);
  MemStats Mid;
  readMemStats(&Mid);
  EXPECT_EQ(Mid.StackInUse + NPages * PageSize, Before.StackInUse);
  EXPECT_EQ(Mid.HeapIdle, Before.HeapIdle + NPages * PageSize);

  uintptr_t Released = Heap.scavenge(~uintptr_t(0) >> 1);
  MemStats After;
  readMemStats(&After);
  // Everything free is released now, including the 4 MiB just freed.
  EXPECT_GE(Released + (Mid.HeapReleased - Before.HeapReleased),
            NPages * PageSize);
  EXPECT_EQ(After.HeapReleased, After.HeapIdle);
  EXPECT_GE(After.Scavenged, Before.Scavenged + NPages * PageSize -
                                 (Mid.HeapReleased - Before.HeapReleased));
  EXPECT_EQ(Heap.scavenge(1 << 20), 0u); // nothing left to release

  // Released pages come back on demand, zeroed.
  MSpan *M2 = allocManual(NPages);
  ASSERT_NE(M2, nullptr);
  MemStats Again;
  readMemStats(&Again);
  EXPECT_LT(Again.HeapReleased, After.HeapReleased);
  freeManual(M2);
}

TEST(MHeap, ScavengerKeepsASmallDirtyReserve) {
  // Freeing more than the retained goal triggers the scavenger by itself.
  Heap.scavenge(~uintptr_t(0) >> 1);
  MemStats S0;
  readMemStats(&S0);
  uintptr_t NPages =
      (S0.HeapInUse + S0.StackInUse) / PageSize / 10 + (16 << 20) / PageSize;
  MSpan *M = allocManual(NPages);
  ASSERT_NE(M, nullptr);
  memset(reinterpret_cast<void *>(M->base()), 1, NPages * PageSize);
  freeManual(M);
  MemStats S1;
  readMemStats(&S1);
  uint64_t Dirty = S1.HeapIdle - S1.HeapReleased;
  EXPECT_LT(Dirty, uint64_t(NPages) * PageSize);
  EXPECT_GT(S1.Scavenged, S0.Scavenged);
}

TEST(MHeap, StatsAddUp) {
  mallocgc(64, nullptr, true);
  MemStats S;
  readMemStats(&S);
  EXPECT_EQ(S.HeapSys, S.HeapInUse + S.StackInUse + S.HeapIdle);
  EXPECT_LE(S.HeapReleased, S.HeapIdle);
  EXPECT_EQ(S.HeapSys % HeapArenaBytes, 0u);
  EXPECT_GE(S.NumArenas, 1u);
  EXPECT_GT(S.NumSpans, 0u);
}

TEST(FixAlloc, ReusesFreedObjectsZeroed) {
  FixAlloc F = {};
  F.init(40);
  EXPECT_EQ(F.Size, 40u);
  void *A = F.alloc();
  void *B = F.alloc();
  EXPECT_EQ(uintptr_t(B), uintptr_t(A) + 40);
  memset(A, 0xff, 40);
  F.free(A);
  EXPECT_EQ(F.InUse, 40u);
  void *C = F.alloc();
  EXPECT_EQ(C, A);
  for (int I = 0; I < 40; I++)
    EXPECT_EQ(static_cast<uint8_t *>(C)[I], 0);
  // Many objects: new chunks as needed, all distinct and writable.
  for (int I = 0; I < 10000; I++)
    memset(F.alloc(), 1, 40);
  EXPECT_EQ(F.InUse, 40u * 10002);
}

} // namespace
