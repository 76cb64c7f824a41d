#!/usr/bin/env python3
"""Writes a benchmark corpus built from the articles in tests/corpus/.

    bench-corpus.py OUT_DIR MEGABYTES [--files N] [--only jsonl]

OUT_DIR receives `corpus.txt` (every article, one after the other, as one file), `files/`
(N files of about the same size, default 2,000) and `corpus.jsonl` (one record per article),
each about MEGABYTES large. The articles are the plain-text, Markdown and JSON Lines articles of
tests/corpus/, numbered in each copy so no two documents are identical.
"""

import argparse
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def articles():
    corpus = ROOT / "tests" / "corpus"
    texts = []
    for path in sorted(corpus.iterdir()):
        if path.suffix in (".txt", ".md"):
            texts.append(path.read_text(encoding="utf-8"))
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts.append(json.loads(line)["text"])
    texts.append((ROOT / "examples" / "translated-article.txt").read_text(encoding="utf-8"))
    return texts


def numbered(size):
    """Articles, each headed by its number, until `size` bytes."""
    texts = articles()
    total, i = 0, 0
    while total < size:
        text = f"Report {i}\n\n{texts[i % len(texts)]}"
        total += len(text.encode("utf-8")) + 2
        yield i, text
        i += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("megabytes", type=float)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--only", choices=["jsonl"], help="write only corpus.jsonl")
    args = parser.parse_args()
    size = int(args.megabytes * 1_000_000)
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "corpus.jsonl", "w", encoding="utf-8") as out:
        for i, text in numbered(size):
            out.write(json.dumps({"id": str(i), "text": text}, ensure_ascii=False) + "\n")
    if args.only == "jsonl":
        return
    with open(args.out / "corpus.txt", "w", encoding="utf-8") as out:
        for _, text in numbered(size):
            out.write(text + "\n\n")
    files = args.out / "files"
    files.mkdir(exist_ok=True)
    contents = [[] for _ in range(args.files)]
    for i, text in numbered(size):
        contents[i % args.files].append(text)
    for n, texts in enumerate(contents):
        (files / f"{n:05}.txt").write_text("\n\n".join(texts) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
