//===- runtime/netpoll.cpp - The network poller (epoll) -------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The integrated poller: a goroutine whose read or write on a non-blocking
// descriptor would block parks, and the scheduler readies it when epoll
// says the descriptor is ready, so a pipe, socket or terminal waits without
// holding a thread (gc: netpoll.go, netpoll_epoll.go, whose names this file
// keeps).
//
// How package os gets here: internal/poll.FD.Init calls runtime_pollOpen
// for every descriptor it may poll (pipes, sockets, files from os.Open,
// descriptors already non-blocking). epoll refuses regular files and
// directories (EPERM), and internal/poll then keeps such a descriptor in
// blocking mode: its reads block the thread in a system call, with the P
// handed off (proc.cpp entersyscall). Otherwise package os makes the
// descriptor non-blocking, and a read that fails with EAGAIN calls
// runtime_pollWait(pd, 'r'), which parks the goroutine until the descriptor
// is ready, it is closed, or a deadline passes.
//
// Data structures:
//   PollDesc  one per polled descriptor, off the collected heap (the
//             kernel holds its address as epoll's cookie), never freed:
//             closed ones go on PollCache's free list and are reused, so a
//             late event for a closed descriptor lands on a valid record and
//             at worst wakes a goroutine that retries its read (gc's
//             pollDesc, also type-stable).
//   RG, WG    one binary semaphore per direction, a word each: 0 (nothing),
//             PdReady (a readiness event not yet consumed), PdWait (a
//             goroutine is about to park) or the parked G itself. Only
//             compare-and-swap changes them, so an event, a deadline and a
//             close can race with a goroutine on its way to park and none
//             is lost.
//   RT, WT    deadline timers (proc.h GoTimer, on the one timer heap); RSeq
//             and WSeq count deadline changes, so a timer that fires after
//             its deadline was moved or the descriptor was reused does
//             nothing.
//   AtomicInfo what netpollcheckerr needs (closing, expired deadlines, an
//             error event), readable without the lock.
//
// Parking protocol (netpollblock): the goroutine swings its semaphore from
// 0 to PdWait, checks for close and deadline again, and parks with
// netpollblockcommit, which swings PdWait to its G only once it is parked
// (proc.cpp parkM runs the commit after the status change). A waker swings
// the word to PdReady (an event) or 0 (a deadline or close) and readies
// the G it found, if any.
//
// Who polls (proc.cpp):
//   - findRunnable, with a P, looks without blocking when its queues are
//     empty and goroutines wait in the poller (NetpollWaiters).
//   - findRunnable, after giving up its P, blocks in epoll_pwait if nobody
//     else does (Sched.LastPoll swapped to 0), then takes an idle P for the
//     goroutines it got; if none is idle, they go on the global queue.
//   - sysmon looks every 10 ms if nobody has, so busy Ps cannot starve a
//     goroutine whose descriptor became ready.
// The M blocked in the poller holds no P, so a stop-the-world does not wait
// for it, and checkdead counts it as running: a program whose goroutines
// all wait for I/O is not deadlocked, as in gc.
//
// Unlike gc, nothing interrupts the blocked poller (netpollBreak): gc's
// poller also sleeps until the next timer, while here sysmon owns the
// timers and wakes an idle P (and, if every M is busy or in the poller, a
// new M) when one is due; work made runnable elsewhere wakes an M the same
// way (wakep). Deadlines are timers: when one passes, the M that runs the
// timer readies the goroutine.
//
// Also unlike gc 1.19, every goroutine the poller readies is subtracted
// from NetpollWaiters (gc 1.21's netpollAdjustWaiters), so the scheduler
// stops polling when nobody waits.
//
// Locking: PollDesc::Lock guards Closing, the deadlines, the sequence
// numbers and the timers; it is taken before TimerLock. RG/WG and
// AtomicInfo are atomic. PollCache::Lock guards the free list.
//
// Entry points: internal/poll.runtime_poll* (package internal/poll's
// bodiless functions, Go calling convention with a closure context first);
// netpoll and NetpollWaiters (proc.cpp).
//
//===----------------------------------------------------------------------===//

#include "runtime/netpoll.h"

#include "runtime/atomic.h"
#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/panic.h"
#include "runtime/print.h"
#include "runtime/sys_linux.h"

using namespace gort;

namespace gort {
uint32_t NetpollWaiters;
} // namespace gort

namespace {

// Results of runtime_pollReset and runtime_pollWait; internal/poll's
// fd_poll_runtime.go has the same values.
constexpr int64_t PollNoError = 0;
constexpr int64_t PollErrClosing = 1;
constexpr int64_t PollErrTimeout = 2;
constexpr int64_t PollErrNotPollable = 3;

// States of a semaphore other than a G pointer.
constexpr uintptr_t PdReady = 1;
constexpr uintptr_t PdWait = 2;

// AtomicInfo bits.
constexpr uint32_t PollClosing = 1;
constexpr uint32_t PollEventErr = 2;
constexpr uint32_t PollExpiredReadDeadline = 4;
constexpr uint32_t PollExpiredWriteDeadline = 8;

/// One polled descriptor (gc: pollDesc). See the file comment.
struct PollDesc {
  PollDesc *Link; ///< on PollCache's free list
  uintptr_t Fd;
  uint32_t AtomicInfo;
  uintptr_t RG; ///< 0, PdReady, PdWait or the G waiting to read
  uintptr_t WG; ///< the same for writing

  Mutex Lock; ///< guards the rest
  bool Closing;
  uintptr_t RSeq; ///< invalidates stale read-deadline timers
  GoTimer RT;     ///< read deadline timer, in use while RT.F is set
  int64_t RD;     ///< read deadline: a nanotime, 0 none, -1 expired
  uintptr_t WSeq;
  GoTimer WT;
  int64_t WD;

  /// Recomputes AtomicInfo from the fields under Lock, keeping the event
  /// error bit (gc: publishInfo). Lock held.
  void publishInfo() {
    uint32_t Info = 0;
    if (Closing)
      Info |= PollClosing;
    if (RD < 0)
      Info |= PollExpiredReadDeadline;
    if (WD < 0)
      Info |= PollExpiredWriteDeadline;
    uint32_t X = atomic::load(&AtomicInfo);
    while (!atomic::cas(&AtomicInfo, X, (X & PollEventErr) | Info))
      X = atomic::load(&AtomicInfo);
  }

  void setEventErr(bool B) {
    uint32_t X = atomic::load(&AtomicInfo);
    while (((X & PollEventErr) != 0) != B &&
           !atomic::cas(&AtomicInfo, X, X ^ PollEventErr))
      X = atomic::load(&AtomicInfo);
  }

  uintptr_t *sema(int64_t Mode) { return Mode == 'w' ? &WG : &RG; }

  /// Whether a goroutine waits, or is about to, in either direction.
  bool hasWaiter() {
    uintptr_t W = atomic::load(&WG);
    uintptr_t R = atomic::load(&RG);
    return (W != 0 && W != PdReady) || (R != 0 && R != PdReady);
  }
};

/// Closed PollDescs for reuse (gc: pollCache).
struct {
  Mutex Lock;
  PollDesc *First;
} PollCache;

Mutex NetpollInitLock;
uint32_t NetpollInited;
int32_t Epfd = -1;

PollDesc *pollAlloc() {
  lock(&PollCache.Lock);
  if (!PollCache.First) {
    constexpr uintptr_t BlockSize = 4 << 10;
    constexpr uintptr_t N = BlockSize / sizeof(PollDesc);
    static_assert(N > 0);
    auto *Mem =
        static_cast<PollDesc *>(persistentalloc(N * sizeof(PollDesc), 0));
    for (uintptr_t I = 0; I < N; I++) {
      Mem[I].Link = PollCache.First;
      PollCache.First = &Mem[I];
    }
  }
  PollDesc *Pd = PollCache.First;
  PollCache.First = Pd->Link;
  unlock(&PollCache.Lock);
  return Pd;
}

void pollFree(PollDesc *Pd) {
  lock(&PollCache.Lock);
  Pd->Link = PollCache.First;
  PollCache.First = Pd;
  unlock(&PollCache.Lock);
}

void netpollinit() {
  Epfd = epollCreate1(EpollCloexec);
  if (Epfd < 0) {
    printlock();
    printstring("runtime: epollcreate failed with ");
    printint(-Epfd);
    printnl();
    printunlock();
    fatal("runtime: netpollinit failed");
  }
}

/// Error codes are reported only for reads: a write learns a more specific
/// error from its next system call (gc: netpollcheckerr).
int64_t netpollcheckerr(PollDesc *Pd, int64_t Mode) {
  uint32_t Info = atomic::load(&Pd->AtomicInfo);
  if (Info & PollClosing)
    return PollErrClosing;
  if ((Mode == 'r' && (Info & PollExpiredReadDeadline)) ||
      (Mode == 'w' && (Info & PollExpiredWriteDeadline)))
    return PollErrTimeout;
  if (Mode == 'r' && (Info & PollEventErr))
    return PollErrNotPollable;
  return PollNoError;
}

/// gopark's commit: the G is parked now, so a waker may take it.
bool netpollblockcommit(G *Gp, void *Sema) {
  bool Ok = atomic::cas(static_cast<uintptr_t *>(Sema), PdWait,
                        reinterpret_cast<uintptr_t>(Gp));
  if (Ok)
    atomic::xadd(&NetpollWaiters, 1u);
  return Ok;
}

/// Takes a G from the poller's count and readies it (gc: netpollgoready).
void netpollgoready(G *Gp) {
  atomic::xadd(&NetpollWaiters, uint32_t(-1));
  goready(Gp);
}

/// Waits for readiness in Mode; returns true if the descriptor is ready,
/// false if a deadline passed or it was closed. WaitIO ignores the latter
/// two (gc: netpollblock). Only one goroutine waits per mode.
bool netpollblock(PollDesc *Pd, int64_t Mode, bool WaitIO) {
  uintptr_t *Sema = Pd->sema(Mode);
  for (;;) {
    // Consume a pending notification.
    if (atomic::cas(Sema, PdReady, uintptr_t(0)))
      return true;
    if (atomic::cas(Sema, uintptr_t(0), PdWait))
      break;
    uintptr_t V = atomic::load(Sema);
    if (V != PdReady && V != 0)
      fatal("runtime: double wait");
  }
  // A close or deadline that came before PdWait was stored saw no waiter:
  // look again.
  if (WaitIO || netpollcheckerr(Pd, Mode) == PollNoError)
    gopark(netpollblockcommit, Sema, WaitReason::IOWait);
  // Do not lose a notification that came meanwhile.
  uintptr_t Old = atomic::xchg(Sema, uintptr_t(0));
  if (Old > PdWait)
    fatal("runtime: corrupted polldesc");
  return Old == PdReady;
}

/// Releases Mode's semaphore: IOReady leaves a notification (an event);
/// otherwise (a deadline, a close) it only wakes a waiter. Returns the G
/// to ready, already taken from NetpollWaiters' count by the caller's
/// netpollgoready or netpoll (gc: netpollunblock).
G *netpollunblock(PollDesc *Pd, int64_t Mode, bool IOReady) {
  uintptr_t *Sema = Pd->sema(Mode);
  for (;;) {
    uintptr_t Old = atomic::load(Sema);
    if (Old == PdReady)
      return nullptr;
    if (Old == 0 && !IOReady)
      return nullptr;
    if (atomic::cas(Sema, Old, IOReady ? PdReady : uintptr_t(0)))
      return Old == PdWait ? nullptr : reinterpret_cast<G *>(Old);
  }
}

/// A deadline timer fired (gc: netpolldeadlineimpl). On g0 with a P.
void netpolldeadlineimpl(PollDesc *Pd, uintptr_t Seq, bool Read, bool Write) {
  lock(&Pd->Lock);
  if (Seq != (Read ? Pd->RSeq : Pd->WSeq)) {
    // Reused, or the deadline moved since the timer was set.
    unlock(&Pd->Lock);
    return;
  }
  G *RG = nullptr;
  G *WG = nullptr;
  if (Read) {
    if (Pd->RD <= 0 || !Pd->RT.F)
      fatal("runtime: inconsistent read deadline");
    Pd->RD = -1;
    Pd->publishInfo();
    RG = netpollunblock(Pd, 'r', false);
  }
  if (Write) {
    if (Pd->WD <= 0 || (!Pd->WT.F && !Read))
      fatal("runtime: inconsistent write deadline");
    Pd->WD = -1;
    Pd->publishInfo();
    WG = netpollunblock(Pd, 'w', false);
  }
  unlock(&Pd->Lock);
  if (RG)
    netpollgoready(RG);
  if (WG)
    netpollgoready(WG);
}

// The timers' functions (TimerFn; Arg's data word is the PollDesc).
void netpollDeadline(const abi::FuncVal *, const abi::Type *, void *Pd,
                     uintptr_t Seq) {
  netpolldeadlineimpl(static_cast<PollDesc *>(Pd), Seq, true, true);
}
void netpollReadDeadline(const abi::FuncVal *, const abi::Type *, void *Pd,
                         uintptr_t Seq) {
  netpolldeadlineimpl(static_cast<PollDesc *>(Pd), Seq, true, false);
}
void netpollWriteDeadline(const abi::FuncVal *, const abi::Type *, void *Pd,
                          uintptr_t Seq) {
  netpolldeadlineimpl(static_cast<PollDesc *>(Pd), Seq, false, true);
}
const abi::FuncVal DeadlineFn = {reinterpret_cast<void (*)()>(netpollDeadline)};
const abi::FuncVal ReadDeadlineFn = {
    reinterpret_cast<void (*)()>(netpollReadDeadline)};
const abi::FuncVal WriteDeadlineFn = {
    reinterpret_cast<void (*)()>(netpollWriteDeadline)};

/// Points T at F for deadline When, with sequence Seq, and (re)starts it.
void armDeadline(GoTimer *T, PollDesc *Pd, const abi::FuncVal *F, int64_t When,
                 uintptr_t Seq) {
  timerMod(T, When, 0, F, abi::Eface{nullptr, Pd}, Seq);
}

void stopDeadline(GoTimer *T) {
  timerStop(T);
  T->F = nullptr;
}

} // namespace

bool gort::netpollinited() { return atomic::load(&NetpollInited) != 0; }

int32_t gort::netpoll(int64_t Delay, GQueue *Q) {
  if (Epfd < 0)
    return 0;
  int32_t WaitMs;
  if (Delay < 0)
    WaitMs = -1;
  else if (Delay == 0)
    WaitMs = 0;
  else if (Delay < 1000000)
    WaitMs = 1;
  else if (Delay < 1000000000000000)
    WaitMs = int32_t(Delay / 1000000);
  else
    WaitMs = 1000000000; // about 11.5 days
  // Fewer than gc's 128, for the runtime's 512-byte frame limit; more
  // events wait for the next call.
  constexpr int32_t MaxEvents = 16;
  EpollEvent Events[MaxEvents];
  int32_t N;
  for (;;) {
    N = epollWait(Epfd, Events, MaxEvents, WaitMs);
    if (N >= 0)
      break;
    if (N != -EINTR) {
      printlock();
      printstring("runtime: epollwait on fd ");
      printint(Epfd);
      printstring(" failed with ");
      printint(-N);
      printnl();
      printunlock();
      fatal("runtime: netpoll failed");
    }
    // A timed wait that a signal interrupted returns, so the caller
    // recomputes how long to wait; a blocking one waits again.
    if (WaitMs > 0)
      return 0;
  }
  int32_t Ready = 0;
  for (int32_t I = 0; I < N; I++) {
    uint32_t Ev = Events[I].Events;
    if (Ev == 0)
      continue;
    int64_t Mode = 0;
    if (Ev & (EpollIn | EpollRdhup | EpollHup | EpollErr))
      Mode += 'r';
    if (Ev & (EpollOut | EpollHup | EpollErr))
      Mode += 'w';
    if (Mode == 0)
      continue;
    auto *Pd = reinterpret_cast<PollDesc *>(uintptr_t(Events[I].Data));
    Pd->setEventErr(Ev == EpollErr);
    // gc: netpollready.
    G *RG = Mode == 'r' || Mode == 'r' + 'w' ? netpollunblock(Pd, 'r', true)
                                             : nullptr;
    G *WG = Mode == 'w' || Mode == 'r' + 'w' ? netpollunblock(Pd, 'w', true)
                                             : nullptr;
    if (RG) {
      Q->pushBack(RG);
      Ready++;
    }
    if (WG) {
      Q->pushBack(WG);
      Ready++;
    }
  }
  if (Ready)
    atomic::xadd(&NetpollWaiters, uint32_t(-Ready));
  return Ready;
}

// Package internal/poll's runtime functions (gc: poll_runtime_*).
extern "C" {

void pollServerInit(void *) __asm__("internal/poll.runtime_pollServerInit");
void pollServerInit(void *) {
  if (atomic::load(&NetpollInited))
    return;
  lock(&NetpollInitLock);
  if (!NetpollInited) {
    netpollinit();
    atomic::store(&NetpollInited, 1u);
  }
  unlock(&NetpollInitLock);
}

bool pollIsPollServerDescriptor(void *, uintptr_t Fd) __asm__(
    "internal/poll.runtime_isPollServerDescriptor");
bool pollIsPollServerDescriptor(void *, uintptr_t Fd) {
  return Epfd >= 0 && Fd == uintptr_t(Epfd);
}

// func runtime_pollOpen(fd uintptr) (uintptr, int)
abi::Words2 pollOpen(void *,
                     uintptr_t Fd) __asm__("internal/poll.runtime_pollOpen");
abi::Words2 pollOpen(void *, uintptr_t Fd) {
  PollDesc *Pd = pollAlloc();
  lock(&Pd->Lock);
  if (Pd->hasWaiter()) {
    unlock(&Pd->Lock);
    fatal("runtime: blocked read or write on free polldesc");
  }
  Pd->Fd = Fd;
  Pd->Closing = false;
  Pd->setEventErr(false);
  Pd->RSeq++;
  atomic::store(&Pd->RG, uintptr_t(0));
  Pd->RD = 0;
  Pd->WSeq++;
  atomic::store(&Pd->WG, uintptr_t(0));
  Pd->WD = 0;
  Pd->publishInfo();
  unlock(&Pd->Lock);

  EpollEvent Ev = {};
  Ev.Events = EpollIn | EpollOut | EpollRdhup | EpollEt;
  Ev.Data = reinterpret_cast<uintptr_t>(Pd);
  int32_t Err = epollCtl(Epfd, EpollCtlAdd, int32_t(Fd), &Ev);
  if (Err != 0) {
    pollFree(Pd);
    return {0, uintptr_t(-Err)};
  }
  return {reinterpret_cast<uintptr_t>(Pd), 0};
}

void pollClose(void *, PollDesc *Pd) __asm__("internal/poll.runtime_pollClose");
void pollClose(void *, PollDesc *Pd) {
  if (!Pd->Closing)
    fatal("runtime: close polldesc w/o unblock");
  if (Pd->hasWaiter())
    fatal("runtime: blocked read or write on closing polldesc");
  EpollEvent Ev = {};
  epollCtl(Epfd, EpollCtlDel, int32_t(Pd->Fd), &Ev);
  pollFree(Pd);
}

// Prepares Pd for a read ('r') or write ('w').
int64_t pollReset(void *, PollDesc *Pd,
                  int64_t Mode) __asm__("internal/poll.runtime_pollReset");
int64_t pollReset(void *, PollDesc *Pd, int64_t Mode) {
  int64_t Err = netpollcheckerr(Pd, Mode);
  if (Err != PollNoError)
    return Err;
  atomic::store(Pd->sema(Mode), uintptr_t(0));
  return PollNoError;
}

int64_t pollWait(void *, PollDesc *Pd,
                 int64_t Mode) __asm__("internal/poll.runtime_pollWait");
int64_t pollWait(void *, PollDesc *Pd, int64_t Mode) {
  int64_t Err = netpollcheckerr(Pd, Mode);
  if (Err != PollNoError)
    return Err;
  while (!netpollblock(Pd, Mode, false)) {
    Err = netpollcheckerr(Pd, Mode);
    if (Err != PollNoError)
      return Err;
    // A deadline fired and was then moved before we ran: wait again.
  }
  return PollNoError;
}

// Windows only in gc; kept for the linkname set.
void pollWaitCanceled(void *, PollDesc *Pd, int64_t Mode) __asm__(
    "internal/poll.runtime_pollWaitCanceled");
void pollWaitCanceled(void *, PollDesc *Pd, int64_t Mode) {
  while (!netpollblock(Pd, Mode, true)) {
  }
}

// D: nanoseconds from now, 0 for none, < 0 for already past.
void pollSetDeadline(void *, PollDesc *Pd, int64_t D, int64_t Mode) __asm__(
    "internal/poll.runtime_pollSetDeadline");
void pollSetDeadline(void *, PollDesc *Pd, int64_t D, int64_t Mode) {
  lock(&Pd->Lock);
  if (Pd->Closing) {
    unlock(&Pd->Lock);
    return;
  }
  int64_t RD0 = Pd->RD, WD0 = Pd->WD;
  bool Combo0 = RD0 > 0 && RD0 == WD0;
  if (D > 0) {
    D += nanotime();
    if (D <= 0)
      D = INT64_MAX; // a deadline in the future that overflowed
  }
  if (Mode == 'r' || Mode == 'r' + 'w')
    Pd->RD = D;
  if (Mode == 'w' || Mode == 'r' + 'w')
    Pd->WD = D;
  Pd->publishInfo();
  // One timer serves both directions when their deadlines agree.
  bool Combo = Pd->RD > 0 && Pd->RD == Pd->WD;
  const abi::FuncVal *RF = Combo ? &DeadlineFn : &ReadDeadlineFn;
  if (!Pd->RT.F) {
    if (Pd->RD > 0)
      armDeadline(&Pd->RT, Pd, RF, Pd->RD, Pd->RSeq);
  } else if (Pd->RD != RD0 || Combo != Combo0) {
    Pd->RSeq++; // invalidates a timer already firing
    if (Pd->RD > 0)
      armDeadline(&Pd->RT, Pd, RF, Pd->RD, Pd->RSeq);
    else
      stopDeadline(&Pd->RT);
  }
  if (!Pd->WT.F) {
    if (Pd->WD > 0 && !Combo)
      armDeadline(&Pd->WT, Pd, &WriteDeadlineFn, Pd->WD, Pd->WSeq);
  } else if (Pd->WD != WD0 || Combo != Combo0) {
    Pd->WSeq++;
    if (Pd->WD > 0 && !Combo)
      armDeadline(&Pd->WT, Pd, &WriteDeadlineFn, Pd->WD, Pd->WSeq);
    else
      stopDeadline(&Pd->WT);
  }
  // A deadline in the past unblocks pending I/O now.
  G *RG = Pd->RD < 0 ? netpollunblock(Pd, 'r', false) : nullptr;
  G *WG = Pd->WD < 0 ? netpollunblock(Pd, 'w', false) : nullptr;
  unlock(&Pd->Lock);
  if (RG)
    netpollgoready(RG);
  if (WG)
    netpollgoready(WG);
}

// Wakes the descriptor's waiters before it closes; later waits fail with
// PollErrClosing.
void pollUnblock(void *,
                 PollDesc *Pd) __asm__("internal/poll.runtime_pollUnblock");
void pollUnblock(void *, PollDesc *Pd) {
  lock(&Pd->Lock);
  if (Pd->Closing) {
    unlock(&Pd->Lock);
    fatal("runtime: unblock on closing polldesc");
  }
  Pd->Closing = true;
  Pd->RSeq++;
  Pd->WSeq++;
  Pd->publishInfo();
  G *RG = netpollunblock(Pd, 'r', false);
  G *WG = netpollunblock(Pd, 'w', false);
  if (Pd->RT.F)
    stopDeadline(&Pd->RT);
  if (Pd->WT.F)
    stopDeadline(&Pd->WT);
  unlock(&Pd->Lock);
  if (RG)
    netpollgoready(RG);
  if (WG)
    netpollgoready(WG);
}

} // extern "C"
