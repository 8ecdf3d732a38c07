//===- tools/gortc/cache.cpp - The build cache ----------------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// See cache.h.
//
//===----------------------------------------------------------------------===//

#include "tools/gortc/cache.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

using namespace gortc;

static const char Header[] = "gortc cache entry 1\n";

std::string BuildCache::defaultDir() {
  if (const char *D = std::getenv("GORTCACHE"); D && *D)
    return llvm::StringRef(D) == "off" ? "" : D;
  llvm::SmallString<256> P;
  if (const char *X = std::getenv("XDG_CACHE_HOME"); X && *X) {
    P = X;
  } else if (const char *Home = std::getenv("HOME"); Home && *Home) {
    P = Home;
    llvm::sys::path::append(P, ".cache");
  } else {
    return "";
  }
  llvm::sys::path::append(P, "gortc");
  return std::string(P);
}

void CacheKey::add(llvm::StringRef Field, llvm::StringRef Value) {
  H.update(Field);
  H.update(llvm::StringRef(":" + llvm::utostr(Value.size()) + ":"));
  H.update(Value);
  H.update(llvm::StringRef("\n"));
}

std::string CacheKey::hex() {
  llvm::BLAKE3Result<32> R = H.final();
  return llvm::toHex(R, /*LowerCase=*/true);
}

const std::string &BuildCache::compilerID(const std::string &Argv0) {
  static const std::string ID = [&] {
    CacheKey K;
    K.add("llvm", LLVM_VERSION_STRING);
    std::string Exe = llvm::sys::fs::getMainExecutable(
        Argv0.c_str(), reinterpret_cast<void *>(&BuildCache::defaultDir));
    if (auto Buf = llvm::MemoryBuffer::getFile(Exe))
      K.add("exe", (*Buf)->getBuffer());
    else
      K.add("exe-path", Exe); // unreadable: at least tell builds apart
    return K.hex();
  }();
  return ID;
}

std::string BuildCache::entryPath(llvm::StringRef Key) const {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, Key.take_front(2), Key);
  return std::string(P);
}

bool BuildCache::lookup(llvm::StringRef Key,
                        std::vector<llvm::SmallString<0>> &Objects) const {
  if (!enabled())
    return false;
  auto Buf = llvm::MemoryBuffer::getFile(entryPath(Key), /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return false;
  llvm::StringRef Rest = (*Buf)->getBuffer();
  if (!Rest.consume_front(Header))
    return false;
  std::vector<llvm::SmallString<0>> Out;
  while (!Rest.empty()) {
    auto [Line, Tail] = Rest.split('\n');
    uint64_t Size;
    if (Line.getAsInteger(10, Size) || Tail.size() < Size)
      return false; // damaged: a miss
    Out.emplace_back(Tail.take_front(Size));
    Rest = Tail.drop_front(Size);
  }
  if (Out.empty())
    return false;
  Objects = std::move(Out);
  return true;
}

void BuildCache::store(llvm::StringRef Key,
                       llvm::ArrayRef<llvm::SmallString<0>> Objects) const {
  if (!enabled())
    return;
  std::string Path = entryPath(Key);
  llvm::StringRef Parent = llvm::sys::path::parent_path(Path);
  if (llvm::sys::fs::create_directories(Parent))
    return;
  llvm::SmallString<256> Tmp;
  int FD;
  if (llvm::sys::fs::createUniqueFile(Path + ".tmp-%%%%%%%%", FD, Tmp))
    return;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Header;
    for (const llvm::SmallString<0> &O : Objects)
      OS << O.size() << '\n' << O;
    OS.close();
    if (OS.has_error()) {
      OS.clear_error();
      llvm::sys::fs::remove(Tmp);
      return;
    }
  }
  if (llvm::sys::fs::rename(Tmp, Path))
    llvm::sys::fs::remove(Tmp);
}

bool BuildCache::clean(llvm::StringRef Dir, std::string &Err) {
  if (Dir.empty() || !llvm::sys::fs::exists(Dir))
    return true;
  if (std::error_code EC = llvm::sys::fs::remove_directories(Dir)) {
    Err = "cannot remove " + Dir.str() + ": " + EC.message();
    return false;
  }
  return true;
}
