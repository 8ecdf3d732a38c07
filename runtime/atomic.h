//===- runtime/atomic.h - Atomic operations for the runtime ------*- C++
//-*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The runtime's only atomics: thin wrappers over clang's __atomic_* builtins
// (gc: runtime/internal/atomic). There is no <atomic> in a freestanding
// AArch64 build. Every wrapper is sequentially consistent unless its name
// says otherwise (loadAcq, storeRel), matching gc's Load/Store/Xadd/Cas,
// which are all seq-cst on amd64 and arm64. The runtime is built with
// -mno-outline-atomics, so these inline to lock-prefixed instructions on
// x86-64 and ldaxr/stlxr loops (or LSE when enabled) on AArch64.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_ATOMIC_H
#define GORT_RUNTIME_ATOMIC_H

#include <stdint.h>

namespace gort {
namespace atomic {

template <typename T> inline T load(const T *P) {
  return __atomic_load_n(P, __ATOMIC_SEQ_CST);
}
template <typename T> inline T loadAcq(const T *P) {
  return __atomic_load_n(P, __ATOMIC_ACQUIRE);
}
template <typename T> inline void store(T *P, T V) {
  __atomic_store_n(P, V, __ATOMIC_SEQ_CST);
}
template <typename T> inline void storeRel(T *P, T V) {
  __atomic_store_n(P, V, __ATOMIC_RELEASE);
}
/// Relaxed (unordered, untorn) accesses, for words other threads may race
/// on while the real synchronisation is elsewhere (run queue slots).
template <typename T> inline T loadRelaxed(const T *P) {
  return __atomic_load_n(P, __ATOMIC_RELAXED);
}
template <typename T> inline void storeRelaxed(T *P, T V) {
  __atomic_store_n(P, V, __ATOMIC_RELAXED);
}
/// Adds Delta to *P and returns the new value (gc: Xadd).
template <typename T> inline T xadd(T *P, T Delta) {
  return __atomic_add_fetch(P, Delta, __ATOMIC_SEQ_CST);
}
/// Stores V into *P and returns the old value (gc: Xchg).
template <typename T> inline T xchg(T *P, T V) {
  return __atomic_exchange_n(P, V, __ATOMIC_SEQ_CST);
}
/// If *P == Old, stores New and returns true (gc: Cas).
template <typename T> inline bool cas(T *P, T Old, T New) {
  return __atomic_compare_exchange_n(P, &Old, New, /*weak=*/false,
                                     __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}
/// cas with release ordering on success (gc: CasRel).
template <typename T> inline bool casRel(T *P, T Old, T New) {
  return __atomic_compare_exchange_n(P, &Old, New, /*weak=*/false,
                                     __ATOMIC_RELEASE, __ATOMIC_RELAXED);
}

} // namespace atomic
} // namespace gort

#endif // GORT_RUNTIME_ATOMIC_H
