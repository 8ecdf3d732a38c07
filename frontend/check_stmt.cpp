//===- frontend/check_stmt.cpp - Go type checker: statements --------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Statements and assignments (go/types stmt.go, assignments.go,
// return.go). Labels and branch targets are checked by the parser
// (branches.cpp), as gc does. See check.h for the overview.
//
//===----------------------------------------------------------------------===//

#include "frontend/check.h"

#include "frontend/scanner.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

using namespace gortc;
using namespace gortc::types;
using namespace gortc::syntax;
using llvm::cast;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;
using llvm::isa;
using llvm::isa_and_nonnull;

static const char *const InvalidOp = "invalid operation: ";

static llvm::SmallVector<syntax::Expr *, 4> unpackExpr(syntax::Expr *E) {
  llvm::SmallVector<syntax::Expr *, 4> R;
  if (!E)
    return R;
  if (auto *L = dyn_cast<ListExpr>(E))
    R.append(L->Elems.begin(), L->Elems.end());
  else
    R.push_back(E);
  return R;
}

//===----------------------------------------------------------------------===//
// Assignments
//===----------------------------------------------------------------------===//

void Checker::assignment(Operand &X, Type *T, const std::string &Context) {
  singleValue(X);
  switch (X.M) {
  case Mode::Invalid:
    return; // error reported before
  case Mode::Constant:
  case Mode::Variable:
  case Mode::MapIndex:
  case Mode::Value:
  case Mode::CommaOk:
    // ok
    break;
  default:
    // we may get here because of other problems (issue #39634, crash 12)
    errorAt(X, "cannot assign " + str(X) + " to " + (T ? str(T) : "<nil>") +
                   " in " + Context);
    return;
  }

  if (isUntyped(X.T)) {
    Type *Target = T;
    // spec: "If an untyped constant is assigned to a variable of interface
    // type or the blank identifier, the constant is first converted to type
    // bool, rune, int, float64, complex128 or string respectively, depending
    // on whether the value is a boolean, rune, integer, floating-point,
    // complex, or string constant."
    if (X.IsNil) {
      if (!T) {
        errorAt(X, "use of untyped nil in " + Context);
        X.M = Mode::Invalid;
        return;
      }
    } else if (!T || isInterface(T)) {
      Target = defaultType(Ctx, X.T);
    }
    ConvCode Code;
    ConstValue Val;
    Type *NewType = implicitTypeAndValue(X, Target, &Val, Code);
    if (Code != ConvCode::Ok) {
      std::string Msg = "cannot use " + str(X) + " as " + str(Target) +
                        " value in " + Context;
      if (Code == ConvCode::TruncatedFloat)
        Msg += " (truncated)";
      else if (Code == ConvCode::NumericOverflow)
        Msg += " (overflows)";
      errorAt(X, Msg);
      X.M = Mode::Invalid;
      return;
    }
    if (X.M == Mode::Constant && isTyped(NewType)) {
      X.Val = Val;
      if (X.E)
        updateExprVal(X.E, Val);
    }
    if (NewType != X.T) {
      X.T = NewType;
      if (X.E)
        updateExprType(X.E, NewType, false);
    }
  }

  // A generic function cannot be assigned without instantiation; we have
  // none here.
  if (!T)
    return;
  // A type made invalid by an error reported already (an invalid recursive
  // type) causes no follow-on errors (fixedbugs/bug251.go).
  if (T->underlying() == Ctx.invalid() ||
      (X.T && X.T->underlying() == Ctx.invalid()))
    return;

  std::string Reason;
  if (!assignableTo(X, T, &Reason)) {
    if (!Reason.empty())
      errorAt(X, "cannot use " + str(X) + " as type " + str(T) + " in " +
                     Context + ":\n\t" + Reason);
    else
      errorAt(X,
              "cannot use " + str(X) + " as type " + str(T) + " in " + Context);
    X.M = Mode::Invalid;
  }
}

void Checker::initConst(Const *Lhs, Operand &X) {
  if (X.M == Mode::Invalid || X.T == Ctx.invalid() ||
      Lhs->type() == Ctx.invalid()) {
    if (!Lhs->type())
      Lhs->setType(Ctx.invalid());
    return;
  }
  // rhs must be a constant
  if (X.M != Mode::Constant) {
    errorAt(X, str(X) + " is not constant");
    if (!Lhs->type())
      Lhs->setType(Ctx.invalid());
    return;
  }
  // If the lhs doesn't have a type yet, use the type of x.
  if (!Lhs->type())
    Lhs->setType(X.T);
  assignment(X, Lhs->type(), "constant declaration");
  if (X.M == Mode::Invalid)
    return;
  Lhs->Val = Ctx.makeConst(X.Val);
}

Type *Checker::initVar(Var *Lhs, Operand &X, const std::string &Context) {
  if (X.M == Mode::Invalid || X.T == Ctx.invalid() ||
      Lhs->type() == Ctx.invalid()) {
    if (!Lhs->type())
      Lhs->setType(Ctx.invalid());
    Lhs->Used = true; // avoid follow-on "declared but not used" errors
    return nullptr;
  }
  // If the lhs doesn't have a type yet, use the type of x.
  if (!Lhs->type()) {
    Type *T = X.T;
    if (isUntyped(T)) {
      // convert untyped types to default types
      if (T == Ctx.basic(BasicKind::UntypedNil)) {
        errorAt(X, "use of untyped nil in " + Context);
        Lhs->setType(Ctx.invalid());
        return nullptr;
      }
      T = defaultType(Ctx, T);
    }
    Lhs->setType(T);
  }
  assignment(X, Lhs->type(), Context);
  if (X.M == Mode::Invalid) {
    Lhs->Used = true; // avoid follow-on "declared but not used" errors
    return nullptr;
  }
  return X.T;
}

Type *Checker::assignVar(syntax::Expr *Lhs, Operand &X) {
  if (X.M == Mode::Invalid || X.T == Ctx.invalid()) {
    use(Lhs);
    return nullptr;
  }
  // Determine if the lhs is a (possibly parenthesized) identifier.
  auto *Ident = dyn_cast<syntax::Name>(unparen(Lhs));

  // Don't evaluate lhs if it is the blank identifier.
  if (Ident && Ident->Value == "_") {
    assignment(X, nullptr, "assignment to _ identifier");
    if (X.M == Mode::Invalid)
      return nullptr;
    return X.T;
  }

  // If the lhs is an identifier denoting a variable v, this assignment is
  // not a 'use' of v. Remember current value of v.used and restore after
  // evaluating the lhs via check.expr.
  Var *V = nullptr;
  bool VUsed = false;
  if (Ident) {
    if (auto *W = dyn_cast_or_null<Var>(lookup(Ident->Value));
        W && W->pkg() == Pkg) {
      V = W;
      VUsed = V->Used;
    }
  }

  Operand Z;
  expr(Z, Lhs);
  if (V)
    V->Used = VUsed; // restore v.used

  if (Z.M == Mode::Invalid || Z.T == Ctx.invalid())
    return nullptr;

  // spec: "Each left-hand side operand must be addressable, a map index
  // expression, or the blank identifier. Operands may be parenthesized."
  switch (Z.M) {
  case Mode::Variable:
  case Mode::MapIndex:
    break;
  default:
    if (auto *Sel = dyn_cast_or_null<SelectorExpr>(Z.E)) {
      Operand Op;
      expr(Op, Sel->X);
      if (Op.M == Mode::MapIndex) {
        errorAt(Z, "cannot assign to struct field " + str(Z.E) + " in map");
        return nullptr;
      }
    }
    errorAt(Z, "cannot assign to " + str(Z));
    return nullptr;
  }

  assignment(X, Z.T, "assignment");
  if (X.M == Mode::Invalid)
    return nullptr;
  return X.T;
}

void Checker::assignError(llvm::ArrayRef<syntax::Expr *> Rhs, size_t NVars,
                          size_t NVals) {
  auto Measure = [](size_t N, const char *Unit) {
    return std::to_string(N) + " " + Unit + (N != 1 ? "s" : "");
  };
  std::string Vars = Measure(NVars, "variable");
  std::string Vals = Measure(NVals, "value");
  syntax::Expr *Rhs0 = Rhs[0];
  if (Rhs.size() == 1) {
    if (auto *Call = dyn_cast<CallExpr>(unparen(Rhs0))) {
      errorAt(Rhs0, "assignment mismatch: " + Vars + " but " + str(Call->Fun) +
                        " returns " + Vals);
      return;
    }
  }
  errorAt(Rhs0, "assignment mismatch: " + Vars + " but " + Vals);
}

void Checker::initVars(llvm::ArrayRef<Var *> Lhs,
                       llvm::ArrayRef<syntax::Expr *> OrigRhs,
                       syntax::Stmt *ReturnStmt) {
  bool CommaOk;
  std::vector<Operand> Rhs =
      exprList(OrigRhs, Lhs.size() == 2 && !ReturnStmt, CommaOk);

  if (Lhs.size() != Rhs.size()) {
    // invalidate lhs
    for (Var *Obj : Lhs) {
      Obj->Used = true; // avoid declared but not used errors
      if (!Obj->type())
        Obj->setType(Ctx.invalid());
    }
    // don't report an error if we already reported one
    for (Operand &X : Rhs)
      if (X.M == Mode::Invalid)
        return;
    if (ReturnStmt) {
      Pos At = ReturnStmt->pos();
      std::string Qualifier = "not enough";
      if (Rhs.size() > Lhs.size()) {
        At = startPos(Rhs[Lhs.size()].E); // report at first extra value
        Qualifier = "too many";
      } else if (!Rhs.empty()) {
        At = startPos(Rhs.back().E); // report at last value
      }
      std::vector<Type *> Have, Want;
      for (Operand &X : Rhs)
        Have.push_back(X.T);
      for (Var *V : Lhs)
        Want.push_back(V->type());
      reportMulti(At, {{At, Qualifier + " return values"},
                       {Pos(), "have " + typesSummary(Have, false)},
                       {Pos(), "want " + typesSummary(Want, false)}});
      return;
    }
    assignError(OrigRhs, Lhs.size(), Rhs.size());
    return;
  }

  std::string Context = ReturnStmt ? "return statement" : "assignment";
  if (CommaOk) {
    Type *A[2];
    for (int I = 0; I < 2; ++I)
      A[I] = initVar(Lhs[I], Rhs[I], Context);
    if (A[0] && A[1]) {
      auto *T = Ctx.make<Tuple>();
      T->Vars.push_back(Ctx.make<Var>(Pos(), Pkg, "", A[0]));
      T->Vars.push_back(Ctx.make<Var>(Pos(), Pkg, "", A[1]));
      Out->CommaOk[unparen(OrigRhs[0])] = T;
    }
    return;
  }

  bool Ok = true;
  for (size_t I = 0; I < Lhs.size(); ++I)
    if (!initVar(Lhs[I], Rhs[I], Context))
      Ok = false;
  // avoid follow-on "declared but not used" errors if any initialization
  // failed
  if (!Ok)
    for (Var *V : Lhs)
      V->Used = true;
}

void Checker::assignVars(llvm::ArrayRef<syntax::Expr *> Lhs,
                         llvm::ArrayRef<syntax::Expr *> OrigRhs) {
  bool CommaOk;
  std::vector<Operand> Rhs = exprList(OrigRhs, Lhs.size() == 2, CommaOk);

  if (Lhs.size() != Rhs.size()) {
    use(Lhs);
    // don't report an error if we already reported one
    for (Operand &X : Rhs)
      if (X.M == Mode::Invalid)
        return;
    assignError(OrigRhs, Lhs.size(), Rhs.size());
    return;
  }

  if (CommaOk) {
    Type *A[2];
    for (int I = 0; I < 2; ++I)
      A[I] = assignVar(Lhs[I], Rhs[I]);
    if (A[0] && A[1]) {
      auto *T = Ctx.make<Tuple>();
      T->Vars.push_back(Ctx.make<Var>(Pos(), Pkg, "", A[0]));
      T->Vars.push_back(Ctx.make<Var>(Pos(), Pkg, "", A[1]));
      Out->CommaOk[unparen(OrigRhs[0])] = T;
    }
    return;
  }

  bool Ok = true;
  for (size_t I = 0; I < Lhs.size(); ++I)
    if (!assignVar(Lhs[I], Rhs[I]))
      Ok = false;
  // avoid follow-on "declared but not used" errors if any assignment failed
  if (!Ok)
    for (syntax::Expr *L : Lhs)
      if (auto *N = dyn_cast<syntax::Name>(unparen(L)))
        if (auto *V = dyn_cast_or_null<Var>(lookup(N->Value));
            V && V->pkg() == Pkg)
          V->Used = true;
}

void Checker::shortVarDecl(Pos P, llvm::ArrayRef<syntax::Expr *> Lhs,
                           llvm::ArrayRef<syntax::Expr *> Rhs) {
  Scope *S = CurScope;
  // collect lhs variables
  llvm::StringSet<> Seen;
  std::vector<Var *> LhsVars(Lhs.size(), nullptr);
  std::vector<Var *> NewVars;
  std::vector<syntax::Name *> NewIdents;
  bool HasErr = false;
  for (size_t I = 0; I < Lhs.size(); ++I) {
    auto *Ident = dyn_cast<syntax::Name>(Lhs[I]);
    if (!Ident) {
      use(Lhs[I]);
      errorAt(Lhs[I], "non-name " + str(Lhs[I]) + " on left side of :=");
      HasErr = true;
      continue;
    }
    llvm::StringRef Name = Ident->Value;
    if (Name != "_") {
      if (!Seen.insert(Name).second) {
        errorAt(Lhs[I], str(Lhs[I]) + " repeated on left side of :=");
        HasErr = true;
        continue;
      }
    }
    // Use the correct obj if the ident is redeclared. The variable's scope
    // starts after the declaration; so we must use Scope.Lookup here and
    // call Scope.Insert (via check.declare) later.
    if (Object *Alt = S->lookup(Name)) {
      Ident->Obj = Alt;
      // redeclared object must be a variable
      if (auto *V = dyn_cast<Var>(Alt))
        LhsVars[I] = V;
      else {
        errorAt(Lhs[I], "cannot assign to " + str(Lhs[I]));
        HasErr = true;
      }
      continue;
    }
    // declare new variable
    auto *V = Ctx.make<Var>(Ident->pos(), Pkg, Name, nullptr);
    V->Owner = FuncStack.empty() ? nullptr : FuncStack.back()->Owner;
    LhsVars[I] = V;
    Ident->Obj = V;
    if (Name != "_") {
      NewVars.push_back(V);
      NewIdents.push_back(Ident);
    }
  }
  // create dummy variables where the lhs is invalid
  for (size_t I = 0; I < LhsVars.size(); ++I)
    if (!LhsVars[I])
      LhsVars[I] = Ctx.make<Var>(Lhs[I]->pos(), Pkg, "_", nullptr);

  initVars(LhsVars, Rhs, nullptr);

  // declare new variables
  if (NewVars.empty() && !HasErr) {
    error(P, "no new variables on left side of :=");
    return;
  }
  for (size_t I = 0; I < NewVars.size(); ++I) {
    if (declare(S, NewIdents[I], NewVars[I], P))
      Locals.push_back(NewVars[I]);
  }
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

void Checker::openScope(Node *N, Pos End) {
  CurScope = Ctx.make<Scope>(CurScope, N->pos(), End, false);
}

void Checker::closeScope() { CurScope = CurScope->parent(); }

void Checker::simpleStmt(syntax::Stmt *S) {
  if (S)
    stmt(0, S);
}

static llvm::ArrayRef<syntax::Stmt *>
trimTrailingEmptyStmts(llvm::ArrayRef<syntax::Stmt *> L) {
  while (!L.empty() && isa<EmptyStmt>(L.back()))
    L = L.drop_back();
  return L;
}

void Checker::stmtList(unsigned Ctxt, llvm::ArrayRef<syntax::Stmt *> List) {
  bool Ok = Ctxt & FallthroughOk;
  unsigned Inner = Ctxt & ~unsigned(FallthroughOk);
  List = trimTrailingEmptyStmts(List); // trailing empty statements are
                                       // "invisible" to fallthrough analysis
  for (size_t I = 0; I < List.size(); ++I) {
    unsigned In = Inner;
    if (Ok && I + 1 == List.size())
      In |= FallthroughOk;
    stmt(In, List[I]);
    if (Diags.stopped())
      return;
  }
}

void Checker::suspendedCall(const char *Keyword, CallExpr *Call) {
  Operand X;
  std::string Msg;
  switch (rawExpr(X, Call, nullptr)) {
  case ExprKind::Conversion:
    Msg = "requires function call, not conversion";
    break;
  case ExprKind::Expression:
    Msg = "discards result of";
    break;
  case ExprKind::Statement:
    return;
  }
  errorAt(X, std::string(Keyword) + " " + Msg + " " + str(X));
}

void Checker::caseValues(Operand &X, llvm::ArrayRef<syntax::Expr *> Values,
                         std::vector<std::pair<Operand, Pos>> &Seen) {
  for (syntax::Expr *E : Values) {
    Operand V;
    expr(V, E);
    if (X.M == Mode::Invalid || V.M == Mode::Invalid)
      continue;
    convertUntyped(V, X.T);
    if (V.M == Mode::Invalid)
      continue;
    // Order matters: By comparing v against x, error positions are at the
    // case values.
    Operand Res = V; // keep original v unchanged
    comparison(Res, X, Operator::Eql, true);
    if (Res.M == Mode::Invalid)
      continue;
    if (V.M != Mode::Constant)
      continue; // we're done
    // look for duplicate values
    if (V.Val.kind() == ConstValue::Kind::Int ||
        V.Val.kind() == ConstValue::Kind::Float ||
        V.Val.kind() == ConstValue::Kind::String) {
      bool Dup = false;
      for (auto &[PV, PP] : Seen) {
        if (PV.Val.kind() == V.Val.kind() &&
            ConstValue::compare(PV.Val, Operator::Eql, V.Val) &&
            identical(PV.T, V.T)) {
          Dup = true;
          if (InInstance)
            break;
          reportMulti(startPos(E), {{startPos(E), "duplicate case " + str(V) +
                                                      " in expression switch"},
                                    {PP, "previous case"}});
          Dup = true;
          break;
        }
      }
      // types2 reports "previous case" at the expression's own position
      // (v.Pos()), not at its start.
      if (!Dup)
        Seen.push_back({V, E->pos()});
    }
  }
}

Type *Checker::caseTypes(Operand *X, llvm::ArrayRef<syntax::Expr *> Types,
                         std::vector<std::pair<Type *, syntax::Expr *>> &Seen,
                         bool &IsNil) {
  Type *T = nullptr;
  IsNil = false;
  for (syntax::Expr *E : Types) {
    // The spec allows the value nil instead of a type.
    bool EIsNil = false;
    if (auto *N = dyn_cast<syntax::Name>(unparen(E)))
      if (isa_and_nonnull<Nil>(lookup(N->Value)))
        EIsNil = true;
    if (EIsNil) {
      T = nullptr;
      Operand Dummy;
      expr(Dummy, E); // run e through expr so we get the usual recordings
      IsNil = true;
    } else {
      T = varType(E);
      if (T == Ctx.invalid())
        continue;
    }
    // look for duplicate types
    bool Dup = false;
    for (auto &[ST, SE] : Seen) {
      if ((!T && !ST) || (T && ST && identical(T, ST))) {
        // In an instance, `case int, T:` with T = int is no error: the
        // first case matches (InInstance).
        Dup = true;
        if (InInstance)
          break;
        std::string TS = T ? str(T) : "nil";
        reportMulti(startPos(E),
                    {{startPos(E), "duplicate case " + TS + " in type switch"},
                     {startPos(SE), "previous case"}});
        Dup = true;
        break;
      }
    }
    if (Dup)
      continue;
    Seen.push_back({T, E});
    if (X && T)
      typeAssertion(E, *X, T, true);
  }
  return T;
}

void Checker::switchStmt(unsigned Inner, SwitchStmt *S) {
  Operand X;
  if (S->Tag) {
    expr(X, S->Tag);
    // By checking assignment of x to an invisible temporary (as a compiler
    // would), we get all the relevant checks.
    assignment(X, nullptr, "switch expression");
    if (X.M != Mode::Invalid && !comparable(X.T) && !hasNil(X.T)) {
      errorAt(X, "cannot switch on " + str(X) + " (" + str(X.T) +
                     " is not comparable)");
      X.M = Mode::Invalid;
    }
  } else {
    // spec: "A missing switch expression is equivalent to the boolean value
    // true."
    X.M = Mode::Constant;
    X.T = Ctx.basic(BasicKind::Bool);
    X.Val = ConstValue::makeBool(true);
    // TODO(gri) should have a better position here
    Pos P = S->Rbrace;
    if (!S->Body.empty())
      P = S->Body[0]->pos();
    X.E = Ctx.make<syntax::Name>(P, "true");
  }

  // multiple defaults
  CaseClause *First = nullptr;
  for (CaseClause *C : S->Body) {
    if (!C->Cases) {
      if (First)
        error(C->pos(),
              "multiple defaults (first at " + posStr(First->pos()) + ")");
      else
        First = C;
    }
  }

  std::vector<std::pair<Operand, Pos>> Seen;
  for (size_t I = 0; I < S->Body.size(); ++I) {
    CaseClause *Clause = S->Body[I];
    unsigned In = Inner;
    if (I + 1 < S->Body.size())
      In |= FallthroughOk;
    else
      In |= FinalSwitchCase;
    caseValues(X, unpackExpr(Clause->Cases), Seen);
    openScope(Clause, Pos());
    stmtList(In, Clause->Body);
    closeScope();
  }
}

void Checker::typeSwitchStmt(unsigned Inner, SwitchStmt *S,
                             TypeSwitchGuard *G) {
  // A type switch guard must be of the form:
  //
  //     TypeSwitchGuard = [ identifier ":=" ] PrimaryExpr "." "(" "type" ")" .
  //
  // The parser is checking syntactic correctness; remaining syntactic errors
  // are considered AST errors here.
  syntax::Name *Lhs = G->Lhs;
  if (Lhs && Lhs->Value == "_") {
    // _ := x.(type) is an invalid short variable declaration
    error(Lhs->pos(), "no new variable on left side of :=");
    Lhs = nullptr; // avoid declared but not used error below
  }

  // check rhs
  Operand X;
  expr(X, G->X);
  if (X.M == Mode::Invalid)
    return;
  Operand *SX = nullptr; // switch expression against which cases are compared
  if (isa<Interface>(X.T->underlying()))
    SX = &X;
  else
    errorAt(X, str(X) + " is not an interface");

  // multiple defaults
  CaseClause *First = nullptr;
  for (CaseClause *C : S->Body) {
    if (!C->Cases) {
      if (First)
        error(C->pos(),
              "multiple defaults (first at " + posStr(First->pos()) + ")");
      else
        First = C;
    }
  }

  std::vector<Var *> LhsVars;
  std::vector<std::pair<Type *, syntax::Expr *>> Seen;
  for (size_t I = 0; I < S->Body.size(); ++I) {
    CaseClause *Clause = S->Body[I];
    auto Cases = unpackExpr(Clause->Cases);
    bool IsNil;
    Type *T = caseTypes(SX, Cases, Seen, IsNil);
    openScope(Clause, Pos());
    // If lhs exists, declare a corresponding variable in the case-local
    // scope.
    if (Lhs) {
      // spec: "The TypeSwitchGuard may include a short variable
      // declaration. When that form is used, the variable is declared at the
      // beginning of the implicit block in each clause. In clauses with a
      // case listing exactly one type, the variable has that type;
      // otherwise, the variable has the type of the expression in the
      // TypeSwitchGuard."
      if (Cases.size() != 1 || !T)
        T = X.T;
      auto *V = Ctx.make<Var>(Lhs->pos(), Pkg, Lhs->Value, T);
      V->Owner = FuncStack.empty() ? nullptr : FuncStack.back()->Owner;
      declare(CurScope, nullptr, V, Clause->Colon);
      Clause->Implicit = V;
      LhsVars.push_back(V);
    }
    stmtList(Inner, Clause->Body);
    closeScope();
  }

  // If lhs exists, we must have at least one lhs variable that was used.
  if (Lhs) {
    bool Used = false;
    for (Var *V : LhsVars) {
      if (V->Used)
        Used = true;
      V->Used = true; // avoid usage error when checking entire function
    }
    if (!Used)
      error(Lhs->pos(), Lhs->Value.str() + " declared but not used");
  }
}

void Checker::rangeStmt(unsigned Inner, ForStmt *S, RangeClause *R) {
  // determine lhs, if any
  syntax::Expr *SKey = R->Lhs, *SValue = nullptr, *SExtra = nullptr;
  if (auto *P = dyn_cast_or_null<ListExpr>(SKey)) {
    if (P->Elems.size() < 2) {
      errorAt(S, "invalid lhs in range clause");
      return;
    }
    // len(p.ElemList) >= 2
    SKey = P->Elems[0];
    SValue = P->Elems[1];
    if (P->Elems.size() > 2)
      // delay error reporting until we know more
      SExtra = P->Elems[2];
  }

  // check expression to iterate over
  Operand X;
  expr(X, R->X);

  // determine key/value types
  Type *Key = nullptr, *Val = nullptr;
  if (X.M != Mode::Invalid) {
    Type *U = coreOrUnder(X.T);
    std::string Cause;
    if (auto *Ch = dyn_cast<Chan>(U)) {
      if (SValue)
        errorAt(SValue, "range over " + str(X) +
                            " permits only one iteration variable");
      if (Ch->Dir == types::ChanDir::SendOnly)
        Cause = "receive from send-only channel";
    } else if (SExtra) {
      errorAt(SExtra, "range clause permits at most two iteration variables");
    }
    if (auto *P = dyn_cast<Pointer>(U))
      if (auto *A = dyn_cast<Array>(P->Elem->underlying()))
        U = A;
    switch (U->kind()) {
    case TypeKind::Basic:
      if (isString(U)) {
        Key = Ctx.basic(BasicKind::Int);
        Val = Ctx.runeType();
      }
      break;
    case TypeKind::Array:
      Key = Ctx.basic(BasicKind::Int);
      Val = cast<Array>(U)->Elem;
      break;
    case TypeKind::Slice:
      Key = Ctx.basic(BasicKind::Int);
      Val = cast<Slice>(U)->Elem;
      break;
    case TypeKind::Map:
      Key = cast<Map>(U)->Key;
      Val = cast<Map>(U)->Elem;
      break;
    case TypeKind::Chan:
      Key = cast<Chan>(U)->Elem;
      Val = Ctx.invalid();
      break;
    default:
      break;
    }
    if (!Key || !Cause.empty()) {
      if (Cause.empty())
        errorAt(X, "cannot range over " + str(X));
      else
        errorAt(X, "cannot range over " + str(X) + " (" + Cause + ")");
      // ok to continue
    }
    // Ranging over an array variable does not take its address, but the
    // range expression's type is recorded for codegen via TV.
  }

  // Open the for-statement block scope now, after the range clause.
  openScope(S, Pos());

  // check assignment to/declaration of iteration variables
  syntax::Expr *Lhs[2] = {SKey, SValue};
  Type *Rhs[2] = {Key, Val}; // key, val may be nil
  if (R->Def) {
    // short variable declaration
    std::vector<Var *> Vars;
    std::vector<syntax::Name *> Idents;
    for (int I = 0; I < 2; ++I) {
      syntax::Expr *L = Lhs[I];
      if (!L)
        continue;
      // determine lhs variable
      Var *Obj;
      if (auto *Ident = dyn_cast<syntax::Name>(L)) {
        Obj = Ctx.make<Var>(Ident->pos(), Pkg, Ident->Value, nullptr);
        Obj->Owner = FuncStack.empty() ? nullptr : FuncStack.back()->Owner;
        Ident->Obj = Obj;
        // _ variables don't count as new variables
        if (Ident->Value != "_") {
          Vars.push_back(Obj);
          Idents.push_back(Ident);
        }
      } else {
        errorAt(L, "cannot declare " + str(L));
        Obj = Ctx.make<Var>(L->pos(), Pkg, "_", nullptr); // dummy variable
      }
      // initialize lhs variable
      if (Type *T = Rhs[I]) {
        Operand V;
        V.M = Mode::Value;
        V.E = L; // we don't have a better rhs expression to use here
        V.T = T;
        initVar(Obj, V, "range clause");
      } else {
        Obj->setType(Ctx.invalid());
        Obj->Used = true; // don't complain about unused variable
      }
    }
    // declare variables
    if (!Vars.empty()) {
      for (size_t I = 0; I < Vars.size(); ++I) {
        if (declare(CurScope, nullptr, Vars[I], S->Body->pos()))
          Locals.push_back(Vars[I]);
      }
    } else {
      error(S->pos(), "no new variables on left side of :=");
    }
  } else {
    // ordinary assignment
    for (int I = 0; I < 2; ++I) {
      syntax::Expr *L = Lhs[I];
      if (!L)
        continue;
      if (Type *T = Rhs[I]) {
        Operand V;
        V.M = Mode::Value;
        V.E = L; // we don't have a better rhs expression to use here
        V.T = T;
        assignVar(L, V);
      }
    }
  }

  stmt(Inner, S->Body);
  closeScope();
}

void Checker::stmt(unsigned Ctxt, syntax::Stmt *S0) {
  // statements must end with the same top scope as they started with
  unsigned Inner =
      Ctxt & ~unsigned(FallthroughOk | FinalSwitchCase | InTypeSwitch);
  switch (S0->kind()) {
  case NodeKind::EmptyStmt:
    // ignore
    return;

  case NodeKind::DeclStmt:
    declStmt(cast<DeclStmt>(S0)->Decls);
    return;

  case NodeKind::LabeledStmt:
    if (cast<LabeledStmt>(S0)->S)
      stmt(Ctxt, cast<LabeledStmt>(S0)->S);
    return;

  case NodeKind::ExprStmt: {
    // spec: "With the exception of specific built-in functions, function and
    // method calls and receive operations can appear in statement context.
    // Such statements may be parenthesized."
    Operand X;
    ExprKind Kind = rawExpr(X, cast<ExprStmt>(S0)->X, nullptr);
    std::string Msg;
    switch (X.M) {
    default:
      if (Kind == ExprKind::Statement)
        return;
      Msg = "is not used";
      break;
    case Mode::Builtin:
      Msg = "must be called";
      break;
    case Mode::TypeExpr:
      Msg = "is not an expression";
      break;
    }
    errorAt(X, str(X) + " " + Msg);
    return;
  }

  case NodeKind::SendStmt: {
    auto *S = cast<SendStmt>(S0);
    Operand Ch, Val;
    expr(Ch, S->Chan);
    expr(Val, S->Value);
    if (Ch.M == Mode::Invalid || Val.M == Mode::Invalid)
      return;
    if (isTypeParam(Ch.T) && !coreType(Ch.T)) {
      errorAt(S, std::string(InvalidOp) + "cannot send to " + str(Ch) +
                     ": no core type");
      return;
    }
    auto *UCh = dyn_cast<Chan>(coreOrUnder(Ch.T));
    if (!UCh) {
      errorAt(S,
              std::string(InvalidOp) + "cannot send to non-channel " + str(Ch));
      return;
    }
    if (UCh->Dir == types::ChanDir::RecvOnly) {
      errorAt(S, std::string(InvalidOp) +
                     "cannot send to receive-only channel " + str(Ch));
      return;
    }
    assignment(Val, UCh->Elem, "send");
    return;
  }

  case NodeKind::AssignStmt: {
    auto *S = cast<AssignStmt>(S0);
    auto Lhs = unpackExpr(S->Lhs);
    if (!S->Rhs) {
      // x++ or x--
      if (Lhs.size() != 1) {
        errorAt(S, std::string(operatorString(S->Op)) +
                       operatorString(S->Op).str() + " requires one operand");
        return;
      }
      Operand X;
      expr(X, Lhs[0]);
      if (X.M == Mode::Invalid)
        return;
      if (!isNumeric(X.T)) {
        errorAt(Lhs[0], std::string(InvalidOp) + str(Lhs[0]) +
                            operatorString(S->Op).str() +
                            operatorString(S->Op).str() +
                            " (non-numeric type " + str(X.T) + ")");
        return;
      }
      assignVar(Lhs[0], X);
      return;
    }
    auto Rhs = unpackExpr(S->Rhs);
    if (S->Op == Operator::None) {
      assignVars(Lhs, Rhs);
      return;
    }
    if (S->Op == Operator::Def) {
      shortVarDecl(S->pos(), Lhs, Rhs);
      return;
    }
    // assignment operations
    if (Lhs.size() != 1 || Rhs.size() != 1) {
      errorAt(S, std::string("assignment operation ") +
                     operatorString(S->Op).str() +
                     " requires single-valued expressions");
      return;
    }
    Operand X;
    binary(X, nullptr, Lhs[0], Rhs[0], S->Op, S->pos());
    assignVar(Lhs[0], X);
    return;
  }

  case NodeKind::CallStmt: {
    auto *S = cast<CallStmt>(S0);
    const char *Kind = "go";
    if (S->Tok == TokenKind::Defer) {
      Kind = "defer";
      if (!FuncStack.empty() && FuncStack.back()->Fn && !FuncStack.back()->Lit)
        FuncStack.back()->Fn->HasDefer = true;
    }
    suspendedCall(Kind, S->Call);
    return;
  }

  case NodeKind::ReturnStmt: {
    auto *S = cast<ReturnStmt>(S0);
    Signature *Sig = FuncStack.back()->Sig;
    Tuple *Res = Sig->Results;
    auto Results = unpackExpr(S->Results);
    if (Results.empty() && Res && Res->size() > 0 &&
        !Res->Vars[0]->name().empty()) {
      // spec: "Implementation restriction: A compiler may disallow an empty
      // expression list in a "return" statement if a different entity
      // (constant, type, or variable) with the same name as a result
      // parameter is in scope at the place of the return."
      for (Var *Obj : Res->Vars) {
        Object *Alt = lookup(Obj->name());
        if (Alt && Alt != Obj) {
          reportMulti(
              S->pos(),
              {{S->pos(), "result parameter " + Obj->name().str() +
                              " not in scope at return"},
               // types2 names the result parameter here, at
               // the position of the declaration hiding it.
               {Alt->pos(), "inner declaration of " + objectString(Obj, Pkg)}});
          // ok to continue
        }
      }
    } else {
      std::vector<Var *> Lhs;
      if (Res)
        Lhs = Res->Vars;
      initVars(Lhs, Results, S);
    }
    return;
  }

  case NodeKind::BranchStmt:
    // Checked by the parser (branches.cpp), as gc does.
    return;

  case NodeKind::BlockStmt: {
    auto *S = cast<BlockStmt>(S0);
    openScope(S, S->Rbrace);
    stmtList(Inner, S->List);
    closeScope();
    return;
  }

  case NodeKind::IfStmt: {
    auto *S = cast<IfStmt>(S0);
    openScope(S, Pos());
    simpleStmt(S->Init);
    Operand X;
    expr(X, S->Cond);
    if (X.M != Mode::Invalid && !isBoolean(X.T))
      errorAt(S->Cond, "non-boolean condition in if statement");
    stmt(Inner, S->Then);
    // The parser produces a correct AST but if it was modified elsewhere the
    // else branch may be invalid. Check again for robustness.
    if (S->Else) {
      if (isa<IfStmt>(S->Else) || isa<BlockStmt>(S->Else))
        stmt(Inner, S->Else);
      else
        errorAt(S->Else, "invalid else branch in if statement");
    }
    closeScope();
    return;
  }

  case NodeKind::SwitchStmt: {
    auto *S = cast<SwitchStmt>(S0);
    Inner |= BreakOk;
    openScope(S, S->Rbrace);
    simpleStmt(S->Init);
    if (auto *G = dyn_cast_or_null<TypeSwitchGuard>(S->Tag))
      typeSwitchStmt(Inner | InTypeSwitch, S, G);
    else
      switchStmt(Inner, S);
    closeScope();
    return;
  }

  case NodeKind::SelectStmt: {
    auto *S = cast<SelectStmt>(S0);
    Inner |= BreakOk;
    // multiple defaults
    CommClause *First = nullptr;
    for (CommClause *C : S->Body) {
      if (!C->Comm) {
        if (First)
          error(C->pos(),
                "multiple defaults (first at " + posStr(First->pos()) + ")");
        else
          First = C;
      }
    }
    for (CommClause *Clause : S->Body) {
      // clause.Comm must be a SendStmt, RecvStmt, or default case
      bool Valid = false;
      syntax::Expr *Rhs = nullptr; // rhs of RecvStmt, or null
      if (!Clause->Comm || isa<SendStmt>(Clause->Comm)) {
        Valid = true;
      } else if (auto *AS = dyn_cast<AssignStmt>(Clause->Comm)) {
        if (!isa<ListExpr>(AS->Rhs))
          Rhs = AS->Rhs;
      } else if (auto *ES = dyn_cast<ExprStmt>(Clause->Comm)) {
        Rhs = ES->X;
      }
      // if present, rhs must be a receive operation
      if (Rhs) {
        if (auto *O = dyn_cast<Operation>(unparen(Rhs));
            O && !O->Y && O->Op == Operator::Recv)
          Valid = true;
      }
      if (!Valid) {
        errorAt(Clause->Comm, "select case must be send or receive (possibly "
                              "with assignment)");
        continue;
      }
      openScope(Clause, Pos());
      if (Clause->Comm)
        stmt(Inner, Clause->Comm);
      stmtList(Inner, Clause->Body);
      closeScope();
    }
    return;
  }

  case NodeKind::ForStmt: {
    auto *S = cast<ForStmt>(S0);
    Inner |= BreakOk | ContinueOk;
    if (auto *RC = dyn_cast_or_null<RangeClause>(S->Init)) {
      rangeStmt(Inner, S, RC);
      return;
    }
    openScope(S, Pos());
    simpleStmt(S->Init);
    if (S->Cond) {
      Operand X;
      expr(X, S->Cond);
      if (X.M != Mode::Invalid && !isBoolean(X.T))
        errorAt(S->Cond, "non-boolean condition in for statement");
    }
    simpleStmt(S->Post);
    // spec: "The init statement may be a short variable declaration, but
    // the post statement must not."
    if (auto *AS = dyn_cast_or_null<AssignStmt>(S->Post);
        AS && AS->Op == Operator::Def)
      use(AS->Lhs); // avoid follow-up errors
    stmt(Inner, S->Body);
    closeScope();
    return;
  }

  default:
    errorAt(S0, "invalid statement");
  }
}

//===----------------------------------------------------------------------===//
// Terminating statements (go/types return.go)
//===----------------------------------------------------------------------===//

static bool isPanicCall(syntax::Expr *E) {
  auto *Call = dyn_cast<CallExpr>(unparen(E));
  if (!Call)
    return false;
  auto *N = dyn_cast<syntax::Name>(unparen(Call->Fun));
  if (!N)
    return false;
  auto *B = dyn_cast_or_null<Builtin>(N->Obj);
  return B && B->Id == BuiltinId::Panic;
}

bool Checker::isTerminating(syntax::Stmt *S0, llvm::StringRef Label) {
  switch (S0->kind()) {
  case NodeKind::LabeledStmt: {
    auto *S = cast<LabeledStmt>(S0);
    return S->S && isTerminating(S->S, S->Label->Value);
  }
  case NodeKind::ExprStmt:
    // calling the predeclared (possibly parenthesized) panic() function is
    // terminating
    return isPanicCall(cast<ExprStmt>(S0)->X);
  case NodeKind::ReturnStmt:
    return true;
  case NodeKind::BranchStmt: {
    auto *S = cast<BranchStmt>(S0);
    return S->Tok == TokenKind::Goto || S->Tok == TokenKind::Fallthrough;
  }
  case NodeKind::BlockStmt:
    return isTerminatingList(cast<BlockStmt>(S0)->List, "");
  case NodeKind::IfStmt: {
    auto *S = cast<IfStmt>(S0);
    return S->Else && isTerminating(S->Then, "") && isTerminating(S->Else, "");
  }
  case NodeKind::SwitchStmt:
    return isTerminatingSwitch(cast<SwitchStmt>(S0)->Body, Label);
  case NodeKind::SelectStmt:
    for (CommClause *CC : cast<SelectStmt>(S0)->Body)
      if (!isTerminatingList(CC->Body, "") ||
          hasBreakList(CC->Body, Label, true))
        return false;
    return true;
  case NodeKind::ForStmt: {
    auto *S = cast<ForStmt>(S0);
    if (S->Init && isa<RangeClause>(S->Init))
      return false;
    return !S->Cond && !hasBreak(S->Body, Label, true);
  }
  default:
    return false;
  }
}

bool Checker::isTerminatingList(llvm::ArrayRef<syntax::Stmt *> List,
                                llvm::StringRef Label) {
  // trailing empty statements are permitted - skip them
  for (auto It = List.rbegin(); It != List.rend(); ++It)
    if (!isa<EmptyStmt>(*It))
      return isTerminating(*It, Label);
  return false; // all statements are empty
}

bool Checker::isTerminatingSwitch(llvm::ArrayRef<CaseClause *> Body,
                                  llvm::StringRef Label) {
  bool HasDefault = false;
  for (CaseClause *CC : Body) {
    if (!CC->Cases)
      HasDefault = true;
    if (!isTerminatingList(CC->Body, "") || hasBreakList(CC->Body, Label, true))
      return false;
  }
  return HasDefault;
}

bool Checker::hasBreakList(llvm::ArrayRef<syntax::Stmt *> List,
                           llvm::StringRef Label, bool Implicit) {
  for (syntax::Stmt *S : List)
    if (hasBreak(S, Label, Implicit))
      return true;
  return false;
}

bool Checker::hasBreak(syntax::Stmt *S0, llvm::StringRef Label, bool Implicit) {
  switch (S0->kind()) {
  case NodeKind::LabeledStmt:
    return cast<LabeledStmt>(S0)->S &&
           hasBreak(cast<LabeledStmt>(S0)->S, Label, Implicit);
  case NodeKind::BranchStmt: {
    auto *S = cast<BranchStmt>(S0);
    if (S->Tok == TokenKind::Break) {
      if (!S->Label)
        return Implicit;
      if (S->Label->Value == Label)
        return true;
    }
    return false;
  }
  case NodeKind::BlockStmt:
    return hasBreakList(cast<BlockStmt>(S0)->List, Label, Implicit);
  case NodeKind::IfStmt: {
    auto *S = cast<IfStmt>(S0);
    return hasBreak(S->Then, Label, Implicit) ||
           (S->Else && hasBreak(S->Else, Label, Implicit));
  }
  case NodeKind::SwitchStmt:
    if (!Label.empty())
      for (CaseClause *CC : cast<SwitchStmt>(S0)->Body)
        if (hasBreakList(CC->Body, Label, false))
          return true;
    return false;
  case NodeKind::SelectStmt:
    if (!Label.empty())
      for (CommClause *CC : cast<SelectStmt>(S0)->Body)
        if (hasBreakList(CC->Body, Label, false))
          return true;
    return false;
  case NodeKind::ForStmt:
    return !Label.empty() && hasBreak(cast<ForStmt>(S0)->Body, Label, false);
  default:
    return false;
  }
}
