//===- tools/gortc/cache.h - The build cache ---------------------*- C++
//-*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A content-addressed cache of compiled packages, as go build's GOCACHE:
// an imported package whose key is in the cache is linked from there
// instead of being lowered and compiled again.
//
// The key of a package hashes (BLAKE3) everything its objects depend on:
// the compiler (its executable's path, inode, size and modification time,
// as ccache's default compiler_check, and LLVM's version), the target, the
// optimisation level and -mllvm options, the package's import path, its
// compiled files' names and contents (after build constraints), and the
// keys of the packages it imports, so a change anywhere below a package
// gives it a new key.
//
// An entry is a few files in <dir>/<first two hex digits>/: the objects
// <key>-<n>.o, linked from there in place (never copied), and then the
// index <key>, a header line and each object's size. Each file is
// written to a temporary file in the same directory and renamed into
// place, the index last, so concurrent builds only ever see whole entries
// (two builds storing one key store the same bytes). A damaged or
// incomplete entry (an object missing or of another size) is a miss. The
// directory is $GORTCACHE, else $XDG_CACHE_HOME/gortc, else $HOME/.cache/gortc;
// GORTCACHE=off disables the cache. `gortc clean -cache` removes it (a build
// running meanwhile may then fail to link, as go build's may).
//
// A hit also saves most of the front end's work: the loader parses the
// packages without their function bodies and the checker checks only
// their declarations (driver.cpp); a package that misses is parsed again,
// whole, to be compiled.
//
// Trimming, as go's cache.Trim: a lookup that hits touches the entry's
// index (at most once an hour), and once a day (the time of <dir>/trim.txt)
// a build removes the entries whose index is older than five days, with
// their objects, and stray temporary files. An entry a running build uses
// was touched within the hour, so it is never removed under that build.
//
// Concurrent builds of one package: a build locks the keys of the
// packages it will compile (<key>.lock, an advisory lock the kernel drops
// when the process ends, however it ends), in ascending key order, looks
// each up again once locked, and holds the locks of those still missing
// until their objects are stored. A second build of the same packages
// waits for the first and then finds them in the cache, where it used to
// repeat the work (two cold builds of hello with fmt at once: 19.1 s, one
// alone 10.6 s). Taking the locks in one global order means no two builds
// can each hold a lock the other waits for.
//
// The executable is an entry too (one file), under a key over the
// compiler, target and options, the runtime library and linker script
// (fileID), package main's files and every package's key: a build of a
// program nothing of which changed copies it from there, without checking,
// compiling or linking anything. gortc's output depends on nothing else
// (the link is deterministic, and -o names only where it goes).
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_TOOLS_GORTC_CACHE_H
#define GORTC_TOOLS_GORTC_CACHE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/BLAKE3.h"

#include <string>
#include <vector>

namespace gortc {

class BuildCache {
public:
  /// The cache directory the environment selects; empty when disabled.
  static std::string defaultDir();
  /// A cache in Dir; an empty Dir disables it.
  explicit BuildCache(std::string Dir) : Dir(std::move(Dir)) {}

  bool enabled() const { return !Dir.empty(); }
  const std::string &dir() const { return Dir; }

  /// The paths of the objects stored under Key; false on a miss.
  bool lookup(llvm::StringRef Key, std::vector<std::string> &Paths) const;
  /// Stores Objects under Key and returns the paths of the stored files;
  /// false if that failed (silently: the cache only saves time).
  bool store(llvm::StringRef Key, llvm::ArrayRef<llvm::SmallString<0>> Objects,
             std::vector<std::string> &Paths) const;

  /// Once a day (trim.txt's time), removes the entries unused for five
  /// days (go's cache.Trim).
  void trim() const;

  /// Takes this process's lock on Key (<entry>.lock, waiting while another
  /// build holds it) and returns its descriptor, or -1 if the lock cannot
  /// be had (the build then goes on unlocked: the cache only saves time).
  int lock(llvm::StringRef Key) const;
  /// Releases a lock lock() returned.
  static void unlock(int FD);

  /// Removes the cache directory Dir. Returns false with Err set on failure.
  static bool clean(llvm::StringRef Dir, std::string &Err);

  /// A hash of this compiler: its executable's path, size, inode and
  /// modification time, and LLVM's version, computed once.
  static const std::string &compilerID(const std::string &Argv0);
  /// A hash of a file's path, size, inode and modification time.
  static std::string fileID(llvm::StringRef Path);

private:
  std::string entryPath(llvm::StringRef Key) const;
  static std::string objectPath(llvm::StringRef Entry, size_t N);
  /// Writes Data to Path through a temporary file renamed into place.
  static bool writeAtomically(const std::string &Path, llvm::StringRef Data);
  std::string Dir;
};

/// Accumulates the inputs of a package's key.
class CacheKey {
public:
  CacheKey() { H.update(llvm::StringRef("gortc build cache 1\n")); }
  /// Adds a named field; lengths keep fields from running together.
  void add(llvm::StringRef Field, llvm::StringRef Value);
  /// The key: 64 hex digits.
  std::string hex();

private:
  llvm::BLAKE3 H;
};

} // namespace gortc

#endif // GORTC_TOOLS_GORTC_CACHE_H
