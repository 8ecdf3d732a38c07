//===- test/unit/runtime/stkmap_test.cpp - The stack-map index ------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The index of compiled code's stack maps (runtime/stkmap.cpp): tables laid
// out in any order are found by the return addresses of their calls, with
// each call's slots and the function's objects; any other address (between
// calls, before the first function, a call that ends its function) finds
// the right table or none.
//
//===----------------------------------------------------------------------===//

#include "runtime/stkmap.h"

#include <gtest/gtest.h>

#include <string.h>

using namespace gort;

namespace {

/// Stand-ins for three functions' code: only their addresses matter.
alignas(16) uint8_t Code[3][256];

/// Appends a table for the function at Entry to Buf.
struct TableBuilder {
  alignas(8) uint8_t Buf[1024];
  size_t Len = 0;

  void add(const uint8_t *Entry,
           std::initializer_list<gort::abi::StackMapCall> Calls,
           std::initializer_list<gort::abi::StackMapObject> Objects,
           std::initializer_list<int32_t> Slots) {
    gort::abi::StackMapFunc H = {};
    uint8_t *At = Buf + Len;
    H.Func = int32_t(intptr_t(Entry) - intptr_t(At));
    H.NumCalls = uint16_t(Calls.size());
    H.NumObjects = uint16_t(Objects.size());
    H.NumSlots = uint16_t(Slots.size());
    H.SpanLo = -64;
    H.SpanHi = -8;
    put(&H, sizeof(H));
    for (const gort::abi::StackMapCall &C : Calls)
      put(&C, sizeof(C));
    for (const gort::abi::StackMapObject &O : Objects)
      put(&O, sizeof(O));
    for (int32_t S : Slots)
      put(&S, sizeof(S));
  }
  void put(const void *P, size_t N) {
    ASSERT_LE(Len + N, sizeof(Buf));
    memcpy(Buf + Len, P, N);
    Len += N;
  }
};

TEST(StackMaps, ReturnAddressesFindTheirCalls) {
  static TableBuilder T;
  // Out of address order, as nothing promises the linker keeps it.
  T.add(Code[2], {{16, 0, 1}}, {}, {-16});
  T.add(Code[0], {{8, 0, 2}, {40, 2, 0}, {256, 2, 1}}, {{-48, 24}},
        {-16, -24, -32});
  T.add(Code[1], {{100, 0, 0}}, {{-40, 8}, {-32, 16}}, {});
  initStackMaps(T.Buf, T.Buf + T.Len);

  FrameMap M;
  ASSERT_TRUE(findFrameMap(uintptr_t(Code[0]) + 8, M));
  ASSERT_EQ(M.Call->NumSlots, 2u);
  EXPECT_EQ(M.slots()[M.Call->FirstSlot], -16);
  EXPECT_EQ(M.slots()[M.Call->FirstSlot + 1], -24);
  ASSERT_EQ(M.Func->NumObjects, 1u);
  EXPECT_EQ(M.objects()[0].Off, -48);
  EXPECT_EQ(M.objects()[0].Size, 24u);

  ASSERT_TRUE(findFrameMap(uintptr_t(Code[0]) + 40, M));
  EXPECT_EQ(M.Call->NumSlots, 0u);

  // A call that never returns may end its function: its return address
  // is the next function's entry, and belongs to the function before.
  ASSERT_TRUE(findFrameMap(uintptr_t(Code[1]), M));
  EXPECT_EQ(M.Func, reinterpret_cast<const gort::abi::StackMapFunc *>(
                        T.Buf + sizeof(gort::abi::StackMapFunc) +
                        sizeof(gort::abi::StackMapCall) + sizeof(int32_t)));
  ASSERT_EQ(M.Call->NumSlots, 1u);
  EXPECT_EQ(M.slots()[M.Call->FirstSlot], -32);

  ASSERT_TRUE(findFrameMap(uintptr_t(Code[1]) + 100, M));
  ASSERT_EQ(M.Func->NumObjects, 2u);
  EXPECT_EQ(M.objects()[1].Off, -32);

  ASSERT_TRUE(findFrameMap(uintptr_t(Code[2]) + 16, M));
  EXPECT_EQ(M.slots()[M.Call->FirstSlot], -16);

  // Addresses that are no call's return address.
  EXPECT_FALSE(findFrameMap(uintptr_t(Code[0]) + 9, M));
  EXPECT_FALSE(findFrameMap(uintptr_t(Code[0]), M));
  EXPECT_FALSE(findFrameMap(uintptr_t(Code[1]) + 16, M));
  EXPECT_FALSE(findFrameMap(uintptr_t(Code[2]) + 200, M));
  EXPECT_FALSE(findFrameMap(uintptr_t(Code[0]) - 1, M));
  EXPECT_FALSE(findFrameMap(0, M));

  initStackMaps(nullptr, nullptr);
  EXPECT_FALSE(findFrameMap(uintptr_t(Code[0]) + 8, M));
}

} // namespace
