"""The app object and its factory. The CLI and the tests both build the app with :func:`make_app`."""

from __future__ import annotations

import threading
from typing import Any, Callable, TypeVar

from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from ..collection import Collection
from .commands import StudyCommands

T = TypeVar("T")


class StudyApp(App[None]):
    """Keyboard-first study app over a :class:`Collection`."""

    CSS_PATH = "app.tcss"
    TITLE = "anastro-quiz"
    COMMANDS = App.COMMANDS | {StudyCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help", tooltip="Every key binding", id="help"),
    ]

    def __init__(self, collection: Collection) -> None:
        super().__init__()
        self.collection = collection
        # One connection is shared by every worker thread: this lock keeps their
        # transactions from interleaving (sqlite3 serializes calls, not transactions).
        self._db_lock = threading.Lock()

    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        self.push_screen(HomeScreen())

    # --- database work off the UI thread --------------------------------------

    def run_db(self, job: Callable[[], T], done: Callable[[T], Any] | None = None,
               *, name: str = "database") -> Worker[T]:
        """Run ``job`` in a thread worker, then ``done(result)`` on the UI thread.

        Workers run on the app (not the screen) so that every failure reaches
        :meth:`on_worker_state_changed` and becomes a notification.
        """

        def runner() -> T:
            with self._db_lock:
                result = job()
            if done is not None:
                self.call_from_thread(done, result)
            return result

        return self.run_worker(runner, name=name, group="db", thread=True, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(describe_error(error), title=f"Could not finish: {event.worker.name}",
                        severity="error", markup=False, timeout=8)

    # --- navigation actions (also reachable from the command palette) --------

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_progress(self) -> None:
        from .screens.progress import ProgressScreen

        self.push_screen(ProgressScreen())

    def action_settings(self) -> None:
        from .screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())

    def action_quiz(self, deck_id: str | None = None) -> None:
        from .dialogs.quiz_setup import QuizSetupDialog

        self.push_screen(QuizSetupDialog(self.collection, preselect=deck_id), self._start_quiz)

    def _start_quiz(self, setup: Any) -> None:
        if setup is None:
            return
        from ..quiz import Quiz
        from .screens.quiz import QuizScreen

        def build() -> Quiz:
            return Quiz.create(self.collection, setup.deck_ids, setup.questions,
                               time_limit_s=setup.time_limit_s, tags=setup.tags)

        self.run_db(build, lambda quiz: self.push_screen(QuizScreen(quiz)), name="start quiz")

    def action_study(self, deck_id: str | None = None) -> None:
        """Study one deck (or everything due when ``deck_id`` is None)."""
        deck_ids = [deck_id] if deck_id else None

        def start() -> Any:
            session = self.collection.start_session(deck_ids)
            if session.current is None:
                session.finish()  # an empty session is closed at once, not left open
                return None
            return session

        self.run_db(start, self._open_session, name="start session")

    def _open_session(self, session: Any) -> None:
        from .screens.review import ReviewScreen

        if session is None:
            self.notify("Nothing to study right now: no cards due and no new cards left for today.",
                        title="All done")
            return
        self.push_screen(ReviewScreen(session))


def describe_error(error: BaseException | None) -> str:
    """A readable one-liner; our own errors (StoreError, ValueError) are already user-facing."""
    if error is None:
        return "unknown error"
    from ..store import StoreError

    if isinstance(error, (StoreError, ValueError)):
        return str(error)
    return f"{type(error).__name__}: {error}"


def make_app(collection: Collection) -> StudyApp:
    """Build the study app over an open collection (the caller closes it after ``run``)."""
    return StudyApp(collection)
