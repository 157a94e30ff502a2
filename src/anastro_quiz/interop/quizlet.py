"""Quizlet's export ("Export" on a set): term and definition as Quizlet writes them.

Quizlet writes no quotes and escapes nothing: a term, the separator between term and
definition (tab, comma, or a custom one), the definition, then the separator between rows
(a new line, ``;``, or a custom one such as a blank line). So a row is split at the *first*
term separator only (a comma inside the definition stays in it), quotes are kept as
written, and with new lines between rows, a line without a term separator continues the
definition above it (a multi-line definition; each such join is reported).

When the separators are not given, the term separator is a tab if the file has one, else
a comma; the rows are ``;``-separated when that gives more rows than the lines do and every
row has a term separator, else one per line. A file that is quoted CSV (a whole field
in ``"`` quotes) or starts with a header row is a spreadsheet, not a Quizlet export, and
is read by :mod:`csv` (see :mod:`.tabular`).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from .import_cards import ImportResult, Skipped, add_card

# a whole field in quotes: after a line start or a separator, up to a quote before a separator or line end
_QUOTED_FIELD = re.compile(r'(?:^|[\t,;])"(?:[^"]|"")*"(?=[\t,;]|$)', re.MULTILINE)


@dataclass
class Entry:
    line: int
    term: str
    definition: str | None  # None: the row has no term separator
    joined: list[int]  # lines joined to the definition


def is_quoted_csv(text: str) -> bool:
    """A spreadsheet's CSV: some whole field in quotes, and rows CSV reads as a table: all of
    one width, two fields, or wider with a quoted first field. A quoted word in a Quizlet
    definition (``Bone,"dense", outer``) cuts its row into three: Quizlet's, not a table."""
    if _QUOTED_FIELD.search(text) is None:
        return False
    delimiter = "\t" if "\t" in text else ","
    try:
        rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) if any(c.strip() for c in r)]
    except csv.Error:
        return False
    widths = {len(r) for r in rows}
    if len(widths) != 1:
        return False
    return widths == {2} or any(line.startswith('"') for line in text.splitlines())


def unescape(value: str) -> str:
    """A separator given on the command line: ``\\n``, ``\\t`` and ``\\\\`` as the characters."""
    return re.sub(r"\\([nt\\])", lambda m: {"n": "\n", "t": "\t", "\\": "\\"}[m.group(1)], value)


def guess_separators(text: str) -> tuple[str, str]:
    term_sep = "\t" if "\t" in text else ","
    chunks = [c for c in text.split(";") if c.strip()]
    lines_with_sep = sum(1 for line in text.splitlines() if term_sep in line)
    if len(chunks) > lines_with_sep and all(term_sep in c for c in chunks):
        return term_sep, ";"
    return term_sep, "\n"


def entries(text: str, term_sep: str, row_sep: str) -> list[Entry]:
    out: list[Entry] = []
    if row_sep == "\n":
        current: Entry | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                current = None  # a blank line ends a definition
            elif term_sep in line and not (term_sep == "," and line.startswith(term_sep) and current is not None
                                           and (current.definition or "").strip()):
                term, _, definition = line.partition(term_sep)
                current = Entry(number, term, definition, [])
                out.append(current)
            elif current is not None and current.definition is not None:
                # no separator, or one before any term (", in the cytoplasm"): the definition goes on
                current.definition += "\n" + line
                current.joined.append(number)
            else:
                out.append(Entry(number, line, None, []))
        return out
    position = 0
    for chunk in text.split(row_sep):
        lead = len(chunk) - len(chunk.lstrip("\r\n"))
        number = text.count("\n", 0, position + lead) + 1
        position += len(chunk) + len(row_sep)
        chunk = chunk.strip("\r\n")
        if not chunk.strip():
            continue
        term, sep, definition = chunk.partition(term_sep)
        out.append(Entry(number, term, definition if sep else None, []))
    return out


def parse_quizlet(text: str, term_sep: str | None = None, row_sep: str | None = None) -> ImportResult:
    guessed_term, guessed_row = guess_separators(text)
    term_sep, row_sep = term_sep or guessed_term, row_sep or guessed_row
    result = ImportResult(format="quizlet")
    names = {"\t": "tab", ",": "comma", "\n": "new line"}
    for entry in entries(text, term_sep, row_sep):
        result.rows += 1
        if entry.definition is None:
            result.skipped.append(Skipped(entry.line, f"no {names.get(term_sep, repr(term_sep))} between term "
                                                      "and definition"))
            continue
        if entry.joined:
            lines = ", ".join(map(str, entry.joined))
            result.converted.append(Skipped(entry.line, f"line{'s' if len(entry.joined) > 1 else ''} {lines} "
                                                        "had no term before a separator: kept as more lines of this definition"))
        add_card(result, entry.line, entry.term, entry.definition.strip("\r"), [])
    return result
