//===- runtime/rand.h - Per-M fast random numbers ---------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See rand.cpp for the overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_RAND_H
#define GORT_RUNTIME_RAND_H

#include "runtime/runtime2.h"
#include "runtime/stubs.h"

#include <stdint.h>

namespace gort {

/// Random bits for seeding each M's generator (gc: fastrandseed). Set once
/// by fastrandinit, read-only afterwards.
extern uintptr_t FastRandSeed;

/// Fills Buf with N random bytes: the kernel's AT_RANDOM bytes first, then
/// getrandom(2), then bytes stretched with the hash of the clock (gc:
/// getRandomData + extendRandom). Start-up only.
void getRandomData(uint8_t *Buf, uintptr_t N);

/// Seeds FastRandSeed (gc: fastrandinit). Called by schedinit after
/// alginit and before the first mcommoninit.
void fastrandinit();

/// Gives Mp its own generator state, derived from its id, FastRandSeed and
/// the clock; never zero (gc: the fastrand part of mcommoninit).
void fastrandinitM(M *Mp);

/// One step of wyrand over *State (gc: fastrand64's amd64/arm64 path).
__attribute__((always_inline)) inline uint64_t wyrand(uint64_t *State) {
  *State += 0xa0761d6478bd642full;
  __uint128_t P = __uint128_t(*State) * (*State ^ 0xe7037ed1a0b428dbull);
  return uint64_t(P >> 64) ^ uint64_t(P);
}

/// A pseudo-random 32-bit number from the current M's generator (gc:
/// fastrand). No lock: the state belongs to the M. Precondition: g is set.
__attribute__((always_inline)) inline uint32_t fastrand() {
  return uint32_t(wyrand(&getg()->Mp->FastRand));
}

/// A pseudo-random 64-bit number (gc: fastrand64).
__attribute__((always_inline)) inline uint64_t fastrand64() {
  return wyrand(&getg()->Mp->FastRand);
}

/// A pseudo-random number in [0, N) without division (gc: fastrandn,
/// Lemire's multiply-shift reduction).
__attribute__((always_inline)) inline uint32_t fastrandn(uint32_t N) {
  return uint32_t((uint64_t(fastrand()) * N) >> 32);
}

} // namespace gort

#endif // GORT_RUNTIME_RAND_H
