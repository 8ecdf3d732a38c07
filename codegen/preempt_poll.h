//===- codegen/preempt_poll.h - Preemption polls in loops -------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A late module pass that makes every loop of a Go function poll for a
// preemption request once per iteration. See preempt_poll.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_CODEGEN_PREEMPT_POLL_H
#define GORTC_CODEGEN_PREEMPT_POLL_H

#include "llvm/IR/PassManager.h"

namespace gortc {
namespace codegen {

class PreemptPollPass : public llvm::PassInfoMixin<PreemptPollPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

} // namespace codegen
} // namespace gortc

#endif // GORTC_CODEGEN_PREEMPT_POLL_H
