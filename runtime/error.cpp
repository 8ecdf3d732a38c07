//===- runtime/error.cpp - Run-time error values -------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The values that run-time errors panic with (gc: error.go). A failed bounds
// check, a division by zero, a nil dereference... panics with an ordinary
// interface{} value whose dynamic type is one of the runtime's own error
// types, so the value travels through gort_gopanic like any user panic and
// recover hands it back unchanged:
//
//   runtime.boundsError  data -> BoundsError {X, Y, Signed, Code}, on the heap
//   runtime.errorString  data -> a static String (DivideError, ShiftError,
//                        MemoryError); Error() is "runtime error: " + it
//   runtime.plainError   data -> a static String; Error() is the string
//   *runtime.TypeAssertionError
//                        data -> TypeAssertionError (iface.cpp); Error() is
//                        "interface conversion: ..."
//
// Each error type's Error() text is produced by one formatter written
// against a sink: printRuntimeError prints it without allocating (gopanic's
// printer, where gc's preprintpanics calls Error), and the Error methods
// measure it, allocate the string and fill it. Messages are gc's
// boundsErrorFmts/boundsNegErrorFmts: for a signed negative X the length is
// not reported.
//
// The descriptors carry method tables (UncommonType) with Error and
// RuntimeError, so user code can assert recovered values to error or to an
// interface with RuntimeError(), as gc's runtime.Error. The methods' func
// type descriptors are the program's own "type:func()(string)" and
// "type:func()()" (weak references: a program that names no such method
// type can never ask for these methods).
//
// runtime.overflowError and runtime.divideError are gc's error variables
// that standard packages reach by //go:linkname (math/bits): interface
// values of type error, made with the program's own "type:error" before
// package initialisation (initErrorValues, iface.cpp, which builds their
// itab).
//
//===----------------------------------------------------------------------===//

#include "runtime/error.h"

#include "runtime/malloc.h"
#include "runtime/print.h"
#include "runtime/stubs.h"
#include "runtime/type.h"

namespace gort {

namespace {

// gc: boundsErrorFmts and boundsNegErrorFmts, indexed by BoundsKind.
constexpr const char *BoundsErrorFmts[abi::NumBoundsKinds] = {
    "index out of range [%x] with length %y",
    "slice bounds out of range [:%x] with length %y",
    "slice bounds out of range [:%x] with capacity %y",
    "slice bounds out of range [%x:%y]",
    "slice bounds out of range [::%x] with length %y",
    "slice bounds out of range [::%x] with capacity %y",
    "slice bounds out of range [:%x:%y]",
    "slice bounds out of range [%x:%y:]",
    "cannot convert slice with length %y to pointer to array with length %x",
};

constexpr const char *BoundsNegErrorFmts[abi::NumBoundsKinds] = {
    "index out of range [%x]",
    "slice bounds out of range [:%x]",
    "slice bounds out of range [:%x]",
    "slice bounds out of range [%x:]",
    "slice bounds out of range [::%x]",
    "slice bounds out of range [::%x]",
    "slice bounds out of range [:%x:]",
    "slice bounds out of range [%x::]",
    // boundsConvert has no negative form in gc: its x is a constant length.
    "cannot convert slice with length %y to pointer to array with length %x",
};

/// Output targets for the formatters below: the print buffer, a counter,
/// a buffer being filled.
struct PrintSink {
  void put(const uint8_t *P, intptr_t N) { printstring(P, N); }
};
struct CountSink {
  intptr_t N = 0;
  void put(const uint8_t *, intptr_t K) { N += K; }
};
struct FillSink {
  uint8_t *P;
  void put(const uint8_t *Q, intptr_t K) {
    memmove(P, Q, uintptr_t(K));
    P += K;
  }
};

template <typename Sink> void put(Sink &S, const char *C) {
  S.put(reinterpret_cast<const uint8_t *>(C), intptr_t(constLen(C)));
}
template <typename Sink> void put(Sink &S, const abi::String &Str) {
  S.put(Str.Ptr, Str.Len);
}

/// gc: appendIntStr.
template <typename Sink> void putInt(Sink &S, int64_t V, bool Signed) {
  uint8_t Buf[24];
  int I = sizeof(Buf);
  bool Neg = Signed && V < 0;
  uint64_t U = Neg ? 0 - uint64_t(V) : uint64_t(V);
  do {
    Buf[--I] = uint8_t('0' + U % 10);
    U /= 10;
  } while (U);
  if (Neg)
    Buf[--I] = '-';
  S.put(Buf + I, intptr_t(sizeof(Buf)) - I);
}

/// gc: boundsError.Error.
template <typename Sink> void formatBoundsError(Sink &S, const BoundsError &E) {
  unsigned Code = unsigned(E.Code);
  if (Code >= abi::NumBoundsKinds)
    Code = 0;
  const char *Fmt = BoundsErrorFmts[Code];
  if (E.Signed && E.X < 0)
    Fmt = BoundsNegErrorFmts[Code];
  put(S, "runtime error: ");
  for (const char *P = Fmt; *P; P++) {
    if (*P != '%') {
      const char *Q = P;
      while (Q[1] && Q[1] != '%')
        Q++;
      S.put(reinterpret_cast<const uint8_t *>(P), intptr_t(Q - P + 1));
      P = Q;
      continue;
    }
    P++;
    if (*P == 'x')
      putInt(S, E.X, E.Signed);
    else if (*P == 'y')
      putInt(S, int64_t(E.Y), true);
  }
}

bool sameTypeString(const abi::Type *A, const abi::Type *B) {
  if (A->Str.Len != B->Str.Len)
    return false;
  for (intptr_t I = 0; I < A->Str.Len; ++I)
    if (A->Str.Ptr[I] != B->Str.Ptr[I])
      return false;
  return true;
}

/// gc: TypeAssertionError.Error.
template <typename Sink>
void formatTypeAssertionError(Sink &S, const TypeAssertionError &E) {
  put(S, "interface conversion: ");
  if (!E.Concrete) {
    if (E.Interface)
      put(S, E.Interface->Str);
    else
      put(S, "interface");
    put(S, " is nil, not ");
    put(S, E.Asserted->Str);
    return;
  }
  if (E.MissingMethod.Len == 0) {
    if (E.Interface)
      put(S, E.Interface->Str);
    else
      put(S, "interface");
    put(S, " is ");
    put(S, E.Concrete->Str);
    put(S, ", not ");
    put(S, E.Asserted->Str);
    if (sameTypeString(E.Concrete, E.Asserted))
      put(S, " (types from different scopes)");
    return;
  }
  put(S, E.Concrete->Str);
  put(S, " is not ");
  put(S, E.Asserted->Str);
  put(S, ": missing method ");
  // Unexported method names are qualified with their package: print the
  // name alone, as gc does.
  intptr_t Start = 0;
  for (intptr_t I = 0; I < E.MissingMethod.Len; ++I)
    if (E.MissingMethod.Ptr[I] == '.')
      Start = I + 1;
  S.put(E.MissingMethod.Ptr + Start, E.MissingMethod.Len - Start);
}

/// The Error() text of a runtime error value; false if T is not one of
/// the runtime's error types.
template <typename Sink>
bool formatRuntimeError(Sink &S, const abi::Type *T, const void *Data);

/// Error() for every runtime error type (the Ifn of its "Error" method):
/// measures the text, then allocates and fills the string.
abi::String errorMethod(const abi::Type *T, const void *Data) {
  CountSink C;
  formatRuntimeError(C, T, Data);
  auto *P = static_cast<uint8_t *>(mallocgc(uintptr_t(C.N), nullptr, false));
  FillSink F{P};
  formatRuntimeError(F, T, Data);
  return abi::String{P, C.N};
}

// Go-ABI method bodies: (closure context, interface data word).
abi::String boundsErrorError(void *, void *Data);
abi::String errorStringError(void *, void *Data);
abi::String plainErrorError(void *, void *Data);
abi::String typeAssertionErrorError(void *, void *Data);
void runtimeErrorMethod(void *, void *) {}

abi::String boundsErrorError(void *, void *Data) {
  return errorMethod(&BoundsErrorType, Data);
}
abi::String errorStringError(void *, void *Data) {
  return errorMethod(&ErrorStringType, Data);
}
abi::String plainErrorError(void *, void *Data) {
  return *static_cast<const abi::String *>(Data);
}
abi::String typeAssertionErrorError(void *, void *Data) {
  return errorMethod(&TypeAssertionErrorType, Data);
}

/// Descriptors with a method table (abi::UncommonType follows the kind part).
struct StringErrorDesc {
  abi::Type T;
  abi::UncommonType U;
};
struct StructErrorDesc {
  abi::StructType S;
  abi::UncommonType U;
};
struct PtrErrorDesc {
  abi::PtrType P;
  abi::UncommonType U;
};

} // namespace
} // namespace gort

extern "C" {
// The program's descriptors of the methods' types (see the overview).
extern const gort::abi::Type GoFuncString __asm__("type:func()(string)")
    __attribute__((weak));
extern const gort::abi::Type GoFuncVoid __asm__("type:func()()")
    __attribute__((weak));
}

namespace gort {
namespace {

#define GORT_ERROR_METHODS(ErrorFn)                                            \
  {                                                                            \
    {GORT_STRING("Error"), &GoFuncString,                                      \
     reinterpret_cast<void (*)()>(ErrorFn)},                                   \
        {GORT_STRING("RuntimeError"), &GoFuncVoid,                             \
         reinterpret_cast<void (*)()>(runtimeErrorMethod)},                    \
  }

// Sorted by name, as codegen sorts method tables.
const abi::Method BoundsErrorMethods[2] = GORT_ERROR_METHODS(boundsErrorError);
const abi::Method ErrorStringMethods[2] = GORT_ERROR_METHODS(errorStringError);
const abi::Method PlainErrorMethods[2] = GORT_ERROR_METHODS(plainErrorError);
const abi::Method TypeAssertionErrorMethods[2] =
    GORT_ERROR_METHODS(typeAssertionErrorError);

#define GORT_UNCOMMON(Methods)                                                 \
  abi::UncommonType { GORT_STRING("runtime"), Methods, 2 }

/// Named types with methods.
constexpr uint8_t NamedUncommon = abi::TFlagNamed | abi::TFlagUncommon;

const abi::Type TypeAssertionErrorStruct = GORT_RUNTIME_TYPE(
    "runtime.TypeAssertionError", .Size = sizeof(TypeAssertionError),
    .Align = alignof(TypeAssertionError), .Kind = abi::KindStruct,
    .TFlag = abi::TFlagNamed);

const PtrErrorDesc TypeAssertionErrorDesc = {
    {GORT_RUNTIME_TYPE("*runtime.TypeAssertionError", .Size = sizeof(void *),
                       .Align = alignof(void *),
                       .Kind = abi::KindPointer | abi::KindDirectIface,
                       .TFlag = abi::TFlagUncommon, .PtrData = sizeof(void *)),
     &TypeAssertionErrorStruct},
    GORT_UNCOMMON(TypeAssertionErrorMethods)};

const StructErrorDesc BoundsErrorDesc = {
    {GORT_RUNTIME_TYPE("runtime.boundsError", .Size = sizeof(BoundsError),
                       .Align = alignof(BoundsError), .Kind = abi::KindStruct,
                       .TFlag = NamedUncommon),
     GORT_STRING("runtime"), nullptr, 0},
    GORT_UNCOMMON(BoundsErrorMethods)};
const StringErrorDesc ErrorStringDesc = {
    GORT_RUNTIME_TYPE("runtime.errorString", .Size = sizeof(abi::String),
                      .Align = 8, .Kind = abi::KindString,
                      .TFlag = NamedUncommon),
    GORT_UNCOMMON(ErrorStringMethods)};
const StringErrorDesc PlainErrorDesc = {
    GORT_RUNTIME_TYPE("runtime.plainError", .Size = sizeof(abi::String),
                      .Align = 8, .Kind = abi::KindString,
                      .TFlag = NamedUncommon),
    GORT_UNCOMMON(PlainErrorMethods)};

template <typename Sink>
bool formatRuntimeError(Sink &S, const abi::Type *T, const void *Data) {
  if (T == &BoundsErrorType) {
    formatBoundsError(S, *static_cast<const BoundsError *>(Data));
    return true;
  }
  if (T == &ErrorStringType) {
    put(S, "runtime error: ");
    put(S, *static_cast<const abi::String *>(Data));
    return true;
  }
  if (T == &TypeAssertionErrorType) {
    formatTypeAssertionError(S, *static_cast<const TypeAssertionError *>(Data));
    return true;
  }
  if (T == &PlainErrorType) {
    put(S, *static_cast<const abi::String *>(Data));
    return true;
  }
  return false;
}

} // namespace

const abi::Type &TypeAssertionErrorType = TypeAssertionErrorDesc.P.T;
const abi::Type &BoundsErrorType = BoundsErrorDesc.S.T;
const abi::Type &ErrorStringType = ErrorStringDesc.T;
const abi::Type &PlainErrorType = PlainErrorDesc.T;

const abi::String DivideError = GORT_STRING("integer divide by zero");
const abi::String ShiftError = GORT_STRING("negative shift amount");
const abi::String MemoryError =
    GORT_STRING("invalid memory address or nil pointer dereference");
const abi::String OverflowError = GORT_STRING("integer overflow");

bool printRuntimeError(const abi::Eface &E) {
  PrintSink P;
  return formatRuntimeError(P, E.Typ, E.Data);
}

} // namespace gort
