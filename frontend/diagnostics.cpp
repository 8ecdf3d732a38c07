//===- frontend/diagnostics.cpp - Diagnostic engine -----------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#include "frontend/diagnostics.h"

#include <algorithm>

using namespace gortc;

static const char *const Formats[] = {
#define DIAG(Name, Format) Format,
#include "frontend/diagnostic_kinds.def"
};

static const char *const Names[] = {
#define DIAG(Name, Format) #Name,
#include "frontend/diagnostic_kinds.def"
};

const char *gortc::diagFormat(DiagKind K) {
  return Formats[static_cast<unsigned>(K)];
}

const char *gortc::diagName(DiagKind K) {
  return Names[static_cast<unsigned>(K)];
}

bool DiagnosticEngine::sameLine(Pos A, Pos B) const {
  if (!A.isValid() || !B.isValid())
    return false;
  LineCol LA = SM.decode(A), LB = SM.decode(B);
  return LA.File == LB.File && LA.Line == LB.Line;
}

void DiagnosticEngine::add(Pos P, DiagKind K, std::string Msg) {
  if (Stopped)
    return;
  if (llvm::StringRef(Msg).starts_with("syntax error")) {
    // Only one syntax error per line, no matter what error.
    if (sameLine(LastSyntax, P))
      return;
    LastSyntax = P;
    ++NumSyntaxErrors;
  } else {
    if (sameLine(LastOther, P) && LastOtherMsg == Msg)
      return;
    LastOther = P;
    LastOtherMsg = Msg;
  }
  All.push_back({P, K, Msg});
  Pending.push_back({P, K, std::move(Msg)});
  ++NumErrors;
  if (Limit != 0 && NumErrors >= Limit) {
    flush();
    if (!Quiet)
      OS << SM.format(P) << ": too many errors\n";
    Stopped = true;
  }
}

void DiagnosticEngine::flush() {
  std::stable_sort(Pending.begin(), Pending.end(),
                   [&](const Entry &A, const Entry &B) {
                     LineCol LA = SM.decode(A.P), LB = SM.decode(B.P);
                     if (LA.File != LB.File)
                       return A.P < B.P;
                     if (LA.Line != LB.Line)
                       return LA.Line < LB.Line;
                     return LA.Col < LB.Col;
                   });
  std::string Last;
  for (const Entry &E : Pending) {
    std::string Line = SM.format(E.P) + ": " + E.Msg + "\n";
    if (Line == Last)
      continue;
    if (!Quiet)
      OS << Line;
    Last = std::move(Line);
  }
  OS.flush();
  Pending.clear();
}
