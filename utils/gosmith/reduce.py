#!/usr/bin/env python3
# utils/gosmith/reduce.py - shrink a gosmith finding.
#
# Part of gortc. See LICENSE for license information.
"""Shrink a program on which two builds disagree (or a build fails).

    reduce.py FINDING_DIR_OR_GO_FILE [--ref go] [--bad O2] [--grep RE]
              [--go PATH | --no-go] [-o reduced.go]

FINDING_DIR is a directory saved by difftest.py (main.go plus report.txt,
whose first problem gives the failing mode and the kind); a .go file needs
--bad. A candidate is *interesting* when
  - go accepts it (when a go toolchain is available: the reduced program
    must stay valid Go; gortc -fsyntax-only is tried first, as it is faster),
  - and, for a mismatch, the --ref and --bad builds still print different
    things (with --grep RE: and the --bad output matches RE);
    for a compile failure or crash, the --bad build still fails with the
    same first message (file positions ignored) or matches --grep.
The program is parsed into a tree of statements (a line, or a line with the
blocks it opens: a function, a loop, an if/else chain, a case clause).
First, for every list of siblings, outermost first, runs of k neighbours
are deleted with k halving down to 1 (ddmin); then single statements are
deleted until no deletion is interesting any more. The result is written
after every step, so an interrupted run keeps its progress. Each try
costs a go build and one or two gortc builds and runs.

With --locate, nothing is reduced: every mix(...) call is tagged with its
line, and the first checksum input on which the two builds differ is shown
with its source line.
"""

import argparse
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import difftest  # noqa: E402
from gosmith import count_braces  # noqa: E402

POS_RE = re.compile(r"[^\s:]*\.go:\d+(:\d+)?:?\s*")


def strip_pos(s):
    return POS_RE.sub("", s).strip()


class Node:
    """A statement or declaration: lines [start, end], and the nodes of its
    block(s) (several for if/else chains and switch clauses)."""

    def __init__(self, start, end):
        self.start, self.end, self.children = start, end, []


def parse(lines, i=0, stop=None):
    """Nodes of the block starting at line i, up to the line closing it."""
    nodes = []
    n = len(lines) if stop is None else stop
    while i < n:
        s = lines[i].strip()
        if not s or s.startswith("//"):
            i += 1
            continue
        if s.startswith("}"):
            # closes the enclosing block, or continues it ("} else {")
            return nodes, i
        if s.startswith("case ") or s.startswith("default:"):
            node = Node(i, i)
            kids, j = parse_clause(lines, i + 1, n)
            node.children = kids
            node.end = j - 1
            nodes.append(node)
            i = j
            continue
        d = count_braces(lines[i])
        node = Node(i, i)
        if d > 0:
            j = i + 1
            depth = d
            # a block; continuation lines ("} else {") keep it open
            while j < n:
                kids, j = parse(lines, j, n)
                node.children += kids
                if j >= n:
                    break
                depth += count_braces(lines[j])
                if depth <= 0:
                    break
                j += 1
            node.end = min(j, n - 1)
            i = node.end + 1
        else:
            i += 1
        nodes.append(node)
    return nodes, i


def parse_clause(lines, i, n):
    kids = []
    while i < n:
        s = lines[i].strip()
        if s.startswith("case ") or s.startswith("default:") or s.startswith("}"):
            return kids, i
        more, j = parse(lines, i, n)
        kids += more
        if j == i:
            return kids, i
        i = j
    return kids, i


def sibling_lists(nodes):
    """Every list of sibling nodes, outermost first."""
    out = [nodes]
    for nd in nodes:
        if nd.children:
            out += sibling_lists(nd.children)
    return out


def blocks(lines):
    """Single-node candidates: (start, end) line ranges, inclusive."""
    nodes, _ = parse(lines)
    out = []
    for sib in sibling_lists(nodes):
        out += [(nd.start, nd.end) for nd in sib]
    return out


class Reducer:
    def __init__(self, tools, ref, bad, kind, signature, grep, verbose):
        self.tools, self.ref, self.bad = tools, ref, bad
        self.kind, self.signature, self.grep = kind, signature, grep
        self.verbose = verbose
        self.tries = 0
        self.wd = tempfile.mkdtemp(prefix="gosmith-reduce-")

    UNUSED_RE = re.compile(r"^[^:]*:(\d+):\d+: (?:(\w+) declared but not used|declared and not used: (\w+)|"
                           r"label (\w+) defined and not used)$", re.M)

    def repair(self, text):
        """Text that type-checks, patching unused variables and labels that a
        deletion left behind; None if it does not."""
        src = os.path.join(self.wd, "main.go")
        for _ in range(4):
            with open(src, "w") as f:
                f.write(text)
            st, out = difftest.run([self.tools.gortc, "build", "-fsyntax-only", src], self.wd, 60, self.tools.env)
            if st == 0:
                return text
            if self.kind == "compile" and self.signature_match(out):
                return text
            errs = out.decode("utf-8", "replace").strip().split("\n")
            fixes = [self.UNUSED_RE.match(e) for e in errs]
            if not all(fixes):
                return None
            lines = text.split("\n")
            for m in sorted(fixes, key=lambda m: -int(m.group(1))):
                ln = int(m.group(1)) - 1
                if m.group(4):
                    lines[ln] = lines[ln].replace(m.group(4) + ":", "", 1)
                else:
                    name = m.group(2) or m.group(3)
                    # after the declaring statement (a one-line one)
                    if count_braces(lines[ln]) != 0:
                        return None
                    lines.insert(ln + 1, "_ = " + name)
            text = "\n".join(lines)
        return None

    def interesting(self, text):
        """The (possibly repaired) text if it is interesting, else None."""
        self.tries += 1
        text = self.repair(text)
        if text is None:
            return None
        return text if self._interesting(text) else None

    def _interesting(self, text):
        src = os.path.join(self.wd, "main.go")
        with open(src, "w") as f:
            f.write(text)
        if self.tools.go:
            ok, _ = self.tools.build("go", src, os.path.join(self.wd, "prog-go"), self.wd)
            if not ok:
                return False
        res = difftest.check_program(self.tools, src, self.wd, modes=[self.bad])
        b = res[self.bad]
        if self.kind == "compile":
            return not b["build"] and self.signature_match(b["out"])
        if not b["build"]:
            return False
        if self.kind in ("crash", "timeout"):
            if self.kind == "timeout":
                return b["status"] == "timeout"
            return self.signature_match(b["out"]) and b["status"] == self.signature_status
        if self.grep and not re.search(self.grep, b["out"].decode("utf-8", "replace"), re.M):
            return False
        r = difftest.check_program(self.tools, src, self.wd, modes=[self.ref])[self.ref]
        if not r["build"] or r["status"] == "timeout" or b["status"] == "timeout":
            return False
        return r["status"] != b["status"] or r["norm"] != b["norm"]

    def signature_match(self, out):
        text = out.decode("utf-8", "replace")
        if self.grep:
            return re.search(self.grep, text, re.M) is not None
        return self.signature in strip_pos(text)

    def reduce(self, text, save):
        lines = text.split("\n")

        def without(ranges):
            drop = set()
            for a, b in ranges:
                drop.update(range(a, b + 1))
            return [l for i, l in enumerate(lines) if i not in drop]

        def accept(trial, what):
            nonlocal lines
            if self.verbose:
                print("  -%d lines: %s (%d left, %d tries)" % (len(lines) - len(trial), what, len(trial),
                                                              self.tries), flush=True)
            lines = trial
            save("\n".join(lines))

        # 1. ddmin over each list of siblings, outermost first: remove runs of
        #    k neighbours, k halving from half the list down to 1.
        changed = True
        while changed:
            changed = False
            nodes, _ = parse(lines)
            todo = sibling_lists(nodes)
            while todo:
                sib = todo.pop(0)
                ranges = [(nd.start, nd.end) for nd in sib]
                k = max(1, len(ranges) // 2)
                hit = False
                while k >= 1 and not hit:
                    for j in range(len(ranges) - k, -1, -k):
                        chunk = ranges[j:j + k]
                        t = self.interesting("\n".join(without(chunk)))
                        if t is not None:
                            accept(t.split("\n"), "%d statements" % k)
                            hit = True
                            break
                    k //= 2
                if hit:
                    changed = True
                    break  # line numbers moved: parse again
        # 2. single deletions until nothing more goes
        progress = True
        while progress:
            progress = False
            for a, b in sorted(blocks(lines), key=lambda c: (-(c[1] - c[0]), -c[0])):
                t = self.interesting("\n".join(lines[:a] + lines[b + 1:]))
                if t is not None:
                    accept(t.split("\n"), "line %d" % (a + 1))
                    progress = True
                    break
        return "\n".join(lines)


def locate(tools, src, ref, bad):
    """Tags every mix(...) call with its line, runs both builds and prints
    the first checksum input on which they disagree."""
    text = open(src).read().split("\n")
    out = []
    for i, l in enumerate(text):
        if l.startswith("func mix(x uint64) {"):
            out.append('func mixAt(l int, x uint64) {\n\tprintln("mix at", l, x)\n\tmix(x)\n}\n')
        elif "func mix(" not in l:
            l = re.sub(r"\bmix\(", "mixAt(%d, " % (i + 1), l)
        out.append(l)
    wd = tempfile.mkdtemp(prefix="gosmith-locate-")
    tagged = os.path.join(wd, "main.go")
    with open(tagged, "w") as f:
        f.write("\n".join(out))
    res = difftest.check_program(tools, tagged, wd, modes=[ref, bad])
    for m in (ref, bad):
        if not res[m]["build"]:
            sys.exit("locate: %s build failed: %s" % (m, difftest.first_line(res[m]["out"])))
    a = res[ref]["out"].decode("utf-8", "replace").split("\n")
    b = res[bad]["out"].decode("utf-8", "replace").split("\n")
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else "<eof>"
        y = b[i] if i < len(b) else "<eof>"
        if x != y:
            print("output line %d:\n  %s: %s\n  %s: %s" % (i + 1, ref, x, bad, y))
            m = re.match(r"mix at (\d+) ", x) or re.match(r"mix at (\d+) ", y)
            if m:
                n = int(m.group(1))
                print("source line %d: %s" % (n, text[n - 1].strip()))
            break
    else:
        print("locate: no difference")
    shutil.rmtree(wd, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", help="a difftest finding directory or a .go file")
    ap.add_argument("--ref", default=None, help="reference mode (default: go if available, else O0)")
    ap.add_argument("--bad", default=None, help="failing mode: O0, O2 or a64")
    ap.add_argument("--kind", default=None, choices=["mismatch", "compile", "crash", "timeout"])
    ap.add_argument("--grep", default=None, help="the failing build's output must match this regexp")
    ap.add_argument("--gortc", default=os.path.join(difftest.ROOT, "build", "bin", "gortc"))
    ap.add_argument("--go", default=None)
    ap.add_argument("--no-go", action="store_true")
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("-o", "--output", default=None, help="default: reduced.go beside the input")
    ap.add_argument("-q", "--quiet", action="store_true")
    ap.add_argument("--locate", action="store_true",
                    help="do not reduce: print the first checksum input on which --ref and --bad differ")
    args = ap.parse_args()

    go = None if args.no_go else (args.go or shutil.which("go"))
    gocache = os.environ.get("GOCACHE") or os.path.join(tempfile.gettempdir(), "gosmith-gocache")
    tools = difftest.Tools(args.gortc, go, args.timeout, gocache)
    if os.path.isdir(args.input):
        src = os.path.join(args.input, "main.go")
        kind, bad, detail = None, None, ""
        rep = os.path.join(args.input, "report.txt")
        if os.path.exists(rep):
            for l in open(rep):
                m = re.match(r"(\w+) in (\w+): (.*)", l.strip())
                if m and m.group(2) in difftest.MODES and m.group(2) != "go":
                    kind, bad, detail = m.group(1), m.group(2), m.group(3)
                    break
        out = args.output or os.path.join(args.input, "reduced.go")
    else:
        src, kind, bad, detail = args.input, None, None, ""
        out = args.output or os.path.splitext(args.input)[0] + ".reduced.go"
    kind = args.kind or kind or "mismatch"
    bad = args.bad or bad
    if bad is None:
        sys.exit("reduce: say which build fails with --bad")
    ref = args.ref or ("go" if go else "O0")
    text = open(src).read()
    if args.locate:
        locate(tools, src, ref, bad)
        return

    r = Reducer(tools, ref, bad, kind, "", args.grep, not args.quiet)
    # Signature of a compile failure or crash: the failing build's first line.
    if kind in ("compile", "crash"):
        res = difftest.check_program(tools, src, r.wd, modes=[bad])[bad]
        r.signature = strip_pos(difftest.first_line(res["out"]))
        r.signature_status = res.get("status")
        if not args.quiet:
            print("signature: %s" % r.signature)
    if r.interesting(text) is None:
        sys.exit("reduce: the input is not interesting (kind %s, ref %s, bad %s)" % (kind, ref, bad))
    if not args.quiet:
        print("reducing %s: %s in %s (reference %s), %d lines" % (src, kind, bad, ref, text.count("\n")))
    def save(t):
        with open(out, "w") as f:
            f.write(t if t.endswith("\n") else t + "\n")
    small = r.reduce(text, save)
    save(small)
    print("reduce: %d -> %d lines in %d tries: %s" % (text.count("\n"), small.count("\n"), r.tries, out))
    shutil.rmtree(r.wd, ignore_errors=True)


if __name__ == "__main__":
    main()
