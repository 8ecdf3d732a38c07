//===- runtime/stdlib_bytealg.cpp - Package internal/bytealg's bodies -----===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Package internal/bytealg declares Compare, Count, CountString, Index,
// IndexString, IndexByte and IndexByteString without bodies on amd64 and
// arm64 (its *_native.go files); gc supplies them in assembly. libgort
// supplies them here under the package's symbols, with the Go calling
// convention of libgort/abi.h: a closure context first, a slice as its
// three words, a string as two. A byte argument arrives in a register
// whose upper bits are undefined, so it is taken as a word and masked.
//
// They are plain loops: they compute what the assembly computes (Index and
// IndexString accept any length, though their callers only pass needles
// up to MaxLen), not as fast.
//
//===----------------------------------------------------------------------===//

#include <stdint.h>

namespace {

int64_t compare(const uint8_t *A, int64_t AN, const uint8_t *B, int64_t BN) {
  int64_t N = AN < BN ? AN : BN;
  for (int64_t I = 0; I < N; I++)
    if (A[I] != B[I])
      return A[I] < B[I] ? -1 : 1;
  return AN < BN ? -1 : AN > BN ? 1 : 0;
}

int64_t count(const uint8_t *P, int64_t N, uint64_t C) {
  uint8_t B = uint8_t(C);
  int64_t K = 0;
  for (int64_t I = 0; I < N; I++)
    K += P[I] == B;
  return K;
}

int64_t indexByte(const uint8_t *P, int64_t N, uint64_t C) {
  uint8_t B = uint8_t(C);
  for (int64_t I = 0; I < N; I++)
    if (P[I] == B)
      return I;
  return -1;
}

int64_t index(const uint8_t *A, int64_t AN, const uint8_t *B, int64_t BN) {
  for (int64_t I = 0; I + BN <= AN; I++) {
    int64_t J = 0;
    while (J < BN && A[I + J] == B[J])
      J++;
    if (J == BN)
      return I;
  }
  return -1;
}

} // namespace

extern "C" {
int64_t bytealgCompare(void *, const uint8_t *, int64_t, int64_t,
                       const uint8_t *, int64_t,
                       int64_t) __asm__("internal/bytealg.Compare");
int64_t bytealgCount(void *, const uint8_t *, int64_t, int64_t,
                     uint64_t) __asm__("internal/bytealg.Count");
int64_t bytealgCountString(void *, const uint8_t *, int64_t,
                           uint64_t) __asm__("internal/bytealg.CountString");
int64_t bytealgIndex(void *, const uint8_t *, int64_t, int64_t, const uint8_t *,
                     int64_t, int64_t) __asm__("internal/bytealg.Index");
int64_t bytealgIndexString(void *, const uint8_t *, int64_t, const uint8_t *,
                           int64_t) __asm__("internal/bytealg.IndexString");
int64_t bytealgIndexByte(void *, const uint8_t *, int64_t, int64_t,
                         uint64_t) __asm__("internal/bytealg.IndexByte");
int64_t
bytealgIndexByteString(void *, const uint8_t *, int64_t,
                       uint64_t) __asm__("internal/bytealg.IndexByteString");

int64_t bytealgCompare(void *, const uint8_t *A, int64_t AN, int64_t,
                       const uint8_t *B, int64_t BN, int64_t) {
  return compare(A, AN, B, BN);
}
int64_t bytealgCount(void *, const uint8_t *P, int64_t N, int64_t, uint64_t C) {
  return count(P, N, C);
}
int64_t bytealgCountString(void *, const uint8_t *P, int64_t N, uint64_t C) {
  return count(P, N, C);
}
int64_t bytealgIndex(void *, const uint8_t *A, int64_t AN, int64_t,
                     const uint8_t *B, int64_t BN, int64_t) {
  return index(A, AN, B, BN);
}
int64_t bytealgIndexString(void *, const uint8_t *A, int64_t AN,
                           const uint8_t *B, int64_t BN) {
  return index(A, AN, B, BN);
}
int64_t bytealgIndexByte(void *, const uint8_t *P, int64_t N, int64_t,
                         uint64_t C) {
  return indexByte(P, N, C);
}
int64_t bytealgIndexByteString(void *, const uint8_t *P, int64_t N,
                               uint64_t C) {
  return indexByte(P, N, C);
}
}
