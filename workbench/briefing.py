"""The analyst briefing: every sentence, table and chart computed from the ledger, and the one-command build.

Two halves:

* **content** (tested functions, used by ``notebooks/briefing.ipynb``): :func:`prepare` cuts a
  :class:`~workbench.workspace.Workspace` at the as-of date; :func:`key_judgements` writes the judgements
  (range of estimates per status and who holds them, what is disputed, the best-corroborated figure, who
  denies) as :class:`Judgement` objects whose every figure is formatted from ledger values and carries the
  claims (article, sentence) behind it; the ``*_table`` functions and :func:`briefing_charts` give the rest;
  :class:`Briefing` renders it all as escaped HTML (article text is untrusted: it only ever reaches a page
  through :func:`html.escape` or the chart JSON, which :mod:`workbench.render` escapes);
* **build** (:func:`build_briefing`, ``workbench brief``, ``make briefing``): injects the parameters into the
  notebook (papermill), executes it once in a fresh kernel, and exports ``briefing.html`` (no input cells)
  and ``briefing.slides.html`` (reveal.js) with :mod:`workbench.htmlexport`; the executed notebook itself
  writes ``charts/NAME.{png,svg,pdf}`` (slide theme, 1280x720), ``briefing.pptx`` (:mod:`workbench.deck`)
  and ``claims.csv`` / ``claims.parquet``.

Each chart is displayed twice in the executed notebook, once per page theme, with output metadata
``{"workbench": {"variant": "report" | "slides"}}``; :func:`notebook_variant` keeps one variant per page. Cells
tagged ``report-only`` / ``slides-only`` / ``notebook-only`` are kept only where the tag says.

Reproducible: no timestamps, no random ids (chart ids are spec hashes; the papermill cell gets a fixed id),
the as-of date defaults to the latest article publication date, not today; rebuilding from the same inputs
gives the same bytes (HTML, slides, SVG, PNG, PDF, CSV, PPTX).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import html
import importlib.metadata
import inspect
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from workbench import paths
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from nbformat import NotebookNode

    from workbench.corrections import CorrectionReport
    from workbench.workspace import Workspace

__all__ = [
    "DEFAULT_TITLE",
    "NOTEBOOK",
    "Briefing",
    "BriefingChart",
    "BriefingData",
    "Evidence",
    "Judgement",
    "StanceEvidence",
    "appendix_table",
    "briefing_charts",
    "build_briefing",
    "corrections_summary",
    "default_as_of",
    "export_artifacts",
    "key_judgements",
    "notebook_variant",
    "prepare",
    "provenance",
    "sources_table",
    "stance_table",
    "timeline_table",
    "write_ledger",
]

DEFAULT_TITLE = "North Korean troops in Russia"
NOTEBOOK = paths.NOTEBOOKS_DIR / "briefing.ipynb"
#: Exported chart images: the slide theme on a 16:9 canvas (PNG at scale 2 -> 2560x1440).
EXPORT_SIZE = (1280, 720)
#: Charts in the reveal.js deck (1280x720 slides) leave room for the slide heading and the source note.
DECK_CHART_SIZE = (1180, 520)
CHART_FORMATS = ("png", "svg", "pdf")
#: Most rows (sources, actors) on a slide chart; the rest are pooled as "(other ...)". The report shows all.
DECK_ROWS = 14
VARIANTS = ("report", "slides")
#: What a chart or table is made of, for the source notes.
LEDGER_NOTE = "Figures are what the articles say, not verified facts."

STATUS_PHRASES = {
    "sent": "Sent to Russia",
    "training": "In training",
    "expected": "Expected (further deployments)",
    "front": "At the front",
    "unknown": "Status not stated",
}
#: The same, inside a sentence.
STATUS_WORDS = {
    "sent": "sent to Russia",
    "training": "in training",
    "expected": "expected",
    "front": "at the front",
    "unknown": "status not stated",
}
OTHER_CATEGORIES = {"casualty": "casualties", "desertion": "desertions", "captured": "captured"}


# --------------------------------------------------------------------------------------------------
# Data: the workspace cut at the as-of date
# --------------------------------------------------------------------------------------------------


@dataclass
class BriefingData:
    """What the briefing shows: the workspace's tables restricted to articles published by ``as_of``."""

    articles: pd.DataFrame
    claims: pd.DataFrame
    stances: pd.DataFrame
    places: pd.DataFrame
    estimates: pd.DataFrame
    report: pd.DataFrame
    corrections: CorrectionReport
    corrections_path: Path | None
    as_of: str
    as_of_basis: str
    after_as_of: list[str] = field(default_factory=list)


def _iso_date(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError as exc:
            raise WorkbenchError(f"as-of date must be YYYY-MM-DD, not {value!r}") from exc
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    raise WorkbenchError(f"as-of date must be YYYY-MM-DD, not {value!r}")


def default_as_of(articles: pd.DataFrame) -> str | None:
    """The latest publication date among the articles (ISO), or None when none is dated.

    Not today's date: the same articles give the same briefing, byte for byte, whatever the day.
    """
    if articles is None or articles.empty or "published" not in articles.columns:
        return None
    dates = pd.to_datetime(articles["published"], errors="coerce").dropna()
    return None if dates.empty else dates.max().date().isoformat()


def prepare(workspace: Workspace, as_of: object = None) -> BriefingData:
    """The workspace cut at ``as_of`` (default :func:`default_as_of`): later articles are left out.

    Undated articles stay in (they cannot be placed in time); corrections are applied before the cut, so a
    correction of a left-out claim is not reported as stale.
    """
    from workbench.estimates import build_estimates

    articles = workspace.articles
    wanted = _iso_date(as_of)
    if wanted:
        basis = "parameter"
    else:
        wanted = default_as_of(articles)
        basis = "latest publication date" if wanted else "no article is dated"
    claims, stances, places = workspace.claims, workspace.stances, workspace.places
    estimates = workspace.estimates
    after: list[str] = []
    if wanted and not articles.empty:
        published = pd.to_datetime(articles["published"], errors="coerce")
        late = published.notna() & (published.dt.normalize() > pd.Timestamp(wanted))
        after = list(articles.loc[late, "doc_id"])
        if after:
            articles = articles[~late].reset_index(drop=True)
            keep = set(articles["doc_id"])
            claims = claims[claims["doc_id"].isin(keep)].reset_index(drop=True)
            stances = stances[stances["doc_id"].isin(keep)].reset_index(drop=True)
            places = places[places["doc_id"].isin(keep)].reset_index(drop=True)
            estimates = build_estimates(claims, articles, stances)
    return BriefingData(
        articles=articles, claims=claims, stances=stances, places=places, estimates=estimates,
        report=workspace.report, corrections=workspace.corrections, corrections_path=workspace.corrections_path,
        as_of=wanted or "undated", as_of_basis=basis, after_as_of=after,
    )  # fmt: skip


# --------------------------------------------------------------------------------------------------
# Key judgements
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """One claim behind a judgement: the figure as written, who said it, and where (article, sentence)."""

    claim_id: str
    doc_id: str
    number_text: str
    low: int
    high: int
    category: str
    status: str | None
    source: str | None
    via: str | None
    hedged: bool
    sentence: str
    title: str | None
    outlet: str | None
    published: str | None


@dataclass(frozen=True)
class StanceEvidence:
    """One statement behind a judgement about stances (who denies, who cannot confirm)."""

    doc_id: str
    actor: str
    stance: str
    cue: str | None
    sentence: str
    title: str | None
    outlet: str | None
    published: str | None


@dataclass(frozen=True)
class Judgement:
    """A key judgement: a short ``headline`` (slides), the full ``text`` (report), and what it rests on.

    Every figure in ``headline`` and ``text`` is formatted from ledger values, and every claim in
    ``claim_ids`` has its ``number_text`` (the figure as written) quoted in ``text``.
    """

    kind: str
    headline: str
    text: str
    claim_ids: tuple[str, ...] = ()
    estimate_ids: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    statements: tuple[StanceEvidence, ...] = ()


def _str(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return None
    text = str(value).strip()
    return text or None


def _date(value: object) -> str | None:
    if value is None or value is pd.NaT:
        return None
    stamp = pd.to_datetime(value, errors="coerce")
    return None if pd.isna(stamp) else stamp.date().isoformat()


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (plural or word + 's')}"


def _figure(low: int, high: int) -> str:
    return f"{int(low):,}" if int(low) == int(high) else f"{int(low):,}–{int(high):,}"


def _quoted(texts: Iterable[str]) -> str:
    return ", ".join(f"“{t}”" for t in dict.fromkeys(texts))


def _names(names: Iterable[str]) -> str:
    names = list(dict.fromkeys(n for n in names if n))
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _evidence(claims: pd.DataFrame) -> tuple[Evidence, ...]:
    out = []
    for row in claims.to_dict("records"):
        out.append(Evidence(
            claim_id=str(row["claim_id"]), doc_id=str(row["doc_id"]), number_text=_str(row.get("number_text")) or "",
            low=int(row["low"]), high=int(row["high"]), category=str(row.get("category")),
            status=_str(row.get("status")), source=_str(row.get("source")), via=_str(row.get("via")),
            hedged=bool(row.get("hedged")) if row.get("hedged") is not None else False,
            sentence=_str(row.get("sentence")) or "", title=_str(row.get("title")), outlet=_str(row.get("outlet")),
            published=_date(row.get("published")),
        ))  # fmt: skip
    return tuple(out)


def _holder(row: dict[str, Any]) -> str:
    source, via = _str(row.get("source")), _str(row.get("via"))
    if source is None:
        outlet = _str(row.get("outlet"))
        source = f"the article's own voice ({outlet})" if outlet else "the article's own voice"
    return f"{source}, relaying {via}" if via else source


def _origin_label(origin: str) -> str:
    kind, _, name = origin.partition(":")
    if kind == "official":
        return f"{name} (officials)"
    if kind == "outlet":
        return f"{name} (own reporting)"
    if kind == "article":
        return f"article {name}"
    return name


def _claims_of(data: Any, ids: Sequence[str]) -> pd.DataFrame:
    claims = data.claims
    subset = claims[claims["claim_id"].isin(list(ids))].copy()
    order = {cid: i for i, cid in enumerate(ids)}
    subset["_order"] = subset["claim_id"].map(order)
    return subset.sort_values("_order", kind="stable").drop(columns="_order")


def _estimate_claims(data: Any, estimate: dict[str, Any]) -> pd.DataFrame:
    return _claims_of(data, list(estimate["claim_ids"]))


def _estimate_phrase(data: Any, estimate: dict[str, Any], *, voices: bool = True) -> tuple[str, pd.DataFrame]:
    """'3,000 (as written “3,000”; 2 independent voices): South Korea, Lloyd Austin...' and its claims."""
    claims = _estimate_claims(data, estimate)
    written = _quoted(claims["number_text"].map(lambda t: _str(t) or ""))
    holders = _names(_holder(r) for r in claims.to_dict("records"))
    parts = [f"as written {written}"]
    if voices:
        parts.append(_n(int(estimate["n_independent"]), "independent voice"))
    hedged = int(pd.Series(claims["hedged"]).fillna(False).astype(bool).sum()) if "hedged" in claims else 0
    if hedged:
        parts.append(f"{hedged:,} of {_n(len(claims), 'claim')} hedged")
    return f"{_figure(estimate['low'], estimate['high'])} ({'; '.join(parts)}): {holders}", claims


def _deployment_estimates(data: Any) -> pd.DataFrame:
    est = data.estimates
    if est is None or est.empty:
        return pd.DataFrame(columns=[*getattr(est, "columns", []), "status_key"])
    est = est[est["category"] == "deployment"].copy()
    est["status_key"] = est["status"].where(est["status"].notna(), "unknown")
    return est


def _status_judgements(data: Any) -> list[Judgement]:
    est = _deployment_estimates(data)
    out = []
    for status in STATUS_PHRASES:
        group = est[est["status_key"] == status].sort_values(["low", "high"], kind="stable")
        if group.empty:
            continue
        rows = group.to_dict("records")
        phrases, frames = [], []
        for row in rows:
            phrase, claims = _estimate_phrase(data, row)
            phrases.append(phrase)
            frames.append(claims)
        claims = pd.concat(frames, ignore_index=True)
        origins = sorted({o for row in rows for o in row["origins"]})
        lo, hi = int(group["low"].min()), int(group["high"].max())
        span = _figure(lo, lo) if lo == hi else f"{lo:,} to {hi:,}"
        label = STATUS_PHRASES[status]
        n_articles = claims["doc_id"].nunique()
        text = (
            f"{label}: {_n(len(rows), 'distinct estimate')} from {_n(len(claims), 'claim')} in "
            f"{_n(n_articles, 'article')} {'range from ' + span if lo != hi else 'all give ' + span}, held by "
            f"{_n(len(origins), 'independent voice')}. " + "; ".join(phrases) + "."
        )
        headline = f"{label}: {span} ({_n(len(rows), 'estimate')}, {_n(len(origins), 'independent voice')})"
        out.append(_claims_judgement("range", headline, text, claims, group["estimate_id"]))
    return out


def _window_days() -> int:
    from workbench.estimates import build_estimates

    return int(inspect.signature(build_estimates).parameters["window_days"].default)


def _dispute_judgements(data: Any) -> list[Judgement]:
    est = _deployment_estimates(data)
    out = []
    for status in STATUS_PHRASES:
        group = est[(est["status_key"] == status) & est["disputed"].astype(bool)]
        if len(group) < 2:
            continue
        lowest = group.sort_values(["low", "high"], kind="stable").iloc[0].to_dict()
        highest = group.sort_values(["high", "low"], kind="stable").iloc[-1].to_dict()
        if lowest["estimate_id"] == highest["estimate_id"]:
            continue
        low_phrase, low_claims = _estimate_phrase(data, lowest, voices=False)
        high_phrase, high_claims = _estimate_phrase(data, highest, voices=False)
        claims = pd.concat([low_claims, high_claims], ignore_index=True)
        label = STATUS_WORDS[status]
        text = (
            f"Disputed ({label}): {_n(len(group), 'estimate')} published within {_window_days():,} days of each "
            f"other disagree, from {low_phrase} to {high_phrase}."
        )
        headline = (
            f"Disputed ({label}): {_figure(lowest['low'], lowest['high'])} vs "
            f"{_figure(highest['low'], highest['high'])} ({_n(len(group), 'conflicting estimate')})"
        )
        pair = (lowest["estimate_id"], highest["estimate_id"])
        out.append(_claims_judgement("disputed", headline, text, claims, pair))
    return out


def _corroboration_judgement(data: Any) -> list[Judgement]:
    est = _deployment_estimates(data)
    if est.empty:
        return []
    ranked = est.assign(_neg_v=-est["n_independent"], _neg_c=-est["n_claims"]).sort_values(
        ["_neg_v", "_neg_c", "low", "high"], kind="stable"
    )
    best = ranked.iloc[0].to_dict()
    claims = _estimate_claims(data, best)
    single = int((est["n_independent"] == 1).sum())
    status = STATUS_WORDS[best["status_key"]]
    voices = "; ".join(_origin_label(o) for o in best["origins"])
    figure = _figure(best["low"], best["high"])
    written = _quoted(claims["number_text"].map(lambda t: _str(t) or ""))
    text = (
        f"Best corroborated: {figure} ({status}; as written {written}), repeated in "
        f"{_n(int(best['n_claims']), 'claim')} across {_n(int(best['n_articles']), 'article')} but from "
        f"{_n(int(best['n_independent']), 'independent voice')} ({voices}): repeats of one briefing are not "
        f"confirmations. {single:,} of {_n(len(est), 'deployment estimate')} rest on a single independent voice."
    )
    headline = (
        f"Best corroborated: {figure} {status} ({_n(int(best['n_independent']), 'independent voice')}, "
        f"{_n(int(best['n_claims']), 'claim')}); {single:,} of {_n(len(est), 'estimate')} rest on one voice"
    )
    return [_claims_judgement("corroboration", headline, text, claims, (best["estimate_id"],))]


def _claims_judgement(
    kind: str, headline: str, text: str, claims: pd.DataFrame, estimate_ids: Iterable[str]
) -> Judgement:
    """A judgement that rests on claims: their ids and evidence travel with it, so every figure is traceable."""
    return Judgement(
        kind=kind,
        headline=headline,
        text=text,
        claim_ids=tuple(claims["claim_id"]),
        estimate_ids=tuple(estimate_ids),
        evidence=_evidence(claims),
    )


def _statements(stances: pd.DataFrame) -> tuple[StanceEvidence, ...]:
    return tuple(
        StanceEvidence(
            doc_id=str(r["doc_id"]), actor=_str(r.get("actor")) or "(unnamed)", stance=str(r["stance"]),
            cue=_str(r.get("cue")), sentence=_str(r.get("sentence")) or "", title=_str(r.get("title")),
            outlet=_str(r.get("outlet")), published=_date(r.get("published")),
        )
        for r in stances.to_dict("records")
    )  # fmt: skip


def _stance_judgements(data: Any) -> list[Judgement]:
    stances = data.stances
    if stances is None or stances.empty:
        return []
    out = []
    denials = stances[stances["stance"] == "denies"]
    if not denials.empty:
        counts = denials.groupby("actor", sort=False).size()
        counts = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
        who = "; ".join(f"{actor} ({_n(int(n), 'statement')})" for actor, n in counts)
        est = _deployment_estimates(data)
        denied = int(est["denied_by"].map(bool).sum()) if not est.empty else 0
        text = (
            f"Denials: {who} deny the deployment, {_n(len(denials), 'statement')} in "
            f"{_n(denials['doc_id'].nunique(), 'article')}; {denied:,} of {_n(len(est), 'deployment estimate')} "
            f"were published within {_window_days():,} days of a denial."
        )
        headline = f"Denied by: {_names(str(a) for a, _ in counts)} ({_n(len(denials), 'statement')})"
        out.append(Judgement(kind="denial", headline=headline, text=text, statements=_statements(denials)))
    unsure = stances[stances["stance"] == "cannot_confirm"]
    if not unsure.empty:
        counts = sorted(unsure.groupby("actor", sort=False).size().items(), key=lambda kv: (-kv[1], str(kv[0])))
        who = "; ".join(f"{actor} ({_n(int(n), 'statement')})" for actor, n in counts)
        text = (
            f"Could not confirm: {who}, {_n(len(unsure), 'statement')} in {_n(unsure['doc_id'].nunique(), 'article')}."
        )
        headline = f"Could not confirm: {_names(str(a) for a, _ in counts)}"
        out.append(Judgement(kind="cannot_confirm", headline=headline, text=text, statements=_statements(unsure)))
    return out


def _other_judgement(data: Any) -> list[Judgement]:
    est = data.estimates
    if est is None or est.empty:
        return []
    est = est[est["category"].isin(list(OTHER_CATEGORIES))].sort_values(["category", "low"], kind="stable")
    if est.empty:
        return []
    phrases, frames = [], []
    for row in est.to_dict("records"):
        phrase, claims = _estimate_phrase(data, row)
        phrases.append(f"{OTHER_CATEGORIES[row['category']]}: {phrase}")
        frames.append(claims)
    claims = pd.concat(frames, ignore_index=True)
    single = int((est["n_independent"] == 1).sum())
    text = (
        f"Other figures about North Korean troops: {_n(len(est), 'estimate')}, {single:,} of them from a single "
        f"independent voice. " + "; ".join(phrases) + "."
    )
    kinds = _names(OTHER_CATEGORIES[c] for c in dict.fromkeys(est["category"]))
    headline = f"Also reported: {kinds} ({_n(len(est), 'estimate')}, {single:,} from a single voice)"
    return [_claims_judgement("other", headline, text, claims, est["estimate_id"])]


def key_judgements(data: Any) -> list[Judgement]:
    """The key judgements for a Workspace or :class:`BriefingData`, in reading order.

    One per deployment status (range of estimates and who holds them), one per status whose estimates are
    disputed (lowest vs highest), the best-corroborated figure, who denies and who cannot confirm, and the
    casualty / desertion / capture figures. Nothing is typed in: every number is formatted from the ledger.
    """
    return [
        *_status_judgements(data),
        *_dispute_judgements(data),
        *_corroboration_judgement(data),
        *_stance_judgements(data),
        *_other_judgement(data),
    ]


def corrections_summary(data: Any) -> tuple[str, list[dict[str, Any]]]:
    """'N analyst corrections applied ...' and the stale corrections (claim gone) as rows."""
    report = data.corrections
    path = getattr(data, "corrections_path", None)
    stale = [dict(r) for r in report.stale]
    where = f" from {Path(path).name}" if path else ""
    if path is None and not report.applied and not stale:
        return "Analyst corrections applied: 0 (no corrections file).", stale
    text = f"Analyst corrections applied: {report.n_applied:,}{where}; stale corrections: {len(stale):,}"
    if report.invalid:
        text += f"; invalid rows ignored: {len(report.invalid):,}"
    text += "." if not stale else " (their claim no longer exists; listed below)."
    return text, stale


# --------------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------------


def sources_table(data: Any) -> pd.DataFrame:
    """One row per source: type, country, claims, deployment figures as written, relays, articles."""
    claims = data.claims
    cols = ["source", "type", "country", "claims", "figures", "relaying", "articles", "first_published"]
    if claims.empty:
        return pd.DataFrame(columns=cols)
    frame = claims.assign(source=[_holder({"source": s, "outlet": o}) for s, o in
                                  zip(claims["source"], claims["outlet"], strict=True)])  # fmt: skip
    rows = []
    for source, group in frame.groupby("source", sort=False):
        dep = group[group["category"] == "deployment"]
        rows.append({
            "source": source,
            "type": _str(group["source_type"].dropna().iloc[0]) if group["source_type"].notna().any() else None,
            "country": _str(group["source_country"].dropna().iloc[0]) if group["source_country"].notna().any()
            else None,
            "claims": len(group),
            "figures": ", ".join(dict.fromkeys(_figure(lo, hi) for lo, hi in zip(dep["low"], dep["high"],
                                                                                 strict=True))),
            "relaying": ", ".join(dict.fromkeys(v for v in group["via"] if _str(v))),
            "articles": group["doc_id"].nunique(),
            "first_published": _date(pd.to_datetime(group["published"], errors="coerce").min()),
        })  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["claims", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)


def stance_table(data: Any) -> pd.DataFrame:
    """Actor x stance statement counts (confirms, expects, cannot_confirm, denies) and articles."""
    from workbench.themes import STANCE_ORDER

    stances = data.stances
    cols = ["actor", "country", *STANCE_ORDER, "articles"]
    if stances.empty:
        return pd.DataFrame(columns=cols)
    frame = stances.assign(actor=stances["actor"].fillna("(unnamed)"))
    counts = frame.pivot_table(index="actor", columns="stance", values="doc_id", aggfunc="size", fill_value=0)
    counts = counts.reindex(columns=STANCE_ORDER, fill_value=0)
    meta = frame.groupby("actor").agg(country=("actor_country", "first"), articles=("doc_id", "nunique"))
    out = meta.join(counts).reset_index()
    out["_total"] = out[STANCE_ORDER].sum(axis=1)
    out = out.sort_values(["_total", "actor"], ascending=[False, True], kind="stable").drop(columns="_total")
    return out[cols].reset_index(drop=True)


def timeline_table(data: Any) -> pd.DataFrame:
    """One row per article in publication order: date, outlet, title, deployment figures, stances."""
    articles = data.articles
    cols = ["published", "outlet", "title", "doc_id", "figures", "claims", "statements"]
    if articles.empty:
        return pd.DataFrame(columns=cols)
    claims, stances = data.claims, data.stances
    rows = []
    for art in articles.to_dict("records"):
        mine = claims[(claims["doc_id"] == art["doc_id"]) & (claims["category"] == "deployment")]
        figs = [f"{_figure(lo, hi)} {st}" if _str(st) else _figure(lo, hi)
                for lo, hi, st in zip(mine["low"], mine["high"], mine["status"], strict=True)]  # fmt: skip
        rows.append({
            "published": _date(art.get("published")), "outlet": _str(art.get("outlet")),
            "title": _str(art.get("title")), "doc_id": art["doc_id"], "figures": ", ".join(dict.fromkeys(figs)),
            "claims": int((claims["doc_id"] == art["doc_id"]).sum()),
            "statements": int((stances["doc_id"] == art["doc_id"]).sum()),
        })  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    out["_undated"] = out["published"].isna()
    return (
        out.sort_values(["_undated", "published", "doc_id"], kind="stable")
        .drop(columns="_undated")
        .reset_index(drop=True)
    )


def appendix_table(data: Any) -> pd.DataFrame:
    """Every claim with its figure as written, reading, source, sentence and article (the ledger, joined)."""
    cols = ["n", "claim_id", "number_text", "figure", "category", "status", "source", "via", "hedged", "sentence",
            "offset", "title", "outlet", "published", "doc_id"]  # fmt: skip
    claims = data.claims
    if claims.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for n, r in enumerate(claims.to_dict("records"), start=1):
        sentence = _str(r.get("sentence")) or ""
        number = _str(r.get("number_text")) or ""
        offset = -1
        try:
            guess = int(r["start_char"]) - int(r["sentence_start"])
            if number and sentence[guess : guess + len(number)] == number:
                offset = guess
        except (KeyError, TypeError, ValueError):
            pass
        if offset < 0 and number:
            offset = sentence.find(number)
        rows.append({
            "n": n, "claim_id": str(r["claim_id"]), "number_text": number, "figure": _figure(r["low"], r["high"]),
            "category": _str(r.get("category")), "status": _str(r.get("status")), "source": _str(r.get("source")),
            "via": _str(r.get("via")), "hedged": bool(r.get("hedged")), "sentence": sentence, "offset": offset,
            "title": _str(r.get("title")), "outlet": _str(r.get("outlet")), "published": _date(r.get("published")),
            "doc_id": str(r["doc_id"]),
        })  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def provenance(data: Any, parameters: dict[str, Any] | None = None) -> dict[str, Any]:
    """Input article hashes, package versions, pipeline version, as-of date and the build parameters."""
    import altair as alt

    from workbench.pipeline import PIPELINE_VERSION, model_name
    from workbench.render import _vl_version

    model = model_name()
    articles = [
        {"doc_id": str(a["doc_id"]), "title": _str(a.get("title")), "outlet": _str(a.get("outlet")),
         "published": _date(a.get("published")), "sha256": str(a.get("sha256"))}
        for a in data.articles.to_dict("records")
    ]  # fmt: skip
    problems = []
    report = getattr(data, "report", None)
    if report is not None and not report.empty:
        bad = report[report["status"] != "ok"]
        problems = [{"doc_id": _str(r.get("doc_id")) or "-", "status": str(r["status"]),
                     "reason": _str(r.get("reason")) or ""} for r in bad.to_dict("records")]  # fmt: skip
    corrections = getattr(data, "corrections_path", None)
    versions = {
        "workbench": _version("workbench"),
        "spacy": _version("spacy"),
        "spaCy model": f"{model} {_version(model.replace('_', '-'))}",
        "altair": alt.__version__,
        "vega-lite": f"{alt.SCHEMA_VERSION.lstrip('v')} (schema); {_vl_version() or '?'} (vl-convert exports)",
        "vl-convert": _version("vl-convert-python"),
        "pandas": _version("pandas"),
        "python-pptx": _version("python-pptx"),
        "nbconvert": _version("nbconvert"),
    }
    return {
        "as_of": data.as_of,
        "as_of_basis": data.as_of_basis,
        "after_as_of": list(data.after_as_of),
        "pipeline_version": PIPELINE_VERSION,
        "versions": versions,
        "articles": articles,
        "input_problems": problems,
        "corrections": None if corrections is None else {
            "file": Path(corrections).name,
            "sha256": hashlib.sha256(Path(corrections).read_bytes()).hexdigest() if Path(corrections).exists()
            else None,
        },
        "parameters": dict(parameters or {}),
    }  # fmt: skip


# --------------------------------------------------------------------------------------------------
# Charts
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BriefingChart:
    """A chart of the briefing: file stem, slide title, the Altair chart and its source note."""

    name: str
    title: str
    chart: Any
    note: str
    #: A variant for slides and exported images (fewer rows), when the report's chart would be too dense.
    deck_chart: Any = None


def _corpus_note(data: Any) -> str:
    arts = data.articles
    outlets = list(dict.fromkeys(o for o in arts.get("outlet", pd.Series(dtype=object)) if _str(o)))
    dates = pd.to_datetime(arts["published"], errors="coerce").dropna() if not arts.empty else pd.Series([])
    span = (f", published {dates.min().date().isoformat()} to {dates.max().date().isoformat()}"
            if len(dates) else "")  # fmt: skip
    named = f" ({', '.join(outlets)}{' and others' if len(outlets) < len(arts) else ''})" if outlets else ""
    return f"Source: workbench claims ledger of {_n(len(arts), 'article')}{named}{span}; as of {data.as_of}."


#: Country outlines for the briefing map: 1:110m (Crimea in Ukraine) keeps the spec small (~80 kB, not ~460 kB)
#: and the build fast; at 1280 px across the theatre the coarser coastline is not noticeable.
MAP_TOPOLOGY = paths.RESOURCES_DIR / "geo" / "countries-110m-ukraine-crimea.json"
#: The map's view (``charts.places_map`` defaults): places outside it are left off and counted in the note.
MAP_LON, MAP_LAT = (20.0, 145.0), (30.0, 70.0)


def _map_places(places: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Places inside the map's view, and the names of geocoded places outside it (they would stretch the map)."""
    if places.empty or "lat" not in places.columns:
        return places, []
    lat = pd.to_numeric(places["lat"], errors="coerce")
    lon = pd.to_numeric(places["lon"], errors="coerce")
    located = lat.notna() & lon.notna()
    inside = lat.between(*MAP_LAT) & lon.between(*MAP_LON)
    outside = sorted({str(p) for p in places.loc[located & ~inside, "place"]})
    return places[~located | inside].reset_index(drop=True), outside


def briefing_charts(data: Any, topology: dict | None = None) -> list[BriefingChart]:
    """The briefing's charts, in slide order, each with a title and a source note."""
    from workbench import charts

    base = _corpus_note(data)
    topo = topology if topology is not None else charts.load_topology(MAP_TOPOLOGY)
    places, outside = _map_places(data.places)
    off_map = f" Outside the map: {', '.join(outside)}." if outside else ""
    return [
        BriefingChart("estimates", "Consolidated estimates by status", charts.estimate_ranges(data.estimates),
                      f"{base} Identical figures are one estimate; independent voices count one government or "
                      f"relayed briefing once. {LEDGER_NOTE}"),
        BriefingChart("figures-by-source", "Who gives which figure", charts.estimates_by_source(data.claims),
                      f"{base} One mark per source, status and figure; dashed = hedged. {LEDGER_NOTE}",
                      charts.estimates_by_source(data.claims, max_sources=DECK_ROWS)),
        BriefingChart("figures-over-time", "Timeline of reported figures", charts.estimates_over_time(data.claims),
                      f"{base} Dated by article publication. {LEDGER_NOTE}"),
        BriefingChart("articles-over-time", "Timeline of the reporting", charts.mentions_timeline(data.articles),
                      f"{base}"),
        BriefingChart("source-types", "Where the figures come from", charts.source_types(data.claims),
                      f"{base} Source type and country from the actor registry. {LEDGER_NOTE}"),
        BriefingChart("relays", "Relayed figures", charts.relay_chains(data.claims),
                      f"{base} A relay is a figure credited to one actor but passed on by another."),
        BriefingChart("stances", "Who confirms, expects or denies", charts.stance_matrix(data.stances),
                      f"{base} Statements about the deployment, by actor.",
                      charts.stance_matrix(data.stances, max_actors=DECK_ROWS)),
        BriefingChart("map", "Places named in the reporting", charts.places_map(places, topo),
                      f"{base} Places geocoded offline; Natural Earth outlines, Crimea drawn as Ukraine.{off_map}"),
    ]  # fmt: skip


def fit(chart: Any, size: tuple[int, int]) -> Any:
    """The chart drawn exactly ``size`` (width, height) pixels, title, axes and legends included."""
    import altair as alt

    width, height = size
    return chart.properties(width=width, height=height, autosize=alt.AutoSizeParams(type="fit", contains="padding"))


def base_spec(chart: Any, *, validate: bool = False) -> dict[str, Any]:
    """The chart's Vega-Lite dict without any theme (Altair's ``none`` theme): convert once, theme many times.

    Not validated against the Vega-Lite JSON schema by default: that takes longer than the rest of a warm
    build, and the tests validate every briefing chart (``test_briefing_charts_are_valid_vega_lite``).
    """
    import altair as alt

    with alt.theme.enable("none"):
        return chart.to_dict(validate=validate)


def themed_spec(base: dict[str, Any], theme: str, size: tuple[int, int] | None = None) -> dict[str, Any]:
    """``base`` as Altair's ``to_dict`` gives it under ``theme`` (optionally :func:`fit` to ``size``).

    Altair merges the theme into the finished spec (``update_nested(theme(), spec)``); doing the same here
    lets one conversion of a chart serve the report, the deck and the exports (a map converts slowly).
    """
    from altair.utils import update_nested

    from workbench import themes

    theme_fn = {themes.SCREEN_THEME: themes.workbench_theme, themes.SLIDES_THEME: themes.workbench_slides_theme}
    spec = dict(base)
    if size is not None:
        spec.update(width=size[0], height=size[1], autosize={"type": "fit", "contains": "padding"})
    return update_nested(dict(theme_fn[theme]()), spec, copy=True)


# --------------------------------------------------------------------------------------------------
# HTML rendering (everything from the ledger goes through html.escape)
# --------------------------------------------------------------------------------------------------

e = html.escape

CSS = """
.wb-brief { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; line-height: 1.45; color: #222; }
.wb-brief h1 { margin-bottom: 0.2em; }
div.wb-brief table.wb-t { border-collapse: collapse; font-size: 0.85em; margin: 0.4em 0 1.2em; table-layout: auto; }
div.wb-brief table.wb-t th, div.wb-brief table.wb-t td { border-bottom: 1px solid #ddd; padding: 3px 8px;
  text-align: left; vertical-align: top; line-height: 1.35; }
div.wb-brief table.wb-t th { background: #f3f3f3; }
div.wb-brief table.wb-t td.num, div.wb-brief table.wb-t th.num { text-align: right;
  font-variant-numeric: tabular-nums; }
div.wb-brief table.wb-t td.nowrap { white-space: nowrap; }
.wb-brief mark { background: #fff0a0; padding: 0 1px; }
.wb-brief .wb-muted, .wb-brief .wb-note { color: #555; }
.wb-brief .wb-note { font-size: 0.85em; margin: 0.2em 0 1.2em; }
.wb-brief .wb-hash { font-family: "DejaVu Sans Mono", monospace; font-size: 0.8em; word-break: break-all; }
.wb-brief ol.wb-judgements > li { margin-bottom: 0.9em; }
.wb-brief ol.wb-judgements p { margin: 0.15em 0; }
.wb-brief details { margin: 0.2em 0 0.4em; }
.wb-brief details li { font-size: 0.9em; margin-bottom: 0.25em; }
.wb-brief .wb-refs a { text-decoration: none; }
.wb-brief .wb-summary { font-size: 1.05em; }
.reveal .wb-brief { font-size: 24px; text-align: left; }
.reveal .wb-brief.wb-title h1 { font-size: 56px; }
.reveal .wb-brief .wb-summary { font-size: 28px; }
.reveal .wb-brief ul.wb-headlines li { margin-bottom: 0.3em; font-size: 24px; }
.reveal .wb-brief p { font-size: 22px; }
.reveal .wb-brief p.wb-note { font-size: 14px; margin: 0; }
"""


def _table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric: Sequence[int] = (),
    cls: str = "",
    nowrap: Sequence[int] = (),
) -> str:
    """An HTML table from pre-escaped cells (``numeric`` columns right-aligned, ``nowrap`` ones unbroken)."""

    def attr(i: int) -> str:
        classes = [c for c, cols in (("num", numeric), ("nowrap", nowrap)) if i in cols]
        return f' class="{" ".join(classes)}"' if classes else ""

    head = "".join(f"<th{attr(i)}>{h}</th>" for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(f"<td{attr(i)}>{c}</td>" for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f'<table class="wb-t {e(cls)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _cell(value: object) -> str:
    text = _str(value)
    return "" if text is None else e(text)


def _highlight(sentence: str, offset: int, number: str) -> str:
    if offset < 0 or not number:
        return e(sentence)
    end = offset + len(number)
    return e(sentence[:offset]) + "<mark>" + e(sentence[offset:end]) + "</mark>" + e(sentence[end:])


def _article_cite(title: str | None, outlet: str | None, published: str | None, doc_id: str) -> str:
    bits = [b for b in (outlet, published) if b]
    meta = f" ({e(', '.join(bits))})" if bits else ""
    return f"<cite>{e(title or doc_id)}</cite>{meta}"


def _wrap(body: str, cls: str = "") -> str:
    return f'<div class="wb-brief {e(cls)}">{body}</div>'


class Briefing:
    """The briefing of one corpus at one as-of date: loads the workspace, renders sections as HTML.

    In the notebook: ``brief = Briefing.load(articles, title=..., as_of=...)`` then ``brief.show_title()``,
    ``brief.show_judgements()``, ``brief.show_chart("map")``... and ``brief.export(out_dir)`` for the files.
    """

    def __init__(
        self,
        data: BriefingData,
        *,
        title: str = DEFAULT_TITLE,
        parameters: dict[str, Any] | None = None,
        topology: dict | None = None,
    ) -> None:
        self.data = data
        self.title = title or DEFAULT_TITLE
        self.parameters = dict(parameters or {})
        self.judgements = key_judgements(data)
        self.charts = {c.name: c for c in briefing_charts(data, topology)}
        self._base_specs: dict[str, dict[str, Any]] = {}
        self.appendix = appendix_table(data)
        self._row_of = {}
        for n, cid in zip(self.appendix["n"], self.appendix["claim_id"], strict=True):
            self._row_of.setdefault(cid, int(n))

    @classmethod
    def load(
        cls,
        articles: Sequence[str | Path] | str | Path,
        *,
        title: str = DEFAULT_TITLE,
        as_of: object = None,
        corrections: Path | str | bool | None = True,
        **kwargs: Any,
    ) -> Briefing:
        """Open the ledger for ``articles`` (cached), apply corrections, cut at ``as_of``."""
        from workbench.workspace import open_ledger

        inputs = [articles] if isinstance(articles, str | Path) else list(articles)
        workspace = open_ledger(inputs, corrections=corrections, progress=False, **kwargs)
        data = prepare(workspace, as_of)
        parameters = {"title": title, "as_of": _iso_date(as_of), "corrections": bool(corrections)}
        return cls(data, title=title, parameters=parameters)

    def spec(self, name: str, theme: str, size: tuple[int, int] | None = None) -> dict[str, Any]:
        """The Vega-Lite spec of chart ``name`` under ``theme``; converted once per chart.

        With ``size`` (slides, exported images) the chart is fitted to it, using its ``deck_chart`` if any.
        """
        chart = self.charts[name]
        key = f"{name}:{'deck' if size is not None else 'report'}"
        if key not in self._base_specs:
            deck = size is not None and chart.deck_chart is not None
            self._base_specs[key] = base_spec(chart.deck_chart if deck else chart.chart)
        return themed_spec(self._base_specs[key], theme, size)

    # ---------------------------------------------------------------- pieces of HTML
    def summary_text(self) -> str:
        d = self.data
        est = d.estimates
        n_dep = int((est["category"] == "deployment").sum()) if not est.empty else 0
        n_places = d.places["place"].nunique() if len(d.places) else 0
        when = f"As of {d.as_of} ({d.as_of_basis})" if d.as_of != "undated" else "Undated (no article has a date)"
        left_out = f"; {_n(len(d.after_as_of), 'later article')} left out" if d.after_as_of else ""
        return (
            f"{when}: {_n(len(d.articles), 'article')}{left_out}, "
            f"{_n(len(d.claims), 'personnel figure')} ({_n(n_dep, 'distinct deployment estimate')}), "
            f"{_n(len(d.stances), 'statement')} of stance, {_n(n_places, 'place')}."
        )

    def title_html(self, slides: bool = False) -> str:
        corrections, _ = corrections_summary(self.data)
        return f"<style>{CSS}</style>" + _wrap(
            f"<h1>{e(self.title)}</h1><p class=wb-summary>{e(self.summary_text())}</p>"
            f"<p class=wb-muted>{e(corrections)}</p>"
            + (
                ""
                if slides
                else f"<p class=wb-muted>{e(LEDGER_NOTE)} Every figure below is computed from the "
                "claims ledger; the numbers in brackets point to the claims in the appendix.</p>"
            ),
            "wb-title",
        )

    def _refs(self, claim_ids: Sequence[str]) -> str:
        rows = sorted({self._row_of[c] for c in claim_ids if c in self._row_of})
        links = [f'<a href="#claim-{n}">[{n}]</a>' for n in rows]
        return f'<span class="wb-refs">{" ".join(links)}</span>' if links else ""

    def _evidence_html(self, j: Judgement) -> str:
        items = []
        for ev in j.evidence:
            row = self._row_of.get(ev.claim_id)
            ref = f'<a href="#claim-{row}">[{row}]</a> ' if row else ""
            who = e(_holder({"source": ev.source, "via": ev.via, "outlet": ev.outlet}))
            items.append(
                f"<li>{ref}“{e(ev.number_text)}” — {who} — "
                f"{_article_cite(ev.title, ev.outlet, ev.published, ev.doc_id)}: {e(ev.sentence)}</li>"
            )
        for st in j.statements:
            cue = f" (“{e(st.cue)}”)" if st.cue else ""
            items.append(
                f"<li>{e(st.actor)} {e(st.stance.replace('_', ' '))}{cue} — "
                f"{_article_cite(st.title, st.outlet, st.published, st.doc_id)}: {e(st.sentence)}</li>"
            )
        if not items:
            return ""
        n_docs = len({ev.doc_id for ev in j.evidence} | {st.doc_id for st in j.statements})
        what = _n(len(j.evidence), "claim") if j.evidence else _n(len(j.statements), "statement")
        return (
            f"<details><summary>Provenance: {e(what)} in {e(_n(n_docs, 'article'))}</summary>"
            f"<ol>{''.join(items)}</ol></details>"
        )

    def judgements_html(self, slides: bool = False) -> str:
        if not self.judgements:
            return _wrap("<p>No figures or stances in these articles.</p>")
        if slides:
            items = "".join(f"<li>{e(j.headline)}</li>" for j in self.judgements)
            return _wrap(f'<ul class="wb-headlines">{items}</ul>', "wb-judgements-slide")
        items = "".join(
            f"<li><p><strong>{e(j.headline)}</strong></p><p>{e(j.text)} {self._refs(j.claim_ids)}</p>"
            f"{self._evidence_html(j)}</li>"
            for j in self.judgements
        )
        return _wrap(f'<ol class="wb-judgements">{items}</ol>')

    def corrections_html(self) -> str:
        text, stale = corrections_summary(self.data)
        body = f"<p>{e(text)}</p>"
        header = ["claim", "field", "value", "note", "who", "when"]

        def rows(items: list[dict[str, Any]], extra: bool = False) -> list[list[str]]:
            keys = ["claim_id", "field", "value", "note", "who", "when"] + (["reason"] if extra else [])
            return [[_cell(item.get(k)) for k in keys] for item in items]

        applied = list(self.data.corrections.applied)
        if applied:
            body += "<p>Applied:</p>" + _table(header, rows(applied))
        body += (
            (
                "<p>Stale (not applied: the claim is no longer in the ledger):</p>"
                + _table([*header, "why"], rows(stale, extra=True))
            )
            if stale
            else "<p>No stale corrections.</p>"
        )
        return _wrap(body)

    def chart_note_html(self, name: str) -> str:
        return _wrap(f"<p class=wb-note>{e(self.charts[name].note)}</p>")

    def sources_html(self) -> str:
        t = sources_table(self.data)
        rows = [[_cell(r["source"]), _cell(r["type"]), _cell(r["country"]), f"{r['claims']:,}", _cell(r["figures"]),
                 _cell(r["relaying"]), f"{r['articles']:,}", _cell(r["first_published"])]
                for r in t.to_dict("records")]  # fmt: skip
        header = ["source", "type", "country", "claims", "deployment figures", "relaying", "articles", "first"]
        return _wrap(_table(header, rows, numeric=(3, 6), nowrap=(7,)))

    def stances_html(self) -> str:
        t = stance_table(self.data)
        stance_cols = [c for c in t.columns if c not in ("actor", "country", "articles")]
        rows = [[_cell(r["actor"]), _cell(r["country"]), *[f"{int(r[c]):,}" for c in stance_cols],
                 f"{int(r['articles']):,}"] for r in t.to_dict("records")]  # fmt: skip
        header = ["actor", "country", *[c.replace("_", " ") for c in stance_cols], "articles"]
        return _wrap(_table(header, rows, numeric=tuple(range(2, 3 + len(stance_cols)))))

    def timeline_html(self) -> str:
        t = timeline_table(self.data)
        rows = [[_cell(r["published"]) or "undated", _cell(r["outlet"]), _cell(r["title"]), _cell(r["figures"]),
                 f"{r['claims']:,}", f"{r['statements']:,}"] for r in t.to_dict("records")]  # fmt: skip
        return _wrap(
            _table(
                ["published", "outlet", "article", "deployment figures", "claims", "statements"],
                rows,
                numeric=(4, 5),
                nowrap=(0,),
            )
        )

    def appendix_html(self) -> str:
        t = self.appendix
        rows = []
        for r in t.to_dict("records"):
            who = _holder({"source": r["source"], "via": r["via"], "outlet": r["outlet"]})
            reading = " ".join(x.replace("_", " ") for x in (r["figure"], r["category"], r["status"]) if x)
            rows.append([
                f'<span id="claim-{r["n"]}">{r["n"]}</span>', f"“{e(r['number_text'])}”", e(reading),
                e(who) + (" <span class=wb-muted>(hedged)</span>" if r["hedged"] else ""),
                _highlight(r["sentence"], int(r["offset"]), r["number_text"]),
                _article_cite(r["title"], r["outlet"], r["published"], r["doc_id"])
                + f'<br><span class="wb-hash">{e(r["claim_id"])}</span>',
            ])  # fmt: skip
        intro = (
            f"<p>{e(_n(len(t), 'claim'))} from {e(_n(self.data.claims['doc_id'].nunique(), 'article'))}, "
            "in article order; the figure as written is highlighted in its sentence.</p>"
        )
        return _wrap(
            intro + _table(["#", "as written", "reading", "source", "sentence", "article"], rows, cls="wb-appendix")
        )

    def provenance_html(self, slides: bool = False) -> str:
        p = provenance(self.data, self.parameters)
        versions = "; ".join(f"{k} {v}" for k, v in p["versions"].items())
        lines = [
            f"As-of date: {p['as_of']} ({p['as_of_basis']}). Pipeline version {p['pipeline_version']}.",
            f"Versions: {versions}.",
        ]
        if p["after_as_of"]:
            lines.append(f"Left out (published after the as-of date): {', '.join(p['after_as_of'])}.")
        if p["corrections"]:
            lines.append(f"Corrections file {p['corrections']['file']}, sha256 {p['corrections']['sha256']}.")
        body = "".join(f"<p>{e(x)}</p>" for x in lines)
        if slides:
            shas = ", ".join(f"{a['doc_id']} {a['sha256'][:12]}…" for a in p["articles"])
            return _wrap(body + f"<p class=wb-note>{e(_n(len(p['articles']), 'article'))} (sha256): {e(shas)}</p>")
        rows = [[_cell(a["doc_id"]), _cell(a["title"]), _cell(a["outlet"]), _cell(a["published"]),
                 f'<span class="wb-hash">{e(a["sha256"])}</span>'] for a in p["articles"]]  # fmt: skip
        body += _table(["article", "title", "outlet", "published", "sha256 of the text"], rows, nowrap=(3,))
        if p["input_problems"]:
            body += "<p>Inputs not used:</p>" + _table(
                ["input", "status", "reason"],
                [[_cell(x["doc_id"]), _cell(x["status"]), _cell(x["reason"])] for x in p["input_problems"]],
            )
        return _wrap(body)

    # ---------------------------------------------------------------- display in the notebook
    def _emit(self, report: Any, slides: Any = None) -> None:
        """Display ``report`` (and ``slides`` for the deck, when different) as variant outputs."""
        from IPython.display import display

        def bundle(obj: Any) -> dict[str, Any]:
            return {"text/html": obj, "text/plain": "[briefing section]"} if isinstance(obj, str) else obj

        if slides is None or not _report_mode():
            display(bundle(report), raw=True)
            return
        for variant, obj in (("report", report), ("slides", slides)):
            display(bundle(obj), raw=True, metadata={"workbench": {"variant": variant}})

    def show_title(self) -> None:
        self._emit(self.title_html(), self.title_html(slides=True))

    def show_judgements(self) -> None:
        self._emit(self.judgements_html(), self.judgements_html(slides=True))

    def show_corrections(self) -> None:
        self._emit(self.corrections_html())

    def show_chart(self, name: str) -> None:
        """The chart (screen theme in the report, slide theme in the deck) and its source note."""
        import altair as alt
        from IPython.display import display

        from workbench.themes import SCREEN_THEME, SLIDES_THEME

        if not _report_mode():
            display(self.charts[name].chart)
        else:
            renderer = alt.renderers.get()
            report = _as_bundle(renderer(self.spec(name, SCREEN_THEME)))
            slides = _as_bundle(renderer(self.spec(name, SLIDES_THEME, DECK_CHART_SIZE)))
            self._emit(report, slides)
        self._emit(self.chart_note_html(name))

    def show_table(self, name: str) -> None:
        self._emit({"sources": self.sources_html, "stances": self.stances_html, "timeline": self.timeline_html,
                    "appendix": self.appendix_html}[name]())  # fmt: skip

    def show_provenance(self) -> None:
        self._emit(self.provenance_html(), self.provenance_html(slides=True))

    def export(self, out_dir: Path | str) -> dict[str, list[Path]]:
        """Write charts/, briefing.pptx and claims.csv/.parquet into ``out_dir`` (see :func:`export_artifacts`)."""
        return export_artifacts(self, out_dir)


def _report_mode() -> bool:
    import altair as alt

    from workbench.render import REPORT_RENDERER

    return alt.renderers.active == REPORT_RENDERER


def _as_bundle(out: Any) -> dict[str, Any]:
    """A renderer's return value (a bundle, or a (bundle, metadata) pair) as a bundle."""
    return out[0] if isinstance(out, tuple) else out


# --------------------------------------------------------------------------------------------------
# Files: chart images, the deck, the ledger
# --------------------------------------------------------------------------------------------------


def _export_key(spec: dict[str, Any], formats: Sequence[str], scale: float) -> str:
    import vl_convert

    from workbench.render import FONTS_DIR

    fonts = sorted((p.name, p.stat().st_size) for p in FONTS_DIR.glob("*.ttf"))
    blob = json.dumps([spec, list(formats), scale, vl_convert.__version__, fonts], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def export_chart_cached(chart: Any, stem: Path, formats: Sequence[str] = CHART_FORMATS, scale: float = 2) -> list[Path]:
    """:func:`workbench.render.export_chart`, skipped when the same spec was already exported to these files.

    The key (spec, formats, scale, vl-convert version, fonts) and each file's sha256 are kept in
    ``.NAME.export.json`` beside the images; any mismatch re-renders.
    """
    from workbench.render import chart_spec, export_chart

    spec = chart_spec(chart)
    key = _export_key(spec, formats, scale)
    record = stem.parent / f".{stem.name}.export.json"
    outputs = [stem.parent / f"{stem.name}.{fmt}" for fmt in formats]
    try:
        saved = json.loads(record.read_text(encoding="utf-8"))
        if saved.get("key") == key and all(
            hashlib.sha256(p.read_bytes()).hexdigest() == saved["files"].get(p.name) for p in outputs
        ):
            return outputs
    except (OSError, ValueError, KeyError, AttributeError):
        pass
    written = export_chart(spec, stem, formats, scale=scale)
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in written}
    record.write_text(json.dumps({"key": key, "files": files}, sort_keys=True, indent=1) + "\n", encoding="utf-8")
    return written


def write_ledger(claims: pd.DataFrame, out_dir: Path | str) -> list[Path]:
    """``claims.csv`` (UTF-8, LF, ISO dates) and ``claims.parquet``: the ledger behind the briefing."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    csv_path, parquet_path = out / "claims.csv", out / "claims.parquet"
    text = claims.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")
    csv_path.write_bytes(text.encode("utf-8"))
    claims.to_parquet(parquet_path, index=False)
    return [csv_path, parquet_path]


def export_artifacts(brief: Briefing, out_dir: Path | str) -> dict[str, list[Path]]:
    """Chart images (slide theme, 16:9), the PPTX deck and the ledger files, under ``out_dir``."""
    from workbench.deck import DeckSlide, build_deck
    from workbench.themes import SLIDES_THEME

    out = Path(out_dir)
    charts_dir = out / "charts"
    charts_dir.mkdir(parents=True, exist_ok=True)
    images: list[Path] = []
    slides = []
    for chart in brief.charts.values():
        written = export_chart_cached(brief.spec(chart.name, SLIDES_THEME, EXPORT_SIZE), charts_dir / chart.name)
        images.extend(written)
        slides.append(DeckSlide(title=chart.title, image=charts_dir / f"{chart.name}.png", note=chart.note))
    deck = build_deck(
        out / "briefing.pptx", title=brief.title, subtitle=brief.summary_text(), slides=slides, as_of=brief.data.as_of
    )
    return {"charts": images, "deck": [deck], "ledger": write_ledger(brief.data.claims, out)}


# --------------------------------------------------------------------------------------------------
# The build: parameters -> executed notebook -> HTML + slides
# --------------------------------------------------------------------------------------------------


def notebook_variant(nb: NotebookNode, variant: str) -> NotebookNode:
    """A copy of the executed notebook for one page: ``report`` (HTML) or ``slides`` (reveal.js).

    Drops outputs made for the other page (``metadata.workbench.variant``), cells tagged for the other page or
    for the notebook only, and the (papermill) parameter cells.
    """
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {VARIANTS}, not {variant!r}")
    other = VARIANTS[1 - VARIANTS.index(variant)]
    nb = copy.deepcopy(nb)
    kept = []
    for cell in nb.cells:
        tags = set(cell.metadata.get("tags", []))
        if tags & {f"{other}-only", "notebook-only", "parameters", "injected-parameters"}:
            continue
        if cell.cell_type == "code":
            cell.outputs = [
                o for o in cell.get("outputs", [])
                if o.get("metadata", {}).get("workbench", {}).get("variant", variant) == variant
            ]  # fmt: skip
            for o in cell.outputs:
                o.get("metadata", {}).pop("workbench", None)
        kept.append(cell)
    nb.cells = kept
    return nb


def _parameterize(nb: NotebookNode, parameters: dict[str, Any]) -> NotebookNode:
    from papermill.parameterize import parameterize_notebook

    for cell in nb.cells:  # papermill reads cell.metadata.tags on every cell (its loader adds them)
        cell.metadata.setdefault("tags", [])
    nb.metadata.setdefault("papermill", {})  # likewise its metadata block (strip_volatile removes it)
    nb = parameterize_notebook(nb, parameters)
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill gives the new cell a random id
            cell.metadata["slideshow"] = {"slide_type": "skip"}
    return nb


#: Same as ``workbench.render.ENV_MODE`` (not imported here: that module imports Altair, which is what the
#: early kernel start below overlaps).
_RENDER_MODE_ENV = "WORKBENCH_RENDER_MODE"
#: Imported by the kernel while it starts, so the notebook's first cell does not wait for them.
_KERNEL_WARMUP = "import altair, pandas, vl_convert, workbench.briefing, workbench.render, workbench.workspace"


def _start_kernel(cwd: Path, env: dict[str, str] | None) -> Any:
    """Start the notebook's kernel now (warming up its imports) and return its manager.

    The kernel boots and imports in its own process while this one imports nbconvert and assembles the Vega
    bundle, so a warm rebuild costs little more than one kernel start-up. The environment matches
    :func:`workbench.htmlexport.execute_notebook` (``PYTHONHASHSEED=0``, report rendering mode).
    """
    import os

    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    kernel_env = {**os.environ, "PYTHONHASHSEED": "0", **(env or {}), _RENDER_MODE_ENV: "report"}
    km = AsyncKernelManager(kernel_name="python3")
    arguments = [f"--IPKernelApp.exec_lines={[_KERNEL_WARMUP]!r}",
                 "--IPKernelApp.log_level=ERROR"]  # not the "running over TCP without encryption" notice  # fmt: skip
    run_sync(km.start_kernel)(extra_arguments=arguments, env=kernel_env, cwd=str(cwd))
    return km


def _stop_kernel(km: Any) -> None:
    """Stop the kernel at once: the notebook has finished (or failed), nothing in it is left to save."""
    from jupyter_core.utils import run_sync

    try:
        run_sync(km.shutdown_kernel)(now=True)
    finally:
        run_sync(km.cleanup_resources)()


def build_briefing(
    inputs: Sequence[str | Path] | None = None,
    out_dir: Path | str = paths.BUILD_DIR,
    *,
    title: str | None = None,
    as_of: object = None,
    corrections: Path | str | bool | None = True,
    notebook: Path | str | None = None,
    export: bool = True,
    timeout: int = 900,
    env: dict[str, str] | None = None,
) -> dict[str, Path]:
    """Run the briefing notebook on ``inputs`` (default ``seeds/``) and write every output into ``out_dir``.

    Returns the main outputs by name (``html``, ``slides``, ``pptx``, ``csv``, ``parquet``, ``charts``).
    ``env`` is added to the kernel's environment (e.g. ``WORKBENCH_CACHE_DIR``). Raises
    :class:`~workbench.errors.WorkbenchError` with the failing cell's error when the notebook fails.
    """
    notebook = Path(notebook) if notebook else NOTEBOOK
    out = Path(out_dir).resolve()
    inputs = [paths.SEEDS_DIR] if not inputs else list(inputs)
    missing = [str(p) for p in inputs if not Path(p).exists()]
    if missing:
        raise WorkbenchError(f"no such article file or folder: {', '.join(missing)}")
    if isinstance(corrections, str | Path) and not Path(corrections).exists():
        raise WorkbenchError(f"no such corrections file: {corrections}")
    if not notebook.exists():
        raise WorkbenchError(f"no briefing notebook at {notebook}")
    parameters = {
        "articles": [str(Path(p).resolve()) for p in inputs],
        "title": title or DEFAULT_TITLE,
        "as_of": _iso_date(as_of),
        "corrections": str(Path(corrections).resolve()) if isinstance(corrections, str | Path) else corrections,
        "out_dir": str(out),
        "export": export,
    }
    km = _start_kernel(notebook.parent, env)
    pool = None
    try:
        from concurrent.futures import ThreadPoolExecutor

        from workbench.render import vega_bundle

        # The pages inline the Vega bundle, which vl-convert takes seconds to assemble (in Rust, without the GIL):
        # start it now, so it runs alongside the imports below and the kernel, instead of after them.
        pool = ThreadPoolExecutor(max_workers=1)
        bundle = pool.submit(vega_bundle)

        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError

        from workbench.htmlexport import export_html, export_slides, read_notebook, strip_volatile

        nb = _parameterize(read_notebook(notebook), parameters)
        out.mkdir(parents=True, exist_ok=True)
        client = NotebookClient(nb, km=km, timeout=timeout, kernel_name="python3", record_timing=False,
                                resources={"metadata": {"path": str(notebook.parent)}})  # fmt: skip
        try:
            client.execute()
        except CellExecutionError as exc:
            raise WorkbenchError(f"the briefing notebook failed: {str(exc).strip().splitlines()[-1]}") from exc
        bundle.result()
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
        _stop_kernel(km)
    executed = strip_volatile(nb)
    page_title = parameters["title"]
    result = {
        "html": export_html(notebook_variant(executed, "report"), out / "briefing.html", title=page_title),
        "slides": export_slides(notebook_variant(executed, "slides"), out / "briefing.slides.html",
                                title=page_title, width=1280, height=720),
    }  # fmt: skip
    if export:
        result.update(
            pptx=out / "briefing.pptx", csv=out / "claims.csv", parquet=out / "claims.parquet", charts=out / "charts"
        )
    return result
