//===- codegen/write_barrier.h - The collector's write barrier --*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A late module pass that puts the concurrent collector's write barrier
// before every store that may overwrite a pointer in the heap. See
// write_barrier.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_CODEGEN_WRITE_BARRIER_H
#define GORTC_CODEGEN_WRITE_BARRIER_H

#include "llvm/IR/PassManager.h"

namespace gortc {
namespace codegen {

class WriteBarrierPass : public llvm::PassInfoMixin<WriteBarrierPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

} // namespace codegen
} // namespace gortc

#endif // GORTC_CODEGEN_WRITE_BARRIER_H
