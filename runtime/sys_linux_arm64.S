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

	.section	.note.GNU-stack,"",%progbits
