//===- runtime/lock.h - Runtime mutexes and notes ---------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See lock_futex.cpp for the overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_LOCK_H
#define GORT_RUNTIME_LOCK_H

#include <stdint.h>

namespace gort {

/// A runtime mutex (gc: mutex). Zero is unlocked, so a zero-initialised
/// global needs no constructor. Blocks the whole M (never parks a G).
struct Mutex {
  uint32_t Key;
};

void lock(Mutex *L);
void unlock(Mutex *L);
/// Takes L if it is free, without waiting; true if it did.
bool tryLock(Mutex *L);

/// Spins for Cycles iterations of the CPU's spin-wait hint (gc:
/// procyield): pause on x86-64, yield on AArch64.
inline void procyield(int Cycles) {
  for (int I = 0; I < Cycles; I++) {
#if defined(__x86_64__)
    __asm__ volatile("pause" ::: "memory");
#else
    __asm__ volatile("yield" ::: "memory");
#endif
  }
}

/// A one-shot wake-up (gc: note): one sleeper, one waker.
struct Note {
  uint32_t Key;
};

void noteclear(Note *N);
void notewakeup(Note *N);
/// Sleeps until notewakeup. Must be called on g0 (it blocks the M).
void notesleep(Note *N);
/// Sleeps until notewakeup or for at most Ns nanoseconds (forever if
/// Ns < 0); returns whether the note was woken (gc: notetsleep). On g0.
bool notetsleep(Note *N, int64_t Ns);

} // namespace gort

#endif // GORT_RUNTIME_LOCK_H
