//===- runtime/runtime1.cpp - Command line and environment ----------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The saved argv and envp and a getenv over them (gc: runtime1.go,
// env_posix.go). args() in os_linux.cpp fills them at start-up from the
// initial process stack; they are never modified afterwards, so readers need
// no lock. The runtime reads its own settings (GORTDEBUG, GODEBUG, GOGC,
// GOMAXPROCS) through gogetenv before any allocation.
//
// GORTDEBUG is gc's GODEBUG for our runtime: a comma-separated list of
// name=value settings, parsed once by schedinit into Debug (gc:
// parsedebugvars). GODEBUG is read first with the same names, so gc's
// GODEBUG=gctrace=1 works; GORTDEBUG wins where both set a name. Unknown
// names are ignored, as gc does. Settings:
//   stackcheck=1  check at every gort_morestack and every preemption, park
//                 and yield that the goroutine's stack pointer lies inside
//                 its current stack segment (stack.cpp)
//   gctrace=1     print a line per collection in gc's format (mgc.cpp)
//   gcstress=N    collect every N allocations (mgc.cpp)
//   gcpoison=1    fill freed objects with 0xdb bytes (mgcsweep.cpp)
//
//===----------------------------------------------------------------------===//

#include "runtime/os_linux.h"

namespace gort {

int32_t Argc;
char **Argv;
char **Envp;
DebugVars Debug;

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

const char *readDecimal(const char *S, uint64_t Max, uint64_t *Out) {
  if (*S < '0' || *S > '9')
    return nullptr;
  uint64_t N = 0;
  for (; *S >= '0' && *S <= '9'; S++) {
    uint64_t D = uint64_t(*S - '0');
    if (N > (Max - D) / 10)
      return nullptr;
    N = N * 10 + D;
  }
  *Out = N;
  return S;
}

namespace {

struct DebugVar {
  const char *Name;
  int32_t *Value;
};

/// Applies the name=value,... list S to the matching variables of Vars.
void parseDebugList(const char *S, const DebugVar *Vars, unsigned N) {
  while (S && *S) {
    // One name=value field.
    const char *Name = S;
    while (*S && *S != '=' && *S != ',')
      S++;
    const char *NameEnd = S;
    uint64_t Value = 0;
    bool Ok = false;
    if (*S == '=') {
      const char *E = readDecimal(S + 1, INT32_MAX, &Value);
      Ok = E && (*E == ',' || *E == 0);
      while (*S && *S != ',')
        S++;
    }
    for (unsigned I = 0; I < N; I++) {
      const char *Want = Vars[I].Name;
      const char *P = Name;
      while (*Want && P < NameEnd && *P == *Want) {
        P++;
        Want++;
      }
      if (Ok && *Want == 0 && P == NameEnd)
        *Vars[I].Value = int32_t(Value);
    }
    if (*S == ',')
      S++;
  }
}

} // namespace

void parsedebugvars() {
  const DebugVar Vars[] = {
      {"stackcheck", &Debug.StackCheck}, {"gctrace", &Debug.GCTrace},
      {"gcstress", &Debug.GCStress},     {"gcpoison", &Debug.GCPoison},
      {"gcserial", &Debug.GCSerial},     {"gccheckmark", &Debug.GCCheckmark},
      {"gcstw", &Debug.GCStw},           {"gclimitcap", &Debug.GCLimitCap}};
  constexpr unsigned N = sizeof(Vars) / sizeof(Vars[0]);
  parseDebugList(gogetenv("GODEBUG"), Vars, N);
  parseDebugList(gogetenv("GORTDEBUG"), Vars, N);
}

} // namespace gort
