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
// The roots are scanned conservatively: every word is a candidate
// (scanblock). Heap objects are scanned by type (gc: scanobject): only
// the words that hold pointers by the heap bitmap, a uniform span's mask
// or a large span's type (mbitmap.cpp) are candidates.
//
// A candidate word V is kept if it lies in an arena, in a heap span (not
// a stack), below the span's last object, and its object is allocated
// (MSpan::isFree: below FreeIndex or in AllocBits). Then its mark bit is
// set, and a newly marked object of a scan span goes on the work list.
// An object of at most 64 words goes there with the mask of its pointer
// words, read when it is marked, while its span is at hand (none if it
// has no pointers); drain then needs no lookup. Any other object goes
// there alone, and drain finds how to scan it from its span.
//
// The work list is a stack in memory from sysAlloc that doubles when full
// and is kept between cycles (gc uses per-P work buffers, which the
// concurrent marker will need).
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

/// A grey object on the work list: a small object of at most 64 words
/// with the heap bitmap's bits for its words (Mask != 0), read when it was
/// marked; or, with Mask == 0, any other object, whose span says how to
/// scan it.
struct WorkItem {
  uintptr_t Obj;
  uint64_t Mask;
};

/// The work list.
WorkItem *Work;
uintptr_t WorkLen, WorkCap;

/// Address bounds of the heap arenas, a quick filter for candidates.
uintptr_t HeapLo, HeapHi;

uint64_t MarkedBytes;

/// Doubles the work list.
__attribute__((noinline)) void growWork() {
  uintptr_t Cap = WorkCap ? WorkCap * 2 : 4096;
  auto *New = static_cast<WorkItem *>(sysAlloc(Cap * sizeof(WorkItem)));
  if (!New)
    fatal("runtime: cannot allocate the GC work list");
  if (Work) {
    memmove(New, Work, WorkLen * sizeof(WorkItem));
    sysFree(Work, WorkCap * sizeof(WorkItem));
  }
  Work = New;
  WorkCap = Cap;
}

__attribute__((always_inline)) inline void push(uintptr_t Obj, uint64_t Mask) {
  if (WorkLen == WorkCap)
    growWork();
  Work[WorkLen++] = WorkItem{Obj, Mask};
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
  uintptr_t Obj = S->base() + Idx * S->ElemSize;
  uint64_t Mask;
  if (spanClassSizeClass(S->Class) != 0 && objectMask(S, Obj, &Mask)) {
    if (Mask)
      push(Obj, Mask);
    return;
  }
  push(Obj, 0);
}

__attribute__((always_inline)) inline void markWord(uintptr_t A) {
  uintptr_t V = *reinterpret_cast<const uintptr_t *>(A);
  if (V - HeapLo < HeapHi - HeapLo)
    markCandidate(V);
}

/// Scans the words of Obj that Mask marks, bit I for word I.
__attribute__((always_inline)) inline void scanMask(uintptr_t Obj,
                                                    uint64_t Mask) {
  while (Mask) {
    markWord(Obj + uintptr_t(__builtin_ctzll(Mask)) * 8);
    Mask &= Mask - 1;
  }
}

/// Scans every word of [Lo, Hi): roots, and objects of unknown type (gc:
/// scanblock, without a bitmap).
void scanblock(uintptr_t Lo, uintptr_t Hi) {
  for (uintptr_t A = alignUp(Lo, 8); A + 8 <= Hi; A += 8)
    markWord(A);
}

/// Scans a small object of more than 64 words, or one whose span crosses
/// an arena boundary, by the heap bitmap (such spans are never uniform).
void scanSmall(MSpan *S, uintptr_t Obj) {
  uintptr_t NW = S->ElemSize / 8;
  for (uintptr_t I = 0; I < NW; I += 64) {
    uintptr_t N = NW - I < 64 ? NW - I : 64;
    uint64_t Mask = 0;
    if (S->HeapBits) {
      Mask = readBits(S->HeapBits, (Obj - S->base()) / 8 + I, N);
    } else {
      for (uintptr_t J = 0; J < N; J++)
        if (heapBitAt(Obj + (I + J) * 8))
          Mask |= uint64_t(1) << J;
    }
    scanMask(Obj + I * 8, Mask);
  }
}

/// Scans a large object: the pointer words of each element of its type,
/// up to the size it was allocated with.
void scanLarge(MSpan *S) {
  const abi::Type *T = S->LargeType;
  uintptr_t Lo = S->base(), Hi = S->Limit;
  if (!hasPtrMask(T)) {
    scanblock(Lo, Hi);
    return;
  }
  uintptr_t PW = T->PtrData / 8;
  for (uintptr_t E = Lo; E < Hi; E += T->Size)
    for (uintptr_t J = 0; J < PW && E + J * 8 + 8 <= Hi; J++)
      if (T->GCData[J / 8] & (1u << (J % 8)))
        markWord(E + J * 8);
}

/// Scans one grey object (gc: scanobject).
__attribute__((always_inline)) inline void scanItem(WorkItem W) {
  if (W.Mask) {
    scanMask(W.Obj, W.Mask);
    return;
  }
  MSpan *S = spanOfUnchecked(W.Obj);
  if (spanClassSizeClass(S->Class) == 0)
    scanLarge(S);
  else
    scanSmall(S, W.Obj);
}

/// Blackens grey objects until none is left (gc: gcDrain). The work list
/// is a stack, so the marker follows the object graph depth first and
/// usually scans next an object allocated next to the one it just left.
/// (A ring that prefetched each object a few pops ahead was slower on
/// binarytrees: 290 ms of marking against 250, as it breaks that order.)
void drain() {
  while (WorkLen > 0)
    scanItem(Work[--WorkLen]);
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
