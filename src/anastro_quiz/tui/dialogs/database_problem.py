"""A database that cannot be used (damaged, disk full, read-only): what happened and what to do."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class DatabaseProblemDialog(ModalScreen[None]):
    """Shown instead of a screen that would wait forever for data; q quits, Escape closes."""

    BINDINGS = [Binding("q", "app.quit", "Quit"), Binding("escape", "dismiss", "Close")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="database-problem", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.message, id="database-problem-text", markup=False)
            yield Static("q quits · Escape closes", classes="dialog-hint")
