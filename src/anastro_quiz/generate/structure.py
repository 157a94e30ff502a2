"""Stage 2: recover the structure of a cleaned article.

The scraped text keeps one paragraph per line, blank lines between blocks, bullets as
"•" or "1.", and tables flattened to a header line followed by one line per row whose
cells are separated only by spaces. This stage turns those lines into blocks (headings,
paragraphs, list items, tables) that remember their section and heading, and splits
table rows back into a row label and one cell per column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import BULLET_RE, SECTION_NAMES, Line, is_heading

_CONNECTORS = {"of", "on", "in", "for", "and", "to", "the", "a", "vs", "versus", "with"}
_LABEL_SEPARATOR = re.compile(r"\s+(?:∞|:|–|—|-)\s+")
_SENTENCE_GAP = re.compile(r"(?<![Ee]\.g\.)(?<![Ii]\.e\.)(?<!\bvs\.)(?<=[.!?])\s+(?=[A-Z0-9~])")
_CAPITAL_GAP = re.compile(r"(?<=[a-z)%])\s+(?=[A-Z][a-z])")
_NUMBER_GAP = re.compile(r"(?<=[a-z)])\s+(?=[~≈]?\d)")
_NUMBER_GLUE = {"to", "and", "or", "of", "per", "than", "from", "by", "every", "over", "under",
                "about", "approximately", "around", "for", "at", "e.g.", "after", "within"}


@dataclass
class Row:
    """A table row: its label, one cell per value column and the original line as quote.

    ``certain`` is false when the cell boundaries were ambiguous; then only the first
    and last cell are filled, each with the one sentence sure to belong to it.
    """

    label: str
    cells: list[str]
    quote: str
    certain: bool = True


@dataclass
class Table:
    """A flattened table: the label column's header, the value columns and the rows."""

    label_header: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)


@dataclass
class Block:
    """One heading, paragraph, list item or table, with where it sits in the article."""

    kind: str  # "heading" | "paragraph" | "item" | "table"
    text: str
    section: str
    heading: str
    line: int
    label: str = ""
    body: str = ""
    table: Table | None = None
    level: int = 0  # heading depth (1 = "# Title"); 0 when the format has no levels (plain text)
    page: int | None = None  # 1-based page of a PDF the block starts on


def parse_blocks(lines: list[Line]) -> list[Block]:
    """Group cleaned lines into blocks, tracking the current section and heading."""
    blocks: list[Block] = []
    section, heading = "", ""
    for run in _runs(lines):
        if len(run) >= 3 and not BULLET_RE.match(run[0].text) and is_heading(run[0].text):
            table = parse_table([ln.text.strip() for ln in run])
            if table is not None:
                blocks.append(Block("table", run[0].text.strip(), section, heading, run[0].number, table=table))
                continue
        joined = unwrap(run)
        for ln in joined:
            text = ln.text.strip()
            if BULLET_RE.match(ln.text):
                body = BULLET_RE.sub("", ln.text, count=1).strip()
                label, rest = split_label(body)
                blocks.append(Block("item", body, section, heading, ln.number, label=label, body=rest))
            elif (len(joined) == 1 or ln is joined[0] and _leads_prose(text, joined[1].text)) and is_heading(text):
                if text.lower() in SECTION_NAMES:
                    section, heading = text, ""
                else:
                    heading = text
                blocks.append(Block("heading", text, section, heading, ln.number))
            else:
                blocks.append(Block("paragraph", text, section, heading, ln.number))
    return blocks


_SENTENCE_END = re.compile(r"[.!?:;][\"”’)\]]*$")
_OPEN_END = re.compile(r"(?:[,(\-–—/]|\b(?:a|an|the|of|to|in|on|for|with|by|and|or|but|than|as|at|from|"
                       r"into|via|that|which|who|is|are|was|were|be|been|its|their|this|these|such)$)", re.I)
_CONTINUES = re.compile(r"^[a-z0-9(\[\-–—%,;:)]")


def unwrap(run: list[Line]) -> list[Line]:
    """Join hard-wrapped lines: a line that continues the sentence of the line before it joins
    that line (keeping its number). Once a run shows it is wrapped prose (some line was cut
    mid-sentence), a new sentence on the next line belongs to the same paragraph too; only
    bullets start a new block. One paragraph per line (the scraped pages) stays as it is."""
    width = max((len(ln.text.strip()) for ln in run), default=0)
    pairs = zip(run, run[1:])
    wrapped = any(not BULLET_RE.match(b.text) and _continues(a.text.strip(), b.text.strip(), width) for a, b in pairs)
    out: list[Line] = []
    for ln in run:
        text = ln.text.strip()
        previous = out[-1].text.strip() if out else ""
        joins = out and not BULLET_RE.match(ln.text) and (
            _continues(previous, text, width) or wrapped and _SENTENCE_END.search(previous) is not None)
        if joins:
            out[-1] = Line(out[-1].number, f"{out[-1].text.rstrip()} {text}")
        else:
            out.append(ln)
    return out


def _leads_prose(text: str, following: str) -> bool:
    """A short title line set directly above a paragraph ("Bone Health" then wrapped prose)."""
    return (len(text.split()) <= 8 and text[:1].isupper() and not BULLET_RE.match(following)
            and len(following.split()) >= 12 and _SENTENCE_END.search(following.strip()) is not None)


def _continues(previous: str, text: str, width: int) -> bool:
    if _SENTENCE_END.search(previous):
        return False
    if _CONTINUES.match(text) or _OPEN_END.search(previous):
        return True
    # Wrapped prose fills its lines: a line nearly as long as the longest one was cut by the
    # wrap, not ended by the writer ("... inhibits the\nAromatase enzyme" is caught above).
    return width >= 50 and len(previous) >= 0.8 * width and len(previous.split()) >= 6


def _runs(lines: list[Line]) -> list[list[Line]]:
    runs: list[list[Line]] = [[]]
    for ln in lines:
        if ln.text.strip():
            runs[-1].append(ln)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def split_label(text: str) -> tuple[str, str]:
    """Split a leading Title-Case label from the rest ("In Women The goal is..." -> "In Women")."""
    m = _LABEL_SEPARATOR.search(text)
    if m and m.start() < 60 and _title_run(text[: m.start()].split()) == len(text[: m.start()].split()):
        return text[: m.start()].strip(), text[m.end():].strip()
    words = text.split()
    run = _title_run(words)
    if 2 <= run < len(words) and words[run][:1].islower():
        return " ".join(words[: run - 1]), " ".join(words[run - 1:])
    if 1 <= run < len(words) and not words[run][:1].isalpha():  # "Standard Dosage 1 mg ..."
        return " ".join(words[:run]), " ".join(words[run:])
    return "", text


def _title_run(words: list[str]) -> int:
    """How many leading words form a Title-Case phrase (connectors allowed inside)."""
    n = 0
    for i, w in enumerate(words):
        core = w.strip("(),;")
        if core[:1].isupper() or (i and core.lower() in _CONNECTORS and i + 1 < len(words)
                                  and words[i + 1][:1].isupper()):
            n = i + 1
        else:
            break
    return n


def parse_table(lines: list[str]) -> Table | None:
    """Parse a header line and row lines, or return ``None`` if the lines are not a table."""
    split = split_header(lines[0])
    if split is None:
        return None
    label_header, columns = split
    table = Table(label_header, columns)
    for line in lines[1:]:
        label, rest = split_label(line)
        if not label:
            return None  # every row of a real table starts with its label
        cells, certain = split_cells(rest, len(columns))
        if cells is None:
            continue
        table.rows.append(Row(label, cells, line, certain))
    return table if len(table.rows) >= 2 else None


def split_header(header: str) -> tuple[str, list[str]] | None:
    """Find parallel column names: the first capitalized word repeated later starts each column."""
    words = header.split()
    for i, w in enumerate(words[1:], start=1):
        if not w[:1].isupper():
            continue
        starts = [j for j in range(i, len(words)) if words[j] == w]
        if len(starts) >= 2:
            bounds = starts + [len(words)]
            columns = [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]
            return " ".join(words[:i]), columns
    return None


def split_cells(text: str, n: int) -> tuple[list[str] | None, bool]:
    """Split a row's value text into ``n`` cells; see :class:`Row` for ``certain``."""
    if n == 1:
        return [text], True
    sentences = _SENTENCE_GAP.split(text)
    if len(sentences) == n:
        return [s.strip() for s in sentences], True
    if len(sentences) > n:
        return [sentences[0].strip()] + [""] * (n - 2) + [sentences[-1].strip()], False
    gaps = [m.start() for m in _CAPITAL_GAP.finditer(text)]
    gaps += [m.start() for m in _NUMBER_GAP.finditer(text)
             if text[: m.start()].split()[-1].lower() not in _NUMBER_GLUE]
    gaps = sorted(set(gaps))
    if len(gaps) != n - 1:
        return None, False
    bounds = [0] + gaps + [len(text)]
    return [text[a:b].strip() for a, b in zip(bounds, bounds[1:])], True
