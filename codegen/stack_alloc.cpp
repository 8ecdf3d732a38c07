//===- codegen/stack_alloc.cpp - Escape analysis --------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Lowering gives every variable whose address is taken, or that a closure
// captures, a heap cell (gort_newobject), and so does every new(T), &T{...}
// and make([]T, n, m). gc keeps most of those on the stack: its escape
// analysis (cmd/compile/internal/escape) proves, with a summary of which
// parameters of each function leak, that the pointer never outlives the
// allocating call. This file does the same on LLVM IR, after inlining,
// which has already removed most of the calls a pointer would have to be
// followed through.
//
// Escape. A pointer value escapes when a copy of it, or of a pointer
// derived from it, may outlive the current call of its function. Its uses
// are followed (mayEscape):
//   - loads through it, stores through it, atomics through it, comparisons
//     of it, and memcpy/memmove/memset on it do not make it escape;
//   - GEPs, casts, phis, selects and freezes of it are followed, and so are
//     aggregates (slices, strings, interfaces, structs passed as
//     first-class values) it is inserted into, and pointers extracted from
//     them;
//   - passing it to a direct call whose parameter carries NoEscapeAttr
//     does not make it escape;
//   - storing it into a frame array that only calls passing the array to
//     a NoEscapeDeepAttr parameter read, each after the store in its
//     block (gc's concatstrings operand array), does not make it escape
//     (onlyReadByDeepCalls);
//   - anything else does: storing it (or an aggregate holding it) to
//     other memory, returning it, converting it to an integer, passing it to an
//     indirect call, to a parameter without the attribute, or to any gort_*
//     runtime function (what the runtime keeps is not known here, so
//     channels, maps, interfaces, goroutines, defers and finalizers keep
//     their heap cells).
// LLVM's own `nocapture` is not used: it counts a comparison with null as
// a capture (a comparison can leak address bits), and every Go
// dereference starts with one.
//
// Summaries (EscapeSummaryPass). For each strongly connected component of
// the call graph, callees first: every pointer (or pointer-holding
// aggregate) parameter of its functions is assumed not to escape, and the
// assumption is dropped for each one mayEscape refutes, until none
// changes (the greatest fixed point, so recursion through the SCC does not
// make a parameter escape by itself). What remains gets NoEscapeAttr.
//
// Moving (StackAllocPass). A call
//     %p = call ptr addrspace(1) @gort_newobject(ptr @"type:T")
//     %p = call ptr addrspace(1) @gort_makeslice(ptr @"type:E", i64 L, i64 C)
// becomes
//     %obj = alloca [size x i8], align A          ; in the entry block
//     call void @llvm.memset(ptr %obj, i8 0, i64 size, i1 false)  ; in place
//     %p = addrspacecast ptr %obj to ptr addrspace(1)
// when all of this holds:
//   - the object's size is known: T's descriptor (or E's, with constant
//     0 <= L <= C, so that makeslice could not have panicked) is a
//     constant in this module, whose abi::Type.Size and Align we read;
//   - 0 < size <= MaxObjectBytes, and this function's objects moved so far
//     total at most MaxFrameBytes (a goroutine's stack starts small; gc's
//     limits are larger, 64 KiB per implicit object, because its stacks
//     are copied, not segmented);
//   - the pointer does not escape;
//   - if the call is on a cycle of the control-flow graph (in a loop), no
//     phi that carries values around that cycle receives the pointer: a
//     phi in the header of a (reducible) cycle containing the call, or
//     any phi if such a cycle is irreducible (newestThroughPhis). One
//     frame slot then serves every iteration, zeroed again by each: an SSA
//     value not passed through such a phi always holds what its
//     instruction computed last, so every use of the pointer sees the
//     newest object, and the older ones are dead. A phi that merges the
//     branches of an if within one iteration changes nothing; through a
//     loop header's phi the previous iteration's object may still be
//     reached (`prev = p`), and the objects of two iterations must differ.
// Then nothing can reach the object once the function returns, and the
// frame is as good a home as the heap. The collector does not mind: it
// scans stacks conservatively and ignores pointers into them, so it finds
// the heap pointers a frame object holds and skips pointers to it
// (docs/runtime/gc.md). Segmented stacks never move, so a callee deeper
// on the stack may hold the pointer as long as it runs.
//
// Frame buffers (gc: tmpBuf). The runtime functions that build a string or
// a []byte/[]rune (concatenation, string(b), string(r), string(runes),
// []byte(s), []rune(s); abi.def) take first a buffer pointer, null from
// lowering. When the result does not escape by the same rules (for
// []byte(s) and []rune(s): the pointers loaded from the slice the call
// stores through its out-pointer, tmpBufResults), the null becomes a
// frame buffer of the size the runtime expects (abi::TmpStringBufBytes
// and co.), and the runtime builds a result that fits there instead of
// allocating. The operands of a concatenation are only read by it
// (NoEscapeDeep): a string built in a buffer can be one and still not
// escape, so the runtime copies a lone non-empty operand that lies on a
// stack when the concatenation's own result may escape (string.cpp).
//
// When: at the CGSCC optimizer-late extension point, for each SCC after
// the inliner has run on it and before the function simplification
// pipeline, whose SROA then turns the new slots into SSA values where it
// can. Callees' summaries exist by then (the walk is bottom-up). At -O0
// nothing moves.
//
// Rejected: deciding in the front end (the checker would need the same
// summaries, and would run before inlining, which removes most of the
// calls a pointer is passed to); LLVM's Attributor HeapToStack (it must be
// taught our allocator, relies on `nocapture` as above, and the Attributor
// is not in the default pipeline for its compile time).
//
//===----------------------------------------------------------------------===//

#include "codegen/stack_alloc.h"

#include "codegen/runtime_decls.h"
#include "libgort/abi.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/ConstantFolding.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/CycleInfo.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"

#include <cstddef>
#include <optional>

using namespace gortc;
using namespace gortc::codegen;

/// For measuring what escape analysis gains (`-mllvm -gortc-no-stack-alloc`).
static llvm::cl::opt<bool>
    NoStackAllocOpt("gortc-no-stack-alloc", llvm::cl::Hidden,
                    llvm::cl::desc("keep every heap cell on the heap"));

namespace {

/// The largest object moved into a frame.
constexpr uint64_t MaxObjectBytes = 4096;
/// The most bytes of objects moved into one frame.
constexpr uint64_t MaxFrameBytes = 16384;
/// How many uses mayEscape follows before it gives up (and reports an
/// escape).
constexpr unsigned MaxUsesToExplore = 256;

struct Layout {
  uint64_t Size;
  uint64_t Align;
};

/// Reads an integer field at byte Offset of the type descriptor Desc.
std::optional<uint64_t> descriptorField(llvm::Value *Desc, uint64_t Offset,
                                        llvm::Type *Ty,
                                        const llvm::DataLayout &DL) {
  auto *GV = llvm::dyn_cast<llvm::GlobalVariable>(Desc->stripPointerCasts());
  if (!GV || !GV->isConstant() || !GV->hasDefinitiveInitializer())
    return std::nullopt;
  llvm::Constant *C = llvm::ConstantFoldLoadFromConstPtr(
      GV, Ty, llvm::APInt(DL.getIndexTypeSizeInBits(GV->getType()), Offset),
      DL);
  if (auto *CI = llvm::dyn_cast_or_null<llvm::ConstantInt>(C))
    return CI->getZExtValue();
  return std::nullopt;
}

/// The size and alignment of the object the allocating call CB makes, if
/// they are known at compile time and CB cannot panic.
std::optional<Layout> objectLayout(llvm::CallBase &CB, RuntimeFn Fn,
                                   const llvm::DataLayout &DL) {
  llvm::LLVMContext &Ctx = CB.getContext();
  llvm::Value *Desc = CB.getArgOperand(0);
  std::optional<uint64_t> Size = descriptorField(
      Desc, offsetof(gort::abi::Type, Size), llvm::Type::getInt64Ty(Ctx), DL);
  std::optional<uint64_t> Align = descriptorField(
      Desc, offsetof(gort::abi::Type, Align), llvm::Type::getInt8Ty(Ctx), DL);
  if (!Size || !Align || *Align == 0 || !llvm::isPowerOf2_64(*Align))
    return std::nullopt;
  if (Fn == RuntimeFn::gort_makeslice) {
    auto *Len = llvm::dyn_cast<llvm::ConstantInt>(CB.getArgOperand(1));
    auto *Cap = llvm::dyn_cast<llvm::ConstantInt>(CB.getArgOperand(2));
    if (!Len || !Cap || Len->isNegative() || Cap->getSExtValue() < 0 ||
        Len->getSExtValue() > Cap->getSExtValue() ||
        Cap->getZExtValue() > MaxObjectBytes || *Size > MaxObjectBytes)
      return std::nullopt;
    *Size *= Cap->getZExtValue();
  }
  return Layout{*Size, *Align};
}

/// Whether the memory SI stores into is a frame array that only calls
/// passing it to NoEscapeDeepAttr parameters read, each in SI's block
/// after SI (gc's concatstrings operand array): the stored value then
/// reaches nothing beyond those calls, and each call sees the value SI
/// stored in the same pass through the block, not one from an earlier
/// iteration of a loop.
bool onlyReadByDeepCalls(const llvm::StoreInst *SI) {
  const auto *AI = llvm::dyn_cast<llvm::AllocaInst>(
      llvm::getUnderlyingObject(SI->getPointerOperand()));
  if (!AI)
    return false;
  llvm::SmallVector<const llvm::Value *, 8> Work{AI};
  while (!Work.empty()) {
    const llvm::Value *P = Work.pop_back_val();
    for (const llvm::Use &U : P->uses()) {
      const auto *I = llvm::cast<llvm::Instruction>(U.getUser());
      if (const auto *GEP = llvm::dyn_cast<llvm::GetElementPtrInst>(I)) {
        if (!GEP->hasAllConstantIndices())
          return false;
        Work.push_back(GEP);
        continue;
      }
      if (llvm::isa<llvm::StoreInst>(I)) {
        if (U.getOperandNo() != llvm::StoreInst::getPointerOperandIndex())
          return false;
        continue;
      }
      if (const auto *II = llvm::dyn_cast<llvm::IntrinsicInst>(I))
        if (II->isLifetimeStartOrEnd())
          continue;
      const auto *CB = llvm::dyn_cast<llvm::CallInst>(I);
      if (!CB || !CB->getCalledFunction() || !CB->isArgOperand(&U) ||
          !CB->getCalledFunction()->getAttributes().hasParamAttr(
              CB->getArgOperandNo(&U), NoEscapeDeepAttr) ||
          CB->getParent() != SI->getParent() || !SI->comesBefore(CB))
        return false;
    }
  }
  return true;
}

/// Whether V, a pointer or an aggregate holding pointers, escapes (see the
/// design note). NoEscape(F, I) says whether parameter I of F is known not
/// to escape. If Phis is given, the phis V reaches are added to it.
template <typename NoEscapeFn>
bool mayEscape(const llvm::Value *V, NoEscapeFn NoEscape,
               llvm::SmallVectorImpl<const llvm::PHINode *> *Phis = nullptr) {
  llvm::SmallVector<const llvm::Value *, 16> Work{V};
  llvm::SmallPtrSet<const llvm::Value *, 16> Seen{V};
  unsigned Budget = MaxUsesToExplore;
  auto Follow = [&](const llvm::Value *U) {
    if (Seen.insert(U).second)
      Work.push_back(U);
  };
  while (!Work.empty()) {
    const llvm::Value *P = Work.pop_back_val();
    for (const llvm::Use &U : P->uses()) {
      if (Budget-- == 0)
        return true;
      const auto *I = llvm::cast<llvm::Instruction>(U.getUser());
      switch (I->getOpcode()) {
      case llvm::Instruction::Load:
      case llvm::Instruction::ICmp:
        continue;
      case llvm::Instruction::Store:
        if (U.getOperandNo() == llvm::StoreInst::getPointerOperandIndex() ||
            onlyReadByDeepCalls(llvm::cast<llvm::StoreInst>(I)))
          continue;
        return true;
      case llvm::Instruction::AtomicRMW:
        if (U.getOperandNo() == llvm::AtomicRMWInst::getPointerOperandIndex())
          continue;
        return true;
      case llvm::Instruction::AtomicCmpXchg:
        if (U.getOperandNo() ==
            llvm::AtomicCmpXchgInst::getPointerOperandIndex())
          continue;
        return true;
      case llvm::Instruction::PHI:
        if (Phis)
          Phis->push_back(llvm::cast<llvm::PHINode>(I));
        Follow(I);
        continue;
      case llvm::Instruction::GetElementPtr:
      case llvm::Instruction::BitCast:
      case llvm::Instruction::AddrSpaceCast:
      case llvm::Instruction::Select:
      case llvm::Instruction::Freeze:
      case llvm::Instruction::InsertValue:
        Follow(I);
        continue;
      case llvm::Instruction::ExtractValue: {
        // Only a pointer, or an aggregate that may hold one, carries it on.
        llvm::Type *T = I->getType();
        if (T->isPtrOrPtrVectorTy() || T->isAggregateType())
          Follow(I);
        continue;
      }
      case llvm::Instruction::Call: {
        const auto *CB = llvm::cast<llvm::CallBase>(I);
        const llvm::Function *Callee = CB->getCalledFunction();
        if (!Callee || !CB->isArgOperand(&U))
          return true;
        if (const auto *II = llvm::dyn_cast<llvm::IntrinsicInst>(CB)) {
          switch (II->getIntrinsicID()) {
          case llvm::Intrinsic::memcpy:
          case llvm::Intrinsic::memmove:
          case llvm::Intrinsic::memset:
          case llvm::Intrinsic::lifetime_start:
          case llvm::Intrinsic::lifetime_end:
            continue;
          default:
            return true;
          }
        }
        unsigned ArgNo = CB->getArgOperandNo(&U);
        if (ArgNo >= Callee->arg_size() || !NoEscape(Callee, ArgNo))
          return true;
        continue;
      }
      default:
        return true;
      }
    }
  }
  return false;
}

/// Whether parameter ArgNo of F carries NoEscapeAttr.
bool hasNoEscape(const llvm::Function *F, unsigned ArgNo) {
  return F->getAttributes().hasParamAttr(ArgNo, NoEscapeAttr);
}

/// Whether values of type T may hold a pointer.
bool mayHoldPointer(llvm::Type *T) {
  if (T->isPtrOrPtrVectorTy())
    return true;
  if (auto *ST = llvm::dyn_cast<llvm::StructType>(T))
    return llvm::any_of(ST->elements(), mayHoldPointer);
  if (auto *AT = llvm::dyn_cast<llvm::ArrayType>(T))
    return mayHoldPointer(AT->getElementType());
  return false;
}

/// Whether the object Call makes is still the newest one made by Call
/// wherever one of Phis, which its pointer reaches, is used. Each use of a
/// value computed from the pointer without a phi sees the newest object.
/// So does a phi unless it carries a value around a cycle of the
/// control-flow graph that contains Call: a phi in the header of such a
/// cycle, or in any block of an irreducible one (several entries; Go's
/// goto can make them), may hold an older iteration's object.
bool newestThroughPhis(const llvm::CallInst *Call,
                       llvm::ArrayRef<const llvm::PHINode *> Phis,
                       const llvm::CycleInfo &Cycles) {
  for (const llvm::CycleInfo::CycleT *C = Cycles.getCycle(Call->getParent()); C;
       C = C->getParentCycle()) {
    if (!C->isReducible())
      return Phis.empty();
    for (const llvm::PHINode *P : Phis)
      if (P->getParent() == C->getHeader())
        return false;
  }
  return true;
}

/// A runtime function that takes a frame buffer for its result as its first
/// argument (abi.def's string functions).
struct TmpBufFn {
  RuntimeFn Fn;
  uint64_t Bytes;
  /// The result is a slice stored through the second argument, not the
  /// call's value.
  bool ResultInOut;
};
constexpr TmpBufFn TmpBufFns[] = {
    {RuntimeFn::gort_concatstring2, gort::abi::TmpStringBufBytes, false},
    {RuntimeFn::gort_concatstrings, gort::abi::TmpStringBufBytes, false},
    {RuntimeFn::gort_slicebytetostring, gort::abi::TmpStringBufBytes, false},
    {RuntimeFn::gort_slicerunetostring, gort::abi::TmpStringBufBytes, false},
    {RuntimeFn::gort_stringtoslicebyte, gort::abi::TmpStringBufBytes, true},
    {RuntimeFn::gort_stringtoslicerune, gort::abi::TmpRuneBufRunes * 4, true},
    {RuntimeFn::gort_intstring, gort::abi::TmpIntStringBytes, false},
};

/// Collects in Out the values that carry the buffer address in the result
/// of Call, a call of a TmpBufFn: the call itself, or the loads of a
/// pointer from the slice it stores through its out-pointer, a frame slot
/// nothing else may use. False if they are not known.
bool tmpBufResults(llvm::CallInst *Call, const TmpBufFn &T,
                   llvm::SmallVectorImpl<const llvm::Value *> &Out) {
  if (!T.ResultInOut) {
    Out.push_back(Call);
    return true;
  }
  const auto *Slot = llvm::dyn_cast<llvm::AllocaInst>(Call->getArgOperand(1));
  // The slot must be written by Call alone, once.
  if (!Slot || llvm::count(Call->args(), Slot) != 1)
    return false;
  llvm::SmallVector<const llvm::Value *, 8> Work{Slot};
  while (!Work.empty()) {
    const llvm::Value *P = Work.pop_back_val();
    for (const llvm::User *U : P->users()) {
      if (U == Call)
        continue;
      if (llvm::isa<llvm::LoadInst>(U)) {
        // (Loads of the length and capacity carry no address.)
        if (mayHoldPointer(U->getType()))
          Out.push_back(U);
        continue;
      }
      if (const auto *GEP = llvm::dyn_cast<llvm::GetElementPtrInst>(U)) {
        Work.push_back(GEP);
        continue;
      }
      if (const auto *II = llvm::dyn_cast<llvm::IntrinsicInst>(U))
        if (II->isLifetimeStartOrEnd())
          continue;
      return false;
    }
  }
  return true;
}

} // namespace

llvm::PreservedAnalyses EscapeSummaryPass::run(llvm::LazyCallGraph::SCC &C,
                                               llvm::CGSCCAnalysisManager &,
                                               llvm::LazyCallGraph &,
                                               llvm::CGSCCUpdateResult &) {
  if (NoStackAllocOpt)
    return llvm::PreservedAnalyses::all();
  // The parameters still assumed not to escape.
  llvm::DenseSet<std::pair<const llvm::Function *, unsigned>> Assumed;
  llvm::SmallVector<llvm::Argument *, 16> Params;
  for (llvm::LazyCallGraph::Node &N : C) {
    llvm::Function &F = N.getFunction();
    if (!F.hasExactDefinition())
      continue;
    for (llvm::Argument &A : F.args())
      if (mayHoldPointer(A.getType()) && !hasNoEscape(&F, A.getArgNo())) {
        Assumed.insert({&F, A.getArgNo()});
        Params.push_back(&A);
      }
  }
  auto NoEscape = [&](const llvm::Function *F, unsigned ArgNo) {
    return hasNoEscape(F, ArgNo) || Assumed.contains({F, ArgNo});
  };
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (llvm::Argument *A : Params)
      if (Assumed.contains({A->getParent(), A->getArgNo()}) &&
          mayEscape(A, NoEscape)) {
        Assumed.erase({A->getParent(), A->getArgNo()});
        Changed = true;
      }
  }
  for (llvm::Argument *A : Params)
    if (Assumed.contains({A->getParent(), A->getArgNo()}))
      A->getParent()->addParamAttr(
          A->getArgNo(), llvm::Attribute::get(A->getContext(), NoEscapeAttr));
  // A string attribute changes no analysis.
  return llvm::PreservedAnalyses::all();
}

llvm::PreservedAnalyses StackAllocPass::run(llvm::Function &F,
                                            llvm::FunctionAnalysisManager &) {
  if (NoStackAllocOpt || F.isDeclaration())
    return llvm::PreservedAnalyses::all();
  llvm::Module &M = *F.getParent();
  const llvm::DataLayout &DL = M.getDataLayout();
  llvm::Function *NewObject =
      getRuntimeFunctionIfPresent(M, RuntimeFn::gort_newobject);
  llvm::Function *MakeSlice =
      getRuntimeFunctionIfPresent(M, RuntimeFn::gort_makeslice);
  llvm::DenseMap<const llvm::Function *, const TmpBufFn *> TmpBufUsers;
  for (const TmpBufFn &T : TmpBufFns)
    if (llvm::Function *Fn = getRuntimeFunctionIfPresent(M, T.Fn))
      TmpBufUsers[Fn] = &T;
  if (!NewObject && !MakeSlice && TmpBufUsers.empty())
    return llvm::PreservedAnalyses::all();

  struct Candidate {
    llvm::CallInst *Call;
    Layout L;
  };
  llvm::SmallVector<Candidate, 8> Candidates;
  struct TmpBufCandidate {
    llvm::CallInst *Call;
    const TmpBufFn *T;
  };
  llvm::SmallVector<TmpBufCandidate, 8> TmpBufCalls;
  for (llvm::BasicBlock &BB : F)
    for (llvm::Instruction &I : BB) {
      auto *Call = llvm::dyn_cast<llvm::CallInst>(&I);
      if (!Call || !Call->getCalledFunction())
        continue;
      RuntimeFn Fn;
      if (Call->getCalledFunction() == NewObject) {
        Fn = RuntimeFn::gort_newobject;
      } else if (Call->getCalledFunction() == MakeSlice) {
        Fn = RuntimeFn::gort_makeslice;
      } else {
        auto It = TmpBufUsers.find(Call->getCalledFunction());
        if (It != TmpBufUsers.end() &&
            llvm::isa<llvm::ConstantPointerNull>(Call->getArgOperand(0)))
          TmpBufCalls.push_back({Call, It->second});
        continue;
      }
      if (std::optional<Layout> L = objectLayout(*Call, Fn, DL))
        if (L->Size > 0 && L->Size <= MaxObjectBytes)
          Candidates.push_back({Call, *L});
    }
  if (Candidates.empty() && TmpBufCalls.empty())
    return llvm::PreservedAnalyses::all();

  llvm::CycleInfo Cycles;
  Cycles.compute(F);
  llvm::BasicBlock &Entry = F.getEntryBlock();
  uint64_t Moved = 0;
  bool Changed = false;
  for (const Candidate &C : Candidates) {
    if (Moved + C.L.Size > MaxFrameBytes)
      break;
    llvm::SmallVector<const llvm::PHINode *, 4> Phis;
    if (mayEscape(C.Call, hasNoEscape, &Phis) ||
        !newestThroughPhis(C.Call, Phis, Cycles))
      continue;
    llvm::LLVMContext &Ctx = F.getContext();
    // (The entry block's first instruction may be a call erased below.)
    llvm::IRBuilder<> AllocaB(&Entry, Entry.getFirstInsertionPt());
    llvm::AllocaInst *Obj = AllocaB.CreateAlloca(
        llvm::ArrayType::get(llvm::Type::getInt8Ty(Ctx), C.L.Size), nullptr,
        C.Call->getName() + ".stack");
    Obj->setAlignment(llvm::Align(C.L.Align));
    llvm::IRBuilder<> B(C.Call);
    B.CreateMemSet(Obj, B.getInt8(0), C.L.Size, llvm::Align(C.L.Align));
    llvm::Value *P = B.CreateAddrSpaceCast(Obj, C.Call->getType());
    P->takeName(C.Call);
    C.Call->replaceAllUsesWith(P);
    C.Call->eraseFromParent();
    Moved += C.L.Size;
    Changed = true;
  }
  for (const TmpBufCandidate &C : TmpBufCalls) {
    if (Moved + C.T->Bytes > MaxFrameBytes)
      break;
    llvm::SmallVector<const llvm::Value *, 4> Results;
    llvm::SmallVector<const llvm::PHINode *, 4> Phis;
    if (!tmpBufResults(C.Call, *C.T, Results) ||
        llvm::any_of(Results,
                     [&](const llvm::Value *R) {
                       return mayEscape(R, hasNoEscape, &Phis);
                     }) ||
        !newestThroughPhis(C.Call, Phis, Cycles))
      continue;
    // i32 elements: the buffer holds bytes or runes, never a pointer, and
    // the type says so to the stack maps (stack_maps.cpp mayHoldPointer).
    llvm::IRBuilder<> AllocaB(&Entry, Entry.getFirstInsertionPt());
    llvm::AllocaInst *Buf = AllocaB.CreateAlloca(
        llvm::ArrayType::get(AllocaB.getInt32Ty(), C.T->Bytes / 4), nullptr,
        "tmpbuf");
    Buf->setAlignment(llvm::Align(8));
    C.Call->setArgOperand(0, Buf);
    Moved += C.T->Bytes;
    Changed = true;
  }
  if (!Changed)
    return llvm::PreservedAnalyses::all();
  llvm::PreservedAnalyses PA;
  PA.preserveSet<llvm::CFGAnalyses>();
  return PA;
}
