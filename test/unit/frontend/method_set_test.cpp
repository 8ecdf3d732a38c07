//===- test/unit/frontend/method_set_test.cpp - Method sets and lookup ----===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Method sets (value vs pointer receivers, promotion through embedded values,
// pointers and interfaces, shadowing by depth, ambiguity at equal depth),
// field and method lookup paths, and interface satisfaction.
//
//===----------------------------------------------------------------------===//

#include "check_program.h"

#include <gtest/gtest.h>

using namespace gortc;
using namespace gortc::types;
using gortc::testing::CheckedProgram;
using gortc::testing::checkProgram;

namespace {

const char *const Program = R"(package main

type In struct{ f int }

func (In) V()  {}
func (*In) P() {}
func (In) M()  {}

type Mid struct{ In }

func (Mid) M() {} // shadows In.M

type Outer struct{ Mid }

type PtrOuter struct{ *Mid }

type A struct{}
type B struct{}

func (A) X()     {}
func (B) X()     {}
func (A) OnlyA() {}

type Amb struct {
	A
	B
}

type Shallow struct {
	Amb
	X int // shallower than A.X and B.X
}

type I interface {
	V()
	M()
}

type J interface {
	I
	N()
}

type WithJ struct{ J }

type Named int

func (Named) Z()  {}
func (*Named) Y() {}

func main() {}
)";

struct MethodSets : ::testing::Test {
  void SetUp() override {
    C = checkProgram(Program);
    ASSERT_EQ(C->Errors, "");
  }
  /// The method names of T's method set, in order, with "*" marking those
  /// reached through a pointer indirection.
  std::string names(Type *T) {
    std::string S;
    for (const MethodSetEntry &E : methodSet(C->TCtx, T)) {
      if (!S.empty())
        S += " ";
      S += E.Method->name().str();
    }
    return S;
  }
  std::string names(const char *Name) { return names(C->type(Name)); }
  std::string ptrNames(const char *Name) {
    return names(C->TCtx.make<Pointer>(C->type(Name)));
  }
  /// Looks Name up in the named type (or a pointer to it); returns the
  /// embedding path as "i.j.k", or "ambiguous" / "none".
  std::string path(const char *TypeName, const char *Name, bool Ptr = false,
                   bool Addressable = false) {
    Type *T = C->type(TypeName);
    if (Ptr)
      T = C->TCtx.make<Pointer>(T);
    llvm::SmallVector<int, 4> Index;
    bool Indirect = false;
    Object *Obj = lookupFieldOrMethod(C->TCtx, T, Addressable, C->I.Pkg, Name,
                                      Index, Indirect);
    if (!Obj)
      return Index.empty() ? (Indirect ? "needs pointer" : "none")
                           : "ambiguous";
    std::string S;
    for (int I : Index)
      S += (S.empty() ? "" : ".") + std::to_string(I);
    return S + (Indirect ? " indirect" : "");
  }
  std::unique_ptr<CheckedProgram> C;
};

TEST_F(MethodSets, ValueAndPointerReceivers) {
  EXPECT_EQ(names("In"), "M V");
  EXPECT_EQ(ptrNames("In"), "M P V");
  EXPECT_EQ(names("Named"), "Z");
  EXPECT_EQ(ptrNames("Named"), "Y Z");
  // A pointer to a pointer has no methods.
  EXPECT_EQ(names(C->TCtx.make<Pointer>(C->TCtx.make<Pointer>(C->type("In")))),
            "");
}

TEST_F(MethodSets, PromotionThroughEmbedding) {
  // Through an embedded value, only value methods are promoted to the
  // struct's own method set; its pointer also gets the pointer methods.
  EXPECT_EQ(names("Outer"), "M V");
  EXPECT_EQ(ptrNames("Outer"), "M P V");
  // Through an embedded pointer, all of them.
  EXPECT_EQ(names("PtrOuter"), "M P V");
  // Mid.M (depth 1) shadows In.M (depth 2).
  auto Set = methodSet(C->TCtx, C->type("Outer"));
  ASSERT_EQ(Set.size(), 2u);
  EXPECT_EQ(Set[0].Method->name(), "M");
  EXPECT_EQ(Set[0].Index.size(), 2u); // Outer.Mid, then Mid's method
  EXPECT_EQ(Set[1].Method->name(), "V");
  EXPECT_EQ(Set[1].Index.size(), 3u); // Outer.Mid.In, then In's method
}

TEST_F(MethodSets, AmbiguityAtEqualDepth) {
  // A.X and B.X are at the same depth: neither is promoted.
  EXPECT_EQ(names("Amb"), "OnlyA");
  EXPECT_EQ(path("Amb", "X"), "ambiguous");
  EXPECT_EQ(path("Amb", "OnlyA"), "0.1");
  // A field at a shallower depth wins over the ambiguous methods.
  EXPECT_EQ(path("Shallow", "X"), "1");
  EXPECT_EQ(names("Shallow"), "OnlyA");
}

TEST_F(MethodSets, EmbeddedInterfaces) {
  completeInterface(C->TCtx, llvm::cast<Interface>(C->type("J")->underlying()));
  EXPECT_EQ(names("J"), "M N V");
  // A struct embedding an interface gets its methods, for values too.
  EXPECT_EQ(names("WithJ"), "M N V");
  EXPECT_EQ(path("WithJ", "N"), "0.1");
}

TEST_F(MethodSets, FieldAndMethodLookup) {
  EXPECT_EQ(path("Outer", "f"), "0.0.0"); // promoted field
  EXPECT_EQ(path("Outer", "V"), "0.0.0"); // In's first method
  EXPECT_EQ(path("PtrOuter", "V"), "0.0.0 indirect");
  EXPECT_EQ(path("Outer", "P"), "needs pointer"); // not addressable
  EXPECT_EQ(path("Outer", "P", /*Ptr=*/false, /*Addressable=*/true),
            "0.0.1"); // In's second method
  EXPECT_EQ(path("Outer", "P", /*Ptr=*/true), "0.0.1 indirect");
  EXPECT_EQ(path("Outer", "nope"), "none");
}

TEST_F(MethodSets, Implements) {
  auto *IT = llvm::cast<Interface>(C->type("I")->underlying());
  auto *JT = llvm::cast<Interface>(C->type("J")->underlying());
  Func *Missing = nullptr, *Wrong = nullptr;
  bool PtrRecv = false;
  EXPECT_TRUE(
      implements(C->TCtx, C->type("In"), IT, &Missing, &Wrong, &PtrRecv));
  EXPECT_TRUE(
      implements(C->TCtx, C->type("Outer"), IT, nullptr, nullptr, nullptr));
  EXPECT_TRUE(
      implements(C->TCtx, C->type("WithJ"), JT, nullptr, nullptr, nullptr));
  EXPECT_TRUE(implements(C->TCtx, C->type("J"), IT, nullptr, nullptr, nullptr));
  EXPECT_FALSE(
      implements(C->TCtx, C->type("I"), JT, &Missing, &Wrong, &PtrRecv));
  ASSERT_TRUE(Missing);
  EXPECT_EQ(Missing->name(), "N");
  EXPECT_EQ(Wrong, nullptr);
  EXPECT_FALSE(
      implements(C->TCtx, C->type("Named"), IT, &Missing, &Wrong, &PtrRecv));
  EXPECT_EQ(Missing->name(), "M");
}

TEST(MethodSetErrors, Messages) {
  auto C = checkProgram(R"(package main
type I interface{ M(); N(int) }
type P struct{}
func (*P) M()    {}
func (*P) N(int) {}
type W struct{}
func (W) M()  {}
func (W) N()  {}
type L struct{}
func (L) m()    {}
func (L) N(int) {}
type A struct{}
type B struct{}
func (A) X() {}
func (B) X() {}
type Amb struct{ A; B }
func main() {
	var _ I = P{}
	var _ I = W{}
	var _ I = L{}
	var a Amb
	a.X()
	P{}.M()
}
)");
  EXPECT_EQ(C->messages(),
            "cannot use P{} (value of type P) as type I in variable "
            "declaration:\n\tP does not implement I (M method has pointer "
            "receiver)\n"
            "cannot use W{} (value of type W) as type I in variable "
            "declaration:\n\tW does not implement I (wrong type for N "
            "method)\n\t\thave N()\n\t\twant N(int)\n"
            "cannot use L{} (value of type L) as type I in variable "
            "declaration:\n\tL does not implement I (missing M method)\n"
            "\t\thave m()\n\t\twant M()\n"
            "ambiguous selector a.X\n"
            "cannot call pointer method M on P");
}

} // namespace
