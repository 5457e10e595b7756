"""Ingestion: the seeds, every loader format, duplicates, bad files and determinism (real files on disk)."""

from __future__ import annotations

import json
import subprocess

import pandas as pd
import pytest

from workbench import load_articles
from workbench.corpus import ARTICLE_COLUMNS, boilerplate_spans, decode_bytes, ingest

SEED_TITLES = {
    "000_1aed58ddc104b9dd": "U.S. confirms North Korean soldiers in Russia amid Ukraine conflict",
    "001_dfa434782f7f7181": "Ukraine claims North Korean soldiers being sent en masse to fight for Russia",
    "002_c660a855ca50e628": "Ukraine Issues Update on North Koreans Fighting For Russia",
    "003_8b02f984d4d28e83": "NATO Confirms North Korean Soldiers Deployed Close to Ukraine",
    "004_6e70a8150dafb38e": "Seoul reports: North Korean soldiers stationed in Russia are being referred to as "
    '"human ammunition"',
}
BOILERPLATE = [
    "Leave a Reply",
    "Source link",
    "Visited 1 times",
    "CLICK HERE TO READ MORE",
    "Photo: KIM Won Jin",
    "Facebook\nTwitter",
    "Author: Dan Alexe",
    "Translation by",
    "Required fields are marked",
    "Subscribe to any plan",
    "is a journalist for europeanconservative.com",
]


def test_seeds_load_as_five_articles_with_titles_and_clean_bodies(seeds_dir):
    articles = load_articles([seeds_dir])
    assert list(articles.columns) == ARTICLE_COLUMNS
    assert len(articles) == 5
    assert dict(zip(articles.doc_id, articles.title, strict=True)) == SEED_TITLES
    for body in articles.body:
        for junk in BOILERPLATE:
            assert junk not in body
    # text is the file, byte for byte decoded: offsets refer to it
    for row in articles.itertuples():
        assert row.text == (seeds_dir / f"{row.doc_id}.txt").read_text(encoding="utf-8")
    report = articles.attrs["ingest_report"]
    assert report.status.tolist() == ["ok"] * 5


def test_footers_become_authors_and_manifest_fills_provenance(seeds_dir):
    articles = load_articles([seeds_dir]).set_index("doc_id")
    assert articles.loc["000_1aed58ddc104b9dd", "author"].startswith("Dan Alexe")
    assert articles.loc["003_8b02f984d4d28e83", "author"] == "Zoltán Kottász"
    assert articles.loc["001_dfa434782f7f7181", "outlet"] == "Washington Examiner"
    assert articles.loc["003_8b02f984d4d28e83", "published"] == pd.Timestamp("2024-10-28")
    assert "inferred" in articles.loc["003_8b02f984d4d28e83", "notes"]
    assert set(articles.language) == {"en"}


def test_every_loader_format(tmp_path):
    (tmp_path / "a.txt").write_text("Title A\n\nBody of a with 3,000 soldiers.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Title B\n\nSome *markdown* body.\n", encoding="utf-8")
    (tmp_path / "c.json").write_text(
        json.dumps(
            {"title": "Title C", "text": "Body C.", "url": "https://x/c", "published": "2024-10-25", "outlet": "Yonhap"}
        ),
        encoding="utf-8",
    )
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"title": "D1", "text": "Body d one."})
        + "\n{broken\n"
        + json.dumps({"title": "D2", "text": "Body d two.", "author": "Jane Roe"})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "e.html").write_text(
        "<html><head><title>Title E</title><meta name='author' content='Kim Reporter'></head><body>"
        "<article><h1>Title E</h1><p>North Korea has sent about 3,000 soldiers to Russia, the spy agency said "
        "on Wednesday in a closed-door briefing to lawmakers in Seoul.</p><p>The troops are training in the "
        "Russian Far East and could be deployed to the front line by December, officials said.</p>"
        "<script>alert(1)</script></article></body></html>",
        encoding="utf-8",
    )
    corpus = ingest([tmp_path], manifest=False)
    arts = corpus.articles.set_index("doc_id")
    assert arts.loc["a", "title"] == "Title A" and "3,000 soldiers" in arts.loc["a", "body"]
    assert arts.loc["b", "title"] == "Title B"
    assert arts.loc["c", "outlet"] == "Yonhap" and arts.loc["c", "published"] == pd.Timestamp("2024-10-25")
    assert {"d-0001", "d-0003"} <= set(arts.index)
    assert arts.loc["d-0003", "author"] == "Jane Roe"
    assert "3,000 soldiers" in arts.loc["e", "text"] and "alert(1)" not in arts.loc["e", "text"]
    bad = corpus.report[corpus.report.status == "bad_line"]
    assert len(bad) == 1 and "line 2" in bad.iloc[0].reason


def test_duplicates_are_reported_not_dropped_silently(tmp_path, seeds_dir):
    text = (seeds_dir / "000_1aed58ddc104b9dd.txt").read_bytes()
    (tmp_path / "one.txt").write_bytes(text)
    (tmp_path / "two.txt").write_bytes(text)
    corpus = ingest([tmp_path], manifest=False)
    assert corpus.articles.doc_id.tolist() == ["one"]
    row = corpus.report.set_index("path").loc[str(tmp_path / "two.txt")]
    assert row.status == "duplicate" and "one" in row.reason


def test_empty_binary_and_missing_files_get_reasons(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n\n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (tmp_path / "good.txt").write_text("Good\n\nNorth Korea sent 1,500 soldiers.\n", encoding="utf-8")
    (tmp_path / "notes.xlsx").write_bytes(b"PK\x03\x04")
    corpus = ingest([tmp_path, tmp_path / "nope.txt"], manifest=False)
    status = dict(zip(corpus.report.path.map(lambda p: p.rsplit("/", 1)[-1]), corpus.report.status, strict=True))
    assert status == {
        "empty.txt": "empty",
        "good.txt": "ok",
        "image.txt": "not_text",
        "notes.xlsx": "skipped",
        "nope.txt": "missing",
    }
    assert corpus.articles.doc_id.tolist() == ["good"]
    assert all(corpus.report.reason.str.len() > 0)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("Kursk — 3,000 troops".encode("utf-16"), "Kursk — 3,000 troops"),
        ("\ufeffKursk 3,000".encode(), "\ufeffKursk 3,000"),
        (
            "Курская область, 3000 солдат, переброшенных из КНДР в Россию".encode("cp1251"),
            "Курская область, 3000 солдат, переброшенных из КНДР в Россию",
        ),
        (
            "Café crème, Zoltán Kottász reported from Budapest".encode("latin-1"),
            "Café crème, Zoltán Kottász reported from Budapest",
        ),
    ],
)
def test_encodings_are_detected(payload, expected):
    text, _ = decode_bytes(payload)
    assert text == expected


def test_non_english_is_flagged(tmp_path):
    (tmp_path / "ru.txt").write_text(
        "Заголовок\n\nКНДР направила в Россию около 3000 военных, сообщили в разведке Южной Кореи.\n", encoding="utf-8"
    )
    (tmp_path / "ko.txt").write_text(
        "제목\n\n북한이 러시아에 병력 3천명을 파병했다고 국정원이 밝혔다.\n", encoding="utf-8"
    )
    arts = ingest([tmp_path], manifest=False).articles.set_index("doc_id")
    assert arts.loc["ru", "language"] == "ru" and arts.loc["ko", "language"] == "ko"


def test_boilerplate_spans_keep_offsets_into_text():
    text = "Title\r\nBody 3,000 soldiers.\r\nSource link\r\nVisited 1 times, 1 visit(s) today\r\n"
    spans = boilerplate_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["Source link", "Visited 1 times, 1 visit(s) today"]


def test_wire_update_notes_and_credits_are_boilerplate():
    text = (
        "Title\n\nSeoul says 3,000 soldiers went.\n\n(Updates with Kremlin comment in 17th paragraph.)\n\n"
        "— With assistance from Soo-min Yoon\n(Reporting by Josh Smith; Editing by Ed Davies)\n"
    )
    kinds = {text[s.start : s.end]: s.kind for s in boilerplate_spans(text)}
    assert set(kinds) == {
        "(Updates with Kremlin comment in 17th paragraph.)",
        "— With assistance from Soo-min Yoon",
        "(Reporting by Josh Smith; Editing by Ed Davies)",
    }, kinds


def test_ingest_is_deterministic(seeds_dir):
    first, second = load_articles([seeds_dir]), load_articles([seeds_dir])
    pd.testing.assert_frame_equal(first, second)


def test_cli_ingest_lists_five_ok_rows(workbench_cmd, seeds_dir, tmp_path):
    done = subprocess.run([*workbench_cmd, "ingest", str(seeds_dir)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert len(lines) == 5 and all(line.startswith("ok") for line in lines)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    done = subprocess.run(
        [*workbench_cmd, "ingest", str(seeds_dir), str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1 and "empty" in done.stdout and "Traceback" not in done.stderr


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_newlines_read_as_python_text_mode_does(tmp_path, seeds_dir, newline):
    """Offsets index the text as ``Path.read_text`` gives it, so a CRLF file scores like its LF twin."""
    from workbench.ledger import build_ledger

    seed = sorted(seeds_dir.glob("*.txt"))[0]
    text = seed.read_text(encoding="utf-8")
    (tmp_path / "windows.txt").write_bytes(text.replace("\n", newline).encode("utf-8"))
    article = load_articles([tmp_path]).iloc[0]
    assert article["text"] == (tmp_path / "windows.txt").read_text(encoding="utf-8") == text
    claims = build_ledger([tmp_path], use_cache=False, progress=False).claims
    assert len(claims) > 0
    for row in claims.itertuples():
        assert text[row.start_char : row.end_char] == row.number_text
