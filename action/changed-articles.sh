#!/usr/bin/env bash
# Prints, one a line, the articles mtlint should check: with a base ref, the files added,
# copied, modified or renamed since it (git diff BASE...HEAD); without one, the paths given
# (default `.`). Only the formats mtlint reads are kept (.txt, .text, .md, .markdown, .html,
# .htm, .jsonl). Prints nothing when nothing changed: the caller then checks nothing, never the
# whole repository.
#
#   changed-articles.sh BASE_REF [PATH…]   # files changed since BASE_REF, under PATH… if given
#   changed-articles.sh "" [PATH…]         # PATH… (default .) as they are
set -euo pipefail

base=${1:-}
shift || true

if [[ -z "$base" ]]; then
    if (( $# == 0 )); then
        echo .
    else
        printf '%s\n' "$@"
    fi
    exit 0
fi

# Since the merge base; a shallow history without one compares the two tips.
changed=$(git diff --name-only --diff-filter=ACMR "$base...HEAD" -- "$@" 2>/dev/null ||
    git diff --name-only --diff-filter=ACMR "$base" HEAD -- "$@")
printf '%s\n' "$changed" | grep -iE '\.(txt|text|md|markdown|html?|jsonl)$' | sort || true
