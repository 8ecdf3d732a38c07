//===- runtime/sys_linux_arm64.S - clone for AArch64 Linux ----------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The system calls that cannot be inline wrappers (see sys_linux.h for the
// overview and the rest). gc: sys_linux_arm64.s.
//
//===----------------------------------------------------------------------===//

	.text

// long gort_clone(uint64_t Flags, void *Stack, int32_t *Ptid, int32_t *Ctid,
//                 void *Tls, void (*Fn)(void *), void *Arg)
// Kernel order on AArch64: clone(flags, stack, ptid, tls, ctid).
// The child inherits every register but x0: Fn stays in x5, Arg in x6. x28
// (the current g) is inherited too; Fn must set it before reading g.
	.globl	gort_clone
	.type	gort_clone,%function
	.p2align	2
gort_clone:
	mov	x9, x3			// ctid
	mov	x3, x4			// tls
	mov	x4, x9			// ctid
	mov	x8, #220		// SYS_clone
	svc	#0
	cbz	x0, 1f
	ret				// parent: tid or -errno
1:
	// Child: sp = Stack, no frame to return to.
	mov	x29, xzr		// end of the frame-pointer chain
	mov	x30, xzr
	mov	x0, x6
	blr	x5			// Fn(Arg)
	mov	x0, #0
	mov	x8, #93			// SYS_exit: this thread only
	svc	#0
	brk	#0
	.size	gort_clone, .-gort_clone

// Package syscall's assembly-only functions (gc: syscall/asm_linux_arm64.s),
// with the Go calling convention: a closure context in x0, then the
// arguments; results in x0, x1, x2. No stack check and no stack use:
// syscall.Syscall calls RawSyscall6 between entersyscall and exitsyscall,
// and rawVforkSyscall's child shares the stack.

// func RawSyscall6(trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err Errno)
	.globl	"syscall.RawSyscall6"
	.type	"syscall.RawSyscall6",%function
	.p2align	2
"syscall.RawSyscall6":
	mov	x8, x1			// trap
	mov	x0, x2
	mov	x1, x3
	mov	x2, x4
	mov	x3, x5
	mov	x4, x6
	mov	x5, x7
	svc	#0
	cmn	x0, #4095
	b.hs	1f
	mov	x2, xzr			// err = 0; r2 = x1, as gc
	ret
1:
	neg	x2, x0			// err = -x0
	mov	x0, #-1
	mov	x1, xzr
	ret
	.size	"syscall.RawSyscall6", .-"syscall.RawSyscall6"

// func rawVforkSyscall(trap, a1 uintptr) (r1 uintptr, err Errno)
	.globl	"syscall.rawVforkSyscall"
	.type	"syscall.rawVforkSyscall",%function
	.p2align	2
"syscall.rawVforkSyscall":
	mov	x8, x1			// trap
	mov	x0, x2			// a1
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	mov	x4, xzr
	mov	x5, xzr
	svc	#0
	cmn	x0, #4095
	b.hs	1f
	mov	x1, xzr
	ret
1:
	neg	x1, x0
	mov	x0, #-1
	ret
	.size	"syscall.rawVforkSyscall", .-"syscall.rawVforkSyscall"

	.section	.note.GNU-stack,"",%progbits
