//===- frontend/types.cpp - Go types, objects and scopes ------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See types.h. The universe, scopes, sizes, type strings, predicates
// (identity, comparability), and member lookup (go/types lookup.go).
//
//===----------------------------------------------------------------------===//

#include "frontend/types.h"

#include "frontend/scanner.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

using namespace gortc;
using namespace gortc::types;
using llvm::cast;
using llvm::dyn_cast;
using llvm::isa;

Type *Type::underlying() {
  Type *T = this;
  // Bounded loop: a Named's underlying is never a Named once resolved.
  for (int I = 0; I < 100; ++I) {
    if (auto *N = dyn_cast<Named>(T)) {
      if (!N->Underlying)
        return T;
      T = N->Underlying;
      continue;
    }
    if (auto *P = dyn_cast<TypeParam>(T))
      return P->Constraint ? P->Constraint->underlying() : T;
    return T;
  }
  return T;
}

//===----------------------------------------------------------------------===//
// Objects and scopes
//===----------------------------------------------------------------------===//

bool Object::exported() const {
  if (Name.empty())
    return false;
  unsigned char C = Name[0];
  if (C < 0x80)
    return C >= 'A' && C <= 'Z';
  // Non-ASCII upper-case letters are rare in identifiers; treat as
  // unexported unless in the Latin-1/Greek/Cyrillic upper-case blocks.
  unsigned W;
  uint32_t R = decodeRune(Name, 0, W);
  return (R >= 0xC0 && R <= 0xDE && R != 0xD7) || (R >= 0x391 && R <= 0x3A9) ||
         (R >= 0x410 && R <= 0x42F);
}

std::string Object::qualifiedName() const {
  if (exported() || !Pkg)
    return Name.str();
  return Pkg->Path + "." + Name.str();
}

Object *Scope::insert(Object *Obj) {
  auto [It, Inserted] = Elems.try_emplace(Obj->name(), Obj);
  if (!Inserted)
    return It->second;
  Order.push_back(Obj);
  if (!Obj->parent())
    Obj->setParent(this);
  return nullptr;
}

Object *Scope::lookupParent(llvm::StringRef Name, Pos P, Scope **Found) const {
  for (const Scope *S = this; S; S = S->Parent) {
    if (Object *Obj = S->lookup(Name)) {
      if (!P.isValid() || !Obj->ScopePos.isValid() || !(P < Obj->ScopePos)) {
        if (Found)
          *Found = const_cast<Scope *>(S);
        return Obj;
      }
    }
  }
  if (Found)
    *Found = nullptr;
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Universe
//===----------------------------------------------------------------------===//

TypeContext::TypeContext() {
  struct {
    BasicKind K;
    unsigned Info;
    const char *Name;
  } const Table[] = {
      {BasicKind::Invalid, 0, "invalid type"},
      {BasicKind::Bool, IsBoolean, "bool"},
      {BasicKind::Int, IsInteger, "int"},
      {BasicKind::Int8, IsInteger, "int8"},
      {BasicKind::Int16, IsInteger, "int16"},
      {BasicKind::Int32, IsInteger, "int32"},
      {BasicKind::Int64, IsInteger, "int64"},
      {BasicKind::Uint, IsInteger | IsUnsigned, "uint"},
      {BasicKind::Uint8, IsInteger | IsUnsigned, "uint8"},
      {BasicKind::Uint16, IsInteger | IsUnsigned, "uint16"},
      {BasicKind::Uint32, IsInteger | IsUnsigned, "uint32"},
      {BasicKind::Uint64, IsInteger | IsUnsigned, "uint64"},
      {BasicKind::Uintptr, IsInteger | IsUnsigned, "uintptr"},
      {BasicKind::Float32, IsFloat, "float32"},
      {BasicKind::Float64, IsFloat, "float64"},
      {BasicKind::Complex64, IsComplex, "complex64"},
      {BasicKind::Complex128, IsComplex, "complex128"},
      {BasicKind::String, IsString, "string"},
      {BasicKind::UnsafePointer, 0, "Pointer"},
      {BasicKind::UntypedBool, IsBoolean | IsUntyped, "untyped bool"},
      {BasicKind::UntypedInt, IsInteger | IsUntyped, "untyped int"},
      {BasicKind::UntypedRune, IsInteger | IsUntyped, "untyped rune"},
      {BasicKind::UntypedFloat, IsFloat | IsUntyped, "untyped float"},
      {BasicKind::UntypedComplex, IsComplex | IsUntyped, "untyped complex"},
      {BasicKind::UntypedString, IsString | IsUntyped, "untyped string"},
      {BasicKind::UntypedNil, IsUntyped, "untyped nil"},
  };
  for (const auto &E : Table)
    Basics[int(E.K)] = make<Basic>(E.K, E.Info, E.Name);
  ByteT = make<Basic>(BasicKind::Uint8, IsInteger | IsUnsigned, "byte");
  RuneT = make<Basic>(BasicKind::Int32, IsInteger, "rune");
  EmptyTuple = make<Tuple>();

  Universe = make<Scope>(nullptr, Pos(), Pos(), false);
  auto DefType = [&](llvm::StringRef Name, Type *T) {
    auto *TN = make<TypeName>(Pos(), nullptr, Name, T);
    Universe->insert(TN);
    return TN;
  };
  for (int K = int(BasicKind::Bool); K <= int(BasicKind::String); ++K)
    DefType(Basics[K]->name(), Basics[K]);
  DefType("byte", ByteT)->IsAlias = true;
  DefType("rune", RuneT)->IsAlias = true;

  // type error interface{ Error() string }
  {
    auto *TN = make<TypeName>(Pos(), nullptr, "error", nullptr);
    auto *N = make<Named>(TN);
    TN->setType(N);
    auto *Sig = make<Signature>();
    Sig->Params = EmptyTuple;
    Sig->Results = make<Tuple>();
    Sig->Results->Vars.push_back(
        make<Var>(Pos(), nullptr, "", Basics[int(BasicKind::String)]));
    auto *Iface = make<Interface>();
    auto *M = make<Func>(Pos(), nullptr, "Error", Sig);
    M->Iface = Iface;
    Sig->Recv = make<Var>(Pos(), nullptr, "", N);
    Iface->Methods.push_back(M);
    completeInterface(*this, Iface);
    N->Underlying = Iface;
    Universe->insert(TN);
    ErrorT = N;
  }
  // type any = interface{}
  {
    auto *Iface = make<Interface>();
    Iface->Complete = true;
    Iface->UniverseAny = true;
    AnyT = Iface;
    DefType("any", Iface)->IsAlias = true;
  }
  // type comparable interface{ comparable }
  {
    auto *TN = make<TypeName>(Pos(), nullptr, "comparable", nullptr);
    auto *N = make<Named>(TN);
    TN->setType(N);
    auto *Iface = make<Interface>();
    Iface->Complete = true;
    Iface->IsComparableConstraint = true;
    N->Underlying = Iface;
    Universe->insert(TN);
    ComparableT = N;
  }

  auto DefConst = [&](llvm::StringRef Name, BasicKind K, ConstValue V) {
    auto *C = make<Const>(Pos(), nullptr, Name, Basics[int(K)]);
    C->Val = makeConst(std::move(V));
    Universe->insert(C);
    return C;
  };
  DefConst("true", BasicKind::UntypedBool, ConstValue::makeBool(true));
  DefConst("false", BasicKind::UntypedBool, ConstValue::makeBool(false));
  Iota = DefConst("iota", BasicKind::UntypedInt, ConstValue::makeInt64(0));
  NilObj = make<Nil>(Basics[int(BasicKind::UntypedNil)]);
  Universe->insert(NilObj);

  struct {
    const char *Name;
    BuiltinId Id;
  } const Builtins[] = {
      {"append", BuiltinId::Append},   {"cap", BuiltinId::Cap},
      {"close", BuiltinId::Close},     {"complex", BuiltinId::Complex},
      {"copy", BuiltinId::Copy},       {"delete", BuiltinId::Delete},
      {"imag", BuiltinId::Imag},       {"len", BuiltinId::Len},
      {"make", BuiltinId::Make},       {"new", BuiltinId::New},
      {"panic", BuiltinId::Panic},     {"print", BuiltinId::Print},
      {"println", BuiltinId::Println}, {"real", BuiltinId::Real},
      {"recover", BuiltinId::Recover},
  };
  for (const auto &B : Builtins)
    Universe->insert(make<Builtin>(B.Name, B.Id, Basics[0]));

  // package unsafe
  Unsafe = make<Package>("unsafe", "unsafe");
  Unsafe->PkgScope = make<Scope>(Universe, Pos(), Pos(), false);
  {
    auto *TN = make<TypeName>(Pos(), Unsafe, "Pointer",
                              Basics[int(BasicKind::UnsafePointer)]);
    Unsafe->PkgScope->insert(TN);
    struct {
      const char *Name;
      BuiltinId Id;
    } const UB[] = {{"Add", BuiltinId::Add},
                    {"Alignof", BuiltinId::Alignof},
                    {"Offsetof", BuiltinId::Offsetof},
                    {"Sizeof", BuiltinId::Sizeof},
                    {"Slice", BuiltinId::UnsafeSlice}};
    for (const auto &B : UB)
      Unsafe->PkgScope->insert(make<Builtin>(B.Name, B.Id, Basics[0]));
  }
}

//===----------------------------------------------------------------------===//
// Sizes (gc's gcSizes for 64-bit targets)
//===----------------------------------------------------------------------===//

static int64_t roundUp(int64_t O, int64_t A) { return (O + A - 1) / A * A; }

int64_t TypeContext::alignOf(Type *T) {
  Type *U = T->underlying();
  switch (U->kind()) {
  case TypeKind::Array:
    return alignOf(cast<Array>(U)->Elem);
  case TypeKind::Struct: {
    int64_t Max = 1;
    for (Var *F : cast<Struct>(U)->Fields)
      Max = std::max(Max, alignOf(F->type()));
    return Max;
  }
  case TypeKind::Slice:
  case TypeKind::Interface:
    return 8;
  case TypeKind::Basic:
    if (cast<Basic>(U)->info() & IsString)
      return 8;
    break;
  default:
    break;
  }
  int64_t A = sizeOf(T);
  if (A < 1)
    return 1;
  if (isComplex(T))
    A /= 2;
  return std::min<int64_t>(A, 8);
}

std::vector<int64_t> TypeContext::offsetsOf(Struct *S) {
  std::vector<int64_t> Offs;
  int64_t O = 0;
  for (Var *F : S->Fields) {
    O = roundUp(O, alignOf(F->type()));
    Offs.push_back(O);
    O += sizeOf(F->type());
  }
  return Offs;
}

int64_t TypeContext::sizeOf(Type *T) {
  Type *U = T->underlying();
  auto It = SizeCache.find(U);
  if (It != SizeCache.end())
    return It->second;
  int64_t Size = 8;
  switch (U->kind()) {
  case TypeKind::Basic:
    switch (cast<Basic>(U)->basicKind()) {
    case BasicKind::Bool:
    case BasicKind::Int8:
    case BasicKind::Uint8:
      Size = 1;
      break;
    case BasicKind::Int16:
    case BasicKind::Uint16:
      Size = 2;
      break;
    case BasicKind::Int32:
    case BasicKind::Uint32:
    case BasicKind::Float32:
      Size = 4;
      break;
    case BasicKind::Complex128:
    case BasicKind::String:
      Size = 16;
      break;
    default:
      Size = 8;
    }
    break;
  case TypeKind::Array: {
    auto *A = cast<Array>(U);
    Size = A->Len <= 0 ? 0 : sizeOf(A->Elem) * A->Len;
    break;
  }
  case TypeKind::Slice:
    Size = 24;
    break;
  case TypeKind::Struct: {
    auto *S = cast<Struct>(U);
    if (S->Fields.empty()) {
      Size = 0;
      break;
    }
    std::vector<int64_t> Offs = offsetsOf(S);
    int64_t Last = sizeOf(S->Fields.back()->type());
    // gc: the last field of a non-zero-sized struct may not have size 0.
    if (Last == 0 && Offs.back() > 0)
      Last = 1;
    Size = roundUp(Offs.back() + Last, alignOf(S));
    break;
  }
  case TypeKind::Interface:
    Size = 16;
    break;
  default:
    Size = 8;
  }
  SizeCache[U] = Size;
  return Size;
}

//===----------------------------------------------------------------------===//
// Type strings
//===----------------------------------------------------------------------===//

namespace {
class TypeWriter {
public:
  TypeWriter(Package *Current) : Current(Current) {}
  std::string Out;

  void typ(Type *T) {
    if (!T) {
      Out += "<nil>";
      return;
    }
    if (!Seen.insert(T).second) {
      Out += "<cycle>";
      return;
    }
    write(T);
    Seen.erase(T);
  }

  void typeName(TypeName *Obj) {
    if (Obj->pkg() && Obj->pkg() != Current) {
      Out += Obj->pkg()->Name;
      Out += ".";
    }
    Out += Obj->name();
  }

  void tuple(Tuple *T, bool Variadic) {
    Out += "(";
    if (T) {
      for (size_t I = 0; I < T->Vars.size(); ++I) {
        if (I)
          Out += ", ";
        Var *V = T->Vars[I];
        if (!V->name().empty()) {
          Out += V->name();
          Out += " ";
        }
        Type *VT = V->type();
        if (Variadic && I + 1 == T->Vars.size()) {
          if (auto *S = dyn_cast<Slice>(VT)) {
            Out += "...";
            VT = S->Elem;
          } else {
            typ(VT);
            Out += "...";
            continue;
          }
        }
        typ(VT);
      }
    }
    Out += ")";
  }

  void signature(Signature *S) {
    tuple(S->Params, S->Variadic);
    size_t N = S->Results ? S->Results->size() : 0;
    if (N == 0)
      return;
    Out += " ";
    if (N == 1 && S->Results->Vars[0]->name().empty()) {
      typ(S->Results->Vars[0]->type());
      return;
    }
    tuple(S->Results, false);
  }

private:
  void write(Type *T) {
    switch (T->kind()) {
    case TypeKind::Basic: {
      auto *B = cast<Basic>(T);
      if (B->basicKind() == BasicKind::UnsafePointer)
        Out += "unsafe.Pointer";
      else
        Out += B->name();
      return;
    }
    case TypeKind::Array:
      Out += "[" + std::to_string(cast<Array>(T)->Len) + "]";
      typ(cast<Array>(T)->Elem);
      return;
    case TypeKind::Slice:
      Out += "[]";
      typ(cast<Slice>(T)->Elem);
      return;
    case TypeKind::Struct: {
      auto *S = cast<Struct>(T);
      // Messages print struct{a int}; runtime type strings (reflect's
      // format) print struct { a int }.
      if (S->Fields.empty()) {
        Out += Current ? "struct{}" : "struct {}";
        return;
      }
      Out += Current ? "struct{" : "struct { ";
      for (size_t I = 0; I < S->Fields.size(); ++I) {
        if (I)
          Out += "; ";
        Var *F = S->Fields[I];
        if (!F->Embedded) {
          Out += F->name();
          Out += " ";
        }
        typ(F->type());
        if (!S->Tags[I].empty()) {
          Out += " ";
          Out += quoteGoString(S->Tags[I]);
        }
      }
      Out += Current ? "}" : " }";
      return;
    }
    case TypeKind::Pointer:
      Out += "*";
      typ(cast<Pointer>(T)->Elem);
      return;
    case TypeKind::Tuple:
      tuple(cast<Tuple>(T), false);
      return;
    case TypeKind::Signature:
      Out += "func";
      signature(cast<Signature>(T));
      return;
    case TypeKind::Interface: {
      auto *I = cast<Interface>(T);
      // A union element as types2 prints it: "~int|string".
      auto Union = [&](const std::vector<Interface::Term> &U) {
        for (size_t K = 0; K < U.size(); ++K) {
          if (K)
            Out += "|";
          if (U[K].Tilde)
            Out += "~";
          typ(U[K].T);
        }
      };
      if (I->UniverseAny && Current) {
        Out += "any";
        return;
      }
      if (I->Implicit && I->Unions.size() == 1 && I->Methods.empty() &&
          I->Embeddeds.empty()) {
        Union(I->Unions[0]);
        return;
      }
      if (I->Methods.empty() && I->Embeddeds.empty() &&
          !I->IsComparableConstraint && I->Unions.empty()) {
        Out += Current ? "interface{}" : "interface {}";
        return;
      }
      Out += Current ? "interface{" : "interface { ";
      bool First = true;
      for (Func *M : I->Methods) {
        if (!First)
          Out += "; ";
        First = false;
        Out += M->name();
        signature(M->sig());
      }
      for (Type *E : I->Embeddeds) {
        if (!First)
          Out += "; ";
        First = false;
        typ(E);
      }
      for (const auto &U : I->Unions) {
        if (!First)
          Out += "; ";
        First = false;
        Union(U);
      }
      Out += Current ? "}" : " }";
      return;
    }
    case TypeKind::Map:
      Out += "map[";
      typ(cast<Map>(T)->Key);
      Out += "]";
      typ(cast<Map>(T)->Elem);
      return;
    case TypeKind::Chan: {
      auto *C = cast<Chan>(T);
      bool Parens = false;
      switch (C->Dir) {
      case ChanDir::SendRecv: {
        Out += "chan ";
        auto *E = dyn_cast<Chan>(C->Elem);
        Parens = E && E->Dir == ChanDir::RecvOnly;
        break;
      }
      case ChanDir::SendOnly:
        Out += "chan<- ";
        break;
      case ChanDir::RecvOnly:
        Out += "<-chan ";
        break;
      }
      if (Parens)
        Out += "(";
      typ(C->Elem);
      if (Parens)
        Out += ")";
      return;
    }
    case TypeKind::Named:
      typeName(cast<Named>(T)->Obj);
      return;
    case TypeKind::TypeParam:
      Out += cast<TypeParam>(T)->Obj->name();
      return;
    }
  }

  Package *Current;
  llvm::SmallPtrSet<Type *, 8> Seen;
};
} // namespace

std::string types::typeString(Type *T, Package *Current) {
  TypeWriter W(Current);
  W.typ(T);
  return W.Out;
}

// go/types' ObjectString (writeObject): "var x int", "const c untyped int",
// "type T struct{...}", "func f(int) string".
std::string types::objectString(Object *Obj, Package *Current) {
  TypeWriter W(Current);
  Type *T = Obj->type();
  switch (Obj->kind()) {
  case ObjectKind::PkgName:
    return "package " + Obj->name().str();
  case ObjectKind::Nil:
    return "nil";
  case ObjectKind::Func:
    W.Out += "func ";
    W.Out += Obj->name();
    if (T)
      W.signature(cast<Func>(Obj)->sig());
    return W.Out;
  case ObjectKind::Const:
    W.Out += "const";
    break;
  case ObjectKind::TypeName:
    W.Out += "type";
    break;
  case ObjectKind::Var:
    W.Out += cast<Var>(Obj)->IsField ? "field" : "var";
    break;
  case ObjectKind::Label:
    W.Out += "label";
    T = nullptr;
    break;
  case ObjectKind::Builtin:
    W.Out += "builtin";
    T = nullptr;
    break;
  }
  W.Out += " ";
  if (Obj->pkg() && Obj->pkg() != Current && Obj->pkg()->PkgScope &&
      Obj->pkg()->PkgScope->lookup(Obj->name()) == Obj)
    W.Out += Obj->pkg()->Name + ".";
  W.Out += Obj->name();
  if (!T)
    return W.Out;
  if (auto *TN = dyn_cast<TypeName>(Obj)) {
    if (isa<Basic>(T))
      return W.Out; // nothing more to say about basic types
    if (TN->IsAlias)
      W.Out += " =";
    else
      T = T->underlying();
  }
  W.Out += " ";
  W.typ(T);
  return W.Out;
}

//===----------------------------------------------------------------------===//
// Predicates
//===----------------------------------------------------------------------===//

bool types::forEachEmbedded(Interface *I,
                            llvm::function_ref<bool(Interface *)> F) {
  std::vector<Interface *> Work{I};
  llvm::SmallPtrSet<Interface *, 4> Seen;
  while (!Work.empty()) {
    Interface *X = Work.back();
    Work.pop_back();
    if (!Seen.insert(X).second)
      continue;
    if (!F(X))
      return false;
    for (Type *E : X->Embeddeds)
      if (auto *EI = llvm::dyn_cast_or_null<Interface>(E->underlying()))
        Work.push_back(EI);
  }
  return true;
}

Type *types::termsCore(llvm::ArrayRef<Interface::Term> Terms) {
  if (Terms.empty())
    return nullptr;
  Type *U = Terms[0].T->underlying();
  // Channels of one element type have a core type even if their
  // directions differ, as long as they do not conflict: the directional
  // one (types2's coreType).
  if (auto *C = dyn_cast<Chan>(U)) {
    Chan *Dir = C->Dir == ChanDir::SendRecv ? nullptr : C;
    for (const Interface::Term &X : Terms) {
      auto *XC = dyn_cast<Chan>(X.T->underlying());
      if (!XC || !identical(XC->Elem, C->Elem))
        return nullptr;
      if (XC->Dir == ChanDir::SendRecv)
        continue;
      if (Dir && Dir->Dir != XC->Dir)
        return nullptr;
      Dir = XC;
    }
    return Dir ? Dir : U;
  }
  for (const Interface::Term &X : Terms)
    if (!identical(X.T->underlying(), U))
      return nullptr;
  return U;
}

bool types::typeSetTerms(Type *Constraint, std::vector<Interface::Term> &Out) {
  auto *I = llvm::dyn_cast_or_null<Interface>(
      Constraint ? Constraint->underlying() : nullptr);
  if (!I)
    return false;
  // The terms of each union, an interface term standing for its own terms;
  // the type set is the intersection of the unions (kept: the first
  // union's terms that every other union has).
  std::vector<std::vector<Interface::Term>> Sets;
  forEachEmbedded(I, [&](Interface *X) {
    for (const auto &U : X->Unions) {
      std::vector<Interface::Term> Flat;
      bool All = false; // a term is an interface of any type: no restriction
      for (const Interface::Term &T : U) {
        if (llvm::isa_and_nonnull<Interface>(T.T->underlying())) {
          std::vector<Interface::Term> Sub;
          All |= !typeSetTerms(T.T, Sub);
          Flat.insert(Flat.end(), Sub.begin(), Sub.end());
          continue;
        }
        Flat.push_back(T);
      }
      if (!All)
        Sets.push_back(std::move(Flat));
    }
    return true;
  });
  if (Sets.empty())
    return false;
  for (const Interface::Term &T : Sets[0]) {
    bool InAll = llvm::all_of(llvm::drop_begin(Sets), [&](auto &S) {
      return llvm::any_of(S, [&](const Interface::Term &O) {
        return identical(T.T->underlying(), O.T->underlying());
      });
    });
    if (InAll)
      Out.push_back(T);
  }
  return !Out.empty();
}

bool types::typeSetUnderIs(Type *T, llvm::function_ref<bool(Type *)> F) {
  return typeSetIs(T, [&](Type *X) { return F(X->underlying()); });
}

bool types::typeSetIs(Type *T, llvm::function_ref<bool(Type *)> F) {
  auto *TP = dyn_cast<TypeParam>(T);
  std::vector<Interface::Term> Terms;
  if (!TP || !typeSetTerms(TP->Constraint, Terms))
    return false;
  return llvm::all_of(Terms, [&](const Interface::Term &X) { return F(X.T); });
}

Type *types::coreType(Type *T) {
  if (!isa<TypeParam>(T))
    return T->underlying();
  std::vector<Interface::Term> Terms;
  typeSetTerms(cast<TypeParam>(T)->Constraint, Terms);
  return termsCore(Terms);
}

bool types::isBasicInfo(Type *T, unsigned Info) {
  if (auto *B = dyn_cast<Basic>(T->underlying()))
    return (B->info() & Info) != 0;
  // A type parameter has a property if every type of its type set has it
  // (types2's allBasic).
  if (isa<TypeParam>(T))
    return typeSetUnderIs(T, [Info](Type *U) { return isBasicInfo(U, Info); });
  return false;
}

bool types::isUntyped(Type *T) {
  if (auto *B = dyn_cast<Basic>(T))
    return (B->info() & IsUntyped) != 0;
  return false;
}

bool types::isTyped(Type *T) { return !isUntyped(T); }

bool types::isInterface(Type *T) {
  return isa<Interface>(T->underlying()) && !isa<TypeParam>(T);
}

bool types::isTypeParam(Type *T) { return isa<TypeParam>(T); }

BasicKind types::basicKindOf(Type *T) {
  if (auto *B = dyn_cast<Basic>(T->underlying()))
    return B->basicKind();
  return BasicKind::Invalid;
}

bool types::hasNil(Type *T) {
  Type *U = T->underlying();
  switch (U->kind()) {
  case TypeKind::Basic:
    return cast<Basic>(U)->basicKind() == BasicKind::UnsafePointer;
  case TypeKind::Slice:
  case TypeKind::Pointer:
  case TypeKind::Signature:
  case TypeKind::Map:
  case TypeKind::Chan:
    return true;
  case TypeKind::Interface:
    // A type parameter has nil if every type of its type set has.
    return !isa<TypeParam>(T) ||
           typeSetUnderIs(T, [](Type *U) { return hasNil(U); });
  default:
    return false;
  }
}

bool types::comparable(Type *T, bool Dynamic, std::string *Reason) {
  Type *U = T->underlying();
  switch (U->kind()) {
  case TypeKind::Basic:
    // Assume invalid types to be comparable to avoid follow-up errors.
    return cast<Basic>(U)->basicKind() != BasicKind::UntypedNil;
  case TypeKind::Pointer:
  case TypeKind::Chan:
  case TypeKind::Interface:
    return true;
  case TypeKind::Struct:
    for (Var *F : cast<Struct>(U)->Fields)
      if (!comparable(F->type(), Dynamic, nullptr)) {
        if (Reason)
          *Reason = "struct containing " + typeString(F->type()) +
                    " cannot be compared";
        return false;
      }
    return true;
  case TypeKind::Array:
    if (!comparable(cast<Array>(U)->Elem, Dynamic, nullptr)) {
      if (Reason)
        *Reason = typeString(T) + " cannot be compared";
      return false;
    }
    return true;
  default:
    return false;
  }
}

namespace {
struct IdentPair {
  Type *X, *Y;
};
bool identicalImpl(Type *X, Type *Y, bool CmpTags,
                   llvm::SmallVectorImpl<IdentPair> &Seen);

bool identicalTuple(Tuple *X, Tuple *Y, bool CmpTags,
                    llvm::SmallVectorImpl<IdentPair> &Seen) {
  size_t NX = X ? X->size() : 0, NY = Y ? Y->size() : 0;
  if (NX != NY)
    return false;
  for (size_t I = 0; I < NX; ++I)
    if (!identicalImpl(X->Vars[I]->type(), Y->Vars[I]->type(), CmpTags, Seen))
      return false;
  return true;
}

bool identicalImpl(Type *X, Type *Y, bool CmpTags,
                   llvm::SmallVectorImpl<IdentPair> &Seen) {
  if (X == Y)
    return true;
  if (X->kind() != Y->kind())
    return false;
  switch (X->kind()) {
  case TypeKind::Basic:
    // Basic types are singletons except for the aliases byte and rune.
    return cast<Basic>(X)->basicKind() == cast<Basic>(Y)->basicKind();
  case TypeKind::Array: {
    auto *A = cast<Array>(X), *B = cast<Array>(Y);
    return A->Len == B->Len && identicalImpl(A->Elem, B->Elem, CmpTags, Seen);
  }
  case TypeKind::Slice:
    return identicalImpl(cast<Slice>(X)->Elem, cast<Slice>(Y)->Elem, CmpTags,
                         Seen);
  case TypeKind::Struct: {
    auto *A = cast<Struct>(X), *B = cast<Struct>(Y);
    if (A->Fields.size() != B->Fields.size())
      return false;
    for (size_t I = 0; I < A->Fields.size(); ++I) {
      Var *F = A->Fields[I], *G = B->Fields[I];
      if (F->Embedded != G->Embedded || (CmpTags && A->Tags[I] != B->Tags[I]) ||
          F->qualifiedName() != G->qualifiedName() ||
          !identicalImpl(F->type(), G->type(), CmpTags, Seen))
        return false;
    }
    return true;
  }
  case TypeKind::Pointer:
    return identicalImpl(cast<Pointer>(X)->Elem, cast<Pointer>(Y)->Elem,
                         CmpTags, Seen);
  case TypeKind::Tuple:
    return identicalTuple(cast<Tuple>(X), cast<Tuple>(Y), CmpTags, Seen);
  case TypeKind::Signature: {
    auto *A = cast<Signature>(X), *B = cast<Signature>(Y);
    return A->Variadic == B->Variadic &&
           identicalTuple(A->Params, B->Params, CmpTags, Seen) &&
           identicalTuple(A->Results, B->Results, CmpTags, Seen);
  }
  case TypeKind::Interface: {
    auto *A = cast<Interface>(X), *B = cast<Interface>(Y);
    if (A->IsComparableConstraint != B->IsComparableConstraint ||
        A->HasTypeTerms != B->HasTypeTerms)
      return false;
    if (A->AllMethods.size() != B->AllMethods.size())
      return false;
    // Interface types may be recursive through their method signatures:
    // assume identity for pairs already being compared.
    for (const IdentPair &P : Seen)
      if ((P.X == X && P.Y == Y) || (P.X == Y && P.Y == X))
        return true;
    Seen.push_back({X, Y});
    bool Same = true;
    for (size_t I = 0; I < A->AllMethods.size() && Same; ++I) {
      Func *F = A->AllMethods[I], *G = B->AllMethods[I];
      Same = F->qualifiedName() == G->qualifiedName() &&
             identicalImpl(F->type(), G->type(), CmpTags, Seen);
    }
    Seen.pop_back();
    return Same;
  }
  case TypeKind::Map: {
    auto *A = cast<Map>(X), *B = cast<Map>(Y);
    return identicalImpl(A->Key, B->Key, CmpTags, Seen) &&
           identicalImpl(A->Elem, B->Elem, CmpTags, Seen);
  }
  case TypeKind::Chan: {
    auto *A = cast<Chan>(X), *B = cast<Chan>(Y);
    return A->Dir == B->Dir && identicalImpl(A->Elem, B->Elem, CmpTags, Seen);
  }
  case TypeKind::Named:
  case TypeKind::TypeParam:
    return false; // identity is pointer identity
  }
  return false;
}
} // namespace

bool types::identical(Type *X, Type *Y) {
  llvm::SmallVector<IdentPair, 4> Seen;
  return identicalImpl(X, Y, true, Seen);
}

bool types::identicalIgnoreTags(Type *X, Type *Y) {
  llvm::SmallVector<IdentPair, 4> Seen;
  return identicalImpl(X, Y, false, Seen);
}

Type *types::defaultType(TypeContext &Ctx, Type *T) {
  if (auto *B = dyn_cast<Basic>(T)) {
    switch (B->basicKind()) {
    case BasicKind::UntypedBool:
      return Ctx.basic(BasicKind::Bool);
    case BasicKind::UntypedInt:
      return Ctx.basic(BasicKind::Int);
    case BasicKind::UntypedRune:
      return Ctx.runeType();
    case BasicKind::UntypedFloat:
      return Ctx.basic(BasicKind::Float64);
    case BasicKind::UntypedComplex:
      return Ctx.basic(BasicKind::Complex128);
    case BasicKind::UntypedString:
      return Ctx.basic(BasicKind::String);
    default:
      break;
    }
  }
  return T;
}

bool types::hasPointers(Type *T) {
  Type *U = T->underlying();
  switch (U->kind()) {
  case TypeKind::Basic: {
    BasicKind K = cast<Basic>(U)->basicKind();
    return K == BasicKind::String || K == BasicKind::UnsafePointer ||
           K == BasicKind::UntypedString || K == BasicKind::UntypedNil;
  }
  case TypeKind::Array: {
    auto *A = cast<Array>(U);
    return A->Len > 0 && hasPointers(A->Elem);
  }
  case TypeKind::Struct:
    for (Var *F : cast<Struct>(U)->Fields)
      if (hasPointers(F->type()))
        return true;
    return false;
  default:
    return true;
  }
}

//===----------------------------------------------------------------------===//
// Interfaces and lookup
//===----------------------------------------------------------------------===//

/// gc's method order (types.Sym.Less), which type descriptors' method
/// tables and the runtime's itab construction rely on: exported before
/// unexported, then by name, then by package path.
static bool methodLess(Func *A, Func *B) {
  if (A->exported() != B->exported())
    return A->exported();
  if (A->name() != B->name())
    return A->name() < B->name();
  std::string PA = A->pkg() ? A->pkg()->Path : "";
  std::string PB = B->pkg() ? B->pkg()->Path : "";
  return PA < PB;
}

void types::completeInterface(TypeContext &Ctx, Interface *I) {
  if (I->Complete)
    return;
  I->Complete = true; // guards against cycles through invalid embeddings
  std::vector<Func *> All(I->Methods.begin(), I->Methods.end());
  for (Type *E : I->Embeddeds) {
    Type *U = E->underlying();
    auto *EI = dyn_cast<Interface>(U);
    if (!EI) {
      // Invalid (e.g. recursive) embedded types are skipped, as in types2.
      if (U != Ctx.invalid() && !isa<Named>(U))
        I->HasTypeTerms = true;
      continue;
    }
    completeInterface(Ctx, EI);
    if (EI->IsComparableConstraint)
      I->IsComparableConstraint = true;
    if (EI->HasTypeTerms)
      I->HasTypeTerms = true;
    for (Func *M : EI->AllMethods) {
      bool Dup = false;
      for (Func *Have : All)
        if (Have->qualifiedName() == M->qualifiedName()) {
          Dup = true;
          break;
        }
      if (!Dup)
        All.push_back(M);
    }
  }
  llvm::sort(All, methodLess);
  I->AllMethods = std::move(All);
}

namespace {
struct EmbeddedType {
  Type *T;
  llvm::SmallVector<int, 4> Index;
  bool Indirect;
  bool Multiples;
};

bool sameId(Object *Obj, Package *Pkg, llvm::StringRef Name) {
  if (Obj->name() != Name)
    return false;
  if (Obj->exported())
    return true;
  // Unexported names match only within their package. Objects of the
  // universe (no package) match anything.
  if (!Obj->pkg() || !Pkg)
    return true;
  return Obj->pkg() == Pkg || Obj->pkg()->Path == Pkg->Path;
}

/// sameId, or with FoldCase a name that differs only in case (as go/types'
/// lookups with foldCase, used to explain a missing method; ASCII only).
bool matchesId(Object *Obj, Package *Pkg, llvm::StringRef Name, bool FoldCase) {
  return sameId(Obj, Pkg, Name) ||
         (FoldCase && Obj->name().equals_insensitive(Name));
}

std::pair<Type *, bool> deref(Type *T) {
  if (auto *P = dyn_cast<Pointer>(T))
    return {P->Elem, true};
  return {T, false};
}
} // namespace

Object *types::lookupFieldOrMethod(TypeContext &Ctx, Type *T, bool Addressable,
                                   Package *Pkg, llvm::StringRef Name,
                                   llvm::SmallVectorImpl<int> &Index,
                                   bool &Indirect, bool FoldCase) {
  Index.clear();
  Indirect = false;
  if (Name == "_")
    return nullptr;
  // Methods cannot be associated with a named pointer type: look in its
  // underlying pointer type, but only fields count (go/types, issue 8590).
  if (auto *N = dyn_cast<Named>(T))
    if (N->Underlying && isa<Pointer>(N->Underlying)) {
      Object *Obj = lookupFieldOrMethod(Ctx, N->Underlying, false, Pkg, Name,
                                        Index, Indirect, FoldCase);
      if (llvm::isa_and_nonnull<Func>(Obj)) {
        Index.clear();
        Indirect = false;
        return nullptr;
      }
      return Obj;
    }
  auto [Typ, IsPtr] = deref(T);
  // *typ where typ is an interface has no methods.
  if (IsPtr && isa<Interface>(Typ->underlying()))
    return nullptr;

  std::vector<EmbeddedType> Current{{Typ, {}, IsPtr, false}};
  llvm::SmallPtrSet<Named *, 8> Seen;
  Object *Obj = nullptr;

  while (!Current.empty()) {
    std::vector<EmbeddedType> Next;
    for (EmbeddedType &E : Current) {
      Type *ET = E.T;
      if (auto *N = dyn_cast<Named>(ET)) {
        if (!Seen.insert(N).second)
          continue;
        bool FoundMethod = false;
        for (size_t I = 0; I < N->Methods.size(); ++I) {
          if (matchesId(N->Methods[I], Pkg, Name, FoldCase)) {
            Index.assign(E.Index.begin(), E.Index.end());
            Index.push_back(int(I));
            if (Obj || E.Multiples) {
              Indirect = false;
              return nullptr; // collision
            }
            Obj = N->Methods[I];
            Indirect = E.Indirect;
            FoundMethod = true;
            break;
          }
        }
        if (FoundMethod)
          continue;
      }
      Type *U = ET->underlying();
      if (auto *S = dyn_cast<Struct>(U)) {
        for (size_t I = 0; I < S->Fields.size(); ++I) {
          Var *F = S->Fields[I];
          if (matchesId(F, Pkg, Name, FoldCase)) {
            Index.assign(E.Index.begin(), E.Index.end());
            Index.push_back(int(I));
            if (Obj || E.Multiples)
              return nullptr; // collision
            Obj = F;
            Indirect = E.Indirect;
            continue;
          }
          if (!Obj && F->Embedded) {
            auto [FT, FPtr] = deref(F->type());
            EmbeddedType NE{FT, E.Index, E.Indirect || FPtr, E.Multiples};
            NE.Index.push_back(int(I));
            Next.push_back(std::move(NE));
          }
        }
      } else if (auto *IT = dyn_cast<Interface>(U)) {
        completeInterface(Ctx, IT);
        for (size_t I = 0; I < IT->AllMethods.size(); ++I) {
          if (matchesId(IT->AllMethods[I], Pkg, Name, FoldCase)) {
            Index.assign(E.Index.begin(), E.Index.end());
            Index.push_back(int(I));
            if (Obj || E.Multiples)
              return nullptr; // collision
            Obj = IT->AllMethods[I];
            Indirect = E.Indirect;
            break;
          }
        }
      }
    }

    if (Obj) {
      // A method with a pointer receiver needs an addressable operand or a
      // pointer along the path.
      if (auto *F = dyn_cast<Func>(Obj)) {
        if (F->PtrRecv && !Indirect && !Addressable) {
          Index.clear();
          Indirect = true; // signals "pointer receiver required"
          return nullptr;
        }
      }
      return Obj;
    }

    // Consolidate multiples: the same type reached twice at one depth.
    std::vector<EmbeddedType> Cons;
    for (EmbeddedType &E : Next) {
      bool Dup = false;
      for (EmbeddedType &C : Cons)
        if (identical(C.T, E.T)) {
          C.Multiples = true;
          Dup = true;
          break;
        }
      if (!Dup)
        Cons.push_back(std::move(E));
    }
    Current = std::move(Cons);
  }
  Index.clear();
  return nullptr;
}

bool types::implements(TypeContext &Ctx, Type *V, Interface *T, Func **Missing,
                       Func **WrongType, bool *PtrRecv) {
  completeInterface(Ctx, T);
  if (Missing)
    *Missing = nullptr;
  if (WrongType)
    *WrongType = nullptr;
  if (PtrRecv)
    *PtrRecv = false;
  if (auto *VI = dyn_cast<Interface>(V->underlying())) {
    completeInterface(Ctx, VI);
    for (Func *M : T->AllMethods) {
      Func *F = nullptr;
      for (Func *C : VI->AllMethods)
        if (C->qualifiedName() == M->qualifiedName()) {
          F = C;
          break;
        }
      if (!F || !identical(F->type(), M->type())) {
        if (Missing)
          *Missing = M;
        if (WrongType)
          *WrongType = F;
        return false;
      }
    }
    return true;
  }
  for (Func *M : T->AllMethods) {
    llvm::SmallVector<int, 4> Index;
    bool Indirect;
    Object *Obj = lookupFieldOrMethod(Ctx, V, false, M->pkg(), M->name(), Index,
                                      Indirect);
    bool Found = Obj != nullptr;
    if (!Found) {
      Pointer PT(V);
      Obj = lookupFieldOrMethod(Ctx, &PT, false, M->pkg(), M->name(), Index,
                                Indirect);
      if (Obj && isa<Func>(Obj) && PtrRecv && identical(Obj->type(), M->type()))
        *PtrRecv = true;
      // Not on *V either: look for a method whose name differs only in
      // case, to explain the error (types2's missingMethod).
      if (!Obj)
        Obj = lookupFieldOrMethod(Ctx, V, false, M->pkg(), M->name(), Index,
                                  Indirect, /*FoldCase=*/true);
    }
    auto *F = llvm::dyn_cast_or_null<Func>(Obj);
    if (!F || !Found || !identical(F->type(), M->type())) {
      if (Missing)
        *Missing = M;
      if (WrongType)
        *WrongType = F;
      return false;
    }
  }
  return true;
}

std::vector<MethodSetEntry> types::methodSet(TypeContext &Ctx, Type *T) {
  // Collect candidate method names reachable through embedding.
  llvm::StringSet<> Names;
  llvm::SmallVector<std::pair<Package *, llvm::StringRef>, 16> Cands;
  llvm::SmallPtrSet<Type *, 16> Visited;
  llvm::SmallVector<Type *, 16> Work{T};
  while (!Work.empty()) {
    Type *X = deref(Work.pop_back_val()).first;
    if (!Visited.insert(X).second)
      continue;
    if (auto *N = dyn_cast<Named>(X))
      for (Func *M : N->Methods)
        if (Names.insert(M->qualifiedName()).second)
          Cands.push_back({M->pkg(), M->name()});
    Type *U = X->underlying();
    if (auto *S = dyn_cast<Struct>(U)) {
      for (Var *F : S->Fields)
        if (F->Embedded)
          Work.push_back(F->type());
    } else if (auto *I = dyn_cast<Interface>(U)) {
      completeInterface(Ctx, I);
      for (Func *M : I->AllMethods)
        if (Names.insert(M->qualifiedName()).second)
          Cands.push_back({M->pkg(), M->name()});
    }
  }
  std::vector<MethodSetEntry> Result;
  for (auto &[Pkg, Name] : Cands) {
    MethodSetEntry E;
    Object *Obj =
        lookupFieldOrMethod(Ctx, T, false, Pkg, Name, E.Index, E.Indirect);
    if (auto *F = llvm::dyn_cast_or_null<Func>(Obj)) {
      E.Method = F;
      Result.push_back(std::move(E));
    }
  }
  llvm::sort(Result, [](const MethodSetEntry &A, const MethodSetEntry &B) {
    return methodLess(A.Method, B.Method);
  });
  return Result;
}
