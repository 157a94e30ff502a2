"""Browse: a deck's cards with state, due date, lapses and flags (suspended, buried, leech);
filter to suspended or leeches; suspend/unsuspend, bury/unbury."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from ..shared_keys import key_footer
from .base import CoreScreen

STATES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}
FILTERS = ("all", "suspended", "leeches")


class BrowseScreen(CoreScreen):
    """One deck's cards. ``f`` cycles all / suspended / leeches; ``s`` suspends or unsuspends,
    ``b`` buries or unburies."""

    BINDINGS = [
        Binding("f", "cycle_filter", "Filter", tooltip="All cards, suspended only, leeches only", id="filter"),
        Binding("s", "toggle_suspend", "Suspend/unsuspend", id="toggle-suspend"),
        Binding("b", "toggle_bury", "Bury/unbury", tooltip="Bury until tomorrow, or study it today after all",
                id="toggle-bury"),
        Binding("e", "edit", "Edit", tooltip="Edit the highlighted card in its deck file", id="edit"),
        Binding("q,escape", "app.pop_screen", "Back", id="back"),
    ]

    def __init__(self, deck_id: str, only: str = "all") -> None:
        super().__init__()
        self.deck_id = deck_id
        self.only = only
        self.rows: list | None = None  # [(StudyItem, ScheduleRow)] as last loaded

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="browse-status")
        yield DataTable(id="cards", cursor_type="row", zebra_stripes=True)
        yield key_footer()

    def on_mount(self) -> None:
        deck = self.collection.decks.get(self.deck_id)
        self.sub_title = f"Cards · {deck.title if deck else self.deck_id}"
        table = self.query_one("#cards", DataTable)
        table.add_column("Card", key="card", width=32)
        table.add_column("State", key="state", width=10)
        table.add_column("Due", key="due", width=10)
        table.add_column("Lapses", key="lapses", width=6)
        table.add_column("Flags", key="flags", width=11)
        self.load()

    def load(self) -> None:
        deck_id, only = self.deck_id, self.only
        self.db(lambda: self.collection.browse(deck_id, only), self.show, name="list cards", exclusive=True)

    def show(self, rows: list) -> None:
        self.rows = rows
        table = self.query_one("#cards", DataTable)
        selected = table.cursor_row
        table.clear()
        now = self.collection.now()
        for item, row in rows:
            flags = " ".join(f for f, on in (("susp", row.suspended), ("buried", row.buried_at(now)),
                                             ("leech", row.leech)) if on)
            due = (row.due or "")[:10] if row.fsrs_state else ""
            table.add_row(Text(item.prompt.replace("\n", " "), overflow="ellipsis", no_wrap=True),
                          STATES.get(row.fsrs_state, "?"), due, str(row.lapses), flags, key=item.id)
        if rows:
            table.move_cursor(row=min(selected, len(rows) - 1))
        label = {"all": "all cards", "suspended": "suspended cards", "leeches": "leeches"}[self.only]
        self.query_one("#browse-status", Static).update(
            f"Showing {label}: {len(rows)}   (f: filter · s: suspend · b: bury · e: edit)")

    def highlighted(self):
        table = self.query_one("#cards", DataTable)
        if not self.rows or not table.row_count:
            return None
        return self.rows[table.cursor_row]

    def action_edit(self) -> None:
        picked = self.highlighted()
        if picked is None:
            return
        from ..dialogs.edit_card import open_editor

        open_editor(self, self.deck_id, picked[0].card_id, lambda changed: self.load() if changed else None)

    def action_cycle_filter(self) -> None:
        self.only = FILTERS[(FILTERS.index(self.only) + 1) % len(FILTERS)]
        self.load()

    def action_toggle_suspend(self) -> None:
        picked = self.highlighted()
        if picked is None:
            return
        item, row = picked
        suspend = not row.suspended
        collection = self.collection

        def job() -> list:
            collection.set_suspended(item, suspend)
            return collection.browse(self.deck_id, self.only)

        self.notify(("Suspended: " if suspend else "Unsuspended: ") + item.id, timeout=2, markup=False)
        self.db(job, self.show, name="suspend card" if suspend else "unsuspend card")

    def action_toggle_bury(self) -> None:
        picked = self.highlighted()
        if picked is None:
            return
        item, row = picked
        bury = not row.buried_at(self.collection.now())
        collection = self.collection

        def job() -> list:
            collection.set_buried(item, bury)
            return collection.browse(self.deck_id, self.only)

        self.notify(("Buried until tomorrow: " if bury else "Unburied, can be studied today: ") + item.id,
                    timeout=2, markup=False)
        self.db(job, self.show, name="bury card" if bury else "unbury card")
