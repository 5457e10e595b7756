"""Small pure functions computing the tables the notebooks show (and the filter behind their widgets).

Every function takes the workspace's DataFrames (``open_ledger(...).claims``, ``.stances``, ``.places``,
``.articles``) and returns a new DataFrame; nothing here draws, reads files or runs spaCy, so the notebooks
stay thin and the logic is tested like any other function (``tests/test_widgets.py``).

:func:`table` wraps a DataFrame for display as HTML with every cell escaped: article text is untrusted and
may contain markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

__all__ = [
    "UNKNOWN",
    "Table",
    "actor_list",
    "actor_mentions",
    "actor_statements",
    "articles_table",
    "claims_table",
    "figure_label",
    "filter_claims",
    "filter_options",
    "ledger_summary",
    "place_list",
    "place_sentences",
    "places_table",
    "table",
]

#: Matches a missing status / source country in :func:`filter_claims` (shown as a choice in the widgets).
UNKNOWN = "(unknown)"
#: Deployment statuses in pipeline order (non-deployment claims have none: they match ``UNKNOWN``).
STATUSES = ("sent", "training", "expected", "front")


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------


def _col(df: pd.DataFrame, name: str) -> pd.Series:
    """A column, or an all-missing one of the right length when the frame lacks it."""
    return df[name] if name in df.columns else pd.Series([None] * len(df), index=df.index, dtype=object)


def _text(series: pd.Series) -> pd.Series:
    """Stripped strings with '' / NaN / None as None."""
    s = series.astype("string").str.strip()
    s = s.mask(s == "")
    return s.astype(object).where(s.notna(), None)


def _day(series: pd.Series) -> pd.Series:
    """Publication dates as 'YYYY-MM-DD' strings (None when unknown)."""
    s = pd.to_datetime(series, errors="coerce", utc=True)
    return s.dt.strftime("%Y-%m-%d").astype(object).where(s.notna(), None)


def _fmt(value: Any) -> str:
    try:
        return f"{round(float(value)):,}"
    except (TypeError, ValueError):
        return ""


def figure_label(low: pd.Series, high: pd.Series) -> pd.Series:
    """'1,500' for a point figure, '10,000–12,000' for a range, '' when unknown."""
    lo = pd.to_numeric(low, errors="coerce")
    hi = pd.to_numeric(high, errors="coerce").fillna(lo)
    out = ["" if pd.isna(a) else (_fmt(a) if a == b else f"{_fmt(a)}–{_fmt(b)}") for a, b in zip(lo, hi, strict=True)]
    return pd.Series(out, index=low.index, dtype=object)


def _as_set(value: str | Iterable[str] | None) -> set[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return {value}
    return {str(v) for v in value}


def _match(series: pd.Series, wanted: set[str] | None, *, lower: bool = False) -> pd.Series:
    """Rows whose (cleaned) value is in ``wanted``; ``UNKNOWN`` in ``wanted`` matches missing values."""
    if wanted is None:
        return pd.Series(True, index=series.index)
    values = _text(series)
    if lower:
        values = values.map(lambda v: v.lower() if isinstance(v, str) else v)
        wanted = {w if w == UNKNOWN else w.lower() for w in wanted}
    hit = values.isin(wanted - {UNKNOWN})
    if UNKNOWN in wanted:
        hit |= values.isna()
    return hit.astype(bool)


# --------------------------------------------------------------------------------------------------
# Filtering claims (the logic behind the estimates explorer)
# --------------------------------------------------------------------------------------------------


def filter_claims(
    claims: pd.DataFrame,
    *,
    category: str | Iterable[str] | None = None,
    status: str | Iterable[str] | None = None,
    country: str | Iterable[str] | None = None,
    hedged: bool | None = None,
    value_range: tuple[float | None, float | None] | None = None,
    doc_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The claims matching every given filter (``None`` = no filter on that field); index reset.

    ``category``, ``status`` and ``country`` (the source's country) take one value or several; ``UNKNOWN``
    matches a missing value (non-deployment claims have no status, the article's own voice no country).
    ``hedged``: True keeps hedged figures only, False unhedged only. ``value_range=(lo, hi)`` keeps figures
    that lie entirely inside it (``low >= lo`` and ``high <= hi``; either bound may be None); figures
    without a number are dropped once a range is given. ``doc_ids`` keeps those articles (an empty list
    keeps none).
    """
    if claims is None or claims.empty:
        return (claims if claims is not None else pd.DataFrame()).iloc[0:0].reset_index(drop=True)
    keep = pd.Series(True, index=claims.index)
    keep &= _match(_col(claims, "category"), _as_set(category), lower=True)
    keep &= _match(_col(claims, "status"), _as_set(status), lower=True)
    keep &= _match(_col(claims, "source_country"), _as_set(country))
    if hedged is not None:
        flags = _col(claims, "hedged")
        keep &= flags.where(flags.notna(), False).astype(bool) == bool(hedged)
    if value_range is not None:
        lo_bound, hi_bound = value_range
        low = pd.to_numeric(_col(claims, "low"), errors="coerce")
        high = pd.to_numeric(_col(claims, "high"), errors="coerce").fillna(low)
        low = low.fillna(high)
        inside = low.notna()
        if lo_bound is not None:
            inside &= low >= lo_bound
        if hi_bound is not None:
            inside &= high <= hi_bound
        keep &= inside
    if doc_ids is not None:
        keep &= _col(claims, "doc_id").isin(list(doc_ids))
    return claims[keep].reset_index(drop=True)


def filter_options(claims: pd.DataFrame, articles: pd.DataFrame | None = None) -> dict[str, list]:
    """Choices for the explorer's widgets, from the data: categories (deployment first), statuses,
    source countries (``UNKNOWN`` last when some are missing), distinct figure values (sorted) and
    articles as ``(label, doc_id)`` pairs (oldest first)."""
    claims = claims if claims is not None else pd.DataFrame()
    cats = sorted({c.lower() for c in _text(_col(claims, "category")).dropna()})
    cats = sorted(cats, key=lambda c: c != "deployment")
    present = {s.lower() for s in _text(_col(claims, "status")).dropna()}
    statuses = [s for s in STATUSES if s in present] + sorted(present - set(STATUSES))
    if _text(_col(claims, "status")).isna().any():
        statuses.append(UNKNOWN)
    country_col = _text(_col(claims, "source_country"))
    countries = sorted(set(country_col.dropna()))
    if country_col.isna().any():
        countries.append(UNKNOWN)
    nums = pd.concat([pd.to_numeric(_col(claims, "low"), errors="coerce"),
                      pd.to_numeric(_col(claims, "high"), errors="coerce")])  # fmt: skip
    values = sorted({round(float(v)) for v in nums.dropna()})
    docs: list[tuple[str, str]] = []
    if articles is not None and not articles.empty:
        arts = articles.assign(_day=_day(_col(articles, "published")), _title=_text(_col(articles, "title")))
        arts = arts.sort_values(["_day", "doc_id"], na_position="last", kind="mergesort")
        for doc_id, day, title in zip(arts["doc_id"], arts["_day"], arts["_title"], strict=True):
            label = f"{day or 'undated'} · {_short(title or doc_id, 70)}"
            docs.append((label, str(doc_id)))
    else:
        docs = [(str(d), str(d)) for d in sorted(_text(_col(claims, "doc_id")).dropna().unique())]
    return {"categories": cats, "statuses": statuses, "countries": countries, "values": values, "docs": docs}


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------------


def claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per claim, oldest article first: the figure, what it counts, who says it (and through
    whom), whether it is hedged, the exact sentence, and the article it comes from."""
    cols = ["figure", "status", "source", "sentence", "article", "published", "via", "source country", "hedged",
            "as written", "category", "place", "outlet", "claim_id"]  # fmt: skip
    if claims is None or claims.empty:
        return pd.DataFrame(columns=cols)
    hedged = _col(claims, "hedged")
    out = pd.DataFrame(
        {
            "figure": figure_label(_col(claims, "low"), _col(claims, "high")),
            "as written": _text(_col(claims, "number_text")),
            "category": _text(_col(claims, "category")),
            "status": _text(_col(claims, "status")),
            "source": _text(_col(claims, "source")).fillna("(article's own voice)"),
            "via": _text(_col(claims, "via")),
            "source country": _text(_col(claims, "source_country")),
            "hedged": hedged.where(hedged.notna(), False).astype(bool).map({True: "yes", False: "no"}),
            "place": _text(_col(claims, "place")),
            "sentence": _text(_col(claims, "sentence")),
            "article": _text(_col(claims, "title")),
            "outlet": _text(_col(claims, "outlet")),
            "published": _day(_col(claims, "published")),
            "claim_id": _text(_col(claims, "claim_id")),
            "_doc": _text(_col(claims, "doc_id")),
            "_start": pd.to_numeric(_col(claims, "start_char"), errors="coerce"),
        }
    )
    out = out.sort_values(["published", "_doc", "_start"], na_position="last", kind="mergesort")
    return out[cols].reset_index(drop=True)


def articles_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article, oldest first: title, outlet, author, date, language, words, doc_id, file."""
    cols = ["published", "title", "outlet", "author", "language", "words", "doc_id", "path"]
    if articles is None or articles.empty:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame(
        {
            "published": _day(_col(articles, "published")),
            "title": _text(_col(articles, "title")),
            "outlet": _text(_col(articles, "outlet")),
            "author": _text(_col(articles, "author")),
            "language": _text(_col(articles, "language")),
            "words": pd.to_numeric(_col(articles, "n_words"), errors="coerce").astype("Int64"),
            "doc_id": _text(_col(articles, "doc_id")),
            "path": _text(_col(articles, "path")),
        }
    )
    return out.sort_values(["published", "doc_id"], na_position="last", kind="mergesort").reset_index(drop=True)


def ledger_summary(workspace: Any) -> pd.DataFrame:
    """Counts at a glance: articles, ingest problems, claims (deployment), statements, actors, places."""
    claims, stances, places = workspace.claims, workspace.stances, workspace.places
    report = workspace.report
    problems = 0
    if report is not None and not report.empty and "status" in report.columns:
        problems = int((~report["status"].isin(["ok", "duplicate", "skipped"])).sum())
    deployment = int((_text(_col(claims, "category")) == "deployment").sum()) if len(claims) else 0
    located = places.dropna(subset=["lat", "lon"]) if len(places) else places
    rows = [
        ("articles read", len(workspace.articles)),
        ("files with a problem (see the ingest report)", problems),
        ("personnel figures (claims)", len(claims)),
        ("… of which deployment figures", deployment),
        ("statements (confirm / deny / cannot confirm / expect)", len(stances)),
        ("distinct actors (sources and speakers)", len(actor_list(claims, stances))),
        ("distinct places named", int(places["place"].nunique()) if len(places) else 0),
        ("… of which on the map (geocoded)", int(located["place"].nunique()) if len(located) else 0),
    ]
    return pd.DataFrame(rows, columns=["what", "count"])


# --------------------------------------------------------------------------------------------------
# Actors: who is credited with figures, who makes statements
# --------------------------------------------------------------------------------------------------


def actor_mentions(claims: pd.DataFrame, stances: pd.DataFrame) -> pd.DataFrame:
    """One row per time an actor appears: credited as a figure's source, relayed (``via``), or making a
    statement. Columns ``actor``, ``role`` (source / via / statement), ``doc_id``."""
    parts = []
    for frame, col, role in ((claims, "source", "source"), (claims, "via", "via"), (stances, "actor", "statement")):
        if frame is None or frame.empty:
            continue
        names = _text(_col(frame, col))
        parts.append(
            pd.DataFrame({"actor": names, "role": role, "doc_id": _col(frame, "doc_id")}).dropna(subset=["actor"])
        )
    if not parts:
        return pd.DataFrame(columns=["actor", "role", "doc_id"])
    return pd.concat(parts, ignore_index=True)


def actor_list(claims: pd.DataFrame, stances: pd.DataFrame) -> list[str]:
    """Every named actor, most often appearing first (ties alphabetical)."""
    mentions = actor_mentions(claims, stances)
    if mentions.empty:
        return []
    counts = mentions["actor"].value_counts()
    return [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]).lower()))]


def actor_statements(claims: pd.DataFrame, stances: pd.DataFrame, actor: str) -> pd.DataFrame:
    """Everything ``actor`` says in the corpus: the figures credited to it (or relayed from it) and its
    stances, each with the exact sentence and the article, oldest article first."""
    cols = ["published", "kind", "role", "what", "sentence", "article", "outlet", "doc_id"]
    rows: list[pd.DataFrame] = []
    if claims is not None and not claims.empty:
        for col, role in (("source", "credited source"), ("via", "relayed from")):
            hit = claims[_text(_col(claims, col)) == actor]
            if hit.empty:
                continue
            status = _text(_col(hit, "status")).fillna("")
            what = figure_label(_col(hit, "low"), _col(hit, "high")) + " · " + _text(_col(hit, "category")).fillna("")
            what = what + status.map(lambda s: f" ({s})" if s else "")
            if col == "via":
                what = what + " · credited to " + _text(_col(hit, "source")).fillna("(article's own voice)")
            rows.append(_statement_rows(hit, "figure", role, what))
    if stances is not None and not stances.empty:
        hit = stances[_text(_col(stances, "actor")) == actor]
        if not hit.empty:
            cue = _text(_col(hit, "cue")).fillna("")
            what = _text(_col(hit, "stance")).fillna("").str.replace("_", " ") + cue.map(
                lambda c: f" (“{c}”)" if c else ""
            )
            rows.append(_statement_rows(hit, "stance", "speaker", what))
    if not rows:
        return pd.DataFrame(columns=cols)
    out = pd.concat(rows, ignore_index=True)
    out = out.sort_values(["published", "doc_id", "_start", "kind"], na_position="last", kind="mergesort")
    return out[cols].reset_index(drop=True)


def _statement_rows(frame: pd.DataFrame, kind: str, role: str, what: pd.Series) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "published": _day(_col(frame, "published")),
            "kind": kind,
            "role": role,
            "what": what.values,
            "sentence": _text(_col(frame, "sentence")).values,
            "article": _text(_col(frame, "title")).values,
            "outlet": _text(_col(frame, "outlet")).values,
            "doc_id": _text(_col(frame, "doc_id")).values,
            "_start": pd.to_numeric(_col(frame, "start_char"), errors="coerce").values,
        }
    )


# --------------------------------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------------------------------


def places_table(places: pd.DataFrame) -> pd.DataFrame:
    """One row per place (summed over articles), most mentioned first, with coordinates when geocoded."""
    cols = ["place", "kind", "country", "mentions", "figures tied", "articles", "lat", "lon"]
    if places is None or places.empty:
        return pd.DataFrame(columns=cols)
    df = places.assign(
        mentions=pd.to_numeric(_col(places, "mentions"), errors="coerce").fillna(0),
        claims=pd.to_numeric(_col(places, "claims"), errors="coerce").fillna(0),
    )
    out = (
        df.groupby("place", sort=True)
        .agg(
            kind=("kind", "first"),
            country=("country", "first"),
            mentions=("mentions", "sum"),
            claims=("claims", "sum"),
            articles=("doc_id", "nunique"),
            lat=("lat", "first"),
            lon=("lon", "first"),
        )
        .reset_index()
        .rename(columns={"claims": "figures tied"})
    )
    out["mentions"] = out["mentions"].astype("int64")
    out["figures tied"] = out["figures tied"].astype("int64")
    out = out.sort_values(["mentions", "place"], ascending=[False, True], kind="mergesort")
    return out[cols].reset_index(drop=True)


def place_list(places: pd.DataFrame) -> list[str]:
    """Places, most mentioned first (every place, geocoded or not)."""
    return list(places_table(places)["place"])


# A sentence ends at . ! ? (optionally followed by a closing quote/bracket) before whitespace, or at a
# blank/new line (headlines, captions). Approximate, but needs no spaCy.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Spans of outlet and person names (the places extractor ignores places inside them)."""
    from workbench.actors import default_registry

    return [(s, e) for s, e, actor in default_registry().find_in(text) if actor.kind in {"media", "person"}]


def place_sentences(articles: pd.DataFrame, places: pd.DataFrame, place: str) -> pd.DataFrame:
    """Every sentence that names ``place``, oldest article first, with the words used ("Kursk region").

    The surface forms are the ones the extractor recorded for that place in each article
    (``places.surface_forms``); they are found again in the article text as whole words, and each hit is
    expanded to its sentence (a punctuation-based split, since opening a notebook never re-runs spaCy).
    """
    cols = ["published", "named as", "sentence", "article", "outlet", "doc_id"]
    if places is None or places.empty or articles is None or articles.empty:
        return pd.DataFrame(columns=cols)
    rows_of_place = places[_text(_col(places, "place")) == place]
    texts = articles.drop_duplicates("doc_id").set_index("doc_id")
    rows: list[dict[str, Any]] = []
    for doc_id, forms in zip(rows_of_place["doc_id"], _col(rows_of_place, "surface_forms"), strict=True):
        if doc_id not in texts.index:
            continue
        art = texts.loc[doc_id]
        text = str(art.get("text") or "")
        names = sorted({f for f in str(forms or "").split("|") if f.strip()} | {place}, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")
        spans = _sentence_spans(text)
        blocked = _blocked_spans(text)
        seen: dict[tuple[int, int], set[str]] = {}
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in blocked):
                continue  # inside an outlet's or a person's name, as in the extractor ("Kyiv Independent")
            span = next(((s, e) for s, e in spans if s <= match.start() < e), None)
            if span is not None:
                seen.setdefault(span, set()).add(match.group(0))
        for (start, end), found in sorted(seen.items()):
            rows.append({
                "published": _day(pd.Series([art.get("published")])).iloc[0],
                "article": art.get("title"),
                "outlet": art.get("outlet"),
                "named as": ", ".join(sorted(found)),
                "sentence": " ".join(text[start:end].split()),
                "doc_id": doc_id,
                "_start": start,
            })  # fmt: skip
    if not rows:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame(rows).sort_values(["published", "doc_id", "_start"], na_position="last", kind="mergesort")
    return out[cols].reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# Safe HTML display
# --------------------------------------------------------------------------------------------------

#: Columns holding running text: wide and wrapped; every other column stays on one line.
TEXT_COLUMNS = frozenset({"sentence", "article", "title", "what", "reason", "path", "notes"})
# JupyterLab styles output tables with `table-layout: fixed`, which squeezes a sentence to one word per line.
_TABLE_CSS = (
    "<style>.wb-table{max-height:32em;overflow:auto;margin:0.3em 0 0.8em;max-width:100%}"
    ".wb-table table{border-collapse:collapse;font-size:12px;table-layout:auto !important;width:auto}"
    ".wb-table th{position:sticky;top:0;background:#f4f4f4;text-align:left !important;white-space:nowrap}"
    ".wb-table td,.wb-table th{padding:3px 8px;border-bottom:1px solid #e3e3e3;vertical-align:top}"
    ".wb-table td{white-space:nowrap;text-align:left !important}"
    ".wb-table td.wb-text{white-space:normal;min-width:22em;max-width:40em}"
    ".wb-table caption{caption-side:top;text-align:left;color:#555;padding:0 0 4px;white-space:nowrap}</style>"
)


_TD_ROW = re.compile(r"<tr>.*?</tr>", re.S)


def _mark_text_cells(row: str, text_cols: list[int]) -> str:
    parts = row.split("<td>")
    for i in text_cols:
        if i + 1 < len(parts):
            parts[i + 1] = "\x00" + parts[i + 1]
    return "<td>".join(parts).replace("<td>\x00", '<td class="wb-text">')


@dataclass(frozen=True)
class Table:
    """A DataFrame displayed as an HTML table in which every cell, header and the caption are escaped."""

    frame: pd.DataFrame
    caption: str | None = None
    max_rows: int = 200

    @property
    def html(self) -> str:
        shown = self.frame.head(self.max_rows).astype(object)
        shown = shown.where(shown.notna(), "")  # None / NaN / NA / NaT as empty cells
        body = shown.to_html(escape=True, index=False, border=0, na_rep="", classes="wb-table-grid")
        notes = []
        if self.caption:
            notes.append(html.escape(self.caption))
        notes.append(f"{len(self.frame):,} row{'s' if len(self.frame) != 1 else ''}")
        if len(self.frame) > self.max_rows:
            notes.append(f"first {self.max_rows:,} shown")
        caption = f"<caption>{' · '.join(notes)}</caption>"
        body = body.replace(">", ">" + caption, 1) if body.startswith("<table") else body
        text_cols = [i for i, c in enumerate(shown.columns) if str(c).lower() in TEXT_COLUMNS]
        if text_cols:  # mark running-text cells (pandas writes plain <td>; positions are the column order)
            body = _TD_ROW.sub(lambda m: _mark_text_cells(m.group(0), text_cols), body)
        return f'{_TABLE_CSS}<div class="wb-table">{body}</div>'

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", 60, "display.width", 160):
            return (f"{self.caption}\n" if self.caption else "") + self.frame.head(self.max_rows).to_string(index=False)


def table(frame: pd.DataFrame, caption: str | None = None, *, max_rows: int = 200) -> Table:
    """Display ``frame`` as an escaped, scrollable HTML table (the first ``max_rows`` rows)."""
    return Table(frame.reset_index(drop=True), caption, max_rows)
