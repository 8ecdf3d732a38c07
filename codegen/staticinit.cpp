//===- codegen/staticinit.cpp - Package variables initialised statically --===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// gc's staticinit (cmd/compile/internal/staticinit/sched.go): a package-level
// variable whose initialiser can be computed at compile time gets its value
// as the data of its symbol, and no code runs for it in the package's init
// function. unicode's tables, strconv's and math's constants become data:
// no start-up code (unicode..init was 241 KB of code that built every
// RangeTable on the heap) and no allocation.
//
// What is static, as in gc's StaticAssign:
//   - constants, nil, and top-level functions used as values;
//   - struct and array literals whose elements are static;
//   - slice literals with static elements: the backing array is a hidden
//     variable of this package (gc's stmp_N), the slice points at it;
//   - &T{...} of a static literal, and &v of a package-level variable:
//     again a hidden variable, or v itself;
//   - a non-interface value converted to an interface when it is a static
//     pointer: the type descriptor or itab, then the pointer;
//   - a variable of this package initialised statically before, except a
//     string (gc's staticcopy: its value is copied, as gc does even when
//     init code run between the two could have changed it).
// Anything else -- a call, a map literal, an interface holding a non-pointer,
// a closure -- is initialised by code as before, the whole initialiser
// (gc can split one literal into static and dynamic parts; gortc does not).
//
// Hidden variables are ordinary writable globals with internal linkage:
// the program may change what they hold, and the collector scans them as
// it scans every writable segment (runtime/mgcmark.cpp).
//
// Outlined map initialisers (gc 1.21's outlined map inits). A map literal
// is built by code, and that code names every value in it: unicode's
// Categories alone kept every RangeTable in every program that imports
// unicode. So a package variable (outside package main, whose functions
// --defsym cannot name) initialised by a map literal of at least
// MinOutlinedMapElems entries that can have no effect but its value
// (isPureInit: constants, functions, package variables, composite literals
// and their addresses; keys that cannot panic) is filled by a function of
// its own, pkg.map.init.N. The init function calls it through an undefined
// gort.mref symbol, and the link summary records the three (linkinfo.cpp,
// record W); the link binds the symbol to the function if anything else
// reaches the variable, else to gort_skipInit, which does nothing
// (tools/gortc/deadcode.cpp). The order of initialisation is unchanged:
// the call stands where the assignment stood.
//
//===----------------------------------------------------------------------===//

#include "codegen/lower.h"

using namespace gortc;
using namespace gortc::codegen;
using namespace gortc::syntax;
using llvm::cast;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;
using llvm::isa;
using types::Func;
using types::Var;

llvm::GlobalVariable *Lowerer::staticTemp(llvm::Constant *Init, Type *T) {
  auto *GV = new llvm::GlobalVariable(*Mod, Init->getType(), false,
                                      llvm::GlobalValue::InternalLinkage, Init,
                                      Info.Pkg->Path + "..stmp");
  GV->setAlignment(llvm::Align(std::max<int64_t>(alignOf(T), 1)));
  describeGlobal(GV, T);
  return GV;
}

llvm::Constant *Lowerer::staticLiteral(CompositeLit *E, Type *T) {
  Type *U = T->underlying();
  llvm::Type *LT = getLLVMType(T);
  if (auto *S = dyn_cast<types::Struct>(U)) {
    auto *ST = cast<llvm::StructType>(LT);
    std::vector<llvm::Constant *> Fields;
    for (llvm::Type *FT : ST->elements())
      Fields.push_back(llvm::Constant::getNullValue(FT));
    for (size_t I = 0; I < E->Elems.size(); ++I) {
      auto [FI, Elt] = structLitElem(E, I);
      llvm::Constant *C = staticValue(Elt, S->Fields[FI]->type());
      if (!C)
        return nullptr;
      Fields[llvmFieldIndex(T, FI)] = C;
    }
    return llvm::ConstantStruct::get(ST, Fields);
  }
  if (auto *A = dyn_cast<types::Array>(U)) {
    llvm::SmallVector<std::pair<int64_t, syntax::Expr *>, 16> Elts;
    literalIndices(E, Elts);
    std::vector<llvm::Constant *> Vals(
        size_t(std::max<int64_t>(A->Len, 0)),
        llvm::Constant::getNullValue(getLLVMType(A->Elem)));
    for (auto &[I, V] : Elts) {
      llvm::Constant *C = staticValue(V, A->Elem);
      if (!C)
        return nullptr;
      Vals[size_t(I)] = C;
    }
    return llvm::ConstantArray::get(cast<llvm::ArrayType>(LT), Vals);
  }
  if (auto *Sl = dyn_cast<types::Slice>(U)) {
    llvm::SmallVector<std::pair<int64_t, syntax::Expr *>, 16> Elts;
    int64_t N = literalIndices(E, Elts);
    llvm::Type *ET = getLLVMType(Sl->Elem);
    std::vector<llvm::Constant *> Vals(size_t(N),
                                       llvm::Constant::getNullValue(ET));
    for (auto &[I, V] : Elts) {
      llvm::Constant *C = staticValue(V, Sl->Elem);
      if (!C)
        return nullptr;
      Vals[size_t(I)] = C;
    }
    // Even an empty literal is not nil: it points at an empty array.
    Type *ArrT = TCtx.make<types::Array>(Sl->Elem, N);
    llvm::GlobalVariable *Arr = staticTemp(
        llvm::ConstantArray::get(llvm::ArrayType::get(ET, uint64_t(N)), Vals),
        ArrT);
    return llvm::ConstantStruct::get(SliceTy, {gcPointer(Arr),
                                               llvm::ConstantInt::get(I64, N),
                                               llvm::ConstantInt::get(I64, N)});
  }
  if (auto *P = dyn_cast<types::Pointer>(U)) {
    // An elided &T{...} inside another literal.
    llvm::Constant *C = staticLiteral(E, P->Elem);
    return C ? gcPointer(staticTemp(C, P->Elem)) : nullptr;
  }
  return nullptr; // maps are built by code
}

/// Whether E is the predeclared nil.
static bool isNilName(syntax::Expr *E) {
  auto *N = dyn_cast<syntax::Name>(E);
  return N && llvm::isa_and_nonnull<types::Nil>(N->Obj);
}

llvm::Constant *Lowerer::staticValue(syntax::Expr *E, Type *T) {
  E = unparen(E);
  if (isNilName(E))
    return llvm::Constant::getNullValue(getLLVMType(T));
  Type *ET = E->TV.Ty ? exprType(TCtx, E) : nullptr;
  if (!ET)
    return nullptr;
  if (types::isInterface(T) && !types::isInterface(ET)) {
    // gc's OCONVIFACE: the concrete value, held directly when it is
    // pointer-shaped, else boxed in read-only data (interface data is
    // never written), with its type descriptor or itab.
    llvm::Constant *V = staticValue(E, ET);
    if (!V)
      return nullptr;
    auto *I = cast<types::Interface>(T->underlying());
    types::completeInterface(TCtx, I);
    llvm::Constant *First =
        I->AllMethods.empty() ? getTypeDescriptor(ET) : getItab(ET, I, T);
    llvm::Constant *Data = isDirectIface(ET) ? V : getBoxedConst(V, ET);
    return llvm::ConstantStruct::get(IfaceTy, {First, Data});
  }
  if (E->TV.M == Mode::Constant && E->TV.Val)
    return constantOf(*E->TV.Val, T);
  // One interface converted to another needs the other's itab, found at
  // run time (gc: OCONVIFACE of an interface is dynamic too).
  if (getLLVMType(ET) != getLLVMType(T) ||
      (types::isInterface(T) && !types::identical(ET, T)))
    return nullptr;

  switch (E->kind()) {
  case NodeKind::Name: {
    auto *N = cast<syntax::Name>(E);
    if (auto *F = dyn_cast_or_null<Func>(N->Obj); F && !F->Generic)
      return getFuncValue(getFunction(F));
    if (auto *V = dyn_cast_or_null<Var>(N->Obj)) {
      // gc's staticcopy: this package's variable, initialised statically
      // before, except strings.
      auto It = StaticValues.find(V);
      if (It != StaticValues.end() && !types::isString(V->type()))
        return It->second;
    }
    return nullptr;
  }
  case NodeKind::CompositeLit:
    return staticLiteral(cast<CompositeLit>(E), ET);
  case NodeKind::Operation: {
    auto *O = cast<Operation>(E);
    if (O->Op != Operator::And || O->Y)
      return nullptr;
    syntax::Expr *X = unparen(O->X);
    if (auto *CL = dyn_cast<CompositeLit>(X)) {
      Type *Pointee = cast<types::Pointer>(ET->underlying())->Elem;
      llvm::Constant *C = staticLiteral(CL, Pointee);
      return C ? gcPointer(staticTemp(C, Pointee)) : nullptr;
    }
    if (auto *N = dyn_cast<syntax::Name>(X))
      if (auto *V = dyn_cast_or_null<Var>(N->Obj))
        if (auto It = Globals.find(V); It != Globals.end())
          return gcPointer(It->second);
    return nullptr;
  }
  default:
    return nullptr;
  }
}

//===----------------------------------------------------------------------===//
// Outlined map initialisers
//===----------------------------------------------------------------------===//

/// Smaller map literals stay in the init function: an outlined one costs a
/// function and a call (gc outlines initialisers of 20 nodes and more).
constexpr size_t MinOutlinedMapElems = 4;

/// Whether a map with keys of type T may panic while being filled: an
/// interface key whose dynamic type is not comparable does.
static bool keyMayPanic(Type *T) {
  Type *U = T->underlying();
  if (isa<types::Interface>(U))
    return true;
  if (auto *A = dyn_cast<types::Array>(U))
    return keyMayPanic(A->Elem);
  if (auto *S = dyn_cast<types::Struct>(U))
    for (Var *F : S->Fields)
      if (keyMayPanic(F->type()))
        return true;
  return false;
}

bool Lowerer::isPureInit(syntax::Expr *E) {
  E = unparen(E);
  if ((E->TV.M == Mode::Constant && E->TV.Val) || isNilName(E))
    return true;
  switch (E->kind()) {
  case NodeKind::Name: {
    types::Object *Obj = cast<syntax::Name>(E)->Obj;
    if (auto *F = dyn_cast_or_null<Func>(Obj))
      return !F->Generic;
    auto *V = dyn_cast_or_null<Var>(Obj);
    return V && V->IsGlobal; // reading a package variable
  }
  case NodeKind::SelectorExpr: {
    // A qualified identifier (pkg.Name); not a field or method selection.
    auto *S = cast<SelectorExpr>(E);
    return !S->Selection && isPureInit(S->Sel);
  }
  case NodeKind::CompositeLit: {
    auto *CL = cast<CompositeLit>(E);
    if (CL->ElemsSkipped || !E->TV.Ty)
      return false;
    Type *U = exprType(TCtx, E)->underlying();
    if (auto *M = dyn_cast<types::Map>(U); M && keyMayPanic(M->Key))
      return false;
    for (syntax::Expr *Elt : CL->Elems) {
      if (auto *KV = dyn_cast<KeyValueExpr>(Elt)) {
        // A struct literal's keys are field names; the others' are
        // evaluated (map keys) or constant (array indices).
        if (!isa<types::Struct>(U) && !isPureInit(KV->Key))
          return false;
        Elt = KV->Value;
      }
      if (!isPureInit(Elt))
        return false;
    }
    return true;
  }
  case NodeKind::Operation: {
    // &T{...} and &v; any other operation on non-constants may panic
    // (division, shifts) or is not worth the analysis.
    auto *O = cast<Operation>(E);
    if (O->Op != Operator::And || O->Y)
      return false;
    syntax::Expr *X = unparen(O->X);
    if (isa<CompositeLit>(X))
      return isPureInit(X);
    auto *N = dyn_cast<syntax::Name>(X);
    auto *V = N ? dyn_cast_or_null<Var>(N->Obj) : nullptr;
    return V && V->IsGlobal;
  }
  default:
    return false; // calls, receives, indexing, closures, ...
  }
}

llvm::Function *Lowerer::outlineMapInit(Var *V, syntax::Expr *Rhs,
                                        llvm::GlobalVariable *GV) {
  // Package main's functions are local symbols, which --defsym cannot name;
  // its variables are rarely unused anyway.
  if (isMainPackage() || !isa<types::Map>(V->type()->underlying()))
    return nullptr;
  auto *CL = dyn_cast<CompositeLit>(unparen(Rhs));
  if (!CL || CL->Elems.size() < MinOutlinedMapElems || !isPureInit(CL))
    return nullptr;
  auto *FT = llvm::FunctionType::get(VoidTy, {Ptr}, false);
  std::string Name =
      Info.Pkg->Path + ".map.init." + std::to_string(OutlinedInits.size());
  std::optional<std::string> MRef = linkRefName(Name);
  if (!MRef)
    return nullptr;
  llvm::Function *Fn =
      createGeneratedFunction(Name, FT, llvm::GlobalValue::ExternalLinkage);
  {
    GeneratedBody FL(*this, Fn);
    FL.SP = attachSubprogram(Fn, Rhs->pos());
    FL.setLoc(Rhs->pos());
    FL.emitStoreInto(Rhs, V->type(), GV);
    FL.B.CreateRetVoid();
  }
  auto *Decl = llvm::Function::Create(FT, llvm::GlobalValue::ExternalLinkage,
                                      *MRef, *Mod);
  setGoFunctionAttrs(Decl);
  OutlinedInits.push_back({*MRef, Name, GV});
  return Decl;
}
