//===- runtime/alg.cpp - Hash and equality functions ----------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The hash functions behind maps and interface hashing (gc: alg.go,
// hash64.go). A map type's descriptor has a hasher for its keys
// (MapType::Hasher, a func value, gc's maptype.hasher) of the abi::HashFn
// shape, hash(closure, p, seed): for plain memory and the basic types one
// of the gort_*hash functions here (their func values are the gort_*hash_f
// constants below); for structs and arrays codegen generates one that
// calls these field by field (threading the seed through, as gc's genhash
// does) and gort_memhash for runs of plain memory. Interface values hash
// their dynamic value with typehash, which walks its descriptor as gc's
// does (TFlagRegularMemory types as one run of bytes).
//
// Algorithm: gc's fallback hash (hash64.go, itself after wyhash), the one gc
// uses when the CPU has no AES instructions:
//   1. seed ^= HashKey ^ m1; read the input as two words a, b (overlapping
//      loads for 4..16 bytes, three spread bytes below 4);
//   2. longer inputs: fold 48-byte blocks into three lanes, then 16-byte
//      blocks, each step a 64x64->128 multiply folded to 64 bits (mix);
//   3. result = mix(m5 ^ size, mix(a ^ m2, b ^ seed)).
// memhash32/memhash64 (alg.h) are the 4- and 8-byte cases written out and
// give the same result as memhash(p, seed, 4 or 8), so a generated hasher
// may call either. Floats: +0 and -0 hash alike, and NaN hashes to a fresh
// random value each time (fastrand), so NaN keys spread over the buckets
// instead of piling into one chain (they are never found again anyway).
// Interfaces hash their dynamic value with typehash, mixed as gc's
// (c1 * hash(data, seed ^ c0)); a dynamic type without Equal panics with
// gc's runtime.Error "hash of unhashable type T".
//
// Seed: HashKey is 8 bytes of AT_RANDOM (rand.cpp getRandomData), made odd,
// set once by alginit from schedinit before any map exists. Each map adds
// its own 32-bit hash0 (fastrand) as the seed argument.
//
// Equality of plain memory (gc: alg.go's memequal0..128, memequal_varlen):
// a comparable type whose values are equal exactly when their bytes are
// (abi::TFlagRegularMemory: integers, pointers, channels, and arrays and
// structs of them without padding) has no equality code of its own. Its
// descriptor's Equal is one of the gort_memequal*_f func values here, or,
// for a size without one, a func value that codegen emits once per size
// (gort.memequal.<size>: gort_memequal_varlen and the size, which the
// function reads from its closure word). In hello with fmt, 268 of 327
// generated equality functions were of such types.
//
// Entry points: gort_memhash, gort_memhash0/8/16/32/64/128, gort_strhash,
// gort_f32hash, gort_f64hash, gort_c64hash, gort_c128hash, gort_interhash,
// gort_nilinterhash, gort_memequal0/8/16/32/64/128, gort_memequal_varlen
// (libgort/abi.def), called through MapType::Hasher by
// the map code and by generated hashers, on goroutine stacks with no
// prologue check: each is a leaf or calls only other hashers and typehash
// and mallocgc/gopanic on the unhashable path. typehash recurses as deep
// as the value's type nests, so each composite level goes through
// callWithRoom (stack.h), which moves to a new segment when this one is
// short; utils/stack_budget.py bounds the rest.
//
// Invariants: HashKey is odd and never changes after alginit; a hash
// depends only on (bytes, seed, HashKey) except for NaNs.
//
// Rejected: AES-NI/ARMv8-AES hashing as gc's asm (faster on long keys, but
// needs CPU feature detection and two assembly versions; the fallback is
// what gc itself runs without AES and gives the same hash on both targets,
// which keeps test behaviour identical under qemu); FNV or SipHash (FNV
// mixes poorly for the top byte we use as tophash; SipHash costs several
// times more per short key); a seed from getrandom alone (a system call at
// start-up when the kernel has already handed us 16 random bytes).
//
//===----------------------------------------------------------------------===//

#include "runtime/alg.h"

#include "runtime/abi_entry.h"
#include "runtime/error.h"
#include "runtime/malloc.h"
#include "runtime/rand.h"
#include "runtime/stack.h"
#include "runtime/stubs.h"
#include "runtime/type.h"

namespace gort {

uintptr_t HashKey;

void alginit() {
  getRandomData(reinterpret_cast<uint8_t *>(&HashKey), sizeof(HashKey));
  HashKey |= 1; // odd, as gc's hashkey words
}

uintptr_t memhash(const void *Ptr, uintptr_t Seed, uintptr_t S) {
  const uint8_t *P = static_cast<const uint8_t *>(Ptr);
  uint64_t A, B;
  Seed ^= HashKey ^ HashM1;
  if (S == 0)
    return Seed;
  if (S < 4) {
    A = uint64_t(P[0]) | uint64_t(P[S >> 1]) << 8 | uint64_t(P[S - 1]) << 16;
    B = 0;
  } else if (S == 4) {
    A = B = readUnaligned32(P);
  } else if (S < 8) {
    A = readUnaligned32(P);
    B = readUnaligned32(P + S - 4);
  } else if (S == 8) {
    A = B = readUnaligned64(P);
  } else if (S <= 16) {
    A = readUnaligned64(P);
    B = readUnaligned64(P + S - 8);
  } else {
    uintptr_t L = S;
    if (L > 48) {
      uint64_t Seed1 = Seed, Seed2 = Seed;
      for (; L > 48; L -= 48) {
        Seed =
            hashMix(readUnaligned64(P) ^ HashM2, readUnaligned64(P + 8) ^ Seed);
        Seed1 = hashMix(readUnaligned64(P + 16) ^ HashM3,
                        readUnaligned64(P + 24) ^ Seed1);
        Seed2 = hashMix(readUnaligned64(P + 32) ^ HashM4,
                        readUnaligned64(P + 40) ^ Seed2);
        P += 48;
      }
      Seed ^= Seed1 ^ Seed2;
    }
    for (; L > 16; L -= 16) {
      Seed =
          hashMix(readUnaligned64(P) ^ HashM2, readUnaligned64(P + 8) ^ Seed);
      P += 16;
    }
    A = readUnaligned64(P + L - 16);
    B = readUnaligned64(P + L - 8);
  }
  return hashMix(HashM5 ^ S, hashMix(A ^ HashM2, B ^ Seed));
}

void panicUnhashable(const abi::Type *T) {
  // gc: panic(errorString("hash of unhashable type " + t.string()))
  panicTypeString("hash of unhashable type ", T);
}

namespace {

uintptr_t f32hash(const void *P, uintptr_t H);
uintptr_t f64hash(const void *P, uintptr_t H);
uintptr_t interhash(const void *P, uintptr_t H);
uintptr_t nilinterhash(const void *P, uintptr_t H);

namespace {
uintptr_t typehashParts(const abi::Type *T, const void *P, uintptr_t H);

struct TypehashCall {
  const abi::Type *T;
  const void *P;
  uintptr_t H;
};

void typehashThunk(void *Arg) {
  auto *C = static_cast<TypehashCall *>(Arg);
  C->H = typehashParts(C->T, C->P, C->H);
}
} // namespace

/// gc: typehash. The hash of the value at P of type T, walking T's
/// descriptor; interface values hash through it. It need not agree with a
/// map's hasher for T: every map hashes its keys with one function.
uintptr_t typehash(const abi::Type *T, const void *P, uintptr_t H) {
  if (T->TFlag & abi::TFlagRegularMemory) {
    switch (T->Size) {
    case 4:
      return memhash32(P, H);
    case 8:
      return memhash64(P, H);
    default:
      return memhash(P, H, T->Size);
    }
  }
  const auto *B = static_cast<const uint8_t *>(P);
  switch (T->Kind & abi::KindMask) {
  case abi::KindFloat32:
    return f32hash(P, H);
  case abi::KindFloat64:
    return f64hash(P, H);
  case abi::KindComplex64:
    return f32hash(B + 4, f32hash(P, H));
  case abi::KindComplex128:
    return f64hash(B + 8, f64hash(P, H));
  case abi::KindString: {
    const auto *S = static_cast<const abi::String *>(P);
    return memhash(S->Ptr, H, uintptr_t(S->Len));
  }
  default: {
    // The parts recurse as deep as the value's type nests (through
    // interface values too) with no prologue check: each level starts
    // with the margin an entry point has (stack.h).
    TypehashCall C = {T, P, H};
    callWithRoom(typehashThunk, &C, 0);
    return C.H;
  }
  }
}

namespace {
uintptr_t typehashParts(const abi::Type *T, const void *P, uintptr_t H) {
  const auto *B = static_cast<const uint8_t *>(P);
  switch (T->Kind & abi::KindMask) {
  case abi::KindInterface:
    return reinterpret_cast<const abi::InterfaceType *>(T)->NumMethods == 0
               ? nilinterhash(P, H)
               : interhash(P, H);
  case abi::KindArray: {
    const auto *A = reinterpret_cast<const abi::ArrayType *>(T);
    for (uintptr_t I = 0; I < A->Len; I++)
      H = typehash(A->Elem, B + I * A->Elem->Size, H);
    return H;
  }
  case abi::KindStruct: {
    const auto *S = reinterpret_cast<const abi::StructType *>(T);
    for (intptr_t I = 0; I < S->NumFields; I++) {
      const abi::StructField &F = S->Fields[I];
      abi::String N = nameString(F.Name);
      if (N.Len == 1 && N.Ptr[0] == '_')
        continue;
      H = typehash(F.Typ, B + F.Offset, H);
    }
    return H;
  }
  default:
    // Unreachable: interface values of uncomparable types are caught by
    // ifaceValueHash before their parts are hashed.
    panicUnhashable(T);
  }
}
} // namespace

/// gc: the tail of interhash/nilinterhash. Data is the interface's data
/// word; the value is the word itself for pointer-shaped types.
uintptr_t ifaceValueHash(const abi::Type *T, void *const *Data, uintptr_t H) {
  // Check hashability here, not while hashing the parts, so that the
  // message names the dynamic type itself (a struct, not its slice field),
  // as gc.
  if (!T->Equal)
    panicUnhashable(T);
  const void *P = (T->Kind & abi::KindDirectIface)
                      ? static_cast<const void *>(Data)
                      : static_cast<const void *>(*Data);
  return HashC1 * typehash(T, P, H ^ HashC0);
}

uintptr_t interhash(const void *P, uintptr_t Seed) {
  const auto *A = static_cast<const abi::Iface *>(P);
  if (!A->Tab)
    return Seed;
  return ifaceValueHash(A->Tab->Typ, &A->Data, Seed);
}

uintptr_t nilinterhash(const void *P, uintptr_t Seed) {
  const auto *A = static_cast<const abi::Eface *>(P);
  if (!A->Typ)
    return Seed;
  return ifaceValueHash(A->Typ, &A->Data, Seed);
}

uintptr_t f32hash(const void *P, uintptr_t H) {
  float F;
  __builtin_memcpy(&F, P, 4);
  if (F == 0)
    return HashC1 * (HashC0 ^ H); // +0, -0
  if (F != F)
    return HashC1 * (HashC0 ^ H ^ uintptr_t(fastrand())); // any NaN
  return memhash32(P, H);
}

uintptr_t f64hash(const void *P, uintptr_t H) {
  double F;
  __builtin_memcpy(&F, P, 8);
  if (F == 0)
    return HashC1 * (HashC0 ^ H); // +0, -0
  if (F != F)
    return HashC1 * (HashC0 ^ H ^ uintptr_t(fastrand())); // any NaN
  return memhash64(P, H);
}

} // namespace

uintptr_t reflectTypehash(const abi::Type *T, const void *P, uintptr_t H) {
  return typehash(T, P, H);
}

/// Whether the N bytes at A and B are equal: word loads through memcpy, as
/// a type of plain memory may be less aligned than its size (a freestanding
/// memcmp of a constant size stays a call).
template <size_t N> static bool memequalWords(const void *A, const void *B) {
  using Word = __UINTMAX_TYPE__;
  static_assert(N % sizeof(Word) == 0 || N < sizeof(Word), "bad size");
  if constexpr (N < sizeof(Word)) {
    __UINT32_TYPE__ X = 0, Y = 0;
    __builtin_memcpy(&X, A, N);
    __builtin_memcpy(&Y, B, N);
    return X == Y;
  } else {
    Word Diff = 0;
    for (size_t I = 0; I < N; I += sizeof(Word)) {
      Word X, Y;
      __builtin_memcpy(&X, static_cast<const char *>(A) + I, sizeof(Word));
      __builtin_memcpy(&Y, static_cast<const char *>(B) + I, sizeof(Word));
      Diff |= X ^ Y;
    }
    return Diff == 0;
  }
}

} // namespace gort

using namespace gort;

extern "C" {

uintptr_t gort_memhash(const void *P, uintptr_t Seed, uintptr_t Size) {
  return memhash(P, Seed, Size);
}

uintptr_t gort_memhash0(const abi::FuncVal *, const void *, uintptr_t Seed) {
  return Seed;
}

uintptr_t gort_memhash8(const abi::FuncVal *, const void *P, uintptr_t Seed) {
  return memhash(P, Seed, 1);
}

uintptr_t gort_memhash16(const abi::FuncVal *, const void *P, uintptr_t Seed) {
  return memhash(P, Seed, 2);
}

uintptr_t gort_memhash32(const abi::FuncVal *, const void *P, uintptr_t Seed) {
  return memhash32(P, Seed);
}

uintptr_t gort_memhash64(const abi::FuncVal *, const void *P, uintptr_t Seed) {
  return memhash64(P, Seed);
}

uintptr_t gort_memhash128(const abi::FuncVal *, const void *P, uintptr_t Seed) {
  return memhash(P, Seed, 16);
}

uintptr_t gort_strhash(const abi::FuncVal *, const void *P, uintptr_t Seed) {
  const auto *S = static_cast<const abi::String *>(P);
  return memhash(S->Ptr, Seed, uintptr_t(S->Len));
}

uintptr_t gort_f32hash(const abi::FuncVal *, const void *P, uintptr_t Seed) {
  return f32hash(P, Seed);
}

uintptr_t gort_f64hash(const abi::FuncVal *, const void *P, uintptr_t Seed) {
  return f64hash(P, Seed);
}

uintptr_t gort_c64hash(const abi::FuncVal *, const void *P, uintptr_t Seed) {
  const auto *X = static_cast<const float *>(P);
  return f32hash(X + 1, f32hash(X, Seed));
}

uintptr_t gort_c128hash(const abi::FuncVal *, const void *P, uintptr_t Seed) {
  const auto *X = static_cast<const double *>(P);
  return f64hash(X + 1, f64hash(X, Seed));
}

uintptr_t gort_interhash(const abi::FuncVal *, const void *P, uintptr_t Seed) {
  return interhash(P, Seed);
}

uintptr_t gort_nilinterhash(const abi::FuncVal *, const void *P,
                            uintptr_t Seed) {
  return nilinterhash(P, Seed);
}

// Equality of N bytes (abi::EqualFn), memequalWords below.
bool gort_memequal0(const abi::FuncVal *, const void *, const void *) {
  return true;
}

bool gort_memequal8(const abi::FuncVal *, const void *A, const void *B) {
  return memequalWords<1>(A, B);
}

bool gort_memequal16(const abi::FuncVal *, const void *A, const void *B) {
  return memequalWords<2>(A, B);
}

bool gort_memequal32(const abi::FuncVal *, const void *A, const void *B) {
  return memequalWords<4>(A, B);
}

bool gort_memequal64(const abi::FuncVal *, const void *A, const void *B) {
  return memequalWords<8>(A, B);
}

bool gort_memequal128(const abi::FuncVal *, const void *A, const void *B) {
  return memequalWords<16>(A, B);
}

bool gort_memequal_varlen(const abi::FuncVal *Ctx, const void *A,
                          const void *B) {
  // gc: memequal_varlen; the closure is {code, size}.
  uintptr_t Size = reinterpret_cast<const uintptr_t *>(Ctx)[1];
  return A == B || memcmp(A, B, Size) == 0;
}

// The hashers' func values, for map descriptors (MapType::Hasher; the fast
// map paths recognise the standard ones by address, map_fast.cpp), and the
// equality functions', for type descriptors (Type::Equal).
#define GORT_HASHER_FUNCVAL(Name)                                              \
  const abi::FuncVal Name##_f = {reinterpret_cast<void (*)()>(&Name)};
GORT_HASHER_FUNCVAL(gort_memhash0)
GORT_HASHER_FUNCVAL(gort_memhash8)
GORT_HASHER_FUNCVAL(gort_memhash16)
GORT_HASHER_FUNCVAL(gort_memhash32)
GORT_HASHER_FUNCVAL(gort_memhash64)
GORT_HASHER_FUNCVAL(gort_memhash128)
GORT_HASHER_FUNCVAL(gort_strhash)
GORT_HASHER_FUNCVAL(gort_f32hash)
GORT_HASHER_FUNCVAL(gort_f64hash)
GORT_HASHER_FUNCVAL(gort_c64hash)
GORT_HASHER_FUNCVAL(gort_c128hash)
GORT_HASHER_FUNCVAL(gort_interhash)
GORT_HASHER_FUNCVAL(gort_nilinterhash)
GORT_HASHER_FUNCVAL(gort_memequal0)
GORT_HASHER_FUNCVAL(gort_memequal8)
GORT_HASHER_FUNCVAL(gort_memequal16)
GORT_HASHER_FUNCVAL(gort_memequal32)
GORT_HASHER_FUNCVAL(gort_memequal64)
GORT_HASHER_FUNCVAL(gort_memequal128)
#undef GORT_HASHER_FUNCVAL

} // extern "C"
