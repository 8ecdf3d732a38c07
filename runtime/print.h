//===- runtime/print.h - Runtime printing -----------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See print.cpp for the overview. Runtime code prints exactly as compiled
// print/println does: printlock(), the pieces, printunlock().
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_PRINT_H
#define GORT_RUNTIME_PRINT_H

#include <stdint.h>

namespace gort {

void printlock();
void printunlock();
/// Writes any output buffered by this M's print statement now, even inside
/// nested printlocks. Used before the process exits.
void printflush();
/// Appends bytes to the current print statement (or writes them straight to
/// standard error outside one) (gc: gwrite).
void gwrite(const void *P, uintptr_t N);
/// Writes to standard error with the write system call, retrying partial
/// writes and EINTR (gc: writeErr).
void writeErr(const void *P, uintptr_t N);

void printstring(const char *S);
void printstring(const uint8_t *P, intptr_t N);
void printbool(bool V);
void printint(int64_t V);
void printuint(uint64_t V);
void printhex(uint64_t V);
void printfloat(double V);
void printcomplex(double Re, double Im);
void printpointer(const void *P);
void printsp();
void printnl();

} // namespace gort

#endif // GORT_RUNTIME_PRINT_H
