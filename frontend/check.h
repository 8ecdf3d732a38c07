//===- frontend/check.h - Go type checker -----------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The type checker: a port of the algorithms of gc's types2 (go/types),
// reporting errors in gc 1.19's wording
// (types2 with CompilerErrorMessages set, as gc configures it).
//
// Phases (check.cpp, in order):
//   1. collectObjects   declare every package-level object in the package
//                       scope (imports in file scopes), associate methods
//                       with their receiver base type names;
//   2. packageObjects   type-check each package-level object on demand
//                       (objDecl), detecting declaration cycles with a
//                       grey/black colouring as go/types does;
//   3. function bodies  statements (check_stmt.cpp) and expressions
//                       (check_expr.cpp, check_call.cpp);
//   4. initOrder        dependency-ordered package variable initialisation;
//   5. unusedImports;
//   6. LateErrors       errors gc reports in its back end, only when type
//                       checking found none (print of a struct or array,
//                       missing function bodies).
//
// Packages: one Checker checks one package. The driver checks a program's
// packages imports first, all in one TypeContext, and Importer hands out
// the Package objects already checked: an import's objects and types are
// used directly (no export data), so type identity across packages is
// pointer identity as within one. In an imported package, functions may
// lack bodies unless Complete is set (gc's -complete).
//
// Generics (check_generic.cpp): generic declarations are checked for their
// type parameters and signatures; each instance is a copy of the
// declaration checked with the type arguments bound to the parameters' names,
// made by the checker of the generic's package.
//
// Untyped expressions: as in go/types, an untyped operand keeps its untyped
// type until context gives it one; the Untyped map remembers such
// expressions and updateExprType walks back down the tree to record final
// types (which is how `1 << s` gets the type of its context).
//
// Results are written into the syntax tree (Expr::TV, Name::Obj, selections,
// captures) and into the Info below, which codegen consumes.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_FRONTEND_CHECK_H
#define GORTC_FRONTEND_CHECK_H

#include "frontend/ast.h"
#include "frontend/diagnostics.h"
#include "frontend/types.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <functional>
#include <optional>

namespace gortc {
namespace types {

/// One package-level variable initialisation, in execution order.
struct Initializer {
  llvm::SmallVector<Var *, 2> Lhs; ///< several for `var a, b = f()`
  syntax::Expr *Rhs;
};

/// What the checker hands to codegen besides the annotated trees.
struct Info {
  Package *Pkg = nullptr;
  llvm::ArrayRef<syntax::File *> Files;
  std::vector<Initializer> InitOrder;
  /// Package-level functions and methods with bodies, in source order.
  std::vector<Func *> Funcs;
  /// init functions, in source order.
  std::vector<Func *> Inits;
  /// Package-level variables, in source order.
  std::vector<Var *> Globals;
  /// The packages this one imports (other than unsafe), in the order of
  /// their first import declaration: their initialisation runs first.
  std::vector<Package *> Imports;
  /// Named types declared in the package (package level and local), in
  /// declaration order, and the instances of generic types it uses.
  std::vector<Named *> NamedTypes;
  /// Instances of generic functions and methods this package's code uses,
  /// directly or through other instances (also in Funcs): each package
  /// compiles the instances it uses (check_generic.cpp).
  std::vector<Func *> Instances;
  /// Types of comma-ok expressions (v, ok := m[k] / x.(T) / <-c): the
  /// expression is recorded with a two-element Tuple.
  llvm::DenseMap<syntax::Expr *, Tuple *> CommaOk;
  /// Builtin call signatures (for append/copy/len...): the argument types.
  /// Implicitly declared type-switch variables per clause are on the AST.
  Func *MainFunc = nullptr;
};

/// An operand: the result of checking an expression.
struct Operand {
  syntax::Mode M = syntax::Mode::Invalid;
  syntax::Expr *E = nullptr;
  Type *T = nullptr;
  ConstValue Val;
  BuiltinId Id = BuiltinId::Append;
  bool IsNil = false; ///< the untyped (or typed) nil value
  /// A generic function not yet instantiated (M is Value, T its generic
  /// signature): the function, the name that denotes it, and the type
  /// arguments given explicitly so far (f[int] of f[K, V]).
  Func *Generic = nullptr;
  syntax::Name *GenericName = nullptr;
  std::vector<Type *> TArgs;
  std::vector<Pos> TArgPos; ///< where each of TArgs is written

  bool invalid() const { return M == syntax::Mode::Invalid; }
};

class Checker {
public:
  Checker(TypeContext &Ctx, DiagnosticEngine &Diags, const SourceManager &SM);

  /// Resolves an import path other than unsafe to a package checked
  /// earlier; null if there is none (the import is reported).
  std::function<Package *(llvm::StringRef Path)> Importer;
  /// gc's -complete: every function must have a body. The driver clears it
  /// for packages whose bodies may come from elsewhere (assembly, the
  /// runtime), as go build does.
  bool Complete = true;
  /// The package's code is compiled already (the build cache): check only
  /// what importers see -- declarations, signatures, constants, the types
  /// of variables -- as go/types' IgnoreFuncBodies does, and also leave out
  /// a package-level initialiser whose type is evident without it (a
  /// declared type, T{...}, &T{...}). The parser has then usually skipped
  /// the bodies (FuncDecl::BodySkipped). Instances of generics are still
  /// checked whole: the packages that use them compile them. The Info is
  /// not for lowering.
  bool DeclsOnly = false;

  /// Checks the files of one package. Returns false if errors were reported.
  bool checkPackage(llvm::StringRef Path, llvm::ArrayRef<syntax::File *> Files,
                    Info &Out);

private:
  friend struct InstanceScope;

  //--- Declarations (check.cpp) ------------------------------------------===//
  struct DeclInfo {
    Scope *FileScope = nullptr;
    llvm::SmallVector<Object *, 2> Lhs; ///< all lhs of a multi-var decl
    syntax::Expr *TypeExpr = nullptr;
    syntax::Expr *Init = nullptr;
    bool InheritedInit = false; ///< const spec repeating a previous one
    unsigned Iota = 0;
    syntax::TypeDecl *TDecl = nullptr;
    syntax::FuncDecl *FDecl = nullptr;
    /// Package-level objects this declaration refers to (for init order).
    llvm::SetVector<Object *> Deps;
  };

  void collectObjects(llvm::ArrayRef<syntax::File *> Files);
  /// Applies the files' //go:linkname directives (Object::LinkName).
  void linkNames(llvm::ArrayRef<syntax::File *> Files);
  void declarePkgObj(syntax::Name *Ident, Object *Obj,
                     std::unique_ptr<DeclInfo> D);
  void packageObjects();
  void objDecl(Object *Obj);
  bool cycleCheck(Object *Obj);
  void cycleError(llvm::ArrayRef<Object *> Cycle);
  void constDecl(Const *Obj, syntax::Expr *Typ, syntax::Expr *Init,
                 bool Inherited);
  void varDecl(Var *Obj, llvm::ArrayRef<Object *> Lhs, syntax::Expr *Typ,
               syntax::Expr *Init);
  void typeDecl(TypeName *Obj, syntax::TypeDecl *TD);
  /// Gives the defined types waiting for N's underlying type that type.
  void resolvePendingUnderlying(Named *N);
  void funcDecl(Func *Obj, DeclInfo *D);
  void collectMethods(TypeName *Obj);
  TypeName *resolveBaseTypeName(bool SeenPtr, syntax::Name *Name);
  void funcBody(syntax::Node *Owner, Func *F, Signature *Sig,
                syntax::BlockStmt *Body);
  void usage(Scope *S);
  void declStmt(llvm::ArrayRef<syntax::Decl *> Decls);
  void initOrder(Info &Out);
  /// The package-level objects Obj's declaration refers to.
  llvm::SetVector<Object *> declDeps(Object *Obj);
  bool findInitPath(Object *From, Object *To,
                    llvm::SmallPtrSetImpl<Object *> &Seen,
                    std::vector<Object *> &Path);
  void reportInitCycle(llvm::ArrayRef<Object *> Cycle);
  void unusedImports();
  /// Marks an imported package name used (reporting an import the Importer
  /// did not resolve at its first use).
  void usePkgName(PkgName *PN);
  void addDeclDep(Object *Obj);
  /// Declares Obj in S; returns false (after reporting) if the name is taken.
  bool declare(Scope *S, syntax::Name *Id, Object *Obj, Pos ScopePos);
  Object *lookup(llvm::StringRef Name);

  //--- Types (check_types.cpp) -------------------------------------------===//
  Type *typ(syntax::Expr *E);
  Type *varType(syntax::Expr *E);
  /// DeclsOnly: the type of a package-level initialiser when the text shows
  /// it (T{...}, &T{...}), without checking it; else null.
  Type *evidentType(syntax::Expr *Init);
  /// Taking the address of E (&E, E[:] of an array, a pointer method
  /// called on E) takes the address of the variable E is, or is a field
  /// or array element of, if any (Var::AddrTaken): a local then gets a
  /// heap cell, which escape analysis (codegen/stack_alloc.cpp) may move
  /// back into the frame. A pointer, slice, map or string on the way
  /// leads elsewhere: no variable of this frame is addressed then.
  void markAddrTaken(syntax::Expr *E);
  Type *definedType(syntax::Expr *E, Named *Def);
  Type *typInternal(syntax::Expr *E, Named *Def);
  /// A type name's operand: an identifier, a qualified identifier, or (for
  /// anything else) the expression's.
  void namedOperand(Operand &X, syntax::Expr *E, Named *Def);
  int64_t arrayLength(syntax::Expr *E);
  Signature *funcType(syntax::Node *Owner, Scope *FnScope, syntax::Field *Recv,
                      syntax::FuncType *FT, bool &PtrRecv);
  /// A parameter or result named in a signature, declared in the function
  /// scope once the whole signature is typed: its scope is the body, so a
  /// parameter named like a package does not hide the package from the
  /// types after it (`func f(url string, v url.Values)`).
  using ParamDecl = std::pair<syntax::Name *, Var *>;
  Tuple *collectParams(llvm::ArrayRef<syntax::Field *> List, bool VariadicOk,
                       bool &Variadic, llvm::SmallVectorImpl<ParamDecl> &Decls);
  Struct *structType(syntax::StructType *E);
  Interface *interfaceType(syntax::InterfaceType *E, Named *Def);
  void validVarType(syntax::Expr *E, Type *T);
  bool validType(Type *T, llvm::SmallVectorImpl<Named *> &Path);
  void embeddedDuplicates(Interface *I, const std::vector<Pos> &EmbedPos);
  llvm::DenseSet<Named *> ValidTypes; ///< named types validType accepted
  unsigned ValidIncomplete = 0;       ///< undeclared types validType has met

  //--- Generics (check_generic.cpp) --------------------------------------===//
public:
  /// The instance of the generic type G (of this checker's package) for
  /// Args, made once; Requester records it among what its code uses.
  Named *instanceType(Named *G, llvm::ArrayRef<Type *> Args, Pos P,
                      Checker *Requester);
  /// The same for a generic function.
  Func *instanceFunc(Func *G, llvm::ArrayRef<Type *> Args, Pos P,
                     Checker *Requester);
  /// Checks the body of an instance of this checker's package.
  void checkInstanceBody(Func *F);

private:
  struct GenericDecl {
    Scope *FileScope = nullptr;
    syntax::TypeDecl *TD = nullptr; ///< for a generic type
    /// Instances made so far: the type arguments and the instance (a
    /// TypeName or a Func).
    std::vector<std::pair<std::vector<Type *>, Object *>> Instances;
  };
  llvm::DenseMap<Object *, GenericDecl> Generics;
  /// Where instances used by the code being checked are recorded: the
  /// instance whose body or type is being made, else the package (null).
  std::vector<Object *> *CurUses = nullptr;
  /// The instances the package's own code uses (drainInstances makes
  /// Info::Instances, their closure).
  std::vector<Object *> RootUses;
  /// Set while checking an instance's body: errors that only substitution
  /// can cause (a duplicate type-switch case T when T is int) are not
  /// errors of generic code.
  bool InInstance = false;
  /// The instance whose body is being checked (InInstance).
  Func *CurInstance = nullptr;
  /// How deep instances may make instances that make instances: deeper is
  /// an instantiation cycle (f[T] using f[[]T]).
  static constexpr unsigned MaxInstanceNesting = 64;
  /// Set by callExpr and indexExpr for the operand they evaluate next: it
  /// may be a generic function not instantiated yet.
  bool AllowGeneric = false;
  /// The function expression of the call being checked (f[int] in
  /// f[int](x) may leave type arguments to inference).
  syntax::Expr *GenericCallee = nullptr;

  /// Declares a type parameter list in S; Early, if given, receives the
  /// parameters before their constraints are checked.
  std::vector<TypeParam *>
  declareTypeParams(Scope *S, llvm::ArrayRef<syntax::Field *> L, Pos ScopePos,
                    std::vector<TypeParam *> *Early = nullptr);
  Type *constraintType(syntax::Expr *E);
  void collectTerms(syntax::Expr *E, std::vector<Interface::Term> &Terms);
  std::vector<Type *> typeArgs(syntax::Expr *Index);
  /// A generic type with its type parameters, as types2 prints it.
  std::string genericString(Named *G);
  /// Instantiates G (a generic type, possibly of another package) for the
  /// type arguments written in Index.
  Type *instantiateTypeExpr(Named *G, syntax::IndexExpr *E);
  Func *instantiate(Func *G, llvm::ArrayRef<Type *> Args, Pos P);
  void recordUse(Object *Inst);
  Scope *instScope(Scope *Parent, llvm::ArrayRef<syntax::Expr *> Names,
                   llvm::ArrayRef<Type *> Args);
  void instanceSignature(Func *F, Scope *IS);
  Func *instanceMethod(Named *N, Func *GM);
  /// Function argument and constraint type inference: completes TArgs
  /// (the explicit ones first) for a call of G with Args.
  bool infer(Func *G, std::vector<Type *> &TArgs, std::vector<Operand> &Args,
             syntax::CallExpr *Call, Pos P);
  /// Instantiates the generic operand X for the call Call (after inference
  /// from its arguments when Args is given) or for a use as a value.
  bool instantiateOperand(Operand &X, std::vector<Operand> *Args,
                          syntax::CallExpr *Call, Pos P);
  /// Whether Arg satisfies the constraint Bound (type arguments already
  /// substituted into it); if not, Cause says why in types2's words.
  bool satisfies(Type *Arg, Type *Bound, std::string &Cause);
  /// Reports the first type argument that does not satisfy its
  /// constraint, at its ArgPos (explicit ones) or at P (inferred ones).
  bool verifyTypeArgs(llvm::ArrayRef<TypeParam *> TPs,
                      llvm::ArrayRef<Type *> Args, Pos P,
                      llvm::ArrayRef<Pos> ArgPos = {});
  /// Checks the generic declarations on their own: each generic function
  /// and the methods of each generic type, as the instance whose type
  /// arguments are its own type parameters.
  void checkGenericBodies();
  void checkGenericBody(Func *F);
  void finalizeUntyped();
  void drainInstances();

  //--- Expressions (check_expr.cpp) --------------------------------------===//
  enum class ExprKind { Conversion, Expression, Statement };
  ExprKind rawExpr(Operand &X, syntax::Expr *E, Type *Hint);
  ExprKind exprInternal(Operand &X, syntax::Expr *E, Type *Hint);
  void expr(Operand &X, syntax::Expr *E);
  void multiExpr(Operand &X, syntax::Expr *E);
  void exprWithHint(Operand &X, syntax::Expr *E, Type *Hint);
  void exprOrType(Operand &X, syntax::Expr *E);
  void exclude(Operand &X, unsigned ModeSet);
  void singleValue(Operand &X);
  void ident(Operand &X, syntax::Name *E, Named *Def, bool WantType);
  void useVar(Var *V);
  void unary(Operand &X, syntax::Operation *E);
  void binary(Operand &X, syntax::Expr *E, syntax::Expr *Lhs, syntax::Expr *Rhs,
              Operator Op, Pos OpPos);
  void shift(Operand &X, Operand &Y, syntax::Expr *E, Operator Op);
  void comparison(Operand &X, Operand &Y, Operator Op, bool SwitchCase);
  void overflow(Operand &X, Pos OpPos);
  bool representableConst(const ConstValue &V, Basic *T, ConstValue *Rounded);
  void representable(Operand &X, Basic *T);
  enum class ConvCode {
    Ok,
    TruncatedFloat,
    NumericOverflow,
    InvalidConstVal,
    InvalidUntypedConversion
  };
  ConvCode representation(Operand &X, Basic *T, ConstValue &Out);
  void invalidConversion(ConvCode C, Operand &X, Type *Target);
  void convertUntyped(Operand &X, Type *Target);
  Type *implicitTypeAndValue(Operand &X, Type *Target, ConstValue *Val,
                             ConvCode &Code);
  void updateExprType(syntax::Expr *E, Type *T, bool Final,
                      syntax::Expr *Parent = nullptr);
  void updateExprVal(syntax::Expr *E, const ConstValue &V);
  void record(Operand &X);
  void recordTV(syntax::Expr *E, syntax::Mode M, Type *T, const ConstValue *V);
  void compositeLit(Operand &X, syntax::CompositeLit *E, Type *Hint);
  int64_t indexedElts(llvm::ArrayRef<syntax::Expr *> Elems, Type *Elem,
                      int64_t Length);
  bool indexExpr(Operand &X, syntax::IndexExpr *E);
  void sliceExpr(Operand &X, syntax::SliceExpr *E);
  bool isValidIndex(Operand &X, const char *What, bool AllowNegative);
  Type *index(syntax::Expr *E, int64_t Max, int64_t *Val);
  void selector(Operand &X, syntax::SelectorExpr *E, Named *Def);
  void typeAssertion(syntax::Expr *E, Operand &X, Type *T, bool TypeSwitch);
  std::string missingMethodReason(Type *V, Type *T, Func *M, Func *Alt);
  bool assignableTo(Operand &X, Type *T, std::string *Reason);
  bool convertibleTo(Operand &X, Type *T, std::string *Cause);
  bool implementsType(Type *V, Type *T, std::string *Reason);
  void funcLit(Operand &X, syntax::FuncLit *E);

  //--- Calls (check_call.cpp) --------------------------------------------===//
  ExprKind callExpr(Operand &X, syntax::CallExpr *Call);
  std::vector<Operand> exprList(llvm::ArrayRef<syntax::Expr *> Elems,
                                bool AllowCommaOk, bool &CommaOk);
  void arguments(syntax::CallExpr *Call, Signature *Sig,
                 std::vector<Operand> &Args);
  bool builtin(Operand &X, syntax::CallExpr *Call, BuiltinId Id);
  void conversion(Operand &X, Type *T);
  void use(llvm::ArrayRef<syntax::Expr *> Es);
  void use(syntax::Expr *E);

  //--- Assignments (check_stmt.cpp) --------------------------------------===//
  void assignment(Operand &X, Type *T, const std::string &Context);
  void initConst(Const *Lhs, Operand &X);
  Type *initVar(Var *Lhs, Operand &X, const std::string &Context);
  Type *assignVar(syntax::Expr *Lhs, Operand &X);
  void initVars(llvm::ArrayRef<Var *> Lhs, llvm::ArrayRef<syntax::Expr *> Rhs,
                syntax::Stmt *ReturnStmt);
  void assignVars(llvm::ArrayRef<syntax::Expr *> Lhs,
                  llvm::ArrayRef<syntax::Expr *> Rhs);
  void assignError(llvm::ArrayRef<syntax::Expr *> Rhs, size_t NVars,
                   size_t NVals);
  void shortVarDecl(Pos P, llvm::ArrayRef<syntax::Expr *> Lhs,
                    llvm::ArrayRef<syntax::Expr *> Rhs);
  std::string typesSummary(llvm::ArrayRef<Type *> List, bool Variadic);

  //--- Statements (check_stmt.cpp) ---------------------------------------===//
  enum StmtContext : unsigned {
    BreakOk = 1,
    ContinueOk = 2,
    FallthroughOk = 4,
    FinalSwitchCase = 8,
    InTypeSwitch = 16,
  };
  void stmtList(unsigned Ctxt, llvm::ArrayRef<syntax::Stmt *> List);
  void stmt(unsigned Ctxt, syntax::Stmt *S);
  void simpleStmt(syntax::Stmt *S);
  void switchStmt(unsigned Inner, syntax::SwitchStmt *S);
  void typeSwitchStmt(unsigned Inner, syntax::SwitchStmt *S,
                      syntax::TypeSwitchGuard *G);
  void rangeStmt(unsigned Inner, syntax::ForStmt *S, syntax::RangeClause *R);
  void caseValues(Operand &X, llvm::ArrayRef<syntax::Expr *> Values,
                  std::vector<std::pair<Operand, Pos>> &Seen);
  Type *caseTypes(Operand *X, llvm::ArrayRef<syntax::Expr *> Types,
                  std::vector<std::pair<Type *, syntax::Expr *>> &Seen,
                  bool &IsNil);
  void suspendedCall(const char *Keyword, syntax::CallExpr *Call);
  bool isTerminating(syntax::Stmt *S, llvm::StringRef Label);
  bool isTerminatingList(llvm::ArrayRef<syntax::Stmt *> List,
                         llvm::StringRef Label);
  bool isTerminatingSwitch(llvm::ArrayRef<syntax::CaseClause *> Body,
                           llvm::StringRef Label);
  bool hasBreak(syntax::Stmt *S, llvm::StringRef Label, bool Implicit);
  bool hasBreakList(llvm::ArrayRef<syntax::Stmt *> List, llvm::StringRef Label,
                    bool Implicit);
  void openScope(syntax::Node *N, Pos End);
  void closeScope();

  //--- Errors and strings
  //--------------------------------------------------===//
  void error(Pos P, const std::string &Msg);
  void errorAt(syntax::Node *N, const std::string &Msg);
  void errorAt(Operand &X, const std::string &Msg);
  /// Reports a message with continuation lines ("\n\t" + pos + ": " + msg).
  void reportMulti(Pos P,
                   const std::vector<std::pair<Pos, std::string>> &Parts);
  std::string str(Type *T) { return typeString(T, Pkg); }
  std::string str(syntax::Node *N) { return syntax::exprString(N); }
  std::string str(Operand &X);
  std::string posStr(Pos P) { return SM.format(P); }
  std::string kindString(Type *T);
  std::string incomparableCause(Type *T);

  //--- State -------------------------------------------------------------===//
  TypeContext &Ctx;
  DiagnosticEngine &Diags;
  const SourceManager &SM;
  Info *Out = nullptr;
  Package *Pkg = nullptr;
  Scope *PkgScope = nullptr;
  Scope *CurScope = nullptr;

  llvm::MapVector<Object *, std::unique_ptr<DeclInfo>> ObjMap;
  llvm::DenseMap<TypeName *, std::vector<Func *>> MethodsByBase;
  std::vector<Object *> ObjPath; ///< package objects being checked (cycles)
  std::vector<Scope *> FileScopes;
  std::vector<PkgName *> Imports;
  /// Imports the Importer did not resolve (the driver's loader reports
  /// missing packages before checking), with the positions of their paths:
  /// usePkgName reports them at the first use.
  llvm::DenseMap<PkgName *, Pos> FakeImportPaths;
  /// Set if the package declares generic functions or types.
  bool HasGenerics = false;
  /// While checking a generic body: the names of its type parameters
  /// (errors mentioning them are left to the instances).
  /// Checking a generic body on its own (checkGenericBody).
  bool InGenericBody = false;
  /// Checking the constraints of a type parameter list (types2's
  /// inTParamList): a cycle through a generic type is then invalid.
  bool InTParamList = false;
  /// The declaration of each type name checked so far.
  llvm::DenseMap<TypeName *, syntax::TypeDecl *> TypeDecls;
  /// Defined types whose right-hand side is a defined type still being
  /// resolved, keyed by that type (see typeDecl).
  llvm::DenseMap<Named *, std::vector<Named *>> PendingUnderlying;
  /// Objects dot-imported into a file scope, with their import.
  llvm::DenseMap<std::pair<Scope *, Object *>, PkgName *> DotImports;
  DeclInfo *CurDecl = nullptr; ///< package-level decl being checked (deps)

  /// The function being checked: its signature and the function contexts
  /// enclosing it (outermost first), for closure capture tracking.
  struct FuncCtx {
    syntax::Node *Owner; ///< FuncDecl or FuncLit
    Signature *Sig;
    Func *Fn;             ///< the package-level function (for literal naming)
    syntax::FuncLit *Lit; ///< non-null for literals
    llvm::SetVector<Var *> Captures;
  };
  std::vector<FuncCtx *> FuncStack;
  std::optional<ConstValue> Iota; ///< value of iota in a const decl
  /// Valid while checking an inherited constant initializer: where its
  /// errors are reported (types2's errpos).
  Pos ErrPos;
  bool HasCallOrRecv = false;
  unsigned LocalTypeCount = 0;
  unsigned GlobLits = 0; ///< literals in package-level initializers so far

  struct UntypedInfo {
    bool IsLhs = false; ///< the lhs of a shift with non-constant shift count
    syntax::Mode M;
    Basic *T;
    std::optional<ConstValue> Val;
  };
  llvm::DenseMap<syntax::Expr *, UntypedInfo> Untyped;

  /// Function scopes (parameters), keyed by FuncDecl or FuncLit.
  llvm::DenseMap<syntax::Node *, Scope *> FnScopes;
  /// Local variables of the function body being checked (for "declared but
  /// not used"); function literals keep their own list.
  std::vector<Var *> Locals;
  std::deque<std::vector<Var *>> CaptureStore;
  llvm::ArrayRef<Var *> copyCaptures(const llvm::SetVector<Var *> &C);
  /// Checks that need complete types (map keys, embedded fields), run after
  /// the package-level declarations.
  std::vector<std::function<void()>> Later;
  void processLater();
  /// Errors gc reports only after type checking succeeded (in its back end,
  /// e.g. walkPrint): reported at the end of checkPackage if no other error
  /// was.
  std::vector<std::pair<Pos, std::string>> LateErrors;
};

} // namespace types
} // namespace gortc

#endif // GORTC_FRONTEND_CHECK_H
