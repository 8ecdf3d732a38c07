//===- test/unit/runtime/tiny_test.cpp - The tiny allocator ---------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Pointer-free objects under 16 bytes share 16-byte blocks (gc's tiny
// allocator): alignment by size, block reuse, and no overlap.
//
//===----------------------------------------------------------------------===//

#include "test/unit/runtime/runtime_test_support.h"

#include "runtime/malloc.h"
#include "runtime/mcache.h"
#include "runtime/mheap.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

using namespace gort;

namespace {

uintptr_t tinyAlloc(uintptr_t Size) {
  gort::abi::Type Ty = test::makeTestType(Size, /*HasPointers=*/false);
  return uintptr_t(mallocgc(Size, &Ty, true));
}

TEST(Tiny, ObjectsShareA16ByteBlock) {
  test::RuntimeThread T(/*WithP=*/true);
  MCache *C = T.p()->Cache;
  EXPECT_EQ(C->Tiny, 0u);
  uintptr_t A = tinyAlloc(1);
  EXPECT_EQ(A % 16, 0u);
  EXPECT_EQ(C->Tiny, A);
  EXPECT_EQ(C->TinyOffset, 1u);
  MSpan *S = spanOf(A);
  ASSERT_NE(S, nullptr);
  EXPECT_EQ(S->Class, TinySpanClass);

  uintptr_t B = tinyAlloc(2); // aligned to 2
  EXPECT_EQ(B, A + 2);
  uintptr_t Cc = tinyAlloc(4); // aligned to 4
  EXPECT_EQ(Cc, A + 4);
  uintptr_t D = tinyAlloc(8); // aligned to 8
  EXPECT_EQ(D, A + 8);
  EXPECT_EQ(C->TinyOffset, 16u);
  EXPECT_EQ(C->TinyAllocs, 3u);

  // The block is full: the next object starts a new one.
  uintptr_t E = tinyAlloc(3);
  EXPECT_EQ(E % 16, 0u);
  EXPECT_NE(E, A);
  EXPECT_EQ(C->Tiny, E);
  EXPECT_EQ(findObject(E + 2, nullptr, nullptr), E); // the block is the object
}

TEST(Tiny, KeepsTheBlockWithMoreRoom) {
  test::RuntimeThread T(/*WithP=*/true);
  MCache *C = T.p()->Cache;
  uintptr_t A = tinyAlloc(4);
  uintptr_t B = tinyAlloc(15); // does not fit: a new block of its own
  EXPECT_NE(B, A + 4);
  EXPECT_EQ(C->Tiny, A); // A's block has 12 bytes left, B's only 1
  EXPECT_EQ(tinyAlloc(4), A + 4);
}

TEST(Tiny, NotForPointersOr16Bytes) {
  test::RuntimeThread T(/*WithP=*/true);
  MCache *C = T.p()->Cache;
  gort::abi::Type WithPtr = test::makeTestType(8, /*HasPointers=*/true);
  uintptr_t P = uintptr_t(mallocgc(8, &WithPtr, true));
  EXPECT_EQ(spanOf(P)->Class, makeSpanClass(1, false));
  EXPECT_EQ(uintptr_t(mallocgc(8, nullptr, true)) % 8, 0u); // null T: scan
  EXPECT_EQ(C->Tiny, 0u);
  uintptr_t Q = tinyAlloc(16);
  EXPECT_EQ(spanOf(Q)->Class, makeSpanClass(2, true));
  EXPECT_EQ(C->Tiny, 0u);
  EXPECT_EQ(C->TinyAllocs, 0u);
}

TEST(Tiny, RandomSizesNeverOverlapAndAreZero) {
  test::RuntimeThread T(/*WithP=*/true);
  std::mt19937 Rng(42);
  std::vector<std::pair<uintptr_t, uintptr_t>> Objs;
  for (int I = 0; I < 100000; I++) {
    uintptr_t Size = 1 + Rng() % 15;
    uintptr_t P = tinyAlloc(Size);
    auto *B = reinterpret_cast<uint8_t *>(P);
    for (uintptr_t J = 0; J < Size; J++) {
      ASSERT_EQ(B[J], 0);
      B[J] = 0xff;
    }
    uintptr_t Align = (Size & 7) == 0   ? 8
                      : (Size & 3) == 0 ? 4
                      : (Size & 1) == 0 ? 2
                                        : 1;
    ASSERT_EQ(P % Align, 0u);
    Objs.push_back({P, P + Size});
  }
  std::sort(Objs.begin(), Objs.end());
  for (size_t I = 1; I < Objs.size(); I++)
    ASSERT_LE(Objs[I - 1].second, Objs[I].first);
  // Fewer than one 16-byte block per object.
  EXPECT_GT(T.p()->Cache->TinyAllocs, 30000u);
}

} // namespace
