"""Files -> the articles table and an ingest report.

Raw files are never modified. Every input file gets exactly one outcome in the report (``ok``, ``duplicate``,
``empty``, ``not_text``, ``unreadable``, ``bad_json``, ``missing``, ``skipped``...), so one broken file never
stops a corpus and nothing is dropped silently. ``text`` keeps the decoded file unchanged because every
character offset in the ledger refers to it; ``body`` is the cleaned reading text.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from workbench import paths

ARTICLE_COLUMNS = [
    "doc_id",
    "path",
    "title",
    "text",
    "body",
    "outlet",
    "author",
    "url",
    "published",
    "language",
    "n_words",
    "sha256",
    "notes",
]
REPORT_COLUMNS = ["doc_id", "path", "status", "reason"]
MANIFEST_COLUMNS = ["doc_id", "outlet", "url", "published", "author", "language", "notes"]

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
# Ingest reads whole files; beyond this an "article" is almost certainly a dump, not a story (a 20 MB "article"
# would take minutes in spaCy): it is reported as too_large with the way out. WORKBENCH_MAX_ARTICLE_MB overrides.
MAX_FILE_BYTES = int(float(os.environ.get("WORKBENCH_MAX_ARTICLE_MB", "8")) * 1024 * 1024)

# Statuses that mean an input could not be used: the CLI exits non-zero when any occurs.
FAILED_STATUSES = frozenset({"empty", "not_text", "unreadable", "bad_json", "bad_line", "missing", "too_large"})


@dataclass(frozen=True)
class Article:
    """One article, as the rest of the pipeline sees it."""

    doc_id: str
    path: str
    title: str
    text: str
    body: str
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    n_words: int = 0
    sha256: str = ""
    notes: str | None = None


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one input (a file, or one record of a JSON/JSONL file)."""

    doc_id: str | None
    path: str
    status: str
    reason: str = ""


@dataclass
class Corpus:
    """The result of ingesting: the articles table and the report that accounts for every input."""

    articles: pd.DataFrame
    report: pd.DataFrame
    outcomes: list[IngestOutcome] = field(default_factory=list)

    @property
    def failed(self) -> pd.DataFrame:
        return self.report[self.report["status"].isin(FAILED_STATUSES)]


# --------------------------------------------------------------------------------------------- decoding

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),  # kept as U+FEFF in text (as Python's read_text does), dropped from title
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


class NotText(ValueError):
    """The bytes are not a text document in any encoding we can trust."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes: BOMs first, then strict UTF-8, then a detector. Returns (text, encoding).

    Raises NotText for binary data, so a ``.txt`` that is really a PNG is named in the report, not parsed.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise NotText(f"starts with a {encoding} byte-order mark but does not decode: {exc}") from exc
    if b"\x00" in data[:65536]:
        raise NotText("contains NUL bytes: a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    ascii_share = sum(b < 128 for b in data[:65536]) / min(len(data), 65536)
    if ascii_share > 0.9:
        # Mostly-English bytes that are not UTF-8 are almost always Windows-1252 (a superset of Latin-1).
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise NotText("no text encoding fits these bytes")
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise NotText(f"decodes as {best.encoding} only to control characters: binary data")
    return text, best.encoding


def universal_newlines(text: str) -> str:
    """Windows (CR LF) and old Mac (CR) line ends become LF, as Python's text mode reads a file (``read_text``).

    Offsets then mean the same thing in the ledger and in any tool that opens the file as text (the labelled
    sets' scorer does): a Windows-saved article would otherwise shift every offset by one per line.
    """
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad / min(len(text), 65536)


# ------------------------------------------------------------------------------------------- boilerplate

_SHARE_WORDS = {
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "telegram",
    "tumblr",
    "whatsapp",
    "reddit",
    "pinterest",
    "email",
    "e-mail",
    "print",
    "vk",
    "share",
    "copy link",
    "messenger",
    "viber",
    "threads",
    "bluesky",
    "mastodon",
}
_BOILERPLATE_LINE = re.compile(
    r"""^\s*(?:
        source\s+link
      | visited\s+\d+\s+times?\b.*
      | click\s+here\s+to\s+read\s+more\b.*
      | (?:read|see)\s+(?:more|also)\s*[:\-–].*
      | (?:read|see)\s+more\s*$
      | you\s+may\s+also\s+like
      | related(?:\s+(?:articles?|stories|posts))?\s*:?\s*
      | share\s+(?:this|the)\s+(?:article|story|post)\s*:?.*
      | share\s*:?\s*
      | advertisement
      | (?:sign\s+up|subscribe)\b.*\bnewsletter\b.*
      | (?:photo|image|picture|foto)\s*(?:credit)?\s*:.*
      | \(?(?:ap|afp|reuters|getty\s+images|epa|yonhap)\)?\s*
      | \((?:updates|adds|recasts|corrects|rewrites|refiles)\b[^)]*\)       # "(Updates with Kremlin comment ...)"
      | [—–-]+\s*with\s+assistance\s+from\b.*                          # a wire's contributor credit
      | \(?(?:additional\s+)?(?:reporting|writing|editing)\s+by\b[^()]*\)?  # "(Reporting by ...; Editing by ...)"
      | all\s+rights\s+reserved.*
      | ©.*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_CAPTION_LINE = re.compile(
    r"^\s*(?:in\s+this\s+(?:\w+,?\s+){0,6}(?:file\s+)?photo\b|.*\((?:AP|AFP|Reuters|EPA|Getty)\b[^)]*\)\s*$)",
    re.IGNORECASE,
)
# Everything after a comment-form heading is comment boilerplate, not article.
_COMMENTS_START = re.compile(r"^\s*(?:leave\s+a\s+(?:reply|comment)|\d+\s+comments?|comments?)\s*$", re.I)
_AUTHOR_LINE = re.compile(
    r"^\s*(?i:author|by|written\s+by|words\s+by|reporting\s+by)\s*:?\s+(?P<name>[A-Z][^\n]{1,80}?)\s*$"
)
_TRANSLATOR_LINE = re.compile(r"^\s*(?:translat(?:ion|ed)\s+by)\s*:?\s+(?P<name>[A-Z][^\n]{1,80}?)\s*$", re.I)
_AUTHOR_BIO = re.compile(
    r"^\s*(?P<name>(?:[A-ZÀ-Ý][\w'’.\-]+\s+){1,3}[A-ZÀ-Ý][\w'’.\-]+)\s+is\s+an?\s+"
    r"(?:[\w\-]+\s+){0,3}(?:journalist|reporter|correspondent|editor|writer|columnist|analyst)\b"
)


@dataclass(frozen=True)
class LineSpan:
    start: int
    end: int  # exclusive, without the newline
    kind: str  # "boilerplate" | "author" | "translator"
    value: str = ""


def iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, line) over ``text`` for any newline convention, offsets into ``text`` itself."""
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        raw = match.group(0)
        if not raw:
            continue
        line = raw.rstrip("\r\n")
        yield match.start(), match.start() + len(line), line


def boilerplate_spans(text: str) -> list[LineSpan]:
    """Lines of ``text`` that are page furniture, not reporting (author footers are tagged with the name).

    The extractor skips these spans, so "Visited 1 times" never becomes a troop figure.
    """
    lines = list(iter_lines(text))
    spans: list[LineSpan] = []
    in_comments = False
    share_run: list[tuple[int, int]] = []

    def flush_share_run() -> None:
        # A lone "Email" could be prose; two or more share words in a row is a share bar.
        if len(share_run) >= 2:
            spans.extend(LineSpan(s, e, "boilerplate") for s, e in share_run)
        share_run.clear()

    for start, end, line in lines:
        stripped = line.strip()
        if in_comments:
            if stripped:
                spans.append(LineSpan(start, end, "boilerplate"))
            continue
        if not stripped:
            continue
        if stripped.lower().strip(" :|•·") in _SHARE_WORDS:
            share_run.append((start, end))
            continue
        flush_share_run()
        if _COMMENTS_START.match(stripped):
            in_comments = True
            spans.append(LineSpan(start, end, "boilerplate"))
        elif m := _TRANSLATOR_LINE.match(stripped):
            spans.append(LineSpan(start, end, "translator", m.group("name").strip()))
        elif ((m := _AUTHOR_LINE.match(stripped)) and len(stripped.split()) <= 8) or (
            (m := _AUTHOR_BIO.match(stripped)) and len(stripped) < 600
        ):
            spans.append(LineSpan(start, end, "author", m.group("name").strip()))
        elif _BOILERPLATE_LINE.match(stripped) or _CAPTION_LINE.match(stripped):
            spans.append(LineSpan(start, end, "boilerplate"))
    flush_share_run()
    return spans


def clean_body(text: str, title_span: tuple[int, int] | None = None) -> tuple[str, str | None]:
    """Body text (boilerplate and title removed, newlines normalised) and the author found in footers."""
    spans = boilerplate_spans(text)
    skip = [(s.start, s.end) for s in spans]
    if title_span:
        skip.append(title_span)
    authors = [s.value for s in spans if s.kind == "author"]
    translators = [s.value for s in spans if s.kind == "translator"]
    kept = [line for start, end, line in iter_lines(text) if not any(s <= start and end <= e for s, e in skip)]
    body = "\n".join(kept).replace("\ufeff", "")
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    author = None
    if authors:
        author = "; ".join(dict.fromkeys(authors))
        if translators:
            author += " (translated by " + "; ".join(dict.fromkeys(translators)) + ")"
    return body, author


# ------------------------------------------------------------------------------------------------ loaders


def _title_line(text: str, markdown: bool) -> tuple[str, tuple[int, int] | None]:
    for start, end, line in iter_lines(text):
        if line.strip().replace("\ufeff", ""):
            title = line.strip().replace("\ufeff", "")
            if markdown:
                title = re.sub(r"^#+\s*", "", title)
            return title, (start, end)
    return "", None


def detect_language(text: str) -> str:
    """A dependency-free language guess good enough to keep Russian or Korean out of an English extractor."""
    sample = text[:20000]
    counts = {"latin": 0, "cyrillic": 0, "hangul": 0, "cjk": 0, "other": 0}
    for ch in sample:
        if not ch.isalpha():
            continue
        cp = ord(ch)
        if cp < 0x250:
            counts["latin"] += 1
        elif 0x400 <= cp < 0x530:
            counts["cyrillic"] += 1
        elif 0xAC00 <= cp < 0xD7B0 or 0x1100 <= cp < 0x1200 or 0x3130 <= cp < 0x3190:
            counts["hangul"] += 1
        elif 0x3040 <= cp < 0x30FF or 0x4E00 <= cp < 0xA000:
            counts["cjk"] += 1
        else:
            counts["other"] += 1
    total = sum(counts.values())
    if total == 0:
        return "und"
    script = max(counts, key=lambda k: counts[k])
    if script == "cyrillic":
        return "uk" if re.search(r"[іїєґІЇЄҐ]", sample) else "ru"
    if script == "hangul":
        return "ko"
    if script == "cjk":
        return "ja" if re.search(r"[\u3040-\u30ff]", sample) else "zh"
    if script == "latin":
        words = re.findall(r"[a-z]+", sample.lower())
        if not words:
            return "und"
        english = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "was", "said", "by"}
        return "en" if sum(w in english for w in words) / len(words) > 0.08 else "und"
    return "und"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _make_article(
    doc_id: str,
    path: str,
    text: str,
    *,
    title: str | None = None,
    markdown: bool = False,
    outlet: str | None = None,
    author: str | None = None,
    url: str | None = None,
    published: str | None = None,
) -> Article:
    found_title, title_span = _title_line(text, markdown)
    if title:
        title_span = None  # the title came from metadata; the first line stays part of the body
    body, footer_author = clean_body(text, title_span)
    return Article(
        doc_id=doc_id,
        path=path,
        title=title or found_title,
        text=text,
        body=body,
        outlet=outlet or None,
        author=author or footer_author,
        url=url or None,
        published=published or None,
        language=detect_language(body or text),
        n_words=len(body.split()),
        sha256=_sha256(text),
    )


def _load_text_file(path: Path, text: str, doc_id: str) -> list[Article]:
    return [_make_article(doc_id, str(path), text, markdown=path.suffix.lower() == ".md")]


def _load_html_file(path: Path, html: str, doc_id: str) -> list[Article]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None:
        raise NotText("no article text could be extracted from this HTML")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = (data.get("text") or "").strip()
    if not body:
        raise NotText("the HTML holds no article text")
    title = (data.get("title") or "").strip()
    # For HTML, `text` is the extracted article text (title first): offsets into markup would be useless.
    text = f"{title}\n\n{body}\n" if title else body + "\n"
    return [
        _make_article(
            doc_id,
            str(path),
            text,
            outlet=data.get("sitename"),
            author=data.get("author"),
            url=data.get("url"),
            published=data.get("date"),
        )
    ]


_JSON_FIELDS = ("title", "text", "url", "published", "outlet", "author")


def _record_article(record: object, doc_id: str, where: str) -> Article:
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object with a 'text' field, got {type(record).__name__}")
    text = record.get("text") or record.get("body") or record.get("content")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("the record has no non-empty 'text' field")
    meta = {k: (str(record[k]) if record.get(k) not in (None, "") else None) for k in _JSON_FIELDS[2:]}
    published = meta["published"] or (str(record["date"]) if record.get("date") else None)
    title = record.get("title") if isinstance(record.get("title"), str) else None
    return _make_article(
        doc_id,
        where,
        text,
        title=title,
        outlet=meta["outlet"],
        author=meta["author"],
        url=meta["url"],
        published=published,
    )


def _record_doc_id(record: object, stem: str, index: int, many: bool) -> str:
    if isinstance(record, dict):
        for key in ("doc_id", "id"):
            if isinstance(record.get(key), (str, int)) and str(record[key]).strip():
                return re.sub(r"[^\w.\-]+", "_", str(record[key]).strip())
    return f"{stem}-{index:04d}" if many else stem


def _load_json_file(path: Path, text: str) -> tuple[list[Article], list[IngestOutcome]]:
    articles: list[Article] = []
    problems: list[IngestOutcome] = []
    stem = path.stem
    if path.suffix.lower() in {".jsonl", ".ndjson"}:
        lines = text.splitlines()
        records = [(i + 1, line) for i, line in enumerate(lines) if line.strip()]
        for lineno, line in records:
            where = f"{path}:{lineno}"
            try:
                record = json.loads(line)
                doc_id = _record_doc_id(record, stem, lineno, True)
                articles.append(_record_article(record, doc_id, where))
            except (json.JSONDecodeError, ValueError) as exc:
                problems.append(IngestOutcome(None, where, "bad_line", f"line {lineno}: {exc}"))
        return articles, problems
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc}") from exc
    items = payload if isinstance(payload, list) else [payload]
    for index, record in enumerate(items, start=1):
        where = f"{path}[{index}]" if isinstance(payload, list) else str(path)
        try:
            doc_id = _record_doc_id(record, stem, index, isinstance(payload, list))
            articles.append(_record_article(record, doc_id, where))
        except ValueError as exc:
            problems.append(IngestOutcome(None, where, "bad_line", f"record {index}: {exc}"))
    return articles, problems


# --------------------------------------------------------------------------------------------- discovery


def discover(inputs: Iterable[str | Path]) -> list[tuple[Path, bool]]:
    """Expand paths to files, folders recursively, in a deterministic order. Returns (path, named_explicitly)."""
    found: list[tuple[Path, bool]] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            children = sorted(
                (p for p in path.rglob("*") if not any(part.startswith(".") for part in p.relative_to(path).parts)),
                key=lambda p: p.relative_to(path).as_posix(),
            )
            found.extend((p, False) for p in children if p.is_file() or p.is_symlink())
        else:
            found.append((path, True))
    return found


def _read_one(path: Path, explicit: bool) -> tuple[list[Article], list[IngestOutcome]]:
    shown = str(path)
    stem = path.stem
    if path.is_symlink() and not path.exists():
        return [], [IngestOutcome(stem, shown, "missing", "broken symbolic link")]
    if not path.exists():
        return [], [IngestOutcome(stem, shown, "missing", "no such file or folder")]
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        status = "unreadable" if explicit else "skipped"
        return [], [
            IngestOutcome(
                stem,
                shown,
                status,
                f"'{suffix or 'no extension'}' is not an article format (use {', '.join(sorted(SUPPORTED_SUFFIXES))})",
            )
        ]
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            reason = (
                f"{size:,} bytes is over the {MAX_FILE_BYTES:,}-byte limit "
                "(split the file, or raise WORKBENCH_MAX_ARTICLE_MB)"
            )
            return [], [IngestOutcome(stem, shown, "too_large", reason)]
        data = path.read_bytes()
    except OSError as exc:
        return [], [IngestOutcome(stem, shown, "unreadable", f"cannot read: {exc.strerror or exc}")]
    if not data.strip():
        return [], [IngestOutcome(stem, shown, "empty", "the file is empty or only whitespace")]
    try:
        text, _encoding = decode_bytes(data)
        text = universal_newlines(text)
    except NotText as exc:
        return [], [IngestOutcome(stem, shown, "not_text", str(exc))]
    if not text.strip(" \t\r\n\ufeff\x00"):
        return [], [IngestOutcome(stem, shown, "empty", "the file holds only whitespace")]
    try:
        if suffix in JSON_SUFFIXES:
            articles, problems = _load_json_file(path, text)
            if not articles and not problems:
                problems = [IngestOutcome(stem, shown, "empty", "no records in the file")]
            return articles, problems
        if suffix in HTML_SUFFIXES:
            return _load_html_file(path, text, stem), []
        return _load_text_file(path, text, stem), []
    except NotText as exc:
        return [], [IngestOutcome(stem, shown, "not_text", str(exc))]
    except ValueError as exc:
        return [], [IngestOutcome(stem, shown, "bad_json", str(exc))]


# ---------------------------------------------------------------------------------------------- manifest


def read_manifest(path: Path | None) -> tuple[pd.DataFrame, list[str]]:
    """The provenance manifest (doc_id -> outlet, url, published, ...) and warnings about its shape."""
    warnings: list[str] = []
    empty = pd.DataFrame(columns=MANIFEST_COLUMNS)
    if path is None or not Path(path).exists():
        return empty, warnings
    try:
        manifest = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        return empty, [f"manifest {path} ignored: {exc}"]
    if "doc_id" not in manifest.columns:
        return empty, [f"manifest {path} ignored: it has no doc_id column"]
    unknown = [c for c in manifest.columns if c not in MANIFEST_COLUMNS]
    if unknown:
        warnings.append(f"manifest {path}: unknown columns ignored: {', '.join(unknown)}")
    for column in MANIFEST_COLUMNS:
        if column not in manifest.columns:
            manifest[column] = ""
    dupes = manifest["doc_id"][manifest["doc_id"].duplicated()].unique().tolist()
    if dupes:
        warnings.append(f"manifest {path}: duplicate doc_id rows, first kept: {', '.join(dupes)}")
        manifest = manifest.drop_duplicates("doc_id", keep="first")
    return manifest[MANIFEST_COLUMNS].replace({"": None}), warnings


def _apply_manifest(article: Article, row: dict[str, str | None]) -> Article:
    values = asdict(article)
    for column in ("outlet", "url", "published", "author", "language", "notes"):
        if row.get(column):
            values[column] = row[column]
    outlet = values.get("outlet")
    if outlet and values["title"]:
        # "Headline – Outlet": the outlet belongs in its own column, not the headline.
        values["title"] = re.sub(rf"\s+[–—|\-]\s+{re.escape(outlet)}\s*$", "", values["title"], flags=re.I)
    return Article(**values)


# ------------------------------------------------------------------------------------------------- ingest


def ingest(inputs: Sequence[str | Path], manifest: Path | bool | None = True) -> Corpus:
    """Read articles from files and folders into a Corpus (articles + a report row for every input).

    ``manifest=True`` merges ``data/sources.csv``; pass a path for another manifest, or False for none.
    """
    manifest_path = paths.MANIFEST_PATH if manifest is True else (Path(manifest) if manifest else None)
    manifest_df, manifest_warnings = read_manifest(manifest_path)
    by_doc = {row["doc_id"]: row for row in manifest_df.to_dict("records")}

    outcomes: list[IngestOutcome] = []
    articles: list[Article] = []
    seen_hash: dict[str, Article] = {}
    seen_ids: set[str] = set()
    for path, explicit in discover(inputs):
        loaded, problems = _read_one(path, explicit)
        outcomes.extend(problems)
        for article in loaded:
            if article.sha256 in seen_hash:
                first = seen_hash[article.sha256]
                outcomes.append(
                    IngestOutcome(
                        article.doc_id, article.path, "duplicate", f"same content as {first.doc_id} ({first.path})"
                    )
                )
                continue
            if article.doc_id in seen_ids:
                new_id = f"{article.doc_id}-{article.sha256[:8]}"
                article = Article(**{**asdict(article), "doc_id": new_id})
            if article.doc_id in by_doc:
                article = _apply_manifest(article, by_doc[article.doc_id])
            seen_hash[article.sha256] = article
            seen_ids.add(article.doc_id)
            articles.append(article)
            outcomes.append(
                IngestOutcome(
                    article.doc_id, article.path, "ok", f"{article.n_words} words, language {article.language}"
                )
            )
    for warning in manifest_warnings:
        outcomes.append(IngestOutcome(None, str(manifest_path), "manifest_warning", warning))

    frame = pd.DataFrame([asdict(a) for a in articles], columns=ARTICLE_COLUMNS)
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce", utc=True).dt.tz_localize(None)
    frame["n_words"] = frame["n_words"].astype("int64")
    report = pd.DataFrame([asdict(o) for o in outcomes], columns=REPORT_COLUMNS)
    return Corpus(articles=frame.reset_index(drop=True), report=report, outcomes=outcomes)


def load_articles(inputs: Sequence[str | Path] | str | Path, manifest: Path | bool | None = True) -> pd.DataFrame:
    """The articles table for files/folders (the ingest report rides along in ``df.attrs['ingest_report']``)."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    corpus = ingest(inputs, manifest=manifest)
    frame = corpus.articles
    frame.attrs["ingest_report"] = corpus.report
    return frame
