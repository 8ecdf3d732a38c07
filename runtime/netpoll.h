//===- runtime/netpoll.h - The network poller -------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See netpoll.cpp for the overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_NETPOLL_H
#define GORT_RUNTIME_NETPOLL_H

#include "runtime/proc.h"

#include <stdint.h>

namespace gort {

/// Goroutines parked in the poller, waiting for a descriptor (atomic; gc:
/// netpollWaiters). The scheduler polls only while it is not zero.
extern uint32_t NetpollWaiters;

/// Whether internal/poll has started the poller (gc: netpollinited).
bool netpollinited();

/// Polls the descriptors (gc: netpoll): Delay < 0 blocks until one is
/// ready, 0 only looks, > 0 waits up to Delay nanoseconds. Appends the
/// goroutines made ready to *Q, still in status waiting, and returns how
/// many. Runs on g0; the blocking form without a P.
int32_t netpoll(int64_t Delay, GQueue *Q);

} // namespace gort

#endif // GORT_RUNTIME_NETPOLL_H
