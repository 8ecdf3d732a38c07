//===- codegen/codegen.h - Lowering checked Go to LLVM IR -------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The interface between the driver and codegen: lower a checked package to
// an LLVM module, run the optimization pipeline (with gortc's late passes:
// the stack-growth prologue), and emit text IR, assembly or an object file.
// See lower.h for how lowering is organized.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_CODEGEN_CODEGEN_H
#define GORTC_CODEGEN_CODEGEN_H

#include "frontend/check.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>

namespace gortc {
namespace codegen {

/// One of our two targets.
struct Target {
  enum ArchKind { X86_64, AArch64 } Arch;
  std::string Triple;  ///< the LLVM target triple
  std::string GoArch;  ///< amd64 / arm64
  std::string Name;    ///< x86_64 / aarch64 (libgort directory name)
};

/// Parses "x86_64-linux" / "aarch64-linux".
bool parseTarget(llvm::StringRef Spec, Target &Out);

/// Creates the target machine for T at the given optimization level.
std::unique_ptr<llvm::TargetMachine> createTargetMachine(const Target &T,
                                                         unsigned OptLevel,
                                                         std::string &Error);

/// Lowers a checked package (package main) to a module. Returns null after
/// reporting an internal compiler error.
std::unique_ptr<llvm::Module>
lowerPackage(llvm::LLVMContext &LLVMCtx, types::TypeContext &TCtx,
             types::Info &Info, const SourceManager &SM,
             llvm::TargetMachine &TM, const Target &T,
             DiagnosticEngine &Diags);

/// Runs the optimization pipeline and gortc's late IR passes.
void optimizeModule(llvm::Module &M, llvm::TargetMachine &TM,
                    unsigned OptLevel);

/// Emits assembly or an object file.
bool emitCode(llvm::Module &M, llvm::TargetMachine &TM,
              llvm::raw_pwrite_stream &OS, bool Assembly, std::string &Error);

} // namespace codegen
} // namespace gortc

#endif // GORTC_CODEGEN_CODEGEN_H
