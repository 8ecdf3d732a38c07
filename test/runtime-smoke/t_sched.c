/* test/runtime-smoke/t_sched.c - the scheduler services, called from C: a
 * blocking system call handing its P to another M and timer sleeps (Go code
 * cannot reach them without packages gortc does not compile yet), Gosched,
 * NumGoroutine, GOMAXPROCS and Goexit (behind package runtime's functions).
 * Goroutines are started as compiled code starts them: gort_newproc with a
 * closure (funcval) that takes itself as its context. These C functions
 * have no stack checks, so they keep their frames small. Run with
 * GOMAXPROCS=1 (run.sh): hand-off and sleeps must not need a second P.
 *
 * CASE 1: main calls Goexit while another goroutine still runs; when that
 * one ends, gc's "no goroutines (main called runtime.Goexit) - deadlock!". */

#include "smoke.h"

void gort_newproc(const void *Fn);
void gort_gosched(void);
int64_t gort_numgoroutine(void);
int64_t gort_gomaxprocs(int64_t N);
_Noreturn void gort_goexit_current(void);
void *gort_makechan(const void *T, int64_t Size);
void gort_chansend1(void *C, const void *Elem);
void gort_chanrecv1(void *C, void *Elem);

struct FuncVal {
  void (*Fn)(struct FuncVal *Self);
  int64_t Arg;
  void *Chan;
};

static const struct GoType Int = TYPE("int", 8, KindInt);
struct ChanType {
  struct GoType T;
  const struct GoType *Elem;
  uintptr_t Dir;
};
static const struct ChanType ChanInt = {TYPE("chan int", 8, 18), &Int, 3};

static void send(void *C, int64_t V) { gort_chansend1(C, &V); }
static int64_t recv(void *C) {
  int64_t V = 0;
  gort_chanrecv1(C, &V);
  return V;
}

void mainInit(void *Ctx) { (void)Ctx; }

/* 1. A goroutine blocked in a system call for 300ms must not hold the only
 * P: sysmon retakes it and main runs on another M meanwhile. */
static volatile int InSyscall;

static void blocker(struct FuncVal *Self) {
  InSyscall = 1;
  gort_test_blockingsleep(300 * 1000 * 1000);
  InSyscall = 0;
  send(Self->Chan, 1);
}

/* 2. Sleepers wake in deadline order, not before their time. */
static void sleeper(struct FuncVal *Self) {
  gort_test_sleep(Self->Arg * 1000 * 1000);
  send(Self->Chan, Self->Arg);
}

static volatile int Woke;

static void flagSleeper(struct FuncVal *Self) {
  gort_test_sleep(Self->Arg * 1000 * 1000);
  Woke = 1;
  send(Self->Chan, Self->Arg);
}

static void goexiter(struct FuncVal *Self) {
  send(Self->Chan, 7);
  gort_goexit_current();
}

static void spinYield(struct FuncVal *Self) {
  for (int I = 0; I < 100; I++)
    gort_gosched();
  send(Self->Chan, 5);
}

#ifndef CASE
#define CASE 0
#endif

void mainMain(void *Ctx) {
  (void)Ctx;
  void *C = gort_makechan(&ChanInt, 0);
#if CASE == 1
  static struct FuncVal Sp = {spinYield, 0, 0};
  Sp.Chan = gort_makechan(&ChanInt, 1);
  gort_newproc(&Sp);
  gort_goexit_current();
#endif
  check(gort_gomaxprocs(0) == 1, "GOMAXPROCS=1 from the environment");
  check(gort_numgoroutine() == 1, "NumGoroutine is 1 at start");

  static struct FuncVal B = {blocker, 0, 0};
  B.Chan = C;
  gort_newproc(&B);
  int64_t T0 = gort_test_nanotime();
  while (!InSyscall)
    gort_gosched();
  /* Still in the call, and we run: the P was handed off. */
  int64_t Mid = gort_test_nanotime();
  check(InSyscall == 1 && Mid - T0 < 250 * 1000 * 1000,
        "main runs while a goroutine blocks in a system call");
  check(gort_numgoroutine() == 2, "NumGoroutine counts the blocked one");
  check(recv(C) == 1 && gort_test_nanotime() - T0 >= 300 * 1000 * 1000,
        "the system call finished and its goroutine continued");

  static struct FuncVal S[3] = {{sleeper, 60, 0}, {sleeper, 20, 0},
                                {sleeper, 40, 0}};
  T0 = gort_test_nanotime();
  for (int I = 0; I < 3; I++) {
    S[I].Chan = C;
    gort_newproc(&S[I]);
  }
  int64_t A = recv(C), Bv = recv(C), Cv = recv(C);
  int64_t Elapsed = gort_test_nanotime() - T0;
  check(A == 20 && Bv == 40 && Cv == 60, "sleepers wake in deadline order");
  check(Elapsed >= 60 * 1000 * 1000, "nobody woke early");

  /* A sleeper wakes on time although the only P never goes idle. */
  static struct FuncVal S1 = {flagSleeper, 20, 0};
  S1.Chan = C;
  Woke = 0;
  gort_newproc(&S1);
  T0 = gort_test_nanotime();
  while (!Woke && gort_test_nanotime() - T0 < 2000LL * 1000 * 1000)
    gort_gosched();
  Elapsed = gort_test_nanotime() - T0;
  check(Woke && Elapsed >= 20 * 1000 * 1000 && Elapsed < 500 * 1000 * 1000,
        "a sleeper wakes while the only P stays busy");
  check(recv(C) == 20, "and finishes");

  /* Main alone, sleeping: not a deadlock. */
  T0 = gort_test_nanotime();
  gort_test_sleep(30 * 1000 * 1000);
  check(gort_test_nanotime() - T0 >= 30 * 1000 * 1000, "main slept 30ms");

  static struct FuncVal Y = {spinYield, 0, 0};
  Y.Chan = C;
  gort_newproc(&Y);
  check(recv(C) == 5, "Gosched lets main run between yields");

  static struct FuncVal E = {goexiter, 0, 0};
  E.Chan = C;
  gort_newproc(&E);
  check(recv(C) == 7, "Goexit ends a goroutine");
  gort_gosched();
  check(gort_numgoroutine() == 1, "dead goroutines are not counted");

  check(gort_gomaxprocs(3) == 1, "GOMAXPROCS(3) returns the old value");
  check(gort_gomaxprocs(0) == 3, "GOMAXPROCS(0) reports 3");
  static struct FuncVal S2 = {sleeper, 1, 0};
  S2.Chan = C;
  gort_newproc(&S2);
  check(recv(C) == 1, "the scheduler runs after GOMAXPROCS changes");
  check(gort_gomaxprocs(1) == 3, "back to one P");

  gort_printlock();
  ps(Failures ? "FAIL sched\n" : "all sched checks passed\n");
  gort_printunlock();
}
