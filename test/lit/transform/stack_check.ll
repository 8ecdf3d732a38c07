; RUN: %gortc-opt -passes=gortc-stack-check %s | FileCheck %s
; RUN: %gortc-opt -passes=gortc-stack-check -force-split=small %s | FileCheck %s --check-prefix=FORCED
; RUN: %gortc-opt -passes=gortc-stack-check %s | FileCheck %s --check-prefix=EXT
; RUN: %gortc-opt -passes=gortc-stack-check %s | FileCheck %s --check-prefix=RET
; The stack-check pass (codegen/stack_check.cpp) on x86-64: a leaf with a
; small frame gets no check; a function with a small frame checks SP after
; its prologue; a function whose frame is predicted over the limit is split
; into a wrapper that checks SP minus its body's frame (a link-time symbol)
; and then tail-calls the body.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128-ni:1"
target triple = "x86_64-unknown-linux-gnu"

declare void @callee(i64)

; The frame symbol of main.main's body, defined after code generation.
; CHECK: @main.main..frame = external hidden global i8

; CHECK-LABEL: define i64 @leaf(
; CHECK-NOT:     read_register
; CHECK:         mul i64
define i64 @leaf(ptr %ctx, i64 %x) #0 {
  %y = mul i64 %x, 3
  ret i64 %y
}

; The check after the prologue; its slow path reserves a block on the next
; segment for the arguments and the result (8 + 8 + 16 + 8 = 40 bytes),
; fills it, and runs the thunk there.
; CHECK-LABEL: define i64 @small(
; CHECK:         [[SP:%.*]] = call i64 @llvm.read_register.i64(metadata [[RSP:![0-9]+]])
; CHECK-NEXT:    [[G:%.*]] = call ptr asm "movq %fs:gort_tls_g@TPOFF, $0", "=r"()
; CHECK-NEXT:    [[GP:%.*]] = getelementptr i8, ptr [[G]], i64 16
; CHECK-NEXT:    [[GUARD:%.*]] = load i64, ptr [[GP]]
; CHECK-NEXT:    [[NEED:%.*]] = icmp ule i64 [[SP]], [[GUARD]]
; CHECK-NEXT:    br i1 [[NEED]], label %morestack, label %body
; CHECK:       body:
; CHECK-NEXT:    call void @callee(i64 %x)
; CHECK:       morestack:
; CHECK-NEXT:    [[BLK:%.*]] = call ptr @gort_stack_reserve(i64 512, i64 40)
; CHECK-NEXT:    [[PRE:%.*]] = icmp eq ptr [[BLK]], null
; CHECK-NEXT:    br i1 [[PRE]], label %body, label %morestack.grow
; CHECK:       morestack.grow:
; CHECK:         store ptr %ctx,
; CHECK:         store i64 %x,
; CHECK:         store { ptr addrspace(1), i64 } %s,
; CHECK:         call void @gort_morestack(ptr @small..morestack, ptr [[BLK]])
; CHECK:         [[R:%.*]] = load i64,
; CHECK-NEXT:    ret i64 [[R]]
define i64 @small(ptr %ctx, i64 %x, { ptr addrspace(1), i64 } %s) #0 {
  call void @callee(i64 %x)
  %n = extractvalue { ptr addrspace(1), i64 } %s, 1
  ret i64 %n
}

; A 16000-byte local: main.main becomes a wrapper (keeping its name and
; linkage, which the runtime calls) and main.main..body.
; CHECK-LABEL: define internal void @main.main..body(ptr %ctx)
; CHECK-NEXT:    %a = alloca [2000 x i64]
; CHECK-LABEL: define private void @small..morestack(ptr
; CHECK:         call i64 @small(
; CHECK-LABEL: define void @main.main(ptr %ctx) {{.*}} section ".gort_wrapper.main.main"
; CHECK:         [[SP:%.*]] = call i64 @llvm.read_register.i64(metadata [[RSP]])
; CHECK:         [[GUARD:%.*]] = load i64,
; CHECK-NEXT:    [[UNDER:%.*]] = icmp ult i64 [[SP]], ptrtoint (ptr @main.main..frame to i64)
; CHECK-NEXT:    [[LOW:%.*]] = sub i64 [[SP]], ptrtoint (ptr @main.main..frame to i64)
; CHECK-NEXT:    [[LOWC:%.*]] = icmp ule i64 [[LOW]], [[GUARD]]
; CHECK-NEXT:    [[NEED:%.*]] = or i1 [[UNDER]], [[LOWC]]
; CHECK-NEXT:    br i1 [[NEED]], label %morestack, label %body
; CHECK:       body:
; CHECK-NEXT:    musttail call void @main.main..body(ptr %ctx)
; CHECK-NEXT:    ret void
; CHECK:       morestack:
; CHECK-NEXT:    call ptr @gort_stack_reserve(i64 ptrtoint (ptr @main.main..frame to i64), i64 8)
; CHECK-LABEL: define private void @main.main..morestack(ptr
; CHECK:         call void @main.main(
define void @main.main(ptr %ctx) #0 {
  %a = alloca [2000 x i64], align 8
  %p = getelementptr [2000 x i64], ptr %a, i64 0, i64 5
  store i64 1, ptr %p
  call void @callee(i64 0)
  ret void
}

; Calls the pass creates carry the callee's ABI attributes: musttail
; requires them to match, and an extension the callee expects must happen.
; EXT-LABEL: define internal zeroext i1 @ext..body(ptr %ctx, i8 signext %b)
; EXT-LABEL: define zeroext i1 @ext(ptr %ctx, i8 signext %b)
; EXT:         musttail call zeroext i1 @ext..body(ptr %ctx, i8 signext %b)
; EXT-LABEL: define private void @ext..morestack(
; EXT:         call zeroext i1 @ext(ptr {{%.*}}, i8 signext {{%.*}})
define zeroext i1 @ext(ptr %ctx, i8 signext %b) #0 {
  %a = alloca [2000 x i64], align 8
  store volatile i64 1, ptr %a
  call void @callee(i64 0)
  %c = icmp eq i8 %b, 0
  ret i1 %c
}

; Results that fit in RAX, RDX, RCX (and XMM0-1) allow the tail call; more
; come back through a buffer in the caller's frame, which a tail call
; cannot keep: the wrapper calls the body and checks 16 bytes more for the
; call's return address and frame record.
; RET-LABEL: define { ptr addrspace(1), i64, i64 } @three(
; RET:         musttail call { ptr addrspace(1), i64, i64 } @three..body(
; RET-LABEL: define { { ptr addrspace(1), i64, i64 }, { ptr, ptr addrspace(1) } } @five(
; RET:         sub i64 {{%.*}}, add (i64 ptrtoint (ptr @five..frame to i64), i64 16)
; RET:       body:
; RET-NEXT:    [[R:%.*]] = call { { ptr addrspace(1), i64, i64 }, { ptr, ptr addrspace(1) } } @five..body(
; RET-NEXT:    ret { { ptr addrspace(1), i64, i64 }, { ptr, ptr addrspace(1) } } [[R]]
; RET:         call ptr @gort_stack_reserve(i64 add (i64 ptrtoint (ptr @five..frame to i64), i64 16),
; RET-LABEL: define { double, double, double } @threefp(
; RET-NOT:     musttail
; RET:         call { double, double, double } @threefp..body(
define { ptr addrspace(1), i64, i64 } @three(ptr %ctx) #0 {
  %a = alloca [2000 x i64], align 8
  store volatile i64 1, ptr %a
  call void @callee(i64 0)
  ret { ptr addrspace(1), i64, i64 } zeroinitializer
}

define { { ptr addrspace(1), i64, i64 }, { ptr, ptr addrspace(1) } } @five(ptr %ctx) #0 {
  %a = alloca [2000 x i64], align 8
  store volatile i64 1, ptr %a
  call void @callee(i64 0)
  ret { { ptr addrspace(1), i64, i64 }, { ptr, ptr addrspace(1) } } zeroinitializer
}

define { double, double, double } @threefp(ptr %ctx) #0 {
  %a = alloca [2000 x i64], align 8
  store volatile i64 1, ptr %a
  call void @callee(i64 0)
  ret { double, double, double } zeroinitializer
}

; The body has no check of its own and is no longer a Go function for the
; pass.
; CHECK-DAG: attributes #{{[0-9]+}} = { nounwind "frame-pointer"="all" "gort-split-body" }
; CHECK-DAG: [[RSP]] = !{!"rsp"}

; -force-split splits a function whatever its frame (after code generation
; found the frame over the limit).
; FORCED-LABEL: define internal i64 @small..body(
; FORCED-LABEL: define i64 @small(ptr %ctx, i64 %x, { ptr addrspace(1), i64 } %s)
; FORCED:         musttail call i64 @small..body(ptr %ctx, i64 %x, { ptr addrspace(1), i64 } %s)

attributes #0 = { nounwind "frame-pointer"="all" "gort-go" }
