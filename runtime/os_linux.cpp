//===- runtime/os_linux.cpp - Linux process start-up services
//--------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// What the runtime needs from Linux beyond single system calls (gc:
// os_linux.go, and the TLS set-up that gc does in asm): the initial stack's
// argument, environment and auxiliary vectors, the CPU count, futex sleep
// and wake-up, and static thread-local storage without a dynamic loader.
//
// Initial process stack (SP at entry, System V ABI):
//   argc | argv[0..argc-1] | 0 | envp[...] | 0 | auxv pairs (type, value)... |
//   AT_NULL
// args() records argv/envp and reads AT_PAGESZ and AT_RANDOM from auxv;
// osinit() reads the CPU count and the transparent huge page size.
//
// Static TLS: lld lays out .tdata/.tbss as one PT_TLS segment and resolves
// every thread-local access to a constant offset from the thread pointer
// (local-exec; docs/toolchain.md section 5). A thread's block is a copy of
// the segment's initialisation image:
//   x86-64 (variant II):  [ .tdata | .tbss ] TCB    tp = TCB, *(tp) = tp,
//                         block start = tp - alignUp(p_memsz, p_align)
//   AArch64 (variant I):  TCB(16 bytes) [ .tdata | .tbss ]
//                         block start = tp + alignUp(16, p_align)
// The program headers are found through __ehdr_start, which lld defines;
// the collector reads them too, for the writable segments it scans as
// roots (forEachWritableSegment, mgcmark.cpp). tlsalloc builds a block; settls
// installs it. The thread pointer must be set in one function and TLS touched
// only in callees: LLVM may read the thread pointer early in a function
// (toolchain.md section 0.6).
//
// Entry points: rt0_go (proc.cpp) calls args, tlsalloc, settls, osinit;
// lock_futex.cpp calls futexsleep/futexwakeup; mgcmark.cpp calls
// forEachWritableSegment.
//
//===----------------------------------------------------------------------===//

#include "runtime/os_linux.h"

#include "runtime/malloc.h"
#include "runtime/panic.h"
#include "runtime/print.h"
#include "runtime/stubs.h"
#include "runtime/sys_linux.h"

/// The executable's ELF header, mapped with the first PT_LOAD segment;
/// defined by lld.
extern "C" const uint8_t __ehdr_start[] __attribute__((visibility("hidden")));

namespace gort {

int32_t Ncpu;
uintptr_t PhysPageSize;
uintptr_t PhysHugePageSize;
const uint8_t *StartupRandomData;

namespace {

// Auxiliary vector types (elf.h).
constexpr uintptr_t AtNull = 0;
constexpr uintptr_t AtPagesz = 6;
constexpr uintptr_t AtRandom = 25;

// ELF structures (elf.h), only the fields used here.
struct Elf64Ehdr {
  uint8_t Ident[16];
  uint16_t Type;
  uint16_t Machine;
  uint32_t Version;
  uint64_t Entry;
  uint64_t Phoff;
  uint64_t Shoff;
  uint32_t Flags;
  uint16_t Ehsize;
  uint16_t Phentsize;
  uint16_t Phnum;
  uint16_t Shentsize;
  uint16_t Shnum;
  uint16_t Shstrndx;
};

struct Elf64Phdr {
  uint32_t Type;
  uint32_t Flags;
  uint64_t Offset;
  uint64_t Vaddr;
  uint64_t Paddr;
  uint64_t Filesz;
  uint64_t Memsz;
  uint64_t Align;
};

constexpr uint32_t PtLoad = 1;
constexpr uint32_t PtTls = 7;
constexpr uint32_t PfW = 2; ///< segment flag: writable

/// The PT_TLS segment of the executable (filled by findTLS).
struct TlsImage {
  const uint8_t *Init; ///< initialisation image, FileSz bytes
  uintptr_t FileSz;
  uintptr_t MemSz;
  uintptr_t Align;
  bool Valid;
};
TlsImage TLSImage;

#if defined(__x86_64__)
/// Bytes reserved for the thread control block above tp.
constexpr uintptr_t TcbSize = 64;
#endif

/// The CPU mask buffer for sched_getaffinity (static: too big for a frame).
uint8_t AffinityBuf[1024];

int32_t getproccount() {
  int32_t R = schedGetaffinity(0, sizeof(AffinityBuf), AffinityBuf);
  if (R < 0)
    return 1;
  int32_t N = 0;
  for (int32_t I = 0; I < R; I++)
    N += __builtin_popcount(AffinityBuf[I]);
  return N == 0 ? 1 : N;
}

/// The executable's program headers, their number and its load bias:
/// __ehdr_start's address minus the vaddr of the PT_LOAD that maps file
/// offset 0 (zero for our static, non-PIE executables).
struct ProgramHeaders {
  const Elf64Phdr *Ph;
  uint16_t N;
  uintptr_t Bias;
};

ProgramHeaders programHeaders() {
  const uint8_t *Base = __ehdr_start;
  const Elf64Ehdr *Eh = reinterpret_cast<const Elf64Ehdr *>(Base);
  const Elf64Phdr *Ph = reinterpret_cast<const Elf64Phdr *>(Base + Eh->Phoff);
  uintptr_t Bias = 0;
  for (uint16_t I = 0; I < Eh->Phnum; I++)
    if (Ph[I].Type == PtLoad && Ph[I].Offset == 0) {
      Bias = uintptr_t(Base) - Ph[I].Vaddr;
      break;
    }
  return ProgramHeaders{Ph, Eh->Phnum, Bias};
}

void findTLS() {
  if (TLSImage.Valid)
    return;
  auto [Ph, N, Bias] = programHeaders();
  TLSImage.Init = nullptr;
  TLSImage.FileSz = 0;
  TLSImage.MemSz = 0;
  TLSImage.Align = 16;
  for (uint16_t I = 0; I < N; I++) {
    if (Ph[I].Type != PtTls)
      continue;
    TLSImage.Init = reinterpret_cast<const uint8_t *>(Ph[I].Vaddr + Bias);
    TLSImage.FileSz = Ph[I].Filesz;
    TLSImage.MemSz = Ph[I].Memsz;
    if (Ph[I].Align > TLSImage.Align)
      TLSImage.Align = Ph[I].Align;
    break;
  }
  TLSImage.Valid = true;
}

} // namespace

void forEachWritableSegment(void (*Fn)(uintptr_t Lo, uintptr_t Hi)) {
  auto [Ph, N, Bias] = programHeaders();
  for (uint16_t I = 0; I < N; I++)
    if (Ph[I].Type == PtLoad && (Ph[I].Flags & PfW)) {
      uintptr_t Lo = Ph[I].Vaddr + Bias;
      Fn(Lo, Lo + Ph[I].Memsz);
    }
}

void args(uintptr_t *SP) {
  Argc = int32_t(SP[0]);
  Argv = reinterpret_cast<char **>(SP + 1);
  Envp = Argv + Argc + 1;
  uintptr_t N = 0;
  while (Envp[N])
    N++;
  // auxv follows the environment's null terminator.
  const uintptr_t *Auxv = reinterpret_cast<const uintptr_t *>(Envp + N + 1);
  for (; Auxv[0] != AtNull; Auxv += 2) {
    switch (Auxv[0]) {
    case AtPagesz:
      PhysPageSize = Auxv[1];
      break;
    case AtRandom:
      StartupRandomData = reinterpret_cast<const uint8_t *>(Auxv[1]);
      break;
    }
  }
}

namespace {

/// The kernel's transparent huge page size, or 0 (gc: getHugePageSize).
uintptr_t getHugePageSize() {
  int32_t Fd = openRead("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size");
  if (Fd < 0)
    return 0;
  char Buf[24];
  int32_t N = read(Fd, Buf, int32_t(sizeof(Buf)));
  closefd(Fd);
  uintptr_t V = 0;
  for (int32_t I = 0; I < N && Buf[I] >= '0' && Buf[I] <= '9'; I++)
    V = V * 10 + uintptr_t(Buf[I] - '0');
  // Only a power of two is a page size.
  return (V & (V - 1)) == 0 ? V : 0;
}

} // namespace

void osinit() {
  Ncpu = getproccount();
  if (PhysPageSize == 0)
    PhysPageSize = 4096;
  PhysHugePageSize = getHugePageSize();
}

uintptr_t tlsalloc() {
  findTLS();
  uintptr_t Align = TLSImage.Align;
#if defined(__x86_64__)
  uintptr_t Off = alignUp(TLSImage.MemSz, Align);
  uintptr_t Size = alignUp(Off + TcbSize + Align, 4096);
#else
  uintptr_t Off = alignUp(16, Align);
  uintptr_t Size = alignUp(Off + TLSImage.MemSz + Align, 4096);
#endif
  MmapResult R =
      mmap(nullptr, Size, ProtRead | ProtWrite, MapPrivate | MapAnon, -1, 0);
  if (R.Err != 0)
    fatal("runtime: cannot allocate thread-local storage");
  uintptr_t Base = uintptr_t(R.P);
#if defined(__x86_64__)
  uintptr_t TP = alignUp(Base + Off, Align);
  uintptr_t Start = TP - Off;
  *reinterpret_cast<uintptr_t *>(TP) = TP; // %fs:0 holds tp itself
#else
  uintptr_t TP = alignUp(Base, Align);
  uintptr_t Start = TP + Off;
#endif
  if (TLSImage.FileSz)
    memcpy(reinterpret_cast<void *>(Start), TLSImage.Init, TLSImage.FileSz);
  // .tbss is already zero: the mapping is fresh.
  return TP;
}

void settls(uintptr_t TP) {
#if defined(__x86_64__)
  if (archPrctl(ArchSetFS, TP) != 0)
    fatal("runtime: arch_prctl(ARCH_SET_FS) failed");
#else
  __asm__ volatile("msr tpidr_el0, %0" : : "r"(TP) : "memory");
#endif
}

void futexsleep(uint32_t *Addr, uint32_t Val, int64_t Ns) {
  if (Ns < 0) {
    futex(Addr, FutexWaitPrivate, Val, nullptr, nullptr, 0);
    return;
  }
  Timespec TS = {Ns / 1000000000, Ns % 1000000000};
  futex(Addr, FutexWaitPrivate, Val, &TS, nullptr, 0);
}

namespace {
struct FutexFailure {
  uint32_t *Addr;
  int64_t R;
};

void futexwakeupFailedM(void *Arg) {
  auto *F = static_cast<FutexFailure *>(Arg);
  printlock();
  printstring("futexwakeup addr=");
  printpointer(F->Addr);
  printstring(" returned ");
  printint(F->R);
  printnl();
  printunlock();
  fatal("futexwakeup");
}
} // namespace

void futexwakeup(uint32_t *Addr, uint32_t Cnt) {
  int32_t R = futex(Addr, FutexWakePrivate, Cnt, nullptr, nullptr, 0);
  if (R >= 0)
    return;
  // The report runs on g0: printunlock calls unlock, which calls this.
  FutexFailure F = {Addr, R};
  onSystemStack(futexwakeupFailedM, &F);
}

} // namespace gort
