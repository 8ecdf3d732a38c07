#!/usr/bin/env python3
"""Bounds the stack the runtime's own code uses on goroutine stacks.

Compiled Go code calls libgort's entry points (libgort/abi.def's gort_*
functions and the Go-named functions the runtime implements, such as
runtime.GC or sync.runtime_Semacquire) on goroutine stack segments, and the
runtime's C++ code has no prologue checks: everything it runs there must
fit in the abi::StackGuard margin below the caller's passing check, until
it switches to the system stack (gort_systemstack, gort_mcall) or to a new
segment (gort_morestack). runtime/stack.cpp relies on that; this tool
proves it for the archive as built.

It reads each function's frame size from the archive's .stack_sizes
sections (libgort is built with -fstack-size-section) and its direct calls
and tail calls from the relocations (llvm-objdump -dr), then computes the
deepest chain of frames from every entry point. A call into a switch ends a
chain with the bytes the switch pushes. A call through a pointer calls Go
code (a hash or equal function, a deferred call) or runs on g0: it is
charged the frame a Go function allocates before its check (--frame-max)
plus the check's slow path (the deepest chain from gort_stack_reserve or
gort_preempt_poll). Functions passed to callWithRoom (runtime/stack.h)
start with an entry point's margin and are checked as entry points. A call
cycle is an error. Exits 1 if some chain exceeds --budget bytes.

Usage: stack_budget.py --arch x86_64|aarch64 [--budget N] [--frame-max N]
                       [--verbose] libgort.a
(--budget and --frame-max default to libgort/abi.h's StackGuard and
StackFrameMax.)
"""

import argparse
import os
import re
import subprocess
import sys

# Functions that leave the goroutine's stack: what they call runs on g0 or
# on a new segment. Their own use of the goroutine stack before the switch
# (a frame record and the callee-saved registers gort_morestack pushes) is
# given here, per architecture, in bytes, return address included.
SWITCHES = {
    # return address or frame record, callee-saved registers (asm_*.S)
    "gort_systemstack": {"x86_64": 32, "aarch64": 32},
    "gort_mcall": {"x86_64": 56, "aarch64": 160},
    "gort_morestack": {"x86_64": 48, "aarch64": 48},
    # Resumes a frame above this one after a recover: nothing below it.
    "gort_deferresume": {"x86_64": 0, "aarch64": 0},
}

# What an assembly function (no .stack_sizes entry) other than the
# switches may push on the caller's stack, return address included: at
# most 64 bytes in asm_*.S and reflectcall_*.S.
ASM_LEAVES = {
    "x86_64": 64,
    "aarch64": 64,
}

# Assembly functions that push more and call on: the register fences
# (asm_*.S GORT_FENCE), return address included.
ASM_FRAMES = {
    "runtime.GC": {"x86_64": 64, "aarch64": 96},
}

RETURN_ADDRESS = {"x86_64": 8, "aarch64": 0}

# The entry points: the functions compiled Go code calls (abi.def's gort_*
# and the Go-named functions the runtime implements).
ENTRY = re.compile(r"^(gort_\w+|[a-z][\w/]*\.[\w.]+)$")

# Entry points that run only on a system stack.
G0_ENTRIES = {
    "gort_rt0_go",     # the process's entry, on the main thread's stack
    "gort_newstack",   # gort_morestack calls it on g0
    "gort_oldstack",   # likewise
    "gort_sigtramp",   # the signal stack
    "gort_gogo",       # jumps to a saved context, from g0
    "gort_clone",      # starts a thread on its own stack
    "gort_test_threads",  # the runtime's unit tests, on a thread's stack
}

# Functions whose calls through a pointer start with an entry point's
# margin (runtime/stack.h callWithRoom): the pointer's target is checked as
# an entry (ROOM_FUNCS), not charged to the caller.
ROOM_CALLERS = [
    "gort::callWithRoom",
    "gort::(anonymous namespace)::roomThunk",
]

# Checked as entries too: the functions the runtime passes to callWithRoom,
# and the bodies of the runtime's own goroutines (newSystemGoroutine),
# which start at the top of a first segment: more room than an entry has.
ROOM_FUNCS = [
    "gort::(anonymous namespace)::runfinq",
    "gort::(anonymous namespace)::terminator",
    "gort::(anonymous namespace)::(anonymous namespace)::typehashThunk",
    "(anonymous namespace)::callThunk",
    "gort::(anonymous namespace)::deferThunk",
    "gort::(anonymous namespace)::textThunk",
]

# Functions whose callees are not counted, with the reason: each switches
# to the system stack (or never returns to the goroutine) after a frame of
# its own, and what it calls directly otherwise runs only without a g or
# on g0 already. Demangled names, as llvm-cxxfilt prints them.
STOPS = [
    # fatal switches to g0 (fatalthrowM); without a g it prints directly.
    "gort::fatal",
    # onSystemStack calls systemstack, or its argument directly without a g.
    "gort::onSystemStack",
    # gopanic's branch for a panic on the system stack.
    "gort::(anonymous namespace)::panicOnSystemStack",
]


def abi_constant(name):
    """The value of constexpr uintptr_t NAME in libgort/abi.h."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                        "libgort", "abi.h")
    with open(path) as f:
        m = re.search(r"constexpr uintptr_t %s = (\d+);" % name, f.read())
    if not m:
        sys.exit("stack_budget: %s not found in %s" % (name, path))
    return int(m.group(1))


def run(args):
    return subprocess.run(args, check=True, capture_output=True,
                          text=True).stdout


def tool(name):
    for cand in (name + "-19", name):
        try:
            subprocess.run([cand, "--version"], capture_output=True,
                           check=True)
            return cand
        except (OSError, subprocess.CalledProcessError):
            continue
    sys.exit("stack_budget: %s not found" % name)


def demangler(cxxfilt, names):
    """{mangled: demangled} for names."""
    names = sorted(names)
    out = subprocess.run([cxxfilt], input="\n".join(names), check=True,
                         capture_output=True, text=True).stdout.splitlines()
    return dict(zip(names, out))


def stack_sizes(readobj, archive):
    """{(member, function): bytes} from the archive's .stack_sizes."""
    sizes = {}
    member = None
    funcs = []
    for line in run([readobj, "--stack-sizes", archive]).splitlines():
        m = re.match(r"File: .*\((.*)\)$", line.strip())
        if m:
            member = m.group(1)
            continue
        m = re.match(r"\s*Functions: \[(.*)\]", line)
        if m:
            funcs = [f.strip() for f in m.group(1).split(",")]
            continue
        m = re.match(r"\s*Size: 0x([0-9a-f]+)", line)
        if m:
            for f in funcs:
                sizes[(member, f)] = int(m.group(1), 16)
    return sizes


CALL_X86 = re.compile(r"^\s*[0-9a-f]+:\s+(callq|jmp|jmpq|j[a-z]+)\s+(.*)$")
CALL_A64 = re.compile(r"^\s*[0-9a-f]+:\s+(bl|b|b\.[a-z]+|blr|br|cbz|cbnz|"
                      r"tbz|tbnz)\s+(.*)$")
ADR_A64 = re.compile(r"^\s*[0-9a-f]+:\s+adr\s+(x\d+),")
RELOC = re.compile(r"^\s*[0-9a-f]+:\s+(R_\w+)\s+(\S+?)(?:[-+]0x[0-9a-f]+)?$")


def call_graph(objdump, archive, arch):
    """Returns (calls, indirect, section_func): calls maps each (member,
    function) to the set of (kind, target name) it calls or tail-calls,
    indirect to its number of calls through a pointer, and section_func
    maps (member, section) to the function the section holds."""
    calls = {}
    indirect = {}
    section_func = {}
    member = None
    section = None
    func = None
    pending = None  # the branch whose relocation may follow
    insn = 0  # instructions so far
    adr = {}  # (function, register) -> the instruction of its last adr
    text = run([objdump, "-dr", "--no-show-raw-insn", archive])
    for line in text.splitlines():
        m = re.match(r"^.*\((.*)\):\s+file format", line)
        if m:
            member = m.group(1)
            continue
        m = re.match(r"^Disassembly of section (\S+):", line)
        if m:
            section = m.group(1)
            continue
        m = re.match(r"^[0-9a-f]+ <(.*)>:$", line)
        if m:
            func = (member, m.group(1))
            calls.setdefault(func, set())
            indirect.setdefault(func, 0)
            section_func.setdefault((member, section), func)
            pending = None
            continue
        if func is None:
            continue
        m = RELOC.match(line)
        if m:
            if pending and m.group(1) in ("R_X86_64_PLT32", "R_X86_64_PC32",
                                          "R_AARCH64_CALL26",
                                          "R_AARCH64_JUMP26",
                                          "R_AARCH64_CONDBR19",
                                          "R_AARCH64_TSTBR14"):
                calls[func].add((pending, m.group(2)))
            pending = None
            continue
        pending = None
        insn += 1
        if arch == "aarch64":
            m = ADR_A64.match(line)
            if m:
                adr[(func, m.group(1))] = insn
                continue
        if arch == "x86_64":
            m = CALL_X86.match(line)
            if not m:
                continue
            op, rest = m.groups()
            if rest.startswith("*"):
                # A jump through a table carries a relocation to .rodata;
                # one through a register is a tail call through a pointer.
                if op == "callq" or re.match(r"\*%\w+$", rest):
                    indirect[func] += 1
                continue
            pending = "call" if op == "callq" else "jump"
        else:
            m = CALL_A64.match(line)
            if not m:
                continue
            op = m.group(1)
            if op == "br":
                # A jump table's br follows an adr of a label in the
                # function into its register; any other br is a tail call
                # through a pointer.
                reg = m.group(2).strip()
                if insn - adr.get((func, reg), -100) > 12:
                    indirect[func] += 1
                continue
            if op == "blr":
                indirect[func] += 1
                continue
            pending = "call" if op == "bl" else "jump"
    return calls, indirect, section_func


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", required=True, choices=["x86_64", "aarch64"])
    ap.add_argument("--budget", type=int,
                    help="bytes the deepest chain may use (default: "
                    "abi::StackGuard from libgort/abi.h)")
    ap.add_argument("--frame-max", type=int,
                    help="the frame a Go function allocates before its "
                    "check (default: abi::StackFrameMax)")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("archive")
    a = ap.parse_args()
    if a.budget is None:
        a.budget = abi_constant("StackGuard")
    if a.frame_max is None:
        a.frame_max = abi_constant("StackFrameMax")

    readobj = tool("llvm-readobj")
    objdump = tool("llvm-objdump")
    nm = tool("llvm-nm")
    sizes = stack_sizes(readobj, a.archive)
    calls, indirect, section_func = call_graph(objdump, a.archive, a.arch)
    names = demangler(tool("llvm-cxxfilt"), {f[1] for f in calls})

    # Global definitions: name -> (member, name).
    defs = {}
    member = None
    for line in run([nm, "--defined-only", a.archive]).splitlines():
        m = re.match(r"^(.*\.o):$", line)
        if m:
            member = m.group(1)
            continue
        parts = line.split()
        if len(parts) == 3 and parts[1] in ("T", "W"):
            defs[parts[2]] = (member, parts[2])

    def resolve(caller, target):
        """The (member, function) a relocation names, or None."""
        if (caller[0], target) in calls:
            return (caller[0], target)
        if target in defs:
            return defs[target]
        if target.startswith(".text"):
            return section_func.get((caller[0], target))
        return None

    def pretty(f):
        n = names.get(f[1], f[1]).replace("(anonymous namespace)::", "")
        return n.split("(")[0].split(" ")[-1].replace("gort::", "")

    def named(f, which):
        n = names.get(f[1], f[1])
        return any(n == s or n.startswith(s + "(") for s in which)

    def stopped(f):
        return named(f, STOPS)

    ra = RETURN_ADDRESS[a.arch]
    a.indirect = a.frame_max + ra
    memo = {}
    on_path = []
    errors = []

    def depth(f):
        """(bytes, chain) of the deepest chain from f, f's frame included."""
        if f in memo:
            return memo[f]
        name = f[1]
        if name in SWITCHES:
            return SWITCHES[name][a.arch], [name]
        if f in on_path:
            cyc = on_path[on_path.index(f):] + [f]
            errors.append("call cycle: " + " -> ".join(map(pretty, cyc)))
            return 0, [pretty(f) + " (cycle)"]
        if f in sizes:
            own = sizes[f] + ra
        elif name in ASM_FRAMES:
            own = ASM_FRAMES[name][a.arch]
        else:
            own = ASM_LEAVES[a.arch]
        best, chain = 0, []
        if not stopped(f):
            if indirect.get(f) and not named(f, ROOM_CALLERS):
                best, chain = a.indirect, ["(call through a pointer)"]
            on_path.append(f)
            for kind, target in sorted(calls.get(f, ())):
                g = resolve(f, target)
                if g is None or g == f and kind == "jump":
                    continue  # an external symbol or a loop
                d, c = depth(g)
                if kind == "jump":
                    d -= own  # a tail call replaces the frame
                if d > best:
                    best, chain = d, c
            on_path.pop()
        memo[f] = (own + best, [pretty(f)] + chain)
        return memo[f]

    # A call through a pointer calls Go code: its frame before the check,
    # then the check's slow path.
    slow = max(depth(defs[n])[0] for n in ("gort_stack_reserve",
                                           "gort_preempt_poll"))
    slow = max(slow, SWITCHES["gort_morestack"][a.arch])
    a.indirect = a.frame_max + ra + slow
    memo.clear()
    entries = sorted(f for f in defs.values()
                     if ENTRY.match(f[1]) and f[1] not in SWITCHES and
                     f[1] not in G0_ENTRIES and f in calls)
    room = sorted(f for f in calls if named(f, ROOM_FUNCS))
    if len(room) != len(ROOM_FUNCS):
        errors.append("ROOM_FUNCS: found %d of %d" % (len(room),
                                                      len(ROOM_FUNCS)))
    entries += room
    results = []
    for f in entries:
        d, c = depth(f)
        results.append((d, f[1], c))
    results.sort(reverse=True)
    worst = results[0] if results else (0, "", [])
    for d, name, c in results[:None if a.verbose else 5]:
        print("%5d  %s" % (d, " -> ".join(c)))
    for e in sorted(set(errors)):
        print("stack_budget: " + e, file=sys.stderr)
    print("stack_budget: %s: %d entry points, deepest %d bytes (%s), budget "
          "%d" % (a.arch, len(results), worst[0], worst[1], a.budget))
    if errors or worst[0] > a.budget:
        sys.exit(1)


if __name__ == "__main__":
    main()
