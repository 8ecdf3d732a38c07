//===- runtime/cpu_amd64.S - internal/cpu's assembly for x86-64 -----------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The functions package internal/cpu declares without bodies (gc:
// internal/cpu/cpu_x86.s), in gortc's Go calling convention: the closure
// context first (unused), then the arguments; up to three 32-bit results
// come back in eax, edx, ecx, and more than fit there (cpuid's four) are
// stored through a hidden first argument, as LLVM lowers such returns.
//
//===----------------------------------------------------------------------===//

	.text

// func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
// rdi = results (4 x uint32), rsi = context, edx = eaxArg, ecx = ecxArg.
// golang.org/x/sys/cpu (vendored by crypto) declares the same function.
	.globl	"internal/cpu.cpuid"
	.type	"internal/cpu.cpuid",@function
	.globl	"golang.org/x/sys/cpu.cpuid"
	.type	"golang.org/x/sys/cpu.cpuid",@function
	.p2align	4
"internal/cpu.cpuid":
"golang.org/x/sys/cpu.cpuid":
	movq	%rbx, %r8		// callee-saved, clobbered by cpuid
	movq	%rdi, %r9
	movl	%edx, %eax
	cpuid
	movl	%eax, 0(%r9)
	movl	%ebx, 4(%r9)
	movl	%ecx, 8(%r9)
	movl	%edx, 12(%r9)
	movq	%r8, %rbx
	movq	%r9, %rax
	retq
	.size	"internal/cpu.cpuid", .-"internal/cpu.cpuid"

// func xgetbv() (eax, edx uint32); golang.org/x/sys/cpu's too.
	.globl	"internal/cpu.xgetbv"
	.type	"internal/cpu.xgetbv",@function
	.globl	"golang.org/x/sys/cpu.xgetbv"
	.type	"golang.org/x/sys/cpu.xgetbv",@function
	.p2align	4
"internal/cpu.xgetbv":
"golang.org/x/sys/cpu.xgetbv":
	xorl	%ecx, %ecx
	xgetbv
	retq
	.size	"internal/cpu.xgetbv", .-"internal/cpu.xgetbv"

// func getGOAMD64level() int32: the microarchitecture level the program
// was compiled for. gortc targets the x86-64 baseline (GOAMD64=v1).
	.globl	"internal/cpu.getGOAMD64level"
	.type	"internal/cpu.getGOAMD64level",@function
	.p2align	4
"internal/cpu.getGOAMD64level":
	movl	$1, %eax
	retq
	.size	"internal/cpu.getGOAMD64level", .-"internal/cpu.getGOAMD64level"

	.section	.note.GNU-stack,"",@progbits
