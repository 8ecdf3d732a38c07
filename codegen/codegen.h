//===- codegen/codegen.h - Lowering checked Go to LLVM IR -------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The interface between the driver and codegen: lower a checked package to
// an LLVM module, then optimize it and generate code, in parallel
// partitions, with gortc's late passes (the stack checks) and the
// verification of every frame (pipeline.cpp). See lower.h for how lowering
// is organized.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_CODEGEN_CODEGEN_H
#define GORTC_CODEGEN_CODEGEN_H

#include "frontend/check.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <vector>

namespace gortc {
namespace codegen {

/// One of our two targets.
struct Target {
  enum ArchKind { X86_64, AArch64 } Arch;
  std::string Triple; ///< the LLVM target triple
  std::string GoArch; ///< amd64 / arm64
  std::string Name;   ///< x86_64 / aarch64 (libgort directory name)
};

/// Parses "x86_64-linux" / "aarch64-linux".
bool parseTarget(llvm::StringRef Spec, Target &Out);

/// Creates the target machine for T at the given optimization level.
std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const Target &T, unsigned OptLevel, std::string &Error);

/// Lowers a checked package (package main) to a module. Returns null after
/// reporting an internal compiler error.
std::unique_ptr<llvm::Module>
lowerPackage(llvm::LLVMContext &LLVMCtx, types::TypeContext &TCtx,
             types::Info &Info, const SourceManager &SM,
             llvm::TargetMachine &TM, const Target &T, DiagnosticEngine &Diags);

/// Runs the optimization pipeline and gortc's late IR passes. The stack
/// check splits the functions named in ForceSplit whatever their predicted
/// frame (stack_check.h).
void optimizeModule(llvm::Module &M, llvm::TargetMachine &TM, unsigned OptLevel,
                    const llvm::StringSet<> *ForceSplit = nullptr);

/// Gives M's Go functions precise stack maps (stack_maps.cpp), when
/// -mllvm -gortc-stack-maps asks for them: after optimization, on the way
/// to machine code (the IR gortc --emit llvm prints has none).
void addStackMaps(llvm::Module &M, llvm::TargetMachine &TM);

/// Emits assembly or an object file.
bool emitCode(llvm::Module &M, llvm::TargetMachine &TM,
              llvm::raw_pwrite_stream &OS, bool Assembly, std::string &Error);

/// The function attribute lowering gives Go functions without a receiver
/// or parameters. compileModule gives each function that has it an entry
/// in section .gort_noargs, linked to the function's own section so that
/// the linker keeps the entry with the function (libgort/gort.ld brackets
/// the entries),
/// so that tracebacks print "main.main()" where gc does, and "f(...)" for
/// the others (runtime/traceback.cpp).
constexpr const char *NoArgsAttr = "gort-noargs";

/// The parameter attribute lowering gives the out pointer of a scalar
/// result (getABI: when the results do not fit in the return registers).
/// It points to the caller's temporary, or, from runtime/reflectcall.cpp,
/// to memory cleared for the call, so a store through it overwrites no
/// pointer the collector must see: write_barrier.cpp puts no barrier there.
constexpr const char *ResultOutAttr = "gort-result-out";

/// The section of the typelinks entries lowering gives unnamed composite
/// types' descriptors (lower_iface.cpp), in the descriptor's comdat, so
/// that the linker keeps an entry exactly when it keeps the descriptor;
/// libgort/gort.ld brackets the section, and partition.cpp copies each
/// entry with its descriptor.
constexpr const char *TypelinkSection = ".gort_typelink";

/// The named metadata in which lowering describes each writable global
/// that is a Go variable (package-level variables, static composite
/// literals): !{DIGlobalVariable, i64 ptrdata, !"pointer bitmap"}, its
/// type's layout for the collector; the global carries that debug-info
/// variable, and so do the pieces the optimizer may split it into, each
/// with its fragment. After optimization, compileModule gives each global
/// it kept, or piece of one, an abi::GCRoot entry in section
/// abi::GCRootSection, linked to the global's own section so that the
/// linker keeps the entry exactly when it keeps the variable, and drops
/// the debug-info variables. The collector scans those variables by their
/// bitmaps and every other writable word conservatively
/// (runtime/mgcmark.cpp); a global the optimizer rebuilt otherwise
/// (shrunk to a bool...) has no entry and is scanned conservatively.
constexpr const char *GCRootMD = "gort.gcroots";
/// The shared pointer bitmap global for Bits (gc: runtime.gcbits.<hex>).
llvm::Constant *gcBitsGlobal(llvm::Module &M, llvm::ArrayRef<uint8_t> Bits);

/// The link summary lowering adds to each package's module (global
/// LinkInfoName in section LinkInfoSection, SHF_EXCLUDE; linkinfo.cpp), for
/// the link's method pruning (tools/gortc/deadcode.cpp). compileModule
/// moves it into an object of its own when it compiles for the link.
constexpr const char *LinkInfoName = "gort.linkinfo";
constexpr const char *LinkInfoSection = ".gort_linkinfo";
/// Adds link summary Data to M as that global.
void addLinkInfo(llvm::Module &M, llvm::StringRef Data);

/// The prefix of the names partition.cpp gives the local variables it
/// makes global: the link removes their symbols from the executable.
constexpr const char *LocalDataPrefix = "gort.local.";

/// What compileModule produces.
enum class EmitWhat { Object, Assembly, IR };

struct CompileOptions {
  unsigned OptLevel = 2;
  /// Threads, each compiling one partition of the module (partition.h).
  unsigned Jobs = 1;
  /// Modules of fewer instructions are compiled whole.
  unsigned MinPartitionInsts = 20000;
  /// The outputs go to the linker: several objects are fine. Otherwise
  /// exactly one output is produced (gortc --emit).
  bool Link = true;
  /// Print each partition's phase times to stderr (gortc --time).
  bool TimePhases = false;
};

/// Optimizes M and generates code for it (pipeline.cpp): objects to link
/// (with Link, one per partition, one with the link summary, and one that
/// defines the frame sizes of split functions), or one object, assembly or
/// IR text. Returns false
/// with Error set on an internal failure.
bool compileModule(std::unique_ptr<llvm::Module> M, const Target &T,
                   const CompileOptions &Opts, EmitWhat What,
                   std::vector<llvm::SmallString<0>> &Outputs,
                   std::string &Error);

} // namespace codegen
} // namespace gortc

#endif // GORTC_CODEGEN_CODEGEN_H
