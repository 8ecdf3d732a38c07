//===- runtime/runtime2.h - G, M and friends --------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The runtime's core structures, named and laid out as gc's runtime2.go so a
// reader can hold the two side by side. Glossary (docs/runtime/HACKING.md):
//
//   G      a goroutine: its stack (a chain of StackSegs), the saved context
//          used to switch to it (Sched), its id and status.
//   M      an OS thread ("machine"). Each M has a g0 whose stack is the
//          thread's own system stack; runtime code that must not run on a
//          small goroutine segment switches to it (systemstack).
//   P      a scheduling context, needed to run Go code: the local run
//          queue, caches of dead Gs and sudogs, and the MCache. There are
//          GOMAXPROCS of them (proc.cpp).
//   Sudog  a G waiting on a channel (chan.cpp, select.cpp).
//   g0/m0  the first G and M: m0 is the process's initial thread, and m0's
//          g0 runs on the stack the kernel gave the process.
//
// Invariants:
//   - G begins with StackLo, StackHi, StackGuard0 at the offsets in
//     libgort/abi.h: compiled code reads StackGuard0 in every prologue.
//   - getg()->Mp->CurG is the user goroutine this M runs; getg() is either
//     that G or the M's g0 (inside systemstack/morestack).
//   - Mp->Pp->Mp == Mp whenever Mp->Pp is set; only Mp uses Pp's MCache,
//     run queue tail and caches (other Ps only steal from its run queue).
//   - A G is in at most one run queue or free list (SchedLink); its status
//     changes only through casgstatus (proc.cpp has the transitions).
//
// The field offsets that assembly uses are in asm_offsets.h and checked at
// the end of this file.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_RUNTIME2_H
#define GORT_RUNTIME_RUNTIME2_H

#include "libgort/abi.h"
#include "runtime/asm_offsets.h"
#include "runtime/lock.h"

#include <stddef.h>
#include <stdint.h>

namespace gort {

struct G;
struct M;
struct P;
struct MCache;
struct StackSeg;
struct Sudog;
struct HChan;

/// A saved execution context (gc: gobuf). Callee-saved registers other than
/// the frame pointer are not here: every switch is a call from the C ABI's
/// point of view, so they are either dead or saved on the stack being left.
struct Gobuf {
  uintptr_t SP;
  uintptr_t PC;
  uintptr_t BP; ///< frame pointer (rbp / x29)
  void *Ctxt;   ///< passed as the first argument register to PC by gogo
  G *Gp;        ///< the G this context belongs to
};

/// A goroutine's status (gc: _Gidle, _Grunnable...). Accessed atomically;
/// transitions go through casgstatus (proc.cpp):
///   GIdle -> GDead (newly allocated) -> GRunnable (newproc) -> GRunning
///   (execute) -> GWaiting (gopark) -> GRunnable (goready) ...
///   GRunning -> GSyscall (entersyscall) -> GRunning / GRunnable
///   GRunning -> GRunnable (Gosched, preemption) ; GRunning -> GDead (exit)
constexpr uint32_t GIdle = 0;
constexpr uint32_t GRunnable = 1;
constexpr uint32_t GRunning = 2;
constexpr uint32_t GSyscall = 3;
constexpr uint32_t GWaiting = 4;
constexpr uint32_t GDead = 6;

/// Why a goroutine is in GWaiting (gc: waitReason); the text is what the
/// goroutine header shows (waitReasonString, proc.cpp).
enum class WaitReason : uint8_t {
  Zero,               // ""
  ChanReceiveNilChan, // "chan receive (nil chan)"
  ChanSendNilChan,    // "chan send (nil chan)"
  Select,             // "select"
  SelectNoCases,      // "select (no cases)"
  ChanReceive,        // "chan receive"
  ChanSend,           // "chan send"
  Sleep,              // "sleep"
  Semacquire,         // "semacquire"
  PanicWait,          // "panicwait"
  Preempted,          // "preempted"
  SyncCondWait,       // "sync.Cond.Wait"
  FinalizerWait,      // "finalizer wait"
  IOWait,             // "IO wait"
  GCWorkerIdle,       // "GC worker (idle)"
  GCAssistWait,       // "GC assist wait"
};

/// A G waiting on a channel (gc: sudog). A G may wait on several channels
/// (select), so this is a separate record, cached per P (proc.cpp
/// acquireSudog). Fields other than the queue links are written by the
/// waiting G before it parks and by the G that wakes it, both under the
/// channel's lock.
struct Sudog {
  G *Gp;
  Sudog *Next; ///< in the channel's WaitQ, or on the central sudog cache
  Sudog *Prev;
  void *Elem; ///< element to send or receive into; may point to a stack
  int64_t ReleaseTime;
  bool IsSelect; ///< taking part in a select: wakers must win G::SelectDone
  /// The communication happened (true) or the G was woken because the
  /// channel was closed (false).
  bool Success;
  Sudog *WaitLink; ///< G::Waiting list, in lock order
  HChan *C;        ///< the channel
};

/// A FIFO of waiting Gs (gc: waitq); see chan.h for its operations.
struct WaitQ {
  Sudog *First;
  Sudog *Last;
};

/// An active panic (gc: _panic). Lives in gopanic's frame; G::Panics is the
/// innermost one, Link the one it interrupted.
struct Panic {
  abi::Eface Arg; ///< the panic value
  Panic *Link;
  /// Frame pointer of gort_calldeferred while it runs a deferred call for
  /// this panic: recover() accepts only callers directly below it (gc: argp).
  uintptr_t DeferFP;
  /// The value's Error() or String() result, computed before printing a
  /// fatal panic (gc: preprintpanics replaces arg with it).
  abi::String Text;
  bool HasText;
  bool Recovered;
  bool Aborted;
  bool Goexit;
};

/// The machine state at a gort_deferproc call, enough to return from that
/// call a second time (with result 1) when a deferred call recovers a panic
/// (a setjmp buffer; gc keeps sp and pc in _defer and has no callee-saved
/// registers). Layout fixed by asm_<goarch>.S (CKPT_* in asm_offsets.h).
struct Checkpoint {
  uintptr_t SP; ///< the caller's SP once gort_deferproc has returned
  uintptr_t FP; ///< the caller's frame pointer
  uintptr_t PC; ///< return address into the caller
  /// Callee-saved registers: rbx, r12-r15 on x86-64; x19-x27 then d8-d15 on
  /// AArch64 (x28 is g and stays).
  uintptr_t Regs[17];
};

/// A deferred call (gc: _defer), on G::Defers, newest first. Records of
/// defer statements that run at most once per call live in the deferring
/// function's frame (abi::DeferRecordSize bytes); the others on the heap.
struct Defer {
  Defer *Link;
  void *Frame;            ///< identifies the deferring function's activation
  const abi::FuncVal *Fn; ///< the call, packaged as a closure of no arguments
  Panic *P;               ///< the panic running this call, or null
  bool Started;           ///< the call has begun (by a panic)
  bool Heap;
  /// An open-coded frame: Fn (== Frame) is the frame's abi::OpenDefers
  /// state, whose code runs its newest pending deferred call.
  bool Open;
  Checkpoint Ckpt; ///< where a recovery resumes
};

struct G {
  // --- Read by compiled code; offsets fixed by libgort/abi.h. ---
  /// Bounds of the current stack segment: [StackLo, StackHi). For g0 the
  /// part of the OS stack the runtime may use.
  uintptr_t StackLo;
  uintptr_t StackHi;
  /// StackLo + abi::StackGuard, or abi::StackPreempt to make the next
  /// prologue check call gort_morestack. Written by the owning M; written by
  /// other Ms only to request preemption.
  uintptr_t StackGuard0;
  // --- Runtime only from here on. ---
  /// gc's stackguard1: StackLo + StackGuard on g0 stacks, ~0 on goroutine
  /// stacks. Unused until runtime code gets checks of its own.
  uintptr_t StackGuard1;
  M *Mp;       ///< the M running this G, or null
  Gobuf Sched; ///< context to resume; for g0, Sched.SP is where
               ///< systemstack calls start (top of the usable OS stack)
  // The fields every goroutine switch touches share the first two cache
  // lines with the ones above (G is 64-byte aligned: see malg).
  uint32_t Status;   ///< GIdle, GRunning... (atomic)
  bool Preempt;      ///< preemption requested; StackGuard0 == StackPreempt
                     ///< until the G next enters gort_morestack
  WaitReason Reason; ///< valid in GWaiting (gc: waitreason)
  bool IsSystem;     ///< a runtime goroutine, hidden from users
  G *SchedLink;      ///< next on a run queue or free list
  StackSeg *Seg;     ///< current stack segment; null for g0
  int64_t Goid;
  void (*StartFn)(void *); ///< entry function of a new goroutine
  void *StartArg;
  // --- Scheduler (proc.cpp, chan.cpp, select.cpp). ---
  Sudog *Waiting;      ///< sudogs this G waits on, in lock order (gc: waiting)
  void *Param;         ///< passed by the G that readies this one (gc: param)
  uint32_t SelectDone; ///< atomic: a select case of this G won (gc: same)
  /// atomic: the concurrent mark whose scan of this G's stack is done
  /// (mgcmark.cpp StackScanGen), with StackScanBusy set while it runs
  /// (gc: gcscandone and the _Gscan status bit).
  uint32_t StackScan;
  G *AllLink; ///< on allgs
  // --- Panics (panic.cpp). ---
  Panic *Panics;  ///< innermost active panic, or null
  Defer *Defers;  ///< newest deferred call, or null
  uintptr_t GoPC; ///< the go statement that created this G (a return
                  ///< address in the creator), or 0 (gc: gopc)
  // Signal that caused the current panic (gc: sig, sigcode0/1, sigpc).
  // Set by sigpanic-style entry points such as gort_panicmem.
  uint32_t Sig;
  uintptr_t SigCode0;
  uintptr_t SigCode1;
  uintptr_t SigPC;
  /// In GSyscall: the stack pointer at entersyscall; the collector scans
  /// the stack from here (mgcmark.cpp). The caller must have saved its
  /// callee-saved registers above it: runtime.entersyscall, the entry Go
  /// code calls (stdlib_syscall.cpp), forces them onto its frame.
  uintptr_t SyscallSP;
  /// runtime/debug.SetPanicOnFault's flag (gc: g.paniconfault).
  bool PanicOnFault;
  /// runtime/pprof's labels (a *labelMap), inherited by the goroutines
  /// this one starts (gc: g.labels; mprof.cpp).
  void *Labels;
};

/// Size of an M's print buffer (see print.cpp).
constexpr uint32_t PrintBufSize = 512;

struct M {
  G *G0;   ///< goroutine with the scheduling (system) stack
  G *CurG; ///< the user goroutine running on this M, or null
  int64_t ID;
  void *TLS;         ///< this thread's thread pointer (static TLS block)
  int32_t Locks;     ///< runtime locks held (gc: locks)
  P *Pp;             ///< the P this M holds, or null (gc: p)
  int32_t Mallocing; ///< inside mallocgc; catches re-entry (gc: mallocing)
  int32_t PrintLock; ///< printlock nesting depth (gc: printlock)
  int32_t Dying;     ///< crashing: 1 while printing a fatal panic/throw
  uint32_t PrintLen; ///< bytes in PrintBuf; valid while PrintLock > 0
  char PrintBuf[PrintBufSize];
  /// While non-null, printing appends here instead (runtime.Stack's buffer,
  /// gc: g.writebuf), up to WriteCap bytes.
  uint8_t *WriteBuf;
  uintptr_t WriteLen;
  uintptr_t WriteCap;
  M *AllLink;        ///< on allm
  uint64_t FastRand; ///< fastrand state; only this M uses it (rand.h)
  /// Heap defer records whose calls have run, for reuse (gc: deferpool);
  /// at most DeferPoolMax, linked through Defer::Link (panic.cpp).
  Defer *DeferPool;
  uint32_t DeferPoolLen;
  // --- Scheduler (proc.cpp). ---
  M *SchedLink;       ///< on the idle M list (Sched.MIdle)
  P *NextP;           ///< the P to acquire when woken (gc: nextp)
  P *OldP;            ///< the P held before a system call (gc: oldp)
  Note Park;          ///< sleeps here when idle (stopm)
  bool Spinning;      ///< looking for work without any (gc: spinning)
  bool Blocked;       ///< parked on Park
  int32_t Procid;     ///< the thread's tid
  void (*MStartFn)(); ///< run first by a new M (sysmon, mspinning)
  /// What park_m runs after the G has left the CPU (gc: waitunlockf,
  /// waitlock): releases the lock gopark's caller still holds.
  bool (*WaitUnlockF)(G *Gp, void *Lock);
  void *WaitLock;
  void *SignalStack;   ///< the alternate signal stack (signal_linux.cpp)
  uintptr_t G0StackLo; ///< mmap'd g0 stack of a cloned M, or 0 (m0)
  uintptr_t G0StackSize;
  // --- Profiles (mprof.cpp). ---
  /// Bytes this M allocates before mallocgc samples one for the memory
  /// profile (gc: mcache.nextSample).
  int64_t NextSample;
  /// Return addresses of the goroutine that created this M, zero-padded
  /// (gc: createstack).
  uintptr_t CreateStack[32];
  // --- The collector (mgcmark.cpp). ---
  /// Objects the write barrier shaded and that still need scanning (gc:
  /// p.gcw's buffer), handed to the mark workers when full and at mark
  /// termination: pairs of object address and pointer mask (0: ask the
  /// span).
  uintptr_t WBBuf[2 * 64];
  uint32_t WBLen; ///< pairs in WBBuf
  /// The collector's scratch for a stack scan on this M (mgcmark.cpp
  /// StackObjects), allocated on the first.
  void *StackScan;
  /// Bytes this M marked in write barriers and allocated black in the
  /// current mark; added up at mark termination.
  uint64_t GCMarked;
};

/// A P's status (gc: _Pidle, _Prunning...).
constexpr uint32_t PIdle = 0;
constexpr uint32_t PRunning = 1;
constexpr uint32_t PSyscall = 2;
constexpr uint32_t PGCStop = 3;
constexpr uint32_t PDead = 4;

/// Slots of a P's local run queue (gc: len(p.runq)).
constexpr uint32_t RunqSize = 256;
/// Sudogs a P caches (gc: cap(p.sudogcache)).
constexpr uint32_t SudogCacheSize = 128;

/// What sysmon last saw of a P (gc: sysmontick).
struct SysmonTick {
  uint32_t SchedTick;
  uint32_t SyscallTick;
  int64_t SchedWhen;
  int64_t SyscallWhen;
};

/// A processor (gc: p): what an M must hold to run Go code. It carries the
/// MCache whose spans its M allocates from without locks, the local run
/// queue and the caches of dead Gs and sudogs. There are GOMAXPROCS of them
/// (procresize, proc.cpp); P 0 is bound to m0 at start-up. Code running on
/// an M without a P (sysmon, an M in a system call) allocates through a
/// shared, locked cache instead (malloc.cpp).
struct P {
  int32_t ID;
  uint32_t Status; ///< PIdle, PRunning... (atomic)
  M *Mp;           ///< the M holding this P, or null (gc: m)
  MCache *Cache;   ///< this P's allocation cache (gc: mcache)
  // --- Scheduler (proc.cpp, sched_runq.cpp). ---
  P *Link;              ///< on the idle P list (Sched.PIdle)
  uint32_t SchedTick;   ///< incremented on every scheduler call
  uint32_t SyscallTick; ///< incremented on every system call
  SysmonTick Sysmon;    ///< sysmon's view; only sysmon touches it
  uint64_t GoidCache;   ///< next goroutine id of this P's batch
  uint64_t GoidCacheEnd;
  /// The local run queue: a lock-free ring that only the owner appends to
  /// (RunqTail) and that any P may take from (RunqHead, CAS).
  uint32_t RunqHead;
  uint32_t RunqTail;
  G *Runq[RunqSize];
  /// A G to run before the run queue, set by goready/newproc: it inherits
  /// the rest of the time slice (gc: runnext). Atomic.
  G *RunNext;
  G *GFree; ///< dead Gs for reuse, linked through SchedLink
  int32_t GFreeCnt;
  uint32_t SudogCnt;
  Sudog *SudogCache[SudogCacheSize];
};

/// gc: _MaxGomaxprocs.
constexpr int32_t MaxGomaxprocs = 1 << 10;

static_assert(offsetof(G, StackLo) == abi::GStackLoOffset);
static_assert(offsetof(G, StackHi) == abi::GStackHiOffset);
static_assert(offsetof(G, StackGuard0) == abi::GStackGuard0Offset);
static_assert(offsetof(G, StackLo) == G_STACKLO);
static_assert(offsetof(G, StackHi) == G_STACKHI);
static_assert(offsetof(G, StackGuard0) == G_STACKGUARD0);
static_assert(offsetof(G, StackGuard1) == G_STACKGUARD1);
static_assert(offsetof(G, Mp) == G_M);
static_assert(offsetof(G, Sched) == G_SCHED);
static_assert(offsetof(Gobuf, SP) == GOBUF_SP);
static_assert(offsetof(Gobuf, PC) == GOBUF_PC);
static_assert(offsetof(Gobuf, BP) == GOBUF_BP);
static_assert(offsetof(Gobuf, Ctxt) == GOBUF_CTXT);
static_assert(offsetof(Gobuf, Gp) == GOBUF_G);
static_assert(offsetof(M, G0) == M_G0);
static_assert(offsetof(M, CurG) == M_CURG);
static_assert(offsetof(Checkpoint, SP) == CKPT_SP);
static_assert(offsetof(Checkpoint, FP) == CKPT_FP);
static_assert(offsetof(Checkpoint, PC) == CKPT_PC);
static_assert(offsetof(Checkpoint, Regs) == CKPT_REGS);
static_assert(sizeof(Checkpoint) == CKPT_SIZE);
static_assert(offsetof(G, Defers) == G_DEFERS);
static_assert(offsetof(Defer, Link) == DEFER_LINK);
static_assert(offsetof(Defer, Frame) == DEFER_FRAME);
static_assert(offsetof(Defer, Fn) == DEFER_FN);
static_assert(offsetof(Defer, P) == DEFER_P);
static_assert(offsetof(Defer, Started) == DEFER_FLAGS &&
              offsetof(Defer, Heap) == DEFER_FLAGS + 1 &&
              offsetof(Defer, Open) == DEFER_FLAGS + 2);
static_assert(offsetof(Defer, Ckpt) == DEFER_CKPT);
static_assert(sizeof(Defer) == abi::DeferRecordSize);

/// m0 and its g0 (proc.cpp).
extern M M0;
extern G G0;

/// Every P, indexed by id; the first Gomaxprocs are in use (gc: allp,
/// gomaxprocs; proc.cpp).
extern P *AllP[MaxGomaxprocs];
extern int32_t Gomaxprocs;
/// Tests only (gort_test_sysmonpreempt): when set, sysmon does not ask
/// long-running goroutines to yield, so a test can inspect its own stack
/// guard without racing with it.
extern uint32_t SysmonPreemptOff;

} // namespace gort

#endif // GORT_RUNTIME_RUNTIME2_H
