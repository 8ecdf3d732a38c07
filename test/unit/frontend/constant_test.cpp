//===- test/unit/frontend/constant_test.cpp - Exact constants -------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#include "frontend/constant.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace gortc;

namespace {

ConstValue lit(LitKind K, const char *S) {
  return ConstValue::fromLiteral(K, S);
}

TEST(Constant, BigIntegers) {
  // 1 << 100 >> 98 == 4, exactly.
  ConstValue X =
      ConstValue::shift(ConstValue::makeInt64(1), Operator::Shl, 100);
  EXPECT_EQ(X.intVal().bitLen(), 101u);
  X = ConstValue::shift(X, Operator::Shr, 98);
  EXPECT_EQ(X.toString(), "4");
  ConstValue Big = lit(LitKind::Int, "123456789012345678901234567890");
  ConstValue Sq = ConstValue::binaryOp(Big, Operator::Mul, Big, true);
  EXPECT_EQ(Sq.toString(),
            "15241578753238836750495351562536198787501905199875019052100");
  EXPECT_EQ(ConstValue::binaryOp(Sq, Operator::Div, Big, true).toString(),
            Big.toString());
}

TEST(Constant, TruncatedDivision) {
  auto Div = [](int64_t A, int64_t B) {
    return ConstValue::binaryOp(ConstValue::makeInt64(A), Operator::Div,
                                ConstValue::makeInt64(B), true)
        .toString();
  };
  auto Rem = [](int64_t A, int64_t B) {
    return ConstValue::binaryOp(ConstValue::makeInt64(A), Operator::Rem,
                                ConstValue::makeInt64(B), true)
        .toString();
  };
  EXPECT_EQ(Div(-7, 2), "-3");
  EXPECT_EQ(Rem(-7, 2), "-1");
  EXPECT_EQ(Div(7, -2), "-3");
  EXPECT_EQ(Rem(7, -2), "1");
}

TEST(Constant, ExactRationals) {
  // 1.0/3*3 == 1 exactly.
  ConstValue One = lit(LitKind::Float, "1.0");
  ConstValue Three = ConstValue::makeInt64(3);
  ConstValue Third = ConstValue::binaryOp(One, Operator::Div, Three, false);
  ConstValue Back = ConstValue::binaryOp(Third, Operator::Mul, Three, false);
  EXPECT_TRUE(ConstValue::compare(Back, Operator::Eql, One));
  EXPECT_TRUE(Back.toInt().kind() == ConstValue::Kind::Int);
  EXPECT_EQ(Third.toString(), "0.333333");
}

TEST(Constant, FloatRounding) {
  ConstValue V = lit(LitKind::Float, "0.1");
  EXPECT_EQ(V.real().toDouble(), 0.1);
  EXPECT_EQ(V.real().toFloat(), 0.1f);
  EXPECT_EQ(lit(LitKind::Float, "0x1p-2").real().toDouble(), 0.25);
  EXPECT_EQ(lit(LitKind::Float, "1e308").real().toDouble(), 1e308);
  bool Ovf;
  lit(LitKind::Float, "1e309").real().toDouble(&Ovf);
  EXPECT_TRUE(Ovf);
  // The smallest subnormal and ties to even.
  EXPECT_EQ(lit(LitKind::Float, "4.9406564584124654e-324").real().toDouble(),
            4.9406564584124654e-324);
  EXPECT_EQ(lit(LitKind::Float, "9007199254740993").real().toDouble(),
            9007199254740992.0);
  // Huge exponents use the floating representation.
  ConstValue Huge = lit(LitKind::Float, "1e100000");
  EXPECT_FALSE(Huge.real().isExact());
  EXPECT_EQ(Huge.toString(), "1e+100000");
}

TEST(Constant, Strings) {
  EXPECT_EQ(lit(LitKind::String, "\"a\\tb\\u00e9\\x41\"").stringVal(),
            "a\tb\xc3\xa9"
            "A");
  EXPECT_EQ(lit(LitKind::String, "`a\\n`").stringVal(), "a\\n");
  EXPECT_EQ(lit(LitKind::Rune, "'\\377'").intVal().getInt64(), 255);
  EXPECT_EQ(lit(LitKind::Rune, "'日'").intVal().getInt64(), 0x65E5);
  EXPECT_EQ(quoteGoString("a\"b\n\x01"), "\"a\\\"b\\n\\x01\"");
}

TEST(Constant, Complex) {
  ConstValue I = lit(LitKind::Imag, "1i");
  ConstValue M = ConstValue::binaryOp(I, Operator::Mul, I, false);
  EXPECT_EQ(M.toString(), "(-1 + 0i)");
  EXPECT_EQ(lit(LitKind::Imag, "0123i").imag().toDouble(), 123.0);
}

TEST(Constant, UnsignedComplement) {
  ConstValue X =
      ConstValue::unaryOp(Operator::Xor, ConstValue::makeInt64(1), 8);
  EXPECT_EQ(X.toString(), "254");
  EXPECT_EQ(ConstValue::unaryOp(Operator::Xor, ConstValue::makeInt64(1), 0)
                .toString(),
            "-2");
}

} // namespace
