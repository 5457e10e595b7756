"""Executed notebooks -> single-file, offline, byte-reproducible HTML reports and reveal.js slides.

The pages load nothing from a network: nbconvert's CDN tags (require.js, MathJax, mermaid, reveal.js,
jQuery, the widget manager) are dropped by the templates in ``resources/templates``, the Vega bundle is
inlined once per page, and the vendored reveal.js is inlined into slides. A file can be emailed to an
air-gapped reader and opened from disk.

Limits, on purpose: ipywidgets outputs are removed (they need a kernel); LaTeX in markdown is shown as
written (MathJax is not vendored); mermaid diagrams show as text.
"""

from __future__ import annotations

import copy
import functools
import os
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter, SlidesExporter
from nbformat import NotebookNode

from workbench.render import CHART_MARKER, ENV_MODE, ENV_THEME, RESOURCES_DIR, script_safe_js, vega_bundle

__all__ = [
    "LAB_TEMPLATE",
    "REVEAL_TEMPLATE",
    "TEMPLATES_DIR",
    "ExportError",
    "execute_notebook",
    "export_html",
    "export_slides",
    "external_loads",
    "iter_report_charts",
    "read_notebook",
    "strip_volatile",
]

TEMPLATES_DIR = RESOURCES_DIR / "templates"
LAB_TEMPLATE = "workbench_lab"
REVEAL_TEMPLATE = "workbench_reveal"
REVEAL_DIR = RESOURCES_DIR / "vendor" / "reveal.js-4.6.1"

_WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
_VOLATILE_NB_METADATA = ("papermill", "widgets", "execution")
_VOLATILE_CELL_METADATA = ("execution", "papermill", "ExecuteTime")

#: Styling shared by report and slides: charts keep their own size and scroll rather than overflow.
_PAGE_CSS = """.wb-chart { max-width: 100%; overflow-x: auto; }
.wb-chart .vega-bindings { font-size: 0.9em; margin-top: 0.3em; }
.wb-chart .vega-bind { margin-right: 1em; }"""


class ExportError(RuntimeError):
    """An export would not be offline or complete; the message says what to fix."""


# --------------------------------------------------------------------------------------------------
# Execution
# --------------------------------------------------------------------------------------------------


def strip_volatile(nb: NotebookNode) -> NotebookNode:
    """Remove what changes between two runs of the same notebook (in place; also returned).

    Timings and papermill bookkeeping go; widget views go too (they draw nothing without a kernel and
    carry random model ids), keeping their ``text/plain`` fallback when there is one.
    """
    for key in _VOLATILE_NB_METADATA:
        nb.metadata.pop(key, None)
    for cell in nb.cells:
        for key in _VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data is not None and _WIDGET_MIME in data:
                data.pop(_WIDGET_MIME)
                output.get("metadata", {}).pop(_WIDGET_MIME, None)
                if not data:
                    continue
            output.pop("transient", None)
            kept.append(output)
        cell.outputs = kept
    return nb


def execute_notebook(
    nb: NotebookNode,
    cwd: Path | str,
    timeout: int = 600,
    *,
    mode: str | None = "report",
    theme: str | None = None,
    kernel_name: str = "python3",
    env: dict[str, str] | None = None,
) -> NotebookNode:
    """Run a copy of ``nb`` in ``cwd`` and return it without volatile metadata.

    ``mode`` is passed to the kernel as ``WORKBENCH_RENDER_MODE`` so ``set_rendering`` in the notebook
    draws charts for export whatever mode it names (``None`` leaves the notebook's choice).
    ``theme`` likewise sets ``WORKBENCH_RENDER_THEME`` (e.g. ``workbench-slides`` for a deck).
    ``PYTHONHASHSEED=0`` keeps set/dict-of-set output orders stable between runs.
    """
    nb = copy.deepcopy(nb)
    kernel_env = {**os.environ, "PYTHONHASHSEED": "0", **(env or {})}
    if mode is not None:
        kernel_env[ENV_MODE] = mode
    if theme is not None:
        kernel_env[ENV_THEME] = theme
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        record_timing=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute(env=kernel_env)
    return strip_volatile(nb)


# --------------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------------


def _has_report_charts(nb: NotebookNode) -> bool:
    """Whether any output holds a report-mode chart (only then is the 0.9 MB Vega bundle inlined)."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html", "")
            if isinstance(html, list):
                html = "".join(html)
            if CHART_MARKER in html:
                return True
    return False


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@functools.cache
def _reveal_assets() -> dict[str, str]:
    """The vendored reveal.js, its notes plugin, and CSS, ready to inline.

    The white theme's ``@import`` of Source Sans Pro is removed: it would be a failed file load in a
    single-file page; the theme's own font stack falls back to Helvetica / sans-serif.
    """
    theme = re.sub(r"@import\s+url\([^)]*\);\s*", "", _read(REVEAL_DIR / "dist" / "theme" / "white.css"))
    return {
        "reveal_js": script_safe_js(_read(REVEAL_DIR / "dist" / "reveal.js")),
        "reveal_notes_js": script_safe_js(_read(REVEAL_DIR / "plugin" / "notes" / "notes.js")),
        "reveal_css": _read(REVEAL_DIR / "dist" / "reveal.css").replace("</", "<\\/"),
        "reveal_theme_css": theme.replace("</", "<\\/"),
    }


def _prepare(nb: NotebookNode, title: str | None) -> NotebookNode:
    nb = copy.deepcopy(nb)
    if title is not None:
        nb.metadata["title"] = title
    return nb


def _resources(nb: NotebookNode, name: str, slides: bool) -> dict[str, Any]:
    workbench: dict[str, str] = {
        "vega_bundle": vega_bundle() if _has_report_charts(nb) else "",
        "page_css": _PAGE_CSS,
    }
    if slides:
        workbench.update(_reveal_assets())
    return {"metadata": {"name": name}, "workbench": workbench}


def _configure(exporter: HTMLExporter, hide_input: bool) -> None:
    exporter.exclude_input = hide_input
    exporter.exclude_input_prompt = hide_input
    exporter.exclude_output_prompt = hide_input
    exporter.embed_images = True
    exporter.sanitize_html = False  # our chart scripts must run; article text is escaped in the spec JSON


def _finish(body: str, out: Path, allow_external: bool) -> Path:
    if not allow_external:
        loads = external_loads(body)
        if loads:
            raise ExportError(
                f"{out.name} would load {len(loads)} resource(s) from a network, which air-gapped readers "
                f"cannot reach: {loads[:5]}. Embed the image/data in the notebook instead."
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(body.encode("utf-8"))
    return out


def export_html(
    nb: NotebookNode,
    out: Path | str,
    *,
    hide_input: bool = True,
    title: str | None = None,
    allow_external: bool = False,
) -> Path:
    """Write ``nb`` (already executed) as one self-contained HTML report; same notebook -> same bytes.

    Raises :class:`ExportError` if the page would still load anything from a network (e.g. a markdown
    image with an ``https://`` source), unless ``allow_external``.
    """
    out = Path(out)
    nb = _prepare(nb, title)
    exporter = HTMLExporter(template_name=LAB_TEMPLATE, extra_template_basedirs=[str(TEMPLATES_DIR)])
    _configure(exporter, hide_input)
    body, _ = exporter.from_notebook_node(nb, resources=_resources(nb, out.stem, slides=False))
    return _finish(body, out, allow_external)


def export_slides(
    nb: NotebookNode,
    out: Path | str,
    *,
    hide_input: bool = True,
    title: str | None = None,
    transition: str = "none",
    width: int = 1280,
    height: int = 800,
    allow_external: bool = False,
) -> Path:
    """Write ``nb`` as one self-contained reveal.js 4 deck (cells' ``slideshow`` metadata splits slides).

    Charts on later slides draw when shown; speaker notes (``notes`` cells) open with the ``s`` key.
    """
    out = Path(out)
    nb = _prepare(nb, title)
    exporter = SlidesExporter(template_name=REVEAL_TEMPLATE, extra_template_basedirs=[str(TEMPLATES_DIR)])
    _configure(exporter, hide_input)
    exporter.reveal_transition = transition
    exporter.reveal_width = str(width)
    exporter.reveal_height = str(height)
    body, _ = exporter.from_notebook_node(nb, resources=_resources(nb, out.stem, slides=True))
    return _finish(body, out, allow_external)


def read_notebook(path: Path | str) -> NotebookNode:
    """Read a notebook file (nbformat 4)."""
    return nbformat.read(str(path), as_version=4)


# --------------------------------------------------------------------------------------------------
# Checking that a page is offline
# --------------------------------------------------------------------------------------------------

_LOAD_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "object": ("data",),
    "link": ("href",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}
_REMOTE_RE = re.compile(r"^\s*(https?:|ftp:)?//", re.IGNORECASE)
_CSS_REMOTE_RE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)


class _LoadFinder(HTMLParser):
    """Collects tag attributes and inline CSS that would make a browser fetch from a network."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        names = _LOAD_ATTRS.get(tag, ())
        for name, value in attrs:
            if value is None:
                continue
            if name in names:
                candidates = value.split(",") if name == "srcset" else [value]
                self.loads.extend(f"<{tag} {name}={c.strip()}>" for c in candidates if _REMOTE_RE.match(c))
            elif name == "style":
                self.loads.extend(_CSS_REMOTE_RE.findall(value))

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.loads.extend(_CSS_REMOTE_RE.findall(data))


def external_loads(html: str) -> list[str]:
    """Network loads a browser would attempt for ``html`` (links a reader may click are not loads)."""
    finder = _LoadFinder()
    finder.feed(html)
    finder.close()
    return finder.loads


def iter_report_charts(html: str) -> Iterable[str]:
    """Ids of the report-mode charts in an exported page."""
    return re.findall(rf'<div [^>]*{CHART_MARKER}="([^"]+)"', html)
