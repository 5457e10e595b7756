"""The briefing in a real browser: headless Chromium, every network request blocked and recorded.

Uses the build of ``tests/test_briefing.py`` (seeds + an article with ``<script>``/``<img onerror>`` markup in a
claim sentence): zero external requests, no console errors, no dialog, and every chart drawn as a Vega view with
marks, in the HTML report and on the reveal.js slides. Screenshots go to ``build/test-artifacts/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import WatchedPage, launched_chromium
from test_briefing import ARTIFACTS, CHART_NAMES, briefing_builds

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    return briefing_builds(tmp_path_factory).first


@pytest.fixture(scope="module")
def browser():
    yield from launched_chromium()


class Watched(WatchedPage):
    """A watched page that knows the briefing's charts."""

    def open(self, path: Path) -> list[str]:
        """Load the page; wait until every chart says it is drawn (or failed); return the chart ids."""
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function(
            "document.querySelectorAll('[data-wb-chart]').length > 0 && "
            "document.querySelectorAll('[data-wb-chart]').length === "
            "document.querySelectorAll('[data-wb-drawn], [data-wb-error]').length",
            timeout=60_000,
        )
        return self.page.evaluate("[...document.querySelectorAll('[data-wb-chart]')].map(e => e.id)")

    def marks(self, chart_id: str) -> int:
        """Marks in the chart's Vega view (scenegraph items), and the SVG it drew must hold some too."""
        return self.page.evaluate(
            """id => {
                 const view = (window.__wbVegaViews || {})[id];
                 const el = document.getElementById(id);
                 if (!view || el.getAttribute('data-wb-error')) { return -1; }
                 const drawn = el.querySelectorAll('svg g[class*="mark-"] > path, svg g[class*="mark-"] > line, '
                                                   + 'svg g[class*="mark-"] > text').length;
                 let items = 0;
                 (function walk(node) {
                   if (!node) { return; }
                   if (node.marktype && node.marktype !== 'group' && node.items) { items += node.items.length; }
                   (node.items || []).forEach(walk);
                 })(view.scenegraph().root);
                 return Math.min(items, drawn);
               }""",
            chart_id,
        )

    def check_clean(self) -> None:
        assert self.external == [], f"network requests: {self.external}"
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.dialogs == [], f"dialogs fired: {self.dialogs}"


def test_html_report_draws_every_chart_offline(build, browser):
    watched = Watched(browser, 1280, 900)
    ids = watched.open(build / "briefing.html")
    page = watched.page
    assert len(ids) == len(CHART_NAMES)
    for chart_id in ids:
        assert watched.marks(chart_id) > 0, chart_id
    # the escaped markup is shown as text, never as elements
    assert page.locator("text=<script>alert(1)</script>").count() >= 1
    assert page.evaluate("document.querySelectorAll('img[src=x], [onerror]').length") == 0
    assert page.evaluate("[...document.scripts].filter(s => s.textContent.trim() === 'alert(1)').length") == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "briefing-html.png"), full_page=True)
    # tooltips: hovering a point of the estimates chart shows its data
    page.locator(f"#{ids[0]} svg g.mark-symbol path").first.hover(force=True)
    page.wait_for_function("document.querySelector('#vg-tooltip-element.visible') !== null", timeout=5_000)
    assert "independent voices" in page.inner_text("#vg-tooltip-element")
    # Vega-Lite params stay live without a kernel: the status dropdown filters the by-source chart
    by_source = ids[1]
    before = watched.marks(by_source)
    page.select_option(f"#{by_source} .vega-bind select", "expected")
    page.wait_for_function("([id, n]) => window.__wbVegaViews[id] && "
                           "document.getElementById(id).querySelectorAll('svg g.mark-symbol path').length < n",
                           arg=[by_source, before])  # fmt: skip
    page.locator(f"#{by_source}").screenshot(path=str(ARTIFACTS / "briefing-html-filtered.png"))
    watched.check_clean()
    page.close()


def test_slides_draw_every_chart_offline(build, browser):
    watched = Watched(browser, 1280, 720)
    ids = watched.open(build / "briefing.slides.html")
    page = watched.page
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert len(ids) == len(CHART_NAMES)
    total = page.evaluate("Reveal.getTotalSlides()")
    assert total >= len(CHART_NAMES) + 2  # title, judgements, one per chart, provenance
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for n in range(total):
        page.evaluate(f"Reveal.slide({n})")
        page.wait_for_function(f"Reveal.getIndices().h === {n}")
        page.screenshot(path=str(ARTIFACTS / f"briefing-slide-{n:02d}.png"))
    for chart_id in ids:
        page.evaluate("id => { const i = Reveal.getIndices(document.getElementById(id).closest('section'));"
                      " Reveal.slide(i.h, i.v); }", chart_id)  # fmt: skip
        page.wait_for_function("id => document.getElementById(id).closest('section.present')", arg=chart_id)
        box = page.locator(f"#{chart_id} svg").first.bounding_box()
        assert box is not None and box["width"] > 400 and box["height"] > 200, chart_id
        assert watched.marks(chart_id) > 0, chart_id
    watched.check_clean()
    page.close()
