//===- test/unit/runtime/stress_test.cpp - Concurrent allocation ----------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Threads allocating at once, some with a P and its MCache, some on the
// shared no-P path, one without even a g: every object comes zeroed, no two
// overlap, and each still holds what its owner wrote after all are done.
//
//===----------------------------------------------------------------------===//

#include "test/unit/runtime/runtime_test_support.h"

#include "runtime/malloc.h"
#include "runtime/mheap.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <thread>
#include <vector>

using namespace gort;

namespace {

struct Obj {
  uintptr_t P;
  uintptr_t Size;
  uint8_t Tag;
};

enum class Mode { WithP, NoP, NoG };

struct Worker {
  Mode M;
  unsigned Seed;
  uint8_t Tag;
  std::vector<Obj> Objs;
  uint64_t Failures = 0;
};

void work(Worker *W, int Iters) {
  std::unique_ptr<test::RuntimeThread> RT;
  if (W->M != Mode::NoG)
    RT = std::make_unique<test::RuntimeThread>(W->M == Mode::WithP);
  std::mt19937 Rng(W->Seed);
  gort::abi::Type Noscan = test::makeTestType(0, false);
  gort::abi::Type Scan = test::makeTestType(0, true);
  W->Objs.reserve(size_t(Iters));
  for (int I = 0; I < Iters; I++) {
    uint32_t R = Rng();
    uintptr_t Size;
    switch (R % 64) {
    case 0: // large, now and then
      Size = 32769 + (R >> 8) % 100000;
      break;
    case 1:
    case 2:
    case 3:
      Size = 1 + (R >> 8) % 32768; // every small class
      break;
    case 4:
    case 5:
    case 6:
    case 7:
    case 8:
    case 9:
    case 10:
    case 11:
    case 12:
    case 13:
    case 14:
    case 15:
      Size = 1 + (R >> 8) % 15; // tiny when noscan
      break;
    default:
      Size = 1 + (R >> 8) % 512;
    }
    const gort::abi::Type *T = (R >> 4) % 3 == 0   ? nullptr
                               : (R >> 4) % 3 == 1 ? &Noscan
                                                   : &Scan;
    auto *P = static_cast<uint8_t *>(mallocgc(Size, T, true));
    if (!P) {
      W->Failures++;
      continue;
    }
    // Zeroed: check the ends and a middle byte (all of it when small).
    if (Size <= 64) {
      for (uintptr_t J = 0; J < Size; J++)
        W->Failures += P[J] != 0;
    } else {
      W->Failures += P[0] != 0 || P[Size / 2] != 0 || P[Size - 1] != 0;
    }
    memset(P, W->Tag, Size);
    W->Objs.push_back({uintptr_t(P), Size, W->Tag});
  }
}

TEST(AllocStress, ThreadsWithAndWithoutP) {
  constexpr int NThreads = 8;
  constexpr int Iters = 60000;
  std::vector<Worker> Ws(NThreads);
  for (int I = 0; I < NThreads; I++) {
    Ws[size_t(I)].M = I == NThreads - 1 ? Mode::NoG
                      : I % 2 == 0      ? Mode::WithP
                                        : Mode::NoP;
    Ws[size_t(I)].Seed = unsigned(1000 + I);
    Ws[size_t(I)].Tag = uint8_t(0x11 * (I + 1));
  }
  std::vector<std::thread> Ths;
  for (auto &W : Ws)
    Ths.emplace_back(work, &W, Iters);
  for (auto &T : Ths)
    T.join();

  std::vector<Obj> All;
  for (auto &W : Ws) {
    EXPECT_EQ(W.Failures, 0u) << "thread tag " << int(W.Tag);
    All.insert(All.end(), W.Objs.begin(), W.Objs.end());
  }
  ASSERT_EQ(All.size(), size_t(NThreads) * Iters);
  // Contents intact (a shared byte would hold another thread's tag).
  for (const Obj &O : All) {
    auto *P = reinterpret_cast<const uint8_t *>(O.P);
    for (uintptr_t J = 0; J < O.Size; J += (O.Size > 256 ? 97 : 1))
      ASSERT_EQ(P[J], O.Tag);
    ASSERT_EQ(P[O.Size - 1], O.Tag);
    // Every object is found from its last byte.
    uintptr_t Base = findObject(O.P + O.Size - 1, nullptr, nullptr);
    ASSERT_NE(Base, 0u);
    ASSERT_LE(Base, O.P);
  }
  std::sort(All.begin(), All.end(),
            [](const Obj &A, const Obj &B) { return A.P < B.P; });
  for (size_t I = 1; I < All.size(); I++)
    ASSERT_LE(All[I - 1].P + All[I - 1].Size, All[I].P)
        << "objects overlap at " << std::hex << All[I].P;
}

} // namespace
