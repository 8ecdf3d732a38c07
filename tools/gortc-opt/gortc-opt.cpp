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
//
// gortc's passes in pipelines:
//   gortc-stack-check  StackCheckPass (codegen/stack_check.cpp) at the -O
//                      level given; -split-above=N overrides the frame size
//                      above which functions are split, -force-split=F,...
//                      splits these functions whatever their frame.
//
//===----------------------------------------------------------------------===//

#include "codegen/stack_check.h"

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
                                         llvm::cl::desc("pass pipeline"),
                                         llvm::cl::Required);
static llvm::cl::opt<unsigned> OptLevel("O", llvm::cl::desc("level 0-3"),
                                        llvm::cl::init(2), llvm::cl::Prefix);
static llvm::cl::opt<uint64_t> SplitAbove(
    "split-above", llvm::cl::desc("split functions predicted above N bytes"),
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
  llvm::StringSet<> Forced;
  for (const std::string &F : ForceSplit)
    Forced.insert(F);

  llvm::LoopAnalysisManager LAM;
  llvm::FunctionAnalysisManager FAM;
  llvm::CGSCCAnalysisManager CGAM;
  llvm::ModuleAnalysisManager MAM;
  llvm::PassBuilder PB;
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
        return false;
      });
  llvm::ModulePassManager MPM;
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
