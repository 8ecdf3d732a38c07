//===- codegen/stack_maps.h - Precise stack maps ----------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The late module pass that prepares Go functions for LLVM's statepoint
// rewriting, and the "gort" GC strategy whose printer writes each
// function's stack map (abi::StackMapFunc). See stack_maps.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_CODEGEN_STACK_MAPS_H
#define GORTC_CODEGEN_STACK_MAPS_H

#include "llvm/IR/PassManager.h"

namespace gortc {
namespace codegen {

/// Whether Go functions get precise stack maps (-mllvm -gortc-stack-maps).
bool stackMapsEnabled();

/// Marks every Go function for the "gort" strategy and makes its IR
/// acceptable to RewriteStatepointsForGC, which must run next.
class StackMapPrepPass : public llvm::PassInfoMixin<StackMapPrepPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// After RewriteStatepointsForGC: removes from each statepoint the values
/// that are live only because the call takes them as arguments (LLVM
/// counts a call's operands live across it, for a collector that moves
/// objects; ours does not, and the callee keeps what it still uses), so
/// that they are neither spilled around the call nor keep their objects
/// alive while it runs.
class DropDeadRelocationsPass
    : public llvm::PassInfoMixin<DropDeadRelocationsPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

/// Registers the "gort" GC strategy and its stack map printer (once; the
/// registries are process-wide).
void registerStackMapStrategy();

} // namespace codegen
} // namespace gortc

#endif // GORTC_CODEGEN_STACK_MAPS_H
