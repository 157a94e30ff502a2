"""Siblings apart: the study items of one card (a reverse card's two sides, a cloze's
deletions) are not shown the same day, as Anki buries siblings.

A card's items are *siblings*. When one of them is studied today (or is in learning), the
others wait for another day: a new one if ``bury_new`` is on, a due review if
``bury_reviews`` is on (both on by default, per deck). A session applies this when it
builds its queue (:func:`keep_apart`) and when a card is graded (its queued siblings leave).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, TypeVar

Row = TypeVar("Row")


@dataclass(frozen=True)
class SiblingRules:
    """Which siblings of a card studied today wait for another day (a deck setting)."""

    bury_new: bool = True
    bury_reviews: bool = True

    def to_dict(self) -> dict[str, bool]:
        return {"bury_new": self.bury_new, "bury_reviews": self.bury_reviews}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "SiblingRules":
        return cls(**{k: bool(v) for k, v in data.items() if k in cls.__dataclass_fields__})

    def applies(self, kind: str) -> bool:
        """Whether a queued sibling of kind ``kind`` ("new" or "review") waits."""
        return self.bury_new if kind == "new" else self.bury_reviews


def keep_apart(reviews: Iterable[Row], new: Iterable[Row], taken: set[Any], rules: SiblingRules,
               card_of: Callable[[Row], Any]) -> tuple[list[Row], list[Row]]:
    """The due reviews and new cards a queue may take, in their order: at most one item per
    card (``card_of``), none of a card in ``taken`` (studied today, or in learning), for the
    kinds ``rules`` bury. Reviews come first, as in Anki. ``taken`` grows with what is kept."""
    out: tuple[list[Row], list[Row]] = ([], [])
    for kind, rows, kept in (("review", reviews, out[0]), ("new", new, out[1])):
        for row in rows:
            card = card_of(row)
            if card in taken and rules.applies(kind):
                continue
            taken.add(card)
            kept.append(row)
    return out
