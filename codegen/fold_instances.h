//===- codegen/fold_instances.h - Fold identical instances ------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A late module pass that gives instances of one generic function (or
// method of one generic type) whose optimized code came out identical a
// single body. See fold_instances.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_CODEGEN_FOLD_INSTANCES_H
#define GORTC_CODEGEN_FOLD_INSTANCES_H

#include "llvm/IR/PassManager.h"

namespace gortc {
namespace codegen {

class FoldInstancesPass : public llvm::PassInfoMixin<FoldInstancesPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

} // namespace codegen
} // namespace gortc

#endif // GORTC_CODEGEN_FOLD_INSTANCES_H
