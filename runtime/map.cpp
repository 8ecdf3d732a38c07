//===- runtime/map.cpp - Go maps ------------------------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Go's map: gc 1.19's hash table (map.go), bucket for bucket, so that its
// comments and its invariants apply here unchanged.
//
// Data structures (map.h; gc names in parentheses):
//   HMap (hmap)      the header a map value points at: Count first (len(m)
//                    reads it), Flags, B (2^B buckets), NOverflow, Hash0
//                    (this map's seed), Buckets, OldBuckets, NEvacuate,
//                    Extra.
//   bucket (bmap)    8 tophash bytes, 8 keys, 8 elems, overflow pointer at
//                    BucketSize - 8. Keys and elems over 128 bytes are
//                    stored out of line (the slot holds a pointer;
//                    MapType::Flags says so). Buckets of one table are one
//                    array; overflow buckets are chained, taken from the
//                    spare buckets at the end of the array first
//                    (makeBucketArray, NextOverflow).
//   tophash          the hash's top byte (bumped to >= MinTopHash), or a
//                    marker: EmptyRest (this and all later slots of the chain
//                    are empty: lookups stop here), EmptyOne, EvacuatedX/Y
//                    (moved to the low/high half of the new table),
//                    EvacuatedEmpty.
//   MapExtra (mapextra), HIter (hiter): see map.h.
//
// Lookup (mapaccess1/2): hash the key with the map type's Hasher and Hash0; the
// low B bits pick the bucket (in the old table if that bucket has not been
// evacuated yet), the top byte filters slots; walk the chain comparing keys
// with the type's Equal until EmptyRest.
//
// Insert (mapassign), in order:
//   1. Set hashWriting (after hashing: a hasher may panic).
//   2. If growing, evacuate the old bucket this key maps to, and one more
//      (growWork).
//   3. Walk the chain: an equal key gets its elem slot returned (and the key
//      overwritten if MapFlagNeedKeyUpdate, for +0/-0); otherwise remember
//      the first empty slot.
//   4. Not found: if over the load factor (6.5 per bucket) or with about as
//      many overflow buckets as buckets, start growing (hashGrow) and go to
//      2. Else store the key in the empty slot or a new overflow bucket.
// Delete clears the slot to EmptyOne and turns a trailing run of EmptyOne
// into EmptyRest.
//
// Growth: hashGrow allocates 2^(B+1) buckets (or 2^B for same-size growth,
// which compacts sparse overflow chains) and moves the old array to
// OldBuckets. Each later insert or delete evacuates up to two old buckets:
// every key goes to bucket X (same index) or Y (index + old size) by the
// new hash bit; the old slots are marked EvacuatedX/Y so iterators and
// lookups know where the golden copy is. NaN-like keys (k != k) in a map
// with iterators go by the low tophash bit instead, so iterators can
// predict them. When NEvacuate reaches the old size, growth is over.
//
// Iteration (mapiterinit/mapiternext) starts at a random bucket and slot
// offset (fastrand), walks buckets in order from the table that was current
// at mapiterinit, and during a growth that started before it, reads from the
// not-yet-evacuated old bucket only the keys bound for the new bucket it
// is visiting. An entry marked evacuated is looked up again in the current
// table (mapaccessK), so deletions and updates made during iteration show,
// and no entry is returned twice.
//
// Invariants:
//   - Count is the number of slots with tophash >= MinTopHash in the
//     current table plus the unevacuated part of the old one.
//   - Old buckets below NEvacuate are evacuated; a chain is evacuated all
//     at once (tophash[0] tells), never partially, outside evacuate.
//   - Within a chain, no slot after an EmptyRest holds a key.
//   - Keys never move within a table (iterators rely on it); they move only
//     from the old table to the new one.
//   - OldBuckets != null exactly while growing; Extra->OldOverflow is null
//     when not growing.
// Concurrency: none. A map is not safe for concurrent use (the Go memory
// model's rule); hashWriting catches some misuse as gc's "concurrent map
// writes" / "concurrent map read and map write" / "concurrent map
// iteration and map write" fatal errors. Only mapiterinit sets flags
// atomically, since several readers may iterate concurrently.
//
// Entry points (libgort/abi.def): gort_makemap, gort_mapaccess1,
// gort_mapaccess2, gort_mapassign, gort_mapdelete, gort_mapiterinit,
// gort_mapiternext, gort_mapclear here; the _fast32/_fast64/_faststr
// variants in map_fast.cpp. They run on goroutine stacks with no prologue
// check: frames are small and the deepest chain (assign -> hashGrow ->
// mallocgc) stays far inside abi::StackGuard; Key->Equal and the Hasher
// are compiled Go functions (or alg.cpp hashers) that check their own stack.
// Differences from gc's interface: mapaccess2 returns null for an absent key
// instead of (zero, false), and makemap64/makemap_small are folded into
// gort_makemap (64-bit targets only).
//
// Rejected: Swiss tables (gc 1.24; a different iteration-order and growth
// story than the 1.19 semantics we mirror); open addressing with
// tombstones (iteration during growth is harder to keep exact); growing all
// at once (a pause proportional to the map on one insert); one lock per
// map (Go does not promise concurrent safety, and gc programs rely on maps
// being cheap).
//
//===----------------------------------------------------------------------===//

#include "runtime/map.h"

#include "runtime/abi_entry.h"
#include "runtime/alg.h"
#include "runtime/error.h"
#include "runtime/malloc.h"
#include "runtime/panic.h"
#include "runtime/rand.h"
#include "runtime/sizeclasses.h"
#include "runtime/stubs.h"
#include "runtime/type.h"

namespace gort {

alignas(64) const uint8_t ZeroVal[abi::MapMaxZeroSize] = {};

namespace {

/// The largest allocation on 64-bit Linux (gc: maxAlloc); makemap ignores
/// hints whose buckets would need more.
constexpr uintptr_t MakemapMaxAlloc = uintptr_t(1) << 48;

// Descriptors of the runtime's own map objects, for the allocator and the
// collector. GCData: one bit per word of the pointer prefix.
const uint8_t HMapGCData[] = {0x2c};     // Buckets, OldBuckets, Extra
const uint8_t AllPtrsGCData[] = {0x07};  // every word a pointer
const uint8_t FirstPtrGCData[] = {0x01}; // only the first word

const abi::Type HMapType = GORT_RUNTIME_TYPE(
    "runtime.hmap", .Size = sizeof(HMap), .Align = 8, .Kind = abi::KindStruct,
    .PtrData = offsetof(HMap, Extra) + 8, .GCData = HMapGCData);
const abi::Type MapExtraType =
    GORT_RUNTIME_TYPE("runtime.mapextra", .Size = sizeof(MapExtra), .Align = 8,
                      .Kind = abi::KindStruct, .PtrData = sizeof(MapExtra),
                      .GCData = AllPtrsGCData);
const abi::Type OverflowListType = GORT_RUNTIME_TYPE(
    "[]*runtime.bmap", .Size = sizeof(OverflowList), .Align = 8,
    .Kind = abi::KindSlice, .PtrData = 8, .GCData = FirstPtrGCData);
const abi::Type BucketPtrType =
    GORT_RUNTIME_TYPE("*runtime.bmap", .Size = 8, .Align = 8,
                      .Kind = abi::KindPointer | abi::KindDirectIface,
                      .PtrData = 8, .GCData = FirstPtrGCData);

static_assert(offsetof(HMap, Buckets) == 2 * 8 &&
                  offsetof(HMap, OldBuckets) == 3 * 8 &&
                  offsetof(HMap, Extra) == 5 * 8,
              "HMapGCData");

/// gc: plainError("assignment to entry in nil map").
const abi::String NilMapAssignError =
    GORT_STRING("assignment to entry in nil map");

/// gc: hmap.incrnoverflow. Exact count for small tables; for B >= 16,
/// counts with probability 1/2^(B-15), so 1<<15 means about as many
/// overflow buckets as buckets.
void incrnoverflow(HMap *H) {
  if (H->B < 16) {
    H->NOverflow++;
    return;
  }
  uint32_t Mask = (uint32_t(1) << (H->B - 15)) - 1;
  if ((fastrand() & Mask) == 0)
    H->NOverflow++;
}

/// Appends B to *L, growing it by doubling (gc: append to *[]*bmap).
void appendOverflow(OverflowList *L, BMap *B) {
  if (L->Len == L->Cap) {
    intptr_t NewCap = L->Cap ? 2 * L->Cap : 8;
    auto **P = static_cast<BMap **>(
        mallocgc(uintptr_t(NewCap) * sizeof(BMap *), &BucketPtrType, true));
    if (L->Len)
      wbMove(P, L->Ptr, uintptr_t(L->Len) * sizeof(BMap *));
    setPtr(&L->Ptr, P);
    L->Cap = NewCap;
  }
  setPtr(&L->Ptr[L->Len++], B);
}

MapExtra *newMapExtra() {
  return static_cast<MapExtra *>(
      mallocgc(sizeof(MapExtra), &MapExtraType, true));
}

/// gc: hmap.createOverflow.
void createOverflow(HMap *H) {
  if (!H->Extra)
    setPtr(&H->Extra, newMapExtra());
  if (!H->Extra->Overflow)
    setPtr(&H->Extra->Overflow,
           static_cast<OverflowList *>(
               mallocgc(sizeof(OverflowList), &OverflowListType, true)));
}

/// gc: makeBucketArray. Allocates (or clears and reuses DirtyAlloc, which
/// came from here with the same T and B) at least 2^B buckets; for B >= 4
/// adds about 2^(B-4) spare overflow buckets, as many as fit the size
/// class. Sets *NextOverflow to the first spare, or null.
void *makeBucketArray(const abi::MapType *T, uint8_t B, void *DirtyAlloc,
                      BMap **NextOverflow) {
  uintptr_t Base = bucketShift(B);
  uintptr_t NBuckets = Base;
  if (B >= 4) {
    // The expected number of overflow buckets for the median number of
    // elements at this B.
    NBuckets += bucketShift(B - 4);
    uintptr_t Sz = uintptr_t(T->BucketSize) * NBuckets;
    uintptr_t Up = roundupsize(Sz);
    if (Up != Sz)
      NBuckets = Up / T->BucketSize;
  }
  void *Buckets;
  if (!DirtyAlloc) {
    Buckets = mallocgc(uintptr_t(T->BucketSize) * NBuckets, T->Bucket, true);
  } else {
    Buckets = DirtyAlloc;
    memclrHasPointers(Buckets, uintptr_t(T->BucketSize) * NBuckets);
  }
  *NextOverflow = nullptr;
  if (Base != NBuckets) {
    // A spare with a null overflow pointer has more after it; the last
    // one points at a safe non-null sentinel, the array itself.
    *NextOverflow = bucketAt(T, Buckets, Base);
    setOverflow(T, bucketAt(T, Buckets, NBuckets - 1),
                static_cast<BMap *>(Buckets));
  }
  return Buckets;
}

/// The shared walk of gc's mapaccess1, mapaccess2 and mapaccessK. Returns
/// the bucket holding Key and its slot in *Slot, or null. H is non-empty.
__attribute__((always_inline)) inline BMap *
lookup(const abi::MapType *T, HMap *H, const void *Key, uintptr_t *Slot) {
  uintptr_t Hash = mapHash(T, Key, uintptr_t(H->Hash0));
  BMap *B = readBucket(T, H, Hash);
  uint8_t Top = tophash(Hash);
  for (; B; B = overflowOf(T, B)) {
    for (uintptr_t I = 0; I < BucketCnt; I++) {
      if (B->TopHash[I] != Top) {
        if (B->TopHash[I] == EmptyRest)
          return nullptr;
        continue;
      }
      void *K = keySlot(T, B, I);
      if (indirectKey(T))
        K = *static_cast<void **>(K);
      if (typeEqual(T->Key, Key, K)) {
        *Slot = I;
        return B;
      }
    }
  }
  return nullptr;
}

/// The element of slot I of B, through its pointer if indirect.
inline void *elemOf(const abi::MapType *T, BMap *B, uintptr_t I) {
  void *E = elemSlot(T, B, I);
  if (indirectElem(T))
    E = *static_cast<void **>(E);
  return E;
}

/// gc: mapaccessK. The map's copy of Key and its element, for iterators
/// whose entry has been evacuated; false if the key is gone.
bool mapaccessK(const abi::MapType *T, HMap *H, const void *Key, void **KOut,
                void **EOut) {
  if (!H || H->Count == 0)
    return false;
  uintptr_t I;
  BMap *B = lookup(T, H, Key, &I);
  if (!B)
    return false;
  void *K = keySlot(T, B, I);
  if (indirectKey(T))
    K = *static_cast<void **>(K);
  *KOut = K;
  *EOut = elemOf(T, B, I);
  return true;
}

/// The nil-or-empty prologue of lookups and deletes: gc still hashes the
/// key when hashing may panic, so m[k] with an unhashable k panics even
/// on an empty map (issue 23734).
inline void hashForPanic(const abi::MapType *T, const void *Key) {
  if (hashMightPanic(T))
    mapHash(T, Key, 0);
}

struct EvacDst {
  BMap *B;     ///< current destination bucket
  uintptr_t I; ///< next slot in B
  uint8_t *K;  ///< its key slot
  uint8_t *E;  ///< its elem slot
};

/// gc: bucketEvacuated.
bool bucketEvacuated(const abi::MapType *T, HMap *H, uintptr_t Bucket) {
  return evacuated(bucketAt(T, H->OldBuckets, Bucket));
}

} // namespace

void *newBucket(const abi::MapType *T) {
  return mallocgc(T->BucketSize, T->Bucket, true);
}

BMap *newoverflow(const abi::MapType *T, HMap *H, BMap *B) {
  BMap *Ovf;
  if (H->Extra && H->Extra->NextOverflow) {
    // A preallocated one.
    Ovf = H->Extra->NextOverflow;
    if (!overflowOf(T, Ovf)) {
      setPtr(&H->Extra->NextOverflow,
             reinterpret_cast<BMap *>(reinterpret_cast<uint8_t *>(Ovf) +
                                      T->BucketSize));
    } else {
      // The last one: clear its sentinel.
      setOverflow(T, Ovf, nullptr);
      setPtr(&H->Extra->NextOverflow, nullptr);
    }
  } else {
    Ovf = static_cast<BMap *>(newBucket(T));
  }
  incrnoverflow(H);
  if (T->Bucket->PtrData == 0) {
    createOverflow(H);
    appendOverflow(H->Extra->Overflow, Ovf);
  }
  setOverflow(T, B, Ovf);
  return Ovf;
}

void hashGrow(const abi::MapType *T, HMap *H) {
  // Over the load factor: double. Otherwise there are too many overflow
  // buckets: keep the size and repack.
  uint8_t Bigger = 1;
  if (!overLoadFactor(H->Count + 1, H->B)) {
    Bigger = 0;
    H->Flags |= FlagSameSizeGrow;
  }
  void *OldBuckets = H->Buckets;
  BMap *NextOverflow;
  void *NewBuckets = makeBucketArray(T, H->B + Bigger, nullptr, &NextOverflow);

  uint8_t Flags = H->Flags & ~(FlagIterator | FlagOldIterator);
  if (H->Flags & FlagIterator)
    Flags |= FlagOldIterator;
  H->B += Bigger;
  H->Flags = Flags;
  setPtr(&H->OldBuckets, OldBuckets);
  setPtr(&H->Buckets, NewBuckets);
  H->NEvacuate = 0;
  H->NOverflow = 0;

  if (H->Extra && H->Extra->Overflow) {
    // The current overflow buckets become the old generation.
    if (H->Extra->OldOverflow)
      fatal("oldoverflow is not nil");
    setPtr(&H->Extra->OldOverflow, H->Extra->Overflow);
    setPtr(&H->Extra->Overflow, nullptr);
  }
  if (NextOverflow) {
    if (!H->Extra)
      setPtr(&H->Extra, newMapExtra());
    setPtr(&H->Extra->NextOverflow, NextOverflow);
  }
  // growWork and evacuate copy the entries, a little at a time.
}

void advanceEvacuationMark(HMap *H, const abi::MapType *T, uintptr_t NewBit) {
  H->NEvacuate++;
  // Skip buckets evacuated out of order, at most 1024 at a time (gc's
  // bound, to keep each step O(1)).
  uintptr_t Stop = H->NEvacuate + 1024;
  if (Stop > NewBit)
    Stop = NewBit;
  while (H->NEvacuate != Stop && bucketEvacuated(T, H, H->NEvacuate))
    H->NEvacuate++;
  if (H->NEvacuate == NewBit) { // NewBit is the old bucket count
    // Done. Iterators that still walk the old array keep it alive.
    setPtr(&H->OldBuckets, nullptr);
    if (H->Extra)
      setPtr(&H->Extra->OldOverflow, nullptr);
    H->Flags &= ~FlagSameSizeGrow;
  }
}

void growWork(const abi::MapType *T, HMap *H, uintptr_t Bucket) {
  // The old bucket the caller is about to use...
  evacuate(T, H, Bucket & H->oldbucketmask());
  // ...and one more, to make progress.
  if (H->growing())
    evacuate(T, H, H->NEvacuate);
}

void evacuate(const abi::MapType *T, HMap *H, uintptr_t OldBucket) {
  BMap *B = bucketAt(T, H->OldBuckets, OldBucket);
  uintptr_t NewBit = H->noldbuckets();
  if (!evacuated(B)) {
    // X is the same index in the new table, Y the index + NewBit.
    EvacDst XY[2];
    EvacDst *X = &XY[0];
    X->B = bucketAt(T, H->Buckets, OldBucket);
    X->I = 0;
    X->K = reinterpret_cast<uint8_t *>(X->B) + DataOffset;
    X->E = X->K + BucketCnt * T->KeySize;
    if (!H->sameSizeGrow()) {
      // Only when growing bigger: the Y bucket does not exist otherwise.
      EvacDst *Y = &XY[1];
      Y->B = bucketAt(T, H->Buckets, OldBucket + NewBit);
      Y->I = 0;
      Y->K = reinterpret_cast<uint8_t *>(Y->B) + DataOffset;
      Y->E = Y->K + BucketCnt * T->KeySize;
    }
    for (; B; B = overflowOf(T, B)) {
      uint8_t *K = reinterpret_cast<uint8_t *>(B) + DataOffset;
      uint8_t *E = K + BucketCnt * T->KeySize;
      for (uintptr_t I = 0; I < BucketCnt;
           I++, K += T->KeySize, E += T->ValueSize) {
        uint8_t Top = B->TopHash[I];
        if (isEmpty(Top)) {
          B->TopHash[I] = EvacuatedEmpty;
          continue;
        }
        if (Top < MinTopHash)
          fatal("bad map state");
        void *K2 = K;
        if (indirectKey(T))
          K2 = *reinterpret_cast<void **>(K);
        uint8_t UseY = 0;
        if (!H->sameSizeGrow()) {
          // The new hash bit decides between X and Y.
          uintptr_t Hash = mapHash(T, K2, uintptr_t(H->Hash0));
          if ((H->Flags & FlagIterator) && !reflexiveKey(T) &&
              !typeEqual(T->Key, K2, K2)) {
            // k != k (NaN): the hash is random, but an iterator must be
            // able to predict the choice. Use the low tophash bit, and
            // give the key a fresh random tophash so NaNs spread out over
            // later growths.
            UseY = Top & 1;
            Top = tophash(Hash);
          } else if (Hash & NewBit) {
            UseY = 1;
          }
        }
        B->TopHash[I] = uint8_t(EvacuatedX + UseY);
        EvacDst *Dst = &XY[UseY];
        if (Dst->I == BucketCnt) {
          Dst->B = newoverflow(T, H, Dst->B);
          Dst->I = 0;
          Dst->K = reinterpret_cast<uint8_t *>(Dst->B) + DataOffset;
          Dst->E = Dst->K + BucketCnt * T->KeySize;
        }
        Dst->B->TopHash[Dst->I & (BucketCnt - 1)] = Top;
        if (indirectKey(T))
          storePointer(Dst->K, K2);
        else
          typedmemmove(T->Key, Dst->K, K);
        if (indirectElem(T))
          storePointer(Dst->E, *reinterpret_cast<void **>(E));
        else
          typedmemmove(T->Elem, Dst->E, E);
        Dst->I++;
        // May point past the key or elem array now; the overflow pointer
        // at the bucket's end keeps that inside the bucket.
        Dst->K += T->KeySize;
        Dst->E += T->ValueSize;
      }
    }
    // Drop the old chain's references for the collector, unless an
    // iterator may still read them. The tophash bytes keep the
    // evacuation state.
    if (!(H->Flags & FlagOldIterator) && T->Bucket->PtrData != 0) {
      uint8_t *Old =
          reinterpret_cast<uint8_t *>(bucketAt(T, H->OldBuckets, OldBucket));
      memclrHasPointers(Old + DataOffset, T->BucketSize - DataOffset);
    }
  }
  if (OldBucket == H->NEvacuate)
    advanceEvacuationMark(H, T, NewBit);
}

void panicNilMapAssign() {
  gort_gopanic(&PlainErrorType, const_cast<abi::String *>(&NilMapAssignError));
}

namespace {

/// gc: mapiternext.
void mapiternext(HIter *It) {
  HMap *H = It->H;
  if (H->Flags & FlagHashWriting)
    fatal("concurrent map iteration and map write");
  const abi::MapType *T = It->T;
  uintptr_t Bucket = It->Bucket;
  BMap *B = It->BPtr;
  uintptr_t I = It->I;
  uintptr_t CheckBucket = It->CheckBucket;

  for (;;) {
    if (!B) {
      if (Bucket == It->StartBucket && It->Wrapped) {
        setPtr(&It->Key, nullptr); // end of iteration
        setPtr(&It->Elem, nullptr);
        return;
      }
      if (H->growing() && It->B == H->B) {
        // The iterator started during this growth. If the old bucket
        // feeding this new bucket is not evacuated yet, walk it instead
        // and take only the keys that will land in this bucket.
        uintptr_t OldBucket = Bucket & H->oldbucketmask();
        B = bucketAt(T, H->OldBuckets, OldBucket);
        if (!evacuated(B)) {
          CheckBucket = Bucket;
        } else {
          B = bucketAt(T, It->Buckets, Bucket);
          CheckBucket = NoCheck;
        }
      } else {
        B = bucketAt(T, It->Buckets, Bucket);
        CheckBucket = NoCheck;
      }
      Bucket++;
      if (Bucket == bucketShift(It->B)) {
        Bucket = 0;
        It->Wrapped = true;
      }
      I = 0;
    }
    for (; I < BucketCnt; I++) {
      uintptr_t OffI = (I + It->Offset) & (BucketCnt - 1);
      uint8_t Top = B->TopHash[OffI];
      if (isEmpty(Top) || Top == EvacuatedEmpty)
        continue; // EmptyRest is not usable: we start mid-bucket
      void *K = keySlot(T, B, OffI);
      if (indirectKey(T))
        K = *static_cast<void **>(K);
      void *E = elemSlot(T, B, OffI);
      if (CheckBucket != NoCheck && !H->sameSizeGrow()) {
        // Walking an unevacuated old bucket during a doubling: skip keys
        // bound for the other half.
        if (reflexiveKey(T) || typeEqual(T->Key, K, K)) {
          uintptr_t Hash = mapHash(T, K, uintptr_t(H->Hash0));
          if ((Hash & bucketMask(It->B)) != CheckBucket)
            continue;
        } else {
          // k != k: its hash is not repeatable; evacuate sends it by the
          // low tophash bit, so follow that.
          if ((CheckBucket >> (It->B - 1)) != uintptr_t(Top & 1))
            continue;
        }
      }
      if ((Top != EvacuatedX && Top != EvacuatedY) ||
          !(reflexiveKey(T) || typeEqual(T->Key, K, K))) {
        // The golden copy, or a k != k key, which can be neither updated
        // nor deleted, so this copy is as good as any.
        setPtr(&It->Key, K);
        if (indirectElem(T))
          E = *static_cast<void **>(E);
        setPtr(&It->Elem, E);
      } else {
        // The table has grown since; the entry may have been deleted,
        // updated or re-added. Ask the current table (and take its key:
        // it may have been overwritten by an equal one, +0 for -0).
        void *RK, *RE;
        if (!mapaccessK(T, H, K, &RK, &RE))
          continue;
        setPtr(&It->Key, RK);
        setPtr(&It->Elem, RE);
      }
      It->Bucket = Bucket;
      setPtr(&It->BPtr, B);
      It->I = uint8_t(I + 1);
      It->CheckBucket = CheckBucket;
      return;
    }
    B = overflowOf(T, B);
    I = 0;
  }
}

} // namespace

} // namespace gort

using namespace gort;

extern "C" {

void *gort_makemap(const abi::MapType *T, int64_t Hint, void *HV) {
  // gc: makemap64 (a no-op on 64-bit targets), then makemap. A hint that
  // is negative or would need more than maxAlloc is ignored, as gc does;
  // gc reports neither (the compiler rejects constant ones).
  uintptr_t Mem;
  if (__builtin_mul_overflow(uintptr_t(Hint), uintptr_t(T->BucketSize), &Mem) ||
      Mem > MakemapMaxAlloc)
    Hint = 0;

  HMap *H = static_cast<HMap *>(HV);
  if (!H)
    H = static_cast<HMap *>(mallocgc(sizeof(HMap), &HMapType, true));
  H->Hash0 = fastrand();

  // The smallest B that holds Hint entries.
  uint8_t B = 0;
  while (overLoadFactor(intptr_t(Hint), B))
    B++;
  H->B = B;

  // B == 0: the bucket is allocated by the first mapassign (or was
  // provided by the compiler in H->Buckets).
  if (B != 0) {
    BMap *NextOverflow;
    setPtr(&H->Buckets, makeBucketArray(T, B, nullptr, &NextOverflow));
    if (NextOverflow) {
      setPtr(&H->Extra, newMapExtra());
      setPtr(&H->Extra->NextOverflow, NextOverflow);
    }
  }
  return H;
}

void *gort_mapaccess1(const abi::MapType *T, void *HV, const void *Key) {
  HMap *H = static_cast<HMap *>(HV);
  if (!H || H->Count == 0) {
    hashForPanic(T, Key);
    return const_cast<uint8_t *>(ZeroVal);
  }
  if (H->Flags & FlagHashWriting)
    fatal("concurrent map read and map write");
  uintptr_t I;
  BMap *B = lookup(T, H, Key, &I);
  if (!B)
    return const_cast<uint8_t *>(ZeroVal);
  return elemOf(T, B, I);
}

void *gort_mapaccess2(const abi::MapType *T, void *HV, const void *Key) {
  HMap *H = static_cast<HMap *>(HV);
  if (!H || H->Count == 0) {
    hashForPanic(T, Key);
    return nullptr;
  }
  if (H->Flags & FlagHashWriting)
    fatal("concurrent map read and map write");
  uintptr_t I;
  BMap *B = lookup(T, H, Key, &I);
  if (!B)
    return nullptr;
  return elemOf(T, B, I);
}

void *gort_mapassign(const abi::MapType *T, void *HV, const void *Key) {
  HMap *H = static_cast<HMap *>(HV);
  if (!H)
    panicNilMapAssign();
  if (H->Flags & FlagHashWriting)
    fatal("concurrent map writes");
  uintptr_t Hash = mapHash(T, Key, uintptr_t(H->Hash0));
  // Only now: a hasher that panics has not started a write.
  H->Flags ^= FlagHashWriting;
  if (!H->Buckets)
    setPtr(&H->Buckets, newBucket(T));

  uint8_t Top = tophash(Hash);
  uintptr_t Bucket;
  BMap *B;
  uint8_t *InsertI;
  void *InsertK;
  void *Elem;
again:
  Bucket = Hash & bucketMask(H->B);
  if (H->growing())
    growWork(T, H, Bucket);
  B = bucketAt(T, H->Buckets, Bucket);
  InsertI = nullptr;
  InsertK = nullptr;
  Elem = nullptr;
  for (;;) {
    for (uintptr_t I = 0; I < BucketCnt; I++) {
      if (B->TopHash[I] != Top) {
        if (isEmpty(B->TopHash[I]) && !InsertI) {
          InsertI = &B->TopHash[I];
          InsertK = keySlot(T, B, I);
          Elem = elemSlot(T, B, I);
        }
        if (B->TopHash[I] == EmptyRest)
          goto notFound;
        continue;
      }
      void *K = keySlot(T, B, I);
      if (indirectKey(T))
        K = *static_cast<void **>(K);
      if (!typeEqual(T->Key, Key, K))
        continue;
      // Present: update it.
      if (needKeyUpdate(T))
        typedmemmove(T->Key, K, Key);
      Elem = elemSlot(T, B, I);
      goto done;
    }
    BMap *Ovf = overflowOf(T, B);
    if (!Ovf)
      break;
    B = Ovf;
  }
notFound:
  // Not present. Grow first if this insert would overload the table or
  // overflow chains have piled up, unless a growth is under way.
  if (!H->growing() && (overLoadFactor(H->Count + 1, H->B) ||
                        tooManyOverflowBuckets(H->NOverflow, H->B))) {
    hashGrow(T, H);
    goto again; // everything moved
  }
  if (!InsertI) {
    // The chain is full: add a bucket.
    BMap *NewB = newoverflow(T, H, B);
    InsertI = &NewB->TopHash[0];
    InsertK = keySlot(T, NewB, 0);
    Elem = elemSlot(T, NewB, 0);
  }
  if (indirectKey(T)) {
    void *KMem = mallocgc(T->Key->Size, T->Key, true);
    storePointer(InsertK, KMem);
    InsertK = KMem;
  }
  if (indirectElem(T)) {
    void *VMem = mallocgc(T->Elem->Size, T->Elem, true);
    storePointer(Elem, VMem);
  }
  typedmemmove(T->Key, InsertK, Key);
  *InsertI = Top;
  H->Count++;
done:
  if (!(H->Flags & FlagHashWriting))
    fatal("concurrent map writes");
  H->Flags &= ~FlagHashWriting;
  if (indirectElem(T))
    Elem = *static_cast<void **>(Elem);
  return Elem;
}

void gort_mapdelete(const abi::MapType *T, void *HV, const void *Key) {
  HMap *H = static_cast<HMap *>(HV);
  if (!H || H->Count == 0) {
    hashForPanic(T, Key);
    return;
  }
  if (H->Flags & FlagHashWriting)
    fatal("concurrent map writes");
  uintptr_t Hash = mapHash(T, Key, uintptr_t(H->Hash0));
  H->Flags ^= FlagHashWriting;

  uintptr_t Bucket = Hash & bucketMask(H->B);
  if (H->growing())
    growWork(T, H, Bucket);
  BMap *B = bucketAt(T, H->Buckets, Bucket);
  BMap *BOrig = B;
  uint8_t Top = tophash(Hash);
  for (; B; B = overflowOf(T, B)) {
    for (uintptr_t I = 0; I < BucketCnt; I++) {
      if (B->TopHash[I] != Top) {
        if (B->TopHash[I] == EmptyRest)
          goto out;
        continue;
      }
      void *K = keySlot(T, B, I);
      void *K2 = K;
      if (indirectKey(T))
        K2 = *static_cast<void **>(K2);
      if (!typeEqual(T->Key, Key, K2))
        continue;
      // Clear the key only if it holds pointers; the elem always (a later
      // mapaccess of a re-added key must see zero).
      if (indirectKey(T))
        storePointer(K, nullptr);
      else if (T->Key->PtrData != 0)
        memclrHasPointers(K, T->Key->Size);
      void *E = elemSlot(T, B, I);
      if (indirectElem(T))
        storePointer(E, nullptr);
      else
        memclrHasPointers(E, T->Elem->Size);
      B->TopHash[I] = EmptyOne;
      // If the chain now ends in EmptyOne slots, make them EmptyRest.
      if (I == BucketCnt - 1) {
        BMap *Ovf = overflowOf(T, B);
        if (Ovf && Ovf->TopHash[0] != EmptyRest)
          goto notLast;
      } else if (B->TopHash[I + 1] != EmptyRest) {
        goto notLast;
      }
      for (;;) {
        B->TopHash[I] = EmptyRest;
        if (I == 0) {
          if (B == BOrig)
            break; // the start of the chain
          // Continue at the last slot of the previous bucket.
          BMap *C = B;
          for (B = BOrig; overflowOf(T, B) != C; B = overflowOf(T, B)) {
          }
          I = BucketCnt - 1;
        } else {
          I--;
        }
        if (B->TopHash[I] != EmptyOne)
          break;
      }
    notLast:
      H->Count--;
      // A fresh seed makes repeated collision attacks harder (gc issue
      // 25237).
      if (H->Count == 0)
        H->Hash0 = fastrand();
      goto out;
    }
  }
out:
  if (!(H->Flags & FlagHashWriting))
    fatal("concurrent map writes");
  H->Flags &= ~FlagHashWriting;
}

void gort_mapiterinit(const abi::MapType *T, void *HV, abi::MapIter *ItABI) {
  HIter *It = reinterpret_cast<HIter *>(ItABI);
  HMap *H = static_cast<HMap *>(HV);
  It->T = T;
  setPtr(&It->Key, nullptr);
  setPtr(&It->Elem, nullptr);
  if (!H || H->Count == 0)
    return;
  setPtr(&It->H, H);
  // A snapshot of the table.
  It->B = H->B;
  setPtr(&It->Buckets, H->Buckets);
  if (T->Bucket->PtrData == 0) {
    // Keep the overflow buckets reachable from the iterator even if the
    // map grows or gains overflow buckets meanwhile.
    createOverflow(H);
    setPtr(&It->Overflow, H->Extra->Overflow);
    setPtr(&It->OldOverflow, H->Extra->OldOverflow);
  }
  // A random start bucket and slot offset.
  uintptr_t R = H->B > 31 - 3 ? uintptr_t(fastrand64()) : fastrand();
  It->StartBucket = R & bucketMask(H->B);
  It->Offset = uint8_t((R >> H->B) & (BucketCnt - 1));
  It->Bucket = It->StartBucket;
  It->Wrapped = false;
  setPtr(&It->BPtr, nullptr);
  It->I = 0;
  It->CheckBucket = 0;
  // Other iterators may be starting at the same time: set flags
  // atomically.
  uint8_t Want = FlagIterator | FlagOldIterator;
  if ((__atomic_load_n(&H->Flags, __ATOMIC_RELAXED) & Want) != Want)
    __atomic_fetch_or(&H->Flags, Want, __ATOMIC_RELAXED);
  mapiternext(It);
}

void gort_mapiternext(abi::MapIter *It) {
  mapiternext(reinterpret_cast<HIter *>(It));
}

void gort_mapclear(const abi::MapType *T, void *HV) {
  HMap *H = static_cast<HMap *>(HV);
  if (!H || H->Count == 0)
    return;
  if (H->Flags & FlagHashWriting)
    fatal("concurrent map writes");
  H->Flags ^= FlagHashWriting;
  H->Flags &= ~FlagSameSizeGrow;
  setPtr(&H->OldBuckets, nullptr);
  H->NEvacuate = 0;
  H->NOverflow = 0;
  H->Count = 0;
  // A fresh seed (gc issue 25237).
  H->Hash0 = fastrand();
  // Keep the MapExtra, but empty.
  if (H->Extra) {
    setPtr(&H->Extra->Overflow, nullptr);
    setPtr(&H->Extra->OldOverflow, nullptr);
    setPtr(&H->Extra->NextOverflow, nullptr);
  }
  // Clearing the array also recovers its spare overflow buckets.
  BMap *NextOverflow;
  makeBucketArray(T, H->B, H->Buckets, &NextOverflow);
  if (NextOverflow) {
    // Spares exist only when B >= 4, and then makemap or hashGrow has
    // already made an Extra for them.
    if (!H->Extra)
      setPtr(&H->Extra, newMapExtra());
    setPtr(&H->Extra->NextOverflow, NextOverflow);
  }
  if (!(H->Flags & FlagHashWriting))
    fatal("concurrent map writes");
  H->Flags &= ~FlagHashWriting;
}

} // extern "C"
