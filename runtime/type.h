//===- runtime/type.h - Type descriptors the runtime defines ----*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Reading type descriptors (gc: type.go), and the runtime's own internal
// descriptors.
//
// Reading. Descriptors have gc's layout (libgort/abi.h): names are encoded
// bytes, and a descriptor refers to its string, its methods' names, types
// and code by 32-bit offsets. Everything here that follows one goes through
// resolveNameOff/resolveTypeOff/resolveTextOff, as in gc: an offset is from
// the start of the descriptor or name that holds it (codegen emits each as
// one PC-relative relocation); from a base in the Go heap (a descriptor
// reflect made at run time) the offset is instead an id that reflect got
// from addReflectOff, as in gc.
//
// Internal descriptors. The types the runtime allocates that compiled code
// never sees (map internals in map.cpp, string and rune data in
// string.cpp) need only what the allocator and the collector read.
// GORT_RUNTIME_TYPE is the one way to build one: from the type's name and
// the fields that vary (TypeSpec, named as in abi::Type), with FieldAlign =
// Align, no Equal, no string (Str = 0: a C++ constant cannot hold the
// difference of two addresses without a global constructor), no PtrToThis,
// and Type::Hash = abi::typeHash of the name. Every descriptor a Go value
// can carry -- the run-time error types included -- is the compiler's
// (runtime/go/error.go). GORT_STRING makes the abi::String of a string
// constant.
//
// Both are macros because a descriptor must be a constant initializer (no
// global constructors in libgort), and turning a char literal into the
// uint8_t pointer of abi::String is a reinterpret_cast, which no constexpr
// function may contain.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_TYPE_H
#define GORT_RUNTIME_TYPE_H

#include "libgort/abi.h"

#include <stddef.h>
#include <stdint.h>

namespace gort {

/// strlen, for constants.
constexpr size_t constLen(const char *S) {
  size_t N = 0;
  while (S[N])
    N++;
  return N;
}

/// The fields of a runtime-defined descriptor that vary; the rest is fixed
/// by makeRuntimeType. Write them with designated initializers.
struct TypeSpec {
  uintptr_t Size;
  uint8_t Align;
  uint8_t Kind; ///< abi::Kind | abi::KindDirectIface
  uint8_t TFlag = 0;
  uintptr_t PtrData = 0;
  const uint8_t *GCData = nullptr;
};

/// Use GORT_RUNTIME_TYPE.
constexpr abi::Type makeRuntimeType(uint32_t Hash, const TypeSpec &S) {
  return abi::Type{.Size = S.Size,
                   .PtrData = S.PtrData,
                   .Hash = Hash,
                   .TFlag = S.TFlag,
                   .Align = S.Align,
                   .FieldAlign = S.Align,
                   .Kind = S.Kind,
                   .Equal = nullptr,
                   .GCData = S.GCData,
                   .Str = 0,
                   .PtrToThis = 0};
}

/// True if A and B hold the same bytes.
bool equalStrings(const abi::String &A, const abi::String &B);

/// The name N encodes (gc: name.name); empty for null.
abi::String nameString(const uint8_t *N);
/// N's package path, or empty when it records none (gc: name.pkgPath).
abi::String namePkgPath(const uint8_t *N);
/// gc: name.isExported.
inline bool nameExported(const uint8_t *N) {
  return N && (N[0] & abi::NameExported);
}

/// The name at Off from Base (a descriptor or a name); null for 0.
const uint8_t *resolveNameOff(const void *Base, abi::NameOff Off);
/// The descriptor at Off from Base; null for 0 and -1.
const abi::Type *resolveTypeOff(const void *Base, abi::TypeOff Off);
/// The code at Off from T; for -1, code that throws (an unreachable method).
void *resolveTextOff(const abi::Type *T, abi::TextOff Off);
/// The id (negative) under which the resolve*Off functions find P, a name,
/// descriptor or code reflect made at run time, from a base in the Go heap
/// (gc: reflect_addReflectOff).
int32_t addReflectOff(const void *P);

/// The program's typelinks (gc: moduledata.typelinks): the descriptors of
/// its unnamed composite types, at Base + Offsets[i], sorted by their
/// strings; gathered on the first call.
void typelinks(const void **Base, const int32_t **Offsets, intptr_t *N);

/// T as gc prints it (reflect's String): "int", "main.T", "*[]int".
abi::String typeString(const abi::Type *T);
/// T's UncommonType, or null (gc: _type.uncommon).
const abi::UncommonType *uncommon(const abi::Type *T);
/// The methods of U, U->MCount of them.
inline const abi::Method *methodsOf(const abi::UncommonType *U) {
  return reinterpret_cast<const abi::Method *>(
      reinterpret_cast<const uint8_t *>(U) + U->MOff);
}
/// The descriptors of a func type's parameters then results (gc:
/// functype.in, out).
const abi::Type *const *funcParams(const abi::FuncType *T);

/// T's equality on the values at A and B (T->Equal must be non-null).
inline bool typeEqual(const abi::Type *T, const void *A, const void *B) {
  return reinterpret_cast<abi::EqualFn>(T->Equal->Fn)(T->Equal, A, B);
}
/// A map's hash of the key at P.
inline uintptr_t mapHash(const abi::MapType *T, const void *P, uintptr_t Seed) {
  return reinterpret_cast<abi::HashFn>(T->Hasher->Fn)(T->Hasher, P, Seed);
}

} // namespace gort

/// The abi::String of the string constant Lit.
#define GORT_STRING(Lit)                                                       \
  ::gort::abi::String {                                                        \
    reinterpret_cast<const uint8_t *>(Lit), intptr_t(::gort::constLen(Lit))    \
  }

/// The descriptor of the runtime-internal type named Name (gc's
/// reflect.Type.String, for readers and the hash); the arguments after it are
/// TypeSpec's designated initializers, e.g.
///   GORT_RUNTIME_TYPE("runtime.hmap", .Size = 48, .Align = 8,
///                     .Kind = abi::KindStruct)
#define GORT_RUNTIME_TYPE(Name, ...)                                           \
  ::gort::makeRuntimeType(::gort::abi::typeHash(Name, ::gort::constLen(Name)), \
                          ::gort::TypeSpec{__VA_ARGS__})

#endif // GORT_RUNTIME_TYPE_H
