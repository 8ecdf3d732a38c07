//===- runtime/proc.cpp - Start-up, goroutines and (later) the scheduler ---===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Process start-up and the goroutine machinery (gc: proc.go, asm_*.s
// rt0_go). For now there is one M (m0) and one user goroutine (the main
// goroutine); the structures and the sequence are gc's, so the scheduler
// (Ps, run queues per P, more Ms, parking) slots in without redesign.
//
// Start-up, in order (gc: rt0_go, schedinit, newproc, mstart):
//   1. _rt0_<goarch>_linux (rt0/) calls gort_rt0_go(&argc) on the OS stack.
//   2. gort_rt0_go records argv/envp/auxv (args), builds m0's static TLS
//      block (tlsalloc) and installs the thread pointer (settls). It touches
//      no TLS itself; everything after runs in rt0go, a separate function,
//      so no TLS address can have been computed before the thread pointer
//      was set (docs/toolchain.md 0.6).
//   3. rt0go links m0 and g0, gives g0 bounds on the OS stack, sets g = g0,
//      then osinit (CPU count), schedinit (stacks, heap, m0's id).
//   4. newproc1(runtimeMain) makes the main goroutine: goid 1, an 8 KiB
//      first stack segment, a context whose PC is goStart; it goes on the
//      run queue.
//   5. mstart1 records where systemstack calls start on g0 (g0.Sched.SP)
//      and calls schedule, which takes the main goroutine and switches to it
//      (execute, gort_gogo). The g0 frames below that point are dead from
//      then on.
//   6. On the main goroutine, goStart calls runtimeMain: main..init (the
//      compiled package initialisers), main.main, then exit_group(0).
//
// Compiled code provides main..init and main.main, Go functions of type
// `void f(void *ctx)` called with a null context.
//
// Invariants: g is null until step 3 (GReady false; getgOrNull() for code
// that may run that early). m0/g0 are statics; other Gs live on the heap and
// are on AllGs. Locking: Sched.Lock guards the run queue and id counters,
// AllgLock guards AllGs.
//
// The current g is in gort_tls_g on x86-64 (defined here) and in x28 on
// AArch64; see stubs.h.
//
//===----------------------------------------------------------------------===//

#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/os_linux.h"
#include "runtime/panic.h"
#include "runtime/runtime2.h"
#include "runtime/stack.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"

#if defined(__x86_64__)
extern "C" {
__attribute__((tls_model("local-exec"))) constinit thread_local gort::G
    *gort_tls_g = nullptr;
}
#endif

// The compiled program's package initialiser and main function.
extern "C" void mainInit(void *Ctx) __asm__("main..init");
extern "C" void mainMain(void *Ctx) __asm__("main.main");

namespace gort {

M M0;
G G0;
bool GReady;

namespace {

/// Bytes of the OS stack that g0 of m0 may use (gc gives m0's g0 64 KiB).
constexpr uintptr_t G0StackSize = 64 << 10;

/// gc: schedt, the global scheduler state (the part that exists so far).
struct SchedT {
  Mutex Lock;
  G *RunqHead; ///< global run queue, linked through G::SchedLink
  G *RunqTail;
  int32_t RunqSize;
  int64_t GoidGen; ///< last goroutine id handed out
  int64_t MNext;   ///< next M id
};
SchedT Sched;

Mutex AllgLock;
G *AllGs; ///< every G ever created, linked through G::AllLink

M *AllM; ///< every M, linked through M::AllLink (guarded by Sched.Lock)

void runqput(G *Gp) {
  lock(&Sched.Lock);
  Gp->SchedLink = nullptr;
  if (Sched.RunqTail)
    Sched.RunqTail->SchedLink = Gp;
  else
    Sched.RunqHead = Gp;
  Sched.RunqTail = Gp;
  Sched.RunqSize++;
  unlock(&Sched.Lock);
}

G *runqget() {
  lock(&Sched.Lock);
  G *Gp = Sched.RunqHead;
  if (Gp) {
    Sched.RunqHead = Gp->SchedLink;
    if (!Sched.RunqHead)
      Sched.RunqTail = nullptr;
    Sched.RunqSize--;
    Gp->SchedLink = nullptr;
  }
  unlock(&Sched.Lock);
  return Gp;
}

void allgadd(G *Gp) {
  lock(&AllgLock);
  Gp->AllLink = AllGs;
  AllGs = Gp;
  unlock(&AllgLock);
}

void mcommoninit(M *Mp) {
  lock(&Sched.Lock);
  Mp->ID = Sched.MNext++;
  Mp->AllLink = AllM;
  AllM = Mp;
  unlock(&Sched.Lock);
}

void schedinit() {
  stackinit();
  mallocinit();
  mcommoninit(&M0);
}

/// The first function on every goroutine's stack (reached from gort_gogo
/// with Ctxt = the G). Calls the goroutine's function.
[[noreturn]] void goStart(void *Ctxt) {
  G *Gp = static_cast<G *>(Ctxt);
  Gp->StartFn(Gp->StartArg);
  // Only the main goroutine exists yet, and runtimeMain exits the process.
  // Goroutine exit (gc: goexit1/goexit0) arrives with the scheduler.
  fatal("runtime: goroutine returned before goroutine exit exists");
}

/// The main goroutine (gc: runtime.main).
void runtimeMain(void *) {
  mainInit(nullptr);
  mainMain(nullptr);
  exit(0);
}

/// Creates a runnable goroutine that will call Fn(Arg) (gc: newproc1).
/// Runs on the system stack.
G *newproc1(void (*Fn)(void *), void *Arg) {
  G *Gp = static_cast<G *>(mallocgc(sizeof(G), nullptr, true));
  stackinitg(Gp);
  lock(&Sched.Lock);
  Gp->Goid = ++Sched.GoidGen;
  unlock(&Sched.Lock);
  Gp->StartFn = Fn;
  Gp->StartArg = Arg;
  // An initial context that "calls" goStart(Gp) at the top of the stack,
  // with a null return address and frame pointer ending the chain.
#if defined(__x86_64__)
  Gp->Sched.SP = Gp->StackHi - 8; // as after a call: rsp % 16 == 8
  *reinterpret_cast<uintptr_t *>(Gp->Sched.SP) = 0;
#else
  Gp->Sched.SP = Gp->StackHi; // x30 = 0 is set by gogo
#endif
  Gp->Sched.PC = reinterpret_cast<uintptr_t>(&goStart);
  Gp->Sched.BP = 0;
  Gp->Sched.Ctxt = Gp;
  Gp->Sched.Gp = Gp;
  Gp->Status = GRunnable;
  allgadd(Gp);
  return Gp;
}

/// Runs Gp on the current M; does not return (gc: execute).
[[noreturn]] void execute(G *Gp) {
  M *Mp = getg()->Mp;
  Mp->CurG = Gp;
  Gp->Mp = Mp;
  Gp->Status = GRunning;
  gort_gogo(&Gp->Sched);
}

/// Finds a runnable goroutine and runs it (gc: schedule). Runs on g0.
[[noreturn]] void schedule() {
  G *Gp = runqget();
  if (!Gp)
    fatal("all goroutines are asleep - deadlock!");
  execute(Gp);
}

/// gc: mstart1. Everything of g0's stack below this frame is scratch space
/// for systemstack from now on.
[[noreturn]] __attribute__((noinline)) void mstart1() {
  G *Gp = getg();
  Gp->Sched.SP = alignDown(uintptr_t(__builtin_frame_address(0)), 16);
  Gp->Sched.Gp = Gp;
  schedule();
}

/// Steps 3-5 of start-up; see the file comment. Runs after the thread
/// pointer is set, in its own (not inlined) frame.
[[noreturn]] __attribute__((noinline)) void rt0go(uintptr_t *SP) {
  G0.Mp = &M0;
  M0.G0 = &G0;
  uintptr_t Hi = alignDown(uintptr_t(SP), 16);
  G0.StackHi = Hi;
  G0.StackLo = Hi - G0StackSize;
  G0.StackGuard0 = G0.StackLo + abi::StackGuard;
  G0.StackGuard1 = G0.StackGuard0;
  G0.Status = GRunning;
  G0.Sched.SP = Hi;
  G0.Sched.Gp = &G0;
  setg(&G0);
  GReady = true;

  osinit();
  schedinit();
  runqput(newproc1(runtimeMain, nullptr));
  mstart1();
}

} // namespace

} // namespace gort

using namespace gort;

/// Steps 1-2 of start-up. SP points at argc on the initial process stack.
extern "C" [[noreturn]] void gort_rt0_go(uintptr_t *SP) {
  args(SP);
  uintptr_t TP = tlsalloc();
  M0.TLS = reinterpret_cast<void *>(TP);
  settls(TP);
  rt0go(SP);
}
