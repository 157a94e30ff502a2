"""Long work shown as it goes (fitting the scheduler, generating a deck, merging another copy):
a dialog with a progress bar over a job that runs in a thread worker.

The job is handed a :class:`LongWork`: called as ``work(done, total, stage)`` it is the
``progress`` callback the core's long functions take (``optimize.fit``, ``pipeline.generate``,
``Store.merge``), and it moves the bar; ``work.database(fn)`` runs ``fn`` under the app's
database lock. Esc asks the job to stop: the next ``work(...)`` call raises :class:`Cancelled`
(inside a transaction, which then rolls back), so a stage already running (the optimizer's one
silent fit) finishes first and the dialog says it is stopping until it has. The dialog
dismisses with the job's result, or ``None`` when it was cancelled or refused (a
:class:`~anastro_quiz.errors.UserError`: its message is the notification); any other failure
is the app's to report, as for every worker.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable, Generic, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static

from ...errors import UserError
from ..work import Jobs, Reply

T = TypeVar("T")
R = TypeVar("R")


class Cancelled(Exception):
    """Esc was pressed: raised from the job's next progress call, so the job stops there."""


class LongWork:
    """What a job is given: the progress callback (call it) and the database (``database``)."""

    def __init__(self, dialog: "LongWorkDialog", stop: threading.Event) -> None:
        self._dialog = dialog
        self._stop = stop

    def __call__(self, done: int, total: int, stage: str) -> None:
        if self._stop.is_set():
            raise Cancelled()
        self._dialog.post_message(LongWorkDialog.Stepped(done, total, stage))

    def database(self, job: Callable[[], R]) -> R:
        """``job()`` under the app's database lock. A cancel or a refusal raised inside it is
        raised again outside, so that the app does not report it as a failed database job."""

        def guarded() -> tuple[bool, object]:
            try:
                return True, job()
            except (Cancelled, UserError) as exc:
                return False, exc

        done, value = self._dialog.database(guarded)
        if not done:
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]


class LongWorkDialog(Jobs, ModalScreen[T | None], Generic[T]):
    """A progress bar and the stage under way; dismisses with the job's result (``None``:
    cancelled, or refused with a notification saying why)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", tooltip="Stop at the end of the current stage", id="cancel")]

    def __init__(self, title: str, job: Callable[[LongWork], T], *, name: str,
                 cancelled: str = "Cancelled: nothing was changed.") -> None:
        super().__init__()
        self.title_text = title
        self.job = job
        self.job_name = name  # the worker's name: a failure's notification says what failed
        self.cancelled_text = cancelled  # what the notification says once a cancel has stopped the job
        self._stop = threading.Event()

    def compose(self) -> ComposeResult:
        with Vertical(id="long-work-box", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield ProgressBar(id="long-work-bar", show_eta=False)
            yield Static("Starting…", id="long-work-stage", markup=False)
            yield Static("Esc cancels (at the end of the current stage).", id="long-work-hint", classes="dialog-hint")

    def on_mount(self) -> None:
        self.run_job().name = self.job_name

    @dataclass
    class Stepped(Message, bubble=False):
        done: int
        total: int
        stage: str

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, LongWorkDialog.Stepped)  # a burst of steps: the last one counts

    @dataclass
    class Finished(Reply):
        result: object
        error: str | None  # a refusal's message (UserError)
        cancelled: bool

    @work(thread=True, exit_on_error=False, group="long work")
    def run_job(self) -> None:
        try:
            self.post_message(self.Finished(self.job(LongWork(self, self._stop)), None, False))
        except Cancelled:
            self.post_message(self.Finished(None, None, True))
        except UserError as exc:
            self.post_message(self.Finished(None, str(exc), False))

    @on(Stepped)
    def _stepped(self, message: Stepped) -> None:
        self.query_one("#long-work-bar", ProgressBar).update(total=max(1, message.total), progress=message.done)
        if not self._stop.is_set() and message.stage:
            self.query_one("#long-work-stage", Static).update(message.stage[:1].upper() + message.stage[1:] + "…")

    @on(Finished)
    def _finished(self, message: Finished) -> None:
        if message.cancelled:
            self.app.notify(self.cancelled_text, title=self.title_text, timeout=4, markup=False)
        elif message.error is not None:
            self.app.notify(message.error, title=f"{self.title_text}: not done", severity="error",
                            timeout=10, markup=False)
        self.dismiss(message.result)

    def work_failed(self, worker) -> None:
        self.dismiss(None)  # the app has said why

    def action_cancel(self) -> None:
        if self._stop.is_set():
            return
        self._stop.set()
        self.query_one("#long-work-stage", Static).update("Stopping at the end of the current stage…")
        self.query_one("#long-work-hint", Static).update("")
