//===- frontend/check_expr.cpp - Go type checker: expressions -------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Expressions (go/types expr.go, index.go, operand.go, lookup parts of
// call.go). See check.h for the overview and the untyped-expression
// protocol.
//
//===----------------------------------------------------------------------===//

#include "frontend/check.h"

#include "frontend/scanner.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

#include "llvm/ADT/STLExtras.h"

#include <cmath>

using namespace gortc;
using namespace gortc::types;
using namespace gortc::syntax;
using llvm::cast;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;
using llvm::isa;
using llvm::isa_and_nonnull;

static const char *const InvalidOp = "invalid operation: ";
static const char *const InvalidArg = "invalid argument: ";

//===----------------------------------------------------------------------===//
// Operand strings
//===----------------------------------------------------------------------===//

static const char *modeString(Mode M) {
  switch (M) {
  case Mode::Invalid:
    return "invalid operand";
  case Mode::NoValue:
    return "no value";
  case Mode::Builtin:
    return "built-in";
  case Mode::TypeExpr:
    return "type";
  case Mode::Constant:
    return "constant";
  case Mode::Variable:
    return "variable";
  case Mode::MapIndex:
    return "map index expression";
  case Mode::Value:
    return "value";
  case Mode::CommaOk:
    return "comma, ok expression";
  }
  return "?";
}

std::string Checker::str(Operand &X) {
  if (X.IsNil) {
    if (!X.T || X.T == Ctx.invalid())
      return "nil (with invalid type)";
    if (X.T == Ctx.basic(BasicKind::UntypedNil))
      return "nil";
    return "nil (of type " + str(X.T) + ")";
  }
  std::string Expr;
  if (X.E)
    Expr = exprString(X.E);
  else if (X.M == Mode::TypeExpr)
    Expr = str(X.T);
  else if (X.M == Mode::Constant)
    Expr = X.Val.toString();
  std::string Buf;
  if (!Expr.empty())
    Buf = Expr + " (";
  bool HasType = false;
  switch (X.M) {
  case Mode::Invalid:
  case Mode::NoValue:
  case Mode::Builtin:
  case Mode::TypeExpr:
    break;
  default:
    if (X.T) {
      if (isUntyped(X.T)) {
        Buf += cast<Basic>(X.T)->name();
        Buf += " ";
        break;
      }
      HasType = true;
    }
  }
  Buf += modeString(X.M);
  if (X.M == Mode::Constant) {
    std::string S = X.Val.toString();
    if (S != Expr)
      Buf += " " + S;
  }
  if (HasType) {
    if (X.T != Ctx.invalid())
      Buf += " of type " + str(X.T);
    else
      Buf += " with invalid type";
    if (auto *TP = dyn_cast<TypeParam>(X.T); TP && TP->Constraint)
      Buf += " constrained by " + str(TP->Constraint);
  }
  if (!Expr.empty())
    Buf += ")";
  return Buf;
}

std::string Checker::kindString(Type *T) {
  switch (T->underlying()->kind()) {
  case TypeKind::Array:
    return "array";
  case TypeKind::Slice:
    return "slice";
  case TypeKind::Struct:
    return "struct";
  case TypeKind::Pointer:
    return "pointer";
  case TypeKind::Signature:
    return "func";
  case TypeKind::Interface:
    return "interface";
  case TypeKind::Map:
    return "map";
  case TypeKind::Chan:
    return "chan";
  default:
    return str(T);
  }
}

std::string Checker::incomparableCause(Type *T) {
  switch (T->underlying()->kind()) {
  case TypeKind::Slice:
  case TypeKind::Signature:
  case TypeKind::Map:
    return kindString(T) + " can only be compared to nil";
  default:
    break;
  }
  std::string Reason;
  comparable(T, true, &Reason);
  return Reason;
}

//===----------------------------------------------------------------------===//
// Recording and untyped expressions
//===----------------------------------------------------------------------===//

void Checker::recordTV(syntax::Expr *E, Mode M, Type *T, const ConstValue *V) {
  E->TV = {M, T, V};
}

void Checker::record(Operand &X) {
  if (!X.E)
    return;
  Type *T;
  std::optional<ConstValue> V;
  switch (X.M) {
  case Mode::Invalid:
    T = Ctx.invalid();
    break;
  case Mode::NoValue:
    T = nullptr;
    break;
  case Mode::Constant:
    T = X.T;
    V = X.Val;
    break;
  default:
    T = X.T;
  }
  if (T && isUntyped(T)) {
    Untyped[X.E] = UntypedInfo{false, X.M, cast<Basic>(T), V};
    return;
  }
  recordTV(X.E, X.M, T, V ? Ctx.makeConst(*V) : nullptr);
}

void Checker::updateExprVal(syntax::Expr *E, const ConstValue &V) {
  auto It = Untyped.find(E);
  if (It != Untyped.end())
    It->second.Val = V;
}

void Checker::updateExprType(syntax::Expr *X, Type *T, bool Final,
                             syntax::Expr *Parent) {
  auto It = Untyped.find(X);
  if (It == Untyped.end())
    return;
  UntypedInfo Old = It->second;

  switch (X->kind()) {
  case NodeKind::CallExpr:
  case NodeKind::Name:
  case NodeKind::BasicLit:
  case NodeKind::SelectorExpr:
    break;
  case NodeKind::ParenExpr:
    updateExprType(cast<ParenExpr>(X)->X, T, Final, X);
    break;
  case NodeKind::Operation: {
    auto *O = cast<Operation>(X);
    if (!O->Y) {
      if (O->Op == Operator::Mul)
        return;
      // If x is a constant, the operands were constants; they don't need
      // updating since they never get "materialized" into a typed value.
      if (Old.Val)
        break;
      updateExprType(O->X, T, Final, X);
      break;
    }
    if (Old.Val)
      break;
    if (isComparison(O->Op)) {
      // The result type is independent of operand types and the operand
      // types must have final types already.
    } else if (O->Op == Operator::Shl || O->Op == Operator::Shr) {
      // The result type depends only on lhs operand.
      updateExprType(O->X, T, Final, X);
    } else {
      updateExprType(O->X, T, Final, X);
      updateExprType(O->Y, T, Final, X);
    }
    break;
  }
  default:
    return;
  }

  // If the new type is not final and still untyped, just update the
  // recorded type.
  if (!Final && isUntyped(T)) {
    It = Untyped.find(X);
    if (It != Untyped.end())
      It->second.T = cast<Basic>(T->underlying());
    return;
  }

  // Otherwise we have the final (typed or untyped type).
  Untyped.erase(X);

  if (Old.IsLhs) {
    // The lhs of a shift with a non-constant shift count must be an integer.
    if (!isInteger(T)) {
      errorAt(X, std::string(InvalidOp) + str(Parent ? Parent : X) +
                     " (shift of type " + str(T) + ")");
      return;
    }
  }
  if (Old.Val) {
    Operand C;
    C.M = Old.M;
    C.E = X;
    C.T = Old.T;
    C.Val = *Old.Val;
    convertUntyped(C, T);
    if (C.M == Mode::Invalid)
      return;
    recordTV(X, Old.M, T, Ctx.makeConst(C.Val));
    return;
  }
  recordTV(X, Old.M, T, nullptr);
}

//===----------------------------------------------------------------------===//
// Constants and representability
//===----------------------------------------------------------------------===//

bool Checker::representableConst(const ConstValue &X, Basic *T,
                                 ConstValue *Rounded) {
  if (Rounded)
    *Rounded = X; // strings and booleans are represented exactly
  if (X.isUnknown())
    return true; // avoid follow-up errors
  unsigned Info = T->info();
  if (Info & IsInteger) {
    ConstValue V = X.toInt();
    if (V.kind() != ConstValue::Kind::Int)
      return false;
    if (Rounded)
      *Rounded = V;
    const BigInt &I = V.intVal();
    auto InSigned = [&](unsigned Bits) {
      return I.cmp(BigInt(-1).shl(Bits - 1)) >= 0 &&
             I.cmp(BigInt(1).shl(Bits - 1) - BigInt(1)) <= 0;
    };
    auto InUnsigned = [&](unsigned Bits) {
      return I.sign() >= 0 && I.cmp(BigInt(1).shl(Bits) - BigInt(1)) <= 0;
    };
    switch (T->basicKind()) {
    case BasicKind::Int:
    case BasicKind::Int64:
      return InSigned(64);
    case BasicKind::Int8:
      return InSigned(8);
    case BasicKind::Int16:
      return InSigned(16);
    case BasicKind::Int32:
      return InSigned(32);
    case BasicKind::Uint:
    case BasicKind::Uintptr:
    case BasicKind::Uint64:
      return InUnsigned(64);
    case BasicKind::Uint8:
      return InUnsigned(8);
    case BasicKind::Uint16:
      return InUnsigned(16);
    case BasicKind::Uint32:
      return InUnsigned(32);
    case BasicKind::UntypedInt:
    case BasicKind::UntypedRune:
      return true;
    default:
      return false;
    }
  }
  if (Info & IsFloat) {
    ConstValue V = X.toFloat();
    if (V.kind() != ConstValue::Kind::Float)
      return false;
    switch (T->basicKind()) {
    case BasicKind::Float32: {
      bool Ovf;
      float F = V.real().toFloat(&Ovf);
      if (Ovf)
        return false;
      if (Rounded)
        *Rounded = ConstValue::makeFloat(Real::fromDouble(F));
      return true;
    }
    case BasicKind::Float64: {
      bool Ovf;
      double D = V.real().toDouble(&Ovf);
      if (Ovf)
        return false;
      if (Rounded)
        *Rounded = ConstValue::makeFloat(Real::fromDouble(D));
      return true;
    }
    case BasicKind::UntypedFloat:
      if (Rounded)
        *Rounded = V;
      return true;
    default:
      return false;
    }
  }
  if (Info & IsComplex) {
    ConstValue V = X.toComplex();
    if (V.kind() != ConstValue::Kind::Complex)
      return false;
    switch (T->basicKind()) {
    case BasicKind::Complex64: {
      bool O1, O2;
      float Re = V.real().toFloat(&O1), Im = V.imag().toFloat(&O2);
      if (O1 || O2)
        return false;
      if (Rounded)
        *Rounded =
            ConstValue::makeComplex(Real::fromDouble(Re), Real::fromDouble(Im));
      return true;
    }
    case BasicKind::Complex128: {
      bool O1, O2;
      double Re = V.real().toDouble(&O1), Im = V.imag().toDouble(&O2);
      if (O1 || O2)
        return false;
      if (Rounded)
        *Rounded =
            ConstValue::makeComplex(Real::fromDouble(Re), Real::fromDouble(Im));
      return true;
    }
    case BasicKind::UntypedComplex:
      if (Rounded)
        *Rounded = V;
      return true;
    default:
      return false;
    }
  }
  if (Info & IsString)
    return X.kind() == ConstValue::Kind::String;
  if (Info & IsBoolean)
    return X.kind() == ConstValue::Kind::Bool;
  return false;
}

Checker::ConvCode Checker::representation(Operand &X, Basic *T,
                                          ConstValue &Out) {
  Out = X.Val;
  if (!representableConst(X.Val, T, &Out)) {
    if (isNumeric(X.T) && (T->info() & IsNumeric)) {
      if (!isInteger(X.T) && (T->info() & IsInteger))
        return ConvCode::TruncatedFloat;
      return ConvCode::NumericOverflow;
    }
    return ConvCode::InvalidConstVal;
  }
  return ConvCode::Ok;
}

void Checker::representable(Operand &X, Basic *T) {
  ConstValue V;
  ConvCode C = representation(X, T, V);
  if (C != ConvCode::Ok) {
    invalidConversion(C, X, T);
    X.M = Mode::Invalid;
    return;
  }
  X.Val = V;
}

void Checker::invalidConversion(ConvCode C, Operand &X, Type *Target) {
  switch (C) {
  case ConvCode::TruncatedFloat:
    errorAt(X, str(X) + " truncated to " + str(Target));
    break;
  case ConvCode::NumericOverflow:
    errorAt(X, str(X) + " overflows " + str(Target));
    break;
  default:
    errorAt(X, "cannot convert " + str(X) + " to " + str(Target));
  }
}

void Checker::overflow(Operand &X, Pos OpPos) {
  if (X.Val.isUnknown()) {
    error(OpPos, "constant result is not representable");
    return;
  }
  // Typed constants must be representable in their type after each
  // constant operation.
  if (isTyped(X.T)) {
    if (auto *B = dyn_cast<Basic>(X.T->underlying()))
      representable(X, B);
    return;
  }
  // Untyped integer values must not grow arbitrarily.
  if (X.Val.kind() == ConstValue::Kind::Int && X.Val.intVal().bitLen() > 512) {
    std::string Op;
    if (auto *O = dyn_cast_or_null<Operation>(X.E)) {
      if (!O->Y) {
        if (O->Op == Operator::Xor)
          Op = "bitwise complement";
      } else {
        switch (O->Op) {
        case Operator::Add:
          Op = "addition";
          break;
        case Operator::Sub:
          Op = "subtraction";
          break;
        case Operator::Xor:
          Op = "bitwise XOR";
          break;
        case Operator::Mul:
          Op = "multiplication";
          break;
        case Operator::Shl:
          Op = "shift";
          break;
        default:
          break;
        }
      }
    }
    error(OpPos, "constant " + Op + (Op.empty() ? "" : " ") + "overflow");
    X.Val = ConstValue::makeUnknown();
  }
}

Type *Checker::implicitTypeAndValue(Operand &X, Type *Target, ConstValue *Val,
                                    ConvCode &Code) {
  Code = ConvCode::Ok;
  if (X.M == Mode::Invalid || isTyped(X.T) || Target == Ctx.invalid())
    return X.T;

  if (isUntyped(Target)) {
    // Both X and Target are untyped.
    auto XK = cast<Basic>(X.T)->basicKind();
    auto TK = cast<Basic>(Target)->basicKind();
    if (isNumeric(X.T) && isNumeric(Target)) {
      if (XK < TK)
        return Target;
    } else if (XK != TK) {
      Code = ConvCode::InvalidUntypedConversion;
      return nullptr;
    }
    return X.T;
  }

  if (X.IsNil) {
    if (hasNil(Target))
      return Target;
    Code = ConvCode::InvalidUntypedConversion;
    return nullptr;
  }

  if (isa<TypeParam>(Target)) {
    // types2: the value must fit every type of the parameter's type set.
    bool Fits = typeSetUnderIs(Target, [&](Type *U) {
      Operand Y = X;
      ConvCode C;
      return implicitTypeAndValue(Y, U, nullptr, C) && C == ConvCode::Ok;
    });
    if (!Fits) {
      Code = ConvCode::InvalidUntypedConversion;
      return nullptr;
    }
    return Target;
  }

  Type *U = Target->underlying();
  if (auto *B = dyn_cast<Basic>(U)) {
    if (X.M == Mode::Constant) {
      ConstValue V;
      Code = representation(X, B, V);
      if (Code != ConvCode::Ok)
        return nullptr;
      if (Val)
        *Val = V;
      return Target;
    }
    // Non-constant untyped values may appear as the result of comparisons
    // (untyped bool), intermediate (delayed-checked) rhs operands of
    // shifts, and as the value nil.
    switch (cast<Basic>(X.T)->basicKind()) {
    case BasicKind::UntypedBool:
      if (!isBoolean(Target)) {
        Code = ConvCode::InvalidUntypedConversion;
        return nullptr;
      }
      break;
    case BasicKind::UntypedInt:
    case BasicKind::UntypedRune:
    case BasicKind::UntypedFloat:
    case BasicKind::UntypedComplex:
      if (!isNumeric(Target)) {
        Code = ConvCode::InvalidUntypedConversion;
        return nullptr;
      }
      break;
    case BasicKind::UntypedString:
      // Non-constant untyped string values are not permitted by the spec and
      // should not occur during normal typechecking passes, but this path
      // is reachable via the AssignableTo API.
      if (!isString(Target)) {
        Code = ConvCode::InvalidUntypedConversion;
        return nullptr;
      }
      break;
    default:
      Code = ConvCode::InvalidUntypedConversion;
      return nullptr;
    }
    return Target;
  }
  if (auto *I = dyn_cast<Interface>(U)) {
    completeInterface(Ctx, I);
    // Values must have concrete dynamic types. If the value is nil, keep it
    // untyped.
    if (!I->empty()) {
      Code = ConvCode::InvalidUntypedConversion;
      return nullptr;
    }
    return defaultType(Ctx, X.T);
  }
  Code = ConvCode::InvalidUntypedConversion;
  return nullptr;
}

void Checker::convertUntyped(Operand &X, Type *Target) {
  ConvCode Code;
  // Conversions that do not change the representation (e.g. to an empty
  // interface's default type) leave the value as it was.
  ConstValue Tmp = X.Val;
  Type *NewType = implicitTypeAndValue(X, Target, &Tmp, Code);
  if (Code != ConvCode::Ok) {
    Type *T = Target->underlying();
    invalidConversion(Code, X, T);
    X.M = Mode::Invalid;
    return;
  }
  if (X.M == Mode::Constant && NewType != X.T && isTyped(NewType)) {
    X.Val = Tmp;
    if (X.E)
      updateExprVal(X.E, Tmp);
  }
  if (NewType != X.T) {
    X.T = NewType;
    if (X.E)
      updateExprType(X.E, NewType, false);
  }
  // A constant converted to a type parameter is a value of that type.
  if (X.M == Mode::Constant && isa<TypeParam>(NewType))
    X.M = Mode::Value;
}

//===----------------------------------------------------------------------===//
// Assignability and conversions
//===----------------------------------------------------------------------===//

static bool hasName(Type *T) {
  return isa<Named>(T) || isa<Basic>(T) || isa<TypeParam>(T);
}

// types2's implements (for non-generic code): does V implement the
// interface T? T may also be a pointer to an interface or another type, for
// the error message.
bool Checker::implementsType(Type *V, Type *T, std::string *Reason) {
  Type *Vu = V->underlying(), *Tu = T->underlying();
  if (Vu == Ctx.invalid() || Tu == Ctx.invalid())
    return true; // avoid follow-on errors
  if (auto *P = dyn_cast<Pointer>(Vu);
      P && P->Elem->underlying() == Ctx.invalid())
    return true;
  auto *I = dyn_cast<Interface>(Tu);
  if (!I) {
    if (Reason) {
      auto *P = dyn_cast<Pointer>(Tu);
      std::string Cause =
          P && isInterface(P->Elem)
              ? "type " + str(T) + " is pointer to interface, not interface"
              : str(T) + " is not an interface";
      *Reason = str(V) + " does not implement " + str(T) + " (" + Cause + ")";
    }
    return false;
  }
  completeInterface(Ctx, I);
  Func *Missing, *Wrong;
  bool PtrRecv;
  if (implements(Ctx, V, I, &Missing, &Wrong, &PtrRecv))
    return true;
  if (Reason)
    *Reason = str(V) + " does not implement " + str(T) + " " +
              missingMethodReason(V, T, Missing, Wrong);
  return false;
}

std::string Checker::missingMethodReason(Type *V, Type *T, Func *M, Func *Alt) {
  std::string MName = M->name().str() + " method";
  auto FuncStr = [&](Func *F) {
    return F->name().str() + typeString(F->sig(), Pkg).substr(4); // drop "func"
  };
  if (Alt) {
    if (M->name() != Alt->name())
      return "(missing " + MName + ")\n\t\thave " + FuncStr(Alt) +
             "\n\t\twant " + FuncStr(M);
    if (identical(M->type(), Alt->type()))
      return "(" + MName + " has pointer receiver)";
    return "(wrong type for " + MName + ")\n\t\thave " + FuncStr(Alt) +
           "\n\t\twant " + FuncStr(M);
  }
  if (auto *P = dyn_cast<Pointer>(V->underlying());
      P && isa<Interface>(P->Elem->underlying()))
    return "(type " + str(V) + " is pointer to interface, not interface)";
  // The method may exist with a pointer receiver only.
  llvm::SmallVector<int, 4> Index;
  bool Indirect;
  Pointer PT(V);
  if (!isa<Interface>(V->underlying()) &&
      lookupFieldOrMethod(Ctx, &PT, false, M->pkg(), M->name(), Index,
                          Indirect))
    return "(" + MName + " has pointer receiver)";
  return "(missing " + MName + ")";
}

bool Checker::assignableTo(Operand &X, Type *T, std::string *Reason) {
  if (X.M == Mode::Invalid || T == Ctx.invalid())
    return true; // avoid spurious errors
  Type *V = X.T;
  if (identical(V, T))
    return true;
  Type *Vu = V->underlying(), *Tu = T->underlying();
  bool Vp = isTypeParam(V), Tp = isTypeParam(T);

  // x is an untyped value representable by a value of type T (for a type
  // parameter T, by each type of its type set).
  if (isUntyped(Vu)) {
    ConvCode Code;
    if (Tp)
      return typeSetIs(T, [&](Type *Term) {
        Operand Y = X;
        return implicitTypeAndValue(Y, Term, nullptr, Code) != nullptr;
      });
    return implicitTypeAndValue(X, T, nullptr, Code) != nullptr;
  }

  // x's type V and T have identical underlying types, at least one of V
  // or T is not a named type, and neither is a type parameter.
  if (identical(Vu, Tu) && (!hasName(V) || !hasName(T)) && !Vp && !Tp)
    return true;

  // T is an interface type (not a type parameter) and x implements T. Also
  // handle the case where T is a pointer to an interface (for the error
  // message).
  if (auto *TP = dyn_cast<Pointer>(Tu);
      (isa<Interface>(Tu) && !Tp) || (TP && isInterface(TP->Elem)))
    return implementsType(V, T, Reason);

  // If V is an interface, check if a missing type assertion is the problem.
  if (isa<Interface>(Vu) && !Vp) {
    if (implementsType(T, V, nullptr)) {
      if (Reason)
        *Reason = "need type assertion";
      return false;
    }
  }

  // x is a bidirectional channel value, T is a channel type, x's type V and
  // T have identical element types, and at least one of V or T is not a
  // named type.
  if (auto *VC = dyn_cast<Chan>(Vu); VC && VC->Dir == types::ChanDir::SendRecv)
    if (auto *TC = dyn_cast<Chan>(Tu); TC && identical(VC->Elem, TC->Elem))
      return !hasName(V) || !hasName(T);

  // x's type V is not a named type and T is a type parameter: x is
  // assignable to each type of T's type set.
  if (!hasName(V) && Tp)
    return typeSetIs(T,
                     [&](Type *Term) { return assignableTo(X, Term, Reason); });
  // x's type V is a type parameter and T is not a named type: a value of
  // each type of V's type set is assignable to T.
  if (Vp && !hasName(T))
    return typeSetIs(V, [&](Type *Term) {
      Operand Y = X;
      Y.T = Term;
      return assignableTo(Y, T, Reason);
    });
  return false;
}

static bool isBytesOrRunes(Type *T) {
  if (auto *S = dyn_cast<Slice>(T->underlying())) {
    BasicKind K = basicKindOf(S->Elem);
    return K == BasicKind::Uint8 || K == BasicKind::Int32;
  }
  return false;
}

bool Checker::convertibleTo(Operand &X, Type *T, std::string *Cause) {
  if (assignableTo(X, T, Cause))
    return true;
  Type *V = X.T;
  Type *Vu = V->underlying(), *Tu = T->underlying();
  bool Vp = isTypeParam(V), Tp = isTypeParam(T);
  // V and T have identical underlying types if tags are ignored, and are
  // not type parameters.
  if (identicalIgnoreTags(Vu, Tu) && !Vp && !Tp)
    return true;
  // V and T are unnamed pointer types with identical base types (not type
  // parameters).
  if (auto *VP = dyn_cast<Pointer>(V))
    if (auto *TP = dyn_cast<Pointer>(T))
      if (identicalIgnoreTags(VP->Elem->underlying(), TP->Elem->underlying()) &&
          !isTypeParam(VP->Elem) && !isTypeParam(TP->Elem))
        return true;
  auto IntOrFloat = [](Type *X) { return isInteger(X) || isFloat(X); };
  if (IntOrFloat(Vu) && IntOrFloat(Tu))
    return true;
  if (isComplex(Vu) && isComplex(Tu))
    return true;
  // integer, []byte, []rune -> string
  if ((isInteger(Vu) || isBytesOrRunes(Vu)) && isString(Tu))
    return true;
  // string -> []byte, []rune
  if (isString(Vu) && isBytesOrRunes(Tu))
    return true;
  // pointer/uintptr <-> unsafe.Pointer
  auto IsUnsafePtr = [](Type *X) {
    return basicKindOf(X) == BasicKind::UnsafePointer;
  };
  auto IsUintptr = [](Type *X) { return basicKindOf(X) == BasicKind::Uintptr; };
  if ((isa<Pointer>(Vu) || IsUintptr(Vu)) && IsUnsafePtr(Tu))
    return true;
  if (IsUnsafePtr(Vu) && (isa<Pointer>(Tu) || IsUintptr(Tu)))
    return true;
  // slice -> pointer to array
  if (auto *S = dyn_cast<Slice>(Vu))
    if (auto *P = dyn_cast<Pointer>(Tu))
      if (auto *A = dyn_cast<Array>(P->Elem->underlying()))
        if (identical(S->Elem, A->Elem))
          return true;
  // Type parameters: every pair of types of their type sets converts.
  if (Vp)
    return typeSetIs(V, [&](Type *VT) {
      Operand Y = X;
      Y.T = VT;
      if (Tp)
        return typeSetIs(T,
                         [&](Type *TT) { return convertibleTo(Y, TT, Cause); });
      return convertibleTo(Y, T, Cause);
    });
  if (Tp)
    return typeSetIs(T, [&](Type *TT) { return convertibleTo(X, TT, Cause); });
  return false;
}

//===----------------------------------------------------------------------===//
// Identifiers
//===----------------------------------------------------------------------===//

void Checker::useVar(Var *V) {
  V->Used = true;
  if (!V->Owner || FuncStack.empty())
    return;
  // A use inside a function literal of a variable declared by an enclosing
  // function is a capture by each literal in between.
  if (FuncStack.back()->Owner == V->Owner)
    return;
  bool Found = false;
  for (FuncCtx *FC : FuncStack)
    if (FC->Owner == V->Owner)
      Found = true;
  if (!Found)
    return;
  V->Captured = true;
  for (auto It = FuncStack.rbegin(); It != FuncStack.rend(); ++It) {
    if ((*It)->Owner == V->Owner)
      break;
    (*It)->Captures.insert(V);
  }
}

void Checker::ident(Operand &X, syntax::Name *E, Named *Def, bool WantType) {
  X.M = Mode::Invalid;
  X.E = E;
  X.T = Ctx.invalid();
  Scope *Found = nullptr;
  Object *Obj = CurScope->lookupParent(E->Value, Pos(), &Found);
  if (Obj) {
    auto Dot = DotImports.find({Found, Obj});
    if (Dot != DotImports.end())
      Dot->second->Used = true;
  }
  if (!Obj) {
    if (E->Value == "_")
      error(E->pos(), "cannot use _ as value or type");
    else
      error(E->pos(), "undefined: " + E->Value.str());
    return;
  }
  E->Obj = Obj;

  Type *T = Obj->type();
  if (!T || (isa<TypeName>(Obj) && WantType) || ObjMap.count(Obj)) {
    // Package-level objects not yet checked, and (local) types being
    // declared, whose uses may close a cycle. A function whose signature is
    // being checked already has its (guard) type, as in types2.
    if ((ObjMap.count(Obj) && Obj->Col != Object::Color::Black &&
         !(isa<Func>(Obj) && Obj->Col == Object::Color::Grey)) ||
        (isa<TypeName>(Obj) && Obj->Col == Object::Color::Grey))
      objDecl(Obj);
    T = Obj->type();
  }
  if (!T)
    T = Ctx.invalid();

  switch (Obj->kind()) {
  case ObjectKind::PkgName:
    error(E->pos(), "use of package " + Obj->name().str() + " not in selector");
    usePkgName(cast<PkgName>(Obj));
    return;
  case ObjectKind::Const:
    addDeclDep(Obj);
    if (T == Ctx.invalid())
      return;
    if (Obj == Ctx.universeIota()) {
      if (!Iota) {
        error(E->pos(), "cannot use iota outside constant declaration");
        return;
      }
      X.Val = *Iota;
    } else {
      if (!cast<Const>(Obj)->Val)
        return;
      X.Val = *cast<Const>(Obj)->Val;
    }
    X.M = Mode::Constant;
    break;
  case ObjectKind::TypeName:
    X.M = Mode::TypeExpr;
    break;
  case ObjectKind::Var:
    // It's ok to mark non-local variables, but ignore variables from other
    // packages to avoid potential race conditions with dot-imported
    // variables.
    if (Obj->pkg() == Pkg)
      useVar(cast<Var>(Obj));
    addDeclDep(Obj);
    if (T == Ctx.invalid())
      return;
    X.M = Mode::Variable;
    break;
  case ObjectKind::Func:
    addDeclDep(Obj);
    if (cast<Func>(Obj)->Generic) {
      // A generic function: its call or index expression instantiates it.
      X.Generic = cast<Func>(Obj);
      X.GenericName = E;
    }
    X.M = Mode::Value;
    break;
  case ObjectKind::Builtin:
    X.Id = cast<Builtin>(Obj)->Id;
    X.M = Mode::Builtin;
    break;
  case ObjectKind::Nil:
    X.M = Mode::Value;
    X.IsNil = true;
    break;
  case ObjectKind::Label:
    // Labels are resolved by branches.cpp and live in no Scope.
    llvm_unreachable("an identifier denotes a label");
  }
  X.T = T;
}

//===----------------------------------------------------------------------===//
// Unary and binary expressions
//===----------------------------------------------------------------------===//

void Checker::markAddrTaken(syntax::Expr *E) {
  for (;;) {
    E = unparen(E);
    if (auto *N = dyn_cast<syntax::Name>(E)) {
      if (auto *V = dyn_cast_or_null<Var>(N->Obj))
        V->AddrTaken = true;
      return;
    }
    if (auto *S = dyn_cast<SelectorExpr>(E)) {
      // A field of a struct value (no pointer on the way) is part of it.
      types::Selection *Sel = S->Selection;
      if (!Sel || Sel->Kind != SelectionKind::FieldVal || Sel->Indirect)
        return;
      E = S->X;
      continue;
    }
    if (auto *IX = dyn_cast<IndexExpr>(E)) {
      // So is an element of an array value (not of a slice, a map, a
      // string or an array behind a pointer).
      if (!IX->X->TV.Ty || !isa<Array>(IX->X->TV.Ty->underlying()))
        return;
      E = IX->X;
      continue;
    }
    return;
  }
}

void Checker::unary(Operand &X, Operation *E) {
  expr(X, E->X);
  if (X.M == Mode::Invalid)
    return;
  switch (E->Op) {
  case Operator::And: {
    // spec: "As an exception to the addressability requirement x may also
    // be a composite literal."
    if (!isa<CompositeLit>(unparen(E->X)) && X.M != Mode::Variable) {
      errorAt(X, std::string(InvalidOp) + "cannot take address of " + str(X));
      X.M = Mode::Invalid;
      return;
    }
    // The variable is addressed: lowering gives it a heap cell, which
    // escape analysis (codegen/stack_alloc.cpp) may move into the frame.
    markAddrTaken(E->X);
    X.M = Mode::Value;
    X.T = Ctx.make<Pointer>(X.T);
    return;
  }
  case Operator::Recv: {
    if (isTypeParam(X.T) && !coreType(X.T)) {
      errorAt(X, std::string(InvalidOp) + "cannot receive from " + str(X) +
                     ": no core type");
      X.M = Mode::Invalid;
      return;
    }
    auto *Ch = dyn_cast<Chan>(coreOrUnder(X.T));
    if (!Ch) {
      errorAt(X, std::string(InvalidOp) + "cannot receive from non-channel " +
                     str(X));
      X.M = Mode::Invalid;
      return;
    }
    if (Ch->Dir == types::ChanDir::SendOnly) {
      errorAt(X, std::string(InvalidOp) +
                     "cannot receive from send-only channel " + str(X));
      X.M = Mode::Invalid;
      return;
    }
    X.M = Mode::CommaOk;
    X.T = Ch->Elem;
    HasCallOrRecv = true;
    return;
  }
  case Operator::Tilde:
    errorAt(E, "cannot use ~ outside of interface or type constraint");
    X.M = Mode::Invalid;
    return;
  default:
    break;
  }

  bool Ok;
  switch (E->Op) {
  case Operator::Add:
  case Operator::Sub:
    Ok = isNumeric(X.T);
    break;
  case Operator::Xor:
    Ok = isInteger(X.T);
    break;
  case Operator::Not:
    Ok = isBoolean(X.T);
    break;
  default:
    errorAt(X, "unknown operator " + operatorString(E->Op).str());
    X.M = Mode::Invalid;
    return;
  }
  if (!Ok) {
    errorAt(X, std::string(InvalidOp) + "operator " +
                   operatorString(E->Op).str() + " not defined on " + str(X));
    X.M = Mode::Invalid;
    return;
  }

  if (X.M == Mode::Constant) {
    if (X.Val.isUnknown())
      return;
    unsigned Prec = 0;
    if (isUnsigned(X.T))
      Prec = unsigned(Ctx.sizeOf(X.T) * 8);
    X.Val = ConstValue::unaryOp(E->Op, X.Val, Prec);
    X.E = E;
    overflow(X, E->pos());
    return;
  }
  X.M = Mode::Value;
  // x.typ remains unchanged
}

void Checker::comparison(Operand &X, Operand &Y, Operator Op, bool SwitchCase) {
  if (SwitchCase)
    Op = Operator::Eql;
  Operand *ErrOp = &X;
  std::string Cause;

  bool Ok = assignableTo(X, Y.T, nullptr) || assignableTo(Y, X.T, nullptr);
  if (!Ok) {
    ErrOp = &Y;
    Cause = "mismatched types " + str(X.T) + " and " + str(Y.T);
    goto Error;
  }

  switch (Op) {
  case Operator::Eql:
  case Operator::Neq:
    if (X.IsNil || Y.IsNil) {
      Type *T = X.IsNil ? Y.T : X.T;
      if (!hasNil(T)) {
        // This case should only be possible for "nil == nil".
        ErrOp = &Y;
        goto Error;
      }
    } else if (!comparable(X.T)) {
      ErrOp = &X;
      Cause = incomparableCause(X.T);
      goto Error;
    } else if (!comparable(Y.T)) {
      ErrOp = &Y;
      Cause = incomparableCause(Y.T);
      goto Error;
    }
    break;
  default:
    if (!isOrdered(X.T)) {
      ErrOp = &X;
      goto Error;
    }
    if (!isOrdered(Y.T)) {
      ErrOp = &Y;
      goto Error;
    }
  }

  // Comparison is ok.
  if (X.M == Mode::Constant && Y.M == Mode::Constant) {
    X.Val = ConstValue::makeBool(ConstValue::compare(X.Val, Op, Y.Val));
    // The operands are never materialized; no need to update their types.
  } else {
    X.M = Mode::Value;
    // The operands have now their final types, which at run-time will be
    // materialized. Update the expression trees.
    if (X.E)
      updateExprType(X.E, defaultType(Ctx, X.T), true);
    if (Y.E)
      updateExprType(Y.E, defaultType(Ctx, Y.T), true);
  }
  // spec: "Comparison operators compare two operands and yield an untyped
  // boolean value."
  X.T = Ctx.basic(BasicKind::UntypedBool);
  X.IsNil = false;
  return;

Error:
  if (Cause.empty())
    Cause = "operator " + operatorString(Op).str() + " not defined on " +
            kindString(ErrOp->T);
  if (SwitchCase)
    errorAt(X, "invalid case " + str(X.E) + " in switch on " + str(Y.E) + " (" +
                   Cause + ")");
  else
    errorAt(*ErrOp, std::string(InvalidOp) + str(X.E) + " " +
                        operatorString(Op).str() + " " + str(Y.E) + " (" +
                        Cause + ")");
  X.M = Mode::Invalid;
}

void Checker::shift(Operand &X, Operand &Y, syntax::Expr *E, Operator Op) {
  // spec: "The right operand in a shift expression must have integer type
  // or be an untyped constant representable by a value of type uint."
  std::optional<ConstValue> XVal;
  if (X.M == Mode::Constant)
    XVal = X.Val.toInt();

  if (isInteger(X.T) ||
      (isUntyped(X.T) && XVal && XVal->kind() == ConstValue::Kind::Int)) {
    // The lhs is of integer type or an untyped constant representable as
    // an integer.
  } else {
    errorAt(X, std::string(InvalidOp) + "shifted operand " + str(X) +
                   " must be integer");
    X.M = Mode::Invalid;
    return;
  }

  // Check that constants are representable by uint, but don't convert them.
  if (Y.M == Mode::Constant) {
    ConstValue YVal = Y.Val.toInt();
    if (YVal.kind() == ConstValue::Kind::Int && YVal.intVal().sign() < 0) {
      errorAt(Y, std::string(InvalidOp) + "negative shift count " + str(Y));
      X.M = Mode::Invalid;
      return;
    }
    if (isUntyped(Y.T)) {
      // Caution: Check for representability here, rather than in the switch
      // below, because isInteger includes untyped integers.
      representable(Y, Ctx.basic(BasicKind::Uint));
      if (Y.M == Mode::Invalid) {
        X.M = Mode::Invalid;
        return;
      }
    }
  } else {
    // Check that RHS is otherwise at least of integer type.
    if (isInteger(Y.T)) {
      // ok
    } else if (isUntyped(Y.T)) {
      // This is incorrect, but preserves pre-existing behavior.
      convertUntyped(Y, Ctx.basic(BasicKind::Uint));
      if (Y.M == Mode::Invalid) {
        X.M = Mode::Invalid;
        return;
      }
    } else {
      errorAt(Y, std::string(InvalidOp) + "shift count " + str(Y) +
                     " must be integer");
      X.M = Mode::Invalid;
      return;
    }
  }

  if (X.M == Mode::Constant) {
    if (Y.M == Mode::Constant) {
      // If either x or y has an unknown value, the result is unknown.
      if (X.Val.isUnknown() || Y.Val.isUnknown()) {
        X.Val = ConstValue::makeUnknown();
        if (!isInteger(X.T))
          X.T = Ctx.basic(BasicKind::UntypedInt);
        return;
      }
      // Rather than checking both x and y for representability, catch
      // excessively large shift counts here.
      constexpr uint64_t ShiftBound = 1023 - 1 + 52;
      ConstValue YI = Y.Val.toInt();
      if (!YI.intVal().fitsUint64() || YI.intVal().getUint64() > ShiftBound) {
        errorAt(Y, std::string(InvalidOp) + "invalid shift count " + str(Y));
        X.M = Mode::Invalid;
        return;
      }
      // The lhs is representable as an integer but may not be an integer
      // (e.g., 2.0, an untyped float) - this can only happen for untyped
      // non-integer numeric constants. Correct the type so that the shift
      // result is of integer type.
      if (!isInteger(X.T))
        X.T = Ctx.basic(BasicKind::UntypedInt);
      // x is a constant so xval != nil and it must be of Int kind.
      X.Val = ConstValue::shift(*XVal, Op, unsigned(YI.intVal().getUint64()));
      X.E = E;
      overflow(X, E ? E->pos() : Pos());
      return;
    }
    // Non-constant shift with constant lhs.
    if (isUntyped(X.T)) {
      // spec: "If the left operand of a non-constant shift expression is an
      // untyped constant, the type of the constant is what it would be if
      // the shift expression were replaced by its left operand alone.".
      // Delay operand checking until we know the final type by marking the
      // lhs expression as lhs shift operand.
      if (X.E) {
        auto It = Untyped.find(X.E);
        if (It != Untyped.end())
          It->second.IsLhs = true;
      }
      // keep x's type
      X.M = Mode::Value;
      return;
    }
  }

  // Non-constant shift - lhs must be an integer.
  if (!isInteger(X.T)) {
    errorAt(X, std::string(InvalidOp) + "shifted operand " + str(X) +
                   " must be integer");
    X.M = Mode::Invalid;
    return;
  }
  X.M = Mode::Value;
}

void Checker::binary(Operand &X, syntax::Expr *E, syntax::Expr *Lhs,
                     syntax::Expr *Rhs, Operator Op, Pos OpPos) {
  Operand Y;
  expr(X, Lhs);
  expr(Y, Rhs);
  if (X.M == Mode::Invalid)
    return;
  if (Y.M == Mode::Invalid) {
    X.M = Mode::Invalid;
    X.E = Y.E;
    return;
  }

  if (Op == Operator::Shl || Op == Operator::Shr) {
    shift(X, Y, E, Op);
    return;
  }

  auto CanMix = [&](Operand &A, Operand &B) {
    // If either operand is an interface, the other operand is converted to
    // its default type.
    if (isInterface(A.T) || isInterface(B.T))
      return true;
    if (isBoolean(A.T) != isBoolean(B.T))
      return false;
    if (isString(A.T) != isString(B.T))
      return false;
    if (A.IsNil && !hasNil(B.T))
      return false;
    if (B.IsNil && !hasNil(A.T))
      return false;
    return true;
  };
  if (CanMix(X, Y)) {
    convertUntyped(X, Y.T);
    if (X.M == Mode::Invalid)
      return;
    convertUntyped(Y, X.T);
    if (Y.M == Mode::Invalid) {
      X.M = Mode::Invalid;
      return;
    }
  }

  if (isComparison(Op)) {
    comparison(X, Y, Op, false);
    return;
  }

  if (!identical(X.T, Y.T)) {
    // Only report an error if we have valid types (otherwise we had an error
    // reported elsewhere already).
    if (X.T != Ctx.invalid() && Y.T != Ctx.invalid()) {
      if (E)
        errorAt(X, std::string(InvalidOp) + str(E) + " (mismatched types " +
                       str(X.T) + " and " + str(Y.T) + ")");
      else
        errorAt(X, std::string(InvalidOp) + str(Lhs) + " " +
                       operatorString(Op).str() + "= " + str(Rhs) +
                       " (mismatched types " + str(X.T) + " and " + str(Y.T) +
                       ")");
    }
    X.M = Mode::Invalid;
    return;
  }

  bool Ok;
  switch (Op) {
  case Operator::Add:
    // types2's allNumericOrString: for a type parameter, each type of its
    // type set may be either
    Ok = isBasicInfo(X.T, IsNumeric | IsString);
    break;
  case Operator::Sub:
  case Operator::Mul:
  case Operator::Div:
    Ok = isNumeric(X.T);
    break;
  case Operator::Rem:
  case Operator::And:
  case Operator::Or:
  case Operator::Xor:
  case Operator::AndNot:
    Ok = isInteger(X.T);
    break;
  case Operator::AndAnd:
  case Operator::OrOr:
    Ok = isBoolean(X.T);
    break;
  default:
    errorAt(X, "unknown operator " + operatorString(Op).str());
    X.M = Mode::Invalid;
    return;
  }
  if (!Ok) {
    errorAt(X, std::string(InvalidOp) + "operator " + operatorString(Op).str() +
                   " not defined on " + str(X));
    X.M = Mode::Invalid;
    return;
  }

  if (Op == Operator::Div || Op == Operator::Rem) {
    // Check for zero divisor.
    if ((X.M == Mode::Constant || isInteger(X.T)) && Y.M == Mode::Constant &&
        !Y.Val.isUnknown() && Y.Val.real().isZero() && Y.Val.imag().isZero()) {
      errorAt(Y, std::string(InvalidOp) + "division by zero");
      X.M = Mode::Invalid;
      return;
    }
    // Check for divisor underflow in complex division.
    if (X.M == Mode::Constant && Y.M == Mode::Constant && isComplex(X.T) &&
        !Y.Val.isUnknown()) {
      Real Re = Y.Val.real(), Im = Y.Val.imag();
      if ((Re * Re).isZero() && (Im * Im).isZero()) {
        errorAt(Y, std::string(InvalidOp) + "division by zero");
        X.M = Mode::Invalid;
        return;
      }
    }
  }

  if (X.M == Mode::Constant && Y.M == Mode::Constant) {
    // If either x or y has an unknown value, the result is unknown.
    if (X.Val.isUnknown() || Y.Val.isUnknown()) {
      X.Val = ConstValue::makeUnknown();
      return;
    }
    bool IntDiv = Op == Operator::Div && isInteger(X.T);
    X.Val = ConstValue::binaryOp(X.Val, Op, Y.Val, IntDiv);
    X.E = E;
    overflow(X, OpPos);
    return;
  }
  X.M = Mode::Value;
  // x.typ is unchanged
}

//===----------------------------------------------------------------------===//
// Expression dispatch
//===----------------------------------------------------------------------===//

Checker::ExprKind Checker::rawExpr(Operand &X, syntax::Expr *E, Type *Hint) {
  bool Generic = AllowGeneric;
  AllowGeneric = false;
  ExprKind K = exprInternal(X, E, Hint);
  if (X.Generic && !Generic)
    instantiateOperand(X, nullptr, nullptr, E->pos());
  record(X);
  return K;
}

void Checker::expr(Operand &X, syntax::Expr *E) {
  rawExpr(X, E, nullptr);
  exclude(X, (1u << unsigned(Mode::NoValue)) | (1u << unsigned(Mode::Builtin)) |
                 (1u << unsigned(Mode::TypeExpr)));
  singleValue(X);
}

void Checker::multiExpr(Operand &X, syntax::Expr *E) {
  rawExpr(X, E, nullptr);
  exclude(X, (1u << unsigned(Mode::NoValue)) | (1u << unsigned(Mode::Builtin)) |
                 (1u << unsigned(Mode::TypeExpr)));
}

void Checker::exprWithHint(Operand &X, syntax::Expr *E, Type *Hint) {
  rawExpr(X, E, Hint);
  exclude(X, (1u << unsigned(Mode::NoValue)) | (1u << unsigned(Mode::Builtin)) |
                 (1u << unsigned(Mode::TypeExpr)));
  singleValue(X);
}

void Checker::exprOrType(Operand &X, syntax::Expr *E) {
  rawExpr(X, E, nullptr);
  exclude(X, 1u << unsigned(Mode::NoValue));
  singleValue(X);
}

void Checker::exclude(Operand &X, unsigned ModeSet) {
  if (ModeSet & (1u << unsigned(X.M))) {
    std::string Msg;
    switch (X.M) {
    case Mode::NoValue:
      if (ModeSet & (1u << unsigned(Mode::TypeExpr)))
        Msg = str(X) + " used as value";
      else
        Msg = str(X) + " used as value or type";
      break;
    case Mode::Builtin:
      Msg = str(X) + " must be called";
      break;
    case Mode::TypeExpr:
      Msg = str(X) + " is not an expression";
      break;
    default:
      break;
    }
    errorAt(X, Msg);
    X.M = Mode::Invalid;
  }
}

void Checker::singleValue(Operand &X) {
  if (X.M == Mode::Value && X.T && isa<Tuple>(X.T)) {
    errorAt(X, "multiple-value " + str(X) + " in single-value context");
    X.M = Mode::Invalid;
  }
}

void Checker::funcLit(Operand &X, FuncLit *E) {
  Scope *S = Ctx.make<Scope>(CurScope, E->pos(),
                             E->Body ? E->Body->Rbrace : Pos(), true);
  bool PtrRecv;
  Signature *Sig = funcType(E, S, nullptr, E->Type, PtrRecv);
  Func *Outer = FuncStack.empty() ? nullptr : FuncStack.back()->Fn;
  E->Outer = Outer;
  E->OuterLit = FuncStack.empty() ? nullptr : FuncStack.back()->Lit;
  if (E->OuterLit)
    E->Index = E->OuterLit->NumLits++;
  else if (Outer)
    E->Index = Outer->NumLits++;
  else
    E->Index = GlobLits++;
  if (E->Body) {
    // Check the body now, in the current environment (go/types delays it to
    // the end of the enclosing statement, which sees the same declarations).
    auto SavedIota = Iota;
    bool SavedCall = HasCallOrRecv;
    funcBody(E, Outer, Sig, E->Body);
    Iota = SavedIota;
    HasCallOrRecv = SavedCall;
  }
  X.M = Mode::Value;
  X.T = Sig;
}

Checker::ExprKind Checker::exprInternal(Operand &X, syntax::Expr *E0,
                                        Type *Hint) {
  X = Operand();
  X.M = Mode::Invalid;
  X.T = Ctx.invalid();

  switch (E0->kind()) {
  case NodeKind::BadExpr:
    goto Error;

  case NodeKind::Name:
    ident(X, cast<syntax::Name>(E0), nullptr, false);
    break;

  case NodeKind::DotsType:
    errorAt(E0, "invalid use of '...'");
    goto Error;

  case NodeKind::BasicLit: {
    auto *E = cast<BasicLit>(E0);
    if (E->Bad)
      goto Error; // error reported during parsing
    if (E->Kind == LitKind::Int || E->Kind == LitKind::Float ||
        E->Kind == LitKind::Imag) {
      // The max. mantissa precision for untyped numeric values is 512
      // bits; avoid excessively long literals.
      constexpr size_t Limit = 10000;
      if (E->Value.size() > Limit) {
        errorAt(E,
                "excessively long constant: " + E->Value.substr(0, 10).str() +
                    "... (" + std::to_string(E->Value.size()) + " chars)");
        goto Error;
      }
    }
    ConstValue V = ConstValue::fromLiteral(E->Kind, E->Value);
    if (V.isUnknown()) {
      errorAt(E, "malformed constant: " + E->Value.str());
      goto Error;
    }
    BasicKind K = BasicKind::UntypedInt;
    switch (E->Kind) {
    case LitKind::Int:
      K = BasicKind::UntypedInt;
      break;
    case LitKind::Float:
      K = BasicKind::UntypedFloat;
      break;
    case LitKind::Imag:
      K = BasicKind::UntypedComplex;
      break;
    case LitKind::Rune:
      K = BasicKind::UntypedRune;
      break;
    case LitKind::String:
      K = BasicKind::UntypedString;
      break;
    }
    X.M = Mode::Constant;
    X.T = Ctx.basic(K);
    X.Val = std::move(V);
    break;
  }

  case NodeKind::FuncLit:
    funcLit(X, cast<FuncLit>(E0));
    break;

  case NodeKind::CompositeLit:
    compositeLit(X, cast<CompositeLit>(E0), Hint);
    if (X.M == Mode::Invalid)
      goto Error;
    break;

  case NodeKind::ParenExpr: {
    ExprKind K = rawExpr(X, cast<ParenExpr>(E0)->X, nullptr);
    X.E = E0;
    return K;
  }

  case NodeKind::SelectorExpr:
    selector(X, cast<SelectorExpr>(E0), nullptr);
    break;

  case NodeKind::IndexExpr:
    indexExpr(X, cast<IndexExpr>(E0));
    if (X.M == Mode::Invalid)
      goto Error;
    break;

  case NodeKind::SliceExpr:
    sliceExpr(X, cast<SliceExpr>(E0));
    if (X.M == Mode::Invalid)
      goto Error;
    break;

  case NodeKind::AssertExpr: {
    auto *E = cast<AssertExpr>(E0);
    expr(X, E->X);
    if (X.M == Mode::Invalid)
      goto Error;
    if (!isa<Interface>(X.T->underlying())) {
      errorAt(X, std::string(InvalidOp) + str(X) + " is not an interface");
      goto Error;
    }
    Type *T = varType(E->Type);
    if (T == Ctx.invalid())
      goto Error;
    typeAssertion(E, X, T, false);
    X.M = Mode::CommaOk;
    X.T = T;
    X.IsNil = false;
    break;
  }

  case NodeKind::TypeSwitchGuard:
    errorAt(E0, "invalid AST: use of .(type) outside type switch");
    goto Error;

  case NodeKind::CallExpr:
    return callExpr(X, cast<CallExpr>(E0));

  case NodeKind::ListExpr:
    errorAt(E0, "unexpected list of expressions");
    goto Error;

  case NodeKind::Operation: {
    auto *E = cast<Operation>(E0);
    if (!E->Y) {
      // unary expression
      if (E->Op == Operator::Mul) {
        // pointer indirection
        exprOrType(X, E->X);
        switch (X.M) {
        case Mode::Invalid:
          goto Error;
        case Mode::TypeExpr:
          validVarType(E->X, X.T);
          X.T = Ctx.make<Pointer>(X.T);
          break;
        default: {
          auto *P = dyn_cast<Pointer>(coreOrUnder(X.T));
          if (!P) {
            errorAt(X, std::string(InvalidOp) + "cannot indirect " + str(X));
            goto Error;
          }
          X.M = Mode::Variable;
          X.T = P->Elem;
          X.IsNil = false;
          break;
        }
        }
        break;
      }
      unary(X, E);
      if (X.M == Mode::Invalid)
        goto Error;
      if (E->Op == Operator::Recv) {
        X.E = E;
        return ExprKind::Statement; // receive operations may appear in
                                    // statement context
      }
      break;
    }
    // binary expression
    binary(X, E, E->X, E->Y, E->Op, E->pos());
    if (X.M == Mode::Invalid)
      goto Error;
    break;
  }

  case NodeKind::KeyValueExpr:
    // key:value expressions are handled in composite literals
    errorAt(E0, "invalid AST: no key:value expected");
    goto Error;

  case NodeKind::ArrayType:
  case NodeKind::SliceType:
  case NodeKind::StructType:
  case NodeKind::FuncType:
  case NodeKind::InterfaceType:
  case NodeKind::MapType:
  case NodeKind::ChanType:
    X.M = Mode::TypeExpr;
    X.T = typ(E0);
    break;

  default:
    goto Error;
  }

  X.E = E0;
  return ExprKind::Expression;

Error:
  X.M = Mode::Invalid;
  X.E = E0;
  return ExprKind::Statement; // avoid follow-up errors
}

//===----------------------------------------------------------------------===//
// Composite literals
//===----------------------------------------------------------------------===//

int64_t Checker::indexedElts(llvm::ArrayRef<syntax::Expr *> Elems, Type *Elem,
                             int64_t Length) {
  llvm::DenseSet<int64_t> Visited;
  int64_t Index = 0, Max = 0;
  for (syntax::Expr *E : Elems) {
    bool ValidIndex = false;
    syntax::Expr *Eval = E;
    if (auto *KV = dyn_cast<KeyValueExpr>(E)) {
      int64_t I;
      if (index(KV->Key, Length, &I) != Ctx.invalid()) {
        if (I >= 0) {
          Index = I;
          ValidIndex = true;
        } else {
          errorAt(E, "index " + str(KV->Key) + " must be integer constant");
        }
      }
      Eval = KV->Value;
    } else if (Length >= 0 && Index >= Length) {
      errorAt(E, "index " + std::to_string(Index) +
                     " is out of bounds (>= " + std::to_string(Length) + ")");
    } else {
      ValidIndex = true;
    }
    // If we have a valid index, check for duplicate entries.
    if (ValidIndex) {
      if (!Visited.insert(Index).second)
        errorAt(E, "duplicate index " + std::to_string(Index) +
                       " in array or slice literal");
    }
    ++Index;
    if (Index > Max)
      Max = Index;
    // Check element against composite literal element type.
    Operand X;
    exprWithHint(X, Eval, Elem);
    assignment(X, Elem, "array or slice literal");
  }
  return Max;
}

void Checker::compositeLit(Operand &X, CompositeLit *E, Type *Hint) {
  Type *T = nullptr, *Base = nullptr;
  if (E->Type) {
    // [...]T array types may only appear with composite literals.
    if (auto *AT = dyn_cast<ArrayType>(E->Type); AT && !AT->Len) {
      T = Ctx.make<Array>(varType(AT->Elem), -1);
      Base = T;
    } else {
      T = typ(E->Type);
      Base = T;
    }
  } else if (Hint) {
    // No composite literal type present - use hint (element type of
    // enclosing type).
    T = Hint;
    Base = coreOrUnder(T); // types2: deref(coreType(typ))
    if (auto *P = dyn_cast<Pointer>(Base))
      Base = P->Elem; // *T implies &T{}
  } else {
    errorAt(E, "missing type in composite literal");
    X.M = Mode::Invalid;
    return;
  }

  Type *U = Base->underlying();
  if (isa<TypeParam>(Base)) // T{...}: the literal of T's core type
    if (Type *C = coreType(Base))
      U = C;
  switch (U->kind()) {
  case TypeKind::Struct: {
    auto *S = cast<Struct>(U);
    if (E->Elems.empty())
      break;
    if (isa<KeyValueExpr>(E->Elems[0])) {
      // all elements must have keys
      std::vector<bool> Visited(S->Fields.size());
      for (syntax::Expr *Elt : E->Elems) {
        auto *KV = dyn_cast<KeyValueExpr>(Elt);
        if (!KV) {
          errorAt(Elt, "mixture of field:value and value elements in struct "
                       "literal");
          continue;
        }
        auto *Key = dyn_cast<syntax::Name>(KV->Key);
        // Do all possible checks early (before exiting due to errors) so we
        // don't drop information on the floor.
        Operand V;
        expr(V, KV->Value);
        if (!Key) {
          errorAt(KV,
                  "invalid field name " + str(KV->Key) + " in struct literal");
          continue;
        }
        int I = -1;
        for (size_t J = 0; J < S->Fields.size() && Key->Value != "_"; ++J)
          if (S->Fields[J]->name() == Key->Value &&
              (S->Fields[J]->exported() || S->Fields[J]->pkg() == Pkg)) {
            I = int(J);
            break;
          }
        if (I < 0) {
          errorAt(KV->Key, "unknown field '" + Key->Value.str() +
                               "' in struct literal of type " + str(Base));
          continue;
        }
        Var *Fld = S->Fields[I];
        Key->Obj = Fld;
        assignment(V, Fld->type(), "struct literal");
        // 0 <= i < len(fields)
        if (Visited[I]) {
          errorAt(KV, "duplicate field name " + Key->Value.str() +
                          " in struct literal");
          continue;
        }
        Visited[I] = true;
      }
    } else {
      // no element must have a key
      for (size_t I = 0; I < E->Elems.size(); ++I) {
        syntax::Expr *Elt = E->Elems[I];
        if (auto *KV = dyn_cast<KeyValueExpr>(Elt)) {
          errorAt(KV, "mixture of field:value and value elements in struct "
                      "literal");
          continue;
        }
        Operand V;
        expr(V, Elt);
        if (I >= S->Fields.size()) {
          errorAt(V, "too many values in " + str(Base) + "{…}");
          break; // cannot continue
        }
        Var *Fld = S->Fields[I];
        if (!Fld->exported() && Fld->pkg() != Pkg) {
          errorAt(V, "implicit assignment to unexported field " +
                         Fld->name().str() + " in " + str(T) + " literal");
          continue;
        }
        assignment(V, Fld->type(), "struct literal");
      }
      if (E->Elems.size() < S->Fields.size())
        error(E->Rbrace, "too few values in " + str(Base) + "{…}");
    }
    break;
  }
  case TypeKind::Array: {
    auto *A = cast<Array>(U);
    int64_t N = indexedElts(E->Elems, A->Elem, A->Len);
    // If we have an array of unknown length (usually [...]T arrays, but also
    // arrays [n]T where n is invalid) set the length now that we know it
    // and record the type for the array.
    if (A->Len < 0) {
      A->Len = N;
      if (E->Type)
        E->Type->TV = {Mode::TypeExpr, A, nullptr};
    }
    break;
  }
  case TypeKind::Slice:
    indexedElts(E->Elems, cast<Slice>(U)->Elem, -1);
    break;
  case TypeKind::Map: {
    auto *M = cast<Map>(U);
    bool KeyIsInterface = isInterface(M->Key);
    std::vector<std::pair<ConstValue, Type *>> Seen;
    for (syntax::Expr *Elt : E->Elems) {
      auto *KV = dyn_cast<KeyValueExpr>(Elt);
      if (!KV) {
        errorAt(Elt, "missing key in map literal");
        continue;
      }
      Operand K;
      exprWithHint(K, KV->Key, M->Key);
      assignment(K, M->Key, "map literal");
      if (K.M == Mode::Constant) {
        bool Dup = false;
        for (auto &[V, VT] : Seen) {
          if (V.kind() == K.Val.kind() ||
              (V.kind() != ConstValue::Kind::String &&
               V.kind() != ConstValue::Kind::Bool &&
               K.Val.kind() != ConstValue::Kind::String &&
               K.Val.kind() != ConstValue::Kind::Bool)) {
            if (ConstValue::compare(V, Operator::Eql, K.Val) &&
                (!KeyIsInterface || identical(VT, K.T))) {
              Dup = true;
              break;
            }
          }
        }
        if (Dup && !InInstance) { // T(0) and int(0) in an instance
          errorAt(K, "duplicate key " + K.Val.toString() + " in map literal");
          continue;
        }
        Seen.push_back({K.Val, K.T});
      }
      Operand V;
      exprWithHint(V, KV->Value, M->Elem);
      assignment(V, M->Elem, "map literal");
    }
    break;
  }
  default: {
    // When "using" all elements unpack KeyValueExpr explicitly because
    // check.use doesn't accept them.
    for (syntax::Expr *Elt : E->Elems) {
      if (auto *KV = dyn_cast<KeyValueExpr>(Elt))
        Elt = KV->Value;
      use(Elt);
    }
    // if utyp is invalid, an error was reported before
    if (U != Ctx.invalid()) {
      errorAt(E, "invalid composite literal type " + str(T));
      X.M = Mode::Invalid;
      return;
    }
    X.M = Mode::Invalid;
    return;
  }
  }
  X.M = Mode::Value;
  X.T = T;
}

//===----------------------------------------------------------------------===//
// Index and slice expressions
//===----------------------------------------------------------------------===//

bool Checker::isValidIndex(Operand &X, const char *What, bool AllowNegative) {
  if (X.M == Mode::Invalid)
    return false;
  // spec: "a constant index that is untyped is given type int"
  convertUntyped(X, Ctx.basic(BasicKind::Int));
  if (X.M == Mode::Invalid)
    return false;
  // spec: "the index x must be of integer type or an untyped constant"
  if (!isInteger(X.T)) {
    errorAt(X,
            std::string(InvalidArg) + What + " " + str(X) + " must be integer");
    return false;
  }
  if (X.M == Mode::Constant) {
    // spec: "a constant index must be non-negative ..."
    if (!AllowNegative && X.Val.toInt().intVal().sign() < 0) {
      errorAt(X, std::string(InvalidArg) + What + " " + str(X) +
                     " must not be negative");
      return false;
    }
    // spec: "... and representable by a value of type int"
    ConstValue R;
    if (!representableConst(X.Val, Ctx.basic(BasicKind::Int), &R)) {
      errorAt(X,
              std::string(InvalidArg) + What + " " + str(X) + " overflows int");
      return false;
    }
    X.Val = R;
  }
  return true;
}

Type *Checker::index(syntax::Expr *E, int64_t Max, int64_t *Val) {
  *Val = -1;
  Operand X;
  expr(X, E);
  if (!isValidIndex(X, "index", false))
    return Ctx.invalid();
  if (X.M != Mode::Constant)
    return X.T;
  if (X.Val.isUnknown())
    return Ctx.invalid();
  int64_t V = X.Val.toInt().intVal().getInt64();
  if (Max >= 0 && V >= Max) {
    errorAt(X, std::string(InvalidArg) + "index " + X.Val.toString() +
                   " out of bounds [0:" + std::to_string(Max) + "]");
    return Ctx.invalid();
  }
  *Val = V;
  return X.T;
}

namespace {
/// What indexing a value of underlying type U gives, for an operand of
/// mode XM: the element type (null if U cannot be indexed), a map's key
/// type, an array's length (else -1) and the result's mode. An indexed
/// string always yields a byte value, not a constant, even if the string
/// and the index are constant.
struct IndexOf {
  Type *Elem = nullptr;
  Type *Key = nullptr;
  int64_t Len = -1;
  Mode M = Mode::Variable;
};
IndexOf indexOf(TypeContext &Ctx, Type *U, Mode XM) {
  IndexOf I;
  if (isString(U)) {
    I.Elem = Ctx.byteType();
    I.M = Mode::Value;
  } else if (auto *A = dyn_cast<Array>(U)) {
    I.Len = A->Len;
    I.Elem = A->Elem;
    if (XM != Mode::Variable)
      I.M = Mode::Value;
  } else if (auto *P = dyn_cast<Pointer>(U)) {
    if (auto *A = dyn_cast<Array>(P->Elem->underlying())) {
      I.Len = A->Len;
      I.Elem = A->Elem;
    }
  } else if (auto *S = dyn_cast<Slice>(U)) {
    I.Elem = S->Elem;
  } else if (auto *Mp = dyn_cast<Map>(U)) {
    I.Key = Mp->Key;
    I.Elem = Mp->Elem;
  }
  return I;
}
} // namespace

bool Checker::indexExpr(Operand &X, IndexExpr *E) {
  bool Generic = E == GenericCallee; // f[int] in f[int](x) may be partial
  AllowGeneric = true;
  exprOrType(X, E->X);
  if (X.M != Mode::Invalid && X.Generic) {
    // f[T1, T2]: an instantiation, maybe partial if it is called.
    std::vector<Type *> Args = typeArgs(E->Index);
    if (llvm::is_contained(Args, Ctx.invalid())) {
      X.M = Mode::Invalid;
      return false;
    }
    X.TArgs = std::move(Args);
    X.TArgPos.clear();
    if (auto *L = dyn_cast<ListExpr>(E->Index))
      for (syntax::Expr *A : L->Elems)
        X.TArgPos.push_back(startPos(A));
    else
      X.TArgPos.push_back(startPos(E->Index));
    X.E = E;
    if (X.TArgs.size() < X.Generic->TParams.size() && Generic)
      return false;
    instantiateOperand(X, nullptr, nullptr, E->pos());
    return false;
  }
  switch (X.M) {
  case Mode::Invalid:
    use(E->Index);
    return false;
  case Mode::TypeExpr:
    // type instantiation
    X.M = Mode::Invalid;
    X.T = varType(E);
    if (X.T != Ctx.invalid())
      X.M = Mode::TypeExpr;
    return false;
  default:
    break;
  }

  IndexOf R;
  if (isTypeParam(X.T)) {
    // types2: every type of the type set must be indexable with identical
    // element types, and either all or none of them maps (identical keys);
    // the shortest array bounds the index.
    bool First = true;
    if (!typeSetUnderIs(X.T, [&](Type *T) {
          IndexOf I = indexOf(Ctx, T, X.M);
          if (!I.Elem)
            return false;
          if (First) {
            First = false;
            R = I;
            return true;
          }
          if ((R.Key == nullptr) != (I.Key == nullptr) ||
              (R.Key && !identical(R.Key, I.Key)) || !identical(R.Elem, I.Elem))
            return false;
          if (I.Len >= 0 && I.Len < R.Len)
            R.Len = I.Len;
          if (I.M == Mode::Value)
            R.M = Mode::Value;
          return true;
        }))
      R = IndexOf();
  } else {
    R = indexOf(Ctx, X.T->underlying(), X.M);
    if (R.Elem && isString(X.T) && X.M == Mode::Constant)
      R.Len = int64_t(X.Val.stringVal().size());
  }

  if (!R.Elem) {
    error(E->pos(), std::string(InvalidOp) + "cannot index " + str(X));
    X.M = Mode::Invalid;
    return false;
  }
  X.IsNil = false;
  syntax::Expr *Ix = E->Index;
  if (auto *L = dyn_cast<ListExpr>(Ix)) {
    errorAt(L->Elems[1], std::string(InvalidOp) + "more than one index");
    Ix = L->Elems[0];
  }
  X.T = R.Elem;
  if (R.Key) {
    Operand K;
    expr(K, Ix);
    assignment(K, R.Key, "map index");
    X.M = Mode::MapIndex;
    X.E = E;
    return false;
  }
  X.M = R.M;
  int64_t V;
  index(Ix, R.Len, &V);
  return false;
}

void Checker::sliceExpr(Operand &X, SliceExpr *E) {
  expr(X, E->X);
  if (X.M == Mode::Invalid) {
    for (syntax::Expr *I : E->Index)
      if (I)
        use(I);
    return;
  }
  bool Valid = false;
  int64_t Length = -1;
  Type *U = X.T->underlying();
  switch (U->kind()) {
  case TypeKind::Basic:
    if (isString(U)) {
      if (E->Full) {
        syntax::Expr *At = E->Index[2] ? E->Index[2] : E;
        errorAt(At, std::string(InvalidOp) + "3-index slice of string");
        X.M = Mode::Invalid;
        return;
      }
      Valid = true;
      if (X.M == Mode::Constant)
        Length = int64_t(X.Val.stringVal().size());
      // spec: "For untyped string operands the result is a non-constant
      // value of type string."
      if (isUntyped(X.T))
        X.T = Ctx.basic(BasicKind::String);
    }
    break;
  case TypeKind::Array:
    Valid = true;
    Length = cast<Array>(U)->Len;
    if (X.M != Mode::Variable) {
      errorAt(X, std::string(InvalidOp) + str(X) +
                     " (slice of unaddressable value)");
      X.M = Mode::Invalid;
      return;
    }
    // Slicing an array variable takes its address.
    markAddrTaken(E->X);
    X.T = Ctx.make<Slice>(cast<Array>(U)->Elem);
    break;
  case TypeKind::Pointer:
    if (auto *A = dyn_cast<Array>(cast<Pointer>(U)->Elem->underlying())) {
      Valid = true;
      Length = A->Len;
      X.T = Ctx.make<Slice>(A->Elem);
    }
    break;
  case TypeKind::Slice:
    Valid = true;
    break;
  default:
    break;
  }
  if (!Valid) {
    errorAt(X, std::string(InvalidOp) + "cannot slice " + str(X));
    X.M = Mode::Invalid;
    return;
  }
  X.M = Mode::Value;
  X.IsNil = false;

  // spec: "Only the first index may be omitted; it defaults to 0."
  if (E->Full && (!E->Index[1] || !E->Index[2])) {
    errorAt(E, "2nd and 3rd index required in 3-index slice");
    X.M = Mode::Invalid;
    return;
  }

  // Check indices.
  int64_t Ind[3];
  for (int I = 0; I < 3; ++I) {
    int64_t V = -1;
    if (E->Index[I]) {
      // The "capacity" is only known statically for strings, arrays, and
      // pointers to arrays, and it is the same as the length for those
      // types.
      int64_t Max = -1;
      if (Length >= 0)
        Max = Length + 1;
      int64_t IV;
      if (index(E->Index[I], Max, &IV); IV >= 0)
        V = IV;
    } else if (I == 0) {
      // default is 0 for the first index
      V = 0;
    } else if (Length >= 0) {
      // default is length (== capacity) otherwise
      V = Length;
    }
    Ind[I] = V;
  }
  // Constant indices must be in range (0 <= a <= b <= c).
  for (int I = 0; I < 2; ++I) {
    if (Ind[I] > 0) {
      for (int J = I + 1; J < 3; ++J) {
        if (Ind[J] >= 0 && Ind[J] < Ind[I]) {
          errorAt(E->Index[J] ? E->Index[J] : E,
                  "invalid slice indices: " + std::to_string(Ind[J]) + " < " +
                      std::to_string(Ind[I]));
          return; // only report one error, ok to continue
        }
      }
    }
  }
}

//===----------------------------------------------------------------------===//
// Selectors and type assertions
//===----------------------------------------------------------------------===//

void Checker::selector(Operand &X, SelectorExpr *E, Named *Def) {
  llvm::StringRef Sel = E->Sel->Value;
  // If the identifier refers to a package, handle everything here so we
  // don't need a "package" mode for operands: package names can only appear
  // in qualified identifiers which are mapped to selector expressions.
  if (auto *Id = dyn_cast<syntax::Name>(E->X)) {
    Object *Obj = lookup(Id->Value);
    if (auto *PN = dyn_cast_or_null<PkgName>(Obj)) {
      Id->Obj = PN;
      usePkgName(PN);
      Package *P = PN->Imported;
      Object *Exp = P->PkgScope->lookup(Sel);
      if (!Exp) {
        if (!P->Fake)
          error(E->Sel->pos(), "undefined: " + P->Name + "." + Sel.str());
        goto Error;
      }
      if (!Exp->exported()) {
        // gc reads an import's export data, which has no unexported names.
        error(E->Sel->pos(), "undefined: " + P->Name + "." + Sel.str());
        goto Error;
      }
      E->Sel->Obj = Exp;
      switch (Exp->kind()) {
      case ObjectKind::Const:
        X.M = Mode::Constant;
        X.T = Exp->type();
        X.Val = *cast<Const>(Exp)->Val;
        break;
      case ObjectKind::TypeName:
        X.M = Mode::TypeExpr;
        X.T = Exp->type();
        break;
      case ObjectKind::Var:
        X.M = Mode::Variable;
        X.T = Exp->type();
        break;
      case ObjectKind::Func:
        X.M = Mode::Value;
        X.T = Exp->type();
        if (cast<Func>(Exp)->Generic) {
          X.Generic = cast<Func>(Exp);
          X.GenericName = E->Sel;
        }
        break;
      case ObjectKind::Builtin:
        X.M = Mode::Builtin;
        X.T = Exp->type();
        X.Id = cast<Builtin>(Exp)->Id;
        break;
      default:
        goto Error;
      }
      X.E = E;
      return;
    }
  }

  {
    exprOrType(X, E->X);
    switch (X.M) {
    case Mode::TypeExpr:
      // don't crash for "type T T.x" (was issue #51509)
      if (Def && X.T == Def) {
        cycleError({Def->Obj});
        goto Error;
      }
      break;
    case Mode::Builtin:
      error(E->pos(), "cannot select on " + str(X));
      goto Error;
    case Mode::Invalid:
      goto Error;
    default:
      break;
    }

    llvm::SmallVector<int, 4> Index;
    bool Indirect;
    Object *Obj = lookupFieldOrMethod(Ctx, X.T, X.M == Mode::Variable, Pkg, Sel,
                                      Index, Indirect);
    if (!Obj) {
      // Don't report another error if the underlying type was invalid.
      if (X.T->underlying() == Ctx.invalid())
        goto Error;
      if (!Index.empty()) {
        // TODO(gri) should provide actual type where the conflict happens
        error(E->Sel->pos(),
              "ambiguous selector " + str(X.E) + "." + Sel.str());
        goto Error;
      }
      if (Indirect) {
        error(E->Sel->pos(),
              "cannot call pointer method " + Sel.str() + " on " + str(X.T));
        goto Error;
      }
      std::string Why;
      if (auto *P = dyn_cast<Pointer>(X.T->underlying());
          P && isa<Interface>(P->Elem->underlying())) {
        Why = "type " + str(X.T) + " is pointer to interface, not interface";
      } else {
        Why = "type " + str(X.T) + " has no field or method " + Sel.str();
        // Check if capitalization of sel matters and provide better error
        // message in that case.
        if (!Sel.empty()) {
          std::string Changed = Sel.str();
          char C = Changed[0];
          if (C >= 'A' && C <= 'Z')
            Changed[0] = char(C - 'A' + 'a');
          else if (C >= 'a' && C <= 'z')
            Changed[0] = char(C - 'a' + 'A');
          llvm::SmallVector<int, 4> I2;
          bool In2;
          if (Changed != Sel &&
              lookupFieldOrMethod(Ctx, X.T, X.M == Mode::Variable, Pkg, Changed,
                                  I2, In2))
            Why += ", but does have " + Changed;
        }
      }
      error(E->Sel->pos(),
            str(X.E) + "." + Sel.str() + " undefined (" + Why + ")");
      goto Error;
    }

    // Methods may not have a fully set up signature yet.
    if (auto *M = dyn_cast<Func>(Obj))
      if (ObjMap.count(M))
        objDecl(M);
    E->Sel->Obj = Obj;

    auto *S = Ctx.make<Selection>();
    S->Recv = X.T;
    S->Obj = Obj;
    S->Index = Index;
    S->Indirect = Indirect;
    E->Selection = S;

    if (X.M == Mode::TypeExpr) {
      // method expression
      auto *M = dyn_cast<Func>(Obj);
      if (!M) {
        error(E->Sel->pos(), str(X.E) + "." + Sel.str() + " undefined (type " +
                                 str(X.T) + " has no method " + Sel.str() +
                                 ")");
        goto Error;
      }
      S->Kind = SelectionKind::MethodExpr;
      Signature *MSig = M->sig();
      // The receiver type becomes the type of the first function argument
      // of the method expression's function type.
      auto *Sig = Ctx.make<Signature>();
      auto *Params = Ctx.make<Tuple>();
      Params->Vars.push_back(
          Ctx.make<Var>(MSig->Recv ? MSig->Recv->pos() : Pos(), Pkg, "", X.T));
      if (MSig->Params)
        for (Var *P : MSig->Params->Vars)
          Params->Vars.push_back(P);
      Sig->Params = Params;
      Sig->Results = MSig->Results;
      Sig->Variadic = MSig->Variadic;
      X.M = Mode::Value;
      X.T = Sig;
      addDeclDep(M);
    } else {
      // regular selector (possibly a method value or a field)
      if (auto *F = dyn_cast<Var>(Obj)) {
        S->Kind = SelectionKind::FieldVal;
        if (X.M == Mode::Variable || Indirect)
          X.M = Mode::Variable;
        else
          X.M = Mode::Value;
        X.T = F->type();
      } else {
        auto *M = cast<Func>(Obj);
        S->Kind = SelectionKind::MethodVal;
        // A pointer method on an addressable variable takes its address.
        if (M->PtrRecv && !Indirect && !isa<Pointer>(X.T->underlying()))
          markAddrTaken(E->X);
        X.M = Mode::Value;
        // Remove the receiver from the method's signature.
        auto *Sig = Ctx.make<Signature>(*M->sig());
        Sig->Recv = nullptr;
        X.T = Sig;
        addDeclDep(M);
      }
    }
    X.IsNil = false;
    X.E = E;
    return;
  }

Error:
  X.M = Mode::Invalid;
  X.E = E;
}

void Checker::typeAssertion(syntax::Expr *E, Operand &X, Type *T,
                            bool TypeSwitch) {
  auto *V = cast<Interface>(X.T->underlying());
  completeInterface(Ctx, V);
  // no static check is required if T is an interface (a type parameter's
  // underlying type is one: types2's IsInterface)
  if (isInterface(T) || isTypeParam(T))
    return;
  // T must implement V's methods (with matching types).
  for (Func *M : V->AllMethods) {
    llvm::SmallVector<int, 4> Index;
    bool Indirect;
    Object *Obj = lookupFieldOrMethod(Ctx, T, false, M->pkg(), M->name(), Index,
                                      Indirect);
    auto *F = dyn_cast_or_null<Func>(Obj);
    if (F && identical(F->type(), M->type()))
      continue;
    Func *Alt = F;
    if (!F) {
      Pointer PT(T);
      Alt = dyn_cast_or_null<Func>(lookupFieldOrMethod(
          Ctx, &PT, false, M->pkg(), M->name(), Index, Indirect));
    }
    // In an instance the assertion is generic code's x.(T): it fails at
    // run time.
    if (InInstance)
      return;
    std::string Cause = missingMethodReason(T, X.T, M, Alt);
    if (TypeSwitch)
      errorAt(E, "impossible type switch case: " + str(E) + "\n\t" + str(X) +
                     " cannot have dynamic type " + str(T) + " " + Cause);
    else
      errorAt(E, "impossible type assertion: " + str(E) + "\n\t" + str(T) +
                     " does not implement " + str(X.T) + " " + Cause);
    return;
  }
}
