//===- runtime/mfinal.h - Finalizers ----------------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See mfinal.cpp for the finalizer table and what the collector does with
// it, and mfinal_fing.cpp for runtime.SetFinalizer and the goroutine that
// runs finalizers.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_MFINAL_H
#define GORT_RUNTIME_MFINAL_H

#include "libgort/abi.h"

#include <stdint.h>

namespace gort {

/// A finalizer set on an object (gc: specialfinalizer, and the finalizer
/// record of the queue). While registered it is in the finalizer table;
/// once its object is found unreachable it moves to the finalizer queue.
struct Finalizer {
  Finalizer *Next; ///< in a table bucket's chain, or in the queue
  uintptr_t Obj;   ///< the pointer passed to SetFinalizer (not a root)
  // Everything from here on is a root while the record exists.
  const abi::FuncVal *Fn;  ///< the finalizer
  const abi::FuncType *FT; ///< its type
  const abi::Type *Fint;   ///< its parameter's type
  const abi::PtrType *Ot;  ///< the object's pointer type
};

/// Registers a finalizer for Obj, a pointer into a heap object; returns
/// false if Obj already has one (gc: addfinalizer). R's Obj, Fn, FT, Fint
/// and Ot are copied. Any goroutine.
bool addFinalizer(const Finalizer &R);
/// Removes Obj's finalizer, if any (gc: removefinalizer).
void removeFinalizer(uintptr_t Obj);

/// The collector's part, with the world stopped (mgcmark.cpp). Calls
/// ScanBlock on every word range that must be treated as a root: the
/// function values and types of every registered finalizer, the contents
/// (not the object) of every object that has one (gc: markrootSpans), and
/// the whole of every queued record, object included (gc: the finq root).
void finalizerRoots(void (*ScanBlock)(uintptr_t Lo, uintptr_t Hi));
/// After marking: moves the finalizer of every unmarked object to the
/// queue and calls MarkLive on the object, which must then survive the
/// sweep (gc: the specials pass of sweepLocked). Returns the number of
/// finalizers queued. IsMarked and MarkLive take a pointer into a heap
/// object.
uintptr_t queueDeadFinalizers(bool (*IsMarked)(uintptr_t),
                              void (*MarkLive)(uintptr_t));

/// Takes the oldest queued finalizer into *Out and frees its record;
/// false if the queue is empty. *Out must be on the caller's stack: from
/// here on it is what keeps the object alive (the stack is a root, the
/// record no longer is).
bool nextFinalizer(Finalizer *Out);

/// Readies the finalizer goroutine if it is parked and finalizers are
/// queued (mfinal_fing.cpp; gc: wakefing). The collector calls it after a
/// cycle, world started; any stack.
void wakefing();

/// Registered and queued finalizers, for tests and MemStats.
uintptr_t numFinalizers();
uintptr_t numQueuedFinalizers();

} // namespace gort

#endif // GORT_RUNTIME_MFINAL_H
