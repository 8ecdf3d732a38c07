//===- runtime/panic.h - fatal errors and assertions ------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See panic.cpp for the overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_PANIC_H
#define GORT_RUNTIME_PANIC_H

#include "runtime/runtime2.h"

namespace gort {

/// gc's throw: an unrecoverable runtime failure. Prints "fatal error: Msg",
/// a blank line and the current goroutine's header to standard error, then
/// exits with status 2. Msg is a constant string; anything else worth
/// printing must be printed before the call. Never allocates; safe on any
/// stack (it switches to g0 when there is one).
[[noreturn]] void fatal(const char *Msg);

/// The panicking tail shared by gopanic: prints the panic chain of Gp and
/// exits with status 2 (gc: fatalpanic). Runs on the system stack.
[[noreturn]] void fatalpanic(G *Gp);

} // namespace gort

#define GORT_STR2(X) #X
#define GORT_STR(X) GORT_STR2(X)

/// Checks an internal invariant; a failure is a runtime bug and throws
/// "runtime: assertion failed: COND at runtime/FILE.cpp:LINE" (the build
/// maps the source tree's path away, libgort/CMakeLists.txt). Always on
/// (the build is "release with assertions"); define GORT_NO_ASSERT to
/// compile the checks out.
#ifdef GORT_NO_ASSERT
#define GORT_ASSERT(Cond) ((void)0)
#else
#define GORT_ASSERT(Cond)                                                      \
  do {                                                                         \
    if (__builtin_expect(!(Cond), 0))                                          \
      ::gort::fatal("runtime: assertion failed: " #Cond " at " __FILE__        \
                    ":" GORT_STR(__LINE__));                                   \
  } while (0)
#endif

#endif // GORT_RUNTIME_PANIC_H
