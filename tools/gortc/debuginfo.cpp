//===- tools/gortc/debuginfo.cpp - The DWARF of the code the link kept ----===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// LLD's --gc-sections drops functions, not their debug information: each
// object's line table, range lists and DIEs describe every function the
// object defined, and those of the dropped ones stay in the executable
// with their addresses set to a tombstone (0, or 1 in .debug_ranges, where
// 0 0 ends a list). In hello with fmt, after method pruning, 1782 of the
// line table's 2147 sequences were dead.
//
// compactDebugInfo rewrites five sections after the link (link.cpp
// replaces them with llvm-objcopy's library, then compresses them):
//   1. .debug_line: each unit keeps its header (directories and files) and
//      the sequences whose first DW_LNE_set_address is a live address. LLVM
//      starts a sequence per section, hence per function.
//   2. .debug_ranges: each list that a kept DW_AT_ranges attribute names
//      is written again without its empty entries (the tombstone 1 1 among
//      them); lists nothing names go.
//   3. .debug_info: each unit without the subtrees of subprograms whose
//      DW_AT_low_pc is a tombstone (a dropped function's DIE, with its
//      inlined subroutines), and with every unit-relative reference
//      (DW_FORM_ref4: abstract origins), DW_AT_stmt_list and DW_AT_ranges
//      moved to the new offsets. A reference into a removed subtree leaves
//      everything as it was.
//   4. .debug_str: only the strings the kept DIEs name (DW_FORM_strp),
//      each once, the references moved.
//   5. .debug_frame: without the FDEs whose initial location is a
//      tombstone, each kept FDE's CIE pointer moved with its CIE. It does
//      not depend on the others: it is replaced even when they cannot be.
// hello with fmt: .debug_line 235 KB -> 59 KB, .debug_info 79 KB -> 21 KB,
// .debug_ranges 85 KB -> 18 KB, .debug_str 28 KB -> 16 KB, .debug_frame
// 391 KB -> 44 KB (8633 FDEs, 935 kept); the two objcopy passes, symbols
// and compression included, take 20 ms.
//
// Only what gortc's code generation emits is handled: DWARF 4, 32-bit
// format. Anything else leaves the sections as they are.
//
//===----------------------------------------------------------------------===//

#include "tools/gortc/driver.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/DebugInfo/DWARF/DWARFContext.h"
#include "llvm/DebugInfo/DWARF/DWARFUnit.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/DataExtractor.h"
#include "llvm/Support/EndianStream.h"
#include "llvm/Support/LEB128.h"

using namespace gortc;

namespace {

constexpr uint8_t LNEEndSequence = 1, LNESetAddress = 2;
constexpr uint8_t LNSFixedAdvancePC = 9;

/// Step 1. Appends to Out the line table units of Sec without their dead
/// sequences; Moved maps each unit's old offset to its new one. False if
/// a unit is not one gortc emits.
bool compactLines(llvm::StringRef Sec, std::string &Out,
                  llvm::DenseMap<uint64_t, uint64_t> &Moved) {
  llvm::DataExtractor D(Sec, /*IsLittleEndian=*/true, 8);
  llvm::DataExtractor::Cursor C(0);
  auto Fail = [&] {
    llvm::consumeError(C.takeError());
    return false;
  };
  while (C && C.tell() < Sec.size()) {
    uint64_t Start = C.tell();
    uint64_t Len = D.getU32(C);
    uint64_t End = C.tell() + Len;
    uint16_t Version = D.getU16(C);
    uint64_t HeaderLen = D.getU32(C);
    uint64_t ProgStart = C.tell() + HeaderLen;
    if (!C || Len >= 0xfffffff0 || End > Sec.size() || Version < 2 ||
        Version > 4 || ProgStart > End)
      return Fail();
    D.skip(C, Version >= 4 ? 5 : 4); // min_inst_length ... line_range
    uint8_t OpcodeBase = D.getU8(C);
    std::vector<uint8_t> OpLengths(OpcodeBase ? OpcodeBase - 1 : 0);
    for (uint8_t &L : OpLengths)
      L = D.getU8(C);
    if (!C)
      return Fail();

    Moved[Start] = Out.size();
    size_t LenAt = Out.size();
    Out.append(Sec.data() + Start, ProgStart - Start);
    // The sequences: each ends with DW_LNE_end_sequence.
    if (C.tell() > ProgStart)
      return Fail();
    D.skip(C, ProgStart - C.tell());
    uint64_t SeqStart = ProgStart;
    bool Dead = false, SawAddress = false;
    while (C && C.tell() < End) {
      uint8_t Op = D.getU8(C);
      if (Op >= OpcodeBase)
        continue; // a special opcode
      if (Op == 0) {
        uint64_t N = D.getULEB128(C);
        uint64_t Next = C.tell() + N;
        uint8_t Sub = N ? D.getU8(C) : 0;
        if (Sub == LNESetAddress && N == 9 && !SawAddress) {
          uint64_t Addr = D.getU64(C);
          SawAddress = true;
          Dead = Addr == 0 || Addr == ~uint64_t(0) || Addr == ~uint64_t(1);
        }
        if (!C || Next > End || C.tell() > Next)
          return Fail();
        D.skip(C, Next - C.tell());
        if (Sub == LNEEndSequence) {
          if (!Dead)
            Out.append(Sec.data() + SeqStart, Next - SeqStart);
          SeqStart = Next;
          Dead = SawAddress = false;
        }
      } else if (Op == LNSFixedAdvancePC) {
        D.getU16(C);
      } else {
        for (unsigned I = 0; I < OpLengths[Op - 1]; ++I)
          D.getULEB128(C);
      }
    }
    if (!C || C.tell() != End || SeqStart != End)
      return Fail();
    uint32_t NewLen = uint32_t(Out.size() - LenAt - 4);
    llvm::support::endian::write32le(&Out[LenAt], NewLen);
  }
  if (!C)
    return Fail();
  return true;
}

/// Step 2 for one list: copies the list at Off in Sec to Out without its
/// empty entries. False if it runs off the section.
bool copyRangeList(llvm::StringRef Sec, uint64_t Off, std::string &Out) {
  llvm::DataExtractor D(Sec, /*IsLittleEndian=*/true, 8);
  for (;;) {
    if (!D.isValidOffsetForDataOfSize(Off, 16))
      return false;
    uint64_t Begin = D.getU64(&Off), End = D.getU64(&Off);
    if (Begin == 0 && End == 0)
      break;
    // A base address selection entry (begin ~0) is kept.
    if (Begin == End && Begin != ~uint64_t(0))
      continue;
    char Buf[16];
    llvm::support::endian::write64le(Buf, Begin);
    llvm::support::endian::write64le(Buf + 8, End);
    Out.append(Buf, 16);
  }
  Out.append(16, '\0');
  return true;
}

/// Step 5: appends to Out the entries of .debug_frame Sec without the FDEs
/// of dropped functions (initial_location a tombstone), each kept FDE's CIE
/// pointer moved with its CIE. False if an entry is not one LLVM emits for
/// gortc (64-bit DWARF, a CIE after its FDEs).
bool compactFrames(llvm::StringRef Sec, std::string &Out) {
  llvm::DataExtractor D(Sec, /*IsLittleEndian=*/true, 8);
  llvm::DenseMap<uint64_t, uint64_t> CIEMoved;
  uint64_t Off = 0;
  while (Off < Sec.size()) {
    uint64_t Start = Off;
    if (!D.isValidOffsetForDataOfSize(Off, 8))
      return false;
    uint64_t Len = D.getU32(&Off);
    uint64_t Next = Off + Len;
    if (Len < 4 || Len >= 0xfffffff0 || Next > Sec.size())
      return false;
    uint32_t CIEPointer = D.getU32(&Off);
    if (CIEPointer == 0xffffffff) { // a CIE
      CIEMoved[Start] = Out.size();
      Out.append(Sec.data() + Start, Next - Start);
    } else {
      if (Len < 4 + 16)
        return false;
      uint64_t Loc = D.getU64(&Off);
      auto It = CIEMoved.find(CIEPointer);
      if (It == CIEMoved.end())
        return false;
      if (Loc != 0 && Loc < ~uint64_t(1)) {
        size_t At = Out.size();
        Out.append(Sec.data() + Start, Next - Start);
        llvm::support::endian::write32le(&Out[At + 4], uint32_t(It->second));
      }
    }
    Off = Next;
  }
  return true;
}

} // namespace

llvm::Expected<llvm::StringRef>
gortc::sectionContents(const llvm::object::ObjectFile &Obj,
                       llvm::StringRef Name) {
  for (const llvm::object::SectionRef &S : Obj.sections()) {
    llvm::Expected<llvm::StringRef> N = S.getName();
    if (!N)
      return N.takeError();
    if (*N == Name)
      return S.getContents();
  }
  return llvm::StringRef();
}

bool gortc::compactDebugInfo(const llvm::object::ObjectFile &Exe,
                             std::vector<DebugSection> &Sections) {
  llvm::StringRef Info, Line, Ranges, Frame, Str;
  for (auto [Name, Out] : {std::pair{".debug_info", &Info},
                           {".debug_line", &Line},
                           {".debug_ranges", &Ranges},
                           {".debug_frame", &Frame},
                           {".debug_str", &Str}})
    if (llvm::Expected<llvm::StringRef> D = sectionContents(Exe, Name))
      *Out = *D;
    else
      llvm::consumeError(D.takeError());
  if (!Exe.isLittleEndian())
    return false;
  std::string NewFrame;
  if (!Frame.empty() && compactFrames(Frame, NewFrame))
    Sections.push_back({".debug_frame", std::move(NewFrame)});
  if (Info.empty() || Line.empty())
    return false;

  std::string NewLine;
  llvm::DenseMap<uint64_t, uint64_t> LineMoved;
  if (!compactLines(Line, NewLine, LineMoved))
    return false;

  // Step 3: the subtrees of dropped functions' subprograms go, and the
  // values that name a line table, a range list or a DIE are patched.
  enum class PatchKind { Line, Ranges, UnitRef, Str };
  struct Patch {
    uint64_t At;  ///< offset of the 4-byte value in .debug_info
    uint64_t Old; ///< the value (a UnitRef's is a section offset)
    PatchKind K;
    uint64_t UnitOff; ///< the unit it is in
  };
  std::vector<Patch> Patches;
  /// The removed byte ranges [first, second), in order.
  std::vector<std::pair<uint64_t, uint64_t>> Removed;
  /// Units: their offsets and the offsets where the next ones start.
  std::vector<std::pair<uint64_t, uint64_t>> Units;
  std::unique_ptr<llvm::DWARFContext> Ctx = llvm::DWARFContext::create(
      Exe, llvm::DWARFContext::ProcessDebugRelocations::Ignore);
  for (const std::unique_ptr<llvm::DWARFUnit> &U : Ctx->compile_units()) {
    if (U->getVersion() != 4 || U->getFormat() != llvm::dwarf::DWARF32)
      return false;
    Units.push_back({U->getOffset(), U->getNextUnitOffset()});
    for (uint32_t I = 0; I < U->getNumDIEs(); ++I) {
      llvm::DWARFDie Die = U->getDIEAtIndex(I);
      if (Die.isNULL()) // the end of a DIE's children
        continue;
      if (Die.getTag() == llvm::dwarf::DW_TAG_subprogram) {
        std::optional<uint64_t> Low =
            llvm::dwarf::toAddress(Die.find(llvm::dwarf::DW_AT_low_pc));
        if (Low && (*Low == 0 || *Low >= ~uint64_t(1))) {
          // Its subtree ends where its next sibling (or the NULL that ends
          // its parent's children) starts.
          std::optional<uint32_t> Sib =
              Die.getDebugInfoEntry()->getSiblingIdx();
          if (!Sib || *Sib <= I)
            return false;
          Removed.push_back(
              {Die.getOffset(), U->getDIEAtIndex(*Sib).getOffset()});
          I = *Sib - 1;
          continue;
        }
      }
      for (const llvm::DWARFAttribute &A : Die.attributes()) {
        PatchKind K;
        if (A.Value.getForm() == llvm::dwarf::DW_FORM_strp) {
          if (A.ByteSize != 4)
            return false;
          Patches.push_back({A.Offset, A.Value.getRawUValue(), PatchKind::Str,
                             U->getOffset()});
          continue;
        }
        if (A.Attr == llvm::dwarf::DW_AT_stmt_list)
          K = PatchKind::Line;
        else if (A.Attr == llvm::dwarf::DW_AT_ranges)
          K = PatchKind::Ranges;
        else if (A.Value.isFormClass(llvm::DWARFFormValue::FC_Reference))
          K = PatchKind::UnitRef;
        else
          continue;
        std::optional<uint64_t> V = K == PatchKind::UnitRef
                                        ? A.Value.getAsRelativeReference()
                                        : A.Value.getAsSectionOffset();
        if (V && K == PatchKind::UnitRef)
          *V += U->getOffset();
        if (!V || A.ByteSize != 4 ||
            (K == PatchKind::UnitRef &&
             A.Value.getForm() != llvm::dwarf::DW_FORM_ref4))
          return false;
        Patches.push_back({A.Offset, *V, K, U->getOffset()});
      }
    }
  }

  // Old .debug_info offset -> new, for offsets outside removed ranges:
  // minus the bytes removed before it (Before[I]: before range I ends).
  std::vector<uint64_t> Before(Removed.size());
  for (size_t I = 0, Sum = 0; I < Removed.size(); ++I)
    Before[I] = Sum += Removed[I].second - Removed[I].first;
  auto NewOffset = [&](uint64_t Off) -> std::optional<uint64_t> {
    // The first range that ends after Off.
    auto It = llvm::partition_point(
        Removed, [&](const auto &R) { return R.second <= Off; });
    if (It != Removed.end() && It->first <= Off)
      return std::nullopt;
    size_t I = size_t(It - Removed.begin());
    return Off - (I ? Before[I - 1] : 0);
  };

  std::string NewRanges;
  llvm::DenseMap<uint64_t, uint64_t> RangesMoved;
  for (const Patch &P : Patches) {
    if (P.K != PatchKind::Ranges || RangesMoved.count(P.Old))
      continue;
    RangesMoved[P.Old] = NewRanges.size();
    if (!copyRangeList(Ranges, P.Old, NewRanges))
      return false;
  }

  // Step 4: the strings the kept DIEs name, each once.
  std::string NewStr;
  llvm::DenseMap<uint64_t, uint64_t> StrMoved;
  for (const Patch &P : Patches) {
    if (P.K != PatchKind::Str || StrMoved.count(P.Old))
      continue;
    size_t End = Str.find('\0', P.Old);
    if (End == llvm::StringRef::npos)
      return false;
    StrMoved[P.Old] = NewStr.size();
    NewStr.append(Str.data() + P.Old, End + 1 - P.Old);
  }

  std::string Patched = Info.str();
  for (const Patch &P : Patches) {
    uint64_t V;
    if (P.K == PatchKind::UnitRef) {
      std::optional<uint64_t> To = NewOffset(P.Old),
                              Unit = NewOffset(P.UnitOff);
      if (!To || !Unit)
        return false; // it names a removed DIE
      V = *To - *Unit;
    } else {
      const auto &Map = P.K == PatchKind::Line     ? LineMoved
                        : P.K == PatchKind::Ranges ? RangesMoved
                                                   : StrMoved;
      auto It = Map.find(P.Old);
      if (It == Map.end())
        return false;
      V = It->second;
    }
    if (P.At + 4 > Patched.size())
      return false;
    llvm::support::endian::write32le(&Patched[P.At], uint32_t(V));
  }
  // The units without their removed ranges, each with its new length.
  std::string NewInfo;
  size_t R = 0;
  for (const auto &[Start, Next] : Units) {
    size_t UnitAt = NewInfo.size();
    uint64_t Off = Start;
    for (; R < Removed.size() && Removed[R].first < Next; ++R) {
      NewInfo.append(Patched, Off, Removed[R].first - Off);
      Off = Removed[R].second;
    }
    NewInfo.append(Patched, Off, Next - Off);
    llvm::support::endian::write32le(&NewInfo[UnitAt],
                                     uint32_t(NewInfo.size() - UnitAt - 4));
  }
  Sections.push_back({".debug_info", std::move(NewInfo)});
  Sections.push_back({".debug_line", std::move(NewLine)});
  if (!Ranges.empty())
    Sections.push_back({".debug_ranges", std::move(NewRanges)});
  if (!Str.empty())
    Sections.push_back({".debug_str", std::move(NewStr)});
  return true;
}
