//===- runtime/type.cpp - Reading type descriptors ------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Names, offsets and strings of type descriptors (gc: type.go). See type.h
// for the layout's rules; this file is the only code that resolves an
// offset.
//
//===----------------------------------------------------------------------===//

#include "runtime/type.h"

#include "runtime/heapsort.h"
#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/mheap.h"
#include "runtime/panic.h"
#include "runtime/stubs.h"

namespace gort {

// gc's sizes, which reflect hard-codes (its uncommon() adds them).
static_assert(sizeof(abi::PtrType) == 56 && sizeof(abi::SliceType) == 56);
static_assert(sizeof(abi::ArrayType) == 72 && sizeof(abi::ChanType) == 64);
static_assert(sizeof(abi::StructType) == 80 &&
              sizeof(abi::InterfaceType) == 80);
static_assert(sizeof(abi::FuncType) == 56 && sizeof(abi::MapType) == 88);
static_assert(sizeof(abi::UncommonType) == 16 && sizeof(abi::Method) == 16);
static_assert(sizeof(abi::StructField) == 24 && sizeof(abi::IMethod) == 8);

namespace {

/// gc: name.readvarint. Returns the value; *Len gets the bytes it used.
uintptr_t readVarint(const uint8_t *P, unsigned *Len) {
  uintptr_t V = 0;
  for (unsigned I = 0;; I++) {
    uint8_t X = P[I];
    V += uintptr_t(X & 0x7f) << (7 * I);
    if (!(X & 0x80)) {
      *Len = I + 1;
      return V;
    }
  }
}

/// Descriptors and names made by compiled code live outside the Go heap;
/// one inside it was made at run time (reflect).
bool isStatic(const void *Base) {
  return spanOf(reinterpret_cast<uintptr_t>(Base)) == nullptr;
}

/// Pointers reflect made at run time, by id: id -1 is ReflectOffs[0]
/// (gc: reflectOffs). The array is in the Go heap, scanned, so the
/// objects stay alive.
Mutex ReflectOffsLock;
const void **ReflectOffs;
int32_t NReflectOffs, CapReflectOffs;

const void *reflectOff(int32_t Id) {
  lock(&ReflectOffsLock);
  const void *P =
      Id < 0 && -Id <= NReflectOffs ? ReflectOffs[-Id - 1] : nullptr;
  unlock(&ReflectOffsLock);
  return P;
}

} // namespace

/// gc: unreachableMethod. The code of a method table entry whose TextOff is
/// -1, and of every entry the link pruned: the link binds such an entry's
/// gort.mref symbol here (tools/gortc/deadcode.cpp). An itab the runtime
/// builds may hold it; no call reaches it, as no kept code calls the
/// method dynamically.
extern "C" [[noreturn]] void gort_unreachableMethod() {
  fatal("unreachable method called. linker bug?");
}

int32_t addReflectOff(const void *P) {
  lock(&ReflectOffsLock);
  for (int32_t I = 0; I < NReflectOffs; I++)
    if (ReflectOffs[I] == P) {
      unlock(&ReflectOffsLock);
      return -I - 1;
    }
  if (NReflectOffs == CapReflectOffs) {
    int32_t Cap = CapReflectOffs ? CapReflectOffs * 2 : 16;
    auto *New = static_cast<const void **>(
        mallocgc(uintptr_t(Cap) * sizeof(void *), nullptr, true));
    for (int32_t I = 0; I < NReflectOffs; I++)
      New[I] = ReflectOffs[I];
    ReflectOffs = New;
    CapReflectOffs = Cap;
  }
  ReflectOffs[NReflectOffs++] = P;
  int32_t Id = -NReflectOffs;
  unlock(&ReflectOffsLock);
  return Id;
}

bool equalStrings(const abi::String &A, const abi::String &B) {
  return A.Len == B.Len &&
         (A.Ptr == B.Ptr || memcmp(A.Ptr, B.Ptr, size_t(A.Len)) == 0);
}

abi::String nameString(const uint8_t *N) {
  if (!N)
    return {nullptr, 0};
  unsigned I;
  uintptr_t L = readVarint(N + 1, &I);
  return {N + 1 + I, intptr_t(L)};
}

abi::String namePkgPath(const uint8_t *N) {
  if (!N || !(N[0] & abi::NameHasPkgPath))
    return {nullptr, 0};
  unsigned I;
  uintptr_t Off = 1 + readVarint(N + 1, &I);
  Off += I;
  if (N[0] & abi::NameHasTag) {
    uintptr_t TL = readVarint(N + Off, &I);
    Off += I + TL;
  }
  abi::NameOff PO;
  __builtin_memcpy(&PO, N + Off, sizeof(PO));
  return nameString(resolveNameOff(N, PO));
}

namespace {
/// Base + Off for a base compiled code made; from a base reflect made at
/// run time, Off is the id addReflectOff gave (gc: resolveNameOff's and
/// resolveTypeOff's fallback). What names the offset's kind for the throw.
const uint8_t *resolveOff(const void *Base, int32_t Off, const char *Throw) {
  if (isStatic(Base))
    return static_cast<const uint8_t *>(Base) + Off;
  const void *P = reflectOff(Off);
  if (!P)
    fatal(Throw);
  return static_cast<const uint8_t *>(P);
}
} // namespace

const uint8_t *resolveNameOff(const void *Base, abi::NameOff Off) {
  if (Off == 0)
    return nullptr;
  return resolveOff(Base, Off,
                    "runtime: name offset base pointer out of range");
}

const abi::Type *resolveTypeOff(const void *Base, abi::TypeOff Off) {
  if (Off == 0 || Off == -1)
    return nullptr;
  return reinterpret_cast<const abi::Type *>(
      resolveOff(Base, Off, "runtime: type offset base pointer out of range"));
}

void *resolveTextOff(const abi::Type *T, abi::TextOff Off) {
  if (Off == -1)
    return reinterpret_cast<void *>(&gort_unreachableMethod);
  return const_cast<uint8_t *>(
      resolveOff(T, Off, "runtime: text offset base pointer out of range"));
}

abi::String typeString(const abi::Type *T) {
  abi::String S = nameString(resolveNameOff(T, T->Str));
  if ((T->TFlag & abi::TFlagExtraStar) && S.Len > 0)
    return {S.Ptr + 1, S.Len - 1};
  return S;
}

const abi::UncommonType *uncommon(const abi::Type *T) {
  if (!(T->TFlag & abi::TFlagUncommon))
    return nullptr;
  // The UncommonType follows the kind-specific part of the descriptor.
  uintptr_t Off;
  switch (T->Kind & abi::KindMask) {
  case abi::KindPointer:
    Off = sizeof(abi::PtrType);
    break;
  case abi::KindSlice:
    Off = sizeof(abi::SliceType);
    break;
  case abi::KindArray:
    Off = sizeof(abi::ArrayType);
    break;
  case abi::KindChan:
    Off = sizeof(abi::ChanType);
    break;
  case abi::KindStruct:
    Off = sizeof(abi::StructType);
    break;
  case abi::KindInterface:
    Off = sizeof(abi::InterfaceType);
    break;
  case abi::KindFunc:
    Off = sizeof(abi::FuncType);
    break;
  case abi::KindMap:
    Off = sizeof(abi::MapType);
    break;
  default:
    Off = sizeof(abi::Type);
    break;
  }
  return reinterpret_cast<const abi::UncommonType *>(
      reinterpret_cast<const uint8_t *>(T) + Off);
}

const abi::Type *const *funcParams(const abi::FuncType *T) {
  uintptr_t Off = sizeof(abi::FuncType);
  if (T->T.TFlag & abi::TFlagUncommon)
    Off += sizeof(abi::UncommonType);
  return reinterpret_cast<const abi::Type *const *>(
      reinterpret_cast<const uint8_t *>(T) + Off);
}

} // namespace gort

//===--- typelinks --------------------------------------------------------===//

extern "C" {
// libgort/gort.ld: the typelinks entries codegen emits, one pointer each.
extern const gort::abi::Type *const
    GortTypelinkStart[] __asm__("__gort_typelink_start") __attribute__((weak));
extern const gort::abi::Type *const
    GortTypelinkEnd[] __asm__("__gort_typelink_end") __attribute__((weak));
}

namespace gort {
namespace {

Mutex TypelinksLock;
bool TypelinksDone;
const abi::Type *TypelinksBase;
int32_t *TypelinksOffsets;
intptr_t NTypelinks;

/// Orders descriptors by their strings (reflect binary-searches them).
bool typeStringLess(const abi::Type *A, const abi::Type *B) {
  abi::String SA = typeString(A), SB = typeString(B);
  intptr_t N = SA.Len < SB.Len ? SA.Len : SB.Len;
  int C = N ? memcmp(SA.Ptr, SB.Ptr, size_t(N)) : 0;
  return C < 0 || (C == 0 && SA.Len < SB.Len);
}

} // namespace

void typelinks(const void **Base, const int32_t **Offsets, intptr_t *N) {
  lock(&TypelinksLock);
  if (!TypelinksDone) {
    TypelinksDone = true;
    intptr_t K = &GortTypelinkStart[0] && &GortTypelinkEnd[0]
                     ? GortTypelinkEnd - GortTypelinkStart
                     : 0;
    if (K > 0) {
      auto *V = static_cast<const abi::Type **>(
          mallocgc(uintptr_t(K) * sizeof(void *), nullptr, false));
      const abi::Type *Min = GortTypelinkStart[0];
      for (intptr_t I = 0; I < K; I++) {
        V[I] = GortTypelinkStart[I];
        if (V[I] < Min)
          Min = V[I];
      }
      heapSort(V, uintptr_t(K), typeStringLess);
      auto *Offs = static_cast<int32_t *>(
          mallocgc(uintptr_t(K) * sizeof(int32_t), nullptr, false));
      for (intptr_t I = 0; I < K; I++) {
        uintptr_t D = uintptr_t(V[I]) - uintptr_t(Min);
        if (D > uintptr_t(INT32_MAX))
          fatal("typelinks: descriptors more than 2 GB apart");
        Offs[I] = int32_t(D);
      }
      TypelinksBase = Min;
      TypelinksOffsets = Offs;
      NTypelinks = K;
    }
  }
  unlock(&TypelinksLock);
  *Base = TypelinksBase;
  *Offsets = TypelinksOffsets;
  *N = NTypelinks;
}

} // namespace gort
