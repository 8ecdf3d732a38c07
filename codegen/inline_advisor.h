//===- codegen/inline_advisor.h - Bounded inlining --------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// LLVM's inliner with gc's limit on how big one function may grow by
// inlining. See inline_advisor.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_CODEGEN_INLINE_ADVISOR_H
#define GORTC_CODEGEN_INLINE_ADVISOR_H

#include "llvm/IR/PassManager.h"

namespace gortc {
namespace codegen {

/// Makes every inliner pass that runs with MAM use gortc's advisor. Call
/// before PassBuilder::registerModuleAnalyses.
void registerGoInlineAdvisor(llvm::ModuleAnalysisManager &MAM);

} // namespace codegen
} // namespace gortc

#endif // GORTC_CODEGEN_INLINE_ADVISOR_H
