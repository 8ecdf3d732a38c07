//===- runtime/panic.cpp - panic, run-time errors and fatal errors ---------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Go's panic and the runtime's fatal error (gc: panic.go, error.go printany).
//
// panic(v): compiled code calls gort_gopanic(type, data) with the value as an
// interface{}. Run-time errors (gort_panicBounds, gort_panicdivide,
// gort_panicshift, gort_panicmem) build such a value of a runtime error type
// (error.cpp) and call gopanic too, so recover will see them as gc's
// runtime.Error values.
//
// gopanic, in order:
//   1. Push a Panic record (in gopanic's frame) on G::Panics.
//   2. (With defer support: run the deferred calls; a recover() stops the
//      panic and resumes the deferring function. Not yet: step 3 follows.)
//   3. fatalpanic: on the system stack, print the chain of panics oldest
//      first as "panic: VALUE" (gc: printpanics/printany), the signal line if
//      the panic came from a fault (gort_panicmem), a blank line and the
//      goroutine header, then exit(2).
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
// before doing anything deep.
//
// Not yet (with methods and defer): calling a panic value's Error or String
// method before printing (gc: preprintpanics); tracebacks after the
// goroutine header.
//
//===----------------------------------------------------------------------===//

#include "runtime/panic.h"

#include "runtime/abi_entry.h"
#include "runtime/error.h"
#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/print.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"

namespace gort {

namespace {

Mutex PanicLock;

/// gc: gStatusStrings.
constexpr const char *GStatusStrings[] = {
    "idle", "runnable", "running", "syscall", "waiting", "dead", "dead",
};

/// Names of the predeclared basic types, indexed by abi::Kind; a panic value
/// of one of these types prints as its bare value (gc: printany's cases).
constexpr const char *BasicTypeNames[] = {
    "",       "bool",    "int",        "int8",      "int16",   "int32",
    "int64",  "uint",    "uint8",      "uint16",    "uint32",  "uint64",
    "uintptr", "float32", "float64",   "complex64", "complex128",
};
constexpr unsigned NumBasicTypeNames =
    sizeof(BasicTypeNames) / sizeof(BasicTypeNames[0]);
static_assert(NumBasicTypeNames == abi::KindComplex128 + 1);

bool equalsCString(const abi::String &S, const char *C) {
  intptr_t I = 0;
  for (; I < S.Len; I++)
    if (C[I] == 0 || C[I] != char(S.Ptr[I]))
      return false;
  return C[I] == 0;
}

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
    if (equalsCString(E.Typ->Str, Basic)) {
      // A predeclared type: the bare value.
      printBasic(K, E.Data);
      return;
    }
    // A defined type of basic kind: main.T(5), main.S("x"), main.C(+1...i).
    printstring(E.Typ->Str.Ptr, E.Typ->Str.Len);
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
  printstring(E.Typ->Str.Ptr, E.Typ->Str.Len);
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
  if (Gp) {
    printstring("\n");
    goroutineheader(Gp);
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

} // namespace

void goroutineheader(G *Gp) {
  uint32_t Status = Gp->Status;
  const char *S = Status < sizeof(GStatusStrings) / sizeof(GStatusStrings[0])
                      ? GStatusStrings[Status]
                      : "???";
  printstring("goroutine ");
  printint(Gp->Goid);
  printstring(" [");
  printstring(S);
  printstring("]:\n");
}

void fatal(const char *Msg) {
  G *Gp = getgOrNull();
  if (!Gp || !Gp->Mp) {
    // Before g0 exists: no buffer, no header.
    printstring("fatal error: ");
    printstring(Msg);
    printstring("\n");
    exit(2);
  }
  systemstack(fatalthrowM, const_cast<char *>(Msg));
  exit(2); // not reached
}

void fatalpanic(G *Gp) {
  systemstack(fatalpanicM, Gp);
  exit(2); // not reached
}

} // namespace gort

using namespace gort;

extern "C" {

void gort_gopanic(const abi::Type *T, void *Data) {
  G *Gp = getg();
  if (Gp != Gp->Mp->CurG) {
    // A panic in runtime code on the system stack (gc does the same).
    printlock();
    printstring("panic: ");
    printany(abi::Eface{T, Data});
    printstring("\n");
    printunlock();
    fatal("panic on system stack");
  }
  Panic P = {};
  P.Arg = abi::Eface{T, Data};
  P.Link = Gp->Panics;
  Gp->Panics = &P;
  // Deferred calls run here once defer exists; for now no recover can stop
  // the panic.
  fatalpanic(Gp);
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
