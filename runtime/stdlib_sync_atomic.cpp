//===- runtime/stdlib_sync_atomic.cpp - Package sync/atomic's bodies ------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Package sync/atomic declares its functions without bodies; gc supplies
// them in assembly (sync/atomic/asm.s, which jumps to
// runtime/internal/atomic) and its runtime pushes runtime_procPin and
// runtime_procUnpin by //go:linkname. libgort supplies them here under the
// package's symbols ("sync/atomic.AddInt32"), with the Go calling
// convention of libgort/abi.h: a closure context first, then the
// arguments; Go pointers are plain addresses at this level.
//
// Every operation is sequentially consistent, as Go's memory model asks
// of sync/atomic. A nil address panics as the assembly's fault does (gc:
// "invalid memory address or nil pointer dereference"), checked here
// because a fault in libgort's code would be fatal.
//
// The Pointer functions store Go pointers: they run the write barrier
// first while a mark runs, as compiled code's stores do.
//
// runtime_procPin keeps the goroutine on its M and P until
// runtime_procUnpin (gc: procPin): M::Locks, which no preemption or
// collection crosses; it returns the P's id.
//
//===----------------------------------------------------------------------===//

#include "runtime/abi_entry.h"
#include "runtime/mgc.h"
#include "runtime/proc.h"
#include "runtime/runtime2.h"
#include "runtime/stubs.h"

#include <stdint.h>

namespace {

template <typename T> T *checked(T *Addr) {
  if (!Addr)
    gort_panicmem();
  return Addr;
}

constexpr int SeqCst = __ATOMIC_SEQ_CST;

/// The write barrier before a store of a pointer (mgc.h): the Pointer
/// functions store Go pointers, as compiled code's atomicrmw would.
template <typename T> T *barrier(T *Addr, T New) {
  checked(Addr);
  if constexpr (__is_pointer(T))
    if (__builtin_expect(
            __atomic_load_n(&gort::gort_writeBarrier, __ATOMIC_RELAXED) != 0,
            0))
      gort::gort_wb(Addr, New);
  return Addr;
}

template <typename T> T swap(T *Addr, T New) {
  return __atomic_exchange_n(barrier(Addr, New), New, SeqCst);
}
template <typename T> bool cas(T *Addr, T Old, T New) {
  return __atomic_compare_exchange_n(barrier(Addr, New), &Old, New, false,
                                     SeqCst, SeqCst);
}
template <typename T> T add(T *Addr, T Delta) {
  return __atomic_add_fetch(checked(Addr), Delta, SeqCst);
}
template <typename T> T load(T *Addr) {
  return __atomic_load_n(checked(Addr), SeqCst);
}
template <typename T> void store(T *Addr, T Val) {
  __atomic_store_n(barrier(Addr, Val), Val, SeqCst);
}

} // namespace

// One definition per Go type the package names: Int32, Int64, Uint32,
// Uint64, Uintptr and Pointer (unsafe.Pointer).
#define GORT_ATOMIC_FUNCS(Name, T)                                             \
  T swap##Name(void *, T *A, T N) __asm__("sync/atomic.Swap" #Name);           \
  T swap##Name(void *, T *A, T N) { return swap(A, N); }                       \
  bool cas##Name(void *, T *A, T O,                                            \
                 T N) __asm__("sync/atomic.CompareAndSwap" #Name);             \
  bool cas##Name(void *, T *A, T O, T N) { return cas(A, O, N); }              \
  T load##Name(void *, T *A) __asm__("sync/atomic.Load" #Name);                \
  T load##Name(void *, T *A) { return load(A); }                               \
  void store##Name(void *, T *A, T V) __asm__("sync/atomic.Store" #Name);      \
  void store##Name(void *, T *A, T V) { store(A, V); }

#define GORT_ATOMIC_ADD(Name, T)                                               \
  T add##Name(void *, T *A, T D) __asm__("sync/atomic.Add" #Name);             \
  T add##Name(void *, T *A, T D) { return add(A, D); }

extern "C" {
GORT_ATOMIC_FUNCS(Int32, int32_t)
GORT_ATOMIC_FUNCS(Int64, int64_t)
GORT_ATOMIC_FUNCS(Uint32, uint32_t)
GORT_ATOMIC_FUNCS(Uint64, uint64_t)
GORT_ATOMIC_FUNCS(Uintptr, uintptr_t)
GORT_ATOMIC_FUNCS(Pointer, void *)
GORT_ATOMIC_ADD(Int32, int32_t)
GORT_ATOMIC_ADD(Int64, int64_t)
GORT_ATOMIC_ADD(Uint32, uint32_t)
GORT_ATOMIC_ADD(Uint64, uint64_t)
GORT_ATOMIC_ADD(Uintptr, uintptr_t)

intptr_t syncAtomicProcPin(void *) __asm__("sync/atomic.runtime_procPin");
void syncAtomicProcUnpin(void *) __asm__("sync/atomic.runtime_procUnpin");

intptr_t syncAtomicProcPin(void *) { return gort::procPin(); }
void syncAtomicProcUnpin(void *) { gort::procUnpin(); }
}
