"""The loaded decks' study items by key, built only for the cards something asks about.

Expanding 100,000 cards into study items took 1.5 s at every launch, though Home shows
none of them. :class:`ItemIndex` is a read-only mapping ``(deck id, item id) -> StudyItem``
that expands a card the first time one of its items is looked up (a deck read from the
cache unmarshals that card alone). Iterating it expands everything, so only
whole-collection views (a quiz over every deck, the tag list) pay for every card.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from .deck_model import Deck, StudyItem


_DELETION = re.compile(r"c\d+")


class ItemIndex(Mapping[tuple[str, str], StudyItem]):
    """Study items of ``decks`` (the collection's own dict, so reloaded decks are seen)."""

    def __init__(self, decks: dict[str, Deck]):
        self._decks = decks
        self._items: dict[tuple[str, str], StudyItem] = {}
        self._siblings: dict[str, frozenset[str]] = {}  # deck id -> its cards with sibling items
        self._complete: dict[str, dict[tuple[str, str], StudyItem]] = {}  # decks expanded whole

    def __getitem__(self, key: tuple[str, str]) -> StudyItem:
        item = self._items.get(key)
        if item is not None:
            return item
        deck_id, item_id = key
        if deck_id not in self._decks or deck_id in self._complete:
            raise KeyError(key)
        deck = self._decks[deck_id]
        # An item id is its card's id, or the card's id with a suffix (".c2", ".reverse"); a
        # deck from the cache reads just that card.
        card = deck.card(item_id) or (deck.card(item_id.rpartition(".")[0]) if "." in item_id else None)
        if card is not None:
            for fresh in card.items(deck_id):
                self._items[fresh.key] = fresh
        if key not in self._items:
            raise KeyError(key)
        return self._items[key]

    def card_of(self, key: tuple[str, str]) -> tuple[str, str] | None:
        """``(deck id, card id)`` of the card study item ``key`` comes from, read from the
        item id (``card``, ``card.c2``, ``card.reverse``) and the deck's list of cards with
        sibling items, so no card is read; ``None`` for a deck not loaded."""
        deck_id, item_id = key
        deck = self._decks.get(deck_id)
        if deck is None:
            return None
        card, _dot, suffix = item_id.rpartition(".")
        if card and (suffix == "reverse" or _DELETION.fullmatch(suffix)) and card in self.sibling_cards(deck_id):
            return (deck_id, card)
        return (deck_id, item_id)

    def sibling_cards(self, deck_id: str) -> frozenset[str]:
        """Ids of deck ``deck_id``'s cards with more than one study item (read from the deck
        cache's header: no card is read); empty for a deck not loaded."""
        if deck_id not in self._decks:
            return frozenset()
        found = self._siblings.get(deck_id)
        if found is None:
            found = self._siblings[deck_id] = self._decks[deck_id].sibling_cards()
        return found

    def deck_items(self, deck_id: str) -> dict[tuple[str, str], StudyItem]:
        """Every study item of one deck, in deck order (an item already handed out is reused)."""
        if deck_id not in self._decks:
            return {}
        out = self._complete.get(deck_id)
        if out is None:
            out = {}
            for card in self._decks[deck_id].cards:
                for item in card.items(deck_id):
                    out[item.key] = self._items.setdefault(item.key, item)
            self._complete[deck_id] = out
        return out

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for deck_id in list(self._decks):
            yield from self.deck_items(deck_id)

    def __len__(self) -> int:
        return sum(len(self.deck_items(deck_id)) for deck_id in list(self._decks))

    def forget_deck(self, deck_id: str) -> None:
        """Deck ``deck_id`` was reloaded or dropped: its items are built again when asked for."""
        self._siblings.pop(deck_id, None)
        self._complete.pop(deck_id, None)
        for key in [k for k in self._items if k[0] == deck_id]:
            del self._items[key]
