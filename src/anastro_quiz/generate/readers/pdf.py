"""PDF (``.pdf``): text boxes laid out by pdfminer.six, with the page each block starts on.

pdfminer groups the characters of a page into text boxes (usually one per paragraph) and
knows each box's position and font size. From that this module:

- drops page furniture: page numbers ("4", "Page 4 of 12", "iv"), and running headers and
  footers (a box in the top or bottom margin whose text, digits aside, repeats on other pages);
- finds headings: short boxes set larger than the body text (their level from the size
  rank, largest first) or wholly in bold at body size (one level below the smallest);
- unwraps lines into paragraphs (a word hyphenated at a line end is joined when the whole
  word is English, "inhi- bition" -> "inhibition"; "beta-" before "blocker" keeps its hyphen),
  splits bulleted lines into list items, and joins a paragraph that runs on to the next page.

Pages are numbered from 1 in file order, as a PDF viewer counts them.
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..clean import BULLET_RE, InputError
from ..structure import Block
from .blocks import BlockWriter

MAX_PDF_BYTES = 50_000_000
MARGIN = 0.1  # the top and bottom tenth of a page is where running headers and footers sit
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_SENTENCE_END = re.compile(r"[.!?:][\"”’)\]]*$")


@dataclass
class Box:
    """One pdfminer text box: where it is and what it says, line by line."""

    page: int
    top: float  # distance from the top of the page, as a share of its height
    bottom: float
    lines: list[str]
    size: float  # median character size
    bold: bool
    chars: int

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def _boxes(path: Path) -> list[Box]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine

    out: list[Box] = []
    for number, page in enumerate(extract_pages(str(path), laparams=LAParams()), start=1):
        height = page.height or 1.0
        for element in page:
            if not isinstance(element, LTTextContainer):
                continue
            lines, sizes, fonts = [], [], []
            for line in element:
                if not isinstance(line, LTTextLine):
                    continue
                text = line.get_text().strip()
                if text:
                    lines.append(text)
                for ch in line:
                    if isinstance(ch, LTChar) and ch.get_text().strip():
                        sizes.append(round(ch.size, 1))
                        fonts.append(ch.fontname)
            if lines and sizes:
                bold = all(re.search(r"bold|black|heavy|semibold", f, re.I) for f in fonts)
                out.append(Box(number, 1 - element.y1 / height, 1 - element.y0 / height, lines,
                               statistics.median(sizes), bold, len(sizes)))
    return out


def _furniture(boxes: list[Box]) -> set[int]:
    """Indexes of page numbers and running headers/footers."""
    pages = len({b.page for b in boxes})
    in_margin = [i for i, b in enumerate(boxes) if b.top < MARGIN or b.bottom > 1 - MARGIN]
    shapes = Counter()
    for i in in_margin:
        shapes[(re.sub(r"\d+", "#", boxes[i].text.lower()), boxes[i].top < MARGIN)] += 1
    out = set()
    for i in in_margin:
        b = boxes[i]
        repeated = shapes[(re.sub(r"\d+", "#", b.text.lower()), b.top < MARGIN)]
        if _PAGE_NUMBER.match(b.text.strip()) or (pages >= 2 and repeated >= max(2, pages * 0.3)):
            out.add(i)
    return out


def _join(lines: list[str]) -> str:
    """Lines of one paragraph as one line; a word split by a line-end hyphen made whole."""
    from wordfreq import zipf_frequency

    text = ""
    for line in lines:
        m = re.search(r"(\w+)-$", text)
        if m and line[:1].islower():
            word = m.group(1) + re.match(r"\w*", line).group(0)
            if zipf_frequency(word.lower(), "en") > 0:
                text = text[:-1] + line
                continue
            text += line
            continue
        text = f"{text} {line}" if text else line
    return text


def parse_pdf(path: Path) -> list[Block]:
    """The blocks of a PDF's text; :class:`InputError` when it has none (a scanned PDF)."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # a damaged file's repairs are not the user's news
    try:
        boxes = _boxes(path)
    except Exception as exc:  # noqa: BLE001 - pdfminer parses untrusted bytes and fails in many ways
        detail = str(exc).strip() or type(exc).__name__
        raise InputError(f"{path}: cannot read this PDF ({detail[:120]})") from None
    if not boxes:
        raise InputError(f"{path}: this PDF has no text layer (a scanned document?); nothing to learn from")
    skip = _furniture(boxes)
    body = [b for i, b in enumerate(boxes) if i not in skip]
    weights = Counter()
    for b in body:
        weights[b.size] += b.chars
    base = max(weights, key=lambda s: (weights[s], -s)) if weights else 0.0
    heading_sizes = sorted({b.size for b in body if _heading_like(b) and b.size >= base * 1.15}, reverse=True)
    out = BlockWriter()
    pending: list[str] = []  # the lines of a paragraph that may run on to the next page

    def flush() -> None:
        if pending:
            out.paragraph(_join(pending), 0)
            pending.clear()

    for b in body:
        if _heading_like(b) and (b.size >= base * 1.15 or (b.bold and b.size >= base)):
            flush()
            out.page = b.page
            level = heading_sizes.index(b.size) + 1 if b.size in heading_sizes else len(heading_sizes) + 1
            out.heading_block(b.text, level, 0)
            continue
        if pending and not (b.lines[0][:1].islower() and not _SENTENCE_END.search(pending[-1])):
            flush()
        if not pending:
            out.page = b.page
        item: list[str] = []
        for line in b.lines:
            if BULLET_RE.match(line):
                flush()
                if item:
                    out.item(_join(item), 0)
                item = [BULLET_RE.sub("", line, count=1)]
                out.page = b.page
            elif item:
                item.append(line)
            else:
                pending.append(line)
        if item:
            out.item(_join(item), 0)
    flush()
    return out.blocks


def _heading_like(b: Box) -> bool:
    return len(b.lines) <= 2 and len(b.text.split()) <= 14 and not re.search(r"[.;,]$", b.text)


def read_pdf(path: Path) -> tuple[str, list[Block]]:
    """Read a PDF: the cleaned text of its pages and its blocks, each with its page."""
    from . import render

    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise InputError(f"{path}: the file is too large ({size:,} bytes; the limit is {MAX_PDF_BYTES:,})")
    blocks = parse_pdf(path)
    return render(blocks), blocks
