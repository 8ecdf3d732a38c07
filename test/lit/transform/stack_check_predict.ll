; RUN: %gortc-opt -passes=gortc-stack-check -O2 %s | FileCheck %s --check-prefix=O2
; RUN: %gortc-opt -passes=gortc-stack-check -O0 %s | FileCheck %s --check-prefix=O0
; RUN: %gortc-opt -passes=gortc-stack-check -O2 -split-above=100000 %s | FileCheck %s --check-prefix=NEVER
; The frame prediction (stack_check.cpp) splits a function whose values live
; across a call would need more slots than abi::StackFrameMax allows, and at
; -O0 also one whose values live across blocks would (the fast register
; allocator gives each its own slot).
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128-ni:1"
target triple = "x86_64-unknown-linux-gnu"

declare void @callee(i64)

; 140 values live across the call to @callee: over 1 KiB of callee-saved
; registers and spill slots.
; O2: define internal void @live..body(
; O2: define void @live(
; O0: define internal void @live..body(
; NEVER-NOT: live..body
define void @live(ptr %ctx, ptr %p) #0 {
  %a0 = load volatile i64, ptr %p
  %a1 = load volatile i64, ptr %p
  %a2 = load volatile i64, ptr %p
  %a3 = load volatile i64, ptr %p
  %a4 = load volatile i64, ptr %p
  %a5 = load volatile i64, ptr %p
  %a6 = load volatile i64, ptr %p
  %a7 = load volatile i64, ptr %p
  %a8 = load volatile i64, ptr %p
  %a9 = load volatile i64, ptr %p
  %a10 = load volatile i64, ptr %p
  %a11 = load volatile i64, ptr %p
  %a12 = load volatile i64, ptr %p
  %a13 = load volatile i64, ptr %p
  %a14 = load volatile i64, ptr %p
  %a15 = load volatile i64, ptr %p
  %a16 = load volatile i64, ptr %p
  %a17 = load volatile i64, ptr %p
  %a18 = load volatile i64, ptr %p
  %a19 = load volatile i64, ptr %p
  %a20 = load volatile i64, ptr %p
  %a21 = load volatile i64, ptr %p
  %a22 = load volatile i64, ptr %p
  %a23 = load volatile i64, ptr %p
  %a24 = load volatile i64, ptr %p
  %a25 = load volatile i64, ptr %p
  %a26 = load volatile i64, ptr %p
  %a27 = load volatile i64, ptr %p
  %a28 = load volatile i64, ptr %p
  %a29 = load volatile i64, ptr %p
  %a30 = load volatile i64, ptr %p
  %a31 = load volatile i64, ptr %p
  %a32 = load volatile i64, ptr %p
  %a33 = load volatile i64, ptr %p
  %a34 = load volatile i64, ptr %p
  %a35 = load volatile i64, ptr %p
  %a36 = load volatile i64, ptr %p
  %a37 = load volatile i64, ptr %p
  %a38 = load volatile i64, ptr %p
  %a39 = load volatile i64, ptr %p
  %a40 = load volatile i64, ptr %p
  %a41 = load volatile i64, ptr %p
  %a42 = load volatile i64, ptr %p
  %a43 = load volatile i64, ptr %p
  %a44 = load volatile i64, ptr %p
  %a45 = load volatile i64, ptr %p
  %a46 = load volatile i64, ptr %p
  %a47 = load volatile i64, ptr %p
  %a48 = load volatile i64, ptr %p
  %a49 = load volatile i64, ptr %p
  %a50 = load volatile i64, ptr %p
  %a51 = load volatile i64, ptr %p
  %a52 = load volatile i64, ptr %p
  %a53 = load volatile i64, ptr %p
  %a54 = load volatile i64, ptr %p
  %a55 = load volatile i64, ptr %p
  %a56 = load volatile i64, ptr %p
  %a57 = load volatile i64, ptr %p
  %a58 = load volatile i64, ptr %p
  %a59 = load volatile i64, ptr %p
  %a60 = load volatile i64, ptr %p
  %a61 = load volatile i64, ptr %p
  %a62 = load volatile i64, ptr %p
  %a63 = load volatile i64, ptr %p
  %a64 = load volatile i64, ptr %p
  %a65 = load volatile i64, ptr %p
  %a66 = load volatile i64, ptr %p
  %a67 = load volatile i64, ptr %p
  %a68 = load volatile i64, ptr %p
  %a69 = load volatile i64, ptr %p
  %a70 = load volatile i64, ptr %p
  %a71 = load volatile i64, ptr %p
  %a72 = load volatile i64, ptr %p
  %a73 = load volatile i64, ptr %p
  %a74 = load volatile i64, ptr %p
  %a75 = load volatile i64, ptr %p
  %a76 = load volatile i64, ptr %p
  %a77 = load volatile i64, ptr %p
  %a78 = load volatile i64, ptr %p
  %a79 = load volatile i64, ptr %p
  %a80 = load volatile i64, ptr %p
  %a81 = load volatile i64, ptr %p
  %a82 = load volatile i64, ptr %p
  %a83 = load volatile i64, ptr %p
  %a84 = load volatile i64, ptr %p
  %a85 = load volatile i64, ptr %p
  %a86 = load volatile i64, ptr %p
  %a87 = load volatile i64, ptr %p
  %a88 = load volatile i64, ptr %p
  %a89 = load volatile i64, ptr %p
  %a90 = load volatile i64, ptr %p
  %a91 = load volatile i64, ptr %p
  %a92 = load volatile i64, ptr %p
  %a93 = load volatile i64, ptr %p
  %a94 = load volatile i64, ptr %p
  %a95 = load volatile i64, ptr %p
  %a96 = load volatile i64, ptr %p
  %a97 = load volatile i64, ptr %p
  %a98 = load volatile i64, ptr %p
  %a99 = load volatile i64, ptr %p
  %a100 = load volatile i64, ptr %p
  %a101 = load volatile i64, ptr %p
  %a102 = load volatile i64, ptr %p
  %a103 = load volatile i64, ptr %p
  %a104 = load volatile i64, ptr %p
  %a105 = load volatile i64, ptr %p
  %a106 = load volatile i64, ptr %p
  %a107 = load volatile i64, ptr %p
  %a108 = load volatile i64, ptr %p
  %a109 = load volatile i64, ptr %p
  %a110 = load volatile i64, ptr %p
  %a111 = load volatile i64, ptr %p
  %a112 = load volatile i64, ptr %p
  %a113 = load volatile i64, ptr %p
  %a114 = load volatile i64, ptr %p
  %a115 = load volatile i64, ptr %p
  %a116 = load volatile i64, ptr %p
  %a117 = load volatile i64, ptr %p
  %a118 = load volatile i64, ptr %p
  %a119 = load volatile i64, ptr %p
  %a120 = load volatile i64, ptr %p
  %a121 = load volatile i64, ptr %p
  %a122 = load volatile i64, ptr %p
  %a123 = load volatile i64, ptr %p
  %a124 = load volatile i64, ptr %p
  %a125 = load volatile i64, ptr %p
  %a126 = load volatile i64, ptr %p
  %a127 = load volatile i64, ptr %p
  %a128 = load volatile i64, ptr %p
  %a129 = load volatile i64, ptr %p
  %a130 = load volatile i64, ptr %p
  %a131 = load volatile i64, ptr %p
  %a132 = load volatile i64, ptr %p
  %a133 = load volatile i64, ptr %p
  %a134 = load volatile i64, ptr %p
  %a135 = load volatile i64, ptr %p
  %a136 = load volatile i64, ptr %p
  %a137 = load volatile i64, ptr %p
  %a138 = load volatile i64, ptr %p
  %a139 = load volatile i64, ptr %p
  call void @callee(i64 0)
  store volatile i64 %a0, ptr %p
  store volatile i64 %a1, ptr %p
  store volatile i64 %a2, ptr %p
  store volatile i64 %a3, ptr %p
  store volatile i64 %a4, ptr %p
  store volatile i64 %a5, ptr %p
  store volatile i64 %a6, ptr %p
  store volatile i64 %a7, ptr %p
  store volatile i64 %a8, ptr %p
  store volatile i64 %a9, ptr %p
  store volatile i64 %a10, ptr %p
  store volatile i64 %a11, ptr %p
  store volatile i64 %a12, ptr %p
  store volatile i64 %a13, ptr %p
  store volatile i64 %a14, ptr %p
  store volatile i64 %a15, ptr %p
  store volatile i64 %a16, ptr %p
  store volatile i64 %a17, ptr %p
  store volatile i64 %a18, ptr %p
  store volatile i64 %a19, ptr %p
  store volatile i64 %a20, ptr %p
  store volatile i64 %a21, ptr %p
  store volatile i64 %a22, ptr %p
  store volatile i64 %a23, ptr %p
  store volatile i64 %a24, ptr %p
  store volatile i64 %a25, ptr %p
  store volatile i64 %a26, ptr %p
  store volatile i64 %a27, ptr %p
  store volatile i64 %a28, ptr %p
  store volatile i64 %a29, ptr %p
  store volatile i64 %a30, ptr %p
  store volatile i64 %a31, ptr %p
  store volatile i64 %a32, ptr %p
  store volatile i64 %a33, ptr %p
  store volatile i64 %a34, ptr %p
  store volatile i64 %a35, ptr %p
  store volatile i64 %a36, ptr %p
  store volatile i64 %a37, ptr %p
  store volatile i64 %a38, ptr %p
  store volatile i64 %a39, ptr %p
  store volatile i64 %a40, ptr %p
  store volatile i64 %a41, ptr %p
  store volatile i64 %a42, ptr %p
  store volatile i64 %a43, ptr %p
  store volatile i64 %a44, ptr %p
  store volatile i64 %a45, ptr %p
  store volatile i64 %a46, ptr %p
  store volatile i64 %a47, ptr %p
  store volatile i64 %a48, ptr %p
  store volatile i64 %a49, ptr %p
  store volatile i64 %a50, ptr %p
  store volatile i64 %a51, ptr %p
  store volatile i64 %a52, ptr %p
  store volatile i64 %a53, ptr %p
  store volatile i64 %a54, ptr %p
  store volatile i64 %a55, ptr %p
  store volatile i64 %a56, ptr %p
  store volatile i64 %a57, ptr %p
  store volatile i64 %a58, ptr %p
  store volatile i64 %a59, ptr %p
  store volatile i64 %a60, ptr %p
  store volatile i64 %a61, ptr %p
  store volatile i64 %a62, ptr %p
  store volatile i64 %a63, ptr %p
  store volatile i64 %a64, ptr %p
  store volatile i64 %a65, ptr %p
  store volatile i64 %a66, ptr %p
  store volatile i64 %a67, ptr %p
  store volatile i64 %a68, ptr %p
  store volatile i64 %a69, ptr %p
  store volatile i64 %a70, ptr %p
  store volatile i64 %a71, ptr %p
  store volatile i64 %a72, ptr %p
  store volatile i64 %a73, ptr %p
  store volatile i64 %a74, ptr %p
  store volatile i64 %a75, ptr %p
  store volatile i64 %a76, ptr %p
  store volatile i64 %a77, ptr %p
  store volatile i64 %a78, ptr %p
  store volatile i64 %a79, ptr %p
  store volatile i64 %a80, ptr %p
  store volatile i64 %a81, ptr %p
  store volatile i64 %a82, ptr %p
  store volatile i64 %a83, ptr %p
  store volatile i64 %a84, ptr %p
  store volatile i64 %a85, ptr %p
  store volatile i64 %a86, ptr %p
  store volatile i64 %a87, ptr %p
  store volatile i64 %a88, ptr %p
  store volatile i64 %a89, ptr %p
  store volatile i64 %a90, ptr %p
  store volatile i64 %a91, ptr %p
  store volatile i64 %a92, ptr %p
  store volatile i64 %a93, ptr %p
  store volatile i64 %a94, ptr %p
  store volatile i64 %a95, ptr %p
  store volatile i64 %a96, ptr %p
  store volatile i64 %a97, ptr %p
  store volatile i64 %a98, ptr %p
  store volatile i64 %a99, ptr %p
  store volatile i64 %a100, ptr %p
  store volatile i64 %a101, ptr %p
  store volatile i64 %a102, ptr %p
  store volatile i64 %a103, ptr %p
  store volatile i64 %a104, ptr %p
  store volatile i64 %a105, ptr %p
  store volatile i64 %a106, ptr %p
  store volatile i64 %a107, ptr %p
  store volatile i64 %a108, ptr %p
  store volatile i64 %a109, ptr %p
  store volatile i64 %a110, ptr %p
  store volatile i64 %a111, ptr %p
  store volatile i64 %a112, ptr %p
  store volatile i64 %a113, ptr %p
  store volatile i64 %a114, ptr %p
  store volatile i64 %a115, ptr %p
  store volatile i64 %a116, ptr %p
  store volatile i64 %a117, ptr %p
  store volatile i64 %a118, ptr %p
  store volatile i64 %a119, ptr %p
  store volatile i64 %a120, ptr %p
  store volatile i64 %a121, ptr %p
  store volatile i64 %a122, ptr %p
  store volatile i64 %a123, ptr %p
  store volatile i64 %a124, ptr %p
  store volatile i64 %a125, ptr %p
  store volatile i64 %a126, ptr %p
  store volatile i64 %a127, ptr %p
  store volatile i64 %a128, ptr %p
  store volatile i64 %a129, ptr %p
  store volatile i64 %a130, ptr %p
  store volatile i64 %a131, ptr %p
  store volatile i64 %a132, ptr %p
  store volatile i64 %a133, ptr %p
  store volatile i64 %a134, ptr %p
  store volatile i64 %a135, ptr %p
  store volatile i64 %a136, ptr %p
  store volatile i64 %a137, ptr %p
  store volatile i64 %a138, ptr %p
  store volatile i64 %a139, ptr %p
  ret void
}

; A small function at -O2 whose values cross many blocks: small at -O2,
; split at -O0 (each of the 100 loaded values keeps a slot).
; O2-LABEL: define void @blocks(
; O2: icmp ule i64
; O0: define internal void @blocks..body(
define void @blocks(ptr %ctx, ptr %p) #0 {
entry:
  %l = load [100 x i64], ptr %p
  br label %next
next:
  call void @callee(i64 1)
  store [100 x i64] %l, ptr %p
  ret void
}

attributes #0 = { nounwind "frame-pointer"="all" "gort-go" }
