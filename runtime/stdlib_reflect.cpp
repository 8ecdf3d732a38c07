//===- runtime/stdlib_reflect.cpp - Runtime services for reflection -------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The runtime functions that internal/reflectlite (errors, sort, and
// through them most of the standard library) declares without bodies and
// gc's runtime pushes to it by //go:linkname (gc: malloc.go, mbarrier.go,
// iface.go, chan.go, map.go, runtime1.go reflectlite_*). libgort defines
// them under the package's symbols ("internal/reflectlite.unsafe_New")
// with the Go calling convention of libgort/abi.h: a closure context
// first, then the arguments (an interface{} as its two words).
//
// reflectlite reads type descriptors from its own unmodified source; the
// layout it expects is libgort/abi.h's, and names and offsets resolve
// through runtime/type.cpp as everywhere else.
//
// typedmemmove is a plain memmove: the collector has no write barrier yet
// (docs/runtime/gc.md).
//
//===----------------------------------------------------------------------===//

#include "runtime/abi_entry.h"
#include "runtime/chan.h"
#include "runtime/malloc.h"
#include "runtime/map.h"
#include "runtime/stubs.h"
#include "runtime/type.h"

using namespace gort;

extern "C" {

#define GORT_REFLECTLITE(Result, Name, ...)                                    \
  Result reflectlite_##Name(void *, __VA_ARGS__) __asm__(                      \
      "internal/reflectlite." #Name);                                          \
  Result reflectlite_##Name(void *, __VA_ARGS__)

// gc: reflectlite_unsafe_New.
GORT_REFLECTLITE(void *, unsafe_New, const abi::Type *T) {
  return mallocgc(T->Size, T, true);
}

// gc: reflectlite_typedmemmove.
GORT_REFLECTLITE(void, typedmemmove, const abi::Type *T, void *Dst,
                 const void *Src) {
  if (Dst != Src && T->Size)
    memmove(Dst, Src, T->Size);
}

// gc: reflectlite_ifaceE2I; panics as a failed assertion when E's type
// does not implement Inter.
GORT_REFLECTLITE(void, ifaceE2I, const abi::Type *Inter, const abi::Type *ET,
                 void *EData, abi::Iface *Dst) {
  *Dst = {gort_assertE2I(Inter, ET), EData};
}

// gc: reflectlite_chanlen.
GORT_REFLECTLITE(intptr_t, chanlen, const void *C) {
  if (!C)
    return 0;
  return *reinterpret_cast<const intptr_t *>(static_cast<const uint8_t *>(C) +
                                             abi::ChanQCountOffset);
}

// gc: reflectlite_maplen.
GORT_REFLECTLITE(intptr_t, maplen, const void *M) {
  if (!M)
    return 0;
  return *reinterpret_cast<const intptr_t *>(static_cast<const uint8_t *>(M) +
                                             abi::MapCountOffset);
}

// gc: reflectlite_resolveNameOff.
GORT_REFLECTLITE(const void *, resolveNameOff, const void *Base, int32_t Off) {
  return resolveNameOff(Base, Off);
}

// gc: reflectlite_resolveTypeOff.
GORT_REFLECTLITE(const void *, resolveTypeOff, const void *Base, int32_t Off) {
  return resolveTypeOff(Base, Off);
}

#undef GORT_REFLECTLITE

} // extern "C"
