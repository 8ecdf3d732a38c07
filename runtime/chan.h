//===- runtime/chan.h - Channels --------------------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See chan.cpp for the overview. The wait queue operations are inline here
// so that select.cpp and the unit tests share them.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_CHAN_H
#define GORT_RUNTIME_CHAN_H

#include "libgort/abi.h"
#include "runtime/atomic.h"
#include "runtime/lock.h"
#include "runtime/runtime2.h"

#include <stddef.h>
#include <stdint.h>

namespace gort {

/// A channel (gc: hchan). Compiled code reads QCount and DataqSiz for
/// len/cap (abi::ChanQCountOffset, ChanDataqsizOffset).
struct HChan {
  uint64_t QCount;   ///< elements in the buffer (atomic for readers
                     ///< without the lock)
  uint64_t DataqSiz; ///< buffer capacity; immutable
  void *Buf;         ///< DataqSiz elements
  uint16_t ElemSize;
  uint32_t Closed; ///< atomic for readers without the lock
  const abi::Type *ElemType;
  uint64_t SendX; ///< next slot to send into
  uint64_t RecvX; ///< next slot to receive from
  WaitQ RecvQ;    ///< blocked receivers
  WaitQ SendQ;    ///< blocked senders
  /// Guards every field above except DataqSiz, ElemSize and ElemType, and
  /// every sudog on RecvQ/SendQ.
  Mutex Lock;
};

static_assert(offsetof(HChan, QCount) == abi::ChanQCountOffset);
static_assert(offsetof(HChan, DataqSiz) == abi::ChanDataqsizOffset);

/// Appends S (gc: waitq.enqueue).
inline void waitqEnqueue(WaitQ *Q, Sudog *S) {
  S->Next = nullptr;
  Sudog *X = Q->Last;
  if (!X) {
    S->Prev = nullptr;
    Q->First = S;
    Q->Last = S;
    return;
  }
  S->Prev = X;
  X->Next = S;
  Q->Last = S;
}

/// Removes and returns the first sudog whose G can be woken, or null. A
/// sudog of a select whose G another case has already won is dropped
/// (gc: waitq.dequeue).
inline Sudog *waitqDequeue(WaitQ *Q) {
  for (;;) {
    Sudog *S = Q->First;
    if (!S)
      return nullptr;
    Sudog *Y = S->Next;
    if (!Y) {
      Q->First = nullptr;
      Q->Last = nullptr;
    } else {
      Y->Prev = nullptr;
      Q->First = Y;
      S->Next = nullptr; // removed (see waitqRemove)
    }
    // A select's G is enqueued on several channels; the first waker to
    // win SelectDone owns it. The G removes its other sudogs itself once
    // it runs, so a loser just skips this one.
    if (S->IsSelect && !atomic::cas(&S->Gp->SelectDone, 0u, 1u))
      continue;
    return S;
  }
}

/// Removes S if it is still queued (gc: waitq.dequeueSudoG).
inline void waitqRemove(WaitQ *Q, Sudog *S) {
  Sudog *X = S->Prev;
  Sudog *Y = S->Next;
  if (X) {
    if (Y) { // middle
      X->Next = Y;
      Y->Prev = X;
      S->Next = nullptr;
      S->Prev = nullptr;
      return;
    }
    X->Next = nullptr; // last
    Q->Last = X;
    S->Prev = nullptr;
    return;
  }
  if (Y) { // first
    Y->Prev = nullptr;
    Q->First = Y;
    S->Next = nullptr;
    return;
  }
  // Alone in the queue, or already removed.
  if (Q->First == S) {
    Q->First = nullptr;
    Q->Last = nullptr;
  }
}

/// A channel operation on c that the caller found impossible: blocks
/// forever on a nil channel (gc: gopark with waitReasonChan*NilChan).
[[noreturn]] void blockForever(WaitReason Reason);

/// send/recv on a channel whose lock is held with a waiting partner S
/// (gc: send, recv); shared by chan.cpp and select.cpp. Unlock(Arg)
/// releases the lock(s) before the partner is readied.
void chanSendTo(HChan *C, Sudog *S, void *Elem, void (*Unlock)(void *),
                void *Arg);
void chanRecvFrom(HChan *C, Sudog *S, void *Elem, void (*Unlock)(void *),
                  void *Arg);
/// Address of slot I of C's buffer.
inline void *chanbuf(HChan *C, uint64_t I) {
  return static_cast<char *>(C->Buf) + I * C->ElemSize;
}
/// Panics with plainError("send on closed channel") and friends.
[[noreturn]] void chanPanic(const abi::String *Msg);
extern const abi::String SendOnClosedChannel;

} // namespace gort

#endif // GORT_RUNTIME_CHAN_H
