//===- runtime/sema.cpp - Semaphores and notify lists for package sync ----===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The runtime services package sync declares without bodies (gc: sema.go,
// and the functions its runtime pushes to sync by //go:linkname), under
// sync's symbols ("sync.runtime_Semacquire") with the Go calling
// convention of libgort/abi.h.
//
// Semaphores (Mutex, RWMutex, WaitGroup). A semaphore is a uint32 in the
// caller's object; semacquire takes one unit or parks until semrelease
// gives one. Waiters wait on one of SemTabSize roots chosen by the
// address, each a lock, a FIFO of SemaWaiters (records on the waiters'
// stacks, which never move) and a count of waiters, so that a release
// with none waiting touches no lock (gc: semaRoot, without the treap: a
// root's list holds the waiters of every address hashed to it).
//   semacquire: take a unit without the lock if there is one; else, under
//     the root's lock, count itself as a waiter, check once more (a release
//     between the two checks is seen now, or sees the waiter), queue itself
//     (at the front for Mutex's starving LIFO requeue) and park.
//   semrelease: add the unit; if anyone waits, dequeue the first waiter for
//     this address and ready it. With handoff (a starving Mutex), the
//     releaser takes the unit for the waiter and hands it over (Ticket),
//     so that no third goroutine can barge in.
// The unlock of the root's lock happens after the waiter is parked
// (goparkunlock), so a release cannot ready it before it sleeps.
//
// Notify lists (Cond): sync's notifyList {wait, notify, lock, head, tail}
// (sync/runtime2.go). notifyListAdd hands out tickets; notifyListWait
// parks its ticket unless already notified; NotifyOne wakes the oldest
// ticket, NotifyAll everyone. lock is used as a runtime Mutex.
//
// The rest: canSpin says no (spinning is only an optimisation), doSpin
// pauses, nanotime, fastrandn (Pool.Put's race-detector branch, kept at
// -O0), procPin/procUnpin hold M::Locks as sync/atomic's do,
// registerPoolCleanup records the cleanup and never calls it (gc clears
// Pools at each collection; keeping their items is allowed, a Pool may
// free items at any time but need not), throw and fatal end the program
// with "fatal error: " and the message, as gc's.
//
//===----------------------------------------------------------------------===//

#include "runtime/sema.h"
#include "runtime/abi_entry.h"
#include "runtime/atomic.h"
#include "runtime/lock.h"
#include "runtime/mprof.h"
#include "runtime/panic.h"
#include "runtime/proc.h"
#include "runtime/rand.h"
#include "runtime/runtime2.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"

#include <stdint.h>

namespace gort {
namespace {

/// A goroutine waiting in semacquire, in its frame.
struct SemaWaiter {
  G *Gp;
  const uint32_t *Addr;
  SemaWaiter *Next;
  bool Ticket; ///< the releaser took a unit for this waiter (handoff)
  /// Block profile: -1 while waiting, then when it was released; 0 off.
  int64_t ReleaseTime;
  /// Mutex profile: since when it has waited; 0 off.
  int64_t AcquireTime;
};

struct SemaRoot {
  Mutex Lock;
  SemaWaiter *Head;
  SemaWaiter *Tail;
  uint32_t NWait; ///< waiters of all this root's addresses (atomic)
};

constexpr uintptr_t SemTabSize = 251; // gc's
SemaRoot SemTable[SemTabSize];

SemaRoot *rootOf(const uint32_t *Addr) {
  return &SemTable[(uintptr_t(Addr) >> 3) % SemTabSize];
}

/// Takes a unit of *Addr if there is one (gc: cansemacquire).
bool canAcquire(uint32_t *Addr) {
  for (;;) {
    uint32_t V = atomic::load(Addr);
    if (V == 0)
      return false;
    if (atomic::cas(Addr, V, V - 1))
      return true;
  }
}

} // namespace

void semacquire(uint32_t *Addr, bool Lifo, unsigned Profile) {
  if (canAcquire(Addr))
    return;
  SemaRoot *R = rootOf(Addr);
  SemaWaiter W = {getg(), Addr, nullptr, false, 0, 0};
  int64_t T0 = 0;
  if ((Profile & SemaBlockProfile) && blockProfiling()) {
    T0 = cputicks();
    W.ReleaseTime = -1;
  }
  if ((Profile & SemaMutexProfile) && mutexProfiling()) {
    if (!T0)
      T0 = cputicks();
    W.AcquireTime = T0;
  }
  for (;;) {
    lock(&R->Lock);
    atomic::xadd(&R->NWait, 1u);
    if (canAcquire(Addr)) {
      atomic::xadd(&R->NWait, ~0u);
      unlock(&R->Lock);
      return;
    }
    W.Next = nullptr;
    if (Lifo) {
      W.Next = R->Head;
      R->Head = &W;
      if (!R->Tail)
        R->Tail = &W;
    } else {
      if (R->Tail)
        R->Tail->Next = &W;
      else
        R->Head = &W;
      R->Tail = &W;
    }
    goparkunlock(&R->Lock, WaitReason::Semacquire);
    if (W.Ticket || canAcquire(Addr))
      break;
  }
  if (W.ReleaseTime > 0)
    blockEvent(W.ReleaseTime - T0);
}

void semrelease(uint32_t *Addr, bool Handoff) {
  SemaRoot *R = rootOf(Addr);
  atomic::xadd(Addr, 1u);
  if (atomic::load(&R->NWait) == 0)
    return;
  lock(&R->Lock);
  SemaWaiter *Prev = nullptr, *W = R->Head;
  while (W && W->Addr != Addr) {
    Prev = W;
    W = W->Next;
  }
  if (!W) {
    unlock(&R->Lock);
    return;
  }
  (Prev ? Prev->Next : R->Head) = W->Next;
  if (R->Tail == W)
    R->Tail = Prev;
  atomic::xadd(&R->NWait, ~0u);
  int64_t Waited = 0;
  if (W->AcquireTime) {
    // The others waiting for Addr wait for this releaser from now on
    // (gc: semaRoot.dequeue).
    int64_t Now = cputicks();
    Waited = Now - W->AcquireTime;
    for (SemaWaiter *X = R->Head; X; X = X->Next)
      if (X->Addr == Addr && X->AcquireTime)
        X->AcquireTime = Now;
  }
  unlock(&R->Lock);
  // W lives in its goroutine's frame until that goroutine runs again.
  if (Handoff && canAcquire(Addr))
    W->Ticket = true;
  if (W->ReleaseTime)
    W->ReleaseTime = cputicks();
  bool Contended = W->AcquireTime != 0;
  goready(W->Gp);
  if (Contended)
    mutexEvent(Waited);
}

namespace {

/// sync's notifyList (sync/runtime2.go).
struct NotifyList {
  uint32_t Wait;   ///< the next ticket (atomic)
  uint32_t Notify; ///< the next ticket to notify (atomic)
  uintptr_t Lock;  ///< a runtime Mutex
  void *Head;
  void *Tail;
};
static_assert(sizeof(Mutex) <= sizeof(uintptr_t));

/// A goroutine waiting in notifyListWait, in its frame.
struct NotifyWaiter {
  G *Gp;
  uint32_t Ticket;
  NotifyWaiter *Next;
  int64_t ReleaseTime; ///< as SemaWaiter's
};

Mutex *lockOf(NotifyList *L) { return reinterpret_cast<Mutex *>(&L->Lock); }

/// Ticket A comes before B, with wraparound (gc: less).
bool before(uint32_t A, uint32_t B) { return int32_t(A - B) < 0; }

/// Prints "fatal error: " and the Go string S, then exits (gc's throw and
/// fatal from package sync).
[[noreturn]] void fatalString(abi::String S) {
  char Buf[256];
  intptr_t N = S.Len < intptr_t(sizeof(Buf)) - 1 ? S.Len : sizeof(Buf) - 1;
  for (intptr_t I = 0; I < N; I++)
    Buf[I] = char(S.Ptr[I]);
  Buf[N] = 0;
  fatal(Buf);
}

} // namespace
} // namespace gort

using namespace gort;

extern "C" {
void syncSemacquire(void *, uint32_t *) __asm__("sync.runtime_Semacquire");
void syncSemacquireMutex(void *, uint32_t *, uint8_t,
                         int64_t) __asm__("sync.runtime_SemacquireMutex");
void syncSemrelease(void *, uint32_t *, uint8_t,
                    int64_t) __asm__("sync.runtime_Semrelease");
uint32_t syncNotifyListAdd(void *,
                           NotifyList *) __asm__("sync.runtime_notifyListAdd");
void syncNotifyListWait(void *, NotifyList *,
                        uint32_t) __asm__("sync.runtime_notifyListWait");
void syncNotifyListNotifyAll(void *, NotifyList *) __asm__(
    "sync.runtime_notifyListNotifyAll");
void syncNotifyListNotifyOne(void *, NotifyList *) __asm__(
    "sync.runtime_notifyListNotifyOne");
void syncNotifyListCheck(void *,
                         uintptr_t) __asm__("sync.runtime_notifyListCheck");
bool syncCanSpin(void *, int64_t) __asm__("sync.runtime_canSpin");
void syncDoSpin(void *) __asm__("sync.runtime_doSpin");
int64_t syncNanotime(void *) __asm__("sync.runtime_nanotime");
uint32_t syncFastrandn(void *, uint32_t) __asm__("sync.fastrandn");
intptr_t syncProcPin(void *) __asm__("sync.runtime_procPin");
void syncProcUnpin(void *) __asm__("sync.runtime_procUnpin");
void syncRegisterPoolCleanup(void *, void *) __asm__(
    "sync.runtime_registerPoolCleanup");
void syncThrow(void *, const uint8_t *, intptr_t) __asm__("sync.throw");
void syncFatal(void *, const uint8_t *, intptr_t) __asm__("sync.fatal");
uintptr_t atomicLoadAcquintptr(void *, uintptr_t *) __asm__(
    "runtime/internal/atomic.LoadAcquintptr");
uintptr_t atomicStoreReluintptr(void *, uintptr_t *, uintptr_t) __asm__(
    "runtime/internal/atomic.StoreReluintptr");

void syncSemacquire(void *, uint32_t *Addr) {
  semacquire(Addr, false, SemaBlockProfile);
}
// The bools arrive as a byte (only its low bit is defined).
void syncSemacquireMutex(void *, uint32_t *Addr, uint8_t Lifo, int64_t) {
  semacquire(Addr, Lifo & 1, SemaBlockProfile | SemaMutexProfile);
}
void syncSemrelease(void *, uint32_t *Addr, uint8_t Handoff, int64_t) {
  semrelease(Addr, Handoff & 1);
}

uint32_t syncNotifyListAdd(void *, NotifyList *L) {
  return atomic::xadd(&L->Wait, 1u) - 1;
}

void syncNotifyListWait(void *, NotifyList *L, uint32_t T) {
  lock(lockOf(L));
  if (before(T, atomic::load(&L->Notify))) {
    unlock(lockOf(L)); // notified already
    return;
  }
  int64_t T0 = blockProfiling() ? cputicks() : 0;
  NotifyWaiter W = {getg(), T, nullptr, T0 ? -1 : 0};
  if (L->Tail)
    static_cast<NotifyWaiter *>(L->Tail)->Next = &W;
  else
    L->Head = &W;
  L->Tail = &W;
  goparkunlock(lockOf(L), WaitReason::SyncCondWait);
  if (W.ReleaseTime > 0)
    blockEvent(W.ReleaseTime - T0);
}

void syncNotifyListNotifyAll(void *, NotifyList *L) {
  if (atomic::load(&L->Wait) == atomic::load(&L->Notify))
    return;
  lock(lockOf(L));
  auto *W = static_cast<NotifyWaiter *>(L->Head);
  L->Head = L->Tail = nullptr;
  atomic::store(&L->Notify, atomic::load(&L->Wait));
  unlock(lockOf(L));
  while (W) {
    NotifyWaiter *Next = W->Next; // W is gone once its goroutine runs
    if (W->ReleaseTime)
      W->ReleaseTime = cputicks();
    goready(W->Gp);
    W = Next;
  }
}

void syncNotifyListNotifyOne(void *, NotifyList *L) {
  if (atomic::load(&L->Wait) == atomic::load(&L->Notify))
    return;
  lock(lockOf(L));
  uint32_t T = L->Notify;
  if (T == atomic::load(&L->Wait)) {
    unlock(lockOf(L));
    return;
  }
  atomic::store(&L->Notify, T + 1);
  // The waiter with ticket T, if it has queued itself yet (it may still be
  // between notifyListAdd and notifyListWait: then it sees Notify and
  // does not park).
  NotifyWaiter *Prev = nullptr;
  for (auto *W = static_cast<NotifyWaiter *>(L->Head); W;
       Prev = W, W = W->Next) {
    if (W->Ticket != T)
      continue;
    if (Prev)
      Prev->Next = W->Next;
    else
      L->Head = W->Next;
    if (L->Tail == W)
      L->Tail = Prev;
    unlock(lockOf(L));
    if (W->ReleaseTime)
      W->ReleaseTime = cputicks();
    goready(W->Gp);
    return;
  }
  unlock(lockOf(L));
}

void syncNotifyListCheck(void *, uintptr_t Size) {
  if (Size != sizeof(NotifyList))
    fatal("bad notifyList size");
}

bool syncCanSpin(void *, int64_t) { return false; }

void syncDoSpin(void *) { procyield(30); }

int64_t syncNanotime(void *) { return nanotime(); }
// Pool.Put's race-detector branch calls it; at -O0 the branch is kept.
uint32_t syncFastrandn(void *, uint32_t N) { return fastrandn(N); }

intptr_t syncProcPin(void *) { return procPin(); }
void syncProcUnpin(void *) { procUnpin(); }

void syncRegisterPoolCleanup(void *, void *) {}

void syncThrow(void *, const uint8_t *P, intptr_t N) { fatalString({P, N}); }
void syncFatal(void *, const uint8_t *P, intptr_t N) { fatalString({P, N}); }

uintptr_t atomicLoadAcquintptr(void *, uintptr_t *P) {
  return __atomic_load_n(P, __ATOMIC_ACQUIRE);
}
uintptr_t atomicStoreReluintptr(void *, uintptr_t *P, uintptr_t V) {
  __atomic_store_n(P, V, __ATOMIC_RELEASE);
  return 0;
}
}
