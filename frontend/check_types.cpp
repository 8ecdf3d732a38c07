//===- frontend/check_types.cpp - Go type checker: type expressions -------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Type expressions, signatures, structs and interfaces (go/types typexpr.go,
// signature.go, struct.go, interface.go), and the detection of invalid
// recursive types (validtype.go). See check.h for the overview.
//
//===----------------------------------------------------------------------===//

#include "frontend/check.h"

#include "frontend/scanner.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

#include "llvm/ADT/STLExtras.h"

using namespace gortc;
using namespace gortc::types;
using namespace gortc::syntax;
using llvm::cast;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;
using llvm::isa;
using llvm::isa_and_nonnull;

Type *Checker::typ(syntax::Expr *E) { return definedType(E, nullptr); }

Type *Checker::varType(syntax::Expr *E) {
  Type *T = definedType(E, nullptr);
  validVarType(E, T);
  return T;
}

void Checker::validVarType(syntax::Expr *E, Type *T) {
  if (isTypeParam(T))
    return;
  // Interfaces with type terms or comparable may only be constraints.
  Later.push_back([this, E, T] {
    if (auto *I = dyn_cast<Interface>(T->underlying())) {
      completeInterface(Ctx, I);
      if (I->HasTypeTerms)
        errorAt(E, "cannot use type " + str(T) +
                       " outside a type constraint: interface contains type "
                       "constraints");
      else if (I->IsComparableConstraint)
        errorAt(E, "cannot use type " + str(T) +
                       " outside a type constraint: interface is (or embeds) "
                       "comparable");
    }
  });
}

Type *Checker::definedType(syntax::Expr *E, Named *Def) {
  Type *T = typInternal(E, Def);
  E->TV = {Mode::TypeExpr, T, nullptr};
  return T;
}

int64_t Checker::arrayLength(syntax::Expr *E) {
  if (auto *N = dyn_cast<syntax::Name>(E)) {
    Object *Obj = lookup(N->Value);
    if (!Obj) {
      error(N->pos(),
            "undeclared name " + N->Value.str() + " for array length");
      return -1;
    }
    if (!isa<Const>(Obj)) {
      error(N->pos(), "invalid array length " + N->Value.str());
      return -1;
    }
  }
  Operand X;
  expr(X, E);
  if (X.M != Mode::Constant) {
    if (X.M != Mode::Invalid)
      errorAt(X, "array length " + str(X) + " must be constant");
    return -1;
  }
  if (isUntyped(X.T) || isInteger(X.T)) {
    ConstValue V = X.Val.toInt();
    if (V.kind() == ConstValue::Kind::Int) {
      if (representableConst(V, Ctx.basic(BasicKind::Int), nullptr)) {
        if (V.intVal().fitsInt64() && V.intVal().sign() >= 0)
          return V.intVal().getInt64();
        errorAt(X, "invalid array length " + str(X));
        return -1;
      }
    }
  }
  errorAt(X, "array length " + str(X) + " must be integer");
  return -1;
}

void Checker::namedOperand(Operand &X, syntax::Expr *E, Named *Def) {
  if (auto *N = dyn_cast<syntax::Name>(E))
    ident(X, N, Def, true);
  else if (auto *S = dyn_cast<SelectorExpr>(E))
    selector(X, S, Def);
  else
    exprOrType(X, E);
}

Type *Checker::typInternal(syntax::Expr *E0, Named *Def) {
  switch (E0->kind()) {
  case NodeKind::BadExpr:
    return Ctx.invalid();

  case NodeKind::Name:
  case NodeKind::SelectorExpr: {
    Operand X;
    namedOperand(X, E0, Def);
    switch (X.M) {
    case Mode::TypeExpr:
      if (auto *G = dyn_cast<Named>(X.T); G && !G->TParams.empty()) {
        errorAt(E0, "cannot use generic type " + genericString(G) +
                        " without instantiation");
        return Ctx.invalid();
      }
      return X.T;
    case Mode::Invalid:
      return Ctx.invalid();
    case Mode::NoValue:
      errorAt(X, str(X) + " used as type");
      return Ctx.invalid();
    default:
      errorAt(X, str(X) + " is not a type");
      return Ctx.invalid();
    }
  }

  case NodeKind::IndexExpr: {
    // An instance of a generic type: T[int], pkg.T[K, V].
    auto *IX = cast<IndexExpr>(E0);
    syntax::Expr *GX = unparen(IX->X);
    Operand X;
    namedOperand(X, GX, nullptr);
    if (X.M == Mode::TypeExpr)
      if (auto *G = dyn_cast<Named>(X.T); G && !G->TParams.empty())
        return instantiateTypeExpr(G, IX);
    if (X.M != Mode::Invalid && X.T != Ctx.invalid()) // e.g. after a cycle
      errorAt(GX, str(GX) + " is not a generic type");
    use(IX->Index);
    return Ctx.invalid();
  }

  case NodeKind::ParenExpr:
    return definedType(cast<ParenExpr>(E0)->X, Def);

  case NodeKind::ArrayType: {
    auto *E = cast<ArrayType>(E0);
    if (!E->Len) {
      errorAt(E, "invalid use of [...] array (outside a composite literal)");
      varType(E->Elem);
      return Ctx.invalid();
    }
    int64_t Len = arrayLength(E->Len);
    Type *Elem = varType(E->Elem);
    if (Len < 0)
      return Ctx.invalid();
    return Ctx.make<Array>(Elem, Len);
  }

  case NodeKind::SliceType:
    return Ctx.make<Slice>(varType(cast<SliceType>(E0)->Elem));

  case NodeKind::DotsType:
    errorAt(E0, "invalid use of '...'");
    return Ctx.invalid();

  case NodeKind::StructType:
    return structType(cast<StructType>(E0));

  case NodeKind::Operation: {
    auto *E = cast<Operation>(E0);
    if (E->Op == Operator::Mul && !E->Y) {
      auto *P = Ctx.make<Pointer>(Ctx.invalid());
      P->Elem = typ(E->X);
      return P;
    }
    if (E->Op == Operator::Tilde || E->Op == Operator::Or) {
      errorAt(E, "cannot use ~ outside of interface or type constraint");
      return Ctx.invalid();
    }
    errorAt(E0, str(E0) + " is not a type");
    return Ctx.invalid();
  }

  case NodeKind::FuncType: {
    Scope *S = Ctx.make<Scope>(CurScope, E0->pos(), Pos(), true);
    bool PtrRecv;
    return funcType(nullptr, S, nullptr, cast<FuncType>(E0), PtrRecv);
  }

  case NodeKind::InterfaceType:
    return interfaceType(cast<InterfaceType>(E0), Def);

  case NodeKind::MapType: {
    auto *E = cast<MapType>(E0);
    Type *Key = varType(E->Key);
    Type *Elem = varType(E->Value);
    auto *M = Ctx.make<Map>(Key, Elem);
    // Delay the key check: it needs fully set up types.
    Later.push_back([this, E, Key] {
      if (!comparable(Key))
        errorAt(E->Key, "invalid map key type " + str(Key));
    });
    return M;
  }

  case NodeKind::ChanType: {
    auto *E = cast<syntax::ChanType>(E0);
    types::ChanDir Dir = types::ChanDir::SendRecv;
    if (E->Dir == syntax::ChanDir::SendOnly)
      Dir = types::ChanDir::SendOnly;
    else if (E->Dir == syntax::ChanDir::RecvOnly)
      Dir = types::ChanDir::RecvOnly;
    return Ctx.make<Chan>(Dir, varType(E->Elem));
  }

  default:
    errorAt(E0, str(E0) + " is not a type");
    return Ctx.invalid();
  }
}

Tuple *Checker::collectParams(llvm::ArrayRef<syntax::Field *> List,
                              bool VariadicOk, bool &Variadic,
                              llvm::SmallVectorImpl<ParamDecl> &Decls) {
  auto *T = Ctx.make<Tuple>();
  Variadic = false;
  Type *Typ = nullptr;
  syntax::Expr *Prev = nullptr;
  for (size_t I = 0; I < List.size(); ++I) {
    syntax::Field *F = List[I];
    syntax::Expr *FType = F->Type;
    if (FType != Prev) {
      Prev = FType;
      if (auto *D = dyn_cast<DotsType>(FType)) {
        FType = D->Elem;
        if (VariadicOk && I + 1 == List.size())
          Variadic = true;
        else
          errorAt(D, "can only use ... with final parameter in list");
      }
      Typ = varType(FType);
    }
    Var *Par;
    if (F->N) {
      Par = Ctx.make<Var>(F->N->pos(), Pkg, F->N->Value, Typ);
      Par->IsParam = true;
      Par->Used = true; // parameters are always "used"
      Decls.emplace_back(F->N, Par);
    } else {
      Par = Ctx.make<Var>(F->pos(), Pkg, "", Typ);
      Par->IsParam = true;
      Par->Used = true;
    }
    T->Vars.push_back(Par);
  }
  if (Variadic) {
    Var *Last = T->Vars.back();
    Last->setType(Ctx.make<Slice>(Last->type()));
    List.back()->Type->TV = {Mode::TypeExpr, Last->type(), nullptr};
  }
  return T;
}

Signature *Checker::funcType(syntax::Node *Owner, Scope *FnScope,
                             syntax::Field *Recv, syntax::FuncType *FT,
                             bool &PtrRecv) {
  auto *Sig = Ctx.make<Signature>();
  PtrRecv = false;
  Scope *SavedScope = CurScope;
  CurScope = FnScope;
  llvm::SmallVector<ParamDecl, 8> Decls;
  if (Recv) {
    bool V;
    Tuple *R =
        collectParams(llvm::ArrayRef<syntax::Field *>(Recv), false, V, Decls);
    Var *RV = R->Vars[0];
    Sig->Recv = RV;
    // The receiver type must be of the form T or *T where T is a type name
    // declared in this package, and T's underlying type is not a pointer or
    // interface. Check it once the base type is complete.
    Type *RT = RV->type();
    Type *Base = RT;
    if (auto *P = dyn_cast<Pointer>(RT)) {
      Base = P->Elem;
      PtrRecv = true;
    }
    // Errors are reported at the receiver variable, as types2 does.
    Later.push_back([this, RV, RT, Base] {
      if (Base == Ctx.invalid() || RT == Ctx.invalid())
        return;
      if (auto *N = dyn_cast<Named>(Base)) {
        if (N->Obj->pkg() != Pkg) {
          error(RV->pos(),
                "cannot define new methods on non-local type " + str(N));
          return;
        }
        Type *U = N->Underlying ? N->Underlying : Ctx.invalid();
        if (isa<Pointer, Interface>(U))
          error(RV->pos(), "invalid receiver type " + str(Base) +
                               " (pointer or interface type)");
      } else if (auto *B = dyn_cast<Basic>(Base); B && B != Ctx.invalid()) {
        error(RV->pos(),
              "cannot define new methods on non-local type " + str(Base));
      } else if (!isa<Basic>(Base)) {
        error(RV->pos(), "invalid receiver type " + str(RT));
      }
    });
  }
  bool Variadic;
  Sig->Params = collectParams(FT->Params, true, Variadic, Decls);
  Sig->Variadic = Variadic;
  bool RV;
  Sig->Results = collectParams(FT->Results, false, RV, Decls);
  for (auto &[N, Par] : Decls)
    declare(FnScope, N, Par, FnScope->Start);
  CurScope = SavedScope;
  FT->TV = {Mode::TypeExpr, Sig, nullptr};
  if (Owner)
    FnScopes[Owner] = FnScope;
  return Sig;
}

/// The name of an embedded field type T, *T, pkg.T or T[...], or null.
static syntax::Name *embeddedFieldIdent(syntax::Expr *E) {
  for (;;) {
    if (auto *N = dyn_cast<syntax::Name>(E))
      return N;
    if (auto *O = dyn_cast<Operation>(E)) {
      if (O->Op == Operator::Mul && !O->Y) {
        // *T is valid, but **T is not
        if (auto *In = dyn_cast<Operation>(O->X);
            In && In->Op == Operator::Mul && !In->Y)
          return nullptr;
        E = O->X;
        continue;
      }
      return nullptr;
    }
    if (auto *S = dyn_cast<SelectorExpr>(E))
      return S->Sel;
    if (auto *I = dyn_cast<IndexExpr>(E)) {
      E = I->X;
      continue;
    }
    return nullptr;
  }
}

Struct *Checker::structType(syntax::StructType *E) {
  auto *S = Ctx.make<Struct>();
  Type *Typ = nullptr;
  syntax::Expr *Prev = nullptr;
  llvm::StringMap<Var *> Seen;
  for (size_t I = 0; I < E->Fields.size(); ++I) {
    syntax::Field *F = E->Fields[I];
    if (I == 0 || F->Type != Prev) {
      Typ = varType(F->Type);
      Prev = F->Type;
    }
    std::string Tag;
    if (I < E->Tags.size() && E->Tags[I]) {
      if (!unquoteGoLiteral(E->Tags[I]->Value, Tag)) {
        errorAt(E->Tags[I], "incorrect tag syntax: " + E->Tags[I]->Value.str());
        Tag.clear();
      }
    }
    syntax::Name *Id = F->N;
    Pos P;
    bool Embedded = false;
    if (Id) {
      P = Id->pos();
    } else {
      P = startPos(F->Type);
      Id = embeddedFieldIdent(F->Type);
      if (!Id) {
        error(P, "invalid embedded field type " + str(F->Type));
        continue;
      }
      Embedded = true;
      Type *ET = Typ;
      Later.push_back([this, ET, P] {
        Type *T = ET;
        bool IsPtr = false;
        if (auto *PT = dyn_cast<Pointer>(T)) {
          T = PT->Elem;
          IsPtr = true;
        }
        Type *U = T->underlying();
        if (auto *B = dyn_cast<Basic>(U)) {
          if (T == Ctx.invalid())
            return;
          if (B->basicKind() == BasicKind::UnsafePointer)
            error(P, "embedded field type cannot be unsafe.Pointer");
        } else if (isa<Pointer>(U)) {
          error(P, "embedded field type cannot be a pointer");
        } else if (isa<Interface>(U) && IsPtr) {
          error(P, "embedded field type cannot be a pointer to an interface");
        }
      });
    }
    auto *Fld = Ctx.make<Var>(P, Pkg, Id->Value, Typ);
    Fld->IsField = true;
    Fld->Embedded = Embedded;
    if (Id->Value != "_") {
      auto [It, Inserted] = Seen.try_emplace(Id->Value, Fld);
      if (!Inserted) {
        reportMulti(P, {{P, Id->Value.str() + " redeclared"},
                        {It->second->pos(),
                         "other declaration of " + Id->Value.str()}});
        continue;
      }
    }
    if (!Embedded)
      Id->Obj = Fld;
    S->Fields.push_back(Fld);
    S->Tags.push_back(Tag);
  }
  return S;
}

Interface *Checker::interfaceType(syntax::InterfaceType *E, Named *Def) {
  auto *I = Ctx.make<Interface>();
  llvm::StringMap<Func *> Seen;
  std::vector<Pos> EmbedPos; ///< where each of I->Embeddeds is written
  for (syntax::Field *F : E->Methods) {
    if (!F->N) {
      // An embedded element: an interface type, or a type term.
      syntax::Expr *TE = F->Type;
      if (auto *O = dyn_cast<Operation>(TE);
          O && (O->Op == Operator::Or || O->Op == Operator::Tilde)) {
        std::vector<Interface::Term> Terms;
        collectTerms(TE, Terms);
        // A term that is an interface without type terms or methods (any)
        // makes the union every type: no restriction (`any | int`).
        bool All = llvm::any_of(Terms, [](const Interface::Term &T) {
          auto *TI = dyn_cast_or_null<Interface>(T.T->underlying());
          return TI && TI->Complete && TI->empty() &&
                 !TI->IsComparableConstraint;
        });
        if (!All) {
          I->HasTypeTerms = true;
          I->Unions.push_back(std::move(Terms));
        }
        continue;
      }
      Type *T = typ(TE);
      if (T == Ctx.invalid())
        continue;
      // A type term makes a constraint-only interface. A defined type still
      // being resolved (an embedding cycle through a method signature) is
      // left to completeInterface.
      Type *U = T->underlying();
      if (!isa<Interface>(U) && !isa<Named>(U) && U != Ctx.invalid()) {
        I->HasTypeTerms = true;
        I->Unions.push_back({{false, T}});
        continue;
      }
      I->Embeddeds.push_back(T);
      EmbedPos.push_back(startPos(TE));
      continue;
    }
    // A method.
    syntax::Name *Name = F->N;
    if (Name->Value == "_") {
      error(Name->pos(), "methods must have a unique non-blank name");
      continue;
    }
    Scope *S = Ctx.make<Scope>(CurScope, F->pos(), Pos(), true);
    bool PtrRecv;
    Signature *Sig =
        funcType(nullptr, S, nullptr, cast<FuncType>(F->Type), PtrRecv);
    Type *RecvT = Def ? static_cast<Type *>(Def) : static_cast<Type *>(I);
    Sig->Recv = Ctx.make<Var>(Name->pos(), Pkg, "", RecvT);
    auto *M = Ctx.make<Func>(Name->pos(), Pkg, Name->Value, Sig);
    M->Iface = I;
    Name->Obj = M;
    auto [It, Inserted] = Seen.try_emplace(Name->Value, M);
    if (!Inserted) {
      reportMulti(
          Name->pos(),
          {{Name->pos(), "duplicate method " + Name->Value.str()},
           {It->second->pos(), "other declaration of " + Name->Value.str()}});
      continue;
    }
    I->Methods.push_back(M);
  }
  // Compute the method set once the embedded types are complete. Embedded
  // interfaces may be named types still being declared; complete lazily.
  if (I->Embeddeds.empty()) {
    completeInterface(Ctx, I);
  } else {
    Later.push_back([this, I, EmbedPos] { embeddedDuplicates(I, EmbedPos); });
    bool AllComplete = true;
    for (Type *T : I->Embeddeds)
      if (!T->underlying() || isa<Named>(T->underlying()))
        AllComplete = false;
    if (AllComplete) {
      completeInterface(Ctx, I);
    } else {
      Later.push_back([this, I] { completeInterface(Ctx, I); });
    }
  }
  return I;
}

/// Reports a method that two embedded interfaces (or an embedded one and
/// an explicit method) both have with different signatures: "duplicate
/// method m" at the embedding that adds the second (types2's
/// computeInterfaceTypeSet; identical duplicates are fine since Go 1.14).
void Checker::embeddedDuplicates(Interface *I,
                                 const std::vector<Pos> &EmbedPos) {
  llvm::StringMap<std::pair<Func *, Pos>> Have;
  for (Func *M : I->Methods)
    Have.try_emplace(M->qualifiedName(), M, M->pos());
  for (size_t K = 0; K < I->Embeddeds.size(); ++K) {
    auto *EI = dyn_cast<Interface>(I->Embeddeds[K]->underlying());
    if (!EI)
      continue;
    completeInterface(Ctx, EI);
    for (Func *M : EI->AllMethods) {
      auto [It, New] = Have.try_emplace(M->qualifiedName(), M, EmbedPos[K]);
      Func *Other = It->second.first;
      if (New || Other == M || identical(M->type(), Other->type()))
        continue;
      std::string Name = M->name().str();
      reportMulti(EmbedPos[K],
                  {{EmbedPos[K], "duplicate method " + Name},
                   {It->second.second, "other declaration of " + Name}});
    }
  }
}

/// Reports invalid recursive types: a named type that contains itself by
/// value (through arrays and struct fields). Path holds the named types on
/// the current search path. Named types found valid are remembered and not
/// walked again (as types2's validType): interfaces that embed T twice at
/// each of 30 levels would otherwise take 2^30 steps.
bool Checker::validType(Type *T, llvm::SmallVectorImpl<Named *> &Path) {
  switch (T->kind()) {
  case TypeKind::Array:
    return validType(cast<Array>(T)->Elem, Path);
  case TypeKind::Struct:
    for (Var *F : cast<Struct>(T)->Fields)
      if (!validType(F->type(), Path))
        return false;
    return true;
  case TypeKind::Interface:
    for (Type *E : cast<Interface>(T)->Embeddeds)
      if (!validType(E, Path))
        return false;
    return true;
  case TypeKind::Named: {
    auto *N = cast<Named>(T);
    if (N->Obj->pkg() != Pkg)
      return true;
    if (!N->Underlying) {
      ++ValidIncomplete; // not declared yet: its own check comes later
      return true;
    }
    if (N->Underlying == Ctx.invalid())
      return false; // reported already
    if (ValidTypes.count(N))
      return true;
    for (size_t I = 0; I < Path.size(); ++I) {
      if (Path[I] == N) {
        llvm::SmallVector<Object *, 4> Cycle;
        for (size_t J = I; J < Path.size(); ++J)
          Cycle.push_back(Path[J]->Obj);
        cycleError(Cycle);
        for (size_t J = I; J < Path.size(); ++J)
          Path[J]->Underlying = Ctx.invalid();
        return false;
      }
    }
    Path.push_back(N);
    unsigned Incomplete = ValidIncomplete;
    bool Ok = validType(N->RHS ? N->RHS : N->Underlying, Path);
    Path.pop_back();
    // A complete walk that found no cycle through N's path cannot find one
    // later from another path either (it would have reached N again). A
    // walk that met types not declared yet proves nothing.
    if (Ok && Incomplete == ValidIncomplete)
      ValidTypes.insert(N);
    return Ok;
  }
  default:
    return true;
  }
}
