//===- runtime/stkmap.h - Stack maps of compiled Go code --------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See stkmap.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_STKMAP_H
#define GORT_RUNTIME_STKMAP_H

#include "libgort/abi.h"

#include <stdint.h>

/// The stack maps codegen emits (libgort/abi.h StackMapFunc), bracketed
/// by libgort/gort.ld.
extern "C" const uint8_t __gort_stackmap_start[]
    __attribute__((visibility("hidden")));
extern "C" const uint8_t __gort_stackmap_end[]
    __attribute__((visibility("hidden")));

namespace gort {

/// Indexes the tables in [Begin, End) by their functions' addresses (at
/// gcinit; again in unit tests, which pass tables of their own).
void initStackMaps(const uint8_t *Begin, const uint8_t *End);

/// Whether the program has any stack map.
bool haveStackMaps();

/// A frame stopped in a call with a stack map: the function's table and
/// the call's entry.
struct FrameMap {
  const abi::StackMapFunc *Func;
  const abi::StackMapCall *Call;
  const int32_t *slots() const;
  const abi::StackMapObject *objects() const;
};

/// The map of the call that returns to RetPC; false if RetPC is no such
/// call's return address (runtime code, or a Go function without a map).
bool findFrameMap(uintptr_t RetPC, FrameMap &Out);

} // namespace gort

#endif // GORT_RUNTIME_STKMAP_H
