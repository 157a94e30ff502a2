"""Failed database work never freezes a screen, and one request starts one session or quiz.

A failed write is provoked for real: another connection holds the write lock
(``BEGIN IMMEDIATE``) while the app's connection waits a short busy timeout.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from textual.widgets import Input

from anastro_quiz.tui.screens.home import HomeScreen
from anastro_quiz.tui.screens.quiz import QuizScreen
from anastro_quiz.tui.screens.quiz_results import QuizResultsScreen
from anastro_quiz.tui.screens.review import ReviewScreen
from anastro_quiz.tui.screens.summary import SummaryScreen

import rawdb

from .conftest import press, settle
from .test_tui_quiz_progress import start_quiz
from .test_tui_review import answer_and_grade, open_review, reviews


@contextmanager
def write_locked(collection):
    """Another process holding the write lock; the app's connection gives up after 100 ms."""
    collection.store.wait_at_most(0.1)
    with rawdb.write_locked(collection.store.path):
        yield


def count(collection, table: str) -> int:
    """Rows of ``table`` (sessions, quiz_runs or quiz_answers), as the store lists them."""
    return len({"sessions": collection.store.sessions, "quiz_runs": collection.store.quiz_runs,
                "quiz_answers": collection.store.quiz_answers}[table]())


def ended_sessions(collection) -> int:
    return sum(s["ended_at"] is not None for s in collection.store.sessions())


def busy_notified(app) -> bool:
    return any("busy" in n.message for n in app._notifications)


def review_screens(app) -> list[ReviewScreen]:
    return [s for s in app.screen_stack if isinstance(s, ReviewScreen)]


async def reveal_untyped(pilot) -> ReviewScreen:
    screen = pilot.app.screen
    while screen.shown.item.type == "typed":  # Space would type into the answer box
        await press(pilot, "b")
    await press(pilot, "space")
    assert screen.revealed
    return screen


# --- a failed write unlocks the screen ---------------------------------------------


@pytest.mark.worker_errors  # the write lock makes a worker fail on purpose
async def test_failed_grade_can_be_retried_and_is_stored_once(app, collection):
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_review(pilot)
        screen = await reveal_untyped(pilot)
        card = screen.shown.item
        with write_locked(collection):
            await press(pilot, "3")
        assert busy_notified(app)
        assert reviews(collection) == []
        # Not frozen: the same card, still revealed, and grading again works.
        assert not screen.busy and screen.revealed and screen.shown.item.id == card.id
        await press(pilot, "3")
        rows = reviews(collection)
        assert [(r[0], r[1], r[3]) for r in rows] == [(card.id, 3, 0)]
        assert screen.shown.item.id != card.id and not screen.revealed
        assert screen.session.done == 1
        await press(pilot, "q")  # leaving works too
        assert isinstance(app.screen, SummaryScreen) and app.screen.data.summary.reviewed == 1
    assert len(reviews(collection)) == 1
    assert ended_sessions(collection) == 1


@pytest.mark.worker_errors  # the write lock makes a worker fail on purpose
async def test_after_a_failed_grade_leave_and_undo_still_work(app, collection):
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_review(pilot)
        screen = await reveal_untyped(pilot)
        graded = screen.shown.item
        await press(pilot, "4")
        screen = await reveal_untyped(pilot)
        with write_locked(collection):
            await press(pilot, "2")
        assert not screen.busy
        await press(pilot, "u")  # undoes the one grade that was stored
        assert screen.shown.item.id == graded.id and not screen.revealed
        assert [(r[0], r[3]) for r in reviews(collection)] == [(graded.id, 1)]
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.worker_errors  # the write lock makes a worker fail on purpose
async def test_failed_undo_keeps_the_grade_to_undo(app, collection):
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_review(pilot)
        first = (await reveal_untyped(pilot)).shown.item
        await press(pilot, "3")
        screen = await reveal_untyped(pilot)
        second = screen.shown.item
        await press(pilot, "3")
        with write_locked(collection):
            await press(pilot, "u")
        assert busy_notified(app) and not screen.busy
        assert [r[3] for r in reviews(collection)] == [0, 0]
        await press(pilot, "u")  # the retry undoes the second grade, not the first
        assert screen.shown.item.id == second.id
        assert [(r[0], r[3]) for r in reviews(collection)] == [(first.id, 0), (second.id, 1)]


@pytest.mark.worker_errors  # the write lock makes a worker fail on purpose
async def test_failed_finish_can_be_retried(app, collection):
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_review(pilot)
        await reveal_untyped(pilot)
        await press(pilot, "4")
        screen = app.screen
        with write_locked(collection):
            await press(pilot, "q")  # recording the session's end fails
        assert busy_notified(app) and app.screen is screen and not screen.busy
        await press(pilot, "q")
        assert isinstance(app.screen, SummaryScreen)
    assert ended_sessions(collection) == 1


@pytest.mark.worker_errors  # the write lock makes a worker fail on purpose
async def test_failed_quiz_answer_can_be_retried(app, collection):
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await start_quiz(pilot, 2)
        question = screen.quiz.current
        with write_locked(collection):
            if question.kind == "typed":
                await pilot.press(*question.answer)
                await press(pilot, "enter")
            else:
                await press(pilot, str(question.options.index(question.answer) + 1))
        assert busy_notified(app) and not screen.busy and screen.feedback is None
        assert count(collection, "quiz_answers") == 0
        if question.kind == "typed":
            assert screen.query_one("#quiz-typed", Input).value == question.answer
            await press(pilot, "enter")
        else:
            await press(pilot, str(question.options.index(question.answer) + 1))
        assert screen.feedback is not None and screen.feedback.correct
        assert count(collection, "quiz_answers") == 1
        await press(pilot, "enter")
        with write_locked(collection):
            await press(pilot, "escape")  # saving the result fails
        assert app.screen is screen and not screen.busy and not screen.quiz.finished
        await press(pilot, "escape")
        assert isinstance(app.screen, QuizResultsScreen)
        assert app.screen.result.score == 1


# --- one study request, one session ------------------------------------------------


async def test_enter_twice_on_home_opens_one_session(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        with app.db_lock:  # the first start is still in its worker when the second Enter lands
            await pilot.press("enter", "enter")
        await settle(pilot)
        assert len(review_screens(app)) == 1 and isinstance(app.screen, ReviewScreen)
        assert count(collection, "sessions") == 1
        screen = app.screen
        graded = screen.shown.item.id
        await answer_and_grade(pilot, "4")  # Easy: not due again today
        await press(pilot, "q")
        assert isinstance(app.screen, SummaryScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, ReviewScreen) and len(review_screens(app)) == 1
        assert app.screen.shown.item.id != graded
        assert count(collection, "sessions") == 2
    assert [(r[0], r[1]) for r in reviews(collection)] == [(graded, 4)]


async def test_palette_cannot_start_a_second_session_inside_a_review(app, collection):
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_review(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"study everything")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert len(review_screens(app)) == 1 and isinstance(app.screen, ReviewScreen)
        assert count(collection, "sessions") == 1
        assert any("already" in n.message for n in app._notifications)


async def test_redrill_pressed_twice_starts_one_drill(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await reveal_untyped(pilot)
        await press(pilot, "1", "q")
        assert isinstance(app.screen, SummaryScreen)
        with app.db_lock:
            await pilot.press("r", "r")
        await settle(pilot)
        assert len(review_screens(app)) == 1 and app.screen.session.mode == "drill"
        assert count(collection, "sessions") == 2


async def test_one_quiz_at_a_time(app, collection):
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await start_quiz(pilot, 2)
        app.action_quiz()  # e.g. from the command palette
        await settle(pilot)
        assert app.screen is screen
        assert [type(s) for s in app.screen_stack].count(QuizScreen) == 1
        for _ in range(2):
            question = screen.quiz.current
            wrong = next(o for o in question.options if o != question.answer) if question.options else "zzz"
            if question.kind == "typed":
                await pilot.press(*wrong)
                await press(pilot, "enter")
            else:
                await press(pilot, str(question.options.index(wrong) + 1))
            await press(pilot, "enter")
        assert isinstance(app.screen, QuizResultsScreen)
        with app.db_lock:
            await pilot.press("r", "r")
        await settle(pilot)
        assert isinstance(app.screen, QuizScreen)
        assert [type(s) for s in app.screen_stack].count(QuizScreen) == 1
        assert count(collection, "quiz_runs") == 2
