"""Settings' offer to reschedule (as Anki's "reschedule cards on change"): once a save changed
what due dates depend on (desired retention, parameters, easy days), preview in a worker how the
cards studied so far would move, and apply it if the user agrees. Mixed into
:class:`~.settings.SettingsScreen`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work

from ..work import Reply, change

if TYPE_CHECKING:
    from ...reschedule import ReschedulePreview


class RescheduleOnChange:
    """``preview_reschedule(deck_id)`` after a save that moves due dates, then the dialog, then the work.

    Its handlers go by Textual's naming (``on_<namespace>_<message>``), not ``@on``: only a class
    made by Textual's own metaclass registers ``@on`` handlers, and a mixin is not one."""

    @dataclass
    class Previewed(Reply):
        preview: ReschedulePreview

    @work(thread=True, exit_on_error=False, group="reschedule", name="reschedule preview")
    def preview_reschedule(self, deck_id: str | None) -> None:
        """Desired retention, parameters or easy days changed: offer to reschedule the cards studied so far,
        showing how the load changes (asked each time, as Anki's "reschedule cards on change")."""
        from ...reschedule import preview_reschedule

        decks = [deck_id] if deck_id else None
        self.post_message(self.Previewed(self.database(lambda: preview_reschedule(self.collection, decks))))

    def on_reschedule_on_change_previewed(self, message: Previewed) -> None:
        from ..dialogs.reschedule import RescheduleDialog

        preview = message.preview
        if preview.changed:
            self.app.push_screen(RescheduleDialog(preview), lambda yes: self.reschedule(preview) if yes else None)

    @dataclass
    class Rescheduled(Reply):
        cards: int

    @change(name="reschedule", group="reschedule")
    def reschedule(self, preview: ReschedulePreview) -> None:
        from ...reschedule import apply_reschedule

        self.post_message(self.Rescheduled(self.database(lambda: apply_reschedule(self.collection, preview))))

    def on_reschedule_on_change_rescheduled(self, message: Rescheduled) -> None:
        self.notify(f"Rescheduled {message.cards} cards.", timeout=3)

