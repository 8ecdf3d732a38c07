//===- frontend/source.h - Source files and positions -----------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// A SourceManager owns the text of every file of a compilation and gives each
// file a range of a single 32-bit position space, as go/token's FileSet does.
// A Pos is one offset into that space: compact enough to store in every token
// and AST node, and decoded to file:line:col only when a diagnostic or a line
// table needs it. Columns are 1-based byte columns, as gc prints them.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_FRONTEND_SOURCE_H
#define GORTC_FRONTEND_SOURCE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cassert>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gortc {

/// A position in the SourceManager's offset space. 0 is "no position".
class Pos {
public:
  Pos() = default;
  explicit Pos(uint32_t Offset) : Offset(Offset) {}
  bool isValid() const { return Offset != 0; }
  uint32_t offset() const { return Offset; }
  bool operator==(Pos O) const { return Offset == O.Offset; }
  bool operator!=(Pos O) const { return Offset != O.Offset; }
  bool operator<(Pos O) const { return Offset < O.Offset; }
  Pos operator+(uint32_t N) const { return Pos(Offset + N); }

private:
  uint32_t Offset = 0;
};

/// A decoded position.
struct LineCol {
  llvm::StringRef File;
  unsigned Line = 0;
  unsigned Col = 0;
};

/// One source file: its name, text and the offsets of its line starts.
class SourceFile {
public:
  SourceFile(std::string Name, std::string Text, uint32_t Base);

  llvm::StringRef name() const { return Name; }
  llvm::StringRef text() const { return Text; }
  uint32_t base() const { return Base; }
  /// The Pos of byte Offset of this file.
  Pos pos(uint32_t Offset) const {
    assert(Offset <= Text.size() && "offset past the end of the file");
    return Pos(Base + Offset);
  }
  bool contains(Pos P) const {
    return P.offset() >= Base && P.offset() <= Base + Text.size();
  }
  LineCol decode(Pos P) const;

private:
  std::string Name;
  std::string Text;
  uint32_t Base;
  std::vector<uint32_t> LineStarts;
};

class SourceManager {
public:
  /// Adds a file; its text is copied and owned here.
  SourceFile &addFile(std::string Name, std::string Text);
  /// The file that holds P, or null.
  const SourceFile *fileOf(Pos P) const;
  LineCol decode(Pos P) const;
  /// "file:line:col" for P, or "<unknown>".
  std::string format(Pos P) const;
  llvm::ArrayRef<std::unique_ptr<SourceFile>> files() const { return Files; }

private:
  llvm::SmallVector<std::unique_ptr<SourceFile>, 4> Files;
  uint32_t NextBase = 1;
};

} // namespace gortc

#endif // GORTC_FRONTEND_SOURCE_H
