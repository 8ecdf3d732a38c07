//===- runtime/reflectcall.cpp - Calls through reflect --------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// reflect.Value.Call, functions made by reflect.MakeFunc and method values
// taken through reflect (gc: reflectcall in asm_<goarch>.s, and reflect's
// makeFuncStub and methodValueCall). Both directions translate between two
// ways of laying out the arguments and results of one call:
//
//   - reflect's frame: every argument, then every result, in memory, laid
//     out as gc's ABI0 does (each value at the next offset aligned for its
//     type, the results from the first pointer-aligned offset after the
//     arguments). gortc's overlay of reflect/abi.go makes reflect put
//     everything there (no argument registers; runtime/overlay/reflect).
//   - gortc's calling convention (libgort/abi.h, codegen getABI): the C
//     calling convention of LLVM over the parameters
//       closure context, an out pointer per struct or array result (per
//       result, when the scalar results do not fit in the result
//       registers below), the receiver word (methods), the parameters
//     where a struct or array parameter is passed as a pointer and a
//     string, slice, interface or complex value as its two or three
//     fields; the other results come back as one LLVM struct.
//
// The translation works on "pieces": the machine words a value is made of
// (a string is two integer pieces, a complex128 two floating-point ones,
// an int32 one integer piece of 4 bytes). What LLVM 19 does with pieces
// was read off llc's output for both targets, and is modelled here:
//
//                        x86-64                     AArch64
//   integer arguments    rdi rsi rdx rcx r8 r9      x0-x7
//   float arguments      xmm0-xmm7                  d0-d7 (s0-s7)
//   then, in order       8-byte stack slots         8-byte stack slots
//   integer results      rax rdx rcx                x0-x7
//   float results        xmm0 xmm1, then x87        d0-d7
//                        st(0) st(1)
//
// A piece never straddles: each takes the next register of its class, or
// the next stack slot once its class has run out (the fields of a string
// may be split between r9 and the stack). Scalar results that do not fit
// in the result registers are never left to LLVM (which would return them
// in a hidden buffer): codegen gives each result an out pointer then.
//
// CallRegs (asm_offsets.h) holds one call's registers and stack words. Two
// small assembly routines move it to and from the machine
// (reflectcall_<goarch>.S):
//   - gort_callregs(code, R) loads the argument registers and copies the
//     stack words, calls, and stores the result registers (and pops the
//     x87 results);
//   - reflect.makeFuncStub and reflect.methodValueCall, the code of every
//     func value MakeFunc and makeMethodValue make, store the argument
//     registers and the address of the incoming stack words into a
//     CallRegs on their own frame, call gort_reflect_stub here, and load
//     the result registers from it.
//
// The function type comes from the layout tag gortc's reflect overlay puts
// before every frame layout's pointer bitmap (reflect's layoutTag): the
// frame type's gcdata for runtime.reflectcall, makeFuncCtxt.stack for the
// stubs. A stub finds its makeFuncCtxt as its closure context, in the
// first integer argument; the first word of a makeFuncCtxt is the stub's
// own address, which the stub checks.
//
// Stack use: these run on goroutine stacks, called by Go code that passed
// its own stack check, in the margin that leaves for the runtime. The
// stubs' frames are a few hundred bytes (a CallRegs); runtime.reflectcall
// keeps its CallRegs in the heap and copies the stack words onto the stack
// only after making sure there is room for them, on a new segment if need
// be, through gort_morestack as a compiled function's prologue would.
//
// Entry points: runtime.reflectcall (reflect's call, by //go:linkname),
// gort_reflect_stub (the stubs), callWithWords (finalizers,
// mfinal_fing.cpp: a call whose arguments are machine words and whose
// results are dropped).
//
//===----------------------------------------------------------------------===//

#include "runtime/reflectcall.h"

#include "runtime/abi_entry.h"
#include "runtime/asm_offsets.h"
#include "runtime/atomic.h"
#include "runtime/malloc.h"
#include "runtime/mgc.h"
#include "runtime/panic.h"
#include "runtime/runtime2.h"
#include "runtime/stack.h"
#include "runtime/stubs.h"
#include "runtime/type.h"

#include <stddef.h>

namespace gort {

/// One call's machine state (see the note; offsets in asm_offsets.h).
struct CallRegs {
  uint64_t Ints[8];    ///< integer argument registers
  uint64_t Floats[8];  ///< floating-point argument registers (low bits)
  uint64_t *Stack;     ///< the stack argument words
  uint64_t NStack;     ///< how many (gort_callregs copies them)
  uint64_t X87;        ///< x86-64: results in st(0), st(1) (0-2)
  uint64_t RInts[8];   ///< integer result registers
  uint64_t RFloats[8]; ///< float results; x86-64: [2], [3] from st(0), st(1)
};
static_assert(offsetof(CallRegs, Ints) == CALLREGS_INTS);
static_assert(offsetof(CallRegs, Floats) == CALLREGS_FLOATS);
static_assert(offsetof(CallRegs, Stack) == CALLREGS_STACK);
static_assert(offsetof(CallRegs, NStack) == CALLREGS_NSTACK);
static_assert(offsetof(CallRegs, X87) == CALLREGS_X87);
static_assert(offsetof(CallRegs, RInts) == CALLREGS_RINTS);
static_assert(offsetof(CallRegs, RFloats) == CALLREGS_RFLOATS);
static_assert(sizeof(CallRegs) == CALLREGS_SIZE);
static_assert(CALLREGS_FRAME >= CALLREGS_SIZE && CALLREGS_FRAME % 16 == 0);

} // namespace gort

using namespace gort;

extern "C" {
void gort_callregs(void (*Code)(), CallRegs *R);
void reflectMakeFuncStub() __asm__("reflect.makeFuncStub");
void reflectMethodValueCall() __asm__("reflect.methodValueCall");
// reflect's Go halves of the stubs (present whenever the stubs are used).
__attribute__((weak)) void
reflectCallReflect(void *Ctx, void *Ctxt, void *Frame, bool *RetValid,
                   void *Regs) __asm__("reflect.callReflect");
__attribute__((weak)) void
reflectCallMethod(void *Ctx, void *Ctxt, void *Frame, bool *RetValid,
                  void *Regs) __asm__("reflect.callMethod");
}

namespace {

#if defined(__x86_64__)
constexpr unsigned ArgInts = 6, ArgFloats = 8;
constexpr unsigned RetInts = 3, RetFloats = 4, RetXmm = 2;
#else
constexpr unsigned ArgInts = 8, ArgFloats = 8;
constexpr unsigned RetInts = 8, RetFloats = 8, RetXmm = 8;
#endif

/// sizeof(internal/abi.RegArgs): Ints, Floats and Ptrs for gc's argument
/// registers and a bitmap. reflect reads and copies one even though it
/// uses no registers.
#if defined(__x86_64__)
constexpr uintptr_t RegArgsBytes = (9 + 15 + 9) * 8 + 8;
#else
constexpr uintptr_t RegArgsBytes = (16 + 16 + 16) * 8 + 8;
#endif

/// reflect's layoutTag (the overlay of reflect/abi.go).
struct LayoutTag {
  const abi::FuncType *Ftyp;
  const abi::Type *Rcvr;
};
/// reflect's bitVector.
struct BitVector {
  uint32_t N;
  const uint8_t *Data;
  intptr_t Len, Cap;
};
/// The first fields of reflect's makeFuncCtxt.
struct MakeFuncCtxt {
  uintptr_t Fn;
  const BitVector *Stack;
};

const LayoutTag &tagOf(const uint8_t *Bits) {
  return *reinterpret_cast<const LayoutTag *>(Bits - sizeof(LayoutTag));
}

/// A machine word of a value: its class, size and offset in the value.
struct Piece {
  bool Float;
  uint8_t Size;
  uint8_t Off;
};

bool isAggregate(const abi::Type *T) {
  uint8_t K = T->Kind & abi::KindMask;
  return K == abi::KindStruct || K == abi::KindArray;
}

/// The pieces of a non-aggregate value of type T, at most 3; returns how
/// many.
unsigned piecesOf(const abi::Type *T, Piece *P) {
  switch (T->Kind & abi::KindMask) {
  case abi::KindString:
  case abi::KindInterface:
    P[0] = {false, 8, 0};
    P[1] = {false, 8, 8};
    return 2;
  case abi::KindSlice:
    P[0] = {false, 8, 0};
    P[1] = {false, 8, 8};
    P[2] = {false, 8, 16};
    return 3;
  case abi::KindComplex64:
    P[0] = {true, 4, 0};
    P[1] = {true, 4, 4};
    return 2;
  case abi::KindComplex128:
    P[0] = {true, 8, 0};
    P[1] = {true, 8, 8};
    return 2;
  case abi::KindFloat32:
    P[0] = {true, 4, 0};
    return 1;
  case abi::KindFloat64:
    P[0] = {true, 8, 0};
    return 1;
  default:
    P[0] = {false, uint8_t(T->Size), 0};
    return 1;
  }
}

bool isBool(const abi::Type *T) {
  return (T->Kind & abi::KindMask) == abi::KindBool;
}

/// The next argument slot of each class, as LLVM assigns them.
struct ArgCursor {
  CallRegs *R;
  unsigned Int = 0, Float = 0, Stack = 0;
  uint64_t *next(bool IsFloat) {
    if (IsFloat ? Float < ArgFloats : Int < ArgInts)
      return IsFloat ? &R->Floats[Float++] : &R->Ints[Int++];
    return &R->Stack[Stack++];
  }
};

/// Moves a piece between a value in memory and a slot.
void toSlot(uint64_t *Slot, const uint8_t *From, unsigned Size) {
  uint64_t W = 0;
  memmove(&W, From, Size);
  *Slot = W;
}
void fromSlot(uint8_t *To, const uint64_t *Slot, unsigned Size, bool Bool) {
  uint64_t W = *Slot;
  if (Bool)
    W &= 1; // an i1 in a register may carry junk above bit 0
  memmove(To, &W, Size);
}

/// Offsets of a function's values in reflect's frame (ABI0 layout), and
/// which results the call returns through out pointers.
struct Layout {
  const abi::Type *const *In;
  const abi::Type *const *Out;
  unsigned NIn, NOut;
  uintptr_t RetOffset;
  uintptr_t FrameSize;
  bool AllOut;  ///< the scalar results do not fit in registers: all out
  unsigned X87; ///< x86-64: float results beyond xmm0, xmm1

  Layout(const abi::FuncType *FT, bool HasRcvr) {
    const abi::Type *const *Types = funcParams(FT);
    NIn = FT->InCount;
    NOut = FT->OutCount & ~abi::FuncVariadic;
    In = Types;
    Out = Types + NIn;
    uintptr_t Off = HasRcvr ? 8 : 0;
    for (unsigned I = 0; I < NIn; I++)
      Off = alignUp(Off, In[I]->Align) + In[I]->Size;
    RetOffset = alignUp(Off, 8);
    Off = RetOffset;
    unsigned Ints = 0, Floats = 0;
    for (unsigned I = 0; I < NOut; I++) {
      Off = alignUp(Off, Out[I]->Align) + Out[I]->Size;
      if (isAggregate(Out[I]))
        continue;
      Piece P[3];
      for (unsigned K = 0, N = piecesOf(Out[I], P); K < N; K++)
        (P[K].Float ? Floats : Ints)++;
    }
    FrameSize = alignUp(Off, 8);
    AllOut = Ints > RetInts || Floats > RetFloats;
    X87 = !AllOut && Floats > RetXmm ? Floats - RetXmm : 0;
  }
  /// Whether result I comes back through an out pointer.
  bool outPointer(unsigned I) const { return AllOut || isAggregate(Out[I]); }
  /// The frame offset of argument I (after the receiver word, if any).
  uintptr_t argOffset(unsigned I, bool HasRcvr) const {
    uintptr_t Off = HasRcvr ? 8 : 0;
    for (unsigned K = 0; K < I; K++)
      Off = alignUp(Off, In[K]->Align) + In[K]->Size;
    return alignUp(Off, In[I]->Align);
  }
  uintptr_t resultOffset(unsigned I) const {
    uintptr_t Off = RetOffset;
    for (unsigned K = 0; K < I; K++)
      Off = alignUp(Off, Out[K]->Align) + Out[K]->Size;
    return alignUp(Off, Out[I]->Align);
  }
  /// An upper bound on the words of a call's arguments.
  unsigned maxWords(bool HasRcvr) const {
    return 3 + NOut + (HasRcvr ? 1 : 0) + 3 * NIn;
  }
};

/// The result registers in order, as LLVM assigns them.
struct ResultCursor {
  CallRegs *R;
  unsigned Int = 0, Float = 0;
  uint64_t *next(bool IsFloat) {
    return IsFloat ? &R->RFloats[Float++] : &R->RInts[Int++];
  }
};

/// An x87 result slot holds a double (gort_callregs stores, and the stubs
/// load, st(i) as 64 bits); a float32 piece there is converted.
bool isX87(unsigned FloatIndex) { return FloatIndex >= RetXmm; }

/// Moves the results of L that come back in registers between reflect's
/// frame and the result registers: into the frame after a call (ToFrame,
/// runtime.reflectcall), out of it for a stub's return.
void moveResults(const Layout &L, CallRegs *R, uint8_t *Frame, bool ToFrame) {
  ResultCursor C{R};
  for (unsigned I = 0; I < L.NOut; I++) {
    const abi::Type *T = L.Out[I];
    if (L.outPointer(I))
      continue;
    uint8_t *V = Frame + L.resultOffset(I);
    Piece P[3];
    for (unsigned K = 0, N = piecesOf(T, P); K < N; K++) {
      unsigned FI = C.Float;
      uint64_t *Slot = C.next(P[K].Float);
      uint8_t *At = V + P[K].Off;
      if (P[K].Float && P[K].Size == 4 && isX87(FI)) {
        // The x87 slot holds a double.
        float F;
        double D;
        if (ToFrame) {
          memmove(&D, Slot, 8);
          F = float(D);
          memmove(At, &F, 4);
        } else {
          memmove(&F, At, 4);
          D = F;
          memmove(Slot, &D, 8);
        }
        continue;
      }
      if (ToFrame)
        fromSlot(At, Slot, P[K].Size, isBool(T));
      else
        toSlot(Slot, At, P[K].Size);
    }
  }
}

/// What runtime.reflectcall hands to gort_callregs.
struct CallBlock {
  void (*Code)();
  CallRegs *R;
};

void callThunk(void *Arg) {
  auto *B = static_cast<CallBlock *>(Arg);
  gort_callregs(B->Code, B->R);
}

/// Calls Code with R, with room on the stack for R's stack words: if the
/// goroutine's segment is short, on a new one.
void callWithStack(void (*Code)(), CallRegs *R) {
  // The words, gort_callregs' frame, and the callee's own check.
  CallBlock B = {Code, R};
  callWithRoom(callThunk, &B, R->NStack * 8 + 256);
}

/// A heap CallRegs for a call of Fn, with room for Words stack words,
/// filled up to the closure context. Returns the cursor at the next
/// argument.
ArgCursor beginCall(unsigned Words, const abi::FuncVal *Fn) {
  auto *R = static_cast<CallRegs *>(
      mallocgc(sizeof(CallRegs) + Words * 8, nullptr, true));
  R->Stack = reinterpret_cast<uint64_t *>(R + 1);
  ArgCursor C{R};
  *C.next(false) = uintptr_t(Fn); // the closure context
  return C;
}

/// Makes the call C was filled for.
void finishCall(const Layout &L, ArgCursor &C, const abi::FuncVal *Fn) {
  C.R->NStack = C.Stack;
  C.R->X87 = L.X87;
  callWithStack(Fn->Fn, C.R);
}

} // namespace

void gort::callWithWords(const abi::FuncVal *Fn, const abi::FuncType *FT,
                         const uint64_t *Words, unsigned N) {
  Layout L(FT, false);
  ArgCursor C = beginCall(L.maxWords(false) + N, Fn);
  for (unsigned I = 0; I < L.NOut; I++)
    if (L.outPointer(I))
      *C.next(false) = uintptr_t(mallocgc(L.Out[I]->Size, L.Out[I], true));
  for (unsigned I = 0; I < N; I++)
    *C.next(false) = Words[I];
  finishCall(L, C, Fn);
}

extern "C" {

// func call(stackArgsType *rtype, f, stackArgs unsafe.Pointer,
//     stackArgsSize, stackRetOffset, frameSize uint32, regArgs *abi.RegArgs)
// (reflect's //go:linkname to runtime.reflectcall): calls the func value
// (for a method, a pointer to its code word) with the arguments of
// stackArgs and stores the results there.
void runtimeReflectcall(void *, const abi::Type *FrameType,
                        const abi::FuncVal *Fn, uint8_t *Args, uint32_t,
                        uint32_t, uint32_t,
                        void *) __asm__("runtime.reflectcall");
void runtimeReflectcall(void *, const abi::Type *FrameType,
                        const abi::FuncVal *Fn, uint8_t *Args, uint32_t,
                        uint32_t, uint32_t, void *) {
  const LayoutTag &Tag = tagOf(FrameType->GCData);
  bool HasRcvr = Tag.Rcvr != nullptr;
  Layout L(Tag.Ftyp, HasRcvr);
  ArgCursor C = beginCall(L.maxWords(HasRcvr), Fn);
  for (unsigned I = 0; I < L.NOut; I++)
    if (L.outPointer(I))
      *C.next(false) = uintptr_t(Args + L.resultOffset(I));
  if (HasRcvr)
    toSlot(C.next(false), Args, 8);
  for (unsigned I = 0; I < L.NIn; I++) {
    const abi::Type *T = L.In[I];
    uint8_t *From = Args + L.argOffset(I, HasRcvr);
    if (isAggregate(T)) {
      // The callee gets the frame's copy; reflect clears it afterwards.
      *C.next(false) = uintptr_t(From);
      continue;
    }
    Piece P[3];
    for (unsigned K = 0, N = piecesOf(T, P); K < N; K++)
      toSlot(C.next(P[K].Float), From + P[K].Off, P[K].Size);
  }
  finishCall(L, C, Fn);
  moveResults(L, C.R, Args, true);
}

/// The body of reflect.makeFuncStub (Method false) and
/// reflect.methodValueCall (Method true): R holds the call's argument
/// registers and R->Stack its incoming stack words; fills in the result
/// registers.
void gort_reflect_stub(CallRegs *R, uint64_t Method) {
  uintptr_t Stub = Method ? uintptr_t(&reflectMethodValueCall)
                          : uintptr_t(&reflectMakeFuncStub);
  auto IsCtxt = [&](uint64_t P) {
    return P && *reinterpret_cast<const uintptr_t *>(P) == Stub;
  };
  auto LayoutOf = [](uint64_t P) {
    const auto *Ctxt = reinterpret_cast<const MakeFuncCtxt *>(P);
    return tagOf(Ctxt->Stack->Data).Ftyp;
  };
  // The context: the first integer argument.
  ArgCursor C{R};
  uint64_t Ctxt = R->Ints[0];
  if (!IsCtxt(Ctxt))
    fatal("reflect: bad context in a call of a function made by reflect");
  C.next(false);
  Layout L(LayoutOf(Ctxt), false);
  auto *Frame = static_cast<uint8_t *>(
      mallocgc(L.FrameSize ? L.FrameSize : 8, nullptr, true));

  // Out pointers for the results that have them (read again below, from
  // OutsAt), then the arguments.
  ArgCursor OutsAt = C;
  for (unsigned I = 0; I < L.NOut; I++)
    if (L.outPointer(I))
      C.next(false);
  for (unsigned I = 0; I < L.NIn; I++) {
    const abi::Type *T = L.In[I];
    uint8_t *To = Frame + L.argOffset(I, false);
    if (isAggregate(T)) {
      memmove(To, reinterpret_cast<const void *>(*C.next(false)), T->Size);
      continue;
    }
    Piece P[3];
    for (unsigned K = 0, N = piecesOf(T, P); K < N; K++)
      fromSlot(To + P[K].Off, C.next(P[K].Float), P[K].Size, isBool(T));
  }

  void *Regs = mallocgc(RegArgsBytes, nullptr, true);
  bool RetValid = false;
  if (Method)
    reflectCallMethod(nullptr, reinterpret_cast<void *>(Ctxt), Frame, &RetValid,
                      Regs);
  else
    reflectCallReflect(nullptr, reinterpret_cast<void *>(Ctxt), Frame,
                       &RetValid, Regs);

  for (unsigned I = 0; I < L.NOut; I++)
    if (L.outPointer(I))
      wbMove(reinterpret_cast<void *>(*OutsAt.next(false)),
             Frame + L.resultOffset(I), L.Out[I]->Size);
  R->X87 = L.X87;
  moveResults(L, R, Frame, false);
}

} // extern "C"
