"""A quiz asked for more questions than the decks hold says so, from its first question."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from .conftest import press
from .test_tui_quiz_progress import answer_current, start_quiz
from .test_tui_toast_place import toasts_shown


async def test_quiz_says_when_it_has_fewer_questions_than_asked(app, collection):
    available = len(collection.items)  # every card of the sample deck (cloze gaps and reverses count)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_quiz(pilot, available + 7)
        note = screen.query_one("#quiz-note", Static)
        expected = f"{available} questions (only {available} cards in this deck; you asked for {available + 7})"
        assert note.display and str(note.render()) == expected
        assert f"of {available}" in str(screen.query_one("#quiz-position", Static).render())
        await answer_current(pilot, screen, right=True)
        assert str(screen.query_one("#quiz-note", Static).render()) == expected  # still in sight


async def test_a_quiz_of_the_size_asked_says_nothing(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_quiz(pilot, 3)
        assert len(screen.quiz.questions) == 3
        assert not screen.query_one("#quiz-note", Static).display
        assert not [n for n in app._notifications if "you asked for" in n.message]


async def test_nothing_covers_the_options_of_a_shorter_quiz(app, collection):
    """At 80x24 a toast sits over the bottom right, where long options wrap: the shorter quiz's
    note and the hint Space gives are lines of the screen, never toasts over the options."""
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await start_quiz(pilot, len(collection.items) + 7)
        while screen.quiz.current.kind == "typed":
            await answer_current(pilot, screen, right=True)
        assert screen.query_one("#quiz-note", Static).display
        assert toasts_shown(app) == []
        await press(pilot, "space")  # before an answer: says how to answer
        hint = screen.query_one("#quiz-feedback", Static)
        assert hint.display and str(hint.render()).startswith("Pick an answer: 1-")
        assert hint.region.area  # in sight, below the options
        assert toasts_shown(app) == [] and screen.query_one("#quiz-options", OptionList).region.area
