//===- test/unit/runtime/chan_waitq_test.cpp - Sudog wait queues ----------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A channel's FIFOs of waiting sudogs (runtime/chan.h): order, removal from
// any position (a select dequeuing its losing cases), and the rule that a
// select's sudog is handed out only to the first waker (G::SelectDone).
//
//===----------------------------------------------------------------------===//

#include "test/unit/runtime/runtime_test_support.h"

#include "runtime/chan.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

using namespace gort;

namespace {

TEST(WaitQ, Fifo) {
  WaitQ Q = {};
  G Gp = {};
  Sudog S[3] = {};
  for (Sudog &X : S) {
    X.Gp = &Gp;
    waitqEnqueue(&Q, &X);
  }
  EXPECT_EQ(waitqDequeue(&Q), &S[0]);
  EXPECT_EQ(S[0].Next, nullptr);
  EXPECT_EQ(waitqDequeue(&Q), &S[1]);
  EXPECT_EQ(waitqDequeue(&Q), &S[2]);
  EXPECT_EQ(waitqDequeue(&Q), nullptr);
  EXPECT_EQ(Q.First, nullptr);
  EXPECT_EQ(Q.Last, nullptr);
}

TEST(WaitQ, RemoveAnywhere) {
  G Gp = {};
  for (int Victim = 0; Victim < 4; Victim++) {
    WaitQ Q = {};
    Sudog S[4] = {};
    for (Sudog &X : S) {
      X.Gp = &Gp;
      waitqEnqueue(&Q, &X);
    }
    waitqRemove(&Q, &S[Victim]);
    EXPECT_EQ(S[Victim].Next, nullptr);
    EXPECT_EQ(S[Victim].Prev, nullptr);
    waitqRemove(&Q, &S[Victim]); // already removed: no effect
    for (int I = 0; I < 4; I++)
      if (I != Victim)
        EXPECT_EQ(waitqDequeue(&Q), &S[I]);
    EXPECT_EQ(waitqDequeue(&Q), nullptr);
  }
}

TEST(WaitQ, RemoveOnlyAndDequeued) {
  WaitQ Q = {};
  G Gp = {};
  Sudog A = {};
  A.Gp = &Gp;
  waitqEnqueue(&Q, &A);
  waitqRemove(&Q, &A);
  EXPECT_EQ(Q.First, nullptr);
  EXPECT_EQ(Q.Last, nullptr);
  // A sudog that was dequeued (as the last one) and is then removed by its
  // select must not disturb a queue that has others by now.
  Sudog B = {};
  B.Gp = &Gp;
  waitqEnqueue(&Q, &A);
  EXPECT_EQ(waitqDequeue(&Q), &A);
  waitqEnqueue(&Q, &B);
  waitqRemove(&Q, &A);
  EXPECT_EQ(Q.First, &B);
  EXPECT_EQ(waitqDequeue(&Q), &B);
}

TEST(WaitQ, SelectWonElsewhereIsSkipped) {
  WaitQ Q1 = {}, Q2 = {};
  G Sel = {}, Plain = {};
  Sudog S1 = {}, S2 = {}, P = {};
  S1.Gp = S2.Gp = &Sel;
  S1.IsSelect = S2.IsSelect = true;
  P.Gp = &Plain;
  waitqEnqueue(&Q1, &S1);
  waitqEnqueue(&Q1, &P);
  waitqEnqueue(&Q2, &S2);
  // A waker on Q2 wins the select...
  EXPECT_EQ(waitqDequeue(&Q2), &S2);
  EXPECT_EQ(Sel.SelectDone, 1u);
  // ...so a waker on Q1 skips its other sudog and takes the next G.
  EXPECT_EQ(waitqDequeue(&Q1), &P);
  EXPECT_EQ(waitqDequeue(&Q1), nullptr);
}

// Many threads race to wake one select through different queues: exactly
// one wins.
TEST(WaitQ, OneWinnerPerSelect) {
  constexpr int NQ = 4;
  for (int Round = 0; Round < 200; Round++) {
    G Sel = {};
    WaitQ Q[NQ] = {};
    Sudog S[NQ] = {};
    for (int I = 0; I < NQ; I++) {
      S[I].Gp = &Sel;
      S[I].IsSelect = true;
      waitqEnqueue(&Q[I], &S[I]);
    }
    std::atomic<int> Winners{0};
    std::vector<std::thread> Ts;
    for (int I = 0; I < NQ; I++)
      Ts.emplace_back([&, I] {
        if (waitqDequeue(&Q[I]))
          Winners.fetch_add(1);
      });
    for (auto &T : Ts)
      T.join();
    EXPECT_EQ(Winners.load(), 1);
  }
}

} // namespace
