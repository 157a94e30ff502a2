"""A deck title or prompt with terminal escape codes reaches the app without them (issue 13)."""

from __future__ import annotations

from textual.widgets import DataTable

from anastro_quiz.collection import Collection
from anastro_quiz.tui.app import make_app

from .conftest import settle

EVIL = ('id: evil\ntitle: "Evil \\e]0;evil\\a deck"\ncards:\n'
        '  - id: a\n    type: basic\n    prompt: "Red \\e[31mflag"\n    answer: fine\n')


async def test_home_shows_the_title_without_escape_codes(tmp_path, clock):
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "evil.yaml").write_text(EVIL)
    collection = Collection.open(tmp_path / "p.db", [decks], clock=clock)
    app = make_app(collection)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#decks", DataTable)
        cells = [str(c) for c in table.get_row_at(0)]
        assert any("Evil ]0;evil deck" in c for c in cells), cells
        assert not any("\x1b" in c or "\x07" in c for c in cells)
    collection.close()
