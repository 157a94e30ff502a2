"""The exam plan from the app: Progress's Exam tab previews, applies and shows it as you study."""

from __future__ import annotations

from datetime import date

from textual.widgets import Button, Input, Static, TabbedContent

from anastro_quiz.scheduler import Rating
from anastro_quiz.tui.screens.progress import ProgressScreen

from .conftest import press, settle


def _study_everything(collection, clock) -> None:
    session = collection.start_session()
    while not session.finished:
        session.grade(Rating.Easy)
        clock.advance(minutes=2)
    session.finish()


async def _exam_tab(pilot) -> ProgressScreen:
    await press(pilot, "p")
    screen = pilot.app.screen
    assert isinstance(screen, ProgressScreen)
    screen.query_one(TabbedContent).active = "exam"
    await settle(pilot)
    return screen


def _text(screen, widget_id: str) -> str:
    return str(screen.query_one(widget_id, Static).render())


async def test_preview_then_apply_a_plan_and_progress_follows_it(app, collection, clock):
    _study_everything(collection, clock)  # 6 cards known (Easy): next reviews about a week away;
    # the reverse side and the second cloze wait (siblings apart): new cards of the plan
    before = {r.card_id: r.due for r in collection.store.schedule_rows()}
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = await _exam_tab(pilot)
        assert "No exam plan" in _text(screen, "#plan-text")
        screen.query_one("#exam-date", Input).value = "2026-03-09"
        screen.query_one("#exam-recall", Input).value = "0.97"
        await pilot.click("#plan-preview")
        await settle(pilot)
        shown = _text(screen, "#plan-text")
        assert "Preview (nothing changed yet)" in shown and "recall 0.97 or above" in shown
        assert "2026-03-08" in shown and "(8 of 8)" in shown
        assert collection.exam_plan() is None
        assert {r.card_id: r.due for r in collection.store.schedule_rows()} == before

        await pilot.click("#plan-apply")
        await settle(pilot)
        assert "Exam plan saved" in _text(screen, "#plan-text")
        plan = collection.exam_plan()
        assert (plan.exam, plan.recall, plan.decks) == (date(2026, 3, 9), 0.97, ("sample",))
        after = {r.card_id: r.due for r in collection.store.schedule_rows()}
        # Every studied card is next due before the exam: those due on or after it come forward
        # (load balancing spreads the week's reviews, so some were due before it anyway).
        studied = [c for c in after if before[c]]
        assert all(after[c] < "2026-03-09" and after[c] <= before[c] for c in studied)
        assert sum(before[c] >= "2026-03-09" for c in studied) >= 3
        await press(pilot, "q")

        # Progress shows the plan in force, with the fields it was made with.
        screen = await _exam_tab(pilot)
        assert "Exam plan in force" in _text(screen, "#plan-text")
        assert screen.query_one("#exam-recall", Input).value == "0.97"
        assert screen.query_one("#exam-date", Input).value == "2026-03-09"
        await press(pilot, "q")


async def test_bad_plan_input_is_a_warning_and_saves_nothing(app, collection):
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = await _exam_tab(pilot)
        for exam, recall, message in [("2026-03-01", "0.9", "is not after today"),
                                      ("2026-04-01", "1.2", "between 0 and 1")]:
            screen.query_one("#exam-date", Input).value = exam
            screen.query_one("#exam-recall", Input).value = recall
            pilot.app.clear_notifications()
            screen.query_one("#plan-apply", Button).press()
            await settle(pilot)
            assert any(message in n.message for n in pilot.app._notifications), [n.message for n in pilot.app._notifications]
        assert collection.exam_plan() is None


async def test_the_simulate_tab_runs_fsrs_simulator_or_says_what_is_missing(app, collection, monkeypatch):
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        screen = pilot.app.screen
        screen.query_one(TabbedContent).active = "simulate"
        await settle(pilot)
        screen.query_one("#simulate-run", Button).press()
        await settle(pilot)
        text = _text(screen, "#simulate-text")
        assert "8 cards over 365 days at desired retention 0.9" in text
        assert "least study time per memorised card" in text
        import sys

        monkeypatch.setitem(sys.modules, "fsrs_rs_python", None)  # as if the optimizer extra were missing
        screen.query_one("#simulate-run", Button).press()
        await settle(pilot)
        assert "anastro-quiz[optimizer]" in _text(screen, "#simulate-text")


async def test_the_preview_says_new_cards_come_faster_and_home_offers_them(app, collection):
    from anastro_quiz.settings import DailyLimits

    collection.save_limits(DailyLimits(new_per_day=2, reviews_per_day=200))  # 8 new cards: 4 days at 2 a day
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = await _exam_tab(pilot)
        screen.query_one("#exam-date", Input).value = "2026-03-06"
        screen.query_one("#exam-recall", Input).value = "0.97"
        await pilot.click("#plan-apply")
        await settle(pilot)
        shown = _text(screen, "#plan-text")
        assert "New cards brought forward:" in shown and "a day in sample until the exam" in shown, shown
        assert "too late" not in shown
        pace = dict(collection.exam_plan().new_pace)["sample"]
        assert pace > 2 and collection.limits("sample").new_per_day == 2  # Settings keeps its limit
        assert [s.new for s in collection.deck_summaries()] == [min(pace, 8)]  # Home offers the plan's pace
        await press(pilot, "q")
