//===- test/unit/frontend/ast_walk_test.cpp - Generic tree walks ----------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// forEachChild and inspect (frontend/ast_nodes.def): a program with every
// node kind is walked completely -- every node the parser made and kept is
// reached, so no child field is missing from ast_nodes.def -- children come
// in source order, and inspect skips exactly the subtrees its callback
// declines. cloneTree (generic instances) copies every node once, keeps the
// tree's sharing, and leads branch targets into the copy.
//
//===----------------------------------------------------------------------===//

#include "check_program.h"
#include "frontend/parser.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <gtest/gtest.h>

#include <set>

using namespace gortc;
using namespace gortc::syntax;
using llvm::cast;
using llvm::isa;

namespace {

using Parsed = gortc::testing::ParsedProgram;

std::unique_ptr<Parsed> parse(llvm::StringRef Src) {
  return gortc::testing::parseProgram(Src);
}

/// Every kind of node but BadExpr (which only a syntax error makes).
const char *const EveryKind = R"(package p

import (
	"runtime"
	rt "runtime"
)

const (
	A, B = iota, 2
	C
)

type S struct {
	X, Y int `tag`
	*S
	runtime.Error
}

type I interface {
	M(a ...int) (r int)
	fmt()
}

type G[T any] []T

var (
	v  = map[string][2]chan<- int{"k": {}}
	fn = func() {}
)

func (s *S) M(a ...int) (r int) {
	var x interface{} = (s)
	switch y := x.(type) {
	case *S, nil:
		_ = y
	default:
	}
	switch {
	case r > 0:
		fallthrough
	default:
	}
	c := make(chan int, 1)
	select {
	case c <- 1:
	case <-c:
	default:
	}
	for i, e := range a[1:2:3] {
		if i < 0 {
			continue
		} else if e++; e > 0 {
			break
		} else {
			goto L
		}
	}
	for i := 0; i < 1; i++ {
	}
L:
	;
	defer rt.GC()
	go fn()
	r, _ = a[0], -r
	return x.(int)
}
)";

TEST(AstWalk, ReachesEveryNode) {
  auto P = parse(EveryKind);
  ASSERT_EQ(P->Errors, "");
  llvm::SmallPtrSet<Node *, 32> Seen;
  std::set<NodeKind> Kinds;
  unsigned Headers = 0;
  inspect(P->F, [&](Node *N) {
    Seen.insert(N);
    Kinds.insert(N->kind());
    if (auto *If = llvm::dyn_cast<IfStmt>(N))
      Headers += If->Cond != nullptr;
    if (auto *For = llvm::dyn_cast<ForStmt>(N))
      Headers += For->Cond != nullptr;
    if (auto *Sw = llvm::dyn_cast<SwitchStmt>(N))
      Headers += Sw->Tag != nullptr;
    return true;
  });
  // Nodes shared by several parents (a field list's Type) count once. The
  // parser parses an if, for or switch header's condition as a simple
  // statement and keeps only its expression (gc's header()): one ExprStmt
  // per condition is made and dropped.
  EXPECT_EQ(Seen.size() + Headers, P->Ctx.numNodes());
  for (unsigned K = 0; K < NumNodeKinds; ++K)
    if (NodeKind(K) != NodeKind::BadExpr)
      EXPECT_TRUE(Kinds.count(NodeKind(K))) << "no node of kind " << K;
}

TEST(AstWalk, ReachesBadExpr) {
  auto P = parse("package p\nvar x = )\n");
  EXPECT_NE(P->Errors, "");
  unsigned Bad = 0;
  inspect(P->F, [&](Node *N) {
    Bad += isa<BadExpr>(N);
    return true;
  });
  EXPECT_EQ(Bad, 1u);
}

/// The kinds of N's children, in order.
std::vector<NodeKind> childKinds(Node *N) {
  std::vector<NodeKind> Out;
  forEachChild(N, [&](Node *C) { Out.push_back(C->kind()); });
  return Out;
}

TEST(AstWalk, ChildrenInSourceOrder) {
  auto P = parse("package p\nfunc f() {\n\tif x := 1; x > 0 {\n\t} else {\n"
                 "\t}\n\t_ = s[i:j]\n}\n");
  ASSERT_EQ(P->Errors, "");
  auto *FD = cast<FuncDecl>(P->F->Decls[0]);
  EXPECT_EQ(childKinds(FD),
            (std::vector<NodeKind>{NodeKind::Name, NodeKind::FuncType,
                                   NodeKind::BlockStmt}));
  auto *If = cast<IfStmt>(FD->Body->List[0]);
  EXPECT_EQ(childKinds(If),
            (std::vector<NodeKind>{NodeKind::AssignStmt, NodeKind::Operation,
                                   NodeKind::BlockStmt, NodeKind::BlockStmt}));
  // s[i:j]: X, then the indices present (the missing max is skipped).
  auto *Slice = cast<SliceExpr>(cast<AssignStmt>(FD->Body->List[1])->Rhs);
  EXPECT_EQ(
      childKinds(Slice),
      (std::vector<NodeKind>{NodeKind::Name, NodeKind::Name, NodeKind::Name}));
}

TEST(AstWalk, InspectSkipsDeclinedSubtrees) {
  auto P = parse("package p\nfunc f() {\n\tg(func() { h(1) }, 2)\n}\n");
  ASSERT_EQ(P->Errors, "");
  unsigned Lits = 0, Calls = 0;
  inspect(P->F, [&](Node *N) {
    Calls += isa<CallExpr>(N);
    Lits += isa<BasicLit>(N);
    return !isa<FuncLit>(N);
  });
  EXPECT_EQ(Calls, 1u); // g(...), not h(1)
  EXPECT_EQ(Lits, 1u);  // 2, not 1
}

TEST(AstWalk, CloneCopiesEveryNodeOnce) {
  auto P = parse(EveryKind);
  ASSERT_EQ(P->Errors, "");
  llvm::BumpPtrAllocator A;
  // Original nodes, each with its number of parents.
  llvm::DenseMap<Node *, unsigned> Orig;
  inspect(P->F, [&](Node *N) { return Orig[N]++ == 0; });
  Node *C = cloneTree(static_cast<Node *>(P->F), A);
  llvm::DenseMap<Node *, unsigned> Copy;
  std::vector<BranchStmt *> Branches;
  inspect(C, [&](Node *N) {
    EXPECT_FALSE(Orig.count(N)) << "an original node in the copy";
    if (auto *B = llvm::dyn_cast<BranchStmt>(N); B && Copy[N] == 0)
      Branches.push_back(B);
    return Copy[N]++ == 0;
  });
  // As many nodes, and as many shared ones (a field list's one Type).
  EXPECT_EQ(Copy.size(), Orig.size());
  unsigned SharedOrig = 0, SharedCopy = 0;
  for (auto &[N, K] : Orig)
    SharedOrig += K > 1;
  for (auto &[N, K] : Copy)
    SharedCopy += K > 1;
  EXPECT_EQ(SharedCopy, SharedOrig);
  // continue, break and goto lead to statements of the copy.
  ASSERT_EQ(Branches.size(), 4u); // continue, break, goto, fallthrough
  for (BranchStmt *B : Branches)
    if (B->Target)
      EXPECT_TRUE(Copy.count(B->Target)) << "a branch into the original";
}

} // namespace
