//===- runtime/cpu_arm64.S - internal/cpu's assembly for AArch64 ----------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The functions package internal/cpu declares without bodies (gc:
// internal/cpu/cpu_arm64.s), in gortc's Go calling convention: the closure
// context in x0 (unused), the result in x0. Linux emulates these reads of
// ID registers from EL0 (and internal/cpu only makes them when the
// auxiliary vector's HWCAP_CPUID says so).
//
//===----------------------------------------------------------------------===//

	.text

// func getisar0() uint64
	.globl	"internal/cpu.getisar0"
	.type	"internal/cpu.getisar0",%function
	.p2align	2
"internal/cpu.getisar0":
	mrs	x0, ID_AA64ISAR0_EL1
	ret
	.size	"internal/cpu.getisar0", .-"internal/cpu.getisar0"

// func getMIDR() uint64
	.globl	"internal/cpu.getMIDR"
	.type	"internal/cpu.getMIDR",%function
	.p2align	2
"internal/cpu.getMIDR":
	mrs	x0, MIDR_EL1
	ret
	.size	"internal/cpu.getMIDR", .-"internal/cpu.getMIDR"

	.section	.note.GNU-stack,"",%progbits
