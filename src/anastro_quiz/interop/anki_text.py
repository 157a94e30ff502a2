"""Anki's "Notes in Plain Text" files (File > Export > Notes in Plain Text, or a file made
for Anki's text import), read the way Anki reads them.

The header lines at the top (``#key:value``) say how to read the rest:

* ``#separator:`` (``Tab``, ``Comma``, ``Semicolon``, ``Space``, ``Pipe``, ``Colon`` or the
  character itself; tab when absent) and ``#html:`` (``true`` when absent: fields are HTML and
  become text with :func:`.anki_notes.html_to_text`);
* ``#columns:`` the column names (``Front``/``Back``, ``Text``/``Back Extra`` pick the fields);
* ``#tags:`` tags for every note, ``#deck:`` and ``#notetype:`` for every note;
* ``#guid column:``, ``#notetype column:``, ``#deck column:``, ``#tags column:`` (1-based).

Rows are read with the standard :mod:`csv` module and a dialect built from the header
(:func:`anki_dialect`: quoted fields may hold separators, quotes and line breaks).
Note types become card types by name: "Basic (and reversed card)" a reverse card, "Basic
(type in the answer)" a typed card, "Cloze" a cloze card, "Basic (optional reversed
card)" a reverse card when its third field is filled (else basic); any other note type is
imported as basic from its first two fields and reported. A note's GUID gives its card id
(:func:`.anki_notes.card_id_for_guid`, the same as a package import), so importing an
edited export again keeps each card's progress; without a GUID the id comes from the front.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field

from ..decks import CLOZE_RE, ID_RE
from . import InteropError
from .anki_notes import card_id_for_guid, html_to_text
from .import_cards import MEDIA_NOTE, ImportResult, Skipped, add_card, add_cloze, csv_rows, name_media

SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ", "colon": ":"}
KEYS = ("separator", "html", "columns", "tags", "deck", "notetype",
        "guid column", "notetype column", "deck column", "tags column")
_SPECIAL = ("guid", "notetype", "deck", "tags")
_FRONT_LABELS = ("front", "text")
_BACK_LABELS = ("back", "back extra", "extra")


@dataclass
class AnkiHeader:
    dialect: type[csv.Dialect]
    html: bool = True
    columns: list[str] = field(default_factory=list)  # ``#columns:`` labels, as written
    tags: list[str] = field(default_factory=list)
    deck: str = ""
    notetype: str = ""
    special: dict[str, int] = field(default_factory=dict)  # guid/notetype/deck/tags -> 0-based column
    ignored: list[str] = field(default_factory=list)  # header keys this import does not use


def read_directives(lines: list[str]) -> tuple[dict[str, str], int]:
    """The ``#key:value`` lines of the leading block of ``#`` lines (keys lowercased) and the
    index of the first line after that block. As in Anki, every line of the block is header:
    one without a ``key:`` is a comment, and the block ends at the first line not starting with ``#``."""
    directives: dict[str, str] = {}
    for index, line in enumerate(lines):
        if not line.startswith("#"):
            return directives, index
        key, colon, value = line[1:].strip().partition(":")
        if colon:
            directives.setdefault(key.strip().lower(), value.strip())
    return directives, len(lines)


def is_anki_header(directives: dict[str, str]) -> bool:
    """Whether the leading ``#`` lines hold a header Anki knows (not just comments)."""
    return any(key in KEYS for key in directives)


def anki_dialect(delimiter: str) -> type[csv.Dialect]:
    """The csv dialect of an Anki text file with this separator (Anki's own quoting rules)."""
    return type("AnkiText", (csv.Dialect,), {
        "delimiter": delimiter, "quotechar": '"', "doublequote": True, "skipinitialspace": False,
        "lineterminator": "\n", "quoting": csv.QUOTE_MINIMAL, "strict": False,
    })


def anki_header(directives: dict[str, str]) -> AnkiHeader:
    """The header lines, checked: an unknown separator or a column that is not a number is an error."""
    sep = directives.get("separator", "tab")
    delimiter = SEPARATORS.get(sep.lower(), sep if len(sep) == 1 else None)
    if delimiter is None:
        raise InteropError(f"unknown #separator:{sep} in the Anki header (expected Tab, Comma, Semicolon, "
                           "Space, Pipe, Colon or one character)")
    header = AnkiHeader(dialect=anki_dialect(delimiter))
    html = directives.get("html", "true").lower()
    if html not in ("true", "false"):
        raise InteropError(f"#html:{directives['html']} in the Anki header is neither true nor false")
    header.html = html == "true"
    if "columns" in directives:
        header.columns = [c.strip() for c in next(csv.reader([directives["columns"]], header.dialect), [])]
    header.tags = directives.get("tags", "").split()
    header.deck, header.notetype = directives.get("deck", ""), directives.get("notetype", "")
    for key in _SPECIAL:
        value = directives.get(f"{key} column")
        if value is None:
            continue
        if not value.isdigit() or int(value) < 1:
            raise InteropError(f"#{key} column:{value} in the Anki header is not a column number (1, 2, ...)")
        header.special[key] = int(value) - 1
    header.ignored = [f"#{key}" for key in directives if key not in KEYS]
    return header


def note_kind(notetype: str, fields: list[str]) -> tuple[str, str | None]:
    """The card type for an Anki note type name, and a note when it is not what the name says."""
    name = notetype.strip().lower()
    if "cloze" in name or (fields and CLOZE_RE.search(fields[0])):
        return "cloze", None
    if "(and reversed card)" in name or name == "anastro-quiz basic (and reversed)":
        return "reverse", None
    if "(optional reversed card)" in name:
        return ("reverse" if len(fields) > 2 and fields[2].strip() else "basic"), None
    if "(type in the answer)" in name or name == "anastro-quiz typed":
        return "typed", None
    if name in ("", "basic", "anastro-quiz basic"):
        return "basic", None
    return "basic", f"note type {notetype.strip()!r}: imported as basic from its first two fields"


def own_card(guid: str, deck: str, known: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """``(deck id, card id)`` when a GUID is one this tool wrote: a package export's note GUID
    of a deck in use (``known``), or a CSV export's ``deck/id`` whose deck is the note's Anki
    deck or a deck in use (an Anki GUID may hold a ``/`` too; it is not taken for ours then)."""
    if guid in known:
        return known[guid]
    deck_id, slash, card_id = guid.partition("/")
    if slash and ID_RE.match(deck_id) and ID_RE.match(card_id) and "/" not in card_id and (
            deck_id == deck or any(d == deck_id for d, _ in known.values())):
        return deck_id, card_id
    return None


def parse_anki(lines: list[str], start: int, directives: dict[str, str],
               known: dict[str, tuple[str, str]] | None = None) -> ImportResult:
    """Cards from an Anki text file's rows (after the header lines, from ``start``).
    ``known``: note GUIDs this tool exported to Anki in a package -> ``(deck id, card id)``."""
    known = known or {}
    result = ImportResult(format="anki")
    header = anki_header(directives)
    if header.ignored:
        result.converted.append(Skipped(start, f"header {', '.join(header.ignored)} not used by this import"))
    special = header.special
    skip = set(special.values())
    labels = [c.lower() for c in header.columns]
    if header.deck:
        result.anki_decks.append(header.deck)
    for line_no, row in csv_rows(lines, start, header.dialect, comments=result.skipped):
        if not any(cell.strip() for cell in row):
            continue
        result.rows += 1
        cell = {key: row[i].strip() if i < len(row) else "" for key, i in special.items()}
        raw = [(labels[i] if i < len(labels) else "", c) for i, c in enumerate(row) if i not in skip]
        # HTML: an image or a sound is named where it was before the field becomes text (undone
        # below if the row gives no card: then its files are not copied)
        media_before, notes_before = dict(result.media_files), len(result.converted)
        fields = [html_to_text(name_media(result, line_no, c)) if header.html else c for _, c in raw]
        named = {label: text for (label, _), text in zip(raw, fields) if label}
        front = next((named[k] for k in _FRONT_LABELS if k in named), fields[0] if fields else "")
        back_default = fields[1] if len(fields) > 1 else ""
        back = next((named[k] for k in _BACK_LABELS if k in named), back_default)
        if not fields:
            result.skipped.append(Skipped(line_no, "no fields"))
            continue
        deck = cell.get("deck") or header.deck
        if deck and deck not in result.anki_decks:
            result.anki_decks.append(deck)
        tags = header.tags + cell.get("tags", "").split()
        kind, note = note_kind(cell.get("notetype") or header.notetype, fields)
        guid = cell.get("guid", "")
        mine = own_card(guid, deck, known) if guid else None
        if mine is not None and mine[0] not in result.decks:
            result.decks.append(mine[0])
        card_id = mine[1] if mine else card_id_for_guid(guid) if guid else None
        before = len(result.cards)
        if card_id is not None and ("id", card_id) in result._seen:
            result.skipped.append(Skipped(line_no, f"same GUID as line {result._seen[('id', card_id)].line}"))
        elif kind == "cloze":
            add_cloze(result, line_no, front, back, tags, card_id)
        else:
            add_card(result, line_no, front, back, tags, kind, card_id)
        if len(result.cards) == before:  # no card: its images and sounds are neither copied nor listed
            result.media_files = media_before
            result.converted[notes_before:] = [c for c in result.converted[notes_before:]
                                               if not c.reason.startswith(MEDIA_NOTE)]
        else:
            if note:
                result.converted.append(Skipped(line_no, note))
            used = {0, 1} | ({2} if "(optional reversed card)" in (cell.get("notetype") or header.notetype).lower() else set())
            used |= {i for i, (label, _) in enumerate(raw) if label in _FRONT_LABELS + _BACK_LABELS}
            if extra := [i + 1 for i, text in enumerate(fields) if i not in used and text.strip()]:
                result.converted.append(Skipped(line_no, f"field{'s' if len(extra) > 1 else ''} "
                                                         f"{', '.join(map(str, extra))} of the note left out"))
    return result
