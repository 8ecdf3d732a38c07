//===- codegen/stack_check.cpp - Stack-growth checks ----------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Goroutine stacks are segments that grow on demand (design.md "Stack
// growth", runtime/stack.cpp). Every Go function that calls anything, or
// whose frame is big, must make sure that its frame lies above its
// goroutine's g->stackguard0 = segment low bound + abi::StackGuard before
// anything is written in it, as gc's stacksplit does
// (cmd/internal/obj/x86/obj6.go: the StackSmall, StackBig and huge-frame
// cases).
//
// The difficulty. The check is IR, so it runs after LLVM's prologue has
// pushed callee-saved registers and allocated the whole static frame:
// locals, spill slots, outgoing arguments. Whatever part of that frame lies
// below the segment is out of bounds before anything is compared, and only
// code generation knows the frame's final size. LLVM offers no hook to run
// code before the prologue on AArch64, and on x86-64 only one that cannot
// move the frame (../shared/docs/frames.md).
//
// The mechanism: every frame is measured, and each function gets the check
// that its real frame allows.
//   1. Small frames check after the prologue. A function whose frame is at
//      most abi::StackFrameMax bytes begins with
//        entry: <static allocas>  if (SP <= g->stackguard0) goto morestack
//      Its caller passed its own check, so its frame lies at most
//      StackFrameMax bytes below a stack pointer that was above the guard:
//      inside the StackGuard margin, above the segment's low bound. The
//      margin's rest covers runtime code between the two (deferred calls,
//      hash functions) and the slow path (abi.h, StackFrameMax). A leaf
//      function (no calls) with such a frame needs no check at all (gc:
//      StackSmall, with our margin).
//   2. Big frames check before the frame exists. A function F predicted to
//      exceed the limit is split: its body becomes F..body (internal, no
//      check) and F becomes a wrapper with a tiny frame that compares
//        SP - F..frame <= g->stackguard0
//      and then tail-calls (musttail) the body, whose frame therefore lies
//      above the guard. A body whose results do not fit in the return
//      registers cannot be tail-called (LLVM returns them through a
//      buffer in the caller's frame): the wrapper calls it, and its check
//      adds WrapperCallSlack for the return address and frame record.
//      F..frame is an absolute symbol: the body's frame
//      size as code generation produced it, read from the object's
//      .stack_sizes section and defined at link time (frameSymbolsAsm,
//      codegen/pipeline.cpp).
//      Callers, itabs and the runtime (main.main) keep calling F.
//   3. Every frame is verified after code generation (checkFrames): each
//      function of the object but the split bodies must have a frame of at
//      most StackFrameMax. The prediction below decides only which functions
//      are split up front; a function it placed wrongly is split and its
//      module compiled again (codegen/pipeline.cpp), so the invariant holds
//      by construction, not by estimate.
//
// The slow path, taken when the check fails, writes nothing in the frame
// (which may lie below the segment):
//   morestack: %blk = gort_stack_reserve(Need, sizeof block)
//              if (%blk == null) goto body      ; a preemption, dealt with
//              store the arguments into %blk    ; at the next segment's top
//              gort_morestack(@F..morestack, %blk)
//              return the results the thunk stored in %blk
// and the thunk @F..morestack(ptr %blk) reloads the arguments, calls F
// (whose check now passes on the new segment) and stores the results.
// See runtime/stack.cpp for the runtime's half.
//
// The prediction. A frame holds the static allocas, spill slots, the
// callee-saved registers and outgoing arguments. For each function we
// compute, with an SSA liveness pass, the bytes of values live across each
// call (at -O1 and above these occupy callee-saved registers or spill
// slots) and the bytes of values live across blocks (at -O0 the fast
// register allocator gives each of those its own slot), and add the
// allocas and a per-target constant. Functions predicted above 3/4 of the
// limit, or too big to analyse cheaply, are split; the cost of a split is
// one tail call. Measured on Go's import-free tests and the benchmark
// programs, -O0 to -O3 on both targets (about 37 000 functions): the
// prediction sent no function over the limit past the split; at -O2 it
// split 5 functions per target, of which 1 did not need it. What it cannot
// see (constants LLVM keeps in vector registers across calls, say) the
// verification catches.
//
// Running after the optimization pipeline means inlined callees do not
// duplicate the check, and leaf functions that inlining created are seen
// as leaves. Rejected: emitting the check during lowering (duplicated by
// inlining); moving big allocas after the check as dynamic allocas (spills
// and callee-saved registers still land below the segment, the first
// version of this pass); LLVM's "split-stack" (x86-64 only) and
// "probe-stack" (cannot move a frame; aborts on AArch64); a MachineFunction
// pass emitting the check before the prologue (LLVM's codegen pipeline
// cannot be extended from a library without patching it); checking every
// function with a wrapper (one extra jump on every call).
//
//===----------------------------------------------------------------------===//

#include "codegen/stack_check.h"

#include "codegen/runtime_decls.h"
#include "libgort/abi.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/LEB128.h"

using namespace gortc;
using namespace gortc::codegen;

/// The suffix of a split function's body, and of the absolute symbol that
/// holds the body's frame size. Go names never end in either.
static constexpr llvm::StringLiteral BodySuffix = "..body";
static constexpr llvm::StringLiteral FrameSuffix = "..frame";
/// The suffix of a function's morestack thunk.
static constexpr llvm::StringLiteral ThunkSuffix = "..morestack";
/// Marks a split function's body, which has no check of its own.
static constexpr llvm::StringLiteral SplitBodyAttr = "gort-split-body";
/// Functions above this many instructions are split without analysis.
static constexpr unsigned MaxAnalyzedInsts = 4000;

llvm::LoadInst *codegen::emitLoadStackGuard(llvm::IRBuilderBase &B,
                                            bool AArch64) {
  llvm::Value *G = emitGetG(B, AArch64);
  llvm::Value *GuardP = B.CreateConstGEP1_64(
      B.getInt8Ty(), G, gort::abi::GStackGuard0Offset, "g.stackguard0");
  return B.CreateLoad(B.getInt64Ty(), GuardP, "stackguard0");
}

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

void codegen::placeInWrapperSection(llvm::Function &F) {
  F.setSection((llvm::Twine(gort::abi::WrapperSection) + "." + F.getName())
                   .str());
}

std::string codegen::frameSymbolName(llvm::StringRef BodyName) {
  assert(BodyName.ends_with(BodySuffix) && "not a split function's body");
  return (BodyName.drop_back(BodySuffix.size()) + FrameSuffix).str();
}

//===----------------------------------------------------------------------===//
// Frame prediction
//===----------------------------------------------------------------------===//

namespace {

/// What the prediction needs to know about a function.
struct FrameFacts {
  uint64_t AllocaBytes = 0;       ///< static allocas, each aligned
  bool TooBig = false;            ///< over MaxAnalyzedInsts: not analysed
  uint64_t MaxLiveAcrossCall = 0; ///< bytes live across the worst call
  uint64_t AnyLiveAcrossCall = 0; ///< bytes live across any call
  uint64_t CrossBlockBytes = 0;   ///< bytes of values live into other blocks
  uint64_t ArgBytes = 0;          ///< bytes of the incoming arguments
};

/// Whether I is a call that uses the stack: anything but the intrinsics
/// that become plain instructions.
bool isStackCall(const llvm::Instruction &I) {
  const auto *CB = llvm::dyn_cast<llvm::CallBase>(&I);
  if (!CB)
    return false;
  if (CB->isInlineAsm())
    return false;
  if (const auto *II = llvm::dyn_cast<llvm::IntrinsicInst>(CB)) {
    switch (II->getIntrinsicID()) {
    case llvm::Intrinsic::memcpy:
    case llvm::Intrinsic::memmove:
    case llvm::Intrinsic::memset:
      return true; // may become calls to the runtime's memmove/memset
    default:
      return false;
    }
  }
  return true;
}

/// Bytes a value of type T occupies in registers or a spill slot.
uint64_t valueBytes(const llvm::DataLayout &DL, llvm::Type *T) {
  if (T->isVoidTy() || T->isLabelTy() || T->isTokenTy() || T->isMetadataTy())
    return 0;
  return llvm::alignTo(DL.getTypeStoreSize(T).getKnownMinValue(), 8);
}

FrameFacts computeFacts(llvm::Function &F) {
  const llvm::DataLayout &DL = F.getParent()->getDataLayout();
  FrameFacts Facts;
  for (llvm::Argument &A : F.args())
    Facts.ArgBytes += valueBytes(DL, A.getType());
  unsigned NumInsts = 0;
  for (llvm::BasicBlock &BB : F)
    for (llvm::Instruction &I : BB) {
      ++NumInsts;
      if (auto *AI = llvm::dyn_cast<llvm::AllocaInst>(&I)) {
        if (AI->isStaticAlloca())
          if (auto Size = AI->getAllocationSize(DL))
            Facts.AllocaBytes +=
                llvm::alignTo(Size->getFixedValue(), AI->getAlign());
      }
    }
  if (NumInsts > MaxAnalyzedInsts) {
    Facts.TooBig = true;
    return Facts;
  }

  // Number the values that can occupy a register or a slot: arguments and
  // instruction results, except allocas (their addresses are frame
  // offsets).
  llvm::DenseMap<const llvm::Value *, unsigned> Num;
  llvm::SmallVector<uint64_t, 64> Bytes;
  auto Add = [&](const llvm::Value *V) {
    uint64_t B = valueBytes(DL, V->getType());
    if (!B || llvm::isa<llvm::AllocaInst>(V))
      return;
    Num[V] = unsigned(Bytes.size());
    Bytes.push_back(B);
  };
  for (llvm::Argument &A : F.args())
    Add(&A);
  for (llvm::BasicBlock &BB : F)
    for (llvm::Instruction &I : BB)
      Add(&I);
  unsigned NV = unsigned(Bytes.size());
  auto Id = [&](const llvm::Value *V) -> int {
    auto It = Num.find(V);
    return It == Num.end() ? -1 : int(It->second);
  };

  // Backward liveness over the CFG: a phi's operand is used at the end of
  // the incoming block.
  struct BlockSets {
    llvm::BitVector Use, Def, In, Out;
  };
  llvm::DenseMap<const llvm::BasicBlock *, BlockSets> Sets;
  for (llvm::BasicBlock &BB : F) {
    BlockSets &S = Sets[&BB];
    S.Use.resize(NV);
    S.Def.resize(NV);
    S.In.resize(NV);
    S.Out.resize(NV);
    for (llvm::Instruction &I : BB) {
      if (!llvm::isa<llvm::PHINode>(I))
        for (const llvm::Use &U : I.operands())
          if (int V = Id(U.get()); V >= 0 && !S.Def.test(V))
            S.Use.set(V);
      if (int V = Id(&I); V >= 0)
        S.Def.set(V);
    }
  }
  // Phi operands live out of their incoming blocks.
  for (llvm::BasicBlock &BB : F)
    for (llvm::PHINode &P : BB.phis())
      for (unsigned I = 0; I < P.getNumIncomingValues(); ++I)
        if (int V = Id(P.getIncomingValue(I)); V >= 0)
          Sets[P.getIncomingBlock(I)].Out.set(V);
  llvm::SmallVector<llvm::BitVector, 0> PhiOut;
  for (llvm::BasicBlock &BB : F)
    PhiOut.push_back(Sets[&BB].Out);
  llvm::ReversePostOrderTraversal<llvm::Function *> RPO(&F);
  std::vector<llvm::BasicBlock *> PO(RPO.begin(), RPO.end());
  std::reverse(PO.begin(), PO.end());
  llvm::DenseMap<const llvm::BasicBlock *, unsigned> Index;
  unsigned BI = 0;
  for (llvm::BasicBlock &BB : F)
    Index[&BB] = BI++;
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (llvm::BasicBlock *BB : PO) {
      BlockSets &S = Sets[BB];
      llvm::BitVector Out = PhiOut[Index[BB]];
      for (llvm::BasicBlock *Succ : llvm::successors(BB)) {
        llvm::BitVector SuccIn = Sets[Succ].In;
        for (llvm::PHINode &P : Succ->phis())
          if (int V = Id(&P); V >= 0)
            SuccIn.reset(V);
        Out |= SuccIn;
      }
      llvm::BitVector In = Out;
      In.reset(S.Def);
      In |= S.Use;
      if (In != S.In || Out != S.Out) {
        S.In = std::move(In);
        S.Out = std::move(Out);
        Changed = true;
      }
    }
  }

  // Values live into blocks other than their own, and the worst call.
  llvm::BitVector CrossBlock(NV), AcrossCall(NV);
  for (llvm::BasicBlock &BB : F) {
    BlockSets &S = Sets[&BB];
    llvm::BitVector In = S.In;
    for (llvm::PHINode &P : BB.phis())
      if (int V = Id(&P); V >= 0)
        In.set(V);
    CrossBlock |= In;
    llvm::BitVector Live = S.Out;
    for (llvm::Instruction &I : llvm::reverse(BB)) {
      if (int V = Id(&I); V >= 0)
        Live.reset(V);
      if (isStackCall(I)) {
        uint64_t B = 0;
        for (unsigned V : Live.set_bits())
          B += Bytes[V];
        Facts.MaxLiveAcrossCall = std::max(Facts.MaxLiveAcrossCall, B);
        AcrossCall |= Live;
      }
      if (!llvm::isa<llvm::PHINode>(I))
        for (const llvm::Use &U : I.operands())
          if (int V = Id(U.get()); V >= 0)
            Live.set(V);
    }
  }
  for (unsigned V : CrossBlock.set_bits())
    Facts.CrossBlockBytes += Bytes[V];
  for (unsigned V : AcrossCall.set_bits())
    Facts.AnyLiveAcrossCall += Bytes[V];
  return Facts;
}

} // namespace

uint64_t codegen::predictFrameSize(llvm::Function &F, bool AArch64,
                                   unsigned OptLevel) {
  FrameFacts Facts = computeFacts(F);
  if (Facts.TooBig)
    return ~uint64_t(0);
  // Measured on Go's test suite and the benchmark programs at -O0 to -O3 on
  // both targets (see the design note): at -O0 the fast register allocator
  // gives every value live across a block boundary or a call a slot of its
  // own; above it, values live across the worst call occupy callee-saved
  // registers (saved in the frame) or slots. The constants cover the frame
  // record, the return address and alignment.
  if (OptLevel == 0)
    return Facts.AllocaBytes + Facts.CrossBlockBytes + Facts.AnyLiveAcrossCall +
           Facts.ArgBytes + (AArch64 ? 64 : 56);
  return Facts.AllocaBytes + Facts.MaxLiveAcrossCall + (AArch64 ? 80 : 88);
}

//===----------------------------------------------------------------------===//
// Inserting the checks
//===----------------------------------------------------------------------===//

namespace {

class Inserter {
public:
  Inserter(llvm::Module &M, bool AArch64)
      : M(M), Ctx(M.getContext()), AArch64(AArch64) {
    Reserve = getOrInsertRuntimeFunction(M, RuntimeFn::gort_stack_reserve);
    MoreStack = getOrInsertRuntimeFunction(M, RuntimeFn::gort_morestack);
  }

  /// Gives F the check of design step 1, after its prologue.
  void insertInline(llvm::Function &F);
  /// Splits F into a checking wrapper and its body (design step 2).
  void split(llvm::Function &F);

private:
  llvm::StructType *blockType(llvm::Function &F);
  llvm::Function *createThunk(llvm::Function &F, llvm::StructType *BlockTy);
  llvm::Value *readSP(llvm::IRBuilderBase &B);
  void emitSlowPath(llvm::Function &F, llvm::BasicBlock *Slow,
                    llvm::BasicBlock *Fast, llvm::Value *Need);

  llvm::Module &M;
  llvm::LLVMContext &Ctx;
  bool AArch64;
  llvm::Function *Reserve;
  llvm::Function *MoreStack;
};

/// Bytes the wrapper's check adds when it calls the body instead of
/// tail-calling it: the return address and the body's frame record, which
/// .stack_sizes may leave out.
constexpr uint64_t WrapperCallSlack = 16;

/// Counts the registers a return value of type T needs: integers and
/// pointers in Ints, floating point values in FPs; false for a type the
/// count does not know.
bool countReturnRegs(llvm::Type *T, unsigned &Ints, unsigned &FPs) {
  if (auto *ST = llvm::dyn_cast<llvm::StructType>(T)) {
    for (llvm::Type *E : ST->elements())
      if (!countReturnRegs(E, Ints, FPs))
        return false;
    return true;
  }
  if (auto *AT = llvm::dyn_cast<llvm::ArrayType>(T)) {
    for (uint64_t I = 0; I < AT->getNumElements(); ++I)
      if (!countReturnRegs(AT->getElementType(), Ints, FPs))
        return false;
    return true;
  }
  if (T->isPointerTy() || (T->isIntegerTy() && T->getIntegerBitWidth() <= 64)) {
    ++Ints;
    return true;
  }
  if (T->isFloatTy() || T->isDoubleTy()) {
    ++FPs;
    return true;
  }
  return false;
}

/// Whether F's results come back in registers, so that a call to F can be
/// a tail call. LLVM demotes a C-convention return that does not fit to a
/// hidden buffer in the caller's frame ("sret demotion"), which no tail
/// call can keep. The registers are those of LLVM's return conventions
/// (X86CallingConv.td: RAX, RDX, RCX and XMM0-1 for x86-64 code that does
/// not follow the psABI's two-register rule; AArch64CallingConv.td: X0-X7
/// and D0-D7).
bool returnsInRegisters(llvm::Function &F, bool AArch64) {
  llvm::Type *RT = F.getReturnType();
  if (RT->isVoidTy())
    return true;
  unsigned Ints = 0, FPs = 0;
  if (F.getCallingConv() != llvm::CallingConv::C ||
      !countReturnRegs(RT, Ints, FPs))
    return false;
  return AArch64 ? Ints <= 8 && FPs <= 8 : Ints <= 3 && FPs <= 2;
}

/// The attributes of a call to F: its return and parameter attributes,
/// which carry the ABI (zeroext, signext, inreg...).
llvm::AttributeList callAttributes(llvm::Function &F) {
  llvm::AttributeList A = F.getAttributes();
  llvm::SmallVector<llvm::AttributeSet, 8> Params;
  for (unsigned I = 0; I < F.arg_size(); ++I)
    Params.push_back(A.getParamAttrs(I));
  return llvm::AttributeList::get(F.getContext(), llvm::AttributeSet(),
                                  A.getRetAttrs(), Params);
}

/// The block that carries F's arguments to the thunk and its result back.
llvm::StructType *Inserter::blockType(llvm::Function &F) {
  llvm::SmallVector<llvm::Type *, 8> Fields;
  for (llvm::Argument &A : F.args())
    Fields.push_back(A.getType());
  if (!F.getReturnType()->isVoidTy())
    Fields.push_back(F.getReturnType());
  return llvm::StructType::get(Ctx, Fields);
}

/// Creates @F..morestack: reloads the arguments from the block, calls F and
/// stores its result after them.
llvm::Function *Inserter::createThunk(llvm::Function &F,
                                      llvm::StructType *BlockTy) {
  auto *FT = llvm::FunctionType::get(llvm::Type::getVoidTy(Ctx),
                                     {llvm::PointerType::get(Ctx, 0)}, false);
  // Private: no symbol in the object or the executable, where 1700 thunk
  // names took 100 KB of hello with fmt. Nothing looks a thunk up by name:
  // tracebacks skip the wrapper sections by address.
  auto *Thunk = llvm::Function::Create(FT, llvm::GlobalValue::PrivateLinkage,
                                       F.getName() + ThunkSuffix, M);
  Thunk->addFnAttr(llvm::Attribute::NoUnwind);
  Thunk->addFnAttr(llvm::Attribute::NoInline);
  Thunk->addFnAttr("frame-pointer", "all");
  Thunk->addFnAttr("disable-tail-calls", "true");
  // recover() and tracebacks look through thunk frames (runtime/panic.cpp).
  placeInWrapperSection(*Thunk);
  if (F.hasFnAttribute("target-features"))
    Thunk->addFnAttr(F.getFnAttribute("target-features"));
  llvm::IRBuilder<> B(llvm::BasicBlock::Create(Ctx, "entry", Thunk));
  llvm::Value *Blk = Thunk->getArg(0);
  llvm::SmallVector<llvm::Value *, 8> Args;
  for (unsigned I = 0; I < F.arg_size(); ++I)
    Args.push_back(B.CreateLoad(F.getArg(I)->getType(),
                                B.CreateStructGEP(BlockTy, Blk, I)));
  llvm::CallInst *C = B.CreateCall(&F, Args);
  C->setCallingConv(F.getCallingConv());
  C->setAttributes(callAttributes(F));
  if (!F.getReturnType()->isVoidTy())
    B.CreateStore(C, B.CreateStructGEP(BlockTy, Blk, F.arg_size()));
  B.CreateRetVoid();
  return Thunk;
}

llvm::Value *Inserter::readSP(llvm::IRBuilderBase &B) {
  llvm::Function *RR = llvm::Intrinsic::getDeclaration(
      &M, llvm::Intrinsic::read_register, {B.getInt64Ty()});
  llvm::Metadata *SPName = llvm::MDString::get(Ctx, AArch64 ? "sp" : "rsp");
  return B.CreateCall(
      RR, {llvm::MetadataAsValue::get(Ctx, llvm::MDNode::get(Ctx, {SPName}))},
      "sp");
}

/// Fills Slow with the slow path of F's check (see the design note):
/// branches to Fast when gort_stack_reserve finds no split is needed.
void Inserter::emitSlowPath(llvm::Function &F, llvm::BasicBlock *Slow,
                            llvm::BasicBlock *Fast, llvm::Value *Need) {
  llvm::StructType *BlockTy = blockType(F);
  llvm::Function *Thunk = createThunk(F, BlockTy);
  const llvm::DataLayout &DL = M.getDataLayout();
  llvm::IRBuilder<> B(Slow);
  llvm::Value *Blk = B.CreateCall(
      Reserve, {Need, B.getInt64(DL.getTypeAllocSize(BlockTy))}, "blk");
  llvm::BasicBlock *Grow =
      llvm::BasicBlock::Create(Ctx, "morestack.grow", &F, Slow->getNextNode());
  B.CreateCondBr(B.CreateIsNull(Blk, "preempted"), Fast, Grow);
  B.SetInsertPoint(Grow);
  for (unsigned I = 0; I < F.arg_size(); ++I)
    B.CreateStore(F.getArg(I), B.CreateStructGEP(BlockTy, Blk, I));
  B.CreateCall(MoreStack, {Thunk, Blk});
  if (F.getReturnType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(B.CreateLoad(F.getReturnType(),
                             B.CreateStructGEP(BlockTy, Blk, F.arg_size())));
}

void Inserter::insertInline(llvm::Function &F) {
  llvm::BasicBlock &Entry = F.getEntryBlock();
  // Split the entry block after its leading allocas: they are part of the
  // static frame, which the check covers.
  llvm::BasicBlock::iterator Split = Entry.begin();
  while (Split != Entry.end() && llvm::isa<llvm::AllocaInst>(*Split))
    ++Split;
  llvm::BasicBlock *Body = Entry.splitBasicBlock(Split, "body");
  Entry.getTerminator()->eraseFromParent();

  llvm::IRBuilder<> B(&Entry);
  llvm::Value *SP = readSP(B);
  llvm::Value *Guard = emitLoadStackGuard(B, AArch64);
  llvm::Value *Need = B.CreateICmpULE(SP, Guard, "need.morestack");
  llvm::BasicBlock *Slow =
      llvm::BasicBlock::Create(Ctx, "morestack", &F, Body->getNextNode());
  llvm::MDBuilder MDB(Ctx);
  B.CreateCondBr(Need, Slow, Body, MDB.createBranchWeights(1, 1 << 20));
  emitSlowPath(F, Slow, Body, B.getInt64(gort::abi::StackFrameMax));
}

void Inserter::split(llvm::Function &F) {
  // The wrapper takes F's place: its name, linkage and every use.
  auto *W = llvm::Function::Create(F.getFunctionType(), F.getLinkage(),
                                   F.getAddressSpace(), "", &M);
  W->setCallingConv(F.getCallingConv());
  // musttail needs the ABI attributes (zeroext, inreg...) to match.
  W->addRetAttrs(llvm::AttrBuilder(Ctx, F.getAttributes().getRetAttrs()));
  for (unsigned I = 0; I < F.arg_size(); ++I)
    W->addParamAttrs(
        I, llvm::AttrBuilder(Ctx, F.getAttributes().getParamAttrs(I)));
  W->addFnAttr(llvm::Attribute::NoUnwind);
  W->addFnAttr(llvm::Attribute::NoInline);
  W->addFnAttr("frame-pointer", "all");
  if (F.hasFnAttribute("target-features"))
    W->addFnAttr(F.getFnAttribute("target-features"));
  W->setVisibility(F.getVisibility());
  W->setDSOLocal(F.isDSOLocal());
  W->setUnnamedAddr(F.getUnnamedAddr());
  // Tracebacks and recover() look through the wrapper (its frame exists
  // only on the slow path).
  for (unsigned I = 0; I < F.arg_size(); ++I)
    W->getArg(I)->setName(F.getArg(I)->getName());
  F.replaceAllUsesWith(W);
  W->takeName(&F);
  placeInWrapperSection(*W);
  F.setName(W->getName() + BodySuffix);
  F.setLinkage(llvm::GlobalValue::InternalLinkage);
  F.setVisibility(llvm::GlobalValue::DefaultVisibility);
  F.removeFnAttr(GoFuncAttr);
  F.addFnAttr(SplitBodyAttr);

  // The body's frame size, defined at link time.
  auto *FrameSym = llvm::cast<llvm::GlobalVariable>(M.getOrInsertGlobal(
      frameSymbolName(F.getName()), llvm::Type::getInt8Ty(Ctx)));
  FrameSym->setVisibility(llvm::GlobalValue::HiddenVisibility);
  FrameSym->setDSOLocal(true);

  llvm::BasicBlock *Entry = llvm::BasicBlock::Create(Ctx, "entry", W);
  llvm::BasicBlock *Fast = llvm::BasicBlock::Create(Ctx, "body", W);
  llvm::BasicBlock *Slow = llvm::BasicBlock::Create(Ctx, "morestack", W);
  llvm::IRBuilder<> B(Entry);
  llvm::Value *SP = readSP(B);
  llvm::Value *Guard = emitLoadStackGuard(B, AArch64);
  llvm::Value *Frame = B.CreatePtrToInt(FrameSym, B.getInt64Ty(), "frame");
  bool TailCall = returnsInRegisters(F, AArch64);
  if (!TailCall)
    Frame = B.CreateAdd(Frame, B.getInt64(WrapperCallSlack), "frame.call");
  // SP - Frame <= guard, where SP < Frame (the subtraction would wrap)
  // fails too (gc: the huge-frame case).
  llvm::Value *Under = B.CreateICmpULT(SP, Frame, "sp.under");
  llvm::Value *Low =
      B.CreateICmpULE(B.CreateSub(SP, Frame, "sp.need"), Guard, "sp.low");
  llvm::Value *Need = B.CreateOr(Under, Low, "need.morestack");
  llvm::MDBuilder MDB(Ctx);
  B.CreateCondBr(Need, Slow, Fast, MDB.createBranchWeights(1, 1 << 20));

  B.SetInsertPoint(Fast);
  llvm::SmallVector<llvm::Value *, 8> Args;
  for (llvm::Argument &A : W->args())
    Args.push_back(&A);
  llvm::CallInst *Call = B.CreateCall(&F, Args);
  Call->setCallingConv(F.getCallingConv());
  Call->setAttributes(callAttributes(F));
  if (TailCall)
    Call->setTailCallKind(llvm::CallInst::TCK_MustTail);
  if (F.getReturnType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(Call);

  emitSlowPath(*W, Slow, Fast, Frame);
}

} // namespace

const uint64_t StackCheckPass::DefaultSplitAbove =
    gort::abi::StackFrameMax * 3 / 4;

/// For tests of the verification: `-mllvm -gortc-split-above=N` makes the
/// prediction split only functions predicted over N bytes.
static llvm::cl::opt<uint64_t> SplitAboveOpt(
    "gortc-split-above", llvm::cl::Hidden,
    llvm::cl::desc("split functions whose frame is predicted over N bytes"),
    llvm::cl::init(0));

llvm::PreservedAnalyses StackCheckPass::run(llvm::Module &M,
                                            llvm::ModuleAnalysisManager &) {
  bool AArch64 = llvm::Triple(M.getTargetTriple()).isAArch64();
  std::vector<llvm::Function *> Work;
  for (llvm::Function &F : M)
    if (!F.isDeclaration() && F.hasFnAttribute(GoFuncAttr))
      Work.push_back(&F);
  if (Work.empty())
    return llvm::PreservedAnalyses::all();
  Inserter Ins(M, AArch64);
  uint64_t Above = SplitAboveOpt ? uint64_t(SplitAboveOpt) : SplitAbove;
  for (llvm::Function *F : Work) {
    bool Force = ForceSplit && ForceSplit->contains(F->getName());
    uint64_t Predicted =
        Force ? ~uint64_t(0) : predictFrameSize(*F, AArch64, OptLevel);
    if (Predicted > Above) {
      Ins.split(*F);
      continue;
    }
    bool Leaf = true;
    for (llvm::BasicBlock &BB : *F)
      for (llvm::Instruction &I : BB)
        Leaf &= !isStackCall(I);
    if (!Leaf)
      Ins.insertInline(*F);
  }
  return llvm::PreservedAnalyses::none();
}

//===----------------------------------------------------------------------===//
// After code generation
//===----------------------------------------------------------------------===//

llvm::Expected<llvm::StringMap<uint64_t>>
codegen::readFrameSizes(llvm::MemoryBufferRef Object) {
  auto ObjOrErr = llvm::object::ObjectFile::createObjectFile(Object);
  if (!ObjOrErr)
    return ObjOrErr.takeError();
  auto *Obj = llvm::dyn_cast<llvm::object::ELFObjectFileBase>(ObjOrErr->get());
  if (!Obj)
    return llvm::createStringError("not an ELF object");
  // Function symbols by (section, offset); .stack_sizes entries refer to a
  // function by a relocation against its symbol or its section.
  std::map<std::pair<uint64_t, uint64_t>, llvm::StringRef> Funcs;
  for (const llvm::object::ELFSymbolRef &S : Obj->symbols()) {
    auto Type = S.getType();
    if (!Type || *Type != llvm::object::SymbolRef::ST_Function)
      continue;
    auto Sec = S.getSection();
    auto Name = S.getName();
    auto Addr = S.getValue();
    if (!Sec || !Name || !Addr || *Sec == Obj->section_end()) {
      llvm::consumeError(Sec.takeError());
      llvm::consumeError(Name.takeError());
      llvm::consumeError(Addr.takeError());
      continue;
    }
    Funcs[{(*Sec)->getIndex(), *Addr}] = *Name;
  }
  llvm::StringMap<uint64_t> Sizes;
  for (const llvm::object::SectionRef &Sec : Obj->sections()) {
    auto SecName = Sec.getName();
    if (!SecName || *SecName != ".stack_sizes") {
      llvm::consumeError(SecName.takeError());
      continue;
    }
    auto Contents = Sec.getContents();
    if (!Contents)
      return Contents.takeError();
    // Relocated section of this .stack_sizes: its relocations give the
    // function of each entry.
    for (const llvm::object::SectionRef &RelSec : Obj->sections()) {
      auto Target = RelSec.getRelocatedSection();
      if (!Target) {
        llvm::consumeError(Target.takeError());
        continue;
      }
      if (*Target != Sec)
        continue;
      for (const llvm::object::RelocationRef &R : RelSec.relocations()) {
        uint64_t Off = R.getOffset();
        auto Sym = R.getSymbol();
        if (Sym == Obj->symbol_end())
          continue;
        auto SymSec = Sym->getSection();
        auto SymAddr = Sym->getValue();
        if (!SymSec || !SymAddr || *SymSec == Obj->section_end()) {
          llvm::consumeError(SymSec.takeError());
          llvm::consumeError(SymAddr.takeError());
          continue;
        }
        int64_t Addend = 0;
        if (auto A = llvm::object::ELFRelocationRef(R).getAddend())
          Addend = *A;
        else
          llvm::consumeError(A.takeError());
        auto It = Funcs.find({(*SymSec)->getIndex(), *SymAddr + Addend});
        if (It == Funcs.end() || Off + 8 >= Contents->size())
          continue;
        const uint8_t *P =
            reinterpret_cast<const uint8_t *>(Contents->data()) + Off + 8;
        unsigned N = 0;
        uint64_t Size = llvm::decodeULEB128(
            P, &N, reinterpret_cast<const uint8_t *>(Contents->end()));
        Sizes[It->second] = Size;
      }
    }
  }
  return Sizes;
}

std::vector<std::string>
codegen::checkFrames(const llvm::StringMap<uint64_t> &Sizes,
                     std::vector<std::pair<std::string, uint64_t>> &Bodies) {
  std::vector<std::string> Over;
  for (const auto &E : Sizes) {
    llvm::StringRef Name = E.getKey();
    if (Name.ends_with(BodySuffix)) {
      Bodies.push_back({frameSymbolName(Name), E.getValue()});
      continue;
    }
    // A thunk runs at the top of a fresh segment, where gort_stack_reserve
    // made room for its outgoing arguments (runtime/stack.cpp).
    if (Name.ends_with(ThunkSuffix))
      continue;
    if (E.getValue() > gort::abi::StackFrameMax)
      Over.push_back(Name.str());
  }
  llvm::sort(Over);
  llvm::sort(Bodies);
  return Over;
}

std::string codegen::frameSymbolsAsm(
    llvm::ArrayRef<std::pair<std::string, uint64_t>> Bodies) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  for (const auto &[Name, Size] : Bodies)
    OS << "\t.globl\t\"" << Name << "\"\n\t.hidden\t\"" << Name
       << "\"\n\t.set\t\"" << Name << "\", " << Size << "\n";
  return S;
}
