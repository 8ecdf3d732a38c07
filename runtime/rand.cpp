//===- runtime/rand.cpp - Per-M fast random numbers and start-up entropy
//---===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The runtime's two sources of randomness (gc: fastrand in stubs.go,
// fastrandinit and mcommoninit in proc.go, getRandomData in os_linux.go).
//
// Start-up entropy. getRandomData hands out the 16 bytes the kernel put in
// the auxiliary vector (AT_RANDOM; os_linux.cpp records where), each byte
// once: alginit takes 8 for the hash key (alg.cpp), fastrandinit the next 8
// for FastRandSeed. Past those it asks getrandom(2) (non-blocking); if that
// fails too (old kernel, seccomp), it stretches what it has with the hash
// of the monotonic clock (gc: extendRandom). gc copies the same AT_RANDOM
// bytes into every request, so its hash key and fastrandseed start equal;
// handing each byte out once costs nothing and keeps them independent.
//
// fastrand. Every M carries a 64-bit generator state, M::FastRand, seeded
// by fastrandinitM from the M's id, FastRandSeed and the clock (gc's
// mcommoninit). fastrand/fastrand64 step it with wyrand (add a constant,
// 64x64->128 multiply, fold): one multiply, no lock, no division, and the
// same generator gc uses on amd64 and arm64. Only the owning M touches its
// state, so no atomics are needed; a goroutine that moves to another M
// simply continues with that M's sequence.
//
// Users: map iteration's random start (map.cpp), hmap.hash0 per map, the
// random hash of NaN keys (alg.cpp), incrnoverflow's sampling; later the
// scheduler (steal order, select's poll order).
//
// Invariants: FastRandSeed is written once, in schedinit, before any M but
// m0 exists. M::FastRand is never zero after fastrandinitM (harmless for
// wyrand, but gc's xorshift fallback needs it and we keep the promise).
//
// Rejected: one global generator behind a lock or an atomic add (a shared
// cache line on every map iteration and NaN hash); xorshift64+ (gc's
// choice only where a 64-bit multiply is slow, which is neither target);
// reading /dev/urandom (needs open/read/close and a file descriptor before
// the program starts).
//
//===----------------------------------------------------------------------===//

#include "runtime/rand.h"

#include "runtime/alg.h"
#include "runtime/os_linux.h"
#include "runtime/sys_linux.h"

namespace gort {

uintptr_t FastRandSeed;

namespace {

/// Bytes of AT_RANDOM already handed out by getRandomData.
uintptr_t StartupRandomUsed;
constexpr uintptr_t StartupRandomSize = 16;
constexpr uint32_t GrndNonblock = 1;

/// gc: extendRandom. Fills Buf[Have:N] from the hash of the bytes before
/// them and the clock.
void extendRandom(uint8_t *Buf, uintptr_t Have, uintptr_t N) {
  while (Have < N) {
    uintptr_t W = Have < 16 ? Have : 16;
    uintptr_t H = memhash(Buf + Have - W, uintptr_t(nanotime()), W);
    for (unsigned I = 0; I < sizeof(uintptr_t) && Have < N; I++) {
      Buf[Have++] = uint8_t(H);
      H >>= 8;
    }
  }
}

} // namespace

void getRandomData(uint8_t *Buf, uintptr_t N) {
  uintptr_t Have = 0;
  if (StartupRandomData) {
    while (Have < N && StartupRandomUsed < StartupRandomSize)
      Buf[Have++] = StartupRandomData[StartupRandomUsed++];
  }
  while (Have < N) {
    intptr_t R = getrandom(Buf + Have, N - Have, GrndNonblock);
    if (R <= 0)
      break;
    Have += uintptr_t(R);
  }
  extendRandom(Buf, Have, N);
}

void fastrandinit() {
  getRandomData(reinterpret_cast<uint8_t *>(&FastRandSeed),
                sizeof(FastRandSeed));
}

void fastrandinitM(M *Mp) {
  uint64_t ID = uint64_t(Mp->ID);
  uint64_t Ticks = uint64_t(nanotime());
  uint64_t Lo = uint32_t(memhash64(&ID, FastRandSeed));
  uint64_t Hi = uint32_t(memhash64(&Ticks, ~FastRandSeed));
  if ((Lo | Hi) == 0)
    Hi = 1;
  Mp->FastRand = Hi << 32 | Lo;
}

} // namespace gort
