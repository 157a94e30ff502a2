"""The app object and its factory. The CLI and the tests both build the app with :func:`make_app`.

Here: opening the collection behind Home's first frame, the launch's background work (another
window, the scheduler's refit, the theme) and the keys that open a screen. The database work
off the UI thread and the reporting of failed jobs are :mod:`.database_work`'s."""

from __future__ import annotations

import gc
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from textual import work
from textual.app import App
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.worker import get_current_worker

from .commands import StudyCommands
from .database_work import DatabaseWork
from .keys import APP_BINDINGS
from .launch import StudyLauncher, review_screens
from .long_actions import LongActions
from .preview import PreviewGuard

if TYPE_CHECKING:  # the core is imported by the worker that opens it, off the first frame's path
    from ..collection import Collection
    from ..home_data import HomeData

#: ``progress(done, total, name)``: what an opener reports as it reads the deck files, and (its
#: second callback) as it upgrades an older database (``name``: the stage under way).
Progress = Callable[[int, int, str], None]


class OpeningStopped(Exception):
    """Raised from an opener's upgrade progress once the app has quit: the upgrade stops, rolled back."""


OPENING_BAR_DELAY = 0.5  # seconds of opening before Home shows a progress bar (a first import)


class StudyApp(DatabaseWork, PreviewGuard, LongActions, StudyLauncher, App[None]):
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

    def __init__(self, collection: Collection | None = None, *,
                 opener: Callable[[Progress, Progress], Collection] | None = None,
                 find_other_window: Callable[[], str | None] | None = None, today: str | None = None,
                 today_notice: str | None = None, preview: bool = False, home: HomeData | None = None) -> None:
        super().__init__()
        self._home = home  # Home's counts read before the app started (with ``collection``)
        self._find_other_window = find_other_window  # asked once Home has painted (see home_drawn)
        self._today_notice = today_notice  # shown once at launch (--today: another day's clock)
        self.preview_day = today if preview else None  # what is changed there is refused (PreviewGuard)
        if today:  # on every screen, long after the launch notice has gone
            self.title = f"{self.TITLE} · {today}" + (" · preview: nothing kept" if preview else "")
        if (collection is None) == (opener is None):
            raise TypeError("give either an open collection or an opener")
        self.collection: Collection | None = collection
        self._opener = opener
        #: What stopped ``opener`` (the CLI re-raises it after the app exits, as a clean message).
        self.open_error: BaseException | None = None
        if collection is not None:
            self._opened.set()
        self._grading_loaded = False  # load_grading has started its worker
        self._launch_work_started = False  # home_drawn has started the launch's background work
        self._quitting = False  # Ctrl+Q mid-session: the session's end is being recorded
        self._quit_while_opening = threading.Event()  # the app quit: an opening still under way stops

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
        self._quit_while_opening.set()  # an upgrade still running stops (see _run_opener)
        if not self._quitting:
            open_reviews = [s for s in review_screens(self.screen_stack) if s.session_open]
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

        def upgrading(done: int, total: int, stage: str) -> None:
            # An older database's one-time upgrade: quitting stops it here (rolled back, as it was).
            if self._quit_while_opening.is_set():
                raise OpeningStopped()
            if time.monotonic() - started >= OPENING_BAR_DELAY:
                home.post_message(HomeScreen.Upgrading(done, total, stage))

        gc.disable()  # a bulk load of long-lived objects with no cycles (see decks.gc_paused)
        try:
            with self.db_lock:
                self.collection = opener(progress, upgrading)
            # Keep the cyclic GC from walking the loaded cards again on every full pass.
            gc.freeze()
        except OpeningStopped:  # the app has quit: nothing to report
            pass
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

    # --- navigation actions (also reachable from the command palette) --------

    def get_system_commands(self, screen: Screen):
        """Textual's palette entries, less its "Keys" panel: our "Show key bindings" (Help)
        lists the same keys, so the palette offers one way to see them."""
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command

    def push_screen(self, screen, *args, **kwargs):
        # An error toast stays 8-10 s; over a dialog opened after it (the path asked again after a
        # failed merge) it hid the dialog's buttons and keys at 80x24. It was said before the
        # dialog, about what came before: it goes (other toasts stay, e.g. a merge's report under
        # the reschedule offer that follows it by itself).
        if isinstance(screen, ModalScreen):
            for notification in [n for n in self._notifications if n.severity == "error"]:
                self._unnotify(notification, refresh=False)  # Textual removes one only this way
            self._refresh_notifications()
        return super().push_screen(screen, *args, **kwargs)

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


def make_app(collection: Collection | None = None, *,
             opener: Callable[[Progress, Progress], Collection] | None = None,
             find_other_window: Callable[[], str | None] | None = None,
             today: str | None = None, today_notice: str | None = None, preview: bool = False,
             home: HomeData | None = None) -> StudyApp:
    """Build the study app over an open collection, or over ``opener``, which the app calls
    in a worker once Home's frame is drawn (then ``app.collection`` is set, or
    ``app.open_error`` and the app exits with code 2), with ``progress(done, total, name)``
    to call as it reads each deck file (Home shows a bar when that takes long: a first
    import of big decks) and ``upgrading(done, total, stage)``, ``Store.open``'s, for an
    older database's one-time upgrade (Home shows its bar, why, and that quitting is safe:
    a quit stops it there, rolled back). The caller closes the collection.
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
