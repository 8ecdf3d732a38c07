//===- runtime/mprof.cpp - Memory, block, mutex and goroutine profiles ----===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The profiles of package runtime that runtime/pprof writes out (gc:
// mprof.go): where memory is allocated and what of it is still in use,
// where goroutines block and for how long, which lock releases made others
// wait, what every goroutine is doing, and where threads were created. The
// CPU profile is cpuprof.cpp's.
//
// Buckets. A profile is a set of buckets, one per (kind, stack, size): the
// stack is the return addresses of the Go frames that led to the event
// (traceback.cpp's profileStack, at most 32, the runtime's own frames left
// out), and the size is the object size for memory events. A bucket holds
// its counters: objects and bytes allocated and freed, or blocking events
// and their ticks. Buckets are found through a chained hash table and are
// never freed, as gc's; all of it lives outside the collected heap
// (persistentalloc), under ProfLock.
//
// Memory. mallocgc counts the bytes each M allocates down from a sampling
// distance drawn from an exponential distribution of mean
// runtime.MemProfileRate (gc: nextSample); when the distance is used up it
// calls profileAlloc, which records the allocation in its bucket and keeps
// a record of the object (gc: a "special" of its span). MemProfileRate 1
// samples every allocation; it starts at 512 KiB in a program that can
// read the profile and at 0 in the others (mprofinit, as gc's linker
// does). As in gc, a tiny allocation that fits into
// the current 16-byte block is not sampled; one that starts a block is,
// with the block's size. The profile must show what was live at the last
// collection, not objects that happen not to have been collected yet; so
// counts recorded since the last cycle are pending (gc keeps three cycles
// of them because its sweep runs concurrently; here the whole cycle stops
// the world). At the end of marking (mProfCycle), after the finalizers
// have marked the objects they keep, each recorded object left unmarked
// is counted freed and its record dropped, and the pending counts are
// published. The records are not roots: a sampled object dies like any
// other. MemProfile returns the published counts; before the first cycle
// it publishes everything, as gc does when it finds nothing published.
//
// Blocking and contention. A goroutine about to block in a channel
// operation, a select, a semaphore (sync.Mutex, RWMutex, WaitGroup) or a
// sync.Cond notes cputicks() if runtime.SetBlockProfileRate set a rate;
// the goroutine that wakes it notes the release time in the waiter's
// sudog or SemaWaiter, and the woken goroutine calls blockEvent with the
// difference (gc: blockevent). An event of at least the rate's ticks is
// always recorded, a shorter one with probability ticks/rate, weighted by
// rate/ticks so that the totals are unbiased. For the mutex profile, a
// goroutine waiting in sync.Mutex's semaphore notes when it began to
// wait; the goroutine that releases the semaphore to it records the wait
// with its own stack, one event in MutexProfileFraction on average (gc:
// mutexevent in semrelease1). Ticks are nanoseconds here (cputicks), so
// pprof's cycles per second is 1e9.
//
// Goroutines and threads. GoroutineProfile stops the world and records
// each user goroutine's stack (the caller's first) with its pprof labels
// (G::Labels, set by runtime/pprof's SetGoroutineLabels and inherited by
// the goroutines a goroutine starts). ThreadCreateProfile lists every M
// with the stack of the goroutine that created it, empty for the Ms the
// scheduler starts on its own stack (gc: mp.createstack).
//
// Differences from gc: stacks leave out the runtime's frames (gc's show
// runtime.chanrecv1, runtime.main and such), and blocking is measured to
// the moment of release in nanoseconds rather than CPU ticks.
//
//===----------------------------------------------------------------------===//

#include "runtime/mprof.h"

#include "runtime/atomic.h"
#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/mfixalloc.h"
#include "runtime/panic.h"
#include "runtime/proc.h"
#include "runtime/rand.h"
#include "runtime/runtime_pkg.h"
#include "runtime/stubs.h"
#include "runtime/traceback.h"

namespace gort {

int64_t MemProfileRate = 512 << 10;

} // namespace gort

// Bracketing section .gort_memprofile (libgort/gort.ld), where
// runtime_memProfile puts a byte.
extern "C" {
extern const char __gort_memprofile_start[] __attribute__((weak));
extern const char __gort_memprofile_end[] __attribute__((weak));
}

namespace gort {

namespace {

enum class BucketKind : uint8_t { Memory, Block, Mutex };

/// Allocation counters of a memory bucket (gc: memRecordCycle).
struct MemCounts {
  int64_t Allocs, Frees, AllocBytes, FreeBytes;
  void add(const MemCounts &O) {
    Allocs += O.Allocs;
    Frees += O.Frees;
    AllocBytes += O.AllocBytes;
    FreeBytes += O.FreeBytes;
  }
};

/// One site of a profile (gc: bucket with its memRecord or blockRecord).
struct Bucket {
  Bucket *Next;    ///< in its hash chain
  Bucket *AllNext; ///< in its kind's list
  uintptr_t Hash;
  uintptr_t Size; ///< object size (memory buckets)
  BucketKind Kind;
  uint32_t NStk;
  uintptr_t Stk[MaxProfileStack];
  // Memory buckets: what the last cycle published, and what was recorded
  // since.
  MemCounts Active, Pending;
  // Block and mutex buckets.
  double Count;
  int64_t Cycles;
};

/// A sampled object still believed live (gc: specialprofile).
struct ObjRecord {
  ObjRecord *Next;
  uintptr_t Obj;
  Bucket *B;
};

constexpr uintptr_t BuckHashSize = 1 << 14;
static_assert(sizeof(M::CreateStack) == MaxProfileStack * sizeof(uintptr_t));

Mutex ProfLock;
Bucket **BuckHash;         ///< BuckHashSize chains, or null
Bucket *AllBuckets[3];     ///< per BucketKind
FixAlloc ObjRecords;       ///< of ObjRecord
ObjRecord *Sampled;        ///< every sampled object's record
uint64_t BlockProfileRate; ///< atomic; ticks, 0 off
uint64_t MutexProfileRate; ///< atomic; 1/rate sampled, 0 off

/// The bucket of (Kind, Stk, Size), made if new. ProfLock held.
Bucket *stkbucket(BucketKind Kind, const uintptr_t *Stk, uint32_t NStk,
                  uintptr_t Size) {
  if (!BuckHash) {
    BuckHash = static_cast<Bucket **>(
        persistentalloc(BuckHashSize * sizeof(Bucket *), 8));
    ObjRecords.init(sizeof(ObjRecord));
  }
  // gc's hash: Jenkins' one-at-a-time over the PCs and the size.
  uintptr_t H = 0;
  auto mix = [&H](uintptr_t V) {
    H += V;
    H += H << 10;
    H ^= H >> 6;
  };
  for (uint32_t I = 0; I < NStk; I++)
    mix(Stk[I]);
  mix(Size);
  mix(uintptr_t(Kind));
  H += H << 3;
  H ^= H >> 11;
  Bucket **Chain = &BuckHash[H % BuckHashSize];
  for (Bucket *B = *Chain; B; B = B->Next) {
    if (B->Hash != H || B->Kind != Kind || B->Size != Size || B->NStk != NStk)
      continue;
    bool Same = true;
    for (uint32_t I = 0; I < NStk && Same; I++)
      Same = B->Stk[I] == Stk[I];
    if (Same)
      return B;
  }
  auto *B = static_cast<Bucket *>(persistentalloc(sizeof(Bucket), 8));
  B->Hash = H;
  B->Kind = Kind;
  B->Size = Size;
  B->NStk = NStk;
  for (uint32_t I = 0; I < NStk; I++)
    B->Stk[I] = Stk[I];
  B->Next = *Chain;
  *Chain = B;
  B->AllNext = AllBuckets[unsigned(Kind)];
  AllBuckets[unsigned(Kind)] = B;
  return B;
}

void copyStack(uintptr_t *Dst, const Bucket *B) {
  for (unsigned I = 0; I < MaxProfileStack; I++)
    Dst[I] = I < B->NStk ? B->Stk[I] : 0;
}

/// An event: its kind, the sampled object and its size (memory) or the
/// ticks and the rate (block, mutex); saveEvent fills in the goroutine Gp
/// and the frame pointer FP its stack is walked from. Recorded on the
/// system stack, where the stack array costs the goroutine nothing.
struct EventArgs {
  BucketKind Kind;
  void *Obj = nullptr;
  uintptr_t Size = 0;
  int64_t Cycles = 0, Rate = 0;
  G *Gp = nullptr;
  uintptr_t FP = 0;
};

void recordEvent(void *Arg) {
  auto *A = static_cast<EventArgs *>(Arg);
  uintptr_t Stk[MaxProfileStack];
  uint32_t N =
      A->Gp->Seg ? profileStack(A->Gp, A->FP, Stk, MaxProfileStack) : 0;
  lock(&ProfLock);
  if (A->Kind == BucketKind::Memory) {
    Bucket *B = stkbucket(A->Kind, Stk, N, A->Size);
    B->Pending.Allocs++;
    B->Pending.AllocBytes += int64_t(A->Size);
    auto *R = static_cast<ObjRecord *>(ObjRecords.alloc());
    R->Obj = uintptr_t(A->Obj);
    R->B = B;
    R->Next = Sampled;
    Sampled = R;
  } else {
    Bucket *B = stkbucket(A->Kind, Stk, N, 0);
    if (A->Kind == BucketKind::Block && A->Cycles < A->Rate) {
      // Unbiased: a short event stands for rate/cycles of its kind.
      B->Count += double(A->Rate) / double(A->Cycles);
      B->Cycles += A->Rate;
    } else {
      B->Count += 1;
      B->Cycles += A->Cycles;
    }
  }
  unlock(&ProfLock);
}

/// Records an event of the calling goroutine, with its stack from this
/// frame (the runtime frames above the Go ones are left out by
/// profileStack). On the system stack (mallocgc of the runtime's own
/// objects) the stack is empty: g0 has no Go frames. No tail call: this
/// frame must still exist while systemstack walks from it.
__attribute__((noinline, disable_tail_calls)) void saveEvent(EventArgs A) {
  A.Gp = getg();
  A.FP = uintptr_t(__builtin_frame_address(0));
  systemstack(recordEvent, &A);
}

/// Moves the memory counts recorded since the last publication into the
/// published ones. ProfLock held.
void publishPending() {
  for (Bucket *B = AllBuckets[unsigned(BucketKind::Memory)]; B;
       B = B->AllNext) {
    B->Active.add(B->Pending);
    B->Pending = {};
  }
}

/// log2(X) for X >= 1, to about 1e-5: enough to draw sample distances.
double log2Approx(double X) {
  int E = 0;
  while (X >= 2) {
    X *= 0.5;
    E++;
  }
  // ln(X) = 2 atanh(T), T = (X-1)/(X+1) <= 1/3.
  double T = (X - 1) / (X + 1), T2 = T * T;
  double Ln = 2 * T * (1 + T2 * (1.0 / 3 + T2 * (1.0 / 5 + T2 * (1.0 / 7))));
  return E + Ln * 1.4426950408889634;
}

} // namespace

void mprofinit() {
  // As gc's linker does: a program that never calls runtime.MemProfile
  // (directly or through runtime/pprof or testing) samples nothing, and
  // reads 0 in MemProfileRate.
  if (+__gort_memprofile_start == +__gort_memprofile_end)
    MemProfileRate = 0;
}

int64_t nextSample(M *Mp) {
  int64_t Mean = atomic::load(&MemProfileRate);
  if (Mean <= 1)
    return 0;
  if (Mean > 0x7000000)
    Mean = 0x7000000;
  // gc's fastexprand: x = -ln(q) * mean for q uniform in (0, 1].
  constexpr unsigned RandomBits = 26;
  uint64_t Q = (wyrand(&Mp->FastRand) & ((1u << RandomBits) - 1)) + 1;
  double QLog = log2Approx(double(Q)) - RandomBits;
  if (QLog > 0)
    QLog = 0;
  return int64_t(QLog * (-0.6931471805599453 * double(Mean))) + 1;
}

void profileAlloc(M *Mp, void *X, uintptr_t Size) {
  Mp->NextSample = nextSample(Mp);
  saveEvent({.Kind = BucketKind::Memory, .Obj = X, .Size = Size});
}

void mProfCycle(bool (*IsMarked)(uintptr_t)) {
  lock(&ProfLock);
  publishPending();
  for (ObjRecord **L = &Sampled; *L;) {
    ObjRecord *R = *L;
    if (IsMarked(R->Obj)) {
      L = &R->Next;
      continue;
    }
    R->B->Active.Frees++;
    R->B->Active.FreeBytes += int64_t(R->B->Size);
    *L = R->Next;
    ObjRecords.free(R);
  }
  unlock(&ProfLock);
}

bool blockProfiling() { return atomic::load(&BlockProfileRate) != 0; }

void blockEvent(int64_t Cycles) {
  if (Cycles <= 0)
    Cycles = 1;
  int64_t Rate = int64_t(atomic::load(&BlockProfileRate));
  if (Rate <= 0 ||
      (Rate > Cycles && int64_t(fastrand64() >> 1) % Rate > Cycles))
    return;
  saveEvent({.Kind = BucketKind::Block, .Cycles = Cycles, .Rate = Rate});
}

bool mutexProfiling() { return atomic::load(&MutexProfileRate) != 0; }

void mutexEvent(int64_t Cycles) {
  if (Cycles < 0)
    Cycles = 0;
  uint64_t Rate = atomic::load(&MutexProfileRate);
  if (Rate == 0 || fastrand64() % Rate != 0)
    return;
  saveEvent(
      {.Kind = BucketKind::Mutex, .Cycles = Cycles, .Rate = int64_t(Rate)});
}

void recordCreateStack(M *Mp) {
  G *Gp = getgOrNull();
  if (Gp && Gp->Seg && Gp->Mp && Gp != Gp->Mp->G0)
    profileStack(Gp, uintptr_t(__builtin_frame_address(0)), Mp->CreateStack,
                 MaxProfileStack);
}

} // namespace gort

using namespace gort;

namespace {

/// runtime.MemProfileRecord and BlockProfileRecord (runtime/go/mprof.go).
struct MemProfileRecord {
  int64_t AllocBytes, FreeBytes, AllocObjects, FreeObjects;
  uintptr_t Stack0[MaxProfileStack];
};
struct BlockProfileRecord {
  int64_t Count, Cycles;
  uintptr_t Stack0[MaxProfileStack];
};

/// The profile readers that stop the world: GoroutineProfile and
/// ThreadCreateProfile.
struct WorldArgs {
  G *Self;
  uintptr_t SelfFP;
  uintptr_t *Stacks; ///< N records of MaxProfileStack words
  void **Labels;     ///< N labels, or null
  int64_t N;
  int64_t Count; ///< out: records in the profile
};

bool userG(G *Gp) {
  return !Gp->IsSystem && readgstatus(Gp) != GDead && Gp->Seg;
}

void goroutineProfileM(void *Arg) {
  auto *A = static_cast<WorldArgs *>(Arg);
  stopTheWorldWithSema(nullptr);
  int64_t Count = 0;
  for (G *Gp = allgs(); Gp; Gp = Gp->AllLink)
    Count += userG(Gp);
  A->Count = Count;
  if (Count <= A->N) {
    // The caller first, as gc does, then everyone else.
    int64_t I = 0;
    auto save = [&](G *Gp, uintptr_t FP) {
      uintptr_t *Stk = A->Stacks + I * MaxProfileStack;
      unsigned N = profileStack(Gp, FP, Stk, MaxProfileStack);
      for (unsigned J = N; J < MaxProfileStack; J++)
        Stk[J] = 0;
      if (A->Labels)
        A->Labels[I] = Gp->Labels;
      I++;
    };
    save(A->Self, A->SelfFP);
    for (G *Gp = allgs(); Gp; Gp = Gp->AllLink)
      if (Gp != A->Self && userG(Gp))
        save(Gp, Gp->Sched.BP);
  }
  startTheWorldWithSema(nullptr);
}

void threadCreateProfileM(void *Arg) {
  auto *A = static_cast<WorldArgs *>(Arg);
  stopTheWorldWithSema(nullptr);
  int64_t Count = 0;
  for (M *Mp = allm(); Mp; Mp = Mp->AllLink)
    Count++;
  A->Count = Count;
  if (Count <= A->N) {
    uintptr_t *Stk = A->Stacks;
    for (M *Mp = allm(); Mp; Mp = Mp->AllLink, Stk += MaxProfileStack)
      for (unsigned J = 0; J < MaxProfileStack; J++)
        Stk[J] = Mp->CreateStack[J];
  }
  startTheWorldWithSema(nullptr);
}

int64_t withWorldStopped(void (*Fn)(void *), WorldArgs &A) {
  acquireWorldSema();
  systemstack(Fn, &A);
  releaseWorldSema();
  return A.Count;
}

} // namespace

extern "C" {

void runtime_SetBlockProfileRate(void *, int64_t Rate) {
  // Ticks are nanoseconds (cputicks), the unit of rate.
  atomic::store(&BlockProfileRate, Rate > 0 ? uint64_t(Rate) : 0);
}

int64_t runtime_SetMutexProfileFraction(void *, int64_t Rate) {
  if (Rate < 0)
    return int64_t(atomic::load(&MutexProfileRate));
  return int64_t(atomic::xchg(&MutexProfileRate, uint64_t(Rate)));
}

int64_t runtime_memProfile(void *, void *Out, int64_t Len, int64_t,
                           uint8_t InuseZero) {
  auto *P = static_cast<MemProfileRecord *>(Out);
  // A byte in section .gort_memprofile, linked (SHF_LINK_ORDER) to this
  // function's own section, the one through which a program reads the
  // memory profile: the linker keeps the byte exactly when it keeps this
  // function (mprofinit). No code.
  __asm__ volatile(
      ".pushsection .gort_memprofile,\"ao\",%progbits,runtime.memProfile\n"
      ".byte 1\n"
      ".popsection");
  bool Zero = InuseZero & 1;
  lock(&ProfLock);
  Bucket *Head = AllBuckets[unsigned(BucketKind::Memory)];
  auto count = [&] {
    int64_t N = 0;
    bool Clear = true;
    for (Bucket *B = Head; B; B = B->AllNext) {
      N += Zero || B->Active.AllocBytes != B->Active.FreeBytes;
      Clear &= B->Active.Allocs == 0 && B->Active.Frees == 0;
    }
    return Clear ? -1 : N;
  };
  int64_t N = count();
  if (N < 0) {
    // Nothing published: no cycle has run yet. Show everything (gc).
    publishPending();
    N = count();
    if (N < 0)
      N = 0;
  }
  if (N <= Len) {
    for (Bucket *B = Head; B; B = B->AllNext) {
      if (!Zero && B->Active.AllocBytes == B->Active.FreeBytes)
        continue;
      P->AllocBytes = B->Active.AllocBytes;
      P->FreeBytes = B->Active.FreeBytes;
      P->AllocObjects = B->Active.Allocs;
      P->FreeObjects = B->Active.Frees;
      copyStack(P->Stack0, B);
      P++;
    }
  }
  unlock(&ProfLock);
  return N;
}

int64_t runtime_blockProfile(void *, void *Out, int64_t Len, int64_t,
                             uint8_t Mutex) {
  auto *P = static_cast<BlockProfileRecord *>(Out);
  BucketKind Kind = Mutex & 1 ? BucketKind::Mutex : BucketKind::Block;
  lock(&ProfLock);
  int64_t N = 0;
  for (Bucket *B = AllBuckets[unsigned(Kind)]; B; B = B->AllNext)
    N++;
  if (N <= Len) {
    for (Bucket *B = AllBuckets[unsigned(Kind)]; B; B = B->AllNext, P++) {
      P->Count = int64_t(B->Count);
      P->Cycles = B->Cycles;
      // gc: never a zero count, so that callers may divide by it.
      if (Kind == BucketKind::Block && P->Count == 0)
        P->Count = 1;
      copyStack(P->Stack0, B);
    }
  }
  unlock(&ProfLock);
  return N;
}

int64_t runtime_goroutineProfile(void *, uintptr_t *P, int64_t Len, int64_t,
                                 void **Labels, int64_t, int64_t) {
  WorldArgs A = {getg(), uintptr_t(__builtin_frame_address(0)), P, Labels, Len,
                 0};
  return withWorldStopped(goroutineProfileM, A);
}

int64_t runtime_threadCreateProfile(void *, uintptr_t *P, int64_t Len,
                                    int64_t) {
  WorldArgs A = {getg(), 0, P, nullptr, Len, 0};
  return withWorldStopped(threadCreateProfileM, A);
}

// runtime/pprof's labels for the calling goroutine (gc: proflabel.go).
void pprof_setProfLabel(void *, void *Labels) __asm__(
    "runtime/pprof.runtime_setProfLabel");
void pprof_setProfLabel(void *, void *Labels) { getg()->Labels = Labels; }

void *pprof_getProfLabel(void *) __asm__("runtime/pprof.runtime_getProfLabel");
void *pprof_getProfLabel(void *) { return getg()->Labels; }

} // extern "C"
