//===- codegen/linkinfo.cpp - The link summary for method pruning ---------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A type descriptor's method table names the code of every method of the
// type (abi::Method's Ifn and Tfn), as a compile-time itab names those of
// its interface, so a linker that follows relocations keeps all methods of
// every type it keeps: in hello with fmt that was time's parser, os's
// directory reading and fmt's scanner, reached only through the tables of
// time.Time, *os.File and *fmt.ss. gc's linker keeps a
// method only if some reachable code can call it dynamically: an interface
// call of a method with that name and signature, or reflect's Method and
// MethodByName, which reach every exported method (cmd/link's deadcode.go).
// gortc does the same in two halves:
//
//   1. Lowering (here). A method table entry does not name its code but
//      gort.mref.<hash of the code's symbol> (getMethodRef), an undefined
//      symbol, and the code is kept in the module (llvm.compiler.used) for
//      the link to decide on. Every interface call records the key of the
//      method it calls: its name, with the package path if unexported
//      (noteIfaceCall, methodKey). At the end of lowering, emitLinkInfo writes
//      the package's reference graph, before optimisation, into global
//      gort.linkinfo (section .gort_linkinfo, SHF_EXCLUDE: no executable
//      keeps it): for each definition, the symbols it names, the keys of the
//      interface methods it calls, and, for a descriptor or an itab, its
//      method entries as (gort.mref symbol, code, key): an itab names its
//      methods the same way (gc's weak relocations), or the itab of *rtype
//      for reflect.Type would keep reflect's Method and with it every
//      exported method. compileModule puts the
//      summary in an object of its own, so it is cached with the package.
//   2. The link (tools/gortc/deadcode.cpp) reads every object's summary,
//      marks what the entry can reach, treating a method table entry as an
//      edge only once its key is called (or reflect's method lookup is
//      reachable), and binds each gort.mref symbol with --defsym: to its
//      code if kept, else to gort_unreachableMethod (gc: unreachableMethod),
//      which a runtime-built itab may hold but no call can reach.
//
// The graph is taken before optimisation, a superset of the references
// the optimised code makes: inlining copies a callee's interface calls into
// its caller, but the caller named the callee before, so the callee's keys
// are reached either way. The runtime's own C++ objects have no summary:
// every symbol they reference is a root, and the runtime's one dynamic call,
// preprintpanics's Error() and String(), has its keys added by the link.
//
// The same mechanism makes an outlined map initialiser (staticinit.cpp)
// run only if the link keeps something that uses its variable: the init
// function calls it through a gort.mref symbol, and a W record names the
// symbol, the initialiser and the variable.
//
// Format: "gortc-linkinfo-1" NUL, then records of a tag byte and
// NUL-terminated fields (symbol names cannot contain NUL):
//   N name                 a definition; the records up to the next N are its
//   E name                 it names symbol name
//   I key                  it calls interface method key
//   M mref code key        a method table or itab entry it holds
//   R name                 name is a root (llvm.used, llvm.global_ctors)
//   W mref code var        package initialisation calls mref, to be bound
//                          to code if var is reached (staticinit.cpp)
// A local symbol's name is prefixed with the package path and \1.
//
//===----------------------------------------------------------------------===//

#include "codegen/lower.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Support/xxhash.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace gortc;
using namespace gortc::codegen;
using namespace gortc::types;

namespace {

/// The key of method M: what an interface call and a method table entry
/// that the runtime may match agree on (runtime/iface.cpp): the name, and
/// the package path of an unexported name. gc's key adds the signature; a
/// recursive unnamed type's symbol depends on where its printing starts
/// (typeSymbol), so a signature could make two matching keys differ. A
/// method whose name is called with another signature is kept: rare.
std::string methodKey(Func *M) {
  std::string K = M->name().str();
  if (!M->exported() && M->pkg())
    K += "@" + M->pkg()->Path;
  return K;
}

} // namespace

std::optional<std::string> codegen::linkRefName(llvm::StringRef Target) {
  // --defsym names the code in a linker-script expression: a quoted name,
  // which cannot hold a quote.
  if (Target.contains('"') || Target.contains('\\'))
    return std::nullopt;
  return "gort.mref." + llvm::utohexstr(llvm::xxh3_64bits(Target), true, 16);
}

llvm::Constant *Lowerer::getMethodRef(llvm::Function *Fn, Func *M) {
  llvm::StringRef Target = Fn->getName();
  std::optional<std::string> RefName = linkRefName(Target);
  if (Fn->hasLocalLinkage() || !RefName)
    return Fn;
  const std::string &Name = *RefName;
  if (llvm::Function *Decl = Mod->getFunction(Name))
    return Decl;
  auto *Decl = llvm::Function::Create(
      Fn->getFunctionType(), llvm::GlobalValue::ExternalLinkage, Name, *Mod);
  MethodRefs[Name] = {Target.str(), methodKey(M)};
  return Decl;
}

void Lowerer::noteIfaceCall(llvm::Function *Caller, Func *M) {
  std::string K = methodKey(M);
  auto &Keys = IfaceCalls[Caller];
  if (llvm::find(Keys, K) == Keys.end())
    Keys.push_back(std::move(K));
}

void Lowerer::emitLinkInfo() {
  // The code of the method table entries stays in the module (optimisation
  // would delete a linkonce_odr wrapper nothing names), not in the link.
  for (const auto &Ref : MethodRefs)
    if (llvm::Function *Fn = Mod->getFunction(Ref.second.first))
      if (!Fn->isDeclaration())
        llvm::appendToCompilerUsed(*Mod, {Fn});
  std::string Buf = "gortc-linkinfo-1";
  Buf += '\0';
  auto Record = [&](char Tag, llvm::ArrayRef<llvm::StringRef> Fields) {
    Buf += Tag;
    for (llvm::StringRef F : Fields) {
      Buf += F;
      Buf += '\0';
    }
  };
  const std::string &ModID = Mod->getModuleIdentifier();
  auto SymOf = [&](const llvm::GlobalValue *G) {
    std::string N;
    if (G->hasLocalLinkage())
      N = ModID + "\1";
    N += G->getName();
    return N;
  };

  // The globals a definition names, through constant expressions.
  llvm::SetVector<const llvm::GlobalValue *> Refs;
  llvm::SmallPtrSet<const llvm::Constant *, 32> Seen;
  llvm::SmallVector<const llvm::Constant *, 32> Work;
  auto AddConstant = [&](const llvm::Constant *C) {
    if (Seen.insert(C).second)
      Work.push_back(C);
  };
  auto Drain = [&] {
    while (!Work.empty()) {
      const llvm::Constant *C = Work.pop_back_val();
      if (auto *G = llvm::dyn_cast<llvm::GlobalValue>(C)) {
        Refs.insert(G);
        continue;
      }
      // Reversed onto the stack: the records follow the operands' order.
      for (const llvm::Use &U : llvm::reverse(C->operands()))
        if (auto *Op = llvm::dyn_cast<llvm::Constant>(U.get()))
          AddConstant(Op);
    }
  };
  auto EmitNode = [&](const llvm::GlobalValue &G) {
    Record('N', {SymOf(&G)});
    for (const llvm::GlobalValue *R : Refs) {
      auto It = MethodRefs.find(R->getName());
      if (It != MethodRefs.end() && R->isDeclaration())
        Record('M', {R->getName(), It->second.first, It->second.second});
      else if (R != &G)
        Record('E', {SymOf(R)});
    }
    Refs.clear();
    Seen.clear();
  };

  for (const llvm::Function &F : *Mod) {
    if (F.isDeclaration())
      continue;
    for (const llvm::BasicBlock &BB : F)
      for (const llvm::Instruction &I : BB)
        for (const llvm::Use &U : I.operands())
          if (auto *C = llvm::dyn_cast<llvm::Constant>(U.get()))
            if (!llvm::isa<llvm::ConstantData>(C))
              AddConstant(C);
    Drain();
    EmitNode(F);
    if (auto It = IfaceCalls.find(&F); It != IfaceCalls.end())
      for (const std::string &K : It->second)
        Record('I', {K});
  }
  for (const llvm::GlobalVariable &G : Mod->globals()) {
    if (!G.hasInitializer())
      continue;
    llvm::StringRef Name = G.getName();
    if (Name == "llvm.used" || Name == "llvm.global_ctors" ||
        Name == "llvm.global_dtors") {
      AddConstant(G.getInitializer());
      Drain();
      for (const llvm::GlobalValue *R : Refs)
        Record('R', {SymOf(R)});
      Refs.clear();
      Seen.clear();
      continue;
    }
    if (Name.starts_with("llvm."))
      continue;
    AddConstant(G.getInitializer());
    Drain();
    EmitNode(G);
  }
  for (const llvm::GlobalAlias &A : Mod->aliases()) {
    AddConstant(A.getAliasee());
    Drain();
    EmitNode(A);
  }
  for (const OutlinedInit &O : OutlinedInits)
    Record('W', {O.MRef, O.Code, SymOf(O.Var)});

  addLinkInfo(*Mod, Buf);
}

void codegen::addLinkInfo(llvm::Module &M, llvm::StringRef Data) {
  llvm::LLVMContext &C = M.getContext();
  auto *Init = llvm::ConstantDataArray::getString(C, Data, /*AddNull=*/false);
  auto *GV = new llvm::GlobalVariable(M, Init->getType(), true,
                                      llvm::GlobalValue::PrivateLinkage, Init,
                                      LinkInfoName);
  GV->setSection(LinkInfoSection);
  GV->setAlignment(llvm::Align(1));
  // SHF_EXCLUDE: the linker reads nothing of it into the executable.
  GV->setMetadata(llvm::LLVMContext::MD_exclude, llvm::MDNode::get(C, {}));
  llvm::appendToCompilerUsed(M, {GV});
}
