; RUN: %gortc-opt -passes=gortc-stack-check %s | FileCheck %s
; On AArch64 the current g lives in x28 and the stack pointer is "sp"; the
; rest of the check is the same as on x86-64 (stack_check.ll).
target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32-ni:1"
target triple = "aarch64-unknown-linux-gnu"

declare void @callee(i64)

; CHECK-LABEL: define i64 @small(
; CHECK:         [[SP:%.*]] = call i64 @llvm.read_register.i64(metadata [[SPREG:![0-9]+]])
; CHECK-NEXT:    [[GB:%.*]] = call i64 @llvm.read_register.i64(metadata [[X28:![0-9]+]])
; CHECK-NEXT:    [[G:%.*]] = inttoptr i64 [[GB]] to ptr
; CHECK-NEXT:    [[GP:%.*]] = getelementptr i8, ptr [[G]], i64 16
; CHECK-NEXT:    [[GUARD:%.*]] = load i64, ptr [[GP]]
; CHECK-NEXT:    icmp ule i64 [[SP]], [[GUARD]]
; CHECK:         call ptr @gort_stack_reserve(i64 512, i64 24)
define i64 @small(ptr %ctx, i64 %x) #0 {
  call void @callee(i64 %x)
  ret i64 %x
}

; CHECK-LABEL: define void @big(
; CHECK:         icmp ult i64 {{%.*}}, ptrtoint (ptr @big..frame to i64)
; CHECK:         musttail call void @big..body(ptr %ctx)
define void @big(ptr %ctx) #0 {
  %a = alloca [512 x i64], align 8
  store volatile i64 1, ptr %a
  call void @callee(i64 0)
  ret void
}

; Results in up to eight X and eight D registers allow the tail call; more
; come back through a buffer (stack_check.ll).
; CHECK-LABEL: define [8 x i64] @eight(
; CHECK:         musttail call [8 x i64] @eight..body(
define [8 x i64] @eight(ptr %ctx) #0 {
  %a = alloca [512 x i64], align 8
  store volatile i64 1, ptr %a
  call void @callee(i64 0)
  ret [8 x i64] zeroinitializer
}

; CHECK-LABEL: define [9 x i64] @nine(
; CHECK:         sub i64 {{%.*}}, add (i64 ptrtoint (ptr @nine..frame to i64), i64 16)
; CHECK-NOT:     musttail
; CHECK:         call [9 x i64] @nine..body(
define [9 x i64] @nine(ptr %ctx) #0 {
  %a = alloca [512 x i64], align 8
  store volatile i64 1, ptr %a
  call void @callee(i64 0)
  ret [9 x i64] zeroinitializer
}

; CHECK-DAG: [[SPREG]] = !{!"sp"}
; CHECK-DAG: [[X28]] = !{!"x28"}

attributes #0 = { nounwind "frame-pointer"="all" "gort-go" "target-features"="+reserve-x28" }
