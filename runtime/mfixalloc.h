//===- runtime/mfixalloc.h - Fixed-size off-heap allocator ------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See mfixalloc.cpp for the overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_MFIXALLOC_H
#define GORT_RUNTIME_MFIXALLOC_H

#include <stdint.h>

namespace gort {

/// A free object in a FixAlloc (stored in the object itself; gc: mlink).
struct MLink {
  MLink *Next;
};

/// A free-list allocator of Size-byte objects outside the GC heap
/// (gc: fixalloc). Not thread-safe: its owner's lock guards it (MHeap::Lock
/// for spans and mcaches). Zero-initialised storage is a valid, unusable
/// FixAlloc; init before use.
struct FixAlloc {
  uintptr_t Size;  ///< object size, a multiple of 8
  MLink *List;     ///< freed objects
  uintptr_t Chunk; ///< next unused byte of the current chunk
  uint32_t NChunk; ///< bytes left in the current chunk
  uint32_t NAlloc; ///< size of new chunks
  uintptr_t InUse; ///< bytes handed out and not freed

  void init(uintptr_t ObjSize);
  /// Returns a zeroed object.
  void *alloc();
  /// Returns an object from alloc to the free list.
  void free(void *P);
};

} // namespace gort

#endif // GORT_RUNTIME_MFIXALLOC_H
