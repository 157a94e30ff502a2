"""What the structured readers share: turning headings, paragraphs, list items and table
rows into :class:`Block` objects in reading order.

The writer keeps track of the current heading and section, cleans every text (citation
markers, inline HTML, entities, superscript footnotes; whitespace collapsed), drops
hatnotes ("Main article: X") and skips trailing sections (References, See also, External
links, Notes...) down to the next heading of the same or a higher level.
"""

from __future__ import annotations

import re

from ..clean import is_hatnote, is_trailing_heading, strip_leftovers
from ..structure import Block, Row, Table, split_label

_SPACE = re.compile(r"\s+")
ROW_SEPARATOR = " · "  # how a table row reads in the cleaned text (and in its cards' quotes)


def clean_inline(text: str) -> str:
    """One block's text, cleaned and on one line."""
    return _SPACE.sub(" ", strip_leftovers(text)).strip()


class BlockWriter:
    """Collects the blocks of one document; ``page`` is set by readers that have pages."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.heading = ""
        self.section = ""
        self.page: int | None = None
        self._skip_below: int | None = None  # level of the trailing heading being skipped

    def _skipping(self, level: int | None = None) -> bool:
        if self._skip_below is None:
            return False
        if level is not None and level <= self._skip_below:
            self._skip_below = None
            return False
        return True

    def heading_block(self, text: str, level: int, line: int) -> None:
        text = clean_inline(text).rstrip(":").strip()
        if not text or self._skipping(level):
            return
        if is_trailing_heading(text):
            self._skip_below = level
            return
        self.heading = text
        if level <= 2:
            self.section = text
        self.blocks.append(Block("heading", text, self.section, self.heading, line, level=level, page=self.page))

    def paragraph(self, text: str, line: int) -> None:
        text = clean_inline(text)
        if text and not self._skipping() and not is_hatnote(text):
            self.blocks.append(Block("paragraph", text, self.section, self.heading, line, page=self.page))

    def item(self, text: str, line: int) -> None:
        text = clean_inline(text)
        if text and not self._skipping() and not is_hatnote(text):
            label, body = split_label(text)
            self.blocks.append(Block("item", text, self.section, self.heading, line, label=label, body=body,
                                     page=self.page))

    def table(self, rows: list[list[str]], line: int) -> None:
        """A table from its rows of cells, the first row being the header. A table of one
        column is a list; rows without a label (first cell) cannot be asked about."""
        if self._skipping():
            return
        rows = [[clean_inline(c) for c in r] for r in rows]
        rows = [r for r in rows if any(r)]
        if rows and not any(rows[0]):
            rows = rows[1:]
        width = max((len(r) for r in rows), default=0)
        if width < 2 or len(rows) < 2:
            for r in rows:
                self.item(" ".join(c for c in r if c), line)
            return
        header, *body = [r + [""] * (width - len(r)) for r in rows]
        table = Table(header[0], header[1:])
        for cells in body:
            if cells[0] and any(cells[1:]):
                table.rows.append(Row(cells[0], cells[1:], ROW_SEPARATOR.join(c for c in cells if c)))
        if table.rows:
            self.blocks.append(Block("table", ROW_SEPARATOR.join(c for c in header if c), self.section,
                                     self.heading, line, table=table, page=self.page))
