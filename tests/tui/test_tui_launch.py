"""Launch: Home draws before the collection opens; opening errors stay clean messages."""

from __future__ import annotations

import asyncio
import threading

from click.testing import CliRunner
from textual.widgets import DataTable, Static

from anastro_quiz.cli import cli
from anastro_quiz.collection import Collection
from anastro_quiz.tui.app import StudyApp, make_app
from anastro_quiz.tui.screens.home import HomeScreen

from .conftest import settle


async def test_home_frame_is_drawn_before_the_collection_opens(tmp_path, deck_dir, clock):
    release = threading.Event()

    def opener(progress, upgrading) -> Collection:
        release.wait(5)
        return Collection.open(tmp_path / "progress.db", [deck_dir], clock=clock)

    app = make_app(opener=opener)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.collection is None
        assert "Loading" in str(app.screen.query_one("#today", Static).render())
        release.set()
        await settle(pilot)
        assert app.collection is not None
        assert app.screen.query_one("#decks", DataTable).row_count == 1
    app.collection.close()


async def test_a_slow_opening_shows_a_progress_bar_on_home_until_the_decks_are_drawn(tmp_path, deck_dir, clock,
                                                                                     monkeypatch):
    from textual.widgets import ProgressBar

    from anastro_quiz.tui import app as app_module

    monkeypatch.setattr(app_module, "OPENING_BAR_DELAY", 0.0)  # every opening counts as slow
    reading, release = threading.Event(), threading.Event()

    def opener(progress, upgrading) -> Collection:
        progress(1, 3, "second.yaml")  # as Collection.open reports each deck file
        reading.set()
        release.wait(5)
        return Collection.open(tmp_path / "progress.db", [deck_dir], clock=clock, progress=progress)

    app = make_app(opener=opener)
    async with app.run_test(size=(80, 24)) as pilot:
        while not reading.is_set():
            await pilot.pause(0.01)
        await pilot.pause(0.05)  # the opener waits: no settle (it waits for every worker)
        bar = app.screen.query_one("#home-opening", ProgressBar)
        assert bar.display and bar.total == 3 and bar.progress == 1
        assert "Reading decks: second.yaml (2 of 3)" in str(app.screen.query_one("#today", Static).render())
        release.set()
        while app.screen.data is None:
            await pilot.pause(0.01)
        await settle(pilot)
        assert not bar.display and "Today:" in str(app.screen.query_one("#today", Static).render())
    app.collection.close()


async def test_a_collection_that_fails_to_open_exits_with_its_error(deck_dir):
    error = ValueError("the decks have problems")

    def opener(progress, upgrading) -> Collection:
        raise error

    app = make_app(opener=opener)
    async with app.run_test(size=(80, 24)):
        for _ in range(100):
            if app.open_error is not None and not app.is_running:
                break
            await asyncio.sleep(0.01)
    assert app.open_error is error and app.return_code == 2


def test_cli_reports_a_broken_deck_cleanly(tmp_path, deck_dir, monkeypatch):
    """No subcommand opens the app; a broken deck is still a plain message (exit 2), no traceback."""
    monkeypatch.setattr(StudyApp, "run", lambda self: asyncio.run(self.run_async(headless=True, size=(80, 24))))
    (deck_dir / "broken.yaml").write_text("id: broken\ntitle: Broken\ncards:\n  - id: x\n    type: basic\n")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "p.db"), "--decks", str(deck_dir), "--create"])
    assert result.exit_code == 2, result.output
    assert "the decks have problems" in result.output and "Traceback" not in result.output


def test_a_deck_folder_that_does_not_exist_is_said_before_the_app_starts(tmp_path, monkeypatch):
    def run(self):
        raise AssertionError("the app started")

    monkeypatch.setattr(StudyApp, "run", run)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "p.db"), "--decks", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr == f"Error: the decks have problems:\n{tmp_path / 'nope'}: no such file or folder\n"
    assert not (tmp_path / "p.db").exists()


def test_a_missing_deck_path_is_worded_alike_by_the_app_and_the_commands(tmp_path, monkeypatch):
    def run(self):
        raise AssertionError("the app started")

    monkeypatch.setattr(StudyApp, "run", run)
    options = ["--db", str(tmp_path / "p.db"), "--decks", str(tmp_path / "nope")]
    for command in ([], ["decks"], ["stats"], ["validate"]):
        result = CliRunner().invoke(cli, options + command)
        assert result.exit_code == 2, (command, result.output)
        assert f"{tmp_path / 'nope'}: no such file or folder\n" in result.stderr, (command, result.stderr)


async def test_quitting_mid_session_records_its_end(app, collection):
    from .conftest import press
    from .test_tui_review import answer_and_grade, open_review

    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await answer_and_grade(pilot, "3")
        await press(pilot, "space")
        await pilot.press("ctrl+q")
    sessions = collection.store.sessions()
    assert len(sessions) == 1 and sessions[0]["ended_at"] is not None
    assert len(collection.store.review_records()) == 1


def test_a_second_app_on_the_same_collection_shows_a_warning(tmp_path, deck_dir, monkeypatch):
    from anastro_quiz.instance import SECOND_INSTANCE, InstanceLock

    seen: list[str] = []

    def run(self) -> None:
        async def go() -> None:
            async with self.run_test(size=(80, 24)) as pilot:
                await settle(pilot)
                seen.extend(n.message for n in self._notifications)

        asyncio.run(go())

    monkeypatch.setattr(StudyApp, "run", run)
    db = tmp_path / "p.db"
    first = InstanceLock(db)
    assert first.acquire()  # the first window
    result = CliRunner().invoke(cli, ["--db", str(db), "--decks", str(deck_dir), "--create"])
    assert result.exit_code == 0, result.output
    assert SECOND_INSTANCE in seen
    first.release()
    seen.clear()
    assert CliRunner().invoke(cli, ["--db", str(db), "--decks", str(deck_dir)]).exit_code == 0
    assert SECOND_INSTANCE not in seen


async def test_the_graders_units_load_once_a_session_is_open_not_behind_home(tmp_path, deck_dir, clock,
                                                                             monkeypatch):
    # Loaded at launch they took the interpreter while Home painted its counts.
    from anastro_quiz import grading
    from anastro_quiz.tui.screens.review import ReviewScreen

    loads: list[str] = []
    monkeypatch.setattr(grading, "load", lambda: loads.append(type(app.screen).__name__))
    app = make_app(opener=lambda progress, upgrading: Collection.open(tmp_path / "progress.db", [deck_dir], clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.data is not None and loads == []
        await pilot.press("enter")  # study the highlighted deck
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert loads == ["ReviewScreen"]
    app.collection.close()


def test_a_collection_that_opens_at_once_has_its_counts_in_homes_first_frame(tmp_path, deck_dir, monkeypatch):
    # The first launch parses the decks (behind Home); the second has nothing to parse or
    # migrate, so the CLI opens it before the app starts and Home's first frame has the counts.
    seen: list[tuple[bool, str]] = []

    def run(self) -> None:
        async def go() -> None:
            async with self.run_test(size=(80, 24)) as pilot:
                today = str(self.screen.query_one("#today", Static).render())
                seen.append((self.screen.data is not None, today))
                await settle(pilot)

        asyncio.run(go())

    monkeypatch.setattr(StudyApp, "run", run)
    db = tmp_path / "p.db"
    args = ["--db", str(db), "--decks", str(deck_dir), "--create"]
    assert not Collection.opens_at_once(db, [deck_dir])
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert Collection.opens_at_once(db, [deck_dir])
    assert CliRunner().invoke(cli, args).exit_code == 0
    counted, today = seen[-1]
    assert counted and "Today:" in today and "Loading" not in today


def test_a_changed_deck_or_an_older_database_is_opened_behind_home(tmp_path, deck_dir):
    import rawdb

    db = tmp_path / "p.db"
    Collection.open(db, [deck_dir]).close()
    assert Collection.opens_at_once(db, [deck_dir])
    deck = next(deck_dir.glob("*.yaml"))
    deck.write_text(deck.read_text() + "\n")  # changed: it will be parsed again
    assert not Collection.opens_at_once(db, [deck_dir])
    Collection.open(db, [deck_dir]).close()
    assert Collection.opens_at_once(db, [deck_dir])
    version = rawdb.rows(db, "PRAGMA user_version")[0][0]
    rawdb.write(db, f"PRAGMA user_version={version - 1}")  # as a database of an older release says
    assert not Collection.opens_at_once(db, [deck_dir])
    assert not Collection.opens_at_once(tmp_path / "none.db", [deck_dir])


def test_opening_home_and_quitting_loads_no_study_session_code(tmp_path, deck_dir):
    """Launch to Home and quit (what most launches are until a deck is chosen) imports neither the
    review screen nor the grading it needs; starting a session does. Run in a fresh interpreter,
    so that other tests' imports do not count."""
    import subprocess
    import sys

    code = f"""
import asyncio, sys
from anastro_quiz.collection import Collection
from anastro_quiz.tui.app import make_app

async def main(study):
    app = make_app(Collection.open({str(tmp_path / 'p.db')!r}, [{str(deck_dir)!r}]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        if study:
            await pilot.press("enter")
            await pilot.pause(0.5)
        await pilot.press("q")
        await pilot.pause(0.3)
    loaded = [m for m in ("anastro_quiz.tui.screens.review", "anastro_quiz.grading", "rapidfuzz") if m in sys.modules]
    print(study, loaded)

asyncio.run(main(sys.argv[1] == "study"))
"""
    quit_only = subprocess.run([sys.executable, "-c", code, "home"], capture_output=True, text=True, check=True)
    assert quit_only.stdout.strip().splitlines()[-1] == "False []", quit_only.stdout + quit_only.stderr
    studied = subprocess.run([sys.executable, "-c", code, "study"], capture_output=True, text=True, check=True)
    assert "anastro_quiz.tui.screens.review" in studied.stdout.strip().splitlines()[-1], studied.stdout + studied.stderr
