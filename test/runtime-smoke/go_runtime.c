/* test/runtime-smoke/go_runtime.c - package runtime's compiled Go side, by
 * hand: what a compiled program always links and libgort names by symbol
 * (runtime/go/error.go: the run-time error types' descriptors, which
 * runtime/error.h declares, and runtime..init). */

#include "smoke.h"

void runtimeInit(void *Ctx) __asm__("runtime..init");
void runtimeInit(void *Ctx) { (void)Ctx; }

struct BoundsError {
  int64_t X;
  int64_t Y;
  bool Signed;
  uint8_t Code;
};

const struct GoTypeN BoundsErrorType __asm__("type:runtime.boundsError") =
    NTYPE("runtime.boundsError", sizeof(struct BoundsError), KindStruct);
const struct GoTypeN ErrorStringType __asm__("type:runtime.errorString") =
    NTYPE("runtime.errorString", 16, KindString);
const struct GoTypeN PlainErrorType __asm__("type:runtime.plainError") =
    NTYPE("runtime.plainError", 16, KindString);
const struct GoTypeN
    TypeAssertionErrorType __asm__("type:*runtime.TypeAssertionError") =
        NTYPE("*runtime.TypeAssertionError", 8, KindPointer | KindDirectIface);
