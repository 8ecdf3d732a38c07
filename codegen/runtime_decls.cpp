//===- codegen/runtime_decls.cpp - Runtime entry points by enum -----------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Declares the gort_* functions from libgort/abi.def. The type tokens of
// abi.def are enumerators of AbiToken here; each entry becomes one constant
// RuntimeSig row, indexed by RuntimeFn. See runtime_decls.h.
//
//===----------------------------------------------------------------------===//

#include "codegen/runtime_decls.h"

#include "codegen/lower.h"
#include "codegen/stack_alloc.h"

#include "llvm/IR/DerivedTypes.h"

#include <iterator>

using namespace gortc;
using namespace gortc::codegen;

namespace {

/// abi.def's type tokens and flags, spelt as abi.def spells them so that its
/// entries expand to constants of this namespace.
namespace abitok {
enum Token : uint8_t {
  Void,
  Bool,
  I32,
  I64,
  F64,
  Ptr,
  GcPtr,
  GcPtr2,
  I64x2,
  F64x2,
  Eface
};
enum FlagBits : uint8_t {
  None = 0,
  NoReturn = 1,
  ReturnsTwice = 2,
  NoEscape = 4,
  NoStackMap = 8,
  NoEscapeDeep = 16
};
} // namespace abitok

/// The most parameters any abi.def entry has.
constexpr unsigned MaxRuntimeParams = 8;

struct RuntimeSig {
  const char *Name;
  abitok::Token Result;
  uint8_t Flags; ///< abitok::FlagBits
  uint8_t NumParams;
  abitok::Token Params[MaxRuntimeParams];
};

template <typename... Ts>
constexpr RuntimeSig makeSig(const char *Name, abitok::Token Result,
                             unsigned Flags, Ts... Params) {
  static_assert(sizeof...(Ts) <= MaxRuntimeParams,
                "raise MaxRuntimeParams for this abi.def entry");
  return {Name, Result, uint8_t(Flags), uint8_t(sizeof...(Ts)), {Params...}};
}

using namespace abitok;
constexpr RuntimeSig RuntimeSigs[] = {
#define GORT_FUNC(Name, Result, Flags, ...)                                    \
  makeSig(#Name, Result, Flags __VA_OPT__(, ) __VA_ARGS__),
#include "libgort/abi.def"
};
static_assert(std::size(RuntimeSigs) == NumRuntimeFns,
              "RuntimeFn and RuntimeSigs are both made from abi.def");

llvm::Type *llvmTypeOf(llvm::LLVMContext &Ctx, Token T) {
  llvm::Type *P = llvm::PointerType::get(Ctx, 0);
  llvm::Type *GCP = llvm::PointerType::get(Ctx, GCAddrSpace);
  llvm::Type *I64Ty = llvm::Type::getInt64Ty(Ctx);
  llvm::Type *F64Ty = llvm::Type::getDoubleTy(Ctx);
  switch (T) {
  case Void:
    return llvm::Type::getVoidTy(Ctx);
  case Bool:
    return llvm::Type::getInt1Ty(Ctx);
  case I32:
    return llvm::Type::getInt32Ty(Ctx);
  case I64:
    return I64Ty;
  case F64:
    return F64Ty;
  case Ptr:
    return P;
  case GcPtr:
    return GCP;
  case GcPtr2:
    return llvm::StructType::get(Ctx, {GCP, I64Ty});
  case I64x2:
    return llvm::StructType::get(Ctx, {I64Ty, I64Ty});
  case F64x2:
    return llvm::StructType::get(Ctx, {F64Ty, F64Ty});
  case Eface:
    return llvm::StructType::get(Ctx, {P, GCP});
  }
  llvm_unreachable("abi.def token without an LLVM type");
}

} // namespace

llvm::Function *codegen::getRuntimeFunctionIfPresent(llvm::Module &M,
                                                     RuntimeFn Id) {
  assert(unsigned(Id) < NumRuntimeFns && "not a RuntimeFn");
  return M.getFunction(RuntimeSigs[unsigned(Id)].Name);
}

llvm::Function *codegen::getOrInsertRuntimeFunction(llvm::Module &M,
                                                    RuntimeFn Id) {
  assert(unsigned(Id) < NumRuntimeFns && "not a RuntimeFn");
  const RuntimeSig &S = RuntimeSigs[unsigned(Id)];
  if (llvm::Function *F = M.getFunction(S.Name))
    return F;
  llvm::LLVMContext &Ctx = M.getContext();
  llvm::SmallVector<llvm::Type *, MaxRuntimeParams> Params;
  for (unsigned I = 0; I < S.NumParams; ++I)
    Params.push_back(llvmTypeOf(Ctx, S.Params[I]));
  auto *FT = llvm::FunctionType::get(llvmTypeOf(Ctx, S.Result), Params, false);
  auto *F =
      llvm::Function::Create(FT, llvm::GlobalValue::ExternalLinkage, S.Name, M);
  F->addFnAttr(llvm::Attribute::NoUnwind);
  if (S.Result == Bool)
    F->addRetAttr(llvm::Attribute::ZExt);
  for (unsigned I = 0; I < S.NumParams; ++I)
    if (S.Params[I] == Bool)
      F->addParamAttr(I, llvm::Attribute::ZExt);
  if (S.Flags & NoReturn) {
    F->addFnAttr(llvm::Attribute::NoReturn);
    F->addFnAttr(llvm::Attribute::Cold);
    // Each panic keeps its own call (and line) for tracebacks, as gc's.
    F->addFnAttr(llvm::Attribute::NoMerge);
  }
  if (S.Flags & ReturnsTwice)
    F->addFnAttr(llvm::Attribute::ReturnsTwice);
  // No statepoint, no spills: a frame stopped in the call is scanned
  // conservatively (codegen/stack_maps.cpp).
  if (S.Flags & NoStackMap)
    F->addFnAttr(llvm::Attribute::get(Ctx, "gc-leaf-function"));
  // The escape flags speak for every pointer parameter.
  for (unsigned I = 0; I < S.NumParams; ++I) {
    if (S.Params[I] != Ptr && S.Params[I] != GcPtr)
      continue;
    if (S.Flags & NoEscape)
      F->addParamAttr(I, llvm::Attribute::get(Ctx, NoEscapeAttr));
    if (S.Flags & NoEscapeDeep)
      F->addParamAttr(I, llvm::Attribute::get(Ctx, NoEscapeDeepAttr));
  }
  return F;
}
