//===- frontend/ast.h - Go syntax tree --------------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The syntax tree, shaped like gc's (cmd/compile/internal/syntax/nodes.go) so
// that positions and error messages can follow gc's exactly:
//   - every node has one Pos; for operations, calls, selectors and
//     assignments it is the position of the operator/'('/'.'/'=' token, and
//     startPos() walks to the leftmost token, as syntax.StartPos does;
//   - binary and unary expressions are one Operation node (Y == null: unary);
//   - lists of expressions (a, b = ...) are a ListExpr.
// Nodes live in an AstContext arena and are never freed individually; child
// lists are ArrayRefs into the arena. LLVM-style RTTI (isa/cast/dyn_cast)
// works through NodeKind. The node kinds and each kind's children are listed
// once, in ast_nodes.def; forEachChild and inspect (gc's syntax.Inspect)
// walk any tree from that list, so code that needs every node of a subtree
// uses them rather than a switch of its own.
//
// The type checker annotates the tree in place: every Expr gets a
// TypeAndValue, every Name the Object it denotes, and a few nodes extra
// resolution results (selections, implicit type-switch objects, closure
// captures). Codegen reads only checked trees.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_FRONTEND_AST_H
#define GORTC_FRONTEND_AST_H

#include "frontend/source.h"
#include "frontend/tokens.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/Casting.h"

#include <type_traits>

namespace gortc {
namespace types {
class Type;
class Object;
class Var;
class Func;
class Scope;
struct Selection;
} // namespace types
class ConstValue;

namespace syntax {

/// The kinds of syntax tree nodes, one per class (frontend/ast_nodes.def).
enum class NodeKind : uint8_t {
#define GORTC_NODE(Kind, Children) Kind,
#include "frontend/ast_nodes.def"
#define GORTC_NODE(Kind, Children)
#define GORTC_NODE_RANGE(Class, FirstKind, LastKind)                           \
  First##Class = FirstKind, Last##Class = LastKind,
#include "frontend/ast_nodes.def"
};

/// The number of node kinds: NodeKind(0) to NodeKind(NumNodeKinds - 1).
constexpr unsigned NumNodeKinds = 0
#define GORTC_NODE(Kind, Children) +1
#include "frontend/ast_nodes.def"
    ;

class Node {
public:
  NodeKind kind() const { return Kind; }
  Pos pos() const { return P; }
  void setPos(Pos NewP) { P = NewP; }

protected:
  Node(NodeKind K, Pos P) : Kind(K), P(P) {}

private:
  NodeKind Kind;
  Pos P;
};

/// How an expression may be used, as go/types' operandMode.
enum class Mode : uint8_t {
  Invalid,  ///< operand is invalid
  NoValue,  ///< operand represents no value (result of a void call)
  Builtin,  ///< operand is a built-in function
  TypeExpr, ///< operand is a type
  Constant, ///< operand is a constant; Val is set
  Variable, ///< operand is an addressable variable
  MapIndex, ///< operand is a map index expression (acts like a variable)
  Value,    ///< operand is a computed value
  CommaOk,  ///< like Value, but operand may be used in a comma,ok expression
};

struct TypeAndValue {
  Mode M = Mode::Invalid;
  types::Type *Ty = nullptr;
  const ConstValue *Val = nullptr; ///< valid if M == Mode::Constant
};

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

class Expr : public Node {
public:
  static bool classof(const Node *N) {
    return N->kind() >= NodeKind::FirstExpr && N->kind() <= NodeKind::LastExpr;
  }
  /// Filled in by the type checker.
  TypeAndValue TV;

protected:
  Expr(NodeKind K, Pos P) : Node(K, P) {}
};

#define GORTC_NODE_CLASSOF(K)                                                  \
  static bool classof(const Node *N) { return N->kind() == NodeKind::K; }

class BadExpr : public Expr {
public:
  explicit BadExpr(Pos P) : Expr(NodeKind::BadExpr, P) {}
  GORTC_NODE_CLASSOF(BadExpr)
};

class Name : public Expr {
public:
  Name(Pos P, llvm::StringRef Value) : Expr(NodeKind::Name, P), Value(Value) {}
  GORTC_NODE_CLASSOF(Name)
  llvm::StringRef Value;
  /// The object this name declares or refers to (set by the checker).
  types::Object *Obj = nullptr;
};

class BasicLit : public Expr {
public:
  BasicLit(Pos P, llvm::StringRef Value, LitKind K, bool Bad)
      : Expr(NodeKind::BasicLit, P), Value(Value), Kind(K), Bad(Bad) {}
  GORTC_NODE_CLASSOF(BasicLit)
  llvm::StringRef Value;
  LitKind Kind;
  bool Bad; ///< the literal had a syntax error
};

class CompositeLit : public Expr {
public:
  explicit CompositeLit(Pos P) : Expr(NodeKind::CompositeLit, P) {}
  GORTC_NODE_CLASSOF(CompositeLit)
  Expr *Type = nullptr; ///< null when elided inside another literal
  llvm::ArrayRef<Expr *> Elems;
  unsigned NKeys = 0;
  Pos Rbrace;
  /// The elements were stepped over unparsed (parseFile's SkipFuncBodies,
  /// outside functions): Elems is empty.
  bool ElemsSkipped = false;
};

class KeyValueExpr : public Expr {
public:
  KeyValueExpr(Pos P, Expr *Key, Expr *Value)
      : Expr(NodeKind::KeyValueExpr, P), Key(Key), Value(Value) {}
  GORTC_NODE_CLASSOF(KeyValueExpr)
  Expr *Key;
  Expr *Value;
};

class FuncType;
class BlockStmt;

class FuncLit : public Expr {
public:
  FuncLit(Pos P, FuncType *Type, BlockStmt *Body)
      : Expr(NodeKind::FuncLit, P), Type(Type), Body(Body) {}
  GORTC_NODE_CLASSOF(FuncLit)
  FuncType *Type;
  BlockStmt *Body;
  /// Set by the checker: variables of enclosing functions the literal uses,
  /// in first-use order.
  llvm::ArrayRef<types::Var *> Captures;
  /// Set by the checker, for naming as gc does: the enclosing declared
  /// function (null at package level), the immediately enclosing literal
  /// (null if none), and the literal's ordinal among the literals directly
  /// inside that one (or the function, or the package's initializers).
  /// gc names it Outer.funcN, OuterLit's name + ".N", or glob..funcN.
  types::Func *Outer = nullptr;
  FuncLit *OuterLit = nullptr;
  unsigned Index = 0;
  unsigned NumLits = 0; ///< literals directly inside this one so far
};

class ParenExpr : public Expr {
public:
  ParenExpr(Pos P, Expr *X) : Expr(NodeKind::ParenExpr, P), X(X) {}
  GORTC_NODE_CLASSOF(ParenExpr)
  Expr *X;
};

class SelectorExpr : public Expr {
public:
  SelectorExpr(Pos P, Expr *X, Name *Sel)
      : Expr(NodeKind::SelectorExpr, P), X(X), Sel(Sel) {}
  GORTC_NODE_CLASSOF(SelectorExpr)
  Expr *X;
  Name *Sel;
  /// Set by the checker for field and method selections (null for
  /// qualified identifiers pkg.Name).
  types::Selection *Selection = nullptr;
};

class IndexExpr : public Expr {
public:
  IndexExpr(Pos P, Expr *X, Expr *Index)
      : Expr(NodeKind::IndexExpr, P), X(X), Index(Index) {}
  GORTC_NODE_CLASSOF(IndexExpr)
  Expr *X;
  Expr *Index; ///< a ListExpr for several type arguments
};

class SliceExpr : public Expr {
public:
  SliceExpr(Pos P, Expr *X) : Expr(NodeKind::SliceExpr, P), X(X) {}
  GORTC_NODE_CLASSOF(SliceExpr)
  Expr *X;
  Expr *Index[3] = {nullptr, nullptr, nullptr};
  bool Full = false; ///< a 3-index slice
};

class AssertExpr : public Expr {
public:
  AssertExpr(Pos P, Expr *X, Expr *Type)
      : Expr(NodeKind::AssertExpr, P), X(X), Type(Type) {}
  GORTC_NODE_CLASSOF(AssertExpr)
  Expr *X;
  Expr *Type;
};

class TypeSwitchGuard : public Expr {
public:
  TypeSwitchGuard(Pos P, Expr *X) : Expr(NodeKind::TypeSwitchGuard, P), X(X) {}
  GORTC_NODE_CLASSOF(TypeSwitchGuard)
  Name *Lhs = nullptr; ///< null means no `lhs :=`
  Expr *X;
};

class Operation : public Expr {
public:
  Operation(Pos P, Operator Op, Expr *X, Expr *Y = nullptr)
      : Expr(NodeKind::Operation, P), Op(Op), X(X), Y(Y) {}
  GORTC_NODE_CLASSOF(Operation)
  Operator Op;
  Expr *X;
  Expr *Y; ///< null for a unary operation
};

class CallExpr : public Expr {
public:
  CallExpr(Pos P, Expr *Fun) : Expr(NodeKind::CallExpr, P), Fun(Fun) {}
  GORTC_NODE_CLASSOF(CallExpr)
  Expr *Fun;
  llvm::ArrayRef<Expr *> Args;
  bool HasDots = false; ///< the last argument is followed by ...
};

class ListExpr : public Expr {
public:
  ListExpr(Pos P, llvm::ArrayRef<Expr *> Elems)
      : Expr(NodeKind::ListExpr, P), Elems(Elems) {}
  GORTC_NODE_CLASSOF(ListExpr)
  llvm::ArrayRef<Expr *> Elems;
};

class Field;

class ArrayType : public Expr {
public:
  ArrayType(Pos P, Expr *Len, Expr *Elem)
      : Expr(NodeKind::ArrayType, P), Len(Len), Elem(Elem) {}
  GORTC_NODE_CLASSOF(ArrayType)
  Expr *Len; ///< null means [...]
  Expr *Elem;
};

class SliceType : public Expr {
public:
  SliceType(Pos P, Expr *Elem) : Expr(NodeKind::SliceType, P), Elem(Elem) {}
  GORTC_NODE_CLASSOF(SliceType)
  Expr *Elem;
};

class DotsType : public Expr {
public:
  DotsType(Pos P, Expr *Elem) : Expr(NodeKind::DotsType, P), Elem(Elem) {}
  GORTC_NODE_CLASSOF(DotsType)
  Expr *Elem;
};

class StructType : public Expr {
public:
  explicit StructType(Pos P) : Expr(NodeKind::StructType, P) {}
  GORTC_NODE_CLASSOF(StructType)
  llvm::ArrayRef<Field *> Fields;
  /// Tags[i] is the tag of Fields[i], or null (may be shorter than Fields).
  llvm::ArrayRef<BasicLit *> Tags;
};

class InterfaceType : public Expr {
public:
  explicit InterfaceType(Pos P) : Expr(NodeKind::InterfaceType, P) {}
  GORTC_NODE_CLASSOF(InterfaceType)
  llvm::ArrayRef<Field *> Methods;
};

class FuncType : public Expr {
public:
  explicit FuncType(Pos P) : Expr(NodeKind::FuncType, P) {}
  GORTC_NODE_CLASSOF(FuncType)
  llvm::ArrayRef<Field *> Params;
  llvm::ArrayRef<Field *> Results;
};

class MapType : public Expr {
public:
  MapType(Pos P, Expr *Key, Expr *Value)
      : Expr(NodeKind::MapType, P), Key(Key), Value(Value) {}
  GORTC_NODE_CLASSOF(MapType)
  Expr *Key;
  Expr *Value;
};

enum class ChanDir : uint8_t { Both = 0, SendOnly = 1, RecvOnly = 2 };

class ChanType : public Expr {
public:
  ChanType(Pos P, ChanDir Dir, Expr *Elem)
      : Expr(NodeKind::ChanType, P), Dir(Dir), Elem(Elem) {}
  GORTC_NODE_CLASSOF(ChanType)
  ChanDir Dir;
  Expr *Elem;
};

/// A struct field, parameter, interface method or embedded element.
class Field : public Node {
public:
  Field(Pos P, Name *N, Expr *Type)
      : Node(NodeKind::Field, P), N(N), Type(Type) {}
  GORTC_NODE_CLASSOF(Field)
  Name *N;    ///< null: anonymous parameter, embedded field or element
  Expr *Type; ///< fields declared in one list share one Type node
};

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

class Stmt : public Node {
public:
  static bool classof(const Node *N) {
    return N->kind() >= NodeKind::FirstStmt && N->kind() <= NodeKind::LastStmt;
  }

protected:
  Stmt(NodeKind K, Pos P) : Node(K, P) {}
};

class EmptyStmt : public Stmt {
public:
  explicit EmptyStmt(Pos P) : Stmt(NodeKind::EmptyStmt, P) {}
  GORTC_NODE_CLASSOF(EmptyStmt)
};

class LabeledStmt : public Stmt {
public:
  LabeledStmt(Pos P, Name *Label)
      : Stmt(NodeKind::LabeledStmt, P), Label(Label) {}
  GORTC_NODE_CLASSOF(LabeledStmt)
  Name *Label;
  Stmt *S = nullptr;
};

class BlockStmt : public Stmt {
public:
  explicit BlockStmt(Pos P) : Stmt(NodeKind::BlockStmt, P) {}
  GORTC_NODE_CLASSOF(BlockStmt)
  llvm::ArrayRef<Stmt *> List;
  Pos Rbrace;
};

class ExprStmt : public Stmt {
public:
  ExprStmt(Pos P, Expr *X) : Stmt(NodeKind::ExprStmt, P), X(X) {}
  GORTC_NODE_CLASSOF(ExprStmt)
  Expr *X;
};

class SendStmt : public Stmt {
public:
  SendStmt(Pos P, Expr *Chan, Expr *Value)
      : Stmt(NodeKind::SendStmt, P), Chan(Chan), Value(Value) {}
  GORTC_NODE_CLASSOF(SendStmt)
  Expr *Chan;
  Expr *Value;
};

class Decl;

class DeclStmt : public Stmt {
public:
  explicit DeclStmt(Pos P) : Stmt(NodeKind::DeclStmt, P) {}
  GORTC_NODE_CLASSOF(DeclStmt)
  llvm::ArrayRef<Decl *> Decls;
};

class AssignStmt : public Stmt {
public:
  AssignStmt(Pos P, Operator Op, Expr *Lhs, Expr *Rhs)
      : Stmt(NodeKind::AssignStmt, P), Op(Op), Lhs(Lhs), Rhs(Rhs) {}
  GORTC_NODE_CLASSOF(AssignStmt)
  /// None: plain assignment; Def: `:=`; otherwise the op of `op=`, or of
  /// `++`/`--` (Add/Sub) when Rhs is null.
  Operator Op;
  Expr *Lhs;
  Expr *Rhs;
};

class BranchStmt : public Stmt {
public:
  BranchStmt(Pos P, TokenKind Tok) : Stmt(NodeKind::BranchStmt, P), Tok(Tok) {}
  GORTC_NODE_CLASSOF(BranchStmt)
  TokenKind Tok; ///< Break, Continue, Fallthrough or Goto
  Name *Label = nullptr;
  /// Set by the checker: the statement this branch leaves or continues
  /// (for, switch, select) or the labeled statement it jumps to (goto).
  Stmt *Target = nullptr;
};

class CallStmt : public Stmt {
public:
  CallStmt(Pos P, TokenKind Tok) : Stmt(NodeKind::CallStmt, P), Tok(Tok) {}
  GORTC_NODE_CLASSOF(CallStmt)
  TokenKind Tok; ///< Go or Defer
  CallExpr *Call = nullptr;
};

class ReturnStmt : public Stmt {
public:
  explicit ReturnStmt(Pos P) : Stmt(NodeKind::ReturnStmt, P) {}
  GORTC_NODE_CLASSOF(ReturnStmt)
  Expr *Results = nullptr; ///< null: no explicit results
};

class IfStmt : public Stmt {
public:
  explicit IfStmt(Pos P) : Stmt(NodeKind::IfStmt, P) {}
  GORTC_NODE_CLASSOF(IfStmt)
  Stmt *Init = nullptr;
  Expr *Cond = nullptr;
  BlockStmt *Then = nullptr;
  Stmt *Else = nullptr; ///< null, an IfStmt or a BlockStmt
};

class ForStmt : public Stmt {
public:
  explicit ForStmt(Pos P) : Stmt(NodeKind::ForStmt, P) {}
  GORTC_NODE_CLASSOF(ForStmt)
  Stmt *Init = nullptr; ///< may be a RangeClause
  Expr *Cond = nullptr;
  Stmt *Post = nullptr;
  BlockStmt *Body = nullptr;
};

class CaseClause;
class CommClause;

class SwitchStmt : public Stmt {
public:
  explicit SwitchStmt(Pos P) : Stmt(NodeKind::SwitchStmt, P) {}
  GORTC_NODE_CLASSOF(SwitchStmt)
  Stmt *Init = nullptr;
  Expr *Tag = nullptr; ///< may be a TypeSwitchGuard
  llvm::ArrayRef<CaseClause *> Body;
  Pos Rbrace;
};

class SelectStmt : public Stmt {
public:
  explicit SelectStmt(Pos P) : Stmt(NodeKind::SelectStmt, P) {}
  GORTC_NODE_CLASSOF(SelectStmt)
  llvm::ArrayRef<CommClause *> Body;
  Pos Rbrace;
};

class RangeClause : public Stmt {
public:
  RangeClause(Pos P, Expr *Lhs, bool Def)
      : Stmt(NodeKind::RangeClause, P), Lhs(Lhs), Def(Def) {}
  GORTC_NODE_CLASSOF(RangeClause)
  Expr *Lhs; ///< null: no `lhs =` or `lhs :=`
  bool Def;  ///< `:=`
  Expr *X = nullptr;
};

class CaseClause : public Node {
public:
  explicit CaseClause(Pos P) : Node(NodeKind::CaseClause, P) {}
  GORTC_NODE_CLASSOF(CaseClause)
  Expr *Cases = nullptr; ///< null: default clause; may be a ListExpr
  llvm::ArrayRef<Stmt *> Body;
  Pos Colon;
  /// Set by the checker in a type switch with `v :=`: the clause's v.
  types::Var *Implicit = nullptr;
};

class CommClause : public Node {
public:
  explicit CommClause(Pos P) : Node(NodeKind::CommClause, P) {}
  GORTC_NODE_CLASSOF(CommClause)
  Stmt *Comm = nullptr; ///< send or receive statement; null: default
  llvm::ArrayRef<Stmt *> Body;
  Pos Colon;
};

//===----------------------------------------------------------------------===//
// Declarations and files
//===----------------------------------------------------------------------===//

/// Declarations written inside one `const ( ... )` (or var/type/import)
/// share a Group; the checker uses it for iota and implicit repetition.
struct Group {
  unsigned Id;
};

class Decl : public Node {
public:
  static bool classof(const Node *N) {
    return N->kind() >= NodeKind::FirstDecl && N->kind() <= NodeKind::LastDecl;
  }

protected:
  Decl(NodeKind K, Pos P) : Node(K, P) {}
};

class ImportDecl : public Decl {
public:
  explicit ImportDecl(Pos P) : Decl(NodeKind::ImportDecl, P) {}
  GORTC_NODE_CLASSOF(ImportDecl)
  Group *G = nullptr;
  Name *LocalName = nullptr; ///< including "."; null: no rename
  BasicLit *Path = nullptr;  ///< null: missing
};

class ConstDecl : public Decl {
public:
  explicit ConstDecl(Pos P) : Decl(NodeKind::ConstDecl, P) {}
  GORTC_NODE_CLASSOF(ConstDecl)
  Group *G = nullptr;
  llvm::ArrayRef<Name *> Names;
  Expr *Type = nullptr;
  Expr *Values = nullptr; ///< null: repeat the previous spec of the group
  unsigned Iota = 0;      ///< index of this spec within its group
};

class TypeDecl : public Decl {
public:
  explicit TypeDecl(Pos P) : Decl(NodeKind::TypeDecl, P) {}
  GORTC_NODE_CLASSOF(TypeDecl)
  Group *G = nullptr;
  Name *N = nullptr;
  llvm::ArrayRef<Field *> TParams;
  bool Alias = false;
  Expr *Type = nullptr;
};

class VarDecl : public Decl {
public:
  explicit VarDecl(Pos P) : Decl(NodeKind::VarDecl, P) {}
  GORTC_NODE_CLASSOF(VarDecl)
  Group *G = nullptr;
  llvm::ArrayRef<Name *> Names;
  Expr *Type = nullptr;
  Expr *Values = nullptr;
};

class FuncDecl : public Decl {
public:
  explicit FuncDecl(Pos P) : Decl(NodeKind::FuncDecl, P) {}
  GORTC_NODE_CLASSOF(FuncDecl)
  Field *Recv = nullptr; ///< null: a plain function
  Name *N = nullptr;
  llvm::ArrayRef<Field *> TParams;
  FuncType *Type = nullptr;
  BlockStmt *Body = nullptr; ///< null: no body
  /// The body was stepped over unparsed and is empty (parseFile's
  /// SkipFuncBodies): the function has one, but its code is compiled.
  bool BodySkipped = false;
  /// Pragmas from //go: comments before the declaration.
  bool NoInline = false;
  /// //go:uintptrescapes or //go:uintptrkeepalive (syscall.Syscall's): a
  /// uintptr argument converted from an unsafe.Pointer at a call keeps its
  /// object alive until the call returns (codegen's emitArgsKeeping).
  bool UintptrKeepAlive = false;
};

/// A `//go:linkname Local Target` directive: the package-level function or
/// variable Local is the symbol Target (gc's pragma, anywhere in a file).
struct LinkName {
  Pos P;
  llvm::StringRef Local;
  llvm::StringRef Target;
};

class File : public Node {
public:
  explicit File(Pos P) : Node(NodeKind::File, P) {}
  GORTC_NODE_CLASSOF(File)
  Name *PkgName = nullptr;
  llvm::ArrayRef<Decl *> Decls;
  llvm::ArrayRef<LinkName> LinkNames;
  Pos EOFPos;
  const SourceFile *Source = nullptr;
};

#undef GORTC_NODE_CLASSOF

/// Owns every node and string of the syntax trees of one compilation.
class AstContext {
public:
  AstContext() = default;
  template <typename T, typename... Args> T *make(Args &&...A) {
    if constexpr (std::is_base_of_v<Node, T>)
      ++NumNodes;
    return new (Alloc.Allocate<T>()) T(std::forward<Args>(A)...);
  }
  template <typename T> llvm::ArrayRef<T> copy(llvm::ArrayRef<T> Elems) {
    if (Elems.empty())
      return {};
    T *Mem = Alloc.Allocate<T>(Elems.size());
    std::uninitialized_copy(Elems.begin(), Elems.end(), Mem);
    return llvm::ArrayRef<T>(Mem, Elems.size());
  }
  /// Copies S into the arena (inline code only: sanitizer builds poison
  /// the arena's free space, which libLLVM's uninstrumented StringSaver
  /// would write to).
  llvm::StringRef save(llvm::StringRef S) {
    char *P = Alloc.Allocate<char>(S.size() + 1);
    std::copy(S.begin(), S.end(), P);
    P[S.size()] = 0;
    return llvm::StringRef(P, S.size());
  }
  Group *newGroup() { return make<Group>(Group{NextGroup++}); }
  llvm::BumpPtrAllocator &allocator() { return Alloc; }
  /// The number of nodes made so far (tests check that walks reach them).
  unsigned numNodes() const { return NumNodes; }

private:
  llvm::BumpPtrAllocator Alloc;
  unsigned NextGroup = 0;
  unsigned NumNodes = 0;
};

/// Calls F on each non-null child of N (ast_nodes.def), in source order. A
/// node reached through several parents (the Type node shared by fields
/// declared together) is a child of each.
void forEachChild(Node *N, llvm::function_ref<void(Node *)> F);
/// Walks the tree under N in pre-order, as gc's syntax.Inspect (without its
/// f(nil) after the children): calls F(N) and, if it returns true, inspects
/// each child. Every node kind is walked; only F decides what to skip.
void inspect(Node *N, llvm::function_ref<bool(Node *)> F);

/// A deep copy of the tree under N, allocated in A, for checking a generic
/// declaration once per instantiation (check_generic.cpp). Sharing inside
/// the tree is kept (fields declared together keep one Type node), and so
/// are the parser's Groups, and branch targets lead to the copied
/// statements; everything the checker writes into a tree (TypeAndValue,
/// Name::Obj, selections, captures, implicit type-switch variables, literal
/// numbering) starts out empty in the copy.
Node *cloneTree(Node *N, llvm::BumpPtrAllocator &A);
template <typename T> T *cloneTree(T *N, llvm::BumpPtrAllocator &A) {
  return N ? llvm::cast<T>(cloneTree(static_cast<Node *>(N), A)) : nullptr;
}

/// The leftmost source position of N (gc's syntax.StartPos).
Pos startPos(const Node *N);
/// Strips parentheses.
Expr *unparen(Expr *X);
/// A method receiver's type without parentheses and its *: T, or T[P, ...]
/// for a method of a generic type ((r T[P]), (r *T[P])).
Expr *receiverType(Field *Recv);
/// Whether Recv's type is a generic type's instance, T[P, ...].
inline bool isGenericReceiver(Field *Recv) {
  return llvm::isa<IndexExpr>(receiverType(Recv));
}
/// The expression printed in Go syntax, as gc's syntax.String (used in
/// error messages such as "cannot use x + 1 (...)").
std::string exprString(const Node *N);

} // namespace syntax
} // namespace gortc

#endif // GORTC_FRONTEND_AST_H
