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

extern "C" {
// Package math's portable versions.
double goMathFloor(void *, double) __asm__("math.floor");
double goMathCeil(void *, double) __asm__("math.ceil");
double goMathTrunc(void *, double) __asm__("math.trunc");
double goMathMax(void *, double, double) __asm__("math.max");
double goMathMin(void *, double, double) __asm__("math.min");
double goMathExp(void *, double) __asm__("math.exp");
double goMathExp2(void *, double) __asm__("math.exp2");
double goMathLog(void *, double) __asm__("math.log");
double goMathHypot(void *, double, double) __asm__("math.hypot");
Float64Pair goMathModf(void *, double) __asm__("math.modf");

double mathArchFloor(void *C, double X) __asm__("math.archFloor")
    __attribute__((weak));
double mathArchCeil(void *C, double X) __asm__("math.archCeil")
    __attribute__((weak));
double mathArchTrunc(void *C, double X) __asm__("math.archTrunc")
    __attribute__((weak));
double mathArchMax(void *C, double X, double Y) __asm__("math.archMax")
    __attribute__((weak));
double mathArchMin(void *C, double X, double Y) __asm__("math.archMin")
    __attribute__((weak));
double mathArchExp(void *C, double X) __asm__("math.archExp")
    __attribute__((weak));
double mathArchExp2(void *C, double X) __asm__("math.archExp2")
    __attribute__((weak));
double mathArchLog(void *C, double X) __asm__("math.archLog")
    __attribute__((weak));
double mathArchHypot(void *C, double P, double Q) __asm__("math.archHypot")
    __attribute__((weak));
Float64Pair mathArchModf(void *C, double F) __asm__("math.archModf")
    __attribute__((weak));
double mathArchSqrt(void *C, double X) __asm__("math.archSqrt")
    __attribute__((weak));

double mathArchFloor(void *C, double X) { return goMathFloor(C, X); }
double mathArchCeil(void *C, double X) { return goMathCeil(C, X); }
double mathArchTrunc(void *C, double X) { return goMathTrunc(C, X); }
double mathArchMax(void *C, double X, double Y) { return goMathMax(C, X, Y); }
double mathArchMin(void *C, double X, double Y) { return goMathMin(C, X, Y); }
double mathArchExp(void *C, double X) { return goMathExp(C, X); }
double mathArchExp2(void *C, double X) { return goMathExp2(C, X); }
double mathArchLog(void *C, double X) { return goMathLog(C, X); }
double mathArchHypot(void *C, double P, double Q) {
  return goMathHypot(C, P, Q);
}
Float64Pair mathArchModf(void *C, double F) { return goMathModf(C, F); }

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
