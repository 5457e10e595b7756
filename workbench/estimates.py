"""Claims consolidated across articles into estimates: who first said it, how many *independent* voices
repeat it, which estimates disagree, and who denies them.

Five articles saying "3,000" are not five confirmations when all repeat one intelligence briefing. An
estimate groups claims with the same category, status and value (low, high). Its independent voices are the
distinct *origins* behind its claims, after following relays and treating one government as one voice:

* a relayed figure counts for whom it was relayed from (``via``: a lawmaker briefed by the NIS -> the NIS);
* official sources (intelligence, government, military, lawmaker, alliance) count once per country/body: the
  NIS, "South Korea" and a South Korean lawmaker are one voice, so are the Pentagon, Austin and Kirby;
* media and anonymous sources count by name; a figure in an article's own voice counts for its outlet.

Two estimates are *disputed* when they share category and status, were first published within
``window_days`` of each other, and give different values. ``denied_by`` lists actors whose stances deny the
deployment in the same period.
"""

from __future__ import annotations

import hashlib

import pandas as pd

OFFICIAL_TYPES = {"intelligence", "government", "military", "lawmaker", "alliance", "international"}
DENIABLE = {"deployment", "casualty", "desertion", "captured"}
ESTIMATE_COLUMNS = [
    "estimate_id",
    "category",
    "status",
    "low",
    "high",
    "label",
    "claim_ids",
    "sources",
    "n_claims",
    "n_articles",
    "n_independent",
    "origins",
    "primary_source",
    "first_published",
    "last_published",
    "disputed",
    "disputed_with",
    "denied_by",
]


def _label(low: int, high: int) -> str:
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def _official(name: object, source_type: object, country: object) -> str | None:
    if source_type in OFFICIAL_TYPES and isinstance(country, str) and country and country != "media":
        return f"official:{country}"
    return None


def origin_of(claim: pd.Series) -> str:
    """The independent voice behind one claim (see the module docstring)."""
    from workbench.actors import default_registry

    source, via = claim.get("source"), claim.get("via")
    if isinstance(via, str) and via:
        # a relay counts for whom it relays: look the relayed-from actor up in the registry
        actor = default_registry().get(via)
        if actor is not None:
            return _official(via, actor.type, actor.country) or f"source:{actor.canonical}"
        return f"source:{via}"
    if not isinstance(source, str) or not source:
        outlet = claim.get("outlet")
        return f"outlet:{outlet}" if isinstance(outlet, str) and outlet else f"article:{claim.get('doc_id')}"
    return _official(source, claim.get("source_type"), claim.get("source_country")) or f"source:{source}"


def _estimate_id(category: str, status: str | None, low: int, high: int) -> str:
    key = f"{category}|{status or '-'}|{low}|{high}"
    return f"{category}/{status or '-'}/{low}-{high}#" + hashlib.sha1(key.encode()).hexdigest()[:6]


def build_estimates(
    claims: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    stances: pd.DataFrame | None = None,
    window_days: int = 21,
) -> pd.DataFrame:
    """One row per estimate (see ESTIMATE_COLUMNS), ordered by category, status and value."""
    if claims.empty:
        return pd.DataFrame(columns=ESTIMATE_COLUMNS)
    frame = claims.copy()
    if articles is not None and not articles.empty:
        meta = articles[["doc_id", "published", "outlet"]].drop_duplicates("doc_id")
        frame = frame.drop(columns=[c for c in ("published", "outlet") if c in frame.columns]).merge(
            meta, on="doc_id", how="left"
        )
    for column in ("published", "outlet"):
        if column not in frame.columns:
            frame[column] = None
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce")
    frame["status_key"] = frame["status"].where(frame["status"].notna(), None)
    frame["origin"] = frame.apply(origin_of, axis=1)
    order = {doc: i for i, doc in enumerate(dict.fromkeys(frame["doc_id"]))}
    frame["_doc_order"] = frame["doc_id"].map(order)

    rows = []
    for (category, status, low, high), group in frame.groupby(
        ["category", frame["status_key"].fillna("-"), "low", "high"], sort=True, dropna=False
    ):
        status_value = None if status == "-" else status
        group = group.sort_values(["published", "_doc_order", "start_char"], na_position="last", kind="stable")
        first = group.iloc[0]
        sources = sorted({s for s in group["source"] if isinstance(s, str) and s})
        primary = first["via"] if isinstance(first.get("via"), str) and first["via"] else first["source"]
        rows.append(
            {
                "estimate_id": _estimate_id(category, status_value, int(low), int(high)),
                "category": category,
                "status": status_value,
                "low": int(low),
                "high": int(high),
                "label": _label(int(low), int(high)),
                "claim_ids": list(group["claim_id"]),
                "sources": sources,
                "n_claims": len(group),
                "n_articles": group["doc_id"].nunique(),
                "n_independent": group["origin"].nunique(),
                "origins": sorted(set(group["origin"])),
                "primary_source": primary if isinstance(primary, str) else None,
                "first_published": group["published"].min(),
                "last_published": group["published"].max(),
            }
        )
    estimates = pd.DataFrame(rows)
    estimates["disputed_with"] = [_disputes(estimates, i, window_days) for i in range(len(estimates))]
    estimates["disputed"] = estimates["disputed_with"].map(bool)
    estimates["denied_by"] = [_denials(row, stances, window_days) for row in estimates.to_dict("records")]
    return estimates[ESTIMATE_COLUMNS].reset_index(drop=True)


def _close_in_time(a: pd.Timestamp, b: pd.Timestamp, window_days: int) -> bool:
    if pd.isna(a) or pd.isna(b):
        return True  # undated figures cannot be told apart in time: compare them
    return abs((a - b).days) <= window_days


def _disputes(estimates: pd.DataFrame, i: int, window_days: int) -> list[str]:
    me = estimates.iloc[i]
    if me["category"] in {"army_size", "other"}:
        return []
    out = []
    for j, other in estimates.iterrows():
        if j == i or other["category"] != me["category"] or other["status"] != me["status"]:
            continue
        if (other["low"], other["high"]) == (me["low"], me["high"]):
            continue
        if _close_in_time(me["first_published"], other["first_published"], window_days):
            out.append(other["estimate_id"])
    return out


def _denials(row: dict, stances: pd.DataFrame | None, window_days: int) -> list[str]:
    if stances is None or stances.empty or row["category"] not in DENIABLE:
        return []
    denials = stances[stances["stance"] == "denies"]
    if "published" in denials.columns:
        close = [_close_in_time(row["first_published"], p, window_days) for p in denials["published"]]
        denials = denials[pd.Series(close, index=denials.index, dtype=bool)]
    return sorted(set(denials["actor"].dropna()))


def lineage(claims: pd.DataFrame, articles: pd.DataFrame | None, estimate_claim_ids: list[str]) -> pd.DataFrame:
    """Who said a figure, in order of publication: source, via, outlet, date, sentence (the "who first said it")."""
    subset = claims[claims["claim_id"].isin(estimate_claim_ids)].copy()
    if articles is not None and not articles.empty:
        context = ["published", "outlet", "title"]
        subset = subset.drop(columns=[c for c in context if c in subset.columns]).merge(
            articles[["doc_id", *context]].drop_duplicates("doc_id"), on="doc_id", how="left"
        )
    subset["origin"] = subset.apply(origin_of, axis=1) if len(subset) else []
    columns = [
        c
        for c in ("published", "outlet", "title", "source", "via", "origin", "number_text", "sentence", "claim_id")
        if c in subset.columns
    ]
    return subset.sort_values([c for c in ("published", "claim_id") if c in subset.columns], na_position="last")[
        columns
    ].reset_index(drop=True)
