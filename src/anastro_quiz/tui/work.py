"""Background work the way Textual's guide does it: the screen that needs something runs an
``@work(thread=True)`` method, the method calls the core through :meth:`StudyApp.database`
(the app's lock, database errors translated) and posts what it found back to the screen as a
:class:`Reply` message, which the screen handles on the UI thread.

Exclusive groups: a method that loads what the screen shows (a list for a filter, a forecast
for a date) is ``exclusive=True``: a newer request cancels the older worker, and the older
one's reply, if it was already on its way, is ``stale`` and dropped, so the last request is
what shows. A method that changes data is decorated :func:`change` instead: never exclusive
(a grade asked for is a grade made), and its worker belongs to the app, not the screen, so
closing the screen at once (s then q in Cards while every worker thread is busy) does not
cancel it before its thread starts; its reply still goes to the screen, if it is still there.

A failed worker reaches :meth:`Jobs.on_worker_state_changed`, which has the app say why
(``StudyApp.worker_failed``; a database job's failure the app says itself, even once the
screen has closed) and then calls the screen's ``work_failed`` so that it can
unlock. Nothing here catches an exception to hide it.
"""

from __future__ import annotations

from functools import partial, wraps
from typing import Callable, Concatenate, ParamSpec, Protocol, TypeVar

from textual.message import Message
from textual.worker import NoActiveWorker, Worker, WorkerState, get_current_worker

T = TypeVar("T")
P = ParamSpec("P")
S = TypeVar("S", bound="Jobs")


class WorkingApp(Protocol):
    """What the screens' workers need of the app (``StudyApp``; named here, not imported,
    so that nothing below the app imports it)."""

    def database(self, job: Callable[[], T]) -> T: ...

    def worker_failed(self, worker: Worker) -> bool: ...

    def run_change(self, owner: Jobs, work: Callable[[], None], *, name: str, group: str) -> Worker: ...

    preview_day: str | None  # see tui/preview.py

    def refused_in_preview(self, what: str) -> bool: ...


class Reply(Message, bubble=False):
    """A worker's result, posted to the screen that asked for it (subclass it per result;
    it stays with that screen: it does not bubble up to the app)."""

    def __init_subclass__(cls, bubble: bool | None = False, **kwargs) -> None:
        super().__init_subclass__(bubble=bubble, **kwargs)

    def __post_init__(self) -> None:
        super().__post_init__()
        try:
            self.worker: Worker | None = get_current_worker()
        except NoActiveWorker:
            self.worker = None

    @property
    def stale(self) -> bool:
        """A newer request of the same exclusive group superseded the worker that sent this.
        Read on the UI thread, where Textual cancels the older worker, so there is no race."""
        return self.worker is not None and self.worker.is_cancelled


class Jobs:
    """Mixed into screens and dialogs (before ``Screen``) whose workers use the database."""

    app: WorkingApp

    def database(self, job: Callable[[], T]) -> T:
        """Inside a worker: ``job()`` under the app's database lock (see :meth:`StudyApp.database`)."""
        return self.app.database(job)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            if self.app.worker_failed(event.worker):
                self.work_failed(event.worker)

    def work_failed(self, worker: Worker) -> None:
        """A worker of this screen failed (the app has said why): unlock, so the user can retry."""


def change(*, name: str, group: str) -> Callable[[Callable[Concatenate[S, P], None]], Callable[Concatenate[S, P], Worker]]:
    """``@work(thread=True, exit_on_error=False)`` for a method of a :class:`Jobs` screen that
    changes data: the worker runs on the app (``StudyApp.run_change``), so it is made even if the
    screen closes before a thread is free; if it fails, the app says why and, if the screen is
    still there, calls its ``work_failed``."""

    def decorator(method: Callable[Concatenate[S, P], None]) -> Callable[Concatenate[S, P], Worker]:
        @wraps(method)
        def start(self: S, *args: P.args, **kwargs: P.kwargs) -> Worker:
            return self.app.run_change(self, partial(method, self, *args, **kwargs), name=name, group=group)

        return start

    return decorator
