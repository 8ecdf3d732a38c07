//===- test/unit/runtime/sched_runq_test.cpp - Run queues -----------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The scheduler's run queues (runtime/sched_runq.cpp): a P's lock-free ring
// and runnext, the spill to the global queue, globrunqget's share, and
// stealing, including several thieves stealing from a P whose owner keeps
// adding and taking Gs at the same time.
//
//===----------------------------------------------------------------------===//

#include "test/unit/runtime/runtime_test_support.h"

#include "runtime/lock.h"
#include "runtime/proc.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace gort;

namespace {

/// A P and Gs owned by one test, the global queue emptied around it.
class RunqTest : public ::testing::Test {
protected:
  void SetUp() override { drainGlobal(); }
  void TearDown() override { drainGlobal(); }

  static void drainGlobal() {
    lock(&Sched.Lock);
    Sched.Runq = GQueue{nullptr, nullptr};
    Sched.RunqSize = 0;
    unlock(&Sched.Lock);
  }

  P *newP() {
    Ps.push_back(std::make_unique<P>());
    P *Pp = Ps.back().get();
    Pp->Status = PRunning;
    return Pp;
  }

  G *newG(int64_t Id) {
    Gs.push_back(std::make_unique<G>());
    G *Gp = Gs.back().get();
    Gp->Goid = Id;
    return Gp;
  }

  std::vector<std::unique_ptr<P>> Ps;
  std::vector<std::unique_ptr<G>> Gs;
};

TEST_F(RunqTest, FifoAndRunnext) {
  P *Pp = newP();
  EXPECT_TRUE(runqempty(Pp));
  G *A = newG(1), *B = newG(2), *C = newG(3), *D = newG(4);
  runqput(Pp, A, false);
  runqput(Pp, B, false);
  runqput(Pp, C, true); // runnext
  runqput(Pp, D, true); // runnext again: C goes to the tail
  EXPECT_FALSE(runqempty(Pp));
  bool Inherit = false;
  EXPECT_EQ(runqget(Pp, &Inherit), D);
  EXPECT_TRUE(Inherit);
  EXPECT_EQ(runqget(Pp, &Inherit), A);
  EXPECT_FALSE(Inherit);
  EXPECT_EQ(runqget(Pp, &Inherit), B);
  EXPECT_EQ(runqget(Pp, &Inherit), C);
  EXPECT_EQ(runqget(Pp, &Inherit), nullptr);
  EXPECT_TRUE(runqempty(Pp));
}

TEST_F(RunqTest, FullRingSpillsHalfToGlobal) {
  P *Pp = newP();
  constexpr int N = 300;
  for (int I = 0; I < N; I++)
    runqput(Pp, newG(I), false);
  // The 257th put moved the oldest 128 and itself to the global queue.
  EXPECT_EQ(Sched.RunqSize, int32_t(RunqSize / 2 + 1));
  EXPECT_EQ(Pp->RunqTail - Pp->RunqHead, uint32_t(N - RunqSize / 2 - 1));
  // Global: the oldest 128 in order, then the G whose put overflowed.
  std::vector<int64_t> Global;
  lock(&Sched.Lock);
  for (G *Gp = Sched.Runq.Head; Gp; Gp = Gp->SchedLink)
    Global.push_back(Gp->Goid);
  unlock(&Sched.Lock);
  ASSERT_EQ(Global.size(), size_t(RunqSize / 2 + 1));
  for (uint32_t I = 0; I < RunqSize / 2; I++)
    EXPECT_EQ(Global[I], int64_t(I));
  EXPECT_EQ(Global.back(), int64_t(RunqSize));
  bool Inherit;
  EXPECT_EQ(runqget(Pp, &Inherit)->Goid, 128);
}

TEST_F(RunqTest, GlobalShare) {
  P *Pp = newP();
  Gomaxprocs = 2;
  lock(&Sched.Lock);
  for (int I = 0; I < 10; I++)
    globrunqput(newG(I));
  // 10/2 + 1 = 6: one returned, five on the local queue.
  G *Gp = globrunqget(Pp, 0);
  EXPECT_EQ(Gp->Goid, 0);
  EXPECT_EQ(Sched.RunqSize, 4);
  EXPECT_EQ(globrunqget(Pp, 1)->Goid, 6); // Max 1
  unlock(&Sched.Lock);
  Gomaxprocs = 1;
  bool Inherit;
  for (int I = 1; I <= 5; I++)
    EXPECT_EQ(runqget(Pp, &Inherit)->Goid, I);
  EXPECT_TRUE(runqempty(Pp));
}

TEST_F(RunqTest, StealHalf) {
  P *Victim = newP(), *Thief = newP();
  for (int I = 0; I < 100; I++)
    runqput(Victim, newG(I), false);
  G *Gp = runqsteal(Thief, Victim, false);
  ASSERT_NE(Gp, nullptr);
  // 50 taken: the oldest 49 on the thief's ring, the 50th returned.
  EXPECT_EQ(Gp->Goid, 49);
  EXPECT_EQ(Thief->RunqTail - Thief->RunqHead, 49u);
  EXPECT_EQ(Victim->RunqTail - Victim->RunqHead, 50u);
  bool Inherit;
  EXPECT_EQ(runqget(Victim, &Inherit)->Goid, 50);
  EXPECT_EQ(runqget(Thief, &Inherit)->Goid, 0);
}

TEST_F(RunqTest, StealRunnextOnlyWhenAsked) {
  P *Victim = newP(), *Thief = newP();
  Victim->Status = PIdle; // no back-off sleep
  G *A = newG(1);
  runqput(Victim, A, true);
  EXPECT_EQ(runqsteal(Thief, Victim, false), nullptr);
  EXPECT_EQ(runqsteal(Thief, Victim, true), A);
  EXPECT_TRUE(runqempty(Victim));
}

TEST_F(RunqTest, Drain) {
  P *Pp = newP();
  for (int I = 0; I < 5; I++)
    runqput(Pp, newG(I), I == 4);
  uint32_t N = 0;
  GQueue Q = runqdrain(Pp, &N);
  EXPECT_EQ(N, 5u);
  EXPECT_EQ(Q.pop()->Goid, 4); // runnext first
  for (int I = 0; I < 4; I++)
    EXPECT_EQ(Q.pop()->Goid, I);
  EXPECT_TRUE(Q.empty());
  EXPECT_TRUE(runqempty(Pp));
}

// One owner keeps putting Gs on its P (sometimes as runnext) and taking
// some back; three thieves steal from it into their own Ps and take what
// they stole. Every G must come out exactly once.
TEST_F(RunqTest, ConcurrentSteal) {
  constexpr int NThieves = 3;
  constexpr int NG = 200000;
  P *Owner = newP();
  P *Thieves[NThieves];
  for (auto &T : Thieves)
    T = newP();
  std::vector<std::unique_ptr<G>> Local(NG);
  for (int I = 0; I < NG; I++) {
    Local[I] = std::make_unique<G>();
    Local[I]->Goid = I;
  }
  std::vector<std::atomic<int>> Seen(NG);
  for (auto &S : Seen)
    S = 0;
  std::atomic<bool> Done{false};
  std::atomic<int64_t> Taken{0};
  auto Take = [&](G *Gp) {
    Seen[Gp->Goid].fetch_add(1);
    Taken.fetch_add(1);
  };

  std::vector<std::thread> Threads;
  for (int T = 0; T < NThieves; T++) {
    Threads.emplace_back([&, T] {
      P *Me = Thieves[T];
      bool Inherit;
      while (!Done.load() || !runqempty(Owner)) {
        if (G *Gp = runqsteal(Me, Owner, T == 0))
          Take(Gp);
        while (G *Gp = runqget(Me, &Inherit))
          Take(Gp);
      }
    });
  }
  bool Inherit;
  for (int I = 0; I < NG; I++) {
    runqput(Owner, Local[I].get(), I % 7 == 0);
    if (I % 3 == 0)
      if (G *Gp = runqget(Owner, &Inherit))
        Take(Gp);
  }
  Done.store(true);
  for (auto &Th : Threads)
    Th.join();
  while (G *Gp = runqget(Owner, &Inherit))
    Take(Gp);
  lock(&Sched.Lock);
  while (G *Gp = Sched.Runq.pop()) {
    Sched.RunqSize--;
    Take(Gp);
  }
  unlock(&Sched.Lock);
  EXPECT_EQ(Taken.load(), NG);
  int Bad = 0;
  for (int I = 0; I < NG; I++)
    if (Seen[I].load() != 1)
      Bad++;
  EXPECT_EQ(Bad, 0);
}

} // namespace
