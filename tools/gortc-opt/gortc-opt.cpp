//===- tools/gortc-opt/gortc-opt.cpp - Run gortc's IR passes --------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A developer tool in the manner of LLVM's opt: reads an IR file, runs a
// pipeline that may name gortc's own passes besides LLVM's, and prints the
// result. It exists so that each gortc pass can be tested on its own, IR in
// and IR out (test/lit/transform; TinyGo's transform tests do the same).
//
//   gortc-opt -passes=gortc-stack-check [-O N] in.ll
//   gortc-opt -partitions=N -show-partition=I in.ll
//   gortc-opt -go-inliner -passes=inliner-wrapper in.ll
//
// gortc's passes in pipelines:
//   gortc-stack-check  StackCheckPass (codegen/stack_check.cpp) at the -O
//                      level given; -split-above=N overrides the frame size
//                      above which functions are split, -force-split=F,...
//                      splits these functions whatever their frame.
//   gortc-preempt-poll PreemptPollPass (codegen/preempt_poll.cpp).
//   gortc-fold-instances FoldInstancesPass (codegen/fold_instances.cpp).
//   gortc-write-barrier WriteBarrierPass (codegen/write_barrier.cpp).
//   gortc-escape-summary EscapeSummaryPass, a CGSCC pass, and
//   gortc-stack-alloc  StackAllocPass, a function pass
//                      (codegen/stack_alloc.cpp), as the optimizer runs
//                      them: cgscc(gortc-escape-summary,
//                      function(gortc-stack-alloc)).
// -go-inliner makes the pipeline's inliner use gortc's advisor
// (codegen/inline_advisor.cpp).
// -partitions=N cuts the module as a parallel build would
// (codegen/partition.cpp) and prints partition I as loadPartition reads it,
// after any -passes.
//
//===----------------------------------------------------------------------===//

#include "codegen/fold_instances.h"
#include "codegen/inline_advisor.h"
#include "codegen/partition.h"
#include "codegen/preempt_poll.h"
#include "codegen/stack_alloc.h"
#include "codegen/stack_check.h"
#include "codegen/write_barrier.h"

#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/IRReader/IRReader.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace gortc;

static llvm::cl::opt<std::string> Input(llvm::cl::Positional,
                                        llvm::cl::desc("<input .ll>"),
                                        llvm::cl::init("-"));
static llvm::cl::opt<std::string> Passes("passes",
                                         llvm::cl::desc("pass pipeline"));
static llvm::cl::opt<bool>
    GoInliner("go-inliner",
              llvm::cl::desc("inliner passes use gortc's advisor"));
static llvm::cl::opt<unsigned>
    Partitions("partitions", llvm::cl::desc("cut the module into N"),
               llvm::cl::init(0));
static llvm::cl::opt<unsigned>
    ShowPartition("show-partition",
                  llvm::cl::desc("the partition to print (with -partitions)"),
                  llvm::cl::init(0));
static llvm::cl::opt<unsigned> OptLevel("O", llvm::cl::desc("level 0-3"),
                                        llvm::cl::init(2), llvm::cl::Prefix);
static llvm::cl::opt<uint64_t>
    SplitAbove("split-above",
               llvm::cl::desc("split functions predicted above N bytes"),
               llvm::cl::init(codegen::StackCheckPass::DefaultSplitAbove));
static llvm::cl::list<std::string>
    ForceSplit("force-split", llvm::cl::desc("functions to split"),
               llvm::cl::CommaSeparated);

int main(int Argc, char **Argv) {
  llvm::InitLLVM X(Argc, Argv);
  llvm::cl::ParseCommandLineOptions(Argc, Argv, "gortc-opt\n");
  llvm::LLVMContext Ctx;
  llvm::SMDiagnostic Err;
  std::unique_ptr<llvm::Module> M = llvm::parseIRFile(Input, Err, Ctx);
  if (!M) {
    Err.print(Argv[0], llvm::errs());
    return 1;
  }
  if (Partitions) {
    codegen::Partitioning Parts =
        codegen::partitionModule(*M, Partitions, /*MinInsts=*/0);
    llvm::SmallString<0> BC;
    llvm::raw_svector_ostream OS(BC);
    llvm::WriteBitcodeToFile(*M, OS);
    M.reset();
    if (llvm::Error E = codegen::loadPartition(
            llvm::MemoryBufferRef(llvm::StringRef(BC.data(), BC.size()), "bc"),
            Parts, ShowPartition, Ctx, M)) {
      llvm::errs() << Argv[0] << ": " << llvm::toString(std::move(E)) << "\n";
      return 1;
    }
  }
  llvm::StringSet<> Forced;
  for (const std::string &F : ForceSplit)
    Forced.insert(F);

  llvm::LoopAnalysisManager LAM;
  llvm::FunctionAnalysisManager FAM;
  llvm::CGSCCAnalysisManager CGAM;
  llvm::ModuleAnalysisManager MAM;
  llvm::PassBuilder PB;
  if (GoInliner)
    codegen::registerGoInlineAdvisor(MAM);
  PB.registerModuleAnalyses(MAM);
  PB.registerCGSCCAnalyses(CGAM);
  PB.registerFunctionAnalyses(FAM);
  PB.registerLoopAnalyses(LAM);
  PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  PB.registerPipelineParsingCallback(
      [&](llvm::StringRef Name, llvm::ModulePassManager &MPM,
          llvm::ArrayRef<llvm::PassBuilder::PipelineElement>) {
        if (Name == "gortc-stack-check") {
          MPM.addPass(codegen::StackCheckPass(OptLevel, &Forced, SplitAbove));
          return true;
        }
        if (Name == "gortc-preempt-poll") {
          MPM.addPass(codegen::PreemptPollPass());
          return true;
        }
        if (Name == "gortc-fold-instances") {
          MPM.addPass(codegen::FoldInstancesPass());
          return true;
        }
        if (Name == "gortc-write-barrier") {
          MPM.addPass(codegen::WriteBarrierPass());
          return true;
        }
        return false;
      });
  PB.registerPipelineParsingCallback(
      [&](llvm::StringRef Name, llvm::CGSCCPassManager &CGPM,
          llvm::ArrayRef<llvm::PassBuilder::PipelineElement>) {
        if (Name == "gortc-escape-summary") {
          CGPM.addPass(codegen::EscapeSummaryPass());
          return true;
        }
        return false;
      });
  PB.registerPipelineParsingCallback(
      [&](llvm::StringRef Name, llvm::FunctionPassManager &FPM,
          llvm::ArrayRef<llvm::PassBuilder::PipelineElement>) {
        if (Name == "gortc-stack-alloc") {
          FPM.addPass(codegen::StackAllocPass());
          return true;
        }
        return false;
      });
  llvm::ModulePassManager MPM;
  if (!Passes.empty())
    if (llvm::Error E = PB.parsePassPipeline(MPM, Passes)) {
      llvm::errs() << Argv[0] << ": " << llvm::toString(std::move(E)) << "\n";
      return 1;
    }
  MPM.run(*M, MAM);
  if (llvm::verifyModule(*M, &llvm::errs()))
    return 1;
  M->print(llvm::outs(), nullptr);
  return 0;
}
