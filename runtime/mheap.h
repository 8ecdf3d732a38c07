//===- runtime/mheap.h - The page heap and the arena index ------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See mheap.cpp for the overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_MHEAP_H
#define GORT_RUNTIME_MHEAP_H

#include "libgort/abi.h"
#include "runtime/atomic.h"
#include "runtime/lock.h"
#include "runtime/mcentral.h"
#include "runtime/mfixalloc.h"
#include "runtime/mspan.h"

#include <stdint.h>

namespace gort {

/// The heap is reserved from the OS in arenas of 64 MiB (gc:
/// heapArenaBytes on 64-bit Linux), aligned to their size.
constexpr unsigned LogHeapArenaBytes = 26;
constexpr uintptr_t HeapArenaBytes = uintptr_t(1) << LogHeapArenaBytes;
constexpr uintptr_t PagesPerArena = HeapArenaBytes / PageSize;
constexpr uintptr_t ArenaBitmapWords = PagesPerArena / 64;

/// Heap addresses are below 2^48 (user space of x86-64 and AArch64 Linux).
/// The arena index (gc: arenas) maps address >> LogHeapArenaBytes in two
/// levels: ArenaL1Bits select an L2 array, the rest an entry in it.
constexpr unsigned HeapAddrBits = 48;
constexpr unsigned ArenaL1Bits = 6;
constexpr unsigned ArenaL2Bits = HeapAddrBits - LogHeapArenaBytes - ArenaL1Bits;
constexpr uintptr_t ArenaL1Size = uintptr_t(1) << ArenaL1Bits;
constexpr uintptr_t ArenaL2Size = uintptr_t(1) << ArenaL2Bits;

/// Metadata of one arena (gc: heapArena, plus the part of gc's pageAlloc
/// bitmaps that covers it). Allocated off-heap and never freed. Bitmaps
/// have one bit per page, bit I%64 of word I/64 for page I.
struct HeapArena {
  /// The span owning each page, null for free pages (gc: spans). Written
  /// under MHeap::Lock; read by spanOf without it.
  MSpan *Spans[PagesPerArena];
  /// Set for the first page of each InUse span (gc: pageInUse; the future
  /// sweeper walks it).
  uint64_t PageInUse[ArenaBitmapWords];
  /// Set for pages that belong to a span (the page allocator).
  uint64_t PageAlloc[ArenaBitmapWords];
  /// Set for free pages that are not backed by memory: never touched, or
  /// returned to the OS by the scavenger (gc: the scavenged bitmap).
  uint64_t PageScav[ArenaBitmapWords];
  uintptr_t Base; ///< first address of the arena
  /// Offset below which the arena's memory has been handed out at least
  /// once; memory above it is still zero from the OS (gc: zeroedBase).
  uintptr_t ZeroedBase;
  HeapArena *Next; ///< next arena by address
  HeapArena *Prev; ///< previous arena by address
  /// GORTDEBUG=gccheckmark=1's marks: a bit per word, set for the first
  /// word of each object the check reaches (gc: heapArena.checkmarks).
  /// Allocated at the first check; null until then (mgcmark.cpp).
  uint64_t *CheckBits;
  /// The heap bitmap (gc: heapArena.bitmap, one bit per word here): bit
  /// I%64 of word I/64 is set if word I of the arena holds a pointer. It
  /// describes the allocated objects of scan spans of small objects and is
  /// written by mallocgc (heapBitsSetType, mbitmap.cpp). Last, so that
  /// its 1 MiB, backed by the OS only where touched, follows the rest.
  uint64_t PtrBits[HeapArenaBytes / 8 / 64];
};

/// The page heap (gc: mheap). One global instance, Heap.
struct MHeap {
  Mutex Lock; ///< guards everything below except Central and Arenas reads

  /// The arena index: Arenas[L1][L2] for arena number address >>
  /// LogHeapArenaBytes. L2 arrays and their entries are published with
  /// release stores and never change afterwards.
  HeapArena **Arenas[ArenaL1Size];
  HeapArena *ArenaFirst; ///< arenas in address order
  HeapArena *ArenaLast;
  /// Every page below SearchAddr is allocated (gc: pageAlloc.searchAddr).
  uintptr_t SearchAddr;
  /// Where the next arena reservation is tried (gc: arenaHints).
  uintptr_t ArenaHint;
  /// gc's sweepgen: 2 more at each cycle's mark termination, when every
  /// span becomes unswept (mgcsweep.cpp; mcentral.cpp has the protocol).
  /// Written with the world stopped; read atomically.
  uint32_t SweepGen;

  FixAlloc SpanAlloc;  ///< MSpan structures (gc: spanalloc)
  FixAlloc CacheAlloc; ///< MCache structures (gc: cachealloc)
  uintptr_t BitsChunk; ///< current chunk of span bitmaps (mbitmap.cpp)
  uintptr_t BitsLeft;  ///< bytes left in it

  // Accounting, in pages.
  uintptr_t PagesSys;      ///< in arenas
  uintptr_t PagesInUse;    ///< in InUse spans
  uintptr_t PagesManual;   ///< in Manual spans (stacks)
  uintptr_t PagesReleased; ///< free and not backed (PageScav set)
  uintptr_t NSpans;        ///< spans not Dead
  uint64_t ScavengedBytes; ///< total ever returned to the OS

  MCentral Central[NumSpanClasses];

  /// Allocates a heap span of NPages for class Spc (gc: mheap.alloc).
  /// Returns null if the OS refuses memory. Must run on the system stack.
  MSpan *alloc(uintptr_t NPages, SpanClass Spc);
  /// Allocates NPages of memory handed out whole, for stacks (gc:
  /// allocManual). Not zeroed. Null on failure. System stack.
  MSpan *allocManual(uintptr_t NPages);
  /// Returns a span from allocManual. System stack.
  void freeManual(MSpan *S);
  /// Returns an InUse span's pages (the sweeper's call).
  void freeSpan(MSpan *S);
  /// Returns up to NBytes of free memory to the OS, highest addresses
  /// first; returns the bytes released (gc: pageAlloc.scavenge).
  uintptr_t scavenge(uintptr_t NBytes);
};

extern MHeap Heap;

/// The arena holding P, or null if P is not in the heap.
__attribute__((always_inline)) inline HeapArena *arenaOf(uintptr_t P) {
  if (P >> HeapAddrBits)
    return nullptr;
  uintptr_t Idx = P >> LogHeapArenaBytes;
  HeapArena **L2 = atomic::loadAcq(&Heap.Arenas[Idx >> ArenaL2Bits]);
  if (!L2)
    return nullptr;
  return atomic::loadAcq(&L2[Idx & (ArenaL2Size - 1)]);
}

/// Whether T's GCData is a pointer bitmap the collector can follow: T is
/// known, holds pointers, and has no GC program. Objects of other types
/// are scanned word by word (mbitmap.cpp).
inline bool hasPtrMask(const abi::Type *T) {
  return T && T->GCData && !(T->Kind & abi::KindGCProg) && T->Size != 0 &&
         T->Size % 8 == 0;
}

/// Bits [Lo, Lo+N) of a word; N <= 64 - Lo.
__attribute__((always_inline)) inline uint64_t rangeMask(unsigned Lo,
                                                         unsigned N) {
  return (N == 64 ? ~uint64_t(0) : ((uint64_t(1) << N) - 1)) << Lo;
}

/// Bits [W, W+N) of a bitmap, N <= 64, as a word.
__attribute__((always_inline)) inline uint64_t
readBits(const uint64_t *Bits, uintptr_t W, uintptr_t N) {
  unsigned Sh = unsigned(W % 64);
  const uint64_t *P = Bits + W / 64;
  uint64_t M = P[0] >> Sh;
  if (Sh + N > 64)
    M |= P[1] << (64 - Sh);
  return M & rangeMask(0, unsigned(N));
}

/// MSpan::UniformType of a span without objects yet, and of one whose
/// objects the heap bitmap describes.
extern const abi::Type FreshSpan, MixedSpan;

/// heapBitsSetType's general case. mbitmap.cpp.
void heapBitsSetTypeSlow(MSpan *S, uintptr_t X, uintptr_t Size,
                         const abi::Type *T);

/// Records which words of the object at X, allocated in scan span S of
/// small objects, hold pointers: those of the Size / T->Size elements of
/// type T it was allocated for, or all of them if T has no pointer mask
/// (gc: heapBitsSetType). Inline for the common case, another object of
/// the type and size S has held so far: nothing to write.
__attribute__((always_inline)) inline void
heapBitsSetType(MSpan *S, uintptr_t X, uintptr_t Size, const abi::Type *T) {
  if (S->UniformType == T && S->UniformSize == Size)
    return;
  heapBitsSetTypeSlow(S, X, Size, T);
}

/// The pointer words of small object Obj of span S (bit I for word I),
/// if S->ElemSize <= 64 words and S has HeapBits or is uniform; else
/// false, and the caller reads the bitmap word by word (heapBitAt).
__attribute__((always_inline)) inline bool
objectMask(const MSpan *S, uintptr_t Obj, uint64_t *Mask) {
  if (__atomic_load_n(&S->UniformType, __ATOMIC_ACQUIRE) != &MixedSpan) {
    *Mask = S->UniformMask;
    return true;
  }
  if (!S->HeapBits || S->ElemSize > 64 * 8)
    return false;
  *Mask = readBits(S->HeapBits, (Obj - S->base()) / 8, S->ElemSize / 8);
  return true;
}

/// Whether word Addr of a small object holds a pointer, by the heap
/// bitmap. mbitmap.cpp.
bool heapBitAt(uintptr_t Addr);

/// The span containing address P, or null if P is in no span (gc:
/// spanOf). P may be any value. Works for interior pointers of small and
/// large objects and for stack memory (State == Manual). The result is
/// stable while the span is in use; check State before trusting it.
__attribute__((always_inline)) inline MSpan *spanOf(uintptr_t P) {
  HeapArena *A = arenaOf(P);
  if (!A)
    return nullptr;
  return atomic::loadAcq(&A->Spans[(P >> PageShift) % PagesPerArena]);
}

/// spanOf for P known to be in an arena (gc: spanOfUnchecked).
__attribute__((always_inline)) inline MSpan *spanOfUnchecked(uintptr_t P) {
  HeapArena *A = arenaOf(P);
  return A->Spans[(P >> PageShift) % PagesPerArena];
}

/// The InUse heap span whose objects P points into, else null (gc:
/// spanOfHeap): null for stacks and for the tail past the last object.
inline MSpan *spanOfHeap(uintptr_t P) {
  MSpan *S = spanOf(P);
  if (!S || S->State != MSpanState::InUse || P < S->base() || P >= S->Limit)
    return nullptr;
  return S;
}

/// The base address of the heap object containing P, or 0 if P points to
/// no heap object (gc: findObject). Sets *SpanOut and *IndexOut when not 0.
inline uintptr_t findObject(uintptr_t P, MSpan **SpanOut, uintptr_t *IndexOut) {
  MSpan *S = spanOfHeap(P);
  if (!S)
    return 0;
  uintptr_t Idx = S->objIndex(P);
  if (SpanOut)
    *SpanOut = S;
  if (IndexOut)
    *IndexOut = Idx;
  return S->base() + Idx * S->ElemSize;
}

/// Initialises the heap (called by mallocinit).
void mheapinit();

/// Allocates the AllocBits / GCMarkBits of a span of NElems objects: zeroed,
/// 8-byte aligned, whole 64-bit words (gc: newAllocBits, newMarkBits).
/// Caller holds Heap.Lock. mbitmap.cpp.
uint8_t *newSpanBits(uintptr_t NElems);
/// Takes back the bitmaps of a span that is freed. Caller holds Heap.Lock.
/// mbitmap.cpp.
void freeSpanBits(uint8_t *Bits, uintptr_t NElems);
/// Sets how many bytes of heap, in use plus free, the scavenger may leave
/// mapped (0 for no bound of the collector's): it keeps free pages up to
/// Bytes - in use instead of returning them to the OS. The pacer sets it
/// after each cycle's mark (mgc.cpp); it applies from the next freeing on.
void heapSetRetain(uint64_t Bytes);
/// While On, freeing spans does not run the scavenger (the sweep frees
/// many; mgcsweep.cpp). Turning it off scavenges once.
void heapScavengeOff(bool On);

} // namespace gort

#endif // GORT_RUNTIME_MHEAP_H
