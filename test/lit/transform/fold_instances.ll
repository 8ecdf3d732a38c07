; RUN: %gortc-opt -passes=gortc-fold-instances %s | FileCheck %s
; Folding identical instances (codegen/fold_instances.cpp): instances of
; one generic declaration with identical bodies keep one body; a folded
; instance other objects may name stays as an alias, an internal one goes.
; Different bodies, instances of different declarations and plain
; functions are left alone even when identical.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128-ni:1"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: @"main.Max[int64]" = linkonce_odr alias i64 (ptr, i64, i64), ptr @"main.Max[int]"
; CHECK-NOT: alias

; CHECK-LABEL: define linkonce_odr i64 @"main.Max[int]"(
define linkonce_odr i64 @"main.Max[int]"(ptr %ctx, i64 %a, i64 %b) {
  %c = icmp sgt i64 %a, %b
  %r = select i1 %c, i64 %a, i64 %b
  ret i64 %r
}

; CHECK-NOT: define {{.*}} @"main.Max[int64]"(
define linkonce_odr i64 @"main.Max[int64]"(ptr %ctx, i64 %a, i64 %b) {
  %c = icmp sgt i64 %a, %b
  %r = select i1 %c, i64 %a, i64 %b
  ret i64 %r
}

; An unsigned instance compares differently: kept.
; CHECK-LABEL: define linkonce_odr i64 @"main.Max[uint64]"(
define linkonce_odr i64 @"main.Max[uint64]"(ptr %ctx, i64 %a, i64 %b) {
  %c = icmp ugt i64 %a, %b
  %r = select i1 %c, i64 %a, i64 %b
  ret i64 %r
}

; Internal instances of a method: the second one goes, its caller calls
; the first.
; CHECK-LABEL: define internal i64 @"main.(*List[int]).Len"(
define internal i64 @"main.(*List[int]).Len"(ptr %ctx, ptr %l) {
  %n = load i64, ptr %l
  ret i64 %n
}
; CHECK-NOT: @"main.(*List[string]).Len"(
define internal i64 @"main.(*List[string]).Len"(ptr %ctx, ptr %l) {
  %n = load i64, ptr %l
  ret i64 %n
}

; Another declaration with the same body, and a plain function: kept.
; CHECK-LABEL: define internal i64 @"main.(*Set[int]).Len"(
define internal i64 @"main.(*Set[int]).Len"(ptr %ctx, ptr %l) {
  %n = load i64, ptr %l
  ret i64 %n
}
; CHECK-LABEL: define internal i64 @main.plainLen(
define internal i64 @main.plainLen(ptr %ctx, ptr %l) {
  %n = load i64, ptr %l
  ret i64 %n
}

; CHECK-LABEL: define i64 @main.use(
; CHECK: call i64 @"main.(*List[int]).Len"(ptr null, ptr %l)
; CHECK: call i64 @"main.(*List[int]).Len"(ptr null, ptr %l)
define i64 @main.use(ptr %l) {
  %a = call i64 @"main.(*List[int]).Len"(ptr null, ptr %l)
  %b = call i64 @"main.(*List[string]).Len"(ptr null, ptr %l)
  %c = call i64 @"main.(*Set[int]).Len"(ptr null, ptr %l)
  %d = call i64 @main.plainLen(ptr null, ptr %l)
  %s = add i64 %a, %b
  ret i64 %s
}
