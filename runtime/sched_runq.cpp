//===- runtime/sched_runq.cpp - Run queues --------------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See proc.cpp for the overview. The scheduler's queues of runnable
// goroutines (gc: proc.go runqput ... globrunqget), kept apart from the rest
// of the scheduler so that the runtime unit tests can build them hosted and
// hammer them from several threads.
//
// Local run queue of a P: a ring of RunqSize G pointers, Runq[Head % N ..
// Tail % N). Only the owning P appends (store-release of RunqTail after the
// slot); any P takes from the head by CAS on RunqHead (consumers re-check
// that the slots they read are still theirs by the CAS). runnext holds one
// G that runs before the ring, CAS'd by owner and thieves alike.
// A thief (runqsteal) grabs half of the victim's ring into its own ring
// beyond its tail, then publishes them with one store of its tail.
//
// Global run queue: Sched.Runq, a GQueue under Sched.Lock. A full local
// ring spills half of itself there (runqputslow); Ps take a fair share back
// (globrunqget).
//
// Invariants: 0 <= Tail - Head <= RunqSize for the owner's view; a G is in
// at most one queue; Sched.RunqSize is the length of Sched.Runq.
//
//===----------------------------------------------------------------------===//

#include "runtime/atomic.h"
#include "runtime/panic.h"
#include "runtime/proc.h"
#include "runtime/sys_linux.h"

namespace gort {

SchedT Sched;

namespace {

/// Puts Gp and half of Pp's full ring on the global queue. Returns false if
/// the ring is no longer full (a thief took some). Owner only.
bool runqputslow(P *Pp, G *Gp, uint32_t H, uint32_t T) {
  uint32_t N = (T - H) / 2;
  if (N != RunqSize / 2)
    fatal("runqputslow: queue is not full");
  if (!atomic::casRel(&Pp->RunqHead, H, H + N))
    return false;
  // The Gs in [H, H+N) are ours now. Only the owner writes ring slots, so
  // they still hold what a thief would have taken (gc copies them out
  // before the CAS instead, into a 1 KiB array).
  GQueue Q = {nullptr, nullptr};
  for (uint32_t I = 0; I < N; I++)
    Q.pushBack(atomic::loadRelaxed(&Pp->Runq[(H + I) % RunqSize]));
  Q.pushBack(Gp);
  lock(&Sched.Lock);
  globrunqputbatch(&Q, int32_t(N + 1));
  unlock(&Sched.Lock);
  return true;
}

/// Copies half of Pp's ring (or its runnext) into the ring Batch starting at
/// BatchHead and returns how many Gs it took (gc: runqgrab). Any P.
uint32_t runqgrab(P *Pp, G **Batch, uint32_t BatchHead, bool StealRunNext) {
  for (;;) {
    uint32_t H = atomic::loadAcq(&Pp->RunqHead);
    uint32_t T = atomic::loadAcq(&Pp->RunqTail);
    uint32_t N = T - H;
    N = N - N / 2;
    if (N == 0) {
      if (!StealRunNext)
        return 0;
      G *Next = atomic::load(&Pp->RunNext);
      if (!Next)
        return 0;
      if (atomic::load(&Pp->Status) == PRunning) {
        // Back off briefly: the owner often readies a G and then blocks at
        // once, and runs the G itself; stealing in that window would only
        // bounce it between Ps (gc sleeps 3us here too).
        usleep(3);
      }
      if (!atomic::cas(&Pp->RunNext, Next, static_cast<G *>(nullptr)))
        continue;
      atomic::storeRelaxed(&Batch[BatchHead % RunqSize], Next);
      return 1;
    }
    if (N > RunqSize / 2)
      continue; // inconsistent H and T
    for (uint32_t I = 0; I < N; I++) {
      G *Gp = atomic::loadRelaxed(&Pp->Runq[(H + I) % RunqSize]);
      atomic::storeRelaxed(&Batch[(BatchHead + I) % RunqSize], Gp);
    }
    if (atomic::casRel(&Pp->RunqHead, H, H + N))
      return N;
  }
}

} // namespace

bool runqempty(P *Pp) {
  // runnext may move into the ring between reading the ring's ends and
  // reading runnext; re-reading the tail catches that (gc: runqempty).
  for (;;) {
    uint32_t H = atomic::load(&Pp->RunqHead);
    uint32_t T = atomic::load(&Pp->RunqTail);
    G *Next = atomic::load(&Pp->RunNext);
    if (T == atomic::load(&Pp->RunqTail))
      return H == T && Next == nullptr;
  }
}

void runqput(P *Pp, G *Gp, bool Next) {
  if (Next) {
    G *Old = atomic::xchg(&Pp->RunNext, Gp);
    if (!Old)
      return;
    Gp = Old; // kick the old runnext to the ring
  }
  for (;;) {
    uint32_t H = atomic::loadAcq(&Pp->RunqHead);
    uint32_t T = Pp->RunqTail;
    if (T - H < RunqSize) {
      atomic::storeRelaxed(&Pp->Runq[T % RunqSize], Gp);
      atomic::storeRel(&Pp->RunqTail, T + 1);
      return;
    }
    if (runqputslow(Pp, Gp, H, T))
      return;
  }
}

G *runqget(P *Pp, bool *InheritTime) {
  // Only the owner sets runnext to non-null, so a failed CAS means a thief
  // took it: no retry needed.
  G *Next = atomic::load(&Pp->RunNext);
  if (Next && atomic::cas(&Pp->RunNext, Next, static_cast<G *>(nullptr))) {
    *InheritTime = true;
    return Next;
  }
  *InheritTime = false;
  for (;;) {
    uint32_t H = atomic::loadAcq(&Pp->RunqHead);
    uint32_t T = Pp->RunqTail;
    if (T == H)
      return nullptr;
    G *Gp = atomic::loadRelaxed(&Pp->Runq[H % RunqSize]);
    if (atomic::casRel(&Pp->RunqHead, H, H + 1))
      return Gp;
  }
}

GQueue runqdrain(P *Pp, uint32_t *NOut) {
  GQueue Q = {nullptr, nullptr};
  uint32_t N = 0;
  G *Next = atomic::load(&Pp->RunNext);
  if (Next && atomic::cas(&Pp->RunNext, Next, static_cast<G *>(nullptr))) {
    Q.pushBack(Next);
    N++;
  }
  for (;;) {
    uint32_t H = atomic::loadAcq(&Pp->RunqHead);
    uint32_t T = Pp->RunqTail;
    uint32_t QN = T - H;
    if (QN == 0)
      break;
    if (QN > RunqSize)
      continue;
    if (!atomic::casRel(&Pp->RunqHead, H, H + QN))
      continue;
    // The Gs are ours only after the CAS: link them now.
    for (uint32_t I = 0; I < QN; I++)
      Q.pushBack(atomic::loadRelaxed(&Pp->Runq[(H + I) % RunqSize]));
    N += QN;
    break;
  }
  *NOut = N;
  return Q;
}

G *runqsteal(P *Pp, P *P2, bool StealRunNext) {
  uint32_t T = Pp->RunqTail;
  uint32_t N = runqgrab(P2, Pp->Runq, T, StealRunNext);
  if (N == 0)
    return nullptr;
  N--;
  G *Gp = atomic::loadRelaxed(&Pp->Runq[(T + N) % RunqSize]);
  if (N == 0)
    return Gp;
  uint32_t H = atomic::loadAcq(&Pp->RunqHead);
  if (T - H + N >= RunqSize)
    fatal("runqsteal: runq overflow");
  atomic::storeRel(&Pp->RunqTail, T + N);
  return Gp;
}

void globrunqput(G *Gp) {
  Sched.Runq.pushBack(Gp);
  Sched.RunqSize++;
}

void globrunqputhead(G *Gp) {
  Sched.Runq.push(Gp);
  Sched.RunqSize++;
}

void globrunqputbatch(GQueue *Batch, int32_t N) {
  Sched.Runq.pushBackAll(*Batch);
  Sched.RunqSize += N;
  *Batch = GQueue{nullptr, nullptr};
}

G *globrunqget(P *Pp, int32_t Max) {
  if (Sched.RunqSize == 0)
    return nullptr;
  int32_t Procs = atomic::load(&Gomaxprocs);
  int32_t N = Sched.RunqSize / (Procs > 0 ? Procs : 1) + 1;
  if (N > Sched.RunqSize)
    N = Sched.RunqSize;
  if (Max > 0 && N > Max)
    N = Max;
  if (N > int32_t(RunqSize / 2))
    N = RunqSize / 2;
  Sched.RunqSize -= N;
  G *Gp = Sched.Runq.pop();
  for (N--; N > 0; N--)
    runqput(Pp, Sched.Runq.pop(), false);
  return Gp;
}

} // namespace gort
