"""The one place a review session changes: :meth:`SessionLane.change_session` runs the change
in the session's worker (a ``work.change``, so it is made even if the screen closes), under the database lock, and posts what it leaves (a ``Shown``, a
summary, or a failure) back to the UI thread, which reads nothing else of the session.

``SessionLane`` is mixed into :class:`~.review.ReviewScreen`, whose ``session``, ``shown``,
``busy``, ``can_undo``, ``show_card`` and ``_show_edited`` it uses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from ...session import StudySession
from ..work import Reply, change
from .review_extras import Shown, snapshot, undone_note

if TYPE_CHECKING:
    from .summary import SummaryData

END = "end session"  # quitting the app mid-session: record the end, then quit
FINISH = "finish session"  # leaving the session: record the end, then the summary


@dataclass
class SessionChanged(Reply):
    """What the session leaves on screen after a change (or after loading the card)."""

    shown: Shown
    reveal: bool = False  # an edited card whose answer showed before the edit
    mark: bool = False  # only the card's mark changed: the card stays as drawn


@dataclass
class SessionEnded(Reply):
    """The session's end is recorded; ``summary`` is what the summary screen shows."""

    summary: SummaryData | None  # None when quitting the app


@dataclass
class SessionFailed(Reply):
    """A change of the session failed (the app says why); ``current`` is the session's
    current card as it stands (the change may have been saved before the failure)."""

    current: tuple[str, str] | None
    can_undo: bool


class SessionLane:
    """The session's worker and what its messages do on the UI thread."""

    def change_session(self, name: str, change: Callable[[StudySession], Shown | Any], *,
                       reveal: bool = False, mark: bool = False) -> None:
        """Run ``change(session)`` in the session's worker; a :class:`Shown` it returns is
        drawn (``reveal``: with the answer showing; ``mark``: only the mark line), anything
        else goes to the summary."""
        self._session_job(change, reveal, mark).name = name

    @change(name="session", group="session")
    def _session_job(self, change: Callable[[StudySession], Any], reveal: bool, mark: bool = False) -> None:
        # Never exclusive: a grade asked for is a grade made; ``busy`` keeps to one at a time.
        session = self.session
        try:
            result = self.database(lambda: change(session))
        except Exception:
            current = session.current
            self.post_message(SessionFailed(current.key if current is not None else None, session.can_undo))
            raise
        self.post_message(SessionChanged(result, reveal, mark) if isinstance(result, Shown) else SessionEnded(result))

    def first_card(self, undo: bool = False) -> None:
        """Load the card to show first; ``undo``: after undoing the session's last action
        (``u`` on the summary of a session that ended), with a toast naming it."""
        if not undo:
            self.change_session("load card", snapshot)
            return

        def undo_last(session: StudySession) -> Shown:
            undone = session.undo()  # committed before the card shows again
            return snapshot(session, undone_note(undone) if undone is not None else "")

        self.change_session("undo last grade", undo_last)

    def on_session_changed(self, message: SessionChanged) -> None:
        if message.mark:
            self.show_mark(message.shown)
        elif message.reveal:
            self._show_edited(message.shown)
        else:
            self.show_card(message.shown)

    @property
    def session_open(self) -> bool:
        """The session's end is not recorded yet (nor being recorded)."""
        return not self._session_ended

    def end_session(self, then: Callable[[], Any]) -> None:
        """Quitting the app (Ctrl+Q) mid-session: every grade is already committed; record
        when the session ended too (in the session's worker), then ``then()`` (also if that
        fails: the app says why, and ``anastro-quiz check`` closes the session later)."""
        self._session_ended = True
        self._after_end = then

        def end(session: StudySession) -> None:
            session.finish()

        self.change_session(END, end)

    def finish(self) -> None:
        """Close the session; show the summary if anything was graded."""
        from .summary import load_summary

        self.busy = True
        self._session_ended = True
        collection = self.collection
        self.change_session(FINISH, lambda session: load_summary(collection, session))

    def on_session_ended(self, message: SessionEnded) -> None:
        from .summary import SummaryScreen

        if self._after_end is not None:  # quitting the app
            then, self._after_end = self._after_end, None
            then()
        elif message.summary.summary.reviewed:
            self.app.switch_screen(SummaryScreen(message.summary))
            self.app.fit_scheduler()  # another 500 reviews may make a refit due (autofit)
        else:
            self.app.pop_screen()

    def on_session_failed(self, message: SessionFailed) -> None:
        """A session job failed (the app notifies why, e.g. the database is busy): unlock
        the screen so the user can try again or leave. A failed grade, undo, bury or suspend
        changes nothing, so the card on screen is still the session's current card."""
        name = message.worker.name if message.worker is not None else ""
        if name == END:
            then, self._after_end = self._after_end, None
            if then is not None:
                then()  # quitting: the grades are committed; only the end time is missing
            return
        if name == FINISH:
            # The session's end was not recorded: stay, so that leaving again (or Ctrl+Q) retries.
            self.busy = False
            self._session_ended = False
            return
        self.busy = False  # with nothing shown (a reload failed), q leaves and u still undoes
        self.can_undo = message.can_undo
        on_screen = self.shown.item if self.shown is not None else None
        if on_screen is not None and message.current != on_screen.key:
            # The change was saved but the next card could not be drawn: draw it now, and
            # until then act on nothing (a grade would go to a card that is not shown).
            self.shown = None
            self.busy = True
            self.change_session("load card", snapshot)
