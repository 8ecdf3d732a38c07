//===- frontend/diagnostics.h - Diagnostic engine ---------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// User-facing errors, reported the way gc reports them
// (cmd/compile/internal/base/print.go):
//   - the format is exactly `file:line:col: message`;
//   - diagnostics are buffered and, when flushed, stable-sorted by position
//     with identical lines dropped;
//   - at most one syntax error per line, and one copy of an identical
//     non-syntax error per line;
//   - after 10 errors the buffered ones are printed followed by
//     `file:line:col: too many errors` at the tenth, and no more are taken
//     (unless the limit is disabled, gc's -e).
// Every kind of diagnostic is declared once in diagnostic_kinds.def with its
// gc wording; report() formats its arguments with llvm::formatv.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_FRONTEND_DIAGNOSTICS_H
#define GORTC_FRONTEND_DIAGNOSTICS_H

#include "frontend/source.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace gortc {

enum class DiagKind : uint16_t {
#define DIAG(Name, Format) Name,
#include "frontend/diagnostic_kinds.def"
};

/// The format string of a diagnostic kind.
const char *diagFormat(DiagKind K);
/// The enumerator name of a diagnostic kind (for tests and tools).
const char *diagName(DiagKind K);

class DiagnosticEngine {
public:
  explicit DiagnosticEngine(const SourceManager &SM,
                            llvm::raw_ostream &OS = llvm::errs())
      : SM(SM), OS(OS) {}

  template <typename... Ts> void report(Pos P, DiagKind K, Ts &&...Args) {
    if constexpr (sizeof...(Ts) == 0)
      add(P, K, diagFormat(K));
    else
      add(P, K, llvm::formatv(diagFormat(K), std::forward<Ts>(Args)...).str());
  }

  /// Reports a fully formatted message (for internal compiler errors and
  /// tool-boundary failures).
  void reportRaw(Pos P, std::string Msg) {
    add(P, DiagKind::Raw, std::move(Msg));
  }

  unsigned errorCount() const { return NumErrors; }
  bool hasErrors() const { return NumErrors != 0; }
  /// Errors whose message starts with "syntax error". gc type-checks a
  /// package after other parser errors (scanner errors, misplaced labels,
  /// "expression in go must be function call", ...) but not after these
  /// (base.SyntaxErrors in cmd/compile).
  unsigned syntaxErrorCount() const { return NumSyntaxErrors; }
  /// True once the error limit was hit: callers may stop early.
  bool stopped() const { return Stopped; }
  void setErrorLimit(unsigned N) { Limit = N; }

  /// Prints the buffered diagnostics, sorted, and clears the buffer.
  void flush();

  /// The diagnostics reported so far, unsorted (for -verify and tests).
  struct Entry {
    Pos P;
    DiagKind Kind;
    std::string Msg;
  };
  const std::vector<Entry> &entries() const { return All; }
  /// Keep diagnostics instead of printing them (-verify).
  void setQuiet(bool Q) { Quiet = Q; }

private:
  void add(Pos P, DiagKind K, std::string Msg);
  bool sameLine(Pos A, Pos B) const;

  const SourceManager &SM;
  llvm::raw_ostream &OS;
  std::vector<Entry> Pending;
  std::vector<Entry> All;
  Pos LastSyntax, LastOther;
  std::string LastOtherMsg;
  unsigned NumErrors = 0;
  unsigned NumSyntaxErrors = 0;
  unsigned Limit = 10;
  bool Stopped = false;
  bool Quiet = false;
};

} // namespace gortc

#endif // GORTC_FRONTEND_DIAGNOSTICS_H
