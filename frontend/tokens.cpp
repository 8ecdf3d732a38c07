//===- frontend/tokens.cpp - Go tokens and operators ----------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#include "frontend/tokens.h"

using namespace gortc;

llvm::StringRef gortc::tokenString(TokenKind K) {
  switch (K) {
  case TokenKind::None:
    return "none";
  case TokenKind::EOF_:
    return "EOF";
  case TokenKind::Name:
    return "name";
  case TokenKind::Literal:
    return "literal";
  case TokenKind::Operator:
    return "op";
  case TokenKind::AssignOp:
    return "op=";
  case TokenKind::IncOp:
    return "opop";
  case TokenKind::Assign:
    return "=";
  case TokenKind::Define:
    return ":=";
  case TokenKind::Arrow:
    return "<-";
  case TokenKind::Star:
    return "*";
  case TokenKind::Lparen:
    return "(";
  case TokenKind::Lbrack:
    return "[";
  case TokenKind::Lbrace:
    return "{";
  case TokenKind::Rparen:
    return ")";
  case TokenKind::Rbrack:
    return "]";
  case TokenKind::Rbrace:
    return "}";
  case TokenKind::Comma:
    return ",";
  case TokenKind::Semi:
    return ";";
  case TokenKind::Colon:
    return ":";
  case TokenKind::Dot:
    return ".";
  case TokenKind::DotDotDot:
    return "...";
  case TokenKind::Break:
    return "break";
  case TokenKind::Case:
    return "case";
  case TokenKind::Chan:
    return "chan";
  case TokenKind::Const:
    return "const";
  case TokenKind::Continue:
    return "continue";
  case TokenKind::Default:
    return "default";
  case TokenKind::Defer:
    return "defer";
  case TokenKind::Else:
    return "else";
  case TokenKind::Fallthrough:
    return "fallthrough";
  case TokenKind::For:
    return "for";
  case TokenKind::Func:
    return "func";
  case TokenKind::Go:
    return "go";
  case TokenKind::Goto:
    return "goto";
  case TokenKind::If:
    return "if";
  case TokenKind::Import:
    return "import";
  case TokenKind::Interface:
    return "interface";
  case TokenKind::Map:
    return "map";
  case TokenKind::Package:
    return "package";
  case TokenKind::Range:
    return "range";
  case TokenKind::Return:
    return "return";
  case TokenKind::Select:
    return "select";
  case TokenKind::Struct:
    return "struct";
  case TokenKind::Switch:
    return "switch";
  case TokenKind::Type:
    return "type";
  case TokenKind::Var:
    return "var";
  case TokenKind::Count:
    break;
  }
  return "?";
}

llvm::StringRef gortc::tokenDescription(TokenKind K) {
  switch (K) {
  case TokenKind::Comma:
    return "comma";
  case TokenKind::Semi:
    return "semicolon or newline";
  default:
    return tokenString(K);
  }
}

llvm::StringRef gortc::operatorString(Operator Op) {
  switch (Op) {
  case Operator::None:
    return "";
  case Operator::Def:
    return ":";
  case Operator::Not:
    return "!";
  case Operator::Recv:
    return "<-";
  case Operator::Tilde:
    return "~";
  case Operator::OrOr:
    return "||";
  case Operator::AndAnd:
    return "&&";
  case Operator::Eql:
    return "==";
  case Operator::Neq:
    return "!=";
  case Operator::Lss:
    return "<";
  case Operator::Leq:
    return "<=";
  case Operator::Gtr:
    return ">";
  case Operator::Geq:
    return ">=";
  case Operator::Add:
    return "+";
  case Operator::Sub:
    return "-";
  case Operator::Or:
    return "|";
  case Operator::Xor:
    return "^";
  case Operator::Mul:
    return "*";
  case Operator::Div:
    return "/";
  case Operator::Rem:
    return "%";
  case Operator::And:
    return "&";
  case Operator::AndNot:
    return "&^";
  case Operator::Shl:
    return "<<";
  case Operator::Shr:
    return ">>";
  }
  return "?";
}

bool gortc::isComparison(Operator Op) {
  switch (Op) {
  case Operator::Eql:
  case Operator::Neq:
  case Operator::Lss:
  case Operator::Leq:
  case Operator::Gtr:
  case Operator::Geq:
    return true;
  default:
    return false;
  }
}
