"""Curation: going through generated cards before they are studied; keep, reject or edit.

Where each decision lives, and why there:

- **Kept** cards are rows in the database (``kept_cards``, one per study item), beside the
  schedules: keeping is part of one person's study, and rows keyed by (deck, card id)
  follow a card through regeneration, which keeps the id of an unchanged question.
- **Rejected** cards are taken out of their deck file and listed in ``.rejected.yaml`` in
  the deck's folder (the ``generate -o`` folder), so that ``generate ... -o DIR --force``
  can leave them out (:func:`drop_rejected`) without a database. An entry matches a
  regenerated card by id or by the same question text.
- **Before they enter study**: with the setting "hold new cards until kept" on (per deck or
  for all decks; off by default, so every deck is studyable as it comes), a never-studied
  card is introduced only once it is kept.

The candidates are the cards with a study item that has never been studied, is not
suspended and is not kept yet; best first when the generator scored them (``score``),
else in deck order.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .deck_edit import EditError, check_writable, removed_text, write_atomic
from .decks import Card, Deck, StudyItem
from .errors import UserError

REJECTED_FILE = ".rejected.yaml"
_HEADER = ("# Cards rejected in anastro-quiz's curation view (New from generator).\n"
           "# `anastro-quiz generate ... -o` this folder leaves them out (same id or same question).\n"
           "# Delete an entry to let that card come back.\n")


@dataclass
class Candidate:
    """One card to curate, with what the curation view shows of it."""

    deck: Deck
    card: Card
    items: list[StudyItem]  # as the student will see it (a cloze card: one per blank)
    score: float | None

    @property
    def key(self) -> tuple[str, str]:
        return (self.deck.id, self.card.id)

    @property
    def page(self) -> int | None:
        """The page of a paged source (PDF) the card's quote is on."""
        return self.card.source.page if self.card.source is not None else None


def question_of(card: Card | dict[str, Any]) -> str:
    """The text that asks: a card's prompt, statement or cloze text."""
    data = card.data if isinstance(card, Card) else card
    return str(data.get("prompt") or data.get("statement") or data.get("text") or "")


def _same_question(text: str) -> str:
    return " ".join(text.casefold().split())


def _score(card: Card) -> float | None:
    value = card.data.get("score")
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def candidates(collection, deck_ids: list[str] | None = None) -> list[Candidate]:
    """The cards not curated yet (of ``deck_ids`` only, if given): best score first; cards
    without a score after, in deck order."""
    decks = [d for d in collection.decks if deck_ids is None or d in deck_ids]
    if not decks:
        return []
    waiting = collection.store.unseen_keys(decks) - collection.store.kept_keys(decks)
    out = []
    for deck in (collection.decks[d] for d in decks):
        for card in deck.cards:
            items = [collection.items[(deck.id, i.id)] for i in card.items(deck.id)
                     if (deck.id, i.id) in collection.items]
            if any(i.key in waiting for i in items):
                out.append(Candidate(deck, card, items, _score(card)))
    # sorted() is stable: equal scores (and every unscored card) keep deck order.
    return sorted(out, key=lambda c: (c.score is None, -(c.score or 0.0)))


def keep(collection, deck_id: str, card_id: str) -> None:
    """Keep a card: every study item of it may now be introduced."""
    deck = collection.decks[deck_id]
    card = next(c for c in deck.cards if c.id == card_id)
    collection.store.mark_kept([(deck_id, i.id) for i in card.items(deck_id)], collection.now())


def reject(collection, deck_id: str, card_id: str) -> bool:
    """Take a card out of its deck file and remember it in the folder's ``.rejected.yaml``.

    Returns True if the deck file was deleted (it was the deck's last card; the deck is
    then no longer loaded). Raises :class:`~anastro_quiz.deck_edit.EditError` (nothing
    written) if the deck cannot be changed.
    """
    deck = collection.decks[deck_id]
    if deck.path is None:
        raise EditError([f"deck {deck_id!r} has no file"])
    path = deck.path
    card = next(c for c in deck.cards if c.id == card_id)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise EditError([f"cannot read {path}: {exc.strerror}"]) from None
    new_text = removed_text(text, card_id, str(path))
    sidecar = path.parent / REJECTED_FILE
    check_writable(path)
    check_writable(sidecar)
    before = sidecar.read_text(encoding="utf-8") if sidecar.exists() else None
    write_atomic(sidecar, _with_entry(before, deck_id, card))
    try:
        if new_text is None:
            path.unlink()
        else:
            write_atomic(path, new_text)
    except BaseException:  # the deck kept its card: forget the rejection too
        if before is None:
            sidecar.unlink(missing_ok=True)
        else:
            write_atomic(sidecar, before)
        raise
    collection.reload_deck(deck_id)
    return new_text is None


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 100
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml


def _with_entry(text: str | None, deck_id: str, card: Card) -> str:
    yaml = _yaml()
    doc = yaml.load(text) if text and text.strip() else None
    if not isinstance(doc, CommentedMap):
        doc = yaml.load(_HEADER + "rejected: []\n")
    if not isinstance(doc.get("rejected"), list):
        doc["rejected"] = CommentedSeq()
    if len(doc["rejected"]) == 0:
        doc["rejected"] = CommentedSeq()  # block style from the first entry on
    entry = CommentedMap()
    entry["deck"] = deck_id
    entry["id"] = card.id
    entry["question"] = question_of(card)
    entry["rejected"] = date.today().isoformat()
    doc["rejected"].append(entry)
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def load_rejected(folder: str | Path) -> list[dict[str, str]]:
    """The entries of ``folder/.rejected.yaml`` (none if there is no such file).

    Raises ``ValueError`` with a user-facing message if the file is not readable YAML of
    the expected shape.
    """
    path = Path(folder) / REJECTED_FILE
    if not path.exists():
        return []
    import yaml

    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: cannot read the list of rejected cards ({exc}); fix or delete it") from None
    entries = doc.get("rejected") if isinstance(doc, dict) else None
    if doc is not None and not isinstance(entries, list):
        raise ValueError(f"{path}: expected 'rejected:' followed by a list of cards; fix or delete it")
    return [{k: str(v) for k, v in e.items()} for e in entries or [] if isinstance(e, dict)]


def drop_rejected(decks: list[Deck], folder: str | Path) -> int:
    """Take the cards listed in ``folder/.rejected.yaml`` out of freshly generated ``decks``
    (in place; a deck left empty is removed from the list). Returns how many were dropped.

    A card is left out if its id or its question text (case and spacing aside) is listed.
    A broken list raises :class:`~anastro_quiz.errors.UserError` (the command exits 2).
    """
    try:
        entries = load_rejected(folder)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    ids = {e["id"] for e in entries if e.get("id")}
    questions = {_same_question(e["question"]) for e in entries if e.get("question")}
    dropped = 0
    for deck in decks:
        kept = [c for c in deck.cards if c.id not in ids and _same_question(question_of(c)) not in questions]
        dropped += len(deck.cards) - len(kept)
        deck.cards = kept
    decks[:] = [d for d in decks if d.cards]
    return dropped
