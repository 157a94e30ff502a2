"""Quiz, progress, settings, help and command palette flows."""

from __future__ import annotations

from textual.widgets import Input, SelectionList, Static, TabbedContent

from anastro_quiz.collection import DailyLimits
from anastro_quiz.scheduler import Rating
from anastro_quiz.tui.dialogs.quiz_setup import QuizSetupDialog
from anastro_quiz.tui.screens.help import HelpScreen
from anastro_quiz.tui.screens.home import HomeScreen
from anastro_quiz.tui.screens.progress import ProgressScreen
from anastro_quiz.tui.screens.quiz import QuizScreen
from anastro_quiz.tui.screens.quiz_results import QuizResultsScreen
from anastro_quiz.tui.screens.settings import SettingsScreen

from .conftest import press, settle


async def start_quiz(pilot, questions: int) -> QuizScreen:
    await settle(pilot)
    await press(pilot, "t")
    dialog = pilot.app.screen
    assert isinstance(dialog, QuizSetupDialog)
    assert list(dialog.query_one("#quiz-decks", SelectionList).selected) == ["sample"]
    count = dialog.query_one("#quiz-count", Input)
    count.value = str(questions)
    await press(pilot, "ctrl+s")
    assert isinstance(pilot.app.screen, QuizScreen)
    return pilot.app.screen


async def answer_current(pilot, screen: QuizScreen, right: bool) -> None:
    question = screen.quiz.current
    if question.kind == "typed":
        await pilot.press(*(question.answer if right else "zzz"))
        await press(pilot, "enter")
    else:
        wanted = question.answer if right else next(o for o in question.options if o != question.answer)
        await press(pilot, str(question.options.index(wanted) + 1))
    assert screen.feedback is not None and screen.feedback.correct is right
    await press(pilot, "enter")


async def test_full_quiz_with_results_and_retry(app, collection):
    schedule_before = collection.store.schedule_rows()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_quiz(pilot, 6)
        kinds = {q.kind for q in screen.quiz.questions}
        assert kinds == {"choice", "typed", "true_false"}
        for n in range(6):
            await answer_current(pilot, screen, right=n % 2 == 0)
        results = pilot.app.screen
        assert isinstance(results, QuizResultsScreen)
        assert (results.result.score, results.result.total) == (3, 6)
        assert "Score 3 / 6" in str(results.query_one("#quiz-score", Static).render())
        mistakes = [_shown(m) for m in results.query(".mistake")]
        assert len(mistakes) == 3 and all("answer:" in m and "source:" in m for m in mistakes)
        await press(pilot, "r")  # retry the mistakes
        retry = pilot.app.screen
        assert isinstance(retry, QuizScreen) and len(retry.quiz.questions) == 3
        for _ in range(3):
            await answer_current(pilot, retry, right=True)
        assert pilot.app.screen.result.score == 3
        await press(pilot, "q")
        assert isinstance(pilot.app.screen, HomeScreen)
    runs = collection.store.quiz_runs()
    assert sorted((r["questions"], r["score"]) for r in runs) == [(3, 3), (6, 3)]
    assert len(collection.store.quiz_answers()) == 9
    assert collection.store.schedule_rows() == schedule_before


async def test_ending_a_quiz_early_scores_the_rest_as_missed(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_quiz(pilot, 4)
        await answer_current(pilot, screen, right=True)
        await press(pilot, "escape")
        results = pilot.app.screen
        assert isinstance(results, QuizResultsScreen)
        assert (results.result.score, len(results.result.unanswered)) == (1, 3)
        assert "(no answer)" in _shown(results.query(".mistake").first())


def _shown(mistake) -> str:
    """A mistake on the results screen as text: its question, then its details."""
    return "\n".join(str(s.render()) for s in mistake.query(Static))


def _study_some(collection, clock) -> None:
    """A few days of history so every chart has data."""
    for day in range(3):
        session = collection.start_session()
        missed = set()
        while session.current is not None:
            item = session.current
            session.grade(Rating.Again if item.type == "typed" and item.id not in missed else Rating.Easy, 3000)
            missed.add(item.id)
            clock.advance(minutes=15)
        session.finish()
        clock.advance(days=3)


async def test_progress_screen_with_data(app, collection, clock):
    _study_some(collection, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "p")
        screen = pilot.app.screen
        assert isinstance(screen, ProgressScreen) and screen.data is not None
        overview = str(screen.query_one("#overview-text", Static).render())
        assert "Reviews" in overview and "Streak" in overview and "Leeches" in overview
        assert sum(screen.data.days.values()) > 0
        assert sum(d.due for d in screen.data.stats.forecast) > 0
        heat = str(screen.query_one("#heatmap-grid", Static).render())
        assert "Mon" in heat and "■" in heat
        await press(pilot, "right", "right")
        assert screen.query_one(TabbedContent).active == "forecast"
        assert "Mastery by topic" in str(screen.query_one("#mastery-text", Static).render())
        exam = str(screen.query_one("#exam-text", Static).render())
        assert "Predicted recall on" in exam and "Sample deck" in exam
        await press(pilot, "q")
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_settings_change_is_persisted(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        screen = pilot.app.screen
        assert isinstance(screen, SettingsScreen)
        assert screen.query_one("#set-retention", Input).value == "0.9"
        screen.query_one("#set-retention", Input).value = "0.85"
        screen.query_one("#set-new", Input).value = "5"
        screen.query_one("#set-learning", Input).value = "2 15 60"
        await press(pilot, "ctrl+s")
        assert collection.scheduler_settings().desired_retention == 0.85
        assert collection.scheduler_settings().learning_steps_minutes == [2.0, 15.0, 60.0]
        assert collection.limits() == DailyLimits(5, 200)
        screen.query_one("#set-retention", Input).value = "1.5"  # out of range: refused, not saved
        await press(pilot, "ctrl+s")
        assert collection.scheduler_settings().desired_retention == 0.85
        await press(pilot, "escape", "d")  # the refused 1.5 is an unsaved edit: Esc asks, d discards it
        assert isinstance(pilot.app.screen, HomeScreen)
        # Home now honours the new daily limit.
        assert "5 new" in str(pilot.app.screen.query_one("#today", Static).render())


async def test_help_lists_every_screen_with_a_and_q_on_home_quits(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        await press(pilot, "a")  # from Home's keys to every screen's
        text = "\n".join(str(s.render()) for s in pilot.app.screen.query(".help-description"))
        for expected in ("Study all due", "Show answer", "Undo", "Bury", "Suspend", "Source", "Retry mistakes",
                         "Command palette"):
            assert expected in text
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, HomeScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_command_palette_opens_a_deck(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"study deck")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        from anastro_quiz.tui.screens.review import ReviewScreen

        assert isinstance(pilot.app.screen, ReviewScreen)
