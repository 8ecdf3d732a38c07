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

namespace llvm {
class LoadInst;
class LLVMContext;
class MDNode;
} // namespace llvm

namespace gortc {
namespace codegen {

/// The TBAA access tag lowering puts on a load of a Go value of integer
/// type (int, uintptr, ...): the value is no pointer, so a store of it
/// needs no barrier, as in gc. TBAA is metadata LLVM keeps when it merges
/// two such loads and drops when it merges one with another load; only
/// these loads carry a tag, so it changes no alias query (a query with an
/// untagged access is answered as without TBAA).
llvm::MDNode *scalarLoadTag(llvm::LLVMContext &Ctx);
/// Whether L carries scalarLoadTag.
bool isScalarLoad(const llvm::LoadInst *L);

class WriteBarrierPass : public llvm::PassInfoMixin<WriteBarrierPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
};

} // namespace codegen
} // namespace gortc

#endif // GORTC_CODEGEN_WRITE_BARRIER_H
