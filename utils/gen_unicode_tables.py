#!/usr/bin/env python3
"""Regenerates frontend/unicode_tables.inc from Go's unicode/tables.go.

Go identifiers are made of letters and digits in the sense of unicode.IsLetter
(category L) and unicode.IsDigit (category Nd); this extracts those two range
tables as {Lo, Hi, Stride} triples.

usage: utils/gen_unicode_tables.py [/usr/share/go-1.19/src/unicode/tables.go]
"""
import re
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/go-1.19/src/unicode/tables.go"
src = open(SRC).read()


def table(name):
    m = re.search(r"var _%s = &RangeTable\{(.*?)\n\}\n" % name, src, re.S)
    return [(int(lo, 16), int(hi, 16), int(st))
            for lo, hi, st in re.findall(r"\{(0x[0-9a-f]+), (0x[0-9a-f]+), (\d+)\}", m.group(1))]


out = ["//===- frontend/unicode_tables.inc - Unicode letter and digit ranges ------===//",
       "//", "// Part of gortc. See LICENSE for license information.", "//",
       "//===----------------------------------------------------------------------===//",
       "//", "// Generated from Go 1.19's unicode/tables.go (categories L and Nd) by",
       "// utils/gen_unicode_tables.py; Go identifiers are letters and digits in the",
       "// sense of unicode.IsLetter and unicode.IsDigit. {Lo, Hi, Stride} triples.", "//",
       "//===----------------------------------------------------------------------===//", ""]
for cat, var in (("L", "LetterRanges"), ("Nd", "DigitRanges")):
    out.append("static const UnicodeRange %s[] = {" % var)
    line = "   "
    for lo, hi, st in table(cat):
        s = " {0x%x, 0x%x, %d}," % (lo, hi, st)
        if len(line) + len(s) > 80:
            out.append(line)
            line = "   "
        line += s
    out.append(line)
    out.append("};")
    out.append("")
open("frontend/unicode_tables.inc", "w").write("\n".join(out))
