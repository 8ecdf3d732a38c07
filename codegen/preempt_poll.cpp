//===- codegen/preempt_poll.cpp - Preemption polls in loops ---------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Goroutines are preempted cooperatively: sysmon, or a stop-the-world for
// the collector, sets g->stackguard0 to abi::StackPreempt, and the next
// prologue check (stack_check.cpp) fails and yields. A loop that makes no
// call never reaches a prologue, so it would hold its P forever, and a
// stop-the-world would wait for it forever: `for !done {}` in one goroutine
// hangs a program whose other goroutine allocates. gc solves this with
// asynchronous preemption by signal (Go 1.14), which needs a stack map at
// every instruction. We poll instead, as gc did for loops before 1.14 was
// designed.
//
// The pass: in every Go function, at the header of each loop that needs it
// (below), once per iteration,
//
//     %sg = load atomic i64 monotonic, g->stackguard0
//                       ; stack_check.cpp's emitLoadStackGuard, made atomic
//     br (%sg == StackPreempt), %poll, %body     ; weighted never taken
//   poll:
//     call void @gort_preempt_poll()              ; yields or drops the request
//     br %body
//
// The load is atomic (another thread writes the word) and so is never
// hoisted out of the loop, by machine LICM either; g itself is
// loop-invariant and is hoisted.
//
// Which loops: every outermost loop, and every inner loop unless
// ScalarEvolution bounds its iterations by values computed before it
// (a counted loop, `for i := 0; i < n; i++`) or by a constant of at most
// 2^32. Such an inner loop ends by itself and its enclosing loop polls
// between its runs, so a stop-the-world waits at most one run of it. The
// saving is where it matters: the innermost loops of numeric code.
//
// When: after the optimization pipeline and before StackCheckPass. After,
// so that the polls do not stop vectorization (the vectorized loop gets one
// poll per vector iteration) and loops created or merged by inlining are
// seen as they will run. Before the stack check, so that a function with a
// poll counts as one that calls and gets its prologue check like any other
// (the runtime's poll then runs inside the StackGuard margin, as every
// runtime entry point does).
//
// Loops that contain calls are polled too: a call does not prove a poll
// (the callee may be a leaf with no prologue check, or a runtime function
// that never yields). A poll costs a load, a compare and a predicted branch
// per iteration. Measured with run-bench (5 runs, against the same
// compiler with -mllvm -gortc-no-preempt-poll): geomean over 20 programs
// +2%; nbody +1%, spectralnorm -1%, mandelbrot +1%, but fannkuch +8%: its
// hot loop (`for head := perm[0]; head != 0; ...`, one flip per
// iteration, the inner swap loop fully unrolled into it) has a data-
// dependent trip count and a body of about 20 instructions. Measured
// again later (docs/runtime/gc.md, "Stopping goroutines in loops"): none
// of the four slower by more than the noise, fannkuch faster with polls.
//
// Rejected: polling only loops without calls (wrong, as above); polling
// no counted loop (an outermost one may run for minutes); signal-based
// preemption (without stack maps at every instruction the collector
// could not scan a goroutine stopped anywhere precisely, and a stopped
// goroutine's registers would have to be handed to the collector); a poll
// counter (decrement and test per iteration costs as much as the load).
//
//===----------------------------------------------------------------------===//

#include "codegen/preempt_poll.h"

#include "codegen/runtime_decls.h"
#include "codegen/stack_check.h"
#include "libgort/abi.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/TargetParser/Triple.h"

#include <vector>

using namespace gortc;
using namespace gortc::codegen;

/// For measuring the polls' cost (`-mllvm -gortc-no-preempt-poll`): a
/// program built so may hang a stop-the-world in a loop without calls.
static llvm::cl::opt<bool>
    NoPollOpt("gortc-no-preempt-poll", llvm::cl::Hidden,
              llvm::cl::desc("do not poll for preemption in loops"));

namespace {

/// Polls once per iteration of the loop headed by Header.
void insertPoll(llvm::BasicBlock *Header, llvm::Function *Poll, bool AArch64) {
  llvm::LLVMContext &Ctx = Header->getContext();
  llvm::Function *F = Header->getParent();
  llvm::BasicBlock *Body = Header->splitBasicBlock(
      Header->getFirstNonPHIOrDbgOrLifetime(), Header->getName() + ".polled");
  llvm::BasicBlock *Slow =
      llvm::BasicBlock::Create(Ctx, "preempt.poll", F, Body);
  Header->getTerminator()->eraseFromParent();

  llvm::IRBuilder<> B(Header);
  llvm::LoadInst *Guard = emitLoadStackGuard(B, AArch64);
  Guard->setAtomic(llvm::AtomicOrdering::Monotonic);
  Guard->setAlignment(llvm::Align(8));
  llvm::Value *Preempt =
      B.CreateICmpEQ(Guard, B.getInt64(gort::abi::StackPreempt), "preempt");
  llvm::MDBuilder MDB(Ctx);
  B.CreateCondBr(Preempt, Slow, Body, MDB.createBranchWeights(1, 1 << 20));

  B.SetInsertPoint(Slow);
  B.CreateCall(Poll);
  B.CreateBr(Body);
}

/// Whether L runs a number of iterations fixed when it is entered, and not
/// an absurd one: ScalarEvolution bounds its back-edges by an expression of
/// values computed before the loop (a counted loop), or by a constant of at
/// most MaxBoundedTrips.
bool isBounded(llvm::ScalarEvolution &SE, const llvm::Loop *L) {
  constexpr uint64_t MaxBoundedTrips = uint64_t(1) << 32;
  const llvm::SCEV *Max = SE.getSymbolicMaxBackedgeTakenCount(L);
  if (llvm::isa<llvm::SCEVCouldNotCompute>(Max))
    return false;
  if (const auto *C = llvm::dyn_cast<llvm::SCEVConstant>(Max))
    return C->getAPInt().ule(MaxBoundedTrips);
  return true;
}

} // namespace

llvm::PreservedAnalyses PreemptPollPass::run(llvm::Module &M,
                                             llvm::ModuleAnalysisManager &MAM) {
  if (NoPollOpt)
    return llvm::PreservedAnalyses::all();
  bool AArch64 = llvm::Triple(M.getTargetTriple()).isAArch64();
  llvm::FunctionAnalysisManager &FAM =
      MAM.getResult<llvm::FunctionAnalysisManagerModuleProxy>(M).getManager();
  llvm::Function *Poll = nullptr;
  bool Changed = false;
  for (llvm::Function &F : M) {
    if (F.isDeclaration() || !F.hasFnAttribute(GoFuncAttr))
      continue;
    std::vector<llvm::BasicBlock *> Headers;
    {
      llvm::LoopInfo &LI = FAM.getResult<llvm::LoopAnalysis>(F);
      llvm::ScalarEvolution &SE =
          FAM.getResult<llvm::ScalarEvolutionAnalysis>(F);
      for (llvm::Loop *L : LI.getLoopsInPreorder())
        if (!L->getParentLoop() || !isBounded(SE, L))
          Headers.push_back(L->getHeader());
    }
    if (Headers.empty())
      continue;
    if (!Poll)
      Poll = getOrInsertRuntimeFunction(M, RuntimeFn::gort_preempt_poll);
    for (llvm::BasicBlock *H : Headers)
      insertPoll(H, Poll, AArch64);
    FAM.invalidate(F, llvm::PreservedAnalyses::none());
    Changed = true;
  }
  return Changed ? llvm::PreservedAnalyses::none()
                 : llvm::PreservedAnalyses::all();
}
