"""Anki packages in: notes become deck cards, the review log becomes ours (``import FILE.apkg``).

:func:`convert_package` turns the :class:`~.anki_package.AnkiCollection` read from a package
into decks, the reviews to record, and a report of everything that was changed or left out.

* **Decks.** Each Anki deck holding notes becomes one deck: ``Biology::Cells`` gets the id
  ``biology::cells`` and keeps its name as title. A note belongs to the deck of its first card.
* **Note types.** Cloze (any note type of Anki's cloze kind) → ``cloze``, every deletion and
  hint kept, the second field ("Back Extra") as explanation; one template that types the
  answer (``{{type:...}}``) → ``typed``; two plain templates → ``reverse``; one template →
  ``basic``. Anything else (optional reversed, image occlusion, custom types with more
  templates) becomes ``basic`` from its first two fields and is reported. Non-empty
  fields that no card uses are reported per note type.
* **Text.** Field HTML becomes text with inscriptis; ``<img>`` and ``[sound:...]`` become
  their mention (``[image: media/x.png]``, :mod:`.anki_media`), the files are copied beside
  the decks, and each note's are reported (and whether the package carries the file).
* **Ids.** A card's id comes from the note GUID (``anki-`` + 12 hex digits of its hash), so
  importing an updated package updates the same cards; the note's Anki card ordinal picks
  the study item (reverse side, cloze deletion). A note this tool exported itself
  (``export --format apkg``) gets its original deck and card id back.
* **History.** Anki's ``revlog`` filtered as Anki's own FSRS does: manual reschedules
  (set due date, forget, FSRS reschedule; button 0) are not reviews and are left out;
  reviews before a reset are left out; answers in a filtered deck that did not reschedule
  ("cram") are kept as drill answers, which never move a schedule. Every review gets a
  UUID from (GUID, ordinal, revlog id), so importing twice adds nothing.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..decks import Card, Deck, dump_deck, parse_deck
from ..numbers import plural
from ..store import LoggedReview
from . import InteropError
from .anki_package import FILTERED, LEARNING, MANUAL, RESCHEDULED, AnkiCard, AnkiCollection, RevlogEntry
from .anki_media import media_note, media_references, safe_name, with_mentions
from .anki_notes import (card_data, card_id_for_guid, classify, deck_id_for_name, html_to_text, is_marked_tag, item_id,
                         short, used_fields)
from .anki_schedule import KeptSchedule, state_of

REVIEW_NAMESPACE = uuid.UUID("6f1d3c52-8a3e-4f0e-9d5e-5b1c8f0a2e71")


@dataclass
class PackageImport:
    decks: list[Deck] = field(default_factory=list)
    notes: int = 0
    reviews: list[LoggedReview] = field(default_factory=list)  # mode "drill": a cram answer
    suspended: set[tuple[str, str]] = field(default_factory=set)
    buried: set[tuple[str, str]] = field(default_factory=set)
    marked: set[tuple[str, str]] = field(default_factory=set)  # notes tagged "marked" in Anki (the * key)
    kept: dict[tuple[str, str], KeptSchedule] = field(default_factory=dict)  # scheduled in Anki, no review log
    converted: list[str] = field(default_factory=list)  # changed on the way in (note types, ids)
    skipped: list[str] = field(default_factory=list)  # notes or cards that could not come in
    media: list[str] = field(default_factory=list)  # notes with images or sounds: what became of them
    media_files: set[str] = field(default_factory=set)  # files to copy beside the decks (see .anki_media)
    history: list[str] = field(default_factory=list)  # what happened to Anki's review log
    anki_reviews: int = 0  # revlog entries in the package

    @property
    def cards(self) -> int:
        return sum(len(d.cards) for d in self.decks)


def anki_filter(entries: list[RevlogEntry]) -> tuple[list[tuple[RevlogEntry, str]], Counter]:
    """Anki's own FSRS reading of one card's log (``reviews_for_fsrs``): what counts, and why the rest does not.

    Returns the entries kept, each with its mode (``review``, or ``drill`` for a cram
    answer), and a count of the entries left out by reason.
    """
    left_out: Counter = Counter()
    first_learn = first_grade = None
    cut = False
    for index in range(len(entries) - 1, -1, -1):
        entry = entries[index]
        if entry.kind == FILTERED and entry.factor == 0:
            continue
        graded = 1 <= entry.ease <= 4
        if graded:
            first_grade = index
        if graded and entry.kind == LEARNING:
            first_learn = index
        elif first_learn is not None:
            break
        elif entry.kind == MANUAL and entry.factor == 0:  # a reset ("forget")
            cut = True
            break
    start = first_learn if first_learn is not None else first_grade
    if start is None:
        start = len(entries)
    kept: list[tuple[RevlogEntry, str]] = []
    for index, entry in enumerate(entries):
        if entry.ease == 0 or entry.kind in (MANUAL, RESCHEDULED):
            left_out["manual"] += 1
        elif entry.kind == FILTERED and entry.factor == 0:
            kept.append((entry, "drill"))
        elif index < start:
            left_out["before reset" if cut or first_learn is not None else "before"] += 1
        else:
            kept.append((entry, "review"))
    return kept, left_out


def convert_package(col: AnkiCollection, *, whole_collection: bool,
                    known: dict[str, tuple[str, str]] | None = None) -> PackageImport:
    """Decks, reviews and a report from a package's collection (see the module doc).

    ``whole_collection``: a ``.colpkg``, whose log keeps the reviews of deleted cards (left
    out and counted); in an ``.apkg`` such a review means a damaged package (an error).
    ``known``: note GUIDs of this tool's own export → ``(deck id, card id)``.
    """
    known = known or {}
    out = PackageImport(anki_reviews=len(col.revlog))
    cards_of: dict[int, list[AnkiCard]] = defaultdict(list)
    for card in col.cards:
        cards_of[card.note_id].append(card)
    by_deck: dict[str, list[Card]] = defaultdict(list)
    deck_of_items: dict[int, tuple[str, str, str]] = {}  # anki card id -> (deck name, item id, guid+ord)
    other_types: Counter = Counter()
    unused_fields: Counter = Counter()
    known_decks: dict[str, set[str]] = defaultdict(set)
    image_notes = 0
    for note in col.notes:
        notetype = col.notetypes.get(note.notetype_id)
        cards = sorted(cards_of.get(note.id, []), key=lambda c: c.ord)
        label = (short(html_to_text(note.fields[0])) or short(note.fields[0])) if note.fields else str(note.id)
        if notetype is None:
            out.skipped.append(f"note {label!r}: its note type is missing from the package")
            continue
        if not cards:
            out.skipped.append(f"note {label!r}: it has no cards in the package")
            continue
        out.notes += 1
        deck_name = col.decks.get(cards[0].deck_id, "Default")
        kind = classify(notetype)
        if kind == "image":
            image_notes += 1
            continue
        if kind == "other":
            other_types[notetype.name] += 1
            kind = "basic"
        for i, value in enumerate(note.fields):
            if value.strip() and i not in used_fields(notetype) and i < len(notetype.fields):
                unused_fields[(notetype.name, notetype.fields[i])] += 1
        refs = [r for value in note.fields for r in media_references(value)]
        copied = {r for r in refs if r in col.media and safe_name(r)}
        texts = [html_to_text(v) for v in note.fields]
        empty = [n for n, t in zip(("front", "back"), texts[:2] + [""] * (2 - len(texts[:2]))) if not t]
        if refs:
            imported = kind == "cloze" or not empty
            out.media.append(media_note(f"{deck_name}: {label!r}", refs, copied, imported, set(col.media)))
            if imported:
                out.media_files.update(copied)
                texts = [html_to_text(with_mentions(v, copied, set(col.media))) for v in note.fields]
        if kind != "cloze" and empty:
            out.skipped.append(f"{deck_name}: {label!r}: its {' and '.join(empty)} "
                               f"{'is' if len(empty) == 1 else 'are'} empty once images and sounds are removed")
            continue
        homes = sorted({col.decks.get(c.deck_id, "Default") for c in cards})
        if len(homes) > 1:
            out.converted.append(f"{deck_name}: {label!r}: its cards are in {len(homes)} decks ({', '.join(homes)}); "
                                 f"all of them are in {deck_name!r} here")
        card_id = card_id_for_guid(note.guid)
        if note.guid in known:
            known_decks[deck_name].add(known[note.guid][0])
            card_id = known[note.guid][1]
        data = card_data(kind, note, notetype, texts)
        by_deck[deck_name].append(Card(id=card_id, type=kind, data={"id": card_id, "type": kind, **data}, line=0))
        for card in cards:
            item = item_id(kind, card_id, card.ord)
            if item is not None:
                deck_of_items[card.id] = (deck_name, item, f"{note.guid}:{card.ord}")
    if image_notes:
        out.skipped.append(f"{plural(image_notes, 'image occlusion note')}: left out (its cards are an image "
                           "with masks, which this tool cannot show)")
    for name, count in sorted(other_types.items()):
        out.converted.append(f"note type {name!r} ({plural(count, 'note')}): not a Basic, Basic (and reversed), "
                             "type-in or Cloze note type; imported as basic cards from its first two fields "
                             "(its other cards' history is left out)")
    for (name, fname), count in sorted(unused_fields.items()):
        out.converted.append(f"note type {name!r}: field {fname!r} left out ({plural(count, 'note')} fill it)")
    deck_ids = _deck_ids(by_deck, known_decks, out)
    _validated_decks(by_deck, deck_ids, out)
    valid = {(d.id, item.id) for d in out.decks for item in d.items()}
    _history(col, cards_of, deck_of_items, deck_ids, valid, whole_collection, out)
    return out


def _deck_ids(by_deck: dict[str, list[Card]], known_decks: dict[str, set[str]], out: PackageImport) -> dict[str, str]:
    ids: dict[str, str] = {}
    for name in by_deck:
        mine = known_decks.get(name, set())
        deck_id = next(iter(mine)) if len(mine) == 1 else deck_id_for_name(name)
        base, n = deck_id, 2
        while deck_id in ids.values():
            deck_id, n = f"{base}-{n}", n + 1
        if deck_id != base:
            out.converted.append(f"deck {name!r}: id {base!r} is taken by another deck; it is {deck_id!r}")
        ids[name] = deck_id
    return ids


def _validated_decks(by_deck: dict[str, list[Card]], deck_ids: dict[str, str], out: PackageImport) -> None:
    """Build each deck and keep only the cards a deck file accepts (each one left out is reported)."""
    for name, cards in by_deck.items():
        seen: set[str] = set()
        unique = []
        for card in cards:
            if card.id in seen:
                out.skipped.append(f"{name}: {short(str(card.data.get('prompt') or card.data.get('text')))!r}: "
                                   f"same GUID as another note; left out")
                continue
            seen.add(card.id)
            unique.append(card)
        deck = Deck(id=deck_ids[name], title=name, description="", cards=unique)
        _, problems = parse_deck(dump_deck(deck), f"{deck.id}.yaml")
        bad = {p.card_id for p in problems if p.card_id}
        for problem in problems:
            label = next((c for c in unique if c.id == problem.card_id), None)
            what = short(str(label.data.get("prompt") or label.data.get("text") or "")) if label else ""
            out.skipped.append(f"{name}: {what!r}: {problem.message}")
        if problems and not bad:  # pragma: no cover - a deck-level problem in what we built
            raise InteropError("internal error: the imported deck does not validate:\n"
                               + "\n".join(str(p) for p in problems))
        deck.cards = [c for c in unique if c.id not in bad]
        if deck.cards:
            out.decks.append(deck)


def _history(col: AnkiCollection, cards_of: dict[int, list[AnkiCard]], deck_of_items: dict[int, tuple[str, str, str]],
             deck_ids: dict[str, str], valid: set[tuple[str, str]], whole_collection: bool, out: PackageImport) -> None:
    by_card: dict[int, list[RevlogEntry]] = defaultdict(list)
    for entry in col.revlog:
        by_card[entry.card_id].append(entry)
    all_cards = {c.id: c for cs in cards_of.values() for c in cs}
    marked_notes = {n.id for n in col.notes if any(is_marked_tag(t) for t in n.tags)}
    orphans = sorted(cid for cid in by_card if cid not in all_cards)
    if orphans and not whole_collection:
        raise InteropError(f"the package's review log has {plural(sum(len(by_card[c]) for c in orphans), 'review')} "
                           f"of {plural(len(orphans), 'card')} the package does not hold (card id {orphans[0]}); "
                           "the package is damaged: export it again from Anki")
    left_out: Counter = Counter()
    if orphans:
        left_out["deleted"] = sum(len(by_card[c]) for c in orphans)
    partial = 0
    for cid, card in all_cards.items():
        target = deck_of_items.get(cid)
        key = (deck_ids.get(target[0], ""), target[1]) if target else None
        entries = by_card.get(cid, [])
        if key is None or key not in valid:
            left_out["no card"] += len(entries)
            continue
        if card.suspended:
            out.suspended.add(key)
        if card.buried:
            out.buried.add(key)
        if card.note_id in marked_notes:
            out.marked.add(key)
        kept, reasons = anki_filter(entries)
        left_out.update(reasons)
        reviews = [e for e, mode in kept if mode == "review"]
        if card.type != 0 and not reviews and (kept_state := state_of(card, col.crt)) is not None:
            out.kept[key] = kept_state
        elif reviews and reviews[0].kind != LEARNING:
            partial += 1
        for entry, mode in kept:
            out.reviews.append(LoggedReview(
                card_id=key[1], rating=entry.ease, time=datetime.fromtimestamp(entry.id / 1000, timezone.utc),
                duration_ms=max(0, entry.time_ms) if entry.time_ms is not None else None, deck=key[0],
                review_id=str(uuid.uuid5(REVIEW_NAMESPACE, f"anki-revlog:{target[2]}:{entry.id}")), mode=mode))
    out.reviews.sort(key=lambda r: (r.time, r.review_id))
    words = {
        "manual": "manual reschedules (set due date, forget, FSRS reschedule): not reviews, left out as Anki's FSRS does",
        "before reset": "reviews before the card was reset: left out as Anki's FSRS does",
        "before": "entries before the card's first graded review: left out",
        "no card": "reviews of cards not imported (see above): left out",
        "deleted": "reviews of cards deleted in Anki (the collection keeps them): left out",
    }
    for reason, count in left_out.items():
        if count:
            out.history.append(f"{plural(count, 'entry', 'entries')} of {words[reason]}")
    drills = sum(1 for r in out.reviews if r.mode == "drill")
    if drills:
        out.history.append(f"{plural(drills, 'answer')} in filtered decks that did not reschedule (cram): kept as "
                           "drill answers, which do not move the schedule")
    if partial:
        out.history.append(f"{plural(partial, 'card')} whose history in the package starts after it was learnt (no "
                           "learning step): replayed from its first review here, so its state may be less certain "
                           "than Anki's")
    if out.kept:
        sm2 = sum(1 for k in out.kept.values() if k.sm2)
        out.history.append(f"{plural(len(out.kept), 'card')} scheduled in Anki without a review history in the package: "
                           "due date, interval and FSRS memory state kept as Anki has them" + (
                               f" ({sm2} scheduled by SM-2, with no memory state: stability from the interval, "
                               "difficulty 5)" if sm2 else ""))
