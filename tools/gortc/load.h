//===- tools/gortc/load.h - A program's packages ---------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The package loader: from the files of package main, the import graph of
// the whole program. An import path names
//   - a package of the main module when it is go.mod's module path or lies
//     below it (the directory under the module's root), else
//   - a package of the standard library, GOROOT/src/<path> (GOROOT from
//     the environment, else Debian's golang-1.19-src), or the standard
//     library's vendored copy GOROOT/src/vendor/<path>.
// "unsafe" is the compiler's own; "runtime" is gortc's Go-facing package
// runtime (runtime/go/ in the source tree, installed beside libgort), never
// GOROOT's, and may declare functions without bodies: libgort has them. Each
// directory's files are chosen by build constraints for linux/GOARCH
// (matchFile), parsed, and their imports followed depth first; a cycle is
// "import cycle not allowed", and an internal package imported from
// outside the tree of its parent directory "use of internal package ...
// not allowed", as go build says.
//
// Overlays: a few files of the standard library are replaced by gortc's
// own versions (runtime/overlay/<import path>/<file> in the source tree,
// installed beside package runtime), where a file depends on gc's calling
// convention; docs/overview.md lists them and says why. Each overlay's
// first line pins the upstream file it replaces by its SHA-256:
//   // gortc overlay of reflect/abi.go, upstream sha256 <64 hex digits>
// and a GOROOT whose file differs is an error rather than a silent
// mismatch. The overlay's text and name replace the upstream file's (so
// diagnostics, debug info and the build cache key see the overlay).
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_TOOLS_GORTC_LOAD_H
#define GORTC_TOOLS_GORTC_LOAD_H

#include "frontend/ast.h"
#include "frontend/diagnostics.h"
#include "frontend/source.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>
#include <vector>

namespace gortc {

/// Whether the file at Path with contents Text is compiled for
/// linux/GoArch: its name (_test, _linux, _amd64 ...) and its //go:build
/// or // +build lines, with the tags linux, unix, GoArch, gc, gortc,
/// go1.1 ... go1.19, and purego and math_big_pure_go (the packages'
/// portable code in place of assembly).
bool matchFile(llvm::StringRef Path, llvm::StringRef Text,
               llvm::StringRef GoArch);

/// One package of the program.
struct LoadedPackage {
  std::string Path; ///< import path; "main" for the main package
  std::string Dir;
  std::vector<syntax::File *> Files;
  /// Direct imports other than unsafe, with the position of their first
  /// import declaration.
  std::vector<std::pair<std::string, Pos>> Imports;
  /// gc's -complete: no function may lack a body. go build passes it
  /// unless the package has non-Go files (assembly), or is one of the
  /// standard packages whose bodies the runtime provides.
  bool Complete = true;
  /// A package of the standard library (or gortc's runtime): it may import
  /// the standard library's internal packages.
  bool Std = false;
  /// Its files were parsed with the bodies of non-generic functions
  /// skipped (PackageLoader's SkipFuncBodies); parseBodies undoes that.
  bool BodiesSkipped = false;
};

class PackageLoader {
public:
  /// With SkipFuncBodies, imported packages are parsed without the bodies
  /// of non-generic functions (syntax::parseFile): enough to check them
  /// for their importers when their code comes from the build cache.
  PackageLoader(SourceManager &SM, syntax::AstContext &Ast,
                DiagnosticEngine &Diags, std::string GoArch,
                std::string RuntimeDir, bool SkipFuncBodies = false);

  /// Adds package main, whose files (from MainDir) are parsed already, and
  /// loads every package it imports, directly or not. Returns false after
  /// reporting errors. Packages() then lists them imports first.
  bool load(std::vector<syntax::File *> MainFiles, llvm::StringRef MainDir);

  const std::vector<LoadedPackage *> &packages() const { return Order; }
  /// Parses Pkg's files again, whole, if their function bodies were
  /// skipped. Returns false after reporting syntax errors.
  bool parseBodies(LoadedPackage &Pkg);
  /// The package loaded for an import path, or null.
  LoadedPackage *lookup(llvm::StringRef Path) const {
    auto It = ByPath.find(Path);
    return It == ByPath.end() ? nullptr : It->second.get();
  }
  /// The GOROOT whose src/ holds the standard library.
  static std::string goroot();

private:
  /// Loads Path (imported at P) and its imports; false if it failed.
  bool loadImport(llvm::StringRef Path, Pos P);
  bool loadImports(LoadedPackage &Pkg);
  /// The directory of an import path, or "" after reporting at P.
  std::string findDir(llvm::StringRef Path, Pos P);
  void collectImports(LoadedPackage &Pkg);
  /// For an upstream file Name (text Text) of standard package Path: the
  /// path and text of its overlay, if gortc has one; false after
  /// reporting at P if the overlay does not pin Text's hash.
  bool applyOverlay(llvm::StringRef Path, std::string &Name, std::string &Text,
                    Pos P);

  SourceManager &SM;
  syntax::AstContext &Ast;
  DiagnosticEngine &Diags;
  std::string GoArch;
  bool SkipFuncBodies;
  std::string RuntimeDir;       ///< the directory of package runtime
  std::string OverlayDir;       ///< its sibling overlay/ (see above)
  std::string ModRoot, ModPath; ///< the main module, if go.mod was found
  llvm::StringMap<std::unique_ptr<LoadedPackage>> ByPath;
  llvm::StringMap<bool> InProgress; ///< on the DFS stack (cycle check)
  std::vector<LoadedPackage *> Order;
};

} // namespace gortc

#endif // GORTC_TOOLS_GORTC_LOAD_H
