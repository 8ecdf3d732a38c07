//===- frontend/check_generic.cpp - Type parameters and instances ---------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Generics, checked and instantiated the way gortc compiles them: one copy
// of the code per distinct list of type arguments (monomorphisation), so
// that a call through a constraint's method is a direct call LLVM can
// inline.
//
// Declarations. A generic function's signature and a generic type's type
// parameters are checked once, with TypeParam types (constraints are
// interfaces; `[T ~int | string]` gets an implicit one whose Unions hold
// the terms). A generic declaration has no code of its own.
//
// Generic bodies are checked on their own too (checkGenericBodies), as the
// instance whose type arguments are the declaration's own type parameters,
// and report their errors as gc does. Operations on a type parameter
// follow its type set as types2 does (types::typeSetTerms, typeSetIs,
// typeSetUnderIs and coreType): operators every type of the set allows,
// untyped constants that fit every type, conversions and assignments that
// hold for every type (or pair of types), indexing, len and cap, close
// and delete over every type; make, range, append, send, receive,
// indirection, calls and composite literals through the core type;
// comparison with nil when every type has nil; no static check of a type
// assertion to a type parameter. Inference unifies an outside type
// parameter with a type literal through its core type. A body with errors
// is not checked again in its instances (Func::BodyErrors).
//
// Instances. Instantiating F or T with type arguments copies the
// declaration's syntax tree (syntax::cloneTree) and checks the copy in a
// scope that binds each type parameter's name to its argument, as an alias
// would. The copy is then ordinary, fully typed code: codegen lowers it
// like any function, and the instance of a generic type is a Named type
// like any other, whose name carries its arguments as gc's do
// ("Pair[main.Job,string]"). Instances are made once per identical list of
// type arguments (Generics[...].Instances), by the checker of the generic's
// own package (TypeContext::CheckerOf), so that the copy resolves names in
// that package; their bodies are checked after the package that asked for
// them (TypeContext::PendingInstances).
//
// Which package compiles an instance: every package whose code uses it
// (Info::Instances), as linkonce_odr functions the linker merges. An
// instance records the instances its own type and body use (InstUses), so
// a package that uses one compiles the whole closure and its object file
// never depends on which other packages happened to instantiate what.
//
// Inference (infer) follows the Go 1.19 spec: function argument type
// inference unifies parameter and argument types (typed arguments first,
// then untyped constants take their default types), then constraint type
// inference uses core types (`S ~[]E` gives E from S, or S from E).
//
//===----------------------------------------------------------------------===//

#include "frontend/check.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace gortc;
using namespace gortc::types;
using namespace gortc::syntax;
using llvm::cast;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;
using llvm::isa;

namespace {

/// Whether T has a type parameter for which Match holds.
bool hasTypeParam(Type *T, llvm::function_ref<bool(TypeParam *)> Match,
                  llvm::SmallPtrSetImpl<Type *> &Seen) {
  if (!T || !Seen.insert(T).second)
    return false;
  switch (T->kind()) {
  case TypeKind::TypeParam:
    return Match(cast<TypeParam>(T));
  case TypeKind::Basic:
    return false;
  case TypeKind::Pointer:
    return hasTypeParam(cast<Pointer>(T)->Elem, Match, Seen);
  case TypeKind::Slice:
    return hasTypeParam(cast<Slice>(T)->Elem, Match, Seen);
  case TypeKind::Array:
    return hasTypeParam(cast<Array>(T)->Elem, Match, Seen);
  case TypeKind::Map:
    return hasTypeParam(cast<Map>(T)->Key, Match, Seen) ||
           hasTypeParam(cast<Map>(T)->Elem, Match, Seen);
  case TypeKind::Chan:
    return hasTypeParam(cast<Chan>(T)->Elem, Match, Seen);
  case TypeKind::Struct:
    for (Var *F : cast<Struct>(T)->Fields)
      if (hasTypeParam(F->type(), Match, Seen))
        return true;
    return false;
  case TypeKind::Tuple:
    for (Var *V : cast<Tuple>(T)->Vars)
      if (hasTypeParam(V->type(), Match, Seen))
        return true;
    return false;
  case TypeKind::Signature: {
    auto *S = cast<Signature>(T);
    return hasTypeParam(S->Params, Match, Seen) ||
           hasTypeParam(S->Results, Match, Seen);
  }
  case TypeKind::Interface:
    for (Func *M : cast<Interface>(T)->Methods)
      if (hasTypeParam(M->type(), Match, Seen))
        return true;
    for (Type *E : cast<Interface>(T)->Embeddeds)
      if (hasTypeParam(E, Match, Seen))
        return true;
    for (const auto &U : cast<Interface>(T)->Unions)
      for (const Interface::Term &Tm : U)
        if (hasTypeParam(Tm.T, Match, Seen))
          return true;
    return false;
  case TypeKind::Named:
    for (Type *A : cast<Named>(T)->TypeArgs)
      if (hasTypeParam(A, Match, Seen))
        return true;
    return false;
  }
  return false;
}

bool containsTypeParam(Type *T) {
  llvm::SmallPtrSet<Type *, 8> Seen;
  return hasTypeParam(
      T, [](TypeParam *) { return true; }, Seen);
}

/// Whether T mentions the type parameter P.
bool mentions(Type *T, TypeParam *P) {
  llvm::SmallPtrSet<Type *, 8> Seen;
  return hasTypeParam(
      T, [P](TypeParam *Q) { return Q == P; }, Seen);
}

bool anyTypeParam(llvm::ArrayRef<Type *> Ts) {
  return llvm::any_of(Ts, [](Type *T) { return containsTypeParam(T); });
}

/// The type parameter names a receiver `(r *T[A, B])` declares. In an
/// instance's copy of the declaration, a blank name `_` (which the
/// receiver type must still mention) is replaced by a name of its own.
llvm::SmallVector<syntax::Expr *, 2>
receiverTypeParams(syntax::Field *Recv, llvm::BumpPtrAllocator &A) {
  llvm::SmallVector<syntax::Expr *, 2> Names;
  auto *IX = dyn_cast<IndexExpr>(receiverType(Recv));
  if (!IX)
    return Names;
  if (auto *L = dyn_cast<ListExpr>(IX->Index))
    Names.append(L->Elems.begin(), L->Elems.end());
  else
    Names.push_back(IX->Index);
  bool Blank = false;
  for (size_t I = 0; I < Names.size(); ++I)
    if (auto *N = dyn_cast<syntax::Name>(Names[I]); N && N->Value == "_") {
      std::string S = "_·" + std::to_string(I);
      char *P = A.Allocate<char>(S.size());
      std::copy(S.begin(), S.end(), P);
      Names[I] = new (A.Allocate<syntax::Name>())
          syntax::Name(N->pos(), llvm::StringRef(P, S.size()));
      Blank = true;
    }
  if (!Blank)
    return Names;
  if (auto *L = dyn_cast<ListExpr>(IX->Index)) {
    auto **Mem = A.Allocate<syntax::Expr *>(Names.size());
    std::copy(Names.begin(), Names.end(), Mem);
    L->Elems = llvm::ArrayRef<syntax::Expr *>(Mem, Names.size());
  } else {
    IX->Index = Names[0];
  }
  return Names;
}

using TypeMap = llvm::DenseMap<TypeParam *, Type *>;

} // namespace

//===----------------------------------------------------------------------===//
// Type parameter lists and constraints
//===----------------------------------------------------------------------===//

std::vector<TypeParam *>
Checker::declareTypeParams(Scope *S, llvm::ArrayRef<syntax::Field *> List,
                           Pos ScopePos, std::vector<TypeParam *> *Early) {
  std::vector<TypeParam *> TPs;
  // All names first: a constraint may use any of the list's parameters.
  for (syntax::Field *F : List) {
    llvm::StringRef Name = F->N ? F->N->Value : "_";
    auto *TN =
        Ctx.make<TypeName>(F->N ? F->N->pos() : F->pos(), Pkg, Name, nullptr);
    auto *TP = Ctx.make<TypeParam>(TN, unsigned(TPs.size()));
    TN->setType(TP);
    if (F->N)
      declare(S, F->N, TN, ScopePos);
    TPs.push_back(TP);
  }
  if (Early) // a constraint may mention the generic type being declared
    *Early = TPs;
  Scope *Saved = CurScope;
  CurScope = S;
  bool SavedIn = InTParamList;
  InTParamList = true;
  syntax::Expr *Prev = nullptr;
  Type *Bound = nullptr;
  for (size_t I = 0; I < List.size(); ++I) {
    if (List[I]->Type != Prev) {
      Prev = List[I]->Type;
      Bound = constraintType(Prev);
    }
    TPs[I]->Constraint = Bound;
  }
  InTParamList = SavedIn;
  CurScope = Saved;
  return TPs;
}

void Checker::collectTerms(syntax::Expr *E,
                           std::vector<Interface::Term> &Terms) {
  if (auto *O = dyn_cast<Operation>(E)) {
    if (O->Op == Operator::Or && O->Y) {
      collectTerms(O->X, Terms);
      collectTerms(O->Y, Terms);
      return;
    }
    if (O->Op == Operator::Tilde) {
      Terms.push_back({true, typ(O->X)});
      return;
    }
  }
  Terms.push_back({false, typ(E)});
}

Type *Checker::constraintType(syntax::Expr *E) {
  auto Implicit = [&](std::vector<Interface::Term> Terms) {
    auto *I = Ctx.make<Interface>();
    I->HasTypeTerms = true;
    I->Implicit = true;
    I->Unions.push_back(std::move(Terms));
    completeInterface(Ctx, I);
    return I;
  };
  if (auto *O = dyn_cast<Operation>(unparen(E));
      O && ((O->Op == Operator::Or && O->Y) || O->Op == Operator::Tilde)) {
    std::vector<Interface::Term> Terms;
    collectTerms(O, Terms);
    return Implicit(std::move(Terms));
  }
  Type *T = typ(E);
  if (T == Ctx.invalid() || !T->underlying() || isa<Interface>(T->underlying()))
    return T;
  return Implicit({{false, T}});
}

std::string Checker::genericString(Named *G) {
  // types2's typestring: consecutive parameters with one constraint share
  // it ("Pair[K, V any]").
  std::string S = str(G) + "[";
  for (size_t I = 0; I < G->TParams.size(); ++I) {
    TypeParam *TP = G->TParams[I];
    if (I)
      S += ", ";
    S += TP->Obj->name().str();
    if (I + 1 == G->TParams.size() ||
        G->TParams[I + 1]->Constraint != TP->Constraint)
      S += " " + str(TP->Constraint);
  }
  return S + "]";
}

std::vector<Type *> Checker::typeArgs(syntax::Expr *Index) {
  std::vector<Type *> Args;
  llvm::SmallVector<syntax::Expr *, 2> Es{Index};
  if (auto *L = dyn_cast<ListExpr>(Index))
    Es.assign(L->Elems.begin(), L->Elems.end());
  for (syntax::Expr *E : Es)
    Args.push_back(varType(E));
  return Args;
}

//===----------------------------------------------------------------------===//
// Instances
//===----------------------------------------------------------------------===//

namespace {
/// The name of an instance, as gc's runtime prints it: the type arguments
/// qualified by package ("Pair[main.Job,string]").
std::string instanceName(llvm::StringRef Base, llvm::ArrayRef<Type *> Args) {
  std::string S = Base.str() + "[";
  for (size_t I = 0; I < Args.size(); ++I) {
    if (I)
      S += ",";
    S += typeString(Args[I]);
  }
  return S + "]";
}

Object *
findInstance(llvm::ArrayRef<std::pair<std::vector<Type *>, Object *>> Instances,
             llvm::ArrayRef<Type *> Args) {
  for (auto &[A, O] : Instances) {
    if (A.size() != Args.size())
      continue;
    bool Same = true;
    for (size_t I = 0; I < A.size() && Same; ++I)
      Same = identical(A[I], Args[I]);
    if (Same)
      return O;
  }
  return nullptr;
}
} // namespace

namespace gortc {
namespace types {
/// State of a checker that is reused to make an instance at any point of
/// another check: the instance is checked as package-level code.
struct InstanceScope {
  InstanceScope(Checker &C, std::vector<Object *> *Uses)
      : C(C), SavedScope(C.CurScope), SavedUses(C.CurUses),
        SavedDecl(C.CurDecl), SavedIota(C.Iota),
        SavedFuncs(std::move(C.FuncStack)) {
    C.FuncStack.clear();
    C.CurUses = Uses;
    C.CurDecl = nullptr;
    C.Iota.reset();
  }
  ~InstanceScope() {
    C.CurScope = SavedScope;
    C.CurUses = SavedUses;
    C.CurDecl = SavedDecl;
    C.Iota = SavedIota;
    C.FuncStack = std::move(SavedFuncs);
  }
  Checker &C;
  Scope *SavedScope;
  std::vector<Object *> *SavedUses;
  Checker::DeclInfo *SavedDecl;
  std::optional<ConstValue> SavedIota;
  std::vector<Checker::FuncCtx *> SavedFuncs;
};
} // namespace types
} // namespace gortc

void Checker::recordUse(Object *Inst) {
  (CurUses ? *CurUses : RootUses).push_back(Inst);
}

Scope *Checker::instScope(Scope *Parent, llvm::ArrayRef<syntax::Expr *> Names,
                          llvm::ArrayRef<Type *> Args) {
  auto *S = Ctx.make<Scope>(Parent, Pos(), Pos(), false);
  for (size_t I = 0; I < Names.size() && I < Args.size(); ++I) {
    auto *N = dyn_cast<syntax::Name>(Names[I]);
    if (!N || N->Value == "_")
      continue;
    auto *TN = Ctx.make<TypeName>(N->pos(), Pkg, N->Value, Args[I]);
    TN->IsAlias = true;
    N->Obj = TN;
    S->insert(TN);
  }
  return S;
}

Named *Checker::instanceType(Named *G, llvm::ArrayRef<Type *> Args, Pos P,
                             Checker *Requester) {
  GenericDecl &GD = Generics[G->Obj];
  Named *N = nullptr;
  if (Object *O = findInstance(GD.Instances, Args)) {
    N = cast<Named>(O->type());
  } else if (Ctx.InstanceNesting > MaxInstanceNesting) {
    // type T[P any] struct{ f *T[[]P] }: every instance needs a new one.
    error(G->Obj->pos(), "instantiation cycle");
    return G;
  } else {
    ++Ctx.InstanceNesting;
    auto *TN = Ctx.make<TypeName>(G->Obj->pos(), Pkg,
                                  Ctx.save(instanceName(G->Obj->name(), Args)),
                                  nullptr);
    TN->setParent(G->Obj->parent());
    TN->LocalIndex = G->Obj->LocalIndex;
    N = Ctx.make<Named>(TN);
    TN->setType(N);
    N->Orig = G;
    N->TypeArgs.assign(Args.begin(), Args.end());
    GD.Instances.push_back({N->TypeArgs, TN});
    InstanceScope IS(*this, &N->InstUses);
    llvm::SmallVector<syntax::Expr *, 4> Names;
    for (syntax::Field *F : GD.TD->TParams)
      Names.push_back(F->N);
    CurScope = instScope(GD.FileScope, Names, Args);
    syntax::Expr *RHS = cloneTree(GD.TD->Type, Ctx.allocator());
    Type *Rhs = definedType(RHS, N);
    N->RHS = Rhs;
    Type *U = Rhs->underlying();
    if (auto *RN = dyn_cast<Named>(U)) {
      // An instance whose underlying type is still being made (a cycle
      // through instances): it gets that type when RN is complete.
      PendingUnderlying[RN].push_back(N);
      U = nullptr;
    }
    N->Underlying = U;
    if (U)
      resolvePendingUnderlying(N);
    for (Func *GM : G->Methods)
      instanceMethod(N, GM);
    // This package's own checks run their delayed parts at its phase
    // boundaries; for another package's, this checker is idle: now.
    if (Requester != this)
      processLater();
    --Ctx.InstanceNesting;
  }
  if (Requester)
    Requester->recordUse(N->Obj);
  return N;
}

void Checker::instanceSignature(Func *F, Scope *IS) {
  syntax::FuncDecl *FD = F->Decl;
  Scope *FnScope = Ctx.make<Scope>(IS, FD->pos(), Pos(), true);
  bool PtrRecv = false;
  Signature *Sig = funcType(FD, FnScope, FD->Recv, FD->Type, PtrRecv);
  *F->sig() = *Sig;
  F->PtrRecv = PtrRecv;
  FD->Type->TV.Ty = F->sig();
  FnScopes[FD] = FnScope;
}

Func *Checker::instanceMethod(Named *N, Func *GM) {
  syntax::FuncDecl *FD = cloneTree(GM->Decl, Ctx.allocator());
  auto *F =
      Ctx.make<Func>(GM->pos(), GM->pkg(), GM->name(), Ctx.make<Signature>());
  F->Decl = FD;
  F->Orig = GM;
  F->TypeArgs = N->TypeArgs;
  FD->N->Obj = F;
  N->Methods.push_back(F);
  InstanceScope IS(*this, &F->InstUses);
  CurScope =
      instScope(Generics[N->Orig->Obj].FileScope,
                receiverTypeParams(FD->Recv, Ctx.allocator()), N->TypeArgs);
  instanceSignature(F, CurScope);
  if (FD->Body && !anyTypeParam(N->TypeArgs))
    Ctx.PendingInstances.push_back(F);
  return F;
}

Func *Checker::instanceFunc(Func *G, llvm::ArrayRef<Type *> Args, Pos P,
                            Checker *Requester) {
  GenericDecl &GD = Generics[G];
  Func *F;
  unsigned Depth = Requester && Requester->CurInstance
                       ? Requester->CurInstance->InstDepth + 1
                       : 0;
  if (Object *O = findInstance(GD.Instances, Args)) {
    F = cast<Func>(O);
  } else if (Depth > MaxInstanceNesting) {
    // f[T] instantiating f[[]T]: an endless chain of instances.
    error(G->pos(), "instantiation cycle");
    return nullptr;
  } else {
    syntax::FuncDecl *FD = cloneTree(G->Decl, Ctx.allocator());
    llvm::SmallVector<syntax::Expr *, 4> Names;
    for (syntax::Field *TP : FD->TParams)
      Names.push_back(TP->N);
    FD->TParams = {};
    F = Ctx.make<Func>(G->pos(), G->pkg(),
                       Ctx.save(instanceName(G->name(), Args)),
                       Ctx.make<Signature>());
    F->Decl = FD;
    F->Orig = G;
    F->TypeArgs.assign(Args.begin(), Args.end());
    F->InstDepth = Depth;
    FD->N->Obj = F;
    GD.Instances.push_back({F->TypeArgs, F});
    InstanceScope IS(*this, &F->InstUses);
    CurScope = instScope(GD.FileScope, Names, Args);
    instanceSignature(F, CurScope);
    if (FD->Body && !anyTypeParam(Args))
      Ctx.PendingInstances.push_back(F);
    if (Requester != this)
      processLater();
  }
  if (Requester)
    Requester->recordUse(F);
  return F;
}

Func *Checker::instantiate(Func *G, llvm::ArrayRef<Type *> Args, Pos P) {
  Checker *Owner = Ctx.CheckerOf.lookup(G->pkg());
  if (!Owner)
    Owner = this;
  return Owner->instanceFunc(G, Args, P, this);
}

Type *Checker::instantiateTypeExpr(Named *G, syntax::IndexExpr *E) {
  std::vector<Type *> Args = typeArgs(E->Index);
  if (llvm::is_contained(Args, Ctx.invalid()))
    return Ctx.invalid();
  if (Args.size() != G->TParams.size()) {
    errorAt(E, "got " + std::to_string(Args.size()) + " arguments but " +
                   std::to_string(G->TParams.size()) + " type parameters");
    return Ctx.invalid();
  }
  llvm::SmallVector<Pos, 4> ArgPos;
  if (auto *L = dyn_cast<ListExpr>(E->Index))
    for (syntax::Expr *A : L->Elems)
      ArgPos.push_back(startPos(A));
  else
    ArgPos.push_back(startPos(E->Index));
  // Verified later, as types2 does: a constraint may need the method sets
  // of types still being declared (type T[P interface{ M() T[P] }]).
  Later.push_back([this, G, Args, P = E->pos(), ArgPos] {
    verifyTypeArgs(G->TParams, Args, P, ArgPos);
  });
  Checker *Owner = Ctx.CheckerOf.lookup(G->Obj->pkg());
  if (!Owner)
    Owner = this;
  return Owner->instanceType(G, Args, E->pos(), this);
}

void Checker::checkInstanceBody(Func *F) {
  if (F->Orig && F->Orig->BodyErrors)
    return;
  syntax::FuncDecl *FD = F->Decl;
  InstanceScope IS(*this, &F->InstUses);
  bool SavedIn = InInstance;
  Func *SavedInst = CurInstance;
  InInstance = true;
  CurInstance = F;
  funcBody(FD, F, F->sig(), FD->Body);
  processLater();
  finalizeUntyped();
  InInstance = SavedIn;
  CurInstance = SavedInst;
}

void Checker::checkGenericBodies() {
  for (auto &[Obj, D] : ObjMap) {
    if (auto *G = dyn_cast<Func>(Obj); G && G->Generic && !G->TParams.empty()) {
      std::vector<Type *> Own(G->TParams.begin(), G->TParams.end());
      checkGenericBody(instanceFunc(G, Own, G->pos(), nullptr));
    } else if (auto *TN = dyn_cast<TypeName>(Obj)) {
      auto *G = dyn_cast_or_null<Named>(TN->type());
      if (!G || G->TParams.empty())
        continue;
      std::vector<Type *> Own(G->TParams.begin(), G->TParams.end());
      Named *N = instanceType(G, Own, TN->pos(), nullptr);
      for (Func *M : N->Methods)
        checkGenericBody(M);
    }
  }
}

void Checker::checkGenericBody(Func *F) {
  syntax::FuncDecl *FD = F->Decl;
  if (!FD->Body)
    return;
  InstanceScope IS(*this, &F->InstUses);
  InGenericBody = true;
  unsigned Before = Diags.errorCount();
  funcBody(FD, F, F->sig(), FD->Body);
  processLater();
  finalizeUntyped();
  InGenericBody = false;
  if (Diags.errorCount() != Before)
    (F->Orig ? F->Orig : F)->BodyErrors = true;
}

void Checker::drainInstances() {
  // Checking a body may queue more instances: index, not iterators.
  for (size_t I = 0; I < Ctx.PendingInstances.size(); ++I) {
    Func *F = Ctx.PendingInstances[I];
    Checker *Owner = Ctx.CheckerOf.lookup(F->pkg());
    (Owner ? Owner : this)->checkInstanceBody(F);
  }
  Ctx.PendingInstances.clear();
  // What this package compiles: the closure of the instances it uses.
  llvm::SmallPtrSet<Object *, 16> Seen;
  std::vector<Object *> Work(RootUses.begin(), RootUses.end());
  while (!Work.empty()) {
    Object *O = Work.back();
    Work.pop_back();
    if (!Seen.insert(O).second)
      continue;
    if (auto *F = dyn_cast<Func>(O)) {
      if (anyTypeParam(F->TypeArgs))
        continue;
      if (F->Decl && F->Decl->Body) {
        Out->Instances.push_back(F);
        Out->Funcs.push_back(F);
      }
      Work.insert(Work.end(), F->InstUses.begin(), F->InstUses.end());
      continue;
    }
    auto *N = cast<Named>(O->type());
    if (anyTypeParam(N->TypeArgs))
      continue;
    Out->NamedTypes.push_back(N);
    Work.insert(Work.end(), N->Methods.begin(), N->Methods.end());
    Work.insert(Work.end(), N->InstUses.begin(), N->InstUses.end());
  }
}

//===----------------------------------------------------------------------===//
// Inference
//===----------------------------------------------------------------------===//

namespace {
class Unifier {
public:
  Unifier(llvm::ArrayRef<TypeParam *> TPs, TypeMap &M) : TPs(TPs), M(M) {}

  bool isOurs(Type *T) const {
    auto *P = dyn_cast<TypeParam>(T);
    return P && llvm::is_contained(TPs, P);
  }

  bool unify(Type *X, Type *Y) {
    if (isOurs(Y) && !isOurs(X))
      std::swap(X, Y);
    if (isOurs(X)) {
      auto *P = cast<TypeParam>(X);
      if (Type *B = M.lookup(P))
        return X == Y || unify(B, Y);
      if (P == Y)
        return true;
      M[P] = Y;
      return true;
    }
    if (X == Y || (!containsTypeParam(X) && identical(X, Y)))
      return true;
    auto *NX = dyn_cast<Named>(X), *NY = dyn_cast<Named>(Y);
    if (NX && NY) {
      if (NX->Orig && NX->Orig == NY->Orig) {
        for (size_t I = 0; I < NX->TypeArgs.size(); ++I)
          if (!unify(NX->TypeArgs[I], NY->TypeArgs[I]))
            return false;
        return true;
      }
      return false;
    }
    // A type parameter from outside (a generic body's own, not one being
    // inferred) matches a type literal through its core type (types2, Go
    // issue 50755).
    auto HasName = [](Type *T) {
      return isa<Named>(T) || isa<Basic>(T) || isa<TypeParam>(T);
    };
    if (isa<TypeParam>(X) && !HasName(Y))
      if (Type *C = coreType(X))
        return unify(C, Y);
    if (isa<TypeParam>(Y) && !HasName(X))
      if (Type *C = coreType(Y))
        return unify(X, C);
    // Inexact unification: a defined type matches a type literal through
    // its underlying type.
    if (NX)
      X = NX->underlying();
    if (NY)
      Y = NY->underlying();
    if (X->kind() != Y->kind())
      return false;
    switch (X->kind()) {
    case TypeKind::Basic:
      return X == Y;
    case TypeKind::Pointer:
      return unify(cast<Pointer>(X)->Elem, cast<Pointer>(Y)->Elem);
    case TypeKind::Slice:
      return unify(cast<Slice>(X)->Elem, cast<Slice>(Y)->Elem);
    case TypeKind::Array:
      return cast<Array>(X)->Len == cast<Array>(Y)->Len &&
             unify(cast<Array>(X)->Elem, cast<Array>(Y)->Elem);
    case TypeKind::Map:
      return unify(cast<Map>(X)->Key, cast<Map>(Y)->Key) &&
             unify(cast<Map>(X)->Elem, cast<Map>(Y)->Elem);
    case TypeKind::Chan:
      return unify(cast<Chan>(X)->Elem, cast<Chan>(Y)->Elem);
    case TypeKind::Tuple: {
      auto *A = cast<Tuple>(X), *B = cast<Tuple>(Y);
      if (A->size() != B->size())
        return false;
      for (size_t I = 0; I < A->size(); ++I)
        if (!unify(A->Vars[I]->type(), B->Vars[I]->type()))
          return false;
      return true;
    }
    case TypeKind::Signature: {
      auto *A = cast<Signature>(X), *B = cast<Signature>(Y);
      auto Size = [](Tuple *T) { return T ? T->size() : 0; };
      if (A->Variadic != B->Variadic || Size(A->Params) != Size(B->Params) ||
          Size(A->Results) != Size(B->Results))
        return false;
      return (!A->Params || unify(A->Params, B->Params)) &&
             (!A->Results || unify(A->Results, B->Results));
    }
    case TypeKind::Struct: {
      auto *A = cast<Struct>(X), *B = cast<Struct>(Y);
      if (A->Fields.size() != B->Fields.size())
        return false;
      for (size_t I = 0; I < A->Fields.size(); ++I)
        if (A->Fields[I]->name() != B->Fields[I]->name() ||
            A->Fields[I]->Embedded != B->Fields[I]->Embedded ||
            !unify(A->Fields[I]->type(), B->Fields[I]->type()))
          return false;
      return true;
    }
    default:
      return identical(X, Y);
    }
  }

private:
  llvm::ArrayRef<TypeParam *> TPs;
  TypeMap &M;
};

/// The core type of a constraint's type set as inference uses it: its
/// single term (`~[]E` gives []E with Tilde set), or the one underlying
/// type of all its terms (Tilde set).
Type *coreTerm(Type *Constraint, bool &Tilde) {
  std::vector<Interface::Term> Terms;
  if (!typeSetTerms(Constraint, Terms))
    return nullptr;
  if (Terms.size() == 1) {
    Tilde = Terms[0].Tilde;
    return Terms[0].T;
  }
  Tilde = true;
  return termsCore(Terms);
}
} // namespace

namespace {
/// Substitutes the mapped type parameters in T, instantiating generic
/// types through Inst.
class Substituter {
public:
  Substituter(TypeContext &Ctx, const TypeMap &M,
              llvm::function_ref<Type *(Named *, llvm::ArrayRef<Type *>)> Inst)
      : Ctx(Ctx), M(M), Inst(Inst) {}

  Type *subst(Type *T) {
    if (!T || !containsTypeParam(T))
      return T;
    // A mapping that leads back to its parameter (an inference gone
    // wrong) must not recurse forever.
    if (Depth > 64)
      return T;
    struct Nest {
      unsigned &D;
      explicit Nest(unsigned &D) : D(D) { ++D; }
      ~Nest() { --D; }
    } Guard(Depth);
    switch (T->kind()) {
    case TypeKind::TypeParam:
      if (Type *B = M.lookup(cast<TypeParam>(T)))
        return B == T ? T : subst(B);
      return T;
    case TypeKind::Pointer:
      return Ctx.make<Pointer>(subst(cast<Pointer>(T)->Elem));
    case TypeKind::Slice:
      return Ctx.make<Slice>(subst(cast<Slice>(T)->Elem));
    case TypeKind::Array:
      return Ctx.make<Array>(subst(cast<Array>(T)->Elem), cast<Array>(T)->Len);
    case TypeKind::Map:
      return Ctx.make<Map>(subst(cast<Map>(T)->Key), subst(cast<Map>(T)->Elem));
    case TypeKind::Chan:
      return Ctx.make<Chan>(cast<Chan>(T)->Dir, subst(cast<Chan>(T)->Elem));
    case TypeKind::Tuple:
      return tuple(cast<Tuple>(T));
    case TypeKind::Signature: {
      auto *S = cast<Signature>(T);
      auto *R = Ctx.make<Signature>();
      R->Params = tuple(S->Params);
      R->Results = tuple(S->Results);
      R->Variadic = S->Variadic;
      return R;
    }
    case TypeKind::Struct: {
      auto *S = cast<Struct>(T);
      auto *R = Ctx.make<Struct>();
      for (Var *F : S->Fields) {
        auto *NF =
            Ctx.make<Var>(F->pos(), F->pkg(), F->name(), subst(F->type()));
        NF->IsField = true;
        NF->Embedded = F->Embedded;
        R->Fields.push_back(NF);
      }
      R->Tags = S->Tags;
      return R;
    }
    case TypeKind::Named: {
      auto *N = cast<Named>(T);
      std::vector<Type *> Args;
      for (Type *A : N->TypeArgs)
        Args.push_back(subst(A));
      return Inst(N->Orig, Args);
    }
    case TypeKind::Interface: {
      auto *I = cast<Interface>(T);
      auto *R = Ctx.make<Interface>();
      for (Func *M : I->Methods) {
        auto *Sig = cast<Signature>(subst(M->sig()));
        Sig->Recv = M->sig()->Recv;
        auto *NM = Ctx.make<Func>(M->pos(), M->pkg(), M->name(), Sig);
        NM->Iface = R;
        R->Methods.push_back(NM);
      }
      for (Type *E : I->Embeddeds)
        R->Embeddeds.push_back(subst(E));
      for (const auto &U : I->Unions) {
        R->Unions.emplace_back();
        for (const Interface::Term &Tm : U)
          R->Unions.back().push_back({Tm.Tilde, subst(Tm.T)});
      }
      R->HasTypeTerms = I->HasTypeTerms;
      R->IsComparableConstraint = I->IsComparableConstraint;
      completeInterface(Ctx, R);
      return R;
    }
    default:
      return T;
    }
  }

private:
  Tuple *tuple(Tuple *T) {
    if (!T)
      return nullptr;
    auto *R = Ctx.make<Tuple>();
    for (Var *V : T->Vars) {
      auto *NV = Ctx.make<Var>(V->pos(), V->pkg(), V->name(), subst(V->type()));
      NV->IsParam = V->IsParam;
      R->Vars.push_back(NV);
    }
    return R;
  }

  TypeContext &Ctx;
  const TypeMap &M;
  llvm::function_ref<Type *(Named *, llvm::ArrayRef<Type *>)> Inst;
  unsigned Depth = 0;
};
} // namespace

bool Checker::infer(Func *G, std::vector<Type *> &TArgs,
                    std::vector<Operand> &Args, syntax::CallExpr *Call, Pos P) {
  if (TArgs.size() >= G->TParams.size())
    return true;
  auto InstOf = [&](Named *N, llvm::ArrayRef<Type *> A) -> Type * {
    Checker *Owner = Ctx.CheckerOf.lookup(N->Obj->pkg());
    return (Owner ? Owner : this)->instanceType(N, A, P, this);
  };
  // In G's own generic body, arguments mention G's type parameters
  // (Deeper([]T{x}) inside Deeper[T]): infer with fresh copies of them, as
  // types2 renames, or T would be unified with []T.
  llvm::ArrayRef<TypeParam *> TPs = G->TParams;
  std::vector<TypeParam *> Fresh;
  TypeMap Renames;
  Substituter R(Ctx, Renames, InstOf);
  bool Rename = llvm::any_of(Args, [&](Operand &A) {
    return !A.invalid() && A.T &&
           llvm::any_of(TPs, [&](TypeParam *TP) { return mentions(A.T, TP); });
  });
  if (Rename) {
    for (TypeParam *TP : TPs) {
      Fresh.push_back(Ctx.make<TypeParam>(TP->Obj, TP->Index));
      Renames[TP] = Fresh.back();
    }
    for (size_t I = 0; I < TPs.size(); ++I)
      Fresh[I]->Constraint = R.subst(TPs[I]->Constraint);
    TPs = Fresh;
  }
  TypeMap M;
  for (size_t I = 0; I < TArgs.size() && I < TPs.size(); ++I)
    M[TPs[I]] = TArgs[I];
  Unifier U(TPs, M);
  Substituter S(Ctx, M, InstOf);

  Signature *Sig = G->sig();
  size_t NParams = Sig->Params ? Sig->Params->size() : 0;
  auto ParamType = [&](size_t I) -> Type * {
    Type *T = nullptr;
    if (!Sig->Variadic || I + 1 < NParams)
      T = I < NParams ? Sig->Params->Vars[I]->type() : nullptr;
    else if (Call && Call->HasDots)
      T = Sig->Params->Vars[NParams - 1]->type();
    else
      T = cast<Slice>(Sig->Params->Vars[NParams - 1]->type())->Elem;
    return Rename ? R.subst(T) : T;
  };
  // Typed arguments first, then untyped constants (their default types).
  llvm::SmallPtrSet<TypeParam *, 4> FromUntyped;
  for (int Pass = 0; Pass < 2; ++Pass) {
    for (size_t I = 0; I < Args.size(); ++I) {
      Operand &A = Args[I];
      Type *PT = ParamType(I);
      if (A.invalid() || !PT || !containsTypeParam(PT))
        continue;
      bool Untyped = isUntyped(A.T);
      if (Pass == 0 && !Untyped) {
        if (!U.unify(PT, A.T)) {
          errorAt(A, "type " + str(A.T) + " of " + str(A.E) +
                         " does not match " + str(S.subst(PT)));
          return false;
        }
      } else if (Pass == 1 && Untyped && !A.IsNil) {
        // Go 1.19: each untyped constant gives its default type; two that
        // disagree are an error (Go 1.21 takes the largest kind instead).
        auto *TP = dyn_cast<TypeParam>(PT);
        if (!TP || !U.isOurs(TP))
          continue;
        Type *D = defaultType(Ctx, A.T);
        if (!M.lookup(TP)) {
          M[TP] = D;
          FromUntyped.insert(TP);
        } else if (FromUntyped.count(TP) && !identical(M.lookup(TP), D)) {
          errorAt(A, "default type " + str(D) + " of " + str(A.E) +
                         " does not match inferred type " + str(M.lookup(TP)) +
                         " for " + TP->Obj->name().str());
          return false;
        }
      }
    }
  }
  // Constraint type inference, to a fixed point.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (TypeParam *TP : TPs) {
      bool Tilde = false;
      Type *Core = coreTerm(TP->Constraint, Tilde);
      if (!Core)
        continue;
      if (Type *B = M.lookup(TP)) {
        size_t Before = M.size();
        // (an outside type parameter keeps its name: the unifier matches
        // it through its core type)
        Type *BT = Tilde && !isa<TypeParam>(B) ? B->underlying() : B;
        if (containsTypeParam(Core) && !U.unify(Core, BT)) {
          error(P, str(B) + " does not match " + str(S.subst(Core)));
          return false;
        }
        Changed |= M.size() != Before;
      } else if (!Tilde || containsTypeParam(Core)) {
        // The core type gives TP once it mentions no unknown parameter.
        Type *T = S.subst(Core);
        bool Known = llvm::none_of(
            TPs, [&](TypeParam *Q) { return !M.lookup(Q) && mentions(T, Q); });
        if (Known) {
          M[TP] = T;
          Changed = true;
        }
      }
    }
  }
  TArgs.clear();
  for (TypeParam *TP : TPs) {
    Type *B = M.lookup(TP);
    if (!B) {
      error(P, "cannot infer " + TP->Obj->name().str() + " (" +
                   posStr(TP->Obj->pos()) + ")");
      return false;
    }
    TArgs.push_back(S.subst(B));
  }
  return true;
}

namespace {
std::string unionString(const std::vector<Interface::Term> &U, Package *P) {
  std::string S;
  for (const Interface::Term &T : U) {
    if (!S.empty())
      S += " | ";
    S += (T.Tilde ? "~" : "") + typeString(T.T, P);
  }
  return S;
}
} // namespace

bool Checker::satisfies(Type *Arg, Type *Bound, std::string &Cause) {
  auto *I = dyn_cast_or_null<Interface>(Bound->underlying());
  if (!I || Arg == Ctx.invalid())
    return true;
  completeInterface(Ctx, I);
  std::string Not = str(Arg) + " does not implement " + str(Bound);
  // The methods.
  if (!I->AllMethods.empty()) {
    Func *Missing = nullptr, *Wrong = nullptr;
    bool PtrRecv = false;
    auto *MI = Ctx.make<Interface>();
    MI->Methods = I->AllMethods;
    completeInterface(Ctx, MI);
    if (!implements(Ctx, Arg, MI, &Missing, &Wrong, &PtrRecv)) {
      Cause = Not + " " + missingMethodReason(Arg, Bound, Missing, Wrong);
      return false;
    }
  }
  // comparable, and the type terms of each union (of the interface and the
  // interfaces it embeds).
  bool Ok = forEachEmbedded(I, [&](Interface *X) {
    for (Type *E : X->Embeddeds)
      if (E == Ctx.comparableType() && !comparable(Arg)) {
        Cause = str(Arg) + " does not implement comparable";
        return false;
      }
    for (const auto &U : X->Unions) {
      bool In = llvm::any_of(U, [&](const Interface::Term &T) {
        if (isa<Interface>(T.T->underlying())) { // a constraint as a term
          std::string Ignored;
          return satisfies(Arg, T.T, Ignored);
        }
        return T.Tilde ? identical(Arg->underlying(), T.T->underlying())
                       : identical(Arg, T.T);
      });
      if (In)
        continue;
      bool Tilde = llvm::any_of(U, [&](const Interface::Term &T) {
        return !T.Tilde && identical(Arg->underlying(), T.T);
      });
      Cause = Not + " (" +
              (Tilde ? "possibly missing ~ for " + str(Arg->underlying()) +
                           " in " + str(Bound)
                     : str(Arg) + " missing in " + unionString(U, Pkg)) +
              ")";
      return false;
    }
    return true;
  });
  if (!Ok)
    return false;
  if (I->IsComparableConstraint && I->Unions.empty() && !comparable(Arg)) {
    Cause = str(Arg) + " does not implement comparable";
    return false;
  }
  return true;
}

bool Checker::verifyTypeArgs(llvm::ArrayRef<TypeParam *> TPs,
                             llvm::ArrayRef<Type *> Args, Pos P,
                             llvm::ArrayRef<Pos> ArgPos) {
  if (anyTypeParam(Args))
    return true; // inside generic code: its instances are verified
  TypeMap M;
  for (size_t I = 0; I < TPs.size() && I < Args.size(); ++I)
    M[TPs[I]] = Args[I];
  auto InstOf = [&](Named *N, llvm::ArrayRef<Type *> A) -> Type * {
    Checker *Owner = Ctx.CheckerOf.lookup(N->Obj->pkg());
    return (Owner ? Owner : this)->instanceType(N, A, P, this);
  };
  Substituter S(Ctx, M, InstOf);
  for (size_t I = 0; I < TPs.size() && I < Args.size(); ++I) {
    std::string Cause;
    if (TPs[I]->Constraint &&
        !satisfies(Args[I], S.subst(TPs[I]->Constraint), Cause)) {
      error(I < ArgPos.size() ? ArgPos[I] : P, Cause);
      return false;
    }
  }
  return true;
}

bool Checker::instantiateOperand(Operand &X, std::vector<Operand> *Args,
                                 syntax::CallExpr *Call, Pos P) {
  Func *G = X.Generic;
  std::vector<Type *> TArgs = X.TArgs;
  if (TArgs.size() > G->TParams.size()) {
    errorAt(X, "got " + std::to_string(TArgs.size()) + " type arguments but " +
                   G->name().str() + " has " +
                   std::to_string(G->TParams.size()) + " type parameters");
    X.M = Mode::Invalid;
    X.Generic = nullptr;
    return false;
  }
  if (TArgs.size() < G->TParams.size()) {
    // Without a call only constraint type inference can complete the list
    // (f2[byte] of f2[A any, B interface{ []A }]).
    std::vector<Operand> None;
    if (!Args && (TArgs.empty() || !infer(G, TArgs, None, nullptr, P))) {
      if (TArgs.empty())
        errorAt(X, "cannot use generic function " + G->name().str() +
                       " without instantiation");
      X.M = Mode::Invalid;
      X.Generic = nullptr;
      return false;
    }
    if (Args && !infer(G, TArgs, *Args, Call, Call->pos())) {
      X.M = Mode::Invalid;
      X.Generic = nullptr;
      return false;
    }
  }
  if (!verifyTypeArgs(G->TParams, TArgs, P, X.TArgPos)) {
    X.M = Mode::Invalid;
    X.Generic = nullptr;
    return false;
  }
  Func *F = instantiate(G, TArgs, P);
  if (!F) {
    X.M = Mode::Invalid;
    X.Generic = nullptr;
    return false;
  }
  if (X.GenericName)
    X.GenericName->Obj = F;
  X.Generic = nullptr;
  X.TArgs.clear();
  X.TArgPos.clear();
  X.T = F->sig();
  if (X.E)
    X.E->TV.Ty = F->sig();
  if (X.GenericName)
    X.GenericName->TV.Ty = F->sig();
  return true;
}

void Checker::finalizeUntyped() {
  for (auto &[E, UI] : Untyped) {
    const ConstValue *V = UI.Val ? Ctx.makeConst(*UI.Val) : nullptr;
    E->TV = {UI.M, UI.T, V};
  }
  Untyped.clear();
}
