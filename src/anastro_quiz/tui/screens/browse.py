"""Browse: cards of one deck or of every deck, with prompt, answer, state, due date, lapses
and flags (marked, suspended, buried, leech); search; filter to suspended, leeches or marked;
mark/unmark, suspend/unsuspend, bury/unbury, edit; act on every card shown (``a``)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Input, Static

from ...numbers import plural
from ..shared_keys import key_footer
from ..dialogs.card_info import CardInfoJobs
from ..work import Reply, change
from .base import CoreScreen

STATES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}
FILTERS = ("all", "suspended", "leeches", "marked")
# Columns of fixed width (key, label, width); the prompt and answer share what is left.
FIXED = (("state", "State", 10), ("due", "Due", 10), ("lapses", "Lap", 3), ("flags", "Flags", 11))
DECK_WIDTH = (10, 16)  # the Deck column, shown across decks: below 120 columns, and from there


class BrowseScreen(CardInfoJobs, CoreScreen):
    """Cards of one deck, or of all (``d``). ``/`` searches (plain words, ``field:word``);
    ``f`` cycles all / suspended / leeches; ``s`` suspends or unsuspends, ``b`` buries or unburies."""

    BINDINGS = [
        Binding("slash", "search", "Search", tooltip="Words in prompt, answer, tags, id; or prompt:, answer:, "
                "tag:, deck:, id:, type:, is:new/learn/review/due/suspended/leech, prop:lapses>3, prop:due<=0",
                id="search"),
        # Not in the footer (80 columns hold no more): the status line above the list names it.
        Binding("d", "toggle_decks", "Every deck / this deck", show=False, id="toggle-decks"),
        Binding("f", "cycle_filter", "Filter", tooltip="All cards, suspended only, leeches only, marked only",
                id="filter"),
        Binding("asterisk", "toggle_mark", "Mark", tooltip="Mark or unmark the card (Anki's *)", show=False,
                id="toggle-mark"),
        # One key each, named for what it does to the highlighted card (the Footer shows one).
        Binding("s", "suspend", "Suspend", tooltip="Suspend the card: out of your reviews until unsuspended",
                id="suspend"),
        Binding("s", "unsuspend", "Unsuspend", tooltip="Unsuspend the card: back in your reviews", id="unsuspend"),
        Binding("b", "bury", "Bury", tooltip="Bury the card until tomorrow", id="bury"),
        Binding("b", "unbury", "Unbury", tooltip="Unbury the card: study it today after all", id="unbury"),
        Binding("e", "edit", "Edit", tooltip="Edit the highlighted card in its deck file", id="edit"),
        Binding("a", "act", "All shown", tooltip="Suspend, unsuspend, reset, set the due date of or quiz every "
                "card shown", show=False, id="act"),
        Binding("i", "info", "Info", tooltip="Card info: review history, stability, difficulty, recall now",
                id="info"),
        Binding("q,escape", "leave", "Back", tooltip="Back (in the search field: back to the list)", id="back"),
    ]

    def __init__(self, deck_id: str | None, only: str = "all") -> None:
        super().__init__()
        self.deck_id = deck_id  # None: every deck
        self.home_deck = deck_id  # the deck ``d`` comes back to
        self.only = only
        self.search = ""
        self.rows: list | None = None  # [(StudyItem, ScheduleRow)] as last loaded
        self._width = 0  # the terminal width the columns were laid out for

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="browse-status")
        search = Input(placeholder="Search: words, or prompt: answer: tag: deck: id: type: (Enter: to the list)",
                       id="browse-search")
        search.display = False  # until / opens it
        yield search
        yield DataTable(id="cards", cursor_type="row", zebra_stripes=True)
        # The highlighted card in full: the columns cut a prompt to what the width leaves
        # (a dozen characters at 80 columns across decks), and siblings start alike.
        yield Static("", id="browse-preview")
        yield key_footer()

    def on_mount(self) -> None:
        self.query_one("#cards", DataTable).focus()
        self.load()

    def _title(self) -> str:
        deck = self.collection.decks.get(self.deck_id) if self.deck_id else None
        return "every deck" if self.deck_id is None else deck.title if deck else self.deck_id

    def _columns(self, table: DataTable) -> None:
        """(Re)lay the columns out for the terminal's width: prompt and answer share what the
        fixed columns leave (3 to 2), so the answer is always in view."""
        self._width = self.app.size.width
        deck_width = DECK_WIDTH[self._width >= 120]
        shown = list(FIXED) + ([("deck", "Deck", deck_width)] if self.deck_id is None else [])
        fixed = sum(width + 2 for _k, _l, width in shown)
        room = max(16, self._width - fixed - 4 - 2)  # two text columns' padding, the scrollbar
        prompt = room * 3 // 5
        table.clear(columns=True)
        if self.deck_id is None:
            table.add_column("Deck", key="deck", width=deck_width)
        table.add_column("Card", key="card", width=prompt)
        table.add_column("Answer", key="answer", width=room - prompt)
        for key, label, width in FIXED:
            table.add_column(label, key=key, width=width)

    def on_resize(self) -> None:
        if self.rows is not None and self.app.size.width != self._width:
            self.show(self.rows)

    @dataclass
    class Listed(Reply):
        rows: list

    def load(self) -> None:
        self.sub_title = f"Cards · {self._title()}"
        self.list_cards(self.deck_id, self.only, self.search)

    @dataclass
    class Unreadable(Reply):
        problem: str

    @work(thread=True, exclusive=True, exit_on_error=False, group="list cards", name="list cards")
    def list_cards(self, deck_id: str | None, only: str, search: str) -> None:
        """The cards for one scope, filter and search; a newer request supersedes this one
        (a search typed letter by letter shows what the last letter finds)."""
        from ...card_search import SearchError, check_query

        try:  # checked before the database is asked (e.g. 'prop:lap' while it is typed)
            check_query(search)
        except SearchError as exc:  # said on the status line
            self.post_message(self.Unreadable(str(exc)))
            return
        self.post_message(self.Listed(self.database(lambda: self.collection.browse(deck_id, only, search))))

    @on(Listed)
    def _listed(self, message: Listed) -> None:
        if not message.stale:
            self.show(message.rows)

    @on(Unreadable)
    def _unreadable(self, message: Unreadable) -> None:
        if not message.stale:
            self.query_one("#browse-status", Static).update(Text(message.problem))  # wraps: it says how to write it

    def show(self, rows: list) -> None:
        self.rows = rows
        table = self.query_one("#cards", DataTable)
        selected = table.cursor_row
        self._columns(table)
        now = self.collection.now()
        for item, row in rows:
            flags = " ".join(f for f, on in (("★", row.marked), ("susp", row.suspended),
                                             ("buried", row.buried_at(now)), ("leech", row.leech)) if on)
            due = (row.due or "")[:10] if row.fsrs_state else ""
            cells = [_cell(item.prompt), _cell(item.answer), STATES.get(row.fsrs_state, "?"), due, str(row.lapses),
                     flags]
            if self.deck_id is None:
                deck = self.collection.decks.get(item.deck_id)
                cells.insert(0, _cell(deck.title if deck else item.deck_id))
            table.add_row(*cells, key=f"{item.deck_id}/{item.id}")
        if rows:
            table.move_cursor(row=min(selected, len(rows) - 1))
        self._show_preview()
        # The count first: at 80 columns a long deck title is what the ellipsis cuts, not the count.
        count = {"all": plural(len(rows), "card"), "suspended": plural(len(rows), "suspended card"),
                 "leeches": plural(len(rows), "leech", "leeches"), "marked": plural(len(rows), "marked card")}[self.only]
        found = f" matching “{self.search}”" if self.search.strip() else ""
        other = "this deck" if self.deck_id is None and self.home_deck else "every deck"
        scope = f" (d: {other})" if self.home_deck else ""
        self.query_one("#browse-status", Static).update(Text(
            f"{count}{found} · {self._title()}{scope}", overflow="ellipsis", no_wrap=True))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_preview()

    def _show_preview(self) -> None:
        """Under the list: the highlighted card's deck, type and tags, whole prompt and answer;
        and the Footer's s and b for it (Suspend or Unsuspend, Bury or Unbury)."""
        self.refresh_bindings()
        picked = self.highlighted()
        preview = self.query_one("#browse-preview", Static)
        preview.display = picked is not None
        if picked is None:
            return
        item = picked[0]
        deck = self.collection.decks.get(item.deck_id)
        about = " · ".join([deck.title if deck else item.deck_id, item.type, *([", ".join(item.tags)] if item.tags else [])])
        preview.update(Text.assemble((about, "dim"), "\n", (" ".join(item.prompt.split()), "bold"),
                                     "\n→ ", " ".join(item.answer.split())))

    # --- search and scope ---------------------------------------------------------

    def action_search(self) -> None:
        box = self.query_one("#browse-search", Input)
        box.display = True
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.search = event.value
        self.load()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#cards", DataTable).focus()

    def action_toggle_decks(self) -> None:
        self.deck_id = None if self.deck_id is not None else self.home_deck
        if self.deck_id is None and self.home_deck is None:
            return
        self.load()

    def action_leave(self) -> None:
        """Back; in the search field, back to the list (the search stays)."""
        if isinstance(self.focused, Input):
            box = self.query_one("#browse-search", Input)
            box.display = bool(box.value)
            self.query_one("#cards", DataTable).focus()
            return
        self.app.pop_screen()

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

        open_editor(self, picked[0].deck_id, picked[0].card_id,
                    lambda items: self.load() if items is not None else None)

    def action_info(self) -> None:
        picked = self.highlighted()
        if picked is not None:
            self.open_card_info(picked[0].deck_id, picked[0].id)

    def action_act(self) -> None:
        """Act on every card shown (the search's selection)."""
        if not self.rows:
            self.notify("No card shown to act on.", timeout=2)
            return
        from ..dialogs.selection import SelectionDialog

        keys = [(item.deck_id, item.id) for item, _row in self.rows]
        self.app.push_screen(SelectionDialog(len(keys)), lambda picked: self._act(keys, picked))

    def _act(self, keys: list[tuple[str, str]], picked: tuple[str, int] | None) -> None:
        if picked is None:
            return
        action, days = picked
        if action == "quiz":
            from ...quiz import Quiz

            collection = self.collection
            self.app.open_quiz(lambda: Quiz.create(collection, None, min(len(keys), 50), keys=keys))
            return
        if self.app.refused_in_preview({"suspend": "suspend cards", "unsuspend": "unsuspend cards",
                                        "reset": "reset cards to new", "due": "set due dates"}[action]):
            return
        done = {"suspend": "Suspended", "unsuspend": "Unsuspended", "reset": "Reset to new",
                "due": f"Due in {days} days:" if days else "Due today:"}[action]
        self.notify(f"{done} {len(keys)} cards shown" if action != "due" else f"{done} the studied cards shown",
                    timeout=3)
        self.change_card(lambda: self.collection.act_on(keys, action, days)).name = f"{action} cards"

    def action_cycle_filter(self) -> None:
        self.only = FILTERS[(FILTERS.index(self.only) + 1) % len(FILTERS)]
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """s and b say what they do to the highlighted card: Suspend or Unsuspend, Bury or Unbury."""
        if action not in ("suspend", "unsuspend", "bury", "unbury"):
            return True
        picked = self.highlighted()
        if picked is None:
            return None if not action.startswith("un") else False  # greyed: no card to act on
        row = picked[1]
        flagged = row.suspended if action.endswith("suspend") else row.buried_at(self.collection.now())
        return flagged == action.startswith("un")

    def action_suspend(self) -> None:
        self._toggle_suspend()

    def action_unsuspend(self) -> None:
        self._toggle_suspend()

    def action_bury(self) -> None:
        self._toggle_bury()

    def action_unbury(self) -> None:
        self._toggle_bury()

    def _toggle_suspend(self) -> None:
        picked = self.highlighted()
        if picked is None or self.app.refused_in_preview("suspend or unsuspend cards"):
            return
        item, row = picked
        suspend = not row.suspended
        self.notify(("Suspended: " if suspend else "Unsuspended: ") + _named(item), timeout=2, markup=False)
        self.change_card(lambda: self.collection.set_suspended(item, suspend)).name = (
            "suspend card" if suspend else "unsuspend card")

    def action_toggle_mark(self) -> None:
        picked = self.highlighted()
        if picked is None or self.app.refused_in_preview("mark cards"):
            return
        item, row = picked
        mark = not row.marked
        self.notify(("Marked: " if mark else "Unmarked: ") + _named(item), timeout=2, markup=False)
        self.change_card(lambda: self.collection.set_marked(item, mark)).name = "mark card" if mark else "unmark card"

    def _toggle_bury(self) -> None:
        picked = self.highlighted()
        if picked is None or self.app.refused_in_preview("bury or unbury cards from Cards"):
            return
        item, row = picked
        bury = not row.buried_at(self.collection.now())
        self.notify(("Buried until tomorrow: " if bury else "Unburied, can be studied today: ") + _named(item),
                    timeout=2, markup=False)
        self.change_card(lambda: self.collection.set_buried(item, bury)).name = "bury card" if bury else "unbury card"

    @dataclass
    class Changed(Reply):
        pass

    @change(name="change card", group="change card")
    def change_card(self, change) -> None:
        """Mark, suspend, bury or take any back (never superseded: a change asked for is made);
        then the list is asked for again, in its own lane, so the newest list still wins."""
        self.database(change)
        self.post_message(self.Changed())

    @on(Changed)
    def _changed(self, message: Changed) -> None:
        self.load()


def _named(item) -> str:
    """A card as a toast names it: the start of its prompt, as the list shows it (its id says little)."""
    prompt = " ".join(item.prompt.split())
    return f"“{prompt if len(prompt) <= 40 else prompt[:39].rstrip() + '…'}”"


def _cell(text: str) -> Text:
    """One line of a long text, cut with an ellipsis where the column ends."""
    return Text(" ".join(text.split()), overflow="ellipsis", no_wrap=True)
