"""Home: the decks with their counts and mastery, today's totals, the streak."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Static

from ...clock import study_day
from ...stats import Streak, review_days, streaks
from ..widgets.bars import share_bar
from ..shared_keys import key_footer
from ..work import Reply
from .base import CoreScreen
from ...numbers import noun, plural

if TYPE_CHECKING:
    from ...collection import DeckSummary


@dataclass
class HomeData:
    decks: list[DeckSummary]
    new_today: int
    reviewed_today: int
    streak: Streak


def load_home(collection) -> HomeData:
    """Everything Home shows, in one trip to the database (runs in a worker)."""
    now = collection.now()
    decks = collection.deck_summaries()
    new_today = sum(d.new for d in decks)  # DeckSummary.new is already within today's cap
    days = review_days(collection)
    today = study_day(now)
    return HomeData(decks, new_today, days.get(today.isoformat(), 0), streaks(set(days), today))


class HomeScreen(CoreScreen):
    """The deck list. Enter studies the highlighted deck; ``a`` studies everything due."""

    BINDINGS = [
        Binding("a", "app.study", "Study all due", tooltip="Every due card in every deck (no new cards)", id="study-all"),
        Binding("t", "quiz", "Quiz", tooltip="A scored test from chosen decks", id="quiz"),
        Binding("c", "browse", "Cards", tooltip="The highlighted deck's cards: suspended, leeches", id="browse"),
        # Not in the footer (80 columns hold no more): the hint line under the table shows it.
        Binding("g", "app.curate", "New from generator: keep, reject or edit cards before you study them",
                show=False, id="curate"),
        Binding("p", "app.progress", "Progress", id="progress"),
        Binding("s", "app.settings", "Settings", id="settings"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]
    HELP = "Enter studies the highlighted deck."

    def __init__(self) -> None:
        super().__init__()
        self.data: HomeData | None = None
        self._left = False  # another screen was pushed over this one since the last load

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="today")
        table: DataTable = DataTable(id="decks", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(Content.from_markup(_hint(0)), id="home-hint")
        yield key_footer()

    def on_mount(self) -> None:
        self._add_columns(self.query_one("#decks", DataTable), [])
        self.refresh_data()

    def _add_columns(self, table: DataTable, titles: list[str]) -> None:
        """Every column with a fixed width: the Deck column as wide as the longest title (up to
        what the terminal leaves, then titles wrap). Never measured by the table after drawing:
        that measuring raced the first frame, which then drew the column 4 characters wide."""
        table.add_column("Deck", key="title", width=self.deck_width(titles))
        for label in ("New", "Learn", "Due"):
            table.add_column(label, key=label.lower(), width=5)
        table.add_column("Mastery", key="mastery", width=15)

    OTHER_COLUMNS = 3 * 5 + 15 + 5 * 2 + 2  # the count and mastery columns, cell padding, scrollbar

    def deck_width(self, titles: list[str]) -> int:
        longest = max([4, *(cell_len(t) for t in titles)])
        room = (self.size.width or self.app.size.width) - self.OTHER_COLUMNS
        return max(12, min(longest, room))

    def on_resize(self) -> None:
        if self.data is not None:
            self.show(self.data)

    def on_screen_suspend(self) -> None:
        self._left = True

    def on_screen_resume(self) -> None:
        # Counts change after every session, quiz or settings change: reload on return
        # (not on the first resume, which on_mount's load already covers).
        if self._left:
            self._left = False
            self.refresh_data()

    @dataclass
    class Loaded(Reply):
        data: HomeData

    @work(thread=True, exclusive=True, exit_on_error=False, group="load decks", name="load decks")
    def refresh_data(self) -> None:
        self.post_message(self.Loaded(self.database(lambda: load_home(self.collection))))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if not message.stale:
            self.show(message.data)

    def show(self, data: HomeData) -> None:
        self.data = data
        table = self.query_one("#decks", DataTable)
        selected = table.cursor_row
        table.clear(columns=True)
        self._add_columns(table, [d.title for d in data.decks])
        for d in data.decks:
            # height=None: a title longer than the column wraps instead of being cut.
            table.add_row(Text(d.title), str(d.new), str(d.learning), str(d.due), share_bar(d.mastery),
                          key=d.id, height=None)
        if data.decks:
            table.move_cursor(row=min(selected, len(data.decks) - 1))
        due = sum(d.due for d in data.decks)
        learning = sum(d.learning for d in data.decks)
        streak = data.streak
        waiting = sum(d.waiting for d in data.decks)
        self.query_one("#today", Static).update(Content.from_markup(
            "Today: [b]$due[/] due · [b]$learn[/] learning · [b]$new[/] new   "
            "Reviewed: [b]$done[/]   Streak: [b]$cur[/] $days (best $best)",
            due=due, learn=learning, new=data.new_today, done=data.reviewed_today,
            cur=streak.current, days=noun(streak.current, "day"), best=streak.longest))
        self.query_one("#home-hint", Static).update(Content.from_markup(_hint(waiting)))
        self.sub_title = plural(len(data.decks), "deck")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.action_study(str(event.row_key.value))

    def highlighted_deck(self) -> str | None:
        table = self.query_one("#decks", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_quiz(self) -> None:
        self.app.action_quiz(self.highlighted_deck())

    def action_browse(self) -> None:
        deck_id = self.highlighted_deck()
        if deck_id is not None:
            self.app.action_browse(deck_id)


def _hint(waiting: int) -> str:
    """The keys under the deck list; ``waiting``: new cards held back until kept in curation."""
    curate = f"curate ({waiting} waiting)" if waiting else "curate new cards"
    return f"[b]Enter[/] study the highlighted deck   [b]a[/] all due   [b]g[/] {curate}"
