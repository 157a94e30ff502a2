"""A preview of another day: ``--today`` without ``--write-future``. The app then works on a
copy of the progress database that is deleted when it quits.

Studying is what a preview is for: its grades (and a session's undo and bury) are a trial,
as the launch notice says. Every other change would be lost without a word when the app
quits (saved settings, an exam plan, a merged copy, suspended or marked cards) or would be
kept only in part (an edit or a generated deck is written to its deck file, but its kept
marks and schedule live in the copy). So each of them refuses before any work is done,
with a message naming how to make it for real. Mixed into :class:`~.app.StudyApp`.
"""

from __future__ import annotations


def refusal(day: str, what: str) -> str:
    """Why ``what`` (a verb phrase: "save settings") is refused in a preview of ``day``, and what to do."""
    return (f"You are previewing {day} on a copy of your progress, deleted when the app quits, so you "
            f"cannot {what} here. To {what}, quit and open the app without --today (or add --write-future, "
            f"which also keeps the reviews you make, dated {day}).")


class PreviewGuard:
    """``preview_day`` (None: not a preview) and ``refused_in_preview``."""

    #: The day a preview shows (``--today`` without ``--write-future``); None: changes are kept.
    preview_day: str | None = None

    def refused_in_preview(self, what: str) -> bool:
        """In a preview: say that ``what`` cannot be done here, and return True (the caller stops)."""
        if self.preview_day is None:
            return False
        self.notify(refusal(self.preview_day, what), title="Not kept in a preview", severity="warning",
                    timeout=12, markup=False)
        return True
