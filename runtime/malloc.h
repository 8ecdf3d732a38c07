//===- runtime/malloc.h - Memory allocation ---------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See malloc.cpp for the overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_MALLOC_H
#define GORT_RUNTIME_MALLOC_H

#include "libgort/abi.h"

#include <stdint.h>

namespace gort {

void mallocinit();
/// Allocates Size bytes of zeroed memory for an object of type T (T may be
/// null for runtime-internal objects) (gc: mallocgc).
void *mallocgc(uintptr_t Size, const abi::Type *T, bool NeedZero);

/// Reserves N bytes of fresh zeroed address space straight from the OS, or
/// returns null (gc: sysAlloc).
void *sysAlloc(uintptr_t N);
/// Returns memory from sysAlloc to the OS (gc: sysFree).
void sysFree(void *P, uintptr_t N);

} // namespace gort

#endif // GORT_RUNTIME_MALLOC_H
