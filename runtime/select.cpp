//===- runtime/select.cpp - The select statement --------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// select (gc: select.go). Compiled code lowers select {} to gort_block, a
// single case (with or without default) to the plain or non-blocking
// channel operation (chan.cpp), and everything else to gort_selectgo with
// an array of abi::SelectCase in its frame, sends first, and scratch space
// for two permutations of the cases.
//
// selectgo(cases, order, nsends, nrecvs, block):
//   1. Poll order: a random permutation of the cases with a non-nil channel
//      (fastrandn, an inside-out Fisher-Yates), so no ready case starves.
//   2. Lock order: the same cases heap-sorted by channel address (constant
//      stack, n log n); locking in address order cannot deadlock against
//      another select on the same channels. A channel that appears in
//      several cases is locked once.
//   3. Pass 1, all channels locked: the first case in poll order that can
//      proceed (a parked partner, buffer data or room, or closed) completes
//      as chan.cpp would and selectgo returns it.
//   4. None ready and !block: return -1 (default).
//   5. Pass 2: enqueue a sudog (IsSelect) on every channel, linked in lock
//      order through G::Waiting, and park; selparkcommit unlocks all
//      channels once the G is parked. The first waker that wins the G's
//      SelectDone flag (waitqDequeue, chan.h) completes its operation and
//      passes its sudog in G::Param.
//   6. Pass 3, all channels locked again: dequeue the other sudogs (they
//      would pile up on quiet channels), find the case of the winning sudog
//      and return it; a send woken by close panics.
//
// Invariants and locking: the lock order is channel address order, before
// Sched.Lock. Between steps 5 and 6 the G's sudogs are reachable only
// through the channels' queues and G::Waiting; the cases array is not
// touched by other Gs.
//
// Entry points: gort_selectgo, gort_block (libgort/abi.def).
//
//===----------------------------------------------------------------------===//

#include "runtime/abi_entry.h"
#include "runtime/atomic.h"
#include "runtime/chan.h"
#include "runtime/mgc.h"
#include "runtime/mprof.h"
#include "runtime/panic.h"
#include "runtime/proc.h"
#include "runtime/rand.h"
#include "runtime/stubs.h"

namespace gort {

namespace {

/// The locks a select holds, for the unlock callback of chanSendTo/From.
struct SelLocks {
  abi::SelectCase *Cases;
  uint16_t *LockOrder;
  int64_t N;
};

inline HChan *chanOf(const abi::SelectCase *Cases, uint16_t I) {
  return static_cast<HChan *>(Cases[I].C);
}

void sellock(abi::SelectCase *Cases, const uint16_t *LockOrder, int64_t N) {
  HChan *Last = nullptr;
  for (int64_t I = 0; I < N; I++) {
    HChan *C = chanOf(Cases, LockOrder[I]);
    if (C != Last) {
      Last = C;
      lock(&C->Lock);
    }
  }
}

void selunlock(abi::SelectCase *Cases, const uint16_t *LockOrder, int64_t N) {
  for (int64_t I = N - 1; I >= 0; I--) {
    HChan *C = chanOf(Cases, LockOrder[I]);
    if (I > 0 && C == chanOf(Cases, LockOrder[I - 1]))
      continue; // unlocked on the next iteration
    unlock(&C->Lock);
  }
}

void selunlockCallback(void *Arg) {
  SelLocks *L = static_cast<SelLocks *>(Arg);
  selunlock(L->Cases, L->LockOrder, L->N);
}

/// gc: selparkcommit. Runs on g0 once the G is parked: unlocks every
/// channel, walking G::Waiting (in lock order) rather than the cases, which
/// live on the parked G's stack.
bool selparkcommit(G *Gp, void *) {
  HChan *Last = nullptr;
  for (Sudog *S = Gp->Waiting; S; S = S->WaitLink) {
    // Once a channel is unlocked its sudogs may change, so unlock each one
    // only after its last sudog.
    if (S->C != Last && Last)
      unlock(&Last->Lock);
    Last = S->C;
  }
  if (Last)
    unlock(&Last->Lock);
  return true;
}

inline uintptr_t sortkey(const abi::SelectCase *Cases, uint16_t I) {
  return uintptr_t(Cases[I].C);
}

/// Sorts the N cases of PollOrder by channel address into LockOrder (gc's
/// heap sort: constant stack, and cases on one channel stay permuted).
void sortLockOrder(const abi::SelectCase *Cases, const uint16_t *PollOrder,
                   uint16_t *LockOrder, int64_t N) {
  for (int64_t I = 0; I < N; I++) {
    int64_t J = I;
    uintptr_t Key = sortkey(Cases, PollOrder[I]);
    while (J > 0 && sortkey(Cases, LockOrder[(J - 1) / 2]) < Key) {
      int64_t K = (J - 1) / 2;
      LockOrder[J] = LockOrder[K];
      J = K;
    }
    LockOrder[J] = PollOrder[I];
  }
  for (int64_t I = N - 1; I >= 0; I--) {
    uint16_t O = LockOrder[I];
    uintptr_t Key = sortkey(Cases, O);
    LockOrder[I] = LockOrder[0];
    int64_t J = 0;
    for (;;) {
      int64_t K = J * 2 + 1;
      if (K >= I)
        break;
      if (K + 1 < I &&
          sortkey(Cases, LockOrder[K]) < sortkey(Cases, LockOrder[K + 1]))
        K++;
      if (Key < sortkey(Cases, LockOrder[K])) {
        LockOrder[J] = LockOrder[K];
        J = K;
        continue;
      }
      break;
    }
    LockOrder[J] = O;
  }
}

} // namespace

} // namespace gort

using namespace gort;

extern "C" {

abi::SelectResult gort_selectgo(abi::SelectCase *Cases, uint16_t *Order,
                                int64_t NSends, int64_t NRecvs, bool Block) {
  preemptPoint(getg());
  int64_t NCases = NSends + NRecvs;
  uint16_t *PollOrder = Order;
  uint16_t *LockOrder = Order + NCases;

  // 1. Random poll order over the cases with a channel.
  int64_t NOrder = 0;
  for (int64_t I = 0; I < NCases; I++) {
    if (!Cases[I].C) {
      Cases[I].Elem = nullptr;
      continue;
    }
    uint32_t J = fastrandn(uint32_t(NOrder + 1));
    PollOrder[NOrder] = PollOrder[J];
    PollOrder[J] = uint16_t(I);
    NOrder++;
  }
  // 2. Lock order.
  sortLockOrder(Cases, PollOrder, LockOrder, NOrder);
  if (NOrder == 0) {
    if (!Block)
      return abi::SelectResult{-1, 0};
    // Only nil channels: block forever, as select {} (gc parks in pass 2
    // with no sudogs and the same effect).
    gopark(nullptr, nullptr, WaitReason::Select);
    fatal("unreachable");
  }
  sellock(Cases, LockOrder, NOrder);

  // 3. Pass 1: look for something already waiting.
  int64_t Casi = -1;
  HChan *C = nullptr;
  Sudog *S = nullptr;
  SelLocks Locks = {Cases, LockOrder, NOrder};
  for (int64_t K = 0; K < NOrder; K++) {
    Casi = PollOrder[K];
    C = chanOf(Cases, uint16_t(Casi));
    void *Elem = Cases[Casi].Elem;
    if (Casi >= NSends) {
      if ((S = waitqDequeue(&C->SendQ))) {
        chanRecvFrom(C, S, Elem, selunlockCallback, &Locks);
        return abi::SelectResult{Casi, 1};
      }
      if (C->QCount > 0) {
        void *Qp = chanbuf(C, C->RecvX);
        if (Elem && C->ElemSize)
          wbMove(Elem, Qp, C->ElemSize);
        if (C->ElemSize)
          wbClear(Qp, C->ElemSize);
        if (++C->RecvX == C->DataqSiz)
          C->RecvX = 0;
        atomic::storeRel(&C->QCount, C->QCount - 1);
        selunlock(Cases, LockOrder, NOrder);
        return abi::SelectResult{Casi, 1};
      }
      if (C->Closed) {
        selunlock(Cases, LockOrder, NOrder);
        if (Elem && C->ElemSize)
          wbClear(Elem, C->ElemSize);
        return abi::SelectResult{Casi, 0};
      }
    } else {
      if (C->Closed) {
        selunlock(Cases, LockOrder, NOrder);
        chanPanic(&SendOnClosedChannel);
      }
      if ((S = waitqDequeue(&C->RecvQ))) {
        chanSendTo(C, S, Elem, selunlockCallback, &Locks);
        return abi::SelectResult{Casi, 0};
      }
      if (C->QCount < C->DataqSiz) {
        if (C->ElemSize)
          wbMove(chanbuf(C, C->SendX), Elem, C->ElemSize);
        if (++C->SendX == C->DataqSiz)
          C->SendX = 0;
        atomic::storeRel(&C->QCount, C->QCount + 1);
        selunlock(Cases, LockOrder, NOrder);
        return abi::SelectResult{Casi, 0};
      }
    }
  }

  // 4. Nothing ready.
  if (!Block) {
    selunlock(Cases, LockOrder, NOrder);
    return abi::SelectResult{-1, 0};
  }

  // 5. Pass 2: enqueue on every channel, in lock order.
  G *Gp = getg();
  if (Gp->Waiting)
    fatal("gp.waiting != nil");
  int64_t T0 = blockProfiling() ? cputicks() : 0;
  Sudog **NextP = &Gp->Waiting;
  for (int64_t K = 0; K < NOrder; K++) {
    uint16_t I = LockOrder[K];
    C = chanOf(Cases, I);
    Sudog *Sg = acquireSudog();
    Sg->Gp = Gp;
    Sg->IsSelect = true;
    Sg->Success = false;
    Sg->Elem = Cases[I].Elem;
    Sg->ReleaseTime = T0 ? -1 : 0; // the waker notes the time (mprof.cpp)
    Sg->C = C;
    Sg->WaitLink = nullptr;
    *NextP = Sg;
    NextP = &Sg->WaitLink;
    if (I < NSends)
      waitqEnqueue(&C->SendQ, Sg);
    else
      waitqEnqueue(&C->RecvQ, Sg);
  }
  Gp->Param = nullptr;
  gopark(selparkcommit, nullptr, WaitReason::Select);

  // 6. Pass 3: woken by one case; dequeue from the others.
  sellock(Cases, LockOrder, NOrder);
  atomic::storeRel(&Gp->SelectDone, 0u);
  S = static_cast<Sudog *>(Gp->Param);
  Gp->Param = nullptr;
  Casi = -1;
  bool CaseSuccess = false;
  int64_t Released = 0;
  Sudog *SgList = Gp->Waiting;
  // Clear the sudogs before unlinking them from G::Waiting.
  for (Sudog *S1 = Gp->Waiting; S1; S1 = S1->WaitLink) {
    S1->IsSelect = false;
    S1->Elem = nullptr;
    S1->C = nullptr;
  }
  Gp->Waiting = nullptr;
  for (int64_t K = 0; K < NOrder; K++) {
    uint16_t I = LockOrder[K];
    if (S == SgList) {
      // Dequeued already by the G that woke us.
      Casi = I;
      CaseSuccess = SgList->Success;
      Released = SgList->ReleaseTime;
    } else {
      C = chanOf(Cases, I);
      if (I < NSends)
        waitqRemove(&C->SendQ, SgList);
      else
        waitqRemove(&C->RecvQ, SgList);
    }
    Sudog *SgNext = SgList->WaitLink;
    SgList->WaitLink = nullptr;
    releaseSudog(SgList);
    SgList = SgNext;
  }
  if (Casi < 0)
    fatal("selectgo: bad wakeup");
  selunlock(Cases, LockOrder, NOrder);
  if (Released > 0)
    blockEvent(Released - T0);
  if (Casi < NSends) {
    if (!CaseSuccess)
      chanPanic(&SendOnClosedChannel);
    return abi::SelectResult{Casi, 0};
  }
  return abi::SelectResult{Casi, CaseSuccess ? 1 : 0};
}

void gort_block() {
  gopark(nullptr, nullptr, WaitReason::SelectNoCases);
  fatal("unreachable");
}

} // extern "C"
