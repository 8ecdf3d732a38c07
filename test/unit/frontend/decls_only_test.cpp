//===- test/unit/frontend/decls_only_test.cpp - Declarations only ---------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// An imported package whose code is in the build cache is parsed without
// its function bodies and package-level literal values (parseFile's
// SkipFuncBodies, Scanner::skipBlock) and checked for its declarations
// only (Checker::DeclsOnly). These tests check what is skipped, what is
// kept, and that the declarations' types are those of a full check.
//
//===----------------------------------------------------------------------===//

#include "check_program.h"
#include "frontend/parser.h"

#include <gtest/gtest.h>

using namespace gortc;
using namespace gortc::syntax;
using llvm::cast;
using llvm::dyn_cast;

namespace {

FuncDecl *funcNamed(File *F, llvm::StringRef Name) {
  for (Decl *D : F->Decls)
    if (auto *FD = dyn_cast<FuncDecl>(D); FD && FD->N->Value == Name)
      return FD;
  return nullptr;
}

/// The value of the package-level `var Name = ...`, parentheses and & off.
Expr *varValue(File *F, llvm::StringRef Name) {
  for (Decl *D : F->Decls)
    if (auto *VD = dyn_cast<VarDecl>(D); VD && VD->Names[0]->Value == Name) {
      Expr *E = unparen(VD->Values);
      if (auto *O = dyn_cast<Operation>(E); O && O->Op == Operator::And)
        E = unparen(O->X);
      return E;
    }
  return nullptr;
}

// Braces in strings, runes, raw strings and comments do not count; the
// scanner resumes after the body as if it had scanned it.
const char *const Src = R"(package p

func f() int {
	s := "}{\"}"
	r := '}'
	q := '\''
	x := `}}
{`
	/* } */ // }
	if len(s) > 0 { { } }
	return len(s+x) + int(r) + int(q)
}

func g[T any](x T) T { return x }

type L[T any] struct{ v T }

func (l *L[T]) m() T { return l.v }
func (l L[T]) n() int { return 1 }

type S struct{ a int }

func (s S) h() int { return s.a }

var v = S{a: 1}
var w = [...]int{1, 2, 3}
var k = [...]string{4: "}"}
var z = map[string]int{"}": 1, "{": 2}
var ps = &S{a: 2}
var fl = func() int { return len("{") }
var pick = [2]int{5, 6}[1]
var typed []int = []int{1}

func last() int { return 0 }
)";

TEST(DeclsOnly, ParserSkipsBodiesAndLiteralValues) {
  auto P = gortc::testing::parseProgram(Src, /*SkipFuncBodies=*/true);
  ASSERT_EQ(P->Errors, "");
  File *F = P->F;
  for (const char *Name : {"f", "h", "last"}) {
    FuncDecl *FD = funcNamed(F, Name);
    ASSERT_TRUE(FD) << Name;
    EXPECT_TRUE(FD->BodySkipped) << Name;
    ASSERT_TRUE(FD->Body) << Name; // it has a body, just not parsed
    EXPECT_TRUE(FD->Body->List.empty()) << Name;
  }
  // Generic bodies are kept: importers instantiate them.
  for (const char *Name : {"g", "m", "n"}) {
    FuncDecl *FD = funcNamed(F, Name);
    ASSERT_TRUE(FD) << Name;
    EXPECT_FALSE(FD->BodySkipped) << Name;
    EXPECT_EQ(FD->Body->List.size(), 1u) << Name;
  }
  for (const char *Name : {"v", "z", "ps", "typed"}) {
    auto *Lit = dyn_cast<CompositeLit>(varValue(F, Name));
    ASSERT_TRUE(Lit) << Name;
    EXPECT_TRUE(Lit->ElemsSkipped) << Name;
    EXPECT_TRUE(Lit->Elems.empty()) << Name;
  }
  // [...]T{...} literals are kept: their elements give the length.
  auto *W = cast<CompositeLit>(varValue(F, "w"));
  EXPECT_FALSE(W->ElemsSkipped);
  EXPECT_EQ(W->Elems.size(), 3u);
  auto *K = cast<CompositeLit>(varValue(F, "k"));
  EXPECT_FALSE(K->ElemsSkipped);
  EXPECT_EQ(K->NKeys, 1u);
  auto *Fl = cast<FuncLit>(varValue(F, "fl"));
  EXPECT_EQ(Fl->Body->List.size(), 1u);
}

TEST(DeclsOnly, ParserWithoutSkippingKeepsEverything) {
  auto P = gortc::testing::parseProgram(Src);
  ASSERT_EQ(P->Errors, "");
  EXPECT_FALSE(funcNamed(P->F, "f")->BodySkipped);
  EXPECT_EQ(funcNamed(P->F, "f")->Body->List.size(), 6u);
  EXPECT_FALSE(cast<CompositeLit>(varValue(P->F, "z"))->ElemsSkipped);
}

// A body that does not end in the file is parsed as usual, so its error is
// the one a full parse reports.
TEST(DeclsOnly, UnterminatedBodyIsParsed) {
  const char *Bad = "package p\nfunc f() {\n\tx := 1\n";
  auto Skip = gortc::testing::parseProgram(Bad, /*SkipFuncBodies=*/true);
  auto Full = gortc::testing::parseProgram(Bad);
  EXPECT_NE(Full->Errors, "");
  EXPECT_EQ(Skip->Errors, Full->Errors);
  const char *Quote = "package p\nfunc f() { s := \"}\n}\n";
  EXPECT_EQ(gortc::testing::parseProgram(Quote, true)->Errors,
            gortc::testing::parseProgram(Quote)->Errors);
}

// The declarations' types are those of a full check, without the bodies.
TEST(DeclsOnly, CheckerGivesTheDeclaredTypes) {
  std::string Main = std::string(Src) + "\nfunc main() {}\n";
  llvm::StringRef Text(Main);
  std::string AsMain = ("package main" + Text.drop_front(9)).str();
  auto Full = gortc::testing::checkProgram(AsMain);
  auto Decls = gortc::testing::checkProgram(AsMain, /*DeclsOnly=*/true);
  ASSERT_EQ(Full->Errors, "");
  ASSERT_EQ(Decls->Errors, "");
  for (const char *Name :
       {"v", "w", "k", "z", "ps", "fl", "pick", "typed", "f", "g", "last"}) {
    types::Type *A = Full->type(Name), *B = Decls->type(Name);
    ASSERT_TRUE(A && B) << Name;
    EXPECT_EQ(types::typeString(A), types::typeString(B)) << Name;
  }
  EXPECT_EQ(types::typeString(Decls->type("w")), "[3]int");
  EXPECT_EQ(types::typeString(Decls->type("k")), "[5]string");
  EXPECT_EQ(types::typeString(Decls->type("ps")), "*main.S");
}

} // namespace
