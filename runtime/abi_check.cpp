//===- runtime/abi_check.cpp - Check definitions against the contract -----===//
//
// Part of gortc. See LICENSE for license information.
//
//===----------------------------------------------------------------------===//
//
// Compile-time check that every gort_* entry point the runtime declares
// (abi_entry.h, which each defining file includes) has the C signature that
// libgort/abi.def's type tokens describe, and that every function of package
// runtime (runtime_pkg.h) has the Go calling convention's C signature for
// the Go signature libgort/runtime_pkg.def gives it. The file produces no
// code.
//
// How: each C type maps to a token type (TokenOf<int64_t> is I64...), a
// function pointer type maps to the list of its result and parameter tokens,
// and that list must equal the one abi.def writes. Ptr and GcPtr are both
// "a pointer" in C; GcPtr only matters to codegen (addrspace(1)). Unmapped C
// types have no TokenOf and fail to compile. A runtime_pkg.def entry
// expands to the same kind of list: its result, the closure context (Ptr),
// then each parameter's words (Int is one I64, Any two pointers). Whether
// each function is defined at all, under its symbol, is checked when the
// smoke test links every entry point (test/runtime-smoke/t_alloc.c).
//
//===----------------------------------------------------------------------===//

#include "runtime/abi_entry.h"
#include "runtime/runtime_pkg.h"

#include <stdint.h>

namespace gort {
namespace abicheck {

// The tokens of abi.def, as types.
struct Void {};
struct Bool {};
struct I32 {};
struct I64 {};
struct F64 {};
struct Ptr {};
struct GcPtr2 {};
struct I64x2 {};
struct F64x2 {};
struct Eface {};
using GcPtr = Ptr;

template <typename A, typename B> struct IsSame {
  static constexpr bool Value = false;
};
template <typename A> struct IsSame<A, A> {
  static constexpr bool Value = true;
};

template <typename T> struct TokenOf; // no token: does not compile
template <> struct TokenOf<void> { using Type = Void; };
template <> struct TokenOf<bool> { using Type = Bool; };
struct Byte {};
template <> struct TokenOf<unsigned char> { using Type = Byte; };
template <> struct TokenOf<int32_t> { using Type = I32; };
template <> struct TokenOf<uint32_t> { using Type = I32; };
template <> struct TokenOf<long> { using Type = I64; };
template <> struct TokenOf<unsigned long> { using Type = I64; };
template <> struct TokenOf<long long> { using Type = I64; };
template <> struct TokenOf<unsigned long long> { using Type = I64; };
template <> struct TokenOf<double> { using Type = F64; };
template <typename T> struct TokenOf<T *> { using Type = Ptr; };
template <> struct TokenOf<abi::String> { using Type = GcPtr2; };
template <> struct TokenOf<abi::RunePos> { using Type = I64x2; };
template <> struct TokenOf<abi::SelectResult> { using Type = I64x2; };
template <> struct TokenOf<abi::Complex128> { using Type = F64x2; };
template <> struct TokenOf<abi::Eface> { using Type = Eface; };
static_assert(sizeof(long) == 8, "LP64 only");

template <typename... Ts> struct TokenList {};

template <typename F> struct SignatureOf;
template <typename R, typename... As> struct SignatureOf<R (*)(As...)> {
  using Type =
      TokenList<typename TokenOf<R>::Type, typename TokenOf<As>::Type...>;
};

#define GORT_FUNC(Name, Result, Flags, ...)                                    \
  static_assert(IsSame<SignatureOf<decltype(&::Name)>::Type,                   \
                       TokenList<Result __VA_OPT__(, ) __VA_ARGS__>>::Value,   \
                #Name ": definition does not match libgort/abi.def");
#include "libgort/abi.def"

// The tokens of runtime_pkg.def: Void and Ptr as abi.def's, Int one 64-bit
// word, Any (interface{}) the type and data words, Slice its three words,
// String a two-word result, Str a string parameter's two words.
using Int = I64;
using String = GcPtr2;
struct Str {};
using GoBool = Byte;
struct Any {};
struct Slice {};

/// The C parameter words of a Go parameter token.
template <typename T> struct WordsOf { using Type = TokenList<T>; };
template <> struct WordsOf<Any> { using Type = TokenList<Ptr, Ptr>; };
template <> struct WordsOf<Slice> { using Type = TokenList<Ptr, I64, I64>; };
template <> struct WordsOf<Str> { using Type = TokenList<Ptr, I64>; };

template <typename... Lists> struct Concat;
template <typename... As> struct Concat<TokenList<As...>> {
  using Type = TokenList<As...>;
};
template <typename... As, typename... Bs, typename... Rest>
struct Concat<TokenList<As...>, TokenList<Bs...>, Rest...> {
  using Type = typename Concat<TokenList<As..., Bs...>, Rest...>::Type;
};

/// The C signature of a Go function of Result(Params...): the result, the
/// closure context, the parameters' words.
template <typename Result, typename... Params> struct GoSignature {
  using Type = typename Concat<TokenList<Result, Ptr>,
                               typename WordsOf<Params>::Type...>::Type;
};

#define GORT_GO_FUNC(Name, Result, ...)                                        \
  static_assert(                                                               \
      IsSame<SignatureOf<decltype(&::runtime_##Name)>::Type,                   \
             GoSignature<Result __VA_OPT__(, ) __VA_ARGS__>::Type>::Value,     \
      "runtime." #Name ": definition does not match libgort/runtime_pkg.def");
#include "libgort/runtime_pkg.def"

} // namespace abicheck
} // namespace gort
