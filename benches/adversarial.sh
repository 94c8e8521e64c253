#!/usr/bin/env bash
# Growth of time and memory of outline, render and diff on adversarial input
# shapes (benches/gen_adversarial.py: one long sentence, one paragraph, a
# list of names, long lines, deep nesting of every construct the readers
# know), at doubling sizes. Each doubling must cost at most 2.3x the CPU
# time and peak memory of the size before; a row that does not is marked
# `!!` and the script exits 1.
# Usage: benches/adversarial.sh [SIZES_IN_MB...]   (default: 1 2 4 8)
#        SHAPES="names lists" RUNS=1 benches/adversarial.sh 1 2
set -euo pipefail
cd "$(dirname "$0")/.."
brief=${BRIEF:-${CARGO_TARGET_DIR:-$PWD/target}/release/brief}
[ -n "${BRIEF:-}" ] || cargo build --release --quiet
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
sizes=("${@:-1 2 4 8}")
# shellcheck disable=SC2206
sizes=(${sizes[*]})
shapes=${SHAPES:-$(python3 benches/gen_adversarial.py --list)}
bound=2.3
# Below these a measurement is start-up and noise: a ratio of two tiny
# times or of two small peaks says nothing about growth.
min_cpu=0.05
min_mb=30
# Each command runs RUNS times (default 3) and the least CPU time and peak
# memory count: on a shared machine one run can wait on another's cache
# and memory traffic, which is no growth of brief's own.
runs=${RUNS:-3}
run() { # prints "exit cpu_seconds peak_MB"
  local code=0 k
  : > "$w/all"
  for k in $(seq "$runs"); do
    code=0
    /usr/bin/time -f "%U %S %M" -o "$w/t" "$@" > /dev/null 2> "$w/err" || code=$?
    tail -n 1 "$w/t" | awk '{ printf "%.2f %.0f\n", $1 + $2, $3 / 1024 }' >> "$w/all"
  done
  printf '%d %s %s' "$code" "$(sort -n -k1 "$w/all" | head -1 | cut -d' ' -f1)" \
    "$(sort -n -k2 "$w/all" | head -1 | cut -d' ' -f2)"
}
ratio() { # ratio of $2 over $1, or "-" when $1 is below the noise floor $3
  awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { if (a < f && b < 2 * f) print "-"; else printf "%.2f", b / (a < f ? f : a) }'
}
over() { [ "$1" != "-" ] && awk -v r="$1" -v b="$bound" 'BEGIN { exit !(r > b) }'; }
printf '| %-12s | %-7s | %3s | %4s | %7s | %7s | %6s | %6s |\n' shape command MB exit "CPU s" "peak MB" "x CPU" "x mem"
printf '|%s|\n' "--------------|---------|-----|------|---------|---------|--------|--------"
failed=0
for shape in $shapes; do
  for cmd in outline render diff; do
    prev_c="" prev_m=""
    for mb in "${sizes[@]}"; do
      bytes=$((mb * 1000000))
      python3 benches/gen_adversarial.py "$shape" "$bytes" "$w/a.md"
      max=$((bytes * 2))
      case $cmd in
        outline) r=$(run "$brief" outline "$w/a.md" --max-input-size $max) ;;
        render) r=$(run "$brief" render "$w/a.md" --to latex --max-input-size $max) ;;
        diff)
          python3 benches/gen_adversarial.py "$shape" "$bytes" "$w/b.md" --variant
          r=$(run "$brief" diff "$w/a.md" "$w/b.md" -f json --max-input-size $max) ;;
      esac
      read -r code c m <<< "$r"
      xc=- xm=- mark=""
      if [ -n "$prev_c" ]; then
        xc=$(ratio "$prev_c" "$c" $min_cpu)
        xm=$(ratio "$prev_m" "$m" $min_mb)
        if over "$xc" || over "$xm"; then mark=" !!"; failed=1; fi
      fi
      # exit 0, 1 (diff: the versions differ) or 2 (refused: YAML and TOML
      # nested past their limits) are answers; anything else is a crash
      if [ "$code" -gt 2 ]; then mark=" !! crash"; failed=1; fi
      printf '| %-12s | %-7s | %3s | %4s | %7s | %7s | %6s | %6s |%s\n' "$shape" "$cmd" "$mb" "$code" "$c" "$m" "$xc" "$xm" "$mark"
      prev_c=$c prev_m=$m
    done
  done
done
exit $failed
