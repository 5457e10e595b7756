#!/usr/bin/env python3
"""Explain a set's score: every missed, extra or mislabelled claim or stance, with its sentence.

usage: tests/eval/explain.py claims|stances SET   (SET: seeds, dev, dev2, ...; never the holdout while tuning)

Runs ``workbench`` on the set's articles (no cache) and matches rows to the gold exactly as the official scorers
do (``score_claims.py``, ``score_aux.py``), then prints one line per disagreement. Read it to find the
*phenomenon* behind an error; do not key rules to the sentence.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

EVAL = Path(__file__).resolve().parent
ROOT = EVAL.parent.parent
sys.path.insert(0, str(EVAL))
from score_claims import load_jsonl, source_ok, value_ok  # noqa: E402


def _run(table: str, set_name: str, work: Path) -> tuple[Path, Path]:
    articles = ROOT / "seeds" if set_name == "seeds" else EVAL / set_name
    txt = work / "txt"
    txt.mkdir()
    for path in articles.glob("*.txt"):
        shutil.copy(path, txt)
    out = work / f"{table}.jsonl"
    cmd = [str(ROOT / ".venv" / "bin" / "workbench"), table, str(txt), "--no-cache", "-q", "--format", "jsonl"]
    subprocess.run([*cmd, "-o", str(out)], check=True)
    return txt, out


def _span(texts: dict[str, str], row: dict) -> tuple[int, int]:
    start = texts[row["doc"]].find(row["quote"])
    return start, start + len(row["quote"])


def explain_claims(gold: list[dict], texts: dict[str, str], preds: list[dict]) -> None:
    used: set[int] = set()
    for g in gold:
        qs, qe = _span(texts, g)
        hit = next(
            (
                i
                for i, p in enumerate(preds)
                if i not in used
                and p["doc"] == g["doc"]
                and int(p["start_char"]) >= qs - 2
                and int(p["end_char"]) <= qe + 2
                and value_ok(g, p)
            ),
            None,
        )
        if hit is None:
            print(f"MISSED {g['number_text']!r} | {g['quote'][:160]}")
            continue
        used.add(hit)
        p = preds[hit]
        bad = []
        if not (source_ok(g["source"], p.get("source")) or (g["source"] and source_ok(g["source"], p.get("via")))):
            bad.append(
                f"SOURCE gold={g['source']!r} got={p.get('source')!r} via={p.get('via')!r} [{p.get('attribution')}]"
            )
        if g["category"] != p.get("category") and not (g["category"] == "other" and p.get("category") == "captured"):
            bad.append(f"CATEGORY gold={g['category']} got={p.get('category')}")
        if g["category"] == "deployment" and g["status"] != p.get("status"):
            bad.append(f"STATUS gold={g['status']} got={p.get('status')}")
        if bad:
            print(f"{g['doc'][:10]} {g['number_text']!r}: " + "; ".join(bad) + f"\n    {g['quote'][:220]}")
    for i, p in enumerate(preds):
        if i not in used:
            print(f"EXTRA {p['number_text']!r} | {(p.get('sentence') or '')[:160]}")


def explain_stances(gold: list[dict], texts: dict[str, str], preds: list[dict]) -> None:
    used: set[int] = set()
    for g in gold:
        qs, qe = _span(texts, g)
        near = [i for i, p in enumerate(preds) if p["doc"] == g["doc"] and qs - 2 <= int(p["start_char"]) <= qe]
        hit = next(
            (
                i
                for i in near
                if i not in used
                and preds[i].get("stance") == g["stance"]
                and source_ok(g["actor"], preds[i].get("actor"))
            ),
            None,
        )
        if hit is not None:
            used.add(hit)
            continue
        got = [(preds[i]["stance"], preds[i]["actor"]) for i in near]
        print(f"MISSED {g['stance']:14} {g['actor']!r} got-here={got}\n    {g['quote'][:200]}")
    for i, p in enumerate(preds):
        if i not in used:
            print(f"EXTRA {p['stance']:14} {p['actor']!r} cue={p.get('cue')!r}\n    {(p.get('sentence') or '')[:200]}")


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("claims", "stances"):
        print(__doc__, file=sys.stderr)
        return 2
    table, set_name = argv
    with tempfile.TemporaryDirectory() as tmp:
        txt, out = _run(table, set_name, Path(tmp))
        gold = load_jsonl(EVAL / set_name / f"gold_{table}.jsonl")
        texts = {p.stem: p.read_text(encoding="utf-8") for p in txt.glob("*.txt")}
        preds = load_jsonl(out)
        for p in preds:
            p["doc"] = Path(str(p.get("doc_id", ""))).stem
        (explain_claims if table == "claims" else explain_stances)(gold, texts, preds)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
