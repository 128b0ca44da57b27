#!/usr/bin/env python3
"""Verify every answer string occurs in exactly one body paragraph of the corpus (and in no other block)."""
import json, re, sys, glob, os, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
END_MARKERS = ("read more", "related", "most popular", "sign up", "subscribe")
MID_FURNITURE = ("advertisement", "also read")

def norm(s):
    s = unicodedata.normalize("NFC", s)
    s = re.sub(r"[\u2018\u2019\u201a\u201b\u2032`]", "'", s)
    s = re.sub(r"[\u201c\u201d\u201e\u201f\u2033]", '"', s)
    s = re.sub(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]", "-", s)
    s = s.replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip().lower()

def load(path):
    text = open(path, encoding="utf-8").read()
    m = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
    assert m, f"{path}: no front matter"
    fm, body = m.groups()
    for key in ("title:", "publisher:", "published:"):
        assert key in fm, f"{path}: front matter lacks {key}"
    blocks = [b.strip() for b in re.split(r"\n\s*\n", body) if b.strip()]
    out, ended = [], False
    for b in blocks:
        low = b.lower()
        if low.startswith(END_MARKERS):
            ended = True
        is_caption = bool(re.search(r"(photo:|picture:|\(file photo\))", low))
        is_body = (not ended and not is_caption and not low.startswith(MID_FURNITURE)
                   and len(b) >= 40 and b.rstrip()[-1] in ".\"'\u201d\u2019")
        out.append((is_body, b))
    return out

def main():
    paras = []  # (file, index, is_body, normtext)
    for f in sorted(glob.glob(os.path.join(HERE, "corpus", "*.txt"))):
        blocks = load(f)
        nb = sum(1 for ib, _ in blocks if ib)
        print(f"{os.path.basename(f)}: {nb} body paragraphs, {len(blocks)} blocks")
        if not 15 <= nb <= 22:
            print(f"  WARNING: body paragraph count {nb} outside 15-22")
        for i, (ib, b) in enumerate(blocks):
            paras.append((os.path.basename(f), i, ib, norm(b)))
    data = json.load(open(os.path.join(HERE, "questions.json"), encoding="utf-8"))
    qs = data["questions"]
    fails = 0
    ids = [q["id"] for q in qs]
    if len(ids) != len(set(ids)):
        print("FAIL: duplicate ids"); fails += 1
    for q in qs:
        homes = set()
        for a in q["answers"]:
            na = norm(a)
            hits = [(f, i, ib) for f, i, ib, t in paras if na in t]
            if len(hits) != 1:
                print(f"FAIL {q['id']}: {a!r} occurs in {len(hits)} blocks {hits}"); fails += 1; continue
            if not hits[0][2]:
                print(f"FAIL {q['id']}: {a!r} only in a non-body block {hits[0]}"); fails += 1; continue
            homes.add(hits[0][:2])
        if len(homes) > 1:
            print(f"FAIL {q['id']}: answer strings in different paragraphs {homes}"); fails += 1
    ans = sum(1 for q in qs if q["answers"]); una = len(qs) - ans
    print(f"questions: {len(qs)} total, {ans} answerable, {una} unanswerable")
    print("OK" if not fails else f"{fails} failure(s)")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
