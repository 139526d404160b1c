#!/usr/bin/env bash
# Benchmarks for gwlint: whole-process timings with hyperfine.
# Usage: scripts/bench.sh   (needs hyperfine: apt-get install hyperfine)
# Inputs are generated under a temporary directory from corpus/ and, when
# present, the seed in ../shared/seeds/.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/gwlint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seed=../shared/seeds/000_4ad656d6f473d90a.txt
[ -f "$seed" ] || seed=corpus/rules/placeholder/fire.txt

# 1. One draft.
cp "$seed" "$work/one.txt"
# 2. A repository of 1,000 drafts (the corpus, repeated).
mkdir -p "$work/many"
i=0
while [ "$i" -lt 1000 ]; do
  for f in corpus/docs/*.txt corpus/rules/*/*.txt; do
    [ "$i" -lt 1000 ] || break
    cp "$f" "$work/many/$i.txt"
    i=$((i + 1))
  done
done
# 3. One 10 MB draft (the seed repeated).
: > "$work/big.txt"
while [ "$(stat -c %s "$work/big.txt")" -lt 10000000 ]; do cat "$seed" >> "$work/big.txt"; done

# 4. An office lexicon pack of 3,000 words, on the 10 MB draft: all words
#    of all packs are matched in one pass, so this should cost about as much
#    as case 3.
mkdir -p "$work/office/lexicon"
{
  printf 'id = "bench-terms"\nseverity = "warning"\nsummary = "基准"\ndoc = "基准"\n'
  for i in $(seq 1000 3999); do printf '[[entry]]\nwrong = "基准词%s"\n' "$i"; done
} > "$work/office/lexicon/bench.toml"
printf 'rule_dirs = ["office"]\n' > "$work/gwlint.toml"

hyperfine --warmup 2 --runs 10 --export-markdown "$work/results.md" \
  -n "one draft (15 KB)" "$bin --format json $work/one.txt" \
  -n "1,000 drafts (dir)" "$bin --format json $work/many" \
  -n "one 10 MB draft" "$bin --format json $work/big.txt" \
  -n "1,000 drafts, HTML report" "$bin --format html -o $work/report.html $work/many" \
  -n "one 10 MB draft, HTML report" "$bin --format html -o $work/big.html $work/big.txt" \
  -n "annotate one draft (.docx out)" "$bin annotate $work/one.txt -o $work/one.docx" \
  -n "one 10 MB draft, 3,000-word office pack" "$bin --config $work/gwlint.toml --format json $work/big.txt" \
  -i >/dev/null
cat "$work/results.md"
