//===- runtime/sizeclasses.h - Allocation size classes ----------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// gc 1.19's size classes (runtime/sizeclasses.go): small objects (up to
// 32 KiB) are rounded up to one of 67 sizes; larger ones to whole 8 KiB
// pages. The table is gc's so that append's capacity growth, which rounds
// to these sizes, gives the same cap() values as gc.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_SIZECLASSES_H
#define GORT_RUNTIME_SIZECLASSES_H

#include <stdint.h>

namespace gort {

constexpr uint64_t MaxSmallSize = 32768;
constexpr uint64_t PageSize = 8192;
constexpr unsigned NumSizeClasses = 68;

/// gc: class_to_size.
constexpr uint16_t ClassToSize[NumSizeClasses] = {
    0,     8,     16,    24,    32,    48,    64,    80,    96,    112,
    128,   144,   160,   176,   192,   208,   224,   240,   256,   288,
    320,   352,   384,   416,   448,   480,   512,   576,   640,   704,
    768,   896,   1024,  1152,  1280,  1408,  1536,  1792,  2048,  2304,
    2688,  3072,  3200,  3456,  4096,  4864,  5376,  6144,  6528,  6784,
    6912,  8192,  9472,  9728,  10240, 10880, 12288, 13568, 14336, 16384,
    18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768};

/// The smallest size class that holds Size bytes (Size <= MaxSmallSize).
inline unsigned sizeToClass(uint64_t Size) {
  unsigned Lo = 1, Hi = NumSizeClasses - 1;
  while (Lo < Hi) {
    unsigned Mid = (Lo + Hi) / 2;
    if (ClassToSize[Mid] >= Size)
      Hi = Mid;
    else
      Lo = Mid + 1;
  }
  return Lo;
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
