"""A PowerPoint deck of the briefing's charts (python-pptx): a title slide, then one slide per chart.

Each chart slide has a title, the chart picture (the 16:9 PNG exported with the slide theme) and a source
note. The file is made reproducible where python-pptx leaves things to chance:

* core properties (``created``, ``modified``, ``last_printed``, ``revision``, author, title) are fixed to the
  briefing's as-of date and fixed strings, instead of python-pptx's template values;
* python-pptx writes zip members with the current clock time; :func:`normalise_zip` rewrites the archive with
  every member dated to the as-of date, in the same order, with fixed attributes and compression;
* shape ids, relationship ids and media names (``image1.png``...) are sequential in python-pptx, never random.

With those, two builds from the same inputs give the same bytes (the tests check this). What can still vary:
the deflate output of a different zlib build (another machine or Python), and anything python-pptx itself
changes between versions; the slide count, texts and pictures do not.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DeckSlide", "build_deck", "normalise_zip"]

#: 16:9 slide, 13.333 x 7.5 inches, in EMU.
SLIDE_WIDTH, SLIDE_HEIGHT = 12_192_000, 6_858_000
EMU_PER_INCH = 914_400
AUTHOR = "workbench"
_BLANK_LAYOUT = 6


@dataclass(frozen=True)
class DeckSlide:
    """One chart slide: ``title``, the PNG ``image`` and a ``note`` (the source line)."""

    title: str
    image: Path
    note: str


def _when(as_of: str | dt.date | None) -> dt.datetime:
    if isinstance(as_of, dt.datetime):
        return as_of.replace(tzinfo=None)
    if isinstance(as_of, dt.date):
        return dt.datetime(as_of.year, as_of.month, as_of.day)
    try:
        return dt.datetime.fromisoformat(str(as_of)[:10])
    except ValueError:
        return dt.datetime(1980, 1, 1)  # the earliest date a zip member can carry


def _text_box(
    slide,
    left: int,
    top: int,
    width: int,
    height: int,
    text: str,
    size: int,
    *,
    bold: bool = False,
    color: tuple[int, int, int] = (0x22, 0x22, 0x22),
) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "DejaVu Sans"
    run.font.color.rgb = RGBColor(*color)


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def build_deck(
    out: Path | str, *, title: str, subtitle: str, slides: Sequence[DeckSlide], as_of: str | dt.date | None = None
) -> Path:
    """Write the deck to ``out``: title slide + one slide per chart; same inputs -> same bytes."""
    from pptx import Presentation

    when = _when(as_of)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    props = prs.core_properties
    props.title = title
    props.subject = subtitle
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.keywords = "briefing; claims ledger"
    props.comments = "Built by workbench brief from the claims ledger."
    props.revision = 1
    props.created = props.modified = props.last_printed = when
    layout = prs.slide_layouts[_BLANK_LAYOUT]
    margin = int(0.5 * EMU_PER_INCH)
    inner = SLIDE_WIDTH - 2 * margin

    first = prs.slides.add_slide(layout)
    _text_box(first, margin, int(2.3 * EMU_PER_INCH), inner, int(1.2 * EMU_PER_INCH), title, 40, bold=True)
    _text_box(
        first, margin, int(3.6 * EMU_PER_INCH), inner, int(1.5 * EMU_PER_INCH), subtitle, 18, color=(0x55, 0x55, 0x55)
    )

    title_h, note_h = int(0.7 * EMU_PER_INCH), int(0.55 * EMU_PER_INCH)
    top = margin // 2 + title_h
    for spec in slides:
        slide = prs.slides.add_slide(layout)
        _text_box(slide, margin, margin // 2, inner, title_h, spec.title, 26, bold=True)
        box_w, box_h = inner, SLIDE_HEIGHT - top - note_h - margin // 2
        px_w, px_h = _png_size(Path(spec.image))
        scale = min(box_w / px_w, box_h / px_h)
        width, height = int(px_w * scale), int(px_h * scale)
        slide.shapes.add_picture(str(spec.image), margin + (box_w - width) // 2, top, width, height)
        _text_box(
            slide, margin, SLIDE_HEIGHT - note_h - margin // 4, inner, note_h, spec.note, 10, color=(0x55, 0x55, 0x55)
        )

    buffer = io.BytesIO()
    prs.save(buffer)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(normalise_zip(buffer.getvalue(), when))
    return out


def normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same archive with every member dated ``when`` and fixed attributes (order and content kept)."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            # pictures are compressed already: store them (faster, and what Office itself often does)
            stored = info.filename.lower().endswith((".png", ".jpeg", ".jpg"))
            fixed.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            dst.writestr(fixed, src.read(info.filename), compresslevel=None if stored else 6)
    return out.getvalue()
