//===- runtime/chan.cpp - Go channels -------------------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Channels (gc: chan.go). An HChan (chan.h) is one heap object: a header
// followed, for a buffered channel of pointer-free elements, by its ring of
// DataqSiz elements (else the ring is a second object). A goroutine that
// cannot proceed parks on SendQ or RecvQ, FIFOs of Sudogs (runtime2.h) that
// point at the element in its frame.
//
// Send, in order of preference (chansend):
//   1. Closed: panic "send on closed channel".
//   2. A receiver is parked: copy the value straight into its element
//      (sendDirect: one goroutine writes another's stack) and ready it.
//   3. The ring has room: store at SendX, advance it, QCount++.
//   4. Otherwise park on SendQ; the receiver that takes the value (or
//      closechan, then we panic) wakes us and sets Sudog::Success.
// Receive mirrors it (chanrecv): a parked sender hands its value over
// directly if unbuffered; for a full buffered channel the receiver takes
// the head of the ring and the sender's value goes to the tail (the same
// slot); closed and drained gives the zero value and ok == false.
// Non-blocking forms (select with default) fail fast without the lock when
// the channel is observably not ready (gc's lock-free checks, same
// reasoning: a closed channel never becomes un-closed).
//
// Invariants (whenever Lock is free):
//   - SendQ and RecvQ are not both non-empty (ignoring select sudogs whose
//     G has already been woken through another channel).
//   - QCount > 0 implies RecvQ is empty; QCount < DataqSiz implies SendQ is
//     empty.
// Locking: Lock guards every mutable field and every sudog queued here.
// A G parks with the lock held; park_m releases it on g0 only after the G
// is marked waiting (chanparkcommit), so a waker that takes the lock always
// finds a parked G. Wakers release the lock before goready. Lock order:
// channel locks (in address order, select.cpp) before Sched.Lock.
//
// Entry points (libgort/abi.def): gort_makechan, gort_chansend1,
// gort_chanrecv1/2, gort_closechan, gort_selectnbsend, gort_selectnbrecv.
// They run on goroutine stacks without a prologue check: frames stay small
// and parking goes through gopark/mcall. Each send and receive starts with
// a preemption point (preemptPoint, proc.h), where gc's have their
// prologue.
//
// Rejected: a lock-free ring (close and select need one consistent view of
// both queues); copying through the buffer for unbuffered channels (gc's
// direct hand-off saves a copy and a wake-up ordering problem).
//
//===----------------------------------------------------------------------===//

#include "runtime/chan.h"

#include "runtime/abi_entry.h"
#include "runtime/atomic.h"
#include "runtime/error.h"
#include "runtime/malloc.h"
#include "runtime/mgc.h"
#include "runtime/mprof.h"
#include "runtime/panic.h"
#include "runtime/proc.h"
#include "runtime/stubs.h"

namespace gort {

namespace {

constexpr uintptr_t MaxAlign = 8;
constexpr uintptr_t HChanSize =
    (sizeof(HChan) + MaxAlign - 1) & ~(MaxAlign - 1);
/// Largest buffer (gc: maxAlloc - hchanSize on 64-bit Linux).
constexpr uint64_t MaxAlloc = uint64_t(1) << 48;

template <size_t N> constexpr abi::String chanString(const char (&S)[N]) {
  return abi::String{reinterpret_cast<const uint8_t *>(S), intptr_t(N - 1)};
}

const abi::String MakechanSizeError = chanString("makechan: size out of range");
const abi::String CloseNilChannel = chanString("close of nil channel");
const abi::String CloseClosedChannel = chanString("close of closed channel");

/// gc: chanparkcommit. Runs on g0 once the G is parked.
bool chanparkcommit(G *, void *ChanLock) {
  unlock(static_cast<Mutex *>(ChanLock));
  return true;
}

void unlockChan(void *C) { unlock(&static_cast<HChan *>(C)->Lock); }

/// gc: full. One racy read, good enough for the non-blocking fast path.
bool full(HChan *C) {
  if (C->DataqSiz == 0)
    return atomic::load(&C->RecvQ.First) == nullptr;
  return atomic::load(&C->QCount) == C->DataqSiz;
}

/// gc: empty.
bool empty(HChan *C) {
  if (C->DataqSiz == 0)
    return atomic::load(&C->SendQ.First) == nullptr;
  return atomic::load(&C->QCount) == 0;
}

// Element copies and clears run the write barrier while a mark runs
// (mgc.h): a receive copies an element out of the buffer and clears its
// slot, and the clear must not hide the element from the mark.
inline void typedmemmove(HChan *C, void *Dst, const void *Src) {
  if (C->ElemSize)
    wbMove(Dst, Src, C->ElemSize);
}

inline void typedmemclr(HChan *C, void *P) {
  if (C->ElemSize)
    wbClear(P, C->ElemSize);
}

/// gc: chansend. Returns whether the value was sent (false only if !Block).
bool chansend(HChan *C, const void *Ep, bool Block) {
  if (!C) {
    if (!Block)
      return false;
    blockForever(WaitReason::ChanSendNilChan);
  }
  if (!Block && atomic::load(&C->Closed) == 0 && full(C))
    return false;

  lock(&C->Lock);
  if (C->Closed) {
    unlock(&C->Lock);
    chanPanic(&SendOnClosedChannel);
  }
  if (Sudog *S = waitqDequeue(&C->RecvQ)) {
    chanSendTo(C, S, const_cast<void *>(Ep), unlockChan, C);
    return true;
  }
  if (C->QCount < C->DataqSiz) {
    typedmemmove(C, chanbuf(C, C->SendX), Ep);
    if (++C->SendX == C->DataqSiz)
      C->SendX = 0;
    atomic::storeRel(&C->QCount, C->QCount + 1);
    unlock(&C->Lock);
    return true;
  }
  if (!Block) {
    unlock(&C->Lock);
    return false;
  }

  // Block until a receiver takes the value from our frame.
  G *Gp = getg();
  int64_t T0 = blockProfiling() ? cputicks() : 0;
  Sudog *My = acquireSudog();
  My->ReleaseTime = T0 ? -1 : 0; // the waker notes the time (mprof.cpp)
  My->Elem = const_cast<void *>(Ep);
  My->WaitLink = nullptr;
  My->Gp = Gp;
  My->IsSelect = false;
  My->Success = false;
  My->C = C;
  Gp->Waiting = My;
  Gp->Param = nullptr;
  waitqEnqueue(&C->SendQ, My);
  gopark(chanparkcommit, &C->Lock, WaitReason::ChanSend);

  if (My != Gp->Waiting)
    fatal("G waiting list is corrupted");
  Gp->Waiting = nullptr;
  bool Closed = !My->Success;
  Gp->Param = nullptr;
  My->C = nullptr;
  int64_t Released = My->ReleaseTime;
  releaseSudog(My);
  if (Released > 0)
    blockEvent(Released - T0);
  if (Closed) {
    if (atomic::load(&C->Closed) == 0)
      fatal("chansend: spurious wakeup");
    chanPanic(&SendOnClosedChannel);
  }
  return true;
}

struct RecvResult {
  bool Selected;
  bool Received;
};

/// gc: chanrecv. Ep may be null (value dropped).
RecvResult chanrecv(HChan *C, void *Ep, bool Block) {
  if (!C) {
    if (!Block)
      return {false, false};
    blockForever(WaitReason::ChanReceiveNilChan);
  }
  if (!Block && empty(C)) {
    // Not ready. If it is not closed either, it was open and empty at the
    // moment of the first check: report that.
    if (atomic::load(&C->Closed) == 0)
      return {false, false};
    // Closed for good; data may have arrived between the two checks.
    if (empty(C)) {
      if (Ep)
        typedmemclr(C, Ep);
      return {true, false};
    }
  }

  lock(&C->Lock);
  if (C->Closed) {
    if (C->QCount == 0) {
      unlock(&C->Lock);
      if (Ep)
        typedmemclr(C, Ep);
      return {true, false};
    }
    // Closed with data left in the buffer: receive it below.
  } else if (Sudog *S = waitqDequeue(&C->SendQ)) {
    chanRecvFrom(C, S, Ep, unlockChan, C);
    return {true, true};
  }
  if (C->QCount > 0) {
    void *Qp = chanbuf(C, C->RecvX);
    if (Ep)
      typedmemmove(C, Ep, Qp);
    typedmemclr(C, Qp);
    if (++C->RecvX == C->DataqSiz)
      C->RecvX = 0;
    atomic::storeRel(&C->QCount, C->QCount - 1);
    unlock(&C->Lock);
    return {true, true};
  }
  if (!Block) {
    unlock(&C->Lock);
    return {false, false};
  }

  // Block until a sender fills our element (or close wakes us).
  G *Gp = getg();
  int64_t T0 = blockProfiling() ? cputicks() : 0;
  Sudog *My = acquireSudog();
  My->ReleaseTime = T0 ? -1 : 0;
  My->Elem = Ep;
  My->WaitLink = nullptr;
  Gp->Waiting = My;
  My->Gp = Gp;
  My->IsSelect = false;
  My->Success = false;
  My->C = C;
  Gp->Param = nullptr;
  waitqEnqueue(&C->RecvQ, My);
  gopark(chanparkcommit, &C->Lock, WaitReason::ChanReceive);

  if (My != Gp->Waiting)
    fatal("G waiting list is corrupted");
  Gp->Waiting = nullptr;
  bool Success = My->Success;
  Gp->Param = nullptr;
  My->C = nullptr;
  int64_t Released = My->ReleaseTime;
  releaseSudog(My);
  if (Released > 0)
    blockEvent(Released - T0);
  return {true, Success};
}

/// gc: closechan.
void closechan(HChan *C) {
  if (!C)
    chanPanic(&CloseNilChannel);
  lock(&C->Lock);
  if (C->Closed) {
    unlock(&C->Lock);
    chanPanic(&CloseClosedChannel);
  }
  atomic::store(&C->Closed, 1u);

  // Collect every waiter, then ready them with the lock dropped.
  GQueue List = {nullptr, nullptr};
  while (Sudog *S = waitqDequeue(&C->RecvQ)) {
    if (S->Elem) {
      typedmemclr(C, S->Elem);
      S->Elem = nullptr;
    }
    G *Gp = S->Gp;
    Gp->Param = S;
    S->Success = false;
    if (S->ReleaseTime)
      S->ReleaseTime = cputicks();
    List.push(Gp);
  }
  // Senders will panic when they run.
  while (Sudog *S = waitqDequeue(&C->SendQ)) {
    S->Elem = nullptr;
    G *Gp = S->Gp;
    Gp->Param = S;
    S->Success = false;
    if (S->ReleaseTime)
      S->ReleaseTime = cputicks();
    List.push(Gp);
  }
  unlock(&C->Lock);
  while (G *Gp = List.pop()) {
    Gp->SchedLink = nullptr;
    goready(Gp);
  }
}

} // namespace

const abi::String SendOnClosedChannel = chanString("send on closed channel");

void chanPanic(const abi::String *Msg) {
  gort_gopanic(&PlainErrorType, const_cast<abi::String *>(Msg));
  __builtin_unreachable();
}

void blockForever(WaitReason Reason) {
  gopark(nullptr, nullptr, Reason);
  fatal("unreachable");
}

void chanSendTo(HChan *C, Sudog *S, void *Ep, void (*Unlock)(void *),
                void *Arg) {
  if (S->Elem) {
    // sendDirect: the receiver's element is in its (parked) frame.
    typedmemmove(C, S->Elem, Ep);
    S->Elem = nullptr;
  }
  G *Gp = S->Gp;
  Unlock(Arg);
  Gp->Param = S;
  S->Success = true;
  if (S->ReleaseTime)
    S->ReleaseTime = cputicks();
  goready(Gp);
}

void chanRecvFrom(HChan *C, Sudog *S, void *Ep, void (*Unlock)(void *),
                  void *Arg) {
  if (C->DataqSiz == 0) {
    // recvDirect from the sender's frame.
    if (Ep)
      typedmemmove(C, Ep, S->Elem);
  } else {
    // Full ring: take its head; the sender's value goes to the tail, which
    // is the same slot.
    void *Qp = chanbuf(C, C->RecvX);
    if (Ep)
      typedmemmove(C, Ep, Qp);
    typedmemmove(C, Qp, S->Elem);
    if (++C->RecvX == C->DataqSiz)
      C->RecvX = 0;
    C->SendX = C->RecvX;
  }
  S->Elem = nullptr;
  G *Gp = S->Gp;
  Unlock(Arg);
  Gp->Param = S;
  S->Success = true;
  if (S->ReleaseTime)
    S->ReleaseTime = cputicks();
  goready(Gp);
}

} // namespace gort

using namespace gort;

extern "C" {

void *gort_makechan(const abi::ChanType *T, int64_t Size) {
  const abi::Type *Elem = T->Elem;
  if (Elem->Size >= (1 << 16))
    fatal("makechan: invalid channel element type");
  if (HChanSize % MaxAlign != 0 || Elem->Align > MaxAlign)
    fatal("makechan: bad alignment");
  uint64_t Mem = 0;
  bool Overflow =
      __builtin_mul_overflow(uint64_t(Elem->Size), uint64_t(Size), &Mem);
  if (Size < 0 || Overflow || Mem > MaxAlloc - HChanSize)
    chanPanic(&MakechanSizeError);
  HChan *C;
  if (Mem == 0) {
    C = static_cast<HChan *>(mallocgc(HChanSize, nullptr, true));
    C->Buf = C;
  } else if (Elem->PtrData == 0) {
    C = static_cast<HChan *>(mallocgc(HChanSize + Mem, nullptr, true));
    C->Buf = reinterpret_cast<char *>(C) + HChanSize;
  } else {
    C = static_cast<HChan *>(mallocgc(HChanSize, nullptr, true));
    C->Buf = mallocgc(Mem, Elem, true);
  }
  C->ElemSize = uint16_t(Elem->Size);
  C->ElemType = Elem;
  C->DataqSiz = uint64_t(Size);
  return C;
}

void gort_chansend1(void *C, const void *Elem) {
  preemptPoint(getg());
  chansend(static_cast<HChan *>(C), Elem, true);
}

void gort_chanrecv1(void *C, void *Elem) {
  preemptPoint(getg());
  chanrecv(static_cast<HChan *>(C), Elem, true);
}

bool gort_chanrecv2(void *C, void *Elem) {
  preemptPoint(getg());
  return chanrecv(static_cast<HChan *>(C), Elem, true).Received;
}

void gort_closechan(void *C) { closechan(static_cast<HChan *>(C)); }

bool gort_selectnbsend(void *C, const void *Elem) {
  preemptPoint(getg());
  return chansend(static_cast<HChan *>(C), Elem, false);
}

abi::SelectResult gort_selectnbrecv(void *Elem, void *C) {
  preemptPoint(getg());
  RecvResult R = chanrecv(static_cast<HChan *>(C), Elem, false);
  return abi::SelectResult{R.Selected, R.Received};
}

} // extern "C"
