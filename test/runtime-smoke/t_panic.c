/* test/runtime-smoke/t_panic.c - panic values and run-time errors. Built
 * once per CASE; run.sh holds the expected output of each (from Go 1.19). */

#include "smoke.h"

void mainInit(void *Ctx) { (void)Ctx; }

static const struct GoTypeN StringType = NTYPE("string", 16, KindString);
static const struct GoTypeN IntType = NTYPE("int", 8, KindInt);
static const struct GoTypeN Uint8Type = NTYPE("uint8", 1, KindUint8);
static const struct GoTypeN Float64Type = NTYPE("float64", 8, KindFloat64);
static const struct GoTypeN Complex128Type =
    NTYPE("complex128", 16, KindComplex128);
static const struct GoTypeN BoolType = NTYPE("bool", 1, KindBool);
static const struct GoTypeN NamedInt = NTYPE("main.T", 8, KindInt);
static const struct GoTypeN NamedString = NTYPE("main.S", 16, KindString);
static const struct GoTypeN NamedFloat = NTYPE("main.F", 8, KindFloat64);
static const struct GoTypeN NamedComplex = NTYPE("main.C", 16, KindComplex128);
static const struct GoTypeN NamedBool = NTYPE("main.B", 1, KindBool);
static const struct GoTypeN NamedInt8 = NTYPE("main.I8", 1, KindInt8);
static const struct GoTypeN NamedInt32 = NTYPE("main.I32", 4, KindInt32);
static const struct GoTypeN PtrType =
    NTYPE("*int", 8, KindPointer | KindDirectIface);
static const struct GoTypeN SliceType = NTYPE("[]int", 24, KindSlice);

static const struct GoString Boom = GOSTR("boom");
static const struct GoString X = GOSTR("x");
static const int64_t I42 = 42, I5 = 5;
static const int64_t IMin = INT64_MIN;
static const uint8_t U7 = 7;
static const double F15 = 1.5;
static const double C12[2] = {1, 2};
static const bool True = true;
static const int8_t I8m = -8;
static const int32_t I32 = 123456;
static int64_t SliceWords[3] = {0x1000, 1, 1};

void mainMain(void *Ctx) {
  (void)Ctx;
  void *P;
  switch (CASE) {
  case 1:
    gort_gopanic(&StringType, (void *)&Boom);
  case 2:
    gort_gopanic(&IntType, (void *)&I42);
  case 3:
    gort_gopanic(&NamedInt, (void *)&I5);
  case 4:
    gort_gopanic(&NamedString, (void *)&X);
  case 5:
    gort_gopanic(&NamedFloat, (void *)&F15);
  case 6:
    gort_gopanic(&NamedComplex, (void *)C12);
  case 7:
    gort_gopanic(&NamedBool, (void *)&True);
  case 8:
    gort_gopanic(0, 0);
  case 9:
    gort_gopanic(&Uint8Type, (void *)&U7);
  case 10:
    gort_gopanic(&Float64Type, (void *)&F15);
  case 11:
    gort_gopanic(&PtrType, 0);
  case 12:
    gort_gopanic(&SliceType, (void *)0x1000);
  case 13:
    gort_gopanic(&Complex128Type, (void *)C12);
  case 14:
    gort_gopanic(&BoolType, (void *)&True);
  case 15:
    gort_gopanic(&NamedInt8, (void *)&I8m);
  case 16:
    gort_gopanic(&NamedInt32, (void *)&I32);
  case 17:
    gort_gopanic(&IntType, (void *)&IMin);
  case 20:
    gort_panicdivide();
  case 21:
    gort_panicshift();
  case 22:
    gort_panicmem();
  case 30:
    gort_panicBounds(5, 0, 0x100 | 0); /* index, signed */
  case 31:
    gort_panicBounds(-1, 3, 0x100 | 0); /* index, negative */
  case 32:
    gort_panicBounds(7, 3, 0); /* index, unsigned */
  case 33:
    gort_panicBounds(5, 3, 0x100 | 2); /* SliceAcap */
  case 34:
    gort_panicBounds(5, 4, 0x100 | 1); /* SliceAlen */
  case 35:
    gort_panicBounds(2, 1, 0x100 | 3); /* SliceB */
  case 36:
    gort_panicBounds(-3, 0, 0x100 | 3); /* SliceB negative */
  case 37:
    gort_panicBounds(6, 5, 0x100 | 5); /* Slice3Acap */
  case 38:
    gort_panicBounds(6, 3, 0x100 | 4); /* Slice3Alen */
  case 39:
    gort_panicBounds(2, 1, 0x100 | 6); /* Slice3B */
  case 40:
    gort_panicBounds(2, 1, 0x100 | 7); /* Slice3C */
  case 41:
    gort_panicBounds(5, 3, 0x100 | 8); /* Convert */
  case 42:
    gort_panicBounds(-1, 0, 0x100 | 7); /* Slice3C negative */
  case 43:
    gort_panicBounds(-9223372036854775807LL - 1, 0, 0x100 | 0);
  case 44:
    gort_panicBounds(-1, 3, 0); /* unsigned: huge X */
  case 50:
    /* Output before the panic stays separate: printed and flushed first. */
    say("before");
    P = SliceWords;
    gort_gopanic(&StringType, (void *)&Boom);
  }
  (void)P;
}
