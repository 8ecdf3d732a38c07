//===- tools/gortc/load.cpp - Finding and parsing a program's packages ---===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See load.h.
//
//===----------------------------------------------------------------------===//

#include "tools/gortc/load.h"

#include "frontend/constant.h"
#include "frontend/parser.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

#include <algorithm>
#include <array>
#include <cstdlib>

using namespace gortc;

//===----------------------------------------------------------------------===//
// Build constraints (//go:build lines and file name suffixes)
//===----------------------------------------------------------------------===//

namespace {

/// Evaluates a //go:build expression: tags, !, &&, ||, parentheses.
class ConstraintEval {
public:
  ConstraintEval(llvm::StringRef Expr, const std::vector<std::string> &Tags)
      : S(Expr), Tags(Tags) {}
  bool eval(bool &Ok) {
    bool V = orExpr();
    skipSpace();
    Ok = Good && S.empty();
    return V;
  }

private:
  void skipSpace() { S = S.ltrim(" \t"); }
  bool orExpr() {
    bool V = andExpr();
    for (;;) {
      skipSpace();
      if (!S.consume_front("||"))
        return V;
      bool R = andExpr();
      V = V || R;
    }
  }
  bool andExpr() {
    bool V = notExpr();
    for (;;) {
      skipSpace();
      if (!S.consume_front("&&"))
        return V;
      bool R = notExpr();
      V = V && R;
    }
  }
  bool notExpr() {
    skipSpace();
    if (S.consume_front("!"))
      return !notExpr();
    if (S.consume_front("(")) {
      bool V = orExpr();
      skipSpace();
      if (!S.consume_front(")"))
        Good = false;
      return V;
    }
    size_t N = 0;
    while (N < S.size() && (llvm::isAlnum(S[N]) || S[N] == '_' || S[N] == '.'))
      ++N;
    if (N == 0) {
      Good = false;
      return false;
    }
    llvm::StringRef Tag = S.take_front(N);
    S = S.drop_front(N);
    for (const std::string &T : Tags)
      if (T == Tag)
        return true;
    return false;
  }
  llvm::StringRef S;
  const std::vector<std::string> &Tags;
  bool Good = true;
};

const char *const KnownOS[] = {
    "aix",     "android", "darwin",  "dragonfly", "freebsd", "hurd",
    "illumos", "ios",     "js",      "linux",     "nacl",    "netbsd",
    "openbsd", "plan9",   "solaris", "windows",   "zos"};
const char *const KnownArch[] = {
    "386",       "amd64",       "amd64p32", "arm",    "armbe",   "arm64",
    "arm64be",   "loong64",     "mips",     "mipsle", "mips64",  "mips64le",
    "mips64p32", "mips64p32le", "ppc",      "ppc64",  "ppc64le", "riscv",
    "riscv64",   "s390",        "s390x",    "sparc",  "sparc64", "wasm"};

bool isKnown(llvm::StringRef S, llvm::ArrayRef<const char *> L) {
  for (const char *K : L)
    if (S == K)
      return true;
  return false;
}

} // namespace

/// Whether a file should be compiled for GoArch, by its name (_linux,
/// _amd64, _test) and its //go:build line.
bool gortc::matchFile(llvm::StringRef Path, llvm::StringRef Text,
                      llvm::StringRef GoArch) {
  // go build ignores files whose names start with _ or . (editor files).
  llvm::StringRef FileName = llvm::sys::path::filename(Path);
  if (FileName.starts_with("_") || FileName.starts_with("."))
    return false;
  llvm::StringRef Name = llvm::sys::path::stem(Path);
  if (Name.ends_with("_test"))
    return false;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Name.split(Parts, '_');
  if (Parts.size() >= 2) {
    llvm::StringRef Last = Parts.back();
    llvm::StringRef Prev = Parts.size() >= 3 ? Parts[Parts.size() - 2] : "";
    if (isKnown(Last, KnownArch)) {
      if (Last != GoArch)
        return false;
      if (!Prev.empty() && isKnown(Prev, KnownOS) && Prev != "linux")
        return false;
    } else if (isKnown(Last, KnownOS) && Last != "linux") {
      return false;
    }
  }
  // purego and math_big_pure_go select the portable files of the packages
  // that offer them instead of assembly (crypto's field arithmetic,
  // golang.org/x/crypto, math/big): gortc does not assemble .s files.
  std::vector<std::string> Tags{"linux", "unix",   GoArch.str(),      "gc",
                                "gortc", "purego", "math_big_pure_go"};
  for (int V = 1; V <= 19; ++V)
    Tags.push_back("go1." + std::to_string(V));
  auto HasTag = [&](llvm::StringRef T) {
    return std::find(Tags.begin(), Tags.end(), T.str()) != Tags.end();
  };
  // The //go:build line must appear before the package clause. Without
  // one, gc 1.19 still honours `// +build` lines: each line is a list of
  // alternatives (space-separated), each an AND of comma-separated tags,
  // possibly negated; several lines must all hold.
  llvm::StringRef Rest = Text;
  bool PlusOk = true;
  while (!Rest.empty()) {
    auto [Line, Tail] = Rest.split('\n');
    Rest = Tail;
    llvm::StringRef L = Line.trim();
    if (L.starts_with("package "))
      break;
    if (L.consume_front("//go:build ")) {
      bool Ok;
      bool V = ConstraintEval(L, Tags).eval(Ok);
      return Ok && V;
    }
    if (L.consume_front("// +build ")) {
      bool Any = false;
      llvm::SmallVector<llvm::StringRef, 4> Options;
      L.split(Options, ' ', -1, false);
      for (llvm::StringRef Opt : Options) {
        bool All = true;
        llvm::SmallVector<llvm::StringRef, 4> Terms;
        Opt.split(Terms, ',', -1, false);
        for (llvm::StringRef T : Terms)
          All &= T.consume_front("!") ? !HasTag(T) : HasTag(T);
        Any |= All;
      }
      PlusOk &= Any;
    }
  }
  return PlusOk;
}

//===----------------------------------------------------------------------===//
// The import graph
//===----------------------------------------------------------------------===//

PackageLoader::PackageLoader(SourceManager &SM, syntax::AstContext &Ast,
                             DiagnosticEngine &Diags, std::string GoArch,
                             std::string RuntimeDir, bool SkipFuncBodies)
    : SM(SM), Ast(Ast), Diags(Diags), GoArch(std::move(GoArch)),
      SkipFuncBodies(SkipFuncBodies), RuntimeDir(std::move(RuntimeDir)) {
  llvm::SmallString<256> D(llvm::sys::path::parent_path(this->RuntimeDir));
  llvm::sys::path::append(D, "overlay");
  OverlayDir = std::string(D);
}

bool PackageLoader::applyOverlay(llvm::StringRef Path, std::string &Name,
                                 std::string &Text, Pos P) {
  llvm::SmallString<256> O(OverlayDir);
  llvm::sys::path::append(O, Path, llvm::sys::path::filename(Name));
  auto Buf = llvm::MemoryBuffer::getFile(O);
  if (!Buf)
    return true; // no overlay
  llvm::StringRef OText = (*Buf)->getBuffer();
  llvm::StringRef First = OText.split('\n').first;
  size_t At = First.find("upstream sha256 ");
  llvm::StringRef Pinned =
      At == llvm::StringRef::npos ? "" : First.substr(At + 16).trim();
  std::array<uint8_t, 32> Sum = llvm::SHA256::hash(llvm::ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>(Text.data()), Text.size()));
  std::string Hex = llvm::toHex(Sum, /*LowerCase=*/true);
  if (Pinned != Hex) {
    Diags.reportRaw(P, "gortc's overlay " + std::string(O) + " replaces " +
                           Name + " of Go 1.19 (sha256 " + Pinned.str() +
                           "), but this GOROOT's file differs (sha256 " + Hex +
                           ")");
    return false;
  }
  Name = std::string(O);
  Text = OText.str();
  return true;
}

std::string PackageLoader::goroot() {
  if (const char *G = std::getenv("GOROOT"); G && *G)
    return G;
  // Debian's golang-1.19-src.
  for (const char *D : {"/usr/share/go-1.19", "/usr/lib/go-1.19"})
    if (llvm::sys::fs::is_directory(llvm::Twine(D) + "/src/unicode/utf8"))
      return D;
  return "/usr/share/go-1.19";
}

/// Finds go.mod in Dir or a parent; sets Root and the module path.
static bool findModule(llvm::StringRef Dir, std::string &Root,
                       std::string &Path) {
  llvm::SmallString<256> D(Dir);
  llvm::sys::fs::make_absolute(D);
  llvm::sys::path::remove_dots(D, /*remove_dot_dot=*/true);
  for (;;) {
    llvm::SmallString<256> Mod(D);
    llvm::sys::path::append(Mod, "go.mod");
    if (auto Buf = llvm::MemoryBuffer::getFile(Mod)) {
      llvm::StringRef Rest = (*Buf)->getBuffer();
      while (!Rest.empty()) {
        auto [Line, Tail] = Rest.split('\n');
        Rest = Tail;
        llvm::StringRef L = Line.split("//").first.trim();
        if (L.consume_front("module") && !L.empty() && isspace(L[0])) {
          L = L.trim();
          if (L.size() >= 2 && (L.front() == '"' || L.front() == '`'))
            L = L.drop_front().drop_back();
          Root = std::string(D);
          Path = L.str();
          return !Path.empty();
        }
      }
      return false;
    }
    llvm::StringRef Parent = llvm::sys::path::parent_path(D);
    if (Parent.empty() || Parent == D)
      return false;
    D.resize(Parent.size()); // the parent is a prefix of D
  }
}

bool PackageLoader::load(std::vector<syntax::File *> MainFiles,
                         llvm::StringRef MainDir) {
  findModule(MainDir, ModRoot, ModPath);
  auto Main = std::make_unique<LoadedPackage>();
  LoadedPackage &M = *Main;
  M.Path = "main";
  M.Dir = MainDir.str();
  M.Files = std::move(MainFiles);
  ByPath["main"] = std::move(Main);
  InProgress["main"] = true;
  collectImports(M);
  // Every program has package runtime, imported or not (as gc's); it is
  // initialised first (runtime/proc.cpp).
  bool Ok = loadImport("runtime", Pos());
  Ok &= loadImports(M);
  InProgress.erase("main");
  Order.push_back(&M);
  return Ok;
}

void PackageLoader::collectImports(LoadedPackage &Pkg) {
  for (syntax::File *F : Pkg.Files)
    for (syntax::Decl *D : F->Decls) {
      auto *ID = llvm::dyn_cast<syntax::ImportDecl>(D);
      if (!ID || !ID->Path || ID->Path->Bad)
        continue;
      std::string Path;
      // A malformed path is the checker's to report.
      if (!unquoteGoLiteral(ID->Path->Value, Path) || Path.empty())
        continue;
      if (Path == "unsafe")
        continue;
      if (llvm::none_of(Pkg.Imports,
                        [&](const auto &I) { return I.first == Path; }))
        Pkg.Imports.push_back({Path, ID->Path->pos()});
    }
}

/// Go's rule for internal packages: a path with an "internal" element may
/// be imported only by the tree rooted at that element's parent (for the
/// standard library's own internal/..., by the standard library).
static bool internalAllowed(llvm::StringRef Path, llvm::StringRef Importer,
                            bool ImporterStd) {
  llvm::StringRef Parent;
  if (Path == "internal" || Path.starts_with("internal/"))
    return ImporterStd;
  size_t I = Path.rfind("/internal/");
  if (I == llvm::StringRef::npos) {
    if (!Path.ends_with("/internal"))
      return true;
    I = Path.size() - (sizeof("/internal") - 1);
  }
  Parent = Path.take_front(I);
  return Importer == Parent || Importer.starts_with((Parent + "/").str());
}

bool PackageLoader::loadImports(LoadedPackage &Pkg) {
  bool Ok = true;
  // The importer's own path, for the internal-package rule: package main's
  // is its directory's path in the main module.
  std::string Importer = Pkg.Path;
  if (Importer == "main") {
    Importer.clear();
    llvm::SmallString<256> Dir(Pkg.Dir);
    llvm::sys::fs::make_absolute(Dir);
    llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
    llvm::StringRef D = Dir;
    if (!ModPath.empty() && D.consume_front(ModRoot) &&
        (D.empty() || D.starts_with("/")))
      Importer = ModPath + D.str();
  }
  // Copy: loading may not touch Pkg.Imports, but be safe against growth.
  std::vector<std::pair<std::string, Pos>> Imports = Pkg.Imports;
  for (const auto &[Path, P] : Imports) {
    if (!internalAllowed(Path, Importer, Pkg.Std)) {
      Diags.reportRaw(P, "use of internal package " + Path + " not allowed");
      Ok = false;
      continue;
    }
    Ok &= loadImport(Path, P);
  }
  return Ok;
}

std::string PackageLoader::findDir(llvm::StringRef Path, Pos P) {
  if (Path == "runtime") {
    if (llvm::sys::fs::is_directory(RuntimeDir))
      return RuntimeDir;
    Diags.reportRaw(P, "package runtime is not installed (" + RuntimeDir + ")");
    return "";
  }
  if (Path == "C") {
    Diags.reportRaw(P, "gortc does not support cgo (import \"C\")");
    return "";
  }
  if (Path.starts_with("/") || Path.starts_with("./") ||
      Path.starts_with("../") || Path == "." || Path == "..") {
    Diags.reportRaw(P,
                    "local import \"" + Path.str() + "\" in non-local package");
    return "";
  }
  if (!ModPath.empty() &&
      (Path == ModPath || Path.starts_with(ModPath + "/"))) {
    llvm::SmallString<256> D(ModRoot);
    llvm::sys::path::append(D, Path.drop_front(ModPath.size()));
    if (llvm::sys::fs::is_directory(D))
      return std::string(D);
    Diags.reportRaw(P, "package " + Path.str() + " is not in module " +
                           ModPath + " (" + std::string(D) + ")");
    return "";
  }
  std::string Root = goroot();
  llvm::SmallString<256> D(Root);
  llvm::sys::path::append(D, "src", Path);
  if (llvm::sys::fs::is_directory(D))
    return std::string(D);
  llvm::SmallString<256> V(Root);
  llvm::sys::path::append(V, "src", "vendor", Path);
  if (llvm::sys::fs::is_directory(V))
    return std::string(V);
  // go build's messages for a standard-library path and for any other.
  llvm::StringRef First = Path.split('/').first;
  if (!First.contains('.'))
    Diags.reportRaw(P, "package " + Path.str() + " is not in GOROOT (" +
                           std::string(D) + ")");
  else
    Diags.reportRaw(P, "no required module provides package " + Path.str());
  return "";
}

bool PackageLoader::loadImport(llvm::StringRef Path, Pos P) {
  if (InProgress.count(Path)) {
    Diags.reportRaw(P, "import cycle not allowed");
    return false;
  }
  if (auto It = ByPath.find(Path); It != ByPath.end())
    return It->second != nullptr;
  std::string Dir = findDir(Path, P);
  if (Dir.empty()) {
    ByPath[Path] = nullptr;
    return false;
  }

  std::vector<std::string> Names;
  bool HasAsm = false;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::StringRef F = It->path();
    if (F.ends_with(".go") && !llvm::sys::fs::is_directory(F))
      Names.push_back(F.str());
    else if (F.ends_with(".s"))
      HasAsm = true;
  }
  llvm::sort(Names);
  auto Pkg = std::make_unique<LoadedPackage>();
  Pkg->Path = Path.str();
  Pkg->Dir = Dir;
  // cmd/go (gc.go): these standard packages count as having non-Go files.
  static const char *const RuntimeBodies[] = {
      "bytes",         "internal/poll", "net",  "os",      "runtime/metrics",
      "runtime/pprof", "runtime/trace", "sync", "syscall", "time"};
  Pkg->Std =
      Path == "runtime" || llvm::StringRef(Dir).starts_with(goroot() + "/src/");
  Pkg->Complete = !HasAsm && Path != "runtime" &&
                  !(Pkg->Std && llvm::is_contained(RuntimeBodies, Path));
  bool Ok = true;
  for (const std::string &Name : Names) {
    // Read, not mapped (IsVolatile with a terminator is never mapped): the
    // text is copied at once, and an munmap per file cost more than the
    // copy (a TLB shootdown on every core once the compiler's threads run).
    auto Buf = llvm::MemoryBuffer::getFile(Name, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/true,
                                           /*IsVolatile=*/true);
    if (!Buf) {
      Diags.reportRaw(P,
                      "cannot read " + Name + ": " + Buf.getError().message());
      Ok = false;
      continue;
    }
    std::string FileName = Name;
    std::string Text = (*Buf)->getBuffer().str();
    if (Pkg->Std && Path != "runtime" &&
        !applyOverlay(Path, FileName, Text, P)) {
      Ok = false;
      continue;
    }
    if (!matchFile(FileName, Text, GoArch))
      continue;
    SourceFile &SF = SM.addFile(std::move(FileName), std::move(Text));
    unsigned Before = Diags.syntaxErrorCount();
    syntax::File *F = syntax::parseFile(SF, SM, Ast, Diags, SkipFuncBodies);
    if (!F || Diags.syntaxErrorCount() != Before) {
      Ok = false;
      continue;
    }
    Pkg->Files.push_back(F);
  }
  Pkg->BodiesSkipped = SkipFuncBodies;
  if (Ok && Pkg->Files.empty()) {
    Diags.reportRaw(P, "build constraints exclude all Go files in " + Dir);
    Ok = false;
  }
  if (Ok && Pkg->Files[0]->PkgName->Value == "main") {
    Diags.reportRaw(P, "import \"" + Path.str() +
                           "\" is a program, not an importable package");
    Ok = false;
  }
  if (!Ok) {
    ByPath[Path] = nullptr;
    return false;
  }
  LoadedPackage &L = *Pkg;
  ByPath[Path] = std::move(Pkg);
  InProgress[Path] = true;
  collectImports(L);
  Ok = loadImports(L);
  InProgress.erase(Path);
  if (Ok)
    Order.push_back(&L);
  return Ok;
}

bool PackageLoader::parseBodies(LoadedPackage &Pkg) {
  if (!Pkg.BodiesSkipped)
    return true;
  Pkg.BodiesSkipped = false;
  unsigned Before = Diags.syntaxErrorCount();
  for (syntax::File *&F : Pkg.Files) {
    syntax::File *Whole = syntax::parseFile(*F->Source, SM, Ast, Diags);
    if (!Whole)
      return false;
    F = Whole;
  }
  return Diags.syntaxErrorCount() == Before;
}
