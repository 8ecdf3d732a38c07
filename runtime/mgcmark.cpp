//===- runtime/mgcmark.cpp - The garbage collector: marking ---------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Marking (gc: mgcmark.go), with the world stopped. See mgc.cpp for the
// cycle and for why conservative scanning is safe in a non-moving heap.
//
// Tri-colour, as gc: an object is white until its mark bit is set (grey:
// marked and on the work list, if its span may hold pointers), then black
// once scanned. Marking ends when the work list is empty; every white
// object is then unreachable.
//
// The roots (gc: markroot):
//   - the program's writable segments, found through the ELF program
//     headers (forEachWritableSegment, os_linux.cpp): every package-level
//     variable of compiled code and every global of the runtime (allgs,
//     the scheduler, the timer heap, the itab table...);
//   - every M and its g0, and every P: they live off the heap
//     (persistentalloc) and hold heap pointers (M::DeferPool, the sudog
//     caches, run queues);
//   - every goroutine's stack, each segment from the stack pointer at
//     which that segment was left up to its header: the current segment
//     from the goroutine's saved SP (G::Sched.SP for a parked goroutine,
//     whose callee-saved registers gort_mcall pushed there; the cycle's
//     starter's own SP; G::SyscallSP in a system call), earlier segments
//     from StackSeg::SavedSP, where gort_morestack left them. The
//     morestack argument blocks are at the tops of the segments, inside
//     these ranges. g0 stacks are not scanned: a cycle never starts on
//     g0 and the Ms stopped for it hold no heap pointers there;
//   - the finalizers (mfinal.cpp): the contents of every object that has
//     one, and every queued finalizer (finalizerRoots).
// The heap, G structures included, is reached from those. When the work
// list is empty, an object with a finalizer that is still unmarked is
// unreachable: queueDeadFinalizers queues its finalizer and marks it, so
// that it survives the sweep until the finalizer has run.
//
// A candidate word V (scanblock) is kept if it lies in an arena, in a
// heap span (not a stack), below the span's last object, and its object
// is allocated (MSpan::isFree: below FreeIndex or in AllocBits). Then its
// mark bit is set; a newly marked object of a scan span goes on the work
// list as [base, end) -- for a large object, up to the requested size.
//
// The work list is a stack of ranges in memory from sysAlloc that doubles
// when full and is kept between cycles (gc uses per-P work buffers, which
// the concurrent marker will need).
//
//===----------------------------------------------------------------------===//

#include "runtime/mgc.h"

#include "runtime/malloc.h"
#include "runtime/mfinal.h"
#include "runtime/mheap.h"
#include "runtime/os_linux.h"
#include "runtime/panic.h"
#include "runtime/print.h"
#include "runtime/proc.h"
#include "runtime/stack.h"
#include "runtime/stubs.h"

namespace gort {

namespace {

struct Range {
  uintptr_t Lo, Hi;
};

/// The work list of grey ranges.
Range *Work;
uintptr_t WorkLen, WorkCap;

/// Address bounds of the heap arenas, a quick filter for candidates.
uintptr_t HeapLo, HeapHi;

uint64_t MarkedBytes;

void push(uintptr_t Lo, uintptr_t Hi) {
  if (WorkLen == WorkCap) {
    uintptr_t Cap = WorkCap ? WorkCap * 2 : 4096;
    auto *New = static_cast<Range *>(sysAlloc(Cap * sizeof(Range)));
    if (!New)
      fatal("runtime: cannot allocate the GC work list");
    if (Work) {
      memmove(New, Work, WorkLen * sizeof(Range));
      sysFree(Work, WorkCap * sizeof(Range));
    }
    Work = New;
    WorkCap = Cap;
  }
  Work[WorkLen++] = Range{Lo, Hi};
}

/// Marks the object V points into, if any, and queues it for scanning
/// (gc: findObject + greyobject).
__attribute__((always_inline)) inline void markCandidate(uintptr_t V) {
  MSpan *S = spanOf(V);
  if (!S || S->State != MSpanState::InUse || V >= S->Limit)
    return;
  uintptr_t Idx = S->objIndex(V);
  if (S->isFree(Idx))
    return;
  if (S->isMarked(Idx))
    return;
  S->setMarked(Idx);
  MarkedBytes += S->ElemSize;
  if (spanClassNoscan(S->Class))
    return;
  uintptr_t Base = S->base() + Idx * S->ElemSize;
  push(Base, S->NElems == 1 ? S->Limit : Base + S->ElemSize);
}

/// Scans the words of [Lo, Hi) (gc: scanblock, without a bitmap).
void scanblock(uintptr_t Lo, uintptr_t Hi) {
  const uintptr_t Span = HeapHi - HeapLo;
  for (uintptr_t A = alignUp(Lo, 8); A + 8 <= Hi; A += 8) {
    uintptr_t V = *reinterpret_cast<const uintptr_t *>(A);
    if (V - HeapLo < Span)
      markCandidate(V);
  }
}

/// Blackens grey objects until none is left (gc: gcDrain).
void drain() {
  while (WorkLen > 0) {
    Range R = Work[--WorkLen];
    scanblock(R.Lo, R.Hi);
  }
}

/// For queueDeadFinalizers: whether the object P points into is marked,
/// and marking it without scanning it (its referents are marked already).
bool isMarkedObject(uintptr_t P) {
  MSpan *S = spanOfHeap(P);
  return S->isMarked(S->objIndex(P));
}
void markLive(uintptr_t P) {
  MSpan *S = spanOfHeap(P);
  uintptr_t Idx = S->objIndex(P);
  if (S->isMarked(Idx))
    return;
  S->setMarked(Idx);
  MarkedBytes += S->ElemSize;
}

/// Scans Gp's stack, every segment from where it was left.
void markStack(G *Gp, G *Self, uintptr_t SelfSP) {
  uint32_t Status = readgstatus(Gp);
  if (Status == GDead || Status == GIdle || !Gp->Seg)
    return;
  uintptr_t SP;
  if (Gp == Self)
    SP = SelfSP;
  else if (Status == GRunnable || Status == GWaiting)
    SP = Gp->Sched.SP;
  else if (Status == GSyscall)
    SP = Gp->SyscallSP;
  else
    fatal("gc: a goroutine is running with the world stopped");
  StackSeg *Seg = Gp->Seg;
  if (SP < Seg->Lo || SP > uintptr_t(Seg)) {
    printlock();
    printstring("runtime: goroutine ");
    printint(Gp->Goid);
    printstring(" sp=");
    printhex(SP);
    printstring(" outside its segment [");
    printhex(Seg->Lo);
    printstring(", ");
    printhex(uintptr_t(Seg));
    printstring("]\n");
    printunlock();
    fatal("gc: stack pointer outside its segment");
  }
  scanblock(SP, uintptr_t(Seg));
  for (StackSeg *S = Seg->Prev; S; S = S->Prev)
    scanblock(S->SavedSP, uintptr_t(S));
}

} // namespace

uint64_t gcMark(G *Self, uintptr_t SelfSP) {
  if (!Heap.ArenaFirst)
    return 0;
  HeapLo = Heap.ArenaFirst->Base;
  HeapHi = Heap.ArenaLast->Base + HeapArenaBytes;
  MarkedBytes = 0;
  WorkLen = 0;

  forEachWritableSegment(scanblock);
  drain();
  for (M *Mp = allm(); Mp; Mp = Mp->AllLink) {
    scanblock(uintptr_t(Mp), uintptr_t(Mp + 1));
    if (G *G0p = Mp->G0)
      scanblock(uintptr_t(G0p), uintptr_t(G0p + 1));
    drain();
  }
  for (int32_t I = 0; I < MaxGomaxprocs; I++)
    if (P *Pp = AllP[I]) {
      scanblock(uintptr_t(Pp), uintptr_t(Pp + 1));
      drain();
    }
  for (G *Gp = allgs(); Gp; Gp = Gp->AllLink) {
    markStack(Gp, Self, SelfSP);
    drain();
  }
  finalizerRoots(scanblock);
  drain();
  queueDeadFinalizers(isMarkedObject, markLive);
  return MarkedBytes;
}

} // namespace gort
