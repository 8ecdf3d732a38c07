//===- runtime/abi_entry.h - Declarations of the gort_* entry points -*- C++
//-*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The C declarations of every function in libgort/abi.def, with the C types
// the runtime implements them with. Each defining file includes this header,
// so a definition that drifts from its declaration does not compile, and
// abi_check.cpp static_asserts each declaration against abi.def's tokens.
//
// These functions run on goroutine stacks with no prologue check: each must
// use well under abi::StackGuard bytes of stack before it switches to g0
// (-Wframe-larger-than=512 bounds each frame; keep call chains shallow).
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_ABI_ENTRY_H
#define GORT_RUNTIME_ABI_ENTRY_H

#include "libgort/abi.h"

#include <stdint.h>

extern "C" {

// print.cpp
void gort_printlock();
void gort_printunlock();
void gort_printsp();
void gort_printnl();
void gort_printbool(bool V);
void gort_printint(int64_t V);
void gort_printuint(uint64_t V);
void gort_printfloat(double V);
void gort_printcomplex(double Re, double Im);
void gort_printstring(const uint8_t *P, int64_t N);
void gort_printpointer(const void *P);
void gort_printhex(uint64_t V);
void gort_printslice(const void *P, int64_t Len, int64_t Cap);
void gort_printeface(const gort::abi::Type *T, const void *Data);
void gort_printiface(const gort::abi::Itab *Tab, const void *Data);

// panic.cpp
[[noreturn]] void gort_gopanic(const gort::abi::Type *T, void *Data);
[[noreturn]] void gort_panicdivide();
[[noreturn]] void gort_panicshift();
[[noreturn]] void gort_panicmem();
[[noreturn]] void gort_panicBounds(int64_t X, int64_t Y, uint32_t Code);

// stack.cpp, asm_<goarch>.S
void *gort_stack_reserve(uint64_t Need, uint64_t Size);
void gort_morestack(void (*Thunk)(void *), void *Block);
void gort_preempt_poll();
void gort_wb(void *Slot, void *New);
void gort_wbmove(void *Dst, const void *Src, uint64_t N);

// malloc.cpp
void *gort_newobject(const gort::abi::Type *T);
void *gort_mallocgc(uint64_t Size, const gort::abi::Type *T, bool NeedZero);

gort::abi::String gort_concatstring2(uint8_t *Buf, const uint8_t *A, int64_t AN,
                                     const uint8_t *B, int64_t BN);
gort::abi::String gort_concatstrings(uint8_t *Buf,
                                     const gort::abi::String *Strs, int64_t N);
int64_t gort_cmpstring(const uint8_t *A, int64_t AN, const uint8_t *B,
                       int64_t BN);
bool gort_memequal(const void *A, const void *B, int64_t N);
gort::abi::String gort_slicebytetostring(uint8_t *Buf, const uint8_t *P,
                                         int64_t N);
gort::abi::String gort_slicerunetostring(uint8_t *Buf, const int32_t *P,
                                         int64_t N);
void gort_stringtoslicebyte(uint8_t *Buf, gort::abi::Slice *Out,
                            const uint8_t *P, int64_t N);
void gort_stringtoslicerune(uint8_t *Buf, gort::abi::Slice *Out,
                            const uint8_t *P, int64_t N);
gort::abi::String gort_intstring(uint8_t *Buf, int64_t V);
gort::abi::RunePos gort_decoderune(const uint8_t *S, int64_t N, int64_t K);

void *gort_makeslice(const gort::abi::Type *Elem, int64_t Len, int64_t Cap);
void gort_unsafeslice(const gort::abi::Type *Elem, const void *Ptr,
                      int64_t Len);
void gort_growslice(gort::abi::Slice *Out, const gort::abi::Type *Elem,
                    void *OldPtr, int64_t OldLen, int64_t OldCap, int64_t Cap);

const gort::abi::Itab *gort_assertE2I(const gort::abi::Type *Inter,
                                      const gort::abi::Type *T);
const gort::abi::Itab *gort_assertE2I2(const gort::abi::Type *Inter,
                                       const gort::abi::Type *T);
[[noreturn]] void gort_panicdottypeE(const gort::abi::Type *Have,
                                     const gort::abi::Type *Want,
                                     const gort::abi::Type *Iface);
[[noreturn]] void gort_panicdottypeI(const gort::abi::Itab *Have,
                                     const gort::abi::Type *Want,
                                     const gort::abi::Type *Iface);
[[noreturn]] void gort_panicnildottype(const gort::abi::Type *Want);
bool gort_efaceeq(const gort::abi::Type *T, void *X, void *Y);
bool gort_ifaceeq(const gort::abi::Itab *Tab, void *X, void *Y);

// panic.cpp: defer and recover.
int32_t gort_deferproc(void *Frame, const gort::abi::FuncVal *Fn, void *Rec);
int32_t gort_deferprocopen(void *State, void *Rec);
void *gort_newdefer();
int32_t gort_deferprocinline(void *Frame, void *Rec);
void gort_deferpop(void *Rec);
void gort_deferreturn(void *Frame);
gort::abi::Eface gort_gorecover(void *FP);

// proc.cpp, chan.cpp, select.cpp: goroutines and channels.
void gort_newproc(const gort::abi::FuncVal *Fn);
void *gort_makechan(const gort::abi::ChanType *T, int64_t Size);
void gort_chansend1(void *C, const void *Elem);
void gort_chanrecv1(void *C, void *Elem);
bool gort_chanrecv2(void *C, void *Elem);
void gort_closechan(void *C);
gort::abi::SelectResult gort_selectgo(gort::abi::SelectCase *Cases,
                                      uint16_t *Order, int64_t NSends,
                                      int64_t NRecvs, bool Block);
bool gort_selectnbsend(void *C, const void *Elem);
gort::abi::SelectResult gort_selectnbrecv(void *Elem, void *C);
[[noreturn]] void gort_block();

// map.cpp. H is the runtime's hmap (opaque here).
void *gort_makemap(const gort::abi::MapType *T, int64_t Hint, void *H);
void *gort_mapaccess1(const gort::abi::MapType *T, void *H, const void *Key);
void *gort_mapaccess2(const gort::abi::MapType *T, void *H, const void *Key);
void *gort_mapassign(const gort::abi::MapType *T, void *H, const void *Key);
void gort_mapdelete(const gort::abi::MapType *T, void *H, const void *Key);
void *gort_mapaccess1_fast32(const gort::abi::MapType *T, void *H,
                             uint32_t Key);
void *gort_mapaccess2_fast32(const gort::abi::MapType *T, void *H,
                             uint32_t Key);
void *gort_mapassign_fast32(const gort::abi::MapType *T, void *H, uint32_t Key);
void gort_mapdelete_fast32(const gort::abi::MapType *T, void *H, uint32_t Key);
void *gort_mapaccess1_fast64(const gort::abi::MapType *T, void *H,
                             uint64_t Key);
void *gort_mapaccess2_fast64(const gort::abi::MapType *T, void *H,
                             uint64_t Key);
void *gort_mapassign_fast64(const gort::abi::MapType *T, void *H, uint64_t Key);
void gort_mapdelete_fast64(const gort::abi::MapType *T, void *H, uint64_t Key);
void *gort_mapaccess1_faststr(const gort::abi::MapType *T, void *H,
                              const uint8_t *KeyPtr, int64_t KeyLen);
void *gort_mapaccess2_faststr(const gort::abi::MapType *T, void *H,
                              const uint8_t *KeyPtr, int64_t KeyLen);
void *gort_mapassign_faststr(const gort::abi::MapType *T, void *H,
                             const uint8_t *KeyPtr, int64_t KeyLen);
void gort_mapdelete_faststr(const gort::abi::MapType *T, void *H,
                            const uint8_t *KeyPtr, int64_t KeyLen);
void gort_mapiterinit(const gort::abi::MapType *T, void *H,
                      gort::abi::MapIter *It);
void gort_mapiternext(gort::abi::MapIter *It);
void gort_mapclear(const gort::abi::MapType *T, void *H);

// alg.cpp: hashers (abi::HashFn) and gort_memhash for generated hashers.
uintptr_t gort_memhash(const void *P, uintptr_t Seed, uintptr_t Size);
uintptr_t gort_memhash0(const gort::abi::FuncVal *Ctx, const void *P,
                        uintptr_t Seed);
uintptr_t gort_memhash8(const gort::abi::FuncVal *Ctx, const void *P,
                        uintptr_t Seed);
uintptr_t gort_memhash16(const gort::abi::FuncVal *Ctx, const void *P,
                         uintptr_t Seed);
uintptr_t gort_memhash32(const gort::abi::FuncVal *Ctx, const void *P,
                         uintptr_t Seed);
uintptr_t gort_memhash64(const gort::abi::FuncVal *Ctx, const void *P,
                         uintptr_t Seed);
uintptr_t gort_memhash128(const gort::abi::FuncVal *Ctx, const void *P,
                          uintptr_t Seed);
uintptr_t gort_strhash(const gort::abi::FuncVal *Ctx, const void *P,
                       uintptr_t Seed);
uintptr_t gort_f32hash(const gort::abi::FuncVal *Ctx, const void *P,
                       uintptr_t Seed);
uintptr_t gort_f64hash(const gort::abi::FuncVal *Ctx, const void *P,
                       uintptr_t Seed);
uintptr_t gort_c64hash(const gort::abi::FuncVal *Ctx, const void *P,
                       uintptr_t Seed);
uintptr_t gort_c128hash(const gort::abi::FuncVal *Ctx, const void *P,
                        uintptr_t Seed);
uintptr_t gort_interhash(const gort::abi::FuncVal *Ctx, const void *P,
                         uintptr_t Seed);
uintptr_t gort_nilinterhash(const gort::abi::FuncVal *Ctx, const void *P,
                            uintptr_t Seed);
// alg.cpp: equality of plain memory (abi::EqualFn).
bool gort_memequal0(const gort::abi::FuncVal *Ctx, const void *A,
                    const void *B);
bool gort_memequal8(const gort::abi::FuncVal *Ctx, const void *A,
                    const void *B);
bool gort_memequal16(const gort::abi::FuncVal *Ctx, const void *A,
                     const void *B);
bool gort_memequal32(const gort::abi::FuncVal *Ctx, const void *A,
                     const void *B);
bool gort_memequal64(const gort::abi::FuncVal *Ctx, const void *A,
                     const void *B);
bool gort_memequal128(const gort::abi::FuncVal *Ctx, const void *A,
                      const void *B);
bool gort_memequal_varlen(const gort::abi::FuncVal *Ctx, const void *A,
                          const void *B);
// Their func values (MapType::Hasher, Type::Equal), named by codegen too.
extern const gort::abi::FuncVal gort_memhash0_f, gort_memhash8_f,
    gort_memhash16_f, gort_memhash32_f, gort_memhash64_f, gort_memhash128_f,
    gort_strhash_f, gort_f32hash_f, gort_f64hash_f, gort_c64hash_f,
    gort_c128hash_f, gort_interhash_f, gort_nilinterhash_f, gort_memequal0_f,
    gort_memequal8_f, gort_memequal16_f, gort_memequal32_f, gort_memequal64_f,
    gort_memequal128_f;

gort::abi::Complex128 gort_complex128div(double NRe, double NIm, double MRe,
                                         double MIm);

} // extern "C"

#endif // GORT_RUNTIME_ABI_ENTRY_H
