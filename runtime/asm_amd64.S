//===- runtime/asm_amd64.S - Stack switching for x86-64 -------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The routines that change stacks or the current g (gc: asm_amd64.s). See
// stack.cpp for the segmented-stack protocol and stubs.h for where g lives
// (the TLS slot gort_tls_g, local-exec: %fs:gort_tls_g@TPOFF).
//
// All of them keep the frame-pointer chain walkable: each builds a
// standard rbp frame on the stack it was called on, and code they run on
// another stack links its first frame to that one.
//
//===----------------------------------------------------------------------===//

#include "runtime/asm_offsets.h"

	.text

// void gort_morestack(void (*Thunk)(void *), void *Block)
// Called on the slow path of a compiled function's prologue check, after
// gort_stack_reserve returned Block at the top of the next stack segment
// (stack.cpp, steps 4-7). Runs Thunk(Block) on that segment, just below
// Block, and returns when it returns. An ordinary C-ABI call for the
// caller: callee-saved registers are preserved; rax/rdx/xmm0-1 return
// nothing (results travel in Block). Stack used on the old segment: return
// address + 5 saved registers (48 bytes).
	.globl	gort_morestack
	.type	gort_morestack,@function
	.p2align	4
gort_morestack:
	pushq	%rbp
	movq	%rsp, %rbp		// frame record on the old segment
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14			// rsp is now 16-byte aligned
	movq	%rdi, %r12		// Thunk
	movq	%rsi, %r13		// Block
	movq	%fs:gort_tls_g@TPOFF, %rbx	// gp
	movq	%rsp, %r14		// old sp

	// Switch to g0 and make Block's segment current:
	// gort_newstack(gp, sp, block) returns Block.
	movq	G_M(%rbx), %rax
	movq	M_G0(%rax), %rax
	movq	%rax, %fs:gort_tls_g@TPOFF
	movq	G_SCHED_SP(%rax), %rsp
	andq	$-16, %rsp
	movq	%rbx, %rdi
	movq	%r14, %rsi
	movq	%r13, %rdx
	callq	gort_newstack
	movq	%rbx, %fs:gort_tls_g@TPOFF	// back to gp

	// Run the thunk on the new segment, below the block (16-byte
	// aligned). Its frame record will point at ours (rbp) on the old
	// segment.
	movq	%rax, %rsp
	movq	%r13, %rdi
	callq	*%r12
	movq	%rbx, %rdi
	callq	gort_oldstack		// previous segment current again
	movq	%r14, %rsp
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	.globl	gort_morestack_end	// recover() looks through this code
gort_morestack_end:
	.size	gort_morestack, .-gort_morestack

// void gort_systemstack(void (*Fn)(void *), void *Arg)
// Runs Fn(Arg) on the M's g0 stack (from g0.sched.sp down) with g = g0,
// then returns on the original stack with g restored. Called on g0, it just
// calls Fn.
	.globl	gort_systemstack
	.type	gort_systemstack,@function
	.p2align	4
gort_systemstack:
	movq	%fs:gort_tls_g@TPOFF, %rax	// gp
	movq	G_M(%rax), %rcx
	movq	M_G0(%rcx), %rdx		// g0
	cmpq	%rax, %rdx
	je	1f
	pushq	%rbp
	movq	%rsp, %rbp		// frame record on the caller's stack
	pushq	%rbx
	pushq	%r12			// rsp is now 16-byte aligned
	movq	%rax, %rbx		// gp
	movq	%rsp, %r12		// caller's sp
	movq	%rdx, %fs:gort_tls_g@TPOFF
	movq	G_SCHED_SP(%rdx), %rsp
	andq	$-16, %rsp
	movq	%rdi, %rax
	movq	%rsi, %rdi
	callq	*%rax			// Fn(Arg)
	movq	%rbx, %fs:gort_tls_g@TPOFF
	movq	%r12, %rsp
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
1:	// Already on g0: tail-call Fn(Arg).
	movq	%rdi, %rax
	movq	%rsi, %rdi
	jmp	*%rax
	.size	gort_systemstack, .-gort_systemstack

// void gort_mcall(void (*Fn)(G *))
// Switches from the current goroutine to the M's g0 and calls Fn(gp); Fn
// never returns (gc: mcall). The goroutine's rbp and callee-saved registers
// are pushed on its stack and its rsp, rbp and the resume address 1: go
// to gp->sched, so gort_gogo(&gp->sched) later returns from this call --
// on whatever M runs the goroutine then.
	.globl	gort_mcall
	.type	gort_mcall,@function
	.p2align	4
gort_mcall:
	pushq	%rbp
	movq	%rsp, %rbp		// frame record on the goroutine's stack
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%fs:gort_tls_g@TPOFF, %rax	// gp
	movq	%rsp, (G_SCHED+GOBUF_SP)(%rax)
	leaq	1f(%rip), %rcx
	movq	%rcx, (G_SCHED+GOBUF_PC)(%rax)
	movq	%rbp, (G_SCHED+GOBUF_BP)(%rax)
	movq	G_M(%rax), %rcx
	movq	M_G0(%rcx), %rcx	// g0
	movq	%rcx, %fs:gort_tls_g@TPOFF
	movq	G_SCHED_SP(%rcx), %rsp
	andq	$-16, %rsp
	movq	%rdi, %rcx
	movq	%rax, %rdi
	callq	*%rcx			// Fn(gp)
	ud2
1:	// Resumed by gort_gogo: rsp and rbp are ours again.
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	.size	gort_mcall, .-gort_mcall

// Clears the callee-saved registers (gort_gogo, GORT_FENCE): a pointer
// one of them still holds would be saved into frames the collector scans.
.macro	CLEAR_CALLEE_SAVED
	xorl	%ebx, %ebx
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
.endm

// void gort_gogo(Gobuf *Buf)   [[noreturn]]
// Resumes the context in Buf: g = Buf->Gp, then sp, rbp, and a jump to
// Buf->PC with Buf->Ctxt in rdi. The callee-saved registers are cleared:
// a goroutine resumed in gort_mcall pops its own, and a new one (goStart)
// must not inherit the scheduler's. Those may hold pointers of the
// goroutine this M ran before, which the new goroutine's first frames
// would push as callee-saved registers; the collector would then find
// them in its stack, dead objects named from words of compiled Go frames
// (the checkmark pass, which checks those strictly, reported them).
	.globl	gort_gogo
	.type	gort_gogo,@function
	.p2align	4
gort_gogo:
	movq	GOBUF_G(%rdi), %rax
	movq	%rax, %fs:gort_tls_g@TPOFF
	movq	GOBUF_SP(%rdi), %rsp
	movq	GOBUF_BP(%rdi), %rbp
	movq	GOBUF_PC(%rdi), %rcx
	movq	GOBUF_CTXT(%rdi), %rdi
	CLEAR_CALLEE_SAVED
	jmp	*%rcx
	.size	gort_gogo, .-gort_gogo

// int32_t gort_deferproc(void *Frame, FuncVal *Fn, Defer *Rec)
// A defer statement (see panic.cpp). gort_deferproc1 links the record (Rec,
// or one from the heap) and returns it; then the caller's checkpoint -- its
// SP after this call returns, rbp, the return address and rbx, r12-r15
// (unchanged by the C call) -- goes into the record, and the result is 0.
// gort_deferresume returns from this call a second time, with 1, when a
// deferred call recovers a panic (setjmp-like: compiled code declares the
// call returns_twice).
//
// int32_t gort_deferprocinline(void *Frame, Defer *Rec)
// The same for a record from gort_newdefer whose inline space holds the
// call's closure (gort_deferprocinline1 links Rec).
.macro DEFERPROC name, c_part
	.globl	\name
	.type	\name,@function
	.p2align	4
\name:
	pushq	%rbp
	movq	%rsp, %rbp
	callq	\c_part			// the record, in rax
	leaq	16(%rbp), %rcx
	movq	%rcx, DEFER_CKPT+CKPT_SP(%rax)	// caller's SP after the return
	movq	0(%rbp), %rcx
	movq	%rcx, DEFER_CKPT+CKPT_FP(%rax)	// caller's rbp
	movq	8(%rbp), %rcx
	movq	%rcx, DEFER_CKPT+CKPT_PC(%rax)	// return address
	movq	%rbx, DEFER_CKPT+CKPT_REGS+0(%rax)
	movq	%r12, DEFER_CKPT+CKPT_REGS+8(%rax)
	movq	%r13, DEFER_CKPT+CKPT_REGS+16(%rax)
	movq	%r14, DEFER_CKPT+CKPT_REGS+24(%rax)
	movq	%r15, DEFER_CKPT+CKPT_REGS+32(%rax)
	xorl	%eax, %eax
	popq	%rbp
	ret
	.size	\name, .-\name
.endm

	DEFERPROC gort_deferproc, gort_deferproc1
	DEFERPROC gort_deferprocinline, gort_deferprocinline1

// int32_t gort_deferprocopen(OpenDefers *State, Defer *Rec)
// A frame with open-coded defers (gc 1.14's design; see panic.cpp): once
// per call, links Rec, the frame's single record, with State as its frame
// and code (Started = Heap = 0, Open = 1) and writes the checkpoint into
// it. All in assembly: it runs on every call of such a function.
	.globl	gort_deferprocopen
	.type	gort_deferprocopen,@function
	.p2align	4
gort_deferprocopen:
	movq	%fs:gort_tls_g@TPOFF, %rax
	movq	G_DEFERS(%rax), %rcx
	movq	%rcx, DEFER_LINK(%rsi)
	movq	%rdi, DEFER_FRAME(%rsi)
	movq	%rdi, DEFER_FN(%rsi)
	movq	$0, DEFER_P(%rsi)
	movl	$0x10000, DEFER_FLAGS(%rsi)	// Open
	movq	%rsi, G_DEFERS(%rax)
	leaq	8(%rsp), %rcx
	movq	%rcx, DEFER_CKPT+CKPT_SP(%rsi)	// caller's SP after the return
	movq	%rbp, DEFER_CKPT+CKPT_FP(%rsi)
	movq	(%rsp), %rcx
	movq	%rcx, DEFER_CKPT+CKPT_PC(%rsi)	// return address
	movq	%rbx, DEFER_CKPT+CKPT_REGS+0(%rsi)
	movq	%r12, DEFER_CKPT+CKPT_REGS+8(%rsi)
	movq	%r13, DEFER_CKPT+CKPT_REGS+16(%rsi)
	movq	%r14, DEFER_CKPT+CKPT_REGS+24(%rsi)
	movq	%r15, DEFER_CKPT+CKPT_REGS+32(%rsi)
	xorl	%eax, %eax
	ret
	.size	gort_deferprocopen, .-gort_deferprocopen

// void gort_deferresume(const Checkpoint *C)   [[noreturn]]
// Returns from the gort_deferproc call that saved C once more, with 1.
// The caller has made the checkpoint's stack segment current.
	.globl	gort_deferresume
	.type	gort_deferresume,@function
	.p2align	4
gort_deferresume:
	movq	CKPT_REGS+0(%rdi), %rbx
	movq	CKPT_REGS+8(%rdi), %r12
	movq	CKPT_REGS+16(%rdi), %r13
	movq	CKPT_REGS+24(%rdi), %r14
	movq	CKPT_REGS+32(%rdi), %r15
	movq	CKPT_FP(%rdi), %rbp
	movq	CKPT_PC(%rdi), %rcx
	movq	CKPT_SP(%rdi), %rsp
	movl	$1, %eax
	jmpq	*%rcx
	.size	gort_deferresume, .-gort_deferresume

// void gort_calldeferred(const FuncVal *Fn, uintptr_t *FPOut)
// Runs a deferred call: Fn->Fn(Fn). If FPOut is not null, stores this
// frame's rbp there first: recover() finds that frame record right above
// the deferred function's (panic.cpp), and the return address
// gort_calldeferred_ret in it.
	.globl	gort_calldeferred
	.type	gort_calldeferred,@function
	.p2align	4
gort_calldeferred:
	pushq	%rbp
	movq	%rsp, %rbp
	testq	%rsi, %rsi
	jz	1f
	movq	%rbp, (%rsi)
1:	callq	*(%rdi)			// ctx (rdi) is the funcval itself
	.globl	gort_calldeferred_ret
gort_calldeferred_ret:
	popq	%rbp
	ret
	.size	gort_calldeferred, .-gort_calldeferred

// void gort_sigreturn()
// The signal handler's restorer (SA_RESTORER): returns from the handler
// through rt_sigreturn, which reloads the (possibly rewritten) context.
	.globl	gort_sigreturn
	.type	gort_sigreturn,@function
	.p2align	4
gort_sigreturn:
	movl	$15, %eax		// rt_sigreturn
	syscall
	.size	gort_sigreturn, .-gort_sigreturn

// Register fences: runtime entry points where a collection may scan the
// calling goroutine's stack (runtime.GC) are entered through a fence,
// which saves the caller's callee-saved registers above a frame record of
// its own, clears them, and calls the entry point. The runtime's C++
// frames then save only zeros or their own values, never a pointer the Go
// caller left in a register after its last use, which the conservative
// scan of those frames would keep alive; the saved words lie where the
// collector counts them as the caller's, below its map's span, and skips
// them when the caller keeps everything it still uses in slots of its map
// (mgcmark.cpp, walkStackFrames). The record's return address is a copy
// of the caller's, which the fence's return pops.
.macro	GORT_FENCE name, impl
	.globl	\name
	.type	\name,@function
	.p2align	4
\name:
	subq	$40, %rsp
	movq	%rbx, (%rsp)
	movq	%r12, 8(%rsp)
	movq	%r13, 16(%rsp)
	movq	%r14, 24(%rsp)
	movq	%r15, 32(%rsp)
	pushq	40(%rsp)		// the return address, for the record
	pushq	%rbp
	movq	%rsp, %rbp		// rsp is 16-byte aligned
	CLEAR_CALLEE_SAVED
	callq	\impl
	popq	%rbp
	movq	8(%rsp), %rbx
	movq	16(%rsp), %r12
	movq	24(%rsp), %r13
	movq	32(%rsp), %r14
	movq	40(%rsp), %r15
	addq	$48, %rsp
	ret
	.size	\name, .-\name
.endm

	GORT_FENCE runtime.GC, gort_runtime_GC

	.section	.note.GNU-stack,"",@progbits
