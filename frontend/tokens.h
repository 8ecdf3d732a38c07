//===- frontend/tokens.h - Go tokens and operators --------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Tokens follow gc's syntax package (cmd/compile/internal/syntax/tokens.go):
// all binary and unary operators share the token Operator and are told apart
// by an Operator value with a precedence, which keeps the expression parser
// small and lets syntax errors name tokens exactly as gc does.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_FRONTEND_TOKENS_H
#define GORTC_FRONTEND_TOKENS_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace gortc {

enum class TokenKind : uint8_t {
  None,
  EOF_,
  // names and literals
  Name,
  Literal,
  // operators and operations (Operator excludes '*', which is Star)
  Operator,
  AssignOp,
  IncOp,
  Assign,
  Define,
  Arrow,
  Star,
  // delimiters
  Lparen,
  Lbrack,
  Lbrace,
  Rparen,
  Rbrack,
  Rbrace,
  Comma,
  Semi,
  Colon,
  Dot,
  DotDotDot,
  // keywords
  Break,
  Case,
  Chan,
  Const,
  Continue,
  Default,
  Defer,
  Else,
  Fallthrough,
  For,
  Func,
  Go,
  Goto,
  If,
  Import,
  Interface,
  Map,
  Package,
  Range,
  Return,
  Select,
  Struct,
  Switch,
  Type,
  Var,
  Count
};

static_assert(static_cast<unsigned>(TokenKind::Count) <= 64,
              "token sets are 64-bit masks");

/// A set of tokens as a bit mask.
using TokenSet = uint64_t;
constexpr TokenSet tokBit(TokenKind K) {
  return TokenSet(1) << static_cast<unsigned>(K);
}

enum class Operator : uint8_t {
  None,
  Def,    // :
  Not,    // !
  Recv,   // <-
  Tilde,  // ~
  OrOr,   // ||
  AndAnd, // &&
  Eql,    // ==
  Neq,    // !=
  Lss,    // <
  Leq,    // <=
  Gtr,    // >
  Geq,    // >=
  Add,    // +
  Sub,    // -
  Or,     // |
  Xor,    // ^
  Mul,    // *
  Div,    // /
  Rem,    // %
  And,    // &
  AndNot, // &^
  Shl,    // <<
  Shr,    // >>
};

/// Operator precedences (gc's precOrOr..precMul).
enum : int { PrecOrOr = 1, PrecAndAnd, PrecCmp, PrecAdd, PrecMul };

enum class LitKind : uint8_t { Int, Float, Imag, Rune, String };

/// The token as gc's token.String() spells it ("name", "(", "func").
llvm::StringRef tokenString(TokenKind K);
/// The token as user-facing messages spell it (gc's tokstring: "comma",
/// "semicolon or newline").
llvm::StringRef tokenDescription(TokenKind K);
/// The operator's spelling ("+", "&^", "<-").
llvm::StringRef operatorString(Operator Op);
bool isComparison(Operator Op);

} // namespace gortc

#endif // GORTC_FRONTEND_TOKENS_H
