//===- codegen/partition.h - Cutting a module for parallel builds -*- C++
//-*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A lowered module is optimized and compiled in partitions, one thread each
// (pipeline.cpp). partitionModule decides which partition defines each
// global value, and which small functions a partition also gets a copy of
// for inlining; loadPartition materializes one partition from the module's
// bitcode in a fresh LLVMContext. See partition.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_CODEGEN_PARTITION_H
#define GORTC_CODEGEN_PARTITION_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBufferRef.h"

#include <memory>
#include <vector>

namespace gortc {
namespace codegen {

/// Where each global value of a module is compiled.
class Partitioning {
public:
  unsigned count() const { return N; }
  /// The partition that defines global value Name, or -1 if every
  /// partition that uses it has its own copy (linkonce_odr values, unnamed
  /// constants).
  int home(llvm::StringRef Name) const {
    auto It = Home.find(Name);
    return It == Home.end() ? -1 : int(It->second);
  }
  /// Whether partition Part has an available_externally copy of Name.
  bool imports(unsigned Part, llvm::StringRef Name) const {
    return Part < Imports.size() && Imports[Part].contains(Name);
  }

private:
  friend Partitioning partitionModule(llvm::Module &M, unsigned Parts,
                                      unsigned MinInsts);
  unsigned N = 1;
  llvm::StringMap<unsigned> Home;
  std::vector<llvm::StringSet<>> Imports;
};

/// Cuts M into at most Parts partitions of similar size, keeping functions
/// that are called from one place with their caller. Modules of fewer than
/// MinInsts instructions stay whole. Changes M so that each partition can
/// be compiled on its own: values one partition defines and another uses
/// get external, hidden linkage; linkonce_odr values get comdats.
Partitioning partitionModule(llvm::Module &M, unsigned Parts,
                             unsigned MinInsts);

/// Reads partition Part of the module in Bitcode (as partitionModule left
/// it) into Ctx: its own definitions, copies of linkonce_odr values and
/// unnamed constants it uses, available_externally copies of the
/// functions it imports, and declarations of everything else it uses.
llvm::Error loadPartition(llvm::MemoryBufferRef Bitcode,
                          const Partitioning &Parts, unsigned Part,
                          llvm::LLVMContext &Ctx,
                          std::unique_ptr<llvm::Module> &M);

} // namespace codegen
} // namespace gortc

#endif // GORTC_CODEGEN_PARTITION_H
