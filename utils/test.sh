#!/usr/bin/env bash
# Quick start, step 2 (README), and what .ci/run calls: builds if needed,
# then runs the whole test suite and prints a summary:
#   1. unit tests (GoogleTest): the compiler's, then the runtime's built
#      for the host (gortc-runtime-unittests); then utils/stack_budget.py
#      on both targets' libgort.a (the runtime's frames on goroutine stacks
#      fit the margin compiled code leaves them);
#   2. lit tests, on x86-64 natively and on AArch64 under qemu-aarch64,
#      then once more on x86-64 with the collector under stress (a cycle
#      every 50 allocations, freed memory poisoned: docs/runtime/gc.md);
#   3. the runtime smoke tests (raw runtime, both targets);
#   4. the frontend fuzz target for $GORTC_FUZZ_SECONDS (default 60);
#   5. differential testing for $GORTC_SMITH_SECONDS (default 60): random
#      programs from utils/gosmith, built with gortc -O0, -O2 and for
#      AArch64 (and with go, if one is on PATH), must print the same;
#   6. Go 1.19's own `// run` tests, all tiers, both targets, through
#      ../shared/conformance/run-conformance, with a --fail-under ratchet
#      on T0 (imports nothing) and one on T1+T2 (imports packages).
# Exits non-zero if any step fails.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${GORTC_BUILD_DIR:-$ROOT/build}
LIT=/usr/lib/llvm-19/build/utils/lit/lit.py
CONFORMANCE=${GORTC_CONFORMANCE:-$ROOT/../shared/conformance/run-conformance}
# The pass rates reached (percent); later work may only raise them.
T0_RATCHET_X86_64=${T0_RATCHET_X86_64:-100.0}
T0_RATCHET_AARCH64=${T0_RATCHET_AARCH64:-100.0}
T12_RATCHET_X86_64=${T12_RATCHET_X86_64:-99.5}
# 211/212 on both since the stack maps became the default: the tests that
# check that runtime.GC frees what a frame no longer uses pass
# (fixedbugs/issue15277.go, issue27518b.go, issue46725.go, stackobj3.go;
# 0 failures in 18 runs each on AArch64, 10 of them beside two busy
# loops).
# fixedbugs/issue32477.go still fails (docs/runtime/gc.md, "Not yet").
T12_RATCHET_AARCH64=${T12_RATCHET_AARCH64:-99.5}

start=$(date +%s)
failed=()
# Each step's heading; the previous step's wall time is printed first, so
# that the suite's budget (well under 30 minutes in CI) can be watched.
step_start=
step() {
  local now; now=$(date +%s)
  [ -n "$step_start" ] && echo "-- $((now - step_start))s"
  step_start=$now
  echo; echo "== $*"
}

step "build"
"$ROOT/utils/build.sh" || { echo "build failed"; exit 1; }

step "unit tests"
"$BUILD/bin/gortc-unittests" --gtest_brief=1 || failed+=(unit)

step "runtime unit tests (hosted)"
"$BUILD/bin/gortc-runtime-unittests" --gtest_brief=1 || failed+=(runtime-unit)

# The runtime's C++ frames on goroutine stacks fit abi::StackGuard
# (the tool reads it and abi::StackFrameMax from libgort/abi.h).
step "runtime stack budget"
for target in x86_64 aarch64; do
  python3 "$ROOT/utils/stack_budget.py" --arch $target \
    "$BUILD/lib/gortc/$target/libgort.a" || failed+=(stack-budget-$target)
done

for target in x86_64 aarch64; do
  step "lit tests ($target)"
  python3 "$LIT" -q --param target=$target "$BUILD/test/lit" || failed+=(lit-$target)
done

step "lit tests (x86_64, GORTDEBUG=gcstress=50,gcpoison=1)"
python3 "$LIT" -q --param target=x86_64 --param gortdebug=gcstress=50,gcpoison=1 \
  "$BUILD/test/lit" || failed+=(lit-gcstress)

# Go frames are scanned by precise stack maps (docs/runtime/gc.md), and
# every frame without one conservatively: the programs of test/lit/run
# are built without maps once more (all frames conservative), and run
# under the same stress; on AArch64 (under qemu) the collector's and
# escape analysis's tests run under it with maps.
step "lit run tests (x86_64, -gortc-stack-maps=false, GORTDEBUG=gcstress=50,gcpoison=1)"
python3 "$LIT" -q --param target=x86_64 --param "gortcflags=-mllvm -gortc-stack-maps=false" \
  --param gortdebug=gcstress=50,gcpoison=1 "$BUILD/test/lit/run" || failed+=(lit-nomaps)
step "lit gc and escape tests (aarch64, GORTDEBUG=gcstress=50,gcpoison=1)"
python3 "$LIT" -q --param target=aarch64 \
  --param gortdebug=gcstress=50,gcpoison=1 --filter 'gc_|escape|memstats|finaliz' \
  "$BUILD/test/lit/run" || failed+=(lit-gcstress-aarch64)

step "runtime smoke tests"
GORTC_BUILD_DIR=$BUILD "$ROOT/test/runtime-smoke/run.sh" "$BUILD/runtime-smoke" || failed+=(runtime-smoke)

step "fuzzing the frontend for ${GORTC_FUZZ_SECONDS:-60}s"
if [ -x "$BUILD/bin/gortc-fuzz-frontend" ]; then
  corpus=$(mktemp -d)
  "$BUILD/bin/gortc-fuzz-frontend" -max_total_time="${GORTC_FUZZ_SECONDS:-60}" \
    -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 "$corpus" "$ROOT/fuzz/corpus" \
    > "$BUILD/fuzz.log" 2>&1 || { tail -40 "$BUILD/fuzz.log"; failed+=(fuzz); }
  grep -E "^stat::number_of_executed_units|^Done" "$BUILD/fuzz.log" || true
  rm -rf "$corpus"
else
  echo "fuzz target not built"; failed+=(fuzz)
fi

# The seeds are fixed (GORTC_SMITH_SEED, default 1, onwards) so that a run
# judges the commit, not the day: every program in the window passed when it
# was committed, and a failure is reproducible with
# utils/gosmith/difftest.py --seed-start N --count 1 (docs/testing.md).
# Campaigns over new seeds are run by hand. GORTC_SMITH_SECONDS=0 skips it.
if [ "${GORTC_SMITH_SECONDS:-60}" != 0 ]; then
  step "differential testing with gosmith for ${GORTC_SMITH_SECONDS:-60}s"
  smith=(--seconds "${GORTC_SMITH_SECONDS:-60}" --jobs 2 --quiet
         --gortc "$BUILD/bin/gortc" --findings "$BUILD/gosmith-findings"
         --seed-start "${GORTC_SMITH_SEED:-1}")
  python3 "$ROOT/utils/gosmith/difftest.py" "${smith[@]}" || failed+=(gosmith)
fi

if [ -x "$CONFORMANCE" ]; then
  for target in x86_64 aarch64; do
    for tiers in T0 T1,T2; do
      step "conformance $tiers ($target)"
      if [ $tiers = T0 ]; then
        ratchet=$T0_RATCHET_X86_64
        [ $target = aarch64 ] && ratchet=$T0_RATCHET_AARCH64
      else
        ratchet=$T12_RATCHET_X86_64
        [ $target = aarch64 ] && ratchet=$T12_RATCHET_AARCH64
      fi
      log="$BUILD/conformance-$target-${tiers/,/}.log"
      "$CONFORMANCE" --compiler "$BUILD/bin/gortc build {src} -o {out} --target {triple}" \
        --target $target --tier $tiers -j "$(nproc)" --fail-under "$ratchet" \
        > "$log" 2>&1 || failed+=(conformance-$target-$tiers)
      sed -n '/^tier /,/^all /p;/^status/,$p' "$log"
    done
  done
else
  echo "conformance runner not found at $CONFORMANCE"; failed+=(conformance)
fi

echo "-- $(( $(date +%s) - step_start ))s"
echo
echo "== test suite finished in $(( $(date +%s) - start ))s"
if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all passed"
