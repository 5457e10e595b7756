"""The briefing (issue 5): one command, every output, byte-identical rebuilds, traceable figures, escaped markup.

The briefing is built twice per test session with ``workbench brief`` (a subprocess, like ``make briefing``) on
the seeds plus one article whose claim sentence carries markup, with a corrections file (one applied, one stale)
and a temporary ledger cache: the first build parses, the second reuses the ledger and must give the same bytes.
``tests/test_briefing_browser.py`` opens the same build in Chromium.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from workbench import paths

pytestmark = pytest.mark.slow

SCRIPT_TAG = "<script>alert(1)</script>"
IMG_TAG = "<img src=x onerror=alert(1)>"
MARKUP_DOC = "zz_markup"
MARKUP_ARTICLE = {
    "title": "Spy agency update <b>bold</b>",
    "outlet": "Test Wire",
    "published": "2024-10-25",
    "text": (
        "Seoul's spy agency said on Friday that North Korea has sent 2,000 more troops to Russia "
        f"{SCRIPT_TAG} {IMG_TAG} according to officials.\n\n"
        "The National Intelligence Service said the soldiers were being trained in the Russian Far East."
    ),
}
STALE = "gone_article:42,reject,,article withdrawn,analyst,2024-11-01T00:00:00Z\n"
CHART_NAMES = ["estimates", "figures-by-source", "figures-over-time", "articles-over-time", "source-types", "relays",
               "stances", "map"]  # fmt: skip
ARTIFACTS = paths.BUILD_DIR / "test-artifacts"


@dataclass(frozen=True)
class Builds:
    """Two builds of the same inputs into fresh folders, what they were made from, and how long they took."""

    first: Path
    second: Path
    articles: Path
    corrections: Path
    cache: Path
    seconds: tuple[float, float]


_BUILDS: dict[str, Builds] = {}


def _workbench() -> list[str]:
    import sys

    exe = shutil.which("workbench", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "workbench.cli"]


def briefing_builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    """Build the briefing twice, once per test session (shared with the browser tests)."""
    if "builds" in _BUILDS:
        return _BUILDS["builds"]
    import time

    root = tmp_path_factory.mktemp("briefing")
    articles = root / "articles"
    shutil.copytree(paths.SEEDS_DIR, articles)
    (articles / f"{MARKUP_DOC}.json").write_text(json.dumps(MARKUP_ARTICLE), encoding="utf-8")
    cache = root / "cache"
    # one correction that applies (to a claim the extractor finds today) and one whose claim does not exist
    from workbench.ledger import build_ledger

    claims = build_ledger([articles], cache=cache, progress=False).claims
    target = claims[claims["category"] == "deployment"].iloc[0]["claim_id"]
    corrections = root / "corrections.csv"
    corrections.write_text(
        f"claim_id,field,value,note,who,when\n{target},hedged,true,checked,analyst,2024-11-01T00:00:00Z\n{STALE}",
        encoding="utf-8",
    )
    env = {**os.environ, "WORKBENCH_CACHE_DIR": str(cache)}
    outs, seconds = [], []
    for run in ("first", "second"):
        out = root / run
        start = time.perf_counter()
        proc = subprocess.run(
            [*_workbench(), "brief", str(articles), "--out", str(out), "--corrections", str(corrections)],
            capture_output=True, text=True, env=env, cwd=root, timeout=600,
        )  # fmt: skip
        seconds.append(time.perf_counter() - start)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert "Traceback" not in proc.stderr
        outs.append(out)
    _BUILDS["builds"] = Builds(outs[0], outs[1], articles, corrections, cache, (seconds[0], seconds[1]))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in ("briefing.html", "briefing.slides.html", "briefing.pptx"):
        shutil.copy(outs[0] / name, ARTIFACTS / name)
    return _BUILDS["builds"]


@pytest.fixture(scope="session")
def builds(tmp_path_factory) -> Builds:
    return briefing_builds(tmp_path_factory)


@pytest.fixture(scope="session")
def brief(builds):
    """The same briefing in this process (warm cache): the judgements the notebook rendered."""
    from workbench.briefing import Briefing

    return Briefing.load([builds.articles], corrections=builds.corrections, cache=builds.cache)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------------


def test_every_output_exists(builds):
    out = builds.first
    for name in ("briefing.html", "briefing.slides.html", "briefing.pptx", "claims.csv", "claims.parquet"):
        assert (out / name).stat().st_size > 0, name
    for chart in CHART_NAMES:
        for fmt in ("png", "svg", "pdf"):
            assert (out / "charts" / f"{chart}.{fmt}").stat().st_size > 0, f"{chart}.{fmt}"


def test_rebuild_is_byte_identical(builds):
    def files(root: Path) -> list[Path]:
        named = [root / n for n in ("briefing.html", "briefing.slides.html", "claims.csv", "briefing.pptx")]
        return named + sorted((root / "charts").glob("*.[ps][nvd][gf]"))

    first, second = files(builds.first), files(builds.second)
    assert [p.name for p in first] == [p.name for p in second]
    assert len(first) == 4 + 3 * len(CHART_NAMES)
    differ = [a.name for a, b in zip(first, second, strict=True) if _sha(a) != _sha(b)]
    assert differ == []


def test_png_exports_are_16_9_and_drawn(builds):
    from PIL import Image

    for chart in CHART_NAMES:
        image = Image.open(builds.first / "charts" / f"{chart}.png").convert("RGB")
        assert image.size == (2560, 1440), chart
        colours = image.getcolors(maxcolors=1 << 20)
        assert colours is None or len(colours) > 50, f"{chart}.png looks blank"
        # something is drawn in the middle of the canvas, not only a title
        middle = image.crop((320, 360, 2240, 1200))
        assert len(middle.getcolors(maxcolors=1 << 20) or range(999)) > 10, chart


def test_svg_exports_parse(builds):
    for chart in CHART_NAMES:
        root = ET.parse(builds.first / "charts" / f"{chart}.svg").getroot()
        assert root.tag.endswith("svg")
        assert (root.get("width"), root.get("height")) == ("1280", "720"), chart
        assert len(list(root.iter())) > 20, chart


def test_pptx_has_a_title_slide_and_one_picture_slide_per_chart(builds):
    import datetime as dt

    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    deck = Presentation(str(builds.first / "briefing.pptx"))
    slides = list(deck.slides)
    assert len(slides) == 1 + len(CHART_NAMES)
    assert (deck.slide_width, deck.slide_height) == (12_192_000, 6_858_000)  # 16:9
    title_text = " ".join(s.text_frame.text for s in slides[0].shapes if s.has_text_frame)
    assert "North Korean troops in Russia" in title_text and "As of 2024-10-28" in title_text
    for slide in slides[1:]:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert len(pictures) == 1
        assert len(texts) == 2 and texts[1].startswith("Source: ")
    assert deck.core_properties.created == dt.datetime(2024, 10, 28)
    assert deck.core_properties.revision == 1
    second = Presentation(str(builds.second / "briefing.pptx"))
    assert [[s.text_frame.text for s in sl.shapes if s.has_text_frame] for sl in second.slides] == [
        [s.text_frame.text for s in sl.shapes if s.has_text_frame] for sl in slides
    ]


def test_ledger_files_hold_every_claim(builds, brief):
    csv = pd.read_csv(builds.first / "claims.csv")
    parquet = pd.read_parquet(builds.first / "claims.parquet")
    assert len(csv) == len(parquet) == len(brief.data.claims) > 20
    assert list(csv["claim_id"]) == list(parquet["claim_id"]) == list(brief.data.claims["claim_id"])
    assert {"claim_id", "number_text", "sentence", "source", "title", "published"} <= set(csv.columns)
    assert csv["corrected"].sum() == 1


# --------------------------------------------------------------------------------------------------
# Content: traceable judgements, corrections, provenance
# --------------------------------------------------------------------------------------------------


def test_key_judgement_figures_are_traceable(brief, builds):
    claims = brief.data.claims.set_index("claim_id")
    judgements = brief.judgements
    assert {"range", "disputed", "corroboration", "denial"} <= {j.kind for j in judgements}
    page = _text(builds.first / "briefing.html")
    for j in judgements:
        for claim_id in j.claim_ids:
            assert claim_id in claims.index, (j.headline, claim_id)
            assert f"“{claims.loc[claim_id, 'number_text']}”" in j.text, (j.text, claim_id)
        assert {e.claim_id for e in j.evidence} == set(j.claim_ids)
        assert html.escape(j.text) in page
        assert html.escape(j.headline) in page
    sent = next(j for j in judgements if j.kind == "range" and j.headline.startswith("Sent"))
    sent_claims = claims.loc[list(sent.claim_ids)]
    assert set(sent_claims["status"]) == {"sent"}
    assert f"{int(sent_claims['low'].min()):,}" in sent.headline
    assert f"{int(sent_claims['high'].max()):,}" in sent.headline


def test_briefing_charts_are_valid_vega_lite(brief):
    """The build converts charts without schema validation (speed); every briefing chart is validated here."""
    from workbench.briefing import base_spec

    for chart in brief.charts.values():
        for variant in {id(chart.chart): chart.chart, id(chart.deck_chart): chart.deck_chart}.values():
            if variant is not None:
                assert base_spec(variant, validate=True) == base_spec(variant), chart.name


def test_every_claim_is_in_the_appendix_with_its_sentence(brief, builds):
    page = _text(builds.first / "briefing.html")
    for row in brief.appendix.to_dict("records"):
        assert f'id="claim-{row["n"]}"' in page
        assert html.escape(row["claim_id"]) in page
    assert page.count("<mark>") == len(brief.appendix)


def test_corrections_are_counted_and_stale_ones_listed(builds):
    page = _text(builds.first / "briefing.html")
    assert "Analyst corrections applied: 1 from corrections.csv; stale corrections: 1" in page
    assert "gone_article:42" in page and "article withdrawn" in page


def test_provenance_block(builds, brief):
    from workbench.pipeline import PIPELINE_VERSION

    page = _text(builds.first / "briefing.html")
    for sha in brief.data.articles["sha256"]:
        assert sha in page
    assert f"Pipeline version {PIPELINE_VERSION}" in page
    assert "As-of date: 2024-10-28 (latest publication date)" in page
    for package in ("workbench", "spacy", "en_core_web_sm", "altair", "vega-lite"):
        assert package in page
    assert str(builds.first.parent) not in page  # no machine paths: the bytes do not depend on where it ran


def test_as_of_leaves_out_later_articles(builds):
    from workbench.briefing import Briefing

    early = Briefing.load([builds.articles], as_of="2024-10-20", corrections=None, cache=builds.cache)
    assert early.data.as_of == "2024-10-20" and early.data.as_of_basis == "parameter"
    assert set(early.data.after_as_of) == {"000_1aed58ddc104b9dd", "003_8b02f984d4d28e83", "004_6e70a8150dafb38e",
                                           MARKUP_DOC}  # fmt: skip
    assert (pd.to_datetime(early.data.claims["published"]) <= "2024-10-20").all()
    assert "4 later articles left out" in early.summary_text()


# --------------------------------------------------------------------------------------------------
# Offline and safe
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["briefing.html", "briefing.slides.html"])
def test_pages_are_offline_with_one_bundle_and_every_chart(builds, page):
    from workbench.htmlexport import external_loads, iter_report_charts

    text = _text(builds.first / page)
    assert external_loads(text) == []
    assert text.count("window.vegaEmbed=") == 1
    assert len(iter_report_charts(text)) == len(CHART_NAMES)
    assert "papermill" not in text and "injected-parameters" not in text


@pytest.mark.parametrize("page", ["briefing.html", "briefing.slides.html"])
def test_article_markup_is_escaped(builds, page):
    text = _text(builds.first / page)
    assert SCRIPT_TAG not in text and IMG_TAG not in text and "<b>bold</b>" not in text
    if page == "briefing.html":  # the appendix quotes the sentence, escaped
        assert html.escape(SCRIPT_TAG) in text and html.escape(IMG_TAG) in text
        assert html.escape("Spy agency update <b>bold</b>") in text


# --------------------------------------------------------------------------------------------------
# Units: notebook variants, the deck, the estimates chart, the CLI
# --------------------------------------------------------------------------------------------------


def test_notebook_variant_keeps_one_page_variant():
    from workbench.briefing import notebook_variant

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": "R"}, metadata={"workbench": {"variant": "report"}}),
        nbformat.v4.new_output("display_data", data={"text/html": "S"}, metadata={"workbench": {"variant": "slides"}}),
        nbformat.v4.new_output("display_data", data={"text/html": "B"}),
    ]
    only_slides = nbformat.v4.new_markdown_cell("s")
    only_slides.metadata["tags"] = ["slides-only"]
    lab = nbformat.v4.new_markdown_cell("n")
    lab.metadata["tags"] = ["notebook-only"]
    nb.cells = [cell, only_slides, lab]
    report = notebook_variant(nb, "report")
    assert [o.data["text/html"] for o in report.cells[0].outputs] == ["R", "B"]
    assert len(report.cells) == 1
    slides = notebook_variant(nb, "slides")
    assert [o.data["text/html"] for o in slides.cells[0].outputs] == ["S", "B"]
    assert [c.source for c in slides.cells[1:]] == ["s"]
    assert len(nb.cells[0].outputs) == 3  # the input is not modified


def test_deck_bytes_do_not_depend_on_the_clock(tmp_path, monkeypatch):
    import time

    from PIL import Image

    from workbench import deck

    png = tmp_path / "c.png"
    Image.new("RGB", (320, 180), (0, 114, 178)).save(png)
    slides = [deck.DeckSlide("A chart", png, "Source: test")]
    first = deck.build_deck(tmp_path / "a.pptx", title="T", subtitle="S", slides=slides, as_of="2024-10-28")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 86_400 * 400)  # zip member times come from the clock
    second = deck.build_deck(tmp_path / "b.pptx", title="T", subtitle="S", slides=slides, as_of="2024-10-28")
    assert first.read_bytes() == second.read_bytes()


def test_estimate_ranges_chart():
    import altair as alt

    from workbench import charts

    estimates = pd.DataFrame([
        {"estimate_id": "a", "category": "deployment", "status": "sent", "low": 1500, "high": 1500, "label": "1,500",
         "sources": ["NIS"], "n_claims": 4, "n_articles": 2, "n_independent": 1, "first_published": "2024-10-18",
         "last_published": "2024-10-23", "disputed": True, "denied_by": ["North Korea"]},
        {"estimate_id": "b", "category": "deployment", "status": "sent", "low": 10000, "high": 12000,
         "label": "10,000–12,000", "sources": [SCRIPT_TAG], "n_claims": 1, "n_articles": 1, "n_independent": 2,
         "first_published": None, "last_published": None, "disputed": False, "denied_by": []},
        {"estimate_id": "c", "category": "army_size", "status": None, "low": 1_200_000, "high": 1_200_000,
         "label": "1,200,000", "sources": [], "n_claims": 1, "n_articles": 1, "n_independent": 1,
         "first_published": None, "last_published": None, "disputed": False, "denied_by": []},
    ])  # fmt: skip
    spec = charts.estimate_ranges(estimates).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [r["figure"] for r in rows] == ["1,500", "10,000–12,000"]
    assert rows[0]["sources"] == "NIS" and rows[1]["sources"] == SCRIPT_TAG  # data, never a title
    assert SCRIPT_TAG not in json.dumps(spec["title"])
    assert "1 of 2 estimates disputed" in json.dumps(spec["title"])
    empty = charts.estimate_ranges(estimates[estimates["category"] == "casualty"]).to_dict()
    assert "no data" in json.dumps(empty["title"])
    with alt.theme.enable("workbench-slides"):
        assert charts.estimate_ranges(estimates).to_dict()["config"]["title"]["fontSize"] == 28


def test_themed_spec_matches_altair_under_the_theme():
    import altair as alt

    from workbench import charts, themes
    from workbench.briefing import base_spec, fit, themed_spec

    chart = charts.stance_matrix(pd.DataFrame([{"doc_id": "d", "actor": "A", "stance": "denies", "sentence": "s"}]))
    base = base_spec(chart)
    for theme in (themes.SCREEN_THEME, themes.SLIDES_THEME):
        with alt.theme.enable(theme):
            assert themed_spec(base, theme) == chart.to_dict()
            assert themed_spec(base, theme, (1280, 720)) == fit(chart, (1280, 720)).to_dict()


def test_cli_brief_rejects_bad_input(tmp_path):
    bad_date = subprocess.run([*_workbench(), "brief", str(paths.SEEDS_DIR), "--as-of", "28/10/2024", "--out",
                               str(tmp_path)], capture_output=True, text=True, timeout=120)  # fmt: skip
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr and "Traceback" not in bad_date.stderr
    missing = subprocess.run([*_workbench(), "brief", str(tmp_path / "nope")], capture_output=True, text=True,
                             timeout=120)  # fmt: skip
    assert missing.returncode == 2 and "no such article" in missing.stderr


def test_kernel_gets_the_render_mode_variable_render_reads():
    from workbench import briefing, render

    assert briefing._RENDER_MODE_ENV == render.ENV_MODE
