//===- tools/gortc/driver.cpp - The gortc compilation pipeline ------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See driver.h. Errors from user input go through the DiagnosticEngine
// (file:line:col: message, exit status 2); failures at tool boundaries
// (reading files, writing output, linking) print "gortc: ..." and exit 2.
//
//===----------------------------------------------------------------------===//

#include "tools/gortc/driver.h"

#include "codegen/codegen.h"
#include "frontend/check.h"
#include "frontend/parser.h"
#include "tools/gortc/cache.h"
#include "tools/gortc/load.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <unistd.h>

using namespace gortc;

static int toolError(const llvm::Twine &Msg) {
  llvm::errs() << "gortc: " << Msg << "\n";
  return 2;
}

std::string gortc::defaultTarget() {
  if (const char *GA = std::getenv("GOARCH")) {
    llvm::StringRef A(GA);
    if (A == "amd64")
      return "x86_64-linux";
    if (A == "arm64")
      return "aarch64-linux";
  }
#if defined(__aarch64__)
  return "aarch64-linux";
#else
  return "x86_64-linux";
#endif
}

namespace {

/// <prefix>/lib/gortc, found from the gortc executable: libgort for each
/// target and package runtime's Go side live there.
llvm::SmallString<256> libDir(const std::string &Argv0) {
  std::string Exe = llvm::sys::fs::getMainExecutable(
      Argv0.c_str(), reinterpret_cast<void *>(&defaultTarget));
  llvm::SmallString<256> Dir(llvm::sys::path::parent_path(Exe));
  llvm::sys::path::append(Dir, "..", "lib", "gortc");
  return Dir;
}

/// gortc's Go-facing package runtime (runtime/go/ in the source tree),
/// installed as <prefix>/lib/gortc/go/runtime.
std::string goRuntimeDir(const std::string &Argv0) {
  llvm::SmallString<256> Dir = libDir(Argv0);
  llvm::sys::path::append(Dir, "go", "runtime");
  llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  return std::string(Dir);
}

/// The directory of the target's libgort.a and gort.ld.
std::string runtimeDir(const std::string &Argv0, llvm::StringRef Arch) {
  llvm::SmallString<256> Dir = libDir(Argv0);
  llvm::sys::path::append(Dir, Arch);
  return std::string(Dir);
}

/// The ERROR expectations of Go's errorcheck tests: `// ERROR "rx" "rx2"`.
struct Wanted {
  const SourceFile *File;
  unsigned Line;
  std::string Rx;
  bool Matched = false;
};

std::vector<Wanted> wantedErrors(const SourceFile &F) {
  std::vector<Wanted> W;
  llvm::StringRef Rest = F.text();
  unsigned LineNo = 0;
  while (!Rest.empty() || LineNo == 0) {
    auto [Line, Tail] = Rest.split('\n');
    Rest = Tail;
    ++LineNo;
    if (Line.contains("////"))
      continue;
    size_t P = Line.find("// ERROR ");
    size_t Skip = 9;
    if (P == llvm::StringRef::npos) {
      P = Line.find("// GC_ERROR ");
      Skip = 12;
    }
    if (P != llvm::StringRef::npos) {
      llvm::StringRef All = Line.substr(P + Skip);
      while (true) {
        size_t Q1 = All.find('"');
        if (Q1 == llvm::StringRef::npos)
          break;
        size_t Q2 = All.find('"', Q1 + 1);
        if (Q2 == llvm::StringRef::npos)
          break;
        std::string Rx = All.substr(Q1 + 1, Q2 - Q1 - 1).str();
        // LINE, LINE+n, LINE-n become file:line.
        std::string Out;
        for (size_t I = 0; I < Rx.size();) {
          if (llvm::StringRef(Rx).substr(I).starts_with("LINE")) {
            I += 4;
            int Delta = 0;
            if (I < Rx.size() && (Rx[I] == '+' || Rx[I] == '-')) {
              char Sign = Rx[I++];
              int N = 0;
              while (I < Rx.size() && llvm::isDigit(Rx[I]))
                N = N * 10 + (Rx[I++] - '0');
              Delta = Sign == '+' ? N : -N;
            }
            Out += llvm::sys::path::filename(F.name()).str() + ":" +
                   std::to_string(int(LineNo) + Delta);
            continue;
          }
          Out += Rx[I++];
        }
        W.push_back({&F, LineNo, Out});
        All = All.substr(Q2 + 1);
      }
    }
    if (Rest.empty())
      break;
  }
  return W;
}

/// Rewrites an errorcheck pattern, written for Go's RE2 syntax, into the
/// POSIX extended syntax of llvm::Regex: the escapes \n \t \xHH \d \s
/// \w become what they mean, and empty patterns, alternatives and groups
/// ("", "a||b", "(|a)", "()"), which RE2 accepts and POSIX does not, match
/// the empty string as "\x01*" (a byte no diagnostic contains).
std::string re2ToPosix(llvm::StringRef Rx) {
  static constexpr const char *EmptyMatch = "\x01*";
  std::string Out;
  size_t BracketStart = 0; ///< in a bracket expression: where it began + 1
  for (size_t I = 0; I < Rx.size(); ++I) {
    char C = Rx[I];
    if (BracketStart) { // copied as is ("]" first in the list is literal)
      Out += C;
      bool First = I == BracketStart ||
                   (I == BracketStart + 1 && Rx[BracketStart] == '^');
      if (C == ']' && !First)
        BracketStart = 0;
      continue;
    }
    if (C == '[') {
      Out += C;
      BracketStart = I + 1;
      continue;
    }
    if (C == '\\' && I + 1 < Rx.size()) {
      char E = Rx[++I];
      switch (E) {
      case 'n':
        Out += '\n';
        continue;
      case 't':
        Out += '\t';
        continue;
      case 'd':
        Out += "[0-9]";
        continue;
      case 's':
        Out += "[[:space:]]";
        continue;
      case 'w':
        Out += "[[:alnum:]_]";
        continue;
      case 'x':
        if (I + 2 < Rx.size() && llvm::isHexDigit(Rx[I + 1]) &&
            llvm::isHexDigit(Rx[I + 2])) {
          char H = char(llvm::hexFromNibbles(Rx[I + 1], Rx[I + 2]));
          I += 2;
          if (llvm::StringRef(".[]()*+?{}|^$\\").contains(H))
            Out += '\\';
          Out += H;
          continue;
        }
        break;
      default:
        break;
      }
      (Out += '\\') += E;
      continue;
    }
    if (C == '|' || C == ')') {
      // An empty alternative: "(|", "||", "|)", or "|" at either end.
      char Prev = Out.empty() ? '(' : Out.back();
      bool PrevEscaped = Out.size() >= 2 && Out[Out.size() - 2] == '\\';
      if ((Prev == '(' || Prev == '|') && !PrevEscaped)
        Out += EmptyMatch;
    }
    Out += C;
    if (C == '|' && I + 1 == Rx.size())
      Out += EmptyMatch;
  }
  return Out.empty() ? EmptyMatch : Out;
}

/// -verify: matches the reported diagnostics against the expectations.
int verifyDiagnostics(const SourceManager &SM, const DiagnosticEngine &Diags) {
  std::vector<Wanted> W;
  for (const auto &F : SM.files()) {
    std::vector<Wanted> FW = wantedErrors(*F);
    W.insert(W.end(), FW.begin(), FW.end());
  }
  // Group diagnostics by file and line.
  struct Diag {
    const SourceFile *File;
    unsigned Line;
    std::string Text;
    bool Used = false;
  };
  std::vector<Diag> Ds;
  for (const auto &E : Diags.entries()) {
    const SourceFile *F = SM.fileOf(E.P);
    LineCol LC = SM.decode(E.P);
    // errorcheck sees the message with its tab-indented continuation
    // lines (Go's test/run.go, splitOutput).
    Ds.push_back({F, LC.Line, SM.format(E.P) + ": " + E.Msg});
  }
  int Failures = 0;
  for (Wanted &WE : W) {
    llvm::Regex Re(re2ToPosix(WE.Rx));
    std::string Err;
    if (!Re.isValid(Err)) {
      llvm::errs() << WE.File->name() << ":" << WE.Line << ": invalid regexp "
                   << WE.Rx << ": " << Err << "\n";
      ++Failures;
      continue;
    }
    bool Found = false;
    for (Diag &D : Ds) {
      if (D.File != WE.File || D.Line != WE.Line)
        continue;
      if (Re.match(D.Text)) {
        D.Used = true;
        Found = true;
      }
    }
    if (!Found) {
      llvm::errs() << WE.File->name() << ":" << WE.Line << ": missing error \""
                   << WE.Rx << "\"\n";
      ++Failures;
    }
  }
  for (Diag &D : Ds) {
    if (!D.Used) {
      llvm::errs() << "unexpected error: " << D.Text << "\n";
      ++Failures;
    }
  }
  return Failures ? 1 : 0;
}

/// Copies the executable From (in the build cache) to To, through a
/// temporary file renamed into place, executable as the linker leaves its
/// output. False, leaving To alone, if that fails.
bool copyExecutable(const std::string &From, const std::string &To) {
  llvm::SmallString<256> Tmp;
  int FD;
  if (llvm::sys::fs::createUniqueFile(To + ".tmp%%%%%%", FD, Tmp))
    return false;
  std::error_code EC = llvm::sys::fs::copy_file(From, FD);
  ::close(FD);
  if (EC) {
    llvm::sys::fs::remove(Tmp);
    return false;
  }
  unsigned Mask = llvm::sys::fs::getUmask();
  if (llvm::sys::fs::setPermissions(
          Tmp, static_cast<llvm::sys::fs::perms>(0777 & ~Mask)) ||
      llvm::sys::fs::rename(Tmp, To)) {
    llvm::sys::fs::remove(Tmp);
    return false;
  }
  return true;
}

/// Derives the default output name as `go build` does.
std::string defaultOutput(const std::vector<std::string> &Inputs,
                          EmitKind Emit) {
  llvm::StringRef First = Inputs.front();
  std::string Base;
  if (llvm::sys::fs::is_directory(First)) {
    llvm::SmallString<256> Abs(First);
    llvm::sys::fs::make_absolute(Abs);
    llvm::sys::path::remove_dots(Abs, true);
    Base = llvm::sys::path::filename(Abs).str();
  } else {
    Base = llvm::sys::path::stem(First).str();
  }
  switch (Emit) {
  case EmitKind::Exe:
    return Base;
  case EmitKind::LLVM:
    return Base + ".ll";
  case EmitKind::Asm:
    return Base + ".s";
  case EmitKind::Obj:
    return Base + ".o";
  }
  return Base;
}
} // namespace

//===----------------------------------------------------------------------===//
// The pipeline
//===----------------------------------------------------------------------===//

namespace {
/// --time: reports the wall time of each phase, and the total, to stderr.
class PhaseTimer {
public:
  explicit PhaseTimer(bool Enabled) : Enabled(Enabled) {}
  ~PhaseTimer() {
    if (Enabled)
      report("total", Clock::now() - Start);
  }
  /// Ends the current phase, named Name.
  void phase(const char *Name) {
    if (!Enabled)
      return;
    Clock::time_point Now = Clock::now();
    report(Name, Now - Last);
    Last = Now;
  }

private:
  using Clock = std::chrono::steady_clock;
  static void report(const char *Name, Clock::duration D) {
    llvm::errs() << llvm::format("gortc: %-8s %8.3f s\n", Name,
                                 std::chrono::duration<double>(D).count());
  }
  bool Enabled;
  Clock::time_point Start = Clock::now();
  Clock::time_point Last = Start;
};
} // namespace

int gortc::runBuild(const DriverOptions &Opts) {
  PhaseTimer Timer(Opts.TimePhases);
  if (!Opts.LLVMArgs.empty()) {
    std::vector<const char *> Argv{"gortc"};
    for (const std::string &A : Opts.LLVMArgs)
      Argv.push_back(A.c_str());
    if (!llvm::cl::ParseCommandLineOptions(int(Argv.size()), Argv.data(), "",
                                           &llvm::errs()))
      return 2;
  }
  codegen::Target T;
  if (!codegen::parseTarget(Opts.Target, T))
    return toolError("unknown target " + Opts.Target);

  // Collect the source files.
  std::vector<std::string> Files;
  bool FromDir = false;
  if (Opts.Inputs.size() == 1 && llvm::sys::fs::is_directory(Opts.Inputs[0])) {
    FromDir = true;
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Opts.Inputs[0], EC), End;
         It != End && !EC; It.increment(EC)) {
      llvm::StringRef P = It->path();
      if (P.ends_with(".go") && !llvm::sys::fs::is_directory(P))
        Files.push_back(P.str());
    }
    llvm::sort(Files);
    if (EC)
      return toolError("cannot read directory " + Opts.Inputs[0] + ": " +
                       EC.message());
  } else {
    for (const std::string &In : Opts.Inputs) {
      if (!llvm::StringRef(In).ends_with(".go"))
        return toolError("named files must be .go files: " + In);
      Files.push_back(In);
    }
  }

  // The front end's state (sources, syntax trees, types, checkers) lives
  // until the process exits: freeing its millions of small objects one by
  // one at the end of a build would only cost time, 5-10% of a build that
  // takes its imports from the cache (as clang's -disable-free).
  SourceManager &SM = *new SourceManager;
  for (const std::string &Path : Files) {
    // Read, not mapped: see PackageLoader::loadImport.
    auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/true,
                                           /*IsVolatile=*/true);
    if (!Buf)
      return toolError("cannot read " + Path + ": " + Buf.getError().message());
    llvm::StringRef Text = (*Buf)->getBuffer();
    if (FromDir && !matchFile(Path, Text, T.GoArch))
      continue;
    SM.addFile(Path, Text.str());
  }
  if (SM.files().empty())
    return toolError("no Go files to compile in " + Opts.Inputs[0]);

  DiagnosticEngine Diags(SM, llvm::errs());
  if (Opts.NoErrorLimit || Opts.Verify)
    Diags.setErrorLimit(0);
  if (Opts.Verify)
    Diags.setQuiet(true);

  // Parse.
  syntax::AstContext &Ast = *new syntax::AstContext;
  std::vector<syntax::File *> Parsed;
  for (const auto &F : SM.files()) {
    syntax::File *PF = syntax::parseFile(*F, SM, Ast, Diags);
    if (PF)
      Parsed.push_back(PF);
  }
  auto Finish = [&]() -> int {
    if (Opts.Verify)
      return verifyDiagnostics(SM, Diags);
    Diags.flush();
    return Diags.hasErrors() ? 2 : 0;
  };
  // gc type-checks after scanner and branch errors; only syntax errors
  // stop it here (noder.checkFiles).
  if (Diags.syntaxErrorCount() || Parsed.size() != SM.files().size())
    return Finish();
  Timer.phase("parse");

  // Find, parse and order the packages main imports.
  std::string MainDir =
      FromDir ? Opts.Inputs[0]
              : std::string(llvm::sys::path::parent_path(Files[0]));
  if (MainDir.empty())
    MainDir = ".";
  // Imported packages come from the build cache when their key is there.
  // Their function bodies are not even parsed then: the loader skips them
  // and the checker checks only the declarations (Checker::DeclsOnly).
  BuildCache Cache(Opts.Emit == EmitKind::Exe ? BuildCache::defaultDir() : "");
  PackageLoader Loader(SM, Ast, Diags, T.GoArch, goRuntimeDir(Opts.Argv0),
                       /*SkipFuncBodies=*/Cache.enabled());
  if (!Loader.load(Parsed, MainDir) || Diags.hasErrors())
    return Finish();
  Timer.phase("load");

  // Each package's cache key: the compiler, the target and options, the
  // package's files and its imports' keys. A package that misses is parsed
  // again, whole, to be compiled.
  struct PackageJob {
    std::unique_ptr<llvm::LLVMContext> Ctx;
    std::unique_ptr<llvm::Module> M;
    std::string Key; ///< cache key to store under; empty: not stored
    bool Cached = false;
    /// Object files in the cache, linked from there.
    std::vector<std::string> Stored;
    std::vector<llvm::SmallString<0>> Outputs; ///< objects in memory
    std::string Err;
  };
  const std::vector<LoadedPackage *> &Pkgs = Loader.packages();
  std::vector<PackageJob> Jobs(Pkgs.size());
  /// The cache locks of the packages this build compiles, by package: each
  /// is released once its package's objects are stored (or when the build
  /// returns), so a build waiting for one package waits no longer.
  struct KeyLocks {
    std::vector<int> FDs;
    void release(size_t I) {
      BuildCache::unlock(FDs[I]);
      FDs[I] = -1;
    }
    ~KeyLocks() {
      for (size_t I = 0; I < FDs.size(); ++I)
        release(I);
    }
  } Locks{std::vector<int>(Pkgs.size(), -1)};
  std::string Output =
      Opts.Output.empty() ? defaultOutput(Opts.Inputs, Opts.Emit) : Opts.Output;
  std::string RTDir = runtimeDir(Opts.Argv0, T.Name);
  std::string ExeKey; ///< the executable's cache key; empty: not cached
  if (Cache.enabled()) {
    // What every key covers: the compiler, the target and options; and a
    // package's files, their absolute paths and contents.
    auto AddBuild = [&](CacheKey &K) {
      K.add("compiler", BuildCache::compilerID(Opts.Argv0));
      K.add("target", T.Triple);
      K.add("opt", llvm::utostr(Opts.OptLevel));
      for (const std::string &A : Opts.LLVMArgs)
        K.add("mllvm", A);
    };
    auto AddFiles = [](CacheKey &K, const LoadedPackage &LP) {
      for (syntax::File *F : LP.Files) {
        llvm::SmallString<256> Abs(F->Source->name());
        llvm::sys::fs::make_absolute(Abs);
        K.add("file", Abs);
        K.add("text", F->Source->text());
      }
    };
    llvm::StringMap<std::string> Keys;
    size_t Hits = 0;
    std::vector<size_t> Misses;
    for (size_t I = 0; I + 1 < Pkgs.size(); ++I) {
      const LoadedPackage &LP = *Pkgs[I];
      PackageJob &J = Jobs[I];
      CacheKey K;
      AddBuild(K);
      K.add("path", LP.Path);
      AddFiles(K, LP);
      for (const auto &[Dep, P] : LP.Imports)
        K.add("import " + Dep, Keys.lookup(Dep));
      J.Key = K.hex();
      Keys[LP.Path] = J.Key;
      if (Cache.lookup(J.Key, J.Stored)) {
        J.Cached = true;
        J.Key.clear(); // nothing to store
        ++Hits;
      } else {
        Misses.push_back(I);
      }
    }
    // Lock what is to be compiled, in key order, and look again: a build
    // that held a lock has stored its package (cache.h).
    if (!Opts.SyntaxOnly && !Opts.Verify) {
      std::vector<size_t> ByKey = Misses;
      llvm::sort(ByKey,
                 [&](size_t A, size_t B) { return Jobs[A].Key < Jobs[B].Key; });
      for (size_t I : ByKey) {
        PackageJob &J = Jobs[I];
        int FD = Cache.lock(J.Key);
        if (Cache.lookup(J.Key, J.Stored)) {
          BuildCache::unlock(FD);
          J.Cached = true;
          J.Key.clear();
          ++Hits;
        } else {
          Locks.FDs[I] = FD;
        }
      }
    }
    for (size_t I : Misses)
      if (!Jobs[I].Cached && !Loader.parseBodies(*Pkgs[I]))
        return Finish();
    Timer.phase("cache");
    if (Opts.TimePhases)
      llvm::errs() << "gortc:   " << Hits << " of " << Pkgs.size() - 1
                   << " imported packages from the cache\n";

    // The executable's key (cache.h): what its packages' keys cover, the
    // runtime library and linker script, and package main's files.
    if (!Opts.SyntaxOnly && !Opts.Verify) {
      CacheKey K;
      K.add("executable", "");
      AddBuild(K);
      K.add("partitions", llvm::utostr(Opts.Partitions));
      K.add("runtime", BuildCache::fileID(RTDir + "/libgort.a"));
      K.add("script", BuildCache::fileID(RTDir + "/gort.ld"));
      AddFiles(K, *Pkgs.back());
      for (size_t I = 0; I + 1 < Pkgs.size(); ++I)
        K.add("package " + Pkgs[I]->Path, Keys.lookup(Pkgs[I]->Path));
      ExeKey = K.hex();
      std::vector<std::string> Stored;
      if (Cache.lookup(ExeKey, Stored) && Stored.size() == 1 &&
          copyExecutable(Stored[0], Output)) {
        Timer.phase("link");
        if (Opts.TimePhases)
          llvm::errs() << "gortc:   executable from the cache\n";
        Cache.trim();
        return 0;
      }
    }
  }

  // Type-check each package after the packages it imports.
  types::TypeContext &TCtx = *new types::TypeContext;
  auto &Infos = *new std::vector<std::unique_ptr<types::Info>>;
  // Checkers own storage the annotated trees point into (closure captures):
  // they live until lowering is done.
  auto &Checkers = *new std::vector<std::unique_ptr<types::Checker>>;
  llvm::StringMap<types::Package *> Checked;
  for (size_t I = 0; I < Pkgs.size(); ++I) {
    LoadedPackage *LP = Pkgs[I];
    bool IsMain = I + 1 == Pkgs.size();
    auto &Checker = *Checkers.emplace_back(
        std::make_unique<types::Checker>(TCtx, Diags, SM));
    Checker.Importer = [&](llvm::StringRef Path) -> types::Package * {
      return Checked.lookup(Path);
    };
    Checker.Complete = LP->Complete;
    Checker.DeclsOnly = Jobs[I].Cached;
    assert((Jobs[I].Cached || !LP->BodiesSkipped) &&
           "a package to compile was parsed without its bodies");
    auto Info = std::make_unique<types::Info>();
    Checker.checkPackage(LP->Path, LP->Files, *Info);
    if (Diags.hasErrors()) {
      // go build names the package whose errors follow.
      if (!IsMain && !Opts.Verify)
        llvm::errs() << "# " << LP->Path << "\n";
      return Finish();
    }
    Checked[LP->Path] = Info->Pkg;
    Infos.push_back(std::move(Info));
  }
  if (Opts.SyntaxOnly || Opts.Verify)
    return Finish();
  Timer.phase("check");
  if (Infos.back()->Pkg->Name != "main")
    return toolError("package " + Infos.back()->Pkg->Name +
                     " is not a main package; gortc builds programs");

  // Lower, optimize and generate code, one LLVM module per package. Only
  // package main's module is written for -emit-llvm/-S/-c.
  std::string Err;
  std::unique_ptr<llvm::TargetMachine> TM =
      codegen::createTargetMachine(T, Opts.OptLevel, Err);
  if (!TM)
    return toolError(Err);
  codegen::CompileOptions CO;
  CO.OptLevel = Opts.OptLevel;
  CO.Jobs = Opts.Jobs ? Opts.Jobs
                      : llvm::hardware_concurrency().compute_thread_count();
  if (Opts.Partitions) {
    CO.Jobs = Opts.Partitions;
    CO.MinPartitionInsts = 0;
  }
  CO.Link = Opts.Emit == EmitKind::Exe;
  CO.TimePhases = Opts.TimePhases;
  codegen::EmitWhat What = codegen::EmitWhat::Object;
  if (Opts.Emit == EmitKind::LLVM)
    What = codegen::EmitWhat::IR;
  else if (Opts.Emit == EmitKind::Asm)
    What = codegen::EmitWhat::Assembly;
  // Packages not from the cache are lowered here, one module each in its
  // own LLVMContext (lowering shares the TypeContext, so it runs on this
  // thread); then the modules are optimised and compiled in parallel, a
  // package per thread (a big package is also cut into partitions,
  // compileModule).
  unsigned ToCompile = 0;
  for (size_t I = 0; I < Infos.size(); ++I) {
    PackageJob &J = Jobs[I];
    bool IsMain = I + 1 == Infos.size();
    if (J.Cached || (Opts.Emit != EmitKind::Exe && !IsMain))
      continue;
    J.Ctx = std::make_unique<llvm::LLVMContext>();
    J.M = codegen::lowerPackage(*J.Ctx, TCtx, *Infos[I], SM, *TM, T, Diags);
    if (!J.M || Diags.hasErrors())
      return Finish();
    if (llvm::verifyModule(*J.M, &llvm::errs()))
      return toolError("internal compiler error: invalid LLVM IR (see above)");
    ToCompile++;
  }
  Timer.phase("lower");
  auto Compile = [&](size_t I) {
    PackageJob &J = Jobs[I];
    if (!J.M)
      return;
    if (codegen::compileModule(std::move(J.M), T, CO, What, J.Outputs, J.Err) &&
        !J.Key.empty() && Cache.store(J.Key, J.Outputs, J.Stored))
      J.Outputs.clear();
    Locks.release(I);
  };
  if (ToCompile <= 1 || CO.Jobs <= 1) {
    for (size_t I = 0; I < Jobs.size(); ++I)
      Compile(I);
  } else {
    llvm::StdThreadPool Pool(
        llvm::hardware_concurrency(std::min(CO.Jobs, ToCompile)));
    for (size_t I = 0; I < Jobs.size(); ++I)
      if (Jobs[I].M)
        Pool.async([&Compile, I] { Compile(I); });
    Pool.wait();
  }
  for (PackageJob &J : Jobs)
    if (!J.Err.empty())
      return toolError(J.Err);
  Timer.phase("codegen");

  if (Opts.Emit != EmitKind::Exe) {
    std::error_code EC;
    llvm::ToolOutputFile Out(Output, EC,
                             Opts.Emit == EmitKind::Obj
                                 ? llvm::sys::fs::OF_None
                                 : llvm::sys::fs::OF_Text);
    if (EC)
      return toolError("cannot write " + Output + ": " + EC.message());
    Out.os() << Jobs.back().Outputs.front();
    Out.keep();
    return 0;
  }

  // Link, in package order: the objects in the cache from there, the others
  // written to temporary files first.
  std::vector<std::string> ObjPaths, Temporaries;
  auto RemoveTemporaries = [&] {
    for (const std::string &P : Temporaries)
      llvm::sys::fs::remove(P);
  };
  for (const PackageJob &J : Jobs) {
    ObjPaths.insert(ObjPaths.end(), J.Stored.begin(), J.Stored.end());
    for (const llvm::SmallString<0> &Obj : J.Outputs) {
      llvm::SmallString<256> ObjPath;
      int FD;
      if (std::error_code EC = llvm::sys::fs::createTemporaryFile(
              "gortc-" + llvm::sys::path::stem(Output), "o", FD, ObjPath)) {
        RemoveTemporaries();
        return toolError("cannot create temporary file: " + EC.message());
      }
      Temporaries.push_back(std::string(ObjPath));
      ObjPaths.push_back(std::string(ObjPath));
      llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
      OS << Obj;
      if (OS.has_error()) {
        OS.clear_error();
        RemoveTemporaries();
        return toolError("cannot write " + ObjPath);
      }
    }
  }
  PruneStats Pruned;
  bool Ok = linkExecutable(T.Name, ObjPaths, Output, RTDir, Pruned);
  RemoveTemporaries();
  Timer.phase("link");
  if (Opts.TimePhases)
    llvm::errs() << llvm::format(
        "gortc:   methods kept %u, pruned %u; map initialisers kept %u, "
        "dropped %u (%.3f s); executable rewritten in %.3f s\n",
        Pruned.Kept, Pruned.Pruned, Pruned.InitsKept, Pruned.InitsDropped,
        Pruned.PruneSeconds, Pruned.RewriteSeconds);
  if (!Ok) {
    llvm::sys::fs::remove(Output);
    return 2;
  }
  // Kept for the next build of the same program (cache.h).
  if (!ExeKey.empty())
    if (auto Exe =
            llvm::MemoryBuffer::getFile(Output, /*IsText=*/false,
                                        /*RequiresNullTerminator=*/false)) {
      std::vector<std::string> Stored;
      llvm::SmallString<0> Data((*Exe)->getBuffer());
      Cache.store(ExeKey, {Data}, Stored);
    }
  Cache.trim();
  return 0;
}

int gortc::runRun(DriverOptions Opts, const std::vector<std::string> &Args) {
  llvm::SmallString<256> Exe;
  int FD;
  std::string Stem =
      llvm::sys::path::stem(Opts.Inputs.empty() ? "main" : Opts.Inputs[0])
          .str();
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("gortc-run-" + Stem, "", FD, Exe))
    return toolError("cannot create temporary file: " + EC.message());
  ::close(FD);
  Opts.Output = std::string(Exe);
  Opts.Emit = EmitKind::Exe;
  int RC = runBuild(Opts);
  if (RC != 0) {
    llvm::sys::fs::remove(Exe);
    return RC;
  }
  std::vector<llvm::StringRef> Argv;
  std::string Program = std::string(Exe);
  codegen::Target T;
  codegen::parseTarget(Opts.Target, T);
  std::string Qemu;
#if defined(__aarch64__)
  const char *Host = "aarch64-linux";
#else
  const char *Host = "x86_64-linux";
#endif
  if (Opts.Target != Host) {
    // A foreign target: run under qemu-user.
    auto Q = llvm::sys::findProgramByName("qemu-" + T.Name);
    if (!Q) {
      llvm::sys::fs::remove(Exe);
      return toolError("cannot run " + T.Name + " binary: qemu-" + T.Name +
                       " not found");
    }
    Qemu = *Q;
    Argv.push_back(Qemu);
  }
  Argv.push_back(Program);
  for (const std::string &A : Args)
    Argv.push_back(A);
  std::string ErrMsg;
  int Status =
      llvm::sys::ExecuteAndWait(Argv[0], Argv, std::nullopt, {}, 0, 0, &ErrMsg);
  llvm::sys::fs::remove(Exe);
  if (Status < 0)
    return toolError("cannot run program: " + ErrMsg);
  return Status;
}

int gortc::runClean(bool Cache) {
  if (!Cache)
    return 0;
  std::string Err;
  if (!BuildCache::clean(BuildCache::defaultDir(), Err))
    return toolError(Err);
  return 0;
}
