//===- test/unit/runtime/inflate_test.cpp - zlib decompression ------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The runtime's inflater against zlib's own compressor: stored, fixed and
// dynamic blocks, long and overlapping back-references, multi-block
// streams; and malformed input (truncated at every length, corrupted
// bytes, a wrong expected size or checksum) fails without reading or
// writing out of bounds.
//
//===----------------------------------------------------------------------===//

#include "runtime/inflate.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>
#include <zlib.h>

using namespace gort;

namespace {

Inflater TheInflater;

std::vector<uint8_t> compress(const std::vector<uint8_t> &Data, int Level,
                              int Strategy = Z_DEFAULT_STRATEGY) {
  z_stream S{};
  EXPECT_EQ(deflateInit2(&S, Level, Z_DEFLATED, 15, 8, Strategy), Z_OK);
  std::vector<uint8_t> Out(deflateBound(&S, uLong(Data.size())));
  S.next_in = const_cast<uint8_t *>(Data.data());
  S.avail_in = uInt(Data.size());
  S.next_out = Out.data();
  S.avail_out = uInt(Out.size());
  EXPECT_EQ(deflate(&S, Z_FINISH), Z_STREAM_END);
  Out.resize(S.total_out);
  deflateEnd(&S);
  return Out;
}

/// Inflates Z into a buffer of Size bytes with guard bytes either side.
bool inflate(const std::vector<uint8_t> &Z, size_t Size,
             std::vector<uint8_t> &Out) {
  std::vector<uint8_t> Buf(Size + 64, 0xa5);
  bool Ok = TheInflater.inflateZlib(Z.data(), Z.size(), Buf.data() + 32, Size);
  for (size_t I = 0; I < 32; I++) {
    EXPECT_EQ(Buf[I], 0xa5) << "written before the output";
    EXPECT_EQ(Buf[Buf.size() - 1 - I], 0xa5) << "written past the output";
  }
  Out.assign(Buf.begin() + 32, Buf.begin() + 32 + long(Size));
  return Ok;
}

std::vector<uint8_t> textLike(size_t N, unsigned Seed) {
  std::mt19937 R(Seed);
  const char *Words[] = {"goroutine", "main.main", "/src/fmt/print.go",
                         "0x1d",      "+",         "\n\t",
                         "runtime",   "panic: ",   "(*pp).doPrintln"};
  std::vector<uint8_t> V;
  while (V.size() < N) {
    std::string W = Words[R() % 9];
    V.insert(V.end(), W.begin(), W.end());
  }
  V.resize(N);
  return V;
}

std::vector<uint8_t> randomBytes(size_t N, unsigned Seed) {
  std::mt19937 R(Seed);
  std::vector<uint8_t> V(N);
  for (uint8_t &B : V)
    B = uint8_t(R());
  return V;
}

TEST(Inflate, RoundTripsZlibAtEveryLevelAndStrategy) {
  std::vector<std::vector<uint8_t>> Inputs = {
      {},
      {'a'},
      textLike(100, 1),
      textLike(70000, 2), // several blocks, distances up to 32 KB
      randomBytes(5000, 3),
      std::vector<uint8_t>(100000, 'x'), // overlapping copies of distance 1
      randomBytes(200000, 4)};
  for (const auto &In : Inputs)
    for (int Level : {0, 1, 6, 9})
      for (int Strategy :
           {Z_DEFAULT_STRATEGY, Z_FIXED, Z_HUFFMAN_ONLY, Z_RLE}) {
        std::vector<uint8_t> Z = compress(In, Level, Strategy), Out;
        ASSERT_TRUE(inflate(Z, In.size(), Out))
            << "size " << In.size() << " level " << Level << " strategy "
            << Strategy;
        ASSERT_EQ(Out, In);
      }
}

TEST(Inflate, RejectsTruncatedStreams) {
  std::vector<uint8_t> In = textLike(3000, 5), Out;
  std::vector<uint8_t> Z = compress(In, 6);
  for (size_t N = 0; N < Z.size(); N++) {
    std::vector<uint8_t> Cut(Z.begin(), Z.begin() + long(N));
    EXPECT_FALSE(inflate(Cut, In.size(), Out)) << "cut at " << N;
  }
}

TEST(Inflate, RejectsAWrongSizeOrChecksum) {
  std::vector<uint8_t> In = textLike(3000, 6), Out;
  std::vector<uint8_t> Z = compress(In, 6);
  EXPECT_FALSE(inflate(Z, In.size() - 1, Out));
  EXPECT_FALSE(inflate(Z, In.size() + 1, Out));
  Z.back() ^= 1;
  EXPECT_FALSE(inflate(Z, In.size(), Out));
}

TEST(Inflate, SurvivesCorruptedStreams) {
  // Any outcome but a crash or a write out of bounds; a corruption that
  // changes the output fails the checksum.
  std::mt19937 R(7);
  for (int Level : {1, 9}) {
    std::vector<uint8_t> In = textLike(20000, unsigned(Level)), Out;
    std::vector<uint8_t> Z = compress(In, Level);
    for (int I = 0; I < 2000; I++) {
      std::vector<uint8_t> Bad = Z;
      for (int J = 0, N = 1 + int(R() % 4); J < N; J++)
        Bad[R() % Bad.size()] ^= uint8_t(1 + R() % 255);
      if (inflate(Bad, In.size(), Out))
        EXPECT_EQ(Out, In);
    }
  }
}

} // namespace
