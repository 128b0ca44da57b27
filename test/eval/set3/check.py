#!/usr/bin/env python3
"""Sanity check for Byline evaluation set 3.

For every answerable question, each answer string must occur (case-insensitively,
after normalising curly quotes to straight, en/em dashes to hyphens and collapsing
whitespace) in exactly one paragraph-like block of the corpus, that block must be a
body paragraph (not a headline, standfirst, byline, caption, subheading or page
furniture), and all strings of one question must share that block.
Unanswerable questions (t49-t60) must have empty answer lists.
Also reports the number of body paragraphs per article (expected 14-22).
"""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
UNANSWERABLE = {f"t{i:02d}" for i in range(49, 61)}

QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
          "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'}
DASHES = {"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2015": "-", "\u2212": "-"}


def norm(s: str) -> str:
    for a, b in {**QUOTES, **DASHES}.items():
        s = s.replace(a, b)
    s = s.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip().lower()


FURNITURE = re.compile(r"^(\*\*)?(read more|advertisement|most popular)", re.I)


def parse(path: Path):
    text = path.read_text(encoding="utf-8")
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not m:
        raise SystemExit(f"{path.name}: missing YAML front matter")
    fm = m.group(1)
    for key in ("title", "publisher", "published"):
        if not re.search(rf"^{key}: .+$", fm, re.M):
            raise SystemExit(f"{path.name}: front matter lacks {key}")
    title = re.search(r'^title: "(.*)"$', fm, re.M).group(1)
    body = text[m.end():]
    raw = [b.strip() for b in re.split(r"\n\s*\n", body) if b.strip()]
    blocks = []  # (kind, text)
    seen_byline = False
    in_furniture = False
    for b in raw:
        n = norm(b)
        words = b.split()
        if in_furniture or FURNITURE.match(b):
            in_furniture = True
            kind = "furniture"
        elif n.lstrip("# ") == norm(title):
            kind = "headline"
        elif b.startswith("By "):
            kind, seen_byline = "byline", True
        elif not seen_byline:
            kind = "standfirst"
        elif "(photo:" in n or b.startswith("!["):
            kind = "caption"
        elif b.startswith("#"):
            kind = "subheading"
        elif len(words) < 8:
            kind = "subheading/dateline"
        else:
            kind = "body"
        blocks.append((kind, b, n))
    return title, blocks


def main() -> int:
    errors = []
    corpus = {}
    for p in sorted(CORPUS.iterdir()):
        if p.suffix in (".txt", ".md"):
            corpus[p.name] = parse(p)
    if len(corpus) != 5:
        errors.append(f"expected 5 articles, found {len(corpus)}")
    for name, (title, blocks) in corpus.items():
        nbody = sum(1 for k, _, _ in blocks if k == "body")
        ncap = sum(1 for k, _, _ in blocks if k == "caption")
        caps = [n for k, _, n in blocks if k == "caption"]
        rep = len(caps) - len(set(caps))
        print(f"{name}: {nbody} body paragraphs, {ncap} captions ({rep} repeated)")
        if not 14 <= nbody <= 22:
            errors.append(f"{name}: {nbody} body paragraphs (want 14-22)")
    all_blocks = [(name, i, k, n) for name, (_, bl) in corpus.items()
                  for i, (k, _, n) in enumerate(bl)]

    data = json.loads((HERE / "questions.json").read_text(encoding="utf-8"))
    qs = data["questions"]
    ids = [q["id"] for q in qs]
    if ids != [f"t{i:02d}" for i in range(1, 61)]:
        errors.append("ids are not t01..t60 in order")
    per_article = {}
    for q in qs:
        qid, answers = q["id"], q["answers"]
        if qid in UNANSWERABLE:
            if answers:
                errors.append(f"{qid}: unanswerable question has answers")
            continue
        if not answers:
            errors.append(f"{qid}: answerable question has no answers")
            continue
        homes = set()
        for a in answers:
            nw = len(a.split())
            if not 3 <= nw <= 8:
                errors.append(f"{qid}: '{a}' has {nw} words (want 3-8)")
            hits = [(name, i, k) for name, i, k, n in all_blocks if norm(a) in n]
            if len(hits) != 1:
                errors.append(f"{qid}: '{a}' found in {len(hits)} blocks: {hits}")
                continue
            name, i, k = hits[0]
            if k != "body":
                errors.append(f"{qid}: '{a}' is in a {k} block of {name}")
            homes.add((name, i))
        if len(homes) > 1:
            errors.append(f"{qid}: answers span several blocks {sorted(homes)}")
        elif homes:
            per_article.setdefault(next(iter(homes))[0], []).append(qid)

    order = []
    for name in corpus:
        order.extend(per_article.get(name, []))
        print(f"  {name}: {len(per_article.get(name, []))} questions "
              f"{per_article.get(name, [''])[0]}-{per_article.get(name, [''])[-1]}")
    if order != sorted(order):
        errors.append("answerable questions are not in article order")
    print(f"{len(qs)} questions: {len(qs) - len(UNANSWERABLE)} answerable, "
          f"{sum(1 for q in qs if not q['answers'])} with empty answers")
    if errors:
        print("\nFAIL")
        for e in errors:
            print("  " + e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
