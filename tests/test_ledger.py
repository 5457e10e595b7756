"""The cached ledger: hits, misses, invalidation, corrupt and orphan segments, ids, SQL and offsets (real spaCy)."""

from __future__ import annotations

import shutil
import warnings

import pandas as pd
import pytest

import workbench.ledger as ledger_mod
from workbench.ledger import build_ledger, ledger_sql, store_dir

TABLES = ("claims", "stances", "places")


def _assert_same_tables(a, b) -> None:
    for table in TABLES:
        pd.testing.assert_frame_equal(a.table(table).reset_index(drop=True), b.table(table).reset_index(drop=True))


def _build(inputs, cache, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a healthy cache never warns
        return build_ledger(inputs, cache=cache, progress=False, **kwargs)


@pytest.fixture(scope="module")
def warm(tmp_path_factory, seeds_dir):
    """One cold build of the seeds into a cache (batch_size=1: one segment per article), reused by copying."""
    cache = tmp_path_factory.mktemp("warm-cache")
    cold = build_ledger([seeds_dir], cache=cache, progress=False, batch_size=1)
    return cache, cold


@pytest.fixture
def warm_copy(warm, tmp_path):
    cache, cold = warm
    copy = tmp_path / "cache"
    shutil.copytree(cache, copy)
    return copy, cold


def test_cache_miss_then_hit(tmp_path, seeds_dir):
    cache = tmp_path / "cache"
    first = _build([seeds_dir], cache)
    assert first.stats == {"articles": 5, "parsed": 5, "cached": 0}
    assert len(first.claims) > 0
    second = _build([seeds_dir], cache)
    assert second.stats == {"articles": 5, "parsed": 0, "cached": 5}
    _assert_same_tables(first, second)


def test_cold_batched_build_matches_unbatched(warm, seed_ledger):
    _, cold = warm
    assert cold.stats == {"articles": 5, "parsed": 5, "cached": 0}
    _assert_same_tables(cold, seed_ledger)


def test_changed_article_reparses_only_that_one(warm_copy, tmp_path, seeds_dir):
    cache, cold = warm_copy
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    changed = corpus / "002_c660a855ca50e628.txt"
    # append a sentence to the article body (text after the site's "Source link" footer is boilerplate)
    original = changed.read_text(encoding="utf-8")
    assert "\n\nSource link" in original
    changed.write_text(
        original.replace("\n\nSource link", "\n\nOfficials said 2,000 more soldiers arrived.\n\nSource link", 1),
        encoding="utf-8",
    )
    again = _build([corpus], cache, manifest=False)
    assert again.stats == {"articles": 5, "parsed": 1, "cached": 4}
    doc = changed.stem
    # the untouched articles give the same claims; the edited one gained the appended figure
    keep = cold.claims[cold.claims.doc_id != doc].reset_index(drop=True)
    pd.testing.assert_frame_equal(again.claims[again.claims.doc_id != doc].reset_index(drop=True), keep)
    assert "2,000" in again.claims[again.claims.doc_id == doc].number_text.tolist()
    # and a further run is all cache
    assert _build([corpus], cache, manifest=False).stats == {"articles": 5, "parsed": 0, "cached": 5}


def test_pipeline_version_change_invalidates(warm_copy, seeds_dir, monkeypatch):
    cache, cold = warm_copy
    old_root = store_dir(cache)
    monkeypatch.setattr(ledger_mod, "PIPELINE_VERSION", "999.0.0-test")
    new_root = store_dir(cache)
    assert new_root != old_root
    assert "999.0.0-test" in new_root.name
    rebuilt = _build([seeds_dir], cache)
    assert rebuilt.stats == {"articles": 5, "parsed": 5, "cached": 0}
    assert list((new_root / "segments").glob("*.done.parquet"))
    _assert_same_tables(rebuilt, cold)


def test_corrupt_segment_is_detected_and_rebuilt(warm_copy, seeds_dir):
    cache, cold = warm_copy
    victim = sorted((store_dir(cache) / "segments").glob("*.claims.parquet"))[0]
    victim.write_bytes(victim.read_bytes()[:10])
    with pytest.warns(UserWarning, match="unreadable"):
        rebuilt = build_ledger([seeds_dir], cache=cache, progress=False)
    assert rebuilt.stats == {"articles": 5, "parsed": 1, "cached": 4}
    _assert_same_tables(rebuilt, cold)
    # repaired: the next run is clean and all cache
    assert _build([seeds_dir], cache).stats == {"articles": 5, "parsed": 0, "cached": 5}


def test_orphan_segment_without_done_is_redone(warm_copy, seeds_dir):
    cache, cold = warm_copy
    segments = store_dir(cache) / "segments"
    done = sorted(segments.glob("*.done.parquet"))[1]
    done.unlink()  # a writer killed after the tables but before the done marker
    again = _build([seeds_dir], cache)
    assert again.stats == {"articles": 5, "parsed": 1, "cached": 4}
    _assert_same_tables(again, cold)
    assert done.exists()
    assert _build([seeds_dir], cache).stats == {"articles": 5, "parsed": 0, "cached": 5}


def test_same_content_under_two_names_keeps_per_corpus_ids(warm_copy, tmp_path, seeds_dir):
    cache, _ = warm_copy
    seed = sorted(seeds_dir.glob("*.txt"))[0]
    ids = {}
    for name in ("alpha_report", "beta_report"):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(seed, folder / f"{name}.txt")
        led = _build([folder], cache, manifest=False)
        assert led.stats == {"articles": 1, "parsed": 0, "cached": 1}  # content already cached from the seeds
        assert len(led.claims) > 0
        for table in TABLES:
            assert set(led.table(table).doc_id) <= {name}
        assert (led.claims.claim_id == led.claims.doc_id + ":" + led.claims.start_char.astype(str)).all()
        ids[name] = led.claims
    a, b = ids["alpha_report"], ids["beta_report"]
    assert a.start_char.tolist() == b.start_char.tolist()
    assert set(a.claim_id).isdisjoint(b.claim_id)


def test_claim_ids_are_doc_id_and_start(seed_ledger):
    claims = seed_ledger.claims
    assert (claims.claim_id == claims.doc_id + ":" + claims.start_char.astype(str)).all()
    assert claims.claim_id.is_unique


def test_ledger_sql_counts_claims(warm):
    cache, cold = warm
    out = ledger_sql("select count(*) as n from claims", cache=cache)
    assert int(out.n.iloc[0]) == len(cold.claims)
    per_doc = ledger_sql("select doc_id, count(*) as n from claims group by doc_id order by doc_id", cache=cache)
    assert (
        dict(zip(per_doc.doc_id, per_doc.n.astype(int), strict=True)) == cold.claims.groupby("doc_id").size().to_dict()
    )


def test_claim_offsets_are_valid(seed_ledger):
    text = dict(zip(seed_ledger.articles.doc_id, seed_ledger.articles.text, strict=True))
    assert len(seed_ledger.claims) > 0
    for row in seed_ledger.claims.itertuples():
        assert text[row.doc_id][row.start_char : row.end_char] == row.number_text, row.claim_id
        assert row.number_text in row.sentence, row.claim_id


def test_stance_offsets_are_valid(seed_ledger):
    text = dict(zip(seed_ledger.articles.doc_id, seed_ledger.articles.text, strict=True))
    assert len(seed_ledger.stances) > 0
    for row in seed_ledger.stances.itertuples():
        assert text[row.doc_id][row.start_char : row.end_char].strip() == row.sentence.strip(), row


def test_articles_without_any_rows_reopen_from_the_cache(tmp_path):
    """A segment whose tables are all empty (null-typed columns in Parquet) must read back, not crash."""
    from workbench.ledger import build_ledger

    folder = tmp_path / "quiet"
    folder.mkdir()
    (folder / "quiet.txt").write_text("Title\n\nNothing about troops here.\n", encoding="utf-8")
    first = build_ledger([folder], cache=tmp_path / "cache", progress=False)
    again = build_ledger([folder], cache=tmp_path / "cache", progress=False)
    assert again.stats["cached"] == 1 and len(again.claims) == len(first.claims) == 0
