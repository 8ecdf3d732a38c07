//===- codegen/write_barrier.cpp - The collector's write barrier ----------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// While a concurrent mark runs (runtime/mgc.cpp), the program keeps
// changing the heap the mark workers are reading. gc's answer, which
// libgort follows, is the hybrid write barrier of Go 1.8: before a pointer
// store, shade (mark grey) the pointer being overwritten (Yuasa's deletion
// barrier: whatever was reachable when the mark started stays reachable
// for the mark) and the pointer being stored (Dijkstra's insertion
// barrier). Stores into the goroutine's own frame and into globals need
// none: the mark start scans every stack and the writable segments with
// the world stopped, and objects allocated during the mark are born
// marked.
//
// The pass: in every function, before every instruction that may
// overwrite a pointer in memory other than a frame slot or a global,
//
//     %on = load i32, ptr @gort_writeBarrier
//     br (%on != 0), %wb, %cont                  ; weighted never taken
//   wb:
//     call void @gort_wb(ptr addrspace(1) %slot, ptr addrspace(1) %new)
//     br %cont                                   ; one per pointer word
//   cont:
//     store ptr addrspace(1) %new, ptr addrspace(1) %slot
//
// What counts:
//   - a store (atomic or not) of a value with Go pointers in it: a
//     pointer in addrspace(1), or a struct, array or vector holding some
//     (strings, slices, interfaces, closures). gort_wb is called for each
//     pointer word, with its slot and new value;
//   - atomicrmw xchg and cmpxchg of such pointers (sync/atomic's pointer
//     functions), as stores;
//   - a store of an integer (or integer vector) of a word or more that
//     was just loaded: the optimizer turns a memmove of 8 bytes, a copy of
//     one pointer, into such a pair. gort_wbmove(dst, src, size), as for a
//     memmove. A load lowering made of a Go integer carries
//     scalarLoadTag (TBAA) and is no such copy: a swap of two elements
//     of a []int stores without tests, as in gc;
//   - memcpy, memmove and memset (the optimizer makes them of copies and
//     clears of aggregates, codegen of array copies, append and copy):
//     gort_wbmove(dst, src or null, length), which shades every pointer
//     in the destination and the source, found word by word; a destination
//     in a noscan span (byte slices, strings' bytes) costs one lookup.
// Skipped: stores whose address is, through casts and GEPs, an alloca, a
// global variable, or the out pointer of a scalar result (ResultOutAttr:
// the caller's temporary, or memory cleared for the call, whose old
// contents need no shading). Anything else -- a pointer argument, a heap
// object, a phi of several -- gets the barrier, which is harmless where the
// memory is a frame (shading more only keeps more alive for one cycle).
//
// When: after the optimization pipeline, so that barriers do not get in
// the optimizer's way (a call in a loop blocks vectorization and store
// forwarding), and so that the stores and copies the optimizer created or
// merged are the ones seen. That is also why the memory intrinsics are
// handled word by word at run time: the optimizer merges typed stores into
// untyped memcpys. Before the preemption polls and the stack check, so
// that a function that may call the barrier gets its prologue like any
// caller (the barrier runs in the StackGuard margin). The flag can change
// only at a stop-the-world, which only a safepoint -- a call -- can reach,
// so the flag's load is an ordinary load that the backend may hoist out of
// a loop without calls.
//
// Cost while no mark runs: a load, a compare and a predicted branch per
// pointer store into the heap; what it cost on the benchmarks is in
// docs/runtime/gc.md.
//
//===----------------------------------------------------------------------===//

#include "codegen/write_barrier.h"

#include "codegen/lower.h"
#include "codegen/runtime_decls.h"

#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"

#include <vector>

using namespace gortc;
using namespace gortc::codegen;

/// The only type of the TBAA tags gortc emits (under the root "gortc tbaa").
constexpr const char ScalarTBAAType[] = "go scalar";

llvm::MDNode *codegen::scalarLoadTag(llvm::LLVMContext &Ctx) {
  llvm::MDBuilder MDB(Ctx);
  llvm::MDNode *Scalar = MDB.createTBAAScalarTypeNode(
      ScalarTBAAType, MDB.createTBAARoot("gortc tbaa"));
  return MDB.createTBAAStructTagNode(Scalar, Scalar, 0);
}

bool codegen::isScalarLoad(const llvm::LoadInst *L) {
  const llvm::MDNode *Tag = L->getMetadata(llvm::LLVMContext::MD_tbaa);
  if (!Tag || Tag->getNumOperands() < 3)
    return false;
  const auto *Access = llvm::dyn_cast<llvm::MDNode>(Tag->getOperand(1));
  if (!Access || Access->getNumOperands() < 1)
    return false;
  const auto *Name = llvm::dyn_cast<llvm::MDString>(Access->getOperand(0));
  return Name && Name->getString() == ScalarTBAAType;
}

/// For measuring the barrier's cost (`-mllvm -gortc-no-write-barrier`):
/// a program built so must run with GORTDEBUG=gcstw=1.
static llvm::cl::opt<bool>
    NoBarrierOpt("gortc-no-write-barrier", llvm::cl::Hidden,
                 llvm::cl::desc("emit no write barriers (the program must "
                                "run with GORTDEBUG=gcstw=1)"));

namespace {

/// Whether T holds a Go pointer (a pointer in addrspace(1)).
bool hasGCPtr(llvm::Type *T) {
  if (auto *P = llvm::dyn_cast<llvm::PointerType>(T))
    return P->getAddressSpace() == GCAddrSpace;
  if (auto *S = llvm::dyn_cast<llvm::StructType>(T)) {
    for (llvm::Type *E : S->elements())
      if (hasGCPtr(E))
        return true;
    return false;
  }
  if (auto *A = llvm::dyn_cast<llvm::ArrayType>(T))
    return hasGCPtr(A->getElementType());
  if (auto *V = llvm::dyn_cast<llvm::VectorType>(T))
    return hasGCPtr(V->getElementType());
  return false;
}

/// Whether a store to Addr needs no barrier: Addr is in the function's
/// frame or a global, which the mark start scanned, or in a scalar
/// result's slot (ResultOutAttr, codegen.h).
bool isFrameOrGlobal(llvm::Value *Addr) {
  llvm::Value *U = llvm::getUnderlyingObject(Addr, /*MaxLookup=*/0);
  if (auto *A = llvm::dyn_cast<llvm::Argument>(U))
    return A->getParent()->getAttributes().hasParamAttr(A->getArgNo(),
                                                        ResultOutAttr);
  return llvm::isa<llvm::AllocaInst>(U) || llvm::isa<llvm::GlobalVariable>(U);
}

/// Whether V, stored, may be a copy of pointers made as integers: a load
/// of an integer, or of a vector of integers, of at least a word. The
/// optimizer turns a memmove of 8 bytes into such a pair (InstCombine;
/// it cannot know the bytes are a pointer). A load lowering made of a Go
/// integer (scalarLoadTag) is none.
bool isIntegerCopy(llvm::Value *V, const llvm::DataLayout &DL) {
  auto *L = llvm::dyn_cast<llvm::LoadInst>(V);
  if (!L || isScalarLoad(L))
    return false;
  llvm::Type *T = L->getType();
  if (auto *VT = llvm::dyn_cast<llvm::VectorType>(T))
    T = VT->getElementType();
  return T->isIntegerTy() &&
         DL.getTypeStoreSize(L->getType()).getKnownMinValue() >= 8;
}

struct Barrier {
  llvm::Module &M;
  const llvm::DataLayout &DL;
  llvm::GlobalVariable *Flag = nullptr;
  llvm::Function *WB = nullptr, *WBMove = nullptr;
  llvm::Type *GCPtr;

  explicit Barrier(llvm::Module &M)
      : M(M), DL(M.getDataLayout()),
        GCPtr(llvm::PointerType::get(M.getContext(), GCAddrSpace)) {}

  llvm::GlobalVariable *flag() {
    if (!Flag) {
      Flag = llvm::cast<llvm::GlobalVariable>(M.getOrInsertGlobal(
          "gort_writeBarrier", llvm::Type::getInt32Ty(M.getContext())));
    }
    return Flag;
  }

  llvm::Value *asGC(llvm::IRBuilder<> &B, llvm::Value *P) {
    if (P->getType() == GCPtr)
      return P;
    return B.CreateAddrSpaceCast(P, GCPtr);
  }

  /// Splits I's block before I and returns the end of the new slow block,
  /// taken when the flag is set, to insert before; control then goes on
  /// to I.
  llvm::Instruction *guard(llvm::Instruction *I) {
    llvm::LLVMContext &Ctx = M.getContext();
    llvm::BasicBlock *Head = I->getParent();
    llvm::BasicBlock *Cont = Head->splitBasicBlock(I, "wb.cont");
    llvm::Function *F = Head->getParent();
    llvm::BasicBlock *Slow = llvm::BasicBlock::Create(Ctx, "wb", F, Cont);
    Head->getTerminator()->eraseFromParent();
    llvm::IRBuilder<> HB(Head);
    llvm::Value *On = HB.CreateICmpNE(
        HB.CreateLoad(HB.getInt32Ty(), flag(), "wb.flag"), HB.getInt32(0));
    llvm::MDBuilder MDB(Ctx);
    HB.CreateCondBr(On, Slow, Cont, MDB.createBranchWeights(1, 1 << 20));
    return llvm::BranchInst::Create(Cont, Slow);
  }

  /// gort_wb for every Go pointer in V (of type T), stored at Addr.
  void wbValue(llvm::IRBuilder<> &B, llvm::Value *Addr, llvm::Value *V,
               llvm::Type *T, uint64_t Off) {
    if (auto *P = llvm::dyn_cast<llvm::PointerType>(T)) {
      if (P->getAddressSpace() != GCAddrSpace)
        return;
      llvm::Value *Slot =
          Off ? B.CreateConstGEP1_64(B.getInt8Ty(), Addr, Off) : Addr;
      B.CreateCall(WB, {asGC(B, Slot), V});
      return;
    }
    if (auto *S = llvm::dyn_cast<llvm::StructType>(T)) {
      const llvm::StructLayout *SL = DL.getStructLayout(S);
      for (unsigned I = 0; I < S->getNumElements(); ++I)
        if (hasGCPtr(S->getElementType(I)))
          wbValue(B, Addr, B.CreateExtractValue(V, I), S->getElementType(I),
                  Off + SL->getElementOffset(I));
      return;
    }
    if (auto *A = llvm::dyn_cast<llvm::ArrayType>(T)) {
      uint64_t Size = DL.getTypeAllocSize(A->getElementType());
      for (unsigned I = 0; I < A->getNumElements(); ++I)
        wbValue(B, Addr, B.CreateExtractValue(V, I), A->getElementType(),
                Off + I * Size);
      return;
    }
    if (auto *VT = llvm::dyn_cast<llvm::FixedVectorType>(T)) {
      uint64_t Size = DL.getTypeAllocSize(VT->getElementType());
      for (unsigned I = 0; I < VT->getNumElements(); ++I)
        wbValue(B, Addr, B.CreateExtractElement(V, I), VT->getElementType(),
                Off + I * Size);
      return;
    }
  }

  void onStore(llvm::Instruction *I, llvm::Value *Addr, llvm::Value *V) {
    llvm::IRBuilder<> B(guard(I));
    wbValue(B, Addr, V, V->getType(), 0);
  }

  /// A store of an integer copy (isIntegerCopy): the barrier of a memmove
  /// from where it was loaded.
  void onIntegerCopy(llvm::StoreInst *S) {
    auto *L = llvm::cast<llvm::LoadInst>(S->getValueOperand());
    llvm::IRBuilder<> B(guard(S));
    uint64_t Size = DL.getTypeStoreSize(L->getType()).getFixedValue();
    B.CreateCall(WBMove, {asGC(B, S->getPointerOperand()),
                          asGC(B, L->getPointerOperand()), B.getInt64(Size)});
  }

  void onMem(llvm::MemIntrinsic *MI) {
    llvm::Value *Dst = MI->getRawDest();
    llvm::Value *Src = nullptr;
    if (auto *MT = llvm::dyn_cast<llvm::MemTransferInst>(MI))
      Src = MT->getRawSource();
    llvm::IRBuilder<> B(guard(MI));
    llvm::Value *Len = B.CreateZExtOrTrunc(MI->getLength(), B.getInt64Ty());
    llvm::Value *S = Src ? asGC(B, Src)
                         : llvm::ConstantPointerNull::get(
                               llvm::cast<llvm::PointerType>(GCPtr));
    B.CreateCall(WBMove, {asGC(B, Dst), S, Len});
  }

  bool run(llvm::Function &F) {
    std::vector<llvm::Instruction *> Work;
    for (llvm::Instruction &I : llvm::instructions(F)) {
      if (auto *S = llvm::dyn_cast<llvm::StoreInst>(&I)) {
        llvm::Value *V = S->getValueOperand();
        if ((hasGCPtr(V->getType()) || isIntegerCopy(V, DL)) &&
            !isFrameOrGlobal(S->getPointerOperand()))
          Work.push_back(&I);
      } else if (auto *X = llvm::dyn_cast<llvm::AtomicRMWInst>(&I)) {
        if (X->getOperation() == llvm::AtomicRMWInst::Xchg &&
            hasGCPtr(X->getValOperand()->getType()) &&
            !isFrameOrGlobal(X->getPointerOperand()))
          Work.push_back(&I);
      } else if (auto *X = llvm::dyn_cast<llvm::AtomicCmpXchgInst>(&I)) {
        if (hasGCPtr(X->getNewValOperand()->getType()) &&
            !isFrameOrGlobal(X->getPointerOperand()))
          Work.push_back(&I);
      } else if (auto *MI = llvm::dyn_cast<llvm::MemIntrinsic>(&I)) {
        if (!isFrameOrGlobal(MI->getRawDest()))
          Work.push_back(&I);
      }
    }
    if (Work.empty())
      return false;
    if (!WB) {
      WB = getOrInsertRuntimeFunction(M, RuntimeFn::gort_wb);
      WBMove = getOrInsertRuntimeFunction(M, RuntimeFn::gort_wbmove);
    }
    for (llvm::Instruction *I : Work) {
      if (auto *S = llvm::dyn_cast<llvm::StoreInst>(I)) {
        if (hasGCPtr(S->getValueOperand()->getType()))
          onStore(I, S->getPointerOperand(), S->getValueOperand());
        else
          onIntegerCopy(S);
      } else if (auto *X = llvm::dyn_cast<llvm::AtomicRMWInst>(I))
        onStore(I, X->getPointerOperand(), X->getValOperand());
      else if (auto *X = llvm::dyn_cast<llvm::AtomicCmpXchgInst>(I))
        onStore(I, X->getPointerOperand(), X->getNewValOperand());
      else
        onMem(llvm::cast<llvm::MemIntrinsic>(I));
    }
    return true;
  }
};

} // namespace

llvm::PreservedAnalyses WriteBarrierPass::run(llvm::Module &M,
                                              llvm::ModuleAnalysisManager &) {
  if (NoBarrierOpt)
    return llvm::PreservedAnalyses::all();
  Barrier B(M);
  bool Changed = false;
  for (llvm::Function &F : M)
    if (!F.isDeclaration())
      Changed |= B.run(F);
  return Changed ? llvm::PreservedAnalyses::none()
                 : llvm::PreservedAnalyses::all();
}
