#!/usr/bin/env python3
"""Consistency checks for blind evaluation set 4 (Byline).

Checks that
  * every article has the expected front matter and 14-22 body paragraphs;
  * every answer string in questions.json is 3-8 words, occurs in exactly one
    paragraph of the whole corpus, that paragraph is a body paragraph, and all
    strings of one question share that paragraph; answerable questions are in
    article order and each article has >= 16 answerable / >= 4 unanswerable;
  * every quote fragment in quotes.json is 5-10 words, occurs in its article's
    body inside quotation marks, its role (if any) occurs in the article, and
    every quotation of 3+ words in the bodies is covered by some fragment;
  * every fact alternative in facts/*.json is 2-6 words and occurs in the body.
Matching is case-insensitive with curly/straight quotes and dashes normalised
and whitespace collapsed.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")

# Body region (first body paragraph prefix, first paragraph after the body)
# and non-body paragraphs inside the region (subheadings, captions).
CONFIG = {
    "a-rheinwald-profit-warning.txt": {
        "start": "FRANKFURT, June 3", "end": "Reporting by Katrin",
        "skip": ["HYDROGEN-READY", "JOB CUTS", "ANALYSTS DIVIDED"],
    },
    "b-st-aldhelms-operations.txt": {
        "start": "More than 200 planned", "end": "Advertisement",
        "skip": ["Mobile theatres brought in", "The Carew Wing at St Aldhelm",
                 "Staff ‘exhausted’"],
    },
    "c-tucson-water-main.txt": {
        "start": "TUCSON, Ariz.", "end": "Stay with KVRN",
        "skip": ["WHAT CAUSED THE BREAK?", "THIRD BREAK THIS YEAR"],
    },
    "d-wastewater-rsv.txt": {
        "start": "Samples of raw sewage", "end": "Advertisement",
        "skip": ["How it works", "A head start for hospitals", "What's next"],
    },
}
# Unanswerable questions cannot be located by their answers; their article is
# given here by id range (questions are in article order, 28 per article).
UNANSWERABLE_ARTICLE = {}
for i, art in enumerate(CONFIG):
    for n in range(24 + 28 * i, 29 + 28 * i):
        UNANSWERABLE_ARTICLE["u%02d" % n] = art

TRANS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ",
})


def norm(s):
    return re.sub(r"\s+", " ", s.translate(TRANS)).strip().lower()


def words(s):
    return len(s.split())


errors = []


def err(msg):
    errors.append(msg)


def load_article(name):
    text = open(os.path.join(CORPUS, name), encoding="utf-8").read()
    m = re.match(r"---\ntitle: \"[^\n]+\"\npublisher: [^\n]+\npublished: \d{4}-\d{2}-\d{2}\n---\n", text)
    if not m:
        err(f"{name}: bad front matter")
        body_text = text
    else:
        body_text = text[m.end():]
    paras = [p.strip() for p in re.split(r"\n\s*\n", body_text) if p.strip()]
    cfg = CONFIG[name]
    starts = [i for i, p in enumerate(paras) if p.startswith(cfg["start"])]
    ends = [i for i, p in enumerate(paras) if p.startswith(cfg["end"]) and starts and i > starts[0]]
    if len(starts) != 1 or not ends:
        err(f"{name}: body region markers not found")
        return paras, set()
    body = set()
    for i in range(starts[0], ends[0]):
        if not any(paras[i].startswith(s) for s in cfg["skip"]):
            body.add(i)
    for s in cfg["skip"]:
        if not any(paras[i].startswith(s) for i in range(starts[0], ends[0])):
            err(f"{name}: skip prefix not found: {s!r}")
    return paras, body


articles = {}
for name in CONFIG:
    paras, body = load_article(name)
    articles[name] = (paras, body)
    nb = len(body)
    if not 14 <= nb <= 22:
        err(f"{name}: {nb} body paragraphs (want 14-22)")
actual = sorted(f for f in os.listdir(CORPUS) if not f.startswith("."))
if actual != sorted(CONFIG):
    err(f"corpus files {actual} != configured {sorted(CONFIG)}")

# All paragraphs of the corpus: (article, index, normalised text, is_body)
ALL = [(a, i, norm(p), i in body) for a, (paras, body) in articles.items()
       for i, p in enumerate(paras)]


def body_norm(article):
    paras, body = articles[article]
    return [norm(paras[i]) for i in sorted(body)]


# ---------------------------------------------------------------- questions
qdata = json.load(open(os.path.join(HERE, "questions.json"), encoding="utf-8"))
order = list(CONFIG)
ids = set()
per_art = {a: [0, 0] for a in order}
last_idx = 0
for q in qdata["questions"]:
    qid = q["id"]
    if qid in ids:
        err(f"{qid}: duplicate id")
    ids.add(qid)
    if not q["q"].strip():
        err(f"{qid}: empty question")
    if not q["answers"]:
        art = UNANSWERABLE_ARTICLE.get(qid)
        if art is None:
            err(f"{qid}: unanswerable question outside configured id ranges")
            continue
        per_art[art][1] += 1
    else:
        locs = set()
        for a in q["answers"]:
            if not 3 <= words(a) <= 8:
                err(f"{qid}: answer {a!r} has {words(a)} words (want 3-8)")
            hits = [(art, i, isb) for art, i, t, isb in ALL if norm(a) in t]
            if len(hits) != 1:
                err(f"{qid}: answer {a!r} occurs in {len(hits)} paragraphs: {hits}")
                continue
            art, i, isb = hits[0]
            if not isb:
                err(f"{qid}: answer {a!r} is not in a body paragraph ({art} #{i})")
            locs.add((art, i))
        if len(locs) > 1:
            err(f"{qid}: answers span several paragraphs {locs}")
        if len(locs) == 1:
            art = next(iter(locs))[0]
            per_art[art][0] += 1
            idx = order.index(art)
            if idx < last_idx:
                err(f"{qid}: out of article order")
            last_idx = idx
        if qid in UNANSWERABLE_ARTICLE:
            err(f"{qid}: has answers but is in an unanswerable id range")
n_ans = sum(v[0] for v in per_art.values())
n_un = sum(v[1] for v in per_art.values())
for a, (na, nu) in per_art.items():
    if na < 16 or nu < 4:
        err(f"{a}: {na} answerable / {nu} unanswerable questions")

# ------------------------------------------------------------------- quotes
OPEN = {"\u201c", "\u2018"}
CLOSE = {"\u201d"}


def quote_spans(p):
    """Return (start, end) spans of quoted text in a raw paragraph."""
    spans, start, straight_open = [], None, False
    for k, ch in enumerate(p):
        nxt = p[k + 1] if k + 1 < len(p) else " "
        prv = p[k - 1] if k else " "
        if ch == '"':
            if not straight_open:
                start, straight_open = k + 1, True
            else:
                spans.append((start, k)); straight_open = False; start = None
        elif ch in OPEN and start is None:
            start = k + 1
        elif (ch in CLOSE or (ch == "\u2019" and not nxt.isalpha()
                                and not (prv.isalpha() and nxt.isalpha()))) and start is not None:
            # a right single quote after a plural 's' could be a possessive;
            # none is used inside a quotation in this corpus
            spans.append((start, k)); start = None
    return spans


qq = json.load(open(os.path.join(HERE, "quotes.json"), encoding="utf-8"))
covered = {a: [] for a in order}
for v in qq["quotes"]:
    vid, art, frag = v["id"], v["article"], v["fragment"]
    if art not in articles:
        err(f"{vid}: unknown article {art}"); continue
    if not 5 <= words(frag) <= 10:
        err(f"{vid}: fragment has {words(frag)} words (want 5-10)")
    paras, body = articles[art]
    found = False
    for i in sorted(body):
        raw = paras[i]
        for s, e in quote_spans(raw):
            if norm(frag) in norm(raw[s:e]):
                found = True
                covered[art].append((i, s, e))
    if not found:
        err(f"{vid}: fragment {frag!r} not found inside a quotation in {art} body")
    sp = v["speaker"]
    if sp:
        if len(sp) != 2 or sp[0].split()[-1] != sp[1]:
            err(f"{vid}: speaker should be [full name, surname]: {sp}")
        full_text = norm("\n".join(paras[i] for i in body))
        if norm(sp[0]) not in full_text:
            err(f"{vid}: speaker {sp[0]!r} not named in body")
    if v["role"] and norm(v["role"]) not in norm("\n".join(paras)):
        err(f"{vid}: role {v['role']!r} not in article")
for art in order:
    paras, body = articles[art]
    for i in sorted(body):
        for s, e in quote_spans(paras[i]):
            if words(paras[i][s:e]) >= 3 and (i, s, e) not in covered[art]:
                err(f"{art} #{i}: quotation not listed: {paras[i][s:e]!r}")

# -------------------------------------------------------------------- facts
n_facts = 0
for art in order:
    stem = art.rsplit(".", 1)[0]
    fd = json.load(open(os.path.join(HERE, "facts", stem + ".json"), encoding="utf-8"))
    if fd["article"] != art:
        err(f"facts/{stem}.json: article field {fd['article']!r}")
    if fd["maxSentences"] != {"short": 3, "medium": 5, "long": 8}:
        err(f"facts/{stem}.json: maxSentences")
    if len(fd["facts"]) != 10:
        err(f"facts/{stem}.json: {len(fd['facts'])} facts (want 10)")
    bodies = body_norm(art)
    for f in fd["facts"]:
        for alt in f["any"]:
            n_facts += 1
            if not 2 <= words(alt) <= 6:
                err(f"facts/{stem}: {alt!r} has {words(alt)} words (want 2-6)")
            if not any(norm(alt) in b for b in bodies):
                err(f"facts/{stem}: {alt!r} not in body")

print(f"articles: {len(articles)} (body paragraphs: "
      + ", ".join(f"{a[0]}={len(articles[a][1])}" for a in order) + ")")
print(f"questions: {n_ans} answerable, {n_un} unanswerable; per article: "
      + ", ".join(f"{a[0]}={v[0]}+{v[1]}" for a, v in per_art.items()))
print(f"quotes: {len(qq['quotes'])}; fact alternatives checked: {n_facts}")
if errors:
    print(f"\n{len(errors)} problem(s):")
    for e in errors:
        print("  -", e)
    sys.exit(1)
print("all checks passed")
