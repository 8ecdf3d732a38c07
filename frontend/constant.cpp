//===- frontend/constant.cpp - Exact constant values ----------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See constant.h. Rounding to binary floating point (Real::roundTo and the
// BigFloat normalization) is round-half-to-even on an exact integer
// quotient plus a sticky bit, the textbook method.
//
//===----------------------------------------------------------------------===//

#include "frontend/constant.h"

#include "frontend/scanner.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <cstdint>
#include <cstdio>

using namespace gortc;
using llvm::APInt;

//===----------------------------------------------------------------------===//
// BigInt
//===----------------------------------------------------------------------===//

void BigInt::shrink() {
  unsigned Need = std::max(64u, V.getSignificantBits());
  if (Need < V.getBitWidth())
    V = V.trunc(Need);
}

void BigInt::align(APInt &A, APInt &B, unsigned Extra) {
  unsigned W = std::max(A.getBitWidth(), B.getBitWidth()) + Extra;
  A = A.sext(W);
  B = B.sext(W);
}

BigInt BigInt::fromUint64(uint64_t X) { return BigInt(APInt(65, X, false)); }

BigInt BigInt::fromAPInt(const APInt &A, bool Signed) {
  return BigInt(Signed ? A.sext(A.getBitWidth() + 1)
                       : A.zext(A.getBitWidth() + 1));
}

BigInt BigInt::fromDigits(llvm::StringRef Digits, unsigned Base) {
  unsigned BitsPerDigit = Base == 2 ? 1 : Base == 8 ? 3 : 4;
  unsigned W = unsigned(Digits.size()) * BitsPerDigit + 2;
  return BigInt(APInt(std::max(W, 64u), Digits, uint8_t(Base)));
}

int BigInt::sign() const {
  if (V.isZero())
    return 0;
  return V.isNegative() ? -1 : 1;
}

unsigned BigInt::bitLen() const {
  APInt A = V.isNegative() ? -V : V;
  if (V.isNegative() && V.isMinSignedValue())
    return V.getBitWidth();
  return A.getActiveBits();
}

bool BigInt::fitsInt64() const { return V.getSignificantBits() <= 64; }

bool BigInt::fitsUint64() const {
  return !V.isNegative() && V.getActiveBits() <= 64;
}

int64_t BigInt::getInt64() const { return V.trunc(64).getSExtValue(); }
uint64_t BigInt::getUint64() const { return V.trunc(64).getZExtValue(); }

APInt BigInt::truncTo(unsigned N) const {
  if (N <= V.getBitWidth())
    return V.trunc(N);
  return V.sext(N);
}

BigInt BigInt::operator-() const {
  APInt A = V.sext(V.getBitWidth() + 1);
  return BigInt(-A);
}

BigInt BigInt::operator+(const BigInt &O) const {
  APInt A = V, B = O.V;
  align(A, B, 1);
  return BigInt(A + B);
}

BigInt BigInt::operator-(const BigInt &O) const {
  APInt A = V, B = O.V;
  align(A, B, 1);
  return BigInt(A - B);
}

BigInt BigInt::operator*(const BigInt &O) const {
  APInt A = V, B = O.V;
  unsigned W = A.getBitWidth() + B.getBitWidth();
  A = A.sext(W);
  B = B.sext(W);
  return BigInt(A * B);
}

BigInt BigInt::quo(const BigInt &O) const {
  assert(!O.isZero() && "integer division by zero");
  APInt A = V, B = O.V;
  align(A, B, 1);
  return BigInt(A.sdiv(B));
}

BigInt BigInt::rem(const BigInt &O) const {
  assert(!O.isZero() && "integer division by zero");
  APInt A = V, B = O.V;
  align(A, B, 1);
  return BigInt(A.srem(B));
}

BigInt BigInt::operator&(const BigInt &O) const {
  APInt A = V, B = O.V;
  align(A, B, 0);
  return BigInt(A & B);
}

BigInt BigInt::operator|(const BigInt &O) const {
  APInt A = V, B = O.V;
  align(A, B, 0);
  return BigInt(A | B);
}

BigInt BigInt::operator^(const BigInt &O) const {
  APInt A = V, B = O.V;
  align(A, B, 0);
  return BigInt(A ^ B);
}

BigInt BigInt::andNot(const BigInt &O) const {
  APInt A = V, B = O.V;
  align(A, B, 0);
  return BigInt(A & ~B);
}

BigInt BigInt::operator~() const { return BigInt(~V); }

BigInt BigInt::shl(unsigned N) const {
  APInt A = V.sext(V.getBitWidth() + N);
  return BigInt(A.shl(N));
}

BigInt BigInt::shr(unsigned N) const {
  if (N >= V.getBitWidth())
    return BigInt(V.isNegative() ? -1 : 0);
  return BigInt(V.ashr(N));
}

int BigInt::cmp(const BigInt &O) const {
  APInt A = V, B = O.V;
  align(A, B, 0);
  if (A.slt(B))
    return -1;
  return A == B ? 0 : 1;
}

BigInt BigInt::gcd(BigInt A, BigInt B) {
  A = A.abs();
  B = B.abs();
  APInt X = A.V, Y = B.V;
  align(X, Y, 0);
  return BigInt(
      llvm::APIntOps::GreatestCommonDivisor(X, Y).zext(X.getBitWidth() + 1));
}

std::string BigInt::toString(unsigned Base) const {
  llvm::SmallString<64> S;
  V.toString(S, Base, /*Signed=*/true);
  return std::string(S);
}

double BigInt::toDouble() const { return Real(*this).toDouble(); }

//===----------------------------------------------------------------------===//
// Real
//===----------------------------------------------------------------------===//

namespace {
/// go/constant's maxExp: rationals whose parts exceed this many bits switch
/// to the floating-point representation.
constexpr unsigned MaxExactBits = 4096;
/// Mantissa precision of the floating-point representation (go/constant's
/// prec).
constexpr unsigned FloatPrec = 512;

/// Rounds Q * 2^E (plus a positive amount below Q's last bit when Sticky) to
/// at most P significant bits, ties to even. Updates Q and E.
void roundToBits(BigInt &Q, int64_t &E, bool Sticky, unsigned P) {
  unsigned N = Q.bitLen();
  if (N <= P)
    return;
  unsigned K = N - P;
  BigInt Kept = Q.shr(K);
  BigInt Dropped = Q - Kept.shl(K);
  BigInt Half = BigInt(1).shl(K - 1);
  int C = Dropped.cmp(Half);
  bool Up = C > 0 || (C == 0 && (Sticky || (Kept.getUint64() & 1)));
  if (Up)
    Kept = Kept + BigInt(1);
  E += K;
  if (Kept.bitLen() > P) {
    Kept = Kept.shr(1);
    E += 1;
  }
  Q = Kept;
}

/// Computes floor(A * 2^S / B) for positive A, B, returning the quotient and
/// whether a remainder was left.
BigInt scaledQuotient(const BigInt &A, const BigInt &B, int64_t S,
                      bool &Sticky) {
  BigInt Num = A, Den = B;
  if (S >= 0)
    Num = Num.shl(unsigned(S));
  else
    Den = Den.shl(unsigned(-S));
  BigInt Q = Num.quo(Den);
  Sticky = !(Num - Q * Den).isZero();
  return Q;
}

BigInt pow10(unsigned N) {
  BigInt R(1), B(10);
  while (N) {
    if (N & 1)
      R = R * B;
    N >>= 1;
    if (N)
      B = B * B;
  }
  return R;
}
} // namespace

Real Real::fromRat(BigInt N, BigInt D) {
  assert(!D.isZero() && "rational with a zero denominator");
  Real R;
  if (D.sign() < 0) {
    N = -N;
    D = -D;
  }
  R.Num = std::move(N);
  R.Den = std::move(D);
  R.normalize();
  return R;
}

Real Real::makeFloat(bool Neg, BigInt Mant, int64_t Exp) {
  Real R;
  if (Mant.isZero())
    return R;
  roundToBits(Mant, Exp, false, FloatPrec);
  // Keep small enough values exact.
  unsigned N = Mant.bitLen();
  // Below big.Float's int32 exponent range the value underflows to zero,
  // as in go/constant (the complex division check of go.dev/issue/20227
  // relies on it).
  if (Exp + int64_t(N) < INT32_MIN)
    return R;
  if (Exp >= 0 && uint64_t(Exp) + N < MaxExactBits) {
    R.Num = Mant.shl(unsigned(Exp));
    if (Neg)
      R.Num = -R.Num;
    R.Den = BigInt(1);
    return R;
  }
  if (Exp < 0 && uint64_t(-Exp) < MaxExactBits) {
    R.Num = Neg ? -Mant : Mant;
    R.Den = BigInt(1).shl(unsigned(-Exp));
    R.normalize();
    return R;
  }
  R.IsFloat = true;
  R.FNeg = Neg;
  // Normalize the mantissa to exactly FloatPrec bits.
  N = Mant.bitLen();
  if (N < FloatPrec) {
    Mant = Mant.shl(FloatPrec - N);
    Exp -= FloatPrec - N;
  }
  R.FMant = Mant;
  R.FExp = Exp;
  return R;
}

void Real::normalize() {
  if (IsFloat)
    return;
  if (Num.isZero()) {
    Den = BigInt(1);
    return;
  }
  BigInt G = BigInt::gcd(Num, Den);
  if (!(G == BigInt(1))) {
    Num = Num.quo(G);
    Den = Den.quo(G);
  }
  if (Num.bitLen() >= MaxExactBits || Den.bitLen() >= MaxExactBits) {
    bool Neg;
    BigInt M;
    int64_t E;
    toFloatForm(Neg, M, E);
    *this = makeFloat(Neg, M, E);
  }
}

void Real::toFloatForm(bool &Neg, BigInt &Mant, int64_t &Exp) const {
  if (IsFloat) {
    Neg = FNeg;
    Mant = FMant;
    Exp = FExp;
    return;
  }
  Neg = Num.sign() < 0;
  BigInt A = Num.abs();
  if (A.isZero()) {
    Mant = BigInt(0);
    Exp = 0;
    return;
  }
  if (Den == BigInt(1)) {
    Mant = A;
    Exp = 0;
    roundToBits(Mant, Exp, false, FloatPrec);
    return;
  }
  int64_t S = int64_t(FloatPrec) + 2 + Den.bitLen() - A.bitLen();
  bool Sticky;
  Mant = scaledQuotient(A, Den, S, Sticky);
  Exp = -S;
  roundToBits(Mant, Exp, Sticky, FloatPrec);
}

Real Real::fromDouble(double D) {
  if (D == 0)
    return Real();
  int E;
  double M = std::frexp(D, &E); // D = M * 2^E, 0.5 <= |M| < 1
  int64_t IM = int64_t(std::ldexp(M, 53));
  E -= 53;
  BigInt N(IM);
  if (E >= 0)
    return fromRat(N.shl(unsigned(E)), BigInt(1));
  return fromRat(N, BigInt(1).shl(unsigned(-E)));
}

std::optional<Real> Real::fromLiteral(llvm::StringRef Lit) {
  std::string S;
  for (char C : Lit)
    if (C != '_')
      S += C;
  llvm::StringRef L(S);
  if (L.size() > 2 && L[0] == '0' && (L[1] == 'x' || L[1] == 'X')) {
    // Hexadecimal mantissa with a binary exponent.
    L = L.drop_front(2);
    size_t P = L.find_first_of("pP");
    llvm::StringRef Mant = L.substr(0, P);
    int64_t Exp = 0;
    if (P != llvm::StringRef::npos) {
      llvm::StringRef ES = L.substr(P + 1);
      bool Neg = ES.consume_front("-");
      ES.consume_front("+");
      if (ES.getAsInteger(10, Exp))
        Exp = 1 << 30; // absurdly large: overflows below
      if (Neg)
        Exp = -Exp;
    }
    size_t Dot = Mant.find('.');
    std::string Digits = Mant.substr(0, Dot).str();
    if (Dot != llvm::StringRef::npos) {
      llvm::StringRef Frac = Mant.substr(Dot + 1);
      Digits += Frac.str();
      Exp -= 4 * int64_t(Frac.size());
    }
    if (Digits.empty())
      Digits = "0";
    BigInt M = BigInt::fromDigits(Digits, 16);
    return makeFloat(false, M, Exp);
  }

  // Decimal mantissa with a decimal exponent.
  size_t EPos = L.find_first_of("eE");
  llvm::StringRef Mant = L.substr(0, EPos);
  int64_t Exp10 = 0;
  if (EPos != llvm::StringRef::npos) {
    llvm::StringRef ES = L.substr(EPos + 1);
    bool Neg = ES.consume_front("-");
    ES.consume_front("+");
    if (ES.getAsInteger(10, Exp10))
      Exp10 = 1 << 30;
    if (Neg)
      Exp10 = -Exp10;
  }
  size_t Dot = Mant.find('.');
  std::string Digits = Mant.substr(0, Dot).str();
  if (Dot != llvm::StringRef::npos) {
    llvm::StringRef Frac = Mant.substr(Dot + 1);
    Digits += Frac.str();
    Exp10 -= int64_t(Frac.size());
  }
  // Strip leading zeros; an all-zero mantissa is zero whatever the exponent.
  size_t NZ = Digits.find_first_not_of('0');
  if (NZ == std::string::npos)
    return Real();
  Digits = Digits.substr(NZ);
  BigInt M = BigInt::fromDigits(Digits, 10);
  if (Exp10 >= 0 && Exp10 <= 1300)
    return fromRat(M * pow10(unsigned(Exp10)), BigInt(1));
  if (Exp10 < 0 && Exp10 >= -1300)
    return fromRat(M, pow10(unsigned(-Exp10)));
  // Huge exponents: compute 10^|e| in the floating representation by
  // repeated squaring, rounding at each step (as big.Float does).
  uint64_t N = uint64_t(Exp10 < 0 ? -Exp10 : Exp10);
  if (N > (uint64_t(1) << 32))
    N = uint64_t(1) << 32;
  Real R(BigInt(1)), B(BigInt(10));
  while (N) {
    if (N & 1)
      R = R * B;
    N >>= 1;
    if (N)
      B = B * B;
  }
  Real MR(M);
  return Exp10 < 0 ? MR / R : MR * R;
}

int Real::sign() const {
  if (IsFloat)
    return FNeg ? -1 : 1;
  return Num.sign();
}

int64_t Real::binaryExponent() const {
  if (IsFloat)
    return FExp + int64_t(FMant.bitLen());
  if (Num.isZero())
    return 0;
  return int64_t(Num.abs().bitLen()) - int64_t(Den.bitLen());
}

bool Real::isInt() const {
  if (IsFloat)
    return FExp >= 0;
  return Den == BigInt(1);
}

BigInt Real::trunc() const {
  if (IsFloat) {
    BigInt M = FMant;
    if (FExp >= 0)
      M = M.shl(unsigned(FExp));
    else
      M = M.shr(unsigned(-FExp)); // FMant is positive
    return FNeg ? -M : M;
  }
  return Num.quo(Den);
}

Real Real::operator-() const {
  Real R = *this;
  if (IsFloat)
    R.FNeg = !R.FNeg;
  else
    R.Num = -R.Num;
  return R;
}

Real Real::operator+(const Real &O) const {
  if (!IsFloat && !O.IsFloat)
    return fromRat(Num * O.Den + O.Num * Den, Den * O.Den);
  bool NA, NB;
  BigInt MA, MB;
  int64_t EA, EB;
  toFloatForm(NA, MA, EA);
  O.toFloatForm(NB, MB, EB);
  if (MA.isZero())
    return O;
  if (MB.isZero())
    return *this;
  // Align exponents; a difference far beyond the precision leaves the
  // smaller operand below the rounding point.
  int64_t D = EA - EB;
  if (D > int64_t(FloatPrec) + 8)
    return *this;
  if (-D > int64_t(FloatPrec) + 8)
    return O;
  if (D > 0) {
    MA = MA.shl(unsigned(D));
    EA = EB;
  } else if (D < 0) {
    MB = MB.shl(unsigned(-D));
  }
  BigInt SA = NA ? -MA : MA, SB = NB ? -MB : MB;
  BigInt Sum = SA + SB;
  return makeFloat(Sum.sign() < 0, Sum.abs(), EA);
}

Real Real::operator-(const Real &O) const { return *this + (-O); }

Real Real::operator*(const Real &O) const {
  if (!IsFloat && !O.IsFloat)
    return fromRat(Num * O.Num, Den * O.Den);
  bool NA, NB;
  BigInt MA, MB;
  int64_t EA, EB;
  toFloatForm(NA, MA, EA);
  O.toFloatForm(NB, MB, EB);
  return makeFloat(NA != NB, MA * MB, EA + EB);
}

Real Real::operator/(const Real &O) const {
  assert(!O.isZero() && "division by zero");
  if (!IsFloat && !O.IsFloat)
    return fromRat(Num * O.Den, Den * O.Num);
  bool NA, NB;
  BigInt MA, MB;
  int64_t EA, EB;
  toFloatForm(NA, MA, EA);
  O.toFloatForm(NB, MB, EB);
  if (MA.isZero())
    return Real();
  int64_t S = int64_t(FloatPrec) + 2 + MB.bitLen() - MA.bitLen();
  bool Sticky;
  BigInt Q = scaledQuotient(MA, MB, S, Sticky);
  int64_t E = EA - EB - S;
  roundToBits(Q, E, Sticky, FloatPrec);
  return makeFloat(NA != NB, Q, E);
}

int Real::cmp(const Real &O) const {
  Real D = *this - O;
  return D.sign();
}

double Real::roundTo(unsigned MantBits, int MinExp, int MaxExp,
                     bool *Overflow) const {
  if (Overflow)
    *Overflow = false;
  if (isZero())
    return 0;
  bool Neg = sign() < 0;
  // Exact quotient with plenty of bits plus sticky.
  BigInt Q;
  int64_t E;
  bool Sticky = false;
  if (IsFloat) {
    Q = FMant;
    E = FExp;
  } else {
    BigInt A = Num.abs();
    int64_t S = int64_t(MantBits) + 3 + Den.bitLen() - A.bitLen();
    if (S < 0)
      S = 0;
    Q = scaledQuotient(A, Den, S, Sticky);
    E = -S;
  }
  // Exponent of the top bit.
  int64_t Top = E + int64_t(Q.bitLen()) - 1;
  int64_t MinSub = int64_t(MinExp) - int64_t(MantBits) + 1; // lowest bit
  if (Top > MaxExp) {
    if (Overflow)
      *Overflow = true;
    return Neg ? -HUGE_VAL : HUGE_VAL;
  }
  unsigned P = MantBits;
  if (Top < MinExp) {
    int64_t Avail = Top - MinSub + 1;
    if (Avail <= 0) {
      // Below half the smallest subnormal rounds to zero; exactly half rounds
      // to even (zero); above half rounds to the smallest subnormal.
      if (Avail == 0) {
        bool AboveHalf = Sticky || !(Q == BigInt(1).shl(Q.bitLen() - 1));
        if (AboveHalf)
          return std::ldexp(Neg ? -1.0 : 1.0, int(MinSub));
      }
      return Neg ? -0.0 : 0.0;
    }
    P = unsigned(Avail);
  }
  roundToBits(Q, E, Sticky, P);
  Top = E + int64_t(Q.bitLen()) - 1;
  if (Top > MaxExp) {
    if (Overflow)
      *Overflow = true;
    return Neg ? -HUGE_VAL : HUGE_VAL;
  }
  double D = std::ldexp(double(Q.getUint64()), int(E));
  return Neg ? -D : D;
}

double Real::toDouble(bool *Overflow) const {
  return roundTo(53, -1022, 1023, Overflow);
}

float Real::toFloat(bool *Overflow) const {
  return float(roundTo(24, -126, 127, Overflow));
}

std::string Real::toString() const {
  double X = toDouble();
  bool Zero = isZero();
  if ((X == 0) == Zero && !std::isinf(X)) {
    // go/constant 1.19 (Go 1.20 added more digits for non-integers that
    // print like integers; gc 1.19 prints 1 + 1e-70 as "1").
    char Buf[64];
    std::snprintf(Buf, sizeof Buf, "%.6g", X);
    return Buf;
  }
  // Out of float64 range: approximate decimal conversion, as go/constant.
  bool Neg;
  BigInt M;
  int64_t E;
  toFloatForm(Neg, M, E);
  // value = M * 2^E with M of FloatPrec bits; mant in [0.5, 1).
  int64_t Exp = E + int64_t(M.bitLen());
  double Mant = std::ldexp(double(M.shr(M.bitLen() - 60).getUint64()), -60);
  if (Neg)
    Mant = -Mant;
  double D = double(Exp) * (std::log(2.0) / std::log(10.0));
  int64_t IE = int64_t(D);
  Mant *= std::pow(10.0, D - double(IE));
  double AM = std::fabs(Mant);
  if (AM < 1 - 0.5e-6) {
    Mant *= 10;
    --IE;
  } else if (AM >= 10) {
    Mant /= 10;
    ++IE;
  }
  char Buf[96];
  std::snprintf(Buf, sizeof Buf, "%.6ge%+lld", Mant, (long long)IE);
  return Buf;
}

std::string Real::toExactString() const {
  if (IsFloat)
    return toString();
  if (Den == BigInt(1))
    return Num.toString();
  return Num.toString() + "/" + Den.toString();
}

//===----------------------------------------------------------------------===//
// ConstValue
//===----------------------------------------------------------------------===//

ConstValue ConstValue::makeBool(bool B) {
  ConstValue V;
  V.K = Kind::Bool;
  V.B = B;
  return V;
}

ConstValue ConstValue::makeString(std::string S) {
  ConstValue V;
  V.K = Kind::String;
  V.S = std::move(S);
  return V;
}

ConstValue ConstValue::makeInt(BigInt I) {
  ConstValue V;
  V.K = Kind::Int;
  V.I = std::move(I);
  return V;
}

ConstValue ConstValue::makeFloat(Real R) {
  // An integral exact float stays a float (the kind is what matters).
  ConstValue V;
  V.K = Kind::Float;
  V.Re = std::move(R);
  return V;
}

ConstValue ConstValue::makeComplex(Real Re, Real Im) {
  ConstValue V;
  V.K = Kind::Complex;
  V.Re = std::move(Re);
  V.Im = std::move(Im);
  return V;
}

Real ConstValue::real() const {
  switch (K) {
  case Kind::Int:
    return Real(I);
  case Kind::Float:
  case Kind::Complex:
    return Re;
  default:
    return Real();
  }
}

Real ConstValue::imag() const { return K == Kind::Complex ? Im : Real(); }

/// Decodes a rune literal ('x', '\n', '\u1234', '\xff') to its value.
static bool decodeRuneLiteral(llvm::StringRef Lit, uint32_t &R) {
  std::string Out;
  if (Lit.size() < 3 || Lit.front() != '\'' || Lit.back() != '\'')
    return false;
  llvm::StringRef Body = Lit.drop_front().drop_back();
  if (Body.empty())
    return false;
  if (Body[0] != '\\') {
    unsigned W;
    R = decodeRune(Body, 0, W);
    return true;
  }
  if (Body.size() < 2)
    return false;
  char C = Body[1];
  switch (C) {
  case 'a':
    R = 7;
    return true;
  case 'b':
    R = 8;
    return true;
  case 'f':
    R = 12;
    return true;
  case 'n':
    R = 10;
    return true;
  case 'r':
    R = 13;
    return true;
  case 't':
    R = 9;
    return true;
  case 'v':
    R = 11;
    return true;
  case '\\':
    R = '\\';
    return true;
  case '\'':
    R = '\'';
    return true;
  case 'x':
  case 'u':
  case 'U': {
    unsigned N;
    return !Body.substr(2).getAsInteger(16, N) && ((R = N), true);
  }
  default: {
    unsigned N;
    return !Body.substr(1).getAsInteger(8, N) && ((R = N), true);
  }
  }
}

bool gortc::unquoteGoLiteral(llvm::StringRef Lit, std::string &Out) {
  Out.clear();
  if (Lit.size() < 2)
    return false;
  if (Lit.front() == '`') {
    for (char C : Lit.drop_front().drop_back())
      if (C != '\r')
        Out += C;
    return true;
  }
  if (Lit.front() != '"' || Lit.back() != '"')
    return false;
  llvm::StringRef B = Lit.drop_front().drop_back();
  for (size_t I = 0; I < B.size();) {
    char C = B[I];
    if (C != '\\') {
      Out += C;
      ++I;
      continue;
    }
    if (I + 1 >= B.size())
      return false;
    char E = B[I + 1];
    I += 2;
    switch (E) {
    case 'a':
      Out += '\a';
      break;
    case 'b':
      Out += '\b';
      break;
    case 'f':
      Out += '\f';
      break;
    case 'n':
      Out += '\n';
      break;
    case 'r':
      Out += '\r';
      break;
    case 't':
      Out += '\t';
      break;
    case 'v':
      Out += '\v';
      break;
    case '\\':
      Out += '\\';
      break;
    case '"':
      Out += '"';
      break;
    case 'x': {
      unsigned N;
      if (I + 2 > B.size() || B.substr(I, 2).getAsInteger(16, N))
        return false;
      Out += char(N);
      I += 2;
      break;
    }
    case 'u':
    case 'U': {
      size_t Len = E == 'u' ? 4 : 8;
      unsigned N;
      if (I + Len > B.size() || B.substr(I, Len).getAsInteger(16, N))
        return false;
      appendRune(Out, N);
      I += Len;
      break;
    }
    default: {
      unsigned N;
      if (E < '0' || E > '7' || I + 2 > B.size() ||
          B.substr(I - 1, 3).getAsInteger(8, N))
        return false;
      Out += char(N);
      I += 2;
      break;
    }
    }
  }
  return true;
}

ConstValue ConstValue::fromLiteral(LitKind LK, llvm::StringRef Lit) {
  switch (LK) {
  case LitKind::Int: {
    std::string S;
    for (char C : Lit)
      if (C != '_')
        S += C;
    llvm::StringRef L(S);
    unsigned Base = 10;
    if (L.size() > 1 && L[0] == '0') {
      char P = L[1] | 0x20;
      if (P == 'x') {
        Base = 16;
        L = L.drop_front(2);
      } else if (P == 'b') {
        Base = 2;
        L = L.drop_front(2);
      } else if (P == 'o') {
        Base = 8;
        L = L.drop_front(2);
      } else {
        Base = 8;
        L = L.drop_front(1);
      }
    }
    if (L.empty())
      return makeInt(BigInt(0));
    for (char C : L) {
      unsigned D = llvm::isDigit(C)      ? unsigned(C - '0')
                   : llvm::isHexDigit(C) ? unsigned((C | 0x20) - 'a' + 10)
                                         : 99u;
      if (D >= Base)
        return makeUnknown();
    }
    return makeInt(BigInt::fromDigits(L, Base));
  }
  case LitKind::Float: {
    std::optional<Real> R = Real::fromLiteral(Lit);
    // go/constant parses with big.Float, whose binary exponent is an
    // int32: beyond it the literal is malformed (gc: "malformed constant").
    if (!R || R->binaryExponent() > INT32_MAX)
      return makeUnknown();
    return makeFloat(*R);
  }
  case LitKind::Imag: {
    llvm::StringRef L = Lit.drop_back(); // 'i'
    ConstValue V;
    // An integer-looking imaginary literal is decimal ("0123i" is 123i).
    bool IsIntLike = L.find_first_of(".eEpP") == llvm::StringRef::npos &&
                     !(L.size() > 1 && L[0] == '0' &&
                       ((L[1] | 0x20) == 'x' || (L[1] | 0x20) == 'b' ||
                        (L[1] | 0x20) == 'o'));
    if (IsIntLike) {
      std::string S;
      for (char C : L)
        if (C != '_')
          S += C;
      V = makeInt(BigInt::fromDigits(S, 10));
    } else if (L.find_first_of(".eEpP") == llvm::StringRef::npos) {
      V = fromLiteral(LitKind::Int, L);
    } else {
      V = fromLiteral(LitKind::Float, L);
    }
    if (V.isUnknown())
      return V;
    return makeComplex(Real(), V.real());
  }
  case LitKind::Rune: {
    uint32_t R;
    if (!decodeRuneLiteral(Lit, R))
      return makeUnknown();
    return makeInt(BigInt(int64_t(R)));
  }
  case LitKind::String: {
    std::string S;
    if (!unquoteGoLiteral(Lit, S))
      return makeUnknown();
    return makeString(std::move(S));
  }
  }
  return makeUnknown();
}

ConstValue ConstValue::toInt() const {
  switch (K) {
  case Kind::Int:
    return *this;
  // Values outside the exact range never become integers (go/constant's
  // ToInt: "avoid creation of huge integers"); 1e100000 would have 332193
  // bits.
  case Kind::Float:
    if (Re.isExact() && Re.isInt())
      return makeInt(Re.trunc());
    return makeUnknown();
  case Kind::Complex:
    if (Im.isZero() && Re.isExact() && Re.isInt())
      return makeInt(Re.trunc());
    return makeUnknown();
  default:
    return makeUnknown();
  }
}

ConstValue ConstValue::toFloat() const {
  switch (K) {
  case Kind::Int:
    return makeFloat(Real(I));
  case Kind::Float:
    return *this;
  case Kind::Complex:
    if (Im.isZero())
      return makeFloat(Re);
    return makeUnknown();
  default:
    return makeUnknown();
  }
}

ConstValue ConstValue::toComplex() const {
  switch (K) {
  case Kind::Int:
    return makeComplex(Real(I), Real());
  case Kind::Float:
    return makeComplex(Re, Real());
  case Kind::Complex:
    return *this;
  default:
    return makeUnknown();
  }
}

std::string gortc::quoteGoString(llvm::StringRef S) {
  std::string Out = "\"";
  for (size_t I = 0; I < S.size();) {
    unsigned W;
    uint32_t R = decodeRune(S, I, W);
    if (R == 0xFFFD && W == 1) {
      char Buf[8];
      std::snprintf(Buf, sizeof Buf, "\\x%02x", uint8_t(S[I]));
      Out += Buf;
      I += 1;
      continue;
    }
    I += W;
    switch (R) {
    case '\a':
      Out += "\\a";
      continue;
    case '\b':
      Out += "\\b";
      continue;
    case '\f':
      Out += "\\f";
      continue;
    case '\n':
      Out += "\\n";
      continue;
    case '\r':
      Out += "\\r";
      continue;
    case '\t':
      Out += "\\t";
      continue;
    case '\v':
      Out += "\\v";
      continue;
    case '\\':
      Out += "\\\\";
      continue;
    case '"':
      Out += "\\\"";
      continue;
    default:
      break;
    }
    if (R < 0x20 || R == 0x7f) {
      char Buf[8];
      std::snprintf(Buf, sizeof Buf, "\\x%02x", R);
      Out += Buf;
    } else if (R >= 0x80 && R < 0xa0) {
      char Buf[12];
      std::snprintf(Buf, sizeof Buf, "\\u%04x", R);
      Out += Buf;
    } else {
      appendRune(Out, R);
    }
  }
  Out += "\"";
  return Out;
}

std::string ConstValue::toString() const {
  switch (K) {
  case Kind::Unknown:
    return "unknown";
  case Kind::Bool:
    return B ? "true" : "false";
  case Kind::String: {
    constexpr size_t MaxLen = 72;
    std::string Q = quoteGoString(S);
    // Count runes; shorten to MaxLen-3 runes plus "...".
    size_t Runes = 0;
    for (size_t I = 0; I < Q.size();) {
      unsigned W;
      decodeRune(Q, I, W);
      I += W;
      ++Runes;
    }
    if (Runes > MaxLen) {
      size_t I = 0;
      for (size_t N = 0; N < MaxLen - 3; ++N) {
        unsigned W;
        decodeRune(Q, I, W);
        I += W;
      }
      Q = Q.substr(0, I) + "...";
    }
    return Q;
  }
  case Kind::Int:
    return I.toString();
  case Kind::Float:
    return Re.toString();
  case Kind::Complex:
    return "(" + Re.toString() + " + " + Im.toString() + "i)";
  }
  return "?";
}

std::string ConstValue::toExactString() const {
  switch (K) {
  case Kind::Float:
    return Re.toExactString();
  case Kind::Complex:
    return "(" + Re.toExactString() + " + " + Im.toExactString() + "i)";
  default:
    return toString();
  }
}

void ConstValue::match(ConstValue &X, ConstValue &Y) {
  auto Rank = [](Kind K) {
    switch (K) {
    case Kind::Int:
      return 1;
    case Kind::Float:
      return 2;
    case Kind::Complex:
      return 3;
    default:
      return 0;
    }
  };
  int RX = Rank(X.K), RY = Rank(Y.K);
  if (RX == 0 || RY == 0 || RX == RY)
    return;
  ConstValue &Lo = RX < RY ? X : Y;
  Kind Target = RX < RY ? Y.K : X.K;
  Lo = Target == Kind::Float ? Lo.toFloat() : Lo.toComplex();
}

bool ConstValue::compare(const ConstValue &X0, Operator Op,
                         const ConstValue &Y0) {
  ConstValue X = X0, Y = Y0;
  match(X, Y);
  assert((X.K == Y.K || X.isUnknown() || Y.isUnknown()) &&
         "comparison of constants of different kinds");
  int C = 0;
  switch (X.K) {
  case Kind::Bool:
    switch (Op) {
    case Operator::Eql:
      return X.B == Y.B;
    case Operator::Neq:
      return X.B != Y.B;
    default:
      return false;
    }
  case Kind::String:
    C = X.S.compare(Y.S);
    C = C < 0 ? -1 : C > 0 ? 1 : 0;
    break;
  case Kind::Int:
    C = X.I.cmp(Y.I);
    break;
  case Kind::Float:
    C = X.Re.cmp(Y.Re);
    break;
  case Kind::Complex: {
    bool Eq = X.Re.cmp(Y.Re) == 0 && X.Im.cmp(Y.Im) == 0;
    return Op == Operator::Eql ? Eq : Op == Operator::Neq ? !Eq : false;
  }
  default:
    return false;
  }
  switch (Op) {
  case Operator::Eql:
    return C == 0;
  case Operator::Neq:
    return C != 0;
  case Operator::Lss:
    return C < 0;
  case Operator::Leq:
    return C <= 0;
  case Operator::Gtr:
    return C > 0;
  case Operator::Geq:
    return C >= 0;
  default:
    return false;
  }
}

ConstValue ConstValue::binaryOp(const ConstValue &X0, Operator Op,
                                const ConstValue &Y0, bool IntDiv) {
  ConstValue X = X0, Y = Y0;
  match(X, Y);
  // The checker folds only known operands of one kind class, and reports
  // division by zero before folding.
  assert(X.K == Y.K && !X.isUnknown() &&
         "binary operation on constants of different kinds");
  switch (X.K) {
  case Kind::Bool:
    if (Op == Operator::AndAnd)
      return makeBool(X.B && Y.B);
    if (Op == Operator::OrOr)
      return makeBool(X.B || Y.B);
    return makeUnknown();
  case Kind::String:
    if (Op == Operator::Add)
      return makeString(X.S + Y.S);
    return makeUnknown();
  case Kind::Int:
    switch (Op) {
    case Operator::Add:
      return makeInt(X.I + Y.I);
    case Operator::Sub:
      return makeInt(X.I - Y.I);
    case Operator::Mul:
      return makeInt(X.I * Y.I);
    case Operator::Div:
      if (IntDiv)
        return makeInt(X.I.quo(Y.I));
      return makeFloat(Real::fromRat(X.I, Y.I));
    case Operator::Rem:
      return makeInt(X.I.rem(Y.I));
    case Operator::And:
      return makeInt(X.I & Y.I);
    case Operator::Or:
      return makeInt(X.I | Y.I);
    case Operator::Xor:
      return makeInt(X.I ^ Y.I);
    case Operator::AndNot:
      return makeInt(X.I.andNot(Y.I));
    default:
      return makeUnknown();
    }
  case Kind::Float:
    switch (Op) {
    case Operator::Add:
      return makeFloat(X.Re + Y.Re);
    case Operator::Sub:
      return makeFloat(X.Re - Y.Re);
    case Operator::Mul:
      return makeFloat(X.Re * Y.Re);
    case Operator::Div:
      return makeFloat(X.Re / Y.Re);
    default:
      return makeUnknown();
    }
  case Kind::Complex: {
    const Real &A = X.Re, &B = X.Im, &C = Y.Re, &D = Y.Im;
    switch (Op) {
    case Operator::Add:
      return makeComplex(A + C, B + D);
    case Operator::Sub:
      return makeComplex(A - C, B - D);
    case Operator::Mul:
      return makeComplex(A * C - B * D, B * C + A * D);
    case Operator::Div: {
      Real S = C * C + D * D;
      return makeComplex((A * C + B * D) / S, (B * C - A * D) / S);
    }
    default:
      return makeUnknown();
    }
  }
  default:
    return makeUnknown();
  }
}

ConstValue ConstValue::unaryOp(Operator Op, const ConstValue &X,
                               unsigned Prec) {
  switch (Op) {
  case Operator::Add:
    return X;
  case Operator::Sub:
    switch (X.K) {
    case Kind::Int:
      return makeInt(-X.I);
    case Kind::Float:
      return makeFloat(-X.Re);
    case Kind::Complex:
      return makeComplex(-X.Re, -X.Im);
    default:
      return makeUnknown();
    }
  case Operator::Xor: {
    if (X.K != Kind::Int)
      return makeUnknown();
    BigInt Z = ~X.I;
    if (Prec > 0) {
      // For unsigned types, ^x is x xor (1<<prec - 1).
      BigInt Mask = BigInt(1).shl(Prec) - BigInt(1);
      Z = Z & Mask;
    }
    return makeInt(Z);
  }
  case Operator::Not:
    if (X.K != Kind::Bool)
      return makeUnknown();
    return makeBool(!X.B);
  default:
    return makeUnknown();
  }
}

ConstValue ConstValue::shift(const ConstValue &X, Operator Op, unsigned N) {
  if (X.K != Kind::Int)
    return makeUnknown();
  if (Op == Operator::Shl)
    return makeInt(X.I.shl(N));
  return makeInt(X.I.shr(N));
}
