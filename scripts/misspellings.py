#!/usr/bin/env python3
"""Regenerate rules/dict/misspellings.txt from the typos-dict crate (MIT OR Apache-2.0).

Dump the crate's word map first, with a scratch crate depending on typos-dict 0.14.4 and
dictgen 0.6 whose main is

    for (k, v) in typos_dict::WORD.map.entries() {
        println!("{}\\t{}", k.into_inner(), v.join(","));
    }

then run `python3 scripts/misspellings.py typos.tsv rules/dict/frequency-en.txt`. Kept: a
lower-case misspelling of four letters or more with one correction, at edit distance 1 or 2
(optimal string alignment), whose correction is among the 40,000 most frequent English words
of the frequency list and which is not itself in the list.
"""
import pathlib
import sys


def osa(a, b):
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


dump, frequency = sys.argv[1], sys.argv[2]
ranked = [line.split()[0] for line in open(frequency, encoding="utf-8") if line.strip() and not line.startswith("#")]
words = set(ranked)
known = set(ranked[:40000])
pairs = {}
for line in open(dump, encoding="utf-8"):
    typo, _, fixes = line.rstrip("\n").partition("\t")
    fixes = fixes.split(",")
    if len(fixes) != 1 or not typo.isalpha() or not typo.islower() or len(typo) < 4:
        continue
    fix = fixes[0]
    if fix in known and typo not in words and fix.isalpha() and osa(typo, fix) <= 2:
        pairs[typo] = fix
out = pathlib.Path(__file__).resolve().parent.parent / "rules" / "dict" / "misspellings.txt"
header = [
    "# Frequent misspellings and their correction, from the typos-dict crate 0.14.4",
    "# (MIT OR Apache-2.0, see LICENSE-typos-dict.txt), filtered by scripts/misspellings.py.",
]
body = [f"{t} => {pairs[t]}" for t in sorted(pairs)]
out.write_text("\n".join(header + body) + "\n", encoding="utf-8")
print(len(body))
