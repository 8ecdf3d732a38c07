//===- codegen/lower_map.cpp - Maps and hash functions --------------------===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Lowering of Go maps onto the runtime's hmap (runtime/map.cpp, gc's
// pre-1.24 design), and the hash functions of type descriptors.
//
// Descriptors. A map type's descriptor is an abi::MapType: key and element
// descriptors, the bucket type (gc's bmap: tophash [8]uint8, keys [8]K,
// elems [8]V, overflow pointer; K and V become pointers above 128 bytes),
// slot sizes, flags, and the key's hasher (MapType::Hasher, gc's
// maptype.hasher, a func value): a runtime hasher for basic kinds and plain
// memory (gort_memhash64_f, gort_strhash_f, gort_interhash_f...), or a
// generated "type:T.hash" for structs and arrays that are not plain memory
// (gc's genhash; its func value is "type:T.hashfunc"): it chains the field
// hashers, hashing runs of adjacent plain-memory fields with one
// gort_memhash call. Hashers have the Go calling convention (a closure
// first), as the code of a func value must.
//
// Operations. As gc's walk/order, keys travel by address (a temporary)
// except where a fast variant applies (gc's mapfast): 4- and 8-byte
// plain-memory keys without pointers and string keys, when the element is
// at most 128 bytes. m[k] reads through gort_mapaccess1 (a zero value for
// absent keys; gort_mapaccess2 for elements above abi::MapMaxZeroSize),
// `v, ok := m[k]` through gort_mapaccess2 (null when absent), stores through
// the slot address gort_mapassign returns, which is used at once: a later
// map operation may move elements. Aggregate elements are copied out of the
// map immediately for the same reason.
//
// Map literals fill the map as gc's order pass does: static entries first,
// then the others one by one in source order (emitMapLit).
//
// Assignments to map elements are LValues: the map and key are evaluated
// with the other operands on the left (spec order), the slot is asked for
// only when the value is stored.
//
//===----------------------------------------------------------------------===//

#include "codegen/lower.h"

#include "libgort/abi.h"

#include "llvm/IR/Constants.h"

#include <optional>

using namespace gortc;
using namespace gortc::codegen;
using namespace gortc::types;
using namespace gortc::syntax;
using llvm::cast;
using llvm::dyn_cast;
using llvm::isa;

namespace abi = gort::abi;

//===----------------------------------------------------------------------===//
// Hash functions
//===----------------------------------------------------------------------===//

/// True if values of T hash and compare as their bytes (gc: AMEM): no
/// floats, strings or interfaces inside, no padding, no blank fields.
bool Lowerer::isPlainMemory(Type *T) {
  Type *U = T->underlying();
  switch (U->kind()) {
  case TypeKind::Basic: {
    auto *BT = cast<Basic>(U);
    return isInteger(BT) || isBoolean(BT) ||
           BT->basicKind() == BasicKind::UnsafePointer;
  }
  case TypeKind::Pointer:
  case TypeKind::Chan:
    return true;
  case TypeKind::Array:
    return cast<Array>(U)->Len == 0 || isPlainMemory(cast<Array>(U)->Elem);
  case TypeKind::Struct: {
    auto *S = cast<Struct>(U);
    std::vector<int64_t> Offs = TCtx.offsetsOf(S);
    int64_t End = 0;
    for (size_t I = 0; I < S->Fields.size(); ++I) {
      Var *F = S->Fields[I];
      if (F->name() == "_" || !isPlainMemory(F->type()) || Offs[I] != End)
        return false;
      End = Offs[I] + sizeOf(F->type());
    }
    return End == sizeOf(T);
  }
  default:
    return false;
  }
}

/// The runtime hasher for a run of Size bytes of plain memory, if there is
/// one of that size.
static std::optional<RuntimeFn> memHasher(int64_t Size) {
  switch (Size) {
  case 0:
    return RuntimeFn::gort_memhash0;
  case 1:
    return RuntimeFn::gort_memhash8;
  case 2:
    return RuntimeFn::gort_memhash16;
  case 4:
    return RuntimeFn::gort_memhash32;
  case 8:
    return RuntimeFn::gort_memhash64;
  case 16:
    return RuntimeFn::gort_memhash128;
  default:
    return std::nullopt;
  }
}

llvm::Function *Lowerer::getHashFunc(Type *T) {
  if (!comparable(T))
    return nullptr;
  Type *U = T->underlying();
  if (isPlainMemory(T)) {
    if (std::optional<RuntimeFn> N = memHasher(sizeOf(T)))
      return getRuntime(*N);
  } else if (auto *BT = dyn_cast<Basic>(U)) {
    switch (BT->basicKind()) {
    case BasicKind::Float32:
      return getRuntime(RuntimeFn::gort_f32hash);
    case BasicKind::Float64:
      return getRuntime(RuntimeFn::gort_f64hash);
    case BasicKind::Complex64:
      return getRuntime(RuntimeFn::gort_c64hash);
    case BasicKind::Complex128:
      return getRuntime(RuntimeFn::gort_c128hash);
    case BasicKind::String:
      return getRuntime(RuntimeFn::gort_strhash);
    default:
      break;
    }
  } else if (auto *I = dyn_cast<Interface>(U)) {
    completeInterface(TCtx, I);
    return getRuntime(I->AllMethods.empty() ? RuntimeFn::gort_nilinterhash
                                            : RuntimeFn::gort_interhash);
  }

  // A generated hasher: plain memory of another size, structs, arrays.
  std::string Name = "type:" + typeSymbol(T) + ".hash";
  if (llvm::Function *F = Mod->getFunction(Name))
    return F;
  // abi::HashFn: (closure, p, seed), the code of a map's Hasher.
  auto *FT = llvm::FunctionType::get(I64, {Ptr, Ptr, I64}, false);
  llvm::Function *F =
      createGeneratedFunction(Name, FT, llvm::GlobalValue::LinkOnceODRLinkage);

  GeneratedBody FL(*this, F);
  llvm::IRBuilder<> &B = FL.B;
  llvm::Value *P = F->getArg(1), *H = F->getArg(2);
  llvm::Value *NoCtx =
      llvm::ConstantPointerNull::get(cast<llvm::PointerType>(Ptr));
  // Hashes Size bytes of plain memory at Off.
  auto MemRun = [&](int64_t Off, int64_t Size) {
    llvm::Value *At = B.CreateConstGEP1_64(I8, P, Off);
    if (std::optional<RuntimeFn> N = memHasher(Size))
      H = B.CreateCall(getRuntime(*N), {NoCtx, At, H});
    else
      H = B.CreateCall(getRuntime(RuntimeFn::gort_memhash),
                       {At, H, B.getInt64(Size)});
  };
  if (isPlainMemory(T)) {
    MemRun(0, sizeOf(T));
  } else if (auto *S = dyn_cast<Struct>(U)) {
    std::vector<int64_t> Offs = TCtx.offsetsOf(S);
    int64_t RunStart = -1, RunEnd = -1;
    auto Flush = [&] {
      if (RunStart >= 0)
        MemRun(RunStart, RunEnd - RunStart);
      RunStart = -1;
    };
    for (size_t I = 0; I < S->Fields.size(); ++I) {
      Var *Fd = S->Fields[I];
      Type *FT = Fd->type();
      if (Fd->name() == "_" || sizeOf(FT) == 0)
        continue;
      if (isPlainMemory(FT)) {
        if (RunStart < 0 || Offs[I] != RunEnd) {
          Flush();
          RunStart = Offs[I];
        }
        RunEnd = Offs[I] + sizeOf(FT);
        continue;
      }
      Flush();
      H = B.CreateCall(getHashFunc(FT),
                       {NoCtx, B.CreateConstGEP1_64(I8, P, Offs[I]), H});
    }
    Flush();
  } else {
    auto *A = cast<Array>(U);
    llvm::BasicBlock *Entry = B.GetInsertBlock();
    llvm::BasicBlock *Loop = FL.newBlock("loop");
    llvm::BasicBlock *Body = FL.newBlock("body");
    llvm::BasicBlock *Done = FL.newBlock("done");
    B.CreateBr(Loop);
    FL.setBlock(Loop);
    llvm::PHINode *Idx = B.CreatePHI(I64, 2, "i");
    llvm::PHINode *Acc = B.CreatePHI(I64, 2, "h");
    Idx->addIncoming(B.getInt64(0), Entry);
    Acc->addIncoming(H, Entry);
    B.CreateCondBr(B.CreateICmpSLT(Idx, B.getInt64(A->Len)), Body, Done);
    FL.setBlock(Body);
    llvm::Value *EP =
        B.CreateGEP(I8, P, B.CreateMul(Idx, B.getInt64(sizeOf(A->Elem))));
    llvm::Value *NH = B.CreateCall(getHashFunc(A->Elem), {NoCtx, EP, Acc});
    Idx->addIncoming(B.CreateAdd(Idx, B.getInt64(1)), B.GetInsertBlock());
    Acc->addIncoming(NH, B.GetInsertBlock());
    B.CreateBr(Loop);
    FL.setBlock(Done);
    H = Acc;
  }
  B.CreateRet(H);
  return F;
}

llvm::Constant *Lowerer::getHashFuncValue(Type *T) {
  llvm::Function *F = getHashFunc(T);
  if (!F->getName().starts_with("gort_"))
    return getLinkOnceFuncValue(F, (F->getName() + "func").str());
  // The runtime's hashers have func values there (gort_memhash64_f ...),
  // which its fast map paths recognise by address.
  return getRuntimeFuncValue((F->getName() + "_f").str());
}

llvm::Constant *Lowerer::getRuntimeFuncValue(const std::string &Name) {
  if (llvm::GlobalVariable *GV = Mod->getNamedGlobal(Name))
    return GV;
  return new llvm::GlobalVariable(
      *Mod, llvm::StructType::get(Ctx, llvm::ArrayRef<llvm::Type *>(Ptr)), true,
      llvm::GlobalValue::ExternalLinkage, nullptr, Name);
}

//===----------------------------------------------------------------------===//
// Map type descriptors
//===----------------------------------------------------------------------===//

namespace {
/// Facts about a key type that decide the map's flags (gc: reflectdata).
struct KeyFacts {
  bool HasFloat = false;  ///< +0/-0 and NaN: not reflexive, update keys
  bool HasString = false; ///< update keys (a smaller backing array)
  bool HasIface = false;  ///< all of the above, and hashing may panic
};

void keyFacts(Type *T, KeyFacts &F) {
  Type *U = T->underlying();
  switch (U->kind()) {
  case TypeKind::Basic: {
    auto *BT = cast<Basic>(U);
    if (isFloat(BT) || isComplex(BT))
      F.HasFloat = true;
    else if (isString(BT))
      F.HasString = true;
    return;
  }
  case TypeKind::Interface:
    F.HasIface = true;
    return;
  case TypeKind::Array:
    keyFacts(cast<Array>(U)->Elem, F);
    return;
  case TypeKind::Struct:
    for (Var *Fd : cast<Struct>(U)->Fields)
      keyFacts(Fd->type(), F);
    return;
  default:
    return;
  }
}
} // namespace

Type *Lowerer::getMapBucketType(Map *M) {
  auto It = BucketTypes.find(M);
  if (It != BucketTypes.end())
    return It->second;
  Type *K = M->Key, *V = M->Elem;
  if (sizeOf(K) > int64_t(abi::MapMaxKeySize))
    K = TCtx.make<Pointer>(K);
  if (sizeOf(V) > int64_t(abi::MapMaxElemSize))
    V = TCtx.make<Pointer>(V);
  auto *S = TCtx.make<Struct>();
  auto Field = [&](const char *Name, Type *FT) {
    S->Fields.push_back(TCtx.make<Var>(Pos(), nullptr, Name, FT));
    S->Tags.push_back("");
  };
  Field("topbits", TCtx.make<Array>(TCtx.basic(BasicKind::Uint8),
                                    int64_t(abi::MapBucketCnt)));
  Field("keys", TCtx.make<Array>(K, int64_t(abi::MapBucketCnt)));
  Field("elems", TCtx.make<Array>(V, int64_t(abi::MapBucketCnt)));
  // As gc: without pointers in keys and elements the whole bucket is
  // pointer-free, and the overflow buckets are kept alive from the hmap.
  Type *Ovf = hasPointers(K) || hasPointers(V)
                  ? static_cast<Type *>(TCtx.make<Pointer>(
                        TCtx.basic(BasicKind::UnsafePointer)))
                  : TCtx.basic(BasicKind::Uintptr);
  Field("overflow", Ovf);
  BucketTypes[M] = S;
  return S;
}

void Lowerer::appendMapTypeFields(Map *M,
                                  std::vector<llvm::Constant *> &Fields) {
  Type *Bucket = getMapBucketType(M);
  int64_t KS = sizeOf(M->Key), VS = sizeOf(M->Elem);
  uint32_t Flags = 0;
  if (KS > int64_t(abi::MapMaxKeySize)) {
    Flags |= abi::MapFlagIndirectKey;
    KS = 8;
  }
  if (VS > int64_t(abi::MapMaxElemSize)) {
    Flags |= abi::MapFlagIndirectElem;
    VS = 8;
  }
  KeyFacts KF;
  keyFacts(M->Key, KF);
  if (!KF.HasFloat && !KF.HasIface)
    Flags |= abi::MapFlagReflexiveKey;
  if (KF.HasFloat || KF.HasString || KF.HasIface)
    Flags |= abi::MapFlagNeedKeyUpdate;
  if (KF.HasIface)
    Flags |= abi::MapFlagHashMightPanic;
  Fields.push_back(getTypeDescriptor(M->Key));
  Fields.push_back(getTypeDescriptor(M->Elem));
  Fields.push_back(getTypeDescriptor(Bucket));
  Fields.push_back(getHashFuncValue(M->Key));
  Fields.push_back(llvm::ConstantInt::get(I8, uint64_t(KS)));
  Fields.push_back(llvm::ConstantInt::get(I8, uint64_t(VS)));
  Fields.push_back(llvm::ConstantInt::get(llvm::Type::getInt16Ty(Ctx),
                                          uint64_t(sizeOf(Bucket))));
  Fields.push_back(llvm::ConstantInt::get(I32, Flags));
}

//===----------------------------------------------------------------------===//
// Map operations
//===----------------------------------------------------------------------===//

MapFast Lowerer::mapFastKind(Map *M) {
  // gc: mapfast. Fast variants store elements inline.
  if (sizeOf(M->Elem) > int64_t(abi::MapMaxElemSize))
    return MapFast::Slow;
  Type *K = M->Key;
  if (isString(K->underlying()))
    return MapFast::Str;
  if (isPlainMemory(K) && !hasPointers(K)) {
    if (sizeOf(K) == 4)
      return MapFast::F32;
    if (sizeOf(K) == 8)
      return MapFast::F64;
  }
  return MapFast::Slow;
}

MapKey FuncLowerer::emitMapKey(Map *M, syntax::Expr *K) {
  MapKey R;
  R.Kind = L.mapFastKind(M);
  Type *KT = M->Key;
  if (R.Kind == MapFast::Slow) {
    R.Addr = createTemp(KT, "mapkey");
    emitStoreInto(K, KT, R.Addr);
    return R;
  }
  llvm::Value *V = emitExprAs(K, KT);
  if (R.Kind != MapFast::Str && !V->getType()->isIntegerTy()) {
    // A 4- or 8-byte plain-memory aggregate (e.g. [2]int32) or a bool-free
    // scalar of another LLVM type: pass its bits.
    llvm::Value *Tmp = createTemp(KT, "mapkey");
    store(V, Tmp);
    V = B.CreateLoad(R.Kind == MapFast::F32 ? L.I32 : L.I64, Tmp);
  }
  R.Val = V;
  return R;
}

MapKey FuncLowerer::mapKeyFromValue(Map *M, llvm::Value *V) {
  MapKey R;
  R.Kind = L.mapFastKind(M);
  Type *KT = M->Key;
  if (R.Kind == MapFast::Slow) {
    R.Addr = createTemp(KT, "mapkey");
    if (L.isAggregate(KT))
      emitCopy(R.Addr, V, KT);
    else
      store(V, R.Addr);
    return R;
  }
  if (L.isAggregate(KT)) {
    V = B.CreateLoad(R.Kind == MapFast::F32 ? L.I32 : L.I64, V);
  } else if (R.Kind != MapFast::Str && !V->getType()->isIntegerTy()) {
    llvm::Value *Tmp = createTemp(KT, "mapkey");
    store(V, Tmp);
    V = B.CreateLoad(R.Kind == MapFast::F32 ? L.I32 : L.I64, Tmp);
  }
  R.Val = V;
  return R;
}

/// The variant of map operation Op (given as its generic entry point) that
/// serves keys of kind K (gc: mapfast).
static RuntimeFn mapFastVariant(RuntimeFn Op, MapFast K) {
  // Indexed by MapFast: Slow, F32, F64, Str.
  static const RuntimeFn Variants[][4] = {
      {RuntimeFn::gort_mapaccess1, RuntimeFn::gort_mapaccess1_fast32,
       RuntimeFn::gort_mapaccess1_fast64, RuntimeFn::gort_mapaccess1_faststr},
      {RuntimeFn::gort_mapaccess2, RuntimeFn::gort_mapaccess2_fast32,
       RuntimeFn::gort_mapaccess2_fast64, RuntimeFn::gort_mapaccess2_faststr},
      {RuntimeFn::gort_mapassign, RuntimeFn::gort_mapassign_fast32,
       RuntimeFn::gort_mapassign_fast64, RuntimeFn::gort_mapassign_faststr},
      {RuntimeFn::gort_mapdelete, RuntimeFn::gort_mapdelete_fast32,
       RuntimeFn::gort_mapdelete_fast64, RuntimeFn::gort_mapdelete_faststr},
  };
  for (const auto &Row : Variants)
    if (Row[0] == Op)
      return Row[unsigned(K)];
  llvm_unreachable("not a map operation with fast variants");
}

llvm::Value *FuncLowerer::emitMapCall(RuntimeFn Op, Type *MapT,
                                      llvm::Value *MapV, const MapKey &K) {
  llvm::SmallVector<llvm::Value *, 4> Args{L.getTypeDescriptor(MapT), MapV};
  switch (K.Kind) {
  case MapFast::Slow:
    Args.push_back(K.Addr);
    break;
  case MapFast::F32:
  case MapFast::F64:
    Args.push_back(K.Val);
    break;
  case MapFast::Str:
    Args.push_back(B.CreateExtractValue(K.Val, 0));
    Args.push_back(B.CreateExtractValue(K.Val, 1));
    break;
  }
  return B.CreateCall(L.getRuntime(mapFastVariant(Op, K.Kind)), Args);
}

void FuncLowerer::emitMapLoad(Type *MapT, llvm::Value *MapV, const MapKey &K,
                              llvm::Value *Dest, llvm::Value **OkOut,
                              llvm::Value **ValOut) {
  auto *M = cast<Map>(MapT->underlying());
  Type *VT = M->Elem;
  bool Agg = L.isAggregate(VT);
  bool Zeroable = L.sizeOf(VT) <= int64_t(abi::MapMaxZeroSize);
  if (!OkOut && Zeroable) {
    llvm::Value *P = emitMapCall(RuntimeFn::gort_mapaccess1, MapT, MapV, K);
    if (Agg)
      emitCopy(Dest, P, VT);
    else
      *ValOut = load(VT, P, "mapval");
    return;
  }
  // The element, or the zero value and false.
  llvm::Value *P = emitMapCall(RuntimeFn::gort_mapaccess2, MapT, MapV, K);
  llvm::Value *Ok = B.CreateIsNotNull(P, "mapok");
  llvm::BasicBlock *From = B.GetInsertBlock();
  llvm::BasicBlock *Found = newBlock("map.found");
  llvm::BasicBlock *Absent = Agg ? newBlock("map.absent") : nullptr;
  llvm::BasicBlock *Done = newBlock("map.done");
  B.CreateCondBr(Ok, Found, Agg ? Absent : Done);
  setBlock(Found);
  llvm::Value *V = nullptr;
  if (Agg)
    emitCopy(Dest, P, VT);
  else
    V = load(VT, P, "mapval");
  llvm::BasicBlock *FoundEnd = B.GetInsertBlock();
  B.CreateBr(Done);
  if (Agg) {
    setBlock(Absent);
    emitZero(Dest, VT);
    B.CreateBr(Done);
  }
  setBlock(Done);
  if (!Agg) {
    llvm::PHINode *Phi = B.CreatePHI(V->getType(), 2, "mapval");
    Phi->addIncoming(V, FoundEnd);
    Phi->addIncoming(llvm::Constant::getNullValue(V->getType()), From);
    *ValOut = Phi;
  }
  if (OkOut)
    *OkOut = Ok;
}

llvm::Value *FuncLowerer::emitMapIndex(IndexExpr *E, llvm::Value *AggDest,
                                       llvm::Value **OkOut) {
  Type *MapT = exprType(L.TCtx, E->X);
  auto *M = cast<Map>(MapT->underlying());
  llvm::Value *MapV = emitExpr(E->X);
  // A lookup keeps nothing of its key: m[string(b)] does not copy b.
  MapKey K;
  llvm::Value *Tmp =
      L.mapFastKind(M) == MapFast::Str ? emitTempString(E->Index) : nullptr;
  if (Tmp) {
    K.Kind = MapFast::Str;
    K.Val = Tmp;
  } else {
    K = emitMapKey(M, E->Index);
  }
  llvm::Value *V = nullptr;
  emitMapLoad(MapT, MapV, K, AggDest, OkOut, &V);
  return V;
}

llvm::Value *FuncLowerer::emitMakeMap(Type *MapT, llvm::Value *Hint) {
  return B.CreateCall(
      L.getRuntime(RuntimeFn::gort_makemap),
      {L.getTypeDescriptor(MapT), Hint,
       llvm::ConstantPointerNull::get(cast<llvm::PointerType>(L.GCPtr))},
      "map");
}

/// Whether E, stored into a location of type T, is what gc calls a static
/// composite literal after ordering (walk/complit.go
/// isStaticCompositeLiteral, walk/order.go's OMAPLIT and OCONVIFACE cases):
/// a constant or nil, or an array or struct literal made of those. A value
/// converted to an interface is not: gc's order moves it into a read-only
/// variable first.
static bool isStaticLiteral(Expr *E, Type *T) {
  E = unparen(E);
  if (auto *N = dyn_cast<syntax::Name>(E);
      N && llvm::isa_and_nonnull<Nil>(N->Obj))
    return true;
  if (isInterface(T))
    return false;
  if (E->TV.Val)
    return true;
  auto *CL = dyn_cast<CompositeLit>(E);
  if (!CL)
    return false;
  Type *U = T->underlying();
  if (auto *S = dyn_cast<Struct>(U)) {
    for (size_t I = 0; I < CL->Elems.size(); ++I) {
      auto [FI, V] = structLitElem(CL, I);
      assert(FI < S->Fields.size() && "literal key is not a field");
      if (!isStaticLiteral(V, S->Fields[FI]->type()))
        return false;
    }
    return true;
  }
  if (auto *A = dyn_cast<Array>(U)) {
    for (Expr *V : CL->Elems) {
      if (auto *KV = dyn_cast<KeyValueExpr>(V))
        V = KV->Value;
      if (!isStaticLiteral(V, A->Elem))
        return false;
    }
    return true;
  }
  return false; // slices, maps
}

/// A map literal, as gc builds it (walk/order.go, OMAPLIT): the entries
/// whose key and element are static literals go in first, in source order;
/// then each other entry, in source order, evaluates its key and element
/// and is stored. With equal keys, the last one stored wins.
llvm::Value *FuncLowerer::emitMapLit(CompositeLit *E, Type *MapT) {
  auto *M = cast<Map>(MapT->underlying());
  llvm::Value *MapV = emitMakeMap(MapT, B.getInt64(int64_t(E->Elems.size())));
  llvm::SmallVector<KeyValueExpr *, 16> Entries, Dynamic;
  for (syntax::Expr *El : E->Elems) {
    auto *KV = cast<KeyValueExpr>(El);
    bool Static =
        isStaticLiteral(KV->Key, M->Key) && isStaticLiteral(KV->Value, M->Elem);
    (Static ? Entries : Dynamic).push_back(KV);
  }
  Entries.append(Dynamic);
  for (KeyValueExpr *KV : Entries) {
    MapKey K = emitMapKey(M, KV->Key);
    // The value is evaluated before the slot is taken.
    if (L.isAggregate(M->Elem)) {
      llvm::Value *Tmp = createTemp(M->Elem, "mapelem");
      emitStoreInto(KV->Value, M->Elem, Tmp);
      emitCopy(emitMapCall(RuntimeFn::gort_mapassign, MapT, MapV, K), Tmp,
               M->Elem);
    } else {
      llvm::Value *V = emitExprAs(KV->Value, M->Elem);
      store(V, emitMapCall(RuntimeFn::gort_mapassign, MapT, MapV, K));
    }
  }
  return MapV;
}

void FuncLowerer::emitMapDelete(CallExpr *E) {
  llvm::SmallVector<llvm::Value *, 4> MV;
  llvm::SmallVector<Type *, 4> MT;
  if (emitBuiltinMultiArgs(E, MV, MT)) { // delete(f())
    auto *M = cast<Map>(MT[0]->underlying());
    MapKey K = mapKeyFromValue(M, convertValue(MV[1], MT[1], M->Key));
    emitMapCall(RuntimeFn::gort_mapdelete, MT[0], MV[0], K);
    return;
  }
  Type *MapT = exprType(L.TCtx, E->Args[0]);
  auto *M = cast<Map>(MapT->underlying());
  llvm::Value *MapV = emitExpr(E->Args[0]);
  MapKey K = emitMapKey(M, E->Args[1]);
  emitMapCall(RuntimeFn::gort_mapdelete, MapT, MapV, K);
}

llvm::Value *FuncLowerer::emitMapLen(llvm::Value *MapV) {
  // len(nil map) == 0; otherwise hmap.count.
  llvm::BasicBlock *From = B.GetInsertBlock();
  llvm::BasicBlock *Load = newBlock("maplen.load");
  llvm::BasicBlock *Done = newBlock("maplen.done");
  B.CreateCondBr(B.CreateIsNull(MapV), Done, Load);
  setBlock(Load);
  llvm::Value *N = B.CreateLoad(
      L.I64, B.CreateConstGEP1_64(L.I8, MapV, int64_t(abi::MapCountOffset)));
  B.CreateBr(Done);
  setBlock(Done);
  llvm::PHINode *P = B.CreatePHI(L.I64, 2, "len");
  P->addIncoming(B.getInt64(0), From);
  P->addIncoming(N, Load);
  return P;
}

//===----------------------------------------------------------------------===//
// Assignable places
//===----------------------------------------------------------------------===//

LValue FuncLowerer::emitLValue(syntax::Expr *E0) {
  LValue LV;
  syntax::Expr *E = unparen(E0);
  if (isBlank(E))
    return LV;
  if (auto *IX = dyn_cast<IndexExpr>(E)) {
    Type *XT = exprType(L.TCtx, IX->X);
    if (auto *M = dyn_cast<Map>(XT->underlying())) {
      LV.MapT = XT;
      LV.MapV = emitExpr(IX->X);
      LV.Key = emitMapKey(M, IX->Index);
      return LV;
    }
  }
  LV.Addr = emitAddr(E);
  return LV;
}

llvm::Value *FuncLowerer::lvalueAddr(const LValue &LV) {
  if (LV.MapT)
    return emitMapCall(RuntimeFn::gort_mapassign, LV.MapT, LV.MapV, LV.Key);
  return LV.Addr;
}

llvm::Value *FuncLowerer::loadLValue(const LValue &LV, Type *T) {
  if (!LV.MapT)
    return load(T, LV.Addr);
  llvm::Value *V = nullptr;
  emitMapLoad(LV.MapT, LV.MapV, LV.Key, nullptr, nullptr, &V);
  return V;
}
