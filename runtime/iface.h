//===- runtime/iface.h - Method lookup for the runtime ----------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See iface.cpp for the overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_IFACE_H
#define GORT_RUNTIME_IFACE_H

#include "libgort/abi.h"

namespace gort {

static_assert(offsetof(abi::Itab, Typ) == abi::ItabTypOffset);
static_assert(offsetof(abi::Itab, Fun) == abi::ItabFunOffset);
static_assert(sizeof(abi::Itab::Fun[0]) == abi::ItabFunSize);

/// True if S holds exactly the NUL-terminated string C.
bool equalsCString(const abi::String &S, const char *C);

/// The method Name of T whose type prints as FuncType (e.g. "func() string"),
/// or null. Its Ifn takes the interface data word of a T.
const abi::Method *findMethod(const abi::Type *T, const char *Name,
                              const char *FuncType);

} // namespace gort

#endif // GORT_RUNTIME_IFACE_H
