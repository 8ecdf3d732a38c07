//===- runtime/error.h - Run-time error values ------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See error.cpp for the overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_ERROR_H
#define GORT_RUNTIME_ERROR_H

#include "libgort/abi.h"
#include "libgort/bounds.h"

#include <stdint.h>

namespace gort {

/// gc: boundsError. The data of a runtime.boundsError panic value.
struct BoundsError {
  int64_t X;   ///< the failing index; unsigned if !Signed
  intptr_t Y;  ///< len, cap or the other index; always >= 0
  bool Signed; ///< X is a signed value
  abi::BoundsKind Code;
};

/// gc: TypeAssertionError, the value of a failed type assertion's panic.
struct TypeAssertionError {
  const abi::Type *Interface; ///< the asserted-from interface, or null
  const abi::Type *Concrete;  ///< the dynamic type, or null (nil interface)
  const abi::Type *Asserted;  ///< the type asserted to
  abi::String MissingMethod;  ///< a method name; empty unless interface
};

/// Type descriptors of the runtime's own error types, which the compiler
/// emits for package runtime's Go side (runtime/go/error.go).
extern "C" {
extern const abi::Type BoundsErrorType __asm__("type:runtime.boundsError");
extern const abi::Type ErrorStringType __asm__("type:runtime.errorString");
extern const abi::Type PlainErrorType __asm__("type:runtime.plainError");
/// data -> TypeAssertionError.
extern const abi::Type
    TypeAssertionErrorType __asm__("type:*runtime.TypeAssertionError");
}

/// errorString values (data words point at these Strings): gc's
/// divideError, shiftError, memoryError.
extern const abi::String DivideError;
extern const abi::String ShiftError;
extern const abi::String MemoryError;

/// Panics with the runtime.Error errorString(Prefix + T's string).
[[noreturn]] void panicTypeString(const char *Prefix, const abi::Type *T);

/// If E's dynamic type is one of the runtime's error types, prints its
/// Error() text (e.g. "runtime error: integer divide by zero") and returns
/// true. Caller holds printlock.
bool printRuntimeError(const abi::Eface &E);

} // namespace gort

#endif // GORT_RUNTIME_ERROR_H
