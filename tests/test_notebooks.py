"""The analyst notebooks: committed clean, and executed headless on the seeds with the charts they promise.

Each notebook runs once per session with nbclient (``workbench.htmlexport.execute_notebook``: report mode,
so every chart is an HTML snippet carrying its Vega-Lite spec) in ``notebooks/`` with a throwaway ledger
cache. The assertions read the specs and tables out of the outputs: real data, no mocks.
"""

from __future__ import annotations

import io
import json
import re
import time
from typing import Any

import nbformat
import pytest

from workbench import paths, views
from workbench.htmlexport import execute_notebook, read_notebook
from workbench.render import CHART_MARKER, export_chart

NOTEBOOKS = ["01-corpus-overview", "02-troop-estimates", "03-sources-and-stances", "04-geography"]
ARTIFACTS = paths.BUILD_DIR / "test-artifacts"
ANCHORS = {"Kursk": (51.7, 36.2), "Bryansk": (53.3, 34.3), "Donetsk": (48.0, 37.8)}


# --------------------------------------------------------------------------------------------------
# Reading outputs
# --------------------------------------------------------------------------------------------------


def _html_outputs(nb: nbformat.NotebookNode) -> list[str]:
    out = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/html")
            if text:
                out.append("".join(text) if isinstance(text, list) else text)
    return out


def _chart_specs(nb: nbformat.NotebookNode) -> list[dict[str, Any]]:
    """The Vega-Lite spec of every report-mode chart (``var ..., spec = {...}, opts = ...``)."""
    specs = []
    decoder = json.JSONDecoder()
    for text in _html_outputs(nb):
        if CHART_MARKER not in text:
            continue
        start = text.index("spec = ") + len("spec = ")
        spec, _ = decoder.raw_decode(text, start)
        specs.append(spec)
    return specs


def _tables(nb: nbformat.NotebookNode) -> list[str]:
    return [t for t in _html_outputs(nb) if 'class="wb-table"' in t]


def _title(spec: dict[str, Any]) -> str:
    title = spec.get("title")
    return title.get("text", "") if isinstance(title, dict) else str(title or "")


def _rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every data row of a spec: named datasets and inline ``data.values`` lists, in all layers."""
    rows: list[dict[str, Any]] = []
    for values in spec.get("datasets", {}).values():
        if isinstance(values, list):
            rows.extend(v for v in values if isinstance(v, dict))

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            values = node.get("data", {}).get("values") if isinstance(node.get("data"), dict) else None
            if isinstance(values, list):
                rows.extend(v for v in values if isinstance(v, dict))
            for key in ("layer", "hconcat", "vconcat", "concat"):
                for child in node.get(key, []):
                    walk(child)

    walk(spec)
    return rows


def _spec(nb: nbformat.NotebookNode, title_part: str) -> dict[str, Any]:
    found = [s for s in _chart_specs(nb) if title_part.lower() in _title(s).lower()]
    assert found, f"no chart titled like {title_part!r}: {[_title(s) for s in _chart_specs(nb)]}"
    return found[0]


def _seed_workspace():
    """The seed ledger in this process (shared test cache), to compare the notebooks' numbers with."""
    from workbench.workspace import open_ledger

    return open_ledger([paths.SEEDS_DIR], progress=False)


# --------------------------------------------------------------------------------------------------
# Committed state (fast)
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [*NOTEBOOKS, "05-review-corrections"])
def test_notebook_is_committed_without_outputs(name: str) -> None:
    nb = read_notebook(paths.NOTEBOOKS_DIR / f"{name}.ipynb")
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and code.index(params[0]) == 0 and "ARTICLES" in params[0].source
    assert "SEEDS_DIR" in params[0].source  # runs from any working directory
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    # every code cell after the parameters is explained by the markdown cell before it
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert i > 0 and nb.cells[i - 1].cell_type == "markdown", f"{name}: cell {i} has no explanation"
    assert not any("disable_max_rows" in c.source for c in code)


# --------------------------------------------------------------------------------------------------
# Executed on the seeds (slow)
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> dict[str, nbformat.NotebookNode]:
    """All four notebooks run once, in order, sharing one fresh ledger cache (the first builds it)."""
    cache = tmp_path_factory.mktemp("notebook-ledger-cache")
    out, timings = {}, {}
    for name in NOTEBOOKS:
        start = time.monotonic()
        nb = read_notebook(paths.NOTEBOOKS_DIR / f"{name}.ipynb")
        out[name] = execute_notebook(nb, cwd=paths.NOTEBOOKS_DIR, timeout=300, env={"WORKBENCH_CACHE_DIR": str(cache)})
        timings[name] = round(time.monotonic() - start, 1)
    print(f"notebook execution times (s): {timings}")
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_without_errors(executed, name: str) -> None:
    nb = executed[name]
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == [], errors
    stderr = "".join(o.text for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr")
    assert "Traceback" not in stderr and "Warning" not in stderr, stderr
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs for c in code[1:]), "every cell after the parameters displays something"
    # the widget panels degrade to a note in a kernel-less page (their widget view is stripped)
    plain = ["".join(o["data"]["text/plain"]) for c in code for o in c.outputs if "text/plain" in o.get("data", {})]
    if name != "01-corpus-overview":
        assert any("interactive panel" in p for p in plain)


@pytest.mark.slow
def test_corpus_overview_shows_articles_outlets_words_actors_places(executed) -> None:
    nb = executed["01-corpus-overview"]
    titles = [_title(s) for s in _chart_specs(nb)]
    assert titles == [
        "Articles over time, by outlet",
        "Article length: words per article",
        "Most-mentioned actors",
        "Most-mentioned places",
    ]
    timeline = {r.get("outlet") for r in _rows(_spec(nb, "over time"))}
    assert {"Newsweek", "Washington Examiner", "European Conservative"} <= timeline
    words = {r["doc_id"]: r["n_words"] for r in _rows(_spec(nb, "words")) if "n_words" in r}
    assert len(words) == 5 and words["000_1aed58ddc104b9dd"] == 811
    actors = {r["value"]: r["count"] for r in _rows(_spec(nb, "actors"))}
    assert actors["South Korea NIS"] >= 5 and "North Korea" in actors
    places = {r["value"]: r["count"] for r in _rows(_spec(nb, "places"))}
    assert places["Russia"] > places["Kursk"] >= 6
    summary, articles, report = _tables(nb)[:3]
    assert "articles read" in summary
    assert all(f"00{i}_" in articles for i in range(5)) and "Ukraine Issues Update on North Koreans" in articles
    assert report.count("<td>ok</td>") == 5


@pytest.mark.slow
def test_troop_estimates_charts_and_table_carry_the_claims(executed) -> None:
    nb = executed["02-troop-estimates"]
    by_source = _spec(nb, "by source")
    rows = _rows(by_source)
    sources = {r["source"] for r in rows}
    assert {"South Korea NIS", "Volodymyr Zelensky", "Ukraine HUR"} <= sources
    assert any(r["low"] == 11000 and r["status"] == "training" and r["source"] == "Ukraine HUR" for r in rows)
    assert any(r["low"] == 10000 and r["high"] == 12000 and r["status"] == "expected" for r in rows)
    assert all(r["sentence"] and r["title"] for r in rows)  # tooltips: the sentence and the article
    # bound params keep the status / hedged filters working without a kernel
    assert {p["name"] for p in by_source["params"]} == {"by_source_status", "by_source_hide_hedged"}
    over_time = _rows(_spec(nb, "over time"))
    assert {r["day"] for r in over_time} >= {"2024-10-17", "2024-10-18", "2024-10-28"}
    split = {r["status"] for r in _rows(_spec(nb, "by status")) if "min_low" in r}
    assert split == {"sent", "training", "expected"}
    table = _tables(nb)[1]
    deployment = views.filter_claims(_seed_workspace().claims, category="deployment")
    assert table.count("<tr>") == len(deployment) > 10  # one body row per claim (the header row has a style)
    # every mark's sentence and article are in the table: e.g. the exact sentence of the 11,000 claim
    assert "There are now almost 11,000 North Korean" in table
    assert "Ukraine Issues Update on North Koreans Fighting For Russia" in table


@pytest.mark.slow
def test_troop_estimates_consensus_lineage_and_disputes(executed) -> None:
    nb = executed["02-troop-estimates"]
    points = [r for r in _rows(_spec(nb, "live estimates")) if "estimate_id" in r]
    assert any(r["figure"] == "3,000" and r["status"] == "sent" and r["n_independent"] == 2 for r in points)
    disputed = {
        (r["figure"], r["held_by"]) for r in _rows(_spec(nb, "disputed estimates")) if r["status"] == "training"
    }
    assert {("10,000", "Volodymyr Zelensky"), ("11,000", "Ukraine HUR")} <= disputed
    assert "Disputed estimates and who denies them" in _tables(nb)[2] and "North Korea" in _tables(nb)[2]


@pytest.mark.slow
def test_review_notebook_runs_on_a_tmp_corrections_file(tmp_path) -> None:
    corrections = tmp_path / "corrections.csv"
    corrections.write_text("claim_id,field,value,note,who,when\nnope:1,reject,,,t,\n", encoding="utf-8")
    nb = read_notebook(paths.NOTEBOOKS_DIR / "05-review-corrections.ipynb")
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    params.source += f"\nCORRECTIONS = {str(corrections)!r}"
    start = time.monotonic()
    nb = execute_notebook(nb, cwd=paths.NOTEBOOKS_DIR, timeout=300, env={"WORKBENCH_CACHE_DIR": str(tmp_path / "c")})
    print(f"05 execution time (s): {time.monotonic() - start:.1f}")
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert "nope:1" in _tables(nb)[0] and "stale" in _tables(nb)[0]
    plain = [
        "".join(o["data"]["text/plain"])
        for c in nb.cells
        for o in c.get("outputs", [])
        if "text/plain" in o.get("data", {})
    ]
    assert any("Claim reviewer: interactive panel" in p for p in plain)
    assert corrections.read_text(encoding="utf-8").count("\n") == 2  # running it writes nothing


@pytest.mark.slow
def test_sources_and_stances_show_relays_and_denials(executed) -> None:
    nb = executed["03-sources-and-stances"]
    matrix = _rows(_spec(nb, "who says what"))
    assert any(r["source"] == "South Korea NIS" and r["figure"] == "1,500" and r["n_claims"] >= 3 for r in matrix)
    types = {r["source_type"] for r in _rows(_spec(nb, "source type"))}
    assert {"intelligence", "government", "media"} <= types
    relays = _rows(_spec(nb, "relayed"))
    assert any(r.get("via") == "South Korea NIS" and r.get("source") == "Park Sun-won" for r in relays)
    stances = _rows(_spec(nb, "confirms"))
    denials = {r["actor"] for r in stances if r["stance"] == "denies"}
    assert {"North Korea", "Alexander Lukashenko"} <= denials
    assert any(r["actor"] == "South Korea NIS" and r["stance"] == "confirms" for r in stances)


@pytest.mark.slow
def test_geography_map_has_the_anchor_places_and_exports_a_real_png(executed) -> None:
    nb = executed["04-geography"]
    spec = _spec(nb, "places named")
    rows = _rows(spec)
    circles = {r["place"]: r for r in rows if "place" in r and "mentions" in r}
    labels = {r["label"]: r for r in rows if "label" in r and "side" in r}
    for name, (lat, lon) in ANCHORS.items():
        assert abs(circles[name]["lat"] - lat) < 0.3 and abs(circles[name]["lon"] - lon) < 0.3, name
        assert abs(labels[name]["lat"] - lat) < 0.3 and abs(labels[name]["lon"] - lon) < 0.3, name
    places = _seed_workspace().places
    assert circles["Kursk"]["mentions"] == places.loc[places["place"] == "Kursk", "mentions"].sum() >= 6
    assert "Washington" not in circles  # outside the map: counted in the subtitle, not drawn off-map
    topo = spec["layer"][0]["data"]
    assert topo["format"] == {"type": "topojson", "feature": "countries"}
    names = {g["properties"]["name"] for g in topo["values"]["objects"]["countries"]["geometries"]}
    assert {"Russia", "Ukraine", "North Korea", "South Korea"} <= names
    assert "Kursk" in _tables(nb)[1] and "Bryansk" in _tables(nb)[1]

    png = export_chart(spec, ARTIFACTS / "map-04-geography", formats=["png"], scale=1)[0]
    image = pytest.importorskip("PIL.Image")
    with image.open(io.BytesIO(png.read_bytes())) as img:
        rgb = img.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 24) or []
        assert rgb.size[0] > 600 and rgb.size[1] > 300
    assert len(colours) > 200, f"map PNG looks blank: {len(colours)} colours"
    # the shaded countries are there (Russia's and Ukraine's fills from places_map's palette)
    fills = {c for _, c in colours}
    assert (0xF6, 0xC9, 0xA8) in fills and (0xFB, 0xE7, 0xA6) in fills


HOSTILE = "<script>alert('owned')</script>"


@pytest.mark.slow
def test_estimates_notebook_runs_on_another_folder_and_escapes_its_text(tmp_path) -> None:
    """Any folder set in the parameters cell works, and article markup is shown as text, never run."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "hostile.txt").write_text(
        f"Seoul says {HOSTILE} troops moved <img src=x onerror=alert('img')>\n\n"
        f"South Korea's spy agency said on Monday that 2,000 North Korean troops {HOSTILE} were sent to Kursk.\n",
        encoding="utf-8",
    )
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    nb = read_notebook(paths.NOTEBOOKS_DIR / "02-troop-estimates.ipynb")
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    params.source = f"ARTICLES = [{str(folder)!r}]"
    cache = tmp_path / "cache"
    nb = execute_notebook(nb, cwd=paths.NOTEBOOKS_DIR, timeout=300, env={"WORKBENCH_CACHE_DIR": str(cache)})
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    rows = _rows(_spec(nb, "by source"))
    assert [(r["source"], r["low"], r["high"]) for r in rows] == [("South Korea NIS", 2000, 2000)]
    assert HOSTILE in rows[0]["sentence"]  # stays data inside the spec (script-safe JSON in the page)
    page = "".join(_html_outputs(nb))
    assert "<script>alert(" not in page and "<img src=x" not in page
    table = _tables(nb)[1]
    assert HOSTILE.replace("<", "&lt;").replace(">", "&gt;") in table and "2,000" in table
    summary = _tables(nb)[0]
    assert re.search(r"<td[^>]*>files with a problem[^<]*</td>\s*<td>1</td>", summary)


@pytest.mark.slow
def test_tables_escape_article_text(executed) -> None:
    """No table cell of the seed notebooks holds markup: any '<' from the data arrives as '&lt;'."""
    for name, nb in executed.items():
        for table in _tables(nb):
            cells = re.findall(r"<td[^>]*>(.*?)</td>", table, flags=re.S)
            assert cells and all("<" not in c for c in cells), name
