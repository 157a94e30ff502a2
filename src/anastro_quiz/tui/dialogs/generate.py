"""Asked before generating a deck in the app: which document, and whether to replace a deck
generated from it before."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, Switch


@dataclass
class GenerateRequest:
    document: Path
    folder: Path  # where the deck is written (see paths.folder_for_new_decks)
    replace: bool  # overwrite the deck and source files if they exist


class GenerateDialog(ModalScreen[GenerateRequest | None]):
    """Dismisses with a :class:`GenerateRequest`, or ``None`` when cancelled. A path that is
    not a file is said under the field, and the dialog stays open to correct it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "generate", "Generate")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="generate-box", classes="dialog"):
            yield Static("New deck from a document", classes="dialog-title")
            yield Static(f"Text, Markdown, HTML or PDF. The deck is written to {self.folder}, with a copy of "
                         "the document in its sources/; then you curate its cards.", markup=False)
            yield Input(id="generate-path", placeholder="path/to/article.pdf", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Replace the deck if it was generated before")
                yield Switch(id="generate-replace", animate=False)
            yield Static("", id="generate-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Generate", id="generate-start", variant="primary", compact=True)
                yield Button("Cancel", id="generate-cancel", compact=True)
            yield Static("Enter or Ctrl+S generates · Esc cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#generate-path", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "generate-start":
            self.action_generate()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_generate()

    def action_generate(self) -> None:
        typed = self.query_one("#generate-path", Input).value.strip()
        problem = None
        document = Path(typed).expanduser()
        if not typed:
            problem = "Type the path of a document."
        elif not document.exists():
            problem = f"There is no file {document}."
        elif not document.is_file():
            problem = f"{document} is a folder: give one document in it."
        if problem:
            self.query_one("#generate-error", Static).update(problem)
            return
        self.dismiss(GenerateRequest(document, self.folder, self.query_one("#generate-replace", Switch).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
