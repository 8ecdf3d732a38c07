//===- frontend/scanner.cpp - Go scanner ----------------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See scanner.h. The structure mirrors gc's scanner.next: skip white space,
// record the token start, dispatch on the first character.
//
//===----------------------------------------------------------------------===//

#include "frontend/scanner.h"

#include "llvm/ADT/StringExtras.h"

using namespace gortc;

namespace {
struct UnicodeRange {
  uint32_t Lo, Hi, Stride;
};
#include "frontend/unicode_tables.inc"

bool inRanges(const UnicodeRange *Begin, const UnicodeRange *End, uint32_t Ch) {
  // Binary search for the last range with Lo <= Ch.
  const UnicodeRange *L = Begin, *R = End;
  while (L < R) {
    const UnicodeRange *M = L + (R - L) / 2;
    if (M->Lo <= Ch)
      L = M + 1;
    else
      R = M;
  }
  if (L == Begin)
    return false;
  const UnicodeRange &U = L[-1];
  return Ch <= U.Hi && (Ch - U.Lo) % U.Stride == 0;
}

bool isLetter(int32_t Ch) {
  return ('a' <= (Ch | 0x20) && (Ch | 0x20) <= 'z') || Ch == '_';
}
bool isDecimal(int32_t Ch) { return '0' <= Ch && Ch <= '9'; }
bool isHex(int32_t Ch) {
  return isDecimal(Ch) || ('a' <= (Ch | 0x20) && (Ch | 0x20) <= 'f');
}
int32_t lower(int32_t Ch) { return ('a' - 'A') | Ch; }

const char *baseName(int Base) {
  switch (Base) {
  case 2:
    return "binary";
  case 8:
    return "octal";
  case 10:
    return "decimal";
  default:
    return "hexadecimal";
  }
}

bool isPrintableRune(uint32_t Ch) {
  if (Ch < 0x20 || Ch == 0x7f)
    return false;
  if (Ch < 0x80)
    return true;
  if (Ch >= 0x80 && Ch < 0xa0)
    return false;
  return isUnicodeLetter(Ch) || isUnicodeDigit(Ch) || Ch == 0xa0 ||
         (Ch >= 0xa1 && Ch < 0xd800) || Ch >= 0xe000;
}

/// Go's %#U: "U+0040 '@'", or just "U+0000" when not printable.
std::string formatRuneU(uint32_t Ch) {
  std::string S = "U+";
  std::string Hex = llvm::utohexstr(Ch);
  while (Hex.size() < 4)
    Hex.insert(Hex.begin(), '0');
  S += Hex;
  if (isPrintableRune(Ch)) {
    S += " '";
    appendRune(S, Ch);
    S += "'";
  }
  return S;
}

/// Go's %q for a rune: a single-quoted Go character literal.
std::string quoteRune(uint32_t Ch) {
  std::string S = "'";
  switch (Ch) {
  case '\a':
    S += "\\a";
    break;
  case '\b':
    S += "\\b";
    break;
  case '\f':
    S += "\\f";
    break;
  case '\n':
    S += "\\n";
    break;
  case '\r':
    S += "\\r";
    break;
  case '\t':
    S += "\\t";
    break;
  case '\v':
    S += "\\v";
    break;
  case '\\':
    S += "\\\\";
    break;
  case '\'':
    S += "\\'";
    break;
  default:
    if (isPrintableRune(Ch)) {
      appendRune(S, Ch);
    } else if (Ch < 0x80) {
      S += "\\x";
      S += llvm::hexdigit(Ch >> 4, true);
      S += llvm::hexdigit(Ch & 15, true);
    } else if (Ch < 0x10000) {
      std::string H = llvm::utohexstr(Ch, true);
      S += "\\u" + std::string(4 - H.size(), '0') + H;
    } else {
      std::string H = llvm::utohexstr(Ch, true);
      S += "\\U" + std::string(8 - H.size(), '0') + H;
    }
  }
  S += "'";
  return S;
}
} // namespace

bool gortc::isUnicodeLetter(uint32_t Ch) {
  return inRanges(std::begin(LetterRanges), std::end(LetterRanges), Ch);
}

bool gortc::isUnicodeDigit(uint32_t Ch) {
  return inRanges(std::begin(DigitRanges), std::end(DigitRanges), Ch);
}

uint32_t gortc::decodeRune(llvm::StringRef S, size_t I, unsigned &Width) {
  auto B = [&](size_t K) -> uint8_t { return uint8_t(S[I + K]); };
  size_t N = S.size() - I;
  uint8_t C0 = B(0);
  Width = 1;
  if (C0 < 0x80)
    return C0;
  auto Cont = [&](size_t K) { return K < N && (B(K) & 0xC0) == 0x80; };
  if (C0 >= 0xC2 && C0 <= 0xDF && Cont(1)) {
    Width = 2;
    return (uint32_t(C0 & 0x1F) << 6) | (B(1) & 0x3F);
  }
  if (C0 >= 0xE0 && C0 <= 0xEF && Cont(1) && Cont(2)) {
    uint32_t R = (uint32_t(C0 & 0x0F) << 12) | (uint32_t(B(1) & 0x3F) << 6) |
                 (B(2) & 0x3F);
    if (R < 0x800 || (R >= 0xD800 && R < 0xE000))
      return 0xFFFD;
    Width = 3;
    return R;
  }
  if (C0 >= 0xF0 && C0 <= 0xF4 && Cont(1) && Cont(2) && Cont(3)) {
    uint32_t R = (uint32_t(C0 & 0x07) << 18) | (uint32_t(B(1) & 0x3F) << 12) |
                 (uint32_t(B(2) & 0x3F) << 6) | (B(3) & 0x3F);
    if (R < 0x10000 || R > 0x10FFFF)
      return 0xFFFD;
    Width = 4;
    return R;
  }
  return 0xFFFD;
}

void gortc::appendRune(std::string &Out, uint32_t R) {
  if (R > 0x10FFFF || (R >= 0xD800 && R < 0xE000))
    R = 0xFFFD;
  if (R < 0x80) {
    Out += char(R);
  } else if (R < 0x800) {
    Out += char(0xC0 | (R >> 6));
    Out += char(0x80 | (R & 0x3F));
  } else if (R < 0x10000) {
    Out += char(0xE0 | (R >> 12));
    Out += char(0x80 | ((R >> 6) & 0x3F));
    Out += char(0x80 | (R & 0x3F));
  } else {
    Out += char(0xF0 | (R >> 18));
    Out += char(0x80 | ((R >> 12) & 0x3F));
    Out += char(0x80 | ((R >> 6) & 0x3F));
    Out += char(0x80 | (R & 0x3F));
  }
}

Scanner::Scanner(const SourceFile &File, DiagnosticEngine &Diags)
    : File(File), Diags(Diags), Text(File.text()) {
  nextch();
  // A byte order mark is permitted as the first character only.
  if (Ch == 0xFEFF)
    nextch();
}

void Scanner::errorAtCh(DiagKind K, const std::string &Arg) {
  ++ErrorCount;
  if (Arg.empty())
    Diags.report(chPos(), K);
  else
    Diags.report(chPos(), K, Arg);
}

void Scanner::errorAtTok(uint32_t Offset, DiagKind K, const std::string &Arg) {
  ++ErrorCount;
  if (Arg.empty())
    Diags.report(File.pos(TokOff + Offset), K);
  else
    Diags.report(File.pos(TokOff + Offset), K, Arg);
}

void Scanner::nextch() {
redo:
  ChOff = NextOff;
  if (NextOff >= Text.size()) {
    Ch = -1;
    return;
  }
  uint8_t C = Text[NextOff];
  if (C < 0x80) {
    ++NextOff;
    Ch = C;
    if (C == 0) {
      errorAtCh(DiagKind::InvalidNUL);
      goto redo;
    }
    return;
  }
  unsigned W;
  uint32_t R = decodeRune(Text, NextOff, W);
  NextOff += W;
  Ch = int32_t(R);
  if (R == 0xFFFD && W == 1) {
    errorAtCh(DiagKind::InvalidUTF8);
    goto redo;
  }
  if (R == 0xFEFF) {
    if (ChOff != 0)
      errorAtCh(DiagKind::InvalidBOM);
    goto redo;
  }
}

bool Scanner::skipBlock() {
  if (Ch < 0)
    return false;
  llvm::StringRef T = Text;
  size_t N = T.size();
  // Skips a quoted literal whose opening Quote is at I; the offset after
  // its closing quote, or N if it does not close on its line.
  auto Quoted = [&](size_t I, char Quote) {
    for (++I; I < N && T[I] != '\n'; ++I) {
      if (T[I] == '\\')
        ++I;
      else if (T[I] == Quote)
        return I + 1;
    }
    return N;
  };
  unsigned Depth = 1;
  for (size_t I = ChOff; I < N;) {
    switch (T[I]) {
    case '{':
      ++Depth;
      ++I;
      break;
    case '}':
      if (--Depth == 0) {
        NextOff = uint32_t(I);
        nextch(); // Ch is the "}"
        NLSemi = false;
        AtLineStart = false;
        return true;
      }
      ++I;
      break;
    case '"':
    case '\'':
      I = Quoted(I, T[I]);
      break;
    case '`':
      I = T.find('`', I + 1);
      I = I == llvm::StringRef::npos ? N : I + 1;
      break;
    case '/':
      if (I + 1 < N && T[I + 1] == '/') {
        I = T.find('\n', I);
      } else if (I + 1 < N && T[I + 1] == '*') {
        I = T.find("*/", I + 2);
        I = I == llvm::StringRef::npos ? N : I + 2;
      } else {
        ++I;
      }
      break;
    default:
      ++I;
    }
  }
  return false;
}

void Scanner::next() {
  bool NL = NLSemi;
  NLSemi = false;
  Lit.clear();
  Bad = false;

redo:
  // Skip white space.
  bool SawNewline = false;
  while (Ch == ' ' || Ch == '\t' || (Ch == '\n' && !NL) || Ch == '\r') {
    if (Ch == '\n')
      SawNewline = true;
    nextch();
  }
  if (SawNewline)
    AtLineStart = true;

  // Token start.
  TokOff = ChOff;
  TokPos = File.pos(TokOff);
  Blank = AtLineStart;
  AtLineStart = false;

  if (isLetter(Ch) || (Ch >= 0x80 && atIdentChar(true))) {
    nextch();
    ident();
    return;
  }

  switch (Ch) {
  case -1:
    if (NL) {
      Lit = "EOF";
      Tok = TokenKind::Semi;
      break;
    }
    Tok = TokenKind::EOF_;
    break;
  case '\n':
    nextch();
    AtLineStart = true;
    Lit = "newline";
    Tok = TokenKind::Semi;
    break;
  case '0':
  case '1':
  case '2':
  case '3':
  case '4':
  case '5':
  case '6':
  case '7':
  case '8':
  case '9':
    number(false);
    break;
  case '"':
    stdString();
    break;
  case '`':
    rawString();
    break;
  case '\'':
    runeLit();
    break;
  case '(':
    nextch();
    Tok = TokenKind::Lparen;
    break;
  case '[':
    nextch();
    Tok = TokenKind::Lbrack;
    break;
  case '{':
    nextch();
    Tok = TokenKind::Lbrace;
    break;
  case ',':
    nextch();
    Tok = TokenKind::Comma;
    break;
  case ';':
    nextch();
    Lit = "semicolon";
    Tok = TokenKind::Semi;
    break;
  case ')':
    nextch();
    NLSemi = true;
    Tok = TokenKind::Rparen;
    break;
  case ']':
    nextch();
    NLSemi = true;
    Tok = TokenKind::Rbrack;
    break;
  case '}':
    nextch();
    NLSemi = true;
    Tok = TokenKind::Rbrace;
    break;
  case ':':
    nextch();
    if (Ch == '=') {
      nextch();
      Tok = TokenKind::Define;
      break;
    }
    Tok = TokenKind::Colon;
    break;
  case '.':
    nextch();
    if (isDecimal(Ch)) {
      number(true);
      break;
    }
    if (Ch == '.' && NextOff < Text.size() && Text[NextOff] == '.') {
      nextch();
      nextch();
      Tok = TokenKind::DotDotDot;
      break;
    }
    Tok = TokenKind::Dot;
    break;
  case '+':
    nextch();
    Op = Operator::Add;
    Prec = PrecAdd;
    if (Ch != '+')
      return assignOp();
    nextch();
    NLSemi = true;
    Tok = TokenKind::IncOp;
    break;
  case '-':
    nextch();
    Op = Operator::Sub;
    Prec = PrecAdd;
    if (Ch != '-')
      return assignOp();
    nextch();
    NLSemi = true;
    Tok = TokenKind::IncOp;
    break;
  case '*':
    nextch();
    Op = Operator::Mul;
    Prec = PrecMul;
    if (Ch == '=') {
      nextch();
      Tok = TokenKind::AssignOp;
      break;
    }
    Tok = TokenKind::Star;
    break;
  case '/':
    nextch();
    if (Ch == '/') {
      nextch();
      lineComment();
      goto redo;
    }
    if (Ch == '*') {
      nextch();
      uint32_t Start = TokOff;
      // A /*line ...*/ directive applies from right after the comment.
      constexpr llvm::StringLiteral Line = "/*line ";
      if (skipComment() && Text.substr(Start).starts_with(Line))
        lineDirective(Start + Line.size(),
                      Text.slice(Start + Line.size(), ChOff - 2), ChOff);
      bool MultiLine = Text.substr(Start, ChOff - Start).contains('\n');
      if (MultiLine)
        AtLineStart = true;
      if (MultiLine && NL) {
        // A multi-line comment acts like a newline.
        Lit = "newline";
        Tok = TokenKind::Semi;
        break;
      }
      goto redo;
    }
    Op = Operator::Div;
    Prec = PrecMul;
    return assignOp();
  case '%':
    nextch();
    Op = Operator::Rem;
    Prec = PrecMul;
    return assignOp();
  case '&':
    nextch();
    if (Ch == '&') {
      nextch();
      Op = Operator::AndAnd;
      Prec = PrecAndAnd;
      Tok = TokenKind::Operator;
      break;
    }
    Op = Operator::And;
    Prec = PrecMul;
    if (Ch == '^') {
      nextch();
      Op = Operator::AndNot;
    }
    return assignOp();
  case '|':
    nextch();
    if (Ch == '|') {
      nextch();
      Op = Operator::OrOr;
      Prec = PrecOrOr;
      Tok = TokenKind::Operator;
      break;
    }
    Op = Operator::Or;
    Prec = PrecAdd;
    return assignOp();
  case '^':
    nextch();
    Op = Operator::Xor;
    Prec = PrecAdd;
    return assignOp();
  case '<':
    nextch();
    if (Ch == '=') {
      nextch();
      Op = Operator::Leq;
      Prec = PrecCmp;
      Tok = TokenKind::Operator;
      break;
    }
    if (Ch == '<') {
      nextch();
      Op = Operator::Shl;
      Prec = PrecMul;
      return assignOp();
    }
    if (Ch == '-') {
      nextch();
      Tok = TokenKind::Arrow;
      break;
    }
    Op = Operator::Lss;
    Prec = PrecCmp;
    Tok = TokenKind::Operator;
    break;
  case '>':
    nextch();
    if (Ch == '=') {
      nextch();
      Op = Operator::Geq;
      Prec = PrecCmp;
      Tok = TokenKind::Operator;
      break;
    }
    if (Ch == '>') {
      nextch();
      Op = Operator::Shr;
      Prec = PrecMul;
      return assignOp();
    }
    Op = Operator::Gtr;
    Prec = PrecCmp;
    Tok = TokenKind::Operator;
    break;
  case '=':
    nextch();
    if (Ch == '=') {
      nextch();
      Op = Operator::Eql;
      Prec = PrecCmp;
      Tok = TokenKind::Operator;
      break;
    }
    Tok = TokenKind::Assign;
    break;
  case '!':
    nextch();
    if (Ch == '=') {
      nextch();
      Op = Operator::Neq;
      Prec = PrecCmp;
      Tok = TokenKind::Operator;
      break;
    }
    Op = Operator::Not;
    Prec = 0;
    Tok = TokenKind::Operator;
    break;
  case '~':
    nextch();
    Op = Operator::Tilde;
    Prec = 0;
    Tok = TokenKind::Operator;
    break;
  default:
    errorAtCh(DiagKind::InvalidChar, formatRuneU(uint32_t(Ch)));
    nextch();
    goto redo;
  }
}

void Scanner::assignOp() {
  if (Ch == '=') {
    nextch();
    Tok = TokenKind::AssignOp;
    return;
  }
  Tok = TokenKind::Operator;
}

static TokenKind keyword(llvm::StringRef S) {
  switch (S.size()) {
  case 2:
    if (S == "go")
      return TokenKind::Go;
    if (S == "if")
      return TokenKind::If;
    break;
  case 3:
    if (S == "for")
      return TokenKind::For;
    if (S == "map")
      return TokenKind::Map;
    if (S == "var")
      return TokenKind::Var;
    break;
  case 4:
    if (S == "case")
      return TokenKind::Case;
    if (S == "chan")
      return TokenKind::Chan;
    if (S == "else")
      return TokenKind::Else;
    if (S == "func")
      return TokenKind::Func;
    if (S == "goto")
      return TokenKind::Goto;
    if (S == "type")
      return TokenKind::Type;
    break;
  case 5:
    if (S == "break")
      return TokenKind::Break;
    if (S == "const")
      return TokenKind::Const;
    if (S == "defer")
      return TokenKind::Defer;
    if (S == "range")
      return TokenKind::Range;
    break;
  case 6:
    if (S == "import")
      return TokenKind::Import;
    if (S == "return")
      return TokenKind::Return;
    if (S == "select")
      return TokenKind::Select;
    if (S == "struct")
      return TokenKind::Struct;
    if (S == "switch")
      return TokenKind::Switch;
    break;
  case 7:
    if (S == "default")
      return TokenKind::Default;
    if (S == "package")
      return TokenKind::Package;
    break;
  case 8:
    if (S == "continue")
      return TokenKind::Continue;
    break;
  case 9:
    if (S == "interface")
      return TokenKind::Interface;
    break;
  case 11:
    if (S == "fallthrough")
      return TokenKind::Fallthrough;
    break;
  }
  return TokenKind::None;
}

void Scanner::ident() {
  while (isLetter(Ch) || isDecimal(Ch))
    nextch();
  if (Ch >= 0x80)
    while (atIdentChar(false))
      nextch();
  llvm::StringRef S = Text.substr(TokOff, ChOff - TokOff);
  TokenKind K = keyword(S);
  if (K != TokenKind::None) {
    NLSemi = K == TokenKind::Break || K == TokenKind::Continue ||
             K == TokenKind::Fallthrough || K == TokenKind::Return;
    Tok = K;
    return;
  }
  NLSemi = true;
  Lit = S.str();
  Tok = TokenKind::Name;
}

bool Scanner::atIdentChar(bool First) {
  if (Ch < 0)
    return false;
  uint32_t C = uint32_t(Ch);
  if (isLetter(Ch) || (C >= 0x80 && isUnicodeLetter(C))) {
    // ok
  } else if (isDecimal(Ch) || (C >= 0x80 && isUnicodeDigit(C))) {
    if (First)
      errorAtCh(DiagKind::IdentStartsWithDigit, formatRuneU(C));
  } else if (C >= 0x80) {
    errorAtCh(DiagKind::InvalidCharInIdent, formatRuneU(C));
  } else {
    return false;
  }
  return true;
}

int Scanner::digits(int Base, int *Invalid) {
  int DigSep = 0;
  if (Base <= 10) {
    int32_t Max = '0' + Base;
    while (isDecimal(Ch) || Ch == '_') {
      int DS = 1;
      if (Ch == '_')
        DS = 2;
      else if (Ch >= Max && Invalid && *Invalid < 0)
        *Invalid = int(ChOff - TokOff);
      DigSep |= DS;
      nextch();
    }
  } else {
    while (isHex(Ch) || Ch == '_') {
      DigSep |= Ch == '_' ? 2 : 1;
      nextch();
    }
  }
  return DigSep;
}

/// The index of the first invalid '_' separator in X, or -1.
static int invalidSep(llvm::StringRef X) {
  char X1 = ' ';
  char D = '.';
  size_t I = 0;
  if (X.size() >= 2 && X[0] == '0') {
    X1 = char(lower(X[1]));
    if (X1 == 'x' || X1 == 'o' || X1 == 'b') {
      D = '0';
      I = 2;
    }
  }
  for (; I < X.size(); ++I) {
    char P = D;
    D = X[I];
    if (D == '_') {
      if (P != '0')
        return int(I);
    } else if (isDecimal(D) || (X1 == 'x' && isHex(D))) {
      D = '0';
    } else {
      if (P == '_')
        return int(I) - 1;
      D = '.';
    }
  }
  if (D == '_')
    return int(X.size()) - 1;
  return -1;
}

void Scanner::number(bool SeenPoint) {
  bool Ok = true;
  LitKind K = LitKind::Int;
  int Base = 10;
  char Prefix = 0;
  int DigSep = 0;
  int Invalid = -1;

  if (!SeenPoint) {
    if (Ch == '0') {
      nextch();
      switch (lower(Ch)) {
      case 'x':
        nextch();
        Base = 16, Prefix = 'x';
        break;
      case 'o':
        nextch();
        Base = 8, Prefix = 'o';
        break;
      case 'b':
        nextch();
        Base = 2, Prefix = 'b';
        break;
      default:
        Base = 8, Prefix = '0';
        DigSep = 1; // leading 0
      }
    }
    DigSep |= digits(Base, &Invalid);
    if (Ch == '.') {
      if (Prefix == 'o' || Prefix == 'b') {
        errorAtCh(DiagKind::InvalidRadixPoint, baseName(Base));
        Ok = false;
      }
      nextch();
      SeenPoint = true;
    }
  }

  if (SeenPoint) {
    K = LitKind::Float;
    DigSep |= digits(Base, &Invalid);
  }

  if ((DigSep & 1) == 0 && Ok) {
    errorAtCh(DiagKind::LiteralHasNoDigits, baseName(Base));
    Ok = false;
  }

  int32_t E = lower(Ch);
  if (E == 'e' || E == 'p') {
    if (Ok) {
      if (E == 'e' && Prefix != 0 && Prefix != '0') {
        errorAtCh(DiagKind::ExponentNeedsDecimal, quoteRune(uint32_t(Ch)));
        Ok = false;
      } else if (E == 'p' && Prefix != 'x') {
        errorAtCh(DiagKind::ExponentNeedsHex, quoteRune(uint32_t(Ch)));
        Ok = false;
      }
    }
    nextch();
    K = LitKind::Float;
    if (Ch == '+' || Ch == '-')
      nextch();
    DigSep = digits(10, nullptr) | (DigSep & 2);
    if ((DigSep & 1) == 0 && Ok) {
      errorAtCh(DiagKind::ExponentHasNoDigits);
      Ok = false;
    }
  } else if (Prefix == 'x' && K == LitKind::Float && Ok) {
    errorAtCh(DiagKind::HexMantissaNeedsP);
    Ok = false;
  }

  if (Ch == 'i') {
    K = LitKind::Imag;
    nextch();
  }

  setLit(K, Ok);

  if (K == LitKind::Int && Invalid >= 0 && Ok) {
    errorAtTok(Invalid, DiagKind::InvalidDigit,
               quoteRune(uint8_t(Lit[Invalid])) + " in " + baseName(Base));
    Ok = false;
  }

  if ((DigSep & 2) != 0 && Ok) {
    int I = invalidSep(Lit);
    if (I >= 0) {
      errorAtTok(I, DiagKind::BadDigitSeparator);
      Ok = false;
    }
  }
  Bad = !Ok;
}

void Scanner::setLit(LitKind K, bool Ok) {
  NLSemi = true;
  Tok = TokenKind::Literal;
  Lit = Text.substr(TokOff, ChOff - TokOff).str();
  Bad = !Ok;
  Kind = K;
}

void Scanner::runeLit() {
  bool Ok = true;
  nextch();
  for (int N = 0;; ++N) {
    if (Ch == '\'') {
      if (Ok) {
        if (N == 0) {
          errorAtCh(DiagKind::EmptyRuneLiteral);
          Ok = false;
        } else if (N != 1) {
          errorAtTok(0, DiagKind::MultiCharRuneLiteral);
          Ok = false;
        }
      }
      nextch();
      break;
    }
    if (Ch == '\\') {
      nextch();
      if (!escape('\''))
        Ok = false;
      continue;
    }
    if (Ch == '\n') {
      if (Ok) {
        errorAtCh(DiagKind::NewlineInRune);
        Ok = false;
      }
      break;
    }
    if (Ch < 0) {
      if (Ok) {
        errorAtTok(0, DiagKind::RuneNotTerminated);
        Ok = false;
      }
      break;
    }
    nextch();
  }
  setLit(LitKind::Rune, Ok);
}

void Scanner::stdString() {
  bool Ok = true;
  nextch();
  for (;;) {
    if (Ch == '"') {
      nextch();
      break;
    }
    if (Ch == '\\') {
      nextch();
      if (!escape('"'))
        Ok = false;
      continue;
    }
    if (Ch == '\n') {
      errorAtCh(DiagKind::NewlineInString);
      Ok = false;
      break;
    }
    if (Ch < 0) {
      errorAtTok(0, DiagKind::StringNotTerminated);
      Ok = false;
      break;
    }
    nextch();
  }
  setLit(LitKind::String, Ok);
}

void Scanner::rawString() {
  bool Ok = true;
  nextch();
  for (;;) {
    if (Ch == '`') {
      nextch();
      break;
    }
    if (Ch < 0) {
      errorAtTok(0, DiagKind::StringNotTerminated);
      Ok = false;
      break;
    }
    nextch();
  }
  setLit(LitKind::String, Ok);
}

uint32_t Scanner::plainASCIIEnd(uint32_t From, char Stop) const {
  const char *P = Text.data() + From, *End = Text.data() + Text.size();
  while (P != End && *P != Stop && *P != '\n' && *P > 0)
    ++P; // char is signed: bytes >= 0x80 are negative
  return uint32_t(P - Text.data());
}

void Scanner::skipLine() {
  // Don't consume the '\n': it is needed for semicolon insertion.
  while (Ch >= 0 && Ch != '\n') {
    // Plain ASCII needs none of nextch's checks (NUL, UTF-8, BOM).
    NextOff = plainASCIIEnd(NextOff, '\n');
    nextch();
  }
}

void Scanner::lineComment() {
  // Ch is the character after "//"; a line directive starts in column 1.
  uint32_t TextOff = ChOff;
  bool Col1 = TokOff == 0 || Text[TokOff - 1] == '\n';
  skipLine();
  constexpr llvm::StringLiteral Line = "line ";
  if (!Col1 || !Text.substr(TextOff, ChOff - TextOff).starts_with(Line))
    return;
  llvm::StringRef T =
      Text.substr(TextOff + Line.size(), ChOff - TextOff - Line.size());
  // It applies from the start of the next line.
  uint32_t After = std::min<uint32_t>(ChOff + 1, uint32_t(Text.size()));
  lineDirective(TextOff + Line.size(), T.rtrim('\r'), After);
}

void Scanner::lineDirective(uint32_t TextOff, llvm::StringRef T,
                            uint32_t After) {
  // gc's updateBase: peel ":line" and then ":col" off the end; the rest,
  // colons and blanks included, is the file name.
  constexpr uint64_t PosMax = 1 << 30; // gc's syntax.PosMax
  auto Number = [](llvm::StringRef S, uint64_t &N) {
    if (S.empty() || !llvm::all_of(S, llvm::isDigit))
      return false;
    return !S.getAsInteger(10, N);
  };
  size_t I = T.rfind(':');
  if (I == llvm::StringRef::npos)
    return; // not a line directive
  uint64_t N = 0;
  if (!Number(T.substr(I + 1), N)) {
    errorAtTok(TextOff + I + 1 - TokOff, DiagKind::InvalidLineNumber,
               T.substr(I + 1).str());
    return;
  }
  llvm::StringRef Rest = T.take_front(I);
  size_t I2 = Rest.rfind(':');
  uint64_t N2 = 0;
  bool HasCol = I2 != llvm::StringRef::npos && Number(Rest.substr(I2 + 1), N2);
  uint64_t LineNo = N, Col = 0;
  size_t LineAt = I + 1;
  llvm::StringRef LineText = T.substr(I + 1), Name = Rest;
  if (HasCol) {
    if (N == 0 || N > PosMax) {
      errorAtTok(TextOff + I + 1 - TokOff, DiagKind::InvalidColumnNumber,
                 T.substr(I + 1).str());
      return;
    }
    LineNo = N2;
    Col = N;
    LineAt = I2 + 1;
    LineText = Rest.substr(I2 + 1);
    Name = Rest.take_front(I2);
  }
  if (LineNo == 0 || LineNo > PosMax) {
    errorAtTok(TextOff + LineAt - TokOff, DiagKind::InvalidLineNumber,
               LineText.str());
    return;
  }
  File.addLineBase(After, Name, /*InheritName=*/Name.empty() && HasCol,
                   unsigned(LineNo), unsigned(Col));
}

bool Scanner::skipComment() {
  while (Ch >= 0) {
    while (Ch == '*') {
      nextch();
      if (Ch == '/') {
        nextch();
        return true;
      }
    }
    NextOff = plainASCIIEnd(NextOff, '*');
    nextch();
  }
  errorAtTok(0, DiagKind::CommentNotTerminated);
  return false;
}

bool Scanner::escape(char Quote) {
  int N;
  uint32_t Base, Max;
  switch (Ch) {
  case 'a':
  case 'b':
  case 'f':
  case 'n':
  case 'r':
  case 't':
  case 'v':
  case '\\':
    nextch();
    return true;
  case '0':
  case '1':
  case '2':
  case '3':
  case '4':
  case '5':
  case '6':
  case '7':
    N = 3, Base = 8, Max = 255;
    break;
  case 'x':
    nextch();
    N = 2, Base = 16, Max = 255;
    break;
  case 'u':
    nextch();
    N = 4, Base = 16, Max = 0x10FFFF;
    break;
  case 'U':
    nextch();
    N = 8, Base = 16, Max = 0x10FFFF;
    break;
  default:
    if (Ch == Quote) {
      nextch();
      return true;
    }
    if (Ch < 0)
      return true; // complain in caller about EOF
    errorAtCh(DiagKind::UnknownEscape);
    return false;
  }

  uint32_t X = 0;
  for (int I = N; I > 0; --I) {
    if (Ch < 0)
      return true; // complain in caller about EOF
    uint32_t D = Base;
    if (isDecimal(Ch))
      D = uint32_t(Ch) - '0';
    else if ('a' <= lower(Ch) && lower(Ch) <= 'f')
      D = uint32_t(lower(Ch)) - 'a' + 10;
    if (D >= Base) {
      errorAtCh(DiagKind::InvalidCharInEscape,
                quoteRune(uint32_t(Ch)) + " in " + baseName(int(Base)));
      return false;
    }
    X = X * Base + D;
    nextch();
  }

  if (X > Max && Base == 8) {
    errorAtCh(DiagKind::OctalEscapeTooBig, std::to_string(X));
    return false;
  }
  if (X > Max || (0xD800 <= X && X < 0xE000)) {
    errorAtCh(DiagKind::EscapeInvalidCodePoint, formatRuneU(X));
    return false;
  }
  return true;
}
