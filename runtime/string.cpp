//===- runtime/string.cpp - Strings ---------------------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// String operations that compiled code calls (gc: string.go, utf8.go):
// concatenation, comparison, conversions between strings, byte slices, rune
// slices and integers, and UTF-8 decoding for range loops.
//
// A Go string is an abi::String {Ptr, Len} over immutable bytes. Results are
// fresh pointer-free allocations (mallocgc with the descriptor of a byte,
// so small ones come from the tiny allocator and none is scanned).
// Decoding follows unicode/utf8 exactly: invalid encodings, surrogates and
// overlong forms decode as U+FFFD consuming one byte.
//
// Entry points: gort_concatstring2, gort_concatstrings, gort_cmpstring,
// gort_memequal, gort_slicebytetostring, gort_slicerunetostring,
// gort_stringtoslicebyte, gort_stringtoslicerune, gort_intstring,
// gort_decoderune (libgort/abi.def).
//
//===----------------------------------------------------------------------===//

#include "runtime/abi_entry.h"
#include "runtime/malloc.h"
#include "runtime/stubs.h"
#include "runtime/type.h"

namespace gort {
namespace {

constexpr int32_t RuneError = 0xFFFD;

/// The element type of string data: no pointers (mallocgc's noscan).
const abi::Type BytesType =
    GORT_RUNTIME_TYPE("uint8", .Size = 1, .Align = 1, .Kind = abi::KindUint8);
const abi::Type RunesType =
    GORT_RUNTIME_TYPE("int32", .Size = 4, .Align = 4, .Kind = abi::KindInt32);
constexpr int32_t MaxRune = 0x10FFFF;

/// gc: decoderune. Decodes the rune starting at S[K]; returns it and the
/// index after it.
abi::RunePos decodeRune(const uint8_t *S, intptr_t N, intptr_t K) {
  uint8_t C0 = S[K];
  if (C0 < 0x80)
    return {C0, K + 1};
  auto Cont = [&](intptr_t I) { return I < N && (S[I] & 0xC0) == 0x80; };
  if (C0 >= 0xC2 && C0 <= 0xDF && Cont(K + 1))
    return {int64_t(uint32_t(C0 & 0x1F) << 6 | (S[K + 1] & 0x3F)), K + 2};
  if (C0 >= 0xE0 && C0 <= 0xEF && Cont(K + 1) && Cont(K + 2)) {
    uint32_t R = uint32_t(C0 & 0x0F) << 12 | uint32_t(S[K + 1] & 0x3F) << 6 |
                 (S[K + 2] & 0x3F);
    if (R >= 0x800 && !(R >= 0xD800 && R <= 0xDFFF))
      return {int64_t(R), K + 3};
    return {RuneError, K + 1};
  }
  if (C0 >= 0xF0 && C0 <= 0xF4 && Cont(K + 1) && Cont(K + 2) && Cont(K + 3)) {
    uint32_t R = uint32_t(C0 & 0x07) << 18 | uint32_t(S[K + 1] & 0x3F) << 12 |
                 uint32_t(S[K + 2] & 0x3F) << 6 | (S[K + 3] & 0x3F);
    if (R >= 0x10000 && R <= uint32_t(MaxRune))
      return {int64_t(R), K + 4};
  }
  return {RuneError, K + 1};
}

/// Bytes needed to encode R (invalid runes encode as U+FFFD).
intptr_t runeLen(int32_t R) {
  if (R < 0)
    return 3;
  if (R < 0x80)
    return 1;
  if (R < 0x800)
    return 2;
  if (R >= 0xD800 && R <= 0xDFFF)
    return 3;
  if (R < 0x10000)
    return 3;
  if (R <= MaxRune)
    return 4;
  return 3;
}

/// gc: encoderune. Writes R's UTF-8 encoding at P; returns its length.
intptr_t encodeRune(uint8_t *P, int32_t R) {
  if (R < 0 || R > MaxRune || (R >= 0xD800 && R <= 0xDFFF))
    R = RuneError;
  if (R < 0x80) {
    P[0] = uint8_t(R);
    return 1;
  }
  if (R < 0x800) {
    P[0] = uint8_t(0xC0 | (R >> 6));
    P[1] = uint8_t(0x80 | (R & 0x3F));
    return 2;
  }
  if (R < 0x10000) {
    P[0] = uint8_t(0xE0 | (R >> 12));
    P[1] = uint8_t(0x80 | ((R >> 6) & 0x3F));
    P[2] = uint8_t(0x80 | (R & 0x3F));
    return 3;
  }
  P[0] = uint8_t(0xF0 | (R >> 18));
  P[1] = uint8_t(0x80 | ((R >> 12) & 0x3F));
  P[2] = uint8_t(0x80 | ((R >> 6) & 0x3F));
  P[3] = uint8_t(0x80 | (R & 0x3F));
  return 4;
}

/// A new string of N uninitialized bytes (gc: rawstring).
abi::String rawString(intptr_t N, uint8_t **Out) {
  auto *P = static_cast<uint8_t *>(mallocgc(uintptr_t(N), &BytesType, false));
  *Out = P;
  return {P, N};
}

} // namespace
} // namespace gort

using namespace gort;

extern "C" {

abi::String gort_concatstring2(const uint8_t *A, int64_t AN, const uint8_t *B,
                               int64_t BN) {
  if (AN == 0)
    return {B, BN};
  if (BN == 0)
    return {A, AN};
  uint8_t *P;
  abi::String S = rawString(AN + BN, &P);
  memmove(P, A, size_t(AN));
  memmove(P + AN, B, size_t(BN));
  return S;
}

abi::String gort_concatstrings(const abi::String *Strs, int64_t N) {
  intptr_t Total = 0, NonEmpty = 0, Last = 0;
  for (int64_t I = 0; I < N; ++I)
    if (Strs[I].Len) {
      Total += Strs[I].Len;
      ++NonEmpty;
      Last = I;
    }
  if (NonEmpty == 0)
    return {nullptr, 0};
  if (NonEmpty == 1)
    return Strs[Last];
  uint8_t *P;
  abi::String S = rawString(Total, &P);
  for (int64_t I = 0; I < N; ++I) {
    memmove(P, Strs[I].Ptr, size_t(Strs[I].Len));
    P += Strs[I].Len;
  }
  return S;
}

int64_t gort_cmpstring(const uint8_t *A, int64_t AN, const uint8_t *B,
                       int64_t BN) {
  int64_t N = AN < BN ? AN : BN;
  if (A != B)
    for (int64_t I = 0; I < N; ++I)
      if (A[I] != B[I])
        return A[I] < B[I] ? -1 : 1;
  if (AN < BN)
    return -1;
  return AN > BN ? 1 : 0;
}

bool gort_memequal(const void *A, const void *B, int64_t N) {
  return A == B || memcmp(A, B, size_t(N)) == 0;
}

abi::String gort_slicebytetostring(const uint8_t *P, int64_t N) {
  if (N == 0)
    return {nullptr, 0};
  uint8_t *Q;
  abi::String S = rawString(N, &Q);
  memmove(Q, P, size_t(N));
  return S;
}

abi::String gort_slicerunetostring(const int32_t *P, int64_t N) {
  intptr_t Size = 0;
  for (int64_t I = 0; I < N; ++I)
    Size += runeLen(P[I]);
  if (Size == 0)
    return {nullptr, 0};
  uint8_t *Q;
  abi::String S = rawString(Size, &Q);
  for (int64_t I = 0; I < N; ++I)
    Q += encodeRune(Q, P[I]);
  return S;
}

void gort_stringtoslicebyte(abi::Slice *Out, const uint8_t *P, int64_t N) {
  void *Q = mallocgc(uintptr_t(N), &BytesType, false);
  memmove(Q, P, size_t(N));
  *Out = {Q, N, N};
}

void gort_stringtoslicerune(abi::Slice *Out, const uint8_t *P, int64_t N) {
  intptr_t Count = 0;
  for (intptr_t K = 0; K < N;) {
    K = decodeRune(P, N, K).Pos;
    ++Count;
  }
  auto *Q = static_cast<int32_t *>(
      mallocgc(uintptr_t(Count) * sizeof(int32_t), &RunesType, false));
  intptr_t I = 0;
  for (intptr_t K = 0; K < N; ++I) {
    abi::RunePos RP = decodeRune(P, N, K);
    Q[I] = int32_t(RP.Rune);
    K = RP.Pos;
  }
  *Out = {Q, Count, Count};
}

abi::String gort_intstring(int64_t V) {
  int32_t R = (V < 0 || V > MaxRune) ? RuneError : int32_t(V);
  uint8_t *P;
  abi::String S = rawString(runeLen(R), &P);
  encodeRune(P, R);
  return S;
}

abi::RunePos gort_decoderune(const uint8_t *S, int64_t N, int64_t K) {
  return decodeRune(S, N, K);
}

} // extern "C"
