/*===- runtime/asm_offsets.h - Field offsets used by assembly ------------===*
 *
 * Part of gortc. See LICENSE for license information.
 *
 *===----------------------------------------------------------------------===*
 *
 * Offsets of the G, M and Gobuf fields that asm_<goarch>.S and rt0 touch.
 * This file is plain #defines so that .S files can include it; runtime2.h
 * static_asserts every value against the C++ structs (gc: go_asm.h, which
 * the gc toolchain generates). The first three G offsets are also part of
 * the compiled-code ABI (libgort/abi.h GStackLoOffset...).
 *
 *===----------------------------------------------------------------------===*/

#ifndef GORT_RUNTIME_ASM_OFFSETS_H
#define GORT_RUNTIME_ASM_OFFSETS_H

/* G */
#define G_STACKLO 0
#define G_STACKHI 8
#define G_STACKGUARD0 16
#define G_STACKGUARD1 24
#define G_M 32
#define G_SCHED 40

/* Gobuf (G_SCHED + these for g->Sched) */
#define GOBUF_SP 0
#define GOBUF_PC 8
#define GOBUF_BP 16
#define GOBUF_CTXT 24
#define GOBUF_G 32

#define G_SCHED_SP (G_SCHED + GOBUF_SP)

/* Checkpoint (runtime2.h) */
#define CKPT_SP 0
#define CKPT_FP 8
#define CKPT_PC 16
#define CKPT_REGS 24
#define CKPT_SIZE 160

/* G::Defers */
#define G_DEFERS 168

/* Defer (runtime2.h) */
#define DEFER_LINK 0
#define DEFER_FRAME 8
#define DEFER_FN 16
#define DEFER_P 24
#define DEFER_FLAGS 32 /* Started, Heap, Open: one byte each */
#define DEFER_CKPT 40

/* M */
#define M_G0 0
#define M_CURG 8

/* CallRegs (reflectcall.cpp, which static_asserts these) */
#define CALLREGS_INTS 0
#define CALLREGS_FLOATS 64
#define CALLREGS_STACK 128
#define CALLREGS_NSTACK 136
#define CALLREGS_X87 144
#define CALLREGS_RINTS 152
#define CALLREGS_RFLOATS 216
#define CALLREGS_SIZE 280
/* A CallRegs on a stub's frame: CALLREGS_SIZE rounded up to 16 */
#define CALLREGS_FRAME 288

#endif /* GORT_RUNTIME_ASM_OFFSETS_H */
