//===- frontend/scanner.h - Go scanner --------------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The scanner turns one source file into tokens, one per call to next(),
// inserting semicolons at line ends as the Go spec requires. It follows gc's
// scanner (cmd/compile/internal/syntax/scanner.go) closely, including its
// error messages and the positions they are reported at, because gc's
// diagnostics are the reference for ours.
//
// The current token is described by the public fields below; Lit is valid
// for Name, Literal and Semi ("semicolon", "newline" or "EOF"); Op and Prec
// for Operator, AssignOp, IncOp and Star; Kind and Bad for Literal.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_FRONTEND_SCANNER_H
#define GORTC_FRONTEND_SCANNER_H

#include "frontend/diagnostics.h"
#include "frontend/source.h"
#include "frontend/tokens.h"

#include <string>

namespace gortc {

/// Unicode classification as Go's unicode.IsLetter / unicode.IsDigit.
bool isUnicodeLetter(uint32_t Ch);
bool isUnicodeDigit(uint32_t Ch);
/// Decodes one UTF-8 sequence at S[I]; returns the rune and sets Width.
/// Invalid encodings yield 0xFFFD with Width 1, as Go's utf8.DecodeRune.
uint32_t decodeRune(llvm::StringRef S, size_t I, unsigned &Width);
/// Appends the UTF-8 encoding of R (invalid runes encode as U+FFFD).
void appendRune(std::string &Out, uint32_t R);

class Scanner {
public:
  Scanner(const SourceFile &File, DiagnosticEngine &Diags);

  /// Advances to the next token.
  void next();

  /// Steps over the rest of a block whose "{" is the current token without
  /// scanning its tokens: string, raw string and rune literals and comments
  /// are passed over whole, so braces inside them do not count. The next
  /// call to next() returns the matching "}". Returns false, having moved
  /// nothing, if the block has no matching "}" in this file. Used only on
  /// text compiled before without errors (the build cache's packages).
  bool skipBlock();

  // Current token.
  TokenKind Tok = TokenKind::None;
  Pos TokPos;      ///< position of the token's first byte
  std::string Lit; ///< valid for Name, Literal, Semi
  LitKind Kind = LitKind::Int;
  bool Bad = false; ///< valid for Literal: the literal had an error
  Operator Op = Operator::None;
  int Prec = 0;
  /// Whether the token is at the start of a line (after only whitespace).
  bool Blank = false;

  const SourceFile &file() const { return File; }

  /// Number of errors the scanner reported (the parser counts them with its
  /// own, as gc's parser does).
  unsigned ErrorCount = 0;

private:
  void nextch();
  Pos chPos() const { return File.pos(ChOff); }
  void errorAtCh(DiagKind K, const std::string &Arg = "");
  void errorAtTok(uint32_t Offset, DiagKind K, const std::string &Arg = "");
  void ident();
  bool atIdentChar(bool First);
  int digits(int Base, int *Invalid);
  void number(bool SeenPoint);
  void runeLit();
  void stdString();
  void rawString();
  /// The offset of the first byte at or after From that is Stop, a
  /// newline, NUL or not ASCII (or the end of the text).
  uint32_t plainASCIIEnd(uint32_t From, char Stop) const;
  void skipLine();
  void lineComment();
  /// Records the line directive whose text (after "line ") is T, at byte
  /// TextOff, for the text from byte After on; or reports its error.
  void lineDirective(uint32_t TextOff, llvm::StringRef T, uint32_t After);
  bool skipComment();
  bool escape(char Quote);
  void setLit(LitKind K, bool Ok);
  void assignOp();

  const SourceFile &File;
  DiagnosticEngine &Diags;
  llvm::StringRef Text;
  int32_t Ch = ' ';     ///< current character, -1 at EOF
  uint32_t ChOff = 0;   ///< offset of Ch
  uint32_t NextOff = 0; ///< offset of the byte after Ch
  uint32_t TokOff = 0;  ///< offset of the token start
  bool NLSemi = false;  ///< a newline now would become a semicolon
  bool AtLineStart = true;
};

} // namespace gortc

#endif // GORTC_FRONTEND_SCANNER_H
