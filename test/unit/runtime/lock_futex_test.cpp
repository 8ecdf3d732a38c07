//===- test/unit/runtime/lock_futex_test.cpp - Mutexes and notes ----------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The futex-based runtime Mutex and Note (runtime/lock_futex.cpp) under
// real contention from several host threads.
//
//===----------------------------------------------------------------------===//

#include "test/unit/runtime/runtime_test_support.h"

#include "runtime/lock.h"
#include "runtime/sys_linux.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

using namespace gort;

namespace {

TEST(FutexLock, MutualExclusion) {
  static Mutex L;
  constexpr int NThreads = 4;
  constexpr int Iters = 100000;
  int64_t Counter = 0; // deliberately not atomic: the lock protects it
  std::atomic<int> Inside{0};
  std::atomic<int> Overlaps{0};
  std::vector<std::thread> Ts;
  for (int T = 0; T < NThreads; T++)
    Ts.emplace_back([&] {
      for (int I = 0; I < Iters; I++) {
        lock(&L);
        if (Inside.fetch_add(1) != 0)
          Overlaps.fetch_add(1);
        Counter++;
        Inside.fetch_sub(1);
        unlock(&L);
      }
    });
  for (auto &T : Ts)
    T.join();
  EXPECT_EQ(Counter, int64_t(NThreads) * Iters);
  EXPECT_EQ(Overlaps.load(), 0);
  EXPECT_EQ(L.Key, 0u);
}

TEST(FutexLock, SleepersAreWoken) {
  // Hold the lock long enough for the others to go to sleep in the kernel.
  static Mutex L;
  lock(&L);
  std::atomic<int> Got{0};
  std::vector<std::thread> Ts;
  for (int T = 0; T < 3; T++)
    Ts.emplace_back([&] {
      lock(&L);
      Got.fetch_add(1);
      unlock(&L);
    });
  gort::usleep(50000);
  EXPECT_EQ(Got.load(), 0);
  EXPECT_EQ(__atomic_load_n(&L.Key, __ATOMIC_SEQ_CST), 2u); // sleepers
  unlock(&L);
  for (auto &T : Ts)
    T.join();
  EXPECT_EQ(Got.load(), 3);
}

TEST(FutexNote, WakeupAcrossThreads) {
  for (int Round = 0; Round < 100; Round++) {
    Note N;
    noteclear(&N);
    std::atomic<bool> Woke{false};
    std::thread T([&] {
      notesleep(&N);
      Woke.store(true);
    });
    if (Round % 2)
      gort::usleep(100);
    notewakeup(&N);
    T.join();
    EXPECT_TRUE(Woke.load());
  }
}

TEST(FutexNote, TimedSleep) {
  Note N;
  noteclear(&N);
  int64_t T0 = nanotime();
  EXPECT_FALSE(notetsleep(&N, 20 * 1000 * 1000));
  EXPECT_GE(nanotime() - T0, 20 * 1000 * 1000);
  std::thread T([&] {
    gort::usleep(10000);
    notewakeup(&N);
  });
  EXPECT_TRUE(notetsleep(&N, 10LL * 1000 * 1000 * 1000));
  T.join();
  // Woken before the sleep starts: returns at once.
  EXPECT_TRUE(notetsleep(&N, 1000));
}

TEST(FutexNoteDeathTest, DoubleWakeup) {
  Note N;
  noteclear(&N);
  notewakeup(&N);
  EXPECT_DEATH(notewakeup(&N), "notewakeup - double wakeup");
}

} // namespace
