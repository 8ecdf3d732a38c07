//===- runtime/mbitmap.cpp - Allocation bitmaps and the heap bitmap -------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The per-span object bitmaps and the free-slot search over them (gc: the
// allocBits half of mbitmap.go, and newAllocBits/newMarkBits of mheap.go),
// and the heap bitmap: which words of each object hold pointers (gc: the
// heapBits half of mbitmap.go).
//
// Data structures (fields of MSpan, mspan.h):
//   AllocBits   one bit per object, 1 = allocated before the span was
//               cached. Whole 64-bit words, little-endian, 8-byte aligned.
//   FreeIndex   objects below it are allocated; the free-slot search starts
//               there.
//   AllocCache  ~AllocBits[FreeIndex .. next multiple of 64), shifted so
//               that bit 0 is FreeIndex: nextFreeFast (mspan.h) finds a
//               free object with one count-trailing-zeros.
//   GCMarkBits  same shape, for the collector.
//
// nextFreeIndex (the slow path of nextFreeFast):
//   1. If FreeIndex == NElems the span is full.
//   2. While AllocCache is all zero, move FreeIndex to the next 64-object
//      boundary and load that word into AllocCache (refillAllocCache).
//   3. The object at FreeIndex + ctz(AllocCache) is free: consume it, and
//      reload AllocCache if FreeIndex now sits on a 64-object boundary.
//
// Bitmaps are carved from 64 KiB chunks of persistentalloc memory under
// Heap.Lock (newSpanBits). The sweeper (mgcsweep.cpp) frees objects as gc
// does -- AllocBits = GCMarkBits (marked = survived = allocated), the old
// AllocBits cleared as the next mark bits, FreeIndex = 0, NeedZero = 1 if
// anything was freed -- so a span keeps its two bitmaps for life (gc
// allocates fresh mark bits per cycle in gcBitsArenas; swapping needs no
// such recycling). When a span returns to the page heap its bitmaps go on
// free lists by length (freeSpanBits), which newSpanBits takes from first.
//
// Invariants: bits of objects at or above NElems are 0 in AllocBits and
// never handed out (the search stops at NElems). Only the owner of a span
// (its MCache, or its MCentral's lock holder) touches these fields.
//
// Rejected: free lists threaded through the objects (gc before 1.7): a
// bitmap keeps free memory untouched, so fresh spans need no writes, and the
// sweeper can free objects by swapping bitmaps instead of linking them.
//
// The heap bitmap. The marker (mgcmark.cpp) scans a heap object by its
// type, so that a scalar word that happens to hold an address keeps
// nothing alive and scalar words cost no lookups. Where an object's type
// is kept:
//   - large objects (one per span): MSpan::LargeType, set by mallocgc
//     (gc 1.22: largeType). The marker repeats the type's GCData over the
//     object, element by element, up to the size it was allocated with.
//   - small objects: one bit per word of the heap, in each arena's
//     HeapArena::PtrBits (1 MiB per 64 MiB arena, 1/64 of the heap,
//     backed by the OS only where touched; gc 1.19 keeps two bits per word
//     the same way). mallocgc writes an object's bits for all ElemSize
//     words when it hands the object out (heapBitsSetType): the bits of
//     each of its Size / T->Size elements, zero past them. Spans start on
//     page boundaries, so a bitmap word never serves two spans, and only
//     the span's owner writes it. MSpan::HeapBits points at the span's
//     first bitmap word when the span lies in one arena.
//   - uniform spans: most hot allocation sites fill a span with one type.
//     While every object of a span of up to 64-word objects has been
//     allocated with the same type (or none) and size, the span records
//     them and their mask (MSpan::UniformType, UniformSize, UniformMask)
//     and mallocgc writes no bits: its check is two compares. The first
//     object of another type or size writes the uniform mask into every
//     slot's bits and makes the span mixed (&MixedSpan) for the rest of
//     its life. binarytrees: 30 M
//     allocations, 10% fewer instructions in all than before the bitmap
//     (callgrind; the inline zeroing of step 5 in malloc.cpp is part of
//     it), against twice mallocgc's instructions when every allocation
//     wrote its bits.
// A type has a usable mask if its GCData is set and is not a GC program
// (hasPtrMask, mheap.h): gortc emits bitmaps; reflect.ArrayOf makes
// programs for very large arrays. Objects without a type (the runtime's
// own: G, sudog, defer records, channels' headers) or without a mask get
// every bit set, and are scanned word by word as before.
//
// Rejected: gc 1.22's allocation headers (a type pointer in front of each
// object over 512 bytes) change every size computation for a saving we do
// not need yet; a type pointer per object slot costs a word per object.
//
//===----------------------------------------------------------------------===//

#include "runtime/malloc.h"
#include "runtime/mheap.h"
#include "runtime/mspan.h"
#include "runtime/panic.h"
#include "runtime/stubs.h"

namespace gort {

namespace {
constexpr uintptr_t SpanBitsChunk = 64 << 10;
/// Freed bitmaps of up to this many words are kept for reuse: a span has
/// at most 1024 objects (8 KiB of 8-byte objects), 16 words.
constexpr uintptr_t MaxRecycledWords = 16;
/// Free bitmaps by length in words, linked through their first word.
/// Guarded by Heap.Lock.
uint64_t *FreeBits[MaxRecycledWords + 1];
} // namespace

void freeSpanBits(uint8_t *Bits, uintptr_t NElems) {
  uintptr_t Words = spanBitWords(NElems);
  if (Words > MaxRecycledWords)
    return; // cannot happen with gc's size classes; leak rather than fail
  auto *P = reinterpret_cast<uint64_t *>(Bits);
  memset(P, 0, Words * 8);
  P[0] = reinterpret_cast<uintptr_t>(FreeBits[Words]);
  FreeBits[Words] = P;
}

void MSpan::refillAllocCache(uintptr_t WhichByte) {
  // AllocBits is a whole number of aligned 64-bit words and both targets
  // are little-endian: bit I of the word is object WhichByte * 8 + I.
  uint64_t Bits = *reinterpret_cast<const uint64_t *>(AllocBits + WhichByte);
  AllocCache = ~Bits;
}

uintptr_t MSpan::nextFreeIndex() {
  uintptr_t SFreeIndex = FreeIndex;
  uintptr_t SNElems = NElems;
  if (SFreeIndex == SNElems)
    return SFreeIndex;
  uint64_t ACache = AllocCache;
  unsigned BitIndex = ACache ? unsigned(__builtin_ctzll(ACache)) : 64;
  while (BitIndex == 64) {
    // Move to the next 64-object word.
    SFreeIndex = (SFreeIndex + 64) & ~uintptr_t(63);
    if (SFreeIndex >= SNElems) {
      FreeIndex = SNElems;
      return SNElems;
    }
    refillAllocCache(SFreeIndex / 8);
    ACache = AllocCache;
    BitIndex = ACache ? unsigned(__builtin_ctzll(ACache)) : 64;
  }
  uintptr_t Result = SFreeIndex + BitIndex;
  if (Result >= SNElems) {
    FreeIndex = SNElems;
    return SNElems;
  }
  AllocCache = (ACache >> BitIndex) >> 1;
  SFreeIndex = Result + 1;
  if (SFreeIndex % 64 == 0 && SFreeIndex != SNElems)
    refillAllocCache(SFreeIndex / 8);
  FreeIndex = SFreeIndex;
  return Result;
}

uint8_t *newSpanBits(uintptr_t NElems) {
  uintptr_t Words = spanBitWords(NElems);
  uintptr_t Bytes = Words * 8;
  GORT_ASSERT(Bytes <= SpanBitsChunk);
  if (Words <= MaxRecycledWords && FreeBits[Words]) {
    uint64_t *P = FreeBits[Words];
    FreeBits[Words] = reinterpret_cast<uint64_t *>(P[0]);
    P[0] = 0; // the other words were cleared by freeSpanBits
    return reinterpret_cast<uint8_t *>(P);
  }
  if (Heap.BitsLeft < Bytes) {
    Heap.BitsChunk = uintptr_t(persistentalloc(SpanBitsChunk, 8));
    Heap.BitsLeft = SpanBitsChunk;
  }
  uint8_t *P = reinterpret_cast<uint8_t *>(Heap.BitsChunk);
  Heap.BitsChunk += Bytes;
  Heap.BitsLeft -= Bytes;
  return P;
}

const abi::Type FreshSpan = {}, MixedSpan = {};

namespace {

/// The arena bitmap word and bit of heap word Addr.
uint64_t *heapBitWord(uintptr_t Addr, uint64_t *Bit) {
  HeapArena *A = arenaOf(Addr);
  uintptr_t W = (Addr - A->Base) / 8;
  *Bit = uint64_t(1) << (W % 64);
  return &A->PtrBits[W / 64];
}

/// Replaces bits [W, W+N) of a bitmap, N <= 64, with the low N bits of M.
void writeBits(uint64_t *Bits, uintptr_t W, uintptr_t N, uint64_t M) {
  unsigned Sh = unsigned(W % 64);
  uint64_t *P = Bits + W / 64;
  uint64_t Field = rangeMask(0, unsigned(N));
  P[0] = (P[0] & ~(Field << Sh)) | (M << Sh);
  if (Sh + N > 64)
    P[1] = (P[1] & ~(Field >> (64 - Sh))) | (M >> (64 - Sh));
}

/// Replaces the bits of N <= 64 words at Addr of span S with M.
void writeSpanBits(MSpan *S, uintptr_t Addr, uintptr_t N, uint64_t M) {
  if (S->HeapBits) {
    writeBits(S->HeapBits, (Addr - S->base()) / 8, N, M);
    return;
  }
  for (uintptr_t I = 0; I < N; I++) {
    uint64_t Bit;
    uint64_t *P = heapBitWord(Addr + I * 8, &Bit);
    *P = (M >> I) & 1 ? *P | Bit : *P & ~Bit;
  }
}

/// The pointer bits of words [I, I+N), N <= 64, of an object allocated
/// with Size bytes of type T: word J holds a pointer if it falls in an
/// element's pointer prefix with its GCData bit set; every word does if T
/// has no mask.
uint64_t maskWords(const abi::Type *T, uintptr_t Size, uintptr_t I,
                   uintptr_t N) {
  if (!hasPtrMask(T))
    return rangeMask(0, unsigned(N));
  uintptr_t TW = T->Size / 8;
  uintptr_t PW = T->PtrData / 8;
  uintptr_t NElemWords = (Size > T->Size ? Size / T->Size : 1) * TW;
  uint64_t M = 0;
  for (uintptr_t J = I; J < I + N && J < NElemWords; J++) {
    uintptr_t K = J % TW;
    if (K < PW && (T->GCData[K / 8] & (1u << (K % 8))))
      M |= uint64_t(1) << (J - I);
  }
  return M;
}

} // namespace

bool heapBitAt(uintptr_t Addr) {
  uint64_t Bit;
  return *heapBitWord(Addr, &Bit) & Bit;
}

void heapBitsSetTypeSlow(MSpan *S, uintptr_t X, uintptr_t Size,
                         const abi::Type *T) {
  uintptr_t NW = S->ElemSize / 8;
  if (S->UniformType != &MixedSpan) {
    if (S->UniformType == &FreshSpan) {
      // The span's first object: the span is uniform for now.
      S->UniformType = T;
      S->UniformSize = Size;
      S->UniformMask = maskWords(T, Size, 0, NW);
      return;
    }
    // Another type or size: every slot gets the uniform mask (free slots
    // are never scanned), then the bitmap describes the span for good.
    for (uintptr_t I = 0; I < S->NElems; I++)
      writeSpanBits(S, S->base() + I * S->ElemSize, NW, S->UniformMask);
    // Release: a concurrent marker that sees MixedSpan sees the bits.
    __atomic_store_n(&S->UniformType, &MixedSpan, __ATOMIC_RELEASE);
  }
  for (uintptr_t I = 0; I < NW; I += 64) {
    uintptr_t N = NW - I < 64 ? NW - I : 64;
    writeSpanBits(S, X + I * 8, N, maskWords(T, Size, I, N));
  }
}

} // namespace gort
