"""Editing while studying: ``e`` in Review opens the editor, Ctrl+S writes the deck file,
the session shows the edited card; ``w`` shows the explanation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from textual.widgets import Input, Static, TextArea

from anastro_quiz.tui.dialogs.edit_card import EditCardDialog
from anastro_quiz.tui.keys import binding_rows
from anastro_quiz.tui.screens.review import ReviewScreen

from .conftest import press, settle
from .test_tui_review import open_review, reviews


async def replace_text(pilot, widget, text: str) -> None:
    widget.focus()
    if isinstance(widget, TextArea):
        widget.text = ""
    else:
        widget.value = ""
    await pilot.press(*text)


async def test_e_edits_the_card_on_disk_and_on_screen(app, collection, deck_dir):
    path = deck_dir / "all_types.yaml"
    before = path.read_text(encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        assert screen.shown.item.id == "ai-class"
        await press(pilot, "space", "e")
        dialog = app.screen
        assert isinstance(dialog, EditCardDialog)
        await replace_text(pilot, dialog.query_one("#edit-answer", Input), "A non-steroidal aromatase inhibitor")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        # On screen: the same card, answer showing, with the new text.
        assert screen.shown.item.id == "ai-class" and screen.revealed
        assert "A non-steroidal aromatase inhibitor" in str(screen.query_one("#answer", Static).render())
        # On disk: that one line changed, nothing else.
        after = path.read_text(encoding="utf-8")
        assert after == before.replace("answer: An aromatase inhibitor", "answer: A non-steroidal aromatase inhibitor")
        await press(pilot, "3")  # grading still works, under the same id
        assert reviews(collection)[-1][:2] == ("ai-class", 3)


async def test_invalid_edit_is_shown_in_the_editor_and_nothing_is_written(app, deck_dir):
    path = deck_dir / "all_types.yaml"
    before = path.read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        while screen.shown.item.type != "choice":
            await press(pilot, "b")
        await press(pilot, "e")
        dialog = app.screen
        await replace_text(pilot, dialog.query_one("#edit-answer", Input), "99%")
        await press(pilot, "ctrl+s")
        assert app.screen is dialog  # still open, to fix the mistake
        problems = str(dialog.query_one("#edit-problems", Static).render())
        assert "Not saved" in problems and "the answer is not among its choices" in problems
        assert path.read_bytes() == before
        await press(pilot, "escape")
        assert isinstance(app.screen, ReviewScreen) and screen.shown.item.answer == "7.2%"


async def test_read_only_deck_says_so_instead_of_crashing(app, deck_dir, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode & os.W_OK and deck_dir in (
        Path(p), Path(p).parent) else real_access(p, mode, **kw))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_review(pilot)
        await press(pilot, "e")
        assert app.screen is screen  # no editor to type into in vain
        assert any("read-only" in str(n.message) for n in app._notifications)


async def test_a_deck_made_read_only_while_editing_is_refused_on_save(app, deck_dir, monkeypatch):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        await press(pilot, "e")
        dialog = app.screen
        await replace_text(pilot, dialog.query_one("#edit-answer", Input), "Changed")
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode & os.W_OK and deck_dir in (
            Path(p), Path(p).parent) else real_access(p, mode, **kw))
        await press(pilot, "ctrl+s")
        assert app.screen is dialog
        assert "read-only" in str(dialog.query_one("#edit-problems", Static).render())


async def test_explanation_moved_to_w(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        while screen.shown.item.card_id != "rankl-mcsf":
            await press(pilot, "b")
        await press(pilot, "space", "w")
        box = screen.query_one("#explanation", Static)
        assert box.display and "essential for osteoclast differentiation" in str(box.render())
        review_keys = dict(dict(binding_rows())["Review"])
        assert review_keys["w"] == "Why" and review_keys["e"] == "Edit"


async def test_editing_a_cloze_shows_the_new_blank(app, deck_dir):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        while screen.shown.item.card_id != "rankl-mcsf":
            await press(pilot, "b")
        await press(pilot, "e")
        dialog = app.screen
        await replace_text(pilot, dialog.query_one("#edit-text", TextArea),
                           "Estradiol blocks {{c1::RANKL}} and {{c2::M-CSF}} signalling.")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert screen.shown.item.id == "rankl-mcsf.c1"
        assert "Estradiol blocks [...] and M-CSF signalling." in str(screen.query_one("#prompt", Static).render())
        assert "Estradiol blocks {{c1::RANKL}}" in (deck_dir / "all_types.yaml").read_text(encoding="utf-8")


async def test_e_in_cards_edits_the_highlighted_card(app, deck_dir):
    from textual.widgets import DataTable

    from anastro_quiz.tui.screens.browse import BrowseScreen

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        assert isinstance(app.screen, BrowseScreen)
        await press(pilot, "e")
        dialog = app.screen
        assert isinstance(dialog, EditCardDialog)
        await replace_text(pilot, dialog.query_one("#edit-prompt", TextArea), "Which drug class is anastrozole?")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, BrowseScreen)
        first = app.screen.query_one("#cards", DataTable).get_row_at(0)[0]
        assert str(first) == "Which drug class is anastrozole?"
        assert "prompt: Which drug class is anastrozole?" in (deck_dir / "all_types.yaml").read_text(encoding="utf-8")


async def test_u_undoes_an_edit_in_review_writing_the_deck_file_back(app, collection, deck_dir):
    deck_file = deck_dir / "all_types.yaml"
    original = deck_file.read_text(encoding="utf-8")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_review(pilot)
        prompt = screen.shown.item.prompt
        await press(pilot, "e")
        await replace_text(pilot, app.screen.query_one("#edit-prompt", TextArea), "Which drug class is anastrozole?")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert screen.shown.item.prompt == "Which drug class is anastrozole?"
        await press(pilot, "u")
        assert deck_file.read_text(encoding="utf-8") == original  # byte for byte
        assert screen.shown.item.prompt == prompt
        assert prompt in str(screen.query_one("#prompt", Static).render())
        assert any(str(n.message).startswith("Undone: edit") for n in app._notifications)
        assert not screen.session.can_undo


def test_an_edit_is_not_undone_over_a_later_change_to_the_file(collection, deck_dir):
    import pytest

    from anastro_quiz.deck_edit import EditError

    session = collection.start_session()
    item = session.current
    deck_file = deck_dir / "all_types.yaml"
    before = deck_file.read_text(encoding="utf-8")
    items = collection.edit_card(item.deck_id, item.card_id, {"prompt": "Edited?"})
    session.refresh_items(item.deck_id, items)
    session.record_edit(items[item.key], before, deck_file.read_text(encoding="utf-8"))
    deck_file.write_text(deck_file.read_text(encoding="utf-8") + "\n# changed by hand\n", encoding="utf-8")
    with pytest.raises(EditError, match="changed since the edit"):
        session.undo()
    assert session.can_undo and "# changed by hand" in deck_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("size", [(80, 24), (100, 40)], ids=lambda size: "%dx%d" % size)
async def test_the_editor_shows_every_field_of_a_basic_card_and_fits_a_taller_terminal(app, size):
    async with app.run_test(size=size) as pilot:
        screen = await open_review(pilot)
        assert screen.shown.item.type == "basic"
        await press(pilot, "e")
        dialog = app.screen
        assert isinstance(dialog, EditCardDialog)
        box, fields = dialog.query_one("#edit-box"), dialog.query_one("#edit-fields")
        explanation = dialog.query_one("#edit-explanation", TextArea)
        # The explanation is in view without scrolling (at 80x24 it was below the fields' fold),
        # the buttons and the hint on screen.
        assert fields.region.contains_region(explanation.region), (fields.region, explanation.region)
        assert dialog.region.contains_region(box.region)
        assert box.region.contains_region(dialog.query_one(".dialog-hint").region)
        if size[1] >= 40:  # room to spare: the dialog is as tall as its fields, no blank band below them
            assert box.region.height < 0.9 * size[1] - 4, box.region
