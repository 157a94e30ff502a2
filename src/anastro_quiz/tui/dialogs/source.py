"""The source of a card: the document paragraph with the quote highlighted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...decks import Deck, Source
from ...source_context import source_context, source_table


class SourceDialog(ModalScreen[None]):
    """Shows where a card's fact comes from; any of Escape, q or o closes it."""

    BINDINGS = [Binding("escape,q,o", "dismiss", "Close")]

    def __init__(self, deck: Deck | None, source: Source) -> None:
        super().__init__()
        self.deck = deck
        self.source = source

    def compose(self) -> ComposeResult:
        with Vertical(id="source-box", classes="dialog"):
            title = self.deck.source_title(self.source) if self.deck is not None else self.source.where
            yield Static(Content.from_markup("[b]Source[/] · $doc", doc=title), classes="dialog-title")
            with VerticalScroll(id="source-text"):
                found = source_table(self.deck, self.source)
                if found is not None:
                    yield Static(_table(*found), id="source-table")
                else:
                    yield Static(self._body(), id="source-paragraph")
            yield Static("Escape closes", classes="dialog-hint")

    def _body(self) -> Content:
        context = source_context(self.deck, self.source)
        if context is None:
            # The document is not on disk (or the quote is not in it): show the quote alone.
            return Content.from_markup("[$text-muted](source document not found)[/]\n\n[reverse]$q[/]",
                                       q=self.source.quote)
        note = "" if context.exact else "\n\n[$text-muted](closest match shown)[/]"
        return Content.from_markup("$before[b reverse]$quoted[/]$after" + note, before=context.before,
                                   quoted=context.quoted, after=context.after)


def _table(table, quoted: int):
    """A source table drawn as a table (rich), the row the card quotes highlighted."""
    from rich.table import Table

    out = Table(table.label_header or "", *table.columns, expand=True)
    for index, row in enumerate(table.rows):
        out.add_row(row.label, *row.cells, style="bold reverse" if index == quoted else None)
    return out
