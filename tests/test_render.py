"""Rendering modes and chart export: offline HTML snippets, safe script embedding, reproducible files."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
from PIL import Image

from workbench import render
from workbench.render import (
    CHART_MARKER,
    REPORT_RENDERER,
    RenderingError,
    canonical_pdf,
    export_chart,
    script_safe_json,
    set_rendering,
)

HOSTILE = "</script><script>alert(1)</script>"


@pytest.fixture(autouse=True)
def _restore_altair(monkeypatch):
    """Each test chooses its own mode; put Altair back afterwards so other tests are unaffected."""
    monkeypatch.delenv(render.ENV_MODE, raising=False)
    monkeypatch.delenv(render.ENV_THEME, raising=False)
    renderer, options, theme = alt.renderers.active, alt.renderers.options, alt.theme.active
    yield
    alt.renderers.enable(renderer, **options)
    alt.theme.enable(theme)


def _chart(extra: str = "Ukraine") -> alt.Chart:
    df = pd.DataFrame({"source": ["NIS", extra, "<img src=x onerror=alert(1)>"], "n": [10000, 12000, 1500]})
    return alt.Chart(df, title="Estimates").mark_bar().encode(x="source:N", y="n:Q")


def _bundle(chart: alt.TopLevelMixin) -> dict:
    bundle = chart._repr_mimebundle_()
    return bundle[0] if isinstance(bundle, tuple) else bundle


def test_report_bundle_is_offline_html_with_one_chart_div():
    state = set_rendering("report")
    assert state.renderer == REPORT_RENDERER
    html = _bundle(_chart())["text/html"]
    # "$schema" is an identifier vega-embed reads the version from, never fetched.
    without_schema = re.sub(r'"\$schema":"[^"]*"', "", html)
    assert "http://" not in without_schema and "https://" not in without_schema
    assert "cdn" not in html.lower() and "<script src" not in html
    assert len(re.findall(rf'{CHART_MARKER}="', html)) == 1
    assert "window.vegaEmbed" in html


def test_report_ids_are_deterministic_and_reset_by_set_rendering():
    set_rendering("report")
    first = [_bundle(_chart())["text/html"], _bundle(_chart())["text/html"]]
    set_rendering("report")
    second = [_bundle(_chart())["text/html"], _bundle(_chart())["text/html"]]
    assert first == second
    ids = [re.search(r'id="(wb-chart-[^"]+)"', h).group(1) for h in first]
    assert ids[0] != ids[1], "the same chart shown twice on a page needs two ids"
    assert not any(re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", i) for i in ids), "no uuids"


def test_hostile_text_cannot_leave_the_script_tag():
    set_rendering("report")
    html = _bundle(_chart(extra=HOSTILE))["text/html"]
    assert html.count("</script>") == 1 and html.rstrip().endswith("</script>")
    assert html.lower().count("<script") == 1
    assert "<!--" not in html and "<img" not in html
    # The text survives as data: the JSON escapes decode back to the original.
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in html


def test_script_safe_json_escapes_separators_and_comments():
    text = script_safe_json({"a": "x\u2028y\u2029<!--</script>&"})
    for bad in ("\u2028", "\u2029", "<", ">", "&"):
        assert bad not in text
    import json

    assert json.loads(text) == {"a": "x\u2028y\u2029<!--</script>&"}


def test_static_mode_gives_images_without_javascript():
    set_rendering("static", static_format="svg")
    bundle = _bundle(_chart())
    assert set(bundle) == {"image/svg+xml"}
    ET.fromstring(bundle["image/svg+xml"])
    set_rendering("static", static_format="png", scale=2)
    data, meta = _chart()._repr_mimebundle_()
    assert "image/png" in data and meta["image/png"]["width"] > 50


def test_unknown_mode_and_theme_are_refused_with_advice():
    with pytest.raises(RenderingError, match="live, report, static"):
        set_rendering("fancy")
    with pytest.raises(RenderingError, match="registered themes"):
        set_rendering("report", theme="no-such-theme")


def test_environment_overrides_the_notebook_choice(monkeypatch):
    monkeypatch.setenv(render.ENV_MODE, "report")
    assert set_rendering("static").mode == "report"


def test_workbench_theme_is_enabled_when_registered():
    state = set_rendering("report")
    if state.theme is None:
        pytest.skip("workbench.themes does not register a 'workbench' theme")
    assert alt.theme.active == "workbench"
    assert set_rendering("report", slides=True).theme == "workbench-slides"


def _distinct_colours(png: bytes) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return len(image.getcolors(maxcolors=1 << 24) or [])


def test_export_chart_writes_real_png_svg_pdf(tmp_path: Path):
    paths = export_chart(_chart(extra=HOSTILE), tmp_path / "sub" / "fig.v1")
    assert [p.name for p in paths] == ["fig.v1.png", "fig.v1.svg", "fig.v1.pdf"]
    png, svg, pdf = (p.read_bytes() for p in paths)
    assert png.startswith(b"\x89PNG") and _distinct_colours(png) > 10
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and b"DejaVu Sans" in svg
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert b"DejaVuSans" in pdf, "vendored font embedded"
    _check_xref(pdf)


def test_export_is_byte_identical(tmp_path: Path):
    first = export_chart(_chart(), tmp_path / "a")
    # PDF object order is random per call in vl-convert; repeat to make a flaky pass unlikely.
    for _ in range(3):
        second = export_chart(_chart(), tmp_path / "b")
        for a, b in zip(first, second, strict=True):
            assert a.read_bytes() == b.read_bytes(), a.suffix


def test_export_refuses_unknown_format(tmp_path: Path):
    with pytest.raises(RenderingError, match="png, svg, pdf"):
        export_chart(_chart(), tmp_path / "x", formats=("gif",))


def _check_xref(pdf: bytes) -> None:
    """Every cross-reference offset must point at the object it names (the canonicaliser rewrites them)."""
    start = int(pdf[pdf.rindex(b"startxref") + 9 :].split()[0])
    assert pdf[start:].startswith(b"xref")
    lines = pdf[start:].split(b"\n")
    count = int(lines[1].split()[1])
    for num in range(1, count):
        offset = int(lines[2 + num].split()[0])
        assert pdf[offset:].startswith(b"%d 0 obj" % num)


def test_canonical_pdf_is_stable_and_idempotent():
    import vl_convert

    render.register_fonts()
    spec = render._with_default_font(_chart().to_dict())
    outputs = {canonical_pdf(vl_convert.vegalite_to_pdf(spec)) for _ in range(6)}
    assert len(outputs) == 1
    (pdf,) = outputs
    assert canonical_pdf(pdf) == pdf
    _check_xref(pdf)


def test_vega_bundle_is_an_iife_safe_inside_script():
    js = render.vega_bundle()
    assert js.startswith("(function(){") and "window.vegaEmbed" in js
    assert not re.search(r"</script", js, re.IGNORECASE) and "<!--" not in js
