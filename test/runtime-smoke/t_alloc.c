/* test/runtime-smoke/t_alloc.c - allocation, the runtime's system-call and
 * thread primitives, getenv, and a link check that every entry point of
 * libgort/abi.def and every function of libgort/runtime_pkg.def is
 * defined. */

#include "smoke.h"

/* Taking the address of every abi.def function, and of every package
 * runtime function under its Go symbol, makes the link fail if one is
 * missing. Each is declared here as an opaque object so the check needs no
 * prototypes (runtime/abi_check.cpp checks the signatures). */
#define GORT_FUNC(Name, Result, Flags, ...) extern const char Name##_sym[] __asm__(#Name);
#include "libgort/abi.def"
#define GORT_GO_FUNC(Name, Result, ...) extern const char runtime_##Name##_sym[] __asm__("runtime." #Name);
#include "libgort/runtime_pkg.def"
#define GORT_FUNC(Name, Result, Flags, ...) (const void *)Name##_sym,
#define GORT_GO_FUNC(Name, Result, ...) (const void *)runtime_##Name##_sym,
/* Kept through the compiler (used) and the linker's --gc-sections (retain):
 * otherwise the non-null test below folds away with every reference. */
__attribute__((used, retain)) static const void *const AllEntryPoints[] = {
#include "libgort/abi.def"
#include "libgort/runtime_pkg.def"
};

static const struct GoType Obj24 = TYPE("main.obj", 24, KindStruct);

static bool allZero(const uint8_t *P, uint64_t N) {
  for (uint64_t I = 0; I < N; I++)
    if (P[I])
      return false;
  return true;
}

static int InitRan;

void mainInit(void *Ctx) {
  (void)Ctx;
  InitRan = 1;
}

void mainMain(void *Ctx) {
  (void)Ctx;
  check(InitRan == 1, "main..init ran before main.main");
  unsigned N = sizeof(AllEntryPoints) / sizeof(AllEntryPoints[0]);
  bool AllSet = N >= 23;
  for (unsigned I = 0; I < N; I++)
    AllSet = AllSet && AllEntryPoints[I] != 0;
  check(AllSet, "every abi.def and runtime_pkg.def function is defined");

  /* Sizes, alignment, zeroing, distinctness. */
  static const uint64_t Sizes[] = {1, 7, 8, 9, 15, 16, 17, 24, 100, 4096,
                                   100000, 300000, 5 << 20};
  uint8_t *Prev = 0;
  bool AlignOk = true, ZeroOk = true, DistinctOk = true;
  for (int Round = 0; Round < 200; Round++) {
    for (unsigned I = 0; I < sizeof(Sizes) / sizeof(Sizes[0]); I++) {
      uint64_t Sz = Sizes[I];
      if (Sz > 4096 && Round > 2)
        continue;
      uint8_t *P = gort_mallocgc(Sz, 0, true);
      /* As gc: objects sit at multiples of their size class in a
       * page-aligned span, so 17..24 bytes (class 24) are only 8-aligned;
       * the other sizes here round to multiples of 16 from 9 bytes on. */
      uintptr_t A = Sz >= 9 && !(Sz > 16 && Sz <= 24) ? 16 : 8;
      if ((uintptr_t)P % A)
        AlignOk = false;
      if (!allZero(P, Sz))
        ZeroOk = false;
      if (P == Prev)
        DistinctOk = false;
      for (uint64_t J = 0; J < Sz; J++)
        P[J] = 0xee; /* must not overlap any other object */
      Prev = P;
    }
  }
  check(AlignOk, "mallocgc alignment (8; 16 for classes of 16*n bytes)");
  check(ZeroOk, "mallocgc memory is zeroed");
  check(DistinctOk, "mallocgc objects are distinct");
  check(gort_mallocgc(0, 0, true) == gort_mallocgc(0, 0, true),
        "zero-size allocations share zerobase");
  int64_t *O = gort_newobject(&Obj24);
  check(O && O[0] == 0 && O[1] == 0 && O[2] == 0 && (uintptr_t)O % 8 == 0,
        "newobject");
  /* 12 MiB of small objects: many spans, several refills. */
  bool ChunkOk = true;
  for (int I = 0; I < 200000; I++) {
    int64_t *Q = gort_mallocgc(64, 0, true);
    if (Q[0] != 0 || Q[7] != 0)
      ChunkOk = false;
    Q[0] = Q[7] = I;
  }
  check(ChunkOk, "12 MiB of small objects across chunks");

  int32_t MallocRes = gort_test_malloc();
  if (MallocRes) {
    gort_printlock();
    ps("malloc check failed: ");
    gort_printint(MallocRes);
    gort_printnl();
    gort_printunlock();
  }
  check(MallocRes == 0,
        "allocator internals: spans, spanOf, tiny blocks, arenas, stacks");

  int32_t SysRes = gort_test_syscalls();
  if (SysRes) {
    gort_printlock();
    ps("syscall check failed: ");
    gort_printint(SysRes);
    gort_printnl();
    gort_printunlock();
  }
  check(SysRes == 0, "raw system calls");
  check(gort_test_threads(4, 20000) == 80000,
        "clone threads with TLS, futex mutex, futex join");
  const char *V = gort_test_getenv("GORT_SMOKE_ENV");
  check(V && V[0] == 'y' && V[1] == 'e' && V[2] == 's' && V[3] == 0,
        "getenv finds GORT_SMOKE_ENV=yes");
  check(gort_test_getenv("GORT_SMOKE") == 0, "getenv needs the whole name");
  check(gort_test_getenv("NO_SUCH_VARIABLE_HERE") == 0, "getenv missing");

  if (Failures)
    gort_panicdivide(); /* exit status 2 */
}
