//===- frontend/parser.h - Go parser ----------------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A recursive-descent parser for the whole Go 1.19 grammar, type parameters
// included. It is a port of gc's parser (cmd/compile/internal/syntax/
// parser.go) so that syntax errors read exactly as gc's:
//   "syntax error: unexpected X, expecting Y"
// with gc's recovery (advance to a follow set, statement keywords as stop
// tokens inside function bodies). Each parse function carries its EBNF
// production. Functions named ...OrNull may return null; all others return
// a node (possibly a BadExpr).
//
// After each function body without syntax errors, checkBranches (branches.cpp,
// gc's branches.go) verifies labels and break/continue/goto/fallthrough.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_FRONTEND_PARSER_H
#define GORTC_FRONTEND_PARSER_H

#include "frontend/ast.h"
#include "frontend/diagnostics.h"
#include "frontend/scanner.h"

#include <functional>

namespace gortc {
namespace syntax {

/// Parses one file. Returns null if the package clause is missing or bad
/// (gc does not continue then); otherwise a File, even after errors.
///
/// With SkipFuncBodies, the bodies of functions and methods that are not
/// generic are stepped over unparsed (Scanner::skipBlock) and left empty,
/// with FuncDecl::BodySkipped set, and so are the elements of composite
/// literals outside functions, except [...]T ones (ElemsSkipped): what an
/// importer of a package whose code is already compiled needs is its
/// declarations (the build cache, tools/gortc/driver.cpp). Generic bodies
/// are parsed, since importers instantiate them.
File *parseFile(const SourceFile &Source, const SourceManager &SM,
                AstContext &Ctx, DiagnosticEngine &Diags,
                bool SkipFuncBodies = false);

/// Checks labels and branch statements of one function body (branches.cpp).
void checkBranches(BlockStmt *Body, DiagnosticEngine &Diags,
                   const SourceManager &SM);

} // namespace syntax
} // namespace gortc

#endif // GORTC_FRONTEND_PARSER_H
