//===- test/unit/frontend/check_program.h - Test programs ------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Parses (and type-checks) a one-file program for the frontend unit tests,
// and gives access to its syntax tree or package-level objects and its
// diagnostics.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_TEST_UNIT_FRONTEND_CHECK_PROGRAM_H
#define GORTC_TEST_UNIT_FRONTEND_CHECK_PROGRAM_H

#include "frontend/check.h"
#include "frontend/parser.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>

namespace gortc {
namespace testing {

/// A parsed file "x.go" and what the parser reported.
struct ParsedProgram {
  SourceManager SM;
  syntax::AstContext Ctx;
  std::string Errors; ///< as printed: "x.go:line:col: message\n..."
  syntax::File *F = nullptr;
  unsigned NumErrors = 0, NumSyntaxErrors = 0;
};

inline std::unique_ptr<ParsedProgram>
parseProgram(llvm::StringRef Src, bool SkipFuncBodies = false) {
  auto P = std::make_unique<ParsedProgram>();
  const SourceFile &SF = P->SM.addFile("x.go", Src.str());
  llvm::raw_string_ostream OS(P->Errors);
  DiagnosticEngine Diags(P->SM, OS);
  P->F = syntax::parseFile(SF, P->SM, P->Ctx, Diags, SkipFuncBodies);
  Diags.flush();
  P->NumErrors = Diags.errorCount();
  P->NumSyntaxErrors = Diags.syntaxErrorCount();
  return P;
}

struct CheckedProgram {
  SourceManager SM;
  syntax::AstContext Ast;
  types::TypeContext TCtx;
  types::Info I;
  std::string Errors; ///< as printed: "x.go:line:col: message\n..."

  types::Object *lookup(llvm::StringRef Name) {
    return I.Pkg->PkgScope->lookup(Name);
  }
  types::Type *type(llvm::StringRef Name) { return lookup(Name)->type(); }

  /// The diagnostics without their "x.go:line:col: " prefixes (continuation
  /// lines are kept as they are), joined by newlines.
  std::string messages() const {
    std::string Out;
    llvm::StringRef Rest(Errors);
    while (!Rest.empty()) {
      auto [Line, Tail] = Rest.split('\n');
      Rest = Tail;
      if (Line.consume_front("x.go:")) {
        // Drop "line:col: ".
        Line = Line.split(':').second.split(':').second.drop_front();
      }
      if (!Out.empty())
        Out += "\n";
      Out += Line.str();
    }
    return Out;
  }
};

/// Parses and checks one file "x.go" of package main. DeclsOnly parses and
/// checks it as the driver does an imported package whose code is in the
/// build cache (parseFile's SkipFuncBodies, Checker::DeclsOnly).
inline std::unique_ptr<CheckedProgram> checkProgram(llvm::StringRef Src,
                                                    bool DeclsOnly = false) {
  auto C = std::make_unique<CheckedProgram>();
  const SourceFile &F = C->SM.addFile("x.go", Src.str());
  llvm::raw_string_ostream OS(C->Errors);
  DiagnosticEngine Diags(C->SM, OS);
  Diags.setErrorLimit(0);
  syntax::File *PF = syntax::parseFile(F, C->SM, C->Ast, Diags, DeclsOnly);
  if (PF && !Diags.hasErrors()) {
    types::Checker Ch(C->TCtx, Diags, C->SM);
    Ch.DeclsOnly = DeclsOnly;
    std::vector<syntax::File *> Files{PF};
    Ch.checkPackage("main", Files, C->I);
  }
  Diags.flush();
  return C;
}

/// Checks `package main` + Decls + `func main() { Stmts }`.
inline std::unique_ptr<CheckedProgram> checkMain(llvm::StringRef Decls,
                                                 llvm::StringRef Stmts) {
  return checkProgram("package main\n" + Decls.str() + "\nfunc main() {\n\t" +
                      Stmts.str() + "\n}\n");
}

} // namespace testing
} // namespace gortc

#endif // GORTC_TEST_UNIT_FRONTEND_CHECK_PROGRAM_H
