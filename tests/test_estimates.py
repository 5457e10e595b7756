"""Estimates (consolidation, independence, disputes, denials) and analyst corrections, on the real seed ledger."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from workbench.corrections import append_correction, apply_corrections, read_corrections
from workbench.estimates import build_estimates, lineage, origin_of


@pytest.fixture(scope="module")
def seed_estimates(seed_ledger):
    stances = seed_ledger.stances.merge(seed_ledger.articles[["doc_id", "published"]], on="doc_id")
    return build_estimates(seed_ledger.claims, seed_ledger.articles, stances)


def _one(estimates, category, status, low, high):
    rows = estimates[
        (estimates.category == category)
        & (estimates.status == status)
        & (estimates.low == low)
        & (estimates.high == high)
    ]
    assert len(rows) == 1, estimates[["category", "status", "low", "high"]]
    return rows.iloc[0]


def test_the_3000_figure_from_several_articles_is_one_estimate(seed_estimates):
    row = _one(seed_estimates, "deployment", "sent", 3000, 3000)
    assert row.n_articles >= 3 and row.n_claims >= 4
    assert {"Lloyd Austin", "John Kirby"} <= set(row.sources)
    # South Korea's NIS, its lawmaker and "South Korea" are one voice; Austin and Kirby are another
    assert row.n_independent == 2


def test_training_figures_of_zelensky_and_hur_are_distinct_and_disputed(seed_estimates):
    zelensky = _one(seed_estimates, "deployment", "training", 10000, 10000)
    hur = _one(seed_estimates, "deployment", "training", 11000, 11000)
    assert zelensky.estimate_id != hur.estimate_id
    assert "Volodymyr Zelensky" in zelensky.sources and "Ukraine HUR" in hur.sources
    assert zelensky.disputed and hur.disputed and hur.estimate_id in zelensky.disputed_with


def test_denials_stand_next_to_the_deployment_estimates(seed_estimates):
    row = _one(seed_estimates, "deployment", "sent", 3000, 3000)
    assert {"Dmitry Peskov", "Maria Zakharova", "Alexander Lukashenko"} <= set(row.denied_by)
    army = seed_estimates[seed_estimates.category == "army_size"]
    assert all(not d for d in army.denied_by)


def test_independence_follows_a_relay_chain():
    claims = pd.DataFrame(
        [
            # a lawmaker relaying the spy agency, a paper quoting the lawmaker, and the agency itself: one voice
            {
                "claim_id": "a:1",
                "doc_id": "a",
                "source": "Lee Seong-kweun",
                "via": "South Korea NIS",
                "source_type": "lawmaker",
                "source_country": "South Korea",
            },
            {
                "claim_id": "b:1",
                "doc_id": "b",
                "source": "Yonhap",
                "via": "South Korea NIS",
                "source_type": "media",
                "source_country": "media",
            },
            {
                "claim_id": "c:1",
                "doc_id": "c",
                "source": "South Korea NIS",
                "via": None,
                "source_type": "intelligence",
                "source_country": "South Korea",
            },
            # an independent voice
            {
                "claim_id": "d:1",
                "doc_id": "d",
                "source": "Ukraine HUR",
                "via": None,
                "source_type": "intelligence",
                "source_country": "Ukraine",
            },
        ]
    )
    for column, value in {
        "category": "deployment",
        "status": "sent",
        "low": 3000,
        "high": 3000,
        "start_char": 1,
    }.items():
        claims[column] = value
    assert {origin_of(row) for _, row in claims.iloc[:3].iterrows()} == {"official:South Korea"}
    estimates = build_estimates(claims)
    assert estimates.iloc[0].n_claims == 4 and estimates.iloc[0].n_articles == 4
    assert estimates.iloc[0].n_independent == 2


def test_lineage_orders_by_publication(seed_ledger, seed_estimates):
    row = _one(seed_estimates, "deployment", "sent", 3000, 3000)
    table = lineage(seed_ledger.claims, seed_ledger.articles, row.claim_ids)
    assert table["published"].is_monotonic_increasing
    assert set(table["claim_id"]) == set(row.claim_ids)


def test_corrections_apply_reject_add_and_report_stale(tmp_path, seed_ledger):
    claims = seed_ledger.claims
    target = claims.iloc[0].claim_id
    wrong = claims.iloc[1].claim_id
    path = tmp_path / "corrections.csv"
    append_correction(path, target, "source", "South Korea NIS", note="lede is NIS", who="analyst")
    append_correction(path, target, "hedged", "true")
    append_correction(path, wrong, "reject", "", note="false positive")
    append_correction(path, "gone:123", "status", "sent")
    append_correction(path, target, "nonsense_column", "x")
    append_correction(
        path,
        "000_1aed58ddc104b9dd:99999",
        "add",
        {
            "doc_id": "000_1aed58ddc104b9dd",
            "number_text": "12,000",
            "low": 12000,
            "high": 12000,
            "category": "deployment",
            "status": "expected",
            "source": "South Korea NIS",
        },
    )
    corrected, report = apply_corrections(claims, read_corrections(path))
    row = corrected.set_index("claim_id").loc[target]
    assert row.source == "South Korea NIS" and bool(row.hedged) and bool(row.corrected)
    assert wrong not in set(corrected.claim_id)
    assert "000_1aed58ddc104b9dd:99999" in set(corrected.claim_id)
    assert report.n_applied == 4 and len(report.stale) == 1 and len(report.invalid) == 1
    assert report.stale[0]["claim_id"] == "gone:123"
    frame = report.frame()
    assert set(frame.outcome) == {"applied", "stale", "invalid"}
    # the file is plain CSV with the documented header
    assert path.read_text(encoding="utf-8").splitlines()[0] == "claim_id,field,value,note,who,when"
    assert json.loads(read_corrections(path).iloc[-1].value)["number_text"] == "12,000"


def test_corrections_survive_a_cache_rebuild(tmp_path, seeds_dir):
    from workbench.ledger import build_ledger

    first = build_ledger([seeds_dir], cache=tmp_path / "c1", progress=False)
    target = first.claims.iloc[2].claim_id
    path = tmp_path / "corrections.csv"
    append_correction(path, target, "status", "front")
    rebuilt = build_ledger([seeds_dir], cache=tmp_path / "c2", use_cache=False, progress=False)
    corrected, report = apply_corrections(rebuilt.claims, read_corrections(path))
    assert corrected.set_index("claim_id").loc[target, "status"] == "front" and report.n_applied == 1


def test_workspace_joins_articles_and_applies_corrections(tmp_path, seeds_dir):
    from workbench import open_ledger

    plain = open_ledger([seeds_dir], corrections=False, cache=tmp_path / "c", progress=False)
    assert {"title", "outlet", "published"} <= set(plain.claims.columns)
    assert plain.places.set_index(["doc_id", "place"])["claims"].sum() > 0
    path = tmp_path / "corr.csv"
    append_correction(path, plain.claims.iloc[0].claim_id, "reject", "")
    corrected = open_ledger([seeds_dir], corrections=path, cache=tmp_path / "c", progress=False)
    assert len(corrected.claims) == len(plain.claims) - 1 and corrected.corrections.n_applied == 1
    assert not corrected.estimates.empty


def test_cli_estimates_and_corrections(tmp_path, seeds_dir, workbench_cmd, seed_ledger):
    import os
    import subprocess

    env = {**os.environ, "WORKBENCH_CACHE_DIR": str(tmp_path / "cache")}
    out = tmp_path / "estimates.jsonl"
    done = subprocess.run(
        [*workbench_cmd, "estimates", str(seeds_dir), "-o", str(out), "-q"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {
        "estimate_id",
        "category",
        "status",
        "low",
        "high",
        "claim_ids",
        "sources",
        "n_articles",
        "n_independent",
        "primary_source",
        "first_published",
        "disputed",
        "denied_by",
    } <= set(rows[0])
    three = next(r for r in rows if r["category"] == "deployment" and r["status"] == "sent" and r["low"] == 3000)
    assert isinstance(three["claim_ids"], list) and len(three["claim_ids"]) >= 4
    corrections = tmp_path / "corrections.csv"
    target = seed_ledger.claims.iloc[0].claim_id
    append_correction(corrections, target, "reject", "")
    append_correction(corrections, "nope:1", "status", "sent")
    claims_out = tmp_path / "claims.csv"
    done = subprocess.run(
        [*workbench_cmd, "claims", str(seeds_dir), "-o", str(claims_out), "-q", "--corrections", str(corrections)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "stale correction nope:1" in done.stderr
    assert target not in set(pd.read_csv(claims_out).claim_id)
