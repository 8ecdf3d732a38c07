//===- runtime/export_test.cpp - Runtime internals for tests
//---------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See testing_hooks.h. These functions exist for test/runtime-smoke (the
// hosted runtime unit tests, test/unit/runtime, reach internals directly);
// nothing in the runtime calls them.
//
//===----------------------------------------------------------------------===//

#include "runtime/testing_hooks.h"

#include "runtime/atomic.h"
#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/mcache.h"
#include "runtime/mheap.h"
#include "runtime/os_linux.h"
#include "runtime/proc.h"
#include "runtime/stack.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"
#include "runtime/type.h"

using namespace gort;

namespace {

constexpr uintptr_t TestThreadStack = 64 << 10;

struct ThreadTest {
  Mutex Lock;
  int64_t Counter;
  int32_t Iters;
};

// Thread-local variables with an initialised image (.tdata), a zeroed part
// (.tbss) and an alignment above the TCB's, to check each thread's TLS
// block layout on both targets.
constexpr uint64_t TLSMagic = 0x1234567890abcdefull;
alignas(64) constinit thread_local uint64_t TestTLSData = TLSMagic;
constinit thread_local uint64_t TestTLSBss = 0;

struct TestThread {
  ThreadTest *T;
  bool TLSOk;
  int32_t Tid; ///< CLONE_PARENT_SETTID / CLONE_CHILD_CLEARTID word
  void *Stack;
};

void testThreadMain(void *Arg) {
  // A new thread has no g: its TLS block is fresh (x86-64), but x28 is
  // inherited from the parent (AArch64).
  setg(nullptr);
  TestThread *Th = static_cast<TestThread *>(Arg);
  Th->TLSOk = TestTLSData == TLSMagic && TestTLSBss == 0 &&
              (uintptr_t(&TestTLSData) & 63) == 0;
  TestTLSBss = uintptr_t(Th);
  TestTLSData = 0;
  Th->TLSOk = Th->TLSOk && TestTLSBss == uintptr_t(Th);
  for (int32_t I = 0; I < Th->T->Iters; I++) {
    lock(&Th->T->Lock);
    int64_t V = Th->T->Counter;
    if ((I & 63) == 0)
      osyield(); // widen the window for a lost update
    Th->T->Counter = V + 1;
    unlock(&Th->T->Lock);
  }
}

ThreadTest TheThreadTest;
TestThread TheThreads[16];

struct StackAllocTest {
  int32_t Result;
};

void stackallocTest(void *Arg) {
  StackAllocTest *R = static_cast<StackAllocTest *>(Arg);
  R->Result = 0;
  Stack A = stackalloc(StackMin);
  Stack B = stackalloc(StackMin);
  if (A.Hi - A.Lo != StackMin || B.Hi - B.Lo != StackMin) {
    R->Result = 1;
    return;
  }
  // Pooled blocks are aligned to their size, a power of two.
  if (A.Lo == B.Lo || (A.Lo & (StackMin - 1)) != 0 ||
      (B.Lo & (StackMin - 1)) != 0) {
    R->Result = 2;
    return;
  }
  // Use the memory: it must be writable.
  memset(reinterpret_cast<void *>(A.Lo), 0xab, StackMin);
  stackfree(A);
  Stack C = stackalloc(StackMin);
  if (C.Lo != A.Lo) { // LIFO free list
    R->Result = 3;
    return;
  }
  Stack Big = stackalloc(4 << 20); // beyond the pools: its own mapping
  if (Big.Hi - Big.Lo != (4 << 20)) {
    R->Result = 4;
    return;
  }
  memset(reinterpret_cast<void *>(Big.Lo), 1, Big.Hi - Big.Lo);
  Stack Mid = stackalloc(64 << 10);
  memset(reinterpret_cast<void *>(Mid.Lo), 2, Mid.Hi - Mid.Lo);
  stackfree(Big);
  stackfree(Mid);
  stackfree(B);
  stackfree(C);
}

} // namespace

extern "C" {

int64_t gort_test_threads(int32_t NThreads, int32_t Iters) {
  if (NThreads > 16)
    NThreads = 16;
  if (TestTLSData != TLSMagic || (uintptr_t(&TestTLSData) & 63) != 0)
    return -3;
  TestTLSBss = 77;
  TheThreadTest.Counter = 0;
  TheThreadTest.Iters = Iters;
  uint64_t Flags = CloneVM | CloneFS | CloneFiles | CloneSighand | CloneThread |
                   CloneSysvsem | CloneSettls | CloneParentSettid |
                   CloneChildCleartid;
  for (int32_t I = 0; I < NThreads; I++) {
    TestThread *Th = &TheThreads[I];
    Th->T = &TheThreadTest;
    Th->Tid = 0;
    Th->Stack = sysAlloc(TestThreadStack);
    if (!Th->Stack)
      return -1;
    uintptr_t TP = tlsalloc();
    void *Top = static_cast<char *>(Th->Stack) + TestThreadStack;
    long R = gort_clone(Flags, Top, &Th->Tid, &Th->Tid,
                        reinterpret_cast<void *>(TP), testThreadMain, Th);
    if (R <= 0)
      return -2;
  }
  // Join: the kernel zeroes Tid and futex-wakes it when the thread exits.
  // That wake-up is a shared (not private) futex wake, so wait with the
  // shared operation.
  for (int32_t I = 0; I < NThreads; I++) {
    for (;;) {
      int32_t Tid = atomic::load(&TheThreads[I].Tid);
      if (Tid == 0)
        break;
      futex(&TheThreads[I].Tid, FutexWait, uint32_t(Tid), nullptr, nullptr, 0);
    }
    sysFree(TheThreads[I].Stack, TestThreadStack);
    if (!TheThreads[I].TLSOk)
      return -4;
  }
  if (TestTLSBss != 77 || TestTLSData != TLSMagic)
    return -5;
  return TheThreadTest.Counter;
}

int32_t gort_test_syscalls(void) {
  Timespec A = {0, 0}, B = {0, 0};
  if (clockGettime(ClockMonotonic, &A) != 0)
    return 1;
  int64_t T0 = nanotime();
  usleep(2000);
  int64_t T1 = nanotime();
  if (T1 - T0 < 2000000)
    return 2;
  if (clockGettime(ClockRealtime, &B) != 0 || B.Sec < 1600000000)
    return 3;
  uint8_t Rnd[16] = {};
  if (getrandom(Rnd, sizeof(Rnd), 0) != 16)
    return 4;
  if (Ncpu < 1)
    return 5;
  uint64_t Old = ~uint64_t(0);
  if (rtSigprocmask(SigBlock, nullptr, &Old, 8) != 0)
    return 6;
  Sigactiont SA = {};
  if (rtSigaction(SIGSEGV, nullptr, &SA, 8) != 0)
    return 7;
  MmapResult M =
      mmap(nullptr, 1 << 20, ProtRead | ProtWrite, MapPrivate | MapAnon, -1, 0);
  if (M.Err != 0)
    return 8;
  memset(M.P, 7, 1 << 20);
  if (madvise(M.P, 1 << 20, MadvDontneed) != 0)
    return 9;
  if (static_cast<uint8_t *>(M.P)[4096] != 0) // DONTNEED: zero on next touch
    return 10;
  if (munmap(M.P, 1 << 20) != 0)
    return 11;
  // The thread's id: the process's on m0, the one the M recorded
  // otherwise (the caller may have moved to another M).
  if (gettid() != (getg()->Mp->Procid ? getg()->Mp->Procid : getpid()))
    return 12;
  if (!StartupRandomData || PhysPageSize == 0)
    return 13;
  if (write1(2, "", 0) != 0)
    return 14;
  if (futex(&Old, FutexWakePrivate, 1, nullptr, nullptr, 0) != 0)
    return 15;
  // A futex wait with a stale value returns EAGAIN at once.
  uint32_t Word = 1;
  if (futex(&Word, FutexWaitPrivate, 0, nullptr, nullptr, 0) != -EAGAIN)
    return 16;
  // A futex wait with a timeout returns ETIMEDOUT.
  Timespec Short = {0, 1000000};
  if (futex(&Word, FutexWaitPrivate, 1, &Short, nullptr, 0) != -ETIMEDOUT)
    return 17;
  if (munmap(reinterpret_cast<void *>(1), 4096) != -EINVAL) // unaligned
    return 18;
  return 0;
}

int32_t gort_test_stackalloc(void) {
  StackAllocTest R = {-1};
  systemstack(stackallocTest, &R);
  return R.Result;
}

void gort_test_stackstats(uint64_t *Out) {
  Out[0] = StackStat.Allocs;
  Out[1] = StackStat.Frees;
  Out[2] = StackStat.SegSwitches;
  Out[3] = StackStat.SegReuses;
}

const char *gort_test_getenv(const char *Key) { return gogetenv(Key); }

void gort_test_requestpreempt(void) {
  G *Gp = getg();
  Gp->Preempt = true;
  atomic::store(&Gp->StackGuard0, abi::StackPreempt);
}

void gort_test_sysmonpreempt(int32_t On) {
  atomic::store(&SysmonPreemptOff, On ? 0u : 1u);
}

int32_t gort_test_guardok(void) {
  G *Gp = getg();
  return Gp->StackGuard0 == Gp->StackLo + abi::StackGuard && !Gp->Preempt &&
         Gp->StackLo == Gp->Seg->Lo && Gp->StackHi == uintptr_t(Gp->Seg);
}

__attribute__((noinline)) int64_t gort_test_framecount(void) {
  const uintptr_t *FP =
      static_cast<const uintptr_t *>(__builtin_frame_address(0));
  int64_t N = 0;
  while (FP) {
    if (FP[1] == 0 && FP[0] != 0)
      return -1; // a frame record without a return address
    N++;
    FP = reinterpret_cast<const uintptr_t *>(FP[0]);
  }
  return N;
}

int64_t gort_test_goid(void) {
  G *Gp = getg();
  return Gp == Gp->Mp->G0 ? -1 : Gp->Goid;
}

/// See testing_hooks.h. Check numbers are in order of the steps.
int32_t gort_test_malloc(void) {
  G *Gp = getg();
  P *Pp = Gp->Mp->Pp;
  // Any P: the main goroutine may have moved to another M and P, for
  // instance after the collector's mark terminator, a goroutine of the
  // runtime, took its turn on this one.
  if (Gp == Gp->Mp->G0 || !Pp || AllP[Pp->ID] != Pp || Pp->Mp != Gp->Mp ||
      !Pp->Cache || Gomaxprocs < 1)
    return 1;
  // Small objects: geometry and interior pointers.
  static const uint16_t Sizes[] = {8, 24, 48, 100, 1000, 3000, 20000, 32768};
  for (uint16_t Size : Sizes) {
    uintptr_t P = uintptr_t(mallocgc(Size, nullptr, true));
    MSpan *S = spanOfHeap(P);
    if (!S || S->ElemSize != roundupsize(Size) ||
        Pp->Cache->Alloc[S->Class] != S)
      return 2;
    for (uintptr_t Off = 0; Off < Size; Off += 7)
      if (findObject(P + Off, nullptr, nullptr) != P)
        return 3;
  }
  // Large objects, one across arenas.
  static const uint64_t Large[] = {32769, 1 << 20, HeapArenaBytes * 2 + 5};
  for (uint64_t Size : Large) {
    uintptr_t P = uintptr_t(mallocgc(Size, nullptr, true));
    MSpan *S = spanOfHeap(P + Size - 1);
    if (!S || S->base() != P || S->Limit != P + Size || S->NElems != 1)
      return 4;
    if (findObject(P + Size / 2, nullptr, nullptr) != P ||
        findObject(P + Size, nullptr, nullptr) != 0)
      return 5;
  }
  // Tiny objects share a block.
  static const abi::Type Byte =
      GORT_RUNTIME_TYPE("uint8", .Size = 1, .Align = 1, .Kind = abi::KindUint8);
  // (A few tries: a collector's phase, which drops the tiny blocks, or a
  // move to another P may come between two allocations.)
  bool Shared = false;
  for (int Try = 0; Try < 4 && !Shared; Try++) {
    uintptr_t A = uintptr_t(mallocgc(1, &Byte, true));
    uintptr_t B = uintptr_t(mallocgc(1, &Byte, true));
    Shared = B == A + 1 && findObject(B, nullptr, nullptr) == alignDown(A, 16);
  }
  if (!Shared)
    return 6;
  // This goroutine's stack segment is a manual span.
  MSpan *St = spanOf(uintptr_t(__builtin_frame_address(0)));
  if (!St || St->State != MSpanState::Manual || spanOfHeap(Gp->StackLo))
    return 7;
  // Not heap: globals, null.
  if (spanOf(uintptr_t(&Gomaxprocs)) || spanOf(0))
    return 8;
  MemStats MS;
  readMemStats(&MS);
  if (MS.HeapSys != MS.HeapInUse + MS.StackInUse + MS.HeapIdle ||
      MS.NumArenas < 3)
    return 9;
  return 0;
}

void gort_test_blockingsleep(int64_t Ns) {
  Timespec TS = {Ns / 1000000000, Ns % 1000000000};
  entersyscall();
  nanosleep(&TS, nullptr);
  exitsyscall();
}

void gort_test_sleep(int64_t Ns) { timeSleep(Ns); }

int64_t gort_test_nanotime(void) { return nanotime(); }

} // extern "C"
