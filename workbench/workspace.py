"""What a notebook or the briefing opens: the ledger for a corpus, corrections applied, tables joined.

``open_ledger(["seeds"])`` reads the cached ledger (building it once, with a progress bar, when articles are
new), applies ``data/corrections.csv`` when present, and offers the joined views every chart needs, so no
notebook re-runs spaCy or re-implements a join.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from workbench.corrections import CorrectionReport, apply_corrections, default_corrections_path, read_corrections
from workbench.estimates import build_estimates
from workbench.ledger import Ledger, build_ledger

ARTICLE_CONTEXT = ["doc_id", "title", "outlet", "published"]


@dataclass
class Workspace:
    """A ledger with corrections applied and its derived views."""

    ledger: Ledger
    corrections: CorrectionReport = field(default_factory=CorrectionReport)
    corrections_path: Path | None = None

    @property
    def articles(self) -> pd.DataFrame:
        return self.ledger.articles

    @property
    def report(self) -> pd.DataFrame:
        return self.ledger.report

    @cached_property
    def claims(self) -> pd.DataFrame:
        """Claims (corrections applied) joined with the article's title, outlet and publication date."""
        claims, self.corrections = apply_corrections(self.ledger.claims, read_corrections(self.corrections_path))
        return _with_articles(claims, self.articles)

    @cached_property
    def stances(self) -> pd.DataFrame:
        return _with_articles(self.ledger.stances, self.articles)

    @cached_property
    def places(self) -> pd.DataFrame:
        places = self.ledger.places.copy()
        if places.empty:
            places["claims"] = pd.Series(dtype="int64")
            return places
        tied = self.claims.dropna(subset=["place"]).groupby(["doc_id", "place"]).size().rename("claims")
        places = places.merge(tied, left_on=["doc_id", "place"], right_index=True, how="left")
        places["claims"] = places["claims"].fillna(0).astype("int64")
        return places

    @cached_property
    def estimates(self) -> pd.DataFrame:
        return build_estimates(self.claims, self.articles, self.stances)


def _with_articles(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    context = articles[ARTICLE_CONTEXT].drop_duplicates("doc_id")
    out = frame.drop(columns=[c for c in ARTICLE_CONTEXT[1:] if c in frame.columns]).merge(
        context, on="doc_id", how="left"
    )
    return out.reset_index(drop=True)


def open_ledger(
    inputs: Sequence[str | Path],
    *,
    corrections: Path | str | bool | None = True,
    use_cache: bool = True,
    progress: bool | None = None,
    **kwargs: object,
) -> Workspace:
    """The workspace for files/folders: cached ledger + corrections (``True`` = ``data/corrections.csv``)."""
    path = default_corrections_path() if corrections is True else (Path(corrections) if corrections else None)
    ledger = build_ledger(list(inputs), use_cache=use_cache, progress=progress, **kwargs)  # type: ignore[arg-type]
    workspace = Workspace(ledger=ledger, corrections_path=path)
    _ = workspace.claims  # apply corrections now so the report is ready
    return workspace
