//===- runtime/testing_hooks.h - Runtime internals for tests ----*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// C entry points into runtime internals, for tests only (gc:
// export_test.go); defined in export_test.cpp. Programs that do not call
// them do not contain them (--gc-sections). Includable from C.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_TESTING_HOOKS_H
#define GORT_RUNTIME_TESTING_HOOKS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Starts NThreads OS threads with gort_clone, each with its own TLS block;
/// each adds 1 to a shared counter Iters times under one runtime Mutex, then
/// exits. Joins them through CLONE_CHILD_CLEARTID futexes and returns the
/// counter (NThreads * Iters when locking works), or a negative number if a
/// thread-local variable was wrong in any thread (each thread must see its
/// own copy of the initialised TLS image).
int64_t gort_test_threads(int32_t NThreads, int32_t Iters);

/// Exercises the raw system call wrappers; returns 0, or the number of the
/// first check that failed.
int32_t gort_test_syscalls(void);

/// Exercises stackalloc/stackfree on the system stack; returns 0 or the
/// number of the first failed check.
int32_t gort_test_stackalloc(void);

/// Copies StackStat (Allocs, Frees, SegSwitches, SegReuses) to Out[0..3].
void gort_test_stackstats(uint64_t *Out);

/// gogetenv(Key), or null.
const char *gort_test_getenv(const char *Key);

/// Requests preemption of the current goroutine as sysmon does: sets
/// G::Preempt and StackGuard0 = abi::StackPreempt.
void gort_test_requestpreempt(void);

/// Turns sysmon's preemption of long-running goroutines off (On = 0) or
/// back on, so that stack-guard checks do not race with it.
void gort_test_sysmonpreempt(int32_t On);

/// 1 if the current goroutine's StackGuard0 is its segment's normal guard
/// and its bounds match its current segment, else 0.
int32_t gort_test_guardok(void);

/// Follows the frame-pointer chain from its own frame to the end (a null
/// frame pointer) and returns the number of frame records, or -1 if a
/// record in the middle has no return address.
int64_t gort_test_framecount(void);

/// The current goroutine's id, or -1 on g0.
int64_t gort_test_goid(void);

/// Checks the allocator in a real process, on a goroutine stack: P 0 and
/// its MCache, size-class spans, spanOf/findObject for interior pointers of
/// small, large and multi-arena objects, the tiny allocator, stack segments
/// as manual heap spans, the scavenger. Returns 0 or the number of the
/// first failed check.
int32_t gort_test_malloc(void);

/// A blocking system call as the runtime package will make it: nanosleep
/// for Ns nanoseconds between entersyscall and exitsyscall, so that sysmon
/// can hand the P to another M meanwhile.
void gort_test_blockingsleep(int64_t Ns);

/// Parks the calling goroutine for at least Ns nanoseconds (the runtime
/// side of time.Sleep, timeSleep).
void gort_test_sleep(int64_t Ns);

/// The monotonic clock (gc: nanotime).
int64_t gort_test_nanotime(void);

#ifdef __cplusplus
}
#endif

#endif // GORT_RUNTIME_TESTING_HOOKS_H
