//===- test/unit/frontend/scanner_test.cpp - Scanner tests ----------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#include "frontend/scanner.h"

#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace gortc;

namespace {

struct Tok {
  TokenKind K;
  std::string Lit;
};

/// Scans Src as x.go, calling Visit(Scanner, SourceManager) at each token
/// up to the 1000th, and returns the diagnostics.
template <typename Fn> std::string forEachToken(llvm::StringRef Src, Fn Visit) {
  SourceManager SM;
  const SourceFile &F = SM.addFile("x.go", Src.str());
  std::string ErrBuf;
  llvm::raw_string_ostream OS(ErrBuf);
  DiagnosticEngine Diags(SM, OS);
  Scanner S(F, Diags);
  for (int I = 0; I < 1000; ++I) {
    S.next();
    if (S.Tok == TokenKind::EOF_)
      break;
    Visit(S, SM);
  }
  Diags.flush();
  return OS.str();
}

/// Scans Src and returns the tokens (literal text for names, literals and
/// semicolons) and the diagnostics.
std::vector<Tok> scan(llvm::StringRef Src, std::string *Errors = nullptr) {
  std::vector<Tok> Out;
  std::string E =
      forEachToken(Src, [&](const Scanner &S, const SourceManager &) {
        Out.push_back({S.Tok, S.Lit});
      });
  if (Errors)
    *Errors = E;
  return Out;
}

TEST(Scanner, SemicolonInsertion) {
  auto T = scan("x := y\nreturn\n}\nfoo()\n");
  ASSERT_EQ(T.size(), 12u);
  EXPECT_EQ(T[0].K, TokenKind::Name);
  EXPECT_EQ(T[1].K, TokenKind::Define);
  EXPECT_EQ(T[3].K, TokenKind::Semi);
  EXPECT_EQ(T[3].Lit, "newline");
  EXPECT_EQ(T[4].K, TokenKind::Return);
  EXPECT_EQ(T[5].K, TokenKind::Semi); // after return
  EXPECT_EQ(T[6].K, TokenKind::Rbrace);
  EXPECT_EQ(T[7].K, TokenKind::Semi);  // after }
  EXPECT_EQ(T[11].K, TokenKind::Semi); // after )
}

TEST(Scanner, NoSemicolonAfterOperator) {
  auto T = scan("a +\nb\n");
  ASSERT_EQ(T.size(), 4u);
  EXPECT_EQ(T[1].K, TokenKind::Operator);
  EXPECT_EQ(T[2].K, TokenKind::Name);
}

TEST(Scanner, Numbers) {
  std::string Err;
  auto T = scan(
      "0x1p-2 1_000 0o17 0b101 1e10 .5 07 3i 'a' '\\n' \"s\\t\" `raw`", &Err);
  EXPECT_EQ(Err, "");
  ASSERT_GE(T.size(), 12u);
  EXPECT_EQ(T[0].Lit, "0x1p-2");
  EXPECT_EQ(T[1].Lit, "1_000");
  for (int I = 0; I < 12; ++I)
    EXPECT_EQ(T[I].K, TokenKind::Literal) << I;
}

TEST(Scanner, Errors) {
  std::string Err;
  scan("x := 08\n", &Err);
  EXPECT_EQ(Err, "x.go:1:7: invalid digit '8' in octal literal\n");
  scan("x := \"abc\n", &Err);
  EXPECT_EQ(Err, "x.go:1:10: newline in string\n");
  scan("x := 1__0\n", &Err);
  EXPECT_EQ(Err, "x.go:1:8: '_' must separate successive digits\n");
  scan("x := 0x\n", &Err);
  EXPECT_EQ(Err, "x.go:1:8: hexadecimal literal has no digits\n");
  scan("@", &Err);
  EXPECT_EQ(Err, "x.go:1:1: invalid character U+0040 '@'\n");
  scan("'ab'", &Err);
  EXPECT_EQ(Err, "x.go:1:1: more than one character in rune literal\n");
  scan("/* open", &Err);
  EXPECT_EQ(Err, "x.go:1:1: comment not terminated\n");
}

TEST(Scanner, UnicodeIdentifiers) {
  std::string Err;
  auto T = scan("äöü π 日本語", &Err);
  EXPECT_EQ(Err, "");
  ASSERT_EQ(T.size(), 4u); // three names and the final semicolon
  EXPECT_EQ(T[1].Lit, "π");
  EXPECT_TRUE(isUnicodeLetter(0x65E5)); // 日
  EXPECT_FALSE(isUnicodeLetter(0x2028));
  EXPECT_TRUE(isUnicodeDigit(0x0663)); // Arabic-Indic three
}

TEST(Scanner, DecodeRune) {
  unsigned W;
  EXPECT_EQ(decodeRune("\xe6\x97\xa5", 0, W), 0x65E5u);
  EXPECT_EQ(W, 3u);
  EXPECT_EQ(decodeRune("\xff", 0, W), 0xFFFDu);
  EXPECT_EQ(W, 1u);
  // Surrogate halves are invalid UTF-8.
  EXPECT_EQ(decodeRune("\xed\xa0\x80", 0, W), 0xFFFDu);
  std::string S;
  appendRune(S, 0x10FFFF);
  EXPECT_EQ(S, "\xf4\x8f\xbf\xbf");
}

/// The position of each name token of Src, as "file:line:col".
std::vector<std::string> namePositions(llvm::StringRef Src) {
  std::vector<std::string> Out;
  forEachToken(Src, [&](const Scanner &S, const SourceManager &SM) {
    if (S.Tok == TokenKind::Name)
      Out.push_back(SM.format(S.TokPos));
  });
  return Out;
}

TEST(Scanner, LineDirectives) {
  auto P = namePositions("a\n"
                         "//line g.y:10\n"
                         "b\n"
                         "  c /*line :20:5*/d e\n"
                         "f\n"
                         " //line h.y:1\n" // not in column 1
                         "g /*line :7*/h\n"
                         "i\n");
  std::vector<std::string> Want = {"x.go:1:1", "g.y:10",   "g.y:11",
                                   "g.y:20:5", "g.y:20:7", "g.y:21:1",
                                   "g.y:23:1", ":7",       ":8"};
  EXPECT_EQ(P, Want);
}

TEST(Scanner, LineDirectivesParsedTwice) {
  // A file scanned twice (declarations first, then whole) keeps one base
  // per directive, and a file name inherited from the one before it.
  SourceManager SM;
  const SourceFile &F = SM.addFile("x.go", "//line a.y:5\nx\n/*line :9:2*/y\n");
  std::string ErrBuf;
  llvm::raw_string_ostream OS(ErrBuf);
  DiagnosticEngine Diags(SM, OS);
  std::vector<std::string> Out;
  for (int Pass = 0; Pass < 2; ++Pass) {
    Scanner S(F, Diags);
    for (S.next(); S.Tok != TokenKind::EOF_; S.next())
      if (S.Tok == TokenKind::Name)
        Out.push_back(SM.format(S.TokPos));
  }
  std::vector<std::string> Want = {"a.y:5", "a.y:9:2", "a.y:5", "a.y:9:2"};
  EXPECT_EQ(Out, Want);
}

} // namespace
