//===- runtime/alg.cpp - Hash functions -----------------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The hash functions behind maps and interface hashing (gc: alg.go,
// hash64.go). Every comparable type's descriptor has a Hasher of the
// abi::HashFn shape, hash(p, seed): for plain memory and the basic types it
// is one of the gort_*hash functions here; for structs and arrays codegen
// generates one that calls these field by field (threading the seed through,
// as gc's typehash does) and gort_memhash for runs of plain memory.
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
// Interfaces hash their dynamic type's value with that type's Hasher, mixed
// as gc's (c1 * hash(data, seed ^ c0)); a dynamic type without Equal panics
// with gc's runtime.Error "hash of unhashable type T".
//
// Seed: HashKey is 8 bytes of AT_RANDOM (rand.cpp getRandomData), made odd,
// set once by alginit from schedinit before any map exists. Each map adds
// its own 32-bit hash0 (fastrand) as the seed argument.
//
// Entry points: gort_memhash, gort_memhash0/8/16/32/64/128, gort_strhash,
// gort_f32hash, gort_f64hash, gort_c64hash, gort_c128hash, gort_interhash,
// gort_nilinterhash (libgort/abi.def), called through Type::Hasher by the
// map code and by generated hashers, on goroutine stacks with no prologue
// check: each is a leaf or calls only other hashers (the interface ones
// call a generated hasher, which checks its own stack) and mallocgc/
// gopanic on the unhashable path.
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
#include "runtime/stubs.h"

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
  static const char Prefix[] = "hash of unhashable type ";
  intptr_t PN = sizeof(Prefix) - 1;
  auto *S =
      static_cast<abi::String *>(mallocgc(sizeof(abi::String), nullptr, true));
  auto *P = static_cast<uint8_t *>(
      mallocgc(uintptr_t(PN + T->Str.Len), nullptr, false));
  memmove(P, Prefix, size_t(PN));
  memmove(P + PN, T->Str.Ptr, size_t(T->Str.Len));
  *S = {P, PN + T->Str.Len};
  gort_gopanic(&ErrorStringType, S);
}

namespace {

/// gc: the tail of interhash/nilinterhash. Data is the interface's data
/// word; the value is the word itself for pointer-shaped types.
uintptr_t ifaceValueHash(const abi::Type *T, void *const *Data, uintptr_t H) {
  // Check hashability here, not in the type's hasher, so that the message
  // names the dynamic type itself (a struct, not its slice field), as gc.
  if (!T->Equal || !T->Hasher)
    panicUnhashable(T);
  const void *P = (T->Kind & abi::KindDirectIface)
                      ? static_cast<const void *>(Data)
                      : static_cast<const void *>(*Data);
  return HashC1 * T->Hasher(P, H ^ HashC0);
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

} // namespace gort

using namespace gort;

extern "C" {

uintptr_t gort_memhash(const void *P, uintptr_t Seed, uintptr_t Size) {
  return memhash(P, Seed, Size);
}

uintptr_t gort_memhash0(const void *, uintptr_t Seed) { return Seed; }

uintptr_t gort_memhash8(const void *P, uintptr_t Seed) {
  return memhash(P, Seed, 1);
}

uintptr_t gort_memhash16(const void *P, uintptr_t Seed) {
  return memhash(P, Seed, 2);
}

uintptr_t gort_memhash32(const void *P, uintptr_t Seed) {
  return memhash32(P, Seed);
}

uintptr_t gort_memhash64(const void *P, uintptr_t Seed) {
  return memhash64(P, Seed);
}

uintptr_t gort_memhash128(const void *P, uintptr_t Seed) {
  return memhash(P, Seed, 16);
}

uintptr_t gort_strhash(const void *P, uintptr_t Seed) {
  const auto *S = static_cast<const abi::String *>(P);
  return memhash(S->Ptr, Seed, uintptr_t(S->Len));
}

uintptr_t gort_f32hash(const void *P, uintptr_t Seed) {
  return f32hash(P, Seed);
}

uintptr_t gort_f64hash(const void *P, uintptr_t Seed) {
  return f64hash(P, Seed);
}

uintptr_t gort_c64hash(const void *P, uintptr_t Seed) {
  const auto *X = static_cast<const float *>(P);
  return f32hash(X + 1, f32hash(X, Seed));
}

uintptr_t gort_c128hash(const void *P, uintptr_t Seed) {
  const auto *X = static_cast<const double *>(P);
  return f64hash(X + 1, f64hash(X, Seed));
}

uintptr_t gort_interhash(const void *P, uintptr_t Seed) {
  const auto *A = static_cast<const abi::Iface *>(P);
  if (!A->Tab)
    return Seed;
  return ifaceValueHash(A->Tab->Typ, &A->Data, Seed);
}

uintptr_t gort_nilinterhash(const void *P, uintptr_t Seed) {
  const auto *A = static_cast<const abi::Eface *>(P);
  if (!A->Typ)
    return Seed;
  return ifaceValueHash(A->Typ, &A->Data, Seed);
}

} // extern "C"
