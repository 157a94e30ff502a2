"""The cards due per study day as a computation changes them: what load balancing reads.

:class:`LiveLoad` is a ``DueLoad`` (see :mod:`anastro_quiz.scheduler`): called with a first
and last study day, it gives the cards due on each, read from the store
(``Store.due_counts``, every deck) once per day and then moved with each card the caller
moves. Rescheduling uses it to count the schedule as it leaves it; the exam planner, to
give its simulated study the load a real session would see.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from .clock import study_day

if TYPE_CHECKING:
    from .store import Store


class LiveLoad:
    def __init__(self, store: "Store"):
        self.store = store
        self.read: dict[date, int] = {}
        self.moves: Counter = Counter()

    def __call__(self, first: date, last: date) -> dict[date, int]:
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        missing = [d for d in days if d not in self.read]
        if missing:
            counts = self.store.due_counts(missing[0], missing[-1])
            for i in range((missing[-1] - missing[0]).days + 1):
                day = missing[0] + timedelta(days=i)
                self.read.setdefault(day, counts.get(day, 0))
        return {d: self.read[d] + self.moves[d] for d in days}

    def copy(self) -> "LiveLoad":
        other = LiveLoad(self.store)
        other.read, other.moves = self.read, Counter(self.moves)  # what was read is shared: it does not change
        return other

    def leave(self, due: datetime | None) -> None:
        """A card counted at ``due`` (``None``: not counted, e.g. new) is no longer there."""
        if due is not None:
            self.moves[study_day(due)] -= 1

    def arrive(self, due: datetime | None) -> None:
        if due is not None:
            self.moves[study_day(due)] += 1

    def move(self, old: datetime | None, new: datetime | None) -> None:
        self.leave(old)
        self.arrive(new)
