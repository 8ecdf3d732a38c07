//===- runtime/stack.cpp - Segmented goroutine stacks
//-----------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Goroutine stacks: small segments chained on demand (design.md "Stack
// growth"), and the allocator they come from (gc: stack.go, whose names
// stackalloc/stackfree/newstack this file keeps; gc copies stacks instead).
//
// Data structures:
//   StackSeg  header at the top of each segment: Prev/Next links, the block
//             [Lo, Lo+Size) and Total, the bytes of this and all earlier
//             segments. The usable stack is [Lo, header).
//   G         StackLo/StackHi bound the current segment, StackGuard0 =
//             StackLo + abi::StackGuard (or abi::StackPreempt), Seg points at
//             the current header.
//   StackPool per power-of-two order (2 KiB << order, orders
//             0..NumStackOrders-1), the 1 MiB chunks carved into blocks of
//             that order that have a free block (gc: stackpool). Each
//             chunk is a manual span of the heap (MHeap::allocManual,
//             mheap.cpp) with its own free list of freed blocks
//             (MSpan::ManualFreeList), the count of blocks handed out
//             since it was carved (FreeIndex: the rest are untouched) and
//             of blocks in use (AllocCount). A freed block's link is its
//             last word, at the top a goroutine's first frames use anyway:
//             the pool touches no page a goroutine would not, and a
//             blocked goroutine that never left its first 2 KiB segment
//             costs 2 KiB of resident stack.
//             Larger blocks are manual spans of their own; freed, they go
//             back to the heap, and its scavenger returns their memory to
//             the OS. A chunk whose blocks are all free goes back at the
//             next collection (shrinkStacks).
//
// The protocol with compiled code (libgort/abi.h, abi.def,
// codegen/stack_check.cpp):
//   1. Every function that calls or has a frame above abi::StackSmall starts
//      with a check that the frame it needs lies above g->stackguard0:
//      either `SP <= stackguard0` after its prologue (frames of at most
//      abi::StackFrameMax bytes, which fit in the StackGuard margin), or,
//      for bigger frames, `SP - Need <= stackguard0` in a small wrapper
//      before the function's body is entered.
//   2. On the slow path it calls gort_stack_reserve(Need, BlockSize). A
//      preemption request (StackGuard0 == abi::StackPreempt, set by sysmon)
//      is handled first: the goroutine yields (gort_gopreempt, proc.cpp) if
//      this M may stop it; if the frame then fits above the real guard,
//      gort_stack_reserve returns null and the function runs on.
//   3. Otherwise gort_stack_reserve switches to g0 and makes sure the
//      current segment's Next has room for the block at its top and, below
//      it, the thunk's frame, Need and abi::StackGuard: it reuses the cached
//      Next (a "hot split" costs no allocation) or frees it and allocates a
//      segment of twice the current size or, for a big Need, the next power of
//      two that fits (stackreserve). It fails with "stack overflow" if the
//      goroutine's total would exceed MaxStackSize. The block is the end of
//      Next.
//   4. The function stores its arguments in the block and calls
//      gort_morestack(Thunk, Block) (asm_<goarch>.S), which saves
//      callee-saved registers and a frame record on the old segment (a few
//      words), switches to g0 and calls gort_newstack. The function writes
//      nothing in its own frame, which may lie below the segment.
//   5. gort_newstack (on g0) makes Next current and returns the block's
//      address.
//   6. gort_morestack switches back to the goroutine, with its stack
//      pointer just below the block, and calls Thunk(Block), which re-calls
//      the function with the arguments from the block and stores its
//      results there. The thunk's frame record links to gort_morestack's on
//      the old segment, which links to the caller's: the frame-pointer chain
//      runs across segments. The block lies above every frame of the
//      segment, so nothing can reuse it until the thunk returns.
//   7. When the thunk returns, gort_oldstack makes the previous segment
//      current again and gort_morestack returns on the old segment. The
//      segment left stays cached as the previous one's Next, whatever its
//      size, so crossing one boundary again and again never allocates.
//      Segments cached beyond it are kept while they are at most
//      StackCacheMax (64 KiB) and freed from the first bigger one on. A
//      goroutine thus keeps at most one big segment after a deep recursion
//      returns, plus up to 16+32+64 KiB of small ones for code that
//      oscillates across several small boundaries, until the next
//      collection: with the world stopped, shrinkStacks frees every
//      segment beyond each goroutine's current one, unless the goroutine
//      entered them since the collection before (StackSeg::NextUsed), so
//      a goroutine still oscillating across the boundary keeps them (gc
//      shrinks stacks at GC time too, by copying them into half the
//      space).
//
// Hot splits: a loop whose calls cross a segment boundary switches stacks
// twice per call. Frames cannot move to a bigger segment, so the main
// goroutine, where most programs do their work, starts on a segment of
// MainStackMin bytes instead of StackMin (proc.cpp rt0go).
//
// Debugging: GORTDEBUG=stackcheck=1 makes every gort_morestack and every
// preemption check that the goroutine's SP lies inside its current segment
// (a frame that reached below its segment would fail it).
//
// Invariants:
//   - Gp->Seg is the segment containing Gp's SP while Gp runs Go code;
//     StackLo == Seg->Lo, StackHi == (uintptr_t)Seg.
//   - Seg->Next->Prev == Seg; sizes double along the chain, so Total < 2 x
//     the last Size. Every segment after Seg->Next is at most StackCacheMax
//     bytes.
//   - StackGuard0 is StackLo + abi::StackGuard unless a preemption is
//     requested (Preempt set, StackGuard0 == abi::StackPreempt).
// Locking: StackLock guards the pools and StackStat's Allocs/Frees. A G's
// segment chain belongs to the M running it. stackalloc and stackfree run
// on the system stack.
//
// Preemption: a request (StackGuard0 == abi::StackPreempt, from sysmon or
// a stop-the-world) is honoured at the next prologue check, in
// gort_stack_reserve, and at the next loop back-edge, where compiled code
// polls the same word and calls gort_preempt_poll
// (codegen/preempt_poll.cpp), so a loop without calls cannot hold up a
// stop-the-world.
//
// Entry points: gort_stack_reserve, gort_morestack and gort_preempt_poll
// (compiled code);
// gort_newstack / gort_oldstack (asm only); stackinitg / stackresetg /
// stackfreeg / stackcheckg (proc.cpp).
//
// Rejected: gc's contiguous copying stacks (LLVM cannot tell us every
// pointer into a stack); a guard page per segment (an mprotect per segment
// and one VMA each); one mmap per segment (65530-mapping limit).
//
//===----------------------------------------------------------------------===//

#include "runtime/stack.h"

#include "runtime/abi_entry.h"
#include "runtime/atomic.h"
#include "runtime/lock.h"
#include "runtime/malloc.h"
#include "runtime/mheap.h"
#include "runtime/os_linux.h"
#include "runtime/panic.h"
#include "runtime/print.h"
#include "runtime/proc.h"
#include "runtime/stubs.h"

namespace gort {

uintptr_t MaxStackSize = 1000000000;

StackStats StackStat;

namespace {

/// Pooled orders: 2 KiB .. 512 KiB.
constexpr unsigned NumStackOrders = 9;
constexpr uintptr_t StackChunkSize = 1 << 20;
/// Cached segments beyond the one being left are kept up to this size.
constexpr uintptr_t StackCacheMax = 64 << 10;
static_assert((StackMin << (NumStackOrders - 1)) <= StackChunkSize);
static_assert(StackChunkSize % PageSize == 0);

/// A freed block in a pool, stored in the block's last word: the top of a
/// stack is the part a goroutine touches anyway (the pool links blocks by
/// their base address).
struct StackFreeBlock {
  StackFreeBlock *Next;
};

/// The link word of the free block at Base of Size bytes: its last word.
inline StackFreeBlock **freeLink(uintptr_t Base, uintptr_t Size) {
  return reinterpret_cast<StackFreeBlock **>(Base + Size -
                                             sizeof(StackFreeBlock *));
}

Mutex StackLock;
SpanList StackPool[NumStackOrders]; ///< guarded by StackLock

/// Returns the order of N, or NumStackOrders if N is not pooled.
unsigned stackOrder(uintptr_t N) {
  unsigned Order = 0;
  for (uintptr_t S = StackMin; S < N; S <<= 1)
    Order++;
  return Order < NumStackOrders ? Order : NumStackOrders;
}

bool onSystemStack() {
  G *Gp = getg();
  return !Gp || Gp == Gp->Mp->G0;
}

/// Whether a chunk of blocks of Size has none left to hand out.
bool chunkFull(const MSpan *Chunk, uintptr_t Size) {
  return Chunk->ManualFreeList == 0 &&
         Chunk->FreeIndex == StackChunkSize / Size;
}

/// Adds a new chunk for blocks of Order to StackPool[Order]. Its blocks
/// are handed out in address order (FreeIndex), so that a block's memory
/// is first touched by the goroutine that gets it: threading a free list
/// through 512 blocks of 2 KiB would touch every page of the chunk. Caller
/// holds StackLock.
void stackpoolRefill(unsigned Order) {
  MSpan *Chunk = Heap.allocManual(StackChunkSize >> PageShift);
  if (!Chunk) {
    unlock(&StackLock);
    fatal("out of memory allocating stack");
  }
  Chunk->ManualFreeList = 0;
  Chunk->FreeIndex = 0;
  Chunk->AllocCount = 0;
  Chunk->Next = Chunk->Prev = nullptr;
  Chunk->List = nullptr;
  StackPool[Order].push(Chunk);
}

/// A block of Order from the pool (gc: stackpoolalloc). Caller holds
/// StackLock.
uintptr_t stackpoolAlloc(unsigned Order) {
  if (StackPool[Order].isEmpty())
    stackpoolRefill(Order);
  MSpan *Chunk = StackPool[Order].First;
  uintptr_t Size = StackMin << Order;
  uintptr_t B = Chunk->ManualFreeList;
  if (B)
    Chunk->ManualFreeList = reinterpret_cast<uintptr_t>(*freeLink(B, Size));
  else
    B = Chunk->base() + Chunk->FreeIndex++ * Size;
  Chunk->AllocCount++;
  if (chunkFull(Chunk, Size))
    StackPool[Order].remove(Chunk);
  return B;
}

/// Returns the block at B to its chunk (gc: stackpoolfree). A chunk left
/// without blocks in use stays in the pool until shrinkStacks. Caller
/// holds StackLock.
void stackpoolFree(uintptr_t B, unsigned Order) {
  MSpan *Chunk = spanOfUnchecked(B);
  GORT_ASSERT(Chunk->State == MSpanState::Manual && Chunk->AllocCount > 0);
  uintptr_t Size = StackMin << Order;
  if (chunkFull(Chunk, Size))
    StackPool[Order].push(Chunk);
  *freeLink(B, Size) =
      reinterpret_cast<StackFreeBlock *>(Chunk->ManualFreeList);
  Chunk->ManualFreeList = B;
  Chunk->AllocCount--;
}

/// Sets Gp's bounds to segment Seg. Keeps a pending preemption request.
void useSeg(G *Gp, StackSeg *Seg) {
  Gp->Seg = Seg;
  Gp->StackLo = Seg->Lo;
  Gp->StackHi = uintptr_t(Seg);
  Gp->StackGuard1 = ~uintptr_t(0);
  bool Preempt =
      Gp->Preempt || atomic::load(&Gp->StackGuard0) == abi::StackPreempt;
  atomic::store(&Gp->StackGuard0,
                Preempt ? abi::StackPreempt : Seg->Lo + abi::StackGuard);
}

/// Allocates a segment of Size bytes entered from Prev. System stack.
StackSeg *newSeg(uintptr_t Size, StackSeg *Prev) {
  Stack S = stackalloc(Size);
  StackSeg *Seg =
      reinterpret_cast<StackSeg *>(alignDown(S.Hi - sizeof(StackSeg), 16));
  Seg->Prev = Prev;
  Seg->Next = nullptr;
  Seg->Lo = S.Lo;
  Seg->Size = Size;
  Seg->NextUsed = false;
  Seg->Total = (Prev ? Prev->Total : 0) + Size;
  if (Debug.GCCheckmark)
    memset(reinterpret_cast<void *>(Seg->Lo), 0, uintptr_t(Seg) - Seg->Lo);
  return Seg;
}

void freeSeg(StackSeg *Seg) { stackfree(Stack{Seg->Lo, Seg->Lo + Seg->Size}); }

/// Frees Seg and every segment after it. System stack.
void freeSegChain(void *Arg) {
  StackSeg *Seg = static_cast<StackSeg *>(Arg);
  while (Seg) {
    StackSeg *Next = Seg->Next;
    freeSeg(Seg);
    Seg = Next;
  }
}

[[noreturn]] void stackOverflow(G *Gp, uintptr_t SP) {
  // gc: newstack's message, then throw. One print statement, so one write.
  printlock();
  printstring("runtime: goroutine stack exceeds ");
  printuint(MaxStackSize);
  printstring("-byte limit\n");
  printstring("runtime: sp=");
  printhex(SP);
  printstring(" stack=[");
  printhex(Gp->StackLo);
  printstring(", ");
  printhex(Gp->StackHi);
  printstring("]\n");
  fatal("stack overflow");
}

} // namespace

void stackinit() {
  for (SpanList &L : StackPool)
    L = SpanList{};
}

Stack stackalloc(uintptr_t N) {
  GORT_ASSERT(onSystemStack());
  GORT_ASSERT(N >= StackMin && (N & (N - 1)) == 0);
  unsigned Order = stackOrder(N);
  if (Order < NumStackOrders) {
    lock(&StackLock);
    uintptr_t B = stackpoolAlloc(Order);
    StackStat.Allocs++;
    unlock(&StackLock);
    return Stack{B, B + N};
  }
  MSpan *Span = Heap.allocManual(N >> PageShift);
  if (!Span)
    fatal("out of memory allocating stack");
  lock(&StackLock);
  StackStat.Allocs++;
  unlock(&StackLock);
  return Stack{Span->base(), Span->base() + N};
}

void stackfree(Stack S) {
  GORT_ASSERT(onSystemStack());
  uintptr_t N = S.Hi - S.Lo;
  unsigned Order = stackOrder(N);
  if (Order < NumStackOrders) {
    lock(&StackLock);
    stackpoolFree(S.Lo, Order);
    StackStat.Frees++;
    unlock(&StackLock);
    return;
  }
  Heap.freeManual(spanOfUnchecked(S.Lo));
  lock(&StackLock);
  StackStat.Frees++;
  unlock(&StackLock);
}

void stackinitg(G *Gp, uintptr_t Size) {
  useSeg(Gp, newSeg(Size, nullptr));
}

namespace {
/// What callWithRoom stores in the block on the next segment.
struct RoomCall {
  void (*Fn)(void *);
  void *Arg;
};

void roomThunk(void *Block) {
  auto *C = static_cast<RoomCall *>(Block);
  C->Fn(C->Arg);
}
} // namespace

// No tail calls: a walk of the stack (traceback.cpp forEachFrame) skips the
// record of gort_morestack's caller, which must be this frame.
__attribute__((disable_tail_calls)) void
callWithRoom(void (*Fn)(void *), void *Arg, uintptr_t Need) {
  G *Gp = getgOrNull();
  uintptr_t SP = uintptr_t(__builtin_frame_address(0));
  // On g0 the guard is far below: the compare passes. A preemption
  // request (StackGuard0 == StackPreempt) fails it: gort_stack_reserve
  // yields, and returns null if the call then fits.
  if (Gp && Gp != Gp->Mp->G0 && SP - Need <= atomic::load(&Gp->StackGuard0)) {
    if (void *Block = gort_stack_reserve(Need, sizeof(RoomCall))) {
      *static_cast<RoomCall *>(Block) = RoomCall{Fn, Arg};
      gort_morestack(roomThunk, Block);
      return;
    }
  }
  Fn(Arg);
}

namespace {
struct StackCheckFailure {
  const StackSeg *Seg;
  uintptr_t SP;
};

void stackcheckFailedM(void *Arg) {
  auto *F = static_cast<StackCheckFailure *>(Arg);
  printlock();
  printstring("runtime: sp=");
  printhex(F->SP);
  printstring(" outside its stack segment [");
  printhex(F->Seg ? F->Seg->Lo : 0);
  printstring(", ");
  printhex(uintptr_t(F->Seg));
  printstring("]\n");
  fatal("stackcheck: stack pointer outside its segment");
}
} // namespace

void stackcheckg(G *Gp, uintptr_t SP) {
  const StackSeg *Seg = Gp->Seg;
  if (Seg && SP >= Seg->Lo && SP <= uintptr_t(Seg))
    return;
  // The report runs on g0: this runs in the slow path of a prologue check.
  StackCheckFailure F = {Seg, SP};
  onSystemStack(stackcheckFailedM, &F);
}

void stackresetg(G *Gp) {
  StackSeg *First = Gp->Seg;
  GORT_ASSERT(First);
  while (First->Prev)
    First = First->Prev;
  if (First->Next) {
    freeSegChain(First->Next);
    First->Next = nullptr;
  }
  Gp->Preempt = false;
  Gp->StackGuard0 = 0;
  useSeg(Gp, First);
  if (Debug.GCCheckmark)
    memset(reinterpret_cast<void *>(First->Lo), 0,
           uintptr_t(First) - First->Lo);
}

void stackClearBelow(G *Gp, uintptr_t SP) {
  StackSeg *Seg = Gp->Seg;
  if (SP > Seg->Lo && SP <= uintptr_t(Seg))
    memset(reinterpret_cast<void *>(Seg->Lo), 0, SP - Seg->Lo);
  for (StackSeg *S = Seg->Next; S; S = S->Next)
    memset(reinterpret_cast<void *>(S->Lo), 0, uintptr_t(S) - S->Lo);
}

__attribute__((noinline)) void stackScrub(uintptr_t Bytes) {
  G *Gp = getg();
  if (!Gp || !Gp->Mp || Gp == Gp->Mp->G0 || !Gp->Seg)
    return;
  uintptr_t Here = uintptr_t(__builtin_frame_address(0));
  uintptr_t Lo = Gp->Seg->Lo;
  if (Here <= Lo || Here > uintptr_t(Gp->Seg))
    return;
  Lo = Here - Lo > Bytes ? Here - Bytes : Lo;
  // From the stack pointer down, in assembly: the words cleared lie
  // below this function's frame, where a call (memset's) would put its
  // own, and the compiler is told nothing is kept there (no red zone is
  // used after the loop).
  uintptr_t A;
#if defined(__x86_64__)
  __asm__ volatile("movq %%rsp, %[a]\n"
                   "1: cmpq %[lo], %[a]\n"
                   "jbe 2f\n"
                   "subq $8, %[a]\n"
                   "movq $0, (%[a])\n"
                   "jmp 1b\n"
                   "2:"
                   : [a] "=&r"(A)
                   : [lo] "r"(Lo)
                   : "memory", "cc");
#else
  __asm__ volatile("mov %[a], sp\n"
                   "1: cmp %[a], %[lo]\n"
                   "b.ls 2f\n"
                   "sub %[a], %[a], #8\n"
                   "str xzr, [%[a]]\n"
                   "b 1b\n"
                   "2:"
                   : [a] "=&r"(A)
                   : [lo] "r"(Lo)
                   : "memory", "cc");
#endif
}

void stackfreeg(G *Gp) {
  StackSeg *First = Gp->Seg;
  if (!First)
    return;
  while (First->Prev)
    First = First->Prev;
  freeSegChain(First);
  Gp->Seg = nullptr;
  Gp->StackLo = Gp->StackHi = 0;
  Gp->StackGuard0 = Gp->StackGuard1 = 0;
}

void shrinkStack(G *Gp) {
  GORT_ASSERT(onSystemStack());
  uint32_t Status = readgstatus(Gp);
  // A goroutine in a system call runs without a P while the world is
  // stopped; its cache is left alone. Dead Gs on Ps' lists keep theirs.
  // Segments entered since the last collection stay: a goroutine that
  // keeps crossing into them would allocate them again at once (gc
  // shrinks only stacks that used less than a quarter since the last
  // cycle). One cycle without a crossing frees them.
  StackSeg *Seg = Gp->Seg;
  if (Status == GSyscall || Status == GDead || !Seg || !Seg->Next)
    return;
  if (Seg->NextUsed) {
    Seg->NextUsed = false;
    return;
  }
  freeSegChain(Seg->Next);
  Seg->Next = nullptr;
}

void shrinkStacks(bool EachG) {
  GORT_ASSERT(onSystemStack());
  if (EachG)
    for (G *Gp = allgs(); Gp; Gp = Gp->AllLink)
      shrinkStack(Gp);
  // gc frees the stacks of the Gs on the global free list, not the Ps'.
  lock(&Sched.GFreeLock);
  for (G *Gp = Sched.GFree; Gp; Gp = Gp->SchedLink)
    stackfreeg(Gp);
  unlock(&Sched.GFreeLock);
  lock(&StackLock);
  for (SpanList &L : StackPool) {
    for (MSpan *Chunk = L.First; Chunk;) {
      MSpan *Next = Chunk->Next;
      if (Chunk->AllocCount == 0) {
        L.remove(Chunk);
        Heap.freeManual(Chunk);
      }
      Chunk = Next;
    }
  }
  unlock(&StackLock);
}

} // namespace gort

using namespace gort;

namespace {

/// Bytes a morestack thunk uses besides its outgoing arguments.
constexpr uintptr_t ThunkFrame = 256;

/// The usable bytes of segment Seg (below its header).
uintptr_t segRoom(const StackSeg *Seg) { return uintptr_t(Seg) - Seg->Lo; }

struct ReserveArgs {
  G *Gp;
  uintptr_t SP;
  uintptr_t Need;
  uintptr_t Size;
  void *Block; ///< result
};

/// Step 3 of the protocol, on g0.
void stackreserve(void *Arg) {
  ReserveArgs &A = *static_cast<ReserveArgs *>(Arg);
  G *Gp = A.Gp;
  StackSeg *Cur = Gp->Seg;
  GORT_ASSERT(Cur);
  if (A.Need > MaxStackSize || A.Size > MaxStackSize)
    stackOverflow(Gp, A.SP);
  // Below the block: the thunk's frame (its outgoing arguments are the
  // block's contents), then the function's frame and the guard margin.
  uintptr_t BlockBytes = alignUp(A.Size, 16);
  uintptr_t Room = 2 * BlockBytes + ThunkFrame + A.Need + abi::StackGuard;
  StackSeg *Next = Cur->Next;
  if (Next && segRoom(Next) < Room) {
    // The cached segment is too small for this frame.
    freeSegChain(Next);
    Cur->Next = Next = nullptr;
  }
  if (!Next) {
    uintptr_t Size = Cur->Size * 2;
    while (Size - sizeof(StackSeg) - 16 < Room)
      Size *= 2;
    if (Cur->Total + Size > MaxStackSize)
      stackOverflow(Gp, A.SP);
    Next = newSeg(Size, Cur);
    Cur->Next = Next;
  } else {
    atomic::xadd(&StackStat.SegReuses, uint64_t(1));
  }
  Cur->NextUsed = true;
  A.Block = reinterpret_cast<void *>(uintptr_t(Next) - BlockBytes);
}

/// Whether this M may stop running Gp now (gc: newstack's preemption
/// check): not while it is inside the runtime (locks held, allocating,
/// crashing) or has no P to give back.
bool canPreempt(G *Gp) {
  M *Mp = Gp->Mp;
  return Mp->Locks == 0 && Mp->Mallocing == 0 && Mp->Dying == 0 && Mp->Pp &&
         atomic::load(&Mp->Pp->Status) == PRunning && Mp->CurG == Gp;
}

/// Yields if Gp may stop now, else drops the preemption request (sysmon,
/// or a stop-the-world, repeats it if the G keeps running). Gp's
/// StackGuard0 is abi::StackPreempt.
void preemptRequested(G *Gp) {
  if (canPreempt(Gp)) {
    gort_gopreempt(); // yield; we may resume on another M
  } else {
    Gp->Preempt = false;
    atomic::store(&Gp->StackGuard0, Gp->StackLo + abi::StackGuard);
  }
}

} // namespace

/// Steps 2 and 3 of the protocol: the slow path of a prologue check.
/// Returns null when, once a preemption request is dealt with, the frame
/// fits where it is; the function then runs on.
extern "C" void *gort_stack_reserve(uint64_t Need, uint64_t Size) {
  G *Gp = getg();
  uintptr_t SP = uintptr_t(__builtin_frame_address(0));
  if (Debug.StackCheck)
    stackcheckg(Gp, SP);
  if (atomic::load(&Gp->StackGuard0) == abi::StackPreempt) {
    preemptRequested(Gp);
    if (Need < MaxStackSize && SP - Gp->StackLo > Need + abi::StackGuard)
      return nullptr;
  }
  ReserveArgs A{Gp, SP, Need, Size, nullptr};
  systemstack(stackreserve, &A);
  return A.Block;
}

/// A loop's poll found StackGuard0 == abi::StackPreempt
/// (codegen/preempt_poll.cpp): yield, as a prologue check would.
extern "C" void gort_preempt_poll() {
  G *Gp = getg();
  if (Debug.StackCheck)
    stackcheckg(Gp, uintptr_t(__builtin_frame_address(0)));
  if (atomic::load(&Gp->StackGuard0) == abi::StackPreempt)
    preemptRequested(Gp);
}

/// Step 5 of the protocol (see above). Runs on g0. SP is the goroutine's
/// stack pointer inside gort_morestack and Block what gort_stack_reserve
/// returned, at the top of the current segment's Next. Makes Next current
/// and returns Block: gort_morestack runs the thunk below it.
extern "C" uintptr_t gort_newstack(G *Gp, uintptr_t SP, uintptr_t Block) {
  GORT_ASSERT(onSystemStack() && Gp != getg());
  if (Debug.StackCheck)
    stackcheckg(Gp, SP);
  StackSeg *Cur = Gp->Seg;
  GORT_ASSERT(Cur && SP >= Cur->Lo && SP <= uintptr_t(Cur));
  StackSeg *Next = Cur->Next;
  GORT_ASSERT(Next && Block >= Next->Lo + abi::StackGuard &&
              Block <= uintptr_t(Next) && Block % 16 == 0);
  atomic::xadd(&StackStat.SegSwitches, uint64_t(1));
  Cur->SavedSP = SP;
  useSeg(Gp, Next);
  return Block;
}

/// Step 7 of the protocol. Runs on the segment being left (which is empty
/// again), as Gp.
extern "C" void gort_oldstack(G *Gp) {
  StackSeg *Cur = Gp->Seg;
  GORT_ASSERT(Cur && Cur->Prev);
  // Cur stays cached as Prev->Next. Beyond it keep the small segments and
  // free from the first one bigger than StackCacheMax.
  StackSeg *Last = Cur;
  while (Last->Next && Last->Next->Size <= StackCacheMax)
    Last = Last->Next;
  if (Last->Next) {
    systemstack(freeSegChain, Last->Next);
    Last->Next = nullptr;
  }
  useSeg(Gp, Cur->Prev);
}
