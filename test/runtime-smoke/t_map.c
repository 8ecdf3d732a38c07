/* test/runtime-smoke/t_map.c - maps and hashing (runtime/map.cpp,
 * map_fast.cpp, alg.cpp) through the entry points compiled code calls, with
 * map type descriptors built by hand. CASE 0 (the default) runs the checks
 * and prints "ok"/"FAIL" lines plus "perf:" timings; CASEs 1-9 end in one
 * panic or fatal error each, whose output run.sh compares with gc 1.19's;
 * CASE 10 prints a seeded hash (run twice: the seeds must differ); CASE 11
 * runs only the timed loops, three times (a benchmark, not run by run.sh). */

#include "smoke.h"

#ifndef CASE
#define CASE 0
#endif

/* ---- libgort/abi.h, as C ---------------------------------------------- */

struct GoMapType {
  struct GoType T;
  const struct GoType *Key;
  const struct GoType *Elem;
  const struct GoType *Bucket;
  const struct GoFuncVal *Hasher;
  uint8_t KeySize;
  uint8_t ValueSize;
  uint16_t BucketSize;
  uint32_t Flags;
};

struct GoMapIter {
  void *Key;
  void *Elem;
  uintptr_t Private[10];
};

enum {
  MapIndirectKey = 1,
  MapIndirectElem = 2,
  MapReflexiveKey = 4,
  MapNeedKeyUpdate = 8,
  MapHashMightPanic = 16,
  KindArray = 17,
  KindInterface = 20,
};

/* runtime/map.h HMap, read-only here (len(m) reads Count). */
struct GoHMap {
  int64_t Count;
  uint8_t Flags;
  uint8_t B;
  uint16_t NOverflow;
  uint32_t Hash0;
  void *Buckets;
  void *OldBuckets;
  uintptr_t NEvacuate;
  void *Extra;
};

struct GoEface {
  const void *T; /* a struct GoType */
  void *Data;
};

typedef const struct GoMapType MT;
void *gort_makemap(MT *, int64_t, void *);
void *gort_mapaccess1(MT *, void *, const void *);
void *gort_mapaccess2(MT *, void *, const void *);
void *gort_mapassign(MT *, void *, const void *);
void gort_mapdelete(MT *, void *, const void *);
void *gort_mapaccess1_fast32(MT *, void *, uint32_t);
void *gort_mapaccess2_fast32(MT *, void *, uint32_t);
void *gort_mapassign_fast32(MT *, void *, uint32_t);
void gort_mapdelete_fast32(MT *, void *, uint32_t);
void *gort_mapaccess1_fast64(MT *, void *, uint64_t);
void *gort_mapaccess2_fast64(MT *, void *, uint64_t);
void *gort_mapassign_fast64(MT *, void *, uint64_t);
void gort_mapdelete_fast64(MT *, void *, uint64_t);
void *gort_mapaccess1_faststr(MT *, void *, const uint8_t *, int64_t);
void *gort_mapaccess2_faststr(MT *, void *, const uint8_t *, int64_t);
void *gort_mapassign_faststr(MT *, void *, const uint8_t *, int64_t);
void gort_mapdelete_faststr(MT *, void *, const uint8_t *, int64_t);
void gort_mapiterinit(MT *, void *, struct GoMapIter *);
void gort_mapiternext(struct GoMapIter *);
void gort_mapclear(MT *, void *);

uintptr_t gort_memhash(const void *, uintptr_t, uintptr_t);
uintptr_t gort_memhash0(const void *, const void *, uintptr_t);
uintptr_t gort_memhash8(const void *, const void *, uintptr_t);
uintptr_t gort_memhash16(const void *, const void *, uintptr_t);
uintptr_t gort_memhash32(const void *, const void *, uintptr_t);
uintptr_t gort_memhash64(const void *, const void *, uintptr_t);
uintptr_t gort_memhash128(const void *, const void *, uintptr_t);
uintptr_t gort_strhash(const void *, const void *, uintptr_t);
uintptr_t gort_f32hash(const void *, const void *, uintptr_t);
uintptr_t gort_f64hash(const void *, const void *, uintptr_t);
uintptr_t gort_c64hash(const void *, const void *, uintptr_t);
uintptr_t gort_c128hash(const void *, const void *, uintptr_t);
uintptr_t gort_interhash(const void *, const void *, uintptr_t);
uintptr_t gort_nilinterhash(const void *, const void *, uintptr_t);
/* The hashers' func values, for map descriptors. */
extern const struct GoFuncVal gort_memhash32_f, gort_memhash64_f,
    gort_strhash_f, gort_f64hash_f, gort_nilinterhash_f;

int memcmp(const void *, const void *, size_t);
void *memset(void *, int, size_t);
void *memcpy(void *, const void *, size_t);

/* ---- helpers ----------------------------------------------------------- */

static int64_t len(void *M) { return M ? ((struct GoHMap *)M)->Count : 0; }
static struct GoHMap *hm(void *M) { return (struct GoHMap *)M; }

/* Monotonic clock in ns, by a raw system call (no libc). */
struct Timespec {
  int64_t Sec, Nsec;
};
static int64_t nanotime(void) {
  struct Timespec TS = {0, 0};
#if defined(__x86_64__)
  long R;
  __asm__ volatile("syscall"
                   : "=a"(R)
                   : "a"(228L), "D"(1L), "S"(&TS)
                   : "rcx", "r11", "memory");
#else
  register long X8 __asm__("x8") = 113;
  register long X0 __asm__("x0") = 1;
  register long X1 __asm__("x1") = (long)&TS;
  __asm__ volatile("svc #0" : "+r"(X0) : "r"(X8), "r"(X1) : "memory");
#endif
  return TS.Sec * 1000000000 + TS.Nsec;
}

static void perf(const char *What, int64_t Ns, int64_t N) {
  gort_printlock();
  ps("perf: ");
  ps(What);
  ps(": ");
  gort_printint(Ns / N);
  ps(".");
  gort_printint((Ns * 10 / N) % 10);
  ps(" ns/op");
  gort_printnl();
  gort_printunlock();
}

static uint64_t RandState = 88172645463325252ull;
static uint64_t rnd(void) {
  RandState ^= RandState << 13;
  RandState ^= RandState >> 7;
  RandState ^= RandState << 17;
  return RandState;
}

/* ---- key types --------------------------------------------------------- */

typedef bool (*EqualFn)(const void *, const void *, const void *);

static bool eq64(const void *Ctx, const void *A, const void *B) {
  return *(const int64_t *)A == *(const int64_t *)B;
}
static bool eq32(const void *Ctx, const void *A, const void *B) {
  return *(const int32_t *)A == *(const int32_t *)B;
}
static bool eqStr(const void *Ctx, const void *A, const void *B) {
  const struct GoString *X = A, *Y = B;
  return X->Len == Y->Len &&
         (X->Ptr == Y->Ptr || memcmp(X->Ptr, Y->Ptr, (size_t)X->Len) == 0);
}

/* struct { A int32; B int64 }: 4 bytes of padding, so not plain memory. */
struct SKey {
  int32_t A;
  int64_t B;
};
static bool eqS(const void *Ctx, const void *A, const void *B) {
  const struct SKey *X = A, *Y = B;
  return X->A == Y->A && X->B == Y->B;
}
static uintptr_t hashS(const void *Ctx, const void *P, uintptr_t H) {
  const struct SKey *X = P;
  H = gort_memhash32(0, &X->A, H);
  return gort_memhash64(0, &X->B, H);
}

/* [25]int64: 200 bytes, stored indirectly. */
struct Big {
  int64_t W[25];
};
static bool eqBig(const void *Ctx, const void *A, const void *B) {
  return memcmp(A, B, sizeof(struct Big)) == 0;
}
static uintptr_t hashBig(const void *Ctx, const void *P, uintptr_t H) {
  return gort_memhash(P, H, sizeof(struct Big));
}

static bool eqF64(const void *Ctx, const void *A, const void *B) {
  return *(const double *)A == *(const double *)B;
}

static bool eqEface(const void *Ctx, const void *A, const void *B) {
  const struct GoEface *X = A, *Y = B;
  if (X->T != Y->T)
    return false;
  if (!X->T)
    return true;
  const struct GoType *T = X->T;
  if (T->Kind & KindDirectIface)
    return X->Data == Y->Data;
  const struct GoFuncVal *Eq = T->Equal;
  return ((EqualFn)Eq->Fn)(Eq, X->Data, Y->Data);
}

/* A key type with its equal func value Eq and its name; integers and
 * pointers hash as their bytes (as interface values: runtime typehash). */
#define KTFLAG(K)                                                              \
  ((K) == KindInt || (K) == KindInt32 || ((K)&31) == KindPointer               \
       ? TFlagRegularMemory                                                    \
       : 0)
#define KTYPE(Name, Sz, Al, K, Eq)                                             \
  {                                                                            \
    {Sz, 0, 0, KTFLAG(K), Al, Al, K, &(Eq), 0, sizeof(struct GoType), 0},      \
        GONAME(Name)                                                           \
  }
#define BTYPE(Sz, PtrData)                                                     \
  { Sz, PtrData, 0, 0, 8, 8, KindStruct, 0, 0, 0, 0 }
#define FUNCVAL(Fn)                                                            \
  { (const void *)(Fn) }

static const struct GoFuncVal Eq64F = FUNCVAL(eq64), Eq32F = FUNCVAL(eq32),
                              EqStrF = FUNCVAL(eqStr), EqSF = FUNCVAL(eqS),
                              HashSF = FUNCVAL(hashS), EqBigF = FUNCVAL(eqBig),
                              HashBigF = FUNCVAL(hashBig),
                              EqF64F = FUNCVAL(eqF64),
                              EqEfaceF = FUNCVAL(eqEface);

static const struct GoTypeN Int64T = KTYPE("int", 8, 8, KindInt, Eq64F);
static const struct GoTypeN Int32T = KTYPE("int32", 4, 4, KindInt32, Eq32F);
static const struct GoTypeN StringT =
    KTYPE("string", 16, 8, KindString, EqStrF);
static const struct GoTypeN SKeyT = KTYPE("main.SKey", 16, 8, KindStruct, EqSF);
static const struct GoTypeN BigT = KTYPE("[25]int", 200, 8, KindArray, EqBigF);
static const struct GoTypeN F64T = KTYPE("float64", 8, 8, KindFloat64, EqF64F);
static const struct GoTypeN EfaceT =
    KTYPE("interface {}", 16, 8, KindInterface, EqEfaceF);
static const struct GoTypeN SliceIntT = NTYPE("[]int", 24, KindSlice);
static const struct GoTypeN PtrIntT =
    KTYPE("*int", 8, 8, KindPointer | KindDirectIface, Eq64F);

/* Bucket sizes: 8 + 8*KeySize + 8*ValueSize + 8 (overflow pointer). A
 * bucket of pointer-free keys and elems is "noscan" (PtrData 0), as gc
 * marks it; the runtime then tracks overflow buckets in mapextra. */
static const struct GoType B144Noscan = BTYPE(144, 0);
static const struct GoType B144 = BTYPE(144, 144);
static const struct GoType B208 = BTYPE(208, 208);
static const struct GoType B176 = BTYPE(176, 0);
static const struct GoType B112 = BTYPE(112, 0);

/* K and E are struct GoTypeN addresses, H the key's hasher func value. */
#define MAPTYPE(Name, K, E, B, H, KS, VS, BS, Fl)                              \
  {                                                                            \
    {8, 8, 0, 0, 8, 8, 21 /* KindMap */, 0, 0, 0, 0}, &(K)->T, &(E)->T, B,     \
        &(H), KS, VS, BS, Fl                                                   \
  }

/* map[int]int with a noscan bucket (fast64 and generic paths). */
static MT MapInt = MAPTYPE("map[int]int", &Int64T, &Int64T, &B144Noscan,
                           gort_memhash64_f, 8, 8, 144, MapReflexiveKey);
/* The same with a scanned bucket. */
static MT MapIntP = MAPTYPE("map[int]int", &Int64T, &Int64T, &B144,
                            gort_memhash64_f, 8, 8, 144, MapReflexiveKey);
static MT MapI32 = MAPTYPE("map[int32]int", &Int32T, &Int64T, &B112,
                           gort_memhash32_f, 4, 8, 112, MapReflexiveKey);
static MT MapStr = MAPTYPE("map[string]int", &StringT, &Int64T, &B208,
                           gort_strhash_f, 16, 8, 208, MapReflexiveKey);
static MT MapS = MAPTYPE("map[main.SKey]int32", &SKeyT, &Int32T, &B176, HashSF,
                         16, 4, 176, MapReflexiveKey);
static MT MapBig =
    MAPTYPE("map[[25]int][25]int", &BigT, &BigT, &B144, HashBigF, 8, 8, 144,
            MapIndirectKey | MapIndirectElem | MapReflexiveKey);
static MT MapF64 = MAPTYPE("map[float64]int", &F64T, &Int64T, &B144Noscan,
                           gort_f64hash_f, 8, 8, 144, MapNeedKeyUpdate);
static MT MapEface = MAPTYPE("map[interface {}]int", &EfaceT, &Int64T, &B208,
                             gort_nilinterhash_f, 16, 8, 208,
                             MapNeedKeyUpdate | MapHashMightPanic);

/* ---- hashing ----------------------------------------------------------- */

static void testHash(void) {
  uint8_t Buf[128];
  for (unsigned I = 0; I < sizeof(Buf); I++)
    Buf[I] = (uint8_t)rnd();
  bool Same = true, Sensitive = true, SeedMatters = true;
  for (uintptr_t Seed = 1; Seed < 1000; Seed += 37) {
    Same = Same && gort_memhash(Buf, Seed, 8) == gort_memhash64(0, Buf, Seed);
    Same = Same && gort_memhash(Buf, Seed, 4) == gort_memhash32(0, Buf, Seed);
    Same = Same && gort_memhash(Buf, Seed, 1) == gort_memhash8(0, Buf, Seed);
    Same = Same && gort_memhash(Buf, Seed, 2) == gort_memhash16(0, Buf, Seed);
    Same = Same && gort_memhash(Buf, Seed, 16) == gort_memhash128(0, Buf, Seed);
    Same = Same && gort_memhash0(0, Buf, Seed) == Seed;
  }
  check(Same, "memhash8/16/32/64/128 agree with memhash");
  /* Every length through the short, 16-byte and 48-byte-block paths: a
   * change in the last byte or the seed changes the hash. */
  for (uintptr_t N = 1; N <= 120; N++) {
    uintptr_t H = gort_memhash(Buf, 7, N);
    Buf[N - 1] ^= 0x40;
    Sensitive = Sensitive && gort_memhash(Buf, 7, N) != H;
    Buf[N - 1] ^= 0x40;
    Sensitive = Sensitive && gort_memhash(Buf, 7, N) == H;
    SeedMatters = SeedMatters && gort_memhash(Buf, 8, N) != H;
  }
  check(Sensitive, "memhash depends on every length's last byte");
  check(SeedMatters, "memhash depends on the seed");

  /* Top bytes of the hashes of 0..4095 spread over the 256 values. */
  static uint16_t TopCount[256];
  for (uint64_t I = 0; I < 4096; I++)
    TopCount[gort_memhash64(0, &I, 12345) >> 56]++;
  unsigned Max = 0;
  for (unsigned I = 0; I < 256; I++)
    if (TopCount[I] > Max)
      Max = TopCount[I];
  check(Max < 40, "memhash64 top byte is well spread (max bucket < 40/16)");

  struct GoString S1 = GOSTR("hello, world");
  char Copy[12];
  memcpy(Copy, "hello, world", 12);
  struct GoString S2 = {(const uint8_t *)Copy, 12};
  check(gort_strhash(0, &S1, 99) == gort_strhash(0, &S2, 99) &&
            gort_strhash(0, &S1, 99) == gort_memhash(S1.Ptr, 99, 12),
        "strhash hashes the bytes, not the pointer");

  double PZ = 0.0, NZ = -0.0, Nan = __builtin_nan(""), One = 1.0;
  float FPZ = 0.0f, FNZ = -0.0f, FNan = __builtin_nanf("");
  check(gort_f64hash(0, &PZ, 5) == gort_f64hash(0, &NZ, 5) &&
            gort_f32hash(0, &FPZ, 5) == gort_f32hash(0, &FNZ, 5),
        "f32hash/f64hash: +0 and -0 hash alike");
  check(gort_f64hash(0, &Nan, 5) != gort_f64hash(0, &Nan, 5) &&
            gort_f32hash(0, &FNan, 5) != gort_f32hash(0, &FNan, 5),
        "f32hash/f64hash: NaN hashes randomly");
  check(gort_f64hash(0, &One, 5) == gort_memhash64(0, &One, 5),
        "f64hash of an ordinary value is memhash64");
  double C1[2] = {1.5, -0.0}, C2[2] = {1.5, 0.0};
  float C3[2] = {2.5f, 0.0f}, C4[2] = {2.5f, -0.0f};
  check(gort_c128hash(0, C1, 3) == gort_c128hash(0, C2, 3) &&
            gort_c64hash(0, C3, 3) == gort_c64hash(0, C4, 3) &&
            gort_c128hash(0, C1, 3) != gort_c128hash(0, C1, 4),
        "c64hash/c128hash");

  int64_t *A = gort_mallocgc(8, 0, true), *B = gort_mallocgc(8, 0, true);
  *A = *B = 77;
  struct GoEface EA = {&Int64T, A}, EB = {&Int64T, B}, EN = {0, 0};
  struct GoEface EP1 = {&PtrIntT, A}, EP2 = {&PtrIntT, A};
  check(gort_nilinterhash(0, &EA, 9) == gort_nilinterhash(0, &EB, 9) &&
            gort_nilinterhash(0, &EN, 9) == 9 &&
            gort_nilinterhash(0, &EP1, 9) == gort_nilinterhash(0, &EP2, 9),
        "nilinterhash: by value, nil, pointer-shaped");
  /* A non-empty interface: {itab, data}; the itab's second word is the
   * dynamic type. */
  const void *Itab[4] = {0, &Int64T, 0, 0};
  struct GoEface IA = {(const struct GoType *)Itab, A};
  struct GoEface IB = {(const struct GoType *)Itab, B};
  struct GoEface IN = {0, 0};
  check(gort_interhash(0, &IA, 9) == gort_interhash(0, &IB, 9) &&
            gort_interhash(0, &IA, 9) == gort_nilinterhash(0, &EA, 9) &&
            gort_interhash(0, &IN, 9) == 9,
        "interhash");
}

/* ---- map[int]int ------------------------------------------------------- */

#define NKEYS 100000
static uint8_t Seen[4 * NKEYS];
static uint8_t Deleted[4 * NKEYS];

static int64_t keyOf(int64_t I) { return I * 7919 - 50000; }

static void testIntFast(void) {
  void *M = gort_makemap(&MapInt, 0, 0);
  bool Ok = true;
  for (int64_t I = 0; I < NKEYS; I++)
    *(int64_t *)gort_mapassign_fast64(&MapInt, M, (uint64_t)keyOf(I)) = I * 3;
  check(len(M) == NKEYS, "fast64: 100000 inserts");
  check(hm(M)->B >= 14, "fast64: the table grew");
  for (int64_t I = 0; I < NKEYS && Ok; I++) {
    int64_t K = keyOf(I);
    int64_t *P1 = gort_mapaccess1_fast64(&MapInt, M, (uint64_t)K);
    int64_t *P2 = gort_mapaccess2_fast64(&MapInt, M, (uint64_t)K);
    int64_t *P3 = gort_mapaccess2(&MapInt, M, &K);
    Ok = *P1 == I * 3 && P2 == P1 && P3 == P1;
  }
  check(Ok, "fast64: every key found (fast and generic lookups agree)");
  Ok = true;
  for (int64_t I = NKEYS; I < NKEYS + 1000; I++) {
    int64_t *P1 = gort_mapaccess1_fast64(&MapInt, M, (uint64_t)keyOf(I));
    Ok = Ok && *P1 == 0 &&
         !gort_mapaccess2_fast64(&MapInt, M, (uint64_t)keyOf(I));
  }
  check(Ok, "fast64: absent keys read as zero / null");
  for (int64_t I = 1; I < NKEYS; I += 2)
    gort_mapdelete_fast64(&MapInt, M, (uint64_t)keyOf(I));
  check(len(M) == NKEYS / 2, "fast64: delete half");
  Ok = true;
  for (int64_t I = 0; I < NKEYS; I++) {
    int64_t *P = gort_mapaccess2_fast64(&MapInt, M, (uint64_t)keyOf(I));
    Ok = Ok && ((I & 1) ? P == 0 : (P && *P == I * 3));
  }
  check(Ok, "fast64: deleted keys gone, others intact");
  for (int64_t I = 0; I < NKEYS; I++)
    *(int64_t *)gort_mapassign_fast64(&MapInt, M, (uint64_t)keyOf(I)) = I;
  Ok = len(M) == NKEYS;
  for (int64_t I = 0; I < NKEYS; I++)
    Ok = Ok && *(int64_t *)gort_mapaccess1_fast64(&MapInt, M,
                                                  (uint64_t)keyOf(I)) == I;
  check(Ok, "fast64: re-insert and overwrite");
  /* Delete everything: the map is empty and usable again. */
  for (int64_t I = 0; I < NKEYS; I++)
    gort_mapdelete_fast64(&MapInt, M, (uint64_t)keyOf(I));
  gort_mapdelete_fast64(&MapInt, M, 12345);
  check(len(M) == 0 && !gort_mapaccess2_fast64(&MapInt, M, (uint64_t)keyOf(0)),
        "fast64: delete all");
  *(int64_t *)gort_mapassign_fast64(&MapInt, M, 5) = 55;
  check(len(M) == 1 && *(int64_t *)gort_mapaccess1_fast64(&MapInt, M, 5) == 55,
        "fast64: reuse after emptying");

  /* fast32 */
  void *M32 = gort_makemap(&MapI32, 10, 0);
  for (int64_t I = 0; I < NKEYS; I++)
    *(int64_t *)gort_mapassign_fast32(&MapI32, M32, (uint32_t)(I * 31)) = I;
  Ok = len(M32) == NKEYS;
  for (int64_t I = 0; I < NKEYS; I += 3)
    gort_mapdelete_fast32(&MapI32, M32, (uint32_t)(I * 31));
  for (int64_t I = 0; I < NKEYS; I++) {
    int32_t K = (int32_t)(I * 31);
    int64_t *P = gort_mapaccess2_fast32(&MapI32, M32, (uint32_t)K);
    int64_t *G = gort_mapaccess2(&MapI32, M32, &K);
    Ok =
        Ok && P == G &&
        (I % 3 == 0 ? !P
                    : (P && *P == I &&
                       gort_mapaccess1_fast32(&MapI32, M32, (uint32_t)K) == P));
  }
  check(Ok && len(M32) == NKEYS - (NKEYS + 2) / 3,
        "fast32: insert, delete, lookup 100000 keys");
}

static void testIntGeneric(void) {
  void *M = gort_makemap(&MapIntP, 0, 0);
  bool Ok = true;
  for (int64_t I = 0; I < NKEYS; I++) {
    int64_t K = keyOf(I);
    *(int64_t *)gort_mapassign(&MapIntP, M, &K) = I * 3;
  }
  check(len(M) == NKEYS, "generic: 100000 inserts");
  for (int64_t I = 0; I < NKEYS && Ok; I++) {
    int64_t K = keyOf(I);
    int64_t *P1 = gort_mapaccess1(&MapIntP, M, &K);
    Ok = *P1 == I * 3 && gort_mapaccess2(&MapIntP, M, &K) == P1 &&
         gort_mapaccess1_fast64(&MapIntP, M, (uint64_t)K) == P1;
  }
  check(Ok, "generic: every key found");
  for (int64_t I = 0; I < NKEYS; I += 2) {
    int64_t K = keyOf(I);
    gort_mapdelete(&MapIntP, M, &K);
  }
  Ok = len(M) == NKEYS / 2;
  for (int64_t I = 0; I < NKEYS; I++) {
    int64_t K = keyOf(I);
    int64_t *P = gort_mapaccess2(&MapIntP, M, &K);
    Ok = Ok &&
         ((I & 1) ? (P && *P == I * 3)
                  : (!P && *(int64_t *)gort_mapaccess1(&MapIntP, M, &K) == 0));
  }
  check(Ok, "generic: delete half; the rest intact");
}

/* Runs one iteration to the end while Step(K, N) mutates the map after
 * each element; returns the number of elements produced. Seen[] counts
 * visits by key index (keys are indexes here). */
typedef void (*StepFn)(void *M, int64_t K, int64_t N);

static int64_t iterate(MT *T, void *M, StepFn Step, bool *ElemOk) {
  struct GoMapIter It;
  memset(&It, 0, sizeof(It));
  int64_t N = 0;
  *ElemOk = true;
  for (gort_mapiterinit(T, M, &It); It.Key; gort_mapiternext(&It)) {
    int64_t K = *(int64_t *)It.Key;
    if (K < 0 || K >= 4 * NKEYS) {
      *ElemOk = false;
      continue;
    }
    if (*(int64_t *)It.Elem != K * 3)
      *ElemOk = false;
    Seen[K]++;
    if (Step)
      Step(M, K, N);
    N++;
  }
  return N;
}

static int64_t NextNew;

static void insertOne(void *M, int64_t K, int64_t N) {
  (void)K;
  (void)N;
  for (int J = 0; J < 2; J++) {
    int64_t NK = NextNew++;
    *(int64_t *)gort_mapassign_fast64(&MapInt, M, (uint64_t)NK) = NK * 3;
  }
}

static int64_t GrowStart;

static void insertAndDelete(void *M, int64_t K, int64_t N) {
  insertOne(M, K, N);
  /* Delete the element just produced, sometimes. */
  if (K % 3 == 0) {
    gort_mapdelete_fast64(&MapInt, M, (uint64_t)K);
    Deleted[K] = 1;
  }
  /* Early on, delete a batch of old keys that were not produced yet:
   * they must never be produced afterwards. */
  if (N == 10) {
    for (int64_t J = 0; J < GrowStart; J += 7) {
      if (!Seen[J] && !Deleted[J]) {
        gort_mapdelete_fast64(&MapInt, M, (uint64_t)J);
        Deleted[J] = 2;
      }
    }
  }
}

static void testIterGrowth(void) {
  bool Ok, ElemOk;
  /* 1. Iteration while the map grows several times under it. */
  void *M = gort_makemap(&MapInt, 0, 0);
  int64_t N0 = 1000;
  for (int64_t I = 0; I < N0; I++)
    *(int64_t *)gort_mapassign_fast64(&MapInt, M, (uint64_t)I) = I * 3;
  memset(Seen, 0, sizeof(Seen));
  NextNew = N0;
  uint8_t B0 = hm(M)->B;
  iterate(&MapInt, M, insertOne, &ElemOk);
  Ok = ElemOk && hm(M)->B >= B0 + 2;
  for (int64_t I = 0; I < N0; I++)
    Ok = Ok && Seen[I] == 1;
  for (int64_t I = N0; I < 4 * NKEYS; I++)
    Ok = Ok && Seen[I] <= 1 && (I < NextNew || Seen[I] == 0);
  check(Ok, "iteration during growth: old keys exactly once, new at most "
            "once");
  Ok = len(M) == NextNew;
  memset(Seen, 0, sizeof(Seen));
  Ok = Ok && iterate(&MapInt, M, 0, &ElemOk) == NextNew && ElemOk;
  for (int64_t I = 0; I < NextNew; I++)
    Ok = Ok && Seen[I] == 1;
  check(Ok, "iteration after growth: every key exactly once");

  /* 2. Iteration that starts in the middle of a growth, with deletes of
   * produced and not-yet-produced keys. Repeat to cover random starts. */
  bool AllOk = true, SawMidGrowth = false;
  for (int Round = 0; Round < 20; Round++) {
    M = gort_makemap(&MapInt, 0, 0);
    int64_t I = 0;
    while (!hm(M)->OldBuckets || I < 3000) {
      *(int64_t *)gort_mapassign_fast64(&MapInt, M, (uint64_t)I) = I * 3;
      I++;
    }
    GrowStart = I;
    SawMidGrowth = SawMidGrowth || hm(M)->OldBuckets;
    memset(Seen, 0, sizeof(Seen));
    memset(Deleted, 0, sizeof(Deleted));
    NextNew = I;
    iterate(&MapInt, M, insertAndDelete, &ElemOk);
    Ok = ElemOk;
    int64_t Live = 0;
    for (int64_t J = 0; J < GrowStart; J++) {
      if (Deleted[J] == 2)
        Ok = Ok && Seen[J] == 0;
      else
        Ok = Ok && Seen[J] == 1;
      Live += !Deleted[J];
    }
    for (int64_t J = GrowStart; J < NextNew; J++) {
      Ok = Ok && Seen[J] <= 1;
      Live += !Deleted[J];
    }
    Ok = Ok && len(M) == Live;
    for (int64_t J = 0; J < NextNew; J++) {
      int64_t *P = gort_mapaccess2_fast64(&MapInt, M, (uint64_t)J);
      Ok = Ok && (Deleted[J] ? !P : (P && *P == J * 3));
    }
    AllOk = AllOk && Ok;
  }
  check(SawMidGrowth, "iteration started while the map was growing");
  check(AllOk, "iteration from mid-growth with deletes: exactly-once, "
               "deleted-before-reached never produced");

  /* 3. Growth finishes: enough writes drain oldbuckets. */
  for (int64_t J = 0; J < 5000 && hm(M)->OldBuckets; J++)
    gort_mapdelete_fast64(&MapInt, M, (uint64_t)(1 << 30));
  check(!hm(M)->OldBuckets, "incremental evacuation completes");
}

/* ---- NaN and +0/-0 ------------------------------------------------------ */

static void testFloat(void) {
  void *M = gort_makemap(&MapF64, 0, 0);
  double Nan = __builtin_nan(""), PZ = 0.0, NZ = -0.0;
  for (int I = 0; I < 3; I++)
    *(int64_t *)gort_mapassign(&MapF64, M, &Nan) = 7;
  check(len(M) == 3, "NaN: each insert adds an entry");
  check(!gort_mapaccess2(&MapF64, M, &Nan) &&
            *(int64_t *)gort_mapaccess1(&MapF64, M, &Nan) == 0,
        "NaN: never found");
  gort_mapdelete(&MapF64, M, &Nan);
  check(len(M) == 3, "NaN: delete finds nothing");
  *(int64_t *)gort_mapassign(&MapF64, M, &NZ) = 1;
  *(int64_t *)gort_mapassign(&MapF64, M, &PZ) = 2;
  check(len(M) == 4 && *(int64_t *)gort_mapaccess1(&MapF64, M, &NZ) == 2,
        "+0 and -0 are one key");
  struct GoMapIter It;
  memset(&It, 0, sizeof(It));
  int NaNs = 0, Zeros = 0;
  bool ZeroOk = false;
  for (gort_mapiterinit(&MapF64, M, &It); It.Key; gort_mapiternext(&It)) {
    double K = *(double *)It.Key;
    if (K != K) {
      NaNs++;
    } else if (K == 0) {
      Zeros++;
      uint64_t Bits;
      memcpy(&Bits, &K, 8);
      ZeroOk = Bits == 0 && *(int64_t *)It.Elem == 2;
    }
  }
  check(NaNs == 3 && Zeros == 1, "iteration returns the NaN keys");
  check(ZeroOk, "assign overwrote -0 with +0 (NeedKeyUpdate)");

  /* Many NaNs and numbers; then iterate while inserting more numbers (so
   * evacuation meets NaNs with an iterator active), then start an
   * iteration mid-growth. Every NaN is produced exactly once each time. */
  int64_t NumNaN = 3, NumOther = 1;
  for (int I = 0; I < 500; I++) {
    *(int64_t *)gort_mapassign(&MapF64, M, &Nan) = 7;
    NumNaN++;
  }
  bool Ok = true;
  for (int Round = 0; Round < 4; Round++) {
    int Counted = 0;
    memset(&It, 0, sizeof(It));
    for (gort_mapiterinit(&MapF64, M, &It); It.Key; gort_mapiternext(&It)) {
      double K = *(double *)It.Key;
      if (K != K)
        Counted++;
      for (int J = 0; J < 3; J++) {
        double V = (double)(NumOther++);
        *(int64_t *)gort_mapassign(&MapF64, M, &V) = 1;
      }
    }
    Ok = Ok && Counted == NumNaN;
  }
  check(Ok, "NaN keys: exactly once per iteration while the map grows");
  Ok = true;
  for (int Round = 0; Round < 10; Round++) {
    /* Each insert evacuates up to two more old buckets. */
    for (int J = 0; J < Round * 3; J++) {
      double V = (double)(NumOther++);
      *(int64_t *)gort_mapassign(&MapF64, M, &V) = 1;
    }
    while (!hm(M)->OldBuckets) {
      double V = (double)(NumOther++);
      *(int64_t *)gort_mapassign(&MapF64, M, &V) = 1;
    }
    int Counted = 0, Others = 0;
    memset(&It, 0, sizeof(It));
    for (gort_mapiterinit(&MapF64, M, &It); It.Key; gort_mapiternext(&It)) {
      double K = *(double *)It.Key;
      if (K != K)
        Counted++;
      else
        Others++;
    }
    Ok = Ok && Counted == NumNaN && Others == NumOther &&
         len(M) == NumNaN + NumOther;
  }
  check(Ok, "NaN keys: exactly once from a mid-growth start");
}

/* ---- string keys ------------------------------------------------------- */

static int fmtKey(char *P, const char *Prefix, int64_t V) {
  int N = 0;
  while (Prefix[N]) {
    P[N] = Prefix[N];
    N++;
  }
  char D[20];
  int ND = 0;
  do {
    D[ND++] = (char)('0' + V % 10);
    V /= 10;
  } while (V);
  while (ND)
    P[N++] = D[--ND];
  return N;
}

static struct GoString *StrKeys;

static void makeStrKeys(int64_t N, const char *Prefix) {
  StrKeys = gort_mallocgc((uint64_t)N * sizeof(struct GoString), 0, true);
  char *Buf = gort_mallocgc((uint64_t)N * 48, 0, true);
  for (int64_t I = 0; I < N; I++) {
    int L = fmtKey(Buf, Prefix, I);
    StrKeys[I].Ptr = (const uint8_t *)Buf;
    StrKeys[I].Len = L;
    Buf += L;
  }
}

static void testString(void) {
  makeStrKeys(NKEYS, "key-");
  void *M = gort_makemap(&MapStr, 0, 0);
  for (int64_t I = 0; I < NKEYS; I++)
    *(int64_t *)gort_mapassign_faststr(&MapStr, M, StrKeys[I].Ptr,
                                       StrKeys[I].Len) = I;
  bool Ok = len(M) == NKEYS;
  char Tmp[48];
  for (int64_t I = 0; I < NKEYS; I++) {
    /* Look up through a different copy of the bytes. */
    int L = fmtKey(Tmp, "key-", I);
    struct GoString S = {(const uint8_t *)Tmp, L};
    int64_t *P = gort_mapaccess1_faststr(&MapStr, M, S.Ptr, S.Len);
    Ok = Ok && *P == I && gort_mapaccess2(&MapStr, M, &S) == P &&
         gort_mapaccess2_faststr(&MapStr, M, S.Ptr, S.Len) == P;
  }
  check(Ok, "faststr: 100000 inserts, lookups by equal strings");
  Ok = !gort_mapaccess2_faststr(&MapStr, M, (const uint8_t *)"key-", 4) &&
       !gort_mapaccess2_faststr(&MapStr, M, (const uint8_t *)"", 0);
  check(Ok, "faststr: absent keys");
  for (int64_t I = 0; I < NKEYS; I += 2)
    gort_mapdelete_faststr(&MapStr, M, StrKeys[I].Ptr, StrKeys[I].Len);
  Ok = len(M) == NKEYS / 2;
  for (int64_t I = 0; I < NKEYS; I++) {
    int64_t *P =
        gort_mapaccess2_faststr(&MapStr, M, StrKeys[I].Ptr, StrKeys[I].Len);
    Ok = Ok && ((I & 1) ? (P && *P == I) : !P);
  }
  check(Ok, "faststr: delete half");
  /* The generic entry points on the same map. */
  for (int64_t I = 0; I < 1000; I++)
    *(int64_t *)gort_mapassign(&MapStr, M, &StrKeys[I]) = -I;
  Ok = true;
  for (int64_t I = 0; I < 1000; I++)
    Ok = Ok && *(int64_t *)gort_mapaccess1_faststr(&MapStr, M, StrKeys[I].Ptr,
                                                   StrKeys[I].Len) == -I;
  check(Ok, "faststr and generic entry points share one map");

  /* A one-bucket map with long keys that agree in their first and last
   * 4 bytes: the no-hash path must still tell them apart. */
  void *S = gort_makemap(&MapStr, 0, 0);
  static char Long[8][40];
  for (int I = 0; I < 8; I++) {
    memset(Long[I], 'a', 40);
    Long[I][20] = (char)('0' + I);
  }
  for (int I = 0; I < 7; I++)
    *(int64_t *)gort_mapassign_faststr(&MapStr, S, (const uint8_t *)Long[I],
                                       40) = I + 100;
  char Probe[40];
  Ok = hm(S)->B == 0;
  for (int I = 0; I < 8; I++) {
    memcpy(Probe, Long[I], 40);
    int64_t *P =
        gort_mapaccess2_faststr(&MapStr, S, (const uint8_t *)Probe, 40);
    Ok = Ok && (I < 7 ? (P && *P == I + 100) : !P);
  }
  Ok = Ok && *(int64_t *)gort_mapaccess1_faststr(
                 &MapStr, S, (const uint8_t *)Long[3], 40) == 103;
  check(Ok, "faststr: one-bucket long-key path");
  /* Short keys in a one-bucket map. */
  void *S2 = gort_makemap(&MapStr, 0, 0);
  *(int64_t *)gort_mapassign_faststr(&MapStr, S2, (const uint8_t *)"a", 1) = 1;
  *(int64_t *)gort_mapassign_faststr(&MapStr, S2, (const uint8_t *)"", 0) = 2;
  Ok = *(int64_t *)gort_mapaccess1_faststr(&MapStr, S2, (const uint8_t *)"a",
                                           1) == 1 &&
       *(int64_t *)gort_mapaccess1_faststr(&MapStr, S2, 0, 0) == 2 &&
       !gort_mapaccess2_faststr(&MapStr, S2, (const uint8_t *)"b", 1);
  check(Ok, "faststr: one-bucket short keys, empty string key");
}

/* ---- struct, indirect and interface keys ------------------------------- */

static void testStruct(void) {
  void *M = gort_makemap(&MapS, 0, 0);
  struct SKey K;
  memset(&K, 0xff, sizeof(K)); /* padding bytes must not matter */
  for (int32_t I = 0; I < 20000; I++) {
    K.A = I;
    K.B = -(int64_t)I * 1000;
    *(int32_t *)gort_mapassign(&MapS, M, &K) = I + 1;
  }
  bool Ok = len(M) == 20000;
  struct SKey Q;
  memset(&Q, 0, sizeof(Q));
  for (int32_t I = 0; I < 20000; I++) {
    Q.A = I;
    Q.B = -(int64_t)I * 1000;
    int32_t *P = gort_mapaccess2(&MapS, M, &Q);
    Ok = Ok && P && *P == I + 1;
    Q.B++;
    Ok = Ok && !gort_mapaccess2(&MapS, M, &Q);
  }
  check(Ok, "struct keys with padding: 20000 inserts and lookups");
  for (int32_t I = 0; I < 20000; I += 4) {
    Q.A = I;
    Q.B = -(int64_t)I * 1000;
    gort_mapdelete(&MapS, M, &Q);
  }
  check(len(M) == 15000, "struct keys: delete");
}

static void testBig(void) {
  void *M = gort_makemap(&MapBig, 0, 0);
  struct Big *K = gort_mallocgc(sizeof(struct Big), 0, true);
  for (int64_t I = 0; I < 5000; I++) {
    for (int J = 0; J < 25; J++)
      K->W[J] = I * 25 + J;
    struct Big *E = gort_mapassign(&MapBig, M, K);
    E->W[0] = I;
    E->W[24] = -I;
  }
  bool Ok = len(M) == 5000;
  for (int64_t I = 0; I < 5000; I++) {
    for (int J = 0; J < 25; J++)
      K->W[J] = I * 25 + J;
    struct Big *E = gort_mapaccess2(&MapBig, M, K);
    Ok = Ok && E && E->W[0] == I && E->W[24] == -I && E->W[5] == 0;
    K->W[12]++;
    Ok = Ok && !gort_mapaccess2(&MapBig, M, K);
  }
  check(Ok, "200-byte indirect keys and elems: inserts and lookups");
  for (int64_t I = 0; I < 5000; I += 2) {
    for (int J = 0; J < 25; J++)
      K->W[J] = I * 25 + J;
    gort_mapdelete(&MapBig, M, K);
  }
  struct GoMapIter It;
  memset(&It, 0, sizeof(It));
  int64_t N = 0;
  Ok = len(M) == 2500;
  for (gort_mapiterinit(&MapBig, M, &It); It.Key; gort_mapiternext(&It)) {
    const struct Big *IK = It.Key;
    const struct Big *IE = It.Elem;
    int64_t I = IK->W[0] / 25;
    Ok = Ok && (I & 1) && IE->W[0] == I && IE->W[24] == -I;
    N++;
  }
  check(Ok && N == 2500, "indirect keys: delete and iterate");
}

static void testEface(void) {
  void *M = gort_makemap(&MapEface, 0, 0);
  int64_t *Vals = gort_mallocgc(1000 * 8, 0, true);
  for (int64_t I = 0; I < 1000; I++) {
    Vals[I] = I;
    struct GoEface K = {&Int64T, &Vals[I]};
    *(int64_t *)gort_mapassign(&MapEface, M, &K) = I * 2;
  }
  static const struct GoString Hello = GOSTR("hello");
  struct GoEface SK = {&StringT, (void *)&Hello};
  *(int64_t *)gort_mapassign(&MapEface, M, &SK) = -1;
  struct GoEface NilK = {0, 0};
  *(int64_t *)gort_mapassign(&MapEface, M, &NilK) = -2;
  bool Ok = len(M) == 1002;
  int64_t Probe;
  for (int64_t I = 0; I < 1000; I++) {
    Probe = I; /* an equal value at another address */
    struct GoEface K = {&Int64T, &Probe};
    int64_t *P = gort_mapaccess2(&MapEface, M, &K);
    Ok = Ok && P && *P == I * 2;
  }
  char HB[5] = {'h', 'e', 'l', 'l', 'o'};
  struct GoString H2 = {(const uint8_t *)HB, 5};
  struct GoEface SK2 = {&StringT, &H2};
  Ok = Ok && *(int64_t *)gort_mapaccess1(&MapEface, M, &SK2) == -1 &&
       *(int64_t *)gort_mapaccess1(&MapEface, M, &NilK) == -2;
  check(Ok, "interface{} keys: ints, a string and nil");
}

/* ---- nil maps, clear, makemap hints ------------------------------------ */

static void testNil(void) {
  int64_t K = 5;
  struct GoString S = GOSTR("x");
  const int64_t *Z = gort_mapaccess1(&MapInt, 0, &K);
  bool Ok = Z && *Z == 0 && !gort_mapaccess2(&MapInt, 0, &K) &&
            *(int64_t *)gort_mapaccess1_fast64(&MapInt, 0, 5) == 0 &&
            !gort_mapaccess2_fast64(&MapInt, 0, 5) &&
            *(int64_t *)gort_mapaccess1_fast32(&MapI32, 0, 5) == 0 &&
            !gort_mapaccess2_fast32(&MapI32, 0, 5) &&
            *(int64_t *)gort_mapaccess1_faststr(&MapStr, 0, S.Ptr, 1) == 0 &&
            !gort_mapaccess2_faststr(&MapStr, 0, S.Ptr, 1);
  check(Ok, "nil map: reads give zero / absent");
  /* The zero area is big enough for a 1024-byte element. */
  const uint8_t *ZB = gort_mapaccess1(&MapInt, 0, &K);
  Ok = true;
  for (int I = 0; I < 1024; I++)
    Ok = Ok && ZB[I] == 0;
  check(Ok, "mapaccess1's zero value spans MapMaxZeroSize bytes");
  gort_mapdelete(&MapInt, 0, &K);
  gort_mapdelete_fast64(&MapInt, 0, 5);
  gort_mapdelete_fast32(&MapI32, 0, 5);
  gort_mapdelete_faststr(&MapStr, 0, S.Ptr, 1);
  gort_mapclear(&MapInt, 0);
  struct GoMapIter It;
  memset(&It, 0xab, sizeof(It));
  gort_mapiterinit(&MapInt, 0, &It);
  check(It.Key == 0, "nil map: delete, clear are no-ops; range is empty");
  void *E = gort_makemap(&MapInt, 0, 0);
  memset(&It, 0, sizeof(It));
  gort_mapiterinit(&MapInt, E, &It);
  check(It.Key == 0 && len(E) == 0 && !gort_mapaccess2(&MapInt, E, &K),
        "empty map: range is empty, lookups absent");
}

static void testClear(void) {
  void *M = gort_makemap(&MapInt, 0, 0);
  for (int64_t I = 0; I < 50000; I++)
    *(int64_t *)gort_mapassign_fast64(&MapInt, M, (uint64_t)I) = I * 3;
  uint8_t B = hm(M)->B;
  gort_mapclear(&MapInt, M);
  bool Ok = len(M) == 0 && hm(M)->B == B && !hm(M)->OldBuckets;
  for (int64_t I = 0; I < 50000; I += 97)
    Ok = Ok && !gort_mapaccess2_fast64(&MapInt, M, (uint64_t)I);
  check(Ok, "mapclear empties the map and keeps its size");
  for (int64_t I = 100; I < 200; I++)
    *(int64_t *)gort_mapassign_fast64(&MapInt, M, (uint64_t)I) = I * 3;
  memset(Seen, 0, sizeof(Seen));
  bool ElemOk;
  Ok = iterate(&MapInt, M, 0, &ElemOk) == 100 && ElemOk && len(M) == 100;
  for (int64_t I = 100; I < 200; I++)
    Ok = Ok && Seen[I] == 1;
  check(Ok, "after mapclear: reuse, iteration sees only new keys");
  /* Clear during growth, then grow again. */
  for (int64_t I = 0; !hm(M)->OldBuckets; I++)
    *(int64_t *)gort_mapassign_fast64(&MapInt, M, (uint64_t)I) = I * 3;
  gort_mapclear(&MapInt, M);
  for (int64_t I = 0; I < 100000; I++)
    *(int64_t *)gort_mapassign_fast64(&MapInt, M, (uint64_t)I) = I * 3;
  Ok = len(M) == 100000;
  for (int64_t I = 0; I < 100000; I++)
    Ok = Ok &&
         *(int64_t *)gort_mapaccess1_fast64(&MapInt, M, (uint64_t)I) == I * 3;
  check(Ok, "mapclear mid-growth, then grow again");
}

static void testHints(void) {
  void *A = gort_makemap(&MapInt, -1, 0);
  void *B = gort_makemap(&MapInt, (int64_t)1 << 62, 0);
  void *C = gort_makemap(&MapInt, 1000, 0);
  void *D = gort_makemap(&MapInt, 8, 0);
  void *E = gort_makemap(&MapInt, 9, 0);
  check(hm(A)->B == 0 && hm(B)->B == 0, "makemap: negative and huge hints "
                                        "are ignored (gc: no panic)");
  check(hm(C)->B == 8 && hm(D)->B == 0 && hm(E)->B == 1 && hm(C)->Buckets &&
            !hm(D)->Buckets,
        "makemap: hint sizes the table (1000 -> B=8, 8 -> 0, 9 -> 1)");
  *(int64_t *)gort_mapassign_fast64(&MapInt, A, 1) = 1;
  *(int64_t *)gort_mapassign_fast64(&MapInt, B, 1) = 1;
  for (int64_t I = 0; I < 1000; I++)
    *(int64_t *)gort_mapassign_fast64(&MapInt, C, (uint64_t)I) = I;
  check(len(A) == 1 && len(B) == 1 && len(C) == 1000 && hm(C)->B == 8 &&
            !hm(C)->OldBuckets,
        "makemap: a sized map takes its hint without growing");
  /* The caller may provide the hmap (escape analysis). */
  struct GoHMap *H = gort_mallocgc(sizeof(struct GoHMap), 0, true);
  void *F = gort_makemap(&MapInt, 100, H);
  *(int64_t *)gort_mapassign_fast64(&MapInt, F, 3) = 9;
  check(F == H && len(H) == 1 && hm(F)->B == 4,
        "makemap: caller-provided hmap");
  /* Two maps get different seeds; so do two processes (run.sh). */
  check(hm(A)->Hash0 != hm(C)->Hash0 || hm(C)->Hash0 != hm(D)->Hash0,
        "maps get random hash seeds");
}

/* Iteration order is random: two iterations over the same map start at
 * different places. */
static void testRandomOrder(void) {
  void *M = gort_makemap(&MapInt, 0, 0);
  for (int64_t I = 0; I < 100; I++)
    *(int64_t *)gort_mapassign_fast64(&MapInt, M, (uint64_t)I) = I * 3;
  int Firsts[64];
  int Distinct = 0;
  for (int R = 0; R < 64; R++) {
    struct GoMapIter It;
    memset(&It, 0, sizeof(It));
    gort_mapiterinit(&MapInt, M, &It);
    Firsts[R] = (int)*(int64_t *)It.Key;
    bool New = true;
    for (int J = 0; J < R; J++)
      New = New && Firsts[J] != Firsts[R];
    Distinct += New;
  }
  check(Distinct > 10, "iteration starts at a random place");
}

/* ---- performance ------------------------------------------------------- */

#define NPERF 1000000

static void testPerf(void) {
  int64_t Sum = 0;
  void *M = gort_makemap(&MapInt, 0, 0);
  int64_t T0 = nanotime();
  for (int64_t I = 0; I < NPERF; I++)
    *(int64_t *)gort_mapassign_fast64(&MapInt, M,
                                      (uint64_t)I * 0x9E3779B97F4A7C15ull) = I;
  int64_t T1 = nanotime();
  for (int64_t I = 0; I < NPERF; I++)
    Sum += *(int64_t *)gort_mapaccess1_fast64(
        &MapInt, M, (uint64_t)I * 0x9E3779B97F4A7C15ull);
  int64_t T2 = nanotime();
  for (int64_t I = 0; I < NPERF; I++)
    Sum += *(int64_t *)gort_mapaccess1_fast64(&MapInt, M, (uint64_t)I * 3 + 1);
  int64_t T3 = nanotime();
  perf("mapassign_fast64, 1M new keys (growing from empty)", T1 - T0, NPERF);
  perf("mapaccess1_fast64, 1M hits", T2 - T1, NPERF);
  perf("mapaccess1_fast64, 1M misses", T3 - T2, NPERF);

  void *G = gort_makemap(&MapInt, 0, 0);
  T0 = nanotime();
  for (int64_t I = 0; I < NPERF; I++) {
    uint64_t K = (uint64_t)I * 0x9E3779B97F4A7C15ull;
    *(int64_t *)gort_mapassign(&MapInt, G, &K) = I;
  }
  T1 = nanotime();
  for (int64_t I = 0; I < NPERF; I++) {
    uint64_t K = (uint64_t)I * 0x9E3779B97F4A7C15ull;
    Sum += *(int64_t *)gort_mapaccess1(&MapInt, G, &K);
  }
  T2 = nanotime();
  perf("mapassign (generic, int64 key), 1M new keys", T1 - T0, NPERF);
  perf("mapaccess1 (generic, int64 key), 1M hits", T2 - T1, NPERF);

  makeStrKeys(NPERF, "k");
  void *S = gort_makemap(&MapStr, 0, 0);
  T0 = nanotime();
  for (int64_t I = 0; I < NPERF; I++)
    *(int64_t *)gort_mapassign_faststr(&MapStr, S, StrKeys[I].Ptr,
                                       StrKeys[I].Len) = I;
  T1 = nanotime();
  for (int64_t I = 0; I < NPERF; I++)
    Sum += *(int64_t *)gort_mapaccess1_faststr(&MapStr, S, StrKeys[I].Ptr,
                                               StrKeys[I].Len);
  T2 = nanotime();
  perf("mapassign_faststr, 1M new keys", T1 - T0, NPERF);
  perf("mapaccess1_faststr, 1M hits", T2 - T1, NPERF);

  void *P = gort_makemap(&MapInt, NPERF, 0);
  T0 = nanotime();
  for (int64_t I = 0; I < NPERF; I++)
    *(int64_t *)gort_mapassign_fast64(&MapInt, P,
                                      (uint64_t)I * 0x9E3779B97F4A7C15ull) = I;
  T1 = nanotime();
  perf("mapassign_fast64, 1M new keys (presized)", T1 - T0, NPERF);
  /* A map that stays in cache: the cost of the code path itself. */
  void *Small = gort_makemap(&MapInt, 0, 0);
  void *SmallS = gort_makemap(&MapStr, 0, 0);
  for (int64_t I = 0; I < 1000; I++) {
    *(int64_t *)gort_mapassign_fast64(&MapInt, Small, (uint64_t)I * 7) = I;
    *(int64_t *)gort_mapassign_faststr(&MapStr, SmallS, StrKeys[I].Ptr,
                                       StrKeys[I].Len) = I;
  }
  int64_t SmallSum = 0;
  T0 = nanotime();
  for (int64_t I = 0; I < NPERF; I++)
    SmallSum += *(int64_t *)gort_mapaccess1_fast64(&MapInt, Small,
                                                   (uint64_t)(I % 1000) * 7);
  T1 = nanotime();
  for (int64_t I = 0; I < NPERF; I++)
    SmallSum += *(int64_t *)gort_mapaccess1_faststr(
        &MapStr, SmallS, StrKeys[I % 1000].Ptr, StrKeys[I % 1000].Len);
  T2 = nanotime();
  for (int64_t I = 0; I < NPERF; I++)
    *(int64_t *)gort_mapassign_fast64(&MapInt, Small,
                                      (uint64_t)(I % 1000) * 7) = I % 1000;
  T3 = nanotime();
  perf("mapaccess1_fast64, 1000-entry map, 1M hits", T1 - T0, NPERF);
  perf("mapaccess1_faststr, 1000-entry map, 1M hits", T2 - T1, NPERF);
  perf("mapassign_fast64, 1000-entry map, 1M updates", T3 - T2, NPERF);
  check(SmallSum == 2 * 1000 * (999 * 1000 / 2) && len(Small) == 1000,
        "small-map loops computed the right sums");

  struct GoMapIter It;
  memset(&It, 0, sizeof(It));
  int64_t N = 0;
  T0 = nanotime();
  for (gort_mapiterinit(&MapInt, M, &It); It.Key; gort_mapiternext(&It))
    N++;
  T1 = nanotime();
  perf("range over 1M entries", T1 - T0, NPERF);
  int64_t Want = (int64_t)NPERF * (NPERF - 1) / 2;
  check(Sum == 3 * Want && N == NPERF && len(S) == NPERF,
        "performance loops computed the right sums");
}

/* ---- the panic and fatal-error cases ----------------------------------- */

static void *Victim;
static int Reenter;
static struct GoMapIter VictimIt;

/* An Equal that re-enters the map it is comparing for, which looks to the
 * runtime like another goroutine using the map during a write. */
static bool eqReenter(const void *Ctx, const void *A, const void *B) {
  int64_t K = 1;
  switch (Reenter) {
  case 3:
    gort_mapassign(&MapInt, Victim, &K);
    break;
  case 4:
    gort_mapaccess1(&MapInt, Victim, &K);
    break;
  case 5:
    gort_mapiternext(&VictimIt);
    break;
  }
  return eq64(0, A, B);
}
static const struct GoFuncVal EqReenterF = FUNCVAL(eqReenter);
static const struct GoTypeN ReenterT = KTYPE("int", 8, 8, KindInt, EqReenterF);
static MT MapReenter = MAPTYPE("map[int]int", &ReenterT, &Int64T, &B144,
                               gort_memhash64_f, 8, 8, 144, MapReflexiveKey);

static void runCase(int C) {
  int64_t K = 1;
  struct GoString S = GOSTR("k");
  struct GoEface Unhashable = {&SliceIntT, &K};
  switch (C) {
  case 1:
    gort_mapassign(&MapInt, 0, &K);
    break;
  case 2:
    gort_mapassign_fast64(&MapInt, 0, 1);
    break;
  case 3:
  case 4:
  case 5:
    Victim = gort_makemap(&MapReenter, 0, 0);
    gort_mapassign(&MapReenter, Victim, &K);
    gort_mapassign(&MapReenter, Victim, &(int64_t){2});
    gort_mapiterinit(&MapReenter, Victim, &VictimIt);
    Reenter = C;
    gort_mapassign(&MapReenter, Victim, &K); /* Equal runs mid-write */
    break;
  case 6:
    gort_mapassign_faststr(&MapStr, 0, S.Ptr, S.Len);
    break;
  case 7:
    gort_mapassign(&MapEface, gort_makemap(&MapEface, 0, 0), &Unhashable);
    break;
  case 8:
    /* A read of a nil map still hashes a key that may be unhashable. */
    gort_mapaccess1(&MapEface, 0, &Unhashable);
    break;
  case 9:
    gort_mapassign_fast32(&MapI32, 0, 1);
    break;
  case 10:
    /* The per-process hash key: run.sh runs this twice and wants two
     * different numbers. */
    gort_printlock();
    gort_printhex(gort_memhash64(0, &K, 0));
    gort_printnl();
    gort_printunlock();
    return;
  }
  say("FAIL: did not panic");
}

void mainInit(void *Ctx) { (void)Ctx; }

void mainMain(void *Ctx) {
  (void)Ctx;
  if (CASE == 11) {
    /* Benchmark only (not run by run.sh): the timed loops, three times. */
    for (int R = 0; R < 3; R++)
      testPerf();
    return;
  }
  if (CASE != 0) {
    runCase(CASE);
    return;
  }
  testHash();
  testIntFast();
  testIntGeneric();
  testIterGrowth();
  testFloat();
  testString();
  testStruct();
  testBig();
  testEface();
  testNil();
  testClear();
  testHints();
  testRandomOrder();
  testPerf();
  if (Failures)
    gort_panicdivide(); /* exit status 2 */
}
