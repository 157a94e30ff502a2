"""A preview of another day (--today without --write-future) works on a copy of the progress
deleted at exit: studying is its trial, and every change that would be lost (settings, an
optimize, a merge, a generated deck, edits, suspending or marking) is refused before any
work is done, with a message naming --write-future. With --write-future they are made."""

from __future__ import annotations

from datetime import timedelta

from click.testing import CliRunner
from textual.widgets import Button, Input, Static, TabbedContent

from anastro_quiz.cli import cli
from anastro_quiz.cli.context import Context
from anastro_quiz.clock import study_day, utcnow
from anastro_quiz.collection import Collection
from anastro_quiz.tui.app import make_app
from anastro_quiz.tui.dialogs.edit_card import EditCardDialog
from anastro_quiz.tui.screens.browse import BrowseScreen
from anastro_quiz.tui.screens.home import HomeScreen
from anastro_quiz.tui.screens.progress import ProgressScreen
from anastro_quiz.tui.screens.quiz_results import QuizResultsScreen
from anastro_quiz.tui.screens.review import ReviewScreen
from anastro_quiz.tui.screens.settings import SettingsScreen
from anastro_quiz.tui.screens.summary import SummaryScreen

from .conftest import home_loaded, press, settle
from .test_tui_quiz_progress import answer_current, start_quiz
from .test_tui_review import answer_and_grade

DAY = (study_day(utcnow()) + timedelta(days=30)).isoformat()


def app_on_another_day(db, deck_dir, write_future: bool = False):
    """The app as the CLI builds it for ``--today DAY`` (a preview unless ``write_future``)."""
    obj = Context(db=db, deck_paths=[deck_dir], today=study_day(utcnow()) + timedelta(days=30),
                  write_future=write_future)
    return make_app(opener=obj.open_collection, today=DAY, today_notice=obj.today_notice(),
                    preview=obj.previewing), obj


def refusals(app) -> list[str]:
    return [str(n.message) for n in app._notifications if n.title == "Not kept in a preview"]


def new_per_day(db, deck_dir) -> int:
    collection = Collection.open(db, [deck_dir])
    try:
        return collection.limits().new_per_day
    finally:
        collection.close()


async def test_settings_in_a_preview_say_so_on_opening_and_refuse_save_and_optimize(tmp_path, deck_dir):
    db = tmp_path / "p.db"
    before = new_per_day(db, deck_dir)
    app, _obj = app_on_another_day(db, deck_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await home_loaded(pilot)
        assert app.title.endswith(f"{DAY} · preview: nothing kept")  # on every screen
        await press(pilot, "s")
        settings = app.screen
        assert isinstance(settings, SettingsScreen)
        assert any("cannot be saved" in m for m in refusals(app))  # before anything is typed
        settings.query_one("#set-new", Input).value = str(before + 7)
        await press(pilot, "ctrl+s")
        said = refusals(app)[-1]
        assert "cannot save settings" in said and "--write-future" in said and DAY in said
        assert str(settings.query_one("#settings-status", Static).render()) == "Not saved: a preview saves nothing"
        assert app.collection.limits().new_per_day == before  # not even in the copy
        await press(pilot, "ctrl+o")
        assert app.screen is settings  # no fit started: its result could not be saved
        assert "cannot optimize" in refusals(app)[-1]
        await press(pilot, "escape")  # the edit is still in the form: no Save to offer, it is said to go
        assert isinstance(app.screen, HomeScreen)
        assert any("edits are not kept" in str(n.message) for n in app._notifications)
    app.collection.close()
    assert new_per_day(db, deck_dir) == before


async def test_with_write_future_settings_are_saved(tmp_path, deck_dir):
    db = tmp_path / "p.db"
    before = new_per_day(db, deck_dir)
    app, _obj = app_on_another_day(db, deck_dir, write_future=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await home_loaded(pilot)
        await press(pilot, "s")
        app.screen.query_one("#set-new", Input).value = str(before + 7)
        await press(pilot, "ctrl+s")
        assert not refusals(app) and "preview" not in app.title
    app.collection.close()
    assert new_per_day(db, deck_dir) == before + 7


async def test_a_preview_asks_for_no_document_to_generate_and_no_copy_to_merge(tmp_path, deck_dir):
    files_before = sorted(p.relative_to(deck_dir) for p in deck_dir.rglob("*"))
    app, _obj = app_on_another_day(tmp_path / "p.db", deck_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await home_loaded(pilot)
        await press(pilot, "n")
        assert isinstance(app.screen, HomeScreen)  # no path dialog: nothing to type in vain
        assert "cannot generate a deck" in refusals(app)[-1]
        await press(pilot, "g")
        assert isinstance(app.screen, HomeScreen) and "cannot curate" in refusals(app)[-1]
        await press(pilot, "p", "m")
        assert isinstance(app.screen, ProgressScreen)
        assert "cannot merge another copy's progress" in refusals(app)[-1]
    app.collection.close()
    assert sorted(p.relative_to(deck_dir) for p in deck_dir.rglob("*")) == files_before  # no deck written


async def test_an_exam_plan_is_previewed_but_not_applied_in_a_preview(tmp_path, deck_dir):
    exam = (study_day(utcnow()) + timedelta(days=45)).isoformat()
    app, _obj = app_on_another_day(tmp_path / "p.db", deck_dir)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await home_loaded(pilot)
        await press(pilot, "p")
        screen = app.screen
        screen.query_one(TabbedContent).active = "exam"
        await settle(pilot)
        screen.query_one("#exam-date", Input).value = exam
        screen.query_one("#exam-recall", Input).value = "0.9"
        screen.query_one("#plan-preview", Button).press()
        await settle(pilot)
        assert "Preview (nothing changed yet)" in str(screen.query_one("#plan-text", Static).render())
        for button, what in (("#plan-apply", "apply an exam plan"), ("#plan-clear", "drop the exam plan")):
            screen.query_one(button, Button).press()
            await settle(pilot)
            assert f"cannot {what}" in refusals(app)[-1]
        assert app.collection.exam_plan() is None
    app.collection.close()


async def test_cards_cannot_be_edited_suspended_or_marked_in_a_preview(tmp_path, deck_dir):
    deck_file = deck_dir / "all_types.yaml"
    text_before = deck_file.read_text(encoding="utf-8")
    app, _obj = app_on_another_day(tmp_path / "p.db", deck_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await home_loaded(pilot)
        await press(pilot, "c")
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        for key, what in (("e", "edit cards"), ("s", "suspend or unsuspend cards"), ("asterisk", "mark cards")):
            await press(pilot, key)
            assert app.screen is browse and f"cannot {what}" in refusals(app)[-1]
        item, row = browse.highlighted()
        assert not row.suspended and not row.marked
    app.collection.close()
    assert deck_file.read_text(encoding="utf-8") == text_before


async def test_a_preview_session_is_studied_and_its_end_says_the_reviews_are_not_kept(tmp_path, deck_dir):
    app, _obj = app_on_another_day(tmp_path / "p.db", deck_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await home_loaded(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, ReviewScreen)
        for key in ("s", "e"):  # a suspend or an edit is meant to last: refused, the card stays
            await press(pilot, key)
            assert isinstance(app.screen, ReviewScreen)
        assert ["cannot suspend cards" in m or "cannot edit cards" in m for m in refusals(app)] == [True, True]
        await answer_and_grade(pilot, "3")  # the grade itself is the preview's trial
        await press(pilot, "q")
        assert isinstance(app.screen, SummaryScreen)
        hint = str(app.screen.query_one("#summary-hint", Static).render())
        assert f"preview of {DAY}: these reviews are not kept" in hint
    app.collection.close()


async def test_a_preview_quiz_is_scored_and_its_results_say_they_are_not_kept(tmp_path, deck_dir):
    for write_future in (False, True):
        app, _obj = app_on_another_day(tmp_path / f"{write_future}.db", deck_dir, write_future=write_future)
        async with app.run_test(size=(100, 30)) as pilot:
            await home_loaded(pilot)
            screen = await start_quiz(pilot, 2)
            for _ in range(2):
                await answer_current(pilot, screen, right=True)
            assert isinstance(app.screen, QuizResultsScreen)
            said = [str(s.render()) for s in app.screen.query("#quiz-preview")]
            assert said == ([f"This was a preview of {DAY}: this quiz's result is not kept."] if not write_future else [])
        app.collection.close()


def test_commands_that_would_save_into_the_copy_refuse(tmp_path, deck_dir):
    db = tmp_path / "p.db"
    new_per_day(db, deck_dir)  # a database with the decks' cards
    base = ["--db", db, "--decks", deck_dir, "--today", DAY]
    exam = (study_day(utcnow()) + timedelta(days=60)).isoformat()
    for args, hint in ((["reschedule"], "--dry-run"), (["plan", "--exam", exam, "--recall", "0.9"], "--dry-run"),
                       (["plan", "--clear"], "--write-future")):
        result = CliRunner().invoke(cli, base + args)
        assert result.exit_code == 2 and hint in result.output and "Traceback" not in result.output, result.output
        assert "--write-future" in result.output
        assert CliRunner().invoke(cli, base + ["--write-future"] + args).exit_code == 0
    assert CliRunner().invoke(cli, base + ["reschedule", "--dry-run"]).exit_code == 0
    log = tmp_path / "log.csv"
    log.write_text("card_id,review_rating,review_time,review_duration\n", encoding="utf-8")
    result = CliRunner().invoke(cli, base + ["progress", "import", str(log)])
    assert result.exit_code == 2 and "cannot import reviews" in result.output


def test_the_cli_opens_a_preview_that_refuses_and_write_future_one_that_does_not(tmp_path, deck_dir, monkeypatch):
    import asyncio

    from anastro_quiz.tui.app import StudyApp
    from anastro_quiz.tui.dialogs.path import PathDialog

    screens_after_n: list[str] = []  # what n on Home opened, run by run

    def run(self) -> None:
        async def go() -> None:
            async with self.run_test(size=(100, 30)) as pilot:
                await home_loaded(pilot)
                await press(pilot, "n")
                screens_after_n.append(type(self.screen).__name__)
                if isinstance(self.screen, PathDialog):
                    await press(pilot, "escape")

        asyncio.run(go())

    monkeypatch.setattr(StudyApp, "run", run)
    base = ["--db", str(tmp_path / "p.db"), "--decks", str(deck_dir), "--today", DAY, "--create"]
    assert CliRunner().invoke(cli, base).exit_code == 0
    assert CliRunner().invoke(cli, base + ["--write-future"]).exit_code == 0
    assert screens_after_n == ["HomeScreen", "PathDialog"]  # refused in the preview only
