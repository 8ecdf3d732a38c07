//===- runtime/mfinal.cpp - Finalizers: the table and the collector -------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// runtime.SetFinalizer(obj, f) asks that f(obj) run once obj has become
// unreachable. This file keeps the finalizers that are set and decides,
// with the collector, when one is due; mfinal_fing.cpp checks
// SetFinalizer's arguments and runs the due finalizers on a goroutine of
// their own. The design is gc's (mfinal.go; the "specials" of mheap.go;
// markrootSpans in mgcmark.go; the specials pass of mgcsweep.go).
//
// Data structures, all outside the collected heap (the collector must not
// see a registered record's Obj as a reference, or nothing would ever be
// finalized):
//   - the finalizer table: a chained hash table from the object pointer to
//     its Finalizer record (gc keeps a sorted list per span instead; a
//     table is simpler and just as fast for the lookups SetFinalizer makes;
//     the collector walks it all either way). Buckets come from sysAlloc
//     and double when the table holds more records than buckets;
//   - the finalizer queue: records whose objects were found unreachable,
//     oldest first, waiting for the finalizer goroutine (gc: finq). The
//     goroutine takes them one at a time, copying each to its stack: a
//     record is a root until the copy on that stack is;
//   - a FixAlloc of records.
// FinLock guards all three.
//
// What a cycle does (mgcmark.cpp calls both hooks, world stopped):
//   1. Roots (finalizerRoots): for each registered finalizer, its function
//      value and types, and everything the object points to -- but not the
//      object itself. The object must stay whole until its finalizer has
//      run, so what it references is kept; it is only "dead" if nothing
//      else reaches it. For each queued record, everything, object
//      included: it is waiting to be passed to its finalizer.
//   2. After marking (queueDeadFinalizers): every registered object left
//      unmarked is unreachable. Its record moves to the queue, and the
//      object is marked so that the sweep keeps it. Its referents were
//      marked in step 1, so it need not be scanned. The next cycle finds
//      it through the queue (step 1) until the finalizer has run; after
//      that, with no finalizer and no references, it is freed like any
//      object.
// Consequences, as in gc: an object reachable from another object with a
// finalizer is finalized at the earliest one cycle after it (finalizers of
// a chain run in dependency order); an object in a cycle of references
// with a finalizer on it is never finalized (its own contents keep it
// marked); a finalizer that stores its argument somewhere resurrects the
// object, which then lives on without a finalizer.
//
// Objects that are not in the heap (globals, the zero-size base) never get
// a record: mfinal_fing.cpp returns before calling addFinalizer, as gc
// does. Obj may point inside an object (a tiny allocation shares its
// 16-byte block); liveness is then the block's.
//
//===----------------------------------------------------------------------===//

#include "runtime/mfinal.h"

#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/mfixalloc.h"
#include "runtime/mheap.h"
#include "runtime/panic.h"

namespace gort {

namespace {

Mutex FinLock;
FixAlloc Records;

Finalizer **Buckets; ///< NBuckets chains (power of two), or null
uintptr_t NBuckets;
uintptr_t NRegistered;

Finalizer *QueueHead, *QueueTail;
uintptr_t NQueued;

uintptr_t bucketOf(uintptr_t Obj) {
  // Objects are at least 8-byte aligned except in tiny blocks: mix the
  // low bits in rather than dropping them.
  uint64_t H = uint64_t(Obj) * 0x9e3779b97f4a7c15ull;
  return uintptr_t(H >> 32) & (NBuckets - 1);
}

/// Doubles the table (or makes its first 256 buckets). FinLock held.
void grow() {
  uintptr_t OldN = NBuckets;
  Finalizer **Old = Buckets;
  NBuckets = OldN ? OldN * 2 : 256;
  Buckets = static_cast<Finalizer **>(sysAlloc(NBuckets * sizeof(Finalizer *)));
  if (!Buckets)
    fatal("runtime: cannot allocate the finalizer table");
  for (uintptr_t I = 0; I < OldN; I++) {
    for (Finalizer *R = Old[I], *Next; R; R = Next) {
      Next = R->Next;
      Finalizer **B = &Buckets[bucketOf(R->Obj)];
      R->Next = *B;
      *B = R;
    }
  }
  if (Old)
    sysFree(Old, OldN * sizeof(Finalizer *));
}

/// The link that points to Obj's record, or to the null ending its chain.
Finalizer **findLink(uintptr_t Obj) {
  Finalizer **L = &Buckets[bucketOf(Obj)];
  while (*L && (*L)->Obj != Obj)
    L = &(*L)->Next;
  return L;
}

} // namespace

bool addFinalizer(const Finalizer &R) {
  lock(&FinLock);
  if (Records.Size == 0)
    Records.init(sizeof(Finalizer));
  if (NRegistered >= NBuckets)
    grow();
  Finalizer **L = findLink(R.Obj);
  if (*L) {
    unlock(&FinLock);
    return false;
  }
  auto *New = static_cast<Finalizer *>(Records.alloc());
  *New = R;
  New->Next = nullptr;
  *L = New;
  NRegistered++;
  unlock(&FinLock);
  return true;
}

void removeFinalizer(uintptr_t Obj) {
  lock(&FinLock);
  if (NBuckets) {
    Finalizer **L = findLink(Obj);
    if (Finalizer *R = *L) {
      *L = R->Next;
      Records.free(R);
      NRegistered--;
    }
  }
  unlock(&FinLock);
}

void finalizerRoots(void (*ScanBlock)(uintptr_t Lo, uintptr_t Hi)) {
  lock(&FinLock);
  for (uintptr_t I = 0; I < NBuckets; I++) {
    for (Finalizer *R = Buckets[I]; R; R = R->Next) {
      ScanBlock(uintptr_t(&R->Fn), uintptr_t(R + 1));
      // The object's contents: its whole span object, as the collector
      // scans it (a pointer-free object's span is noscan: nothing to do).
      MSpan *S = spanOfHeap(R->Obj);
      GORT_ASSERT(S);
      if (spanClassNoscan(S->Class))
        continue;
      uintptr_t Base = S->base() + S->objIndex(R->Obj) * S->ElemSize;
      ScanBlock(Base, S->NElems == 1 ? S->Limit : Base + S->ElemSize);
    }
  }
  for (Finalizer *R = QueueHead; R; R = R->Next)
    ScanBlock(uintptr_t(&R->Obj), uintptr_t(R + 1));
  unlock(&FinLock);
}

uintptr_t queueDeadFinalizers(bool (*IsMarked)(uintptr_t),
                              void (*MarkLive)(uintptr_t)) {
  uintptr_t N = 0;
  Finalizer *FirstNew = nullptr;
  lock(&FinLock);
  for (uintptr_t I = 0; I < NBuckets; I++) {
    for (Finalizer **L = &Buckets[I]; *L;) {
      Finalizer *R = *L;
      if (IsMarked(R->Obj)) {
        L = &R->Next;
        continue;
      }
      *L = R->Next;
      NRegistered--;
      R->Next = nullptr;
      if (QueueTail)
        QueueTail->Next = R;
      else
        QueueHead = R;
      QueueTail = R;
      if (!FirstNew)
        FirstNew = R;
      NQueued++;
      N++;
    }
  }
  // Mark after the walk: several records may share a tiny block, and each
  // must see the block as it was when marking ended.
  for (Finalizer *R = FirstNew; R; R = R->Next)
    MarkLive(R->Obj);
  unlock(&FinLock);
  return N;
}

bool nextFinalizer(Finalizer *Out) {
  lock(&FinLock);
  Finalizer *R = QueueHead;
  if (R) {
    QueueHead = R->Next;
    if (!QueueHead)
      QueueTail = nullptr;
    NQueued--;
    *Out = *R;
    Out->Next = nullptr;
    Records.free(R);
  }
  unlock(&FinLock);
  return R != nullptr;
}

uintptr_t numFinalizers() {
  lock(&FinLock);
  uintptr_t N = NRegistered;
  unlock(&FinLock);
  return N;
}

uintptr_t numQueuedFinalizers() {
  lock(&FinLock);
  uintptr_t N = NQueued;
  unlock(&FinLock);
  return N;
}

} // namespace gort
