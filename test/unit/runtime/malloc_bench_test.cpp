//===- test/unit/runtime/malloc_bench_test.cpp - mallocgc ns/op -----------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A microbenchmark of mallocgc for small objects, printed as ns/op (compare
// with Go's `new` in a loop; docs/runtime/malloc.md has the numbers). Set
// GORT_MALLOC_BENCH_N to change the iterations (default 1000000). Nothing
// is freed, so the loop also pays for first-touch page faults, as Go with
// GOGC=off does.
//
//===----------------------------------------------------------------------===//

#include "test/unit/runtime/runtime_test_support.h"

#include "runtime/malloc.h"

#include <gtest/gtest.h>

#include <chrono>
#include <stdio.h>
#include <stdlib.h>

using namespace gort;

namespace {

void *volatile Sink;

double nsPerOp(uintptr_t Size, const gort::abi::Type *T, long N) {
  // Warm up: first spans, first arena.
  for (int I = 0; I < 1000; I++)
    Sink = mallocgc(Size, T, true);
  auto Start = std::chrono::steady_clock::now();
  for (long I = 0; I < N; I++)
    Sink = mallocgc(Size, T, true);
  auto End = std::chrono::steady_clock::now();
  return std::chrono::duration<double, std::nano>(End - Start).count() /
         double(N);
}

TEST(MallocBench, SmallObjects) {
  long N = 1000000;
  if (const char *E = getenv("GORT_MALLOC_BENCH_N"))
    N = atol(E);
  for (uintptr_t Size : {8, 16, 64, 256}) {
    gort::abi::Type Noscan = test::makeTestType(Size, false);
    gort::abi::Type Scan = test::makeTestType(Size, true);
    double A = nsPerOp(Size, &Noscan, N);
    double B = nsPerOp(Size, &Scan, N);
    printf("mallocgc %4zu bytes: noscan %6.1f ns/op, scan %6.1f ns/op\n",
           size_t(Size), A, B);
    EXPECT_LT(A, 5000.0);
    EXPECT_LT(B, 5000.0);
  }
  {
    test::RuntimeThread T(/*WithP=*/false);
    double C = nsPerOp(64, nullptr, N / 4);
    printf("mallocgc   64 bytes without a P (locked cache): %6.1f ns/op\n", C);
  }
}

} // namespace
