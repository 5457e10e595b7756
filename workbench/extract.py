"""Articles -> claims, stances and places tables (uncached; ledger.py adds the cache).

Streams articles through spaCy in batches so memory stays flat (the engines live in workbench/engines.py), and
keeps every table keyed by ``sha256`` so the ledger can cache per article content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd

CLAIM_COLUMNS = [
    "claim_id",
    "doc_id",
    "number_text",
    "start_char",
    "end_char",
    "sentence",
    "low",
    "high",
    "qualifier",
    "unit",
    "category",
    "status",
    "source",
    "source_mention",
    "source_type",
    "source_country",
    "via",
    "place",
    "date_text",
    "hedged",
    "reported_by",
    "attribution",
    "heading",
    "sentence_start",
    "sentence_end",
    "sha256",
]
STANCE_COLUMNS = [
    "doc_id",
    "actor",
    "actor_country",
    "stance",
    "sentence",
    "start_char",
    "end_char",
    "actor_type",
    "actor_mention",
    "cue",
    "sha256",
]
PLACE_COLUMNS = [
    "doc_id",
    "place",
    "kind",
    "country",
    "lat",
    "lon",
    "mentions",
    "first_start",
    "first_end",
    "surface_forms",
    "sha256",
]
TABLE_COLUMNS = {"claims": CLAIM_COLUMNS, "stances": STANCE_COLUMNS, "places": PLACE_COLUMNS}
# Numeric and boolean columns: their dtype whatever the rows looked like (empty tables, nulls read back)
TABLE_CASTS = {
    "claims": {
        "start_char": "int64",
        "end_char": "int64",
        "low": "int64",
        "high": "int64",
        "hedged": "bool",
        "heading": "bool",
    },
    "stances": {"start_char": "int64", "end_char": "int64"},
    "places": {"mentions": "int64", "lat": "float64", "lon": "float64"},
}


def iter_extract(
    articles: pd.DataFrame,
    batch_size: int = 16,
    n_process: int = 1,
    progress: Callable[[int], None] | None = None,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    mode: str = "fast",
) -> Iterator[tuple[str, dict[str, list[dict]]]]:
    """Yield (sha256, {"claims": rows, "stances": rows, "places": rows}) per article, in input order.

    ``engine`` is "local" (this process, or ``n_process`` local processes) or "dask" (a ``dask.distributed``
    cluster at ``scheduler``, else a LocalCluster of ``n_process`` workers); ``mode`` "fast" (the default: the
    full model only on lines that need it, see workbench.engines) or "full" (every component over whole
    documents). All give the same rows. Non-English articles are not run through the English model (they would
    be mis-extracted): they yield empty tables and the ingest report already flags their language.
    """
    from workbench.engines import make_engine, records_from_frame, run_engine

    runner = make_engine(engine, scheduler=scheduler, n_process=n_process, mode=mode, batch_size=batch_size)
    yield from run_engine(runner, records_from_frame(articles), progress)


def rows_to_frame(rows: list[dict], table: str) -> pd.DataFrame:
    """A table with its documented columns in order (extra columns kept at the end)."""
    return frame_to_table(pd.DataFrame(rows), table)


def frame_to_table(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """``rows_to_frame`` for rows already in a DataFrame (same columns and dtypes, no round trip via dicts)."""
    columns = TABLE_COLUMNS[table]
    data: dict[str, pd.Series] = {}
    for column in columns + [c for c in frame.columns if c not in columns]:
        if column not in frame.columns:
            data[column] = pd.Series(index=frame.index, dtype="object")
            continue
        series = frame[column]
        # object columns holding numbers or booleans get the dtype a DataFrame built from the rows would infer
        if series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) not in ("string", "empty"):
            series = pd.Series(series.tolist(), index=frame.index)
        data[column] = series
    out = pd.DataFrame(data)
    return out.astype(TABLE_CASTS[table]).reset_index(drop=True)


def arrow_to_table(data: Any, table: str) -> pd.DataFrame:
    """``frame_to_table`` for an Arrow table read from the ledger (typed columns): columns ordered in Arrow, then
    one conversion, no per-column inference or block copies. Opening a 10,000-article ledger is mostly this."""
    import pyarrow as pa

    columns = TABLE_COLUMNS[table]
    for column in columns:
        if column not in data.column_names:
            data = data.append_column(column, pa.nulls(data.num_rows))
    data = data.select(columns + [c for c in data.column_names if c not in columns])
    out = data.to_pandas()
    for column, dtype in TABLE_CASTS[table].items():
        if out[column].dtype != dtype:
            out[column] = out[column].astype(dtype)
    return out
