//===- runtime/iface.cpp - Interfaces -------------------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Run-time support for interfaces (gc: iface.go, alg.go).
//
// Itabs. Conversions from concrete types use itabs the compiler emitted;
// conversions between interfaces and assertions to interface types build
// them here from the type descriptors (gc: itab.init): the interface's
// methods are matched against the concrete type's method table
// (UncommonType; both in gc's order, exported first, then by name) by
// name, by identity of the method's func type descriptor, and for an
// unexported method by package path. Results, including failures, are cached in
// a hash table keyed by (interface, type); itabs and entries are never freed.
// Lookups take no lock (entries are published with release stores and never
// change); ItabLock serialises insertions.
//
// Comparison. Two interface values with the same dynamic type compare with
// the type's Equal function (or by the data word itself for pointer-shaped
// types); a type without Equal panics with gc's "comparing uncomparable
// type" error.
//
// Entry points: gort_assertE2I, gort_assertE2I2, gort_panicdottypeE,
// gort_panicdottypeI, gort_panicnildottype, gort_efaceeq, gort_ifaceeq
// (libgort/abi.def).
//
// Invariants: a cached itab's Fun entries are all non-null (failures are
// cached as null itabs, not as partial ones).
//
//===----------------------------------------------------------------------===//

#include "runtime/iface.h"
#include "runtime/abi_entry.h"
#include "runtime/atomic.h"
#include "runtime/error.h"
#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/stubs.h"
#include "runtime/type.h"

using namespace gort;

namespace {

struct ItabEntry {
  const abi::InterfaceType *Inter;
  const abi::Type *Typ;
  const abi::Itab *Tab; ///< null: Typ does not implement Inter
  ItabEntry *Next;
};

constexpr unsigned ItabBuckets = 1024;
ItabEntry *ItabTable[ItabBuckets];
Mutex ItabLock;

} // namespace

bool gort::equalsCString(const abi::String &S, const char *C) {
  intptr_t I = 0;
  for (; I < S.Len; I++)
    if (C[I] == 0 || C[I] != char(S.Ptr[I]))
      return false;
  return C[I] == 0;
}

const abi::Method *gort::findMethod(const abi::Type *T, const char *Name,
                                    const char *FuncType) {
  const abi::UncommonType *U = uncommon(T);
  if (!U)
    return nullptr;
  const abi::Method *Ms = methodsOf(U);
  for (unsigned I = 0; I < U->MCount; I++) {
    const abi::Type *Mtyp = resolveTypeOff(T, Ms[I].Mtyp);
    if (Mtyp &&
        equalsCString(nameString(resolveNameOff(T, Ms[I].Name)), Name) &&
        equalsCString(typeString(Mtyp), FuncType))
      return &Ms[I];
  }
  return nullptr;
}

namespace {

/// Matches T's methods against Inter's (gc: itab.init): fills Fun (when
/// non-null) and returns true, or returns false with the first missing
/// method's name in *Missing (when non-null). Both method lists are in
/// gc's order (abi::Method), so one pass over each suffices; an unexported
/// method matches only in the interface's own package.
bool matchMethods(const abi::InterfaceType *Inter, const abi::Type *T,
                  void (**Fun)(), abi::String *Missing) {
  const abi::UncommonType *U = uncommon(T);
  unsigned NM = U ? U->MCount : 0;
  const abi::Method *Ms = U ? methodsOf(U) : nullptr;
  abi::String TPkg =
      U ? nameString(resolveNameOff(T, U->PkgPath)) : abi::String{nullptr, 0};
  abi::String IPkgDefault = nameString(Inter->PkgPath);
  unsigned J = 0;
  for (intptr_t K = 0; K < Inter->NumMethods; ++K) {
    const abi::IMethod &IM = Inter->Methods[K];
    const abi::Type *IType = resolveTypeOff(Inter, IM.Typ);
    const uint8_t *IName = resolveNameOff(Inter, IM.Name);
    abi::String IStr = nameString(IName);
    abi::String IPkg = namePkgPath(IName);
    if (!IPkg.Len)
      IPkg = IPkgDefault;
    bool Found = false;
    for (; J < NM; ++J) {
      const abi::Method &M = Ms[J];
      const uint8_t *TName = resolveNameOff(T, M.Name);
      if (resolveTypeOff(T, M.Mtyp) != IType ||
          !equalStrings(nameString(TName), IStr))
        continue;
      abi::String PkgPath = namePkgPath(TName);
      if (!PkgPath.Len)
        PkgPath = TPkg;
      if (nameExported(TName) || equalStrings(PkgPath, IPkg)) {
        if (Fun)
          Fun[K] = reinterpret_cast<void (*)()>(resolveTextOff(T, M.Ifn));
        Found = true;
        break;
      }
    }
    if (Found)
      continue;
    if (Missing)
      *Missing = IStr;
    return false;
  }
  return true;
}

/// The itab of T for Inter, or null (and *Missing set) if T lacks a method.
const abi::Itab *buildItab(const abi::InterfaceType *Inter, const abi::Type *T,
                           abi::String *Missing) {
  if (!matchMethods(Inter, T, nullptr, Missing))
    return nullptr;
  intptr_t N = Inter->NumMethods;
  uintptr_t Size =
      sizeof(abi::Itab) + uintptr_t(N > 0 ? N - 1 : 0) * sizeof(void *);
  auto *Tab = static_cast<abi::Itab *>(mallocgc(Size, nullptr, true));
  Tab->Inter = Inter;
  Tab->Typ = T;
  Tab->Hash = T->Hash;
  matchMethods(Inter, T, Tab->Fun, nullptr);
  return Tab;
}

/// The cached entry for (Inter, T) in the chain starting at Head, or null.
/// Entries are published with release stores and never change or go away,
/// so readers take no lock (gc: itabTable.find, also lock-free).
const ItabEntry *findItab(ItabEntry *const *Head,
                          const abi::InterfaceType *Inter, const abi::Type *T) {
  for (const ItabEntry *E = atomic::loadAcq(Head); E; E = E->Next)
    if (E->Inter == Inter && E->Typ == T)
      return E;
  return nullptr;
}

/// gc: getitab. Finds or builds the itab; on failure returns null and, if
/// Missing is non-null, sets it to the name of a missing method (failures
/// are cached too; the name is then recomputed, only for the panic
/// message).
const abi::Itab *getitab(const abi::InterfaceType *Inter, const abi::Type *T,
                         abi::String *Missing) {
  uintptr_t H =
      (reinterpret_cast<uintptr_t>(Inter) >> 3) ^ (uintptr_t(T->Hash) * 31);
  ItabEntry **Bucket = &ItabTable[H % ItabBuckets];
  const ItabEntry *Found = findItab(Bucket, Inter, T);
  if (!Found) {
    lock(&ItabLock);
    Found = findItab(Bucket, Inter, T);
    if (!Found) {
      auto *E =
          static_cast<ItabEntry *>(mallocgc(sizeof(ItabEntry), nullptr, true));
      *E = {Inter, T, buildItab(Inter, T, nullptr), *Bucket};
      atomic::storeRel(Bucket, E);
      Found = E;
    }
    unlock(&ItabLock);
  }
  if (!Found->Tab && Missing)
    matchMethods(Inter, T, nullptr, Missing);
  return Found->Tab;
}

[[noreturn]] void panicTypeAssertion(const abi::Type *Iface,
                                     const abi::Type *Concrete,
                                     const abi::Type *Asserted,
                                     abi::String Missing) {
  auto *E = static_cast<TypeAssertionError *>(
      mallocgc(sizeof(TypeAssertionError), nullptr, true));
  *E = {Iface, Concrete, Asserted, Missing};
  gort_gopanic(&TypeAssertionErrorType, E);
}

bool isDirect(const abi::Type *T) { return T->Kind & abi::KindDirectIface; }

bool efaceeq(const abi::Type *T, void *X, void *Y) {
  if (!T)
    return true;
  if (!T->Equal)
    // gc: panic(errorString("comparing uncomparable type " + t.string()))
    panicTypeString("comparing uncomparable type ", T);
  if (isDirect(T))
    return X == Y;
  return typeEqual(T, X, Y);
}

} // namespace

extern "C" {

const abi::Itab *gort_assertE2I(const abi::Type *Inter, const abi::Type *T) {
  auto *IT = reinterpret_cast<const abi::InterfaceType *>(Inter);
  if (!T)
    panicTypeAssertion(nullptr, nullptr, Inter, {nullptr, 0});
  abi::String Missing{nullptr, 0};
  const abi::Itab *Tab = getitab(IT, T, &Missing);
  if (!Tab)
    panicTypeAssertion(nullptr, T, Inter, Missing);
  return Tab;
}

const abi::Itab *gort_assertE2I2(const abi::Type *Inter, const abi::Type *T) {
  if (!T)
    return nullptr;
  return getitab(reinterpret_cast<const abi::InterfaceType *>(Inter), T,
                 nullptr);
}

void gort_panicdottypeE(const abi::Type *Have, const abi::Type *Want,
                        const abi::Type *Iface) {
  panicTypeAssertion(Iface, Have, Want, {nullptr, 0});
}

void gort_panicdottypeI(const abi::Itab *Have, const abi::Type *Want,
                        const abi::Type *Iface) {
  panicTypeAssertion(Iface, Have ? Have->Typ : nullptr, Want, {nullptr, 0});
}

void gort_panicnildottype(const abi::Type *Want) {
  panicTypeAssertion(nullptr, nullptr, Want, {nullptr, 0});
}

bool gort_efaceeq(const abi::Type *T, void *X, void *Y) {
  return efaceeq(T, X, Y);
}

bool gort_ifaceeq(const abi::Itab *Tab, void *X, void *Y) {
  if (!Tab)
    return true;
  return efaceeq(Tab->Typ, X, Y);
}

} // extern "C"
