//===- runtime/mspan.h - Spans of pages -------------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See malloc.cpp for the overview of the allocator, mheap.cpp for how spans
// are made and mbitmap.cpp for the allocation bitmap.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_MSPAN_H
#define GORT_RUNTIME_MSPAN_H

#include "runtime/sizeclasses.h"

#include <stdint.h>

namespace gort {

namespace abi {
struct Type;
} // namespace abi

/// A size class and a noscan bit: SizeClass << 1 | Noscan (gc: spanClass).
/// Spans of noscan classes hold objects without pointers, which the
/// collector will not scan.
using SpanClass = uint8_t;
constexpr unsigned NumSpanClasses = NumSizeClasses << 1;

constexpr SpanClass makeSpanClass(unsigned SizeClass, bool Noscan) {
  return SpanClass(SizeClass << 1 | (Noscan ? 1 : 0));
}
constexpr unsigned spanClassSizeClass(SpanClass S) { return S >> 1; }
constexpr bool spanClassNoscan(SpanClass S) { return S & 1; }

/// The tiny allocator's blocks come from the 16-byte noscan class.
constexpr uint64_t MaxTinySize = 16;
constexpr unsigned TinySizeClass = 2;
constexpr SpanClass TinySpanClass = makeSpanClass(TinySizeClass, true);
static_assert(ClassToSize[TinySizeClass] == MaxTinySize);

/// gc: mSpanState.
enum class MSpanState : uint8_t {
  Dead,   ///< not in use: in the FixAlloc free list or never initialised
  InUse,  ///< a heap span: small objects of one class, or one large object
  Manual, ///< handed out whole by allocManual (stack memory)
};

struct SpanList;

/// A run of NPages contiguous pages (gc: mspan). A heap span is carved into
/// NElems objects of ElemSize bytes; AllocBits has a bit per object, set
/// when the object was allocated before the span was last cached (by a
/// future sweep: when it survived). Objects below FreeIndex are allocated;
/// at and above it, an object is free iff its AllocBits bit is clear.
/// AllocCache caches the complement of the 64 AllocBits bits from FreeIndex
/// on, shifted so that bit 0 is FreeIndex.
struct MSpan {
  MSpan *Next;    ///< in a SpanList, or the FixAlloc free list
  MSpan *Prev;    ///< in a SpanList
  SpanList *List; ///< the SpanList holding this span, or null

  uintptr_t StartAddr; ///< address of the first byte
  uintptr_t NPages;    ///< length in pages

  // Allocation state, owned by the MCache that caches the span, else
  // guarded by its MCentral's lock. Valid if State == InUse.
  uintptr_t FreeIndex; ///< 0..NElems: where the next free slot search starts
  uintptr_t NElems;    ///< objects in the span (1 for a large span)
  uint64_t AllocCache; ///< ~AllocBits from FreeIndex on (see above)
  uint8_t *AllocBits;  ///< NElems bits, rounded up to 64-bit words
  uint8_t *GCMarkBits; ///< same shape; the collector's mark bits
  uintptr_t ElemSize;  ///< object size (the whole span for a large one)
  uintptr_t Limit;     ///< end of the last object (for a large span: of
                       ///< the requested size)
  uint32_t DivMul;     ///< ClassToDivMagic of the class; 0 if large
  uint32_t SweepGen;   ///< gc's sweepgen protocol (see mcentral.cpp)
  uint16_t AllocCount; ///< allocated objects
  uint16_t AllocCountBeforeCache; ///< AllocCount when last cached
  SpanClass Class;
  MSpanState State;
  uint8_t NeedZero; ///< 1 if free slots may hold old data (gc: needzero)
  /// A stack pool chunk (a Manual span, stack.cpp): its first freed block,
  /// or 0; FreeIndex counts the blocks handed out since it was carved
  /// (those above are untouched), AllocCount its blocks in use (gc:
  /// manualFreeList).
  uintptr_t ManualFreeList;
  /// A large span's object type, for the collector (gc 1.22:
  /// mspan.largeType): null if unknown, when every word is scanned.
  const abi::Type *LargeType;
  /// A scan span of small objects inside one arena: the word of its
  /// arena's heap bitmap (HeapArena::PtrBits) for the span's first word,
  /// whose bits follow in order. Null otherwise (mbitmap.cpp).
  uint64_t *HeapBits;
  /// A scan span of small objects of at most 64 words: while every object
  /// allocated in it has been allocated with the same type (or null) and
  /// size, that type and size, and in UniformMask the pointer words of
  /// every object; the heap bitmap is then not written. &FreshSpan before
  /// the first allocation, &MixedSpan once the heap bitmap describes the
  /// objects (mbitmap.cpp).
  const abi::Type *UniformType;
  uintptr_t UniformSize;
  uint64_t UniformMask;

  uintptr_t base() const { return StartAddr; }

  /// Index of the object holding address P, which is inside the span
  /// (gc: objIndex). Division by multiplication (sizeclasses.h).
  uintptr_t objIndex(uintptr_t P) const {
    return uintptr_t((uint64_t(P - StartAddr) * DivMul) >> 32);
  }

  /// True if object Index is free (gc: isFree).
  bool isFree(uintptr_t Index) const {
    if (Index < FreeIndex)
      return false;
    return (AllocBits[Index / 8] & (1u << (Index % 8))) == 0;
  }

  /// True if object Index's mark bit is set (gc: markBits.isMarked).
  /// Markers of a parallel mark read the bits while others set them.
  bool isMarked(uintptr_t Index) const {
    return __atomic_load_n(&GCMarkBits[Index / 8], __ATOMIC_RELAXED) &
           (1u << (Index % 8));
  }
  /// Sets object Index's mark bit (gc: markBits.setMarked), when one
  /// marker runs: the world is stopped, so a plain store does.
  void setMarked(uintptr_t Index) {
    GCMarkBits[Index / 8] |= uint8_t(1u << (Index % 8));
  }
  /// Sets object Index's mark bit with an atomic or, as markers of a
  /// parallel mark do (gc: atomic.Or8 in greyobject); false if it was set
  /// already.
  /// The bitmaps are whole 64-bit words: an or on one word, whose old
  /// bit is all that is used, is a single lock bts on x86-64.
  bool tryMark(uintptr_t Index) {
    uint64_t Bit = uint64_t(1) << (Index % 64);
    auto *Word = reinterpret_cast<uint64_t *>(GCMarkBits) + Index / 64;
    return !(__atomic_fetch_or(Word, Bit, __ATOMIC_RELAXED) & Bit);
  }

  /// Returns the index of the next free object at or after FreeIndex, or
  /// NElems; advances FreeIndex past it (gc: nextFreeIndex). mbitmap.cpp.
  uintptr_t nextFreeIndex();

  /// Loads AllocCache from the 8 bytes of AllocBits at WhichByte
  /// (gc: refillAllocCache). mbitmap.cpp.
  void refillAllocCache(uintptr_t WhichByte);
};

/// Length in 64-bit words of the AllocBits and GCMarkBits of a span of
/// NElems objects (mbitmap.cpp).
constexpr uintptr_t spanBitWords(uintptr_t NElems) {
  return (NElems + 63) / 64;
}

/// A doubly linked list of spans (gc: mSpanList). Guarded by its owner's
/// lock.
struct SpanList {
  MSpan *First;
  MSpan *Last;

  bool isEmpty() const { return First == nullptr; }
  /// Adds S, which is on no list, at the front.
  void push(MSpan *S);
  /// Removes S, which is on this list.
  void remove(MSpan *S);
  /// Removes and returns the first span, or null.
  MSpan *pop();
};

/// The fast path of allocation from a cached span: the next free object
/// named by AllocCache, or 0 when the cache (or the span) is exhausted
/// (gc: nextFreeFast). The caller owns S.
__attribute__((always_inline)) inline uintptr_t nextFreeFast(MSpan *S) {
  uint64_t Cache = S->AllocCache;
  if (Cache == 0)
    return 0;
  unsigned Bit = unsigned(__builtin_ctzll(Cache));
  uintptr_t Result = S->FreeIndex + Bit;
  if (Result >= S->NElems)
    return 0;
  uintptr_t FreeIdx = Result + 1;
  // At a 64-object boundary the cache must be refilled: the slow path does.
  if (FreeIdx % 64 == 0 && FreeIdx != S->NElems)
    return 0;
  // Two shifts: Bit + 1 may be 64, which a single C++ shift cannot do.
  S->AllocCache = (Cache >> Bit) >> 1;
  S->FreeIndex = FreeIdx;
  S->AllocCount++;
  return Result * S->ElemSize + S->StartAddr;
}

} // namespace gort

#endif // GORT_RUNTIME_MSPAN_H
