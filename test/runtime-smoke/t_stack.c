/* test/runtime-smoke/t_stack.c - segmented stack growth through
 * gort_morestack: a recursion a million frames deep (from stack.ll), a hot
 * split that must reuse its cached segment, and runtime bookkeeping. */

#include "smoke.h"

int64_t rec(void *Ctx, int64_t N);
int64_t descend(void *Ctx, int64_t N, int64_t K);
int64_t walk(void *Ctx, int64_t N);

void mainInit(void *Ctx) { (void)Ctx; }

void gort_newproc(const void *Fn);
void gort_gosched(void);

/* A closure as compiled code makes one (its context is itself). */
struct FuncVal {
  void (*Fn)(struct FuncVal *Self);
};

static volatile int PreemptDone;

static void preemptRequest(struct FuncVal *Self) {
  (void)Self;
  uint64_t S2[4], S3[4];
  /* Sysmon's own requests (main has run for more than 10 ms, much more
   * under qemu) would race with the guard checks: turn them off, and let
   * one call take any request already made. */
  gort_test_sysmonpreempt(0);
  check(rec(0, 1) == 1, "pending preemption taken");
  check(gort_test_guardok() == 1, "guard is lo + StackGuard");
  gort_test_stackstats(S2);
  gort_test_requestpreempt();
  int64_t R = rec(0, 3);
  gort_test_stackstats(S3);
  check(R == 6, "preemption request: result");
  check(S3[2] == S2[2], "preemption request: no segment switch");
  check(gort_test_guardok() == 1, "preemption request: guard restored");
  gort_test_sysmonpreempt(1);
  PreemptDone = 1;
}

static volatile int GrowthDone;

/* Runs on a goroutine of its own: the main goroutine starts on a bigger
 * segment (runtime/stack.h MainStackMin), every other one on StackMin. */
static void growth(struct FuncVal *Self) {
  (void)Self;
  uint64_t S0[4], S1[4], S2[4], S3[4];
  gort_test_stackstats(S0);

  int64_t R = rec(0, 1000000);
  gort_printlock();
  ps("rec(1000000) = ");
  gort_printint(R);
  gort_printnl();
  gort_printunlock();
  check(R == 500000500000LL, "deep recursion sum");
  gort_test_stackstats(S1);
  check(S1[2] > S0[2] + 10, "deep recursion switched segments");
  /* Segments double: a million frames need few of them. */
  check(S1[0] - S0[0] < 20, "segments grow geometrically");

  /* Second time: the cached next segment is reused, only one more segment
   * is allocated for each level given back on the way up. */
  R = rec(0, 1000000);
  check(R == 500000500000LL, "deep recursion again");

  /* Hot split: at every depth from 0 to 400, call probe 200 times. At the
   * depths that sit on a segment boundary, each call switches segments. */
  gort_test_stackstats(S2);
  int64_t Bad = 0;
  for (int64_t D = 0; D < 400; D++) {
    int64_t Want = 200 * 1230 + (199 * 200) / 2;
    if (descend(0, D, 200) != Want)
      Bad++;
  }
  gort_test_stackstats(S3);
  gort_printlock();
  ps("hot split: allocs ");
  gort_printuint(S3[0] - S2[0]);
  ps(" switches ");
  gort_printuint(S3[2] - S2[2]);
  ps(" reuses ");
  gort_printuint(S3[3] - S2[3]);
  gort_printnl();
  gort_printunlock();
  check(Bad == 0, "probe results at every depth");
  check(S3[2] - S2[2] > 200, "hot split crossed the boundary repeatedly");
  check(S3[3] - S2[3] >= S3[2] - S2[2] - 10, "hot split reused its segment");
  check(S3[0] - S2[0] <= 2, "hot split allocated (almost) nothing");
  /* The frame-pointer chain runs across segments: each switch adds the
   * thunk's and gort_morestack's frame records, nothing breaks it. */
  int64_t W0 = walk(0, 0), W = walk(0, 100000);
  gort_printlock();
  ps("frame records: ");
  gort_printint(W0);
  ps(" at depth 0, ");
  gort_printint(W);
  ps(" at depth 100000");
  gort_printnl();
  gort_printunlock();
  check(W0 > 2 && W >= W0 + 100000 && W <= W0 + 100000 + 2 * 20,
        "frame-pointer chain crosses segments");
  GrowthDone = 1;
}

void mainMain(void *Ctx) {
  (void)Ctx;
  check(gort_test_goid() == 1, "main goroutine has id 1");
  /* The main goroutine's first segment holds 200 frames of rec, which a
   * 2 KiB one would not: no switch. */
  uint64_t M0[4], M1[4];
  gort_test_stackstats(M0);
  check(rec(0, 200) == 20100, "main: recursion sum");
  gort_test_stackstats(M1);
  check(M1[2] == M0[2], "main: 200 frames in the first segment");
  static struct FuncVal Growth = {growth};
  gort_newproc(&Growth);
  while (!GrowthDone)
    gort_gosched();

  /* A preemption request makes the next prologue check fail; the runtime
   * acknowledges it and, with room left, runs the thunk where it is. Room:
   * the frame a function may allocate before its check, above the guard.
   * A new goroutine, near the top of its first segment, runs this part. */
  static struct FuncVal Pre = {preemptRequest};
  gort_newproc(&Pre);
  while (!PreemptDone)
    gort_gosched();

  int32_t SA = gort_test_stackalloc();
  if (SA) {
    gort_printlock();
    ps("stackalloc check failed: ");
    gort_printint(SA);
    gort_printnl();
    gort_printunlock();
  }
  check(SA == 0, "stackalloc/stackfree");

  if (Failures)
    gort_panicdivide(); /* exit status 2 */
}
