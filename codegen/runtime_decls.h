//===- codegen/runtime_decls.h - Runtime entry points by enum ---*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The gort_* functions of libgort/abi.def as an enum, and their declarations
// in a module. Generated code names a runtime entry point only through
// RuntimeFn, so a misspelt name does not compile (LLVM's RuntimeLibcalls.def
// and RTLIB::Libcall work the same way).
//
// The enumerators are the symbols themselves (RuntimeFn::gort_newobject), as
// LLVM's Intrinsic::memcpy is its intrinsic's name: grepping for a runtime
// function finds its definition, its abi.def entry and every caller.
//
// Used by lowering (Lowerer::getRuntime) and by late IR passes that call the
// runtime (the stack-growth prologue calls gort_morestack).
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_CODEGEN_RUNTIME_DECLS_H
#define GORTC_CODEGEN_RUNTIME_DECLS_H

#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"

namespace gortc {
namespace codegen {

/// One enumerator per GORT_FUNC entry of libgort/abi.def, in its order.
enum class RuntimeFn : unsigned {
#define GORT_FUNC(Name, Result, Flags, ...) Name,
#include "libgort/abi.def"
};

/// The number of RuntimeFn enumerators.
constexpr unsigned NumRuntimeFns = 0
#define GORT_FUNC(Name, Result, Flags, ...) +1
#include "libgort/abi.def"
    ;

/// The declaration of F in M, created on first use with the LLVM signature
/// and attributes abi.def gives it: nounwind; zeroext on Bool results and
/// parameters; noreturn, cold and nomerge for NoReturn; returns_twice for
/// ReturnsTwice; NoEscapeAttr (stack_alloc.h) on the pointer parameters of
/// NoEscape functions. An existing function of that name is returned as it is.
llvm::Function *getOrInsertRuntimeFunction(llvm::Module &M, RuntimeFn F);

/// The function of M named as F, or null if M does not mention F (for
/// passes that look for calls to F and must not declare it).
llvm::Function *getRuntimeFunctionIfPresent(llvm::Module &M, RuntimeFn F);

} // namespace codegen
} // namespace gortc

#endif // GORTC_CODEGEN_RUNTIME_DECLS_H
