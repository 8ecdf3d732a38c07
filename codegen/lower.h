//===- codegen/lower.h - Lowering context -----------------------*- C++ -*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Lowering of a checked Go package to LLVM IR, straight from the annotated
// syntax tree (mem2reg/SROA build SSA form from our allocas).
//
// Values. Go types split in two classes:
//   - scalars: numbers, bool, pointers, maps, chans, funcs, strings
//     ({ptr, len}), slices ({ptr, len, cap}), interfaces ({tab, data}) and
//     complex numbers are LLVM first-class values;
//   - aggregates: structs and arrays live in memory. An aggregate expression
//     is lowered into a destination address (emitAggInto) or to the address
//     of a temporary or variable that holds it (emitAggAddr). Loading large
//     arrays as SSA values would explode compile time; SROA recovers small
//     structs in registers after inlining.
//
// Pointers the garbage collector must see are `ptr addrspace(1)` (design.md
// "Allocation and GC"); allocas and globals are addrspace(0) and are cast to
// addrspace(1) where their address becomes a Go pointer value.
//
// The Go calling convention (see also libgort/abi.h):
//   ret @f(ptr %ctx, [ptr %out.N for each aggregate result,]
//          params (aggregates by pointer to a caller-owned copy))
//   ret is void, a scalar, or a literal struct of the scalar results.
// When the scalar results do not fit in the target's return registers
// (x86-64: three integer and four floating-point pieces; AArch64: eight
// of each), every result has an out pointer and ret is void: LLVM would
// otherwise return them in a hidden buffer, which its lowering of GC
// statepoints cannot handle (getABI).
// Methods take their receiver as the first parameter after ctx (after any
// result pointers), exactly like the method expression's function type, so
// T.M can use the method directly as a func value.
//
// Files: lower_func.cpp (functions, calls, closures), lower_expr.cpp,
// lower_stmt.cpp, lower_builtin.cpp (builtins, print, conversions),
// lower_iface.cpp (interfaces, type descriptors), lower_chan.cpp (go,
// channels, select), lower_map.cpp (maps,
// hash functions, assignable places), lower_types.cpp (LLVM types, sizes),
// runtime_decls.cpp (runtime entry points by RuntimeFn, from
// libgort/abi.def), stack_check.cpp (late prologue pass), target.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef GORTC_CODEGEN_LOWER_H
#define GORTC_CODEGEN_LOWER_H

#include "codegen/codegen.h"
#include "codegen/runtime_decls.h"
#include "frontend/check.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/DIBuilder.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

#include <functional>
#include <optional>

namespace gortc {
namespace codegen {

using types::Type;

/// Address space of pointers the garbage collector traces.
constexpr unsigned GCAddrSpace = 1;

/// How a Go function's parameters and results map to LLVM (see lower.h).
struct FuncABI {
  llvm::FunctionType *FnTy = nullptr;
  /// For each Go result: true if returned through an out pointer.
  llvm::SmallVector<bool, 4> ResultIndirect;
  /// For each Go parameter (receiver first, for methods): true if passed by
  /// pointer (aggregates).
  llvm::SmallVector<bool, 8> ParamIndirect;
  /// Index of the first out pointer in the LLVM argument list (after ctx).
  unsigned FirstOut = 1;
  /// Index of the first Go parameter in the LLVM argument list.
  unsigned FirstParam = 1;
  /// The scalar results in order (their Go result indices).
  llvm::SmallVector<unsigned, 4> ScalarResults;
};

class Lowerer;
class FuncLowerer;

/// The attributes of every function compiled from Go or generated for it:
/// nounwind, frame pointers, no tail calls, and the stack-growth prologue.
void setGoFunctionAttrs(llvm::Function *F);

/// The type of an expression as lowering sees it: untyped constants take
/// their default type; names declared by := carry their variable's type.
Type *exprType(types::TypeContext &C, syntax::Expr *E);
/// True for the blank identifier `_`.
bool isBlank(syntax::Expr *E);
/// For an instantiation f[int] or pkg.F[int] of a generic function, the
/// name whose object is the instance; else null.
syntax::Name *instanceName(syntax::Expr *E);
/// The builtin function (append, len, unsafe.Sizeof ...) that the callee
/// Fun of a call names, if it names one.
std::optional<types::BuiltinId> builtinOf(syntax::Expr *Fun);
/// The field index and the value of element I of struct literal E. A key
/// names a field of the literal's own type, which may be another, identical
/// struct type than the one it is stored as (x = struct{ a int }{a: 1});
/// identical structs agree on the fields' order.
std::pair<unsigned, syntax::Expr *> structLitElem(syntax::CompositeLit *E,
                                                  size_t I);

/// The (index, value) pairs of array or slice literal E; returns its length.
int64_t
literalIndices(syntax::CompositeLit *E,
               llvm::SmallVectorImpl<std::pair<int64_t, syntax::Expr *>> &Out);
/// Whether an interface holds a T in its data word itself (pointer-shaped
/// types) rather than a pointer to a copy.
bool isDirectIface(Type *T);

/// Which runtime variant serves a map's operations (gc: mapfast).
enum class MapFast { Slow, F32, F64, Str };

/// A map key ready for a runtime call: by value for the fast variants, else
/// the address of a temporary holding it.
struct MapKey {
  MapFast Kind = MapFast::Slow;
  llvm::Value *Val = nullptr;
  llvm::Value *Addr = nullptr;
};

/// A nil or bounds check that computing a place's address would make,
/// postponed until the place is stored to (FuncLowerer::DeferredChecks).
struct PendingCheck {
  llvm::Value *Ptr = nullptr;   ///< nil check of Ptr; else a bounds check:
  llvm::Value *Index = nullptr; ///< the index as i64
  llvm::Value *Len = nullptr;
  unsigned Code = 0; ///< BoundsKind | BoundsSigned
  Pos At;            ///< the index expression's "[", for the panic's line
};

/// An assignable place with its operands evaluated: a memory address, or a
/// map element (m[k]) whose slot is taken only when the value is stored.
/// Checks holds the nil and bounds checks of the address, which the spec
/// makes part of the assignment, not of the evaluation of its operands:
/// in `m[k], *p = 1, 2` the map element is stored before a nil p panics.
struct LValue {
  llvm::Value *Addr = nullptr; ///< null for `_` and map elements
  Type *MapT = nullptr;        ///< the map's type for m[k]
  llvm::Value *MapV = nullptr;
  MapKey Key;
  llvm::SmallVector<PendingCheck, 1> Checks;
  bool isBlank() const { return !Addr && !MapT; }
};

/// The callee of a call with its operands evaluated (FuncLowerer::emitCallee).
struct Callee {
  enum Kind { Static, Method, Iface, Value } K = Static;
  /// The signature to call with (for Iface, with an unsafe.Pointer receiver).
  types::Signature *Sig = nullptr;
  llvm::Function *Fn = nullptr; ///< Static, Method
  types::Func *Obj = nullptr;   ///< Static, Method: the function called
  /// Method: the receiver (a scalar, or the address of an aggregate); Iface:
  /// the interface's data word.
  llvm::Value *Recv = nullptr;
  Type *RecvT = nullptr; ///< type of Recv (Method, Iface)
  /// Iface: the method's code pointer; Value: the funcval (may be nil).
  llvm::Value *Code = nullptr;
};

/// A call whose function value and arguments have been evaluated, for go
/// and defer statements (FuncLowerer::packageCall).
struct PackagedCall {
  /// The captured values as a Go struct (field 0 is the code pointer when
  /// the struct is a closure object).
  types::Struct *ST = nullptr;
  /// Go-level value of each field (null for the code pointer).
  llvm::SmallVector<llvm::Value *, 8> Vals;
  /// Emits the call, reading the captures from an ST at Base. Usable from
  /// any function (the wrapper, an open-coded defer's exit, its runner).
  std::function<void(FuncLowerer &, llvm::Value *Base)> Body;
};

/// Per-function lowering state.
class FuncLowerer {
public:
  FuncLowerer(Lowerer &L, llvm::Function *F, types::Signature *Sig,
              syntax::Node *Owner);

  /// Lowers a function body: parameters, statements, implicit return.
  void lowerBody(syntax::BlockStmt *Body, llvm::ArrayRef<types::Var *> Params,
                 types::Var *Recv, llvm::ArrayRef<types::Var *> Captures);

  //--- Expressions (lower_expr.cpp) ------------------------------------===//
  /// Lowers a scalar expression to its value. For constants, Target is the
  /// type the constant takes (when the expression's own type is untyped).
  llvm::Value *emitExpr(syntax::Expr *E);
  /// Lowers an expression converted to type T (assignability conversions:
  /// untyped constants, concrete to interface, interface to interface,
  /// channel direction). Aggregates are not allowed here.
  llvm::Value *emitExprAs(syntax::Expr *E, Type *T);
  /// Stores the value of E, converted to T, at Addr.
  void emitStoreInto(syntax::Expr *E, Type *T, llvm::Value *Addr);
  /// The address of an aggregate-typed expression's value (a variable's
  /// storage, or a temporary).
  llvm::Value *emitAggAddr(syntax::Expr *E);
  /// The address of an addressable expression (variable, *p, a[i], x.f).
  llvm::Value *emitAddr(syntax::Expr *E);
  llvm::Value *emitConst(const ConstValue &V, Type *T);
  llvm::Value *emitCompare(Operator Op, llvm::Value *X, llvm::Value *Y,
                           Type *T);
  llvm::Value *emitBinary(Operator Op, llvm::Value *X, llvm::Value *Y, Type *T,
                          Type *YType);
  /// The string sum E (of type T) in one runtime call, as gc's OADDSTR:
  /// the operands of nested sums join the list, so a + b + (c + d) makes
  /// one string, not three. First, if given, yields a leftmost operand
  /// after the others are evaluated (s += ..., emitAssign).
  llvm::Value *emitConcat(syntax::Expr *E, Type *T,
                          llvm::function_ref<llvm::Value *()> First = nullptr);
  llvm::Value *emitConversion(llvm::Value *V, Type *From, Type *To);
  llvm::Value *emitSelector(syntax::SelectorExpr *E);
  llvm::Value *emitIndex(syntax::IndexExpr *E);
  llvm::Value *emitSliceExpr(syntax::SliceExpr *E);
  llvm::Value *emitCompositeLit(syntax::CompositeLit *E);
  void emitCompositeLitInto(syntax::CompositeLit *E, Type *T,
                            llvm::Value *Addr);
  llvm::Value *emitFuncLit(syntax::FuncLit *E);
  /// Follows an embedded-field path from Base (address of a value of type
  /// T); returns the final address and its type.
  llvm::Value *emitFieldPath(llvm::Value *BaseAddr, Type *&T,
                             llvm::ArrayRef<int> Path);
  /// Like emitFieldPath for the embedded-field path of a promoted method:
  /// a final embedded pointer is followed too (nil-checked unless the
  /// method has a pointer receiver, which may be called with nil).
  llvm::Value *emitRecvPath(llvm::Value *BaseAddr, Type *&T,
                            llvm::ArrayRef<int> Path, bool PtrRecv);
  /// The pointer to field I of struct type T at address Addr.
  llvm::Value *emitFieldAddr(llvm::Value *Addr, Type *T, unsigned I);
  void emitNilCheck(llvm::Value *Ptr);
  /// Checks Index < Len for the index expression whose "[" is at At.
  llvm::Value *emitBoundsCheck(llvm::Value *Index, Type *IndexType,
                               llvm::Value *Len, unsigned Code, Pos At);
  /// Branches to gort_panicBounds(X, Y, Code) when Bad holds (nothing if
  /// Bad is constant false); blocks named PanicName and OkName. The call
  /// is at At, the "[" of the index or slice expression, as in gc.
  void emitBoundsPanicIf(llvm::Value *Bad, llvm::Value *X, llvm::Value *Y,
                         unsigned Code, const char *PanicName,
                         const char *OkName, Pos At);
  /// The checks of an assignment's place (LValue::Checks), emitted now.
  void emitPendingChecks(llvm::ArrayRef<PendingCheck> Checks);
  /// While non-null, emitNilCheck and emitBoundsCheck record their checks
  /// here instead of emitting them (see LValue).
  llvm::SmallVectorImpl<PendingCheck> *DeferredChecks = nullptr;

  //--- Calls (lower_func.cpp) --------------------------------------------===//
  /// Lowers a call; returns the scalar result (single result), a struct of
  /// results (multi results, see emitCallResults) or null.
  llvm::Value *emitCall(syntax::CallExpr *E, llvm::Value *AggDest = nullptr);
  /// Evaluates the callee part of a call (function value, receiver).
  Callee emitCallee(syntax::CallExpr *E);
  /// Calls C with Go-level arguments (see emitGoCall).
  void emitCalleeCall(const Callee &C, llvm::ArrayRef<llvm::Value *> Args,
                      llvm::SmallVectorImpl<llvm::Value *> &Results);
  /// Evaluates the function value and arguments of a go or defer statement
  /// now and packages the call as a closure of no arguments (a funcval)
  /// whose code is a wrapper in section .gort_wrapper.
  llvm::Value *emitCallClosure(syntax::CallExpr *E, llvm::StringRef Kind);
  /// Evaluates the function value and arguments of E now; false after a
  /// diagnostic if unsupported.
  bool packageCall(syntax::CallExpr *E, llvm::StringRef Kind, bool CodeField,
                   PackagedCall &PC);
  /// The wrapper function of a packaged call (void(ptr closure)).
  llvm::Function *makeCallWrapper(PackagedCall &PC, llvm::StringRef Kind);
  /// Stores the closure {WF, captured values} of PC at Obj.
  void storeCallClosure(PackagedCall &PC, llvm::Function *WF, llvm::Value *Obj);
  /// llvm.frameaddress(0): this function's frame record.
  llvm::Value *emitFrameAddress();
  /// Lowers a call returning several values; each result is returned as a
  /// scalar value or, for aggregates, the address of a temporary.
  llvm::SmallVector<llvm::Value *, 4> emitCallResults(syntax::CallExpr *E);
  /// emitArgs for a call to C, collecting in Kept the pointers that its
  /// uintptr(unsafe.Pointer) arguments converted if C is a
  /// //go:uintptrescapes function.
  void emitArgsKeeping(syntax::CallExpr *E, const Callee &C,
                       llvm::SmallVectorImpl<llvm::Value *> &Args,
                       llvm::SmallVectorImpl<llvm::Value *> &Kept);
  /// Zeroes the callee-saved registers (x86-64 rbx, r12-r15; AArch64
  /// x19-x27, x28 being the goroutine's), an asm statement that clobbers
  /// them, so that no live value stays in them across it either: after a
  /// //go:uintptrescapes call, a register that held one of its pointers
  /// would keep the object alive wherever a callee or the collector's
  /// start saves it (the collector scans those words conservatively).
  void emitClearCalleeSaved();
  /// The values of the arguments of a call converted to the parameter
  /// types of Sig (handles f(g()) and variadic packing).
  void emitArgs(syntax::CallExpr *E, types::Signature *Sig,
                llvm::SmallVectorImpl<llvm::Value *> &Out, bool SkipFirst);
  /// Emits the LLVM call with the Go ABI. Args are Go-level: scalar values
  /// or addresses of aggregates (to be copied). ResultAddrs receive the
  /// aggregate results. Returns the raw LLVM return value.
  llvm::Value *emitGoCall(llvm::FunctionCallee Callee, llvm::Value *Ctx,
                          types::Signature *Sig, llvm::Value *Recv,
                          llvm::ArrayRef<llvm::Value *> Args,
                          llvm::SmallVectorImpl<llvm::Value *> &Results,
                          llvm::Value *SingleAggDest = nullptr);

  //--- Builtins (lower_builtin.cpp) --------------------------------------===//
  llvm::Value *emitBuiltinCall(syntax::CallExpr *E, types::BuiltinId Id);
  void emitPrint(syntax::CallExpr *E, bool Ln);
  void emitPrintValue(llvm::Value *V, Type *T, const ConstValue *Const);
  /// Lowers append(s, ...). If First is given, it yields s, after the
  /// other operands are evaluated (m[k] = append(m[k], ...), emitAssign).
  llvm::Value *emitAppend(syntax::CallExpr *E,
                          llvm::function_ref<llvm::Value *()> First = nullptr);
  llvm::Value *emitMake(syntax::CallExpr *E);
  llvm::Value *emitLen(llvm::Value *V, Type *T, bool Cap);
  void emitPanic(llvm::Value *Eface);

  //--- Interfaces (lower_iface.cpp) --------------------------------------===//
  /// Converts V of type From to interface type To.
  llvm::Value *emitToInterface(llvm::Value *V, Type *From, Type *To,
                               llvm::Value *AggAddr = nullptr);
  llvm::Value *emitTypeAssert(syntax::AssertExpr *E, bool CommaOk,
                              llvm::Value **OkOut, llvm::Value *AggDest);
  /// Boxes a value (or the aggregate at AggAddr) into its interface data
  /// word.
  llvm::Value *emitBox(llvm::Value *V, Type *T, llvm::Value *AggAddr);
  /// Unboxes the data word of an interface holding a T.
  llvm::Value *emitUnbox(llvm::Value *Data, Type *T, llvm::Value *AggDest);
  llvm::Value *emitIfaceCompare(llvm::Value *X, llvm::Value *Y, Type *T);
  /// The dynamic type descriptor of an interface value.
  llvm::Value *emitDynType(llvm::Value *Iface, Type *IfaceType);
  /// Interface method dispatch, the one place that reads an itab's method
  /// table: the callee of method M of IV, a value of interface type IfaceT.
  /// Its code is abi::Itab::Fun[I], I being M's index in the interface's
  /// sorted method list; its receiver is IV's data word, and its signature
  /// M's with an unsafe.Pointer receiver (the ABI of itab entries, see
  /// Lowerer::getIfaceMethodWrapper). Nil-checks the itab first unless
  /// the caller already has (NilCheck false).
  Callee emitIfaceCallee(llvm::Value *IV, Type *IfaceT, types::Func *M,
                         bool NilCheck = true);

  //--- Statements (lower_stmt.cpp) ---------------------------------------===//
  void emitStmt(syntax::Stmt *S);
  void emitStmtList(llvm::ArrayRef<syntax::Stmt *> L);
  void emitAssign(syntax::AssignStmt *S);
  void emitIf(syntax::IfStmt *S);
  void emitFor(syntax::ForStmt *S, syntax::LabeledStmt *Label);
  void emitRange(syntax::ForStmt *S, syntax::RangeClause *R);
  void emitSwitch(syntax::SwitchStmt *S);
  void emitTypeSwitch(syntax::SwitchStmt *S, syntax::TypeSwitchGuard *G);
  void emitReturn(syntax::ReturnStmt *S);
  /// Returns the result slots' values (the function's return instruction).
  void emitRet();
  void emitDefer(syntax::CallStmt *S);
  /// What lowerBody needs to know about a body before lowering it.
  struct BodyScan {
    unsigned NumDefers = 0;
    bool DeferInLoop = false;
    bool HasGoto = false;
  };
  /// Finds defer and goto statements under N (Loops for statements inside
  /// it) outside nested function literals.
  static void scanBody(syntax::Node *N, BodyScan &SI, unsigned Loops);
  /// Open-coded defers (every defer statement runs at most once): the frame
  /// holds an abi::OpenDefers state and each statement's captured call;
  /// the exit block runs the pending ones; a generated runner runs them one
  /// by one for a panic.
  void beginOpenDefers(unsigned N);
  /// Finds the function literals only ever deferred (at most once, in a
  /// function with open-coded defers) and the variables only they capture:
  /// both can live in the frame (StackLits, StackCells).
  void findStackClosures(syntax::BlockStmt *Body);
  void finishOpenDefers();
  void emitOpenDefer(syntax::CallStmt *S);
  /// Runs pending deferred call I of the state at State (clearing its bit
  /// first) in W, if its bit is set.
  void emitOpenDeferCall(FuncLowerer &W, llvm::Value *State, unsigned I,
                         llvm::BasicBlock *After);
  /// The block that runs the frame's deferred calls and returns: every
  /// return path of a function that defers, and the resumption point after
  /// a recovered panic, end there.
  llvm::BasicBlock *getDeferExit();
  void emitBranch(syntax::BranchStmt *S);
  void emitCond(syntax::Expr *E, llvm::BasicBlock *True,
                llvm::BasicBlock *False);
  void emitVarDecl(syntax::VarDecl *D);
  /// Stores V (of type From; an address if From is an aggregate) into Addr
  /// as a value of the assignable type To.
  void storeConverted(llvm::Value *V, Type *From, Type *To, llvm::Value *Addr);
  /// V of type From (as emitMultiValue gives it) converted to To, in the
  /// form emitExprAs gives for To (the address of a copy for aggregates).
  llvm::Value *convertValue(llvm::Value *V, Type *From, Type *To);
  /// For a builtin call whose one argument is a multi-valued call
  /// (append(f()), copy(f()), complex(f()), delete(f()), unsafe.Add(f()),
  /// unsafe.Slice(f())): evaluates it into
  /// Vals/Types and returns true; false for ordinary argument lists.
  bool emitBuiltinMultiArgs(syntax::CallExpr *E,
                            llvm::SmallVectorImpl<llvm::Value *> &Vals,
                            llvm::SmallVectorImpl<Type *> &Types);
  /// Evaluates a multi-valued expression (a call with several results or a
  /// comma-ok form); returns false after a diagnostic if unsupported.
  bool emitMultiValue(syntax::Expr *E,
                      llvm::SmallVectorImpl<llvm::Value *> &Vals,
                      llvm::SmallVectorImpl<Type *> &Types);

  //--- Goroutines and channels (lower_chan.cpp)
  //---------------------------===//
  void emitGo(syntax::CallStmt *S);
  llvm::Value *emitMakeChan(Type *ChanT, llvm::Value *Size);
  llvm::Value *emitChanLenCap(llvm::Value *C, bool Cap);
  void emitSend(syntax::SendStmt *S);
  /// <-c: the value (scalars), or into AggDest; with OkOut the comma-ok form.
  llvm::Value *emitRecv(syntax::Operation *E, llvm::Value *AggDest,
                        llvm::Value **OkOut);
  void emitRecvDiscard(syntax::Operation *E);
  void emitChanRange(syntax::ForStmt *S, syntax::RangeClause *R,
                     syntax::Expr *Key, llvm::BasicBlock *Cond,
                     llvm::BasicBlock *Body, llvm::BasicBlock *Post,
                     llvm::BasicBlock *Done);
  void emitSelect(syntax::SelectStmt *S);

  //--- Maps and assignable places (lower_map.cpp)
  //-------------------------===//
  /// string(b) of a byte slice b, sharing b's bytes instead of copying
  /// them (gc: OBYTES2STRTMP), for an operand that nothing keeps once the
  /// operation is done: a map lookup's key, a comparison's operand. Null if
  /// E is not such a conversion.
  llvm::Value *emitTempString(syntax::Expr *E);
  MapKey emitMapKey(types::Map *M, syntax::Expr *K);
  /// A key from an already computed value (an address for aggregates).
  MapKey mapKeyFromValue(types::Map *M, llvm::Value *V);
  /// Calls map operation Op (gort_mapaccess1, gort_mapaccess2,
  /// gort_mapassign or gort_mapdelete), or its _fast32/_fast64/_faststr
  /// variant for K, with the map's descriptor, the map and the key.
  llvm::Value *emitMapCall(RuntimeFn Op, Type *MapT, llvm::Value *MapV,
                           const MapKey &K);
  /// Reads m[k]: aggregates into Dest, scalars into *ValOut; with OkOut,
  /// the comma-ok form.
  void emitMapLoad(Type *MapT, llvm::Value *MapV, const MapKey &K,
                   llvm::Value *Dest, llvm::Value **OkOut,
                   llvm::Value **ValOut);
  llvm::Value *emitMapIndex(syntax::IndexExpr *E, llvm::Value *AggDest,
                            llvm::Value **OkOut);
  llvm::Value *emitMakeMap(Type *MapT, llvm::Value *Hint);
  llvm::Value *emitMapLit(syntax::CompositeLit *E, Type *MapT);
  void emitMapDelete(syntax::CallExpr *E);
  llvm::Value *emitMapLen(llvm::Value *MapV);
  /// Evaluates the operands of an assignable expression (spec order: before
  /// the right-hand side).
  LValue emitLValue(syntax::Expr *E);
  /// The address to store into (for map elements: gort_mapassign's slot,
  /// to be used at once).
  llvm::Value *lvalueAddr(const LValue &LV);
  /// The current (scalar) value of the place, for op= and ++/--.
  llvm::Value *loadLValue(const LValue &LV, Type *T);

  //--- Variables ---------------------------------------------------------===//
  /// Allocates storage for a local variable (stack, or heap if it escapes).
  llvm::Value *declareVar(types::Var *V);
  /// The storage address of a variable (local, captured or global).
  llvm::Value *varAddr(types::Var *V);
  llvm::AllocaInst *createAlloca(llvm::Type *T, const llvm::Twine &Name);
  /// The frame-buffer argument of the runtime's string functions (abi.def):
  /// null, which escape analysis replaces with a buffer when the result
  /// does not escape (stack_alloc.cpp).
  llvm::Value *noTmpBuf();
  /// A zero-initialized temporary for a value of Go type T.
  llvm::Value *createTemp(Type *T, const llvm::Twine &Name);
  void emitZero(llvm::Value *Addr, Type *T);
  void emitCopy(llvm::Value *Dst, llvm::Value *Src, Type *T);
  llvm::Value *load(Type *T, llvm::Value *Addr, const llvm::Twine &Name = "");
  void store(llvm::Value *V, llvm::Value *Addr);
  /// Makes P a Go pointer (addrspace(1)).
  llvm::Value *toGCPtr(llvm::Value *P);

  /// Starts a new block (the current one must be terminated).
  void setBlock(llvm::BasicBlock *BB);
  /// Completes the function: removes the alloca marker (no alloca may be
  /// created afterwards).
  void finishBody();
  llvm::BasicBlock *newBlock(const llvm::Twine &Name);
  /// Branches to BB unless the current block is already terminated.
  void branchTo(llvm::BasicBlock *BB);
  bool terminated() const;

  Lowerer &L;
  llvm::Function *Fn;
  types::Signature *Sig;
  syntax::Node *Owner;
  llvm::IRBuilder<> B;
  FuncABI ABI;
  /// While the arguments of a call to a //go:uintptrescapes function are
  /// lowered: its uintptr(unsafe.Pointer) argument conversions, and the
  /// pointers they converted (emitArgsKeeping).
  llvm::SmallPtrSetImpl<syntax::Expr *> *KeepConversions = nullptr;
  llvm::SmallVectorImpl<llvm::Value *> *KeptPointers = nullptr;
  llvm::BasicBlock *AllocaBB = nullptr;
  /// Allocas go before this marker in the entry block; null once the body
  /// is finished (finishBody).
  llvm::Instruction *AllocaPoint = nullptr;
  llvm::Value *CtxArg = nullptr;
  /// Storage of local variables and of captured variables (cell pointers).
  llvm::DenseMap<types::Var *, llvm::Value *> Vars;
  /// Result variables (named or not), in order, for returns.
  llvm::SmallVector<llvm::Value *, 4> ResultSlots;
  /// Break and continue targets of enclosing statements.
  llvm::DenseMap<syntax::Stmt *, llvm::BasicBlock *> BreakTargets;
  llvm::DenseMap<syntax::Stmt *, llvm::BasicBlock *> ContinueTargets;
  /// Blocks of labeled statements (goto targets).
  llvm::DenseMap<syntax::Stmt *, llvm::BasicBlock *> LabelBlocks;
  /// Functions with defer statements: the frame's identity for the runtime
  /// (an alloca) and the deferreturn exit block.
  llvm::Value *DeferFrame = nullptr;
  llvm::BasicBlock *DeferExit = nullptr;
  /// Open-coded defers: the abi::OpenDefers state {code, bits, slots[N]},
  /// the frame's record, the runner, and each defer statement's call.
  llvm::Value *OpenState = nullptr;
  llvm::StructType *OpenStateTy = nullptr;
  llvm::Value *OpenRec = nullptr;
  llvm::Function *OpenRunner = nullptr;
  std::vector<PackagedCall> OpenCalls;
  llvm::SmallPtrSet<syntax::FuncLit *, 4> StackLits;
  llvm::SmallPtrSet<types::Var *, 8> StackCells;
  /// Enclosing for statements of the statement being lowered, and whether
  /// the function has goto statements (which can form loops): a defer
  /// statement outside loops runs at most once and keeps its record in the
  /// frame.
  unsigned LoopDepth = 0;
  bool HasGoto = false;
  /// Fallthrough target of the case clause being lowered.
  llvm::BasicBlock *FallthroughTarget = nullptr;
  llvm::BasicBlock *getLabelBlock(syntax::LabeledStmt *S);
  /// This function's debug-info scope (null for generated functions), and
  /// the source position of the instructions created from now on.
  llvm::DISubprogram *SP = nullptr;
  void setLoc(Pos P);
  /// The file of the last setLoc and its scope: SP, or a
  /// DILexicalBlockFile of SP for a file a line directive names.
  llvm::StringRef LocFileName;
  llvm::DIScope *LocFileScope = nullptr;
};

/// The body of a function that gortc generates (see
/// Lowerer::createGeneratedFunction) while it is being built: a FuncLowerer
/// for F, whose Go signature is Sig (func() if null), with the insertion
/// point in a "start" block after the entry block that holds the allocas.
/// The destructor completes the function (removes the alloca marker), so
/// the whole body is emitted within the object's scope and every block must
/// be terminated by then.
class GeneratedBody : public FuncLowerer {
public:
  GeneratedBody(Lowerer &L, llvm::Function *F, types::Signature *Sig = nullptr);
  ~GeneratedBody();
};

/// The gort.mref.* symbol through which code reaches Target for the link
/// to bind (linkinfo.cpp), or nothing if --defsym cannot name Target.
std::optional<std::string> linkRefName(llvm::StringRef Target);

/// Module-level lowering state.
class Lowerer {
public:
  Lowerer(llvm::LLVMContext &Ctx, types::TypeContext &TCtx, types::Info &Info,
          const SourceManager &SM, llvm::TargetMachine &TM, const Target &T,
          DiagnosticEngine &Diags);

  std::unique_ptr<llvm::Module> run();

  //--- Types (lower_types.cpp) -------------------------------------------===//
  llvm::Type *getLLVMType(Type *T);
  bool isAggregate(Type *T);
  llvm::Type *gcPtrTy() const { return GCPtr; }
  llvm::Type *ptrTy() const { return Ptr; }
  llvm::Type *intTy() const { return I64; }
  llvm::StructType *stringTy() const { return StringTy; }
  llvm::StructType *sliceTy() const { return SliceTy; }
  llvm::StructType *ifaceTy() const { return IfaceTy; }
  int64_t sizeOf(Type *T) { return TCtx.sizeOf(T); }
  int64_t alignOf(Type *T) { return TCtx.alignOf(T); }
  /// Field index in the LLVM struct for Go field I (padding fields shift it).
  unsigned llvmFieldIndex(Type *StructT, unsigned I);
  /// The calling convention of Go functions of signature Sig: the closure
  /// context, an out pointer per result returned through memory, then the
  /// parameters (aggregates by pointer); the other results in registers.
  /// A struct or array result goes through memory; so do all the results
  /// when their scalar pieces do not fit in the return registers.
  FuncABI getABI(types::Signature *Sig, bool HasRecv);
  /// Whether Sig's scalar results fit in the target's return registers
  /// (else LLVM would return them in a hidden buffer).
  bool resultsFitRegisters(types::Signature *Sig);
  /// The symbol-safe canonical name of a type (for descriptors).
  std::string typeSymbol(Type *T);

  //--- Functions (lower_func.cpp) ----------------------------------------===//
  llvm::Function *getFunction(types::Func *F);
  std::string funcName(types::Func *F);
  /// Whether this is package main, whose symbols nothing else refers to
  /// (they get internal linkage).
  bool isMainPackage() const { return Info.Pkg->Name == "main"; }
  /// The declaration of V, a package-level variable of an imported package
  /// (or one //go:linkname'd to another package's).
  llvm::GlobalVariable *importedGlobal(types::Var *V);
  /// The symbol of package-level variable V.
  std::string globalName(types::Var *V);
  /// The package path of symbol Sym ("a/b.c.d" -> "a/b").
  static std::string symbolPackage(llvm::StringRef Sym);
  /// The static funcval for a top-level function used as a value.
  llvm::Constant *getFuncValue(llvm::Function *F);
  /// A linkonce_odr func value named Name for F (addrspace 0), for type
  /// descriptors' equal and map hashers: every module may emit it.
  llvm::Constant *getLinkOnceFuncValue(llvm::Function *F,
                                       const std::string &Name);
  /// The declaration of a runtime entry point of libgort/abi.def.
  llvm::Function *getRuntime(RuntimeFn F);
  llvm::Function *getFuncLitFunction(syntax::FuncLit *E);
  std::string funcLitName(syntax::FuncLit *E);
  /// The wrapper that calls method M with the receiver read from a closure
  /// (method values) or from an interface data word (itabs).
  llvm::Function *getMethodValueWrapper(types::Func *M, Type *RecvT,
                                        llvm::ArrayRef<int> Path,
                                        bool Indirect);
  llvm::Function *getIfaceMethodWrapper(types::Func *M, Type *ConcreteT,
                                        llvm::ArrayRef<int> Path,
                                        bool Indirect);
  void lowerFunction(types::Func *F);
  void lowerInit();

  //--- Generated functions (lower_func.cpp)
  //-------------------------------===//
  /// Creates a function that gortc generates rather than compiles from a Go
  /// declaration: wrappers (method values and expressions, itab entries,
  /// go/defer calls), equality and hash functions, open-coded defer
  /// runners, main..init. It gets the attributes of every Go function
  /// (setGoFunctionAttrs) and no debug information of its own; with
  /// InWrapperSection it goes in section abi::WrapperSection, whose frames
  /// recover() and tracebacks look through. Lower its body with a
  /// GeneratedBody.
  llvm::Function *
  createGeneratedFunction(const llvm::Twine &Name, llvm::FunctionType *FT,
                          llvm::GlobalValue::LinkageTypes Linkage,
                          bool InWrapperSection = false);
  /// The signature of func(), for generated functions with no Go-level
  /// parameters or results.
  types::Signature *getNullarySignature();

  //--- Debug information (lower_func.cpp)
  //---------------------------------===//
  /// Line tables only (DWARF 4): the runtime's traceback reads them from
  /// the executable (runtime/traceback.cpp).
  void initDebugInfo();
  /// The DIFile of P's file, as line directives name it.
  llvm::DIFile *getDIFile(Pos P);
  llvm::DIFile *getDIFile(llvm::StringRef Name);
  /// Gives Fn a DISubprogram named as its symbol, declared at P.
  llvm::DISubprogram *attachSubprogram(llvm::Function *Fn, Pos P);

  //--- Constants and descriptors (lower_iface.cpp) -----------------------===//
  llvm::Constant *getStringConst(llvm::StringRef S);
  /// A pointer to a read-only copy of constant C of type T: interface data
  /// is never written, so constants box into read-only memory.
  llvm::Constant *getBoxedConst(llvm::Constant *C, Type *T);
  /// Constant V as a value of type T (not an interface).
  llvm::Constant *constantOf(const ConstValue &V, Type *T);
  /// Global C (in address space 0) as a Go pointer (address space 1).
  llvm::Constant *gcPointer(llvm::Constant *C);
  llvm::Constant *getTypeDescriptor(Type *T);
  /// T's pointer bitmap (gc's typebits): bit I of the result is set if
  /// word I may hold a pointer; PtrData is set to the bytes up to the last
  /// such word, which the result covers.
  std::vector<uint8_t> pointerBitmap(Type *T, int64_t &PtrData);
  /// Describes writable global GV, a variable of type T, for the
  /// collector's root table (GCRootMD, codegen.h).
  void describeGlobal(llvm::GlobalVariable *GV, Type *T);
  /// An encoded name (abi::NameFlag), a private global of this module.
  llvm::Constant *getName(llvm::StringRef Name, llvm::StringRef Tag,
                          bool Exported, bool Embedded,
                          llvm::StringRef PkgPath);
  /// The i32 offset Target - Base (abi::NameOff, TypeOff, TextOff): one
  /// PC-relative relocation when Base is the global that holds it.
  llvm::Constant *relOff(llvm::Constant *Target, llvm::Constant *Base);
  llvm::Constant *getItab(Type *Concrete, types::Interface *I, Type *IfaceT);
  /// The generated equality code (abi::EqualFn, "type:T.eq") of comparable
  /// T, which must not be plain memory (isPlainMemory).
  llvm::Function *getEqualFunc(Type *T);
  /// The func value for T's descriptor's Equal: T's generated code, or for
  /// plain memory the runtime's gort_memequal*_f or gort.memequal.<size>.
  llvm::Constant *getEqualFuncValue(Type *T, const std::string &Sym);
  /// Whether the T values at A and Bp are equal.
  llvm::Value *emitTypeEqualCall(llvm::IRBuilder<> &B, Type *T, llvm::Value *A,
                                 llvm::Value *Bp);
  /// Whether the Size bytes at A and Bp, aligned to Align, are equal:
  /// inline loads up to 16 bytes, else gort_memequal.
  llvm::Value *emitMemEqual(llvm::IRBuilder<> &B, llvm::Value *A,
                            llvm::Value *Bp, int64_t Size, int64_t Align);

  //--- Method pruning (linkinfo.cpp) ------------------------------------===//
  /// The target of a method table's Ifn or Tfn for Fn, an implementation of
  /// method M: a reference to gort.mref.<hash of Fn's name>, which the link
  /// binds to Fn or, when no reachable code can call M dynamically, to
  /// gort_unreachableMethod (tools/gortc/deadcode.cpp). Fn itself when it
  /// cannot be named from outside this object (package main's own methods).
  llvm::Constant *getMethodRef(llvm::Function *Fn, types::Func *M);
  /// Records that Caller calls interface method M (the link keeps, for
  /// every kept type, the methods some kept function calls this way).
  void noteIfaceCall(llvm::Function *Caller, types::Func *M);
  /// Adds this package's link summary, global gort.linkinfo (linkinfo.cpp).
  void emitLinkInfo();
  /// gort.mref.* declaration name -> (target symbol, method key).
  llvm::StringMap<std::pair<std::string, std::string>> MethodRefs;
  /// The keys of the interface methods each function calls.
  llvm::DenseMap<llvm::Function *, llvm::SmallVector<std::string, 2>>
      IfaceCalls;

  //--- Static initialisation (staticinit.cpp) ----------------------------===//
  /// The value of initialiser E for a variable of type T as link-time data,
  /// or null if it needs code (gc's staticinit).
  llvm::Constant *staticValue(syntax::Expr *E, Type *T);
  llvm::Constant *staticLiteral(syntax::CompositeLit *E, Type *T);
  /// A hidden writable variable of this package holding Init (gc's stmp).
  llvm::GlobalVariable *staticTemp(llvm::Constant *Init, Type *T);
  /// Package-level variables initialised statically, with their values.
  llvm::DenseMap<types::Var *, llvm::Constant *> StaticValues;
  /// The declaration through which package initialisation calls the
  /// outlined initialiser of map variable V (GV), or null if Rhs is not a
  /// map literal worth outlining (gc 1.21's outlined map inits).
  llvm::Function *outlineMapInit(types::Var *V, syntax::Expr *Rhs,
                                 llvm::GlobalVariable *GV);
  /// Whether evaluating E can have no effect but its value.
  bool isPureInit(syntax::Expr *E);
  /// Outlined map initialisers: the gort.mref.* declaration the init
  /// function calls, the initialiser, and the variable it initialises.
  struct OutlinedInit {
    std::string MRef, Code;
    llvm::GlobalVariable *Var;
  };
  std::vector<OutlinedInit> OutlinedInits;

  //--- Maps and hashing (lower_map.cpp)
  //-----------------------------------===//
  /// True if T hashes and compares as its bytes (gc: AMEM).
  bool isPlainMemory(Type *T);
  /// The hasher of a comparable type (abi::HashFn), or null.
  llvm::Function *getHashFunc(Type *T);
  /// The func value of T's hasher (abi::MapType::Hasher).
  llvm::Constant *getHashFuncValue(Type *T);
  /// The declaration of a func value libgort defines (gort_memhash64_f...).
  llvm::Constant *getRuntimeFuncValue(const std::string &Name);
  /// gc's bmap for map type M (abi::MapType).
  Type *getMapBucketType(types::Map *M);
  void appendMapTypeFields(types::Map *M,
                           std::vector<llvm::Constant *> &Fields);
  MapFast mapFastKind(types::Map *M);

  llvm::LLVMContext &Ctx;
  types::TypeContext &TCtx;
  types::Info &Info;
  const SourceManager &SM;
  llvm::TargetMachine &TM;
  Target Tgt;
  DiagnosticEngine &Diags;
  std::unique_ptr<llvm::Module> Mod;
  const llvm::DataLayout *DL = nullptr;

  llvm::Type *GCPtr, *Ptr, *I1, *I8, *I32, *I64, *VoidTy;
  llvm::StructType *StringTy, *SliceTy, *IfaceTy;

  llvm::DenseMap<Type *, llvm::Type *> TypeCache;
  llvm::DenseMap<Type *, std::vector<unsigned>> FieldIndexCache;
  llvm::DenseMap<types::Func *, llvm::Function *> Funcs;
  llvm::DenseMap<syntax::FuncLit *, llvm::Function *> LitFuncs;
  llvm::DenseMap<types::Var *, llvm::GlobalVariable *> Globals;
  llvm::StringMap<llvm::Constant *> Strings;
  llvm::StringMap<llvm::GlobalVariable *> Descriptors;
  llvm::StringMap<llvm::Constant *> Names; ///< see getName
  llvm::StringMap<llvm::Constant *> Itabs;
  llvm::StringMap<llvm::Function *> EqualFuncs;
  llvm::DenseMap<types::Map *, Type *> BucketTypes;
  llvm::DenseMap<llvm::Function *, llvm::Constant *> FuncValues;
  types::Signature *NullarySig = nullptr; ///< see getNullarySignature
  /// Function literals to lower (queued while lowering their parents).
  std::vector<std::pair<syntax::FuncLit *, llvm::Function *>> PendingLits;
  unsigned NextWrapperId = 0; ///< numbers go/defer wrappers
  std::unique_ptr<llvm::DIBuilder> DIB;
  llvm::DICompileUnit *DICU = nullptr;
  llvm::StringMap<llvm::DIFile *> DIFiles;
  bool Failed = false;
  void internalError(Pos P, const llvm::Twine &Msg);
};

} // namespace codegen
} // namespace gortc

#endif // GORTC_CODEGEN_LOWER_H
