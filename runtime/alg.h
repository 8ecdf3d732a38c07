//===- runtime/alg.h - Hash functions ---------------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See alg.cpp for the overview. The fixed-size hashes are inline here so
// the map fast paths (map_fast.cpp) compute them without a call.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_ALG_H
#define GORT_RUNTIME_ALG_H

#include "libgort/abi.h"

#include <stdint.h>

namespace gort {

/// The per-process hash key, odd, mixed into every hash (gc: hashkey[0];
/// gc's other three words serve only its 32-bit hash). Set by alginit
/// before any map exists; read-only afterwards.
extern uintptr_t HashKey;

/// Seeds HashKey from start-up entropy (gc: alginit, fallback path). Called
/// by schedinit before fastrandinit.
void alginit();

// Constants of gc's hash64.go (wyhash's primes) and alg.go (c0, c1 for
// 64-bit pointers).
constexpr uint64_t HashM1 = 0xa0761d6478bd642full;
constexpr uint64_t HashM2 = 0xe7037ed1a0b428dbull;
constexpr uint64_t HashM3 = 0x8ebc6af09c88c6e3ull;
constexpr uint64_t HashM4 = 0x589965cc75374cc3ull;
constexpr uint64_t HashM5 = 0x1d8e4e27c47d124full;
constexpr uintptr_t HashC0 = 33054211828000289ull;
constexpr uintptr_t HashC1 = 23344194077549503ull;

/// The 128-bit product of A and B folded to 64 bits (gc: mix). One
/// mul/umulh pair on both targets.
__attribute__((always_inline)) inline uint64_t hashMix(uint64_t A, uint64_t B) {
  __uint128_t P = __uint128_t(A) * B;
  return uint64_t(P >> 64) ^ uint64_t(P);
}

__attribute__((always_inline)) inline uint64_t readUnaligned64(const void *P) {
  uint64_t V;
  __builtin_memcpy(&V, P, 8);
  return V;
}

__attribute__((always_inline)) inline uint64_t readUnaligned32(const void *P) {
  uint32_t V;
  __builtin_memcpy(&V, P, 4);
  return V;
}

/// Hash of the 4 bytes at P (gc: memhash32Fallback). Equal to
/// memhash(P, Seed, 4), so generated hashers may use either.
__attribute__((always_inline)) inline uintptr_t memhash32(const void *P,
                                                          uintptr_t Seed) {
  uint64_t A = readUnaligned32(P);
  return hashMix(HashM5 ^ 4, hashMix(A ^ HashM2, A ^ Seed ^ HashKey ^ HashM1));
}

/// Hash of the 8 bytes at P (gc: memhash64Fallback); equal to
/// memhash(P, Seed, 8).
__attribute__((always_inline)) inline uintptr_t memhash64(const void *P,
                                                          uintptr_t Seed) {
  uint64_t A = readUnaligned64(P);
  return hashMix(HashM5 ^ 8, hashMix(A ^ HashM2, A ^ Seed ^ HashKey ^ HashM1));
}

/// Hash of the S bytes at P (gc: memhashFallback).
uintptr_t memhash(const void *P, uintptr_t Seed, uintptr_t S);

/// Panics with gc's runtime.Error "hash of unhashable type T" (an
/// errorString, so the message gets the "runtime error: " prefix).
[[noreturn]] void panicUnhashable(const abi::Type *T);

/// gc: typehash, for reflect: the hash of the value at P of type T, as
/// interface values hash it.
uintptr_t reflectTypehash(const abi::Type *T, const void *P, uintptr_t H);

} // namespace gort

#endif // GORT_RUNTIME_ALG_H
