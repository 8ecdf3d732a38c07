//===- runtime/malloc.cpp - Memory allocation (placeholder bump allocator) ===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The heap, for now: a thread-safe bump allocator over chunks mapped from
// the OS. It is a placeholder with gc's interface (mallocgc, newobject); the
// real allocator (size classes, mcache/mcentral/mheap, design.md) and the
// collector replace the inside later without changing callers. Nothing is
// ever freed.
//
// Data structures: HeapLock guards the current chunk [Next, End) and the
// statistics. A chunk is HeapChunkSize (4 MiB) of fresh anonymous memory.
//
// mallocgc(Size, Type, NeedZero):
//   1. Size 0: return &ZeroBase (gc: zerobase), shared by every zero-size
//      object.
//   2. Size > LargeObjectSize: map a block of its own, rounded to pages.
//   3. Otherwise round Next up to the alignment (8 bytes, 16 for Size >= 16)
//      and bump; when the chunk is too small, start a new one (the tail of
//      the old chunk is abandoned: at most LargeObjectSize bytes).
// Memory is always zero: it comes from fresh mappings and is never reused,
// so NeedZero costs nothing yet.
//
// Invariants: Next <= End; Next is 8-byte aligned. Lock order: HeapLock is a
// leaf (nothing else is locked while it is held).
//
// Entry points: gort_newobject, gort_mallocgc (compiled code, on goroutine
// stacks with no prologue check: the path is a few small frames plus mmap);
// mallocgc from the runtime.
//
// Rejected: one mmap per object (system calls, and the kernel's 65530
// mappings limit); a lock-free CAS bump (a chunk refill needs the lock
// anyway, and this code is temporary).
//
//===----------------------------------------------------------------------===//

#include "runtime/malloc.h"

#include "runtime/abi_entry.h"
#include "runtime/lock.h"
#include "runtime/panic.h"
#include "runtime/print.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"

namespace gort {

namespace {

constexpr uintptr_t HeapChunkSize = 4 << 20;
constexpr uintptr_t LargeObjectSize = 256 << 10;
constexpr uintptr_t PageSize = 4096;

struct BumpHeap {
  Mutex Lock;
  uintptr_t Next; ///< next free byte of the current chunk
  uintptr_t End;  ///< end of the current chunk
  uint64_t Mapped; ///< bytes obtained from the OS
};
BumpHeap Heap;

/// gc: zerobase, the address of every zero-size allocation.
uint64_t ZeroBase;

[[noreturn]] void outOfMemory(uintptr_t Size) {
  printlock();
  printstring("runtime: out of memory: cannot allocate ");
  printuint(Size);
  printstring("-byte block (");
  printuint(Heap.Mapped);
  printstring(" in use)\n");
  printunlock();
  fatal("out of memory");
}

} // namespace

void mallocinit() {
  static_assert(HeapChunkSize % PageSize == 0);
  static_assert(LargeObjectSize < HeapChunkSize);
}

void *sysAlloc(uintptr_t N) {
  MmapResult R =
      mmap(nullptr, N, ProtRead | ProtWrite, MapPrivate | MapAnon, -1, 0);
  if (R.Err != 0)
    return nullptr;
  return R.P;
}

void sysFree(void *P, uintptr_t N) { munmap(P, N); }

void *mallocgc(uintptr_t Size, const abi::Type *T, bool NeedZero) {
  (void)T;        // the collector will use it for the pointer bitmap
  (void)NeedZero; // memory is always fresh (see above)
  if (Size == 0)
    return &ZeroBase;
  if (Size > LargeObjectSize) {
    if (Size > (uintptr_t(1) << 47))
      outOfMemory(Size);
    uintptr_t N = alignUp(Size, PageSize);
    void *P = sysAlloc(N);
    if (!P)
      outOfMemory(Size);
    lock(&Heap.Lock);
    Heap.Mapped += N;
    unlock(&Heap.Lock);
    return P;
  }
  uintptr_t Align = Size >= 16 ? 16 : 8;
  lock(&Heap.Lock);
  uintptr_t P = alignUp(Heap.Next, Align);
  if (Heap.Next == 0 || P + Size > Heap.End) {
    void *Chunk = sysAlloc(HeapChunkSize);
    if (!Chunk) {
      unlock(&Heap.Lock);
      outOfMemory(Size);
    }
    Heap.Mapped += HeapChunkSize;
    Heap.Next = uintptr_t(Chunk);
    Heap.End = Heap.Next + HeapChunkSize;
    P = Heap.Next; // chunks are page aligned
  }
  Heap.Next = P + alignUp(Size, 8);
  unlock(&Heap.Lock);
  return reinterpret_cast<void *>(P);
}

} // namespace gort

using namespace gort;

extern "C" {

void *gort_newobject(const abi::Type *T) { return mallocgc(T->Size, T, true); }

void *gort_mallocgc(uint64_t Size, const abi::Type *T, bool NeedZero) {
  return mallocgc(Size, T, NeedZero);
}

} // extern "C"
