//===- runtime/runtime1.cpp - Command line and environment ----------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The saved argv and envp and a getenv over them (gc: runtime1.go,
// env_posix.go). args() in os_linux.cpp fills them at start-up from the
// initial process stack; they are never modified afterwards, so readers need
// no lock. The runtime reads its own settings (GORTDEBUG, later GOGC,
// GOMAXPROCS) through gogetenv before any allocation.
//
//===----------------------------------------------------------------------===//

#include "runtime/os_linux.h"

namespace gort {

int32_t Argc;
char **Argv;
char **Envp;

const char *gogetenv(const char *Key) {
  if (!Envp)
    return nullptr;
  for (char **E = Envp; *E; E++) {
    const char *P = *E;
    const char *K = Key;
    while (*K && *P == *K) {
      P++;
      K++;
    }
    if (*K == 0 && *P == '=')
      return P + 1;
  }
  return nullptr;
}

} // namespace gort
