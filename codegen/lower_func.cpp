//===- codegen/lower_func.cpp - Functions, calls and closures -------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Module setup, function bodies, the Go calling convention (see lower.h),
// function values and closures, method wrappers, and package
// initialization.
//
// Closures: a func value points to a funcval {code, captured...}. Captured
// variables live in heap cells (the checker marks them Captured), and the
// closure holds pointers to the cells, so every function sharing a variable
// sees one copy. A top-level function used as a value gets a static funcval
// {code}; its code ignores the context argument.
//
//===----------------------------------------------------------------------===//

#include "codegen/lower.h"
#include "codegen/stack_check.h"
#include "codegen/write_barrier.h"

#include "libgort/abi.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace gortc;
using namespace gortc::codegen;
using namespace gortc::types;
using namespace gortc::syntax;
using llvm::cast;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;
using llvm::isa;
using llvm::isa_and_nonnull;

//===----------------------------------------------------------------------===//
// Module
//===----------------------------------------------------------------------===//

Lowerer::Lowerer(llvm::LLVMContext &Ctx, types::TypeContext &TCtx,
                 types::Info &Info, const SourceManager &SM,
                 llvm::TargetMachine &TM, const Target &T,
                 DiagnosticEngine &Diags)
    : Ctx(Ctx), TCtx(TCtx), Info(Info), SM(SM), TM(TM), Tgt(T), Diags(Diags) {
  GCPtr = llvm::PointerType::get(Ctx, GCAddrSpace);
  Ptr = llvm::PointerType::get(Ctx, 0);
  I1 = llvm::Type::getInt1Ty(Ctx);
  I8 = llvm::Type::getInt8Ty(Ctx);
  I32 = llvm::Type::getInt32Ty(Ctx);
  I64 = llvm::Type::getInt64Ty(Ctx);
  VoidTy = llvm::Type::getVoidTy(Ctx);
  StringTy = llvm::StructType::get(Ctx, {GCPtr, I64});
  SliceTy = llvm::StructType::get(Ctx, {GCPtr, I64, I64});
  IfaceTy = llvm::StructType::get(Ctx, {Ptr, GCPtr});
}

void Lowerer::internalError(Pos P, const llvm::Twine &Msg) {
  if (!Diags.hasErrors())
    Diags.reportRaw(P, ("internal compiler error: " + Msg).str());
  Failed = true;
}

std::unique_ptr<llvm::Module> Lowerer::run() {
  Mod = std::make_unique<llvm::Module>(Info.Pkg->Path, Ctx);
  Mod->setTargetTriple(Tgt.Triple);
  std::string Layout = TM.createDataLayout().getStringRepresentation();
  Layout += "-ni:1";
  Mod->setDataLayout(Layout);
  DL = &Mod->getDataLayout();
  initDebugInfo();

  // Package-level variables. An imported package's are external: the
  // packages importing it declare them (importedGlobal). A variable
  // //go:linkname'd to another package's symbol, without an initializer
  // of its own, is that package's variable: declared here too.
  llvm::SmallPtrSet<Var *, 8> Initialized;
  for (const Initializer &In : Info.InitOrder)
    Initialized.insert(In.Lhs.begin(), In.Lhs.end());
  for (Var *V : Info.Globals) {
    if (!V->LinkName.empty() && !Initialized.count(V) &&
        symbolPackage(V->LinkName) != Info.Pkg->Path) {
      importedGlobal(V);
      continue;
    }
    llvm::Type *T = getLLVMType(V->type());
    bool Local = (isMainPackage() && V->LinkName.empty()) || V->name() == "_";
    auto *GV = new llvm::GlobalVariable(
        *Mod, T, false,
        Local ? llvm::GlobalValue::InternalLinkage
              : llvm::GlobalValue::ExternalLinkage,
        llvm::Constant::getNullValue(T),
        V->name() == "_" ? Info.Pkg->Path + "._" : globalName(V));
    GV->setAlignment(llvm::Align(std::max<int64_t>(alignOf(V->type()), 1)));
    describeGlobal(GV, V->type());
    Globals[V] = GV;
  }

  for (Func *F : Info.Funcs)
    lowerFunction(F);
  lowerInit();
  // Function literals discovered while lowering (possibly nested).
  while (!PendingLits.empty()) {
    auto [Lit, Fn] = PendingLits.back();
    PendingLits.pop_back();
    FuncLowerer FL(*this, Fn, cast<Signature>(Lit->Type->TV.Ty), Lit);
    llvm::SmallVector<Var *, 8> Params;
    auto *Sig = cast<Signature>(Lit->Type->TV.Ty);
    if (Sig->Params)
      Params.append(Sig->Params->Vars.begin(), Sig->Params->Vars.end());
    FL.lowerBody(Lit->Body, Params, nullptr, Lit->Captures);
  }
  DIB->finalize();
  if (Failed)
    return nullptr;
  emitLinkInfo();
  return std::move(Mod);
}

void Lowerer::initDebugInfo() {
  DIB = std::make_unique<llvm::DIBuilder>(*Mod);
  // Named after the package's first file: the source manager holds every
  // package's files, and an object in the build cache must not depend on
  // which program compiled it first.
  llvm::DIFile *F = !Info.Files.empty()
                        ? getDIFile(Info.Files[0]->Source->pos(0))
                    : SM.files().empty() ? DIB->createFile("<unknown>", "")
                                         : getDIFile(SM.files()[0]->pos(0));
  DICU = DIB->createCompileUnit(llvm::dwarf::DW_LANG_Go, F, "gortc",
                                /*isOptimized=*/true, "", 0, "",
                                llvm::DICompileUnit::LineTablesOnly);
  Mod->addModuleFlag(llvm::Module::Warning, "Debug Info Version",
                     llvm::DEBUG_METADATA_VERSION);
  Mod->addModuleFlag(llvm::Module::Max, "Dwarf Version", 4);
}

llvm::DIFile *Lowerer::getDIFile(Pos P) {
  if (SM.fileOf(P))
    return getDIFile(SM.decode(P).File);
  return getDIFile(SM.files().empty() ? llvm::StringRef("<unknown>")
                                      : SM.files()[0]->name());
}

llvm::DIFile *Lowerer::getDIFile(llvm::StringRef Name) {
  auto It = DIFiles.find(Name);
  if (It != DIFiles.end())
    return It->second;
  // Tracebacks print absolute paths of source files, as gc's; a name that
  // a line directive gives stays as written (gc's trimFilename).
  llvm::SmallString<256> Abs(Name);
  if (llvm::any_of(SM.files(),
                   [&](const auto &F) { return F->name() == Name; }))
    llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  // The whole path as the name: the runtime reads only .debug_line, where a
  // directory index 0 would point into .debug_info.
  llvm::DIFile *F = DIB->createFile(Abs, "");
  DIFiles[Name] = F;
  return F;
}

llvm::DISubprogram *Lowerer::attachSubprogram(llvm::Function *Fn, Pos P) {
  llvm::DIFile *F = getDIFile(P);
  unsigned Line = SM.fileOf(P) ? SM.decode(P).Line : 0;
  llvm::DISubprogram *SP = DIB->createFunction(
      F, Fn->getName(), Fn->getName(), F, Line,
      DIB->createSubroutineType(DIB->getOrCreateTypeArray({})), Line,
      llvm::DINode::FlagZero, llvm::DISubprogram::SPFlagDefinition);
  Fn->setSubprogram(SP);
  return SP;
}

void FuncLowerer::setLoc(Pos P) {
  if (!SP || !L.SM.fileOf(P))
    return;
  LineCol LC = L.SM.decode(P);
  // A line directive may name another file than the function's: its lines
  // are in a DILexicalBlockFile of the function for that file. (File names
  // are strings of the SourceManager, so a pointer compare finds the last
  // one again.)
  if (!LocFileScope || LC.File.data() != LocFileName.data() ||
      LC.File.size() != LocFileName.size()) {
    llvm::DIFile *F = L.getDIFile(LC.File);
    LocFileName = LC.File;
    LocFileScope = F == SP->getFile()
                       ? static_cast<llvm::DIScope *>(SP)
                       : llvm::DILexicalBlockFile::get(L.Ctx, SP, F, 0);
  }
  // No column, as gc's line tables: tracebacks and runtime.Caller use lines
  // only, and a column would start a row of the line table wherever it
  // changes within a line.
  B.SetCurrentDebugLocation(
      llvm::DILocation::get(L.Ctx, LC.Line, 0, LocFileScope));
}

std::string Lowerer::symbolPackage(llvm::StringRef Sym) {
  // "path/to/pkg.Name": the package ends at the first dot after the last
  // slash.
  size_t Slash = Sym.rfind('/');
  size_t Dot = Sym.find('.', Slash == llvm::StringRef::npos ? 0 : Slash);
  return Sym.take_front(Dot).str();
}

std::string Lowerer::globalName(Var *V) {
  if (!V->LinkName.empty())
    return V->LinkName.str();
  return (V->pkg() ? V->pkg()->Path : Info.Pkg->Path) + "." + V->name().str();
}

std::string Lowerer::funcName(Func *F) {
  // gc's symbol names: the package path, a dot, the function's name or
  // the method's receiver type and name; or the //go:linkname'd one.
  std::string Pkg = (F && F->pkg() ? F->pkg()->Path : Info.Pkg->Path) + ".";
  if (!F)
    return Pkg;
  if (!F->LinkName.empty())
    return F->LinkName.str();
  if (F->name() == "init" && !F->sig()->Recv && F->pkg() == Info.Pkg) {
    // init functions are numbered in source order, as gc's init.N.
    for (size_t I = 0; I < Info.Inits.size(); ++I)
      if (Info.Inits[I] == F)
        return Pkg + "init." + std::to_string(I);
  }
  if (Var *R = F->sig()->Recv) {
    Type *RT = R->type();
    if (auto *P = dyn_cast<Pointer>(RT))
      if (auto *N = dyn_cast<Named>(P->Elem))
        return Pkg + "(*" + N->Obj->name().str() + ")." + F->name().str();
    if (auto *N = dyn_cast<Named>(RT))
      return Pkg + N->Obj->name().str() + "." + F->name().str();
  }
  return Pkg + F->name().str();
}

void gortc::codegen::setGoFunctionAttrs(llvm::Function *F) {
  F->addFnAttr(llvm::Attribute::NoUnwind);
  // Every frame stays on the frame-pointer chain: tracebacks show it, and
  // recover() checks its caller's frame (a tail call would replace it).
  F->addFnAttr("frame-pointer", "all");
  F->addFnAttr("disable-tail-calls", "true");
  F->addFnAttr(GoFuncAttr);
}

llvm::Function *Lowerer::createGeneratedFunction(
    const llvm::Twine &Name, llvm::FunctionType *FT,
    llvm::GlobalValue::LinkageTypes Linkage, bool InWrapperSection) {
  auto *F = llvm::Function::Create(FT, Linkage, Name, *Mod);
  setGoFunctionAttrs(F);
  if (InWrapperSection)
    placeInWrapperSection(*F);
  return F;
}

Signature *Lowerer::getNullarySignature() {
  if (!NullarySig) {
    NullarySig = TCtx.make<Signature>();
    NullarySig->Params = TCtx.emptyTuple();
    NullarySig->Results = TCtx.emptyTuple();
  }
  return NullarySig;
}

GeneratedBody::GeneratedBody(Lowerer &L, llvm::Function *F, Signature *Sig)
    : FuncLowerer(L, F, Sig ? Sig : L.getNullarySignature(), nullptr) {
  llvm::BasicBlock *Start = newBlock("start");
  B.CreateBr(Start);
  setBlock(Start);
}

GeneratedBody::~GeneratedBody() { finishBody(); }

llvm::Function *Lowerer::getFunction(Func *F) {
  auto It = Funcs.find(F);
  if (It != Funcs.end())
    return It->second;
  FuncABI A = getABI(F->sig(), true);
  // Functions of other packages (imported ones, or libgort's package
  // runtime) are defined elsewhere. An imported package's own functions,
  // exported or not, are external too: an importer's method tables and
  // promoted-method wrappers may call any of them.
  bool Internal = (!F->pkg() || F->pkg() == Info.Pkg) && isMainPackage() &&
                  F->LinkName.empty();
  auto *Fn =
      llvm::Function::Create(A.FnTy,
                             Internal ? llvm::GlobalValue::InternalLinkage
                                      : llvm::GlobalValue::ExternalLinkage,
                             funcName(F), *Mod);
  setGoFunctionAttrs(Fn);
  if (F->Decl && F->Decl->NoInline) // //go:noinline
    Fn->addFnAttr(llvm::Attribute::NoInline);
  Funcs[F] = Fn;
  return Fn;
}

llvm::Constant *Lowerer::getFuncValue(llvm::Function *F) {
  auto It = FuncValues.find(F);
  if (It != FuncValues.end())
    return It->second;
  auto *GV = new llvm::GlobalVariable(
      *Mod, llvm::StructType::get(Ctx, llvm::ArrayRef<llvm::Type *>(Ptr)), true,
      llvm::GlobalValue::InternalLinkage,
      llvm::ConstantStruct::getAnon(Ctx, {F}), F->getName() + "·f");
  GV->setAlignment(llvm::Align(8));
  llvm::Constant *C = gcPointer(GV);
  FuncValues[F] = C;
  return C;
}

llvm::Constant *Lowerer::getLinkOnceFuncValue(llvm::Function *F,
                                              const std::string &Name) {
  if (llvm::GlobalVariable *GV = Mod->getNamedGlobal(Name))
    return GV;
  llvm::Constant *Init = llvm::ConstantStruct::getAnon(Ctx, {F});
  auto *GV = new llvm::GlobalVariable(*Mod, Init->getType(), true,
                                      llvm::GlobalValue::LinkOnceODRLinkage,
                                      Init, Name);
  GV->setAlignment(llvm::Align(8));
  return GV;
}

llvm::Function *Lowerer::getRuntime(RuntimeFn F) {
  return getOrInsertRuntimeFunction(*Mod, F);
}

//===----------------------------------------------------------------------===//
// Function bodies
//===----------------------------------------------------------------------===//

FuncLowerer::FuncLowerer(Lowerer &L, llvm::Function *Fn, Signature *Sig,
                         syntax::Node *Owner)
    : L(L), Fn(Fn), Sig(Sig), Owner(Owner), B(L.Ctx) {
  assert(Fn->empty() && "function lowered twice");
  ABI = L.getABI(Sig, Sig->Recv != nullptr);
  assert(Fn->arg_size() >= ABI.FirstParam &&
         "function type does not have its Go signature's context and results");
  // The out pointers of scalar results point to the caller's temporaries
  // (or to memory the runtime cleared for them): stores through them need
  // no write barrier (write_barrier.cpp).
  for (unsigned I = 0, Out = ABI.FirstOut; I < ABI.ResultIndirect.size(); ++I)
    if (ABI.ResultIndirect[I]) {
      if (!L.isAggregate(Sig->Results->Vars[I]->type()))
        Fn->addParamAttr(Out, llvm::Attribute::get(L.Ctx, ResultOutAttr));
      ++Out;
    }
  AllocaBB = llvm::BasicBlock::Create(L.Ctx, "entry", Fn);
  B.SetInsertPoint(AllocaBB);
  // A marker after which allocas are inserted, so they stay in the entry
  // block ahead of all code.
  AllocaPoint = new llvm::BitCastInst(llvm::UndefValue::get(L.I64), L.I64,
                                      "allocapoint", AllocaBB);
  CtxArg = Fn->getArg(0);
  CtxArg->setName("ctx");
}

llvm::AllocaInst *FuncLowerer::createAlloca(llvm::Type *T,
                                            const llvm::Twine &Name) {
  assert(AllocaPoint && "alloca after the function body was finished");
  llvm::IRBuilder<> AB(AllocaPoint);
  return AB.CreateAlloca(T, nullptr, Name);
}

llvm::Value *FuncLowerer::createTemp(Type *T, const llvm::Twine &Name) {
  llvm::AllocaInst *A = createAlloca(L.getLLVMType(T), Name);
  A->setAlignment(llvm::Align(std::max<int64_t>(L.alignOf(T), 1)));
  emitZero(A, T);
  return A;
}

void FuncLowerer::emitZero(llvm::Value *Addr, Type *T) {
  int64_t Size = L.sizeOf(T);
  if (Size == 0)
    return;
  if (!L.isAggregate(T)) {
    B.CreateStore(llvm::Constant::getNullValue(L.getLLVMType(T)), Addr);
    return;
  }
  B.CreateMemSet(Addr, B.getInt8(0), Size,
                 llvm::MaybeAlign(std::max<int64_t>(L.alignOf(T), 1)));
}

void FuncLowerer::emitCopy(llvm::Value *Dst, llvm::Value *Src, Type *T) {
  int64_t Size = L.sizeOf(T);
  if (Size == 0 || Dst == Src)
    return;
  if (!L.isAggregate(T)) {
    B.CreateStore(B.CreateLoad(L.getLLVMType(T), Src), Dst);
    return;
  }
  llvm::MaybeAlign A(std::max<int64_t>(L.alignOf(T), 1));
  // Source and destination may overlap (a = a[...] style assignments of
  // arrays through pointers): memmove is always correct.
  B.CreateMemMove(Dst, A, Src, A, Size);
}

llvm::Value *FuncLowerer::load(Type *T, llvm::Value *Addr,
                               const llvm::Twine &Name) {
  llvm::LoadInst *V = B.CreateLoad(L.getLLVMType(T), Addr, Name);
  if (V->getType()->isIntegerTy())
    V->setMetadata(llvm::LLVMContext::MD_tbaa, scalarLoadTag(L.Ctx));
  return V;
}

void FuncLowerer::store(llvm::Value *V, llvm::Value *Addr) {
  B.CreateStore(V, Addr);
}

llvm::Value *FuncLowerer::toGCPtr(llvm::Value *P) {
  if (P->getType() == L.GCPtr)
    return P;
  return B.CreateAddrSpaceCast(P, L.GCPtr);
}

llvm::BasicBlock *FuncLowerer::newBlock(const llvm::Twine &Name) {
  return llvm::BasicBlock::Create(L.Ctx, Name, Fn);
}

bool FuncLowerer::terminated() const {
  return B.GetInsertBlock()->getTerminator() != nullptr;
}

void FuncLowerer::setBlock(llvm::BasicBlock *BB) {
  assert(BB->getParent() == Fn && "block of another function");
  B.SetInsertPoint(BB);
}

void FuncLowerer::finishBody() {
  assert(AllocaPoint && "function body finished twice");
  AllocaPoint->eraseFromParent();
  AllocaPoint = nullptr;
}

void FuncLowerer::branchTo(llvm::BasicBlock *BB) {
  if (!terminated())
    B.CreateBr(BB);
}

llvm::Value *FuncLowerer::declareVar(Var *V) {
  Type *T = V->type();
  llvm::Value *Addr;
  if ((V->Captured || V->AddrTaken) && !StackCells.count(V)) {
    // The variable is addressed or captured: a heap cell, which escape
    // analysis (stack_alloc.cpp) moves into the frame at -O1 and up when no
    // pointer to it outlives the call.
    llvm::Value *Desc = L.getTypeDescriptor(T);
    Addr = B.CreateCall(L.getRuntime(RuntimeFn::gort_newobject), {Desc},
                        V->name() + ".cell");
  } else {
    // createTemp zeroes at the declaration point, so a declaration inside a
    // loop starts from the zero value on every iteration.
    Addr = createTemp(T, V->name());
  }
  Vars[V] = Addr;
  return Addr;
}

llvm::Value *FuncLowerer::varAddr(Var *V) {
  auto It = Vars.find(V);
  if (It != Vars.end())
    return It->second;
  auto GI = L.Globals.find(V);
  if (GI != L.Globals.end())
    return GI->second;
  if (V->IsGlobal && V->pkg() && V->pkg() != L.Info.Pkg)
    return L.importedGlobal(V);
  L.internalError(V->pos(), "variable " + V->name() + " has no storage");
  return createTemp(V->type(), "bad");
}

void FuncLowerer::lowerBody(BlockStmt *Body, llvm::ArrayRef<Var *> Params,
                            Var *Recv, llvm::ArrayRef<Var *> Captures) {
  llvm::BasicBlock *Start = newBlock("start");
  B.CreateBr(Start);
  setBlock(Start);
  // What the body holds decides where its variables live: first.
  BodyScan SI;
  scanBody(Body, SI, 0);
  HasGoto = SI.HasGoto;
  bool OpenCodable = SI.NumDefers && !SI.HasGoto && !SI.DeferInLoop &&
                     SI.NumDefers <= gort::abi::MaxOpenDefers;
  if (OpenCodable)
    findStackClosures(Body);
  if (Owner) {
    SP = L.attachSubprogram(Fn, Owner->pos());
    setLoc(Owner->pos());
  }
  // Tracebacks print "f()" for a function without arguments, as gc's do
  // ("f(...)" otherwise): pipeline.cpp lists the functions so marked.
  if (!Sig->Recv && (!Sig->Params || Sig->Params->Vars.empty()))
    Fn->addFnAttr(NoArgsAttr);

  // Captured variables: cell pointers from the closure context.
  if (!Captures.empty()) {
    std::vector<llvm::Type *> Fields{L.Ptr};
    for (size_t I = 0; I < Captures.size(); ++I)
      Fields.push_back(L.GCPtr);
    auto *CloTy = llvm::StructType::get(L.Ctx, Fields);
    for (size_t I = 0; I < Captures.size(); ++I) {
      llvm::Value *Slot = B.CreateStructGEP(CloTy, CtxArg, unsigned(I + 1));
      Vars[Captures[I]] =
          B.CreateLoad(L.GCPtr, Slot, Captures[I]->name() + ".cell");
    }
  }

  // Parameters: copy into local storage (so they are ordinary variables).
  unsigned ArgNo = ABI.FirstParam;
  unsigned ParamIdx = 0;
  auto BindParam = [&](Var *P) {
    llvm::Value *Arg = Fn->getArg(ArgNo++);
    bool Ind = ABI.ParamIndirect[ParamIdx++];
    Type *T = P->type();
    if (P->name().empty() || P->name() == "_")
      return;
    Arg->setName(P->name());
    if (Ind && !P->Captured && !P->AddrTaken) {
      // The caller passed a private copy: use it in place.
      Vars[P] = Arg;
      return;
    }
    llvm::Value *Addr = declareVar(P);
    if (Ind)
      emitCopy(Addr, Arg, T);
    else
      store(Arg, Addr);
  };
  if (Recv)
    BindParam(Recv);
  for (Var *P : Params)
    BindParam(P);
  assert(ArgNo == Fn->arg_size() && "parameters and arguments differ");

  // Results: named or not, each gets a slot, zero-initialized.
  if (Sig->Results) {
    unsigned OutNo = ABI.FirstOut;
    for (unsigned I = 0; I < Sig->Results->size(); ++I) {
      Var *R = Sig->Results->Vars[I];
      llvm::Value *Slot;
      if (ABI.ResultIndirect[I] &&
          (R->name().empty() || (!R->Captured && !R->AddrTaken))) {
        // Write aggregate results straight into the caller's memory.
        Slot = Fn->getArg(OutNo);
        emitZero(Slot, R->type());
      } else if (!R->name().empty() && R->name() != "_") {
        Slot = declareVar(R);
      } else {
        Slot = createTemp(R->type(), "result");
      }
      if (ABI.ResultIndirect[I])
        ++OutNo;
      if (!R->name().empty() && R->name() != "_")
        Vars[R] = Slot;
      ResultSlots.push_back(Slot);
    }
  }

  if (SI.NumDefers) {
    // The result slots must live in memory at every call (see
    // getDeferExit): give their addresses to an empty asm statement.
    for (llvm::Value *Slot : ResultSlots) {
      auto *AT = llvm::FunctionType::get(L.VoidTy, {Slot->getType()}, false);
      B.CreateCall(llvm::InlineAsm::get(AT, "", "r,~{memory}", true), {Slot});
    }
    if (OpenCodable)
      beginOpenDefers(SI.NumDefers);
    else
      DeferFrame = createAlloca(L.I8, "defer.frame");
  }

  emitStmtList(Body->List);
  if (!terminated())
    emitReturn(nullptr);
  if (OpenState)
    finishOpenDefers();
  finishBody();
}

/// Finds defer and goto statements in a function body (not in nested
/// function literals, which are functions of their own).
void FuncLowerer::scanBody(syntax::Node *N, BodyScan &SI, unsigned Loops) {
  inspect(N, [&](syntax::Node *C) {
    if (isa<FuncLit>(C))
      return false;
    if (auto *CS = dyn_cast<CallStmt>(C); CS && CS->Tok == TokenKind::Defer) {
      SI.NumDefers++;
      if (Loops)
        SI.DeferInLoop = true;
    }
    if (auto *BS = dyn_cast<BranchStmt>(C); BS && BS->Tok == TokenKind::Goto)
      SI.HasGoto = true;
    if (auto *F = dyn_cast<ForStmt>(C)) {
      forEachChild(F, [&](syntax::Node *X) { scanBody(X, SI, Loops + 1); });
      return false;
    }
    return true;
  });
}

//===----------------------------------------------------------------------===//
// Closures that do not escape
//===----------------------------------------------------------------------===//
//
// A function literal that is only ever called as `defer func(...){...}(...)`
// by a function with open-coded defers runs before its frame is gone: its
// closure object can live in that frame, and so can the variables it alone
// captures (other captured variables live in heap cells). Literals nested
// inside such a literal may escape further, so a deferred literal with
// literals inside it is treated as escaping.

namespace {
struct LitScan {
  llvm::SmallPtrSet<FuncLit *, 8>
      Deferred; ///< `defer lit(...)`, no nested lits
  llvm::SmallVector<FuncLit *, 8> Escaping; ///< every other literal
};

bool containsFuncLit(syntax::Node *N) {
  bool Found = false;
  inspect(N, [&](syntax::Node *C) {
    Found = Found || isa<FuncLit>(C);
    return !Found;
  });
  return Found;
}

/// Sorts the function literals under N, not counting those nested in other
/// literals (they are part of those literals' captures).
void scanLits(syntax::Node *N, LitScan &LS) {
  inspect(N, [&](syntax::Node *C) {
    if (auto *CS = dyn_cast<CallStmt>(C); CS && CS->Tok == TokenKind::Defer) {
      auto *Lit = dyn_cast<FuncLit>(unparen(CS->Call->Fun));
      if (Lit && !containsFuncLit(Lit->Body))
        LS.Deferred.insert(Lit);
    }
    if (auto *Lit = dyn_cast<FuncLit>(C)) {
      if (!LS.Deferred.count(Lit))
        LS.Escaping.push_back(Lit);
      return false;
    }
    return true;
  });
}
} // namespace

void FuncLowerer::findStackClosures(BlockStmt *Body) {
  LitScan LS;
  scanLits(Body, LS);
  llvm::SmallPtrSet<Var *, 8> Escapes;
  for (FuncLit *Lit : LS.Escaping)
    for (Var *V : Lit->Captures)
      Escapes.insert(V);
  for (FuncLit *Lit : LS.Deferred) {
    StackLits.insert(Lit);
    for (Var *V : Lit->Captures)
      if (!Escapes.count(V) && !V->AddrTaken)
        StackCells.insert(V);
  }
}

void Lowerer::lowerFunction(Func *F) {
  llvm::Function *Fn = getFunction(F);
  FuncDecl *D = F->Decl;
  if (!D || !D->Body)
    return;
  // An instance of a generic function or method is compiled by every
  // package that uses it; the linker keeps one (check_generic.cpp).
  if (F->Orig && !isMainPackage())
    Fn->setLinkage(llvm::GlobalValue::LinkOnceODRLinkage);
  FuncLowerer FL(*this, Fn, F->sig(), D);
  llvm::SmallVector<Var *, 8> Params;
  if (F->sig()->Params)
    Params.append(F->sig()->Params->Vars.begin(), F->sig()->Params->Vars.end());
  FL.lowerBody(D->Body, Params, F->sig()->Recv, {});
}

llvm::GlobalVariable *Lowerer::importedGlobal(Var *V) {
  auto *GV = new llvm::GlobalVariable(*Mod, getLLVMType(V->type()), false,
                                      llvm::GlobalValue::ExternalLinkage,
                                      nullptr, globalName(V));
  GV->setAlignment(llvm::Align(std::max<int64_t>(alignOf(V->type()), 1)));
  Globals[V] = GV;
  return GV;
}

void Lowerer::lowerInit() {
  // P..init initialises package P as gc's inittask does: once, after the
  // packages P imports (in the order of their first import), its variables
  // in dependency order, then its init functions in source order. The
  // runtime calls main..init before main.main; each package's flag makes a
  // package imported along several paths initialise once.
  auto *FT = llvm::FunctionType::get(VoidTy, {Ptr}, false);
  llvm::Function *Fn = createGeneratedFunction(
      Info.Pkg->Path + "..init", FT, llvm::GlobalValue::ExternalLinkage);
  GeneratedBody FL(*this, Fn);
  if (!SM.files().empty()) {
    Pos First =
        Info.Files.empty() ? SM.files()[0]->pos(0) : Info.Files[0]->pos();
    FL.SP = attachSubprogram(Fn, First);
    FL.setLoc(First);
  }
  if (!isMainPackage()) {
    auto *Done = new llvm::GlobalVariable(
        *Mod, I8, false, llvm::GlobalValue::InternalLinkage,
        llvm::ConstantInt::get(I8, 0), Info.Pkg->Path + "..inittask.done");
    llvm::BasicBlock *Run = FL.newBlock("init.run");
    llvm::BasicBlock *Skip = FL.newBlock("init.done");
    FL.B.CreateCondBr(FL.B.CreateICmpNE(FL.B.CreateLoad(I8, Done),
                                        llvm::ConstantInt::get(I8, 0)),
                      Skip, Run);
    FL.setBlock(Skip);
    FL.B.CreateRetVoid();
    FL.setBlock(Run);
    FL.B.CreateStore(llvm::ConstantInt::get(I8, 1), Done);
  }
  for (Package *Imp : Info.Imports) {
    llvm::FunctionCallee Callee =
        Mod->getOrInsertFunction(Imp->Path + "..init", FT);
    if (auto *Decl = llvm::dyn_cast<llvm::Function>(Callee.getCallee()))
      setGoFunctionAttrs(Decl);
    FL.B.CreateCall(Callee, {llvm::ConstantPointerNull::get(
                                llvm::PointerType::get(Ctx, 0))});
  }
  auto GlobalOf = [&](Var *V) {
    assert(Globals.count(V) && "package-level variable without storage");
    return Globals[V];
  };
  for (const Initializer &In : Info.InitOrder) {
    FL.setLoc(In.Rhs->pos());
    if (In.Lhs.size() == 1) {
      Var *V = In.Lhs[0];
      if (V->name() == "_") {
        // Evaluate for side effects.
        if (isAggregate(In.Rhs->TV.Ty ? In.Rhs->TV.Ty : V->type()))
          FL.emitAggAddr(In.Rhs);
        else
          FL.emitExprAs(In.Rhs, V->type());
        continue;
      }
      // gc's staticinit (staticinit.cpp): a value known at compile time is
      // the variable's data, and no code runs for it.
      if (llvm::Constant *C = staticValue(In.Rhs, V->type())) {
        GlobalOf(V)->setInitializer(C);
        StaticValues[V] = C;
        continue;
      }
      if (llvm::Function *Out = outlineMapInit(V, In.Rhs, GlobalOf(V))) {
        FL.B.CreateCall(Out, {llvm::ConstantPointerNull::get(
                                 llvm::PointerType::get(Ctx, 0))});
        continue;
      }
      FL.emitStoreInto(In.Rhs, V->type(), GlobalOf(V));
      continue;
    }
    // var a, b = f() (or v, ok = m[k] forms)
    llvm::SmallVector<llvm::Value *, 4> Vals;
    llvm::SmallVector<Type *, 4> Types;
    if (!FL.emitMultiValue(In.Rhs, Vals, Types))
      continue;
    assert(Vals.size() == In.Lhs.size() && "values and variables differ");
    for (size_t I = 0; I < In.Lhs.size(); ++I) {
      Var *V = In.Lhs[I];
      if (V->name() == "_")
        continue;
      FL.storeConverted(Vals[I], Types[I], V->type(), GlobalOf(V));
    }
  }
  for (Func *F : Info.Inits) {
    llvm::SmallVector<llvm::Value *, 1> R;
    FL.emitGoCall(
        getFunction(F),
        llvm::ConstantPointerNull::get(llvm::PointerType::get(Ctx, 0)),
        F->sig(), nullptr, {}, R);
  }
  FL.B.CreateRetVoid();

  // main.main is called by the runtime: give it external linkage.
  if (Info.MainFunc)
    getFunction(Info.MainFunc)->setLinkage(llvm::GlobalValue::ExternalLinkage);
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

llvm::Value *FuncLowerer::emitGoCall(
    llvm::FunctionCallee Callee, llvm::Value *Ctx, Signature *S,
    llvm::Value *Recv, llvm::ArrayRef<llvm::Value *> Args,
    llvm::SmallVectorImpl<llvm::Value *> &Results, llvm::Value *SingleAggDest) {
  FuncABI A = L.getABI(S, Recv != nullptr);
  llvm::SmallVector<llvm::Value *, 8> LArgs{Ctx};
  llvm::SmallVector<llvm::Value *, 4> OutSlots;
  size_t NRes = S->Results ? S->Results->size() : 0;
  for (unsigned I = 0; I < NRes; ++I) {
    if (!A.ResultIndirect[I])
      continue;
    Type *RT = S->Results->Vars[I]->type();
    llvm::Value *Slot = (NRes == 1 && SingleAggDest)
                            ? SingleAggDest
                            : createTemp(RT, "call.result");
    LArgs.push_back(Slot);
    OutSlots.push_back(Slot);
  }
  unsigned PI = 0;
  auto PassArg = [&](llvm::Value *V, Type *T) {
    if (A.ParamIndirect[PI++]) {
      // Aggregates: pass a private copy.
      llvm::Value *Copy = createAlloca(L.getLLVMType(T), "arg.copy");
      cast<llvm::AllocaInst>(Copy)->setAlignment(
          llvm::Align(std::max<int64_t>(L.alignOf(T), 1)));
      emitCopy(Copy, V, T);
      LArgs.push_back(Copy);
    } else {
      LArgs.push_back(V);
    }
  };
  if (Recv)
    PassArg(Recv, S->Recv->type());
  assert(Args.size() == (S->Params ? S->Params->size() : 0) &&
         "arguments and parameters differ");
  for (size_t I = 0; I < Args.size(); ++I)
    PassArg(Args[I], S->Params->Vars[I]->type());
  assert(LArgs.size() == A.FnTy->getNumParams() && "call does not fit the ABI");
  llvm::CallInst *C = B.CreateCall(A.FnTy, Callee.getCallee(), LArgs);
  // Distribute results: scalars from the return value, aggregates from
  // their slots.
  unsigned OutIdx = 0, ScalarIdx = 0;
  for (unsigned I = 0; I < NRes; ++I) {
    if (A.ResultIndirect[I]) {
      // An aggregate is its memory; a scalar is loaded from its slot.
      Type *RT = S->Results->Vars[I]->type();
      llvm::Value *Slot = OutSlots[OutIdx++];
      Results.push_back(L.isAggregate(RT) ? Slot : load(RT, Slot));
    } else if (A.ScalarResults.size() == 1) {
      Results.push_back(C);
    } else {
      Results.push_back(B.CreateExtractValue(C, ScalarIdx++));
    }
  }
  return C;
}

void FuncLowerer::emitArgs(CallExpr *E, Signature *S,
                           llvm::SmallVectorImpl<llvm::Value *> &Out,
                           bool SkipFirst) {
  size_t NParams = S->Params ? S->Params->size() : 0;
  auto ParamType = [&](size_t I) { return S->Params->Vars[I]->type(); };
  llvm::ArrayRef<syntax::Expr *> Args = E->Args;
  (void)SkipFirst;

  // f(g()) where g returns several values.
  if (Args.size() == 1 && Args[0]->TV.Ty && isa<Tuple>(Args[0]->TV.Ty) &&
      cast<Tuple>(Args[0]->TV.Ty)->size() > 1) {
    auto *Call = cast<CallExpr>(unparen(Args[0]));
    auto *TT = cast<Tuple>(Args[0]->TV.Ty);
    llvm::SmallVector<llvm::Value *, 4> Vals = emitCallResults(Call);
    llvm::SmallVector<Type *, 4> VTypes;
    for (Var *V : TT->Vars)
      VTypes.push_back(V->type());
    // Result I as a value of type To. An aggregate result is an address:
    // it is passed on as one, or boxed from there into an interface.
    auto Convert = [&](size_t I, Type *To) -> llvm::Value * {
      return L.isAggregate(To) ? Vals[I] : convertValue(Vals[I], VTypes[I], To);
    };
    if (S->Variadic && !E->HasDots) {
      size_t Fixed = NParams - 1;
      for (size_t I = 0; I < Fixed; ++I)
        Out.push_back(Convert(I, ParamType(I)));
      // Pack the rest into a slice.
      Type *ElemT = cast<Slice>(ParamType(Fixed)->underlying())->Elem;
      size_t N = Vals.size() - Fixed;
      llvm::Value *Desc = L.getTypeDescriptor(ElemT);
      llvm::Value *Arr =
          N ? static_cast<llvm::Value *>(
                  B.CreateCall(L.getRuntime(RuntimeFn::gort_makeslice),
                               {Desc, B.getInt64(N), B.getInt64(N)}))
            : llvm::ConstantPointerNull::get(cast<llvm::PointerType>(L.GCPtr));
      llvm::Type *ET = L.getLLVMType(ElemT);
      for (size_t I = 0; I < N; ++I) {
        llvm::Value *Slot = B.CreateGEP(ET, Arr, B.getInt64(I));
        if (L.isAggregate(ElemT))
          emitCopy(Slot, Vals[Fixed + I], ElemT);
        else
          store(Convert(Fixed + I, ElemT), Slot);
      }
      llvm::Value *SV = llvm::UndefValue::get(L.SliceTy);
      SV = B.CreateInsertValue(SV, Arr, 0);
      SV = B.CreateInsertValue(SV, B.getInt64(N), 1);
      SV = B.CreateInsertValue(SV, B.getInt64(N), 2);
      Out.push_back(SV);
      return;
    }
    for (size_t I = 0; I < Vals.size(); ++I)
      Out.push_back(Convert(I, ParamType(I)));
    return;
  }

  auto EmitArg = [&](syntax::Expr *A, Type *T) -> llvm::Value * {
    if (L.isAggregate(T))
      return emitAggAddr(A);
    return emitExprAs(A, T);
  };

  if (S->Variadic && !E->HasDots) {
    size_t Fixed = NParams - 1;
    for (size_t I = 0; I < Fixed; ++I)
      Out.push_back(EmitArg(Args[I], ParamType(I)));
    Type *SliceT = ParamType(Fixed);
    Type *ElemT = cast<Slice>(SliceT->underlying())->Elem;
    size_t N = Args.size() - Fixed;
    if (N == 0) {
      Out.push_back(llvm::Constant::getNullValue(L.SliceTy));
      return;
    }
    llvm::Value *Desc = L.getTypeDescriptor(ElemT);
    llvm::Value *Arr =
        B.CreateCall(L.getRuntime(RuntimeFn::gort_makeslice),
                     {Desc, B.getInt64(N), B.getInt64(N)}, "variadic");
    llvm::Type *ET = L.getLLVMType(ElemT);
    for (size_t I = 0; I < N; ++I) {
      llvm::Value *Slot = B.CreateGEP(ET, Arr, B.getInt64(I));
      emitStoreInto(Args[Fixed + I], ElemT, Slot);
    }
    llvm::Value *SV = llvm::UndefValue::get(L.SliceTy);
    SV = B.CreateInsertValue(SV, Arr, 0);
    SV = B.CreateInsertValue(SV, B.getInt64(N), 1);
    SV = B.CreateInsertValue(SV, B.getInt64(N), 2);
    Out.push_back(SV);
    return;
  }
  assert(Args.size() == NParams && "arguments and parameters differ");
  for (size_t I = 0; I < Args.size(); ++I)
    Out.push_back(EmitArg(Args[I], ParamType(I)));
}

Callee FuncLowerer::emitCallee(CallExpr *E) {
  Callee C;
  syntax::Expr *Fun = unparen(E->Fun);
  C.Sig = cast<Signature>(Fun->TV.Ty->underlying());

  // Static function call (f, or pkg.F of another package, or an instance
  // f[int] of a generic one).
  if (syntax::Name *IN = instanceName(Fun))
    Fun = IN;
  syntax::Name *FN = dyn_cast<syntax::Name>(Fun);
  if (auto *Sel = dyn_cast<SelectorExpr>(Fun); Sel && !Sel->Selection)
    FN = Sel->Sel;
  if (FN) {
    if (auto *F = dyn_cast_or_null<Func>(FN->Obj)) {
      C.K = Callee::Static;
      C.Fn = L.getFunction(F);
      C.Obj = F;
      C.Sig = F->sig();
      return C;
    }
  }

  // Method calls.
  if (auto *Sel = dyn_cast<SelectorExpr>(Fun)) {
    if (Selection *S = Sel->Selection) {
      auto *M = dyn_cast<Func>(S->Obj);
      if (M && S->Kind == SelectionKind::MethodVal) {
        Type *RecvT = S->Recv;
        if (M->Iface) {
          // Interface method call: possibly through embedded fields.
          llvm::Value *IV;
          Type *IT;
          if (S->Index.size() > 1) {
            Type *T = RecvT;
            llvm::Value *Addr;
            if (auto *P = dyn_cast<Pointer>(T->underlying())) {
              Addr = emitExpr(Sel->X);
              T = P->Elem;
            } else {
              Addr = emitAggAddr(Sel->X);
            }
            llvm::ArrayRef<int> Path(S->Index);
            Addr = emitFieldPath(Addr, T, Path.drop_back());
            IT = T;
            IV = load(T, Addr);
          } else {
            IV = emitExpr(Sel->X);
            IT = RecvT;
          }
          return emitIfaceCallee(IV, IT, M);
        }
        // Concrete method: compute the receiver.
        Type *T = RecvT;
        bool PtrRecv = M->PtrRecv;
        llvm::ArrayRef<int> Path(S->Index);
        Path = Path.drop_back();
        C.K = Callee::Method;
        C.Fn = L.getFunction(M);
        C.Obj = M;
        C.Sig = M->sig();
        C.RecvT = M->sig()->Recv->type();
        // Start from an address when possible.
        llvm::Value *Addr = nullptr;
        if (auto *P = dyn_cast<Pointer>(T->underlying())) {
          Addr = emitExpr(Sel->X);
          T = P->Elem;
          if (!Path.empty() || !PtrRecv)
            emitNilCheck(Addr);
        } else if (Sel->X->TV.M == Mode::Variable || L.isAggregate(T)) {
          Addr = Sel->X->TV.M == Mode::Variable ? emitAddr(Sel->X)
                                                : emitAggAddr(Sel->X);
        }
        if (Addr) {
          Addr = emitRecvPath(Addr, T, Path, PtrRecv);
          if (PtrRecv)
            C.Recv = toGCPtr(Addr);
          else if (L.isAggregate(T))
            C.Recv = Addr;
          else
            C.Recv = load(T, Addr, "recv");
        } else {
          // A non-addressable scalar receiver value.
          C.Recv = emitExpr(Sel->X);
        }
        return C;
      }
    }
  }

  // A func value; nil is checked at the call.
  C.K = Callee::Value;
  C.Code = emitExpr(Fun);
  return C;
}

void FuncLowerer::emitCalleeCall(
    const Callee &C, llvm::ArrayRef<llvm::Value *> Args,
    llvm::SmallVectorImpl<llvm::Value *> &Results) {
  llvm::Value *NoCtx = llvm::PoisonValue::get(L.Ptr);
  switch (C.K) {
  case Callee::Static:
    emitGoCall(C.Fn, NoCtx, C.Sig, nullptr, Args, Results);
    return;
  case Callee::Method:
    emitGoCall(C.Fn, NoCtx, C.Sig, C.Recv, Args, Results);
    return;
  case Callee::Iface: {
    FuncABI A = L.getABI(C.Sig, true);
    emitGoCall(llvm::FunctionCallee(A.FnTy, C.Code), NoCtx, C.Sig, C.Recv, Args,
               Results);
    return;
  }
  case Callee::Value: {
    llvm::Value *Code = B.CreateLoad(L.Ptr, C.Code, "code");
    FuncABI A = L.getABI(C.Sig, false);
    // The context is the funcval itself (an addrspace(0) view of it).
    llvm::Value *CtxV = B.CreateAddrSpaceCast(C.Code, L.Ptr);
    emitGoCall(llvm::FunctionCallee(A.FnTy, Code), CtxV, C.Sig, nullptr, Args,
               Results);
    return;
  }
  }
}

llvm::Value *FuncLowerer::emitFrameAddress() {
  return B.CreateIntrinsic(llvm::Intrinsic::frameaddress, {L.Ptr},
                           {B.getInt32(0)}, nullptr, "fp");
}

bool FuncLowerer::packageCall(CallExpr *E, llvm::StringRef Kind, bool CodeField,
                              PackagedCall &PC) {
  syntax::Expr *Fun = unparen(E->Fun);
  // The captured values, typed as a Go struct so that its descriptor tells
  // the allocator (and the GC) where pointers are.
  auto *ST = L.TCtx.make<Struct>();
  PC.ST = ST;
  llvm::SmallVectorImpl<llvm::Value *> &Vals = PC.Vals;
  auto Capture = [&](const char *Name, Type *T, llvm::Value *V) {
    ST->Fields.push_back(L.TCtx.make<Var>(Pos(), nullptr, Name, T));
    ST->Tags.push_back("");
    Vals.push_back(V);
    return unsigned(ST->Fields.size() - 1);
  };
  if (CodeField)
    Capture("code", L.TCtx.basic(BasicKind::Uintptr), nullptr);

  // What the call does, given the address of the captured values (a field
  // index per capture).
  std::function<void(FuncLowerer &, llvm::Value *)> &Body = PC.Body;
  auto FieldVal = [ST](FuncLowerer &W, llvm::Value *Ctx, unsigned I) {
    Type *T = ST->Fields[I]->type();
    llvm::Value *A = W.emitFieldAddr(Ctx, ST, I);
    return W.L.isAggregate(T) ? A : W.load(T, A);
  };

  if (std::optional<BuiltinId> Id = builtinOf(Fun)) {
    switch (*Id) {
    case BuiltinId::Print:
    case BuiltinId::Println: {
      bool Ln = *Id == BuiltinId::Println;
      std::vector<std::pair<unsigned, std::optional<ConstValue>>> Ops;
      for (syntax::Expr *A : E->Args) {
        Type *T = exprType(L.TCtx, A);
        std::optional<ConstValue> C;
        if (A->TV.M == Mode::Constant && A->TV.Val)
          C = *A->TV.Val;
        Ops.push_back({Capture("arg", T, emitExprAs(A, T)), C});
      }
      Body = [=](FuncLowerer &W, llvm::Value *Ctx) {
        llvm::SmallVector<llvm::Value *, 8> Vs;
        for (auto &Op : Ops)
          Vs.push_back(FieldVal(W, Ctx, Op.first));
        W.B.CreateCall(W.L.getRuntime(RuntimeFn::gort_printlock));
        for (size_t I = 0; I < Ops.size(); ++I) {
          if (Ln && I > 0)
            W.B.CreateCall(W.L.getRuntime(RuntimeFn::gort_printsp));
          W.emitPrintValue(Vs[I], ST->Fields[Ops[I].first]->type(),
                           Ops[I].second ? &*Ops[I].second : nullptr);
        }
        if (Ln)
          W.B.CreateCall(W.L.getRuntime(RuntimeFn::gort_printnl));
        W.B.CreateCall(W.L.getRuntime(RuntimeFn::gort_printunlock));
      };
      break;
    }
    case BuiltinId::Panic: {
      unsigned V = Capture("v", L.TCtx.anyType(),
                           emitExprAs(E->Args[0], L.TCtx.anyType()));
      Body = [=](FuncLowerer &W, llvm::Value *Ctx) {
        W.emitPanic(FieldVal(W, Ctx, V));
      };
      break;
    }
    case BuiltinId::Recover: {
      // A deferred recover() acts as if called by the function that
      // deferred it (gc; test/recover.go test2 and test4): check that
      // function's frame.
      Fn->addFnAttr(llvm::Attribute::NoInline);
      unsigned FP = Capture("fp", L.TCtx.basic(BasicKind::Uintptr),
                            B.CreatePtrToInt(emitFrameAddress(), L.I64));
      Body = [=](FuncLowerer &W, llvm::Value *Ctx) {
        W.B.CreateCall(W.L.getRuntime(RuntimeFn::gort_gorecover),
                       {W.B.CreateIntToPtr(FieldVal(W, Ctx, FP), W.L.Ptr)});
      };
      break;
    }
    case BuiltinId::Delete: {
      Type *MapT = exprType(L.TCtx, E->Args[0]);
      auto *M = cast<Map>(MapT->underlying());
      unsigned MV = Capture("m", MapT, emitExpr(E->Args[0]));
      llvm::Value *K;
      if (L.isAggregate(M->Key)) {
        K = createTemp(M->Key, "key");
        emitStoreInto(E->Args[1], M->Key, K);
      } else {
        K = emitExprAs(E->Args[1], M->Key);
      }
      unsigned KV = Capture("k", M->Key, K);
      Body = [=](FuncLowerer &W, llvm::Value *Ctx) {
        MapKey Key = W.mapKeyFromValue(M, FieldVal(W, Ctx, KV));
        W.emitMapCall(RuntimeFn::gort_mapdelete, MapT, FieldVal(W, Ctx, MV),
                      Key);
      };
      break;
    }
    case BuiltinId::Close: {
      unsigned CV =
          Capture("c", exprType(L.TCtx, E->Args[0]), emitExpr(E->Args[0]));
      Body = [=](FuncLowerer &W, llvm::Value *Ctx) {
        W.B.CreateCall(W.L.getRuntime(RuntimeFn::gort_closechan),
                       {FieldVal(W, Ctx, CV)});
      };
      break;
    }
    case BuiltinId::Copy: {
      // Both operands are evaluated at the go/defer statement.
      llvm::SmallVector<llvm::Value *, 4> MV;
      llvm::SmallVector<Type *, 4> MT;
      bool Multi = emitBuiltinMultiArgs(E, MV, MT);
      Type *DT = Multi ? MT[0] : exprType(L.TCtx, E->Args[0]);
      Type *SrcT = Multi ? MT[1] : exprType(L.TCtx, E->Args[1]);
      if (!isa<Slice>(SrcT->underlying()))
        SrcT = L.TCtx.basic(BasicKind::String); // also an untyped constant
      uint64_t ElemSize = L.sizeOf(cast<Slice>(DT->underlying())->Elem);
      unsigned DV = Capture("dst", DT, Multi ? MV[0] : emitExpr(E->Args[0]));
      unsigned SV =
          Capture("src", SrcT, Multi ? MV[1] : emitExprAs(E->Args[1], SrcT));
      Body = [=](FuncLowerer &W, llvm::Value *Ctx) {
        llvm::Value *D = FieldVal(W, Ctx, DV), *S = FieldVal(W, Ctx, SV);
        llvm::Value *DL = W.B.CreateExtractValue(D, 1);
        llvm::Value *SL = W.B.CreateExtractValue(S, 1);
        llvm::Value *N =
            W.B.CreateSelect(W.B.CreateICmpSLT(DL, SL), DL, SL, "copy.n");
        W.B.CreateMemMove(W.B.CreateExtractValue(D, 0), llvm::MaybeAlign(1),
                          W.B.CreateExtractValue(S, 0), llvm::MaybeAlign(1),
                          W.B.CreateMul(N, W.B.getInt64(ElemSize)));
      };
      break;
    }
    default:
      L.internalError(E->pos(), Kind + " of this builtin is not supported yet");
      return false;
    }
  } else {
    Callee C = emitCallee(E);
    llvm::SmallVector<llvm::Value *, 8> Args;
    // //go:uintptrescapes: the pointers converted to uintptr ride in the
    // record too, typed as pointers, and the call's body reads them after
    // the call, so that the record lives until the call has run.
    llvm::SmallVector<llvm::Value *, 4> Kept;
    emitArgsKeeping(E, C, Args, Kept);
    llvm::SmallVector<unsigned, 4> KeepF;
    for (llvm::Value *P : Kept)
      KeepF.push_back(
          Capture("keep", L.TCtx.basic(BasicKind::UnsafePointer), P));
    int RecvF = -1, CodeF = -1;
    switch (C.K) {
    case Callee::Static:
      break;
    case Callee::Method:
      RecvF = int(Capture("recv", C.RecvT, C.Recv));
      break;
    case Callee::Iface:
      CodeF = int(Capture("mcode", L.TCtx.basic(BasicKind::Uintptr),
                          B.CreatePtrToInt(C.Code, L.I64)));
      RecvF = int(Capture("recv", C.RecvT, C.Recv));
      break;
    case Callee::Value:
      CodeF = int(Capture("fn", exprType(L.TCtx, Fun), C.Code));
      break;
    }
    llvm::SmallVector<unsigned, 8> ArgF;
    for (size_t I = 0; I < Args.size(); ++I)
      ArgF.push_back(Capture("arg", C.Sig->Params->Vars[I]->type(), Args[I]));
    Body = [=](FuncLowerer &W, llvm::Value *Ctx) {
      Callee WC = C;
      if (RecvF >= 0)
        WC.Recv = FieldVal(W, Ctx, unsigned(RecvF));
      if (C.K == Callee::Iface)
        WC.Code =
            W.B.CreateIntToPtr(FieldVal(W, Ctx, unsigned(CodeF)), W.L.Ptr);
      if (C.K == Callee::Value) {
        WC.Code = FieldVal(W, Ctx, unsigned(CodeF));
        // A nil func value panics when the deferred call runs (spec).
        W.emitNilCheck(WC.Code);
      }
      llvm::SmallVector<llvm::Value *, 8> WArgs;
      for (unsigned F : ArgF)
        WArgs.push_back(FieldVal(W, Ctx, F));
      llvm::SmallVector<llvm::Value *, 4> Results;
      W.emitCalleeCall(WC, WArgs, Results);
      for (unsigned F : KeepF)
        W.B.CreateLoad(W.L.GCPtr, W.emitFieldAddr(Ctx, ST, F),
                       /*isVolatile=*/true);
    };
  }

  return true;
}

llvm::Value *FuncLowerer::emitCallClosure(CallExpr *E, llvm::StringRef Kind) {
  syntax::Expr *Fun = unparen(E->Fun);

  // defer func() { ... }(): the closure is already a call of no arguments.
  if (isa<FuncLit>(Fun) && E->Args.empty()) {
    auto *FS = cast<Signature>(Fun->TV.Ty->underlying());
    if (FS->Results->size() == 0 && !FS->Variadic)
      return emitExpr(Fun);
  }
  PackagedCall PC;
  if (!packageCall(E, Kind, /*CodeField=*/true, PC))
    return llvm::ConstantPointerNull::get(cast<llvm::PointerType>(L.GCPtr));
  llvm::Value *Obj =
      B.CreateCall(L.getRuntime(RuntimeFn::gort_newobject),
                   {L.getTypeDescriptor(PC.ST)}, Kind + ".closure");
  storeCallClosure(PC, makeCallWrapper(PC, Kind), Obj);
  return Obj;
}

llvm::Function *FuncLowerer::makeCallWrapper(PackagedCall &PC,
                                             llvm::StringRef Kind) {
  // The wrapper: void(ptr ctx), ctx being the closure object.
  FuncABI WA = L.getABI(L.getNullarySignature(), false);
  llvm::Function *WF = L.createGeneratedFunction(
      Fn->getName() + "." + Kind + "wrap." + llvm::Twine(L.NextWrapperId++),
      WA.FnTy, llvm::GlobalValue::InternalLinkage, /*InWrapperSection=*/true);
  {
    GeneratedBody W(L, WF);
    PC.Body(W, WF->getArg(0));
    if (!W.terminated())
      W.B.CreateRetVoid();
  }
  return WF;
}

void FuncLowerer::storeCallClosure(PackagedCall &PC, llvm::Function *WF,
                                   llvm::Value *Obj) {
  Struct *ST = PC.ST;
  B.CreateStore(WF, emitFieldAddr(Obj, ST, 0));
  for (unsigned I = 1; I < ST->Fields.size(); ++I) {
    Type *T = ST->Fields[I]->type();
    llvm::Value *Dst = emitFieldAddr(Obj, ST, I);
    if (L.isAggregate(T))
      emitCopy(Dst, PC.Vals[I], T);
    else
      store(PC.Vals[I], Dst);
  }
}

void FuncLowerer::emitClearCalleeSaved() {
  const char *Asm, *Clobbers;
  if (L.Tgt.Arch == Target::X86_64) {
    Asm = "xorl %ebx, %ebx\n\txorl %r12d, %r12d\n\txorl %r13d, %r13d\n\t"
          "xorl %r14d, %r14d\n\txorl %r15d, %r15d";
    Clobbers = "~{rbx},~{r12},~{r13},~{r14},~{r15}";
  } else { // x28 holds the goroutine
    Asm = "mov x19, xzr\n\tmov x20, xzr\n\tmov x21, xzr\n\tmov x22, xzr\n\t"
          "mov x23, xzr\n\tmov x24, xzr\n\tmov x25, xzr\n\tmov x26, xzr\n\t"
          "mov x27, xzr";
    Clobbers = "~{x19},~{x20},~{x21},~{x22},~{x23},~{x24},~{x25},~{x26},~{x27}";
  }
  auto *FT = llvm::FunctionType::get(L.VoidTy, false);
  B.CreateCall(
      llvm::InlineAsm::get(FT, Asm, Clobbers, /*hasSideEffects=*/true));
}

/// Whether E is uintptr(X) with X an unsafe.Pointer: an argument that
/// //go:uintptrescapes keeps alive.
static bool isPointerToUintptr(syntax::Expr *E) {
  auto *CE = dyn_cast<CallExpr>(unparen(E));
  if (!CE || CE->Args.size() != 1 || unparen(CE->Fun)->TV.M != Mode::TypeExpr)
    return false;
  auto *To = dyn_cast<Basic>(unparen(CE->Fun)->TV.Ty->underlying());
  Type *From = CE->Args[0]->TV.Ty;
  auto *FromB = From ? dyn_cast<Basic>(From->underlying()) : nullptr;
  return To && To->basicKind() == BasicKind::Uintptr && FromB &&
         FromB->basicKind() == BasicKind::UnsafePointer;
}

void FuncLowerer::emitArgsKeeping(CallExpr *E, const Callee &C,
                                  llvm::SmallVectorImpl<llvm::Value *> &Args,
                                  llvm::SmallVectorImpl<llvm::Value *> &Kept) {
  llvm::SmallPtrSet<syntax::Expr *, 4> Conversions;
  if (C.Obj && C.Obj->Decl && C.Obj->Decl->UintptrKeepAlive)
    for (syntax::Expr *A : E->Args)
      if (isPointerToUintptr(A))
        Conversions.insert(unparen(A));
  auto *OuterConv = KeepConversions;
  auto *OuterPtrs = KeptPointers;
  KeepConversions = Conversions.empty() ? nullptr : &Conversions;
  KeptPointers = &Kept;
  emitArgs(E, C.Sig, Args, false);
  KeepConversions = OuterConv;
  KeptPointers = OuterPtrs;
}

llvm::SmallVector<llvm::Value *, 4> FuncLowerer::emitCallResults(CallExpr *E) {
  llvm::SmallVector<llvm::Value *, 4> Results;
  setLoc(E->pos());
  Callee C = emitCallee(E);
  if (C.K == Callee::Value)
    emitNilCheck(C.Code);
  // //go:uintptrescapes and //go:uintptrkeepalive (gc: the arguments'
  // temporaries live to the call's end; syscall.Syscall has the second):
  // the pointers the arguments converted to uintptr go into frame slots,
  // which the collector scans while the call runs, and are cleared after
  // it. The stores are volatile, so that they stay; the pointers
  // themselves are not live across the call, and the registers that may
  // still hold them are cleared too, so that nothing keeps them longer.
  llvm::SmallVector<llvm::Value *, 8> Args;
  llvm::SmallVector<llvm::Value *, 4> Pointers;
  emitArgsKeeping(E, C, Args, Pointers);
  llvm::SmallVector<llvm::AllocaInst *, 4> Slots;
  for (llvm::Value *P : Pointers) {
    Slots.push_back(createAlloca(L.GCPtr, "uintptrescapes"));
    B.CreateStore(P, Slots.back(), /*isVolatile=*/true);
  }
  emitCalleeCall(C, Args, Results);
  for (llvm::AllocaInst *Slot : Slots)
    B.CreateStore(llvm::Constant::getNullValue(L.GCPtr), Slot,
                  /*isVolatile=*/true);
  if (!Slots.empty())
    emitClearCalleeSaved();
  return Results;
}

llvm::Value *FuncLowerer::emitCall(CallExpr *E, llvm::Value *AggDest) {
  syntax::Expr *Fun = unparen(E->Fun);
  // Conversions and builtins.
  if (Fun->TV.M == Mode::TypeExpr) {
    Type *To = Fun->TV.Ty;
    syntax::Expr *Arg = E->Args[0];
    if (L.isAggregate(To)) {
      llvm::Value *Src = emitAggAddr(Arg);
      if (AggDest) {
        emitCopy(AggDest, Src, To);
        return AggDest;
      }
      return Src;
    }
    if (Arg->TV.M == Mode::Constant || (Arg->TV.Ty && isUntyped(Arg->TV.Ty)))
      if (E->TV.M == Mode::Constant)
        return emitConst(*E->TV.Val, To);
    Type *From = Arg->TV.Ty;
    llvm::Value *V =
        emitExprAs(Arg, isUntyped(From) ? defaultType(L.TCtx, From) : From);
    if (isUntyped(From))
      From = defaultType(L.TCtx, From);
    if (KeepConversions && KeepConversions->count(E))
      KeptPointers->push_back(V); // emitArgsKeeping
    return emitConversion(V, From, To);
  }
  if (std::optional<BuiltinId> Id = builtinOf(Fun))
    return emitBuiltinCall(E, *Id);
  llvm::SmallVector<llvm::Value *, 4> R;
  auto *Sig = cast<Signature>(Fun->TV.Ty->underlying());
  size_t NRes = Sig->Results ? Sig->Results->size() : 0;
  if (NRes == 1 && L.isAggregate(Sig->Results->Vars[0]->type()) && AggDest) {
    // Let the callee write straight into AggDest.
    R = emitCallResults(E);
    emitCopy(AggDest, R[0], Sig->Results->Vars[0]->type());
    return AggDest;
  }
  R = emitCallResults(E);
  if (R.empty())
    return nullptr;
  return R[0];
}

//===----------------------------------------------------------------------===//
// Function literals and method wrappers
//===----------------------------------------------------------------------===//

/// gc's name for a function literal (cmd/compile closurename): F.funcN
/// directly in function F, L.N inside literal L, glob..funcN in
/// package-level initializers; N counts from 1 in source order.
std::string Lowerer::funcLitName(FuncLit *E) {
  std::string N = std::to_string(E->Index + 1);
  if (E->OuterLit)
    return funcLitName(E->OuterLit) + "." + N;
  if (E->Outer)
    return funcName(E->Outer) + ".func" + N;
  return Info.Pkg->Path + ".glob..func" + N;
}

llvm::Function *Lowerer::getFuncLitFunction(FuncLit *E) {
  auto It = LitFuncs.find(E);
  if (It != LitFuncs.end())
    return It->second;
  auto *Sig = cast<Signature>(E->Type->TV.Ty);
  FuncABI A = getABI(Sig, false);
  std::string Name = funcLitName(E);
  auto *Fn = llvm::Function::Create(A.FnTy, llvm::GlobalValue::InternalLinkage,
                                    Name, *Mod);
  setGoFunctionAttrs(Fn);
  LitFuncs[E] = Fn;
  PendingLits.push_back({E, Fn});
  return Fn;
}

llvm::Value *FuncLowerer::emitFuncLit(FuncLit *E) {
  llvm::Function *Fn = L.getFuncLitFunction(E);
  if (E->Captures.empty())
    return L.getFuncValue(Fn);
  // Allocate the closure {code, cells...}.
  size_t N = E->Captures.size();
  std::vector<llvm::Type *> Fields{L.Ptr};
  for (size_t I = 0; I < N; ++I)
    Fields.push_back(L.GCPtr);
  auto *CloTy = llvm::StructType::get(L.Ctx, Fields);
  // A descriptor for the closure object: {uintptr; unsafe.Pointer...}.
  auto *ST = L.TCtx.make<Struct>();
  ST->Fields.push_back(
      L.TCtx.make<Var>(Pos(), nullptr, "F", L.TCtx.basic(BasicKind::Uintptr)));
  ST->Tags.push_back("");
  for (size_t I = 0; I < N; ++I) {
    ST->Fields.push_back(
        L.TCtx.make<Var>(Pos(), nullptr, L.TCtx.save("X" + std::to_string(I)),
                         L.TCtx.basic(BasicKind::UnsafePointer)));
    ST->Tags.push_back("");
  }
  llvm::Value *Clo;
  if (StackLits.count(E)) {
    // Only ever deferred, at most once: the frame outlives it.
    llvm::AllocaInst *A = createAlloca(CloTy, "closure");
    A->setAlignment(llvm::Align(8));
    Clo = toGCPtr(A);
  } else {
    Clo = B.CreateCall(L.getRuntime(RuntimeFn::gort_newobject),
                       {L.getTypeDescriptor(ST)}, "closure");
  }
  B.CreateStore(Fn, B.CreateStructGEP(CloTy, Clo, 0));
  for (size_t I = 0; I < N; ++I) {
    Var *V = E->Captures[I];
    llvm::Value *Cell = toGCPtr(varAddr(V));
    B.CreateStore(Cell, B.CreateStructGEP(CloTy, Clo, unsigned(I + 1)));
  }
  return Clo;
}

/// The wrapper Name with the ABI of Sig (its receiver included), built by
/// Body when first asked for. Wrappers are linkonce_odr: every module whose
/// descriptors or itabs name one (those of an imported package's types
/// too) emits it, and the linker keeps one.
static llvm::Function *
makeWrapper(Lowerer &L, const std::string &Name, Signature *Sig,
            llvm::function_ref<void(FuncLowerer &)> Body) {
  if (llvm::Function *F = L.Mod->getFunction(Name))
    return F;
  FuncABI A = L.getABI(Sig, Sig->Recv != nullptr);
  llvm::Function *Fn = L.createGeneratedFunction(
      Name, A.FnTy, llvm::GlobalValue::LinkOnceODRLinkage);
  GeneratedBody FL(L, Fn, Sig);
  Body(FL);
  return Fn;
}

/// Calls method M with Recv (for an interface method, Recv is the interface
/// value of type RecvT and the call dispatches through its itab), passing
/// the wrapper's own parameters from FirstParamArg on, and returns its
/// results.
static void forwardCall(FuncLowerer &FL, Func *M, llvm::Value *Recv,
                        unsigned FirstParamArg, Type *RecvT = nullptr) {
  Signature *MS = M->sig();
  llvm::Value *Code = nullptr; // null: call M itself
  if (M->Iface) {
    Callee IC = FL.emitIfaceCallee(Recv, RecvT, M);
    Code = IC.Code;
    Recv = IC.Recv;
    MS = IC.Sig;
  }
  llvm::SmallVector<llvm::Value *, 8> Args;
  unsigned NP = MS->Params ? unsigned(MS->Params->size()) : 0;
  for (unsigned I = 0; I < NP; ++I)
    Args.push_back(FL.Fn->getArg(FirstParamArg + I));
  // Aggregate arguments arrive as pointers to private copies; emitGoCall
  // copies again, which is harmless.
  llvm::SmallVector<llvm::Value *, 4> Results;
  FuncABI A = FL.L.getABI(MS, true);
  // Pass the wrapper's out pointers through.
  llvm::SmallVector<llvm::Value *, 8> LArgs{llvm::PoisonValue::get(FL.L.Ptr)};
  unsigned NOut = 0;
  for (bool Ind : A.ResultIndirect)
    if (Ind)
      LArgs.push_back(FL.Fn->getArg(1 + NOut++));
  LArgs.push_back(Recv);
  for (llvm::Value *V : Args)
    LArgs.push_back(V);
  llvm::CallInst *C =
      FL.B.CreateCall(A.FnTy, Code ? Code : FL.L.getFunction(M), LArgs);
  if (C->getType()->isVoidTy())
    FL.B.CreateRetVoid();
  else
    FL.B.CreateRet(C);
}

llvm::Function *Lowerer::getMethodValueWrapper(Func *M, Type *RecvT,
                                               llvm::ArrayRef<int> Path,
                                               bool Indirect) {
  // The closure is {code, receiver value (or pointer)}; the wrapper has the
  // method's signature without receiver.
  std::string Name = funcName(M) + "-fm";
  Signature *MS = M->sig();
  auto *WS = TCtx.make<Signature>(*MS);
  WS->Recv = nullptr;
  Type *RT = MS->Recv->type();
  return makeWrapper(*this, Name, WS, [&](FuncLowerer &FL) {
    llvm::Type *RLT =
        FL.L.isAggregate(RT) ? FL.L.getLLVMType(RT) : FL.L.getLLVMType(RT);
    auto *CloTy = llvm::StructType::get(FL.L.Ctx, {FL.L.Ptr, RLT});
    llvm::Value *Slot = FL.B.CreateStructGEP(CloTy, FL.CtxArg, 1);
    llvm::Value *Recv =
        FL.L.isAggregate(RT) ? Slot : FL.B.CreateLoad(RLT, Slot, "recv");
    FuncABI A = FL.L.getABI(WS, false);
    forwardCall(FL, M, Recv, A.FirstParam);
  });
}

llvm::Function *Lowerer::getIfaceMethodWrapper(Func *M, Type *ConcreteT,
                                               llvm::ArrayRef<int> Path,
                                               bool Indirect) {
  // Itab entries take the interface data word as their receiver: a pointer
  // for pointer-shaped types, else a pointer to the boxed value.
  Signature *MS = M->sig();
  bool Direct = isa<Pointer>(ConcreteT->underlying()) ||
                isa<Map>(ConcreteT->underlying()) ||
                isa<Chan>(ConcreteT->underlying()) ||
                isa<Signature>(ConcreteT->underlying()) ||
                basicKindOf(ConcreteT) == BasicKind::UnsafePointer;
  // Fast path: a pointer-receiver method on *T with no embedding: the
  // method itself has the itab ABI.
  if (Path.empty() && M->PtrRecv && isa<Pointer>(ConcreteT))
    return getFunction(M);
  std::string Name = typeSymbol(ConcreteT) + "." + M->name().str() + "·i";
  auto *WS = TCtx.make<Signature>(*MS);
  WS->Recv =
      TCtx.make<Var>(Pos(), nullptr, "", TCtx.basic(BasicKind::UnsafePointer));
  return makeWrapper(*this, Name, WS, [&](FuncLowerer &FL) {
    FuncABI A = FL.L.getABI(WS, true);
    llvm::Value *Data = FL.Fn->getArg(A.FirstParam);
    // Address of (or value of) the concrete value.
    Type *T = ConcreteT;
    llvm::Value *Addr;
    if (Direct) {
      if (auto *P = dyn_cast<Pointer>(T->underlying())) {
        Addr = Data;
        T = P->Elem;
      } else {
        // A map/chan/func value with methods and no embedding.
        llvm::Value *Recv = Data;
        forwardCall(FL, M, Recv, A.FirstParam + 1);
        return;
      }
    } else {
      Addr = Data; // boxed value
    }
    if (!Path.empty()) {
      FL.emitNilCheck(Addr);
      Addr = FL.emitRecvPath(Addr, T, Path, M->PtrRecv);
    }
    llvm::Value *Recv;
    if (M->PtrRecv)
      Recv = FL.toGCPtr(Addr);
    else if (FL.L.isAggregate(T)) {
      llvm::Value *Copy = FL.createTemp(T, "recv.copy");
      FL.emitCopy(Copy, Addr, T);
      Recv = Copy;
    } else {
      if (Direct && Path.empty())
        FL.emitNilCheck(Addr);
      Recv = FL.load(T, Addr, "recv");
    }
    forwardCall(FL, M, Recv, A.FirstParam + 1, T);
  });
}
