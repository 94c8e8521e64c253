#!/usr/bin/env bash
# `brief outline` with the grammar stage against the engine before it, by
# turns on one corpus: the bundled examples and the annotated articles of
# tests/eval, their bodies repeated to MB megabytes of Markdown.
#
# Usage: benches/outline-vs-base.sh [BASE_COMMIT] [MB] [RUNS]
#   BASE_COMMIT  the engine to compare with (default c35994e, the last commit
#                before the grammar stage); built once into target/base-COMMIT
#   MB           corpus size (default 16)
#   RUNS         runs of each binary, taken by turns (default 7)
# NEW=PATH uses that binary instead of building this checkout.
#
# Prints, for each binary, the fastest and the median wall time, the median
# CPU time, MB/s from the fastest run, and the ratio new / base. Both run on
# one core (`taskset -c 0` when present).
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-c35994e}
mb=${2:-16}
runs=${3:-7}
root=$PWD
# NEW=PATH measures a binary already built (while cargo is busy elsewhere)
if [ -z "${NEW:-}" ]; then
  cargo build --release --quiet
fi
new=${NEW:-$root/target/release/brief}
base_dir=$root/target/base-$base
if [ ! -x "$base_dir/release/brief" ]; then
  src=$(mktemp -d)
  git archive "$base" | tar -x -C "$src"
  CARGO_TARGET_DIR=$base_dir cargo build --release --quiet --manifest-path "$src/Cargo.toml"
  rm -rf "$src"
fi
old=$base_dir/release/brief
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
python3 - "$w/corpus.md" $((mb * 1000000)) examples/*.md tests/eval/*.md tests/corpus/*.md <<'EOF'
import sys
out, size, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
bodies = []
for f in files:
    t = open(f, encoding="utf-8").read()
    if t.startswith("---\n"):
        t = t.split("---\n", 2)[2]
    bodies.append(t.strip() + "\n\n")
buf, n = ["---\ntitle: Benchmark corpus\n---\n\n"], 0
while n < size:
    for b in bodies:
        buf.append(b)
        n += len(b.encode())
        if n >= size:
            break
open(out, "w", encoding="utf-8").write("".join(buf))
EOF
bytes=$(stat -c %s "$w/corpus.md")
pin=()
command -v taskset > /dev/null && pin=(taskset -c 0)
one() { # prints "wall cpu"
  /usr/bin/time -f "%e %U %S" -o "$w/t" "${pin[@]}" "$1" outline "$w/corpus.md" \
    --format json --max-input-size $((bytes * 2)) > /dev/null
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$w/t"
}
: > "$w/new" && : > "$w/old"
one "$new" > /dev/null
one "$old" > /dev/null
for _ in $(seq "$runs"); do
  one "$new" >> "$w/new"
  one "$old" >> "$w/old"
done
stats() { # fastest wall, median wall, median cpu
  local f=$1 mid=$(((runs + 1) / 2))
  echo "$(sort -n -k1 "$f" | head -1 | cut -d' ' -f1) $(sort -n -k1 "$f" | sed -n "${mid}p" | cut -d' ' -f1) $(sort -n -k2 "$f" | sed -n "${mid}p" | cut -d' ' -f2)"
}
read -r nf nm nc <<< "$(stats "$w/new")"
read -r of om oc <<< "$(stats "$w/old")"
echo "corpus: $bytes bytes; $runs runs of each by turns; $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-22s | %9s | %9s | %9s | %7s |\n' engine "fastest s" "median s" "median CPU s" "MB/s"
printf '|%s|%s|%s|%s|%s|\n' "------------------------" "-----------" "-----------" "-----------" "---------"
printf '| %-22s | %9s | %9s | %9s | %7.1f |\n' "base ($base)" "$of" "$om" "$oc" "$(echo "$bytes / 1000000 / $of" | bc -l)"
printf '| %-22s | %9s | %9s | %9s | %7.1f |\n' "with grammar ($(git rev-parse --short HEAD))" "$nf" "$nm" "$nc" "$(echo "$bytes / 1000000 / $nf" | bc -l)"
echo "ratio new / base: fastest $(echo "$nf / $of" | bc -l | cut -c1-5), median $(echo "$nm / $om" | bc -l | cut -c1-5)"
