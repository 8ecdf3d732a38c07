//===- runtime/lock_futex.cpp - Mutexes and notes on futexes --------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Runtime locks built on Linux futexes (gc: lock_futex.go). They block the
// whole thread (M), never just a goroutine, so they guard short runtime
// critical sections only: the stack allocator, the heap, printing.
//
// Mutex::Key is a three-state word:
//   0 unlocked, 1 locked, 2 locked with possible sleepers.
// lock:
//   1. Exchange in 1; if the old value was 0 we own it.
//   2. Otherwise spin a little (only if Ncpu > 1): wait for 0 and CAS it to
//      the wait state remembered in step 1 or 3.
//   3. Exchange in 2 (announcing a sleeper); if the old value was 0 we own it
//      (and a spurious wake-up may follow, which is harmless). Otherwise
//      futex-sleep while Key == 2 and retry from step 2.
// unlock: exchange in 0; if the old value was 2, wake one sleeper.
//
// Note::Key is 0 (clear) or 1 (woken); notesleep futex-waits while it is 0,
// notetsleep at most until its deadline. One sleeper, one waker per
// noteclear; the scheduler parks idle Ms (M::Park) and sysmon on notes.
//
// Invariants: a Mutex is released by the M that took it. M::Locks counts
// the locks an M holds (the scheduler will not preempt such an M). Lock
// order, outermost first: PanicLock, DebugLock (printing), SymLock
// (symbol tables), StackLock, HeapLock.
//
// Rejected: a ticket or MCS lock (fairness is not needed for runtime
// critical sections, and gc uses this one).
//
//===----------------------------------------------------------------------===//

#include "runtime/lock.h"

#include "runtime/atomic.h"
#include "runtime/os_linux.h"
#include "runtime/panic.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"

namespace gort {

namespace {

constexpr uint32_t MutexUnlocked = 0;
constexpr uint32_t MutexLocked = 1;
constexpr uint32_t MutexSleeping = 2;

constexpr int ActiveSpin = 4;
constexpr int ActiveSpinCnt = 30;
constexpr int PassiveSpin = 1;

inline void incLocks() {
  if (G *Gp = getgOrNull())
    Gp->Mp->Locks++;
}

inline void decLocks() {
  if (G *Gp = getgOrNull()) {
    if (--Gp->Mp->Locks < 0)
      fatal("runtime: lock count");
  }
}

} // namespace

void lock(Mutex *L) {
  incLocks();
  uint32_t V = atomic::xchg(&L->Key, MutexLocked);
  if (V == MutexUnlocked)
    return;
  // V is Locked or Sleeping; keep that state when we take the lock, so that
  // a sleeper announced earlier is still woken by our unlock.
  uint32_t Wait = V;
  int Spin = Ncpu > 1 ? ActiveSpin : 0;
  for (;;) {
    for (int I = 0; I < Spin; I++) {
      while (atomic::load(&L->Key) == MutexUnlocked)
        if (atomic::cas(&L->Key, MutexUnlocked, Wait))
          return;
      procyield(ActiveSpinCnt);
    }
    for (int I = 0; I < PassiveSpin; I++) {
      while (atomic::load(&L->Key) == MutexUnlocked)
        if (atomic::cas(&L->Key, MutexUnlocked, Wait))
          return;
      osyield();
    }
    V = atomic::xchg(&L->Key, MutexSleeping);
    if (V == MutexUnlocked)
      return;
    Wait = MutexSleeping;
    futexsleep(&L->Key, MutexSleeping, -1);
  }
}

bool tryLock(Mutex *L) {
  incLocks();
  if (atomic::cas(&L->Key, MutexUnlocked, MutexLocked))
    return true;
  decLocks();
  return false;
}

void unlock(Mutex *L) {
  uint32_t V = atomic::xchg(&L->Key, MutexUnlocked);
  if (V == MutexUnlocked)
    fatal("unlock of unlocked lock");
  if (V == MutexSleeping)
    futexwakeup(&L->Key, 1);
  decLocks();
}

void noteclear(Note *N) { N->Key = 0; }

void notewakeup(Note *N) {
  uint32_t Old = atomic::xchg(&N->Key, uint32_t(1));
  if (Old != 0)
    fatal("notewakeup - double wakeup");
  futexwakeup(&N->Key, 1);
}

void notesleep(Note *N) {
  while (atomic::load(&N->Key) == 0)
    futexsleep(&N->Key, 0, -1);
}

bool notetsleep(Note *N, int64_t Ns) {
  if (Ns < 0) {
    notesleep(N);
    return true;
  }
  int64_t Deadline = nanotime() + Ns;
  for (;;) {
    if (atomic::load(&N->Key) != 0)
      return true;
    futexsleep(&N->Key, 0, Ns);
    if (atomic::load(&N->Key) != 0)
      return true;
    int64_t Now = nanotime();
    if (Now >= Deadline)
      return false;
    Ns = Deadline - Now;
  }
}

} // namespace gort
