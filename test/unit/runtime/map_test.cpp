//===- test/unit/runtime/map_test.cpp - Maps and hashing ------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Hosted tests of runtime/map.cpp, map_fast.cpp and alg.cpp: the hash
// table's invariants while it grows (checked after every evacuation step),
// iteration during growth, deletes during growth, same-size growth, NaN and
// +0/-0 keys, indirect keys, clearing, the fatal and panic paths, and the
// cost of the fast paths. Map type descriptors are built here the way
// codegen lays them out (libgort/abi.h MapType).
//
//===----------------------------------------------------------------------===//

#include "libgort/abi.h"
#include "runtime/abi_entry.h"
#include "runtime/alg.h"
#include "runtime/map.h"
#include "runtime/type.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <vector>

using namespace gort;

namespace {

using gort::abi::FuncVal;

bool eq64(const FuncVal *, const void *A, const void *B) {
  return *static_cast<const int64_t *>(A) == *static_cast<const int64_t *>(B);
}
bool eqF64(const FuncVal *, const void *A, const void *B) {
  return *static_cast<const double *>(A) == *static_cast<const double *>(B);
}
struct Big {
  int64_t W[25];
};
bool eqBig(const FuncVal *, const void *A, const void *B) {
  return std::memcmp(A, B, sizeof(Big)) == 0;
}
uintptr_t hashBig(const FuncVal *, const void *P, uintptr_t Seed) {
  return gort_memhash(P, Seed, sizeof(Big));
}
/// A hash the test controls: the key itself, so keys can be aimed at
/// buckets.
uintptr_t identityHash(const FuncVal *, const void *P, uintptr_t) {
  return *static_cast<const uint64_t *>(P);
}

/// A key type: its descriptor, and the hasher a map of it uses.
struct TestKey {
  gort::abi::Type T;
  const FuncVal *Hasher;
};

/// A Go func value for F.
template <typename Fn> constexpr FuncVal funcVal(Fn F) {
  return FuncVal{reinterpret_cast<void (*)()>(F)};
}
const FuncVal Eq64F = funcVal(eq64), EqF64F = funcVal(eqF64),
              EqBigF = funcVal(eqBig), HashBigF = funcVal(hashBig),
              IdentityHashF = funcVal(identityHash);

TestKey keyType(uintptr_t Size, gort::abi::Kind K, const FuncVal *Eq,
                const FuncVal *H) {
  TestKey T{};
  T.T.Size = Size;
  T.T.Align = T.T.FieldAlign = 8;
  T.T.Kind = K;
  T.T.Equal = Eq;
  T.Hasher = H;
  return T;
}

/// A map type laid out as codegen does: slots of KeySize/ValueSize (8 for
/// types over 128 bytes, stored indirectly), overflow pointer last.
struct TestMapType {
  gort::abi::Type Bucket{};
  gort::abi::MapType T{};

  TestMapType(const TestKey *TK, const TestKey *TE, uint32_t Flags,
              bool NoscanBucket) {
    const gort::abi::Type *K = &TK->T, *E = &TE->T;
    T.T.Size = 8;
    T.T.Kind = gort::abi::KindMap;
    T.Key = K;
    T.Elem = E;
    T.Hasher = TK->Hasher;
    T.Bucket = &Bucket;
    T.Flags = Flags;
    if (K->Size > gort::abi::MapMaxKeySize) {
      T.KeySize = 8;
      T.Flags |= gort::abi::MapFlagIndirectKey;
    } else {
      T.KeySize = uint8_t(K->Size);
    }
    if (E->Size > gort::abi::MapMaxElemSize) {
      T.ValueSize = 8;
      T.Flags |= gort::abi::MapFlagIndirectElem;
    } else {
      T.ValueSize = uint8_t(E->Size);
    }
    uintptr_t Size = 8 + 8 * uintptr_t(T.KeySize) + 8 * uintptr_t(T.ValueSize);
    Size = (Size + 7) & ~uintptr_t(7);
    T.BucketSize = uint16_t(Size + 8);
    Bucket.Size = T.BucketSize;
    Bucket.PtrData = NoscanBucket ? 0 : T.BucketSize;
    Bucket.Align = Bucket.FieldAlign = 8;
    Bucket.Kind = gort::abi::KindStruct;
  }
  const gort::abi::MapType *get() const { return &T; }
};

const TestKey Int64T =
    keyType(8, gort::abi::KindInt64, &Eq64F, &gort_memhash64_f);
const TestKey IdentT = keyType(8, gort::abi::KindInt64, &Eq64F, &IdentityHashF);
const TestKey F64T =
    keyType(8, gort::abi::KindFloat64, &EqF64F, &gort_f64hash_f);
const TestKey BigT =
    keyType(sizeof(Big), gort::abi::KindArray, &EqBigF, &HashBigF);

HMap *hmap(void *M) { return static_cast<HMap *>(M); }

int64_t *assign(const gort::abi::MapType *T, void *M, int64_t K) {
  return static_cast<int64_t *>(gort_mapassign(T, M, &K));
}
int64_t *lookup(const gort::abi::MapType *T, void *M, int64_t K) {
  return static_cast<int64_t *>(gort_mapaccess2(T, M, &K));
}
void remove(const gort::abi::MapType *T, void *M, int64_t K) {
  gort_mapdelete(T, M, &K);
}

/// Checks the structural invariants of map.cpp's design note and returns
/// the keys the table holds (each once). For reflexive keys, also checks
/// that every key sits in the bucket its hash selects.
std::vector<int64_t> checkInvariants(const gort::abi::MapType *T, void *M) {
  HMap *H = hmap(M);
  std::vector<int64_t> Keys;
  if (!H->Buckets)
    return Keys;
  bool Reflexive = T->Flags & gort::abi::MapFlagReflexiveKey;
  auto walkChain = [&](BMap *B, uintptr_t Mask, uintptr_t Want) {
    bool SeenRest = false;
    for (; B; B = overflowOf(T, B)) {
      for (uintptr_t I = 0; I < BucketCnt; I++) {
        uint8_t Top = B->TopHash[I];
        if (SeenRest)
          EXPECT_EQ(Top, EmptyRest) << "slot after EmptyRest in use";
        if (Top == EmptyRest)
          SeenRest = true;
        if (isEmpty(Top))
          continue;
        EXPECT_GE(Top, MinTopHash) << "evacuation marker in a live chain";
        void *K = keySlot(T, B, I);
        if (T->Flags & gort::abi::MapFlagIndirectKey)
          K = *static_cast<void **>(K);
        int64_t Key;
        std::memcpy(&Key, K, 8);
        Keys.push_back(Key);
        if (Reflexive) {
          uintptr_t Hash = gort::mapHash(T, K, H->Hash0);
          EXPECT_EQ(Hash & Mask, Want) << "key in the wrong bucket";
          EXPECT_EQ(tophash(Hash), Top);
        }
      }
    }
  };
  uintptr_t NewN = bucketShift(H->B);
  if (H->growing()) {
    uintptr_t OldN = H->noldbuckets();
    for (uintptr_t J = 0; J < OldN; J++) {
      BMap *Old = bucketAt(T, H->OldBuckets, J);
      if (J < H->NEvacuate)
        EXPECT_TRUE(evacuated(Old)) << "old bucket below NEvacuate";
      if (!evacuated(Old))
        walkChain(Old, OldN - 1, J);
    }
    for (uintptr_t I = 0; I < NewN; I++) {
      // A new bucket is filled only from an evacuated old bucket.
      BMap *Old = bucketAt(T, H->OldBuckets, I & (OldN - 1));
      BMap *B = bucketAt(T, H->Buckets, I);
      if (!evacuated(Old)) {
        EXPECT_EQ(B->TopHash[0], EmptyRest) << "new bucket filled early";
        continue;
      }
      walkChain(B, NewN - 1, I);
    }
  } else {
    for (uintptr_t I = 0; I < NewN; I++)
      walkChain(bucketAt(T, H->Buckets, I), NewN - 1, I);
    if (H->Extra)
      EXPECT_EQ(H->Extra->OldOverflow, nullptr);
  }
  EXPECT_EQ(int64_t(Keys.size()), H->Count);
  return Keys;
}

/// Runs a whole iteration, calling Step after each element; returns how
/// often each key was produced.
template <typename StepFn>
std::map<int64_t, int> iterate(const gort::abi::MapType *T, void *M,
                               StepFn Step) {
  std::map<int64_t, int> Seen;
  gort::abi::MapIter It{};
  for (gort_mapiterinit(T, M, &It); It.Key; gort_mapiternext(&It)) {
    int64_t K;
    std::memcpy(&K, It.Key, 8);
    Seen[K]++;
    Step(K, static_cast<int64_t *>(It.Elem));
  }
  return Seen;
}

/// Inserts increasing keys until a growth starts; returns the next key.
int64_t fillUntilGrowing(const gort::abi::MapType *T, void *M, int64_t From) {
  while (!hmap(M)->growing()) {
    *assign(T, M, From) = From * 3;
    From++;
  }
  return From;
}

} // namespace

TEST(MapTest, EvacuationStepByStep) {
  for (bool Noscan : {true, false}) {
    TestMapType T(&Int64T, &Int64T, gort::abi::MapFlagReflexiveKey, Noscan);
    void *M = gort_makemap(T.get(), 0, nullptr);
    for (int64_t K = 0; K < 1000; K++)
      *assign(T.get(), M, K) = K * 3;
    int64_t N = fillUntilGrowing(T.get(), M, 1000);
    ASSERT_GE(hmap(M)->B, 8);
    HMap *H = hmap(M);
    uintptr_t OldN = H->noldbuckets();
    EXPECT_EQ(OldN, bucketShift(H->B) / 2);
    EXPECT_FALSE(H->sameSizeGrow());
    uintptr_t Steps = 0;
    uint64_t R = 12345;
    while (H->growing()) {
      R = R * 6364136223846793005ull + 1442695040888963407ull;
      growWork(T.get(), H, (R >> 33) & bucketMask(H->B));
      Steps++;
      std::vector<int64_t> Keys = checkInvariants(T.get(), M);
      ASSERT_EQ(int64_t(Keys.size()), N);
      for (int64_t K = 0; K < N; K++) {
        int64_t *P = lookup(T.get(), M, K);
        ASSERT_NE(P, nullptr) << "key " << K << " lost after step " << Steps;
        ASSERT_EQ(*P, K * 3);
      }
    }
    // Each step evacuates at least NEvacuate's bucket.
    EXPECT_LE(Steps, OldN);
    EXPECT_EQ(H->OldBuckets, nullptr);
    EXPECT_EQ(H->NEvacuate, OldN);
    if (H->Extra)
      EXPECT_EQ(H->Extra->OldOverflow, nullptr);
    EXPECT_EQ(H->Count, N);
  }
}

TEST(MapTest, DeletesDuringGrowth) {
  TestMapType T(&Int64T, &Int64T, gort::abi::MapFlagReflexiveKey, true);
  void *M = gort_makemap(T.get(), 0, nullptr);
  int64_t N = fillUntilGrowing(T.get(), M, 0);
  std::vector<bool> Live(size_t(N), true);
  int64_t Count = N;
  // Delete every third key with the fast path, every other remaining one
  // with the generic path, checking the table after each.
  for (int64_t K = 0; K < N; K += 3) {
    gort_mapdelete_fast64(T.get(), M, uint64_t(K));
    Live[size_t(K)] = false;
    Count--;
    ASSERT_EQ(hmap(M)->Count, Count);
    checkInvariants(T.get(), M);
  }
  for (int64_t K = 1; K < N; K += 6) {
    gort_mapdelete(T.get(), M, &K);
    Live[size_t(K)] = false;
    Count--;
    checkInvariants(T.get(), M);
  }
  EXPECT_EQ(hmap(M)->Count, Count);
  for (int64_t K = 0; K < N; K++) {
    int64_t *P = lookup(T.get(), M, K);
    if (Live[size_t(K)]) {
      ASSERT_NE(P, nullptr);
      EXPECT_EQ(*P, K * 3);
    } else {
      EXPECT_EQ(P, nullptr);
    }
  }
  // Re-adding deleted keys lands them once.
  for (int64_t K = 0; K < N; K += 3)
    *assign(T.get(), M, K) = -K;
  std::vector<int64_t> Keys = checkInvariants(T.get(), M);
  std::sort(Keys.begin(), Keys.end());
  EXPECT_EQ(std::adjacent_find(Keys.begin(), Keys.end()), Keys.end());
}

TEST(MapTest, IterationDuringGrowth) {
  TestMapType T(&Int64T, &Int64T, gort::abi::MapFlagReflexiveKey, true);
  for (int Round = 0; Round < 30; Round++) {
    void *M = gort_makemap(T.get(), 0, nullptr);
    // Rounds alternate between starting before and during a growth.
    int64_t N = 500 + Round * 37;
    for (int64_t K = 0; K < N; K++)
      *assign(T.get(), M, K) = K * 3;
    if (Round % 2)
      N = fillUntilGrowing(T.get(), M, N);
    int64_t Next = N;
    std::map<int64_t, int> Deleted;
    int Produced = 0;
    std::map<int64_t, int> Seen;
    auto Step = [&](int64_t K, int64_t *E) {
      EXPECT_EQ(*E, K * 3);
      Seen[K]++;
      // Two new keys per element: several growths during the walk.
      for (int J = 0; J < 2; J++, Next++)
        *assign(T.get(), M, Next) = Next * 3;
      if (K % 4 == 0) { // delete what we just saw
        gort_mapdelete_fast64(T.get(), M, uint64_t(K));
        Deleted[K] = 1;
      }
      if (++Produced == 20) { // delete keys not reached yet
        for (int64_t J = 1; J < N; J += 5)
          if (!Seen.count(J) && !Deleted.count(J)) {
            gort_mapdelete_fast64(T.get(), M, uint64_t(J));
            Deleted[J] = 2;
          }
      }
    };
    std::map<int64_t, int> Got = iterate(T.get(), M, Step);
    for (int64_t K = 0; K < N; K++) {
      int Times = Got.count(K) ? Got[K] : 0;
      if (Deleted.count(K) && Deleted[K] == 2)
        EXPECT_EQ(Times, 0) << "deleted before reached, yet produced: " << K;
      else
        EXPECT_EQ(Times, 1) << "key " << K << " round " << Round;
    }
    for (auto &[K, Times] : Got) {
      EXPECT_LT(K, Next);
      EXPECT_LE(Times, 1);
    }
    checkInvariants(T.get(), M);
  }
}

TEST(MapTest, SameSizeGrowth) {
  // With the identity hash, key B + 16*J lands in bucket B of a 16-bucket
  // table. Give each bucket one overflow bucket while keeping the count
  // low: the next insert of a new key sees as many overflow buckets as
  // buckets and starts a same-size growth.
  TestMapType T(&IdentT, &Int64T, gort::abi::MapFlagReflexiveKey, true);
  void *M = gort_makemap(T.get(), 100, nullptr);
  HMap *H = hmap(M);
  ASSERT_EQ(H->B, 4);
  std::vector<int64_t> Kept;
  for (int64_t B = 0; B < 16; B++) {
    for (int64_t J = 0; J < 9; J++)
      *assign(T.get(), M, B + 16 * J) = (B + 16 * J) * 3;
    for (int64_t J = 0; J < 8; J++)
      remove(T.get(), M, B + 16 * J);
    Kept.push_back(B + 16 * 8);
    ASSERT_FALSE(H->growing());
  }
  EXPECT_EQ(H->NOverflow, 16);
  EXPECT_EQ(H->Count, 16);
  // Start an iterator first: it must survive the same-size growth.
  gort::abi::MapIter It{};
  gort_mapiterinit(T.get(), M, &It);
  ASSERT_NE(It.Key, nullptr);
  std::map<int64_t, int> Seen;
  Seen[*static_cast<int64_t *>(It.Key)]++;
  *assign(T.get(), M, 1000 * 16) = 1000 * 16 * 3; // a new key: triggers growth
  EXPECT_TRUE(H->growing());
  EXPECT_TRUE(H->sameSizeGrow());
  EXPECT_EQ(H->B, 4);
  checkInvariants(T.get(), M);
  for (gort_mapiternext(&It); It.Key; gort_mapiternext(&It))
    Seen[*static_cast<int64_t *>(It.Key)]++;
  for (int64_t K : Kept)
    EXPECT_EQ(Seen[K], 1) << K;
  // Drain the growth: the chains are repacked, the overflow buckets gone.
  while (H->growing()) {
    remove(T.get(), M, -1);
    checkInvariants(T.get(), M);
  }
  EXPECT_FALSE(H->sameSizeGrow());
  EXPECT_EQ(H->NOverflow, 0);
  for (int64_t K : Kept)
    EXPECT_NE(lookup(T.get(), M, K), nullptr);
  EXPECT_EQ(H->Count, 17);
}

TEST(MapTest, NaNKeys) {
  TestMapType T(&F64T, &Int64T, gort::abi::MapFlagNeedKeyUpdate, true);
  void *M = gort_makemap(T.get(), 0, nullptr);
  double NaN = std::nan("");
  for (int I = 0; I < 300; I++)
    *static_cast<int64_t *>(gort_mapassign(T.get(), M, &NaN)) = I;
  EXPECT_EQ(hmap(M)->Count, 300);
  EXPECT_EQ(gort_mapaccess2(T.get(), M, &NaN), nullptr);
  gort_mapdelete(T.get(), M, &NaN);
  EXPECT_EQ(hmap(M)->Count, 300);
  // Iterations that start before and during growths see every NaN once,
  // with the iterator flag set during evacuation (the tophash-bit path).
  int64_t Others = 0;
  for (int Round = 0; Round < 12; Round++) {
    if (Round % 2) {
      while (!hmap(M)->growing()) {
        double V = double(++Others);
        *static_cast<int64_t *>(gort_mapassign(T.get(), M, &V)) = 0;
      }
    }
    int NaNs = 0, Numbers = 0;
    gort::abi::MapIter It{};
    for (gort_mapiterinit(T.get(), M, &It); It.Key; gort_mapiternext(&It)) {
      double K = *static_cast<double *>(It.Key);
      if (K != K)
        NaNs++;
      else
        Numbers++;
      if (Round % 2 == 0 && K != K && NaNs % 7 == 0) {
        double V = double(++Others);
        *static_cast<int64_t *>(gort_mapassign(T.get(), M, &V)) = 0;
      }
    }
    EXPECT_EQ(NaNs, 300) << "round " << Round;
    EXPECT_GE(Numbers, 0);
  }
  EXPECT_EQ(hmap(M)->Count, 300 + Others);
}

TEST(MapTest, PlusMinusZeroIsOneKey) {
  TestMapType T(&F64T, &Int64T, gort::abi::MapFlagNeedKeyUpdate, true);
  void *M = gort_makemap(T.get(), 0, nullptr);
  double NZ = -0.0, PZ = 0.0;
  *static_cast<int64_t *>(gort_mapassign(T.get(), M, &NZ)) = 1;
  *static_cast<int64_t *>(gort_mapassign(T.get(), M, &PZ)) = 2;
  EXPECT_EQ(hmap(M)->Count, 1);
  gort::abi::MapIter It{};
  gort_mapiterinit(T.get(), M, &It);
  ASSERT_NE(It.Key, nullptr);
  EXPECT_FALSE(std::signbit(*static_cast<double *>(It.Key)));
  EXPECT_EQ(*static_cast<int64_t *>(It.Elem), 2);
}

TEST(MapTest, IndirectKeysAndElems) {
  TestMapType T(&BigT, &BigT, gort::abi::MapFlagReflexiveKey, false);
  ASSERT_TRUE(T.T.Flags & gort::abi::MapFlagIndirectKey);
  ASSERT_TRUE(T.T.Flags & gort::abi::MapFlagIndirectElem);
  void *M = gort_makemap(T.get(), 0, nullptr);
  Big K{};
  for (int64_t I = 0; I < 3000; I++) {
    for (int J = 0; J < 25; J++)
      K.W[J] = I * 100 + J;
    static_cast<Big *>(gort_mapassign(T.get(), M, &K))->W[7] = I;
  }
  EXPECT_EQ(hmap(M)->Count, 3000);
  for (int64_t I = 0; I < 3000; I++) {
    for (int J = 0; J < 25; J++)
      K.W[J] = I * 100 + J;
    Big *E = static_cast<Big *>(gort_mapaccess2(T.get(), M, &K));
    ASSERT_NE(E, nullptr);
    EXPECT_EQ(E->W[7], I);
    if (I % 2)
      gort_mapdelete(T.get(), M, &K);
  }
  EXPECT_EQ(hmap(M)->Count, 1500);
  int N = 0;
  gort::abi::MapIter It{};
  for (gort_mapiterinit(T.get(), M, &It); It.Key; gort_mapiternext(&It)) {
    const Big *IK = static_cast<const Big *>(It.Key);
    EXPECT_EQ((IK->W[0] / 100) % 2, 0);
    EXPECT_EQ(static_cast<const Big *>(It.Elem)->W[7], IK->W[0] / 100);
    N++;
  }
  EXPECT_EQ(N, 1500);
}

TEST(MapTest, ClearKeepsTheTable) {
  TestMapType T(&Int64T, &Int64T, gort::abi::MapFlagReflexiveKey, true);
  void *M = gort_makemap(T.get(), 0, nullptr);
  int64_t N = fillUntilGrowing(T.get(), M, 0);
  uint8_t B = hmap(M)->B;
  gort_mapclear(T.get(), M);
  EXPECT_EQ(hmap(M)->Count, 0);
  EXPECT_EQ(hmap(M)->B, B);
  EXPECT_FALSE(hmap(M)->growing());
  checkInvariants(T.get(), M);
  for (int64_t K = 0; K < N; K++)
    EXPECT_EQ(lookup(T.get(), M, K), nullptr);
  for (int64_t K = 0; K < 2 * N; K++)
    *assign(T.get(), M, K) = K * 3;
  EXPECT_EQ(int64_t(checkInvariants(T.get(), M).size()), 2 * N);
}

TEST(MapTest, NilMapReads) {
  TestMapType T(&Int64T, &Int64T, gort::abi::MapFlagReflexiveKey, true);
  int64_t K = 1;
  const int64_t *Z =
      static_cast<int64_t *>(gort_mapaccess1(T.get(), nullptr, &K));
  EXPECT_EQ(*Z, 0);
  EXPECT_EQ(gort_mapaccess2(T.get(), nullptr, &K), nullptr);
  EXPECT_EQ(gort_mapaccess2_fast64(T.get(), nullptr, 1), nullptr);
  gort_mapdelete(T.get(), nullptr, &K);
  gort_mapclear(T.get(), nullptr);
  gort::abi::MapIter It{};
  gort_mapiterinit(T.get(), nullptr, &It);
  EXPECT_EQ(It.Key, nullptr);
}

TEST(MapTest, MakemapHints) {
  TestMapType T(&Int64T, &Int64T, gort::abi::MapFlagReflexiveKey, true);
  EXPECT_EQ(hmap(gort_makemap(T.get(), -5, nullptr))->B, 0);
  EXPECT_EQ(hmap(gort_makemap(T.get(), int64_t(1) << 62, nullptr))->B, 0);
  EXPECT_EQ(hmap(gort_makemap(T.get(), 8, nullptr))->B, 0);
  EXPECT_EQ(hmap(gort_makemap(T.get(), 9, nullptr))->B, 1);
  EXPECT_EQ(hmap(gort_makemap(T.get(), 1000, nullptr))->B, 8);
  // B >= 4 preallocates overflow buckets.
  HMap *H = hmap(gort_makemap(T.get(), 1000, nullptr));
  ASSERT_NE(H->Extra, nullptr);
  EXPECT_NE(H->Extra->NextOverflow, nullptr);
}

TEST(MapDeathTest, NilMapAssignPanics) {
  TestMapType T(&Int64T, &Int64T, gort::abi::MapFlagReflexiveKey, true);
  int64_t K = 1;
  EXPECT_DEATH(gort_mapassign(T.get(), nullptr, &K),
               "assignment to entry in nil map");
  EXPECT_DEATH(gort_mapassign_fast64(T.get(), nullptr, 1),
               "assignment to entry in nil map");
}

namespace {
void *ReentrantMap;
const gort::abi::MapType *ReentrantType;
bool eqReenter(const FuncVal *, const void *A, const void *B) {
  int64_t K = 1;
  gort_mapassign(ReentrantType, ReentrantMap, &K); // a "concurrent" write
  return eq64(nullptr, A, B);
}
const FuncVal EqReenterF = funcVal(eqReenter);
const TestKey ReenterT =
    keyType(8, gort::abi::KindInt64, &EqReenterF, &gort_memhash64_f);
} // namespace

TEST(MapDeathTest, ConcurrentWritesAreFatal) {
  TestMapType T(&ReenterT, &Int64T, gort::abi::MapFlagReflexiveKey, true);
  ReentrantType = T.get();
  ReentrantMap = gort_makemap(T.get(), 0, nullptr);
  int64_t K = 1;
  // The first insert compares nothing; the second calls Equal mid-write.
  gort_mapassign(T.get(), ReentrantMap, &K);
  EXPECT_DEATH(gort_mapassign(T.get(), ReentrantMap, &K),
               "concurrent map writes");
}

TEST(AlgTest, HashesAgree) {
  uint8_t Buf[64];
  for (unsigned I = 0; I < sizeof(Buf); I++)
    Buf[I] = uint8_t(I * 37 + 1);
  for (uintptr_t Seed : {uintptr_t(0), uintptr_t(1), ~uintptr_t(0)}) {
    EXPECT_EQ(gort_memhash(Buf, Seed, 8), gort_memhash64(nullptr, Buf, Seed));
    EXPECT_EQ(gort_memhash(Buf, Seed, 4), gort_memhash32(nullptr, Buf, Seed));
    EXPECT_EQ(gort_memhash(Buf, Seed, 16), gort_memhash128(nullptr, Buf, Seed));
    gort::abi::String S{Buf, 40};
    EXPECT_EQ(gort_strhash(nullptr, &S, Seed), gort_memhash(Buf, Seed, 40));
  }
  double PZ = 0.0, NZ = -0.0, NaN = std::nan("");
  EXPECT_EQ(gort_f64hash(nullptr, &PZ, 3), gort_f64hash(nullptr, &NZ, 3));
  EXPECT_NE(gort_f64hash(nullptr, &NaN, 3), gort_f64hash(nullptr, &NaN, 3));
}

// Not a benchmark harness: a rough ns/op for the report, and a guard
// against accidental quadratic behaviour.
TEST(MapPerfTest, MillionInsertsAndLookups) {
  TestMapType T(&Int64T, &Int64T, gort::abi::MapFlagReflexiveKey, true);
  constexpr int64_t N = 1000000;
  void *M = gort_makemap(T.get(), 0, nullptr);
  auto T0 = std::chrono::steady_clock::now();
  for (int64_t I = 0; I < N; I++)
    *static_cast<int64_t *>(gort_mapassign_fast64(
        T.get(), M, uint64_t(I) * 0x9E3779B97F4A7C15ull)) = I;
  auto T1 = std::chrono::steady_clock::now();
  int64_t Sum = 0;
  for (int64_t I = 0; I < N; I++)
    Sum += *static_cast<int64_t *>(gort_mapaccess1_fast64(
        T.get(), M, uint64_t(I) * 0x9E3779B97F4A7C15ull));
  auto T2 = std::chrono::steady_clock::now();
  EXPECT_EQ(Sum, N * (N - 1) / 2);
  auto Ns = [](auto A, auto B) {
    return double(std::chrono::duration_cast<std::chrono::nanoseconds>(B - A)
                      .count()) /
           N;
  };
  std::printf("[   perf   ] mapassign_fast64 %.1f ns/op, mapaccess1_fast64 "
              "%.1f ns/op (1M keys)\n",
              Ns(T0, T1), Ns(T1, T2));
  EXPECT_LT(Ns(T0, T2), 5000.0);
}
