//===- codegen/target.cpp - Targets, optimization and emission ------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Target machines for our two targets, the optimization pipeline (LLVM's
// default pipeline at the requested level, then gortc's late passes), and
// object/assembly emission with the legacy codegen pass manager.
//
// The data layout is LLVM's for the target plus "ni:1": address space 1
// (Go pointers) is non-integral, so the optimizer never round-trips GC
// pointers through integers (design.md "Allocation and GC").
//
// On AArch64 the current goroutine lives in x28, so generated code is
// built with +reserve-x28 (design.md "Entry and threads").
//
// Every function and global gets a section of its own, as clang's
// -ffunction-sections -fdata-sections, so that the link's --gc-sections
// drops each one the program never reaches (tools/gortc/link.cpp).
//
//===----------------------------------------------------------------------===//

#include "codegen/codegen.h"
#include "codegen/fold_instances.h"
#include "codegen/inline_advisor.h"
#include "codegen/preempt_poll.h"
#include "codegen/stack_alloc.h"
#include "codegen/stack_check.h"
#include "codegen/stack_maps.h"
#include "codegen/write_barrier.h"

#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/StandardInstrumentations.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/Transforms/Scalar/RewriteStatepointsForGC.h"

using namespace gortc;
using namespace gortc::codegen;

bool codegen::parseTarget(llvm::StringRef Spec, Target &Out) {
  if (Spec == "x86_64-linux" || Spec == "amd64") {
    Out = {Target::X86_64, "x86_64-unknown-linux-gnu", "amd64", "x86_64"};
    return true;
  }
  if (Spec == "aarch64-linux" || Spec == "arm64") {
    Out = {Target::AArch64, "aarch64-unknown-linux-gnu", "arm64", "aarch64"};
    return true;
  }
  return false;
}

static void initTargets() {
  static bool Done = false;
  if (Done)
    return;
  Done = true;
  LLVMInitializeX86TargetInfo();
  LLVMInitializeX86Target();
  LLVMInitializeX86TargetMC();
  LLVMInitializeX86AsmPrinter();
  LLVMInitializeX86AsmParser();
  LLVMInitializeAArch64TargetInfo();
  LLVMInitializeAArch64Target();
  LLVMInitializeAArch64TargetMC();
  LLVMInitializeAArch64AsmPrinter();
  LLVMInitializeAArch64AsmParser();
  // The stack maps take SP at every call of an x86-64 function to be
  // where its prologue left it (codegen/stack_maps.cpp): the call frame
  // optimization, which pushes a call's stack arguments and so moves SP
  // around that call (a code size heuristic), is off. Go pointers may stay
  // in callee-saved registers across a call, the statepoint recording the
  // register (codegen/stack_maps.cpp, "Registers"). An -mllvm option of
  // the command line wins.
  llvm::StringMap<llvm::cl::Option *> &Opts = llvm::cl::getRegisteredOptions();
  auto Set = [&](const char *Name, auto Value) {
    llvm::cl::Option *O = Opts.lookup(Name);
    if (O && O->getNumOccurrences() == 0)
      static_cast<llvm::cl::opt<decltype(Value)> *>(O)->setValue(Value);
  };
  Set("no-x86-call-frame-opt", true);
  Set("max-registers-for-gc-values", 4u);
  Set("fixup-allow-gcptr-in-csr", true);
}

std::unique_ptr<llvm::TargetMachine>
codegen::createTargetMachine(const Target &T, unsigned OptLevel,
                             std::string &Error) {
  initTargets();
  const llvm::Target *LT = llvm::TargetRegistry::lookupTarget(T.Triple, Error);
  if (!LT)
    return nullptr;
  llvm::TargetOptions Opts;
  // Every frame is checked against the stack check's limit after code
  // generation (stack_check.cpp).
  Opts.EmitStackSizeSection = true;
  Opts.FunctionSections = true;
  Opts.DataSections = true;
  llvm::CodeGenOptLevel Level = llvm::CodeGenOptLevel::Default;
  switch (OptLevel) {
  case 0:
    Level = llvm::CodeGenOptLevel::None;
    break;
  case 1:
    Level = llvm::CodeGenOptLevel::Less;
    break;
  case 3:
    Level = llvm::CodeGenOptLevel::Aggressive;
    break;
  default:
    break;
  }
  std::string Features;
  std::string CPU = "generic";
  if (T.Arch == Target::AArch64)
    Features = "+reserve-x28";
  else
    CPU = "x86-64";
  std::unique_ptr<llvm::TargetMachine> TM(LT->createTargetMachine(
      T.Triple, CPU, Features, Opts, llvm::Reloc::Static, std::nullopt, Level));
  if (!TM) {
    Error = "cannot create target machine for " + T.Triple;
    return TM;
  }
  // At -O0 LLVM selects instructions with FastISel, which leaves a block
  // with a statepoint to SelectionDAG, and the two disagree on an i1 that
  // crosses blocks: SelectionDAG reads it as zero-extended, FastISel
  // writes it unextended. A negated bool (xorb $-1) was passed to
  // gort_printbool as 0xfe and printed true (gosmith seed 49). With stack
  // maps, -O0 selects with SelectionDAG throughout.
  // (TargetPassConfig reads LLVM's -fast-isel option for this; an -mllvm
  // -fast-isel of the command line wins.)
  if (Level == llvm::CodeGenOptLevel::None && stackMapsEnabled()) {
    llvm::cl::Option *O = llvm::cl::getRegisteredOptions().lookup("fast-isel");
    if (O && O->getNumOccurrences() == 0)
      static_cast<llvm::cl::opt<llvm::cl::boolOrDefault> *>(O)->setValue(
          llvm::cl::BOU_FALSE);
  }
  return TM;
}

/// For compiler developers: `-mllvm -gortc-pipeline=TEXT` replaces the
/// optimization pipeline (LLVM's textual pipeline syntax).
static llvm::cl::opt<std::string>
    PipelineOpt("gortc-pipeline", llvm::cl::Hidden,
                llvm::cl::desc("optimization pipeline to run instead of "
                               "the one for the -O level"));

void codegen::optimizeModule(llvm::Module &M, llvm::TargetMachine &TM,
                             unsigned OptLevel,
                             const llvm::StringSet<> *ForceSplit) {
  llvm::LoopAnalysisManager LAM;
  llvm::FunctionAnalysisManager FAM;
  llvm::CGSCCAnalysisManager CGAM;
  llvm::ModuleAnalysisManager MAM;
  llvm::PipelineTuningOptions PTO;
  // LLVM's instrumentation, so that -mllvm options such as -time-passes and
  // -print-after-all work.
  llvm::PassInstrumentationCallbacks PIC;
  llvm::StandardInstrumentations SI(M.getContext(), /*DebugLogging=*/false);
  SI.registerCallbacks(PIC, &MAM);
  llvm::PassBuilder PB(&TM, PTO, std::nullopt, &PIC);
  registerGoInlineAdvisor(MAM);
  // Escape analysis: heap cells whose pointer outlives no call move into
  // the frame, SCC by SCC after inlining (stack_alloc.cpp).
  PB.registerCGSCCOptimizerLateEPCallback(
      [](llvm::CGSCCPassManager &CGPM, llvm::OptimizationLevel Level) {
        // (LLVM's -O0 pipeline runs this extension point too.)
        if (Level == llvm::OptimizationLevel::O0)
          return;
        CGPM.addPass(EscapeSummaryPass());
        CGPM.addPass(llvm::createCGSCCToFunctionPassAdaptor(StackAllocPass()));
      });
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);

  llvm::OptimizationLevel Level = llvm::OptimizationLevel::O2;
  switch (OptLevel) {
  case 0:
    Level = llvm::OptimizationLevel::O0;
    break;
  case 1:
    Level = llvm::OptimizationLevel::O1;
    break;
  case 3:
    Level = llvm::OptimizationLevel::O3;
    break;
  default:
    break;
  }
  llvm::ModulePassManager MPM;
  if (!PipelineOpt.empty()) {
    if (llvm::Error E = PB.parsePassPipeline(MPM, PipelineOpt))
      llvm::report_fatal_error(std::move(E));
  } else if (OptLevel == 0) {
    MPM = PB.buildO0DefaultPipeline(Level);
  } else {
    MPM = PB.buildPerModuleDefaultPipeline(Level);
  }
  // gortc's late passes, after inlining: identical instances of a generic
  // declaration folded, write barriers, preemption polls in loops, then
  // stack-growth prologues (which count the barriers and polls as calls).
  if (OptLevel > 0)
    MPM.addPass(FoldInstancesPass());
  MPM.addPass(WriteBarrierPass());
  MPM.addPass(PreemptPollPass());
  MPM.addPass(StackCheckPass(OptLevel, ForceSplit));
  MPM.run(M, MAM);
}

void codegen::addStackMaps(llvm::Module &M, llvm::TargetMachine &TM) {
  if (!stackMapsEnabled())
    return;
  registerStackMapStrategy();
  llvm::LoopAnalysisManager LAM;
  llvm::FunctionAnalysisManager FAM;
  llvm::CGSCCAnalysisManager CGAM;
  llvm::ModuleAnalysisManager MAM;
  llvm::PassBuilder PB(&TM);
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  llvm::ModulePassManager MPM;
  MPM.addPass(StackMapPrepPass());
  MPM.addPass(llvm::RewriteStatepointsForGC());
  MPM.addPass(DropDeadRelocationsPass());
  MPM.run(M, MAM);
}

bool codegen::emitCode(llvm::Module &M, llvm::TargetMachine &TM,
                       llvm::raw_pwrite_stream &OS, bool Assembly,
                       std::string &Error) {
  llvm::legacy::PassManager PM;
  if (TM.addPassesToEmitFile(PM, OS, nullptr,
                             Assembly ? llvm::CodeGenFileType::AssemblyFile
                                      : llvm::CodeGenFileType::ObjectFile)) {
    Error = "target cannot emit this file type";
    return false;
  }
  PM.run(M);
  return true;
}
