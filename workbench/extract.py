"""Articles -> claims, stances and places tables (uncached; ledger.py adds the cache).

Streams articles through spaCy in batches so memory stays flat, and keeps every table keyed by ``sha256`` so
the ledger can cache per article content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict

import pandas as pd

from workbench.pipeline import load_nlp

CLAIM_COLUMNS = [
    "claim_id", "doc_id", "number_text", "start_char", "end_char", "sentence", "low", "high", "qualifier", "unit",
    "category", "status", "source", "source_mention", "source_type", "source_country", "via", "place",
    "date_text", "hedged", "reported_by", "attribution", "heading", "sentence_start", "sentence_end", "sha256",
]
STANCE_COLUMNS = [
    "doc_id", "actor", "actor_country", "stance", "sentence", "start_char", "end_char", "actor_type",
    "actor_mention", "cue", "sha256",
]
PLACE_COLUMNS = [
    "doc_id", "place", "kind", "country", "lat", "lon", "mentions", "first_start", "first_end", "surface_forms",
    "sha256",
]
TABLE_COLUMNS = {"claims": CLAIM_COLUMNS, "stances": STANCE_COLUMNS, "places": PLACE_COLUMNS}


def _english(language: object) -> bool:
    return language in (None, "", "en", "und") or (isinstance(language, float) and pd.isna(language))


def iter_extract(
    articles: pd.DataFrame, batch_size: int = 16, n_process: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[str, dict[str, list[dict]]]]:
    """Yield (sha256, {"claims": rows, "stances": rows, "places": rows}) per article, in input order.

    Non-English articles are not run through the English model (they would be mis-extracted): they yield
    empty tables and the ingest report already flags their language.
    """
    nlp = load_nlp()

    def stream() -> Iterable[tuple[str, dict]]:
        for row in articles.itertuples(index=False):
            yield row.text, {"doc_id": row.doc_id, "sha256": row.sha256, "english": _english(row.language)}

    english = ((text, ctx) for text, ctx in stream())
    for text, ctx in english:
        if not ctx["english"]:
            if progress:
                progress(1)
            yield ctx["sha256"], {"claims": [], "stances": [], "places": []}
            continue
        doc = nlp.make_doc(text)
        doc.user_data["doc_id"] = ctx["doc_id"]
        for _name, component in nlp.pipeline:
            doc = component(doc)
        tables = {
            "claims": [asdict(r) for r in doc._.claims],
            "stances": [asdict(r) for r in doc._.stances],
            "places": [asdict(r) for r in doc._.places],
        }
        for rows in tables.values():
            for row in rows:
                row["sha256"] = ctx["sha256"]
        if progress:
            progress(1)
        yield ctx["sha256"], tables


def rows_to_frame(rows: list[dict], table: str) -> pd.DataFrame:
    """A table with its documented columns in order (extra columns kept at the end)."""
    columns = TABLE_COLUMNS[table]
    frame = pd.DataFrame(rows)
    for column in columns:
        if column not in frame.columns:
            frame[column] = pd.Series(dtype="object")
    frame = frame[columns + [c for c in frame.columns if c not in columns]]
    if table == "claims":
        frame = frame.astype({"start_char": "int64", "end_char": "int64", "low": "int64", "high": "int64",
                              "hedged": "bool", "heading": "bool"})
    if table == "stances":
        frame = frame.astype({"start_char": "int64", "end_char": "int64"})
    if table == "places":
        frame = frame.astype({"mentions": "int64", "lat": "float64", "lon": "float64"})
    return frame.reset_index(drop=True)
