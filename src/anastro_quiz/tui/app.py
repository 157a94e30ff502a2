"""The app object and its factory. The CLI and the tests both build the app with :func:`make_app`."""

from __future__ import annotations

import gc
import threading
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from .commands import StudyCommands

if TYPE_CHECKING:  # the core is imported by the worker that opens it, off the first frame's path
    from ..collection import Collection

T = TypeVar("T")


class StudyApp(App[None]):
    """Keyboard-first study app over a :class:`Collection`."""

    CSS_PATH = "app.tcss"
    TITLE = "anastro-quiz"
    COMMANDS = App.COMMANDS | {StudyCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help", tooltip="Every key binding", id="help"),
    ]

    def __init__(self, collection: Collection | None = None, *,
                 opener: Callable[[], Collection] | None = None) -> None:
        super().__init__()
        if (collection is None) == (opener is None):
            raise TypeError("give either an open collection or an opener")
        self.collection: Collection | None = collection
        self._opener = opener
        #: What stopped ``opener`` (the CLI re-raises it after the app exits, as a clean message).
        self.open_error: BaseException | None = None
        self._opened = threading.Event()
        if collection is not None:
            self._opened.set()
        # One connection is shared by every worker thread: this lock keeps their
        # transactions from interleaving (sqlite3 serializes calls, not transactions).
        self.db_lock = threading.Lock()

    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        home = HomeScreen()
        self.push_screen(home)
        if self._opener is not None:
            # Draw Home's frame first; the decks and the database open behind it.
            home.call_after_refresh(self._open_collection)
        self.run_db(lambda: self.collection.store.get_setting("theme"), self._restore_theme, name="load theme")

    # --- the theme, saved in the database --------------------------------------

    def _restore_theme(self, name: Any) -> None:
        if isinstance(name, str) and name in self.available_themes:
            self.theme = name
        self.theme_changed_signal.subscribe(self, self._save_theme)

    def _save_theme(self, theme: Any) -> None:
        name = theme.name
        self.run_db(lambda: self.collection.store.set_setting("theme", name), name="save theme")

    def exit(self, result: None = None, return_code: int = 0, message: Any | None = None) -> None:
        """Quit; a review session still open (Ctrl+Q mid-session) gets its end time recorded."""
        from .screens.review import ReviewScreen

        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen):
                screen.close_session()
        super().exit(result, return_code, message)

    def _open_collection(self) -> None:
        opener = self._opener
        assert opener is not None

        def runner() -> None:
            gc.disable()  # a bulk load of long-lived objects with no cycles (see decks.gc_paused)
            try:
                with self.db_lock:
                    self.collection = opener()
                # Keep the cyclic GC from walking the loaded cards again on every full pass.
                gc.freeze()
            except Exception as exc:  # reported by the CLI after the app exits, not as a traceback
                self.open_error = exc
                self.call_from_thread(self.exit, None, 2)
            finally:
                gc.enable()
                self._opened.set()

        self.run_worker(runner, name="open collection", thread=True, exit_on_error=False)

    # --- database work off the UI thread --------------------------------------

    def run_db(self, job: Callable[[], T], done: Callable[[T], Any] | None = None,
               *, name: str = "database") -> Worker[T]:
        """Run ``job`` in a thread worker, then ``done(result)`` on the UI thread.

        Workers run on the app (not the screen) so that every failure reaches
        :meth:`on_worker_state_changed` and becomes a notification.
        """

        def runner() -> T | None:
            while not self._opened.wait(0.05):
                if not self.is_running:
                    return None  # the app quit while the collection was still opening
            if self.collection is None:
                return None  # the collection failed to open; the app is exiting
            with self.db_lock:
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

    def action_browse(self, deck_id: str, only: str = "all") -> None:
        from .screens.browse import BrowseScreen

        self.push_screen(BrowseScreen(deck_id, only))

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


def make_app(collection: Collection | None = None, *,
             opener: Callable[[], Collection] | None = None) -> StudyApp:
    """Build the study app over an open collection, or over ``opener``, which the app calls
    in a worker once Home's frame is drawn (then ``app.collection`` is set, or
    ``app.open_error`` and the app exits with code 2). The caller closes the collection."""
    return StudyApp(collection, opener=opener)
