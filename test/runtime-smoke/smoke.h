/*===- test/runtime-smoke/smoke.h - Shared declarations for the smoke tests
 *-===*
 *
 * Part of gortc. See LICENSE for license information.
 *
 *===----------------------------------------------------------------------===*
 *
 * The smoke-test programs are freestanding C that play the part of compiled
 * Go code: each defines main..init and main.main and calls the gort_* entry
 * points of libgort/abi.def the way generated code will. Compiled for
 * AArch64 with -ffixed-x28 (x28 holds g).
 *
 *===----------------------------------------------------------------------===*/

#ifndef SMOKE_H
#define SMOKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/testing_hooks.h"

/* The Go-visible entry points: Go functions take a closure context. */
void mainInit(void *Ctx) __asm__("main..init");
void mainMain(void *Ctx) __asm__("main.main");

/* libgort/abi.def, as C prototypes. */
void gort_printlock(void);
void gort_printunlock(void);
void gort_printsp(void);
void gort_printnl(void);
void gort_printbool(bool);
void gort_printint(int64_t);
void gort_printuint(uint64_t);
void gort_printfloat(double);
void gort_printcomplex(double, double);
void gort_printstring(const uint8_t *, int64_t);
void gort_printpointer(const void *);
void gort_printhex(uint64_t);
void gort_printslice(const void *, int64_t, int64_t);
void gort_printeface(const void *, const void *);
void gort_printiface(const void *, const void *);
_Noreturn void gort_gopanic(const void *, void *);
_Noreturn void gort_panicdivide(void);
_Noreturn void gort_panicshift(void);
_Noreturn void gort_panicmem(void);
_Noreturn void gort_panicBounds(int64_t, int64_t, uint32_t);
void gort_morestack(void (*)(void *), void *);
void *gort_newobject(const void *);
void *gort_mallocgc(uint64_t, const void *, bool);

/* A Go string {ptr, len} and the type descriptor header (libgort/abi.h). */
struct GoString {
  const uint8_t *Ptr;
  int64_t Len;
};

struct GoType {
  uintptr_t Size;
  uintptr_t PtrData;
  uint32_t Hash;
  uint8_t TFlag;
  uint8_t Align;
  uint8_t FieldAlign;
  uint8_t Kind;
  const void *Equal; /* a struct GoFuncVal */
  const uint8_t *GCData;
  int32_t Str; /* offset of the name from the descriptor; 0: none */
  int32_t PtrToThis;
};

/* A Go func value: the code, which takes the func value itself first. */
struct GoFuncVal {
  const void *Fn;
};

/* An encoded name (abi::NameFlag): flags, length (one varint byte: names
 * below 128 bytes), bytes. */
struct GoName {
  uint8_t Flags;
  uint8_t Len;
  char Bytes[46];
};

/* A descriptor with no kind-specific part followed by its name, so that
 * the name's offset (Str) is a constant C can write. */
struct GoTypeN {
  struct GoType T;
  struct GoName N;
};

enum {
  KindBool = 1,
  KindInt = 2,
  KindInt8 = 3,
  KindInt32 = 5,
  KindUint8 = 8,
  KindFloat64 = 14,
  KindComplex128 = 16,
  KindPointer = 22,
  KindSlice = 23,
  KindString = 24,
  KindStruct = 25,
  KindDirectIface = 1 << 5,
  TFlagNamed = 1 << 2,
  TFlagRegularMemory = 1 << 3,
};

static inline int64_t smokeStrlen(const char *S) {
  int64_t N = 0;
  while (S[N])
    N++;
  return N;
}

#define GOSTR(Lit)                                                             \
  { (const uint8_t *)(Lit), (int64_t)(sizeof(Lit) - 1) }
/* A nameless descriptor (Name is for the reader), and a named one. */
#define TYPE(Name, Sz, K)                                                      \
  { Sz, 0, 0, TFlagNamed, 8, 8, K, 0, 0, 0, 0 }
#define GONAME(Lit)                                                            \
  { 0, (uint8_t)(sizeof(Lit) - 1), Lit }
#define NTYPE(Name, Sz, K)                                                     \
  {                                                                            \
    {Sz, 0, 0, TFlagNamed, 8, 8, K, 0, 0, sizeof(struct GoType), 0},           \
        GONAME(Name)                                                           \
  }

static inline void ps(const char *S) {
  gort_printstring((const uint8_t *)S, smokeStrlen(S));
}

/* println of one string. */
static inline void say(const char *S) {
  gort_printlock();
  ps(S);
  gort_printnl();
  gort_printunlock();
}

/* Prints "ok What" or "FAIL What"; failures are counted in Failures (each
 * test program has its own), which main.main turns into its exit status. */
static int Failures __attribute__((unused));

static inline void check(bool Ok, const char *What) {
  gort_printlock();
  ps(Ok ? "ok " : "FAIL ");
  ps(What);
  gort_printnl();
  gort_printunlock();
  if (!Ok)
    Failures++;
}

#endif /* SMOKE_H */
