//===- runtime/slice.cpp - Slices -----------------------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Slice allocation and growth (gc: slice.go). makeslice checks the length
// and capacity and allocates the backing array; growslice implements
// append's growth policy exactly as gc 1.19 does, because cap() after
// append is observable:
//
//   1. If the needed capacity is more than double the old one, use it.
//   2. Else double small slices (cap < 256); grow larger ones by
//      (cap + 3*256)/4 until big enough (a smooth 2x -> 1.25x transition).
//   3. Round the byte size up to the allocator's size class (roundupsize,
//      sizeclasses.h) and use whatever capacity that rounding gives.
//
// Entry points: gort_makeslice, gort_growslice (libgort/abi.def).
//
//===----------------------------------------------------------------------===//

#include "runtime/abi_entry.h"
#include "runtime/error.h"
#include "runtime/malloc.h"
#include "runtime/sizeclasses.h"
#include "runtime/stubs.h"
#include "runtime/type.h"

using namespace gort;

namespace {
/// gc: maxAlloc on 64-bit Linux.
constexpr uint64_t MaxAlloc = uint64_t(1) << 48;

bool mulOverflows(uint64_t A, uint64_t B, uint64_t *R) {
  return __builtin_mul_overflow(A, B, R);
}

[[noreturn]] void panicErrorString(const abi::String *S) {
  gort_gopanic(&ErrorStringType, const_cast<abi::String *>(S));
}

const abi::String MakesliceLen = GORT_STRING("makeslice: len out of range");
const abi::String MakesliceCap = GORT_STRING("makeslice: cap out of range");
const abi::String GrowsliceCap = GORT_STRING("growslice: cap out of range");
const abi::String UnsafeSliceLen =
    GORT_STRING("unsafe.Slice: len out of range");
const abi::String UnsafeSliceNilPtr =
    GORT_STRING("unsafe.Slice: ptr is nil and len is not zero");
} // namespace

extern "C" {

void gort_unsafeslice(const abi::Type *Elem, const void *Ptr, int64_t Len) {
  if (Len < 0)
    panicErrorString(&UnsafeSliceLen);
  uint64_t Mem;
  bool Ovf = mulOverflows(Elem->Size, uint64_t(Len), &Mem);
  if (Ovf || Mem > -reinterpret_cast<uintptr_t>(Ptr)) {
    if (!Ptr)
      panicErrorString(&UnsafeSliceNilPtr);
    panicErrorString(&UnsafeSliceLen);
  }
}

void *gort_makeslice(const abi::Type *Elem, int64_t Len, int64_t Cap) {
  uint64_t Mem;
  bool Ovf = mulOverflows(Elem->Size, uint64_t(Cap), &Mem);
  if (Ovf || Mem > MaxAlloc || Len < 0 || Len > Cap) {
    // Report "len out of range" rather than "cap out of range" when the
    // capacity was given implicitly (golang.org/issue/4085).
    Ovf = mulOverflows(Elem->Size, uint64_t(Len), &Mem);
    if (Ovf || Mem > MaxAlloc || Len < 0)
      panicErrorString(&MakesliceLen);
    panicErrorString(&MakesliceCap);
  }
  return mallocgc(Mem, Elem, true);
}

void gort_growslice(abi::Slice *Out, const abi::Type *Elem, void *OldPtr,
                    int64_t OldLen, int64_t OldCap, int64_t Cap) {
  if (Cap < OldCap)
    panicErrorString(&GrowsliceCap);
  uint64_t Size = Elem->Size;
  if (Size == 0) {
    // append should not create a slice with nil pointer but non-zero len.
    *Out = {mallocgc(0, Elem, false), OldLen, Cap};
    return;
  }
  int64_t NewCap = OldCap;
  int64_t DoubleCap = NewCap + NewCap;
  if (Cap > DoubleCap) {
    NewCap = Cap;
  } else {
    constexpr int64_t Threshold = 256;
    if (OldCap < Threshold) {
      NewCap = DoubleCap;
    } else {
      // Check 0 < newcap to detect overflow and prevent an infinite loop.
      while (0 < NewCap && NewCap < Cap)
        NewCap += (NewCap + 3 * Threshold) / 4;
      // Set newcap to the requested cap when the calculation overflowed.
      if (NewCap <= 0)
        NewCap = Cap;
    }
  }
  uint64_t CapMem;
  bool Ovf = mulOverflows(Size, uint64_t(NewCap), &CapMem);
  if (!Ovf)
    CapMem = roundupsize(CapMem);
  Ovf = Ovf || CapMem > MaxAlloc;
  if (Ovf)
    panicErrorString(&GrowsliceCap);
  NewCap = int64_t(CapMem / Size);
  void *P = mallocgc(CapMem, Elem, true);
  memmove(P, OldPtr, size_t(uint64_t(OldLen) * Size));
  *Out = {P, OldLen, NewCap};
}

} // extern "C"
