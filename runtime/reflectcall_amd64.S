//===- runtime/reflectcall_amd64.S - Calls through reflect, x86-64 --------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The machine half of reflect's calls (see reflectcall.cpp): moving a
// CallRegs to and from the registers and stack of a call in gortc's
// convention (the C convention: integer arguments in rdi rsi rdx rcx r8 r9,
// floating-point ones in xmm0-xmm7, the rest in 8-byte stack slots; results
// in rax rdx rcx, xmm0 xmm1 and x87 st(0) st(1)). Both keep the rbp chain
// walkable.
//
//===----------------------------------------------------------------------===//

#include "runtime/asm_offsets.h"

	.text

// void gort_callregs(void (*Code)(), CallRegs *R)
// Copies R->NStack words from R->Stack to the bottom of its frame, loads
// the argument registers from R, calls Code, and stores the result
// registers into R (popping R->X87 results from the x87 stack).
	.globl	gort_callregs
	.type	gort_callregs,@function
	.p2align	4
gort_callregs:
	pushq	%rbp
	movq	%rsp, %rbp
	pushq	%rbx
	pushq	%r12			// rsp is now 16-byte aligned
	movq	%rdi, %rbx		// Code
	movq	%rsi, %r12		// R
	movq	CALLREGS_NSTACK(%r12), %rcx
	leaq	15(,%rcx,8), %rax
	andq	$-16, %rax
	subq	%rax, %rsp		// still 16-byte aligned
	movq	CALLREGS_STACK(%r12), %rsi
	xorl	%eax, %eax
1:	cmpq	%rcx, %rax
	jae	2f
	movq	(%rsi,%rax,8), %rdx
	movq	%rdx, (%rsp,%rax,8)
	incq	%rax
	jmp	1b
2:	movsd	CALLREGS_FLOATS+0(%r12), %xmm0
	movsd	CALLREGS_FLOATS+8(%r12), %xmm1
	movsd	CALLREGS_FLOATS+16(%r12), %xmm2
	movsd	CALLREGS_FLOATS+24(%r12), %xmm3
	movsd	CALLREGS_FLOATS+32(%r12), %xmm4
	movsd	CALLREGS_FLOATS+40(%r12), %xmm5
	movsd	CALLREGS_FLOATS+48(%r12), %xmm6
	movsd	CALLREGS_FLOATS+56(%r12), %xmm7
	movq	CALLREGS_INTS+0(%r12), %rdi
	movq	CALLREGS_INTS+8(%r12), %rsi
	movq	CALLREGS_INTS+16(%r12), %rdx
	movq	CALLREGS_INTS+24(%r12), %rcx
	movq	CALLREGS_INTS+32(%r12), %r8
	movq	CALLREGS_INTS+40(%r12), %r9
	callq	*%rbx
	movq	%rax, CALLREGS_RINTS+0(%r12)
	movq	%rdx, CALLREGS_RINTS+8(%r12)
	movq	%rcx, CALLREGS_RINTS+16(%r12)
	movsd	%xmm0, CALLREGS_RFLOATS+0(%r12)
	movsd	%xmm1, CALLREGS_RFLOATS+8(%r12)
	movq	CALLREGS_X87(%r12), %rcx
	cmpq	$1, %rcx
	jb	3f
	fstpl	CALLREGS_RFLOATS+16(%r12)	// st(0): the third float
	cmpq	$2, %rcx
	jb	3f
	fstpl	CALLREGS_RFLOATS+24(%r12)
3:	leaq	-16(%rbp), %rsp
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret
	.size	gort_callregs, .-gort_callregs

// The code of the func values reflect.MakeFunc (Method 0) and
// makeMethodValue (Method 1) make: stores the argument registers and the
// address of the incoming stack words in a CallRegs on the frame, calls
// gort_reflect_stub(R, Method), and returns the result registers it set.
.macro REFLECT_STUB name, method
	.globl	\name
	.type	\name,@function
	.p2align	4
\name:
	pushq	%rbp
	movq	%rsp, %rbp
	subq	$CALLREGS_FRAME, %rsp	// a multiple of 16: aligned
	movq	%rdi, CALLREGS_INTS+0(%rsp)
	movq	%rsi, CALLREGS_INTS+8(%rsp)
	movq	%rdx, CALLREGS_INTS+16(%rsp)
	movq	%rcx, CALLREGS_INTS+24(%rsp)
	movq	%r8, CALLREGS_INTS+32(%rsp)
	movq	%r9, CALLREGS_INTS+40(%rsp)
	movsd	%xmm0, CALLREGS_FLOATS+0(%rsp)
	movsd	%xmm1, CALLREGS_FLOATS+8(%rsp)
	movsd	%xmm2, CALLREGS_FLOATS+16(%rsp)
	movsd	%xmm3, CALLREGS_FLOATS+24(%rsp)
	movsd	%xmm4, CALLREGS_FLOATS+32(%rsp)
	movsd	%xmm5, CALLREGS_FLOATS+40(%rsp)
	movsd	%xmm6, CALLREGS_FLOATS+48(%rsp)
	movsd	%xmm7, CALLREGS_FLOATS+56(%rsp)
	leaq	16(%rbp), %rax		// the caller's stack arguments
	movq	%rax, CALLREGS_STACK(%rsp)
	movq	%rsp, %rdi
	movl	$\method, %esi
	callq	gort_reflect_stub
	movq	CALLREGS_X87(%rsp), %r11
	cmpq	$2, %r11
	jb	1f
	fldl	CALLREGS_RFLOATS+24(%rsp)	// pushed first: ends in st(1)
1:	cmpq	$1, %r11
	jb	2f
	fldl	CALLREGS_RFLOATS+16(%rsp)
2:	movq	CALLREGS_RINTS+0(%rsp), %rax
	movq	CALLREGS_RINTS+8(%rsp), %rdx
	movq	CALLREGS_RINTS+16(%rsp), %rcx
	movsd	CALLREGS_RFLOATS+0(%rsp), %xmm0
	movsd	CALLREGS_RFLOATS+8(%rsp), %xmm1
	movq	%rbp, %rsp
	popq	%rbp
	ret
	.size	\name, .-\name
.endm

	REFLECT_STUB reflect.makeFuncStub, 0
	REFLECT_STUB reflect.methodValueCall, 1

	.section	.note.GNU-stack,"",@progbits
