"""The study session's queue lines: lists of queued cards that count themselves by kind as
they change (:class:`Line`), and the card-kind table that tells them of a new kind
(:class:`Kinds`), so a session's remaining counts (:class:`Remaining`) cost the same whatever
its length. No UI."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Iterable, SupportsIndex

from .decks import StudyItem


@dataclass(frozen=True)
class Remaining:
    """Cards left in a session, by kind, the one on screen included."""

    new: int = 0
    learning: int = 0
    review: int = 0

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review


class Line(list):
    """A list of queued entries that keeps ``counts``, its entries by kind, as it changes
    (and as a card's kind changes: :meth:`rekind`)."""

    def __init__(self, entries: list, key_of: Callable[[Any], tuple[str, str]], kinds: dict[tuple[str, str], str]):
        super().__init__(entries)
        self.key_of = key_of
        self.kinds = kinds
        self.members: Counter[tuple[str, str]] = Counter(map(key_of, self))
        self.counts: Counter[str] = Counter(kinds.get(key, "review") for key in map(key_of, self))

    def _count(self, entry: Any, step: int) -> None:
        key = self.key_of(entry)
        self.members[key] += step
        self.counts[self.kinds.get(key, "review")] += step

    def rekind(self, key: tuple[str, str], old: str, new: str) -> None:
        """Card ``key`` changes from kind ``old`` to ``new``: move its entries' counts."""
        if self.members[key]:
            self.counts[old] -= self.members[key]
            self.counts[new] += self.members[key]

    def append(self, entry: Any) -> None:
        super().append(entry)
        self._count(entry, 1)

    def insert(self, index: SupportsIndex, entry: Any) -> None:
        super().insert(index, entry)
        self._count(entry, 1)

    def pop(self, index: SupportsIndex = -1) -> Any:
        entry = super().pop(index)
        self._count(entry, -1)
        return entry

    def __delitem__(self, index: SupportsIndex | slice) -> None:
        gone = self[index] if isinstance(index, slice) else [self[index]]
        super().__delitem__(index)
        for entry in gone:
            self._count(entry, -1)

    def extend(self, entries: Iterable[Any]) -> None:
        for entry in entries:
            self.append(entry)

    def remove(self, entry: Any) -> None:
        del self[self.index(entry)]


class Kinds(dict):
    """Card key -> its kind in this session ("new", "learning", "review"); tells ``changed``
    of every change, so the queue's counts follow."""

    def __init__(self, changed: Callable[[tuple[str, str], str, str], None]):
        super().__init__()
        self.changed = changed

    def __setitem__(self, key: tuple[str, str], kind: str) -> None:
        old = self.get(key, "review")
        super().__setitem__(key, kind)
        if old != kind:
            self.changed(key, old, kind)

    def preset(self, keys: Iterable[tuple[str, str]], kind: str) -> None:
        """Cards ``keys`` are of ``kind``, told to no line: for cards in no line yet (a queue
        being built), which count themselves as they join one."""
        dict.update(self, dict.fromkeys(keys, kind))

    def update(self, other: Any = (), **more: str) -> None:
        for key, kind in dict(other, **more).items():
            self[key] = kind


def key_of_item(item: StudyItem) -> tuple[str, str]:
    return item.key


def key_of_learning(pair: tuple[datetime, tuple[str, str]]) -> tuple[str, str]:
    return pair[1]


def due_of(pair: tuple[datetime, tuple[str, str]]) -> datetime:
    return pair[0]
