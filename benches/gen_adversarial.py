#!/usr/bin/env python3
"""Adversarial input shapes for brief, at a given size.

Each shape is one construct repeated or nested until the file has SIZE bytes:
the shapes a reader or an extractor could handle in more than linear time.
Usage: gen_adversarial.py SHAPE SIZE OUT [--variant]
       gen_adversarial.py --list
--variant writes the same shape with a few words changed at the start, the
middle and the end, the NEW side of a diff.
"""
import sys

WORDS = ("the ministry said costs rose in the north while the agency reported "
         "that wages fell and prices climbed across the region").split()
NAMES = ["Alice Brown", "Bob Clark", "Carol Davis", "David Evans", "Emma Green",
         "Frank Hill", "Grace King", "Henry Lewis", "Irene Moore", "John Smith"]


def words(n):
    return " ".join(WORDS[i % len(WORDS)] for i in range(n))


def fill(head, unit, size, tail=""):
    """head + unit repeated to size bytes (at least once) + tail."""
    body = unit * max(1, (size - len(head) - len(tail)) // len(unit))
    return head + body + tail


def nest(head, open_, close, middle, size, tail="\n"):
    """open_ * n + middle + close * n, n as large as size allows."""
    n = max(1, (size - len(head) - len(middle) - len(tail)) // (len(open_) + len(close)))
    return head + open_ * n + middle + close * n + tail


def shapes(size):
    title = "# Adversarial\n\n"
    yield "sentence", fill(title + "The report said that ", "costs rose and wages fell and ", size, "prices climbed.\n")
    yield "paragraph", fill(title, "The ministry said costs rose in the north. " + words(12) + ". ", size, "\n")
    yield "names", fill(title + "The report thanks ", " and ".join(NAMES) + " and ", size, "Ann Lee.\n")
    yield "orgs", fill(title + "The report thanks ", "Director Anna Lee of the Ministry of Finance and the United Nations Office of Human Rights and ", size, "Ann Lee.\n")
    yield "quotes", fill(title, "\u201cCosts rose sharply in the north,\u201d said Ann Lee, the minister. ", size, "\n")
    yield "no-newline", fill(title, words(30) + ", ", size, "end")
    yield "lines", fill(title, words(4000) + ".\n", size)
    yield "headings", fill("", "# Heading\n\nThe ministry said costs rose.\n\n", size)
    yield "braces", nest(title, "{", "}", "x", size)
    yield "brackets", nest(title, "[", "]", "x", size)
    yield "emphasis", nest(title, "*a ", " a*", "x", size)
    yield "strong", nest(title, "**a ", " a**", "x", size)
    yield "links", nest(title, "[a](", ")", "x", size)
    yield "block-quotes", nest(title, "> ", "", "deep.", size)
    yield "lists", nest(title, "- ", "", "x", size)
    yield "list-indent", fill(title, "- item\n  - item\n    - item\n", size)
    yield "yaml", nest("---\ntitle: T\nx: ", "[", "]", "1", size - 30, "\n---\n\nThe report notes costs rose.\n")
    yield "toml", nest("+++\ntitle = \"T\"\nx = ", "[", "]", "1", size - 30, "\n+++\n\nThe report notes costs rose.\n")
    yield "html", nest(title, "<div>", "</div>", "x", size)


def variant(text):
    """Changes a few words near the start, middle and end."""
    n = len(text)
    out = text
    for at in (n // 10, n // 2, n - n // 10):
        i = out.find("costs", at)
        if i < 0:
            i = out.find("x", at)
        if i >= 0:
            out = out[:i] + "Costs" + out[i + 5:]
    return out


def main():
    if sys.argv[1:] == ["--list"]:
        print("\n".join(name for name, _ in shapes(100)))
        return
    shape, size, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    for name, text in shapes(size):
        if name == shape:
            if "--variant" in sys.argv[4:]:
                text = variant(text)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            return
    sys.exit(f"unknown shape {shape!r}; --list lists them")


if __name__ == "__main__":
    main()
