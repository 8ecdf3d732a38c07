//===- runtime/os_linux.h - Linux-specific runtime services -----*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See os_linux.cpp for the overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_OS_LINUX_H
#define GORT_RUNTIME_OS_LINUX_H

#include <stdint.h>

namespace gort {

/// Number of CPUs this process may run on (gc: ncpu). Set by osinit.
extern int32_t Ncpu;
/// The system page size from AT_PAGESZ (gc: physPageSize).
extern uintptr_t PhysPageSize;
/// The size of a transparent huge page, from
/// /sys/kernel/mm/transparent_hugepage/hpage_pmd_size; 0 if the kernel has
/// none (gc: physHugePageSize). Set by osinit.
extern uintptr_t PhysHugePageSize;
/// The 16 random bytes the kernel passed in AT_RANDOM, kept for the hash
/// seed (gc: startupRandomData). Null if the kernel passed none.
extern const uint8_t *StartupRandomData;

/// Records argc/argv/envp and reads the auxiliary vector from the process's
/// initial stack (gc: args + sysargs). SP points at argc.
void args(uintptr_t *SP);
void osinit();

/// Allocates and initialises a static TLS block for a new thread from the
/// executable's PT_TLS segment and returns the thread-pointer value for it
/// (x86-64 variant II, AArch64 variant I). Touches no TLS itself.
uintptr_t tlsalloc();
/// Sets the calling thread's thread pointer (arch_prctl(ARCH_SET_FS) /
/// msr tpidr_el0). The caller must not touch TLS itself afterwards (the
/// compiler may have computed TLS addresses before the call); only callees.
void settls(uintptr_t TP);

/// Sleeps while *Addr == Val, for at most Ns nanoseconds if Ns >= 0
/// (gc: futexsleep). May wake spuriously.
void futexsleep(uint32_t *Addr, uint32_t Val, int64_t Ns);
/// Wakes up to Cnt threads sleeping on Addr (gc: futexwakeup).
void futexwakeup(uint32_t *Addr, uint32_t Cnt);

/// Saved command line and environment (gc: argc, argv; runtime1.cpp).
extern int32_t Argc;
extern char **Argv;
extern char **Envp;

/// Calls Fn(Lo, Hi) for each writable PT_LOAD segment of the executable
/// (its .data, .bss...), found through its program headers: the
/// collector's roots for globals (mgcmark.cpp).
void forEachWritableSegment(void (*Fn)(uintptr_t Lo, uintptr_t Hi));

/// Reads the decimal number at the start of S (gc: the digit loop of
/// atoi64): stores it in *Out and returns the first character after the
/// digits, or returns null if S does not start with a digit or the number
/// exceeds Max. For GOGC, GOMEMLIMIT and GORTDEBUG's values.
const char *readDecimal(const char *S, uint64_t Max, uint64_t *Out);

/// Returns the value of the environment variable Key, or null
/// (gc: gogetenv; runtime1.cpp).
const char *gogetenv(const char *Key);

/// Settings from GORTDEBUG=name=value,... (gc: GODEBUG's dbgvars;
/// runtime1.cpp). Zero unless set; written only by parsedebugvars.
struct DebugVars {
  /// stackcheck=1: check the stack pointer against its segment at every
  /// gort_morestack, preemption, park and yield (stack.cpp).
  int32_t StackCheck;
  /// gctrace=1: a line per collection in gc's format (mgc.cpp). Also
  /// read from GODEBUG, as gc does.
  int32_t GCTrace;
  /// gcstress=N: a collection every N allocations (mgc.cpp).
  int32_t GCStress;
  /// gcpoison=1: fill freed objects with 0xdb bytes (mgcsweep.cpp).
  int32_t GCPoison;
  /// gcserial=1: mark on one thread, without helpers (mgcmark.cpp).
  int32_t GCSerial;
  /// gccheckmark=1: after each mark, mark again from the roots on one
  /// thread and throw if that finds an object the first left unmarked
  /// (mgcmark.cpp). Also read from GODEBUG, as gc does.
  int32_t GCCheckmark;
  /// gcstw=1: every cycle with the world stopped, no concurrent mark
  /// (mgc.cpp).
  int32_t GCStw;
  /// gclimitcap=N: the CPU limiter's bucket holds N microseconds per P
  /// instead of a second (mgclimit.cpp).
  int32_t GCLimitCap;
};
extern DebugVars Debug;
/// Parses GORTDEBUG into Debug. Called once by schedinit.
void parsedebugvars();

} // namespace gort

#endif // GORT_RUNTIME_OS_LINUX_H
