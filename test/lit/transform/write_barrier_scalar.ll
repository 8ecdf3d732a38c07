; RUN: %gortc-opt -passes=gortc-write-barrier %s | FileCheck %s
; The write barrier (codegen/write_barrier.cpp) on integer copies: a word
; loaded as an integer and stored to the heap may be a pointer the
; optimizer copied as bytes (a memmove of 8 bytes), so it gets the bulk
; barrier; a load lowering tagged as a Go integer (TBAA "go scalar",
; write_barrier.h scalarLoadTag) is no pointer and gets none, as in gc.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128-ni:1"
target triple = "x86_64-unknown-linux-gnu"

; CHECK-LABEL: define void @untagged(
; CHECK: load i32, ptr @gort_writeBarrier
; CHECK: call void @gort_wbmove(ptr addrspace(1) %d, ptr addrspace(1) %s, i64 8)
; CHECK: store i64 %v, ptr addrspace(1) %d
define void @untagged(ptr addrspace(1) %d, ptr addrspace(1) %s) {
  %v = load i64, ptr addrspace(1) %s
  store i64 %v, ptr addrspace(1) %d
  ret void
}

; CHECK-LABEL: define void @tagged(
; CHECK-NOT: gort_w
; CHECK: store i64 %v, ptr addrspace(1) %d
define void @tagged(ptr addrspace(1) %d, ptr addrspace(1) %s) {
  %v = load i64, ptr addrspace(1) %s, !tbaa !2
  store i64 %v, ptr addrspace(1) %d
  ret void
}

; Another TBAA type says nothing about pointers.
; CHECK-LABEL: define void @other_tag(
; CHECK: call void @gort_wbmove(
define void @other_tag(ptr addrspace(1) %d, ptr addrspace(1) %s) {
  %v = load i64, ptr addrspace(1) %s, !tbaa !4
  store i64 %v, ptr addrspace(1) %d
  ret void
}

!0 = !{!"gortc tbaa"}
!1 = !{!"go scalar", !0, i64 0}
!2 = !{!1, !1, i64 0}
!3 = !{!"long", !0, i64 0}
!4 = !{!3, !3, i64 0}
