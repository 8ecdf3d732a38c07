//===- runtime/cpuprof.cpp - The CPU profiler -----------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// runtime.SetCPUProfileRate and the log runtime/pprof reads (gc:
// cpuprof.go, profbuf.go, the SIGPROF part of signal_unix.go).
//
// Sampling. SetCPUProfileRate(hz) installs a SIGPROF handler (once) and
// arms setitimer(ITIMER_PROF), which counts the process's CPU time and
// sends SIGPROF every 1/hz second of it to a thread that is using the CPU
// (gc 1.18 moved to a timer per thread; one process timer is the older,
// simpler scheme). The handler (signal_linux.cpp) passes the interrupted
// PC, stack pointer and frame pointer to cpuProfileSignal, which records
// one sample:
//   - a goroutine running on its own stack: the PC (plus one, as pprof
//     takes every PC for a return address and backs it up), then the
//     return addresses of its Go frames (traceback.cpp's profileStack);
//     runtime code on the goroutine's stack appears as its Go callers;
//   - anything else (the scheduler, the collector, sysmon, a thread
//     between goroutines): runtime._System, as in gc.
// The frame walk reads only memory inside the goroutine's stack segments
// and takes no lock, so it is safe at any instruction. At a function's
// first instructions, before it has pushed its frame record, the walk
// starts at the caller's record and the caller is missing from that
// sample (gc unwinds with its own tables and does not lose it).
//
// The log. Samples go to a ring of words outside the heap, in gc's
// format: each record is [length, time, count, PCs...], the first one a
// header [3, time, hz]; next to it a ring of tags, one per record, the
// goroutine's pprof labels (G::Labels). The tag ring is a runtime global,
// so the collector's scan of the data segments keeps the labels it points
// to alive while they wait to be read. The handler takes the log with a
// try-lock: a sample that finds it busy (another thread's handler, or the
// reader) or the log full is counted lost, and the reader reports the
// losses as gc's overflow record [4, time, 0, count]. Nothing in the
// handler blocks or allocates.
//
// Reading. runtime/pprof's profileWriter calls readProfile every 100 ms
// (runtime/go/mprof.go, over cpuProfileRead here): it takes every whole
// record there is; if there is none it waits, in 10 ms sleeps, for one or
// for the end. SetCPUProfileRate(0) disarms the timer; once the reader
// has drained the log it reports the end of the profile, and a new
// profile may start.
//
//===----------------------------------------------------------------------===//

#include "runtime/atomic.h"
#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/panic.h"
#include "runtime/print.h"
#include "runtime/proc.h"
#include "runtime/runtime_pkg.h"
#include "runtime/signal.h"
#include "runtime/stack.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"
#include "runtime/traceback.h"

extern "C" {
/// The pseudo-function samples outside Go code are charged to (gc:
/// runtime._System). Never called; pprof names its PC.
__attribute__((noinline, used)) void gortSystem() __asm__("runtime._System");
__attribute__((noinline, used)) void gortSystem() { __builtin_trap(); }
}

namespace gort {

namespace {

constexpr uint64_t LogWords = 1 << 16;  ///< the word ring (512 KiB)
constexpr uint64_t LogTags = 1 << 12;   ///< the tag ring (a record each)
constexpr unsigned MaxSampleStack = 48; ///< frames a sample keeps

uint64_t *Log;         ///< LogWords words, sysAlloc'd at the first start
void *Tags[LogTags];   ///< a global: the labels it holds stay alive
uint64_t WordR, WordW; ///< ring positions, only growing (under Busy)
uint64_t TagR, TagW;
uint64_t Lost;  ///< samples dropped since the reader last looked
uint32_t Busy;  ///< the try-lock of the log (atomic)
int32_t Hz;     ///< the rate while profiling, else 0 (atomic)
bool Active;    ///< a profile is started and not yet fully read
Mutex RateLock; ///< serialises SetCPUProfileRate
bool HandlerInstalled;

bool tryLockLog() { return atomic::cas(&Busy, 0u, 1u); }
void unlockLog() { atomic::store(&Busy, 0u); }

/// Appends one record of Hdr's words then Stk's, with Tag. Busy held.
bool append(const uint64_t *Hdr, unsigned NHdr, const uintptr_t *Stk,
            unsigned NStk, void *Tag) {
  uint64_t Len = 2 + NHdr + NStk;
  if (WordW - WordR + Len > LogWords || TagW - TagR == LogTags)
    return false;
  uint64_t Rec[2] = {Len, uint64_t(nanotime())};
  for (uint64_t W : Rec)
    Log[WordW++ % LogWords] = W;
  for (unsigned I = 0; I < NHdr; I++)
    Log[WordW++ % LogWords] = Hdr[I];
  for (unsigned I = 0; I < NStk; I++)
    Log[WordW++ % LogWords] = Stk[I];
  Tags[TagW++ % LogTags] = Tag;
  return true;
}

struct ReadArgs {
  uint64_t *Data;
  int64_t DataLen;
  void **TagsOut;
  int64_t TagsLen;
  int64_t Words, Records;
  bool End;
};

/// Moves whole records to the reader's buffers. Spins for the log's lock:
/// a handler holds it for a few hundred instructions at most.
void takeRecords(ReadArgs &A) {
  while (!tryLockLog())
    osyield();
  while (TagR != TagW) {
    uint64_t Len = Log[WordR % LogWords];
    if (A.Words + int64_t(Len) > A.DataLen || A.Records == A.TagsLen)
      break;
    for (uint64_t I = 0; I < Len; I++)
      A.Data[A.Words++] = Log[WordR++ % LogWords];
    A.TagsOut[A.Records++] = Tags[TagR % LogTags];
    Tags[TagR++ % LogTags] = nullptr;
  }
  uint64_t L = atomic::load(&Lost);
  if (L && A.Words + 4 <= A.DataLen && A.Records < A.TagsLen) {
    // gc's overflow record: count 0, one "PC", the number lost.
    uint64_t Rec[4] = {4, uint64_t(nanotime()), 0, L};
    for (uint64_t W : Rec)
      A.Data[A.Words++] = W;
    A.TagsOut[A.Records++] = nullptr;
    atomic::xadd(&Lost, ~L + 1);
  }
  A.End = atomic::load(&Hz) == 0 && TagR == TagW && !atomic::load(&Lost);
  unlockLog();
}

void setTimer(int32_t Rate) {
  Itimerval IT = {};
  if (Rate > 0) {
    long Usec = 1000000 / Rate;
    IT.IntervalSec = IT.ValueSec = Usec / 1000000;
    IT.IntervalUsec = IT.ValueUsec = Usec % 1000000;
  }
  syscall6(sysno::Setitimer, ItimerProf, long(&IT), 0);
}

} // namespace

void cpuProfileSignal(uintptr_t PC, uintptr_t SP, uintptr_t FP) {
  if (atomic::load(&Hz) == 0)
    return;
  if (!tryLockLog()) {
    atomic::xadd(&Lost, uint64_t(1));
    return;
  }
  uintptr_t Stk[MaxSampleStack];
  unsigned N = 0;
  G *Gp = getgOrNull();
  M *Mp = Gp ? Gp->Mp : nullptr;
  void *Tag = nullptr;
  if (Mp && Gp == Mp->CurG && Gp->Seg && SP >= Gp->Seg->Lo &&
      SP < uintptr_t(Gp->Seg)) {
    if (inGoCode(PC))
      Stk[N++] = PC + 1;
    N += profileStack(Gp, FP, Stk + N, MaxSampleStack - N);
    Tag = Gp->Labels;
  }
  if (N == 0)
    Stk[N++] = reinterpret_cast<uintptr_t>(&gortSystem) + 1;
  uint64_t Count = 1;
  if (!append(&Count, 1, Stk, N, Tag))
    atomic::xadd(&Lost, uint64_t(1));
  unlockLog();
}

} // namespace gort

using namespace gort;

extern "C" {

void runtime_SetCPUProfileRate(void *, int64_t HzIn) {
  int32_t Rate = HzIn <= 0 ? 0 : HzIn > 1000000 ? 1000000 : int32_t(HzIn);
  lock(&RateLock);
  if (Rate > 0) {
    if (Active) {
      unlock(&RateLock);
      printlock();
      printstring("runtime: cannot set cpu profile rate until previous "
                  "profile has finished.\n");
      printunlock();
      return;
    }
    if (!Log) {
      Log = static_cast<uint64_t *>(sysAlloc(LogWords * sizeof(uint64_t)));
      if (!Log)
        fatal("runtime: cannot allocate the CPU profile log");
    }
    if (!HandlerInstalled) {
      installProfileHandler();
      HandlerInstalled = true;
    }
    while (!tryLockLog())
      osyield();
    WordR = WordW = TagR = TagW = 0;
    atomic::store(&Lost, uint64_t(0));
    uint64_t Header = uint64_t(Rate);
    append(&Header, 1, nullptr, 0, nullptr);
    Active = true;
    atomic::store(&Hz, Rate);
    unlockLog();
    setTimer(Rate);
  } else if (atomic::load(&Hz) != 0) {
    setTimer(0);
    atomic::store(&Hz, 0);
  }
  unlock(&RateLock);
}

int64_t runtime_cpuProfileRead(void *, uint64_t *Data, int64_t Len, int64_t,
                               void **TagsOut, int64_t TLen, int64_t) {
  ReadArgs A = {Data, Len, TagsOut, TLen, 0, 0, false};
  for (;;) {
    lock(&RateLock);
    bool Started = Active;
    unlock(&RateLock);
    if (!Started)
      return -1;
    takeRecords(A);
    if (A.Records > 0)
      break;
    if (A.End) {
      lock(&RateLock);
      Active = false;
      unlock(&RateLock);
      return -1;
    }
    timeSleep(10 * 1000 * 1000);
  }
  return A.Words; // a tag per record: the caller counts the records
}

} // extern "C"
