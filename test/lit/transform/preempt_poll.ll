; RUN: %gortc-opt -passes=gortc-preempt-poll %s | FileCheck %s
; RUN: sed s/x86_64-unknown/aarch64-unknown/ %s | %gortc-opt -passes=gortc-preempt-poll - | FileCheck %s --check-prefix=A64
; The preemption-poll pass (codegen/preempt_poll.cpp): the header of every
; outermost loop, and of every inner loop whose trip count is not fixed on
; entry, loads g->stackguard0 and calls gort_preempt_poll when it holds
; abi::StackPreempt (-1314). A counted inner loop is left alone (its
; enclosing loop polls); functions not compiled from Go are left alone.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128-ni:1"
target triple = "x86_64-unknown-linux-gnu"

@flag = global i64 0

; A spin loop: polled.
; CHECK-LABEL: define void @spin(
; CHECK:       loop:
; CHECK-NEXT:    [[G:%.*]] = call ptr asm "movq %fs:gort_tls_g@TPOFF, $0"
; CHECK-NEXT:    [[P:%.*]] = getelementptr i8, ptr [[G]], i64 16
; CHECK-NEXT:    [[SG:%.*]] = load atomic i64, ptr [[P]] monotonic, align 8
; CHECK-NEXT:    [[C:%.*]] = icmp eq i64 [[SG]], -1314
; CHECK-NEXT:    br i1 [[C]], label %preempt.poll, label %loop.polled, !prof
; CHECK:       preempt.poll:
; CHECK-NEXT:    call void @gort_preempt_poll()
; CHECK-NEXT:    br label %loop.polled
; CHECK:       loop.polled:
; CHECK-NEXT:    load volatile i64, ptr @flag
; A64-LABEL: define void @spin(
; A64:         call i64 @llvm.read_register.i64(metadata
; A64:         load atomic i64
; A64:         call void @gort_preempt_poll()
define void @spin(ptr %ctx) #0 {
entry:
  br label %loop
loop:
  %v = load volatile i64, ptr @flag
  %z = icmp eq i64 %v, 0
  br i1 %z, label %loop, label %done
done:
  ret void
}

; An outer loop of unknown length around a counted inner loop: only the
; outer one polls.
; CHECK-LABEL: define i64 @nested(
; CHECK:       outer:
; CHECK:         call void @gort_preempt_poll()
; CHECK:       inner:
; CHECK-NOT:     gort_preempt_poll
; CHECK:         ret i64
define i64 @nested(ptr %ctx, ptr %p, i64 %n) #0 {
entry:
  br label %outer
outer:
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %inner.done ]
  br label %inner
inner:
  %i = phi i64 [ 0, %outer ], [ %i.next, %inner ]
  %s = phi i64 [ %acc, %outer ], [ %s.next, %inner ]
  %s.next = add i64 %s, %i
  %i.next = add nsw i64 %i, 1
  %more = icmp slt i64 %i.next, %n
  br i1 %more, label %inner, label %inner.done
inner.done:
  %acc.next = add i64 %s.next, 1
  %x = load volatile i64, ptr %p
  %stop = icmp eq i64 %x, 0
  br i1 %stop, label %done, label %outer
done:
  ret i64 %acc.next
}

; An outermost counted loop still polls: its count may be huge.
; CHECK-LABEL: define i64 @counted(
; CHECK:         call void @gort_preempt_poll()
define i64 @counted(ptr %ctx, i64 %n) #0 {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %i.next = add nsw i64 %i, 1
  %more = icmp slt i64 %i.next, %n
  br i1 %more, label %loop, label %done
done:
  ret i64 %i.next
}

; Not Go code: untouched.
; CHECK-LABEL: define void @notgo(
; CHECK-NOT:     gort_preempt_poll
; CHECK:         ret void
define void @notgo() {
entry:
  br label %loop
loop:
  %v = load volatile i64, ptr @flag
  %z = icmp eq i64 %v, 0
  br i1 %z, label %loop, label %done
done:
  ret void
}

attributes #0 = { "gort-go" }
