//===- runtime/error.cpp - Run-time error values ----------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The values that run-time errors panic with (gc: error.go). A failed bounds
// check, a division by zero, a nil dereference... panics with an ordinary
// interface{} value whose dynamic type is one of the runtime's own error
// types, so the value travels through gort_gopanic like any user panic and
// recover (to come) hands it back unchanged:
//
//   runtime.boundsError  data -> BoundsError {X, Y, Signed, Code}, on the heap
//   runtime.errorString  data -> a static String (DivideError, ShiftError,
//                        MemoryError); Error() is "runtime error: " + it
//   runtime.plainError   data -> a static String; Error() is the string
//   *runtime.TypeAssertionError
//                        data -> TypeAssertionError (iface.cpp); Error() is
//                        "interface conversion: ..."
//
// printRuntimeError writes Error()'s text for these types without
// allocating; gopanic's printer uses it where gc's preprintpanics calls the
// Error method. Messages are gc's boundsErrorFmts/boundsNegErrorFmts: for a
// signed negative X the length is not reported.
//
// The descriptors carry only the abi::Type header (kind, flags, name). When
// codegen can call methods through type descriptors, they gain the method
// tables for Error and RuntimeError so user code can use them as
// runtime.Error.
//
//===----------------------------------------------------------------------===//

#include "runtime/error.h"

#include "runtime/print.h"

namespace gort {

namespace {

/// FNV-1a of a string, for Type::Hash.
constexpr uint32_t fnv1a(const char *S) {
  uint32_t H = 2166136261u;
  for (; *S; S++)
    H = (H ^ uint8_t(*S)) * 16777619u;
  return H;
}

constexpr uintptr_t constLen(const char *S) {
  uintptr_t N = 0;
  while (S[N])
    N++;
  return N;
}

#define GORT_STRING(Lit)                                                       \
  abi::String {                                                                \
    reinterpret_cast<const uint8_t *>(Lit), intptr_t(constLen(Lit))            \
  }

#define GORT_NAMED_TYPE(Name, TypeSize, TypeAlign, TypeKind)                   \
  abi::Type {                                                                  \
    TypeSize, 0, fnv1a(Name), abi::TFlagNamed, TypeAlign, TypeAlign,           \
        TypeKind, nullptr, nullptr, nullptr, GORT_STRING(Name), nullptr        \
  }

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

/// gc: appendIntStr.
void printIntStr(int64_t V, bool Signed) {
  if (Signed && V < 0) {
    gwrite("-", 1);
    printuint(0 - uint64_t(V));
    return;
  }
  printuint(uint64_t(V));
}

/// gc: boundsError.Error.
void printBoundsError(const BoundsError &E) {
  unsigned Code = unsigned(E.Code);
  if (Code >= abi::NumBoundsKinds)
    Code = 0;
  const char *Fmt = BoundsErrorFmts[Code];
  if (E.Signed && E.X < 0)
    Fmt = BoundsNegErrorFmts[Code];
  printstring("runtime error: ");
  for (const char *P = Fmt; *P; P++) {
    if (*P != '%') {
      const char *Q = P;
      while (Q[1] && Q[1] != '%')
        Q++;
      gwrite(P, uintptr_t(Q - P + 1));
      P = Q;
      continue;
    }
    P++;
    if (*P == 'x')
      printIntStr(E.X, E.Signed);
    else if (*P == 'y')
      printIntStr(int64_t(E.Y), true);
  }
}

/// Prints the string form of a type descriptor.
void printTypeString(const abi::Type *T) { printstring(T->Str.Ptr, T->Str.Len); }

bool sameTypeString(const abi::Type *A, const abi::Type *B) {
  if (A->Str.Len != B->Str.Len)
    return false;
  for (intptr_t I = 0; I < A->Str.Len; ++I)
    if (A->Str.Ptr[I] != B->Str.Ptr[I])
      return false;
  return true;
}

/// gc: TypeAssertionError.Error.
void printTypeAssertionError(const TypeAssertionError &E) {
  printstring("interface conversion: ");
  if (!E.Concrete) {
    if (E.Interface)
      printTypeString(E.Interface);
    else
      printstring("interface");
    printstring(" is nil, not ");
    printTypeString(E.Asserted);
    return;
  }
  if (E.MissingMethod.Len == 0) {
    if (E.Interface)
      printTypeString(E.Interface);
    else
      printstring("interface");
    printstring(" is ");
    printTypeString(E.Concrete);
    printstring(", not ");
    printTypeString(E.Asserted);
    if (sameTypeString(E.Concrete, E.Asserted))
      printstring(" (types from different scopes)");
    return;
  }
  printTypeString(E.Concrete);
  printstring(" is not ");
  printTypeString(E.Asserted);
  printstring(": missing method ");
  // Unexported method names are qualified with their package: print the
  // name alone, as gc does.
  intptr_t Start = 0;
  for (intptr_t I = 0; I < E.MissingMethod.Len; ++I)
    if (E.MissingMethod.Ptr[I] == '.')
      Start = I + 1;
  printstring(E.MissingMethod.Ptr + Start, E.MissingMethod.Len - Start);
}

} // namespace

const abi::Type TypeAssertionErrorType = {
    sizeof(void *), sizeof(void *), fnv1a("*runtime.TypeAssertionError"), 0,
    alignof(void *), alignof(void *),
    uint8_t(abi::KindPointer | abi::KindDirectIface), nullptr, nullptr,
    nullptr, GORT_STRING("*runtime.TypeAssertionError"), nullptr};

const abi::Type BoundsErrorType =
    GORT_NAMED_TYPE("runtime.boundsError", sizeof(BoundsError),
                    alignof(BoundsError), abi::KindStruct);
const abi::Type ErrorStringType = GORT_NAMED_TYPE(
    "runtime.errorString", sizeof(abi::String), 8, abi::KindString);
const abi::Type PlainErrorType = GORT_NAMED_TYPE(
    "runtime.plainError", sizeof(abi::String), 8, abi::KindString);

const abi::String DivideError = GORT_STRING("integer divide by zero");
const abi::String ShiftError = GORT_STRING("negative shift amount");
const abi::String MemoryError =
    GORT_STRING("invalid memory address or nil pointer dereference");

bool printRuntimeError(const abi::Eface &E) {
  if (E.Typ == &BoundsErrorType) {
    printBoundsError(*static_cast<const BoundsError *>(E.Data));
    return true;
  }
  if (E.Typ == &ErrorStringType) {
    const abi::String *S = static_cast<const abi::String *>(E.Data);
    printstring("runtime error: ");
    printstring(S->Ptr, S->Len);
    return true;
  }
  if (E.Typ == &TypeAssertionErrorType) {
    printTypeAssertionError(*static_cast<const TypeAssertionError *>(E.Data));
    return true;
  }
  if (E.Typ == &PlainErrorType) {
    const abi::String *S = static_cast<const abi::String *>(E.Data);
    printstring(S->Ptr, S->Len);
    return true;
  }
  return false;
}

} // namespace gort
