"""A cache of parsed deck files (marshal: plain data only, no code), keyed by path, size and mtime.

PyYAML needs about 80 µs per card, so a 10,000-card collection would spend most of
its start-up parsing YAML that has not changed since the last run. Only decks that
loaded cleanly are cached; any problem reading the cache falls back to parsing.

An entry holds two marshal values one after the other: a small header (the deck's
title, sources, and the digest of its study items, see :meth:`Deck.digest`) and then
the cards. Reading a deck reads only the header: its cards are unmarshalled the first
time something asks for them (:class:`CachedDeck`), so opening an unchanged collection
touches no card.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import sys
from pathlib import Path
from typing import Any, Callable

from . import __version__
from .bulk import gc_paused
from .deck_model import Card, Deck
from .files import write_bytes_atomically
from .paths import deck_cache_dir

# 2: each card carries its content hash; 3, 4: decks checked against hostile content (issue 13);
# 5: a header with the deck's digest before the cards, which load on first use (issue 14);
# 6: the header names the cards with sibling items
FORMAT = 6


def cache_dir() -> Path | None:
    """Where the cache is (``paths.deck_cache_dir``: ``$ANASTRO_QUIZ_CACHE``), or None: off."""
    return deck_cache_dir()


def _entry(path: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    stat = path.stat()
    # marshal's format follows the Python version, so it is part of the key.
    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{FORMAT}|{__version__}|{sys.version}"
    return folder / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".marshal")


class CachedDeck(Deck):
    """A deck read from the cache: its title, sources and digest now, its cards on first use."""

    def __init__(self, header: dict[str, Any], path: Path, load_cards: Callable[[], list[Card]]):
        self.id = header["id"]
        self.title = header["title"]
        self.description = header["description"]
        self.sources = header["sources"]
        self.path = path
        self._digest: str = header["digest"]
        self._siblings = frozenset(header["siblings"])
        self._cards: list[Card] | None = None
        self._load_cards = load_cards

    @property
    def cards_loaded(self) -> bool:
        """Whether the cards were read from the entry yet."""
        return self._cards is not None

    @property  # type: ignore[override]
    def cards(self) -> list[Card]:
        if self._cards is None:
            self._cards = self._load_cards()
        return self._cards

    @cards.setter
    def cards(self, value: list[Card]) -> None:
        self._cards = value
        self._digest = ""  # changed in memory: computed again when asked

    def digest(self) -> str:
        if not self._digest:
            self._digest = super().digest()
        return self._digest

    def known_digest(self) -> str | None:
        return self._digest or None

    def sibling_cards(self) -> frozenset[str]:
        return self._siblings if self._cards is None else super().sibling_cards()


def read(path: Path, parse: Callable[[Path], Deck]) -> Deck | None:
    """The cached deck at ``path`` if the file is unchanged since it was cached, else ``None``.

    ``parse`` reads the file itself: it is the fallback if the cards cannot be read from
    the entry later (the cache was cleared or damaged in the meantime).
    """
    try:
        entry = _entry(path)
        if entry is None or not entry.is_file():
            return None
        with entry.open("rb") as fh:
            header = marshal.load(fh)
            offset = fh.tell()
        if not isinstance(header, dict) or not isinstance(header.get("digest"), str) \
                or not isinstance(header.get("siblings"), list):
            return None
    except (OSError, ValueError, EOFError, TypeError):
        return None  # a damaged or unreadable cache only costs a re-parse

    def load_cards() -> list[Card]:
        try:
            with entry.open("rb") as fh, gc_paused(freeze=True):
                fh.seek(offset)
                rows = marshal.loads(fh.read())  # marshal.load(fh) reads value by value: 10x slower
                return [Card(id=i, type=t, data=d, line=line, known_hash=h) for i, t, d, line, h in rows]
        except (OSError, ValueError, EOFError, TypeError):
            return parse(path).cards

    return CachedDeck(header, path, load_cards)


def write(deck: Deck) -> None:
    """Store a clean parse of ``deck.path`` (atomically; failures are ignored: the cache is optional)."""
    assert deck.path is not None
    try:
        entry = _entry(deck.path)
        if entry is None:
            return
        header = {"id": deck.id, "title": deck.title, "description": deck.description, "sources": deck.sources,
                  "digest": deck.digest(), "siblings": sorted(deck.sibling_cards())}
        cards = [[c.id, c.type, c.data, c.line, c.content_hash()] for c in deck.cards]
        out = io.BytesIO()
        marshal.dump(header, out)
        marshal.dump(cards, out)
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(entry, out.getvalue())
    except (OSError, ValueError):  # ValueError: a value marshal cannot store (e.g. a YAML date)
        pass
