; RUN: %gortc-opt -passes='cgscc(gortc-escape-summary,function(gortc-stack-alloc))' %s | FileCheck %s
; Escape analysis (codegen/stack_alloc.cpp): parameters that do not escape
; get "gort-noescape", and heap cells whose pointer does not escape become
; zeroed frame slots. Everything that could let a pointer outlive the call
; keeps its heap cell.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128-ni:1"
target triple = "x86_64-unknown-linux-gnu"

; abi::Type's head: Size, PtrData, Hash, TFlag, Align, FieldAlign, Kind.
@"type:int" = linkonce_odr constant { i64, i64, i32, i8, i8, i8, i8 } { i64 8, i64 0, i32 1, i8 0, i8 8, i8 8, i8 2 }
@"type:[2]int" = linkonce_odr constant { i64, i64, i32, i8, i8, i8, i8 } { i64 16, i64 0, i32 2, i8 0, i8 8, i8 8, i8 17 }
@"type:[1000]int" = linkonce_odr constant { i64, i64, i32, i8, i8, i8, i8 } { i64 8000, i64 0, i32 3, i8 0, i8 8, i8 8, i8 17 }
@"type:other.T" = external constant { i64, i64, i32, i8, i8, i8, i8 }
@sink = global ptr addrspace(1) null

declare ptr addrspace(1) @gort_newobject(ptr)
declare ptr addrspace(1) @gort_makeslice(ptr, i64, i64)
declare void @gort_printpointer(ptr addrspace(1))
declare { ptr addrspace(1), i64 } @gort_slicebytetostring(ptr "gort-noescape", ptr addrspace(1) "gort-noescape", i64)
declare { ptr addrspace(1), i64 } @gort_concatstrings(ptr "gort-noescape" "gort-noescape-deep", ptr "gort-noescape" "gort-noescape-deep", i64)
declare void @gort_stringtoslicebyte(ptr "gort-noescape", ptr "gort-noescape", ptr addrspace(1) "gort-noescape", i64)
declare void @gort_panicmem()

; Reads through the pointer and compares it with nil: does not escape.
; CHECK-LABEL: define internal i64 @load(ptr addrspace(1) "gort-noescape" %p)
define internal i64 @load(ptr addrspace(1) %p) {
  %isnil = icmp eq ptr addrspace(1) %p, null
  br i1 %isnil, label %panic, label %ok
panic:
  call void @gort_panicmem()
  unreachable
ok:
  %v = load i64, ptr addrspace(1) %p
  ret i64 %v
}

; Stored into a global, returned, handed to the runtime: each escapes.
; CHECK-LABEL: define internal void @store(ptr addrspace(1) %p)
define internal void @store(ptr addrspace(1) %p) {
  store ptr addrspace(1) %p, ptr @sink
  ret void
}
; CHECK-LABEL: define internal ptr addrspace(1) @ret(ptr addrspace(1) %p)
define internal ptr addrspace(1) @ret(ptr addrspace(1) %p) {
  %q = getelementptr i8, ptr addrspace(1) %p, i64 8
  ret ptr addrspace(1) %q
}
; CHECK-LABEL: define internal void @runtime(ptr addrspace(1) %p)
define internal void @runtime(ptr addrspace(1) %p) {
  call void @gort_printpointer(ptr addrspace(1) %p)
  ret void
}

; A slice passed as a first-class aggregate: its pointer is only read.
; CHECK-LABEL: define internal i64 @sum({ ptr addrspace(1), i64, i64 } "gort-noescape" %s)
define internal i64 @sum({ ptr addrspace(1), i64, i64 } %s) {
  %p = extractvalue { ptr addrspace(1), i64, i64 } %s, 0
  %n = extractvalue { ptr addrspace(1), i64, i64 } %s, 1
  %e = getelementptr i64, ptr addrspace(1) %p, i64 %n
  %v = load i64, ptr addrspace(1) %e
  ret i64 %v
}

; Mutual recursion passing the pointer around the cycle does not make it
; escape; passing it on to an escaping parameter does.
; CHECK-LABEL: define internal void @even(i64 %n, ptr addrspace(1) "gort-noescape" %p, ptr addrspace(1) %q)
define internal void @even(i64 %n, ptr addrspace(1) %p, ptr addrspace(1) %q) {
  %z = icmp eq i64 %n, 0
  br i1 %z, label %done, label %rec
rec:
  %m = sub i64 %n, 1
  call void @odd(i64 %m, ptr addrspace(1) %p, ptr addrspace(1) %q)
  ret void
done:
  store i64 1, ptr addrspace(1) %p
  call void @store(ptr addrspace(1) %q)
  ret void
}
; CHECK-LABEL: define internal void @odd(i64 %n, ptr addrspace(1) "gort-noescape" %p, ptr addrspace(1) %q)
define internal void @odd(i64 %n, ptr addrspace(1) %p, ptr addrspace(1) %q) {
  %m = sub i64 %n, 1
  call void @even(i64 %m, ptr addrspace(1) %p, ptr addrspace(1) %q)
  ret void
}

; Cells whose pointers do not escape move into the frame, zeroed where
; they were allocated.
; CHECK-LABEL: define i64 @moved(
; CHECK-DAG: %x.stack = alloca [8 x i8], align 8
; CHECK-DAG: %arr.stack = alloca [16 x i8], align 8
; CHECK-DAG: %buf.stack = alloca [32 x i8], align 8
; CHECK-NOT: call {{.*}} @gort_newobject
; CHECK-NOT: call {{.*}} @gort_makeslice
; CHECK: call void @llvm.memset.p0.i64(ptr align 8 %x.stack, i8 0, i64 8, i1 false)
; CHECK: %x = addrspacecast ptr %x.stack to ptr addrspace(1)
; CHECK: ret i64
define i64 @moved(i64 %n) {
  %x = call ptr addrspace(1) @gort_newobject(ptr @"type:int")
  store i64 %n, ptr addrspace(1) %x
  %a = call i64 @load(ptr addrspace(1) %x)
  %arr = call ptr addrspace(1) @gort_newobject(ptr @"type:[2]int")
  call void @even(i64 %n, ptr addrspace(1) %arr, ptr addrspace(1) null)
  %buf = call ptr addrspace(1) @gort_makeslice(ptr @"type:int", i64 2, i64 4)
  %s0 = insertvalue { ptr addrspace(1), i64, i64 } undef, ptr addrspace(1) %buf, 0
  %s1 = insertvalue { ptr addrspace(1), i64, i64 } %s0, i64 2, 1
  %s = insertvalue { ptr addrspace(1), i64, i64 } %s1, i64 4, 2
  %b = call i64 @sum({ ptr addrspace(1), i64, i64 } %s)
  %r = add i64 %a, %b
  ret i64 %r
}

; CHECK-LABEL: define void @kept(
; CHECK-NOT: .stack
; CHECK-COUNT-9: call ptr addrspace(1) @gort_{{newobject|makeslice}}
; CHECK-NOT: .stack
; CHECK: ret void
define void @kept(i64 %n, i64 %m) {
entry:
  ; Escapes through a callee, a store, the runtime.
  %a = call ptr addrspace(1) @gort_newobject(ptr @"type:int")
  call void @store(ptr addrspace(1) %a)
  %b = call ptr addrspace(1) @gort_newobject(ptr @"type:int")
  %slot = alloca ptr addrspace(1)
  store ptr addrspace(1) %b, ptr %slot
  %reload = load ptr addrspace(1), ptr %slot
  call void @store(ptr addrspace(1) %reload)
  %c = call ptr addrspace(1) @gort_newobject(ptr @"type:int")
  call void @runtime(ptr addrspace(1) %c)
  ; Through even's escaping parameter q.
  %d = call ptr addrspace(1) @gort_newobject(ptr @"type:int")
  call void @even(i64 %n, ptr addrspace(1) null, ptr addrspace(1) %d)
  ; Too big; size unknown here; a makeslice that may panic or whose size
  ; is not constant.
  %e = call ptr addrspace(1) @gort_newobject(ptr @"type:[1000]int")
  %f = call ptr addrspace(1) @gort_newobject(ptr @"type:other.T")
  %g = call ptr addrspace(1) @gort_makeslice(ptr @"type:int", i64 5, i64 4)
  %h = call ptr addrspace(1) @gort_makeslice(ptr @"type:int", i64 0, i64 %n)
  %u1 = call i64 @load(ptr addrspace(1) %e)
  %u2 = call i64 @load(ptr addrspace(1) %f)
  %u3 = call i64 @load(ptr addrspace(1) %g)
  %u4 = call i64 @load(ptr addrspace(1) %h)
  br label %loop
loop:
  ; Allocated in a loop and passed to a phi: each iteration needs its own
  ; object, since the previous one is still reachable through %prev.
  %prev = phi ptr addrspace(1) [ null, %entry ], [ %i, %loop ]
  %k = phi i64 [ 0, %entry ], [ %k1, %loop ]
  %i = call ptr addrspace(1) @gort_newobject(ptr @"type:int")
  %u5 = call i64 @load(ptr addrspace(1) %i)
  %k1 = add i64 %k, 1
  %more = icmp slt i64 %k1, %m
  br i1 %more, label %loop, label %done
done:
  ret void
}

; In a loop, a cell no phi receives moves too: each iteration zeroes the
; slot again, and nothing refers to an older iteration's object.
; CHECK-LABEL: define i64 @moved_loop(
; CHECK: entry:
; CHECK-NEXT: %x.stack = alloca [8 x i8], align 8
; CHECK: loop:
; CHECK: call void @llvm.memset.p0.i64(ptr align 8 %x.stack, i8 0, i64 8, i1 false)
; CHECK-NEXT: %x = addrspacecast ptr %x.stack to ptr addrspace(1)
; CHECK-NOT: @gort_newobject
; CHECK: ret i64
define i64 @moved_loop(i64 %m) {
entry:
  br label %loop
loop:
  %k = phi i64 [ 0, %entry ], [ %k1, %loop ]
  %sum = phi i64 [ 0, %entry ], [ %sum1, %loop ]
  %x = call ptr addrspace(1) @gort_newobject(ptr @"type:int")
  store i64 %k, ptr addrspace(1) %x
  %v = call i64 @load(ptr addrspace(1) %x)
  %sum1 = add i64 %sum, %v
  %k1 = add i64 %k, 1
  %more = icmp slt i64 %k1, %m
  br i1 %more, label %loop, label %done
done:
  ret i64 %sum1
}

; Frame buffers for the string functions. string(b) only stored into a
; concatenation's operand array, which only the concatenation reads, after
; the store in the same block, does not escape: it gets a buffer; the
; concatenation's result is returned: no buffer. []byte(s) whose slice
; pointer is only loaded and compared gets one.
; CHECK-LABEL: define { ptr addrspace(1), i64 } @tmpbuf(
; CHECK: %tmpbuf{{[0-9]*}} = alloca [8 x i32], align 8
; CHECK: %tmpbuf{{[0-9]*}} = alloca [8 x i32], align 8
; CHECK: call void @gort_stringtoslicebyte(ptr %tmpbuf
; CHECK: call { ptr addrspace(1), i64 } @gort_slicebytetostring(ptr %tmpbuf
; CHECK: call { ptr addrspace(1), i64 } @gort_concatstrings(ptr null,
define { ptr addrspace(1), i64 } @tmpbuf(ptr addrspace(1) %p, i64 %n) {
entry:
  %ops = alloca [2 x { ptr addrspace(1), i64 }]
  %out = alloca { ptr addrspace(1), i64, i64 }
  call void @gort_stringtoslicebyte(ptr null, ptr %out, ptr addrspace(1) %p, i64 %n)
  %bp = load ptr addrspace(1), ptr %out
  %same = icmp eq ptr addrspace(1) %bp, %p
  %s = call { ptr addrspace(1), i64 } @gort_slicebytetostring(ptr null, ptr addrspace(1) %p, i64 %n)
  store { ptr addrspace(1), i64 } %s, ptr %ops
  %op1 = getelementptr { ptr addrspace(1), i64 }, ptr %ops, i64 1
  store { ptr addrspace(1), i64 } %s, ptr %op1
  %r = call { ptr addrspace(1), i64 } @gort_concatstrings(ptr null, ptr %ops, i64 2)
  ret { ptr addrspace(1), i64 } %r
}

; The operand array is read by a call in another block (it might see an
; older iteration's operand), or by a function that may keep what it
; reads: the operands get no buffer.
; CHECK-LABEL: define void @tmpbuf_kept(
; CHECK: call { ptr addrspace(1), i64 } @gort_slicebytetostring(ptr null,
; CHECK: call { ptr addrspace(1), i64 } @gort_concatstrings(ptr null,
; CHECK: call { ptr addrspace(1), i64 } @gort_slicebytetostring(ptr null,
; CHECK: ret void
define void @tmpbuf_kept(ptr addrspace(1) %p, i64 %n) {
entry:
  %ops = alloca [2 x { ptr addrspace(1), i64 }]
  %ops2 = alloca { ptr addrspace(1), i64 }
  %s = call { ptr addrspace(1), i64 } @gort_slicebytetostring(ptr null, ptr addrspace(1) %p, i64 %n)
  store { ptr addrspace(1), i64 } %s, ptr %ops
  br label %next
next:
  %r = call { ptr addrspace(1), i64 } @gort_concatstrings(ptr null, ptr %ops, i64 2)
  %rp = extractvalue { ptr addrspace(1), i64 } %r, 0
  call void @store(ptr addrspace(1) %rp)
  %t = call { ptr addrspace(1), i64 } @gort_slicebytetostring(ptr null, ptr addrspace(1) %p, i64 %n)
  store { ptr addrspace(1), i64 } %t, ptr %ops2
  %tp = getelementptr i8, ptr %ops2, i64 0
  %tl = load ptr addrspace(1), ptr %tp
  call void @store(ptr addrspace(1) %tl)
  ret void
}
