"""The notebooks' widget panels without a browser: set a control, check the charts' data and the table.

Real ipywidgets, real Altair specs, real filter functions (``workbench.views``); the seed-based test uses
the real ledger.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pandas as pd
import pytest
from frames import claim_row

from workbench import paths, views, widgets
from workbench.views import UNKNOWN

XSS = "<script>alert('x')</script>"


def _claim(**kw: Any) -> dict[str, Any]:
    return claim_row(**{"unit": "soldier", **kw})


@pytest.fixture
def claims() -> pd.DataFrame:
    day = pd.Timestamp
    return pd.DataFrame(
        [
            _claim(claim_id="d1:10", doc_id="d1", start_char=10, number_text="1,500", low=1500, high=1500,
                   status="sent", source="South Korea NIS", source_country="South Korea",
                   sentence="The NIS said 1,500 special forces were sent.", title="Seoul says",
                   published=day("2024-10-18")),
            _claim(claim_id="d1:90", doc_id="d1", start_char=90, number_text="10,000 and 12,000", low=10000, high=12000,
                   status="expected", source="South Korea NIS", source_country="South Korea", hedged=True,
                   sentence=f"Up to 12,000 could follow {XSS}.", title="Seoul says", published=day("2024-10-18")),
            _claim(claim_id="d2:5", doc_id="d2", start_char=5, number_text="11,000", low=11000, high=11000,
                   status="training", source="Ukraine HUR", source_country="Ukraine", via=None,
                   sentence="Almost 11,000 are training.", title="Update from the front", published=day("2024-10-24")),
            _claim(claim_id="d3:7", doc_id="d3", start_char=7, number_text="10,000", low=10000, high=10000,
                   status="training", source="Volodymyr Zelensky", source_country="Ukraine",
                   sentence="Zelensky said 10,000 are training.", title="Brussels", published=day("2024-10-17")),
            _claim(claim_id="d3:50", doc_id="d3", start_char=50, number_text="3,000", low=3000, high=3000,
                   status="sent", source="Park Sun-won", via="South Korea NIS", source_country="South Korea",
                   sentence="Park said 3,000 were sent.", title="Brussels", published=day("2024-10-17")),
            _claim(claim_id="d4:1", doc_id="d4", start_char=1, number_text="six", low=6, high=6, category="casualty",
                   source="Telegram channel", source_country=None, hedged=True,
                   sentence="Six were killed.", title="Losses", published=day("2024-10-20")),
            _claim(claim_id="d4:9", doc_id="d4", start_char=9, number_text="1.2 million", low=1_200_000,
                   high=1_200_000, category="army_size", sentence="An army of 1.2 million.", title="Losses",
                   published=day("2024-10-20")),
        ]
    )  # fmt: skip


@pytest.fixture
def articles() -> pd.DataFrame:
    texts = {
        "d1": "Seoul says\n\nTroops went to the Kursk region. Kursk is near Ukraine.",
        "d2": "Update from the front\n\nThe Kyiv Independent reported fighting in Donetsk.\n"
        "Nothing about Kursk here? Yes, Kursk.",
        "d3": "Brussels\n\nZelensky spoke in Brussels.",
        "d4": f"Losses\n\n{XSS} Six were killed near Kursk.",
    }
    return pd.DataFrame(
        [
            {"doc_id": d, "title": t.split("\n")[0], "outlet": "o", "published": pd.Timestamp(p), "text": t,
             "n_words": len(t.split())}
            for (d, t), p in zip(texts.items(), ["2024-10-18", "2024-10-24", "2024-10-17", "2024-10-20"], strict=True)
        ]
    )  # fmt: skip


@pytest.fixture
def places() -> pd.DataFrame:
    rows = [
        ("d1", "Kursk", "region", "Russia", 51.73, 36.18, 2, 1, "Kursk|Kursk region"),
        ("d2", "Kursk", "region", "Russia", 51.73, 36.18, 2, 0, "Kursk"),
        ("d4", "Kursk", "region", "Russia", 51.73, 36.18, 1, 0, "Kursk"),
        ("d2", "Donetsk", "region", "Ukraine", 48.02, 37.80, 1, 2, "Donetsk"),
        ("d3", "Brussels", "city", "Belgium", 50.85, 4.35, 1, 0, "Brussels"),
        ("d2", "Kyiv", "city", "Ukraine", 50.45, 30.52, 1, 0, "Kyiv"),
    ]
    cols = ["doc_id", "place", "kind", "country", "lat", "lon", "mentions", "claims", "surface_forms"]
    return pd.DataFrame(rows, columns=cols)


@pytest.fixture
def stances() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"doc_id": "d1", "actor": "North Korea", "stance": "denies", "cue": "fake news", "start_char": 40,
             "sentence": "Pyongyang called it fake news.", "title": "Seoul says",
             "published": pd.Timestamp("2024-10-18")},
            {"doc_id": "d2", "actor": "South Korea NIS", "stance": "confirms", "cue": "confirmed", "start_char": 3,
             "sentence": "The NIS confirmed it.", "title": "Kyiv says", "published": pd.Timestamp("2024-10-24")},
        ]
    )  # fmt: skip


def _tiny_topology() -> dict:
    """Russia and Ukraine as rectangles (the vendored 1:50m map is exercised by the seed test)."""
    geoms = [
        {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Russia"}},
        {"type": "Polygon", "arcs": [[1]], "properties": {"name": "Ukraine"}},
    ]
    return {
        "type": "Topology",
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geoms}},
        "arcs": [
            [[40, 45], [40, 68], [140, 68], [140, 45], [40, 45]],
            [[23, 45], [23, 52], [39, 52], [39, 45], [23, 45]],
        ],
    }


def _mark_rows(chart) -> list[dict[str, Any]]:
    spec = chart.to_dict()
    return [r for values in spec.get("datasets", {}).values() for r in values]


# --------------------------------------------------------------------------------------------------
# the pure filter
# --------------------------------------------------------------------------------------------------


def test_filter_claims_each_field(claims: pd.DataFrame) -> None:
    f = views.filter_claims
    assert len(f(claims)) == len(claims)
    assert set(f(claims, category="deployment")["claim_id"]) == {"d1:10", "d1:90", "d2:5", "d3:7", "d3:50"}
    assert set(f(claims, category=["casualty", "ARMY_SIZE"])["claim_id"]) == {"d4:1", "d4:9"}
    assert set(f(claims, status="training")["source"]) == {"Ukraine HUR", "Volodymyr Zelensky"}
    assert set(f(claims, status=UNKNOWN)["claim_id"]) == {"d4:1", "d4:9"}
    assert set(f(claims, country="Ukraine")["claim_id"]) == {"d2:5", "d3:7"}
    assert set(f(claims, country=UNKNOWN)["claim_id"]) == {"d4:1", "d4:9"}
    assert set(f(claims, hedged=True)["claim_id"]) == {"d1:90", "d4:1"}
    assert len(f(claims, hedged=False)) == 5
    # a figure is kept only when it lies entirely inside the range
    assert set(f(claims, value_range=(10000, 11000))["claim_id"]) == {"d2:5", "d3:7"}
    assert set(f(claims, value_range=(10000, None))["claim_id"]) == {"d1:90", "d2:5", "d3:7", "d4:9"}
    assert set(f(claims, value_range=(None, 100))["claim_id"]) == {"d4:1"}
    assert set(f(claims, doc_ids=["d3"])["claim_id"]) == {"d3:7", "d3:50"}
    assert f(claims, doc_ids=[]).empty
    both = f(claims, category="deployment", status="sent", country="South Korea", hedged=False, doc_ids=["d3"])
    assert list(both["claim_id"]) == ["d3:50"] and list(both.index) == [0]
    assert f(claims.iloc[0:0], status="sent").empty
    assert claims["claim_id"].tolist()[0] == "d1:10"  # input untouched


def test_filter_options_come_from_the_data(claims: pd.DataFrame, articles: pd.DataFrame) -> None:
    opts = views.filter_options(claims, articles)
    assert opts["categories"][0] == "deployment" and set(opts["categories"]) == {"deployment", "casualty", "army_size"}
    assert opts["statuses"] == ["sent", "training", "expected", UNKNOWN]
    assert opts["countries"] == ["South Korea", "Ukraine", UNKNOWN]
    assert opts["values"] == [6, 1500, 3000, 10000, 11000, 12000, 1_200_000]
    assert [d for _, d in opts["docs"]] == ["d3", "d1", "d4", "d2"]  # oldest first
    assert opts["docs"][0][0].startswith("2024-10-17 · Brussels")


def test_claims_table_has_sentence_and_article_for_every_claim(claims: pd.DataFrame) -> None:
    table = views.claims_table(claims)
    assert len(table) == len(claims)
    assert table.loc[0, "published"] == "2024-10-17"  # oldest article first
    row = table[table["claim_id"] == "d1:90"].iloc[0]
    assert row["figure"] == "10,000–12,000" and row["hedged"] == "yes" and row["article"] == "Seoul says"
    assert XSS in row["sentence"]
    assert table[table["claim_id"] == "d4:9"].iloc[0]["source"] == "(article's own voice)"


def test_table_escapes_every_cell_and_the_caption() -> None:
    frame = pd.DataFrame({"sentence": [XSS, None], f"col{XSS}": ["<b>x</b>", pd.NA]})
    html = views.table(frame, caption=f"cap {XSS}", max_rows=1)._repr_html_()
    assert "<script>" not in html and "<b>x" not in html
    assert "&lt;script&gt;" in html and "2 rows · first 1 shown" in html and "None" not in html


def test_actor_statements_and_place_sentences(claims, stances, articles, places) -> None:
    nis = views.actor_statements(claims, stances, "South Korea NIS")
    assert list(nis["kind"]) == ["figure", "figure", "figure", "stance"]
    relayed = nis[nis["role"] == "relayed from"].iloc[0]
    assert "credited to Park Sun-won" in relayed["what"] and relayed["published"] == "2024-10-17"
    assert views.actor_list(claims, stances)[0] == "South Korea NIS"
    kursk = views.place_sentences(articles, places, "Kursk")
    assert list(kursk["sentence"]) == [
        "Troops went to the Kursk region.",
        "Kursk is near Ukraine.",
        f"{XSS} Six were killed near Kursk.",
        "Nothing about Kursk here?",
        "Yes, Kursk.",
    ]
    assert kursk.loc[0, "named as"] == "Kursk region"
    # "Kyiv Independent" is an outlet, not the city (as in the extractor)
    assert list(views.place_sentences(articles, places, "Kyiv")["sentence"]) == []
    assert views.place_list(places)[0] == "Kursk"


# --------------------------------------------------------------------------------------------------
# panels: set a widget, the charts and the table follow
# --------------------------------------------------------------------------------------------------


def test_estimates_explorer_status_updates_charts_and_table(claims: pd.DataFrame, articles: pd.DataFrame) -> None:
    panel = widgets.EstimatesExplorer(claims, articles, wait=0)
    assert set(panel.charts) == {"by_source", "over_time", "status_split"}
    assert len(panel.filtered) == 5 and len(panel.table) == 5  # deployment by default
    before = {r["source"] for r in _mark_rows(panel.charts["by_source"])}
    assert before == {"South Korea NIS", "Ukraine HUR", "Volodymyr Zelensky", "Park Sun-won"}

    panel.status.value = "training"
    assert set(panel.filtered["status"]) == {"training"} and len(panel.table) == 2
    assert set(panel.table["status"]) == {"training"}
    marks = _mark_rows(panel.charts["by_source"])
    assert {r["status"] for r in marks} == {"training"} and {r["low"] for r in marks} == {10000, 11000}
    assert {r["status"] for r in _mark_rows(panel.charts["over_time"])} == {"training"}
    split = [r for r in _mark_rows(panel.charts["status_split"]) if "min_low" in r]
    assert [r["status"] for r in split] == ["training"]
    assert "Almost 11,000 are training." in panel.table_box.value
    assert "<b>2</b> of 7 claims" in panel.summary.value


def test_estimates_explorer_every_control(claims: pd.DataFrame, articles: pd.DataFrame) -> None:
    panel = widgets.estimates_explorer(type("WS", (), {"claims": claims, "articles": articles})(), wait=0)
    panel.country.value = "South Korea"
    assert set(panel.table["source"]) == {"South Korea NIS", "Park Sun-won"}
    panel.hedged.value = "hedged only"
    assert list(panel.table["figure"]) == ["10,000–12,000"]
    assert panel.filters()["hedged"] is True
    panel.reset_filters()
    assert len(panel.table) == 5 and panel.status.value == widgets.ALL
    panel.values.value = (3000, 11000)
    assert set(panel.table["figure"]) == {"3,000", "10,000", "11,000"}
    panel.values.value = (6, 1_200_000)
    assert panel.filters()["value_range"] is None  # the full range filters nothing
    panel.articles.value = ("d1",)
    assert set(panel.filtered["doc_id"]) == {"d1"}
    panel.articles.value = ()
    assert len(panel.filtered) == 5  # no article selected = all
    # another category: the charts draw those figures (grey, no status) and say what they are
    panel.category.value = "casualty"
    assert list(panel.table["figure"]) == ["6"]
    title = panel.charts["by_source"].to_dict()["title"]
    assert title["text"] == "Reported casualty figures, by source"
    assert [(r["source"], r["status"], r["low"]) for r in _mark_rows(panel.charts["by_source"])] == [
        ("Telegram channel", "unknown", 6)
    ]
    panel.category.value = widgets.ALL
    assert len(panel.table) == 7
    # a filter with no match gives a valid, labelled empty chart and an empty table
    panel.category.value = "deployment"
    panel.status.value = UNKNOWN
    assert panel.table.empty and "no data" in str(panel.charts["by_source"].to_dict()["title"])


def test_panels_note_when_no_kernel(claims: pd.DataFrame, articles: pd.DataFrame) -> None:
    bundle = widgets.EstimatesExplorer(claims, articles, wait=0)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "interactive panel" in bundle["text/plain"]


def test_actor_reader_switches_actor(claims, stances) -> None:
    panel = widgets.ActorReader(claims, stances, wait=0)
    assert panel.actor.value == "South Korea NIS" and len(panel.table) == 4
    panel.actor.value = "North Korea"
    assert list(panel.table["what"]) == ["denies (“fake news”)"]
    assert "Pyongyang called it fake news." in panel.table_box.value


def test_place_explorer_size_toggle_and_place_reader(articles, places) -> None:
    panel = widgets.PlaceExplorer(places, articles, _tiny_topology(), wait=0)
    layer = panel.chart.to_dict()["layer"][1]
    assert layer["encoding"]["size"]["field"] == "mentions"
    panel.size_by.value = "figures tied to the place"
    spec = panel.chart.to_dict()
    assert spec["layer"][1]["encoding"]["size"]["field"] == "claims"
    circles = {r["place"]: r for r in _mark_rows(panel.chart) if "mentions" in r}
    assert circles["Donetsk"]["claims"] == 2 and circles["Kursk"]["mentions"] == 5
    assert panel.place.value == "Kursk" and len(panel.table) == 5
    assert "&lt;script&gt;" in panel.table_box.value and "<script>" not in panel.table_box.value
    panel.place.value = "Donetsk"
    assert list(panel.table["sentence"]) == ["The Kyiv Independent reported fighting in Donetsk."]


# --------------------------------------------------------------------------------------------------
# debouncing
# --------------------------------------------------------------------------------------------------


def test_debouncer_calls_at_once_without_a_loop() -> None:
    calls: list[int] = []
    debounced = widgets.Debouncer(lambda: calls.append(1), wait=10)
    debounced()
    debounced({"new": 2})
    assert calls == [1, 1]


def test_debouncer_coalesces_a_burst_on_the_event_loop() -> None:
    calls: list[float] = []
    errors: list[str] = []

    async def main() -> None:
        loop = asyncio.get_running_loop()
        debounced = widgets.Debouncer(lambda: calls.append(loop.time()), wait=0.05)
        start = loop.time()
        for _ in range(5):
            debounced()
            await asyncio.sleep(0.01)
        assert debounced.pending and calls == []
        await asyncio.sleep(0.15)
        assert len(calls) == 1 and calls[0] - start >= 0.09  # fired once, after the last call + wait
        failing = widgets.Debouncer(lambda: 1 / 0, wait=0.01, on_error=errors.append)
        failing()
        await asyncio.sleep(0.05)

    asyncio.run(main())
    assert len(errors) == 1 and "ZeroDivisionError" in errors[0]


def test_debounced_panel_redraws_once_after_a_burst(claims, articles) -> None:
    async def main() -> widgets.EstimatesExplorer:
        panel = widgets.EstimatesExplorer(claims, articles, wait=0.05)
        redraws: list[int] = []
        original = panel._debounced.fn
        panel._debounced.fn = lambda: (redraws.append(1), original())
        panel.status.value = "sent"
        panel.country.value = "South Korea"
        panel.hedged.value = "unhedged only"
        assert len(panel.table) == 5  # nothing redrawn yet
        await asyncio.sleep(0.2)
        assert redraws == [1]
        return panel

    panel = asyncio.run(main())
    assert set(panel.table["figure"]) == {"1,500", "3,000"}


# --------------------------------------------------------------------------------------------------
# the seeds (real ledger)
# --------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_estimates_explorer_on_the_seeds() -> None:
    from workbench.workspace import open_ledger

    ws = open_ledger([paths.SEEDS_DIR], progress=False)
    panel = widgets.estimates_explorer(ws, wait=0)
    assert {"South Korea NIS", "Volodymyr Zelensky"} <= {r["source"] for r in _mark_rows(panel.charts["by_source"])}
    panel.status.value = "training"
    marks = _mark_rows(panel.charts["by_source"])
    assert {r["status"] for r in marks} == {"training"}
    assert any(r["source"] == "Ukraine HUR" and r["low"] == 11000 for r in marks)
    assert set(panel.table["status"]) == {"training"} and len(panel.table) == len(panel.filtered) == 5
    geo = widgets.place_explorer(ws)
    labels = {r["label"] for r in _mark_rows(geo.chart) if "side" in r}
    assert {"Kursk", "Bryansk", "Donetsk"} <= labels


# --------------------------------------------------------------------------------------------------
# the chart builders added for the panels (workbench.charts)
# --------------------------------------------------------------------------------------------------


def test_load_topology_is_the_crimea_fixed_theatre() -> None:
    from workbench import charts

    topo = charts.load_topology()
    names = {g["properties"]["name"] for g in topo["objects"]["countries"]["geometries"]}
    assert {"Russia", "Ukraine", "North Korea", "South Korea", "France", "Japan"} <= names
    assert "Brazil" not in names and "Antarctica" not in names  # outside the theatre box
    assert len(charts.load_topology(bbox=None)["objects"]["countries"]["geometries"]) > len(names)
    topo["objects"].clear()  # callers get their own copy
    assert charts.load_topology()["objects"]


def test_theatre_map_leaves_off_map_places_out(places: pd.DataFrame) -> None:
    from workbench import charts

    far = pd.DataFrame(
        [{"doc_id": "d9", "place": "Washington", "kind": "city", "country": "United States", "lat": 38.9,
          "lon": -77.0, "mentions": 9, "claims": 0}]
    )  # fmt: skip
    chart = charts.theatre_map(pd.concat([places, far]), _tiny_topology())
    spec = chart.to_dict()
    circles = {r["place"] for r in _mark_rows(chart) if "mentions" in r}
    assert circles == {"Kursk", "Donetsk", "Brussels", "Kyiv"}
    assert "1 place outside this map not drawn" in " ".join(spec["title"]["subtitle"])
    labels = {r["label"] for r in _mark_rows(chart) if "side" in r}
    assert {"Kursk", "Bryansk", "Donetsk"} <= labels  # anchors are always labelled


def test_article_words_and_empty_inputs(articles: pd.DataFrame) -> None:
    from workbench import charts

    rows = _mark_rows(charts.article_words(articles))
    longest_first = articles.sort_values("n_words", ascending=False, kind="mergesort")["doc_id"]
    assert [r["doc_id"] for r in rows] == list(longest_first) and rows[0]["n_words"] == articles["n_words"].max()
    assert "no data" in str(charts.article_words(articles.iloc[0:0]).to_dict()["title"])
    capped = charts.article_words(articles, max_articles=2).to_dict()
    assert "2 shorter articles not shown" in capped["title"]["subtitle"]


def test_figures_builders_for_any_category(claims: pd.DataFrame) -> None:
    from workbench import charts

    same = charts.figures_by_source(claims, interactive=True).to_dict()
    assert same == charts.estimates_by_source(claims).to_dict()  # deployment = the existing builder
    every = charts.figures_by_source(claims, category=None)
    assert {r["low"] for r in _mark_rows(every)} == {6, 1500, 3000, 10000, 11000, 1_200_000}
    assert {r["status"] for r in _mark_rows(every) if r["low"] in (6, 1_200_000)} == {"unknown"}
    over = charts.figures_over_time(claims, category="army_size").to_dict()
    assert over["title"]["text"] == "Reported army size figures over time"
    assert "no data" in str(charts.figures_over_time(claims, category="captured").to_dict()["title"])


def test_panel_charts_never_hit_max_rows(claims: pd.DataFrame) -> None:
    """A 12,000-claim ledger still draws: the builders aggregate before Altair's 5,000-row limit."""
    big = pd.concat([claims] * 1715, ignore_index=True)
    big["low"] = big["low"] + big.index % 3000
    big["high"] = big[["low", "high"]].max(axis=1)
    big["doc_id"] = "d" + (big.index % 400).astype(str)
    panel = widgets.EstimatesExplorer(big, wait=0)
    panel.category.value = widgets.ALL
    for chart in panel.charts.values():
        for values in chart.to_dict().get("datasets", {}).values():
            assert len(values) <= 5000
    assert len(panel.table) == len(big) and panel.table_box.value.count("<tr>") == 200  # first 200 shown
