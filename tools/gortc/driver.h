//===- tools/gortc/driver.h - The gortc compilation pipeline ----*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The driver runs the pipeline of design.md: read and parse the files of
// package main, load the packages it imports (load.h), type-check them
// all, lower each package to an LLVM module, optimize, emit objects for
// the target (or take an imported package's from the build cache,
// cache.h) and link them in-process with LLD against the target's
// libgort.a. main.cpp turns the command line into DriverOptions.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_TOOLS_GORTC_DRIVER_H
#define GORTC_TOOLS_GORTC_DRIVER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace llvm::object {
class ObjectFile;
} // namespace llvm::object

namespace gortc {

enum class EmitKind { Exe, LLVM, Asm, Obj };

struct DriverOptions {
  std::vector<std::string> Inputs; ///< .go files or one directory
  std::string Output;              ///< empty: derived from the inputs
  std::string Target;              ///< x86_64-linux or aarch64-linux
  unsigned OptLevel = 2;
  EmitKind Emit = EmitKind::Exe;
  bool SyntaxOnly = false;   ///< stop after type checking
  bool Verify = false;       ///< check diagnostics against // ERROR comments
  bool NoErrorLimit = false; ///< gc's -e
  bool TimePhases = false;   ///< --time: print each phase's wall time
  unsigned Jobs = 0;         ///< -j: code generation threads; 0 = one per CPU
  unsigned Partitions = 0;   ///< --partitions: cut even small modules (tests)
  std::vector<std::string> LLVMArgs; ///< -mllvm options, for developers
  std::string Argv0; ///< to find the runtime relative to the binary
};

/// Compiles according to Opts. Returns the process exit status (0, or 2
/// after reported errors, as gc).
int runBuild(const DriverOptions &Opts);

/// `gortc run`: builds to a temporary file and executes it with Args,
/// returning its exit status.
int runRun(DriverOptions Opts, const std::vector<std::string> &Args);

/// `gortc clean`: with Cache, removes the build cache (tools/gortc/cache.h).
int runClean(bool Cache);

/// The host target in our spelling ("x86_64-linux" / "aarch64-linux"),
/// honouring GOARCH as go does.
std::string defaultTarget();

/// What pruneMethods decided: method table entries' code kept and pruned;
/// and the time linkExecutable spent deciding and rewriting the executable
/// after LLD (gortc --time).
struct PruneStats {
  unsigned Kept = 0, Pruned = 0;            ///< method table entries
  unsigned InitsKept = 0, InitsDropped = 0; ///< outlined map initialisers
  double PruneSeconds = 0, RewriteSeconds = 0;
};

/// The --defsym options that bind the method table entries of Objects
/// (their gort.mref symbols) to their code or to gort_unreachableMethod,
/// from the objects' link summaries and RuntimeLib's references
/// (deadcode.cpp). Returns false with Error set on an unreadable input.
bool pruneMethods(const std::vector<std::string> &Objects,
                  const std::string &RuntimeLib,
                  std::vector<std::string> &Defsyms, PruneStats &Stats,
                  std::string &Error);

/// The contents of section Name in Obj (empty if it has none).
llvm::Expected<llvm::StringRef>
sectionContents(const llvm::object::ObjectFile &Obj, llvm::StringRef Name);

/// A section's new contents.
struct DebugSection {
  std::string Name;
  std::string Data;
};

/// The debug sections the runtime reads (.debug_line, .debug_ranges,
/// .debug_info) without the parts that describe code the link dropped
/// (debuginfo.cpp). False, and nothing in Sections, if Exe has DWARF that
/// gortc does not emit.
bool compactDebugInfo(const llvm::object::ObjectFile &Exe,
                      std::vector<DebugSection> &Sections);

/// Links Objects into an executable Output for Arch ("x86_64"/"aarch64")
/// with LLD, in-process, pruning methods nothing calls (pruneMethods).
/// Returns false after printing an error.
bool linkExecutable(const std::string &Arch,
                    const std::vector<std::string> &Objects,
                    const std::string &Output, const std::string &RuntimeDir,
                    PruneStats &Stats);

} // namespace gortc

#endif // GORTC_TOOLS_GORTC_DRIVER_H
