//===- codegen/lower_stmt.cpp - Statements --------------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Statements: assignments (with Go's two-phase order), control flow (if,
// for, range, switch, type switch, labels, break/continue/goto/fallthrough)
// and returns. Break and continue targets are keyed by the statement the
// checker recorded on each BranchStmt. See lower.h.
//
//===----------------------------------------------------------------------===//

#include "codegen/lower.h"

#include "libgort/abi.h"

#include "llvm/IR/Constants.h"

using namespace gortc;
using namespace gortc::codegen;
using namespace gortc::types;
using namespace gortc::syntax;
using llvm::cast;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;
using llvm::isa;
using llvm::isa_and_nonnull;

namespace {
llvm::SmallVector<syntax::Expr *, 4> unpack(syntax::Expr *E) {
  llvm::SmallVector<syntax::Expr *, 4> R;
  if (!E)
    return R;
  if (auto *L = dyn_cast<ListExpr>(E))
    R.append(L->Elems.begin(), L->Elems.end());
  else
    R.push_back(E);
  return R;
}

} // namespace

void FuncLowerer::emitStmtList(llvm::ArrayRef<syntax::Stmt *> List) {
  for (syntax::Stmt *S : List) {
    if (terminated()) {
      // Unreachable code after return/branch: lower it into a fresh block
      // (labels may still jump into it).
      setBlock(newBlock("dead"));
    }
    emitStmt(S);
  }
}

llvm::BasicBlock *FuncLowerer::getLabelBlock(LabeledStmt *S) {
  auto It = LabelBlocks.find(S);
  if (It != LabelBlocks.end())
    return It->second;
  llvm::BasicBlock *BB = newBlock(S->Label->Value);
  LabelBlocks[S] = BB;
  return BB;
}

void FuncLowerer::emitStmt(syntax::Stmt *S0) {
  setLoc(S0->pos());
  switch (S0->kind()) {
  case NodeKind::EmptyStmt:
    return;

  case NodeKind::ExprStmt: {
    syntax::Expr *X = cast<ExprStmt>(S0)->X;
    if (auto *O = dyn_cast<syntax::Operation>(unparen(X));
        O && O->Op == Operator::Recv && !O->Y) {
      emitRecvDiscard(O);
      return;
    }
    if (auto *C = dyn_cast<CallExpr>(unparen(X))) {
      Type *T = X->TV.Ty;
      if (T && L.isAggregate(T)) {
        emitAggAddr(X);
        return;
      }
      if (T && isa<Tuple>(T)) {
        emitCallResults(C);
        return;
      }
      emitCall(C);
      return;
    }
    emitExpr(X);
    return;
  }

  case NodeKind::DeclStmt:
    for (Decl *D : cast<DeclStmt>(S0)->Decls)
      if (auto *VD = dyn_cast<VarDecl>(D))
        emitVarDecl(VD);
    return;

  case NodeKind::AssignStmt:
    emitAssign(cast<AssignStmt>(S0));
    return;

  case NodeKind::LabeledStmt: {
    auto *LS = cast<LabeledStmt>(S0);
    llvm::BasicBlock *BB = getLabelBlock(LS);
    branchTo(BB);
    setBlock(BB);
    if (!LS->S)
      return;
    if (auto *F = dyn_cast<ForStmt>(LS->S)) {
      emitFor(F, LS);
      return;
    }
    emitStmt(LS->S);
    return;
  }

  case NodeKind::BlockStmt:
    emitStmtList(cast<BlockStmt>(S0)->List);
    return;

  case NodeKind::IfStmt:
    emitIf(cast<IfStmt>(S0));
    return;

  case NodeKind::ForStmt:
    emitFor(cast<ForStmt>(S0), nullptr);
    return;

  case NodeKind::SwitchStmt: {
    auto *S = cast<SwitchStmt>(S0);
    if (auto *G = dyn_cast_or_null<TypeSwitchGuard>(S->Tag))
      emitTypeSwitch(S, G);
    else
      emitSwitch(S);
    return;
  }

  case NodeKind::ReturnStmt:
    emitReturn(cast<ReturnStmt>(S0));
    return;

  case NodeKind::BranchStmt:
    emitBranch(cast<BranchStmt>(S0));
    return;

  case NodeKind::CallStmt: {
    auto *CS = cast<CallStmt>(S0);
    if (CS->Tok == TokenKind::Defer) {
      emitDefer(CS);
      return;
    }
    emitGo(CS);
    return;
  }

  case NodeKind::SendStmt:
    emitSend(cast<SendStmt>(S0));
    return;

  case NodeKind::SelectStmt:
    emitSelect(cast<SelectStmt>(S0));
    return;

  default:
    L.internalError(S0->pos(), "statement is not supported yet");
    return;
  }
}

void FuncLowerer::emitVarDecl(VarDecl *D) {
  auto Values = unpack(D->Values);
  llvm::SmallVector<Var *, 4> Vars;
  for (syntax::Name *N : D->Names)
    Vars.push_back(cast<Var>(N->Obj));
  if (Values.empty()) {
    for (Var *V : Vars)
      if (V->name() != "_")
        declareVar(V);
    return;
  }
  if (Values.size() == Vars.size()) {
    // Evaluate all values first (they may refer to outer variables of the
    // same names), then declare.
    llvm::SmallVector<llvm::Value *, 4> Vals;
    for (size_t I = 0; I < Vars.size(); ++I) {
      Type *T = Vars[I]->type();
      if (L.isAggregate(T)) {
        llvm::Value *Tmp = createTemp(T, "init");
        emitStoreInto(Values[I], T, Tmp);
        Vals.push_back(Tmp);
      } else {
        Vals.push_back(emitExprAs(Values[I], T));
      }
    }
    for (size_t I = 0; I < Vars.size(); ++I) {
      if (Vars[I]->name() == "_")
        continue;
      llvm::Value *Addr = declareVar(Vars[I]);
      if (L.isAggregate(Vars[I]->type()))
        emitCopy(Addr, Vals[I], Vars[I]->type());
      else
        store(Vals[I], Addr);
    }
    return;
  }
  // var a, b = f()
  llvm::SmallVector<llvm::Value *, 4> Vals;
  llvm::SmallVector<Type *, 4> Types;
  if (!emitMultiValue(Values[0], Vals, Types))
    return;
  for (size_t I = 0; I < Vars.size(); ++I) {
    if (Vars[I]->name() == "_")
      continue;
    storeConverted(Vals[I], Types[I], Vars[I]->type(), declareVar(Vars[I]));
  }
}

void FuncLowerer::storeConverted(llvm::Value *V, Type *From, Type *To,
                                 llvm::Value *Addr) {
  if (isInterface(To) && !isInterface(From) && L.isAggregate(From))
    store(emitToInterface(nullptr, From, To, V), Addr);
  else if (L.isAggregate(From))
    emitCopy(Addr, V, From);
  else
    store(emitConversion(V, From, To), Addr);
}

llvm::Value *FuncLowerer::convertValue(llvm::Value *V, Type *From, Type *To) {
  if (L.isAggregate(To)) {
    llvm::Value *Tmp = createTemp(To, "conv");
    storeConverted(V, From, To, Tmp);
    return Tmp;
  }
  if (isInterface(To) && !isInterface(From) && L.isAggregate(From))
    return emitToInterface(nullptr, From, To, V);
  return emitConversion(V, From, To);
}

bool FuncLowerer::emitMultiValue(syntax::Expr *E,
                                 llvm::SmallVectorImpl<llvm::Value *> &Vals,
                                 llvm::SmallVectorImpl<Type *> &Types) {
  syntax::Expr *R = unparen(E);
  if (auto *TT = dyn_cast_or_null<Tuple>(R->TV.Ty)) {
    Vals.append(emitCallResults(cast<CallExpr>(R)));
    for (Var *V : TT->Vars)
      Types.push_back(V->type());
    return true;
  }
  if (auto *O = dyn_cast<syntax::Operation>(R);
      O && O->Op == Operator::Recv && !O->Y) {
    // v, ok := <-c
    Type *T = exprType(L.TCtx, O);
    llvm::Value *Ok, *Tmp = nullptr;
    if (L.isAggregate(T))
      Tmp = createTemp(T, "recv");
    llvm::Value *V = emitRecv(O, Tmp, &Ok);
    Vals.push_back(Tmp ? Tmp : V);
    Vals.push_back(Ok);
    Types.push_back(T);
    Types.push_back(L.TCtx.basic(BasicKind::Bool));
    return true;
  }
  if (auto *IX = dyn_cast<IndexExpr>(R)) {
    // v, ok := m[k]
    Type *T = exprType(L.TCtx, IX);
    llvm::Value *Ok, *Tmp = nullptr;
    if (L.isAggregate(T))
      Tmp = createTemp(T, "mapval");
    llvm::Value *V = emitMapIndex(IX, Tmp, &Ok);
    Vals.push_back(Tmp ? Tmp : V);
    Vals.push_back(Ok);
    Types.push_back(T);
    Types.push_back(L.TCtx.basic(BasicKind::Bool));
    return true;
  }
  if (auto *AE = dyn_cast<AssertExpr>(R)) {
    Type *T = exprType(L.TCtx, AE);
    llvm::Value *Ok;
    if (L.isAggregate(T)) {
      llvm::Value *Tmp = createTemp(T, "assert");
      emitTypeAssert(AE, true, &Ok, Tmp);
      Vals.push_back(Tmp);
    } else {
      Vals.push_back(emitTypeAssert(AE, true, &Ok, nullptr));
    }
    Vals.push_back(Ok);
    Types.push_back(T);
    Types.push_back(L.TCtx.basic(BasicKind::Bool));
    return true;
  }
  L.internalError(R->pos(), "comma-ok form is not supported yet");
  return false;
}

/// Whether L and R denote the same place or value and evaluating them has
/// no effect (gc's ir.SameSafeExpr): variables, field selections,
/// dereferences, indexing, arithmetic and constants over such operands.
static bool sameSafeExpr(syntax::Expr *L, syntax::Expr *R) {
  L = unparen(L);
  R = unparen(R);
  if (L->kind() != R->kind() || !L->TV.Ty || !R->TV.Ty ||
      !types::identical(L->TV.Ty, R->TV.Ty))
    return false;
  if (L->TV.M == Mode::Constant || R->TV.M == Mode::Constant)
    return L->TV.M == R->TV.M &&
           ConstValue::compare(*L->TV.Val, Operator::Eql, *R->TV.Val);
  switch (L->kind()) {
  case NodeKind::Name: {
    auto *LN = cast<syntax::Name>(L), *RN = cast<syntax::Name>(R);
    return LN->Obj && LN->Obj == RN->Obj && isa<Var>(LN->Obj);
  }
  case NodeKind::SelectorExpr: {
    auto *LS = cast<SelectorExpr>(L), *RS = cast<SelectorExpr>(R);
    if (!LS->Selection || !RS->Selection) // package-qualified names
      return LS->Sel->Obj && LS->Sel->Obj == RS->Sel->Obj &&
             isa<Var>(LS->Sel->Obj);
    return LS->Selection->Kind == SelectionKind::FieldVal &&
           RS->Selection->Kind == SelectionKind::FieldVal &&
           LS->Selection->Obj == RS->Selection->Obj &&
           LS->Selection->Index == RS->Selection->Index &&
           sameSafeExpr(LS->X, RS->X);
  }
  case NodeKind::IndexExpr: {
    auto *LI = cast<IndexExpr>(L), *RI = cast<IndexExpr>(R);
    return sameSafeExpr(LI->X, RI->X) && sameSafeExpr(LI->Index, RI->Index);
  }
  case NodeKind::Operation: {
    auto *LO = cast<Operation>(L), *RO = cast<Operation>(R);
    if (LO->Op != RO->Op || !LO->Y != !RO->Y)
      return false;
    switch (LO->Op) {
    case Operator::Not:
    case Operator::Add:
    case Operator::Sub:
    case Operator::Xor:
    case Operator::Mul: // *p when unary
    case Operator::Or:
    case Operator::Rem:
    case Operator::Div:
    case Operator::And:
    case Operator::AndNot:
    case Operator::Shl:
    case Operator::Shr:
      return sameSafeExpr(LO->X, RO->X) &&
             (!LO->Y || sameSafeExpr(LO->Y, RO->Y));
    default:
      return false;
    }
  }
  default:
    return false;
  }
}

/// The call of append in `m[k] = append(m[k], ...)`, with the same safe
/// m[k] on both sides; else null.
static CallExpr *mapAppendOf(syntax::Expr *Lhs, syntax::Expr *Rhs) {
  auto *IX = dyn_cast<IndexExpr>(unparen(Lhs));
  auto *Call = dyn_cast<CallExpr>(unparen(Rhs));
  if (!IX || !Call || !IX->X->TV.Ty || !isa<Map>(IX->X->TV.Ty->underlying()))
    return nullptr;
  if (builtinOf(Call->Fun) != BuiltinId::Append || Call->Args.empty())
    return nullptr;
  return sameSafeExpr(Lhs, Call->Args[0]) ? Call : nullptr;
}

void FuncLowerer::emitAssign(AssignStmt *S) {
  auto Lhs = unpack(S->Lhs);
  // x++, x-- and x op= y: the place's operands, then the right operand,
  // then the update. A map element m[k] is updated in the slot one
  // mapassign returns, as gc does (walk/assign.go), rather than looked up
  // twice; except for / and %, whose division by zero must panic before
  // the key is inserted (gc's order.go rewrites those to m[k] = m[k] op y).
  // Any other panic of op (a negative shift count) comes after the insert,
  // in gc too.
  // s += a + b on strings is one concatenation of s, a and b (gc's
  // OADDSTR), with s read after a and b are evaluated.
  if (!S->Rhs || (S->Op != Operator::None && S->Op != Operator::Def)) {
    Type *T = exprType(L.TCtx, Lhs[0]);
    LValue LV = emitLValue(Lhs[0]);
    auto TakeSlot = [&] {
      if (LV.MapT && S->Op != Operator::Div && S->Op != Operator::Rem) {
        LV.Addr = lvalueAddr(LV);
        LV.MapT = nullptr;
      }
    };
    if (S->Op == Operator::Add && S->Rhs && isString(T->underlying())) {
      llvm::Value *R = emitConcat(unpack(S->Rhs)[0], T, [&] {
        TakeSlot();
        return loadLValue(LV, T);
      });
      store(R, lvalueAddr(LV));
      return;
    }
    llvm::Value *Y;
    Type *YT = T;
    if (!S->Rhs) {
      Y = emitConst(ConstValue::makeInt64(1), T);
    } else {
      syntax::Expr *R = unpack(S->Rhs)[0];
      if (S->Op == Operator::Shl || S->Op == Operator::Shr)
        YT = exprType(L.TCtx, R);
      Y = emitExprAs(R, YT);
    }
    TakeSlot();
    llvm::Value *X = loadLValue(LV, T);
    store(emitBinary(S->Op, X, Y, T, YT), lvalueAddr(LV));
    return;
  }
  auto Rhs = unpack(S->Rhs);

  bool Define = S->Op == Operator::Def;
  // The variable (or null) each lhs denotes in a := statement.
  auto DefVar = [&](syntax::Expr *E) -> Var * {
    auto *N = dyn_cast<syntax::Name>(E);
    if (!N || N->Value == "_")
      return nullptr;
    return dyn_cast_or_null<Var>(N->Obj);
  };
  auto IsNew = [&](Var *V) {
    return V && !Vars.count(V) && !L.Globals.count(V);
  };

  // Phase 1: the operands of the places (blank for `_` and for variables
  // that := declares, which are declared after the values are computed).
  // The nil and bounds checks of the places wait for the stores (LValue).
  auto Place = [&](syntax::Expr *E) -> LValue {
    if (Define && IsNew(DefVar(E)))
      return LValue();
    llvm::SmallVector<PendingCheck, 1> Checks;
    DeferredChecks = &Checks;
    LValue LV = emitLValue(E);
    DeferredChecks = nullptr;
    LV.Checks = std::move(Checks);
    return LV;
  };
  // Phase 3: a store, declaring new variables of := now.
  auto StoreTo = [&](syntax::Expr *E, const LValue &LV, llvm::Value *V,
                     Type *VT) {
    if (isBlank(E))
      return;
    Type *LT = exprType(L.TCtx, E);
    if (LV.isBlank()) {
      storeConverted(V, VT, LT, declareVar(DefVar(E)));
      return;
    }
    emitPendingChecks(LV.Checks);
    storeConverted(V, VT, LT, lvalueAddr(LV));
  };

  if (Lhs.size() == 1 && Rhs.size() == 1 && !Define) {
    // m[k] = append(m[k], ...): the operands of append, then one
    // mapassign whose slot is read, appended to and written (gc's
    // walkAssign reuses the mapassign call the same way).
    if (CallExpr *Call = mapAppendOf(Lhs[0], Rhs[0])) {
      Type *T = exprType(L.TCtx, Lhs[0]);
      LValue LV = emitLValue(Lhs[0]);
      llvm::Value *Slot = nullptr;
      llvm::Value *V = emitAppend(Call, [&] {
        Slot = lvalueAddr(LV);
        return load(T, Slot);
      });
      store(V, Slot);
      return;
    }
  }

  if (Lhs.size() == Rhs.size()) {
    if (Lhs.size() == 1 && isBlank(Lhs[0])) {
      Type *T = exprType(L.TCtx, Rhs[0]);
      if (L.isAggregate(T))
        emitAggAddr(Rhs[0]);
      else
        emitExprAs(Rhs[0], T);
      return;
    }
    llvm::SmallVector<LValue, 4> Places;
    for (syntax::Expr *E : Lhs)
      Places.push_back(Place(E));
    // Phase 2: all values, converted to the types of their places.
    llvm::SmallVector<llvm::Value *, 4> Vals;
    llvm::SmallVector<Type *, 4> Types;
    for (size_t I = 0; I < Rhs.size(); ++I) {
      Type *T =
          isBlank(Lhs[I]) ? exprType(L.TCtx, Rhs[I]) : exprType(L.TCtx, Lhs[I]);
      Types.push_back(T);
      if (L.isAggregate(T)) {
        llvm::Value *Tmp = createTemp(T, "assign");
        emitStoreInto(Rhs[I], T, Tmp);
        Vals.push_back(Tmp);
      } else {
        Vals.push_back(emitExprAs(Rhs[I], T));
      }
    }
    for (size_t I = 0; I < Lhs.size(); ++I)
      StoreTo(Lhs[I], Places[I], Vals[I], Types[I]);
    return;
  }

  // a, b = f() and the comma-ok forms.
  llvm::SmallVector<LValue, 4> Places;
  for (syntax::Expr *E : Lhs)
    Places.push_back(Place(E));
  llvm::SmallVector<llvm::Value *, 4> Vals;
  llvm::SmallVector<Type *, 4> Types;
  if (!emitMultiValue(Rhs[0], Vals, Types))
    return;
  assert(Vals.size() == Lhs.size() && "values and operands differ");
  for (size_t I = 0; I < Lhs.size(); ++I)
    StoreTo(Lhs[I], Places[I], Vals[I], Types[I]);
}

void FuncLowerer::emitCond(syntax::Expr *E, llvm::BasicBlock *True,
                           llvm::BasicBlock *False) {
  E = unparen(E);
  if (auto *O = dyn_cast<Operation>(E);
      O && O->Y && E->TV.M != Mode::Constant) {
    if (O->Op == Operator::AndAnd) {
      llvm::BasicBlock *Mid = newBlock("and.rhs");
      emitCond(O->X, Mid, False);
      setBlock(Mid);
      emitCond(O->Y, True, False);
      return;
    }
    if (O->Op == Operator::OrOr) {
      llvm::BasicBlock *Mid = newBlock("or.rhs");
      emitCond(O->X, True, Mid);
      setBlock(Mid);
      emitCond(O->Y, True, False);
      return;
    }
  }
  if (auto *O = dyn_cast<Operation>(E);
      O && !O->Y && O->Op == Operator::Not && E->TV.M != Mode::Constant) {
    emitCond(O->X, False, True);
    return;
  }
  llvm::Value *C = emitExprAs(E, L.TCtx.basic(BasicKind::Bool));
  B.CreateCondBr(C, True, False);
}

void FuncLowerer::emitIf(IfStmt *S) {
  if (S->Init)
    emitStmt(S->Init);
  llvm::BasicBlock *Then = newBlock("if.then");
  llvm::BasicBlock *Done = newBlock("if.done");
  llvm::BasicBlock *Else = S->Else ? newBlock("if.else") : Done;
  emitCond(S->Cond, Then, Else);
  setBlock(Then);
  emitStmtList(S->Then->List);
  branchTo(Done);
  if (S->Else) {
    setBlock(Else);
    emitStmt(S->Else);
    branchTo(Done);
  }
  setBlock(Done);
}

void FuncLowerer::emitFor(ForStmt *S, LabeledStmt *Label) {
  (void)Label;
  struct LoopScope {
    unsigned &Depth;
    explicit LoopScope(unsigned &D) : Depth(D) { ++Depth; }
    ~LoopScope() { --Depth; }
  } Scope(LoopDepth);
  if (auto *R = dyn_cast_or_null<RangeClause>(S->Init)) {
    emitRange(S, R);
    return;
  }
  if (S->Init)
    emitStmt(S->Init);
  llvm::BasicBlock *Cond = newBlock("for.cond");
  llvm::BasicBlock *Body = newBlock("for.body");
  llvm::BasicBlock *Post = newBlock("for.post");
  llvm::BasicBlock *Done = newBlock("for.done");
  BreakTargets[S] = Done;
  ContinueTargets[S] = Post;
  branchTo(Cond);
  setBlock(Cond);
  if (S->Cond)
    emitCond(S->Cond, Body, Done);
  else
    B.CreateBr(Body);
  setBlock(Body);
  emitStmtList(S->Body->List);
  branchTo(Post);
  setBlock(Post);
  if (S->Post)
    emitStmt(S->Post);
  branchTo(Cond);
  setBlock(Done);
}

void FuncLowerer::emitRange(ForStmt *S, RangeClause *R) {
  syntax::Expr *Key = nullptr, *Value = nullptr;
  if (R->Lhs) {
    auto L2 = unpack(R->Lhs);
    Key = L2[0];
    if (L2.size() > 1)
      Value = L2[1];
  }
  if (Key && isBlank(Key))
    Key = nullptr;
  if (Value && isBlank(Value))
    Value = nullptr;

  Type *XT = exprType(L.TCtx, R->X);
  Type *U = XT->underlying();
  llvm::BasicBlock *Cond = newBlock("range.cond");
  llvm::BasicBlock *Body = newBlock("range.body");
  llvm::BasicBlock *Post = newBlock("range.post");
  llvm::BasicBlock *Done = newBlock("range.done");
  BreakTargets[S] = Done;
  ContinueTargets[S] = Post;

  // With :=, the iteration variables are declared once for the whole loop
  // (Go 1.19 semantics: closures capture one variable), then assigned on
  // each iteration like the variables of `k, v = range`.
  if (R->Def) {
    for (syntax::Expr *E : {Key, Value})
      if (E)
        declareVar(cast<Var>(cast<syntax::Name>(E)->Obj));
  }
  // Assigns the iteration values (addresses, for aggregates) as one
  // assignment does: the operands of both places first (for i, x[i] =
  // range y indexes x with the old i), then the stores.
  auto Bind = [&](llvm::Value *KV, Type *KT, llvm::Value *VV, Type *VT) {
    LValue KL, VL;
    if (Key)
      KL = emitLValue(Key);
    if (Value && VV)
      VL = emitLValue(Value);
    if (Key)
      storeConverted(KV, KT, exprType(L.TCtx, Key), lvalueAddr(KL));
    if (Value && VV)
      storeConverted(VV, VT, exprType(L.TCtx, Value), lvalueAddr(VL));
  };

  if (isString(U)) {
    llvm::Value *Str = emitExpr(R->X);
    llvm::Value *Len = B.CreateExtractValue(Str, 1);
    llvm::Value *Ptr = B.CreateExtractValue(Str, 0);
    llvm::Value *IndexSlot = createAlloca(L.I64, "range.i");
    llvm::Value *NextSlot = createAlloca(L.I64, "range.next");
    store(B.getInt64(0), IndexSlot);
    store(B.getInt64(0), NextSlot);
    B.CreateBr(Cond);
    setBlock(Cond);
    llvm::Value *I = B.CreateLoad(L.I64, NextSlot, "i");
    B.CreateCondBr(B.CreateICmpSLT(I, Len), Body, Done);
    setBlock(Body);
    store(I, IndexSlot);
    // Decode one rune: ASCII fast path, else the runtime.
    llvm::Value *C = B.CreateLoad(L.I8, B.CreateGEP(L.I8, Ptr, I));
    llvm::BasicBlock *Ascii = newBlock("range.ascii");
    llvm::BasicBlock *Multi = newBlock("range.multi");
    llvm::BasicBlock *Have = newBlock("range.rune");
    B.CreateCondBr(B.CreateICmpULT(C, B.getInt8(0x80)), Ascii, Multi);
    setBlock(Ascii);
    llvm::Value *R1 = B.CreateZExt(C, L.I32);
    llvm::Value *N1 = B.CreateAdd(I, B.getInt64(1));
    B.CreateBr(Have);
    setBlock(Multi);
    llvm::Value *D =
        B.CreateCall(L.getRuntime(RuntimeFn::gort_decoderune), {Ptr, Len, I});
    llvm::Value *R2 = B.CreateTrunc(B.CreateExtractValue(D, 0), L.I32);
    llvm::Value *N2 = B.CreateExtractValue(D, 1);
    B.CreateBr(Have);
    setBlock(Have);
    llvm::PHINode *Rune = B.CreatePHI(L.I32, 2, "rune");
    Rune->addIncoming(R1, Ascii);
    Rune->addIncoming(R2, Multi);
    llvm::PHINode *Next = B.CreatePHI(L.I64, 2, "next");
    Next->addIncoming(N1, Ascii);
    Next->addIncoming(N2, Multi);
    store(Next, NextSlot);
    Bind(I, L.TCtx.basic(BasicKind::Int), Rune, L.TCtx.runeType());
    emitStmtList(S->Body->List);
    branchTo(Post);
    setBlock(Post);
    B.CreateBr(Cond);
    setBlock(Done);
    return;
  }

  if (isa<Chan>(U)) {
    emitChanRange(S, R, Key, Cond, Body, Post, Done);
    return;
  }
  if (auto *M = dyn_cast<Map>(U)) {
    // gc: mapiterinit/mapiternext over an iterator in the frame; the order
    // is randomised by the runtime.
    llvm::Value *MapV = emitExpr(R->X);
    auto *ItTy = llvm::ArrayType::get(L.I64, gort::abi::MapIterSize / 8);
    llvm::AllocaInst *It = createAlloca(ItTy, "range.iter");
    It->setAlignment(llvm::Align(8));
    B.CreateMemSet(It, B.getInt8(0), gort::abi::MapIterSize, llvm::Align(8));
    B.CreateCall(L.getRuntime(RuntimeFn::gort_mapiterinit),
                 {L.getTypeDescriptor(XT), MapV, It});
    B.CreateBr(Cond);
    setBlock(Cond);
    llvm::Value *KP = B.CreateLoad(
        L.GCPtr, B.CreateConstGEP1_64(L.I8, It, gort::abi::MapIterKeyOffset),
        "range.key");
    B.CreateCondBr(B.CreateIsNull(KP), Done, Body);
    setBlock(Body);
    llvm::Value *KV = nullptr, *VV = nullptr;
    if (Key)
      KV = L.isAggregate(M->Key) ? KP : load(M->Key, KP);
    if (Value) {
      llvm::Value *EP = B.CreateLoad(
          L.GCPtr, B.CreateConstGEP1_64(L.I8, It, gort::abi::MapIterElemOffset),
          "range.elem");
      VV = L.isAggregate(M->Elem) ? EP : load(M->Elem, EP);
    }
    Bind(KV, M->Key, VV, M->Elem);
    emitStmtList(S->Body->List);
    branchTo(Post);
    setBlock(Post);
    B.CreateCall(L.getRuntime(RuntimeFn::gort_mapiternext), {It});
    B.CreateBr(Cond);
    setBlock(Done);
    return;
  }

  // Arrays, pointers to arrays, slices.
  llvm::Value *Len, *Base = nullptr;
  Type *ElemT;
  if (auto *A = dyn_cast<Array>(U)) {
    ElemT = A->Elem;
    Len = B.getInt64(A->Len);
    if (Value) {
      // The range expression is evaluated once: iterate over a copy.
      llvm::Value *Copy = createTemp(XT, "range.copy");
      emitStoreInto(R->X, XT, Copy);
      Base = Copy;
    } else if (!R->X->TV.Val && !isa<syntax::Name>(unparen(R->X))) {
      // len(x) is constant, but x may have side effects (calls).
      if (R->X->TV.M != Mode::Variable)
        emitAggAddr(R->X);
    }
  } else if (auto *P = dyn_cast<Pointer>(U)) {
    auto *A = cast<Array>(P->Elem->underlying());
    ElemT = A->Elem;
    Len = B.getInt64(A->Len);
    llvm::Value *PV = emitExpr(R->X);
    if (Value) {
      emitNilCheck(PV);
      Base = PV;
    }
  } else if (auto *Sl = dyn_cast<Slice>(U)) {
    ElemT = Sl->Elem;
    llvm::Value *SV = emitExpr(R->X);
    Len = B.CreateExtractValue(SV, 1, "range.len");
    Base = B.CreateExtractValue(SV, 0, "range.ptr");
  } else {
    L.internalError(R->pos(),
                    "range over " + typeString(XT) + " is not supported yet");
    setBlock(Done);
    return;
  }
  llvm::Value *IndexSlot = createAlloca(L.I64, "range.i");
  store(B.getInt64(0), IndexSlot);
  B.CreateBr(Cond);
  setBlock(Cond);
  llvm::Value *I = B.CreateLoad(L.I64, IndexSlot, "i");
  B.CreateCondBr(B.CreateICmpSLT(I, Len), Body, Done);
  setBlock(Body);
  llvm::Value *VV = nullptr;
  if (Value) {
    llvm::Value *EA = B.CreateGEP(L.getLLVMType(ElemT), Base, I);
    VV = L.isAggregate(ElemT) ? EA : load(ElemT, EA);
  }
  Bind(I, L.TCtx.basic(BasicKind::Int), VV, ElemT);
  emitStmtList(S->Body->List);
  branchTo(Post);
  setBlock(Post);
  llvm::Value *I2 = B.CreateLoad(L.I64, IndexSlot);
  store(B.CreateAdd(I2, B.getInt64(1)), IndexSlot);
  B.CreateBr(Cond);
  setBlock(Done);
}

void FuncLowerer::emitSwitch(SwitchStmt *S) {
  if (S->Init)
    emitStmt(S->Init);
  Type *TagT = nullptr;
  llvm::Value *Tag = nullptr;
  llvm::Value *TagAddr = nullptr;
  if (S->Tag) {
    TagT = exprType(L.TCtx, S->Tag);
    if (L.isAggregate(TagT)) {
      TagAddr = createTemp(TagT, "switch.tag");
      emitStoreInto(S->Tag, TagT, TagAddr);
    } else {
      Tag = emitExprAs(S->Tag, TagT);
    }
  }
  llvm::BasicBlock *Done = newBlock("switch.done");
  BreakTargets[S] = Done;

  // One body block per clause; tests chained in source order, default last.
  size_t N = S->Body.size();
  std::vector<llvm::BasicBlock *> Bodies(N);
  for (size_t I = 0; I < N; ++I)
    Bodies[I] = newBlock("case.body");
  int Default = -1;
  for (size_t I = 0; I < N; ++I) {
    CaseClause *C = S->Body[I];
    if (!C->Cases) {
      Default = int(I);
      continue;
    }
    for (syntax::Expr *E : unpack(C->Cases)) {
      llvm::BasicBlock *Next = newBlock("case.next");
      if (!S->Tag) {
        emitCond(E, Bodies[I], Next);
      } else {
        // Compare in the common type (the case value may be an interface
        // or the tag may be one).
        Type *ET = exprType(L.TCtx, E);
        Type *CT = TagT;
        llvm::Value *Eq;
        if (isInterface(ET) && !isInterface(TagT)) {
          CT = ET;
          llvm::Value *TV = TagAddr
                                ? emitToInterface(nullptr, TagT, ET, TagAddr)
                                : emitToInterface(Tag, TagT, ET);
          Eq = emitCompare(Operator::Eql, TV, emitExprAs(E, CT), CT);
        } else if (L.isAggregate(CT)) {
          llvm::Value *EA = emitAggAddr(E);
          Eq = L.emitTypeEqualCall(B, CT, TagAddr, EA);
        } else {
          Eq = emitCompare(Operator::Eql, Tag, emitExprAs(E, CT), CT);
        }
        B.CreateCondBr(Eq, Bodies[I], Next);
      }
      setBlock(Next);
    }
  }
  B.CreateBr(Default >= 0 ? Bodies[Default] : Done);

  for (size_t I = 0; I < N; ++I) {
    setBlock(Bodies[I]);
    llvm::BasicBlock *SavedFT = FallthroughTarget;
    FallthroughTarget = I + 1 < N ? Bodies[I + 1] : Done;
    emitStmtList(S->Body[I]->Body);
    FallthroughTarget = SavedFT;
    branchTo(Done);
  }
  setBlock(Done);
}

void FuncLowerer::emitTypeSwitch(SwitchStmt *S, TypeSwitchGuard *G) {
  if (S->Init)
    emitStmt(S->Init);
  Type *XT = exprType(L.TCtx, G->X);
  llvm::Value *X = emitExpr(G->X);
  llvm::Value *DynType = emitDynType(X, XT);
  llvm::Value *Data = B.CreateExtractValue(X, 1, "data");
  llvm::BasicBlock *Done = newBlock("tswitch.done");
  BreakTargets[S] = Done;

  size_t N = S->Body.size();
  std::vector<llvm::BasicBlock *> Bodies(N);
  for (size_t I = 0; I < N; ++I)
    Bodies[I] = newBlock("tcase.body");
  int Default = -1;
  for (size_t I = 0; I < N; ++I) {
    CaseClause *C = S->Body[I];
    if (!C->Cases) {
      Default = int(I);
      continue;
    }
    for (syntax::Expr *E : unpack(C->Cases)) {
      llvm::BasicBlock *Next = newBlock("tcase.next");
      llvm::Value *Match;
      auto *N2 = dyn_cast<syntax::Name>(unparen(E));
      if (N2 && isa_and_nonnull<Nil>(N2->Obj)) {
        Match = B.CreateIsNull(DynType);
      } else {
        Type *CT = E->TV.Ty;
        if (isInterface(CT)) {
          // Does the dynamic type implement CT?
          llvm::Value *Tab =
              B.CreateCall(L.getRuntime(RuntimeFn::gort_assertE2I2),
                           {L.getTypeDescriptor(CT), DynType}, "itab");
          Match =
              B.CreateAnd(B.CreateIsNotNull(DynType), B.CreateIsNotNull(Tab));
        } else {
          Match = B.CreateICmpEQ(DynType, L.getTypeDescriptor(CT));
        }
      }
      B.CreateCondBr(Match, Bodies[I], Next);
      setBlock(Next);
    }
  }
  B.CreateBr(Default >= 0 ? Bodies[Default] : Done);

  for (size_t I = 0; I < N; ++I) {
    setBlock(Bodies[I]);
    CaseClause *C = S->Body[I];
    if (Var *V = C->Implicit) {
      Type *VT = V->type();
      llvm::Value *Addr = declareVar(V);
      if (isInterface(VT)) {
        store(isInterface(XT) && identical(VT, XT) ? X
                                                   : emitConversion(X, XT, VT),
              Addr);
      } else if (L.isAggregate(VT)) {
        emitUnbox(Data, VT, Addr);
      } else {
        store(emitUnbox(Data, VT, nullptr), Addr);
      }
    }
    emitStmtList(C->Body);
    branchTo(Done);
  }
  setBlock(Done);
}

void FuncLowerer::emitReturn(ReturnStmt *S) {
  if (S && S->Results) {
    auto Results = unpack(S->Results);
    size_t NRes = Sig->Results ? Sig->Results->size() : 0;
    if (Results.size() == NRes) {
      // Evaluate all results before storing (they may read named results).
      llvm::SmallVector<llvm::Value *, 4> Vals;
      for (size_t I = 0; I < NRes; ++I) {
        Type *T = Sig->Results->Vars[I]->type();
        if (L.isAggregate(T)) {
          llvm::Value *Tmp = createTemp(T, "ret");
          emitStoreInto(Results[I], T, Tmp);
          Vals.push_back(Tmp);
        } else {
          Vals.push_back(emitExprAs(Results[I], T));
        }
      }
      for (size_t I = 0; I < NRes; ++I) {
        Type *T = Sig->Results->Vars[I]->type();
        if (L.isAggregate(T))
          emitCopy(ResultSlots[I], Vals[I], T);
        else
          store(Vals[I], ResultSlots[I]);
      }
    } else {
      // return f() with several results.
      auto *Call = cast<CallExpr>(unparen(Results[0]));
      llvm::SmallVector<llvm::Value *, 4> Vals = emitCallResults(Call);
      auto *TT = cast<Tuple>(Results[0]->TV.Ty);
      assert(Vals.size() == NRes && "results and values differ");
      for (size_t I = 0; I < NRes; ++I) {
        Type *T = Sig->Results->Vars[I]->type();
        storeConverted(Vals[I], TT->Vars[I]->type(), T, ResultSlots[I]);
      }
    }
  }
  if (DeferFrame || OpenState) {
    B.CreateBr(getDeferExit());
    return;
  }
  emitRet();
}

void FuncLowerer::emitRet() {
  // Return the scalar results; aggregate results are already in the
  // caller's memory.
  llvm::SmallVector<llvm::Value *, 4> Scalars;
  size_t NRes = Sig->Results ? Sig->Results->size() : 0;
  for (size_t I = 0; I < NRes; ++I) {
    if (ABI.ResultIndirect[I]) {
      // A named aggregate result that escaped lives in a cell: copy out.
      llvm::Value *Out = Fn->getArg(ABI.FirstOut + [&] {
        unsigned K = 0;
        for (size_t J = 0; J < I; ++J)
          if (ABI.ResultIndirect[J])
            ++K;
        return K;
      }());
      if (ResultSlots[I] != Out)
        emitCopy(Out, ResultSlots[I], Sig->Results->Vars[I]->type());
      continue;
    }
    Scalars.push_back(load(Sig->Results->Vars[I]->type(), ResultSlots[I]));
  }
  if (Scalars.empty())
    B.CreateRetVoid();
  else if (Scalars.size() == 1)
    B.CreateRet(Scalars[0]);
  else
    B.CreateAggregateRet(Scalars.data(), unsigned(Scalars.size()));
}

//===----------------------------------------------------------------------===//
// defer
//===----------------------------------------------------------------------===//
//
// A function with defer statements (design.md "defer, panic, recover"):
//
//   entry:   %defer.frame = alloca i8          ; the activation's identity
//            ; result slots escape (an empty asm takes their addresses), so
//            ; their values are in memory at every call: a recovery resumes
//            ; with whatever the body or the deferred calls stored there.
//   defer:   %clo = <the call packaged as a closure, emitCallClosure>
//            %r = call i32 @gort_deferproc(%defer.frame, %clo, %rec)
//            br (%r != 0), %defer.exit, %next  ; 1: a panic was recovered
//   return:  store results; br %defer.exit
//   defer.exit: call @gort_deferreturn(%defer.frame); load results; ret
//
// %rec is a DeferRecordSize-byte frame slot for a defer statement outside
// loops (it runs at most once per call), else null (a heap record).

llvm::BasicBlock *FuncLowerer::getDeferExit() {
  assert((DeferFrame || OpenState) && "defer exit of a function that does "
                                      "not defer");
  if (DeferExit)
    return DeferExit;
  DeferExit = newBlock("defer.exit");
  if (OpenState)
    return DeferExit; // filled by finishOpenDefers, when all are known
  llvm::IRBuilderBase::InsertPointGuard Guard(B);
  B.SetInsertPoint(DeferExit);
  B.CreateCall(L.getRuntime(RuntimeFn::gort_deferreturn), {DeferFrame});
  emitRet();
  return DeferExit;
}

void FuncLowerer::emitDefer(CallStmt *S) {
  if (OpenState) {
    emitOpenDefer(S);
    return;
  }
  llvm::CallInst *R = nullptr;
  if (LoopDepth > 0 || HasGoto) {
    // The record comes from the runtime (recycled); the closure goes in
    // the record's inline space when it fits.
    syntax::Expr *Fun = unparen(S->Call->Fun);
    bool Direct = isa<FuncLit>(Fun) && S->Call->Args.empty();
    PackagedCall PC;
    if (!Direct && packageCall(S->Call, "defer", /*CodeField=*/true, PC) &&
        L.sizeOf(PC.ST) <= int64_t(gort::abi::DeferInlineSize)) {
      llvm::Function *WF = makeCallWrapper(PC, "defer");
      llvm::Value *Rec =
          B.CreateCall(L.getRuntime(RuntimeFn::gort_newdefer), {}, "defer.rec");
      storeCallClosure(
          PC, WF, B.CreateConstGEP1_64(L.I8, Rec, gort::abi::DeferRecordSize));
      R = B.CreateCall(L.getRuntime(RuntimeFn::gort_deferprocinline),
                       {DeferFrame, Rec});
    } else {
      llvm::Value *Clo;
      if (Direct || !PC.ST) {
        Clo = emitCallClosure(S->Call, "defer");
      } else {
        Clo = B.CreateCall(L.getRuntime(RuntimeFn::gort_newobject),
                           {L.getTypeDescriptor(PC.ST)}, "defer.closure");
        storeCallClosure(PC, makeCallWrapper(PC, "defer"), Clo);
      }
      R = B.CreateCall(
          L.getRuntime(RuntimeFn::gort_deferproc),
          {DeferFrame, Clo,
           llvm::ConstantPointerNull::get(cast<llvm::PointerType>(L.Ptr))});
    }
    R->addFnAttr(llvm::Attribute::ReturnsTwice);
    llvm::BasicBlock *Next = newBlock("defer.next");
    B.CreateCondBr(B.CreateICmpNE(R, B.getInt32(0), "recovered"),
                   getDeferExit(), Next);
    setBlock(Next);
    return;
  }
  // At most once per call: the record lives in the frame.
  llvm::Value *Clo = emitCallClosure(S->Call, "defer");
  auto *RecTy = llvm::ArrayType::get(L.I64, gort::abi::DeferRecordSize / 8);
  llvm::AllocaInst *Rec = createAlloca(RecTy, "defer.rec");
  Rec->setAlignment(llvm::Align(8));
  R = B.CreateCall(L.getRuntime(RuntimeFn::gort_deferproc),
                   {DeferFrame, Clo, Rec});
  R->addFnAttr(llvm::Attribute::ReturnsTwice);
  llvm::BasicBlock *Next = newBlock("defer.next");
  B.CreateCondBr(B.CreateICmpNE(R, B.getInt32(0), "recovered"), getDeferExit(),
                 Next);
  setBlock(Next);
}

// Open-coded defers (gc 1.14's design, with one runtime record per call of
// the function instead of gc's funcdata):
//
//   entry:  %state = {ptr @F.opendefers, i64 bits = 0, [N x ptr] slots}
//           %r = call i32 @gort_deferprocopen(%state, %rec)  ; returns_twice
//           br (%r != 0), %defer.exit, %body
//   defer i: %args.i = the call's captured function value and arguments
//           slots[i] = %args.i; bits |= 1 << i
//   defer.exit: for i = N-1 .. 0: if bits & (1 << i): clear it, call i
//           call @gort_deferpop(%rec); load results; ret
//
// @F.opendefers(%state) runs the newest pending call (clearing its bit
// first): the runtime calls it, one call at a time, while a panic unwinds
// the frame; a recovery resumes at the checkpoint and the exit runs the
// rest. The calls at the exit are direct calls, which LLVM can inline.

void FuncLowerer::beginOpenDefers(unsigned N) {
  // One bit of abi::OpenDefers::Bits per defer statement.
  assert(N > 0 && N <= gort::abi::MaxOpenDefers && "not open-codable");
  OpenStateTy = llvm::StructType::get(
      L.Ctx, {L.Ptr, L.I64, llvm::ArrayType::get(L.Ptr, N)});
  llvm::AllocaInst *State = createAlloca(OpenStateTy, "defer.state");
  State->setAlignment(llvm::Align(8));
  OpenState = State;
  auto *RecTy = llvm::ArrayType::get(L.I64, gort::abi::DeferRecordSize / 8);
  llvm::AllocaInst *Rec = createAlloca(RecTy, "defer.rec");
  Rec->setAlignment(llvm::Align(8));
  OpenRec = Rec;
  // recover() looks through the runner's frame (runtime/panic.cpp).
  OpenRunner = L.createGeneratedFunction(
      Fn->getName() + ".opendefers",
      L.getABI(L.getNullarySignature(), false).FnTy,
      llvm::GlobalValue::InternalLinkage, /*InWrapperSection=*/true);
  B.CreateStore(OpenRunner, B.CreateStructGEP(OpenStateTy, OpenState, 0));
  B.CreateStore(B.getInt64(0), B.CreateStructGEP(OpenStateTy, OpenState, 1));
  llvm::CallInst *R = B.CreateCall(L.getRuntime(RuntimeFn::gort_deferprocopen),
                                   {OpenState, OpenRec});
  R->addFnAttr(llvm::Attribute::ReturnsTwice);
  llvm::BasicBlock *Body = newBlock("defer.body");
  B.CreateCondBr(B.CreateICmpNE(R, B.getInt32(0), "recovered"), getDeferExit(),
                 Body);
  setBlock(Body);
}

void FuncLowerer::emitOpenDefer(CallStmt *S) {
  unsigned I = unsigned(OpenCalls.size());
  assert(I < OpenStateTy->getElementType(2)->getArrayNumElements() &&
         "more defer statements than lowerBody counted");
  PackagedCall PC;
  if (!packageCall(S->Call, "defer", /*CodeField=*/false, PC))
    return;
  llvm::Value *Args = createTemp(PC.ST, "defer.args");
  for (unsigned F = 0; F < PC.ST->Fields.size(); ++F) {
    Type *T = PC.ST->Fields[F]->type();
    llvm::Value *Dst = emitFieldAddr(Args, PC.ST, F);
    if (L.isAggregate(T))
      emitCopy(Dst, PC.Vals[F], T);
    else
      store(PC.Vals[F], Dst);
  }
  B.CreateStore(Args, B.CreateConstGEP2_32(
                          OpenStateTy->getElementType(2),
                          B.CreateStructGEP(OpenStateTy, OpenState, 2), 0, I));
  llvm::Value *BitsAddr = B.CreateStructGEP(OpenStateTy, OpenState, 1);
  B.CreateStore(
      B.CreateOr(B.CreateLoad(L.I64, BitsAddr), B.getInt64(uint64_t(1) << I)),
      BitsAddr);
  OpenCalls.push_back(std::move(PC));
}

void FuncLowerer::emitOpenDeferCall(FuncLowerer &W, llvm::Value *State,
                                    unsigned I, llvm::BasicBlock *After) {
  llvm::IRBuilder<> &WB = W.B;
  llvm::Value *BitsAddr = WB.CreateStructGEP(OpenStateTy, State, 1);
  llvm::Value *Bits = WB.CreateLoad(W.L.I64, BitsAddr, "bits");
  uint64_t Mask = uint64_t(1) << I;
  llvm::BasicBlock *Call = W.newBlock("defer.call");
  WB.CreateCondBr(WB.CreateICmpNE(WB.CreateAnd(Bits, Mask), WB.getInt64(0)),
                  Call, After);
  W.setBlock(Call);
  WB.CreateStore(WB.CreateAnd(Bits, ~Mask), BitsAddr);
  llvm::Value *Args = WB.CreateLoad(
      W.L.Ptr,
      WB.CreateConstGEP2_32(OpenStateTy->getElementType(2),
                            WB.CreateStructGEP(OpenStateTy, State, 2), 0, I),
      "defer.args");
  OpenCalls[I].Body(W, Args);
}

void FuncLowerer::finishOpenDefers() {
  unsigned N = unsigned(OpenCalls.size());
  // The exit: pending calls, newest first, then the record goes.
  {
    llvm::IRBuilderBase::InsertPointGuard Guard(B);
    setBlock(DeferExit);
    for (unsigned K = N; K-- > 0;) {
      llvm::BasicBlock *Next = newBlock("defer.next");
      emitOpenDeferCall(*this, OpenState, K, Next);
      branchTo(Next);
      setBlock(Next);
    }
    B.CreateCall(L.getRuntime(RuntimeFn::gort_deferpop), {OpenRec});
    emitRet();
  }
  // The runner: the newest pending call only.
  GeneratedBody W(L, OpenRunner);
  llvm::Value *State = OpenRunner->getArg(0);
  for (unsigned K = N; K-- > 0;) {
    llvm::BasicBlock *Next = W.newBlock("runner.next");
    emitOpenDeferCall(W, State, K, Next);
    if (!W.terminated())
      W.B.CreateRetVoid();
    W.setBlock(Next);
  }
  W.B.CreateRetVoid();
}

void FuncLowerer::emitBranch(BranchStmt *S) {
  switch (S->Tok) {
  case TokenKind::Break: {
    auto It = BreakTargets.find(S->Target);
    if (It == BreakTargets.end()) {
      L.internalError(S->pos(), "break target not found");
      return;
    }
    B.CreateBr(It->second);
    return;
  }
  case TokenKind::Continue: {
    auto It = ContinueTargets.find(S->Target);
    if (It == ContinueTargets.end()) {
      L.internalError(S->pos(), "continue target not found");
      return;
    }
    B.CreateBr(It->second);
    return;
  }
  case TokenKind::Goto:
    B.CreateBr(getLabelBlock(cast<LabeledStmt>(S->Target)));
    return;
  case TokenKind::Fallthrough:
    // The checker allows fallthrough only in a case clause with a next one.
    assert(FallthroughTarget && "fallthrough without a next case clause");
    B.CreateBr(FallthroughTarget);
    return;
  default:
    llvm_unreachable("branch statement of another token");
  }
}
