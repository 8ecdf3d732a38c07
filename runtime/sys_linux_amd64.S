//===- runtime/sys_linux_amd64.S - clone for x86-64 Linux -----------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The system calls that cannot be inline wrappers (see sys_linux.h for the
// overview and the rest). gc: sys_linux_amd64.s.
//
//===----------------------------------------------------------------------===//

	.text

// long gort_clone(uint64_t Flags, void *Stack, int32_t *Ptid, int32_t *Ctid,
//                 void *Tls, void (*Fn)(void *), void *Arg)
// Kernel order on x86-64: clone(flags, stack, ptid, ctid, tls).
// The child inherits every register but rax, rcx and r11: Fn stays in r9 and
// Arg is moved to rbx (callee-saved, so the parent restores it).
	.globl	gort_clone
	.type	gort_clone,@function
	.p2align	4
gort_clone:
	pushq	%rbx
	movq	16(%rsp), %rbx		// Arg (7th argument, above our push and the return address)
	movq	%rcx, %r10		// ctid
	movl	$56, %eax		// SYS_clone
	syscall
	testq	%rax, %rax
	jz	1f
	popq	%rbx			// parent: tid or -errno
	ret
1:
	// Child: rsp = Stack, no frame to return to.
	xorl	%ebp, %ebp		// end of the frame-pointer chain
	movq	%rbx, %rdi
	callq	*%r9			// Fn(Arg)
	xorl	%edi, %edi
	movl	$60, %eax		// SYS_exit: this thread only
	syscall
	ud2
	.size	gort_clone, .-gort_clone

	.section	.note.GNU-stack,"",@progbits
