"""Altair chart builders for the claims ledger, stances, places and corpus overview.

Every builder is a pure ``DataFrame -> Altair chart`` function:

* it aggregates in pandas first, so a 100k-claim ledger never reaches Altair's 5,000-row limit
  (identical marks are merged and carry ``n_claims`` plus one example sentence for the tooltip);
* it gives every parameter an explicit name, so ``to_dict()`` is identical between runs and the
  interactive filters keep working in a static HTML briefing (no kernel needed);
* article text (sentences, titles, names) only ever goes into data fields, never into titles or
  text templates, because articles are untrusted and may contain markup;
* an empty frame gives a valid chart whose subtitle says "no data".

Colours and fonts come from :mod:`workbench.themes`; enable a theme with ``themes.use_theme``.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

import altair as alt
import numpy as np
import pandas as pd

from workbench.themes import (
    CATEGORY_PALETTE,
    COUNTRY_COLORS,
    STANCE_ORDER,
    STATUS_ORDER,
    stance_scale,
    status_scale,
)

__all__ = [
    "ANCHOR_PLACES",
    "DEFAULT_TOPOLOGY",
    "MAX_MARKS",
    "OWN_VOICE",
    "PARAM_NAMES",
    "THEATRE_BBOX",
    "article_words",
    "estimate_ranges",
    "estimates_by_source",
    "estimates_over_time",
    "figures_by_source",
    "figures_over_time",
    "load_topology",
    "mentions_timeline",
    "places_map",
    "relay_chains",
    "source_figure_matrix",
    "source_types",
    "stance_matrix",
    "status_split",
    "theatre_map",
    "top_counts",
]

OWN_VOICE = "(article's own voice)"
#: Country outlines drawn by default: Natural Earth 1:50m with Crimea in Ukraine (see resources/geo/README.md).
DEFAULT_TOPOLOGY = Path(__file__).resolve().parent / "resources" / "geo" / "countries-50m-ukraine-crimea.json"
OTHER_SOURCES = "(other sources)"
NO_DATA = "no data"
#: Upper bound on rows in any one inline dataset; Altair raises MaxRowsError above 5,000.
MAX_MARKS = 2000
#: Longest sentence kept for tooltips; the full text stays in the ledger.
SENTENCE_CHARS = 300

#: Names of the bound parameters, per builder; stable so notebooks/tests can refer to them.
PARAM_NAMES: dict[str, tuple[str, str]] = {
    "estimates_by_source": ("by_source_status", "by_source_hide_hedged"),
    "estimates_over_time": ("over_time_status", "over_time_hide_hedged"),
}

#: Places labelled on every map (the Kursk incursion and the Donbas front), with fallback coordinates.
ANCHOR_PLACES: dict[str, tuple[float, float]] = {
    "Kursk": (51.73, 36.19),
    "Bryansk": (53.24, 34.36),
    "Donetsk": (48.00, 37.80),
}

# Map name variants (world-atlas, Natural Earth long names) onto the four shaded countries.
_SHADED_COUNTRIES: dict[str, str] = {
    "Russia": "Russia",
    "Russian Federation": "Russia",
    "Ukraine": "Ukraine",
    "North Korea": "North Korea",
    "Dem. Rep. Korea": "North Korea",
    "Democratic People's Republic of Korea": "North Korea",
    "Korea, Dem. People's Rep.": "North Korea",
    "South Korea": "South Korea",
    "Republic of Korea": "South Korea",
    "Korea": "South Korea",
    "Korea, Rep.": "South Korea",
}
_SHADE_ORDER = ["Russia", "North Korea", "Ukraine", "South Korea", "other"]
_SHADE_COLORS = ["#F6C9A8", "#E3BCD6", "#FBE7A6", "#C6E0F3", "#EEEEEE"]
# White outline drawn under each map label so it stays legible over borders and circles.
_LABEL_HALO: dict[str, Any] = {
    "color": "#FFFFFF",
    "stroke": "#FFFFFF",
    "strokeWidth": 3,
    "strokeOpacity": 0.9,
}

_MAP_ROTATE = 82.0
_MAP_PARALLELS = (35.0, 65.0)
# Label slots: side -> (align, baseline, dx, dy), tried in this order.
_LABEL_SLOTS: dict[str, tuple[str, str, int, int]] = {
    "right": ("left", "middle", 7, 0),
    "left": ("right", "middle", -7, 0),
    "above": ("center", "bottom", 0, -6),
    "below": ("center", "top", 0, 6),
}
# Label layout assumes the screen theme's view (640x340, 12px); slides scale both up alike.
_LAYOUT_SIZE = (640.0, 340.0)
_LAYOUT_FONT = 12.0

_CLAIM_COLUMNS = [
    "claim_id", "doc_id", "number_text", "start_char", "end_char", "sentence", "low", "high",
    "qualifier", "unit", "category", "status", "source", "source_mention", "source_type",
    "source_country", "via", "place", "date_text", "hedged", "title", "outlet", "published",
]  # fmt: skip


# --------------------------------------------------------------------------- helpers


def _clean_text(series: pd.Series) -> pd.Series:
    """Strip strings and turn NaN/None/'' into None, so missing values group and serialise alike."""
    s = series.astype("string").str.strip()
    s = s.mask(s == "")
    return s.astype(object).where(s.notna(), None)


def _label(series: pd.Series, missing: str) -> pd.Series:
    """Cleaned text with a visible placeholder for missing values (used as an axis category)."""
    return _clean_text(series).fillna(missing).astype(object)


def _to_bool(series: pd.Series) -> pd.Series:
    """Missing -> False; the ledger's ``hedged`` column may arrive as object with None."""
    return series.where(series.notna(), False).astype(bool)


def _to_naive_utc(series: pd.Series) -> pd.Series:
    """Publication dates as naive UTC timestamps (mixed/aware inputs allowed, junk -> NaT)."""
    s = pd.to_datetime(series, errors="coerce", utc=True)
    return s.dt.tz_localize(None)


def _date_str(series: pd.Series) -> pd.Series:
    """ISO date strings: Vega parses 'YYYY-MM-DD' as UTC, so days never shift with the viewer's zone."""
    return series.dt.strftime("%Y-%m-%d").astype(object).where(series.notna(), None)


def _shorten(series: pd.Series, limit: int = SENTENCE_CHARS) -> pd.Series:
    """Trim long sentences for tooltips (keeps specs small); stays a plain data string."""
    s = _clean_text(series)
    long = s.notna() & (s.str.len() > limit)
    s = s.astype(object)
    s[long] = s[long].str.slice(0, limit - 1) + "…"
    return s


def _fmt_int(value: float) -> str:
    return f"{round(value):,}"


def _figure_label(low: pd.Series, high: pd.Series) -> pd.Series:
    """'1,500' for point figures, '10,000–12,000' for ranges: normalises number_text spellings."""
    lo = low.map(_fmt_int)
    hi = high.map(_fmt_int)
    return lo.where(low == high, lo + "–" + hi)


def _ensure_columns(df: pd.DataFrame | None, columns: Iterable[str]) -> pd.DataFrame:
    """Copy of ``df`` with every expected column present (missing ones filled with None)."""
    out = pd.DataFrame() if df is None else df.copy()
    for col in columns:
        if col not in out.columns:
            out[col] = None
    return out.reset_index(drop=True)


def _prepare_claims(claims: pd.DataFrame | None) -> pd.DataFrame:
    """Normalise the ledger: numeric low/high, labelled source/status, bool hedged, UTC dates."""
    df = _ensure_columns(claims, _CLAIM_COLUMNS)
    df["low"] = pd.to_numeric(df["low"], errors="coerce")
    df["high"] = pd.to_numeric(df["high"], errors="coerce")
    df["low"] = df["low"].fillna(df["high"])
    df["high"] = df["high"].fillna(df["low"])
    swap = df["low"] > df["high"]
    df.loc[swap, ["low", "high"]] = df.loc[swap, ["high", "low"]].to_numpy()
    df["category"] = _clean_text(df["category"]).str.lower()
    status = _clean_text(df["status"]).str.lower()
    df["status"] = status.where(status.isin(STATUS_ORDER), "unknown").astype(object)
    df["source"] = _label(df["source"], OWN_VOICE)
    df["hedged"] = _to_bool(df["hedged"])
    df["published"] = _to_naive_utc(df["published"])
    df["doc_id"] = _clean_text(df["doc_id"])
    return df


def _deployment(df: pd.DataFrame, positive: bool) -> pd.DataFrame:
    """Deployment figures only (army size, casualties... never mix in), with usable numbers."""
    mask = (df["category"] == "deployment") & df["low"].notna()
    if positive:
        mask &= df["low"] > 0
    return df[mask]


def _top(series: pd.Series, n: int, other: str) -> tuple[pd.Series, list[str]]:
    """Keep the ``n`` most frequent labels (ties broken alphabetically), bucket the rest as ``other``."""
    counts = series.value_counts()
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    keep = [k for k, _ in ranked[:n]]
    capped = series.where(series.isin(keep), other)
    order = keep + ([other] if len(ranked) > n else [])
    return capped, order


def _cap_rows(df: pd.DataFrame, limit: int, by: str, keys: Sequence[str]) -> tuple[pd.DataFrame, int]:
    """Keep the ``limit`` heaviest rows (deterministic order); returns (rows, number dropped)."""
    if len(df) <= limit:
        return df, 0
    ordered = df.sort_values([by, *keys], ascending=[False, *([True] * len(keys))], kind="mergesort")
    return ordered.head(limit), len(df) - limit


def _title(text: str, subtitle: Sequence[str]) -> alt.Title:
    return alt.Title(text, subtitle=[s for s in subtitle if s])


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def _empty_chart(title: str, note: str = NO_DATA) -> alt.Chart:
    """Placeholder with the same title and a 'no data' subtitle, so notebooks never crash on empties."""
    msg = NO_DATA if note == NO_DATA else f"{NO_DATA}: {note}"
    data = alt.Data(values=[{"message": msg}])
    return (
        alt.Chart(data)
        .mark_text(color="#777777", fontSize=16)
        .encode(text=alt.Text("message:N"))
        .properties(title=_title(title, [msg]), height=120)
    )


def _log_ticks(lo: float, hi: float) -> list[int]:
    """1-2-3-5 ticks: readable on a log axis from a few hundred to hundreds of thousands."""
    ticks: list[int] = []
    start = math.floor(math.log10(max(lo, 1)))
    for exp in range(start, math.ceil(math.log10(max(hi, 1))) + 1):
        for m in (1, 2, 3, 5):
            v = m * 10**exp
            if lo <= v <= hi:
                ticks.append(v)
    return ticks


def _personnel_scale(lows: pd.Series, highs: pd.Series, log_scale: bool) -> tuple[alt.Scale, alt.Axis]:
    """Log scale padded to the 1-2-3-5 grid around the data, or a zero-based linear one."""
    if not log_scale:
        return alt.Scale(zero=True, nice=True), alt.Axis(format=",d", labelOverlap=True)
    lo, hi = float(lows.min()), float(highs.max())
    grid = [m * 10**e for e in range(0, 10) for m in (1, 2, 3, 5)]
    d_lo = max([g for g in grid if g <= lo * 0.95] or [1])
    d_hi = min([g for g in grid if g >= hi * 1.05] or [hi * 2])
    ticks = _log_ticks(d_lo, d_hi)
    return (
        alt.Scale(type="log", domain=[d_lo, d_hi], nice=False),
        alt.Axis(format=",d", values=ticks, labelOverlap=True),
    )


def _status_params(builder: str, statuses: Sequence[str]) -> tuple[list[alt.Parameter], str]:
    """Status dropdown + 'hide hedged' checkbox bound to HTML inputs, and the filter expression."""
    status_name, hedged_name = PARAM_NAMES[builder]
    options: list[str | None] = [None, *statuses]
    status_param = alt.param(
        name=status_name,
        value=None,
        bind=alt.binding_select(options=options, labels=["all", *statuses], name="status "),
    )
    hedged_param = alt.param(
        name=hedged_name,
        value=False,
        bind=alt.binding_checkbox(name="hide hedged figures "),
    )
    expr = f"({status_name} == null || datum.status == {status_name}) && (!{hedged_name} || !datum.hedged)"
    return [status_param, hedged_param], expr


def _claim_marks(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Merge identical figure marks: one row per key with counts and one example for the tooltip."""
    grouped = df.groupby(keys, sort=True, dropna=False)
    out = grouped.agg(
        n_claims=("low", "size"),
        n_docs=("doc_id", "nunique"),
        n_sources=("source", "nunique"),
        example_source=("source", "first"),
        number_text=("number_text", "first"),
        qualifier=("qualifier", "first"),
        sentence=("sentence", "first"),
        title=("title", "first"),
        doc_id=("doc_id", "first"),
        first_published=("published", "min"),
    ).reset_index()
    return out


def _finish_marks(marks: pd.DataFrame) -> pd.DataFrame:
    """JSON-friendly columns: ints, trimmed sentences, ISO date strings, figure label."""
    marks = marks.copy()
    marks["low"] = marks["low"].round().astype("int64")
    marks["high"] = marks["high"].round().astype("int64")
    marks["figure"] = _figure_label(marks["low"], marks["high"])
    marks["sentence"] = _shorten(marks["sentence"])
    for col in ("number_text", "qualifier", "title", "doc_id", "example_source"):
        marks[col] = _clean_text(marks[col])
    marks["first_published"] = _date_str(marks["first_published"])
    return marks


def _figure_tooltips(extra: Sequence[alt.Tooltip] = ()) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("source:N", title="source"),
        alt.Tooltip("number_text:N", title="as written"),
        alt.Tooltip("low:Q", format=",d"),
        alt.Tooltip("high:Q", format=",d"),
        alt.Tooltip("status:N"),
        alt.Tooltip("qualifier:N"),
        alt.Tooltip("hedged:N"),
        alt.Tooltip("n_claims:Q", title="claims with this figure"),
        *extra,
        alt.Tooltip("sentence:N", title="example sentence"),
        alt.Tooltip("title:N", title="article"),
        alt.Tooltip("doc_id:N"),
        alt.Tooltip("first_published:N", title="published (first)"),
    ]


def _range_layers(base: alt.Chart, pos: str, low: alt.PositionFieldDef, high_field: str, size: Any) -> list[alt.Chart]:
    """Rule from low to high (dashed when hedged) plus points at both ends (hollow when hedged)."""
    dash = alt.StrokeDash(
        "hedged:N",
        scale=alt.Scale(domain=[False, True], range=[[1, 0], [5, 3]]),
        legend=alt.Legend(
            title="hedged",
            labelExpr="datum.value ? 'yes (dashed, hollow)' : 'no'",
            symbolType="stroke",
            symbolStrokeWidth=2,
            symbolSize=400,
            symbolStrokeColor="#555555",
        ),
    )
    color = alt.Color("status:N", scale=status_scale(), legend=alt.Legend(title="status"))
    hollow = alt.condition("datum.hedged", alt.value(0), alt.value(1))
    pos2 = {"x2": alt.X2(high_field)} if pos == "x" else {"y2": alt.Y2(high_field)}
    rule = base.mark_rule().encode(**{pos: low}, **pos2, color=color, strokeDash=dash)
    hi = alt.X(high_field, type="quantitative") if pos == "x" else alt.Y(high_field, type="quantitative")
    points = [
        base.mark_point(filled=True, strokeWidth=2, opacity=1, stroke=None).encode(
            **{pos: enc},
            color=color,
            stroke=alt.Stroke("status:N", scale=status_scale(), legend=None),
            fillOpacity=hollow,
            size=size,
        )
        for enc in (low, hi)
    ]
    return [rule, *points]


def _status_slots(marks: pd.DataFrame) -> pd.Series:
    """Vertical slot per status within a source row, centred (-2..2): a lone status sits on the label.

    A quantitative pixel offset (not a nominal yOffset) keeps the theme's per-source step height.
    """
    rank = marks["status"].map(STATUS_ORDER.index)
    dense = rank.groupby(marks["source"]).rank(method="dense") - 1
    k = rank.groupby(marks["source"]).transform("nunique")
    return (dense - (k - 1) / 2).clip(-2, 2).astype(float)


def _size_encoding(marks: pd.DataFrame) -> Any:
    """Point size by repetition only when some figure is repeated (a constant legend is noise)."""
    if marks.empty or marks["n_claims"].max() <= 1:
        return alt.Undefined  # the theme's point size
    top = int(marks["n_claims"].max())
    values = sorted({1, max(1, top // 2), top})
    return alt.Size(
        "n_claims:Q",
        scale=alt.Scale(domain=[1, max(top, 4)]),  # range from the theme (config.scale min/maxSize)
        legend=alt.Legend(
            title="claims",
            values=values,
            format=",d",
            symbolFillColor="#888888",
            symbolStrokeColor="#888888",
        ),
    )


# --------------------------------------------------------------------------- 1. by source


def estimates_by_source(
    claims: pd.DataFrame,
    *,
    interactive: bool = True,
    log_scale: bool = True,
    max_sources: int = 25,
    title: str = "Reported North Korean deployment figures, by source",
) -> alt.LayerChart | alt.Chart:
    """Deployment figures per source as low–high ranges, coloured by status.

    Identical (source, status, low, high, hedged) marks are merged (``n_claims``); sources beyond
    ``max_sources`` are pooled as "(other sources)". With ``interactive`` a status dropdown and a
    "hide hedged" checkbox (params in ``PARAM_NAMES``) filter the marks in plain HTML.
    """
    df = _deployment(_prepare_claims(claims), positive=log_scale)
    if df.empty:
        return _empty_chart(title, "no deployment figures")
    n_claims, n_docs = len(df), df["doc_id"].nunique()
    n_sources = df["source"].nunique()
    df = df.assign(source=_top(df["source"], max_sources, OTHER_SOURCES)[0])
    _, order = _top(df["source"], max_sources + 1, OTHER_SOURCES)
    if OTHER_SOURCES in order:  # the pooled bucket always goes last
        order = [s for s in order if s != OTHER_SOURCES] + [OTHER_SOURCES]
    keys = ["source", "status", "low", "high", "hedged"]
    marks, dropped = _cap_rows(_claim_marks(df, keys), MAX_MARKS, "n_claims", keys)
    marks = _finish_marks(marks)
    marks["slot"] = _status_slots(marks)

    x_scale, x_axis = _personnel_scale(marks["low"], marks["high"], log_scale)
    x = alt.X("low:Q", scale=x_scale, axis=x_axis, title="personnel" + (" (log scale)" if log_scale else ""))
    base = alt.Chart().encode(
        y=alt.Y("source:N", sort=order, title=None),
        yOffset=alt.YOffset("slot:Q", scale=alt.Scale(domain=[-2, 2], range=[-16, 16])),
        tooltip=_figure_tooltips(),
    )
    layers = _range_layers(base, "x", x, "high:Q", _size_encoding(marks))
    subtitle = [
        f"{_plural(n_claims, 'deployment figure')} from {_plural(n_sources, 'source')}"
        f" in {_plural(n_docs, 'document')}; ranges run from low to high estimate",
        f"showing the {MAX_MARKS:,} most repeated figures ({dropped:,} omitted)" if dropped else "",
    ]
    chart = alt.layer(*layers, data=marks).properties(title=_title(title, subtitle))
    if interactive:
        params, expr = _status_params("estimates_by_source", STATUS_ORDER)
        chart = chart.add_params(*params).transform_filter(expr)
    return chart


# --------------------------------------------------------------------------- 2. over time


def estimates_over_time(
    claims: pd.DataFrame,
    *,
    interactive: bool = True,
    log_scale: bool = True,
    title: str = "Reported deployment figures over time",
) -> alt.LayerChart | alt.Chart:
    """Deployment figures by article publication date (low–high ranges, coloured by status).

    Claims without a publication date are left out and counted in the subtitle. Marks are merged
    per (day, status, low, high, hedged).
    """
    df = _deployment(_prepare_claims(claims), positive=log_scale)
    if df.empty:
        return _empty_chart(title, "no deployment figures")
    undated = int(df["published"].isna().sum())
    df = df[df["published"].notna()]
    if df.empty:
        return _empty_chart(title, f"none of the {_plural(undated, 'figure')} has a publication date")
    df = df.assign(day=df["published"].dt.floor("D"))
    keys = ["day", "status", "low", "high", "hedged"]
    marks, dropped = _cap_rows(_claim_marks(df, keys), MAX_MARKS, "n_claims", keys)
    marks = _finish_marks(marks).rename(columns={"example_source": "source"})
    marks["day"] = _date_str(marks["day"])

    y_scale, y_axis = _personnel_scale(marks["low"], marks["high"], log_scale)
    y = alt.Y("low:Q", scale=y_scale, axis=y_axis, title="personnel" + (" (log scale)" if log_scale else ""))
    base = alt.Chart().encode(
        x=alt.X(
            "day:T",
            title="article published",
            scale=alt.Scale(type="utc", padding=16),
            axis=alt.Axis(format="%d %b %Y", labelAngle=0, labelOverlap=True),
        ),
        tooltip=_figure_tooltips([alt.Tooltip("n_sources:Q", title="sources"), alt.Tooltip("day:N")]),
    )
    layers = _range_layers(base, "y", y, "high:Q", _size_encoding(marks))
    subtitle = [
        f"{_plural(len(df), 'dated deployment figure')}; "
        + (f"{_plural(undated, 'figure')} without a publication date omitted" if undated else "all dated"),
        f"showing the {MAX_MARKS:,} most repeated marks ({dropped:,} omitted)" if dropped else "",
    ]
    chart = alt.layer(*layers, data=marks).properties(title=_title(title, subtitle))
    if interactive:
        params, expr = _status_params("estimates_over_time", STATUS_ORDER)
        chart = chart.add_params(*params).transform_filter(expr)
    return chart


# --------------------------------------------------------------------------- 3. status split


def status_split(
    claims: pd.DataFrame,
    *,
    log_scale: bool = True,
    title: str = "Deployment figures by status: reported range",
) -> alt.LayerChart | alt.Chart:
    """Per status (sent/training/expected/front/unknown): min low – max high, claims and sources.

    Ticks mark each distinct figure reported for that status, so clusters inside the range show.
    """
    df = _deployment(_prepare_claims(claims), positive=log_scale)
    if df.empty:
        return _empty_chart(title, "no deployment figures")
    summary = (
        df.groupby("status", sort=False)
        .agg(
            min_low=("low", "min"),
            max_high=("high", "max"),
            n_claims=("low", "size"),
            n_sources=("source", "nunique"),
            n_docs=("doc_id", "nunique"),
        )
        .reset_index()
    )
    summary["min_low"] = summary["min_low"].round().astype("int64")
    summary["max_high"] = summary["max_high"].round().astype("int64")
    summary["range"] = _figure_label(summary["min_low"], summary["max_high"])
    summary["label"] = [
        f"{_plural(int(c), 'claim')} · {_plural(int(s), 'source')}"
        for c, s in zip(summary["n_claims"], summary["n_sources"], strict=True)
    ]
    summary["order"] = summary["status"].map(STATUS_ORDER.index)
    summary = summary.sort_values("order").drop(columns="order").reset_index(drop=True)
    statuses = list(summary["status"])

    values = pd.concat([df[["status", "low"]], df[["status", "high"]].rename(columns={"high": "low"})])
    ticks = values.groupby(["status", "low"], sort=True).size().rename("n_claims").reset_index()
    ticks, _ = _cap_rows(ticks, MAX_MARKS, "n_claims", ["status", "low"])
    ticks = ticks.rename(columns={"low": "figure"})
    ticks["figure"] = ticks["figure"].round().astype("int64")

    x_scale, x_axis = _personnel_scale(summary["min_low"], summary["max_high"] * 3, log_scale)
    y = alt.Y("status:N", sort=statuses, title=None)
    color = alt.Color("status:N", scale=status_scale(), legend=None)
    tip = [
        alt.Tooltip("status:N"),
        alt.Tooltip("range:N", title="reported range"),
        alt.Tooltip("n_claims:Q", title="claims", format=",d"),
        alt.Tooltip("n_sources:Q", title="distinct sources", format=",d"),
        alt.Tooltip("n_docs:Q", title="documents", format=",d"),
    ]
    bars = (
        alt.Chart(summary)
        .mark_bar(opacity=0.35, height={"band": 0.6})
        .encode(
            y=y,
            x=alt.X(
                "min_low:Q",
                scale=x_scale,
                axis=x_axis,
                title="personnel" + (" (log scale)" if log_scale else ""),
            ),
            x2="max_high:Q",
            color=color,
            tooltip=tip,
        )
    )
    tick_marks = (
        alt.Chart(ticks)
        .mark_tick(thickness=3, opacity=0.9)
        .encode(
            y=y,
            x=alt.X("figure:Q"),
            color=color,
            tooltip=[
                alt.Tooltip("status:N"),
                alt.Tooltip("figure:Q", format=",d"),
                alt.Tooltip("n_claims:Q", title="claims citing this bound"),
            ],
        )
    )
    labels = (
        alt.Chart(summary)
        .mark_text(align="left", dx=8, color="#333333")
        .encode(y=y, x=alt.X("max_high:Q"), text=alt.Text("label:N"), tooltip=tip)
    )
    subtitle = [
        f"{_plural(len(df), 'deployment figure')}; bar = lowest to highest figure reported, ticks = each figure",
    ]
    return alt.layer(bars, tick_marks, labels).properties(title=_title(title, subtitle))


# --------------------------------------------------------------------------- 4. source x figure


def source_figure_matrix(
    claims: pd.DataFrame,
    *,
    category: str | None = "deployment",
    max_sources: int = 25,
    max_figures: int = 30,
    title: str = "Who says what: sources × reported figures",
) -> alt.LayerChart | alt.Chart:
    """Heat matrix of claim counts, source (rows) × normalised figure label (columns, ascending)."""
    df = _prepare_claims(claims)
    df = df[df["low"].notna()]
    if category is not None:
        df = df[df["category"] == category]
    if df.empty:
        return _empty_chart(title)
    df = df.assign(figure=_figure_label(df["low"], df["high"]))
    df = df.assign(source=_top(df["source"], max_sources, OTHER_SOURCES)[0])
    _, src_order = _top(df["source"], max_sources + 1, OTHER_SOURCES)
    src_order = [s for s in src_order if s != OTHER_SOURCES] + ([OTHER_SOURCES] if OTHER_SOURCES in src_order else [])
    other_fig = "(other figures)"
    fig_counts = df.groupby(["figure", "low", "high"]).size().rename("n").reset_index()
    top_figs = fig_counts.sort_values(["n", "low", "high"], ascending=[False, True, True]).head(max_figures)
    fig_order = list(top_figs.sort_values(["low", "high"])["figure"])
    if len(fig_counts) > max_figures:
        df = df.assign(figure=df["figure"].where(df["figure"].isin(fig_order), other_fig))
        fig_order.append(other_fig)
    cells = (
        df.groupby(["source", "figure"], sort=True)
        .agg(
            n_claims=("low", "size"),
            n_docs=("doc_id", "nunique"),
            statuses=("status", lambda s: ", ".join(x for x in STATUS_ORDER if x in set(s))),
            sentence=("sentence", "first"),
            title=("title", "first"),
        )
        .reset_index()
    )
    cells["sentence"] = _shorten(cells["sentence"])
    cells["title"] = _clean_text(cells["title"])
    half = max(1, cells["n_claims"].max()) / 2
    base = alt.Chart(cells).encode(
        x=alt.X("figure:N", sort=fig_order, title="reported figure", axis=alt.Axis(labelAngle=-40)),
        y=alt.Y("source:N", sort=src_order, title=None),
    )
    rect = base.mark_rect(stroke="#FFFFFF", strokeWidth=1).encode(
        color=alt.Color(
            "n_claims:Q",
            scale=alt.Scale(scheme="blues", zero=True, domainMin=0),
            legend=alt.Legend(title="claims", format=",d", values=_count_ticks(int(cells["n_claims"].max()))),
        ),
        tooltip=[
            alt.Tooltip("source:N"),
            alt.Tooltip("figure:N"),
            alt.Tooltip("n_claims:Q", title="claims", format=",d"),
            alt.Tooltip("n_docs:Q", title="documents", format=",d"),
            alt.Tooltip("statuses:N"),
            alt.Tooltip("sentence:N", title="example sentence"),
            alt.Tooltip("title:N", title="article"),
        ],
    )
    text = base.mark_text().encode(
        text=alt.Text("n_claims:Q", format=",d"),
        color=alt.condition(f"datum.n_claims > {half}", alt.value("#FFFFFF"), alt.value("#222222")),
    )
    what = f"{category} figures" if category else "figures"
    subtitle = [f"{_plural(len(df), 'claim')}: {what}; cell = number of claims"]
    return alt.layer(rect, text).properties(title=_title(title, subtitle))


def _count_ticks(top: int) -> list[int]:
    """Whole-number legend ticks (gradient legends otherwise print 0, 1, 1, 2, 2 for small counts)."""
    if top <= 5:
        return list(range(0, max(top, 1) + 1))
    base = max(1, 10 ** (math.floor(math.log10(top)) - 1))
    step = next(m * base for m in (1, 2, 5, 10, 20, 50) if top / (m * base) <= 5)
    return list(range(0, top + 1, step))


# --------------------------------------------------------------------------- 5. source types


def _country_colors(order: Sequence[str]) -> list[str]:
    """Fixed colours for the usual countries; spare palette entries for the rest."""
    spare = [c for c in [*CATEGORY_PALETTE, "#8C6D31", "#393B79", "#637939"] if c not in COUNTRY_COLORS.values()]
    out, i = [], 0
    for name in order:
        if name in COUNTRY_COLORS:
            out.append(COUNTRY_COLORS[name])
        elif name.startswith("("):
            out.append("#CFCFCF")
        else:
            out.append(spare[i % len(spare)])
            i += 1
    return out


def source_types(
    claims: pd.DataFrame,
    *,
    category: str | None = None,
    max_types: int = 12,
    max_countries: int = 8,
    title: str = "Who the figures come from: source type and country",
) -> alt.Chart:
    """Stacked bars: claims per source type, split by source country (fixed colours per country)."""
    df = _prepare_claims(claims)
    if category is not None:
        df = df[df["category"] == category]
    if df.empty:
        return _empty_chart(title)
    own = df["source"] == OWN_VOICE
    stype = _label(df["source_type"], "(unknown type)")
    stype = stype.where(~own | _clean_text(df["source_type"]).notna(), OWN_VOICE)
    country = _label(df["source_country"], "(unknown country)")
    stype, type_order = _top(stype, max_types, "(other types)")
    country, country_order = _top(country, max_countries, "(other countries)")
    country_order = sorted(country_order, key=lambda c: c.startswith("("))  # buckets last (stable)
    df = df.assign(source_type=stype, source_country=country)
    bars = (
        df.groupby(["source_type", "source_country"], sort=True)
        .agg(n_claims=("low", "size"), n_sources=("source", "nunique"), example_source=("source", "first"))
        .reset_index()
    )
    bars["country_rank"] = bars["source_country"].map(country_order.index)
    return (
        alt.Chart(bars)
        .mark_bar(width={"band": 0.88})
        .encode(
            y=alt.Y("source_type:N", sort=type_order, title=None),
            x=alt.X("n_claims:Q", title="claims", axis=alt.Axis(format=",d", tickMinStep=1)),
            color=alt.Color(
                "source_country:N",
                scale=alt.Scale(domain=country_order, range=_country_colors(country_order)),
                legend=alt.Legend(title="source country"),
                sort=country_order,
            ),
            order=alt.Order("country_rank:Q"),
            tooltip=[
                alt.Tooltip("source_type:N", title="source type"),
                alt.Tooltip("source_country:N", title="country"),
                alt.Tooltip("n_claims:Q", title="claims", format=",d"),
                alt.Tooltip("n_sources:Q", title="distinct sources", format=",d"),
                alt.Tooltip("example_source:N", title="e.g."),
            ],
        )
        .properties(title=_title(title, [f"{_plural(len(df), 'claim')}" + (f" ({category})" if category else "")]))
    )


# --------------------------------------------------------------------------- 6. relay chains


def relay_chains(
    claims: pd.DataFrame,
    *,
    max_pairs: int = 30,
    title: str = "Relayed figures: who passed on whose numbers",
) -> alt.LayerChart | alt.Chart:
    """Bipartite chart, ``via`` (left) → credited ``source`` (right); line width = claims relayed."""
    df = _prepare_claims(claims)
    df = df.assign(via=_clean_text(df["via"]))
    df = df[df["via"].notna()]
    if df.empty:
        note = "no relayed figures" if claims is not None and len(claims) else NO_DATA
        return _empty_chart(title, note)
    pairs = (
        df.groupby(["via", "source"], sort=True)
        .agg(
            n_claims=("via", "size"),
            n_docs=("doc_id", "nunique"),
            sentence=("sentence", "first"),
            title=("title", "first"),
        )
        .reset_index()
    )
    pairs, dropped = _cap_rows(pairs, max_pairs, "n_claims", ["via", "source"])
    # figures relayed per kept pair, ascending, computed after capping (cheap on big ledgers)
    figs = df[df["low"].notna()].merge(pairs[["via", "source"]], on=["via", "source"])
    figs = figs.drop_duplicates(["via", "source", "low", "high"]).sort_values(["low", "high"], kind="mergesort")
    figs = figs.assign(figure=_figure_label(figs["low"], figs["high"]))
    joined = figs.groupby(["via", "source"])["figure"].agg(lambda f: ", ".join(f.head(6)))
    pairs = pairs.merge(joined.rename("figures").reset_index(), on=["via", "source"], how="left")
    pairs["sentence"] = _shorten(pairs["sentence"])
    pairs["title"] = _clean_text(pairs["title"])

    def ranked(col: str) -> list[str]:
        tot = pairs.groupby(col)["n_claims"].sum()
        return [k for k, _ in sorted(tot.items(), key=lambda kv: (-kv[1], str(kv[0])))]

    via_order, src_order = ranked("via"), ranked("source")
    rows = max(len(via_order), len(src_order))

    def spread(n: int) -> list[float]:  # centre the shorter column against the longer one
        return [i + (rows - n) / 2 for i in range(n)]

    via_pos = dict(zip(via_order, spread(len(via_order)), strict=True))
    src_pos = dict(zip(src_order, spread(len(src_order)), strict=True))
    pairs["via_y"] = pairs["via"].map(via_pos)
    pairs["source_y"] = pairs["source"].map(src_pos)
    pairs["x0"], pairs["x1"] = 0, 1
    nodes = pd.DataFrame(
        [
            {"name": n, "side": "via", "x": 0, "y": via_pos[n], "n_claims": int(t)}
            for n, t in pairs.groupby("via")["n_claims"].sum().items()
        ]
        + [
            {"name": n, "side": "source", "x": 1, "y": src_pos[n], "n_claims": int(t)}
            for n, t in pairs.groupby("source")["n_claims"].sum().items()
        ]
    )
    y_scale = alt.Scale(domain=[-0.6, rows - 0.4], reverse=True)
    x_axis = alt.Axis(
        values=[0, 1],
        labelExpr="datum.value == 0 ? 'via (relayed from)' : 'credited source'",
        orient="top",
        grid=False,
        domain=False,
        ticks=False,
        labelFontWeight="bold",
        labelAlign="center",
        title=None,
    )
    x_scale = alt.Scale(domain=[-0.3, 1.3])  # room for the node labels inside the view
    edges = (
        alt.Chart(pairs)
        .mark_rule(color="#6F8FAF", opacity=0.7, strokeCap="round")
        .encode(
            x=alt.X("x0:Q", scale=x_scale, axis=x_axis),
            x2="x1:Q",
            y=alt.Y("via_y:Q", scale=y_scale, axis=None),
            y2="source_y:Q",
            strokeWidth=alt.StrokeWidth("n_claims:Q", scale=alt.Scale(range=[1.5, 9]), legend=None),
            tooltip=[
                alt.Tooltip("via:N"),
                alt.Tooltip("source:N"),
                alt.Tooltip("n_claims:Q", title="claims", format=",d"),
                alt.Tooltip("n_docs:Q", title="documents", format=",d"),
                alt.Tooltip("figures:N"),
                alt.Tooltip("sentence:N", title="example sentence"),
                alt.Tooltip("title:N", title="article"),
            ],
        )
    )
    node_base = alt.Chart(nodes).encode(
        x=alt.X("x:Q", scale=x_scale, axis=x_axis),
        y=alt.Y("y:Q", scale=y_scale, axis=None),
        tooltip=[alt.Tooltip("name:N"), alt.Tooltip("side:N"), alt.Tooltip("n_claims:Q", title="claims")],
    )
    dots = node_base.mark_circle(size=110, color="#34495E", opacity=1)
    left = node_base.transform_filter("datum.side == 'via'").mark_text(align="right", dx=-12)
    right = node_base.transform_filter("datum.side == 'source'").mark_text(align="left", dx=12)
    layer = alt.layer(edges, dots, left.encode(text="name:N"), right.encode(text="name:N")).properties(
        title=_title(
            title,
            [
                f"{_plural(len(df), 'relayed claim')}; left = actor relayed from (via),"
                " right = source credited in the article; line width = claims",
                f"top {max_pairs} pairs shown ({dropped} omitted)" if dropped else "",
            ],
        )
    )
    if rows > 12:  # keep ~24px per row; otherwise the theme's view height applies
        layer = layer.properties(height=24 * rows)
    return layer


# --------------------------------------------------------------------------- 7. stances


def stance_matrix(
    stances: pd.DataFrame,
    *,
    max_actors: int = 30,
    title: str = "Who confirms, expects or denies the deployment",
) -> alt.LayerChart | alt.Chart:
    """Actor × stance matrix of statement counts; denials in red, actors by number of statements."""
    df = _ensure_columns(stances, ["doc_id", "actor", "actor_country", "stance", "sentence", "title"])
    df["stance"] = _clean_text(df["stance"]).str.lower()
    known = df["stance"].isin(STANCE_ORDER)
    unknown = int((~known & df["stance"].notna()).sum())
    df = df[known]
    if df.empty:
        return _empty_chart(title)
    other = "(other actors)"
    actor = _label(df["actor"], "(unnamed)")
    df = df.assign(actor=_top(actor, max_actors, other)[0], doc_id=_clean_text(df["doc_id"]))
    _, order = _top(df["actor"], max_actors + 1, other)
    order = [a for a in order if a != other] + ([other] if other in order else [])
    cells = (
        df.groupby(["actor", "stance"], sort=True)
        .agg(
            n_statements=("stance", "size"),
            n_docs=("doc_id", "nunique"),
            actor_country=("actor_country", "first"),
            sentence=("sentence", "first"),
            title=("title", "first"),
        )
        .reset_index()
    )
    cells["sentence"] = _shorten(cells["sentence"])
    for col in ("actor_country", "title"):
        cells[col] = _clean_text(cells[col])
    base = alt.Chart(cells).encode(
        x=alt.X(
            "stance:N",
            sort=STANCE_ORDER,
            scale=alt.Scale(domain=STANCE_ORDER),
            title=None,
            # bottom axis: two-line labels ("cannot / confirm") grow away from the cells
            axis=alt.Axis(labelAngle=0, labelExpr="split(datum.value, '_')"),
        ),
        y=alt.Y("actor:N", sort=order, title=None),
    )
    rect = base.mark_rect(stroke="#FFFFFF", strokeWidth=2, cornerRadius=2).encode(
        color=alt.Color(
            "stance:N",
            scale=stance_scale(),
            legend=None,
        ),
        tooltip=[
            alt.Tooltip("actor:N"),
            alt.Tooltip("actor_country:N", title="country"),
            alt.Tooltip("stance:N"),
            alt.Tooltip("n_statements:Q", title="statements", format=",d"),
            alt.Tooltip("n_docs:Q", title="documents", format=",d"),
            alt.Tooltip("sentence:N", title="example sentence"),
            alt.Tooltip("title:N", title="article"),
        ],
    )
    text = base.mark_text(fontWeight="bold").encode(
        text=alt.Text("n_statements:Q", format=",d"),
        color=alt.condition(
            "datum.stance == 'denies' || datum.stance == 'confirms'",
            alt.value("#FFFFFF"),
            alt.value("#222222"),
        ),
    )
    n_den = int((df["stance"] == "denies").sum())
    subtitle = [
        f"{_plural(len(df), 'statement')} by {_plural(df['actor'].nunique(), 'actor')};"
        f" {_plural(n_den, 'denial')} (red); number = statements",
        f"{_plural(unknown, 'statement')} with an unrecognised stance omitted" if unknown else "",
    ]
    # 100px columns fit two-line stance labels at slide font sizes too
    return alt.layer(rect, text).properties(title=_title(title, subtitle), width=alt.Step(100))


# --------------------------------------------------------------------------- 8. map


def _subset_topology(
    topology: dict,
    feature: str,
    lon: tuple[float, float] = (0.0, 180.0),
    lat: tuple[float, float] = (10.0, 85.0),
) -> dict:
    """Keep only ``feature`` geometries with a vertex in the lon/lat box and the arcs they use.

    A world topology is ~0.75 MB; the subset keeps the map spec small in notebooks and briefings.
    Anything unexpected returns the input untouched (the map still renders, just bigger).
    """
    try:
        arcs = topology["arcs"]
        geoms = topology["objects"][feature]["geometries"]
        lengths = np.fromiter((len(a) for a in arcs), dtype=np.int64, count=len(arcs))
        if lengths.sum() == 0:
            return topology
        pts = np.array([p[:2] for a in arcs for p in a], dtype=float)
        tr = topology.get("transform")
        if tr:  # quantised: delta-encoded per arc
            starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
            csum = np.cumsum(pts, axis=0)
            offset = np.repeat(csum[starts] - pts[starts], lengths, axis=0)
            pts = (csum - offset) * np.asarray(tr["scale"], dtype=float) + np.asarray(tr["translate"], dtype=float)
        inside = (pts[:, 0] >= lon[0]) & (pts[:, 0] <= lon[1]) & (pts[:, 1] >= lat[0]) & (pts[:, 1] <= lat[1])
        arc_in = np.bincount(np.repeat(np.arange(len(arcs)), lengths), weights=inside, minlength=len(arcs)) > 0

        def refs(node: Any) -> Iterable[int]:
            if isinstance(node, int):
                yield node
            elif isinstance(node, list):
                for item in node:
                    yield from refs(item)

        def geom_arcs(g: dict) -> list[int]:
            if g.get("type") == "GeometryCollection":
                return [i for sub in g.get("geometries", []) for i in geom_arcs(sub)]
            return list(refs(g.get("arcs", [])))

        kept = [g for g in geoms if any(arc_in[i if i >= 0 else ~i] for i in geom_arcs(g))]
        used = sorted({i if i >= 0 else ~i for g in kept for i in geom_arcs(g)})
        remap = {old: new for new, old in enumerate(used)}

        def rewrite(node: Any) -> Any:
            if isinstance(node, int):
                return remap[node] if node >= 0 else ~remap[~node]
            return [rewrite(item) for item in node]

        def rewrite_geom(g: dict) -> dict:
            out = {k: v for k, v in g.items() if k not in ("arcs", "geometries")}
            if "arcs" in g:
                out["arcs"] = rewrite(g["arcs"])
            if "geometries" in g:
                out["geometries"] = [rewrite_geom(s) for s in g["geometries"]]
            return out

        subset: dict[str, Any] = {
            "type": "Topology",
            "objects": {feature: {"type": "GeometryCollection", "geometries": [rewrite_geom(g) for g in kept]}},
            "arcs": [arcs[i] for i in used],
        }
        if tr:
            subset["transform"] = tr
        return subset
    except (KeyError, TypeError, ValueError, IndexError):
        return topology


def _fit_region(lon: tuple[float, float], lat: tuple[float, float]) -> dict:
    """MultiPoint outline of the lon/lat box: projections fit to it regardless of ring winding."""
    lons = np.linspace(lon[0], lon[1], 14)
    lats = np.linspace(lat[0], lat[1], 5)
    coords = [[float(x), lat[0]] for x in lons] + [[float(x), lat[1]] for x in lons]
    coords += [[lon[0], float(y)] for y in lats] + [[lon[1], float(y)] for y in lats]
    return {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": coords}}


def _prepare_places(places: pd.DataFrame | None) -> tuple[pd.DataFrame, int]:
    """One row per place (summed over documents) with coordinates; returns (rows, ungeocoded count)."""
    df = _ensure_columns(places, ["doc_id", "place", "kind", "country", "lat", "lon", "mentions", "claims"])
    df["place"] = _clean_text(df["place"])
    df = df[df["place"].notna()]
    df["lat"] = pd.to_numeric(df["lat"], errors="coerce")
    df["lon"] = pd.to_numeric(df["lon"], errors="coerce")
    df["mentions"] = pd.to_numeric(df["mentions"], errors="coerce").fillna(1)
    df["claims"] = pd.to_numeric(df["claims"], errors="coerce").fillna(0)
    located = df["lat"].between(-90, 90) & df["lon"].between(-180, 180)
    missing = int(df.loc[~located, "place"].nunique())
    df = df[located]
    df = df.assign(kind=_label(df["kind"], "place"), country=_clean_text(df["country"]))
    agg = (
        df.groupby(["place", "kind"], sort=True)
        .agg(
            country=("country", "first"),
            lat=("lat", "first"),
            lon=("lon", "first"),
            mentions=("mentions", "sum"),
            claims=("claims", "sum"),
            n_docs=("doc_id", "nunique"),
        )
        .reset_index()
    )
    agg["mentions"] = agg["mentions"].round().astype("int64")
    agg["claims"] = agg["claims"].round().astype("int64")
    return agg, missing


def places_map(
    places: pd.DataFrame,
    topology: dict,
    feature: str = "countries",
    *,
    size_by: Literal["mentions", "claims"] = "mentions",
    label_top: int = 6,
    subset: bool = True,
    lon: tuple[float, float] = (20.0, 145.0),
    lat: tuple[float, float] = (30.0, 70.0),
    title: str = "Places named in the reporting",
) -> alt.LayerChart:
    """Map from Europe to the Koreas: countries from an inline TopoJSON dict, places as circles.

    Russia, Ukraine and the two Koreas are shaded; circles are sized by ``size_by``; Kursk, Bryansk
    and Donetsk are always labelled (at their geocoded position if present, else a fixed one), plus
    the ``label_top`` most-mentioned places. ``topology`` must be a dict (``alt.topo_feature`` URLs
    render empty in vl-convert); ``subset`` drops geometries far outside the view to shrink the spec.
    """
    if size_by not in ("mentions", "claims"):
        raise ValueError("size_by must be 'mentions' or 'claims'")
    topo = _subset_topology(topology, feature) if subset else topology
    data = alt.Data(values=topo, format=alt.DataFormat(type="topojson", feature=feature))
    projection: dict[str, Any] = {
        "type": "conicConformal",
        "rotate": [-_MAP_ROTATE, 0, 0],
        "parallels": list(_MAP_PARALLELS),
        "fit": _fit_region(lon, lat),
    }
    shade_lookup = pd.DataFrame({"name": list(_SHADED_COUNTRIES), "shade": list(_SHADED_COUNTRIES.values())})
    countries = (
        alt.Chart(data)
        .mark_geoshape(stroke="#FFFFFF", strokeWidth=0.6, clip=True)
        .transform_lookup(
            lookup="properties.name",
            from_=alt.LookupData(data=shade_lookup, key="name", fields=["shade"]),
            default="other",
        )
        .encode(
            color=alt.Color(
                "shade:N",
                scale=alt.Scale(domain=_SHADE_ORDER, range=_SHADE_COLORS),
                legend=alt.Legend(title=None, values=_SHADE_ORDER[:-1], orient="bottom", direction="horizontal"),
            ),
            tooltip=[alt.Tooltip("properties.name:N", title="country")],
        )
        .project(**projection)
    )
    pts, missing = _prepare_places(places)
    pts, dropped = _cap_rows(pts, MAX_MARKS, size_by, ["place", "kind"])
    size_title = "mentions" if size_by == "mentions" else "figures tied to place"
    circles = (
        alt.Chart(pts)
        .mark_circle(stroke="#FFFFFF", strokeWidth=0.8)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            # country centroids are vague: fainter so they do not outweigh cities and regions
            opacity=alt.condition("datum.kind == 'country'", alt.value(0.4), alt.value(0.8)),
            size=alt.Size(
                f"{size_by}:Q",
                scale=alt.Scale(range=[25, 700], zero=False),
                legend=alt.Legend(title=size_title, format=",d", tickMinStep=1),
            ),
            fill=alt.Fill(
                "kind:N",
                scale=alt.Scale(
                    domain=["city", "region", "country", "place"],
                    range=["#0072B2", "#009E73", "#555555", "#999999"],
                ),
                legend=alt.Legend(title="place kind"),
            ),
            tooltip=[
                alt.Tooltip("place:N"),
                alt.Tooltip("kind:N"),
                alt.Tooltip("country:N"),
                alt.Tooltip("mentions:Q", format=",d"),
                alt.Tooltip("claims:Q", title="figures tied to place", format=",d"),
                alt.Tooltip("n_docs:Q", title="documents", format=",d"),
            ],
        )
        .project(**projection)
    )
    labels = _map_labels(pts, label_top, (lon, lat))
    text_layers = [
        alt.Chart(labels)
        .transform_filter(f"datum.side == '{side}'")
        .mark_text(align=align, baseline=baseline, dx=dx, dy=dy, fontWeight="bold", **style)
        .encode(longitude="lon:Q", latitude="lat:Q", text="label:N")
        .project(**projection)
        for side, (align, baseline, dx, dy) in _LABEL_SLOTS.items()
        for style in (_LABEL_HALO, {"color": "#222222"})
    ]
    n_places = len(pts)
    subtitle = [
        f"{_plural(n_places, 'geocoded place')}; circle size = {size_title}"
        if n_places
        else f"{NO_DATA}: no geocoded places",
        f"{_plural(missing, 'place')} without coordinates not shown" if missing else "",
        f"{dropped:,} smaller places omitted" if dropped else "",
    ]
    return alt.layer(countries, circles, *text_layers).properties(title=_title(title, subtitle))


def _conic_xy(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """d3's conicConformal (rotate, parallels as in the map spec), unscaled, y pointing up."""
    phi0, phi1 = np.radians(_MAP_PARALLELS[0]), np.radians(_MAP_PARALLELS[1])

    def tany(phi: Any) -> Any:
        return np.tan((np.pi / 2 + phi) / 2)

    n = np.log(np.cos(phi0) / np.cos(phi1)) / np.log(tany(phi1) / tany(phi0))
    f = np.cos(phi0) * tany(phi0) ** n / n
    lam = np.radians(((np.asarray(lon, dtype=float) - _MAP_ROTATE + 180) % 360) - 180)
    r = f / tany(np.radians(np.asarray(lat, dtype=float))) ** n
    return r * np.sin(n * lam), f - r * np.cos(n * lam)


def _to_pixels(
    lon: np.ndarray, lat: np.ndarray, region: tuple[tuple[float, float], tuple[float, float]]
) -> tuple[np.ndarray, np.ndarray]:
    """Approximate screen pixels of the fitted map (screen theme view size) for label layout."""
    coords = np.array(_fit_region(*region)["geometry"]["coordinates"])
    fx, fy = _conic_xy(coords[:, 0], coords[:, 1])
    k = min(_LAYOUT_SIZE[0] / np.ptp(fx), _LAYOUT_SIZE[1] / np.ptp(fy))
    x, y = _conic_xy(lon, lat)
    px = (x - (fx.min() + fx.max()) / 2) * k + _LAYOUT_SIZE[0] / 2
    py = ((fy.min() + fy.max()) / 2 - y) * k + _LAYOUT_SIZE[1] / 2
    return px, py


def _label_box(px: float, py: float, text: str, side: str) -> tuple[float, float, float, float]:
    w, h = len(text) * _LAYOUT_FONT * 0.64, _LAYOUT_FONT * 1.2
    _, _, dx, dy = _LABEL_SLOTS[side]
    if side == "right":
        return px + dx, py - h / 2, px + dx + w, py + h / 2
    if side == "left":
        return px + dx - w, py - h / 2, px + dx, py + h / 2
    if side == "above":
        return px - w / 2, py + dy - h, px + w / 2, py + dy
    return px - w / 2, py + dy, px + w / 2, py + dy + h


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _map_labels(
    pts: pd.DataFrame, label_top: int, region: tuple[tuple[float, float], tuple[float, float]]
) -> pd.DataFrame:
    """Anchor labels (always) + most-mentioned places, placed greedily right/left/above/below.

    Collisions are checked in approximate pixels of the fitted projection, so nearby places
    (Kursk/Bryansk, Pyongyang/Seoul, Vladivostok/Ussuriysk) get different sides or are skipped.
    """
    cands: list[tuple[str, float, float, bool]] = []
    lower = pts["place"].str.lower() if len(pts) else pd.Series([], dtype=object)
    for name, (lat0, lon0) in ANCHOR_PLACES.items():
        hit = pts[lower.str.startswith(name.lower())] if len(pts) else pts
        if len(hit):
            best = hit.sort_values("mentions", ascending=False, kind="mergesort").iloc[0]
            lat0, lon0 = float(best["lat"]), float(best["lon"])
        cands.append((name, lat0, lon0, True))
    if len(pts):
        ranked = (
            pts[pts["kind"] != "country"]
            .sort_values(["mentions", "place"], ascending=[False, True], kind="mergesort")
            .head(max(0, label_top) * 4 + len(ANCHOR_PLACES))  # enough spares for skipped collisions
        )
        taken = [c[0].lower() for c in cands]
        for name, lat0, lon0 in zip(ranked["place"], ranked["lat"], ranked["lon"], strict=True):
            if not any(str(name).lower().startswith(t) for t in taken):
                cands.append((str(name), float(lat0), float(lon0), False))
    if not cands:
        return pd.DataFrame(columns=["label", "lat", "lon", "side"])
    px, py = _to_pixels(np.array([c[2] for c in cands]), np.array([c[1] for c in cands]), region)
    dots = [(x - 4, y - 4, x + 4, y + 4) for x, y in zip(px, py, strict=True)]
    placed: list[tuple[float, ...]] = []
    rows: list[dict[str, Any]] = []
    extra = 0
    for (name, lat0, lon0, anchor), x, y in zip(cands, px, py, strict=True):
        if not anchor and extra >= label_top:
            break
        choice = None
        for side in _LABEL_SLOTS:
            box = _label_box(x, y, name, side)
            inside = box[0] >= 0 and box[2] <= _LAYOUT_SIZE[0] and box[1] >= 0 and box[3] <= _LAYOUT_SIZE[1]
            if inside and not any(_overlaps(box, o) for o in placed + dots if o != (x - 4, y - 4, x + 4, y + 4)):
                choice = side
                break
        if choice is None and anchor:
            choice = "right"
        if choice is None:
            continue
        placed.append(_label_box(x, y, name, choice))
        rows.append({"label": name, "lat": lat0, "lon": lon0, "side": choice})
        extra += not anchor
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- 9. top counts


def top_counts(
    df: pd.DataFrame,
    column: str,
    n: int = 15,
    title: str | None = None,
    *,
    weight: str | None = None,
) -> alt.LayerChart | alt.Chart:
    """Horizontal bars of the ``n`` most frequent values of ``column`` (lists are exploded).

    ``weight`` sums a numeric column instead of counting rows (e.g. place ``mentions``).
    """
    title = title or f"Most frequent: {column}"
    frame = _ensure_columns(df, [column] + ([weight] if weight else []))
    frame = frame.explode(column) if frame[column].map(lambda v: isinstance(v, list | tuple | set)).any() else frame
    values = _clean_text(frame[column])
    w = pd.to_numeric(frame[weight], errors="coerce").fillna(0) if weight else pd.Series(1, index=frame.index)
    counted = pd.DataFrame({"value": values, "count": w}).dropna(subset=["value"])
    if counted.empty:
        return _empty_chart(title)
    totals = counted.groupby("value")["count"].sum()
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], str(kv[0])))
    top = pd.DataFrame(ranked[:n], columns=["value", "count"])
    rest = ranked[n:]
    order = list(top["value"])
    unit = weight or "rows"
    subtitle = [
        f"{_plural(len(ranked), 'distinct value')}; count = {unit}",
        f"{_plural(len(rest), 'less frequent value')} not shown ({_fmt_int(sum(c for _, c in rest))} {unit})"
        if rest
        else "",
    ]
    base = alt.Chart(top).encode(
        y=alt.Y("value:N", sort=order, title=None),
        x=alt.X("count:Q", title=unit, axis=alt.Axis(format=",d", tickMinStep=1)),
        tooltip=[alt.Tooltip("value:N", title=column), alt.Tooltip("count:Q", format=",d")],
    )
    bars = base.mark_bar(color="#0072B2")
    text = base.mark_text(align="left", dx=4, color="#333333").encode(text=alt.Text("count:Q", format=",d"))
    return alt.layer(bars, text).properties(title=_title(title, subtitle))


# --------------------------------------------------------------------------- 10. timeline


def mentions_timeline(
    articles: pd.DataFrame,
    *,
    freq: Literal["auto", "D", "W"] = "auto",
    max_outlets: int = 8,
    title: str = "Articles over time, by outlet",
) -> alt.Chart:
    """Stacked bars of articles per day or week (Sunday-start, matching Vega's week unit) by outlet.

    ``auto`` uses days for spans up to ~9 weeks, otherwise weeks.
    """
    df = _ensure_columns(articles, ["doc_id", "published", "outlet", "n_words", "title"])
    df["doc_id"] = _clean_text(df["doc_id"])
    with_id = df[df["doc_id"].notna()].drop_duplicates("doc_id")
    df = pd.concat([with_id, df[df["doc_id"].isna()]])
    df["published"] = _to_naive_utc(df["published"])
    undated = int(df["published"].isna().sum())
    df = df[df["published"].notna()]
    if df.empty:
        return _empty_chart(title, f"{_plural(undated, 'article')} without a date" if undated else NO_DATA)
    day = df["published"].dt.floor("D")
    if freq == "auto":
        freq = "D" if (day.max() - day.min()).days <= 62 else "W"
    period = day if freq == "D" else day - pd.to_timedelta((day.dt.weekday + 1) % 7, unit="D")
    outlet, order = _top(_label(df["outlet"], "(unknown outlet)"), max_outlets, "(other outlets)")
    df = df.assign(period=period, outlet=outlet, n_words=pd.to_numeric(df["n_words"], errors="coerce"))
    bars = (
        df.groupby(["period", "outlet"], sort=True)
        .agg(n_articles=("published", "size"), n_words=("n_words", "sum"), example=("title", "first"))
        .reset_index()
    )
    bars["n_words"] = bars["n_words"].round().astype("int64")
    bars["example"] = _clean_text(bars["example"])
    bars["period_label"] = ("week of " if freq == "W" else "") + bars["period"].dt.strftime("%Y-%m-%d")
    bars["period"] = _date_str(bars["period"])
    bars["outlet_rank"] = bars["outlet"].map(order.index)
    unit = "utcyearmonthdate" if freq == "D" else "utcyearweek"
    subtitle = [
        f"{_plural(len(df), 'article')} per {'day' if freq == 'D' else 'week'}",
        f"{_plural(undated, 'article')} without a publication date omitted" if undated else "",
    ]
    return (
        alt.Chart(bars)
        .mark_bar(width={"band": 0.88})
        .encode(
            x=alt.X(
                f"{unit}(period):T",
                title=None,
                axis=alt.Axis(format="%d %b %Y", labelAngle=0, labelOverlap=True),
            ),
            y=alt.Y("n_articles:Q", title="articles", axis=alt.Axis(format=",d", tickMinStep=1)),
            color=alt.Color(
                "outlet:N",
                sort=order,
                scale=alt.Scale(domain=order, range=_outlet_colors(order)),
                legend=alt.Legend(title="outlet"),
            ),
            order=alt.Order("outlet_rank:Q"),
            tooltip=[
                alt.Tooltip("period_label:N", title="period"),
                alt.Tooltip("outlet:N"),
                alt.Tooltip("n_articles:Q", title="articles"),
                alt.Tooltip("n_words:Q", title="words", format=",d"),
                alt.Tooltip("example:N", title="e.g."),
            ],
        )
        .properties(title=_title(title, subtitle))
    )


def _outlet_colors(order: Sequence[str]) -> list[str]:
    """Palette in rank order; bucket labels in parentheses are grey."""
    palette = [c for c in CATEGORY_PALETTE if c not in ("#F0E442", "#999999", "#000000")]
    palette += ["#882255", "#44AA99", "#999933", "#332288"]  # Paul Tol's muted: still CVD-safe
    out, i = [], 0
    for name in order:
        if name.startswith("("):
            out.append("#BDBDBD")
        else:
            out.append(palette[i % len(palette)])
            i += 1
    return out


# --------------------------------------------------------------------------- 11. map geometry


#: Countries kept by :func:`load_topology` by default: any with a vertex in lon -15..180, lat 10..85, which
#: covers the whole fitted view of :func:`places_map` (about lon -11..176, lat 14..80 at its corners).
THEATRE_BBOX: tuple[tuple[float, float], tuple[float, float]] = ((-15.0, 180.0), (10.0, 85.0))


@functools.cache
def _topology_text(path: str, bbox: tuple[tuple[float, float], tuple[float, float]] | None, feature: str) -> str:
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    if bbox is not None:
        topology = _subset_topology(topology, feature, lon=tuple(bbox[0]), lat=tuple(bbox[1]))
    return json.dumps(topology, separators=(",", ":"))


def load_topology(
    path: Path | str | None = None,
    *,
    bbox: tuple[tuple[float, float], tuple[float, float]] | None = THEATRE_BBOX,
    feature: str = "countries",
) -> dict:
    """The vendored country TopoJSON as a dict, ready for :func:`places_map` (a fresh copy per call).

    Defaults to :data:`DEFAULT_TOPOLOGY` (1:50m, Crimea drawn as Ukraine). ``bbox`` = ``((lon_min, lon_max),
    (lat_min, lat_max))`` keeps only the countries with a vertex inside it (whole, with their shared arcs),
    which makes the map spec about a third smaller and quicker to build; ``None`` keeps the whole world.
    The file is read and subset once per process.
    """
    key = None if bbox is None else (tuple(bbox[0]), tuple(bbox[1]))
    return json.loads(_topology_text(str(Path(path) if path is not None else DEFAULT_TOPOLOGY), key, feature))


# --------------------------------------------------------------------------- 12. words per article


def article_words(
    articles: pd.DataFrame,
    *,
    max_articles: int = 30,
    max_outlets: int = 8,
    title: str = "Article length: words per article",
) -> alt.LayerChart | alt.Chart:
    """Horizontal bars of ``n_words`` per article (longest first), coloured by outlet.

    Beyond ``max_articles`` the shortest articles are left out and counted in the subtitle.
    """
    df = _ensure_columns(articles, ["doc_id", "title", "outlet", "published", "n_words"])
    df["doc_id"] = _clean_text(df["doc_id"])
    df = df[df["doc_id"].notna()].drop_duplicates("doc_id")
    df["n_words"] = pd.to_numeric(df["n_words"], errors="coerce")
    df = df[df["n_words"].notna()]
    if df.empty:
        return _empty_chart(title)
    total, n_articles = int(df["n_words"].sum()), len(df)
    outlet, order = _top(_label(df["outlet"], "(unknown outlet)"), max_outlets, "(other outlets)")
    df = df.assign(outlet=outlet, n_words=df["n_words"].round().astype("int64"))
    df = df.sort_values(["n_words", "doc_id"], ascending=[False, True], kind="mergesort")
    shown, dropped = df.head(max(1, max_articles)), max(0, n_articles - max(1, max_articles))
    shown = shown.assign(
        title=_shorten(shown["title"], 70).fillna("(untitled)"),
        published=_date_str(_to_naive_utc(shown["published"])),
    )
    # the axis label is the (shortened) title; doc_id keeps two articles with one title apart
    twins = shown["title"].duplicated(keep=False)
    shown["article"] = shown["title"].where(~twins, shown["title"] + " · " + shown["doc_id"])
    base = alt.Chart(shown).encode(
        y=alt.Y("article:N", sort=list(shown["article"]), title=None),
        x=alt.X("n_words:Q", title="words", axis=alt.Axis(format=",d")),
        tooltip=[
            alt.Tooltip("title:N", title="article"),
            alt.Tooltip("outlet:N"),
            alt.Tooltip("published:N"),
            alt.Tooltip("n_words:Q", title="words", format=",d"),
            alt.Tooltip("doc_id:N"),
        ],
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "outlet:N",
            sort=order,
            scale=alt.Scale(domain=order, range=_outlet_colors(order)),
            legend=alt.Legend(title="outlet"),
        ),
    )
    text = base.mark_text(align="left", dx=4, color="#333333").encode(text=alt.Text("n_words:Q", format=",d"))
    subtitle = [
        f"{_plural(n_articles, 'article')}, {_fmt_int(total)} words in all (body text, without page furniture)",
        f"{_plural(dropped, 'shorter article')} not shown" if dropped else "",
    ]
    return alt.layer(bars, text).properties(title=_title(title, subtitle))


# --------------------------------------------------------------------------- 13. any category


_CATEGORY_WORDS = {"army_size": "army size"}


def _as_deployment(claims: pd.DataFrame | None, category: str | None) -> tuple[pd.DataFrame, str]:
    """Claims of ``category`` (None = all) relabelled so the deployment builders draw them.

    Only deployment figures have a status; every other figure is drawn as status "unknown" (grey).
    """
    df = _prepare_claims(claims)
    if category is not None:
        df = df[df["category"] == str(category).lower()]
    df = df.assign(status=df["status"].where(df["category"] == "deployment", "unknown"), category="deployment")
    what = "personnel" if category is None else _CATEGORY_WORDS.get(str(category), str(category))
    return df, what


def _figures_subtitle(df: pd.DataFrame, what: str, log_scale: bool, dated: bool) -> list[str]:
    usable = _deployment(df, positive=log_scale)
    if dated:
        undated = int(usable["published"].isna().sum())
        usable = usable[usable["published"].notna()]
        tail = f"; {_plural(undated, 'figure')} without a publication date omitted" if undated else ""
        return [f"{_plural(len(usable), f'dated {what} figure')}{tail}; grey = no deployment status"]
    return [
        f"{_plural(len(usable), f'{what} figure')} from {_plural(usable['source'].nunique(), 'source')}"
        f" in {_plural(usable['doc_id'].nunique(), 'document')}; ranges run from low to high estimate",
        "grey = figures that carry no deployment status",
    ]


def figures_by_source(
    claims: pd.DataFrame,
    *,
    category: str | None = "deployment",
    interactive: bool = False,
    log_scale: bool = True,
    max_sources: int = 25,
    title: str | None = None,
) -> alt.LayerChart | alt.Chart:
    """:func:`estimates_by_source` for any claim category (``None`` = every category at once).

    ``category="deployment"`` is exactly :func:`estimates_by_source`. Other categories (casualties,
    desertions, army size...) are drawn the same way in grey, since only deployments have a status.
    Used by the live explorer, whose widgets filter in Python (so ``interactive`` defaults to False).
    """
    if category == "deployment":
        kwargs = {"title": title} if title else {}
        return estimates_by_source(
            claims, interactive=interactive, log_scale=log_scale, max_sources=max_sources, **kwargs
        )
    df, what = _as_deployment(claims, category)
    title = title or f"Reported {what} figures, by source"
    if _deployment(df, positive=log_scale).empty:
        return _empty_chart(title, f"no {what} figures")
    chart = estimates_by_source(df, interactive=interactive, log_scale=log_scale, max_sources=max_sources)
    return chart.properties(title=_title(title, _figures_subtitle(df, what, log_scale, dated=False)))


def figures_over_time(
    claims: pd.DataFrame,
    *,
    category: str | None = "deployment",
    interactive: bool = False,
    log_scale: bool = True,
    title: str | None = None,
) -> alt.LayerChart | alt.Chart:
    """:func:`estimates_over_time` for any claim category (``None`` = every category); see figures_by_source."""
    if category == "deployment":
        kwargs = {"title": title} if title else {}
        return estimates_over_time(claims, interactive=interactive, log_scale=log_scale, **kwargs)
    df, what = _as_deployment(claims, category)
    title = title or f"Reported {what} figures over time"
    usable = _deployment(df, positive=log_scale)
    if usable.empty or usable["published"].isna().all():
        note = f"no {what} figures" if usable.empty else f"no {what} figure has a publication date"
        return _empty_chart(title, note)
    chart = estimates_over_time(df, interactive=interactive, log_scale=log_scale)
    return chart.properties(title=_title(title, _figures_subtitle(df, what, log_scale, dated=True)))


# --------------------------------------------------------------------------- 14. consolidated estimates


def _join_names(value: Any) -> str | None:
    """A list of names (sources, deniers) as one tooltip string; missing/empty -> None."""
    if isinstance(value, list | tuple | np.ndarray):
        names = [str(v) for v in value if isinstance(v, str) and v.strip()]
        return "; ".join(names) if names else None
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def estimate_ranges(
    estimates: pd.DataFrame,
    *,
    category: str = "deployment",
    log_scale: bool = True,
    title: str = "Consolidated estimates of North Korean troops, by status",
) -> alt.LayerChart | alt.Chart:
    """One row band per status, one low–high range per consolidated estimate (``workbench.estimates``).

    Point size = independent voices behind the estimate (a repeated briefing counts once); labels give the
    figure, the voices and "disputed" when estimates of the same status published close together disagree.
    The y axis is quantitative (one slot per estimate, a blank slot between statuses, the status named at the
    middle of its group), so every estimate gets the same height in the theme's continuous height, on screen
    and on slides.
    """
    cols = ["estimate_id", "category", "status", "low", "high", "label", "sources", "n_claims", "n_articles",
            "n_independent", "first_published", "last_published", "disputed", "denied_by"]  # fmt: skip
    df = _ensure_columns(estimates, cols)
    df["category"] = _clean_text(df["category"]).str.lower()
    df["low"] = pd.to_numeric(df["low"], errors="coerce")
    df["high"] = pd.to_numeric(df["high"], errors="coerce").fillna(df["low"])
    df = df[(df["category"] == category) & df["low"].notna()]
    if log_scale:
        df = df[df["low"] > 0]
    if df.empty:
        return _empty_chart(title, f"no {category} estimates")
    status = _clean_text(df["status"]).str.lower()
    df = df.assign(status=status.where(status.isin(STATUS_ORDER), "unknown").astype(object))
    statuses = [s for s in STATUS_ORDER if s in set(df["status"])]
    df = df.assign(status_index=df["status"].map(statuses.index))
    df = df.sort_values(["status_index", "low", "high"], kind="mergesort").reset_index(drop=True)
    df["y"] = np.arange(len(df)) + df["status_index"]  # one slot per estimate, one blank slot between statuses
    centres = df.groupby("status_index")["y"].mean()
    for col in ("n_claims", "n_articles", "n_independent"):
        df[col] = pd.to_numeric(df[col], errors="coerce").fillna(0).round().astype("int64")
    df["low"] = df["low"].round().astype("int64")
    df["high"] = df["high"].round().astype("int64")
    df["figure"] = _figure_label(df["low"], df["high"])
    df["disputed"] = _to_bool(df["disputed"])
    df["sources"] = df["sources"].map(_join_names)
    df["denied_by"] = df["denied_by"].map(_join_names)
    for col in ("first_published", "last_published"):
        df[col] = _date_str(_to_naive_utc(df[col]))
    df["tag"] = [
        f"{fig} · {_plural(int(v), 'voice')}" for fig, v in zip(df["figure"], df["n_independent"], strict=True)
    ]
    data = df[["estimate_id", "status", "y", "low", "high", "figure", "tag", "sources", "n_claims", "n_articles",
               "n_independent", "first_published", "last_published", "disputed", "denied_by"]]  # fmt: skip

    x_scale, x_axis = _personnel_scale(data["low"], data["high"] * 3, log_scale)
    label_of = {float(c): statuses[int(i)] for i, c in centres.items()}
    labels_expr = " : ".join([f"datum.value == {c!r} ? {name!r}" for c, name in label_of.items()] + ["''"])
    y = alt.Y(
        "y:Q",
        scale=alt.Scale(domain=[-0.8, float(df["y"].max()) + 0.8], reverse=True, nice=False, zero=False),
        axis=alt.Axis(values=list(label_of), labelExpr=labels_expr, grid=False, ticks=False, domain=False,
                      title=None),
    )  # fmt: skip
    color = alt.Color("status:N", scale=status_scale(), legend=None)
    top = int(data["n_independent"].max())
    size = alt.Size(
        "n_independent:Q",
        scale=alt.Scale(domain=[1, max(top, 3)]),
        legend=alt.Legend(title="independent voices", values=sorted({1, max(1, top // 2), top}), format=",d",
                          symbolFillColor="#888888", symbolStrokeColor="#888888", titleLimit=400,
                          orient="right"),
    )  # fmt: skip
    tooltip = [
        alt.Tooltip("figure:N", title="estimate"),
        alt.Tooltip("status:N"),
        alt.Tooltip("sources:N", title="held by"),
        alt.Tooltip("n_independent:Q", title="independent voices", format=",d"),
        alt.Tooltip("n_claims:Q", title="claims", format=",d"),
        alt.Tooltip("n_articles:Q", title="articles", format=",d"),
        alt.Tooltip("first_published:N", title="first published"),
        alt.Tooltip("last_published:N", title="last published"),
        alt.Tooltip("disputed:N"),
        alt.Tooltip("denied_by:N", title="denied by"),
    ]
    x = alt.X("low:Q", scale=x_scale, axis=x_axis, title="personnel" + (" (log scale)" if log_scale else ""))
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    rule = base.mark_rule(strokeCap="round").encode(x=x, x2="high:Q", color=color)
    ends = [base.mark_point(filled=True, opacity=1).encode(x=enc, color=color, size=size)
            for enc in (x, alt.X("high:Q"))]  # fmt: skip
    text = base.mark_text(align="left", baseline="middle", dx=16, color="#333333").encode(
        x=alt.X("high:Q"), text="tag:N"
    )
    n_disputed = int(data["disputed"].sum())
    subtitle = [
        f"{_plural(len(data), 'estimate')} from {_plural(int(data['n_claims'].sum()), 'claim')}"
        f" ({category}); range = low to high figure; point size = independent voices",
        f"{n_disputed:,} of {_plural(len(data), 'estimate')} disputed: another figure for the same status"
        " was published close in time (see tooltips)"
        if n_disputed
        else "no estimate disputed",
    ]
    return alt.layer(rule, *ends, text).properties(title=_title(title, subtitle))


# --------------------------------------------------------------------------- 14. the theatre map


def theatre_map(
    places: pd.DataFrame,
    topology: dict | None = None,
    *,
    size_by: Literal["mentions", "claims"] = "mentions",
    label_top: int = 6,
    title: str = "Places named in the reporting",
) -> alt.LayerChart:
    """:func:`places_map` of Europe-to-the-Koreas drawing only the places that fall inside the map.

    ``places_map`` draws every geocoded place, so Washington or an "Indo-Pacific" centroid float outside
    the map and stretch the chart; here they are left out and counted in the subtitle (the places table
    still lists them). ``topology`` defaults to :func:`load_topology`.
    """
    topology = load_topology() if topology is None else topology
    df = _ensure_columns(places, ["place", "lat", "lon"])
    lat = pd.to_numeric(df["lat"], errors="coerce")
    lon = pd.to_numeric(df["lon"], errors="coerce")
    located = lat.between(-90, 90) & lon.between(-180, 180)
    inside = pd.Series(False, index=df.index)
    if located.any():
        region = ((20.0, 145.0), (30.0, 70.0))  # places_map's default view
        px, py = _to_pixels(lon[located].to_numpy(), lat[located].to_numpy(), region)
        margin = 4.0
        inside[located] = (
            (px >= -margin) & (px <= _LAYOUT_SIZE[0] + margin) & (py >= -margin) & (py <= _LAYOUT_SIZE[1] + margin)
        )
    outside = int(_clean_text(df.loc[located & ~inside, "place"]).nunique())
    kept = df[inside | ~located]
    chart = places_map(kept, topology, size_by=size_by, label_top=label_top, title=title)
    if outside:
        old = chart.title
        subtitle = list(old.subtitle) if isinstance(old, alt.Title) and old.subtitle is not alt.Undefined else []
        subtitle.append(f"{_plural(outside, 'place')} outside this map not drawn (listed in the places table)")
        chart = chart.properties(title=_title(title, subtitle))
    return chart


# --------------------------------------------------------------------------- 15. consensus, lineage, disputes

#: Names of the parameters of the estimate views (stable: notebooks and tests refer to them).
CONSENSUS_PARAM = "consensus_status"


def _prepare_estimates(estimates: pd.DataFrame | None, category: str | None) -> pd.DataFrame:
    """Estimates with numeric low/high, a known status, naive dates; one category (``None`` = all)."""
    cols = ["estimate_id", "category", "status", "low", "high", "label", "sources", "n_claims", "n_articles",
            "n_independent", "primary_source", "first_published", "last_published", "disputed", "disputed_with",
            "denied_by"]  # fmt: skip
    df = _ensure_columns(estimates, cols)
    df["category"] = _clean_text(df["category"]).str.lower()
    df["low"] = pd.to_numeric(df["low"], errors="coerce")
    df["high"] = pd.to_numeric(df["high"], errors="coerce").fillna(df["low"])
    df = df[df["low"].notna()]
    if category is not None:
        df = df[df["category"] == category]
    status = _clean_text(df["status"]).str.lower()
    df = df.assign(status=status.where(status.isin(STATUS_ORDER), "unknown").astype(object))
    for col in ("n_claims", "n_articles", "n_independent"):
        df[col] = pd.to_numeric(df[col], errors="coerce").fillna(0).round().astype("int64")
    df["low"] = df["low"].round().astype("int64")
    df["high"] = df["high"].round().astype("int64")
    df["figure"] = _figure_label(df["low"], df["high"]) if len(df) else pd.Series(dtype=object)
    df["disputed"] = _to_bool(df["disputed"])
    df["first_published"] = _to_naive_utc(df["first_published"])
    df["last_published"] = _to_naive_utc(df["last_published"])
    return df.reset_index(drop=True)


def consensus_band(
    estimates: pd.DataFrame,
    *,
    category: str = "deployment",
    window_days: int = 21,
    log_scale: bool = True,
    title: str = "The range of live estimates as reporting advances, by status",
) -> alt.LayerChart | alt.Chart:
    """For each status, the band from the lowest to the highest estimate "live" at each publication date.

    An estimate is live from its first publication until ``window_days`` after its last repetition, so the
    band widens when a new figure appears and narrows when an old one stops being repeated. One point per
    estimate at its first publication (size = independent voices). Click a status in the legend to
    highlight it (parameter :data:`CONSENSUS_PARAM`). Undated estimates cannot be placed and are counted in
    the subtitle.
    """
    df = _prepare_estimates(estimates, category)
    if log_scale:
        df = df[df["low"] > 0]
    undated = int(df["first_published"].isna().sum())
    df = df[df["first_published"].notna()]
    if df.empty:
        return _empty_chart(title, f"no dated {category} estimates")
    df = df.assign(until=df["last_published"].fillna(df["first_published"]) + pd.Timedelta(days=window_days))
    dates = sorted(set(df["first_published"].dt.normalize()) | set(df["last_published"].dropna().dt.normalize()))
    statuses = [s for s in STATUS_ORDER if s in set(df["status"])]
    keep = max(2, MAX_MARKS // len(statuses))
    if len(dates) > keep:  # one band step per day, thinned evenly (first and last day kept)
        dates = [dates[round(i * (len(dates) - 1) / (keep - 1))] for i in range(keep)]
    df = df.assign(first_published=df["first_published"].dt.normalize())
    band_rows = []
    for status in statuses:
        mine = df[df["status"] == status]
        for day in dates:
            live = mine[(mine["first_published"] <= day) & (mine["until"] >= day)]
            if live.empty:
                continue
            band_rows.append({"status": status, "day": day, "min_low": int(live["low"].min()),
                              "max_high": int(live["high"].max()), "n_live": len(live),
                              "range": _fmt_int(live["low"].min()) + "–" + _fmt_int(live["high"].max())})  # fmt: skip
    band = pd.DataFrame(band_rows)
    band["day"] = _date_str(band["day"])
    points = df.sort_values(["first_published", "status", "low", "high"], kind="mergesort").head(MAX_MARKS)
    points = points.assign(
        day=_date_str(points["first_published"]),
        last_day=_date_str(points["last_published"]),
        sources=points["sources"].map(_join_names),
    )[["estimate_id", "status", "day", "last_day", "low", "high", "figure", "sources", "n_claims",
       "n_independent", "disputed"]]  # fmt: skip

    y_scale, y_axis = _personnel_scale(points["low"], points["high"], log_scale)
    x = alt.X("day:T", title="publication date", axis=alt.Axis(format="%d %b %Y", labelOverlap=True))
    color = alt.Color("status:N", scale=status_scale(), legend=alt.Legend(title="status (click to highlight)"))
    pick = alt.selection_point(name=CONSENSUS_PARAM, fields=["status"], bind="legend")
    fade = alt.condition(pick, alt.value(0.28), alt.value(0.05))
    area = (
        alt.Chart(band)
        .mark_area(interpolate="step-after", line=False)
        .encode(
            x=x,
            y=alt.Y("min_low:Q", scale=y_scale, axis=y_axis, title="personnel" + (" (log scale)" if log_scale else "")),
            y2="max_high:Q",
            color=color,
            opacity=fade,
            tooltip=[alt.Tooltip("status:N"), alt.Tooltip("day:T", title="as of", format="%d %b %Y"),
                     alt.Tooltip("range:N", title="live range"),
                     alt.Tooltip("n_live:Q", title="live estimates", format=",d")],
        )
    )  # fmt: skip
    top = int(points["n_independent"].max())
    base = alt.Chart(points).encode(
        x=x,
        color=color,
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.15)),
        tooltip=[alt.Tooltip("figure:N", title="estimate"), alt.Tooltip("status:N"),
                 alt.Tooltip("sources:N", title="held by"),
                 alt.Tooltip("n_independent:Q", title="independent voices", format=",d"),
                 alt.Tooltip("n_claims:Q", title="claims", format=",d"),
                 alt.Tooltip("day:N", title="first published"), alt.Tooltip("last_day:N", title="last published"),
                 alt.Tooltip("disputed:N")],
    )  # fmt: skip
    rule = base.mark_rule(strokeWidth=2).encode(y="low:Q", y2="high:Q")
    dots = base.mark_point(filled=True).encode(
        y="low:Q",
        size=alt.Size("n_independent:Q", scale=alt.Scale(domain=[1, max(top, 3)], range=[50, 260]),
                      legend=alt.Legend(title="independent voices", values=sorted({1, top}), format=",d")),
    ).add_params(pick).properties(name="consensus_points")  # fmt: skip
    subtitle = [
        f"{_plural(len(points), 'estimate')} ({category}); band = lowest to highest estimate still live "
        f"(first published, up to {window_days} days after last repeated); points = estimates",
        f"{_plural(undated, 'undated estimate')} not drawn" if undated else "",
    ]
    return alt.layer(area, rule, dots).properties(title=_title(title, subtitle))


def lineage_chart(
    lineage_frame: pd.DataFrame,
    *,
    title: str = "Who said it first: the figure in order of publication",
) -> alt.LayerChart | alt.Chart:
    """One point per source and day (``workbench.estimates.lineage``): x = publication date, y = source in
    order of first appearance, colour = independent origin; the first voice is labelled "first"."""
    cols = ["published", "outlet", "title", "source", "via", "origin", "number_text", "sentence", "claim_id"]
    df = _ensure_columns(lineage_frame, cols)
    df["source"] = _label(df["source"], OWN_VOICE)
    df["origin"] = _label(df["origin"], "(unknown)")
    df["published"] = _to_naive_utc(df["published"])
    if df.empty:
        return _empty_chart(title, "no claims for this estimate")
    df["_row"] = range(len(df))
    df = df.sort_values(["published", "_row"], na_position="last", kind="mergesort")
    df["_day"] = df["published"].dt.normalize().fillna(pd.Timestamp(0))
    grouped = df.groupby(["source", "origin", "_day"], sort=False, dropna=False)
    marks = grouped.agg(
        n_claims=("_row", "size"), order=("_row", "min"), published=("published", "first"),
        outlet=("outlet", "first"), title=("title", "first"), via=("via", "first"),
        number_text=("number_text", "first"), sentence=("sentence", "first"), claim_id=("claim_id", "first"),
    ).reset_index()  # fmt: skip
    marks = marks.sort_values(["published", "order"], na_position="last", kind="mergesort").head(MAX_MARKS)
    marks = marks.reset_index(drop=True)
    undated = int(marks["published"].isna().sum())
    marks["day"] = _date_str(marks["published"])
    marks["sentence"] = _shorten(marks["sentence"])
    for col in ("outlet", "title", "via", "number_text", "claim_id"):
        marks[col] = _clean_text(marks[col])
    marks["rank"] = range(1, len(marks) + 1)
    marks["note"] = ["first" if i == 0 else None for i in range(len(marks))]
    data = marks[["rank", "day", "source", "origin", "via", "outlet", "title", "number_text", "sentence",
                  "claim_id", "n_claims", "note"]].dropna(subset=["day"])  # fmt: skip
    if data.empty:
        return _empty_chart(title, "no dated claims for this estimate")
    order = list(dict.fromkeys(data["source"]))
    origins = sorted(set(data["origin"]))
    y = alt.Y("source:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    base = alt.Chart(data).encode(
        x=alt.X("day:T", title="publication date", axis=alt.Axis(format="%d %b %Y", labelOverlap=True)),
        y=y,
        tooltip=[alt.Tooltip("rank:Q", title="order"), alt.Tooltip("day:N", title="published"),
                 alt.Tooltip("source:N"), alt.Tooltip("via:N", title="relaying"),
                 alt.Tooltip("origin:N", title="independent origin"), alt.Tooltip("outlet:N"),
                 alt.Tooltip("title:N", title="article"), alt.Tooltip("number_text:N", title="as written"),
                 alt.Tooltip("n_claims:Q", title="claims", format=",d"), alt.Tooltip("sentence:N")],
    )  # fmt: skip
    dots = base.mark_point(filled=True, size=140, opacity=1).encode(
        color=alt.Color("origin:N", scale=alt.Scale(domain=origins, range=CATEGORY_PALETTE),
                        legend=alt.Legend(title="independent origin", labelLimit=300))
    )  # fmt: skip
    first = base.mark_text(align="left", dx=10, color="#333333").encode(text="note:N")
    subtitle = [
        f"{_plural(int(data['n_claims'].sum()), 'claim')} by {_plural(len(order), 'source')} from "
        f"{_plural(len(origins), 'independent origin')}; hover for the sentence",
        f"{_plural(undated, 'undated claim')} not drawn" if undated else "",
    ]
    return alt.layer(dots, first).properties(title=_title(title, subtitle))


def disputes_chart(
    estimates: pd.DataFrame,
    *,
    category: str | None = None,
    log_scale: bool = True,
    title: str = "Disputed estimates, side by side",
) -> alt.LayerChart | alt.Chart:
    """Disputed estimates grouped by category and status: one range bar per estimate, labelled with the
    sources holding it; the tooltip lists the figures it is disputed with and the actors denying it."""
    df = _prepare_estimates(estimates, category)
    labels = dict(zip(df["estimate_id"], df["figure"], strict=True))
    df = df[df["disputed"]]
    if log_scale:
        df = df[df["low"] > 0]
    if df.empty:
        return _empty_chart(title, "no disputed estimates")
    df = df.assign(status_rank=df["status"].map(STATUS_ORDER.index))
    df = df.sort_values(["category", "status_rank", "low", "high"], kind="mergesort").head(MAX_MARKS)
    df = df.reset_index(drop=True)
    group = df["category"].map(lambda c: _CATEGORY_WORDS.get(c, c)) + " · " + df["status"]
    df["group"] = group
    df["row"] = group + ": " + df["figure"]
    df["held_by"] = df["sources"].map(_join_names).fillna(OWN_VOICE)
    df["against"] = df["disputed_with"].map(
        lambda ids: "; ".join(labels.get(i, str(i)) for i in ids) if isinstance(ids, list | tuple) else None
    )
    df["denied"] = df["denied_by"].map(_join_names)
    df["first_day"] = _date_str(df["first_published"])
    data = df[["estimate_id", "group", "row", "status", "low", "high", "figure", "held_by", "against", "denied",
               "n_independent", "n_claims", "first_day"]]  # fmt: skip
    x_scale, x_axis = _personnel_scale(data["low"], data["high"] * 20, log_scale)
    y = alt.Y("row:N", sort=list(data["row"]), title=None, axis=alt.Axis(labelLimit=300))
    color = alt.Color("status:N", scale=status_scale(), legend=alt.Legend(title="status"))
    base = alt.Chart(data).encode(
        y=y,
        tooltip=[alt.Tooltip("group:N", title="category · status"), alt.Tooltip("figure:N", title="estimate"),
                 alt.Tooltip("held_by:N", title="held by"),
                 alt.Tooltip("n_independent:Q", title="independent voices", format=",d"),
                 alt.Tooltip("against:N", title="disputed with"), alt.Tooltip("denied:N", title="denied by"),
                 alt.Tooltip("first_day:N", title="first published")],
    )  # fmt: skip
    x = alt.X("low:Q", scale=x_scale, axis=x_axis, title="personnel" + (" (log scale)" if log_scale else ""))
    rule = base.mark_rule(strokeWidth=6, strokeCap="round").encode(x=x, x2="high:Q", color=color)
    dots = base.mark_point(filled=True, size=90, opacity=1).encode(x=x, color=color)
    text = base.mark_text(align="left", baseline="middle", dx=10, color="#333333").encode(
        x=alt.X("high:Q"), text="held_by:N"
    )
    denied = sorted({n for names in df["denied_by"] if isinstance(names, list | tuple) for n in names})
    subtitle = [
        f"{_plural(len(data), 'disputed estimate')} in {_plural(data['group'].nunique(), 'category/status group')}"
        "; bars = low to high, labels = sources holding the figure",
        f"{_plural(len(denied), 'actor')} deny the deployment in the same period (see tooltips)" if denied else "",
    ]
    return alt.layer(rule, dots, text).properties(title=_title(title, subtitle))
