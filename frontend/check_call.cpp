//===- frontend/check_call.cpp - Go type checker: calls and builtins ------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Calls, conversions and the predeclared functions (go/types call.go,
// builtins.go, conversions.go). See check.h for the overview.
//
//===----------------------------------------------------------------------===//

#include "frontend/check.h"

#include "frontend/scanner.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

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

namespace {
struct BuiltinInfo {
  const char *Name;
  unsigned NArgs;
  bool Variadic;
  bool IsStatement; ///< may be used as an expression statement
};
BuiltinInfo builtinInfo(BuiltinId Id) {
  switch (Id) {
  case BuiltinId::Append:
    return {"append", 1, true, false};
  case BuiltinId::Cap:
    return {"cap", 1, false, false};
  case BuiltinId::Close:
    return {"close", 1, false, true};
  case BuiltinId::Complex:
    return {"complex", 2, false, false};
  case BuiltinId::Copy:
    return {"copy", 2, false, true};
  case BuiltinId::Delete:
    return {"delete", 2, false, true};
  case BuiltinId::Imag:
    return {"imag", 1, false, false};
  case BuiltinId::Len:
    return {"len", 1, false, false};
  case BuiltinId::Make:
    return {"make", 1, true, false};
  case BuiltinId::New:
    return {"new", 1, false, false};
  case BuiltinId::Panic:
    return {"panic", 1, false, true};
  case BuiltinId::Print:
    return {"print", 0, true, true};
  case BuiltinId::Println:
    return {"println", 0, true, true};
  case BuiltinId::Real:
    return {"real", 1, false, false};
  case BuiltinId::Recover:
    return {"recover", 0, false, true};
  case BuiltinId::Add:
    return {"Add", 2, false, false};
  case BuiltinId::Alignof:
    return {"Alignof", 1, false, false};
  case BuiltinId::Offsetof:
    return {"Offsetof", 1, false, false};
  case BuiltinId::Sizeof:
    return {"Sizeof", 1, false, false};
  case BuiltinId::UnsafeSlice:
    return {"Slice", 2, false, false};
  }
  return {"?", 0, false, false};
}

} // namespace

void Checker::use(syntax::Expr *E) {
  if (!E)
    return;
  if (auto *N = dyn_cast<syntax::Name>(E); N && N->Value == "_")
    return;
  if (auto *L = dyn_cast<ListExpr>(E)) {
    use(L->Elems);
    return;
  }
  Operand X;
  rawExpr(X, E, nullptr);
}

void Checker::use(llvm::ArrayRef<syntax::Expr *> Es) {
  for (syntax::Expr *E : Es)
    use(E);
}

std::vector<Operand> Checker::exprList(llvm::ArrayRef<syntax::Expr *> Elems,
                                       bool AllowCommaOk, bool &CommaOk) {
  std::vector<Operand> List;
  CommaOk = false;
  if (Elems.empty())
    return List;
  if (Elems.size() == 1) {
    syntax::Expr *E = Elems[0];
    Operand X;
    multiExpr(X, E);
    if (auto *T = dyn_cast_or_null<Tuple>(X.T); T && X.M != Mode::Invalid) {
      // multiple values
      for (Var *V : T->Vars) {
        Operand O;
        O.M = Mode::Value;
        O.E = E;
        O.T = V->type();
        List.push_back(O);
      }
      return List;
    }
    // exactly one (possibly invalid or comma-ok) value
    if (AllowCommaOk && (X.M == Mode::MapIndex || X.M == Mode::CommaOk)) {
      X.M = Mode::Value;
      List.push_back(X);
      Operand Ok;
      Ok.M = Mode::Value;
      Ok.E = E;
      Ok.T = Ctx.basic(BasicKind::UntypedBool);
      List.push_back(Ok);
      CommaOk = true;
      return List;
    }
    List.push_back(X);
    return List;
  }
  for (syntax::Expr *E : Elems) {
    Operand X;
    expr(X, E);
    List.push_back(X);
  }
  return List;
}

std::string Checker::typesSummary(llvm::ArrayRef<Type *> List, bool Variadic) {
  std::string R = "(";
  for (size_t I = 0; I < List.size(); ++I) {
    if (I)
      R += ", ";
    Type *T = List[I];
    if (!T || T == Ctx.invalid()) {
      R += "<T>";
    } else if (isUntyped(T)) {
      if (isNumeric(T)) {
        R += "number";
      } else {
        llvm::StringRef N = cast<Basic>(T)->name();
        N.consume_front("untyped ");
        R += N.str();
      }
    } else if (Variadic && I + 1 == List.size()) {
      R += "..." + str(cast<Slice>(T)->Elem);
    } else {
      R += str(T);
    }
  }
  return R + ")";
}

void Checker::arguments(CallExpr *Call, Signature *Sig,
                        std::vector<Operand> &Args) {
  for (Operand &A : Args) {
    if (A.M == Mode::TypeExpr) {
      errorAt(A, str(A) + " used as value");
      return;
    }
    if (A.M == Mode::Invalid)
      return;
  }

  size_t NArgs = Args.size();
  size_t NPars = Sig->Params ? Sig->Params->size() : 0;
  bool DDD = Call->HasDots;

  // Set up parameters.
  std::vector<Type *> SigParams;
  if (Sig->Params)
    for (Var *P : Sig->Params->Vars)
      SigParams.push_back(P->type());
  if (Sig->Variadic) {
    if (DDD) {
      // variadic_func(a, b, c...)
      if (Call->Args.size() == 1 && NArgs > 1) {
        // f()... is not permitted if f() is multi-valued
        errorAt(Call, "cannot use ... with " + std::to_string(NArgs) +
                          "-valued " + str(Call->Args[0]));
        return;
      }
    } else {
      // variadic_func(a, b, c)
      if (NArgs + 1 >= NPars) {
        // Unpack the variadic parameter into individual ones.
        Type *Last = cast<Slice>(SigParams.back())->Elem;
        SigParams.pop_back();
        while (SigParams.size() < NArgs)
          SigParams.push_back(Last);
        NPars = NArgs;
      } else {
        // nargs < npars-1
        --NPars; // for correct error message below
      }
    }
  } else if (DDD) {
    // standard_func(a, b, c...)
    errorAt(Call, "cannot use ... in call to non-variadic " + str(Call->Fun));
    return;
  }

  // Check argument count.
  if (NArgs != NPars) {
    Pos At = startPos(Call); // types2 reports at the start of the call
    std::string Qualifier = "not enough";
    if (NArgs > NPars) {
      At = startPos(Args[NPars].E); // report at first extra argument
      Qualifier = "too many";
    } else if (NArgs > 0) {
      At = startPos(Args[NArgs - 1].E); // report at last argument
    }
    std::vector<Type *> Have, Want;
    for (Operand &A : Args)
      Have.push_back(A.T);
    if (Sig->Params)
      for (Var *P : Sig->Params->Vars)
        Want.push_back(P->type());
    reportMulti(At,
                {{At, Qualifier + " arguments in call to " + str(Call->Fun)},
                 {Pos(), "have " + typesSummary(Have, false)},
                 {Pos(), "want " + typesSummary(Want, Sig->Variadic)}});
    return;
  }

  // Check arguments.
  std::string Context = "argument to " + str(Call->Fun);
  for (size_t I = 0; I < Args.size(); ++I)
    assignment(Args[I], SigParams[I], Context);
}

Checker::ExprKind Checker::callExpr(Operand &X, CallExpr *Call) {
  AllowGeneric = true;
  GenericCallee = unparen(Call->Fun);
  if (isa<IndexExpr>(Call->Fun)) {
    // A generic function instantiation f[T](...) or an index expression
    // that is called (a func-typed element).
    rawExpr(X, Call->Fun, nullptr);
  } else {
    exprOrType(X, Call->Fun);
  }
  AllowGeneric = false;
  GenericCallee = nullptr;

  switch (X.M) {
  case Mode::Invalid:
    use(Call->Args);
    X.E = Call;
    return ExprKind::Statement;

  case Mode::TypeExpr: {
    // conversion
    Type *T = X.T;
    X.M = Mode::Invalid;
    switch (Call->Args.size()) {
    case 0:
      errorAt(Call, "missing argument in conversion to " + str(T));
      break;
    case 1:
      expr(X, Call->Args[0]);
      if (X.M != Mode::Invalid) {
        if (auto *I = dyn_cast<Interface>(T->underlying());
            I && !isa<TypeParam>(T)) {
          completeInterface(Ctx, I);
          if (I->HasTypeTerms || I->IsComparableConstraint) {
            errorAt(Call, "cannot use interface " + str(T) +
                              " in conversion (contains specific type "
                              "constraints or is comparable)");
            break;
          }
        }
        if (Call->HasDots) {
          errorAt(Call->Args[0],
                  "invalid use of ... in type conversion to " + str(T));
          break;
        }
        conversion(X, T);
      }
      break;
    default:
      use(Call->Args);
      errorAt(Call->Args.back(),
              "too many arguments in conversion to " + str(T));
    }
    X.E = Call;
    return ExprKind::Conversion;
  }

  case Mode::Builtin: {
    BuiltinId Id = X.Id;
    if (!builtin(X, Call, Id))
      X.M = Mode::Invalid;
    X.E = Call;
    // a non-constant result implies a function call
    if (X.M != Mode::Invalid && X.M != Mode::Constant)
      HasCallOrRecv = true;
    return builtinInfo(Id).IsStatement ? ExprKind::Statement
                                       : ExprKind::Expression;
  }

  default:
    break;
  }

  // ordinary function/method call
  auto *Sig = dyn_cast<Signature>(coreOrUnder(X.T));
  if (!Sig) {
    errorAt(X, std::string(InvalidOp) + "cannot call non-function " + str(X));
    X.M = Mode::Invalid;
    X.E = Call;
    return ExprKind::Statement;
  }

  // evaluate arguments
  bool CommaOk;
  std::vector<Operand> Args = exprList(Call->Args, false, CommaOk);
  if (X.Generic) {
    // A generic function: infer the missing type arguments, instantiate.
    if (!instantiateOperand(X, &Args, Call, Call->pos())) {
      X.E = Call;
      return ExprKind::Statement;
    }
    Sig = cast<Signature>(X.T);
    Call->Fun->TV.Ty = Sig;
  }
  arguments(Call, Sig, Args);

  // determine result
  size_t NRes = Sig->Results ? Sig->Results->size() : 0;
  if (NRes == 0) {
    X.M = Mode::NoValue;
  } else if (NRes == 1) {
    X.M = Mode::Value;
    X.T = Sig->Results->Vars[0]->type(); // unpack tuple
  } else {
    X.M = Mode::Value;
    X.T = Sig->Results;
  }
  X.IsNil = false;
  X.E = Call;
  HasCallOrRecv = true;
  return ExprKind::Statement;
}

void Checker::conversion(Operand &X, Type *T) {
  bool ConstArg = X.M == Mode::Constant;
  auto ConstConvertibleTo = [&](Type *T, ConstValue *Val) {
    auto *B = dyn_cast<Basic>(T->underlying());
    if (!B)
      return false;
    if (representableConst(X.Val, B, Val))
      return true;
    if (isInteger(X.T) && isString(B)) {
      uint32_t Code = 0xFFFD;
      ConstValue I = X.Val.toInt();
      if (I.kind() == ConstValue::Kind::Int && I.intVal().fitsUint64() &&
          I.intVal().getUint64() <= 0x10FFFF)
        Code = uint32_t(I.intVal().getUint64());
      if (Val) {
        std::string S;
        appendRune(S, Code);
        *Val = ConstValue::makeString(S);
      }
      return true;
    }
    return false;
  };

  bool Ok = false;
  std::string Cause;
  if (ConstArg && isConstType(T) && !isa<TypeParam>(T)) {
    // constant conversion (as in types2, a failed conversion to an integer
    // type still leaves the value converted to an integer, which the error
    // message shows)
    Ok = ConstConvertibleTo(T, &X.Val);
  } else if (ConstArg && isa<TypeParam>(T)) {
    // a constant converts to a type parameter if it converts to each type
    // of its type set; the result is not a constant (types2)
    Ok = typeSetUnderIs(T, [&](Type *U) {
      return ConstConvertibleTo(U, nullptr) || convertibleTo(X, U, nullptr);
    });
    X.M = Mode::Value;
  } else if (convertibleTo(X, T, &Cause)) {
    // non-constant conversion (the result is a value, not the nil value)
    Ok = true;
    X.M = Mode::Value;
  }

  if (!Ok) {
    if (!Cause.empty())
      reportMulti(
          X.E ? startPos(X.E) : Pos(),
          {{Pos(), "cannot convert " + str(X) + " to type " + str(T) + ":"},
           {Pos(), Cause}});
    else
      errorAt(X, "cannot convert " + str(X) + " to type " + str(T));
    X.M = Mode::Invalid;
    return;
  }

  // The conversion argument types are final. For untyped values the
  // conversion provides the type, per the spec: "A constant may be given a
  // type explicitly by a constant declaration or conversion,...".
  if (isUntyped(X.T)) {
    Type *Final = T;
    // - For conversions to interfaces, except for untyped nil arguments,
    //   use the argument's default type.
    // - For conversions of untyped constants to non-constant types, also
    //   use the default type (e.g., []byte("foo") should report string not
    //   []byte as type for the constant "foo").
    // - For constant integer to string conversions, keep the argument type.
    // (types2 1.19: an untyped nil argument gets the type T, so `[]int(nil)`
    // and `error(nil)` are the nil values of those types.)
    if (basicKindOf(X.T) == BasicKind::UntypedNil) {
      // ok
    } else if (isInterface(T) || (ConstArg && !isConstType(T))) {
      Final = defaultType(Ctx, X.T);
    } else if (X.M == Mode::Constant && isInteger(X.T) && isString(T)) {
      Final = X.T;
    }
    if (X.E)
      updateExprType(X.E, Final, true);
  }
  X.T = T;
  X.IsNil = false;
}

bool Checker::builtin(Operand &X, CallExpr *Call, BuiltinId Id) {
  BuiltinInfo Bin = builtinInfo(Id);
  // append is the only built-in that permits the use of ... for the last
  // argument
  if (Call->HasDots && Id != BuiltinId::Append) {
    errorAt(Call, std::string(InvalidOp) + "invalid use of ... with built-in " +
                      Bin.Name);
    use(Call->Args);
    return false;
  }

  // For len(x) and cap(x) we need to know if x contains any function calls
  // or receive operations.
  bool SavedHasCall = HasCallOrRecv;
  if (Id == BuiltinId::Len || Id == BuiltinId::Cap)
    HasCallOrRecv = false;
  struct Restore {
    Checker &C;
    bool Saved;
    bool Active;
    ~Restore() {
      if (Active)
        C.HasCallOrRecv = Saved;
    }
  } R{*this, SavedHasCall, Id == BuiltinId::Len || Id == BuiltinId::Cap};

  // Evaluate arguments for built-ins that use ordinary (value) arguments.
  std::vector<Operand> Args;
  size_t NArgs = Call->Args.size();
  switch (Id) {
  case BuiltinId::Make:
  case BuiltinId::New:
  case BuiltinId::Offsetof:
    // arguments require special handling
    break;
  default: {
    bool CommaOk;
    Args = exprList(Call->Args, false, CommaOk);
    NArgs = Args.size();
    if (NArgs > 0) {
      X = Args[0];
      if (X.M == Mode::Invalid)
        return false;
    }
  }
  }

  // check argument count
  {
    std::string Msg;
    if (NArgs < Bin.NArgs)
      Msg = "not enough";
    else if (!Bin.Variadic && NArgs > Bin.NArgs)
      Msg = "too many";
    if (!Msg.empty()) {
      errorAt(Call, std::string(InvalidOp) + Msg + " arguments for " +
                        str(Call) + " (expected " + std::to_string(Bin.NArgs) +
                        ", found " + std::to_string(NArgs) + ")");
      return false;
    }
  }

  switch (Id) {
  case BuiltinId::Append: {
    // append(s S, x ...T) S, where T is the element type of S
    Type *S = X.T;
    auto *SL = dyn_cast<Slice>(coreOrUnder(S));
    if (!SL) {
      std::string Cause = X.IsNil ? "have untyped nil" : "have " + str(X);
      if (isTypeParam(S))
        Cause = coreType(S) ? str(X) + " has core type " + str(coreType(S))
                            : str(X) + " has no core type";
      errorAt(X, "first argument to append must be a slice; " + Cause);
      return false;
    }
    Type *T = SL->Elem;
    // spec: "As a special case, append also accepts a first argument
    // assignable to type []byte with a second argument of string type
    // followed by ... . This form appends the bytes of the string."
    if (NArgs == 2 && Call->HasDots) {
      Operand Y = Args[1];
      Slice ByteSlice(Ctx.byteType());
      // (types2's coreString: a type parameter whose types are all
      // strings or byte slices counts as a string here)
      auto BytesOrString = [&](Type *U) {
        auto *BS = dyn_cast<Slice>(U);
        return isString(U) ||
               (BS && identical(BS->Elem->underlying(), Ctx.byteType()));
      };
      if (assignableTo(X, &ByteSlice, nullptr) && Y.M != Mode::Invalid &&
          (isString(Y.T) || typeSetUnderIs(Y.T, BytesOrString))) {
        X.M = Mode::Value;
        X.T = S;
        return true;
      }
    }
    // check general case by creating custom signature
    auto *Sig = Ctx.make<Signature>();
    Sig->Params = Ctx.make<Tuple>();
    Sig->Params->Vars.push_back(Ctx.make<Var>(Pos(), Pkg, "", S));
    Sig->Params->Vars.push_back(
        Ctx.make<Var>(Pos(), Pkg, "", Ctx.make<Slice>(T)));
    Sig->Results = Ctx.make<Tuple>();
    Sig->Results->Vars.push_back(Ctx.make<Var>(Pos(), Pkg, "", S));
    Sig->Variadic = true;
    arguments(Call, Sig, Args);
    X.M = Mode::Value;
    X.T = S;
    X.IsNil = false;
    return true;
  }

  case BuiltinId::Cap:
  case BuiltinId::Len: {
    // cap(x), len(x)
    Mode M = Mode::Invalid;
    std::optional<ConstValue> Val;
    Type *U = X.T->underlying();
    if (auto *P = dyn_cast<Pointer>(U))
      if (auto *A = dyn_cast<Array>(P->Elem->underlying()))
        U = A;
    // A type parameter: every type of its type set must have a length (a
    // capacity); the result is never constant (types2).
    if (isTypeParam(X.T) && typeSetUnderIs(X.T, [&](Type *T) {
          if (auto *P = dyn_cast<Pointer>(T))
            return isa<Array>(P->Elem->underlying());
          switch (T->kind()) {
          case TypeKind::Basic:
            return isString(T) && Id == BuiltinId::Len;
          case TypeKind::Map:
            return Id == BuiltinId::Len;
          case TypeKind::Array:
          case TypeKind::Slice:
          case TypeKind::Chan:
            return true;
          default:
            return false;
          }
        }))
      U = Ctx.basic(BasicKind::Int); // any non-constant case below
    switch (U->kind()) {
    case TypeKind::Basic:
      if (isTypeParam(X.T))
        M = Mode::Value;
      else if (isString(U) && Id == BuiltinId::Len) {
        if (X.M == Mode::Constant) {
          M = Mode::Constant;
          Val = ConstValue::makeInt64(int64_t(X.Val.stringVal().size()));
        } else {
          M = Mode::Value;
        }
      }
      break;
    case TypeKind::Array:
      M = Mode::Value;
      // spec: "The expressions len(s) and cap(s) are constants if the type
      // of s is an array or pointer to an array and the expression s does
      // not contain channel receives or function calls."
      if (!HasCallOrRecv) {
        M = Mode::Constant;
        if (cast<Array>(U)->Len >= 0)
          Val = ConstValue::makeInt64(cast<Array>(U)->Len);
        else
          Val = ConstValue::makeUnknown();
      }
      break;
    case TypeKind::Slice:
    case TypeKind::Chan:
      M = Mode::Value;
      break;
    case TypeKind::Map:
      if (Id == BuiltinId::Len)
        M = Mode::Value;
      break;
    default:
      break;
    }
    if (M == Mode::Invalid) {
      // avoid error if underlying type is invalid
      if (X.T->underlying() != Ctx.invalid())
        errorAt(X, std::string(InvalidArg) + str(X) + " for " + Bin.Name);
      return false;
    }
    X.M = M;
    X.T = Ctx.basic(BasicKind::Int);
    X.IsNil = false;
    if (Val)
      X.Val = *Val;
    return true;
  }

  case BuiltinId::Close: {
    auto *Ch = dyn_cast<Chan>(X.T->underlying());
    // A type parameter: channels only, none receive-only (types2's
    // underIs); any of them stands for the rest below.
    if (isTypeParam(X.T) && !typeSetUnderIs(X.T, [&](Type *U) {
          auto *UC = dyn_cast<Chan>(U);
          if (UC && (!Ch || UC->Dir == types::ChanDir::RecvOnly))
            Ch = UC;
          return UC != nullptr;
        }))
      Ch = nullptr;
    if (!Ch) {
      errorAt(X, std::string(InvalidOp) + "cannot close non-channel " + str(X));
      return false;
    }
    if (Ch->Dir == types::ChanDir::RecvOnly) {
      errorAt(X, std::string(InvalidOp) + "cannot close receive-only channel " +
                     str(X));
      return false;
    }
    X.M = Mode::NoValue;
    return true;
  }

  case BuiltinId::Complex: {
    // complex(x, y floatT) complexT
    Operand Y = Args[1];
    if (Y.M == Mode::Invalid)
      return false;
    // convert or check untyped arguments
    int D = 0;
    if (isUntyped(X.T))
      D |= 1;
    if (isUntyped(Y.T))
      D |= 2;
    switch (D) {
    case 0:
      // x and y are typed => nothing to do
      break;
    case 1:
      // only x is untyped => convert to type of y
      convertUntyped(X, Y.T);
      break;
    case 2:
      // only y is untyped => convert to type of x
      convertUntyped(Y, X.T);
      break;
    case 3:
      // x and y are untyped =>
      // 1) if both are constants, convert them to untyped floating-point
      //    numbers if possible,
      // 2) if one of them is not constant (possible because it contains a
      //    shift that is yet untyped), convert both of them to float64
      //    since they must have the same type to succeed (this will result
      //    in an error because shifts of floats are not permitted)
      if (X.M == Mode::Constant && Y.M == Mode::Constant) {
        auto ToFloat = [&](Operand &O) {
          if (isNumeric(O.T) && O.Val.imag().isZero())
            O.T = Ctx.basic(BasicKind::UntypedFloat);
        };
        ToFloat(X);
        ToFloat(Y);
      } else {
        convertUntyped(X, Ctx.basic(BasicKind::Float64));
        convertUntyped(Y, Ctx.basic(BasicKind::Float64));
      }
      break;
    }
    if (X.M == Mode::Invalid || Y.M == Mode::Invalid)
      return false;
    // both argument types must be identical
    if (!identical(X.T, Y.T)) {
      errorAt(X, std::string(InvalidOp) + str(Call) + " (mismatched types " +
                     str(X.T) + " and " + str(Y.T) + ")");
      return false;
    }
    // the argument types must be of floating-point type
    Type *Res = nullptr;
    switch (basicKindOf(X.T)) {
    case BasicKind::Float32:
      Res = Ctx.basic(BasicKind::Complex64);
      break;
    case BasicKind::Float64:
      Res = Ctx.basic(BasicKind::Complex128);
      break;
    case BasicKind::UntypedFloat:
      Res = Ctx.basic(BasicKind::UntypedComplex);
      break;
    default:
      break;
    }
    if (!Res) {
      errorAt(X, std::string(InvalidArg) + "arguments have type " + str(X.T) +
                     ", expected floating-point");
      return false;
    }
    // if both arguments are constants, the result is a constant
    if (X.M == Mode::Constant && Y.M == Mode::Constant) {
      X.Val = ConstValue::makeComplex(X.Val.toFloat().real(),
                                      Y.Val.toFloat().real());
    } else {
      X.M = Mode::Value;
    }
    X.T = Res;
    return true;
  }

  case BuiltinId::Copy: {
    // copy(x, y []T) int
    auto *Dst = dyn_cast<Slice>(X.T->underlying());
    Operand Y = Args[1];
    if (Y.M == Mode::Invalid)
      return false;
    Type *Src0 = Y.T->underlying();
    Slice ByteSlice(Ctx.byteType());
    Slice *Src = dyn_cast<Slice>(Src0);
    if (isString(Src0))
      Src = &ByteSlice;
    if (!Dst || !Src) {
      errorAt(X, std::string(InvalidArg) +
                     "copy expects slice arguments; found " + str(X) + " and " +
                     str(Y));
      return false;
    }
    if (!identical(Dst->Elem, Src->Elem)) {
      errorAt(X, std::string(InvalidArg) + "arguments to copy " + str(X) +
                     " and " + str(Y) + " have different element types " +
                     str(Dst->Elem) + " and " + str(Src->Elem));
      return false;
    }
    X.M = Mode::Value;
    X.T = Ctx.basic(BasicKind::Int);
    return true;
  }

  case BuiltinId::Delete: {
    // delete(map_, key)
    auto *M = dyn_cast<Map>(X.T->underlying());
    // A type parameter: maps only, all with identical key types (types2);
    // the first one stands for them.
    if (isTypeParam(X.T)) {
      Map *First = nullptr;
      if (typeSetUnderIs(X.T, [&](Type *U) {
            auto *UM = dyn_cast<Map>(U);
            if (!UM || (First && !identical(First->Key, UM->Key)))
              return false;
            First = First ? First : UM;
            return true;
          }))
        M = First;
    }
    if (!M) {
      errorAt(X, std::string(InvalidArg) + str(X) + " is not a map");
      return false;
    }
    X = Args[1]; // k
    if (X.M == Mode::Invalid)
      return false;
    assignment(X, M->Key, "argument to delete");
    if (X.M == Mode::Invalid)
      return false;
    X.M = Mode::NoValue;
    return true;
  }

  case BuiltinId::Imag:
  case BuiltinId::Real: {
    // imag(complexT) floatT, real(complexT) floatT
    // convert or check untyped argument
    if (isUntyped(X.T)) {
      if (X.M == Mode::Constant) {
        // an untyped constant number can always be considered as a complex
        // constant
        if (isNumeric(X.T))
          X.T = Ctx.basic(BasicKind::UntypedComplex);
      } else {
        // an untyped non-constant argument may appear if it contains a
        // (yet untyped non-constant) shift expression: convert it to
        // complex128 which will result in an error (shift of complex value)
        convertUntyped(X, Ctx.basic(BasicKind::Complex128));
        if (X.M == Mode::Invalid)
          return false;
      }
    }
    Type *Res = nullptr;
    switch (basicKindOf(X.T)) {
    case BasicKind::Complex64:
      Res = Ctx.basic(BasicKind::Float32);
      break;
    case BasicKind::Complex128:
      Res = Ctx.basic(BasicKind::Float64);
      break;
    case BasicKind::UntypedComplex:
      Res = Ctx.basic(BasicKind::UntypedFloat);
      break;
    default:
      break;
    }
    if (!Res) {
      errorAt(X, std::string(InvalidArg) + "argument has type " + str(X.T) +
                     ", expected complex type");
      return false;
    }
    // if the argument is a constant, the result is a constant
    if (X.M == Mode::Constant) {
      ConstValue C = X.Val.toComplex();
      X.Val =
          ConstValue::makeFloat(Id == BuiltinId::Real ? C.real() : C.imag());
    } else {
      X.M = Mode::Value;
    }
    X.T = Res;
    return true;
  }

  case BuiltinId::Make: {
    // make(T, n), make(T, n, m)
    syntax::Expr *Arg0 = Call->Args[0];
    Type *T = varType(Arg0);
    if (T == Ctx.invalid())
      return false;
    unsigned Min;
    if (isTypeParam(T) && !coreType(T)) {
      errorAt(Arg0, std::string(InvalidArg) + "cannot make " + str(Arg0) +
                        ": no core type");
      return false;
    }
    switch (coreOrUnder(T)->kind()) {
    case TypeKind::Slice:
      Min = 2;
      break;
    case TypeKind::Map:
    case TypeKind::Chan:
      Min = 1;
      break;
    default:
      errorAt(Arg0, std::string(InvalidArg) + "cannot make " + str(Arg0) +
                        "; type must be slice, map, or channel");
      return false;
    }
    if (NArgs < Min || Min + 1 < NArgs) {
      errorAt(Call, std::string(InvalidOp) + str(Call) + " expects " +
                        std::to_string(Min) + " or " + std::to_string(Min + 1) +
                        " arguments; found " + std::to_string(NArgs));
      return false;
    }
    std::vector<int64_t> Sizes; // constant integer arguments, if any
    for (size_t I = 1; I < Call->Args.size(); ++I) {
      int64_t Size;
      index(Call->Args[I], -1, &Size); // ok to continue with invalid
      if (Size >= 0)
        Sizes.push_back(Size);
    }
    if (Sizes.size() == 2 && Sizes[0] > Sizes[1])
      errorAt(Call->Args[1],
              std::string(InvalidArg) + "length and capacity swapped");
    X.M = Mode::Value;
    X.T = T;
    return true;
  }

  case BuiltinId::New: {
    // new(T)
    Type *T = varType(Call->Args[0]);
    if (T == Ctx.invalid())
      return false;
    X.M = Mode::Value;
    X.T = Ctx.make<Pointer>(T);
    return true;
  }

  case BuiltinId::Panic: {
    // panic(x)
    assignment(X, Ctx.anyType(), "argument to panic");
    if (X.M == Mode::Invalid)
      return false;
    X.M = Mode::NoValue;
    return true;
  }

  case BuiltinId::Print:
  case BuiltinId::Println: {
    // print(x, y, ...), println(x, y, ...)
    for (size_t I = 0; I < NArgs; ++I) {
      if (I > 0)
        X = Args[I]; // first argument already evaluated
      assignment(X, nullptr, std::string("argument to ") + Bin.Name);
      if (X.M == Mode::Invalid)
        return false;
      // types2 accepts any argument; gc's back end (walkPrint) then rejects
      // structs and arrays.
      if (isa<Struct, Array>(X.T->underlying()))
        LateErrors.push_back({Call->pos(), "illegal types for operand: print"
                                           "\n\t" +
                                               str(X.T)});
    }
    X.M = Mode::NoValue;
    return true;
  }

  case BuiltinId::Recover:
    // recover() interface{}
    if (!FuncStack.empty() && FuncStack.back()->Fn && !FuncStack.back()->Lit)
      FuncStack.back()->Fn->HasRecover = true;
    X.M = Mode::Value;
    X.T = Ctx.anyType();
    return true;

  case BuiltinId::Add: {
    // unsafe.Add(ptr unsafe.Pointer, len IntegerType) unsafe.Pointer
    assignment(X, Ctx.basic(BasicKind::UnsafePointer),
               "argument to unsafe.Add");
    if (X.M == Mode::Invalid)
      return false;
    Operand Y = Args[1];
    if (!isValidIndex(Y, "length", true))
      return false;
    X.M = Mode::Value;
    X.T = Ctx.basic(BasicKind::UnsafePointer);
    return true;
  }

  case BuiltinId::Alignof: {
    // unsafe.Alignof(x T) uintptr
    assignment(X, nullptr, "argument to unsafe.Alignof");
    if (X.M == Mode::Invalid)
      return false;
    X.M = Mode::Constant;
    X.Val = ConstValue::makeInt64(Ctx.alignOf(X.T));
    X.T = Ctx.basic(BasicKind::Uintptr);
    return true;
  }

  case BuiltinId::Offsetof: {
    // unsafe.Offsetof(x T) uintptr, where x must be a selector
    syntax::Expr *Arg0 = Call->Args[0];
    auto *Selx = dyn_cast<SelectorExpr>(unparen(Arg0));
    if (!Selx) {
      errorAt(Arg0, std::string(InvalidArg) + str(Arg0) +
                        " is not a selector expression");
      use(Arg0);
      return false;
    }
    expr(X, Selx->X);
    if (X.M == Mode::Invalid)
      return false;
    Type *Base = X.T;
    if (auto *P = dyn_cast<Pointer>(Base->underlying()))
      if (isa<Struct>(P->Elem->underlying()))
        Base = P->Elem;
    llvm::StringRef Sel = Selx->Sel->Value;
    llvm::SmallVector<int, 4> Index;
    bool Indirect;
    Object *Obj =
        lookupFieldOrMethod(Ctx, Base, false, Pkg, Sel, Index, Indirect);
    if (!Obj) {
      errorAt(X, std::string(InvalidArg) + str(Base) + " has no single field " +
                     Sel.str());
      return false;
    }
    if (isa<Func>(Obj)) {
      errorAt(Arg0, std::string(InvalidArg) + str(Arg0) + " is a method value");
      return false;
    }
    if (Indirect) {
      errorAt(X, std::string(InvalidArg) + "field " + Sel.str() +
                     " is embedded via a pointer in " + str(Base));
      return false;
    }
    // Compute the offset along the path.
    int64_t Off = 0;
    Type *Cur = Base;
    for (int I : Index) {
      auto *S = cast<Struct>(Cur->underlying());
      Off += Ctx.offsetsOf(S)[I];
      Cur = S->Fields[I]->type();
    }
    Selx->Sel->Obj = Obj;
    recordTV(Selx, Mode::Variable, Obj->type(), nullptr);
    X.M = Mode::Constant;
    X.Val = ConstValue::makeInt64(Off);
    X.T = Ctx.basic(BasicKind::Uintptr);
    return true;
  }

  case BuiltinId::Sizeof: {
    // unsafe.Sizeof(x T) uintptr
    assignment(X, nullptr, "argument to unsafe.Sizeof");
    if (X.M == Mode::Invalid)
      return false;
    X.M = Mode::Constant;
    X.Val = ConstValue::makeInt64(Ctx.sizeOf(X.T));
    X.T = Ctx.basic(BasicKind::Uintptr);
    return true;
  }

  case BuiltinId::UnsafeSlice: {
    // unsafe.Slice(ptr *T, len IntegerType) []T
    auto *P = dyn_cast<Pointer>(X.T->underlying());
    if (!P) {
      errorAt(X, std::string(InvalidArg) + str(X) + " is not a pointer");
      return false;
    }
    Operand Y = Args[1];
    if (!isValidIndex(Y, "length", false))
      return false;
    X.M = Mode::Value;
    X.T = Ctx.make<Slice>(P->Elem);
    return true;
  }
  }
  return false;
}
