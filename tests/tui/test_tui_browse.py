"""Browse: a deck's cards, filtered to suspended or leeches, unsuspended with a key."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from anastro_quiz.store import LEECH_LAPSES
from anastro_quiz.tui.screens.browse import BrowseScreen
from anastro_quiz.tui.screens.home import HomeScreen

import rawdb

from .conftest import press, settle
from .test_tui_review import open_review


def table(pilot) -> DataTable:
    return pilot.app.screen.query_one("#cards", DataTable)


async def test_suspended_card_found_and_unsuspended(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        suspended = screen.shown.item
        await press(pilot, "s", "escape")  # suspend the first card, back to Home
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "c")
        assert isinstance(app.screen, BrowseScreen)
        assert table(pilot).row_count == 8
        await press(pilot, "f")  # suspended only
        assert table(pilot).row_count == 1
        assert table(pilot).coordinate_to_cell_key((0, 0)).row_key.value == f"sample/{suspended.id}"
        assert table(pilot).get_row_at(0)[5] == "susp"
        await press(pilot, "s")  # unsuspend
        assert table(pilot).row_count == 0
        assert collection.browse("sample", "suspended") == []
        # The toast names the card by its prompt, as the list shows it, not by its id.
        [said] = [n.message for n in app._notifications if n.message.startswith("Unsuspended: ")]
        prompt = " ".join(suspended.prompt.split())
        assert said.startswith(f"Unsuspended: “{prompt[:30]}") and suspended.id not in said
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_leeches_filter_from_the_command_palette(app, collection):
    item = collection.decks["sample"].items()[2]
    rawdb.make_leech(collection.store, item.deck_id, item.id, LEECH_LAPSES, fsrs_state=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Leeches and suspended")
        await press(pilot, "enter")
        assert isinstance(app.screen, BrowseScreen) and app.screen.only == "suspended"
        await press(pilot, "f")  # suspended -> leeches
        assert "1 leech · Sample deck (every card type)" in str(app.screen.query_one("#browse-status", Static).render())
        row = table(pilot).get_row_at(0)
        assert row[2:] == ["relearning", row[3], str(LEECH_LAPSES), "leech"]


async def test_two_quick_searches_show_what_the_later_one_finds(app, collection, monkeypatch):
    """The earlier search's list comes back after the later one's is drawn: the later one stays."""
    import threading

    gate = threading.Event()
    database = app.database

    def slow_to_return(job):
        rows = database(job)
        if rows == []:  # the earlier search ("zzz" finds nothing): back only once the later one shows
            gate.wait(5)
        return rows

    monkeypatch.setattr(app, "database", slow_to_return)
    found = collection.browse("sample", "all", "the")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "c", "slash")
        everything = table(pilot).row_count
        assert 0 < len(found) < everything
        box = app.screen.query_one("#browse-search")
        box.value = "zzz"
        await pilot.pause()
        box.value = "the"
        for _ in range(100):
            await pilot.pause(0.02)
            if app.screen.rows is not None and len(app.screen.rows) == len(found):
                break
        gate.set()
        await settle(pilot)
        assert table(pilot).row_count == len(found)
        assert "matching “the”" in str(app.screen.query_one("#browse-status", Static).render())


async def test_filtering_twice_quickly_shows_the_last_filter(app, collection):
    item = collection.decks["sample"].items()[2]
    rawdb.make_leech(collection.store, item.deck_id, item.id, LEECH_LAPSES)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        await pilot.press("f", "f")  # all -> suspended -> leeches, without waiting in between
        await settle(pilot)
        assert app.screen.only == "leeches" and table(pilot).row_count == 1


async def test_cards_across_decks_with_answers_and_search(tmp_path, clock):
    import shutil
    from pathlib import Path

    from textual.widgets import Input

    from anastro_quiz.collection import Collection
    from anastro_quiz.tui.app import make_app

    shutil.copytree(Path(__file__).resolve().parents[2] / "decks", tmp_path / "decks")
    collection = Collection.open(tmp_path / "p.db", [tmp_path / "decks"], clock=clock)
    app = make_app(collection)
    try:
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            await press(pilot, "c")
            one_deck = table(pilot).row_count
            await press(pilot, "d")  # every deck
            assert app.screen.deck_id is None
            assert table(pilot).row_count == len(collection.items) > one_deck
            labels = [str(c.label) for c in table(pilot).columns.values()]
            assert labels[:3] == ["Deck", "Card", "Answer"]
            first_item = app.screen.rows[0][0]
            assert str(table(pilot).get_row_at(0)[2]).startswith(first_item.answer[:5])
            await press(pilot, "slash")
            assert isinstance(app.focused, Input)
            await pilot.press(*"answer:estradiol")
            await press(pilot, "enter")
            shown = [item for item, _ in app.screen.rows]
            assert shown and all("estradiol" in item.answer.lower() for item in shown)
            # a card naming it only in its prompt is left out (the bundled decks have some)
            assert any("estradiol" in i.prompt.lower() and i not in shown for i in collection.items.values())
            assert table(pilot).row_count == len(shown)
            assert "matching" in str(app.screen.query_one("#browse-status", Static).render())
            await press(pilot, "escape")  # from the list: back home
            assert isinstance(app.screen, HomeScreen)
    finally:
        collection.close()


async def test_the_highlighted_card_is_shown_whole_under_the_list(app, collection):
    """At 80 columns across decks a prompt column holds a dozen characters: the card under
    the cursor is shown whole below the list (deck, type, tags, prompt, answer)."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "c", "d")  # every deck
        preview = app.screen.query_one("#browse-preview", Static)
        cut = False
        for row in (0, 1):
            item, _schedule = app.screen.rows[table(pilot).cursor_row]
            shown = " ".join(str(preview.render()).split())
            assert " ".join(item.prompt.split()) in shown and " ".join(item.answer.split()) in shown
            assert "Sample deck (every card type)" in shown and item.type in shown
            cut |= len(item.prompt) > table(pilot).ordered_columns[1].width  # more than its column shows
            await press(pilot, "down")  # the preview follows the cursor
        assert cut
        assert preview.region.bottom <= app.screen.query_one("KeyBar").region.y


async def test_s_and_b_say_what_they_do_to_the_highlighted_card(app, collection):
    """The Footer names the change: Suspend or Unsuspend, Bury or Unbury, for the card under
    the cursor, and the key does that."""
    items = list(collection.items.values())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        screen = app.screen

        def footer() -> dict[str, str]:
            return {key: b.binding.description for key, b in screen.active_bindings.items() if key in "sb"}

        assert footer() == {"s": "Suspend", "b": "Bury"}
        await press(pilot, "s", "b")
        _item, row = screen.highlighted()
        assert row.suspended and row.buried_at(collection.now())
        assert footer() == {"s": "Unsuspend", "b": "Unbury"}
        await press(pilot, "down")  # another card: not suspended nor buried
        assert footer() == {"s": "Suspend", "b": "Bury"}
        await press(pilot, "up", "s", "b")
        _item, row = screen.highlighted()
        assert not row.suspended and not row.buried_at(collection.now())
    assert items
