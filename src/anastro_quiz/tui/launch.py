"""Starting a study session or a quiz, one of each at a time: built in a worker (the database
work of starting one can take a moment), shown when ready, over the current screen or in place
of the screen that asked. Mixed into :class:`~.app.StudyApp`."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from textual import work
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker

if TYPE_CHECKING:
    from ..collection import Collection
    from ..quiz import Quiz
    from ..session import StudySession
    from .dialogs.quiz_setup import QuizSetup


def review_screens(stack: list[Screen]) -> list[Screen]:
    """The study sessions' screens on ``stack``. None can exist before their module is imported, so
    until then none is looked for and nothing imported (quitting from Home imported the review
    screen, grading and rapidfuzz only to find no session: part of every launch that is left)."""
    module = sys.modules.get(f"{__package__}.screens.review")
    return [] if module is None else [s for s in stack if isinstance(s, module.ReviewScreen)]


class StudyLauncher:
    """The app's study and quiz actions (``s``, the quiz dialog, a re-drill, a retry), and the
    rule behind them: one live session and one quiz. Uses the app's ``collection`` and
    ``database`` (a worker's database job)."""

    collection: Collection | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A study session / quiz is being built in a worker: further requests are ignored
        # until it shows (two quick Enters must not open two sessions over each other).
        self._session_starting = False
        self._quiz_starting = False
        self._after_study: list[Callable[[], None]] = []  # asked once no session or quiz is open
        self._after_study_timer = None

    @dataclass
    class QuizBuilt(Message):
        quiz: Quiz
        replace: Screen | None

    @dataclass
    class SessionStarted(Message):
        session: StudySession | None  # None: nothing to study
        replace: Screen | None
        empty: str | None

    def launch_failed(self, worker: Worker) -> None:
        """A worker of the app failed (the app has said why): a session or quiz that was starting
        is not any more, so it can be asked for again."""
        if worker.group == "start session":
            self._session_starting = False
        elif worker.group == "start quiz":
            self._quiz_starting = False

    def quiz_open(self) -> bool:
        """A quiz is being set up, started or taken (one at a time)."""
        from .dialogs.quiz_setup import QuizSetupDialog
        from .screens.quiz import QuizScreen

        return self._quiz_starting or any(isinstance(s, (QuizSetupDialog, QuizScreen)) for s in self.screen_stack)

    def action_quiz(self, deck_id: str | None = None) -> None:
        from .dialogs.quiz_setup import QuizSetupDialog

        if self.quiz_open():
            if not self._quiz_starting:
                self.notify("A quiz is already open: finish it (Esc) first.", timeout=3)
            return
        self.push_screen(QuizSetupDialog(self.collection, preselect=deck_id), self._start_quiz)

    def _start_quiz(self, setup: QuizSetup | None) -> None:
        if setup is None:
            return
        from ..quiz import Quiz

        def build() -> Quiz:
            return Quiz.create(self.collection, setup.deck_ids, setup.questions,
                               time_limit_s=setup.time_limit_s, tags=setup.tags)

        self.open_quiz(build)

    def open_quiz(self, build: Callable[[], Quiz], *, replace: Screen | None = None,
                  name: str = "start quiz") -> bool:
        """Build a quiz in a worker and show it (over the current screen, or in place of
        ``replace`` if that is still showing). Refused while another quiz is starting."""
        if self._quiz_starting:
            return False
        self._quiz_starting = True
        self._build_quiz(build, replace).name = name  # the failure's title says what failed
        return True

    @work(thread=True, exit_on_error=False, group="start quiz", name="start quiz")
    def _build_quiz(self, build: Callable[[], Quiz], replace: Screen | None) -> None:
        self.post_message(self.QuizBuilt(self.database(build), replace))

    @work(thread=True, exit_on_error=False, group="start session", name="start session")
    def _build_session(self, start: Callable[[], StudySession | None], replace: Screen | None,
                       empty: str | None) -> None:
        self.post_message(self.SessionStarted(self.database(start), replace, empty))

    def on_study_launcher_quiz_built(self, message: QuizBuilt) -> None:
        from .screens.quiz import QuizScreen

        self._quiz_starting = False
        self._show(QuizScreen(message.quiz), message.replace)

    def on_study_launcher_session_started(self, message: SessionStarted) -> None:
        from .screens.review import ReviewScreen

        self._session_starting = False
        if message.session is None:
            self.notify(message.empty or "Nothing to study right now: no cards due and no new cards left for today.",
                        title="All done")
            return
        self._show(ReviewScreen(message.session), message.replace)

    def studying(self) -> bool:
        """A study session or a quiz is open: nothing the user did not ask for goes over it."""
        return self.session_open() or self.quiz_open()

    def when_not_studying(self, ask: Callable[[], None]) -> None:
        """Run ``ask`` (a question the app has for the user) now, or, while a session or a quiz
        is open, once it is closed, so it never lands on a card being answered."""
        if not self.studying():
            ask()
            return
        self._after_study.append(ask)
        if self._after_study_timer is None:
            self._after_study_timer = self.set_interval(0.5, self._ask_after_study)

    def _ask_after_study(self) -> None:
        if self.studying():
            return
        self._after_study_timer.stop()
        self._after_study_timer = None
        waiting, self._after_study = self._after_study, []
        for ask in waiting:
            ask()

    def session_open(self) -> bool:
        """A study session is being started or is on the screen stack (one at a time)."""
        return self._session_starting or bool(review_screens(self.screen_stack))

    def action_study(self, deck_id: str | None = None) -> None:
        """Study one deck (its due cards, then new ones up to the daily limit), or, when
        ``deck_id`` is None, every due card of every deck: learning and reviews, no new cards."""
        if self.session_open():
            if not self._session_starting:  # e.g. the command palette inside a review
                self.notify("A study session is already open: finish it (q) first.", timeout=3)
            return
        deck_ids = [deck_id] if deck_id else None

        def start() -> StudySession | None:
            session = self.collection.start_session(deck_ids, new_cards=deck_id is not None)
            if session.current is None:
                session.discard()  # an empty session leaves no row behind
                return None
            return session

        self.open_session(start, empty=None if deck_id else
                          "Nothing due right now. New cards are started per deck: Enter on a deck.")

    def open_session(self, start: Callable[[], StudySession | None], *, replace: Screen | None = None,
                     name: str = "start session", empty: str | None = None) -> bool:
        """Start a study session in a worker (``start`` returns it, or None when there is
        nothing to study) and show it (over the current screen, or in place of ``replace``
        if that is still showing). Refused while another session is starting or open, so
        there is only ever one live session: a second one would show cards the first has
        graded, and grade or undo them from a stale state."""
        if self.session_open():
            return False
        self._session_starting = True
        self._build_session(start, replace, empty).name = name
        return True

    def resume_session(self, session: StudySession, *, replace: Screen | None = None, undo_first: bool = False) -> bool:
        """Show an ended session again (``undo_first``: after undoing its last action, as
        ``u`` on its summary does); refused while another session is starting or open."""
        from .screens.review import ReviewScreen

        if self.session_open():
            return False
        self._show(ReviewScreen(session, undo_first=undo_first), replace)
        return True

    def _show(self, screen: Screen, replace: Screen | None) -> None:
        if replace is not None and self.screen is replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        # The grader's units load while the first card is read, once it is painted: loaded at
        # launch they held up Home's first paint of its counts (0.2 s of a 0.6 s launch).
        screen.call_after_refresh(self.load_grading)
