//===- runtime/stdlib_reflect.cpp - Runtime services for reflection -------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The runtime functions that internal/reflectlite (errors, sort, and
// through them most of the standard library) and reflect declare without
// bodies and gc's runtime pushes to them by //go:linkname (gc: malloc.go,
// mbarrier.go, iface.go, chan.go, map.go, runtime1.go reflect_* and
// reflectlite_*), and internal/abi's FuncPC intrinsics. libgort defines
// them under the packages' symbols ("internal/reflectlite.unsafe_New")
// with the Go calling convention of libgort/abi.h: a closure context
// first, then the arguments (an interface{} as its two words, a slice as
// three); two results come back as two words (bools in the low byte).
//
// reflect's calls -- runtime.reflectcall and the code of the func values
// MakeFunc and method values make -- are reflectcall.cpp's.
// reflect.typelinks is Go (runtime/go/reflect.go) over runtime/type.cpp's.
//
// reflectlite reads type descriptors from its own unmodified source; the
// layout it expects is libgort/abi.h's, and names and offsets resolve
// through runtime/type.cpp as everywhere else.
//
// Every copy and clear into memory that may hold pointers runs the write
// barrier while a mark runs (mgc.h: wbMove, wbClear), as gc's typedmemmove,
// typedmemclr and typedslicecopy do.
//
//===----------------------------------------------------------------------===//

#include "runtime/abi_entry.h"
#include "runtime/alg.h"
#include "runtime/chan.h"
#include "runtime/malloc.h"
#include "runtime/map.h"
#include "runtime/mgc.h"
#include "runtime/mheap.h"
#include "runtime/panic.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"
#include "runtime/type.h"

using namespace gort;

extern "C" {

#define GORT_REFLECTLITE(Result, Name, ...)                                    \
  Result reflectlite_##Name(void *, __VA_ARGS__) __asm__(                      \
      "internal/reflectlite." #Name);                                          \
  Result reflectlite_##Name(void *, __VA_ARGS__)

// gc: reflectlite_unsafe_New.
GORT_REFLECTLITE(void *, unsafe_New, const abi::Type *T) {
  return mallocgc(T->Size, T, true);
}

// gc: reflectlite_typedmemmove.
GORT_REFLECTLITE(void, typedmemmove, const abi::Type *T, void *Dst,
                 const void *Src) {
  if (Dst != Src && T->Size)
    wbMove(Dst, Src, T->Size);
}

// gc: reflectlite_ifaceE2I; panics as a failed assertion when E's type
// does not implement Inter.
GORT_REFLECTLITE(void, ifaceE2I, const abi::Type *Inter, const abi::Type *ET,
                 void *EData, abi::Iface *Dst) {
  auto Tab = gort_assertE2I(Inter, ET);
  wbStore(reinterpret_cast<void **>(&Dst->Data), EData);
  Dst->Tab = Tab;
}

// gc: reflectlite_chanlen.
GORT_REFLECTLITE(intptr_t, chanlen, const void *C) {
  if (!C)
    return 0;
  return *reinterpret_cast<const intptr_t *>(static_cast<const uint8_t *>(C) +
                                             abi::ChanQCountOffset);
}

// gc: reflectlite_maplen.
GORT_REFLECTLITE(intptr_t, maplen, const void *M) {
  if (!M)
    return 0;
  return *reinterpret_cast<const intptr_t *>(static_cast<const uint8_t *>(M) +
                                             abi::MapCountOffset);
}

// gc: reflectlite_resolveNameOff.
GORT_REFLECTLITE(const void *, resolveNameOff, const void *Base, int32_t Off) {
  return resolveNameOff(Base, Off);
}

// gc: reflectlite_resolveTypeOff.
GORT_REFLECTLITE(const void *, resolveTypeOff, const void *Base, int32_t Off) {
  return resolveTypeOff(Base, Off);
}

#undef GORT_REFLECTLITE

//===--- reflect ----------------------------------------------------------===//

#define GORT_REFLECT(Result, Name, ...)                                        \
  Result reflect_##Name(void *, __VA_ARGS__) __asm__("reflect." #Name);        \
  Result reflect_##Name(void *, __VA_ARGS__)

using abi::Words2;

GORT_REFLECT(void *, unsafe_New, const abi::Type *T) {
  return reflectlite_unsafe_New(nullptr, T);
}

// gc: reflect_unsafe_NewArray (newarray; reflect checks N first).
GORT_REFLECT(void *, unsafe_NewArray, const abi::Type *T, intptr_t N) {
  return gort_makeslice(T, N, N);
}

GORT_REFLECT(void, typedmemmove, const abi::Type *T, void *Dst,
             const void *Src) {
  reflectlite_typedmemmove(nullptr, T, Dst, Src);
}

GORT_REFLECT(void, typedmemmovepartial, const abi::Type *, void *Dst,
             const void *Src, uintptr_t Off, uintptr_t Size) {
  wbMove(static_cast<uint8_t *>(Dst) + Off,
         static_cast<const uint8_t *>(Src) + Off, Size);
}

GORT_REFLECT(void, typedmemclr, const abi::Type *T, void *P) {
  wbClear(P, T->Size);
}

GORT_REFLECT(void, typedmemclrpartial, const abi::Type *, void *P,
             uintptr_t Off, uintptr_t Size) {
  wbClear(static_cast<uint8_t *>(P) + Off, Size);
}

// func typedslicecopy(elemType *rtype, dst, src unsafeheader.Slice) int
// unsafeheader.Slice is a struct, so each arrives as a pointer to the
// caller's copy (codegen/lower.h, the Go calling convention), not as the
// three words a slice is passed as.
GORT_REFLECT(intptr_t, typedslicecopy, const abi::Type *T,
             const abi::Slice *Dst, const abi::Slice *Src) {
  intptr_t N = Dst->Len < Src->Len ? Dst->Len : Src->Len;
  if (N > 0 && Dst->Ptr != Src->Ptr)
    wbMove(Dst->Ptr, Src->Ptr, uintptr_t(N) * T->Size);
  return N;
}

GORT_REFLECT(void, memmove, void *Dst, const void *Src, uintptr_t N) {
  wbMove(Dst, Src, N);
}

GORT_REFLECT(uintptr_t, typehash, const abi::Type *T, const void *P,
             uintptr_t H) {
  return reflectTypehash(T, P, H);
}

// gc: reflect_verifyNotInHeapPtr; p must not point into the Go heap.
GORT_REFLECT(bool, verifyNotInHeapPtr, uintptr_t P) {
  return spanOf(P) == nullptr;
}

GORT_REFLECT(void, ifaceE2I, const abi::Type *Inter, const abi::Type *ET,
             void *EData, abi::Iface *Dst) {
  reflectlite_ifaceE2I(nullptr, Inter, ET, EData, Dst);
}

GORT_REFLECT(const void *, resolveNameOff, const void *Base, int32_t Off) {
  return resolveNameOff(Base, Off);
}

GORT_REFLECT(const void *, resolveTypeOff, const void *Base, int32_t Off) {
  return resolveTypeOff(Base, Off);
}

GORT_REFLECT(void *, resolveTextOff, const abi::Type *T, int32_t Off) {
  return resolveTextOff(T, Off);
}

// Channels (gc: reflect_makechan, chansend, chanrecv ...).
GORT_REFLECT(void *, makechan, const abi::ChanType *T, intptr_t Size) {
  return gort_makechan(T, Size);
}

GORT_REFLECT(intptr_t, chanlen, const void *C) {
  return reflectlite_chanlen(nullptr, C);
}

GORT_REFLECT(intptr_t, chancap, const void *C) {
  if (!C)
    return 0;
  return *reinterpret_cast<const intptr_t *>(static_cast<const uint8_t *>(C) +
                                             abi::ChanDataqsizOffset);
}

GORT_REFLECT(void, chanclose, void *C) { gort_closechan(C); }

// func chansend(ch unsafe.Pointer, val unsafe.Pointer, nb bool) bool
GORT_REFLECT(bool, chansend, void *C, void *Val, uint8_t NB) {
  if (NB & 1)
    return gort_selectnbsend(C, Val);
  gort_chansend1(C, Val);
  return true;
}

// func chanrecv(ch unsafe.Pointer, nb bool, val unsafe.Pointer)
//     (selected, received bool)
GORT_REFLECT(Words2, chanrecv, void *C, uint8_t NB, void *Val) {
  if (NB & 1) {
    abi::SelectResult R = gort_selectnbrecv(Val, C);
    return {uintptr_t(R.First != 0), uintptr_t(R.Second != 0)};
  }
  return {1, uintptr_t(gort_chanrecv2(C, Val))};
}

// Maps (gc: reflect_makemap, mapaccess, mapassign ...).
GORT_REFLECT(void *, makemap, const abi::MapType *T, intptr_t Hint) {
  return gort_makemap(T, Hint, nullptr);
}

GORT_REFLECT(void *, mapaccess, const abi::MapType *T, void *M,
             const void *Key) {
  return gort_mapaccess2(T, M, Key);
}

GORT_REFLECT(void *, mapaccess_faststr, const abi::MapType *T, void *M,
             const uint8_t *KeyPtr, intptr_t KeyLen) {
  return gort_mapaccess2_faststr(T, M, KeyPtr, KeyLen);
}

GORT_REFLECT(void, mapassign, const abi::MapType *T, void *M, const void *Key,
             const void *Val) {
  void *Slot = gort_mapassign(T, M, Key);
  wbMove(Slot, Val, T->Elem->Size);
}

GORT_REFLECT(void, mapassign_faststr, const abi::MapType *T, void *M,
             const uint8_t *KeyPtr, intptr_t KeyLen, const void *Val) {
  void *Slot = gort_mapassign_faststr(T, M, KeyPtr, KeyLen);
  wbMove(Slot, Val, T->Elem->Size);
}

GORT_REFLECT(void, mapdelete, const abi::MapType *T, void *M, const void *Key) {
  gort_mapdelete(T, M, Key);
}

GORT_REFLECT(void, mapdelete_faststr, const abi::MapType *T, void *M,
             const uint8_t *KeyPtr, intptr_t KeyLen) {
  gort_mapdelete_faststr(T, M, KeyPtr, KeyLen);
}

GORT_REFLECT(void, mapiterinit, const abi::MapType *T, void *M,
             abi::MapIter *It) {
  gort_mapiterinit(T, M, It);
}

GORT_REFLECT(void, mapiternext, abi::MapIter *It) { gort_mapiternext(It); }

GORT_REFLECT(void *, mapiterkey, abi::MapIter *It) { return It->Key; }

GORT_REFLECT(void *, mapiterelem, abi::MapIter *It) { return It->Elem; }

GORT_REFLECT(intptr_t, maplen, const void *M) {
  return reflectlite_maplen(nullptr, M);
}

// func rselect([]runtimeSelect) (chosen int, recvOK bool) (gc:
// reflect_rselect): sends first, then receives, as selectgo wants them.
struct RuntimeSelect {
  uintptr_t Dir; ///< 1 send, 2 receive, 3 default (reflect.SelectDir)
  const abi::Type *Typ;
  void *C;
  void *Val;
};
GORT_REFLECT(Words2, rselect, RuntimeSelect *Cases, intptr_t N, intptr_t) {
  if (N == 0)
    gort_block();
  auto *Sel = static_cast<abi::SelectCase *>(
      mallocgc(uintptr_t(N) * sizeof(abi::SelectCase), nullptr, true));
  auto *Orig = static_cast<intptr_t *>(
      mallocgc(uintptr_t(N) * sizeof(intptr_t), nullptr, false));
  intptr_t NSends = 0, NRecvs = 0, Dflt = -1;
  for (intptr_t I = 0; I < N; I++) {
    intptr_t J;
    switch (Cases[I].Dir) {
    case 3:
      Dflt = I;
      continue;
    case 1:
      J = NSends++;
      break;
    default:
      NRecvs++;
      J = N - NRecvs;
      break;
    }
    Sel[J] = {Cases[I].C, Cases[I].Val};
    Orig[J] = I;
  }
  if (NSends + NRecvs == 0)
    return {uintptr_t(Dflt), 0};
  if (NSends + NRecvs < N)
    for (intptr_t K = 0; K < NRecvs; K++) {
      Sel[NSends + K] = Sel[N - NRecvs + K];
      Orig[NSends + K] = Orig[N - NRecvs + K];
    }
  auto *Order = static_cast<uint16_t *>(mallocgc(
      uintptr_t(2 * (NSends + NRecvs)) * sizeof(uint16_t), nullptr, false));
  abi::SelectResult R = gort_selectgo(Sel, Order, NSends, NRecvs, Dflt == -1);
  intptr_t Chosen = R.First < 0 ? Dflt : Orig[R.First];
  return {uintptr_t(Chosen), uintptr_t(R.Second != 0)};
}

// gc: reflect_addReflectOff; the id of a pointer reflect made at run time
// (runtime/type.cpp).
GORT_REFLECT(int32_t, addReflectOff, const void *P) { return addReflectOff(P); }

#undef GORT_REFLECT

// internal/abi.FuncPCABI0 and FuncPCABIInternal (gc: compiler intrinsics):
// the code address of the function whose func value f holds.
uintptr_t
abiFuncPCABI0(void *, const abi::Type *,
              const abi::FuncVal *F) __asm__("internal/abi.FuncPCABI0");
uintptr_t abiFuncPCABI0(void *, const abi::Type *, const abi::FuncVal *F) {
  return reinterpret_cast<uintptr_t>(F->Fn);
}
uintptr_t abiFuncPCABIInternal(
    void *, const abi::Type *,
    const abi::FuncVal *F) __asm__("internal/abi.FuncPCABIInternal");
uintptr_t abiFuncPCABIInternal(void *, const abi::Type *,
                               const abi::FuncVal *F) {
  return reinterpret_cast<uintptr_t>(F->Fn);
}

// syscall.Exit (gc: runtime.exit, pushed as syscall.Exit).
void syscallExit(void *, int64_t Code) __asm__("syscall.Exit");
void syscallExit(void *, int64_t Code) { gort::exit(int32_t(Code)); }

} // extern "C"
