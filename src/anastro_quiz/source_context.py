"""Find the paragraph of a source document that a card's quote comes from (no UI).

Quotes in decks are usually verbatim, but generated decks may normalise spacing or
punctuation, so an exact search falls back to a whitespace-insensitive one and then to
a fuzzy alignment (rapidfuzz) that still points at the right span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from .decks import Deck, Source, clean_text

FUZZY_MIN_SCORE = 80.0
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class SourceContext:
    """The paragraph holding a quote; ``start``/``end`` delimit the quote inside it."""

    document: str
    paragraph: str
    start: int
    end: int
    exact: bool

    @property
    def before(self) -> str:
        return self.paragraph[: self.start]

    @property
    def quoted(self) -> str:
        return self.paragraph[self.start : self.end]

    @property
    def after(self) -> str:
        return self.paragraph[self.end :]


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, stripped, empty ones dropped."""
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def find_quote(text: str, quote: str, document: str = "") -> SourceContext | None:
    """Locate ``quote`` in ``text`` and return its paragraph, or ``None`` if it is not there."""
    quote = quote.strip()
    if not quote:
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in quote.split()), re.IGNORECASE)
    paras = paragraphs(text)
    for para in paras:
        found = pattern.search(para)
        if found:
            return SourceContext(document, para, found.start(), found.end(), True)
    best: tuple[float, str, int, int] | None = None
    for para in paras:
        alignment = fuzz.partial_ratio_alignment(quote, para, score_cutoff=FUZZY_MIN_SCORE)
        if alignment is not None and (best is None or alignment.score > best[0]):
            best = (alignment.score, para, alignment.dest_start, alignment.dest_end)
    if best is None:
        return None
    return SourceContext(document, best[1], best[2], best[3], False)


def source_context(deck: Deck | None, source: Source) -> SourceContext | None:
    """The paragraph for a card's ``source``, reading the document next to its deck."""
    path: Path | None = deck.source_path(source.document) if deck is not None else None
    if path is None:
        return None
    try:
        text = document_text(path)
    except OSError:
        return None
    return find_quote(text, source.quote, source.document)


def document_text(path: Path) -> str:
    """The text a card's quote stands in: the document as the generator's reader cleaned it
    (markup, citation markers and page furniture removed; a plain-text file without any of
    those is the file itself), since generated quotes are verbatim in that cleaned text."""
    stat = path.stat()
    return _rendered(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _rendered(path: str, mtime_ns: int, size: int) -> str:  # keyed on mtime/size: a changed file is re-read
    from .generate.clean import InputError
    from .generate.readers import source_text

    try:  # control characters removed as in decks, so the source view never shows an escape code
        return clean_text(source_text(path))
    except InputError:
        return clean_text(Path(path).read_text(encoding="utf-8", errors="replace"))


def source_table(deck: Deck | None, source: Source):
    """The table a card's quote comes from (a :class:`~.generate.structure.Table`, read by the
    generator's reader), with the index of the quoted row; ``None`` when the quote is prose."""
    path: Path | None = deck.source_path(source.document) if deck is not None else None
    if path is None or not source.quote.strip():
        return None
    try:
        stat = path.stat()
        tables = _tables(str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return None
    quote = " ".join(source.quote.split()).casefold()
    for table in tables:
        for index, row in enumerate(table.rows):
            if quote in " ".join(row.quote.split()).casefold() or " ".join(row.quote.split()).casefold() in quote:
                return table, index
    return None


@lru_cache(maxsize=8)
def _tables(path: str, mtime_ns: int, size: int) -> list:
    from .generate.clean import InputError
    from .generate.readers import read_blocks

    try:
        return [b.table for b in read_blocks(path).blocks if b.kind == "table" and b.table is not None]
    except InputError:
        return []
