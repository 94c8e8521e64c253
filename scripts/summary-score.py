#!/usr/bin/env python3
"""Scores brief's summaries against key points written blind.

Usage: scripts/summary-score.py [--brief PATH] [--styles full,executive] [-v]

For every tests/summary/keypoints/*.toml (``article`` = a path relative to
the repo root; ``[[point]]`` tables with ``text`` and ``must``, most
important first, the first being the article's central point) this runs
``brief render ARTICLE --style S --to plain`` and reads the numbered items
of its "Summary" section.

The rule, stated once:

* A *term* (one entry of ``must``, a word or a phrase copied verbatim from
  the article) is present in a text when every word of it is, after both
  are lower-cased, split on non-alphanumerics, stripped of a possessive
  ``'s`` and lightly stemmed (a trailing ``ies``->``y``, ``es``/``s``,
  ``ing``, ``ed`` removed from words longer than four letters). Words of a
  term need not be adjacent: "sanctions on officials" states
  "sanctions" and "officials" together.
* A key point is *stated* by the summary when at least 60 % of its terms
  are present in the summary's items taken together (ceil: 3 of 4, 4 of 6,
  2 of 3, 1 of 1).
* The *central point is first* when point 1 is stated (by the same 60 %
  rule) by the summary's first item alone.

Two coverage figures: the share of *all* key points stated (a file with
more points than the summary has items caps below 100 %), and the share of
the first N points stated, N being the number of items the summary has
(the points a summary of that length should hold, most important first).

Totals are printed separately for the blind set (articles under
tests/summary/articles, which nobody tuned to) and for the rest (dev,
tests/eval and examples articles). Standard library only; deterministic.
"""

import argparse
import glob
import math
import os
import re
import subprocess
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BLIND = "tests/summary/articles/"
SHARE = 0.6


def stem(w):
    if w.endswith("'s") or w.endswith("\u2019s"):
        w = w[:-2]
    if len(w) > 4:
        if w.endswith("ies"):
            return w[:-3] + "y"
        for suf in ("ing", "ed", "es", "s"):
            if w.endswith(suf) and not w.endswith("ss"):
                return w[: -len(suf)]
    return w


def words(text):
    text = text.replace("\u2019", "'").lower()
    text = re.sub(r"'s\b", "", text)
    return {stem(w) for w in re.split(r"[^\w]+", text) if w}


def present(term, bag):
    ws = words(term)
    return bool(ws) and ws <= bag


def stated(point, bag):
    terms = point.get("must", [])
    if not terms:
        return False
    need = math.ceil(SHARE * len(terms) - 1e-9)
    return sum(present(t, bag) for t in terms) >= need


def summary_items(plain):
    """The numbered items of the plain brief's Summary section."""
    lines = plain.splitlines()
    items, inside = [], False
    for k, line in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        is_heading = line.strip() and re.fullmatch(r"-{3,}|={3,}", nxt.strip() or "x")
        if is_heading:
            if inside:
                break
            inside = line.strip() == "Summary"
            continue
        if not inside or re.fullmatch(r"-{3,}", line.strip() or "x"):
            continue
        m = re.match(r"\s*\d+\.\s+(.*)", line)
        if m:
            items.append(m.group(1))
        elif items and line.strip():
            items[-1] += " " + line.strip()
    # The attribution and citation after " — " are brief's, not the claim's.
    return [re.split(r" \u2014 ", it)[0] for it in items]


def render(brief, article, style):
    r = subprocess.run(
        [brief, "render", article, "--style", style, "--to", "plain"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        raise RuntimeError(f"{article} ({style}): {r.stderr.strip()}")
    return r.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.path.join(
        os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")),
        "release",
        "brief",
    )
    ap.add_argument("--brief", default=default)
    ap.add_argument("--styles", default="full,executive")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    styles = a.styles.split(",")
    totals = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/summary/keypoints/*.toml"))):
        with open(path, "rb") as f:
            kp = tomllib.load(f)
        article = kp["article"]
        group = "blind" if article.startswith(BLIND) else "rest"
        points = kp.get("point", [])
        name = os.path.basename(path)[: -len(".toml")]
        row = [f"{group:5} {name[:44]:44}"]
        for s in styles:
            items = summary_items(render(a.brief, article, s))
            bag = set().union(*(words(i) for i in items)) if items else set()
            hit = [stated(p, bag) for p in points]
            first = bool(items) and bool(points) and stated(points[0], words(items[0]))
            n = min(len(items), len(points))
            t = totals.setdefault((group, s), [0, 0, 0, 0, 0, 0])
            t[0] += sum(hit)
            t[1] += len(points)
            t[2] += first
            t[3] += 1
            t[4] += sum(hit[:n])
            t[5] += n
            row.append(f"{s}: {sum(hit)}/{len(points)} top{n} {sum(hit[:n])}/{n} first={'y' if first else 'n'}")
            if a.verbose:
                for k, it in enumerate(items):
                    print(f"  [{s} {k + 1}] {it}")
                print(f"  [{s}] stated: {[k + 1 for k, h in enumerate(hit) if h]}")
        print("  ".join(row))
    print()
    for group in ("blind", "rest"):
        for s in styles:
            t = totals.get((group, s))
            if not t:
                continue
            print(
                f"{group:5} {s:9} key points stated {t[0]}/{t[1]} = {100 * t[0] / max(t[1], 1):.1f} %"
                f"   top-N {t[4]}/{t[5]} = {100 * t[4] / max(t[5], 1):.1f} %"
                f"   central point first {t[2]}/{t[3]}"
            )


if __name__ == "__main__":
    main()
