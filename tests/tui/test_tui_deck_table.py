"""Home's deck table draws its one-line text cells itself (DeckTable): what it draws must be
what Textual's DataTable draws for the same rows, cursor, stripes and hover, cell by cell."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from anastro_quiz.tui.widgets.bars import share_bar
from anastro_quiz.tui.widgets.deck_table import DeckTable

ROWS = [("Aromatase inhibitors", "20", "3", "0", 0.42), ("Bone density", "0", "0", "12", 0.9),
        ("A title far too long for its column, which wraps", "5", "0", "1", 0.0), ("Dosing", "1", "1", "1", 1.0)]


class TwoTables(App):
    CSS = "DataTable { height: 8; }"

    def compose(self) -> ComposeResult:
        for table in (DataTable(id="stock", cursor_type="row", zebra_stripes=True),
                      DeckTable(id="ours", cursor_type="row", zebra_stripes=True)):
            table.add_column(Text("Deck"), key="title", width=22)
            for label in ("New", "Learn", "Due"):
                table.add_column(Text(label), key=label.lower(), width=5)
            table.add_column(Text("Mastery"), key="mastery", width=15)
            for title, new, learn, due, mastery in ROWS:
                table.add_row(Text(title), Text(new), Text(learn), Text(due), share_bar(mastery), key=title,
                              height=1 if len(title) <= 22 else None)
            yield table


def drawn(table: DataTable) -> list[list[tuple[str, str]]]:
    """Every line the table draws: each cell's text with its style."""
    return [[(segment.text, str(segment.style)) for segment in table.render_line(y)]
            for y in range(table.size.height)]


async def drawn_focused(pilot, table: DataTable) -> list[list[tuple[str, str]]]:
    table.focus()  # each table drawn with the focus, as Home's table has it
    await pilot.pause()
    return drawn(table)


async def test_deck_table_draws_what_data_table_draws():
    app = TwoTables()
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        stock, ours = app.query_one("#stock", DataTable), app.query_one("#ours", DeckTable)
        assert await drawn_focused(pilot, ours) == await drawn_focused(pilot, stock)
        for table in (stock, ours):  # the cursor moved down, as a key press moves it
            table.move_cursor(row=1)
        assert await drawn_focused(pilot, ours) == await drawn_focused(pilot, stock)
        app.set_focus(None)
        await pilot.pause()
        assert drawn(ours) == drawn(stock)
        assert "Bone density" in "".join(text for line in drawn(ours) for text, _style in line)
