; RUN: %gortc-opt -partitions=2 -show-partition=0 %s | FileCheck %s --check-prefix=P0
; RUN: %gortc-opt -partitions=2 -show-partition=1 %s | FileCheck %s --check-prefix=P1
; Cutting a module for a parallel build (codegen/partition.cpp): each
; partition defines its home values; values another partition uses become
; hidden, and small ones are imported there available_externally; copies of
; linkonce_odr values (in comdats) stay only where something uses them, so
; a partition that does not use type T keeps neither T's descriptors, a
; cycle, nor a reference to T's method, which stays internal to its home.

; P0-NOT: type:
; P0-NOT: main.(*T).M
; P0: define i64 @main.heavy(
; P0: define available_externally dso_local i64 @tiny(
; P0-NOT: main.(*T).M

; P1-DAG: @"type:main.T" = linkonce_odr constant {{.*}}, comdat
; P1-DAG: @"type:*main.T.methods" = linkonce_odr constant [1 x ptr] [ptr @"main.(*T).M"], comdat
; P1-DAG: define internal i64 @"main.(*T).M"(
; P1-DAG: define internal i64 @useT(
; P1-DAG: define hidden i64 @tiny(
; P1-DAG: define void @main.main(
; P1-NOT: define {{.*}} @main.heavy(

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128-ni:1"
target triple = "x86_64-unknown-linux-gnu"

@"type:main.T" = linkonce_odr constant { i64, ptr } { i64 8, ptr @"type:*main.T" }
@"type:*main.T" = linkonce_odr constant { i64, ptr, ptr } { i64 8, ptr @"type:main.T", ptr @"type:*main.T.methods" }
@"type:*main.T.methods" = linkonce_odr constant [1 x ptr] [ptr @"main.(*T).M"]
@"go:string" = private unnamed_addr constant [2 x i8] c"hi"

declare ptr @gort_newobject(ptr)
declare void @gort_printstring(ptr, i64)

define internal i64 @"main.(*T).M"(ptr %ctx, ptr %t) {
  %v = load i64, ptr %t
  ret i64 %v
}

; Uses T: allocates one and calls its method.
define internal i64 @useT(ptr %ctx) {
  %t = call ptr @gort_newobject(ptr @"type:main.T")
  %r = call i64 @"main.(*T).M"(ptr null, ptr %t)
  %r2 = call i64 @"main.(*T).M"(ptr null, ptr %t)
  %s = add i64 %r, %r2
  ret i64 %s
}

; Does not use T.
define internal void @other(ptr %ctx, i64 %x) {
  call void @gort_printstring(ptr @"go:string", i64 2)
  %y = mul i64 %x, 3
  %z = add i64 %y, 1
  %w = mul i64 %z, 5
  %v = add i64 %w, 7
  call void @gort_printstring(ptr @"go:string", i64 %v)
  ret void
}

; A big function of its own: it fills one partition alone.
define i64 @main.heavy(i64 %a0) {
  %a1 = mul i64 %a0, 3
  %a2 = mul i64 %a1, 4
  %a3 = mul i64 %a2, 5
  %a4 = mul i64 %a3, 6
  %a5 = mul i64 %a4, 7
  %a6 = mul i64 %a5, 8
  %a7 = mul i64 %a6, 9
  %a8 = mul i64 %a7, 10
  %a9 = mul i64 %a8, 11
  %a10 = mul i64 %a9, 12
  %a11 = mul i64 %a10, 13
  %a12 = mul i64 %a11, 14
  %a13 = mul i64 %a12, 15
  %a14 = mul i64 %a13, 16
  %a15 = mul i64 %a14, 17
  %a16 = mul i64 %a15, 18
  %a17 = mul i64 %a16, 19
  %a18 = mul i64 %a17, 20
  %a19 = mul i64 %a18, 21
  %a20 = mul i64 %a19, 22
  %a21 = mul i64 %a20, 23
  %a22 = mul i64 %a21, 24
  %a23 = mul i64 %a22, 25
  %a24 = mul i64 %a23, 26
  %a25 = mul i64 %a24, 27
  %a26 = mul i64 %a25, 28
  %a27 = mul i64 %a26, 29
  %a28 = mul i64 %a27, 30
  %a29 = mul i64 %a28, 31
  %a30 = mul i64 %a29, 32
  %a31 = mul i64 %a30, 33
  %a32 = mul i64 %a31, 34
  %a33 = mul i64 %a32, 35
  %a34 = mul i64 %a33, 36
  %a35 = mul i64 %a34, 37
  %a36 = mul i64 %a35, 38
  %a37 = mul i64 %a36, 39
  %a38 = mul i64 %a37, 40
  %a39 = mul i64 %a38, 41
  %a40 = mul i64 %a39, 42
  %a41 = mul i64 %a40, 43
  %a42 = mul i64 %a41, 44
  %a43 = mul i64 %a42, 45
  %a44 = mul i64 %a43, 46
  %a45 = mul i64 %a44, 47
  %a46 = mul i64 %a45, 48
  %a47 = mul i64 %a46, 49
  %a48 = mul i64 %a47, 50
  %a49 = mul i64 %a48, 51
  %a50 = mul i64 %a49, 52
  %a51 = mul i64 %a50, 53
  %a52 = mul i64 %a51, 54
  %a53 = mul i64 %a52, 55
  %a54 = mul i64 %a53, 56
  %a55 = mul i64 %a54, 57
  %a56 = mul i64 %a55, 58
  %a57 = mul i64 %a56, 59
  %a58 = mul i64 %a57, 60
  %a59 = mul i64 %a58, 61
  %a60 = mul i64 %a59, 62
  %a61 = mul i64 %a60, 63
  %a62 = mul i64 %a61, 64
  %a63 = mul i64 %a62, 65
  %a64 = mul i64 %a63, 66
  %a65 = mul i64 %a64, 67
  %a66 = mul i64 %a65, 68
  %a67 = mul i64 %a66, 69
  %a68 = mul i64 %a67, 70
  %a69 = mul i64 %a68, 71
  %a70 = mul i64 %a69, 72
  %a71 = mul i64 %a70, 73
  %a72 = mul i64 %a71, 74
  %a73 = mul i64 %a72, 75
  %a74 = mul i64 %a73, 76
  %a75 = mul i64 %a74, 77
  %a76 = mul i64 %a75, 78
  %a77 = mul i64 %a76, 79
  %a78 = mul i64 %a77, 80
  %a79 = mul i64 %a78, 81
  %t = call i64 @tiny(i64 %a79)
  ret i64 %t
}

; Small, and called from both partitions.
define internal i64 @tiny(i64 %x) {
  %y = add i64 %x, 1
  ret i64 %y
}

define void @main.main(ptr %ctx) {
  %q = call i64 @tiny(i64 2)
  %r = call i64 @useT(ptr null)
  call void @other(ptr null, i64 %r)
  call void @other(ptr null, i64 1)
  ret void
}
