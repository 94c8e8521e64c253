#!/usr/bin/env bash
# Wall time and peak memory of outline, render and diff over generated
# reports of growing size (benches/gen_pair.py), to show both grow linearly.
# Usage: benches/scaling.sh [SIZES_IN_MB...]   (default: 1 10 100)
set -euo pipefail
cd "$(dirname "$0")/.."
brief=${BRIEF:-$PWD/target/release/brief}
[ -n "${BRIEF:-}" ] || cargo build --release --quiet
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
sizes=("${@:-1 10 100}")
# shellcheck disable=SC2206
sizes=(${sizes[*]})
run() { # prints "seconds cpu_seconds peak_MB"
  /usr/bin/time -f "%e %U %S %M" -o "$w/t" "$@" > /dev/null 2>&1 || [ $? -eq 1 ]
  tail -n 1 "$w/t" | awk '{ printf "%8.2f %8.2f %8.0f", $1, $2 + $3, $4 / 1024 }'
}
# Wall time moves with the load other programs put on the machine; CPU time
# (user + system) much less.
printf '| %6s | %-8s | %8s | %8s | %8s | %8s |\n' "MB" "command" "seconds" "CPU s" "peak MB" "MB/s"
for mb in "${sizes[@]}"; do
  python3 benches/gen_pair.py "$w/old.md" "$w/new.md" --size $((mb * 1000000))
  max=$((mb * 3000000))
  for cmd in outline render diff; do
    case $cmd in
      outline) r=$(run "$brief" outline "$w/old.md" --max-input-size $max) ;;
      render) r=$(run "$brief" render "$w/old.md" --to latex --max-input-size $max) ;;
      diff) r=$(run "$brief" diff "$w/old.md" "$w/new.md" -f json --max-input-size $max) ;;
    esac
    read -r s c m <<< "$r"
    printf '| %6s | %-8s | %8s | %8s | %8s | %8.2f |\n' "$mb" "$cmd" "$s" "$c" "$m" "$(echo "$mb / ($s + 0.001)" | bc -l)"
  done
done
