// RUN: %gortc -O0 --emit=llvm -o - %s | FileCheck %s
// defer: the call is packaged as a closure (wrapper code in section
// .gort_wrapper) and pushed with gort_deferproc, returns_twice: a second
// return (1) after a recovered panic goes to the exit block, which runs
// gort_deferreturn and returns the result slots. Defers outside loops keep
// their record in the frame; in loops the runtime allocates it.
package main

func work(n int) { println(n) }

// CHECK-LABEL: define internal i64 @main.once(
// CHECK: %defer.frame = alloca i8
// CHECK: %defer.rec = alloca [25 x i64], align 8
// CHECK: call void asm sideeffect "", "r,~{memory}"(ptr %r)
// CHECK: [[CLO:%.*]] = call ptr addrspace(1) @gort_newobject(
// CHECK: [[R:%.*]] = call i32 @gort_deferproc(ptr %defer.frame, ptr addrspace(1) [[CLO]], ptr %defer.rec) [[RT:#[0-9]+]]
// CHECK: %recovered = icmp ne i32 [[R]], 0
// CHECK: br i1 %recovered, label %defer.exit, label %defer.next
// CHECK: defer.exit:
// CHECK-NEXT: call void @gort_deferreturn(ptr %defer.frame)
// CHECK: ret i64
// CHECK: define internal void @main.once.deferwrap.{{[0-9]+}}(ptr %ctx) {{.*}}section ".gort_wrapper"
func once() (r int) {
	defer work(1)
	r = 2
	return
}

// CHECK-LABEL: define internal void @main.loop(
// CHECK: call i32 @gort_deferproc(ptr %defer.frame, ptr addrspace(1) %{{.*}}, ptr null)
func loop() {
	for i := 0; i < 3; i++ {
		defer work(i)
	}
}

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
