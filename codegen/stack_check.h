//===- codegen/stack_check.h - Stack-growth prologues -----------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A late module pass (after the optimization pipeline, so after inlining)
// that gives every Go function that needs one the stack-growth prologue of
// design.md "Stack growth". See stack_check.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_CODEGEN_STACK_CHECK_H
#define GORTC_CODEGEN_STACK_CHECK_H

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Target/TargetMachine.h"

namespace gortc {
namespace codegen {

/// Function attribute that marks functions compiled from Go (the pass only
/// touches those).
constexpr const char *GoFuncAttr = "gort-go";

class StackCheckPass : public llvm::PassInfoMixin<StackCheckPass> {
public:
  explicit StackCheckPass(llvm::TargetMachine &TM) : TM(TM) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);

private:
  llvm::TargetMachine &TM;
};

/// Emits the instruction sequence that loads the current g (the goroutine
/// descriptor): a TLS load on x86-64, register x28 on AArch64.
llvm::Value *emitGetG(llvm::IRBuilderBase &B, bool AArch64);

} // namespace codegen
} // namespace gortc

#endif // GORTC_CODEGEN_STACK_CHECK_H
