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

/// Initialises the heap and the no-P cache. Called by schedinit before
/// anything allocates.
void mallocinit();

/// Allocates Size bytes for an object of type T (gc: mallocgc). T may be
/// null for runtime-internal objects, which are treated as holding
/// pointers. The memory is zeroed if NeedZero, and may hold old data
/// otherwise (the caller overwrites it all). Size 0 returns the shared
/// zero-size base. Callable on any stack, with or without a P or a g.
void *mallocgc(uintptr_t Size, const abi::Type *T, bool NeedZero);

/// The address mallocgc returns for every zero-size allocation (gc:
/// zerobase).
const void *zeroBase();

/// Reserves N bytes of fresh zeroed address space straight from the OS, or
/// returns null (gc: sysAlloc).
void *sysAlloc(uintptr_t N);
/// Returns memory from sysAlloc to the OS (gc: sysFree).
void sysFree(void *P, uintptr_t N);

/// Allocates Size zeroed bytes of off-heap memory that is never freed, for
/// runtime metadata (gc: persistentalloc). Align is a power of two up to
/// the page size, or 0 for 8. Throws if the OS refuses memory.
void *persistentalloc(uintptr_t Size, uintptr_t Align);

/// Runs Fn(Arg) on the system stack if there is a g (systemstack), else
/// directly: a thread without a g is on its own large OS stack.
void onSystemStack(void (*Fn)(void *), void *Arg);

/// Prints gc's out-of-memory report for a Size-byte request and throws.
[[noreturn]] void outOfMemory(uintptr_t Size);

/// The no-P cache's lock, which the collector holds for a whole cycle so
/// that threads without a P cannot allocate meanwhile, and the flush of
/// that cache (its caller holds the lock).
void lockNoPCache();
void unlockNoPCache();
void releaseNoPCacheLocked();
/// Adds N small objects of size class Class to the statistics (mcache.cpp,
/// when a span leaves an MCache).
void noteSmallAllocs(unsigned Class, uint64_t N);
/// Adds N allocations served from an MCache's current tiny block (gc:
/// tinyAllocCount; mcache.cpp, when the cache is flushed).
void noteTinyAllocs(uint64_t N);

/// A snapshot of the allocator's statistics (a subset of gc's MemStats).
struct MemStats {
  uint64_t HeapSys;      ///< bytes of arenas reserved from the OS
  uint64_t HeapInUse;    ///< bytes in spans holding objects
  uint64_t StackInUse;   ///< bytes in stack spans
  uint64_t HeapIdle;     ///< bytes in free pages
  uint64_t HeapReleased; ///< bytes of free pages returned to the OS
  uint64_t Scavenged;    ///< bytes ever returned to the OS
  uint64_t NumArenas;
  uint64_t NumSpans;    ///< heap and stack spans in use
  uint64_t SmallAllocs; ///< small objects from spans no longer cached
  uint64_t LargeAllocs; ///< large objects
  /// objects placed in an already allocated tiny block (so neither freed
  /// nor counted as small allocations on their own)
  uint64_t TinyAllocs;
  uint64_t PersistentSys; ///< bytes of persistentalloc memory
};
void readMemStats(MemStats *Out);
/// The small objects of size class Class counted so far (SmallAllocs by
/// class).
uint64_t smallAllocsOfClass(unsigned Class);

} // namespace gort

#endif // GORT_RUNTIME_MALLOC_H
