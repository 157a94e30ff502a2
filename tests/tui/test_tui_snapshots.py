"""SVG snapshots of the screens a person looks at most: Home, Review, Cards and Quiz setup at
80x24 and 200x50, Home also at 100x30, quiz results and Progress at 80x24 (fixed clock, no
fuzz, UTC).

Update after an intended change with ``pytest tests/tui/test_tui_snapshots.py --snapshot-update``
and look at the report before committing.
"""

from __future__ import annotations

import random

import pytest

from anastro_quiz.quiz import Quiz
from anastro_quiz.scheduler import SchedulerSettings
from anastro_quiz.tui.screens.quiz_results import QuizResultsScreen

from .conftest import home_loaded, press, settle
from .test_tui_quiz_progress import _study_some

SIZE = (80, 24)


@pytest.fixture
def steady(collection):
    """Fuzzing off, so intervals and forecasts are the same on every run."""
    collection.save_scheduler_settings(SchedulerSettings(enable_fuzzing=False))
    return collection



def test_home(app, steady, clock, snap_compare):
    _study_some(steady, clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=home_loaded)


def test_review_answer_shown(app, steady, snap_compare):
    async def run_before(pilot):
        await home_loaded(pilot)
        await press(pilot, "enter", "space")

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_quiz_results(app, steady, snap_compare):
    async def run_before(pilot):
        await home_loaded(pilot)
        quiz = Quiz.create(steady, None, 4, rng=random.Random(4))
        quiz.answer(quiz.current.answer)
        quiz.answer("wrong")
        result = quiz.finish()
        await pilot.app.push_screen(QuizResultsScreen(quiz, result))
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_progress(app, steady, clock, snap_compare):
    _study_some(steady, clock)

    async def run_before(pilot):
        await home_loaded(pilot)
        await press(pilot, "p", "right", "right")  # the forecast chart

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


MEDIUM = (100, 30)


def test_home_medium(app, steady, clock, snap_compare):
    """Home at 100x30, a common window: the decks, and the highlighted deck's details below."""
    _study_some(steady, clock)
    assert snap_compare(app, terminal_size=MEDIUM, run_before=home_loaded)


WIDE = (200, 50)


def test_home_wide(app, steady, clock, snap_compare):
    _study_some(steady, clock)
    assert snap_compare(app, terminal_size=WIDE, run_before=home_loaded)


def test_review_answer_shown_wide(app, steady, snap_compare):
    """At 200 columns the card keeps a readable measure, centred."""
    async def run_before(pilot):
        await home_loaded(pilot)
        await press(pilot, "enter", "space")

    assert snap_compare(app, terminal_size=WIDE, run_before=run_before)


@pytest.mark.parametrize("size", [SIZE, WIDE], ids=["80x24", "200x50"])
def test_cards(app, steady, clock, snap_compare, size):
    """The Cards browser: prompt and answer columns, flags (a marked and a suspended card)."""
    _study_some(steady, clock)
    items = list(steady.items.values())
    steady.set_marked(items[0], True)
    steady.set_suspended(items[1], True)

    async def run_before(pilot):
        await home_loaded(pilot)
        await press(pilot, "c")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [SIZE, WIDE], ids=["80x24", "200x50"])
def test_quiz_setup(app, steady, snap_compare, size):
    """Quiz setup: decks and topics as checkboxes, the highlighted row not mistaken for a ticked one."""
    async def run_before(pilot):
        await home_loaded(pilot)
        await press(pilot, "t")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [SIZE, WIDE], ids=["80x24", "200x50"])
def test_review_question(app, steady, snap_compare, size):
    """Review before the answer shows: the card at a readable measure, the keys that work now."""
    async def run_before(pilot):
        await home_loaded(pilot)
        await press(pilot, "enter")

    assert snap_compare(app, terminal_size=size, run_before=run_before)
