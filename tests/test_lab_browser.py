"""The analyst notebooks in a real JupyterLab + Chromium, network cut: charts draw and the widgets redraw them.

One throwaway JupyterLab serves copies of the notebooks (so autosave can never write outputs into the
committed files); the kernel reads the shared test ledger cache. Every request that is not to the local
Lab server is aborted and the test fails if there was any. Screenshots go to ``build/test-artifacts/``.
"""

from __future__ import annotations

import json
import shutil
from typing import Any

import pytest
from lab_driver import error_outputs, offline_page, open_notebook, require_chromium, run_all, running_lab

from workbench import charts, paths, views

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = paths.BUILD_DIR / "test-artifacts"
NOTEBOOKS = ["02-troop-estimates.ipynb", "04-geography.ipynb"]


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Any:
    chromium = require_chromium()
    pytest.importorskip("anywidget", reason="live charts are Altair JupyterChart widgets (anywidget)")
    root = tmp_path_factory.mktemp("lab-root")
    for name in NOTEBOOKS:
        shutil.copy(paths.NOTEBOOKS_DIR / name, root / name)
    scratch = tmp_path_factory.mktemp("lab-scratch")
    with running_lab(root, scratch) as (base, token):
        yield chromium, base, token


@pytest.fixture()
def page(lab):
    from playwright.sync_api import sync_playwright

    chromium, base, token = lab
    with sync_playwright() as p:
        browser, page, blocked = offline_page(p, chromium, base, {"width": 1400, "height": 1800})
        yield page, base, token
        browser.close()
    assert blocked == [], f"the Lab page tried to reach the network: {blocked[:5]}"


def _count(page: Any, selector: str) -> int:
    return page.evaluate(f"() => document.querySelectorAll({selector!r}).length")


def _symbols(area: str) -> str:
    return f".{area} .vega-embed svg g.mark-symbol.role-mark path"  # data marks, not legend symbols


def _expected_points(status: str | None, builder: Any = charts.figures_by_source) -> int:
    """Points a panel chart should draw for the seeds (two per mark: its low and high end)."""
    from workbench.workspace import open_ledger

    claims = open_ledger([paths.SEEDS_DIR], progress=False).claims
    chart = builder(views.filter_claims(claims, category="deployment", status=status))
    rows = [r for values in chart.to_dict().get("datasets", {}).values() for r in values]
    return 2 * len(rows)


def test_estimates_notebook_draws_and_status_widget_redraws(page) -> None:
    page, base, token = page
    open_notebook(page, base, token, "02-troop-estimates.ipynb")
    run_all(page)
    assert error_outputs(page) == []
    every, training = _expected_points(None), _expected_points("training")
    assert every > training > 0
    # the three static charts and the panel's three charts are drawn (JupyterChart, offline bundle)
    page.wait_for_function("() => document.querySelectorAll('.jp-OutputArea-output .vega-embed svg').length >= 6")
    by_source = _symbols("wb-chart-by_source")
    page.wait_for_function(f"() => document.querySelectorAll({by_source!r}).length === {every}", timeout=60_000)
    assert _count(page, ".wb-claims-table tbody tr") == 19

    page.select_option(".wb-panel .widget-dropdown:has(label:text-is('status')) select", "training")
    page.wait_for_function(f"() => document.querySelectorAll({by_source!r}).length === {training}", timeout=30_000)
    page.wait_for_function("() => document.querySelectorAll('.wb-claims-table tbody tr').length === 5")
    statuses = page.evaluate(
        """() => Array.from(document.querySelectorAll('.wb-claims-table tbody tr'))
          .map(tr => tr.children[1].textContent)"""
    )
    assert set(statuses) == {"training"}
    assert _count(page, _symbols("wb-chart-over_time")) == _expected_points("training", charts.figures_over_time)
    split = page.evaluate(
        """() => Array.from(document.querySelectorAll('.wb-chart-status_split g.role-axis-label text'))
          .map(t => t.textContent)"""
    )
    assert "training" in split and "sent" not in split  # one status row left
    assert "5</b> of 26 claims" in page.locator(".wb-panel").first.inner_html()

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    panel = page.locator(".wb-panel").first  # the filter panel (the lineage panel follows it)
    panel.scroll_into_view_if_needed()
    panel.screenshot(path=str(ARTIFACTS / "lab-02-estimates-panel-training.png"))
    page.locator(".jp-OutputArea-output .vega-embed").first.screenshot(
        path=str(ARTIFACTS / "lab-02-estimates-by-source.png")
    )


def test_geography_map_draws_and_size_toggle_redraws(page) -> None:
    page, base, token = page
    open_notebook(page, base, token, "04-geography.ipynb")
    run_all(page)
    assert error_outputs(page) == []
    shapes = ".wb-chart-map .vega-embed svg g.mark-shape path"
    page.wait_for_function(f"() => document.querySelectorAll({shapes!r}).length > 30", timeout=60_000)
    labels = page.evaluate(
        "() => Array.from(document.querySelectorAll('.wb-chart-map g.mark-text text')).map(t => t.textContent)"
    )
    assert {"Kursk", "Bryansk", "Donetsk"} <= set(labels)
    # the static map above the panel draws too
    assert (
        page.evaluate(
            """() => Array.from(document.querySelectorAll('.jp-OutputArea-output .vega-embed'))
          .filter(e => e.querySelectorAll('g.mark-shape path').length > 30).length"""
        )
        >= 2
    )

    circles = (
        "() => Array.from(document.querySelectorAll('.wb-chart-map g.mark-symbol.role-mark path'))"
        ".map(p => p.getAttribute('d'))"
    )
    before = page.evaluate(circles)
    assert _count(page, ".wb-chart-map") == 1 and len(before) >= 15, before
    page.click(".wb-panel .widget-toggle-buttons button:has-text('figures tied to the place')")
    old = json.dumps(json.dumps(before, separators=(",", ":")))  # a JS string literal of JSON.stringify's output
    page.wait_for_function(f"() => JSON.stringify(({circles})()) !== {old}", timeout=60_000)
    after = page.evaluate(circles)
    assert len(after) == len(before) and after != before  # same places, resized
    assert _count(page, shapes) > 30
    legend = page.inner_text(".wb-chart-map .vega-embed")
    assert "figures tied to place" in legend

    page.select_option(".wb-panel .widget-dropdown:has(label:text-is('place')) select", "Donetsk")
    page.wait_for_function(
        "() => document.querySelectorAll('.wb-place-table tbody tr').length === 2"
        " && document.querySelector('.wb-place-table').textContent.includes('Donetsk region')"
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    panel = page.locator(".wb-panel").first  # the filter panel (the lineage panel follows it)
    panel.scroll_into_view_if_needed()
    panel.screenshot(path=str(ARTIFACTS / "lab-04-geography-panel-figures.png"))
