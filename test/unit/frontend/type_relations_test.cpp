//===- test/unit/frontend/type_relations_test.cpp - Type relations --------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Identity, comparability and default types through the types API, and
// assignability, convertibility and constant representability through small
// programs, whose diagnostics must be gc 1.19's (the expected messages were
// taken from `go build` of the same programs).
//
//===----------------------------------------------------------------------===//

#include "check_program.h"

#include <gtest/gtest.h>

using namespace gortc;
using namespace gortc::types;
using gortc::testing::checkMain;
using gortc::testing::checkProgram;

namespace {

TEST(TypeRelations, IdentityOfCompositeTypes) {
  auto C = checkProgram(R"(package main
type T int
type A = T
var (
	p1, p2 *int
	a3 [3]int
	a4 [4]int
	b3 [3]int
	s1 []string
	s2 []string
	c1 chan int
	c2 <-chan int
	c3 <-chan int
	f1 func(a int, b ...string) (r bool)
	f2 func(int, ...string) bool
	f3 func(int, []string) bool
	f4 func(int, ...string)
	st1 struct{ X int; y string }
	st2 struct{ X int; y string }
	st3 struct{ Y int; y string }
	st4 struct{ T }
	st5 struct{ T T }
	i1 interface{ M(); N(int) }
	i2 interface{ N(int); M() }
	i3 interface{ interface{ M() }; N(int) }
	i4 interface{ M() }
	e1 interface{}
	e2 any
	t T
	at A
	m1 map[string]int
	m2 map[string]int
	m3 map[string]int64
)
func main() {}
)");
  ASSERT_EQ(C->Errors, "");
  auto Same = [&](const char *X, const char *Y) {
    return identical(C->type(X), C->type(Y));
  };
  EXPECT_TRUE(Same("p1", "p2"));
  EXPECT_FALSE(Same("a3", "a4")); // lengths differ
  EXPECT_TRUE(Same("a3", "b3"));
  EXPECT_TRUE(Same("s1", "s2"));
  EXPECT_FALSE(Same("c1", "c2")); // directions differ
  EXPECT_TRUE(Same("c2", "c3"));
  EXPECT_TRUE(Same("f1", "f2"));  // parameter names do not matter
  EXPECT_FALSE(Same("f2", "f3")); // ...string is not []string
  EXPECT_FALSE(Same("f2", "f4")); // results differ
  EXPECT_TRUE(Same("st1", "st2"));
  EXPECT_FALSE(Same("st1", "st3")); // field names differ
  EXPECT_FALSE(Same("st4", "st5")); // embedded vs named field
  EXPECT_TRUE(Same("i1", "i2"));    // method order does not matter
  EXPECT_TRUE(Same("i1", "i3"));    // embedding is flattened
  EXPECT_FALSE(Same("i1", "i4"));
  EXPECT_TRUE(Same("e1", "e2")); // any is interface{}
  EXPECT_TRUE(Same("t", "at"));  // an alias denotes the same type
  EXPECT_FALSE(identical(C->type("t"), C->TCtx.basic(BasicKind::Int)));
  EXPECT_TRUE(Same("m1", "m2"));
  EXPECT_FALSE(Same("m1", "m3"));
  EXPECT_TRUE(identical(C->TCtx.byteType(), C->TCtx.basic(BasicKind::Uint8)));
  EXPECT_TRUE(identical(C->TCtx.runeType(), C->TCtx.basic(BasicKind::Int32)));
}

TEST(TypeRelations, Comparable) {
  auto C = checkProgram(R"(package main
type F func()
var (
	i int
	s string
	p *int
	sl []int
	m map[int]int
	f F
	e interface{}
	ok struct{ a int; b [2]string; c *int }
	bad struct{ a int; b []int }
	arr [2]func()
	ch chan int
)
func main() {}
)");
  ASSERT_EQ(C->Errors, "");
  for (const char *Name : {"i", "s", "p", "e", "ok", "ch"})
    EXPECT_TRUE(comparable(C->type(Name))) << Name;
  for (const char *Name : {"sl", "m", "f", "bad", "arr"})
    EXPECT_FALSE(comparable(C->type(Name))) << Name;
}

TEST(TypeRelations, DefaultTypes) {
  TypeContext Ctx;
  auto Default = [&](BasicKind K) {
    return llvm::cast<Basic>(defaultType(Ctx, Ctx.basic(K)))->basicKind();
  };
  EXPECT_EQ(Default(BasicKind::UntypedBool), BasicKind::Bool);
  EXPECT_EQ(Default(BasicKind::UntypedInt), BasicKind::Int);
  EXPECT_EQ(Default(BasicKind::UntypedRune), BasicKind::Int32);
  EXPECT_EQ(Default(BasicKind::UntypedFloat), BasicKind::Float64);
  EXPECT_EQ(Default(BasicKind::UntypedComplex), BasicKind::Complex128);
  EXPECT_EQ(Default(BasicKind::UntypedString), BasicKind::String);
  EXPECT_EQ(Default(BasicKind::Int8), BasicKind::Int8);
}

/// A declaration prelude, statements for main, and gc's diagnostics for
/// them ("" when the program is valid).
struct Case {
  const char *Decls;
  const char *Stmts;
  const char *Want;
};

void runCases(llvm::ArrayRef<Case> Cases) {
  for (const Case &K : Cases) {
    auto C = checkMain(K.Decls, K.Stmts);
    EXPECT_EQ(C->messages(), K.Want) << K.Decls << "\n" << K.Stmts;
  }
}

TEST(TypeRelations, Assignability) {
  runCases({
      {"type S []int", "var s S = []int{1}; _ = s", ""},
      {"type S []int\ntype U []int", "var u U; var s S = u; _ = s",
       "cannot use u (variable of type U) as type S in variable declaration"},
      {"type P *int", "var p P = new(int); _ = p", ""},
      {"type I interface{ M() }\ntype T struct{}\nfunc (T) M() {}",
       "var i I = T{}; _ = i", ""},
      {"type I interface{ M() }\ntype T struct{}\nfunc (*T) M() {}",
       "var i I = &T{}; _ = i", ""},
      {"type I interface{ M() }\ntype J interface{ M(); N() }",
       "var j J; var i I = j; _ = i", ""},
      {"type I interface{ M() }\ntype J interface{ M(); N() }",
       "var i I; var j J = i; _ = j",
       "cannot use i (variable of type I) as type J in variable "
       "declaration:\n\tI does not implement J (missing N method)"},
      {"", "var c <-chan int = make(chan int); _ = c", ""},
      {"", "var c chan int = make(<-chan int); _ = c",
       "cannot use make(<-chan int) (value of type <-chan int) as type chan "
       "int in variable declaration"},
      {"type C chan int", "var c C = make(chan int); _ = c", ""},
      {"", "var f func(int) = func(x int) {}; _ = f", ""},
      {"", "var f func(int) = func(x int) int { return x }; _ = f",
       "cannot use func(x int) int {…} (value of type func(x int) int) as type "
       "func(int) in variable declaration"},
      {"",
       "var p *int = nil; var s []int = nil; var m map[int]int = nil; var c "
       "chan int = nil; var f func() = nil; var e error = nil; _, _, _, _, _, "
       "_ = p, s, m, c, f, e",
       ""},
      {"", "var i int = nil; _ = i",
       "cannot use nil as int value in variable declaration"},
      {"", "var s string = nil; _ = s",
       "cannot use nil as string value in variable declaration"},
      {"type T struct{ a int }", "var t T = struct{ a int }{1}; _ = t", ""},
      {"type T struct{ a int }", "var t T = struct{ a int `tag` }{1}; _ = t",
       "cannot use struct{a int `tag`}{…} (value of type struct{a int "
       "\"tag\"}) as type T in variable declaration"},
      {"type MyInt int", "var m MyInt = 5; var i int = m; _ = i",
       "cannot use m (variable of type MyInt) as type int in variable "
       "declaration"},
      {"", "var a [3]int = [4]int{}; _ = a",
       "cannot use [4]int{} (value of type [4]int) as type [3]int in variable "
       "declaration"},
      {"", "var e interface{} = []int{1}; _ = e", ""},
      {"", "var b byte = 'a'; var r rune = b; _ = r",
       "cannot use b (variable of type byte) as type rune in variable "
       "declaration"},
      {"", "var x float64 = 1; var y float32 = x; _ = y",
       "cannot use x (variable of type float64) as type float32 in variable "
       "declaration"},
  });
}

TEST(TypeRelations, Convertibility) {
  runCases({
      {"", "x := 3.7; _ = int(x)", ""},
      {"", "x := 65; _ = string(rune(x))", ""},
      {"", "x := 65; _ = string(x)", ""},
      {"",
       "_ = []byte(\"abc\"); _ = []rune(\"abc\"); _ = string([]byte{65}); _ = "
       "string([]rune{65})",
       ""},
      {"type B []byte", "_ = string(B{65}); _ = B(\"x\")", ""},
      {"", "x := 1.5; _ = string(x)",
       "cannot convert x (variable of type float64) to type string"},
      {"", "_ = []int64([]int{1})",
       "cannot convert []int{…} (value of type []int) to type []int64"},
      {"type T struct{ a int `json:\"a\"` }\ntype U struct{ a int }",
       "_ = U(T{}); _ = (*U)(&T{})", ""},
      {"type T struct{ a int }\ntype U struct{ b int }", "_ = U(T{})",
       "cannot convert T{} (value of type T) to type U"},
      {"import \"unsafe\"",
       "x := 1; p := unsafe.Pointer(&x); _ = (*float64)(p); _ = uintptr(p); _ "
       "= unsafe.Pointer(uintptr(p))",
       ""},
      {"", "s := []int{1, 2}; _ = (*[2]int)(s)", ""},
      {"", "s := []int{1, 2}; _ = [2]int(s)",
       "cannot convert s (variable of type []int) to type [2]int"},
      {"", "var p *int; _ = (*float64)(p)",
       "cannot convert p (variable of type *int) to type *float64"},
      {"type I interface{ M() }", "var e interface{}; _ = I(e)",
       "cannot convert e (variable of type interface{}) to type "
       "I:\n\tinterface{} does not implement I (missing M method)"},
      {"", "_ = int8(200)",
       "cannot convert 200 (untyped int constant) to type int8"},
      {"", "_ = uint(-1)",
       "cannot convert -1 (untyped int constant) to type uint"},
      {"", "_ = float32(1e100)",
       "cannot convert 1e100 (untyped float constant 1e+100) to type float32"},
      {"", "_ = int(1e10); _ = int32(1e10)",
       "cannot convert 1e10 (untyped float constant 10000000000) to type "
       "int32"},
      {"", "_ = string(65.0)",
       "cannot convert 65.0 (untyped float constant 65) to type string"},
      {"", "var b bool; _ = int(b)",
       "cannot convert b (variable of type bool) to type int"},
      {"", "c := 1 + 2i; _ = float64(c)",
       "cannot convert c (variable of type complex128) to type float64"},
      {"", "_ = complex64(1 + 2i); _ = complex128(complex64(1))", ""},
  });
}

TEST(TypeRelations, ConstantRepresentability) {
  runCases({
      {"", "var a int8 = 127; var b int8 = -128; _, _ = a, b", ""},
      {"", "var a int8 = 128; _ = a",
       "cannot use 128 (untyped int constant) as int8 value in variable "
       "declaration (overflows)"},
      {"", "var a int8 = -129; _ = a",
       "cannot use -129 (untyped int constant) as int8 value in variable "
       "declaration (overflows)"},
      {"", "var u uint8 = -1; _ = u",
       "cannot use -1 (untyped int constant) as uint8 value in variable "
       "declaration (overflows)"},
      {"", "var u uint64 = 1<<64 - 1; _ = u", ""},
      {"", "var u uint64 = 1 << 64; _ = u",
       "cannot use 1 << 64 (untyped int constant 18446744073709551616) as "
       "uint64 value in variable declaration (overflows)"},
      {"", "var i int = 1.0; var j int = 1e3; _, _ = i, j", ""},
      {"", "var i int = 1.5; _ = i",
       "cannot use 1.5 (untyped float constant) as int value in variable "
       "declaration (truncated)"},
      {"", "var f float32 = 1e39; _ = f",
       "cannot use 1e39 (untyped float constant 1e+39) as float32 value in "
       "variable declaration (overflows)"},
      {"", "var f float32 = 1e-50; _ = f", ""},
      {"", "var f float64 = 1i; _ = f",
       "cannot use 1i (untyped complex constant (0 + 1i)) as float64 value in "
       "variable declaration (overflows)"},
      {"", "var f float64 = 2 + 0i; _ = f", ""},
      {"", "var b byte = 'é'; _ = b", ""},
      {"", "var b byte = '世'; _ = b",
       "cannot use '世' (untyped rune constant 19990) as byte value in "
       "variable declaration (overflows)"},
      {"", "var i int = \"s\"; _ = i",
       "cannot use \"s\" (untyped string constant) as int value in variable "
       "declaration"},
      {"", "var s string = 'a'; _ = s",
       "cannot use 'a' (untyped rune constant 97) as string value in variable "
       "declaration"},
      {"", "var r rune = 0x10FFFF + 1; _ = r", ""},
      {"", "const c int16 = 1 << 15; _ = c",
       "cannot use 1 << 15 (untyped int constant 32768) as int16 value in "
       "constant declaration (overflows)"},
      {"", "const c = uint8(1) << 8; _ = c",
       "uint8(1) << 8 (constant 256 of type uint8) overflows uint8"},
      {"", "var x uintptr = -1; _ = x",
       "cannot use -1 (untyped int constant) as uintptr value in variable "
       "declaration (overflows)"},
      {"", "var c complex64 = 1e40; _ = c",
       "cannot use 1e40 (untyped float constant 1e+40) as complex64 value in "
       "variable declaration (overflows)"},
  });
}

} // namespace
