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
// Line directives (//line file:line[:col] at the start of a line, or
// /*line file:line[:col]*/ anywhere; cmd/compile's doc.go) give the text
// after them another file name, line and column. The scanner records each
// as a line base of its file; decode() reports every position relative to
// the last base before it, as gc's Pos.RelFilename/RelLine/RelCol do, so
// diagnostics and line tables follow the directives. A base without a
// column leaves columns unknown (0) until the next one.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_FRONTEND_SOURCE_H
#define GORTC_FRONTEND_SOURCE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

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

/// A decoded position. Col is 0 where a line directive left it unknown.
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
  /// P's file, line and column as line directives make them.
  LineCol decode(Pos P) const;
  /// P's actual line and column in this file.
  LineCol decodeRaw(Pos P) const;

  /// Records a line directive: the text from byte Offset on is at Line and
  /// Col (0: unknown) of File. If InheritName, File is the name in force
  /// before the directive (gc: a directive with a column and no file
  /// name). Called by the scanner, which sees the file read-only; a file
  /// parsed twice records each directive once.
  void addLineBase(uint32_t Offset, llvm::StringRef File, bool InheritName,
                   unsigned Line, unsigned Col) const;

private:
  struct LineBase {
    uint32_t Offset;
    llvm::StringRef File; ///< interned in Names
    bool InheritName;
    unsigned Line, Col;
  };
  std::string Name;
  std::string Text;
  uint32_t Base;
  std::vector<uint32_t> LineStarts;
  /// Line directives, sorted by Offset; and the file names they give.
  mutable std::vector<LineBase> Bases;
  mutable llvm::StringSet<> Names;
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
