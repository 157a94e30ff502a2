"""Home: the decks with their counts and mastery, today's totals, the streak; where the
terminal has room below the decks (a tall one, e.g. 200x50), the highlighted deck and the
last two weeks' reviews side by side, and the cards due on each of the next 30 days."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Header, Static

from ...home_data import HomeData, load_home
from ...store import upgrade_why
from ..widgets.bars import count_bars, share_bar
from ..shared_keys import key_footer
from ..work import Reply
from .base import CoreScreen
from ...numbers import noun, plural

if TYPE_CHECKING:
    from ...collection import DeckSummary


ROW_HEIGHT = 18  # the deck and reviews panels (.home-panel's min-height: the reviews' 14 days)
PANEL_MIN_HEIGHT = ROW_HEIGHT + 6  # and the forecast chart, with room to be worth reading


class HomeScreen(CoreScreen):
    """The deck list. Enter studies the highlighted deck; ``a`` studies everything due."""

    BINDINGS = [
        Binding("a", "app.study", "Study all due", tooltip="Every due card in every deck (no new cards)", id="study-all"),
        Binding("t", "quiz", "Quiz", tooltip="A scored test from chosen decks", id="quiz"),
        Binding("c", "browse", "Cards", tooltip="The highlighted deck's cards: suspended, leeches", id="browse"),
        # Not in the footer (80 columns hold no more): the hint line under the table shows it.
        Binding("g", "app.curate", "New from generator: keep, reject or edit cards before you study them",
                show=False, id="curate"),
        Binding("n", "app.generate", "New deck from a document (text, Markdown, HTML, PDF), then curate it",
                show=False, id="generate"),
        Binding("p", "app.progress", "Progress", id="progress"),
        Binding("s", "app.settings", "Settings", id="settings"),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, data: HomeData | None = None) -> None:
        super().__init__()
        self.data: HomeData | None = None
        self._first = data  # counts read before the app started: shown in the first frame
        self._left = False  # another screen was pushed over this one since the last load
        self._laid_out_for = None  # the size the table and panels were last laid out for

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="today")
        table: DataTable = DataTable(id="decks", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(Content.from_markup(_hint(0)), id="home-hint")
        with Vertical(id="home-panels"):
            with Horizontal(id="home-row"):
                yield Static("", id="home-deck", classes="home-panel")
                yield Static("", id="home-recent", classes="home-panel")
            # The forecast chart (plotext) is mounted when a terminal first has room for it.
        yield key_footer()

    def on_mount(self) -> None:
        if self._first is not None:
            self.show(self._first)
            self._first = None
            return
        self._add_columns(self.query_one("#decks", DataTable), [])
        self.refresh_data()

    def _add_columns(self, table: DataTable, titles: list[str]) -> int:
        """Every column with a fixed width: the Deck column as wide as the longest title (up to
        what the terminal leaves, then titles wrap), returned. Never measured by the table after
        drawing: that measuring raced the first frame, which then drew the column 4 characters wide."""
        # Labels and cells as Text, not str: DataTable parses a str as Rich markup, and the
        # first markup parsed loads Rich's table of 3,600 emoji names (7 ms of a launch here).
        width = self.deck_width(titles)
        table.add_column(Text("Deck"), key="title", width=width)
        for label in ("New", "Learn", "Due"):
            table.add_column(Text(label), key=label.lower(), width=5)
        table.add_column(Text("Mastery"), key="mastery", width=15)
        return width

    OTHER_COLUMNS = 3 * 5 + 15 + 5 * 2 + 2  # the count and mastery columns, cell padding, scrollbar

    def deck_width(self, titles: list[str]) -> int:
        longest = max([4, *(cell_len(t) for t in titles)])
        room = (self.size.width or self.app.size.width) - self.OTHER_COLUMNS
        return max(12, min(longest, room))

    def on_resize(self) -> None:
        # A launch sends resizes of the size Home was first drawn at: drawing again would
        # only repeat the same frame (and delay the first one).
        if self.data is not None and self.size != self._laid_out_for:
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

    @dataclass
    class Opening(Message):
        """The collection is opening slowly (a first import): ``done`` of ``total`` deck files
        read, ``name`` the next one ("" once all are read and the cards are being stored)."""

        done: int
        total: int
        name: str

    @dataclass
    class Upgrading(Message):
        """The database is being upgraded on this first open (an older database's review log
        rewritten): ``done`` of ``total``, ``stage`` what is under way, in words."""

        done: int
        total: int
        stage: str

    #: Said under an upgrade's progress: why it happens, and that quitting is safe.
    UPGRADE_WHY = upgrade_why("Ctrl+Q", "launch")

    @on(Opening)
    def _opening(self, message: Opening) -> None:
        what = (f"Reading decks: {message.name} ({message.done + 1} of {message.total})" if message.name
                else f"Saving the cards of {plural(message.total, 'deck file')} to your database…")
        self._show_opening(message.done, message.total, what)

    @on(Upgrading)
    def _upgrading(self, message: Upgrading) -> None:
        if self.data is not None:
            return
        self._show_opening(message.done, message.total, f"{message.stage}…")
        if not self.query("#home-upgrade-why"):  # under the bar, until the decks are drawn
            self.mount(Static(self.UPGRADE_WHY, id="home-upgrade-why", markup=False), after="#home-opening")

    def _show_opening(self, done: int, total: int, what: str) -> None:
        if self.data is not None or total < 1:
            return
        from textual.widgets import ProgressBar  # imported only for a slow opening (3-15 ms)

        bars = self.query("#home-opening")
        if bars:
            bar = bars.first(ProgressBar)
        else:  # mounted only for a slow opening: most launches never pay for the widget
            bar = ProgressBar(id="home-opening", show_eta=False)
            self.mount(bar, after="#today")
        bar.display = True
        bar.update(total=total, progress=done)
        self.query_one("#today", Static).update(Content(what))

    @work(thread=True, exclusive=True, exit_on_error=False, group="load decks", name="load decks")
    def refresh_data(self) -> None:
        def load() -> HomeData:
            chart = self._panel_room(len(self.collection.decks)) >= PANEL_MIN_HEIGHT
            return load_home(self.collection, forecast=chart)

        self.post_message(self.Loaded(self.database(load)))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if not message.stale:
            self.show(message.data)

    def show(self, data: HomeData) -> None:
        self.data = data
        self._laid_out_for = self.size
        self.query("#home-opening").set(display=False)
        self.query("#home-upgrade-why").remove()
        table = self.query_one("#decks", DataTable)
        selected = table.cursor_row
        table.clear(columns=True)
        titles = [d.title for d in data.decks]
        width = self._add_columns(table, titles)
        for d in data.decks:
            # height=None: a title longer than the column wraps instead of being cut. Only those:
            # the table renders every cell of such a row once more to measure it (20 decks: ~10 ms).
            table.add_row(Text(d.title), Text(str(d.new)), Text(str(d.learning)), Text(str(d.due)), _mastery(d),
                          key=d.id, height=1 if cell_len(d.title) <= width else None)
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
        self.query_one("#home-hint", Static).update(Content.from_markup(_hint(waiting, self.size.width)))
        self.sub_title = plural(len(data.decks), "deck")
        self._show_panels(data)
        self.call_after_refresh(self.app.home_drawn)

    def _show_panels(self, data: HomeData) -> None:
        """The panels below the decks, where the terminal leaves them room (not at 80x24): at
        100x30 the deck and reviews panels, from about 30 rows more the forecast chart too."""
        panels = self.query_one("#home-panels")
        room = self._panel_room(len(data.decks))
        panels.display = room >= ROW_HEIGHT
        if not panels.display:
            return
        if room >= PANEL_MIN_HEIGHT and data.forecast is None:  # grown tall enough for the chart
            self.refresh_data()
        plot = self._forecast_plot(room >= PANEL_MIN_HEIGHT and data.forecast is not None)
        if plot is not None:
            from ..widgets.charts import draw_due_per_day

            draw_due_per_day(plot.plt, data.forecast)
            plot.refresh()
        recent = [(day.strftime("%a %d"), n) for day, n in data.recent]
        total = sum(n for _day, n in data.recent)
        self.query_one("#home-recent", Static).update(
            Content.from_markup("[b $accent]Reviews, last 14 days[/] ($total)\n\n", total=str(total))
            + count_bars(recent))
        self._show_deck_panel()

    def _panel_room(self, decks: int) -> int:
        """Rows left below a table of ``decks`` decks for the panels."""
        used = decks + 6  # header, today, table header, hint, footer, a spare row
        return (self.size.height or self.app.size.height) - used

    def _forecast_plot(self, room: bool):
        """The forecast chart, shown where there is ``room`` (mounted the first time; plotext
        costs 20 ms to import, which a launch in a small terminal never pays), else hidden."""
        plots = self.query("#home-forecast")
        if not room:
            plots.set(display=False)
            return None
        if plots:
            plot = plots.first()
            plot.display = True
            return plot
        from textual_plotext import PlotextPlot

        plot = PlotextPlot(id="home-forecast")
        self.query_one("#home-panels").mount(plot)
        return plot

    def _show_deck_panel(self) -> None:
        if self.data is None or not self.query_one("#home-panels").display:
            return
        deck_id = self.highlighted_deck()
        summary = next((d for d in self.data.decks if d.id == deck_id), None)
        box = self.query_one("#home-deck", Static)
        if summary is None:
            box.update("")
            return
        deck = self.collection.decks.get(summary.id)
        studied = summary.total - summary.unseen
        text = Content.from_markup("[b $accent]$title[/]\n\n", title=summary.title)
        if deck is not None and deck.description:
            text += Content(deck.description.strip() + "\n\n")
        text += Content.from_markup(
            "Cards        [b]$total[/] ($studied studied, $unseen never seen)\n"
            "Suspended    [b]$suspended[/]\nToday        [b]$due[/] due · [b]$learn[/] learning · [b]$new[/] new\n"
            "Mastery      ",
            total=str(summary.total), studied=str(studied), unseen=str(summary.unseen),
            suspended=str(summary.suspended), due=str(summary.due), learn=str(summary.learning), new=str(summary.new))
        text += _mastery(summary)
        if deck is not None and deck.sources:
            text += Content(f"\nSources      {plural(len(deck.sources), 'source')}")
        box.update(text + Content.from_markup("\n\n[$text-muted]Enter studies it · c its cards · t a quiz[/]"))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_deck_panel()

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


def _mastery(deck: DeckSummary) -> Content:
    """A deck's mastery bar; a deck never studied says so rather than showing 0%, which
    reads as studied and failed."""
    if deck.total and deck.unseen == deck.total:
        return Content.from_markup("[$text-muted]not studied yet[/]")
    return share_bar(deck.mastery)


def _hint(waiting: int, width: int = 80) -> str:
    """The keys under the deck list; ``waiting``: new cards held back until kept in curation.
    Where the terminal is ``width`` columns wide enough, also the key that makes a deck."""
    curate = f"curate ({waiting} waiting)" if waiting else "curate new cards"
    hint = f"[b]Enter[/] study the highlighted deck   [b]a[/] all due   [b]g[/] {curate}"
    generate = "   [b]n[/] new deck from a document"
    return hint + generate if len(Content.from_markup(hint + generate).plain) < width else hint
