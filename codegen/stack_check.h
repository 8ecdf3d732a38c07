//===- codegen/stack_check.h - Stack-growth checks --------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A late module pass (after the optimization pipeline, so after inlining)
// that gives every Go function the stack check its frame needs (design.md
// "Stack growth"), and the helpers that verify the frames code generation
// produced. See stack_check.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_CODEGEN_STACK_CHECK_H
#define GORTC_CODEGEN_STACK_CHECK_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBufferRef.h"

#include <string>
#include <utility>
#include <vector>

namespace gortc {
namespace codegen {

/// Function attribute that marks functions compiled from Go (the pass only
/// touches those).
constexpr const char *GoFuncAttr = "gort-go";

class StackCheckPass : public llvm::PassInfoMixin<StackCheckPass> {
public:
  /// OptLevel tunes the frame prediction. Functions named in ForceSplit
  /// (code generation found their frames over the limit) are split whatever
  /// the prediction says; so is every function predicted to need more
  /// than SplitAbove bytes.
  explicit StackCheckPass(unsigned OptLevel,
                          const llvm::StringSet<> *ForceSplit = nullptr,
                          uint64_t SplitAbove = DefaultSplitAbove)
      : OptLevel(OptLevel), ForceSplit(ForceSplit), SplitAbove(SplitAbove) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);

  /// The default split threshold: abi::StackFrameMax less a margin for
  /// what the prediction cannot see.
  static const uint64_t DefaultSplitAbove;

private:
  unsigned OptLevel;
  const llvm::StringSet<> *ForceSplit;
  uint64_t SplitAbove;
};

/// Emits the instruction sequence that loads the current g (the goroutine
/// descriptor): a TLS load on x86-64, register x28 on AArch64.
llvm::Value *emitGetG(llvm::IRBuilderBase &B, bool AArch64);

/// Emits the load of the current g's stackguard0 (abi::GStackGuard0Offset),
/// which the prologue checks and the loops' preemption polls compare with.
llvm::LoadInst *emitLoadStackGuard(llvm::IRBuilderBase &B, bool AArch64);

/// The frame size (bytes, without a return address) that the pass predicts
/// code generation will give F; ~0 for functions too big to analyse.
uint64_t predictFrameSize(llvm::Function &F, bool AArch64, unsigned OptLevel);

/// The absolute symbol that holds the frame size of the split function
/// body BodyName.
std::string frameSymbolName(llvm::StringRef BodyName);

/// Reads an ELF object's .stack_sizes section (TargetOptions::
/// EmitStackSizeSection): the frame size of each function, by symbol name.
llvm::Expected<llvm::StringMap<uint64_t>>
readFrameSizes(llvm::MemoryBufferRef Object);

/// Checks an object's frame sizes against abi::StackFrameMax. Returns the
/// functions over it (sorted), which must be split; adds each split body's
/// frame symbol and size to Bodies.
std::vector<std::string>
checkFrames(const llvm::StringMap<uint64_t> &Sizes,
            std::vector<std::pair<std::string, uint64_t>> &Bodies);

/// Assembly that defines each frame symbol in Bodies (name, size) as an
/// absolute, hidden symbol.
std::string
frameSymbolsAsm(llvm::ArrayRef<std::pair<std::string, uint64_t>> Bodies);

/// Puts F, a function compiled code has only for plumbing, among the
/// wrapper functions (libgort/abi.h WrapperSection) in a section of its own,
/// so that the linker's --gc-sections keeps it only if something calls it.
/// Call it once F has its final name.
void placeInWrapperSection(llvm::Function &F);

} // namespace codegen
} // namespace gortc

#endif // GORTC_CODEGEN_STACK_CHECK_H
