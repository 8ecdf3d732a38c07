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
// Algorithm: blocks of at most 64 bytes, most of what Go code copies
// (strings, small structs), take no loop: copySmall loads the block as
// (possibly overlapping) words from its two ends, all loads before any
// store, so it is also a correct memmove (gc: memmove_amd64.s, move_1or2
// .. move_33through64). Longer blocks go byte steps until the destination
// is word aligned, then 32 bytes per iteration as four 8-byte words, then
// words, then bytes. Loads from the source may be unaligned; x86-64 and
// AArch64 both allow that, and the Word types below tell the compiler so
// (aligned(1), may_alias). memmove copies backwards when the destination
// overlaps the source from above. memcmp compares a word at a time and finds
// the first differing byte only once a word differs.
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
typedef uint32_t __attribute__((aligned(1), may_alias)) Word32;
typedef uint16_t __attribute__((aligned(1), may_alias)) Word16;
typedef unsigned char __attribute__((may_alias)) Byte;

#define GORT_NO_BUILTIN __attribute__((no_builtin))

/// The largest block copySmall handles.
constexpr size_t SmallCopy = 64;

template <typename W> inline W load(const Byte *P) {
  return *reinterpret_cast<const W *>(P);
}
template <typename W> inline void store(Byte *P, W V) {
  *reinterpret_cast<W *>(P) = V;
}

/// Copies N <= SmallCopy bytes: every load happens before the first store,
/// so the blocks may overlap either way.
GORT_NO_BUILTIN inline void copySmall(Byte *D, const Byte *S, size_t N) {
  if (N <= 16) {
    if (N >= 8) {
      Word A = load<Word>(S), B = load<Word>(S + N - 8);
      store(D, A);
      store(D + N - 8, B);
    } else if (N >= 4) {
      Word32 A = load<Word32>(S), B = load<Word32>(S + N - 4);
      store(D, A);
      store(D + N - 4, B);
    } else if (N >= 2) {
      Word16 A = load<Word16>(S), B = load<Word16>(S + N - 2);
      store(D, A);
      store(D + N - 2, B);
    } else if (N) {
      *D = *S;
    }
    return;
  }
  if (N <= 32) {
    Word A = load<Word>(S), B = load<Word>(S + 8);
    Word C = load<Word>(S + N - 16), E = load<Word>(S + N - 8);
    store(D, A);
    store(D + 8, B);
    store(D + N - 16, C);
    store(D + N - 8, E);
    return;
  }
  Word A = load<Word>(S), B = load<Word>(S + 8), C = load<Word>(S + 16),
       E = load<Word>(S + 24);
  Word F = load<Word>(S + N - 32), G = load<Word>(S + N - 24),
       H = load<Word>(S + N - 16), I = load<Word>(S + N - 8);
  store(D, A);
  store(D + 8, B);
  store(D + 16, C);
  store(D + 24, E);
  store(D + N - 32, F);
  store(D + N - 24, G);
  store(D + N - 16, H);
  store(D + N - 8, I);
}

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
  if (N <= SmallCopy) {
    copySmall(static_cast<Byte *>(Dst), static_cast<const Byte *>(Src), N);
    return Dst;
  }
  copyForward(static_cast<Byte *>(Dst), static_cast<const Byte *>(Src), N);
  return Dst;
}

GORT_NO_BUILTIN void *memmove(void *Dst, const void *Src, size_t N) {
  Byte *D = static_cast<Byte *>(Dst);
  const Byte *S = static_cast<const Byte *>(Src);
  if (N <= SmallCopy) {
    copySmall(D, S, N);
    return Dst;
  }
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
  uint64_t W = uint64_t(B) * 0x0101010101010101ull;
  if (N <= 16) {
    // As copySmall: two possibly overlapping stores from the ends.
    if (N >= 8) {
      store<Word>(D, W);
      store<Word>(D + N - 8, W);
    } else if (N >= 4) {
      store(D, Word32(W));
      store(D + N - 4, Word32(W));
    } else if (N >= 2) {
      store(D, Word16(W));
      store(D + N - 2, Word16(W));
    } else if (N) {
      *D = B;
    }
    return Dst;
  }
  while (N && (uintptr_t(D) & 7)) {
    *D++ = B;
    N--;
  }
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
