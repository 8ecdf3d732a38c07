//===- runtime/sizeclasses.h - Allocation size classes ----------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// gc 1.19's size classes (runtime/sizeclasses.go): small objects (up to
// 32 KiB) are rounded up to one of 67 sizes; larger ones to whole 8 KiB
// pages. The tables are gc's, so that append's capacity growth, which rounds
// to these sizes, gives the same cap() values as gc, and so that every span
// of a class holds as many objects as gc's does.
//
//   ClassToSize        object size of each class (class 0: large objects)
//   ClassToAllocNPages pages of one span of the class (gc's mksizeclasses
//                      picked them to bound tail waste at 12.5%)
//   ClassToDivMagic    ceil(2^32 / size): (Off * magic) >> 32 == Off / size
//                      for every offset inside a span of the class, so an
//                      interior pointer finds its object without dividing
//   SizeToClass8/128   size -> class lookup in 8-byte steps up to 1 KiB,
//                      then in 128-byte steps up to 32 KiB (computed below
//                      from ClassToSize; static_asserted against gc's)
//
// See malloc.cpp for the allocator that uses them.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_SIZECLASSES_H
#define GORT_RUNTIME_SIZECLASSES_H

#include <stdint.h>

namespace gort {

constexpr uint64_t MaxSmallSize = 32768;
constexpr uint64_t SmallSizeDiv = 8;
constexpr uint64_t SmallSizeMax = 1024;
constexpr uint64_t LargeSizeDiv = 128;
constexpr unsigned NumSizeClasses = 68;
constexpr unsigned PageShift = 13;
constexpr uint64_t PageSize = uint64_t(1) << PageShift;
constexpr uint64_t PageMask = PageSize - 1;

/// gc: class_to_size.
constexpr uint16_t ClassToSize[NumSizeClasses] = {
    0,     8,     16,    24,    32,    48,    64,    80,    96,    112,
    128,   144,   160,   176,   192,   208,   224,   240,   256,   288,
    320,   352,   384,   416,   448,   480,   512,   576,   640,   704,
    768,   896,   1024,  1152,  1280,  1408,  1536,  1792,  2048,  2304,
    2688,  3072,  3200,  3456,  4096,  4864,  5376,  6144,  6528,  6784,
    6912,  8192,  9472,  9728,  10240, 10880, 12288, 13568, 14336, 16384,
    18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};

/// gc: class_to_allocnpages.
constexpr uint8_t ClassToAllocNPages[NumSizeClasses] = {
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 2, 1, 2, 1, 3, 2,  3, 1, 3,
    2, 3, 4, 5, 6, 1, 7, 6, 5, 4, 3, 5, 7, 2, 9, 7, 5, 8, 3, 10, 7, 4};

namespace detail {

template <unsigned N> struct ByteTable {
  uint8_t V[N];
  constexpr uint8_t operator[](uint64_t I) const { return V[I]; }
};
struct MagicTable {
  uint32_t V[NumSizeClasses];
  constexpr uint32_t operator[](uint64_t I) const { return V[I]; }
};

constexpr unsigned smallestClassFor(uint64_t Size) {
  unsigned C = 0;
  while (ClassToSize[C] < Size)
    C++;
  return C;
}

constexpr ByteTable<SmallSizeMax / SmallSizeDiv + 1> makeSizeToClass8() {
  ByteTable<SmallSizeMax / SmallSizeDiv + 1> T{};
  for (unsigned I = 0; I <= SmallSizeMax / SmallSizeDiv; I++)
    T.V[I] = uint8_t(smallestClassFor(I * SmallSizeDiv));
  return T;
}

constexpr ByteTable<(MaxSmallSize - SmallSizeMax) / LargeSizeDiv + 1>
makeSizeToClass128() {
  ByteTable<(MaxSmallSize - SmallSizeMax) / LargeSizeDiv + 1> T{};
  for (unsigned I = 0; I <= (MaxSmallSize - SmallSizeMax) / LargeSizeDiv; I++)
    T.V[I] = uint8_t(smallestClassFor(SmallSizeMax + I * LargeSizeDiv));
  return T;
}

constexpr MagicTable makeDivMagic() {
  MagicTable T{};
  for (unsigned C = 1; C < NumSizeClasses; C++)
    T.V[C] = ~uint32_t(0) / ClassToSize[C] + 1;
  return T;
}

} // namespace detail

/// gc: size_to_class8, indexed by ceil(Size / 8) for Size <= 1024.
inline constexpr auto SizeToClass8 = detail::makeSizeToClass8();
/// gc: size_to_class128, indexed by ceil((Size - 1024) / 128).
inline constexpr auto SizeToClass128 = detail::makeSizeToClass128();
/// gc: class_to_divmagic.
inline constexpr auto ClassToDivMagic = detail::makeDivMagic();

// Spot checks against gc 1.19's generated tables.
static_assert(SizeToClass8[0] == 0 && SizeToClass8[1] == 1 &&
              SizeToClass8[5] == 5 && SizeToClass8[6] == 5 &&
              SizeToClass8[33] == 19 && SizeToClass8[65] == 27 &&
              SizeToClass8[113] == 32 && SizeToClass8[128] == 32);
static_assert(SizeToClass128[0] == 32 && SizeToClass128[1] == 33 &&
              SizeToClass128[17] == 42 && SizeToClass128[46] == 50 &&
              SizeToClass128[47] == 51 && SizeToClass128[248] == 67);
static_assert(ClassToDivMagic[1] == ~uint32_t(0) / 8 + 1 &&
              ClassToDivMagic[67] == ~uint32_t(0) / 32768 + 1);

/// The size class for a small object of Size bytes, 0 < Size <=
/// MaxSmallSize (gc: the lookup at the top of mallocgc's small path).
__attribute__((always_inline)) inline unsigned sizeToClass(uint64_t Size) {
  if (Size <= SmallSizeMax - 8)
    return SizeToClass8[(Size + SmallSizeDiv - 1) / SmallSizeDiv];
  return SizeToClass128[(Size - SmallSizeMax + LargeSizeDiv - 1) /
                        LargeSizeDiv];
}

/// gc: roundupsize. The size mallocgc actually allocates for Size bytes.
inline uint64_t roundupsize(uint64_t Size) {
  if (Size < MaxSmallSize)
    return Size == 0 ? 0 : ClassToSize[sizeToClass(Size)];
  if (Size + PageSize < Size)
    return Size;
  return (Size + PageSize - 1) & ~(PageSize - 1);
}

} // namespace gort

#endif // GORT_RUNTIME_SIZECLASSES_H
