#!/usr/bin/env python3
# utils/gosmith/difftest.py - differential testing of gortc with gosmith.
#
# Part of gortc. See LICENSE for license information.
"""Differential testing: build random programs several ways, compare outputs.

    difftest.py [--seconds 60 | --count N] [--jobs 2] [--seed-start N]
                [--go PATH | --no-go] [--findings DIR] [--disable F,...]

For each seed (seed-start, seed-start+1, ...) gosmith.py writes a program;
it is built with gortc -O0, gortc -O2 and gortc --target aarch64-linux
(-O2, run under qemu-aarch64), and with `go build` if a go toolchain is
found (on PATH, or --go). The outputs (stdout and stderr, the exit status)
must be identical; an unrecovered panic's goroutine dump is cut off after
its first line, as tracebacks legitimately differ. The reference is go if
present, else gortc -O0.

A mismatch, a compiler failure or crash, or a timeout is a finding: the
program, every build's output and a report are saved under
--findings/seed-N/ and the exit status is 1. A program that go rejects, or
that times out everywhere, is a generator bug and is reported the same way.
The last line is a summary: programs, builds, mismatches. Seeds are
deterministic: `difftest.py --seed-start N --count 1` reproduces seed N,
and reduce.py shrinks a finding.
"""

import argparse
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GOSMITH = os.path.join(HERE, "gosmith.py")

MODES = {
    # name: (gortc flags or None for go, runner prefix)
    "O0": (["-O0"], []),
    "O2": (["-O2"], []),
    "a64": (["-O2", "--target", "aarch64-linux"], ["qemu-aarch64"]),
    "go": (None, []),
}

TRACE_RE = re.compile(r"^goroutine \d+ \[")


def normalize(out):
    """Cut an unrecovered panic's traceback: keep up to 'goroutine N [...]:'."""
    lines = out.split(b"\n")
    for i, l in enumerate(lines):
        try:
            s = l.decode("utf-8", "replace")
        except Exception:
            s = ""
        if TRACE_RE.match(s):
            return b"\n".join(lines[:i + 1]) + b"\n<traceback>\n"
    return out


def run(cmd, cwd, timeout, env=None):
    """(exit status or 'timeout', combined output bytes)."""
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout, env=env)
        return p.returncode, p.stdout
    except subprocess.TimeoutExpired as e:
        return "timeout", (e.stdout or b"")


class Tools:
    def __init__(self, gortc, go, timeout, gocache):
        self.gortc, self.go, self.timeout = gortc, go, timeout
        self.env = dict(os.environ)
        for v in ("GOGC", "GODEBUG", "GOMAXPROCS", "GOTRACEBACK", "GOARCH", "GOOS"):
            self.env.pop(v, None)
        self.goenv = dict(self.env)
        self.goenv["GOCACHE"] = gocache
        self.goenv["GO111MODULE"] = "off"
        self.goenv["CGO_ENABLED"] = "0"
        self.goenv["GOFLAGS"] = ""

    def modes(self):
        ms = ["O0", "O2", "a64"]
        if self.go:
            ms.append("go")
        return ms

    def build(self, mode, src, out, cwd):
        """(ok, output) of building src into out."""
        flags, _ = MODES[mode]
        if flags is None:
            cmd = [self.go, "build", "-o", out, src]
            env = self.goenv
        else:
            cmd = [self.gortc, "build"] + flags + ["-o", out, src]
            env = self.env
        st, o = run(cmd, cwd, 120, env)
        return st == 0, o

    def exec(self, mode, prog, cwd):
        _, pre = MODES[mode]
        st, o = run(pre + [prog], cwd, self.timeout, self.env)
        return st, o


def check_program(tools, src, workdir, modes=None):
    """Builds and runs src in every mode. Returns a dict mode -> result."""
    results = {}
    for m in modes or tools.modes():
        exe = os.path.join(workdir, "prog-" + m)
        ok, bout = tools.build(m, src, exe, workdir)
        if not ok:
            results[m] = {"build": False, "out": bout}
            continue
        st, out = tools.exec(m, exe, workdir)
        results[m] = {"build": True, "status": st, "out": out, "norm": normalize(out)}
    return results


def classify(results, ref):
    """[] when all agree, else a list of (kind, mode, detail)."""
    problems = []
    r = results[ref]
    if not r["build"]:
        kind = "generator" if ref == "go" else "compile"
        problems.append((kind, ref, first_line(r["out"])))
        return problems
    if r["status"] == "timeout":
        others = [m for m in results if results[m].get("status") != "timeout" and results[m]["build"]]
        if not others:
            return [("generator", ref, "times out in every build")]
        problems.append(("timeout", ref, "only the reference times out"))
    for m, x in results.items():
        if m == ref:
            continue
        if not x["build"]:
            problems.append(("compile", m, first_line(x["out"])))
        elif x["status"] == "timeout" and r["status"] != "timeout":
            problems.append(("timeout", m, "timed out"))
        elif x["status"] != r["status"] or x["norm"] != r["norm"]:
            kind = "crash" if isinstance(x["status"], int) and (x["status"] < 0 or x["status"] > 2) else "mismatch"
            problems.append((kind, m, "exit %s vs %s; %s" % (x["status"], r["status"], first_diff(r["norm"], x["norm"]))))
    return problems


def first_line(b):
    for l in b.decode("utf-8", "replace").split("\n"):
        if l.strip():
            return l.strip()[:200]
    return "(no output)"


def first_diff(a, b):
    la, lb = a.decode("utf-8", "replace").split("\n"), b.decode("utf-8", "replace").split("\n")
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else "<eof>"
        y = lb[i] if i < len(lb) else "<eof>"
        if x != y:
            return "line %d: %r vs %r" % (i + 1, x[:80], y[:80])
    return "same text"


def save_finding(findings, seed, src_text, results, problems, ref, gen_args):
    d = os.path.join(findings, "seed-%d" % seed)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "main.go"), "w") as f:
        f.write(src_text)
    for m, x in results.items():
        with open(os.path.join(d, "out-%s.txt" % m), "wb") as f:
            if not x["build"]:
                f.write(b"BUILD FAILED\n" + x["out"])
            else:
                f.write(x["out"])
                f.write(("\nexit=%s\n" % x["status"]).encode())
    with open(os.path.join(d, "report.txt"), "w") as f:
        f.write("seed %d (gosmith.py --seed %d %s)\nreference: %s\n" % (seed, seed, " ".join(gen_args), ref))
        for p in problems:
            f.write("%s in %s: %s\n" % p)
    return d


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=60, help="time budget (default 60)")
    ap.add_argument("--count", type=int, help="number of programs instead of a time budget")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed-start", type=int, default=None,
                    help="first seed (default: today's date as YYYYMMDD * 1000)")
    ap.add_argument("--gortc", default=os.path.join(ROOT, "build", "bin", "gortc"))
    ap.add_argument("--go", default=None, help="go binary (default: go on PATH)")
    ap.add_argument("--no-go", action="store_true", help="do not compare against go even if found")
    ap.add_argument("--findings", default=None, help="where findings are saved (default: <build>/gosmith-findings)")
    ap.add_argument("--timeout", type=float, default=10, help="seconds per program run")
    ap.add_argument("--disable", default="", help="gosmith feature groups to disable")
    ap.add_argument("--size", default=None, help="gosmith --size")
    ap.add_argument("--quiet", action="store_true", help="only findings and the summary")
    args = ap.parse_args()

    go = None
    if not args.no_go:
        go = args.go or shutil.which("go")
    if not os.path.exists(args.gortc):
        sys.exit("difftest: gortc not found at %s" % args.gortc)
    if shutil.which("qemu-aarch64") is None:
        sys.exit("difftest: qemu-aarch64 is required")
    seed0 = args.seed_start
    if seed0 is None:
        seed0 = int(time.strftime("%Y%m%d", time.gmtime())) * 1000
    findings = args.findings or os.path.join(os.path.dirname(os.path.dirname(args.gortc)), "gosmith-findings")
    gocache = os.environ.get("GOCACHE") or os.path.join(tempfile.gettempdir(), "gosmith-gocache")
    tools = Tools(args.gortc, go, args.timeout, gocache)
    ref = "go" if go else "O0"
    gen_args = []
    if args.disable:
        gen_args += ["--disable", args.disable]
    if args.size:
        gen_args += ["--size", args.size]

    print("gosmith difftest: seeds from %d, modes %s (reference %s), %s" % (
        seed0, ",".join(tools.modes()), ref,
        "%d programs" % args.count if args.count else "%gs" % args.seconds), flush=True)

    start = time.time()
    lock = threading.Lock()
    stats = {"programs": 0, "builds": 0, "mismatches": 0, "findings": 0, "last": seed0 - 1}
    next_seed = [seed0]
    found = []

    def take():
        with lock:
            if args.count is not None:
                if next_seed[0] >= seed0 + args.count:
                    return None
            elif time.time() - start >= args.seconds:
                return None
            s = next_seed[0]
            next_seed[0] += 1
            return s

    def worker():
        while True:
            seed = take()
            if seed is None:
                return
            with tempfile.TemporaryDirectory(prefix="gosmith-") as wd:
                src = os.path.join(wd, "main.go")
                st, gout = run([sys.executable, GOSMITH, "--seed", str(seed), "-o", src] + gen_args, wd, 60)
                if st != 0:
                    problems = [("generator", "gosmith", first_line(gout))]
                    results = {}
                    text = ""
                else:
                    with open(src) as f:
                        text = f.read()
                    results = check_program(tools, src, wd)
                    problems = classify(results, ref)
                with lock:
                    stats["programs"] += 1
                    stats["builds"] += len(results)
                    stats["last"] = max(stats["last"], seed)
                    if problems:
                        stats["findings"] += 1
                        stats["mismatches"] += sum(1 for p in problems if p[0] == "mismatch")
                        d = save_finding(findings, seed, text, results, problems, ref, gen_args)
                        found.append(seed)
                        for p in problems:
                            print("seed %d: %s in %s: %s" % ((seed,) + p), flush=True)
                        print("  saved in %s" % d, flush=True)
                    elif not args.quiet:
                        print("seed %d: ok" % seed, flush=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        futs = [ex.submit(worker) for _ in range(args.jobs)]
        for f in futs:
            f.result()
    el = time.time() - start
    print("gosmith difftest: %d programs (seeds %d-%d), %d builds, %d mismatches, %d findings in %.0fs" % (
        stats["programs"], seed0, stats["last"], stats["builds"], stats["mismatches"], stats["findings"], el))
    if found:
        print("findings: " + " ".join(str(s) for s in sorted(found)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
