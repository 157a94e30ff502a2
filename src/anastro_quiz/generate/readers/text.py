"""Plain text: the scraped pages the bundled decks come from, and any ``.txt`` article.

The scraped pages keep one paragraph per line, "∞" where the article had a colon or a
dash, bullets as "•" and tables flattened to lines of space-separated cells
(:mod:`..structure` recovers them). Other plain text is often hard-wrapped; the structure
stage joins a line that continues a sentence onto the one before it. Wiki leftovers
(citation markers, stray tags, entities) are stripped line by line first.
"""

from __future__ import annotations

from pathlib import Path

from ..clean import clean_lines, is_hatnote, read_document, strip_leftovers
from ..structure import Block, parse_blocks


def parse_text(text: str) -> list[Block]:
    """The blocks of a plain-text article."""
    lines = [strip_leftovers(line) for line in text.splitlines()]
    lines = ["" if is_hatnote(line) else line for line in lines]
    return parse_blocks(clean_lines("\n".join(lines)))


def read_text(path: Path) -> tuple[str, list[Block]]:
    """Read a plain-text file and its blocks. The text is the file's own while every block
    stands in it verbatim; once lines were joined or leftovers stripped, the cleaned rendering."""
    from . import render

    text = read_document(path)
    blocks = parse_text(text)
    if all(b.text in text for b in blocks):
        return text, blocks
    return render(blocks), blocks
