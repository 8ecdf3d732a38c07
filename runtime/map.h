//===- runtime/map.h - Go maps: internal structures -------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See map.cpp for the overview. This header holds what map.cpp and
// map_fast.cpp share, and what the runtime unit tests inspect: the hmap,
// bucket and iterator layouts and the small inline helpers over them.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_MAP_H
#define GORT_RUNTIME_MAP_H

#include "libgort/abi.h"
#include "runtime/mgc.h"

#include <stddef.h>
#include <stdint.h>

namespace gort {

/// Slots per bucket (gc: bucketCnt).
constexpr uintptr_t BucketCnt = abi::MapBucketCnt;
static_assert(BucketCnt == 8, "tophash masks assume 8 slots");
/// Keys start here, after the tophash bytes (gc: dataOffset).
constexpr uintptr_t DataOffset = abi::MapDataOffset;
static_assert(DataOffset == BucketCnt);

/// Maximum average load of a bucket before growth, 6.5, as a fraction
/// (gc: loadFactorNum/loadFactorDen).
constexpr uintptr_t LoadFactorNum = 13;
constexpr uintptr_t LoadFactorDen = 2;

// tophash values (gc's constants). A slot whose tophash is below
// MinTopHash holds no live key; real hashes are bumped above it.
constexpr uint8_t EmptyRest = 0;  ///< empty, and so is every later slot and
                                  ///< overflow bucket of this chain
constexpr uint8_t EmptyOne = 1;   ///< empty
constexpr uint8_t EvacuatedX = 2; ///< moved to the lower half of the new table
constexpr uint8_t EvacuatedY = 3; ///< moved to the upper half
constexpr uint8_t EvacuatedEmpty = 4; ///< empty, bucket evacuated
constexpr uint8_t MinTopHash = 5;     ///< smallest tophash of a full slot
static_assert((EvacuatedX ^ 1) == EvacuatedY && EvacuatedX + 1 == EvacuatedY);

// HMap::Flags bits (gc's hmap flags).
constexpr uint8_t FlagIterator = 1;     ///< an iterator may use Buckets
constexpr uint8_t FlagOldIterator = 2;  ///< an iterator may use OldBuckets
constexpr uint8_t FlagHashWriting = 4;  ///< a write is in progress
constexpr uint8_t FlagSameSizeGrow = 8; ///< the current growth keeps B

/// HIter::CheckBucket when no check is needed (gc: noCheck).
constexpr uintptr_t NoCheck = ~uintptr_t(0);

/// A bucket (gc: bmap): BucketCnt tophash bytes, then BucketCnt key slots,
/// BucketCnt elem slots and the overflow pointer at BucketSize - 8. Only
/// the first part has a fixed layout; the rest is reached by offsets from
/// the MapType.
struct BMap {
  uint8_t TopHash[BucketCnt];
};

/// A growable array of overflow bucket pointers (gc: []*bmap behind
/// mapextra.overflow). Kept only for maps whose buckets hold no pointers,
/// where the collector will not scan buckets and so would not see the
/// overflow links.
struct OverflowList {
  BMap **Ptr;
  intptr_t Len;
  intptr_t Cap;
};

/// Fields not every map needs (gc: mapextra).
struct MapExtra {
  OverflowList *Overflow;    ///< overflow buckets of Buckets (see above)
  OverflowList *OldOverflow; ///< overflow buckets of OldBuckets
  /// Next free preallocated overflow bucket, or null. A preallocated
  /// bucket with a null overflow pointer has more after it; the last one's
  /// overflow pointer is a non-null sentinel (the bucket array).
  BMap *NextOverflow;
};

/// A map header (gc: hmap). A Go map value points at one.
struct HMap {
  intptr_t Count;      ///< live entries; len(m). Must be first.
  uint8_t Flags;       ///< Flag* bits
  uint8_t B;           ///< log2 of the bucket count
  uint16_t NOverflow;  ///< overflow buckets, exact below B = 16, sampled
                       ///< above (incrnoverflow)
  uint32_t Hash0;      ///< this map's hash seed
  void *Buckets;       ///< 2^B buckets; null until the first insert if B == 0
  void *OldBuckets;    ///< half as many (or as many, same-size growth)
                       ///< buckets being evacuated; null when not growing
  uintptr_t NEvacuate; ///< old buckets below this are all evacuated
  MapExtra *Extra;     ///< null until needed

  bool growing() const { return OldBuckets != nullptr; }
  bool sameSizeGrow() const { return Flags & FlagSameSizeGrow; }
  /// Bucket count before the current growth (gc: noldbuckets).
  uintptr_t noldbuckets() const {
    uint8_t OldB = B;
    if (!sameSizeGrow())
      OldB--;
    return uintptr_t(1) << (OldB & 63);
  }
  uintptr_t oldbucketmask() const { return noldbuckets() - 1; }
};

static_assert(offsetof(HMap, Count) == abi::MapCountOffset);
static_assert(sizeof(HMap) == 48, "gc's hmap is 48 bytes");

/// A map iteration in progress (gc: hiter); the runtime's view of
/// abi::MapIter.
struct HIter {
  void *Key;  ///< current key, null at the end
  void *Elem; ///< current element
  const abi::MapType *T;
  HMap *H;
  void *Buckets;             ///< H->Buckets at mapiterinit
  BMap *BPtr;                ///< bucket being walked
  OverflowList *Overflow;    ///< keeps Buckets' overflow buckets alive
  OverflowList *OldOverflow; ///< keeps OldBuckets' overflow buckets alive
  uintptr_t StartBucket;     ///< bucket the walk started at
  uint8_t Offset;            ///< slot the walk starts at in every bucket
  bool Wrapped;              ///< passed the end of the bucket array
  uint8_t B;                 ///< H->B at mapiterinit
  uint8_t I;                 ///< next slot (before Offset) in BPtr
  uintptr_t Bucket;          ///< next bucket index
  uintptr_t CheckBucket;     ///< NoCheck, or the new bucket whose keys we
                             ///< take from an unevacuated old bucket
};

static_assert(sizeof(HIter) == abi::MapIterSize);
static_assert(sizeof(HIter) == sizeof(abi::MapIter));
static_assert(offsetof(HIter, Key) == abi::MapIterKeyOffset);
static_assert(offsetof(HIter, Elem) == abi::MapIterElemOffset);

/// 1 << B (gc: bucketShift); the mask keeps the shift defined.
inline uintptr_t bucketShift(uint8_t B) { return uintptr_t(1) << (B & 63); }
inline uintptr_t bucketMask(uint8_t B) { return bucketShift(B) - 1; }

/// The tophash of a hash: its top byte, bumped past the markers.
inline uint8_t tophash(uintptr_t Hash) {
  uint8_t Top = uint8_t(Hash >> 56);
  if (Top < MinTopHash)
    Top += MinTopHash;
  return Top;
}

inline bool isEmpty(uint8_t Top) { return Top <= EmptyOne; }

/// True if B's chain has been evacuated to the new table.
inline bool evacuated(const BMap *B) {
  uint8_t H = B->TopHash[0];
  return H > EmptyOne && H < MinTopHash;
}

inline BMap *bucketAt(const abi::MapType *T, void *Base, uintptr_t I) {
  return reinterpret_cast<BMap *>(static_cast<uint8_t *>(Base) +
                                  I * T->BucketSize);
}

inline BMap **overflowSlot(const abi::MapType *T, BMap *B) {
  return reinterpret_cast<BMap **>(reinterpret_cast<uint8_t *>(B) +
                                   T->BucketSize - sizeof(void *));
}
inline BMap *overflowOf(const abi::MapType *T, BMap *B) {
  return *overflowSlot(T, B);
}
inline void setOverflow(const abi::MapType *T, BMap *B, BMap *Ovf);

/// Address of key slot I (the slot itself: a pointer if keys are indirect).
inline void *keySlot(const abi::MapType *T, BMap *B, uintptr_t I) {
  return reinterpret_cast<uint8_t *>(B) + DataOffset + I * T->KeySize;
}
/// Address of elem slot I.
inline void *elemSlot(const abi::MapType *T, BMap *B, uintptr_t I) {
  return reinterpret_cast<uint8_t *>(B) + DataOffset + BucketCnt * T->KeySize +
         I * T->ValueSize;
}

inline bool indirectKey(const abi::MapType *T) {
  return T->Flags & abi::MapFlagIndirectKey;
}
inline bool indirectElem(const abi::MapType *T) {
  return T->Flags & abi::MapFlagIndirectElem;
}
inline bool reflexiveKey(const abi::MapType *T) {
  return T->Flags & abi::MapFlagReflexiveKey;
}
inline bool needKeyUpdate(const abi::MapType *T) {
  return T->Flags & abi::MapFlagNeedKeyUpdate;
}
inline bool hashMightPanic(const abi::MapType *T) {
  return T->Flags & abi::MapFlagHashMightPanic;
}

/// The bucket that holds Hash's key for reading: in the new table, or in
/// the old one while that part is not evacuated yet.
inline BMap *readBucket(const abi::MapType *T, const HMap *H, uintptr_t Hash) {
  uintptr_t Mask = bucketMask(H->B);
  BMap *B = bucketAt(T, H->Buckets, Hash & Mask);
  if (void *Old = H->OldBuckets) {
    if (!H->sameSizeGrow())
      Mask >>= 1; // half as many buckets before the growth
    BMap *OldB = bucketAt(T, Old, Hash & Mask);
    if (!evacuated(OldB))
      B = OldB;
  }
  return B;
}

/// gc: overLoadFactor. Would Count entries in 2^B buckets exceed 6.5 per
/// bucket?
inline bool overLoadFactor(intptr_t Count, uint8_t B) {
  return Count > intptr_t(BucketCnt) &&
         uintptr_t(Count) > LoadFactorNum * (bucketShift(B) / LoadFactorDen);
}

/// gc: tooManyOverflowBuckets. About as many overflow buckets as buckets.
inline bool tooManyOverflowBuckets(uint16_t NOverflow, uint8_t B) {
  if (B > 15)
    B = 15;
  return NOverflow >= uint16_t(1) << (B & 15);
}

/// The address of every absent element (gc: zeroVal).
extern const uint8_t ZeroVal[abi::MapMaxZeroSize];

// The map code changes memory the collector scans only through these
// three helpers, which run the write barrier while a mark runs (mgc.h):
// gc's typedmemmove, memclrHasPointers, and the barrier the gc compiler
// puts on a plain pointer store.

/// Copies one value of type T (gc: typedmemmove).
inline void typedmemmove(const abi::Type *T, void *Dst, const void *Src) {
  wbMove(Dst, Src, T->Size);
}

/// Clears N bytes that may hold pointers (gc: memclrHasPointers).
inline void memclrHasPointers(void *P, uintptr_t N) { wbClear(P, N); }

/// Stores the pointer P into the pointer-sized slot at Slot.
inline void storePointer(void *Slot, const void *P) {
  wbStore(static_cast<void **>(Slot), const_cast<void *>(P));
}

/// Stores V into the pointer field *Slot of a map's header, extra fields,
/// overflow list or iterator, with the write barrier: those live in the
/// heap, and a concurrent mark may be scanning them.
template <typename T, typename U> inline void setPtr(T **Slot, U V) {
  wbStore(reinterpret_cast<void **>(const_cast<T **>(Slot)),
          const_cast<void *>(static_cast<const void *>(V)));
}

inline void setOverflow(const abi::MapType *T, BMap *B, BMap *Ovf) {
  storePointer(overflowSlot(T, B), Ovf);
}

// Shared by map.cpp and map_fast.cpp (gc's names; see map.cpp).

/// A new bucket chained after B, from the preallocated ones when there are
/// any (gc: hmap.newoverflow).
BMap *newoverflow(const abi::MapType *T, HMap *H, BMap *B);
/// A single zeroed bucket (gc: newobject(t.bucket)).
void *newBucket(const abi::MapType *T);
/// Starts growing H: bigger if over the load factor, else same-size.
void hashGrow(const abi::MapType *T, HMap *H);
/// Moves the evacuation mark past old buckets that are done; ends the
/// growth when all are (gc: advanceEvacuationMark).
void advanceEvacuationMark(HMap *H, const abi::MapType *T, uintptr_t NewBit);
/// Evacuates the old bucket Bucket will read from, and one more.
void growWork(const abi::MapType *T, HMap *H, uintptr_t Bucket);
/// Evacuates old bucket OldBucket and its overflow chain.
void evacuate(const abi::MapType *T, HMap *H, uintptr_t OldBucket);
/// Panics with gc's plainError "assignment to entry in nil map".
[[noreturn]] void panicNilMapAssign();

} // namespace gort

#endif // GORT_RUNTIME_MAP_H
