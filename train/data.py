#!/usr/bin/env python3
"""Data recipe for the grammar model: gathers the openly licensed treebanks
into train/data/ (not committed) from local git copies of the UD repositories.

    python3 train/data.py [--mirror DIR]

DIR holds one git repository per treebank, named as the search tool's `fetch`
names them (`UniversalDependencies+UD_English-EWT/repo`, ...); a plain
`git clone https://github.com/UniversalDependencies/UD_English-EWT` works as
well (pass its parent folder, the script looks for both layouts). The files
are read from each repository's HEAD with `git show`, so no work tree is
needed.

What goes where, and why:

- train.conllu: every document of UD_English-EWT (CC BY-SA 4.0), read from
  `not-to-release/sources/` (the released train file is too large for some
  snapshots), and the GUM documents of the genres GUM releases under CC BY
  (bio, conversation, interview, news, speech, textbook, vlog, voyage) that
  are in GUM's train and dev lists. GUM's academic, court, essay, fiction,
  letter, podcast and wikiHow texts are not CC BY and are left out.
- dev.conllu: the CC BY GUM documents of GUM's test list, to choose the
  number of epochs and compare data sources; never trained on.
- UD_English-PUD (CC BY-SA 4.0, news and Wikipedia) is the held-out test
  set; it is committed as tests/data/en_pud-ud-test.conllu and is never read
  by training.
"""
import argparse
import os
import subprocess
import sys

CC_BY_GENRES = {"bio", "conversation", "interview", "news", "speech", "textbook", "vlog", "voyage"}


def repo(mirror, name):
    for cand in (os.path.join(mirror, "UniversalDependencies+" + name, "repo"), os.path.join(mirror, name)):
        if os.path.isdir(cand):
            return cand
    sys.exit(f"error: no copy of {name} under {mirror} (fetch UniversalDependencies/{name})")


def git(r, *args):
    return subprocess.run(["git", "-C", r, *args], check=True, capture_output=True, text=True).stdout


def show(r, path):
    return git(r, "show", "HEAD:" + path)


def docs(r, prefix):
    return [p for p in git(r, "ls-tree", "-r", "--name-only", "HEAD", prefix).split("\n") if p.endswith(".conllu")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mirror", default="/work/.mirror")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)

    ewt = repo(a.mirror, "UD_English-EWT")
    gum = repo(a.mirror, "UD_English-GUM")
    train, dev = [], []
    for p in sorted(docs(ewt, "not-to-release/sources")):
        train.append(show(ewt, p))
    test_list = set(show(gum, "not-to-release/file-lists/files.test").split())
    ntrain = ndev = 0
    for p in sorted(docs(gum, "not-to-release/sources")):
        name = os.path.basename(p)[: -len(".conllu")]
        genre = name.split("_")[1]
        if genre not in CC_BY_GENRES:
            continue
        if name in test_list:
            dev.append(show(gum, p))
            ndev += 1
        else:
            train.append(show(gum, p))
            ntrain += 1
    for fname, parts in (("train.conllu", train), ("dev.conllu", dev)):
        with open(os.path.join(a.out, fname), "w", encoding="utf-8") as f:
            for t in parts:
                f.write(t.rstrip("\n") + "\n\n")
    print(f"train.conllu: EWT all documents + {ntrain} GUM CC BY documents; dev.conllu: {ndev} GUM CC BY documents")


if __name__ == "__main__":
    main()
