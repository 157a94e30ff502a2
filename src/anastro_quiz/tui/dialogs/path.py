"""Asked before long work on a file (a document to generate a deck from, another copy's
database to merge): its path, and optionally one yes/no choice (replace what exists)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, Switch


@dataclass
class PathChoice:
    path: Path  # an existing file (``~`` expanded)
    switch: bool  # the dialog's yes/no choice (False when it has none)


class PathDialog(ModalScreen[PathChoice | None]):
    """Dismisses with a :class:`PathChoice`, or ``None`` when cancelled. A path that is not a
    file is said under the field, and the dialog stays open to correct it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "choose", "Go")]

    def __init__(self, title: str, text: str, *, go: str, placeholder: str, switch: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.go = go  # the button's label ("Generate", "Merge")
        self.placeholder = placeholder
        self.switch_label = switch

    def compose(self) -> ComposeResult:
        with Vertical(id="path-box", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.text, markup=False)
            yield Input(id="path-input", placeholder=self.placeholder, compact=True)
            if self.switch_label:
                with Horizontal(classes="form-row"):
                    yield Label(self.switch_label)
                    yield Switch(id="path-switch", animate=False)
            yield Static("", id="path-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.go, id="path-go", variant="primary", compact=True)
                yield Button("Cancel", id="path-cancel", compact=True)
            yield Static(f"Enter or Ctrl+S: {self.go.lower()} · Esc cancels", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#path-input", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "path-go":
            self.action_choose()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        typed = self.query_one("#path-input", Input).value.strip()
        path = Path(typed).expanduser()
        problem = None
        if not typed:
            problem = "Type the path of a file."
        elif not path.exists():
            problem = f"There is no file {path}."
        elif not path.is_file():
            problem = f"{path} is a folder: give one file in it."
        if problem:
            self.query_one("#path-error", Static).update(problem)
            return
        switch = self.query("#path-switch")
        self.dismiss(PathChoice(path, bool(switch) and switch.first(Switch).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
