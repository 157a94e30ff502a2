"""Export decks as an Anki package (``.apkg``) with genanki.

One Anki note per authored card, one Anki deck per deck. Note GUIDs are derived from
``(deck id, card id)``, and model and deck ids are fixed, so importing a newer export
into Anki updates the notes already there instead of duplicating them.

Card types map to note types as follows: ``basic``, ``choice`` (choices listed on the
front) and ``true_false`` become "anastro-quiz Basic" notes; ``reverse`` becomes
"anastro-quiz Basic (and reversed)"; ``typed`` becomes "anastro-quiz Typed" (Anki's
type-in-the-answer); ``cloze`` becomes an Anki cloze note (same ``{{c1::...}}`` syntax).

With a :class:`History` (``export --format apkg --with-history``), each Anki card also gets
its scheduling, written into the collection's ``cards`` table where Anki keeps it: card
type and queue (new, learning, review, relearning; suspended, buried), due (a day number
from the collection's creation for review cards, a time for learning steps due today),
interval, repetitions, lapses, and the FSRS memory state in ``data`` (``s`` stability,
``d`` difficulty, ``dr`` desired retention, ``lrt`` last review); and every review of it
becomes a ``revlog`` row (time, button, duration, learn/review/relearn kind, interval).
Anki's own importer carries both into the collection when "import any scheduling" is on.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable

import genanki

from ..decks import Card, Deck, answer_text
from . import InteropError, check_output_file, write_atomically
from .anki_media import MEDIA_FOLDER, safe_name

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
    scheduled: int = 0  # Anki cards given a schedule (studied here)
    reviews: int = 0  # revlog rows written
    media: int = 0  # images and sounds carried (from media/ beside the decks)


@dataclass
class History:
    """What ``--with-history`` carries: schedules by ``(deck, item id)`` (the store's ``ScheduleRow``)
    and the review log (the store's review records), plus each deck's desired retention and
    number of (re)learning steps (Anki's ``left``: the steps a learning card has to go)."""

    schedules: dict[tuple[str, str], Any] = field(default_factory=dict)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    desired_retention: dict[str, float] = field(default_factory=dict)
    steps: dict[str, tuple[int, int]] = field(default_factory=dict)  # deck -> (learning, relearning) step counts


CREATED_DAYS_AGO = 3650  # the exported collection's creation day, so every due day number is positive
DAY = 86_400


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
    """Card text as an Anki field: escaped, line breaks as ``<br>``, and an image or sound an
    Anki import named (``[image: media/x.png]``, :mod:`.anki_media`) as Anki's own markup again."""
    def media(m: re.Match[str]) -> str:
        name = html.unescape(m.group(2))
        return f'<img src="{html.escape(name)}">' if m.group(1) == "image" else f"[sound:{name}]"

    return MENTION_RE.sub(media, html.escape(str(text), quote=False).replace("\n", "<br>"))


MENTION_RE = re.compile(r"\[(image|audio): " + MEDIA_FOLDER + r"/([^\]\n]+)\]")


def media_of(decks: Iterable[Deck]) -> dict[str, Path]:
    """The files the decks' cards name (``[image: media/x.png]``) that are in ``media/`` beside their deck file."""
    found: dict[str, Path] = {}
    for deck in decks:
        if deck.path is None:
            continue
        for card in deck.cards:
            for value in card.data.values():
                for m in MENTION_RE.finditer(str(value)) if isinstance(value, str) else ():
                    source = deck.path.parent / MEDIA_FOLDER / m.group(2)
                    if safe_name(m.group(2)) and source.is_file():
                        found.setdefault(m.group(2), source)
    return found


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
        front, back = _html(d["prompt"]), _html(answer_text(d["answer"]))
        model = {"reverse": REVERSE_MODEL, "typed": TYPED_MODEL}.get(card.type, BASIC_MODEL)
        if card.type == "choice":
            choices = "".join(f"<li>{_html(answer_text(c))}</li>" for c in d["choices"])
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


def _ord(card: Card, item_id: str) -> int:
    """The Anki card ordinal (template, or cloze number - 1) of one of ``card``'s study items."""
    if item_id == f"{card.id}.reverse":
        return 1
    if card.type == "cloze":
        return int(item_id.rsplit(".c", 1)[1]) - 1
    return 0


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def _interval(start: datetime, end: datetime) -> int:
    """Anki's revlog interval: days (>= 1), or minus the seconds for one shorter than a day."""
    seconds = (end - start).total_seconds()
    return max(1, round(seconds / DAY)) if seconds >= DAY else -max(1, int(seconds))


def _state_tags(conn: sqlite3.Connection, anki_card: dict[tuple[str, str], int], history: History) -> None:
    """Anki keeps a mark and a leech as tags of the note: a note is tagged ``marked`` when
    one of its cards is marked here, ``leech`` when one is a leech."""
    note_of = dict(conn.execute("SELECT id, nid FROM cards"))
    wanted: dict[int, set[str]] = {}
    for key, cid in anki_card.items():
        row = history.schedules.get(key)
        if row is None:
            continue
        tags = {tag for tag, on in (("marked", row.marked), ("leech", row.leech)) if on}
        if tags:
            wanted.setdefault(note_of[cid], set()).update(tags)
    for nid, tags in wanted.items():
        (current,) = conn.execute("SELECT tags FROM notes WHERE id=?", (nid,)).fetchone()
        have = current.split()
        conn.execute("UPDATE notes SET tags=? WHERE id=?",
                     (" " + " ".join(have + sorted(t for t in tags if t not in have)) + " ", nid))


def write_history(conn: sqlite3.Connection, decks: list[Deck], history: History, stamp: float) -> tuple[int, int]:
    """Write schedules and the review log into a genanki-written collection; returns (cards, reviews) written."""
    from ..clock import day_start, day_start_hour, next_day_start, study_day

    now = datetime.fromtimestamp(stamp, timezone.utc)
    today = study_day(now)
    day_end = next_day_start(now)
    # genanki's collection says nothing of its scheduler, which Anki reads as the old v1 one and
    # then renumbers learning answers (v1 had three buttons); ours are v2+ answers (four).
    conf = json.loads(conn.execute("SELECT conf FROM col").fetchone()[0] or "{}")
    conf["schedVer"] = 2
    conf["rollover"] = day_start_hour()
    # Created at the start of a study day: Anki counts "today" from the creation's calendar date,
    # so a creation time before the rollover hour would put every due day one day early when
    # the package is exported between midnight and the day's start.
    created = int(day_start(today - timedelta(days=CREATED_DAYS_AGO)).timestamp())
    conn.execute("UPDATE col SET crt=?, conf=?", (created, json.dumps(conf)))
    nids = {guid: nid for nid, guid in conn.execute("SELECT id, guid FROM notes")}
    cids = {(nid, ord_): cid for cid, nid, ord_ in conn.execute("SELECT id, nid, ord FROM cards")}
    anki_card: dict[tuple[str, str], int] = {}
    for deck in decks:
        for card in deck.cards:
            nid = nids.get(note_guid(deck.id, card.id))
            for item in card.items(deck.id):
                cid = cids.get((nid, _ord(card, item.id)))
                if cid is not None:
                    anki_card[(deck.id, item.id)] = cid
    _state_tags(conn, anki_card, history)
    scheduled = 0
    for key, cid in anki_card.items():
        row = history.schedules.get(key)
        if row is None:
            continue
        queue, ctype, due, ivl, data, left = 0, 0, None, 0, "{}", 0
        if row.state and row.fsrs_state:
            state = json.loads(row.state)
            ctype = int(row.fsrs_state)
            when = _utc(row.due)
            last = _utc(state["last_review"]) if state.get("last_review") else now
            ivl = max(1, round((when - last).total_seconds() / DAY)) if ctype != 1 else 0
            days = CREATED_DAYS_AGO + (study_day(when) - today).days
            if ctype == 2:
                queue, due = 2, days
            else:
                queue, due = (1, int(when.timestamp())) if when < day_end else (3, days)
            memory = {"s": round(float(state["stability"]), 4), "d": round(float(state["difficulty"]), 3),
                      "dr": history.desired_retention.get(key[0], 0.9), "lrt": int(last.timestamp())}
            data = json.dumps(memory, separators=(",", ":"))
            if ctype in (1, 3):
                steps = history.steps.get(key[0], (2, 1))[0 if ctype == 1 else 1]
                left = max(1, steps - int(state.get("step") or 0))
            scheduled += 1
        if row.suspended:
            queue = -1
        elif row.buried_until and _utc(row.buried_until) > now:
            queue = -3
        conn.execute("UPDATE cards SET type=?, queue=?, due=COALESCE(?, due), ivl=?, factor=?, reps=?, lapses=?,"
                     " left=?, data=? WHERE id=?",
                     (ctype, queue, due, ivl, 2500 if ctype else 0, row.reps, row.lapses, left, data, cid))
    used: set[int] = set()
    last_ivl: dict[int, int] = {}
    written = 0
    for review in history.reviews:
        cid = anki_card.get((review["deck"], review["card_id"]))
        if cid is None or review.get("undone") or review.get("mode") != "review" or not review.get("due_after"):
            continue
        at = _utc(review["reviewed_at"])
        rid = int(at.timestamp() * 1000)
        while rid in used:
            rid += 1
        used.add(rid)
        ivl = _interval(at, _utc(review["due_after"]))
        after = json.loads(review["state_after"]) if review.get("state_after") else {}
        factor = round(float(after["difficulty"]) * 100) if after.get("difficulty") else 2500
        kind = {0: 0, 1: 0, 2: 1, 3: 2}.get(int(review.get("fsrs_state_before") or 0), 1)
        conn.execute("INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
                     " VALUES (?,?,?,?,?,?,?,?,?)",
                     (rid, cid, -1, int(review["rating"]), ivl, last_ivl.get(cid, 0), factor,
                      min(int(review.get("duration_ms") or 0), 60_000), kind))
        last_ivl[cid] = ivl
        written += 1
    return scheduled, written


def export_apkg(decks: list[Deck], path: str | Path, *, timestamp: float | None = None,
                history: History | None = None) -> ApkgReport:
    """Write the decks to ``path`` as one ``.apkg`` (with ``history``: scheduling and the review log).
    Nothing is written if anything fails."""
    path = Path(path)
    check_output_file(path, what="Anki package")
    if not decks:
        raise InteropError("no decks to export")
    package = build_package(decks)
    media = media_of(decks)
    counts = [0, 0]

    def write(tmp: Path) -> None:
        import itertools
        import time

        stamp = time.time() if timestamp is None else timestamp
        with tempfile.TemporaryDirectory() as work:
            db_path = Path(work) / "collection.anki2"
            conn = sqlite3.connect(db_path)
            try:
                package.write_to_db(conn.cursor(), stamp, itertools.count(int(stamp * 1000)))
                if history is not None:
                    counts[:] = write_history(conn, decks, history, stamp)
                conn.commit()
            finally:
                conn.close()
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as out:
                out.write(db_path, "collection.anki2")
                for number, source in enumerate(media.values()):  # Anki's legacy layout: "0", "1", ...
                    out.write(source, str(number))
                out.writestr("media", json.dumps({str(n): name for n, name in enumerate(media)}))

    try:
        write_atomically(path, write)
    except OSError as exc:
        raise InteropError(f"cannot write {path}: {exc.strerror or exc}") from None
    notes = [n for d in package.decks for n in d.notes]
    return ApkgReport(decks=len(package.decks), notes=len(notes),
                      cards=sum(len(n.cards) for n in notes), path=path, scheduled=counts[0], reviews=counts[1],
                      media=len(media))
