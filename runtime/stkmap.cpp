//===- runtime/stkmap.cpp - Stack maps of compiled Go code ----------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The index of compiled code's stack maps (gc: the stack map funcdata the
// collector finds through findfunc and pcdatavalue). Codegen writes one
// abi::StackMapFunc per Go function (codegen/stack_maps.cpp): for each call
// that can reach a collection, the frame slots holding the Go pointers live
// across it, and its stack objects and those live across it (tagged), as
// offsets from the frame pointer. The linker concatenates
// them, in about their functions' order, between __gort_stackmap_start and
// __gort_stackmap_end.
//
// At gcinit, initStackMaps walks the tables (each says its own length) and
// sorts pointers to them by function address. findFrameMap takes a return
// address read from a frame record: a binary search finds the last
// function that starts below it, then the function's calls are searched
// for that return address. A return address with no entry is runtime code,
// a Go function without a table (one whose frame codegen could not
// describe), or a call without a map (abi.def's NoStackMap): the collector
// scans such frames conservatively (mgcmark.cpp, walkStackFrames).
//
//===----------------------------------------------------------------------===//

#include "runtime/stkmap.h"
#include "runtime/heapsort.h"
#include "runtime/malloc.h"
#include "runtime/panic.h"

namespace gort {
namespace {

/// The tables, sorted by function address.
const abi::StackMapFunc **Maps;
uintptr_t NumMaps;

uintptr_t entryOf(const abi::StackMapFunc *F) {
  return uintptr_t(&F->Func) + uintptr_t(intptr_t(F->Func));
}

uintptr_t tableSize(const abi::StackMapFunc *F) {
  return sizeof(abi::StackMapFunc) + F->NumCalls * sizeof(abi::StackMapCall) +
         F->NumObjects * sizeof(abi::StackMapObject) +
         F->NumSlots * sizeof(int32_t);
}

} // namespace

const abi::StackMapObject *FrameMap::objects() const {
  return reinterpret_cast<const abi::StackMapObject *>(
      reinterpret_cast<const abi::StackMapCall *>(Func + 1) + Func->NumCalls);
}

const int32_t *FrameMap::slots() const {
  return reinterpret_cast<const int32_t *>(objects() + Func->NumObjects);
}

void initStackMaps(const uint8_t *Begin, const uint8_t *End) {
  uintptr_t N = 0;
  for (const uint8_t *P = Begin; P < End; N++)
    P += tableSize(reinterpret_cast<const abi::StackMapFunc *>(P));
  auto **V = static_cast<const abi::StackMapFunc **>(
      persistentalloc((N ? N : 1) * sizeof(void *), 8));
  const uint8_t *P = Begin;
  for (uintptr_t I = 0; I < N; I++) {
    V[I] = reinterpret_cast<const abi::StackMapFunc *>(P);
    P += tableSize(V[I]);
  }
  if (P != End)
    fatal("gc: the stack maps end inside a table");
  // By function address: the linker keeps about the functions' order, but
  // nothing promises it.
  heapSort(V, N, [](const abi::StackMapFunc *A, const abi::StackMapFunc *B) {
    return entryOf(A) < entryOf(B);
  });
  Maps = V;
  NumMaps = N;
}

bool haveStackMaps() { return NumMaps != 0; }

bool findFrameMap(uintptr_t RetPC, FrameMap &Out) {
  // The last function whose entry lies below RetPC (a call that never
  // returns may end its function: its return address is the next
  // function's entry).
  uintptr_t Lo = 0, Hi = NumMaps;
  while (Lo < Hi) {
    uintptr_t Mid = Lo + (Hi - Lo) / 2;
    if (entryOf(Maps[Mid]) < RetPC)
      Lo = Mid + 1;
    else
      Hi = Mid;
  }
  if (Lo == 0)
    return false;
  const abi::StackMapFunc *F = Maps[Lo - 1];
  uintptr_t Off = RetPC - entryOf(F);
  if (Off >> 32)
    return false;
  const auto *Calls = reinterpret_cast<const abi::StackMapCall *>(F + 1);
  for (uint32_t I = 0; I < F->NumCalls; I++)
    if (Calls[I].RetOff == uint32_t(Off)) {
      Out.Func = F;
      Out.Call = &Calls[I];
      return true;
    }
  return false;
}

} // namespace gort
