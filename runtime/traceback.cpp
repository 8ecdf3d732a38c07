//===- runtime/traceback.cpp - Stack traces for fatal panics --------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The traceback printed after "goroutine N [running]:" (gc: traceback.go),
// in gc's form, innermost frame first:
//
//   main.f(...)
//   	/abs/path/x.go:12 +0x1d
//
// ("main.f()" for a function without arguments, as gc prints it.)
//
// Walking. Every function keeps a frame pointer (codegen sets
// "frame-pointer"="all"; the runtime is built with -fno-omit-frame-pointer),
// so each frame record is {caller's frame pointer, return address}. The walk
// starts at a runtime frame (gopanic's) and follows the records while they
// stay inside the goroutine's stack segments. A stack split leaves three
// records: the morestack thunk's (a wrapper), gort_morestack's on the old
// segment, and the function's first activation, stopped in its prologue;
// the walk skips the last two.
//
// Which frames print. Go functions only (package-qualified names such as
// main.f): the runtime's own code (gort_*, C++ names), generated
// descriptor functions ("type:...") and the wrappers and morestack thunks
// of section .gort_wrapper are skipped, as gc hides runtime frames and
// wrappers by default.
//
// Symbols and lines. The program reads its own executable (/proc/self/exe,
// mapped read-only once, at the first traceback): function names come
// from .symtab (codegen names functions as gc prints them: main.f,
// main.(*T).M, main.f.func1; the body of a function split for its stack
// check, F..body, prints as F), file and line from the DWARF 4 line table in
// .debug_line that codegen's line-tables-only debug info produces, looked
// up at the return address minus one (inside the call instruction), and
// the functions inlined at that point from .debug_info's inlined
// subroutines. The link compresses the DWARF sections with zlib (as gc
// compresses its DWARF): loadSelf inflates the ones it reads into memory
// of their own (inflate.cpp). Only the crash path pays for this; nothing is
// loaded in a healthy program.
//
// GOTRACEBACK=none prints no goroutine header and no frames (gc).
//
// The same walk and tables serve package runtime's Callers, Caller,
// CallersFrames and FuncForPC (runtime/go/symtab.go) through two
// primitives at the end of this file: runtime.callers stores the return
// addresses of the calling goroutine's Go frames, and runtime.pcFrames
// describes the frames at a PC, inlined ones first. Any goroutine may call
// them, so the tables' loading and the inline chain are under SymLock
// (tracebacks take it too, unless the crashing M already holds it).
//
// The profiles record stacks with the same walk, without symbols:
// profileStack stores the return addresses of a goroutine's Go frames and
// takes no lock, so the CPU profiler's signal handler can use it
// (mprof.cpp, cpuprof.cpp); the names are looked up when a profile is
// written, through runtime.CallersFrames.
//
// Rejected: gc's pclntab (an in-memory table the linker builds from the
// compiler's per-instruction data; LLVM has no such output, and DWARF line
// tables carry the same information without a custom linker step); labels
// around each call site in generated code (they block optimisations).
//
// Runtime frames. runtime.Callers reports the runtime's frames that gc's
// does: runtime.main and runtime.goexit at the bottom of a stack (libgort's
// runtimeMain and goStart carry those symbols), and runtime.gopanic above
// the deferred calls a panic runs (gort_gopanic keeps abi.def's name and is
// renamed here: frameName).
// Tracebacks hide them, as gc's showframe hides the runtime's unexported
// functions.
//
//===----------------------------------------------------------------------===//

#include "runtime/traceback.h"

#include "runtime/atomic.h"
#include "runtime/inflate.h"
#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/os_linux.h"
#include "runtime/print.h"
#include "runtime/runtime_pkg.h"
#include "runtime/stack.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"

extern "C" {
extern const char __gort_wrapper_start[];
extern const char __gort_wrapper_end[];
extern const uintptr_t __gort_noargs_start[];
extern const uintptr_t __gort_noargs_end[];
extern const char gort_morestack_end[];
extern const char __gort_rt_text_start[];
extern const char __gort_rt_text_end[];
void gort_morestack(void (*Thunk)(void *), void *Block);
}

namespace gort {

namespace {

// ELF64 structures (elf.h).
struct ElfHeader {
  uint8_t Ident[16];
  uint16_t Type, Machine;
  uint32_t Version;
  uint64_t Entry, Phoff, Shoff;
  uint32_t Flags;
  uint16_t Ehsize, Phentsize, Phnum, Shentsize, Shnum, Shstrndx;
};
struct ElfSection {
  uint32_t Name, Type;
  uint64_t Flags, Addr, Offset, Size;
  uint32_t Link, Info;
  uint64_t Addralign, Entsize;
};
struct ElfSym {
  uint32_t Name;
  uint8_t Info, Other;
  uint16_t Shndx;
  uint64_t Value, Size;
};
constexpr uint8_t SttFunc = 2;
constexpr uint64_t ShfCompressed = 0x800;
/// The header of an SHF_COMPRESSED section's contents (Elf64_Chdr).
struct ElfChdr {
  uint32_t Type, Reserved;
  uint64_t Size, Addralign;
};
constexpr uint32_t ElfCompressZlib = 1;

/// Inflates the compressed debug sections (under SymLock, as loadSelf).
Inflater SectionInflater;

/// The executable's symbol table and line table, once mapped.
struct SelfImage {
  bool Tried;
  const ElfSym *Syms;
  uintptr_t NSyms;
  const char *Strs;
  const uint8_t *Line;
  uintptr_t LineSize;
  const uint8_t *Info, *Abbrev, *Ranges;
  uintptr_t InfoSize, AbbrevSize, RangesSize;
  const char *Str;
  uintptr_t StrSize;
};
SelfImage Self;

/// Guards Self's loading and the inline chain below: tracebacks (under
/// PanicLock) and runtime.callers/pcFrames (any goroutine) share them.
/// SymLockOwner lets a crash inside a lookup print its traceback instead
/// of waiting for itself.
Mutex SymLock;
M *SymLockOwner;

/// Holds SymLock for a scope, unless this M already does (or there is no
/// M yet).
class SymGuard {
public:
  SymGuard() {
    G *Gp = getgOrNull();
    Mp = Gp ? Gp->Mp : nullptr;
    // Skip the lock on a crash before start-up made an M (nothing else
    // runs), and on a crash inside a lookup (this M holds it).
    if (!Mp || atomic::load(&SymLockOwner) == Mp) {
      Mp = nullptr;
      return;
    }
    lock(&SymLock);
    atomic::store(&SymLockOwner, Mp);
  }
  ~SymGuard() {
    if (!Mp)
      return;
    atomic::store(&SymLockOwner, static_cast<M *>(nullptr));
    unlock(&SymLock);
  }

private:
  M *Mp;
};

bool sameCString(const char *A, const char *B) {
  for (; *A && *A == *B; A++, B++) {
  }
  return *A == *B;
}

bool startsWith(const char *S, const char *Prefix) {
  for (; *Prefix; S++, Prefix++)
    if (*S != *Prefix)
      return false;
  return true;
}

/// The contents of section S of the executable mapped at Base, and their
/// size: the mapped bytes themselves, or, for a section compressed with
/// zlib (link.cpp compresses the DWARF), the bytes inflated into memory
/// that stays allocated. Null, with Size 0, if they cannot be had.
const uint8_t *sectionData(const uint8_t *Base, const ElfSection &S,
                           uintptr_t &Size) {
  Size = 0;
  if (!(S.Flags & ShfCompressed)) {
    Size = S.Size;
    return Base + S.Offset;
  }
  if (S.Size < sizeof(ElfChdr))
    return nullptr;
  ElfChdr C;
  __builtin_memcpy(&C, Base + S.Offset, sizeof C);
  if (C.Type != ElfCompressZlib || C.Size == 0)
    return nullptr;
  auto *Out = static_cast<uint8_t *>(sysAlloc(C.Size));
  if (!Out)
    return nullptr;
  if (!SectionInflater.inflateZlib(Base + S.Offset + sizeof(ElfChdr),
                                   S.Size - sizeof(ElfChdr), Out, C.Size)) {
    sysFree(Out, C.Size);
    return nullptr;
  }
  Size = C.Size;
  return Out;
}

void loadSelf() {
  if (Self.Tried)
    return;
  Self.Tried = true;
  int32_t Fd = openRead("/proc/self/exe");
  if (Fd < 0)
    return;
  long Size = syscall6(sysno::Lseek, Fd, 0, /*SEEK_END=*/2);
  MmapResult M =
      Size > 0 ? mmap(nullptr, uintptr_t(Size), ProtRead, MapPrivate, Fd, 0)
               : MmapResult{nullptr, -1};
  closefd(Fd);
  if (M.Err != 0 || uintptr_t(Size) < sizeof(ElfHeader))
    return;
  const uint8_t *Base = static_cast<const uint8_t *>(M.P);
  const auto *H = reinterpret_cast<const ElfHeader *>(Base);
  if (H->Ident[0] != 0x7f || H->Ident[1] != 'E' || H->Shoff == 0 ||
      H->Shoff + uint64_t(H->Shnum) * sizeof(ElfSection) > uint64_t(Size))
    return;
  const auto *Sh = reinterpret_cast<const ElfSection *>(Base + H->Shoff);
  const char *ShStr =
      reinterpret_cast<const char *>(Base + Sh[H->Shstrndx].Offset);
  for (unsigned I = 0; I < H->Shnum; I++) {
    const char *Name = ShStr + Sh[I].Name;
    if (sameCString(Name, ".symtab") && Sh[I].Link < H->Shnum) {
      Self.Syms = reinterpret_cast<const ElfSym *>(Base + Sh[I].Offset);
      Self.NSyms = Sh[I].Size / sizeof(ElfSym);
      Self.Strs = reinterpret_cast<const char *>(Base + Sh[Sh[I].Link].Offset);
    } else if (sameCString(Name, ".debug_line")) {
      Self.Line = sectionData(Base, Sh[I], Self.LineSize);
    } else if (sameCString(Name, ".debug_info")) {
      Self.Info = sectionData(Base, Sh[I], Self.InfoSize);
    } else if (sameCString(Name, ".debug_abbrev")) {
      Self.Abbrev = sectionData(Base, Sh[I], Self.AbbrevSize);
    } else if (sameCString(Name, ".debug_ranges")) {
      Self.Ranges = sectionData(Base, Sh[I], Self.RangesSize);
    } else if (sameCString(Name, ".debug_str")) {
      Self.Str = reinterpret_cast<const char *>(
          sectionData(Base, Sh[I], Self.StrSize));
    }
  }
}

/// The function symbol containing PC, or null.
const ElfSym *findFunc(uintptr_t PC) {
  for (uintptr_t I = 0; I < Self.NSyms; I++) {
    const ElfSym &S = Self.Syms[I];
    if ((S.Info & 0xf) == SttFunc && S.Value <= PC && PC < S.Value + S.Size)
      return &S;
  }
  return nullptr;
}

/// The name under which the function Name (containing PC) appears in
/// runtime.Callers and FuncForPC, or null if it does not. Compiled Go
/// functions appear under their own names, and so do libgort's functions
/// that play a gc runtime function's part on a goroutine's stack: those
/// with gc's name as their symbol (runtime.main, runtime.goexit,
/// runtime.Goexit...) and gort_gopanic, which keeps abi.def's name. (gc's
/// Callers does not show runtime.deferreturn: neither does gortc's.)
const char *frameName(const char *Name, uintptr_t PC) {
  if (PC >= uintptr_t(__gort_wrapper_start) &&
      PC < uintptr_t(__gort_wrapper_end))
    return nullptr;
  if (sameCString(Name, "gort_gopanic"))
    return "runtime.gopanic";
  if (startsWith(Name, "gort_") || startsWith(Name, "_Z") ||
      startsWith(Name, "type:") || startsWith(Name, "go:"))
    return nullptr;
  // Go functions are always qualified by their package ("main.f"); C and
  // C++ names have no dot.
  for (const char *P = Name; *P; P++)
    if (*P == '.')
      return Name;
  return nullptr;
}

/// Whether a traceback prints the frame of Name (a frameName): as gc's
/// showframe, every function but the runtime's unexported ones
/// (runtime.main, runtime.goexit, runtime.gopanic...).
bool showFrame(const char *Name) {
  return !startsWith(Name, "runtime.") || (Name[8] >= 'A' && Name[8] <= 'Z');
}

uint64_t uleb(const uint8_t *&P, const uint8_t *End) {
  uint64_t V = 0;
  unsigned Shift = 0;
  while (P < End) {
    uint8_t B = *P++;
    if (Shift < 64)
      V |= uint64_t(B & 0x7f) << Shift;
    Shift += 7;
    if (!(B & 0x80))
      break;
  }
  return V;
}

int64_t sleb(const uint8_t *&P, const uint8_t *End) {
  int64_t V = 0;
  unsigned Shift = 0;
  uint8_t B = 0;
  while (P < End) {
    B = *P++;
    if (Shift < 64)
      V |= int64_t(B & 0x7f) << Shift;
    Shift += 7;
    if (!(B & 0x80))
      break;
  }
  if (Shift < 64 && (B & 0x40))
    V |= -(int64_t(1) << Shift);
  return V;
}

template <typename T> T readLE(const uint8_t *P) {
  T V = 0;
  for (unsigned I = 0; I < sizeof(T); I++)
    V |= T(P[I]) << (8 * I);
  return V;
}

/// A source position found in the line table.
struct SourceLine {
  const char *Dir; ///< null for the compilation directory
  const char *File;
  uint64_t Line;
};

const char *nthString(const uint8_t *P, const uint8_t *End, uint64_t N) {
  for (uint64_t I = 1; P < End && *P; I++) {
    if (I == N)
      return reinterpret_cast<const char *>(P);
    while (P < End && *P)
      P++;
    P++;
  }
  return nullptr;
}

/// Runs one DWARF 4 line program (a unit at P); true with Out set if a row
/// covers PC.
bool lookupUnit(const uint8_t *P, const uint8_t *End, uintptr_t PC,
                SourceLine &Out) {
  uint16_t Version = readLE<uint16_t>(P);
  if (Version < 2 || Version > 4)
    return false;
  P += 2;
  uint32_t HeaderLen = readLE<uint32_t>(P);
  P += 4;
  const uint8_t *Prog = P + HeaderLen;
  uint8_t MinInst = *P++;
  if (Version >= 4)
    P++; // maximum_operations_per_instruction
  bool DefaultIsStmt = *P++;
  (void)DefaultIsStmt;
  int8_t LineBase = int8_t(*P++);
  uint8_t LineRange = *P++;
  uint8_t OpcodeBase = *P++;
  const uint8_t *StdLens = P;
  P += OpcodeBase - 1;
  const uint8_t *Dirs = P;
  while (P < End && *P) { // include_directories
    while (P < End && *P)
      P++;
    P++;
  }
  P++;
  const uint8_t *Files = P;
  if (LineRange == 0)
    return false;

  // The state machine (DWARF 4 §6.2.2).
  uint64_t Addr = 0, File = 1, Line = 1;
  uint64_t PrevAddr = 0, PrevFile = 0, PrevLine = 0;
  bool HavePrev = false;
  auto Emit = [&]() -> bool {
    if (HavePrev && PrevAddr <= PC && PC < Addr) {
      Out.Line = PrevLine;
      Out.File = nullptr;
      Out.Dir = nullptr;
      // The file entry: name, directory index, mtime, length.
      const uint8_t *F = Files;
      for (uint64_t I = 1; F < Prog && *F; I++) {
        const char *Name = reinterpret_cast<const char *>(F);
        while (F < Prog && *F)
          F++;
        F++;
        uint64_t DirIdx = uleb(F, Prog);
        uleb(F, Prog);
        uleb(F, Prog);
        if (I == PrevFile) {
          Out.File = Name;
          Out.Dir = DirIdx ? nthString(Dirs, Files, DirIdx) : nullptr;
          break;
        }
      }
      return true;
    }
    PrevAddr = Addr;
    PrevFile = File;
    PrevLine = Line;
    HavePrev = true;
    return false;
  };
  P = Prog;
  while (P < End) {
    uint8_t Op = *P++;
    if (Op >= OpcodeBase) {
      unsigned Adj = Op - OpcodeBase;
      Addr += (Adj / LineRange) * MinInst;
      Line += int64_t(LineBase) + int64_t(Adj % LineRange);
      if (Emit())
        return true;
      continue;
    }
    switch (Op) {
    case 0: { // extended opcode
      uint64_t Len = uleb(P, End);
      const uint8_t *Next = P + Len;
      uint8_t Sub = Len ? *P++ : 0;
      if (Sub == 1) { // DW_LNE_end_sequence
        if (Emit())
          return true;
        Addr = 0;
        File = 1;
        Line = 1;
        HavePrev = false;
      } else if (Sub == 2 && Len == 9) { // DW_LNE_set_address
        Addr = readLE<uint64_t>(P);
      }
      P = Next;
      break;
    }
    case 1: // DW_LNS_copy
      if (Emit())
        return true;
      break;
    case 2: // DW_LNS_advance_pc
      Addr += uleb(P, End) * MinInst;
      break;
    case 3: // DW_LNS_advance_line
      Line += sleb(P, End);
      break;
    case 4: // DW_LNS_set_file
      File = uleb(P, End);
      break;
    case 8: // DW_LNS_const_add_pc
      Addr += ((255 - OpcodeBase) / LineRange) * MinInst;
      break;
    case 9: // DW_LNS_fixed_advance_pc
      Addr += readLE<uint16_t>(P);
      P += 2;
      break;
    default: // other standard opcodes: skip their ULEB operands
      for (unsigned I = 0; I < StdLens[Op - 1]; I++)
        uleb(P, End);
      break;
    }
  }
  return false;
}

/// File entry Index of the line program at Offset in .debug_line (DWARF 4
/// header), for DW_AT_call_file; false if there is none.
bool lineFile(uint64_t Offset, uint64_t Index, SourceLine &Out) {
  if (!Self.Line || Offset + 10 > Self.LineSize)
    return false;
  const uint8_t *P = Self.Line + Offset;
  const uint8_t *End = P + 4 + readLE<uint32_t>(P);
  P += 4;
  uint16_t Version = readLE<uint16_t>(P);
  if (Version < 2 || Version > 4)
    return false;
  P += 2;
  const uint8_t *Prog = P + 4 + readLE<uint32_t>(P);
  P += 4;
  P += Version >= 4 ? 5 : 4; // min_inst, [max_ops], default_is_stmt, ...
  uint8_t OpcodeBase = P[-1];
  P += OpcodeBase - 1;
  const uint8_t *Dirs = P;
  while (P < End && *P) {
    while (P < End && *P)
      P++;
    P++;
  }
  P++;
  for (uint64_t I = 1; P < Prog && *P; I++) {
    const char *Name = reinterpret_cast<const char *>(P);
    while (P < Prog && *P)
      P++;
    P++;
    uint64_t DirIdx = uleb(P, Prog);
    uleb(P, Prog);
    uleb(P, Prog);
    if (I == Index) {
      Out.File = Name;
      Out.Dir = DirIdx ? nthString(Dirs, Prog, DirIdx) : nullptr;
      return true;
    }
  }
  return false;
}

bool lookupLine(uintptr_t PC, SourceLine &Out) {
  const uint8_t *P = Self.Line, *End = Self.Line + Self.LineSize;
  while (P && P + 4 <= End) {
    uint32_t Len = readLE<uint32_t>(P);
    if (Len >= 0xfffffff0u) // 64-bit DWARF: not produced by codegen
      return false;
    const uint8_t *UnitEnd = P + 4 + Len;
    if (UnitEnd > End)
      return false;
    if (lookupUnit(P + 4, UnitEnd, PC, Out))
      return true;
    P = UnitEnd;
  }
  return false;
}

//--- Inlined frames (.debug_info, DWARF 4) -------------------------------===//
//
// LLVM's line-tables-only debug info still describes inlining: inside each
// function's DW_TAG_subprogram, a DW_TAG_inlined_subroutine per inlined
// call covers the inlined code's addresses and names the call site
// (DW_AT_call_file/line) and the callee (DW_AT_abstract_origin -> its
// subprogram's DW_AT_name). The chain of those containing a PC gives gc's
// extra "main.f(...)" lines.

constexpr uint16_t TagSubprogram = 0x2e, TagInlined = 0x1d,
                   TagCompileUnit = 0x11;
constexpr uint16_t AtName = 0x03, AtStmtList = 0x10, AtLowPC = 0x11,
                   AtHighPC = 0x12, AtAbstractOrigin = 0x31,
                   AtSpecification = 0x47, AtRanges = 0x55, AtCallFile = 0x58,
                   AtCallLine = 0x59, AtLinkageName = 0x6e;

/// One attribute value as read from a DIE.
struct AttrVal {
  uint64_t U;      ///< constants, addresses, offsets, references
  const char *S;   ///< strings
  bool IsAddrForm; ///< DW_AT_high_pc given as an address
};

/// Reads one attribute of form Form at P (advancing P). CUStart is the
/// unit's offset in .debug_info, for CU-relative references.
bool readForm(const uint8_t *&P, const uint8_t *End, uint64_t Form,
              uint64_t CUStart, AttrVal &V) {
  V = {0, nullptr, false};
  switch (Form) {
  case 0x01:
    V.U = readLE<uint64_t>(P);
    P += 8;
    V.IsAddrForm = true;
    return true;
  case 0x05:
    V.U = readLE<uint16_t>(P);
    P += 2;
    return true;
  case 0x06:
    V.U = readLE<uint32_t>(P);
    P += 4;
    return true;
  case 0x07:
    V.U = readLE<uint64_t>(P);
    P += 8;
    return true;
  case 0x08:
    V.S = reinterpret_cast<const char *>(P);
    while (P < End && *P)
      P++;
    P++;
    return true;
  case 0x09: {
    uint64_t N = uleb(P, End);
    P += N;
    return true;
  }
  case 0x0a:
    P += 1 + *P;
    return true;
  case 0x0b:
    V.U = *P++;
    return true;
  case 0x0c:
    V.U = *P++;
    return true;
  case 0x0d:
    V.U = uint64_t(sleb(P, End));
    return true;
  case 0x0e: {
    uint32_t O = readLE<uint32_t>(P);
    P += 4;
    V.S = O < Self.StrSize ? Self.Str + O : nullptr;
    return true;
  }
  case 0x0f:
    V.U = uleb(P, End);
    return true;
  case 0x10:
    V.U = readLE<uint32_t>(P);
    P += 4;
    return true; // ref_addr
  case 0x11:
    V.U = CUStart + *P++;
    return true;
  case 0x12:
    V.U = CUStart + readLE<uint16_t>(P);
    P += 2;
    return true;
  case 0x13:
    V.U = CUStart + readLE<uint32_t>(P);
    P += 4;
    return true;
  case 0x14:
    V.U = CUStart + readLE<uint64_t>(P);
    P += 8;
    return true;
  case 0x15:
    V.U = CUStart + uleb(P, End);
    return true;
  case 0x17:
    V.U = readLE<uint32_t>(P);
    P += 4;
    return true;
  case 0x18: {
    uint64_t N = uleb(P, End);
    P += N;
    return true;
  }
  case 0x19:
    V.U = 1;
    return true; // flag_present
  case 0x20:
    P += 8;
    return true;
  default:
    return false;
  }
}

/// The abbreviation Code of the table at Offset: its tag, whether it has
/// children, and where its (attribute, form) pairs start.
const uint8_t *findAbbrev(uint64_t Offset, uint64_t Code, uint16_t &Tag,
                          bool &Children) {
  const uint8_t *P = Self.Abbrev + Offset, *End = Self.Abbrev + Self.AbbrevSize;
  while (P < End) {
    uint64_t C = uleb(P, End);
    if (C == 0)
      return nullptr;
    Tag = uint16_t(uleb(P, End));
    Children = *P++;
    if (C == Code)
      return P;
    while (P < End) { // skip the attribute specs
      uint64_t A = uleb(P, End), F = uleb(P, End);
      if (A == 0 && F == 0)
        break;
    }
  }
  return nullptr;
}

/// What the walk keeps of a DIE.
struct DieInfo {
  uint16_t Tag;
  bool Children;
  uint64_t LowPC, HighPC, Ranges, Origin, CallFile, CallLine, StmtList;
  bool HasLow, HasHigh, HighIsAddr, HasRanges;
  const char *Name;
};

/// Reads the DIE at P (advancing P past it). False at a null entry.
bool readDie(const uint8_t *&P, const uint8_t *End, uint64_t AbbrevOff,
             uint64_t CUStart, DieInfo &D) {
  uint64_t Code = uleb(P, End);
  if (Code == 0)
    return false;
  D = {};
  const uint8_t *A = findAbbrev(AbbrevOff, Code, D.Tag, D.Children);
  if (!A) {
    P = End; // malformed: stop
    return false;
  }
  const uint8_t *AEnd = Self.Abbrev + Self.AbbrevSize;
  for (;;) {
    uint64_t At = uleb(A, AEnd), Form = uleb(A, AEnd);
    if (At == 0 && Form == 0)
      break;
    if (Form == 0x16) // indirect
      Form = uleb(P, End);
    AttrVal V;
    if (!readForm(P, End, Form, CUStart, V)) {
      P = End;
      return false;
    }
    switch (At) {
    case AtName:
    case AtLinkageName:
      if (!D.Name || At == AtName)
        D.Name = V.S;
      break;
    case AtLowPC:
      D.LowPC = V.U;
      D.HasLow = true;
      break;
    case AtHighPC:
      D.HighPC = V.U;
      D.HasHigh = true;
      D.HighIsAddr = V.IsAddrForm;
      break;
    case AtRanges:
      D.Ranges = V.U;
      D.HasRanges = true;
      break;
    case AtAbstractOrigin:
    case AtSpecification:
      D.Origin = V.U;
      break;
    case AtCallFile:
      D.CallFile = V.U;
      break;
    case AtCallLine:
      D.CallLine = V.U;
      break;
    case AtStmtList:
      D.StmtList = V.U;
      break;
    default:
      break;
    }
  }
  return true;
}

bool dieContains(const DieInfo &D, uint64_t CUBase, uintptr_t PC) {
  if (D.HasLow && D.HasHigh) {
    uint64_t Hi = D.HighIsAddr ? D.HighPC : D.LowPC + D.HighPC;
    return D.LowPC <= PC && PC < Hi;
  }
  if (D.HasRanges && Self.Ranges && D.Ranges < Self.RangesSize) {
    const uint8_t *P = Self.Ranges + D.Ranges;
    const uint8_t *End = Self.Ranges + Self.RangesSize;
    uint64_t Base = CUBase;
    while (P + 16 <= End) {
      uint64_t B = readLE<uint64_t>(P), E = readLE<uint64_t>(P + 8);
      P += 16;
      if (B == 0 && E == 0)
        break;
      if (B == ~uint64_t(0)) {
        Base = E;
        continue;
      }
      if (Base + B <= PC && PC < Base + E)
        return true;
    }
  }
  return false;
}

/// The name of the DIE at .debug_info offset Off (following its abstract
/// origin), or null.
const char *dieName(uint64_t Off, uint64_t AbbrevOff, uint64_t CUStart) {
  for (int Hops = 0; Hops < 4 && Off < Self.InfoSize; Hops++) {
    const uint8_t *P = Self.Info + Off;
    DieInfo D;
    if (!readDie(P, Self.Info + Self.InfoSize, AbbrevOff, CUStart, D))
      return nullptr;
    if (D.Name)
      return D.Name;
    if (!D.Origin)
      return nullptr;
    Off = D.Origin;
  }
  return nullptr;
}

/// The frames of the code at PC: [0] is the function itself, then each
/// inlined call into it, innermost last.
struct InlineFrame {
  const char *Name;
  uint64_t CallFile, CallLine; ///< where the next frame was inlined
};
constexpr unsigned MaxInlineDepth = 32;
InlineFrame Chain[MaxInlineDepth]; // under SymLock
unsigned ChainLen;
uint64_t ChainStmtList;

/// Fills Chain for PC; false if PC has no subprogram in .debug_info.
__attribute__((noinline)) bool findInlineChain(uintptr_t PC) {
  ChainLen = 0;
  if (!Self.Info || !Self.Abbrev)
    return false;
  const uint8_t *P = Self.Info, *InfoEnd = Self.Info + Self.InfoSize;
  while (P + 11 <= InfoEnd) {
    uint64_t CUStart = uint64_t(P - Self.Info);
    uint32_t Len = readLE<uint32_t>(P);
    const uint8_t *CUEnd = P + 4 + Len;
    uint16_t Version = readLE<uint16_t>(P + 4);
    uint64_t AbbrevOff = readLE<uint32_t>(P + 6);
    if (Len >= 0xfffffff0u || CUEnd > InfoEnd || Version < 2 || Version > 4)
      return false;
    P += 11;
    // Open DIEs with children: bit K set if the one at depth K contains PC.
    uint64_t Inside = 0;
    unsigned Depth = 0;
    uint64_t CUBase = 0;
    bool Found = false;
    while (P < CUEnd) {
      DieInfo D;
      if (!readDie(P, CUEnd, AbbrevOff, CUStart, D)) {
        if (Depth == 0)
          break;
        Depth--;
        continue;
      }
      bool Parent = Depth == 0 || (Inside >> (Depth - 1) & 1);
      bool In = false;
      if (D.Tag == TagCompileUnit) {
        CUBase = D.LowPC;
        ChainStmtList = D.StmtList;
        In = true;
      } else if (Parent && (D.Tag == TagSubprogram || D.Tag == TagInlined) &&
                 dieContains(D, CUBase, PC)) {
        In = true;
        if (ChainLen < MaxInlineDepth) {
          InlineFrame &F = Chain[ChainLen++];
          F.Name = D.Name ? D.Name
                          : (D.Origin ? dieName(D.Origin, AbbrevOff, CUStart)
                                      : nullptr);
          F.CallFile = 0;
          F.CallLine = 0;
          if (D.Tag == TagInlined && ChainLen >= 2) {
            Chain[ChainLen - 2].CallFile = D.CallFile;
            Chain[ChainLen - 2].CallLine = D.CallLine;
          }
        }
        Found = true;
      }
      if (D.Children) {
        if (Depth >= 64)
          return Found;
        Inside = (Inside & ~(uint64_t(1) << Depth)) | (uint64_t(In) << Depth);
        Depth++;
      }
    }
    if (Found)
      return true;
    P = CUEnd;
  }
  return false;
}

void printSourceLine(bool Found, const SourceLine &SL) {
  if (!Found) {
    printstring("?:0");
    return;
  }
  if (SL.Dir) {
    printstring(SL.Dir);
    printstring("/");
  }
  printstring(SL.File ? SL.File : "?");
  printstring(":");
  printuint(SL.Line);
}

/// A function's symbol name as Go names it: the body of a function that
/// codegen split for its stack check (codegen/stack_check.cpp) is F..body,
/// and is named F (in tracebacks and in runtime.pcFrames' frames).
abi::String funcNameString(const char *Name) {
  static constexpr char Suffix[] = "..body";
  constexpr intptr_t SuffixLen = sizeof(Suffix) - 1;
  intptr_t N = 0;
  while (Name[N])
    N++;
  if (N > SuffixLen) {
    const char *Tail = Name + N - SuffixLen;
    intptr_t I = 0;
    while (I < SuffixLen && Tail[I] == Suffix[I])
      I++;
    if (I == SuffixLen)
      N -= SuffixLen;
  }
  return {reinterpret_cast<const uint8_t *>(Name), N};
}

/// Prints a function's name as gc's tracebacks do: the type arguments of
/// an instance of a generic function or type are elided, "main.F[...]"
/// and "main.(*List[...]).Push" (codegen names it main.F[int]).
void printFuncName(const char *Name) {
  abi::String S = funcNameString(Name);
  intptr_t Start = 0, Depth = 0;
  for (intptr_t I = 0; I < S.Len; I++) {
    if (S.Ptr[I] == '[' && Depth++ == 0) {
      printstring(S.Ptr + Start, I - Start);
      printstring("[...]");
    } else if (S.Ptr[I] == ']' && Depth > 0 && --Depth == 0) {
      Start = I + 1;
    }
  }
  if (Depth == 0)
    printstring(S.Ptr + Start, S.Len - Start);
}

/// Whether the Go function at Entry has no receiver and no parameters: gc
/// prints "f()" for it, and "f(0x1, ...)" with the argument words
/// otherwise, which gortc does not record ("f(...)"). Codegen lists such
/// functions in .gort_noargs (codegen/codegen.h: NoArgsAttr). The search
/// is linear in their number, a small cost beside the frame's line lookup
/// (lookupLine walks the line table).
bool hasNoArgs(uintptr_t Entry) {
  for (const uintptr_t *P = __gort_noargs_start; P < __gort_noargs_end; ++P)
    if (*P == Entry)
      return true;
  return false;
}

/// Prints the frame of the function Name (at Entry) stopped at return
/// address RA: first the functions inlined into it at that point, innermost
/// first, each at the line where the next one was inlined, as gc does
/// ("main.f(...)" / "<file>:<line>" without an offset), then the function
/// itself with its offset.
void printFrame(const char *Name, uintptr_t Entry, uintptr_t RA,
                bool Args = true) {
  uintptr_t PC = RA - 1;
  SourceLine SL;
  bool Found = lookupLine(PC, SL);
  if (Args && findInlineChain(PC) && ChainLen > 1) {
    for (unsigned I = ChainLen; I-- > 1;) {
      printFuncName(Chain[I].Name ? Chain[I].Name : "?");
      printstring("(...)\n\t");
      printSourceLine(Found, SL);
      printstring("\n");
      // The caller's line is this call's site.
      SL.Line = Chain[I - 1].CallLine;
      Found = lineFile(ChainStmtList, Chain[I - 1].CallFile, SL) && Found;
    }
  }
  printFuncName(Name);
  printstring(!Args ? "\n\t" : hasNoArgs(Entry) ? "()\n\t" : "(...)\n\t");
  printSourceLine(Found, SL);
  printstring(" +");
  printhex(RA - Entry);
  printstring("\n");
}

/// True if the frame record at FP lies in one of Gp's stack segments. The
/// chain is followed at most MaxSegments links, so that a signal handler
/// that interrupted a change to it still ends (forEachFrame).
bool onStack(G *Gp, uintptr_t FP) {
  constexpr unsigned MaxSegments = 1 << 16;
  unsigned N = 0;
  for (StackSeg *S = Gp->Seg; S && N < MaxSegments; S = S->Prev, N++)
    if (S->Lo <= FP && FP + 16 <= uintptr_t(S))
      return true;
  return false;
}

/// Calls Visit(RA) with the return address of each frame record on Gp's
/// stack, innermost first, following the records from FP across stack
/// segments for at most MaxDepth of them; stops early when Visit returns
/// false. A stack split shows as three records: the morestack thunk's (a
/// wrapper), gort_morestack's on the old segment, and the function's first
/// activation, stopped in its prologue: the last two are skipped. Reads
/// only memory inside Gp's segments and takes no lock, so the CPU
/// profiler's signal handler uses it too (cpuprof.cpp).
template <typename F>
void forEachFrame(G *Gp, uintptr_t FP, unsigned MaxDepth, F Visit) {
  for (unsigned Depth = 0; Depth < MaxDepth && FP && (FP & 7) == 0; Depth++) {
    if (!onStack(Gp, FP))
      return;
    const uintptr_t *Rec = reinterpret_cast<const uintptr_t *>(FP);
    uintptr_t Caller = Rec[0], RA = Rec[1];
    if (RA && RA - 1 >= reinterpret_cast<uintptr_t>(&gort_morestack) &&
        RA - 1 < uintptr_t(gort_morestack_end)) {
      FP = Caller && onStack(Gp, Caller)
               ? reinterpret_cast<const uintptr_t *>(Caller)[0]
               : 0;
      continue;
    }
    if (RA && !Visit(RA))
      return;
    FP = Caller;
  }
}

/// Calls Visit(Name, Entry, RA) for each frame on Gp's stack that has a
/// frameName (Name is that name), innermost first, following frame records from
/// FP (a record whose return address is in the first frame to visit) across
/// stack segments, for at most MaxDepth records; stops early when Visit returns
/// false. RA - 1 is in the frame's call instruction (a call that never returns
/// may end its function). Caller holds SymLock, with Self loaded.
template <typename F>
void forEachGoFrame(G *Gp, uintptr_t FP, unsigned MaxDepth, F Visit) {
  forEachFrame(Gp, FP, MaxDepth, [&](uintptr_t RA) {
    const ElfSym *S = findFunc(RA - 1);
    const char *Name = S ? frameName(Self.Strs + S->Name, RA - 1) : nullptr;
    return !Name || Visit(Name, uintptr_t(S->Value), RA);
  });
}

} // namespace

bool inRuntimeCode(uintptr_t PC) {
  return PC >= uintptr_t(__gort_rt_text_start) &&
         PC < uintptr_t(__gort_rt_text_end);
}

bool inGoCode(uintptr_t PC) {
  bool Runtime = inRuntimeCode(PC);
  bool Wrapper = PC >= uintptr_t(__gort_wrapper_start) &&
                 PC < uintptr_t(__gort_wrapper_end);
  return !Runtime && !Wrapper;
}

unsigned profileStack(G *Gp, uintptr_t FP, uintptr_t *Buf, unsigned Max) {
  unsigned N = 0;
  if (Max == 0)
    return 0;
  forEachFrame(Gp, FP, 100000, [&](uintptr_t RA) {
    if (inGoCode(RA - 1))
      Buf[N++] = RA;
    return N < Max;
  });
  return N;
}

static void printFrames(G *Gp, uintptr_t FP);

/// runtime/debug.SetTraceback's setting: -1 until called, then 0 for
/// "none" and 1 for the levels that print goroutines.
int32_t TracebackSetting = -1;

bool tracebackEnabled() {
  if (int32_t S = atomic::load(&TracebackSetting); S >= 0)
    return S != 0;
  const char *T = gogetenv("GOTRACEBACK");
  return !(T && sameCString(T, "none"));
}

void setTraceback(const uint8_t *Level, intptr_t N) {
  bool None = N == 4 && Level[0] == 'n' && Level[1] == 'o' && Level[2] == 'n' &&
              Level[3] == 'e';
  atomic::store(&TracebackSetting, None ? 0 : 1);
}

void traceback(G *Gp, uintptr_t FP) {
  SymGuard Guard;
  loadSelf();
  if (!Self.Syms)
    return;
  printFrames(Gp, FP);
  // gc: "created by main.main" and the go statement's position.
  if (Gp->GoPC) {
    if (const ElfSym *S = findFunc(Gp->GoPC - 1)) {
      printstring("created by ");
      printFrame(Self.Strs + S->Name, uintptr_t(S->Value), Gp->GoPC,
                 /*Args=*/false);
    }
  }
}

static void printFrames(G *Gp, uintptr_t FP) {
  unsigned Printed = 0;
  forEachGoFrame(Gp, FP, 1000,
                 [&](const char *Name, uintptr_t Entry, uintptr_t RA) {
                   if (!showFrame(Name))
                     return true;
                   if (Printed == 100) {
                     printstring("...additional frames elided...\n");
                     return false;
                   }
                   printFrame(Name, Entry, RA);
                   Printed++;
                   return true;
                 });
}

namespace {

abi::String cString(const char *S) {
  if (!S)
    return {nullptr, 0};
  intptr_t N = 0;
  while (S[N])
    N++;
  return {reinterpret_cast<const uint8_t *>(S), N};
}

/// runtime/go/symtab.go's pcFrame.
struct GoPCFrame {
  abi::String Function, Dir, File;
  int64_t Line;
  uintptr_t Entry;
  bool Inlined;
};

void setLine(GoPCFrame &F, bool Found, const SourceLine &SL) {
  F.Dir = Found ? cString(SL.Dir) : abi::String{nullptr, 0};
  F.File = Found && SL.File ? cString(SL.File) : cString("?");
  F.Line = Found ? int64_t(SL.Line) : 0;
}

} // namespace
} // namespace gort

using namespace gort;

int64_t runtime_callers(void *, int64_t Skip, uintptr_t *Buf, int64_t Len,
                        int64_t) {
  G *Gp = getg();
  SymGuard Guard;
  loadSelf();
  if (!Self.Syms || Len <= 0)
    return 0;
  // From this frame's record, whose return address is in the Go function
  // that called runtime.callers (skip 0).
  int64_t N = 0, Seen = 0;
  forEachGoFrame(Gp, uintptr_t(__builtin_frame_address(0)), 100000,
                 [&](const char *, uintptr_t, uintptr_t RA) {
                   if (Seen++ >= Skip)
                     Buf[N++] = RA;
                   return N < Len;
                 });
  return N;
}

int64_t runtime_pcFrames(void *, uintptr_t PC, void *Out, int64_t Len,
                         int64_t) {
  auto *Buf = static_cast<GoPCFrame *>(Out);
  SymGuard Guard;
  loadSelf();
  const ElfSym *S = Self.Syms && Len > 0 ? findFunc(PC) : nullptr;
  const char *Name = S ? frameName(Self.Strs + S->Name, PC) : nullptr;
  if (!Name)
    return 0;
  uintptr_t Entry = uintptr_t(S->Value);
  SourceLine SL;
  bool Found = lookupLine(PC, SL);
  int64_t N = 0;
  // The functions inlined at PC, innermost first, each at the line where
  // the next one was inlined (printFrame's order).
  if (findInlineChain(PC) && ChainLen > 1) {
    for (unsigned I = ChainLen; I-- > 1 && N < Len;) {
      GoPCFrame &F = Buf[N++];
      F.Function = cString(Chain[I].Name ? Chain[I].Name : "?");
      setLine(F, Found, SL);
      F.Entry = Entry;
      F.Inlined = true;
      SL.Line = Chain[I - 1].CallLine;
      Found = lineFile(ChainStmtList, Chain[I - 1].CallFile, SL) && Found;
    }
  }
  if (N < Len) {
    GoPCFrame &F = Buf[N++];
    F.Function = funcNameString(Name);
    setLine(F, Found, SL);
    F.Entry = Entry;
    F.Inlined = false;
  }
  return N;
}
