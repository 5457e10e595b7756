"""The ledger: claims, stances and places for a corpus, cached per article content and pipeline version.

Layout under ``WORKBENCH_CACHE_DIR`` (default ``.cache/ledger``)::

    v<pipeline version>-<model>/segments/<segment>.<claims|stances|places>.parquet
    v<pipeline version>-<model>/segments/<segment>.done.parquet   # sha256 of every article in the segment

A segment is written atomically (temporary file, then rename) and only counts once its ``done`` file exists,
so a run killed mid-write loses nothing and the next run redoes just those articles. A lock serialises
writers. A changed pipeline version gets a new folder: old results are never reused. Unchanged articles are
never parsed twice. SQL is one call away: ``ledger_sql("select ...")`` runs DuckDB over the Parquet files.
"""

from __future__ import annotations

import hashlib
import os
import sys
import warnings
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from filelock import FileLock

from workbench import paths
from workbench.corpus import Corpus, ingest
from workbench.extract import TABLE_COLUMNS, arrow_to_table, iter_extract, rows_to_frame
from workbench.pipeline import PIPELINE_VERSION, model_name

TABLES = ("claims", "stances", "places")
# Articles per cache segment: a killed run redoes at most this many; fewer, larger files open faster.
SEGMENT_ARTICLES = 256


@dataclass
class Ledger:
    """The three tables for a corpus plus the articles and the ingest report behind them."""

    articles: pd.DataFrame
    report: pd.DataFrame
    claims: pd.DataFrame
    stances: pd.DataFrame
    places: pd.DataFrame
    stats: dict[str, int] = field(default_factory=dict)

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


def store_dir(cache: Path | None = None) -> Path:
    base = Path(cache) if cache else paths.cache_dir()
    return base / f"v{PIPELINE_VERSION}-{model_name()}"


def _segments(root: Path) -> list[Path]:
    return sorted((root / "segments").glob("*.done.parquet"))


def _read_done(root: Path) -> dict[str, str]:
    """sha256 -> segment name for every complete segment; corrupt segments are removed with a warning."""
    known: dict[str, str] = {}
    for done in _segments(root):
        segment = done.name[: -len(".done.parquet")]
        try:
            hashes = pq.read_table(done, columns=["sha256"]).column("sha256").to_pylist()
            for table in TABLES:
                pq.read_metadata(done.parent / f"{segment}.{table}.parquet")
        except Exception as exc:
            warnings.warn(f"ledger segment {segment} is unreadable ({exc}); it will be rebuilt", stacklevel=2)
            _remove_segment(done.parent, segment)
            continue
        for sha in hashes:
            known.setdefault(sha, segment)
    return known


def _remove_segment(folder: Path, segment: str) -> None:
    for suffix in ("done", *TABLES):
        (folder / f"{segment}.{suffix}.parquet").unlink(missing_ok=True)


def _atomic_write(frame: pd.DataFrame, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, tmp)
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, target)


def _write_segment(root: Path, hashes: list[str], tables: dict[str, list[dict]]) -> None:
    folder = root / "segments"
    folder.mkdir(parents=True, exist_ok=True)
    segment = hashlib.sha256("\n".join(sorted(hashes)).encode()).hexdigest()[:24]
    with FileLock(str(root / ".lock")):
        for table in TABLES:
            _atomic_write(rows_to_frame(tables[table], table), folder / f"{segment}.{table}.parquet")
        _atomic_write(pd.DataFrame({"sha256": hashes}), folder / f"{segment}.done.parquet")


def _read_tables(root: Path, wanted: dict[str, str]) -> dict[str, pa.Table]:
    """Rows of the wanted articles (sha256 -> segment) from the cache, as Arrow tables (not yet in order)."""
    by_segment: dict[str, set[str]] = {}
    for sha, segment in wanted.items():
        by_segment.setdefault(segment, set()).add(sha)

    def read(job: tuple[str, set[str], str]) -> pa.Table | None:
        segment, shas, table = job
        data = pq.read_table(root / "segments" / f"{segment}.{table}.parquet")
        if data.num_rows == 0 or pa.types.is_null(data.column("sha256").type):
            return None  # a segment of articles without rows (its columns are null-typed): nothing to keep
        return data.filter(pc.is_in(data.column("sha256"), value_set=pa.array(sorted(shas), pa.string())))

    out: dict[str, pa.Table] = {}
    with ThreadPoolExecutor(max_workers=4) as pool:  # parquet reads release the GIL
        for table in TABLES:
            parts = [p for p in pool.map(read, [(seg, shas, table) for seg, shas in sorted(by_segment.items())]) if p]
            out[table] = pa.concat_tables(parts, promote_options="default") if parts else _empty_arrow(table)
    return out


def _empty_arrow(table: str) -> pa.Table:
    return pa.Table.from_pandas(rows_to_frame([], table), preserve_index=False)


def _rekey(data: pa.Table, table: str, articles: pd.DataFrame) -> pd.DataFrame:
    """Cached rows are keyed by content; give them this corpus's doc_ids and stable ids, in article order.

    Done in Arrow (one pass, no Python per row): opening a cached 10,000-article ledger is mostly this step.
    """
    if data.num_rows == 0:
        return rows_to_frame([], table)
    order = pc.index_in(data.column("sha256"), value_set=pa.array(articles["sha256"], pa.string()))
    keep = pc.is_valid(order)
    data, order = data.filter(keep), order.filter(keep)
    doc_ids = pc.take(pa.array(articles["doc_id"], pa.string()), order)
    data = _set_column(data, "doc_id", doc_ids)
    key = "start_char" if table != "places" else "first_start"
    if table == "claims":
        claim_ids = pc.binary_join_element_wise(doc_ids, pc.cast(data.column(key), pa.string()), ":")
        data = _set_column(data, "claim_id", claim_ids)
    ranks = pa.table({"order": order, "key": data.column(key)})
    data = data.take(pc.sort_indices(ranks, sort_keys=[("order", "ascending"), ("key", "ascending")]))
    return arrow_to_table(data, table)


def _set_column(data: pa.Table, name: str, values: pa.Array) -> pa.Table:
    if name in data.column_names:
        return data.set_column(data.column_names.index(name), name, values)
    return data.append_column(name, values)


def build_ledger(
    inputs: Sequence[str | Path] | Corpus,
    *,
    use_cache: bool = True,
    cache: Path | None = None,
    batch_size: int = SEGMENT_ARTICLES,
    progress: bool | None = None,
    manifest: Path | bool | None = True,
    engine: str = "local",
    scheduler: str | None = None,
    n_process: int = 1,
    mode: str = "fast",
) -> Ledger:
    """Ingest ``inputs`` (or take a Corpus) and return the ledger, parsing only articles not yet cached.

    ``engine``/``scheduler``/``n_process``/``mode`` choose where and how the uncached articles are extracted
    (see ``workbench.extract.iter_extract``); every choice gives the same tables and the same cache.
    """
    corpus = inputs if isinstance(inputs, Corpus) else ingest(list(inputs), manifest=manifest)
    articles = corpus.articles
    root = store_dir(cache)
    known = _read_done(root) if use_cache else {}
    todo = articles[~articles["sha256"].isin(known)] if use_cache else articles
    show = progress if progress is not None else (len(todo) > 20 and sys.stderr.isatty())
    fresh: dict[str, list[dict]] = {t: [] for t in TABLES}
    if len(todo):
        bar = None
        if show:
            from tqdm import tqdm

            bar = tqdm(total=len(todo), desc="extracting", unit="article", file=sys.stderr)
        pending_hashes: list[str] = []
        pending: dict[str, list[dict]] = {t: [] for t in TABLES}
        for sha, tables in iter_extract(
            todo,
            progress=bar.update if bar else None,
            engine=engine,
            scheduler=scheduler,
            n_process=n_process,
            mode=mode,
        ):
            pending_hashes.append(sha)
            for table in TABLES:
                pending[table].extend(tables[table])
                fresh[table].extend(tables[table])
            if use_cache and len(pending_hashes) >= batch_size:
                _write_segment(root, pending_hashes, pending)
                pending_hashes, pending = [], {t: [] for t in TABLES}
        if use_cache and pending_hashes:
            _write_segment(root, pending_hashes, pending)
        if bar:
            bar.close()
    cached = (
        _read_tables(root, {s: known[s] for s in articles["sha256"] if s in known})
        if use_cache
        else {t: _empty_arrow(t) for t in TABLES}
    )
    tables = {}
    for table in TABLES:
        merged = cached[table]
        if fresh[table]:
            new = pa.Table.from_pandas(rows_to_frame(fresh[table], table), preserve_index=False)
            merged = pa.concat_tables([merged, new], promote_options="default") if merged.num_rows else new
        tables[table] = _rekey(merged, table, articles)
    stats = {"articles": len(articles), "parsed": len(todo), "cached": len(articles) - len(todo)}
    return Ledger(articles=articles, report=corpus.report, stats=stats, **tables)


def extract_claims(inputs: Sequence[str | Path] | Corpus, **kwargs: object) -> pd.DataFrame:
    """The claims table for files/folders (or a Corpus)."""
    return build_ledger(inputs, **kwargs).claims  # type: ignore[arg-type]


def extract_stances(inputs: Sequence[str | Path] | Corpus, **kwargs: object) -> pd.DataFrame:
    return build_ledger(inputs, **kwargs).stances  # type: ignore[arg-type]


def extract_places(inputs: Sequence[str | Path] | Corpus, **kwargs: object) -> pd.DataFrame:
    return build_ledger(inputs, **kwargs).places  # type: ignore[arg-type]


def ledger_sql(query: str, cache: Path | None = None) -> pd.DataFrame:
    """Run SQL over the cached tables (views ``claims``, ``stances``, ``places``) with DuckDB."""
    import duckdb

    root = store_dir(cache)
    complete = sorted(set(_read_done(root).values()))  # only finished segments; orphans are ignored
    con = duckdb.connect()
    for table in TABLES:
        files = [root / "segments" / f"{segment}.{table}.parquet" for segment in complete]
        if files:
            file_list = ", ".join(f"'{f.as_posix()}'" for f in files)
            con.execute(f"create view {table} as select * from read_parquet([{file_list}], union_by_name=true)")
        else:
            cols = ", ".join(f"null as {c}" for c in TABLE_COLUMNS[table])
            con.execute(f"create view {table} as select {cols} where false")
    return con.execute(query).df()
