//===- codegen/lower_types.cpp - Go types as LLVM types -------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Maps Go types to LLVM types with gc's layouts (libgort/abi.h), and
// computes the calling convention of Go signatures. See lower.h.
//
//===----------------------------------------------------------------------===//

#include "codegen/lower.h"

#include "llvm/IR/DerivedTypes.h"

using namespace gortc;
using namespace gortc::codegen;
using namespace gortc::types;
using llvm::cast;
using llvm::dyn_cast;
using llvm::isa;

Type *gortc::codegen::exprType(TypeContext &C, syntax::Expr *E) {
  // Names declared by := carry their object, not a recorded type.
  if (auto *N = dyn_cast<syntax::Name>(syntax::unparen(E)))
    if (auto *V = llvm::dyn_cast_or_null<Var>(N->Obj))
      return V->type();
  Type *T = E->TV.Ty;
  if (!T)
    return C.invalid();
  return isUntyped(T) ? defaultType(C, T) : T;
}

bool gortc::codegen::isBlank(syntax::Expr *E) {
  auto *N = dyn_cast<syntax::Name>(syntax::unparen(E));
  return N && N->Value == "_";
}

syntax::Name *gortc::codegen::instanceName(syntax::Expr *E) {
  auto *IX = dyn_cast<syntax::IndexExpr>(syntax::unparen(E));
  if (!IX)
    return nullptr;
  syntax::Expr *X = syntax::unparen(IX->X);
  auto *N = dyn_cast<syntax::Name>(X);
  if (auto *S = dyn_cast<syntax::SelectorExpr>(X); S && !S->Selection)
    N = S->Sel;
  if (N && llvm::isa_and_nonnull<types::Func>(N->Obj))
    return N;
  return nullptr;
}

std::optional<types::BuiltinId> gortc::codegen::builtinOf(syntax::Expr *Fun) {
  Fun = syntax::unparen(Fun);
  if (Fun->TV.M != syntax::Mode::Builtin)
    return std::nullopt;
  syntax::Name *N = dyn_cast<syntax::Name>(Fun);
  if (auto *S = dyn_cast<syntax::SelectorExpr>(Fun))
    N = S->Sel; // unsafe.Sizeof ...
  auto *B = N ? llvm::dyn_cast_or_null<types::Builtin>(N->Obj) : nullptr;
  if (!B)
    return std::nullopt;
  return B->Id;
}

bool Lowerer::isAggregate(Type *T) {
  switch (T->underlying()->kind()) {
  case TypeKind::Struct:
  case TypeKind::Array:
    return true;
  default:
    return false;
  }
}

llvm::Type *Lowerer::getLLVMType(Type *T) {
  Type *U = T->underlying();
  auto It = TypeCache.find(U);
  if (It != TypeCache.end())
    return It->second;
  llvm::Type *R = nullptr;
  switch (U->kind()) {
  case TypeKind::Basic:
    switch (cast<Basic>(U)->basicKind()) {
    case BasicKind::Bool:
    case BasicKind::UntypedBool:
      R = I1;
      break;
    case BasicKind::Int8:
    case BasicKind::Uint8:
      R = I8;
      break;
    case BasicKind::Int16:
    case BasicKind::Uint16:
      R = llvm::Type::getInt16Ty(Ctx);
      break;
    case BasicKind::Int32:
    case BasicKind::Uint32:
    case BasicKind::UntypedRune:
      R = I32;
      break;
    case BasicKind::Float32:
      R = llvm::Type::getFloatTy(Ctx);
      break;
    case BasicKind::Float64:
    case BasicKind::UntypedFloat:
      R = llvm::Type::getDoubleTy(Ctx);
      break;
    case BasicKind::Complex64: {
      llvm::Type *F = llvm::Type::getFloatTy(Ctx);
      R = llvm::StructType::get(Ctx, {F, F});
      break;
    }
    case BasicKind::Complex128:
    case BasicKind::UntypedComplex: {
      llvm::Type *D = llvm::Type::getDoubleTy(Ctx);
      R = llvm::StructType::get(Ctx, {D, D});
      break;
    }
    case BasicKind::String:
    case BasicKind::UntypedString:
      R = StringTy;
      break;
    case BasicKind::UnsafePointer:
    case BasicKind::UntypedNil:
      R = GCPtr;
      break;
    default:
      R = I64; // int, uint, uintptr, int64, uint64, untyped int
    }
    break;
  case TypeKind::Pointer:
  case TypeKind::Map:
  case TypeKind::Chan:
  case TypeKind::Signature:
    R = GCPtr;
    break;
  case TypeKind::Slice:
    R = SliceTy;
    break;
  case TypeKind::Interface:
    R = IfaceTy;
    break;
  case TypeKind::Array: {
    auto *A = cast<Array>(U);
    R = llvm::ArrayType::get(getLLVMType(A->Elem),
                             uint64_t(std::max<int64_t>(A->Len, 0)));
    break;
  }
  case TypeKind::Struct: {
    auto *S = cast<Struct>(U);
    std::vector<int64_t> Offs = TCtx.offsetsOf(S);
    int64_t Size = TCtx.sizeOf(S);
    // Try the natural LLVM layout first; use explicit padding (a packed
    // struct) when it differs from Go's (trailing zero-size fields).
    std::vector<llvm::Type *> Elems;
    for (Var *F : S->Fields)
      Elems.push_back(getLLVMType(F->type()));
    auto *Natural = llvm::StructType::get(Ctx, Elems);
    const llvm::StructLayout *SL = DL->getStructLayout(Natural);
    bool Match = SL->getSizeInBytes() == uint64_t(Size);
    for (size_t I = 0; I < Offs.size() && Match; ++I)
      Match = SL->getElementOffset(I) == uint64_t(Offs[I]);
    std::vector<unsigned> Index;
    if (Match) {
      for (unsigned I = 0; I < Offs.size(); ++I)
        Index.push_back(I);
      R = Natural;
    } else {
      std::vector<llvm::Type *> Packed;
      int64_t At = 0;
      for (size_t I = 0; I < Offs.size(); ++I) {
        assert(Offs[I] >= At && "Go field offsets overlap");
        if (Offs[I] > At)
          Packed.push_back(llvm::ArrayType::get(I8, Offs[I] - At));
        Index.push_back(unsigned(Packed.size()));
        Packed.push_back(Elems[I]);
        At = Offs[I] + TCtx.sizeOf(S->Fields[I]->type());
      }
      if (Size > At)
        Packed.push_back(llvm::ArrayType::get(I8, Size - At));
      R = llvm::StructType::get(Ctx, Packed, /*isPacked=*/true);
    }
    FieldIndexCache[U] = std::move(Index);
    break;
  }
  case TypeKind::Tuple: {
    std::vector<llvm::Type *> Elems;
    for (Var *V : cast<Tuple>(U)->Vars)
      Elems.push_back(getLLVMType(V->type()));
    R = llvm::StructType::get(Ctx, Elems);
    break;
  }
  case TypeKind::Named:
  case TypeKind::TypeParam:
    R = I8; // unresolved (invalid) types; never materialized
    break;
  }
  TypeCache[U] = R;
  return R;
}

unsigned Lowerer::llvmFieldIndex(Type *StructT, unsigned I) {
  Type *U = StructT->underlying();
  assert(isa<Struct>(U) && "field index of a non-struct");
  getLLVMType(U);
  assert(I < FieldIndexCache[U].size() && "no such field");
  return FieldIndexCache[U][I];
}

bool Lowerer::resultsFitRegisters(Signature *Sig) {
  // The registers LLVM returns the scalar fields of a result in
  // (runtime/reflectcall.cpp models the same): x86-64 rax, rdx, rcx and
  // xmm0, xmm1, st(0), st(1); AArch64 x0-x7 and d0-d7.
  unsigned MaxInts = Tgt.Arch == Target::X86_64 ? 3 : 8;
  unsigned MaxFloats = Tgt.Arch == Target::X86_64 ? 4 : 8;
  unsigned Ints = 0, Floats = 0;
  std::function<void(llvm::Type *)> Count = [&](llvm::Type *T) {
    if (auto *S = dyn_cast<llvm::StructType>(T))
      for (llvm::Type *E : S->elements())
        Count(E);
    else if (T->isFloatingPointTy())
      Floats++;
    else
      Ints++;
  };
  for (Var *R : Sig->Results->Vars)
    if (!isAggregate(R->type()))
      Count(getLLVMType(R->type()));
  return Ints <= MaxInts && Floats <= MaxFloats;
}

FuncABI Lowerer::getABI(Signature *Sig, bool HasRecv) {
  FuncABI A;
  std::vector<llvm::Type *> Params{Ptr}; // ctx
  std::vector<llvm::Type *> Rets;
  if (Sig->Results) {
    // Scalar results that do not all fit in the return registers go
    // through out pointers too, rather than in the hidden buffer LLVM
    // would add (a "demoted" return, which LLVM's lowering of GC
    // statepoints cannot handle: docs/runtime/gc.md, "Not yet").
    bool AllIndirect = !resultsFitRegisters(Sig);
    for (unsigned I = 0; I < Sig->Results->size(); ++I) {
      Type *RT = Sig->Results->Vars[I]->type();
      bool Ind = AllIndirect || isAggregate(RT);
      A.ResultIndirect.push_back(Ind);
      if (Ind) {
        Params.push_back(Ptr);
      } else {
        Rets.push_back(getLLVMType(RT));
        A.ScalarResults.push_back(I);
      }
    }
  }
  A.FirstOut = 1;
  A.FirstParam = unsigned(Params.size());
  auto AddParam = [&](Type *PT) {
    bool Ind = isAggregate(PT);
    A.ParamIndirect.push_back(Ind);
    Params.push_back(Ind ? Ptr : getLLVMType(PT));
  };
  if (HasRecv && Sig->Recv)
    AddParam(Sig->Recv->type());
  if (Sig->Params)
    for (Var *P : Sig->Params->Vars)
      AddParam(P->type());
  llvm::Type *Ret = VoidTy;
  if (Rets.size() == 1)
    Ret = Rets[0];
  else if (Rets.size() > 1)
    Ret = llvm::StructType::get(Ctx, Rets);
  A.FnTy = llvm::FunctionType::get(Ret, Params, false);
  return A;
}

std::string Lowerer::typeSymbol(Type *T) {
  // The qualified type string identifies unnamed types structurally; named
  // types declared inside functions get their ordinal so that two local
  // types of the same name stay distinct.
  std::string S;
  llvm::DenseMap<Interface *, size_t> Active; // interfaces being printed
  std::function<void(Type *)> Walk = [&](Type *X) {
    switch (X->kind()) {
    case TypeKind::Named: {
      auto *N = cast<Named>(X);
      if (N->Obj->pkg())
        S += N->Obj->pkg()->Path + ".";
      S += N->Obj->name().str();
      if (N->Obj->LocalIndex)
        S += "·" + std::to_string(N->Obj->LocalIndex);
      return;
    }
    case TypeKind::Pointer:
      S += "*";
      Walk(cast<Pointer>(X)->Elem);
      return;
    case TypeKind::Slice:
      S += "[]";
      Walk(cast<Slice>(X)->Elem);
      return;
    case TypeKind::Array:
      S += "[" + std::to_string(cast<Array>(X)->Len) + "]";
      Walk(cast<Array>(X)->Elem);
      return;
    case TypeKind::Map:
      S += "map[";
      Walk(cast<Map>(X)->Key);
      S += "]";
      Walk(cast<Map>(X)->Elem);
      return;
    case TypeKind::Chan: {
      auto *C = cast<Chan>(X);
      S += C->Dir == types::ChanDir::SendOnly   ? "chan<- "
           : C->Dir == types::ChanDir::RecvOnly ? "<-chan "
                                                : "chan ";
      Walk(C->Elem);
      return;
    }
    case TypeKind::Struct: {
      auto *St = cast<Struct>(X);
      S += "struct{";
      for (size_t I = 0; I < St->Fields.size(); ++I) {
        if (I)
          S += ";";
        Var *F = St->Fields[I];
        if (F->Embedded)
          S += "@";
        S += F->qualifiedName() + " ";
        Walk(F->type());
        if (!St->Tags[I].empty())
          S += " " + quoteGoString(St->Tags[I]);
      }
      S += "}";
      return;
    }
    case TypeKind::Signature: {
      auto *Sg = cast<Signature>(X);
      S += "func(";
      if (Sg->Params)
        for (size_t I = 0; I < Sg->Params->size(); ++I) {
          if (I)
            S += ",";
          if (Sg->Variadic && I + 1 == Sg->Params->size()) {
            S += "...";
            Walk(cast<Slice>(Sg->Params->Vars[I]->type())->Elem);
          } else {
            Walk(Sg->Params->Vars[I]->type());
          }
        }
      S += ")(";
      if (Sg->Results)
        for (size_t I = 0; I < Sg->Results->size(); ++I) {
          if (I)
            S += ",";
          Walk(Sg->Results->Vars[I]->type());
        }
      S += ")";
      return;
    }
    case TypeKind::Interface: {
      auto *I = cast<Interface>(X);
      completeInterface(TCtx, I);
      // An unnamed interface can reach itself through its methods
      // (interface{ F() interface{ J } } inside J): as gc's tconv, a
      // repeated one is a reference to where it started.
      auto [It, New] = Active.insert({I, S.size()});
      if (!New) {
        S += "@" + std::to_string(It->second);
        return;
      }
      S += "interface{";
      for (size_t J = 0; J < I->AllMethods.size(); ++J) {
        if (J)
          S += ";";
        S += I->AllMethods[J]->qualifiedName();
        Walk(I->AllMethods[J]->sig());
      }
      S += "}";
      Active.erase(I);
      return;
    }
    case TypeKind::Basic:
      // byte and rune are aliases: name basic types by kind.
      S += cast<Basic>(X)->basicKind() == BasicKind::UnsafePointer
               ? "unsafe.Pointer"
               : TCtx.basic(cast<Basic>(X)->basicKind())->name().str();
      return;
    default:
      S += "?";
    }
  };
  Walk(T);
  return S;
}
