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
    "ClaimReviewer",
    "Debouncer",
    "EstimateLineage",
    "EstimatesExplorer",
    "PlaceExplorer",
    "actor_reader",
    "claim_reviewer",
    "estimate_lineage",
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


# --------------------------------------------------------------------------------------------------
# 02 consensus and lineage: pick an estimate, see who said it first
# --------------------------------------------------------------------------------------------------


def _estimate_option(row: dict[str, Any]) -> str:
    status = f" · {row['status']}" if isinstance(row.get("status"), str) else ""
    return (f"{row['category']}{status} · {row['label']} ({row['n_claims']} claim(s), "
            f"{row['n_independent']} independent)")  # fmt: skip


class EstimateLineage(_Panel):
    """A dropdown of consolidated estimates -> the lineage table and chart (who first said the figure)."""

    name = "Estimate lineage"

    def __init__(self, claims: pd.DataFrame, articles: pd.DataFrame, estimates: pd.DataFrame, *,
                 estimate_id: str | None = None, wait: float = DEBOUNCE_SECONDS):  # fmt: skip
        super().__init__(wait)
        self.claims, self.articles_frame, self.estimates = claims, articles, estimates
        records = estimates.to_dict("records")
        options = [(_estimate_option(r), r["estimate_id"]) for r in records]
        ids = [r["estimate_id"] for r in records]
        if estimate_id not in ids:  # default: the estimate with the most independent voices
            ranked = sorted(records, key=lambda r: (-r["n_independent"], -r["n_claims"], r["estimate_id"]))
            estimate_id = ranked[0]["estimate_id"] if ranked else None
        self.estimate = W.Dropdown(
            options=options or [("(no estimates)", None)],
            value=estimate_id,
            description="estimate",
            layout=W.Layout(width="620px"),
        )
        self.summary = W.HTML()
        self.area = ChartArea("lineage")
        self.table_box = W.HTML()
        self.table_box.add_class("wb-lineage-table")
        self._watch(self.estimate)
        self.widget.children = [self.estimate, self.summary, self.message, self.area.output, self.table_box]
        self.chart: alt.TopLevelMixin | None = None
        self.refresh()

    def refresh(self) -> None:
        from workbench.estimates import lineage

        self.message.value = ""
        row = self.estimates[self.estimates["estimate_id"] == self.estimate.value]
        claim_ids = list(row.iloc[0]["claim_ids"]) if len(row) else []
        self.table = lineage(self.claims, self.articles_frame, claim_ids)
        self.chart = charts.lineage_chart(self.table)
        self.area.show(self.chart)
        if len(row):
            r = row.iloc[0]
            denied = ", ".join(r["denied_by"]) if len(r["denied_by"]) else "nobody"
            self.summary.value = (
                f"<b>{html.escape(str(r['label']))}</b> ({html.escape(str(r['category']))}"
                f"{' · ' + html.escape(str(r['status'])) if isinstance(r['status'], str) else ''}): "
                f"{r['n_claims']:,} claim(s) in {r['n_articles']:,} article(s), {r['n_independent']:,} independent "
                f"voice(s); first said by {html.escape(str(r['primary_source']))}. "
                f"Disputed: {'yes' if r['disputed'] else 'no'}. Denied in the period by: {html.escape(denied)}."
            )
        else:
            self.summary.value = "No estimate selected."
        self.table_box.value = views.table(self.table, "Who said it, in order of publication").html


def estimate_lineage(workspace: Any, *, estimate_id: str | None = None,
                     wait: float = DEBOUNCE_SECONDS) -> EstimateLineage:  # fmt: skip
    """The lineage panel of notebook 02 for a workspace: display it in a cell."""
    return EstimateLineage(workspace.claims, workspace.articles, workspace.estimates, estimate_id=estimate_id,
                           wait=wait)  # fmt: skip


# --------------------------------------------------------------------------------------------------
# 05 review: step through claims, accept / reject / edit, each action one corrections row
# --------------------------------------------------------------------------------------------------

#: The claim fields the reviewer can edit.
REVIEW_FIELDS = ("source", "category", "status", "low", "high")
_CATEGORIES = ["deployment", "casualty", "desertion", "captured", "army_size", "other"]
_STATUSES = ["", "sent", "training", "expected", "front"]


def _default_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return ""


def highlight_figure(sentence: object, number_text: object, offset: int | None = None) -> str:
    """The sentence as escaped HTML with the figure wrapped in ``<mark>`` (at ``offset`` when it matches)."""
    text = "" if sentence is None or (isinstance(sentence, float) and pd.isna(sentence)) else str(sentence)
    figure = str(number_text) if isinstance(number_text, str) and number_text else ""
    start = -1
    if figure:
        if offset is not None and offset >= 0 and text[offset : offset + len(figure)] == figure:
            start = offset
        else:
            start = text.find(figure)
    if start < 0:
        return html.escape(text)
    end = start + len(figure)
    return (f"{html.escape(text[:start])}<mark>{html.escape(text[start:end])}</mark>"
            f"{html.escape(text[end:])}")  # fmt: skip


def _value_text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class ClaimReviewer(_Panel):
    """Step through the extracted claims and correct them: every action appends one row (or one per edited
    field) to the corrections file with :func:`workbench.corrections.append_correction`, then re-reads it."""

    name = "Claim reviewer"

    def __init__(self, workspace: Any, corrections_path: Any, *, who: str | None = None,
                 wait: float = DEBOUNCE_SECONDS):  # fmt: skip
        from pathlib import Path

        super().__init__(wait)
        self.workspace = workspace
        self.path = Path(corrections_path)
        raw = workspace.ledger.claims
        context = workspace.articles[["doc_id", "title", "outlet", "published"]].drop_duplicates("doc_id")
        raw = raw.drop(columns=[c for c in ("title", "outlet", "published") if c in raw.columns]).merge(
            context, on="doc_id", how="left"
        )
        self.raw = raw.reset_index(drop=True)
        self.position = 0
        self.only_uncorrected = W.Checkbox(value=False, description="only claims not yet reviewed", indent=False)
        self.previous = W.Button(description="previous", icon="arrow-left", layout=W.Layout(width="110px"))
        self.next = W.Button(description="next", icon="arrow-right", layout=W.Layout(width="110px"))
        self.where = W.HTML()
        self.sentence = W.HTML()
        self.sentence.add_class("wb-review-sentence")
        categories = sorted(set(_CATEGORIES) | {c for c in raw.get("category", []) if isinstance(c, str)})
        self.fields: dict[str, W.Widget] = {
            "source": W.Text(description="source", layout=W.Layout(width="360px")),
            "category": W.Dropdown(options=categories, description="category", layout=W.Layout(width="260px")),
            "status": W.Dropdown(options=_STATUSES, description="status", layout=W.Layout(width="220px")),
            "low": W.Text(description="low", layout=W.Layout(width="200px")),
            "high": W.Text(description="high", layout=W.Layout(width="200px")),
        }
        self.note = W.Text(description="note", placeholder="why (optional)", layout=W.Layout(width="420px"))
        self.who = W.Text(value=_default_user() if who is None else who, description="who",
                          layout=W.Layout(width="220px"))  # fmt: skip
        self.accept = W.Button(description="accept", icon="check", button_style="success")
        self.reject = W.Button(description="reject", icon="times", button_style="danger")
        self.save = W.Button(description="save edits", icon="save", button_style="primary")
        self.previous.on_click(lambda _: self.step(-1))
        self.next.on_click(lambda _: self.step(1))
        self.accept.on_click(lambda _: self.record("accept", ""))
        self.reject.on_click(lambda _: self.record("reject", ""))
        self.save.on_click(lambda _: self.save_edits())
        self.only_uncorrected.observe(lambda _: self._reset_position(), names="value")
        self.history_box = W.HTML()
        self.widget.children = [
            W.HBox([self.previous, self.next, self.only_uncorrected]),
            self.where,
            self.sentence,
            W.HBox([self.fields["source"], self.fields["category"], self.fields["status"]]),
            W.HBox([self.fields["low"], self.fields["high"]]),
            W.HBox([self.note, self.who]),
            W.HBox([self.accept, self.reject, self.save]),
            self.message,
            self.history_box,
        ]
        self.refresh()

    # -- state ------------------------------------------------------------------------------------

    @property
    def corrections(self) -> pd.DataFrame:
        from workbench.corrections import read_corrections

        return read_corrections(self.path)

    def claim_ids(self) -> list[str]:
        """The claims being stepped through (all, or those without any correction row yet)."""
        ids = list(self.raw["claim_id"])
        if self.only_uncorrected.value:
            done = set(self.corrections["claim_id"])
            ids = [i for i in ids if i not in done]
        return ids

    @property
    def claim_id(self) -> str | None:
        ids = self.claim_ids()
        return ids[min(self.position, len(ids) - 1)] if ids else None

    def current(self) -> dict[str, Any] | None:
        """The current claim with the corrections so far applied (``None`` when it is rejected)."""
        from workbench.corrections import apply_corrections

        cid = self.claim_id
        if cid is None:
            return None
        rows = self.raw[self.raw["claim_id"] == cid]
        corrected, _ = apply_corrections(rows, self.corrections[self.corrections["claim_id"] == cid])
        return corrected.iloc[0].to_dict() if len(corrected) else None

    # -- actions ----------------------------------------------------------------------------------

    def step(self, delta: int) -> None:
        n = len(self.claim_ids())
        self.position = max(0, min(self.position + delta, n - 1)) if n else 0
        self.refresh()

    def _reset_position(self) -> None:
        self.position = 0
        self.refresh()

    def record(self, field_name: str, value: object) -> None:
        """Append one correction row for the current claim and refresh."""
        from workbench.corrections import append_correction

        if self.claim_id is None:
            return
        append_correction(self.path, self.claim_id, field_name, value, note=self.note.value, who=self.who.value)
        self._written()

    def save_edits(self) -> None:
        """One correction row per field whose box differs from the claim's current value."""
        from workbench.corrections import append_correction

        current = self.current()
        if self.claim_id is None or current is None:
            return
        changed = [(name, box.value) for name, box in self.fields.items()
                   if str(box.value).strip() != _value_text(current.get(name))]  # fmt: skip
        for name, value in changed:
            value = str(value).strip()
            if name in {"low", "high"} and value:
                value = str(int(float(value.replace(",", ""))))
            append_correction(self.path, self.claim_id, name, value, note=self.note.value, who=self.who.value)
        if changed:
            self._written()
        else:
            self.message.value = "<i>nothing changed</i>"

    def _written(self) -> None:
        self.note.value = ""
        ws = self.workspace
        if getattr(ws, "corrections_path", None) is not None and ws.corrections_path.resolve() == self.path.resolve():
            for cached in ("claims", "estimates", "places"):
                ws.__dict__.pop(cached, None)  # the workspace re-applies the corrections when next read
        self.refresh()
        self.message.value = f"<i>written to {html.escape(str(self.path))}</i>"

    # -- display ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.message.value = ""
        ids = self.claim_ids()
        cid = self.claim_id
        rows = self.raw[self.raw["claim_id"] == cid]
        if cid is None or rows.empty:
            self.where.value = "<b>No claims to review.</b>"
            self.sentence.value = ""
            self.history = self.corrections.iloc[0:0]
            self.history_box.value = ""
            return
        raw = rows.iloc[0]
        current = self.current()
        self.history = self.corrections[self.corrections["claim_id"] == cid].reset_index(drop=True)
        state = "rejected" if current is None else ("corrected" if len(self.history) else "not reviewed")
        self.where.value = (
            f"Claim <b>{min(self.position, len(ids) - 1) + 1:,}</b> of {len(ids):,} · <code>{html.escape(cid)}</code>"
            f" · {html.escape(_value_text(raw.get('title')))} ({html.escape(_value_text(raw.get('outlet')))},"
            f" {html.escape(_value_text(raw.get('published'))[:10])}) · <b>{state}</b>"
        )
        offset = None
        if pd.notna(raw.get("start_char")) and pd.notna(raw.get("sentence_start")):
            offset = int(raw["start_char"]) - int(raw["sentence_start"])
        self.sentence.value = (
            "<blockquote style='margin:0.4em 0'>"
            f"{highlight_figure(raw.get('sentence'), raw.get('number_text'), offset)}</blockquote>"
        )
        shown = current if current is not None else raw.to_dict()
        for name, box in self.fields.items():
            value = _value_text(shown.get(name))
            if isinstance(box, W.Dropdown) and value not in box.options:
                box.options = [*box.options, value]
            box.value = value
        self.history_box.value = views.table(self.history, "Corrections of this claim so far").html


def claim_reviewer(workspace: Any, corrections_path: Any, *, who: str | None = None,
                   wait: float = DEBOUNCE_SECONDS) -> ClaimReviewer:  # fmt: skip
    """The review panel of notebook 05: writes to ``corrections_path`` (``data/corrections.csv`` by default
    in the notebook's parameters)."""
    return ClaimReviewer(workspace, corrections_path, who=who, wait=wait)
