//===- runtime/inflate.cpp - zlib decompression for the debug sections ----===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The executable's DWARF is compressed with zlib (ELF SHF_COMPRESSED
// sections, as gc compresses its DWARF: tools/gortc/link.cpp), and the
// runtime reads it for tracebacks and runtime.Callers (traceback.cpp), so
// the runtime inflates a section the first time it needs it. This is a
// plain DEFLATE decoder (RFC 1951) inside zlib's framing (RFC 1950), in the
// manner of Mark Adler's puff.c: small and easy to check rather than fast.
//
// Algorithm:
//   1. zlib header: CMF and FLG, method 8 (deflate), no preset dictionary,
//      (CMF * 256 + FLG) a multiple of 31.
//   2. Blocks until the one marked final, each of three kinds:
//      stored (the bits up to the next byte are dropped; LEN, ~LEN, then
//      LEN bytes as they are); fixed Huffman codes (the code lengths RFC
//      1951 3.2.6 lists); dynamic Huffman codes (the literal/length and
//      distance code lengths, themselves Huffman-coded with a code-length
//      code sent first, with runs 16, 17 and 18).
//   3. A Huffman block's symbols: a literal byte (0..255), the block's end
//      (256), or a length (257..285, plus extra bits) followed by a
//      distance symbol (0..29, plus extra bits): copy that many bytes from
//      that far back in the output, overlapping allowed.
//   4. The Adler-32 of the output, big-endian, after the last block.
// Bits are read least significant first; Huffman codes are canonical and
// decoded one bit at a time against the count of codes of each length
// (decode): for each length, the codes of that length are the next Count
// values after the previous length's, shifted.
//
// Invariants: nothing is written outside Out[0, OutSize), nothing is read
// outside In[0, InSize); a stream that ends early, refers back beyond the
// output's start, has an incomplete or over-subscribed code, or decodes to
// another size fails instead.
//
// Entry point: Inflater::inflateZlib, from traceback.cpp's loadSelf under
// SymLock.
//
// Rejected: zstd (what LLD compresses .debug_frame with; its decoder is
// several times the size of this one); zlib's table-driven decoding
// (inflate_fast), which is much faster but much longer: the runtime
// inflates about 150 KB once, on a crash or the first runtime.Callers, in
// well under a millisecond per section even one bit at a time; leaving the
// sections the runtime reads uncompressed (hello with fmt: 82 KB more).
//
//===----------------------------------------------------------------------===//

#include "runtime/inflate.h"

namespace gort {

namespace {

constexpr uint16_t LengthBase[29] = {
    3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
    31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr uint8_t LengthExtra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1,
                                     1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
                                     4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr uint16_t DistBase[30] = {
    1,    2,    3,    4,    5,    7,    9,    13,    17,    25,
    33,   49,   65,   97,   129,  193,  257,  385,   513,   769,
    1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr uint8_t DistExtra[30] = {0, 0, 0,  0,  1,  1,  2,  2,  3,  3,
                                   4, 4, 5,  5,  6,  6,  7,  7,  8,  8,
                                   9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
/// The order in which a dynamic block sends the code-length code's lengths.
constexpr uint8_t CodeLengthOrder[19] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                         11, 4,  12, 3, 13, 2, 14, 1, 15};

/// Builds H from the code lengths of symbols 0..N-1 (0: no code). Returns 0
/// for a complete code, a positive number for an incomplete one (codes
/// left over) and a negative one for an over-subscribed one.
int buildCode(HuffmanCode &H, const uint8_t *Lengths, unsigned N) {
  for (unsigned L = 0; L < 16; L++)
    H.Count[L] = 0;
  for (unsigned S = 0; S < N; S++)
    H.Count[Lengths[S]]++;
  if (H.Count[0] == N)
    return 0; // no codes: decode fails on any input
  int Left = 1;
  for (unsigned L = 1; L < 16; L++) {
    Left <<= 1;
    Left -= H.Count[L];
    if (Left < 0)
      return Left;
  }
  uint16_t Offs[16];
  Offs[1] = 0;
  for (unsigned L = 1; L < 15; L++)
    Offs[L + 1] = uint16_t(Offs[L] + H.Count[L]);
  for (unsigned S = 0; S < N; S++)
    if (Lengths[S])
      H.Symbol[Offs[Lengths[S]]++] = uint16_t(S);
  return Left;
}

} // namespace

uint32_t Inflater::bits(unsigned N) { // N <= 16
  uint32_t V = BitBuf;
  while (BitCnt < N) {
    if (InPos == InSize) {
      Truncated = true;
      return 0;
    }
    V |= uint32_t(In[InPos++]) << BitCnt;
    BitCnt += 8;
  }
  BitBuf = V >> N;
  BitCnt -= N;
  return V & ((1u << N) - 1);
}

int Inflater::decode(const HuffmanCode &H) {
  int Code = 0, First = 0, Index = 0;
  for (unsigned L = 1; L < 16; L++) {
    Code |= int(bits(1));
    int Count = H.Count[L];
    if (Code - Count < First)
      return H.Symbol[Index + (Code - First)];
    Index += Count;
    First = (First + Count) << 1;
    Code <<= 1;
    if (Truncated)
      return -1;
  }
  return -1;
}

bool Inflater::stored() {
  BitBuf = 0; // a stored block starts at a byte boundary
  BitCnt = 0;
  if (InSize - InPos < 4)
    return false;
  uint32_t Len = In[InPos] | uint32_t(In[InPos + 1]) << 8;
  uint32_t NLen = In[InPos + 2] | uint32_t(In[InPos + 3]) << 8;
  InPos += 4;
  if (Len != (~NLen & 0xffff) || InSize - InPos < Len || OutSize - OutPos < Len)
    return false;
  for (uint32_t I = 0; I < Len; I++)
    Out[OutPos++] = In[InPos++];
  return true;
}

bool Inflater::codes() {
  for (;;) {
    int Sym = decode(Lit);
    if (Sym < 0 || Truncated)
      return false;
    if (Sym < 256) {
      if (OutPos == OutSize)
        return false;
      Out[OutPos++] = uint8_t(Sym);
      continue;
    }
    if (Sym == 256)
      return true;
    Sym -= 257;
    if (Sym >= 29)
      return false;
    uintptr_t Len = LengthBase[Sym] + bits(LengthExtra[Sym]);
    int D = decode(Dist);
    if (D < 0 || D >= 30)
      return false;
    uintptr_t Back = DistBase[D] + bits(DistExtra[D]);
    if (Truncated || Back > OutPos || OutSize - OutPos < Len)
      return false;
    // Byte by byte: the source may overlap what is being written.
    for (uintptr_t I = 0; I < Len; I++, OutPos++)
      Out[OutPos] = Out[OutPos - Back];
  }
}

bool Inflater::fixedBlock() {
  unsigned S = 0;
  for (; S < 144; S++)
    Lengths[S] = 8;
  for (; S < 256; S++)
    Lengths[S] = 9;
  for (; S < 280; S++)
    Lengths[S] = 7;
  for (; S < 288; S++)
    Lengths[S] = 8;
  buildCode(Lit, Lengths, 288);
  for (S = 0; S < 30; S++)
    Lengths[S] = 5;
  buildCode(Dist, Lengths, 30);
  return codes();
}

bool Inflater::dynamicBlock() {
  unsigned NLit = bits(5) + 257, NDist = bits(5) + 1, NCode = bits(4) + 4;
  if (NLit > 286 || NDist > 30 || Truncated)
    return false;
  // The code-length code, in Lit for now.
  for (unsigned I = 0; I < 19; I++)
    Lengths[CodeLengthOrder[I]] = I < NCode ? uint8_t(bits(3)) : 0;
  if (Truncated || buildCode(Lit, Lengths, 19) != 0)
    return false;
  unsigned N = 0;
  while (N < NLit + NDist) {
    int Sym = decode(Lit);
    if (Sym < 0)
      return false;
    if (Sym < 16) {
      Lengths[N++] = uint8_t(Sym);
      continue;
    }
    uint8_t Len = 0;
    unsigned Repeat;
    if (Sym == 16) {
      if (N == 0)
        return false;
      Len = Lengths[N - 1];
      Repeat = 3 + bits(2);
    } else if (Sym == 17) {
      Repeat = 3 + bits(3);
    } else {
      Repeat = 11 + bits(7);
    }
    if (Truncated || N + Repeat > NLit + NDist)
      return false;
    while (Repeat--)
      Lengths[N++] = Len;
  }
  if (Lengths[256] == 0)
    return false; // no end-of-block code
  // Incomplete codes are allowed only when they have a single code.
  int Err = buildCode(Lit, Lengths, NLit);
  if (Err < 0 || (Err > 0 && NLit - Lit.Count[0] != 1))
    return false;
  Err = buildCode(Dist, Lengths + NLit, NDist);
  if (Err < 0 || (Err > 0 && NDist - Dist.Count[0] != 1))
    return false;
  return codes();
}

bool Inflater::inflateZlib(const uint8_t *Src, uintptr_t SrcSize, uint8_t *Dst,
                           uintptr_t DstSize) {
  In = Src;
  InSize = SrcSize;
  InPos = 0;
  Out = Dst;
  OutSize = DstSize;
  OutPos = 0;
  BitBuf = 0;
  BitCnt = 0;
  Truncated = false;
  // Step 1.
  if (InSize < 6)
    return false;
  uint8_t CMF = In[0], FLG = In[1];
  if ((CMF & 0xf) != 8 || (CMF >> 4) > 7 || (FLG & 0x20) ||
      (uint32_t(CMF) << 8 | FLG) % 31 != 0)
    return false;
  InPos = 2;
  // Step 2.
  bool Last;
  do {
    Last = bits(1);
    uint32_t Type = bits(2);
    bool Ok = false;
    if (Truncated)
      return false;
    if (Type == 0)
      Ok = stored();
    else if (Type == 1)
      Ok = fixedBlock();
    else if (Type == 2)
      Ok = dynamicBlock();
    if (!Ok || Truncated)
      return false;
  } while (!Last);
  if (OutPos != OutSize || InSize - InPos < 4)
    return false;
  // Step 4, at the next byte boundary (bits() reads no whole byte ahead).
  uint32_t Want = uint32_t(In[InPos]) << 24 | uint32_t(In[InPos + 1]) << 16 |
                  uint32_t(In[InPos + 2]) << 8 | In[InPos + 3];
  // Sums reduced every 5552 bytes, the most that cannot overflow B (zlib's
  // NMAX).
  uint32_t A = 1, B = 0;
  for (uintptr_t I = 0; I < OutSize;) {
    uintptr_t End = OutSize - I > 5552 ? I + 5552 : OutSize;
    for (; I < End; I++) {
      A += Out[I];
      B += A;
    }
    A %= 65521;
    B %= 65521;
  }
  return (B << 16 | A) == Want;
}

} // namespace gort
