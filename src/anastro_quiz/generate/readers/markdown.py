"""Markdown (``.md``, ``.markdown``) read with markdown-it-py (CommonMark plus pipe tables).

ATX and setext headings keep their level; a paragraph's soft line breaks become spaces
(hard-wrapped text is unwrapped by the parser); every bullet or numbered list item,
nested ones too, is an item block; a pipe table becomes a :class:`Table` with one cell per
column. Emphasis, links (their text is kept), images, code fences and raw HTML blocks are
not prose and leave only their words, or nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..clean import read_document
from ..structure import Block
from .blocks import BlockWriter


_BREAK = re.compile(r"<(?:br|/p|/li|/div|/td)\b", re.I)  # raw tags that separate words


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def inline_text(token, children=None) -> str:
    """The words of an inline token (or of some of its ``children``): text, code and link text;
    breaks become spaces and images and raw HTML tags drop out."""
    parts: list[str] = []
    for child in (token.children or ()) if children is None else children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or child.type == "html_inline" and _BREAK.match(child.content):
            parts.append(" ")
    return "".join(parts)


def item_and_after(token, first_line: int, lines: list[str]) -> tuple[str, str]:
    """A list item's words, and the words of an unindented line after it that opens a new
    sentence ("- ... at 150 mg/day (not approved in the US)" then "In Japan, bicalutamide is ...").
    CommonMark reads such a line as the item's lazy continuation; text converted from a web page
    (a wiki's list, then its next paragraph) means a paragraph after the list. A hard-wrapped
    item indents its continuation lines, or goes on mid-sentence, and stays whole."""
    children = list(token.children or ())
    for k, child in enumerate(children):
        if child.type != "softbreak":
            continue
        before = inline_text(token, children[:k]).rstrip()
        n = first_line + 1 + sum(1 for c in children[:k] if c.type == "softbreak")
        source = lines[n] if n < len(lines) else ""
        if source[:1].isupper() and not re.search(r"[,;:\-–(]$|\b(?:and|or|of|the|a|an|in|to|with|for|at)$", before):
            return before, inline_text(token, children[k + 1:])
    return inline_text(token), ""


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:.*\n){0,60}?---[ \t]*\n")  # YAML metadata, as static sites write


def parse_markdown(source: str) -> list[Block]:
    """The blocks of a Markdown text (a leading YAML front matter is metadata, not text)."""
    source = _FRONT_MATTER.sub("", source, count=1)
    out = BlockWriter()
    tokens = _parser().parse(source)
    lines = source.splitlines()
    in_item = 0  # depth of list items we are inside
    item_started = False  # the current item's first paragraph was written
    table: list[list[str]] | None = None
    table_line = 0
    for i, tok in enumerate(tokens):
        line = tok.map[0] if tok.map else 0
        if tok.type == "heading_open":
            out.heading_block(inline_text(tokens[i + 1]), int(tok.tag[1:]), line)
        elif tok.type == "list_item_open":
            in_item += 1
            item_started = False
        elif tok.type == "list_item_close":
            in_item -= 1
            item_started = True  # text after a nested list is a paragraph of the outer item
        elif tok.type == "paragraph_open":
            text = inline_text(tokens[i + 1])
            if in_item and not item_started:
                text, after = item_and_after(tokens[i + 1], line, lines)
                out.item(text, line)
                if after:
                    out.paragraph(after, line + 1)
                item_started = True
            else:
                out.paragraph(text, line)
        elif tok.type == "html_block" and not in_item:
            text = _html_text(tok.content)
            if len(text.split()) >= 6:  # a raw <p>...</p> paragraph; markup-only blocks say nothing
                out.paragraph(text, line)
        elif tok.type == "table_open":
            table, table_line = [], line
        elif tok.type == "tr_open" and table is not None:
            table.append([])
        elif tok.type == "inline" and table is not None and tokens[i - 1].type in ("th_open", "td_open"):
            table[-1].append(inline_text(tok))
        elif tok.type == "table_close" and table is not None:
            out.table(table, table_line)
            table = None
    return out.blocks


def _html_text(html: str) -> str:
    """The words of a raw HTML block (lxml's HTML parser; comments and scripts dropped)."""
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:
        root = lxml_html.fromstring(_BREAK.sub(lambda m: " " + m.group(0), html))
    except (ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//comment()"):
        bad.drop_tree()
    return " ".join(root.text_content().split())


def read_markdown(path: Path) -> tuple[str, list[Block]]:
    """Read a Markdown file: its cleaned text and blocks."""
    from . import render

    blocks = parse_markdown(read_document(path))
    return render(blocks), blocks
