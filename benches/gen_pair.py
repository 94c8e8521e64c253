#!/usr/bin/env python3
"""Generate a pair of large reports (old, new) for benchmarking `brief diff`.

Usage: gen_pair.py OLD NEW [--size BYTES] [--seed N]

The old version is Markdown with sections of paragraphs of sentences built
from templates (numbers and names vary, a few boilerplate sentences repeat).
The new version deletes, inserts and edits about 2% of the sentences, moves
some paragraphs and re-wraps every paragraph at another width, like a real
year-over-year revision.
"""
import argparse
import random
import textwrap

SUBJECTS = ["The ministry", "The committee", "The agency", "Regional officials", "The auditors",
            "The board", "Local authorities", "The commission", "Independent observers", "The survey"]
VERBS = ["reported", "estimated", "recorded", "documented", "counted", "confirmed", "found", "projected"]
OBJECTS = ["new cases of detention", "complaints about working conditions", "inspections of facilities",
           "applications for asylum", "grants to community groups", "arrests of journalists",
           "kilometres of new roads", "schools rebuilt after the floods", "electric vehicles in the fleet",
           "hospital beds in rural districts"]
PLACES = ["in the northern province", "across the capital region", "in coastal districts",
          "in the mountain villages", "along the river valley", "in the industrial belt",
          "in three border towns", "in the southern highlands"]
TAILS = ["compared with the previous year", "despite budget cuts", "according to preliminary figures",
         "after a review of the records", "in the first half of the year", "before the election",
         "while the inquiry continued", "as the programme expanded"]
NAMES = ["Maria Okafor", "Chen Wei", "Lucas Ferreira", "Amina Haddad", "Tomasz Nowak", "Priya Raman",
         "Jonas Lindqvist", "Fatima Diallo", "Kenji Sato", "Elena Petrova"]
BOILER = ["Figures for the period remain provisional.",
          "The full methodology is described in the annex.",
          "All amounts are given in current prices."]
WORDS = ["careful", "limited", "substantial", "notable", "gradual", "uneven", "modest", "sharp",
         "steady", "broad", "marked", "renewed"]


def sentence(rng, i):
    r = rng.random()
    if r < 0.04:
        return rng.choice(BOILER)
    if r < 0.25:
        return (f"{rng.choice(NAMES)} said the {rng.choice(WORDS)} change in {rng.choice(OBJECTS)} "
                f"{rng.choice(PLACES)} was reviewed in case {i}.")
    return (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.randint(2, 99999):,} "
            f"{rng.choice(OBJECTS)} {rng.choice(PLACES)} {rng.choice(TAILS)}, a {rng.choice(WORDS)} "
            f"shift noted in entry {i}.")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--size", type=int, default=10_000_000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    sections = []  # (heading, [paragraph = [sentences]])
    size = 0
    i = 0
    while size < a.size:
        paras = []
        for _ in range(rng.randint(4, 12)):
            sents = []
            for _ in range(rng.randint(2, 7)):
                i += 1
                sents.append(sentence(rng, i))
            paras.append(sents)
            size += sum(len(s) + 1 for s in sents) + 1
        heading = f"Part {len(sections) + 1}: {rng.choice(OBJECTS).capitalize()}"
        sections.append((heading, paras))
        size += len(heading) + 5

    def render(secs, width):
        out = ["---", "title: Annual report", "---", ""]
        for heading, paras in secs:
            out.append(f"## {heading}\n")
            for p in paras:
                out.append(textwrap.fill(" ".join(p), width=width, break_long_words=False) + "\n")
        return "\n".join(out)

    with open(a.old, "w", encoding="utf-8") as f:
        f.write(render(sections, 78))
    new = [(h, [list(p) for p in ps]) for h, ps in sections]
    for si, (h, ps) in enumerate(new):
        for p in ps:
            for k in range(len(p) - 1, -1, -1):
                r = rng.random()
                if r < 0.007:
                    del p[k]
                elif r < 0.014:
                    i += 1
                    p.insert(k + 1, sentence(rng, i))
                elif r < 0.021:
                    w = p[k].split(" ")
                    w[rng.randrange(len(w))] = rng.choice(WORDS)
                    p[k] = " ".join(w)
        if rng.random() < 0.05 and len(ps) > 3:
            ps.insert(rng.randrange(len(ps)), ps.pop(rng.randrange(len(ps))))
        if rng.random() < 0.02:
            new[si] = (h + " and outlook", ps)
    with open(a.new, "w", encoding="utf-8") as f:
        f.write(render(new, 64))


if __name__ == "__main__":
    main()
