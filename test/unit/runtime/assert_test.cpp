//===- test/unit/runtime/assert_test.cpp - GORT_ASSERT's message ----------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A failed GORT_ASSERT throws with the condition and its place, the file
// named relative to the source tree as gc names runtime files, never by the
// absolute path of the machine that built libgort.
//
//===----------------------------------------------------------------------===//

#include "runtime/mfixalloc.h"

#include <gtest/gtest.h>

namespace {

TEST(RuntimeAssert, NamesTheFileRelativeToTheSourceTree) {
  gort::FixAlloc F;
  EXPECT_DEATH(F.init(0), "fatal error: runtime: assertion failed: ObjSize > 0 "
                          "&& ObjSize <= FixAllocChunk at "
                          "runtime/mfixalloc\\.cpp:[0-9]+\n");
}

} // namespace
