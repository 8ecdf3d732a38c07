//===- runtime/mfinal_fing.cpp - SetFinalizer and the finalizer goroutine -===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// runtime.SetFinalizer's checks, and the goroutine that runs finalizers
// (gc: mfinal.go's SetFinalizer, createfing, runfinq). mfinal.cpp keeps the
// finalizers that are set and, with the collector, decides when one is
// due; see its note for the life of a finalizer.
//
// SetFinalizer(obj, f) follows gc's rules and messages: obj must be a
// pointer to the start of a heap object (or inside a pointer-free object
// smaller than 16 bytes, which may share a tiny block); pointers to
// globals and to the zero-size base are accepted and ignored; f nil
// removes the finalizer; f must be a non-variadic function of one
// parameter to which obj is assignable -- obj's own type, a pointer type
// with the same element type when one of the two is unnamed, or an
// interface obj implements; setting a second finalizer throws.
//
// The finalizer goroutine (Fing) starts at the first SetFinalizer. It
// takes the whole queue, calls each finalizer, and parks ("finalizer
// wait") when the queue is empty; the collector wakes it after a cycle
// that queued finalizers (wakefing). While it waits it is a system
// goroutine, invisible to NumGoroutine, tracebacks and the deadlock check;
// while it runs user code it is not (gc: fingRunning), so a finalizer that
// panics or blocks shows up as gc's does.
//
// A finalizer of any signature is called through reflectcall.cpp's model
// of gortc's calling convention (callWithWords): its parameter is a
// pointer (one word) or an interface (two words: the type, or an itab made
// now, and the object pointer); its results, whatever their shape, are
// dropped, as gc drops them.
//
//===----------------------------------------------------------------------===//

#include "runtime/mfinal.h"

#include "runtime/abi_entry.h"
#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/mheap.h"
#include "runtime/os_linux.h"
#include "runtime/panic.h"
#include "runtime/proc.h"
#include "runtime/reflectcall.h"
#include "runtime/runtime_pkg.h"
#include "runtime/stubs.h"
#include "runtime/type.h"

namespace gort {

namespace {

/// Set once the finalizer goroutine has been started (atomic).
uint32_t FingStarted;
/// Guards Fing and FingWait: the finalizer goroutine, set by itself when
/// it first parks, and whether it is parked waiting for work.
Mutex FingLock;
G *Fing;
bool FingWait;

/// Appends S to Buf at *N (a fixed buffer, cut at its end).
void append(char *Buf, size_t Cap, size_t *N, const char *S, intptr_t Len) {
  for (intptr_t I = 0; I < Len && *N + 1 < Cap; I++)
    Buf[(*N)++] = S[I];
  Buf[*N] = 0;
}
void append(char *Buf, size_t Cap, size_t *N, const char *S) {
  intptr_t Len = 0;
  while (S[Len])
    Len++;
  append(Buf, Cap, N, S, Len);
}
void append(char *Buf, size_t Cap, size_t *N, const abi::Type *T) {
  abi::String S = typeString(T);
  append(Buf, Cap, N, reinterpret_cast<const char *>(S.Ptr), S.Len);
}

/// The message of throwTypes: static, as this runs on a goroutine stack
/// (the lock is never released: the process ends).
char ThrowBuf[512];
Mutex ThrowLock;

/// Throws "runtime.SetFinalizer: " A T1 B T2 C, as gc's messages built
/// from type strings.
[[noreturn]] void throwTypes(const char *A, const abi::Type *T1,
                             const char *B = nullptr,
                             const abi::Type *T2 = nullptr,
                             const char *C = nullptr) {
  lock(&ThrowLock);
  char *Buf = ThrowBuf;
  size_t N = 0;
  append(Buf, sizeof(ThrowBuf), &N, "runtime.SetFinalizer: ");
  append(Buf, sizeof(ThrowBuf), &N, A);
  append(Buf, sizeof(ThrowBuf), &N, T1);
  if (B)
    append(Buf, sizeof(ThrowBuf), &N, B);
  if (T2)
    append(Buf, sizeof(ThrowBuf), &N, T2);
  if (C)
    append(Buf, sizeof(ThrowBuf), &N, C);
  fatal(Buf);
}

/// Calls R's finalizer with R's object (gc: the body of runfinq's loop).
void callFinalizer(const Finalizer &R) {
  uint64_t W[2];
  unsigned N = 0;
  if ((R.Fint->Kind & abi::KindMask) == abi::KindInterface) {
    const auto *IT = reinterpret_cast<const abi::InterfaceType *>(R.Fint);
    if (IT->NumMethods == 0)
      W[N++] = uintptr_t(R.Ot);
    else
      W[N++] = uintptr_t(gort_assertE2I(R.Fint, &R.Ot->T));
  }
  W[N++] = R.Obj;
  callWithWords(R.Fn, R.FT, W, N);
}

/// Parks Fing until the queue has work; FingLock held, released here.
void fingPark() {
  Fing = getg();
  FingWait = true;
  goparkunlock(&FingLock, WaitReason::FinalizerWait);
}

/// The finalizer goroutine's body (gc: runfinq).
void runfinq(void *) {
  G *Self = getg();
  for (;;) {
    Finalizer R;
    if (!nextFinalizer(&R)) {
      lock(&FingLock);
      // The queue only grows during a cycle, and wakefing runs after it
      // under FingLock: checked again here, nothing is missed.
      if (numQueuedFinalizers() == 0)
        fingPark();
      else
        unlock(&FingLock);
      continue;
    }
    // Running user code: a goroutine like any other (gc: fingRunning).
    setSystemGoroutine(Self, false);
    callFinalizer(R);
    setSystemGoroutine(Self, true);
    // R, on this stack, kept the object alive through the call.
    __asm__ volatile("" : : "r"(&R) : "memory");
  }
}

/// Starts the finalizer goroutine once (gc: createfing).
void createfing() {
  if (atomic::load(&FingStarted) || !atomic::cas(&FingStarted, 0u, 1u))
    return;
  newSystemGoroutine(runfinq, nullptr);
}

/// Whether P is in the program's writable segments (its globals).
uintptr_t ProbeAddr;
bool ProbeFound;
void probeSegment(uintptr_t Lo, uintptr_t Hi) {
  if (ProbeAddr >= Lo && ProbeAddr < Hi)
    ProbeFound = true;
}
Mutex ProbeLock;
bool isGlobal(uintptr_t P) {
  lock(&ProbeLock);
  ProbeAddr = P;
  ProbeFound = false;
  forEachWritableSegment(probeSegment);
  bool Found = ProbeFound;
  unlock(&ProbeLock);
  return Found;
}

} // namespace

void wakefing() {
  if (numQueuedFinalizers() == 0)
    return;
  lock(&FingLock);
  G *Gp = FingWait ? Fing : nullptr;
  FingWait = false;
  unlock(&FingLock);
  if (Gp)
    goready(Gp);
}

} // namespace gort

using namespace gort;

extern "C" void runtime_SetFinalizer(void *, const void *ObjType,
                                     const void *ObjData, const void *FinType,
                                     const void *FinData) {
  const auto *Etyp = static_cast<const abi::Type *>(ObjType);
  if (!Etyp)
    fatal("runtime.SetFinalizer: first argument is nil");
  if ((Etyp->Kind & abi::KindMask) != abi::KindPointer)
    throwTypes("first argument is ", Etyp, ", not pointer");
  const auto *Ot = reinterpret_cast<const abi::PtrType *>(Etyp);
  if (!Ot->Elem)
    fatal("nil elem type!");
  uintptr_t Obj = uintptr_t(ObjData);
  MSpan *S = spanOfHeap(Obj);
  if (!S || Obj >= S->Limit || S->isFree(S->objIndex(Obj))) {
    // Zero-size objects and globals have no finalizer, as in gc.
    if (Obj == uintptr_t(zeroBase()) || isGlobal(Obj))
      return;
    fatal("runtime.SetFinalizer: pointer not in allocated block");
  }
  uintptr_t Base = S->base() + S->objIndex(Obj) * S->ElemSize;
  if (Obj != Base && (Ot->Elem->PtrData != 0 || Ot->Elem->Size >= MaxTinySize))
    fatal("runtime.SetFinalizer: pointer not at beginning of allocated block");

  const auto *Ftyp = static_cast<const abi::Type *>(FinType);
  if (!Ftyp) {
    removeFinalizer(Obj);
    return;
  }
  if ((Ftyp->Kind & abi::KindMask) != abi::KindFunc)
    throwTypes("second argument is ", Ftyp, ", not a function");
  const auto *FT = reinterpret_cast<const abi::FuncType *>(Ftyp);
  if (FT->OutCount & abi::FuncVariadic)
    throwTypes("cannot pass ", Etyp, " to finalizer ", Ftyp,
               " because dotdotdot");
  if (FT->InCount != 1)
    throwTypes("cannot pass ", Etyp, " to finalizer ", Ftyp);
  const abi::Type *Fint = funcParams(FT)[0];
  bool Ok = Fint == Etyp;
  if (!Ok && (Fint->Kind & abi::KindMask) == abi::KindPointer)
    Ok = (!uncommon(Fint) || !uncommon(Etyp)) &&
         reinterpret_cast<const abi::PtrType *>(Fint)->Elem == Ot->Elem;
  if (!Ok && (Fint->Kind & abi::KindMask) == abi::KindInterface)
    Ok = reinterpret_cast<const abi::InterfaceType *>(Fint)->NumMethods == 0 ||
         gort_assertE2I2(Fint, Etyp) != nullptr;
  if (!Ok)
    throwTypes("cannot pass ", Etyp, " to finalizer ", Ftyp);

  createfing();
  Finalizer R = {};
  R.Obj = Obj;
  R.Fn = static_cast<const abi::FuncVal *>(FinData);
  R.FT = FT;
  R.Fint = Fint;
  R.Ot = Ot;
  if (!addFinalizer(R))
    fatal("runtime.SetFinalizer: finalizer already set");
}
