//===- runtime/signal.h - Faults and the profiling signal -------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See signal_linux.cpp for the overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_SIGNAL_H
#define GORT_RUNTIME_SIGNAL_H

#include "runtime/runtime2.h"

namespace gort {

/// Installs the handler for SIGSEGV, SIGBUS and SIGFPE (gc: initsig). Once,
/// at start-up.
void initsig();
/// Gives the calling thread, M Mp, its alternate signal stack (gc:
/// minitSignals).
void minitSignals(M *Mp);

/// Resets the signals initsig caught to their default action, in a forked
/// child before exec (gc: clearSignalHandlers).
void clearSignalHandlers();

/// Ends the process by signal Sig with its default action (gc:
/// dieFromSignal); exits with status 2 if that does not end it.
[[noreturn]] void dieFromSignal(int32_t Sig);

/// Installs the SIGPROF handler, which hands the interrupted PC, stack
/// pointer and frame pointer to cpuProfileSignal (the CPU profiler,
/// cpuprof.cpp, on its first start).
void installProfileHandler();
/// Records a CPU profile sample of the code interrupted at PC (cpuprof.cpp).
/// Runs in the SIGPROF handler: takes no lock, allocates nothing.
void cpuProfileSignal(uintptr_t PC, uintptr_t SP, uintptr_t FP);

} // namespace gort

#endif // GORT_RUNTIME_SIGNAL_H
