//===- runtime/stdlib_debug.cpp - runtime.Stack and runtime/debug ---------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// runtime.Stack and runtime.Breakpoint (libgort/runtime_pkg.def), and the
// functions package runtime/debug declares without bodies and gc's runtime
// pushes by //go:linkname (gc: mgcpacer.go setGCPercent, setMemoryLimit;
// mstats.go readGCStats; rdebug.go; proc.go setMaxThreads; mheap.go
// freeOSMemory), under runtime/debug's symbols with the Go calling
// convention of libgort/abi.h.
//
// runtime.Stack prints what a crash report would -- the goroutine's header
// and frames, and with all every other user goroutine's, the world stopped
// so that their stacks hold still -- into the caller's buffer instead of
// standard error (M::WriteBuf, which print.cpp's gwrite honours; gc:
// g.writebuf).
//
// Settings: SetGCPercent and SetMemoryLimit change the pacer's GOGC and
// GOMEMLIMIT and recompute the heap goal from the last cycle's marked
// bytes; SetMaxStack the limit past which a goroutine's stack overflows;
// SetMaxThreads the thread limit (gc's "thread exhaustion"); FreeOSMemory
// collects, then returns every free page to the kernel; SetTraceback
// "none" turns crash reports' goroutine part off. SetPanicOnFault only
// records the flag: every fault in Go code already becomes a panic here.
// WriteHeapDump has no heap dump format to write and ends the program
// saying so.
//
//===----------------------------------------------------------------------===//

#include "runtime/lock.h"
#include "runtime/mgc.h"
#include "runtime/mheap.h"
#include "runtime/panic.h"
#include "runtime/print.h"
#include "runtime/proc.h"
#include "runtime/runtime2.h"
#include "runtime/runtime_pkg.h"
#include "runtime/stack.h"
#include "runtime/stubs.h"
#include "runtime/traceback.h"

using namespace gort;

namespace {

void scavengeAll(void *) { Heap.scavenge(~uintptr_t(0) >> 1); }

/// The goroutine whose stack runtime.Stack is printing, and its frame.
struct StackArgs {
  G *Gp;
  uintptr_t FP;
  bool All;
};

void printStacks(const StackArgs &A) {
  printgoroutineheader(A.Gp);
  traceback(A.Gp, A.FP);
  if (A.All)
    tracebackothers(A.Gp);
}

} // namespace

extern "C" {

void runtime_Breakpoint(void *) { __builtin_debugtrap(); }

int64_t runtime_Stack(void *, uint8_t *Buf, int64_t Len, int64_t, uint8_t All) {
  bool Everyone = All & 1;
  if (Everyone) {
    acquireWorldSema();
    systemstack(stopTheWorldWithSema, nullptr);
  }
  G *Gp = getg();
  printlock();
  M *Mp = Gp->Mp;
  Mp->WriteBuf = Buf;
  Mp->WriteLen = 0;
  Mp->WriteCap = uintptr_t(Len > 0 ? Len : 0);
  printStacks({Gp, uintptr_t(__builtin_frame_address(0)), Everyone});
  int64_t N = int64_t(Mp->WriteLen);
  Mp->WriteBuf = nullptr;
  printunlock();
  if (Everyone) {
    systemstack(startTheWorldWithSema, nullptr);
    releaseWorldSema();
  }
  return N;
}

#define GORT_DEBUG(Result, Name, ...)                                          \
  Result debug_##Name(void *, __VA_ARGS__) __asm__("runtime/debug." #Name);    \
  Result debug_##Name(void *, __VA_ARGS__)

GORT_DEBUG(int32_t, setGCPercent, int32_t In) { return gcSetPercent(In); }

GORT_DEBUG(int64_t, setMemoryLimit, int64_t In) { return gcSetMemoryLimit(In); }

// func readGCStats(*[]time.Duration): pauses (most recent first), their
// end times, the last collection's time, the number of collections and
// the total pause (gc: readGCStats_m).
GORT_DEBUG(void, readGCStats, abi::Slice *Pauses) {
  constexpr uint32_t Ring = sizeof(GCStat.PauseNs) / sizeof(uint64_t);
  if (Pauses->Cap < intptr_t(Ring) + 3)
    fatal("short slice passed to readGCStats");
  auto *P = static_cast<uint64_t *>(Pauses->Ptr);
  lock(&Heap.Lock);
  uint32_t N = GCStat.NumGC < Ring ? GCStat.NumGC : Ring;
  for (uint32_t I = 0; I < N; I++) {
    uint32_t J = (GCStat.NumGC - 1 - I) % Ring;
    P[I] = GCStat.PauseNs[J];
    P[N + I] = GCStat.PauseEnd[J];
  }
  P[N + N] = GCStat.LastGC;
  P[N + N + 1] = GCStat.NumGC;
  P[N + N + 2] = GCStat.PauseTotalNs;
  unlock(&Heap.Lock);
  Pauses->Len = intptr_t(N + N + 3);
}

void debug_freeOSMemory(void *) __asm__("runtime/debug.freeOSMemory");
void debug_freeOSMemory(void *) {
  gcForce();
  systemstack(scavengeAll, nullptr);
}

GORT_DEBUG(int64_t, setMaxStack, int64_t In) {
  int64_t Out = int64_t(MaxStackSize);
  MaxStackSize = uintptr_t(In);
  return Out;
}

// The bool arrives as a byte whose low bit is defined.
GORT_DEBUG(bool, setPanicOnFault, uint8_t New) {
  G *Gp = getg();
  bool Old = Gp->PanicOnFault;
  Gp->PanicOnFault = New & 1;
  return Old;
}

GORT_DEBUG(int64_t, setMaxThreads, int64_t In) { return setMaxThreads(In); }

GORT_DEBUG(void, SetTraceback, const uint8_t *Level, intptr_t N) {
  setTraceback(Level, N);
}

GORT_DEBUG(void, WriteHeapDump, uintptr_t) {
  fatal("runtime/debug.WriteHeapDump is not supported by gortc");
}

#undef GORT_DEBUG

} // extern "C"
