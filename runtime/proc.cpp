//===- runtime/proc.cpp - Start-up and the goroutine scheduler ------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Process start-up and the G/M/P scheduler (gc: proc.go, whose structure
// and names this file keeps so the two can be read side by side).
//
//   G  a goroutine: a stack (segments, stack.cpp), a saved context (Gobuf)
//      and a status (runtime2.h). Dead Gs keep their first 2 KiB segment
//      and go on per-P free lists for reuse (gfput/gfget).
//   M  an OS thread from raw clone (newosproc), with its own mmap'd g0
//      stack and static TLS block. Idle Ms sleep on their Park note.
//   P  what an M needs to run Go code: a local run queue (sched_runq.cpp),
//      a runnext slot, caches of dead Gs and sudogs, and the MCache that
//      mallocgc uses (it follows the P from M to M: malloc.cpp reads
//      getg()->Mp->Pp->Cache). GOMAXPROCS Ps, default the CPUs we may run
//      on (sched_getaffinity).
//
// Context switches (asm_<goarch>.S): gort_mcall(fn) pushes the callee-saved
// registers on the goroutine's stack, saves SP/FP and a resume PC in
// G::Sched, switches to g0 and calls fn(G); gort_gogo(&G::Sched) loads them
// back (and g: the TLS slot gort_tls_g on x86-64, x28 on AArch64) and
// jumps. A goroutine that resumes on another M finds g through the same
// TLS slot / register, so nothing caches a thread-specific address.
//
// schedule (on g0), in order (gc: schedule, findRunnable):
//   1. Every 61st tick, one G from the global queue (fairness).
//   2. runnext, then the local run queue.
//   3. The global run queue (a fair share moves to the local queue).
//   4. Due sleep timers (the clock is read only if something sleeps).
//   5. The network poller, without blocking, if goroutines wait for I/O
//      and no M is blocked in it (netpoll.cpp).
//   6. Spinning: if fewer than half the busy Ps have a spinning M, steal
//      half of another P's queue (four passes over the Ps in a random
//      coprime order; the last also steals runnext).
//   7. Give the P back (idle list) and, if this M was spinning, re-check
//      every P's queue once (the last spinning M must not miss work that
//      arrived meanwhile).
//   8. If goroutines wait for I/O and no other M does, block in the
//      poller, then run what it returns on an idle P; else stopm: park
//      the M on its note until startm hands it a P.
// Work that appears (goready, newproc, a system call ending) calls wakep,
// which starts one spinning M if a P is idle and nobody spins already; a
// spinning M that finds work calls wakep again (resetspinning). So idle Ps
// cost nothing and a burst of work fans out one M at a time.
//
// Parking: gopark(unlockf, lock, reason) mcalls park_m, which marks the G
// waiting and only then runs unlockf on g0 (releasing e.g. the channel
// lock), so a waker that takes the lock always finds the G parked. goready
// makes it runnable in the waker's runnext. Gosched and preemption put the
// G on the global queue; goexit puts it on the P's free list.
//
// System calls: entersyscall marks the P PSyscall but leaves it attached;
// exitsyscall takes it back with one CAS if nobody took it, else any idle
// P, else queues the G and parks the M. sysmon retakes a P stuck in a call
// for more than one of its ticks (20us-10ms) when there is other work, and
// after 10ms in any case (handoffp). entersyscallblock hands off at once.
//
// sysmon (its own M, no P): sleeps 20us, doubling after 1ms without work
// up to 10ms (or less, to wake for the next timer), and deep-sleeps while
// every P is idle. Each tick it retakes Ps from system calls and asks a G
// that has run for 10ms (same P schedtick) to yield: G::Preempt and
// StackGuard0 = abi::StackPreempt make its next prologue check fail, and
// gort_stack_reserve (stack.cpp) sees the request and calls gort_gopreempt
// (gopreempt_m) before resuming. Loops poll the same word once per
// iteration (codegen/preempt_poll.cpp, gort_preempt_poll), so loops without
// calls yield too; a stop-the-world (GOMAXPROCS, the collector) sets the
// same request on every running G. When a timer is due it wakes an idle P
// (wakep) or flags TimersDue for the busy ones. If nobody has polled the
// network for 10ms, it polls and queues the goroutines that are ready.
//
// Timers (timeSleep, the runtime side of time.Sleep, and package time's
// Timers and Tickers: time.startTimer, stopTimer, resetTimer, modTimer):
// one global min-heap of (deadline, G or *runtimeTimer) under TimerLock;
// a runtimeTimer records its heap index in its pp field, so it can be
// removed or moved in O(log n). Only an M holding a P takes due timers off
// it (findRunnable), so a G on its way from the heap to a run queue is
// always on a running M and checkdead never sees a half-woken sleeper;
// checkdead treats a non-empty heap as "not dead". Package time's timer
// functions (sendTime, goFunc) are called there, on g0 with TimerLock
// released, as gc calls them from its scheduler. gc keeps timers per P
// and lets netpoll sleep until the next one; here sysmon's adaptive sleep
// does that job, so nothing needs to interrupt a blocked poller.
//
// Deadlock: an M that goes idle (mput) runs checkdead. If every M is idle
// (sysmon does not count), no G is in a system call or a timer sleep, and
// some G is waiting, nothing can ever run again: "fatal error: all
// goroutines are asleep - deadlock!" and one gc-style header per goroutine
// ("goroutine 1 [chan receive]:"), exit status 2. A thread without a P
// that makes Gs runnable (sysmon with the poller's, a mark helper with
// parked assists) counts itself as a running M meanwhile
// (incidlelocked(-1), as gc's sysmon does), or checkdead could run between
// its taking them and their being queued.
//
// Start-up, in order (gc: rt0_go, schedinit, newproc, mstart):
//   1. _rt0_<goarch>_linux (rt0/) calls gort_rt0_go(&argc) on the OS stack.
//   2. gort_rt0_go records argv/envp/auxv (args), builds m0's static TLS
//      block (tlsalloc) and installs the thread pointer (settls). It touches
//      no TLS itself; everything after runs in rt0go, a separate function,
//      so no TLS address can have been computed before the thread pointer
//      was set (docs/toolchain.md 0.6).
//   3. rt0go links m0 and g0, gives g0 bounds on the OS stack, sets g = g0,
//      then osinit (CPU count), schedinit (stacks, heap, hash key and
//      fastrand seed, m0's id, procresize(GOMAXPROCS): the Ps with their
//      MCaches, P 0 bound to m0).
//   4. newproc1(runtimeMain) makes the main goroutine (goid 1).
//   5. mstart1 records where system-stack calls start on g0 (g0.Sched.SP)
//      and calls schedule, which runs the main goroutine.
//   6. runtimeMain starts sysmon, runs main..init (the compiled package
//      initialisers), main.main, then exit_group(0): other goroutines are
//      abandoned, as in gc.
//
// Invariants: Mp->Pp->Mp == Mp whenever Mp->Pp is set. A G is on at most
// one run queue or free list. G status changes only through casgstatus.
// Sched.NMSpinning counts Ms with Spinning set. An M holding runtime locks
// (M::Locks > 0) never parks or switches goroutines; runtime C++ has no
// prologue checks, so a goroutine is preempted only inside compiled code.
// Lock order, outermost first: channel locks, Sched.Lock, Sched.GFreeLock /
// Sched.SudogLock / TimerLock, AllgLock, then the allocator's and printing
// locks.
//
// Entry points: gort_rt0_go (rt0), gort_newproc (compiled code),
// gort_gopreempt (gort_stack_reserve), gort_gosched, gort_numgoroutine,
// gort_gomaxprocs, gort_goexit_current (package runtime's functions,
// runtime_pkg.cpp and panic.cpp's runtime.Goexit).
//
// Rejected: one global run queue under one lock (every switch would take
// it; gc's per-P rings with stealing scale); an M per goroutine (100 000
// goroutines would need 100 000 threads); signals for preemption (gc's
// async preemption needs safe points in call-free loops that LLVM does not
// describe; the prologue poison and the loops' polls cover every loop).
//
//===----------------------------------------------------------------------===//

#include "runtime/proc.h"

#include "runtime/abi_entry.h"
#include "runtime/alg.h"
#include "runtime/atomic.h"
#include "runtime/error.h"
#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/mcache.h"
#include "runtime/mgc.h"
#include "runtime/mprof.h"
#include "runtime/netpoll.h"
#include "runtime/os_linux.h"
#include "runtime/panic.h"
#include "runtime/print.h"
#include "runtime/rand.h"
#include "runtime/runtime2.h"
#include "runtime/signal.h"
#include "runtime/stack.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"
#include "runtime/traceback.h"

#if defined(__x86_64__)
extern "C" {
__attribute__((tls_model(
    "local-exec"))) constinit thread_local gort::G *gort_tls_g = nullptr;
}
#endif

// The compiled program's package initialiser and main function.
extern "C" void mainInit(void *Ctx) __asm__("main..init");
// Package runtime's Go side (runtime/go), part of every program.
extern "C" void runtimeInit(void *Ctx) __asm__("runtime..init");
extern "C" void mainMain(void *Ctx) __asm__("main.main");

/// What a package's initialisation calls instead of a map variable's
/// outlined initialiser when the link found nothing that uses the variable
/// (codegen/staticinit.cpp, tools/gortc/deadcode.cpp): nothing.
extern "C" __attribute__((used)) void gort_skipInit(void *) {}

namespace gort {

M M0;
G G0;
bool GReady;
P *AllP[MaxGomaxprocs];
int32_t Gomaxprocs;
uint32_t SysmonPreemptOff;
bool MainStarted;

namespace {

/// Bytes of the OS stack that g0 of m0 may use (gc gives m0's g0 64 KiB).
constexpr uintptr_t G0StackSize = 64 << 10;
/// g0 stack of the other Ms (gc: 16 KiB; runtime C++ frames are bigger
/// than gc's, and fatal errors print from g0).
constexpr uintptr_t MG0StackSize = 64 << 10;
constexpr uintptr_t GuardPageSize = 4096;
/// Goroutine ids a P takes from Sched.GoidGen at a time (gc:
/// _GoidCacheBatch).
constexpr uint64_t GoidCacheBatch = 16;
/// A G that has run this long is asked to yield (gc: forcePreemptNS).
constexpr int64_t ForcePreemptNS = 10 * 1000 * 1000;
/// sysmon's longest deep sleep (gc: forcegcperiod / 2).
constexpr int64_t SysmonMaxSleepNS = 60LL * 1000 * 1000 * 1000;
/// Dead Gs a P keeps before moving half to the global list (gc: 64, 32).
constexpr int32_t GFreeMax = 64;
constexpr int32_t GFreeKeep = 32;

Mutex AllgLock;
G *AllGs; ///< every G ever created, oldest first, via G::AllLink
G *AllGsTail;
uint32_t AllGLen; ///< atomic: length of AllGs

M *AllM; ///< every M, linked through M::AllLink (guarded by Sched.Lock)

/// P 0, which m0 holds at start-up.
P P0;

/// GOMAXPROCS requested by gomaxprocs, applied when the world restarts.
int32_t NewProcs;
/// 1 while a goroutine stops the world (gc: worldsema); atomic.
uint32_t WorldSema;

/// Stealing order (gc: randomOrder): walk the Ps from a random start with a
/// random step coprime to their count, so every P is visited once.
uint32_t StealCount;
uint32_t StealCoprimes[MaxGomaxprocs];
uint32_t NStealCoprimes;

//===--- Small helpers ----------------------------------------------------===//

/// The current M (gc: getg().m). Only valid until the next goroutine
/// switch: a goroutine may resume on another M.
inline M *curM() { return getg()->Mp; }

uint32_t gcd(uint32_t A, uint32_t B) {
  while (B != 0) {
    uint32_t T = A % B;
    A = B;
    B = T;
  }
  return A;
}

void stealOrderReset(uint32_t Count) {
  StealCount = Count;
  NStealCoprimes = 0;
  for (uint32_t I = 1; I <= Count; I++)
    if (gcd(I, Count) == 1)
      StealCoprimes[NStealCoprimes++] = I;
}

const char *const WaitReasonStrings[] = {
    "",
    "chan receive (nil chan)",
    "chan send (nil chan)",
    "select",
    "select (no cases)",
    "chan receive",
    "chan send",
    "sleep",
    "semacquire",
    "panicwait",
    "preempted",
    "sync.Cond.Wait",
    "finalizer wait",
    "IO wait",
    "GC worker (idle)",
    "GC assist wait",
};
static_assert(sizeof(WaitReasonStrings) / sizeof(WaitReasonStrings[0]) ==
              size_t(WaitReason::GCAssistWait) + 1);

/// gc: gStatusStrings.
const char *const GStatusStrings[] = {
    "idle", "runnable", "running", "syscall", "waiting", "dead", "dead",
};

//===--- Gs ---------------------------------------------------------------===//

void allgadd(G *Gp) {
  lock(&AllgLock);
  Gp->AllLink = nullptr;
  if (AllGsTail)
    AllGsTail->AllLink = Gp;
  else
    AllGs = Gp;
  AllGsTail = Gp;
  atomic::xadd(&AllGLen, 1u);
  unlock(&AllgLock);
}

/// Puts a dead G on Pp's free list, spilling to the global one (gc: gfput).
void gfput(P *Pp, G *Gp) {
  if (readgstatus(Gp) != GDead)
    fatal("gfput: bad status (not Gdead)");
  Gp->SchedLink = Pp->GFree;
  Pp->GFree = Gp;
  Pp->GFreeCnt++;
  if (Pp->GFreeCnt >= GFreeMax) {
    lock(&Sched.GFreeLock);
    while (Pp->GFreeCnt >= GFreeKeep) {
      G *X = Pp->GFree;
      Pp->GFree = X->SchedLink;
      Pp->GFreeCnt--;
      X->SchedLink = Sched.GFree;
      Sched.GFree = X;
      Sched.NGFree++;
    }
    unlock(&Sched.GFreeLock);
  }
}

/// Takes a dead G from Pp's free list, refilling it from the global one;
/// null if there is none (gc: gfget). It has its first stack segment,
/// unless it was on the global list during a collection (shrinkStacks).
G *gfget(P *Pp) {
  if (!Pp->GFree && atomic::load(&Sched.NGFree) != 0) {
    lock(&Sched.GFreeLock);
    while (Pp->GFreeCnt < GFreeKeep && Sched.GFree) {
      G *X = Sched.GFree;
      Sched.GFree = X->SchedLink;
      Sched.NGFree--;
      X->SchedLink = Pp->GFree;
      Pp->GFree = X;
      Pp->GFreeCnt++;
    }
    unlock(&Sched.GFreeLock);
  }
  G *Gp = Pp->GFree;
  if (!Gp)
    return nullptr;
  Pp->GFree = Gp->SchedLink;
  Pp->GFreeCnt--;
  Gp->SchedLink = nullptr;
  return Gp;
}

/// Moves Pp's free Gs to the global list (gc: gfpurge).
void gfpurge(P *Pp) {
  lock(&Sched.GFreeLock);
  while (G *X = Pp->GFree) {
    Pp->GFree = X->SchedLink;
    Pp->GFreeCnt--;
    X->SchedLink = Sched.GFree;
    Sched.GFree = X;
    Sched.NGFree++;
  }
  unlock(&Sched.GFreeLock);
}

/// Bytes allocated per G: a size class that keeps Gs 64-byte aligned, so
/// the fields a switch touches stay in G's first two cache lines.
constexpr uintptr_t GAllocSize = 256;
static_assert(sizeof(G) <= GAllocSize);

/// A new G with its first stack segment (gc: malg). System stack.
G *malg(uintptr_t StackSize) {
  G *Gp = static_cast<G *>(mallocgc(GAllocSize, nullptr, true));
  stackinitg(Gp, StackSize);
  return Gp;
}

/// The first function on every goroutine's stack (reached from gort_gogo
/// with Ctxt = the G). Calls the goroutine's function, then exits it. Its
/// symbol is gc's name for the bottom frame of every goroutine, as
/// runtime.Callers reports it (traceback.cpp).
[[noreturn]] void goStart(void *Ctxt) __asm__("runtime.goexit");
[[noreturn]] void goStart(void *Ctxt) {
  G *Gp = static_cast<G *>(Ctxt);
  Gp->StartFn(Gp->StartArg);
  goexit1();
}

/// Creates a runnable G that will call Fn(Arg) (gc: newproc1), with a first
/// segment of StackSize bytes if it is a new one. System stack, with a P.
G *newproc1(void (*Fn)(void *), void *Arg, uintptr_t StackSize = StackMin) {
  P *Pp = curM()->Pp;
  G *Gp = StackSize == StackMin ? gfget(Pp) : nullptr;
  if (!Gp) {
    Gp = malg(StackSize);
    casgstatus(Gp, GIdle, GDead);
    gcNewG(Gp);
    allgadd(Gp);
  } else if (!Gp->Seg) {
    stackinitg(Gp); // the collector freed its stack (shrinkStacks)
  }
  Gp->StartFn = Fn;
  Gp->StartArg = Arg;
  gcNewGoroutine(Gp);
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
  // Param, Waiting, Reason... are zero: fresh from malg, or cleared by
  // goexit0.
  if (Pp->GoidCache == Pp->GoidCacheEnd) {
    // Ids in batches, so goroutine creation does not contend on GoidGen.
    Pp->GoidCache = atomic::xadd(&Sched.GoidGen, GoidCacheBatch);
    Pp->GoidCache -= GoidCacheBatch - 1;
    Pp->GoidCacheEnd = Pp->GoidCache + GoidCacheBatch;
  }
  Gp->Goid = int64_t(Pp->GoidCache++);
  casgstatus(Gp, GDead, GRunnable);
  return Gp;
}

//===--- Ms ---------------------------------------------------------------===//

void checkmcount() {
  // Sched.Lock held.
  if (Sched.MNext - Sched.NMFreed > Sched.MaxMCount) {
    printlock();
    printstring("runtime: program exceeds ");
    printint(Sched.MaxMCount);
    printstring("-thread limit\n");
    printunlock();
    fatal("thread exhaustion");
  }
}

/// Returns the next M id (gc: mReserveID). Sched.Lock held.
int64_t mReserveID() {
  int64_t ID = Sched.MNext++;
  checkmcount();
  return ID;
}

int32_t mcount() { return int32_t(Sched.MNext - Sched.NMFreed); }

/// gc: mcommoninit. ID < 0 reserves a new id.
void mcommoninit(M *Mp, int64_t ID) {
  lock(&Sched.Lock);
  Mp->ID = ID >= 0 ? ID : mReserveID();
  fastrandinitM(Mp);
  Mp->NextSample = nextSample(Mp);
  recordCreateStack(Mp);
  Mp->AllLink = AllM;
  AllM = Mp;
  unlock(&Sched.Lock);
}

void mstart1();

/// First C++ function of a new thread (gort_clone's Fn): set g = g0 before
/// anything reads it (x28 still holds the parent's g on AArch64; the TLS
/// slot is zero on x86-64), then start scheduling.
[[noreturn]] void mstartNew(void *Arg) {
  M *Mp = static_cast<M *>(Arg);
  setg(Mp->G0);
  mstart1();
  __builtin_unreachable();
}

/// Creates the OS thread for Mp (gc: newosproc): raw clone onto Mp's g0
/// stack with a fresh static TLS block.
void newosproc(M *Mp) {
  uintptr_t TP = tlsalloc();
  Mp->TLS = reinterpret_cast<void *>(TP);
  uint64_t Flags = CloneVM | CloneFS | CloneFiles | CloneSighand | CloneThread |
                   CloneSysvsem | CloneSettls;
  // No thread starts while another execs (syscall.Exec holds ExecLock).
  lock(&ExecLock);
  long R = gort_clone(Flags, reinterpret_cast<void *>(Mp->G0->StackHi), nullptr,
                      nullptr, reinterpret_cast<void *>(TP), mstartNew, Mp);
  unlock(&ExecLock);
  if (R < 0) {
    printlock();
    printstring("runtime: failed to create new OS thread (have ");
    printint(mcount());
    printstring(" already; errno=");
    printint(-R);
    printstring(")\n");
    printunlock();
    fatal("newosproc");
  }
}

/// Allocates an M with a g0 and its stack (gc: allocm). ID < 0: reserve.
M *allocm(P *Pp, void (*Fn)(), int64_t ID) {
  M *Mp = static_cast<M *>(persistentalloc(sizeof(M), 64));
  Mp->MStartFn = Fn;
  mcommoninit(Mp, ID);
  G *G0p = static_cast<G *>(persistentalloc(sizeof(G), 64));
  uintptr_t Size = MG0StackSize + GuardPageSize;
  MmapResult R =
      mmap(nullptr, Size, ProtRead | ProtWrite, MapPrivate | MapAnon, -1, 0);
  if (R.Err != 0)
    fatal("runtime: cannot allocate a thread stack");
  uintptr_t Lo = uintptr_t(R.P);
  mprotect(R.P, GuardPageSize, ProtNone); // overflow faults, never corrupts
  Mp->G0StackLo = Lo;
  Mp->G0StackSize = Size;
  G0p->StackLo = Lo + GuardPageSize;
  G0p->StackHi = Lo + Size;
  G0p->StackGuard0 = G0p->StackLo + abi::StackGuard;
  G0p->StackGuard1 = G0p->StackGuard0;
  G0p->Sched.SP = G0p->StackHi;
  G0p->Sched.Gp = G0p;
  G0p->Status = GRunning;
  G0p->IsSystem = true;
  G0p->Mp = Mp;
  Mp->G0 = G0p;
  Mp->NextP = Pp;
  return Mp;
}

/// Starts a new M that will run Fn (if any) and then Pp (gc: newm).
void newm(void (*Fn)(), P *Pp, int64_t ID) {
  M *Mp = allocm(Pp, Fn, ID);
  newosproc(Mp);
}

void mspinning() { curM()->Spinning = true; }

//===--- Ps ---------------------------------------------------------------===//

/// gc: wirep. Binds Pp to the current M.
void wirep(P *Pp) {
  M *Mp = curM();
  if (Mp->Pp)
    fatal("wirep: already in go");
  if (Pp->Mp || atomic::load(&Pp->Status) != PIdle) {
    printlock();
    printstring("wirep: p->m=");
    printpointer(Pp->Mp);
    printstring(" p->status=");
    printuint(Pp->Status);
    printnl();
    printunlock();
    fatal("wirep: invalid p state");
  }
  Mp->Pp = Pp;
  Pp->Mp = Mp;
  atomic::store(&Pp->Status, PRunning);
}

/// gc: acquirep. The P's MCache comes with it (malloc.cpp reads
/// Mp->Pp->Cache).
void acquirep(P *Pp) { wirep(Pp); }

/// gc: releasep.
P *releasep() {
  M *Mp = curM();
  P *Pp = Mp->Pp;
  if (!Pp || Pp->Mp != Mp || atomic::load(&Pp->Status) != PRunning)
    fatal("releasep: invalid p state");
  Mp->Pp = nullptr;
  Pp->Mp = nullptr;
  atomic::store(&Pp->Status, PIdle);
  return Pp;
}

/// Puts Pp on the idle list (gc: pidleput). Sched.Lock held.
void pidleput(P *Pp) {
  if (!runqempty(Pp))
    fatal("pidleput: P has non-empty run queue");
  Pp->Link = Sched.PIdle;
  Sched.PIdle = Pp;
  atomic::xadd(&Sched.NPIdle, 1u);
}

/// Takes an idle P (gc: pidleget). Sched.Lock held.
P *pidleget() {
  P *Pp = Sched.PIdle;
  if (Pp) {
    Sched.PIdle = Pp->Link;
    atomic::xadd(&Sched.NPIdle, uint32_t(-1));
  }
  return Pp;
}

/// Puts Mp on the idle list and checks for deadlock (gc: mput). Sched.Lock
/// held.
void checkdead();
void mput(M *Mp) {
  Mp->SchedLink = Sched.MIdle;
  Sched.MIdle = Mp;
  Sched.NMIdle++;
  checkdead();
}

/// gc: mget. Sched.Lock held.
M *mget() {
  M *Mp = Sched.MIdle;
  if (Mp) {
    Sched.MIdle = Mp->SchedLink;
    Sched.NMIdle--;
  }
  return Mp;
}

} // namespace

void clearpools() {
  // The pools are lists linked through their records, which live in the
  // heap. A concurrent mark scans the records while the pool code relinks
  // them without write barriers, and could lose the rest of a list; so,
  // as gc does, the pools start each cycle empty and what they held is
  // garbage, unless in use.
  lock(&Sched.SudogLock);
  Sched.SudogCache = nullptr;
  unlock(&Sched.SudogLock);
  for (M *Mp = allm(); Mp; Mp = Mp->AllLink) {
    Mp->DeferPool = nullptr;
    Mp->DeferPoolLen = 0;
  }
}

namespace {

/// Frees what a P being removed by procresize holds (gc: p.destroy):
/// its Gs go to the global queues, its caches back to their owners.
void destroyP(P *Pp) {
  uint32_t N = 0;
  GQueue Q = runqdrain(Pp, &N);
  if (N)
    globrunqputbatch(&Q, int32_t(N));
  gfpurge(Pp);
  lock(&Sched.SudogLock);
  while (Pp->SudogCnt > 0) {
    Sudog *S = Pp->SudogCache[--Pp->SudogCnt];
    S->Next = Sched.SudogCache;
    Sched.SudogCache = S;
  }
  unlock(&Sched.SudogLock);
  if (Pp->Cache) {
    freemcache(Pp->Cache);
    Pp->Cache = nullptr;
  }
  atomic::store(&Pp->Status, PDead);
}

/// Changes the number of Ps to NProcs (gc: procresize). Sched.Lock held
/// and the world stopped (or start-up). The current M keeps its P if it
/// survives, else takes P 0. Returns the Ps with local work, each with an
/// idle M to run it if there was one; the others go on the idle list.
P *procresize(int32_t NProcs) {
  int32_t Old = Gomaxprocs;
  if (NProcs <= 0 || NProcs > MaxGomaxprocs)
    fatal("procresize: invalid arg");
  for (int32_t I = 0; I < NProcs; I++) {
    P *Pp = AllP[I];
    if (!Pp) {
      Pp = I == 0 ? &P0 : static_cast<P *>(persistentalloc(sizeof(P), 64));
      Pp->ID = I;
      Pp->Status = PGCStop;
      atomic::store(&AllP[I], Pp);
    }
    if (!Pp->Cache)
      Pp->Cache = allocmcache();
    if (atomic::load(&Pp->Status) == PDead)
      atomic::store(&Pp->Status, PGCStop);
  }
  M *Mp = curM();
  if (Mp->Pp && Mp->Pp->ID < NProcs) {
    atomic::store(&Mp->Pp->Status, PRunning);
  } else {
    if (Mp->Pp) {
      Mp->Pp->Mp = nullptr;
      Mp->Pp = nullptr;
    }
    P *Pp = AllP[0];
    Pp->Mp = nullptr;
    atomic::store(&Pp->Status, PIdle);
    acquirep(Pp);
  }
  for (int32_t I = NProcs; I < Old; I++)
    destroyP(AllP[I]);
  atomic::store(&Gomaxprocs, NProcs);
  stealOrderReset(uint32_t(NProcs));

  P *Runnable = nullptr;
  for (int32_t I = NProcs - 1; I >= 0; I--) {
    P *Pp = AllP[I];
    if (Mp->Pp == Pp)
      continue;
    atomic::store(&Pp->Status, PIdle);
    if (runqempty(Pp)) {
      pidleput(Pp);
    } else {
      Pp->Mp = mget();
      Pp->Link = Runnable;
      Runnable = Pp;
    }
  }
  return Runnable;
}

//===--- Starting and stopping Ms -----------------------------------------===//

/// Parks the current M until startm gives it a P (gc: stopm). g0.
void stopm() {
  M *Mp = curM();
  if (Mp->Locks)
    fatal("stopm holding locks");
  if (Mp->Pp)
    fatal("stopm holding p");
  if (Mp->Spinning)
    fatal("stopm spinning");
  lock(&Sched.Lock);
  mput(Mp);
  unlock(&Sched.Lock);
  Mp->Blocked = true;
  notesleep(&Mp->Park);
  noteclear(&Mp->Park);
  Mp->Blocked = false;
  acquirep(Mp->NextP);
  Mp->NextP = nullptr;
}

/// Runs Pp (an idle one if null) on an idle or new M; Spinning: the M
/// looks for work and NMSpinning was already incremented for it (gc:
/// startm). g0.
void startm(P *Pp, bool Spinning) {
  lock(&Sched.Lock);
  if (!Pp) {
    Pp = pidleget();
    if (!Pp) {
      unlock(&Sched.Lock);
      if (Spinning &&
          int32_t(atomic::xadd(&Sched.NMSpinning, uint32_t(-1))) < 0)
        fatal("startm: negative nmspinning");
      return;
    }
  }
  M *Nmp = mget();
  if (!Nmp) {
    int64_t ID = mReserveID();
    unlock(&Sched.Lock);
    newm(Spinning ? mspinning : nullptr, Pp, ID);
    return;
  }
  unlock(&Sched.Lock);
  if (Nmp->Spinning)
    fatal("startm: m is spinning");
  if (Nmp->NextP)
    fatal("startm: m has p");
  if (Spinning && !runqempty(Pp))
    fatal("startm: p has runnable gs");
  Nmp->Spinning = Spinning;
  Nmp->NextP = Pp;
  notewakeup(&Nmp->Park);
}

/// Hands off Pp from an M that is blocking (gc: handoffp). g0.
void handoffp(P *Pp) {
  // Local or global work: start an M right away.
  if (!runqempty(Pp) || atomic::load(&Sched.RunqSize) != 0) {
    startm(Pp, false);
    return;
  }
  // No spinning or idle M to find work later: become a spinning one.
  if (atomic::load(&Sched.NMSpinning) + atomic::load(&Sched.NPIdle) == 0 &&
      atomic::cas(&Sched.NMSpinning, 0u, 1u)) {
    startm(Pp, true);
    return;
  }
  lock(&Sched.Lock);
  if (atomic::load(&Sched.GCWaiting)) {
    atomic::store(&Pp->Status, PGCStop);
    if (--Sched.StopWait == 0)
      notewakeup(&Sched.StopNote);
    unlock(&Sched.Lock);
    return;
  }
  if (Sched.RunqSize != 0) {
    unlock(&Sched.Lock);
    startm(Pp, false);
    return;
  }
  pidleput(Pp);
  unlock(&Sched.Lock);
}

/// Starts a spinning M if a P is idle and nobody spins (gc: wakep). g0.
void wakep() {
  if (atomic::load(&Sched.NPIdle) == 0)
    return;
  if (atomic::load(&Sched.NMSpinning) != 0 ||
      !atomic::cas(&Sched.NMSpinning, 0u, 1u))
    return;
  startm(nullptr, true);
}

/// gc: resetspinning. The M found work: stop spinning and let another M
/// look for more.
void resetspinning() {
  M *Mp = curM();
  if (!Mp->Spinning)
    fatal("resetspinning: not a spinning m");
  Mp->Spinning = false;
  if (int32_t(atomic::xadd(&Sched.NMSpinning, uint32_t(-1))) < 0)
    fatal("findrunnable: negative nmspinning");
  wakep();
}

/// Stops the current M for stop-the-world (gc: gcstopm). g0.
void gcstopm() {
  M *Mp = curM();
  if (!atomic::load(&Sched.GCWaiting))
    fatal("gcstopm: not waiting for gc");
  if (Mp->Spinning) {
    Mp->Spinning = false;
    if (int32_t(atomic::xadd(&Sched.NMSpinning, uint32_t(-1))) < 0)
      fatal("gcstopm: negative nmspinning");
  }
  P *Pp = releasep();
  lock(&Sched.Lock);
  atomic::store(&Pp->Status, PGCStop);
  if (--Sched.StopWait == 0)
    notewakeup(&Sched.StopNote);
  unlock(&Sched.Lock);
  stopm();
}

/// Makes the Gs of Q runnable (gc: injectglist): on the current P's queue
/// if there is one, else globally, starting Ms for idle Ps. g0.
void injectglist(GQueue *Q, int32_t N) {
  if (Q->empty())
    return;
  for (G *Gp = Q->Head; Gp; Gp = Gp->SchedLink)
    casgstatus(Gp, GWaiting, GRunnable);
  P *Pp = curM()->Pp;
  if (!Pp) {
    lock(&Sched.Lock);
    globrunqputbatch(Q, N);
    unlock(&Sched.Lock);
    for (; N > 0 && atomic::load(&Sched.NPIdle) != 0; N--)
      startm(nullptr, false);
    return;
  }
  while (G *Gp = Q->pop())
    runqput(Pp, Gp, false);
  wakep();
}

//===--- Timers -----------------------------------------------------------===//

/// A timer: a sleeping goroutine (Gp) or one of package time's (T).
struct TimerEntry {
  int64_t When;
  G *Gp;
  GoTimer *T;
};

Mutex TimerLock;
TimerEntry *Timers; ///< a binary min-heap on When, under TimerLock
uint32_t NTimers;
uint32_t CapTimers;
} // namespace

void incidlelocked(int32_t V) {
  lock(&Sched.Lock);
  Sched.NMIdleLocked += V;
  if (V > 0)
    checkdead();
  unlock(&Sched.Lock);
}

void readyFromAnyM(G *Gp) {
  GQueue Q = {};
  Q.push(Gp);
  injectglist(&Q, 1);
}

void timerRoots(void (*ScanBlock)(uintptr_t Lo, uintptr_t Hi)) {
  // The heap's array is a heap object, but the timer code moves entries
  // about in it without write barriers: a concurrent mark's start scans it
  // whole, with the world stopped, as a root.
  if (Timers)
    ScanBlock(uintptr_t(Timers), uintptr_t(Timers + CapTimers));
}

namespace {

/// When of the earliest timer, or 0: read without the lock to skip the
/// clock when nothing sleeps.
int64_t TimerNext;
/// Set by sysmon when a timer is due: the next schedule on any P runs
/// timers before anything else (atomic).
uint32_t TimersDue;

/// The latest time a timer can have (gc: maxWhen).
constexpr int64_t MaxWhen = INT64_MAX;

void setTimer(uint32_t I, const TimerEntry &E) {
  Timers[I] = E;
  if (E.T)
    E.T->PP = I + 1;
}

void siftUpTimer(uint32_t I) {
  TimerEntry E = Timers[I];
  while (I > 0) {
    uint32_t Parent = (I - 1) / 2;
    if (Timers[Parent].When <= E.When)
      break;
    setTimer(I, Timers[Parent]);
    I = Parent;
  }
  setTimer(I, E);
}

void siftDownTimer(uint32_t I) {
  TimerEntry E = Timers[I];
  for (;;) {
    uint32_t K = 2 * I + 1;
    if (K >= NTimers)
      break;
    if (K + 1 < NTimers && Timers[K + 1].When < Timers[K].When)
      K++;
    if (E.When <= Timers[K].When)
      break;
    setTimer(I, Timers[K]);
    I = K;
  }
  setTimer(I, E);
}

/// Adds E to the heap; returns whether it is now the earliest. Under
/// TimerLock; allocates when the heap grows.
bool pushTimer(const TimerEntry &E) {
  if (NTimers == CapTimers) {
    uint32_t Cap = CapTimers ? CapTimers * 2 : 64;
    TimerEntry *New = static_cast<TimerEntry *>(
        mallocgc(Cap * sizeof(TimerEntry), nullptr, false));
    for (uint32_t I = 0; I < NTimers; I++)
      New[I] = Timers[I];
    Timers = New;
    CapTimers = Cap;
  }
  Timers[NTimers++] = E;
  siftUpTimer(NTimers - 1);
  return Timers[0].Gp == E.Gp && Timers[0].T == E.T;
}

/// Removes the entry at I. Under TimerLock.
void removeTimerAt(uint32_t I) {
  if (Timers[I].T)
    Timers[I].T->PP = 0;
  uint32_t Last = --NTimers;
  if (I == Last)
    return;
  setTimer(I, Timers[Last]);
  siftDownTimer(I);
  siftUpTimer(I);
}

/// Publishes the earliest deadline and releases TimerLock; wakes sysmon,
/// which may be in a deep sleep computed from a later deadline, if the
/// timer just added is the earliest.
void timersChanged(bool Earliest) {
  atomic::store(&TimerNext, NTimers ? Timers[0].When : int64_t(0));
  unlock(&TimerLock);
  if (Earliest) {
    lock(&Sched.Lock);
    if (atomic::load(&Sched.SysmonWait)) {
      atomic::store(&Sched.SysmonWait, 0u);
      notewakeup(&Sched.SysmonNote);
    }
    unlock(&Sched.Lock);
  }
}

/// Adds a timer that readies Gp at When. g0 (allocates).
void addtimer(int64_t When, G *Gp) {
  lock(&TimerLock);
  timersChanged(pushTimer(TimerEntry{When, Gp, nullptr}));
}

/// Adds package time's timer T at T->When (gc: addtimer). A negative When
/// (an overflow) means never.
void addGoTimer(GoTimer *T) {
  if (T->When < 0)
    T->When = MaxWhen;
  timersChanged(pushTimer(TimerEntry{T->When, nullptr, T}));
}

/// Removes T if it is in the heap (gc: deltimer); returns whether it was.
bool delGoTimer(GoTimer *T) {
  if (!T->PP)
    return false;
  removeTimerAt(uint32_t(T->PP - 1));
  return true;
}

/// A due timer's call, made once TimerLock is released.
struct TimerCall {
  const abi::FuncVal *F;
  abi::Eface Arg;
  uintptr_t Seq;
};

/// Takes the timers due at Now: sleeping goroutines become runnable on the
/// current P; package time's timers are called (gc: runtimer; their
/// functions, sendTime and goFunc, are short and never block) and, if
/// periodic, rescheduled. g0, with a P.
void runtimers(int64_t Now) {
  GQueue Q = {nullptr, nullptr};
  int32_t N = 0;
  constexpr unsigned MaxCalls = 8;
  TimerCall Calls[MaxCalls];
  for (;;) {
    unsigned NCalls = 0;
    lock(&TimerLock);
    while (NTimers > 0 && Timers[0].When <= Now && NCalls < MaxCalls) {
      TimerEntry E = Timers[0];
      if (E.Gp) {
        Q.pushBack(E.Gp);
        N++;
        removeTimerAt(0);
        continue;
      }
      GoTimer *T = E.T;
      Calls[NCalls++] = TimerCall{T->F, T->Arg, T->Seq};
      if (T->Period > 0) {
        // The next tick after Now (gc: runOneTimer).
        int64_t Delta = T->When - Now;
        int64_t When = T->When + T->Period * (1 + -Delta / T->Period);
        T->When = When < 0 ? MaxWhen : When;
        Timers[0].When = T->When;
        siftDownTimer(0);
      } else {
        removeTimerAt(0);
      }
    }
    bool More = NCalls == MaxCalls;
    atomic::store(&TimerNext, NTimers ? Timers[0].When : int64_t(0));
    if (!More)
      atomic::store(&TimersDue, 0u);
    unlock(&TimerLock);
    for (unsigned I = 0; I < NCalls; I++)
      reinterpret_cast<TimerFn>(Calls[I].F->Fn)(
          Calls[I].F, Calls[I].Arg.Typ, Calls[I].Arg.Data, Calls[I].Seq);
    if (!More)
      break;
  }
  injectglist(&Q, N);
}

/// Runs due timers if there may be any; cheap when nothing sleeps.
void checkTimers() {
  int64_t Next = atomic::load(&TimerNext);
  if (Next == 0)
    return;
  int64_t Now = nanotime();
  if (Next <= Now)
    runtimers(Now);
}

bool timerParkCommit(G *Gp, void *When) {
  addtimer(*static_cast<int64_t *>(When), Gp);
  return true;
}

//===--- Scheduling -------------------------------------------------------===//

/// Runs Gp on the current M; does not return (gc: execute). InheritTime:
/// Gp continues the current time slice (runnext), so the P's schedtick,
/// which sysmon watches for long runs, does not advance.
[[noreturn]] void execute(G *Gp, bool InheritTime) {
  // A concurrent mark scans a stack before its goroutine runs again.
  gcScanBeforeResume(Gp);
  M *Mp = curM();
  Mp->CurG = Gp;
  Gp->Mp = Mp;
  casgstatus(Gp, GRunnable, GRunning);
  Gp->Preempt = false;
  atomic::storeRel(&Gp->StackGuard0, Gp->StackLo + abi::StackGuard);
  if (!InheritTime)
    atomic::storeRelaxed(&Mp->Pp->SchedTick, Mp->Pp->SchedTick + 1);
  gort_gogo(&Gp->Sched);
}

/// Tries to steal a G from other Ps (gc: stealWork). Sets *NewWork if the
/// world is stopping.
G *stealWork(bool *NewWork) {
  P *Pp = curM()->Pp;
  *NewWork = false;
  constexpr int StealTries = 4;
  for (int Try = 0; Try < StealTries; Try++) {
    bool StealRunNext = Try == StealTries - 1;
    uint32_t Count = StealCount;
    uint32_t R = fastrand();
    uint32_t Pos = R % Count;
    uint32_t Inc = StealCoprimes[(R / Count) % NStealCoprimes];
    for (uint32_t K = 0; K < Count; K++, Pos = (Pos + Inc) % Count) {
      if (atomic::load(&Sched.GCWaiting)) {
        *NewWork = true;
        return nullptr;
      }
      P *P2 = atomic::load(&AllP[Pos]);
      if (P2 == Pp || atomic::load(&P2->Status) == PIdle)
        continue;
      if (G *Gp = runqsteal(Pp, P2, StealRunNext))
        return Gp;
    }
  }
  return nullptr;
}

/// After giving up its P, the last spinning M checks every P's queue once
/// more; returns an idle P to run that work with (gc: checkRunqsNoP).
P *checkRunqsNoP() {
  int32_t N = atomic::load(&Gomaxprocs);
  for (int32_t I = 0; I < N; I++) {
    P *P2 = atomic::load(&AllP[I]);
    if (atomic::load(&P2->Status) != PIdle && !runqempty(P2)) {
      lock(&Sched.Lock);
      P *Pp = pidleget();
      unlock(&Sched.Lock);
      return Pp;
    }
  }
  return nullptr;
}

/// Of the N > 0 Gs the poller readied (still waiting), returns the first,
/// runnable, for this M to run, and queues the rest (gc: findRunnable's
/// list.pop and injectglist). g0, with a P.
G *runFirstReady(GQueue *Q, int32_t N) {
  G *Gp = Q->pop();
  injectglist(Q, N - 1);
  casgstatus(Gp, GWaiting, GRunnable);
  return Gp;
}

/// Finds a runnable G, parking the M until there is one (gc:
/// findRunnable; steps 1-8 of the file comment). g0, with a P.
G *findRunnable(bool *InheritTime) {
  M *Mp = curM();
top:
  P *Pp = Mp->Pp;
  *InheritTime = false;
  if (atomic::load(&Sched.GCWaiting)) {
    gcstopm();
    goto top;
  }
  // Timers sysmon found due while every P was busy.
  if (atomic::load(&TimersDue))
    runtimers(nanotime());
  // 1. Fairness: now and then the global queue first.
  if (Pp->SchedTick % 61 == 0 && atomic::load(&Sched.RunqSize) > 0) {
    lock(&Sched.Lock);
    G *Gp = globrunqget(Pp, 1);
    unlock(&Sched.Lock);
    if (Gp)
      return Gp;
  }
  // 2. Local.
  if (G *Gp = runqget(Pp, InheritTime))
    return Gp;
  // 3. Global.
  if (atomic::load(&Sched.RunqSize) != 0) {
    lock(&Sched.Lock);
    G *Gp = globrunqget(Pp, 0);
    unlock(&Sched.Lock);
    if (Gp)
      return Gp;
  }
  // 4. Timers (reading the clock only if something sleeps).
  if (atomic::load(&TimerNext) != 0) {
    checkTimers();
    if (G *Gp = runqget(Pp, InheritTime))
      return Gp;
  }
  // 5. The poller, without blocking, if goroutines wait in it and no M
  // blocks in it already (that one gets the events).
  if (netpollinited() && atomic::load(&NetpollWaiters) > 0 &&
      atomic::load(&Sched.LastPoll) != 0) {
    GQueue Q = {nullptr, nullptr};
    if (int32_t N = netpoll(0, &Q))
      return runFirstReady(&Q, N);
  }
  // 6. Steal, if not too many Ms spin already.
  uint32_t Procs = uint32_t(atomic::load(&Gomaxprocs));
  if (Mp->Spinning || 2 * atomic::load(&Sched.NMSpinning) <
                          Procs - atomic::load(&Sched.NPIdle)) {
    if (!Mp->Spinning) {
      Mp->Spinning = true;
      atomic::xadd(&Sched.NMSpinning, 1u);
    }
    bool NewWork;
    if (G *Gp = stealWork(&NewWork))
      return Gp;
    if (NewWork)
      goto top;
  }
  // 7. Nothing: give up the P.
  lock(&Sched.Lock);
  if (atomic::load(&Sched.GCWaiting)) {
    unlock(&Sched.Lock);
    goto top;
  }
  if (Sched.RunqSize != 0) {
    G *Gp = globrunqget(Pp, 0);
    unlock(&Sched.Lock);
    return Gp;
  }
  if (releasep() != Pp)
    fatal("findrunnable: wrong p");
  pidleput(Pp);
  unlock(&Sched.Lock);

  if (Mp->Spinning) {
    // Work that arrived between our last check and NMSpinning dropping
    // would find no spinning M to wake: look once more (gc's "delicate
    // dance").
    Mp->Spinning = false;
    if (int32_t(atomic::xadd(&Sched.NMSpinning, uint32_t(-1))) < 0)
      fatal("findrunnable: negative nmspinning");
    if (P *P2 = checkRunqsNoP()) {
      acquirep(P2);
      Mp->Spinning = true;
      atomic::xadd(&Sched.NMSpinning, 1u);
      goto top;
    }
  }
  // 8. Block in the poller if goroutines wait in it and no other M does;
  // run what it returns on an idle P, or queue it globally if there is
  // none (gc: findRunnable's netpoll(delay)).
  if (netpollinited() && atomic::load(&NetpollWaiters) > 0 &&
      atomic::xchg(&Sched.LastPoll, int64_t(0)) != 0) {
    GQueue Q = {nullptr, nullptr};
    int32_t N = netpoll(-1, &Q);
    atomic::store(&Sched.LastPoll, nanotime());
    lock(&Sched.Lock);
    P *P2 = pidleget();
    unlock(&Sched.Lock);
    if (!P2) {
      injectglist(&Q, N);
    } else {
      acquirep(P2);
      if (N > 0)
        return runFirstReady(&Q, N);
      goto top;
    }
  }
  stopm();
  goto top;
}

/// One round of scheduling: find a G and run it (gc: schedule). g0.
[[noreturn]] void schedule() {
  M *Mp = curM();
  if (Mp->Locks)
    fatal("schedule: holding locks");
  bool InheritTime;
  G *Gp = findRunnable(&InheritTime);
  if (Mp->Spinning)
    resetspinning();
  execute(Gp, InheritTime);
}

/// Detaches the current M from its user G (gc: dropg).
void dropg() {
  M *Mp = curM();
  if (Mp->CurG) {
    Mp->CurG->Mp = nullptr;
    Mp->CurG = nullptr;
  }
}

/// gopark's continuation on g0 (gc: park_m).
void parkM(G *Gp) {
  if (Debug.StackCheck)
    stackcheckg(Gp, Gp->Sched.SP);
  M *Mp = curM();
  casgstatus(Gp, GRunning, GWaiting);
  dropg();
  if (bool (*Fn)(G *, void *) = Mp->WaitUnlockF) {
    bool Ok = Fn(Gp, Mp->WaitLock);
    Mp->WaitUnlockF = nullptr;
    Mp->WaitLock = nullptr;
    if (!Ok) {
      casgstatus(Gp, GWaiting, GRunnable);
      execute(Gp, true);
    }
  }
  schedule();
}

/// gc: goschedImpl; also gopreempt_m.
void goschedImpl(G *Gp) {
  if (readgstatus(Gp) != GRunning)
    fatal("bad g status");
  if (Debug.StackCheck)
    stackcheckg(Gp, Gp->Sched.SP);
  casgstatus(Gp, GRunning, GRunnable);
  dropg();
  lock(&Sched.Lock);
  globrunqput(Gp);
  unlock(&Sched.Lock);
  schedule();
}

void goschedM(G *Gp) { goschedImpl(Gp); }

/// Preemption at a prologue (gc: gopreempt_m).
void gopreemptM(G *Gp) { goschedImpl(Gp); }

/// gc: goexit0. The G is dead; its stack shrinks to the first segment and
/// it goes on the P's free list.
void goexit0(G *Gp) {
  casgstatus(Gp, GRunning, GDead);
  Gp->Reason = WaitReason::Zero;
  Gp->StartFn = nullptr;
  Gp->StartArg = nullptr;
  // Normally clear already (a G that returns has no waits, defers or
  // panics left); Goexit from a deferred call may leave some.
  if (Gp->Waiting || Gp->Param || Gp->Defers || Gp->Panics || Gp->Sig) {
    Gp->Waiting = nullptr;
    Gp->Param = nullptr;
    Gp->Defers = nullptr;
    Gp->Panics = nullptr;
    Gp->Sig = 0;
  }
  dropg();
  stackresetg(Gp);
  gfput(curM()->Pp, Gp);
  schedule();
}

void readyOnSystemStack(void *Arg) {
  G *Gp = static_cast<G *>(Arg);
  casgstatus(Gp, GWaiting, GRunnable);
  runqput(curM()->Pp, Gp, true);
  wakep();
}

struct NewprocArgs {
  void (*Fn)(void *);
  void *Arg;
  uintptr_t GoPC; ///< where the go statement is, for tracebacks
  bool System;    ///< newSystemGoroutine: the G starts hidden
  G *Made;        ///< the G made
};

void newprocOnSystemStack(void *Arg) {
  NewprocArgs *A = static_cast<NewprocArgs *>(Arg);
  G *Gp = newproc1(A->Fn, A->Arg);
  Gp->GoPC = A->GoPC;
  // runtime/pprof's labels pass to the goroutines a goroutine starts.
  G *Creator = curM()->CurG;
  Gp->Labels = Creator && !A->System ? Creator->Labels : nullptr;
  A->Made = Gp;
  if (A->System)
    setSystemGoroutine(Gp, true);
  runqput(curM()->Pp, Gp, true);
  if (MainStarted)
    wakep();
}

bool parkUnlockMutex(G *, void *L) {
  unlock(static_cast<Mutex *>(L));
  return true;
}

//===--- System calls -----------------------------------------------------===//

void entersyscallSysmon(void *) {
  lock(&Sched.Lock);
  if (atomic::load(&Sched.SysmonWait)) {
    atomic::store(&Sched.SysmonWait, 0u);
    notewakeup(&Sched.SysmonNote);
  }
  unlock(&Sched.Lock);
}

void entersyscallGCWait(void *) {
  P *Pp = curM()->OldP;
  lock(&Sched.Lock);
  if (Sched.StopWait > 0 && atomic::cas(&Pp->Status, PSyscall, PGCStop)) {
    Pp->SyscallTick++;
    if (--Sched.StopWait == 0)
      notewakeup(&Sched.StopNote);
  }
  unlock(&Sched.Lock);
}

void entersyscallHandoff(void *) { handoffp(releasep()); }

/// Acquires an idle P after a system call (gc: exitsyscallfast_pidle).
struct PidleResult {
  bool Ok;
};
void exitsyscallPidle(void *Arg) {
  lock(&Sched.Lock);
  P *Pp = pidleget();
  if (Pp && atomic::load(&Sched.SysmonWait)) {
    atomic::store(&Sched.SysmonWait, 0u);
    notewakeup(&Sched.SysmonNote);
  }
  unlock(&Sched.Lock);
  if (Pp)
    acquirep(Pp);
  static_cast<PidleResult *>(Arg)->Ok = Pp != nullptr;
}

/// gc: exitsyscallfast. True if the M has a P again.
bool exitsyscallfast(P *OldP) {
  if (OldP && atomic::load(&OldP->Status) == PSyscall &&
      atomic::cas(&OldP->Status, PSyscall, PIdle)) {
    wirep(OldP);
    return true;
  }
  if (atomic::load(&Sched.PIdle) != nullptr) {
    PidleResult R = {false};
    systemstack(exitsyscallPidle, &R);
    return R.Ok;
  }
  return false;
}

/// No P after a system call: queue the G, park the M (gc: exitsyscall0).
void exitsyscall0(G *Gp) {
  casgstatus(Gp, GSyscall, GRunnable);
  dropg();
  lock(&Sched.Lock);
  P *Pp = pidleget();
  if (!Pp) {
    globrunqput(Gp);
  } else if (atomic::load(&Sched.SysmonWait)) {
    atomic::store(&Sched.SysmonWait, 0u);
    notewakeup(&Sched.SysmonNote);
  }
  unlock(&Sched.Lock);
  if (Pp) {
    acquirep(Pp);
    execute(Gp, false);
  }
  stopm();
  schedule();
}

//===--- sysmon and preemption --------------------------------------------===//

/// Asks the G running on Pp to yield at its next prologue (gc: preemptone).
bool preemptone(P *Pp) {
  M *Mp = Pp->Mp;
  if (!Mp || Mp == curM())
    return false;
  G *Gp = Mp->CurG;
  if (!Gp || Gp == Mp->G0)
    return false;
  Gp->Preempt = true;
  atomic::store(&Gp->StackGuard0, abi::StackPreempt);
  return true;
}

bool preemptall() {
  bool Res = false;
  int32_t N = atomic::load(&Gomaxprocs);
  for (int32_t I = 0; I < N; I++) {
    P *Pp = atomic::load(&AllP[I]);
    if (atomic::load(&Pp->Status) == PRunning && preemptone(Pp))
      Res = true;
  }
  return Res;
}

/// Retakes Ps stuck in system calls and preempts long-running Gs (gc:
/// retake). Returns the number of Ps retaken.
uint32_t retake(int64_t Now) {
  uint32_t N = 0;
  int32_t Procs = atomic::load(&Gomaxprocs);
  for (int32_t I = 0; I < Procs; I++) {
    P *Pp = atomic::load(&AllP[I]);
    if (!Pp)
      continue;
    SysmonTick *Pd = &Pp->Sysmon;
    uint32_t S = atomic::load(&Pp->Status);
    bool SysRetake = false;
    if (S == PRunning || S == PSyscall) {
      uint32_t T = atomic::load(&Pp->SchedTick);
      if (Pd->SchedTick != T) {
        Pd->SchedTick = T;
        Pd->SchedWhen = Now;
      } else if (Pd->SchedWhen + ForcePreemptNS <= Now) {
        if (!atomic::load(&SysmonPreemptOff))
          preemptone(Pp);
        SysRetake = true; // in a system call preemptone cannot help
      }
    }
    if (S == PSyscall) {
      uint32_t T = atomic::load(&Pp->SyscallTick);
      if (!SysRetake && Pd->SyscallTick != T) {
        Pd->SyscallTick = T;
        Pd->SyscallWhen = Now;
        continue;
      }
      // Leave it if there is nothing else to do and someone could take
      // new work anyway, for up to 10ms.
      if (runqempty(Pp) &&
          atomic::load(&Sched.NMSpinning) + atomic::load(&Sched.NPIdle) > 0 &&
          Pd->SyscallWhen + 10 * 1000 * 1000 > Now)
        continue;
      // Count one more running M while the P changes hands, or the M in
      // the system call could exit it, find nothing and report deadlock.
      incidlelocked(-1);
      if (atomic::cas(&Pp->Status, S, PIdle)) {
        N++;
        Pp->SyscallTick++;
        handoffp(Pp);
      }
      incidlelocked(1);
    }
  }
  return N;
}

/// The system monitor (gc: sysmon), on its own M without a P; see the file
/// comment.
void sysmon() {
  lock(&Sched.Lock);
  Sched.NMSys++;
  checkdead();
  unlock(&Sched.Lock);

  uint32_t Idle = 0;
  uint32_t Delay = 0;
  for (;;) {
    if (Idle == 0)
      Delay = 20; // 20us...
    else if (Idle > 50)
      Delay *= 2; // ...doubling after 1ms...
    if (Delay > 10 * 1000)
      Delay = 10 * 1000; // ...up to 10ms
    uint32_t D = Delay;
    if (int64_t Next = atomic::load(&TimerNext)) {
      // Wake up in time for the next timer.
      int64_t Now = nanotime();
      if (Next <= Now)
        D = 0;
      else if ((Next - Now) / 1000 < D)
        D = uint32_t((Next - Now) / 1000) + 1;
    }
    if (D)
      usleep(D);

    int64_t Now = nanotime();
    if (atomic::load(&Sched.GCWaiting) ||
        atomic::load(&Sched.NPIdle) == uint32_t(atomic::load(&Gomaxprocs))) {
      lock(&Sched.Lock);
      if (atomic::load(&Sched.GCWaiting) ||
          atomic::load(&Sched.NPIdle) == uint32_t(atomic::load(&Gomaxprocs))) {
        bool SyscallWake = false;
        int64_t Next = atomic::load(&TimerNext);
        if (Next == 0 || Next > Now) {
          // Deep sleep until a P becomes busy again (or the next timer).
          atomic::store(&Sched.SysmonWait, 1u);
          unlock(&Sched.Lock);
          int64_t Sleep = SysmonMaxSleepNS;
          if (Next != 0 && Next - Now < Sleep)
            Sleep = Next - Now;
          SyscallWake = notetsleep(&Sched.SysmonNote, Sleep);
          lock(&Sched.Lock);
          atomic::store(&Sched.SysmonWait, 0u);
          noteclear(&Sched.SysmonNote);
          Now = nanotime();
        }
        if (SyscallWake) {
          Idle = 0;
          Delay = 20;
        }
      }
      unlock(&Sched.Lock);
    }
    // A timer is due: an M with a P must run it (timers are only ever
    // taken by Ms holding Ps, so a G in transit from the timer heap to a
    // run queue is always on a running M; checkdead relies on that). Wake
    // an idle P, or tell the busy ones to look at their next schedule.
    int64_t Next = atomic::load(&TimerNext);
    if (Next != 0 && Next <= Now) {
      atomic::store(&TimersDue, 1u);
      wakep();
    }
    // Poll if nobody has for 10ms: busy Ps look only when their queues
    // run dry. One more running M is counted while the Gs go out, or an M
    // that finds nothing meanwhile could report a deadlock (gc: sysmon).
    int64_t Last = atomic::load(&Sched.LastPoll);
    if (netpollinited() && Last != 0 && Last + 10 * 1000 * 1000 < Now &&
        atomic::cas(&Sched.LastPoll, Last, Now)) {
      GQueue Q = {nullptr, nullptr};
      if (int32_t N = netpoll(0, &Q)) {
        incidlelocked(-1);
        injectglist(&Q, N);
        incidlelocked(1);
      }
    }
    if (retake(Now) != 0)
      Idle = 0;
    else
      Idle++;
  }
}

} // namespace

void tracebackothers(G *Except) {
  for (G *Gp = AllGs; Gp; Gp = Gp->AllLink) {
    if (Gp == Except || Gp->IsSystem || readgstatus(Gp) == GDead)
      continue;
    printstring("\n");
    printgoroutineheader(Gp);
    if (Gp->Sched.BP)
      traceback(Gp, Gp->Sched.BP);
  }
}

int64_t setMaxThreads(int64_t In) {
  lock(&Sched.Lock);
  int64_t Out = Sched.MaxMCount;
  Sched.MaxMCount = In > INT32_MAX ? INT32_MAX : int32_t(In);
  checkmcount();
  unlock(&Sched.Lock);
  return Out;
}

//===--- Stop the world (GOMAXPROCS, the collector) -----------------------===//

void stopTheWorldWithSema(void *) {
  M *Mp = curM();
  lock(&Sched.Lock);
  Sched.StopWait = atomic::load(&Gomaxprocs);
  atomic::store(&Sched.GCWaiting, 1u);
  preemptall();
  // Our own P.
  atomic::store(&Mp->Pp->Status, PGCStop);
  Sched.StopWait--;
  // Ps in system calls.
  int32_t N = atomic::load(&Gomaxprocs);
  for (int32_t I = 0; I < N; I++) {
    P *Pp = AllP[I];
    if (atomic::load(&Pp->Status) == PSyscall &&
        atomic::cas(&Pp->Status, PSyscall, PGCStop)) {
      Pp->SyscallTick++;
      Sched.StopWait--;
    }
  }
  // Idle Ps.
  while (P *Pp = pidleget()) {
    atomic::store(&Pp->Status, PGCStop);
    Sched.StopWait--;
  }
  bool Wait = Sched.StopWait > 0;
  unlock(&Sched.Lock);
  if (Wait) {
    for (;;) {
      // Wait 100us, then try preempting again.
      if (notetsleep(&Sched.StopNote, 100 * 1000)) {
        noteclear(&Sched.StopNote);
        break;
      }
      preemptall();
    }
  }
  for (int32_t I = 0; I < N; I++)
    if (atomic::load(&AllP[I]->Status) != PGCStop)
      fatal("stopTheWorld: not stopped");
}

void startTheWorldWithSema(void *) { startTheWorldTimed(); }

int64_t startTheWorldTimed() {
  lock(&Sched.Lock);
  int32_t Procs = atomic::load(&Gomaxprocs);
  if (NewProcs != 0) {
    Procs = NewProcs;
    NewProcs = 0;
  }
  P *P1 = procresize(Procs);
  atomic::store(&Sched.GCWaiting, 0u);
  if (atomic::load(&Sched.SysmonWait)) {
    atomic::store(&Sched.SysmonWait, 0u);
    notewakeup(&Sched.SysmonNote);
  }
  unlock(&Sched.Lock);
  while (P1) {
    P *Pp = P1;
    P1 = P1->Link;
    if (M *Mp = Pp->Mp) {
      Pp->Mp = nullptr;
      if (Mp->NextP)
        fatal("startTheWorld: inconsistent mp->nextp");
      Mp->NextP = Pp;
      notewakeup(&Mp->Park);
    } else {
      newm(nullptr, Pp, -1);
    }
  }
  int64_t Started = nanotime();
  wakep();
  return Started;
}

namespace {

//===--- Deadlock ---------------------------------------------------------===//

/// gc's throw for a deadlock as gc's tracebackothers shows it: the
/// message, then every user goroutine's header and frames (walked from the
/// frame record gort_mcall left when it parked). g0.
[[noreturn]] void throwDeadlock(const char *Msg) {
  printlock();
  printstring("fatal error: ");
  printstring(Msg);
  printstring("\n");
  if (tracebackEnabled())
    tracebackothers(nullptr);
  printflush();
  exit(2);
}

/// Throws if no goroutine can ever run again (gc: checkdead). Sched.Lock
/// held.
void checkdead() {
  int32_t Run = mcount() - Sched.NMIdle - Sched.NMIdleLocked - Sched.NMSys;
  if (Run > 0)
    return;
  if (Run < 0) {
    printlock();
    printstring("runtime: checkdead: nmidle=");
    printint(Sched.NMIdle);
    printstring(" nmidlelocked=");
    printint(Sched.NMIdleLocked);
    printstring(" mcount=");
    printint(mcount());
    printstring(" nmsys=");
    printint(Sched.NMSys);
    printnl();
    printunlock();
    unlock(&Sched.Lock);
    fatal("checkdead: inconsistent counts");
  }
  int32_t Waiting = 0;
  for (G *Gp = AllGs; Gp; Gp = Gp->AllLink) {
    if (Gp->IsSystem)
      continue;
    uint32_t S = readgstatus(Gp);
    if (S == GWaiting) {
      Waiting++;
    } else if (S == GRunnable || S == GRunning || S == GSyscall) {
      printlock();
      printstring("runtime: checkdead: find g ");
      printint(Gp->Goid);
      printstring(" in status ");
      printuint(S);
      printnl();
      printunlock();
      unlock(&Sched.Lock);
      fatal("checkdead: runnable g");
    }
  }
  if (Waiting == 0) {
    unlock(&Sched.Lock);
    throwDeadlock("no goroutines (main called runtime.Goexit) - deadlock!");
  }
  // A sleeping goroutine: sysmon wakes an M for it when it is due.
  if (atomic::load(&TimerNext) != 0)
    return;
  // A concurrent mark's helpers (Ms of their own) will wake the assists
  // parked on it and the terminator, which checks again when it parks.
  if (atomic::load(&GCStat.Marking))
    return;
  unlock(&Sched.Lock);
  throwDeadlock("all goroutines are asleep - deadlock!");
}

//===--- Start-up ---------------------------------------------------------===//

void schedinit() {
  Sched.MaxMCount = 10000; // gc's; runtime/debug.SetMaxThreads changes it
  parsedebugvars();
  stackinit();
  mallocinit();
  mprofinit(); // before any M draws a sampling distance
  gcinit();
  alginit();      // maps, hashing and fastrand need it (alg.cpp)
  fastrandinit(); // before mcommoninit (rand.cpp)
  mcommoninit(&M0, -1);
  initsig();
  Sched.LastPoll = nanotime();
  int32_t Procs = Ncpu > 0 ? Ncpu : 1;
  if (const char *S = gogetenv("GOMAXPROCS")) {
    int32_t N = 0;
    bool Ok = *S != 0;
    for (; *S; S++) {
      if (*S < '0' || *S > '9' || N > MaxGomaxprocs) {
        Ok = false;
        break;
      }
      N = N * 10 + (*S - '0');
    }
    if (Ok && N > 0)
      Procs = N;
  }
  if (Procs > MaxGomaxprocs)
    Procs = MaxGomaxprocs;
  lock(&Sched.Lock);
  if (procresize(Procs) != nullptr)
    fatal("unknown runnable goroutine during bootstrap");
  unlock(&Sched.Lock);
}

void sysmonStart(void *) { newm(sysmon, nullptr, -1); }

/// The main goroutine (gc: runtime.main, its symbol too).
void runtimeMain(void *) __asm__("runtime.main");
void runtimeMain(void *) {
  MainStarted = true;
  systemstack(sysmonStart, nullptr);
  runtimeInit(nullptr); // gc: doInit(&runtime_inittask)
  mainInit(nullptr);
  mainMain(nullptr);
  exit(0);
}

/// gc: mstart1. Everything of g0's stack below this frame is scratch space
/// for systemstack and mcall from now on. m0 and cloned Ms.
[[noreturn]] __attribute__((noinline)) void mstart1Impl() {
  G *Gp = getg();
  M *Mp = Gp->Mp;
  Mp->Procid = gettid();
  minitSignals(Mp);
  if (Mp->MStartFn)
    Mp->MStartFn();
  if (Mp != &M0) {
    acquirep(Mp->NextP);
    Mp->NextP = nullptr;
  }
  Gp->Sched.SP = alignDown(uintptr_t(__builtin_frame_address(0)), 16);
  Gp->Sched.Gp = Gp;
  schedule();
}

void mstart1() { mstart1Impl(); }

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
  G0.IsSystem = true;
  G0.Sched.SP = Hi;
  G0.Sched.Gp = &G0;
  setg(&G0);
  GReady = true;

  osinit();
  schedinit();
  G *Main = newproc1(runtimeMain, nullptr, MainStackMin);
  runqput(M0.Pp, Main, true);
  mstart1Impl();
}

} // namespace

//===--- Exported within the runtime --------------------------------------===//

void casgstatus(G *Gp, uint32_t Old, uint32_t New) {
  // Only the M that owns a G's state changes its status (the one running
  // it, parking it, or readying it after winning its sudog), so a checked
  // store-release does what gc's CAS loop does; the loop is there for the
  // collector's scan bit, which this runtime does not have yet. (A locked
  // CAS here cost a quarter of a channel round trip.)
  uint32_t Cur = atomic::loadRelaxed(&Gp->Status);
  if (Cur != Old || Old == New) {
    printlock();
    printstring("runtime: casgstatus: oldval=");
    printuint(Cur);
    printstring(" wanted=");
    printuint(Old);
    printstring(" newval=");
    printuint(New);
    printstring(" goid=");
    printint(Gp->Goid);
    printnl();
    printunlock();
    fatal("casgstatus: bad incoming values");
  }
  atomic::storeRel(&Gp->Status, New);
}

const char *waitReasonString(WaitReason R) {
  size_t I = size_t(R);
  if (I >= sizeof(WaitReasonStrings) / sizeof(WaitReasonStrings[0]))
    return "unknown wait reason";
  return WaitReasonStrings[I];
}

void printgoroutineheader(G *Gp) {
  uint32_t S = readgstatus(Gp);
  const char *Status = S < sizeof(GStatusStrings) / sizeof(GStatusStrings[0])
                           ? GStatusStrings[S]
                           : "???";
  if (S == GWaiting && Gp->Reason != WaitReason::Zero)
    Status = waitReasonString(Gp->Reason);
  printstring("goroutine ");
  printint(Gp->Goid);
  printstring(" [");
  printstring(Status);
  printstring("]:\n");
}

void gopark(bool (*UnlockF)(G *, void *), void *Lock, WaitReason Reason) {
  M *Mp = curM();
  G *Gp = Mp->CurG;
  if (Gp != getg() || readgstatus(Gp) != GRunning)
    fatal("gopark: bad g status");
  Mp->WaitLock = Lock;
  Mp->WaitUnlockF = UnlockF;
  Gp->Reason = Reason;
  gort_mcall(parkM);
}

void goparkunlock(Mutex *L, WaitReason Reason) {
  gopark(parkUnlockMutex, L, Reason);
}

void goready(G *Gp) { systemstack(readyOnSystemStack, Gp); }

int32_t procPin() {
  M *Mp = getg()->Mp;
  Mp->Locks++;
  return Mp->Pp->ID;
}

void procUnpin() { getg()->Mp->Locks--; }

void gosched() { gort_mcall(goschedM); }

void preemptSlow() {
  M *Mp = curM();
  if (Mp->Locks || Mp->Mallocing || Mp->Dying || getg() != Mp->CurG)
    return;
  gort_mcall(gopreemptM);
}

void goexit1() {
  gort_mcall(goexit0);
  __builtin_unreachable();
}

int32_t gcount() {
  int32_t N = int32_t(atomic::load(&AllGLen)) - atomic::load(&Sched.NGFree) -
              atomic::load(&Sched.NGSys);
  int32_t Procs = atomic::load(&Gomaxprocs);
  for (int32_t I = 0; I < Procs; I++)
    N -= atomic::load(&AllP[I]->GFreeCnt);
  // The free lists change under us: never report less than one (gc).
  return N < 1 ? 1 : N;
}

int32_t gomaxprocs(int32_t N) {
  int32_t Ret = atomic::load(&Gomaxprocs);
  if (N <= 0 || N == Ret)
    return Ret;
  if (N > MaxGomaxprocs)
    N = MaxGomaxprocs;
  acquireWorldSema();
  systemstack(stopTheWorldWithSema, nullptr);
  NewProcs = N;
  systemstack(startTheWorldWithSema, nullptr);
  releaseWorldSema();
  return Ret;
}

void acquireWorldSema() {
  // A rare path (GOMAXPROCS, a GC cycle): spin politely.
  while (!atomic::cas(&WorldSema, 0u, 1u))
    gosched();
}

void releaseWorldSema() { atomic::store(&WorldSema, 0u); }

G *allgs() { return AllGs; }

uint32_t allglen() { return atomic::load(&AllGLen); }

G *allgnext(G *Gp) {
  lock(&AllgLock);
  G *Next = Gp ? Gp->AllLink : AllGs;
  unlock(&AllgLock);
  return Next;
}
M *allm() { return AllM; }

void entersyscall() {
  G *Gp = getg();
  M *Mp = Gp->Mp;
  Mp->Locks++;
  Gp->SyscallSP = uintptr_t(__builtin_frame_address(0));
  casgstatus(Gp, GRunning, GSyscall);
  if (atomic::load(&Sched.SysmonWait))
    systemstack(entersyscallSysmon, nullptr);
  P *Pp = Mp->Pp;
  Pp->Mp = nullptr;
  Mp->OldP = Pp;
  Mp->Pp = nullptr;
  atomic::store(&Pp->Status, PSyscall);
  if (atomic::load(&Sched.GCWaiting))
    systemstack(entersyscallGCWait, nullptr);
  Mp->Locks--;
}

void entersyscallblock() {
  G *Gp = getg();
  M *Mp = Gp->Mp;
  Mp->Locks++;
  Gp->SyscallSP = uintptr_t(__builtin_frame_address(0));
  Mp->Pp->SyscallTick++;
  casgstatus(Gp, GRunning, GSyscall);
  Mp->OldP = nullptr;
  systemstack(entersyscallHandoff, nullptr);
  Mp->Locks--;
}

void exitsyscall() {
  G *Gp = getg();
  M *Mp = Gp->Mp;
  Mp->Locks++;
  P *OldP = Mp->OldP;
  Mp->OldP = nullptr;
  if (exitsyscallfast(OldP)) {
    Mp->Pp->SyscallTick++;
    casgstatus(Gp, GSyscall, GRunning);
    Mp->Locks--;
    if (Gp->Preempt)
      atomic::store(&Gp->StackGuard0, abi::StackPreempt);
    return;
  }
  Mp->Locks--;
  gort_mcall(exitsyscall0);
  // Running again, on some M with a P.
  getg()->Mp->Pp->SyscallTick++;
}

Sudog *acquireSudog() {
  P *Pp = curM()->Pp;
  if (Pp->SudogCnt == 0) {
    // Refill half the cache from the central one.
    lock(&Sched.SudogLock);
    while (Pp->SudogCnt < SudogCacheSize / 2 && Sched.SudogCache) {
      Sudog *S = Sched.SudogCache;
      Sched.SudogCache = S->Next;
      S->Next = nullptr;
      Pp->SudogCache[Pp->SudogCnt++] = S;
    }
    unlock(&Sched.SudogLock);
    if (Pp->SudogCnt == 0)
      Pp->SudogCache[Pp->SudogCnt++] =
          static_cast<Sudog *>(mallocgc(sizeof(Sudog), nullptr, true));
  }
  Sudog *S = Pp->SudogCache[--Pp->SudogCnt];
  if (S->Elem)
    fatal("acquireSudog: found s.elem != nil in cache");
  return S;
}

void releaseSudog(Sudog *S) {
  if (S->Elem)
    fatal("runtime: sudog with non-nil elem");
  if (S->IsSelect)
    fatal("runtime: sudog with non-false isSelect");
  if (S->Next)
    fatal("runtime: sudog with non-nil next");
  if (S->Prev)
    fatal("runtime: sudog with non-nil prev");
  if (S->WaitLink)
    fatal("runtime: sudog with non-nil waitlink");
  if (S->C)
    fatal("runtime: sudog with non-nil c");
  S->Gp = nullptr;
  P *Pp = curM()->Pp;
  if (Pp->SudogCnt == SudogCacheSize) {
    // Move half of the cache to the central one.
    Sudog *First = nullptr, *Last = nullptr;
    while (Pp->SudogCnt > SudogCacheSize / 2) {
      Sudog *P1 = Pp->SudogCache[--Pp->SudogCnt];
      P1->Next = First;
      First = P1;
      if (!Last)
        Last = P1;
    }
    lock(&Sched.SudogLock);
    Last->Next = Sched.SudogCache;
    Sched.SudogCache = First;
    unlock(&Sched.SudogLock);
  }
  Pp->SudogCache[Pp->SudogCnt++] = S;
}

void timeSleep(int64_t Ns) {
  if (Ns <= 0)
    return;
  int64_t When = nanotime() + Ns;
  if (When < 0) // overflow: sleep "forever"
    When = INT64_MAX;
  gopark(timerParkCommit, &When, WaitReason::Sleep);
}

void timerStart(GoTimer *T) {
  lock(&TimerLock);
  if (T->PP) {
    unlock(&TimerLock);
    fatal("addtimer called with initialized timer");
  }
  addGoTimer(T);
}

bool timerStop(GoTimer *T) {
  lock(&TimerLock);
  bool Was = delGoTimer(T);
  timersChanged(false);
  return Was;
}

bool timerReset(GoTimer *T, int64_t When) {
  lock(&TimerLock);
  bool Was = delGoTimer(T);
  T->When = When;
  addGoTimer(T);
  return Was;
}

void timerMod(GoTimer *T, int64_t When, int64_t Period, const abi::FuncVal *F,
              abi::Eface Arg, uintptr_t Seq) {
  lock(&TimerLock);
  delGoTimer(T);
  T->When = When;
  T->Period = Period;
  T->F = F;
  T->Arg = Arg;
  T->Seq = Seq;
  addGoTimer(T);
}

G *newSystemGoroutine(void (*Fn)(void *), void *Arg) {
  NewprocArgs A = {Fn, Arg, 0, true, nullptr};
  systemstack(newprocOnSystemStack, &A);
  return A.Made;
}

void setSystemGoroutine(G *Gp, bool System) {
  if (Gp->IsSystem == System)
    return;
  Gp->IsSystem = System;
  atomic::xadd(&Sched.NGSys, System ? 1 : -1);
}

void newSystemM(void (*Fn)()) { newm(Fn, nullptr, -1); }

} // namespace gort

using namespace gort;

extern "C" {

/// Steps 1-2 of start-up. SP points at argc on the initial process stack.
[[noreturn]] void gort_rt0_go(uintptr_t *SP) {
  args(SP);
  uintptr_t TP = tlsalloc();
  M0.TLS = reinterpret_cast<void *>(TP);
  settls(TP);
  rt0go(SP);
}

void gort_newproc(const abi::FuncVal *Fn) {
  // A go statement's closure takes itself as its context argument.
  NewprocArgs A = {reinterpret_cast<void (*)(void *)>(Fn->Fn),
                   const_cast<abi::FuncVal *>(Fn), GORT_CALLERPC(), false,
                   nullptr};
  systemstack(newprocOnSystemStack, &A);
  // gc's newproc is preemptible: a loop that only starts goroutines must
  // let them run.
  preemptPoint(getg());
}

/// gort_morestack calls this when gort_newstack found a preemption request
/// (stack.cpp): yield, then return to retry the stack check.
void gort_gopreempt() { gort_mcall(gopreemptM); }

void gort_gosched() { gosched(); }

int64_t gort_numgoroutine() { return gcount(); }

int64_t gort_gomaxprocs(int64_t N) {
  return gomaxprocs(N > MaxGomaxprocs ? MaxGomaxprocs : int32_t(N));
}

void gort_goexit_current() { goexit1(); }

} // extern "C"

// Package time's runtime side (gc: time.go timeSleep, startTimer, stopTimer,
// resetTimer, modTimer; time.runtimeNano pulls runtime.nanotime).
extern "C" {

void timeSleepGo(void *, int64_t Ns) __asm__("time.Sleep");
void timeSleepGo(void *, int64_t Ns) { timeSleep(Ns); }

void timeStartTimer(void *, GoTimer *T) __asm__("time.startTimer");
void timeStartTimer(void *, GoTimer *T) { timerStart(T); }

bool timeStopTimer(void *, GoTimer *T) __asm__("time.stopTimer");
bool timeStopTimer(void *, GoTimer *T) { return timerStop(T); }

bool timeResetTimer(void *, GoTimer *T,
                    int64_t When) __asm__("time.resetTimer");
bool timeResetTimer(void *, GoTimer *T, int64_t When) {
  return timerReset(T, When);
}

void timeModTimer(void *, GoTimer *T, int64_t When, int64_t Period,
                  const abi::FuncVal *F, const abi::Type *ArgT, void *ArgData,
                  uintptr_t Seq) __asm__("time.modTimer");
void timeModTimer(void *, GoTimer *T, int64_t When, int64_t Period,
                  const abi::FuncVal *F, const abi::Type *ArgT, void *ArgData,
                  uintptr_t Seq) {
  timerMod(T, When, Period, F, abi::Eface{ArgT, ArgData}, Seq);
}

} // extern "C"

// gc: execLock (see proc.h).
gort::Mutex gort::ExecLock;
