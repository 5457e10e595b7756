"""The fast path (full model only on lines that need it) against the full pipeline: same tables, valid offsets."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

from workbench import paths
from workbench.engines import ChunkedParser, Extractor, Prefilter, line_starts

EVAL = Path(__file__).parent / "eval"
LABELLED = {
    "seeds": sorted(paths.SEEDS_DIR.glob("*.txt")),
    "dev": sorted((EVAL / "dev").glob("*.txt")),
    "dev2-9": sorted(EVAL.glob("dev[2-9]/*.txt")),
    "dev10-19": sorted(EVAL.glob("dev1[0-9]/*.txt")),
    "dev20-29": sorted(EVAL.glob("dev2[0-9]/*.txt")),
    "holdout": sorted((EVAL / "holdout").glob("*.txt")),
}

pytestmark = pytest.mark.slow


def _records(texts: list[tuple[str, str]]) -> list[dict]:
    return [
        {"text": text, "doc_id": name, "sha256": f"sha-{i}", "english": True} for i, (name, text) in enumerate(texts)
    ]


def _assert_same(full: list, fast: list, records: list[dict]) -> None:
    assert len(full) == len(fast) == len(records)
    for record, (sha_a, a), (sha_b, b) in zip(records, full, fast, strict=True):
        assert sha_a == sha_b == record["sha256"]
        for table in ("claims", "stances", "places"):
            assert a[table] == b[table], f"{record['doc_id']}: {table} differ"


@pytest.fixture(scope="module")
def extractors(nlp):
    return Extractor("full", nlp), Extractor("fast", nlp)


@pytest.fixture(scope="module")
def generated():
    sys.path.insert(0, str(paths.PROJ_ROOT))
    from bench.corpus import iter_articles

    return list(iter_articles(24, seed=11))


@pytest.mark.parametrize("name", list(LABELLED))
def test_fast_path_equals_full_pipeline_on_labelled_sets(extractors, name):
    files = LABELLED[name]
    assert files
    records = _records([(f.stem, f.read_text(encoding="utf-8")) for f in files])
    full, fast = extractors
    _assert_same(list(full.run(records)), list(fast.run(records)), records)


def test_fast_path_equals_full_pipeline_on_generated_corpus(extractors, generated):
    records = _records(generated)
    full, fast = extractors
    before = dict(fast.parser.stats)
    fast_rows = list(fast.run(records))
    _assert_same(list(full.run(records)), fast_rows, records)
    assert sum(len(t["claims"]) for _, t in fast_rows) >= 2 * len(records)  # the corpus has figures to find
    # and the fast path did skip the model somewhere (background paragraphs)
    model = fast.parser.stats["model_tokens"] - before["model_tokens"]
    assert model < fast.parser.stats["tokens"] - before["tokens"]


def test_assembled_doc_matches_whole_document_parse(nlp):
    """Lines parsed in padded chunks carry the whole-document annotations; line starts stay sentence starts."""
    text = LABELLED["seeds"][0].read_text(encoding="utf-8")
    whole = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name not in ("workbench_claims", "workbench_stances", "workbench_places"):
            whole = component(whole)
    chunked = ChunkedParser(nlp)
    doc = chunked(text)
    assert doc.text == text and len(doc) == len(whole)
    starts = line_starts(doc)
    assert all(doc[i].is_sent_start for i in starts)
    bounds = [*starts, len(doc)]
    compared = 0
    for a, b in itertools.pairwise(bounds):
        line = text[doc[a].idx : doc[b].idx if b < len(doc) else len(text)]
        if not chunked.prefilter(line):
            continue
        for i in range(a, b):
            x, y = whole[i], doc[i]
            assert (x.is_sent_start, x.dep_, x.head.i, x.pos_, x.tag_, x.lemma_, x.ent_iob_, x.ent_type_) == (
                y.is_sent_start,
                y.dep_,
                y.head.i,
                y.pos_,
                y.tag_,
                y.lemma_,
                y.ent_iob_,
                y.ent_type_,
            ), (i, x.text)
            compared += 1
    assert compared > 100
    assert [s.text for s in doc.sents if s.start in starts] == [s.text for s in whole.sents if s.start in starts]


def test_documents_longer_than_max_length_are_chunked_with_valid_offsets(nlp, extractors, monkeypatch):
    seeds = [f.read_text(encoding="utf-8") for f in LABELLED["seeds"]]
    long_line = " ".join(seeds[0].split("\n"))  # one ~5,000-character line with no newline in it
    text = "\n\n".join(seeds) + "\n\n" + long_line + "\n"
    record = _records([("long", text)])
    _, fast = extractors
    ((_, normal),) = fast.run(record)
    monkeypatch.setattr(nlp, "max_length", 3_000)
    assert len(text) > 8 * nlp.max_length and len(long_line) > nlp.max_length
    for mode in ("fast", "full"):
        extractor = Extractor(mode, nlp)
        assert extractor.parser.max_chunk_chars == 3_000
        ((_, tables),) = extractor.run(record)
        assert tables["claims"]
        for row in tables["claims"]:
            assert text[row["start_char"] : row["end_char"]] == row["number_text"]
            assert text[row["sentence_start"] : row["sentence_end"]].strip() == row["sentence"]
        for row in tables["stances"]:
            assert text[row["start_char"] : row["end_char"]].strip() == row["sentence"].strip()
        for row in tables["places"]:
            assert text[row["first_start"] : row["first_end"]] in row["surface_forms"].split("|")
        # cutting at line boundaries is exact: claims outside the over-long line are unchanged
        cut = text.index(long_line)
        assert [r for r in tables["claims"] if r["end_char"] <= cut] == [
            r for r in normal["claims"] if r["end_char"] <= cut
        ]


def test_prefilter_flags_what_the_extractors_read(nlp):
    keep = Prefilter(nlp)
    assert keep("About 3,000 troops arrived.")
    assert keep("Eighteen of them deserted.")
    assert keep("The agency said the deployment was a mistake.")
    assert keep("Officials reportedly briefed lawmakers, according to Yonhap.")
    assert keep("Lukashenko: nonsense")
    assert keep("Kyrylo Budanov visited the front.")  # a person who may be a later "he"
    assert not keep("Long columns of trucks were seen on the road between Kursk and Belgorod.")
    assert not keep("Winter usually slows the pace of operations.")
    assert not keep("")
