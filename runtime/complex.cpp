//===- runtime/complex.cpp - Complex division -----------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// gc: complex.go. Complex division is a run-time call because a robust
// algorithm needs branches: Smith's algorithm (Commun. ACM 5(8), 1962),
// then the C99 (G.5.1) corrections that turn NaN results into infinities
// and zeros where the operands call for them. complex64 division is done in
// double precision by the caller, as gc does.
//
// Entry point: gort_complex128div (libgort/abi.def).
//
//===----------------------------------------------------------------------===//

#include "runtime/abi_entry.h"

using namespace gort;

namespace {
bool isNaN(double X) { return X != X; }
bool isInf(double X) { return !isNaN(X) && isNaN(X - X); }
bool isFinite(double X) { return !isNaN(X - X); }
double fabsD(double X) { return X < 0 ? -X : (X == 0 ? 0 : X); }
double copysignD(double X, double Y) { return __builtin_copysign(X, Y); }
double inf() { return __builtin_inf(); }
} // namespace

extern "C" abi::Complex128 gort_complex128div(double NRe, double NIm,
                                              double MRe, double MIm) {
  double E, F; // complex(E, F) = n/m
  if (fabsD(MRe) >= fabsD(MIm)) {
    double Ratio = MIm / MRe;
    double Denom = MRe + Ratio * MIm;
    E = (NRe + NIm * Ratio) / Denom;
    F = (NIm - NRe * Ratio) / Denom;
  } else {
    double Ratio = MRe / MIm;
    double Denom = MIm + Ratio * MRe;
    E = (NRe * Ratio + NIm) / Denom;
    F = (NIm * Ratio - NRe) / Denom;
  }
  if (isNaN(E) && isNaN(F)) {
    // Correct final result to infinities and zeros if applicable.
    double A = NRe, B = NIm, C = MRe, D = MIm;
    if (C == 0 && D == 0 && (!isNaN(A) || !isNaN(B))) {
      E = copysignD(inf(), C) * A;
      F = copysignD(inf(), C) * B;
    } else if ((isInf(A) || isInf(B)) && isFinite(C) && isFinite(D)) {
      A = copysignD(isInf(A) ? 1 : 0, A);
      B = copysignD(isInf(B) ? 1 : 0, B);
      E = inf() * (A * C + B * D);
      F = inf() * (B * C - A * D);
    } else if ((isInf(C) || isInf(D)) && isFinite(A) && isFinite(B)) {
      C = copysignD(isInf(C) ? 1 : 0, C);
      D = copysignD(isInf(D) ? 1 : 0, D);
      E = 0 * (A * C + B * D);
      F = 0 * (B * C - A * D);
    }
  }
  return {E, F};
}
