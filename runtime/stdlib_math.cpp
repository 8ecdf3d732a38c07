//===- runtime/stdlib_math.cpp - Package math's assembly functions --------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Package math declares math.archFloor, archSqrt ... without bodies on
// amd64 and arm64 (their `haveArchX` constants are true there) and gc
// supplies them in assembly (math/*_amd64.s, *_arm64.s). libgort supplies
// them here, with the Go calling convention of libgort/abi.h (a closure
// context first; a pair of float64 results returns in two FP registers,
// as a C struct of two doubles does on both targets).
//
// Each must return exactly what package math's portable Go version
// returns, which is what the assembly versions guarantee too. So each
// calls that version (math.floor, math.exp ...: unexported functions of
// the compiled package math, which exists whenever these are linked),
// except sqrt, which both targets compute exactly in one instruction.
// This file is its own object in libgort.a, pulled in only by a program
// that links package math. The definitions are weak: where package math
// has a Go body for one (the *_noasm.go and *_stub.go files of the other
// architecture's set), that body is the definition.
//
// Package math's own intrinsics are a later step: gc compiles math.Sqrt,
// Floor, Abs ... to single instructions where the target has them.
//
//===----------------------------------------------------------------------===//

#include <stdint.h>

namespace {
/// Two float64 results (math.archModf's int and frac parts).
struct Float64Pair {
  double A;
  double B;
};
} // namespace

/// math.arch<Arch>, weak, returning math.<Go>, package math's portable
/// version, for the same arguments.
#define GORT_MATH_ARCH(Result, Arch, Go, Params, Args)                         \
  Result goMath##Arch Params __asm__("math." #Go);                             \
  Result mathArch##Arch Params __asm__("math.arch" #Arch)                      \
      __attribute__((weak));                                                   \
  Result mathArch##Arch Params { return goMath##Arch Args; }

extern "C" {
GORT_MATH_ARCH(double, Floor, floor, (void *C, double X), (C, X))
GORT_MATH_ARCH(double, Ceil, ceil, (void *C, double X), (C, X))
GORT_MATH_ARCH(double, Trunc, trunc, (void *C, double X), (C, X))
GORT_MATH_ARCH(double, Max, max, (void *C, double X, double Y), (C, X, Y))
GORT_MATH_ARCH(double, Min, min, (void *C, double X, double Y), (C, X, Y))
GORT_MATH_ARCH(double, Exp, exp, (void *C, double X), (C, X))
GORT_MATH_ARCH(double, Exp2, exp2, (void *C, double X), (C, X))
GORT_MATH_ARCH(double, Log, log, (void *C, double X), (C, X))
GORT_MATH_ARCH(double, Hypot, hypot, (void *C, double P, double Q), (C, P, Q))
GORT_MATH_ARCH(Float64Pair, Modf, modf, (void *C, double F), (C, F))

double mathArchSqrt(void *C, double X) __asm__("math.archSqrt")
    __attribute__((weak));
double mathArchSqrt(void *, double X) {
  // IEEE 754 square root, correctly rounded, as math.sqrt computes it
  // (no libm here: __builtin_sqrt could call sqrt() for errno).
#if defined(__x86_64__)
  __asm__("sqrtsd %1, %0" : "=x"(X) : "x"(X));
#elif defined(__aarch64__)
  __asm__("fsqrt %d0, %d1" : "=w"(X) : "w"(X));
#else
#error "unsupported architecture"
#endif
  return X;
}
}
