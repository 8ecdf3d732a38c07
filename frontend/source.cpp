//===- frontend/source.cpp - Source files and positions -------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#include "frontend/source.h"

#include "llvm/ADT/Twine.h"

#include <algorithm>
#include <cstring>

using namespace gortc;

SourceFile::SourceFile(std::string Name, std::string Text, uint32_t Base)
    : Name(std::move(Name)), Text(std::move(Text)), Base(Base) {
  LineStarts.push_back(0);
  const char *Begin = this->Text.data(), *End = Begin + this->Text.size();
  for (const char *P = Begin;
       (P = static_cast<const char *>(std::memchr(P, '\n', End - P)));)
    LineStarts.push_back(uint32_t(++P - Begin));
}

LineCol SourceFile::decodeRaw(Pos P) const {
  assert(contains(P) && "position of another file");
  uint32_t Off = P.offset() - Base;
  auto It = std::upper_bound(LineStarts.begin(), LineStarts.end(), Off);
  unsigned Line = It - LineStarts.begin();
  unsigned Col = Off - LineStarts[Line - 1] + 1;
  return {Name, Line, Col};
}

LineCol SourceFile::decode(Pos P) const {
  LineCol LC = decodeRaw(P);
  uint32_t Off = P.offset() - Base;
  auto It = std::upper_bound(
      Bases.begin(), Bases.end(), Off,
      [](uint32_t O, const LineBase &B) { return O < B.Offset; });
  if (It == Bases.begin())
    return LC;
  const LineBase &B = It[-1];
  // gc's RelLine and RelCol: lines count on from the directive's; columns
  // too on the directive's own line, and are the actual ones after it.
  LineCol At = decodeRaw(pos(B.Offset));
  LineCol R{Name, B.Line + (LC.Line - At.Line), 0};
  if (B.Col != 0)
    R.Col = LC.Line == At.Line ? B.Col + (LC.Col - At.Col) : LC.Col;
  // The file: that of the last directive that names one (a directive that
  // names none keeps the name in force before it), else this file's.
  for (auto J = It; J != Bases.begin(); --J)
    if (!J[-1].InheritName) {
      R.File = J[-1].File;
      break;
    }
  return R;
}

void SourceFile::addLineBase(uint32_t Offset, llvm::StringRef File,
                             bool InheritName, unsigned Line,
                             unsigned Col) const {
  auto It = std::lower_bound(
      Bases.begin(), Bases.end(), Offset,
      [](const LineBase &B, uint32_t O) { return B.Offset < O; });
  if (It != Bases.end() && It->Offset == Offset)
    return;
  llvm::StringRef Interned = Names.insert(File).first->getKey();
  Bases.insert(It, {Offset, Interned, InheritName, Line, Col});
}

SourceFile &SourceManager::addFile(std::string Name, std::string Text) {
  uint32_t Size = Text.size();
  // Every file takes Size + 1 positions of one 32-bit space.
  assert(Text.size() < UINT32_MAX - NextBase && "source position space full");
  Files.push_back(
      std::make_unique<SourceFile>(std::move(Name), std::move(Text), NextBase));
  // One extra position per file so that its EOF position is still inside it.
  NextBase += Size + 1;
  return *Files.back();
}

const SourceFile *SourceManager::fileOf(Pos P) const {
  for (const auto &F : Files)
    if (F->contains(P))
      return F.get();
  return nullptr;
}

LineCol SourceManager::decode(Pos P) const {
  if (const SourceFile *F = fileOf(P))
    return F->decode(P);
  return {};
}

std::string SourceManager::format(Pos P) const {
  LineCol LC = decode(P);
  if (LC.Line == 0)
    return "<unknown>";
  // gc leaves out a column a line directive made unknown.
  if (LC.Col == 0)
    return (llvm::Twine(LC.File) + ":" + llvm::Twine(LC.Line)).str();
  return (llvm::Twine(LC.File) + ":" + llvm::Twine(LC.Line) + ":" +
          llvm::Twine(LC.Col))
      .str();
}
