//===- frontend/constant.h - Exact constant values --------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Values of Go constant expressions, computed exactly as go/constant does:
//
//   Bool, String   as themselves;
//   Int            an arbitrary-precision integer (BigInt over llvm::APInt,
//                  resized as results need; the checker rejects untyped
//                  integers above 512 bits as gc does);
//   Float          an exact rational (Rat) while numerator and denominator
//                  stay below 4096 bits, otherwise a binary floating-point
//                  number with a 512-bit mantissa (BigFloat) - go/constant's
//                  ratVal/floatVal split, with the same thresholds;
//   Complex        a pair of Int/Float values.
//
// Why APInt and hand-written rationals rather than APFloat or a bignum
// library: Go requires exact untyped arithmetic (1<<100 >> 98 == 4, 1.0/3*3
// == 1), which IEEE formats cannot give, and no big-number library is in
// Debian's dependency set we allow. APInt supplies exact integer arithmetic
// at any width; everything else here is small.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_FRONTEND_CONSTANT_H
#define GORTC_FRONTEND_CONSTANT_H

#include "frontend/tokens.h"

#include "llvm/ADT/APInt.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace gortc {

/// An exact integer of any size.
class BigInt {
public:
  BigInt() : V(64, 0) {}
  explicit BigInt(int64_t X) : V(64, uint64_t(X), true) {}
  static BigInt fromUint64(uint64_t X);
  /// Parses digits (no sign, no prefix, no underscores) in Base.
  static BigInt fromDigits(llvm::StringRef Digits, unsigned Base);

  int sign() const;
  bool isZero() const { return V.isZero(); }
  /// Bits needed for the magnitude (as big.Int.BitLen).
  unsigned bitLen() const;
  bool fitsInt64() const;
  bool fitsUint64() const;
  int64_t getInt64() const;   ///< valid if fitsInt64
  uint64_t getUint64() const; ///< valid if fitsUint64, or the low 64 bits
  /// The value truncated to its low N bits, as an APInt of width N.
  llvm::APInt truncTo(unsigned N) const;

  BigInt operator-() const;
  BigInt operator+(const BigInt &O) const;
  BigInt operator-(const BigInt &O) const;
  BigInt operator*(const BigInt &O) const;
  /// Truncated division and remainder (Go's / and %). O must be non-zero.
  BigInt quo(const BigInt &O) const;
  BigInt rem(const BigInt &O) const;
  BigInt operator&(const BigInt &O) const;
  BigInt operator|(const BigInt &O) const;
  BigInt operator^(const BigInt &O) const;
  BigInt andNot(const BigInt &O) const;
  BigInt operator~() const; ///< -x-1
  BigInt shl(unsigned N) const;
  BigInt shr(unsigned N) const; ///< arithmetic shift (rounds toward -inf)
  int cmp(const BigInt &O) const;
  bool operator==(const BigInt &O) const { return cmp(O) == 0; }
  BigInt abs() const { return sign() < 0 ? -*this : *this; }
  static BigInt gcd(BigInt A, BigInt B);

  std::string toString(unsigned Base = 10) const;
  double toDouble() const;
  const llvm::APInt &apint() const { return V; }
  static BigInt fromAPInt(const llvm::APInt &A, bool Signed);

private:
  explicit BigInt(llvm::APInt A) : V(std::move(A)) { shrink(); }
  void shrink();
  static void align(llvm::APInt &A, llvm::APInt &B, unsigned Extra);
  llvm::APInt V; ///< two's complement, width >= 64
};

/// An exact rational number or a 512-bit binary floating-point number.
class Real {
public:
  Real() : Num(0), Den(1) {}
  explicit Real(const BigInt &I) : Num(I), Den(1) {}
  static Real fromRat(BigInt Num, BigInt Den);
  static Real fromDouble(double D);
  /// Parses a Go float literal (decimal or hexadecimal, underscores removed).
  static std::optional<Real> fromLiteral(llvm::StringRef Lit);

  bool isExact() const { return !IsFloat; }
  int sign() const;
  bool isZero() const { return sign() == 0; }
  /// The binary exponent, about log2 |value| (in float form, exactly the E
  /// of |value| = 0.mant * 2^E); 0 for zero.
  int64_t binaryExponent() const;
  /// Whether the value is an integer.
  bool isInt() const;
  /// The integer part (truncated toward zero).
  BigInt trunc() const;

  Real operator-() const;
  Real operator+(const Real &O) const;
  Real operator-(const Real &O) const;
  Real operator*(const Real &O) const;
  Real operator/(const Real &O) const; ///< O must be non-zero
  int cmp(const Real &O) const;

  /// Rounds to the nearest float64 / float32 (ties to even). Sets Overflow
  /// when the magnitude rounds beyond the largest finite value.
  double toDouble(bool *Overflow = nullptr) const;
  float toFloat(bool *Overflow = nullptr) const;

  /// go/constant's String(): %.6g when in float64 range.
  std::string toString() const;
  /// The decimal expansion with up to Prec significant digits (exact form).
  std::string toExactString() const;

private:
  void normalize();
  static Real makeFloat(bool Neg, BigInt Mant, int64_t Exp);
  void toFloatForm(bool &Neg, BigInt &Mant, int64_t &Exp) const;
  /// Rounds to a binary float with MantBits of mantissa and the given
  /// exponent range; returns the double value.
  double roundTo(unsigned MantBits, int MinExp, int MaxExp,
                 bool *Overflow) const;

  // Exact form: Num/Den with Den > 0 and gcd 1.
  BigInt Num, Den;
  // Float form: (Neg ? -1 : 1) * Mant * 2^Exp, Mant normalized to 512 bits.
  bool IsFloat = false;
  bool FNeg = false;
  BigInt FMant;
  int64_t FExp = 0;
};

/// A constant value.
class ConstValue {
public:
  enum class Kind : uint8_t { Unknown, Bool, String, Int, Float, Complex };

  ConstValue() = default;
  static ConstValue makeBool(bool B);
  static ConstValue makeString(std::string S);
  static ConstValue makeInt(BigInt I);
  static ConstValue makeInt64(int64_t I) { return makeInt(BigInt(I)); }
  static ConstValue makeFloat(Real R);
  static ConstValue makeComplex(Real Re, Real Im);
  static ConstValue makeUnknown() { return ConstValue(); }

  /// Converts a literal token's text. Returns Unknown on malformed input.
  static ConstValue fromLiteral(LitKind K, llvm::StringRef Lit);

  Kind kind() const { return K; }
  bool isUnknown() const { return K == Kind::Unknown; }
  bool boolVal() const { return B; }
  const std::string &stringVal() const { return S; }
  const BigInt &intVal() const { return I; }
  /// Numeric values as a Real (Int and Float kinds).
  Real real() const;
  Real imag() const;

  /// Numeric kind conversions as go/constant ToInt/ToFloat/ToComplex; the
  /// result is Unknown if not possible (ToInt of a non-integral float).
  ConstValue toInt() const;
  ConstValue toFloat() const;
  ConstValue toComplex() const;

  /// go/constant's String(): short, human-readable (for messages).
  std::string toString() const;
  /// Exact form (for -emit diagnostics and tests).
  std::string toExactString() const;

  /// Go's constant comparison; both operands have the same kind class.
  static bool compare(const ConstValue &X, Operator Op, const ConstValue &Y);
  /// Binary arithmetic; for integer division pass IntDiv (Go's / on
  /// integer operands). Division by zero must be checked by the caller.
  static ConstValue binaryOp(const ConstValue &X, Operator Op,
                             const ConstValue &Y, bool IntDiv);
  /// Unary -, +, ^, !; Prec is the bit size for ^ on unsigned typed values
  /// (0 for signed/untyped).
  static ConstValue unaryOp(Operator Op, const ConstValue &X, unsigned Prec);
  static ConstValue shift(const ConstValue &X, Operator Op, unsigned N);

  /// Brings two numeric values to the larger of their kinds.
  static void match(ConstValue &X, ConstValue &Y);

private:
  Kind K = Kind::Unknown;
  bool B = false;
  std::string S;
  BigInt I;
  Real Re, Im;
};

/// Go's strconv.Quote of S (for messages).
std::string quoteGoString(llvm::StringRef S);
/// Decodes a string or rune literal's text into its value; returns false on
/// malformed input (already reported by the scanner).
bool unquoteGoLiteral(llvm::StringRef Lit, std::string &Out);

} // namespace gortc

#endif // GORTC_FRONTEND_CONSTANT_H
