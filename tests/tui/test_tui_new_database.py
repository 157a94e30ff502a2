"""Opening the app on a database that does not exist: the default one is started on the first
launch; one named by --db or $ANASTRO_QUIZ_DB (likely a typo) is refused unless --create."""

from __future__ import annotations

import asyncio

import pytest
from click.testing import CliRunner

from anastro_quiz.cli import cli
from anastro_quiz.tui.app import StudyApp
from anastro_quiz.tui.screens.home import HomeScreen

from .conftest import settle

HINT = "check the path ('anastro-quiz where' shows the one in use), or add --create to start a new collection there"


@pytest.fixture
def screens(monkeypatch) -> list[str]:
    """The app runs headless to Home and quits; the screens it showed are listed."""
    seen: list[str] = []

    def run(self) -> None:
        async def go() -> None:
            async with self.run_test(size=(80, 24)) as pilot:
                await settle(pilot)
                seen.append(type(self.screen).__name__)

        asyncio.run(go())

    monkeypatch.setattr(StudyApp, "run", run)
    return seen


def test_a_mistyped_db_is_refused_before_the_app_starts_and_nothing_is_made(tmp_path, deck_dir, screens):
    typo = tmp_path / "typo" / "progres.db"
    result = CliRunner().invoke(cli, ["--db", str(typo), "--decks", str(deck_dir)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr == f"Error: there is no database at {typo} (from --db): {HINT}\n"
    assert screens == [] and not (tmp_path / "typo").exists()  # nor its folder, nor the lock beside it


def test_a_db_from_the_environment_that_does_not_exist_is_refused_naming_the_variable(tmp_path, deck_dir,
                                                                                     screens, monkeypatch):
    typo = tmp_path / "trial.db"
    monkeypatch.setenv("ANASTRO_QUIZ_DB", str(typo))
    result = CliRunner().invoke(cli, ["--decks", str(deck_dir)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: there is no database at {typo} (from $ANASTRO_QUIZ_DB): {HINT}\n"
    assert screens == [] and not typo.exists() and not typo.with_name("trial.db.lock").exists()


def test_create_starts_a_new_collection_at_a_named_path(tmp_path, deck_dir, screens):
    new = tmp_path / "new" / "progress.db"
    result = CliRunner().invoke(cli, ["--db", str(new), "--decks", str(deck_dir), "--create"])
    assert result.exit_code == 0, result.output
    assert screens == ["HomeScreen"] and new.exists()
    # Once it exists it opens without --create, as any database does.
    assert CliRunner().invoke(cli, ["--db", str(new), "--decks", str(deck_dir)]).exit_code == 0
    assert screens == ["HomeScreen", "HomeScreen"]


def test_the_default_database_is_started_on_the_first_launch(tmp_path, deck_dir, screens, monkeypatch):
    from anastro_quiz.paths import default_db_path

    monkeypatch.delenv("ANASTRO_QUIZ_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert not default_db_path().exists()
    result = CliRunner().invoke(cli, ["--decks", str(deck_dir)])
    assert result.exit_code == 0, result.output
    assert screens == [HomeScreen.__name__] and default_db_path().exists()
    assert default_db_path().is_relative_to(tmp_path / "data")


def test_create_with_a_command_is_a_message(tmp_path, deck_dir):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "p.db"), "--decks", str(deck_dir), "--create", "stats"])
    assert result.exit_code == 2 and result.stderr.startswith("Error: --create is for opening the app")
    assert not (tmp_path / "p.db").exists()
