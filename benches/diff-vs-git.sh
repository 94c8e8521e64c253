#!/usr/bin/env bash
# Times `brief diff` against `git diff --no-index --word-diff` on a generated
# pair of ~10 MB reports (benches/gen_pair.py), run by turns, and reports the
# ratio of their best wall times and each one's peak memory (via
# /usr/bin/time -v when it exists).
#
# Usage: benches/diff-vs-git.sh [SIZE_BYTES] [RUNS]
#   BRIEF=path/to/brief to time another build (default: target/release/brief,
#   built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-10000000}
runs=${2:-3}
brief=${BRIEF:-target/release/brief}
[ -x "$brief" ] || cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 benches/gen_pair.py "$work/old.md" "$work/new.md" --size "$size"
in_bytes=$(( $(wc -c < "$work/old.md") + $(wc -c < "$work/new.md") ))
echo "inputs: $(wc -c < "$work/old.md") + $(wc -c < "$work/new.md") bytes"

# One timed run: wall seconds and peak RSS (KB, via /usr/bin/time -v when it
# exists, else "-").
once() {
  local t0 t1 rss="-"
  t0=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$work/time.txt" "$@" > /dev/null || [ $? -eq 1 ]
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time.txt")
  else
    "$@" > /dev/null || [ $? -eq 1 ]
  fi
  t1=$(date +%s.%N)
  echo "$(awk "BEGIN { print $t1 - $t0 }") $rss"
}

# The two commands run by turns, so that both meet the same moments of a
# machine whose speed drifts; each one's best wall time is kept, and the
# peak memory of its last run.
b_t="" g_t=""
for _ in $(seq "$runs"); do
  read -r t b_rss < <(once "$brief" diff --format json "$work/old.md" "$work/new.md")
  if [ -z "$b_t" ] || awk "BEGIN { exit !($t < $b_t) }"; then b_t=$t; fi
  read -r t g_rss < <(once git diff --no-index --word-diff "$work/old.md" "$work/new.md")
  if [ -z "$g_t" ] || awk "BEGIN { exit !($t < $g_t) }"; then g_t=$t; fi
done
printf 'brief diff --format json   %6.2f s   peak %s KB\n' "$b_t" "$b_rss"
printf 'git diff --word-diff       %6.2f s   peak %s KB\n' "$g_t" "$g_rss"
awk "BEGIN { printf \"time ratio brief/git: %.2f\\n\", $b_t / $g_t }"
if [ "$b_rss" != "-" ]; then
  awk "BEGIN { printf \"brief peak memory / input size: %.1fx\\n\", $b_rss * 1024 / $in_bytes }"
fi
"$brief" diff --stat "$work/old.md" "$work/new.md" | tail -1 || true
