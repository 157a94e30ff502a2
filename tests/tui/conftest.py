"""Fixtures for driving the real app (built by ``make_app``) with Pilot."""

from __future__ import annotations

import time

import pytest
from textual.widgets import Input, ProgressBar, Static, Switch
from textual.worker import WorkerCancelled, WorkerFailed

#: Every background job that failed in this test, as the app reported it: (job name, error).
failures: list[tuple[str, BaseException | None]] = []


@pytest.fixture(autouse=True)
def _stable_terminal(monkeypatch):
    """UTC study days and no blinking cursor, so screens (and snapshots) do not vary by machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setattr(Input, "cursor_blink", False)
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def app(collection):
    from anastro_quiz.tui.app import make_app

    return make_app(collection)


_expect_worker_errors = False


@pytest.fixture(autouse=True)
def _worker_errors(request, monkeypatch):
    """A worker that fails fails the test, unless the test is marked ``worker_errors``
    (it provokes a failure on purpose, to check the app turns it into a notification).
    Failures are caught where the app reports them (``StudyApp.report_failure``), so one
    that ended between two waits is not missed; :func:`settle` raises at the next wait,
    and the test fails at its end if nothing waited after it."""
    global _expect_worker_errors
    from anastro_quiz.tui.app import StudyApp

    _expect_worker_errors = request.node.get_closest_marker("worker_errors") is not None
    failures.clear()
    report = StudyApp.report_failure

    def recorded(self, name, error):
        said = report(self, name, error)
        if said:
            failures.append((name, error))
        return said

    monkeypatch.setattr(StudyApp, "report_failure", recorded)
    yield
    unexpected = [] if _expect_worker_errors else list(failures)
    _expect_worker_errors = False
    failures.clear()
    if unexpected:
        pytest.fail(f"a worker failed: {unexpected[0][0]}: {unexpected[0][1]!r}")


def _no_failures() -> None:
    if failures and not _expect_worker_errors:
        name, error = failures[0]
        raise AssertionError(f"a worker failed: {name}: {error!r}") from error


async def settle(pilot, rounds: int = 30) -> None:
    """Wait until database workers (and the workers their callbacks start) are done."""
    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        _no_failures()
        try:
            await app.workers.wait_for_complete()
        except WorkerFailed as failed:
            if not _expect_worker_errors:
                raise AssertionError(f"a worker failed: {failed.error!r}") from failed.error
        except WorkerCancelled:
            pass  # superseded by a newer request (an exclusive job): its result is dropped
        await pilot.pause()
        _no_failures()
        # Home asks for its data from on_mount, which may not have run yet on the first round.
        home_waiting = type(app.screen).__name__ == "HomeScreen" and app.screen.data is None
        if not home_waiting and not any(w.is_running for w in app.workers):
            return
    raise AssertionError("workers did not settle")


async def home_loaded(pilot) -> None:
    """Home has asked for its data and drawn it (settle alone can run before the first request)."""
    for _ in range(200):
        await settle(pilot)
        if type(pilot.app.screen).__name__ == "HomeScreen" and pilot.app.screen.data is not None:
            return
    raise AssertionError("Home never loaded")


async def press(pilot, *keys: str) -> None:
    """Press keys one at a time, letting each one's database work finish."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def until(pilot, condition, tries: int = 200) -> None:
    """Wait (without settling: a worker may be held on purpose) until ``condition()`` holds."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("never happened")


async def long_work_shown(pilot, steps: int | None = None) -> str:
    """Wait (the work is held on purpose) until the long-work dialog is up, its bar ``steps``
    long if given (the work has said how much there is); its stage line."""
    from anastro_quiz.tui.dialogs.long_work import LongWorkDialog

    app = pilot.app

    def shown() -> bool:
        return isinstance(app.screen, LongWorkDialog) and (
            steps is None or app.screen.query_one("#long-work-bar", ProgressBar).total == steps)

    await until(pilot, shown)
    return str(app.screen.query_one("#long-work-stage", Static).render())


async def choose_path(pilot, path, switch: bool | None = None) -> None:
    """In the path dialog on screen (n on Home, m on Progress): type ``path``, set its switch
    if given, and go."""
    from anastro_quiz.tui.dialogs.path import PathDialog

    dialog = pilot.app.screen
    assert isinstance(dialog, PathDialog)
    dialog.query_one("#path-input", Input).value = str(path)
    if switch is not None:
        dialog.query_one("#path-switch", Switch).value = switch
    await pilot.press("enter")
