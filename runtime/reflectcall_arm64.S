//===- runtime/reflectcall_arm64.S - Calls through reflect, AArch64 -------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The machine half of reflect's calls (see reflectcall.cpp): moving a
// CallRegs to and from the registers and stack of a call in gortc's
// convention (AAPCS64 as LLVM lowers it: integer arguments in x0-x7,
// floating-point ones in d0-d7, the rest in 8-byte stack slots; results
// in x0-x7 and d0-d7). Both keep the frame-record chain walkable.
//
//===----------------------------------------------------------------------===//

#include "runtime/asm_offsets.h"

	.text

// void gort_callregs(void (*Code)(), CallRegs *R)
// Copies R->NStack words from R->Stack to the bottom of its frame, loads
// the argument registers from R, calls Code, and stores the result
// registers into R.
	.globl	gort_callregs
	.type	gort_callregs,@function
	.p2align	2
gort_callregs:
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	mov	x19, x0			// Code
	mov	x20, x1			// R
	ldr	x9, [x20, #CALLREGS_NSTACK]
	lsl	x10, x9, #3
	add	x10, x10, #15
	and	x10, x10, #0xfffffffffffffff0
	sub	sp, sp, x10
	ldr	x11, [x20, #CALLREGS_STACK]
	mov	x12, #0
1:	cmp	x12, x9
	b.hs	2f
	ldr	x13, [x11, x12, lsl #3]
	str	x13, [sp, x12, lsl #3]
	add	x12, x12, #1
	b	1b
2:	ldp	d0, d1, [x20, #CALLREGS_FLOATS+0]
	ldp	d2, d3, [x20, #CALLREGS_FLOATS+16]
	ldp	d4, d5, [x20, #CALLREGS_FLOATS+32]
	ldp	d6, d7, [x20, #CALLREGS_FLOATS+48]
	ldp	x0, x1, [x20, #CALLREGS_INTS+0]
	ldp	x2, x3, [x20, #CALLREGS_INTS+16]
	ldp	x4, x5, [x20, #CALLREGS_INTS+32]
	ldp	x6, x7, [x20, #CALLREGS_INTS+48]
	blr	x19
	stp	x0, x1, [x20, #CALLREGS_RINTS+0]
	stp	x2, x3, [x20, #CALLREGS_RINTS+16]
	stp	x4, x5, [x20, #CALLREGS_RINTS+32]
	stp	x6, x7, [x20, #CALLREGS_RINTS+48]
	stp	d0, d1, [x20, #CALLREGS_RFLOATS+0]
	stp	d2, d3, [x20, #CALLREGS_RFLOATS+16]
	stp	d4, d5, [x20, #CALLREGS_RFLOATS+32]
	stp	d6, d7, [x20, #CALLREGS_RFLOATS+48]
	mov	sp, x29
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
	.size	gort_callregs, .-gort_callregs

// The code of the func values reflect.MakeFunc (Method 0) and
// makeMethodValue (Method 1) make: stores the argument registers and
// the address of the incoming stack words in a CallRegs on the frame, calls
// gort_reflect_stub(R, Method), and returns the result registers it set.
.macro REFLECT_STUB name, method
	.globl	\name
	.type	\name,@function
	.p2align	2
\name:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	sub	sp, sp, #CALLREGS_FRAME	// a multiple of 16: aligned
	stp	x0, x1, [sp, #CALLREGS_INTS+0]
	stp	x2, x3, [sp, #CALLREGS_INTS+16]
	stp	x4, x5, [sp, #CALLREGS_INTS+32]
	stp	x6, x7, [sp, #CALLREGS_INTS+48]
	stp	d0, d1, [sp, #CALLREGS_FLOATS+0]
	stp	d2, d3, [sp, #CALLREGS_FLOATS+16]
	stp	d4, d5, [sp, #CALLREGS_FLOATS+32]
	stp	d6, d7, [sp, #CALLREGS_FLOATS+48]
	add	x9, x29, #16		// the caller's stack arguments
	str	x9, [sp, #CALLREGS_STACK]
	mov	x0, sp
	mov	x1, #\method
	bl	gort_reflect_stub
	ldp	x0, x1, [sp, #CALLREGS_RINTS+0]
	ldp	x2, x3, [sp, #CALLREGS_RINTS+16]
	ldp	x4, x5, [sp, #CALLREGS_RINTS+32]
	ldp	x6, x7, [sp, #CALLREGS_RINTS+48]
	ldp	d0, d1, [sp, #CALLREGS_RFLOATS+0]
	ldp	d2, d3, [sp, #CALLREGS_RFLOATS+16]
	ldp	d4, d5, [sp, #CALLREGS_RFLOATS+32]
	ldp	d6, d7, [sp, #CALLREGS_RFLOATS+48]
	mov	sp, x29
	ldp	x29, x30, [sp], #16
	ret
	.size	\name, .-\name
.endm

	REFLECT_STUB reflect.makeFuncStub, 0
	REFLECT_STUB reflect.methodValueCall, 1

	.section	.note.GNU-stack,"",@progbits
