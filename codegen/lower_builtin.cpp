//===- codegen/lower_builtin.cpp - Predeclared functions ------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The builtins: len, cap, append (gc's growth policy lives in the
// runtime's growslice), copy, new, make, panic, print/println (gc's
// printlock/print*/printunlock sequence), complex/real/imag, recover, and
// package unsafe's Add and Slice. See lower.h.
//
//===----------------------------------------------------------------------===//

#include "codegen/lower.h"

#include "llvm/IR/Constants.h"

using namespace gortc;
using namespace gortc::codegen;
using namespace gortc::types;
using namespace gortc::syntax;
using llvm::cast;
using llvm::dyn_cast;
using llvm::isa;
using llvm::isa_and_nonnull;

llvm::Value *FuncLowerer::emitLen(llvm::Value *V, Type *T, bool Cap) {
  Type *U = T->underlying();
  if (isString(U))
    return B.CreateExtractValue(V, 1, "len");
  if (isa<Slice>(U))
    return B.CreateExtractValue(V, Cap ? 2 : 1, Cap ? "cap" : "len");
  if (auto *P = dyn_cast<Pointer>(U))
    return B.getInt64(cast<Array>(P->Elem->underlying())->Len);
  if (auto *A = dyn_cast<Array>(U))
    return B.getInt64(A->Len);
  if (isa<Map>(U) && !Cap)
    return emitMapLen(V);
  if (isa<Chan>(U))
    return emitChanLenCap(V, Cap);
  L.internalError(Pos(),
                  "len/cap of " + typeString(T) + " is not supported yet");
  return B.getInt64(0);
}

void FuncLowerer::emitPanic(llvm::Value *Eface) {
  B.CreateCall(
      L.getRuntime(RuntimeFn::gort_gopanic),
      {B.CreateExtractValue(Eface, 0), B.CreateExtractValue(Eface, 1)});
  B.CreateUnreachable();
  // Code after the panic is unreachable; keep lowering into a dead block.
  setBlock(newBlock("after.panic"));
}

void FuncLowerer::emitPrint(CallExpr *E, bool Ln) {
  // As gc, evaluate every operand before taking the print lock: an operand
  // may call a function that prints.
  struct Operand {
    llvm::Value *V;
    Type *T;
    const ConstValue *Const; ///< constant string operands
  };
  llvm::SmallVector<Operand, 8> Ops;
  if (E->Args.size() == 1 && isa_and_nonnull<Tuple>(E->Args[0]->TV.Ty)) {
    // print(f()) with a multi-valued f.
    llvm::SmallVector<llvm::Value *, 4> Vals;
    llvm::SmallVector<Type *, 4> Types;
    if (!emitMultiValue(E->Args[0], Vals, Types))
      return;
    for (size_t I = 0; I < Vals.size(); ++I)
      Ops.push_back({Vals[I], Types[I], nullptr});
  } else {
    for (syntax::Expr *A : E->Args) {
      Type *T = exprType(L.TCtx, A);
      if (L.isAggregate(T)) {
        L.internalError(A->pos(), "illegal types for operand: print");
        continue;
      }
      const ConstValue *C =
          A->TV.M == Mode::Constant && A->TV.Val ? &*A->TV.Val : nullptr;
      Ops.push_back({emitExprAs(A, T), T, C});
    }
  }
  B.CreateCall(L.getRuntime(RuntimeFn::gort_printlock));
  for (size_t I = 0; I < Ops.size(); ++I) {
    if (Ln && I > 0)
      B.CreateCall(L.getRuntime(RuntimeFn::gort_printsp));
    emitPrintValue(Ops[I].V, Ops[I].T, Ops[I].Const);
  }
  if (Ln)
    B.CreateCall(L.getRuntime(RuntimeFn::gort_printnl));
  B.CreateCall(L.getRuntime(RuntimeFn::gort_printunlock));
}

void FuncLowerer::emitPrintValue(llvm::Value *V, Type *T,
                                 const ConstValue *Const) {
  Type *U = T->underlying();
  if (isInterface(T)) {
    auto *It = cast<Interface>(U);
    completeInterface(L.TCtx, It);
    B.CreateCall(L.getRuntime(It->AllMethods.empty()
                                  ? RuntimeFn::gort_printeface
                                  : RuntimeFn::gort_printiface),
                 {B.CreateExtractValue(V, 0), B.CreateExtractValue(V, 1)});
    return;
  }
  if (isString(U)) {
    if (Const && Const->kind() == ConstValue::Kind::String) {
      const std::string &S = Const->stringVal();
      if (S == " ") {
        B.CreateCall(L.getRuntime(RuntimeFn::gort_printsp));
        return;
      }
      if (S == "\n") {
        B.CreateCall(L.getRuntime(RuntimeFn::gort_printnl));
        return;
      }
    }
    B.CreateCall(L.getRuntime(RuntimeFn::gort_printstring),
                 {B.CreateExtractValue(V, 0), B.CreateExtractValue(V, 1)});
    return;
  }
  if (isBoolean(U)) {
    B.CreateCall(L.getRuntime(RuntimeFn::gort_printbool), {V});
    return;
  }
  if (isInteger(U)) {
    bool Uns = isUnsigned(U);
    if (V->getType()->getIntegerBitWidth() < 64)
      V = Uns ? B.CreateZExt(V, L.I64) : B.CreateSExt(V, L.I64);
    B.CreateCall(L.getRuntime(Uns ? RuntimeFn::gort_printuint
                                  : RuntimeFn::gort_printint),
                 {V});
    return;
  }
  if (isFloat(U)) {
    if (V->getType()->isFloatTy())
      V = B.CreateFPExt(V, B.getDoubleTy());
    B.CreateCall(L.getRuntime(RuntimeFn::gort_printfloat), {V});
    return;
  }
  if (isComplex(U)) {
    llvm::Value *Re = B.CreateExtractValue(V, 0),
                *Im = B.CreateExtractValue(V, 1);
    if (Re->getType()->isFloatTy()) {
      Re = B.CreateFPExt(Re, B.getDoubleTy());
      Im = B.CreateFPExt(Im, B.getDoubleTy());
    }
    B.CreateCall(L.getRuntime(RuntimeFn::gort_printcomplex), {Re, Im});
    return;
  }
  if (isa<Slice>(U)) {
    B.CreateCall(L.getRuntime(RuntimeFn::gort_printslice),
                 {B.CreateExtractValue(V, 0), B.CreateExtractValue(V, 1),
                  B.CreateExtractValue(V, 2)});
    return;
  }
  // Pointers, maps, channels, funcs, unsafe.Pointer.
  B.CreateCall(L.getRuntime(RuntimeFn::gort_printpointer), {V});
}

llvm::Value *
FuncLowerer::emitAppend(CallExpr *E,
                        llvm::function_ref<llvm::Value *()> First) {
  Type *ST = exprType(L.TCtx, E);
  Type *ElemT = cast<Slice>(ST->underlying())->Elem;
  llvm::Type *ET = L.getLLVMType(ElemT);
  int64_t ES = L.sizeOf(ElemT);
  llvm::SmallVector<llvm::Value *, 4> MV;
  llvm::SmallVector<Type *, 4> MT;
  bool Multi = !First && emitBuiltinMultiArgs(E, MV, MT);
  llvm::Value *S = Multi   ? convertValue(MV[0], MT[0], ST)
                   : First ? nullptr
                           : emitExprAs(E->Args[0], ST);

  // The values to append: either one spread slice/string, or elements.
  llvm::Value *SrcPtr = nullptr, *N;
  llvm::SmallVector<syntax::Expr *, 8> Elems;
  llvm::SmallVector<llvm::Value *, 8> Vals;
  if (Multi && E->HasDots) {
    // append(f()...): f's second result is the spread slice or string.
    llvm::Value *SV = convertValue(MV[1], MT[1], isString(MT[1]) ? MT[1] : ST);
    SrcPtr = B.CreateExtractValue(SV, 0);
    N = B.CreateExtractValue(SV, 1);
  } else if (Multi) {
    // append(f()): f's other results are the elements, already evaluated.
    for (size_t I = 1; I < MV.size(); ++I)
      Vals.push_back(convertValue(MV[I], MT[I], ElemT));
    N = B.getInt64(Vals.size());
    if (Vals.empty())
      return S;
  } else if (E->HasDots) {
    syntax::Expr *Src = E->Args[1];
    Type *SrcT = exprType(L.TCtx, Src);
    llvm::Value *SV = emitExprAs(Src, isString(SrcT) ? SrcT : ST);
    SrcPtr = B.CreateExtractValue(SV, 0);
    N = B.CreateExtractValue(SV, 1);
  } else {
    for (size_t I = 1; I < E->Args.size(); ++I)
      Elems.push_back(E->Args[I]);
    N = B.getInt64(Elems.size());
    if (Elems.empty())
      return S ? S : First();
  }
  // Evaluate the elements before growing (they may refer to s).
  for (syntax::Expr *X : Elems) {
    if (L.isAggregate(ElemT)) {
      llvm::Value *Tmp = createTemp(ElemT, "append.elem");
      emitStoreInto(X, ElemT, Tmp);
      Vals.push_back(Tmp);
    } else {
      Vals.push_back(emitExprAs(X, ElemT));
    }
  }
  if (!S)
    S = First();
  llvm::Value *Ptr = B.CreateExtractValue(S, 0);
  llvm::Value *Len = B.CreateExtractValue(S, 1);
  llvm::Value *Cap = B.CreateExtractValue(S, 2);
  llvm::Value *NewLen = B.CreateAdd(Len, N, "newlen");
  llvm::BasicBlock *From = B.GetInsertBlock();
  llvm::BasicBlock *Grow = newBlock("append.grow");
  llvm::BasicBlock *Done = newBlock("append.done");
  B.CreateCondBr(B.CreateICmpUGT(NewLen, Cap), Grow, Done);
  setBlock(Grow);
  llvm::Value *Out = createAlloca(L.SliceTy, "grown");
  B.CreateCall(L.getRuntime(RuntimeFn::gort_growslice),
               {Out, L.getTypeDescriptor(ElemT), Ptr, Len, Cap, NewLen});
  llvm::Value *G = B.CreateLoad(L.SliceTy, Out);
  llvm::Value *GPtr = B.CreateExtractValue(G, 0);
  llvm::Value *GCap = B.CreateExtractValue(G, 2);
  llvm::BasicBlock *GrowEnd = B.GetInsertBlock();
  B.CreateBr(Done);
  setBlock(Done);
  llvm::PHINode *P = B.CreatePHI(L.GCPtr, 2, "append.ptr");
  P->addIncoming(Ptr, From);
  P->addIncoming(GPtr, GrowEnd);
  llvm::PHINode *C = B.CreatePHI(L.I64, 2, "append.cap");
  C->addIncoming(Cap, From);
  C->addIncoming(GCap, GrowEnd);
  if (SrcPtr) {
    llvm::Value *Dst = B.CreateGEP(ET, P, Len);
    B.CreateMemMove(Dst, llvm::MaybeAlign(1), SrcPtr, llvm::MaybeAlign(1),
                    B.CreateMul(N, B.getInt64(ES)));
  } else {
    for (size_t I = 0; I < Vals.size(); ++I) {
      llvm::Value *Slot = B.CreateGEP(ET, P, B.CreateAdd(Len, B.getInt64(I)));
      if (L.isAggregate(ElemT))
        emitCopy(Slot, Vals[I], ElemT);
      else
        store(Vals[I], Slot);
    }
  }
  llvm::Value *R = llvm::UndefValue::get(L.SliceTy);
  R = B.CreateInsertValue(R, P, 0);
  R = B.CreateInsertValue(R, NewLen, 1);
  return B.CreateInsertValue(R, C, 2);
}

llvm::Value *FuncLowerer::emitMake(CallExpr *E) {
  Type *T = E->Args[0]->TV.Ty;
  Type *U = T->underlying();
  auto IntArg = [&](syntax::Expr *A) -> llvm::Value * {
    Type *AT = exprType(L.TCtx, A);
    llvm::Value *V = emitExprAs(A, AT);
    // Unsigned values above MaxInt64 stay negative as int64: the runtime
    // reports them out of range.
    if (V->getType()->getIntegerBitWidth() < 64)
      V = isUnsigned(AT) ? B.CreateZExt(V, L.I64) : B.CreateSExt(V, L.I64);
    return V;
  };
  if (auto *S = dyn_cast<Slice>(U)) {
    llvm::Value *Len = IntArg(E->Args[1]);
    llvm::Value *Cap = E->Args.size() > 2 ? IntArg(E->Args[2]) : Len;
    llvm::Value *P =
        B.CreateCall(L.getRuntime(RuntimeFn::gort_makeslice),
                     {L.getTypeDescriptor(S->Elem), Len, Cap}, "make");
    llvm::Value *R = llvm::UndefValue::get(L.SliceTy);
    R = B.CreateInsertValue(R, P, 0);
    R = B.CreateInsertValue(R, Len, 1);
    return B.CreateInsertValue(R, Cap, 2);
  }
  if (isa<Map>(U))
    return emitMakeMap(T,
                       E->Args.size() > 1 ? IntArg(E->Args[1]) : B.getInt64(0));
  if (isa<Chan>(U))
    return emitMakeChan(T, E->Args.size() > 1 ? IntArg(E->Args[1])
                                              : B.getInt64(0));
  L.internalError(E->pos(), "make(" + typeString(T) + ") is not supported yet");
  return llvm::Constant::getNullValue(L.getLLVMType(T));
}

bool FuncLowerer::emitBuiltinMultiArgs(
    CallExpr *E, llvm::SmallVectorImpl<llvm::Value *> &Vals,
    llvm::SmallVectorImpl<Type *> &Types) {
  if (E->Args.size() != 1 || !isa_and_nonnull<Tuple>(E->Args[0]->TV.Ty))
    return false;
  return emitMultiValue(E->Args[0], Vals, Types);
}

llvm::Value *FuncLowerer::emitBuiltinCall(CallExpr *E, BuiltinId Id) {
  Type *T = exprType(L.TCtx, E);
  if (E->TV.M == Mode::Constant && E->TV.Val)
    return emitConst(*E->TV.Val, T);
  switch (Id) {
  case BuiltinId::Len:
  case BuiltinId::Cap: {
    syntax::Expr *A = E->Args[0];
    Type *AT = exprType(L.TCtx, A);
    if (L.isAggregate(AT)) {
      // An array with calls or receives in it: evaluate for effects.
      emitAggAddr(A);
      return emitLen(nullptr, AT, Id == BuiltinId::Cap);
    }
    return emitLen(emitExpr(A), AT, Id == BuiltinId::Cap);
  }
  case BuiltinId::Append:
    return emitAppend(E);
  case BuiltinId::Copy: {
    llvm::SmallVector<llvm::Value *, 4> MV;
    llvm::SmallVector<Type *, 4> MT;
    bool Multi = emitBuiltinMultiArgs(E, MV, MT);
    Type *DT = Multi ? MT[0] : exprType(L.TCtx, E->Args[0]);
    Type *ElemT = cast<Slice>(DT->underlying())->Elem;
    llvm::Value *D = Multi ? MV[0] : emitExpr(E->Args[0]);
    llvm::Value *S = Multi ? MV[1] : emitExpr(E->Args[1]);
    llvm::Value *DL = B.CreateExtractValue(D, 1),
                *SL = B.CreateExtractValue(S, 1);
    llvm::Value *N = B.CreateSelect(B.CreateICmpSLT(DL, SL), DL, SL, "copy.n");
    B.CreateMemMove(B.CreateExtractValue(D, 0), llvm::MaybeAlign(1),
                    B.CreateExtractValue(S, 0), llvm::MaybeAlign(1),
                    B.CreateMul(N, B.getInt64(L.sizeOf(ElemT))));
    return N;
  }
  case BuiltinId::New: {
    Type *ET = cast<Pointer>(T->underlying())->Elem;
    return B.CreateCall(L.getRuntime(RuntimeFn::gort_newobject),
                        {L.getTypeDescriptor(ET)}, "new");
  }
  case BuiltinId::Make:
    return emitMake(E);
  case BuiltinId::Panic:
    emitPanic(emitExprAs(E->Args[0], L.TCtx.anyType()));
    return nullptr;
  case BuiltinId::Delete:
    emitMapDelete(E);
    return nullptr;
  case BuiltinId::Close:
    B.CreateCall(L.getRuntime(RuntimeFn::gort_closechan),
                 {emitExpr(E->Args[0])});
    return nullptr;
  case BuiltinId::Print:
  case BuiltinId::Println:
    emitPrint(E, Id == BuiltinId::Println);
    return nullptr;
  case BuiltinId::Complex: {
    llvm::Type *LT = L.getLLVMType(T);
    llvm::Type *FT = cast<llvm::StructType>(LT)->getElementType(0);
    Type *PT = FT->isFloatTy() ? L.TCtx.basic(BasicKind::Float32)
                               : L.TCtx.basic(BasicKind::Float64);
    llvm::SmallVector<llvm::Value *, 4> MV;
    llvm::SmallVector<Type *, 4> MT;
    llvm::Value *Re, *Im;
    if (emitBuiltinMultiArgs(E, MV, MT)) {
      Re = convertValue(MV[0], MT[0], PT);
      Im = convertValue(MV[1], MT[1], PT);
    } else {
      Re = emitExprAs(E->Args[0], PT);
      Im = emitExprAs(E->Args[1], PT);
    }
    llvm::Value *R = llvm::UndefValue::get(LT);
    R = B.CreateInsertValue(R, Re, 0);
    return B.CreateInsertValue(R, Im, 1);
  }
  case BuiltinId::Real:
  case BuiltinId::Imag: {
    Type *AT = exprType(L.TCtx, E->Args[0]);
    llvm::Value *V = emitExprAs(E->Args[0], AT);
    return B.CreateExtractValue(V, Id == BuiltinId::Real ? 0 : 1);
  }
  case BuiltinId::Recover:
    // The runtime checks that this function is the deferred call (gc's argp
    // check, via the frame-pointer chain): its frame must stay its own.
    Fn->addFnAttr(llvm::Attribute::NoInline);
    return B.CreateCall(L.getRuntime(RuntimeFn::gort_gorecover),
                        {emitFrameAddress()}, "recover");
  case BuiltinId::Add: {
    Type *UP = L.TCtx.basic(BasicKind::UnsafePointer);
    llvm::SmallVector<llvm::Value *, 4> MV;
    llvm::SmallVector<Type *, 4> MT;
    bool Multi = emitBuiltinMultiArgs(E, MV, MT);
    llvm::Value *P =
        Multi ? convertValue(MV[0], MT[0], UP) : emitExprAs(E->Args[0], UP);
    Type *NT = Multi ? MT[1] : exprType(L.TCtx, E->Args[1]);
    llvm::Value *N = Multi ? MV[1] : emitExprAs(E->Args[1], NT);
    if (N->getType()->getIntegerBitWidth() < 64)
      N = isUnsigned(NT) ? B.CreateZExt(N, L.I64) : B.CreateSExt(N, L.I64);
    return B.CreateGEP(L.I8, P, N);
  }
  case BuiltinId::UnsafeSlice: {
    llvm::SmallVector<llvm::Value *, 4> MV;
    llvm::SmallVector<Type *, 4> MT;
    bool Multi = emitBuiltinMultiArgs(E, MV, MT);
    llvm::Value *P = Multi ? MV[0] : emitExpr(E->Args[0]);
    Type *NT = Multi ? MT[1] : exprType(L.TCtx, E->Args[1]);
    llvm::Value *N = Multi ? MV[1] : emitExprAs(E->Args[1], NT);
    if (N->getType()->getIntegerBitWidth() < 64)
      N = isUnsigned(NT) ? B.CreateZExt(N, L.I64) : B.CreateSExt(N, L.I64);
    Type *ElemT = cast<Slice>(T->underlying())->Elem;
    B.CreateCall(L.getRuntime(RuntimeFn::gort_unsafeslice),
                 {L.getTypeDescriptor(ElemT), P, N});
    llvm::Value *R = llvm::UndefValue::get(L.SliceTy);
    R = B.CreateInsertValue(R, P, 0);
    R = B.CreateInsertValue(R, N, 1);
    return B.CreateInsertValue(R, N, 2);
  }
  default:
    L.internalError(E->pos(), "builtin is not supported yet");
    return llvm::Constant::getNullValue(L.getLLVMType(T));
  }
}
