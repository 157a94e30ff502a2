"""What a study session takes today: learning cards, due reviews and new cards within the
daily limits, siblings apart (``siblings``), and how reviews and new cards interleave.
The session builds its queue from it and Home counts with it, so the two always agree."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from .clock import study_day
from .decks import StudyItem
from .settings import DailyLimits
from .siblings import SiblingRules, keep_apart
from .store import REVIEW, ScheduleRow, Store

if TYPE_CHECKING:
    from .scheduler import Scheduler

LEARN_AHEAD = timedelta(minutes=20)


@runtime_checkable
class StudyCollection(Protocol):
    """What a session (and what it takes today) needs from its collection:
    :class:`~anastro_quiz.collection.Collection`, which starts sessions, so the session
    names its needs here instead of importing it."""

    store: Store
    items: dict[tuple[str, str], StudyItem]

    def now(self) -> datetime: ...

    def limits(self, deck_id: str | None = None) -> DailyLimits: ...

    def study_limits(self, deck_id: str) -> DailyLimits: ...

    def scheduler(self, deck_id: str | None = None) -> Scheduler: ...

    def holds_uncurated(self, deck_id: str | None = None) -> bool: ...

    def siblings(self, deck_id: str | None = None) -> SiblingRules: ...

    def restore_deck_text(self, deck_id: str, before: str, after: str) -> dict[tuple[str, str], StudyItem]: ...


def offered_today(collection: StudyCollection, deck_id: str, now: datetime,
                  done: dict[str, tuple[int, int]], new_cards: bool = True, learning: bool = True,
                  ) -> tuple[list[ScheduleRow], list[ScheduleRow]]:
    """What a session over ``deck_id`` takes now besides its learning cards (``done``: today's
    counts, ``store.done_today``): due reviews (oldest first) and new cards (deck order)
    within the daily limits, siblings of cards studied today or in learning left for another
    day (siblings.py). Home's counts are their lengths, asked with ``learning=False`` (no
    learning cards read: every one of them studied today already keeps its siblings out, so
    only a learning card from an earlier day is missed). A deck without sibling items (no
    reverse or cloze card) has nothing to keep apart, so neither today's reviews nor its
    learning cards are read."""
    store = collection.store
    room_new, room = collection.study_limits(deck_id).room_today(*done.get(deck_id, (0, 0)))
    ahead = now + LEARN_AHEAD
    # Ask for more than the limits allow, so the siblings left out make room for others.
    due = store.due_rows([deck_id], ahead, room * 2 + 20, states=(REVIEW,), due_by=now) if room else []
    fresh = store.new_rows([deck_id], now, room_new * 4 + 20, kept_only=collection.holds_uncurated(deck_id)) \
        if new_cards and room_new else []
    sibling_cards = getattr(collection.items, "sibling_cards", None)
    if not (due or fresh) or sibling_cards is not None and not sibling_cards(deck_id):
        return due[:room], fresh[:room_new]

    def card_of(key: tuple[str, str]) -> tuple[str, str] | None:
        if "." not in key[1]:  # a card's only item or its first: the card's own id (most cards)
            return key
        if hasattr(collection.items, "card_of"):  # without reading the deck's cards (Home's counts)
            return collection.items.card_of(key)
        item = collection.items.get(key)
        return (item.deck_id, item.card_id) if item is not None else None

    taken = {card_of(key) for key in store.reviewed_on(study_day(now), [deck_id])}
    if learning:
        taken |= {card_of((deck, card_id)) for _due, deck, card_id, _mark in store.learning_due([deck_id], ahead, now)}
    due, fresh = keep_apart(due, fresh, taken, collection.siblings(deck_id), lambda r: card_of((r.deck, r.card_id)))
    return due[:room], fresh[:room_new]


def interleave(reviews: list, new: list) -> list:
    """Spread new cards evenly between due reviews (a stable merge by relative position)."""
    keyed = [((i + 0.5) / len(reviews), 0, r) for i, r in enumerate(reviews)]
    keyed += [((j + 1) / (len(new) + 1), 1, n) for j, n in enumerate(new)]
    return [entry for _pos, _kind, entry in sorted(keyed, key=lambda t: (t[0], t[1]))]
