//===- frontend/ast.cpp - Go syntax tree helpers --------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//

#include "frontend/ast.h"

#include "llvm/ADT/DenseMap.h"

using namespace gortc;
using namespace gortc::syntax;
using llvm::cast;
using llvm::dyn_cast;

// Each kind lies in the range of its class and outside the others.
#define GORTC_IN(Class, Kind)                                                  \
  (NodeKind::Kind >= NodeKind::First##Class &&                                 \
   NodeKind::Kind <= NodeKind::Last##Class)
#define GORTC_EXPR(Kind, Children)                                             \
  static_assert(GORTC_IN(Expr, Kind), #Kind " is outside Expr's range");
#define GORTC_STMT(Kind, Children)                                             \
  static_assert(GORTC_IN(Stmt, Kind), #Kind " is outside Stmt's range");
#define GORTC_DECL(Kind, Children)                                             \
  static_assert(GORTC_IN(Decl, Kind), #Kind " is outside Decl's range");
#define GORTC_NODE(Kind, Children)                                             \
  static_assert(                                                               \
      !GORTC_IN(Expr, Kind) && !GORTC_IN(Stmt, Kind) && !GORTC_IN(Decl, Kind), \
      #Kind " is inside the range of a class it does not belong to");
#include "frontend/ast_nodes.def"
#undef GORTC_IN

void syntax::forEachChild(Node *N, llvm::function_ref<void(Node *)> F) {
  assert(N && "forEachChild of a null node");
  switch (N->kind()) {
#define GORTC_CHILD(Field)                                                     \
  if (X->Field)                                                                \
    F(X->Field);
#define GORTC_CHILDREN(Field)                                                  \
  for (Node * C : X->Field)                                                    \
    if (C)                                                                     \
      F(C);
#define GORTC_NODE(Kind, Children)                                             \
  case NodeKind::Kind: {                                                       \
    [[maybe_unused]] auto *X = cast<Kind>(N);                                  \
    Children return;                                                           \
  }
#include "frontend/ast_nodes.def"
  }
  llvm_unreachable("node kind missing from ast_nodes.def");
}

void syntax::inspect(Node *N, llvm::function_ref<bool(Node *)> F) {
  if (F(N))
    forEachChild(N, [F](Node *C) { inspect(C, F); });
}

namespace {
/// cloneTree's state: the copy of each node copied so far.
struct Cloner {
  explicit Cloner(llvm::BumpPtrAllocator &A) : A(A) {}
  llvm::BumpPtrAllocator &A;
  llvm::DenseMap<Node *, Node *> Done;

  template <typename T> T *child(T *N) {
    return N ? cast<T>(copy(static_cast<Node *>(N))) : nullptr;
  }
  template <typename T> void children(llvm::ArrayRef<T *> &L) {
    if (L.empty())
      return;
    T **Mem = A.Allocate<T *>(L.size());
    for (size_t I = 0; I < L.size(); ++I)
      Mem[I] = child(L[I]);
    L = llvm::ArrayRef<T *>(Mem, L.size());
  }
  template <typename T, size_t N> void children(T *(&L)[N]) {
    for (T *&E : L)
      E = child(E);
  }
  /// Clears what the checker writes into the copy C.
  static void reset(Node *C) {
    if (auto *E = dyn_cast<Expr>(C))
      E->TV = TypeAndValue();
    if (auto *N = dyn_cast<Name>(C))
      N->Obj = nullptr;
    else if (auto *S = dyn_cast<SelectorExpr>(C))
      S->Selection = nullptr;
    else if (auto *F = dyn_cast<FuncLit>(C)) {
      F->Captures = {};
      F->Outer = nullptr;
      F->OuterLit = nullptr;
      F->Index = F->NumLits = 0;
    } else if (auto *CC = dyn_cast<CaseClause>(C))
      CC->Implicit = nullptr;
  }
  Node *copy(Node *N) {
    if (Node *C = Done.lookup(N))
      return C;
    Node *C = nullptr;
    switch (N->kind()) {
#define GORTC_CHILD(Field) X->Field = child(X->Field);
#define GORTC_CHILDREN(Field) children(X->Field);
#define GORTC_NODE(Kind, Children)                                             \
  case NodeKind::Kind: {                                                       \
    auto *X = new (A.Allocate<Kind>()) Kind(*cast<Kind>(N));                   \
    C = X;                                                                     \
    Done[N] = C;                                                               \
    Children break;                                                            \
  }
#include "frontend/ast_nodes.def"
    }
    reset(C);
    return C;
  }
};
} // namespace

Node *syntax::cloneTree(Node *N, llvm::BumpPtrAllocator &A) {
  Cloner Cl(A);
  Node *C = Cl.copy(N);
  // Branch targets (set by the parser's checkBranches) lead into the copy.
  for (auto &[From, To] : Cl.Done)
    if (auto *B = dyn_cast<BranchStmt>(To); B && B->Target)
      if (Node *T = Cl.Done.lookup(B->Target))
        B->Target = cast<Stmt>(T);
  return C;
}

Pos syntax::startPos(const Node *N) {
  for (;;) {
    switch (N->kind()) {
    case NodeKind::CompositeLit:
      if (auto *T = cast<CompositeLit>(N)->Type) {
        N = T;
        continue;
      }
      return N->pos();
    case NodeKind::SelectorExpr:
      N = cast<SelectorExpr>(N)->X;
      continue;
    case NodeKind::IndexExpr:
      N = cast<IndexExpr>(N)->X;
      continue;
    case NodeKind::AssertExpr:
      N = cast<AssertExpr>(N)->X;
      continue;
    case NodeKind::TypeSwitchGuard: {
      auto *G = cast<TypeSwitchGuard>(N);
      N = G->Lhs ? static_cast<const Node *>(G->Lhs) : G->X;
      continue;
    }
    case NodeKind::Operation: {
      auto *O = cast<Operation>(N);
      if (O->Y) {
        N = O->X;
        continue;
      }
      return N->pos();
    }
    case NodeKind::CallExpr:
      N = cast<CallExpr>(N)->Fun;
      continue;
    case NodeKind::ListExpr: {
      auto *L = cast<ListExpr>(N);
      if (!L->Elems.empty()) {
        N = L->Elems[0];
        continue;
      }
      return N->pos();
    }
    case NodeKind::SendStmt:
      N = cast<SendStmt>(N)->Chan;
      continue;
    case NodeKind::AssignStmt:
      N = cast<AssignStmt>(N)->Lhs;
      continue;
    case NodeKind::RangeClause: {
      auto *R = cast<RangeClause>(N);
      N = R->Lhs ? R->Lhs : R->X;
      continue;
    }
    default:
      return N->pos();
    }
  }
}

Expr *syntax::unparen(Expr *X) {
  while (auto *P = dyn_cast<ParenExpr>(X))
    X = P->X;
  return X;
}

Expr *syntax::receiverType(Field *Recv) {
  Expr *T = unparen(Recv->Type);
  if (auto *O = dyn_cast<Operation>(T); O && O->Op == Operator::Mul && !O->Y)
    T = unparen(O->X);
  return T;
}

namespace {
/// Prints expressions in gc's syntax.String ShortForm: function bodies and
/// composite literal elements become "…".
class Printer {
public:
  std::string Out;

  void print(const Node *N) {
    if (!N)
      return;
    switch (N->kind()) {
    case NodeKind::BadExpr:
      Out += "<bad expr>";
      return;
    case NodeKind::Name:
      Out += cast<Name>(N)->Value;
      return;
    case NodeKind::BasicLit:
      Out += cast<BasicLit>(N)->Value;
      return;
    case NodeKind::FuncLit: {
      auto *F = cast<FuncLit>(N);
      print(F->Type);
      Out += " ";
      if (F->Body) {
        Out += "{";
        if (!F->Body->List.empty())
          Out += "…";
        Out += "}";
      }
      return;
    }
    case NodeKind::CompositeLit: {
      auto *C = cast<CompositeLit>(N);
      print(C->Type);
      Out += "{";
      if (!C->Elems.empty())
        Out += "…";
      Out += "}";
      return;
    }
    case NodeKind::ParenExpr:
      Out += "(";
      print(cast<ParenExpr>(N)->X);
      Out += ")";
      return;
    case NodeKind::SelectorExpr:
      print(cast<SelectorExpr>(N)->X);
      Out += ".";
      print(cast<SelectorExpr>(N)->Sel);
      return;
    case NodeKind::IndexExpr:
      print(cast<IndexExpr>(N)->X);
      Out += "[";
      print(cast<IndexExpr>(N)->Index);
      Out += "]";
      return;
    case NodeKind::SliceExpr: {
      auto *S = cast<SliceExpr>(N);
      print(S->X);
      Out += "[";
      print(S->Index[0]);
      Out += ":";
      print(S->Index[1]);
      if (S->Index[2]) {
        Out += ":";
        print(S->Index[2]);
      }
      Out += "]";
      return;
    }
    case NodeKind::AssertExpr:
      print(cast<AssertExpr>(N)->X);
      Out += ".(";
      print(cast<AssertExpr>(N)->Type);
      Out += ")";
      return;
    case NodeKind::TypeSwitchGuard: {
      auto *G = cast<TypeSwitchGuard>(N);
      if (G->Lhs) {
        print(G->Lhs);
        Out += " := ";
      }
      print(G->X);
      Out += ".(type)";
      return;
    }
    case NodeKind::CallExpr: {
      auto *C = cast<CallExpr>(N);
      print(C->Fun);
      Out += "(";
      printList(C->Args);
      if (C->HasDots)
        Out += "...";
      Out += ")";
      return;
    }
    case NodeKind::Operation: {
      auto *O = cast<Operation>(N);
      if (!O->Y) {
        Out += operatorString(O->Op);
        print(O->X);
      } else {
        print(O->X);
        Out += " ";
        Out += operatorString(O->Op);
        Out += " ";
        print(O->Y);
      }
      return;
    }
    case NodeKind::KeyValueExpr:
      print(cast<KeyValueExpr>(N)->Key);
      Out += ": ";
      print(cast<KeyValueExpr>(N)->Value);
      return;
    case NodeKind::ListExpr:
      printList(cast<ListExpr>(N)->Elems);
      return;
    case NodeKind::ArrayType: {
      auto *A = cast<ArrayType>(N);
      Out += "[";
      if (A->Len)
        print(A->Len);
      else
        Out += "...";
      Out += "]";
      print(A->Elem);
      return;
    }
    case NodeKind::SliceType:
      Out += "[]";
      print(cast<SliceType>(N)->Elem);
      return;
    case NodeKind::DotsType:
      Out += "...";
      print(cast<DotsType>(N)->Elem);
      return;
    case NodeKind::StructType: {
      auto *S = cast<StructType>(N);
      Out += "struct{";
      printFields(S->Fields, "; ", S->Tags);
      Out += "}";
      return;
    }
    case NodeKind::FuncType:
      Out += "func";
      printSignature(cast<FuncType>(N));
      return;
    case NodeKind::InterfaceType: {
      auto *I = cast<InterfaceType>(N);
      Out += "interface{";
      bool First = true;
      for (Field *F : I->Methods) {
        if (!First)
          Out += "; ";
        First = false;
        if (F->N) {
          print(F->N);
          printSignature(cast<FuncType>(F->Type));
        } else {
          print(F->Type);
        }
      }
      Out += "}";
      return;
    }
    case NodeKind::MapType:
      Out += "map[";
      print(cast<MapType>(N)->Key);
      Out += "]";
      print(cast<MapType>(N)->Value);
      return;
    case NodeKind::ChanType: {
      auto *C = cast<ChanType>(N);
      if (C->Dir == ChanDir::RecvOnly)
        Out += "<-";
      Out += "chan";
      if (C->Dir == ChanDir::SendOnly)
        Out += "<-";
      Out += " ";
      auto *E = dyn_cast<ChanType>(C->Elem);
      if (C->Dir == ChanDir::Both && E && E->Dir == ChanDir::RecvOnly) {
        Out += "(";
        print(C->Elem);
        Out += ")";
      } else {
        print(C->Elem);
      }
      return;
    }
    case NodeKind::ExprStmt:
      print(cast<ExprStmt>(N)->X);
      return;
    case NodeKind::SendStmt:
      print(cast<SendStmt>(N)->Chan);
      Out += " <- ";
      print(cast<SendStmt>(N)->Value);
      return;
    case NodeKind::AssignStmt: {
      auto *A = cast<AssignStmt>(N);
      print(A->Lhs);
      if (!A->Rhs) {
        Out += operatorString(A->Op);
        Out += operatorString(A->Op);
      } else {
        Out += " ";
        Out += operatorString(A->Op);
        Out += "= ";
        print(A->Rhs);
      }
      return;
    }
    case NodeKind::RangeClause: {
      auto *R = cast<RangeClause>(N);
      if (R->Lhs) {
        print(R->Lhs);
        Out += R->Def ? " := " : " = ";
      }
      Out += "range ";
      print(R->X);
      return;
    }
    default:
      Out += "<node>";
      return;
    }
  }

  void printList(llvm::ArrayRef<Expr *> L) {
    for (size_t I = 0; I < L.size(); ++I) {
      if (I)
        Out += ", ";
      print(L[I]);
    }
  }

  /// Prints a field list, grouping consecutive names that share a type node.
  /// Prints a field or parameter list, grouping names that share a type;
  /// a struct's tags follow their group (the tag of its first field).
  void printFields(llvm::ArrayRef<Field *> Fs, const char *Sep,
                   llvm::ArrayRef<BasicLit *> Tags = {}) {
    for (size_t I = 0; I < Fs.size();) {
      if (I)
        Out += Sep;
      size_t J = I;
      if (Fs[I]->N) {
        for (; J < Fs.size() && Fs[J]->N && Fs[J]->Type == Fs[I]->Type; ++J) {
          if (J != I)
            Out += ", ";
          print(Fs[J]->N);
        }
        Out += " ";
      } else {
        J = I + 1;
      }
      print(Fs[I]->Type);
      if (I < Tags.size() && Tags[I]) {
        Out += " ";
        print(Tags[I]);
      }
      I = J;
    }
  }

  void printSignature(const FuncType *F) {
    Out += "(";
    printFields(F->Params, ", ");
    Out += ")";
    if (!F->Results.empty()) {
      Out += " ";
      if (F->Results.size() == 1 && !F->Results[0]->N) {
        print(F->Results[0]->Type);
      } else {
        Out += "(";
        printFields(F->Results, ", ");
        Out += ")";
      }
    }
  }
};
} // namespace

std::string syntax::exprString(const Node *N) {
  Printer P;
  P.print(N);
  return P.Out;
}
