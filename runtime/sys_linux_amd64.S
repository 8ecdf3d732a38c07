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

// Package syscall's assembly-only functions (gc: syscall/asm_linux_amd64.s),
// with the Go calling convention: a closure context in rdi, then the
// arguments; results in rax, rdx, rcx (LLVM's return registers for a
// three-word struct). No stack check: syscall.Syscall calls RawSyscall6
// between entersyscall and exitsyscall, where nothing may grow the stack.

// func RawSyscall6(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
	.globl	"syscall.RawSyscall6"
	.type	"syscall.RawSyscall6",@function
	.p2align	4
"syscall.RawSyscall6":
	movq	%rsi, %rax		// trap
	movq	%rdx, %rdi		// a1
	movq	%rcx, %rsi		// a2
	movq	%r8, %rdx		// a3
	movq	%r9, %r10		// a4
	movq	8(%rsp), %r8		// a5
	movq	16(%rsp), %r9		// a6
	syscall
	cmpq	$-4095, %rax
	jae	1f
	xorl	%ecx, %ecx		// err = 0; r2 = rdx, as gc
	ret
1:
	negq	%rax
	movq	%rax, %rcx		// err = -rax
	movq	$-1, %rax
	xorl	%edx, %edx
	ret
	.size	"syscall.RawSyscall6", .-"syscall.RawSyscall6"

// func rawVforkSyscall(trap, a1 uintptr) (r1 uintptr, err Errno)
// clone(CLONE_VFORK|CLONE_VM): the child runs on this stack until it execs
// or exits, so nothing may be pushed while both run: the return address
// waits in xmm0 (caller-saved, kept by the kernel) instead of on the stack.
	.globl	"syscall.rawVforkSyscall"
	.type	"syscall.rawVforkSyscall",@function
	.p2align	4
"syscall.rawVforkSyscall":
	movq	%rsi, %rax		// trap
	movq	%rdx, %rdi		// a1
	xorl	%esi, %esi
	xorl	%edx, %edx
	xorl	%r10d, %r10d
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	popq	%rcx
	movq	%rcx, %xmm0
	syscall
	movq	%xmm0, %rcx
	pushq	%rcx
	cmpq	$-4095, %rax
	jae	1f
	xorl	%edx, %edx
	ret
1:
	negq	%rax
	movq	%rax, %rdx		// err
	movq	$-1, %rax
	ret
	.size	"syscall.rawVforkSyscall", .-"syscall.rawVforkSyscall"

	.section	.note.GNU-stack,"",@progbits
