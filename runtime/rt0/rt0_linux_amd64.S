//===- runtime/rt0/rt0_linux_amd64.S - Process entry, x86-64 Linux --------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The ELF entry point (gc: rt0_linux_amd64.s + asm_amd64.s rt0_go). The
// kernel starts us with rsp pointing at argc, followed by argv, envp and
// auxv (os_linux.cpp). We end the frame-pointer chain, align the stack and
// call the C++ start-up sequence gort_rt0_go (proc.cpp), which never
// returns. g (the TLS slot gort_tls_g) is not valid until rt0_go sets it.
//
//===----------------------------------------------------------------------===//

	.text
	.globl	_rt0_amd64_linux
	.type	_rt0_amd64_linux,@function
	.p2align	4
_rt0_amd64_linux:
	xorl	%ebp, %ebp		// outermost frame
	movq	%rsp, %rdi		// &argc
	andq	$-16, %rsp
	callq	gort_rt0_go
	ud2
	.size	_rt0_amd64_linux, .-_rt0_amd64_linux

	.section	.note.GNU-stack,"",@progbits
