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
// so small ones come from the tiny allocator and none is scanned), or, as
// in gc, built in a buffer in the caller's frame: the functions that make
// a string or slice take one first (gc's buf *tmpBuf), passed by escape
// analysis when the result does not outlive the call and null otherwise
// (codegen/stack_alloc.cpp), and use it when the result fits
// (abi::TmpStringBufBytes). A string in a frame buffer may then be an
// operand of a concatenation whose result does escape: concatenation
// returns a single non-empty operand as the result only if it is not on a
// goroutine stack or the result does not escape either (gc:
// stringDataOnStack), and copies it otherwise.
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
#include "runtime/mheap.h"
#include "runtime/sizeclasses.h"
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

/// A string of N uninitialized bytes in Buf if it fits, else on the heap
/// (gc: rawstringtmp).
abi::String rawStringTmp(uint8_t *Buf, intptr_t N, uint8_t **Out) {
  if (Buf && uintptr_t(N) <= abi::TmpStringBufBytes) {
    *Out = Buf;
    return {Buf, N};
  }
  return rawString(N, Out);
}

/// Whether P points into a goroutine stack (gc: stringDataOnStack): a
/// string built in a caller's frame buffer. Stack segments are manual spans
/// of the heap (stack.cpp).
bool onStack(const void *P) {
  MSpan *S = spanOf(uintptr_t(P));
  return S && S->State == MSpanState::Manual;
}

/// The concatenation of the N strings at Strs (gc: concatstrings). A
/// single non-empty operand is the result itself, unless it lies in a
/// frame buffer and the result may outlive the frame (Buf is null only
/// then).
abi::String concat(uint8_t *Buf, const abi::String *Strs, intptr_t N) {
  intptr_t Total = 0, NonEmpty = 0, Last = 0;
  for (intptr_t I = 0; I < N; ++I)
    if (Strs[I].Len) {
      Total += Strs[I].Len;
      ++NonEmpty;
      Last = I;
    }
  if (NonEmpty == 0)
    return {nullptr, 0};
  if (NonEmpty == 1 && (Buf || !onStack(Strs[Last].Ptr)))
    return Strs[Last];
  uint8_t *P;
  abi::String S = rawStringTmp(Buf, Total, &P);
  for (intptr_t I = 0; I < N; ++I) {
    memmove(P, Strs[I].Ptr, size_t(Strs[I].Len));
    P += Strs[I].Len;
  }
  return S;
}

} // namespace
} // namespace gort

using namespace gort;

extern "C" {

abi::String gort_concatstring2(uint8_t *Buf, const uint8_t *A, int64_t AN,
                               const uint8_t *B, int64_t BN) {
  abi::String Strs[2] = {{A, AN}, {B, BN}};
  return concat(Buf, Strs, 2);
}

abi::String gort_concatstrings(uint8_t *Buf, const abi::String *Strs,
                               int64_t N) {
  return concat(Buf, Strs, N);
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

abi::String gort_slicebytetostring(uint8_t *Buf, const uint8_t *P, int64_t N) {
  if (N == 0)
    return {nullptr, 0};
  uint8_t *Q;
  abi::String S = rawStringTmp(Buf, N, &Q);
  memmove(Q, P, size_t(N));
  return S;
}

abi::String gort_slicerunetostring(uint8_t *Buf, const int32_t *P, int64_t N) {
  intptr_t Size = 0;
  for (int64_t I = 0; I < N; ++I)
    Size += runeLen(P[I]);
  if (Size == 0)
    return {nullptr, 0};
  uint8_t *Q;
  abi::String S = rawStringTmp(Buf, Size, &Q);
  for (int64_t I = 0; I < N; ++I)
    Q += encodeRune(Q, P[I]);
  return S;
}

// As gc's stringtoslicebyte and stringtoslicerune, a slice in Buf has the
// buffer's capacity (zeroed past the copy), one on the heap its size
// class's (gc: rawbyteslice, rawruneslice): append fills it in place.
void gort_stringtoslicebyte(uint8_t *Buf, abi::Slice *Out, const uint8_t *P,
                            int64_t N) {
  void *Q;
  intptr_t Cap;
  if (Buf && uintptr_t(N) <= abi::TmpStringBufBytes) {
    memset(Buf, 0, abi::TmpStringBufBytes);
    Q = Buf;
    Cap = abi::TmpStringBufBytes;
  } else {
    Cap = intptr_t(roundupsize(uintptr_t(N)));
    Q = mallocgc(uintptr_t(Cap), &BytesType, false);
    memset(static_cast<uint8_t *>(Q) + N, 0, size_t(Cap - N));
  }
  memmove(Q, P, size_t(N));
  *Out = {Q, N, Cap};
}

void gort_stringtoslicerune(uint8_t *Buf, abi::Slice *Out, const uint8_t *P,
                            int64_t N) {
  intptr_t Count = 0;
  for (intptr_t K = 0; K < N;) {
    K = decodeRune(P, N, K).Pos;
    ++Count;
  }
  int32_t *Q;
  intptr_t Cap;
  if (Buf && uintptr_t(Count) <= abi::TmpRuneBufRunes) {
    Cap = abi::TmpRuneBufRunes;
    Q = reinterpret_cast<int32_t *>(Buf);
    memset(Q, 0, size_t(Cap) * sizeof(int32_t));
  } else {
    uintptr_t Bytes = roundupsize(uintptr_t(Count) * sizeof(int32_t));
    Cap = intptr_t(Bytes / sizeof(int32_t));
    Q = static_cast<int32_t *>(mallocgc(Bytes, &RunesType, false));
    memset(Q + Count, 0, size_t(Cap - Count) * sizeof(int32_t));
  }
  intptr_t I = 0;
  for (intptr_t K = 0; K < N; ++I) {
    abi::RunePos RP = decodeRune(P, N, K);
    Q[I] = int32_t(RP.Rune);
    K = RP.Pos;
  }
  *Out = {Q, Count, Cap};
}

abi::String gort_intstring(uint8_t *Buf, int64_t V) {
  int32_t R = (V < 0 || V > MaxRune) ? RuneError : int32_t(V);
  uint8_t *P = Buf;
  if (!P)
    P = static_cast<uint8_t *>(
        mallocgc(abi::TmpIntStringBytes, &BytesType, false));
  return {P, encodeRune(P, R)};
}

abi::RunePos gort_decoderune(const uint8_t *S, int64_t N, int64_t K) {
  return decodeRune(S, N, K);
}

} // extern "C"
