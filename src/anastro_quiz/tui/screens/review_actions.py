"""Review's actions on the card on screen: undo (``u``), mark (``*``), bury and suspend. Each
runs in the session's one worker (:meth:`~.review_session.SessionLane.change_session`) and the
screen draws the card it leaves. Mixed into :class:`~.review.ReviewScreen`, whose ``busy``,
``shown``, ``can_undo`` and ``draw_meta`` it uses."""

from __future__ import annotations

from typing import Any, Callable

from ...session import StudySession
from .review_extras import UNDO_KEY, Shown, snapshot, undo_key_in, undone_note


class CardActions:
    """Undo, mark, bury and suspend the card on screen."""

    def _card_action(self, name: str, run: Callable[[StudySession], Any], note) -> None:
        """Run a session action in the session's worker, then draw the card it leaves on
        screen; ``note`` (text, or made from what ``run`` returned) is shown as a toast."""
        if self.busy:
            return
        self.busy = True

        def job(session: StudySession) -> Shown:
            changed = run(session)
            text = "" if changed is None else note(changed) if callable(note) else note
            return snapshot(session, text)

        self.change_session(name, job)

    def action_undo(self) -> None:
        if not self.can_undo:
            self.notify("Nothing to undo.", timeout=2)
            return
        if self.shown is not None and self.shown.undo_action == "mark":
            self.change_session("undo mark", lambda session: snapshot(session, undone_note(session.undo())),
                                mark=True)
            return
        self._card_action("undo", lambda session: session.undo(), undone_note)

    def action_mark(self) -> None:
        """``*``: mark or unmark the card on screen; it stays as it is (revealed or not)."""
        if self.busy or self.shown is None or self.shown.item is None or self.app.refused_in_preview("mark cards"):
            return
        self.busy = True

        def mark(session: StudySession) -> Shown:
            return snapshot(session, f"Marked ({UNDO_KEY} undoes; Cards finds it with is:marked)." if session.toggle_mark()
                            else f"Unmarked ({UNDO_KEY} undoes).")

        self.change_session("mark card", mark, mark=True)

    def show_mark(self, shown: Shown) -> None:
        """The card on screen was marked or unmarked (or that undone): only its meta line changes."""
        self.busy = False
        self.shown, self.can_undo = shown, shown.can_undo
        if shown.item is not None:
            self.draw_meta()
        self.notify(undo_key_in(shown.note, typing=False), timeout=2)  # a typed card is marked once checked
        self.refresh_bindings()

    def action_bury(self) -> None:
        if self.shown is None or self.shown.item is None:
            return
        self._card_action("bury card", lambda session: session.bury(), f"Buried until tomorrow ({UNDO_KEY} undoes).")

    def action_suspend(self) -> None:
        # Grades and bury are the preview's trial; a suspended card is a decision meant to last.
        if self.shown is None or self.shown.item is None or self.app.refused_in_preview("suspend cards"):
            return
        self._card_action("suspend card", lambda session: session.suspend(),
                          f"Suspended: out of your reviews until you unsuspend it in Cards ({UNDO_KEY} undoes).")
