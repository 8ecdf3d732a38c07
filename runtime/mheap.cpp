//===- runtime/mheap.cpp - The page heap ----------------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The page heap (gc: mheap.go, mpagealloc.go, mgcscavenge.go): it reserves
// address space from the OS in arenas, hands out runs of 8 KiB pages as
// spans, and keeps the index that maps any address to its span. See
// malloc.cpp for how the layers fit together.
//
// Data structures:
//   Heap         the one MHeap. Lock guards it all.
//   HeapArena    metadata per 64 MiB arena: the span of each page (Spans),
//                the page allocator's bitmaps (PageAlloc: page is in a
//                span; PageScav: free page not backed by memory), PageInUse
//                for the sweeper (mgcsweep.cpp), ZeroedBase. Arenas are kept in
//                a list sorted by address.
//   Arenas       the arena index (gc: mheap_.arenas), two levels: 64 L1
//                slots, each an L2 array of 65536 HeapArena pointers
//                (512 KiB of address space, allocated when first needed, so
//                a heap whose arenas are near one another touches one).
//                spanOf(p) = Arenas[L1][L2]->Spans[page of p] for any p.
//   SearchAddr   every page below it is allocated (gc: searchAddr).
//
// Allocating NPages (allocSpanLocked; caller holds Lock, on the system
// stack):
//   1. Find the lowest run of NPages free pages at or above SearchAddr:
//      walk the arenas in address order over PageAlloc, a 64-page word at a
//      time, letting runs continue into an address-adjacent next arena.
//      Address-ordered first fit, as gc's page allocator.
//   2. None: grow. Reserve the needed bytes rounded up to whole arenas with
//      one mmap at ArenaHint (0xc000000000 on x86-64, 0x4000000000 on
//      AArch64, as gc; if the kernel puts the mapping elsewhere, take any
//      address and trim it to arena alignment), make a HeapArena for each,
//      all pages free and scavenged, and publish them in the index. Then
//      search again.
//   3. Mark the pages allocated and clear their scavenged bits; if any
//      was scavenged, advise transparent huge pages for the whole huge
//      pages inside the span (hintHugePages, gc: sysUsed). The span
//      needs zeroing iff any page lies below its arena's ZeroedBase (memory
//      handed out before, gc: allocNeedsZero), which then moves up.
//   4. Take an MSpan from SpanAlloc, initialise it as a heap span (object
//      size, count, bitmaps, DivMul) or a manual one, and only then publish
//      it in Spans[] for each of its pages, with release stores.
//
// Freeing (freeSpanLocked; used by stack frees and by the sweeper): clear
// the span's PageAlloc bits and Spans[] entries, lower SearchAddr, give its
// bitmaps back (freeSpanBits), return the MSpan to SpanAlloc. The pages are
// now free and dirty (backed by memory). The scavenger keeps dirty free
// memory within a goal of 1/10 of the memory in use plus 4 MiB, or within
// the bound the collector sets after each cycle if that is more (twice its
// heap goal, or less under GOMEMLIMIT; heapSetRetain, mgc.cpp's setGoal),
// so that the pages the next cycle's allocations need stay mapped; past
// it, it releases free dirty runs,
// highest addresses first (gc: the
// scavenger also works top-down so the low heap stays dense), with
// madvise(MADV_DONTNEED) on whole physical pages, and sets PageScav.
// Released memory is not assumed to be zero (gc does not either):
// ZeroedBase alone decides needzero.
//
// The collector's sweepers free a span whose objects are all dead with
// freeSpan (large objects: always, when dead), and put partly freed small
// spans back on their MCentral's lists. While a sweep runs, freeing does
// not scavenge (heapScavengeOff); the scavenger runs once when it is done,
// on the thread that finished it.
//
// Invariants (whenever Lock is free):
//   - A page's PageAlloc bit is set iff Spans[page] is a non-Dead span
//     containing it; PageScav bits are set only on free pages.
//   - Every page below SearchAddr is allocated.
//   - PagesSys == PagesInUse + PagesManual + free pages; PagesReleased
//     counts the free pages with PageScav set.
//   - The arena list is sorted by Base; Arenas[][] entries never change
//     once published.
// Lock order: MCentral::Lock and StackLock come before Heap.Lock; nothing
// is locked under it except PersistentLock (malloc.cpp). The scavenger's
// madvise runs with Lock held (gc drops it; our heaps are small so far).
//
// Entry points: MHeap::alloc (mcentral.cpp, large objects in malloc.cpp),
// allocManual/freeManual (stack.cpp), scavenge (tests; debug.FreeOSMemory
// later), spanOf/findObject (mheap.h; the collector).
//
// Rejected: gc's radix tree of free-page summaries over the whole address
// space (O(log) searches in huge fragmented heaps; its complexity is not
// needed while heaps are small, and the bitmaps here have the same shape,
// so it can be added on top); a free-run treap (gc before 1.14); one mmap
// per span (system calls, and the kernel's 65530 mapping limit); L1 bits
// 0 as gc on amd64 (a single 32 MiB L2 array; ours costs one more load in
// spanOf but only 512 KiB of address space per 4 TiB of heap).
//
//===----------------------------------------------------------------------===//

#include "runtime/mheap.h"

#include "runtime/atomic.h"
#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/mcache.h"
#include "runtime/os_linux.h"
#include "runtime/panic.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"

namespace gort {

MHeap Heap;

namespace {

#if defined(__x86_64__)
constexpr uintptr_t ArenaHintStart = uintptr_t(0x00c0) << 32;
#else
constexpr uintptr_t ArenaHintStart = uintptr_t(0x0040) << 32;
#endif

/// Dirty free memory the scavenger always leaves alone.
constexpr uintptr_t ScavengeRetainPages = (4 << 20) / PageSize;

/// Bytes of heap (in use plus free) the scavenger may leave mapped, set by
/// the collector (heapSetRetain); 0 if none. Guarded by Heap.Lock.
uint64_t RetainBytes;
/// heapScavengeOff; guarded by Heap.Lock.
bool ScavengeOff;

static_assert(PagesPerArena % 64 == 0);
static_assert(offsetof(HeapArena, PtrBits) < (1 << 17));

/// Calls F(Word, Mask) for the words covering bits [Start, Start+N).
template <typename Fn> void forBitRange(uintptr_t Start, uintptr_t N, Fn F) {
  while (N > 0) {
    unsigned Lo = unsigned(Start % 64);
    uintptr_t Len = 64 - Lo < N ? 64 - Lo : N;
    F(Start / 64, rangeMask(Lo, unsigned(Len)));
    Start += Len;
    N -= Len;
  }
}

void setBits(uint64_t *Words, uintptr_t Start, uintptr_t N) {
  forBitRange(Start, N, [Words](uintptr_t W, uint64_t M) { Words[W] |= M; });
}

void clearBits(uint64_t *Words, uintptr_t Start, uintptr_t N) {
  forBitRange(Start, N, [Words](uintptr_t W, uint64_t M) { Words[W] &= ~M; });
}

uintptr_t countBits(const uint64_t *Words, uintptr_t Start, uintptr_t N) {
  uintptr_t C = 0;
  forBitRange(Start, N, [Words, &C](uintptr_t W, uint64_t M) {
    C += uintptr_t(__builtin_popcountll(Words[W] & M));
  });
  return C;
}

/// Calls F(Arena, FirstPage, N) for each arena's part of the pages
/// [Base, Base + NPages * PageSize), which are all in arenas.
template <typename Fn>
void forEachArenaRun(uintptr_t Base, uintptr_t NPages, Fn F) {
  while (NPages > 0) {
    HeapArena *A = arenaOf(Base);
    uintptr_t First = (Base - A->Base) >> PageShift;
    uintptr_t N =
        PagesPerArena - First < NPages ? PagesPerArena - First : NPages;
    F(A, First, N);
    Base += N << PageShift;
    NPages -= N;
  }
}

uintptr_t physPageSize() {
  return PhysPageSize > PageSize ? PhysPageSize : PageSize;
}

/// Reserves N bytes (a multiple of HeapArenaBytes) of fresh read-write
/// memory aligned to HeapArenaBytes (gc: sysReserve at the arena hints,
/// then sysReserveAligned). Returns 0 if the OS refuses.
uintptr_t sysReserveArenas(uintptr_t N) {
  constexpr int32_t Prot = ProtRead | ProtWrite;
  constexpr int32_t Flags = MapPrivate | MapAnon;
  uintptr_t Hint = Heap.ArenaHint;
  if (Hint != 0 && Hint + N > Hint && ((Hint + N - 1) >> HeapAddrBits) == 0) {
    MmapResult R = mmap(reinterpret_cast<void *>(Hint), N, Prot, Flags, -1, 0);
    if (R.Err != 0)
      return 0;
    if (uintptr_t(R.P) == Hint) {
      Heap.ArenaHint = Hint + N;
      return Hint;
    }
    munmap(R.P, N);
  }
  // The hint is taken (or unusable): let the kernel choose, with an arena's
  // worth of slack to trim to alignment.
  MmapResult R = mmap(nullptr, N + HeapArenaBytes, Prot, Flags, -1, 0);
  if (R.Err != 0)
    return 0;
  uintptr_t P = uintptr_t(R.P);
  uintptr_t Base = alignUp(P, HeapArenaBytes);
  if (Base > P)
    munmap(R.P, Base - P);
  uintptr_t End = P + N + HeapArenaBytes;
  if (End > Base + N)
    munmap(reinterpret_cast<void *>(Base + N), End - (Base + N));
  if ((Base + N - 1) >> HeapAddrBits) {
    munmap(reinterpret_cast<void *>(Base), N);
    return 0;
  }
  Heap.ArenaHint = Base + N;
  return Base;
}

/// Publishes A in the arena index. Caller holds Heap.Lock.
bool publishArena(HeapArena *A) {
  uintptr_t Idx = A->Base >> LogHeapArenaBytes;
  HeapArena ***L1 = &Heap.Arenas[Idx >> ArenaL2Bits];
  HeapArena **L2 = *L1;
  if (!L2) {
    L2 = static_cast<HeapArena **>(sysAlloc(ArenaL2Size * sizeof(void *)));
    if (!L2)
      return false;
    atomic::storeRel(L1, L2);
  }
  atomic::storeRel(&L2[Idx & (ArenaL2Size - 1)], A);
  return true;
}

/// Inserts A into the address-ordered arena list.
void linkArena(HeapArena *A) {
  HeapArena *After = Heap.ArenaLast;
  while (After && After->Base > A->Base)
    After = After->Prev;
  A->Prev = After;
  A->Next = After ? After->Next : Heap.ArenaFirst;
  if (A->Next)
    A->Next->Prev = A;
  else
    Heap.ArenaLast = A;
  if (After)
    After->Next = A;
  else
    Heap.ArenaFirst = A;
}

/// Adds at least NPages of free pages to the heap (gc: mheap.grow).
/// Caller holds Heap.Lock. Returns false if the OS refuses memory.
bool growLocked(uintptr_t NPages) {
  uintptr_t Bytes = alignUp(NPages << PageShift, HeapArenaBytes);
  uintptr_t Base = sysReserveArenas(Bytes);
  if (!Base)
    return false;
  for (uintptr_t P = Base; P < Base + Bytes; P += HeapArenaBytes) {
    HeapArena *A = static_cast<HeapArena *>(sysAlloc(sizeof(HeapArena)));
    if (!A)
      return false; // the rest of the reservation stays unused
    A->Base = P;
    setBits(A->PageScav, 0, PagesPerArena);
    if (!publishArena(A))
      return false;
    linkArena(A);
    Heap.PagesSys += PagesPerArena;
    Heap.PagesReleased += PagesPerArena;
  }
  if (Base < Heap.SearchAddr)
    Heap.SearchAddr = Base;
  return true;
}

/// The arena to start a search for free pages at Addr from: the one
/// holding Addr, else the first one above it.
HeapArena *arenaAtOrAbove(uintptr_t Addr) {
  if (HeapArena *A = arenaOf(Addr))
    return A;
  HeapArena *A = Heap.ArenaFirst;
  while (A && A->Base + HeapArenaBytes <= Addr)
    A = A->Next;
  return A;
}

/// Step 1: the lowest run of NPages free pages at or above SearchAddr,
/// or 0. Updates SearchAddr. Caller holds Heap.Lock.
uintptr_t findRunLocked(uintptr_t NPages) {
  uintptr_t Search = Heap.SearchAddr;
  uintptr_t RunStart = 0, RunLen = 0, FirstFree = 0, PrevEnd = 0;
  for (HeapArena *A = arenaAtOrAbove(Search); A; A = A->Next) {
    if (A->Base != PrevEnd)
      RunLen = 0;
    PrevEnd = A->Base + HeapArenaBytes;
    uintptr_t StartPage =
        Search > A->Base ? (Search - A->Base) >> PageShift : 0;
    for (uintptr_t W = StartPage / 64; W < ArenaBitmapWords; W++) {
      uint64_t Used = A->PageAlloc[W];
      if (W == StartPage / 64 && StartPage % 64)
        Used |= rangeMask(0, unsigned(StartPage % 64)); // below the search
      if (Used == ~uint64_t(0)) {
        RunLen = 0;
        continue;
      }
      uintptr_t WordBase = A->Base + ((W * 64) << PageShift);
      if (!FirstFree)
        FirstFree = WordBase + (uintptr_t(__builtin_ctzll(~Used)) << PageShift);
      if (Used == 0 && (RunLen > 0 || NPages >= 64)) {
        if (RunLen == 0)
          RunStart = WordBase;
        RunLen += 64;
      } else {
        for (unsigned B = 0; B < 64; B++) {
          if (Used & (uint64_t(1) << B)) {
            RunLen = 0;
            continue;
          }
          if (RunLen == 0)
            RunStart = WordBase + (uintptr_t(B) << PageShift);
          if (++RunLen >= NPages)
            break;
        }
      }
      if (RunLen >= NPages) {
        Heap.SearchAddr = FirstFree == RunStart
                              ? RunStart + (NPages << PageShift)
                              : FirstFree;
        return RunStart;
      }
    }
  }
  if (FirstFree)
    Heap.SearchAddr = FirstFree;
  else if (Heap.ArenaLast)
    Heap.SearchAddr = Heap.ArenaLast->Base + HeapArenaBytes;
  return 0;
}

/// Step 3's zeroing rule (gc: allocNeedsZero). Caller holds Heap.Lock.
bool allocNeedsZero(uintptr_t Base, uintptr_t NPages) {
  bool NeedZero = false;
  forEachArenaRun(Base, NPages,
                  [&NeedZero](HeapArena *A, uintptr_t First, uintptr_t N) {
                    uintptr_t Lo = First << PageShift;
                    uintptr_t Hi = (First + N) << PageShift;
                    if (Lo < A->ZeroedBase)
                      NeedZero = true;
                    if (Hi > A->ZeroedBase)
                      A->ZeroedBase = Hi;
                  });
  return NeedZero;
}

/// Sets the span of every page of [Base, Base + NPages pages) to S.
void setSpans(uintptr_t Base, uintptr_t NPages, MSpan *S) {
  forEachArenaRun(Base, NPages,
                  [S](HeapArena *A, uintptr_t First, uintptr_t N) {
                    for (uintptr_t I = First; I < First + N; I++)
                      atomic::storeRel(&A->Spans[I], S);
                  });
}

/// Asks the kernel to back the whole huge pages inside [Base, Base + N)
/// with transparent huge pages (gc: sysUsed -> sysHugePageOS). Step 3 does
/// it when a span takes pages that are not backed by memory yet. A large
/// object is then faulted in 2 MiB at a time rather than 4 KiB, and costs
/// fewer TLB misses: a map of a million entries has a 27 MiB bucket array,
/// whose 6,900 page faults were 15% of knucleotide's time. Small spans
/// never contain a whole huge page, so small heaps stay as dense as before.
/// The flag stays on the range when it is later freed and reused, as in gc.
void hintHugePages(uintptr_t Base, uintptr_t N) {
  uintptr_t Huge = PhysHugePageSize;
  if (Huge == 0)
    return;
  uintptr_t Lo = alignUp(Base, Huge);
  uintptr_t Hi = alignDown(Base + N, Huge);
  if (Lo < Hi)
    madvise(reinterpret_cast<void *>(Lo), Hi - Lo, MadvHugepage);
}

/// Steps 1-4. Caller holds Heap.Lock.
MSpan *allocSpanLocked(uintptr_t NPages, bool Manual, SpanClass Spc) {
  GORT_ASSERT(NPages > 0);
  uintptr_t Base = findRunLocked(NPages);
  if (!Base) {
    if (!growLocked(NPages))
      return nullptr;
    Base = findRunLocked(NPages);
    GORT_ASSERT(Base != 0);
  }
  uintptr_t Scav = 0;
  forEachArenaRun(Base, NPages,
                  [&Scav](HeapArena *A, uintptr_t First, uintptr_t N) {
                    setBits(A->PageAlloc, First, N);
                    Scav += countBits(A->PageScav, First, N);
                    clearBits(A->PageScav, First, N);
                  });
  Heap.PagesReleased -= Scav;
  if (Scav != 0)
    hintHugePages(Base, NPages << PageShift);
  bool NeedZero = allocNeedsZero(Base, NPages);

  MSpan *S = static_cast<MSpan *>(Heap.SpanAlloc.alloc());
  S->StartAddr = Base;
  S->NPages = NPages;
  S->NeedZero = NeedZero ? 1 : 0;
  uintptr_t Bytes = NPages << PageShift;
  if (Manual) {
    S->Limit = Base + Bytes;
    S->State = MSpanState::Manual;
    Heap.PagesManual += NPages;
  } else {
    unsigned SC = spanClassSizeClass(Spc);
    S->Class = Spc;
    if (SC == 0) {
      S->ElemSize = Bytes;
      S->NElems = 1;
      S->DivMul = 0;
    } else {
      S->ElemSize = ClassToSize[SC];
      S->NElems = Bytes / S->ElemSize;
      S->DivMul = ClassToDivMagic[SC];
    }
    S->Limit = Base + S->NElems * S->ElemSize;
    S->FreeIndex = 0;
    S->AllocCache = ~uint64_t(0);
    S->AllocBits = newSpanBits(S->NElems);
    S->GCMarkBits = newSpanBits(S->NElems);
    S->SweepGen = atomic::load(&Heap.SweepGen);
    S->State = MSpanState::InUse;
    Heap.PagesInUse += NPages;
  }
  Heap.NSpans++;
  // Publish: S is complete before any spanOf can see it.
  setSpans(Base, NPages, S);
  S->HeapBits = nullptr;
  S->UniformType = S->ElemSize <= 64 * 8 ? &FreshSpan : &MixedSpan;
  S->UniformMask = 0;
  if (!Manual) {
    HeapArena *A = arenaOf(Base);
    setBits(A->PageInUse, (Base - A->Base) >> PageShift, 1);
    if (spanClassSizeClass(Spc) != 0 && !spanClassNoscan(Spc) &&
        Base + Bytes <= A->Base + HeapArenaBytes)
      S->HeapBits = &A->PtrBits[(Base - A->Base) / 8 / 64];
  }
  return S;
}

/// Returns free dirty pages to the OS, highest first, until NPages are
/// released or none are left; returns the pages released. Caller holds
/// Heap.Lock.
uintptr_t scavengeLocked(uintptr_t NPages) {
  uintptr_t Phys = physPageSize();
  uintptr_t Released = 0;
  // Releases the free dirty pages [Lo, Hi) of A, or the top part of them
  // still needed, trimmed to whole physical pages.
  auto Release = [&](HeapArena *A, uintptr_t Lo, uintptr_t Hi) {
    uintptr_t Want = NPages - Released;
    if (Hi - Lo > Want)
      Lo = Hi - Want;
    uintptr_t Start = alignUp(A->Base + (Lo << PageShift), Phys);
    uintptr_t End = alignDown(A->Base + (Hi << PageShift), Phys);
    if (Start >= End)
      return;
    madvise(reinterpret_cast<void *>(Start), End - Start, MadvDontneed);
    uintptr_t First = (Start - A->Base) >> PageShift;
    uintptr_t N = (End - Start) >> PageShift;
    setBits(A->PageScav, First, N);
    Released += N;
    Heap.PagesReleased += N;
    Heap.ScavengedBytes += End - Start;
  };
  for (HeapArena *A = Heap.ArenaLast; A && Released < NPages; A = A->Prev) {
    uintptr_t RunHi = 0; // end of the current run; 0 = no run
    for (uintptr_t W = ArenaBitmapWords; W-- > 0 && Released < NPages;) {
      uint64_t Dirty = ~(A->PageAlloc[W] | A->PageScav[W]);
      if (Dirty == 0 && RunHi == 0)
        continue;
      for (unsigned B = 64; B-- > 0;) {
        uintptr_t Page = W * 64 + B;
        if (Dirty & (uint64_t(1) << B)) {
          if (RunHi == 0)
            RunHi = Page + 1;
          continue;
        }
        if (RunHi != 0) {
          Release(A, Page + 1, RunHi);
          RunHi = 0;
          if (Released >= NPages)
            break;
        }
      }
    }
    if (RunHi != 0 && Released < NPages)
      Release(A, 0, RunHi);
  }
  return Released;
}

/// Returns free dirty memory to the OS beyond what the heap may soon reuse:
/// 1/10 of the memory in use plus ScavengeRetainPages, or up to
/// RetainBytes if that is more. Caller holds Heap.Lock.
void scavengeToRetainLocked() {
  uintptr_t InUse = Heap.PagesInUse + Heap.PagesManual;
  uintptr_t Dirty = Heap.PagesSys - InUse - Heap.PagesReleased;
  uintptr_t Goal = InUse / 10 + ScavengeRetainPages;
  uintptr_t RetainPages = uintptr_t(RetainBytes >> PageShift);
  if (RetainPages > InUse && RetainPages - InUse > Goal)
    Goal = RetainPages - InUse;
  if (Dirty > Goal)
    scavengeLocked(Dirty - Goal);
}

/// Frees S's pages (see "Freeing" above). Caller holds Heap.Lock.
void freeSpanLocked(MSpan *S) {
  uintptr_t Base = S->StartAddr;
  uintptr_t NPages = S->NPages;
  forEachArenaRun(Base, NPages, [](HeapArena *A, uintptr_t First, uintptr_t N) {
    clearBits(A->PageAlloc, First, N);
    for (uintptr_t I = First; I < First + N; I++)
      atomic::storeRel(&A->Spans[I], static_cast<MSpan *>(nullptr));
  });
  if (S->State == MSpanState::InUse) {
    HeapArena *A = arenaOf(Base);
    clearBits(A->PageInUse, (Base - A->Base) >> PageShift, 1);
    Heap.PagesInUse -= NPages;
    freeSpanBits(S->AllocBits, S->NElems);
    freeSpanBits(S->GCMarkBits, S->NElems);
  } else {
    GORT_ASSERT(S->State == MSpanState::Manual);
    Heap.PagesManual -= NPages;
  }
  if (Base < Heap.SearchAddr)
    Heap.SearchAddr = Base;
  S->State = MSpanState::Dead;
  Heap.NSpans--;
  Heap.SpanAlloc.free(S);
  if (!ScavengeOff)
    scavengeToRetainLocked();
}

} // namespace

void SpanList::push(MSpan *S) {
  GORT_ASSERT(!S->List && !S->Next && !S->Prev);
  S->Next = First;
  if (First)
    First->Prev = S;
  else
    Last = S;
  First = S;
  S->List = this;
}

void SpanList::remove(MSpan *S) {
  GORT_ASSERT(S->List == this);
  if (S->Prev)
    S->Prev->Next = S->Next;
  else
    First = S->Next;
  if (S->Next)
    S->Next->Prev = S->Prev;
  else
    Last = S->Prev;
  S->Next = S->Prev = nullptr;
  S->List = nullptr;
}

MSpan *SpanList::pop() {
  MSpan *S = First;
  if (S)
    remove(S);
  return S;
}

void mheapinit() {
  Heap.SpanAlloc.init(sizeof(MSpan));
  Heap.CacheAlloc.init(sizeof(MCache));
  for (unsigned I = 0; I < NumSpanClasses; I++)
    Heap.Central[I].init(SpanClass(I));
  Heap.ArenaHint = ArenaHintStart;
}

MSpan *MHeap::alloc(uintptr_t NPages, SpanClass Spc) {
  lock(&Lock);
  MSpan *S = allocSpanLocked(NPages, /*Manual=*/false, Spc);
  unlock(&Lock);
  return S;
}

void heapSetRetain(uint64_t Bytes) {
  lock(&Heap.Lock);
  RetainBytes = Bytes;
  unlock(&Heap.Lock);
}

void heapScavengeOff(bool On) {
  lock(&Heap.Lock);
  ScavengeOff = On;
  if (!On)
    scavengeToRetainLocked();
  unlock(&Heap.Lock);
}

MSpan *MHeap::allocManual(uintptr_t NPages) {
  lock(&Lock);
  MSpan *S = allocSpanLocked(NPages, /*Manual=*/true, 0);
  unlock(&Lock);
  return S;
}

void MHeap::freeManual(MSpan *S) {
  lock(&Lock);
  GORT_ASSERT(S->State == MSpanState::Manual);
  freeSpanLocked(S);
  unlock(&Lock);
}

void MHeap::freeSpan(MSpan *S) {
  lock(&Lock);
  GORT_ASSERT(S->State == MSpanState::InUse);
  freeSpanLocked(S);
  unlock(&Lock);
}

uintptr_t MHeap::scavenge(uintptr_t NBytes) {
  lock(&Lock);
  uintptr_t N = scavengeLocked(alignUp(NBytes, PageSize) >> PageShift);
  unlock(&Lock);
  return N << PageShift;
}

} // namespace gort
