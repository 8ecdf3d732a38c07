//===- runtime/sema.h - Semaphores ------------------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See sema.cpp for the overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_SEMA_H
#define GORT_RUNTIME_SEMA_H

#include <stdint.h>

namespace gort {

/// What a semacquire that blocks records (gc: semaProfileFlags): the wait
/// in the block profile, and the waiting in the mutex profile of the
/// goroutine that releases the semaphore to it (mprof.cpp).
constexpr unsigned SemaBlockProfile = 1;
constexpr unsigned SemaMutexProfile = 2;
/// Waits until *Addr > 0, then decrements it (gc: semacquire1); Lifo
/// queues the goroutine at the head (a Mutex waiter that waited before).
void semacquire(uint32_t *Addr, bool Lifo, unsigned Profile = 0);
/// Increments *Addr and wakes a waiter if there is one (gc: semrelease1);
/// Handoff gives the unit to that waiter directly.
void semrelease(uint32_t *Addr, bool Handoff);

} // namespace gort

#endif // GORT_RUNTIME_SEMA_H
