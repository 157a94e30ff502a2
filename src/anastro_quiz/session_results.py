"""What a study session gives back: a grade's outcome, and the summary at its end."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .decks import StudyItem
from .scheduler import Rating
from .session_undo import UndoEntry


@dataclass
class GradeOutcome:
    item: StudyItem
    rating: Rating
    due: datetime | None
    review_id: str | None


@dataclass
class SessionSummary:
    reviewed: int  # reviews (grades) given; a learning card is often graded more than once
    seconds: float
    grades: dict[str, int]
    recall_rate: float | None  # share of reviews not graded Again
    again_items: list[StudyItem] = field(default_factory=list)
    cards: int = 0  # distinct cards graded


def summarize(history: list[UndoEntry], seconds: float) -> SessionSummary:
    """The summary of a session whose actions still standing are ``history`` (undone ones are
    gone from it), over ``seconds`` of study."""
    graded = [entry for entry in history if entry.action == "grade"]
    counts = {r: sum(entry.rating == r for entry in graded) for r in Rating}
    reviewed = len(graded)
    recalled = reviewed - counts[Rating.Again]
    missed = list({e.item.key: e.item for e in graded if e.rating == Rating.Again}.values())
    return SessionSummary(
        reviewed=reviewed,
        seconds=seconds,
        grades={r.name: counts[r] for r in Rating},
        recall_rate=(recalled / reviewed) if reviewed else None,
        again_items=missed,
        cards=len({e.item.key for e in graded}),
    )
