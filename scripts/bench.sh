#!/usr/bin/env bash
# Times mtlint (full default rules, JSON report) beside typos on the same generated corpus:
# about 10 MB of the articles in tests/corpus/ as one file, as 2,000 files and as JSON Lines.
# Prints seconds, MB/s and peak RSS of each (best time and highest RSS of five runs, the two
# tools' runs taken in turns so that both meet the same load on a shared machine), the time
# ratio mtlint/typos, and how mtlint's time grows from 10 MB to 100 MB of JSON Lines (best of
# five runs each, an empty input's, the 10 MB's and the 100 MB's taken in turns), and what
# comparing translations with their sources costs (10 MB of generated segment pairs, with and
# without the sources).
#
#   scripts/bench.sh            # the table
#   scripts/bench.sh --large    # also a 1 GB JSON Lines corpus (--format jsonl), peak RSS
#
# Needs python3 (corpus, virtual environment for `pip install typos`) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."

large=0
[[ "${1:-}" == "--large" ]] && large=1

cargo build --release --locked --quiet
mtlint=$PWD/target/release/mtlint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "generating the corpora in $work…" >&2
python3 scripts/bench-corpus.py "$work/c10" 10
python3 scripts/bench-corpus.py "$work/c100" 100 --only jsonl
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet typos
typos=$work/venv/bin/typos

# seconds and peak RSS (KB) of one run of the command given
run_once() {
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$work/time"
}

# mtlint (--format jsonl) on the JSON Lines inputs given, five runs each taken in turns: the
# best seconds of each, then the peak RSS (KB) of the last
measure_growth() {
    local best=() peak=0 t m i
    for _ in 1 2 3 4 5; do
        i=0
        for input in "$@"; do
            read -r t m < <(run_once "$mtlint" check --format jsonl --no-fail "$input")
            if [[ -z "${best[i]:-}" ]] || awk "BEGIN{exit !($t < ${best[i]})}"; then best[i]=$t; fi
            (( i == $# - 1 && m > peak )) && peak=$m
            i=$((i + 1))
        done
    done
    echo "${best[*]} $peak"
}

# typos and mtlint on the input given, five runs each taken in turns: the best seconds and
# peak RSS (KB) of typos, then of mtlint
measure_pair() {
    local tb="" tp=0 mb="" mp=0 t m
    for _ in 1 2 3 4 5; do
        read -r t m < <(run_once "$typos" "$1")
        if [[ -z "$tb" ]] || awk "BEGIN{exit !($t < $tb)}"; then tb=$t; fi
        (( m > tp )) && tp=$m
        read -r t m < <(run_once "$mtlint" check --format json --no-fail "$1")
        if [[ -z "$mb" ]] || awk "BEGIN{exit !($t < $mb)}"; then mb=$t; fi
        (( m > mp )) && mp=$m
    done
    echo "$tb $tp $mb $mp"
}

megabytes() { du -sb --apparent-size "$1" | awk '{printf "%.2f", $1 / 1e6}'; }

printf "%-22s %8s | %8s %8s %8s | %8s %8s %8s | %6s\n" \
    input MB "typos s" "MB/s" "RSS MB" "mtlint s" "MB/s" "RSS MB" ratio
for input in corpus.txt files corpus.jsonl; do
    path=$work/c10/$input
    mb=$(megabytes "$path")
    read -r ts tm ms mm < <(measure_pair "$path")
    awk -v i="$input" -v mb="$mb" -v ts="$ts" -v tm="$tm" -v ms="$ms" -v mm="$mm" 'BEGIN {
        printf "%-22s %8.2f | %8.2f %8.1f %8.1f | %8.2f %8.1f %8.1f | %6.2f\n",
            i, mb, ts, mb / ts, tm / 1024, ms, mb / ms, mm / 1024, ms / ts }'
done

mb10=$(megabytes "$work/c10/corpus.jsonl")
mb100=$(megabytes "$work/c100/corpus.jsonl")
: > "$work/empty.jsonl"
read -r s0 s10 s100 m100 < <(measure_growth "$work/empty.jsonl" "$work/c10/corpus.jsonl" \
    "$work/c100/corpus.jsonl")
awk -v a="$mb10" -v b="$mb100" -v s="$s10" -v t="$s100" -v m="$m100" -v z="$s0" 'BEGIN {
    printf "\nlinearity (JSON Lines, --format jsonl): %.1f MB in %.2f s (%.1f MB/s), %.1f MB in %.2f s (%.1f MB/s, peak RSS %.1f MB): time per MB %+.1f%%\n",
        a, s, a / s, b, t, b / t, m / 1024, ((t / b) / (s / a) - 1) * 100
    printf "startup (an empty input, rules loaded): %.2f s; time per MB without it %+.1f%%\n",
        z, (((t - z) / b) / ((s - z) / a) - 1) * 100 }'

# Peak RSS of every report format on the 10 MB file, against the JSON report's (target: 1.5×),
# and of one document of 10 MB of two-byte lines (the document model's worst case; target: 5×
# its size above an empty run's).
echo
json_rss=0
for format in json jsonl human sarif rdjson github junit html; do
    read -r t m < <(run_once "$mtlint" check --format "$format" --no-fail "$work/c10/corpus.txt")
    [[ $format == json ]] && json_rss=$m
    awk -v f="$format" -v t="$t" -v m="$m" -v j="$json_rss" 'BEGIN {
        printf "format %-7s %6.2f s  peak RSS %7.1f MB  %.2f× the JSON report'"'"'s\n", f, t, m / 1024, m / j }'
done
python3 -c "import sys; open(sys.argv[1], 'w').write('a\\n' * 5_000_000)" "$work/lines.txt"
read -r _ m0 < <(run_once "$mtlint" check --format json --no-fail "$work/empty.jsonl")
read -r t m < <(run_once "$mtlint" check --format json --no-fail "$work/lines.txt")
awk -v t="$t" -v m="$m" -v z="$m0" 'BEGIN {
    printf "10 MB of two-byte lines: %.2f s, peak RSS %.1f MB (%.1f MB above an empty run: %.1f× the text)\n",
        t, m / 1024, (m - z) / 1024, (m - z) / 1024 / 10 }'

# Bilingual: the same translations checked with and without their sources (best of five).
python3 scripts/bench-bilingual.py "$work/bi" 10
best_of_five() {
    local best="" t m
    for _ in 1 2 3 4 5; do
        read -r t m < <(run_once "$mtlint" check --format jsonl --no-fail "$@")
        if [[ -z "$best" ]] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    done
    echo "$best $m"
}
read -r tt tm < <(best_of_five "$work/bi/targets.jsonl")
read -r pt pm < <(best_of_five "$work/bi/pairs.jsonl")
awk -v tt="$tt" -v pt="$pt" -v pm="$pm" -v mb="$(megabytes "$work/bi/pairs.jsonl")" 'BEGIN {
    printf "bilingual: %.1f MB of segment pairs in %.2f s (peak RSS %.1f MB); the translations alone %.2f s: %.2f×\n",
        mb, pt, pm / 1024, tt, pt / tt }'

if (( large )); then
    python3 scripts/bench-corpus.py "$work/c1000" 1000 --only jsonl
    /usr/bin/time -f "%e %M" -o "$work/time" "$mtlint" check --format jsonl --no-fail \
        "$work/c1000/corpus.jsonl" >/dev/null
    read -r t m < <(tail -n 1 "$work/time")
    mb=$(megabytes "$work/c1000/corpus.jsonl")
    awk -v mb="$mb" -v t="$t" -v m="$m" 'BEGIN {
        printf "large: %.0f MB of JSON Lines in %.1f s (%.1f MB/s), peak RSS %.1f MB\n", mb, t, mb / t, m / 1024 }'
fi
