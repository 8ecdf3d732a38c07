// RUN: %gortc -O0 --emit=llvm -o - %s > %t.ll
// RUN: FileCheck %s < %t.ll
// RUN: FileCheck %s --check-prefix=WRAP < %t.ll
// RUN: FileCheck %s --check-prefix=LINK < %t.ll
// Converting a concrete type to a non-empty interface uses a static itab
// {interface type, concrete type, hash, _, methods in name order}; a method
// call through an interface loads the function from the itab and passes the
// data word as receiver. Value-receiver methods get wrappers taking the
// boxed value. An itab names a method's code through a gort.mref symbol,
// which the link binds to it or to gort_unreachableMethod if no kept code
// calls the method dynamically (codegen/linkinfo.cpp), unless the code is
// local to the object: package main's own methods. The package's link
// summary lists each such entry with its code and key, and each
// interface call's key.
package main

type I interface {
	N()
	M() int
}

type T struct{ A int }

func (t *T) M() int { return t.A }
func (t *T) N()     {}

type V int

func (v V) M() int { return int(v) }
func (v V) N()     {}

// CHECK-DAG: @"go:itab.*main.T,main.I" = linkonce_odr constant { ptr, ptr, i32, i32, [2 x ptr] } { ptr @"type:main.I", ptr @"type:*main.T", i32 {{-?[0-9]+}}, i32 0, [2 x ptr] [ptr @"main.(*T).M", ptr @"main.(*T).N"] }
// CHECK-DAG: @"go:itab.main.V,main.I" = linkonce_odr constant { ptr, ptr, i32, i32, [2 x ptr] } { ptr @"type:main.I", ptr @"type:main.V", i32 {{-?[0-9]+}}, i32 0, [2 x ptr] [ptr @gort.mref.{{[0-9a-f]+}}, ptr @gort.mref.{{[0-9a-f]+}}] }
// LINK: @gort.linkinfo = private constant [{{[0-9]+}} x i8] c"gortc-linkinfo-1\00{{.*}}Nmain\01main.call\00{{.*}}IM\00{{.*}}Ngo:itab.main.V,main.I\00Etype:main.I\00Etype:main.V\00Mgort.mref.{{[0-9a-f]+}}\00main.V.M\C2\B7i\00M\00Mgort.mref.{{[0-9a-f]+}}\00main.V.N\C2\B7i\00N\00{{.*}}", section ".gort_linkinfo"{{.*}}!exclude

// CHECK-LABEL: define internal { ptr, ptr addrspace(1) } @main.fromPtr(
// CHECK:         insertvalue { ptr, ptr addrspace(1) } { ptr @"go:itab.*main.T,main.I", ptr addrspace(1) undef }, ptr addrspace(1) %{{.*}}, 1
func fromPtr(t *T) I { return t }

// A value that does not fit the data word is boxed on the heap.
// CHECK-LABEL: define internal { ptr, ptr addrspace(1) } @main.fromVal(
// CHECK:         [[BOX:%.*]] = call ptr addrspace(1) @gort_newobject(ptr @"type:main.V")
// CHECK:         insertvalue { ptr, ptr addrspace(1) } { ptr @"go:itab.main.V,main.I", ptr addrspace(1) undef }, ptr addrspace(1) [[BOX]], 1
func fromVal(v V) I { return v }

// M is the first method in name order: itab slot 0, at offset 24.
// CHECK-LABEL: define internal i64 @main.call(
// CHECK:         [[ITAB:%.*]] = extractvalue { ptr, ptr addrspace(1) } %{{.*}}, 0
// CHECK:         [[SLOT:%.*]] = getelementptr i8, ptr [[ITAB]], i64 24
// CHECK:         [[FN:%.*]] = load ptr, ptr [[SLOT]]
// CHECK:         [[DATA:%.*]] = extractvalue { ptr, ptr addrspace(1) } %{{.*}}, 1
// CHECK:         call i64 [[FN]](ptr {{.*}}, ptr addrspace(1) [[DATA]])
func call(i I) int { return i.M() }

// The wrapper loads the value from the box and calls the method.
// WRAP-LABEL: define linkonce_odr i64 @"main.V.M{{[^"]*}}"(ptr %ctx, ptr addrspace(1) %0)
// WRAP:         [[V:%.*]] = load i64, ptr addrspace(1)
// WRAP:         call i64 @main.V.M(ptr {{.*}}, i64 [[V]])

func main() {
	_, _ = call(fromPtr(&T{1})), call(fromVal(2))
}
