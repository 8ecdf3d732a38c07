//===- runtime/proc.h - The goroutine scheduler -----------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See proc.cpp for the overview; the run queues are in sched_runq.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_PROC_H
#define GORT_RUNTIME_PROC_H

#include "runtime/atomic.h"
#include "runtime/lock.h"
#include "runtime/runtime2.h"

#include <stdint.h>

namespace gort {

/// A FIFO of Gs linked through G::SchedLink (gc: gQueue). A G is on at most
/// one GQueue or G list at a time.
struct GQueue {
  G *Head;
  G *Tail;

  bool empty() const { return Head == nullptr; }
  /// Adds Gp at the head.
  void push(G *Gp) {
    Gp->SchedLink = Head;
    Head = Gp;
    if (!Tail)
      Tail = Gp;
  }
  /// Adds Gp at the tail.
  void pushBack(G *Gp) {
    Gp->SchedLink = nullptr;
    if (Tail)
      Tail->SchedLink = Gp;
    else
      Head = Gp;
    Tail = Gp;
  }
  /// Appends every G of Q (which is left unchanged).
  void pushBackAll(GQueue Q) {
    if (!Q.Tail)
      return;
    Q.Tail->SchedLink = nullptr;
    if (Tail)
      Tail->SchedLink = Q.Head;
    else
      Head = Q.Head;
    Tail = Q.Tail;
  }
  /// Removes and returns the head, or null.
  G *pop() {
    G *Gp = Head;
    if (Gp) {
      Head = Gp->SchedLink;
      if (!Head)
        Tail = nullptr;
    }
    return Gp;
  }
};

/// The global scheduler state (gc: schedt). Lock guards every field not
/// marked atomic.
struct SchedT {
  uint64_t GoidGen; ///< atomic: last goroutine id handed out to a P's batch

  Mutex Lock;

  M *MIdle;             ///< idle Ms, waiting on their Park note
  int32_t NMIdle;       ///< number of idle Ms
  int32_t NMIdleLocked; ///< idle Ms locked to a G (none yet; gc's field)
  int64_t MNext;        ///< number of Ms created, and the next M id
  int32_t MaxMCount;    ///< maximum number of Ms allowed (or die)
  int32_t NMSys;        ///< system Ms (sysmon), not counted by checkdead
  int64_t NMFreed;      ///< cumulative number of freed Ms

  P *PIdle;            ///< idle Ps, linked through P::Link
  uint32_t NPIdle;     ///< atomic: number of idle Ps
  uint32_t NMSpinning; ///< atomic: Ms looking for work without finding any

  GQueue Runq; ///< the global run queue
  int32_t RunqSize;

  /// Dead Gs for reuse when Ps' lists overflow (gc: gFree); under GFreeLock.
  Mutex GFreeLock;
  G *GFree;
  int32_t NGFree;
  /// Goroutines of the runtime hidden from NumGoroutine (atomic; gc:
  /// ngsys): the finalizer goroutine while it waits.
  int32_t NGSys;

  /// Central cache of sudogs (gc: sudogcache); under SudogLock.
  Mutex SudogLock;
  Sudog *SudogCache;

  /// Stop-the-world (GOMAXPROCS): GCWaiting asks every M to stop its P
  /// (atomic); StopWait counts Ps still to stop; StopNote wakes the stopper.
  uint32_t GCWaiting;
  int32_t StopWait;
  Note StopNote;

  /// sysmon sleeps on SysmonNote while SysmonWait is set (atomic) and every
  /// P is idle.
  uint32_t SysmonWait;
  Note SysmonNote;

  /// When the network poller was last polled, or 0 while an M is blocked
  /// in it (atomic; gc: lastpoll). An M blocks in netpoll only if it swaps
  /// a non-zero value out, so at most one does.
  int64_t LastPoll;
};

extern SchedT Sched;

/// True once runtime.main has started: newproc wakes a P from then on
/// (gc: mainStarted).
extern bool MainStarted;

//===--- Run queues (sched_runq.cpp) --------------------------------------===//

/// True if Pp's local run queue and runnext are empty; never true
/// spuriously (gc: runqempty).
bool runqempty(P *Pp);
/// Puts Gp on Pp's local run queue: in runnext if Next (kicking the old
/// runnext to the tail), else at the tail; half of a full queue moves to
/// the global queue. Only Pp's owner calls it (gc: runqput).
void runqput(P *Pp, G *Gp, bool Next);
/// Takes a G from Pp's local queue, runnext first; InheritTime is set for
/// runnext. Only Pp's owner calls it (gc: runqget).
G *runqget(P *Pp, bool *InheritTime);
/// Moves half of P2's local queue (or, if StealRunNext and the queue is
/// empty, its runnext) to Pp's and returns one of the Gs taken, or null.
/// Pp's owner calls it; P2 may be running (gc: runqsteal).
G *runqsteal(P *Pp, P *P2, bool StealRunNext);
/// Takes every G of Pp's local queue and runnext (gc: runqdrain).
GQueue runqdrain(P *Pp, uint32_t *N);

/// The global run queue; callers hold Sched.Lock (gc: globrunqput...).
void globrunqput(G *Gp);
void globrunqputhead(G *Gp);
void globrunqputbatch(GQueue *Batch, int32_t N);
/// Takes a fair share of the global queue (at most Max if Max > 0): returns
/// one G and puts the others on Pp's local queue (gc: globrunqget).
G *globrunqget(P *Pp, int32_t Max);

//===--- Goroutines (proc.cpp) --------------------------------------------===//

/// Moves Gp from status Old to New (a store-release); throws if it was not
/// in Old (gc: casgstatus). Only the M that owns Gp's state calls it.
void casgstatus(G *Gp, uint32_t Old, uint32_t New);
inline uint32_t readgstatus(G *Gp) { return atomic::load(&Gp->Status); }

/// The text gc shows for a wait reason in goroutine headers.
const char *waitReasonString(WaitReason R);
/// Prints gc's goroutine header "goroutine 7 [chan receive]:\n", with the
/// wait reason for a waiting G (gc: goroutineheader). Caller holds
/// printlock.
void printgoroutineheader(G *Gp);

/// Parks the current goroutine (gc: gopark): it stops running with status
/// GWaiting and reason Reason until goready. UnlockF(Gp, Lock), if not
/// null, runs on g0 after the G has stopped; if it returns false the G
/// resumes at once. Must run on a user goroutine holding no runtime locks
/// other than the one UnlockF releases.
void gopark(bool (*UnlockF)(G *, void *), void *Lock, WaitReason Reason);
/// gopark with an UnlockF that unlocks the Mutex L.
void goparkunlock(Mutex *L, WaitReason Reason);
/// Makes a parked Gp runnable on the current P, to run next (gc: goready).
/// Any stack.
void goready(G *Gp);
/// Keeps the calling goroutine on its M and P (no preemption, no
/// collection) until procUnpin; returns the P's id (gc: procPin).
int32_t procPin();
void procUnpin();
/// Yields the processor (runtime.Gosched): the current G goes to the global
/// run queue.
void gosched();
/// Ends the current goroutine (gc: goexit1 -> goexit0); deferred calls
/// must have run already.
[[noreturn]] void goexit1();

/// Starts a goroutine of the runtime that calls Fn(Arg) and is hidden from
/// users (IsSystem) until setSystemGoroutine says otherwise: the finalizer
/// goroutine (gc: `go runfinq()`). User goroutine.
G *newSystemGoroutine(void (*Fn)(void *), void *Arg);
/// Starts a thread (an M without a P, as sysmon's) that runs Fn, which
/// never returns (gc: newm(fn, nil, -1)). Fn counts itself in
/// Sched.NMSys. The collector's mark helpers (mgcmark.cpp).
void newSystemM(void (*Fn)());
/// Shows (System false) or hides a goroutine of newSystemGoroutine in
/// tracebacks, NumGoroutine and the deadlock check; the finalizer
/// goroutine shows itself while it runs user code (gc: fingRunning).
/// Called by Gp itself, or by its creator before it runs.
void setSystemGoroutine(G *Gp, bool System);
/// The number of goroutines that exist, dead and system ones excluded (gc:
/// gcount).
int32_t gcount();
/// Sets GOMAXPROCS to N if N > 0 (stopping the world) and returns the old
/// value (runtime.GOMAXPROCS). Must run on a user goroutine.
int32_t gomaxprocs(int32_t N);

/// Stop-the-world (gc: stopTheWorldWithSema, startTheWorldWithSema): the
/// caller holds the world semaphore and runs on the system stack of an M
/// with a P. Stopping preempts every running goroutine and waits until
/// every P is PGCStop; starting hands the Ps back out.
void stopTheWorldWithSema(void *);
void startTheWorldWithSema(void *);
/// startTheWorldWithSema that returns when the world restarted: the time
/// after the Ps were handed out, before an idle P is offered more work
/// (gc returns the same time, the end of its pauses).
int64_t startTheWorldTimed();
/// The world semaphore: one world-stopper at a time (gc: worldsema). Taken
/// on a user goroutine, which yields while another holds it.
void acquireWorldSema();
void releaseWorldSema();
/// The first G of allgs (linked through G::AllLink) and the first M of
/// allm (M::AllLink): stable only while the world is stopped (the
/// collector's roots).
G *allgs();
M *allm();
/// How many Gs allgs holds.
uint32_t allglen();
/// The G after Gp on allgs (the first for null), or null; safe while
/// Gs are added (under the lock allgadd takes).
G *allgnext(G *Gp);
/// Before a system call that may block (gc: entersyscall): the P stays
/// attached but sysmon may hand it to another M if the call takes long.
/// Call exitsyscall right after the call; nothing in between may allocate,
/// print or take locks.
void entersyscall();
/// As entersyscall, for calls known to block: hands the P off at once.
void entersyscallblock();
/// After the system call: reacquires a P, or parks the G until one is free.
void exitsyscall();

/// Yields if sysmon asked the current goroutine to (G::Preempt). Runtime
/// entry points call it where gc's would have a stack-check prologue, their
/// preemption point: a loop whose only calls go into the runtime (go
/// statements, channel operations that do not block) still yields. Must be
/// called on a user goroutine holding no runtime locks.
void preemptSlow();
__attribute__((always_inline)) inline void preemptPoint(G *Gp) {
  if (__builtin_expect(Gp->Preempt, 0))
    preemptSlow();
}

/// Sudogs for channel waits (gc: acquireSudog, releaseSudog). Run on the
/// goroutine stack with a P.
Sudog *acquireSudog();
void releaseSudog(Sudog *S);

/// Parks the current goroutine for at least Ns nanoseconds (gc: timeSleep,
/// runtime side of time.Sleep). Ns <= 0 returns at once.
void timeSleep(int64_t Ns);

/// Package time's runtimeTimer (gc: runtime.timer), in the Go heap, or the
/// runtime's own (netpoll.cpp's deadlines, off the heap). PP, opaque to
/// package time, is ours: 1 + the timer's index in the timer heap while it
/// is there, else 0. F is called as a TimerFn with Arg's two words and Seq,
/// on g0 with a P, once the timer is due.
struct GoTimer {
  uintptr_t PP;
  int64_t When;
  int64_t Period;
  const abi::FuncVal *F; ///< func(arg any, seq uintptr), not a closure
  abi::Eface Arg;
  uintptr_t Seq;
  int64_t NextWhen;
  uint32_t Status;
};
using TimerFn = void (*)(const abi::FuncVal *, const abi::Type *, void *,
                         uintptr_t);

/// Timer operations (gc: addtimer, deltimer, resettimer, modtimer; package
/// time's startTimer, stopTimer, resetTimer and modTimer are these). Stop
/// and Reset return whether the timer was pending. A When below zero (an
/// overflow) means never.
void timerStart(GoTimer *T);
bool timerStop(GoTimer *T);
bool timerReset(GoTimer *T, int64_t When);
void timerMod(GoTimer *T, int64_t When, int64_t Period, const abi::FuncVal *F,
              abi::Eface Arg, uintptr_t Seq);

/// Prints the header and frames of every user goroutine but Except, each
/// after a blank line, as parked (gc: tracebackothers). The world is
/// stopped or nothing else runs; caller holds printlock.
void tracebackothers(G *Except);

/// runtime/debug.SetMaxThreads: sets the thread limit (gc: maxmcount),
/// throws if it is exceeded already, returns the old one.
int64_t setMaxThreads(int64_t In);

/// Held while a thread execs (syscall.Exec) and while one is created
/// (gc: execLock).
extern Mutex ExecLock;

/// Makes the parked Gp runnable from any M, one without a P too (a mark
/// helper's): on the M's P's queue, or the global one (gc: injectglist).
/// A caller without a P that wakes user goroutines brackets taking them
/// from where they wait and readying them with incidlelocked(-1) and
/// incidlelocked(1), as gcWakeAssists does (and sysmon around the
/// poller's): else checkdead could run in between and see no M running.
void readyFromAnyM(G *Gp);

/// Adds V to the count of idle Ms locked to a G, and checks for a
/// deadlock when it grows (gc: incidlelocked). A thread without a P that
/// is about to make goroutines runnable lowers it by one first, so that
/// checkdead counts it as a running M until they are queued.
void incidlelocked(int32_t V);

/// Empties the central sudog cache and the Ms' defer pools (gc:
/// clearpools), with the world stopped at the start of a cycle.
void clearpools();

/// Scans the timer heap's array with ScanBlock (a concurrent mark's
/// roots, mgcmark.cpp): the timer code rearranges it without write
/// barriers.
void timerRoots(void (*ScanBlock)(uintptr_t Lo, uintptr_t Hi));

} // namespace gort

extern "C" {
// Stack switching (asm_<goarch>.S).
/// Saves the calling goroutine's context in its G::Sched (the callee-saved
/// registers go on its stack), switches to the M's g0 stack and calls
/// Fn(the goroutine). Fn must not return: it ends in gort_gogo, which for
/// this G resumes as a return from gort_mcall (gc: mcall).
void gort_mcall(void (*Fn)(gort::G *));
/// Called by gort_stack_reserve when it finds a preemption request: yields
/// the processor, then returns (gc: gopreempt_m).
void gort_gopreempt();

// Services behind package runtime's functions (runtime.Gosched,
// NumGoroutine, GOMAXPROCS, Goexit: runtime_pkg.cpp, panic.cpp). Compiled
// code calls those functions, not these, so they are not in libgort/abi.def.
void gort_gosched();
int64_t gort_numgoroutine();
int64_t gort_gomaxprocs(int64_t N);
/// Ends the calling goroutine; the caller has run its deferred calls
/// (runtime.Goexit). On the main goroutine the program continues until
/// every other goroutine has exited, then dies with gc's "no goroutines
/// (main called runtime.Goexit) - deadlock!".
[[noreturn]] void gort_goexit_current();
}

#endif // GORT_RUNTIME_PROC_H
