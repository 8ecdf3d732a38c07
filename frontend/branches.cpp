//===- frontend/branches.cpp - Labels and branch statements ---------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// checkBranches verifies the use of labels and of break, continue,
// fallthrough and goto in one function body, and records on every
// BranchStmt the statement it targets (Target), which codegen uses. A port
// of gc's syntax/branches.go, so that the messages and positions match:
//   - misplaced breaks, continues and fallthroughs;
//   - bad labeled breaks and continues;
//   - invalid, unused, duplicate and missing labels;
//   - gotos jumping over variable declarations and into blocks.
//
//===----------------------------------------------------------------------===//

#include "frontend/parser.h"

#include "llvm/ADT/MapVector.h"

using namespace gortc;
using namespace gortc::syntax;
using llvm::cast;
using llvm::dyn_cast;
using llvm::isa;

namespace {

struct Block {
  Block *Parent;      ///< immediately enclosing block, or null
  Pos Start;          ///< start of block
  LabeledStmt *LStmt; ///< labeled statement associated with this block
};

struct Label {
  Block *Parent;      ///< block containing this label declaration
  LabeledStmt *LStmt; ///< statement declaring the label
  bool Used = false;
};

struct Targets {
  Stmt *Breaks = nullptr;       ///< ForStmt, SwitchStmt, SelectStmt or null
  ForStmt *Continues = nullptr; ///< or null
  int CaseIndex = -1;           ///< case index of the enclosing switch, or < 0
};

class LabelScope {
public:
  LabelScope(DiagnosticEngine &Diags, const SourceManager &SM)
      : Diags(Diags), SM(SM) {}

  void check(BlockStmt *Body);

private:
  Label *declare(Block *B, LabeledStmt *S);
  LabeledStmt *gotoTarget(Block *B, llvm::StringRef Name);
  LabeledStmt *enclosingTarget(Block *B, llvm::StringRef Name, bool &Invalid);
  std::vector<BranchStmt *> blockBranches(Block *Parent, Targets Ctxt,
                                          LabeledStmt *LStmt, Pos Start,
                                          llvm::ArrayRef<Stmt *> Body);

  DiagnosticEngine &Diags;
  const SourceManager &SM;
  llvm::MapVector<llvm::StringRef, Label *> Labels;
  std::vector<std::unique_ptr<Block>> Blocks;
  std::vector<std::unique_ptr<Label>> LabelStore;
};

} // namespace

Label *LabelScope::declare(Block *B, LabeledStmt *S) {
  llvm::StringRef Name = S->Label->Value;
  auto It = Labels.find(Name);
  if (It != Labels.end()) {
    Diags.report(S->Label->pos(), DiagKind::LabelRedefined, Name,
                 SM.format(It->second->LStmt->Label->pos()));
    return It->second;
  }
  LabelStore.push_back(std::make_unique<Label>(Label{B, S}));
  Labels[Name] = LabelStore.back().get();
  return LabelStore.back().get();
}

LabeledStmt *LabelScope::gotoTarget(Block *B, llvm::StringRef Name) {
  auto It = Labels.find(Name);
  if (It == Labels.end())
    return nullptr;
  Label *L = It->second;
  L->Used = true; // even if it's not a valid target
  for (; B; B = B->Parent)
    if (L->Parent == B)
      return L->LStmt;
  return nullptr;
}

LabeledStmt *LabelScope::enclosingTarget(Block *B, llvm::StringRef Name,
                                         bool &Invalid) {
  Invalid = false;
  auto It = Labels.find(Name);
  if (It == Labels.end())
    return nullptr;
  Label *L = It->second;
  L->Used = true; // even if it's not a valid target
  for (; B; B = B->Parent)
    if (L->LStmt == B->LStmt)
      return L->LStmt;
  Invalid = true;
  return nullptr;
}

static llvm::ArrayRef<Stmt *> trimTrailingEmptyStmts(llvm::ArrayRef<Stmt *> L) {
  while (!L.empty() && isa<EmptyStmt>(L.back()))
    L = L.drop_back();
  return L;
}

std::vector<BranchStmt *>
LabelScope::blockBranches(Block *Parent, Targets Ctxt, LabeledStmt *LStmt,
                          Pos Start, llvm::ArrayRef<Stmt *> Body) {
  Blocks.push_back(std::make_unique<Block>(Block{Parent, Start, LStmt}));
  Block *B = Blocks.back().get();

  Pos VarPos;
  Expr *VarName = nullptr;
  std::vector<BranchStmt *> FwdGotos, BadGotos;

  auto RecordVarDecl = [&](Pos P, Expr *N) {
    VarPos = P;
    VarName = N;
    // Any existing forward goto jumping over the variable declaration is
    // invalid, unless it jumps out of the block (not known yet).
    BadGotos = FwdGotos;
  };
  auto JumpsOverVarDecl = [&](BranchStmt *Fwd) {
    if (!VarPos.isValid())
      return false;
    return std::find(BadGotos.begin(), BadGotos.end(), Fwd) != BadGotos.end();
  };
  auto InnerBlock = [&](Targets C, Pos S, llvm::ArrayRef<Stmt *> L) {
    // Unresolved forward gotos of the inner block become forward gotos of
    // the current block.
    std::vector<BranchStmt *> Inner = blockBranches(B, C, LStmt, S, L);
    FwdGotos.insert(FwdGotos.end(), Inner.begin(), Inner.end());
  };

  // A fallthrough statement counts as last statement in a statement list
  // even if there are trailing empty statements; remove them.
  llvm::ArrayRef<Stmt *> List = trimTrailingEmptyStmts(Body);
  for (size_t StmtIndex = 0; StmtIndex < List.size(); ++StmtIndex) {
    Stmt *S = List[StmtIndex];
    LStmt = nullptr;
    for (;;) {
      if (auto *LS = dyn_cast<LabeledStmt>(S)) {
        // declare non-blank label
        llvm::StringRef Name = LS->Label->Value;
        if (Name != "_") {
          Label *L = declare(B, LS);
          // resolve matching forward gotos
          std::vector<BranchStmt *> Keep;
          for (BranchStmt *Fwd : FwdGotos) {
            if (Fwd->Label->Value == Name) {
              Fwd->Target = LS;
              L->Used = true;
              if (JumpsOverVarDecl(Fwd))
                Diags.report(Fwd->Label->pos(), DiagKind::GotoOverDecl, Name,
                             exprString(VarName), SM.format(VarPos));
            } else {
              Keep.push_back(Fwd);
            }
          }
          FwdGotos = std::move(Keep);
          LStmt = LS;
        }
        // process labeled statement
        S = LS->S;
        if (!S)
          break;
        continue;
      }
      break;
    }
    if (!S)
      continue;

    switch (S->kind()) {
    case NodeKind::DeclStmt:
      for (Decl *D : cast<DeclStmt>(S)->Decls)
        if (auto *V = dyn_cast<VarDecl>(D)) {
          RecordVarDecl(V->pos(), V->Names[0]);
          break; // the first VarDecl will do
        }
      break;

    case NodeKind::BranchStmt: {
      auto *BS = cast<BranchStmt>(S);
      if (!BS->Label) {
        switch (BS->Tok) {
        case TokenKind::Break:
          if (Ctxt.Breaks)
            BS->Target = Ctxt.Breaks;
          else
            Diags.report(BS->pos(), DiagKind::BreakNotInLoop);
          break;
        case TokenKind::Continue:
          if (Ctxt.Continues)
            BS->Target = Ctxt.Continues;
          else
            Diags.report(BS->pos(), DiagKind::ContinueNotInLoop);
          break;
        case TokenKind::Fallthrough: {
          DiagKind K = DiagKind::FallthroughMisplaced;
          if (auto *T = llvm::dyn_cast_or_null<SwitchStmt>(Ctxt.Breaks)) {
            if (T->Tag && isa<TypeSwitchGuard>(T->Tag)) {
              K = DiagKind::FallthroughTypeSwitch;
            } else if (Ctxt.CaseIndex < 0 || StmtIndex + 1 < List.size()) {
              // fallthrough nested in a block or not the last statement
            } else if (Ctxt.CaseIndex + 1 == int(T->Body.size())) {
              K = DiagKind::FallthroughFinal;
            } else {
              BS->Target = T;
              break; // fallthrough ok
            }
          }
          Diags.report(BS->pos(), K);
          break;
        }
        default:
          break;
        }
        break;
      }

      // labeled branch statement
      llvm::StringRef Name = BS->Label->Value;
      bool Invalid;
      switch (BS->Tok) {
      case TokenKind::Break:
        // spec: "If there is a label, it must be that of an enclosing
        // "for", "switch", or "select" statement, and that is the one whose
        // execution terminates."
        if (LabeledStmt *T = enclosingTarget(B, Name, Invalid)) {
          if (isa<SwitchStmt>(T->S) || isa<SelectStmt>(T->S) ||
              isa<ForStmt>(T->S))
            BS->Target = T->S;
          else
            Diags.report(BS->Label->pos(), DiagKind::InvalidBreakLabel, Name);
        } else if (Invalid) {
          Diags.report(BS->Label->pos(), DiagKind::InvalidBreakLabel, Name);
        } else {
          Diags.report(BS->Label->pos(), DiagKind::BreakLabelNotDefined, Name);
        }
        break;
      case TokenKind::Continue:
        // spec: "If there is a label, it must be that of an enclosing "for"
        // statement, and that is the one whose execution advances."
        if (LabeledStmt *T = enclosingTarget(B, Name, Invalid)) {
          if (isa<ForStmt>(T->S))
            BS->Target = T->S;
          else
            Diags.report(BS->Label->pos(), DiagKind::InvalidContinueLabel,
                         Name);
        } else if (Invalid) {
          Diags.report(BS->Label->pos(), DiagKind::InvalidContinueLabel, Name);
        } else {
          Diags.report(BS->Label->pos(), DiagKind::ContinueLabelNotDefined,
                       Name);
        }
        break;
      case TokenKind::Goto:
        if (LabeledStmt *T = gotoTarget(B, Name))
          BS->Target = T;
        else
          FwdGotos.push_back(BS); // label may be declared later
        break;
      default:
        break;
      }
      break;
    }

    case NodeKind::AssignStmt: {
      auto *A = cast<AssignStmt>(S);
      if (A->Op == Operator::Def)
        RecordVarDecl(A->pos(), A->Lhs);
      break;
    }

    case NodeKind::BlockStmt: {
      auto *BS = cast<BlockStmt>(S);
      InnerBlock({Ctxt.Breaks, Ctxt.Continues, -1}, BS->pos(), BS->List);
      break;
    }

    case NodeKind::IfStmt: {
      auto *IS = cast<IfStmt>(S);
      Targets Inner{Ctxt.Breaks, Ctxt.Continues, -1};
      InnerBlock(Inner, IS->Then->pos(), IS->Then->List);
      if (IS->Else) {
        Stmt *E = IS->Else;
        InnerBlock(Inner, E->pos(), llvm::ArrayRef<Stmt *>(E));
      }
      break;
    }

    case NodeKind::ForStmt: {
      auto *FS = cast<ForStmt>(S);
      InnerBlock({FS, FS, -1}, FS->Body->pos(), FS->Body->List);
      break;
    }

    case NodeKind::SwitchStmt: {
      auto *SS = cast<SwitchStmt>(S);
      Targets Inner{SS, Ctxt.Continues, -1};
      for (size_t I = 0; I < SS->Body.size(); ++I) {
        Inner.CaseIndex = int(I);
        InnerBlock(Inner, SS->Body[I]->pos(), SS->Body[I]->Body);
      }
      break;
    }

    case NodeKind::SelectStmt: {
      auto *SS = cast<SelectStmt>(S);
      Targets Inner{SS, Ctxt.Continues, -1};
      for (CommClause *CC : SS->Body)
        InnerBlock(Inner, CC->pos(), CC->Body);
      break;
    }

    default:
      break;
    }
  }
  return FwdGotos;
}

void LabelScope::check(BlockStmt *Body) {
  std::vector<BranchStmt *> Fwd =
      blockBranches(nullptr, Targets{}, nullptr, Body->pos(), Body->List);
  // Forward gotos left over have no matching label: either it was never
  // defined, or it is inside a block not reachable from the goto.
  for (BranchStmt *F : Fwd) {
    llvm::StringRef Name = F->Label->Value;
    auto It = Labels.find(Name);
    if (It != Labels.end()) {
      It->second->Used = true; // avoid "defined and not used" error
      Diags.report(F->Label->pos(), DiagKind::GotoIntoBlock, Name,
                   SM.format(It->second->Parent->Start));
    } else {
      Diags.report(F->Label->pos(), DiagKind::LabelNotDefined, Name);
    }
  }
  // spec: "It is illegal to define a label that is never used."
  for (auto &[Name, L] : Labels)
    if (!L->Used)
      Diags.report(L->LStmt->Label->pos(), DiagKind::LabelNotUsed, Name);
}

void syntax::checkBranches(BlockStmt *Body, DiagnosticEngine &Diags,
                           const SourceManager &SM) {
  if (!Body)
    return;
  LabelScope LS(Diags, SM);
  LS.check(Body);
}
