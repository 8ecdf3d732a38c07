//===- runtime/asm_arm64.S - Stack switching for AArch64 ------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The routines that change stacks or the current g (gc: asm_arm64.s). See
// stack.cpp for the segmented-stack protocol and stubs.h for where g lives
// (register x28, reserved in the runtime and in compiled code).
//
// All of them keep the frame-pointer chain walkable: each builds a frame
// record (x29, x30) on the stack it was called on, and code they run on
// another stack links its first frame record to that one.
//
//===----------------------------------------------------------------------===//

#include "runtime/asm_offsets.h"

	.text

// void gort_morestack(void (*Thunk)(void *), void *Block)
// Called on the slow path of a compiled function's prologue check, after
// gort_stack_reserve returned Block at the top of the next stack segment
// (stack.cpp, steps 4-7). Runs Thunk(Block) on that segment, just below
// Block, and returns when it returns. An ordinary C-ABI call for the
// caller: x19-x29, d8-d15 and sp are preserved. Stack used on the old
// segment: 48 bytes.
	.globl	gort_morestack
	.type	gort_morestack,%function
	.p2align	2
gort_morestack:
	stp	x29, x30, [sp, #-48]!
	mov	x29, sp			// frame record on the old segment
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	mov	x19, x0			// Thunk
	mov	x20, x1			// Block
	mov	x21, x28		// gp
	mov	x22, sp			// old sp

	// Switch to g0 and make Block's segment current:
	// gort_newstack(gp, sp, block) returns Block.
	ldr	x9, [x28, #G_M]
	ldr	x9, [x9, #M_G0]
	mov	x28, x9
	ldr	x10, [x9, #G_SCHED_SP]
	and	x10, x10, #~15
	mov	sp, x10
	mov	x0, x21
	mov	x1, x22
	mov	x2, x20
	bl	gort_newstack
	mov	x28, x21		// back to gp

	// Run the thunk on the new segment, below the block (16-byte
	// aligned). Its frame record will point at ours (x29) on the old
	// segment.
	mov	sp, x0
	mov	x0, x20
	blr	x19
	mov	x0, x21
	bl	gort_oldstack		// previous segment current again
	mov	sp, x22
	ldp	x21, x22, [sp, #32]
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #48
	ret
	.globl	gort_morestack_end	// recover() looks through this code
gort_morestack_end:
	.size	gort_morestack, .-gort_morestack

// void gort_systemstack(void (*Fn)(void *), void *Arg)
// Runs Fn(Arg) on the M's g0 stack (from g0.sched.sp down) with g = g0,
// then returns on the original stack with g restored. Called on g0, it just
// calls Fn.
	.globl	gort_systemstack
	.type	gort_systemstack,%function
	.p2align	2
gort_systemstack:
	ldr	x9, [x28, #G_M]
	ldr	x9, [x9, #M_G0]		// g0
	cmp	x9, x28
	b.eq	1f
	stp	x29, x30, [sp, #-32]!
	mov	x29, sp			// frame record on the caller's stack
	stp	x19, x20, [sp, #16]
	mov	x19, x28		// gp
	mov	x20, sp			// caller's sp
	mov	x28, x9
	ldr	x10, [x9, #G_SCHED_SP]
	and	x10, x10, #~15
	mov	sp, x10
	mov	x9, x0
	mov	x0, x1
	blr	x9			// Fn(Arg)
	mov	x28, x19
	mov	sp, x20
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
1:	// Already on g0: tail-call Fn(Arg).
	mov	x9, x0
	mov	x0, x1
	br	x9
	.size	gort_systemstack, .-gort_systemstack

// void gort_mcall(void (*Fn)(G *))
// Switches from the current goroutine to the M's g0 and calls Fn(gp); Fn
// never returns (gc: mcall). x19-x27, x29, x30 and d8-d15 are saved on the
// goroutine's stack and sp, x29 and the resume address 1: go to
// gp->sched, so gort_gogo(&gp->sched) later returns from this call, on
// whatever M runs the goroutine then (gogo sets x28).
	.globl	gort_mcall
	.type	gort_mcall,%function
	.p2align	2
gort_mcall:
	stp	x29, x30, [sp, #-160]!
	mov	x29, sp			// frame record on the goroutine's stack
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	str	x27, [sp, #80]
	stp	d8, d9, [sp, #88]
	stp	d10, d11, [sp, #104]
	stp	d12, d13, [sp, #120]
	stp	d14, d15, [sp, #136]
	mov	x9, sp
	str	x9, [x28, #(G_SCHED + GOBUF_SP)]
	adr	x10, 1f
	str	x10, [x28, #(G_SCHED + GOBUF_PC)]
	str	x29, [x28, #(G_SCHED + GOBUF_BP)]
	mov	x9, x0			// Fn
	mov	x0, x28			// gp
	ldr	x10, [x28, #G_M]
	ldr	x28, [x10, #M_G0]	// g = g0
	ldr	x11, [x28, #G_SCHED_SP]
	and	x11, x11, #~15
	mov	sp, x11
	blr	x9			// Fn(gp)
	brk	#0
1:	// Resumed by gort_gogo: sp and x29 are ours again, x28 is gp.
	ldp	d14, d15, [sp, #136]
	ldp	d12, d13, [sp, #120]
	ldp	d10, d11, [sp, #104]
	ldp	d8, d9, [sp, #88]
	ldr	x27, [sp, #80]
	ldp	x25, x26, [sp, #64]
	ldp	x23, x24, [sp, #48]
	ldp	x21, x22, [sp, #32]
	ldp	x19, x20, [sp, #16]
	ldp	x29, x30, [sp], #160
	ret
	.size	gort_mcall, .-gort_mcall

// Clears x19-x27 (gort_gogo, GORT_FENCE): see asm_amd64.S. x28 is g.
.macro	CLEAR_CALLEE_SAVED
	mov	x19, xzr
	mov	x20, xzr
	mov	x21, xzr
	mov	x22, xzr
	mov	x23, xzr
	mov	x24, xzr
	mov	x25, xzr
	mov	x26, xzr
	mov	x27, xzr
.endm

// void gort_gogo(Gobuf *Buf)   [[noreturn]]
// Resumes the context in Buf: g = Buf->Gp, then sp, x29, x30 = 0, and a
// jump to Buf->PC with Buf->Ctxt in x0. The callee-saved registers
// x19-x27 are cleared: a goroutine resumed in gort_mcall reloads its own,
// and a new one (goStart) must not save the scheduler's, which may hold
// another goroutine's pointers, into its frames, where the collector
// would take them for its own (see asm_amd64.S).
	.globl	gort_gogo
	.type	gort_gogo,%function
	.p2align	2
gort_gogo:
	ldr	x28, [x0, #GOBUF_G]
	ldr	x9, [x0, #GOBUF_SP]
	mov	sp, x9
	ldr	x29, [x0, #GOBUF_BP]
	ldr	x9, [x0, #GOBUF_PC]
	mov	x30, xzr
	CLEAR_CALLEE_SAVED
	ldr	x0, [x0, #GOBUF_CTXT]
	br	x9
	.size	gort_gogo, .-gort_gogo

// int32_t gort_deferproc(void *Frame, FuncVal *Fn, Defer *Rec)
// int32_t gort_deferprocinline(void *Frame, Defer *Rec)
// See asm_amd64.S. The checkpoint holds the caller's sp, x29, x30 (the
// return address), x19-x27 and d8-d15 (unchanged by the C call).
.macro DEFERPROC name, c_part
	.globl	\name
	.type	\name,%function
	.p2align	2
\name:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	bl	\c_part			// the record, in x0
	add	x9, x0, #DEFER_CKPT
	add	x10, sp, #16
	str	x10, [x9, #CKPT_SP]	// caller's sp
	ldp	x10, x11, [sp]
	str	x10, [x9, #CKPT_FP]	// caller's x29
	str	x11, [x9, #CKPT_PC]	// return address
	stp	x19, x20, [x9, #(CKPT_REGS + 0)]
	stp	x21, x22, [x9, #(CKPT_REGS + 16)]
	stp	x23, x24, [x9, #(CKPT_REGS + 32)]
	stp	x25, x26, [x9, #(CKPT_REGS + 48)]
	str	x27, [x9, #(CKPT_REGS + 64)]
	stp	d8, d9, [x9, #(CKPT_REGS + 72)]
	stp	d10, d11, [x9, #(CKPT_REGS + 88)]
	stp	d12, d13, [x9, #(CKPT_REGS + 104)]
	stp	d14, d15, [x9, #(CKPT_REGS + 120)]
	mov	w0, #0
	ldp	x29, x30, [sp], #16
	ret
	.size	\name, .-\name
.endm

	DEFERPROC gort_deferproc, gort_deferproc1
	DEFERPROC gort_deferprocinline, gort_deferprocinline1

// int32_t gort_deferprocopen(OpenDefers *State, Defer *Rec)
// See asm_amd64.S. g is in x28.
	.globl	gort_deferprocopen
	.type	gort_deferprocopen,%function
	.p2align	2
gort_deferprocopen:
	ldr	x9, [x28, #G_DEFERS]
	str	x9, [x1, #DEFER_LINK]
	str	x0, [x1, #DEFER_FRAME]
	str	x0, [x1, #DEFER_FN]
	str	xzr, [x1, #DEFER_P]
	mov	w9, #0x10000			// Open
	str	w9, [x1, #DEFER_FLAGS]
	str	x1, [x28, #G_DEFERS]
	add	x9, x1, #DEFER_CKPT
	mov	x10, sp
	str	x10, [x9, #CKPT_SP]
	str	x29, [x9, #CKPT_FP]
	str	x30, [x9, #CKPT_PC]
	stp	x19, x20, [x9, #(CKPT_REGS + 0)]
	stp	x21, x22, [x9, #(CKPT_REGS + 16)]
	stp	x23, x24, [x9, #(CKPT_REGS + 32)]
	stp	x25, x26, [x9, #(CKPT_REGS + 48)]
	str	x27, [x9, #(CKPT_REGS + 64)]
	stp	d8, d9, [x9, #(CKPT_REGS + 72)]
	stp	d10, d11, [x9, #(CKPT_REGS + 88)]
	stp	d12, d13, [x9, #(CKPT_REGS + 104)]
	stp	d14, d15, [x9, #(CKPT_REGS + 120)]
	mov	w0, #0
	ret
	.size	gort_deferprocopen, .-gort_deferprocopen

// void gort_deferresume(const Checkpoint *C)   [[noreturn]]
	.globl	gort_deferresume
	.type	gort_deferresume,%function
	.p2align	2
gort_deferresume:
	ldp	x19, x20, [x0, #(CKPT_REGS + 0)]
	ldp	x21, x22, [x0, #(CKPT_REGS + 16)]
	ldp	x23, x24, [x0, #(CKPT_REGS + 32)]
	ldp	x25, x26, [x0, #(CKPT_REGS + 48)]
	ldr	x27, [x0, #(CKPT_REGS + 64)]
	ldp	d8, d9, [x0, #(CKPT_REGS + 72)]
	ldp	d10, d11, [x0, #(CKPT_REGS + 88)]
	ldp	d12, d13, [x0, #(CKPT_REGS + 104)]
	ldp	d14, d15, [x0, #(CKPT_REGS + 120)]
	ldr	x29, [x0, #CKPT_FP]
	ldr	x30, [x0, #CKPT_PC]
	ldr	x9, [x0, #CKPT_SP]
	mov	sp, x9
	mov	w0, #1
	ret
	.size	gort_deferresume, .-gort_deferresume

// void gort_calldeferred(const FuncVal *Fn, uintptr_t *FPOut)
// See asm_amd64.S.
	.globl	gort_calldeferred
	.type	gort_calldeferred,%function
	.p2align	2
gort_calldeferred:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	cbz	x1, 1f
	str	x29, [x1]
1:	ldr	x9, [x0]		// ctx (x0) is the funcval itself
	blr	x9
	.globl	gort_calldeferred_ret
gort_calldeferred_ret:
	ldp	x29, x30, [sp], #16
	ret
	.size	gort_calldeferred, .-gort_calldeferred

// Register fences: see asm_amd64.S. The caller's x19-x27 lie above the
// fence's frame record, where AArch64 frames save them; x28 is g.
.macro	GORT_FENCE name, impl
	.globl	\name
	.type	\name,%function
	.p2align	2
\name:
	stp	x29, x30, [sp, #-96]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	str	x27, [sp, #80]
	CLEAR_CALLEE_SAVED
	bl	\impl
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldr	x27, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret
	.size	\name, .-\name
.endm

	GORT_FENCE runtime.GC, gort_runtime_GC

	.section	.note.GNU-stack,"",%progbits
