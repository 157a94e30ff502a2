"""Asked when Esc leaves Settings, or 'Applies to' picks another scope, with edits not saved:
save them, throw them away, or stay."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class UnsavedDialog(ModalScreen[str]):
    """Dismisses with ``"save"``, ``"discard"`` or ``"stay"`` (Esc: stay, nothing lost)."""

    BINDINGS = [Binding("escape", "choose('stay')", "Keep editing"),
                Binding("ctrl+s", "choose('save')", "Save"),
                Binding("d", "choose('discard')", "Discard")]

    def __init__(self, text: str = "You changed settings without saving them.") -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="unsaved-box", classes="dialog"):
            yield Static("Unsaved changes", classes="dialog-title")
            yield Static(self.text, id="unsaved-text", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (Ctrl+S)", id="unsaved-save", variant="primary", compact=True)
                yield Button("Discard (d)", id="unsaved-discard", compact=True)
                yield Button("Keep editing (Esc)", id="unsaved-stay", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "unsaved-stay").removeprefix("unsaved-"))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
