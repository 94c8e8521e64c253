#!/usr/bin/env bash
# Times `brief cite` against `pandoc --citeproc` formatting the same
# bibliography of N generated entries (default 2000) in APA, and prints the
# ratio. Needs python3, pandoc and Debian's citation-style-language-styles.
# Usage: scripts/bench-cite.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
CSL=/usr/share/citation-style-language/styles/apa.csl
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$N" > "$dir/refs.bib" <<'PY'
import random, sys
random.seed(7)
n = int(sys.argv[1])
fam = "Adams Baker Chen Dubois Evans Fischer Garcia Hansen Ito Jensen Khan Larsen Moreau Novak Ortiz Park Quinn Rossi Silva Tanaka Usman Vogel Weber Xu Yilmaz Zhang".split()
giv = "Alice Brian Carla David Elena Farid Grace Hugo Irene Jonas Kemal Lena Marco Nadia Omar Paula".split()
words = "policy trade climate security governance reform growth health energy migration conflict data media trust water food labour cities elections markets".split()
kinds = ["article", "book", "report", "incollection", "online", "article-news"]
for i in range(n):
    k = kinds[i % len(kinds)]
    authors = " and ".join(f"{random.choice(fam)}, {random.choice(giv)}" for _ in range(random.randint(1, 4)))
    title = " ".join(w.capitalize() for w in random.sample(words, 5))
    year = random.randint(1990, 2024)
    if k == "article":
        print(f"@article{{k{i}, author = {{{authors}}}, title = {{{title}}}, journal = {{Journal of {random.choice(words).capitalize()}}}, year = {year}, volume = {random.randint(1,90)}, number = {random.randint(1,12)}, pages = {{{random.randint(1,200)}--{random.randint(201,400)}}}, doi = {{10.1000/x{i}}}}}")
    elif k == "book":
        print(f"@book{{k{i}, author = {{{authors}}}, title = {{{title}}}, publisher = {{{random.choice(fam)} Press}}, address = {{London}}, year = {year}}}")
    elif k == "report":
        print(f"@report{{k{i}, author = {{{{{random.choice(words).capitalize()} Institute}}}}, title = {{{title}}}, institution = {{{random.choice(words).capitalize()} Institute}}, number = {{R-{i}}}, year = {year}}}")
    elif k == "incollection":
        print(f"@incollection{{k{i}, author = {{{authors}}}, title = {{{title}}}, booktitle = {{Handbook of {random.choice(words).capitalize()}}}, editor = {{{random.choice(fam)}, {random.choice(giv)}}}, publisher = {{Oxford University Press}}, year = {year}, pages = {{1--20}}}}")
    elif k == "online":
        print(f"@online{{k{i}, author = {{{authors}}}, title = {{{title}}}, date = {{{year}-0{random.randint(1,9)}-1{random.randint(0,9)}}}, url = {{https://example.org/{i}}}, urldate = {{2024-01-02}}}}")
    else:
        print(f"@article{{k{i}, author = {{{authors}}}, title = {{{title}}}, journaltitle = {{The Daily {random.choice(words).capitalize()}}}, entrysubtype = {{newspaper}}, date = {{{year}-0{random.randint(1,9)}-2{random.randint(0,8)}}}}}")
PY
cargo build --release --quiet
printf -- '---\nnocite: "@*"\n---\n' > "$dir/all.md"
t() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
ours=$(t target/release/brief cite --bib "$dir/refs.bib" --style "$CSL" --all)
theirs=$(t pandoc "$dir/all.md" --citeproc --bibliography "$dir/refs.bib" --csl "$CSL" -t plain)
echo "entries: $N"
echo "brief cite:       ${ours}s"
echo "pandoc --citeproc: ${theirs}s"
echo "ratio (brief/pandoc): $(echo "scale=3; $ours / $theirs" | bc)"
