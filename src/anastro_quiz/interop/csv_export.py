"""This tool's CSV export: one row per card (an Anki note) with the columns
:data:`CSV_COLUMNS`, after Anki's text-file headers (:data:`ANKI_HEADERS`; the ``#columns:``
line is the header row). The ``notetype`` column names Anki's stock note type for each card
(:data:`NOTETYPES`), so Anki imports a reverse card as one "Basic (and reversed card)" note,
a typed card as "Basic (type in the answer)" and a cloze card as a "Cloze" note whose text
(``Front``) keeps its ``{{c1::...}}`` deletions and whose ``Back`` is the explanation; our
own import reads each back as its type.

A cell a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return: the OWASP rule) gets a leading ``'``, so the spreadsheet shows
it as text; importing our own CSV takes it off again (:func:`restore`), so an exported
deck imports back exactly.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterable, TextIO

from ..decks import Card, Deck
from . import write_text_output

CSV_COLUMNS = ("prompt", "answer", "tags", "source", "quote", "deck", "id", "type", "guid", "notetype")
# Anki's stock note type for each card type (choice and true/false cards are Basic notes)
NOTETYPES = {"basic": "Basic", "reverse": "Basic (and reversed card)", "typed": "Basic (type in the answer)",
             "cloze": "Cloze"}
# Anki maps columns to the Basic note type's fields by label, so prompt and answer are
# labelled with those fields' names.
ANKI_LABELS = {"prompt": "Front", "answer": "Back"}
# Anki's text-file headers, so Anki imports the file without asking: the separator, plain
# text (not HTML), the column names (Anki's header row), and which columns hold the tags,
# deck, note GUID (``deck/id``, unique across decks, so re-importing updates notes) and note type.
ANKI_HEADERS = (
    "#separator:Comma", "#html:false",
    f"#tags column:{CSV_COLUMNS.index('tags') + 1}", f"#deck column:{CSV_COLUMNS.index('deck') + 1}",
    f"#guid column:{CSV_COLUMNS.index('guid') + 1}", f"#notetype column:{CSV_COLUMNS.index('notetype') + 1}",
    "#columns:" + ",".join(ANKI_LABELS.get(name, name) for name in CSV_COLUMNS),
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

def neutralise(cell: str) -> str:
    """The cell as a spreadsheet shows it as text: a leading ``'`` before a formula start (and
    before a ``'`` that itself comes before one, so :func:`restore` gives back exactly the cell)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) or _marked(cell) else cell


def restore(cell: str) -> str:
    """:func:`neutralise` undone."""
    return cell[1:] if _marked(cell) else cell


def _marked(cell: str) -> bool:
    return cell.startswith("'") and len(cell) > 1 and (cell[1:].startswith(FORMULA_STARTS) or cell[1] == "'")


def card_cells(card: Card, deck_id: str) -> tuple[str, ...]:
    """One card's row: its front and back as Anki's note type has them (a cloze card's text
    and explanation; a choice or true/false card as its one study item shows it)."""
    if card.type == "cloze":
        front, back = str(card.data["text"]), str(card.data.get("explanation") or "")
    else:
        item = card.items(deck_id)[0]
        front, back = item.prompt, item.answer
    source = card.source
    return (front, back, " ".join(card.tags), source.document if source else "", source.quote if source else "",
            deck_id, card.id, card.type, f"{deck_id}/{card.id}", NOTETYPES.get(card.type, "Basic"))


def write_csv(decks: Iterable[Deck], out: TextIO) -> int:
    """Write every card of ``decks`` as a CSV row; return the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    # a row starting with ``#`` would be an Anki header or comment line: quoted, it is not
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    out.write("\n".join(ANKI_HEADERS) + "\n")
    count = 0
    for deck in decks:
        for card in deck.cards:
            cells = [neutralise(cell) for cell in card_cells(card, deck.id)]
            (quoted if cells[0].startswith("#") else writer).writerow(cells)
            count += 1
    return count


def export_csv(decks: list[Deck], path: str | Path | None) -> tuple[int, str | None]:
    """Write CSV to ``path`` (atomically), or return the text when ``path`` is ``None``."""
    buffer = io.StringIO()
    count = write_csv(decks, buffer)
    if path is None:
        return count, buffer.getvalue()
    write_text_output(Path(path), buffer.getvalue(), what="CSV file")
    return count, None
