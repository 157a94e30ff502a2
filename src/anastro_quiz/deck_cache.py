"""A cache of parsed deck files (marshal: plain data only, no code), keyed by path, size and mtime.

PyYAML needs about 80 µs per card, so a 10,000-card collection would spend most of
its start-up parsing YAML that has not changed since the last run. Only decks that
loaded cleanly are cached; any problem reading the cache falls back to parsing.

An entry holds a small header (the deck's title, sources, and the digest of its study
items, see :meth:`Deck.digest`), then an index of the cards (card id -> where its bytes
are) and the cards, each marshalled on its own. Reading a deck reads only the header: its
cards are unmarshalled when something asks for them (:class:`CachedDeck`), all of them
for a view of the whole deck, or one by one through the index for a study session, which
shows a few hundred cards of a deck of thousands. So opening an unchanged collection
touches no card, and a session reads only the cards it queues.
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
# 6: the header names the cards with sibling items; 7: an index, and each card on its own
FORMAT = 7

# Cards of a deck read one by one (a file seek each) before the rest are read at once: a
# day's session takes a few hundred cards of a deck at most; a view of the whole deck
# (browsing) takes them all.
SINGLE_READS = 256


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


def holds(path: Path) -> bool:
    """Whether the cache has an entry for the deck file at ``path`` as it is now (reading the
    deck then parses nothing)."""
    try:
        entry = _entry(path)
    except OSError:
        return False
    return entry is not None and entry.is_file()


class EntryUnreadable(Exception):
    """A cache entry could not be read any more (removed or damaged after its header was)."""


class CachedDeck(Deck):
    """A deck read from the cache: its title, sources and digest now, its cards on first use."""

    def __init__(self, header: dict[str, Any], path: Path, load_cards: Callable[[], list[Card]],
                 load_card: Callable[[str], Card | None]):
        self.id = header["id"]
        self.title = header["title"]
        self.description = header["description"]
        self.sources = header["sources"]
        self.path = path
        self._digest: str = header["digest"]
        self._siblings = frozenset(header["siblings"])
        self._cards: list[Card] | None = None
        self._load_cards = load_cards
        self._load_card = load_card
        self._read: dict[str, Card | None] = {}  # cards read one by one, before all of them

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
        self._read = {}
        self._digest = ""  # changed in memory: computed again when asked

    @property
    def cards_read(self) -> int:
        """How many cards were read from the entry one by one (before all of them, if ever)."""
        return len(self._read)

    def card(self, card_id: str) -> Card | None:
        if self._cards is not None:
            return super().card(card_id)
        if card_id not in self._read and len(self._read) >= SINGLE_READS:
            return super().card(card_id)  # a view of much of the deck: one read of every card is cheaper
        if card_id not in self._read:
            try:
                self._read[card_id] = self._load_card(card_id)
            except EntryUnreadable:  # gone or damaged since: every card, parsed again if need be
                return super().card(card_id)
        return self._read[card_id]

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
                or not isinstance(header.get("siblings"), list) or not isinstance(header.get("index_bytes"), int):
            return None
    except (OSError, ValueError, EOFError, TypeError):
        return None  # a damaged or unreadable cache only costs a re-parse
    start = offset + header["index_bytes"]  # where the cards begin, after the index
    index: dict[str, tuple[int, int]] = {}  # card id -> (start, length) in the entry, read on first use

    def card_from(row: list) -> Card:
        card_id, card_type, data, line, content_hash = row
        return Card(id=card_id, type=card_type, data=data, line=line, known_hash=content_hash)

    def load_cards() -> list[Card]:
        try:
            with gc_paused(freeze=True):
                raw = memoryview(entry.read_bytes())
                spans = marshal.loads(raw[offset:start])
                return [card_from(marshal.loads(raw[start + at:start + at + length]))
                        for at, length in spans.values()]
        except (OSError, ValueError, EOFError, TypeError):
            return parse(path).cards

    def load_card(card_id: str) -> Card | None:
        try:
            with entry.open("rb") as fh:
                if not index:
                    fh.seek(offset)
                    spans = marshal.loads(fh.read(start - offset))  # small: an id and two numbers a card
                    index.update((key, (start + at, length)) for key, (at, length) in spans.items())
                if card_id not in index:
                    return None
                at, length = index[card_id]
                fh.seek(at)
                return card_from(marshal.loads(fh.read(length)))
        except (OSError, ValueError, EOFError, TypeError) as exc:
            raise EntryUnreadable(str(entry)) from exc

    return CachedDeck(header, path, load_cards, load_card)


def write(deck: Deck) -> None:
    """Store a clean parse of ``deck.path`` (atomically; failures are ignored: the cache is optional)."""
    assert deck.path is not None
    try:
        entry = _entry(deck.path)
        if entry is None:
            return
        header = {"id": deck.id, "title": deck.title, "description": deck.description, "sources": deck.sources,
                  "digest": deck.digest(), "siblings": sorted(deck.sibling_cards())}
        blobs = {c.id: marshal.dumps([c.id, c.type, c.data, c.line, c.content_hash()]) for c in deck.cards}
        spans, at = {}, 0
        for card_id, blob in blobs.items():
            spans[card_id] = (at, len(blob))
            at += len(blob)
        index = marshal.dumps(spans)
        header["index_bytes"] = len(index)
        out = io.BytesIO()
        marshal.dump(header, out)
        out.write(index)
        out.write(b"".join(blobs.values()))
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(entry, out.getvalue())
    except (OSError, ValueError):  # ValueError: a value marshal cannot store (e.g. a YAML date)
        pass
