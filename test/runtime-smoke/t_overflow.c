/* test/runtime-smoke/t_overflow.c - unbounded recursion must end in gc's
 * "stack overflow" fatal error with exit status 2, never a crash. */

#include "smoke.h"

int64_t inf(void *Ctx, int64_t N);

void mainInit(void *Ctx) { (void)Ctx; }

void mainMain(void *Ctx) {
  (void)Ctx;
  gort_printlock();
  gort_printint(inf(0, 0));
  gort_printnl();
  gort_printunlock();
}
