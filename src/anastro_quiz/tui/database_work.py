"""The app's database work off the UI thread, and how a failed background job is said.

Every screen's worker reaches the database through :meth:`DatabaseWork.database` (one
connection, one lock, errors translated); a screen's change runs as the app's worker
(:meth:`~DatabaseWork.run_change`, see ``work.change``); a job that fails becomes a
notification, or a dialog for a database that cannot be used, never a silent failure.
Mixed into :class:`~.app.StudyApp`, which opens ``collection`` and sets ``_opened`` once
it is open or never will be; ``launch_failed`` is :class:`~.launch.StudyLauncher`'s.
"""

from __future__ import annotations

import contextvars
import threading
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, TypeVar

from textual.message import Message
from textual.worker import Worker, WorkerState, active_worker, get_current_worker

if TYPE_CHECKING:
    from ..collection import Collection
    from .work import Jobs

T = TypeVar("T")


class CollectionUnavailable(Exception):
    """A worker asked for the database after the collection failed to open (the app is
    exiting with the reason) or after the app quit: nothing to report."""


class DatabaseWork:
    """``database``, ``run_change`` and the reporting of failed workers."""

    collection: Collection | None

    @dataclass
    class JobFailed(Message):
        """A worker that nobody waits for any more (its screen closed) failed: said here."""

        name: str
        error: BaseException

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._opened = threading.Event()  # the collection is open, or never will be
        # One connection is shared by every worker thread: this lock keeps their
        # transactions from interleaving (sqlite3 serializes calls, not transactions).
        self.db_lock = threading.Lock()
        self._said: weakref.WeakSet[Worker] = weakref.WeakSet()  # workers whose failure JobFailed says
        # The screen that asked for each change still running (see run_change), to unlock on a failure.
        self._change_owners: weakref.WeakKeyDictionary[Worker, weakref.ref[Jobs]] = weakref.WeakKeyDictionary()

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

    def on_database_work_job_failed(self, message: JobFailed) -> None:
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
