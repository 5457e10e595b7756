"""ipywidgets panels for live exploration in JupyterLab: widgets -> a pure filter -> charts and tables.

The logic lives elsewhere (:mod:`workbench.views` filters and tabulates, :mod:`workbench.charts` draws);
this module only wires controls to it. Each panel

* shows its charts in ``ipywidgets.Output`` areas. In live mode (``set_rendering("live")``) each area holds
  one Altair ``JupyterChart`` whose chart is swapped on every change (no new widget, no re-sent Vega
  bundle); in the other modes the area is cleared (``clear_output(wait=True)``) and the chart displayed again;
* shows tables as escaped HTML (:func:`workbench.views.table`);
* debounces changes (:class:`Debouncer`): clicking through a list or dragging a slider redraws once;
* keeps what it shows in plain attributes (``panel.filtered``, ``panel.charts``, ``panel.table``) so tests
  and analysts can read it without a browser.

Widgets need a kernel: in an exported HTML page a panel is replaced by a one-line note (its ``text/plain``).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import traceback
from collections.abc import Callable
from typing import Any

import altair as alt
import ipywidgets as W
import pandas as pd
from IPython.display import display

from workbench import charts, views

__all__ = [
    "ALL",
    "ActorReader",
    "ChartArea",
    "Debouncer",
    "EstimatesExplorer",
    "PlaceExplorer",
    "actor_reader",
    "estimates_explorer",
    "place_explorer",
]

#: The "no filter" choice in every dropdown.
ALL = "(all)"
#: Seconds a panel waits after the last change before redrawing.
DEBOUNCE_SECONDS = 0.3
_NO_KERNEL_NOTE = "{name}: interactive panel (ipywidgets); open this notebook in JupyterLab and run it to use it."


# --------------------------------------------------------------------------------------------------
# Plumbing
# --------------------------------------------------------------------------------------------------


class Debouncer:
    """Call ``fn`` once, ``wait`` seconds after the last of a burst of calls.

    Runs on the kernel's asyncio loop (the main thread, with the triggering message's context, so output
    goes to the right place). Without a running loop (plain Python, tests) or with ``wait <= 0`` it calls
    ``fn`` at once. Errors are passed to ``on_error`` (panels print them in their message area).
    """

    def __init__(self, fn: Callable[[], None], wait: float = DEBOUNCE_SECONDS, on_error: Callable | None = None):
        self.fn, self.wait, self.on_error = fn, wait, on_error
        self._handle: asyncio.TimerHandle | None = None

    def __call__(self, *_: Any) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or self.wait <= 0:
            self._fire()
            return
        if self._handle is not None:
            self._handle.cancel()
        self._handle = loop.call_later(self.wait, self._fire)

    @property
    def pending(self) -> bool:
        return self._handle is not None and not self._handle.cancelled()

    def _fire(self) -> None:
        self._handle = None
        try:
            self.fn()
        except Exception:
            if self.on_error is None:
                raise
            self.on_error(traceback.format_exc())


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of ipywidgets
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _live() -> bool:
    """Whether charts are JupyterChart widgets (``set_rendering("live")``)."""
    return alt.renderers.active == "jupyter"


class ChartArea:
    """An ``Output`` widget holding one chart that panels redraw (see the module docstring)."""

    def __init__(self, name: str):
        self.name = name
        self.output = W.Output(layout=W.Layout(width="100%"))
        self.output.add_class("wb-chart-area")
        self.output.add_class(f"wb-chart-{name}")
        self.chart: alt.TopLevelMixin | None = None
        self._jupyter_chart: alt.JupyterChart | None = None

    def show(self, chart: alt.TopLevelMixin) -> None:
        self.chart = chart
        if not _in_kernel():
            return  # tests / scripts: the chart is kept in .chart, nothing to draw on
        if _live():
            if self._jupyter_chart is not None:
                self._jupyter_chart.chart = chart
                return
            options = alt.renderers.options
            alt.JupyterChart.enable_offline(bool(options.get("offline", False)))
            self._jupyter_chart = alt.JupyterChart(chart, embed_options=options.get("embed_options"))
            shown: Any = self._jupyter_chart
        else:
            shown = chart
        with self.output:
            self.output.clear_output(wait=True)
            display(shown)


class _Panel:
    """Base: a ``VBox`` in ``.widget``, a message line, and a rich display that degrades to a note."""

    name = "panel"

    def __init__(self, wait: float) -> None:
        self.message = W.HTML()
        self._debounced = Debouncer(self.refresh, wait, on_error=self._error)
        self.widget: W.VBox = W.VBox()
        self.widget.add_class("wb-panel")

    def refresh(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _error(self, tb: str) -> None:
        self.message.value = f"<pre style='color:#b00'>{html.escape(tb)}</pre>"

    def _watch(self, *controls: W.Widget) -> None:
        for control in controls:
            control.observe(self._debounced, names="value")

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):  # (data, metadata)
            bundle = bundle[0]
        data = dict(bundle or {})
        data["text/plain"] = _NO_KERNEL_NOTE.format(name=self.name)
        return data


def _dropdown(description: str, values: list[str], value: str = ALL, width: str = "230px") -> W.Dropdown:
    options = [ALL, *values]
    return W.Dropdown(
        options=options,
        value=value if value in options else ALL,
        description=description,
        style={"description_width": "initial"},
        layout=W.Layout(width=width),
    )


def _choice(value: str) -> str | None:
    return None if value == ALL else value


# --------------------------------------------------------------------------------------------------
# 02 troop estimates: filters -> three charts and the claims table
# --------------------------------------------------------------------------------------------------

_HEDGED = {"all": None, "hedged only": True, "unhedged only": False}


class EstimatesExplorer(_Panel):
    """Category, status, source country, hedging, value range and articles -> charts + claims table."""

    name = "Estimates explorer"

    def __init__(self, claims: pd.DataFrame, articles: pd.DataFrame | None = None, *, wait: float = DEBOUNCE_SECONDS):
        super().__init__(wait)
        self.claims = claims
        opts = views.filter_options(claims, articles)
        self.options = opts
        default_cat = "deployment" if "deployment" in opts["categories"] else ALL
        self.category = _dropdown("category", opts["categories"], default_cat)
        self.status = _dropdown("status", opts["statuses"])
        self.country = _dropdown("source country", opts["countries"])
        self.hedged = W.ToggleButtons(
            options=list(_HEDGED),
            value="all",
            description="hedging",
            style={"button_width": "125px", "description_width": "initial"},
        )
        values = opts["values"] or [0]
        self.values = W.SelectionRangeSlider(
            options=[(f"{v:,}", v) for v in values],
            index=(0, len(values) - 1),
            description="figures between",
            continuous_update=False,
            style={"description_width": "initial"},
            layout=W.Layout(width="520px"),
        )
        self.articles = W.SelectMultiple(
            options=opts["docs"],
            value=(),
            rows=min(6, max(2, len(opts["docs"]))),
            description="articles",
            layout=W.Layout(width="620px"),
        )
        self.reset = W.Button(description="reset filters", icon="undo", layout=W.Layout(width="130px"))
        self.reset.on_click(lambda _: self.reset_filters())
        self.summary = W.HTML()
        self.areas = {name: ChartArea(name) for name in ("by_source", "over_time", "status_split")}
        self.table_box = W.HTML()
        self.table_box.add_class("wb-claims-table")
        self._watch(self.category, self.status, self.country, self.hedged, self.values, self.articles)
        hint = W.HTML("<small>Select no article to see them all (Ctrl/Cmd-click selects several).</small>")
        self.widget.children = [
            W.HBox([self.category, self.status, self.country]),
            W.HBox([self.hedged, self.reset]),
            self.values,
            W.VBox([self.articles, hint]),
            self.summary,
            self.message,
            *(a.output for a in self.areas.values()),
            self.table_box,
        ]
        self.filtered = claims.iloc[0:0]
        self.table = views.claims_table(self.filtered)
        self.refresh()

    def filters(self) -> dict[str, Any]:
        """The current widget values as keyword arguments of :func:`workbench.views.filter_claims`."""
        lo, hi = self.values.value
        values = self.options["values"]
        full = not values or (lo == values[0] and hi == values[-1])
        return {
            "category": _choice(self.category.value),
            "status": _choice(self.status.value),
            "country": _choice(self.country.value),
            "hedged": _HEDGED[self.hedged.value],
            "value_range": None if full else (lo, hi),
            "doc_ids": list(self.articles.value) or None,
        }

    def reset_filters(self) -> None:
        with self._paused():
            self.category.value = "deployment" if "deployment" in self.options["categories"] else ALL
            self.status.value = self.country.value = ALL
            self.hedged.value = "all"
            self.values.index = (0, len(self.values.options) - 1)
            self.articles.value = ()
        self.refresh()

    @contextlib.contextmanager
    def _paused(self):
        wait, self._debounced.wait = self._debounced.wait, 0
        fn, self._debounced.fn = self._debounced.fn, lambda: None
        try:
            yield
        finally:
            self._debounced.wait, self._debounced.fn = wait, fn

    def refresh(self) -> None:
        """Filter the claims, redraw the three charts and the table (called on every debounced change)."""
        self.message.value = ""
        f = self.filters()
        self.filtered = views.filter_claims(self.claims, **f)
        category = f["category"]
        self.charts = {
            "by_source": charts.figures_by_source(self.filtered, category=category),
            "over_time": charts.figures_over_time(self.filtered, category=category),
            "status_split": charts.status_split(self.filtered),
        }
        for name, chart in self.charts.items():
            self.areas[name].show(chart)
        self.table = views.claims_table(self.filtered)
        n_docs = self.filtered["doc_id"].nunique() if len(self.filtered) else 0
        self.summary.value = (
            f"<b>{len(self.filtered):,}</b> of {len(self.claims):,} claims match, from {n_docs:,} "
            f"article{'s' if n_docs != 1 else ''}. Hover over a mark for its sentence; every claim is in the "
            "table below the charts."
        )
        self.table_box.value = views.table(self.table, "Claims matching the filters").html


def estimates_explorer(workspace: Any, *, wait: float = DEBOUNCE_SECONDS) -> EstimatesExplorer:
    """The filter panel of notebook 02 for a workspace (``open_ledger(...)``): display it in a cell."""
    return EstimatesExplorer(workspace.claims, workspace.articles, wait=wait)


# --------------------------------------------------------------------------------------------------
# 03 sources and stances: pick an actor, read everything it says
# --------------------------------------------------------------------------------------------------


class ActorReader(_Panel):
    """A dropdown of actors (most active first) -> the table of their figures and stances."""

    name = "Actor reader"

    def __init__(self, claims: pd.DataFrame, stances: pd.DataFrame, *, actor: str | None = None,
                 wait: float = DEBOUNCE_SECONDS):  # fmt: skip
        super().__init__(wait)
        self.claims, self.stances = claims, stances
        self.actors = views.actor_list(claims, stances)
        self.actor = W.Dropdown(
            options=self.actors or ["(no actors)"],
            value=actor if actor in self.actors else (self.actors[0] if self.actors else "(no actors)"),
            description="actor",
            layout=W.Layout(width="420px"),
        )
        self.summary = W.HTML()
        self.table_box = W.HTML()
        self.table_box.add_class("wb-actor-table")
        self._watch(self.actor)
        self.widget.children = [self.actor, self.summary, self.message, self.table_box]
        self.refresh()

    def refresh(self) -> None:
        self.message.value = ""
        self.table = views.actor_statements(self.claims, self.stances, self.actor.value)
        figures = int((self.table["kind"] == "figure").sum()) if len(self.table) else 0
        self.summary.value = (
            f"<b>{html.escape(str(self.actor.value))}</b>: {figures:,} figure(s) and "
            f"{len(self.table) - figures:,} stance(s) in {self.table['doc_id'].nunique() if len(self.table) else 0:,}"
            " article(s)."
        )
        self.table_box.value = views.table(self.table, "Everything this actor says, oldest article first").html


def actor_reader(workspace: Any, *, actor: str | None = None, wait: float = DEBOUNCE_SECONDS) -> ActorReader:
    """The actor panel of notebook 03 for a workspace: display it in a cell."""
    return ActorReader(workspace.claims, workspace.stances, actor=actor, wait=wait)


# --------------------------------------------------------------------------------------------------
# 04 geography: size toggle -> map; pick a place -> its sentences
# --------------------------------------------------------------------------------------------------

_SIZE_BY = {"mentions": "mentions", "figures tied to the place": "claims"}


class PlaceExplorer(_Panel):
    """The map with a size toggle (mentions / figures tied to the place) and a place -> sentences reader."""

    name = "Place explorer"

    def __init__(self, places: pd.DataFrame, articles: pd.DataFrame, topology: dict | None = None, *,
                 place: str | None = None, wait: float = DEBOUNCE_SECONDS):  # fmt: skip
        super().__init__(wait)
        self.places, self.articles_frame = places, articles
        self.topology = topology if topology is not None else charts.load_topology()
        self.size_by = W.ToggleButtons(
            options=list(_SIZE_BY),
            value="mentions",
            description="circle size",
            style={"button_width": "190px", "description_width": "initial"},
        )
        names = views.place_list(places)
        default = place if place in names else next((p for p in ("Kursk", *names) if p in names), None)
        self.place = W.Dropdown(
            options=names or ["(no places)"],
            value=default or "(no places)",
            description="place",
            layout=W.Layout(width="360px"),
        )
        self.area = ChartArea("map")
        self.summary = W.HTML()
        self.table_box = W.HTML()
        self.table_box.add_class("wb-place-table")
        self._debounced_map = Debouncer(self.refresh_map, wait, on_error=self._error)
        self.size_by.observe(self._debounced_map, names="value")
        self._watch(self.place)
        self.widget.children = [self.size_by, self.message, self.area.output, self.place, self.summary, self.table_box]
        self.chart: alt.TopLevelMixin | None = None
        self.refresh_map()
        self.refresh()

    def refresh_map(self) -> None:
        """Redraw the map with circles sized by the toggle's choice."""
        self.message.value = ""
        self.chart = charts.theatre_map(self.places, self.topology, size_by=_SIZE_BY[self.size_by.value])
        self.area.show(self.chart)

    def refresh(self) -> None:
        """Show the sentences naming the selected place."""
        self.message.value = ""
        self.table = views.place_sentences(self.articles_frame, self.places, self.place.value)
        n_docs = self.table["doc_id"].nunique() if len(self.table) else 0
        self.summary.value = (
            f"<b>{html.escape(str(self.place.value))}</b> is named in {len(self.table):,} sentence(s) of "
            f"{n_docs:,} article(s)."
        )
        self.table_box.value = views.table(self.table, "Sentences naming this place, oldest article first").html


def place_explorer(
    workspace: Any, topology: dict | None = None, *, place: str | None = None, wait: float = DEBOUNCE_SECONDS
) -> PlaceExplorer:
    """The map panel of notebook 04 for a workspace (``topology`` defaults to the vendored countries)."""
    return PlaceExplorer(workspace.places, workspace.articles, topology, place=place, wait=wait)
