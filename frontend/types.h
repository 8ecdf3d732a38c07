//===- frontend/types.h - Go types, objects and scopes ----------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The type checker's model of a Go program, shaped like go/types (and gc's
// types2) so that the spec's rules translate one to one:
//
//   Type      Basic, Pointer, Array, Slice, Struct, Tuple, Signature,
//             Interface, Map, Chan, Named (a defined type), TypeParam.
//   Object    a named language entity: PkgName, Const, TypeName, Var, Func,
//             Label, Builtin, Nil.
//   Scope     a lexical block mapping names to objects.
//   Selection the resolution of x.f (field path through embedded fields,
//             method value or method expression).
//
// Unnamed composite types are not hash-consed: identity is structural and
// decided by identical(). Every Type and Object lives in a TypeContext
// arena for the whole compilation. Sizes and alignments are gc's for 64-bit
// targets (cmd/compile/internal/noder/sizes.go); both of our targets are
// 64-bit.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_FRONTEND_TYPES_H
#define GORTC_FRONTEND_TYPES_H

#include "frontend/ast.h"
#include "frontend/constant.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace gortc {
namespace types {

class Object;
class TypeName;
class TypeParam;
class Var;
class Func;
class Package;

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

enum class TypeKind : uint8_t {
  Basic,
  Pointer,
  Array,
  Slice,
  Struct,
  Tuple,
  Signature,
  Interface,
  Map,
  Chan,
  Named,
  TypeParam,
};

class Type {
public:
  TypeKind kind() const { return K; }
  /// The underlying type (itself for all but Named and TypeParam).
  Type *underlying();

protected:
  explicit Type(TypeKind K) : K(K) {}

private:
  TypeKind K;
};

enum class BasicKind : uint8_t {
  Invalid,
  Bool,
  Int,
  Int8,
  Int16,
  Int32,
  Int64,
  Uint,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Uintptr,
  Float32,
  Float64,
  Complex64,
  Complex128,
  String,
  UnsafePointer,
  UntypedBool,
  UntypedInt,
  UntypedRune,
  UntypedFloat,
  UntypedComplex,
  UntypedString,
  UntypedNil,
  Byte = Uint8,
  Rune = Int32,
};

enum BasicInfo : unsigned {
  IsBoolean = 1 << 0,
  IsInteger = 1 << 1,
  IsUnsigned = 1 << 2,
  IsFloat = 1 << 3,
  IsComplex = 1 << 4,
  IsString = 1 << 5,
  IsUntyped = 1 << 6,
  IsOrdered = IsInteger | IsFloat | IsString,
  IsNumeric = IsInteger | IsFloat | IsComplex,
  IsConstType = IsBoolean | IsNumeric | IsString,
};

class Basic : public Type {
public:
  Basic(BasicKind BK, unsigned Info, llvm::StringRef Name)
      : Type(TypeKind::Basic), BK(BK), Info(Info), Name(Name) {}
  static bool classof(const Type *T) { return T->kind() == TypeKind::Basic; }
  BasicKind basicKind() const { return BK; }
  unsigned info() const { return Info; }
  llvm::StringRef name() const { return Name; }

private:
  BasicKind BK;
  unsigned Info;
  llvm::StringRef Name;
};

class Pointer : public Type {
public:
  explicit Pointer(Type *Elem) : Type(TypeKind::Pointer), Elem(Elem) {}
  static bool classof(const Type *T) { return T->kind() == TypeKind::Pointer; }
  Type *Elem;
};

class Array : public Type {
public:
  Array(Type *Elem, int64_t Len)
      : Type(TypeKind::Array), Elem(Elem), Len(Len) {}
  static bool classof(const Type *T) { return T->kind() == TypeKind::Array; }
  Type *Elem;
  int64_t Len; ///< < 0 if unknown (invalid)
};

class Slice : public Type {
public:
  explicit Slice(Type *Elem) : Type(TypeKind::Slice), Elem(Elem) {}
  static bool classof(const Type *T) { return T->kind() == TypeKind::Slice; }
  Type *Elem;
};

class Struct : public Type {
public:
  Struct() : Type(TypeKind::Struct) {}
  static bool classof(const Type *T) { return T->kind() == TypeKind::Struct; }
  std::vector<Var *> Fields;
  std::vector<std::string> Tags; ///< same length as Fields
};

class Tuple : public Type {
public:
  Tuple() : Type(TypeKind::Tuple) {}
  static bool classof(const Type *T) { return T->kind() == TypeKind::Tuple; }
  std::vector<Var *> Vars;
  size_t size() const { return Vars.size(); }
};

class Signature : public Type {
public:
  Signature() : Type(TypeKind::Signature) {}
  static bool classof(const Type *T) {
    return T->kind() == TypeKind::Signature;
  }
  Var *Recv = nullptr; ///< null for functions and method expressions
  Tuple *Params = nullptr;
  Tuple *Results = nullptr;
  bool Variadic = false; ///< the last parameter's type is a slice: ...T
};

class Interface : public Type {
public:
  Interface() : Type(TypeKind::Interface) {}
  static bool classof(const Type *T) {
    return T->kind() == TypeKind::Interface;
  }
  std::vector<Func *> Methods;   ///< explicitly declared methods
  std::vector<Type *> Embeddeds; ///< embedded elements
  /// The method set: own and embedded methods, sorted by (qualified) name.
  /// Valid once complete() was called.
  std::vector<Func *> AllMethods;
  bool Complete = false;
  bool IsComparableConstraint = false; ///< `comparable` or a type-set element
  bool HasTypeTerms = false; ///< has union/~ elements (constraint only)
  /// The interface a constraint like `[T ~int | string]` stands for:
  /// printed as its union alone, as types2 does.
  bool Implicit = false;
  /// The universe's `any`: printed as "any" in diagnostics, as types2 does
  /// for a type pointer-identical to it.
  bool UniverseAny = false;
  /// The interface's own union elements (`~int | string`, or one non-
  /// interface type), each a list of terms; the type set is their
  /// intersection with the embedded interfaces'.
  struct Term {
    bool Tilde;
    Type *T;
  };
  std::vector<std::vector<Term>> Unions;
  bool empty() const { return AllMethods.empty() && !HasTypeTerms; }
};

class Map : public Type {
public:
  Map(Type *Key, Type *Elem) : Type(TypeKind::Map), Key(Key), Elem(Elem) {}
  static bool classof(const Type *T) { return T->kind() == TypeKind::Map; }
  Type *Key;
  Type *Elem;
};

enum class ChanDir : uint8_t { SendRecv, SendOnly, RecvOnly };

class Chan : public Type {
public:
  Chan(ChanDir Dir, Type *Elem) : Type(TypeKind::Chan), Dir(Dir), Elem(Elem) {}
  static bool classof(const Type *T) { return T->kind() == TypeKind::Chan; }
  ChanDir Dir;
  Type *Elem;
};

class Named : public Type {
public:
  explicit Named(TypeName *Obj) : Type(TypeKind::Named), Obj(Obj) {}
  static bool classof(const Type *T) { return T->kind() == TypeKind::Named; }
  TypeName *Obj;
  Type *Underlying = nullptr; ///< null while being resolved
  /// The type of the declaration's right-hand side (another defined type
  /// for `type T2 T1`), which validType follows as types2's fromRHS.
  Type *RHS = nullptr;
  std::vector<Func *> Methods;
  /// A generic type's type parameters (check_generic.cpp). A generic type
  /// has no underlying type and no code; its instances do.
  std::vector<TypeParam *> TParams;
  /// An instance: the generic type, the type arguments, and the instances
  /// its underlying type and method signatures use.
  Named *Orig = nullptr;
  std::vector<Type *> TypeArgs;
  std::vector<Object *> InstUses;
};

class TypeParam : public Type {
public:
  TypeParam(TypeName *Obj, unsigned Index)
      : Type(TypeKind::TypeParam), Obj(Obj), Index(Index) {}
  static bool classof(const Type *T) {
    return T->kind() == TypeKind::TypeParam;
  }
  TypeName *Obj;
  unsigned Index; ///< position in its declaration's type parameter list
  /// The constraint: an interface type (an implicit one for `[T ~int]`).
  Type *Constraint = nullptr;
};

//===----------------------------------------------------------------------===//
// Objects
//===----------------------------------------------------------------------===//

enum class ObjectKind : uint8_t {
  PkgName,
  Const,
  TypeName,
  Var,
  Func,
  Label,
  Builtin,
  Nil,
};

class Scope;

class Object {
public:
  ObjectKind kind() const { return K; }
  llvm::StringRef name() const { return Name; }
  Pos pos() const { return P; }
  Type *type() const { return Ty; }
  void setType(Type *T) { Ty = T; }
  Package *pkg() const { return Pkg; }
  Scope *parent() const { return Parent; }
  void setParent(Scope *S) { Parent = S; }
  bool exported() const;
  /// Name qualified for identity of unexported names ("main.f" when
  /// unexported, else "f"); used for method matching.
  std::string qualifiedName() const;
  /// Order in which package-level objects were declared (source order).
  unsigned Order = 0;
  /// For package-level objects: the position where the declaration's scope
  /// starts (for local objects, the position after which they are visible).
  Pos ScopePos;
  /// Colour for cycle detection during package-level type checking.
  enum class Color : uint8_t { White, Grey, Black } Col = Color::White;
  /// The symbol a //go:linkname directive gives this package-level function
  /// or variable; empty for gc's default ("path.name").
  llvm::StringRef LinkName;

protected:
  Object(ObjectKind K, Pos P, Package *Pkg, llvm::StringRef Name, Type *Ty)
      : K(K), P(P), Name(Name), Ty(Ty), Pkg(Pkg) {}

private:
  ObjectKind K;
  Pos P;
  llvm::StringRef Name;
  Type *Ty;
  Package *Pkg;
  Scope *Parent = nullptr;
};

class PkgName : public Object {
public:
  PkgName(Pos P, Package *Pkg, llvm::StringRef Name, Package *Imported)
      : Object(ObjectKind::PkgName, P, Pkg, Name, nullptr), Imported(Imported) {
  }
  static bool classof(const Object *O) {
    return O->kind() == ObjectKind::PkgName;
  }
  Package *Imported;
  bool Used = false;
};

class Const : public Object {
public:
  Const(Pos P, Package *Pkg, llvm::StringRef Name, Type *Ty)
      : Object(ObjectKind::Const, P, Pkg, Name, Ty) {}
  static bool classof(const Object *O) {
    return O->kind() == ObjectKind::Const;
  }
  const ConstValue *Val = nullptr;
};

class TypeName : public Object {
public:
  TypeName(Pos P, Package *Pkg, llvm::StringRef Name, Type *Ty)
      : Object(ObjectKind::TypeName, P, Pkg, Name, Ty) {}
  static bool classof(const Object *O) {
    return O->kind() == ObjectKind::TypeName;
  }
  bool IsAlias = false;
  /// For types declared inside functions: a small ordinal that keeps their
  /// runtime names and symbols distinct (gc's "·N" suffix).
  unsigned LocalIndex = 0;
};

class Var : public Object {
public:
  Var(Pos P, Package *Pkg, llvm::StringRef Name, Type *Ty)
      : Object(ObjectKind::Var, P, Pkg, Name, Ty) {}
  static bool classof(const Object *O) { return O->kind() == ObjectKind::Var; }
  bool IsField = false;
  bool Embedded = false; ///< an embedded struct field
  bool IsParam = false;  ///< a parameter or result
  bool Used = false;
  bool IsGlobal = false;
  /// Set by the checker: captured by a function literal.
  bool Captured = false;
  /// Set by the checker: its address is taken (&x, method call with pointer
  /// receiver, slicing an array).
  bool AddrTaken = false;
  /// The function (FuncDecl or FuncLit) whose body declares this variable;
  /// null for globals and fields. A use from another function is a capture.
  syntax::Node *Owner = nullptr;
  /// Lowering's per-variable slot (opaque to the frontend).
  void *CodegenData = nullptr;
};

class Func : public Object {
public:
  Func(Pos P, Package *Pkg, llvm::StringRef Name, Signature *Sig)
      : Object(ObjectKind::Func, P, Pkg, Name, Sig) {}
  static bool classof(const Object *O) { return O->kind() == ObjectKind::Func; }
  Signature *sig() const { return llvm::cast<Signature>(type()); }
  syntax::FuncDecl *Decl = nullptr; ///< null for interface methods
  /// Whether the method has a pointer receiver (for methods).
  bool PtrRecv = false;
  /// The interface that declares this method (interface methods only).
  Interface *Iface = nullptr;
  /// Function literals directly inside this function so far (for naming
  /// them as gc does).
  unsigned NumLits = 0;
  bool HasDefer = false;
  bool HasRecover = false;
  /// A generic function's type parameters (for a method of a generic type:
  /// Generic is set and the receiver's are the type's).
  std::vector<TypeParam *> TParams;
  bool Generic = false;
  /// An instance: the generic function or method, the type arguments (a
  /// method's are its receiver type's), and the instances its body uses,
  /// which a package that uses this one must compile too.
  Func *Orig = nullptr;
  std::vector<Type *> TypeArgs;
  std::vector<Object *> InstUses;
  unsigned InstDepth = 0; ///< instances between this one and plain code
  /// A generic declaration whose body had errors when checked on its own:
  /// its instances' bodies are not checked again (they would repeat them).
  bool BodyErrors = false;
};

class Label : public Object {
public:
  Label(Pos P, Package *Pkg, llvm::StringRef Name)
      : Object(ObjectKind::Label, P, Pkg, Name, nullptr) {}
  static bool classof(const Object *O) {
    return O->kind() == ObjectKind::Label;
  }
};

enum class BuiltinId : uint8_t {
  Append,
  Cap,
  Close,
  Complex,
  Copy,
  Delete,
  Imag,
  Len,
  Make,
  New,
  Panic,
  Print,
  Println,
  Real,
  Recover,
  // package unsafe
  Add,
  Alignof,
  Offsetof,
  Sizeof,
  UnsafeSlice,
};

class Builtin : public Object {
public:
  Builtin(llvm::StringRef Name, BuiltinId Id, Type *Invalid)
      : Object(ObjectKind::Builtin, Pos(), nullptr, Name, Invalid), Id(Id) {}
  static bool classof(const Object *O) {
    return O->kind() == ObjectKind::Builtin;
  }
  BuiltinId Id;
};

class Nil : public Object {
public:
  explicit Nil(Type *T) : Object(ObjectKind::Nil, Pos(), nullptr, "nil", T) {}
  static bool classof(const Object *O) { return O->kind() == ObjectKind::Nil; }
};

//===----------------------------------------------------------------------===//
// Scopes, packages, selections
//===----------------------------------------------------------------------===//

class Scope {
public:
  Scope(Scope *Parent, Pos Start, Pos End, bool IsFunc)
      : Parent(Parent), Start(Start), End(End), IsFunc(IsFunc) {}
  Scope *parent() const { return Parent; }
  /// The object named Name in this scope only, or null.
  Object *lookup(llvm::StringRef Name) const {
    auto It = Elems.find(Name);
    return It == Elems.end() ? nullptr : It->second;
  }
  /// Inserts Obj; returns the existing object if the name is taken.
  Object *insert(Object *Obj);
  /// Looks Name up in this and enclosing scopes, considering only objects
  /// declared before P in function scopes (P invalid: ignore positions).
  Object *lookupParent(llvm::StringRef Name, Pos P, Scope **Found) const;
  llvm::ArrayRef<Object *> ordered() const { return Order; }

  Scope *Parent;
  Pos Start, End;
  bool IsFunc;

private:
  llvm::StringMap<Object *> Elems;
  std::vector<Object *> Order;
};

class Package {
public:
  Package(llvm::StringRef Path, llvm::StringRef Name)
      : Path(Path), Name(Name) {}
  std::string Path;
  std::string Name;
  Scope *PkgScope = nullptr;
  bool Fake = false; ///< an import we could not find (errors suppressed)
};

enum class SelectionKind : uint8_t {
  FieldVal,   ///< x.f is a struct field selector
  MethodVal,  ///< x.f is a method value (possibly called)
  MethodExpr, ///< T.f is a method expression
};

struct Selection {
  SelectionKind Kind;
  Type *Recv;  ///< type of x
  Object *Obj; ///< Var (field) or Func (method)
  /// Path to the selected field or method: indices of embedded fields,
  /// then the index of the field (or of the method in its type's method
  /// list).
  llvm::SmallVector<int, 4> Index;
  bool Indirect; ///< a pointer indirection is needed along the path
};

//===----------------------------------------------------------------------===//
// The context: universe and arena
//===----------------------------------------------------------------------===//

/// Owns all types, objects, scopes and constant values of one compilation,
/// and holds the universe scope.
class TypeContext {
public:
  TypeContext();
  TypeContext(const TypeContext &) = delete;

  template <typename T, typename... Args> T *make(Args &&...A) {
    auto P = std::make_unique<T>(std::forward<Args>(A)...);
    T *R = P.get();
    Owned.push_back(Holder::make(std::move(P)));
    return R;
  }
  const ConstValue *makeConst(ConstValue V) {
    Consts.push_back(std::move(V));
    return &Consts.back();
  }
  /// Copies S into the arena (see AstContext::save).
  llvm::StringRef save(llvm::StringRef S) {
    char *P = Alloc.Allocate<char>(S.size() + 1);
    std::copy(S.begin(), S.end(), P);
    P[S.size()] = 0;
    return llvm::StringRef(P, S.size());
  }

  Basic *basic(BasicKind K) const { return Basics[static_cast<int>(K)]; }
  Basic *invalid() const { return basic(BasicKind::Invalid); }
  Scope *universe() const { return Universe; }
  Package *unsafePkg() const { return Unsafe; }
  Type *errorType() const { return ErrorT; }
  Type *anyType() const { return AnyT; }
  Type *comparableType() const { return ComparableT; }
  Object *universeIota() const { return Iota; }
  Object *nilObj() const { return NilObj; }
  Basic *byteType() const { return ByteT; }
  Basic *runeType() const { return RuneT; }
  Tuple *emptyTuple() const { return EmptyTuple; }

  /// The checker of each package, for instantiating its generic
  /// declarations from other packages (check_generic.cpp).
  llvm::DenseMap<Package *, class Checker *> CheckerOf;
  /// Instances whose bodies still have to be checked, by their package's
  /// checker.
  std::vector<Func *> PendingInstances;
  /// Type instances being made, one inside another.
  unsigned InstanceNesting = 0;
  llvm::BumpPtrAllocator &allocator() { return Alloc; }

  // Sizes (gc, 64-bit targets).
  int64_t sizeOf(Type *T);
  int64_t alignOf(Type *T);
  std::vector<int64_t> offsetsOf(Struct *S);

private:
  struct Holder {
    virtual ~Holder() = default;
    template <typename T>
    static std::unique_ptr<Holder> make(std::unique_ptr<T> P);
  };
  template <typename T> struct HolderOf : Holder { std::unique_ptr<T> P; };

  std::vector<std::unique_ptr<Holder>> Owned;
  std::deque<ConstValue> Consts;
  llvm::BumpPtrAllocator Alloc;
  Basic *Basics[int(BasicKind::UntypedNil) + 1] = {};
  Basic *ByteT = nullptr, *RuneT = nullptr;
  Scope *Universe = nullptr;
  Package *Unsafe = nullptr;
  Type *ErrorT = nullptr, *AnyT = nullptr, *ComparableT = nullptr;
  Object *Iota = nullptr, *NilObj = nullptr;
  Tuple *EmptyTuple = nullptr;
  llvm::DenseMap<Type *, int64_t> SizeCache;
};

template <typename T>
std::unique_ptr<TypeContext::Holder>
TypeContext::Holder::make(std::unique_ptr<T> P) {
  auto H = std::make_unique<HolderOf<T>>();
  H->P = std::move(P);
  return H;
}

//===----------------------------------------------------------------------===//
// Predicates and operations (predicates.cpp, lookup.cpp)
//===----------------------------------------------------------------------===//

/// Calls F on I and on every interface it embeds, directly or not, once
/// each, until F returns false; returns false if F did.
bool forEachEmbedded(Interface *I, llvm::function_ref<bool(Interface *)> F);
/// The one underlying type of all the Terms, or null.
Type *termsCore(llvm::ArrayRef<Interface::Term> Terms);
/// The terms of a constraint's type set (Out), false if it has none (any
/// type: `any`, method-only interfaces).
bool typeSetTerms(Type *Constraint, std::vector<Interface::Term> &Out);
/// Whether T is a type parameter whose type set has terms, all of whose
/// underlying types satisfy F (types2's typeset.underIs).
bool typeSetUnderIs(Type *T, llvm::function_ref<bool(Type *)> F);
/// Whether T is a type parameter whose type set has terms, all of whose
/// types (not their underlying types) satisfy F (types2's TypeParam.is).
bool typeSetIs(Type *T, llvm::function_ref<bool(Type *)> F);
/// T's underlying type; for a type parameter, the one underlying type of
/// all the types of its type set, or null (types2's coreType).
Type *coreType(Type *T);
/// coreType(T), or T's underlying type when T is a type parameter without
/// a core type (the operand is then rejected as before): the type an
/// operation that needs one type (make, range, append, close, composite
/// literals) works on.
inline Type *coreOrUnder(Type *T) {
  Type *C = coreType(T);
  return C ? C : T->underlying();
}
bool isBasicInfo(Type *T, unsigned Info);
inline bool isBoolean(Type *T) { return isBasicInfo(T, IsBoolean); }
inline bool isInteger(Type *T) { return isBasicInfo(T, IsInteger); }
inline bool isUnsigned(Type *T) { return isBasicInfo(T, IsUnsigned); }
inline bool isFloat(Type *T) { return isBasicInfo(T, IsFloat); }
inline bool isComplex(Type *T) { return isBasicInfo(T, IsComplex); }
inline bool isNumeric(Type *T) { return isBasicInfo(T, IsNumeric); }
inline bool isString(Type *T) { return isBasicInfo(T, IsString); }
inline bool isOrdered(Type *T) { return isBasicInfo(T, IsOrdered); }
inline bool isConstType(Type *T) { return isBasicInfo(T, IsConstType); }
/// Untyped basic types (not the underlying type: untyped types are Basic).
bool isUntyped(Type *T);
bool isTyped(Type *T);
bool isInterface(Type *T);
bool isTypeParam(Type *T);
/// The basic kind of T's underlying type, or Invalid.
BasicKind basicKindOf(Type *T);
bool hasNil(Type *T);
bool comparable(Type *T, bool Dynamic = false, std::string *Reason = nullptr);
bool identical(Type *X, Type *Y);
bool identicalIgnoreTags(Type *X, Type *Y);
/// The default type of an untyped type (int for untyped int, ...).
Type *defaultType(TypeContext &Ctx, Type *T);
/// Whether T (or its elements) contain pointers the GC must see.
bool hasPointers(Type *T);

/// Computes the method set of an interface (fills AllMethods).
void completeInterface(TypeContext &Ctx, Interface *I);

/// Looks up a field or method named Name in T (go/types'
/// LookupFieldOrMethod). On success returns the object and fills Index and
/// Indirect. If the name is ambiguous, returns null with Index non-empty.
/// AddressableOrPtr: T is addressable or a pointer (for pointer methods).
/// FoldCase also matches names that differ only in (ASCII) case; it is used
/// only to explain missing methods.
Object *lookupFieldOrMethod(TypeContext &Ctx, Type *T, bool Addressable,
                            Package *Pkg, llvm::StringRef Name,
                            llvm::SmallVectorImpl<int> &Index, bool &Indirect,
                            bool FoldCase = false);

/// Checks whether V implements interface T. On failure returns false and
/// fills Missing with the first missing method (and WrongType if a method
/// with that name exists but has the wrong type or receiver); PtrRecv is
/// set when the method exists with a pointer receiver only.
bool implements(TypeContext &Ctx, Type *V, Interface *T, Func **Missing,
                Func **WrongType, bool *PtrRecv);

/// The methods of the method set of T (value receiver methods for T; value
/// and pointer receiver methods for *T), including promoted ones, sorted by
/// qualified name. Each entry gives the method and the path to it.
struct MethodSetEntry {
  Func *Method;
  llvm::SmallVector<int, 4> Index; ///< embedded path then method index
  bool Indirect;
};
std::vector<MethodSetEntry> methodSet(TypeContext &Ctx, Type *T);

/// How types print: Qualified prints package names for every named type
/// ("main.T", as the runtime and gc's type strings do); otherwise names of
/// the package being compiled are unqualified (as types2's messages).
std::string typeString(Type *T, Package *Current = nullptr);
/// An object as go/types' ObjectString writes it: "var x int",
/// "const c untyped int", "type T struct{...}", "func f(x int) string".
std::string objectString(Object *Obj, Package *Current);

} // namespace types
} // namespace gortc

#endif // GORTC_FRONTEND_TYPES_H
