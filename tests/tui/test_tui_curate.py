"""New from generator: g on Home (or the palette), best first; Enter keeps, x rejects, e edits."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Static

from anastro_quiz.collection import Collection
from anastro_quiz.curation import load_rejected
from anastro_quiz.tui.app import make_app
from anastro_quiz.tui.dialogs.edit_card import EditCardDialog
from anastro_quiz.tui.screens.curate import CurateScreen
from anastro_quiz.tui.screens.home import HomeScreen
from anastro_quiz.tui.screens.review import ReviewScreen

from .conftest import press, settle
from .test_tui_edit import replace_text

GENERATED = """\
id: gen
title: Generated
cards:
- id: low
  type: basic
  prompt: Which low-scored question is this?
  answer: the low one
  source: {document: a.txt, quote: The low one is here.}
  score: 0.4
- id: best
  type: choice
  prompt: Which question scored best?
  answer: this one
  choices: [this one, that one, another]
  tags: [dosing]
  source: {document: a.txt, quote: This one scored best., page: 4}
  score: 0.9
- id: middle
  type: basic
  prompt: Which question scored in the middle?
  answer: the middle one
  source: {document: a.txt, quote: The middle one.}
  score: 0.7
"""


@pytest.fixture
def gen_app(tmp_path, deck_dir, clock):
    (deck_dir / "gen.yaml").write_text(GENERATED, encoding="utf-8")
    collection = Collection.open(tmp_path / "curate.db", [deck_dir], clock=clock)
    yield make_app(collection)
    collection.close()


def text(screen, widget_id: str) -> str:
    return str(screen.query_one(widget_id, Static).render())


async def test_keep_reject_edit_best_first(gen_app, deck_dir):
    app = gen_app
    deck_file = deck_dir / "gen.yaml"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "g")
        screen = app.screen
        assert isinstance(screen, CurateScreen)
        # The best card, as the student sees it, with its source, page and deck.
        assert "Card 1 of" in text(screen, "#curate-status") and "score 0.90" in text(screen, "#curate-status")
        question = text(screen, "#curate-question")
        assert "Which question scored best?" in question and "2) that one" in question and "→ this one" in question
        assert "a.txt, p. 4" in text(screen, "#curate-source") and "This one scored best." in text(screen, "#curate-source")
        assert "Generated · dosing · choice" in text(screen, "#curate-meta")

        await press(pilot, "enter")  # keep
        assert app.collection.store.kept_keys(["gen"]) == {("gen", "best")}
        assert "Which question scored in the middle?" in text(screen, "#curate-question")

        await press(pilot, "x")  # reject: out of the file, remembered beside it
        assert "id: middle" not in deck_file.read_text(encoding="utf-8")
        assert [e["id"] for e in load_rejected(deck_dir)] == ["middle"]
        assert "Which low-scored question is this?" in text(screen, "#curate-question")

        await press(pilot, "e")  # edit, then keep the edited card
        dialog = app.screen
        assert isinstance(dialog, EditCardDialog)
        await replace_text(pilot, dialog.query_one("#edit-answer", Input), "the lowest one")
        await press(pilot, "ctrl+s")
        assert app.screen is screen
        assert "→ the lowest one" in text(screen, "#curate-question")
        assert "answer: the lowest one" in deck_file.read_text(encoding="utf-8")
        await press(pilot, "enter")
        assert ("gen", "low") in app.collection.store.kept_keys(["gen"])
        assert "score" not in text(screen, "#curate-status")  # the unscored sample cards come next, in deck order
        assert "What class of drug is anastrozole?" in text(screen, "#curate-question")


async def test_palette_opens_it_and_held_decks_wait_on_home(gen_app):
    app = gen_app
    app.collection.save_holds_uncurated(True, "gen")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#decks", DataTable)
        gen_row = [r for r in range(table.row_count) if "Generated" in str(table.get_row_at(r)[0])][0]
        assert str(table.get_row_at(gen_row)[1]) == "0"  # nothing to study until kept
        assert "g curate (3 waiting)" in text(app.screen, "#home-hint")
        await press(pilot, "ctrl+p")
        await pilot.press(*"New from generator")
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, CurateScreen)
        assert "new cards wait until kept" in text(app.screen, "#curate-status")
        await press(pilot, "enter", "q")  # keep the best card, back to Home
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#decks", DataTable)
        assert str(table.get_row_at(gen_row)[1]) == "1"


async def test_rejecting_in_a_read_only_folder_says_so(gen_app, deck_dir, monkeypatch):
    import os
    from pathlib import Path

    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode & os.W_OK and deck_dir in (
        Path(p), Path(p).parent) else real_access(p, mode, **kw))
    before = (deck_dir / "gen.yaml").read_bytes()
    async with gen_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "g", "x")
        screen = gen_app.screen
        assert "Which question scored best?" in text(screen, "#curate-question")  # still there
        assert (deck_dir / "gen.yaml").read_bytes() == before and load_rejected(deck_dir) == []


async def test_settings_switch_holds_one_decks_new_cards(gen_app):
    from textual.widgets import Switch

    from anastro_quiz.tui.screens.settings import SettingsScreen

    app = gen_app
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one("#set-scope").value = "gen"
        await settle(pilot)
        assert screen.query_one("#set-hold", Switch).value is False  # off unless asked for
        screen.query_one("#set-hold", Switch).value = True
        await press(pilot, "ctrl+s", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert "g curate (3 waiting)" in text(app.screen, "#home-hint")
    assert app.collection.holds_uncurated("gen") and not app.collection.holds_uncurated("sample")


async def test_not_opened_over_a_study_session(gen_app):
    app = gen_app
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")  # a study session on the first deck
        review = app.screen
        assert isinstance(review, ReviewScreen)
        app.action_curate()  # as the command palette would
        await settle(pilot)
        assert app.screen is review
