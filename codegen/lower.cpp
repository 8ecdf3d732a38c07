//===- codegen/lower.cpp - Lowering entry point ---------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See lower.h for how lowering is organized.
//
//===----------------------------------------------------------------------===//

#include "codegen/lower.h"

using namespace gortc;
using namespace gortc::codegen;

std::unique_ptr<llvm::Module>
codegen::lowerPackage(llvm::LLVMContext &LLVMCtx, types::TypeContext &TCtx,
                      types::Info &Info, const SourceManager &SM,
                      llvm::TargetMachine &TM, const Target &T,
                      DiagnosticEngine &Diags) {
  Lowerer L(LLVMCtx, TCtx, Info, SM, TM, T, Diags);
  return L.run();
}
