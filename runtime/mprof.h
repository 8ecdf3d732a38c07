//===- runtime/mprof.h - Memory, block and mutex profiles -------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See mprof.cpp for how the profiles are recorded, and cpuprof.cpp for the
// CPU profile.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_MPROF_H
#define GORT_RUNTIME_MPROF_H

#include "runtime/runtime2.h"
#include "runtime/sys_linux.h"

#include <stdint.h>

namespace gort {

/// runtime.MemProfileRate (package runtime declares it by //go:linkname):
/// on average one allocation per this many bytes is recorded; 0 records
/// none, 1 all. gc's default, 512 KiB.
extern int64_t MemProfileRate __asm__("gort.memProfileRate");

/// Sets MemProfileRate to 0 in a program that cannot read the memory
/// profile (gc's linker: disableMemoryProfiling). At start-up.
void mprofinit();

/// Deepest stack a profile records (gc: maxStack).
constexpr unsigned MaxProfileStack = 32;

/// The clock blocking and contention are measured with (gc: cputicks):
/// nanoseconds, so runtime/pprof's cycles per second is 1e9.
inline int64_t cputicks() { return nanotime(); }

/// Bytes Mp allocates before its next sample: exponentially distributed
/// with mean MemProfileRate, so that samples do not follow a program's
/// allocation pattern (gc: nextSample). Uses Mp's random state.
int64_t nextSample(M *Mp);

/// mallocgc's slow path when it samples: records the allocation of the
/// object at X, of Size bytes (its size class, or 16 for a new tiny block),
/// with the calling goroutine's stack. Any stack; not inside mallocgc's
/// Mallocing section.
void profileAlloc(M *Mp, void *X, uintptr_t Size);

/// The collector's part, with the world stopped, after marking and after
/// the finalizers (which keep their objects): every sampled object left
/// unmarked is counted freed, and the cycle's allocations and frees are
/// published (gc: mProf_Free from the sweep, mProf_NextCycle, mProf_Flush).
void mProfCycle(bool (*IsMarked)(uintptr_t));

/// Whether blocking events are being recorded (runtime.SetBlockProfileRate
/// set a rate): a goroutine about to block then notes cputicks().
bool blockProfiling();
/// The calling goroutine was blocked for Cycles ticks (gc: blockevent):
/// recorded with its stack if sampled.
void blockEvent(int64_t Cycles);
/// Whether mutex contention is being recorded
/// (runtime.SetMutexProfileFraction).
bool mutexProfiling();
/// The calling goroutine releases a lock that others waited Cycles ticks
/// for (gc: mutexevent): recorded with its stack if sampled.
void mutexEvent(int64_t Cycles);

/// Records in Mp the stack that created it, when a user goroutine did
/// (gc: mp.createstack, for runtime.ThreadCreateProfile).
void recordCreateStack(M *Mp);

} // namespace gort

#endif // GORT_RUNTIME_MPROF_H
