//===- fuzz/frontend_fuzzer.cpp - libFuzzer target for the frontend -------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Feeds arbitrary bytes to the scanner, parser and type checker, as
// `gortc build -fsyntax-only` would, and once more as for an imported
// package from the build cache (bodies skipped, declarations only).
// Malformed input must end in
// diagnostics: a crash, an assertion failure, a sanitizer report or a hang
// (libFuzzer's -timeout) is a bug. Built with clang-19
// -fsanitize=fuzzer,address; run by utils/test.sh for a bounded time over
// the seed corpus in fuzz/corpus.
//
//===----------------------------------------------------------------------===//

#include "frontend/check.h"
#include "frontend/parser.h"

#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>

using namespace gortc;

/// One parse and check; SkipBodies as for a package from the build cache
/// (parseFile's SkipFuncBodies, Checker::DeclsOnly).
static void parseAndCheck(const uint8_t *Data, size_t Size, bool SkipBodies) {
  SourceManager SM;
  const SourceFile &F = SM.addFile(
      "fuzz.go", std::string(reinterpret_cast<const char *>(Data), Size));
  std::string Errors;
  llvm::raw_string_ostream OS(Errors);
  DiagnosticEngine Diags(SM, OS);
  syntax::AstContext Ast;
  syntax::File *PF = syntax::parseFile(F, SM, Ast, Diags, SkipBodies);
  if (PF && !Diags.hasErrors()) {
    types::TypeContext TCtx;
    types::Checker Checker(TCtx, Diags, SM);
    Checker.DeclsOnly = SkipBodies;
    types::Info Info;
    std::vector<syntax::File *> Files{PF};
    Checker.checkPackage("main", Files, Info);
  }
  Diags.flush();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  parseAndCheck(Data, Size, /*SkipBodies=*/false);
  parseAndCheck(Data, Size, /*SkipBodies=*/true);
  return 0;
}
