//===- codegen/lower_chan.cpp - go statements, channels and select --------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Lowering of goroutine starts, channel operations and select onto the
// runtime (libgort/abi.def; gc's walk/select.go and walk/range.go):
//
//   go f(x)        gort_newproc(closure)   the call packaged as for defer
//   make(chan T,n) gort_makechan(chantype, n)
//   c <- v         tmp = v; gort_chansend1(c, &tmp)
//   <-c            gort_chanrecv1(c, &tmp) (null when the value is dropped)
//   v, ok := <-c   ok = gort_chanrecv2(c, &tmp)
//   close(c)       gort_closechan(c)
//   len/cap(c)     hchan.qcount / dataqsiz, 0 for a nil channel
//   for v := range c    a gort_chanrecv2 loop
//   select         gc's forms: no cases -> gort_block; one case -> the plain
//                  operation; one case and default -> gort_selectnbsend /
//                  gort_selectnbrecv; otherwise an array of abi::SelectCase
//                  (sends first) and gort_selectgo, then a switch on the
//                  chosen index.
//
// Values travel through temporaries in the frame: the runtime copies
// elements by address (a receiver's temporary may be written directly by a
// sending goroutine, as gc's sendDirect).
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

namespace abi = gort::abi;

void FuncLowerer::emitGo(CallStmt *S) {
  llvm::Value *Clo = emitCallClosure(S->Call, "go");
  B.CreateCall(L.getRuntime(RuntimeFn::gort_newproc), {Clo});
}

llvm::Value *FuncLowerer::emitMakeChan(Type *ChanT, llvm::Value *Size) {
  return B.CreateCall(L.getRuntime(RuntimeFn::gort_makechan),
                      {L.getTypeDescriptor(ChanT), Size}, "chan");
}

llvm::Value *FuncLowerer::emitChanLenCap(llvm::Value *C, bool Cap) {
  llvm::BasicBlock *From = B.GetInsertBlock();
  llvm::BasicBlock *Load = newBlock("chanlen.load");
  llvm::BasicBlock *Done = newBlock("chanlen.done");
  B.CreateCondBr(B.CreateIsNull(C), Done, Load);
  setBlock(Load);
  size_t Off = Cap ? abi::ChanDataqsizOffset : abi::ChanQCountOffset;
  llvm::Value *N = B.CreateLoad(L.I64, B.CreateConstGEP1_64(L.I8, C, Off));
  B.CreateBr(Done);
  setBlock(Done);
  llvm::PHINode *P = B.CreatePHI(L.I64, 2, Cap ? "cap" : "len");
  P->addIncoming(B.getInt64(0), From);
  P->addIncoming(N, Load);
  return P;
}

void FuncLowerer::emitSend(SendStmt *S) {
  Type *ChanT = exprType(L.TCtx, S->Chan);
  Type *ElemT = cast<Chan>(ChanT->underlying())->Elem;
  llvm::Value *C = emitExpr(S->Chan);
  llvm::Value *Tmp = createTemp(ElemT, "send");
  emitStoreInto(S->Value, ElemT, Tmp);
  B.CreateCall(L.getRuntime(RuntimeFn::gort_chansend1), {C, Tmp});
}

llvm::Value *FuncLowerer::emitRecv(syntax::Operation *E, llvm::Value *AggDest,
                                   llvm::Value **OkOut) {
  Type *ChanT = exprType(L.TCtx, E->X);
  Type *ElemT = cast<Chan>(ChanT->underlying())->Elem;
  llvm::Value *C = emitExpr(E->X);
  llvm::Value *Tmp = AggDest ? AggDest : createTemp(ElemT, "recv");
  if (OkOut) {
    *OkOut = B.CreateCall(L.getRuntime(RuntimeFn::gort_chanrecv2), {C, Tmp},
                          "recvok");
  } else {
    B.CreateCall(L.getRuntime(RuntimeFn::gort_chanrecv1), {C, Tmp});
  }
  if (AggDest || L.isAggregate(ElemT))
    return nullptr;
  return load(ElemT, Tmp, "recv");
}

void FuncLowerer::emitRecvDiscard(syntax::Operation *E) {
  llvm::Value *C = emitExpr(E->X);
  B.CreateCall(
      L.getRuntime(RuntimeFn::gort_chanrecv1),
      {C, llvm::ConstantPointerNull::get(cast<llvm::PointerType>(L.Ptr))});
}

void FuncLowerer::emitChanRange(ForStmt *S, RangeClause *R, syntax::Expr *Key,
                                llvm::BasicBlock *Cond, llvm::BasicBlock *Body,
                                llvm::BasicBlock *Post,
                                llvm::BasicBlock *Done) {
  Type *ChanT = exprType(L.TCtx, R->X);
  Type *ElemT = cast<Chan>(ChanT->underlying())->Elem;
  llvm::Value *C = emitExpr(R->X);
  llvm::Value *Tmp = createTemp(ElemT, "range.recv");
  B.CreateBr(Cond);
  setBlock(Cond);
  llvm::Value *Ok =
      B.CreateCall(L.getRuntime(RuntimeFn::gort_chanrecv2), {C, Tmp}, "recvok");
  B.CreateCondBr(Ok, Body, Done);
  setBlock(Body);
  if (Key) {
    LValue LV = emitLValue(Key);
    storeConverted(L.isAggregate(ElemT) ? Tmp : load(ElemT, Tmp), ElemT,
                   exprType(L.TCtx, Key), lvalueAddr(LV));
    // The next receive must not see the value already taken.
    emitZero(Tmp, ElemT);
  }
  emitStmtList(S->Body->List);
  branchTo(Post);
  setBlock(Post);
  B.CreateBr(Cond);
  setBlock(Done);
}

//===----------------------------------------------------------------------===//
// select
//===----------------------------------------------------------------------===//

namespace {
/// A select case's communication, taken apart.
struct CommInfo {
  CommClause *Clause;
  bool IsSend = false;
  SendStmt *Send = nullptr;
  syntax::Operation *Recv = nullptr; ///< the <-c operation
  /// For `v [, ok] = <-c` and `v [, ok] := <-c`: the targets (may be null
  /// or blank) and whether they are declared here.
  syntax::Expr *Val = nullptr, *Ok = nullptr;
  bool Define = false;
};

CommInfo decodeComm(CommClause *C) {
  CommInfo I;
  I.Clause = C;
  syntax::Stmt *S = C->Comm;
  if (auto *SS = dyn_cast<SendStmt>(S)) {
    I.IsSend = true;
    I.Send = SS;
    return I;
  }
  if (auto *ES = dyn_cast<ExprStmt>(S)) {
    I.Recv = cast<syntax::Operation>(unparen(ES->X));
    assert(I.Recv->Op == Operator::Recv && !I.Recv->Y &&
           "select case is neither a send nor a receive");
    return I;
  }
  auto *AS = cast<AssignStmt>(S);
  I.Recv = cast<syntax::Operation>(unparen(AS->Rhs));
  assert(I.Recv->Op == Operator::Recv && !I.Recv->Y &&
         "select case is neither a send nor a receive");
  I.Define = AS->Op == Operator::Def;
  if (auto *LE = dyn_cast<ListExpr>(AS->Lhs)) {
    I.Val = LE->Elems[0];
    if (LE->Elems.size() > 1)
      I.Ok = LE->Elems[1];
  } else {
    I.Val = AS->Lhs;
  }
  return I;
}
} // namespace

void FuncLowerer::emitSelect(SelectStmt *S) {
  llvm::BasicBlock *Done = newBlock("select.done");
  BreakTargets[S] = Done;

  llvm::SmallVector<CommInfo, 8> Comms;
  CommClause *Default = nullptr;
  for (CommClause *C : S->Body) {
    if (!C->Comm)
      Default = C;
    else
      Comms.push_back(decodeComm(C));
  }

  // Binds a received value (in Tmp) and ok flag to the case's targets.
  auto BindRecv = [&](const CommInfo &I, llvm::Value *Tmp, llvm::Value *Ok) {
    Type *ElemT = cast<Chan>(exprType(L.TCtx, I.Recv->X)->underlying())->Elem;
    auto Bind = [&](syntax::Expr *E, llvm::Value *V, Type *VT) {
      if (!E || isBlank(E))
        return;
      llvm::Value *Addr;
      if (I.Define)
        Addr = declareVar(cast<Var>(cast<syntax::Name>(E)->Obj));
      else
        Addr = lvalueAddr(emitLValue(E));
      storeConverted(V, VT, exprType(L.TCtx, E), Addr);
    };
    if (I.Val && Tmp)
      Bind(I.Val, L.isAggregate(ElemT) ? Tmp : load(ElemT, Tmp), ElemT);
    if (I.Ok)
      Bind(I.Ok, Ok, L.TCtx.basic(BasicKind::Bool));
  };
  auto Body = [&](CommClause *C) {
    emitStmtList(C->Body);
    branchTo(Done);
  };
  auto RecvTemp = [&](const CommInfo &I) -> llvm::Value * {
    if (!I.Val || isBlank(I.Val))
      return nullptr;
    Type *ElemT = cast<Chan>(exprType(L.TCtx, I.Recv->X)->underlying())->Elem;
    return createTemp(ElemT, "select.recv");
  };
  llvm::Value *NullP =
      llvm::ConstantPointerNull::get(cast<llvm::PointerType>(L.Ptr));

  // select {}: block forever.
  if (Comms.empty() && !Default) {
    B.CreateCall(L.getRuntime(RuntimeFn::gort_block));
    B.CreateUnreachable();
    setBlock(Done);
    return;
  }
  // Only a default.
  if (Comms.empty()) {
    Body(Default);
    setBlock(Done);
    return;
  }
  // One case: the plain operation.
  if (Comms.size() == 1 && !Default) {
    const CommInfo &I = Comms[0];
    if (I.IsSend) {
      emitSend(I.Send);
    } else {
      llvm::Value *Tmp = RecvTemp(I);
      llvm::Value *C = emitExpr(I.Recv->X);
      llvm::Value *Ok = nullptr;
      if (I.Ok)
        Ok = B.CreateCall(L.getRuntime(RuntimeFn::gort_chanrecv2),
                          {C, Tmp ? Tmp : NullP}, "recvok");
      else
        B.CreateCall(L.getRuntime(RuntimeFn::gort_chanrecv1),
                     {C, Tmp ? Tmp : NullP});
      BindRecv(I, Tmp, Ok);
    }
    Body(I.Clause);
    setBlock(Done);
    return;
  }
  // One case and a default: a non-blocking operation.
  if (Comms.size() == 1) {
    const CommInfo &I = Comms[0];
    llvm::BasicBlock *CaseBB = newBlock("select.case");
    llvm::BasicBlock *DefBB = newBlock("select.default");
    if (I.IsSend) {
      Type *ElemT =
          cast<Chan>(exprType(L.TCtx, I.Send->Chan)->underlying())->Elem;
      llvm::Value *C = emitExpr(I.Send->Chan);
      llvm::Value *Tmp = createTemp(ElemT, "send");
      emitStoreInto(I.Send->Value, ElemT, Tmp);
      llvm::Value *Sel =
          B.CreateCall(L.getRuntime(RuntimeFn::gort_selectnbsend), {C, Tmp});
      B.CreateCondBr(Sel, CaseBB, DefBB);
      setBlock(CaseBB);
    } else {
      llvm::Value *Tmp = RecvTemp(I);
      llvm::Value *C = emitExpr(I.Recv->X);
      llvm::Value *R = B.CreateCall(L.getRuntime(RuntimeFn::gort_selectnbrecv),
                                    {Tmp ? Tmp : NullP, C});
      llvm::Value *Sel =
          B.CreateICmpNE(B.CreateExtractValue(R, 0), B.getInt64(0));
      B.CreateCondBr(Sel, CaseBB, DefBB);
      setBlock(CaseBB);
      BindRecv(
          I, Tmp,
          B.CreateICmpNE(B.CreateExtractValue(R, 1), B.getInt64(0), "recvok"));
    }
    Body(I.Clause);
    setBlock(DefBB);
    Body(Default);
    setBlock(Done);
    return;
  }

  // The general case. Evaluate every channel operand and sent value in
  // source order, then fill the case array: sends first, receives after.
  size_t N = Comms.size();
  llvm::SmallVector<llvm::Value *, 8> Chans(N), Elems(N);
  for (size_t K = 0; K < N; ++K) {
    const CommInfo &I = Comms[K];
    if (I.IsSend) {
      Type *ElemT =
          cast<Chan>(exprType(L.TCtx, I.Send->Chan)->underlying())->Elem;
      Chans[K] = emitExpr(I.Send->Chan);
      Elems[K] = createTemp(ElemT, "select.send");
      emitStoreInto(I.Send->Value, ElemT, Elems[K]);
    } else {
      Chans[K] = emitExpr(I.Recv->X);
      llvm::Value *Tmp = RecvTemp(I);
      Elems[K] = Tmp ? Tmp : NullP;
    }
  }
  auto *CaseTy = llvm::StructType::get(L.Ctx, {L.GCPtr, L.Ptr});
  llvm::AllocaInst *Cases =
      createAlloca(llvm::ArrayType::get(CaseTy, N), "select.cases");
  llvm::AllocaInst *Order =
      createAlloca(llvm::ArrayType::get(B.getInt16Ty(), 2 * N), "select.order");
  llvm::SmallVector<unsigned, 8> Slot(N); // case array index of Comms[K]
  unsigned NSends = 0;
  for (size_t K = 0; K < N; ++K)
    if (Comms[K].IsSend)
      Slot[K] = NSends++;
  unsigned NextRecv = NSends;
  for (size_t K = 0; K < N; ++K)
    if (!Comms[K].IsSend)
      Slot[K] = NextRecv++;
  for (size_t K = 0; K < N; ++K) {
    llvm::Value *CP =
        B.CreateConstGEP2_32(Cases->getAllocatedType(), Cases, 0, Slot[K]);
    B.CreateStore(Chans[K], B.CreateStructGEP(CaseTy, CP, 0));
    B.CreateStore(Elems[K], B.CreateStructGEP(CaseTy, CP, 1));
  }
  llvm::Value *R =
      B.CreateCall(L.getRuntime(RuntimeFn::gort_selectgo),
                   {Cases, Order, B.getInt64(NSends), B.getInt64(N - NSends),
                    B.getInt1(Default == nullptr)});
  llvm::Value *Chosen = B.CreateExtractValue(R, 0, "chosen");
  llvm::Value *RecvOk =
      B.CreateICmpNE(B.CreateExtractValue(R, 1), B.getInt64(0), "recvok");
  llvm::BasicBlock *DefBB = Default ? newBlock("select.default") : nullptr;
  llvm::BasicBlock *Unreach = newBlock("select.none");
  llvm::SwitchInst *Sw =
      B.CreateSwitch(Chosen, Default ? DefBB : Unreach, unsigned(N));
  for (size_t K = 0; K < N; ++K) {
    llvm::BasicBlock *CaseBB = newBlock("select.case");
    Sw->addCase(B.getInt64(Slot[K]), CaseBB);
    setBlock(CaseBB);
    if (!Comms[K].IsSend)
      BindRecv(Comms[K], Elems[K] == NullP ? nullptr : Elems[K], RecvOk);
    Body(Comms[K].Clause);
  }
  if (Default) {
    setBlock(DefBB);
    Body(Default);
  }
  setBlock(Unreach);
  B.CreateUnreachable();
  setBlock(Done);
}
