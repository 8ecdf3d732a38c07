//===- codegen/lower_expr.cpp - Expressions -------------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Scalar expressions (emitExpr), addresses (emitAddr), aggregates in memory
// (emitAggAddr, emitStoreInto), constants, arithmetic with Go's semantics
// (wrapping, defined shifts, divide-by-zero panics), comparisons,
// conversions, selectors, indexing and slicing with bounds checks, and
// composite literals. See lower.h.
//
//===----------------------------------------------------------------------===//

#include "codegen/lower.h"

#include "libgort/abi.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/Support/SaveAndRestore.h"

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
/// gc's boundsKind codes (runtime/error.go), see libgort/abi.def.
enum BoundsCode : unsigned {
  BoundsIndex = 0,
  BoundsSliceAlen,
  BoundsSliceAcap,
  BoundsSliceB,
  BoundsSlice3Alen,
  BoundsSlice3Acap,
  BoundsSlice3B,
  BoundsSlice3C,
  BoundsConvert,
  BoundsSigned = 0x100,
};

} // namespace

//===----------------------------------------------------------------------===//
// Checks
//===----------------------------------------------------------------------===//

void FuncLowerer::emitNilCheck(llvm::Value *Ptr) {
  if (DeferredChecks) {
    DeferredChecks->push_back(PendingCheck{Ptr, nullptr, nullptr, 0, Pos()});
    return;
  }
  llvm::Value *IsNil = B.CreateIsNull(Ptr, "isnil");
  llvm::BasicBlock *Panic = newBlock("nilpanic");
  llvm::BasicBlock *Ok = newBlock("nilok");
  llvm::MDBuilder MDB(L.Ctx);
  B.CreateCondBr(IsNil, Panic, Ok, MDB.createBranchWeights(1, 1 << 20));
  setBlock(Panic);
  B.CreateCall(L.getRuntime(RuntimeFn::gort_panicmem));
  B.CreateUnreachable();
  setBlock(Ok);
}

/// Extends an index of Go integer type T to i64; sets Signed.
static llvm::Value *extendIndex(llvm::IRBuilder<> &B, llvm::Value *V, Type *T,
                                bool &Signed) {
  Signed = !isUnsigned(T);
  if (V->getType()->getIntegerBitWidth() >= 64)
    return V;
  return Signed ? B.CreateSExt(V, B.getInt64Ty())
                : B.CreateZExt(V, B.getInt64Ty());
}

llvm::Value *FuncLowerer::emitBoundsCheck(llvm::Value *Index, Type *IndexType,
                                          llvm::Value *Len, unsigned Code,
                                          Pos At) {
  bool Signed;
  llvm::Value *I = extendIndex(B, Index, IndexType, Signed);
  Code |= Signed ? BoundsSigned : 0;
  if (DeferredChecks) {
    DeferredChecks->push_back(PendingCheck{nullptr, I, Len, Code, At});
    return I;
  }
  emitPendingChecks(PendingCheck{nullptr, I, Len, Code, At});
  return I;
}

void FuncLowerer::emitPendingChecks(llvm::ArrayRef<PendingCheck> Checks) {
  for (const PendingCheck &C : Checks) {
    if (C.Ptr) {
      emitNilCheck(C.Ptr);
      continue;
    }
    emitBoundsPanicIf(B.CreateICmpUGE(C.Index, C.Len, "oob"), C.Index, C.Len,
                      C.Code, "boundspanic", "inbounds", C.At);
  }
}

void FuncLowerer::emitBoundsPanicIf(llvm::Value *Bad, llvm::Value *X,
                                    llvm::Value *Y, unsigned Code,
                                    const char *PanicName, const char *OkName,
                                    Pos At) {
  if (auto *K = dyn_cast<llvm::ConstantInt>(Bad); K && K->isZero())
    return;
  llvm::BasicBlock *Panic = newBlock(PanicName);
  llvm::BasicBlock *Ok = newBlock(OkName);
  llvm::MDBuilder MDB(L.Ctx);
  B.CreateCondBr(Bad, Panic, Ok, MDB.createBranchWeights(1, 1 << 20));
  setBlock(Panic);
  llvm::DebugLoc Saved = B.getCurrentDebugLocation();
  if (At.isValid())
    setLoc(At);
  B.CreateCall(L.getRuntime(RuntimeFn::gort_panicBounds),
               {X, Y, B.getInt32(Code)});
  B.CreateUnreachable();
  B.SetCurrentDebugLocation(Saved);
  setBlock(Ok);
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

llvm::Value *FuncLowerer::emitConst(const ConstValue &V, Type *T) {
  if (isInterface(T)) {
    // Box the constant with its default type.
    Type *DT = nullptr;
    switch (V.kind()) {
    case ConstValue::Kind::Bool:
      DT = L.TCtx.basic(BasicKind::Bool);
      break;
    case ConstValue::Kind::String:
      DT = L.TCtx.basic(BasicKind::String);
      break;
    case ConstValue::Kind::Int:
      DT = L.TCtx.basic(BasicKind::Int);
      break;
    case ConstValue::Kind::Float:
      DT = L.TCtx.basic(BasicKind::Float64);
      break;
    case ConstValue::Kind::Complex:
      DT = L.TCtx.basic(BasicKind::Complex128);
      break;
    default:
      DT = L.TCtx.basic(BasicKind::Int);
    }
    return emitToInterface(emitConst(V, DT), DT, T);
  }
  return L.constantOf(V, T);
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

llvm::Value *FuncLowerer::emitExprAs(syntax::Expr *E, Type *T) {
  // The operands of a place are evaluated with their checks; only the
  // place's own address postpones them (DeferredChecks).
  llvm::SaveAndRestore<llvm::SmallVectorImpl<PendingCheck> *> NoDeferral(
      DeferredChecks, nullptr);
  if (E->TV.M == Mode::Constant && E->TV.Val) {
    // A constant converted to an interface keeps its own (or default) type.
    if (isInterface(T)) {
      Type *From = exprType(L.TCtx, E);
      if (!isInterface(From))
        return emitToInterface(emitConst(*E->TV.Val, From), From, T);
    }
    return emitConst(*E->TV.Val, T);
  }
  Type *From = exprType(L.TCtx, E);
  // nil
  if (E->TV.Ty && basicKindOf(E->TV.Ty) == BasicKind::UntypedNil)
    return llvm::Constant::getNullValue(L.getLLVMType(T));
  if (auto *N = dyn_cast<syntax::Name>(unparen(E));
      N && isa_and_nonnull<Nil>(N->Obj))
    return llvm::Constant::getNullValue(L.getLLVMType(T));
  if (isInterface(T) && !isInterface(From)) {
    if (L.isAggregate(From))
      return emitToInterface(nullptr, From, T, emitAggAddr(E));
    return emitToInterface(emitExpr(E), From, T);
  }
  llvm::Value *V = emitExpr(E);
  if (isInterface(T) && isInterface(From) && !identical(From, T))
    return emitToInterface(V, From, T);
  return V;
}

void FuncLowerer::emitStoreInto(syntax::Expr *E, Type *T, llvm::Value *Addr) {
  if (L.isAggregate(T)) {
    syntax::Expr *U = unparen(E);
    if (auto *CL = dyn_cast<CompositeLit>(U)) {
      // Build in a temporary: the literal may read the destination.
      llvm::Value *Tmp = createTemp(T, "complit");
      emitCompositeLitInto(CL, T, Tmp);
      emitCopy(Addr, Tmp, T);
      return;
    }
    emitCopy(Addr, emitAggAddr(E), T);
    return;
  }
  store(emitExprAs(E, T), Addr);
}

llvm::Value *FuncLowerer::emitAggAddr(syntax::Expr *E0) {
  // The operands of a place are evaluated with their checks; only the
  // place's own address postpones them (DeferredChecks).
  llvm::SaveAndRestore<llvm::SmallVectorImpl<PendingCheck> *> NoDeferral(
      DeferredChecks, nullptr);
  syntax::Expr *E = unparen(E0);
  Type *T = exprType(L.TCtx, E);
  switch (E->kind()) {
  case NodeKind::Name:
    if (auto *V = dyn_cast_or_null<Var>(cast<syntax::Name>(E)->Obj))
      return varAddr(V);
    break;
  case NodeKind::CompositeLit: {
    llvm::Value *Tmp = createTemp(T, "complit");
    emitCompositeLitInto(cast<CompositeLit>(E), T, Tmp);
    return Tmp;
  }
  case NodeKind::CallExpr: {
    llvm::Value *Tmp = createTemp(T, "call.tmp");
    return emitCall(cast<CallExpr>(E), Tmp);
  }
  case NodeKind::AssertExpr: {
    llvm::Value *Tmp = createTemp(T, "assert.tmp");
    emitTypeAssert(cast<AssertExpr>(E), false, nullptr, Tmp);
    return Tmp;
  }
  case NodeKind::Operation: {
    auto *O = cast<Operation>(E);
    if (O->Op == Operator::Mul && !O->Y) {
      llvm::Value *P = emitExpr(O->X);
      emitNilCheck(P);
      return P;
    }
    if (O->Op == Operator::Recv && !O->Y) {
      llvm::Value *Tmp = createTemp(T, "recv");
      emitRecv(O, Tmp, nullptr);
      return Tmp;
    }
    break;
  }
  case NodeKind::SelectorExpr:
  case NodeKind::IndexExpr:
    if (E->TV.M == Mode::Variable || E->kind() == NodeKind::SelectorExpr ||
        !isa<Map>(exprType(L.TCtx, cast<IndexExpr>(E)->X)->underlying()))
      return emitAddr(E);
    {
      // m[k]: copied out of the map at once.
      llvm::Value *Tmp = createTemp(T, "mapval");
      emitMapIndex(cast<IndexExpr>(E), Tmp, nullptr);
      return Tmp;
    }
  default:
    break;
  }
  // Anything else: evaluate as a value into a temporary.
  L.internalError(E->pos(), "unsupported aggregate expression");
  return createTemp(T, "bad");
}

llvm::Value *FuncLowerer::emitAddr(syntax::Expr *E0) {
  syntax::Expr *E = unparen(E0);
  switch (E->kind()) {
  case NodeKind::Name: {
    auto *V = dyn_cast_or_null<Var>(cast<syntax::Name>(E)->Obj);
    if (V)
      return varAddr(V);
    break;
  }
  case NodeKind::Operation: {
    auto *O = cast<Operation>(E);
    if (O->Op == Operator::Mul && !O->Y) {
      llvm::Value *P = emitExpr(O->X);
      emitNilCheck(P);
      return P;
    }
    break;
  }
  case NodeKind::SelectorExpr: {
    auto *S = cast<SelectorExpr>(E);
    Selection *Sel = S->Selection;
    if (!Sel)
      if (auto *V = dyn_cast_or_null<Var>(S->Sel->Obj)) // pkg.V
        return varAddr(V);
    if (!Sel || Sel->Kind != SelectionKind::FieldVal)
      break;
    Type *T = exprType(L.TCtx, S->X);
    llvm::Value *Addr;
    if (auto *P = dyn_cast<Pointer>(T->underlying())) {
      Addr = emitExpr(S->X);
      emitNilCheck(Addr);
      T = P->Elem;
    } else {
      Addr = emitAggAddr(S->X);
    }
    return emitFieldPath(Addr, T, Sel->Index);
  }
  case NodeKind::IndexExpr: {
    auto *IX = cast<IndexExpr>(E);
    Type *T = exprType(L.TCtx, IX->X);
    Type *U = T->underlying();
    Type *IT = exprType(L.TCtx, IX->Index);
    if (auto *P = dyn_cast<Pointer>(U)) {
      llvm::Value *Base = emitExpr(IX->X);
      emitNilCheck(Base);
      auto *A = cast<Array>(P->Elem->underlying());
      llvm::Value *I = emitExprAs(IX->Index, IT);
      if (IX->Index->TV.M != Mode::Constant)
        I = emitBoundsCheck(I, IT, B.getInt64(A->Len), BoundsIndex, IX->pos());
      else {
        bool S;
        I = extendIndex(B, I, IT, S);
      }
      return B.CreateGEP(L.getLLVMType(A->Elem), Base, I);
    }
    if (auto *A = dyn_cast<Array>(U)) {
      llvm::Value *Base = emitAggAddr(IX->X);
      llvm::Value *I = emitExprAs(IX->Index, IT);
      if (IX->Index->TV.M != Mode::Constant)
        I = emitBoundsCheck(I, IT, B.getInt64(A->Len), BoundsIndex, IX->pos());
      else {
        bool S;
        I = extendIndex(B, I, IT, S);
      }
      return B.CreateGEP(L.getLLVMType(A->Elem), Base, I);
    }
    if (auto *S = dyn_cast<Slice>(U)) {
      llvm::Value *SV = emitExpr(IX->X);
      llvm::Value *I = emitExprAs(IX->Index, IT);
      llvm::Value *Len = B.CreateExtractValue(SV, 1, "len");
      I = emitBoundsCheck(I, IT, Len, BoundsIndex, IX->pos());
      llvm::Value *Ptr = B.CreateExtractValue(SV, 0, "ptr");
      return B.CreateGEP(L.getLLVMType(S->Elem), Ptr, I);
    }
    break;
  }
  case NodeKind::CompositeLit: {
    Type *T = exprType(L.TCtx, E);
    llvm::Value *Tmp = createTemp(T, "complit");
    emitCompositeLitInto(cast<CompositeLit>(E), T, Tmp);
    return Tmp;
  }
  default:
    break;
  }
  if (L.isAggregate(exprType(L.TCtx, E)))
    return emitAggAddr(E);
  L.internalError(E->pos(), "expression is not addressable");
  return createTemp(exprType(L.TCtx, E), "bad");
}

llvm::Value *FuncLowerer::emitFieldAddr(llvm::Value *Addr, Type *T,
                                        unsigned I) {
  llvm::Type *ST = L.getLLVMType(T);
  return B.CreateStructGEP(ST, Addr, L.llvmFieldIndex(T, I));
}

llvm::Value *FuncLowerer::emitFieldPath(llvm::Value *Addr, Type *&T,
                                        llvm::ArrayRef<int> Path) {
  for (size_t K = 0; K < Path.size(); ++K) {
    auto *S = cast<Struct>(T->underlying());
    Var *F = S->Fields[Path[K]];
    Addr = emitFieldAddr(Addr, T, unsigned(Path[K]));
    T = F->type();
    // Embedded pointers are followed (except for the last element).
    if (K + 1 < Path.size()) {
      if (auto *P = dyn_cast<Pointer>(T->underlying())) {
        Addr = load(T, Addr, "embedded");
        emitNilCheck(Addr);
        T = P->Elem;
      }
    }
  }
  return Addr;
}

llvm::Value *FuncLowerer::emitRecvPath(llvm::Value *Addr, Type *&T,
                                       llvm::ArrayRef<int> Path, bool PtrRecv) {
  Addr = emitFieldPath(Addr, T, Path);
  if (Path.empty())
    return Addr;
  if (auto *P = dyn_cast<Pointer>(T->underlying())) {
    Addr = load(T, Addr, "embedded");
    if (!PtrRecv)
      emitNilCheck(Addr);
    T = P->Elem;
  }
  return Addr;
}

//===----------------------------------------------------------------------===//
// Scalar expressions
//===----------------------------------------------------------------------===//

llvm::Value *FuncLowerer::emitExpr(syntax::Expr *E) {
  // The operands of a place are evaluated with their checks; only the
  // place's own address postpones them (DeferredChecks).
  llvm::SaveAndRestore<llvm::SmallVectorImpl<PendingCheck> *> NoDeferral(
      DeferredChecks, nullptr);
  Type *T = exprType(L.TCtx, E);
  if (E->TV.M == Mode::Constant && E->TV.Val)
    return emitConst(*E->TV.Val, T);
  if (L.isAggregate(T) && E->kind() != NodeKind::ParenExpr) {
    // Aggregates only appear here when a caller wants their value: load.
    return load(T, emitAggAddr(E));
  }

  switch (E->kind()) {
  case NodeKind::ParenExpr:
    return emitExpr(cast<ParenExpr>(E)->X);

  case NodeKind::Name: {
    auto *N = cast<syntax::Name>(E);
    if (auto *V = dyn_cast_or_null<Var>(N->Obj))
      return load(V->type(), varAddr(V), V->name());
    if (auto *F = dyn_cast_or_null<Func>(N->Obj))
      return L.getFuncValue(L.getFunction(F));
    if (isa_and_nonnull<Nil>(N->Obj))
      return llvm::Constant::getNullValue(L.getLLVMType(T));
    break;
  }

  case NodeKind::FuncLit:
    return emitFuncLit(cast<FuncLit>(E));

  case NodeKind::CompositeLit:
    return emitCompositeLit(cast<CompositeLit>(E));

  case NodeKind::SelectorExpr:
    return emitSelector(cast<SelectorExpr>(E));

  case NodeKind::IndexExpr:
    if (syntax::Name *FN = instanceName(E)) // f[int] as a func value
      return L.getFuncValue(L.getFunction(cast<Func>(FN->Obj)));
    return emitIndex(cast<IndexExpr>(E));

  case NodeKind::SliceExpr:
    return emitSliceExpr(cast<SliceExpr>(E));

  case NodeKind::AssertExpr:
    return emitTypeAssert(cast<AssertExpr>(E), false, nullptr, nullptr);

  case NodeKind::CallExpr:
    return emitCall(cast<CallExpr>(E));

  case NodeKind::Operation: {
    auto *O = cast<Operation>(E);
    if (!O->Y) {
      switch (O->Op) {
      case Operator::Mul: {
        // *p
        llvm::Value *P = emitExpr(O->X);
        emitNilCheck(P);
        return load(T, P);
      }
      case Operator::And: {
        // &x: composite literals escape to the heap.
        syntax::Expr *X = unparen(O->X);
        if (auto *CL = dyn_cast<CompositeLit>(X)) {
          Type *PT = cast<Pointer>(T->underlying())->Elem;
          llvm::Value *Obj =
              B.CreateCall(L.getRuntime(RuntimeFn::gort_newobject),
                           {L.getTypeDescriptor(PT)}, "new");
          if (L.isAggregate(PT)) {
            llvm::Value *Tmp = createTemp(PT, "complit");
            emitCompositeLitInto(CL, PT, Tmp);
            emitCopy(Obj, Tmp, PT);
          } else {
            store(emitCompositeLit(CL), Obj);
          }
          return Obj;
        }
        return toGCPtr(emitAddr(X));
      }
      case Operator::Add:
        return emitExpr(O->X);
      case Operator::Sub: {
        llvm::Value *X = emitExpr(O->X);
        if (X->getType()->isIntegerTy())
          return B.CreateNeg(X);
        if (X->getType()->isFloatingPointTy())
          return B.CreateFNeg(X);
        llvm::Value *Re = B.CreateFNeg(B.CreateExtractValue(X, 0));
        llvm::Value *Im = B.CreateFNeg(B.CreateExtractValue(X, 1));
        llvm::Value *R = llvm::UndefValue::get(X->getType());
        R = B.CreateInsertValue(R, Re, 0);
        return B.CreateInsertValue(R, Im, 1);
      }
      case Operator::Xor:
        return B.CreateNot(emitExpr(O->X));
      case Operator::Not:
        return B.CreateNot(emitExprAs(O->X, L.TCtx.basic(BasicKind::Bool)));
      case Operator::Recv:
        return emitRecv(O, nullptr, nullptr);
      default:
        break;
      }
      break;
    }
    // Binary operations.
    if (O->Op == Operator::AndAnd || O->Op == Operator::OrOr) {
      llvm::Value *X = emitExprAs(O->X, L.TCtx.basic(BasicKind::Bool));
      llvm::BasicBlock *From = B.GetInsertBlock();
      llvm::BasicBlock *Rhs = newBlock("logic.rhs");
      llvm::BasicBlock *Done = newBlock("logic.done");
      if (O->Op == Operator::AndAnd)
        B.CreateCondBr(X, Rhs, Done);
      else
        B.CreateCondBr(X, Done, Rhs);
      setBlock(Rhs);
      llvm::Value *Y = emitExprAs(O->Y, L.TCtx.basic(BasicKind::Bool));
      llvm::BasicBlock *RhsEnd = B.GetInsertBlock();
      B.CreateBr(Done);
      setBlock(Done);
      llvm::PHINode *P = B.CreatePHI(L.I1, 2, "logic");
      P->addIncoming(B.getInt1(O->Op == Operator::OrOr), From);
      P->addIncoming(Y, RhsEnd);
      return P;
    }
    Type *XT = exprType(L.TCtx, O->X), *YT = exprType(L.TCtx, O->Y);
    if (isComparison(O->Op)) {
      // Operand types: one may be assignable to the other (interfaces,
      // nil, untyped constants); compare in the common type.
      Type *CT = XT;
      bool XNil =
          O->X->TV.Ty && basicKindOf(O->X->TV.Ty) == BasicKind::UntypedNil;
      bool YNil =
          O->Y->TV.Ty && basicKindOf(O->Y->TV.Ty) == BasicKind::UntypedNil;
      if (XNil)
        CT = YT;
      else if (YNil)
        CT = XT;
      else if (isInterface(YT) && !isInterface(XT))
        CT = YT;
      else if (isUntyped(O->X->TV.Ty) && !isUntyped(O->Y->TV.Ty))
        CT = YT;
      if (L.isAggregate(CT)) {
        llvm::Value *XA = emitAggAddr(O->X), *YA = emitAggAddr(O->Y);
        llvm::Value *Eq = L.emitTypeEqualCall(B, CT, XA, YA);
        return O->Op == Operator::Eql ? Eq : B.CreateNot(Eq);
      }
      // A comparison keeps nothing of its operands: string(b) == s does
      // not copy b.
      bool Str = isString(CT->underlying());
      auto Operand = [&](syntax::Expr *E) {
        llvm::Value *V = Str ? emitTempString(E) : nullptr;
        return V ? V : emitExprAs(E, CT);
      };
      llvm::Value *X = Operand(O->X);
      llvm::Value *Y = Operand(O->Y);
      return emitCompare(O->Op, X, Y, CT);
    }
    if (O->Op == Operator::Shl || O->Op == Operator::Shr) {
      llvm::Value *X = emitExprAs(O->X, T);
      // A constant count may be an untyped float or complex constant with
      // an integral value (x << 2.0): the checker keeps its type, as
      // types2 does; it shifts as the uint it is representable as.
      if (O->Y->TV.M == Mode::Constant && O->Y->TV.Val &&
          !isInteger(YT->underlying())) {
        YT = L.TCtx.basic(BasicKind::Uint);
        return emitBinary(O->Op, X, emitConst(O->Y->TV.Val->toInt(), YT), T,
                          YT);
      }
      llvm::Value *Y = emitExpr(O->Y);
      return emitBinary(O->Op, X, Y, T, YT);
    }
    if (O->Op == Operator::Add && isString(T->underlying()))
      return emitConcat(O, T);
    llvm::Value *X = emitExprAs(O->X, T);
    llvm::Value *Y = emitExprAs(O->Y, T);
    // Division by a constant non-zero needs no check.
    return emitBinary(O->Op, X, Y, T, T);
  }

  default:
    break;
  }
  L.internalError(E->pos(), "unsupported expression");
  return llvm::UndefValue::get(L.getLLVMType(T));
}

//===----------------------------------------------------------------------===//
// Arithmetic and comparison
//===----------------------------------------------------------------------===//

llvm::Value *
FuncLowerer::emitConcat(syntax::Expr *E, Type *T,
                        llvm::function_ref<llvm::Value *()> First) {
  // The operands in source order: non-constant sums are flattened, on
  // either side and through parentheses (gc's typecheck builds one
  // OADDSTR the same way); constants, calls and the rest are leaves.
  llvm::SmallVector<syntax::Expr *, 8> Ops;
  auto Collect = [&](auto &Self, syntax::Expr *X) -> void {
    auto *O = dyn_cast<Operation>(unparen(X));
    if (O && O->Op == Operator::Add && O->Y && X->TV.M != Mode::Constant) {
      Self(Self, O->X);
      Self(Self, O->Y);
      return;
    }
    Ops.push_back(X);
  };
  Collect(Collect, E);
  llvm::SmallVector<llvm::Value *, 8> Vals;
  for (syntax::Expr *X : Ops)
    Vals.push_back(emitExprAs(X, T));
  if (First)
    Vals.insert(Vals.begin(), First());
  if (Vals.size() == 2)
    return emitBinary(Operator::Add, Vals[0], Vals[1], T, T);
  // gc's concatstrings: the operands in an array in the frame.
  auto *ArrTy = llvm::ArrayType::get(L.StringTy, Vals.size());
  llvm::AllocaInst *Arr = createAlloca(ArrTy, "concat.ops");
  for (size_t I = 0; I < Vals.size(); ++I)
    B.CreateStore(Vals[I], B.CreateConstInBoundsGEP2_64(ArrTy, Arr, 0, I));
  return B.CreateCall(L.getRuntime(RuntimeFn::gort_concatstrings),
                      {noTmpBuf(), Arr, B.getInt64(int64_t(Vals.size()))},
                      "concat");
}

llvm::Value *FuncLowerer::noTmpBuf() {
  return llvm::Constant::getNullValue(L.Ptr);
}

llvm::Value *FuncLowerer::emitBinary(Operator Op, llvm::Value *X,
                                     llvm::Value *Y, Type *T, Type *YType) {
  llvm::Type *LT = X->getType();
  if (isString(T)) {
    // Only + is defined on strings.
    llvm::Value *R = B.CreateCall(
        L.getRuntime(RuntimeFn::gort_concatstring2),
        {noTmpBuf(), B.CreateExtractValue(X, 0), B.CreateExtractValue(X, 1),
         B.CreateExtractValue(Y, 0), B.CreateExtractValue(Y, 1)},
        "concat");
    return R;
  }
  if (LT->isIntegerTy()) {
    bool Unsigned = isUnsigned(T);
    unsigned W = LT->getIntegerBitWidth();
    switch (Op) {
    case Operator::Add:
      return B.CreateAdd(X, Y);
    case Operator::Sub:
      return B.CreateSub(X, Y);
    case Operator::Mul:
      return B.CreateMul(X, Y);
    case Operator::And:
      return B.CreateAnd(X, Y);
    case Operator::Or:
      return B.CreateOr(X, Y);
    case Operator::Xor:
      return B.CreateXor(X, Y);
    case Operator::AndNot:
      return B.CreateAnd(X, B.CreateNot(Y));
    case Operator::Div:
    case Operator::Rem: {
      auto *CY = dyn_cast<llvm::ConstantInt>(Y);
      if (!CY || CY->isZero()) {
        llvm::BasicBlock *Panic = newBlock("divpanic");
        llvm::BasicBlock *Ok = newBlock("divok");
        llvm::MDBuilder MDB(L.Ctx);
        B.CreateCondBr(B.CreateICmpEQ(Y, llvm::ConstantInt::get(LT, 0)), Panic,
                       Ok, MDB.createBranchWeights(1, 1 << 20));
        setBlock(Panic);
        B.CreateCall(L.getRuntime(RuntimeFn::gort_panicdivide));
        B.CreateUnreachable();
        setBlock(Ok);
      }
      if (Unsigned)
        return Op == Operator::Div ? B.CreateUDiv(X, Y) : B.CreateURem(X, Y);
      if (CY && !CY->isMinusOne())
        return Op == Operator::Div ? B.CreateSDiv(X, Y) : B.CreateSRem(X, Y);
      // x / -1 is -x (wrapping for the most negative x), x % -1 is 0: avoid
      // the hardware trap of MinInt / -1.
      llvm::Value *IsM1 = B.CreateICmpEQ(Y, llvm::ConstantInt::get(LT, -1));
      llvm::Value *SafeY =
          B.CreateSelect(IsM1, llvm::ConstantInt::get(LT, 1), Y);
      if (Op == Operator::Div)
        return B.CreateSelect(IsM1, B.CreateNeg(X), B.CreateSDiv(X, SafeY));
      return B.CreateSelect(IsM1, llvm::ConstantInt::get(LT, 0),
                            B.CreateSRem(X, SafeY));
    }
    case Operator::Shl:
    case Operator::Shr: {
      // The count may be of any integer type; a negative signed count
      // panics; counts >= width give 0 (or the sign for signed >>).
      llvm::Type *CT = Y->getType();
      bool SignedCount = YType && !isUnsigned(YType);
      if (SignedCount && !isa<llvm::ConstantInt>(Y)) {
        llvm::BasicBlock *Panic = newBlock("shiftpanic");
        llvm::BasicBlock *Ok = newBlock("shiftok");
        llvm::MDBuilder MDB(L.Ctx);
        B.CreateCondBr(B.CreateICmpSLT(Y, llvm::ConstantInt::get(CT, 0)), Panic,
                       Ok, MDB.createBranchWeights(1, 1 << 20));
        setBlock(Panic);
        B.CreateCall(L.getRuntime(RuntimeFn::gort_panicshift));
        B.CreateUnreachable();
        setBlock(Ok);
      }
      // Bring the count to the width of X (saturating at W).
      llvm::Value *Big = B.CreateICmpUGE(Y, llvm::ConstantInt::get(CT, W));
      llvm::Value *Cnt;
      if (CT->getIntegerBitWidth() > W)
        Cnt = B.CreateTrunc(Y, LT);
      else if (CT->getIntegerBitWidth() < W)
        Cnt = B.CreateZExt(Y, LT);
      else
        Cnt = Y;
      llvm::Value *Safe =
          B.CreateSelect(Big, llvm::ConstantInt::get(LT, W - 1), Cnt);
      if (Op == Operator::Shl) {
        llvm::Value *R = B.CreateShl(X, Safe);
        return B.CreateSelect(Big, llvm::ConstantInt::get(LT, 0), R);
      }
      if (Unsigned) {
        llvm::Value *R = B.CreateLShr(X, Safe);
        return B.CreateSelect(Big, llvm::ConstantInt::get(LT, 0), R);
      }
      return B.CreateAShr(X, Safe);
    }
    default:
      break;
    }
  } else if (LT->isFloatingPointTy()) {
    switch (Op) {
    case Operator::Add:
      return B.CreateFAdd(X, Y);
    case Operator::Sub:
      return B.CreateFSub(X, Y);
    case Operator::Mul:
      return B.CreateFMul(X, Y);
    case Operator::Div:
      return B.CreateFDiv(X, Y);
    default:
      break;
    }
  } else if (isComplex(T)) {
    llvm::Value *A = B.CreateExtractValue(X, 0),
                *Bv = B.CreateExtractValue(X, 1);
    llvm::Value *C = B.CreateExtractValue(Y, 0),
                *D = B.CreateExtractValue(Y, 1);
    llvm::Value *Re, *Im;
    switch (Op) {
    case Operator::Add:
      Re = B.CreateFAdd(A, C);
      Im = B.CreateFAdd(Bv, D);
      break;
    case Operator::Sub:
      Re = B.CreateFSub(A, C);
      Im = B.CreateFSub(Bv, D);
      break;
    case Operator::Mul:
      Re = B.CreateFSub(B.CreateFMul(A, C), B.CreateFMul(Bv, D));
      Im = B.CreateFAdd(B.CreateFMul(A, D), B.CreateFMul(Bv, C));
      break;
    case Operator::Div: {
      // The runtime's complex128div (Smith's algorithm, with C99 fix-ups),
      // as gc; complex64 divides in double precision.
      bool F32 = A->getType()->isFloatTy();
      auto Ext = [&](llvm::Value *V) {
        return F32 ? B.CreateFPExt(V, B.getDoubleTy()) : V;
      };
      llvm::Value *R = B.CreateCall(L.getRuntime(RuntimeFn::gort_complex128div),
                                    {Ext(A), Ext(Bv), Ext(C), Ext(D)});
      Re = B.CreateExtractValue(R, 0);
      Im = B.CreateExtractValue(R, 1);
      if (F32) {
        Re = B.CreateFPTrunc(Re, B.getFloatTy());
        Im = B.CreateFPTrunc(Im, B.getFloatTy());
      }
      break;
    }
    default:
      return llvm::UndefValue::get(LT);
    }
    llvm::Value *R = llvm::UndefValue::get(LT);
    R = B.CreateInsertValue(R, Re, 0);
    return B.CreateInsertValue(R, Im, 1);
  }
  L.internalError(Pos(), "unsupported binary operation");
  return llvm::UndefValue::get(LT);
}

llvm::Value *FuncLowerer::emitCompare(Operator Op, llvm::Value *X,
                                      llvm::Value *Y, Type *T) {
  Type *U = T->underlying();
  if (isString(U)) {
    llvm::Value *XP = B.CreateExtractValue(X, 0),
                *XL = B.CreateExtractValue(X, 1);
    llvm::Value *YP = B.CreateExtractValue(Y, 0),
                *YL = B.CreateExtractValue(Y, 1);
    if (Op == Operator::Eql || Op == Operator::Neq) {
      // Lengths first, then the bytes.
      llvm::BasicBlock *From = B.GetInsertBlock();
      llvm::BasicBlock *Cmp = newBlock("streq.bytes");
      llvm::BasicBlock *Done = newBlock("streq.done");
      B.CreateCondBr(B.CreateICmpEQ(XL, YL), Cmp, Done);
      setBlock(Cmp);
      llvm::Value *Same = B.CreateCall(L.getRuntime(RuntimeFn::gort_memequal),
                                       {XP, YP, XL}, "memequal");
      llvm::BasicBlock *CmpEnd = B.GetInsertBlock();
      B.CreateBr(Done);
      setBlock(Done);
      llvm::PHINode *P = B.CreatePHI(L.I1, 2, "streq");
      P->addIncoming(B.getFalse(), From);
      P->addIncoming(Same, CmpEnd);
      return Op == Operator::Eql ? static_cast<llvm::Value *>(P)
                                 : B.CreateNot(P);
    }
    llvm::Value *C = B.CreateCall(L.getRuntime(RuntimeFn::gort_cmpstring),
                                  {XP, XL, YP, YL}, "cmpstring");
    llvm::Value *Zero = B.getInt64(0);
    switch (Op) {
    case Operator::Lss:
      return B.CreateICmpSLT(C, Zero);
    case Operator::Leq:
      return B.CreateICmpSLE(C, Zero);
    case Operator::Gtr:
      return B.CreateICmpSGT(C, Zero);
    default:
      return B.CreateICmpSGE(C, Zero);
    }
  }
  if (isa<Interface>(U)) {
    llvm::Value *Eq = emitIfaceCompare(X, Y, T);
    return Op == Operator::Eql ? Eq : B.CreateNot(Eq);
  }
  if (isa<Slice>(U)) {
    // Only comparison with nil: compare the pointers.
    X = B.CreateExtractValue(X, 0);
    Y = B.CreateExtractValue(Y, 0);
  }
  llvm::Type *LT = X->getType();
  if (LT->isIntegerTy() || LT->isPointerTy()) {
    bool Unsigned = isUnsigned(T) || LT->isPointerTy() || isBoolean(T);
    switch (Op) {
    case Operator::Eql:
      return B.CreateICmpEQ(X, Y);
    case Operator::Neq:
      return B.CreateICmpNE(X, Y);
    case Operator::Lss:
      return Unsigned ? B.CreateICmpULT(X, Y) : B.CreateICmpSLT(X, Y);
    case Operator::Leq:
      return Unsigned ? B.CreateICmpULE(X, Y) : B.CreateICmpSLE(X, Y);
    case Operator::Gtr:
      return Unsigned ? B.CreateICmpUGT(X, Y) : B.CreateICmpSGT(X, Y);
    default:
      return Unsigned ? B.CreateICmpUGE(X, Y) : B.CreateICmpSGE(X, Y);
    }
  }
  if (LT->isFloatingPointTy()) {
    switch (Op) {
    case Operator::Eql:
      return B.CreateFCmpOEQ(X, Y);
    case Operator::Neq:
      return B.CreateFCmpUNE(X, Y);
    case Operator::Lss:
      return B.CreateFCmpOLT(X, Y);
    case Operator::Leq:
      return B.CreateFCmpOLE(X, Y);
    case Operator::Gtr:
      return B.CreateFCmpOGT(X, Y);
    default:
      return B.CreateFCmpOGE(X, Y);
    }
  }
  if (isComplex(T)) {
    llvm::Value *Re =
        B.CreateFCmpOEQ(B.CreateExtractValue(X, 0), B.CreateExtractValue(Y, 0));
    llvm::Value *Im =
        B.CreateFCmpOEQ(B.CreateExtractValue(X, 1), B.CreateExtractValue(Y, 1));
    llvm::Value *Eq = B.CreateAnd(Re, Im);
    return Op == Operator::Eql ? Eq : B.CreateNot(Eq);
  }
  L.internalError(Pos(), "unsupported comparison");
  return B.getFalse();
}

//===----------------------------------------------------------------------===//
// Conversions
//===----------------------------------------------------------------------===//

llvm::Value *FuncLowerer::emitTempString(syntax::Expr *E) {
  auto *C = dyn_cast<CallExpr>(unparen(E));
  if (!C || C->Args.size() != 1 || C->HasDots)
    return nullptr;
  syntax::Expr *Fun = unparen(C->Fun);
  if (Fun->TV.M != Mode::TypeExpr || !isString(Fun->TV.Ty->underlying()))
    return nullptr;
  Type *AT = C->Args[0]->TV.Ty;
  auto *S = AT ? dyn_cast<Slice>(AT->underlying()) : nullptr;
  if (!S || basicKindOf(S->Elem) != BasicKind::Uint8)
    return nullptr;
  llvm::Value *V = emitExprAs(C->Args[0], AT);
  llvm::Value *Str = llvm::PoisonValue::get(L.stringTy());
  Str = B.CreateInsertValue(Str, B.CreateExtractValue(V, 0), 0);
  return B.CreateInsertValue(Str, B.CreateExtractValue(V, 1), 1, "tmpstring");
}

llvm::Value *FuncLowerer::emitConversion(llvm::Value *V, Type *From, Type *To) {
  if (!From || identical(From, To))
    return V;
  Type *FU = From->underlying(), *TU = To->underlying();
  if (isInterface(To))
    return emitToInterface(V, From, To);
  llvm::Type *FT = V->getType(), *TT = L.getLLVMType(To);
  // Numeric conversions.
  if (isInteger(FU) && isInteger(TU)) {
    unsigned FW = FT->getIntegerBitWidth(), TW = TT->getIntegerBitWidth();
    if (FW == TW)
      return V;
    if (FW > TW)
      return B.CreateTrunc(V, TT);
    return isUnsigned(FU) ? B.CreateZExt(V, TT) : B.CreateSExt(V, TT);
  }
  if (isInteger(FU) && isFloat(TU))
    return isUnsigned(FU) ? B.CreateUIToFP(V, TT) : B.CreateSIToFP(V, TT);
  if (isFloat(FU) && isInteger(TU)) {
    // Out-of-range conversions are implementation-defined in Go; saturate
    // rather than produce LLVM poison.
    auto IID = isUnsigned(TU) ? llvm::Intrinsic::fptoui_sat
                              : llvm::Intrinsic::fptosi_sat;
    return B.CreateIntrinsic(IID, {TT, FT}, {V});
  }
  if (isFloat(FU) && isFloat(TU)) {
    if (FT == TT)
      return V;
    return FT->isFloatTy() ? B.CreateFPExt(V, TT) : B.CreateFPTrunc(V, TT);
  }
  if (isComplex(FU) && isComplex(TU)) {
    if (FT == TT)
      return V;
    llvm::Type *ET = cast<llvm::StructType>(TT)->getElementType(0);
    auto Conv = [&](llvm::Value *X) {
      return ET->isFloatTy() ? B.CreateFPTrunc(X, ET) : B.CreateFPExt(X, ET);
    };
    llvm::Value *R = llvm::UndefValue::get(TT);
    R = B.CreateInsertValue(R, Conv(B.CreateExtractValue(V, 0)), 0);
    return B.CreateInsertValue(R, Conv(B.CreateExtractValue(V, 1)), 1);
  }
  // Strings.
  if (isString(TU)) {
    if (isInteger(FU)) {
      llvm::Value *I = V;
      if (FT->getIntegerBitWidth() < 64)
        I = isUnsigned(FU) ? B.CreateZExt(V, L.I64) : B.CreateSExt(V, L.I64);
      else if (isUnsigned(FU)) {
        // Values above the rune range become U+FFFD: clamp huge unsigned
        // values so they stay out of range when seen as int64.
        I = B.CreateSelect(B.CreateICmpSLT(V, B.getInt64(0)),
                           B.getInt64(0x7fffffffffffffffLL), V);
      }
      return B.CreateCall(L.getRuntime(RuntimeFn::gort_intstring),
                          {noTmpBuf(), I});
    }
    if (auto *S = dyn_cast<Slice>(FU)) {
      BasicKind EK = basicKindOf(S->Elem);
      llvm::Value *P = B.CreateExtractValue(V, 0),
                  *N = B.CreateExtractValue(V, 1);
      if (EK == BasicKind::Uint8)
        return B.CreateCall(L.getRuntime(RuntimeFn::gort_slicebytetostring),
                            {noTmpBuf(), P, N});
      return B.CreateCall(L.getRuntime(RuntimeFn::gort_slicerunetostring),
                          {noTmpBuf(), P, N});
    }
    if (isString(FU))
      return V;
  }
  if (isString(FU)) {
    if (auto *S = dyn_cast<Slice>(TU)) {
      BasicKind EK = basicKindOf(S->Elem);
      llvm::Value *P = B.CreateExtractValue(V, 0),
                  *N = B.CreateExtractValue(V, 1);
      if (auto *CN = dyn_cast<llvm::ConstantInt>(N);
          CN && EK == BasicKind::Uint8 && isa<llvm::Constant>(P)) {
        // gc: []byte("constant") is an array of exactly the constant's
        // length (a make that escape analysis may put in the frame), so
        // its capacity is its length.
        llvm::Value *Arr =
            B.CreateCall(L.getRuntime(RuntimeFn::gort_makeslice),
                         {L.getTypeDescriptor(S->Elem), CN, CN}, "conv.bytes");
        B.CreateMemCpy(Arr, llvm::MaybeAlign(1), P, llvm::MaybeAlign(1), CN);
        llvm::Value *R = llvm::UndefValue::get(L.SliceTy);
        R = B.CreateInsertValue(R, Arr, 0);
        R = B.CreateInsertValue(R, CN, 1);
        return B.CreateInsertValue(R, CN, 2);
      }
      llvm::Value *Out = createAlloca(L.SliceTy, "conv.slice");
      B.CreateCall(L.getRuntime(EK == BasicKind::Uint8
                                    ? RuntimeFn::gort_stringtoslicebyte
                                    : RuntimeFn::gort_stringtoslicerune),
                   {noTmpBuf(), Out, P, N});
      return B.CreateLoad(L.SliceTy, Out);
    }
  }
  // unsafe.Pointer, uintptr and pointers.
  BasicKind FK = basicKindOf(FU), TK = basicKindOf(TU);
  if (FK == BasicKind::Uintptr && TK == BasicKind::UnsafePointer)
    return B.CreateAddrSpaceCast(B.CreateIntToPtr(V, L.Ptr), L.GCPtr);
  if (FK == BasicKind::UnsafePointer && TK == BasicKind::Uintptr)
    return B.CreatePtrToInt(B.CreateAddrSpaceCast(V, L.Ptr), L.I64);
  // Slice to array pointer.
  if (isa<Slice>(FU) && isa<Pointer>(TU)) {
    auto *A = cast<Array>(cast<Pointer>(TU)->Elem->underlying());
    llvm::Value *Len = B.CreateExtractValue(V, 1);
    llvm::Value *Bad = B.CreateICmpULT(Len, B.getInt64(A->Len));
    llvm::BasicBlock *Panic = newBlock("convpanic");
    llvm::BasicBlock *Ok = newBlock("convok");
    B.CreateCondBr(Bad, Panic, Ok);
    setBlock(Panic);
    // gc: panicSliceConvert(x = the array length, y = the slice length).
    B.CreateCall(
        L.getRuntime(RuntimeFn::gort_panicBounds),
        {B.getInt64(A->Len), Len, B.getInt32(BoundsConvert | BoundsSigned)});
    B.CreateUnreachable();
    setBlock(Ok);
    return B.CreateExtractValue(V, 0);
  }
  // Interfaces to interfaces (explicit conversion), and everything with
  // identical representation (named/unnamed, pointers, channels).
  if (FT == TT)
    return V;
  L.internalError(Pos(), "unsupported conversion from " + typeString(From) +
                             " to " + typeString(To));
  return llvm::UndefValue::get(TT);
}

//===----------------------------------------------------------------------===//
// Selectors, indexing, slicing
//===----------------------------------------------------------------------===//

llvm::Value *FuncLowerer::emitSelector(SelectorExpr *E) {
  Selection *S = E->Selection;
  Type *T = exprType(L.TCtx, E);
  if (!S) {
    // A qualified identifier: a variable or a function of an imported
    // package. Constants were folded by the checker.
    if (auto *V = dyn_cast_or_null<Var>(E->Sel->Obj))
      return load(V->type(), varAddr(V), V->name());
    if (auto *F = dyn_cast_or_null<Func>(E->Sel->Obj))
      return L.getFuncValue(L.getFunction(F));
    L.internalError(E->pos(), "qualified identifiers are not supported yet");
    return llvm::UndefValue::get(L.getLLVMType(T));
  }
  switch (S->Kind) {
  case SelectionKind::FieldVal:
    return load(T, emitAddr(E), E->Sel->Value);
  case SelectionKind::MethodExpr: {
    // T.M or (*T).M as a func value whose first parameter is the receiver.
    auto *M = cast<Func>(S->Obj);
    Type *RecvT = S->Recv;
    bool RecvIsPtr = isa<Pointer>(RecvT->underlying());
    if (S->Index.size() == 1 && !M->Iface && M->PtrRecv == RecvIsPtr)
      return L.getFuncValue(L.getFunction(M));
    // Otherwise a wrapper that adapts the receiver.
    auto *MSig = cast<Signature>(T->underlying());
    std::string Name = L.typeSymbol(RecvT) + "." + M->name().str() + "·mexpr";
    llvm::Function *W = L.Mod->getFunction(Name);
    if (!W) {
      FuncABI A = L.getABI(MSig, false);
      W = L.createGeneratedFunction(Name, A.FnTy,
                                    llvm::GlobalValue::InternalLinkage);
      GeneratedBody FL(L, W, MSig);
      // Materialize the receiver argument as a variable, then call like a
      // method value on it.
      llvm::Value *RArg = W->getArg(A.FirstParam);
      llvm::Value *RAddr = A.ParamIndirect[0] ? RArg : nullptr;
      if (!RAddr) {
        RAddr = FL.createTemp(RecvT, "recv");
        FL.store(RArg, RAddr);
      }
      Type *CT = RecvT;
      llvm::Value *Addr = RAddr;
      if (auto *P = dyn_cast<Pointer>(CT->underlying())) {
        Addr = FL.load(CT, RAddr);
        FL.emitNilCheck(Addr);
        CT = P->Elem;
      }
      llvm::ArrayRef<int> Path(S->Index);
      Addr = FL.emitRecvPath(Addr, CT, Path.drop_back(), M->PtrRecv);
      llvm::SmallVector<llvm::Value *, 8> Args;
      for (unsigned I = A.FirstParam + 1; I < W->arg_size(); ++I)
        Args.push_back(W->getArg(I));
      llvm::SmallVector<llvm::Value *, 4> Results;
      if (M->Iface) {
        // (I).M: dynamic dispatch on the interface value.
        llvm::Value *IV = FL.load(CT, Addr);
        FL.emitCalleeCall(FL.emitIfaceCallee(IV, CT, M), Args, Results);
      } else {
        llvm::Value *Recv;
        if (M->PtrRecv)
          Recv = FL.toGCPtr(Addr);
        else if (L.isAggregate(CT))
          Recv = Addr;
        else
          Recv = FL.load(CT, Addr);
        FL.emitGoCall(L.getFunction(M), llvm::PoisonValue::get(L.Ptr), M->sig(),
                      Recv, Args, Results);
      }
      // Return the results through our own ABI.
      unsigned OutNo = A.FirstOut;
      llvm::SmallVector<llvm::Value *, 4> Scalars;
      for (unsigned I = 0; I < Results.size(); ++I) {
        Type *RT = MSig->Results->Vars[I]->type();
        if (!A.ResultIndirect[I])
          Scalars.push_back(Results[I]);
        else if (L.isAggregate(RT))
          FL.emitCopy(W->getArg(OutNo++), Results[I], RT);
        else
          FL.store(Results[I], W->getArg(OutNo++));
      }
      if (Scalars.empty())
        FL.B.CreateRetVoid();
      else if (Scalars.size() == 1)
        FL.B.CreateRet(Scalars[0]);
      else
        FL.B.CreateAggregateRet(Scalars.data(), unsigned(Scalars.size()));
    }
    return L.getFuncValue(W);
  }
  case SelectionKind::MethodVal: {
    // x.M as a value: a closure binding the receiver (evaluated now).
    auto *M = cast<Func>(S->Obj);
    Type *RecvT = S->Recv;
    llvm::ArrayRef<int> Path(S->Index);
    if (M->Iface) {
      // A bound interface method: bind the interface value.
      llvm::Value *IV;
      Type *IT = RecvT;
      if (Path.size() > 1) {
        llvm::Value *Addr;
        if (auto *P = dyn_cast<Pointer>(IT->underlying())) {
          Addr = emitExpr(E->X);
          emitNilCheck(Addr);
          IT = P->Elem;
        } else {
          Addr = emitAggAddr(E->X);
        }
        Addr = emitFieldPath(Addr, IT, Path.drop_back());
        IV = load(IT, Addr);
      } else {
        IV = emitExpr(E->X);
      }
      emitNilCheck(B.CreateExtractValue(IV, 0));
      // Wrapper: closure {code, iface}.
      auto *WS = cast<Signature>(T->underlying());
      std::string Name = L.typeSymbol(IT) + "." + M->name().str() + "-fm";
      llvm::Function *W = L.Mod->getFunction(Name);
      if (!W) {
        FuncABI A = L.getABI(WS, false);
        W = L.createGeneratedFunction(Name, A.FnTy,
                                      llvm::GlobalValue::InternalLinkage);
        GeneratedBody FL(L, W, WS);
        auto *CloTy = llvm::StructType::get(L.Ctx, {L.Ptr, L.IfaceTy});
        llvm::Value *IVal = FL.B.CreateLoad(
            L.IfaceTy, FL.B.CreateStructGEP(CloTy, FL.CtxArg, 1));
        // The interface was nil-checked when the method value was made.
        Callee C = FL.emitIfaceCallee(IVal, IT, M, /*NilCheck=*/false);
        FuncABI MA = L.getABI(C.Sig, true);
        llvm::SmallVector<llvm::Value *, 8> Args{W->getArg(0)};
        unsigned NOut = A.FirstParam - A.FirstOut;
        for (unsigned K = 0; K < NOut; ++K)
          Args.push_back(W->getArg(A.FirstOut + K));
        Args.push_back(C.Recv);
        for (unsigned K = A.FirstParam; K < W->arg_size(); ++K)
          Args.push_back(W->getArg(K));
        llvm::CallInst *Call = FL.B.CreateCall(MA.FnTy, C.Code, Args);
        if (Call->getType()->isVoidTy())
          FL.B.CreateRetVoid();
        else
          FL.B.CreateRet(Call);
      }
      auto *CloTy = llvm::StructType::get(L.Ctx, {L.Ptr, L.IfaceTy});
      auto *ST = L.TCtx.make<Struct>();
      ST->Fields.push_back(L.TCtx.make<Var>(Pos(), nullptr, "F",
                                            L.TCtx.basic(BasicKind::Uintptr)));
      ST->Fields.push_back(L.TCtx.make<Var>(Pos(), nullptr, "R", IT));
      ST->Tags = {"", ""};
      llvm::Value *Clo = B.CreateCall(L.getRuntime(RuntimeFn::gort_newobject),
                                      {L.getTypeDescriptor(ST)}, "methodval");
      B.CreateStore(W, B.CreateStructGEP(CloTy, Clo, 0));
      B.CreateStore(IV, B.CreateStructGEP(CloTy, Clo, 1));
      return Clo;
    }
    // A concrete method: evaluate the receiver (with auto address/deref)
    // into the closure.
    Type *CT = RecvT;
    llvm::Value *Addr = nullptr;
    if (auto *P = dyn_cast<Pointer>(CT->underlying())) {
      Addr = emitExpr(E->X);
      CT = P->Elem;
      if (!M->PtrRecv || Path.size() > 1)
        emitNilCheck(Addr);
    } else if (E->X->TV.M == Mode::Variable || L.isAggregate(CT)) {
      Addr = E->X->TV.M == Mode::Variable ? emitAddr(E->X) : emitAggAddr(E->X);
    }
    llvm::Value *RecvV;
    Type *MRT = M->sig()->Recv->type();
    if (Addr) {
      Addr = emitRecvPath(Addr, CT, Path.drop_back(), M->PtrRecv);
      if (M->PtrRecv)
        RecvV = toGCPtr(Addr);
      else if (L.isAggregate(CT))
        RecvV = load(CT, Addr);
      else
        RecvV = load(CT, Addr);
    } else {
      RecvV = emitExpr(E->X);
    }
    llvm::Function *W = L.getMethodValueWrapper(M, MRT, Path, S->Indirect);
    auto *CloTy = llvm::StructType::get(L.Ctx, {L.Ptr, L.getLLVMType(MRT)});
    auto *ST = L.TCtx.make<Struct>();
    ST->Fields.push_back(L.TCtx.make<Var>(Pos(), nullptr, "F",
                                          L.TCtx.basic(BasicKind::Uintptr)));
    ST->Fields.push_back(L.TCtx.make<Var>(Pos(), nullptr, "R", MRT));
    ST->Tags = {"", ""};
    llvm::Value *Clo = B.CreateCall(L.getRuntime(RuntimeFn::gort_newobject),
                                    {L.getTypeDescriptor(ST)}, "methodval");
    B.CreateStore(W, B.CreateStructGEP(CloTy, Clo, 0));
    B.CreateStore(RecvV, B.CreateStructGEP(CloTy, Clo, 1));
    return Clo;
  }
  }
  llvm_unreachable("selection of another kind");
}

llvm::Value *FuncLowerer::emitIndex(IndexExpr *E) {
  Type *T = exprType(L.TCtx, E);
  Type *XT = exprType(L.TCtx, E->X);
  Type *U = XT->underlying();
  if (isString(U)) {
    llvm::Value *S = emitExpr(E->X);
    Type *IT = exprType(L.TCtx, E->Index);
    llvm::Value *I = emitExprAs(E->Index, IT);
    llvm::Value *Len = B.CreateExtractValue(S, 1, "len");
    I = emitBoundsCheck(I, IT, Len, BoundsIndex, E->pos());
    llvm::Value *P = B.CreateGEP(L.I8, B.CreateExtractValue(S, 0), I);
    return B.CreateLoad(L.I8, P);
  }
  if (isa<Map>(U))
    return emitMapIndex(E, nullptr, nullptr);
  return load(T, emitAddr(E));
}

llvm::Value *FuncLowerer::emitSliceExpr(SliceExpr *E) {
  Type *XT = exprType(L.TCtx, E->X);
  Type *U = XT->underlying();
  llvm::Value *Base, *Len, *Cap;
  Type *ElemT;
  bool IsString = false;
  unsigned LenCode = BoundsSliceAcap, Len3Code = BoundsSlice3Acap;
  if (isString(U)) {
    llvm::Value *S = emitExpr(E->X);
    Base = B.CreateExtractValue(S, 0);
    Len = Cap = B.CreateExtractValue(S, 1);
    ElemT = L.TCtx.byteType();
    IsString = true;
    LenCode = BoundsSliceAlen;
  } else if (auto *A = dyn_cast<Array>(U)) {
    Base = toGCPtr(emitAggAddr(E->X));
    Len = Cap = B.getInt64(A->Len);
    ElemT = A->Elem;
    LenCode = BoundsSliceAlen;
    Len3Code = BoundsSlice3Alen;
  } else if (auto *P = dyn_cast<Pointer>(U)) {
    auto *A = cast<Array>(P->Elem->underlying());
    Base = emitExpr(E->X);
    emitNilCheck(Base);
    Len = Cap = B.getInt64(A->Len);
    ElemT = A->Elem;
    LenCode = BoundsSliceAlen;
    Len3Code = BoundsSlice3Alen;
  } else {
    llvm::Value *S = emitExpr(E->X);
    Base = B.CreateExtractValue(S, 0);
    Len = B.CreateExtractValue(S, 1);
    Cap = B.CreateExtractValue(S, 2);
    ElemT = cast<Slice>(U)->Elem;
  }
  auto Idx = [&](syntax::Expr *X, bool &Signed) -> llvm::Value * {
    Type *IT = exprType(L.TCtx, X);
    return extendIndex(B, emitExprAs(X, IT), IT, Signed);
  };
  bool LoS = false, HiS = false, MaxS = false;
  llvm::Value *Lo = E->Index[0] ? Idx(E->Index[0], LoS) : B.getInt64(0);
  llvm::Value *Hi = E->Index[1] ? Idx(E->Index[1], HiS) : Len;
  llvm::Value *Max = E->Full ? Idx(E->Index[2], MaxS) : Cap;

  auto Check = [&](llvm::Value *Bad, llvm::Value *X, llvm::Value *Y,
                   unsigned Code, bool Signed) {
    emitBoundsPanicIf(Bad, X, Y, Code | (Signed ? BoundsSigned : 0),
                      "slicepanic", "sliceok", E->pos());
  };
  // gc's order: the highest index against the capacity first.
  if (E->Full) {
    Check(B.CreateICmpUGT(Max, Cap), Max, Cap, Len3Code, MaxS);
    Check(B.CreateICmpUGT(Hi, Max), Hi, Max, BoundsSlice3B, HiS);
    Check(B.CreateICmpUGT(Lo, Hi), Lo, Hi, BoundsSlice3C, LoS);
  } else {
    if (E->Index[1])
      Check(B.CreateICmpUGT(Hi, IsString ? Len : Cap), Hi, IsString ? Len : Cap,
            LenCode, HiS);
    Check(B.CreateICmpUGT(Lo, Hi), Lo, Hi, BoundsSliceB, LoS);
  }
  llvm::Value *NewLen = B.CreateSub(Hi, Lo, "slice.len");
  llvm::Value *NewCap = B.CreateSub(Max, Lo, "slice.cap");
  // Don't point past the end of the array: a zero-capacity result keeps the
  // base pointer.
  int64_t ES = L.sizeOf(ElemT);
  llvm::Value *Off = B.CreateMul(Lo, B.getInt64(ES));
  llvm::Value *Delta =
      B.CreateSelect(B.CreateICmpEQ(IsString ? NewLen : NewCap, B.getInt64(0)),
                     B.getInt64(0), Off);
  llvm::Value *NewPtr = B.CreateGEP(L.I8, Base, Delta, "slice.ptr");
  if (IsString) {
    llvm::Value *R = llvm::UndefValue::get(L.StringTy);
    R = B.CreateInsertValue(R, NewPtr, 0);
    return B.CreateInsertValue(R, NewLen, 1);
  }
  llvm::Value *R = llvm::UndefValue::get(L.SliceTy);
  R = B.CreateInsertValue(R, NewPtr, 0);
  R = B.CreateInsertValue(R, NewLen, 1);
  return B.CreateInsertValue(R, NewCap, 2);
}

//===----------------------------------------------------------------------===//
// Composite literals
//===----------------------------------------------------------------------===//

int64_t codegen::literalIndices(
    CompositeLit *E,
    llvm::SmallVectorImpl<std::pair<int64_t, syntax::Expr *>> &Out) {
  int64_t Index = 0, Max = 0;
  for (syntax::Expr *Elt : E->Elems) {
    syntax::Expr *V = Elt;
    if (auto *KV = dyn_cast<KeyValueExpr>(Elt)) {
      if (KV->Key->TV.Val)
        Index = KV->Key->TV.Val->toInt().intVal().getInt64();
      V = KV->Value;
    }
    Out.push_back({Index, V});
    ++Index;
    Max = std::max(Max, Index);
  }
  return Max;
}

std::pair<unsigned, syntax::Expr *>
codegen::structLitElem(syntax::CompositeLit *E, size_t I) {
  auto *KV = dyn_cast<KeyValueExpr>(E->Elems[I]);
  if (!KV)
    return {unsigned(I), E->Elems[I]};
  // The literal's own type; an elided &T{...} may record *T.
  Type *LT = E->TV.Ty ? E->TV.Ty->underlying() : nullptr;
  if (auto *P = llvm::dyn_cast_or_null<Pointer>(LT))
    LT = P->Elem->underlying();
  auto *S = cast<Struct>(LT);
  auto *Key = cast<syntax::Name>(KV->Key);
  unsigned FI = 0;
  while (FI < S->Fields.size() && S->Fields[FI] != Key->Obj)
    ++FI;
  return {FI, KV->Value};
}

void FuncLowerer::emitCompositeLitInto(CompositeLit *E, Type *T,
                                       llvm::Value *Addr) {
  Type *U = T->underlying();
  if (auto *P = dyn_cast<Pointer>(U)) {
    // An elided &T{...} inside another literal.
    llvm::Value *Obj = B.CreateCall(L.getRuntime(RuntimeFn::gort_newobject),
                                    {L.getTypeDescriptor(P->Elem)}, "new");
    emitCompositeLitInto(E, P->Elem, Obj);
    store(Obj, Addr);
    return;
  }
  if (auto *S = dyn_cast<Struct>(U)) {
    emitZero(Addr, T);
    for (size_t I = 0; I < E->Elems.size(); ++I) {
      auto [FI, Elt] = structLitElem(E, I);
      assert(FI < S->Fields.size() && "literal key is not a field of its type");
      Type *FT = S->Fields[FI]->type();
      llvm::Value *FA = emitFieldAddr(Addr, T, FI);
      if (auto *CL = dyn_cast<CompositeLit>(unparen(Elt));
          CL && L.isAggregate(FT))
        emitCompositeLitInto(CL, FT, FA);
      else
        emitStoreInto(Elt, FT, FA);
    }
    return;
  }
  if (auto *A = dyn_cast<Array>(U)) {
    emitZero(Addr, T);
    llvm::SmallVector<std::pair<int64_t, syntax::Expr *>, 16> Elts;
    literalIndices(E, Elts);
    llvm::Type *LT = L.getLLVMType(T);
    for (auto &[I, V] : Elts) {
      llvm::Value *EA = B.CreateConstInBoundsGEP2_64(LT, Addr, 0, uint64_t(I));
      if (auto *CL = dyn_cast<CompositeLit>(unparen(V));
          CL && L.isAggregate(A->Elem))
        emitCompositeLitInto(CL, A->Elem, EA);
      else
        emitStoreInto(V, A->Elem, EA);
    }
    return;
  }
  // Slices and maps are scalars.
  store(emitCompositeLit(E), Addr);
}

llvm::Value *FuncLowerer::emitCompositeLit(CompositeLit *E) {
  Type *T = exprType(L.TCtx, E);
  Type *U = T->underlying();
  if (auto *S = dyn_cast<Slice>(U)) {
    llvm::SmallVector<std::pair<int64_t, syntax::Expr *>, 16> Elts;
    int64_t N = literalIndices(E, Elts);
    if (N == 0) {
      // An empty (non-nil) slice: point at the zero-size base.
      llvm::Value *R = llvm::UndefValue::get(L.SliceTy);
      llvm::Value *P = B.CreateCall(
          L.getRuntime(RuntimeFn::gort_mallocgc),
          {B.getInt64(0),
           llvm::ConstantPointerNull::get(cast<llvm::PointerType>(L.Ptr)),
           B.getFalse()});
      R = B.CreateInsertValue(R, P, 0);
      R = B.CreateInsertValue(R, B.getInt64(0), 1);
      return B.CreateInsertValue(R, B.getInt64(0), 2);
    }
    llvm::Value *Arr = B.CreateCall(
        L.getRuntime(RuntimeFn::gort_makeslice),
        {L.getTypeDescriptor(S->Elem), B.getInt64(N), B.getInt64(N)},
        "slicelit");
    llvm::Type *ET = L.getLLVMType(S->Elem);
    for (auto &[I, V] : Elts) {
      llvm::Value *EA = B.CreateGEP(ET, Arr, B.getInt64(I));
      if (auto *CL = dyn_cast<CompositeLit>(unparen(V));
          CL && L.isAggregate(S->Elem))
        emitCompositeLitInto(CL, S->Elem, EA);
      else
        emitStoreInto(V, S->Elem, EA);
    }
    llvm::Value *R = llvm::UndefValue::get(L.SliceTy);
    R = B.CreateInsertValue(R, Arr, 0);
    R = B.CreateInsertValue(R, B.getInt64(N), 1);
    return B.CreateInsertValue(R, B.getInt64(N), 2);
  }
  if (auto *P = dyn_cast<Pointer>(U)) {
    // An elided &T{...}.
    llvm::Value *Obj = B.CreateCall(L.getRuntime(RuntimeFn::gort_newobject),
                                    {L.getTypeDescriptor(P->Elem)}, "new");
    if (L.isAggregate(P->Elem)) {
      llvm::Value *Tmp = createTemp(P->Elem, "complit");
      emitCompositeLitInto(E, P->Elem, Tmp);
      emitCopy(Obj, Tmp, P->Elem);
    } else {
      store(emitCompositeLit(E), Obj);
    }
    return Obj;
  }
  if (isa<Map>(U))
    return emitMapLit(E, T);
  // Aggregates: build into a temporary and load.
  llvm::Value *Tmp = createTemp(T, "complit");
  emitCompositeLitInto(E, T, Tmp);
  return load(T, Tmp);
}
