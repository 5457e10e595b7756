"""The ``workbench`` command, run as a subprocess against the seeds: formats, columns, bad input, --no-cache."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess

import pandas as pd
import pytest

DESIGN_COLUMNS = {
    "claims": [
        "claim_id",
        "doc_id",
        "number_text",
        "start_char",
        "end_char",
        "sentence",
        "low",
        "high",
        "qualifier",
        "unit",
        "category",
        "status",
        "source",
        "source_mention",
        "source_type",
        "source_country",
        "via",
        "place",
        "date_text",
        "hedged",
    ],
    "stances": ["doc_id", "actor", "actor_country", "stance", "sentence", "start_char", "end_char"],
    "places": ["doc_id", "place", "kind", "country", "lat", "lon", "mentions"],
}
SEED_IDS = {
    "000_1aed58ddc104b9dd",
    "001_dfa434782f7f7181",
    "002_c660a855ca50e628",
    "003_8b02f984d4d28e83",
    "004_6e70a8150dafb38e",
}


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    """One cache shared by the module's runs, so only the first run parses the seeds."""
    return tmp_path_factory.mktemp("cli-cache")


def run(cmd, args, cache, cwd):
    env = {**os.environ, "WORKBENCH_CACHE_DIR": str(cache)}
    return subprocess.run([*cmd, *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


def _ok(proc):
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("table", ["claims", "stances", "places"])
def test_jsonl_rows_have_design_columns(workbench_cmd, seeds_dir, cache_dir, tmp_path, table):
    out = tmp_path / f"{table}.jsonl"
    _ok(run(workbench_cmd, [table, seeds_dir, "--format", "jsonl", "-o", out, "-q"], cache_dir, tmp_path))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows
    for row in rows:
        assert set(DESIGN_COLUMNS[table]) <= set(row)
    assert {r["doc_id"] for r in rows} <= SEED_IDS
    if table == "claims":
        assert all(r["claim_id"] == f"{r['doc_id']}:{r['start_char']}" for r in rows)


@pytest.mark.parametrize("table", ["claims", "stances", "places"])
def test_csv_header_starts_with_design_columns(workbench_cmd, seeds_dir, cache_dir, tmp_path, table):
    out = tmp_path / f"{table}.csv"
    _ok(run(workbench_cmd, [table, seeds_dir, "--format", "csv", "-o", out, "-q"], cache_dir, tmp_path))
    with open(out, newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header[: len(DESIGN_COLUMNS[table])] == DESIGN_COLUMNS[table]
    assert len(pd.read_csv(out)) > 0


@pytest.mark.parametrize("table", ["claims", "stances", "places"])
def test_parquet_reads_back(workbench_cmd, seeds_dir, cache_dir, tmp_path, table):
    out = tmp_path / f"{table}.parquet"
    _ok(run(workbench_cmd, [table, seeds_dir, "--format", "parquet", "-o", out, "-q"], cache_dir, tmp_path))
    frame = pd.read_parquet(out)
    assert len(frame) > 0
    assert list(frame.columns[: len(DESIGN_COLUMNS[table])]) == DESIGN_COLUMNS[table]
    assert set(frame.doc_id) <= SEED_IDS


def test_stdout_without_output_file(workbench_cmd, seeds_dir, cache_dir, tmp_path):
    proc = run(workbench_cmd, ["claims", seeds_dir, "-q"], cache_dir, tmp_path)
    _ok(proc)
    frame = pd.read_csv(io.StringIO(proc.stdout))
    assert list(frame.columns[: len(DESIGN_COLUMNS["claims"])]) == DESIGN_COLUMNS["claims"]
    assert set(frame.doc_id) == SEED_IDS
    proc = run(workbench_cmd, ["stances", seeds_dir, "--format", "jsonl", "-q"], cache_dir, tmp_path)
    _ok(proc)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows and all(set(DESIGN_COLUMNS["stances"]) <= set(r) for r in rows)


def test_bad_file_exit_1_good_claims_still_written(workbench_cmd, seeds_dir, cache_dir, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = sorted(seeds_dir.glob("*.txt"))[0]
    shutil.copy(good, folder / good.name)
    (folder / "broken_scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    out = tmp_path / "claims.jsonl"
    proc = run(workbench_cmd, ["claims", folder, "--format", "jsonl", "-o", out, "-q"], cache_dir, tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    bad_lines = [line for line in proc.stderr.splitlines() if "broken_scan.txt" in line]
    assert bad_lines, proc.stderr
    assert any(word in bad_lines[0].lower() for word in ("binary", "not_text", "nul")), bad_lines
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows
    assert {r["doc_id"] for r in rows} == {good.stem}


def test_no_cache_leaves_cache_dir_empty(workbench_cmd, seeds_dir, tmp_path):
    cache = tmp_path / "empty-cache"
    cache.mkdir()
    out = tmp_path / "claims.csv"
    _ok(run(workbench_cmd, ["claims", seeds_dir, "--no-cache", "-o", out, "-q"], cache, tmp_path))
    assert len(pd.read_csv(out)) > 0
    assert list(cache.iterdir()) == []
