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
// How the maps are made. LLVM finds the live pointers itself:
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
//      the entry, turned back just before each use (trackArgument).
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
//      the entry's stackmap records it FP-relative.
//   3. RewriteStatepointsForGC (LLVM) turns every call that is not a GC
//      leaf into a gc.statepoint whose gc-live operands are the Go
//      pointers (address space 1) live across it. Code generation spills
//      them around the call and records, per call, an Indirect location
//      for each: the spill slot's address, SP- or FP-relative. The
//      runtime entry points abi.def flags NoStackMap are leaves
//      (runtime_decls.cpp): frequent calls that seldom stop, such as the
//      write barrier, map reads, hashing, polls and stack growth. Their
//      live pointers stay in registers, and a frame stopped in one of
//      them has no map there: the collector scans it conservatively,
//      which is always safe.
//   4. The "gort" strategy's printer (GortStackMapPrinter::emitStackMaps,
//      called once per object in place of LLVM's .llvm_stackmaps) writes
//      one abi::StackMapFunc per function: every offset converted to the
//      frame pointer's (statepoint slots are SP-relative; on x86-64 SP =
//      FP + 8 - frame size, on AArch64 the calibration tells), one
//      StackMapCall per return address, a base pointer per live value (a
//      derived pointer's object is its base's, which the collector marks
//      from an interior pointer too). The table's section is linked to the
//      function's (SHF_LINK_ORDER, as .stack_sizes is), so --gc-sections keeps
//      a map exactly when it keeps the function. LLVM's own format would name
//      every function of the object from one section and keep them all.
//
// A function with a defer statement gets no table (prepareFunction says
// why), nor does one the printer cannot describe (a location in a
// register, an SP-relative one it cannot convert, a frame of dynamic
// size): the collector scans its frames conservatively, which is always
// safe since objects do not move.
//
// The span. The table gives [SpanLo, SpanHi), words below the frame
// record that the map speaks for: at a call with a map, the collector
// scans only the described slots and objects there, and everything else
// of the frame conservatively. On AArch64 the span is all of the frame
// below the record but the outgoing argument area at its bottom (whose
// size prepareFunction bounds): the callee-saved registers, which hold
// the caller's values, are saved above the record. On x86-64 they are
// pushed right under the record, in a number the table does not know,
// so the span runs only from the lowest described word to the end of
// the highest. A frame's described slots outside its span (AArch64 may
// spill into the padding of the saved registers, above the record) are
// skipped by the conservative scan when they are dead at the call.
//
//===----------------------------------------------------------------------===//

#include "codegen/stack_maps.h"
#include "libgort/abi.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/CodeGen/AsmPrinter.h"
#include "llvm/CodeGen/GCMetadata.h"
#include "llvm/CodeGen/GCMetadataPrinter.h"
#include "llvm/CodeGen/StackMaps.h"
#include "llvm/IR/GCStrategy.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"
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
    StackMapsOpt("gortc-stack-maps", llvm::cl::Hidden, llvm::cl::init(false),
                 llvm::cl::desc("Emit precise stack maps for Go functions"));

bool codegen::stackMapsEnabled() { return StackMapsOpt; }

namespace {

/// The name of the strategy, for `gc "..."` on Go functions.
constexpr const char StrategyName[] = "gort";
/// The ID of the entry stackmap call that lists a function's stack objects
/// ("GORT"); statepoints have LLVM's default ID.
constexpr uint64_t StackObjectsID = 0x474f5254;

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

/// Replaces a cast that makes a Go pointer out of something else with an
/// identity asm the statepoint rewriting takes as a base pointer.
void hideCast(llvm::Instruction *I) {
  llvm::Value *Src = I->getOperand(0);
  auto *FT = llvm::FunctionType::get(I->getType(), {Src->getType()}, false);
  auto *Asm = llvm::InlineAsm::get(FT, "", "=r,0", /*hasSideEffects=*/false);
  auto *Call = llvm::CallInst::Create(FT, Asm, {Src}, "", I->getIterator());
  Call->addFnAttr(llvm::Attribute::get(I->getContext(), "gc-leaf-function"));
  Call->setDoesNotAccessMemory();
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
  llvm::Function &F = *A.getParent();
  llvm::LLVMContext &Ctx = F.getContext();
  llvm::Type *GCPtr = llvm::PointerType::get(Ctx, 1);
  auto *FT = llvm::FunctionType::get(GCPtr, {A.getType()}, false);
  auto *Asm = llvm::InlineAsm::get(FT, "", "=r,0", /*hasSideEffects=*/false);
  auto *Tracked = llvm::CallInst::Create(FT, Asm, {&A}, A.getName() + ".gc",
                                         afterAllocas(F));
  Tracked->addFnAttr(llvm::Attribute::get(Ctx, "gc-leaf-function"));
  Tracked->setDoesNotAccessMemory();
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

/// Steps 1 and 2 for F. False if F cannot have a map: it is then left
/// without a strategy, and scanned conservatively.
bool prepareFunction(llvm::Function &F) {
  // A function with a defer statement calls gort_deferproc or
  // gort_deferprocopen, which return a second time when a panic is
  // recovered. Code generation reuses a statepoint's spill slots for
  // later statepoints, so the values reloaded after the second return
  // would be other calls' (seen in test/lit/run/defer_stress.go).
  if (F.callsFunctionThatReturnsTwice())
    return false;
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
  for (llvm::BasicBlock &BB : F)
    for (llvm::Instruction &I : BB) {
      if (auto *AI = llvm::dyn_cast<llvm::AllocaInst>(&I)) {
        if (!AI->isStaticAlloca())
          return false;
        if (mayHoldPointer(AI->getAllocatedType()))
          Objects.push_back(AI);
      } else if (auto *CB = llvm::dyn_cast<llvm::CallBase>(&I)) {
        if (!CB->isInlineAsm() && CB->arg_size() > 8)
          OutArgs = std::max<uint64_t>(OutArgs, 8 * (CB->arg_size() - 8));
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
  // alloca of its own listed with size 0. Each call names it as a deopt
  // value, which its statepoint records SP-relative, while the entry's
  // stackmap records it FP-relative (the printer's frameOffset). x86-64
  // needs none: SP = FP + 8 - frame size.
  llvm::AllocaInst *Calib = nullptr;
  bool X86 = llvm::Triple(F.getParent()->getTargetTriple()).getArch() ==
             llvm::Triple::x86_64;
  llvm::BasicBlock &Entry = F.getEntryBlock();
  if (!X86) {
    if (Objects.empty()) {
      llvm::IRBuilder<> AB(&Entry, Entry.begin());
      Calib = AB.CreateAlloca(AB.getInt64Ty(), nullptr, "stackmap.calib");
    } else {
      Calib = Objects.front();
    }
  }
  llvm::IRBuilder<> B(&Entry, afterAllocas(F));
  llvm::SmallVector<llvm::Value *, 16> Args = {B.getInt64(StackObjectsID),
                                               B.getInt32(0)};
  if (!X86) {
    // On AArch64 the map speaks for the whole frame below the record but
    // its outgoing argument area, whose size comes first (OutArgs).
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
  if (!Calib)
    return true;
  llvm::Value *CalibV = Calib;
  for (llvm::CallBase *CB : Calls) {
    llvm::OperandBundleDef Deopt("deopt", llvm::ArrayRef(CalibV));
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
  // The distance from SP to FP at the calls. x86-64 pushes the frame
  // record first: SP = FP + 8 - frame size. On AArch64 it is read from
  // the calibration object (prepareFunction), whose address the entry's
  // stackmap records FP-relative and each statepoint SP-relative.
  std::optional<int64_t> FPMinusSP;
  if (X86) {
    if (StackSize != UINT64_MAX)
      FPMinusSP = int64_t(StackSize) - 8;
  } else {
    const Location *AtEntry = nullptr, *AtCall = nullptr;
    for (const llvm::StackMaps::CallsiteInfo &CSI : Records) {
      const auto &Locs = CSI.Locations;
      if (CSI.ID == StackObjectsID && Locs.size() > 1)
        AtEntry = &Locs[1];
      else if (!AtCall && Locs.size() > 3 &&
               Locs[2].Type == Location::Constant && Locs[2].Offset == 1)
        AtCall = &Locs[3];
    }
    if (AtEntry && AtCall && AtEntry->Type == Location::Direct &&
        AtCall->Type == Location::Direct && AtEntry->Reg == FP &&
        AtCall->Reg == SP)
      FPMinusSP = int64_t(AtCall->Offset) - AtEntry->Offset;
  }
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
      if (!X86) {
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
    llvm::SmallVector<int32_t, 8> Live;
    for (size_t I = First; I < Locs.size(); I += 2) {
      const Location &Base = Locs[I];
      if (Base.Type == Location::Constant ||
          Base.Type == Location::ConstantIndex)
        continue; // null
      int32_t Off;
      if (Base.Type != Location::Indirect || Base.Size != 8 ||
          !frameOffset(Base.Reg, Base.Offset, FPMinusSP, Off))
        return false;
      Live.push_back(Off);
    }
    llvm::sort(Live);
    Live.erase(std::unique(Live.begin(), Live.end()), Live.end());
    if (T.Slots.size() + Live.size() > UINT16_MAX)
      return false;
    T.Calls.push_back(
        {CSI.CSOffsetExpr, uint16_t(T.Slots.size()), uint16_t(Live.size())});
    for (int32_t Off : Live) {
      T.Slots.push_back(Off);
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
  OS.emitInt16(0);
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

void codegen::registerStackMapStrategy() {
  static llvm::GCRegistry::Add<GortGC> Strategy(StrategyName,
                                                "gortc's precise stack maps");
  static llvm::GCMetadataPrinterRegistry::Add<GortStackMapPrinter> Printer(
      StrategyName, "gortc's stack map tables");
}
