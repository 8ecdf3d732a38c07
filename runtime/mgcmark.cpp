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
// Marking is parallel (gc: the mark workers of all Ps, gcDrain on each).
// Besides the thread running the cycle, min(GOMAXPROCS, CPUs) - 1 helper
// threads mark (gcHelper: Ms without a P, like sysmon's, started at the
// first cycle that wants them, asleep on a futex between cycles). Each
// marker (struct Marker, gc's gcWork) has its own stack of grey objects
// in memory from sysAlloc that doubles when full. The cycle's thread
// scans the roots; every marker drains its own stack, and while another
// marker is idle it moves the older half of its grey objects (at most
// 256), those nearest the roots, to a shared block (gc: work.full) for the idle
// one to take. Mark bits are then set with an atomic or, so that exactly one
// marker greys each object. Marking ends when every marker is idle and no block
// is left: an idle marker shares nothing, so that state is final (idleWait).
// The cycle's thread then waits until every helper has reported its marked
// bytes. GORTDEBUG=gcserial=1 marks on one thread, as does GOMAXPROCS=1; one
// marker sets bits with plain stores.
//
// GORTDEBUG=gccheckmark=1 (or GODEBUG=, gc's name) checks each mark
// (gcCheckmark, gc's checkmark mode): a second mark from the same roots,
// on one thread, with its own bits (HeapArena::CheckBits, a bit per word,
// set at each object's first word), that throws if it reaches an object
// the first mark left unmarked. A parallel marker that lost work, or a
// concurrent one with a missing write barrier, fails it.
//
//===----------------------------------------------------------------------===//

#include "runtime/mgc.h"

#include "runtime/malloc.h"
#include "runtime/mfinal.h"
#include "runtime/mheap.h"
#include "runtime/mprof.h"
#include "runtime/os_linux.h"
#include "runtime/panic.h"
#include "runtime/print.h"
#include "runtime/proc.h"
#include "runtime/stack.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"

namespace gort {

namespace {

/// A grey object on a work list: a small object of at most 64 words
/// with the heap bitmap's bits for its words (Mask != 0), read when it was
/// marked; or, with Mask == 0, any other object, whose span says how to
/// scan it.
struct WorkItem {
  uintptr_t Obj;
  uint64_t Mask;
};

/// Address bounds of the heap arenas, a quick filter for candidates.
uintptr_t HeapLo, HeapHi;

/// Work shared between the markers of a parallel mark: blocks of grey
/// objects (gc: work.full, of workbufs).
constexpr uintptr_t BlockItems = 256;
struct WorkBlock {
  WorkBlock *Next;
  uintptr_t N;
  WorkItem Items[BlockItems];
};

struct SharedWork {
  Mutex Lock;        ///< guards Full and Free
  WorkBlock *Full;   ///< blocks of grey objects
  WorkBlock *Free;   ///< empty blocks, kept between cycles
  uint32_t NFull;    ///< blocks on Full (atomic)
  uint32_t NIdle;    ///< markers without work (atomic)
  uint32_t NWorkers; ///< markers of this mark
  uint64_t Marked;   ///< the helpers' marked bytes (atomic)
  uint32_t Gen;      ///< futex: a new mark for the helpers when it changes
  uint32_t Done;     ///< helpers finished with this mark (atomic)
  uint32_t NHelpers; ///< helper threads started
  uint32_t Active;   ///< helpers taking part in this mark
};
SharedWork Shared;

/// One marker's state (gc: gcWork): its private stack of grey objects,
/// and the bytes it marked. With Parallel set, mark bits are set with an
/// atomic or, and work goes to the shared blocks when other markers are
/// idle.
struct Marker {
  WorkItem *Buf = nullptr;
  uintptr_t Len = 0, Cap = 0;
  uint64_t Marked = 0;
  bool Parallel = false;
  /// The checkmark pass: objects get check bits instead of mark bits,
  /// and every object it reaches must carry a mark bit already.
  bool Check = false;

  /// Doubles the stack.
  __attribute__((noinline)) void grow() {
    uintptr_t NewCap = Cap ? Cap * 2 : 4096;
    auto *New = static_cast<WorkItem *>(sysAlloc(NewCap * sizeof(WorkItem)));
    if (!New)
      fatal("runtime: cannot allocate the GC work list");
    if (Buf) {
      memmove(New, Buf, Len * sizeof(WorkItem));
      sysFree(Buf, Cap * sizeof(WorkItem));
    }
    Buf = New;
    Cap = NewCap;
  }

  __attribute__((always_inline)) void push(uintptr_t Obj, uint64_t Mask) {
    if (Len == Cap)
      grow();
    Buf[Len++] = WorkItem{Obj, Mask};
  }

  /// Marks the object V points into, if any, and queues it for scanning
  /// (gc: findObject + greyobject).
  __attribute__((always_inline)) void markCandidate(uintptr_t V) {
    MSpan *S = spanOf(V);
    if (!S || S->State != MSpanState::InUse || V >= S->Limit)
      return;
    uintptr_t Idx = S->objIndex(V);
    if (S->isFree(Idx))
      return;
    if (__builtin_expect(Check, 0)) {
      if (!checkmark(S, Idx, V))
        return;
    } else {
      if (S->isMarked(Idx))
        return;
      if (Parallel) {
        if (!S->tryMark(Idx))
          return; // another marker got there first
      } else {
        S->setMarked(Idx);
      }
      Marked += S->ElemSize;
    }
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

  /// The checkmark pass's marking of object Idx of S, which V points
  /// into: sets its check bit, and returns false if it was set already.
  /// Throws if the object lacks its mark bit: the mark missed an object
  /// reachable from the roots.
  __attribute__((noinline)) bool checkmark(MSpan *S, uintptr_t Idx,
                                           uintptr_t V) {
    uintptr_t Obj = S->base() + Idx * S->ElemSize;
    HeapArena *A = arenaOf(Obj);
    uintptr_t W = (Obj - A->Base) / 8;
    uint64_t Bit = uint64_t(1) << (W % 64);
    if (A->CheckBits[W / 64] & Bit)
      return false;
    A->CheckBits[W / 64] |= Bit;
    if (S->isMarked(Idx))
      return true;
    printlock();
    printstring("runtime: checkmarks found unexpected unmarked object obj=");
    printhex(Obj);
    printstring(" (pointer ");
    printhex(V);
    printstring(")\nruntime: span base=");
    printhex(S->base());
    printstring(" elemsize=");
    printuint(S->ElemSize);
    printstring(" class=");
    printuint(spanClassSizeClass(S->Class));
    printstring(spanClassNoscan(S->Class) ? " noscan\n" : "\n");
    printunlock();
    fatal("checkmark found unmarked object");
  }

  __attribute__((always_inline)) void markWord(uintptr_t A) {
    uintptr_t V = *reinterpret_cast<const uintptr_t *>(A);
    if (V - HeapLo < HeapHi - HeapLo)
      markCandidate(V);
  }

  /// Scans the words of Obj that Mask marks, bit I for word I.
  __attribute__((always_inline)) void scanMask(uintptr_t Obj, uint64_t Mask) {
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

  /// Scans a small object of more than 64 words, or one whose span
  /// crosses an arena boundary, by the heap bitmap (such spans are never
  /// uniform).
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

  /// Scans a large object: the pointer words of each element of its
  /// type, up to the size it was allocated with.
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
  __attribute__((always_inline)) void scanItem(WorkItem W) {
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

  /// Blackens grey objects until its own stack is empty (gc: gcDrain). The
  /// stack makes the marker follow the object graph depth first, so it
  /// usually scans next an object allocated next to the one it just left.
  /// (A ring that prefetched each object a few pops ahead was slower on
  /// binarytrees: 290 ms of marking against 250, as it breaks that order.)
  /// A parallel marker gives a block away now and then while another
  /// marker is idle.
  void drain() {
    uint32_t Tick = 0;
    while (Len > 0) {
      scanItem(Buf[--Len]);
      if (Parallel && (++Tick & 63) == 0 && Len > 4 &&
          atomic::load(&Shared.NIdle) != 0)
        share();
    }
  }

  /// Moves the older half of the grey objects (at most BlockItems), the
  /// ones nearest the roots, to a shared block (gc: gcWork.balance, which
  /// also hands off half). A tree walked depth first keeps a short stack,
  /// the siblings of the path, so waiting for a full block would share
  /// nothing.
  __attribute__((noinline)) void share() {
    lock(&Shared.Lock);
    WorkBlock *B = Shared.Free;
    if (B)
      Shared.Free = B->Next;
    unlock(&Shared.Lock);
    if (!B) {
      B = static_cast<WorkBlock *>(persistentalloc(sizeof(WorkBlock), 8));
    }
    uintptr_t N = Len / 2 < BlockItems ? Len / 2 : BlockItems;
    B->N = N;
    memmove(B->Items, Buf, N * sizeof(WorkItem));
    Len -= N;
    memmove(Buf, Buf + N, Len * sizeof(WorkItem));
    lock(&Shared.Lock);
    B->Next = Shared.Full;
    Shared.Full = B;
    atomic::xadd(&Shared.NFull, 1u);
    unlock(&Shared.Lock);
  }

  /// Takes a shared block onto the stack, if there is one.
  bool take() {
    if (atomic::load(&Shared.NFull) == 0)
      return false;
    lock(&Shared.Lock);
    WorkBlock *B = Shared.Full;
    if (B) {
      Shared.Full = B->Next;
      atomic::xadd(&Shared.NFull, ~0u);
    }
    unlock(&Shared.Lock);
    if (!B)
      return false;
    while (Cap - Len < B->N)
      grow();
    memmove(Buf + Len, B->Items, B->N * sizeof(WorkItem));
    Len += B->N;
    lock(&Shared.Lock);
    B->Next = Shared.Free;
    Shared.Free = B;
    unlock(&Shared.Lock);
    return true;
  }

  /// Waits, counted idle, until a block can be taken (true) or every
  /// marker is idle and no block is left: marking is done (false). Once
  /// all are idle no marker can share more, so the state is final.
  bool idleWait() {
    for (uint32_t Spin = 0;; Spin++) {
      if (atomic::load(&Shared.NFull) != 0) {
        atomic::xadd(&Shared.NIdle, ~0u);
        if (take())
          return true;
        atomic::xadd(&Shared.NIdle, 1u);
        continue;
      }
      if (atomic::load(&Shared.NIdle) == Shared.NWorkers &&
          atomic::load(&Shared.NFull) == 0)
        return false;
      if (Spin < 128)
        procyield(1);
      else
        osyield();
    }
  }

  /// Drains, takes shared blocks, and waits for work until the whole
  /// mark is done. A helper enters counted idle, the mark's starter
  /// with its roots on its stack.
  void drainShared() {
    for (;;) {
      drain();
      if (take())
        continue;
      atomic::xadd(&Shared.NIdle, 1u);
      if (!idleWait())
        return;
    }
  }
};

/// The marker of the thread running gcMark (its stack is kept between
/// cycles), the checkmark pass's, and the function the roots are scanned
/// with, by the marker in RootMarker.
Marker Main, CheckMarker;
Marker *RootMarker = &Main;
void scanRoot(uintptr_t Lo, uintptr_t Hi) { RootMarker->scanblock(Lo, Hi); }

/// For queueDeadFinalizers: whether the object P points into is marked,
/// and marking it without scanning it (its referents are marked already).
/// The helpers are done by then.
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
  Main.Marked += S->ElemSize;
}

/// Scans Gp's stack, every segment from where it was left.
void markStack(Marker &Mk, G *Gp, G *Self, uintptr_t SelfSP) {
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
  Mk.scanblock(SP, uintptr_t(Seg));
  for (StackSeg *S = Seg->Prev; S; S = S->Prev)
    Mk.scanblock(S->SavedSP, uintptr_t(S));
}

/// Scans every root with Mk, draining its stack as it goes (gc:
/// markroot): the writable segments, the Ms, g0s and Ps, the goroutines'
/// stacks, the finalizers' objects.
void markRoots(Marker &Mk, G *Self, uintptr_t SelfSP) {
  RootMarker = &Mk;
  forEachWritableSegment(scanRoot);
  Mk.drain();
  for (M *Mp = allm(); Mp; Mp = Mp->AllLink) {
    Mk.scanblock(uintptr_t(Mp), uintptr_t(Mp + 1));
    if (G *G0p = Mp->G0)
      Mk.scanblock(uintptr_t(G0p), uintptr_t(G0p + 1));
    Mk.drain();
  }
  for (int32_t I = 0; I < MaxGomaxprocs; I++)
    if (P *Pp = AllP[I]) {
      Mk.scanblock(uintptr_t(Pp), uintptr_t(Pp + 1));
      Mk.drain();
    }
  for (G *Gp = allgs(); Gp; Gp = Gp->AllLink) {
    markStack(Mk, Gp, Self, SelfSP);
    Mk.drain();
  }
  finalizerRoots(scanRoot);
  RootMarker = &Main;
}

/// A helper thread's life (gc: gcBgMarkWorker, here on an M of its own
/// without a P, as sysmon): sleep until a mark starts, mark with the
/// others until it is done, report.
void gcHelper() {
  lock(&Sched.Lock);
  Sched.NMSys++;
  unlock(&Sched.Lock);
  Marker W;
  W.Parallel = true;
  uint32_t Seen = 0;
  for (;;) {
    uint32_t Gen;
    while ((Gen = atomic::load(&Shared.Gen)) == Seen)
      futexsleep(&Shared.Gen, Seen, -1);
    Seen = Gen;
    W.Marked = 0;
    if (!W.idleWait()) { // entered counted idle
      atomic::xadd(&Shared.Done, 1u);
      continue;
    }
    W.drainShared();
    atomic::xadd(&Shared.Marked, W.Marked);
    atomic::xadd(&Shared.Done, 1u);
  }
}

/// At most this many helper threads.
constexpr int32_t MaxMarkHelpers = 7;

/// How many helpers this mark has: one fewer than the CPUs the program
/// may use, as gc runs a mark worker per P; started when first needed.
uint32_t startHelpers() {
  int32_t Procs = atomic::load(&Gomaxprocs);
  int32_t Want = (Procs < Ncpu ? Procs : Ncpu) - 1;
  if (Want > MaxMarkHelpers)
    Want = MaxMarkHelpers;
  if (Want <= 0 || Debug.GCSerial)
    return 0;
  while (Shared.NHelpers < uint32_t(Want)) {
    newSystemM(gcHelper);
    Shared.NHelpers++;
  }
  return uint32_t(Want);
}

} // namespace

uint64_t gcMark(G *Self, uintptr_t SelfSP) {
  if (!Heap.ArenaFirst)
    return 0;
  HeapLo = Heap.ArenaFirst->Base;
  HeapHi = Heap.ArenaLast->Base + HeapArenaBytes;
  Main.Marked = 0;
  Main.Len = 0;
  // Helpers start counted idle and take work as the roots' objects are
  // shared; every helper started takes part (extra ones, when GOMAXPROCS
  // went down, find the mark done at once).
  uint32_t Helpers = Self ? startHelpers() : 0;
  Main.Parallel = Helpers != 0;
  if (Main.Parallel) {
    Shared.NWorkers = 1 + Shared.NHelpers;
    atomic::store(&Shared.NIdle, Shared.NHelpers);
    atomic::store(&Shared.Marked, uint64_t(0));
    atomic::store(&Shared.Done, 0u);
    atomic::xadd(&Shared.Gen, 1u);
    futexwakeup(&Shared.Gen, Shared.NHelpers);
  }

  markRoots(Main, Self, SelfSP);
  if (Main.Parallel) {
    Main.drainShared();
    while (atomic::load(&Shared.Done) != Shared.NHelpers)
      osyield();
    Main.Marked += atomic::load(&Shared.Marked);
    Main.Parallel = false;
  } else {
    Main.drain();
  }
  if (Debug.GCCheckmark)
    gcCheckmark(Self, SelfSP);
  queueDeadFinalizers(isMarkedObject, markLive);
  mProfCycle(isMarkedObject); // after the finalizers kept their objects
  return Main.Marked;
}

void gcCheckmark(G *Self, uintptr_t SelfSP) {
  // Clear the check bits of the part of each arena ever handed out.
  for (HeapArena *A = Heap.ArenaFirst; A; A = A->Next) {
    constexpr uintptr_t Bytes = HeapArenaBytes / 8 / 8;
    if (!A->CheckBits) {
      A->CheckBits = static_cast<uint64_t *>(sysAlloc(Bytes));
      if (!A->CheckBits)
        fatal("runtime: cannot allocate the checkmark bitmap");
    } else {
      memset(A->CheckBits, 0, alignUp(A->ZeroedBase, 64 * 8) / 64);
    }
  }
  CheckMarker.Check = true;
  CheckMarker.Len = 0;
  markRoots(CheckMarker, Self, SelfSP);
  CheckMarker.drain();
}

} // namespace gort
