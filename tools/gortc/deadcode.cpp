//===- tools/gortc/deadcode.cpp - Which methods the link keeps ------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// gc's linker deadcode pass (cmd/link/internal/ld/deadcode.go) for the
// method tables: given every package's link summary (the reference graph
// lowering records, codegen/linkinfo.cpp, whose header explains the
// scheme), decide which method table entries keep their code.
//
//   1. Roots: every symbol the runtime library's objects reference (main.main,
//      package initialisation, the runtime's Go half...), and the summaries'
//      own roots (llvm.used, constructors).
//   2. Flood fill from the roots over the named symbols. A reached function
//      adds the keys of the interface methods it calls; a reached descriptor
//      or itab offers its entries. An entry keeps its code, which is
//      then reached in turn, once its key is called; exported entries also
//      once reflect's method lookup (Value.Method, MethodByName, and
//      rtype's) is reached, since reflect can call any exported method.
//      The runtime's own dynamic calls (preprintpanics: Error() and
//      String()) are called keys from the start.
//   3. When the flood stops, each outlined map initialiser whose variable
//      was reached is kept and its code reached in turn (it may name other
//      maps' variables), and the flood goes on, until nothing changes.
//   4. Each entry's gort.mref symbol is bound with --defsym: to its code if
//      kept, else to gort_unreachableMethod; each outlined initialiser's to
//      its code if kept, else to gort_skipInit (runtime/proc.cpp).
//
// The graph over-approximates what the linker keeps (the summaries are
// taken before optimisation, every runtime reference is a root), so every
// method that a kept call site can reach is kept. The linker's own
// --gc-sections then drops what the kept entries do not name.
//
//===----------------------------------------------------------------------===//

#include "tools/gortc/driver.h"

#include "codegen/codegen.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Object/Archive.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace gortc;

namespace {

/// The keys the runtime calls dynamically (runtime/panic.cpp's
/// preprintpanics), in codegen/linkinfo.cpp's methodKey form.
constexpr const char *RuntimeKeys[] = {"Error", "String"};

/// Reaching one of these makes every exported method callable (gc: the
/// ReflectMethod attribute).
constexpr const char *ReflectMethodFuncs[] = {
    "reflect.Value.Method", "reflect.Value.MethodByName",
    "reflect.(*rtype).Method", "reflect.(*rtype).MethodByName"};

struct Entry {
  llvm::StringRef MRef;
  uint32_t Code; ///< node
  uint32_t Key;
  bool Kept = false;
};

/// A map variable's outlined initialiser (codegen/staticinit.cpp), which
/// package initialisation calls through MRef.
struct WeakInit {
  llvm::StringRef MRef;
  uint32_t Code, Var; ///< nodes
  bool Kept = false;
};

struct Node {
  std::vector<uint32_t> Edges;
  std::vector<uint32_t> Keys;    ///< interface methods it calls
  std::vector<uint32_t> Entries; ///< its method table (descriptors, itabs)
  bool Reached = false;
};

class Pruner {
public:
  bool addSummary(llvm::StringRef Data, std::string &Error);
  void addRoot(llvm::StringRef Name) { Roots.push_back(node(Name)); }
  void run();
  void defsyms(std::vector<std::string> &Out, PruneStats &Stats) const;

private:
  uint32_t node(llvm::StringRef Name) {
    auto [It, New] = NodeIds.try_emplace(Name, uint32_t(Nodes.size()));
    if (New)
      Nodes.emplace_back();
    return It->second;
  }
  uint32_t key(llvm::StringRef K) {
    auto [It, New] = KeyIds.try_emplace(K, uint32_t(Called.size()));
    if (New) {
      Called.push_back(false);
      Waiting.emplace_back();
      Exported.push_back(!K.contains('@'));
    }
    return It->second;
  }
  void flood(llvm::ArrayRef<uint32_t> ReflectNodes);
  void reach(uint32_t N) {
    if (!Nodes[N].Reached) {
      Nodes[N].Reached = true;
      Work.push_back(N);
    }
  }
  void keep(uint32_t E) {
    if (!Entries[E].Kept) {
      Entries[E].Kept = true;
      reach(Entries[E].Code);
    }
  }
  void call(uint32_t K) {
    if (Called[K])
      return;
    Called[K] = true;
    for (uint32_t E : Waiting[K])
      keep(E);
    Waiting[K].clear();
  }
  void offer(uint32_t E) {
    uint32_t K = Entries[E].Key;
    if (Called[K] || (ReflectAll && Exported[K]))
      keep(E);
    else
      Waiting[K].push_back(E);
  }

  llvm::StringMap<uint32_t> NodeIds;
  std::vector<Node> Nodes;
  llvm::StringMap<uint32_t> KeyIds;
  std::vector<bool> Called, Exported;
  std::vector<std::vector<uint32_t>> Waiting; ///< entries by key
  std::vector<Entry> Entries;
  std::vector<WeakInit> Inits;
  std::vector<uint32_t> Roots, Work;
  bool ReflectAll = false;
};

bool Pruner::addSummary(llvm::StringRef Data, std::string &Error) {
  llvm::StringRef Magic("gortc-linkinfo-1\0", 17);
  if (!Data.consume_front(Magic)) {
    Error = "unknown link summary version";
    return false;
  }
  auto Field = [&](llvm::StringRef &Out) {
    size_t End = Data.find('\0');
    if (End == llvm::StringRef::npos)
      return false;
    Out = Data.take_front(End);
    Data = Data.drop_front(End + 1);
    return true;
  };
  int64_t Cur = -1; // the definition the records describe
  while (!Data.empty()) {
    char Tag = Data.front();
    Data = Data.drop_front();
    llvm::StringRef A, B, C;
    if (!Field(A) || ((Tag == 'M' || Tag == 'W') && (!Field(B) || !Field(C)))) {
      Error = "truncated link summary";
      return false;
    }
    if (Tag == 'N') {
      Cur = node(A);
      continue;
    }
    if (Tag == 'R') {
      addRoot(A);
      continue;
    }
    if (Tag == 'W') {
      uint32_t Code = node(B);
      Inits.push_back({A, Code, node(C)});
      continue;
    }
    if (Cur < 0) {
      Error = "link summary record outside a definition";
      return false;
    }
    switch (Tag) {
    case 'E': {
      uint32_t To = node(A); // may grow Nodes
      Nodes[Cur].Edges.push_back(To);
      break;
    }
    case 'I':
      Nodes[Cur].Keys.push_back(key(A));
      break;
    case 'M': {
      uint32_t Code = node(B);
      Entries.push_back({A, Code, key(C)});
      Nodes[Cur].Entries.push_back(uint32_t(Entries.size() - 1));
      break;
    }
    default:
      Error = "unknown link summary record";
      return false;
    }
  }
  return true;
}

void Pruner::run() {
  for (const char *K : RuntimeKeys)
    call(key(K));
  std::vector<uint32_t> ReflectNodes;
  for (const char *F : ReflectMethodFuncs)
    ReflectNodes.push_back(node(F));
  for (uint32_t R : Roots)
    reach(R);
  for (;;) {
    flood(ReflectNodes);
    // An outlined map initialiser runs if something else reached its
    // variable; its code may reach more variables.
    bool More = false;
    for (WeakInit &W : Inits)
      if (!W.Kept && Nodes[W.Var].Reached) {
        W.Kept = More = true;
        reach(W.Code);
      }
    if (!More)
      break;
  }
}

void Pruner::flood(llvm::ArrayRef<uint32_t> ReflectNodes) {
  while (!Work.empty()) {
    uint32_t N = Work.back();
    Work.pop_back();
    if (!ReflectAll && llvm::is_contained(ReflectNodes, N)) {
      ReflectAll = true;
      for (size_t K = 0; K < Waiting.size(); ++K) {
        if (!Exported[K])
          continue;
        for (uint32_t E : Waiting[K])
          keep(E);
        Waiting[K].clear();
      }
    }
    // reach(), call() and keep() grow Work, never Nodes.
    const Node &Nd = Nodes[N];
    for (uint32_t To : Nd.Edges)
      reach(To);
    for (uint32_t K : Nd.Keys)
      call(K);
    for (uint32_t E : Nd.Entries)
      offer(E);
  }
}

void Pruner::defsyms(std::vector<std::string> &Out, PruneStats &Stats) const {
  llvm::StringMap<std::pair<llvm::StringRef, bool>> Refs; // mref -> code
  llvm::StringMap<uint32_t> Names;
  std::vector<llvm::StringRef> NodeNames(Nodes.size());
  for (const auto &It : NodeIds)
    NodeNames[It.second] = It.first();
  for (const Entry &E : Entries) {
    auto &R = Refs[E.MRef];
    R.first = NodeNames[E.Code];
    R.second |= E.Kept;
  }
  for (const auto &It : Refs) {
    bool Kept = It.second.second;
    (Kept ? Stats.Kept : Stats.Pruned)++;
    Out.push_back(("--defsym=" + It.first() + "=" +
                   (Kept ? "\"" + It.second.first.str() + "\""
                         : std::string("gort_unreachableMethod")))
                      .str());
  }
  for (const WeakInit &W : Inits) {
    (W.Kept ? Stats.InitsKept : Stats.InitsDropped)++;
    Out.push_back(("--defsym=" + W.MRef + "=" +
                   (W.Kept ? "\"" + NodeNames[W.Code].str() + "\""
                           : std::string("gort_skipInit")))
                      .str());
  }
}

} // namespace

bool gortc::pruneMethods(const std::vector<std::string> &Objects,
                         const std::string &RuntimeLib,
                         std::vector<std::string> &Defsyms, PruneStats &Stats,
                         std::string &Error) {
  Pruner P;
  std::vector<std::unique_ptr<llvm::MemoryBuffer>> Buffers;
  for (const std::string &Path : Objects) {
    auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
    if (!Buf) {
      Error = "cannot read " + Path + ": " + Buf.getError().message();
      return false;
    }
    auto Obj =
        llvm::object::ObjectFile::createObjectFile((*Buf)->getMemBufferRef());
    llvm::Expected<llvm::StringRef> Summary =
        Obj ? sectionContents(**Obj, codegen::LinkInfoSection)
            : Obj.takeError();
    if (!Summary) {
      Error = Path + ": " + llvm::toString(Summary.takeError());
      return false;
    }
    if (!Summary->empty() && !P.addSummary(*Summary, Error)) {
      Error = Path + ": " + Error;
      return false;
    }
    Buffers.push_back(std::move(*Buf));
  }

  // The runtime library's references are roots.
  auto Lib = llvm::MemoryBuffer::getFile(RuntimeLib, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Lib) {
    Error = "cannot read " + RuntimeLib + ": " + Lib.getError().message();
    return false;
  }
  auto Ar = llvm::object::Archive::create((*Lib)->getMemBufferRef());
  if (!Ar) {
    Error = RuntimeLib + ": " + llvm::toString(Ar.takeError());
    return false;
  }
  llvm::Error Err = llvm::Error::success();
  for (const llvm::object::Archive::Child &C : (*Ar)->children(Err)) {
    auto Bin = C.getAsBinary();
    if (!Bin) {
      llvm::consumeError(Bin.takeError());
      continue;
    }
    auto *Obj = llvm::dyn_cast<llvm::object::ObjectFile>(Bin->get());
    if (!Obj)
      continue;
    for (const llvm::object::SymbolRef &S : Obj->symbols()) {
      llvm::Expected<uint32_t> Flags = S.getFlags();
      llvm::Expected<llvm::StringRef> Name = S.getName();
      if (!Flags || !Name) {
        llvm::consumeError(Flags.takeError());
        llvm::consumeError(Name.takeError());
        continue;
      }
      if (*Flags & llvm::object::SymbolRef::SF_Undefined)
        P.addRoot(*Name);
    }
  }
  if (Err) {
    Error = RuntimeLib + ": " + llvm::toString(std::move(Err));
    return false;
  }

  P.run();
  P.defsyms(Defsyms, Stats);
  return true;
}
