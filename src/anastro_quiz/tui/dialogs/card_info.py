"""Card info: one card's review history, FSRS stability and difficulty, recall now, due date, source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...card_info import CardInfo
from ...scheduler import format_interval
from ..work import Reply


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "–"


def describe(info: CardInfo, now: datetime, source_name: str | None = None) -> Content:
    """The dialog's text (also what a test reads); ``source_name``: the source by its title."""
    item = info.item
    due = "–"
    if info.due is not None:
        due = _when(info.due) + (" (due now)" if info.due <= now else f" (in {format_interval(info.due - now)})")
    memory = "never studied"
    if info.stability is not None:
        memory = (f"stability {info.stability:.1f} days · difficulty {info.difficulty:.1f} of 10 · "
                  f"recall now {info.recall_now:.0%}" if info.recall_now is not None else
                  f"stability {info.stability:.1f} days")
    flags = " · suspended" if info.suspended else ""
    if info.buried_until is not None and info.buried_until > now:
        flags += f" · buried until {_when(info.buried_until)}"
    text = Content.from_markup(
        "[b]$prompt[/]\n\n[b]Deck[/] $deck · $kind · id $id\n[b]Source[/] $source\n"
        "[b]State[/] $state$flags · due $due · $reps reviews, $lapses lapses\n[b]Memory[/] $memory\n\n"
        "[b]Review history[/]\n", prompt=item.prompt[:200], deck=item.deck_id, kind=item.type, id=item.id,
        source=(source_name or item.source.where) if item.source else "–", state=info.state, flags=flags, due=due,
        reps=info.reps, lapses=info.lapses, memory=memory)
    if not info.history:
        return text + Content("  none yet")
    lines = [f"  {'date':<16}  {'grade':<5}  {'interval':>8}  {'time':>6}"]
    for past in info.history:
        interval = format_interval(timedelta(days=past.interval_days)) if past.interval_days is not None else (
            "drill" if past.mode == "drill" else "–")
        seconds = f"{past.seconds:.1f}s" if past.seconds is not None else "–"
        lines.append(f"  {_when(past.at):<16}  {past.grade:<5}  {interval:>8}  {seconds:>6}")
    return text + Content("\n".join(lines))


class CardInfoDialog(ModalScreen[None]):
    """Card info for one study item; Escape, q or i closes it."""

    BINDINGS = [Binding("escape,q,i", "dismiss", "Close")]

    def __init__(self, info: CardInfo, now: datetime) -> None:
        super().__init__()
        self.info, self.now = info, now

    def compose(self) -> ComposeResult:
        with Vertical(id="card-info-box", classes="dialog"):
            yield Static(Content("Card info"), classes="dialog-title")
            with VerticalScroll(id="card-info-text"):
                deck = self.app.collection.decks.get(self.info.item.deck_id) if self.app.collection else None
                source = self.info.item.source
                name = deck.source_title(source) if deck is not None and source is not None else None
                yield Static(describe(self.info, self.now, name), id="card-info-body")
            yield Static("Escape closes", classes="dialog-hint")


@dataclass
class CardInfoLoaded(Reply):
    info: CardInfo
    now: datetime


class CardInfoJobs:
    """Mixed into the screens where ``i`` shows card info (with :class:`~..work.Jobs`)."""

    def open_card_info(self, deck_id: str, item_id: str) -> None:
        """Load the card's info off the UI thread, then show it over this screen."""
        self.load_card_info(deck_id, item_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="card info", name="card info")
    def load_card_info(self, deck_id: str, item_id: str) -> None:
        from ...card_info import card_info

        collection = self.collection
        self.post_message(CardInfoLoaded(*self.database(lambda: (card_info(collection, deck_id, item_id),
                                                                 collection.now()))))

    def on_card_info_loaded(self, message: CardInfoLoaded) -> None:
        if not message.stale:
            self.app.push_screen(CardInfoDialog(message.info, message.now))
