#!/usr/bin/env python3
"""Regenerate rules/untranslated/<lang>.txt: the most frequent words of the source languages mtlint
looks for in English text (and of English itself, whose frequent words, names and borrowings
are never untranslated text), from the wordfreq package (data CC-BY-SA 4.0, see
rules/untranslated/LICENSE-CC-BY-SA-4.0.txt and rules/untranslated/README.md).

    python3 -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1
    /tmp/wf/bin/python scripts/untranslated-wordlists.py

Only words of letters (and inner apostrophes) are kept; the lists are sorted, one word a line.
"""
import pathlib
import re

import wordfreq

# Source languages: their 40,000 most frequent words. English: its 80,000, which include the
# names and borrowings English news uses.
TOP = {"cs": 40000, "de": 40000, "en": 80000, "es": 40000, "fr": 40000, "it": 40000, "pl": 40000, "pt": 40000}
OUT = pathlib.Path(__file__).resolve().parent.parent / "rules" / "untranslated"
WORD = re.compile(r"^[^\W\d_]+(?:['’][^\W\d_]+)*$")

for lang, top in TOP.items():
    words = {w for w in wordfreq.top_n_list(lang, top, wordlist="large") if WORD.match(w) and len(w) > 1}
    body = sorted(words, key=lambda w: (w.lower(), w))
    header = [
        f"# The {top} most frequent words of '{lang}' in wordfreq 3.1.1 (large list), letters only.",
        "# Data CC-BY-SA 4.0 (wordfreq by Robyn Speer et al.): see LICENSE-CC-BY-SA-4.0.txt and README.md.",
    ]
    (OUT / f"{lang}.txt").write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(lang, len(body))
