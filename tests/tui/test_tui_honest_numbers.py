"""Numbers that do not mislead: the session summary counts cards and reviews apart, the exam
tab refuses a past date and says its prediction assumes no further review, and Home's mastery is
not the recall predicted now."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from anastro_quiz.collection import DailyLimits
from anastro_quiz.tui.screens.progress import ProgressScreen
from anastro_quiz.tui.screens.summary import SummaryScreen

from .conftest import home_loaded, press
from .test_tui_review import open_review


async def test_summary_counts_cards_and_reviews_apart(app, collection):
    collection.save_limits(DailyLimits(new_per_day=2))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await press(pilot, "space", "1", "space", "3", "space", "3")  # Again on the first card: it comes back
        await press(pilot, "q")
        assert isinstance(app.screen, SummaryScreen)
        body = str(app.screen.query_one("#summary-body", Static).render())
        assert "Cards reviewed  2 (3 reviews)" in body


async def test_exam_tab_refuses_a_past_date_and_says_it_assumes_no_more_review(app, collection, clock):
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await home_loaded(pilot)
        await press(pilot, "p")
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        exam = screen.query_one("#exam-text", Static)
        assert "If you review nothing before then" in str(exam.render())
        before = str(exam.render())
        await press(pilot, "right", "right", "right", "right", "right")  # the Exam tab
        field = screen.query_one("#exam-date", Input)
        field.focus()
        field.value = ""
        await pilot.press(*"2026-03-01")  # the day before the clock's today
        await press(pilot, "enter")
        assert any("2026-03-01 has passed" in str(n.message) for n in app._notifications)
        assert str(exam.render()) == before  # no prediction for a past day


async def test_home_mastery_is_not_the_recall_predicted_now(app, collection, clock):
    session = collection.start_session()
    while not session.finished:  # every card learnt a minute ago, all remembered
        session.grade(3)
        clock.advance(minutes=11)
    session.finish()
    collection.save_limits(DailyLimits(new_per_day=0))
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        row = app.screen.query_one("#decks", DataTable).get_row_at(0)
        assert str(row[4]).strip().endswith("0%")


async def test_home_says_a_deck_not_studied_yet_instead_of_0_percent(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        await home_loaded(pilot)
        assert str(app.screen.query_one("#decks", DataTable).get_row_at(0)[4]) == "not studied yet"
        await press(pilot, "enter", "space", "3", "q", "enter")  # one card learnt: now a 0% bar
        await home_loaded(pilot)
        assert str(app.screen.query_one("#decks", DataTable).get_row_at(0)[4]).strip().endswith("0%")
