//===- runtime/print.cpp - print and println
//--------------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The builtin print/println and the runtime's own diagnostic output
// (gc: print.go), byte for byte as gc writes them: floats as
// "+1.500000e+000", pointers and hex as "0x...", slices as "[len/cap]0xptr",
// interfaces as "(0xtype,0xdata)". Output goes to standard error.
//
// A print statement is gort_printlock, one call per piece, gort_printunlock.
// The pieces are collected in the running M's PrintBuf (M::PrintBuf,
// PrintBufSize bytes) and written with one write system call when the buffer
// fills and at the outermost printunlock, so that a println of many pieces,
// and a whole panic message, reaches the terminal in one piece even when
// several threads print. Outside a print statement, or before the first
// g/m exist, gwrite writes straight through. runtime.Stack points
// M::WriteBuf at its buffer while it prints a traceback: output then goes
// there instead (gc: g.writebuf).
//
// Invariants and locking: DebugLock (gc: debuglock) is held from the
// outermost printlock to the matching printunlock; M::PrintLock counts the
// nesting, so a thread can print while printing (a fatal error raised inside
// the print code prints its own message). PrintBuf and PrintLen belong to
// their M and are touched only by it. Nothing here allocates, and every
// frame is small: these entry points run on goroutine stacks without a
// prologue check.
//
// Entry points: gort_print* (libgort/abi.def) from compiled code; the C++
// print* functions (print.h) from the runtime.
//
// Rejected: a shared global buffer (needs the lock for every byte, and
// interleaves with a thread that crashes while printing); formatting with a
// printf-style engine (gc's formats are fixed and few).
//
//===----------------------------------------------------------------------===//

#include "runtime/print.h"

#include "runtime/abi_entry.h"
#include "runtime/lock.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"

namespace gort {

namespace {

Mutex DebugLock;

/// The M whose print statement is in progress on this thread, or null.
inline M *printingM() {
  G *Gp = getgOrNull();
  if (!Gp || !Gp->Mp || Gp->Mp->PrintLock == 0)
    return nullptr;
  return Gp->Mp;
}

void flushBuf(M *Mp) {
  if (Mp->PrintLen) {
    writeErr(Mp->PrintBuf, Mp->PrintLen);
    Mp->PrintLen = 0;
  }
}

} // namespace

void writeErr(const void *P, uintptr_t N) {
  const char *B = static_cast<const char *>(P);
  while (N > 0) {
    int32_t Chunk = N > 0x40000000 ? 0x40000000 : int32_t(N);
    int32_t R = write1(2, B, Chunk);
    if (R == -EINTR)
      continue;
    if (R <= 0)
      return; // nothing sensible to do: standard error is broken
    B += R;
    N -= uintptr_t(R);
  }
}

void printlock() {
  G *Gp = getgOrNull();
  if (!Gp)
    return;
  M *Mp = Gp->Mp;
  Mp->Locks++; // (gc) do not reschedule between PrintLock++ and lock
  Mp->PrintLock++;
  if (Mp->PrintLock == 1) {
    lock(&DebugLock);
    Mp->PrintLen = 0;
  }
  Mp->Locks--;
}

void printunlock() {
  G *Gp = getgOrNull();
  if (!Gp)
    return;
  M *Mp = Gp->Mp;
  if (Mp->PrintLock <= 0)
    return; // unbalanced: a compiled print never does this
  if (--Mp->PrintLock == 0) {
    flushBuf(Mp);
    unlock(&DebugLock);
  }
}

void printflush() {
  G *Gp = getgOrNull();
  if (Gp && Gp->Mp)
    flushBuf(Gp->Mp);
}

void gwrite(const void *P, uintptr_t N) {
  M *Mp = printingM();
  if (!Mp) {
    writeErr(P, N);
    return;
  }
  const char *B = static_cast<const char *>(P);
  if (Mp->WriteBuf) {
    uintptr_t K = Mp->WriteCap - Mp->WriteLen;
    if (K > N)
      K = N;
    memcpy(Mp->WriteBuf + Mp->WriteLen, B, K);
    Mp->WriteLen += K;
    return;
  }
  while (N > 0) {
    uintptr_t Room = PrintBufSize - Mp->PrintLen;
    if (Room == 0) {
      flushBuf(Mp);
      Room = PrintBufSize;
    }
    uintptr_t K = N < Room ? N : Room;
    memcpy(Mp->PrintBuf + Mp->PrintLen, B, K);
    Mp->PrintLen += uint32_t(K);
    B += K;
    N -= K;
  }
}

void printstring(const char *S) { gwrite(S, findnull(S)); }

void printstring(const uint8_t *P, intptr_t N) {
  if (N > 0)
    gwrite(P, uintptr_t(N));
}

void printsp() { gwrite(" ", 1); }

void printnl() { gwrite("\n", 1); }

void printbool(bool V) {
  if (V)
    gwrite("true", 4);
  else
    gwrite("false", 5);
}

void printfloat(double V) {
  if (V != V) {
    gwrite("NaN", 3);
    return;
  }
  if (V + V == V && V > 0) {
    gwrite("+Inf", 4);
    return;
  }
  if (V + V == V && V < 0) {
    gwrite("-Inf", 4);
    return;
  }

  constexpr int N = 7; // digits printed
  char Buf[N + 7];
  Buf[0] = '+';
  int E = 0; // exponent
  if (V == 0) {
    if (1 / V < 0)
      Buf[0] = '-';
  } else {
    if (V < 0) {
      V = -V;
      Buf[0] = '-';
    }
    // normalize
    while (V >= 10) {
      E++;
      V /= 10;
    }
    while (V < 1) {
      E--;
      V *= 10;
    }
    // round
    double H = 5.0;
    for (int I = 0; I < N; I++)
      H /= 10;
    V += H;
    if (V >= 10) {
      E++;
      V /= 10;
    }
  }

  // format +d.dddd+edd
  for (int I = 0; I < N; I++) {
    int S = int(V);
    Buf[I + 2] = char(S + '0');
    V -= double(S);
    V *= 10;
  }
  Buf[1] = Buf[2];
  Buf[2] = '.';

  Buf[N + 2] = 'e';
  Buf[N + 3] = '+';
  if (E < 0) {
    E = -E;
    Buf[N + 3] = '-';
  }
  Buf[N + 4] = char(E / 100 + '0');
  Buf[N + 5] = char((E / 10) % 10 + '0');
  Buf[N + 6] = char(E % 10 + '0');
  gwrite(Buf, sizeof(Buf));
}

void printcomplex(double Re, double Im) {
  gwrite("(", 1);
  printfloat(Re);
  printfloat(Im);
  gwrite("i)", 2);
}

void printuint(uint64_t V) {
  char Buf[24];
  int I = sizeof(Buf);
  do {
    Buf[--I] = char(V % 10 + '0');
    V /= 10;
  } while (V);
  gwrite(Buf + I, sizeof(Buf) - I);
}

void printint(int64_t V) {
  if (V < 0) {
    gwrite("-", 1);
    // -V overflows for the minimum int64; gc prints its magnitude the same
    // way, through the unsigned conversion.
    printuint(0 - uint64_t(V));
    return;
  }
  printuint(uint64_t(V));
}

void printhex(uint64_t V) {
  static constexpr char Dig[] = "0123456789abcdef";
  char Buf[24];
  int I = sizeof(Buf);
  do {
    Buf[--I] = Dig[V % 16];
    V /= 16;
  } while (V);
  Buf[--I] = 'x';
  Buf[--I] = '0';
  gwrite(Buf + I, sizeof(Buf) - I);
}

void printpointer(const void *P) { printhex(uint64_t(uintptr_t(P))); }

} // namespace gort

using namespace gort;

extern "C" {

void gort_printlock() { printlock(); }
void gort_printunlock() { printunlock(); }
void gort_printsp() { printsp(); }
void gort_printnl() { printnl(); }
void gort_printbool(bool V) { printbool(V); }
void gort_printint(int64_t V) { printint(V); }
void gort_printuint(uint64_t V) { printuint(V); }
void gort_printfloat(double V) { printfloat(V); }
void gort_printcomplex(double Re, double Im) { printcomplex(Re, Im); }
void gort_printstring(const uint8_t *P, int64_t N) { printstring(P, N); }
void gort_printpointer(const void *P) { printpointer(P); }
void gort_printhex(uint64_t V) { printhex(V); }

void gort_printslice(const void *P, int64_t Len, int64_t Cap) {
  gwrite("[", 1);
  printint(Len);
  gwrite("/", 1);
  printint(Cap);
  gwrite("]", 1);
  printpointer(P);
}

void gort_printeface(const abi::Type *T, const void *Data) {
  gwrite("(", 1);
  printpointer(T);
  gwrite(",", 1);
  printpointer(Data);
  gwrite(")", 1);
}

void gort_printiface(const abi::Itab *Tab, const void *Data) {
  gwrite("(", 1);
  printpointer(Tab);
  gwrite(",", 1);
  printpointer(Data);
  gwrite(")", 1);
}

} // extern "C"
