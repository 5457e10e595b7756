"""Analyst workbench: a claims ledger (who says how many North Korean troops are where) from news articles.

The public API returns pandas DataFrames; the extractor is also a set of registered spaCy components
(``workbench_claims``, ``workbench_stances``, ``workbench_places``).
"""

from workbench.corpus import Corpus, ingest, load_articles

__all__ = [
    "Corpus",
    "build_ledger",
    "extract_claims",
    "extract_places",
    "extract_stances",
    "ingest",
    "ledger_sql",
    "load_articles",
    "open_ledger",
]
__version__ = "0.1.0"


def __getattr__(name: str):
    # spaCy and pyarrow load only when the ledger is asked for: `load_articles` stays quick to import.
    if name in {"build_ledger", "extract_claims", "extract_stances", "extract_places", "ledger_sql"}:
        from workbench import ledger

        return getattr(ledger, name)
    if name == "open_ledger":
        from workbench.workspace import open_ledger

        return open_ledger
    raise AttributeError(f"module 'workbench' has no attribute {name!r}")
