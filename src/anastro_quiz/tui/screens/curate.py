"""New from generator: the cards not curated yet, best first; keep (Enter), reject (x), edit (e).

What a candidate is, and where keeping and rejecting are recorded, is the core's
(:mod:`anastro_quiz.curation`); this screen shows one card at a time and sends the choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static

from ...curation import Candidate, candidates, keep, reject
from ...deck_edit import EditError
from ..shared_keys import key_footer
from ..work import Reply, change
from .base import CoreScreen


@dataclass
class CurateData:
    cards: list[Candidate]
    holding: set[str] = field(default_factory=set)  # decks whose new cards wait until kept


def load_curation(collection, deck_ids: list[str] | None = None) -> CurateData:
    """The candidates (of ``deck_ids`` only, if given) and which decks hold new cards back (runs in a worker)."""
    return CurateData(candidates(collection, deck_ids),
                      {d for d in collection.decks if collection.holds_uncurated(d)})


class CurateScreen(CoreScreen):
    """One candidate at a time, as the student will see it, with its source and deck."""

    BINDINGS = [
        Binding("enter", "keep", "Keep", tooltip="Keep the card: it may now be studied", id="keep"),
        Binding("x", "reject", "Reject", tooltip="Remove it from its deck; regenerating leaves it out",
                id="reject"),
        Binding("e", "edit", "Edit", tooltip="Edit the card in its deck file, then keep or reject it", id="edit"),
        Binding("space", "later", "Later", tooltip="Decide later: the next card", id="later"),
        Binding("o", "source", "Source", tooltip="The quote in its paragraph", id="source"),
        Binding("q,escape", "app.pop_screen", "Back", id="back"),
    ]
    HELP = "Best-scored cards first. Kept cards are recorded in the database; rejected ones leave the deck file."

    def __init__(self, deck_ids: list[str] | None = None) -> None:
        super().__init__()
        self.deck_ids = deck_ids  # only these decks' cards (a deck just generated); None: every deck
        self.data: CurateData | None = None
        self.index = 0
        self.busy = True  # until the candidates arrive
        self.decided = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="curate-status")
        with VerticalScroll(id="curate-card"):
            yield Static("", id="curate-meta")
            yield Static("", id="curate-question")
            yield Static("", id="curate-explanation")
            yield Static("", id="curate-source")
        yield key_footer()

    def on_mount(self) -> None:
        self.sub_title = "New from generator" + (f": {', '.join(self.deck_ids)}" if self.deck_ids else "")
        self.load()

    @dataclass
    class Loaded(Reply):
        data: CurateData
        key: tuple[str, str] | None

    def load(self, key: tuple[str, str] | None = None) -> None:
        """(Re)read the candidates; show the one with ``key`` if it is still there."""
        self.busy = True
        self.list_candidates(key)

    @work(thread=True, exclusive=True, exit_on_error=False, group="list new cards", name="list new cards")
    def list_candidates(self, key: tuple[str, str] | None) -> None:
        self.post_message(self.Loaded(self.database(lambda: load_curation(self.collection, self.deck_ids)), key))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.stale:
            return
        self.data = data = message.data
        keys = [c.key for c in data.cards]
        if message.key in keys:
            self.index = keys.index(message.key)
        self.busy = False
        self.draw()

    def work_failed(self, worker) -> None:
        self.busy = False

    @property
    def current(self) -> Candidate | None:
        if self.data is None or not self.data.cards:
            return None
        self.index %= len(self.data.cards)
        return self.data.cards[self.index]

    # --- drawing ---------------------------------------------------------------

    def draw(self) -> None:
        status = self.query_one("#curate-status", Static)
        boxes = [self.query_one(f"#curate-{n}", Static) for n in ("meta", "question", "explanation", "source")]
        c = self.current
        if c is None:
            status.update(f"Nothing left to curate ({self.decided} decided this time).")
            boxes[1].update(Content("Every generated card has been kept, studied or rejected. q goes back."))
            for box in (boxes[0], boxes[2], boxes[3]):
                box.update("")
            return
        assert self.data is not None
        score = f" · score {c.score:.2f}" if c.score is not None else ""
        hold = " · new cards wait until kept" if c.deck.id in self.data.holding else ""
        status.update(Content(f"Card {self.index + 1} of {len(self.data.cards)}{score}{hold}"))
        tags = f" · {', '.join(c.card.tags)}" if c.card.tags else ""
        boxes[0].update(Content(f"{c.deck.title}{tags} · {c.card.type.replace('_', '/')} · {c.card.id}"))
        boxes[1].update(_as_studied(c))
        explanation = c.items[0].explanation if c.items else None
        boxes[2].update(Content.from_markup("[i]$t[/]", t=explanation) if explanation else "")
        source = c.items[0].source if c.items else None
        if source is None:
            boxes[3].update(Content.from_markup("[$text-muted](no source)[/]"))
        else:
            deck = self.collection.decks.get(c.items[0].deck_id)
            boxes[3].update(Content.from_markup("[b]Source[/] · $where\n[$text-muted]“$quote”[/]",
                                                where=deck.source_title(source) if deck else source.where,
                                                quote=source.quote))
        self.query_one("#curate-card", VerticalScroll).scroll_home(animate=False)

    # --- actions ---------------------------------------------------------------

    def _decided(self, c: Candidate, note: str) -> None:
        assert self.data is not None
        self.data.cards.remove(c)
        self.decided += 1
        self.busy = False
        self.notify(note, timeout=2, markup=False)
        self.draw()

    def action_keep(self) -> None:
        c = self.current
        if self.busy or c is None:
            return
        self.busy = True
        self.keep(c)

    @dataclass
    class Decided(Reply):
        candidate: Candidate
        outcome: str | list[str]  # the toast, or the problems that stopped a reject

    @change(name="keep card", group="decide")
    def keep(self, c: Candidate) -> None:
        self.database(lambda: keep(self.collection, c.deck.id, c.card.id))
        self.post_message(self.Decided(c, "Kept."))

    @on(Decided)
    def _decided_message(self, message: Decided) -> None:
        if isinstance(message.outcome, str):
            self._decided(message.candidate, message.outcome)
        else:
            self.busy = False
            self.notify("\n".join(message.outcome), title="Not rejected", severity="error", markup=False, timeout=8)

    def action_reject(self) -> None:
        c = self.current
        if self.busy or c is None:
            return
        self.busy = True
        self.reject(c)

    @change(name="reject card", group="decide")
    def reject(self, c: Candidate) -> None:
        collection = self.collection

        def job() -> str | list[str]:
            try:
                gone = reject(collection, c.deck.id, c.card.id)
            except EditError as exc:  # e.g. a read-only deck: the user's to act on, not an app error
                return exc.problems
            name = c.deck.path.name if c.deck.path else c.deck.id
            return f"Rejected: removed from {name}" + (" (its last card: the file is gone)" if gone else "") + "."

        self.post_message(self.Decided(c, self.database(job)))

    def action_edit(self) -> None:
        c = self.current
        if self.busy or c is None:
            return
        from ..dialogs.edit_card import open_editor

        def closed(items: dict | None) -> None:
            if items is not None:
                self.load(c.key)  # the deck was reloaded: show the card as edited

        open_editor(self, c.deck.id, c.card.id, closed)

    def action_later(self) -> None:
        if self.busy or self.current is None:
            return
        assert self.data is not None
        self.index += 1
        if self.index >= len(self.data.cards):
            self.index = 0
            self.notify("Back to the first card not decided yet.", timeout=2)
        self.draw()

    def action_source(self) -> None:
        c = self.current
        if c is None or not c.items or c.items[0].source is None:
            return
        from ..dialogs.source import SourceDialog

        self.app.push_screen(SourceDialog(c.deck, c.items[0].source))


def _as_studied(c: Candidate) -> Content:
    """Each question of the card as the student sees it, with its answer under it."""
    parts = []
    for n, item in enumerate(c.items, start=1):
        label = f"{n}. " if len(c.items) > 1 else ""
        parts.append(Content.from_markup("[b]$label$prompt[/]", label=label, prompt=item.prompt))
        for k, choice in enumerate(item.choices if item.type != "true_false" else (), start=1):
            parts.append(Content(f"   {k}) {choice}"))
        parts.append(Content.from_markup("   → [b $success]$answer[/]", answer=item.answer))
    return Content("\n").join(parts)
