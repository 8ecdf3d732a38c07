//===- runtime/type.h - Type descriptors the runtime defines ----*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The runtime's own type descriptors (gc: the _type values of the runtime's
// internal types, type.go): the run-time error types (error.cpp), the map
// internals the allocator and the collector see (map.cpp), string and rune
// data (string.cpp). GORT_RUNTIME_TYPE is the one way to build one: from
// the type's string and the fields that vary (TypeSpec, named as in
// abi::Type), with FieldAlign = Align, no Equal or Hasher, no PtrToThis, and
// Type::Hash = abi::typeHash of the type's string. GORT_STRING makes the
// abi::String of a string constant.
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
constexpr abi::Type makeRuntimeType(abi::String Str, uint32_t Hash,
                                    const TypeSpec &S) {
  return abi::Type{.Size = S.Size,
                   .PtrData = S.PtrData,
                   .Hash = Hash,
                   .TFlag = S.TFlag,
                   .Align = S.Align,
                   .FieldAlign = S.Align,
                   .Kind = S.Kind,
                   .Equal = nullptr,
                   .Hasher = nullptr,
                   .GCData = S.GCData,
                   .Str = Str,
                   .PtrToThis = nullptr};
}

} // namespace gort

/// The abi::String of the string constant Lit.
#define GORT_STRING(Lit)                                                       \
  ::gort::abi::String {                                                        \
    reinterpret_cast<const uint8_t *>(Lit), intptr_t(::gort::constLen(Lit))    \
  }

/// The descriptor of the runtime-defined type whose string (gc's
/// reflect.Type.String) is the constant Name; the arguments after it are
/// TypeSpec's designated initializers, e.g.
///   GORT_RUNTIME_TYPE("runtime.hmap", .Size = 48, .Align = 8,
///                     .Kind = abi::KindStruct)
#define GORT_RUNTIME_TYPE(Name, ...)                                           \
  ::gort::makeRuntimeType(GORT_STRING(Name),                                   \
                          ::gort::abi::typeHash(Name, ::gort::constLen(Name)), \
                          ::gort::TypeSpec{__VA_ARGS__})

#endif // GORT_RUNTIME_TYPE_H
