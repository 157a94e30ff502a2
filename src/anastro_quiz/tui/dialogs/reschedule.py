"""Asked after desired retention or FSRS parameters change: reschedule existing cards? With the load change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...reschedule import ReschedulePreview


def load_change(preview: ReschedulePreview) -> Content:
    """The preview as the dialog shows it: totals, then the busiest days before and after."""
    before, after = sum(preview.before.values()), sum(preview.after.values())
    lines = [f"{preview.changed} of {preview.cards} studied cards get a new due date.",
             f"Reviews due in the next 30 days: {before} now, {after} after rescheduling.", "",
             f"{'day':<10}  {'now':>4}  {'after':>5}"]
    days = [d for d in preview.before if preview.before[d] or preview.after[d]][:10]
    lines += [f"{d:<10}  {preview.before[d]:>4}  {preview.after[d]:>5}" for d in days]
    return Content("\n".join(lines))


class RescheduleDialog(ModalScreen[bool]):
    """Dismisses with ``True`` to reschedule, ``False`` to keep the due dates."""

    BINDINGS = [Binding("escape", "keep", "Keep due dates")]

    def __init__(self, preview: ReschedulePreview, why: str = "") -> None:
        super().__init__()
        self.preview = preview
        self.why = why  # what changed, when the dialog is not asked for from Settings

    def compose(self) -> ComposeResult:
        with Vertical(id="reschedule-box", classes="dialog"):
            yield Static(f"{self.why}Reschedule existing cards?", classes="dialog-title", markup=False)
            yield Static(load_change(self.preview), id="reschedule-text")
            with Horizontal(classes="buttons"):
                yield Button("Reschedule", id="reschedule-yes", variant="primary", compact=True)
                yield Button("Keep due dates", id="reschedule-no", compact=True)
            yield Static("New reviews follow the new settings either way.", classes="dialog-hint")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "reschedule-yes")

    def action_keep(self) -> None:
        self.dismiss(False)
