#!/usr/bin/env python3
"""Validate a labelled set (gold_claims / gold_places / gold_stances) against GUIDELINE.md and
self-score it: the gold rows are turned into "predictions" (claims get start_char/end_char from the
quote's position in the article plus number_text's position inside the quote) and fed to the official
scorers, which must report precision = recall = 1.0.  This catches quote/offset mistakes.

usage: check_gold.py SET_DIR [ARTICLES_DIR]      (ARTICLES_DIR defaults to SET_DIR)
       e.g.  python3 tests/eval/check_gold.py tests/eval/dev
             python3 tests/eval/check_gold.py tests/eval/seeds seeds
Exit status 1 on any error.
"""

import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import score_aux  # noqa: E402
import score_claims  # noqa: E402

CATEGORIES = {"deployment", "army_size", "casualty", "desertion", "other"}
STATUSES = {"sent", "training", "expected", "front"}
STANCES = {"confirms", "denies", "cannot_confirm", "expects"}
KINDS = {"country", "city", "region"}
CLAIM_KEYS = [
    "doc",
    "quote",
    "number_text",
    "low",
    "high",
    "unit",
    "category",
    "status",
    "source",
    "source_country",
    "place",
    "date_text",
    "hedged",
]

errors, warnings = [], []


def err(msg):
    errors.append(msg)


def number_positions(quote, number_text):
    """Start offsets of number_text in quote that are not glued to other digits/letters."""
    out = []
    for m in re.finditer(re.escape(number_text), quote):
        before = quote[m.start() - 1] if m.start() else " "
        after = quote[m.end()] if m.end() < len(quote) else " "
        if before.isalnum() or after.isdigit() or (after.isalpha() and not number_text[-1].isdigit()):
            continue
        out.append(m.start())
    return out


def check_claims(rows, texts):
    preds = []
    seen_in_quote = Counter()
    for i, r in enumerate(rows, 1):
        where = f"claims line {i} ({r.get('doc')}, {r.get('number_text')!r})"
        if list(r.keys()) != CLAIM_KEYS:
            err(f"{where}: keys {list(r.keys())} != {CLAIM_KEYS}")
            continue
        if r["doc"] not in texts:
            err(f"{where}: no article {r['doc']}.txt")
            continue
        text = texts[r["doc"]]
        qs = text.find(r["quote"])
        if qs < 0:
            err(f"{where}: quote not found verbatim: {r['quote'][:80]!r}")
            continue
        if text.count(r["quote"]) > 1:
            warnings.append(f"{where}: quote occurs {text.count(r['quote'])} times in the article")
        if "\n" in r["quote"]:
            err(f"{where}: quote spans a line break")
        if not isinstance(r["low"], int) or not isinstance(r["high"], int) or r["low"] > r["high"]:
            err(f"{where}: bad low/high {r['low']}/{r['high']}")
        if r["category"] not in CATEGORIES:
            err(f"{where}: bad category {r['category']}")
        if r["category"] == "deployment":
            if r["status"] not in STATUSES:
                err(f"{where}: deployment needs status in {STATUSES}, got {r['status']}")
        elif r["status"] is not None:
            err(f"{where}: status must be null for category {r['category']}")
        if not isinstance(r["hedged"], bool):
            err(f"{where}: hedged must be a bool")
        if r["source"] is None and r["source_country"] is not None:
            err(f"{where}: source_country without source")
        for k in ("unit", "source", "source_country", "place", "date_text"):
            if r[k] is not None and (not isinstance(r[k], str) or not r[k].strip()):
                err(f"{where}: {k} must be null or a non-empty string")
        if (
            r["date_text"] is not None
            and r["date_text"].lower() not in r["quote"].lower()
            and r["date_text"].lower() not in text.lower()
        ):
            warnings.append(f"{where}: date_text {r['date_text']!r} not found in article")
        pos = number_positions(r["quote"], r["number_text"])
        if not pos:
            err(f"{where}: number_text not a (word-bounded) substring of the quote")
            continue
        key = (r["doc"], r["quote"], r["number_text"])
        k = seen_in_quote[key]
        seen_in_quote[key] += 1
        if k >= len(pos):
            err(f"{where}: more claims with this number_text than occurrences in the quote")
            continue
        s = qs + pos[k]
        e = s + len(r["number_text"])
        assert text[s:e] == r["number_text"]
        preds.append(
            {
                "doc_id": r["doc"],
                "start_char": s,
                "end_char": e,
                "number_text": r["number_text"],
                "low": r["low"],
                "high": r["high"],
                "source": r["source"],
                "via": None,
                "category": r["category"],
                "status": r["status"],
                "sentence": r["quote"],
            }
        )
    # two gold claims must not share a quote *and* a number span (the scorer would be ambiguous)
    spans = Counter((p["doc_id"], p["start_char"]) for p in preds)
    for (d, s), n in spans.items():
        if n > 1:
            err(f"claims: {n} gold rows share the number span {d}@{s}")
    return preds


def check_places(rows, texts):
    preds = []
    seen = set()
    for i, r in enumerate(rows, 1):
        where = f"places line {i} ({r.get('doc')}, {r.get('place')})"
        if set(r) != {"doc", "place", "kind", "count"}:
            err(f"{where}: keys {sorted(r)}")
            continue
        if r["doc"] not in texts:
            err(f"{where}: no article")
        if r["kind"] not in KINDS:
            err(f"{where}: bad kind {r['kind']}")
        if not isinstance(r["count"], int) or r["count"] < 1:
            err(f"{where}: bad count {r['count']}")
        key = (r["doc"], score_aux.pnorm(r["place"]))
        if key in seen:
            err(f"{where}: duplicate (doc, place) after normalisation")
        seen.add(key)
        preds.append({"doc_id": r["doc"], "place": r["place"]})
    return preds


def check_stances(rows, texts):
    preds = []
    for i, r in enumerate(rows, 1):
        where = f"stances line {i} ({r.get('doc')}, {r.get('actor')})"
        if set(r) != {"doc", "actor", "actor_country", "stance", "quote"}:
            err(f"{where}: keys {sorted(r)}")
            continue
        if r["doc"] not in texts:
            err(f"{where}: no article")
            continue
        if r["stance"] not in STANCES:
            err(f"{where}: bad stance {r['stance']}")
        if not r["actor"]:
            err(f"{where}: empty actor")
        qs = texts[r["doc"]].find(r["quote"])
        if qs < 0:
            err(f"{where}: quote not found verbatim: {r['quote'][:80]!r}")
            continue
        preds.append({"doc_id": r["doc"], "start_char": qs, "actor": r["actor"], "stance": r["stance"]})
    return preds


def dump(rows, path):
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def summary(claims, places, stances, texts):
    by_doc = defaultdict(Counter)
    for r in claims:
        by_doc[r["doc"]]["claims"] += 1
    for r in places:
        by_doc[r["doc"]]["places"] += 1
    for r in stances:
        by_doc[r["doc"]]["stances"] += 1
    for d in sorted(texts):
        words = len(texts[d].split())
        c = by_doc[d]
        counts = f"claims {c['claims']:3d}  places {c['places']:3d}  stances {c['stances']:3d}"
        print(f"  {d:45s} {words:4d} words  {counts}")
    print("  claims by category:", dict(Counter(r["category"] for r in claims)))
    print("  deployment status:", dict(Counter(r["status"] for r in claims if r["category"] == "deployment")))
    print(
        "  claims with null source:",
        sum(r["source"] is None for r in claims),
        " hedged:",
        sum(r["hedged"] for r in claims),
        " vague:",
        sum(score_claims.vague(r) for r in claims),
    )
    print("  stances by type:", dict(Counter(r["stance"] for r in stances)))
    print("  place rows:", len(places), " kinds:", dict(Counter(r["kind"] for r in places)))


def main():
    set_dir = Path(sys.argv[1])
    art_dir = Path(sys.argv[2]) if len(sys.argv) > 2 else set_dir
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(art_dir.glob("*.txt"))}
    claims = score_claims.load_jsonl(set_dir / "gold_claims.jsonl")
    places = score_claims.load_jsonl(set_dir / "gold_places.jsonl")
    stances = score_claims.load_jsonl(set_dir / "gold_stances.jsonl")
    for d, t in texts.items():
        first = next((ln for ln in t.splitlines() if ln.strip()), "")
        if not first:
            err(f"{d}: empty article")
    cpred = check_claims(claims, texts)
    ppred = check_places(places, texts)
    spred = check_stances(stances, texts)
    strict = set_dir.resolve() != (HERE / "seeds").resolve()  # the seeds are kept byte-identical
    if not errors:
        with tempfile.TemporaryDirectory() as tmp:
            dump(cpred, Path(tmp) / "claims.jsonl")
            dump(ppred, Path(tmp) / "places.jsonl")
            dump(spred, Path(tmp) / "stances.jsonl")
            rc = score_claims.score(set_dir, art_dir, Path(tmp) / "claims.jsonl")
            rp = score_aux.places(set_dir, Path(tmp) / "places.jsonl")
            rs = score_aux.stances(set_dir, art_dir, Path(tmp) / "stances.jsonl")
        print(
            "self-score claims :",
            {k: rc[k] for k in ("gold", "pred", "precision", "recall", "source_acc", "category_acc", "status_acc")},
        )
        print("self-score places :", {k: rp[k] for k in ("gold", "pred", "precision", "recall")})
        print("self-score stances:", {k: rs[k] for k in ("gold", "pred", "precision", "recall")})
        perfect = (
            rc["precision"] == rc["recall"] == rc["source_acc"] == rc["category_acc"] == 1.0
            and rp["precision"] == rp["recall"] == 1.0
            and rs["recall"] == 1.0
        )
        if not perfect:
            err("self-score is not perfect (see above)")
    if strict:
        docs_with_claims = {r["doc"] for r in claims}
        for d in texts:
            if d not in docs_with_claims:
                warnings.append(f"{d}: no claims labelled")
    print(f"{set_dir}: {len(texts)} articles, {len(claims)} claims, {len(places)} place rows, {len(stances)} stances")
    summary(claims, places, stances, texts)
    for w in warnings:
        print("WARNING", w)
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
