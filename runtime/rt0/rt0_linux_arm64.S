//===- runtime/rt0/rt0_linux_arm64.S - Process entry, AArch64 Linux -------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The ELF entry point (gc: rt0_linux_arm64.s + asm_arm64.s rt0_go). The
// kernel starts us with sp pointing at argc, followed by argv, envp and
// auxv (os_linux.cpp). We clear g (x28: nothing may read g before rt0_go
// sets it to g0), end the frame-pointer chain and call the C++ start-up
// sequence gort_rt0_go (proc.cpp), which never returns.
//
//===----------------------------------------------------------------------===//

	.text
	.globl	_rt0_arm64_linux
	.type	_rt0_arm64_linux,%function
	.p2align	2
_rt0_arm64_linux:
	mov	x28, xzr		// g = nil
	mov	x29, xzr		// outermost frame
	mov	x30, xzr
	mov	x0, sp			// &argc
	and	x9, x0, #~15
	mov	sp, x9
	bl	gort_rt0_go
	brk	#0
	.size	_rt0_arm64_linux, .-_rt0_arm64_linux

	.section	.note.GNU-stack,"",%progbits
