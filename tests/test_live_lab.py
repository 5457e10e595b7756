"""Live mode really draws in JupyterLab 4 with the network cut (Chromium + a headless Lab on 127.0.0.1).

Measured: JupyterLab 4.6 draws nothing offline with Altair's default renderer (CDN) or the mimetype
renderer (Lab only knows Vega-Lite v3-v5; Altair 6 emits v6), and report mode has no Vega bundle in
Lab. ``set_rendering("live")`` (JupyterChart + vl-convert's bundle) draws, and its dropdown works.
"""

from __future__ import annotations

import importlib.util
import shutil

import nbformat
import pytest
from browser import BROWSER_FLAGS
from lab_driver import require_chromium, running_lab

from workbench import paths

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = paths.BUILD_DIR / "test-artifacts"
CHART = """df = pd.DataFrame({"x": list("ABCD"), "y": [3, 5, 2, 4], "k": list("abbb")})
sel = alt.param(name="k_sel", value="a", bind=alt.binding_select(options=["a", "b"], name="k "))
alt.Chart(df).mark_point(size=300, filled=True).encode(x="x", y="y").transform_filter(
    alt.datum.k == sel).add_params(sel)"""
SYMBOLS = "document.querySelectorAll('.jp-OutputArea-output .vega-embed svg g.mark-symbol path').length"
KERNEL_READY = """() => { const w = window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!(k && k.connectionStatus === 'connected' && k.status === 'idle'); }"""
ALL_RAN = """Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))
  .every(e => /\\[\\d+\\]/.test(e.textContent))"""


@pytest.fixture()
def lab(tmp_path):
    """A throwaway JupyterLab: fresh workspaces and settings (no news prompt), random token and port."""
    require_chromium()
    if importlib.util.find_spec("anywidget") is None:
        pytest.skip("live mode needs the 'anywidget' package (a dependency of Altair's JupyterChart)")
    root = tmp_path / "lab"
    root.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell(
            'import altair as alt, pandas as pd\nfrom workbench.render import set_rendering\nset_rendering("live")'
        ),
        nbformat.v4.new_code_cell(CHART),
    ]
    nbformat.write(nb, root / "live.ipynb")
    with running_lab(root, tmp_path) as (base, token):
        yield base, token


def test_live_mode_draws_offline_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright

    base, token = lab
    blocked: list[str] = []

    def route(r) -> None:
        url = r.request.url
        if url.startswith((base, "ws://127.0.0.1", "data:", "blob:", "about:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=BROWSER_FLAGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.route("**/*", route)
        page.goto(f"{base}/lab/tree/live.ipynb?token={token}")
        page.wait_for_function("!!window.jupyterapp && !!document.querySelector('.jp-NotebookPanel .jp-Cell')")
        for _ in range(150):  # the kernel picker can pop up late: accept it until the kernel is idle
            if page.query_selector(".jp-Dialog"):
                page.click(".jp-Dialog .jp-mod-accept")
            if page.evaluate(KERNEL_READY):
                break
            page.wait_for_timeout(200)
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        page.wait_for_function(ALL_RAN, timeout=30_000)
        page.wait_for_function(f"{SYMBOLS} === 1", timeout=20_000)
        page.select_option(".jp-OutputArea-output .vega-bind select", "b")
        page.wait_for_function(f"{SYMBOLS} === 3", timeout=10_000)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "live-lab.png"))
        browser.close()
    assert blocked == [], f"Lab page tried the network: {blocked}"
