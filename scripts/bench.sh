#!/usr/bin/env bash
# Benchmarks for gwlint: whole-process timings against the segmentation
# floor (examples/floor.rs), peak memory, and the report formats.
#
# Usage: scripts/bench.sh [quick|full|formats]
#   quick (default): one draft, a 10 MB tree (one thread and all cores),
#                    a 10 MB single file
#   full:            also the 1 MB and 100 MB trees and the 1 MB and 50 MB files
#   formats:         the earlier whole-process table (HTML, annotate, office pack)
# GWLINT_BIN=path/to/gwlint compares another build (an older commit) with
# the same floor and inputs.
# Needs hyperfine and /usr/bin/time (apt-get install hyperfine time).
# Generated inputs are cached in ${TMPDIR:-/tmp}/gwlint-bench-corpus (they
# are deterministic; not under target/, which gwlint does not walk into).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-quick}
cargo build --release --quiet --bin gwlint --example floor --example gencorpus
bin=${GWLINT_BIN:-target/release/gwlint}
floor=target/release/examples/floor
gen=target/release/examples/gencorpus
data=${TMPDIR:-/tmp}/gwlint-bench-corpus
mkdir -p "$data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seed=../shared/seeds/000_4ad656d6f473d90a.txt
[ -f "$seed" ] || seed=corpus/docs/county_finance_notice.txt

tree() { [ -d "$data/tree$1" ] || "$gen" tree "$1" "$data/tree$1" >/dev/null; echo "$data/tree$1"; }
file() { [ -f "$data/file$1.txt" ] || "$gen" file "$1" "$data/file$1.txt" >/dev/null; echo "$data/file$1.txt"; }

# ratio NAME RUNS THREADS INPUT [human]: gwlint and the floor run
# alternately, so that a busy machine slows both alike; prints the medians,
# their ratio and both peak memories. gwlint writes JSON to /dev/null, or
# with `human` its report for people through a pipe.
ratio() {
  local name=$1 runs=$2 threads=$3 input=$4 human=${5:-} i
  : > "$work/g" ; : > "$work/f"
  for i in $(seq "$runs"); do
    RAYON_NUM_THREADS=$threads /usr/bin/time -f '%e %M' -a -o "$work/f" "$floor" "$input" >/dev/null
    if [ -n "$human" ]; then
      RAYON_NUM_THREADS=$threads /usr/bin/time -f '%e %M' -a -o "$work/g" sh -c '"$0" "$1" | cat >/dev/null' "$bin" "$input" || true
    else
      RAYON_NUM_THREADS=$threads /usr/bin/time -f '%e %M' -a -o "$work/g" "$bin" --format json "$input" >/dev/null || true
    fi
  done
  python3 - "$name" "$work/g" "$work/f" <<'PY'
import statistics, sys
name, g, f = sys.argv[1:]
def load(p):
    rows = [l.split() for l in open(p) if l.strip() and l[0].isdigit()]
    return [float(r[0]) for r in rows], [int(r[1]) for r in rows]
gt, gm = load(g); ft, fm = load(f)
ratios = [a / b for a, b in zip(gt, ft) if b > 0]
print(f"| {name} | {statistics.median(gt):.3f} s | {statistics.median(ft):.3f} s | "
      f"{statistics.median(ratios):.2f} | {max(gm) / 1024:.0f} MiB | {max(fm) / 1024:.0f} MiB |")
PY
}

header() {
  echo "| workload | gwlint | floor | gwlint / floor | gwlint peak | floor peak |"
  echo "|---|---|---|---|---|---|"
}

case "$mode" in
quick | full)
  cp "$seed" "$work/one.txt"
  header
  ratio "one draft ($(($(stat -c %s "$seed") / 1000)) KB)" 20 0 "$work/one.txt"
  if [ "$mode" = full ]; then ratio "1 MB tree, 1 thread" 10 1 "$(tree 1)"; fi
  ratio "10 MB tree, 1 thread" 5 1 "$(tree 10)"
  ratio "10 MB tree, 1 thread, human report through a pipe" 5 1 "$(tree 10)" human
  ratio "10 MB tree, all cores" 5 0 "$(tree 10)"
  if [ "$mode" = full ]; then ratio "100 MB tree, all cores" 3 0 "$(tree 100)"; fi
  if [ "$mode" = full ]; then ratio "1 MB file" 10 0 "$(file 1)"; fi
  ratio "10 MB file" 5 0 "$(file 10)"
  ratio "10 MB file, 1 thread" 5 1 "$(file 10)"
  if [ "$mode" = full ]; then ratio "50 MB file" 3 0 "$(file 50)"; fi
  ;;
formats)
  cp "$seed" "$work/one.txt"
  many=$(tree 10)
  big=$(file 10)
  # An office lexicon pack of 3,000 words: all words of all packs are
  # matched in one pass, so this should cost about as much as the plain run.
  mkdir -p "$work/office/lexicon"
  {
    printf 'id = "bench-terms"\nseverity = "warning"\nsummary = "基准"\ndoc = "基准"\n'
    for i in $(seq 1000 3999); do printf '[[entry]]\nwrong = "基准词%s"\n' "$i"; done
  } > "$work/office/lexicon/bench.toml"
  printf 'rule_dirs = ["office"]\n' > "$work/gwlint.toml"
  hyperfine -N --warmup 1 --runs 5 --export-markdown "$work/results.md" \
    -n "10 MB tree, JSON" "$bin --format json $many" \
    -n "10 MB tree, human (pipe)" "sh -c '$bin $many | cat >/dev/null'" \
    -n "10 MB tree, SARIF" "$bin --format sarif $many" \
    -n "10 MB tree, HTML report" "$bin --format html -o $work/report.html $many" \
    -n "10 MB file, JSON" "$bin --format json $big" \
    -n "10 MB file, HTML report" "$bin --format html -o $work/big.html $big" \
    -n "annotate one draft (.docx out)" "$bin annotate $work/one.txt -o $work/one.docx" \
    -n "10 MB file, 3,000-word office pack" "$bin --config $work/gwlint.toml --format json $big" \
    -i >/dev/null
  cat "$work/results.md"
  ;;
*)
  echo "usage: scripts/bench.sh [quick|full|formats]" >&2
  exit 2
  ;;
esac
