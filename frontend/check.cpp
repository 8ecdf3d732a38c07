//===- frontend/check.cpp - Go type checker: package level ----------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See check.h for the overview. This file holds the package-level phases:
// object collection (go/types resolver.go), declaration checking with cycle
// detection (decl.go), function bodies, initialization order
// (initorder.go) and unused imports.
//
//===----------------------------------------------------------------------===//

#include "frontend/check.h"

#include "frontend/scanner.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/ScopeExit.h"

#include <set>

using namespace gortc;
using namespace gortc::types;
using namespace gortc::syntax;
using llvm::cast;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;
using llvm::isa;
using llvm::isa_and_nonnull;

Checker::Checker(TypeContext &Ctx, DiagnosticEngine &Diags,
                 const SourceManager &SM)
    : Ctx(Ctx), Diags(Diags), SM(SM) {}

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

void Checker::error(Pos P, const std::string &Msg) {
  // types2's "cheap trick": once an error was reported, drop messages that
  // mention "invalid operand" or "invalid type" (not at their start); they
  // are follow-on errors.
  if (Diags.hasErrors()) {
    llvm::StringRef M(Msg);
    size_t A = M.find("invalid operand"), B = M.find("invalid type");
    if ((A != llvm::StringRef::npos && A > 0) ||
        (B != llvm::StringRef::npos && B > 0))
      return;
  }
  // Errors while evaluating an inherited constant initializer are reported
  // at the constant being declared (types2's errpos).
  if (ErrPos.isValid())
    P = ErrPos;
  Diags.report(P, DiagKind::TypeError, Msg);
}

void Checker::errorAt(Node *N, const std::string &Msg) {
  error(startPos(N), Msg);
}

void Checker::errorAt(Operand &X, const std::string &Msg) {
  if (X.E)
    error(startPos(X.E), Msg);
  else
    error(Pos(), Msg);
}

void Checker::reportMulti(
    Pos P, const std::vector<std::pair<Pos, std::string>> &Parts) {
  std::string Msg;
  for (size_t I = 0; I < Parts.size(); ++I) {
    if (I) {
      Msg += "\n\t";
      if (Parts[I].first.isValid())
        Msg += posStr(Parts[I].first) + ": ";
    }
    Msg += Parts[I].second;
  }
  error(P, Msg);
}

//===----------------------------------------------------------------------===//
// Driver
//===----------------------------------------------------------------------===//

bool Checker::checkPackage(llvm::StringRef Path,
                           llvm::ArrayRef<syntax::File *> Files, Info &O) {
  Out = &O;
  llvm::StringRef Name = Files.empty() ? "main" : Files[0]->PkgName->Value;
  Pkg = Ctx.make<Package>(Path, Name);
  Ctx.CheckerOf[Pkg] = this;
  PkgScope = Ctx.make<Scope>(Ctx.universe(), Pos(), Pos(), false);
  Pkg->PkgScope = PkgScope;
  O.Pkg = Pkg;
  O.Files = Files;

  // All files must belong to the same package.
  for (syntax::File *F : Files.drop_front())
    if (F->PkgName->Value != Name)
      error(F->PkgName->pos(), "package " + F->PkgName->Value.str() +
                                   "; expected package " + Name.str());
  if (!Files.empty() && Name == "_")
    error(Files[0]->PkgName->pos(), "invalid package name _");

  collectObjects(Files);
  linkNames(Files);
  packageObjects();
  processLater();

  // Function bodies, in source order; then the bodies of the instances
  // they use.
  for (auto &[Obj, D] : ObjMap) {
    auto *F = dyn_cast<Func>(Obj);
    if (DeclsOnly || !F || !D->FDecl || !D->FDecl->Body || F->Generic)
      continue;
    assert(!D->FDecl->BodySkipped && "a skipped body must not be checked");
    funcBody(D->FDecl, F, F->sig(), D->FDecl->Body);
    processLater();
  }
  // Remaining untyped expressions keep their untyped types.
  finalizeUntyped();
  llvm::erase_if(O.Funcs, [](Func *F) { return F->Generic; });
  if (!DeclsOnly)
    checkGenericBodies();
  drainInstances();

  if (!DeclsOnly) {
    initOrder(O);
    unusedImports();
  }
  if (!Diags.hasErrors())
    for (auto &[P, Msg] : LateErrors)
      error(P, Msg);

  if (Pkg->Name == "main") {
    Object *M = PkgScope->lookup("main");
    if (auto *F = dyn_cast_or_null<Func>(M))
      O.MainFunc = F;
    else if (!M && !Diags.hasErrors() && !Files.empty())
      error(Pos(), "function main is undeclared in the main package");
  }
  return !Diags.hasErrors();
}

//===----------------------------------------------------------------------===//
// Object collection
//===----------------------------------------------------------------------===//

bool Checker::declare(Scope *S, syntax::Name *Id, Object *Obj, Pos ScopePos) {
  if (Obj->name() != "_") {
    if (Object *Alt = S->insert(Obj)) {
      std::vector<std::pair<Pos, std::string>> Parts{
          {Obj->pos(), Obj->name().str() + " redeclared in this block"}};
      if (Alt->pos().isValid())
        Parts.push_back(
            {Alt->pos(), "other declaration of " + Alt->name().str()});
      reportMulti(Obj->pos(), Parts);
      return false;
    }
    Obj->ScopePos = ScopePos;
  }
  if (Id)
    Id->Obj = Obj;
  return true;
}

void Checker::declarePkgObj(syntax::Name *Ident, Object *Obj,
                            std::unique_ptr<DeclInfo> D) {
  if (Ident->Value == "init") {
    error(Ident->pos(), "cannot declare init - must be func");
    return;
  }
  if (Ident->Value == "main" && Pkg->Name == "main") {
    error(Ident->pos(), "cannot declare main - must be func");
    return;
  }
  Obj->Order = unsigned(ObjMap.size());
  declare(PkgScope, Ident, Obj, Pos());
  ObjMap[Obj] = std::move(D);
}

/// The receiver base type name of a method: T in func (r *T) or (r T).
static syntax::Name *receiverBaseName(syntax::Expr *E, bool &Ptr) {
  Ptr = false;
  for (;;) {
    E = unparen(E);
    if (auto *O = dyn_cast<Operation>(E);
        O && O->Op == Operator::Mul && !O->Y) {
      Ptr = true;
      E = O->X;
      continue;
    }
    if (auto *IX = dyn_cast<IndexExpr>(E)) {
      E = IX->X; // generic receiver T[P]
      continue;
    }
    return dyn_cast<syntax::Name>(E);
  }
}

void Checker::linkNames(llvm::ArrayRef<syntax::File *> Files) {
  for (syntax::File *F : Files) {
    if (F->LinkNames.empty())
      continue;
    // gc: the directive is only allowed where unsafe is imported.
    bool Unsafe = llvm::any_of(F->Decls, [](syntax::Decl *D) {
      auto *ID = dyn_cast<ImportDecl>(D);
      return ID && ID->Path && ID->Path->Value == "\"unsafe\"";
    });
    for (const syntax::LinkName &LN : F->LinkNames) {
      if (!Unsafe) {
        error(LN.P, "//go:linkname only allowed in Go files that import "
                    "\"unsafe\"");
        continue;
      }
      // gc ignores a directive whose local name declares nothing here.
      Object *Obj = PkgScope->lookup(LN.Local);
      if (Obj && (isa<Func>(Obj) || isa<Var>(Obj)))
        Obj->LinkName = LN.Target;
    }
  }
}

void Checker::collectObjects(llvm::ArrayRef<syntax::File *> Files) {
  std::vector<std::pair<Func *, syntax::FuncDecl *>> Methods;
  for (syntax::File *F : Files) {
    Scope *FileScope = Ctx.make<Scope>(PkgScope, F->pos(), F->EOFPos, false);
    FileScopes.push_back(FileScope);

    syntax::ConstDecl *Last = nullptr; // last const spec with values
    Group *LastGroup = nullptr;
    for (Decl *D : F->Decls) {
      if (auto *ID = dyn_cast<ImportDecl>(D)) {
        if (!ID->Path || ID->Path->Bad)
          continue;
        std::string Path;
        if (!unquoteGoLiteral(ID->Path->Value, Path) || Path.empty()) {
          error(ID->Path->pos(), "invalid import path (" + Path + ")");
          continue;
        }
        Package *Imp = nullptr;
        if (Path == "unsafe") {
          Imp = Ctx.unsafePkg();
        } else if (Importer && (Imp = Importer(Path))) {
          if (!llvm::is_contained(Out->Imports, Imp))
            Out->Imports.push_back(Imp);
        } else {
          // A package the driver did not load. The error is reported at the
          // first use (usePkgName), so that an unused import gets gc's
          // "imported and not used" instead; blank and dot imports report
          // it at once.
          Imp = Ctx.make<Package>(
              Path, llvm::StringRef(Path).rsplit('/').second.empty()
                        ? Path
                        : llvm::StringRef(Path).rsplit('/').second.str());
          Imp->Fake = true;
          Imp->PkgScope = Ctx.make<Scope>(nullptr, Pos(), Pos(), false);
        }
        std::string Name = Imp->Name;
        if (ID->LocalName) {
          Name = ID->LocalName->Value.str();
          if (Name == "init") {
            error(ID->LocalName->pos(),
                  "cannot import package as init - init must be a func");
            continue;
          }
        }
        Pos P = ID->LocalName ? ID->LocalName->pos() : ID->Path->pos();
        auto *PN = Ctx.make<PkgName>(P, Pkg, Ctx.save(Name), Imp);
        if (Imp->Fake) {
          if (Name == "_" || Name == ".") {
            error(ID->Path->pos(),
                  "could not import " + Path + " (package not loaded)");
            PN->Used = true;
          } else {
            FakeImportPaths[PN] = ID->Path->pos();
          }
        }
        if (Name == ".") {
          for (Object *Obj : Imp->PkgScope->ordered())
            if (Obj->exported()) {
              FileScope->insert(Obj);
              DotImports[{FileScope, Obj}] = PN; // uses mark PN used
            }
          Imports.push_back(PN);
          continue;
        }
        if (Name != "_") {
          declare(FileScope, nullptr, PN, Pos());
          Imports.push_back(PN);
        }
        continue;
      }

      if (auto *CD = dyn_cast<syntax::ConstDecl>(D)) {
        if (!CD->G || CD->G != LastGroup) {
          Last = nullptr;
          LastGroup = CD->G;
        }
        bool Inherited = true;
        if (CD->Type || CD->Values) {
          Last = CD;
          Inherited = false;
        } else if (!Last) {
          Inherited = false;
        }
        llvm::SmallVector<syntax::Expr *, 4> Values;
        syntax::Expr *TypeExpr = Last ? Last->Type : nullptr;
        if (Last && Last->Values) {
          if (auto *L = dyn_cast<ListExpr>(Last->Values))
            Values.append(L->Elems.begin(), L->Elems.end());
          else
            Values.push_back(Last->Values);
        }
        for (size_t I = 0; I < CD->Names.size(); ++I) {
          syntax::Name *N = CD->Names[I];
          auto *C = Ctx.make<Const>(N->pos(), Pkg, N->Value, nullptr);
          auto DI = std::make_unique<DeclInfo>();
          DI->FileScope = FileScope;
          DI->TypeExpr = TypeExpr;
          DI->Init = I < Values.size() ? Values[I] : nullptr;
          DI->InheritedInit = Inherited;
          DI->Iota = CD->Iota;
          declarePkgObj(N, C, std::move(DI));
        }
        // Constants must always have init values.
        size_t L = CD->Names.size(), R = Values.size();
        if (L < R) {
          if (Inherited)
            error(CD->pos(), "extra init expr at " + posStr(Values[L]->pos()));
          else
            errorAt(Values[L], "extra init expr " + str(Values[L]));
        } else if (L > R) {
          error(CD->Names[R]->pos(),
                "missing init expr for " + CD->Names[R]->Value.str());
        }
        continue;
      }

      if (auto *VD = dyn_cast<syntax::VarDecl>(D)) {
        llvm::SmallVector<syntax::Expr *, 4> Values;
        if (VD->Values) {
          if (auto *L = dyn_cast<ListExpr>(VD->Values))
            Values.append(L->Elems.begin(), L->Elems.end());
          else
            Values.push_back(VD->Values);
        }
        llvm::SmallVector<Object *, 4> Lhs;
        for (syntax::Name *N : VD->Names) {
          auto *V = Ctx.make<Var>(N->pos(), Pkg, N->Value, nullptr);
          V->IsGlobal = true;
          Lhs.push_back(V);
        }
        // A single initializer of a multi-variable declaration is shared:
        // each variable gets its own copy of the info (so that ObjMap
        // lookups work), with the same Lhs and Init.
        bool Shared = Values.size() == 1 && Lhs.size() > 1;
        for (size_t I = 0; I < Lhs.size(); ++I) {
          auto DI = std::make_unique<DeclInfo>();
          DI->FileScope = FileScope;
          DI->TypeExpr = VD->Type;
          if (Shared) {
            DI->Lhs.assign(Lhs.begin(), Lhs.end());
            DI->Init = Values[0];
          } else {
            DI->Init = I < Values.size() ? Values[I] : nullptr;
          }
          declarePkgObj(VD->Names[I], Lhs[I], std::move(DI));
          Out->Globals.push_back(cast<Var>(Lhs[I]));
        }
        size_t L = Lhs.size(), R = Values.size();
        if (L < R)
          errorAt(Values[L], "extra init expr " + str(Values[L]));
        else if (L > R && R != 1 && R != 0)
          error(VD->Names[R]->pos(),
                "missing init expr for " + VD->Names[R]->Value.str());
        continue;
      }

      if (auto *TD = dyn_cast<syntax::TypeDecl>(D)) {
        auto *TN = Ctx.make<TypeName>(TD->N->pos(), Pkg, TD->N->Value, nullptr);
        auto DI = std::make_unique<DeclInfo>();
        DI->FileScope = FileScope;
        DI->TDecl = TD;
        declarePkgObj(TD->N, TN, std::move(DI));
        continue;
      }

      if (auto *FD = dyn_cast<syntax::FuncDecl>(D)) {
        llvm::StringRef Name = FD->N->Value;
        auto *Sig = Ctx.make<Signature>();
        auto *F = Ctx.make<Func>(FD->N->pos(), Pkg, Name, Sig);
        F->Decl = FD;
        auto *DI = new DeclInfo();
        DI->FileScope = FileScope;
        DI->FDecl = FD;
        if (!FD->Recv) {
          if (Name == "init" || (Name == "main" && Pkg->Name == "main")) {
            if (!FD->TParams.empty())
              error(FD->TParams[0]->pos(),
                    "func " + Name.str() + " must have no type parameters");
            if (!FD->Type->Params.empty() || !FD->Type->Results.empty())
              error(FD->N->pos(), "func " + Name.str() +
                                      " must have no arguments and no return "
                                      "values");
          }
          if (Name == "init") {
            // init functions are not declared in any scope.
            F->Order = unsigned(ObjMap.size());
            FD->N->Obj = F;
            ObjMap[F] = std::unique_ptr<DeclInfo>(DI);
            if (!FD->Body) // types2 reports this one itself
              error(FD->N->pos(), "missing function body");
            Out->Inits.push_back(F);
          } else {
            F->Order = unsigned(ObjMap.size());
            declare(PkgScope, FD->N, F, Pos());
            ObjMap[F] = std::unique_ptr<DeclInfo>(DI);
          }
        } else {
          F->Order = unsigned(ObjMap.size());
          FD->N->Obj = F;
          ObjMap[F] = std::unique_ptr<DeclInfo>(DI);
          Methods.push_back({F, FD});
        }
        if (FD->Body)
          Out->Funcs.push_back(F);
        continue;
      }
    }
  }

  // Verify that objects in package and file scopes have different names.
  for (Scope *FS : FileScopes)
    for (Object *Obj : FS->ordered())
      if (Object *Alt = PkgScope->lookup(Obj->name())) {
        if (auto *PN = dyn_cast<PkgName>(Obj)) {
          reportMulti(
              Alt->pos(),
              {{Alt->pos(), Alt->name().str() +
                                " already declared through import of " +
                                PN->Imported->Path},
               {Obj->pos(), "other declaration of " + Obj->name().str()}});
        }
      }

  // Associate methods with receiver base type names, following aliases.
  for (auto &[F, FD] : Methods) {
    bool Ptr;
    syntax::Name *Base = receiverBaseName(FD->Recv->Type, Ptr);
    if (!Base)
      continue;
    if (TypeName *TN = resolveBaseTypeName(Ptr, Base))
      MethodsByBase[TN].push_back(F);
  }
}

// types2's resolveBaseTypeName: starting from the receiver's type name,
// follow alias declarations until a defined type name of this package is
// reached. Anything but names, parentheses and one pointer gives null.
TypeName *Checker::resolveBaseTypeName(bool SeenPtr, syntax::Name *Name) {
  bool Ptr = SeenPtr;
  syntax::Expr *Typ = Name;
  llvm::SmallPtrSet<TypeName *, 4> Seen;
  for (;;) {
    Typ = unparen(Typ);
    if (auto *O = dyn_cast<Operation>(Typ);
        O && O->Op == Operator::Mul && !O->Y) {
      if (Ptr)
        return nullptr; // more than one pointer
      Ptr = true;
      Typ = unparen(O->X);
    }
    auto *N = dyn_cast<syntax::Name>(Typ);
    if (!N)
      return nullptr;
    auto *TN = dyn_cast_or_null<TypeName>(PkgScope->lookup(N->Value));
    if (!TN || !Seen.insert(TN).second)
      return nullptr;
    auto It = ObjMap.find(TN);
    if (It == ObjMap.end() || !It->second->TDecl)
      return nullptr;
    syntax::TypeDecl *TD = It->second->TDecl;
    if (!TD->Alias)
      return TN;
    Typ = TD->Type;
  }
}

//===----------------------------------------------------------------------===//
// Package objects
//===----------------------------------------------------------------------===//

void Checker::packageObjects() {
  std::vector<Object *> Objs;
  for (auto &[Obj, D] : ObjMap)
    Objs.push_back(Obj);
  std::vector<Object *> Aliases, Others;
  for (Object *Obj : Objs) {
    if (auto *TN = dyn_cast<TypeName>(Obj)) {
      if (ObjMap[TN]->TDecl->Alias)
        Aliases.push_back(TN);
      else
        objDecl(TN);
    } else {
      Others.push_back(Obj);
    }
  }
  for (Object *Obj : Aliases)
    objDecl(Obj);
  for (Object *Obj : Others)
    objDecl(Obj);
}

void Checker::addDeclDep(Object *Obj) {
  if (!CurDecl || Obj->pkg() != Pkg)
    return;
  if (!ObjMap.count(Obj))
    return; // not a package-level object
  CurDecl->Deps.insert(Obj);
}

void Checker::objDecl(Object *Obj) {
  switch (Obj->Col) {
  case Object::Color::Black:
    return;
  case Object::Color::Grey:
    // We have a (possibly valid) cycle.
    switch (Obj->kind()) {
    case ObjectKind::Const:
    case ObjectKind::Var:
      if (cycleCheck(Obj) || !Obj->type())
        Obj->setType(Ctx.invalid());
      return;
    case ObjectKind::TypeName:
      if (cycleCheck(Obj))
        Obj->setType(Ctx.invalid());
      return;
    case ObjectKind::Func:
      // Functions may be recursive; their signature was set up first.
      if (cycleCheck(Obj)) {
      }
      return;
    default:
      return;
    }
  case Object::Color::White:
    break;
  }

  auto It = ObjMap.find(Obj);
  if (It == ObjMap.end())
    return; // local or universe object
  DeclInfo *D = It->second.get();

  Obj->Col = Object::Color::Grey;
  ObjPath.push_back(Obj);

  // Check the declaration in its own environment.
  Scope *SavedScope = CurScope;
  DeclInfo *SavedDecl = CurDecl;
  auto SavedIota = Iota;
  auto SavedFuncs = std::move(FuncStack);
  FuncStack.clear();
  bool SavedInTParamList = InTParamList;
  InTParamList = false;
  CurScope = D->FileScope;
  CurDecl = D;
  Iota.reset();

  switch (Obj->kind()) {
  case ObjectKind::Const:
    Iota = ConstValue::makeInt64(D->Iota);
    constDecl(cast<Const>(Obj), D->TypeExpr, D->Init, D->InheritedInit);
    break;
  case ObjectKind::Var:
    varDecl(cast<Var>(Obj), D->Lhs, D->TypeExpr, D->Init);
    break;
  case ObjectKind::TypeName:
    typeDecl(cast<TypeName>(Obj), D->TDecl);
    break;
  case ObjectKind::Func:
    funcDecl(cast<Func>(Obj), D);
    break;
  default:
    llvm_unreachable("package-level objects are constants, variables, types "
                     "and functions");
  }

  CurScope = SavedScope;
  CurDecl = SavedDecl;
  Iota = SavedIota;
  FuncStack = std::move(SavedFuncs);
  InTParamList = SavedInTParamList;

  ObjPath.pop_back();
  Obj->Col = Object::Color::Black;
}

/// Reports a cycle through Obj if it is invalid; returns true then.
bool Checker::cycleCheck(Object *Obj) {
  // Find the start of the cycle on the object path.
  size_t Start = ObjPath.size();
  for (size_t I = 0; I < ObjPath.size(); ++I)
    if (ObjPath[I] == Obj) {
      Start = I;
      break;
    }
  if (Start == ObjPath.size())
    return false;
  llvm::ArrayRef<Object *> Cycle(ObjPath.data() + Start,
                                 ObjPath.size() - Start);
  unsigned NVal = 0, NDef = 0;
  bool TParCycle = false; // through a type parameter list: invalid
  for (Object *O : Cycle) {
    switch (O->kind()) {
    case ObjectKind::Const:
    case ObjectKind::Var:
      ++NVal;
      break;
    case ObjectKind::TypeName:
      if (auto *N = dyn_cast_or_null<Named>(O->type());
          InTParamList && N && !N->TParams.empty())
        TParCycle = true;
      if (!cast<TypeName>(O)->IsAlias)
        ++NDef;
      break;
    case ObjectKind::Func:
      // ignored for now
      break;
    default:
      break;
    }
  }
  // A cycle involving only constants and variables is invalid but we
  // ignore them here because they are reported via the initialization
  // cycle check.
  if (NVal == Cycle.size())
    return true;
  // A cycle involving only types (and possibly functions) must have at
  // least one type definition to be permitted.
  if (NVal == 0 && NDef > 0 && !TParCycle)
    return false;
  cycleError(Cycle);
  return true;
}

void Checker::cycleError(llvm::ArrayRef<Object *> Cycle) {
  // Start with the object that appears first in the source.
  size_t I = 0;
  for (size_t J = 1; J < Cycle.size(); ++J)
    if (Cycle[J]->pos() < Cycle[I]->pos())
      I = J;
  Object *Obj = Cycle[I];
  std::vector<std::pair<Pos, std::string>> Parts;
  if (isa<TypeName>(Obj))
    Parts.push_back(
        {Obj->pos(), "invalid recursive type " + Obj->name().str()});
  else
    Parts.push_back(
        {Obj->pos(), "illegal cycle in declaration of " + Obj->name().str()});
  for (size_t N = 0; N < Cycle.size(); ++N) {
    Parts.push_back({Obj->pos(), Obj->name().str() + " refers to"});
    I = (I + 1) % Cycle.size();
    Obj = Cycle[I];
  }
  Parts.push_back({Obj->pos(), Obj->name().str()});
  reportMulti(Parts[0].first, Parts);
}

void Checker::constDecl(Const *Obj, syntax::Expr *TypeExpr, syntax::Expr *Init,
                        bool Inherited) {
  Pos SavedErrPos = ErrPos;
  auto RestoreErrPos = llvm::make_scope_exit([&] { ErrPos = SavedErrPos; });
  ErrPos = Pos();
  Operand X;
  if (TypeExpr) {
    Type *T = typ(TypeExpr);
    if (!isConstType(T) && T != Ctx.invalid()) {
      if (!isa<Basic>(T->underlying()) || T->underlying() != Ctx.invalid())
        errorAt(TypeExpr, "invalid constant type " + str(T));
      Obj->setType(Ctx.invalid());
      return;
    }
    Obj->setType(T);
  }
  if (Init) {
    // An initialization expression inherited from a previous constant
    // declaration has positions in that declaration: report its errors at
    // the constant being declared instead (go.dev/issue/42991).
    if (Inherited)
      ErrPos = Obj->pos();
    expr(X, Init);
  }
  initConst(Obj, X);
}

void Checker::varDecl(Var *Obj, llvm::ArrayRef<Object *> Lhs,
                      syntax::Expr *TypeExpr, syntax::Expr *Init) {
  // Variables whose type is invalid because of errors count as used, to
  // avoid follow-on "declared but not used" errors (as types2 and gc do).
  auto MarkInvalidUsed = llvm::make_scope_exit([&] {
    if (Obj->type() == Ctx.invalid())
      Obj->Used = true;
    for (Object *L : Lhs)
      if (L->type() == Ctx.invalid())
        cast<Var>(L)->Used = true;
  });
  if (TypeExpr) {
    Type *T = varType(TypeExpr);
    Obj->setType(T);
    for (Object *L : Lhs)
      L->setType(T);
  }
  if (!Init) {
    if (!TypeExpr)
      Obj->setType(Ctx.invalid());
    return;
  }
  if (DeclsOnly && TypeExpr)
    return;
  if (Lhs.empty() || Lhs.size() == 1) {
    if (DeclsOnly) {
      if (Type *T = evidentType(Init)) {
        Obj->setType(T);
        return;
      }
    }
    Operand X;
    expr(X, Init);
    initVar(Obj, X, "variable declaration");
    return;
  }
  // Multi-variable declaration with one initializer: check it once and mark
  // the other variables as done.
  llvm::SmallVector<Var *, 4> Vars;
  for (Object *L : Lhs) {
    Vars.push_back(cast<Var>(L));
    if (L != Obj)
      L->Col = Object::Color::Grey;
  }
  initVars(Vars, {Init}, nullptr);
  for (Object *L : Lhs)
    if (L != Obj)
      L->Col = Object::Color::Black;
}

Type *Checker::evidentType(syntax::Expr *Init) {
  Init = unparen(Init);
  bool Addr = false;
  if (auto *O = dyn_cast<syntax::Operation>(Init);
      O && O->Op == Operator::And && !O->Y) {
    Addr = true;
    Init = unparen(O->X);
  }
  auto *Lit = dyn_cast<syntax::CompositeLit>(Init);
  if (!Lit || !Lit->Type)
    return nullptr;
  Type *T;
  if (auto *A = dyn_cast<syntax::ArrayType>(Lit->Type); A && !A->Len) {
    // [...]T{...}: the length is the number of elements unless keys say
    // otherwise.
    if (Lit->NKeys)
      return nullptr;
    T = Ctx.make<Array>(varType(A->Elem), int64_t(Lit->Elems.size()));
  } else {
    T = typ(Lit->Type);
  }
  return Addr ? Ctx.make<Pointer>(T) : T;
}

void Checker::resolvePendingUnderlying(Named *N) {
  auto It = PendingUnderlying.find(N);
  if (It == PendingUnderlying.end())
    return;
  std::vector<Named *> Deps = std::move(It->second);
  PendingUnderlying.erase(It);
  for (Named *D : Deps) {
    D->Underlying = N->Underlying;
    resolvePendingUnderlying(D);
    collectMethods(D->Obj);
  }
}

void Checker::typeDecl(TypeName *Obj, syntax::TypeDecl *TD) {
  TypeDecls[Obj] = TD;
  if (!TD->TParams.empty()) {
    // A generic type: its type parameters now, its underlying type and
    // methods per instance (check_generic.cpp).
    HasGenerics = true;
    auto *N = Ctx.make<Named>(Obj);
    Obj->setType(N);
    if (!FuncStack.empty())
      Obj->LocalIndex = ++LocalTypeCount;
    N->Underlying = Ctx.invalid();
    GenericDecl &GD = Generics[Obj];
    GD.FileScope = CurScope;
    GD.TD = TD;
    auto It = MethodsByBase.find(Obj);
    if (It != MethodsByBase.end())
      for (Func *M : It->second) {
        M->Generic = true;
        N->Methods.push_back(M);
      }
    Scope *S = Ctx.make<Scope>(CurScope, TD->pos(), Pos(), false);
    declareTypeParams(S, TD->TParams, Pos(), &N->TParams);
    return;
  }
  if (InGenericBody && !FuncStack.empty())
    error(TD->pos(), "type declarations inside generic functions are not "
                     "currently supported");
  if (TD->Alias) {
    Obj->IsAlias = true;
    Obj->setType(Ctx.invalid()); // guard against cycles
    Type *T = typ(TD->Type);
    Obj->setType(T);
    return;
  }
  auto *N = Ctx.make<Named>(Obj);
  Obj->setType(N);
  if (!FuncStack.empty())
    Obj->LocalIndex = ++LocalTypeCount;
  Out->NamedTypes.push_back(N);
  Type *Rhs = definedType(TD->Type, N);
  N->RHS = Rhs;
  // The underlying type of a named type is the underlying type of its
  // right-hand side.
  Type *U = Rhs->underlying();
  if (auto *RN = dyn_cast<Named>(U)) {
    // The right-hand side leads to a defined type whose underlying type is
    // still being resolved (types2 resolves such chains in Named.under). If
    // every declaration on the cycle just names another type (`type T T`,
    // `type A B; type B A`), no underlying type exists: report the cycle.
    // Otherwise (`type T1 struct{ F *T2 }; type T2 T1`), N gets RN's
    // underlying type when RN's declaration completes.
    llvm::SmallVector<Object *, 4> Cycle;
    auto It = llvm::find(ObjPath, RN->Obj);
    if (It != ObjPath.end())
      Cycle.append(It, ObjPath.end());
    // RN not on the path: its declaration is complete but itself waits for
    // another type's; wait for RN.
    bool OnlyNames =
        It != ObjPath.end() && llvm::all_of(Cycle, [&](Object *O) {
          syntax::TypeDecl *D = TypeDecls.lookup(cast<TypeName>(O));
          return !D ||
                 isa<syntax::Name, syntax::SelectorExpr>(unparen(D->Type));
        });
    if (OnlyNames) {
      cycleError(Cycle);
      U = Ctx.invalid();
    } else {
      PendingUnderlying[RN].push_back(N);
      U = nullptr;
    }
  }
  N->Underlying = U;
  if (U)
    resolvePendingUnderlying(N);
  llvm::SmallVector<Named *, 8> Path;
  validType(N, Path);
  // A type waiting for its underlying type gets its methods when it has
  // one (resolvePendingUnderlying), for the field/method clash checks.
  if (U)
    collectMethods(Obj);
}

void Checker::collectMethods(TypeName *Obj) {
  auto It = MethodsByBase.find(Obj);
  if (It == MethodsByBase.end())
    return;
  auto *N = dyn_cast<Named>(Obj->type());
  if (!N)
    return;
  llvm::StringMap<Func *> Seen;
  for (Func *M : N->Methods)
    Seen[M->name()] = M;
  auto *S = dyn_cast_or_null<Struct>(N->Underlying);
  for (Func *M : It->second) {
    if (M->name() != "_") {
      auto [SI, Inserted] = Seen.try_emplace(M->name(), M);
      if (!Inserted) {
        reportMulti(
            M->pos(),
            {{M->pos(), Obj->name().str() + "." + M->name().str() +
                            " redeclared in this block"},
             {SI->second->pos(), "other declaration of " + M->name().str()}});
        continue;
      }
    }
    if (S) {
      for (Var *F : S->Fields)
        if (F->name() == M->name() && M->name() != "_") {
          reportMulti(M->pos(),
                      {{M->pos(), "field and method with the same name " +
                                      M->name().str()},
                       {F->pos(), "other declaration of " + F->name().str()}});
          break;
        }
    }
    N->Methods.push_back(M);
  }
  // Signatures of methods are checked when the methods are (by objDecl).
  for (Func *M : N->Methods)
    objDecl(M);
}

void Checker::funcDecl(Func *Obj, DeclInfo *D) {
  syntax::FuncDecl *FD = D->FDecl;
  Scope *FnScope = Ctx.make<Scope>(CurScope, FD->pos(), Pos(), true);
  // A method of a generic type (its receiver type is T[P, ...]) is checked
  // per instance of its type (check_generic.cpp).
  if (FD->Recv && isGenericReceiver(FD->Recv)) {
    Obj->Generic = true;
    HasGenerics = true;
    return;
  }
  if (!FD->TParams.empty()) {
    // A generic function: its signature with type parameters (for
    // inference); its body per instance. (The parser rejects a method with
    // type parameters.)
    HasGenerics = true;
    Obj->Generic = true;
    Generics[Obj].FileScope = CurScope;
    Obj->TParams = declareTypeParams(FnScope, FD->TParams, FD->pos());
  }
  bool PtrRecv = false;
  Signature *Sig = funcType(FD, FnScope, FD->Recv, FD->Type, PtrRecv);
  // Fill the signature object that was created when the Func was collected.
  Signature *Have = Obj->sig();
  *Have = *Sig;
  Obj->PtrRecv = PtrRecv;
  // gc reports other functions without bodies after type checking (irgen,
  // with -complete, which go build passes for pure Go packages).
  // A package with assembly (or, for a few standard packages, bodies
  // provided by the runtime) may declare functions without bodies, and so
  // may a //go:linkname'd function anywhere (gc: issue 23311). The error
  // is at the token after `func`.
  if (!FD->Body && Obj->name() != "init" && Complete && Obj->LinkName.empty())
    LateErrors.push_back({FD->pos(), "missing function body"});
  // Keep the scope for the body.
  FD->Type->TV.Ty = Have;
  FnScopes[FD] = FnScope;
}

void Checker::funcBody(syntax::Node *Owner, Func *F, Signature *Sig,
                       syntax::BlockStmt *Body) {
  Scope *FnScope = FnScopes.lookup(Owner);
  if (!FnScope)
    return;
  FnScope->End = Body->Rbrace;
  FuncCtx FC{Owner, Sig, F, dyn_cast<FuncLit>(Owner), {}};
  Scope *SavedScope = CurScope;
  auto SavedIota = Iota;
  DeclInfo *SavedDecl = CurDecl;
  // A function declaration's references are its own dependencies; a
  // literal's belong to the enclosing declaration (for a literal in a
  // package-level initializer, that variable's); an instance's belong to
  // its generic declaration, which its users depend on.
  if (FuncStack.empty() && !isa<FuncLit>(Owner)) {
    Func *D = F && F->Orig ? F->Orig : F;
    auto It = ObjMap.find(D);
    CurDecl = It != ObjMap.end() ? It->second.get() : nullptr;
  }
  FuncStack.push_back(&FC);
  CurScope = FnScope;
  // A function literal in a constant declaration sees that iota
  // (go.dev/issue/22345); a function declaration has none.
  if (!isa<FuncLit>(Owner))
    Iota.reset();
  std::vector<Var *> SavedLocals = std::move(Locals);
  Locals.clear();
  for (Object *P : FnScope->ordered())
    if (auto *V = dyn_cast<Var>(P))
      V->Owner = Owner;

  stmtList(0, Body->List);

  if (Sig->Results && Sig->Results->size() > 0 &&
      !isTerminatingList(Body->List, ""))
    error(Body->Rbrace, "missing return");

  // Report unused variables declared in this function (not in literals,
  // which report their own), in source order.
  std::vector<Var *> Unused;
  for (Var *V : Locals)
    if (!V->Used)
      Unused.push_back(V);
  llvm::stable_sort(Unused, [](Var *A, Var *B) { return A->pos() < B->pos(); });
  for (Var *V : Unused)
    error(V->pos(), V->name().str() + " declared but not used");
  Locals = std::move(SavedLocals);

  if (FC.Lit)
    FC.Lit->Captures = copyCaptures(FC.Captures);
  FuncStack.pop_back();
  CurScope = SavedScope;
  Iota = SavedIota;
  CurDecl = SavedDecl;
}

llvm::ArrayRef<Var *> Checker::copyCaptures(const llvm::SetVector<Var *> &C) {
  CaptureStore.emplace_back(C.begin(), C.end());
  return CaptureStore.back();
}

void Checker::declStmt(llvm::ArrayRef<Decl *> Decls) {
  syntax::ConstDecl *Last = nullptr;
  Group *LastGroup = nullptr;
  for (Decl *D : Decls) {
    if (auto *CD = dyn_cast<syntax::ConstDecl>(D)) {
      if (!CD->G || CD->G != LastGroup) {
        Last = nullptr;
        LastGroup = CD->G;
      }
      bool Inherited = true;
      if (CD->Type || CD->Values) {
        Last = CD;
        Inherited = false;
      } else if (!Last) {
        Inherited = false;
      }
      llvm::SmallVector<syntax::Expr *, 4> Values;
      syntax::Expr *TypeExpr = Last ? Last->Type : nullptr;
      if (Last && Last->Values) {
        if (auto *L = dyn_cast<ListExpr>(Last->Values))
          Values.append(L->Elems.begin(), L->Elems.end());
        else
          Values.push_back(Last->Values);
      }
      llvm::SmallVector<Const *, 4> Consts;
      auto SavedIota = Iota;
      for (size_t I = 0; I < CD->Names.size(); ++I) {
        syntax::Name *N = CD->Names[I];
        auto *C = Ctx.make<Const>(N->pos(), Pkg, N->Value, nullptr);
        Consts.push_back(C);
        Iota = ConstValue::makeInt64(CD->Iota);
        constDecl(C, TypeExpr, I < Values.size() ? Values[I] : nullptr,
                  Inherited);
      }
      Iota = SavedIota;
      size_t L = CD->Names.size(), R = Values.size();
      if (L < R) {
        if (Inherited)
          error(CD->pos(), "extra init expr at " + posStr(Values[L]->pos()));
        else
          errorAt(Values[L], "extra init expr " + str(Values[L]));
      } else if (L > R) {
        error(CD->Names[R]->pos(),
              "missing init expr for " + CD->Names[R]->Value.str());
      }
      // Constants are in scope after the ConstSpec.
      Pos ScopePos = CD->pos();
      if (!Values.empty() && !Inherited)
        ScopePos = Values.back()->pos();
      for (size_t I = 0; I < Consts.size(); ++I)
        declare(CurScope, CD->Names[I], Consts[I], ScopePos + 1);
      continue;
    }

    if (auto *VD = dyn_cast<syntax::VarDecl>(D)) {
      llvm::SmallVector<Var *, 4> Lhs;
      for (syntax::Name *N : VD->Names) {
        auto *V = Ctx.make<Var>(N->pos(), Pkg, N->Value, nullptr);
        V->Owner = FuncStack.empty() ? nullptr : FuncStack.back()->Owner;
        Lhs.push_back(V);
        N->Obj = V;
      }
      llvm::SmallVector<syntax::Expr *, 4> Values;
      if (VD->Values) {
        if (auto *L = dyn_cast<ListExpr>(VD->Values))
          Values.append(L->Elems.begin(), L->Elems.end());
        else
          Values.push_back(VD->Values);
      }
      Type *T = nullptr;
      if (VD->Type) {
        T = varType(VD->Type);
        for (Var *V : Lhs)
          V->setType(T);
      }
      if (Values.empty()) {
        if (!VD->Type)
          for (Var *V : Lhs)
            V->setType(Ctx.invalid());
      } else if (Lhs.size() == Values.size()) {
        for (size_t I = 0; I < Lhs.size(); ++I) {
          Operand X;
          expr(X, Values[I]);
          initVar(Lhs[I], X, "variable declaration");
        }
      } else if (Values.size() == 1) {
        initVars(Lhs, Values, nullptr);
      } else {
        // Arity mismatch.
        size_t L = Lhs.size(), R = Values.size();
        if (L < R)
          errorAt(Values[L], "extra init expr " + str(Values[L]));
        else
          error(VD->Names[R]->pos(),
                "missing init expr for " + VD->Names[R]->Value.str());
        use(Values);
        for (Var *V : Lhs) {
          if (!V->type())
            V->setType(Ctx.invalid());
          V->Used = true;
        }
      }
      // As in varDecl: variables of invalid type count as used.
      for (Var *V : Lhs)
        if (V->type() == Ctx.invalid())
          V->Used = true;
      // Variables are in scope after the VarSpec.
      Pos ScopePos = VD->pos();
      Pos End = Values.empty() ? (VD->Type ? VD->Type->pos() : VD->pos())
                               : Values.back()->pos();
      ScopePos = End + 1;
      for (size_t I = 0; I < Lhs.size(); ++I) {
        // Only variables in scope are reported unused (types2's usage).
        if (declare(CurScope, VD->Names[I], Lhs[I], ScopePos) &&
            Lhs[I]->name() != "_")
          Locals.push_back(Lhs[I]);
      }
      continue;
    }

    if (auto *TD = dyn_cast<syntax::TypeDecl>(D)) {
      auto *TN = Ctx.make<TypeName>(TD->N->pos(), Pkg, TD->N->Value, nullptr);
      // Spec: the scope of a type identifier declared inside a function
      // begins at the identifier in the TypeSpec.
      declare(CurScope, TD->N, TN, TD->N->pos());
      // Grey while declared, so that uses in its own declaration are cycle
      // checked like package-level ones (types2 does the same).
      TN->Col = Object::Color::Grey;
      ObjPath.push_back(TN);
      typeDecl(TN, TD);
      ObjPath.pop_back();
      TN->Col = Object::Color::Black;
      continue;
    }
  }
}

void Checker::usage(Scope *S) {}

void Checker::processLater() {
  // Checks may queue further checks.
  for (size_t I = 0; I < Later.size(); ++I) {
    auto F = std::move(Later[I]);
    F();
  }
  Later.clear();
}

Object *Checker::lookup(llvm::StringRef Name) {
  return CurScope->lookupParent(Name, Pos(), nullptr);
}

//===----------------------------------------------------------------------===//
// Initialization order
//===----------------------------------------------------------------------===//

// The object dependency graph, as types2's initorder.go builds it: a node
// per package-level constant, variable and function, an edge n->s when n's
// declaration refers to s. Function nodes are then removed by connecting
// their predecessors to their successors, leaving constants and variables.
namespace {
struct InitNode {
  Object *Obj;
  llvm::SetVector<InitNode *> Pred, Succ; ///< consumers and dependencies
  unsigned NDeps = 0;                     ///< dependencies not yet initialised
};
} // namespace

void Checker::initOrder(Info &O) {
  // 1. Nodes, in source order.
  std::vector<std::unique_ptr<InitNode>> Nodes;
  llvm::DenseMap<Object *, InitNode *> M;
  for (auto &[Obj, D] : ObjMap)
    if (isa<Const, Var, Func>(Obj)) {
      Nodes.push_back(std::make_unique<InitNode>());
      Nodes.back()->Obj = Obj;
      M[Obj] = Nodes.back().get();
    }
  // 2. Edges.
  for (auto &N : Nodes)
    for (Object *Dep : declDeps(N->Obj))
      if (InitNode *S = M.lookup(Dep)) {
        N->Succ.insert(S);
        S->Pred.insert(N.get());
      }
  // 3. Remove function nodes, cheapest first (the resulting graph does not
  // depend on the order). Self-cycles of functions are permitted.
  std::vector<InitNode *> G, FuncG;
  for (auto &N : Nodes)
    (isa<Func>(N->Obj) ? FuncG : G).push_back(N.get());
  llvm::stable_sort(FuncG, [](InitNode *A, InitNode *B) {
    return A->Pred.size() * A->Succ.size() < B->Pred.size() * B->Succ.size();
  });
  for (InitNode *N : FuncG) {
    for (InitNode *P : N->Pred) {
      if (P == N)
        continue;
      for (InitNode *S : N->Succ)
        if (S != N) {
          P->Succ.insert(S);
          S->Pred.insert(P);
        }
      P->Succ.remove(N);
    }
    for (InitNode *S : N->Succ)
      S->Pred.remove(N);
  }
  // 4. Repeatedly take the node with the fewest outstanding dependencies,
  // earliest in source order; in a valid program it has none, otherwise it
  // may be on a cycle.
  for (InitNode *N : G)
    N->NDeps = unsigned(N->Succ.size());
  auto Less = [](InitNode *A, InitNode *B) {
    if (A->NDeps != B->NDeps)
      return A->NDeps < B->NDeps;
    return A->Obj->Order < B->Obj->Order;
  };
  std::set<InitNode *, decltype(Less)> Queue(Less);
  Queue.insert(G.begin(), G.end());
  llvm::SmallPtrSet<Expr *, 16> Emitted;
  while (!Queue.empty()) {
    InitNode *N = *Queue.begin();
    Queue.erase(Queue.begin());
    if (N->NDeps > 0) {
      // Report a cycle only if N is on it (not for n->b->c->b); taking N
      // breaks it, so the others on it are not reported again.
      llvm::SmallPtrSet<Object *, 16> Seen;
      std::vector<Object *> Cycle;
      if (findInitPath(N->Obj, N->Obj, Seen, Cycle))
        reportInitCycle(Cycle);
    }
    for (InitNode *P : N->Pred) {
      if (P == N || !Queue.count(P)) {
        --P->NDeps;
        continue;
      }
      Queue.erase(P);
      --P->NDeps;
      Queue.insert(P);
    }
    // Record the initialisers of variables, once per declaration.
    auto *V = dyn_cast<Var>(N->Obj);
    if (!V)
      continue;
    assert(ObjMap.count(V) && "package-level variable without a declaration");
    DeclInfo *DI = ObjMap[V].get();
    if (!DI->Init || !Emitted.insert(DI->Init).second)
      continue;
    Initializer In;
    if (DI->Lhs.empty())
      In.Lhs.push_back(V);
    for (Object *L : DI->Lhs)
      In.Lhs.push_back(cast<Var>(L));
    In.Rhs = DI->Init;
    O.InitOrder.push_back(In);
  }
}

llvm::SetVector<Object *> Checker::declDeps(Object *Obj) {
  llvm::SetVector<Object *> R;
  auto It = ObjMap.find(Obj);
  if (It == ObjMap.end())
    return R;
  // The variables of `var a, b = f()` share one initializer, whose
  // dependencies are recorded on whichever was checked first.
  DeclInfo *D = It->second.get();
  llvm::SmallVector<Object *, 2> Group{Obj};
  if (isa<Var>(Obj) && !D->Lhs.empty())
    Group.assign(D->Lhs.begin(), D->Lhs.end());
  for (Object *G : Group) {
    assert(ObjMap.count(G) && "variable of the group without a declaration");
    R.insert(ObjMap[G]->Deps.begin(), ObjMap[G]->Deps.end());
  }
  return R;
}

/// types2's findPath: on success, Path is the reversed list {To, ..., From}
/// of a dependency path from From to To.
bool Checker::findInitPath(Object *From, Object *To,
                           llvm::SmallPtrSetImpl<Object *> &Seen,
                           std::vector<Object *> &Path) {
  if (!Seen.insert(From).second)
    return false;
  for (Object *D : declDeps(From)) {
    if (D == To) {
      Path.push_back(D);
      return true;
    }
    if (findInitPath(D, To, Seen, Path)) {
      Path.push_back(D);
      return true;
    }
  }
  return false;
}

/// Reports "initialization loop for x" with the objects of Cycle (as
/// findInitPath returns it: Cycle[0], then the path in reverse).
void Checker::reportInitCycle(llvm::ArrayRef<Object *> Cycle) {
  Object *Obj = Cycle[0];
  std::vector<std::pair<Pos, std::string>> Parts{
      {Obj->pos(), "initialization loop for " + Obj->name().str()}};
  for (size_t I = Cycle.size(); I-- > 0;) {
    Parts.push_back({Obj->pos(), Obj->name().str() + " refers to"});
    Obj = Cycle[I];
  }
  Parts.push_back({Obj->pos(), Obj->name().str()});
  reportMulti(Parts[0].first, Parts);
}

void Checker::usePkgName(PkgName *PN) {
  if (PN->Used)
    return;
  PN->Used = true;
  auto It = FakeImportPaths.find(PN);
  if (It != FakeImportPaths.end())
    error(It->second,
          "could not import " + PN->Imported->Path + " (package not loaded)");
}

void Checker::unusedImports() {
  for (PkgName *PN : Imports) {
    if (PN->Used)
      continue;
    std::string Path = PN->Imported->Path;
    if (PN->name() != PN->Imported->Name && PN->name() != ".")
      error(PN->pos(), "imported and not used: " + quoteGoString(Path) +
                           " as " + PN->name().str());
    else
      error(PN->pos(), "imported and not used: " + quoteGoString(Path));
  }
}
