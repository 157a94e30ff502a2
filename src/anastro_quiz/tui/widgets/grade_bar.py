"""The four grade buttons, each labelled with its key and the interval it would give."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

from ...scheduler import Rating

LABELS = {Rating.Again: "Again", Rating.Hard: "Hard", Rating.Good: "Good", Rating.Easy: "Easy"}
VARIANTS = {Rating.Again: "error", Rating.Hard: "warning", Rating.Good: "success", Rating.Easy: "primary"}


class GradeBar(Horizontal):
    """Clicking a button grades like its key; buttons never take focus so keys keep working."""

    def compose(self) -> ComposeResult:
        for rating in Rating:
            button = Button(self._label(rating, ""), id=f"grade-{int(rating)}", variant="default",
                            classes="grade", compact=True)
            button.can_focus = False
            yield button

    @staticmethod
    def _label(rating: Rating, interval: str) -> str:
        return f"{int(rating)} {LABELS[rating]}" + (f" · {interval}" if interval else "")

    def show(self, preview: dict[Rating, str], suggested: Rating | None = None) -> None:
        """Put the intervals on the labels and mark the proposed grade (typed answers)."""
        for rating in Rating:
            button = self.query_one(f"#grade-{int(rating)}", Button)
            button.label = self._label(rating, preview.get(rating, ""))
            button.variant = VARIANTS[rating] if suggested in (None, rating) else "default"
            button.set_class(rating == suggested, "suggested")
