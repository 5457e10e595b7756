"""Analyst corrections: fix an extraction once and keep it fixed across re-extraction and pipeline upgrades.

``data/corrections.csv`` (or ``--corrections FILE``) holds one row per correction:

    claim_id, field, value, note, who, when

* ``field`` = a claims column (``source``, ``status``, ``low``...) -> that cell is set to ``value``;
* ``field`` = ``reject`` -> the claim is a false positive and is dropped;
* ``field`` = ``accept`` -> an analyst checked the claim as extracted (recorded, nothing changes);
* ``field`` = ``add`` -> ``value`` is a JSON object with the claims columns of a claim the extractor missed.

Corrections are applied after extraction on every load, keyed by ``claim_id`` (``doc_id:start_char``), which
does not change when the pipeline does. A correction whose claim no longer exists is reported, never silently
dropped.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from workbench import paths

CORRECTION_COLUMNS = ["claim_id", "field", "value", "note", "who", "when"]
INT_FIELDS = {"low", "high", "start_char", "end_char"}
BOOL_FIELDS = {"hedged"}


@dataclass
class CorrectionReport:
    """What happened to each correction row: applied, stale (claim gone) or invalid (and why)."""

    applied: list[dict] = field(default_factory=list)
    stale: list[dict] = field(default_factory=list)
    invalid: list[dict] = field(default_factory=list)

    @property
    def n_applied(self) -> int:
        return len(self.applied)

    def frame(self) -> pd.DataFrame:
        rows = [{**r, "outcome": "applied"} for r in self.applied]
        rows += [{**r, "outcome": "stale"} for r in self.stale]
        rows += [{**r, "outcome": "invalid"} for r in self.invalid]
        return pd.DataFrame(rows, columns=[*CORRECTION_COLUMNS, "outcome", "reason"])


def default_corrections_path() -> Path | None:
    return paths.CORRECTIONS_PATH if paths.CORRECTIONS_PATH.exists() else None


def read_corrections(path: Path | str | None) -> pd.DataFrame:
    """The corrections table (empty when there is no file); unknown columns are ignored."""
    if path is None or not Path(path).exists():
        return pd.DataFrame(columns=CORRECTION_COLUMNS)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    for column in CORRECTION_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    return frame[CORRECTION_COLUMNS]


def _coerce(field_name: str, value: str) -> object:
    if value == "":
        return None
    if field_name in INT_FIELDS:
        return int(float(value))
    if field_name in BOOL_FIELDS:
        if value.strip().lower() not in {"true", "false", "1", "0", "yes", "no"}:
            raise ValueError(f"{field_name} must be true or false, not {value!r}")
        return value.strip().lower() in {"true", "1", "yes"}
    return value


def apply_corrections(claims: pd.DataFrame, corrections: pd.DataFrame) -> tuple[pd.DataFrame, CorrectionReport]:
    """Claims with corrections applied, in file order (a later row wins), and a report of every row."""
    report = CorrectionReport()
    out = claims.copy()
    if "corrected" not in out.columns:
        out["corrected"] = False
    index = {cid: i for i, cid in enumerate(out["claim_id"])} if len(out) else {}
    rejected: set[str] = set()
    added: list[dict] = []
    for row in corrections.to_dict("records"):
        claim_id, name, value = row["claim_id"], row["field"].strip(), row["value"]
        if name == "add":
            try:
                record = json.loads(value)
                if not isinstance(record, dict):
                    raise ValueError("value must be a JSON object")
            except ValueError as exc:
                report.invalid.append({**row, "reason": f"add: {exc}"})
                continue
            record.setdefault("claim_id", claim_id)
            record["corrected"] = True
            added.append(record)
            report.applied.append({**row, "reason": ""})
            continue
        if claim_id not in index or claim_id in rejected:
            report.stale.append({**row, "reason": "no such claim in this ledger (text or pipeline changed?)"})
            continue
        if name == "accept":
            report.applied.append({**row, "reason": ""})
            continue
        if name == "reject":
            rejected.add(claim_id)
            report.applied.append({**row, "reason": ""})
            continue
        if name not in out.columns or name in {"claim_id", "doc_id"}:
            report.invalid.append({**row, "reason": f"{name!r} is not a correctable claims column"})
            continue
        try:
            coerced = _coerce(name, value)
        except ValueError as exc:
            report.invalid.append({**row, "reason": str(exc)})
            continue
        position = index[claim_id]
        out.iloc[position, out.columns.get_loc(name)] = coerced
        out.iloc[position, out.columns.get_loc("corrected")] = True
        report.applied.append({**row, "reason": ""})
    out = out[~out["claim_id"].isin(rejected)]
    if added:
        out = pd.concat([out, pd.DataFrame(added)], ignore_index=True)
    return out.reset_index(drop=True), report


def append_correction(
    path: Path | str,
    claim_id: str,
    field_name: str,
    value: object,
    note: str = "",
    who: str = "",
    when: str | None = None,
) -> None:
    """Add one correction row (the review notebook's writer); creates the file with its header."""
    path = Path(path)
    new = not path.exists() or path.stat().st_size == 0
    when = when or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    with open(path, "a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        if new:
            writer.writerow(CORRECTION_COLUMNS)
        writer.writerow([claim_id, field_name, "" if value is None else str(value), note, who, when])
