//===- codegen/inline_advisor.cpp - Bounded inlining ----------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// LLVM's inliner, with gc's rule against growing one function without bound
// (cmd/compile/internal/inline/inl.go: inlineBigFunctionNodes,
// inlineBigFunctionMaxCost).
//
// LLVM's default heuristics give a call to a function that has no other
// caller a bonus of 15000 (InlineConstants::LastCallToStaticBonus): the
// callee disappears, so inlining it never grows the program. In a Go
// program every function is internal to the one module, and generated or
// straight-line code often calls many functions exactly once, so the
// default inliner folds whole call trees into their root: the 2000-function
// program of ../shared/bench/gen-large.py became one 217 000-instruction
// main.main, and the register allocator and live-interval analyses, which
// grow faster than linearly in a function's size, took 40 of its 48 s of
// compile time. Its frame (27.8 KB) also made every call of it a stack
// split. And each function inlined that way is optimized twice: on its
// own, then again inside its caller.
//
// The rules.
//   1. Once a caller holds more than BigCaller instructions, only callees
//      of at most BigCallerMaxCallee instructions may be inlined into it
//      (gc: 5000 nodes and a cost of 20).
//   2. A function called from one place gets LLVM's last-call bonus only if
//      it has at most CalledOnceMax instructions: gc inlines by size alone,
//      and a big function called once saves one call by being inlined.
//      With this rule gen-large compiles with 16% fewer instructions
//      executed (callgrind, 100 functions) and run-bench's CPU times stay
//      within their noise.
// Every other decision is LLVM's default advisor's. Caller sizes are
// counted when the inliner enters an SCC and grown by each inlining the
// advisor records, so a query costs O(1).
//
// The advisor is installed through LLVM's PluginInlineAdvisorAnalysis, the
// hook for out-of-tree advisors: registering it in the module analysis
// manager makes every inliner pass of the pipeline use it.
//
// Rejected: lowering the global inline threshold (it would stop the small,
// hot inlines too, which are where inlining pays); marking functions
// noinline up front (the size that matters is the caller's after inlining,
// which only the inliner knows).
//
//===----------------------------------------------------------------------===//

#include "codegen/inline_advisor.h"

#include "llvm/Analysis/InlineAdvisor.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/Module.h"

using namespace gortc;
using namespace gortc::codegen;

namespace {

/// A caller bigger than this (in IR instructions) stops growing...
constexpr unsigned BigCaller = 5000;
/// ...except by callees of at most this many instructions.
constexpr unsigned BigCallerMaxCallee = 12;
/// A function called from one place and bigger than this is not inlined
/// there (LLVM would, for its last-call bonus).
constexpr unsigned CalledOnceMax = 100;

class GoInlineAdvisor;

/// Wraps the default advisor's advice so that a successful inlining grows
/// the recorded size of the caller.
class SizeTrackingAdvice : public llvm::InlineAdvice {
public:
  SizeTrackingAdvice(GoInlineAdvisor *Advisor, llvm::CallBase &CB,
                     llvm::OptimizationRemarkEmitter &ORE,
                     std::unique_ptr<llvm::InlineAdvice> Inner);

private:
  void recordInliningImpl() override;
  void recordInliningWithCalleeDeletedImpl() override;
  void recordUnsuccessfulInliningImpl(const llvm::InlineResult &R) override {
    Inner->recordUnsuccessfulInlining(R);
  }
  void recordUnattemptedInliningImpl() override {
    Inner->recordUnattemptedInlining();
  }
  GoInlineAdvisor *GoAdvisor;
  std::unique_ptr<llvm::InlineAdvice> Inner;
  unsigned CalleeSize;
};

class GoInlineAdvisor : public llvm::InlineAdvisor {
public:
  GoInlineAdvisor(llvm::Module &M, llvm::FunctionAnalysisManager &FAM,
                  llvm::InlineParams Params, llvm::InlineContext IC)
      : InlineAdvisor(M, FAM, IC), Default(M, FAM, Params, IC) {}

  void onPassEntry(llvm::LazyCallGraph::SCC *SCC) override {
    Default.onPassEntry(SCC);
    // Function passes may have shrunk (or grown) the functions since we
    // last counted them.
    if (SCC)
      for (llvm::LazyCallGraph::Node &N : *SCC)
        Size[&N.getFunction()] = N.getFunction().getInstructionCount();
  }
  void onPassExit(llvm::LazyCallGraph::SCC *SCC) override {
    Default.onPassExit(SCC);
  }

  /// The instruction count of F, as last counted and grown by inlining.
  unsigned size(llvm::Function &F) {
    auto [It, New] = Size.try_emplace(&F, 0);
    if (New)
      It->second = F.getInstructionCount();
    return It->second;
  }
  void grow(llvm::Function &F, unsigned By) { Size[&F] = size(F) + By; }
  /// F is about to be deleted (its address may be reused).
  void forget(llvm::Function &F) { Size.erase(&F); }

private:
  std::unique_ptr<llvm::InlineAdvice>
  getAdviceImpl(llvm::CallBase &CB) override {
    llvm::Function &Caller = *CB.getCaller();
    llvm::Function *Callee = CB.getCalledFunction();
    assert(Callee && "the inliner asks only about direct calls");
    if (size(Caller) > BigCaller && size(*Callee) > BigCallerMaxCallee)
      return std::make_unique<llvm::InlineAdvice>(this, CB, getCallerORE(CB),
                                                  false);
    if (Callee->hasLocalLinkage() && Callee->hasOneLiveUse() &&
        size(*Callee) > CalledOnceMax)
      return std::make_unique<llvm::InlineAdvice>(this, CB, getCallerORE(CB),
                                                  false);
    std::unique_ptr<llvm::InlineAdvice> A = Default.getAdvice(CB);
    if (!A)
      return A;
    return std::make_unique<SizeTrackingAdvice>(this, CB, getCallerORE(CB),
                                                std::move(A));
  }

  llvm::DefaultInlineAdvisor Default;
  llvm::DenseMap<llvm::Function *, unsigned> Size;
};

SizeTrackingAdvice::SizeTrackingAdvice(
    GoInlineAdvisor *Advisor, llvm::CallBase &CB,
    llvm::OptimizationRemarkEmitter &ORE,
    std::unique_ptr<llvm::InlineAdvice> Inner)
    : InlineAdvice(Advisor, CB, ORE, Inner->isInliningRecommended()),
      GoAdvisor(Advisor), Inner(std::move(Inner)),
      CalleeSize(Advisor->size(*CB.getCalledFunction())) {}

void SizeTrackingAdvice::recordInliningImpl() {
  GoAdvisor->grow(*Caller, CalleeSize);
  Inner->recordInlining();
}

void SizeTrackingAdvice::recordInliningWithCalleeDeletedImpl() {
  GoAdvisor->grow(*Caller, CalleeSize);
  GoAdvisor->forget(*Callee);
  Inner->recordInliningWithCalleeDeleted();
}

llvm::InlineAdvisor *createAdvisor(llvm::Module &M,
                                   llvm::FunctionAnalysisManager &FAM,
                                   llvm::InlineParams Params,
                                   llvm::InlineContext IC) {
  return new GoInlineAdvisor(M, FAM, Params, IC);
}

} // namespace

void codegen::registerGoInlineAdvisor(llvm::ModuleAnalysisManager &MAM) {
  MAM.registerPass(
      [] { return llvm::PluginInlineAdvisorAnalysis(createAdvisor); });
}
