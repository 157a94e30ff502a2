"""Act on the cards a search in Cards shows: suspend, unsuspend, reset, set a due date, quiz."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ...numbers import plural

ACTIONS = (("suspend", "Suspend"), ("unsuspend", "Unsuspend"), ("reset", "Reset to new"), ("quiz", "Quiz these"))


class SelectionDialog(ModalScreen[tuple[str, int] | None]):
    """Dismisses with ``(action, days)`` (``days`` for ``due``), or ``None`` (Escape)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, cards: int) -> None:
        super().__init__()
        self.cards = cards

    def compose(self) -> ComposeResult:
        with Vertical(id="selection-box", classes="dialog"):
            yield Static(f"The {plural(self.cards, 'card')} shown", classes="dialog-title")
            with Horizontal(classes="buttons"):
                for action, label in ACTIONS:
                    yield Button(label, id=f"act-{action}", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Due in (days, 0: today)")
                yield Input("0", id="act-days", type="integer", compact=True)
                yield Button("Set due date", id="act-due", variant="primary", compact=True)
            yield Static("Reset makes them new again (the review log keeps what happened); a due date "
                         "moves studied cards only. Esc cancels.", classes="dialog-hint")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        action = (event.button.id or "").removeprefix("act-")
        if action != "due":
            self.dismiss((action, 0))
            return
        text = self.query_one("#act-days", Input).value.strip()
        if not text.isdigit() or int(text) > 36500:
            self.notify("Type the days from today until the cards are due: 0 to 36500.", title="No due date",
                        severity="warning")
            return
        self.dismiss(("due", int(text)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#act-due", Button).press()

    def action_cancel(self) -> None:
        self.dismiss(None)
