"""What a study session can take back: one entry per grade, bury, suspend, mark or edit on its
undo stack (:class:`UndoEntry`), and what an undo took back (:class:`Undone`). No UI."""

from __future__ import annotations

from dataclasses import dataclass, field

from .decks import StudyItem
from .scheduler import Rating


@dataclass
class UndoEntry:
    """One action the session can take back: a grade, a bury, a suspend, a mark or an edit."""

    item: StudyItem
    review_id: str | None
    rating: Rating | None
    was_learning_entry: bool
    drill_requeued: bool = False
    kind_before: str | None = None
    action: str = "grade"  # "grade", "bury", "suspend", "mark" or "edit"
    marked_before: bool = False  # mark: whether the card was marked before the * that toggled it
    buried_before: str | None = None  # bury: the card's buried_until before it
    siblings: list[StudyItem] = field(default_factory=list)  # grade: queued siblings it sent away
    deck_text: tuple[str, str] | None = None  # edit: the deck file's text before and after it


@dataclass(frozen=True)
class Undone:
    """What :meth:`StudySession.undo` took back, to tell the learner."""

    item: StudyItem
    action: str  # "grade", "bury", "suspend", "mark", "unmark" or "edit"
    rating: Rating | None = None

    def describe(self) -> str:
        """``'grade Good'``, ``'bury'``, ``'suspend'``, ``'mark'`` or ``'unmark'``."""
        return f"grade {self.rating.name}" if self.action == "grade" and self.rating else self.action

