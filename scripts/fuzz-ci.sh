#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ (libFuzzer) for a fixed time, two at a
# time, seeded with the repository's articles, styles and bibliographies;
# exits 1 if any target finds a crash, a timeout or a memory blow-up, and
# keeps the input that did it under target/fuzz-artifacts/TARGET/.
#
# Usage: scripts/fuzz-ci.sh [SECONDS_PER_TARGET] [TARGET...]   (default 30, all)
#
# The targets are built as cargo-fuzz builds them without a sanitizer
# (`cargo fuzz build --sanitizer none`): coverage instrumentation by rustc's
# stable flags, `--cfg fuzzing`, debug assertions on. That needs neither
# cargo-fuzz nor a nightly toolchain, so CI runs it with the stable one.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}
shift || true
root=$PWD
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^brief-fuzz$')
fi
triple=$(rustc -vV | sed -n 's/^host: //p')
export CARGO_TARGET_DIR=${FUZZ_TARGET_DIR:-$root/target/fuzz}
# the target triple keeps the instrumentation out of build scripts and
# proc macros, as cargo-fuzz does
RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
-Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares \
--cfg fuzzing -Cdebug-assertions -Coverflow-checks" \
  cargo build --quiet --release --locked --manifest-path fuzz/Cargo.toml --target "$triple" --bins
bin=$CARGO_TARGET_DIR/$triple/release
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
seeds() { # the seed files of a target
  case $1 in
  read_latex) ls examples/*.tex tests/fixtures/latex/*.tex 2>/dev/null ;;
  style_toml) ls styles/*.toml ;;
  bibliography) find tests/fixtures -type f \( -name '*.bib' -o -name '*.json' -o -name '*.yaml' -o -name '*.ris' \) ;;
  *) ls examples/*.md examples/*.txt tests/eval/*.md tests/eval/*.txt tests/fixtures/*.md ;;
  esac
}
one() { # target: runs it, prints a result line, fails on a finding
  local t=$1 dir=$w/$1
  mkdir -p "$dir/corpus" "$dir/seeds" "$root/target/fuzz-artifacts/$t"
  { seeds "$t" 2>/dev/null || true; } | while read -r f; do cp "$f" "$dir/seeds/"; done
  if [ -d "tests/fuzz-regressions/$t" ]; then cp "tests/fuzz-regressions/$t"/* "$dir/seeds/" 2>/dev/null || true; fi
  local code=0
  "$bin/$t" "$dir/corpus" "$dir/seeds" -max_total_time="$secs" -max_len=65536 \
    -timeout=20 -rss_limit_mb=3072 -print_final_stats=1 \
    -artifact_prefix="$root/target/fuzz-artifacts/$t/" > "$dir/log" 2>&1 || code=$?
  local runs
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
  if [ "$code" -ne 0 ]; then
    echo "$t: FAILED (exit $code) after ${runs:-?} runs; input kept in target/fuzz-artifacts/$t/"
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$dir/log" | head -5
    return 1
  fi
  echo "$t: ${runs:-?} runs in ${secs} s, no crash"
}
failed=0
pids=()
names=()
for t in "${targets[@]}"; do
  one "$t" > "$w/$t.result" 2>&1 &
  pids+=($!)
  names+=("$t")
  # two at a time: CI machines have two cores
  if [ ${#pids[@]} -eq 2 ]; then
    for i in 0 1; do wait "${pids[$i]}" || failed=1; cat "$w/${names[$i]}.result"; done
    pids=()
    names=()
  fi
done
for i in "${!pids[@]}"; do wait "${pids[$i]}" || failed=1; cat "$w/${names[$i]}.result"; done
exit "$failed"
