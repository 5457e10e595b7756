"""Executed notebook -> offline single-file HTML and slides: reproducible, no network, charts really drawn."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from browser import WatchedPage, launched_chromium
from nbformat import NotebookNode

from workbench import paths
from workbench.htmlexport import (
    ExportError,
    execute_notebook,
    export_html,
    export_slides,
    external_loads,
    iter_report_charts,
    strip_volatile,
)

pytestmark = pytest.mark.slow

ARTIFACTS = paths.BUILD_DIR / "test-artifacts"
HOSTILE = "</script><script>alert(1)</script>"
IMG_XSS = "<img src=x onerror=alert(1)>"

SETUP = f"""import altair as alt
import pandas as pd
from workbench.render import set_rendering
set_rendering("live")  # the executor's WORKBENCH_RENDER_MODE=report wins
df = pd.DataFrame({{
    "source": ["NIS", "Ukraine HUR", "US DoD", {HOSTILE!r}, {IMG_XSS!r}],
    "troops": [10000, 12000, 11000, 3000, 1500],
    "status": ["sent", "front", "sent", "front", "front"],
}})"""
BAR = 'alt.Chart(df, title="Reported deployments").mark_bar().encode(x="source:N", y="troops:Q")'
POINTS = """status = alt.param(name="status_pick", value="sent",
                   bind=alt.binding_select(options=["sent", "front"], name="Status "))
alt.Chart(df, title="By status").mark_point(size=300, filled=True).encode(
    x="source:N", y="troops:Q").add_params(status).transform_filter(alt.datum.status == status)"""


def _notebook() -> NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cells = [
        ("markdown", "# Briefing\nNorth Korean troops in Russia; see [a source](https://example.org/x).", "slide"),
        ("code", SETUP, "-"),
        ("code", BAR, "slide"),
        ("markdown", "## By status\nPick a status below the chart.", "slide"),
        ("code", POINTS, "-"),
    ]
    for i, (kind, source, slide_type) in enumerate(cells):
        cell = nbformat.v4.new_markdown_cell(source) if kind == "markdown" else nbformat.v4.new_code_cell(source)
        cell.id = f"cell-{i}"
        cell.metadata["slideshow"] = {"slide_type": slide_type}
        nb.cells.append(cell)
    return nb


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, list[Path]]:
    """The same notebook executed twice (fresh kernels), each exported as HTML and slides."""
    out = tmp_path_factory.mktemp("exports")
    nb = _notebook()
    result: dict[str, list[Path]] = {"html": [], "slides": []}
    for run in ("a", "b"):
        executed = execute_notebook(nb, out, timeout=120)
        result["html"].append(export_html(executed, out / run / "briefing.html", title="Briefing"))
        result["slides"].append(export_slides(executed, out / run / "briefing.slides.html", title="Briefing"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for kind in result:
        shutil.copy(result[kind][0], ARTIFACTS / f"export-{kind}.html")
    return result


@pytest.mark.parametrize("kind", ["html", "slides"])
def test_two_runs_give_identical_bytes(exports, kind):
    first, second = exports[kind]
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("kind", ["html", "slides"])
def test_page_loads_nothing_from_a_network(exports, kind):
    html = exports[kind][0].read_text(encoding="utf-8")
    assert external_loads(html) == []
    tags = re.findall(r"<(?!a\s)[a-z]+\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html, re.IGNORECASE)
    assert tags == []
    assert 'href="https://example.org/x"' in html, "links a reader can click are kept"


@pytest.mark.parametrize("kind", ["html", "slides"])
def test_vega_bundle_inlined_exactly_once(exports, kind):
    html = exports[kind][0].read_text(encoding="utf-8")
    assert html.count("window.vegaEmbed=") == 1
    assert html.count("wb-vega-ready")  # loader event present
    assert len(iter_report_charts(html)) == 2


@pytest.mark.parametrize("kind", ["html", "slides"])
def test_hostile_article_text_stays_data(exports, kind):
    html = exports[kind][0].read_text(encoding="utf-8")
    assert HOSTILE not in html and IMG_XSS not in html
    assert "alert(1)" in html  # still there, escaped inside the spec JSON


def test_slides_inline_reveal_without_cdn_or_require(exports):
    html = exports["slides"][0].read_text(encoding="utf-8")
    assert "Reveal.initialize" in html and "require(" not in html
    assert "@import" not in html


def test_notebook_without_charts_carries_no_bundle(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Only text")])
    html = export_html(nb, tmp_path / "t.html").read_text(encoding="utf-8")
    assert "window.vegaEmbed=" not in html and external_loads(html) == []


def test_remote_image_is_refused(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("![map](https://example.org/m.png)")])
    with pytest.raises(ExportError, match="air-gapped"):
        export_html(nb, tmp_path / "t.html")
    assert export_html(nb, tmp_path / "t.html", allow_external=True).exists()


def test_strip_volatile_removes_timings_and_widgets():
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"duration": 1.2}
    nb.metadata["widgets"] = {"state": {}}
    cell = nbformat.v4.new_code_cell("w")
    cell.metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00Z"}
    widget = "application/vnd.jupyter.widget-view+json"
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={widget: {"model_id": "abc"}, "text/plain": "W"}),
        nbformat.v4.new_output("display_data", data={widget: {"model_id": "def"}}),
    ]
    nb.cells.append(cell)
    strip_volatile(nb)
    assert "papermill" not in nb.metadata and "widgets" not in nb.metadata
    assert "execution" not in cell.metadata
    assert [dict(o.data) for o in cell.outputs] == [{"text/plain": "W"}]


# --------------------------------------------------------------------------------------------------
# Real browser: Chromium via Playwright, every non-local request aborted and recorded
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    yield from launched_chromium()


class _Watched(WatchedPage):
    """A watched page that knows the export's chart containers."""

    def open(self, path: Path) -> None:
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function(
            "document.querySelectorAll('[data-wb-chart]').length > 0 && "
            "document.querySelectorAll('[data-wb-chart]').length === "
            "document.querySelectorAll('[data-wb-drawn]').length",
            timeout=20_000,
        )

    def marks(self, chart_id: str) -> int:
        return self.page.evaluate(
            """id => document.getElementById(id).querySelectorAll(
                 'svg g.mark-rect path, svg g.mark-symbol path').length""",
            chart_id,
        )

    def check_clean(self) -> None:
        assert self.external == [], f"network requests: {self.external}"
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.dialogs == [], f"dialogs fired: {self.dialogs}"


@pytest.mark.browser
def test_html_report_draws_every_chart_offline(exports, browser):
    watched = _Watched(browser)
    watched.open(exports["html"][0])
    page = watched.page
    ids = iter_report_charts(exports["html"][0].read_text(encoding="utf-8"))
    assert page.locator(".wb-chart.vega-embed").count() == len(ids) == 2
    bar, points = ids
    assert watched.marks(bar) == 5
    assert watched.marks(points) == 2  # status "sent"
    page.screenshot(path=str(ARTIFACTS / "export-html.png"), full_page=True)
    page.select_option(f"#{points} .vega-bind select", "front")
    page.wait_for_function(
        "id => document.getElementById(id).querySelectorAll('svg g.mark-symbol path').length === 3", arg=points
    )
    page.locator(f"#{points}").screenshot(path=str(ARTIFACTS / "export-html-front.png"))
    watched.check_clean()
    page.close()


@pytest.mark.browser
def test_slides_draw_charts_on_later_slides(exports, browser):
    watched = _Watched(browser)
    watched.open(exports["slides"][0])
    page = watched.page
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.screenshot(path=str(ARTIFACTS / "export-slides-0.png"))
    ids = iter_report_charts(exports["slides"][0].read_text(encoding="utf-8"))
    for n, chart_id in enumerate(ids, start=1):
        page.evaluate(
            "id => { const s = document.getElementById(id).closest('section'); "
            "const i = Reveal.getIndices(s); Reveal.slide(i.h, i.v); }",
            chart_id,
        )
        page.wait_for_function("id => document.getElementById(id).closest('section.present')", arg=chart_id)
        box = page.locator(f"#{chart_id} svg").first.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100
        assert watched.marks(chart_id) > 0
        page.screenshot(path=str(ARTIFACTS / f"export-slides-{n}.png"))
    points = ids[-1]
    page.select_option(f"#{points} .vega-bind select", "front")
    page.wait_for_function(
        "id => document.getElementById(id).querySelectorAll('svg g.mark-symbol path').length === 3", arg=points
    )
    watched.check_clean()
    page.close()
