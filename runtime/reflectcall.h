//===- runtime/reflectcall.h - Calls of any signature -----------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See reflectcall.cpp for how a call of any Go signature is made from C++.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_REFLECTCALL_H
#define GORT_RUNTIME_REFLECTCALL_H

#include "libgort/abi.h"

#include <stdint.h>

namespace gort {

/// Calls the func value Fn, of type FT, whose parameters are N integer
/// machine words (a pointer, or an interface's two words), in gortc's
/// calling convention; its results, of any shape, are dropped. Used for
/// finalizers (mfinal_fing.cpp). Goroutine stack.
void callWithWords(const abi::FuncVal *Fn, const abi::FuncType *FT,
                   const uint64_t *Words, unsigned N);

} // namespace gort

#endif // GORT_RUNTIME_REFLECTCALL_H
