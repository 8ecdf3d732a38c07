//===- codegen/stack_maps.cpp - Precise stack maps ------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Precise stack maps: for every call of a Go function that can reach a
// collection, the frame slots that hold the Go pointers live across it
// (gc: the stack maps the compiler's liveness analysis writes beside each
// function, cmd/compile/internal/liveness). The collector scans a
// goroutine's Go frames by them and every other word of its stack
// conservatively (runtime/stkmap.cpp), so that a dead pointer left in a
// frame keeps nothing alive.
//
// How the maps are made. LLVM finds the live pointers itself, and gortc
// keeps them in slots of its own:
//   1. StackMapPrepPass (after StackCheckPass, the last IR pass) gives
//      every Go function the "gort" GC strategy and mends what LLVM's
//      statepoint rewriting cannot take: inline asm and musttail calls
//      become "gc-leaf-function" (neither can stop in a collection: the
//      asm is a few instructions, and a musttail call's frame is gone
//      before the callee runs), and a cast that makes a Go pointer out of
//      a plain one (addrspacecast from address space 0, inttoptr) becomes
//      an identity asm, an opaque base pointer for the rewriting, which
//      otherwise aborts on them (LLVM issues #61917, #87625).
//      A pointer argument of address space 0 (a closure context, an
//      equality or hash function's operands) may be the only reference
//      to its object while the function runs: it becomes a Go pointer at
//      the entry, turned back just before each use (trackArgument). The
//      rewriting does not look into aggregate values (slices, strings,
//      interfaces as {ptr addrspace(1), i64, i64}...): each is taken
//      apart after its definition and put together before its uses, so
//      that its Go pointers are what lives across calls
//      (trackAggregates).
//   2. It lists the function's stack objects: the static allocas whose
//      type may hold a pointer (a Go pointer, a plain one, a 64-bit
//      integer, since the runtime's records are [N x i64], or bytes: the
//      objects escape analysis moves off the heap are [N x i8]). They are
//      arguments of one llvm.experimental.stackmap call at the entry (ID
//      StackObjectsID), as (alloca, size) pairs: code generation records
//      each alloca as a Direct location, its address in the frame. On
//      AArch64 the first object (or an alloca of its own, of size 0 in
//      the list) also calibrates the frame: every call names it as a
//      deopt value, which the call's statepoint records SP-relative while
//      the entry's stackmap records it FP-relative: the distance from SP
//      to FP, per call (x86-64 needs none: SP = FP + 8 - frame size at
//      every call, with the call frame optimization off, initTargets).
//      Every call also names
//      the objects live across it (ObjectLiveness) as deopt values, which
//      its statepoint records as Direct locations. Objects are 8-byte
//      aligned, so that the table can tag them.
//   3. RewriteStatepointsForGC (LLVM) turns every call that is not a GC
//      leaf into a gc.statepoint whose gc-live operands are the Go
//      pointers (address space 1) live across it, each derived pointer
//      with its base, and makes every later use read a gc.relocate. The
//      runtime entry points abi.def flags NoStackMap are leaves
//      (runtime_decls.cpp): frequent calls that seldom stop, such as the
//      write barrier, map reads, hashing, polls and stack growth; a frame
//      stopped in one of them has no map there, and the collector scans
//      it conservatively, which is always safe. LLVM counts a call's
//      operands live across it (a moving collector updates them);
//      DropDeadRelocationsPass removes the ones no later code uses, which
//      the callee owns.
//   4. Shadow slots (shadowSlots, in the same pass). The collector never
//      moves an object, so the relocations go: every use reads the
//      pointer itself, and code generation keeps it in a register or
//      spills it as it would without maps. Each base pointer some call
//      has live gets a frame slot, written right after its definition
//      (which dominates every call it lives across), and the call names
//      the slots of its live bases as deopt values after SlotsMarker,
//      which code generation records as Direct locations. LLVM's own
//      lowering of relocations costs time: values copied around each
//      call in callee-saved registers or spilled and reloaded, an
//      indirect call's target loaded into a register first (iface's loop
//      of two interface calls: 19 instructions an iteration against 11).
//      -gortc-shadow-slots=false keeps it, for comparison: code
//      generation then spills the gc-live values or keeps up to 4 in
//      callee-saved registers (initTargets sets
//      max-registers-for-gc-values and fixup-allow-gcptr-in-csr), and
//      records an Indirect location per spilled value.
//   5. The "gort" strategy's printer (GortStackMapPrinter::emitStackMaps,
//      called once per object in place of LLVM's .llvm_stackmaps) writes
//      one abi::StackMapFunc per function: every offset converted to the
//      frame pointer's (statepoint locations are SP-relative; on x86-64
//      SP = FP + 8 - frame size, on AArch64 the calibration tells), one
//      StackMapCall per return address, the live slots (with
//      relocations, a derived value's and its base's: the collector marks
//      an object from an interior pointer too), and the stack objects
//      live across the call (ObjectLiveness), tagged. The table's section
//      is linked to the function's (SHF_LINK_ORDER, as .stack_sizes is),
//      so --gc-sections keeps a map exactly when it keeps the function.
//      LLVM's own format would name every function of the object from
//      one section and keep them all.
//
// A function the printer cannot describe (a location in a register it
// does not expect, an SP-relative one it cannot convert, a frame of
// dynamic size) gets no table, nor, with relocations, does a function
// with a defer statement (prepareFunction says why): the collector scans
// its frames conservatively, which is always safe since objects do not
// move.
//
// The span. The table gives [SpanLo, SpanHi), words below the frame
// record that the map speaks for: at a call with a map, the collector
// scans only the described slots and objects there. With shadow slots
// (abi::StackMapShadow) the span is all of the frame below the record
// but the outgoing argument area at its bottom (whose size
// prepareFunction bounds, and the flags give): every pointer the frame
// still uses is in a listed slot, so its other words -- spill slots,
// dead slots, the callee-saved registers x86-64 pushes under the record,
// which hold the caller's values -- need no scan, unless the caller has
// no map (runtime/mgcmark.cpp, walkStackFrames, says what it scans).
// With relocations, on AArch64 the span is the same, the callee-saved
// registers being saved above the record; on x86-64 it runs only from
// the lowest described word to the end of the highest, and the rest of
// the frame is scanned conservatively. A frame's described slots outside
// its span (AArch64 may put them in the padding of the saved registers,
// above the record) are skipped by the conservative scan when they are
// dead at the call.
//
// Registers. With shadow slots a register may hold a pointer after its
// last use, which a callee saves: a Go callee under a frame with a map
// is not scanned there, but the runtime's C++ frames are, conservatively.
// runtime.GC is entered through a fence that clears them (runtime/
// asm_*.S, GORT_FENCE). With relocations, code generation may keep a
// live Go pointer in a callee-saved register instead of a slot, which
// the table leaves out: wherever its register ends up in memory, it is a
// word the collector scans conservatively.
//
//===----------------------------------------------------------------------===//

#include "codegen/stack_maps.h"
#include "libgort/abi.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/CodeGen/AsmPrinter.h"
#include "llvm/CodeGen/GCMetadata.h"
#include "llvm/CodeGen/GCMetadataPrinter.h"
#include "llvm/CodeGen/StackMaps.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/GCStrategy.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Statepoint.h"
#include "llvm/MC/MCContext.h"
#include "llvm/MC/MCExpr.h"
#include "llvm/MC/MCSectionELF.h"
#include "llvm/MC/MCStreamer.h"
#include "llvm/MC/MCSymbolELF.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Triple.h"

#include <algorithm>
#include <optional>

using namespace gortc;
using namespace gortc::codegen;

static llvm::cl::opt<bool>
    StackMapsOpt("gortc-stack-maps", llvm::cl::Hidden, llvm::cl::init(true),
                 llvm::cl::desc("Emit precise stack maps for Go functions"));

static llvm::cl::opt<bool> ShadowSlotsOpt(
    "gortc-shadow-slots", llvm::cl::Hidden, llvm::cl::init(true),
    llvm::cl::desc("Keep Go pointers live across calls in frame slots "
                   "written at their definitions instead of relocating them"));

bool codegen::stackMapsEnabled() { return StackMapsOpt; }

namespace {

/// The name of the strategy, for `gc "..."` on Go functions.
constexpr const char StrategyName[] = "gort";
/// The ID of the entry stackmap call that lists a function's stack objects
/// ("GORT"); statepoints have LLVM's default ID.
constexpr uint64_t StackObjectsID = 0x474f5254;
/// The deopt value that separates a statepoint's live stack objects from
/// its live pointer slots (ShadowSlots).
constexpr int64_t SlotsMarker = 0x51075;

//===--- The IR side ------------------------------------------------------===//

/// Whether memory of type T may hold a pointer the collector must see.
bool mayHoldPointer(llvm::Type *T) {
  if (T->isPointerTy())
    return true;
  if (auto *IT = llvm::dyn_cast<llvm::IntegerType>(T))
    return IT->getBitWidth() >= 64;
  if (auto *AT = llvm::dyn_cast<llvm::ArrayType>(T))
    // Bytes are memory of any layout: the objects escape analysis moves
    // into the frame are [N x i8] (stack_alloc.cpp).
    return (AT->getElementType()->isIntegerTy(8) &&
            AT->getNumElements() >= 8) ||
           mayHoldPointer(AT->getElementType());
  if (auto *VT = llvm::dyn_cast<llvm::VectorType>(T))
    return mayHoldPointer(VT->getElementType());
  if (auto *ST = llvm::dyn_cast<llvm::StructType>(T)) {
    for (llvm::Type *E : ST->elements())
      if (mayHoldPointer(E))
        return true;
    return false;
  }
  return false; // floating point, small integers
}

/// The entry block's first instruction after its allocas.
llvm::BasicBlock::iterator afterAllocas(llvm::Function &F) {
  llvm::BasicBlock::iterator At = F.getEntryBlock().getFirstInsertionPt();
  while (llvm::isa<llvm::AllocaInst>(*At))
    ++At;
  return At;
}

/// An identity asm giving Src as a value of type Ty (a Go pointer): an
/// opaque base pointer for the statepoint rewriting, which is no call
/// that can stop (isIdentityAsm recognizes it).
llvm::CallInst *createIdentityAsm(llvm::Value *Src, llvm::Type *Ty,
                                  const llvm::Twine &Name,
                                  llvm::BasicBlock::iterator At) {
  auto *FT = llvm::FunctionType::get(Ty, {Src->getType()}, false);
  auto *Asm = llvm::InlineAsm::get(FT, "", "=r,0", /*hasSideEffects=*/false);
  auto *Call = llvm::CallInst::Create(FT, Asm, {Src}, Name, At);
  Call->addFnAttr(llvm::Attribute::get(Src->getContext(), "gc-leaf-function"));
  Call->setDoesNotAccessMemory();
  return Call;
}

/// Replaces a cast that makes a Go pointer out of something else with an
/// identity asm the statepoint rewriting takes as a base pointer.
void hideCast(llvm::Instruction *I) {
  llvm::CallInst *Call =
      createIdentityAsm(I->getOperand(0), I->getType(), "", I->getIterator());
  Call->takeName(I);
  I->replaceAllUsesWith(Call);
  I->eraseFromParent();
}

/// Makes the statepoint rewriting track plain pointer argument A: a closure
/// context, an equality or hash function's operands, an aggregate passed
/// by reference may point into the heap, and nothing else may hold the
/// object while the callee runs (a closure's caller need not keep the
/// func value). A becomes a Go pointer at the entry (an identity asm, as
/// in hideCast), and each use gets it back through an addrspacecast
/// placed just before it, so that the Go pointer is what lives across
/// the calls in between.
void trackArgument(llvm::Argument &A) {
  llvm::CallInst *Tracked =
      createIdentityAsm(&A, llvm::PointerType::get(A.getContext(), 1),
                        A.getName() + ".gc", afterAllocas(*A.getParent()));
  llvm::SmallVector<llvm::Use *, 8> Uses;
  for (llvm::Use &U : A.uses())
    if (U.getUser() != Tracked)
      Uses.push_back(&U);
  for (llvm::Use *U : Uses) {
    auto *User = llvm::cast<llvm::Instruction>(U->getUser());
    llvm::Instruction *Before = User;
    if (auto *Phi = llvm::dyn_cast<llvm::PHINode>(User))
      Before = Phi->getIncomingBlock(*U)->getTerminator();
    U->set(new llvm::AddrSpaceCastInst(Tracked, A.getType(), A.getName(),
                                       Before->getIterator()));
  }
}

/// Whether CB is an identity asm (createIdentityAsm): the Go
/// pointer it makes is tracked by the statepoints themselves.
bool isIdentityAsm(const llvm::CallBase *CB) {
  return CB->isInlineAsm() && CB->arg_size() == 1 &&
         CB->getType()->isPointerTy() &&
         CB->getType()->getPointerAddressSpace() == 1;
}

/// Whether a call's callee is the runtime's (or anything else not compiled
/// here): a direct call to a declaration. Indirect calls call Go code.
bool callsRuntime(const llvm::CallBase *CB) {
  const llvm::Function *Callee = CB->getCalledFunction();
  return Callee && Callee->isDeclaration();
}

/// Where a function's stack objects are live (gc: a stack object is
/// scanned only when a live pointer reaches it, so that a dead object's
/// stale pointers keep nothing alive). An object is live at a call if
/// code after the call may use its address before a lifetime.start of
/// it (after which its old contents are undefined): a use reachable from
/// the call's return, or the call itself if the callee is the runtime's
/// (which holds the address in registers the collector sees only
/// conservatively). A Go callee that receives the address tracks it as
/// a Go pointer of its own (trackArgument), and any Go pointer made from
/// the address is a statepoint value (hideCast): a live one points into
/// the object, and the collector scans what live pointers reach.
/// "Always" objects are live at every call: an address stored in memory,
/// turned into an integer or given to an inline asm.
class ObjectLiveness {
public:
  ObjectLiveness(llvm::Function &F, llvm::ArrayRef<llvm::AllocaInst *> Objects)
      : Objs(Objects.size()) {
    unsigned N = 0;
    for (llvm::BasicBlock &BB : F)
      Number[&BB] = N++;
    for (size_t I = 0; I < Objects.size(); I++)
      findUses(Objects[I], Objs[I], N);
  }

  /// Whether object I may be used after CB (or by CB, a runtime call).
  bool liveAt(size_t I, llvm::CallBase *CB) const {
    const Object &O = Objs[I];
    if (O.Always)
      return true;
    if (callsRuntime(CB))
      for (llvm::Value *Arg : CB->args())
        if (O.Derived.count(Arg))
          return true;
    return liveAfter(O, CB);
  }

private:
  /// A use of an object, or a lifetime.start of it (Kill).
  struct Event {
    llvm::Instruction *At;
    bool Kill;
  };
  struct Object {
    bool Always = false;
    /// The address and the plain pointers computed from it.
    llvm::SmallPtrSet<llvm::Value *, 8> Derived;
    /// The events by block, in order (a phi's use is at the end of its
    /// incoming block).
    llvm::DenseMap<llvm::BasicBlock *, llvm::SmallVector<Event, 2>> Events;
    /// Blocks from whose entry (LiveIn) or exit (LiveOut) a use is
    /// reachable without a kill before it.
    llvm::BitVector LiveIn, LiveOut;
  };
  llvm::DenseMap<const llvm::BasicBlock *, unsigned> Number;
  std::vector<Object> Objs;

  bool liveAfter(const Object &O, llvm::CallBase *CB) const {
    llvm::BasicBlock *BB = CB->getParent();
    auto It = O.Events.find(BB);
    if (It != O.Events.end())
      for (const Event &E : It->second)
        if (E.At != CB && CB->comesBefore(E.At))
          return !E.Kill; // the first event after the call decides
    return O.LiveOut[Number.lookup(BB)];
  }

  void findUses(llvm::AllocaInst *AI, Object &O, unsigned NumBlocks) {
    O.LiveIn.resize(NumBlocks);
    O.LiveOut.resize(NumBlocks);
    llvm::SmallVector<llvm::Value *, 8> Work = {AI};
    O.Derived.insert(AI);
    while (!Work.empty() && !O.Always) {
      llvm::Value *V = Work.pop_back_val();
      for (llvm::Use &U : V->uses()) {
        auto *I = llvm::cast<llvm::Instruction>(U.getUser());
        llvm::Instruction *At = I;
        if (auto *Phi = llvm::dyn_cast<llvm::PHINode>(I))
          At = Phi->getIncomingBlock(U)->getTerminator();
        if (I->isLifetimeStartOrEnd()) {
          // An end marks no access; a start, that nothing before it is
          // read after it.
          if (llvm::cast<llvm::IntrinsicInst>(I)->getIntrinsicID() ==
              llvm::Intrinsic::lifetime_start)
            O.Events[At->getParent()].push_back({At, true});
          continue;
        }
        O.Events[At->getParent()].push_back({At, false});
        bool Derives = false;
        if (llvm::isa<llvm::GetElementPtrInst>(I) ||
            llvm::isa<llvm::BitCastInst>(I) || llvm::isa<llvm::PHINode>(I) ||
            llvm::isa<llvm::SelectInst>(I) ||
            (llvm::isa<llvm::AddrSpaceCastInst>(I) &&
             I->getType()->getPointerAddressSpace() == 0)) {
          Derives = true;
        } else if (auto *SI = llvm::dyn_cast<llvm::StoreInst>(I)) {
          O.Always |= SI->getValueOperand() == V;
        } else if (auto *CB = llvm::dyn_cast<llvm::CallBase>(I)) {
          if (CB->isInlineAsm())
            O.Always |= !isIdentityAsm(CB);
          else
            Derives = CB->getType()->isPointerTy() &&
                      CB->getType()->getPointerAddressSpace() == 0;
        } else if (!llvm::isa<llvm::LoadInst>(I) &&
                   !llvm::isa<llvm::ICmpInst>(I)) {
          O.Always = true; // ptrtoint, an atomic's operand, ...
        }
        if (Derives && O.Derived.insert(I).second)
          Work.push_back(I);
      }
    }
    // Each block's events in order; a block whose first event is a use
    // is live on entry. Then backwards: a predecessor of a block live on
    // entry is live on exit, and on entry too if it has no events.
    llvm::SmallVector<llvm::BasicBlock *, 16> Blocks;
    for (auto &[BB, Es] : O.Events) {
      llvm::sort(Es, [](const Event &A, const Event &B) {
        return A.At != B.At && A.At->comesBefore(B.At);
      });
      if (!Es.front().Kill) {
        O.LiveIn.set(Number[BB]);
        Blocks.push_back(BB);
      }
    }
    while (!Blocks.empty()) {
      llvm::BasicBlock *BB = Blocks.pop_back_val();
      for (llvm::BasicBlock *Pred : llvm::predecessors(BB)) {
        unsigned P = Number[Pred];
        O.LiveOut.set(P);
        if (!O.LiveIn.test(P) && !O.Events.count(Pred)) {
          O.LiveIn.set(P);
          Blocks.push_back(Pred);
        }
      }
    }
  }
};

/// The paths to the scalar fields of aggregate type T (struct or array),
/// and whether one is a Go pointer. False if T has more than MaxFields.
bool aggregateFields(llvm::Type *T, llvm::SmallVectorImpl<unsigned> &Path,
                     llvm::SmallVectorImpl<llvm::SmallVector<unsigned, 2>> &Out,
                     bool &HasGoPointer) {
  constexpr size_t MaxFields = 64;
  if (auto *ST = llvm::dyn_cast<llvm::StructType>(T)) {
    for (unsigned I = 0; I < ST->getNumElements(); I++) {
      Path.push_back(I);
      bool OK = aggregateFields(ST->getElementType(I), Path, Out, HasGoPointer);
      Path.pop_back();
      if (!OK)
        return false;
    }
    return true;
  }
  if (auto *AT = llvm::dyn_cast<llvm::ArrayType>(T)) {
    if (AT->getNumElements() > MaxFields)
      return false;
    for (unsigned I = 0; I < AT->getNumElements(); I++) {
      Path.push_back(I);
      bool OK = aggregateFields(AT->getElementType(), Path, Out, HasGoPointer);
      Path.pop_back();
      if (!OK)
        return false;
    }
    return true;
  }
  if (T->isPointerTy() && T->getPointerAddressSpace() == 1)
    HasGoPointer = true;
  Out.emplace_back(Path.begin(), Path.end());
  return Out.size() <= MaxFields;
}

/// Whether a call that may become a statepoint lies between From and To,
/// in one block (From before To); true if that is not known cheaply.
bool callBetween(llvm::Instruction *From, llvm::Instruction *To) {
  if (From->getParent() != To->getParent() || !From->comesBefore(To))
    return true;
  unsigned Budget = 64;
  for (llvm::Instruction *I = From->getNextNode(); I != To;
       I = I->getNextNode()) {
    if (--Budget == 0)
      return true;
    if (auto *CB = llvm::dyn_cast<llvm::CallBase>(I))
      if (!CB->isInlineAsm() && !llvm::isa<llvm::IntrinsicInst>(CB))
        return true;
  }
  return false;
}

/// Makes the Go pointers inside aggregate values visible to the statepoint
/// rewriting, which tracks pointers and vectors of them but not the
/// structs that carry slices, strings and interfaces ({ptr addrspace(1),
/// i64, i64}...): such a value live across a call would otherwise have
/// its pointer in no map. Each aggregate value is taken apart right after
/// its definition (extractvalue of every scalar field), and put together
/// again just before each use that a call may separate from it, so that
/// its fields, the Go pointers among them, are what lives across calls.
/// Code generation splits aggregates into their fields anyway: the
/// extracts and inserts cost nothing.
void trackAggregates(llvm::Function &F) {
  llvm::SmallVector<llvm::Value *, 16> Values;
  for (llvm::Argument &A : F.args())
    Values.push_back(&A);
  for (llvm::Instruction &I : llvm::instructions(F))
    Values.push_back(&I);
  for (llvm::Value *V : Values) {
    llvm::Type *T = V->getType();
    if (!T->isStructTy() && !T->isArrayTy())
      continue;
    llvm::SmallVector<unsigned, 4> Path;
    llvm::SmallVector<llvm::SmallVector<unsigned, 2>, 8> Fields;
    bool HasGoPointer = false;
    if (!aggregateFields(T, Path, Fields, HasGoPointer) || !HasGoPointer)
      continue;
    // The uses a call may separate from the definition (all of an
    // argument's).
    auto *Def = llvm::dyn_cast<llvm::Instruction>(V);
    llvm::SmallVector<llvm::Use *, 8> Far;
    for (llvm::Use &U : V->uses()) {
      auto *User = llvm::cast<llvm::Instruction>(U.getUser());
      llvm::Instruction *At = User;
      if (auto *Phi = llvm::dyn_cast<llvm::PHINode>(User))
        At = Phi->getIncomingBlock(U)->getTerminator();
      if (!Def || callBetween(Def, At))
        Far.push_back(&U);
    }
    if (Far.empty())
      continue;
    // The fields, right after the definition.
    llvm::BasicBlock::iterator After;
    if (!Def)
      After = afterAllocas(F);
    else if (llvm::isa<llvm::PHINode>(Def))
      After = Def->getParent()->getFirstInsertionPt();
    else if (auto *Inv = llvm::dyn_cast<llvm::InvokeInst>(Def))
      After = Inv->getNormalDest()->getFirstInsertionPt();
    else
      After = std::next(Def->getIterator());
    llvm::IRBuilder<> B(After->getParent(), After);
    llvm::SmallVector<llvm::Value *, 8> Parts;
    for (const auto &P : Fields)
      Parts.push_back(B.CreateExtractValue(V, P));
    // A phi names a predecessor once per edge (a switch's cases), and
    // must get one value for it.
    llvm::DenseMap<llvm::Instruction *, llvm::Value *> AtTerminator;
    for (llvm::Use *U : Far) {
      auto *User = llvm::cast<llvm::Instruction>(U->getUser());
      llvm::Instruction *Before = User;
      if (auto *Phi = llvm::dyn_cast<llvm::PHINode>(User))
        Before = Phi->getIncomingBlock(*U)->getTerminator();
      llvm::Value *&Agg = AtTerminator[Before];
      if (!Agg || !llvm::isa<llvm::PHINode>(User)) {
        llvm::IRBuilder<> UB(Before);
        Agg = llvm::PoisonValue::get(T);
        for (size_t I = 0; I < Fields.size(); I++)
          Agg = UB.CreateInsertValue(Agg, Parts[I], Fields[I]);
      }
      U->set(Agg);
    }
  }
}

/// Steps 1 and 2 for F. False if F cannot have a map: it is then left
/// without a strategy, and scanned conservatively.
bool prepareFunction(llvm::Function &F) {
  // A function with a defer statement calls gort_deferproc or
  // gort_deferprocopen, which return a second time when a panic is
  // recovered. With relocations, such a call's relocated values would be
  // reloaded after the second return from spill slots that later
  // statepoints reuse (test/lit/run/defer_stress.go), so such functions
  // get no map then. Shadow slots are written where their values are
  // defined, before the first return, and no later call rewrites them.
  if (F.callsFunctionThatReturnsTwice() && !ShadowSlotsOpt)
    return false;
  trackAggregates(F);
  const llvm::DataLayout &DL = F.getParent()->getDataLayout();
  llvm::LLVMContext &Ctx = F.getContext();
  llvm::SmallVector<llvm::AllocaInst *, 8> Objects;
  llvm::SmallVector<llvm::Instruction *, 8> Casts;
  // The calls that may become statepoints (hideCast and trackArgument
  // add only leaves).
  llvm::SmallVector<llvm::CallBase *, 16> Calls;
  // A bound on the outgoing argument area: at most 8 bytes for each
  // argument of a call past the 8 argument registers of AArch64 (every
  // argument is a scalar of at most 8 bytes; aggregates go by reference).
  uint64_t OutArgs = 0;
  bool X86 = llvm::Triple(F.getParent()->getTargetTriple()).getArch() ==
             llvm::Triple::x86_64;
  for (llvm::BasicBlock &BB : F)
    for (llvm::Instruction &I : BB) {
      if (auto *AI = llvm::dyn_cast<llvm::AllocaInst>(&I)) {
        if (!AI->isStaticAlloca())
          return false;
        if (mayHoldPointer(AI->getAllocatedType())) {
          // A call's live objects are tagged offsets (abi::StackMapCall).
          AI->setAlignment(std::max(AI->getAlign(), llvm::Align(8)));
          Objects.push_back(AI);
        }
      } else if (auto *CB = llvm::dyn_cast<llvm::CallBase>(&I)) {
        // x86-64 has 6 integer argument registers: a bound there too.
        unsigned InRegs = X86 ? 6 : 8;
        if (!CB->isInlineAsm() && CB->arg_size() > InRegs)
          OutArgs = std::max<uint64_t>(OutArgs, 8 * (CB->arg_size() - InRegs));
        if (CB->isInlineAsm() || CB->isMustTailCall())
          CB->addFnAttr(llvm::Attribute::get(Ctx, "gc-leaf-function"));
        else if (!llvm::isa<llvm::IntrinsicInst>(CB) &&
                 !CB->hasFnAttr("gc-leaf-function"))
          Calls.push_back(CB);
      } else if ((llvm::isa<llvm::AddrSpaceCastInst>(I) ||
                  llvm::isa<llvm::IntToPtrInst>(I)) &&
                 I.getType()->getPointerAddressSpace() == 1) {
        Casts.push_back(&I);
      }
    }
  for (llvm::Instruction *I : Casts)
    hideCast(I);
  for (llvm::Argument &A : F.args())
    if (A.getType()->isPointerTy() &&
        A.getType()->getPointerAddressSpace() == 0 && !A.use_empty())
      trackArgument(A);
  F.setGC(StrategyName);
  // Without calls that may become statepoints the function gets no
  // table, and needs neither objects nor calibration.
  if (Calls.empty())
    return true;
  // On AArch64, a calibration object: the first stack object, or an
  // alloca of its own listed with size 0. Each call names it first among
  // its deopt values, which its statepoint records SP-relative, while the
  // entry's stackmap records it FP-relative (the printer's
  // CallFPMinusSP). x86-64 needs none: SP = FP + 8 - frame size at every
  // call (initTargets turns off the call frame optimization, which would
  // push a call's stack arguments and move SP around it).
  llvm::BasicBlock &Entry = F.getEntryBlock();
  llvm::AllocaInst *Calib = nullptr;
  if (!X86) {
    if (Objects.empty()) {
      llvm::IRBuilder<> AB(&Entry, Entry.begin());
      Calib = AB.CreateAlloca(AB.getInt64Ty(), nullptr, "stackmap.calib");
    } else {
      Calib = Objects.front();
    }
  }
  ObjectLiveness Liveness(F, Objects);
  llvm::IRBuilder<> B(&Entry, afterAllocas(F));
  llvm::SmallVector<llvm::Value *, 16> Args = {B.getInt64(StackObjectsID),
                                               B.getInt32(0)};
  if (!X86 || ShadowSlotsOpt) {
    // On AArch64, and on x86-64 with shadow slots, the map speaks for the
    // whole frame below the record but its outgoing argument area, whose
    // size comes first (OutArgs).
    Args.push_back(B.getInt64((OutArgs + 15) & ~uint64_t(15)));
  }
  if (Calib && Objects.empty()) {
    Args.push_back(Calib);
    Args.push_back(B.getInt64(0));
  }
  for (llvm::AllocaInst *AI : Objects) {
    Args.push_back(AI);
    Args.push_back(B.getInt64(*AI->getAllocationSize(DL)));
  }
  if (Args.size() > 2)
    B.CreateIntrinsic(llvm::Intrinsic::experimental_stackmap, {}, Args);
  // Each call's deopt values: the calibration object, then the objects
  // live across the call, which its statepoint records as Direct
  // locations (their addresses). All are found before any call is
  // replaced.
  std::vector<llvm::SmallVector<llvm::Value *, 4>> Deopts(Calls.size());
  for (size_t C = 0; C < Calls.size(); C++) {
    if (Calib)
      Deopts[C].push_back(Calib);
    for (size_t I = 0; I < Objects.size(); I++)
      if (Liveness.liveAt(I, Calls[C]))
        Deopts[C].push_back(Objects[I]);
  }
  for (size_t C = 0; C < Calls.size(); C++) {
    if (Deopts[C].empty())
      continue;
    llvm::CallBase *CB = Calls[C];
    llvm::OperandBundleDef Deopt("deopt", Deopts[C]);
    llvm::CallBase *New = llvm::CallBase::addOperandBundle(
        CB, llvm::LLVMContext::OB_deopt, Deopt, CB->getIterator());
    New->takeName(CB);
    CB->replaceAllUsesWith(New);
    CB->eraseFromParent();
  }
  return true;
}

//===--- The strategy and its printer -------------------------------------===//

class GortGC : public llvm::GCStrategy {
public:
  GortGC() {
    UseStatepoints = true;
    UseRS4GC = true;
    UsesMetadata = true; // so that the AsmPrinter asks for our printer
  }
  std::optional<bool> isGCManagedPointer(const llvm::Type *Ty) const override {
    if (!Ty->isPtrOrPtrVectorTy())
      return false;
    return Ty->getScalarType()->getPointerAddressSpace() == 1;
  }
};

/// One function's table before it is written.
struct Table {
  struct Call {
    const llvm::MCExpr *RetOff;
    uint16_t FirstSlot, NumSlots;
  };
  llvm::SmallVector<Call, 16> Calls;
  llvm::SmallVector<gort::abi::StackMapObject, 8> Objects;
  llvm::SmallVector<int32_t, 32> Slots;
  int32_t SpanLo = 0, SpanHi = 0;
  uint16_t Flags = 0;
};

class GortStackMapPrinter : public llvm::GCMetadataPrinter {
public:
  bool emitStackMaps(llvm::StackMaps &SM, llvm::AsmPrinter &AP) override;

private:
  bool X86 = false;
  /// The FP-relative offset of a location at Reg+Off, given FPMinusSP;
  /// false if the runtime could not find it.
  bool frameOffset(unsigned Reg, int64_t Off, std::optional<int64_t> FPMinusSP,
                   int32_t &Out) const;
  bool buildTable(llvm::ArrayRef<llvm::StackMaps::CallsiteInfo> Records,
                  uint64_t StackSize, Table &T) const;
  void emitTable(const llvm::MCSymbol *Fn, const Table &T,
                 llvm::AsmPrinter &AP) const;
};

bool GortStackMapPrinter::frameOffset(unsigned Reg, int64_t Off,
                                      std::optional<int64_t> FPMinusSP,
                                      int32_t &Out) const {
  // DWARF register numbers: x86-64 rbp 6, rsp 7; AArch64 x29 29, sp 31.
  unsigned FP = X86 ? 6 : 29, SP = X86 ? 7 : 31;
  int64_t R;
  if (Reg == FP)
    R = Off;
  else if (Reg == SP && FPMinusSP)
    R = Off - *FPMinusSP;
  else
    return false;
  if (R % 8 != 0 || R < INT32_MIN || R > INT32_MAX)
    return false;
  Out = int32_t(R);
  return true;
}

bool GortStackMapPrinter::buildTable(
    llvm::ArrayRef<llvm::StackMaps::CallsiteInfo> Records, uint64_t StackSize,
    Table &T) const {
  using Location = llvm::StackMaps::Location;
  unsigned FP = X86 ? 6 : 29, SP = X86 ? 7 : 31;
  // The distance from SP to FP at a call. x86-64 pushes the frame record
  // first: SP = FP + 8 - frame size. On AArch64 it comes from the
  // calibration object (prepareFunction), whose address the entry's
  // stackmap records FP-relative and each statepoint SP-relative.
  std::optional<int64_t> FPMinusSP, CalibFP;
  if (X86 && StackSize != UINT64_MAX)
    FPMinusSP = int64_t(StackSize) - 8;
  for (const llvm::StackMaps::CallsiteInfo &CSI : Records)
    if (!X86 && CSI.ID == StackObjectsID && CSI.Locations.size() > 1 &&
        CSI.Locations[1].Type == Location::Direct && CSI.Locations[1].Reg == FP)
      CalibFP = CSI.Locations[1].Offset; // after the outgoing area's size
  auto CallFPMinusSP =
      [&](const llvm::StackMaps::LocationVec &Locs) -> std::optional<int64_t> {
    if (X86)
      return FPMinusSP;
    if (!CalibFP || Locs.size() < 4 || Locs[2].Type != Location::Constant ||
        Locs[2].Offset < 1 || Locs[3].Type != Location::Direct ||
        Locs[3].Reg != SP)
      return std::nullopt;
    return Locs[3].Offset - *CalibFP;
  };
  if (!X86)
    for (const llvm::StackMaps::CallsiteInfo &CSI : Records)
      if (CSI.ID != StackObjectsID &&
          (FPMinusSP = CallFPMinusSP(CSI.Locations)))
        break;
  bool Any = false;
  auto Cover = [&](int32_t Lo, int32_t Hi) {
    if (Lo >= 0)
      return; // an incoming argument's slot, in the caller's frame
    T.SpanLo = Any ? std::min(T.SpanLo, Lo) : Lo;
    T.SpanHi = Any ? std::max(T.SpanHi, Hi) : Hi;
    Any = true;
  };
  for (const llvm::StackMaps::CallsiteInfo &CSI : Records) {
    const auto &Locs = CSI.Locations;
    if (CSI.ID == StackObjectsID) {
      size_t First = 0;
      if (!X86 || ShadowSlotsOpt) {
        // The outgoing argument area's size, then the objects. The span
        // is everything between that area and the frame record: AArch64
        // saves the callee-saved registers above the record, so the rest
        // below it are the function's locals and spill slots, dead or
        // described at a call with a map.
        if (Locs.empty() || Locs[0].Type != Location::Constant || !FPMinusSP)
          return false;
        int64_t Lo = Locs[0].Offset - *FPMinusSP;
        if (Lo < 0)
          Cover(int32_t(Lo), 0);
        if (ShadowSlotsOpt) {
          if (Locs[0].Offset / 8 > 0x7fff)
            return false;
          T.Flags =
              uint16_t(gort::abi::StackMapShadow | (Locs[0].Offset / 8) << 1);
        }
        First = 1;
      }
      if ((Locs.size() - First) % 2 != 0)
        return false;
      for (size_t I = First; I < Locs.size(); I += 2) {
        int32_t Off;
        if (Locs[I].Type != Location::Direct ||
            Locs[I + 1].Type != Location::Constant ||
            !frameOffset(Locs[I].Reg, Locs[I].Offset, FPMinusSP, Off))
          return false;
        uint32_t Size = uint32_t(Locs[I + 1].Offset);
        if (Size == 0)
          continue; // the calibration object alone
        T.Objects.push_back({Off, Size});
        Cover(Off, Off + int32_t((Size + 7) & ~7u));
      }
      continue;
    }
    // A statepoint: calling convention, flags, deopt count, the deopt
    // values, then (base, derived) pairs.
    if (Locs.size() < 3 || Locs[2].Type != Location::Constant)
      return false;
    size_t First = 3 + size_t(Locs[2].Offset);
    if (First > Locs.size() || (Locs.size() - First) % 2 != 0)
      return false;
    std::optional<int64_t> AtCall = CallFPMinusSP(Locs);
    if (!AtCall)
      return false;
    llvm::SmallVector<int32_t, 8> Live;
    // The deopt values after the calibration object: the stack objects
    // live across the call, tagged. Each must be one of the entry's, as a
    // check of the distance from SP to FP at the call.
    bool InSlots = false;
    for (size_t I = X86 ? 3 : 4; I < First; I++) {
      int32_t Off;
      if (Locs[I].Type == Location::Constant && Locs[I].Offset == SlotsMarker) {
        InSlots = true;
        continue;
      }
      if (InSlots) {
        // A pointer slot written where its value is defined.
        if (Locs[I].Type != Location::Direct ||
            !frameOffset(Locs[I].Reg, Locs[I].Offset, AtCall, Off))
          return false;
        Live.push_back(Off);
        continue;
      }
      if (Locs[I].Type != Location::Direct ||
          !frameOffset(Locs[I].Reg, Locs[I].Offset, AtCall, Off) ||
          llvm::none_of(T.Objects, [&](const gort::abi::StackMapObject &O) {
            return O.Off == Off;
          }))
        return false;
      Live.push_back(Off | 1);
    }
    for (size_t I = First; I < Locs.size(); I += 2) {
      // Both: the base keeps the object, and the derived pointer's slot
      // is then described, so that the collector skips it once it is dead
      // instead of scanning it conservatively.
      for (const Location &L : {Locs[I], Locs[I + 1]}) {
        if (L.Type == Location::Constant || L.Type == Location::ConstantIndex)
          continue; // null, or a constant address
        if (L.Type == Location::Register)
          continue; // a callee-saved register: see "Registers" above
        int32_t Off;
        if (L.Type != Location::Indirect || L.Size != 8 ||
            !frameOffset(L.Reg, L.Offset, AtCall, Off))
          return false;
        Live.push_back(Off);
      }
    }
    llvm::sort(Live);
    Live.erase(std::unique(Live.begin(), Live.end()), Live.end());
    if (T.Slots.size() + Live.size() > UINT16_MAX)
      return false;
    T.Calls.push_back(
        {CSI.CSOffsetExpr, uint16_t(T.Slots.size()), uint16_t(Live.size())});
    for (int32_t Off : Live) {
      T.Slots.push_back(Off);
      if (!(Off & 1))
        Cover(Off, Off + 8);
    }
  }
  return T.Calls.size() <= UINT16_MAX && T.Objects.size() <= UINT16_MAX;
}

void GortStackMapPrinter::emitTable(const llvm::MCSymbol *Fn, const Table &T,
                                    llvm::AsmPrinter &AP) const {
  llvm::MCContext &Ctx = AP.OutContext;
  llvm::MCStreamer &OS = *AP.OutStreamer;
  // The section: linked to the function's, in its group if it has one
  // (as TargetLoweringObjectFileELF::getStackSizesSection does).
  const auto &Text = llvm::cast<llvm::MCSectionELF>(Fn->getSection());
  unsigned Flags = llvm::ELF::SHF_ALLOC | llvm::ELF::SHF_LINK_ORDER;
  llvm::StringRef Group;
  if (const llvm::MCSymbol *G = Text.getGroup()) {
    Group = G->getName();
    Flags |= llvm::ELF::SHF_GROUP;
  }
  OS.switchSection(
      Ctx.getELFSection(gort::abi::StackMapSection, llvm::ELF::SHT_PROGBITS,
                        Flags, 0, Group, true, Text.getUniqueID(),
                        llvm::cast<llvm::MCSymbolELF>(Text.getBeginSymbol())));
  OS.emitValueToAlignment(llvm::Align(4));
  llvm::MCSymbol *Here = Ctx.createTempSymbol();
  OS.emitLabel(Here);
  OS.emitValue(llvm::MCBinaryExpr::createSub(
                   llvm::MCSymbolRefExpr::create(Fn, Ctx),
                   llvm::MCSymbolRefExpr::create(Here, Ctx), Ctx),
               4);
  OS.emitInt16(uint16_t(T.Calls.size()));
  OS.emitInt16(uint16_t(T.Objects.size()));
  OS.emitInt16(uint16_t(T.Slots.size()));
  OS.emitInt16(T.Flags);
  OS.emitInt32(uint32_t(T.SpanLo));
  OS.emitInt32(uint32_t(T.SpanHi));
  for (const Table::Call &C : T.Calls) {
    OS.emitValue(C.RetOff, 4);
    OS.emitInt16(C.FirstSlot);
    OS.emitInt16(C.NumSlots);
  }
  for (const gort::abi::StackMapObject &O : T.Objects) {
    OS.emitInt32(uint32_t(O.Off));
    OS.emitInt32(O.Size);
  }
  for (int32_t Off : T.Slots)
    OS.emitInt32(uint32_t(Off));
}

bool GortStackMapPrinter::emitStackMaps(llvm::StackMaps &SM,
                                        llvm::AsmPrinter &AP) {
  X86 = AP.TM.getTargetTriple().getArch() == llvm::Triple::x86_64;
  llvm::ArrayRef<llvm::StackMaps::CallsiteInfo> All = SM.getCSInfos();
  size_t Next = 0;
  // A function's records are consecutive, in the order of FnInfos.
  for (const auto &[Fn, Info] : SM.getFnInfos()) {
    llvm::ArrayRef<llvm::StackMaps::CallsiteInfo> Records =
        All.slice(Next, Info.RecordCount);
    Next += Info.RecordCount;
    Table T;
    if (buildTable(Records, Info.StackSize, T) && !T.Calls.empty())
      emitTable(Fn, T, AP);
  }
  SM.getCSInfos().clear();
  return true;
}

} // namespace

llvm::PreservedAnalyses StackMapPrepPass::run(llvm::Module &M,
                                              llvm::ModuleAnalysisManager &) {
  for (llvm::Function &F : M)
    if (!F.isDeclaration())
      prepareFunction(F);
  return llvm::PreservedAnalyses::none();
}

/// DropDeadRelocationsPass for one statepoint: the gc-live values that
/// no used gc.relocate names (as its value or its base) go. Returns the
/// statepoint that stands in SP's place (SP, or one that replaced it).
static llvm::GCStatepointInst *dropDeadRelocations(llvm::GCStatepointInst *SP) {
  std::optional<llvm::OperandBundleUse> Live =
      SP->getOperandBundle(llvm::LLVMContext::OB_gc_live);
  if (!Live || Live->Inputs.empty())
    return SP;
  size_t N = Live->Inputs.size();
  llvm::SmallVector<llvm::GCRelocateInst *, 8> Relocates;
  llvm::BitVector Needed(N);
  for (llvm::User *U : SP->users())
    if (auto *R = llvm::dyn_cast<llvm::GCRelocateInst>(U)) {
      Relocates.push_back(R);
      if (!R->use_empty()) {
        Needed.set(R->getBasePtrIndex());
        Needed.set(R->getDerivedPtrIndex());
      }
    }
  if (Needed.all())
    return SP;
  llvm::SmallVector<llvm::Value *, 8> Kept;
  llvm::SmallVector<unsigned, 8> NewIndex(N, 0);
  for (size_t I = 0; I < N; I++)
    if (Needed[I]) {
      NewIndex[I] = unsigned(Kept.size());
      Kept.push_back(Live->Inputs[I]);
    }
  llvm::SmallVector<llvm::OperandBundleDef, 2> Bundles;
  SP->getOperandBundlesAsDefs(Bundles);
  for (llvm::OperandBundleDef &B : Bundles)
    if (B.getTag() == "gc-live")
      B = llvm::OperandBundleDef("gc-live", Kept);
  llvm::CallBase *New = llvm::CallBase::Create(SP, Bundles, SP->getIterator());
  New->takeName(SP);
  SP->replaceAllUsesWith(New);
  SP->eraseFromParent();
  llvm::Type *I32 = llvm::Type::getInt32Ty(New->getContext());
  for (llvm::GCRelocateInst *R : Relocates) {
    if (R->use_empty()) {
      R->eraseFromParent();
      continue;
    }
    R->setArgOperand(
        1, llvm::ConstantInt::get(I32, NewIndex[R->getBasePtrIndex()]));
    R->setArgOperand(
        2, llvm::ConstantInt::get(I32, NewIndex[R->getDerivedPtrIndex()]));
  }
  return llvm::cast<llvm::GCStatepointInst>(New);
}

/// The value a chain of relocations stands for.
static llvm::Value *unrelocated(llvm::Value *V) {
  while (auto *R = llvm::dyn_cast<llvm::GCRelocateInst>(V))
    V = R->getDerivedPtr();
  return V;
}

/// Shadow slots for one function: every base pointer some statepoint
/// relocates gets a frame slot, written right after its definition; each
/// statepoint names the slots of its live bases as deopt values (after
/// SlotsMarker), which code generation records as Direct locations, and
/// its relocations give way to the values themselves, which may then stay
/// in registers across the call as in code without maps. The collector
/// never moves an object, so a value and its slot agree.
static void shadowSlots(llvm::Function &F,
                        llvm::ArrayRef<llvm::GCStatepointInst *> Statepoints) {
  // Each statepoint's live bases, tracked through the replacements below.
  std::vector<llvm::SmallVector<llvm::WeakTrackingVH, 8>> Bases(
      Statepoints.size());
  for (size_t S = 0; S < Statepoints.size(); S++)
    for (llvm::User *U : Statepoints[S]->users())
      if (auto *R = llvm::dyn_cast<llvm::GCRelocateInst>(U))
        if (!R->use_empty())
          Bases[S].push_back(unrelocated(R->getBasePtr()));
  // The relocations give way to the values they stand for.
  for (llvm::GCStatepointInst *SP : Statepoints) {
    llvm::SmallVector<llvm::GCRelocateInst *, 8> Relocates;
    for (llvm::User *U : SP->users())
      if (auto *R = llvm::dyn_cast<llvm::GCRelocateInst>(U))
        Relocates.push_back(R);
    for (llvm::GCRelocateInst *R : Relocates)
      R->replaceAllUsesWith(unrelocated(R->getDerivedPtr()));
    for (llvm::GCRelocateInst *R : Relocates)
      R->eraseFromParent();
  }
  // A value live around a loop was relocated into a phi at its header
  // (the value before the loop, the relocation from the latch); without
  // relocations the phi merges the value with itself. Such phis go, so
  // that the value's slot is written once, where the value is defined,
  // not at every iteration.
  // The identity asms that hid casts from the rewriting (hideCast,
  // trackArgument) are casts again, which code generation folds or
  // rematerializes: the address of a frame object, for one, need not be
  // kept in a register.
  for (llvm::Instruction &I :
       llvm::make_early_inc_range(llvm::instructions(F))) {
    auto *CB = llvm::dyn_cast<llvm::CallBase>(&I);
    if (!CB || !isIdentityAsm(CB) ||
        !llvm::cast<llvm::InlineAsm>(CB->getCalledOperand())
             ->getAsmString()
             .empty())
      continue;
    llvm::Value *Src = CB->getArgOperand(0);
    llvm::Instruction *Cast;
    if (Src->getType()->isPointerTy())
      Cast = new llvm::AddrSpaceCastInst(Src, CB->getType(), "",
                                         CB->getIterator());
    else
      Cast = new llvm::IntToPtrInst(Src, CB->getType(), "", CB->getIterator());
    Cast->takeName(CB);
    CB->replaceAllUsesWith(Cast);
    CB->eraseFromParent();
  }
  llvm::DominatorTree DT(F);
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (llvm::BasicBlock &BB : F)
      for (llvm::PHINode &Phi : llvm::make_early_inc_range(BB.phis())) {
        llvm::Value *Same = nullptr;
        bool Trivial = true;
        for (llvm::Value *In : Phi.incoming_values()) {
          if (In == &Phi || In == Same)
            continue;
          if (Same) {
            Trivial = false;
            break;
          }
          Same = In;
        }
        if (!Trivial || !Same)
          continue;
        if (auto *I = llvm::dyn_cast<llvm::Instruction>(Same))
          if (!DT.dominates(I, &Phi))
            continue;
        Phi.replaceAllUsesWith(Same);
        Phi.eraseFromParent();
        Changed = true;
      }
  }
  // A slot per pointer, one per lane of a vector of pointers.
  llvm::DenseMap<llvm::Value *, llvm::SmallVector<llvm::AllocaInst *, 1>> Slots;
  llvm::SmallVector<llvm::Value *, 16> Order;
  std::vector<llvm::SmallVector<llvm::AllocaInst *, 8>> Live(
      Statepoints.size());
  llvm::IRBuilder<> AB(&F.getEntryBlock(), F.getEntryBlock().begin());
  for (size_t S = 0; S < Statepoints.size(); S++)
    for (llvm::Value *Base : Bases[S]) {
      if (!Base || llvm::isa<llvm::Constant>(Base))
        continue;
      auto [It, New] = Slots.try_emplace(Base);
      if (New) {
        llvm::Type *Ty = Base->getType()->getScalarType();
        unsigned Lanes = 1;
        if (auto *VT = llvm::dyn_cast<llvm::FixedVectorType>(Base->getType()))
          Lanes = VT->getNumElements();
        for (unsigned L = 0; L < Lanes; L++)
          It->second.push_back(
              AB.CreateAlloca(Ty, nullptr, Base->getName() + ".slot"));
        Order.push_back(Base);
      }
      for (llvm::AllocaInst *Slot : It->second)
        if (!llvm::is_contained(Live[S], Slot))
          Live[S].push_back(Slot);
    }
  // Each slot is written where its value is defined, which dominates
  // every call across which it lives.
  for (llvm::Value *V : Order) {
    llvm::BasicBlock::iterator At;
    if (llvm::isa<llvm::Argument>(V))
      At = afterAllocas(F);
    else if (auto *Phi = llvm::dyn_cast<llvm::PHINode>(V))
      At = Phi->getParent()->getFirstInsertionPt();
    else
      At = std::next(llvm::cast<llvm::Instruction>(V)->getIterator());
    llvm::IRBuilder<> B(At->getParent(), At);
    llvm::ArrayRef<llvm::AllocaInst *> VS = Slots[V];
    if (!V->getType()->isVectorTy()) {
      B.CreateStore(V, VS[0]);
      continue;
    }
    for (unsigned L = 0; L < VS.size(); L++)
      B.CreateStore(B.CreateExtractElement(V, uint64_t(L)), VS[L]);
  }
  llvm::Type *I64 = llvm::Type::getInt64Ty(F.getContext());
  for (size_t S = 0; S < Statepoints.size(); S++) {
    llvm::GCStatepointInst *SP = Statepoints[S];
    llvm::SmallVector<llvm::OperandBundleDef, 2> Bundles, Kept;
    SP->getOperandBundlesAsDefs(Bundles);
    std::vector<llvm::Value *> Deopt;
    for (llvm::OperandBundleDef &B : Bundles) {
      if (B.getTag() == "gc-live")
        continue;
      if (B.getTag() == "deopt") {
        Deopt.assign(B.input_begin(), B.input_end());
        continue;
      }
      Kept.push_back(B);
    }
    if (!Live[S].empty()) {
      Deopt.push_back(llvm::ConstantInt::get(I64, SlotsMarker));
      Deopt.insert(Deopt.end(), Live[S].begin(), Live[S].end());
    }
    if (!Deopt.empty())
      Kept.push_back(llvm::OperandBundleDef("deopt", Deopt));
    llvm::CallBase *New = llvm::CallBase::Create(SP, Kept, SP->getIterator());
    New->takeName(SP);
    SP->replaceAllUsesWith(New);
    SP->eraseFromParent();
  }
}

llvm::PreservedAnalyses
DropDeadRelocationsPass::run(llvm::Module &M, llvm::ModuleAnalysisManager &) {
  for (llvm::Function &F : M) {
    llvm::SmallVector<llvm::GCStatepointInst *, 64> Statepoints;
    for (llvm::Instruction &I : llvm::instructions(F))
      if (auto *SP = llvm::dyn_cast<llvm::GCStatepointInst>(&I))
        Statepoints.push_back(SP);
    for (llvm::GCStatepointInst *&SP : Statepoints)
      SP = dropDeadRelocations(SP);
    if (ShadowSlotsOpt && !Statepoints.empty())
      shadowSlots(F, Statepoints);
  }
  return llvm::PreservedAnalyses::none();
}

void codegen::registerStackMapStrategy() {
  static llvm::GCRegistry::Add<GortGC> Strategy(StrategyName,
                                                "gortc's precise stack maps");
  static llvm::GCMetadataPrinterRegistry::Add<GortStackMapPrinter> Printer(
      StrategyName, "gortc's stack map tables");
}
