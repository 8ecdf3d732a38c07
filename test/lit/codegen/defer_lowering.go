// RUN: %gortc -O0 --emit=llvm -o - %s | FileCheck %s
// defer lowering. A function whose defer statements all run at most once
// open-codes them: its frame holds an abi::OpenDefers state (runner, bit
// mask, one slot per statement), one gort_deferprocopen call (returns_twice:
// a second return, with 1, after a recovered panic) registers the frame, and
// the exit block runs the pending calls directly, newest first. Defers in
// loops are packaged as closures (wrappers in sections .gort_wrapper.*) stored
// in the inline space of records the runtime recycles.
package main

func work(n int) { println(n) }

// CHECK-LABEL: define internal i64 @main.once(
// CHECK: %defer.state = alloca { ptr, i64, [1 x ptr] }, align 8
// CHECK: %defer.rec = alloca [25 x i64], align 8
// CHECK: call void asm sideeffect "", "r,~{memory}"(ptr %r)
// CHECK: store ptr @main.once.opendefers, ptr
// CHECK: [[R:%.*]] = call i32 @gort_deferprocopen(ptr %defer.state, ptr %defer.rec) [[RT:#[0-9]+]]
// CHECK: %recovered = icmp ne i32 [[R]], 0
// CHECK: br i1 %recovered, label %defer.exit, label %defer.body
// The defer statement stores the argument and sets bit 0.
// CHECK: defer.body:
// CHECK: store i64 1, ptr
// CHECK: or i64 %{{.*}}, 1
// CHECK: defer.exit:
// CHECK: %bits = load i64
// CHECK: and i64 %bits, 1
// CHECK: defer.next:
// CHECK-NEXT: call void @gort_deferpop(ptr %defer.rec)
// CHECK: ret i64
// CHECK: defer.call:
// CHECK: and i64 %bits, -2
// CHECK: call void @main.work(ptr poison, i64
func once() (r int) {
	defer work(1)
	r = 2
	return
}

// CHECK-LABEL: define internal void @main.once.opendefers(ptr %ctx) {{.*}}section ".gort_wrapper.main.once.opendefers"

// In a loop: a recycled runtime record whose inline space holds the
// packaged call {wrapper, argument}.
// CHECK-LABEL: define internal void @main.loop(
// CHECK: %defer.frame = alloca i8
// CHECK: %defer.rec = call ptr addrspace(1) @gort_newdefer()
// CHECK: [[CLO:%.*]] = getelementptr i8, ptr addrspace(1) %defer.rec, i64 200
// CHECK: store ptr @main.loop.deferwrap.{{[0-9]+}}, ptr addrspace(1)
// CHECK: call i32 @gort_deferprocinline(ptr %defer.frame, ptr addrspace(1) %defer.rec)
// CHECK: defer.exit:
// CHECK-NEXT: call void @gort_deferreturn(ptr %defer.frame)
func loop() {
	for i := 0; i < 3; i++ {
		defer work(i)
	}
}

// CHECK: define internal void @main.loop.deferwrap.{{[0-9]+}}(ptr %ctx) {{.*}}section ".gort_wrapper.main.loop.deferwrap.{{[0-9]+}}"

// recover passes the caller's frame address for gc's argp check, and the
// function calling it is never inlined.
// CHECK-LABEL: define internal void @main.main.func1(ptr %ctx) #{{[0-9]+}}
// CHECK: %fp = call ptr @llvm.frameaddress.p0(i32 0)
// CHECK: call { ptr, ptr addrspace(1) } @gort_gorecover(ptr %fp)

func main() {
	defer func() { recover() }()
	once()
	loop()
}

// CHECK: attributes [[RT]] = { {{.*}}returns_twice{{.*}} }
