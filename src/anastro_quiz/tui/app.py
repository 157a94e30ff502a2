"""The app object and its factory. The CLI and the tests both build the app with :func:`make_app`."""

from __future__ import annotations

import contextvars
import gc
import threading
import time
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from textual import work
from textual.app import App
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState, active_worker, get_current_worker

from .commands import StudyCommands
from .keys import APP_BINDINGS
from .launch import StudyLauncher
from .long_actions import LongActions
from .preview import PreviewGuard

if TYPE_CHECKING:  # the core is imported by the worker that opens it, off the first frame's path
    from ..collection import Collection
    from ..home_data import HomeData
    from .work import Jobs

T = TypeVar("T")
#: ``progress(done, total, name)``: what an opener reports as it reads the deck files.
Progress = Callable[[int, int, str], None]
OPENING_BAR_DELAY = 0.5  # seconds of opening before Home shows a progress bar (a first import)


class CollectionUnavailable(Exception):
    """A worker asked for the database after the collection failed to open (the app is
    exiting with the reason) or after the app quit: nothing to report."""


class StudyApp(PreviewGuard, LongActions, StudyLauncher, App[None]):
    """Keyboard-first study app over a :class:`Collection`."""

    CSS_PATH = "app.tcss"
    TITLE = "anastro-quiz"
    COMMANDS = App.COMMANDS | {StudyCommands}
    BINDINGS = APP_BINDINGS

    @dataclass
    class ThemeLoaded(Message):
        name: str | None  # the theme saved last (None: none yet)

    @dataclass
    class FitAdopted(Message):
        """The scheduler refitted itself and adopted new parameters: offer to reschedule."""

        preview: Any  # reschedule.ReschedulePreview

    @dataclass
    class OpenFailed(Message):
        """The collection could not be opened (``open_error`` says why)."""

    @dataclass
    class JobFailed(Message):
        """A worker that nobody waits for any more (its screen closed) failed: said here."""

        name: str
        error: BaseException

    def __init__(self, collection: Collection | None = None, *,
                 opener: Callable[[Progress], Collection] | None = None,
                 find_other_window: Callable[[], str | None] | None = None, today: str | None = None,
                 today_notice: str | None = None, preview: bool = False, home: HomeData | None = None) -> None:
        super().__init__()
        self._home = home  # Home's counts read before the app started (with ``collection``)
        self._find_other_window = find_other_window  # asked once Home has painted (see home_drawn)
        self._today_notice = today_notice  # shown once at launch (--today: another day's clock)
        if today:
            self.title = f"{self.TITLE} · {today}"
        self.preview_day = today if preview else None  # what is changed there is refused (PreviewGuard)
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
        self._grading_loaded = False  # load_grading has started its worker
        self._launch_work_started = False  # home_drawn has started the launch's background work
        self._quitting = False  # Ctrl+Q mid-session: the session's end is being recorded
        self._said: weakref.WeakSet[Worker] = weakref.WeakSet()  # workers whose failure JobFailed says
        # The screen that asked for each change still running (see run_change), to unlock on a failure.
        self._change_owners: weakref.WeakKeyDictionary[Worker, weakref.ref[Jobs]] = weakref.WeakKeyDictionary()

    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        home = HomeScreen(self._home)
        self.push_screen(home)
        if self._opener is not None:
            # Draw Home's frame first; the decks and the database open behind it.
            home.call_after_refresh(self._run_opener, home)
        self._load_theme()
        if self._today_notice:
            self.notify(self._today_notice, title="Another day", timeout=12, markup=False)

    # --- the theme, saved in the database --------------------------------------

    @work(thread=True, exit_on_error=False, name="load theme")
    def _load_theme(self) -> None:
        self.post_message(self.ThemeLoaded(self.database(lambda: self.collection.settings.theme())))

    def on_study_app_theme_loaded(self, message: ThemeLoaded) -> None:
        if message.name in self.available_themes:
            self.theme = message.name
        self.theme_changed_signal.subscribe(self, self._save_theme)

    def _save_theme(self, theme: Any) -> None:
        if self.preview_day is not None:  # nowhere to keep it: said, not lost without a word
            self.notify("The theme lasts until you quit: a preview saves nothing (open the app without --today "
                        "to keep a theme).", timeout=6, markup=False)
            return
        self._store_theme(theme.name)

    @work(thread=True, exclusive=True, exit_on_error=False, group="save theme", name="save theme")
    def _store_theme(self, name: str) -> None:
        worker = get_current_worker()
        # Two quick changes: a save superseded before it got the lock writes nothing, so the
        # last theme chosen is the one stored whatever order the threads get the lock in.
        self.database(lambda: None if worker.is_cancelled else self.collection.settings.save_theme(name))

    def exit(self, result: None = None, return_code: int = 0, message: Any | None = None) -> None:
        """Quit; a review session still open (Ctrl+Q mid-session) gets its end time recorded
        first, in a worker (the database lock is never taken on the UI thread)."""
        from .screens.review import ReviewScreen

        if not self._quitting:
            open_reviews = [s for s in self.screen_stack if isinstance(s, ReviewScreen) and s.session_open]
            if open_reviews:
                self._quitting = True
                open_reviews[0].end_session(lambda: super(StudyApp, self).exit(result, return_code, message))
                return
        super().exit(result, return_code, message)

    @work(thread=True, exit_on_error=False, name="open collection", group="open collection")
    def _run_opener(self, home: Screen) -> None:
        from .screens.home import HomeScreen

        opener = self._opener
        assert opener is not None
        started = time.monotonic()

        def progress(done: int, total: int, name: str) -> None:
            # Only a slow opening (a first import of big decks) is worth a bar on Home.
            if time.monotonic() - started >= OPENING_BAR_DELAY:
                home.post_message(HomeScreen.Opening(done, total, name))

        gc.disable()  # a bulk load of long-lived objects with no cycles (see decks.gc_paused)
        try:
            with self.db_lock:
                self.collection = opener(progress)
            # Keep the cyclic GC from walking the loaded cards again on every full pass.
            gc.freeze()
        except Exception as exc:  # reported by the CLI after the app exits, not as a traceback
            self.open_error = exc
            self.post_message(self.OpenFailed())
        finally:
            gc.enable()
            self._opened.set()

    def home_drawn(self) -> None:
        """Home has painted its counts for the first time: start the launch's background work
        (whether another window has the collection open, the scheduler's refit check) now, so
        that it never competes with that first paint."""
        if not self._launch_work_started:
            self._launch_work_started = True
            if self._find_other_window is not None:
                self._look_for_other_window(self._find_other_window)
            if self.preview_day is None:  # a refit in a preview would offer a reschedule that is not kept
                self.fit_scheduler()

    @work(thread=True, exit_on_error=False, name="look for another window")
    def _look_for_other_window(self, find: Callable[[], str | None]) -> None:
        warning = find()  # takes a file lock (and imports filelock): off the first frame's path
        if warning:
            self.call_from_thread(self.notify, warning, title="Open in another window", severity="warning",
                                  timeout=12, markup=False)

    @work(thread=True, exit_on_error=False, name="fit scheduler", group="fit scheduler")
    def fit_scheduler(self) -> None:
        """Refit the FSRS parameters to the learner's reviews if due (``autofit``): read and
        saved under the database lock, fitted outside it, so grading never waits for it."""
        from ..autofit import pending_fit, run_fit, save_fit

        pending = self.database(lambda: pending_fit(self.collection))
        if pending is not None:
            fitted = run_fit(pending)
            self.database(lambda: save_fit(self.collection, fitted))
            if fitted.adopt is not None:  # new parameters: asked, as after a change in Settings
                from ..reschedule import preview_reschedule

                preview = self.database(lambda: preview_reschedule(self.collection))
                if preview.changed:
                    self.post_message(self.FitAdopted(preview))

    def on_study_app_fit_adopted(self, message: FitAdopted) -> None:
        from .dialogs.reschedule import RescheduleDialog

        # The fit ends whenever it ends: asked after the session or quiz, never over a card.
        self.when_not_studying(lambda: self.push_screen(
            RescheduleDialog(message.preview, "The scheduler refitted itself to your reviews. "),
            lambda yes: self._reschedule_after_fit(message.preview) if yes else None))

    @work(thread=True, exit_on_error=False, name="reschedule after a refit", group="reschedule")
    def _reschedule_after_fit(self, preview) -> None:
        from ..reschedule import apply_reschedule

        cards = self.database(lambda: apply_reschedule(self.collection, preview))
        self.call_from_thread(self.notify, f"Rescheduled {cards} cards.", timeout=3)

    def load_grading(self) -> None:
        """Load pint's units and the stemmer (about half a second) in a worker, once: called
        when a study session or quiz is on the screen, so the load never delays Home's counts,
        and the first typed answer is graded at once instead of stalling the screen."""
        if not self._grading_loaded:
            self._grading_loaded = True
            self._load_grading()

    @work(thread=True, exit_on_error=False, name="load grading", group="load grading")
    def _load_grading(self) -> None:
        from ..grading import load

        load()

    def on_study_app_open_failed(self, message: OpenFailed) -> None:
        self.exit(None, 2)

    # --- database work off the UI thread --------------------------------------

    def database(self, job: Callable[[], T]) -> T:
        """Run ``job`` inside a worker thread, under the database lock, with database errors
        translated (``store.database_errors``); the screens' ``@work`` methods call this.

        Waits for the collection to open; raises :class:`CollectionUnavailable` if it never
        did. A job that has started finishes even if its screen closes meanwhile (a thread
        cannot be stopped), so a change asked for is made; if the job fails, the app says so
        whether or not the screen is still there. So an error the screen expects (a search
        it cannot read, a plan it refuses) is caught inside ``job`` and returned, never raised."""
        from ..store import database_errors

        while not self._opened.wait(0.05):
            if not self.is_running:
                raise CollectionUnavailable("the app quit while the collection was opening")
        if self.collection is None:
            raise CollectionUnavailable("the collection did not open")
        worker = get_current_worker()
        try:
            with self.db_lock, database_errors(self.collection.store.path):
                return job()
        except Exception as exc:
            # Said by the app, not through the worker's state: that goes to the worker's screen,
            # which may have closed meanwhile (s, then q at once in Cards).
            self._said.add(worker)
            self.post_message(self.JobFailed(worker.name, exc))
            raise

    def run_change(self, owner: Jobs, work: Callable[[], None], *, name: str, group: str) -> Worker:
        """Run a screen's change (a method decorated ``work.change``) as the app's worker, not the
        screen's: Textual cancels a screen's workers when it closes, and a thread worker cancelled
        before a thread was free to start it never runs (s then q at once in Cards, with every
        worker thread waiting on a busy database, lost the suspend). Its replies still go to
        ``owner``; if it fails, the app says why and unlocks ``owner`` if it is still showing.

        The work runs in a copy of the asking handler's context, so that ``owner.app`` (and so
        ``owner.collection`` and ``owner.database``) still finds the app once ``owner`` has
        closed: a closed screen is no longer linked to it."""
        context = contextvars.copy_context()

        def in_app_context() -> None:
            worker = get_current_worker()

            def run() -> None:
                active_worker.set(worker)
                work()

            context.run(run)

        worker = self.run_worker(in_app_context, name=name, group=group, thread=True, exclusive=False,
                                 exit_on_error=False)
        self._change_owners[worker] = weakref.ref(owner)
        return worker

    def report_failure(self, name: str, error: BaseException | None) -> bool:
        """Every failed background job ends here: a notification, or a dialog for a database
        that cannot be used. False (nothing said) when the collection never opened."""
        if isinstance(error, CollectionUnavailable):
            return False
        if _is_unusable_database(error):
            self._show_database_problem(error)
        else:
            self.notify(describe_error(error), title=f"Could not finish: {name}",
                        severity="error", markup=False, timeout=8)
        return True

    def on_study_app_job_failed(self, message: JobFailed) -> None:
        self.report_failure(message.name, message.error)

    def worker_failed(self, worker: Worker) -> bool:
        """A worker ended in error: say why, unless its database job already has (then the
        app's JobFailed says it). False when there is nothing to say (see report_failure)."""
        if worker in self._said:
            return True
        return self.report_failure(worker.name, worker.error)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The app's own workers, and the screens' changes (their other workers reach their ``Jobs`` mixin)."""
        if event.state == WorkerState.ERROR:
            said = self.worker_failed(event.worker)
            self.launch_failed(event.worker)
            owner = self._change_owners.pop(event.worker, lambda: None)()
            if said and owner is not None and owner.is_attached:
                owner.work_failed(event.worker)

    def _show_database_problem(self, error: BaseException) -> None:
        """A damaged, full or read-only database: a dialog saying what to do (once at a time),
        instead of screens left waiting on "Loading…"."""
        from .dialogs.database_problem import DatabaseProblemDialog

        if not any(isinstance(s, DatabaseProblemDialog) for s in self.screen_stack):
            self.push_screen(DatabaseProblemDialog("The progress database cannot be used", str(error)))

    # --- navigation actions (also reachable from the command palette) --------

    def get_system_commands(self, screen: Screen):
        """Textual's palette entries, less its "Keys" panel: our "Show key bindings" (Help)
        lists the same keys, so the palette offers one way to see them."""
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        from .keys import section_of

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(section_of(self.screen)))

    def action_progress(self) -> None:
        from .screens.progress import ProgressScreen

        self.push_screen(ProgressScreen())

    def action_browse(self, deck_id: str | None, only: str = "all") -> None:
        from .screens.browse import BrowseScreen

        self.push_screen(BrowseScreen(deck_id, only))

    def action_curate(self) -> None:
        """New from generator: keep, reject or edit the cards not curated yet."""
        from .screens.curate import CurateScreen

        if self.refused_in_preview("curate generated cards"):
            return
        if self.session_open():
            # Rejecting or editing would change cards the session has already queued.
            self.notify("A study session is open: finish it (q) first, then curate.", timeout=3)
            return
        if not any(isinstance(s, CurateScreen) for s in self.screen_stack):
            self.push_screen(CurateScreen())

    def action_settings(self) -> None:
        from .screens.settings import SettingsScreen

        self.push_screen(SettingsScreen())


def _is_unusable_database(error: BaseException | None) -> bool:
    from ..store import StoreDamaged, StoreFull, StoreReadOnly

    return isinstance(error, (StoreDamaged, StoreFull, StoreReadOnly))


def describe_error(error: BaseException | None) -> str:
    """A readable one-liner; our own errors (StoreError, ValueError) are already user-facing."""
    if error is None:
        return "unknown error"
    from ..store import StoreError

    if isinstance(error, (StoreError, ValueError)):
        return str(error)
    return f"{type(error).__name__}: {error}"


def make_app(collection: Collection | None = None, *,
             opener: Callable[[Progress], Collection] | None = None,
             find_other_window: Callable[[], str | None] | None = None,
             today: str | None = None, today_notice: str | None = None, preview: bool = False,
             home: HomeData | None = None) -> StudyApp:
    """Build the study app over an open collection, or over ``opener``, which the app calls
    in a worker once Home's frame is drawn (then ``app.collection`` is set, or
    ``app.open_error`` and the app exits with code 2), with ``progress(done, total, name)``
    to call as it reads each deck file (Home shows a bar when that takes long: a first
    import of big decks). The caller closes the collection.
    ``find_other_window``: whether another window has this collection open, as the warning to
    show or None (``instance.launch_notice``), called in a worker once Home has painted its
    counts; ``today`` and
    ``today_notice``: the day ``--today`` set, in the title, and what to say about it;
    ``preview``: that day is a preview (no ``--write-future``) on a copy of the database
    deleted at exit, so every change but studying is refused (see :mod:`.preview`);
    ``home``: Home's counts already read from ``collection`` (see ``Collection.opens_at_once``),
    drawn in Home's first frame."""
    return StudyApp(collection, opener=opener, find_other_window=find_other_window, today=today, today_notice=today_notice,
                    preview=preview, home=home)
