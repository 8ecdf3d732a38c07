//===- runtime/mbitmap.cpp - Span allocation bitmaps ----------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The per-span object bitmaps and the free-slot search over them (gc: the
// allocBits half of mbitmap.go, and newAllocBits/newMarkBits of mheap.go).
// The heap's pointer bitmap for the collector will join this file.
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

} // namespace gort
