// RUN: %gortc -O0 --emit=llvm -o - %s > %t.ll
// RUN: FileCheck %s < %t.ll
// RUN: FileCheck %s --check-prefix=DECL < %t.ll
// Index and slice expressions compare unsigned against len/cap and call
// gort_panicBounds(x, y, code) on failure, with gc's boundsErrorCode order
// in the low byte and 0x100 for a signed x (libgort/bounds.h). Constant
// indices into arrays are checked at compile time and need no check.
package main

// CHECK-LABEL: define internal i64 @main.index(
// CHECK:         [[LEN:%.*]] = extractvalue { ptr addrspace(1), i64, i64 } %{{.*}}, 1
// CHECK-NEXT:    [[OOB:%.*]] = icmp uge i64 [[I:%.*]], [[LEN]]
// CHECK-NEXT:    br i1 [[OOB]], label %[[PANIC:[a-z0-9.]+]], label %[[OK:[a-z0-9.]+]], {{.*}}!prof
// CHECK:       [[PANIC]]:
// CHECK-NEXT:    call void @gort_panicBounds(i64 [[I]], i64 [[LEN]], i32 256)
// CHECK-NEXT:    unreachable
// CHECK:       [[OK]]:
// CHECK:         getelementptr i64, ptr addrspace(1) %{{.*}}, i64 [[I]]
func index(s []int, i int) int { return s[i] }

// An unsigned index is zero-extended and reported unsigned (code 0).
// CHECK-LABEL: define internal i8 @main.strIndex(
// CHECK:         [[X:%.*]] = zext i8 %{{.*}} to i64
// CHECK:         icmp uge i64 [[X]], %len
// CHECK:         call void @gort_panicBounds(i64 [[X]], i64 %len, i32 0)
func strIndex(s string, i uint8) byte { return s[i] }

// Arrays compare against their constant length.
// CHECK-LABEL: define internal i64 @main.arrayIndex(
// CHECK:         icmp uge i64 [[I:%.*]], 4
// CHECK:         call void @gort_panicBounds(i64 [[I]], i64 4, i32 256)
func arrayIndex(a *[4]int, i int) int { return a[i] }

// CHECK-LABEL: define internal i64 @main.constIndex(
// CHECK-NOT:     gort_panicBounds
// CHECK:         ret i64
func constIndex(a [4]int) int { return a[3] }

// s[i:j] checks j <= cap (SliceAcap = 2), then i <= j (SliceB = 3).
// CHECK-LABEL: define internal { ptr addrspace(1), i64, i64 } @main.slice(
// CHECK:         [[CAP:%.*]] = extractvalue { ptr addrspace(1), i64, i64 } %{{.*}}, 2
// CHECK:         icmp ugt i64 [[J:%.*]], [[CAP]]
// CHECK:         call void @gort_panicBounds(i64 [[J]], i64 [[CAP]], i32 258)
// CHECK:         icmp ugt i64 [[I:%.*]], [[J]]
// CHECK:         call void @gort_panicBounds(i64 [[I]], i64 [[J]], i32 259)
func slice(s []int, i, j int) []int { return s[i:j] }

// s[i:j:k] checks k <= cap (5), j <= k (6), i <= j (7).
// CHECK-LABEL: define internal { ptr addrspace(1), i64, i64 } @main.slice3(
// CHECK:         call void @gort_panicBounds(i64 %{{.*}}, i64 %{{.*}}, i32 261)
// CHECK:         call void @gort_panicBounds(i64 %{{.*}}, i64 %{{.*}}, i32 262)
// CHECK:         call void @gort_panicBounds(i64 %{{.*}}, i64 %{{.*}}, i32 263)
func slice3(s []int, i, j, k int) []int { return s[i:j:k] }

// Strings are checked against their length (SliceAlen = 1).
// CHECK-LABEL: define internal { ptr addrspace(1), i64 } @main.substr(
// CHECK:         call void @gort_panicBounds(i64 %{{.*}}, i64 %{{.*}}, i32 257)
func substr(s string, j int) string { return s[:j] }

// The panic helper is known not to return, and calls to it are never merged
// (each keeps its line for tracebacks).
// DECL: declare void @gort_panicBounds(i64, i64, i32) [[ATTR:#[0-9]+]]
// DECL: attributes [[ATTR]] = { cold nomerge noreturn nounwind }

func main() {
	_, _, _, _, _, _, _ = index(nil, 0), strIndex("", 0), arrayIndex(nil, 0), constIndex([4]int{}), slice(nil, 0, 0), slice3(nil, 0, 0, 0), substr("", 0)
}
