//===- runtime/inflate.h - zlib decompression -------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See inflate.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_INFLATE_H
#define GORT_RUNTIME_INFLATE_H

#include <stdint.h>

namespace gort {

/// A canonical Huffman code: how many codes each length has, and the
/// symbols in code order (RFC 1951 3.2.2).
struct HuffmanCode {
  uint16_t Count[16];
  uint16_t Symbol[288];
};

/// Decompresses zlib streams (RFC 1950 around RFC 1951's DEFLATE). Its
/// tables (1.9 KB) do not belong on a goroutine stack: keep one in static
/// storage, and use it from one thread at a time.
class Inflater {
public:
  /// Decompresses the zlib stream In[0, InSize) into Out, which must come
  /// out exactly OutSize bytes long. False, with Out partly written, if the
  /// stream is malformed, truncated, of another size, or fails its
  /// Adler-32 check.
  bool inflateZlib(const uint8_t *In, uintptr_t InSize, uint8_t *Out,
                   uintptr_t OutSize);

private:
  uint32_t bits(unsigned N);
  int decode(const HuffmanCode &H);
  bool stored();
  bool codes();
  bool fixedBlock();
  bool dynamicBlock();

  const uint8_t *In;
  uintptr_t InSize, InPos;
  uint8_t *Out;
  uintptr_t OutSize, OutPos;
  uint32_t BitBuf;
  unsigned BitCnt;
  bool Truncated;
  HuffmanCode Lit, Dist;
  uint8_t Lengths[320];
};

} // namespace gort

#endif // GORT_RUNTIME_INFLATE_H
