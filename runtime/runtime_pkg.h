//===- runtime/runtime_pkg.h - Go's package runtime ------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The C declarations of the functions of libgort/runtime_pkg.def, under
// their Go symbols, with the Go calling convention: the closure context
// first, then the parameters (an interface{} as two words). Each defining
// file includes this header, and runtime/abi_check.cpp static_asserts each
// declaration against runtime_pkg.def's tokens. See runtime_pkg.cpp for the
// overview.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_RUNTIME_PKG_H
#define GORT_RUNTIME_RUNTIME_PKG_H

#include "libgort/abi.h"

#include <stdint.h>

extern "C" {

// runtime_pkg.cpp
// runtime.GC is a register fence (asm_*.S, GORT_FENCE) that calls
// gort_runtime_GC.
void runtime_GC(void *Ctx) __asm__("runtime.GC");
void gort_runtime_GC(void *Ctx);
int64_t runtime_GOMAXPROCS(void *Ctx, int64_t N) __asm__("runtime.GOMAXPROCS");
void runtime_Gosched(void *Ctx) __asm__("runtime.Gosched");
void runtime_KeepAlive(void *Ctx, const void *Typ,
                       const void *Data) __asm__("runtime.KeepAlive");
int64_t runtime_NumCPU(void *Ctx) __asm__("runtime.NumCPU");
int64_t runtime_NumGoroutine(void *Ctx) __asm__("runtime.NumGoroutine");

// mprof.cpp: the profiles' rates and readers (runtime/go/mprof.go). Slices
// arrive as their three words, bools as a byte.
void runtime_SetBlockProfileRate(void *Ctx, int64_t Rate) __asm__(
    "runtime.SetBlockProfileRate");
int64_t runtime_SetMutexProfileFraction(void *Ctx, int64_t Rate) __asm__(
    "runtime.SetMutexProfileFraction");
int64_t runtime_memProfile(void *Ctx, void *P, int64_t Len, int64_t Cap,
                           uint8_t InuseZero) __asm__("runtime.memProfile");
int64_t runtime_blockProfile(void *Ctx, void *P, int64_t Len, int64_t Cap,
                             uint8_t Mutex) __asm__("runtime.blockProfile");
int64_t
runtime_goroutineProfile(void *Ctx, uintptr_t *P, int64_t Len, int64_t Cap,
                         void **Labels, int64_t LLen,
                         int64_t LCap) __asm__("runtime.goroutineProfile");
int64_t
runtime_threadCreateProfile(void *Ctx, uintptr_t *P, int64_t Len,
                            int64_t Cap) __asm__("runtime.threadCreateProfile");

// cpuprof.cpp
void runtime_SetCPUProfileRate(void *Ctx,
                               int64_t Hz) __asm__("runtime.SetCPUProfileRate");
int64_t runtime_cpuProfileRead(void *Ctx, uint64_t *Data, int64_t Len,
                               int64_t Cap, void **Tags, int64_t TLen,
                               int64_t TCap) __asm__("runtime.cpuProfileRead");

// mstats.cpp
void runtime_ReadMemStats(void *Ctx, void *M) __asm__("runtime.ReadMemStats");

// traceback.cpp: the primitives of runtime/go/symtab.go (Callers, Caller,
// CallersFrames, FuncForPC). Slices arrive as their three words.
int64_t runtime_callers(void *Ctx, int64_t Skip, uintptr_t *Buf, int64_t Len,
                        int64_t Cap) __asm__("runtime.callers");
int64_t runtime_pcFrames(void *Ctx, uintptr_t PC, void *Buf, int64_t Len,
                         int64_t Cap) __asm__("runtime.pcFrames");

// panic.cpp, next to the deferred calls it runs
void runtime_Goexit(void *Ctx) __asm__("runtime.Goexit");

void runtime_SetFinalizer(void *Ctx, const void *ObjType, const void *Obj,
                          const void *FinType,
                          const void *Fin) __asm__("runtime.SetFinalizer");
int64_t runtime_argc(void *Ctx) __asm__("runtime.argc");
void *runtime_argv(void *Ctx) __asm__("runtime.argv");
gort::abi::String
runtime_gostringnocopy(void *Ctx,
                       const uint8_t *P) __asm__("runtime.gostringnocopy");
int64_t runtime_walltime(void *Ctx) __asm__("runtime.walltime");
int64_t runtime_nanotime(void *Ctx) __asm__("runtime.nanotime");
void runtime_throw(void *Ctx, const uint8_t *P,
                   int64_t N) __asm__("runtime.throw");
void runtime_Breakpoint(void *Ctx) __asm__("runtime.Breakpoint");
const void *runtime_typelinksBase(void *Ctx) __asm__("runtime.typelinksBase");
const void *
runtime_typelinksOffsets(void *Ctx) __asm__("runtime.typelinksOffsets");
int64_t runtime_typelinksCount(void *Ctx) __asm__("runtime.typelinksCount");
int64_t runtime_Stack(void *Ctx, uint8_t *Buf, int64_t Len, int64_t Cap,
                      uint8_t All) __asm__("runtime.Stack");

gort::abi::String
runtime_boundsErrorString(void *Ctx,
                          void *E) __asm__("runtime.boundsErrorString");
gort::abi::String runtime_typeAssertionErrorString(void *Ctx, void *E) __asm__(
    "runtime.typeAssertionErrorString");

} // extern "C"

#endif // GORT_RUNTIME_RUNTIME_PKG_H
