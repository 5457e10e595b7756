"""Consensus / lineage / disputes charts (through their Vega-Lite specs) and the claim reviewer panel
(real ipywidgets, clicked through the widget API; corrections written to a tmp file)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from workbench import charts, paths, widgets
from workbench.corrections import apply_corrections, read_corrections
from workbench.estimates import lineage


@pytest.fixture(scope="module")
def ws():
    from workbench.workspace import open_ledger

    return open_ledger([paths.SEEDS_DIR], progress=False, corrections=None)


def _rows(spec: dict) -> list[dict]:
    return [r for values in spec.get("datasets", {}).values() for r in values]


def _sent_3000(estimates: pd.DataFrame) -> pd.Series:
    e = estimates
    return e[(e["category"] == "deployment") & (e["status"] == "sent") & (e["low"] == 3000)].iloc[0]


def test_consensus_band_spans_live_estimates_and_is_deterministic(ws) -> None:
    chart = charts.consensus_band(ws.estimates)
    spec = chart.to_dict()
    assert json.dumps(spec) == json.dumps(charts.consensus_band(ws.estimates).to_dict())
    assert [p["name"] for p in spec["params"]] == [charts.CONSENSUS_PARAM]
    rows = _rows(spec)
    points = [r for r in rows if "estimate_id" in r]
    assert any(r["figure"] == "3,000" and r["status"] == "sent" and r["n_independent"] == 2 for r in points)
    band = [r for r in rows if "min_low" in r]
    sent = [r for r in band if r["status"] == "sent"]
    assert min(r["min_low"] for r in sent) == 1500 and max(r["max_high"] for r in sent) == 10000
    assert all(r["min_low"] <= r["max_high"] for r in band)
    assert {r["status"] for r in band} == {"sent", "training", "expected"}
    assert "no data" in str(charts.consensus_band(ws.estimates.iloc[0:0]).to_dict()["title"])


def test_consensus_band_aggregates_many_estimates() -> None:
    n = 6000
    frame = pd.DataFrame({
        "estimate_id": [f"e{i}" for i in range(n)], "category": "deployment", "status": "sent",
        "low": range(1, n + 1), "high": range(1, n + 1), "sources": [["x"]] * n, "n_claims": 1,
        "n_independent": 1, "first_published": pd.Timestamp("2024-10-01") + pd.to_timedelta(range(n), "h"),
        "last_published": pd.NaT, "disputed": False, "disputed_with": [[]] * n, "denied_by": [[]] * n,
    })  # fmt: skip
    spec = charts.consensus_band(frame).to_dict()  # no MaxRowsError
    assert all(len(v) <= 5000 for v in spec["datasets"].values())


def test_lineage_chart_orders_sources_by_first_publication(ws) -> None:
    row = _sent_3000(ws.estimates)
    frame = lineage(ws.claims, ws.articles, row["claim_ids"])
    assert len(frame) == 5 and frame["published"].is_monotonic_increasing
    spec = charts.lineage_chart(frame).to_dict()
    rows = _rows(spec)
    assert rows[0]["note"] == "first" and rows[0]["day"] == "2024-10-23"
    assert {r["origin"] for r in rows} == {"official:South Korea", "official:United States"}
    assert any(r["source"] == "Lloyd Austin" and r["day"] == "2024-10-28" for r in rows)
    assert all(r["sentence"] for r in rows)
    y = spec["layer"][0]["encoding"]["y"]
    assert y["sort"][-1] == "Lloyd Austin"
    assert "no data" in str(charts.lineage_chart(frame.iloc[0:0]).to_dict()["title"])


def test_disputes_chart_lists_disputed_estimates_and_deniers(ws) -> None:
    spec = charts.disputes_chart(ws.estimates).to_dict()
    rows = _rows(spec)
    training = {r["figure"]: r for r in rows if r["status"] == "training"}
    assert training["10,000"]["held_by"] == "Volodymyr Zelensky"
    assert training["11,000"]["held_by"] == "Ukraine HUR"
    assert "10,000" in training["11,000"]["against"]
    assert all("North Korea" in r["denied"] for r in rows)
    assert not any(r["figure"] == "600,000" for r in rows)  # army size is never disputed
    assert "no data" in str(charts.disputes_chart(ws.estimates.iloc[0:0]).to_dict()["title"])


def test_estimate_lineage_panel_switches_estimate(ws) -> None:
    panel = widgets.estimate_lineage(ws, wait=0)
    sent = _sent_3000(ws.estimates)
    panel.estimate.value = sent["estimate_id"]
    assert len(panel.table) == 5 and "Lloyd Austin" in set(panel.table["source"])
    assert "2 independent" in panel.summary.value and "North Korea" in panel.summary.value
    assert panel.area.chart is panel.chart


def test_highlight_figure_escapes_and_marks() -> None:
    out = widgets.highlight_figure("<b>3,000</b> troops, not 3,000", "3,000", offset=3)
    assert out == "&lt;b&gt;<mark>3,000</mark>&lt;/b&gt; troops, not 3,000"
    assert widgets.highlight_figure("no figure <x>", "12") == "no figure &lt;x&gt;"


def test_claim_reviewer_writes_corrections_and_refreshes(ws, tmp_path) -> None:
    path = tmp_path / "corrections.csv"
    panel = widgets.claim_reviewer(ws, path, who="tester", wait=0)
    first = panel.claim_id
    assert "<mark>" in panel.sentence.value and panel.who.value == "tester"
    panel.reject.click()
    rows = read_corrections(path)
    assert list(rows[["claim_id", "field", "who"]].iloc[0]) == [first, "reject", "tester"]
    assert "rejected" in panel.where.value
    panel.next.click()
    second = panel.claim_id
    assert second != first
    panel.fields["status"].value = "front"
    panel.fields["low"].value = "2,500"
    panel.note.value = "misread"
    panel.save.click()
    rows = read_corrections(path)
    assert [tuple(r) for r in rows[["claim_id", "field", "value", "note"]].iloc[1:].to_numpy()] == [
        (second, "status", "front", "misread"),
        (second, "low", "2500", "misread"),
    ]
    panel.save.click()  # nothing changed: no new row
    assert len(read_corrections(path)) == 3 and "nothing changed" in panel.message.value
    panel.next.click()
    third = panel.claim_id
    panel.accept.click()
    corrected, report = apply_corrections(ws.ledger.claims, read_corrections(path))
    assert first not in set(corrected["claim_id"])
    fixed = corrected[corrected["claim_id"] == second].iloc[0]
    assert fixed["status"] == "front" and fixed["low"] == 2500 and fixed["corrected"]
    assert not corrected[corrected["claim_id"] == third].iloc[0]["corrected"]  # accepted as extracted
    assert report.n_applied == 4 and not report.invalid
    panel.only_uncorrected.value = True
    assert {first, second, third}.isdisjoint(panel.claim_ids())
    assert panel.claim_id not in {first, second, third}
