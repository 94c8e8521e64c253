#!/usr/bin/env python3
"""brief cite against pandoc --citeproc: the share of identical references.

Both tools format every entry of each held-out bibliography
(tests/fixtures/cite/heldout/*.bib) with the same CSL file (Debian's
citation-style-language-styles), as plain text; an entry counts as
identical when brief prints exactly one of pandoc's entries (white space
collapsed). Prints one line per style and the total; with --diff, every
entry that differs, both versions.

pandoc: $PANDOC, else the one pypandoc-binary ships (3.9 when this was
written), else `pandoc` on PATH. brief: $BRIEF, else target/release/brief
(built by `cargo build --release`; $CARGO_TARGET_DIR is honoured).

Usage: scripts/compare-pandoc.py [--diff] [--styles apa,ieee,...] [BIB...]
"""
import glob
import os
import shutil
import subprocess
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CSL_DIR = "/usr/share/citation-style-language/styles"
STYLES = ["apa", "chicago-author-date", "modern-language-association", "ieee"]


def pandoc_path():
    if os.environ.get("PANDOC"):
        return os.environ["PANDOC"]
    try:
        import pypandoc  # noqa: PLC0415

        return pypandoc.get_pandoc_path()
    except Exception:  # noqa: BLE001
        return shutil.which("pandoc") or "pandoc"


def brief_path():
    if os.environ.get("BRIEF"):
        return os.environ["BRIEF"]
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release", "brief")


def entries(text):
    out = []
    for e in text.split("\n\n"):
        e = " ".join(e.split())
        if e:
            out.append(e)
    return out


def run(cmd, stdin=""):
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{p.stderr}")
    return p.stdout


def main():
    args = sys.argv[1:]
    show = "--diff" in args
    args = [a for a in args if a != "--diff"]
    styles = STYLES
    if "--styles" in args:
        i = args.index("--styles")
        styles = args[i + 1].split(",")
        del args[i : i + 2]
    bibs = args or sorted(glob.glob(os.path.join(ROOT, "tests/fixtures/cite/heldout/*.bib")))
    pandoc, brief = pandoc_path(), brief_path()
    version = run([pandoc, "--version"]).splitlines()[0]
    print(f"{version}; brief: {brief}; {len(bibs)} bibliographies")
    same_all = total_all = 0
    for style in styles:
        csl = style if style.endswith(".csl") else os.path.join(CSL_DIR, style + ".csl")
        same = total = 0
        for bib in bibs:
            theirs = entries(
                run(
                    [pandoc, "--citeproc", "--bibliography", bib, "--csl", csl,
                     "-f", "markdown", "-t", "plain", "--wrap=none"],
                    "---\nnocite: '@*'\n---\n",
                )
            )
            ours = entries(run([brief, "-q", "cite", "--bib", bib, "--style", csl, "--all"]))
            left = Counter(theirs)
            unmatched = []
            for e in ours:
                total += 1
                if left[e] > 0:
                    left[e] -= 1
                    same += 1
                else:
                    unmatched.append(e)
            if show:
                for e in unmatched:
                    print(f"  {style}: brief:  {e}")
                for e, n in left.items():
                    for _ in range(n):
                        print(f"  {style}: pandoc: {e}")
            total += max(0, len(theirs) - len(ours))
        same_all += same
        total_all += total
        print(f"{style}: {same} of {total} identical ({100 * same / max(total, 1):.1f} %)")
    print(f"all: {same_all} of {total_all} identical ({100 * same_all / max(total_all, 1):.1f} %)")


if __name__ == "__main__":
    main()
