//===- test/unit/runtime/runtime_test_support.cpp - Hosted runtime --------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See runtime_test_support.h. Defines what the runtime files left out of
// the host build would (proc.cpp: gort_tls_g, m0/g0, GReady, AllP,
// gort_gopreempt; asm_<goarch>.S: gort_systemstack, gort_morestack;
// panic.cpp: fatal,
// gort_gopanic), sets
// the runtime up as schedinit would, and runs the tests.
//
//===----------------------------------------------------------------------===//

#include "test/unit/runtime/runtime_test_support.h"

#include "runtime/abi_entry.h"
#include "runtime/alg.h"
#include "runtime/error.h"
#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/mcache.h"
#include "runtime/mgc.h"
#include "runtime/os_linux.h"
#include "runtime/panic.h"
#include "runtime/proc.h"
#include "runtime/rand.h"
#include "runtime/stack.h"
#include "runtime/stubs.h"
#include "runtime/type.h"

#include <gtest/gtest.h>

#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern "C" {
__attribute__((tls_model(
    "local-exec"))) constinit thread_local gort::G *gort_tls_g = nullptr;
}

namespace gort {

// Stand-ins for the descriptors that the compiler emits for package
// runtime's Go side (runtime/go/error.go) and error.cpp names (error.h).
const abi::Type BoundsErrorType =
    GORT_RUNTIME_TYPE("runtime.boundsError", .Size = sizeof(BoundsError),
                      .Align = alignof(BoundsError), .Kind = abi::KindStruct);
const abi::Type ErrorStringType =
    GORT_RUNTIME_TYPE("runtime.errorString", .Size = sizeof(abi::String),
                      .Align = 8, .Kind = abi::KindString);
const abi::Type PlainErrorType =
    GORT_RUNTIME_TYPE("runtime.plainError", .Size = sizeof(abi::String),
                      .Align = 8, .Kind = abi::KindString);
const abi::Type TypeAssertionErrorType = GORT_RUNTIME_TYPE(
    "*runtime.TypeAssertionError", .Size = sizeof(void *),
    .Align = alignof(void *), .Kind = abi::KindPointer | abi::KindDirectIface);

M M0;
G G0;
bool GReady;
P *AllP[MaxGomaxprocs];
int32_t Gomaxprocs;

namespace {

P P0;
Mutex TestThreadLock;
int64_t NextMID = 1;
int32_t NextPID = 1;

void writeStr(const char *S) {
  size_t N = strlen(S);
  while (N > 0) {
    ssize_t W = ::write(2, S, N);
    if (W <= 0)
      return;
    S += W;
    N -= size_t(W);
  }
}

void initRuntime(int Argc0, char **Argv0) {
  G0.Mp = &M0;
  M0.G0 = &G0;
  G0.Status = GRunning;
  G0.Sched.Gp = &G0;
  setg(&G0);
  GReady = true;

  Argc = Argc0;
  Argv = Argv0;
  Envp = environ;
  PhysPageSize = getauxval(AT_PAGESZ);
  StartupRandomData = reinterpret_cast<const uint8_t *>(getauxval(AT_RANDOM));
  osinit();
  // schedinit's order. Subsystems whose files join the host build add
  // their start-up calls here.
  stackinit();
  mallocinit();
  gcinit();
  alginit();
  fastrandinit();
  M0.ID = 0;
  fastrandinitM(&M0);
  P0.ID = 0;
  P0.Cache = allocmcache();
  AllP[0] = &P0;
  Gomaxprocs = 1;
  M0.Pp = &P0;
  P0.Mp = &M0;
  P0.Status = PRunning;
}

} // namespace

void fatal(const char *Msg) {
  writeStr("fatal error: ");
  writeStr(Msg);
  writeStr("\n");
  _exit(2);
}

namespace test {

RuntimeThread::RuntimeThread(bool WithP)
    : Mp(new M()), G0p(new G()), Pp(nullptr), PrevG(getgOrNull()) {
  G0p->Mp = Mp;
  G0p->Status = GRunning;
  G0p->Sched.Gp = G0p;
  Mp->G0 = G0p;
  lock(&TestThreadLock);
  Mp->ID = NextMID++;
  int32_t PID = WithP ? NextPID++ : -1;
  unlock(&TestThreadLock);
  fastrandinitM(Mp);
  setg(G0p);
  if (WithP) {
    Pp = new P();
    Pp->ID = PID;
    Pp->Cache = allocmcache();
    Pp->Mp = Mp;
    Pp->Status = PRunning;
    Mp->Pp = Pp;
  }
}

RuntimeThread::~RuntimeThread() {
  if (Pp) {
    freemcache(Pp->Cache);
    Mp->Pp = nullptr;
    delete Pp;
  }
  setg(PrevG);
  delete G0p;
  delete Mp;
}

gort::abi::Type makeTestType(uintptr_t Size, bool HasPointers) {
  gort::abi::Type T = {};
  T.Size = Size;
  T.PtrData = HasPointers ? 8 : 0;
  T.Align = 8;
  T.FieldAlign = 8;
  T.Kind = HasPointers ? gort::abi::KindPointer : gort::abi::KindUint8;
  return T;
}

G *AllGs;
uintptr_t RuntimeTextLo, RuntimeTextHi;

} // namespace test

// Host stand-ins for proc.cpp's side of the collector (mgc.cpp): the tests
// are one thread with no goroutines, so the world is always stopped. They
// call gcMark and gcSweep directly: mayCollect never lets mallocgc start a
// cycle on a g0.
void stopTheWorldWithSema(void *) {}
void startTheWorldWithSema(void *) {}
int64_t startTheWorldTimed() { return 0; }
void acquireWorldSema() {}
void releaseWorldSema() {}
G *allgs() { return test::AllGs; }
uint32_t allglen() {
  uint32_t N = 0;
  for (G *Gp = test::AllGs; Gp; Gp = Gp->AllLink)
    N++;
  return N;
}
G *allgnext(G *Gp) { return Gp ? Gp->AllLink : test::AllGs; }
void timerRoots(void (*)(uintptr_t, uintptr_t)) {}
void clearpools() {}
void readyFromAnyM(G *) {}
void incidlelocked(int32_t) {}
G *newSystemGoroutine(void (*)(void *), void *) {
  fatal("newSystemGoroutine in a host test");
}
void goparkunlock(Mutex *, WaitReason) { fatal("goparkunlock in a host test"); }
M *allm() { return &M0; }
// traceback.cpp's walk needs compiled Go frames: the host has none.
unsigned profileStack(G *, uintptr_t, uintptr_t *, unsigned) { return 0; }
bool inRuntimeCode(uintptr_t PC) {
  return PC - test::RuntimeTextLo < test::RuntimeTextHi - test::RuntimeTextLo;
}
/// mfinal_fing.cpp's: no goroutine runs finalizers here; the tests read
/// the queue themselves.
void wakefing() {}
/// gcMark starts mark helpers only for a cycle of the runtime (Self set),
/// never in these tests.
void newSystemM(void (*)()) { fatal("newSystemM in a host test"); }

} // namespace gort

using namespace gort;

extern "C" {

/// Host stand-in for asm_<goarch>.S: switch g to g0 and call.
void gort_systemstack(void (*Fn)(void *), void *Arg) {
  G *Gp = getg();
  G *G0p = Gp->Mp->G0;
  if (Gp == G0p) {
    Fn(Arg);
    return;
  }
  setg(G0p);
  Fn(Arg);
  setg(Gp);
}

/// Host stand-in for asm_<goarch>.S: the tests' goroutines run on the
/// thread's stack, so the thunk runs there (stack.cpp's callWithRoom).
void gort_morestack(void (*Thunk)(void *), void *Block) { Thunk(Block); }

/// Host stand-in for proc.cpp: there is no scheduler to yield to.
void gort_gopreempt() {}

/// Host stand-in for panic.cpp: print the value as gc would for string
/// kinds (runtime errors are strings here), else its type; exit 2.
void gort_gopanic(const gort::abi::Type *T, void *Data) {
  writeStr("panic: ");
  if (!T) {
    writeStr("nil");
  } else if ((T->Kind & gort::abi::KindMask) == gort::abi::KindString && Data) {
    const gort::abi::String *S = static_cast<const gort::abi::String *>(Data);
    ssize_t Ignored = ::write(2, S->Ptr, size_t(S->Len));
    (void)Ignored;
  } else {
    writeStr("(");
    gort::abi::String TS = gort::typeString(T);
    ssize_t Ignored = ::write(2, TS.Ptr, size_t(TS.Len));
    (void)Ignored;
    writeStr(")");
  }
  writeStr("\n");
  _exit(2);
}

} // extern "C"

int main(int Argc, char **Argv) {
  initRuntime(Argc, Argv);
  testing::InitGoogleTest(&Argc, Argv);
  // Death tests fork: "threadsafe" re-executes the binary, which then runs
  // initRuntime again before the single test, like any other run.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  return RUN_ALL_TESTS();
}

/// Host stand-in for libgort/gort.ld's bracket of the root table: the test
/// binary has no variables of compiled Go code, so the table is empty
/// (gc_test.cpp installs tables of its own with initGCRoots).
extern "C" const gort::abi::GCRoot __gort_gcroots_start[1] = {};
extern "C" const gort::abi::GCRoot __gort_gcroots_end[1]
    __attribute__((alias("__gort_gcroots_start")));
/// No stack maps either (stkmap_test.cpp installs its own).
extern "C" const uint8_t __gort_stackmap_start[1] = {};
extern "C" const uint8_t __gort_stackmap_end[1]
    __attribute__((alias("__gort_stackmap_start")));
