//===- codegen/stack_check.cpp - Stack-growth prologues -------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Goroutine stacks are segments that grow on demand (design.md "Stack
// growth"). Every Go function that calls anything, or whose static frame
// exceeds StackSmall, begins with
//
//   entry:  <static allocas>
//           %sp = read_register(sp)
//           %g  = current g (TLS on x86-64, x28 on AArch64)
//           if (%sp - %bigframe <= g->stackguard0) goto morestack   (cold)
//   body:   <big allocas, now dynamic>  <original code>
//   morestack:
//           store the arguments into a block in the frame
//           gort_morestack(@f.morestack, %block)
//           return the results the thunk stored in the block
//
// and a thunk @f.morestack(ptr %block) that reloads the arguments, calls
// @f (whose check now passes on the new segment) and stores the results.
//
// LLVM allocates the static frame (and spills callee-saved registers)
// before our check runs, so every static frame must fit in the StackGuard
// margin below stackguard0 (libgort/abi.h). Allocas above BigAlloca bytes
// are therefore moved after the check, where they become dynamic
// allocations and the check accounts for their size. Functions that make
// no calls and have a small frame need no check (gc's StackSmall), and
// neither do the thunks themselves.
//
// Running after the optimization pipeline means inlined callees do not
// duplicate the check, and leaf functions that inlining created are seen as
// leaves. Rejected: emitting the check in IR during lowering (duplicated by
// inlining), LLVM's "split-stack" attribute (x86-64 only), and a
// MachineFunction pass (LLVM's codegen pipeline cannot be extended from a
// library without patching it).
//
//===----------------------------------------------------------------------===//

#include "codegen/stack_check.h"

#include "libgort/abi.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"

using namespace gortc;
using namespace gortc::codegen;

/// Static allocas above this size move behind the check.
static constexpr uint64_t BigAlloca = 512;

llvm::Value *codegen::emitGetG(llvm::IRBuilderBase &B, bool AArch64) {
  llvm::LLVMContext &Ctx = B.getContext();
  llvm::Module *M = B.GetInsertBlock()->getModule();
  if (AArch64) {
    llvm::Function *RR = llvm::Intrinsic::getDeclaration(
        M, llvm::Intrinsic::read_register, {B.getInt64Ty()});
    llvm::Metadata *Reg = llvm::MDString::get(Ctx, "x28");
    llvm::Value *Arg =
        llvm::MetadataAsValue::get(Ctx, llvm::MDNode::get(Ctx, {Reg}));
    llvm::Value *V = B.CreateCall(RR, {Arg}, "g.bits");
    return B.CreateIntToPtr(V, B.getPtrTy(), "g");
  }
  auto *FT = llvm::FunctionType::get(B.getPtrTy(), false);
  auto *Asm = llvm::InlineAsm::get(FT, "movq %fs:gort_tls_g@TPOFF, $0", "=r",
                                   /*hasSideEffects=*/false);
  llvm::CallInst *C = B.CreateCall(FT, Asm, {}, "g");
  // The current g is constant for the running goroutine: the call reads no
  // memory, so it may be CSE'd even across calls.
  C->setDoesNotAccessMemory();
  C->setDoesNotThrow();
  C->addFnAttr(llvm::Attribute::get(Ctx, "gc-leaf-function"));
  return C;
}

static bool needsCheck(llvm::Function &F, uint64_t &StaticBytes) {
  const llvm::DataLayout &DL = F.getParent()->getDataLayout();
  StaticBytes = 0;
  for (llvm::Instruction &I : F.getEntryBlock())
    if (auto *AI = llvm::dyn_cast<llvm::AllocaInst>(&I))
      if (AI->isStaticAlloca())
        if (auto Size = AI->getAllocationSize(DL))
          StaticBytes += Size->getFixedValue();
  if (StaticBytes > gort::abi::StackSmall)
    return true;
  for (llvm::BasicBlock &BB : F)
    for (llvm::Instruction &I : BB)
      if (auto *CB = llvm::dyn_cast<llvm::CallBase>(&I)) {
        if (llvm::isa<llvm::IntrinsicInst>(CB))
          continue;
        if (CB->isInlineAsm())
          continue;
        return true;
      }
  return false;
}

/// Creates @F.morestack: reloads the arguments from the block, calls F and
/// stores its result after them.
static llvm::Function *createThunk(llvm::Function &F,
                                   llvm::StructType *BlockTy) {
  llvm::LLVMContext &Ctx = F.getContext();
  llvm::Module *M = F.getParent();
  auto *FT = llvm::FunctionType::get(llvm::Type::getVoidTy(Ctx),
                                     {llvm::PointerType::get(Ctx, 0)}, false);
  auto *Thunk = llvm::Function::Create(FT, llvm::GlobalValue::InternalLinkage,
                                       F.getName() + ".morestack", M);
  Thunk->addFnAttr(llvm::Attribute::NoUnwind);
  Thunk->addFnAttr(llvm::Attribute::NoInline);
  Thunk->addFnAttr("frame-pointer", "all");
  Thunk->addFnAttr("disable-tail-calls", "true");
  // recover() looks through thunk frames (runtime/panic.cpp).
  Thunk->setSection(".gort_wrapper");
  if (F.hasFnAttribute("target-features"))
    Thunk->addFnAttr(F.getFnAttribute("target-features"));
  llvm::IRBuilder<> B(llvm::BasicBlock::Create(Ctx, "entry", Thunk));
  llvm::Value *Blk = Thunk->getArg(0);
  llvm::SmallVector<llvm::Value *, 8> Args;
  for (unsigned I = 0; I < F.arg_size(); ++I)
    Args.push_back(B.CreateLoad(F.getArg(I)->getType(),
                                B.CreateStructGEP(BlockTy, Blk, I)));
  llvm::CallInst *C = B.CreateCall(&F, Args);
  if (!F.getReturnType()->isVoidTy())
    B.CreateStore(C, B.CreateStructGEP(BlockTy, Blk, F.arg_size()));
  B.CreateRetVoid();
  return Thunk;
}

static void insertCheck(llvm::Function &F, llvm::FunctionCallee MoreStack,
                        bool AArch64) {
  llvm::LLVMContext &Ctx = F.getContext();
  const llvm::DataLayout &DL = F.getParent()->getDataLayout();
  llvm::BasicBlock &Entry = F.getEntryBlock();

  // Move big static allocas out of the entry block; they will be allocated
  // after the check, which then accounts for their size.
  llvm::SmallVector<llvm::AllocaInst *, 4> Big;
  uint64_t BigBytes = 0;
  for (llvm::Instruction &I : Entry)
    if (auto *AI = llvm::dyn_cast<llvm::AllocaInst>(&I))
      if (AI->isStaticAlloca())
        if (auto Size = AI->getAllocationSize(DL);
            Size && Size->getFixedValue() > BigAlloca) {
          Big.push_back(AI);
          BigBytes += Size->getFixedValue() + AI->getAlign().value();
        }

  // Block holding the arguments and the result for the thunk.
  llvm::SmallVector<llvm::Type *, 8> Fields;
  for (llvm::Argument &A : F.args())
    Fields.push_back(A.getType());
  if (!F.getReturnType()->isVoidTy())
    Fields.push_back(F.getReturnType());
  auto *BlockTy = llvm::StructType::get(Ctx, Fields);
  llvm::Function *Thunk = createThunk(F, BlockTy);

  // Split the entry block after its leading allocas.
  llvm::BasicBlock::iterator Split = Entry.begin();
  while (Split != Entry.end() && llvm::isa<llvm::AllocaInst>(*Split) &&
         !llvm::is_contained(Big, llvm::cast<llvm::AllocaInst>(&*Split)))
    ++Split;
  llvm::BasicBlock *Body = Entry.splitBasicBlock(Split, "body");
  Entry.getTerminator()->eraseFromParent();
  for (llvm::AllocaInst *AI : Big)
    AI->moveBefore(&*Body->getFirstInsertionPt());

  llvm::IRBuilder<> B(&Entry);
  llvm::AllocaInst *Blk = B.CreateAlloca(BlockTy, nullptr, "morestack.args");
  llvm::Function *RR = llvm::Intrinsic::getDeclaration(
      F.getParent(), llvm::Intrinsic::read_register, {B.getInt64Ty()});
  llvm::Metadata *SPName = llvm::MDString::get(Ctx, AArch64 ? "sp" : "rsp");
  llvm::Value *SP = B.CreateCall(
      RR, {llvm::MetadataAsValue::get(Ctx, llvm::MDNode::get(Ctx, {SPName}))},
      "sp");
  if (BigBytes)
    SP = B.CreateSub(SP, B.getInt64(BigBytes), "sp.need");
  llvm::Value *G = emitGetG(B, AArch64);
  llvm::Value *GuardP = B.CreateConstGEP1_64(
      B.getInt8Ty(), G, gort::abi::GStackGuard0Offset, "g.stackguard0");
  llvm::Value *Guard = B.CreateLoad(B.getInt64Ty(), GuardP, "stackguard0");
  llvm::Value *Need = B.CreateICmpULE(SP, Guard, "need.morestack");
  llvm::BasicBlock *Slow =
      llvm::BasicBlock::Create(Ctx, "morestack", &F, Body->getNextNode());
  llvm::MDBuilder MDB(Ctx);
  B.CreateCondBr(Need, Slow, Body, MDB.createBranchWeights(1, 1 << 20));

  B.SetInsertPoint(Slow);
  for (unsigned I = 0; I < F.arg_size(); ++I)
    B.CreateStore(F.getArg(I), B.CreateStructGEP(BlockTy, Blk, I));
  B.CreateCall(MoreStack, {Thunk, Blk});
  if (F.getReturnType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(B.CreateLoad(F.getReturnType(),
                             B.CreateStructGEP(BlockTy, Blk, F.arg_size())));
}

llvm::PreservedAnalyses StackCheckPass::run(llvm::Module &M,
                                            llvm::ModuleAnalysisManager &) {
  bool AArch64 = TM.getTargetTriple().isAArch64();
  llvm::LLVMContext &Ctx = M.getContext();
  auto *PtrTy = llvm::PointerType::get(Ctx, 0);
  llvm::FunctionCallee MoreStack = M.getOrInsertFunction(
      "gort_morestack",
      llvm::FunctionType::get(llvm::Type::getVoidTy(Ctx), {PtrTy, PtrTy},
                              false));
  if (auto *MF = llvm::dyn_cast<llvm::Function>(MoreStack.getCallee()))
    MF->addFnAttr(llvm::Attribute::NoUnwind);

  std::vector<llvm::Function *> Work;
  for (llvm::Function &F : M)
    if (!F.isDeclaration() && F.hasFnAttribute(GoFuncAttr))
      Work.push_back(&F);
  bool Changed = false;
  for (llvm::Function *F : Work) {
    uint64_t StaticBytes;
    if (!needsCheck(*F, StaticBytes))
      continue;
    insertCheck(*F, MoreStack, AArch64);
    Changed = true;
  }
  return Changed ? llvm::PreservedAnalyses::none()
                 : llvm::PreservedAnalyses::all();
}
