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

#include <chrono>
#include <cstdlib>
#include <optional>
#include <unistd.h>

using namespace gortc;

static const char Header[] = "gortc cache entry 2\n";

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
    K.add("exe", fileID(Exe));
    return K.hex();
  }();
  return ID;
}

std::string BuildCache::fileID(llvm::StringRef Path) {
  // As ccache's default compiler_check: the file's identity, size and
  // modification time, which every rebuild changes (hashing its contents
  // would cost each build a few milliseconds).
  CacheKey K;
  llvm::sys::fs::file_status St;
  K.add("path", Path);
  if (!llvm::sys::fs::status(Path, St)) {
    K.add("size", llvm::utostr(St.getSize()));
    K.add("mtime",
          llvm::utostr(uint64_t(
              St.getLastModificationTime().time_since_epoch().count())));
    K.add("inode", llvm::utostr(St.getUniqueID().getFile()));
  }
  return K.hex();
}

std::string BuildCache::entryPath(llvm::StringRef Key) const {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, Key.take_front(2), Key);
  return std::string(P);
}

std::string BuildCache::objectPath(llvm::StringRef Entry, size_t N) {
  return (Entry + "-" + llvm::utostr(N) + ".o").str();
}

namespace {

/// Trimming (cache.h), as go's cache.Trim: entries unused this long go,
/// checked this often; a used entry's index is touched at most this often.
constexpr std::chrono::hours TrimAge(24 * 5), TrimInterval(24),
    TouchInterval(1);

llvm::sys::TimePoint<> now() {
  return std::chrono::time_point_cast<std::chrono::nanoseconds>(
      std::chrono::system_clock::now());
}

/// Path's modification time, or nothing if it cannot be had.
std::optional<llvm::sys::TimePoint<>> modified(const llvm::Twine &Path) {
  llvm::sys::fs::file_status St;
  if (llvm::sys::fs::status(Path, St))
    return std::nullopt;
  return St.getLastModificationTime();
}

} // namespace

bool BuildCache::lookup(llvm::StringRef Key,
                        std::vector<std::string> &Paths) const {
  if (!enabled())
    return false;
  std::string Entry = entryPath(Key);
  auto Buf = llvm::MemoryBuffer::getFile(Entry, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return false;
  llvm::StringRef Rest = (*Buf)->getBuffer();
  if (!Rest.consume_front(Header) || Rest.empty())
    return false; // damaged: a miss
  // One line per object: its size, checked against the file's.
  std::vector<std::string> Out;
  while (!Rest.empty()) {
    auto [Line, Tail] = Rest.split('\n');
    Rest = Tail;
    uint64_t Size, Actual;
    Out.push_back(objectPath(Entry, Out.size()));
    if (Line.getAsInteger(10, Size) ||
        llvm::sys::fs::file_size(Out.back(), Actual) || Actual != Size)
      return false;
  }
  // A used entry is not trimmed: its index's time says when it was used.
  std::optional<llvm::sys::TimePoint<>> Used = modified(Entry);
  int FD;
  if (Used && now() - *Used > TouchInterval &&
      !llvm::sys::fs::openFileForReadWrite(
          Entry, FD, llvm::sys::fs::CD_OpenExisting, llvm::sys::fs::OF_None)) {
    llvm::sys::TimePoint<> T = now();
    (void)llvm::sys::fs::setLastAccessAndModificationTime(FD, T, T);
    ::close(FD);
  }
  Paths = std::move(Out);
  return true;
}

void BuildCache::trim() const {
  if (!enabled())
    return;
  std::string Marker = Dir + "/trim.txt";
  std::optional<llvm::sys::TimePoint<>> Last = modified(Marker);
  if (Last && now() - *Last < TrimInterval)
    return;
  if (!writeAtomically(Marker, "the last trim of this cache\n"))
    return;
  auto Old = [&](const llvm::Twine &Path) {
    std::optional<llvm::sys::TimePoint<>> T = modified(Path);
    return !T || now() - *T > TrimAge;
  };
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator D(Dir, EC), End; !EC && D != End;
       D.increment(EC)) {
    if (!llvm::sys::fs::is_directory(D->path()))
      continue;
    std::vector<std::string> Remove;
    std::error_code FEC;
    for (llvm::sys::fs::directory_iterator F(D->path(), FEC); !FEC && F != End;
         F.increment(FEC)) {
      // An index is <key>; its objects <key>-<n>.o and temporary files
      // <name>.tmp-<random> are removed when old and their index is too
      // (objects are never touched: their index says when they were used).
      llvm::StringRef Name = llvm::sys::path::filename(F->path());
      llvm::StringRef Key =
          Name.take_until([](char C) { return C == '-' || C == '.'; });
      if (Old(F->path()) && (Key == Name || Old(D->path() + "/" + Key)))
        Remove.push_back(F->path());
    }
    for (const std::string &P : Remove)
      llvm::sys::fs::remove(P);
  }
}

bool BuildCache::writeAtomically(const std::string &Path,
                                 llvm::StringRef Data) {
  llvm::SmallString<256> Tmp;
  int FD;
  if (llvm::sys::fs::createUniqueFile(Path + ".tmp-%%%%%%%%", FD, Tmp))
    return false;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Data;
    OS.close();
    if (OS.has_error()) {
      OS.clear_error();
      llvm::sys::fs::remove(Tmp);
      return false;
    }
  }
  if (llvm::sys::fs::rename(Tmp, Path)) {
    llvm::sys::fs::remove(Tmp);
    return false;
  }
  return true;
}

bool BuildCache::store(llvm::StringRef Key,
                       llvm::ArrayRef<llvm::SmallString<0>> Objects,
                       std::vector<std::string> &Paths) const {
  if (!enabled() || Objects.empty())
    return false;
  std::string Entry = entryPath(Key);
  if (llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Entry)))
    return false;
  std::vector<std::string> Out;
  for (size_t I = 0; I < Objects.size(); ++I) {
    Out.push_back(objectPath(Entry, I));
    if (!writeAtomically(Out.back(), Objects[I]))
      return false;
  }
  std::string Index = Header;
  for (const llvm::SmallString<0> &O : Objects)
    Index += llvm::utostr(O.size()) + "\n";
  if (!writeAtomically(Entry, Index))
    return false;
  Paths = std::move(Out);
  return true;
}

int BuildCache::lock(llvm::StringRef Key) const {
  if (!enabled())
    return -1;
  std::string Path = entryPath(Key) + ".lock";
  int FD;
  if (llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)) ||
      llvm::sys::fs::openFileForReadWrite(
          Path, FD, llvm::sys::fs::CD_OpenAlways, llvm::sys::fs::OF_None))
    return -1;
  if (llvm::sys::fs::lockFile(FD)) {
    ::close(FD);
    return -1;
  }
  return FD;
}

void BuildCache::unlock(int FD) {
  if (FD < 0)
    return;
  (void)llvm::sys::fs::unlockFile(FD);
  ::close(FD);
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
