"""Hostile inputs, random bytes and text, concurrent writers and a writer killed mid-write.

The hostile folder is built by the test (no committed binaries) beside copies of the seeds: every good
article's claims must come out, every bad file must be named with its reason, the exit status must say so, and
no Python traceback may reach the user.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.corpus import decode_bytes, ingest

GOOD = "North Korea has sent about 3,000 soldiers to Russia, South Korea's spy agency said on Wednesday."


def _hostile_folder(root: Path, seeds: Path) -> Path:
    folder = root / "hostile articles ä"
    folder.mkdir()
    for seed in sorted(seeds.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "blank.txt").write_text("  \n\t\n ", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    (folder / "latin1.txt").write_bytes(("Café report\n\n" + GOOD + " Zoltán Kottász wrote it.").encode("latin-1"))
    (folder / "utf16 bom.txt").write_bytes(("UTF-16 report\n\n" + GOOD).encode("utf-16"))
    (folder / "mixed newlines.txt").write_bytes(("Mixed\r\n\r\n" + GOOD + "\rSecond line.\n").encode())
    (folder / "russian.txt").write_text("Заголовок\n\nКНДР направила в Россию около 3000 военных.\n", encoding="utf-8")
    (folder / "korean.txt").write_text("제목\n\n북한이 러시아에 병력 3천명을 파병했다.\n", encoding="utf-8")
    (folder / "long line.txt").write_text("Long line\n\n" + "x" * 2_000_000 + "\n\n" + GOOD + "\n", encoding="utf-8")
    (folder / "page.html").write_text(
        "<html><head><title>Page &amp; title</title><script>alert(1)</script></head><body><iframe "
        "src='https://evil.example'></iframe><article><h1>Page &amp; title</h1><p>" + GOOD + " Officials in "
        "Seoul said the troops were training near Vladivostok &mdash; far from the front.</p></article></body></html>",
        encoding="utf-8",
    )
    (folder / "records.jsonl").write_text(
        json.dumps({"title": "JSONL one", "text": GOOD})
        + "\nnot json at all\n"
        + json.dumps({"title": "no text"})
        + "\n",
        encoding="utf-8",
    )
    (folder / "dup of seed.txt").write_bytes((seeds / "000_1aed58ddc104b9dd.txt").read_bytes())
    (folder / "broken link.txt").symlink_to(folder / "does-not-exist.txt")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    return folder


@pytest.mark.slow
def test_hostile_folder_every_input_has_an_outcome(tmp_path, seeds_dir, workbench_cmd):
    folder = _hostile_folder(tmp_path, seeds_dir)
    env = {**os.environ, "WORKBENCH_CACHE_DIR": str(tmp_path / "cache")}
    out = tmp_path / "claims.csv"
    done = subprocess.run(
        [*workbench_cmd, "claims", str(folder), "-o", str(out), "-q"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    for name, status in [
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("binary.txt", "not_text"),
        ("broken link.txt", "missing"),
        ("dup of seed.txt", "duplicate"),
    ]:
        line = next((ln for ln in done.stderr.splitlines() if name in ln), "")
        assert line.startswith(status), (name, done.stderr)
    assert "records.jsonl:2" in done.stderr and "records.jsonl:3" in done.stderr
    claims = pd.read_csv(out)
    # every good article's claims are present, including the odd encodings and the HTML page
    by_doc = claims.groupby("doc_id").size()
    for seed in seeds_dir.glob("*.txt"):
        assert by_doc.get(seed.stem, 0) > 0, seed.stem
    for stem in ("latin1", "utf16 bom", "mixed newlines", "long line", "page", "records-0001"):
        assert by_doc.get(stem, 0) >= 1, (stem, sorted(by_doc.index))
    # non-English articles are flagged, not mis-extracted
    assert by_doc.get("russian", 0) == 0 and by_doc.get("korean", 0) == 0
    corpus = ingest([folder], manifest=False)
    languages = corpus.articles.set_index("doc_id")["language"]
    assert languages["russian"] == "ru" and languages["korean"] == "ko"
    # offsets still index each article's text
    texts = corpus.articles.set_index("doc_id")["text"]
    for row in claims.itertuples():
        assert texts[row.doc_id][row.start_char : row.end_char] == str(row.number_text)


def test_debug_flag_shows_a_traceback_only_when_asked(tmp_path, workbench_cmd):
    missing = tmp_path / "nowhere"
    done = subprocess.run(
        [*workbench_cmd, "claims", str(missing), "--format", "parquet"], capture_output=True, text=True, check=False
    )
    assert done.returncode != 0 and "Traceback" not in done.stderr and "parquet output needs a file" in done.stderr


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=4096))
def test_random_bytes_never_crash_the_loader(data):
    try:
        text, _ = decode_bytes(data)
    except ValueError:
        return  # NotText: a clear, reported outcome
    assert isinstance(text, str)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
    | st.lists(
        st.sampled_from(
            [
                "3,000",
                "troops",
                "North Korean",
                "said",
                "Kursk",
                "\n",
                "between",
                "and",
                "10,000",
                "the NIS",
                ".",
                "thousands of",
                "soldiers",
                "he",
                "denied",
                "—",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_extraction_on_random_text_never_crashes_and_offsets_hold(nlp, text):
    doc = nlp(text)
    for claim in doc._.claims:
        assert text[claim.start_char : claim.end_char] == claim.number_text
    for stance in doc._.stances:
        assert 0 <= stance.start_char <= stance.end_char <= len(text)


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(
            f"Report {i}\n\nNorth Korea has sent about {1000 + i * 7:,} soldiers to Russia, the NIS said on day {i}. "
            f"Officials said {i + 20} North Korean soldiers were killed near Kursk.\n",
            encoding="utf-8",
        )
    return folder


@pytest.mark.slow
def test_two_writers_on_one_cache_at_once(tmp_path, workbench_cmd):
    folder = _corpus(tmp_path / "corpus", 24)
    env = {**os.environ, "WORKBENCH_CACHE_DIR": str(tmp_path / "cache")}
    procs = [
        subprocess.Popen(
            [*workbench_cmd, "claims", str(folder), "-o", str(tmp_path / f"out{i}.csv"), "-q"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(2)
    ]
    for proc in procs:
        assert proc.wait(timeout=600) == 0, proc.stderr.read()
    first, second = (pd.read_csv(tmp_path / f"out{i}.csv") for i in range(2))
    pd.testing.assert_frame_equal(first, second)
    assert len(first) == 48


@pytest.mark.slow
def test_a_writer_killed_mid_write_loses_nothing(tmp_path, workbench_cmd):
    from workbench.ledger import build_ledger

    folder = _corpus(tmp_path / "corpus", 40)
    cache = tmp_path / "cache"
    env = {**os.environ, "WORKBENCH_CACHE_DIR": str(cache)}
    build_ledger(sorted(folder.glob("*.txt"))[:10], cache=cache, progress=False)  # a finished segment exists
    proc = subprocess.Popen(
        [*workbench_cmd, "claims", str(folder), "-o", str(tmp_path / "x.csv"), "-q"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(4.0)  # model loaded, extraction under way
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    # a truncated segment file, as a crash during a write would leave it, is detected and rebuilt
    segments = sorted(cache.rglob("*.claims.parquet"))
    assert segments
    segments[0].write_bytes(segments[0].read_bytes()[:10])
    with pytest.warns(UserWarning, match="unreadable"):
        recovered = build_ledger([folder], cache=cache, progress=False)
    reference = build_ledger([folder], use_cache=False, progress=False)
    pd.testing.assert_frame_equal(
        recovered.claims.drop(columns=["sha256"]).reset_index(drop=True),
        reference.claims.drop(columns=["sha256"]).reset_index(drop=True),
        check_dtype=False,
    )


def test_make_lab_binds_loopback_with_token():
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    lab = next(line for line in makefile.splitlines() if "jupyter lab" in line)
    assert "--ServerApp.ip=127.0.0.1" in lab
    assert "token=''" not in makefile and 'token=""' not in makefile and "0.0.0.0" not in makefile


@pytest.mark.slow
def test_brief_names_bad_inputs_and_still_builds(tmp_path, seeds_dir, workbench_cmd):
    folder = tmp_path / "articles"
    folder.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt"))[:2]:
        shutil.copy(seed, folder / seed.name)
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02 binary")
    env = {**os.environ, "WORKBENCH_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [*workbench_cmd, "brief", str(folder), "--out", str(tmp_path / "out")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 1 and "not_text" in done.stderr and "bad.txt" in done.stderr
    assert "Traceback" not in done.stderr
    assert (tmp_path / "out" / "briefing.html").exists()
