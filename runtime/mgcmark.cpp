//===- runtime/mgcmark.cpp - The garbage collector: marking ---------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Marking (gc: mgcmark.go): concurrent with the program between a mark
// start and a mark termination, or all with the world stopped. See
// mgc.cpp for the cycle and for why conservative scanning is safe in a
// non-moving heap.
//
// Tri-colour, as gc: an object is white until its mark bit is set (grey:
// marked and on the work list, if its span may hold pointers), then black
// once scanned. Marking ends when the work list is empty; every white
// object is then unreachable.
//
// The roots (gc: markroot):
//   - the program's writable segments, found through the ELF program
//     headers (forEachWritableSegment, os_linux.cpp): the package-level
//     variables of compiled code, each by the pointer bitmap of its entry
//     in the root table codegen emits (abi::GCRoot, gc's gcdata and
//     gcbss; scanDataSegment), and every other word conservatively: the
//     globals of the runtime (allgs, the scheduler, the timer heap, the
//     itab table...);
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
//     these ranges. Every word is scanned conservatively but those of Go
//     frames stopped in a call with a stack map (codegen/stack_maps.cpp,
//     stkmap.cpp), whose live slots alone are scanned, and their stack
//     objects only if live at the call or reached from a scanned word
//     (walkStackFrames, scanGoStack). g0 stacks are not scanned: a cycle never
//     starts on g0 and the Ms stopped for it hold no heap pointers there;
//   - the finalizers (mfinal.cpp): the contents of every object that has
//     one, and every queued finalizer (finalizerRoots).
// The heap, G structures included, is reached from those. When the work
// list is empty, an object with a finalizer that is still unmarked is
// unreachable: queueDeadFinalizers queues its finalizer and marks it, so
// that it survives the sweep until the finalizer has run.
//
// Except for the variables of the root table, the roots are scanned
// conservatively: every word is a candidate (scanblock). Heap objects are
// scanned by type (gc: scanobject): only the words that hold pointers by the
// heap bitmap, a uniform span's mask or a large span's type (mbitmap.cpp) are
// candidates.
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
// A concurrent mark (gcMarkStart, gcMarkTerminate): with the world stopped, the
// cycle's thread scans the roots without draining (and the timer heap too: the
// runtime changes it without write barriers), but of the goroutines' stacks
// only its own and those of goroutines in system calls; it hands every grey
// object to the shared blocks, and wakes a quarter of the CPUs' worth of
// helpers (at least one); the world restarts and the helpers mark on alone.
// Every other goroutine's stack, with its G structure, heap defer records and
// the sudogs it waits on (which the runtime changes without write barriers), is
// scanned before the goroutine runs again, by a helper or by the M about to run
// it ("Stacks of a concurrent mark" below), so the start's pause does not grow
// with the number of goroutines. The write barrier (gort_wb, gort_wbmove: gc's
// hybrid barrier, shading the pointer overwritten and the one stored) marks
// what it shades with an atomic or and queues it in its M's buffer (M::WBBuf),
// which goes to the shared blocks when full; new objects are marked by mallocgc
// (gcMarkNew). The last helper to run out of work sets GCStat.MarkDone
// (concurrentMarkDone). A goroutine allocating past the goal assists
// (gcAssist): it asks the helpers to share (AssistWant) and scans a few blocks
// itself, or stacks no helper has claimed yet. At termination, with the world
// stopped again, the helpers are waited for, the barrier buffers and whatever
// is left on the blocks are drained (by every marker if that is more than four
// blocks' worth, else by the cycle's thread), and the checkmark pass and the
// finalizers follow as after a stop-the-world mark.
//
// GORTDEBUG=gccheckmark=1 (or GODEBUG=, gc's name) checks each mark
// (gcCheckmark, gc's checkmark mode): a second mark from the same roots,
// on one thread, with its own bits (HeapArena::CheckBits, a bit per word,
// set at each object's first word), that throws if it reaches an object
// the first mark left unmarked. A parallel marker that lost work, or a
// concurrent one with a missing write barrier, fails it. After a
// concurrent mark the stacks it reads are the termination's, and a
// conservative scan would take words that calls returned before the mark
// start left below the stack pointer for references; in this mode the
// start zeroes those parts of every stack (clearDeadStacks), and segments
// are zeroed when handed out. A word the mark wrote into a live frame can
// still be a "pointer" nobody stored: a byte written into a word that
// held a pointer (a bool field of a struct on the stack, its padding
// left as it was) makes a new address, 0x...c8 becoming 0x...00, which
// can name another, dead, object. The runtime's frames are full of such
// small structures, so the pass tolerates an unmarked object reached
// from a word in a frame of the runtime's own code (checkStack): it is
// neither reported nor scanned. Words in frames of compiled Go code, in
// the heap, in globals and in the runtime's records are checked strictly;
// a missing write barrier is found through them. A report says where the
// word was: a heap object, a goroutine's frame (by its return address), or
// a root.
//
//===----------------------------------------------------------------------===//

#include "runtime/mgc.h"

#include "runtime/heapsort.h"
#include "runtime/malloc.h"
#include "runtime/mfinal.h"
#include "runtime/mheap.h"
#include "runtime/mprof.h"
#include "runtime/os_linux.h"
#include "runtime/panic.h"
#include "runtime/print.h"
#include "runtime/proc.h"
#include "runtime/stack.h"
#include "runtime/stkmap.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"
#include "runtime/traceback.h"

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
  /// This mark runs concurrently with the program: the helpers are the
  /// only markers, and the last to finish sets GCStat.MarkDone.
  bool Concurrent;
  /// A mark assist is waiting for work: markers share as if a marker
  /// were idle (atomic).
  uint32_t AssistWant;
  /// The assist holds grey objects it took (gcAssist): the mark is not
  /// done meanwhile. Changed under Lock, with the take and the share.
  uint32_t AssistBusy;
  uint32_t Registered; ///< helpers that took their index (atomic)
};
SharedWork Shared;
/// The helpers that gcMarkStartWorkers wakes for a concurrent mark.
uint32_t StartWorkers;

/// An empty block, from the free list or new.
WorkBlock *newBlock() {
  lock(&Shared.Lock);
  WorkBlock *B = Shared.Free;
  if (B)
    Shared.Free = B->Next;
  unlock(&Shared.Lock);
  if (!B)
    B = static_cast<WorkBlock *>(persistentalloc(sizeof(WorkBlock), 8));
  return B;
}

/// Puts a block of grey objects on the shared list.
void pushBlock(WorkBlock *B) {
  lock(&Shared.Lock);
  B->Next = Shared.Full;
  Shared.Full = B;
  atomic::xadd(&Shared.NFull, 1u);
  unlock(&Shared.Lock);
}

struct Marker;
/// A concurrent mark's stack scans (see "Stacks of a concurrent mark"
/// below): whether some goroutine's stack is not scanned yet, and
/// scanning the next ones no one has claimed with Mk.
bool stacksPending();
uint32_t scanSomeStacks(Marker &Mk);

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
  /// In the checkmark pass, while scanning a frame of the runtime's own
  /// code: an unmarked object is skipped instead of reported.
  bool Lenient = false;
  /// In the checkmark pass, for its report: in a goroutine's stack, the
  /// goroutine and the return address that names the frame's function
  /// (checkStack).
  G *CheckG = nullptr;
  uintptr_t CheckFramePC = 0;

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

  /// Marks the object V, read from the word at At, points into, if any, and
  /// queues it for scanning (gc: findObject + greyobject).
  __attribute__((always_inline)) void markCandidate(uintptr_t V, uintptr_t At) {
    MSpan *S = spanOf(V);
    if (!S || S->State != MSpanState::InUse || V >= S->Limit)
      return;
    uintptr_t Idx = S->objIndex(V);
    if (S->isFree(Idx))
      return;
    if (__builtin_expect(Check, 0)) {
      if (!checkmark(S, Idx, V, At))
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

  /// The checkmark pass's marking of object Idx of S, which V (read at
  /// At) points into: sets its check bit, and returns false if it was set
  /// already. Throws if the object lacks its mark bit: the mark missed an
  /// object reachable from the roots. While Lenient, an unmarked object is
  /// passed over (false) and keeps its check bit clear, so that a strict
  /// path that reaches it later still reports it.
  __attribute__((noinline)) bool checkmark(MSpan *S, uintptr_t Idx, uintptr_t V,
                                           uintptr_t At) {
    uintptr_t Obj = S->base() + Idx * S->ElemSize;
    HeapArena *A = arenaOf(Obj);
    uintptr_t W = (Obj - A->Base) / 8;
    uint64_t Bit = uint64_t(1) << (W % 64);
    if (A->CheckBits[W / 64] & Bit)
      return false;
    bool Marked = S->isMarked(Idx);
    if (!Marked && Lenient)
      return false;
    A->CheckBits[W / 64] |= Bit;
    if (Marked)
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
    printstring("runtime: found at ");
    printhex(At);
    if (MSpan *From = spanOf(At); From && From->State == MSpanState::InUse) {
      uintptr_t Base = From->base() + From->objIndex(At) * From->ElemSize;
      printstring(", in heap object ");
      printhex(Base);
      printstring(" of ");
      printuint(From->ElemSize);
      printstring(" bytes");
    } else if (CheckG) {
      printstring(", in the stack of goroutine ");
      printint(CheckG->Goid);
      printstring(", in the frame of the function at return pc ");
      printhex(CheckFramePC);
    } else {
      printstring(", in a root (globals, an M or P, a G's records)");
    }
    printstring("\n");
    printunlock();
    fatal("checkmark found unmarked object");
  }

  __attribute__((always_inline)) void markWord(uintptr_t A) {
    uintptr_t V = *reinterpret_cast<const uintptr_t *>(A);
    if (V - HeapLo < HeapHi - HeapLo)
      markCandidate(V, A);
  }

  /// Scans the words of Obj that Mask marks, bit I for word I.
  __attribute__((always_inline)) void scanMask(uintptr_t Obj, uint64_t Mask) {
    while (Mask) {
      markWord(Obj + uintptr_t(__builtin_ctzll(Mask)) * 8);
      Mask &= Mask - 1;
    }
  }

  /// Scans the words of [Base, Base + PtrData) that Bits marks, one bit
  /// per word: a variable of the root table.
  void scanBits(uintptr_t Base, uintptr_t PtrData, const uint8_t *Bits) {
    for (uintptr_t J = 0; J < PtrData / 8; J += 8)
      if (uint8_t B = Bits[J / 8])
        scanMask(Base + J * 8, B);
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
          (atomic::load(&Shared.NIdle) | atomic::load(&Shared.AssistWant)) != 0)
        share();
    }
  }

  /// Blackens at most Budget grey objects; returns how many it did.
  uintptr_t drainSome(uintptr_t Budget) {
    uintptr_t Done = 0;
    while (Len > 0 && Done < Budget) {
      scanItem(Buf[--Len]);
      Done++;
    }
    return Done;
  }

  /// Moves every grey object to shared blocks, for other markers.
  void shareAll() {
    while (Len > 0) {
      WorkBlock *B = newBlock();
      uintptr_t N = Len < BlockItems ? Len : BlockItems;
      B->N = N;
      Len -= N;
      memmove(B->Items, Buf + Len, N * sizeof(WorkItem));
      pushBlock(B);
    }
  }

  /// Moves the older half of the grey objects (at most BlockItems), the
  /// ones nearest the roots, to a shared block (gc: gcWork.balance, which
  /// also hands off half). A tree walked depth first keeps a short stack,
  /// the siblings of the path, so waiting for a full block would share
  /// nothing.
  __attribute__((noinline)) void share() {
    WorkBlock *B = newBlock();
    uintptr_t N = Len / 2 < BlockItems ? Len / 2 : BlockItems;
    B->N = N;
    memmove(B->Items, Buf, N * sizeof(WorkItem));
    Len -= N;
    memmove(Buf, Buf + N, Len * sizeof(WorkItem));
    pushBlock(B);
  }

  /// Takes a shared block onto the stack, if there is one; an assist
  /// marks itself busy with the same lock held.
  bool take(bool Assisting = false) {
    if (atomic::load(&Shared.NFull) == 0)
      return false;
    lock(&Shared.Lock);
    WorkBlock *B = Shared.Full;
    if (B) {
      Shared.Full = B->Next;
      atomic::xadd(&Shared.NFull, ~0u);
      if (Assisting)
        atomic::store(&Shared.AssistBusy, 1u);
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
      if (stacksPending()) {
        // Stacks to scan are work too; the last ones may be in the hands
        // of Ms about to run their goroutines.
        atomic::xadd(&Shared.NIdle, ~0u);
        if (scanSomeStacks(*this) && Len != 0)
          return true;
        atomic::xadd(&Shared.NIdle, 1u);
      }
      if (atomic::load(&Shared.NIdle) == Shared.NWorkers &&
          atomic::load(&Shared.NFull) == 0 && !stacksPending() && isFinal())
        return false;
      if (Spin < 128)
        procyield(1);
      else
        osyield();
    }
  }

  /// Whether no assist holds work and no block is shared, checked under
  /// the lock the assist takes and gives back work with, so that the
  /// two cannot be seen apart in between.
  static bool isFinal() {
    lock(&Shared.Lock);
    bool Final = !Shared.Full && !atomic::load(&Shared.AssistBusy);
    unlock(&Shared.Lock);
    return Final;
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
/// The page heap's own state (Heap) is skipped: it holds addresses in
/// the arenas (search hints, arena bases) that reference no object, and
/// that change while a concurrent mark runs, so that the checkmark pass
/// would take them for references the mark missed.
void scanRoot(uintptr_t Lo, uintptr_t Hi) {
  uintptr_t HLo = uintptr_t(&Heap), HHi = HLo + sizeof(Heap);
  if (Lo <= HLo && HHi <= Hi) {
    RootMarker->scanblock(Lo, HLo);
    RootMarker->scanblock(HHi, Hi);
    return;
  }
  RootMarker->scanblock(Lo, Hi);
}

/// The root table (abi::GCRoot, from __gort_gcroots_start/end): the
/// entries sorted by address, as initGCRoots left them.
const abi::GCRoot **Roots;
uintptr_t NumRoots;

/// Scans writable segment [Lo, Hi) of the executable (gc: markroot's
/// data and BSS jobs): the variables the root table describes by their
/// pointer bitmaps, every other word conservatively (the runtime's own
/// globals, and anything the compiler did not describe).
void scanDataSegment(uintptr_t Lo, uintptr_t Hi) {
  uintptr_t I = 0, N = NumRoots;
  while (I < N) { // the first entry at or above Lo
    uintptr_t Mid = I + (N - I) / 2;
    if (Roots[Mid]->Addr < Lo)
      I = Mid + 1;
    else
      N = Mid;
  }
  uintptr_t At = Lo;
  for (; I < NumRoots && Roots[I]->Addr < Hi; I++) {
    const abi::GCRoot *R = Roots[I];
    if (R->Addr + R->Size > Hi)
      fatal("gc: a variable of the root table crosses its segment's end");
    scanRoot(At, R->Addr);
    if (R->PtrData)
      RootMarker->scanBits(R->Addr, R->PtrData, R->GCData);
    At = R->Addr + R->Size;
  }
  scanRoot(At, Hi);
}

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

/// The frame record of gcStart on the cycle's own goroutine Self, for
/// the checkmark pass (which runs on g0 below gcStart's systemstack
/// call): follows this thread's frame records to the first one in Self's
/// current segment, gort_systemstack's, whose caller is gcStart. 0 if
/// there is none.
uintptr_t selfFrame(G *Self) {
  uintptr_t Lo = Self->Seg->Lo, Hi = uintptr_t(Self->Seg);
  uintptr_t FP = uintptr_t(__builtin_frame_address(0));
  for (unsigned I = 0; I < 64 && FP; I++) {
    if (FP >= Lo && FP + 16 <= Hi)
      return *reinterpret_cast<const uintptr_t *>(FP);
    FP = *reinterpret_cast<const uintptr_t *>(FP);
  }
  return 0;
}

#if defined(__x86_64__)
/// How many callee-saved registers the x86-64 function Map describes
/// pushes under its frame record: its prologue, as LLVM writes it, is
/// push %rbp; mov %rsp,%rbp; then a push of each (push %r15 is 41 57,
/// push %rbx 53). 5, all of them, if the prologue is not of that form.
unsigned savedRegisters(const FrameMap &Map) {
  const uint8_t *P = reinterpret_cast<const uint8_t *>(
      uintptr_t(&Map.Func->Func) + intptr_t(Map.Func->Func));
  if (P[0] != 0x55 || P[1] != 0x48 || P[2] != 0x89 || P[3] != 0xe5)
    return 5;
  unsigned N = 0;
  for (P += 4; N < 5; N++) {
    if (P[0] == 0x53)
      P++;
    else if (P[0] == 0x41 && P[1] >= 0x54 && P[1] <= 0x57)
      P += 2;
    else
      break;
  }
  return N;
}
#endif

/// Whether the frame whose callee's record is at FP (below Hi, the
/// segment's end) is a Go frame stopped in a call with a map whose span
/// lies in the frame; Map is then that call's.
bool mappedFrame(uintptr_t FP, uintptr_t Hi, FrameMap &Map) {
  const uintptr_t *Rec = reinterpret_cast<const uintptr_t *>(FP);
  uintptr_t Caller = Rec[0], RetPC = Rec[1];
  if (inRuntimeCode(RetPC - 1) || Caller <= FP || Caller + 16 > Hi ||
      !findFrameMap(RetPC, Map))
    return false;
  uintptr_t SpanLo = Caller + intptr_t(Map.Func->SpanLo);
  uintptr_t SpanHi = Caller + intptr_t(Map.Func->SpanHi);
  return FP + 16 <= SpanLo && SpanLo <= SpanHi && SpanHi <= Caller;
}

/// Walks Gp's stack from SP, with FP its innermost frame record, segment
/// by segment, and hands every word to Conservative(Lo, Hi, Go, RetPC) or,
/// for a Go frame stopped in a call with a stack map (stkmap.cpp), the
/// frame to Precise(FrameFP, Map). A Go frame stopped in a call without
/// one (a function without a table, or a runtime entry point abi.def
/// flags NoStackMap) is scanned conservatively. A record is {caller's
/// record, return address}; the words from the record below up to a
/// record (included) are its function's, the function the record below
/// returns into (Go says whether that is compiled Go code, RetPC is that
/// return address).
/// The innermost words (below FP) are the runtime's: gort_mcall's,
/// gcStart's or entersyscall's. The callee-saved registers a function
/// saves hold its callers' values: on AArch64 they lie above its record
/// and count as the caller's; on x86-64 they are pushed below it and count
/// as its own. A frame with shadow slots (abi::StackMapShadow) keeps every
/// pointer it still uses in a slot its map lists: of its words outside
/// them, only its outgoing arguments when its callee has no map (a
/// runtime function may read a pointer there) and, on x86-64, the
/// registers it saved when its caller has none are scanned,
/// conservatively. Of a frame mapped with relocations
/// (-gortc-shadow-slots=false), the words outside its map's span
/// [SpanLo, SpanHi) -- the callee-saved registers it saved, its outgoing
/// arguments, and on AArch64 its callee's saved registers -- are scanned
/// conservatively, as registers may hold its pointers there
/// (codegen/stack_maps.cpp), but for its dead slots. A register fence
/// (asm_*.S) is a runtime frame whose saved registers lie above its
/// record, as AArch64's do: its caller's callee's.
template <class ConservativeFn, class PreciseFn>
void walkStackFrames(G *Gp, uintptr_t FP, uintptr_t SP,
                     ConservativeFn Conservative, PreciseFn Precise) {
  bool Go = false;
  uintptr_t RetPC = 0;
  uintptr_t Lo = SP;
  // The words of the last mapped frame that lie outside its span and
  // that the map speaks for (AArch64 puts spill slots and stack objects in
  // the padding of the callee-saved area, above the frame record): its
  // dead slots and its stack objects, which Precise's caller scans if they
  // are live. In address order; the conservative scan passes over them.
  constexpr unsigned MaxSkip = 12;
  struct Range {
    uintptr_t Lo, Hi;
  } Skip[MaxSkip];
  unsigned NumSkip = 0, NextSkip = 0;
  auto Scan = [&](uintptr_t From, uintptr_t To) {
    for (; NextSkip < NumSkip && Skip[NextSkip].Lo < To; NextSkip++)
      if (Skip[NextSkip].Hi > From) {
        if (Skip[NextSkip].Lo > From)
          Conservative(From, Skip[NextSkip].Lo, Go, RetPC);
        From = Skip[NextSkip].Hi;
      }
    if (From < To)
      Conservative(From, To, Go, RetPC);
  };
  auto AddSkip = [&](uintptr_t At, uintptr_t End) {
    if (NumSkip == MaxSkip)
      return; // scanned conservatively: safe
    for (unsigned K = 0; K < NumSkip; K++)
      if (Skip[K].Lo < End && At < Skip[K].Hi)
        return;             // overlaps one (two objects sharing a slot)
    unsigned K = NumSkip++; // insertion sort: a few entries
    for (; K > 0 && Skip[K - 1].Lo > At; K--)
      Skip[K] = Skip[K - 1];
    Skip[K] = {At, End};
  };
  for (StackSeg *S = Gp->Seg; S; S = S->Prev) {
    if (S != Gp->Seg)
      Lo = S->SavedSP;
    NumSkip = NextSkip = 0;
    uintptr_t Hi = uintptr_t(S);
    // Whether the frame below the current one (its callee) was scanned
    // by a map.
    bool CalleeMapped = false;
    while (FP >= Lo && FP + 16 <= Hi) {
      Scan(Lo, FP + 16);
      const uintptr_t *Rec = reinterpret_cast<const uintptr_t *>(FP);
      uintptr_t Caller = Rec[0];
      RetPC = Rec[1];
      Go = !inRuntimeCode(RetPC - 1);
      Lo = FP + 16;
      FrameMap Map;
      bool Mapped = false;
      if (mappedFrame(FP, Hi, Map)) {
        uintptr_t SpanLo = Caller + intptr_t(Map.Func->SpanLo);
        uintptr_t SpanHi = Caller + intptr_t(Map.Func->SpanHi);
        Mapped = true;
        if (Map.Func->Flags & abi::StackMapShadow) {
          // Every pointer the frame still uses is in a slot its map
          // lists. Below its span: on AArch64 its callee's saved
          // registers, which hold its own values (so dead, or in slots),
          // then its outgoing arguments, which a callee without a map may
          // still read.
          uintptr_t Out = SpanLo - uintptr_t(Map.Func->Flags >> 1) * 8;
          if (!CalleeMapped)
            Scan(Out > Lo ? Out : Lo, SpanLo);
        } else {
          Scan(Lo, SpanLo);
        }
        Precise(Caller, Map);
        Lo = SpanHi;
        NumSkip = NextSkip = 0;
        const int32_t *All = Map.slots();
        const int32_t *Live = All + Map.Call->FirstSlot;
        for (uint32_t I = 0; I < Map.Func->NumSlots; I++) {
          uintptr_t At = Caller + intptr_t(All[I]);
          bool Dead = At >= SpanHi && !(All[I] & 1); // not an object's
          for (uint32_t J = 0; Dead && J < Map.Call->NumSlots; J++)
            Dead = Live[J] != All[I];
          if (Dead)
            AddSkip(At, At + sizeof(uintptr_t));
        }
        const abi::StackMapObject *Objects = Map.objects();
        for (uint32_t I = 0; I < Map.Func->NumObjects; I++) {
          uintptr_t At = Caller + intptr_t(Objects[I].Off);
          if (At >= SpanHi)
            AddSkip(At, At + alignUp(Objects[I].Size, 8));
        }
#if defined(__x86_64__)
        // The callee-saved registers the frame pushed under its record
        // (at most 5: rbx, r12-r15) hold its caller's values: they need
        // scanning unless the caller is a frame with shadow slots too.
        if ((Map.Func->Flags & abi::StackMapShadow) && Lo == Caller) {
          FrameMap Next;
          if (!mappedFrame(Caller, Hi, Next) ||
              !(Next.Func->Flags & abi::StackMapShadow)) {
            uintptr_t Saved = Caller - savedRegisters(Map) * sizeof(uintptr_t);
            Scan(Saved > SpanLo ? Saved : SpanLo, Caller);
          }
        }
#endif
      }
      CalleeMapped = Mapped;
      FP = Caller;
    }
    Scan(Lo, Hi);
  }
}

/// The stack objects of a goroutine's mapped frames during one scan of
/// its stack (gc: stackScanState): each is scanned once, if its frame's
/// map says the code still uses it after the call the frame is stopped
/// in, or if a scanned word points into it (a live pointer, a word of a
/// frame scanned conservatively, or of another object scanned). A dead
/// object's stale pointers keep nothing alive. Kept on the scanning
/// M (M::StackScan); a stack with more objects than fit has all of them
/// scanned, as if live.
struct StackObjects {
  static constexpr unsigned Capacity = 256;
  struct Object {
    uintptr_t Lo;
    uint32_t Size; // rounded up to words
    bool Live, Scanned;
  };
  Object Objs[Capacity];
  unsigned Num;
  bool Overflow;
  /// Bounds of all objects, to reject most words at once.
  uintptr_t Lo, Hi;

  void reset() {
    Num = 0;
    Overflow = false;
    Lo = UINTPTR_MAX;
    Hi = 0;
  }

  /// Records the objects of a frame stopped in the call Map describes.
  void addFrame(uintptr_t FP, const FrameMap &Map) {
    const abi::StackMapObject *Objects = Map.objects();
    const int32_t *Entries = Map.slots() + Map.Call->FirstSlot;
    for (uint32_t I = 0; I < Map.Func->NumObjects; I++) {
      if (Num == Capacity) {
        Overflow = true;
        return;
      }
      bool Live = false;
      for (uint32_t J = 0; J < Map.Call->NumSlots && !Live; J++)
        Live = Entries[J] == (Objects[I].Off | 1);
      uintptr_t At = FP + intptr_t(Objects[I].Off);
      uint32_t Size = uint32_t(alignUp(Objects[I].Size, 8));
      Objs[Num++] = {At, Size, Live, false};
      Lo = At < Lo ? At : Lo;
      Hi = At + Size > Hi ? At + Size : Hi;
    }
  }

  /// Sorts the objects by address; objects at one address (the frame
  /// shares a slot between two whose lifetimes do not overlap) become
  /// one, as large as the larger and live if either is.
  void sort() {
    heapSort(Objs, Num,
             [](const Object &A, const Object &B) { return A.Lo < B.Lo; });
    unsigned Out = 0;
    for (unsigned I = 0; I < Num; I++) {
      if (Out && Objs[Out - 1].Lo == Objs[I].Lo) {
        Object &Prev = Objs[Out - 1];
        Prev.Size = Prev.Size > Objs[I].Size ? Prev.Size : Objs[I].Size;
        Prev.Live |= Objs[I].Live;
        continue;
      }
      Objs[Out++] = Objs[I];
    }
    Num = Out;
  }

  /// Marks live the object word P points into, if any.
  void reach(uintptr_t P) {
    if (P < Lo || P >= Hi)
      return;
    unsigned I = 0, N = Num; // the last object starting at or below P
    while (N - I > 1) {
      unsigned Mid = I + (N - I) / 2;
      if (Objs[Mid].Lo <= P)
        I = Mid;
      else
        N = Mid;
    }
    if (Num && Objs[I].Lo <= P && P < Objs[I].Lo + Objs[I].Size)
      Objs[I].Live = true;
  }

  /// reach() for every word of [From, To).
  void note(uintptr_t From, uintptr_t To) {
    for (uintptr_t A = alignUp(From, 8); A + 8 <= To; A += 8)
      reach(*reinterpret_cast<const uintptr_t *>(A));
  }
};

/// Scans Gp's stack from SP, FP its innermost frame record: every Go
/// frame stopped in a call with a map by its live slots and the stack
/// objects live or reached (StackObjects), everything else of the stack
/// conservatively (walkStackFrames). Mode(Precise, Go, RetPC) is told
/// before each part what it is (the checkmark pass checks leniently
/// where the scan is conservative).
template <class Scanner, class ModeFn>
void scanGoStack(Scanner &Mk, G *Gp, uintptr_t FP, uintptr_t SP, ModeFn Mode) {
  M *Mp = getg()->Mp;
  if (!Mp->StackScan)
    Mp->StackScan = persistentalloc(sizeof(StackObjects), 8);
  StackObjects &SO = *static_cast<StackObjects *>(Mp->StackScan);
  SO.reset();
  if (haveStackMaps()) {
    walkStackFrames(
        Gp, FP, SP, [](uintptr_t, uintptr_t, bool, uintptr_t) {},
        [&](uintptr_t Frame, const FrameMap &Map) {
          if (!SO.Overflow)
            SO.addFrame(Frame, Map);
        });
    SO.sort();
  }
  walkStackFrames(
      Gp, FP, SP,
      [&](uintptr_t Lo, uintptr_t Hi, bool Go, uintptr_t RetPC) {
        Mode(false, Go, RetPC);
        Mk.scanblock(Lo, Hi);
        SO.note(Lo, Hi);
      },
      [&](uintptr_t Frame, const FrameMap &Map) {
        Mode(true, true, 0);
        const int32_t *Entries = Map.slots() + Map.Call->FirstSlot;
        for (uint32_t I = 0; I < Map.Call->NumSlots; I++) {
          if (Entries[I] & 1)
            continue; // a live object's entry
          uintptr_t At = Frame + intptr_t(Entries[I]);
          Mk.scanblock(At, At + sizeof(uintptr_t));
          SO.note(At, At + sizeof(uintptr_t));
        }
        if (!SO.Overflow)
          return;
        Mode(false, true, 0); // see below
        const abi::StackMapObject *Objects = Map.objects();
        for (uint32_t I = 0; I < Map.Func->NumObjects; I++) {
          uintptr_t At = Frame + intptr_t(Objects[I].Off);
          Mk.scanblock(At, At + alignUp(Objects[I].Size, 8));
        }
      });
  if (SO.Overflow)
    return;
  // The checkmark pass checks objects leniently: one live at a call may
  // hold words not written yet, stale (a runtime call's result buffer, a
  // slot another variable used before, or one a conservative word
  // reached), which the mark rightly did not follow when it scanned the
  // stack at another call.
  Mode(false, true, 0);
  for (bool Again = true; Again;) {
    Again = false;
    for (unsigned I = 0; I < SO.Num; I++) {
      StackObjects::Object &O = SO.Objs[I];
      if (!O.Live || O.Scanned)
        continue;
      O.Scanned = Again = true;
      Mk.scanblock(O.Lo, O.Lo + O.Size);
      SO.note(O.Lo, O.Lo + O.Size);
    }
  }
}

/// The checkmark pass's scan of Gp's stack (scanGoStack): the words
/// of each frame are checked strictly if the frame's code is compiled Go
/// (or a wrapper), leniently if it is the runtime's (Marker::Lenient), so
/// that a Go caller's registers saved by a runtime function on x86-64 are
/// checked leniently there. With stack maps, only the live slots maps
/// name are checked strictly: a Go frame scanned conservatively (stopped
/// where it has no map, or outside its span) may hold dead pointers that
/// the mark's precise scans rightly skipped, and so may stack objects
/// (scanGoStack).
void checkStack(Marker &Mk, G *Gp, uintptr_t FP, uintptr_t SP) {
  Mk.CheckG = Gp;
  bool Maps = haveStackMaps();
  scanGoStack(Mk, Gp, FP, SP, [&](bool Precise, bool Go, uintptr_t RetPC) {
    Mk.Lenient = !Precise && (!Go || Maps);
    if (!Precise)
      Mk.CheckFramePC = RetPC;
  });
  Mk.Lenient = false;
  Mk.CheckG = nullptr;
}

/// Scans Gp's stack, every segment from where it was left, with a Marker
/// or a Shader (below).
template <class Scanner>
void markStack(Scanner &Mk, G *Gp, G *Self, uintptr_t SelfSP) {
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
    fatal("gc: scanning the stack of a running goroutine");
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
  // The innermost frame record: entersyscall saved its own as SyscallSP.
  uintptr_t FP = Gp == Self           ? selfFrame(Gp)
                 : Status == GSyscall ? SP
                                      : Gp->Sched.BP;
  if (Mk.Check) {
    checkStack(Mk, Gp, FP, SP);
    return;
  }
  scanGoStack(Mk, Gp, FP, SP, [](bool, bool, uintptr_t) {});
  // The defer records in frames: a function's code no longer uses its
  // record after gort_deferproc took it, so its stack map says the record
  // is dead, but the deferred call is still to run.
  for (Defer *D = Gp->Defers; D; D = D->Link)
    if (!D->Heap)
      Mk.scanblock(uintptr_t(D), uintptr_t(D + 1));
}

/// Scans the runtime's records that Gp points to and that the runtime
/// changes without write barriers: the G itself (its Param, Waiting,
/// Defers... fields), its heap defer records and the sudogs it waits on.
/// A stop-the-world mark reaches them through the heap anyway; a
/// concurrent one scans them with the G's stack, while the G is stopped
/// (gc scans the same records with each stack in markrootFreeGStacks and
/// scanstack).
template <class Scanner> void markGRecords(Scanner &Mk, G *Gp) {
  Mk.scanblock(uintptr_t(Gp), uintptr_t(Gp + 1));
  for (Defer *D = Gp->Defers; D; D = D->Link)
    if (D->Heap)
      Mk.scanblock(uintptr_t(D),
                   uintptr_t(D) + sizeof(Defer) + abi::DeferInlineSize);
  for (Sudog *S = Gp->Waiting; S; S = S->WaitLink)
    Mk.scanblock(uintptr_t(S), uintptr_t(S + 1));
}

//===--- Stacks of a concurrent mark --------------------------------------===//
//
// A concurrent mark's start scans only the stacks of the goroutines that
// can run without passing through the scheduler: its own and those in
// system calls. Every other goroutine is stopped at a safepoint, and its
// stack (with its records, markGRecords) is scanned once before it runs
// again (gc: markroot's stack jobs, scanstack at a safepoint): by a helper
// that claims it from the list of all Gs, or by the M about to run it
// (execute, gcScanBeforeResume), which shades the stack's words as a
// write barrier would. A claim is a compare-and-swap of G::StackScan to
// this cycle's StackScanGen with StackScanBusy set, so exactly one scanner
// scans each stack and an M that finds the bit waits for it. After its
// scan a stack is black: the barrier's deletion half shades what the
// goroutine overwrites in the heap (gc's hybrid barrier needs no stack
// rescans). A goroutine started during the mark has nothing to scan; its
// start argument is shaded (gcNewGoroutine). The mark cannot end with a
// stack unscanned: StacksPending counts the Gs on allgs at the start not
// scanned yet, and helpers count it as work (Marker::idleWait). The start's
// pause no longer grows with the number of goroutines.

constexpr uint32_t StackScanBusy = 1u << 31;
/// This cycle's mark generation for G::StackScan (never 0, Busy clear).
uint32_t StackScanGen;
/// Gs on allgs at the mark's start whose stacks are not scanned (atomic).
uint32_t StacksPending;
/// The helpers' walk over allgs: the last G it passed (null before the
/// first).
Mutex StackCursorLock;
G *StackCursor;

bool stacksPending() { return atomic::load(&StacksPending) != 0; }

/// Claims Gp's stack for this cycle's scan; false if it is scanned or
/// being scanned.
bool claimStack(G *Gp) {
  uint32_t Gen = atomic::load(&StackScanGen);
  uint32_t V = atomic::load(&Gp->StackScan);
  if ((V & ~StackScanBusy) == Gen)
    return false;
  return atomic::cas(&Gp->StackScan, V, Gen | StackScanBusy);
}

void finishStack(G *Gp) {
  atomic::store(&Gp->StackScan, atomic::load(&StackScanGen));
  atomic::xadd(&StacksPending, ~0u);
}

/// Waits while another scanner holds Gp's stack; returns once it is
/// scanned, or claimed by the caller (true).
bool claimOrWait(G *Gp) {
  uint32_t Gen = atomic::load(&StackScanGen);
  for (;;) {
    if (claimStack(Gp))
      return true;
    if (atomic::load(&Gp->StackScan) == Gen)
      return false;
    osyield();
  }
}

/// The next G on allgs the helpers' walk can claim, claimed; or null.
G *claimNextStack() {
  lock(&StackCursorLock);
  G *Gp = nullptr;
  while (G *Next = allgnext(StackCursor)) {
    StackCursor = Next;
    if (claimStack(Next)) {
      Gp = Next;
      break;
    }
  }
  unlock(&StackCursorLock);
  return Gp;
}

/// Scans a claimed G: its stack and records; and shrinks its stack, as
/// shrinkStacks does for every G in a cycle that stops the world. Self and
/// SelfSP as for markStack (the mark start's own goroutine).
template <class Scanner>
void scanClaimedStack(Scanner &Mk, G *Gp, G *Self = nullptr,
                      uintptr_t SelfSP = 0) {
  markStack(Mk, Gp, Self, SelfSP);
  markGRecords(Mk, Gp);
  shrinkStack(Gp);
  finishStack(Gp);
}

uint32_t scanSomeStacks(Marker &Mk) {
  // A batch: each call costs a helper a trip through idleWait.
  uint32_t N = 0;
  for (; N < 64 && Mk.Len < 1024; N++) {
    G *Gp = claimNextStack();
    if (!Gp)
      break;
    scanClaimedStack(Mk, Gp);
  }
  return N;
}

/// The mark start's part (world stopped).
void beginStackScans(Marker &Mk, G *Self, uintptr_t SelfSP) {
  uint32_t Gen = (StackScanGen + 1) & ~StackScanBusy;
  atomic::store(&StackScanGen, Gen ? Gen : 1);
  atomic::store(&StacksPending, allglen());
  StackCursor = nullptr;
  if (Self && claimStack(Self))
    scanClaimedStack(Mk, Self, Self, SelfSP);
  // A goroutine in a system call returns to Go code without execute.
  for (M *Mp = allm(); Mp; Mp = Mp->AllLink)
    if (G *Gp = Mp->CurG; Gp && readgstatus(Gp) == GSyscall && claimStack(Gp))
      scanClaimedStack(Mk, Gp, Self, SelfSP);
}

/// Scans every root with Mk (gc: markroot): the writable segments, the
/// Ms, g0s and Ps, the goroutines' stacks, the finalizers' objects. A
/// stop-the-world mark drains Mk's stack as it goes (Drain). A concurrent
/// mark's start does not: it scans only the stacks beginStackScans names,
/// and the timer heap, and leaves the grey objects to the mark workers.
void markRoots(Marker &Mk, G *Self, uintptr_t SelfSP, bool Drain = true) {
  RootMarker = &Mk;
  forEachWritableSegment(scanDataSegment);
  if (Drain)
    Mk.drain();
  for (M *Mp = allm(); Mp; Mp = Mp->AllLink) {
    Mk.scanblock(uintptr_t(Mp), uintptr_t(Mp + 1));
    if (G *G0p = Mp->G0)
      Mk.scanblock(uintptr_t(G0p), uintptr_t(G0p + 1));
    if (Drain)
      Mk.drain();
  }
  for (int32_t I = 0; I < MaxGomaxprocs; I++)
    if (P *Pp = AllP[I]) {
      Mk.scanblock(uintptr_t(Pp), uintptr_t(Pp + 1));
      if (Drain)
        Mk.drain();
    }
  if (Drain) {
    for (G *Gp = allgs(); Gp; Gp = Gp->AllLink) {
      markStack(Mk, Gp, Self, SelfSP);
      Mk.drain();
    }
  } else {
    beginStackScans(Mk, Self, SelfSP);
  }
  if (!Drain)
    timerRoots(scanRoot);
  finalizerRoots(scanRoot);
  RootMarker = &Main;
}

/// How long the last helper of a concurrent mark leaves its termination
/// to the program before it wakes the terminator goroutine.
constexpr int64_t TerminatorDelayNs = 200 * 1000;
/// How long it then waits for the terminator to end the mark, to sweep
/// after it.
constexpr int64_t SweepWaitNs = 10 * 1000 * 1000;

/// The helper that finished a concurrent mark last ends it: the mark
/// terminator goroutine, or the next allocation that may stop the world,
/// terminates it (mgc.cpp).
void concurrentMarkDone(uint32_t Gen) {
  uint32_t Phases = atomic::load(&GCStat.Phases);
  atomic::store(&GCStat.MarkDone, 1u);
  atomic::store(&GCStat.Pending, 1u);
  gcWakeAssists();
  // Until the mark is terminated, or the termination asks the helpers to
  // drain what is left (a new generation).
  auto Waiting = [&] {
    return atomic::load(&GCStat.Phases) == Phases &&
           atomic::load(&Shared.Gen) == Gen;
  };
  // A goroutine that allocates sees Pending and terminates the mark at
  // once. Waking the terminator hands it a P, and the OS may take
  // milliseconds to run its thread while a stop of the world waits for
  // that P (measured on binarytrees: 1-6 ms terminations). So the
  // program has a moment to terminate first; one that does not
  // allocate has its mark terminated 0.2 ms later.
  int64_t Until = nanotime() + TerminatorDelayNs;
  while (Waiting() && nanotime() < Until)
    usleep(20);
  if (Waiting()) {
    gcWakeTerminator();
    Until = nanotime() + SweepWaitNs;
    while (Waiting() && nanotime() < Until)
      usleep(100);
  }
  // This thread is awake and has a CPU: it sweeps in the background
  // (gc: bgsweep) until the sweep is done or the next mark begins.
  if (atomic::load(&GCStat.Phases) != Phases)
    gcBackgroundSweep(&Shared.Gen, Gen);
}

/// A helper thread's life (gc: gcBgMarkWorker, here on an M of its own
/// without a P, as sysmon): sleep until a mark starts, mark with the
/// others until it is done, report. Helper Index takes part in a mark if
/// Index < Shared.Active.
void gcHelper() {
  lock(&Sched.Lock);
  Sched.NMSys++;
  unlock(&Sched.Lock);
  uint32_t Index = atomic::xadd(&Shared.Registered, 1u) - 1;
  Marker W;
  W.Parallel = true;
  uint32_t Seen = 0;
  for (;;) {
    uint32_t Gen;
    while ((Gen = atomic::load(&Shared.Gen)) == Seen)
      futexsleep(&Shared.Gen, Seen, -1);
    Seen = Gen;
    if (Index >= atomic::load(&Shared.Active))
      continue;
    W.Marked = 0;
    int64_t Start = nanotime();
    if (W.idleWait()) // entered counted idle
      W.drainShared();
    // A stop-the-world mark's time is its pause's (mgclimit.cpp). Before
    // Done: the termination reads the cycle's time once all are done.
    if (Shared.Concurrent)
      gcCPUAdd(GCCPUKind::Mark, nanotime() - Start);
    atomic::xadd(&Shared.Marked, W.Marked);
    if (atomic::xadd(&Shared.Done, 1u) == atomic::load(&Shared.Active) &&
        Shared.Concurrent)
      concurrentMarkDone(Seen);
  }
}

/// At most this many helper threads.
constexpr int32_t MaxMarkHelpers = 7;

/// Starts helpers until there are N.
void startHelpersUpTo(uint32_t N) {
  while (Shared.NHelpers < N) {
    newSystemM(gcHelper);
    Shared.NHelpers++;
  }
}

/// How many helpers a stop-the-world mark has: one fewer than the CPUs
/// the program may use, as gc runs a mark worker per P; started when
/// first needed.
uint32_t startHelpers() {
  int32_t Procs = atomic::load(&Gomaxprocs);
  int32_t Want = (Procs < Ncpu ? Procs : Ncpu) - 1;
  if (Want > MaxMarkHelpers)
    Want = MaxMarkHelpers;
  if (Want <= 0 || Debug.GCSerial)
    return 0;
  startHelpersUpTo(uint32_t(Want));
  return uint32_t(Want);
}

/// Starts a generation of marking for the first Active helpers, with
/// NWorkers markers in all.
void startGen(uint32_t Active, uint32_t NWorkers, bool Concurrent) {
  Shared.NWorkers = NWorkers;
  Shared.Concurrent = Concurrent;
  atomic::store(&Shared.Active, Active);
  atomic::store(&Shared.NIdle, Active);
  atomic::store(&Shared.Done, 0u);
  atomic::xadd(&Shared.Gen, 1u);
  futexwakeup(&Shared.Gen, Shared.NHelpers);
}

/// Waits until the helpers of the current generation have reported.
void waitHelpers() {
  while (atomic::load(&Shared.Done) != atomic::load(&Shared.Active))
    osyield();
}

/// The assists' marker, one assist at a time.
Mutex AssistLock;
Marker Assist;

/// Moves the objects the write barriers of Mp shaded to Mk.
void takeWBBuf(Marker &Mk, M *Mp) {
  for (uint32_t I = 0; I < Mp->WBLen; I++)
    Mk.push(Mp->WBBuf[2 * I], Mp->WBBuf[2 * I + 1]);
  Mp->WBLen = 0;
}

/// A write barrier's buffer is full: its objects go to the workers.
__attribute__((noinline)) void flushWBBuf(M *Mp) {
  WorkBlock *B = newBlock();
  B->N = Mp->WBLen;
  for (uint32_t I = 0; I < Mp->WBLen; I++)
    B->Items[I] = WorkItem{Mp->WBBuf[2 * I], Mp->WBBuf[2 * I + 1]};
  Mp->WBLen = 0;
  pushBlock(B);
}

/// Greys the object V points into, if it is a white heap object (gc:
/// shade). On the mutator's side of a concurrent mark: the object goes
/// to this M's buffer. Mark bits are shared with the workers, so they
/// are set with an atomic or.
__attribute__((always_inline)) inline void shade(M *Mp, uintptr_t V) {
  if (V - HeapLo >= HeapHi - HeapLo)
    return;
  MSpan *S = spanOf(V);
  if (!S || S->State != MSpanState::InUse || V >= S->Limit)
    return;
  uintptr_t Idx = S->objIndex(V);
  if (S->isMarked(Idx) || S->isFree(Idx) || !S->tryMark(Idx))
    return;
  Mp->GCMarked += S->ElemSize;
  if (spanClassNoscan(S->Class))
    return;
  uintptr_t Obj = S->base() + Idx * S->ElemSize;
  uint64_t Mask = 0;
  if (spanClassSizeClass(S->Class) != 0 && objectMask(S, Obj, &Mask) &&
      Mask == 0)
    return;
  if (Mp->WBLen == sizeof(Mp->WBBuf) / sizeof(Mp->WBBuf[0]) / 2)
    flushWBBuf(Mp);
  Mp->WBBuf[2 * Mp->WBLen] = Obj;
  Mp->WBBuf[2 * Mp->WBLen + 1] = Mask;
  Mp->WBLen++;
}

/// gccheckmark's preparation of a concurrent mark (stackClearBelow): the
/// dead parts of the stacks of goroutines stopped at a safepoint. The
/// cycle's own goroutine is in gcStart's call of systemstack, whose return
/// address and saved registers are the four words just below SelfSP on
/// both targets (asm_amd64.S, asm_arm64.S).
void clearDeadStacks(G *Self, uintptr_t SelfSP) {
  for (G *Gp = allgs(); Gp; Gp = Gp->AllLink) {
    uint32_t Status = readgstatus(Gp);
    if (!Gp->Seg)
      continue;
    if (Gp == Self)
      stackClearBelow(Gp, SelfSP - 32);
    else if (Status == GRunnable || Status == GWaiting)
      stackClearBelow(Gp, Gp->Sched.SP);
  }
}

/// Sets the heap's address bounds for the markers.
bool setHeapBounds() {
  if (!Heap.ArenaFirst)
    return false;
  HeapLo = Heap.ArenaFirst->Base;
  HeapHi = Heap.ArenaLast->Base + HeapArenaBytes;
  return true;
}

/// The end of every mark: checkmark, then the finalizers' step 2 and the
/// memory profile's cycle.
void finishMark(G *Self, uintptr_t SelfSP) {
  if (Debug.GCCheckmark)
    gcCheckmark(Self, SelfSP);
  queueDeadFinalizers(isMarkedObject, markLive);
  mProfCycle(isMarkedObject); // after the finalizers kept their objects
}

/// Main drains with the helpers of a generation begun with startGen (or
/// alone without helpers) until the whole mark is done, and collects the
/// helpers' marked bytes.
void drainWithHelpers(uint32_t Helpers) {
  if (Helpers) {
    Main.Parallel = true;
    Main.drainShared();
    waitHelpers();
    Main.Marked += atomic::xchg(&Shared.Marked, uint64_t(0));
    Main.Parallel = false;
  } else {
    while (Main.take())
      ;
    Main.drain();
  }
}

} // namespace

void initGCRoots(const abi::GCRoot *Begin, const abi::GCRoot *End) {
  uintptr_t N = uintptr_t(End - Begin);
  auto **V = static_cast<const abi::GCRoot **>(
      persistentalloc((N ? N : 1) * sizeof(void *), 8));
  for (uintptr_t I = 0; I < N; I++)
    V[I] = Begin + I;
  // By address: the linker lays the entries out in about their
  // variables' order, but nothing promises it.
  heapSort(V, N, [](const abi::GCRoot *A, const abi::GCRoot *B) {
    return A->Addr < B->Addr;
  });
  for (uintptr_t I = 1; I < N; I++)
    if (V[I - 1]->Addr + V[I - 1]->Size > V[I]->Addr)
      fatal("gc: two variables of the root table overlap");
  Roots = V;
  NumRoots = N;
}

uint64_t gcMark(G *Self, uintptr_t SelfSP) {
  if (!setHeapBounds())
    return 0;
  Main.Marked = 0;
  Main.Len = 0;
  // Helpers start counted idle and take work as the roots' objects are
  // shared; every helper started takes part (extra ones, when GOMAXPROCS
  // went down, find the mark done at once).
  uint32_t Helpers = Self ? startHelpers() : 0;
  if (Helpers)
    startGen(Shared.NHelpers, 1 + Shared.NHelpers, false);
  Main.Parallel = Helpers != 0;
  markRoots(Main, Self, SelfSP);
  drainWithHelpers(Helpers);
  finishMark(Self, SelfSP);
  return Main.Marked;
}

bool gcMarkStart(G *Self, uintptr_t SelfSP) {
  // gc's dedicated mark workers take a quarter of the Ps; here helper
  // threads without a P do, at least one, which needs a CPU to itself
  // to be worth it.
  int32_t Procs = atomic::load(&Gomaxprocs);
  int32_t CPUs = Procs < Ncpu ? Procs : Ncpu;
  uint32_t Workers = uint32_t(CPUs + 3) / 4;
  if (Ncpu < 2 || Debug.GCSerial || !setHeapBounds())
    return false;
  startHelpersUpTo(Workers);
  Main.Marked = 0;
  Main.Len = 0;
  Main.Parallel = false;
  atomic::store(&Shared.Marked, uint64_t(0));
  if (Debug.GCCheckmark)
    clearDeadStacks(Self, SelfSP);
  markRoots(Main, Self, SelfSP, /*Drain=*/false);
  Main.shareAll();
  StartWorkers = Workers;
  return true;
}

void gcMarkStartWorkers() { startGen(StartWorkers, StartWorkers, true); }

uint64_t gcMarkTerminate(G *Self, uintptr_t SelfSP) {
  // The concurrent workers finish first (they have when MarkDone is set;
  // otherwise the heap outgrew its goal and this pause waits for them).
  // They end only once every stack is scanned.
  waitHelpers();
  if (stacksPending())
    fatal("gc: a stack left unscanned at the mark's termination");
  uint64_t Marked = Main.Marked + atomic::xchg(&Shared.Marked, uint64_t(0));
  Main.Marked = 0;
  lock(&AssistLock);
  Assist.shareAll();
  Marked += Assist.Marked;
  Assist.Marked = 0;
  unlock(&AssistLock);
  for (M *Mp = allm(); Mp; Mp = Mp->AllLink) {
    takeWBBuf(Main, Mp);
    Marked += Mp->GCMarked;
    Mp->GCMarked = 0;
  }
  // What is left: the barriers' objects and blocks shared after the
  // workers finished. With the world stopped, every marker drains, unless
  // there is little: waking the helpers can take the OS longer than the
  // work (3 ms on binarytrees, whose terminations otherwise take 0.1 ms).
  setHeapBounds();
  uint32_t Helpers =
      Main.Len + atomic::load(&Shared.NFull) * BlockItems > 4 * BlockItems
          ? startHelpers()
          : 0;
  if (Helpers)
    startGen(Shared.NHelpers, 1 + Shared.NHelpers, false);
  drainWithHelpers(Helpers);
  Main.Marked += Marked;
  finishMark(Self, SelfSP);
  return Main.Marked;
}

namespace {
void gcAssistM(void *Arg) {
  bool &Worked = *static_cast<bool *>(Arg);
  if (!tryLock(&AssistLock))
    return;
  // Ask the workers to share, and give a running one time to.
  atomic::store(&Shared.AssistWant, 1u);
  for (int I = 0; I < 64 && atomic::load(&Shared.NFull) == 0; I++)
    procyield(10);
  bool Took = Assist.take(/*Assisting=*/true);
  if (!Took && stacksPending()) {
    // Stacks no helper has scanned yet (gc's assists take root jobs too).
    // Busy first: the helpers must not find the mark done while this
    // marker holds what the stacks greyed.
    lock(&Shared.Lock);
    atomic::store(&Shared.AssistBusy, 1u);
    unlock(&Shared.Lock);
    Took = scanSomeStacks(Assist) != 0;
  }
  if (Took) {
    Assist.Parallel = true;
    Assist.drainSome(4 * BlockItems);
    Assist.shareAll();
    Worked = true;
  }
  if (atomic::load(&Shared.AssistBusy)) {
    lock(&Shared.Lock);
    atomic::store(&Shared.AssistBusy, 0u);
    unlock(&Shared.Lock);
  }
  atomic::store(&Shared.AssistWant, 0u);
  unlock(&AssistLock);
}
} // namespace

bool gcAssist() {
  // The marker's frames are deep: on the system stack (gc: gcAssistAlloc1).
  bool Worked = false;
  onSystemStack(gcAssistM, &Worked);
  return Worked;
}

void gcMarkNewIn(MSpan *S, uintptr_t V) {
  uintptr_t Idx = S->objIndex(V);
  if (!S->isMarked(Idx) && S->tryMark(Idx))
    if (G *Gp = getgOrNull(); Gp && Gp->Mp)
      Gp->Mp->GCMarked += S->ElemSize;
}

void gcMarkNew(void *X) { gcMarkNewIn(spanOfHeap(uintptr_t(X)), uintptr_t(X)); }

namespace {
/// Scans a block as a write barrier would: each word that points into a
/// white object greys it in M's buffer (markStack and markGRecords for an
/// M about to run a goroutine).
struct Shader {
  M *Mp;
  bool Check = false;
  void scanblock(uintptr_t Lo, uintptr_t Hi) {
    for (uintptr_t A = alignUp(Lo, 8); A + 8 <= Hi; A += 8)
      shade(Mp, *reinterpret_cast<const uintptr_t *>(A));
  }
};
void checkStack(Shader &, G *, uintptr_t, uintptr_t) {}
} // namespace

void gcScanBeforeResume(G *Gp) {
  if (!atomic::load(&GCStat.Marking) || !claimOrWait(Gp))
    return;
  Shader Sh{getg()->Mp};
  scanClaimedStack(Sh, Gp);
}

void gcNewG(G *Gp) {
  atomic::store(&Gp->StackScan, atomic::load(&StackScanGen));
}

void gcNewGoroutine(G *Gp) {
  if (!atomic::load(&GCStat.Marking))
    return;
  // A dead G from before the mark's start is counted in StacksPending:
  // nothing on its stack to scan.
  if (claimOrWait(Gp))
    finishStack(Gp);
  shade(getg()->Mp, uintptr_t(Gp->StartArg));
}

namespace {
/// Shades for a barrier on a thread without an M: none does today.
M *barrierM() {
  G *Gp = getgOrNull();
  if (!Gp || !Gp->Mp)
    fatal("write barrier without an M");
  return Gp->Mp;
}
} // namespace

extern "C" {

uint32_t gort_writeBarrier;

void gort_wb(void *Slot, void *New) {
  M *Mp = barrierM();
  shade(Mp, *static_cast<uintptr_t *>(Slot));
  shade(Mp, uintptr_t(New));
}

void gort_wbmove(void *Dst, const void *Src, uint64_t N) {
  uintptr_t D = uintptr_t(Dst);
  // Only heap objects that may hold pointers need it: the mark start
  // scanned stacks and globals, and noscan spans hold no pointers.
  MSpan *S = spanOf(D);
  if (!S || S->State != MSpanState::InUse || spanClassNoscan(S->Class))
    return;
  M *Mp = barrierM();
  uintptr_t Lo = alignUp(D, 8);
  for (uintptr_t A = Lo; A + 8 <= D + N; A += 8)
    shade(Mp, *reinterpret_cast<const uintptr_t *>(A));
  if (Src) {
    uintptr_t From = uintptr_t(Src) + (Lo - D);
    for (uintptr_t A = From; A + 8 <= uintptr_t(Src) + N; A += 8)
      shade(Mp, *reinterpret_cast<const uintptr_t *>(A));
  }
}

} // extern "C"

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
