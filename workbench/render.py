"""Rendering modes for Altair charts, and chart export that works offline and rebuilds byte for byte.

Three modes, chosen in one place (:func:`set_rendering`):

``live``
    Live JupyterLab with no network: Altair's ``JupyterChart`` widget with the Vega bundle that ships in
    vl-convert (``alt.renderers.enable("jupyter", offline=True)``). Bound params and widget callbacks
    work; the output is a widget, so it exports blank. Needs the ``anywidget`` package.
``report``
    For notebooks that are executed and exported (:mod:`workbench.htmlexport`): every chart is a small
    ``text/html`` snippet (a ``<div>`` with a deterministic id and a ``<script>`` calling
    ``window.vegaEmbed``); the exported page inlines the Vega bundle once. Bound params stay interactive.
``static``
    Images (SVG or PNG) drawn by vl-convert with the vendored fonts: no JavaScript at all.

``WORKBENCH_RENDER_MODE`` / ``WORKBENCH_RENDER_THEME`` in the environment override the arguments, so a
notebook written for live exploration can be executed as a report without editing it.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import functools
import hashlib
import importlib
import json
import os
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import altair as alt
import vl_convert

__all__ = [
    "FONTS_DIR",
    "REPORT_RENDERER",
    "RESOURCES_DIR",
    "STATIC_RENDERER",
    "RenderingError",
    "RenderingState",
    "chart_spec",
    "export_chart",
    "register_fonts",
    "script_safe_js",
    "script_safe_json",
    "set_rendering",
    "vega_bundle",
]

Mode = Literal["live", "report", "static"]
MODES: tuple[str, ...] = ("live", "report", "static")
EXPORT_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")

RESOURCES_DIR = Path(__file__).resolve().parent / "resources"
FONTS_DIR = RESOURCES_DIR / "fonts"
#: Font used by exports and static images when the chart (or its theme) names none, so images look
#: the same on every machine: vl-convert's own ``sans-serif`` resolves to whatever the machine has.
DEFAULT_FONT = "DejaVu Sans"

REPORT_RENDERER = "workbench-report"
STATIC_RENDERER = "workbench-static"
#: Attribute that marks a report chart in HTML; the exporter looks for it to decide whether to inline Vega.
CHART_MARKER = "data-wb-chart"

ENV_MODE = "WORKBENCH_RENDER_MODE"
ENV_THEME = "WORKBENCH_RENDER_THEME"

_DEFAULT_EMBED_OPTIONS: dict[str, Any] = {"actions": False, "renderer": "svg", "mode": "vega-lite"}


class RenderingError(RuntimeError):
    """A rendering mode or export cannot work as asked; the message says what to do instead."""


@dataclass(frozen=True)
class RenderingState:
    """What :func:`set_rendering` switched on, so callers and tests can check it."""

    mode: str
    renderer: str
    theme: str | None


# --------------------------------------------------------------------------------------------------
# Safe embedding of JSON and JavaScript in <script> elements
# --------------------------------------------------------------------------------------------------

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")


def script_safe_json(value: Any) -> str:
    """JSON that can sit inside ``<script>``: no ``</script>``, ``<!--`` or line separators can survive.

    Escaping every ``<``, ``>`` and ``&`` as ``\\u00XX`` (valid in JSON and JavaScript string literals)
    means article text such as ``</script><script>alert(1)</script>`` stays data.
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


_SCRIPT_CLOSE_RE = re.compile(r"</(script)", re.IGNORECASE)


def script_safe_js(code: str) -> str:
    """Library JavaScript made safe to inline in ``<script>`` (``</script`` -> ``<\\/script``, ``<!--``).

    Both rewrites are no-ops for JavaScript semantics inside strings, regexes, templates and comments.
    """
    code = _SCRIPT_CLOSE_RE.sub(r"<\\/\1", code)
    return code.replace("<!--", "<\\u0021--")


# --------------------------------------------------------------------------------------------------
# Fonts and the Vega bundle
# --------------------------------------------------------------------------------------------------


@functools.cache
def register_fonts() -> Path:
    """Register the vendored DejaVu fonts with vl-convert once per process (it keeps a global font db)."""
    if not any(FONTS_DIR.glob("*.ttf")):
        raise RenderingError(f"No fonts in {FONTS_DIR}: the package resources are incomplete; reinstall it.")
    vl_convert.register_font_directory(str(FONTS_DIR))
    return FONTS_DIR


def _vl_version(spec: dict[str, Any] | None = None) -> str | None:
    """Vega-Lite version matching the spec's ``$schema`` (else Altair's), if vl-convert ships it.

    Pinning it keeps output stable when a newer vl-convert changes its default 'latest'.
    """
    schema = (spec or {}).get("$schema") or alt.SCHEMA_URL
    match = re.search(r"/v(\d+)\.(\d+)", str(schema))
    if not match:
        return None
    wanted = f"{match.group(1)}.{match.group(2)}"
    return wanted if wanted in vl_convert.get_vegalite_versions() else None


@functools.cache
def vega_bundle() -> str:
    """Vega + Vega-Lite + vega-embed as one script-safe IIFE that sets ``window.vegaEmbed`` (cached).

    The IIFE matters: the raw bundle declares top-level ``const``s, so a second copy on a page would fail.
    It also fires a ``wb-vega-ready`` event for charts that were inserted before it.
    """
    bundle = vl_convert.javascript_bundle(vl_version=_vl_version())
    return "(function(){\n" + script_safe_js(bundle) + "\n})();\nwindow.dispatchEvent(new Event('wb-vega-ready'));\n"


# --------------------------------------------------------------------------------------------------
# Renderers
# --------------------------------------------------------------------------------------------------

_chart_counter = 0


def _next_chart_id(spec: dict[str, Any]) -> str:
    """Deterministic element id: hash of the spec plus a per-process counter reset by set_rendering."""
    global _chart_counter
    _chart_counter += 1
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode("utf-8")).hexdigest()
    return f"wb-chart-{digest[:12]}-{_chart_counter}"


_REPORT_JS = """(function () {
  var id = %(id)s, spec = %(spec)s, opts = %(opts)s, tries = 0, started = false;
  function el() { return document.getElementById(id); }
  function draw() {
    if (started || !el()) { return; }
    started = true;
    window.vegaEmbed(el(), spec, opts).then(function (res) {
      (window.__wbVegaViews = window.__wbVegaViews || {})[id] = res.view;
      el().setAttribute("data-wb-drawn", "true");
    }).catch(function (err) {
      el().setAttribute("data-wb-error", String(err));
      el().textContent = "This chart could not be drawn: " + err;
      console.error(err);
    });
  }
  function wait() {
    if (window.vegaEmbed) { draw(); return; }
    if (++tries > 200) {
      if (el()) {
        el().textContent = "Chart library not loaded. Export with workbench.htmlexport, or use "
          + "set_rendering('live') in JupyterLab.";
      }
      return;
    }
    setTimeout(wait, 50);
  }
  window.addEventListener("wb-vega-ready", function () { if (window.vegaEmbed) { draw(); } });
  wait();
})();"""


def _report_html(spec: dict[str, Any], embed_options: dict[str, Any] | None = None) -> str:
    """The ``text/html`` of one report chart: an empty div and the script that draws into it."""
    chart_id = _next_chart_id(spec)
    opts = {**_DEFAULT_EMBED_OPTIONS, **(embed_options or {})}
    script = _REPORT_JS % {
        "id": script_safe_json(chart_id),
        "spec": script_safe_json(spec),
        "opts": script_safe_json(dict(sorted(opts.items()))),
    }
    return f'<div id="{chart_id}" class="wb-chart" {CHART_MARKER}="{chart_id}"></div>\n<script>\n{script}\n</script>'


def _report_renderer(spec: dict[str, Any], **metadata: Any) -> dict[str, str]:
    """Altair renderer for ``report`` mode: ``text/html`` that needs the page-level Vega bundle."""
    html = _report_html(spec, metadata.get("embed_options"))
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    label = f"Chart: {title}" if isinstance(title, str) and title else "Chart"
    return {"text/html": html, "text/plain": f"<{label}>"}


def _static_renderer(spec: dict[str, Any], **metadata: Any) -> Any:
    """Altair renderer for ``static`` mode: an SVG or PNG drawn by vl-convert with the vendored fonts."""
    fmt = metadata.get("format", "svg")
    spec = _with_default_font(spec)
    register_fonts()
    version = _vl_version(spec)
    if fmt == "png":
        scale = float(metadata.get("scale", 2))
        png = vl_convert.vegalite_to_png(spec, vl_version=version, scale=scale, allowed_base_urls=[])
        width, height = _png_size(png)
        size = {"width": round(width / scale), "height": round(height / scale)}
        return {"image/png": base64.b64encode(png).decode("ascii")}, {"image/png": size}
    if fmt == "svg":
        return {"image/svg+xml": vl_convert.vegalite_to_svg(spec, vl_version=version, allowed_base_urls=[])}
    raise RenderingError(f"static format must be 'svg' or 'png', not {fmt!r}")


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR is always the first chunk)."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


alt.renderers.register(REPORT_RENDERER, _report_renderer)
alt.renderers.register(STATIC_RENDERER, _static_renderer)


def _enable_theme(theme: str | None, slides: bool) -> str | None:
    """Enable ``theme`` if registered; default to ``workbench`` / ``workbench-slides`` when available."""
    names = set(alt.theme.names())
    wanted = theme or ("workbench-slides" if slides else "workbench")
    if wanted not in names and wanted.startswith("workbench"):
        with contextlib.suppress(ImportError):  # workbench.themes registers its themes on import
            importlib.import_module("workbench.themes")
        names = set(alt.theme.names())
    if wanted in names:
        alt.theme.enable(wanted)
        return wanted
    if theme is not None:
        raise RenderingError(f"Unknown chart theme {theme!r}; registered themes: {sorted(names)}")
    return None


def set_rendering(
    mode: str = "report",
    *,
    theme: str | None = None,
    slides: bool = False,
    static_format: Literal["svg", "png"] = "svg",
    scale: float = 2,
) -> RenderingState:
    """Choose how every following chart is displayed: ``live``, ``report`` or ``static``.

    ``theme`` names a registered Altair theme; by default ``workbench`` (or ``workbench-slides`` with
    ``slides=True``) is enabled when registered. The environment variables ``WORKBENCH_RENDER_MODE`` and
    ``WORKBENCH_RENDER_THEME`` override ``mode`` and ``theme`` (used by the briefing builder).
    Also resets the chart-id counter, so re-executing a notebook yields the same ids.
    """
    global _chart_counter
    mode = os.environ.get(ENV_MODE) or mode
    theme = os.environ.get(ENV_THEME) or theme
    if mode not in MODES:
        raise RenderingError(f"Unknown rendering mode {mode!r}; choose one of {', '.join(MODES)}.")
    _chart_counter = 0
    if mode == "live":
        try:
            importlib.import_module("anywidget")
        except ImportError as exc:
            raise RenderingError(
                "Live mode draws charts with Altair's JupyterChart widget, which needs the 'anywidget' "
                "package (pip install anywidget). Without it, use set_rendering('static') in JupyterLab."
            ) from exc
        alt.renderers.enable("jupyter", offline=True)
        renderer = "jupyter"
    elif mode == "report":
        alt.renderers.enable(REPORT_RENDERER)
        renderer = REPORT_RENDERER
    else:
        if static_format not in ("svg", "png"):
            raise RenderingError(f"static_format must be 'svg' or 'png', not {static_format!r}")
        alt.renderers.enable(STATIC_RENDERER, format=static_format, scale=scale)
        renderer = STATIC_RENDERER
    active_theme = _enable_theme(theme, slides)
    return RenderingState(mode=mode, renderer=renderer, theme=active_theme)


# --------------------------------------------------------------------------------------------------
# Export to PNG / SVG / PDF
# --------------------------------------------------------------------------------------------------


def chart_spec(chart: alt.TopLevelMixin | dict[str, Any]) -> dict[str, Any]:
    """The Vega-Lite dict for an Altair chart (theme applied) or a copy of a spec dict."""
    if isinstance(chart, dict):
        return copy.deepcopy(chart)
    return chart.to_dict()


def _with_default_font(spec: dict[str, Any]) -> dict[str, Any]:
    """Set ``config.font`` to the vendored font when the chart names none (vl-convert's default varies)."""
    config = spec.get("config") or {}
    if "font" in config:
        return spec
    return {**spec, "config": {**config, "font": DEFAULT_FONT}}


def export_chart(
    chart: alt.TopLevelMixin | dict[str, Any],
    stem: Path | str,
    formats: Sequence[str] = EXPORT_FORMATS,
    scale: float = 2,
) -> list[Path]:
    """Write ``stem.png`` / ``stem.svg`` / ``stem.pdf`` with vl-convert; same chart -> same bytes.

    Fonts come from the package (DejaVu Sans unless the chart names another font); network data loads
    are refused (``allowed_base_urls=[]``) so an export never waits on a network that is not there.
    PDF object order is canonicalised because vl-convert writes font objects in random order.
    """
    unknown = [f for f in formats if f not in EXPORT_FORMATS]
    if unknown:
        raise RenderingError(f"Unknown export format(s) {unknown}; choose from {', '.join(EXPORT_FORMATS)}.")
    register_fonts()
    spec = _with_default_font(chart_spec(chart))
    version = _vl_version(spec)
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for fmt in dict.fromkeys(formats):
        out = stem.parent / f"{stem.name}.{fmt}"
        if fmt == "png":
            data = vl_convert.vegalite_to_png(spec, vl_version=version, scale=scale, allowed_base_urls=[])
        elif fmt == "svg":
            data = vl_convert.vegalite_to_svg(spec, vl_version=version, allowed_base_urls=[]).encode("utf-8")
        else:
            data = canonical_pdf(vl_convert.vegalite_to_pdf(spec, vl_version=version, allowed_base_urls=[]))
        out.write_bytes(data)
        written.append(out)
    return written


# --------------------------------------------------------------------------------------------------
# PDF canonicalisation (svg2pdf writes font objects and resource dicts in hash-map order)
# --------------------------------------------------------------------------------------------------

_REF_RE = re.compile(rb"(\d+)\s+(\d+)\s+R\b")
_REF_DICT_RE = re.compile(rb"<<((?:\s*/[^\s/<>\[\]()]+\s+\d+\s+\d+\s+R)+)(\s*)>>")
_REF_ENTRY_RE = re.compile(rb"(\s*)(/[^\s/<>\[\]()]+)(\s+\d+\s+\d+\s+R)")
_OBJ_HEAD_RE = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_STREAM_RE = re.compile(rb">>\s*stream\r?\n")


def _sort_ref_dicts(head: bytes) -> bytes:
    """Sort dictionaries made only of ``/Name N 0 R`` entries (e.g. ``/Font``) by name."""

    def sort_one(match: re.Match[bytes]) -> bytes:
        entries = _REF_ENTRY_RE.findall(match.group(1))
        whitespace = [e[0] for e in entries]
        ordered = sorted(entries, key=lambda e: e[1])
        body = b"".join(ws + name + ref for ws, (_, name, ref) in zip(whitespace, ordered, strict=True))
        return b"<<" + body + match.group(2) + b">>"

    return _REF_DICT_RE.sub(sort_one, head)


def canonical_pdf(data: bytes) -> bytes:
    """Rewrite a classic-xref PDF with objects numbered and ordered by a walk from the root.

    Returns ``data`` unchanged (with a warning) if the file is not the simple kind vl-convert writes.
    """
    try:
        return _canonical_pdf(data)
    except (ValueError, KeyError, IndexError) as exc:
        warnings.warn(f"PDF left as written (not canonicalised, may differ between runs): {exc}", stacklevel=2)
        return data


def _canonical_pdf(data: bytes) -> bytes:
    start = data.rindex(b"startxref")
    xref_at = int(data[start + len(b"startxref") :].split()[0])
    if not data.startswith(b"xref", xref_at):
        raise ValueError("cross-reference stream, not a table")
    trailer_at = data.index(b"trailer", xref_at)
    lines = data[xref_at:trailer_at].split(b"\n")[1:]
    offsets: dict[int, int] = {}
    i = 0
    while i < len(lines):
        parts = lines[i].split()
        i += 1
        if len(parts) != 2:
            continue
        first, count = int(parts[0]), int(parts[1])
        for k in range(count):
            entry = lines[i + k].split()
            if entry[2] == b"n":
                offsets[first + k] = int(entry[0])
        i += count
    if not offsets:
        raise ValueError("empty cross-reference table")
    ordered = sorted(offsets.items(), key=lambda kv: kv[1])
    bounds = [off for _, off in ordered[1:]] + [xref_at]
    heads: dict[int, bytes] = {}
    tails: dict[int, bytes] = {}
    for (num, off), end in zip(ordered, bounds, strict=True):
        chunk = data[off:end]
        m = _OBJ_HEAD_RE.match(chunk)
        if not m or int(m.group(1)) != num:
            raise ValueError(f"object {num} not at its xref offset")
        body = chunk[m.end() : chunk.rindex(b"endobj")]
        s = _STREAM_RE.search(body)
        cut = s.start() + 2 if s else len(body)
        heads[num] = _sort_ref_dicts(body[:cut])
        tails[num] = body[cut:]
    trailer = data[trailer_at + len(b"trailer") : start]

    renumber: dict[int, int] = {}
    stack = [int(m.group(1)) for m in _REF_RE.finditer(trailer)][::-1]
    while stack:
        num = stack.pop()
        if num in renumber or num not in heads:
            continue
        renumber[num] = len(renumber) + 1
        stack.extend(int(m.group(1)) for m in reversed(list(_REF_RE.finditer(heads[num]))))
    for num in sorted(heads):
        renumber.setdefault(num, len(renumber) + 1)

    def fix(text: bytes) -> bytes:
        return _REF_RE.sub(lambda m: b"%d %s R" % (renumber[int(m.group(1))], m.group(2)), text)

    out = bytearray(data[: ordered[0][1]])
    new_offsets: list[int] = []
    for old in sorted(heads, key=renumber.__getitem__):
        new_offsets.append(len(out))
        out += b"%d 0 obj" % renumber[old] + fix(heads[old]) + tails[old] + b"endobj\n\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(new_offsets) + 1)
    out += b"".join(b"%010d 00000 n\r\n" % off for off in new_offsets)
    new_trailer = re.sub(rb"/Size\s+\d+", b"/Size %d" % (len(new_offsets) + 1), fix(trailer))
    out += b"trailer" + new_trailer + b"startxref\n%d\n%%%%EOF" % xref
    return bytes(out)
