"""Stage 1 for every format: a document file in, the article's blocks out.

One reader per format, each producing the same :class:`~..structure.Block` list (headings
with their level, paragraphs, list items, tables with real cells, and for PDFs the page
each block starts on): :mod:`.text` (plain text, the scraped pages the bundled decks come
from), :mod:`.markdown`, :mod:`.html` and :mod:`.pdf`. :func:`read_blocks` picks the reader
from the file's suffix, and from its content when the suffix says nothing (or a ``.txt``
file holds a web page).

Card quotes are verbatim in :attr:`Reading.text`, the reader's cleaned rendering of the
document: markup, citation markers and page furniture removed, one block per paragraph. For
plain text that is the file itself, so a quote stands in the file; for the other formats
:func:`source_text` renders the copied source the same way when a card's source is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..clean import InputError
from ..structure import Block
from .language import check_english

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf"}
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.I | re.S)
_MARKDOWN_CUES = re.compile(r"^(?:#{1,6} \S|\|?\s*:?-{3,}:?\s*\|)", re.M)


@dataclass
class Reading:
    """What a reader found: the cleaned text (quotes are verbatim in it) and its blocks."""

    format: str
    text: str
    blocks: list[Block]


def detect_format(path: Path, head: bytes) -> str:
    """The format of a file from its suffix, or from its first bytes when the suffix is
    unknown; a ``.txt`` that is really a web page is read as HTML."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    fmt = FORMATS.get(path.suffix.lower())
    if fmt == "pdf":
        raise InputError(f"{path}: not a PDF file (it does not start with %PDF-)")
    if _HTML_START.match(head) and fmt in (None, "text"):
        return "html"
    if fmt is None:
        cues = _MARKDOWN_CUES.findall(head.decode("utf-8", errors="replace"))
        return "markdown" if len(cues) >= 2 else "text"
    return fmt


def _reader(fmt: str):
    """The reading function of a format (imported on use: PDF and HTML bring big libraries)."""
    if fmt == "pdf":
        from .pdf import read_pdf as read
    elif fmt == "html":
        from .html import read_html as read
    elif fmt == "markdown":
        from .markdown import read_markdown as read
    else:
        from .text import read_text as read
    return read


def _format_of(path: Path) -> str:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    with path.open("rb") as fh:
        return detect_format(path, fh.read(4096))


def read_blocks(path: str | Path) -> Reading:
    """Read one document with the reader its format needs.

    Raises :class:`InputError` (a message for the user) for a missing, empty, binary or
    oversized file, a document with no text to learn from, or one not written in English."""
    path = Path(path)
    fmt = _format_of(path)
    reading = Reading(fmt, *_reader(fmt)(path))
    prose = [b.text for b in reading.blocks if b.kind in ("paragraph", "item")]
    if not prose and not any(b.kind == "table" for b in reading.blocks):
        raise InputError(f"{path}: nothing to learn from (no usable sentences, lists or tables were found)")
    check_english(path, " ".join(prose))
    return reading


def render(blocks: list[Block]) -> str:
    """The cleaned text of blocks: one paragraph per block, a list's items and a table's rows
    one per line, so a card's quote (a sentence, an item, a row) stands verbatim in it."""
    parts: list[str] = []
    previous = ""
    for b in blocks:
        if b.kind == "table" and b.table is not None:
            parts.append("\n".join([b.text, *(row.quote for row in b.table.rows)]))
        elif b.kind == "item" and previous == "item":
            parts[-1] += "\n" + b.text
        else:
            parts.append(b.text)
        previous = b.kind
    return "\n\n".join(parts) + "\n"


def source_text(path: str | Path) -> str:
    """The text a card's quote is found in: the reader's cleaned text of the document (for
    a plain-text file, normally the file itself). No language check: the deck exists."""
    path = Path(path)
    return _reader(_format_of(path))(path)[0]
