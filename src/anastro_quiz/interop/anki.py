"""Export decks as an Anki package (``.apkg``) with genanki.

One Anki note per authored card, one Anki deck per deck. Note GUIDs are derived from
``(deck id, card id)``, and model and deck ids are fixed, so importing a newer export
into Anki updates the notes already there instead of duplicating them.

Card types map to note types as follows: ``basic``, ``choice`` (choices listed on the
front) and ``true_false`` become "anastro-quiz Basic" notes; ``reverse`` becomes
"anastro-quiz Basic (and reversed)"; ``typed`` becomes "anastro-quiz Typed" (Anki's
type-in-the-answer); ``cloze`` becomes an Anki cloze note (same ``{{c1::...}}`` syntax).
"""

from __future__ import annotations

import hashlib
import html
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import genanki

from ..decks import Card, Deck, _answer_text
from . import InteropError, check_output_file, write_atomically

# Fixed ids: changing them would make Anki treat a re-import as new note types / decks.
BASIC_MODEL_ID = 1_607_392_101
REVERSE_MODEL_ID = 1_607_392_102
TYPED_MODEL_ID = 1_607_392_103
CLOZE_MODEL_ID = 1_607_392_104

_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: center; color: black; background: white; }
.extra { font-size: 16px; color: #555; margin-top: 1em; }
.source { font-size: 14px; color: #777; margin-top: 1em; font-style: italic; }
"""
_EXTRA = ('{{#Explanation}}<div class="extra">{{Explanation}}</div>{{/Explanation}}'
          '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}')
_FIELDS = [{"name": "Front"}, {"name": "Back"}, {"name": "Explanation"}, {"name": "Source"}]

BASIC_MODEL = genanki.Model(
    BASIC_MODEL_ID, "anastro-quiz Basic", fields=_FIELDS,
    templates=[{"name": "Card 1", "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}' + _EXTRA}],
    css=_CSS,
)
REVERSE_MODEL = genanki.Model(
    REVERSE_MODEL_ID, "anastro-quiz Basic (and reversed)", fields=_FIELDS,
    templates=[
        {"name": "Card 1", "qfmt": "{{Front}}", "afmt": '{{FrontSide}}<hr id="answer">{{Back}}' + _EXTRA},
        {"name": "Card 2", "qfmt": "{{Back}}", "afmt": '{{FrontSide}}<hr id="answer">{{Front}}' + _EXTRA},
    ],
    css=_CSS,
)
TYPED_MODEL = genanki.Model(
    TYPED_MODEL_ID, "anastro-quiz Typed", fields=_FIELDS,
    templates=[{"name": "Card 1", "qfmt": "{{Front}}<br><br>{{type:Back}}",
                "afmt": '{{Front}}<hr id="answer">{{type:Back}}' + _EXTRA}],
    css=_CSS,
)
CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID, "anastro-quiz Cloze",
    fields=[{"name": "Text"}, {"name": "Explanation"}, {"name": "Source"}],
    templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}" + _EXTRA}],
    css=_CSS, model_type=genanki.Model.CLOZE,
)


@dataclass
class ApkgReport:
    decks: int
    notes: int
    cards: int
    path: Path


def anki_deck_id(deck_id: str) -> int:
    """A stable Anki deck id (genanki wants one in [2**30, 2**31)) for our deck id."""
    digest = hashlib.sha256(f"anastro-quiz deck:{deck_id}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_guid(deck_id: str, card_id: str) -> str:
    """The Anki note GUID for a card: the same on every export, so Anki updates the note."""
    return genanki.guid_for("anastro-quiz", deck_id, card_id)


def anki_tag(tag: str) -> str:
    """Anki tags cannot contain spaces."""
    return "_".join(tag.split()) or "_"


def _html(text: str) -> str:
    return html.escape(str(text), quote=False).replace("\n", "<br>")


def _source(card: Card) -> str:
    src = card.source
    return f"{_html(src.document)}: \u201c{_html(src.quote)}\u201d" if src else ""


def note_for(card: Card, deck_id: str) -> genanki.Note:
    """The Anki note for one authored card."""
    d = card.data
    explanation = _html(d["explanation"]) if d.get("explanation") else ""
    tags = [anki_tag(t) for t in card.tags]
    guid = note_guid(deck_id, card.id)
    if card.type == "cloze":
        return genanki.Note(model=CLOZE_MODEL, fields=[_html(d["text"]), explanation, _source(card)],
                            tags=tags, guid=guid)
    if card.type == "true_false":
        front = "True or false? " + _html(d["statement"])
        back = "True" if d["answer"] else "False"
        model = BASIC_MODEL
    else:
        front, back = _html(d["prompt"]), _html(_answer_text(d["answer"]))
        model = {"reverse": REVERSE_MODEL, "typed": TYPED_MODEL}.get(card.type, BASIC_MODEL)
        if card.type == "choice":
            choices = "".join(f"<li>{_html(_answer_text(c))}</li>" for c in d["choices"])
            front += f'<ol type="A" style="text-align:left; display:inline-block">{choices}</ol>'
    return genanki.Note(model=model, fields=[front, back, explanation, _source(card)], tags=tags, guid=guid)


def build_package(decks: Iterable[Deck]) -> genanki.Package:
    anki_decks = []
    for deck in decks:
        anki_deck = genanki.Deck(anki_deck_id(deck.id), deck.title, description=_html(deck.description))
        for card in deck.cards:
            anki_deck.add_note(note_for(card, deck.id))
        anki_decks.append(anki_deck)
    return genanki.Package(anki_decks)


def export_apkg(decks: list[Deck], path: str | Path, *, timestamp: float | None = None) -> ApkgReport:
    """Write the decks to ``path`` as one ``.apkg``. Nothing is written if anything fails."""
    path = Path(path)
    check_output_file(path, what="Anki package")
    if not decks:
        raise InteropError("no decks to export")
    package = build_package(decks)

    def write(tmp: Path) -> None:
        import itertools
        import time

        stamp = time.time() if timestamp is None else timestamp
        with tempfile.TemporaryDirectory() as work:
            db_path = Path(work) / "collection.anki2"
            conn = sqlite3.connect(db_path)
            try:
                package.write_to_db(conn.cursor(), stamp, itertools.count(int(stamp * 1000)))
                conn.commit()
            finally:
                conn.close()
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as out:
                out.write(db_path, "collection.anki2")
                out.writestr("media", "{}")

    try:
        write_atomically(path, write)
    except OSError as exc:
        raise InteropError(f"cannot write {path}: {exc.strerror or exc}") from None
    notes = [n for d in package.decks for n in d.notes]
    return ApkgReport(decks=len(package.decks), notes=len(notes),
                      cards=sum(len(n.cards) for n in notes), path=path)
