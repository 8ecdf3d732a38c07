//===- runtime/stdlib_syscall.cpp - Runtime services for syscall and os
//----===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The functions that packages syscall, os and internal/poll declare
// without bodies and gc's runtime pushes to them by //go:linkname (gc:
// proc.go syscall_*, os_linux.go, netpoll.go poll_runtime_*, sema.go),
// under the packages' symbols with the Go calling convention of
// libgort/abi.h (a closure context first). Those that are easier said in
// Go are Go, in runtime/go/syscall.go; RawSyscall6 and rawVforkSyscall,
// whose stack use must be nil, are assembly (sys_linux_<goarch>.S).
//
// entersyscall/exitsyscall are proc.cpp's, so a goroutine blocked in a
// system call gives its P away as in gc.
//
// Forking (syscall.forkExec): BeforeFork blocks every signal and
// AfterFork restores the mask (gc: syscall_runtime_BeforeFork), so no
// handler runs in the child before it has reset the signals libgort
// catches to their default (AfterForkInChild, gc: clearSignalHandlers).
// BeforeExec/AfterExec take ExecLock, which newm also takes, so no thread
// is being created while a thread execs (gc: execLock).
//
// internal/poll: the poller's functions (runtime_pollOpen and the rest)
// are netpoll.cpp's; its semaphores are here.
//
//===----------------------------------------------------------------------===//

#include "runtime/lock.h"
#include "runtime/os_linux.h"
#include "runtime/panic.h"
#include "runtime/proc.h"
#include "runtime/rand.h"
#include "runtime/runtime2.h"
#include "runtime/sema.h"
#include "runtime/signal.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"

using namespace gort;

namespace {

using abi::Words2;

/// The signal mask before BeforeFork, restored by AfterFork (the forking
/// thread holds its M throughout: syscall.forkExec locks the OS thread).
uint64_t ForkSigMask;

} // namespace

extern "C" {

//===--- syscall ----------------------------------------------------------===//

// The collector scans a goroutine in a system call from the stack pointer
// entersyscall records, conservatively: a heap pointer the caller keeps
// only in a callee-saved register must be on the stack above that point.
// Clobbering them all here makes this frame save them.
void runtimeEntersyscall(void *) __asm__("runtime.entersyscall");
void runtimeEntersyscall(void *) {
#if defined(__x86_64__)
  __asm__ volatile("" : : : "rbx", "r12", "r13", "r14", "r15", "memory");
#elif defined(__aarch64__)
  // x28 holds g and is never allocated.
  __asm__ volatile(""
                   :
                   :
                   : "x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26",
                     "x27", "memory");
#endif
  entersyscall();
}

void runtimeExitsyscall(void *) __asm__("runtime.exitsyscall");
void runtimeExitsyscall(void *) { exitsyscall(); }

// func rawSyscallNoError(trap, a1, a2, a3 uintptr) (r1, r2 uintptr)
Words2
syscallRawSyscallNoError(void *, uintptr_t Trap, uintptr_t A1, uintptr_t A2,
                         uintptr_t A3) __asm__("syscall.rawSyscallNoError");
Words2 syscallRawSyscallNoError(void *, uintptr_t Trap, uintptr_t A1,
                                uintptr_t A2, uintptr_t A3) {
  long R = syscall6(long(Trap), long(A1), long(A2), long(A3));
  return {uintptr_t(R), 0};
}

int64_t syscallGetpagesize(void *) __asm__("syscall.Getpagesize");
int64_t syscallGetpagesize(void *) { return int64_t(PhysPageSize); }

// func gettimeofday(tv *Timeval) (err Errno) (amd64; gc reads the vDSO).
struct Timeval {
  int64_t Sec;
  int64_t Usec;
};
uintptr_t syscallGettimeofday(void *,
                              Timeval *TV) __asm__("syscall.gettimeofday");
uintptr_t syscallGettimeofday(void *, Timeval *TV) {
  int64_t Ns = walltime();
  TV->Sec = Ns / 1000000000;
  TV->Usec = Ns % 1000000000 / 1000;
  return 0;
}

void syscallBeforeFork(void *) __asm__("syscall.runtime_BeforeFork");
void syscallBeforeFork(void *) {
  uint64_t All = ~uint64_t(0);
  rtSigprocmask(SigSetmask, &All, &ForkSigMask, sizeof(uint64_t));
}

void syscallAfterFork(void *) __asm__("syscall.runtime_AfterFork");
void syscallAfterFork(void *) {
  rtSigprocmask(SigSetmask, &ForkSigMask, nullptr, sizeof(uint64_t));
}

void syscallAfterForkInChild(void *) __asm__(
    "syscall.runtime_AfterForkInChild");
void syscallAfterForkInChild(void *) {
  clearSignalHandlers();
  rtSigprocmask(SigSetmask, &ForkSigMask, nullptr, sizeof(uint64_t));
}

void syscallBeforeExec(void *) __asm__("syscall.runtime_BeforeExec");
void syscallBeforeExec(void *) { lock(&ExecLock); }

void syscallAfterExec(void *) __asm__("syscall.runtime_AfterExec");
void syscallAfterExec(void *) { unlock(&ExecLock); }

//===--- os ---------------------------------------------------------------===//

// gc: os_sigpipe. A write to a broken pipe on standard output or error
// ends the program by SIGPIPE, as it would without a Go runtime.
void osSigpipe(void *) __asm__("os.sigpipe");
void osSigpipe(void *) { dieFromSignal(SIGPIPE); }

uint32_t osFastrand(void *) __asm__("os.fastrand");
uint32_t osFastrand(void *) { return fastrand(); }

// gc: net_fastrandu (package net shuffles DNS answers with it).
uint64_t netFastrandu(void *) __asm__("net.fastrandu");
uint64_t netFastrandu(void *) { return fastrand64(); }

//===--- internal/poll ----------------------------------------------------===//

void pollSemacquire(void *,
                    uint32_t *) __asm__("internal/poll.runtime_Semacquire");
void pollSemacquire(void *, uint32_t *Addr) { semacquire(Addr, false); }

void pollSemrelease(void *,
                    uint32_t *) __asm__("internal/poll.runtime_Semrelease");
void pollSemrelease(void *, uint32_t *Addr) { semrelease(Addr, false); }

} // extern "C"
