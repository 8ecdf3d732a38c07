//===- codegen/partition.cpp - Cutting a module for parallel builds -------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// LLVM compiles one module on one thread: the optimizer and the code
// generator are not safe to run concurrently on one LLVMContext. To use
// every core on one big package, the lowered module is cut into partitions
// that are optimized and compiled in parallel, each in its own context
// (pipeline.cpp); the linker joins their objects.
//
// What each partition holds:
//   - home values: the functions and variables it alone defines. Values
//     another partition uses get external linkage with hidden visibility,
//     so the objects link but the program exports nothing new.
//   - copied values: linkonce_odr values (type descriptors, itabs, hash and
//     equality functions) and unnamed private constants (string data) are
//     defined again in every partition that uses them; linkonce_odr values
//     are put in comdats so that the linker keeps one copy. A descriptor's
//     typelinks entry is in its comdat and goes wherever it goes.
//   - imports: available_externally copies of small functions defined
//     elsewhere, so that calls across partitions can still be inlined (as
//     ThinLTO imports); they are dropped after optimization.
//
// How values are placed:
//   1. Each function or variable whose definition only one other value
//      refers to joins that value's cluster (union-find), as long as the
//      cluster stays under Cap instructions: a function called from one
//      place stays internal to its caller's partition, where the inliner's
//      last-call bonus and dead-argument elimination still apply.
//   2. Clusters are dealt to the partitions largest first, each to the
//      least loaded partition (instructions).
//   3. Every partition imports the small functions its home functions call
//      in other partitions, transitively.
//   4. Values a partition uses, through its home values, its imports and
//      the copied values they use, but does not define are externalized.
//
// The cut is deterministic: it depends only on the module. Modules under
// MinInsts instructions are not cut, since each partition repeats some
// work (copied values, imports, per-module passes).
//
// Rejected: llvm::SplitModule (it externalizes every local that crosses a
// cut it makes without regard to the call graph, and offers no imports);
// lowering each partition in a separate context from the start (the
// checker's lazily computed data is not thread-safe, and lowering is a
// small part of the time).
//
//===----------------------------------------------------------------------===//

#include "codegen/partition.h"

#include "codegen/codegen.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/IPO/GlobalDCE.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

#include <algorithm>

using namespace gortc;
using namespace gortc::codegen;

namespace {

/// Functions of at most this many (unoptimized) instructions are imported.
constexpr unsigned ImportMaxInsts = 60;

/// Whether every partition that uses GV gets its own copy of it.
bool isCopied(const llvm::GlobalValue &GV) {
  if (GV.hasLinkOnceODRLinkage())
    return true;
  if (const auto *V = llvm::dyn_cast<llvm::GlobalVariable>(&GV))
    return V->hasLocalLinkage() && V->isConstant() && V->hasGlobalUnnamedAddr();
  return false;
}

/// Adds the global values that constant C refers to to Out.
void constantRefs(const llvm::Constant *C,
                  llvm::SmallPtrSetImpl<const llvm::Constant *> &Seen,
                  llvm::SetVector<llvm::GlobalValue *> &Out) {
  if (!Seen.insert(C).second)
    return;
  if (const auto *GV = llvm::dyn_cast<llvm::GlobalValue>(C)) {
    Out.insert(const_cast<llvm::GlobalValue *>(GV));
    return;
  }
  for (const llvm::Use &U : C->operands())
    if (const auto *Op = llvm::dyn_cast<llvm::Constant>(U.get()))
      constantRefs(Op, Seen, Out);
}

/// The global values GV's definition refers to, in a deterministic order.
llvm::SetVector<llvm::GlobalValue *> refsOf(llvm::GlobalValue &GV) {
  llvm::SetVector<llvm::GlobalValue *> Out;
  llvm::SmallPtrSet<const llvm::Constant *, 32> Seen;
  if (auto *F = llvm::dyn_cast<llvm::Function>(&GV)) {
    for (llvm::BasicBlock &BB : *F)
      for (llvm::Instruction &I : BB)
        for (const llvm::Use &U : I.operands())
          if (const auto *C = llvm::dyn_cast<llvm::Constant>(U.get()))
            constantRefs(C, Seen, Out);
  } else if (auto *V = llvm::dyn_cast<llvm::GlobalVariable>(&GV)) {
    if (V->hasInitializer())
      constantRefs(V->getInitializer(), Seen, Out);
  }
  return Out;
}

unsigned sizeOf(const llvm::GlobalValue &GV) {
  if (const auto *F = llvm::dyn_cast<llvm::Function>(&GV))
    return F->getInstructionCount();
  return 1;
}

} // namespace

Partitioning codegen::partitionModule(llvm::Module &M, unsigned Parts,
                                      unsigned MinInsts) {
  Partitioning P;
  uint64_t Total = 0;
  for (llvm::Function &F : M)
    Total += F.getInstructionCount();
  if (Parts <= 1 || Total < MinInsts)
    return P;

  // The definitions, and what each refers to.
  std::vector<llvm::GlobalValue *> Defs;
  llvm::DenseMap<llvm::GlobalValue *, unsigned> Index;
  for (llvm::GlobalValue &GV : M.global_values())
    if (!GV.isDeclaration()) {
      assert((llvm::isa<llvm::Function>(GV) ||
              llvm::isa<llvm::GlobalVariable>(GV)) &&
             "lowering emits no aliases or ifuncs");
      Index[&GV] = unsigned(Defs.size());
      Defs.push_back(&GV);
    }
  std::vector<llvm::SetVector<llvm::GlobalValue *>> Refs(Defs.size());
  std::vector<unsigned> Users(Defs.size(), 0);
  std::vector<int> OnlyUser(Defs.size(), -1);
  for (unsigned I = 0; I < Defs.size(); ++I) {
    Refs[I] = refsOf(*Defs[I]);
    for (llvm::GlobalValue *R : Refs[I]) {
      auto It = Index.find(R);
      if (It == Index.end() || It->second == I)
        continue;
      // A value used by a copied value is used from anywhere.
      Users[It->second] += isCopied(*Defs[I]) ? 2 : 1;
      OnlyUser[It->second] = int(I);
    }
  }

  // Step 1: clusters.
  uint64_t Cap = std::max<uint64_t>(Total / (2 * Parts), 1);
  llvm::EquivalenceClasses<unsigned> Clusters;
  std::vector<uint64_t> ClusterSize(Defs.size());
  for (unsigned I = 0; I < Defs.size(); ++I) {
    Clusters.insert(I);
    ClusterSize[I] = sizeOf(*Defs[I]);
  }
  for (unsigned I = 0; I < Defs.size(); ++I) {
    if (isCopied(*Defs[I]) || Users[I] != 1 || isCopied(*Defs[OnlyUser[I]]))
      continue;
    unsigned A = Clusters.getLeaderValue(I);
    unsigned B = Clusters.getLeaderValue(unsigned(OnlyUser[I]));
    if (A == B || ClusterSize[A] + ClusterSize[B] > Cap)
      continue;
    uint64_t Sum = ClusterSize[A] + ClusterSize[B];
    Clusters.unionSets(A, B);
    ClusterSize[Clusters.getLeaderValue(A)] = Sum;
  }

  // Step 2: deal the clusters out.
  std::vector<unsigned> Leaders;
  for (unsigned I = 0; I < Defs.size(); ++I)
    if (!isCopied(*Defs[I]) && Clusters.getLeaderValue(I) == I)
      Leaders.push_back(I);
  llvm::stable_sort(Leaders, [&](unsigned A, unsigned B) {
    return ClusterSize[A] > ClusterSize[B];
  });
  std::vector<uint64_t> Load(Parts, 0);
  llvm::DenseMap<unsigned, unsigned> PartOfLeader;
  for (unsigned L : Leaders) {
    unsigned Best =
        unsigned(std::min_element(Load.begin(), Load.end()) - Load.begin());
    Load[Best] += ClusterSize[L];
    PartOfLeader[L] = Best;
  }
  P.N = Parts;
  P.Imports.resize(Parts);
  std::vector<int> HomeOf(Defs.size(), -1);
  for (unsigned I = 0; I < Defs.size(); ++I)
    if (!isCopied(*Defs[I])) {
      HomeOf[I] = int(PartOfLeader[Clusters.getLeaderValue(I)]);
      P.Home[Defs[I]->getName()] = unsigned(HomeOf[I]);
    }

  // Steps 3 and 4: imports, and values used across partitions.
  llvm::SetVector<llvm::GlobalValue *> Externalize;
  for (unsigned Part = 0; Part < Parts; ++Part) {
    std::vector<unsigned> Work;
    std::vector<bool> Seen(Defs.size(), false);
    for (unsigned I = 0; I < Defs.size(); ++I)
      if (HomeOf[I] == int(Part)) {
        Work.push_back(I);
        Seen[I] = true;
      }
    while (!Work.empty()) {
      unsigned I = Work.back();
      Work.pop_back();
      for (llvm::GlobalValue *R : Refs[I]) {
        auto It = Index.find(R);
        if (It == Index.end())
          continue; // a declaration: the runtime, or an intrinsic
        unsigned J = It->second;
        if (HomeOf[J] != int(Part) && HomeOf[J] >= 0)
          Externalize.insert(R);
        if (Seen[J])
          continue;
        bool Import = HomeOf[J] >= 0 && llvm::isa<llvm::Function>(R) &&
                      sizeOf(*R) <= ImportMaxInsts &&
                      !llvm::cast<llvm::Function>(R)->hasFnAttribute(
                          llvm::Attribute::NoInline);
        if (Import)
          P.Imports[Part].insert(R->getName());
        if (Import || HomeOf[J] < 0) {
          // Its body comes along: what it uses is used here too.
          Seen[J] = true;
          Work.push_back(J);
        }
      }
    }
  }
  unsigned Anon = 0;
  for (llvm::GlobalValue *GV : Externalize) {
    if (!GV->hasName())
      GV->setName("gort.anon." + llvm::Twine(Anon++));
    if (GV->hasLocalLinkage()) {
      // Local data names ("go:name.5") repeat across packages' modules:
      // qualify them with the module's (the package path) before they go
      // global, behind the prefix gort.local., which the link strips from
      // the executable's symbols as it does the other internal variables'
      // (pipeline.cpp). Functions keep theirs, which are qualified already
      // and which tracebacks print.
      if (llvm::isa<llvm::GlobalVariable>(GV))
        GV->setName(LocalDataPrefix + M.getModuleIdentifier() + "." +
                    GV->getName());
      GV->setLinkage(llvm::GlobalValue::ExternalLinkage);
      GV->setVisibility(llvm::GlobalValue::HiddenVisibility);
    }
  }
  // Names may have changed; key the maps by the final names.
  P.Home.clear();
  for (unsigned I = 0; I < Defs.size(); ++I)
    if (HomeOf[I] >= 0)
      P.Home[Defs[I]->getName()] = unsigned(HomeOf[I]);
  for (llvm::GlobalValue *GV : Defs)
    if (GV->hasLinkOnceODRLinkage() && !GV->hasComdat())
      if (auto *GO = llvm::dyn_cast<llvm::GlobalObject>(GV))
        GO->setComdat(M.getOrInsertComdat(GV->getName()));
  return P;
}

llvm::Error codegen::loadPartition(llvm::MemoryBufferRef Bitcode,
                                   const Partitioning &Parts, unsigned Part,
                                   llvm::LLVMContext &Ctx,
                                   std::unique_ptr<llvm::Module> &M) {
  auto MOrErr = llvm::getLazyBitcodeModule(Bitcode, Ctx);
  if (!MOrErr)
    return MOrErr.takeError();
  M = std::move(*MOrErr);
  if (Parts.count() > 1) {
    // Other partitions' values become declarations before their bodies are
    // ever read.
    for (llvm::Function &F : *M) {
      if (F.isDeclaration() && !F.isMaterializable())
        continue;
      int H = Parts.home(F.getName());
      if (H < 0 || H == int(Part))
        continue;
      if (Parts.imports(Part, F.getName())) {
        F.setLinkage(llvm::GlobalValue::AvailableExternallyLinkage);
        F.setVisibility(llvm::GlobalValue::DefaultVisibility);
        continue;
      }
      F.deleteBody();
    }
    for (llvm::GlobalVariable &V : M->globals()) {
      int H = V.isDeclaration() ? -1 : Parts.home(V.getName());
      if (H < 0 || H == int(Part))
        continue;
      V.setInitializer(nullptr);
      V.setLinkage(llvm::GlobalValue::ExternalLinkage);
      V.setComdat(nullptr);
    }
  }
  if (llvm::Error E = M->materializeAll())
    return E;
  if (Parts.count() == 1)
    return llvm::Error::success();
  // Drop what this partition does not use: copies, imports and
  // declarations, including cycles of copies (a type descriptor and its
  // pointer type's): their references were externalized only for the
  // partitions that use them. A typelinks entry (lower_iface.cpp) is a copy
  // in its descriptor's comdat, which llvm.compiler.used keeps alive in
  // the list's home partition only: the list goes first, GlobalDCE keeps
  // each entry whose descriptor this partition keeps (a live value's whole
  // comdat is live), and the list is rebuilt from them. Every copy of a
  // descriptor's comdat then has its entry, whichever the linker keeps.
  // The list's functions (the code of method table entries, which only the
  // link may drop: linkinfo.cpp) stay in the list's home partition, which
  // step 4 gave what they use.
  std::vector<llvm::GlobalValue *> Kept;
  if (llvm::GlobalVariable *Used = M->getGlobalVariable("llvm.compiler.used")) {
    if (Parts.home(Used->getName()) == int(Part))
      if (auto *List =
              llvm::dyn_cast<llvm::ConstantArray>(Used->getInitializer()))
        for (const llvm::Use &U : List->operands())
          if (auto *F =
                  llvm::dyn_cast<llvm::Function>(U.get()->stripPointerCasts()))
            if (!F->isDeclaration() && !F->hasAvailableExternallyLinkage())
              Kept.push_back(F);
    Used->eraseFromParent();
  }
  llvm::appendToCompilerUsed(*M, Kept);
  llvm::ModuleAnalysisManager MAM;
  llvm::PassBuilder PB;
  PB.registerModuleAnalyses(MAM);
  llvm::ModulePassManager MPM;
  MPM.addPass(llvm::GlobalDCEPass());
  MPM.run(*M, MAM);
  std::vector<llvm::GlobalValue *> Links;
  for (llvm::GlobalVariable &V : M->globals())
    if (!V.isDeclaration() && V.getSection() == TypelinkSection)
      Links.push_back(&V);
  llvm::appendToCompilerUsed(*M, Links);
  return llvm::Error::success();
}
