//===- libgort/abi.h - Object layouts shared by codegen and runtime -*- C++
//-*-===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// The contract between compiled Go code and libgort: the in-memory layout of
// every value the two sides exchange. Codegen builds LLVM types that match
// these structs word for word (codegen/types.cpp); the runtime uses the
// structs directly and static_asserts the offsets that assembly and generated
// code hard-code. The layouts follow gc's (src/runtime/runtime2.go, type.go)
// so that a reader of Go's runtime recognises every field.
//
// This header is freestanding: it needs only <stddef.h> and <stdint.h>, so it
// compiles both into the hosted compiler and into the no-libc runtime.
//
//   String    {ptr, len}                      gc: stringStruct
//   Slice     {ptr, len, cap}                 gc: slice
//   Eface     {type, data}                    gc: eface (interface{})
//   Iface     {itab, data}                    gc: iface (non-empty interface)
//   FuncVal   {code, captured vars...}        gc: funcval
//   Type      type descriptor header          gc: _type
//
// Calling convention between compiled code and runtime entry points (the
// gort_* functions of abi.def): C calling convention, scalar arguments only.
// A string is passed as two arguments (ptr, len), a slice as three. A result
// of at most two words is returned as a two-field struct (RAX:RDX, X0:X1;
// two doubles in XMM0:XMM1, D0:D1);
// anything larger is written through an out-pointer. This keeps LLVM's
// first-class-aggregate lowering and clang's C ABI in agreement on both
// targets.
//
// Go functions themselves take a closure context pointer as their first
// parameter (null for top-level functions called directly) followed by the
// Go parameters; results come back as one LLVM struct.
//
//===----------------------------------------------------------------------===//

#ifndef GORT_LIBGORT_ABI_H
#define GORT_LIBGORT_ABI_H

#include <stddef.h>
#include <stdint.h>

namespace gort {
namespace abi {

struct Type;
struct Itab;

/// A Go string: a pointer to immutable bytes and a length. Ptr may be null
/// when Len is 0.
struct String {
  const uint8_t *Ptr;
  intptr_t Len;
};

/// A Go slice header.
struct Slice {
  void *Ptr;
  intptr_t Len;
  intptr_t Cap;
};

/// interface{}: the dynamic type (null for a nil interface) and the data word.
/// The data word holds the value itself when the type is pointer-shaped
/// (KindDirectIface), otherwise a pointer to a (heap or read-only) copy.
struct Eface {
  const Type *Typ;
  void *Data;
};

/// A non-empty interface: an itab (null for a nil interface) and the data word.
struct Iface {
  const Itab *Tab;
  void *Data;
};

/// A rune and the index after it (gort_decoderune's two-word result).
struct RunePos {
  int64_t Rune;
  int64_t Pos;
};

/// Two one-word results of a Go function (ints, pointers; a bool in the
/// low byte): what libgort's bodies of two-result Go functions return.
struct Words2 {
  uintptr_t First;
  uintptr_t Second;
};

/// A complex128 as two doubles (gort_complex128div's result).
struct Complex128 {
  double Re;
  double Im;
};

/// A Go func value points at one of these. Fn takes the FuncVal pointer itself
/// as its first (context) argument; captured variables follow Fn.
struct FuncVal {
  void (*Fn)();
};

/// reflect.Kind numbering, as gc's runtime/typekind.go.
enum Kind : uint8_t {
  KindInvalid = 0,
  KindBool,
  KindInt,
  KindInt8,
  KindInt16,
  KindInt32,
  KindInt64,
  KindUint,
  KindUint8,
  KindUint16,
  KindUint32,
  KindUint64,
  KindUintptr,
  KindFloat32,
  KindFloat64,
  KindComplex64,
  KindComplex128,
  KindArray,
  KindChan,
  KindFunc,
  KindInterface,
  KindMap,
  KindPointer,
  KindSlice,
  KindString,
  KindStruct,
  KindUnsafePointer,
};

/// Flag bits or'ed into Type::Kind.
constexpr uint8_t KindDirectIface = 1 << 5; ///< data word is the value itself
/// GCData is a GC program, not a bitmap (gc: kindGCProg). gortc never emits
/// one; reflect.ArrayOf and StructOf make one for very large types.
constexpr uint8_t KindGCProg = 1 << 6;
constexpr uint8_t KindMask = (1 << 5) - 1;

/// Type::TFlag bits (gc: tflag).
enum TFlag : uint8_t {
  TFlagUncommon = 1 << 0,      ///< an UncommonType follows the kind part
  TFlagExtraStar = 1 << 1,     ///< Str has a '*' too many (never set here)
  TFlagNamed = 1 << 2,         ///< a defined (named) type
  TFlagRegularMemory = 1 << 3, ///< equal and hash may treat it as raw bytes
};

/// Offsets within the read-only type data (gc: nameOff, typeOff, textOff):
/// from the start of the descriptor (or name) that holds the offset to the
/// name, descriptor or code it refers to. gc's are from the module's types
/// section; descriptor-relative ones are single PC-relative relocations in
/// any object file, and the runtime's resolve*Off functions, which every
/// reader goes through, hide the difference. 0 means none (typeOff and
/// nameOff), -1 an unreachable method (textOff).
using NameOff = int32_t;
using TypeOff = int32_t;
using TextOff = int32_t;

/// The first byte of an encoded name (gc: reflect/type.go name): flag bits,
/// then the name's length as a varint, its bytes, and, when flagged, the
/// tag's length and bytes and a 4-byte NameOff of the package path,
/// relative to the name's first byte.
enum NameFlag : uint8_t {
  NameExported = 1 << 0,
  NameHasTag = 1 << 1,
  NameHasPkgPath = 1 << 2,
  NameEmbedded = 1 << 3,
};

/// Equality of two values of one type (gc: _type.equal, a func value):
/// called with the FuncVal itself as the closure context.
using EqualFn = bool (*)(const FuncVal *Ctx, const void *A, const void *B);
/// Hash of a value of one type (gc: maptype.hasher, a func value).
using HashFn = uintptr_t (*)(const FuncVal *Ctx, const void *P, uintptr_t Seed);

/// Type::Hash of a type named by the N bytes at S: their 32-bit FNV-1a hash.
/// Codegen hashes a descriptor's symbol ("type:" + canonical type string),
/// the runtime its own descriptors' type strings (runtime/type.h). The
/// runtime's itab cache is keyed by it (runtime/iface.cpp).
constexpr uint32_t typeHash(const char *S, size_t N) {
  uint32_t H = 2166136261u;
  for (size_t I = 0; I < N; I++)
    H = (H ^ uint8_t(S[I])) * 16777619u;
  return H;
}

/// The common header of every type descriptor, gc 1.19's _type field for
/// field (runtime/type.go, reflect/type.go rtype), so that reflect and
/// internal/reflectlite read descriptors from their own unmodified
/// sources. Codegen emits one descriptor per type the program uses, as a
/// linkonce_odr global whose symbol is derived from the type's canonical
/// string, so that two descriptors of identical types are one object after
/// linking: descriptor identity is type identity. Kind-specific parts
/// follow the header, then the UncommonType if TFlagUncommon, then the
/// variable-length arrays the kind part points into, then the methods; see
/// the *Type structs below.
struct Type {
  uintptr_t Size;
  uintptr_t PtrData; ///< prefix of the value that can hold pointers
  uint32_t Hash;     ///< typeHash of the type's name
  uint8_t TFlag;
  uint8_t Align;
  uint8_t FieldAlign;
  uint8_t Kind;          ///< Kind | KindDirectIface
  const FuncVal *Equal;  ///< an EqualFn's func value; null if not comparable
  const uint8_t *GCData; ///< one bit per pointer-sized word of PtrData
  NameOff Str;       ///< the type as gc prints it: "int", "main.T", "*[]int"
  TypeOff PtrToThis; ///< descriptor of *T, or 0 if not emitted
};
static_assert(sizeof(Type) == 48, "gc's _type is 48 bytes");

/// Follows the kind-specific part of a named type or of a type with
/// methods (gc: uncommontype).
struct UncommonType {
  NameOff PkgPath; ///< the defining package's path; 0 for none
  uint16_t MCount; ///< methods of the type's method set
  uint16_t XCount; ///< of which exported (they come first)
  uint32_t MOff;   ///< from this UncommonType to the Method array
  uint32_t Unused;
};

/// A method of a concrete type (gc: method), sorted as gc sorts them:
/// exported before unexported, then by name, then by package path. Ifn
/// takes the interface data word as its receiver (itabs use it); Tfn takes
/// the receiver as the method's own receiver parameter.
struct Method {
  NameOff Name; ///< with a package path when unexported
  TypeOff Mtyp; ///< the method's func type without receiver
  TextOff Ifn;
  TextOff Tfn;
};

struct PtrType {
  Type T;
  const Type *Elem;
};

struct SliceType {
  Type T;
  const Type *Elem;
};

struct ArrayType {
  Type T;
  const Type *Elem;
  const Type *Slice; ///< []Elem
  uintptr_t Len;
};

struct ChanType {
  Type T;
  const Type *Elem;
  uintptr_t Dir; ///< 1 recv, 2 send, 3 both (reflect.ChanDir)
};

struct StructField {
  const uint8_t *Name; ///< NameEmbedded for an embedded field
  const Type *Typ;
  uintptr_t Offset;
};

struct StructType {
  Type T;
  const uint8_t *PkgPath;    ///< a name; null when every field is exported
  const StructField *Fields; ///< a []structfield: pointer, len, cap
  intptr_t NumFields;
  intptr_t CapFields;
};

/// A method of an interface (gc: imethod), in Method's order.
struct IMethod {
  NameOff Name;
  TypeOff Typ;
};

struct InterfaceType {
  Type T;
  const uint8_t *PkgPath; ///< a name: the package of unexported methods
  const IMethod *Methods; ///< a []imethod: pointer, len, cap
  intptr_t NumMethods;
  intptr_t CapMethods;
};

/// A func type (gc: functype): InCount parameter and OutCount result
/// descriptors follow (after the UncommonType, if any).
struct FuncType {
  Type T;
  uint16_t InCount;
  uint16_t OutCount; ///< | FuncVariadic
};
constexpr uint16_t FuncVariadic = 1 << 15;

/// A map type (gc: maptype). Buckets are laid out as gc's bmap:
///   tophash [BucketCnt]uint8; keys [BucketCnt]K; elems [BucketCnt]V;
///   overflow *bucket (the last word, at BucketSize - 8)
/// where K (V) is the key (elem) type, or a pointer to it when the type is
/// larger than MapMaxKeySize (MapMaxElemSize) bytes. Bucket describes that
/// struct for the allocator and the collector.
struct MapType {
  Type T;
  const Type *Key;
  const Type *Elem;
  const Type *Bucket;
  const FuncVal *Hasher; ///< a HashFn's func value, for keys
  uint8_t KeySize;       ///< bytes per key slot (8 if indirect)
  uint8_t ValueSize;     ///< bytes per elem slot (8 if indirect)
  uint16_t BucketSize;   ///< bytes per bucket, overflow pointer included
  uint32_t Flags;        ///< MapFlag* bits
};

constexpr unsigned MapBucketCnt = 8;  ///< slots per bucket (gc: bucketCnt)
constexpr unsigned MapDataOffset = 8; ///< keys start after tophash
constexpr unsigned MapMaxKeySize = 128;
constexpr unsigned MapMaxElemSize = 128;
/// Element types up to this size may use gort_mapaccess1, which returns the
/// address of a shared zero value for absent keys (gc: maxZero).
constexpr size_t MapMaxZeroSize = 1024;
constexpr uint32_t MapFlagIndirectKey = 1;     ///< slots hold *K
constexpr uint32_t MapFlagIndirectElem = 2;    ///< slots hold *V
constexpr uint32_t MapFlagReflexiveKey = 4;    ///< k == k for every key
constexpr uint32_t MapFlagNeedKeyUpdate = 8;   ///< overwrite keys on assign
                                               ///< (e.g. +0/-0 floats)
constexpr uint32_t MapFlagHashMightPanic = 16; ///< key hashing may panic
                                               ///< (interfaces inside)

/// A map iteration in progress (gc: hiter). Compiled code allocates it in
/// the frame (MapIterSize bytes, zeroed), calls gort_mapiterinit once and
/// gort_mapiternext after each element; Key is null when iteration is over.
/// Only Key and Elem are read by compiled code; the rest is the runtime's.
struct MapIter {
  void *Key;  ///< current key, or null at the end
  void *Elem; ///< current element
  uintptr_t Private[10];
};
constexpr size_t MapIterSize = 12 * 8;
constexpr size_t MapIterKeyOffset = 0;
constexpr size_t MapIterElemOffset = 8;

/// One case of a select statement (gc: scase).
struct SelectCase {
  void *C;    ///< the hchan
  void *Elem; ///< value to send, or where to receive (may be null)
};
/// A pair of 64-bit results: gort_selectgo's {chosen, recvOK},
/// gort_selectnbrecv's {selected, received}.
struct SelectResult {
  int64_t First;
  int64_t Second;
};

/// The frame buffers escape analysis may pass the string functions
/// (abi.def; gc: tmpBuf, tmpStringBufSize): bytes for a string or []byte,
/// runes for stringtoslicerune, bytes for intstring's one rune.
constexpr size_t TmpStringBufBytes = 32;
constexpr size_t TmpRuneBufRunes = 32;
constexpr size_t TmpIntStringBytes = 4;

/// The start of every channel header (gc: hchan.qcount, dataqsiz): len(c)
/// and cap(c) load them.
constexpr size_t ChanQCountOffset = 0;
constexpr size_t ChanDataqsizOffset = 8;

/// The start of every map header (gc: hmap.count): len(m) loads it.
constexpr size_t MapCountOffset = 0;

/// An interface table: the dynamic type's methods in the order of the
/// interface's (sorted) method list. Fun has as many entries as the interface
/// has methods; gc's layout (fun[0] == 0 means "does not implement").
struct Itab {
  const InterfaceType *Inter;
  const Type *Typ;
  uint32_t Hash; ///< copy of Typ->Hash, for type switches
  uint32_t Pad;
  void (*Fun[1])(); ///< variable length
};
/// Where compiled code reads an itab: the dynamic type (Itab::Typ), and the
/// code pointer of the interface's method I at ItabFunOffset + I *
/// ItabFunSize (Itab::Fun[I]). Static_asserted in runtime/iface.h.
constexpr size_t ItabTypOffset = 8;
constexpr size_t ItabFunOffset = 24;
constexpr size_t ItabFunSize = 8;

/// The section of the functions compiled code has only for plumbing --
/// go/defer call wrappers, open-coded defer runners, morestack thunks --
/// whose frames recover() and tracebacks look through (runtime/panic.cpp,
/// traceback.cpp). libgort/gort.ld brackets it with
/// __gort_wrapper_start/__gort_wrapper_end.
constexpr const char WrapperSection[] = ".gort_wrapper";

/// An entry of the collector's root table: a package-level variable (or
/// a static composite literal) of compiled code, Size bytes at Addr, whose
/// words that may hold pointers are those GCData marks (one bit per word
/// of PtrData; null if PtrData is 0). Codegen emits one per variable in
/// section GCRootSection (codegen/pipeline.cpp listGCRoots), which
/// libgort/gort.ld brackets with __gort_gcroots_start/__gort_gcroots_end;
/// the collector scans those variables by their bitmaps and every other
/// word of the writable segments conservatively (runtime/mgcmark.cpp).
struct GCRoot {
  uintptr_t Addr;
  uintptr_t Size;
  uintptr_t PtrData;
  const uint8_t *GCData;
};
constexpr const char GCRootSection[] = ".gort_gcroots";

/// A Go function's stack map (codegen/stack_maps.cpp): where its frame
/// holds the pointers live across each of its calls that may reach a
/// collection. Codegen emits one per function in section StackMapSection,
/// linked to the function's section; libgort/gort.ld brackets them with
/// __gort_stackmap_start/__gort_stackmap_end (runtime/stkmap.cpp). The
/// header is followed by NumCalls StackMapCall, NumObjects StackMapObject
/// and NumSlots int32_t. Every offset is from the frame's frame pointer
/// (its frame record's address) while the function is stopped in a call.
struct StackMapFunc {
  /// The function's entry address minus this field's address.
  int32_t Func;
  uint16_t NumCalls;
  uint16_t NumObjects;
  uint16_t NumSlots;
  /// StackMapShadow, and the outgoing argument area's size in words
  /// (Flags >> 1) below the span.
  uint16_t Flags;
  /// The words [FP+SpanLo, FP+SpanHi) are the ones the map speaks for:
  /// the slots and objects below, and words holding nothing live.
  int32_t SpanLo;
  int32_t SpanHi;
};
/// StackMapFunc::Flags: every Go pointer live across a call is in a slot
/// the call lists (a shadow slot, written where the value is defined),
/// so that the frame's callee-saved registers never hold the only copy
/// of one. The span is then the whole frame below the record but the
/// outgoing arguments.
constexpr uint16_t StackMapShadow = 1;
/// A call: its return address minus the function's entry, and what is
/// live across it, Slots[FirstSlot, +NumSlots): an even entry is a slot
/// holding a pointer, an odd one (offset | 1) the stack object at that
/// offset, which the code may still use after the call. The collector
/// scans a stack object that is not live only if a live pointer reaches
/// it (runtime/mgcmark.cpp, scanGoStack).
struct StackMapCall {
  uint32_t RetOff;
  uint16_t FirstSlot;
  uint16_t NumSlots;
};
/// A stack object: Size bytes at FP+Off (8-byte aligned) that may hold
/// pointers (a variable or temporary whose address the code took),
/// scanned whole when live or reached.
struct StackMapObject {
  int32_t Off;
  uint32_t Size;
};
constexpr const char StackMapSection[] = ".gort_stackmap";

/// Bytes of a defer record that compiled code reserves in its frame for a
/// defer statement that runs at most once per call (gort_deferproc's Rec;
/// runtime2.h Defer).
constexpr size_t DeferRecordSize = 200;
/// Space after a heap defer record (gort_newdefer) for the deferred call's
/// closure: a defer in a loop stores it there instead of allocating it.
constexpr size_t DeferInlineSize = 64;

/// The state of a function's open-coded defers (all of its defer statements
/// run at most once per call): a closure-shaped header whose code, called
/// with the state as its context, runs the newest pending deferred call and
/// clears its bit; Bits has bit i set while defer statement i is pending;
/// then codegen's own slots. The runtime runs pending calls through it when
/// a panic unwinds the frame (runtime/panic.cpp).
struct OpenDefers {
  void (*Fn)();
  uint64_t Bits;
};
constexpr size_t OpenDefersBitsOffset = 8;
constexpr unsigned MaxOpenDefers = 64;

/// Fields of the goroutine descriptor G that generated code reads. The
/// runtime's G (runtime/runtime2.h) begins with exactly these.
constexpr size_t GStackLoOffset = 0;
constexpr size_t GStackHiOffset = 8;
constexpr size_t GStackGuard0Offset = 16;

/// Bytes below a goroutine's stackguard0 that compiled code may use without a
/// check: the frame of a function that checks after its prologue (at most
/// StackFrameMax) and the check's slow path, the frames of leaf functions
/// that do not check, and runtime entry points called from Go code, which
/// run with no check of their own. utils/stack_budget.py proves from the
/// built libgort that every chain of runtime frames from an entry point fits
/// (the suite runs it on both targets); runtime code that recurses or calls
/// back into Go deep below an entry point does so through callWithRoom
/// (runtime/stack.h). gc: StackGuard is 928 bytes, with its 2 KiB first
/// stacks; ours, 1 KiB with 2 KiB first segments (runtime/stack.h StackMin).
constexpr uintptr_t StackGuard = 1024;
/// The largest static frame (locals, spills, callee-saved registers,
/// outgoing arguments) that a function may allocate before it checks the
/// stack, and that a leaf function may have without a check: such a frame
/// is allocated by the prologue before the check runs. Functions with
/// bigger frames are checked before their frame exists, by a wrapper that
/// compares SP minus the frame's real size (codegen/stack_check.cpp). The
/// rest of StackGuard, StackGuard - StackFrameMax, is the budget below such a
/// frame for the check's own slow path (gort_stack_reserve, gort_morestack),
/// and, where runtime code calls Go code through a pointer (deferred calls,
/// a type's hash or equal function), for the runtime frames above it.
constexpr uintptr_t StackFrameMax = 512;
/// Functions whose static frame is at most this size and that make no calls
/// get no prologue check (gc: StackSmall).
constexpr uintptr_t StackSmall = 128;
/// stackguard0 value that makes every prologue check fail so that the
/// goroutine yields in gort_morestack (gc: stackPreempt).
constexpr uintptr_t StackPreempt = uintptr_t(-1314);

} // namespace abi
} // namespace gort

#endif // GORT_LIBGORT_ABI_H
