"""A deck generated from a document in the app (n on Home): a worker with a progress bar by
stage, the deck written beside the decks in use and loaded, then curation of its cards."""

from __future__ import annotations

import threading

import pytest

from textual.widgets import DataTable, Static

from anastro_quiz.generate import pipeline
from anastro_quiz.tui.dialogs.path import PathDialog
from anastro_quiz.tui.screens.curate import CurateScreen
from anastro_quiz.tui.screens.home import HomeScreen
from test_generate_command import SYNTHETIC

from .conftest import choose_path, home_loaded, long_work_shown, press, settle


async def ask_to_generate(pilot, path, replace: bool = False) -> None:
    await home_loaded(pilot)
    await press(pilot, "n")
    await choose_path(pilot, path, switch=replace)


def held_reading(monkeypatch) -> threading.Event:
    """Hold the generator in its first stage (reading the document) until the event is set."""
    release, real_read = threading.Event(), pipeline.read

    def held_read(path):
        release.wait(timeout=30)
        return real_read(path)

    monkeypatch.setattr(pipeline, "read", held_read)
    return release


def notifications(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def test_a_document_becomes_a_deck_with_a_bar_by_stage_then_its_cards_are_curated(
        app, collection, deck_dir, tmp_path, monkeypatch):
    document = tmp_path / "letrozole.txt"
    document.write_text(SYNTHETIC, encoding="utf-8")
    release = held_reading(monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await ask_to_generate(pilot, document)
        assert "Reading letrozole.txt" in await long_work_shown(pilot, steps=3)
        release.set()
        await settle(pilot)
        curate = app.screen
        assert isinstance(curate, CurateScreen) and curate.deck_ids == ["letrozole"]
        assert curate.data is not None and curate.data.cards
        assert {c.deck.id for c in curate.data.cards} == {"letrozole"}  # only the new deck's cards
        assert str(curate.query_one("#curate-status", Static).render()).startswith("Card 1 of ")
        assert any(m.startswith("Deck generated:") and str(deck_dir) in m for m in notifications(app))
        await press(pilot, "q")
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#decks", DataTable)
        assert "letrozole" in [row.value for row in table.rows]
    assert (deck_dir / "letrozole.yaml").exists() and (deck_dir / "sources" / "letrozole.txt").exists()
    assert "letrozole" in collection.decks


async def test_escape_stops_generating_and_nothing_is_written(app, collection, deck_dir, tmp_path, monkeypatch):
    document = tmp_path / "letrozole.txt"
    document.write_text(SYNTHETIC, encoding="utf-8")
    release = held_reading(monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        await ask_to_generate(pilot, document)
        await long_work_shown(pilot)
        await pilot.press("escape")
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("Generation cancelled: nothing was written" in m for m in notifications(app))
    assert not (deck_dir / "letrozole.yaml").exists() and "letrozole" not in collection.decks


async def test_a_path_that_is_not_a_file_is_said_in_the_dialog(app, tmp_path):
    async with app.run_test(size=(100, 30)) as pilot:
        await ask_to_generate(pilot, tmp_path / "missing.pdf")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PathDialog)  # still open, to correct the path
        assert "There is no file" in str(dialog.query_one("#path-error", Static).render())


async def test_an_unreadable_pdf_is_a_notification_and_nothing_is_written(app, collection, deck_dir, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really a PDF")
    decks_before = sorted(p.name for p in deck_dir.iterdir())
    async with app.run_test(size=(100, 30)) as pilot:
        await ask_to_generate(pilot, broken)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("not done" in m and "cannot read this PDF" in m for m in notifications(app)), notifications(app)
    assert sorted(p.name for p in deck_dir.iterdir()) == decks_before
    assert "broken" not in collection.decks


async def test_generating_again_asks_for_replace_then_replaces(app, collection, deck_dir, tmp_path):
    document = tmp_path / "letrozole.txt"
    document.write_text(SYNTHETIC, encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        await ask_to_generate(pilot, document)
        await settle(pilot)
        await press(pilot, "q")
        await ask_to_generate(pilot, document)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("already exist" in m and "Replace the deck" in m for m in notifications(app))
        await ask_to_generate(pilot, document, replace=True)
        await settle(pilot)
        assert isinstance(app.screen, CurateScreen)


@pytest.mark.worker_errors
async def test_a_generator_bug_is_said_and_the_dialog_closes(app, tmp_path, monkeypatch):
    from anastro_quiz.generate import output

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the generator")

    monkeypatch.setattr(output, "generate_into", broken)
    document = tmp_path / "letrozole.txt"
    document.write_text(SYNTHETIC, encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        await ask_to_generate(pilot, document)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any(m.startswith("Could not finish: generate a deck:") and "a bug in the generator" in m
                   for m in notifications(app)), notifications(app)
