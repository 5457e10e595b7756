"""Chart builders and themes, checked through their Vega-Lite specs (real Altair, no mocks)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import pytest
import vl_convert
from frames import claim_row

from workbench import charts, themes
from workbench.themes import STANCE_COLORS, STANCE_ORDER, STATUS_COLORS, STATUS_ORDER

GEO = Path(__file__).resolve().parents[1] / "workbench" / "resources" / "geo"
XSS = "<script>alert(1)</script>"


# --------------------------------------------------------------------------- fixtures and helpers


def _claim(**kw: Any) -> dict[str, Any]:
    return claim_row(**{"unit": "troops", **kw})


@pytest.fixture
def claims() -> pd.DataFrame:
    """The five canonical claims of the design doc (+ a duplicate NIS 1,500 in a second article)."""
    return pd.DataFrame(
        [
            _claim(claim_id="c1", doc_id="d1", number_text="1,500", low=1500, high=1500, status="sent",
                   source="NIS", source_type="intelligence", source_country="South Korea",
                   sentence="The NIS said 1,500 special forces were sent.", published=pd.Timestamp("2024-10-18")),
            _claim(claim_id="c2", doc_id="d1", number_text="10,000-12,000", low=10000, high=12000,
                   status="expected", source="NIS", source_type="intelligence", source_country="South Korea",
                   hedged=True, qualifier="about", published=pd.Timestamp("2024-10-18")),
            _claim(claim_id="c3", doc_id="d2", number_text="11,000", low=11000, high=11000, status="training",
                   source="HUR", source_type="intelligence", source_country="Ukraine",
                   published=pd.Timestamp("2024-10-24")),
            _claim(claim_id="c4", doc_id="d3", number_text="10,000", low=10000, high=10000, status="training",
                   source="Volodymyr Zelensky", source_type="government", source_country="Ukraine",
                   published=pd.NaT),
            _claim(claim_id="c5", doc_id="d4", number_text="1.2 million", low=1_200_000, high=1_200_000,
                   category="army_size", source=None, published=pd.Timestamp("2024-10-20")),
            _claim(claim_id="c6", doc_id="d5", number_text="1500", low=1500, high=1500, status="sent",
                   source="NIS", source_type="intelligence", source_country="South Korea",
                   published=pd.Timestamp("2024-10-19")),
        ]
    )  # fmt: skip


@pytest.fixture
def stances() -> pd.DataFrame:
    rows = [
        ("North Korea", "North Korea", "denies"),
        ("North Korea", "North Korea", "denies"),
        ("Kremlin", "Russia", "denies"),
        ("Kremlin", "Russia", "cannot_confirm"),
        ("Kremlin", "Russia", "cannot_confirm"),
        ("Pentagon", "United States", "confirms"),
        ("NIS", "South Korea", "expects"),
    ]
    return pd.DataFrame(
        [
            {"doc_id": f"d{i}", "actor": a, "actor_country": c, "stance": s, "sentence": f"s{i}"}
            for i, (a, c, s) in enumerate(rows)
        ]
    )


@pytest.fixture
def places() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"doc_id": "d1", "place": "Kursk", "kind": "region", "country": "Russia", "lat": 51.7,
             "lon": 36.2, "mentions": 5, "claims": 2},
            {"doc_id": "d2", "place": "Kursk", "kind": "region", "country": "Russia", "lat": 51.7,
             "lon": 36.2, "mentions": 3, "claims": 1},
            {"doc_id": "d2", "place": "Pyongyang", "kind": "city", "country": "North Korea", "lat": 39.0,
             "lon": 125.8, "mentions": 4, "claims": 0},
            {"doc_id": "d3", "place": "Atlantis", "kind": "city", "country": None, "lat": None,
             "lon": None, "mentions": 1, "claims": 0},
        ]
    )  # fmt: skip


def _tiny_topology() -> dict:
    """Hand-made TopoJSON: Russia, Ukraine and a far-away country (clockwise rings, unquantised)."""
    return {
        "type": "Topology",
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Russia"}},
                    {"type": "Polygon", "arcs": [[1]], "properties": {"name": "Ukraine"}},
                    {"type": "Polygon", "arcs": [[2]], "properties": {"name": "Farland"}},
                ],
            }
        },
        "arcs": [
            [[40, 45], [40, 68], [140, 68], [140, 45], [40, 45]],
            [[23, 45], [23, 52], [39, 52], [39, 45], [23, 45]],
            [[-100, 20], [-100, 30], [-90, 30], [-90, 20], [-100, 20]],
        ],
    }


def _datasets(spec: dict) -> list[list[dict]]:
    """Every inline dataset of a spec (top-level ``datasets`` plus any ``data.values`` lists)."""
    found = [v for v in spec.get("datasets", {}).values() if isinstance(v, list)]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            values = node.get("data", {}).get("values") if isinstance(node.get("data"), dict) else None
            if isinstance(values, list):
                found.append(values)
            for k, v in node.items():
                if k != "datasets":
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return found


def _rows(spec: dict) -> list[dict]:
    return [row for ds in _datasets(spec) for row in ds]


def _nodes(node: Any) -> Iterator[dict]:
    """All dicts in a spec, skipping inline data (data values are allowed to contain anything)."""
    if isinstance(node, dict):
        yield node
        for k, v in node.items():
            if k not in ("datasets", "values"):
                yield from _nodes(v)
    elif isinstance(node, list):
        for v in node:
            yield from _nodes(v)


def _marks(spec: dict) -> set[str]:
    out = set()
    for node in _nodes(spec):
        mark = node.get("mark")
        if mark is not None:
            out.add(mark if isinstance(mark, str) else mark["type"])
    return out


def _encodings(spec: dict, channel: str) -> list[dict]:
    return [n["encoding"][channel] for n in _nodes(spec) if channel in n.get("encoding", {})]


def _tooltip_fields(spec: dict) -> set[str]:
    fields = set()
    for tip in _encodings(spec, "tooltip"):
        for t in tip if isinstance(tip, list) else [tip]:
            fields.add(t.get("field"))
    return fields


def _subtitle(spec: dict) -> str:
    title = spec.get("title", {})
    sub = title.get("subtitle", []) if isinstance(title, dict) else []
    return " | ".join([sub] if isinstance(sub, str) else sub)


def _builders(claims: pd.DataFrame, stances: pd.DataFrame, places: pd.DataFrame, topo: dict) -> dict:
    articles = claims.drop_duplicates("doc_id").assign(n_words=500)
    return {
        "estimates_by_source": lambda: charts.estimates_by_source(claims),
        "estimates_over_time": lambda: charts.estimates_over_time(claims),
        "status_split": lambda: charts.status_split(claims),
        "source_figure_matrix": lambda: charts.source_figure_matrix(claims),
        "source_types": lambda: charts.source_types(claims),
        "relay_chains": lambda: charts.relay_chains(claims),
        "stance_matrix": lambda: charts.stance_matrix(stances),
        "places_map": lambda: charts.places_map(places, topo),
        "top_counts": lambda: charts.top_counts(claims, "source", title="Sources"),
        "mentions_timeline": lambda: charts.mentions_timeline(articles),
    }


# --------------------------------------------------------------------------- 1-2 estimates


def test_estimates_by_source_rows_marks_and_colours(claims: pd.DataFrame) -> None:
    spec = charts.estimates_by_source(claims).to_dict()
    assert _marks(spec) == {"rule", "point"}
    got = {(r["source"], r["status"], r["low"], r["high"], r["n_claims"]) for r in _rows(spec)}
    assert got == {
        ("NIS", "sent", 1500, 1500, 2),
        ("NIS", "expected", 10000, 12000, 1),
        ("HUR", "training", 11000, 11000, 1),
        ("Volodymyr Zelensky", "training", 10000, 10000, 1),
    }
    assert all(r["low"] != 1_200_000 for r in _rows(spec)), "army size must not leak into deployment"
    colors = [c for c in _encodings(spec, "color") if c.get("field") == "status"]
    assert colors and all(c["scale"]["domain"] == STATUS_ORDER for c in colors)
    assert colors[0]["scale"]["range"] == [STATUS_COLORS[s] for s in STATUS_ORDER]
    x = next(e for e in _encodings(spec, "x") if e.get("field") == "low")
    assert x["scale"]["type"] == "log"
    y = _encodings(spec, "y")[0]
    assert y["field"] == "source" and y["sort"][0] == "NIS"
    assert {"sentence", "number_text", "low", "high", "status", "hedged", "title", "qualifier"} <= _tooltip_fields(spec)


def test_estimates_by_source_own_voice_and_params(claims: pd.DataFrame) -> None:
    extra = pd.DataFrame([_claim(low=3000, high=3000, status="front", source=None, number_text="3,000")])
    spec = charts.estimates_by_source(pd.concat([claims, extra])).to_dict()
    assert charts.OWN_VOICE in {r["source"] for r in _rows(spec)}
    names = {p["name"]: p for p in spec["params"]}
    status_name, hedged_name = charts.PARAM_NAMES["estimates_by_source"]
    assert names[status_name]["bind"]["input"] == "select"
    assert names[status_name]["bind"]["options"] == [None, *STATUS_ORDER]
    assert names[hedged_name]["bind"]["input"] == "checkbox"
    filters = [t["filter"] for n in _nodes(spec) for t in n.get("transform", []) if "filter" in t]
    assert any(status_name in f and hedged_name in f for f in filters)
    static = charts.estimates_by_source(claims, interactive=False, log_scale=False).to_dict()
    assert "params" not in static
    assert all(e.get("scale", {}).get("type") != "log" for e in _encodings(static, "x"))


def test_estimates_over_time_omits_undated(claims: pd.DataFrame) -> None:
    spec = charts.estimates_over_time(claims).to_dict()
    got = {(r["day"], r["status"], r["low"], r["high"]) for r in _rows(spec)}
    assert got == {
        ("2024-10-18", "sent", 1500, 1500),
        ("2024-10-19", "sent", 1500, 1500),
        ("2024-10-18", "expected", 10000, 12000),
        ("2024-10-24", "training", 11000, 11000),
    }
    assert "1 figure without a publication date omitted" in _subtitle(spec)
    x = _encodings(spec, "x")[0]
    assert x["field"] == "day" and x["type"] == "temporal"
    assert {p["name"] for p in spec["params"]} == set(charts.PARAM_NAMES["estimates_over_time"])
    assert "sentence" in _tooltip_fields(spec)


# --------------------------------------------------------------------------- 3-6 ledger views


def test_status_split_aggregates(claims: pd.DataFrame) -> None:
    spec = charts.status_split(claims).to_dict()
    summary = {r["status"]: r for r in _rows(spec) if "min_low" in r}
    assert list(summary) == ["sent", "training", "expected"]  # pipeline order
    assert (summary["sent"]["min_low"], summary["sent"]["max_high"], summary["sent"]["n_claims"]) == (1500, 1500, 2)
    assert summary["sent"]["n_sources"] == 1
    t = summary["training"]
    assert (t["min_low"], t["max_high"], t["n_claims"], t["n_sources"]) == (10000, 11000, 2, 2)
    e = summary["expected"]
    assert (e["min_low"], e["max_high"], e["range"]) == (10000, 12000, "10,000–12,000")
    assert {"bar", "tick", "text"} == _marks(spec)


def test_source_figure_matrix_cells(claims: pd.DataFrame) -> None:
    spec = charts.source_figure_matrix(claims).to_dict()
    cells = {(r["source"], r["figure"]): r["n_claims"] for r in _rows(spec)}
    assert cells == {
        ("NIS", "1,500"): 2,
        ("NIS", "10,000–12,000"): 1,
        ("HUR", "11,000"): 1,
        ("Volodymyr Zelensky", "10,000"): 1,
    }
    x = next(e for e in _encodings(spec, "x") if e["field"] == "figure")
    assert x["sort"] == ["1,500", "10,000", "10,000–12,000", "11,000"]  # ascending by value
    assert "sentence" in _tooltip_fields(spec)
    everything = charts.source_figure_matrix(claims, category=None).to_dict()
    assert (charts.OWN_VOICE, "1,200,000") in {(r["source"], r["figure"]) for r in _rows(everything)}


def test_source_types_counts(claims: pd.DataFrame) -> None:
    spec = charts.source_types(claims).to_dict()
    got = {(r["source_type"], r["source_country"]): r["n_claims"] for r in _rows(spec)}
    assert got == {
        ("intelligence", "South Korea"): 3,
        ("intelligence", "Ukraine"): 1,
        ("government", "Ukraine"): 1,
        (charts.OWN_VOICE, "(unknown country)"): 1,
    }
    color = _encodings(spec, "color")[0]
    domain, rng = color["scale"]["domain"], color["scale"]["range"]
    assert rng[domain.index("South Korea")] == themes.COUNTRY_COLORS["South Korea"]
    assert domain[-1] == "(unknown country)"  # buckets after real countries


def test_relay_chains(claims: pd.DataFrame) -> None:
    relayed = pd.concat(
        [
            claims,
            pd.DataFrame(
                [
                    _claim(low=3000, high=3000, status="sent", source="Lee Seong-kweun", via="NIS", doc_id="d7"),
                    _claim(low=3000, high=3000, status="sent", source="Lee Seong-kweun", via="NIS", doc_id="d8"),
                    _claim(low=10000, high=10000, status="sent", source="Park Sun-won", via="NIS", doc_id="d9"),
                ]
            ),
        ]
    )
    spec = charts.relay_chains(relayed).to_dict()
    pairs = {(r["via"], r["source"]): r["n_claims"] for r in _rows(spec) if "via_y" in r}
    assert pairs == {("NIS", "Lee Seong-kweun"): 2, ("NIS", "Park Sun-won"): 1}
    nodes = {(r["side"], r["name"]) for r in _rows(spec) if "side" in r}
    assert nodes == {("via", "NIS"), ("source", "Lee Seong-kweun"), ("source", "Park Sun-won")}
    assert {"rule", "circle", "text"} == _marks(spec)
    none = charts.relay_chains(claims).to_dict()
    assert "no relayed figures" in _subtitle(none)


# --------------------------------------------------------------------------- 7 stances, 8 map


def test_stance_matrix(stances: pd.DataFrame) -> None:
    spec = charts.stance_matrix(stances).to_dict()
    cells = {(r["actor"], r["stance"]): r["n_statements"] for r in _rows(spec)}
    assert cells == {
        ("North Korea", "denies"): 2,
        ("Kremlin", "denies"): 1,
        ("Kremlin", "cannot_confirm"): 2,
        ("Pentagon", "confirms"): 1,
        ("NIS", "expects"): 1,
    }
    y = _encodings(spec, "y")[0]
    assert y["sort"][:2] == ["Kremlin", "North Korea"]  # most statements first
    color = next(c for c in _encodings(spec, "color") if c.get("field") == "stance")
    assert color["scale"]["domain"] == STANCE_ORDER
    assert color["scale"]["range"][STANCE_ORDER.index("denies")] == STANCE_COLORS["denies"] == "#D7191C"
    assert "sentence" in _tooltip_fields(spec)


def test_places_map_inline_topology_and_labels(places: pd.DataFrame) -> None:
    topo = _tiny_topology()
    spec = charts.places_map(places, topo).to_dict()
    geo = [n for n in _nodes(spec) if isinstance(n.get("mark"), dict) and n["mark"]["type"] == "geoshape"]
    assert len(geo) == 1
    data = geo[0]["data"]
    assert "url" not in data and data["format"] == {"type": "topojson", "feature": "countries"}
    kept = [g["properties"]["name"] for g in data["values"]["objects"]["countries"]["geometries"]]
    assert kept == ["Russia", "Ukraine"]  # Farland is far outside the view and subset away
    assert topo["objects"]["countries"]["geometries"][2]["properties"]["name"] == "Farland"  # input untouched
    assert geo[0]["projection"]["fit"]["geometry"]["type"] == "MultiPoint"
    rows = _rows(spec)
    labels = {r["label"] for r in rows if "label" in r}
    assert {"Kursk", "Bryansk", "Donetsk", "Pyongyang"} <= labels
    points = {r["place"]: r for r in rows if "place" in r}
    assert set(points) == {"Kursk", "Pyongyang"}
    assert (points["Kursk"]["mentions"], points["Kursk"]["claims"], points["Kursk"]["n_docs"]) == (8, 3, 2)
    assert "1 place without coordinates" in _subtitle(spec)
    by_claims = charts.places_map(places, topo, size_by="claims").to_dict()
    assert any(e.get("field") == "claims" for e in _encodings(by_claims, "size"))
    with pytest.raises(ValueError):
        charts.places_map(places, topo, size_by="words")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["countries-50m-ukraine-crimea.json", "countries-110m-ukraine-crimea.json"])
def test_vendored_topology_matches_map(name: str) -> None:
    """The shaded-country lookup must match the vendored names; the subset keeps the theatre only."""
    path = GEO / name
    if not path.exists():
        pytest.skip(f"{name} not vendored yet")
    topo = json.loads(path.read_text())
    sub = charts._subset_topology(topo, "countries")
    names = {g["properties"]["name"] for g in sub["objects"]["countries"]["geometries"]}
    assert {"Russia", "Ukraine", "North Korea", "South Korea", "Belarus", "China"} <= names
    assert {"Russia", "Ukraine", "North Korea", "South Korea"} <= set(charts._SHADED_COUNTRIES)
    assert "Brazil" not in names and len(sub["arcs"]) < len(topo["arcs"])


def test_subset_topology_quantised_roundtrip() -> None:
    """Delta-encoded arcs: kept geometries decode to the same coordinates after re-indexing."""
    topo = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Far"}},
                    {"type": "MultiPolygon", "arcs": [[[~1]]], "properties": {"name": "Near"}},
                ],
            }
        },
        "arcs": [[[-100, 20], [0, 10], [10, 0], [0, -10], [-10, 0]], [[40, 40], [10, 0], [0, 10], [-10, 0]]],
    }
    out = charts._subset_topology(topo, "countries")
    geoms = out["objects"]["countries"]["geometries"]
    assert [g["properties"]["name"] for g in geoms] == ["Near"]
    assert geoms[0]["arcs"] == [[[~0]]] and out["arcs"] == [topo["arcs"][1]]


# --------------------------------------------------------------------------- 9-10 overview


def test_top_counts_explodes_lists_and_caps() -> None:
    df = pd.DataFrame({"actors": [["NIS", "HUR"], ["NIS"], ["Kremlin", "NIS"], None, []]})
    spec = charts.top_counts(df, "actors", n=2, title="Actors").to_dict()
    assert [(r["value"], r["count"]) for r in _rows(spec)] == [("NIS", 3), ("HUR", 1)]
    assert spec["title"]["text"] == "Actors" and "1 less frequent value not shown" in _subtitle(spec)
    weighted = charts.top_counts(pd.DataFrame({"p": ["a", "b"], "m": [1, 5]}), "p", weight="m").to_dict()
    assert [(r["value"], r["count"]) for r in _rows(weighted)] == [("b", 5), ("a", 1)]


def test_mentions_timeline_daily_and_weekly() -> None:
    articles = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "c", "d"],
            "published": pd.to_datetime(["2024-10-18", "2024-10-18", "2024-10-21", "2024-10-21", None]),
            "outlet": ["Yonhap", "Reuters", "Yonhap", "Yonhap", "AP"],
            "n_words": [100, 200, 300, 300, 50],
            "title": ["t1", "t2", "t3", "t3", "t4"],
        }
    )
    daily = charts.mentions_timeline(articles).to_dict()
    got = {(r["period"], r["outlet"]): r["n_articles"] for r in _rows(daily)}
    assert got == {("2024-10-18", "Yonhap"): 1, ("2024-10-18", "Reuters"): 1, ("2024-10-21", "Yonhap"): 1}
    assert "1 article without a publication date omitted" in _subtitle(daily)
    weekly = charts.mentions_timeline(articles, freq="W").to_dict()
    got = {(r["period"], r["outlet"]): r["n_articles"] for r in _rows(weekly)}
    assert got == {("2024-10-13", "Yonhap"): 1, ("2024-10-13", "Reuters"): 1, ("2024-10-20", "Yonhap"): 1}
    assert _encodings(weekly, "x")[0]["timeUnit"] == "utcyearweek"


# --------------------------------------------------------------------------- cross-cutting


def test_specs_are_deterministic(claims: pd.DataFrame, stances: pd.DataFrame, places: pd.DataFrame) -> None:
    builders = _builders(claims, stances, places, _tiny_topology())
    for name, build in builders.items():
        first = build().to_dict()
        assert first == build().to_dict(), name
        assert "param_" not in json.dumps(first), name  # no auto-numbered params


@pytest.mark.parametrize("frame", [pd.DataFrame(), None])
def test_empty_frames_give_no_data_charts(frame: pd.DataFrame | None) -> None:
    empty = (
        pd.DataFrame(columns=["doc_id", "low", "high", "category", "source", "published"]) if frame is None else frame
    )
    builds: dict[str, Callable[[], Any]] = _builders(empty, empty, empty, _tiny_topology())
    for name, build in builds.items():
        if name == "top_counts":
            build = lambda: charts.top_counts(empty, "source")  # noqa: E731
        spec = build().to_dict()
        assert "no data" in _subtitle(spec), name


def test_large_ledger_stays_under_max_rows() -> None:
    """100k claims: every builder aggregates to small inline datasets (default transformer, max rows on)."""
    rng = np.random.default_rng(7)
    n = 100_000
    low = rng.integers(100, 20_000, n)
    doc = np.char.add("d", (np.arange(n) % 5000).astype(str))
    source = rng.choice(np.array([f"src{i}" for i in range(600)] + [None], dtype=object), n)
    big = pd.DataFrame(
        {
            "doc_id": doc,
            "low": low,
            "high": low + rng.integers(0, 3000, n),
            "number_text": low.astype(str),
            "category": rng.choice(["deployment", "casualty", "army_size"], n, p=[0.8, 0.1, 0.1]),
            "status": rng.choice(np.array(["sent", "training", "expected", "front", None], dtype=object), n),
            "source": source,
            "source_type": rng.choice(["intelligence", "government", "media"], n),
            "source_country": rng.choice([f"c{i}" for i in range(25)], n),
            "via": rng.choice(np.array([f"v{i}" for i in range(200)] + [None] * 200, dtype=object), n),
            "sentence": np.char.add("sentence ", np.arange(n).astype(str)),
            "hedged": rng.random(n) < 0.3,
            "title": doc,
            "outlet": rng.choice([f"outlet{i}" for i in range(30)], n),
            "published": pd.Timestamp("2024-10-01") + pd.to_timedelta(rng.integers(0, 400, n), unit="D"),
        }
    )
    stances = pd.DataFrame(
        {"doc_id": doc, "actor": source, "stance": rng.choice(STANCE_ORDER, n), "sentence": big["sentence"]}
    )
    places = pd.DataFrame(
        {
            "doc_id": doc,
            "place": np.char.add("p", (np.arange(n) % 8000).astype(str)),
            "kind": "city",
            "lat": rng.uniform(30, 70, n),
            "lon": rng.uniform(20, 145, n),
            "mentions": 1,
        }
    )
    assert alt.data_transformers.active == "default"
    for name, build in _builders(big, stances, places, _tiny_topology()).items():
        spec = build().to_dict()
        sizes = [len(ds) for ds in _datasets(spec)]
        assert sizes and max(sizes) <= 5000, (name, sizes)


def test_markup_in_text_stays_data(claims: pd.DataFrame, stances: pd.DataFrame, places: pd.DataFrame) -> None:
    nasty = claims.assign(sentence=XSS, title=XSS)
    nasty.loc[0, "source"] = XSS
    specs = [
        charts.estimates_by_source(nasty).to_dict(),
        charts.estimates_over_time(nasty).to_dict(),
        charts.source_figure_matrix(nasty).to_dict(),
        charts.stance_matrix(stances.assign(sentence=XSS, actor=XSS)).to_dict(),
        charts.places_map(places.assign(place=XSS), _tiny_topology()).to_dict(),
    ]
    for spec in specs:
        assert XSS in {v for row in _rows(spec) for v in row.values() if isinstance(v, str)}
        for node in _nodes(spec):  # never in titles, text templates, expressions or labels
            for key in ("title", "text", "subtitle", "labelExpr", "expr", "filter", "test"):
                assert "<script" not in json.dumps(node.get(key, "")), key


# --------------------------------------------------------------------------- themes and export


def test_themes_registered_and_sized() -> None:
    assert {themes.SCREEN_THEME, themes.SLIDES_THEME} <= set(alt.theme.names())
    with themes.use_theme("workbench-slides"):
        assert alt.theme.active == "workbench-slides"
        cfg = alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(x="a").to_dict()["config"]
    assert cfg["title"]["fontSize"] >= 28 and cfg["axis"]["labelFontSize"] >= 18
    assert cfg["view"]["continuousWidth"] == 1100 and cfg["view"]["continuousHeight"] == 520
    assert cfg["font"] == "DejaVu Sans" == themes.FONT
    screen = alt.theme.get()  # restored after the context
    assert alt.theme.active != "workbench-slides" and screen is not None
    with themes.use_theme("workbench"):
        cfg = alt.Chart(pd.DataFrame({"a": [1]})).mark_point().to_dict()["config"]
    assert cfg["font"] == "DejaVu Sans" and cfg["range"]["category"] == themes.CATEGORY_PALETTE
    with pytest.raises(ValueError), themes.use_theme("nope"):
        pass
    assert list(STATUS_COLORS) == STATUS_ORDER and list(STANCE_COLORS) == STANCE_ORDER


def _distinct_colours(png: bytes) -> int:
    pil_image = pytest.importorskip("PIL.Image")
    with pil_image.open(io.BytesIO(png)) as img:
        return len(img.convert("RGB").getcolors(maxcolors=1 << 24) or [])


def test_png_export_is_not_blank(claims: pd.DataFrame, places: pd.DataFrame) -> None:
    with themes.use_theme("workbench-slides"):
        by_source = vl_convert.vegalite_to_png(charts.estimates_by_source(claims).to_dict(), scale=1)
    with themes.use_theme("workbench"):
        geo_map = vl_convert.vegalite_to_png(charts.places_map(places, _tiny_topology()).to_dict(), scale=1)
    width, height = int.from_bytes(by_source[16:20], "big"), int.from_bytes(by_source[20:24], "big")
    assert 1.5 < width / height < 2.2  # slide-shaped
    assert _distinct_colours(by_source) > 10
    assert _distinct_colours(geo_map) > 10
