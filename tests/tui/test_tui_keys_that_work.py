"""Keys that never bite: one Space/Enter rule in Review and Quiz, typed cards that keep their
letters yet reach Help, Undo and Back, and a footer that shows only the keys that work now
(with Help and Back visible at 80 columns)."""

from __future__ import annotations

import random

from textual.widgets import Input

from anastro_quiz.quiz import Quiz
from anastro_quiz.tui.widgets.key_bar import KeyBar
from anastro_quiz.tui.screens.browse import BrowseScreen
from anastro_quiz.tui.screens.help import HelpScreen
from anastro_quiz.tui.screens.progress import ProgressScreen
from anastro_quiz.tui.screens.quiz import QuizScreen
from anastro_quiz.tui.screens.review import ReviewScreen
from anastro_quiz.tui.screens.settings import SettingsScreen
from anastro_quiz.tui.screens.summary import SummaryScreen

from .conftest import home_loaded, press, settle
from .test_tui_choice import _reach
from .test_tui_review import open_review, reviews


def footer(app) -> dict[str, tuple[str, int, int]]:
    """What the footer shows: description -> (key shown, first column, end column)."""
    return {k.description: (k.key_display, region.x, region.right)
            for bar in app.screen.query(KeyBar) for k, region in bar.key_regions() if bar.region.width}


def assert_readable_at_80(app, *descriptions: str) -> None:
    """Each of ``descriptions`` is in the footer, inside 80 columns and clear of Ctrl+P's entry."""
    shown = footer(app)
    palette = shown.get("palette", ("", 80, 80))[1]
    for description in descriptions:
        assert description in shown, (description, shown)
        _key, start, end = shown[description]
        assert end <= min(80, palette), (description, shown)


async def open_quiz(pilot, collection, kind: str) -> QuizScreen:
    quiz = Quiz.create(collection, None, 8, rng=random.Random(4))
    await pilot.app.push_screen(QuizScreen(quiz))
    await settle(pilot)
    screen = pilot.app.screen
    while screen.quiz.current.kind != kind:
        question = screen.quiz.current
        if question.kind == "typed":
            await pilot.press(*question.answer)
            await press(pilot, "enter")
        else:
            await press(pilot, "1")
        await press(pilot, "enter")
    return screen


async def test_space_and_enter_never_answer_a_quiz_question(app, collection):
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await home_loaded(pilot)
        screen = await open_quiz(pilot, collection, "choice")
        position = screen.quiz.position
        answered = len(screen.quiz.answers)
        await press(pilot, "space", "enter")
        assert screen.feedback is None and len(screen.quiz.answers) == answered
        assert screen.quiz.position == position
        said = screen.query_one("#quiz-feedback")
        assert said.display and str(said.render()).startswith("Pick an answer: 1-")
        assert "Next question" not in footer(app)
        wrong = next(o for o in screen.quiz.current.options if o != screen.quiz.current.answer)
        await press(pilot, str(screen.quiz.current.options.index(wrong) + 1))
        assert screen.feedback is not None and not screen.feedback.correct
        assert "Next question" in footer(app)
        await press(pilot, "space")  # now Space goes on
        assert screen.quiz.position == position + 1


async def test_space_on_a_choice_card_in_review_picks_nothing(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _reach(pilot, "choice")
        before = len(reviews(collection))
        await press(pilot, "space")
        assert screen.revealed and screen.picked is None and screen.proposed_grade() is None
        assert len(reviews(collection)) == before  # showing is not answering
        await press(pilot, "space")  # once shown, Space accepts (Good, as in Anki)
        assert reviews(collection)[-1][1] == 3


async def test_typed_cards_keep_their_letters_and_still_reach_help_undo_and_back(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        buried = screen.shown.item
        while screen.shown.item.type != "typed":
            await press(pilot, "b")
        typed_card = screen.shown.item
        typed = screen.query_one("#typed", Input)
        await press(pilot, "question_mark", "u", "q", "s", "minus", "at")
        assert typed.value == "?uqs-@" and app.screen is screen and screen.shown.item is typed_card
        shown = footer(app)
        assert (shown["Help"][0], shown["Undo"][0], shown["Back"][0]) == ("f1", "^z", "esc")
        assert "Bury" not in shown and "Suspend" not in shown  # - and @ are typed here
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        assert app.screen is screen and typed.value == "?uqs-@"
        while screen.shown.item.key == typed_card.key or screen.session.can_undo:
            await press(pilot, "ctrl+z")  # take back every bury, back to the first card
        assert screen.shown.item.key == buried.key
        assert collection.store.schedule_row(buried.deck_id, buried.id).buried_until is None


async def test_review_footer_shows_what_works_now_and_fits_80_columns(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        shown = footer(app)
        assert shown["Show answer"][0] == "space"
        assert not {"Accept grade", "Source", "Why", "Undo"} & set(shown)  # none works yet
        assert_readable_at_80(app, "Show answer", "Help", "Back")
        await press(pilot, "space")
        shown = footer(app)
        assert "Show answer" not in shown and shown["Accept grade"][0] == "space"
        assert "Source" in shown  # the first card has a source
        assert_readable_at_80(app, "Accept grade", "Source", "Edit", "Help", "Back")
        await press(pilot, "3")
        assert_readable_at_80(app, "Show answer", "Undo", "Help", "Back")


async def test_every_screen_shows_help_and_its_way_back_at_80_columns(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        assert_readable_at_80(app, "Help", "Quit")
        for key, screen_type, back in (("c", BrowseScreen, "Back"), ("p", ProgressScreen, "Back"),
                                       ("s", SettingsScreen, "Back")):
            await press(pilot, key)
            assert isinstance(app.screen, screen_type)
            assert_readable_at_80(app, "Help", back)
            await press(pilot, "escape")
        await open_quiz(pilot, collection, "choice")
        assert_readable_at_80(app, "Help", "End quiz")
        await press(pilot, "escape")  # end the quiz
        await press(pilot, "escape")  # results -> Home
        screen = await open_review(pilot)
        await press(pilot, "space", "3", "q")
        assert isinstance(app.screen, SummaryScreen) and screen is not app.screen
        assert_readable_at_80(app, "Help", "Home")
