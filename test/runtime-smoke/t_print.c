/* test/runtime-smoke/t_print.c - every gort_print* entry point, with gc's
 * output as the expectation (t_print.expected was produced by Go 1.19 from
 * the equivalent program in the comment before each statement). */

#include "smoke.h"

void mainInit(void *Ctx) { (void)Ctx; }

static volatile double Zero = 0.0;

void mainMain(void *Ctx) {
  (void)Ctx;
  /* println(true, false) */
  gort_printlock();
  gort_printbool(true);
  gort_printsp();
  gort_printbool(false);
  gort_printnl();
  gort_printunlock();

  /* println(0, -1, math.MaxInt64, math.MinInt64) */
  gort_printlock();
  gort_printint(0);
  gort_printsp();
  gort_printint(-1);
  gort_printsp();
  gort_printint(INT64_MAX);
  gort_printsp();
  gort_printint(INT64_MIN);
  gort_printnl();
  gort_printunlock();

  /* println(uint64(math.MaxUint64), uint8(42)) */
  gort_printlock();
  gort_printuint(UINT64_MAX);
  gort_printsp();
  gort_printuint(42);
  gort_printnl();
  gort_printunlock();

  /* println(1.5, -0.0, 0.0, 1e100, 1e-100, 123456789.0, NaN, +Inf, -Inf,
   *         0.1, 9.9999999, 5e-324, math.MaxFloat64) */
  double Fs[] = {1.5,   -Zero * 1.0, 0.0,       1e100,       1e-100,
                 123456789.0, Zero / Zero, 1.0 / Zero, -1.0 / Zero, 0.1,
                 9.9999999,   5e-324,      1.7976931348623157e308};
  gort_printlock();
  for (unsigned I = 0; I < sizeof(Fs) / sizeof(Fs[0]); I++) {
    if (I)
      gort_printsp();
    gort_printfloat(Fs[I]);
  }
  gort_printnl();
  gort_printunlock();

  /* println(complex(1.5, -2), complex(0, math.Inf(1))) */
  gort_printlock();
  gort_printcomplex(1.5, -2);
  gort_printsp();
  gort_printcomplex(0, 1.0 / Zero);
  gort_printnl();
  gort_printunlock();

  /* println("hello", "") */
  gort_printlock();
  ps("hello");
  gort_printsp();
  gort_printstring(0, 0);
  gort_printnl();
  gort_printunlock();

  /* print(unsafe.Pointer(uintptr(0x1234)), nil-pointer, hex(0xdeadbeef),
   *       hex(0), "\n") */
  gort_printlock();
  gort_printpointer((void *)0x1234);
  gort_printpointer(0);
  gort_printhex(0xdeadbeef);
  gort_printhex(0);
  gort_printhex(UINT64_MAX);
  gort_printnl();
  gort_printunlock();

  /* println(slice with len 3, cap 5 at 0x1000), an eface, an iface */
  gort_printlock();
  gort_printslice((void *)0x1000, 3, 5);
  gort_printsp();
  gort_printeface((void *)0x10, (void *)0x20);
  gort_printsp();
  gort_printiface((void *)0x30, (void *)0x40);
  gort_printnl();
  gort_printunlock();

  /* A statement longer than the M's print buffer: 40 x 26 letters. */
  gort_printlock();
  for (int I = 0; I < 40; I++)
    ps("abcdefghijklmnopqrstuvwxyz");
  gort_printnl();
  gort_printunlock();

  /* Nested print statements (the runtime's own printing does this). */
  gort_printlock();
  ps("outer ");
  gort_printlock();
  ps("inner");
  gort_printunlock();
  gort_printnl();
  gort_printunlock();
}
