//===- test/unit/runtime/spanof_test.cpp - Address to span and object -----===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The arena index: any address, interior ones included, resolves to its
// span and object base (what the collector will need), for small and large
// objects, objects spanning arenas, and stack memory; anything else
// resolves to nothing.
//
//===----------------------------------------------------------------------===//

#include "test/unit/runtime/runtime_test_support.h"

#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/mheap.h"
#include "runtime/stack.h"
#include "runtime/stubs.h"

#include <gtest/gtest.h>

#include <string.h>
#include <sys/mman.h>

using namespace gort;

namespace {

int GlobalVar;

TEST(SpanOf, InteriorPointersOfSmallObjects) {
  for (uint64_t Size : {8, 24, 48, 112, 1024, 3200, 9472, 32768}) {
    for (int I = 0; I < 20; I++) {
      uintptr_t P = uintptr_t(mallocgc(Size, nullptr, true));
      MSpan *S = spanOf(P);
      ASSERT_NE(S, nullptr);
      ASSERT_EQ(spanOfHeap(P), S);
      for (uintptr_t Off = 0; Off < Size; Off += (Off < 64 ? 1 : 61)) {
        MSpan *OS = nullptr;
        uintptr_t Idx = ~uintptr_t(0);
        ASSERT_EQ(findObject(P + Off, &OS, &Idx), P) << Size << "+" << Off;
        ASSERT_EQ(OS, S);
        ASSERT_EQ(Idx, (P - S->base()) / S->ElemSize);
      }
      ASSERT_EQ(findObject(P + Size - 1, nullptr, nullptr), P);
    }
  }
}

TEST(SpanOf, TailPastTheLastObjectIsNoObject) {
  // Class 3 (24 bytes): 341 objects, 8 bytes of tail waste.
  uintptr_t P = uintptr_t(mallocgc(24, nullptr, true));
  MSpan *S = spanOf(P);
  ASSERT_EQ(S->Limit, S->base() + 341 * 24);
  EXPECT_EQ(spanOf(S->Limit), S);
  EXPECT_EQ(spanOfHeap(S->Limit), nullptr);
  EXPECT_EQ(findObject(S->Limit + 7, nullptr, nullptr), 0u);
  EXPECT_EQ(findObject(S->Limit - 1, nullptr, nullptr), S->Limit - 24);
}

void checkLarge(uint64_t Size) {
  SCOPED_TRACE(Size);
  uintptr_t P = uintptr_t(mallocgc(Size, nullptr, true));
  ASSERT_EQ(P % PageSize, 0u);
  MSpan *S = spanOf(P);
  ASSERT_NE(S, nullptr);
  EXPECT_EQ(S->State, MSpanState::InUse);
  EXPECT_EQ(spanClassSizeClass(S->Class), 0u);
  EXPECT_EQ(S->NElems, 1u);
  EXPECT_EQ(S->NPages, (Size + PageSize - 1) / PageSize);
  EXPECT_EQ(S->ElemSize, S->NPages * PageSize);
  EXPECT_EQ(S->Limit, P + Size);
  EXPECT_EQ(S->AllocCount, 1u);
  EXPECT_EQ(S->FreeIndex, 1u);
  EXPECT_FALSE(S->isFree(0));
  // Every page of the span, and offsets inside them.
  for (uintptr_t Off = 0; Off < Size; Off += PageSize) {
    ASSERT_EQ(spanOf(P + Off), S) << Off;
    ASSERT_EQ(findObject(P + Off + 123 < P + Size ? P + Off + 123 : P + Off,
                         nullptr, nullptr),
              P)
        << Off;
  }
  EXPECT_EQ(findObject(P + Size - 1, nullptr, nullptr), P);
  EXPECT_EQ(findObject(P + Size, nullptr, nullptr), 0u);
}

TEST(SpanOf, LargeObjects) {
  checkLarge(32769);
  checkLarge(100000);
  checkLarge(5 << 20);
}

TEST(SpanOf, LargeObjectAcrossArenas) {
  uint64_t Size = HeapArenaBytes + HeapArenaBytes / 2 + 12345;
  checkLarge(Size);
  uintptr_t P = uintptr_t(mallocgc(Size, nullptr, false));
  HeapArena *First = arenaOf(P);
  HeapArena *Last = arenaOf(P + Size - 1);
  ASSERT_NE(First, nullptr);
  ASSERT_NE(Last, nullptr);
  EXPECT_NE(First, Last);
  EXPECT_EQ(First->Next->Base, First->Base + HeapArenaBytes);
  EXPECT_EQ(findObject(Last->Base, nullptr, nullptr), P);
  EXPECT_EQ(findObject(Last->Base - 1, nullptr, nullptr), P);
}

TEST(SpanOf, HeapGrowsByArenas) {
  MemStats Before;
  readMemStats(&Before);
  // Bigger than all free memory: the heap must grow.
  uint64_t Size = Before.HeapIdle + HeapArenaBytes + 1;
  void *P = mallocgc(Size, nullptr, false);
  MemStats After;
  readMemStats(&After);
  EXPECT_GT(After.NumArenas, Before.NumArenas);
  EXPECT_GE(After.HeapSys, Before.HeapSys + HeapArenaBytes);
  EXPECT_EQ(After.HeapSys % HeapArenaBytes, 0u);
  EXPECT_EQ(findObject(uintptr_t(P) + Size - 1, nullptr, nullptr),
            uintptr_t(P));
}

TEST(SpanOf, NonHeapAddresses) {
  int Local = 0;
  EXPECT_EQ(spanOf(0), nullptr);
  EXPECT_EQ(spanOf(1), nullptr);
  EXPECT_EQ(spanOf(uintptr_t(&Local)), nullptr);
  EXPECT_EQ(spanOf(uintptr_t(&GlobalVar)), nullptr);
  EXPECT_EQ(spanOf(~uintptr_t(0)), nullptr);
  EXPECT_EQ(spanOf(uintptr_t(1) << 47), nullptr);
  EXPECT_EQ(spanOf(uintptr_t(1) << 48), nullptr);
  EXPECT_EQ(findObject(uintptr_t(&Local), nullptr, nullptr), 0u);
  // The zero-size base is not a heap object.
  EXPECT_EQ(spanOf(uintptr_t(mallocgc(0, nullptr, true))), nullptr);
}

TEST(SpanOf, HeapGrowsWhenTheHintIsTaken) {
  // Occupy the address the next arena would be reserved at: the heap must
  // take another, arena-aligned range.
  lock(&Heap.Lock);
  uintptr_t Hint = Heap.ArenaHint;
  unlock(&Heap.Lock);
  void *Blocker =
      ::mmap(reinterpret_cast<void *>(Hint), 4096, PROT_READ,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  ASSERT_EQ(Blocker, reinterpret_cast<void *>(Hint));
  MemStats Before;
  readMemStats(&Before);
  uint64_t Size = Before.HeapIdle + HeapArenaBytes + 1;
  uintptr_t P = uintptr_t(mallocgc(Size, nullptr, true));
  HeapArena *A = arenaOf(P + Size - 1);
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(A->Base % HeapArenaBytes, 0u);
  EXPECT_TRUE(A->Base + HeapArenaBytes <= Hint || A->Base > Hint);
  EXPECT_EQ(findObject(P + Size - 1, nullptr, nullptr), P);
  EXPECT_EQ(spanOf(Hint), nullptr);
  reinterpret_cast<volatile uint8_t *>(P)[Size - 1] = 1;
  ::munmap(Blocker, 4096);
}

struct StackArgs {
  uintptr_t Size;
  Stack S;
};

TEST(SpanOf, StacksAreManualSpans) {
  for (uintptr_t Size : {StackMin, uintptr_t(64 << 10), uintptr_t(2 << 20)}) {
    StackArgs A = {Size, {}};
    systemstack(
        [](void *Arg) {
          auto *A = static_cast<StackArgs *>(Arg);
          A->S = stackalloc(A->Size);
        },
        &A);
    MSpan *S = spanOf(A.S.Lo);
    ASSERT_NE(S, nullptr);
    EXPECT_EQ(S->State, MSpanState::Manual);
    EXPECT_EQ(spanOf(A.S.Hi - 1), S);
    EXPECT_EQ(spanOfHeap(A.S.Lo), nullptr);
    EXPECT_EQ(findObject(A.S.Lo + 8, nullptr, nullptr), 0u);
    memset(reinterpret_cast<void *>(A.S.Lo), 0x5a, Size);
    systemstack([](void *Arg) { stackfree(static_cast<StackArgs *>(Arg)->S); },
                &A);
    if (Size > (512 << 10)) // unpooled: back to the heap
      EXPECT_EQ(spanOf(A.S.Lo), nullptr);
  }
}

} // namespace
