# test/lit/lit.cfg.py - lit configuration for gortc.
#
# Every test that runs a program runs on both targets: the suite is run
# twice, with --param target=x86_64 (native) and --param target=aarch64
# (under qemu-aarch64). Tests write
#     RUN: %gortc -o %t %s && %run %t ...
# and %gortc/%run follow the chosen target.
#
# Substitutions:
#   %gortc      gortc build --target <target>-linux
#   %gortc-bin  the gortc binary itself (driver tests)
#   %gortc-opt  tools/gortc-opt: gortc's IR passes on .ll files (transform/)
#   %run        "" natively, "qemu-aarch64" for aarch64
#   %target     x86_64 or aarch64
#   %exitcode   utils/lit/exitcode.sh: runs a command, prints "exit=N"
# Features: target-x86_64 / target-aarch64.
# --param gortcflags=FLAGS adds FLAGS to every %gortc command (e.g.
# "-mllvm -gortc-stack-maps=false", which makes the feature "nomaps"
# available: a test of the stack maps' precision says UNSUPPORTED: nomaps).
#
# Collector stress: --param gogc=N and --param gortdebug=LIST set GOGC and
# GORTDEBUG for every program the tests run (e.g. gogc=1, or
# gortdebug=gcstress=100,gcpoison=1: a collection every 100 allocations,
# freed memory poisoned). Outputs must not change. With gcstress set the
# feature "gcstress" is available: a test that checks when cycles run, or
# whose cost would become quadratic (a cycle every N allocations, each
# scanning 100 000 stacks), says UNSUPPORTED: gcstress. With gogc set the
# feature "gogc" is: a test of the pacer's defaults (GOGC=100's goals,
# SetGCPercent's previous value) says UNSUPPORTED: gogc.

import os
import shutil

import lit.formats

config.name = "gortc"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".go", ".test", ".ll"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)

target = lit_config.params.get("target", "x86_64")
if target not in ("x86_64", "aarch64"):
    lit_config.fatal("unknown target " + target)
config.test_exec_root = os.path.join(config.gortc_build_dir, "test", "lit", target)

llvm_bin = "/usr/lib/llvm-19/bin"
config.environment["PATH"] = os.pathsep.join([llvm_bin, os.environ["PATH"]])
for var in ("GOGC", "GOMEMLIMIT", "GODEBUG", "GORTDEBUG", "GOMAXPROCS", "GOTRACEBACK",
            "GOARCH"):
    config.environment.pop(var, None)
for param, var in (("gogc", "GOGC"), ("gortdebug", "GORTDEBUG")):
    if lit_config.params.get(param):
        config.environment[var] = lit_config.params[param]
if "gcstress" in lit_config.params.get("gortdebug", ""):
    config.available_features.add("gcstress")
if lit_config.params.get("gogc"):
    config.available_features.add("gogc")

gortc = os.path.join(config.gortc_build_dir, "bin", "gortc")
run = ""
if target == "aarch64":
    qemu = shutil.which("qemu-aarch64")
    if not qemu:
        lit_config.fatal("qemu-aarch64 is required for the aarch64 run")
    run = qemu
config.available_features.add("target-" + target)

config.substitutions.append(("%gortc-bin", gortc))
config.substitutions.append(
    ("%gortc-opt", os.path.join(config.gortc_build_dir, "bin", "gortc-opt")))
gortc_flags = lit_config.params.get("gortcflags", "")
if "-gortc-stack-maps=false" in gortc_flags:
    config.available_features.add("nomaps")
config.substitutions.append(
    ("%gortc", "%s build --target %s-linux %s" % (gortc, target, gortc_flags)))
config.substitutions.append(("%run", run))
config.substitutions.append(("%target", target))
config.substitutions.append(
    ("%exitcode", os.path.join(config.gortc_source_dir, "utils", "lit", "exitcode.sh")))
