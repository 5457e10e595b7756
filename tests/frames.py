"""Hand-made ledger rows for chart and widget tests (the claims columns of DESIGN.md plus article context)."""

from __future__ import annotations

from typing import Any

import pandas as pd


def claim_row(**kw: Any) -> dict[str, Any]:
    """One claims row with neutral defaults; keyword arguments override any column."""
    row: dict[str, Any] = {
        "claim_id": None, "doc_id": "d1", "number_text": None, "start_char": 0, "end_char": 5,
        "sentence": "s", "low": None, "high": None, "qualifier": None, "unit": "soldier",
        "category": "deployment", "status": None, "source": None, "source_mention": None,
        "source_type": None, "source_country": None, "via": None, "place": None, "date_text": None,
        "hedged": False, "title": "t", "outlet": "o", "published": pd.NaT,
    }  # fmt: skip
    row.update(kw)
    return row
