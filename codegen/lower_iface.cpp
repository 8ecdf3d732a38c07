//===- codegen/lower_iface.cpp - Interfaces and type descriptors ----------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Type descriptors (libgort/abi.h Type and its kind-specific tails), itabs,
// generated equality functions, string constants, and the interface
// operations: conversion to an interface (boxing), type assertions,
// dynamic types and interface comparison.
//
// Descriptors have gc 1.19's layout (docs/overview.md, "Type
// descriptors"): a header, the kind part, an uncommontype for named types
// and types with methods, the variable-length parts, the method table;
// names are gc's encoded names (getName); references to names, descriptors
// and code inside them are 32-bit offsets from the descriptor's start
// (relOff). Descriptors are linkonce_odr globals, each in its own comdat,
// named "type:" + the canonical type string, so identical types share one
// descriptor across objects and descriptor identity is type identity.
// What does not depend on the type is shared between types, as in gc: the
// pointer bitmap (gort.gcbits.<bits>), and the equality of plain memory
// (isPlainMemory: the runtime's gort_memequal*_f, or a gort.memequal.<size>
// closure of gort_memequal_varlen); other comparable types get generated
// equality code ("type:T.eq", getEqualFunc), which compares runs of plain
// memory inline (emitMemEqual).
// Unnamed composite types also get a typelinks entry (gc's typelinks). A value
// is stored directly in the interface data word when its type is pointer-shaped
// (pointer, map, chan, func, unsafe.Pointer: KindDirectIface); otherwise the
// data word points to a boxed copy (a read-only global for constants).
//
// Compile-time itabs cover conversions of concrete types to interfaces;
// conversions between interfaces and assertions to interfaces ask the
// runtime (gort_assertE2I / gort_assertE2I2), which builds itabs from the
// method tables of the descriptors. Assertions to concrete types compare
// the dynamic type descriptor, which works for any itab. Method calls on
// interface values, method values and method expressions of interface
// methods, and wrappers that forward to an embedded interface all dispatch
// through emitIfaceCallee, which loads abi::Itab::Fun[i] at the offsets
// libgort/abi.h gives.
//
//===----------------------------------------------------------------------===//

#include "codegen/lower.h"

#include "libgort/abi.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/Support/xxhash.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace gortc;
using namespace gortc::codegen;
using namespace gortc::types;
using namespace gortc::syntax;
using llvm::cast;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;
using llvm::isa;
using llvm::isa_and_nonnull;

bool codegen::isDirectIface(Type *T) {
  Type *U = T->underlying();
  return isa<Pointer>(U) || isa<Map>(U) || isa<Chan>(U) || isa<Signature>(U) ||
         basicKindOf(U) == BasicKind::UnsafePointer;
}

namespace {

/// Type::Hash of the descriptor whose symbol is Sym.
uint32_t typeHash(llvm::StringRef Sym) {
  return gort::abi::typeHash(Sym.data(), Sym.size());
}

/// The type as gc's runtime prints it (reflect's String): byte and rune
/// spelled uint8/int32, package-qualified names, "interface {}".
std::string runtimeTypeString(TypeContext &C, Type *T,
                              llvm::SmallPtrSetImpl<Interface *> &Active);

std::string runtimeTypeString(TypeContext &C, Type *T) {
  llvm::SmallPtrSet<Interface *, 4> Active;
  return runtimeTypeString(C, T, Active);
}

/// Active: the unnamed interfaces being printed (one that reaches itself
/// through its methods prints as "interface {...}" the second time).
std::string runtimeTypeString(TypeContext &C, Type *T,
                              llvm::SmallPtrSetImpl<Interface *> &Active) {
  switch (T->kind()) {
  case TypeKind::Basic: {
    auto *B = cast<Basic>(T);
    if (B->basicKind() == BasicKind::UnsafePointer)
      return "unsafe.Pointer";
    return C.basic(B->basicKind())->name().str();
  }
  case TypeKind::Named: {
    auto *N = cast<Named>(T);
    if (N->Obj->pkg())
      return N->Obj->pkg()->Name + "." + N->Obj->name().str();
    return N->Obj->name().str();
  }
  case TypeKind::Pointer:
    return "*" + runtimeTypeString(C, cast<Pointer>(T)->Elem, Active);
  case TypeKind::Slice:
    return "[]" + runtimeTypeString(C, cast<Slice>(T)->Elem, Active);
  case TypeKind::Array:
    return "[" + std::to_string(cast<Array>(T)->Len) + "]" +
           runtimeTypeString(C, cast<Array>(T)->Elem, Active);
  case TypeKind::Map:
    return "map[" + runtimeTypeString(C, cast<Map>(T)->Key, Active) + "]" +
           runtimeTypeString(C, cast<Map>(T)->Elem, Active);
  case TypeKind::Chan: {
    auto *Ch = cast<Chan>(T);
    std::string P = Ch->Dir == types::ChanDir::SendOnly   ? "chan<- "
                    : Ch->Dir == types::ChanDir::RecvOnly ? "<-chan "
                                                          : "chan ";
    std::string E = runtimeTypeString(C, Ch->Elem, Active);
    if (Ch->Dir == types::ChanDir::SendRecv)
      if (auto *EC = dyn_cast<Chan>(Ch->Elem);
          EC && EC->Dir == types::ChanDir::RecvOnly)
        E = "(" + E + ")";
    return P + E;
  }
  case TypeKind::Signature: {
    auto *S = cast<Signature>(T);
    std::string R = "func(";
    if (S->Params)
      for (size_t I = 0; I < S->Params->size(); ++I) {
        if (I)
          R += ", ";
        Type *PT = S->Params->Vars[I]->type();
        if (S->Variadic && I + 1 == S->Params->size())
          R += "..." + runtimeTypeString(C, cast<Slice>(PT)->Elem, Active);
        else
          R += runtimeTypeString(C, PT, Active);
      }
    R += ")";
    size_t N = S->Results ? S->Results->size() : 0;
    if (N == 1) {
      R += " " + runtimeTypeString(C, S->Results->Vars[0]->type(), Active);
    } else if (N > 1) {
      R += " (";
      for (size_t I = 0; I < N; ++I) {
        if (I)
          R += ", ";
        R += runtimeTypeString(C, S->Results->Vars[I]->type(), Active);
      }
      R += ")";
    }
    return R;
  }
  case TypeKind::Interface: {
    auto *I = cast<Interface>(T);
    completeInterface(C, I);
    if (I->AllMethods.empty())
      return "interface {}";
    if (!Active.insert(I).second)
      return "interface {...}";
    std::string R = "interface { ";
    for (size_t K = 0; K < I->AllMethods.size(); ++K) {
      if (K)
        R += "; ";
      Func *M = I->AllMethods[K];
      R += M->name().str() + runtimeTypeString(C, M->sig(), Active).substr(4);
    }
    Active.erase(I);
    return R + " }";
  }
  case TypeKind::Struct: {
    auto *S = cast<Struct>(T);
    if (S->Fields.empty())
      return "struct {}";
    std::string R = "struct { ";
    for (size_t K = 0; K < S->Fields.size(); ++K) {
      if (K)
        R += "; ";
      Var *F = S->Fields[K];
      if (!F->Embedded)
        R += F->name().str() + " ";
      R += runtimeTypeString(C, F->type(), Active);
      if (!S->Tags[K].empty())
        R += " " + quoteGoString(S->Tags[K]);
    }
    return R + " }";
  }
  default:
    return "?";
  }
}

uint8_t kindOf(Type *T) {
  namespace A = gort::abi;
  Type *U = T->underlying();
  switch (U->kind()) {
  case TypeKind::Basic:
    switch (cast<Basic>(U)->basicKind()) {
    case BasicKind::Bool:
      return A::KindBool;
    case BasicKind::Int:
      return A::KindInt;
    case BasicKind::Int8:
      return A::KindInt8;
    case BasicKind::Int16:
      return A::KindInt16;
    case BasicKind::Int32:
      return A::KindInt32;
    case BasicKind::Int64:
      return A::KindInt64;
    case BasicKind::Uint:
      return A::KindUint;
    case BasicKind::Uint8:
      return A::KindUint8;
    case BasicKind::Uint16:
      return A::KindUint16;
    case BasicKind::Uint32:
      return A::KindUint32;
    case BasicKind::Uint64:
      return A::KindUint64;
    case BasicKind::Uintptr:
      return A::KindUintptr;
    case BasicKind::Float32:
      return A::KindFloat32;
    case BasicKind::Float64:
      return A::KindFloat64;
    case BasicKind::Complex64:
      return A::KindComplex64;
    case BasicKind::Complex128:
      return A::KindComplex128;
    case BasicKind::String:
      return A::KindString;
    case BasicKind::UnsafePointer:
      return A::KindUnsafePointer;
    default:
      return A::KindInvalid;
    }
  case TypeKind::Array:
    return A::KindArray;
  case TypeKind::Chan:
    return A::KindChan;
  case TypeKind::Signature:
    return A::KindFunc;
  case TypeKind::Interface:
    return A::KindInterface;
  case TypeKind::Map:
    return A::KindMap;
  case TypeKind::Pointer:
    return A::KindPointer;
  case TypeKind::Slice:
    return A::KindSlice;
  case TypeKind::Struct:
    return A::KindStruct;
  default:
    return A::KindInvalid;
  }
}
} // namespace

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

llvm::Constant *Lowerer::gcPointer(llvm::Constant *C) {
  return llvm::ConstantExpr::getAddrSpaceCast(C, GCPtr);
}

llvm::Constant *Lowerer::constantOf(const ConstValue &V, Type *T) {
  llvm::Type *LT = getLLVMType(T);
  switch (V.kind()) {
  case ConstValue::Kind::Bool:
    return llvm::ConstantInt::get(I1, V.boolVal());
  case ConstValue::Kind::String:
    return getStringConst(V.stringVal());
  case ConstValue::Kind::Int:
  case ConstValue::Kind::Float:
  case ConstValue::Kind::Complex: {
    if (LT->isIntegerTy()) {
      ConstValue I = V.toInt();
      return llvm::ConstantInt::get(
          LT, I.intVal().truncTo(LT->getIntegerBitWidth()));
    }
    if (LT->isFloatTy())
      return llvm::ConstantFP::get(LT, double(V.real().toFloat()));
    if (LT->isDoubleTy())
      return llvm::ConstantFP::get(LT, V.real().toDouble());
    if (auto *ST = dyn_cast<llvm::StructType>(LT);
        ST && ST->getNumElements() == 2 &&
        ST->getElementType(0)->isFloatingPointTy()) {
      llvm::Type *ET = ST->getElementType(0);
      double Re = V.real().toDouble(), Im = V.imag().toDouble();
      if (ET->isFloatTy()) {
        Re = double(V.real().toFloat());
        Im = double(V.imag().toFloat());
      }
      return llvm::ConstantStruct::get(
          ST, {llvm::ConstantFP::get(ET, Re), llvm::ConstantFP::get(ET, Im)});
    }
    break;
  }
  default:
    break;
  }
  return llvm::Constant::getNullValue(LT);
}

llvm::Constant *Lowerer::getBoxedConst(llvm::Constant *C, Type *T) {
  auto *GV = new llvm::GlobalVariable(*Mod, C->getType(), true,
                                      llvm::GlobalValue::PrivateLinkage, C,
                                      "go:boxed");
  GV->setAlignment(llvm::Align(std::max<int64_t>(alignOf(T), 1)));
  GV->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  return gcPointer(GV);
}

llvm::Constant *Lowerer::getStringConst(llvm::StringRef S) {
  auto It = Strings.find(S);
  if (It != Strings.end())
    return It->second;
  llvm::Constant *R;
  if (S.empty()) {
    R = llvm::ConstantStruct::get(
        StringTy,
        {llvm::ConstantPointerNull::get(cast<llvm::PointerType>(GCPtr)),
         llvm::ConstantInt::get(I64, 0)});
  } else {
    auto *Data = llvm::ConstantDataArray::getString(Ctx, S, false);
    auto *GV = new llvm::GlobalVariable(*Mod, Data->getType(), true,
                                        llvm::GlobalValue::PrivateLinkage, Data,
                                        "go:string");
    GV->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
    GV->setAlignment(llvm::Align(1));
    R = llvm::ConstantStruct::get(
        StringTy, {gcPointer(GV), llvm::ConstantInt::get(I64, S.size())});
  }
  Strings[S] = R;
  return R;
}

//===----------------------------------------------------------------------===//
// Equality functions
//===----------------------------------------------------------------------===//

llvm::Function *Lowerer::getEqualFunc(Type *T) {
  assert(comparable(T) && !isPlainMemory(T) &&
         "plain memory is compared by emitMemEqual and gort_memequal*");
  std::string Name = "type:" + typeSymbol(T) + ".eq";
  auto It = EqualFuncs.find(Name);
  if (It != EqualFuncs.end())
    return It->second;
  // abi::EqualFn: (closure, a, b), the code of the descriptor's Equal.
  auto *FT = llvm::FunctionType::get(I1, {Ptr, Ptr, Ptr}, false);
  llvm::Function *F =
      createGeneratedFunction(Name, FT, llvm::GlobalValue::LinkOnceODRLinkage);
  F->addRetAttr(llvm::Attribute::ZExt);
  EqualFuncs[Name] = F;

  // The body compares the values at the two addresses.
  GeneratedBody FL(*this, F);
  llvm::IRBuilder<> &B = FL.B;
  llvm::Value *X = F->getArg(1), *Y = F->getArg(2);
  Type *U = T->underlying();
  llvm::Value *R;
  if (auto *S = dyn_cast<Struct>(U)) {
    // Field by field, adjacent fields of plain memory as one run (gc's
    // geneq: memrun).
    llvm::BasicBlock *False = FL.newBlock("ne");
    auto Check = [&](llvm::Value *Eq) {
      llvm::BasicBlock *Next = FL.newBlock("next");
      B.CreateCondBr(Eq, Next, False);
      FL.setBlock(Next);
    };
    std::vector<int64_t> Offs = TCtx.offsetsOf(S);
    int64_t RunStart = -1, RunEnd = -1;
    auto Flush = [&] {
      if (RunStart >= 0)
        Check(emitMemEqual(
            B, B.CreateConstGEP1_64(I8, X, RunStart),
            B.CreateConstGEP1_64(I8, Y, RunStart), RunEnd - RunStart,
            int64_t(llvm::commonAlignment(llvm::Align(uint64_t(alignOf(T))),
                                          uint64_t(RunStart))
                        .value())));
      RunStart = -1;
    };
    for (size_t I = 0; I < S->Fields.size(); ++I) {
      Var *Fd = S->Fields[I];
      if (Fd->name() == "_" || sizeOf(Fd->type()) == 0)
        continue;
      if (isPlainMemory(Fd->type())) {
        if (RunStart < 0 || Offs[I] != RunEnd) {
          Flush();
          RunStart = Offs[I];
        }
        RunEnd = Offs[I] + sizeOf(Fd->type());
        continue;
      }
      Flush();
      llvm::Value *FX = FL.emitFieldAddr(X, T, unsigned(I));
      llvm::Value *FY = FL.emitFieldAddr(Y, T, unsigned(I));
      Check(emitTypeEqualCall(B, Fd->type(), FX, FY));
    }
    Flush();
    llvm::BasicBlock *True = B.GetInsertBlock();
    llvm::BasicBlock *Done = FL.newBlock("done");
    B.CreateBr(Done);
    FL.setBlock(False);
    B.CreateBr(Done);
    FL.setBlock(Done);
    llvm::PHINode *P = B.CreatePHI(I1, 2);
    P->addIncoming(B.getTrue(), True);
    P->addIncoming(B.getFalse(), False);
    R = P;
  } else if (auto *Ar = dyn_cast<Array>(U)) {
    llvm::BasicBlock *Loop = FL.newBlock("loop");
    llvm::BasicBlock *Body = FL.newBlock("body");
    llvm::BasicBlock *Done = FL.newBlock("done");
    llvm::BasicBlock *Entry = B.GetInsertBlock();
    B.CreateBr(Loop);
    FL.setBlock(Loop);
    llvm::PHINode *I = B.CreatePHI(I64, 2, "i");
    I->addIncoming(B.getInt64(0), Entry);
    B.CreateCondBr(B.CreateICmpSLT(I, B.getInt64(Ar->Len)), Body, Done);
    FL.setBlock(Body);
    llvm::Type *ET = getLLVMType(Ar->Elem);
    llvm::Value *Eq = emitTypeEqualCall(B, Ar->Elem, B.CreateGEP(ET, X, I),
                                        B.CreateGEP(ET, Y, I));
    llvm::BasicBlock *Cont = FL.newBlock("cont");
    B.CreateCondBr(Eq, Cont, Done);
    FL.setBlock(Cont);
    I->addIncoming(B.CreateAdd(I, B.getInt64(1)), Cont);
    B.CreateBr(Loop);
    FL.setBlock(Done);
    llvm::PHINode *P = B.CreatePHI(I1, 2);
    P->addIncoming(B.getTrue(), Loop);
    P->addIncoming(B.getFalse(), Body);
    R = P;
  } else {
    llvm::Value *VX = FL.load(T, X), *VY = FL.load(T, Y);
    R = FL.emitCompare(Operator::Eql, VX, VY, T);
  }
  B.CreateRet(R);
  return F;
}

llvm::Value *Lowerer::emitMemEqual(llvm::IRBuilder<> &B, llvm::Value *A,
                                   llvm::Value *Bp, int64_t Size,
                                   int64_t Align) {
  if (Size > 16) {
    auto ToGC = [&](llvm::Value *P) {
      return P->getType() == GCPtr ? P : B.CreateAddrSpaceCast(P, GCPtr);
    };
    return B.CreateCall(getRuntime(RuntimeFn::gort_memequal),
                        {ToGC(A), ToGC(Bp), B.getInt64(Size)}, "eq");
  }
  // The xor of each word, or'ed: 8-, 4-, 2- and 1-byte loads, each at an
  // offset that is a multiple of its width.
  llvm::Value *Diff = nullptr;
  for (int64_t Off = 0, W = 8; Off < Size; Off += W) {
    while (W > Size - Off)
      W /= 2;
    llvm::Type *IT = B.getIntNTy(unsigned(W * 8));
    llvm::Align Al(uint64_t(std::min(W, Align)));
    auto Load = [&](llvm::Value *P) {
      return B.CreateAlignedLoad(IT, B.CreateConstGEP1_64(I8, P, Off), Al);
    };
    llvm::Value *D = B.CreateZExt(B.CreateXor(Load(A), Load(Bp)), I64);
    Diff = Diff ? B.CreateOr(Diff, D) : D;
  }
  return Diff ? B.CreateICmpEQ(Diff, B.getInt64(0), "eq") : B.getTrue();
}

llvm::Constant *Lowerer::getEqualFuncValue(Type *T, const std::string &Sym) {
  if (!isPlainMemory(T))
    return getLinkOnceFuncValue(getEqualFunc(T), Sym + ".eqfunc");
  // gc: memequal0..128, or memequal_varlen with the size in the closure.
  int64_t Size = sizeOf(T);
  const char *Sized = nullptr;
  switch (Size) {
  case 0:
    Sized = "gort_memequal0_f";
    break;
  case 1:
    Sized = "gort_memequal8_f";
    break;
  case 2:
    Sized = "gort_memequal16_f";
    break;
  case 4:
    Sized = "gort_memequal32_f";
    break;
  case 8:
    Sized = "gort_memequal64_f";
    break;
  case 16:
    Sized = "gort_memequal128_f";
    break;
  default:
    break;
  }
  if (Sized)
    return getRuntimeFuncValue(Sized);
  std::string Name = "gort.memequal." + std::to_string(Size);
  if (llvm::GlobalVariable *GV = Mod->getNamedGlobal(Name))
    return GV;
  llvm::Constant *Init = llvm::ConstantStruct::getAnon(
      Ctx, {getRuntime(RuntimeFn::gort_memequal_varlen),
            llvm::ConstantInt::get(I64, Size)});
  auto *GV = new llvm::GlobalVariable(*Mod, Init->getType(), true,
                                      llvm::GlobalValue::LinkOnceODRLinkage,
                                      Init, Name);
  GV->setAlignment(llvm::Align(8));
  return GV;
}

llvm::Value *Lowerer::emitTypeEqualCall(llvm::IRBuilder<> &B, Type *T,
                                        llvm::Value *A, llvm::Value *Bp) {
  if (isPlainMemory(T))
    return emitMemEqual(B, A, Bp, sizeOf(T), alignOf(T));
  llvm::Function *F = getEqualFunc(T);
  auto ToRaw = [&](llvm::Value *P) {
    return P->getType() == Ptr ? P : B.CreateAddrSpaceCast(P, Ptr);
  };
  return B.CreateCall(
      F,
      {llvm::ConstantPointerNull::get(cast<llvm::PointerType>(Ptr)), ToRaw(A),
       ToRaw(Bp)},
      "eq");
}

//===----------------------------------------------------------------------===//
// Type descriptors
//===----------------------------------------------------------------------===//

namespace {
/// The package whose path a descriptor records for T (gc: typePkg): a
/// defined type's own, also for an array, slice, pointer or channel of one;
/// none for predeclared types. Never the package being compiled: a
/// descriptor is emitted by every module that needs it and all copies must
/// agree (linkonce_odr).
std::string typePkgPath(Type *T) {
  if (!isa<Named>(T)) {
    Type *E = nullptr;
    if (auto *P = dyn_cast<Pointer>(T))
      E = P->Elem;
    else if (auto *S = dyn_cast<types::Slice>(T))
      E = S->Elem;
    else if (auto *A = dyn_cast<Array>(T))
      E = A->Elem;
    else if (auto *C = dyn_cast<Chan>(T))
      E = C->Elem;
    if (E && isa<Named>(E))
      T = E;
  }
  if (auto *N = dyn_cast<Named>(T))
    return N->Obj->pkg() ? N->Obj->pkg()->Path : "";
  // unsafe.Pointer is the one predeclared type with a package.
  if (basicKindOf(T) == BasicKind::UnsafePointer)
    return "unsafe";
  return "";
}

/// The package an interface type's unexported methods belong to: a
/// defined interface's own, else the package that declared the methods of
/// the literal (gc: the package the literal appears in).
std::string ifacePkgPath(Type *T, Interface *I) {
  if (auto *N = dyn_cast<Named>(T))
    if (N->Obj->pkg())
      return N->Obj->pkg()->Path;
  for (Func *M : I->AllMethods)
    if (M->pkg())
      return M->pkg()->Path;
  return "";
}

/// Types with a name (gc: t.Sym() != nil, tflagNamed): defined types and
/// the predeclared ones.
bool isNamedType(Type *T) {
  return isa<Named>(T) || (isa<Basic>(T) && !isUntyped(T));
}
} // namespace

llvm::Constant *Lowerer::relOff(llvm::Constant *Target, llvm::Constant *Base) {
  return llvm::ConstantExpr::getTrunc(
      llvm::ConstantExpr::getSub(llvm::ConstantExpr::getPtrToInt(Target, I64),
                                 llvm::ConstantExpr::getPtrToInt(Base, I64)),
      I32);
}

llvm::Constant *Lowerer::getName(llvm::StringRef Name, llvm::StringRef Tag,
                                 bool Exported, bool Embedded,
                                 llvm::StringRef PkgPath) {
  std::string Key = std::string(1, char(Exported | Embedded << 1)) +
                    Name.str() + '\0' + Tag.str() + '\0' + PkgPath.str();
  if (auto It = Names.find(Key); It != Names.end())
    return It->second;
  auto Varint = [](std::string &Out, size_t N) {
    do {
      uint8_t B = N & 0x7f;
      N >>= 7;
      Out.push_back(char(N ? B | 0x80 : B));
    } while (N);
  };
  namespace A = gort::abi;
  uint8_t Flags = 0;
  if (Exported)
    Flags |= A::NameExported;
  if (!Tag.empty())
    Flags |= A::NameHasTag;
  if (!PkgPath.empty())
    Flags |= A::NameHasPkgPath;
  if (Embedded)
    Flags |= A::NameEmbedded;
  std::string Bytes(1, char(Flags));
  Varint(Bytes, Name.size());
  Bytes += Name.str();
  if (!Tag.empty()) {
    Varint(Bytes, Tag.size());
    Bytes += Tag.str();
  }
  auto *Data = llvm::ConstantDataArray::getString(Ctx, Bytes, false);
  llvm::GlobalVariable *GV;
  if (PkgPath.empty()) {
    GV = new llvm::GlobalVariable(*Mod, Data->getType(), true,
                                  llvm::GlobalValue::PrivateLinkage, Data,
                                  "go:name");
  } else {
    // The package path's NameOff, from this name's first byte.
    llvm::Constant *Pkg = getName(PkgPath, "", false, false, "");
    auto *STy = llvm::StructType::get(Ctx, {Data->getType(), I32}, true);
    GV = new llvm::GlobalVariable(
        *Mod, STy, true, llvm::GlobalValue::PrivateLinkage, nullptr, "go:name");
    GV->setInitializer(llvm::ConstantStruct::get(STy, {Data, relOff(Pkg, GV)}));
  }
  GV->setAlignment(llvm::Align(1));
  Names[Key] = GV;
  return GV;
}

std::vector<uint8_t> Lowerer::pointerBitmap(Type *T, int64_t &PtrData) {
  int64_t Size = sizeOf(T);
  // One bit per word that may hold a pointer.
  std::vector<bool> Words(size_t((Size + 7) / 8), false);
  std::function<void(Type *, int64_t)> Mark = [&](Type *X, int64_t Off) {
    Type *XU = X->underlying();
    switch (XU->kind()) {
    case TypeKind::Basic: {
      BasicKind K = cast<Basic>(XU)->basicKind();
      if (K == BasicKind::String || K == BasicKind::UnsafePointer)
        Words[size_t(Off / 8)] = true;
      return;
    }
    case TypeKind::Pointer:
    case TypeKind::Map:
    case TypeKind::Chan:
    case TypeKind::Signature:
    case TypeKind::Slice:
      Words[size_t(Off / 8)] = true;
      return;
    case TypeKind::Interface:
      // Both words, as gc's typebits: the type or itab word may point to
      // the heap (reflect.StructOf's types, itabs made at run time).
      Words[size_t(Off / 8)] = true;
      Words[size_t(Off / 8) + 1] = true;
      return;
    case TypeKind::Array: {
      auto *A = cast<Array>(XU);
      int64_t ES = sizeOf(A->Elem);
      if (!hasPointers(A->Elem))
        return;
      for (int64_t I = 0; I < A->Len; ++I)
        Mark(A->Elem, Off + I * ES);
      return;
    }
    case TypeKind::Struct: {
      auto *S = cast<Struct>(XU);
      std::vector<int64_t> Offs = TCtx.offsetsOf(S);
      for (size_t I = 0; I < S->Fields.size(); ++I)
        Mark(S->Fields[I]->type(), Off + Offs[I]);
      return;
    }
    default:
      return;
    }
  };
  Mark(T, 0);
  PtrData = 0;
  for (size_t I = 0; I < Words.size(); ++I)
    if (Words[I])
      PtrData = int64_t(I + 1) * 8;
  std::vector<uint8_t> Bits(size_t((PtrData / 8 + 7) / 8), 0);
  for (int64_t I = 0; I < PtrData / 8; ++I)
    if (Words[size_t(I)])
      Bits[size_t(I / 8)] |= uint8_t(1u << (I % 8));
  return Bits;
}

llvm::Constant *codegen::gcBitsGlobal(llvm::Module &M,
                                      llvm::ArrayRef<uint8_t> Bits) {
  // Shared by every type with the same bits (gc: runtime.gcbits.<hex>),
  // named by the bits or, past 16 bytes of them, by their hash.
  llvm::StringRef Raw(reinterpret_cast<const char *>(Bits.data()), Bits.size());
  std::string Name =
      "gort.gcbits." +
      (Bits.size() <= 16
           ? llvm::toHex(Raw, true)
           : "h" + llvm::utohexstr(llvm::xxh3_64bits(Raw), true, 16));
  if (llvm::GlobalVariable *GV = M.getNamedGlobal(Name))
    return GV;
  llvm::LLVMContext &C = M.getContext();
  return new llvm::GlobalVariable(
      M, llvm::ArrayType::get(llvm::Type::getInt8Ty(C), Bits.size()), true,
      llvm::GlobalValue::LinkOnceODRLinkage,
      llvm::ConstantDataArray::get(C, Bits), Name);
}

void Lowerer::describeGlobal(llvm::GlobalVariable *GV, Type *T) {
  int64_t PtrData = 0;
  std::vector<uint8_t> Bits = pointerBitmap(T, PtrData);
  // A debug-info variable names the layout: the optimizer hands it on to
  // the pieces it splits a global into (GlobalOpt's SRA gives each its
  // fragment), which listGCRoots then describes by their offsets. It is in
  // no compile unit's list of globals, so no DWARF is emitted for it.
  llvm::DIFile *File = DICU->getFile();
  auto *DITy = llvm::DIBasicType::get(Ctx, llvm::dwarf::DW_TAG_base_type,
                                      "gort.gcroot", uint64_t(sizeOf(T)) * 8, 0,
                                      llvm::dwarf::DW_ATE_unsigned,
                                      llvm::DINode::FlagZero);
  auto *Var = llvm::DIGlobalVariable::getDistinct(
      Ctx, DICU, GV->getName(), GV->getName(), File, 0, DITy,
      /*IsLocal=*/true, /*IsDefinition=*/true, nullptr, nullptr, 0, nullptr);
  GV->addDebugInfo(llvm::DIGlobalVariableExpression::get(
      Ctx, Var, llvm::DIExpression::get(Ctx, {})));
  llvm::Type *I64 = llvm::Type::getInt64Ty(Ctx);
  Mod->getOrInsertNamedMetadata(GCRootMD)->addOperand(llvm::MDNode::get(
      Ctx,
      {Var,
       llvm::ConstantAsMetadata::get(
           llvm::ConstantInt::get(I64, uint64_t(PtrData))),
       llvm::MDString::get(
           Ctx, llvm::StringRef(reinterpret_cast<const char *>(Bits.data()),
                                Bits.size()))}));
}

llvm::Constant *Lowerer::getTypeDescriptor(Type *T) {
  std::string Sym = "type:" + typeSymbol(T);
  auto It = Descriptors.find(Sym);
  if (It != Descriptors.end())
    return It->second;

  // Create the global first (types may refer to themselves).
  auto *Placeholder = new llvm::GlobalVariable(
      *Mod, I8, true, llvm::GlobalValue::LinkOnceODRLinkage, nullptr, Sym);
  Descriptors[Sym] = Placeholder;

  Type *U = T->underlying();
  int64_t Size = sizeOf(T);
  int64_t PtrData = 0;
  std::vector<uint8_t> Bits = pointerBitmap(T, PtrData);
  llvm::Constant *GCData =
      Bits.empty()
          ? llvm::ConstantPointerNull::get(cast<llvm::PointerType>(Ptr))
          : gcBitsGlobal(*Mod, Bits);

  namespace A = gort::abi;
  // gc: methods(t). The method set of T, for the UncommonType: on named
  // types, pointers to them and struct literals with promoted methods.
  std::vector<MethodSetEntry> Methods;
  if ((isa<Named>(T) ||
       (isa<Pointer>(T) && isa<Named>(cast<Pointer>(T)->Elem)) ||
       (isa<Struct>(U) && !isa<Named>(T))) &&
      !isa<Interface>(U))
    Methods = methodSet(TCtx, T);
  bool Named = isNamedType(T);
  bool HasUncommon = Named || !Methods.empty();

  uint8_t TFlag = 0;
  if (Named)
    TFlag |= A::TFlagNamed;
  if (HasUncommon)
    TFlag |= A::TFlagUncommon;
  if (comparable(T) && isPlainMemory(T))
    TFlag |= A::TFlagRegularMemory;
  uint8_t Kind = kindOf(T);
  if (isDirectIface(T))
    Kind |= A::KindDirectIface;
  llvm::Constant *NullP =
      llvm::ConstantPointerNull::get(cast<llvm::PointerType>(Ptr));
  llvm::Constant *Zero32 = llvm::ConstantInt::get(I32, 0);
  llvm::Constant *Eq = NullP;
  if (comparable(T)) // gc: the type's equal func value
    Eq = getEqualFuncValue(T, Sym);
  // gc: a named type's ptrToThis is always filled in; other types' would be
  // a weak reference, which a relocation cannot express, so it stays 0.
  llvm::Constant *PtrToThis = Zero32;
  if (Named)
    PtrToThis = relOff(getTypeDescriptor(TCtx.make<Pointer>(T)), Placeholder);

  std::vector<llvm::Constant *> Fields{
      llvm::ConstantInt::get(I64, Size),
      llvm::ConstantInt::get(I64, PtrData),
      llvm::ConstantInt::get(I32, typeHash(Sym)),
      llvm::ConstantInt::get(I8, TFlag),
      llvm::ConstantInt::get(I8, alignOf(T)),
      llvm::ConstantInt::get(I8, alignOf(T)),
      llvm::ConstantInt::get(I8, Kind),
      Eq,
      GCData,
      relOff(getName(runtimeTypeString(TCtx, T), "", false, false, ""),
             Placeholder),
      PtrToThis,
  };
  auto SelfAt = [&](uint64_t At) {
    return llvm::ConstantExpr::getInBoundsGetElementPtr(
        I8, Placeholder, llvm::ConstantInt::get(I64, At));
  };
  // The variable-length data after the UncommonType: func parameters,
  // struct fields, interface methods (Trailing, TrailingSize bytes), which
  // the kind part points into (fixed up once KindEnd is known).
  std::vector<llvm::Constant *> Trailing;
  uint64_t TrailingSize = 0;
  size_t SliceField = 0; // index in Fields of a self-pointing slice's data
  size_t KindEnd;        // bytes of the kind part
  uint64_t UncommonSize = HasUncommon ? sizeof(A::UncommonType) : 0;
  // A package path as a name; none for "".
  auto PkgName = [&](const std::string &Pkg) -> llvm::Constant * {
    return Pkg.empty() ? nullptr : getName(Pkg, "", false, false, "");
  };
  // A method's name: with its package's path when unexported.
  auto MethodName = [&](Func *M) {
    return getName(M->name(), "", M->exported(), false,
                   M->exported() || !M->pkg() ? "" : M->pkg()->Path);
  };
  // The kind part of a struct or interface: the package path, then a slice
  // of the N trailing entries (its data pointer fixed up below).
  auto MemberSlice = [&](const std::string &Pkg, size_t N) {
    llvm::Constant *PN = PkgName(Pkg);
    Fields.push_back(PN ? PN : NullP);
    SliceField = Fields.size();
    Fields.push_back(NullP);
    Fields.push_back(llvm::ConstantInt::get(I64, N));
    Fields.push_back(llvm::ConstantInt::get(I64, N));
  };

  switch (U->kind()) {
  case TypeKind::Pointer:
    Fields.push_back(getTypeDescriptor(cast<Pointer>(U)->Elem));
    KindEnd = sizeof(A::PtrType);
    break;
  case TypeKind::Slice:
    Fields.push_back(getTypeDescriptor(cast<types::Slice>(U)->Elem));
    KindEnd = sizeof(A::SliceType);
    break;
  case TypeKind::Array: {
    auto *Ar = cast<Array>(U);
    Fields.push_back(getTypeDescriptor(Ar->Elem));
    Fields.push_back(getTypeDescriptor(TCtx.make<types::Slice>(Ar->Elem)));
    Fields.push_back(llvm::ConstantInt::get(I64, Ar->Len));
    KindEnd = sizeof(A::ArrayType);
    break;
  }
  case TypeKind::Chan:
    Fields.push_back(getTypeDescriptor(cast<Chan>(U)->Elem));
    Fields.push_back(llvm::ConstantInt::get(
        I64, cast<Chan>(U)->Dir == types::ChanDir::RecvOnly   ? 1
             : cast<Chan>(U)->Dir == types::ChanDir::SendOnly ? 2
                                                              : 3));
    KindEnd = sizeof(A::ChanType);
    break;
  case TypeKind::Map:
    appendMapTypeFields(cast<Map>(U), Fields);
    KindEnd = sizeof(A::MapType);
    break;
  case TypeKind::Struct: {
    auto *S = cast<Struct>(U);
    std::vector<int64_t> Offs = TCtx.offsetsOf(S);
    // gc: the package of the first unexported field, if any.
    std::string Pkg;
    for (Var *F : S->Fields)
      if (!F->exported() && F->pkg()) {
        Pkg = F->pkg()->Path;
        break;
      }
    for (size_t I = 0; I < S->Fields.size(); ++I) {
      Var *F = S->Fields[I];
      Trailing.push_back(
          getName(F->name(), S->Tags[I], F->exported(), F->Embedded, ""));
      Trailing.push_back(getTypeDescriptor(F->type()));
      Trailing.push_back(llvm::ConstantInt::get(I64, Offs[I]));
    }
    TrailingSize = S->Fields.size() * sizeof(A::StructField);
    MemberSlice(Pkg, S->Fields.size());
    KindEnd = sizeof(A::StructType);
    break;
  }
  case TypeKind::Interface: {
    auto *I = cast<Interface>(U);
    completeInterface(TCtx, I);
    for (Func *M : I->AllMethods) {
      Trailing.push_back(relOff(MethodName(M), Placeholder));
      Trailing.push_back(relOff(getTypeDescriptor(M->sig()), Placeholder));
    }
    TrailingSize = I->AllMethods.size() * sizeof(A::IMethod);
    MemberSlice(ifacePkgPath(T, I), I->AllMethods.size());
    KindEnd = sizeof(A::InterfaceType);
    break;
  }
  case TypeKind::Signature: {
    auto *S = cast<Signature>(U);
    size_t In = S->Params ? S->Params->size() : 0;
    size_t OutN = S->Results ? S->Results->size() : 0;
    for (size_t I = 0; I < In; ++I)
      Trailing.push_back(getTypeDescriptor(S->Params->Vars[I]->type()));
    for (size_t I = 0; I < OutN; ++I)
      Trailing.push_back(getTypeDescriptor(S->Results->Vars[I]->type()));
    TrailingSize = (In + OutN) * sizeof(void *);
    Fields.push_back(llvm::ConstantInt::get(llvm::Type::getInt16Ty(Ctx), In));
    Fields.push_back(
        llvm::ConstantInt::get(llvm::Type::getInt16Ty(Ctx),
                               OutN | (S->Variadic ? A::FuncVariadic : 0)));
    Fields.push_back(Zero32); // padding to FuncType's size
    KindEnd = sizeof(A::FuncType);
    break;
  }
  default:
    KindEnd = sizeof(A::Type);
    break;
  }
  uint64_t TrailingAt = KindEnd + UncommonSize;
  if (SliceField)
    Fields[SliceField] = SelfAt(TrailingAt);

  if (HasUncommon) {
    // gc: uncommontype, then (after the trailing data) the methods, exported
    // first (methodSet's order is gc's).
    unsigned XCount = 0;
    for (const MethodSetEntry &E : Methods)
      XCount += E.Method->exported();
    llvm::Constant *PN = PkgName(typePkgPath(T));
    Fields.push_back(PN ? relOff(PN, Placeholder) : Zero32);
    Fields.push_back(
        llvm::ConstantInt::get(llvm::Type::getInt16Ty(Ctx), Methods.size()));
    Fields.push_back(
        llvm::ConstantInt::get(llvm::Type::getInt16Ty(Ctx), XCount));
    Fields.push_back(
        llvm::ConstantInt::get(I32, sizeof(A::UncommonType) + TrailingSize));
    Fields.push_back(Zero32);
  }
  Fields.insert(Fields.end(), Trailing.begin(), Trailing.end());
  for (const MethodSetEntry &E : Methods) {
    Func *M = E.Method;
    llvm::ArrayRef<int> Path(E.Index);
    llvm::Function *Ifn =
        getIfaceMethodWrapper(M, T, Path.drop_back(), E.Indirect);
    // Tfn takes the receiver as the method's own receiver parameter: the
    // itab code when the data word is the receiver, the method itself for
    // a value method declared on T; other cases have no such function yet
    // (-1, gc's unreachable-method sentinel).
    // Both name the code through getMethodRef, so that the link can drop
    // the methods nothing calls dynamically (gc's deadcode).
    llvm::Constant *Tfn = llvm::ConstantInt::get(I32, -1, true);
    if (isDirectIface(T))
      Tfn = relOff(getMethodRef(Ifn, M), Placeholder);
    else if (Path.size() == 1 && !M->PtrRecv)
      Tfn = relOff(getMethodRef(getFunction(M), M), Placeholder);
    Fields.push_back(relOff(MethodName(M), Placeholder));
    Fields.push_back(relOff(getTypeDescriptor(M->sig()), Placeholder));
    Fields.push_back(relOff(getMethodRef(Ifn, M), Placeholder));
    Fields.push_back(Tfn);
  }

  llvm::Constant *Init = llvm::ConstantStruct::getAnon(Ctx, Fields);
  auto *GV =
      new llvm::GlobalVariable(*Mod, Init->getType(), true,
                               llvm::GlobalValue::LinkOnceODRLinkage, Init, "");
  GV->setAlignment(llvm::Align(8));
  // The offsets above assume the struct packs as abi.h's types do.
  assert(DL->getStructLayout(cast<llvm::StructType>(Init->getType()))
                 ->getSizeInBytes() ==
             TrailingAt + TrailingSize + Methods.size() * sizeof(A::Method) &&
         "descriptor layout disagrees with libgort/abi.h");
  Placeholder->replaceAllUsesWith(GV);
  GV->takeName(Placeholder);
  Placeholder->eraseFromParent();
  // Its own comdat, hence its own section: the linker keeps one copy and
  // discards the others whole. Without one, an assembler resolves an
  // offset between two descriptors in the same section itself, binding it
  // to this object's copy of a descriptor another copy may replace.
  GV->setComdat(Mod->getOrInsertComdat(GV->getName()));
  // gc's typelinks: the unnamed composite types, which reflect looks up by
  // their string (ArrayOf, ChanOf, FuncOf, MapOf, PtrTo, SliceOf,
  // StructOf) so that it finds the program's own descriptor. An entry
  // lives in the descriptor's comdat, in section .gort_typelink, which
  // libgort/gort.ld brackets for the runtime (runtime/type.cpp). The comdat
  // group is kept or dropped whole, so the entry keeps nothing alive and
  // goes wherever its descriptor goes.
  if (!isNamedType(T) &&
      (isa<Pointer>(U) || isa<Array>(U) || isa<Chan>(U) || isa<Signature>(U) ||
       isa<Map>(U) || isa<types::Slice>(U) || isa<Struct>(U))) {
    auto *Link = new llvm::GlobalVariable(*Mod, Ptr, true,
                                          llvm::GlobalValue::InternalLinkage,
                                          GV, Sym + ".typelink");
    Link->setSection(TypelinkSection);
    Link->setComdat(GV->getComdat());
    // Copied with the descriptor into every partition of a cut module
    // (codegen/partition.cpp's isCopied): whichever copy of the comdat the
    // linker keeps must hold the entry.
    Link->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
    Link->setAlignment(llvm::Align(8));
    llvm::appendToCompilerUsed(*Mod, {Link});
  }
  Descriptors[Sym] = GV;
  return GV;
}

llvm::Constant *Lowerer::getItab(Type *Concrete, Interface *I, Type *IfaceT) {
  std::string Name =
      "go:itab." + typeSymbol(Concrete) + "," + typeSymbol(IfaceT);
  auto It = Itabs.find(Name);
  if (It != Itabs.end())
    return It->second;
  completeInterface(TCtx, I);
  std::vector<MethodSetEntry> MS = methodSet(TCtx, Concrete);
  std::vector<llvm::Constant *> Fun;
  for (Func *M : I->AllMethods) {
    llvm::Constant *F =
        llvm::ConstantPointerNull::get(cast<llvm::PointerType>(Ptr));
    for (const MethodSetEntry &E : MS)
      if (E.Method->qualifiedName() == M->qualifiedName()) {
        llvm::ArrayRef<int> Path(E.Index);
        // Through getMethodRef, as in method tables: an itab keeps only
        // the methods some kept code calls dynamically (gc: its itabs'
        // weak relocations).
        F = getMethodRef(getIfaceMethodWrapper(E.Method, Concrete,
                                               Path.drop_back(), E.Indirect),
                         E.Method);
        break;
      }
    // Compile-time itabs are made for conversions the checker allowed.
    assert(!F->isNullValue() && "itab of a type missing a method");
    Fun.push_back(F);
  }
  auto *FunTy = llvm::ArrayType::get(Ptr, Fun.size());
  llvm::Constant *Init = llvm::ConstantStruct::getAnon(
      Ctx,
      {getTypeDescriptor(IfaceT), getTypeDescriptor(Concrete),
       llvm::ConstantInt::get(I32, typeHash("type:" + typeSymbol(Concrete))),
       llvm::ConstantInt::get(I32, 0), llvm::ConstantArray::get(FunTy, Fun)});
  auto *GV = new llvm::GlobalVariable(*Mod, Init->getType(), true,
                                      llvm::GlobalValue::LinkOnceODRLinkage,
                                      Init, Name);
  GV->setAlignment(llvm::Align(8));
  Itabs[Name] = GV;
  return GV;
}

//===----------------------------------------------------------------------===//
// Interface operations
//===----------------------------------------------------------------------===//

llvm::Value *FuncLowerer::emitBox(llvm::Value *V, Type *T,
                                  llvm::Value *AggAddr) {
  if (isDirectIface(T))
    return V;
  int64_t Size = L.sizeOf(T);
  if (Size == 0)
    return B.CreateCall(L.getRuntime(RuntimeFn::gort_mallocgc),
                        {B.getInt64(0), L.getTypeDescriptor(T), B.getFalse()});
  if (auto *C = dyn_cast_or_null<llvm::Constant>(V))
    return L.getBoxedConst(C, T);
  llvm::Value *Obj = B.CreateCall(L.getRuntime(RuntimeFn::gort_newobject),
                                  {L.getTypeDescriptor(T)}, "box");
  if (AggAddr)
    emitCopy(Obj, AggAddr, T);
  else
    store(V, Obj);
  return Obj;
}

llvm::Value *FuncLowerer::emitUnbox(llvm::Value *Data, Type *T,
                                    llvm::Value *AggDest) {
  if (isDirectIface(T))
    return Data;
  if (AggDest) {
    emitCopy(AggDest, Data, T);
    return AggDest;
  }
  if (L.sizeOf(T) == 0)
    return llvm::Constant::getNullValue(L.getLLVMType(T));
  return load(T, Data, "unbox");
}

llvm::Value *FuncLowerer::emitDynType(llvm::Value *Iface, Type *IfaceType) {
  llvm::Value *W0 = B.CreateExtractValue(Iface, 0, "tab");
  auto *I = cast<Interface>(IfaceType->underlying());
  completeInterface(L.TCtx, I);
  if (I->AllMethods.empty())
    return W0;
  // itab->Typ, or null for a nil interface.
  llvm::BasicBlock *From = B.GetInsertBlock();
  llvm::BasicBlock *Load = newBlock("dyntype.load");
  llvm::BasicBlock *Done = newBlock("dyntype.done");
  B.CreateCondBr(B.CreateIsNull(W0), Done, Load);
  setBlock(Load);
  llvm::Value *T = B.CreateLoad(
      L.Ptr, B.CreateConstGEP1_64(L.I8, W0, gort::abi::ItabTypOffset));
  B.CreateBr(Done);
  setBlock(Done);
  llvm::PHINode *P = B.CreatePHI(L.Ptr, 2, "dyntype");
  P->addIncoming(llvm::ConstantPointerNull::get(cast<llvm::PointerType>(L.Ptr)),
                 From);
  P->addIncoming(T, Load);
  return P;
}

Callee FuncLowerer::emitIfaceCallee(llvm::Value *IV, Type *IfaceT, Func *M,
                                    bool NilCheck) {
  auto *I = cast<Interface>(IfaceT->underlying());
  completeInterface(L.TCtx, I);
  unsigned MI = 0;
  while (MI < I->AllMethods.size() &&
         I->AllMethods[MI]->qualifiedName() != M->qualifiedName())
    ++MI;
  assert(MI < I->AllMethods.size() && "method not in the interface");
  llvm::Value *Tab = B.CreateExtractValue(IV, 0, "itab");
  if (NilCheck)
    emitNilCheck(Tab);
  llvm::Value *Slot = B.CreateConstGEP1_64(
      L.I8, Tab, gort::abi::ItabFunOffset + gort::abi::ItabFunSize * MI,
      "fnslot");
  L.noteIfaceCall(Fn, I->AllMethods[MI]);
  Callee C;
  C.K = Callee::Iface;
  C.Code = B.CreateLoad(L.Ptr, Slot, "method");
  C.RecvT = L.TCtx.basic(BasicKind::UnsafePointer);
  C.Recv = B.CreateExtractValue(IV, 1, "data");
  C.Sig = L.TCtx.make<Signature>(*M->sig());
  C.Sig->Recv = L.TCtx.make<Var>(Pos(), nullptr, "", C.RecvT);
  return C;
}

llvm::Value *FuncLowerer::emitToInterface(llvm::Value *V, Type *From, Type *To,
                                          llvm::Value *AggAddr) {
  auto *I = cast<Interface>(To->underlying());
  completeInterface(L.TCtx, I);
  bool Empty = I->AllMethods.empty();
  llvm::Value *R = llvm::UndefValue::get(L.IfaceTy);
  if (isInterface(From)) {
    if (identical(From, To))
      return V;
    llvm::Value *Data = B.CreateExtractValue(V, 1);
    llvm::Value *DT = emitDynType(V, From);
    llvm::Value *First;
    if (Empty) {
      First = DT;
    } else {
      // The runtime finds or builds the itab; a nil interface stays nil.
      llvm::BasicBlock *Cur = B.GetInsertBlock();
      llvm::BasicBlock *Get = newBlock("itab.get");
      llvm::BasicBlock *Done = newBlock("itab.done");
      B.CreateCondBr(B.CreateIsNull(DT), Done, Get);
      setBlock(Get);
      llvm::Value *Tab = B.CreateCall(L.getRuntime(RuntimeFn::gort_assertE2I),
                                      {L.getTypeDescriptor(To), DT});
      B.CreateBr(Done);
      setBlock(Done);
      llvm::PHINode *P = B.CreatePHI(L.Ptr, 2);
      P->addIncoming(
          llvm::ConstantPointerNull::get(cast<llvm::PointerType>(L.Ptr)), Cur);
      P->addIncoming(Tab, Get);
      First = P;
    }
    R = B.CreateInsertValue(R, First, 0);
    return B.CreateInsertValue(R, Data, 1);
  }
  llvm::Value *Data = emitBox(V, From, AggAddr);
  llvm::Value *First =
      Empty ? L.getTypeDescriptor(From) : L.getItab(From, I, To);
  R = B.CreateInsertValue(R, First, 0);
  return B.CreateInsertValue(R, Data, 1);
}

llvm::Value *FuncLowerer::emitTypeAssert(AssertExpr *E, bool CommaOk,
                                         llvm::Value **OkOut,
                                         llvm::Value *AggDest) {
  Type *XT = E->X->TV.Ty;
  Type *T = E->Type->TV.Ty;
  llvm::Value *X = emitExpr(E->X);
  llvm::Value *DT = emitDynType(X, XT);
  llvm::Value *Data = B.CreateExtractValue(X, 1, "data");
  llvm::Constant *XDesc = L.getTypeDescriptor(XT);
  llvm::Type *LT = L.getLLVMType(T);

  if (isInterface(T)) {
    auto *I = cast<Interface>(T->underlying());
    completeInterface(L.TCtx, I);
    llvm::Value *First;
    llvm::Value *Ok;
    if (I->AllMethods.empty()) {
      First = DT;
      Ok = B.CreateIsNotNull(DT);
      if (!CommaOk) {
        llvm::BasicBlock *Fail = newBlock("assert.fail");
        llvm::BasicBlock *Good = newBlock("assert.ok");
        B.CreateCondBr(Ok, Good, Fail);
        setBlock(Fail);
        B.CreateCall(L.getRuntime(RuntimeFn::gort_panicnildottype),
                     {L.getTypeDescriptor(T)});
        B.CreateUnreachable();
        setBlock(Good);
      }
    } else if (CommaOk) {
      First = B.CreateCall(L.getRuntime(RuntimeFn::gort_assertE2I2),
                           {L.getTypeDescriptor(T), DT}, "itab");
      Ok = B.CreateIsNotNull(First);
    } else {
      // Panics with gc's message when DT does not implement T (or is nil).
      First = B.CreateCall(L.getRuntime(RuntimeFn::gort_assertE2I),
                           {L.getTypeDescriptor(T), DT}, "itab");
      Ok = B.getTrue();
    }
    llvm::Value *R = llvm::UndefValue::get(L.IfaceTy);
    R = B.CreateInsertValue(R, First, 0);
    R = B.CreateInsertValue(
        R, B.CreateSelect(Ok, Data, llvm::Constant::getNullValue(L.GCPtr)), 1);
    if (OkOut)
      *OkOut = Ok;
    return R;
  }

  // A concrete type: compare the dynamic type descriptor.
  llvm::Constant *TDesc = L.getTypeDescriptor(T);
  llvm::Value *Ok = B.CreateICmpEQ(DT, TDesc, "assert.ok");
  llvm::BasicBlock *Good = newBlock("assert.ok");
  llvm::BasicBlock *Fail = newBlock("assert.fail");
  llvm::BasicBlock *Done = newBlock("assert.done");
  B.CreateCondBr(Ok, Good, Fail);
  setBlock(Fail);
  llvm::Value *FailVal = nullptr;
  if (!CommaOk) {
    llvm::Value *Nil = B.CreateIsNull(DT);
    llvm::BasicBlock *NilBB = newBlock("assert.nil");
    llvm::BasicBlock *Wrong = newBlock("assert.wrong");
    B.CreateCondBr(Nil, NilBB, Wrong);
    setBlock(NilBB);
    B.CreateCall(
        L.getRuntime(RuntimeFn::gort_panicdottypeE),
        {llvm::ConstantPointerNull::get(cast<llvm::PointerType>(L.Ptr)), TDesc,
         XDesc});
    B.CreateUnreachable();
    setBlock(Wrong);
    B.CreateCall(L.getRuntime(RuntimeFn::gort_panicdottypeE),
                 {DT, TDesc, XDesc});
    B.CreateUnreachable();
  } else {
    if (AggDest)
      emitZero(AggDest, T);
    else
      FailVal = llvm::Constant::getNullValue(LT);
    B.CreateBr(Done);
  }
  setBlock(Good);
  llvm::Value *GoodVal = emitUnbox(Data, T, AggDest);
  llvm::BasicBlock *GoodEnd = B.GetInsertBlock();
  B.CreateBr(Done);
  setBlock(Done);
  if (OkOut)
    *OkOut = Ok;
  if (AggDest)
    return AggDest;
  if (!CommaOk)
    return GoodVal;
  llvm::PHINode *P = B.CreatePHI(LT, 2, "assert.val");
  P->addIncoming(GoodVal, GoodEnd);
  P->addIncoming(FailVal, Fail);
  return P;
}

llvm::Value *FuncLowerer::emitIfaceCompare(llvm::Value *X, llvm::Value *Y,
                                           Type *T) {
  // Compare dynamic types, not itab pointers: an itab built at run time
  // (gort_assertE2I) and the compiler's static one for the same pair are
  // different objects.
  llvm::Value *TX = emitDynType(X, T);
  llvm::Value *TY = emitDynType(Y, T);
  llvm::Value *DX = B.CreateExtractValue(X, 1);
  llvm::Value *DY = B.CreateExtractValue(Y, 1);
  llvm::BasicBlock *From = B.GetInsertBlock();
  llvm::BasicBlock *Same = newBlock("ifaceeq.same");
  llvm::BasicBlock *Done = newBlock("ifaceeq.done");
  B.CreateCondBr(B.CreateICmpEQ(TX, TY), Same, Done);
  setBlock(Same);
  llvm::Value *Eq =
      B.CreateCall(L.getRuntime(RuntimeFn::gort_efaceeq), {TX, DX, DY});
  llvm::BasicBlock *SameEnd = B.GetInsertBlock();
  B.CreateBr(Done);
  setBlock(Done);
  llvm::PHINode *P = B.CreatePHI(L.I1, 2, "ifaceeq");
  P->addIncoming(B.getFalse(), From);
  P->addIncoming(Eq, SameEnd);
  return P;
}
