//===- frontend/parser.cpp - Go parser ------------------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See parser.h. The order of functions follows gc's parser.go: error
// handling, package files, declarations, expressions, types, statements,
// common productions.
//
//===----------------------------------------------------------------------===//

#include "frontend/parser.h"

using namespace gortc;
using namespace gortc::syntax;
using llvm::cast;
using llvm::dyn_cast;
using llvm::isa;

namespace {

using TK = TokenKind;

/// The keywords that start a statement: synchronization points inside
/// function bodies after a syntax error.
constexpr TokenSet StopSet =
    tokBit(TK::Break) | tokBit(TK::Const) | tokBit(TK::Continue) |
    tokBit(TK::Defer) | tokBit(TK::Fallthrough) | tokBit(TK::For) |
    tokBit(TK::Go) | tokBit(TK::Goto) | tokBit(TK::If) | tokBit(TK::Return) |
    tokBit(TK::Select) | tokBit(TK::Switch) | tokBit(TK::Type) |
    tokBit(TK::Var);

/// Limits the nesting depth of the recursive descent so that pathological
/// input ends in a diagnostic instead of a stack overflow.
constexpr unsigned MaxNesting = 2000;

class Parser {
public:
  Parser(const SourceFile &Source, const SourceManager &SM, AstContext &Ctx,
         DiagnosticEngine &Diags, bool SkipFuncBodies)
      : S(Source, Diags), Ctx(Ctx), Diags(Diags), Source(Source), SM(SM),
        SkipFuncBodies(SkipFuncBodies) {}

  File *fileOrNull();

private:
  // Scanner access.
  void next() { S.next(); }
  TK tok() const { return S.Tok; }
  Pos pos() const { return S.TokPos; }
  bool isOp(Operator Op) const {
    return (S.Tok == TK::Operator || S.Tok == TK::Star) && S.Op == Op;
  }

  bool got(TK T) {
    if (S.Tok == T) {
      next();
      return true;
    }
    return false;
  }
  void want(TK T) {
    if (!got(T)) {
      syntaxError("expecting " + tokenDescription(T).str());
      advance();
    }
  }
  bool gotAssign();
  /// True if the comment lines right above the line of P include Pragma
  /// (gc's //go: directives apply to the declaration that follows them).
  bool precededByPragma(Pos P, llvm::StringRef Pragma) const;
  /// The file's //go:linkname directives.
  llvm::ArrayRef<LinkName> linkNames();

  // Error handling.
  void errorAt(Pos P, const std::string &Msg) {
    ++ErrCount;
    Diags.report(P, DiagKind::ParseError, Msg);
  }
  void error(const std::string &Msg) { errorAt(pos(), Msg); }
  void syntaxErrorAt(Pos P, std::string Msg);
  void syntaxError(const std::string &Msg) { syntaxErrorAt(pos(), Msg); }
  void advance(std::initializer_list<TK> Follow = {});

  // Nesting guard.
  struct NestGuard {
    Parser &P;
    explicit NestGuard(Parser &P) : P(P) { ++P.Depth; }
    ~NestGuard() {
      assert(P.Depth > 0 && "unbalanced nesting");
      --P.Depth;
    }
  };
  bool tooDeep();

  // Declarations.
  Pos list(const char *Context, TK Sep, TK Close,
           const std::function<bool()> &F);
  void appendGroup(llvm::SmallVectorImpl<Decl *> &List,
                   Decl *(Parser::*F)(Group *));
  Decl *importDecl(Group *G);
  Decl *constDecl(Group *G);
  Decl *typeDecl(Group *G);
  Decl *varDecl(Group *G);
  FuncDecl *funcDeclOrNull();
  BlockStmt *funcBody();

  // Expressions.
  Expr *expr() { return binaryExpr(nullptr, 0); }
  Expr *binaryExpr(Expr *X, int Prec);
  Expr *unaryExpr();
  CallStmt *callStmt();
  Expr *operand(bool KeepParens);
  Expr *pexpr(Expr *X, bool KeepParens);
  Expr *bareComplitExpr();
  CompositeLit *complitExpr();
  CompositeLit *skippedComplitOrNull();
  /// From "{", the current token, past its matching "}" without parsing
  /// what is between (Scanner::skipBlock); sets Rbrace. False, with
  /// nothing consumed, if the block does not end in this file.
  bool skipBraces(Pos &Rbrace);

  // Types.
  Expr *type();
  Expr *typeOrNull();
  Expr *typeInstance(Expr *Typ);
  FuncType *funcType(const char *Context,
                     llvm::SmallVectorImpl<Field *> *TParams = nullptr);
  Expr *arrayType(Pos P, Expr *Len);
  Expr *sliceType(Pos P);
  Expr *chanElem();
  StructType *structType();
  InterfaceType *interfaceType();
  llvm::ArrayRef<Field *> funcResult();
  void fieldDecl(llvm::SmallVectorImpl<Field *> &Fields,
                 llvm::SmallVectorImpl<BasicLit *> &Tags);
  void addField(llvm::SmallVectorImpl<Field *> &Fields,
                llvm::SmallVectorImpl<BasicLit *> &Tags, Pos P, Name *N,
                Expr *Typ, BasicLit *Tag);
  Expr *arrayOrTArgs();
  BasicLit *oliteral();
  Field *methodDecl();
  Field *embeddedElem(Field *F);
  Expr *embeddedTerm();
  Field *paramDeclOrNull(Name *N, TK Follow);
  llvm::ArrayRef<Field *> paramList(Name *N, Expr *Typ, TK Close,
                                    bool RequireNames);
  BadExpr *badExpr() { return Ctx.make<BadExpr>(pos()); }

  // Statements.
  Stmt *simpleStmt(Expr *Lhs, TK Keyword);
  RangeClause *newRangeClause(Expr *Lhs, bool Def);
  Stmt *labeledStmtOrNull(Name *Label);
  BlockStmt *blockStmt(const char *Context);
  DeclStmt *declStmt(Decl *(Parser::*F)(Group *));
  Stmt *forStmt();
  void header(TK Keyword, Stmt *&Init, Expr *&Cond, Stmt *&Post);
  IfStmt *ifStmt();
  SwitchStmt *switchStmt();
  SelectStmt *selectStmt();
  CaseClause *caseClause();
  CommClause *commClause();
  Stmt *stmtOrNull();
  llvm::ArrayRef<Stmt *> stmtList();
  llvm::ArrayRef<Expr *> argList(bool &HasDots);

  // Common productions.
  Name *name();
  llvm::ArrayRef<Name *> nameList(Name *First);
  Expr *qualifiedName(Name *N);
  Expr *exprList();
  Expr *typeList(bool &Comma);

  Scanner S;
  AstContext &Ctx;
  DiagnosticEngine &Diags;
  const SourceFile &Source;
  const SourceManager &SM;
  unsigned ErrCount = 0; ///< errors reported by the parser itself
  /// All errors in this file so far: the parser's and the scanner's (gc's
  /// p.errcnt).
  unsigned errCount() const { return ErrCount + S.ErrorCount; }
  bool SkipFuncBodies; ///< see parseFile
  int FNest = 0;       ///< function nesting level (for error handling)
  int XNest = 0;       ///< expression nesting level (complit ambiguity)
  unsigned Depth = 0;
  bool DepthReported = false;
};

} // namespace

//===----------------------------------------------------------------------===//
// Error handling
//===----------------------------------------------------------------------===//

bool Parser::gotAssign() {
  switch (tok()) {
  case TK::Define:
    syntaxError("expecting =");
    [[fallthrough]];
  case TK::Assign:
    next();
    return true;
  default:
    return false;
  }
}

void Parser::syntaxErrorAt(Pos P, std::string Msg) {
  if (tok() == TK::EOF_ && errCount() != 0)
    return; // avoid meaningless follow-up errors

  llvm::StringRef M(Msg);
  if (Msg.empty()) {
    // nothing to do
  } else if (M.starts_with("in ") || M.starts_with("at ") ||
             M.starts_with("after ")) {
    Msg = " " + Msg;
  } else if (M.starts_with("expecting ")) {
    Msg = ", " + Msg;
  } else {
    // A plain error: the current token does not matter.
    ++ErrCount;
    Diags.report(P, DiagKind::SyntaxError, Msg);
    return;
  }

  std::string Tok;
  switch (tok()) {
  case TK::Name:
  case TK::Semi:
    Tok = S.Lit;
    break;
  case TK::Literal:
    Tok = "literal " + S.Lit;
    break;
  case TK::Operator:
    Tok = operatorString(S.Op).str();
    break;
  case TK::AssignOp:
    Tok = operatorString(S.Op).str() + "=";
    break;
  case TK::IncOp:
    Tok = operatorString(S.Op).str();
    Tok += Tok;
    break;
  default:
    Tok = tokenDescription(tok()).str();
  }
  ++ErrCount;
  Diags.report(P, DiagKind::SyntaxError, "unexpected " + Tok + Msg);
}

void Parser::advance(std::initializer_list<TK> Follow) {
  TokenSet FollowSet = tokBit(TK::EOF_); // don't skip over EOF
  if (Follow.size() != 0) {
    if (FNest > 0)
      FollowSet |= StopSet;
    for (TK T : Follow)
      FollowSet |= tokBit(T);
  }
  while (!(FollowSet & tokBit(tok()))) {
    next();
    if (Follow.size() == 0)
      break;
  }
}

bool Parser::tooDeep() {
  if (Depth < MaxNesting)
    return false;
  if (!DepthReported) {
    DepthReported = true;
    error("syntax error: expression or statement nesting too deep");
  }
  // Skip to the end so that callers unwind quickly.
  while (tok() != TK::EOF_)
    next();
  return true;
}

//===----------------------------------------------------------------------===//
// Package files
//===----------------------------------------------------------------------===//

static bool isEmptyFuncDecl(Decl *D) {
  auto *F = dyn_cast<FuncDecl>(D);
  return F && !F->Body;
}

// SourceFile = PackageClause ";" { ImportDecl ";" } { TopLevelDecl ";" } .
File *Parser::fileOrNull() {
  next();
  File *F = Ctx.make<File>(pos());
  F->Source = &Source;

  // PackageClause
  if (!got(TK::Package)) {
    syntaxError("package statement must be first");
    return nullptr;
  }
  F->PkgName = name();
  want(TK::Semi);
  // Don't bother continuing if the package clause has errors.
  if (errCount() != 0)
    return nullptr;

  llvm::SmallVector<Decl *, 32> Decls;
  // { ImportDecl ";" }
  while (got(TK::Import)) {
    appendGroup(Decls, &Parser::importDecl);
    want(TK::Semi);
  }

  // { TopLevelDecl ";" }
  while (tok() != TK::EOF_) {
    switch (tok()) {
    case TK::Const:
      next();
      appendGroup(Decls, &Parser::constDecl);
      break;
    case TK::Type:
      next();
      appendGroup(Decls, &Parser::typeDecl);
      break;
    case TK::Var:
      next();
      appendGroup(Decls, &Parser::varDecl);
      break;
    case TK::Func:
      next();
      if (FuncDecl *D = funcDeclOrNull())
        Decls.push_back(D);
      break;
    default:
      if (tok() == TK::Lbrace && !Decls.empty() &&
          isEmptyFuncDecl(Decls.back()))
        syntaxError("unexpected semicolon or newline before {");
      else
        syntaxError("non-declaration statement outside function body");
      advance({TK::Const, TK::Type, TK::Var, TK::Func});
      continue;
    }
    if (tok() != TK::EOF_ && !got(TK::Semi)) {
      syntaxError("after top level declaration");
      advance({TK::Const, TK::Type, TK::Var, TK::Func});
    }
  }
  F->EOFPos = pos();
  F->Decls = Ctx.copy(llvm::ArrayRef<Decl *>(Decls));
  F->LinkNames = linkNames();
  return F;
}

llvm::ArrayRef<LinkName> Parser::linkNames() {
  // gc reads //go:linkname at the start of any line of the file; a
  // directive without a target names no symbol here.
  llvm::SmallVector<LinkName, 4> Out;
  llvm::StringRef Text = Source.text();
  for (size_t Off = 0; Off < Text.size();) {
    size_t End = Text.find('\n', Off);
    if (End == llvm::StringRef::npos)
      End = Text.size();
    llvm::StringRef Line = Text.slice(Off, End);
    if (Line.consume_front("//go:linkname ")) {
      llvm::SmallVector<llvm::StringRef, 3> Words;
      Line.split(Words, ' ', -1, /*KeepEmpty=*/false);
      if (Words.size() == 2)
        // Positioned after the slashes, as gc reports pragmas.
        Out.push_back({Pos(Source.base() + uint32_t(Off) + 2), Words[0].trim(),
                       Words[1].trim()});
    }
    Off = End + 1;
  }
  return Ctx.copy(llvm::ArrayRef<LinkName>(Out));
}

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

// list = [ f { sep f } [sep] ] close .
Pos Parser::list(const char *Context, TK Sep, TK Close,
                 const std::function<bool()> &F) {
  bool Done = false;
  while (tok() != TK::EOF_ && tok() != Close && !Done) {
    Done = F();
    // sep is optional before close
    if (!got(Sep) && tok() != Close) {
      syntaxError(std::string("in ") + Context + "; possibly missing " +
                  tokenDescription(Sep).str() + " or " +
                  tokenDescription(Close).str());
      advance({TK::Rparen, TK::Rbrack, TK::Rbrace});
      if (tok() != Close)
        return pos();
    }
  }
  Pos P = pos();
  want(Close);
  return P;
}

// appendGroup(f) = f | "(" { f ";" } ")" . // ";" is optional before ")"
void Parser::appendGroup(llvm::SmallVectorImpl<Decl *> &List,
                         Decl *(Parser::*F)(Group *)) {
  if (tok() == TK::Lparen) {
    Group *G = Ctx.newGroup();
    next();
    unsigned Iota = 0;
    list("grouped declaration", TK::Semi, TK::Rparen, [&] {
      if (Decl *X = (this->*F)(G)) {
        if (auto *C = dyn_cast<ConstDecl>(X))
          C->Iota = Iota++;
        List.push_back(X);
      }
      return false;
    });
  } else if (Decl *X = (this->*F)(nullptr)) {
    List.push_back(X);
  }
}

// ImportSpec = [ "." | PackageName ] ImportPath .
// ImportPath = string_lit .
Decl *Parser::importDecl(Group *G) {
  auto *D = Ctx.make<ImportDecl>(pos());
  D->G = G;
  switch (tok()) {
  case TK::Name:
    D->LocalName = name();
    break;
  case TK::Dot:
    D->LocalName = Ctx.make<Name>(pos(), ".");
    next();
    break;
  default:
    break;
  }
  D->Path = oliteral();
  if (!D->Path) {
    syntaxError("missing import path");
    advance({TK::Semi, TK::Rparen});
    return D;
  }
  if (!D->Path->Bad && D->Path->Kind != LitKind::String) {
    syntaxError("import path must be a string");
    D->Path->Bad = true;
  }
  return D;
}

// ConstSpec = IdentifierList [ [ Type ] "=" ExpressionList ] .
Decl *Parser::constDecl(Group *G) {
  auto *D = Ctx.make<ConstDecl>(pos());
  D->G = G;
  D->Names = nameList(name());
  if (tok() != TK::EOF_ && tok() != TK::Semi && tok() != TK::Rparen) {
    D->Type = typeOrNull();
    if (gotAssign())
      D->Values = exprList();
  }
  return D;
}

/// Splits X into (name, expr) if X can be written as `name expr` (gc's
/// extractName); see parser.go for the table of cases.
static std::pair<Name *, Expr *> extractName(AstContext &Ctx, Expr *X,
                                             bool Force);

/// Whether X is a (possibly parenthesized) type element expression.
static bool isTypeElem(Expr *X) {
  switch (X->kind()) {
  case NodeKind::ArrayType:
  case NodeKind::StructType:
  case NodeKind::FuncType:
  case NodeKind::InterfaceType:
  case NodeKind::SliceType:
  case NodeKind::MapType:
  case NodeKind::ChanType:
    return true;
  case NodeKind::Operation: {
    auto *O = cast<Operation>(X);
    return isTypeElem(O->X) || (O->Y && isTypeElem(O->Y)) ||
           O->Op == Operator::Tilde;
  }
  case NodeKind::ParenExpr:
    return isTypeElem(cast<ParenExpr>(X)->X);
  default:
    return false;
  }
}

static std::pair<Name *, Expr *> extractName(AstContext &Ctx, Expr *X,
                                             bool Force) {
  if (auto *N = dyn_cast<Name>(X))
    return {N, nullptr};
  if (auto *O = dyn_cast<Operation>(X)) {
    if (O->Y) {
      if (O->Op == Operator::Mul) {
        auto *N = dyn_cast<Name>(O->X);
        if (N && (Force || isTypeElem(O->Y))) {
          // x = name *x.Y
          auto *Op = Ctx.make<Operation>(O->pos(), Operator::Mul, O->Y);
          return {N, Op};
        }
      } else if (O->Op == Operator::Or) {
        auto [N, Lhs] = extractName(Ctx, O->X, Force || isTypeElem(O->Y));
        if (N && Lhs) {
          auto *Op = Ctx.make<Operation>(O->pos(), Operator::Or, Lhs, O->Y);
          return {N, Op};
        }
      }
    }
  } else if (auto *C = dyn_cast<CallExpr>(X)) {
    if (auto *N = dyn_cast<Name>(C->Fun))
      if (C->Args.size() == 1 && !C->HasDots &&
          (Force || isTypeElem(C->Args[0])))
        return {N, C->Args[0]};
  }
  return {nullptr, X};
}

// TypeSpec = identifier [ TypeParams ] [ "=" ] Type .
Decl *Parser::typeDecl(Group *G) {
  auto *D = Ctx.make<TypeDecl>(pos());
  D->G = G;
  D->N = name();
  if (tok() == TK::Lbrack) {
    // array/slice type or type parameter list
    Pos P = pos();
    next();
    switch (tok()) {
    case TK::Name: {
      Expr *X = name();
      if (tok() != TK::Lbrack) {
        ++XNest;
        X = binaryExpr(pexpr(X, false), 0);
        --XNest;
      }
      auto [PName, PType] = extractName(Ctx, X, tok() == TK::Comma);
      if (PName && (PType || tok() != TK::Rbrack)) {
        D->TParams = paramList(PName, PType, TK::Rbrack, true);
        D->Alias = gotAssign();
        D->Type = typeOrNull();
      } else {
        D->Type = arrayType(P, X);
      }
      break;
    }
    case TK::Rbrack:
      next();
      D->Type = sliceType(P);
      break;
    default:
      D->Type = arrayType(P, nullptr);
    }
  } else {
    D->Alias = gotAssign();
    D->Type = typeOrNull();
  }
  if (!D->Type) {
    D->Type = badExpr();
    syntaxError("in type declaration");
    advance({TK::Semi, TK::Rparen});
  }
  return D;
}

// VarSpec = IdentifierList ( Type [ "=" ExpressionList ] | "=" ExpressionList )
// .
Decl *Parser::varDecl(Group *G) {
  auto *D = Ctx.make<VarDecl>(pos());
  D->G = G;
  D->Names = nameList(name());
  if (gotAssign()) {
    D->Values = exprList();
  } else {
    D->Type = type();
    if (gotAssign())
      D->Values = exprList();
  }
  return D;
}

// FunctionDecl = "func" FunctionName [ TypeParams ] ( Function | Signature ) .
// MethodDecl   = "func" Receiver MethodName ( Function | Signature ) .
// Receiver     = Parameters .
bool Parser::precededByPragma(Pos P, llvm::StringRef Pragma) const {
  llvm::StringRef Text = Source.text();
  size_t Off = P.offset() - Source.base();
  if (Off > Text.size())
    return false;
  // Start of P's line, then walk up over the comment lines above it.
  size_t LineStart = Text.rfind('\n', Off == 0 ? 0 : Off - 1);
  while (LineStart != llvm::StringRef::npos && LineStart > 0) {
    size_t PrevStart = Text.rfind('\n', LineStart - 1);
    size_t From = PrevStart == llvm::StringRef::npos ? 0 : PrevStart + 1;
    llvm::StringRef Line = Text.slice(From, LineStart).trim();
    if (!Line.starts_with("//"))
      return false;
    if (Line == Pragma || Line.starts_with((Pragma + " ").str()))
      return true;
    if (PrevStart == llvm::StringRef::npos)
      return false;
    LineStart = PrevStart;
  }
  return false;
}

FuncDecl *Parser::funcDeclOrNull() {
  auto *F = Ctx.make<FuncDecl>(pos());
  F->NoInline = precededByPragma(pos(), "//go:noinline");
  F->UintptrKeepAlive = precededByPragma(pos(), "//go:uintptrescapes") ||
                        precededByPragma(pos(), "//go:uintptrkeepalive");
  if (got(TK::Lparen)) {
    llvm::ArrayRef<Field *> Rcvr =
        paramList(nullptr, nullptr, TK::Rparen, false);
    switch (Rcvr.size()) {
    case 0:
      error("method has no receiver");
      break;
    default:
      error("method has multiple receivers");
      [[fallthrough]];
    case 1:
      F->Recv = Rcvr[0];
    }
  }
  if (tok() != TK::Name) {
    syntaxError("expecting name or (");
    advance({TK::Lbrace, TK::Semi});
    return nullptr;
  }
  F->N = name();
  llvm::SmallVector<Field *, 4> TParams;
  F->Type = funcType(F->Recv ? "method" : "", &TParams);
  F->TParams = Ctx.copy(llvm::ArrayRef<Field *>(TParams));
  if (tok() == TK::Lbrace) {
    Pos Lbrace = pos();
    Pos Rbrace;
    if (SkipFuncBodies && F->TParams.empty() &&
        !(F->Recv && isGenericReceiver(F->Recv)) && skipBraces(Rbrace)) {
      F->Body = Ctx.make<BlockStmt>(Lbrace);
      F->Body->Rbrace = Rbrace;
      F->BodySkipped = true;
    } else {
      F->Body = funcBody();
    }
  }
  return F;
}

BlockStmt *Parser::funcBody() {
  ++FNest;
  unsigned Errs = errCount();
  BlockStmt *Body = blockStmt("");
  assert(FNest > 0 && "unbalanced function nesting");
  --FNest;
  // Don't check branches if there were errors (syntax or scanner errors) in
  // the function: it may lead to spurious errors.
  if (Errs == errCount() && !Diags.stopped())
    checkBranches(Body, Diags, SM);
  return Body;
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

// Expression = UnaryExpr | Expression binary_op Expression .
Expr *Parser::binaryExpr(Expr *X, int Prec) {
  NestGuard G(*this);
  if (tooDeep())
    return badExpr();
  if (!X)
    X = unaryExpr();
  while ((tok() == TK::Operator || tok() == TK::Star) && S.Prec > Prec) {
    Pos P = pos();
    Operator Op = S.Op;
    int TPrec = S.Prec;
    next();
    Expr *Y = binaryExpr(nullptr, TPrec);
    X = Ctx.make<Operation>(P, Op, X, Y);
  }
  return X;
}

// UnaryExpr = PrimaryExpr | unary_op UnaryExpr .
Expr *Parser::unaryExpr() {
  NestGuard G(*this);
  if (tooDeep())
    return badExpr();
  switch (tok()) {
  case TK::Operator:
  case TK::Star:
    switch (S.Op) {
    case Operator::Mul:
    case Operator::Add:
    case Operator::Sub:
    case Operator::Not:
    case Operator::Xor:
    case Operator::Tilde: {
      Pos P = pos();
      Operator Op = S.Op;
      next();
      return Ctx.make<Operation>(P, Op, unaryExpr());
    }
    case Operator::And: {
      Pos P = pos();
      next();
      // unaryExpr may have returned a parenthesized composite literal
      // (see comment in operand) - remove parentheses if any
      return Ctx.make<Operation>(P, Operator::And, unparen(unaryExpr()));
    }
    default:
      break;
    }
    break;
  case TK::Arrow: {
    // receive op (<-x) or receive-only channel (<-chan E)
    Pos P = pos();
    next();
    Expr *X = unaryExpr();
    if (isa<ChanType>(X)) {
      // x is a channel type => re-associate <-
      ChanDir Dir = ChanDir::SendOnly;
      Expr *T = X;
      while (Dir == ChanDir::SendOnly) {
        auto *C = dyn_cast<ChanType>(T);
        if (!C)
          break;
        Dir = C->Dir;
        if (Dir == ChanDir::RecvOnly) {
          // t is type <-chan E but <-<-chan E is not permitted
          syntaxError("unexpected <-, expecting chan");
        }
        C->Dir = ChanDir::RecvOnly;
        T = C->Elem;
      }
      if (Dir == ChanDir::SendOnly)
        syntaxError("unexpected " + exprString(T) + ", expecting chan");
      return X;
    }
    return Ctx.make<Operation>(P, Operator::Recv, X);
  }
  default:
    break;
  }
  return pexpr(nullptr, true);
}

// callStmt parses call-like statements that can be preceded by 'defer' and
// 'go'.
CallStmt *Parser::callStmt() {
  auto *S2 = Ctx.make<CallStmt>(pos(), tok());
  next();
  Expr *X = pexpr(nullptr, tok() == TK::Lparen);
  const char *What = S2->Tok == TK::Go ? "go" : "defer";
  if (Expr *T = unparen(X); T != X) {
    errorAt(X->pos(), std::string("expression in ") + What +
                          " must not be parenthesized");
    X = T;
  }
  auto *CX = dyn_cast<CallExpr>(X);
  if (!CX) {
    errorAt(X->pos(),
            std::string("expression in ") + What + " must be function call");
    CX = Ctx.make<CallExpr>(X->pos(), X);
  }
  S2->Call = CX;
  return S2;
}

// Operand     = Literal | OperandName | MethodExpr | "(" Expression ")" .
// Literal     = BasicLit | CompositeLit | FunctionLit .
// BasicLit    = int_lit | float_lit | imaginary_lit | rune_lit | string_lit .
// OperandName = identifier | QualifiedIdent.
Expr *Parser::operand(bool KeepParens) {
  switch (tok()) {
  case TK::Name:
    return name();
  case TK::Literal:
    return oliteral();
  case TK::Lparen: {
    Pos P = pos();
    next();
    ++XNest;
    Expr *X = expr();
    --XNest;
    want(TK::Rparen);
    // Parentheses are not permitted around T in a composite literal T{}; if
    // the next token is {, keep them so that the error can be reported.
    if (tok() == TK::Lbrace)
      KeepParens = true;
    if (KeepParens)
      X = Ctx.make<ParenExpr>(P, X);
    return X;
  }
  case TK::Func: {
    Pos P = pos();
    next();
    FuncType *FT = funcType("function type");
    if (tok() == TK::Lbrace) {
      ++XNest;
      BlockStmt *Body = funcBody();
      --XNest;
      return Ctx.make<FuncLit>(P, FT, Body);
    }
    return FT;
  }
  case TK::Lbrack:
  case TK::Chan:
  case TK::Map:
  case TK::Struct:
  case TK::Interface:
    return type(); // othertype
  default: {
    Expr *X = badExpr();
    syntaxError("expecting expression");
    advance({TK::Rparen, TK::Rbrack, TK::Rbrace});
    return X;
  }
  }
}

/// Whether X syntactically must be a value (and not a type) expression.
static bool isValue(Expr *X) {
  switch (X->kind()) {
  case NodeKind::BasicLit:
  case NodeKind::CompositeLit:
  case NodeKind::FuncLit:
  case NodeKind::SliceExpr:
  case NodeKind::AssertExpr:
  case NodeKind::TypeSwitchGuard:
  case NodeKind::CallExpr:
    return true;
  case NodeKind::Operation: {
    auto *O = cast<Operation>(X);
    return O->Op != Operator::Mul || O->Y; // *T may be a type
  }
  case NodeKind::ParenExpr:
    return isValue(cast<ParenExpr>(X)->X);
  case NodeKind::IndexExpr:
    return isValue(cast<IndexExpr>(X)->X) || isValue(cast<IndexExpr>(X)->Index);
  default:
    return false;
  }
}

// PrimaryExpr =
//	Operand | Conversion | PrimaryExpr Selector | PrimaryExpr Index |
//	PrimaryExpr Slice | PrimaryExpr TypeAssertion | PrimaryExpr Arguments .
// Selector       = "." identifier .
// Index          = "[" Expression "]" .
// Slice          = "[" ( [ Expression ] ":" [ Expression ] ) |
//                      ( [ Expression ] ":" Expression ":" Expression ) "]" .
// TypeAssertion  = "." "(" Type ")" .
// Arguments      = "(" [ ( ExpressionList | Type [ "," ExpressionList ] )
//                  [ "..." ] [ "," ] ] ")" .
Expr *Parser::pexpr(Expr *X, bool KeepParens) {
  NestGuard G(*this);
  if (tooDeep())
    return badExpr();
  if (!X)
    X = operand(KeepParens);

  for (;;) {
    Pos P = pos();
    switch (tok()) {
    case TK::Dot:
      next();
      switch (tok()) {
      case TK::Name:
        X = Ctx.make<SelectorExpr>(P, X, name());
        break;
      case TK::Lparen:
        next();
        if (got(TK::Type))
          X = Ctx.make<TypeSwitchGuard>(P, X);
        else
          X = Ctx.make<AssertExpr>(P, X, type());
        want(TK::Rparen);
        break;
      default:
        syntaxError("expecting name or (");
        advance({TK::Semi, TK::Rparen});
      }
      continue;

    case TK::Lbrack: {
      next();
      if (tok() == TK::Rbrack) {
        // invalid empty instance, slice or index expression
        syntaxError("expecting operand");
        next();
        continue;
      }
      Expr *I = nullptr;
      if (tok() != TK::Colon) {
        bool Comma = false;
        I = typeList(Comma);
        if (Comma || tok() == TK::Rbrack) {
          want(TK::Rbrack);
          X = Ctx.make<IndexExpr>(P, X, I);
          continue;
        }
      }
      // x[i:...
      if (!got(TK::Colon)) {
        syntaxError("expecting comma, : or ]");
        advance({TK::Comma, TK::Colon, TK::Rbrack});
      }
      ++XNest;
      auto *T = Ctx.make<SliceExpr>(P, X);
      T->Index[0] = I;
      if (tok() != TK::Colon && tok() != TK::Rbrack)
        T->Index[1] = expr();
      if (tok() == TK::Colon) {
        T->Full = true;
        if (!T->Index[1]) {
          error("middle index required in 3-index slice");
          T->Index[1] = badExpr();
        }
        next();
        if (tok() != TK::Rbrack) {
          T->Index[2] = expr();
        } else {
          error("final index required in 3-index slice");
          T->Index[2] = badExpr();
        }
      }
      --XNest;
      want(TK::Rbrack);
      X = T;
      continue;
    }

    case TK::Lparen: {
      next();
      auto *C = Ctx.make<CallExpr>(P, X);
      C->Args = argList(C->HasDots);
      X = C;
      continue;
    }

    case TK::Lbrace: {
      // operand may have returned a parenthesized complit type; accept it but
      // complain if we have a complit
      Expr *T = unparen(X);
      bool ComplitOk = false;
      switch (T->kind()) {
      case NodeKind::Name:
      case NodeKind::SelectorExpr:
        ComplitOk = XNest >= 0;
        break;
      case NodeKind::IndexExpr:
        ComplitOk = XNest >= 0 && !isValue(T);
        break;
      case NodeKind::ArrayType:
      case NodeKind::SliceType:
      case NodeKind::StructType:
      case NodeKind::MapType:
        ComplitOk = true;
        break;
      default:
        break;
      }
      if (!ComplitOk)
        return X;
      if (T != X)
        syntaxError("cannot parenthesize type in composite literal");
      // Outside functions, SkipFuncBodies skips literal values too (their
      // elements do not change any declaration's type) except in [...]T
      // literals, whose length they give.
      auto *AT = dyn_cast<ArrayType>(T);
      CompositeLit *N = SkipFuncBodies && FNest == 0 && !(AT && !AT->Len)
                            ? skippedComplitOrNull()
                            : nullptr;
      if (!N)
        N = complitExpr();
      N->Type = X;
      X = N;
      continue;
    }

    default:
      return X;
    }
  }
}

// Element = Expression | LiteralValue .
Expr *Parser::bareComplitExpr() {
  if (tok() == TK::Lbrace)
    return complitExpr();
  return expr();
}

/// A literal value stepped over unparsed; null if it does not end in this
/// file.
CompositeLit *Parser::skippedComplitOrNull() {
  Pos Lbrace = pos();
  Pos Rbrace;
  if (!skipBraces(Rbrace))
    return nullptr;
  auto *X = Ctx.make<CompositeLit>(Lbrace);
  X->ElemsSkipped = true;
  X->Rbrace = Rbrace;
  return X;
}

bool Parser::skipBraces(Pos &Rbrace) {
  if (!S.skipBlock())
    return false;
  next(); // the matching "}"
  Rbrace = pos();
  next();
  return true;
}

// LiteralValue = "{" [ ElementList [ "," ] ] "}" .
CompositeLit *Parser::complitExpr() {
  NestGuard G(*this);
  auto *X = Ctx.make<CompositeLit>(pos());
  if (tooDeep())
    return X;
  llvm::SmallVector<Expr *, 8> Elems;
  ++XNest;
  want(TK::Lbrace);
  X->Rbrace = list("composite literal", TK::Comma, TK::Rbrace, [&] {
    Expr *E = bareComplitExpr();
    if (tok() == TK::Colon) {
      Pos P = pos();
      next();
      E = Ctx.make<KeyValueExpr>(P, E, bareComplitExpr());
      ++X->NKeys;
    }
    Elems.push_back(E);
    return false;
  });
  --XNest;
  X->Elems = Ctx.copy(llvm::ArrayRef<Expr *>(Elems));
  return X;
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

Expr *Parser::type() {
  Expr *Typ = typeOrNull();
  if (!Typ) {
    Typ = badExpr();
    syntaxError("expecting type");
    advance(
        {TK::Comma, TK::Colon, TK::Semi, TK::Rparen, TK::Rbrack, TK::Rbrace});
  }
  return Typ;
}

// Type     = TypeName | TypeLit | "(" Type ")" .
// TypeName = identifier | QualifiedIdent .
// TypeLit  = ArrayType | StructType | PointerType | FunctionType |
//            InterfaceType | SliceType | MapType | Channel_Type .
Expr *Parser::typeOrNull() {
  NestGuard G(*this);
  if (tooDeep())
    return badExpr();
  Pos P = pos();
  switch (tok()) {
  case TK::Star:
    next();
    return Ctx.make<Operation>(P, Operator::Mul, type());
  case TK::Arrow: {
    next();
    want(TK::Chan);
    return Ctx.make<ChanType>(P, ChanDir::RecvOnly, chanElem());
  }
  case TK::Func:
    next();
    return funcType("function type");
  case TK::Lbrack:
    next();
    if (got(TK::Rbrack))
      return sliceType(P);
    return arrayType(P, nullptr);
  case TK::Chan: {
    next();
    ChanDir Dir = ChanDir::Both;
    if (got(TK::Arrow))
      Dir = ChanDir::SendOnly;
    return Ctx.make<ChanType>(P, Dir, chanElem());
  }
  case TK::Map: {
    next();
    want(TK::Lbrack);
    Expr *Key = type();
    want(TK::Rbrack);
    return Ctx.make<MapType>(P, Key, type());
  }
  case TK::Struct:
    return structType();
  case TK::Interface:
    return interfaceType();
  case TK::Name:
    return qualifiedName(nullptr);
  case TK::Lparen: {
    next();
    Expr *T = type();
    want(TK::Rparen);
    return T;
  }
  default:
    return nullptr;
  }
}

Expr *Parser::typeInstance(Expr *Typ) {
  Pos P = pos();
  want(TK::Lbrack);
  auto *X = Ctx.make<IndexExpr>(P, Typ, nullptr);
  if (tok() == TK::Rbrack) {
    syntaxError("expecting type");
    X->Index = badExpr();
  } else {
    bool Comma;
    X->Index = typeList(Comma);
  }
  want(TK::Rbrack);
  return X;
}

// If Context is non-empty, type parameters are not permitted.
FuncType *Parser::funcType(const char *Context,
                           llvm::SmallVectorImpl<Field *> *TParams) {
  auto *Typ = Ctx.make<FuncType>(pos());
  if (got(TK::Lbrack)) {
    if (*Context)
      syntaxErrorAt(Typ->pos(),
                    std::string(Context) + " must have no type parameters");
    if (tok() == TK::Rbrack) {
      syntaxError("empty type parameter list");
      next();
    } else {
      llvm::ArrayRef<Field *> L = paramList(nullptr, nullptr, TK::Rbrack, true);
      if (TParams)
        TParams->append(L.begin(), L.end());
    }
  }
  want(TK::Lparen);
  Typ->Params = paramList(nullptr, nullptr, TK::Rparen, false);
  Typ->Results = funcResult();
  return Typ;
}

// "[" has already been consumed, and P is its position.
// If Len is non-null it is the already consumed array length.
Expr *Parser::arrayType(Pos P, Expr *Len) {
  if (!Len && !got(TK::DotDotDot)) {
    ++XNest;
    Len = expr();
    --XNest;
  }
  if (tok() == TK::Comma) {
    // Trailing commas are accepted in type parameter lists but not in array
    // type declarations.
    syntaxError("unexpected comma; expecting ]");
    next();
  }
  want(TK::Rbrack);
  return Ctx.make<ArrayType>(P, Len, type());
}

// "[" and "]" have already been consumed, and P is the position of "[".
Expr *Parser::sliceType(Pos P) { return Ctx.make<SliceType>(P, type()); }

Expr *Parser::chanElem() {
  Expr *Typ = typeOrNull();
  if (!Typ) {
    Typ = badExpr();
    syntaxError("missing channel element type");
    // assume element type is simply absent - don't advance
  }
  return Typ;
}

// StructType = "struct" "{" { FieldDecl ";" } "}" .
StructType *Parser::structType() {
  auto *Typ = Ctx.make<StructType>(pos());
  want(TK::Struct);
  want(TK::Lbrace);
  llvm::SmallVector<Field *, 8> Fields;
  llvm::SmallVector<BasicLit *, 8> Tags;
  list("struct type", TK::Semi, TK::Rbrace, [&] {
    fieldDecl(Fields, Tags);
    return false;
  });
  Typ->Fields = Ctx.copy(llvm::ArrayRef<Field *>(Fields));
  Typ->Tags = Ctx.copy(llvm::ArrayRef<BasicLit *>(Tags));
  return Typ;
}

// InterfaceType = "interface" "{" { ( MethodDecl | EmbeddedElem ) ";" } "}" .
InterfaceType *Parser::interfaceType() {
  auto *Typ = Ctx.make<InterfaceType>(pos());
  want(TK::Interface);
  want(TK::Lbrace);
  llvm::SmallVector<Field *, 8> Methods;
  list("interface type", TK::Semi, TK::Rbrace, [&] {
    Field *F = nullptr;
    if (tok() == TK::Name)
      F = methodDecl();
    if (!F || !F->N)
      F = embeddedElem(F);
    Methods.push_back(F);
    return false;
  });
  Typ->Methods = Ctx.copy(llvm::ArrayRef<Field *>(Methods));
  return Typ;
}

// Result = Parameters | Type .
llvm::ArrayRef<Field *> Parser::funcResult() {
  if (got(TK::Lparen))
    return paramList(nullptr, nullptr, TK::Rparen, false);
  Pos P = pos();
  if (Expr *Typ = typeOrNull()) {
    Field *F = Ctx.make<Field>(P, nullptr, Typ);
    return Ctx.copy(llvm::ArrayRef<Field *>(F));
  }
  return {};
}

void Parser::addField(llvm::SmallVectorImpl<Field *> &Fields,
                      llvm::SmallVectorImpl<BasicLit *> &Tags, Pos P, Name *N,
                      Expr *Typ, BasicLit *Tag) {
  if (Tag) {
    while (Tags.size() < Fields.size())
      Tags.push_back(nullptr);
    Tags.push_back(Tag);
  }
  Fields.push_back(Ctx.make<Field>(P, N, Typ));
}

// FieldDecl      = (IdentifierList Type | AnonymousField) [ Tag ] .
// AnonymousField = [ "*" ] TypeName .
// Tag            = string_lit .
void Parser::fieldDecl(llvm::SmallVectorImpl<Field *> &Fields,
                       llvm::SmallVectorImpl<BasicLit *> &Tags) {
  Pos P = pos();
  switch (tok()) {
  case TK::Name: {
    Name *N = name();
    if (tok() == TK::Dot || tok() == TK::Literal || tok() == TK::Semi ||
        tok() == TK::Rbrace) {
      // embedded type
      Expr *Typ = qualifiedName(N);
      BasicLit *Tag = oliteral();
      addField(Fields, Tags, P, nullptr, Typ, Tag);
      return;
    }
    // name1, name2, ... Type [ tag ]
    llvm::ArrayRef<Name *> Names = nameList(N);
    Expr *Typ;
    // Careful dance: We don't know if we have an embedded instantiated type
    // T[P1, P2, ...] or a field T of array/slice type [P]E or []E.
    if (Names.size() == 1 && tok() == TK::Lbrack) {
      Typ = arrayOrTArgs();
      if (auto *IX = dyn_cast<IndexExpr>(Typ)) {
        // embedded type T[P1, P2, ...]
        IX->X = N;
        BasicLit *Tag = oliteral();
        addField(Fields, Tags, P, nullptr, IX, Tag);
        return;
      }
    } else {
      Typ = type();
    }
    BasicLit *Tag = oliteral();
    for (Name *FN : Names)
      addField(Fields, Tags, FN->pos(), FN, Typ, Tag);
    return;
  }
  case TK::Star: {
    next();
    Expr *Typ;
    if (tok() == TK::Lparen) {
      // *(T)
      syntaxError("cannot parenthesize embedded type");
      next();
      Typ = qualifiedName(nullptr);
      got(TK::Rparen); // no need to complain if missing
    } else {
      // *T
      Typ = qualifiedName(nullptr);
    }
    BasicLit *Tag = oliteral();
    addField(Fields, Tags, P, nullptr,
             Ctx.make<Operation>(P, Operator::Mul, Typ), Tag);
    return;
  }
  case TK::Lparen: {
    syntaxError("cannot parenthesize embedded type");
    next();
    Expr *Typ;
    if (tok() == TK::Star) {
      // (*T)
      Pos SP = pos();
      next();
      Typ = Ctx.make<Operation>(SP, Operator::Mul, qualifiedName(nullptr));
    } else {
      // (T)
      Typ = qualifiedName(nullptr);
    }
    got(TK::Rparen); // no need to complain if missing
    BasicLit *Tag = oliteral();
    addField(Fields, Tags, P, nullptr, Typ, Tag);
    return;
  }
  default:
    syntaxError("expecting field name or embedded type");
    advance({TK::Semi, TK::Rbrace});
  }
}

Expr *Parser::arrayOrTArgs() {
  Pos P = pos();
  want(TK::Lbrack);
  if (got(TK::Rbrack))
    return sliceType(P);
  // x [n]E or x[n,], x[n1, n2], ...
  bool Comma;
  Expr *N = typeList(Comma);
  want(TK::Rbrack);
  if (!Comma)
    if (Expr *Elem = typeOrNull())
      return Ctx.make<ArrayType>(P, N, Elem); // x [n]E
  // x[n,], x[n1, n2], ...
  return Ctx.make<IndexExpr>(P, nullptr, N);
}

BasicLit *Parser::oliteral() {
  if (tok() == TK::Literal) {
    auto *B = Ctx.make<BasicLit>(pos(), Ctx.save(S.Lit), S.Kind, S.Bad);
    next();
    return B;
  }
  return nullptr;
}

// MethodSpec        = MethodName Signature | InterfaceTypeName .
// MethodName        = identifier .
// InterfaceTypeName = TypeName .
Field *Parser::methodDecl() {
  auto *F = Ctx.make<Field>(pos(), nullptr, nullptr);
  Name *N = name();
  const char *Context = "interface method";
  switch (tok()) {
  case TK::Lparen:
    F->N = N;
    F->Type = funcType(Context);
    break;
  case TK::Lbrack: {
    // Careful dance: a generic method m[T C](x T) or an embedded
    // instantiated type T[P1, P2].
    Pos P = pos();
    next();
    if (tok() == TK::Rbrack) {
      Pos RP = pos();
      next();
      if (tok() == TK::Lparen) {
        errorAt(RP, "empty type parameter list");
        F->N = N;
        F->Type = funcType(Context);
      } else {
        errorAt(RP, "empty type argument list");
        F->Type = N;
      }
      break;
    }
    llvm::ArrayRef<Field *> L = paramList(nullptr, nullptr, TK::Rbrack, false);
    if (L.empty()) {
      if (tok() == TK::Lparen) {
        F->N = N;
        F->Type = funcType(Context);
      } else {
        F->Type = N;
      }
      break;
    }
    if (L[0]->N) {
      // generic method
      F->N = N;
      F->Type = funcType(Context);
      errorAt(P, "interface method must have no type parameters");
      break;
    }
    // embedded instantiated type
    auto *T = Ctx.make<IndexExpr>(P, N, nullptr);
    if (L.size() == 1) {
      T->Index = L[0]->Type;
    } else {
      llvm::SmallVector<Expr *, 4> Elems;
      for (Field *PF : L)
        Elems.push_back(PF->Type);
      T->Index = Ctx.make<ListExpr>(L[0]->pos(),
                                    Ctx.copy(llvm::ArrayRef<Expr *>(Elems)));
    }
    F->Type = T;
    break;
  }
  default:
    // embedded type
    F->Type = qualifiedName(N);
  }
  return F;
}

// EmbeddedElem = MethodSpec | EmbeddedTerm { "|" EmbeddedTerm } .
Field *Parser::embeddedElem(Field *F) {
  if (!F) {
    F = Ctx.make<Field>(pos(), nullptr, nullptr);
    F->Type = embeddedTerm();
  }
  while (tok() == TK::Operator && S.Op == Operator::Or) {
    Pos P = pos();
    next();
    F->Type = Ctx.make<Operation>(P, Operator::Or, F->Type, embeddedTerm());
  }
  return F;
}

// EmbeddedTerm = [ "~" ] Type .
Expr *Parser::embeddedTerm() {
  if (tok() == TK::Operator && S.Op == Operator::Tilde) {
    Pos P = pos();
    next();
    return Ctx.make<Operation>(P, Operator::Tilde, type());
  }
  Expr *T = typeOrNull();
  if (!T) {
    T = badExpr();
    syntaxError("expecting ~ term or type");
    advance({TK::Operator, TK::Semi, TK::Rparen, TK::Rbrack, TK::Rbrace});
  }
  return T;
}

// ParameterDecl = [ IdentifierList ] [ "..." ] Type .
Field *Parser::paramDeclOrNull(Name *N, TK Follow) {
  // type set notation is ok in type parameter lists
  bool TypeSetsOk = Follow == TK::Rbrack;
  Pos P = pos();
  if (N)
    P = N->pos();
  else if (TypeSetsOk && tok() == TK::Operator && S.Op == Operator::Tilde)
    return embeddedElem(nullptr); // "~" ...

  auto *F = Ctx.make<Field>(P, nullptr, nullptr);
  if (tok() == TK::Name || N) {
    if (!N)
      N = name();
    if (tok() == TK::Lbrack) {
      // name "[" ...
      F->Type = arrayOrTArgs();
      if (auto *IX = dyn_cast<IndexExpr>(F->Type))
        IX->X = N; // name "[" ... "]"
      else
        F->N = N; // name "[" n "]" E
      if (TypeSetsOk && tok() == TK::Operator && S.Op == Operator::Or)
        F = embeddedElem(F);
      return F;
    }
    if (tok() == TK::Dot) {
      // name "." ...
      F->Type = qualifiedName(N);
      if (TypeSetsOk && tok() == TK::Operator && S.Op == Operator::Or)
        F = embeddedElem(F);
      return F;
    }
    if (TypeSetsOk && tok() == TK::Operator && S.Op == Operator::Or) {
      // name "|" ...
      F->Type = N;
      return embeddedElem(F);
    }
    F->N = N;
  }

  if (tok() == TK::DotDotDot) {
    // [name] "..." ...
    Pos DP = pos();
    next();
    Expr *Elem = typeOrNull();
    if (!Elem) {
      Elem = badExpr();
      syntaxError("... is missing type");
    }
    F->Type = Ctx.make<DotsType>(DP, Elem);
    return F;
  }

  if (TypeSetsOk && tok() == TK::Operator && S.Op == Operator::Tilde) {
    // [name] "~" ...
    F->Type = embeddedElem(nullptr)->Type;
    return F;
  }

  F->Type = typeOrNull();
  if (TypeSetsOk && tok() == TK::Operator && S.Op == Operator::Or && F->Type)
    F = embeddedElem(F); // [name] type "|"
  if (F->N || F->Type)
    return F;

  syntaxError("expecting " + tokenDescription(Follow).str());
  advance({TK::Comma, Follow});
  return nullptr;
}

// Parameters    = "(" [ ParameterList [ "," ] ] ")" .
// ParameterList = ParameterDecl { "," ParameterDecl } .
// "(" or "[" has already been consumed. If N is non-null, it is the first
// name after "(" or "["; if Typ is non-null, (N, Typ) is the first field.
// In the result, either all fields have a name, or no field has a name.
llvm::ArrayRef<Field *> Parser::paramList(Name *N, Expr *Typ, TK Close,
                                          bool RequireNames) {
  // list won't call its function if we're at the end of the parameter list;
  // if we have a complete field, handle this case here.
  if (N && Typ && tok() == Close) {
    next();
    Field *Par = Ctx.make<Field>(N->pos(), N, Typ);
    return Ctx.copy(llvm::ArrayRef<Field *>(Par));
  }

  llvm::SmallVector<Field *, 8> List;
  int Named = 0; // parameters that have an explicit name and type
  int Typed = 0; // parameters that have an explicit type
  Pos End = list("parameter list", TK::Comma, Close, [&] {
    Field *Par;
    if (Typ)
      Par = Ctx.make<Field>(N->pos(), N, Typ);
    else
      Par = paramDeclOrNull(N, Close);
    N = nullptr;   // 1st name was consumed if present
    Typ = nullptr; // 1st type was consumed if present
    if (Par) {
      if (Par->N && Par->Type)
        ++Named;
      if (Par->Type)
        ++Typed;
      List.push_back(Par);
    }
    return false;
  });

  if (List.empty())
    return {};

  // distribute parameter types
  if (Named == 0 && !RequireNames) {
    // all unnamed => found names are named types
    for (Field *Par : List)
      if (Par->N) {
        Par->Type = Par->N;
        Par->N = nullptr;
      }
  } else if (Named != int(List.size())) {
    // some named => all must have names and types
    Pos ErrPos;
    Expr *CurTyp = nullptr;
    for (int I = int(List.size()) - 1; I >= 0; --I) {
      Field *Par = List[I];
      if (Par->Type) {
        CurTyp = Par->Type;
        if (!Par->N) {
          ErrPos = startPos(CurTyp);
          Par->N = Ctx.make<Name>(ErrPos, "_");
        }
      } else if (CurTyp) {
        Par->Type = CurTyp;
      } else {
        // Par->Type == null && CurTyp == null => we only have a Par->N
        ErrPos = Par->N->pos();
        Par->Type = Ctx.make<BadExpr>(ErrPos);
      }
    }
    if (ErrPos.isValid()) {
      std::string Msg;
      if (RequireNames) {
        if (Named == Typed) {
          ErrPos = End; // position error at closing ]
          Msg = "missing type constraint";
        } else {
          Msg = "type parameters must be named";
        }
      } else {
        Msg = "mixed named and unnamed parameters";
      }
      syntaxErrorAt(ErrPos, Msg);
    }
  }
  return Ctx.copy(llvm::ArrayRef<Field *>(List));
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

// SimpleStmt = EmptyStmt | ExpressionStmt | SendStmt | IncDecStmt |
//              Assignment | ShortVarDecl .
Stmt *Parser::simpleStmt(Expr *Lhs, TK Keyword) {
  if (Keyword == TK::For && tok() == TK::Range)
    return newRangeClause(nullptr, false); // _Range expr

  if (!Lhs)
    Lhs = exprList();

  if (!isa<ListExpr>(Lhs) && tok() != TK::Assign && tok() != TK::Define) {
    // expr
    Pos P = pos();
    switch (tok()) {
    case TK::AssignOp: {
      // lhs op= rhs
      Operator Op = S.Op;
      next();
      return Ctx.make<AssignStmt>(P, Op, Lhs, expr());
    }
    case TK::IncOp: {
      // lhs++ or lhs--
      Operator Op = S.Op;
      next();
      return Ctx.make<AssignStmt>(P, Op, Lhs, nullptr);
    }
    case TK::Arrow: {
      // lhs <- rhs
      next();
      return Ctx.make<SendStmt>(P, Lhs, expr());
    }
    default:
      return Ctx.make<ExprStmt>(Lhs->pos(), Lhs);
    }
  }

  // expr_list
  switch (tok()) {
  case TK::Assign:
  case TK::Define: {
    Pos P = pos();
    Operator Op = tok() == TK::Define ? Operator::Def : Operator::None;
    next();
    if (Keyword == TK::For && tok() == TK::Range)
      return newRangeClause(Lhs, Op == Operator::Def);
    // expr_list op= expr_list
    Expr *Rhs = exprList();
    if (auto *X = dyn_cast<TypeSwitchGuard>(Rhs)) {
      if (Keyword == TK::Switch && Op == Operator::Def) {
        if (auto *LN = dyn_cast<Name>(Lhs)) {
          // switch … lhs := rhs.(type)
          X->Lhs = LN;
          return Ctx.make<ExprStmt>(X->pos(), X);
        }
      }
    }
    return Ctx.make<AssignStmt>(P, Op, Lhs, Rhs);
  }
  default: {
    syntaxError("expecting := or = or comma");
    advance({TK::Semi, TK::Rbrace});
    // make the best of what we have
    if (auto *L = dyn_cast<ListExpr>(Lhs))
      Lhs = L->Elems[0];
    return Ctx.make<ExprStmt>(Lhs->pos(), Lhs);
  }
  }
}

RangeClause *Parser::newRangeClause(Expr *Lhs, bool Def) {
  auto *R = Ctx.make<RangeClause>(pos(), Lhs, Def);
  next(); // consume _Range
  R->X = expr();
  return R;
}

Stmt *Parser::labeledStmtOrNull(Name *Label) {
  auto *S2 = Ctx.make<LabeledStmt>(pos(), Label);
  want(TK::Colon);
  if (tok() == TK::Rbrace) {
    // We expect a statement (incl. an empty statement), which must be
    // terminated by a semicolon. Because semicolons may be omitted before an
    // _Rbrace, seeing an _Rbrace implies an empty statement.
    S2->S = Ctx.make<EmptyStmt>(pos());
    return S2;
  }
  S2->S = stmtOrNull();
  if (S2->S)
    return S2;
  // report error at line of ':' token
  syntaxErrorAt(S2->pos(), "missing statement after label");
  return nullptr;
}

// Context must be non-empty unless we know that tok() == Lbrace.
BlockStmt *Parser::blockStmt(const char *Context) {
  auto *S2 = Ctx.make<BlockStmt>(pos());
  // people coming from C may forget that braces are mandatory in Go
  if (!got(TK::Lbrace)) {
    syntaxError(std::string("expecting { after ") + Context);
    advance({TK::Name, TK::Rbrace});
    S2->Rbrace = pos(); // in case we found "}"
    if (got(TK::Rbrace))
      return S2;
  }
  S2->List = stmtList();
  S2->Rbrace = pos();
  want(TK::Rbrace);
  return S2;
}

DeclStmt *Parser::declStmt(Decl *(Parser::*F)(Group *)) {
  auto *S2 = Ctx.make<DeclStmt>(pos());
  next(); // _Const, _Type, or _Var
  llvm::SmallVector<Decl *, 4> Decls;
  appendGroup(Decls, F);
  S2->Decls = Ctx.copy(llvm::ArrayRef<Decl *>(Decls));
  return S2;
}

Stmt *Parser::forStmt() {
  auto *S2 = Ctx.make<ForStmt>(pos());
  header(TK::For, S2->Init, S2->Cond, S2->Post);
  S2->Body = blockStmt("for clause");
  return S2;
}

void Parser::header(TK Keyword, Stmt *&Init, Expr *&Cond, Stmt *&Post) {
  want(Keyword);
  if (tok() == TK::Lbrace) {
    if (Keyword == TK::If) {
      syntaxError("missing condition in if statement");
      Cond = badExpr();
    }
    return;
  }

  int Outer = XNest;
  XNest = -1;

  if (tok() != TK::Semi) {
    // accept potential varDecl but complain
    if (got(TK::Var))
      syntaxError("var declaration not allowed in " +
                  tokenDescription(Keyword).str() + " initializer");
    Init = simpleStmt(nullptr, Keyword);
    // If we have a range clause, we are done (only for keyword == _For).
    if (isa<RangeClause>(Init)) {
      XNest = Outer;
      return;
    }
  }

  Stmt *CondStmt = nullptr;
  Pos SemiPos;
  std::string SemiLit;
  if (tok() != TK::Lbrace) {
    if (tok() == TK::Semi) {
      SemiPos = pos();
      SemiLit = S.Lit;
      next();
    } else {
      // asking for a '{' rather than a ';' here leads to a better error
      want(TK::Lbrace);
      if (tok() != TK::Lbrace)
        advance({TK::Lbrace, TK::Rbrace});
    }
    if (Keyword == TK::For) {
      if (tok() != TK::Semi) {
        if (tok() == TK::Lbrace) {
          syntaxError("expecting for loop condition");
          goto done;
        }
        CondStmt = simpleStmt(nullptr, TK::None);
      }
      want(TK::Semi);
      if (tok() != TK::Lbrace) {
        Post = simpleStmt(nullptr, TK::None);
        if (auto *A = dyn_cast<AssignStmt>(Post); A && A->Op == Operator::Def)
          syntaxErrorAt(A->pos(),
                        "cannot declare in post statement of for loop");
      }
    } else if (tok() != TK::Lbrace) {
      CondStmt = simpleStmt(nullptr, Keyword);
    }
  } else {
    CondStmt = Init;
    Init = nullptr;
  }

done:
  // unpack CondStmt
  if (!CondStmt) {
    if (Keyword == TK::If && SemiPos.isValid()) {
      if (SemiLit != "semicolon")
        syntaxErrorAt(SemiPos, "unexpected " + SemiLit +
                                   ", expecting { after if clause");
      else
        syntaxErrorAt(SemiPos, "missing condition in if statement");
      Cond = Ctx.make<BadExpr>(SemiPos);
    }
  } else if (auto *ES = dyn_cast<ExprStmt>(CondStmt)) {
    Cond = ES->X;
  } else {
    // A common syntax error is to write '=' instead of '=='.
    std::string Str;
    auto *AS = dyn_cast<AssignStmt>(CondStmt);
    if (AS && AS->Op == Operator::None)
      Str = "assignment (" + exprString(AS->Lhs) + ") = (" +
            exprString(AS->Rhs) + ")";
    else
      Str = exprString(CondStmt);
    syntaxErrorAt(CondStmt->pos(), "cannot use " + Str + " as value");
  }
  XNest = Outer;
}

IfStmt *Parser::ifStmt() {
  NestGuard G(*this);
  auto *S2 = Ctx.make<IfStmt>(pos());
  if (tooDeep())
    return S2;
  Stmt *Post = nullptr;
  header(TK::If, S2->Init, S2->Cond, Post);
  S2->Then = blockStmt("if clause");
  if (got(TK::Else)) {
    switch (tok()) {
    case TK::If:
      S2->Else = ifStmt();
      break;
    case TK::Lbrace:
      S2->Else = blockStmt("");
      break;
    default:
      syntaxError("else must be followed by if or statement block");
      advance({TK::Name, TK::Rbrace});
    }
  }
  return S2;
}

SwitchStmt *Parser::switchStmt() {
  auto *S2 = Ctx.make<SwitchStmt>(pos());
  Stmt *Post = nullptr;
  header(TK::Switch, S2->Init, S2->Tag, Post);
  if (!got(TK::Lbrace)) {
    syntaxError("missing { after switch clause");
    advance({TK::Case, TK::Default, TK::Rbrace});
  }
  llvm::SmallVector<CaseClause *, 8> Body;
  while (tok() != TK::EOF_ && tok() != TK::Rbrace)
    Body.push_back(caseClause());
  S2->Body = Ctx.copy(llvm::ArrayRef<CaseClause *>(Body));
  S2->Rbrace = pos();
  want(TK::Rbrace);
  return S2;
}

SelectStmt *Parser::selectStmt() {
  auto *S2 = Ctx.make<SelectStmt>(pos());
  want(TK::Select);
  if (!got(TK::Lbrace)) {
    syntaxError("missing { after select clause");
    advance({TK::Case, TK::Default, TK::Rbrace});
  }
  llvm::SmallVector<CommClause *, 8> Body;
  while (tok() != TK::EOF_ && tok() != TK::Rbrace)
    Body.push_back(commClause());
  S2->Body = Ctx.copy(llvm::ArrayRef<CommClause *>(Body));
  S2->Rbrace = pos();
  want(TK::Rbrace);
  return S2;
}

CaseClause *Parser::caseClause() {
  auto *C = Ctx.make<CaseClause>(pos());
  switch (tok()) {
  case TK::Case:
    next();
    C->Cases = exprList();
    break;
  case TK::Default:
    next();
    break;
  default:
    syntaxError("expecting case or default or }");
    advance({TK::Colon, TK::Case, TK::Default, TK::Rbrace});
  }
  C->Colon = pos();
  want(TK::Colon);
  C->Body = stmtList();
  return C;
}

CommClause *Parser::commClause() {
  auto *C = Ctx.make<CommClause>(pos());
  switch (tok()) {
  case TK::Case:
    next();
    C->Comm = simpleStmt(nullptr, TK::None);
    // The syntax restricts the possible simple statements here to sends and
    // receives; invalid ones are flagged during type checking.
    break;
  case TK::Default:
    next();
    break;
  default:
    syntaxError("expecting case or default or }");
    advance({TK::Colon, TK::Case, TK::Default, TK::Rbrace});
  }
  C->Colon = pos();
  want(TK::Colon);
  C->Body = stmtList();
  return C;
}

// Statement =
//	Declaration | LabeledStmt | SimpleStmt |
//	GoStmt | ReturnStmt | BreakStmt | ContinueStmt | GotoStmt |
//	FallthroughStmt | Block | IfStmt | SwitchStmt | SelectStmt | ForStmt |
//	DeferStmt .
Stmt *Parser::stmtOrNull() {
  NestGuard G(*this);
  if (tooDeep())
    return nullptr;
  // Most statements (assignments) start with an identifier.
  if (tok() == TK::Name) {
    Expr *Lhs = exprList();
    if (auto *Label = dyn_cast<Name>(Lhs); Label && tok() == TK::Colon)
      return labeledStmtOrNull(Label);
    return simpleStmt(Lhs, TK::None);
  }

  switch (tok()) {
  case TK::Var:
    return declStmt(&Parser::varDecl);
  case TK::Const:
    return declStmt(&Parser::constDecl);
  case TK::Type:
    return declStmt(&Parser::typeDecl);
  case TK::Lbrace:
    return blockStmt("");
  case TK::Operator:
  case TK::Star:
    switch (S.Op) {
    case Operator::Add:
    case Operator::Sub:
    case Operator::Mul:
    case Operator::And:
    case Operator::Xor:
    case Operator::Not:
      return simpleStmt(nullptr, TK::None); // unary operators
    default:
      return nullptr;
    }
  case TK::Literal:
  case TK::Func:
  case TK::Lparen: // operands
  case TK::Lbrack:
  case TK::Struct:
  case TK::Map:
  case TK::Chan:
  case TK::Interface: // composite types
  case TK::Arrow:     // receive operator
    return simpleStmt(nullptr, TK::None);
  case TK::For:
    return forStmt();
  case TK::Switch:
    return switchStmt();
  case TK::Select:
    return selectStmt();
  case TK::If:
    return ifStmt();
  case TK::Fallthrough: {
    auto *B = Ctx.make<BranchStmt>(pos(), TK::Fallthrough);
    next();
    return B;
  }
  case TK::Break:
  case TK::Continue: {
    auto *B = Ctx.make<BranchStmt>(pos(), tok());
    next();
    if (tok() == TK::Name)
      B->Label = name();
    return B;
  }
  case TK::Go:
  case TK::Defer:
    return callStmt();
  case TK::Goto: {
    auto *B = Ctx.make<BranchStmt>(pos(), TK::Goto);
    next();
    B->Label = name();
    return B;
  }
  case TK::Return: {
    auto *R = Ctx.make<ReturnStmt>(pos());
    next();
    if (tok() != TK::Semi && tok() != TK::Rbrace)
      R->Results = exprList();
    return R;
  }
  case TK::Semi:
    return Ctx.make<EmptyStmt>(pos());
  default:
    return nullptr;
  }
}

// StatementList = { Statement ";" } .
llvm::ArrayRef<Stmt *> Parser::stmtList() {
  llvm::SmallVector<Stmt *, 16> L;
  while (tok() != TK::EOF_ && tok() != TK::Rbrace && tok() != TK::Case &&
         tok() != TK::Default) {
    Stmt *S2 = stmtOrNull();
    if (!S2)
      break;
    L.push_back(S2);
    // ";" is optional before "}"
    if (!got(TK::Semi) && tok() != TK::Rbrace) {
      syntaxError("at end of statement");
      advance({TK::Semi, TK::Rbrace, TK::Case, TK::Default});
      got(TK::Semi); // avoid spurious empty statement
    }
  }
  return Ctx.copy(llvm::ArrayRef<Stmt *>(L));
}

// argList = [ arg { "," arg } [ "..." ] [ "," ] ] ")" .
llvm::ArrayRef<Expr *> Parser::argList(bool &HasDots) {
  llvm::SmallVector<Expr *, 8> L;
  ++XNest;
  list("argument list", TK::Comma, TK::Rparen, [&] {
    L.push_back(expr());
    HasDots = got(TK::DotDotDot);
    return HasDots;
  });
  --XNest;
  return Ctx.copy(llvm::ArrayRef<Expr *>(L));
}

//===----------------------------------------------------------------------===//
// Common productions
//===----------------------------------------------------------------------===//

Name *Parser::name() {
  if (tok() == TK::Name) {
    Name *N = Ctx.make<Name>(pos(), Ctx.save(S.Lit));
    next();
    return N;
  }
  Name *N = Ctx.make<Name>(pos(), "_");
  syntaxError("expecting name");
  advance();
  return N;
}

// IdentifierList = identifier { "," identifier } .
llvm::ArrayRef<Name *> Parser::nameList(Name *First) {
  llvm::SmallVector<Name *, 4> L{First};
  while (got(TK::Comma))
    L.push_back(name());
  return Ctx.copy(llvm::ArrayRef<Name *>(L));
}

// The first name may be provided, or null.
Expr *Parser::qualifiedName(Name *N) {
  Expr *X;
  if (N) {
    X = N;
  } else if (tok() == TK::Name) {
    X = name();
  } else {
    X = Ctx.make<Name>(pos(), "_");
    syntaxError("expecting name");
    advance({TK::Dot, TK::Semi, TK::Rbrace});
  }
  if (tok() == TK::Dot) {
    Pos P = pos();
    next();
    X = Ctx.make<SelectorExpr>(P, X, name());
  }
  if (tok() == TK::Lbrack)
    X = typeInstance(X);
  return X;
}

// ExpressionList = Expression { "," Expression } .
Expr *Parser::exprList() {
  Expr *X = expr();
  if (got(TK::Comma)) {
    llvm::SmallVector<Expr *, 4> L{X, expr()};
    while (got(TK::Comma))
      L.push_back(expr());
    X = Ctx.make<ListExpr>(X->pos(), Ctx.copy(llvm::ArrayRef<Expr *>(L)));
  }
  return X;
}

// typeList = arg { "," arg } [ "," ] .
Expr *Parser::typeList(bool &Comma) {
  Comma = false;
  ++XNest;
  Expr *X = expr();
  if (got(TK::Comma)) {
    Comma = true;
    if (Expr *T = typeOrNull()) {
      llvm::SmallVector<Expr *, 4> L{X, T};
      while (got(TK::Comma)) {
        T = typeOrNull();
        if (!T)
          break;
        L.push_back(T);
      }
      X = Ctx.make<ListExpr>(X->pos(), Ctx.copy(llvm::ArrayRef<Expr *>(L)));
    }
  }
  --XNest;
  return X;
}

File *syntax::parseFile(const SourceFile &Source, const SourceManager &SM,
                        AstContext &Ctx, DiagnosticEngine &Diags,
                        bool SkipFuncBodies) {
  Parser P(Source, SM, Ctx, Diags, SkipFuncBodies);
  return P.fileOrNull();
}
