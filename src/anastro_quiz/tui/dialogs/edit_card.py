"""Edit one card's fields; Ctrl+S saves to the deck file (through the core), Esc cancels.

The fields, how their text becomes values and the saving itself are the core's
(:mod:`anastro_quiz.deck_edit`): this dialog only lays them out. A problem (an answer
not among the choices, an empty question, a read-only deck) is shown here and nothing
is written; the dialog stays open to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ...card_form import FIELDS, form_values
from ...deck_edit import EditError, check_writable
from ...decks import Card
from ..work import Jobs, Reply, change


class EditCardDialog(Jobs, ModalScreen[Any]):
    """Dismisses with what ``save`` returned, or ``None`` if cancelled.

    ``save(form)`` runs in this dialog's worker, under the database lock, with the fields'
    texts (name -> text); it raises :class:`EditError` to refuse the edit.
    """

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="save"), Binding("escape", "cancel", "Cancel", id="cancel")]
    # "-tall" from 40 rows: the dialog is as tall as its fields there (app.tcss, Edit card).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]

    def __init__(self, where: str, card: Card, save: Callable[[dict[str, str]], Any]) -> None:
        super().__init__()
        self.where = where
        self.card = card
        self.save = save
        self.saving = False

    def compose(self) -> ComposeResult:
        values = form_values(self.card.type, self.card.data)
        with Vertical(id="edit-box", classes="dialog"):
            yield Static(Content.from_markup("[b]Edit card[/] · $where · $type", where=self.where,
                                             type=self.card.type.replace("_", "/")), classes="dialog-title")
            with VerticalScroll(id="edit-fields"):
                for f in FIELDS[self.card.type]:
                    yield Label(f.label, classes="edit-label")
                    if f.kind == "bool":
                        yield Select([("true", "true"), ("false", "false")], value=values[f.name] or "true",
                                     allow_blank=False, id=f"edit-{f.name}", compact=True)
                    elif f.kind in ("text", "lines"):
                        yield TextArea(values[f.name], id=f"edit-{f.name}", soft_wrap=True,
                                       show_line_numbers=False, classes="edit-area", compact=True)
                    else:
                        yield Input(values[f.name], id=f"edit-{f.name}", compact=True)
            yield Static("", id="edit-problems")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="edit-save", variant="primary", compact=True)
                yield Button("Cancel", id="edit-cancel", compact=True)
            yield Static("Tab: next field · Ctrl+S: save to the deck file · Esc: cancel",
                         classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#edit-problems", Static).display = False
        first = FIELDS[self.card.type][0]
        self.query_one(f"#edit-{first.name}").focus()

    def form(self) -> dict[str, str]:
        out = {}
        for f in FIELDS[self.card.type]:
            widget = self.query_one(f"#edit-{f.name}")
            out[f.name] = (widget.text if isinstance(widget, TextArea)
                           else str(widget.value) if isinstance(widget, (Input, Select)) else "")
        return out

    def action_save(self) -> None:
        if self.saving:
            return
        self.saving = True
        self.write(self.form())

    @dataclass
    class Saved(Reply):
        value: Any  # what ``save`` returned
        problems: list[str] | None = None  # why the edit was refused: shown in the dialog

    @change(name="save card", group="save card")
    def write(self, form: dict[str, str]) -> None:
        def job() -> EditCardDialog.Saved:
            try:
                return self.Saved(self.save(form))
            except EditError as exc:  # the user's to fix: shown here, not as an app error
                return self.Saved(None, exc.problems)

        self.post_message(self.database(job))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self.saving = False
        if message.problems is None:
            self.dismiss(message.value)
            return
        box = self.query_one("#edit-problems", Static)
        box.update(Content.from_markup("[b $error]Not saved:[/] $p", p="\n".join(message.problems)))
        box.display = True

    def work_failed(self, worker) -> None:
        self.saving = False  # the app shows why; the fields stay as typed, to retry

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "edit-save":
            self.action_save()
        elif event.button.id == "edit-cancel":
            self.action_cancel()


def open_editor(screen, deck_id: str, card_id: str, closed: Callable[[dict | None], Any]) -> bool:
    """Open the editor on one card of the app's collection (False if the card is not loaded).

    Saving writes the deck file and reloads the deck (``Collection.edit_card``).
    ``closed(items)`` runs on the UI thread when the editor closes: the deck's fresh study
    items if the card changed (e.g. to refresh a session), else None.
    """
    if screen.app.refused_in_preview("edit cards"):  # the file would change, its copy's schedule be lost
        return False
    collection = screen.app.collection
    deck = collection.decks.get(deck_id)
    card = next((c for c in deck.cards if c.id == card_id), None) if deck else None
    if card is None:
        return False
    try:  # say so now rather than after the user has typed the edit
        check_writable(deck.path)
    except EditError as exc:
        screen.notify("\n".join(exc.problems), title="Cannot edit", severity="error", markup=False, timeout=8)
        return False

    def save(form: dict[str, str]) -> dict | None:
        return collection.edit_card(deck_id, card_id, form)

    def done(items: dict | None) -> None:
        if items is not None:
            screen.notify(f"Saved to {deck.path.name}.", timeout=2, markup=False)
        closed(items)

    screen.app.push_screen(EditCardDialog(deck.title, card, save), done)
    return True
