//===- codegen/fold_instances.cpp - Fold identical instances --------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// gortc instantiates generic code once per list of type arguments
// (frontend/check_generic.cpp), which makes constraint calls direct but
// can repeat code: Max[int] and Max[int64], or List[*A].Len and
// List[*B].Len, often compile to the same instructions. This pass keeps
// one body for each set of identical instances of the same generic
// declaration (LLVM's FunctionComparator decides "identical"): the others
// are replaced by it, or become aliases of it when other objects may
// refer to them by name.
//
// Only instances of one declaration are folded, never arbitrary functions:
// tracebacks print an instance with its type arguments elided
// ("main.F[...]", runtime/traceback.cpp), so which instance's symbol a
// folded body carries cannot be seen, while folding two different
// functions would show the wrong name. Instances are recognised by their
// symbols, which carry their type arguments in brackets.
//
// It runs after the optimization pipeline (identical after inlining and
// simplification is what matters), before the preemption polls and stack
// checks are added, which then apply to the one body.
//
//===----------------------------------------------------------------------===//

#include "codegen/fold_instances.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/FunctionComparator.h"

using namespace gortc;
using namespace gortc::codegen;

/// A symbol with the type arguments of every instance in it elided, as
/// tracebacks print it: "main.(*List[int]).Push" -> "main.(*List[...]).Push".
static std::string elideTypeArgs(llvm::StringRef Sym) {
  std::string Out;
  int Depth = 0;
  for (char C : Sym) {
    if (C == '[' && Depth++ == 0)
      Out += "[...]";
    else if (C == ']' && Depth > 0)
      --Depth;
    else if (Depth == 0)
      Out += C;
  }
  return Out;
}

llvm::PreservedAnalyses FoldInstancesPass::run(llvm::Module &M,
                                               llvm::ModuleAnalysisManager &) {
  // Instances by the declaration they come from, in module order.
  llvm::StringMap<llvm::SmallVector<llvm::Function *, 4>> Groups;
  std::vector<std::string> Order;
  for (llvm::Function &F : M) {
    if (F.isDeclaration() || F.hasAvailableExternallyLinkage() ||
        !F.getName().contains('['))
      continue;
    std::string Key = elideTypeArgs(F.getName());
    auto [It, New] = Groups.try_emplace(Key);
    if (New)
      Order.push_back(Key);
    It->second.push_back(&F);
  }
  bool Changed = false;
  llvm::GlobalNumberState GN;
  for (const std::string &Key : Order) {
    llvm::SmallVector<llvm::Function *, 4> &Fs = Groups[Key];
    if (Fs.size() < 2)
      continue;
    llvm::SmallVector<llvm::Function *, 4> Kept;
    for (llvm::Function *F : Fs) {
      llvm::Function *Same = nullptr;
      for (llvm::Function *K : Kept)
        if (llvm::FunctionComparator(F, K, &GN).compare() == 0) {
          Same = K;
          break;
        }
      if (!Same) {
        Kept.push_back(F);
        continue;
      }
      F->replaceAllUsesWith(Same);
      if (!F->hasLocalLinkage()) {
        // Other objects may name it: keep the symbol, as an alias.
        auto *A =
            llvm::GlobalAlias::create(F->getValueType(), F->getAddressSpace(),
                                      F->getLinkage(), "", Same, &M);
        A->takeName(F);
        A->setVisibility(F->getVisibility());
      }
      F->eraseFromParent();
      Changed = true;
    }
  }
  return Changed ? llvm::PreservedAnalyses::none()
                 : llvm::PreservedAnalyses::all();
}
