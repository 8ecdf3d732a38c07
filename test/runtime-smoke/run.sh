#!/usr/bin/env bash
#===- test/runtime-smoke/run.sh - Build libgort and run the smoke tests ----===#
#
# Part of gortc. See LICENSE for license information.
#
#===----------------------------------------------------------------------===#
#
# Builds libgort for x86-64 and AArch64 (standalone CMake, as the top-level
# build does), links each test program the way the gortc driver links, runs
# it (AArch64 under qemu-aarch64) and compares output and exit status.
# Prints PASS/FAIL per case; exits non-zero if any case failed.
#
#   test/runtime-smoke/run.sh [scratch-dir]
#
# The scratch directory defaults to $GORTC_BUILD_DIR/runtime-smoke (or
# build/runtime-smoke): one per checkout, because a CMake build directory
# remembers the source tree it was configured for.
#
#===----------------------------------------------------------------------===#
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${1:-${GORTC_BUILD_DIR:-$ROOT/build}/runtime-smoke}
JOBS=${GORT_JOBS:-2}
mkdir -p "$WORK"

PASS=0
FAIL=0
pass() { echo "PASS: $1"; PASS=$((PASS + 1)); }
fail() { echo "FAIL: $1"; FAIL=$((FAIL + 1)); }

# build_runtime ARCH: configure + build + install libgort into $WORK/rt-ARCH.
build_runtime() {
  local arch=$1
  cmake -S "$ROOT/libgort" -B "$WORK/rtb-$arch" -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE="$ROOT/cmake/gort-toolchain.cmake" \
    -DGORT_ARCH="$arch" -DCMAKE_INSTALL_PREFIX="$WORK/rt-$arch" \
    >"$WORK/cmake-$arch.log" 2>&1 &&
    ninja -j"$JOBS" -C "$WORK/rtb-$arch" install >"$WORK/ninja-$arch.log" 2>&1
}

# The flags that make C play compiled Go code (x28 is g on AArch64).
cflags() {
  local arch=$1
  local f="--target=$arch-linux-gnu -O2 -ffreestanding -fno-builtin -nostdlib
    -fno-pic -fno-stack-protector -fno-omit-frame-pointer
    -fno-asynchronous-unwind-tables -Wall -Werror -I$ROOT"
  [ "$arch" = aarch64 ] && f="$f -ffixed-x28 -mno-outline-atomics"
  echo $f
}

# link ARCH OUT OBJS...: exactly the driver's ld.lld invocation.
link() {
  local arch=$1 out=$2
  shift 2
  local emul=elf_x86_64 entry=_rt0_amd64_linux
  [ "$arch" = aarch64 ] && emul=aarch64linux entry=_rt0_arm64_linux
  ld.lld-19 -m $emul -static --no-dynamic-linker -nostdlib -e $entry \
    --gc-sections -z noexecstack --build-id=none -o "$out" "$@" \
    "$WORK/rt-$arch/go_runtime.o" "$WORK/rt-$arch/libgort.a" \
    -T "$WORK/rt-$arch/gort.ld"
}

# run ARCH EXE: runs it, output (stdout+stderr) in $OUT, status in $RC.
# Traceback frames ("main.main(...)" or "main.main()", and its
# "\tfile:line +0x.." line) are dropped: these C programs have no line
# tables; the lit tests check tracebacks of real Go programs.
run() {
  local arch=$1 exe=$2
  if [ "$arch" = aarch64 ]; then
    OUT=$(GORT_SMOKE_ENV=yes qemu-aarch64 "$exe" 2>&1)
  else
    OUT=$(GORT_SMOKE_ENV=yes "$exe" 2>&1)
  fi
  RC=$?
  OUT=$(printf '%s\n' "$OUT" |
    sed -E '/^[A-Za-z_][A-Za-z0-9_.]*\((\.\.\.)?\)$/{N;/\n\t.* \+0x[0-9a-f]+$/d}')
}

# expect NAME WANT-RC WANT-TEXT: exact comparison.
expect() {
  local name=$1 rc=$2 want=$3
  if [ "$RC" = "$rc" ] && [ "$OUT" = "$want" ]; then
    pass "$name"
  else
    fail "$name (exit $RC, want $rc)"
    diff <(printf '%s\n' "$want") <(printf '%s\n' "$OUT") | head -20
  fi
}

# expect_re NAME WANT-RC REGEX: the whole output must match REGEX.
expect_re() {
  local name=$1 rc=$2 re=$3
  if [ "$RC" = "$rc" ] && [[ "$OUT" =~ ^${re}$ ]]; then
    pass "$name"
  else
    fail "$name (exit $RC, want $rc)"
    printf '%s\n' "$OUT" | head -20
  fi
}

HDR=$'\n\ngoroutine 1 [running]:'

# Map cases of t_map.c: CASE number and gc's first line (Go 1.19).
declare -A MAPCASES=(
  [1]='panic: assignment to entry in nil map'
  [2]='panic: assignment to entry in nil map'
  [6]='panic: assignment to entry in nil map'
  [9]='panic: assignment to entry in nil map'
  [3]='fatal error: concurrent map writes'
  [4]='fatal error: concurrent map read and map write'
  [5]='fatal error: concurrent map iteration and map write'
  [7]='panic: runtime error: hash of unhashable type []int'
  [8]='panic: runtime error: hash of unhashable type []int'
)

# Panic cases: CASE number and gc's first line(s) (Go 1.19).
declare -A PANICS=(
  [1]='panic: boom'
  [2]='panic: 42'
  [3]='panic: main.T(5)'
  [4]='panic: main.S("x")'
  [5]='panic: main.F(+1.500000e+000)'
  [6]='panic: main.C(+1.000000e+000+2.000000e+000i)'
  [7]='panic: main.B(true)'
  [8]='panic: nil'
  [9]='panic: 7'
  [10]='panic: +1.500000e+000'
  [11]='panic: (*int) 0x0'
  [12]='panic: ([]int) 0x1000'
  [13]='panic: (+1.000000e+000+2.000000e+000i)'
  [14]='panic: true'
  [15]='panic: main.I8(-8)'
  [16]='panic: main.I32(123456)'
  [17]='panic: -9223372036854775808'
  [20]='panic: runtime error: integer divide by zero'
  [21]='panic: runtime error: negative shift amount'
  [30]='panic: runtime error: index out of range [5] with length 0'
  [31]='panic: runtime error: index out of range [-1]'
  [32]='panic: runtime error: index out of range [7] with length 3'
  [33]='panic: runtime error: slice bounds out of range [:5] with capacity 3'
  [34]='panic: runtime error: slice bounds out of range [:5] with length 4'
  [35]='panic: runtime error: slice bounds out of range [2:1]'
  [36]='panic: runtime error: slice bounds out of range [-3:]'
  [37]='panic: runtime error: slice bounds out of range [::6] with capacity 5'
  [38]='panic: runtime error: slice bounds out of range [::6] with length 3'
  [39]='panic: runtime error: slice bounds out of range [:2:1]'
  [40]='panic: runtime error: slice bounds out of range [2:1:]'
  [41]='panic: runtime error: cannot convert slice with length 3 to pointer to array with length 5'
  [42]='panic: runtime error: slice bounds out of range [-1::]'
  [43]='panic: runtime error: index out of range [-9223372036854775808]'
  [44]='panic: runtime error: index out of range [18446744073709551615] with length 3'
  [50]=$'before\npanic: boom'
)

for arch in x86_64 aarch64; do
  echo "=== $arch"
  if ! build_runtime $arch; then
    fail "$arch: build libgort (see $WORK/*-$arch.log)"
    tail -20 "$WORK/ninja-$arch.log"
    continue
  fi
  pass "$arch: build libgort"
  B="$WORK/$arch"
  mkdir -p "$B"
  CF=$(cflags $arch)

  # The IR functions with stack checks.
  case $arch in
  x86_64)
    getg='%g.int = call i64 asm "movq %fs:gort_tls_g@TPOFF, $0", "=r"()'
    spreg=rsp features='' ;;
  aarch64)
    getg='%g.int = call i64 @llvm.read_register.i64(metadata !1)'
    spreg=sp features='"target-features"="+reserve-x28"' ;;
  esac
  framemax=$(sed -n 's/^constexpr uintptr_t StackFrameMax = \([0-9]*\);$/\1/p' \
    "$ROOT/libgort/abi.h")
  sed -e "s|@TRIPLE@|$arch-unknown-linux-gnu|" -e "s|@GETG@|$getg|" \
    -e "s|@FRAMEMAX@|$framemax|" \
    -e "s|@SPREG@|$spreg|" -e "s|@FEATURES@|$features|" \
    "$HERE/stack.ll.in" >"$B/stack.ll"
  if ! llc-19 -O2 -filetype=obj "$B/stack.ll" -o "$B/stack.o" 2>"$B/llc.log"; then
    fail "$arch: llc stack.ll"
    cat "$B/llc.log"
    continue
  fi

  ok=1
  clang-19 $CF -c "$HERE/go_runtime.c" -o "$WORK/rt-$arch/go_runtime.o" || ok=0
  for t in t_print t_stack t_overflow t_alloc; do
    clang-19 $CF -c "$HERE/$t.c" -o "$B/$t.o" || ok=0
    link $arch "$B/$t" "$B/$t.o" "$B/stack.o" || ok=0
  done
  for c in "${!PANICS[@]}" 22; do
    clang-19 $CF -DCASE=$c -c "$HERE/t_panic.c" -o "$B/t_panic_$c.o" || ok=0
    link $arch "$B/t_panic_$c" "$B/t_panic_$c.o" || ok=0
  done
  for c in 0 "${!MAPCASES[@]}" 10; do
    clang-19 $CF -DCASE=$c -c "$HERE/t_map.c" -o "$B/t_map_$c.o" || ok=0
    link $arch "$B/t_map_$c" "$B/t_map_$c.o" || ok=0
  done
  for c in 0 1; do
    clang-19 $CF -DCASE=$c -c "$HERE/t_sched.c" -o "$B/t_sched_$c.o" || ok=0
    link $arch "$B/t_sched_$c" "$B/t_sched_$c.o" || ok=0
  done
  [ $ok = 1 ] && pass "$arch: compile and link tests" || fail "$arch: compile and link tests"

  run $arch "$B/t_print"
  expect "$arch: print" 0 "$(cat "$HERE/t_print.expected")"

  run $arch "$B/t_alloc"
  if [ "$RC" = 0 ] && ! grep -q FAIL <<<"$OUT"; then
    pass "$arch: alloc, syscalls, threads, getenv ($(grep -c '^ok' <<<"$OUT") checks)"
  else
    fail "$arch: alloc, syscalls, threads, getenv (exit $RC)"
    printf '%s\n' "$OUT" | grep -v '^ok' | head -20
  fi

  run $arch "$B/t_stack"
  if [ "$RC" = 0 ] && ! grep -q FAIL <<<"$OUT" && grep -q '^rec(1000000) = 500000500000$' <<<"$OUT"; then
    pass "$arch: morestack: 1e6-deep recursion, hot split ($(grep -c '^ok' <<<"$OUT") checks)"
  else
    fail "$arch: morestack (exit $RC)"
    printf '%s\n' "$OUT" | grep -v '^ok' | head -20
  fi

  run $arch "$B/t_overflow"
  expect_re "$arch: stack overflow" 2 \
    $'runtime: goroutine stack exceeds 1000000000-byte limit\nruntime: sp=0x[0-9a-f]+ stack=\\[0x[0-9a-f]+, 0x[0-9a-f]+\\]\nfatal error: stack overflow\n\ngoroutine 1 \\[running\\]:'

  GOMAXPROCS=1 run $arch "$B/t_sched_0"
  if [ "$RC" = 0 ] && ! grep -q FAIL <<<"$OUT" && grep -q '^all sched checks passed$' <<<"$OUT"; then
    pass "$arch: scheduler: syscall hand-off, sleep, Gosched, GOMAXPROCS, Goexit ($(grep -c '^ok' <<<"$OUT") checks)"
  else
    fail "$arch: scheduler services (exit $RC)"
    printf '%s\n' "$OUT" | grep -v '^ok' | head -20
  fi
  GOMAXPROCS=1 run $arch "$B/t_sched_1"
  expect "$arch: Goexit on main, then nothing left" 2 \
    "fatal error: no goroutines (main called runtime.Goexit) - deadlock!"

  run $arch "$B/t_map_0"
  if [ "$RC" = 0 ] && ! grep -q FAIL <<<"$OUT"; then
    pass "$arch: maps and hashing ($(grep -c '^ok' <<<"$OUT") checks)"
  else
    fail "$arch: maps and hashing (exit $RC)"
    printf '%s\n' "$OUT" | grep -v '^ok' | head -20
  fi
  grep '^perf:' <<<"$OUT" | sed "s/^/  $arch /"
  for c in $(printf '%s\n' "${!MAPCASES[@]}" | sort -n); do
    run $arch "$B/t_map_$c"
    expect "$arch: map case $c" 2 "${MAPCASES[$c]}$HDR"
  done
  run $arch "$B/t_map_10"
  H1=$OUT
  run $arch "$B/t_map_10"
  if [ "$RC" = 0 ] && [[ "$H1" =~ ^0x[0-9a-f]+$ ]] && [ "$H1" != "$OUT" ]; then
    pass "$arch: hash seed differs between processes"
  else
    fail "$arch: hash seed differs between processes ($H1 / $OUT)"
  fi

  for c in $(printf '%s\n' "${!PANICS[@]}" | sort -n); do
    run $arch "$B/t_panic_$c"
    expect "$arch: panic case $c" 2 "${PANICS[$c]}$HDR"
  done
  run $arch "$B/t_panic_22"
  expect_re "$arch: panicmem" 2 \
    $'panic: runtime error: invalid memory address or nil pointer dereference\n\\[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x[0-9a-f]+\\]\n\ngoroutine 1 \\[running\\]:'
done

echo "=== $PASS passed, $FAIL failed"
[ $FAIL = 0 ]
