//===- runtime/signal_linux.cpp - Faults and the profiling signal ---------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Faults turned into Go panics or fatal errors (gc: signal_unix.go,
// signal_linux_<goarch>.go, sigpanic in signal_unix.go).
//
// Compiled code checks nil pointers, indexes and divisors explicitly, so a
// fault in it is rare: a nil pointer with an offset too big for the checks'
// assumptions, or a bug. Still, a Go program must never die silently of a
// signal: gc turns SIGSEGV/SIGBUS in Go code into the run-time panic
// "invalid memory address or nil pointer dereference" (with the
// "[signal SIGSEGV: segmentation violation code=... addr=... pc=...]"
// line when it is not recovered), and a fault in the runtime into
// "fatal error: unexpected signal during runtime execution".
//
// How. initsig installs sighandler for SIGSEGV, SIGBUS and SIGFPE with
// SA_ONSTACK: every M gets an alternate signal stack (minitSignals), since
// the faulting goroutine's stack segment may have no room for the kernel's
// signal frame. The handler decides by the faulting PC:
//   - in compiled Go code (outside the runtime's text, which the linker
//     script gathers between __gort_rt_text_start/end) on a user
//     goroutine: record the signal in the G (Sig, SigCode0/1, SigPC) and
//     rewrite the interrupted context so that it *calls* gort_sigpanic from
//     the faulting PC (x86-64: push the PC as a return address; AArch64: put
//     it in the link register), then return from the handler. gort_sigpanic
//     runs on the goroutine's stack like any panicking call, so deferred
//     calls and recover work, and the traceback starts at the faulting
//     function.
//   - anywhere else: fatal, with the signal line.
//
// SIGPROF, the CPU profiler's signal, gets a handler of its own once a
// profile starts (installProfileHandler): it passes the interrupted PC,
// stack pointer and frame pointer to cpuprof.cpp and returns.
//
// Rejected: running the panic on the signal stack (the deferred calls could
// not recover: recovery jumps back into the goroutine's stack while the
// kernel still has a signal frame pending); no handler (a plain SIGSEGV
// death, no message, exit status 139).
//
//===----------------------------------------------------------------------===//

#include "runtime/signal.h"

#include "runtime/abi_entry.h"
#include "runtime/error.h"
#include "runtime/malloc.h"
#include "runtime/panic.h"
#include "runtime/print.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"
#include "runtime/traceback.h"

extern "C" {
[[noreturn]] void gort_sigpanic();
void gort_sigreturn(); // x86-64 restorer (asm_amd64.S)
}

namespace gort {

namespace {

constexpr uintptr_t SignalStackSize = 32 << 10;

/// The kernel's siginfo_t: the fields we read.
struct Siginfo {
  int32_t Signo;
  int32_t Errno;
  int32_t Code;
  int32_t Pad;
  uintptr_t Addr; ///< faulting address (SIGSEGV, SIGBUS, SIGFPE)
};

/// Access to the interrupted context (the kernel's ucontext_t).
#if defined(__x86_64__)
// uc_flags, uc_link, uc_stack (24 bytes), then mcontext's gregs[23]:
// REG_RSP is 15, REG_RIP is 16.
constexpr size_t GregsOffset = 40;
uintptr_t &ctxPC(void *Ctx) {
  return reinterpret_cast<uintptr_t *>(static_cast<char *>(Ctx) +
                                       GregsOffset)[16];
}
uintptr_t &ctxSP(void *Ctx) {
  return reinterpret_cast<uintptr_t *>(static_cast<char *>(Ctx) +
                                       GregsOffset)[15];
}
uintptr_t ctxFP(void *Ctx) { // REG_RBP is 10
  return reinterpret_cast<uintptr_t *>(static_cast<char *>(Ctx) +
                                       GregsOffset)[10];
}
#elif defined(__aarch64__)
// uc_flags, uc_link, uc_stack, uc_sigmask padded to 128 bytes, then the
// 16-byte aligned sigcontext: fault_address, regs[31], sp, pc, pstate.
constexpr size_t SigcontextOffset = 176;
uintptr_t *ctxWords(void *Ctx) {
  return reinterpret_cast<uintptr_t *>(static_cast<char *>(Ctx) +
                                       SigcontextOffset);
}
uintptr_t &ctxPC(void *Ctx) { return ctxWords(Ctx)[1 + 31 + 1]; }
uintptr_t &ctxLR(void *Ctx) { return ctxWords(Ctx)[1 + 30]; }
uintptr_t &ctxSP(void *Ctx) { return ctxWords(Ctx)[1 + 31]; }
uintptr_t ctxFP(void *Ctx) { return ctxWords(Ctx)[1 + 29]; }
#endif

void sighandler(int32_t Sig, Siginfo *Info, void *Ctx) {
  uintptr_t PC = ctxPC(Ctx);
  G *Gp = getgOrNull();
  if (Gp)
    Gp->Sig = 0;
  M *Mp = Gp ? Gp->Mp : nullptr;
  G *User = Mp ? Mp->CurG : nullptr;
  if (Gp && Gp == User && !inRuntimeCode(PC) && Mp->Locks == 0 &&
      Mp->Mallocing == 0 && Mp->Dying == 0) {
    // A fault in Go code: make the goroutine call gort_sigpanic from PC.
    Gp->Sig = uint32_t(Sig);
    Gp->SigCode0 = uintptr_t(uint32_t(Info->Code));
    Gp->SigCode1 = Info->Addr;
    Gp->SigPC = PC;
#if defined(__x86_64__)
    uintptr_t &SP = ctxSP(Ctx);
    SP -= sizeof(uintptr_t);
    *reinterpret_cast<uintptr_t *>(SP) = PC;
#elif defined(__aarch64__)
    ctxLR(Ctx) = PC;
#endif
    ctxPC(Ctx) = reinterpret_cast<uintptr_t>(&gort_sigpanic);
    return;
  }
  // A fault in the runtime (or with no goroutine to blame).
  if (User) {
    User->Sig = uint32_t(Sig);
    User->SigCode0 = uintptr_t(uint32_t(Info->Code));
    User->SigCode1 = Info->Addr;
    User->SigPC = PC;
  }
  fatal("unexpected signal during runtime execution");
}

/// SIGPROF: a CPU profile sample. Asynchronous, so errno-free: nothing here
/// makes a system call.
void sigprofHandler(int32_t, Siginfo *, void *Ctx) {
  cpuProfileSignal(ctxPC(Ctx), ctxSP(Ctx), ctxFP(Ctx));
}

Sigactiont handlerAction(void (*Handler)(int32_t, Siginfo *, void *)) {
  Sigactiont SA = {};
  SA.Handler = reinterpret_cast<uintptr_t>(Handler);
  SA.Flags = SaSiginfo | SaOnstack | SaRestart;
#if defined(__x86_64__)
  SA.Flags |= SaRestorer;
  SA.Restorer = reinterpret_cast<uintptr_t>(&gort_sigreturn);
#endif
  SA.Mask = ~uint64_t(0); // nothing else interrupts the handler
  return SA;
}

} // namespace

/// The signals libgort handles.
constexpr int32_t CaughtSignals[] = {SIGSEGV, SIGBUS, SIGFPE};

void initsig() {
  Sigactiont SA = handlerAction(sighandler);
  for (int32_t Sig : CaughtSignals)
    if (rtSigaction(uintptr_t(Sig), &SA, nullptr, sizeof(uint64_t)) != 0)
      fatal("initsig: rt_sigaction failed");
}

void installProfileHandler() {
  Sigactiont SA = handlerAction(sigprofHandler);
  if (rtSigaction(uintptr_t(SIGPROF), &SA, nullptr, sizeof(uint64_t)) != 0)
    fatal("installProfileHandler: rt_sigaction failed");
}

void clearSignalHandlers() {
  Sigactiont SA = {}; // SIG_DFL
  for (int32_t Sig : CaughtSignals)
    rtSigaction(uintptr_t(Sig), &SA, nullptr, sizeof(uint64_t));
  rtSigaction(uintptr_t(SIGPROF), &SA, nullptr, sizeof(uint64_t));
}

void dieFromSignal(int32_t Sig) {
  Sigactiont SA = {}; // SIG_DFL
  rtSigaction(uintptr_t(Sig), &SA, nullptr, sizeof(uint64_t));
  uint64_t Unblock = uint64_t(1) << (Sig - 1);
  rtSigprocmask(SigUnblock, &Unblock, nullptr, sizeof(uint64_t));
  tgkill(getpid(), gettid(), Sig);
  // The signal is delivered before tgkill returns to this thread; if it
  // is still ignored somehow, exit as gc does.
  exit(2);
}

void minitSignals(M *Mp) {
  if (!Mp->SignalStack) {
    Mp->SignalStack = sysAlloc(SignalStackSize);
    if (!Mp->SignalStack)
      fatal("minitSignals: out of memory for the signal stack");
  }
  Stackt SS = {Mp->SignalStack, 0, SignalStackSize};
  if (syscall6(sysno::Sigaltstack, long(&SS), 0) != 0)
    fatal("minitSignals: sigaltstack failed");
}

} // namespace gort

extern "C" {

void gort_sigpanic() {
  using namespace gort;
  G *Gp = getg();
  switch (Gp->Sig) {
  case SIGBUS:
  case SIGSEGV:
    // gc: a fault near address 0 is a nil dereference.
    if (Gp->SigCode1 < 0x1000)
      gort_gopanic(&ErrorStringType, const_cast<abi::String *>(&MemoryError));
    break;
  case SIGFPE:
    gort_gopanic(&ErrorStringType, const_cast<abi::String *>(&DivideError));
  default:
    break;
  }
  printlock();
  printstring("unexpected fault address ");
  printhex(Gp->SigCode1);
  printstring("\n");
  printunlock();
  fatal("fault");
}

} // extern "C"
