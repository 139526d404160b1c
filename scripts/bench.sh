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

hyperfine --warmup 2 --runs 10 --export-markdown "$work/results.md" \
  -n "one draft (15 KB)" "$bin --format json $work/one.txt" \
  -n "1,000 drafts (dir)" "$bin --format json $work/many" \
  -n "one 10 MB draft" "$bin --format json $work/big.txt" \
  -n "1,000 drafts, HTML report" "$bin --format html -o $work/report.html $work/many" \
  -n "one 10 MB draft, HTML report" "$bin --format html -o $work/big.html $work/big.txt" \
  -n "annotate one draft (.docx out)" "$bin annotate $work/one.txt -o $work/one.docx" \
  -i >/dev/null
cat "$work/results.md"
