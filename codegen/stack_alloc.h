//===- codegen/stack_alloc.h - Escape analysis ------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// gortc's counterpart of gc's escape analysis, on LLVM IR: a CGSCC pass
// that records which pointer parameters of each function never outlive a
// call (EscapeSummaryPass), and a function pass that moves heap
// allocations whose pointer never outlives the allocating call into its
// frame and gives the runtime's string functions a frame buffer for a
// result that does not escape (StackAllocPass). See stack_alloc.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_CODEGEN_STACK_ALLOC_H
#define GORTC_CODEGEN_STACK_ALLOC_H

#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/IR/PassManager.h"

namespace gortc {
namespace codegen {

/// Marks each parameter of the SCC's functions that does not escape with
/// the string attribute NoEscapeAttr.
class EscapeSummaryPass : public llvm::PassInfoMixin<EscapeSummaryPass> {
public:
  llvm::PreservedAnalyses run(llvm::LazyCallGraph::SCC &C,
                              llvm::CGSCCAnalysisManager &,
                              llvm::LazyCallGraph &, llvm::CGSCCUpdateResult &);
};

/// The parameter attribute EscapeSummaryPass adds.
constexpr const char *NoEscapeAttr = "gort-noescape";
/// A runtime parameter (abi.def's NoEscapeDeep) that keeps neither the
/// pointer nor any pointer stored in the memory it points to: a frame array
/// whose only readers are such parameters passes on nothing it holds.
constexpr const char *NoEscapeDeepAttr = "gort-noescape-deep";

class StackAllocPass : public llvm::PassInfoMixin<StackAllocPass> {
public:
  llvm::PreservedAnalyses run(llvm::Function &F,
                              llvm::FunctionAnalysisManager &);
};

} // namespace codegen
} // namespace gortc

#endif // GORTC_CODEGEN_STACK_ALLOC_H
