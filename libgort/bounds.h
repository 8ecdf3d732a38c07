//===- libgort/bounds.h - Bounds-check failure codes ------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The Code argument of gort_panicBounds(X, Y, Code) (libgort/abi.def): which
// check failed, in gc's boundsErrorCode order (runtime/error.go), or'ed with
// BoundsSigned when X holds a signed value. Y is always a non-negative int
// (a length, a capacity or the other slice index). The runtime turns the
// triple into gc's message, e.g. "index out of range [5] with length 3" or,
// for a signed negative X, "index out of range [-1]".
//
// Freestanding, like abi.h: included by codegen and by the runtime.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_LIBGORT_BOUNDS_H
#define GORT_LIBGORT_BOUNDS_H

#include <stdint.h>

namespace gort {
namespace abi {

/// gc: boundsErrorCode. The comment shows the failed check; len/cap go in Y.
enum class BoundsKind : uint8_t {
  Index = 0,  ///< s[x]: 0 <= x < len(s)
  SliceAlen,  ///< s[?:x]: 0 <= x <= len(s)
  SliceAcap,  ///< s[?:x]: 0 <= x <= cap(s)
  SliceB,     ///< s[x:y]: 0 <= x <= y
  Slice3Alen, ///< s[?:?:x]: 0 <= x <= len(s)
  Slice3Acap, ///< s[?:?:x]: 0 <= x <= cap(s)
  Slice3B,    ///< s[?:x:y]: 0 <= x <= y
  Slice3C,    ///< s[x:y:?]: 0 <= x <= y
  Convert,    ///< (*[x]T)(s): 0 <= x <= len(s)
};
constexpr unsigned NumBoundsKinds = 9;

/// Or'ed into Code when X is a signed value (gc: boundsError.signed).
constexpr uint32_t BoundsSigned = 0x100;
/// The BoundsKind part of Code.
constexpr uint32_t BoundsKindMask = 0xff;

/// The Code value for a failed check of kind K on an X of the given
/// signedness.
constexpr uint32_t boundsCode(BoundsKind K, bool Signed) {
  return uint32_t(K) | (Signed ? BoundsSigned : 0);
}

} // namespace abi
} // namespace gort

#endif // GORT_LIBGORT_BOUNDS_H
