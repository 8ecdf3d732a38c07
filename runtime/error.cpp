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
// The error types are Go types of package runtime (runtime/go/error.go),
// so the compiler makes their descriptors, method tables and itabs like any
// other type's, and user code can assert recovered values to error or to
// runtime.Error; this file names the descriptors by symbol
// ("type:runtime.boundsError", error.h). Their Error methods that need
// more than Go can say cheaply call back here (runtime.boundsErrorString,
// runtime.typeAssertionErrorString). runtime.overflowError and
// runtime.divideError, which standard packages reach by //go:linkname
// (math/bits), are Go variables there too.
//
//===----------------------------------------------------------------------===//

#include "runtime/error.h"

#include "runtime/abi_entry.h"
#include "runtime/malloc.h"
#include "runtime/print.h"
#include "runtime/runtime_pkg.h"
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

/// gc: TypeAssertionError.Error.
template <typename Sink>
void formatTypeAssertionError(Sink &S, const TypeAssertionError &E) {
  put(S, "interface conversion: ");
  if (!E.Concrete) {
    if (E.Interface)
      put(S, typeString(E.Interface));
    else
      put(S, "interface");
    put(S, " is nil, not ");
    put(S, typeString(E.Asserted));
    return;
  }
  if (E.MissingMethod.Len == 0) {
    if (E.Interface)
      put(S, typeString(E.Interface));
    else
      put(S, "interface");
    put(S, " is ");
    put(S, typeString(E.Concrete));
    put(S, ", not ");
    put(S, typeString(E.Asserted));
    if (equalStrings(typeString(E.Concrete), typeString(E.Asserted)))
      put(S, " (types from different scopes)");
    return;
  }
  put(S, typeString(E.Concrete));
  put(S, " is not ");
  put(S, typeString(E.Asserted));
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

/// An error's text, measured, then allocated and filled.
abi::String errorText(const abi::Type *T, const void *Data) {
  CountSink C;
  formatRuntimeError(C, T, Data);
  auto *P = static_cast<uint8_t *>(mallocgc(uintptr_t(C.N), nullptr, false));
  FillSink F{P};
  formatRuntimeError(F, T, Data);
  return abi::String{P, C.N};
}

} // namespace

const abi::String DivideError = GORT_STRING("integer divide by zero");
const abi::String ShiftError = GORT_STRING("negative shift amount");
const abi::String MemoryError =
    GORT_STRING("invalid memory address or nil pointer dereference");

bool printRuntimeError(const abi::Eface &E) {
  PrintSink P;
  return formatRuntimeError(P, E.Typ, E.Data);
}

void panicTypeString(const char *Prefix, const abi::Type *T) {
  intptr_t PN = intptr_t(constLen(Prefix));
  abi::String TS = typeString(T);
  auto *S =
      static_cast<abi::String *>(mallocgc(sizeof(abi::String), nullptr, true));
  auto *P =
      static_cast<uint8_t *>(mallocgc(uintptr_t(PN + TS.Len), nullptr, false));
  memmove(P, Prefix, size_t(PN));
  memmove(P + PN, TS.Ptr, size_t(TS.Len));
  *S = {P, PN + TS.Len};
  gort_gopanic(&ErrorStringType, S);
}

} // namespace gort

using namespace gort;

abi::String runtime_boundsErrorString(void *, void *E) {
  return errorText(&BoundsErrorType, E);
}

abi::String runtime_typeAssertionErrorString(void *, void *E) {
  return errorText(&TypeAssertionErrorType, E);
}
