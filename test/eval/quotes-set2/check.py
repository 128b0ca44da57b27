#!/usr/bin/env python3
"""Consistency checks for the blind 'quotes2' evaluation set.

- every quote fragment occurs in its article (case-insensitive, curly/straight
  quotes and dashes normalised, whitespace collapsed) and has 5-10 words
- every distractor text occurs in its article
- every title in metadata.json occurs in its article
- ids unique, files exist, every corpus file has metadata, field types sane
Exit status 1 on any failure.
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"

TRANS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " ",
})


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.translate(TRANS)).strip().lower()


def words(s: str) -> int:
    return len(re.findall(r"[\w£$€][\w'’.,£$€-]*", s))


def main() -> int:
    fails = []
    quotes = json.loads((HERE / "quotes.json").read_text(encoding="utf-8"))
    meta = json.loads((HERE / "metadata.json").read_text(encoding="utf-8"))

    files = sorted(p.name for p in CORPUS.iterdir() if p.is_file())
    texts = {f: norm((CORPUS / f).read_text(encoding="utf-8")) for f in files}

    # --- quotes ---
    ids = Counter(q["id"] for q in quotes["quotes"])
    for i, n in ids.items():
        if n > 1:
            fails.append(f"duplicate id {i}")
    per_article = Counter()
    types = Counter()
    split = 0
    for q in quotes["quotes"]:
        art, frag = q["article"], q["fragment"]
        if art not in texts:
            fails.append(f"{q['id']}: unknown article {art}")
            continue
        per_article[art] += 1
        n = norm(frag)
        cnt = texts[art].count(n)
        if cnt == 0:
            fails.append(f"{q['id']}: fragment not found in {art}: {frag!r}")
        elif cnt > 1:
            print(f"note {q['id']}: fragment occurs {cnt} times in {art}")
        if "other_part" in q:
            if norm(q["other_part"]) not in texts[art]:
                fails.append(f"{q['id']}: other_part not found in {art}: {q['other_part']!r}")
            if not 5 <= words(q["other_part"]) <= 10:
                fails.append(f"{q['id']}: other_part has {words(q['other_part'])} words")
        wc = words(frag)
        if not 5 <= wc <= 10:
            fails.append(f"{q['id']}: fragment has {wc} words: {frag!r}")
        if not isinstance(q.get("speaker"), list):
            fails.append(f"{q['id']}: speaker must be a list")
        types[q.get("speaker_type")] += 1
        split += "other_part" in q
        if q.get("speaker_type") == "none" and q.get("speaker"):
            fails.append(f"{q['id']}: speaker_type none but speaker given")
        for s in q.get("speaker", []):
            if norm(s) not in texts[art] and norm(s).replace("dr ", "") not in texts[art]:
                fails.append(f"{q['id']}: speaker name {s!r} not in {art}")
        if not isinstance(q.get("role"), str):
            fails.append(f"{q['id']}: role must be a string")
        elif q["role"] and norm(q["role"]) not in texts[art]:
            fails.append(f"{q['id']}: role {q['role']!r} not worded in {art}")
        for r in q.get("role_alt", []):
            if norm(r) not in texts[art]:
                print(f"note {q['id']}: role_alt {r!r} is a paraphrase (not verbatim)")

    for d in quotes.get("distractors", []):
        if norm(d["text"]) not in texts.get(d["article"], ""):
            fails.append(f"distractor not found in {d['article']}: {d['text']!r}")

    # --- metadata ---
    seen = set()
    for a in meta["articles"]:
        f = a["file"]
        seen.add(f)
        if f not in texts:
            fails.append(f"metadata: unknown file {f}")
            continue
        if norm(a["title"]) not in texts[f]:
            fails.append(f"metadata: title not found in {f}: {a['title']!r}")
        p = a["published"]
        if p is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", p):
            fails.append(f"metadata: bad date {p!r} for {f}")
        pub = a["publisher"]
        if pub is not None and norm(pub) not in texts[f]:
            fails.append(f"metadata: publisher {pub!r} not in {f}")
    for f in files:
        if f not in seen:
            fails.append(f"metadata: no entry for {f}")
        if per_article[f] == 0:
            fails.append(f"quotes: no quotes for {f}")

    # --- report ---
    print(f"articles: {len(files)}")
    for f in files:
        print(f"  {per_article[f]:3d}  {f}")
    print(f"quotes: {sum(per_article.values())} (speaker types: {dict(types)}; "
          f"split or multi-paragraph: {split})")
    print(f"distractors: {len(quotes.get('distractors', []))}")
    print(f"publishers null: {sum(a['publisher'] is None for a in meta['articles'])}, "
          f"dates null: {sum(a['published'] is None for a in meta['articles'])}")
    if fails:
        print(f"\n{len(fails)} FAILURE(S):")
        for x in fails:
            print("  " + x)
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
