//===- test/unit/frontend/types_test.cpp - Types and the checker ----------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Type identity, assignability, representability and method sets, checked
// through small programs (the checker is the API that computes them).
//
//===----------------------------------------------------------------------===//

#include "frontend/check.h"
#include "frontend/parser.h"

#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace gortc;
using namespace gortc::types;

namespace {

struct Checked {
  SourceManager SM;
  syntax::AstContext Ast;
  TypeContext TCtx;
  Info I;
  std::string Errors;
  Object *lookup(llvm::StringRef Name) { return I.Pkg->PkgScope->lookup(Name); }
  Type *type(llvm::StringRef Name) { return lookup(Name)->type(); }
};

std::unique_ptr<Checked> check(llvm::StringRef Src) {
  auto C = std::make_unique<Checked>();
  const SourceFile &F = C->SM.addFile("x.go", Src.str());
  llvm::raw_string_ostream OS(C->Errors);
  DiagnosticEngine Diags(C->SM, OS);
  Diags.setErrorLimit(0);
  syntax::File *PF = syntax::parseFile(F, C->SM, C->Ast, Diags);
  if (PF) {
    Checker Ch(C->TCtx, Diags, C->SM);
    std::vector<syntax::File *> Files{PF};
    Ch.checkPackage("main", Files, C->I);
  }
  Diags.flush();
  return C;
}

TEST(Types, Identity) {
  auto C = check("package main\ntype T int\ntype U = int\n"
                 "var a []struct{ x int }\nvar b []struct{ x int }\n"
                 "var c []struct{ x int `tag` }\nfunc main() {}\n");
  ASSERT_EQ(C->Errors, "");
  EXPECT_FALSE(identical(C->type("T"), C->TCtx.basic(BasicKind::Int)));
  EXPECT_TRUE(identical(C->type("U"), C->TCtx.basic(BasicKind::Int)));
  EXPECT_TRUE(identical(C->type("a"), C->type("b")));
  EXPECT_FALSE(identical(C->type("a"), C->type("c")));
  EXPECT_TRUE(identicalIgnoreTags(C->type("a"), C->type("c")));
}

TEST(Types, AssignabilityErrors) {
  auto C = check("package main\ntype T int\nfunc main() {\n"
                 "\tvar t T = 1\n\tvar i int = t\n\t_ = i\n}\n");
  EXPECT_EQ(C->Errors, "x.go:5:14: cannot use t (variable of type T) as type "
                       "int in variable declaration\n");
}

TEST(Types, Representability) {
  auto C = check("package main\nfunc main() {\n\tvar b byte = 256\n"
                 "\tvar i int8 = 1.5\n\t_, _ = b, i\n}\n");
  EXPECT_EQ(C->Errors,
            "x.go:3:15: cannot use 256 (untyped int constant) as byte value "
            "in variable declaration (overflows)\n"
            "x.go:4:15: cannot use 1.5 (untyped float constant) as int8 value "
            "in variable declaration (truncated)\n");
}

TEST(Types, ConstantOverflow) {
  auto C = check("package main\nconst big = 1 << 600\nfunc main() {}\n");
  EXPECT_EQ(C->Errors, "x.go:2:15: constant shift overflow\n");
}

TEST(Types, MethodSets) {
  auto C = check("package main\ntype T struct{}\nfunc (T) V() {}\n"
                 "func (*T) P() {}\ntype E struct{ T }\ntype PE struct{ *T }\n"
                 "func main() {}\n");
  ASSERT_EQ(C->Errors, "");
  auto Names = [&](Type *T) {
    std::string S;
    for (const MethodSetEntry &E : methodSet(C->TCtx, T))
      S += E.Method->name().str();
    return S;
  };
  EXPECT_EQ(Names(C->type("T")), "V");
  Pointer PT(C->type("T"));
  EXPECT_EQ(Names(&PT), "PV");
  EXPECT_EQ(Names(C->type("E")), "V");
  EXPECT_EQ(Names(C->type("PE")), "PV");
}

TEST(Types, MissingMethodMessage) {
  auto C =
      check("package main\ntype I interface{ M() }\ntype T struct{}\n"
            "func (*T) M() {}\nfunc main() {\n\tvar i I = T{}\n\t_ = i\n}\n");
  EXPECT_EQ(C->Errors,
            "x.go:6:12: cannot use T{} (value of type T) as type I in "
            "variable declaration:\n\tT does not implement I (M method has "
            "pointer receiver)\n");
}

TEST(Types, UnusedVariablesAndImports) {
  auto C =
      check("package main\nimport \"unsafe\"\nfunc main() {\n\tx := 1\n}\n");
  EXPECT_EQ(C->Errors, "x.go:2:8: imported and not used: \"unsafe\"\n"
                       "x.go:4:2: x declared but not used\n");
}

TEST(Types, InitOrder) {
  auto C = check("package main\nvar a = b + 1\nvar b = f()\nvar c = 2\n"
                 "func f() int { return c }\nfunc main() {}\n");
  ASSERT_EQ(C->Errors, "");
  std::string Order;
  for (const Initializer &In : C->I.InitOrder)
    Order += In.Lhs[0]->name().str();
  EXPECT_EQ(Order, "cba");
}

TEST(Types, ObjectString) {
  auto C =
      check("package main\nvar v []string\nconst c = 1\nconst d int8 = 2\n"
            "type T struct{ a int }\ntype A = T\ntype N int\n"
            "func f(x int, s ...string) (bool, error) { return false, nil }\n"
            "func main() {}\n");
  ASSERT_EQ(C->Errors, "");
  auto Str = [&](const char *Name) {
    return objectString(C->lookup(Name), C->I.Pkg);
  };
  EXPECT_EQ(Str("v"), "var v []string");
  EXPECT_EQ(Str("c"), "const c untyped int");
  EXPECT_EQ(Str("d"), "const d int8");
  EXPECT_EQ(Str("T"), "type T struct{a int}");
  EXPECT_EQ(Str("A"), "type A = T");
  EXPECT_EQ(Str("N"), "type N int");
  EXPECT_EQ(Str("f"), "func f(x int, s ...string) (bool, error)");
}

TEST(Types, Sizes) {
  auto C = check("package main\ntype S struct{ a int8; b int64; c int8 }\n"
                 "type Z struct{ a int64; z struct{} }\nfunc main() {}\n");
  ASSERT_EQ(C->Errors, "");
  EXPECT_EQ(C->TCtx.sizeOf(C->type("S")), 24);
  // gc pads a trailing zero-size field.
  EXPECT_EQ(C->TCtx.sizeOf(C->type("Z")), 16);
}

} // namespace
