//===- runtime/sys_linux.h - Raw Linux system calls --------------*- C++
//-*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Raw system calls for x86-64 and AArch64 Linux, without libc (gc:
// sys_linux_amd64.s, sys_linux_arm64.s, defs_linux_*.go). Each wrapper is an
// inline function over one `syscall` / `svc #0` instruction and returns what
// the kernel returns: a non-negative result or a negative errno. The one
// system call that cannot be an inline wrapper, clone, is in
// sys_linux_<goarch>.S: its child starts on a new stack with no frame.
//
// Names follow gc's where gc has one (write1, exit, exitThread, mmap, munmap,
// madvise, futex, rtSigaction for rt_sigaction, rtSigprocmask, osyield,
// nanotime, usleep), otherwise the system call's name in lowerCamel.
//
// Calling convention:
//   x86-64:  nr in rax; args in rdi, rsi, rdx, r10, r8, r9; result in rax;
//            the instruction clobbers rcx and r11.
//   AArch64: nr in x8; args in x0..x5; result in x0.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_SYS_LINUX_H
#define GORT_RUNTIME_SYS_LINUX_H

#include <stddef.h>
#include <stdint.h>

namespace gort {

// System call numbers (asm/unistd_64.h; asm-generic/unistd.h for AArch64).
namespace sysno {
#if defined(__x86_64__)
constexpr long Close = 3;
constexpr long Read = 0;
constexpr long Lseek = 8;
constexpr long Openat = 257;
constexpr long Write = 1;
constexpr long Mmap = 9;
constexpr long Munmap = 11;
constexpr long Mprotect = 10;
constexpr long RtSigaction = 13;
constexpr long RtSigprocmask = 14;
constexpr long SchedYield = 24;
constexpr long Madvise = 28;
constexpr long Nanosleep = 35;
constexpr long Getpid = 39;
constexpr long Clone = 56;
constexpr long Exit = 60;
constexpr long ArchPrctl = 158;
constexpr long Gettid = 186;
constexpr long Futex = 202;
constexpr long SchedGetaffinity = 204;
constexpr long ClockGettime = 228;
constexpr long ExitGroup = 231;
constexpr long Tgkill = 234;
constexpr long Sigaltstack = 131;
constexpr long RtSigreturn = 15;
constexpr long Getrandom = 318;
constexpr long EpollCtl = 233;
constexpr long EpollPwait = 281;
constexpr long EpollCreate1 = 291;
constexpr long Setitimer = 38;
#elif defined(__aarch64__)
constexpr long Close = 57;
constexpr long Read = 63;
constexpr long Lseek = 62;
constexpr long Openat = 56;
constexpr long Write = 64;
constexpr long Mmap = 222;
constexpr long Munmap = 215;
constexpr long Mprotect = 226;
constexpr long RtSigaction = 134;
constexpr long RtSigprocmask = 135;
constexpr long SchedYield = 124;
constexpr long Madvise = 233;
constexpr long Nanosleep = 101;
constexpr long Getpid = 172;
constexpr long Clone = 220;
constexpr long Exit = 93;
constexpr long Gettid = 178;
constexpr long Futex = 98;
constexpr long SchedGetaffinity = 123;
constexpr long ClockGettime = 113;
constexpr long ExitGroup = 94;
constexpr long Tgkill = 131;
constexpr long Sigaltstack = 132;
constexpr long RtSigreturn = 139;
constexpr long Getrandom = 278;
constexpr long EpollCtl = 21;
constexpr long EpollPwait = 22;
constexpr long EpollCreate1 = 20;
constexpr long Setitimer = 103;
#else
#error "unsupported architecture"
#endif
} // namespace sysno

// Constants (gc: defs_linux_*.go).
constexpr int32_t ProtNone = 0x0;
constexpr int32_t ProtRead = 0x1;
constexpr int32_t ProtWrite = 0x2;
constexpr int32_t MapPrivate = 0x02;
constexpr int32_t MapFixed = 0x10;
constexpr int32_t MapAnon = 0x20;
constexpr int32_t MadvDontneed = 4;
constexpr int32_t MadvHugepage = 14;
constexpr int32_t MadvNohugepage = 15;

constexpr int32_t FutexWait = 0; ///< shared: what CLONE_CHILD_CLEARTID wakes
constexpr int32_t FutexWaitPrivate = 0 | 128;
constexpr int32_t FutexWakePrivate = 1 | 128;

constexpr int32_t ClockRealtime = 0;
constexpr int32_t ClockMonotonic = 1;

constexpr int32_t SigBlock = 0;
constexpr int32_t SigUnblock = 1;
constexpr int32_t SigSetmask = 2;

constexpr int32_t ArchSetFS = 0x1002;

constexpr uint64_t CloneVM = 0x100;
constexpr uint64_t CloneFS = 0x200;
constexpr uint64_t CloneFiles = 0x400;
constexpr uint64_t CloneSighand = 0x800;
constexpr uint64_t CloneThread = 0x10000;
constexpr uint64_t CloneSysvsem = 0x40000;
constexpr uint64_t CloneSettls = 0x80000;
constexpr uint64_t CloneParentSettid = 0x100000;
constexpr uint64_t CloneChildCleartid = 0x200000;

constexpr int32_t EINTR = 4;
constexpr int32_t EAGAIN = 11;
constexpr int32_t ENOMEM = 12;
constexpr int32_t EINVAL = 22;
constexpr int32_t ETIMEDOUT = 110;

constexpr int32_t SIGBUS = 7;
constexpr int32_t SIGFPE = 8;
constexpr int32_t SIGSEGV = 11;
constexpr int32_t SIGPIPE = 13;
constexpr int32_t SIGPROF = 27;

/// setitimer(2)'s timer of the process's CPU time, which sends SIGPROF.
constexpr long ItimerProf = 2;
/// The kernel's struct itimerval: the period, then the first expiry, each
/// as seconds and microseconds.
struct Itimerval {
  long IntervalSec, IntervalUsec;
  long ValueSec, ValueUsec;
};

constexpr uint64_t SaSiginfo = 0x4;
constexpr uint64_t SaOnstack = 0x08000000;
constexpr uint64_t SaRestorer = 0x04000000;
constexpr uint64_t SaRestart = 0x10000000;

/// The kernel's stack_t, for sigaltstack(2).
struct Stackt {
  void *Sp;
  int32_t Flags;
  uintptr_t Size;
};

/// struct timespec.
struct Timespec {
  int64_t Sec;
  int64_t Nsec;
};

/// The kernel's struct sigaction (not glibc's): the same layout on x86-64
/// and AArch64. On x86-64 a handler needs SA_RESTORER and a Restorer that
/// calls rt_sigreturn.
struct Sigactiont {
  uintptr_t Handler;
  uint64_t Flags;
  uintptr_t Restorer;
  uint64_t Mask; ///< the kernel's sigset_t: 64 signals, 8 bytes
};

/// Raw system call with up to six arguments.
inline long syscall6(long N, long A1 = 0, long A2 = 0, long A3 = 0, long A4 = 0,
                     long A5 = 0, long A6 = 0) {
#if defined(__x86_64__)
  long Ret;
  register long R10 __asm__("r10") = A4;
  register long R8 __asm__("r8") = A5;
  register long R9 __asm__("r9") = A6;
  __asm__ volatile("syscall"
                   : "=a"(Ret)
                   : "a"(N), "D"(A1), "S"(A2), "d"(A3), "r"(R10), "r"(R8),
                     "r"(R9)
                   : "rcx", "r11", "memory");
  return Ret;
#else
  register long X8 __asm__("x8") = N;
  register long X0 __asm__("x0") = A1;
  register long X1 __asm__("x1") = A2;
  register long X2 __asm__("x2") = A3;
  register long X3 __asm__("x3") = A4;
  register long X4 __asm__("x4") = A5;
  register long X5 __asm__("x5") = A6;
  __asm__ volatile("svc #0"
                   : "+r"(X0)
                   : "r"(X8), "r"(X1), "r"(X2), "r"(X3), "r"(X4), "r"(X5)
                   : "memory");
  return X0;
#endif
}

/// write(2). Returns bytes written or -errno.
inline int32_t write1(uintptr_t Fd, const void *P, int32_t N) {
  return int32_t(syscall6(sysno::Write, long(Fd), long(P), N));
}

/// openat(2) of Path relative to the working directory, read-only (gc:
/// open with _O_RDONLY). Returns the descriptor or -errno.
inline int32_t openRead(const char *Path) {
  constexpr long AtFdcwd = -100;
  return int32_t(syscall6(sysno::Openat, AtFdcwd, long(Path), /*O_RDONLY=*/0));
}

/// read(2). Returns bytes read or -errno.
inline int32_t read(int32_t Fd, void *P, int32_t N) {
  return int32_t(syscall6(sysno::Read, Fd, long(P), N));
}

/// close(2) (gc: closefd).
inline int32_t closefd(int32_t Fd) {
  return int32_t(syscall6(sysno::Close, Fd));
}

/// exit_group(2): ends the process.
[[noreturn]] inline void exit(int32_t Code) {
  for (;;)
    syscall6(sysno::ExitGroup, Code);
}

/// exit(2): ends the calling thread only.
[[noreturn]] inline void exitThread(int32_t Code) {
  for (;;)
    syscall6(sysno::Exit, Code);
}

struct MmapResult {
  void *P;     ///< valid if Err == 0
  int32_t Err; ///< errno, or 0
};

/// mmap(2) (gc returns the same pair).
inline MmapResult mmap(void *Addr, uintptr_t N, int32_t Prot, int32_t Flags,
                       int32_t Fd, uint32_t Off) {
  long R = syscall6(sysno::Mmap, long(Addr), long(N), Prot, Flags, Fd, Off);
  if (uintptr_t(R) > uintptr_t(-4096))
    return {nullptr, int32_t(-R)};
  return {reinterpret_cast<void *>(R), 0};
}

inline int32_t munmap(void *Addr, uintptr_t N) {
  return int32_t(syscall6(sysno::Munmap, long(Addr), long(N)));
}

inline int32_t mprotect(void *Addr, uintptr_t N, int32_t Prot) {
  return int32_t(syscall6(sysno::Mprotect, long(Addr), long(N), Prot));
}

inline int32_t madvise(void *Addr, uintptr_t N, int32_t Advice) {
  return int32_t(syscall6(sysno::Madvise, long(Addr), long(N), Advice));
}

/// futex(2). Returns 0, the number woken, or -errno.
inline int32_t futex(void *Addr, int32_t Op, uint32_t Val, const Timespec *TS,
                     void *Addr2, uint32_t Val3) {
  return int32_t(syscall6(sysno::Futex, long(Addr), Op, long(Val), long(TS),
                          long(Addr2), long(Val3)));
}

/// rt_sigaction(2). Size is the size of the kernel's sigset_t (8).
inline int32_t rtSigaction(uintptr_t Sig, const Sigactiont *New,
                           Sigactiont *Old, uintptr_t Size) {
  return int32_t(syscall6(sysno::RtSigaction, long(Sig), long(New), long(Old),
                          long(Size)));
}

/// rt_sigprocmask(2). Size is the size of the kernel's sigset_t (8).
inline int32_t rtSigprocmask(int32_t How, const uint64_t *New, uint64_t *Old,
                             int32_t Size) {
  return int32_t(
      syscall6(sysno::RtSigprocmask, How, long(New), long(Old), Size));
}

/// sched_getaffinity(2). Returns the number of bytes of mask written.
inline int32_t schedGetaffinity(int32_t Pid, uintptr_t Len, uint8_t *Buf) {
  return int32_t(syscall6(sysno::SchedGetaffinity, Pid, long(Len), long(Buf)));
}

inline int32_t clockGettime(int32_t Clock, Timespec *TS) {
  return int32_t(syscall6(sysno::ClockGettime, Clock, long(TS)));
}

inline int32_t nanosleep(const Timespec *Req, Timespec *Rem) {
  return int32_t(syscall6(sysno::Nanosleep, long(Req), long(Rem)));
}

/// getrandom(2). Returns the number of bytes written or -errno.
inline intptr_t getrandom(void *Buf, uintptr_t N, uint32_t Flags) {
  return syscall6(sysno::Getrandom, long(Buf), long(N), long(Flags));
}

/// struct epoll_event: packed on x86-64 (12 bytes), naturally aligned on
/// AArch64 (16 bytes). Data is the kernel's opaque 64-bit cookie.
#if defined(__x86_64__)
struct __attribute__((packed)) EpollEvent {
  uint32_t Events;
  uint64_t Data;
};
static_assert(sizeof(EpollEvent) == 12);
#else
struct EpollEvent {
  uint32_t Events;
  uint32_t Pad;
  uint64_t Data;
};
static_assert(sizeof(EpollEvent) == 16);
#endif

constexpr uint32_t EpollIn = 0x1;
constexpr uint32_t EpollOut = 0x4;
constexpr uint32_t EpollErr = 0x8;
constexpr uint32_t EpollHup = 0x10;
constexpr uint32_t EpollRdhup = 0x2000;
constexpr uint32_t EpollEt = 0x80000000u;
constexpr int32_t EpollCtlAdd = 1;
constexpr int32_t EpollCtlDel = 2;
constexpr int32_t EpollCloexec = 0x80000;

/// epoll_create1(2). Returns the descriptor or -errno.
inline int32_t epollCreate1(int32_t Flags) {
  return int32_t(syscall6(sysno::EpollCreate1, Flags));
}

/// epoll_ctl(2). Returns 0 or -errno.
inline int32_t epollCtl(int32_t Epfd, int32_t Op, int32_t Fd, EpollEvent *Ev) {
  return int32_t(syscall6(sysno::EpollCtl, Epfd, Op, Fd, long(Ev)));
}

/// epoll_pwait(2) with the thread's signal mask (AArch64 has no
/// epoll_wait). TimeoutMs < 0 waits forever. Returns the number of events
/// or -errno.
inline int32_t epollWait(int32_t Epfd, EpollEvent *Evs, int32_t N,
                         int32_t TimeoutMs) {
  return int32_t(syscall6(sysno::EpollPwait, Epfd, long(Evs), N, TimeoutMs,
                          /*sigmask=*/0, /*sigsetsize=*/8));
}

/// sched_yield(2) (gc: osyield).
inline void osyield() { syscall6(sysno::SchedYield); }

inline int32_t gettid() { return int32_t(syscall6(sysno::Gettid)); }
inline int32_t getpid() { return int32_t(syscall6(sysno::Getpid)); }
inline int32_t tgkill(int32_t Pid, int32_t Tid, int32_t Sig) {
  return int32_t(syscall6(sysno::Tgkill, Pid, Tid, Sig));
}

#if defined(__x86_64__)
/// arch_prctl(2), x86-64 only (ARCH_SET_FS sets the thread pointer).
inline int32_t archPrctl(int32_t Code, uintptr_t Addr) {
  return int32_t(syscall6(sysno::ArchPrctl, Code, long(Addr)));
}
#endif

/// Monotonic clock in nanoseconds (gc: nanotime).
inline int64_t nanotime() {
  Timespec TS = {0, 0};
  clockGettime(ClockMonotonic, &TS);
  return TS.Sec * 1000000000 + TS.Nsec;
}

/// Wall clock in nanoseconds since 1970 (gc: walltime).
inline int64_t walltime() {
  Timespec TS = {0, 0};
  clockGettime(ClockRealtime, &TS);
  return TS.Sec * 1000000000 + TS.Nsec;
}

/// Sleeps for at least Usec microseconds (gc: usleep).
inline void usleep(uint32_t Usec) {
  Timespec TS = {int64_t(Usec / 1000000), int64_t(Usec % 1000000) * 1000};
  nanosleep(&TS, nullptr);
}

} // namespace gort

/// clone(2) for a new thread (sys_linux_<goarch>.S). The child starts on
/// Stack (16-byte aligned top of its stack) with the thread pointer Tls if
/// Flags has CLONE_SETTLS, calls Fn(Arg) with an empty frame-pointer chain,
/// and exits the thread (SYS_exit, not exit_group) with status 0 if Fn
/// returns. Ptid/Ctid are used as the kernel's CLONE_PARENT_SETTID and
/// CLONE_CHILD_CLEARTID words. Returns the child's tid in the parent, or
/// -errno. The two architectures pass Ctid and Tls to the kernel in opposite
/// orders; the wrapper hides that.
extern "C" long gort_clone(uint64_t Flags, void *Stack, int32_t *Ptid,
                           int32_t *Ctid, void *Tls, void (*Fn)(void *),
                           void *Arg);

#endif // GORT_RUNTIME_SYS_LINUX_H
