//===- test/unit/runtime/runtime_test_support.h - Hosted rt -----*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The runtime unit tests link runtime sources compiled for the host (see
// test/CMakeLists.txt for which). runtime_test_support.cpp stands in for
// what start-up and the assembly would provide, and its main() sets the
// runtime up before any test runs:
//
//   - The main thread is m0 running on g0 (getg() == &G0), holding P 0 with
//     its own MCache, as after schedinit.
//   - systemstack just switches g to the M's g0 and calls (host threads
//     have big stacks; there is no segment switch to test here).
//   - fatal prints "fatal error: <msg>" and exits with status 2;
//     gort_gopanic prints "panic: <value>" and exits with status 2. Use
//     EXPECT_DEATH / EXPECT_EXIT for paths that throw or panic.
//
// Other threads (std::thread) start with no g; RuntimeThread gives one an
// M and a g0, and optionally a P with its own MCache.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_TEST_UNIT_RUNTIME_RUNTIME_TEST_SUPPORT_H
#define GORT_TEST_UNIT_RUNTIME_RUNTIME_TEST_SUPPORT_H

// libc's declarations of memcpy & co. (noexcept) must precede the
// runtime's own (runtime/stubs.h); every test includes this header first.
#include <string.h>

#include "runtime/runtime2.h"

namespace gort {
namespace test {

/// Makes the calling thread a runtime thread for its lifetime: a new M
/// with a g0 (set as the current g) and, if WithP, a new P with a fresh
/// MCache. The destructor releases the MCache's spans to their MCentrals
/// and restores the thread's previous g (null on a fresh thread). Create it
/// on the thread it is for.
class RuntimeThread {
public:
  explicit RuntimeThread(bool WithP);
  ~RuntimeThread();
  RuntimeThread(const RuntimeThread &) = delete;
  RuntimeThread &operator=(const RuntimeThread &) = delete;

  M *m() const { return Mp; }
  P *p() const { return Pp; }

private:
  M *Mp;
  G *G0p;
  P *Pp;
  G *PrevG;
};

/// A type descriptor for tests: Size bytes, pointer-free if !HasPointers.
gort::abi::Type makeTestType(uintptr_t Size, bool HasPointers);

/// What the host stand-ins report: allgs() returns AllGs (no goroutines
/// unless a test links some in), and inRuntimeCode(PC) is true for PC in
/// [RuntimeTextLo, RuntimeTextHi) (empty unless a test sets it).
extern G *AllGs;
extern uintptr_t RuntimeTextLo, RuntimeTextHi;

} // namespace test
} // namespace gort

#endif // GORT_TEST_UNIT_RUNTIME_RUNTIME_TEST_SUPPORT_H
