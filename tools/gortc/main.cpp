//===- tools/gortc/main.cpp - gortc command line --------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The command line, parsed with CLI11:
//
//   gortc build [options] FILE.go... | DIR
//   gortc run [options] FILE.go... [-- ARGS...]
//   gortc version
//
// CLI11 reports errors with C++ exceptions, so this one translation unit is
// compiled with -fexceptions; everything it calls is not (STYLE.md §2).
// Compiler-style single-dash long flags (-fsyntax-only, -verify, -emit-llvm,
// -S, -c) are accepted as aliases so that lit tests read like LLVM's.
//
//===----------------------------------------------------------------------===//

#include "tools/gortc/driver.h"

#include "CLI/CLI.hpp"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/ManagedStatic.h"

#include <algorithm>

#include <cstdint>
#include <cstdlib>
#include <iostream>

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef GORTC_VERSION
#define GORTC_VERSION "0.1.0"
#endif

using namespace gortc;

namespace {

/// Rewrites single-dash long flags into the --long form CLI11 accepts.
std::vector<std::string> normalizeArgs(int Argc, char **Argv) {
  std::vector<std::string> Out;
  for (int I = 1; I < Argc; ++I) {
    std::string A = Argv[I];
    if (A == "-fsyntax-only" || A == "-verify")
      A = "-" + A;
    else if (A == "-emit-llvm")
      A = "--emit=llvm";
    else if (A == "-S")
      A = "--emit=asm";
    else if (A == "-c")
      A = "--emit=obj";
    else if (A == "-mllvm")
      A = "--mllvm";
    else if (A == "-cache")
      A = "--cache";
    Out.push_back(A);
  }
  return Out;
}

void addBuildOptions(CLI::App *Cmd, DriverOptions &Opts, std::string &Emit) {
  Cmd->add_option("-o", Opts.Output,
                  "Write the output to this path. By default the executable "
                  "is named after the first source file (main.go -> ./main) "
                  "or the directory, as `go build` does; with --emit, after "
                  "the first file with .ll, .s or .o");
  Cmd->add_option("--target", Opts.Target,
                  "Target to compile for: x86_64-linux or aarch64-linux "
                  "(default: the host, or GOARCH=amd64|arm64 from the "
                  "environment)")
      ->check(CLI::IsMember({"x86_64-linux", "aarch64-linux"}));
  Cmd->add_option("-O", Opts.OptLevel,
                  "Optimization level 0-3, written -O0 ... -O3 (default 2)")
      ->check(CLI::Range(0, 3));
  Cmd->add_option("--emit", Emit,
                  "Stop early and write this form instead of an executable: "
                  "llvm (IR text), asm (assembly) or obj (object file). "
                  "Aliases: -emit-llvm, -S, -c")
      ->check(CLI::IsMember({"llvm", "asm", "obj"}));
  Cmd->add_flag("--fsyntax-only", Opts.SyntaxOnly,
                "Only parse and type-check (alias -fsyntax-only)");
  Cmd->add_flag("--verify", Opts.Verify,
                "Check the diagnostics against the // ERROR \"regexp\" "
                "comments of the sources, as Go's errorcheck tests do; exit "
                "0 if every expected error and no other was reported "
                "(alias -verify)");
  Cmd->add_flag("-e", Opts.NoErrorLimit,
                "Report all errors instead of stopping after 10");
  Cmd->add_option("-j", Opts.Jobs,
                  "Optimize and generate code on this many threads (default: "
                  "one per CPU)")
      ->check(CLI::Range(1, 256));
  Cmd->add_option("--partitions", Opts.Partitions,
                  "Cut the program into this many partitions whatever its "
                  "size (for testing the parallel pipeline)")
      ->check(CLI::Range(1, 256))
      ->group("");
  Cmd->add_flag("--time", Opts.TimePhases,
                "Print the wall time of each compilation phase to stderr");
  Cmd->add_option("--mllvm", Opts.LLVMArgs,
                  "Pass an option to LLVM (for compiler developers), e.g. "
                  "-mllvm -time-passes (alias -mllvm)")
      ->allow_extra_args(false);
}

/// Sets glibc's allocator up for a short-lived process that allocates a
/// hundred megabytes or more and frees it all at exit. With the defaults,
/// blocks over 128 KiB are mmap'd and munmap'd one by one and the heap is
/// trimmed back to the kernel as it shrinks, so the same memory is faulted
/// in again and again; on the 2-core VMs we measure on, page faults were a
/// quarter of an edit-and-rebuild of hello with fmt. Here large blocks stay
/// in the heap, the heap is never trimmed and grows in 128 MiB steps, and
/// its first reservation is marked for transparent huge pages (what
/// GLIBC_TUNABLES=glibc.malloc.hugetlb=1 does for every growth). With source
/// files read rather than mapped (load.cpp), that rebuild went from 11,300
/// page faults to 6,000 and from 0.31 to 0.26 s (medians of 11). Threads
/// keep their own arenas: one arena for all made the 2000-function
/// gen-large build take 24 s instead of 16. The reservation costs only
/// address space, but memory freed stays with the process: peak RSS grows by
/// 9-20% (gen-large at -O2 460 -> 500 MB, at -O0 567 -> 619 MB; a cold build
/// of hello with fmt 335 -> 396 MB).
void tuneAllocator() {
  constexpr int MiB = 1 << 20;
  constexpr uintptr_t HugePage = 2 * MiB;
  mallopt(M_MMAP_THRESHOLD, 32 * MiB); // the largest glibc accepts
  mallopt(M_TRIM_THRESHOLD, INT32_MAX);
  mallopt(M_TOP_PAD, 128 * MiB);
  // Grow the brk heap once (16 MiB stays below the mmap threshold), then
  // advise the whole reservation; pages not yet touched fault in as 2 MiB
  // pages. Failure of either step only loses the speed-up.
  uintptr_t Lo = reinterpret_cast<uintptr_t>(sbrk(0));
  void *volatile Block = std::malloc(16 * MiB); // not folded away
  std::free(Block);
  uintptr_t Hi = reinterpret_cast<uintptr_t>(sbrk(0));
  Lo = (Lo + HugePage - 1) & ~(HugePage - 1);
  Hi &= ~(HugePage - 1);
  if (Hi > Lo)
    madvise(reinterpret_cast<void *>(Lo), Hi - Lo, MADV_HUGEPAGE);
}

} // namespace

int main(int Argc, char **Argv) {
  tuneAllocator();
  // Runs LLVM's exit-time reports (such as -mllvm -time-passes).
  llvm::llvm_shutdown_obj Shutdown;
  CLI::App App{"gortc: an ahead-of-time Go compiler on LLVM, with its own "
               "runtime (libgort). Produces static Linux executables for "
               "x86-64 and AArch64.",
               "gortc"};
  App.require_subcommand(1);
  App.set_help_all_flag("--help-all", "Show the help of every subcommand");

  DriverOptions Opts;
  Opts.Argv0 = Argv[0];
  std::string Emit;
  std::vector<std::string> RunArgs;

  CLI::App *Build = App.add_subcommand(
      "build", "Compile the Go files of package main (or a directory) into "
               "an executable");
  addBuildOptions(Build, Opts, Emit);
  Build
      ->add_option("inputs", Opts.Inputs,
                   "The .go files of package main, or one directory whose "
                   "non-test .go files (honouring //go:build) are compiled")
      ->required();

  CLI::App *Run = App.add_subcommand(
      "run", "Build to a temporary file and run it; arguments after the "
             ".go files (or after --) are passed to the program");
  addBuildOptions(Run, Opts, Emit);
  Run->add_option("inputs", Opts.Inputs,
                  "The .go files, then the program's arguments")
      ->required();
  Run->allow_extras();

  App.add_subcommand("version", "Print the gortc version");

  bool CleanCache = false;
  CLI::App *Clean = App.add_subcommand("clean", "Remove cached files");
  Clean->add_flag("--cache", CleanCache,
                  "Remove the build cache: $GORTCACHE, else "
                  "$XDG_CACHE_HOME/gortc or ~/.cache/gortc (alias -cache)");

  std::vector<std::string> Args = normalizeArgs(Argc, Argv);
  std::reverse(Args.begin(), Args.end()); // CLI11 takes them reversed
  try {
    App.parse(Args);
  } catch (const CLI::ParseError &E) {
    return App.exit(E);
  }

  if (App.got_subcommand("version")) {
    std::cout << "gortc version " GORTC_VERSION " (LLVM " LLVM_VERSION_STRING
                 ") linux/amd64 linux/arm64\n";
    return 0;
  }

  if (App.got_subcommand("clean"))
    return runClean(CleanCache);

  if (Emit == "llvm")
    Opts.Emit = EmitKind::LLVM;
  else if (Emit == "asm")
    Opts.Emit = EmitKind::Asm;
  else if (Emit == "obj")
    Opts.Emit = EmitKind::Obj;
  if (Opts.Target.empty())
    Opts.Target = defaultTarget();

  if (App.got_subcommand("run")) {
    // Split inputs: leading .go files are sources, the rest are arguments.
    std::vector<std::string> Files;
    size_t I = 0;
    for (; I < Opts.Inputs.size(); ++I) {
      const std::string &A = Opts.Inputs[I];
      if (A.size() > 3 && A.compare(A.size() - 3, 3, ".go") == 0)
        Files.push_back(A);
      else
        break;
    }
    RunArgs.assign(Opts.Inputs.begin() + I, Opts.Inputs.end());
    for (const std::string &X : Run->remaining())
      RunArgs.push_back(X);
    if (Files.empty()) {
      std::cerr << "gortc run: no go files listed\n";
      return 2;
    }
    Opts.Inputs = Files;
    return runRun(Opts, RunArgs);
  }
  return runBuild(Opts);
}
