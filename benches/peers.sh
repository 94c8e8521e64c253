#!/usr/bin/env bash
# Times brief against the tools users would pick instead, on the same
# generated inputs on this machine, and prints the ratios (brief / peer;
# below 1 means brief is faster):
#   render:  brief render --to latex      vs pandoc -t latex
#   cite:    brief render --bib (2,000-entry .bib) vs pandoc --citeproc
#   diff:    brief diff                   vs latexdiff, git diff --word-diff
# Inputs: benches/gen_pair.py (reports) and the bibliography generator of
# scripts/bench-cite.sh. Uses hyperfine when present, else a date loop.
# Needs python3, pandoc, latexdiff, git, Debian's citation-style-language-styles.
#
# Usage: benches/peers.sh [ARTICLE_BYTES] [RUNS]   (defaults 200000, 3)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-200000}
runs=${2:-3}
brief=${BRIEF:-$PWD/target/release/brief}
[ -n "${BRIEF:-}" ] || cargo build --release --quiet
csl=/usr/share/citation-style-language/styles/apa.csl
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT

python3 benches/gen_pair.py "$w/old.md" "$w/new.md" --size "$size"
# The bibliography generator of scripts/bench-cite.sh, 2,000 entries.
sed -n "/<<'PY'/,/^PY$/p" scripts/bench-cite.sh | sed '1d;$d' > "$w/genbib.py"
python3 "$w/genbib.py" 2000 > "$w/refs.bib"
# The article with a citation of a bibliography entry after every 20th line.
awk 'NF && NR % 20 == 0 { sub(/\.$/, " [@k" (NR % 2000) "]."); } { print }' "$w/old.md" > "$w/cited.md"

declare -a names=() ours=() peers=()
add() { names+=("$1"); ours+=("$2"); peers+=("$3"); }
add "render md->latex" "$brief render $w/old.md --to latex" "pandoc $w/old.md -t latex -s"
add "render + 2000-entry bib" "$brief render $w/cited.md --bib $w/refs.bib --style apa --to latex" \
    "pandoc $w/cited.md -t latex -s --citeproc --bibliography $w/refs.bib --csl $csl"
add "diff vs latexdiff" "$brief diff $w/old.md $w/new.md -f latex" "latexdiff $w/old.md $w/new.md"
add "diff vs git --word-diff" "$brief diff $w/old.md $w/new.md" \
    "git diff --no-index --word-diff $w/old.md $w/new.md"

# Mean seconds of a command (exit 1 is fine: diff tools use it for "differ").
mean() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$w/h.json" "$1" >/dev/null 2>&1
    python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['mean'])" "$w/h.json"
  else
    local s e; s=$(date +%s.%N)
    for _ in $(seq "$runs"); do bash -c "$1" >/dev/null 2>&1 || true; done
    e=$(date +%s.%N); echo "($e - $s) / $runs" | bc -l
  fi
}

echo "article: $(wc -c < "$w/old.md") bytes (new version $(wc -c < "$w/new.md")); bibliography: 2000 entries; runs: $runs"
printf '| %-26s | %10s | %10s | %8s |\n' "task" "brief (s)" "peer (s)" "ratio"
printf '|%s|%s|%s|%s|\n' "----------------------------" "------------" "------------" "----------"
for i in "${!names[@]}"; do
  a=$(mean "${ours[$i]}")
  b=$(mean "${peers[$i]}")
  printf '| %-26s | %10.3f | %10.3f | %8.3f |\n' "${names[$i]}" "$a" "$b" "$(echo "$a / $b" | bc -l)"
done
