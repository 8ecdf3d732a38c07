//===- runtime/heapsort.h - Sorting without allocation ----------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// An in-place heapsort, for the tables the runtime sorts once (the
// collector's root table and the stack maps at start-up, reflect's
// typelinks at first use): no allocation, no recursion, O(n log n)
// whatever the input's order.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_RUNTIME_HEAPSORT_H
#define GORT_RUNTIME_HEAPSORT_H

#include <stdint.h>

namespace gort {

/// Sorts V[0, N) so that Less(V[I], V[I+1]) or neither is less.
template <class T, class LessFn> void heapSort(T *V, uintptr_t N, LessFn Less) {
  auto SiftDown = [&](uintptr_t Root, uintptr_t Len) {
    for (;;) {
      uintptr_t Child = 2 * Root + 1;
      if (Child >= Len)
        return;
      if (Child + 1 < Len && Less(V[Child], V[Child + 1]))
        Child++;
      if (!Less(V[Root], V[Child]))
        return;
      T Tmp = V[Root];
      V[Root] = V[Child];
      V[Child] = Tmp;
      Root = Child;
    }
  };
  for (uintptr_t I = N / 2; I-- > 0;)
    SiftDown(I, N);
  for (uintptr_t Len = N; Len > 1; Len--) {
    T Tmp = V[0];
    V[0] = V[Len - 1];
    V[Len - 1] = Tmp;
    SiftDown(0, Len - 1);
  }
}

} // namespace gort

#endif // GORT_RUNTIME_HEAPSORT_H
