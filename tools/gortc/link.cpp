//===- tools/gortc/link.cpp - In-process linking with LLD -----------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Links with LLD's ELF driver as a library (toolchain.md §1): no external
// linker is ever run. The link is static, without libc: the objects, the
// target's libgort.a and our augmenting linker script gort.ld (which keeps
// .llvm_stackmaps for the garbage collector). lld::lldMain resets LLD's
// global state after each link, so one gortc process may link repeatedly.
//
// Codegen puts every function and global in a section of its own
// (codegen/target.cpp), so --gc-sections drops each one nothing reaches
// from the entry point: hello with fmt went from 3.05 MB to 1.95 MB when it
// did (the syscalls os never makes, reflect's and time's unused functions),
// and to 1.79 MB when internal variables and morestack thunks stopped
// getting symbols (codegen/pipeline.cpp). Method tables and itabs keep
// only the methods kept code can call dynamically: pruneMethods
// (deadcode.cpp) reads the objects' link summaries and returns a --defsym
// for each entry's gort.mref symbol, binding it to the method's code or
// to gort_unreachableMethod (and each outlined map initialiser's to its
// code or to gort_skipInit); the symbols are stripped from the executable
// afterwards, in-process with llvm-objcopy's library (1.79 MB -> 1.24 MB),
// as are those of the local variables partitions share (partition.cpp),
// of the type descriptors (gc gives them none either) and of the pointer
// bitmaps and equality closures descriptors share. The tables the runtime
// reads follow what is kept (libgort/gort.ld).
//
// The same objcopy pass replaces .debug_line, .debug_ranges, .debug_info,
// .debug_str and .debug_frame with versions that leave out what describes
// dropped code (debuginfo.cpp): 1.24 MB -> 0.91 MB with the symbols above.
// A second pass compresses every debug section with zlib, as gc compresses
// its DWARF (objcopy compresses before it updates, and cannot update a
// compressed section); the runtime inflates the sections it reads for
// tracebacks (runtime/traceback.cpp, inflate.cpp). zlib rather than zstd:
// its decoder is the smaller one to keep in every executable.
//
//===----------------------------------------------------------------------===//

#include "tools/gortc/driver.h"

#include "codegen/codegen.h"

#include "lld/Common/Driver.h"
#include "llvm/ObjCopy/CommonConfig.h"
#include "llvm/ObjCopy/ELF/ELFConfig.h"
#include "llvm/ObjCopy/ELF/ELFObjcopy.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

LLD_HAS_DRIVER(elf)

namespace {

/// Rewrites executable Path after the link (llvm-objcopy's library,
/// in-process): removes the symbols matching the globs in Strip and those
/// of type descriptors, replaces the debug sections compactDebugInfo
/// rewrites, then compresses the debug sections.
bool rewriteExecutable(const std::string &Path,
                       llvm::ArrayRef<std::string> Strip, std::string &Error) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf) {
    Error = "cannot read " + Path + ": " + Buf.getError().message();
    return false;
  }
  auto Bin = llvm::object::createBinary((*Buf)->getMemBufferRef());
  if (!Bin) {
    Error = Path + ": " + llvm::toString(Bin.takeError());
    return false;
  }
  auto *Obj = llvm::dyn_cast<llvm::object::ELFObjectFileBase>(Bin->get());
  if (!Obj) {
    Error = Path + ": not an ELF file";
    return false;
  }
  llvm::objcopy::CommonConfig Config;
  Config.InputFilename = Path;
  Config.OutputFilename = Path;
  llvm::Error E = llvm::Error::success();
  for (const std::string &Pattern : Strip)
    if (!E)
      E = Config.SymbolsToRemove.addMatcher(
          llvm::objcopy::NameOrPattern::create(
              Pattern, llvm::objcopy::MatchStyle::Wildcard,
              [](llvm::Error E) { return E; }));
  // Three more kinds of symbols go, by name. Type descriptors' (and their
  // equality closures'), as gc has none (its descriptors all sit under one
  // type.* symbol): 630 symbols, 31 KB, in hello with fmt; equality and
  // hash functions keep theirs. Those defined in the debug sections
  // replaced below, which would name sections that no longer exist
  // (objcopy then writes an invalid section index). And AArch64's mapping
  // symbols ($x where code starts, $d where data does: the latter are the
  // ones in debug sections), which tell a disassembler nothing here, as
  // code sections hold only code: 1400 symbols, 33 KB, in hello with fmt
  // (gc's executables have none).
  for (const llvm::object::SymbolRef &Sym : Obj->symbols()) {
    llvm::Expected<llvm::StringRef> Name = Sym.getName();
    llvm::Expected<llvm::object::SymbolRef::Type> Type = Sym.getType();
    if (!Name || !Type) {
      llvm::consumeError(Name.takeError());
      llvm::consumeError(Type.takeError());
      continue;
    }
    llvm::Expected<llvm::object::section_iterator> Sec = Sym.getSection();
    llvm::Expected<llvm::StringRef> SecName =
        Sec && *Sec != Obj->section_end()
            ? (*Sec)->getName()
            : llvm::Expected<llvm::StringRef>(llvm::StringRef());
    if (!Sec || !SecName) {
      llvm::consumeError(Sec ? SecName.takeError() : Sec.takeError());
      continue;
    }
    bool Mapping = *Name == "$x" || *Name == "$d" || Name->starts_with("$x.") ||
                   Name->starts_with("$d.");
    bool InDebug = SecName->starts_with(".debug");
    if (!E && (Mapping || InDebug ||
               (*Type == llvm::object::SymbolRef::ST_Data &&
                Name->starts_with("type:"))))
      E = Config.SymbolsToRemove.addMatcher(
          llvm::objcopy::NameOrPattern::create(
              *Name, llvm::objcopy::MatchStyle::Literal,
              [](llvm::Error E) { return E; }));
  }
  std::vector<gortc::DebugSection> Debug;
  compactDebugInfo(*Obj, Debug);
  for (gortc::DebugSection &S : Debug)
    Config.UpdateSection.emplace_back(
        S.Name, llvm::MemoryBuffer::getMemBufferCopy(S.Data, S.Name));
  llvm::SmallString<0> Out;
  llvm::raw_svector_ostream OS(Out);
  if (!E)
    E = llvm::objcopy::elf::executeObjcopyOnBinary(
        Config, llvm::objcopy::ELFConfig(), *Obj, OS);
  // Then the debug sections are compressed with zlib (objcopy compresses
  // before it updates, and cannot update a compressed section, hence a
  // second pass over the first's output, in memory).
  llvm::SmallString<0> Compressed;
  if (!E) {
    auto First = llvm::object::ObjectFile::createELFObjectFile(
        llvm::MemoryBufferRef(Out, Path));
    if (!First) {
      E = First.takeError();
    } else {
      llvm::objcopy::CommonConfig Compress;
      Compress.InputFilename = Path;
      Compress.OutputFilename = Path;
      Compress.CompressionType = llvm::DebugCompressionType::Zlib;
      llvm::raw_svector_ostream COS(Compressed);
      E = llvm::objcopy::elf::executeObjcopyOnBinary(
          Compress, llvm::objcopy::ELFConfig(),
          llvm::cast<llvm::object::ELFObjectFileBase>(**First), COS);
    }
  }
  if (E) {
    Error = Path + ": " + llvm::toString(std::move(E));
    return false;
  }
  Bin->reset();
  Buf->reset();
  // Written in place: the file keeps the mode the linker gave it.
  std::error_code EC;
  llvm::raw_fd_ostream File(Path, EC);
  if (!EC)
    File << Compressed;
  if (EC || File.has_error()) {
    Error = "cannot write " + Path;
    File.clear_error();
    return false;
  }
  return true;
}

} // namespace

bool gortc::linkExecutable(const std::string &Arch,
                           const std::vector<std::string> &Objects,
                           const std::string &Output,
                           const std::string &RuntimeDir, PruneStats &Stats) {
  std::string Lib = RuntimeDir + "/libgort.a";
  std::string Script = RuntimeDir + "/gort.ld";
  if (!llvm::sys::fs::exists(Lib)) {
    llvm::errs() << "gortc: runtime library not found: " << Lib << "\n";
    return false;
  }
  bool X86 = Arch == "x86_64";
  std::vector<const char *> Args{"ld.lld",
                                 "-m",
                                 X86 ? "elf_x86_64" : "aarch64linux",
                                 "-static",
                                 "--no-dynamic-linker",
                                 "-nostdlib",
                                 "-e",
                                 X86 ? "_rt0_amd64_linux" : "_rt0_arm64_linux",
                                 "--gc-sections",
                                 "-z",
                                 "noexecstack",
                                 "--build-id=none",
                                 "-o",
                                 Output.c_str()};
  using Clock = std::chrono::steady_clock;
  auto Seconds = [](Clock::time_point Since) {
    return std::chrono::duration<double>(Clock::now() - Since).count();
  };
  Clock::time_point Start = Clock::now();
  std::vector<std::string> Defsyms;
  std::string Err;
  bool Pruned = pruneMethods(Objects, Lib, Defsyms, Stats, Err);
  Stats.PruneSeconds = Seconds(Start);
  if (!Pruned) {
    llvm::errs() << "gortc: " << Err << "\n";
    return false;
  }
  for (const std::string &D : Defsyms)
    Args.push_back(D.c_str());
  for (const std::string &O : Objects)
    Args.push_back(O.c_str());
  Args.push_back(Lib.c_str());
  if (llvm::sys::fs::exists(Script)) {
    Args.push_back("-T");
    Args.push_back(Script.c_str());
  }
  std::string ErrBuf;
  llvm::raw_string_ostream ErrOS(ErrBuf);
  lld::Result R =
      lld::lldMain(Args, llvm::outs(), ErrOS, {{lld::Gnu, &lld::elf::link}});
  ErrOS.flush();
  if (R.retCode != 0) {
    llvm::errs() << "gortc: link failed:\n" << ErrBuf;
    return false;
  }
  // The --defsym symbols only bound the method tables (90 KB of names in
  // hello with fmt); the local variables that partitions share are
  // internal variables, which have no symbols (30 KB).
  // Neither have the pointer bitmaps and size-keyed equality closures that
  // descriptors share (codegen/lower_iface.cpp): they have names only to
  // be shared.
  std::vector<std::string> Strip{std::string(codegen::LocalDataPrefix) + "*",
                                 "gort.gcbits.*", "gort.memequal.*"};
  if (!Defsyms.empty())
    Strip.push_back("gort.mref.*");
  Start = Clock::now();
  bool Rewritten = rewriteExecutable(Output, Strip, Err);
  Stats.RewriteSeconds = Seconds(Start);
  if (!Rewritten) {
    llvm::errs() << "gortc: " << Err << "\n";
    return false;
  }
  return true;
}
