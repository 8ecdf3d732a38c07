//===- runtime/map_fast.cpp - Map operations for common key types ---------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See map.cpp for the overview. These are gc's map_fast32.go,
// map_fast64.go and map_faststr.go: the same table, specialised for keys
// passed by value whose equality is bitwise (4- and 8-byte keys: integers,
// pointers, channels, small plain structs) or string equality.
//
// What the specialisation buys: the key compare is one load and compare
// (strings: length, then pointer identity, then bytes), no call through
// Key->Equal; the hash is computed inline when the map's Hasher is the standard
// one (gort_memhash32/64, gort_strhash), else called through it; a one-
// bucket map (B == 0) is searched without hashing at all; evacuation copies
// fixed-size keys. Helpers are templates over the key kind (Fast32, Fast64,
// FastStr) and are always inlined, so each entry point is one frame.
//
// Preconditions (codegen's choice, as gc's walk/assign.go mapfast):
//   - _fast32/_fast64: the key is 4/8 bytes of plain memory stored inline
//     (KeySize 4/8); Go equality of two keys is equality of their bits.
//   - _faststr: the key type is string (or a defined string type).
//   - The element is stored inline (not MapFlagIndirectElem: at most
//     abi::MapMaxElemSize bytes).
// The generic entry points (mapiterinit/next, mapclear) work on every map,
// these included: both families keep the same bucket layout and use the
// same hash, so a map may mix them.
//
//===----------------------------------------------------------------------===//

#include "runtime/map.h"
#include "runtime/type.h"

#include "runtime/abi_entry.h"
#include "runtime/alg.h"
#include "runtime/panic.h"
#include "runtime/rand.h"
#include "runtime/stubs.h"

namespace gort {

namespace {

#define GORT_INLINE __attribute__((always_inline)) inline

/// Keys of 4 bytes, compared as uint32_t.
struct Fast32 {
  using Key = uint32_t;
  static GORT_INLINE uintptr_t hash(const abi::MapType *T, const void *P,
                                    uintptr_t Seed) {
    if (__builtin_expect(T->Hasher == &gort_memhash32_f, 1))
      return memhash32(P, Seed);
    return mapHash(T, P, Seed);
  }
};

/// Keys of 8 bytes, compared as uint64_t.
struct Fast64 {
  using Key = uint64_t;
  static GORT_INLINE uintptr_t hash(const abi::MapType *T, const void *P,
                                    uintptr_t Seed) {
    if (__builtin_expect(T->Hasher == &gort_memhash64_f, 1))
      return memhash64(P, Seed);
    return mapHash(T, P, Seed);
  }
};

/// String keys.
struct FastStr {
  using Key = abi::String;
  static GORT_INLINE uintptr_t hash(const abi::MapType *T, const void *P,
                                    uintptr_t Seed) {
    if (__builtin_expect(T->Hasher == &gort_strhash_f, 1)) {
      const auto *S = static_cast<const abi::String *>(P);
      return memhash(S->Ptr, Seed, uintptr_t(S->Len));
    }
    return mapHash(T, P, Seed);
  }
};

/// Stores a key into its slot: integer keys hold no pointers (a
/// precondition of the fast paths); a string's data pointer goes through
/// storePointer (map.h).
GORT_INLINE void storeKey(uint32_t *Dst, uint32_t K) { *Dst = K; }
GORT_INLINE void storeKey(uint64_t *Dst, uint64_t K) { *Dst = K; }
GORT_INLINE void storeKey(abi::String *Dst, abi::String K) {
  storePointer(&Dst->Ptr, K.Ptr);
  Dst->Len = K.Len;
}

template <typename Ops>
GORT_INLINE typename Ops::Key *keyAt(BMap *B, uintptr_t I) {
  return reinterpret_cast<typename Ops::Key *>(reinterpret_cast<uint8_t *>(B) +
                                               DataOffset +
                                               I * sizeof(typename Ops::Key));
}

template <typename Ops>
GORT_INLINE void *elemAt(const abi::MapType *T, BMap *B, uintptr_t I) {
  return reinterpret_cast<uint8_t *>(B) + DataOffset +
         BucketCnt * sizeof(typename Ops::Key) + I * T->ValueSize;
}

GORT_INLINE bool sameString(const abi::String &A, const abi::String &B) {
  return A.Ptr == B.Ptr || memcmp(A.Ptr, B.Ptr, size_t(A.Len)) == 0;
}

/// gc: evacuate_fast32/64/str. As evacuate (map.cpp), without indirect
/// keys or elems and without NaN-like keys.
template <typename Ops>
void evacuateFast(const abi::MapType *T, HMap *H, uintptr_t OldBucket) {
  using K = typename Ops::Key;
  BMap *B = bucketAt(T, H->OldBuckets, OldBucket);
  uintptr_t NewBit = H->noldbuckets();
  if (!evacuated(B)) {
    BMap *DstB[2] = {bucketAt(T, H->Buckets, OldBucket), nullptr};
    uintptr_t DstI[2] = {0, 0};
    if (!H->sameSizeGrow())
      DstB[1] = bucketAt(T, H->Buckets, OldBucket + NewBit);
    for (; B; B = overflowOf(T, B)) {
      for (uintptr_t I = 0; I < BucketCnt; I++) {
        uint8_t Top = B->TopHash[I];
        if (isEmpty(Top)) {
          B->TopHash[I] = EvacuatedEmpty;
          continue;
        }
        if (Top < MinTopHash)
          fatal("bad map state");
        K *KP = keyAt<Ops>(B, I);
        uintptr_t UseY = 0;
        if (!H->sameSizeGrow() &&
            (Ops::hash(T, KP, uintptr_t(H->Hash0)) & NewBit))
          UseY = 1;
        B->TopHash[I] = uint8_t(EvacuatedX + UseY);
        if (DstI[UseY] == BucketCnt) {
          DstB[UseY] = newoverflow(T, H, DstB[UseY]);
          DstI[UseY] = 0;
        }
        BMap *D = DstB[UseY];
        uintptr_t DI = DstI[UseY]++ & (BucketCnt - 1);
        D->TopHash[DI] = Top;
        storeKey(keyAt<Ops>(D, DI), *KP);
        typedmemmove(T->Elem, elemAt<Ops>(T, D, DI), elemAt<Ops>(T, B, I));
      }
    }
    if (!(H->Flags & FlagOldIterator) && T->Bucket->PtrData != 0) {
      uint8_t *Old =
          reinterpret_cast<uint8_t *>(bucketAt(T, H->OldBuckets, OldBucket));
      memclrHasPointers(Old + DataOffset, T->BucketSize - DataOffset);
    }
  }
  if (OldBucket == H->NEvacuate)
    advanceEvacuationMark(H, T, NewBit);
}

/// gc: growWork_fast32/64/str.
template <typename Ops>
GORT_INLINE void growWorkFast(const abi::MapType *T, HMap *H,
                              uintptr_t Bucket) {
  evacuateFast<Ops>(T, H, Bucket & H->oldbucketmask());
  if (H->growing())
    evacuateFast<Ops>(T, H, H->NEvacuate);
}

/// gc: mapaccess1_fast32/64 and mapaccess2_fast32/64: the element's
/// address, or null.
template <typename Ops>
GORT_INLINE void *accessFast(const abi::MapType *T, void *HV,
                             typename Ops::Key Key) {
  using K = typename Ops::Key;
  HMap *H = static_cast<HMap *>(HV);
  if (!H || H->Count == 0)
    return nullptr;
  if (H->Flags & FlagHashWriting)
    fatal("concurrent map read and map write");
  BMap *B;
  if (H->B == 0)
    B = static_cast<BMap *>(H->Buckets); // one bucket: no need to hash
  else
    B = readBucket(T, H, Ops::hash(T, &Key, uintptr_t(H->Hash0)));
  for (; B; B = overflowOf(T, B)) {
    K *KP = keyAt<Ops>(B, 0);
    for (uintptr_t I = 0; I < BucketCnt; I++)
      if (KP[I] == Key && !isEmpty(B->TopHash[I]))
        return elemAt<Ops>(T, B, I);
  }
  return nullptr;
}

/// gc: mapassign_fast32/64.
template <typename Ops>
GORT_INLINE void *assignFast(const abi::MapType *T, void *HV,
                             typename Ops::Key Key) {
  using K = typename Ops::Key;
  HMap *H = static_cast<HMap *>(HV);
  if (!H)
    panicNilMapAssign();
  if (H->Flags & FlagHashWriting)
    fatal("concurrent map writes");
  uintptr_t Hash = Ops::hash(T, &Key, uintptr_t(H->Hash0));
  H->Flags ^= FlagHashWriting;
  if (!H->Buckets)
    setPtr(&H->Buckets, newBucket(T));

  uintptr_t Bucket;
  BMap *B;
  BMap *InsertB;
  uintptr_t InsertI;
again:
  Bucket = Hash & bucketMask(H->B);
  if (H->growing())
    growWorkFast<Ops>(T, H, Bucket);
  B = bucketAt(T, H->Buckets, Bucket);
  InsertB = nullptr;
  InsertI = 0;
  for (;;) {
    K *KP = keyAt<Ops>(B, 0);
    for (uintptr_t I = 0; I < BucketCnt; I++) {
      if (isEmpty(B->TopHash[I])) {
        if (!InsertB) {
          InsertB = B;
          InsertI = I;
        }
        if (B->TopHash[I] == EmptyRest)
          goto notFound;
        continue;
      }
      if (KP[I] != Key)
        continue;
      InsertB = B;
      InsertI = I;
      goto done;
    }
    BMap *Ovf = overflowOf(T, B);
    if (!Ovf)
      break;
    B = Ovf;
  }
notFound:
  if (!H->growing() && (overLoadFactor(H->Count + 1, H->B) ||
                        tooManyOverflowBuckets(H->NOverflow, H->B))) {
    hashGrow(T, H);
    goto again;
  }
  if (!InsertB) {
    InsertB = newoverflow(T, H, B);
    InsertI = 0;
  }
  InsertB->TopHash[InsertI & (BucketCnt - 1)] = tophash(Hash);
  storeKey(keyAt<Ops>(InsertB, InsertI), Key);
  H->Count++;
done:
  void *Elem = elemAt<Ops>(T, InsertB, InsertI);
  if (!(H->Flags & FlagHashWriting))
    fatal("concurrent map writes");
  H->Flags &= ~FlagHashWriting;
  return Elem;
}

/// Clears slot I of B and fixes up EmptyRest markers, then counts the
/// entry gone (the shared tail of gc's mapdelete_fast*).
GORT_INLINE void deleteSlot(const abi::MapType *T, HMap *H, BMap *BOrig,
                            BMap *B, uintptr_t I) {
  B->TopHash[I] = EmptyOne;
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
        break;
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
  if (H->Count == 0)
    H->Hash0 = fastrand(); // gc issue 25237
}

/// gc: mapdelete_fast32/64.
template <typename Ops>
GORT_INLINE void deleteFast(const abi::MapType *T, void *HV,
                            typename Ops::Key Key) {
  using K = typename Ops::Key;
  HMap *H = static_cast<HMap *>(HV);
  if (!H || H->Count == 0)
    return;
  if (H->Flags & FlagHashWriting)
    fatal("concurrent map writes");
  uintptr_t Hash = Ops::hash(T, &Key, uintptr_t(H->Hash0));
  H->Flags ^= FlagHashWriting;
  uintptr_t Bucket = Hash & bucketMask(H->B);
  if (H->growing())
    growWorkFast<Ops>(T, H, Bucket);
  BMap *BOrig = bucketAt(T, H->Buckets, Bucket);
  for (BMap *B = BOrig; B; B = overflowOf(T, B)) {
    K *KP = keyAt<Ops>(B, 0);
    for (uintptr_t I = 0; I < BucketCnt; I++) {
      if (KP[I] != Key || isEmpty(B->TopHash[I]))
        continue;
      // Pointer-shaped keys do not take this path today (codegen uses the
      // generic one for them); kept for gc's mapdelete_fast64 on
      // fast64ptr maps.
      if (T->Key->PtrData != 0)
        memclrHasPointers(&KP[I], sizeof(K));
      memclrHasPointers(elemAt<Ops>(T, B, I), T->Elem->Size);
      deleteSlot(T, H, BOrig, B, I);
      goto out;
    }
  }
out:
  if (!(H->Flags & FlagHashWriting))
    fatal("concurrent map writes");
  H->Flags &= ~FlagHashWriting;
}

/// gc: mapaccess1_faststr / mapaccess2_faststr: the element, or null.
GORT_INLINE void *accessFastStr(const abi::MapType *T, void *HV,
                                abi::String Key) {
  HMap *H = static_cast<HMap *>(HV);
  if (!H || H->Count == 0)
    return nullptr;
  if (H->Flags & FlagHashWriting)
    fatal("concurrent map read and map write");
  if (H->B == 0) {
    // One bucket: compare without hashing.
    BMap *B = static_cast<BMap *>(H->Buckets);
    abi::String *KP = keyAt<FastStr>(B, 0);
    if (Key.Len < 32) {
      // Short keys: comparing is cheap.
      for (uintptr_t I = 0; I < BucketCnt; I++) {
        if (KP[I].Len != Key.Len || isEmpty(B->TopHash[I])) {
          if (B->TopHash[I] == EmptyRest)
            break;
          continue;
        }
        if (sameString(KP[I], Key))
          return elemAt<FastStr>(T, B, I);
      }
      return nullptr;
    }
    // Long keys: rule out candidates by their ends, compare at most one in
    // full, and hash if two remain.
    uintptr_t KeyMaybe = BucketCnt;
    for (uintptr_t I = 0; I < BucketCnt; I++) {
      const abi::String &K = KP[I];
      if (K.Len != Key.Len || isEmpty(B->TopHash[I])) {
        if (B->TopHash[I] == EmptyRest)
          break;
        continue;
      }
      if (K.Ptr == Key.Ptr)
        return elemAt<FastStr>(T, B, I);
      if (readUnaligned32(K.Ptr) != readUnaligned32(Key.Ptr))
        continue;
      if (readUnaligned32(K.Ptr + Key.Len - 4) !=
          readUnaligned32(Key.Ptr + Key.Len - 4))
        continue;
      if (KeyMaybe != BucketCnt)
        goto dohash;
      KeyMaybe = I;
    }
    if (KeyMaybe != BucketCnt && sameString(KP[KeyMaybe], Key))
      return elemAt<FastStr>(T, B, KeyMaybe);
    return nullptr;
  }
dohash:
  uintptr_t Hash = FastStr::hash(T, &Key, uintptr_t(H->Hash0));
  BMap *B = readBucket(T, H, Hash);
  uint8_t Top = tophash(Hash);
  for (; B; B = overflowOf(T, B)) {
    abi::String *KP = keyAt<FastStr>(B, 0);
    for (uintptr_t I = 0; I < BucketCnt; I++) {
      if (KP[I].Len != Key.Len || B->TopHash[I] != Top)
        continue;
      if (sameString(KP[I], Key))
        return elemAt<FastStr>(T, B, I);
    }
  }
  return nullptr;
}

} // namespace

} // namespace gort

using namespace gort;

extern "C" {

void *gort_mapaccess1_fast32(const abi::MapType *T, void *H, uint32_t Key) {
  void *E = accessFast<Fast32>(T, H, Key);
  return E ? E : const_cast<uint8_t *>(ZeroVal);
}

void *gort_mapaccess2_fast32(const abi::MapType *T, void *H, uint32_t Key) {
  return accessFast<Fast32>(T, H, Key);
}

void *gort_mapassign_fast32(const abi::MapType *T, void *H, uint32_t Key) {
  return assignFast<Fast32>(T, H, Key);
}

void gort_mapdelete_fast32(const abi::MapType *T, void *H, uint32_t Key) {
  deleteFast<Fast32>(T, H, Key);
}

void *gort_mapaccess1_fast64(const abi::MapType *T, void *H, uint64_t Key) {
  void *E = accessFast<Fast64>(T, H, Key);
  return E ? E : const_cast<uint8_t *>(ZeroVal);
}

void *gort_mapaccess2_fast64(const abi::MapType *T, void *H, uint64_t Key) {
  return accessFast<Fast64>(T, H, Key);
}

void *gort_mapassign_fast64(const abi::MapType *T, void *H, uint64_t Key) {
  return assignFast<Fast64>(T, H, Key);
}

void gort_mapdelete_fast64(const abi::MapType *T, void *H, uint64_t Key) {
  deleteFast<Fast64>(T, H, Key);
}

void *gort_mapaccess1_faststr(const abi::MapType *T, void *H,
                              const uint8_t *KeyPtr, int64_t KeyLen) {
  void *E = accessFastStr(T, H, abi::String{KeyPtr, KeyLen});
  return E ? E : const_cast<uint8_t *>(ZeroVal);
}

void *gort_mapaccess2_faststr(const abi::MapType *T, void *H,
                              const uint8_t *KeyPtr, int64_t KeyLen) {
  return accessFastStr(T, H, abi::String{KeyPtr, KeyLen});
}

void *gort_mapassign_faststr(const abi::MapType *T, void *HV,
                             const uint8_t *KeyPtr, int64_t KeyLen) {
  HMap *H = static_cast<HMap *>(HV);
  if (!H)
    panicNilMapAssign();
  if (H->Flags & FlagHashWriting)
    fatal("concurrent map writes");
  abi::String Key{KeyPtr, KeyLen};
  uintptr_t Hash = FastStr::hash(T, &Key, uintptr_t(H->Hash0));
  H->Flags ^= FlagHashWriting;
  if (!H->Buckets)
    setPtr(&H->Buckets, newBucket(T));
  uint8_t Top = tophash(Hash);

  uintptr_t Bucket;
  BMap *B;
  BMap *InsertB;
  uintptr_t InsertI;
again:
  Bucket = Hash & bucketMask(H->B);
  if (H->growing())
    growWorkFast<FastStr>(T, H, Bucket);
  B = bucketAt(T, H->Buckets, Bucket);
  InsertB = nullptr;
  InsertI = 0;
  for (;;) {
    abi::String *KP = keyAt<FastStr>(B, 0);
    for (uintptr_t I = 0; I < BucketCnt; I++) {
      if (B->TopHash[I] != Top) {
        if (isEmpty(B->TopHash[I]) && !InsertB) {
          InsertB = B;
          InsertI = I;
        }
        if (B->TopHash[I] == EmptyRest)
          goto notFound;
        continue;
      }
      if (KP[I].Len != Key.Len || !sameString(KP[I], Key))
        continue;
      // Present. Store the new pointer so the old string can be freed.
      InsertB = B;
      InsertI = I;
      storePointer(&KP[I].Ptr, Key.Ptr);
      goto done;
    }
    BMap *Ovf = overflowOf(T, B);
    if (!Ovf)
      break;
    B = Ovf;
  }
notFound:
  if (!H->growing() && (overLoadFactor(H->Count + 1, H->B) ||
                        tooManyOverflowBuckets(H->NOverflow, H->B))) {
    hashGrow(T, H);
    goto again;
  }
  if (!InsertB) {
    InsertB = newoverflow(T, H, B);
    InsertI = 0;
  }
  InsertB->TopHash[InsertI & (BucketCnt - 1)] = Top;
  storeKey(keyAt<FastStr>(InsertB, InsertI), Key);
  H->Count++;
done:
  void *Elem = elemAt<FastStr>(T, InsertB, InsertI);
  if (!(H->Flags & FlagHashWriting))
    fatal("concurrent map writes");
  H->Flags &= ~FlagHashWriting;
  return Elem;
}

void gort_mapdelete_faststr(const abi::MapType *T, void *HV,
                            const uint8_t *KeyPtr, int64_t KeyLen) {
  HMap *H = static_cast<HMap *>(HV);
  if (!H || H->Count == 0)
    return;
  if (H->Flags & FlagHashWriting)
    fatal("concurrent map writes");
  abi::String Key{KeyPtr, KeyLen};
  uintptr_t Hash = FastStr::hash(T, &Key, uintptr_t(H->Hash0));
  H->Flags ^= FlagHashWriting;
  uintptr_t Bucket = Hash & bucketMask(H->B);
  if (H->growing())
    growWorkFast<FastStr>(T, H, Bucket);
  BMap *BOrig = bucketAt(T, H->Buckets, Bucket);
  uint8_t Top = tophash(Hash);
  for (BMap *B = BOrig; B; B = overflowOf(T, B)) {
    abi::String *KP = keyAt<FastStr>(B, 0);
    for (uintptr_t I = 0; I < BucketCnt; I++) {
      if (KP[I].Len != Key.Len || B->TopHash[I] != Top)
        continue;
      if (!sameString(KP[I], Key))
        continue;
      storePointer(&KP[I].Ptr, nullptr); // drop the reference; Len stays
      memclrHasPointers(elemAt<FastStr>(T, B, I), T->Elem->Size);
      deleteSlot(T, H, BOrig, B, I);
      goto out;
    }
  }
out:
  if (!(H->Flags & FlagHashWriting))
    fatal("concurrent map writes");
  H->Flags &= ~FlagHashWriting;
}

} // extern "C"
