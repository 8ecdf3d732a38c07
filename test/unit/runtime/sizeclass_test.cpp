//===- test/unit/runtime/sizeclass_test.cpp - Size classes, span carving --===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The size-class tables against gc 1.19's (runtime/sizeclasses.go), size
// rounding, division by multiplication, and how spans of each class are
// carved into objects.
//
//===----------------------------------------------------------------------===//

#include "test/unit/runtime/runtime_test_support.h"

#include "runtime/malloc.h"
#include "runtime/mcache.h"
#include "runtime/mheap.h"
#include "runtime/sizeclasses.h"

#include <gtest/gtest.h>

#include <string.h>

using namespace gort;

namespace {

// Objects per span, from the comment table of gc 1.19's sizeclasses.go.
const uint16_t GcObjectsPerSpan[NumSizeClasses] = {
    0,  1024, 512, 341, 256, 170, 128, 102, 85, 73, 64, 56, 51, 46, 42, 39, 36,
    34, 32,   28,  25,  23,  21,  19,  18,  17, 16, 14, 12, 11, 10, 9,  8,  7,
    6,  11,   5,   9,   4,   7,   3,   8,   5,  7,  2,  5,  3,  4,  5,  6,  7,
    1,  6,    5,   4,   3,   2,   3,   4,   1,  4,  3,  2,  3,  1,  3,  2,  1};

TEST(SizeClass, TablesMatchGc) {
  EXPECT_EQ(ClassToSize[0], 0);
  EXPECT_EQ(ClassToAllocNPages[0], 0);
  for (unsigned C = 1; C < NumSizeClasses; C++) {
    SCOPED_TRACE(C);
    if (C > 1)
      EXPECT_LT(ClassToSize[C - 1], ClassToSize[C]);
    uint64_t SpanBytes = uint64_t(ClassToAllocNPages[C]) * PageSize;
    EXPECT_EQ(SpanBytes / ClassToSize[C], GcObjectsPerSpan[C]);
    // gc's rule for picking npages: tail waste at most 1/8 of the span.
    EXPECT_LE((SpanBytes % ClassToSize[C]) * 8, SpanBytes);
    EXPECT_EQ(ClassToSize[C] % 8, 0);
  }
  EXPECT_EQ(ClassToSize[NumSizeClasses - 1], MaxSmallSize);
  EXPECT_EQ(PageSize, 8192u);
}

TEST(SizeClass, SizeToClassIsSmallestFit) {
  for (uint64_t Size = 1; Size <= MaxSmallSize; Size++) {
    unsigned C = sizeToClass(Size);
    ASSERT_GE(C, 1u) << Size;
    ASSERT_GE(ClassToSize[C], Size) << Size;
    ASSERT_LT(ClassToSize[C - 1], Size) << Size;
  }
}

TEST(SizeClass, RoundUpSize) {
  EXPECT_EQ(roundupsize(0), 0u);
  EXPECT_EQ(roundupsize(1), 8u);
  EXPECT_EQ(roundupsize(17), 24u);
  EXPECT_EQ(roundupsize(1025), 1152u);
  EXPECT_EQ(roundupsize(32767), 32768u);
  EXPECT_EQ(roundupsize(32768), 32768u);
  EXPECT_EQ(roundupsize(32769), 40960u);
  EXPECT_EQ(roundupsize(100000), 106496u);
  EXPECT_EQ(roundupsize(~uint64_t(0) - 5), ~uint64_t(0) - 5); // overflow
}

TEST(SizeClass, DivMagicIsExactInsideSpans) {
  // gc's mksizeclasses checks the same: (Off * magic) >> 32 == Off / size
  // for every offset inside a span of the class.
  for (unsigned C = 1; C < NumSizeClasses; C++) {
    uint64_t Size = ClassToSize[C];
    uint64_t Magic = ClassToDivMagic[C];
    uint64_t SpanBytes = uint64_t(ClassToAllocNPages[C]) * PageSize;
    for (uint64_t Off = 0; Off < SpanBytes; Off++)
      ASSERT_EQ((Off * Magic) >> 32, Off / Size)
          << "class " << C << " off " << Off;
  }
}

TEST(SizeClass, SpanClassEncoding) {
  EXPECT_EQ(NumSpanClasses, 136u);
  for (unsigned C = 0; C < NumSizeClasses; C++)
    for (bool Noscan : {false, true}) {
      SpanClass S = makeSpanClass(C, Noscan);
      EXPECT_EQ(spanClassSizeClass(S), C);
      EXPECT_EQ(spanClassNoscan(S), Noscan);
    }
  EXPECT_EQ(ClassToSize[spanClassSizeClass(TinySpanClass)], MaxTinySize);
  EXPECT_TRUE(spanClassNoscan(TinySpanClass));
}

// Every class, scan and noscan: the span an object comes from has the
// class's geometry, and consecutive objects of one span are consecutive
// slots (in a span that was never swept, allocation only moves up).
TEST(SpanCarving, EveryClass) {
  test::RuntimeThread T(/*WithP=*/true);
  for (unsigned C = 1; C < NumSizeClasses; C++) {
    for (bool Noscan : {false, true}) {
      SCOPED_TRACE(testing::Message() << "class " << C << " noscan " << Noscan);
      uint64_t Size = ClassToSize[C];
      if (Noscan && Size < MaxTinySize)
        continue; // the tiny allocator's (tiny_test.cpp)
      gort::abi::Type Ty = test::makeTestType(Size, !Noscan);
      uint64_t PerSpan = GcObjectsPerSpan[C];
      MSpan *Prev = nullptr;
      uintptr_t PrevP = 0;
      unsigned Spans = 0;
      for (uint64_t I = 0; I < 2 * PerSpan + 1; I++) {
        uintptr_t P = uintptr_t(mallocgc(Size, &Ty, true));
        MSpan *S = spanOf(P);
        ASSERT_NE(S, nullptr);
        ASSERT_EQ(S->State, MSpanState::InUse);
        ASSERT_EQ(S->Class, makeSpanClass(C, Noscan));
        ASSERT_EQ(S->ElemSize, Size);
        ASSERT_EQ(S->NPages, ClassToAllocNPages[C]);
        ASSERT_EQ(S->NElems, PerSpan);
        ASSERT_EQ(S->Limit, S->base() + PerSpan * Size);
        ASSERT_EQ((P - S->base()) % Size, 0u);
        ASSERT_LT(P, S->Limit);
        ASSERT_EQ(S->base() % PageSize, 0u);
        ASSERT_EQ(T.p()->Cache->Alloc[makeSpanClass(C, Noscan)], S);
        if (S == Prev) {
          ASSERT_EQ(P, PrevP + Size);
        } else {
          Spans++;
        }
        Prev = S;
        PrevP = P;
      }
      // A first (or later) span may be a partial one another test gave
      // back to the MCentral.
      EXPECT_GE(Spans, 2u);
      EXPECT_LE(Spans, 4u);
    }
  }
}

TEST(SpanCarving, ObjectsAreZeroAndAligned) {
  for (uint64_t Size :
       {1, 7, 8, 9, 24, 33, 100, 1000, 1024, 1025, 5000, 32767, 32768}) {
    for (int I = 0; I < 100; I++) {
      auto *P = static_cast<uint8_t *>(mallocgc(Size, nullptr, true));
      for (uint64_t J = 0; J < Size; J++)
        ASSERT_EQ(P[J], 0) << Size;
      uint64_t Class = roundupsize(Size);
      uint64_t Align = Class & -Class; // lowest set bit
      ASSERT_EQ(uintptr_t(P) % (Align > PageSize ? PageSize : Align), 0u);
      memset(P, 0xa5, Size);
    }
  }
}

} // namespace
