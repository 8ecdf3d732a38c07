//===- runtime/mfixalloc.cpp - Fixed-size off-heap allocator --------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// FixAlloc hands out objects of one size that live outside the GC heap and
// are never scanned: the heap's own metadata, MSpan and MCache structures
// (gc: mfixalloc.go). It cannot use the heap it describes.
//
// Data structures: a LIFO free list of returned objects threaded through
// the objects themselves (MLink), and the current chunk, NAlloc (16 KiB)
// bytes from persistentalloc that are carved from the front.
//
// alloc: 1. pop the free list and zero the object; else 2. if the chunk has
// less than Size bytes left, take a new one (the tail is abandoned; at most
// Size-1 bytes); 3. carve Size bytes (persistentalloc memory is zero).
//
// Invariants: Chunk + NChunk is the end of the current chunk; Size is a
// multiple of 8. Locking: none of its own; MHeap::Lock guards the heap's
// FixAllocs (mheap.cpp), so every call is made with it held.
//
// Memory is never returned to the OS: a span struct freed by the future
// sweeper (mheap freeSpan) goes back to the free list and is reused for
// the next span, as in gc.
//
// Rejected: allocating the structures from the GC heap (a span must exist
// before the heap can hand out objects, and the collector must not see
// them), and gc's `first` callback (nothing needs it yet).
//
//===----------------------------------------------------------------------===//

#include "runtime/mfixalloc.h"

#include "runtime/malloc.h"
#include "runtime/panic.h"
#include "runtime/stubs.h"

namespace gort {

namespace {
constexpr uint32_t FixAllocChunk = 16 << 10;
} // namespace

void FixAlloc::init(uintptr_t ObjSize) {
  GORT_ASSERT(ObjSize > 0 && ObjSize <= FixAllocChunk);
  Size = alignUp(ObjSize, 8);
  List = nullptr;
  Chunk = 0;
  NChunk = 0;
  NAlloc = FixAllocChunk;
  InUse = 0;
}

void *FixAlloc::alloc() {
  if (Size == 0)
    fatal("runtime: use of FixAlloc::alloc before FixAlloc::init");
  if (List) {
    MLink *V = List;
    List = V->Next;
    InUse += Size;
    memset(V, 0, Size);
    return V;
  }
  if (NChunk < Size) {
    Chunk = uintptr_t(persistentalloc(NAlloc, 8));
    NChunk = NAlloc;
  }
  void *V = reinterpret_cast<void *>(Chunk);
  Chunk += Size;
  NChunk -= uint32_t(Size);
  InUse += Size;
  return V;
}

void FixAlloc::free(void *P) {
  InUse -= Size;
  MLink *V = static_cast<MLink *>(P);
  V->Next = List;
  List = V;
}

} // namespace gort
