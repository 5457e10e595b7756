"""Engines: local processes and Dask (a LocalCluster here) give the local engine's rows and the same ledger."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

from workbench import paths
from workbench.corpus import ingest
from workbench.engines import DaskEngine, LocalEngine, make_engine, pipeline_loads, records_from_frame
from workbench.errors import WorkbenchError
from workbench.ledger import build_ledger, store_dir

pytestmark = pytest.mark.slow
TABLES = ("claims", "stances", "places")


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    """The seeds plus a few generated articles."""
    sys.path.insert(0, str(paths.PROJ_ROOT))
    from bench.corpus import write_corpus

    folder = tmp_path_factory.mktemp("engine-corpus")
    write_corpus(6, folder, seed=5)
    for seed in sorted(paths.SEEDS_DIR.glob("*.txt")):
        (folder / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def records(corpus_dir):
    return list(records_from_frame(ingest([corpus_dir], manifest=False).articles))


@pytest.fixture(scope="module")
def local_rows(records):
    return list(LocalEngine().run(records))


def test_local_processes_match_one_process(records, local_rows):
    assert list(LocalEngine(n_process=2, batch_size=3).run(records)) == local_rows


def test_dask_local_cluster_matches_local_engine(records, local_rows):
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        ) as cluster,
        Client(cluster) as client,
    ):
        rows = list(DaskEngine(client=client, batch_size=3).run(records))
        loads = client.run(pipeline_loads)
    assert rows == local_rows
    assert [sha for sha, _ in rows] == [r["sha256"] for r in records]
    assert loads and all(n == 1 for n in loads.values()), loads  # each worker loaded the pipeline once


def test_dask_engine_writes_the_same_ledger_store(corpus_dir, tmp_path):
    local = build_ledger([corpus_dir], cache=tmp_path / "local", progress=False, manifest=False)
    dask = build_ledger(
        [corpus_dir], cache=tmp_path / "dask", progress=False, manifest=False, engine="dask", n_process=1
    )
    assert dask.stats == local.stats == {"articles": 11, "parsed": 11, "cached": 0}
    for table in TABLES:
        pd.testing.assert_frame_equal(dask.table(table), local.table(table))
    # what the Dask run cached is what the local engine reads back
    again = build_ledger([corpus_dir], cache=tmp_path / "dask", progress=False, manifest=False)
    assert again.stats["cached"] == 11
    for table in TABLES:
        pd.testing.assert_frame_equal(again.table(table), local.table(table))
    names = lambda root: sorted(p.name for p in (root / "segments").iterdir())  # noqa: E731
    assert names(store_dir(tmp_path / "dask")) == names(store_dir(tmp_path / "local"))


def test_engine_options_are_checked():
    with pytest.raises(WorkbenchError, match="--engine dask"):
        make_engine("local", scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(WorkbenchError, match="unknown engine"):
        make_engine("spark")
