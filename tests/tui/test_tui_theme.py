"""The theme chosen in the command palette is saved in the database and restored on launch."""

from __future__ import annotations

from anastro_quiz.tui.app import make_app

from .conftest import press, settle


async def test_theme_is_saved_and_restored(app, collection):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme != "nord"
        await pilot.press("ctrl+p", *"theme")
        await press(pilot, "enter")  # "Change theme": a picker of themes
        await pilot.press(*"nord")
        await press(pilot, "enter")
        assert app.theme == "nord"
    assert collection.store.get_setting("theme") == "nord"

    again = make_app(collection)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"
