//===- runtime/panic.cpp - defer, panic, recover and fatal errors ---------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Go's defer, panic and recover, and the runtime's fatal error (gc:
// panic.go, error.go printany). docs/runtime/defer.md explains the whole
// mechanism, codegen's half included.
//
// defer: compiled code links a Defer record (runtime2.h) per deferred call
// on G::Defers -- gort_deferproc / gort_deferprocinline (classic records,
// in the frame or from the per-M pool newdefer/freedefer), or one record
// per frame for open-coded defers (gort_deferprocopen, asm_<goarch>.S) --
// and runs them at its exits (gort_deferreturn, gort_deferpop). Each record
// holds the Checkpoint its gort_deferproc* call saved (setjmp-like).
//
// panic(v): compiled code calls gort_gopanic(type, data) with the value as an
// interface{}. Run-time errors (gort_panicBounds, gort_panicdivide,
// gort_panicshift, gort_panicmem) build such a value of a runtime error type
// (error.cpp) and call gopanic too, so recover sees them as gc's
// runtime.Error values.
//
// gopanic, in order:
//   1. Push a Panic record (in gopanic's frame) on G::Panics.
//   2. runDefers: run the deferred calls newest first, each through
//      gort_calldeferred, with an entry point's room on the stack below
//      gopanic's frames (callWithRoom, stack.h: on the next segment if
//      this one is short; so are Error and String methods in step 3).
//      A deferred call that calls recover()
//      (gort_gorecover; gc's argp check: only the deferred function itself,
//      seen through wrapper and morestack frames, may recover) marks the
//      panic Recovered; when it returns, recovery() makes the checkpoint's
//      stack segment current and resumes the deferring function at its
//      gort_deferproc* call, which returns 1 this time: the function runs
//      its remaining defers and returns its results.
//   3. Nothing recovered: preprintpanics replaces values that have an
//      Error or String method by its result, then fatalpanic, on the system
//      stack, prints the chain of panics oldest first as "panic: VALUE"
//      (gc: printpanics/printany; " [recovered]" for recovered ones), the
//      signal line if the panic came from a fault (gort_panicmem, signals),
//      a blank line, the goroutine header and its traceback
//      (traceback.cpp), then exit(2).
// runtime.Goexit runs the deferred calls the same way under a Panic record
// that recover() does not see, then ends the goroutine.
//
// fatal(msg) is gc's throw: an unrecoverable runtime failure. It prints
// "fatal error: msg", a blank line and the header of the goroutine the M was
// running, and exits with status 2. It does not return, does not allocate,
// and runs its printing on g0.
//
// All the output of one crash is printed inside one printlock, so it is
// written with one write system call when it fits the M's print buffer.
//
// Invariants and locking: PanicLock (gc: paniclk) serialises crashing Ms so
// their reports do not interleave; M::Dying counts nested failures while
// crashing (a fault while printing a panic prints "panic during panic";
// another gives up with exit status 4, as gc's startpanic_m). The entry
// points run on goroutine stacks with no prologue check and switch to g0
// before doing anything deep. G::Defers is the goroutine's own: only code
// running on that goroutine links, unlinks or runs its records.
//
//===----------------------------------------------------------------------===//

#include "runtime/panic.h"

#include "runtime/abi_entry.h"
#include "runtime/error.h"
#include "runtime/iface.h"
#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/print.h"
#include "runtime/proc.h"
#include "runtime/runtime_pkg.h"
#include "runtime/stack.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"
#include "runtime/traceback.h"
#include "runtime/type.h"

// Defined in asm_<goarch>.S and by the linker script (libgort/gort.ld).
extern "C" {
void gort_calldeferred(const gort::abi::FuncVal *Fn, uintptr_t *FPOut);
[[noreturn]] void gort_deferresume(const gort::Checkpoint *C);
extern const char gort_calldeferred_ret[];
extern const char gort_morestack_end[];
extern const char __gort_wrapper_start[];
extern const char __gort_wrapper_end[];
}

namespace gort {

namespace {

struct DeferCall {
  const abi::FuncVal *Fn;
  uintptr_t *FPOut;
};

void deferThunk(void *Arg) {
  auto *C = static_cast<DeferCall *>(Arg);
  gort_calldeferred(C->Fn, C->FPOut);
}

/// Runs a deferred call for a panic or Goexit. Their frames (the Panic
/// record, the runtime error's construction) lie deep below the entry
/// point that panicked: the call starts with an entry point's margin, on
/// a new segment if need be (stack.h callWithRoom).
void callDeferred(const abi::FuncVal *Fn, uintptr_t *FPOut) {
  DeferCall C = {Fn, FPOut};
  callWithRoom(deferThunk, &C, 0);
}

Mutex PanicLock;

/// Frame pointer on the crashing goroutine's stack where its traceback
/// starts (gopanic's or fatal's frame), or 0.
uintptr_t CrashFP;

/// Names of the predeclared basic types, indexed by abi::Kind; a panic value
/// of one of these types prints as its bare value (gc: printany's cases).
constexpr const char *BasicTypeNames[] = {
    "",        "bool",    "int",     "int8",      "int16",      "int32",
    "int64",   "uint",    "uint8",   "uint16",    "uint32",     "uint64",
    "uintptr", "float32", "float64", "complex64", "complex128",
};
constexpr unsigned NumBasicTypeNames =
    sizeof(BasicTypeNames) / sizeof(BasicTypeNames[0]);
static_assert(NumBasicTypeNames == abi::KindComplex128 + 1);

/// Prints the value at P of basic kind K (bool, numbers, string).
void printBasic(unsigned K, const void *P) {
  switch (K) {
  case abi::KindBool:
    printbool(*static_cast<const bool *>(P));
    break;
  case abi::KindInt:
  case abi::KindInt64:
    printint(*static_cast<const int64_t *>(P));
    break;
  case abi::KindInt8:
    printint(*static_cast<const int8_t *>(P));
    break;
  case abi::KindInt16:
    printint(*static_cast<const int16_t *>(P));
    break;
  case abi::KindInt32:
    printint(*static_cast<const int32_t *>(P));
    break;
  case abi::KindUint:
  case abi::KindUint64:
  case abi::KindUintptr:
    printuint(*static_cast<const uint64_t *>(P));
    break;
  case abi::KindUint8:
    printuint(*static_cast<const uint8_t *>(P));
    break;
  case abi::KindUint16:
    printuint(*static_cast<const uint16_t *>(P));
    break;
  case abi::KindUint32:
    printuint(*static_cast<const uint32_t *>(P));
    break;
  case abi::KindFloat32:
    printfloat(double(*static_cast<const float *>(P)));
    break;
  case abi::KindFloat64:
    printfloat(*static_cast<const double *>(P));
    break;
  case abi::KindComplex64: {
    const float *C = static_cast<const float *>(P);
    printcomplex(double(C[0]), double(C[1]));
    break;
  }
  case abi::KindComplex128: {
    const double *C = static_cast<const double *>(P);
    printcomplex(C[0], C[1]);
    break;
  }
  case abi::KindString: {
    const abi::String *S = static_cast<const abi::String *>(P);
    printstring(S->Ptr, S->Len);
    break;
  }
  }
}

bool isBasicKind(unsigned K) {
  return (K >= abi::KindBool && K <= abi::KindComplex128) ||
         K == abi::KindString;
}

/// Prints a panic value as gc's printany + printanycustomtype.
void printany(const abi::Eface &E) {
  if (!E.Typ) {
    printstring("nil");
    return;
  }
  if (printRuntimeError(E))
    return;
  unsigned K = E.Typ->Kind & abi::KindMask;
  if (isBasicKind(K)) {
    const char *Basic = K == abi::KindString ? "string" : BasicTypeNames[K];
    abi::String TS = typeString(E.Typ);
    if (equalsCString(TS, Basic)) {
      // A predeclared type: the bare value.
      printBasic(K, E.Data);
      return;
    }
    // A defined type of basic kind: main.T(5), main.S("x"), main.C(+1...i).
    printstring(TS.Ptr, TS.Len);
    if (K == abi::KindString) {
      printstring("(\"");
      printBasic(K, E.Data);
      printstring("\")");
    } else if (K == abi::KindComplex64 || K == abi::KindComplex128) {
      printBasic(K, E.Data);
    } else {
      printstring("(");
      printBasic(K, E.Data);
      printstring(")");
    }
    return;
  }
  printstring("(");
  abi::String TS = typeString(E.Typ);
  printstring(TS.Ptr, TS.Len);
  printstring(") ");
  printpointer(E.Data);
}

/// gc: printpanics, oldest panic first. Iterative (no recursion in the
/// runtime): prints the Depth-th oldest on each pass.
void printpanics(Panic *P) {
  unsigned N = 0;
  for (Panic *Q = P; Q; Q = Q->Link)
    N++;
  for (unsigned Depth = N; Depth > 0; Depth--) {
    Panic *Q = P;
    for (unsigned I = 1; I < Depth; I++)
      Q = Q->Link;
    if (Q->Link && !Q->Link->Goexit)
      printstring("\t");
    if (Q->Goexit)
      continue;
    printstring("panic: ");
    if (Q->HasText)
      printstring(Q->Text.Ptr, Q->Text.Len);
    else
      printany(Q->Arg);
    if (Q->Recovered)
      printstring(" [recovered]");
    printstring("\n");
  }
}

/// gc: startpanic_m. Returns false if the M is already crashing.
bool startpanicM() {
  M *Mp = getg()->Mp;
  switch (Mp->Dying) {
  case 0:
    Mp->Dying = 1;
    lock(&PanicLock);
    return true;
  case 1:
    Mp->Dying = 2;
    printstring("panic during panic\n");
    return false;
  case 2:
    Mp->Dying = 3;
    printstring("stack trace unavailable\n");
    printflush();
    exit(4);
  default:
    exit(5);
  }
}

/// gc: signame, for the signals that reach a panic.
const char *signame(uint32_t Sig) {
  switch (Sig) {
  case SIGSEGV:
    return "SIGSEGV: segmentation violation";
  default:
    return nullptr;
  }
}

/// gc: dopanic_m without the traceback: the signal line, then the header
/// of the user goroutine.
void dopanicM(G *Gp) {
  if (Gp && Gp->Sig != 0) {
    printstring("[signal ");
    if (const char *Name = signame(Gp->Sig))
      printstring(Name);
    else
      printhex(Gp->Sig);
    printstring(" code=");
    printhex(Gp->SigCode0);
    printstring(" addr=");
    printhex(Gp->SigCode1);
    printstring(" pc=");
    printhex(Gp->SigPC);
    printstring("]\n");
  }
  if (Gp && tracebackEnabled()) {
    printstring("\n");
    printgoroutineheader(Gp);
    if (CrashFP)
      traceback(Gp, CrashFP);
  }
}

/// The part of fatal that runs on g0. Msg is the fatal error text.
void fatalthrowM(void *Msg) {
  G *Gp = getg();
  M *Mp = Gp->Mp;
  printlock();
  printstring("fatal error: ");
  printstring(static_cast<const char *>(Msg));
  printstring("\n");
  if (startpanicM())
    dopanicM(Mp->CurG);
  printflush();
  exit(2);
}

void fatalpanicM(void *Arg) {
  G *Gp = static_cast<G *>(Arg);
  printlock();
  if (startpanicM()) {
    printpanics(Gp->Panics);
    dopanicM(Gp);
  }
  printflush();
  exit(2);
}

/// Heap defer records kept per M for reuse (gc: deferpool): a defer in a
/// loop then costs no allocation per call (and no work for the collector).
constexpr uint32_t DeferPoolMax = 64;

Defer *newdefer() {
  M *Mp = getg()->Mp;
  if (Defer *D = Mp->DeferPool) {
    Mp->DeferPool = D->Link;
    Mp->DeferPoolLen--;
    return D;
  }
  // Heap records carry abi::DeferInlineSize bytes after the Defer for the
  // call's closure (gort_deferprocinline).
  return static_cast<Defer *>(
      mallocgc(sizeof(Defer) + abi::DeferInlineSize, nullptr, true));
}

/// Returns a record whose call has run (or been abandoned) to the pool.
/// Frame records are the deferring function's; they are left alone.
void freedefer(Defer *D) {
  if (!D->Heap)
    return;
  M *Mp = getg()->Mp;
  if (Mp->DeferPoolLen >= DeferPoolMax)
    return;
  D->Fn = nullptr;
  D->Link = Mp->DeferPool;
  Mp->DeferPool = D;
  Mp->DeferPoolLen++;
}

/// The pending-call bits of an open-coded frame's record.
uint64_t openBits(const Defer *D) {
  return static_cast<const abi::OpenDefers *>(D->Frame)->Bits;
}

/// True if a return address lies in code whose frames recover() looks
/// through: the wrappers that package deferred calls and the morestack
/// thunks (section .gort_wrapper).
bool inWrapper(uintptr_t PC) {
  return PC >= uintptr_t(__gort_wrapper_start) &&
         PC < uintptr_t(__gort_wrapper_end);
}

/// gc's argp check for recover: the function whose frame record is at FP
/// must have been called by gort_calldeferred, whose frame pointer was
/// DeferFP, with only wrapper frames in between. A stack split in between
/// shows up as thunk -> gort_morestack -> the function's first activation;
/// all three are skipped.
bool calledByDeferredCall(uintptr_t FP, uintptr_t DeferFP) {
  for (int Depth = 0; FP && Depth < 16; Depth++) {
    const uintptr_t *Rec = reinterpret_cast<const uintptr_t *>(FP);
    uintptr_t Caller = Rec[0], RA = Rec[1];
    if (RA == uintptr_t(gort_calldeferred_ret))
      return Caller == DeferFP;
    // RA - 1 lies in the call instruction: a call to a function that does
    // not return may be the last instruction of its caller.
    if (RA - 1 >= reinterpret_cast<uintptr_t>(&gort_morestack) &&
        RA - 1 < uintptr_t(gort_morestack_end)) {
      // Caller is gort_morestack's frame; the next record up is the
      // function's first activation, which called gort_morestack.
      FP = Caller ? reinterpret_cast<const uintptr_t *>(Caller)[0] : 0;
      continue;
    }
    if (!inWrapper(RA - 1))
      return false;
    FP = Caller;
  }
  return false;
}

/// Resumes the function whose gort_deferproc call saved C, as if that call
/// returned 1 (gc: recovery). The frames in between are abandoned; the
/// stack segment holding C's SP becomes current again (segments after it
/// stay cached on its Next chain).
[[noreturn]] void recovery(G *Gp, const Checkpoint *C) {
  StackSeg *S = Gp->Seg;
  while (S && !(S->Lo <= C->SP && C->SP < uintptr_t(S)))
    S = S->Prev;
  if (!S)
    fatal("recovery: checkpoint is not on the goroutine's stack");
  if (S != Gp->Seg) {
    Gp->Seg = S;
    Gp->StackLo = S->Lo;
    Gp->StackHi = uintptr_t(S);
    if (!Gp->Preempt)
      Gp->StackGuard0 = S->Lo + abi::StackGuard;
  }
  gort_deferresume(C);
}

/// A String or Error method's call for preprintpanics.
struct TextCall {
  abi::String (*Method)(void *Ctx, void *Data);
  void *Data;
  abi::String Text;
};

void textThunk(void *Arg) {
  auto *C = static_cast<TextCall *>(Arg);
  C->Text = C->Method(nullptr, C->Data);
}

/// gc: preprintpanics. Before a fatal panic is printed, values with an
/// Error() or String() method are replaced by that method's result (runtime
/// errors print themselves, see printRuntimeError).
void preprintpanics(Panic *P) {
  using StringMethod = abi::String (*)(void *Ctx, void *Data);
  for (; P; P = P->Link) {
    const abi::Type *T = P->Arg.Typ;
    if (!T)
      continue;
    const abi::Method *M = findMethod(T, "Error", "func() string");
    if (!M)
      M = findMethod(T, "String", "func() string");
    if (!M)
      continue;
    // Go code, called from deep in gopanic: with an entry point's margin.
    TextCall C = {reinterpret_cast<StringMethod>(resolveTextOff(T, M->Ifn)),
                  P->Arg.Data,
                  {}};
    callWithRoom(textThunk, &C, 0);
    P->Text = C.Text;
    P->HasText = true;
  }
}

/// Runs Gp's deferred calls, newest first, for panic P (gc: gopanic's
/// loop); returns when none is left. If one of them recovers P, the function
/// that deferred it resumes instead (recovery, no return).
/// Always inlined, so that a deferred call's caller is gort_gopanic or
/// runtime.Goexit itself (runtime.Callers reports runtime.gopanic there).
[[gnu::always_inline]] inline void runDefers(G *Gp, Panic *PP) {
  Panic &P = *PP;
  for (;;) {
    Defer *D = Gp->Defers;
    if (!D)
      break;
    if (D->Started) {
      // A deferred call that an earlier panic started has panicked: that
      // panic is over unless this one is recovered further up... and even
      // then it stays aborted (gc: the "[recovered]" chain).
      if (D->P)
        D->P->Aborted = true;
      D->P = nullptr;
      D->Started = false;
      if (!D->Open) {
        Gp->Defers = D->Link;
        freedefer(D);
        continue;
      }
    }
    if (D->Open && openBits(D) == 0) {
      // An open-coded frame with nothing left to run.
      Gp->Defers = D->Link;
      continue;
    }
    D->Started = true;
    D->P = &P;
    // An open-coded frame's state runs its newest pending call and clears
    // that call's bit; the record stays for the rest.
    callDeferred(D->Fn, &P.DeferFP);
    P.DeferFP = 0;
    if (Gp->Defers != D)
      fatal("bad defer entry in panic");
    D->P = nullptr;
    D->Started = false;
    if (!D->Open)
      Gp->Defers = D->Link;
    if (P.Recovered) {
      // A heap record's checkpoint is copied first: the record goes back to
      // the pool (recovery() does not return).
      Checkpoint Ck = D->Ckpt;
      if (!D->Open)
        freedefer(D);
      // Aborted panics live in frames the recovery abandons.
      Gp->Panics = P.Link;
      while (Gp->Panics && Gp->Panics->Aborted)
        Gp->Panics = Gp->Panics->Link;
      if (!Gp->Panics)
        Gp->Sig = 0;
      recovery(Gp, &Ck);
    }
    if (!D->Open)
      freedefer(D);
  }
}

} // namespace

void fatal(const char *Msg) {
  G *Gp = getgOrNull();
  if (!Gp || !Gp->Mp) {
    // Before g0 exists: no buffer, no header.
    printstring("fatal error: ");
    printstring(Msg);
    printstring("\n");
    exit(2);
  }
  if (Gp == Gp->Mp->CurG)
    CrashFP = uintptr_t(__builtin_frame_address(0));
  systemstack(fatalthrowM, const_cast<char *>(Msg));
  exit(2); // not reached
}

void fatalpanic(G *Gp) {
  systemstack(fatalpanicM, Gp);
  exit(2); // not reached
}

} // namespace gort

using namespace gort;

namespace gort {
namespace {

/// A panic in runtime code on the system stack (gc does the same). Out of
/// line: utils/stack_budget.py then does not count its printing as
/// gopanic's use of a goroutine's stack.
[[noreturn]] __attribute__((noinline)) void
panicOnSystemStack(const abi::Type *T, void *Data) {
  printlock();
  printstring("panic: ");
  printany(abi::Eface{T, Data});
  printstring("\n");
  printunlock();
  fatal("panic on system stack");
}

} // namespace
} // namespace gort

extern "C" {

void gort_gopanic(const abi::Type *T, void *Data) {
  G *Gp = getg();
  if (Gp != Gp->Mp->CurG)
    panicOnSystemStack(T, Data);
  Panic P = {};
  P.Arg = abi::Eface{T, Data};
  P.Link = Gp->Panics;
  Gp->Panics = &P;
  runDefers(Gp, &P);
  preprintpanics(Gp->Panics);
  CrashFP = uintptr_t(__builtin_frame_address(0));
  fatalpanic(Gp);
}

// runtime.Goexit: runs the goroutine's deferred calls (recover returns nil
// in them: the Goexit "panic" is not recoverable) and ends the goroutine.
void runtime_Goexit(void *) {
  G *Gp = getg();
  Panic P = {};
  P.Goexit = true;
  P.Link = Gp->Panics;
  Gp->Panics = &P;
  runDefers(Gp, &P);
  Gp->Panics = P.Link;
  gort_goexit_current();
}

// The C part of gort_deferproc (asm_<goarch>.S), on the goroutine stack:
// links the record; the assembly then writes the checkpoint into it.
Defer *gort_deferproc1(void *Frame, const abi::FuncVal *Fn, void *Rec) {
  G *Gp = getg();
  Defer *D = Rec ? static_cast<Defer *>(Rec) : newdefer();
  D->Link = Gp->Defers;
  D->Frame = Frame;
  D->Fn = Fn;
  D->P = nullptr;
  D->Started = false;
  D->Heap = !Rec;
  D->Open = false;
  Gp->Defers = D;
  return D;
}

void *gort_newdefer() { return newdefer(); }

// The C part of gort_deferprocinline: links Rec (from gort_newdefer), whose
// inline space holds the call's closure; the assembly then writes the
// checkpoint into it.
Defer *gort_deferprocinline1(void *Frame, void *Rec) {
  G *Gp = getg();
  Defer *D = static_cast<Defer *>(Rec);
  D->Link = Gp->Defers;
  D->Frame = Frame;
  D->Fn = reinterpret_cast<const abi::FuncVal *>(
      reinterpret_cast<uintptr_t>(D) + abi::DeferRecordSize);
  D->P = nullptr;
  D->Started = false;
  D->Heap = true;
  D->Open = false;
  Gp->Defers = D;
  return D;
}

void gort_deferpop(void *Rec) {
  G *Gp = getg();
  if (Gp->Defers != Rec)
    fatal("bad defer entry in deferpop");
  Gp->Defers = static_cast<Defer *>(Rec)->Link;
}

void gort_deferreturn(void *Frame) {
  G *Gp = getg();
  for (;;) {
    Defer *D = Gp->Defers;
    if (!D || D->Frame != Frame)
      return;
    Gp->Defers = D->Link;
    // The record goes back to the pool after the call: its closure may
    // live in it (gort_deferprocinline).
    gort_calldeferred(D->Fn, nullptr);
    freedefer(D);
  }
}

abi::Eface gort_gorecover(void *FP) {
  G *Gp = getg();
  Panic *P = Gp->Panics;
  if (P && !P->Goexit && !P->Recovered && P->DeferFP &&
      calledByDeferredCall(uintptr_t(FP), P->DeferFP)) {
    P->Recovered = true;
    return P->Arg;
  }
  return abi::Eface{nullptr, nullptr};
}

void gort_panicdivide() {
  gort_gopanic(&ErrorStringType, const_cast<abi::String *>(&DivideError));
}

void gort_panicshift() {
  gort_gopanic(&ErrorStringType, const_cast<abi::String *>(&ShiftError));
}

__attribute__((noinline)) void gort_panicmem() {
  // Compiled code checks for nil explicitly and calls this; report it as gc
  // reports the fault it relies on (gc: sigpanic + panicmem).
  G *Gp = getg();
  Gp->Sig = SIGSEGV;
  Gp->SigCode0 = 1; // SEGV_MAPERR
  Gp->SigCode1 = 0; // fault address
  Gp->SigPC = GORT_CALLERPC();
  gort_gopanic(&ErrorStringType, const_cast<abi::String *>(&MemoryError));
}

void gort_panicBounds(int64_t X, int64_t Y, uint32_t Code) {
  BoundsError *E = static_cast<BoundsError *>(
      mallocgc(sizeof(BoundsError), &BoundsErrorType, true));
  E->X = X;
  E->Y = intptr_t(Y);
  E->Signed = (Code & abi::BoundsSigned) != 0;
  E->Code = abi::BoundsKind(Code & abi::BoundsKindMask);
  gort_gopanic(&BoundsErrorType, E);
}

} // extern "C"
