//===- runtime/malloc.cpp - Memory allocation -----------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The allocator (gc: malloc.go and design.md "Allocation and GC"): objects
// up to 32 KiB are rounded to one of gc's 67 size classes and carved from
// spans cached per P; larger ones get a span of their own. Layers, each
// with its own design note:
//
//   mallocgc       (here) size class or large, tiny allocator, zeroing
//   MCache         (mcache.cpp) a span per span class per P: no lock
//   MCentral       (mcentral.cpp) per span class, the spans no P holds
//   MHeap          (mheap.cpp) pages in 64 MiB arenas, the arena index
//                  (spanOf), the scavenger
//   MSpan bitmaps  (mspan.h, mbitmap.cpp) which objects of a span are free
//   FixAlloc       (mfixalloc.cpp) MSpan/MCache structures;
//   persistentalloc (here) other metadata that lives forever
//   size classes   (sizeclasses.h) gc 1.19's table
//
// A span class is a size class plus a noscan bit: objects of a type with
// T->PtrData == 0 go to noscan spans, which the collector will not scan;
// everything else, including runtime-internal objects with a null T, goes
// to scan spans.
//
// mallocgc(Size, T, NeedZero):
//   0. Size 0: return &ZeroBase, shared by every zero-size object. If a
//      collection is due (GCStat.Pending, which GORTDEBUG=gcstress keeps
//      set so that gcTrigger counts every allocation), gcTrigger runs it
//      now if this goroutine may be stopped; the new object is not yet
//      allocated, so the collector never sees it half-initialised.
//   1. Mark the M as allocating (gc: acquirem, mallocing): M::Locks++ keeps
//      the scheduler from preempting it (proc.cpp, preemptSlow); a nested
//      mallocgc throws.
//   2. Size > 32 KiB: a large span of ceil(Size / 8 KiB) pages straight
//      from the heap, on the system stack (step 6).
//   3. Pick the cache: the P's MCache, with no lock. An M without a P
//      (runtime threads, test threads, start-up before P 0 exists) or a
//      thread without a g uses the shared NoPCache under NoPCacheLock; gc
//      has no such path (it uses mcache0 at start-up only and throws
//      otherwise), we keep one so code without a P never has to care.
//   4. Noscan and Size < 16 bytes: the tiny allocator. Align the offset in
//      the current 16-byte block (to 8, 4 or 2 by Size's low bits) and take
//      the bytes if they fit; else start a new block from the 16-byte noscan
//      class, zero it, and keep whichever block has more room left. Several
//      tiny objects share one block, which lives as long as any of them.
//   5. Otherwise the size class (SizeToClass8/128), the span class, and the
//      next free object of the cached span: nextFreeFast (a count of
//      trailing zeros on AllocCache), else MCache::nextFree (bitmap search,
//      refill from the MCentral on the system stack). Zero the object if
//      NeedZero and the span may hold old data (MSpan::NeedZero); objects
//      of up to 64 bytes with a few inline stores. For a scan span, record
//      which words hold pointers (heapBitsSetType, mbitmap.cpp).
//   6. Large: MHeap::alloc on the system stack; zero the whole span if
//      NeedZero and its pages were used before (ZeroedBase, mheap.cpp). The
//      span keeps T for the marker (MSpan::LargeType).
//   7. A store-store barrier (gc: publicationBarrier), so that the future
//      concurrent collector never sees the pointer before the zeroing.
//
// Stacks: gort_mallocgc and gort_newobject run on goroutine segments with
// only abi::StackGuard bytes of margin and no prologue check. The path to
// step 5 is mallocgc (inlined into the entry point) plus nextFree and
// nextFreeIndex, small frames; memset is a leaf. Everything deeper (refill,
// cacheSpan, heap growth, mmap, large spans) runs on the system stack via
// onSystemStack. Without a g, a thread is on its own OS stack and calls
// directly.
//
// Memory is zero by construction where possible: arenas come fresh from
// mmap, a span whose pages were never handed out has NeedZero == 0, and
// only memory reused after a free is cleared. The collector (mgc.cpp)
// frees objects: its sweepers replace a span's AllocBits with its mark bits
// and set NeedZero (mgcsweep.cpp), put spans back on their MCentral, and
// free whole spans -- every dead large object -- to the heap
// (MHeap::freeSpan). A large object's span joins its class's full list
// (MCentral::addLarge) so that the sweepers find it. mallocgc's part: on
// entry it tests GCStat.Pending and lets gcTrigger start a cycle (step 0
// below; assists and their waits happen there too), and the slow paths
// count HeapLive (mcache.cpp's refill, largeAlloc) and sweep (cacheSpan,
// gcReclaim). A scan object's pointer words are recorded for the marker
// (step 5: heapBitsSetType, mbitmap.cpp; step 6: the large span keeps T).
//
// Invariants: an MCache is used only by the M holding its P, or under
// NoPCacheLock. Lock order, outermost first: NoPCacheLock, MCentral::Lock,
// Heap.Lock, PersistentLock (StackLock also comes before Heap.Lock). No
// lock is held on the fast path (step 5 without a refill).
//
// Entry points: gort_newobject, gort_mallocgc (compiled code); mallocgc
// (runtime: makeslice, growslice, strings, maps, goroutines...).
//
// Rejected: the previous bump allocator (no size classes, so no span to
// find an object's base from, which the collector needs); a per-thread
// cache (gc ties caches to Ps so that their number is bounded by
// GOMAXPROCS, not by the number of threads in system calls); one lock on
// the whole small-object path (every allocation would contend).
//
//===----------------------------------------------------------------------===//

#include "runtime/malloc.h"

#include "runtime/abi_entry.h"
#include "runtime/atomic.h"
#include "runtime/lock.h"
#include "runtime/mcache.h"
#include "runtime/mgc.h"
#include "runtime/mheap.h"
#include "runtime/mprof.h"
#include "runtime/panic.h"
#include "runtime/print.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"

namespace gort {

namespace {

/// Largest allocation: the heap's address range (gc: maxAlloc on 64-bit
/// Linux; slice.cpp has its own copy for its length checks).
constexpr uint64_t MaxAlloc = uint64_t(1) << 48;

/// gc: zerobase, the address of every zero-size allocation.
uint64_t ZeroBase;

/// The cache of Ms without a P (step 3). Its Alloc slots are set by
/// mallocinit.
Mutex NoPCacheLock;
MCache NoPCache;

constexpr uintptr_t PersistentChunkSize = 256 << 10;
Mutex PersistentLock;
uintptr_t PersistentNext; ///< guarded by PersistentLock
uintptr_t PersistentEnd;
uint64_t PersistentSys; ///< atomic

uint64_t SmallAllocs;                        ///< atomic
uint64_t SmallAllocsByClass[NumSizeClasses]; ///< atomic
uint64_t LargeAllocs;                        ///< atomic
uint64_t TinyAllocs;                         ///< atomic

/// Step 7 (gc: publicationBarrier). x86-64 does not reorder stores.
__attribute__((always_inline)) inline void publicationBarrier() {
#if defined(__aarch64__)
  __asm__ volatile("dmb ishst" ::: "memory");
#else
  __asm__ volatile("" ::: "memory");
#endif
}

/// Zeroes an object of size class size N: the smallest classes inline,
/// as a few stores, rather than with a call of memset.
__attribute__((always_inline)) inline void zeroSmall(void *P, uintptr_t N) {
  switch (N) {
  case 8:
    __builtin_memset(P, 0, 8);
    return;
  case 16:
    __builtin_memset(P, 0, 16);
    return;
  case 24:
    __builtin_memset(P, 0, 24);
    return;
  case 32:
    __builtin_memset(P, 0, 32);
    return;
  case 48:
    __builtin_memset(P, 0, 48);
    return;
  case 64:
    __builtin_memset(P, 0, 64);
    return;
  default:
    memset(P, 0, N);
  }
}

/// Steps 4 and 5. C belongs to the caller. Size <= MaxSmallSize. Sets
/// Sampled to the size the memory profile counts the allocation at (the
/// size class's, or a whole tiny block's), or to 0 for a tiny allocation
/// that fit into the current block (gc does not sample those). Sets Span
/// to the span of a new object, for allocate-black; null for a tiny
/// allocation in the current block, which is black already if a mark
/// runs (the mark start drops every tiny block, so the current one was
/// allocated, and marked, since).
__attribute__((always_inline)) inline void *
mallocSmall(MCache *C, uintptr_t Size, const abi::Type *T, bool Noscan,
            bool NeedZero, uintptr_t &Sampled, MSpan *&Span) {
  if (Noscan && Size < MaxTinySize) {
    uintptr_t Off = C->TinyOffset;
    if ((Size & 7) == 0)
      Off = alignUp(Off, 8);
    else if ((Size & 3) == 0)
      Off = alignUp(Off, 4);
    else if ((Size & 1) == 0)
      Off = alignUp(Off, 2);
    if (Off + Size <= MaxTinySize && C->Tiny != 0) {
      C->TinyOffset = Off + Size;
      C->TinyAllocs++;
      Sampled = 0;
      Span = nullptr;
      return reinterpret_cast<void *>(C->Tiny + Off);
    }
    MSpan *S = C->Alloc[TinySpanClass];
    uintptr_t V = nextFreeFast(S);
    if (V == 0)
      V = C->nextFree(TinySpanClass, &S);
    uint64_t *Block = reinterpret_cast<uint64_t *>(V);
    Block[0] = 0;
    Block[1] = 0;
    // Keep the block with more free space left.
    if (Size < C->TinyOffset || C->Tiny == 0) {
      C->Tiny = V;
      C->TinyOffset = Size;
    }
    Sampled = MaxTinySize;
    Span = S;
    return Block;
  }
  unsigned SC = sizeToClass(Size);
  SpanClass Spc = makeSpanClass(SC, Noscan);
  MSpan *S = C->Alloc[Spc];
  uintptr_t V = nextFreeFast(S);
  if (V == 0)
    V = C->nextFree(Spc, &S);
  if (NeedZero && S->NeedZero)
    zeroSmall(reinterpret_cast<void *>(V), ClassToSize[SC]);
  if (!Noscan)
    heapBitsSetType(S, V, Size, T);
  Sampled = ClassToSize[SC];
  Span = S;
  return reinterpret_cast<void *>(V);
}

/// Step 3's other branch: the shared cache of Ms without a P.
__attribute__((noinline)) void *mallocNoP(uintptr_t Size, const abi::Type *T,
                                          bool Noscan, bool NeedZero,
                                          uintptr_t &Sampled, MSpan *&Span) {
  lock(&NoPCacheLock);
  void *X = mallocSmall(&NoPCache, Size, T, Noscan, NeedZero, Sampled, Span);
  unlock(&NoPCacheLock);
  return X;
}

struct LargeArgs {
  uintptr_t NPages;
  SpanClass Spc;
  MSpan *S;
};

void largeAllocM(void *Arg) {
  LargeArgs *A = static_cast<LargeArgs *>(Arg);
  gcReclaim(A->NPages);
  A->S = Heap.alloc(A->NPages, A->Spc);
  if (A->S)
    Heap.Central[A->Spc].addLarge(A->S);
}

/// Step 6 (gc: mcache.allocLarge and the large branch of mallocgc).
__attribute__((noinline)) void *largeAlloc(uintptr_t Size, const abi::Type *T,
                                           bool Noscan, bool NeedZero) {
  if (Size > MaxAlloc)
    outOfMemory(Size);
  LargeArgs A = {(Size + PageMask) >> PageShift, makeSpanClass(0, Noscan),
                 nullptr};
  onSystemStack(largeAllocM, &A);
  MSpan *S = A.S;
  if (!S)
    outOfMemory(Size);
  S->Limit = S->base() + Size;
  S->LargeType = T;
  S->FreeIndex = 1;
  S->AllocCount = 1;
  atomic::xadd(&LargeAllocs, uint64_t(1));
  gcNoteHeapLive(int64_t(S->NPages << PageShift));
  void *X = reinterpret_cast<void *>(S->base());
  if (NeedZero && S->NeedZero)
    memset(X, 0, S->ElemSize);
  return X;
}

} // namespace

void mallocinit() {
  static_assert(HeapArenaBytes % PageSize == 0);
  static_assert(MaxSmallSize == ClassToSize[NumSizeClasses - 1]);
  mheapinit();
  for (unsigned I = 0; I < NumSpanClasses; I++)
    NoPCache.Alloc[I] = &EmptyMSpan;
}

void *mallocgc(uintptr_t Size, const abi::Type *T, bool NeedZero) {
  if (Size == 0)
    return &ZeroBase;
  if (__builtin_expect(atomic::load(&GCStat.Pending) != 0, 0))
    gcTrigger();
  bool Noscan = T && T->PtrData == 0;
  G *Gp = getgOrNull();
  M *Mp = Gp ? Gp->Mp : nullptr;
  if (Mp) {
    if (Mp->Mallocing)
      fatal("malloc deadlock");
    Mp->Locks++;
    Mp->Mallocing = 1;
  }
  void *X;
  uintptr_t Sampled;
  MSpan *Span = nullptr;
  if (Size > MaxSmallSize) {
    // Without a P, NoPCacheLock keeps a cycle's pause (which holds it)
    // from beginning a sweep while the new span joins its list.
    bool NoP = !Mp || !Mp->Pp;
    if (NoP)
      lock(&NoPCacheLock);
    X = largeAlloc(Size, T, Noscan, NeedZero);
    if (NoP)
      unlock(&NoPCacheLock);
    Sampled = alignUp(Size, PageSize);
  } else if (P *Pp = Mp ? Mp->Pp : nullptr) {
    X = mallocSmall(Pp->Cache, Size, T, Noscan, NeedZero, Sampled, Span);
  } else {
    X = mallocNoP(Size, T, Noscan, NeedZero, Sampled, Span);
  }
  // Allocate black: an object allocated while a mark runs is marked, so
  // that the sweep keeps it (gc: gcmarknewobject). A small object's span
  // is known here; a large one's is looked up.
  if (__builtin_expect(atomic::loadRelaxed(&gort_writeBarrier) != 0, 0)) {
    if (Span)
      gcMarkNewIn(Span, uintptr_t(X));
    else if (Size > MaxSmallSize)
      gcMarkNew(X);
  }
  if (Mp) {
    Mp->Mallocing = 0;
    Mp->Locks--;
    // The memory profile (mprof.cpp; gc: the end of mallocgc).
    if (int64_t Rate = MemProfileRate;
        __builtin_expect(Rate > 0, 1) && Sampled) {
      if (Rate != 1 && int64_t(Sampled) < Mp->NextSample)
        Mp->NextSample -= int64_t(Sampled);
      else
        profileAlloc(Mp, X, Sampled);
    }
  }
  publicationBarrier();
  return X;
}

// Not inlined, and Fn hidden from the optimizer: inlined or specialised
// for a constant Fn, the call without a g would become a direct call,
// which utils/stack_budget.py would count on the goroutine's stack.
__attribute__((noinline)) void onSystemStack(void (*Fn)(void *), void *Arg) {
  if (getgOrNull()) {
    systemstack(Fn, Arg);
    return;
  }
  asm("" : "+r"(Fn));
  Fn(Arg);
}

void outOfMemory(uintptr_t Size) {
  printlock();
  printstring("runtime: out of memory: cannot allocate ");
  printuint(Size);
  printstring("-byte block (");
  printuint(uint64_t(Heap.PagesSys) << PageShift);
  printstring(" in use)\n");
  printunlock();
  fatal("out of memory");
}

void lockNoPCache() { lock(&NoPCacheLock); }
void unlockNoPCache() { unlock(&NoPCacheLock); }
void releaseNoPCacheLocked() { NoPCache.releaseAll(); }

void noteSmallAllocs(unsigned Class, uint64_t N) {
  atomic::xadd(&SmallAllocs, N);
  atomic::xadd(&SmallAllocsByClass[Class], N);
}

void noteTinyAllocs(uint64_t N) { atomic::xadd(&TinyAllocs, N); }

void *sysAlloc(uintptr_t N) {
  MmapResult R =
      mmap(nullptr, N, ProtRead | ProtWrite, MapPrivate | MapAnon, -1, 0);
  if (R.Err != 0)
    return nullptr;
  return R.P;
}

void sysFree(void *P, uintptr_t N) { munmap(P, N); }

void *persistentalloc(uintptr_t Size, uintptr_t Align) {
  if (Align == 0)
    Align = 8;
  GORT_ASSERT((Align & (Align - 1)) == 0 && Align <= PageSize);
  if (Size >= PersistentChunkSize / 4) {
    uintptr_t N = alignUp(Size, 4096);
    void *P = sysAlloc(N);
    if (!P)
      fatal("runtime: cannot allocate memory");
    atomic::xadd(&PersistentSys, uint64_t(N));
    return P;
  }
  lock(&PersistentLock);
  uintptr_t P = alignUp(PersistentNext, Align);
  if (PersistentNext == 0 || P + Size > PersistentEnd) {
    void *Chunk = sysAlloc(PersistentChunkSize);
    if (!Chunk) {
      unlock(&PersistentLock);
      fatal("runtime: cannot allocate memory");
    }
    atomic::xadd(&PersistentSys, uint64_t(PersistentChunkSize));
    P = uintptr_t(Chunk);
    PersistentEnd = P + PersistentChunkSize;
  }
  PersistentNext = P + Size;
  unlock(&PersistentLock);
  return reinterpret_cast<void *>(P);
}

uint64_t smallAllocsOfClass(unsigned Class) {
  return atomic::load(&SmallAllocsByClass[Class]);
}

void readMemStats(MemStats *Out) {
  lock(&Heap.Lock);
  uintptr_t Free = Heap.PagesSys - Heap.PagesInUse - Heap.PagesManual;
  Out->HeapSys = uint64_t(Heap.PagesSys) << PageShift;
  Out->HeapInUse = uint64_t(Heap.PagesInUse) << PageShift;
  Out->StackInUse = uint64_t(Heap.PagesManual) << PageShift;
  Out->HeapIdle = uint64_t(Free) << PageShift;
  Out->HeapReleased = uint64_t(Heap.PagesReleased) << PageShift;
  Out->Scavenged = Heap.ScavengedBytes;
  uint64_t NArenas = 0;
  for (HeapArena *A = Heap.ArenaFirst; A; A = A->Next)
    NArenas++;
  Out->NumArenas = NArenas;
  Out->NumSpans = Heap.NSpans;
  unlock(&Heap.Lock);
  Out->SmallAllocs = atomic::load(&SmallAllocs);
  Out->LargeAllocs = atomic::load(&LargeAllocs);
  Out->TinyAllocs = atomic::load(&TinyAllocs);
  Out->PersistentSys = atomic::load(&PersistentSys);
}

const void *zeroBase() { return &ZeroBase; }

} // namespace gort

using namespace gort;

extern "C" {

void *gort_newobject(const abi::Type *T) { return mallocgc(T->Size, T, true); }

void *gort_mallocgc(uint64_t Size, const abi::Type *T, bool NeedZero) {
  return mallocgc(Size, T, NeedZero);
}

} // extern "C"
