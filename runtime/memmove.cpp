//===- runtime/memmove.cpp - memcpy, memmove, memset, memcmp --------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The C memory functions, which LLVM emits calls to for struct copies, large
// zeroings and comparisons (in compiled Go code and in the runtime itself),
// and the runtime's own block operations (gc: memmove_*.s, memclr_*.s,
// bytealg). There is no libc, so the runtime provides them.
//
// Algorithm: byte steps until the destination is word aligned, then 32
// bytes per iteration as four 8-byte words, then words, then bytes. Loads
// from the source may be unaligned; x86-64 and AArch64 both allow that, and
// the Word type below tells the compiler so (aligned(1), may_alias).
// memmove copies backwards when the destination overlaps the source from
// above. memcmp compares a word at a time and finds the first differing byte
// only once a word differs.
//
// This file is compiled with -fno-builtin (libgort/CMakeLists.txt) and each
// function carries no_builtin, so clang's loop-idiom recognition cannot turn
// these loops back into calls to the functions themselves.
//
// Rejected: rep movsb / SIMD variants per CPU (gc's memmove_amd64.s chooses
// by size and CPU features); worth it once benchmarks say so.
//
//===----------------------------------------------------------------------===//

#include "runtime/stubs.h"

#include <stddef.h>
#include <stdint.h>

namespace {

typedef uint64_t __attribute__((aligned(1), may_alias)) Word;
typedef unsigned char __attribute__((may_alias)) Byte;

#define GORT_NO_BUILTIN __attribute__((no_builtin))

GORT_NO_BUILTIN inline void copyForward(Byte *D, const Byte *S, size_t N) {
  while (N && (uintptr_t(D) & 7)) {
    *D++ = *S++;
    N--;
  }
  while (N >= 32) {
    Word A = *reinterpret_cast<const Word *>(S);
    Word B = *reinterpret_cast<const Word *>(S + 8);
    Word C = *reinterpret_cast<const Word *>(S + 16);
    Word E = *reinterpret_cast<const Word *>(S + 24);
    *reinterpret_cast<Word *>(D) = A;
    *reinterpret_cast<Word *>(D + 8) = B;
    *reinterpret_cast<Word *>(D + 16) = C;
    *reinterpret_cast<Word *>(D + 24) = E;
    D += 32;
    S += 32;
    N -= 32;
  }
  while (N >= 8) {
    *reinterpret_cast<Word *>(D) = *reinterpret_cast<const Word *>(S);
    D += 8;
    S += 8;
    N -= 8;
  }
  while (N) {
    *D++ = *S++;
    N--;
  }
}

GORT_NO_BUILTIN inline void copyBackward(Byte *D, const Byte *S, size_t N) {
  D += N;
  S += N;
  while (N && (uintptr_t(D) & 7)) {
    *--D = *--S;
    N--;
  }
  while (N >= 32) {
    D -= 32;
    S -= 32;
    Word A = *reinterpret_cast<const Word *>(S + 24);
    Word B = *reinterpret_cast<const Word *>(S + 16);
    Word C = *reinterpret_cast<const Word *>(S + 8);
    Word E = *reinterpret_cast<const Word *>(S);
    *reinterpret_cast<Word *>(D + 24) = A;
    *reinterpret_cast<Word *>(D + 16) = B;
    *reinterpret_cast<Word *>(D + 8) = C;
    *reinterpret_cast<Word *>(D) = E;
    N -= 32;
  }
  while (N >= 8) {
    D -= 8;
    S -= 8;
    *reinterpret_cast<Word *>(D) = *reinterpret_cast<const Word *>(S);
    N -= 8;
  }
  while (N) {
    *--D = *--S;
    N--;
  }
}

} // namespace

extern "C" {

GORT_NO_BUILTIN void *memcpy(void *Dst, const void *Src, size_t N) {
  copyForward(static_cast<Byte *>(Dst), static_cast<const Byte *>(Src), N);
  return Dst;
}

GORT_NO_BUILTIN void *memmove(void *Dst, const void *Src, size_t N) {
  Byte *D = static_cast<Byte *>(Dst);
  const Byte *S = static_cast<const Byte *>(Src);
  // Forward is safe unless Dst starts inside [Src, Src+N).
  if (uintptr_t(D) - uintptr_t(S) >= N)
    copyForward(D, S, N);
  else
    copyBackward(D, S, N);
  return Dst;
}

GORT_NO_BUILTIN void *memset(void *Dst, int C, size_t N) {
  Byte *D = static_cast<Byte *>(Dst);
  Byte B = Byte(C);
  while (N && (uintptr_t(D) & 7)) {
    *D++ = B;
    N--;
  }
  uint64_t W = uint64_t(B) * 0x0101010101010101ull;
  while (N >= 32) {
    *reinterpret_cast<Word *>(D) = W;
    *reinterpret_cast<Word *>(D + 8) = W;
    *reinterpret_cast<Word *>(D + 16) = W;
    *reinterpret_cast<Word *>(D + 24) = W;
    D += 32;
    N -= 32;
  }
  while (N >= 8) {
    *reinterpret_cast<Word *>(D) = W;
    D += 8;
    N -= 8;
  }
  while (N) {
    *D++ = B;
    N--;
  }
  return Dst;
}

GORT_NO_BUILTIN int memcmp(const void *A, const void *B, size_t N) {
  const Byte *P = static_cast<const Byte *>(A);
  const Byte *Q = static_cast<const Byte *>(B);
  while (N >= 8) {
    if (*reinterpret_cast<const Word *>(P) !=
        *reinterpret_cast<const Word *>(Q))
      break; // the byte loop below finds the difference within this word
    P += 8;
    Q += 8;
    N -= 8;
  }
  while (N) {
    if (*P != *Q)
      return int(*P) - int(*Q);
    P++;
    Q++;
    N--;
  }
  return 0;
}

/// Like memcmp but only says whether the blocks differ; LLVM turns
/// memcmp(...) == 0 into bcmp on Linux targets.
GORT_NO_BUILTIN int bcmp(const void *A, const void *B, size_t N) {
  return memcmp(A, B, N);
}

} // extern "C"
