//===- codegen/pipeline.cpp - Optimization and code generation ------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// From a lowered module to object code: optimization, the stack-check pass,
// code generation, and the verification of every frame that code
// generation produced (stack_check.cpp). The lowered module is written to
// bitcode once; each partition of it is compiled from that bitcode in its
// own LLVMContext, so partitions can run on separate threads (see
// partition.cpp for how a module is cut), and a partition whose frames
// break the limit can be compiled again from the same input with the
// offending functions split.
//
// Per partition:
//   1. Parse the bitcode, keeping the partition's own definitions (and the
//      copies it imports); everything else becomes a declaration.
//   2. Optimize (LLVM's pipeline for the level, gortc's inline advisor), then
//      run StackCheckPass with the set of functions to split regardless,
//      and list the functions without arguments (listNoArgFunctions).
//   3. Add the stack maps (stack_maps.cpp; not in the IR --emit llvm
//      prints). Generate an object with a .stack_sizes section and check it
//      (checkFrames). Functions over abi::StackFrameMax join the set, and
//      the partition starts again at 1; the second round always passes,
//      since a split function's wrapper has a frame of a few words.
//   4. Keep the frame sizes of split bodies: after every partition is done,
//      one small object defines their ..frame symbols.
//
//===----------------------------------------------------------------------===//

#include "codegen/codegen.h"
#include "codegen/partition.h"
#include "codegen/stack_check.h"
#include "libgort/abi.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Operator.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

#include <chrono>
#include <mutex>

using namespace gortc;
using namespace gortc::codegen;

namespace {

/// Rounds of step 3 before we give up (one is needed at most).
constexpr unsigned MaxRounds = 3;

/// Adds an entry for each function with NoArgsAttr that optimization kept
/// (codegen.h): one pointer, in section .gort_noargs.
void listNoArgFunctions(llvm::Module &M) {
  llvm::LLVMContext &C = M.getContext();
  auto *Ptr = llvm::PointerType::get(C, 0);
  for (llvm::Function &F : M) {
    if (F.isDeclaration() || !F.hasFnAttribute(NoArgsAttr))
      continue;
    auto *Entry = new llvm::GlobalVariable(M, Ptr, /*isConstant=*/true,
                                           llvm::GlobalValue::InternalLinkage,
                                           &F, "go:noargs");
    Entry->setSection(".gort_noargs");
    Entry->setAlignment(llvm::Align(8));
    // !associated: the entry's section is linked to F's (SHF_LINK_ORDER),
    // so the linker keeps it exactly when it keeps F.
    Entry->setMetadata(llvm::LLVMContext::MD_associated,
                       llvm::MDNode::get(C, llvm::ValueAsMetadata::get(&F)));
    llvm::appendToCompilerUsed(M, {Entry});
  }
}

/// Whether V (a global, or an address within one) is only stored to.
bool onlyStoredTo(const llvm::Value *V) {
  for (const llvm::User *U : V->users()) {
    if (const auto *S = llvm::dyn_cast<llvm::StoreInst>(U)) {
      if (S->getValueOperand() == V)
        return false;
    } else if (llvm::isa<llvm::GEPOperator>(U) ||
               llvm::isa<llvm::BitCastOperator>(U) ||
               llvm::isa<llvm::AddrSpaceCastOperator>(U)) {
      if (!onlyStoredTo(U))
        return false;
    } else {
      return false;
    }
  }
  return true;
}

/// Keeps the stores to the variables the program writes and never reads
/// that may hold pointers (gc's "sink" variables): the optimizer would
/// drop the stores, or some of them, as nothing reads them, but the
/// collector does -- a pointer stored there keeps its object alive, and
/// storing nil over it lets the object go (and its finalizer run) as gc
/// does. Listed as used, a variable is left alone by GlobalOpt. Runs on
/// the whole program, before partitioning.
void keepWriteOnlyRoots(llvm::Module &M) {
  llvm::NamedMDNode *Described = M.getNamedMetadata(GCRootMD);
  if (!Described)
    return;
  llvm::SmallPtrSet<const llvm::DIGlobalVariable *, 16> Roots;
  for (llvm::MDNode *N : Described->operands())
    if (llvm::mdconst::extract<llvm::ConstantInt>(N->getOperand(1))
            ->getZExtValue() != 0) // pointer data
      Roots.insert(llvm::cast<llvm::DIGlobalVariable>(N->getOperand(0)));
  llvm::SmallVector<llvm::GlobalValue *, 8> Keep;
  for (llvm::GlobalVariable &G : M.globals()) {
    if (G.isDeclaration() || G.isConstant() || G.use_empty())
      continue;
    llvm::SmallVector<llvm::DIGlobalVariableExpression *, 1> GVEs;
    G.getDebugInfo(GVEs);
    bool Root = false;
    for (llvm::DIGlobalVariableExpression *GVE : GVEs)
      Root |= Roots.count(GVE->getVariable()) != 0;
    if (Root && onlyStoredTo(&G))
      Keep.push_back(&G);
  }
  if (!Keep.empty())
    llvm::appendToCompilerUsed(M, Keep);
}

/// Adds a root table entry (abi::GCRoot, section abi::GCRootSection) for
/// each writable global of M that lowering described (GCRootMD,
/// codegen.h), or that optimization split off one, and drops the
/// descriptions. A piece gets the bits of its fragment; a global whose
/// size is not what its description says is left out (scanned
/// conservatively).
void listGCRoots(llvm::Module &M) {
  llvm::NamedMDNode *Described = M.getNamedMetadata(GCRootMD);
  if (!Described)
    return;
  llvm::LLVMContext &C = M.getContext();
  const llvm::DataLayout &DL = M.getDataLayout();
  auto *Ptr = llvm::PointerType::get(C, 0);
  auto *I64 = llvm::Type::getInt64Ty(C);
  auto *EntryTy = llvm::StructType::get(C, {Ptr, I64, I64, Ptr});
  // Each variable's ptrdata and bits.
  llvm::DenseMap<const llvm::DIGlobalVariable *,
                 std::pair<uint64_t, llvm::StringRef>>
      Layouts;
  for (llvm::MDNode *N : Described->operands())
    Layouts[llvm::cast<llvm::DIGlobalVariable>(N->getOperand(0))] = {
        llvm::mdconst::extract<llvm::ConstantInt>(N->getOperand(1))
            ->getZExtValue(),
        llvm::cast<llvm::MDString>(N->getOperand(2))->getString()};
  auto BitAt = [](llvm::StringRef Bits, uint64_t W) {
    return W / 8 < Bits.size() && (uint8_t(Bits[W / 8]) >> (W % 8)) & 1;
  };
  for (llvm::GlobalVariable &G : M.globals()) {
    llvm::SmallVector<llvm::DIGlobalVariableExpression *, 1> GVEs;
    G.getDebugInfo(GVEs);
    const llvm::DIGlobalVariableExpression *Mine = nullptr;
    for (llvm::DIGlobalVariableExpression *GVE : GVEs)
      if (Layouts.count(GVE->getVariable()))
        Mine = GVE;
    if (!Mine)
      continue;
    G.eraseMetadata(llvm::LLVMContext::MD_dbg);
    uint64_t Size = DL.getTypeAllocSize(G.getValueType());
    if (GVEs.size() != 1 || G.isDeclaration() || G.isConstant() || Size == 0)
      continue;
    // The piece's place in its variable: all of it, or a fragment.
    const llvm::DIGlobalVariable *Var = Mine->getVariable();
    const llvm::DIExpression *Expr = Mine->getExpression();
    uint64_t Off = 0, Len = Var->getSizeInBits().value_or(0) / 8;
    if (std::optional<llvm::DIExpression::FragmentInfo> Frag =
            Expr->getFragmentInfo()) {
      if (Expr->getNumElements() != 3 || Frag->OffsetInBits % 8 ||
          Frag->SizeInBits % 8)
        continue;
      Off = Frag->OffsetInBits / 8;
      Len = Frag->SizeInBits / 8;
    } else if (Expr->getNumElements() != 0) {
      continue;
    }
    if (Len != Size)
      continue;
    auto [VarPtrData, VarBits] = Layouts.lookup(Var);
    // The piece's words; a piece not aligned to a word may hold none of
    // the variable's pointer words.
    std::vector<uint8_t> Bits;
    uint64_t PtrData = 0;
    if (Off % 8) {
      bool Any = false;
      for (uint64_t W = Off / 8; W * 8 < Off + Size; W++)
        Any |= BitAt(VarBits, W);
      if (Any)
        continue;
    } else {
      for (uint64_t W = 0; W < Size / 8 && (Off / 8 + W) * 8 < VarPtrData; W++)
        if (BitAt(VarBits, Off / 8 + W)) {
          Bits.resize(W / 8 + 1, 0);
          Bits[W / 8] |= uint8_t(1u << (W % 8));
          PtrData = (W + 1) * 8;
        }
    }
    llvm::Constant *GCData = Bits.empty() ? llvm::ConstantPointerNull::get(Ptr)
                                          : gcBitsGlobal(M, Bits);
    auto *Entry = new llvm::GlobalVariable(
        M, EntryTy, /*isConstant=*/true, llvm::GlobalValue::InternalLinkage,
        llvm::ConstantStruct::get(
            EntryTy, {&G, llvm::ConstantInt::get(I64, Size),
                      llvm::ConstantInt::get(I64, PtrData), GCData}),
        "go:gcroot");
    Entry->setSection(gort::abi::GCRootSection);
    Entry->setAlignment(llvm::Align(8));
    // As listNoArgFunctions' entries: kept exactly when G is.
    Entry->setMetadata(llvm::LLVMContext::MD_associated,
                       llvm::MDNode::get(C, llvm::ValueAsMetadata::get(&G)));
    llvm::appendToCompilerUsed(M, {Entry});
  }
  Described->eraseFromParent();
}

/// Makes M's internal variables private (assembler-local labels) for code
/// generation: string data, pointer bitmaps, package main's variables...
/// None is looked up by name (the collector finds globals through the
/// program headers and the root table), so their symbols were only weight
/// in the executable's symbol table. (--emit=llvm shows the module before this
/// step.)
void hideInternalVariables(llvm::Module &M) {
  for (llvm::GlobalVariable &G : M.globals())
    if (G.hasInternalLinkage())
      G.setLinkage(llvm::GlobalValue::PrivateLinkage);
}

/// Removes the link summary from M and returns its bytes (empty if none).
std::string takeLinkInfo(llvm::Module &M) {
  llvm::GlobalVariable *GV =
      M.getGlobalVariable(LinkInfoName, /*AllowInternal=*/true);
  if (!GV)
    return "";
  std::string Data(
      llvm::cast<llvm::ConstantDataSequential>(GV->getInitializer())
          ->getRawDataValues());
  llvm::removeFromUsedLists(M, [&](llvm::Constant *C) { return C == GV; });
  GV->eraseFromParent();
  return Data;
}

/// An object of its own, from a module named Name whose contents Fill
/// gives: the link summary, the frame sizes of split bodies.
bool emitSideObject(const Target &T, const CompileOptions &Opts,
                    llvm::StringRef Name,
                    llvm::function_ref<void(llvm::Module &)> Fill,
                    std::vector<llvm::SmallString<0>> &Outputs,
                    std::string &Error) {
  llvm::LLVMContext Ctx;
  llvm::Module M(Name, Ctx);
  std::unique_ptr<llvm::TargetMachine> TM =
      createTargetMachine(T, Opts.OptLevel, Error);
  if (!TM)
    return false;
  M.setTargetTriple(TM->getTargetTriple().str());
  M.setDataLayout(TM->createDataLayout());
  Fill(M);
  llvm::SmallString<0> Obj;
  llvm::raw_svector_ostream OS(Obj);
  if (!emitCode(M, *TM, OS, /*Assembly=*/false, Error))
    return false;
  Outputs.push_back(std::move(Obj));
  return true;
}

struct PartitionResult {
  llvm::SmallString<0> Output;
  std::vector<std::pair<std::string, uint64_t>> Bodies;
  std::string Error;
};

/// Compiles partition Part of the module in Bitcode (steps 1-3). ExtraAsm is
/// module-level assembly to add before code generation.
void compilePartition(llvm::MemoryBufferRef Bitcode, const Partitioning &Parts,
                      unsigned Part, const Target &T,
                      const CompileOptions &Opts, EmitWhat What,
                      const std::string &ExtraAsm, PartitionResult &R) {
  llvm::StringSet<> ForceSplit;
  using Clock = std::chrono::steady_clock;
  Clock::time_point Last = Clock::now();
  auto Phase = [&](const char *Name, const llvm::Module *M = nullptr) {
    if (!Opts.TimePhases)
      return;
    Clock::time_point Now = Clock::now();
    static std::mutex Lock;
    std::lock_guard<std::mutex> G(Lock);
    llvm::errs() << llvm::format(
        "gortc:   partition %u %-9s %8.3f s", Part, Name,
        std::chrono::duration<double>(Now - Last).count());
    if (M) {
      uint64_t Insts = 0;
      for (const llvm::Function &F : *M)
        Insts += F.getInstructionCount();
      llvm::errs() << "  (" << Insts << " instructions)";
    }
    llvm::errs() << "\n";
    Last = Now;
  };
  for (unsigned Round = 0;; ++Round) {
    llvm::LLVMContext Ctx;
    std::unique_ptr<llvm::Module> M;
    if (llvm::Error E = loadPartition(Bitcode, Parts, Part, Ctx, M)) {
      R.Error = "internal compiler error: cannot read the lowered module: " +
                llvm::toString(std::move(E));
      return;
    }
    std::unique_ptr<llvm::TargetMachine> TM =
        createTargetMachine(T, Opts.OptLevel, R.Error);
    if (!TM)
      return;
    Phase("load", M.get());
    optimizeModule(*M, *TM, Opts.OptLevel, &ForceSplit);
    listNoArgFunctions(*M);
    listGCRoots(*M);
    Phase("optimize", M.get());
    if (!ExtraAsm.empty())
      M->appendModuleInlineAsm(ExtraAsm);
    if (What == EmitWhat::IR) {
      llvm::raw_svector_ostream OS(R.Output);
      M->print(OS, nullptr);
      return;
    }
    hideInternalVariables(*M);
    addStackMaps(*M, *TM);
    // Code generation changes the module (CodeGenPrepare...): assembly is
    // generated from a copy, once the object's frames pass.
    std::unique_ptr<llvm::Module> AsmCopy;
    if (What == EmitWhat::Assembly)
      AsmCopy = llvm::CloneModule(*M);
    llvm::SmallString<0> Obj;
    {
      llvm::raw_svector_ostream OS(Obj);
      if (!emitCode(*M, *TM, OS, /*Assembly=*/false, R.Error))
        return;
    }
    Phase("codegen");
    llvm::Expected<llvm::StringMap<uint64_t>> Sizes = readFrameSizes(
        llvm::MemoryBufferRef(llvm::StringRef(Obj.data(), Obj.size()), "obj"));
    if (!Sizes) {
      R.Error = "internal compiler error: cannot read frame sizes: " +
                llvm::toString(Sizes.takeError());
      return;
    }
    R.Bodies.clear();
    std::vector<std::string> Over = checkFrames(*Sizes, R.Bodies);
    if (Over.empty()) {
      if (What == EmitWhat::Object) {
        R.Output = std::move(Obj);
        return;
      }
      llvm::raw_svector_ostream OS(R.Output);
      emitCode(*AsmCopy, *TM, OS, /*Assembly=*/true, R.Error);
      return;
    }
    if (Round + 1 == MaxRounds) {
      R.Error = "internal compiler error: frame of " + Over.front() +
                " is over the stack check's limit after splitting";
      return;
    }
    for (const std::string &Name : Over)
      ForceSplit.insert(Name);
    if (Opts.TimePhases) {
      static std::mutex Lock;
      std::lock_guard<std::mutex> G(Lock);
      llvm::errs() << "gortc:   partition " << Part << ": " << Over.size()
                   << " frame(s) over the limit, split and compiled again\n";
    }
  }
}

} // namespace

bool codegen::compileModule(std::unique_ptr<llvm::Module> M, const Target &T,
                            const CompileOptions &Opts, EmitWhat What,
                            std::vector<llvm::SmallString<0>> &Outputs,
                            std::string &Error) {
  // One output file (--emit) means one partition.
  unsigned Jobs = What == EmitWhat::Object && Opts.Link ? Opts.Jobs : 1;
  // Linked objects carry the summary in an object of their own; a single
  // output keeps it in its own section.
  std::string LinkInfo;
  if (What == EmitWhat::Object && Opts.Link)
    LinkInfo = takeLinkInfo(*M);
  keepWriteOnlyRoots(*M);
  Partitioning Parts = partitionModule(*M, Jobs, Opts.MinPartitionInsts);
  llvm::SmallString<0> Bitcode;
  {
    llvm::raw_svector_ostream OS(Bitcode);
    llvm::WriteBitcodeToFile(*M, OS);
  }
  M.reset();
  llvm::MemoryBufferRef BC(llvm::StringRef(Bitcode.data(), Bitcode.size()),
                           "lowered");

  std::vector<PartitionResult> Results(Parts.count());
  if (Parts.count() == 1) {
    compilePartition(BC, Parts, 0, T, Opts, What, "", Results[0]);
  } else {
    llvm::StdThreadPool Pool(llvm::hardware_concurrency(Parts.count()));
    for (unsigned P = 0; P < Parts.count(); ++P)
      Pool.async([&, P] {
        compilePartition(BC, Parts, P, T, Opts, What, "", Results[P]);
      });
    Pool.wait();
  }
  std::vector<std::pair<std::string, uint64_t>> Bodies;
  for (PartitionResult &R : Results) {
    if (!R.Error.empty()) {
      Error = R.Error;
      return false;
    }
    Bodies.insert(Bodies.end(), R.Bodies.begin(), R.Bodies.end());
  }

  if (!Opts.Link) {
    // A single object or assembly file: it must define its own frame
    // symbols, so generate it again with their definitions.
    if (!Bodies.empty() && What != EmitWhat::IR) {
      PartitionResult R;
      compilePartition(BC, Parts, 0, T, Opts, What, frameSymbolsAsm(Bodies), R);
      if (!R.Error.empty()) {
        Error = R.Error;
        return false;
      }
      Outputs.push_back(std::move(R.Output));
      return true;
    }
    Outputs.push_back(std::move(Results[0].Output));
    return true;
  }
  for (PartitionResult &R : Results)
    Outputs.push_back(std::move(R.Output));
  if (!LinkInfo.empty() &&
      !emitSideObject(
          T, Opts, "linkinfo",
          [&](llvm::Module &M) { addLinkInfo(M, LinkInfo); }, Outputs, Error))
    return false;
  // The frame sizes of split bodies, as absolute symbols.
  if (!Bodies.empty() && !emitSideObject(
                             T, Opts, "frames",
                             [&](llvm::Module &M) {
                               M.appendModuleInlineAsm(frameSymbolsAsm(Bodies));
                             },
                             Outputs, Error))
    return false;
  return true;
}
