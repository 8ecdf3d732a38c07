//===- test/unit/frontend/parser_test.cpp - Parser tests ------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#include "check_program.h"
#include "frontend/parser.h"

#include <gtest/gtest.h>

using namespace gortc;
using namespace gortc::syntax;
using llvm::cast;
using llvm::isa;

namespace {

using Parsed = gortc::testing::ParsedProgram;

std::unique_ptr<Parsed> parse(llvm::StringRef Src) {
  return gortc::testing::parseProgram(Src);
}

// gc type-checks after parser errors that are not "syntax error"s; the
// driver needs to tell them apart.
TEST(Parser, SyntaxErrorCount) {
  auto P = parse("package p\nfunc f() {\n\tgo x\n\t_ = 'ab'\n\t_ = s[1::2]\n"
                 "L:\n}\n");
  EXPECT_EQ(P->Errors, "x.go:3:5: expression in go must be function call\n"
                       "x.go:4:6: more than one character in rune literal\n"
                       "x.go:5:10: middle index required in 3-index slice\n");
  EXPECT_EQ(P->NumErrors, 3u);
  EXPECT_EQ(P->NumSyntaxErrors, 0u);
  P = parse("package p\nfunc f() {\n\tx := )\n\ty := ]\n}\n");
  EXPECT_EQ(P->NumSyntaxErrors, 2u);
}

/// The body statements of the first function.
llvm::ArrayRef<Stmt *> body(const Parsed &P) {
  for (Decl *D : P.F->Decls)
    if (auto *FD = llvm::dyn_cast<FuncDecl>(D))
      return FD->Body->List;
  return {};
}

TEST(Parser, Precedence) {
  auto P = parse("package p\nfunc f() { x = a + b*c == d || e && !f }\n");
  ASSERT_EQ(P->Errors, "");
  auto *A = cast<AssignStmt>(body(*P)[0]);
  EXPECT_EQ(exprString(A->Rhs), "a + b * c == d || e && !f");
  auto *Or = cast<Operation>(A->Rhs);
  EXPECT_EQ(Or->Op, Operator::OrOr);
  EXPECT_EQ(cast<Operation>(Or->X)->Op, Operator::Eql);
}

TEST(Parser, CompositeLiteralAmbiguity) {
  // In a for header, T{} is not a composite literal (xnest < 0).
  auto P = parse(
      "package p\nfunc f() { for x := range T{} {} ; if x == (T{}) {} }\n");
  EXPECT_NE(P->Errors, "");
  auto Q = parse("package p\nfunc f() { if x == (T{}) { } }\n");
  EXPECT_EQ(Q->Errors, "");
}

TEST(Parser, TypeParametersParse) {
  auto P =
      parse("package p\ntype List[T any] struct{ next *List[T] }\n"
            "func Map[T, U any](xs []T, f func(T) U) []U { return nil }\n");
  EXPECT_EQ(P->Errors, "");
  auto *TD = cast<TypeDecl>(P->F->Decls[0]);
  EXPECT_EQ(TD->TParams.size(), 1u);
  auto *FD = cast<FuncDecl>(P->F->Decls[1]);
  EXPECT_EQ(FD->TParams.size(), 2u);
}

TEST(Parser, ArrayTypeVersusTypeParams) {
  auto P = parse("package p\nconst N = 4\ntype A [N]int\n");
  EXPECT_EQ(P->Errors, "");
  auto *TD = cast<TypeDecl>(P->F->Decls[1]);
  EXPECT_TRUE(TD->TParams.empty());
  EXPECT_TRUE(isa<ArrayType>(TD->Type));
}

TEST(Parser, SyntaxErrorsReadLikeGc) {
  EXPECT_EQ(parse("package p\nfunc f() { x := }\n")->Errors,
            "x.go:2:17: syntax error: unexpected }, expecting expression\n");
  EXPECT_EQ(parse("package p\nfunc f() {\n\tif x { } else y\n}\n")->Errors,
            "x.go:3:16: syntax error: else must be followed by if or statement "
            "block\n");
  EXPECT_EQ(parse("package p\nx := 1\n")->Errors,
            "x.go:2:1: syntax error: non-declaration statement outside "
            "function body\n");
  EXPECT_EQ(parse("p\n")->Errors,
            "x.go:1:1: syntax error: package statement must be first\n");
  EXPECT_EQ(
      parse("package p\nfunc f() { for i := 0; i < 10; i++ {\n}\n")->Errors,
      "x.go:4:1: syntax error: unexpected EOF, expecting }\n");
}

TEST(Parser, OneSyntaxErrorPerLine) {
  auto P = parse("package p\nfunc f() { a b c d e }\n");
  EXPECT_EQ(std::count(P->Errors.begin(), P->Errors.end(), '\n'), 1);
}

TEST(Parser, ErrorLimit) {
  std::string Src = "package p\nfunc f() {\n";
  for (int I = 0; I < 20; ++I)
    Src += "\tx y\n";
  Src += "}\n";
  auto P = parse(Src);
  // 10 errors, then "too many errors".
  EXPECT_EQ(std::count(P->Errors.begin(), P->Errors.end(), '\n'), 11);
  EXPECT_NE(P->Errors.find("too many errors"), std::string::npos);
}

TEST(Parser, DeepNestingIsAnError) {
  std::string Src = "package p\nvar x = ";
  for (int I = 0; I < 5000; ++I)
    Src += "(";
  Src += "1";
  auto P = parse(Src);
  EXPECT_NE(P->Errors.find("nesting too deep"), std::string::npos);
}

TEST(Parser, Branches) {
  auto P = parse("package p\nfunc f() {\nL:\n\tfor {\n\t\tbreak M\n\t}\n}\n");
  EXPECT_EQ(P->Errors, "x.go:3:1: label L defined and not used\n"
                       "x.go:5:9: break label not defined: M\n");
}

} // namespace
