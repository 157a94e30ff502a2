"""Web pages (``.html``, ``.htm``): the main text only, found by trafilatura.

trafilatura drops navigation, footers, sidebars and comments and returns the article as
XML that keeps its structure (``<head rend="h2">``, ``<p>``, ``<list>``/``<item>``,
``<table>``/``<row>``/``<cell role="head">``); this module walks that XML into blocks.
Inline citation links ("[2]") survive as text and are cleaned like any other leftover.
"""

from __future__ import annotations

from pathlib import Path

from ..clean import InputError
from ..structure import Block
from .blocks import BlockWriter

MAX_HTML_BYTES = 20_000_000  # saved web pages carry scripts and styles around the article


def _text(element, skip: tuple[str, ...] = ("list", "table")) -> str:
    """The words of an element, without those of nested lists or tables (read on their own)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in skip:
            parts.append(_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _walk(element, out: BlockWriter) -> None:
    for child in element:
        line = child.sourceline or 0
        if child.tag == "head":
            rend = child.get("rend") or "h2"
            level = int(rend[1:]) if rend[1:].isdigit() else 2
            out.heading_block(_text(child), level, line)
        elif child.tag in ("p", "quote"):
            out.paragraph(_text(child), line)
        elif child.tag == "list":
            _walk_list(child, out)
        elif child.tag == "table":
            rows = [[_text(cell, ("table",)) for cell in row.iterchildren("cell")] for row in child.iterchildren("row")]
            out.table(rows, line)
        elif child.tag in ("div", "main", "body", "section"):
            _walk(child, out)


def _walk_list(element, out: BlockWriter) -> None:
    for item in element.iterchildren("item"):
        out.item(_text(item), item.sourceline or 0)
        for nested in item.iterchildren("list"):
            _walk_list(nested, out)


def parse_html(data: bytes | str, name: str = "page") -> list[Block]:
    """The blocks of a web page's main text; :class:`InputError` when the page has none."""
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(data, output_format="xml", include_tables=True, include_links=False,
                              include_images=False, include_comments=False, include_formatting=False,
                              favor_recall=True, deduplicate=False)
    if not xml:
        raise InputError(f"{name}: no main text found in this web page (nothing to learn from)")
    root = etree.fromstring(xml.encode("utf-8"))
    out = BlockWriter()
    main = root.find("main")
    _walk(main if main is not None else root, out)
    return out.blocks


def read_html(path: Path) -> tuple[str, list[Block]]:
    """Read a web page: the cleaned text of its main content and its blocks."""
    from . import render

    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path}: the file is empty")
    if size > MAX_HTML_BYTES:
        raise InputError(f"{path}: the file is too large ({size:,} bytes; the limit is {MAX_HTML_BYTES:,})")
    blocks = parse_html(path.read_bytes(), str(path))
    return render(blocks), blocks
